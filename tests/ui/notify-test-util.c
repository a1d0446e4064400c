/* notify-test-util.c — what reaches the notification daemon, overheard
 * on the test session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "notify-test-util"

#include "notify-test-util.h"

#include "ui-test-util.h"

struct _NotifyMonitor
{
  GDBusConnection *connection;
  GMutex           mutex;
  GPtrArray       *calls;  /* GDBusMessage, guarded by mutex */
};

typedef struct {
  NotifyMonitor *monitor;
  const char    *member;
  guint          n;
} CallCount;

gboolean
notify_test_can_run (void)
{
  g_autofree char *dunst = g_find_program_in_path ("dunst");

  return g_getenv ("DISPLAY") != NULL && dunst != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;
}

/* Runs in GDBus's worker thread. Dropping the calls it overhears keeps
 * GDBus from answering them: a monitor must never send. */
static GDBusMessage *
monitor_filter_cb (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  NotifyMonitor *self = user_data;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0)
    {
      g_mutex_lock (&self->mutex);
      g_ptr_array_add (self->calls, g_object_ref (message));
      g_mutex_unlock (&self->mutex);
    }

  g_object_unref (message);
  return NULL;
}

NotifyMonitor *
notify_monitor_new (void)
{
  NotifyMonitor *self = g_new0 (NotifyMonitor, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications'", NULL };

  g_mutex_init (&self->mutex);
  self->calls = g_ptr_array_new_with_free_func (g_object_unref);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  self->connection = g_dbus_connection_new_for_address_sync (address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (self->connection, monitor_filter_cb, self, NULL);
  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return self;
}

void
notify_monitor_free (NotifyMonitor *self)
{
  g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->calls, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

guint
notify_monitor_count (NotifyMonitor *self,
                      const char    *member)
{
  guint n = 0;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->calls->len; i++)
    if (g_strcmp0 (g_dbus_message_get_member (g_ptr_array_index (self->calls, i)), member) == 0)
      n++;
  g_mutex_unlock (&self->mutex);

  return n;
}

static gboolean
has_calls (gpointer data)
{
  CallCount *count = data;

  return notify_monitor_count (count->monitor, count->member) >= count->n;
}

gboolean
notify_monitor_wait (NotifyMonitor *self,
                     const char    *member,
                     guint          n)
{
  CallCount count = { self, member, n };

  return wait_until (has_calls, &count);
}

GVariant *
notify_monitor_get_notify (NotifyMonitor *self,
                           guint          index)
{
  GVariant *parameters = NULL;

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->calls->len; i++)
    {
      GDBusMessage *message = g_ptr_array_index (self->calls, i);

      if (g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 && index-- == 0)
        {
          parameters = g_variant_ref (g_dbus_message_get_body (message));
          break;
        }
    }
  g_mutex_unlock (&self->mutex);

  g_assert_nonnull (parameters);
  return parameters;
}

void
notify_monitor_flush (NotifyMonitor *self)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint n = notify_monitor_count (self, "GetServerInformation") + 1;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetServerInformation",
                                       NULL, G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (notify_monitor_wait (self, "GetServerInformation", n));
}

static gboolean
check_done (gpointer data)
{
  return ((NotifyCheck *) data)->done;
}

guint
notify_monitor_wait_check (NotifyMonitor *self,
                           NotifyCheck   *check)
{
  g_assert_true (wait_until (check_done, check));
  g_assert_no_error (check->error);
  g_assert_true (check->ok);
  notify_monitor_flush (self);

  return check->n_notified;
}

void
assert_notify (GVariant           *parameters,
               const char         *summary,
               const char         *body,
               const char * const *actions,
               NotifyUrgency       urgency,
               guint32            *replaces_id)
{
  const char *app_name, *icon, *got_summary, *got_body;
  g_autoptr(GVariant) got_actions = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autofree const char **action_strv = NULL;
  guint32 got_replaces_id;
  gint32 timeout;
  guchar got_urgency;

  g_assert_cmpstr (g_variant_get_type_string (parameters), ==, "(susssasa{sv}i)");
  g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)",
                 &app_name, &got_replaces_id, &icon, &got_summary, &got_body, &got_actions, &hints, &timeout);

  g_assert_cmpstr (app_name, ==, "Steward");
  g_assert_cmpstr (icon, ==, "io.github.steward.Steward");
  g_assert_cmpstr (got_summary, ==, summary);
  if (body != NULL)
    g_assert_cmpstr (got_body, ==, body);

  action_strv = g_variant_get_strv (got_actions, NULL);
  g_assert_cmpstrv (action_strv, actions);

  g_assert_true (g_variant_lookup (hints, "urgency", "y", &got_urgency));
  g_assert_cmpuint (got_urgency, ==, urgency);

  if (replaces_id != NULL)
    *replaces_id = got_replaces_id;
}
