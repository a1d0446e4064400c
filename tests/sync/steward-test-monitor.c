/* steward-test-monitor.c — a GNetworkMonitor the test switches by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-test-monitor"

#include "steward-test-monitor.h"

struct _StewardTestMonitor
{
  GObject  parent_instance;

  gboolean available;
};

static void steward_test_monitor_initable_iface_init (GInitableIface *iface);
static void steward_test_monitor_iface_init (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardTestMonitor, steward_test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      steward_test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      steward_test_monitor_iface_init))

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
steward_test_monitor_initable_init (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
steward_test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = steward_test_monitor_initable_init;
}

static gboolean
steward_test_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  if (STEWARD_TEST_MONITOR (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "test: offline");
  return FALSE;
}

static void
steward_test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = steward_test_monitor_can_reach;
}

static void
steward_test_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StewardTestMonitor *self = STEWARD_TEST_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_test_monitor_class_init (StewardTestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = steward_test_monitor_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
steward_test_monitor_init (StewardTestMonitor *self)
{
}

StewardTestMonitor *
steward_test_monitor_new (gboolean available)
{
  StewardTestMonitor *self = g_object_new (STEWARD_TYPE_TEST_MONITOR, NULL);

  self->available = available;
  return self;
}

void
steward_test_monitor_set_available (StewardTestMonitor *self,
                                    gboolean            available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}
