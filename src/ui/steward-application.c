/* steward-application.c — the Steward GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-app"

#include <glib/gi18n.h>

#include "steward-application.h"
#include "steward-demo.h"
#include "steward-inbox-notifier.h"
#include "steward-preferences-window.h"
#include "steward-sources.h"
#include "steward-spike-notifier.h"
#include "steward-window.h"

/* While the demo workspace is open Steward syncs at least this often, so
 * that the demo's arriving mentions show up while someone is looking. */
#define DEMO_SYNC_INTERVAL 20
/* Running in the background with automatic sync off still syncs this
 * often: the point of staying is to notify about urgent posts. */
#define BACKGROUND_SYNC_INTERVAL 300

struct _StewardApplication
{
  AdwApplication  parent_instance;

  StewardContext *context;
  /* raises a notification for listening spikes after each sync */
  StewardSpikeNotifier *spike_notifier;
  /* raises notifications for urgent items and SLA breaches */
  StewardInboxNotifier *inbox_notifier;
  GSettings      *settings;
  GCancellable   *cancellable;
  guint           n_accounts;
  gboolean        has_demo;
  gboolean        sync_again;
  /* held while no window is open and "run-in-background" is on */
  gboolean        held;
  gboolean        quitting;
};

G_DEFINE_FINAL_TYPE (StewardApplication, steward_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the workspace in DIR instead of the default one"), N_("DIR") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo workspace"), NULL },
  { NULL }
};

