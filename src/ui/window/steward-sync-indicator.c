/* steward-sync-indicator.c — the header's sync button: progress and last sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-window"

#include <glib/gi18n.h>

#include "steward-sync-indicator.h"

struct _StewardSyncIndicator
{
  AdwBin             parent_instance;

  StewardSyncEngine *engine;
  guint              refresh_id;

  /* Template widgets */
  GtkButton         *button;
  GtkStack          *stack;
  GtkSpinner        *spinner;
};

G_DEFINE_FINAL_TYPE (StewardSyncIndicator, steward_sync_indicator, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SYNC_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_last_sync (GDateTime *last_sync)
{
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;
  gint64 n;

  if (last_sync == NULL)
    return g_strdup (_("Not synced yet"));

  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (now, last_sync);

  if (span < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Last synced just now"));
  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (ngettext ("Last synced %d minute ago",
                                        "Last synced %d minutes ago", n), (int) n);
    }
  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      return g_strdup_printf (ngettext ("Last synced %d hour ago",
                                        "Last synced %d hours ago", n), (int) n);
    }

  n = span / G_TIME_SPAN_DAY;
  return g_strdup_printf (ngettext ("Last synced %d day ago",
                                    "Last synced %d days ago", n), (int) n);
}

static void
update (StewardSyncIndicator *self)
{
  g_autofree char *tooltip = NULL;
  const char *last_error;
  gboolean syncing;

  g_assert (STEWARD_IS_SYNC_INDICATOR (self));

  if (self->engine == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "idle");
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }

  syncing = steward_sync_engine_get_syncing (self->engine);
  last_error = steward_sync_engine_get_last_error (self->engine);

  if (syncing)
    {
      const char *status = steward_sync_engine_get_status (self->engine);
      int percent = (int) (steward_sync_engine_get_progress (self->engine) * 100.0 + 0.5);

      /* Translators: the sync button's tooltip while syncing: what it does, and how far */
      tooltip = g_strdup_printf (_("%s (%d %%)"),
                                 status != NULL && *status != '\0' ? status : _("Syncing…"),
                                 CLAMP (percent, 0, 100));
      gtk_stack_set_visible_child_name (self->stack, "syncing");
    }
  else
    {
      g_autofree char *last = format_last_sync (steward_sync_engine_get_last_sync (self->engine));

      if (last_error != NULL && *last_error != '\0')
        {
          /* Translators: tooltip: when the last good sync was, then why the last one failed */
          tooltip = g_strdup_printf (_("%s\nThe last sync failed: %s\nClick to sync now"), last, last_error);
          gtk_stack_set_visible_child_name (self->stack, "failed");
        }
      else
        {
          /* Translators: tooltip: when the last sync was, then what a click does */
          tooltip = g_strdup_printf (_("%s\nClick to sync now"), last);
          gtk_stack_set_visible_child_name (self->stack, "idle");
        }
    }

  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
}

static gboolean
refresh_cb (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_engine_notify_cb (StewardSyncIndicator *self,
                     GParamSpec           *pspec,
                     StewardSyncEngine    *engine)
{
  update (self);
}

static void
steward_sync_indicator_map (GtkWidget *widget)
{
  StewardSyncIndicator *self = STEWARD_SYNC_INDICATOR (widget);

  GTK_WIDGET_CLASS (steward_sync_indicator_parent_class)->map (widget);

  /* "5 minutes ago" must age while the window is shown. */
  update (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (30, refresh_cb, self);
}

static void
steward_sync_indicator_unmap (GtkWidget *widget)
{
  StewardSyncIndicator *self = STEWARD_SYNC_INDICATOR (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (steward_sync_indicator_parent_class)->unmap (widget);
}

static void
steward_sync_indicator_dispose (GObject *object)
{
  StewardSyncIndicator *self = STEWARD_SYNC_INDICATOR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (steward_sync_indicator_parent_class)->dispose (object);
}

static void
steward_sync_indicator_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StewardSyncIndicator *self = STEWARD_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_sync_indicator_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StewardSyncIndicator *self = STEWARD_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SYNC_ENGINE:
      steward_sync_indicator_set_sync_engine (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_sync_indicator_class_init (StewardSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_sync_indicator_dispose;
  object_class->get_property = steward_sync_indicator_get_property;
  object_class->set_property = steward_sync_indicator_set_property;

  widget_class->map = steward_sync_indicator_map;
  widget_class->unmap = steward_sync_indicator_unmap;

  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL,
                         STEWARD_TYPE_SYNC_ENGINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/window/steward-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, StewardSyncIndicator, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardSyncIndicator, spinner);
}

static void
steward_sync_indicator_init (StewardSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StewardSyncEngine *
steward_sync_indicator_get_sync_engine (StewardSyncIndicator *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_INDICATOR (self), NULL);

  return self->engine;
}

void
steward_sync_indicator_set_sync_engine (StewardSyncIndicator *self,
                                        StewardSyncEngine    *engine)
{
  g_return_if_fail (STEWARD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (engine == NULL || STEWARD_IS_SYNC_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);

  if (engine != NULL)
    {
      static const char * const watched[] = {
        "notify::syncing", "notify::progress", "notify::status",
        "notify::last-sync", "notify::last-error",
      };

      for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
        g_signal_connect_object (engine, watched[i],
                                 G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
}