static void
update_sync_interval (StewardApplication *self)
{
  StewardSyncEngine *engine;
  guint interval;

  g_assert (STEWARD_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  interval = g_settings_get_uint (self->settings, "sync-interval");
  if (self->has_demo && interval > DEMO_SYNC_INTERVAL)
    interval = DEMO_SYNC_INTERVAL;
  if (self->held && interval == 0)
    interval = BACKGROUND_SYNC_INTERVAL;

  engine = steward_context_get_sync_engine (self->context);
  if (steward_sync_engine_get_interval (engine) != interval)
    steward_sync_engine_set_interval (engine, interval);
}

static void
refresh_accounts (StewardApplication *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_demo = FALSE;

  g_assert (STEWARD_IS_APPLICATION (self));

  accounts = steward_store_list_accounts (steward_context_get_store (self->context), &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    if (steward_account_get_is_demo (g_ptr_array_index (accounts, i)))
      has_demo = TRUE;

  /* Someone who removed the demo does not want it back on the next start. */
  if (self->has_demo && !has_demo)
    g_settings_set_boolean (self->settings, "open-demo-when-empty", FALSE);

  self->n_accounts = accounts->len;
  self->has_demo = has_demo;
  update_sync_interval (self);
}

static StewardWindow *
get_window (StewardApplication *self)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (STEWARD_IS_WINDOW (window))
    return STEWARD_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (STEWARD_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(StewardApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures reach the window through the engine's "account-failed"
   * signal and "online" property; here they are only logged. */
  if (!steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Sync failed: %s", error->message);
    }

  if (self->sync_again)
    {
      self->sync_again = FALSE;
      steward_sync_engine_sync_async (STEWARD_SYNC_ENGINE (object), 0, self->cancellable,
                                      sync_cb, g_object_ref (self));
    }
}

/* Syncs every account. A call while a sync runs would join it, and that
 * one may have started before an account was added: sync again after it. */
static void
start_sync (StewardApplication *self)
{
  StewardSyncEngine *engine;

  g_assert (STEWARD_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  engine = steward_context_get_sync_engine (self->context);
  if (steward_sync_engine_get_syncing (engine))
    self->sync_again = TRUE;
  steward_sync_engine_sync_async (engine, 0, self->cancellable, sync_cb, g_object_ref (self));
}

static void
open_demo (StewardApplication *self)
{
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  StewardWindow *window;

  g_assert (STEWARD_IS_APPLICATION (self));

  window = get_window (self);
  account = steward_demo_ensure_account (self->context, &error);
  if (account == NULL)
    {
      g_warning ("Could not open the demo workspace: %s", error->message);
      if (window != NULL)
        steward_window_show_error (window, _("Could not open the demo workspace"), error);
      return;
    }

  if (window != NULL)
    steward_window_show_page (window, "inbox");

  start_sync (self);
}

static void
on_settings_changed_cb (StewardApplication *self,
                        const char         *key,
                        GSettings          *settings)
{
  update_sync_interval (self);
}

static void
update_spike_notifier (StewardApplication *self)
{
  g_assert (STEWARD_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  if (!g_settings_get_boolean (self->settings, "notify-spikes"))
    g_clear_object (&self->spike_notifier);
  else if (self->spike_notifier == NULL)
    self->spike_notifier = steward_spike_notifier_new (GTK_APPLICATION (self), self->context);
}

static void
on_notify_spikes_changed_cb (StewardApplication *self,
                             const char         *key,
                             GSettings          *settings)
{
  update_spike_notifier (self);
}

/* With no window left the app would quit; in the background it stays,
 * syncing and notifying, until Quit or until the setting is turned off. */
static void
update_hold (StewardApplication *self)
{
  gboolean hold;

  g_assert (STEWARD_IS_APPLICATION (self));

  hold = !self->quitting &&
         self->context != NULL &&
         gtk_application_get_windows (GTK_APPLICATION (self)) == NULL &&
         g_settings_get_boolean (self->settings, "run-in-background");
  if (hold == self->held)
    return;

  self->held = hold;
  update_sync_interval (self);
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_run_in_background_changed_cb (StewardApplication *self,
                                 const char         *key,
                                 GSettings          *settings)
{
  update_hold (self);
}

static void
on_window_added_cb (StewardApplication *self,
                    GtkWindow          *window)
{
  update_hold (self);
}

static void
on_window_removed_cb (StewardApplication *self,
                      GtkWindow          *window)
{
  update_hold (self);
}

static void
on_store_changed_cb (StewardApplication *self,
                     const char         *what,
                     StewardStore       *store)
{
  if (g_strcmp0 (what, "accounts") == 0)
    refresh_accounts (self);
}

static void
on_error_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             GApplication     *app)
{
  g_application_release (app);
}

static void
show_fatal_error (StewardApplication *self,
                  GError             *error)
{
  GtkWidget *dialog;

  /* Without a workspace there is no window to be transient for. */
  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Workspace"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_application_hold (G_APPLICATION (self));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_error_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
open_workspace (StewardApplication  *self,
                const char          *data_dir,
                GError             **error)
{
  g_autofree char *default_dir = NULL;
  StewardContext *context;

  g_assert (STEWARD_IS_APPLICATION (self));
  g_assert (self->context == NULL);

  if (data_dir == NULL)
    data_dir = default_dir = steward_context_default_data_dir ();

  context = steward_context_new (data_dir, error);
  if (context == NULL)
    return FALSE;

  self->context = context;
  steward_sources_register_all (self->context);
  steward_demo_register (self->context);
  update_spike_notifier (self);
  self->inbox_notifier = steward_inbox_notifier_new (GTK_APPLICATION (self), self->context);
  g_settings_bind (self->settings, "notify-urgent", self->inbox_notifier, "notify-urgent",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "notify-breach", self->inbox_notifier, "notify-breach",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (steward_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  refresh_accounts (self);

  return TRUE;
}

static StewardWindow *
present_window (StewardApplication *self)
{
  StewardWindow *window;

  window = get_window (self);
  if (window == NULL)
    window = steward_window_new (self, self->context);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
steward_application_quit_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  StewardApplication *self = user_data;

  /* Quit means quit, also when running in the background. */
  self->quitting = TRUE;
  update_hold (self);

  /* Closing the windows saves their state before the app goes. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
steward_application_preferences_action (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  StewardApplication *self = user_data;
  StewardPreferencesWindow *preferences;

  if (self->context == NULL)
    return;

  preferences = steward_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_window (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
steward_application_about_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  StewardApplication *self = user_data;
  static const char *developers[] = { "The Steward contributors", NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)),
                         "application-name", _("Steward"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Steward contributors"),
                         "developers", developers,
                         "comments", _("Listening, inbox, calendar and ambassadors for community managers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/steward-app/steward",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
steward_application_shortcuts_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  StewardApplication *self = user_data;
  StewardWindow *window = get_window (self);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
steward_application_sync_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  start_sync (user_data);
}

static void
steward_application_demo_action (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  StewardApplication *self = user_data;

  if (self->context != NULL)
    open_demo (self);
}

/* From a notification: shows the item in the Inbox (0: the Inbox),
 * opening a window when Steward runs in the background. */
static void
steward_application_open_item_action (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  StewardApplication *self = user_data;
  gint64 item_id = g_variant_get_int64 (param);
  StewardWindow *window;

  if (self->context == NULL)
    return;

  window = present_window (self);
  if (item_id > 0)
    steward_window_show_item (window, item_id);
  else
    steward_window_show_page (window, "inbox");
}

static void
steward_application_assign_to_me_action (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  StewardApplication *self = user_data;
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  gint64 item_id = g_variant_get_int64 (param);
  StewardWindow *window;
  StewardStore *store;

  if (self->context == NULL || item_id <= 0)
    return;

  /* One row on the app's own connection, so the Inbox hears "changed". */
  store = steward_context_get_store (self->context);
  me = steward_store_dup_me (store);
  change.assignee = me;
  window = get_window (self);
  if (!steward_store_change_items (store, &item_id, 1, &change, &error))
    {
      g_warning ("Could not assign an item: %s", error->message);
      if (window != NULL)
        steward_window_show_error (window, _("Could not assign the item"), error);
    }
  else if (window != NULL)
    steward_window_add_toast (window, adw_toast_new (_("Assigned to you")));
}

static const GActionEntry app_actions[] = {
  { "open-item", steward_application_open_item_action, "x" },
  { "assign-to-me", steward_application_assign_to_me_action, "x" },
  { "quit", steward_application_quit_action },
  { "preferences", steward_application_preferences_action },
  { "about", steward_application_about_action },
  { "shortcuts", steward_application_shortcuts_action },
  { "sync", steward_application_sync_action },
  { "open-demo", steward_application_demo_action },
};

static int
steward_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  StewardApplication *self = STEWARD_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  GVariantDict *options;
  const char *arg = NULL;
  gboolean demo = FALSE;

  options = g_application_command_line_get_options_dict (command_line);
  g_variant_dict_lookup (options, "demo", "b", &demo);
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &arg))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, arg);
      data_dir = g_file_get_path (file);
    }

  if (self->context == NULL)
    {
      if (!open_workspace (self, data_dir, &error))
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          show_fatal_error (self, error);
          return 1;
        }
      /* A workspace with no account opens the demo, so there is something
       * to look at; the demo banner offers to add a real account. */
      if (self->n_accounts == 0 &&
          g_settings_get_boolean (self->settings, "open-demo-when-empty"))
        demo = TRUE;
      if (!demo)
        start_sync (self);
    }
  else if (data_dir != NULL &&
           g_strcmp0 (data_dir, steward_context_get_data_dir (self->context)) != 0)
    {
      g_application_command_line_printerr (command_line,
                                           _("Steward is already running with the workspace in %s\n"),
                                           steward_context_get_data_dir (self->context));
    }

  present_window (self);

  if (demo)
    open_demo (self);

  return 0;
}

static void
steward_application_activate (GApplication *app)
{
  StewardApplication *self = STEWARD_APPLICATION (app);

  /* D-Bus activation without a command line opens the default workspace. */
  if (self->context == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!open_workspace (self, NULL, &error))
        {
          show_fatal_error (self, error);
          return;
        }
      start_sync (self);
    }

  present_window (self);
}

static void
steward_application_startup (GApplication *app)
{
  StewardApplication *self = STEWARD_APPLICATION (app);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.preferences", { "<Primary>comma", NULL } },
    { "app.sync", { "<Primary>r", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (steward_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
steward_application_shutdown (GApplication *app)
{
  StewardApplication *self = STEWARD_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    steward_sync_engine_set_interval (steward_context_get_sync_engine (self->context), 0);

  G_APPLICATION_CLASS (steward_application_parent_class)->shutdown (app);
}

static void
steward_application_dispose (GObject *object)
{
  StewardApplication *self = STEWARD_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->spike_notifier);
  g_clear_object (&self->inbox_notifier);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (steward_application_parent_class)->dispose (object);
}

static void
steward_application_class_init (StewardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = steward_application_dispose;

  app_class->startup = steward_application_startup;
  app_class->shutdown = steward_application_shutdown;
  app_class->activate = steward_application_activate;
  app_class->command_line = steward_application_command_line;
}

static void
steward_application_init (StewardApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::sync-interval",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::notify-spikes",
                           G_CALLBACK (on_notify_spikes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  g_signal_connect (self, "window-removed", G_CALLBACK (on_window_removed_cb), NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Listening, inbox, calendar and ambassadors for community managers."));
}

StewardApplication *
steward_application_new (void)
{
  return g_object_new (STEWARD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/steward/Steward",
                       NULL);
}

StewardContext *
steward_application_get_context (StewardApplication *self)
{
  g_return_val_if_fail (STEWARD_IS_APPLICATION (self), NULL);

  return self->context;
}

gboolean
steward_application_get_in_background (StewardApplication *self)
{
  g_return_val_if_fail (STEWARD_IS_APPLICATION (self), FALSE);

  return self->held;
}
