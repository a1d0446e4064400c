/* steward-preferences-window.c — accounts, sync, notifications, the team,
 * canned replies, business hours and urgency rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-account-row.h"
#include "steward-add-account-dialog.h"
#include "steward-canned-replies-group.h"
#include "steward-preferences-helpers.h"
#include "steward-preferences-window.h"
#include "steward-sla-group.h"
#include "steward-team-group.h"
#include "steward-urgency-rules-group.h"

struct _StewardPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  StewardContext       *context;
  GSettings            *settings;
  GListStore           *accounts;
  GCancellable         *cancellable;

  /* Template widgets */
  GtkListBox           *accounts_list;
  AdwComboRow          *interval_row;
  GtkSwitch            *urgent_switch;
  GtkSwitch            *breach_switch;
  GtkSwitch            *spikes_switch;
  GtkSwitch            *background_switch;
  AdwPreferencesPage   *inbox_page;
  AdwPreferencesPage   *response_page;
};

G_DEFINE_FINAL_TYPE (StewardPreferencesWindow, steward_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The choices of interval_row, in seconds, in the order of its model. */
static const guint intervals[] = { 0, 60, 5 * 60, 15 * 60, 30 * 60, 60 * 60 };

static GtkWidget *
create_account_row_cb (gpointer item,
                       gpointer user_data)
{
  return steward_account_row_new (STEWARD_ACCOUNT (item));
}

static void
refresh_accounts (StewardPreferencesWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (STEWARD_IS_PREFERENCES_WINDOW (self));

  accounts = steward_store_list_accounts (steward_context_get_store (self->context), &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  g_list_store_splice (self->accounts, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       accounts->pdata, accounts->len);
}

static gboolean
interval_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint seconds = g_variant_get_uint32 (variant);
  guint best = 0;

  /* A value set elsewhere (gsettings) shows as the closest choice. */
  for (guint i = 1; i < G_N_ELEMENTS (intervals); i++)
    if (seconds != 0 &&
        (intervals[best] == 0 ||
         ABS ((gint64) intervals[i] - (gint64) seconds) < ABS ((gint64) intervals[best] - (gint64) seconds)))
      best = i;

  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
selected_to_interval (const GValue       *value,
                      const GVariantType *type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (intervals))
    return NULL;

  return g_variant_new_uint32 (intervals[selected]);
}

static void
remove_account_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  StewardContext *context = source_object;
  gint64 account_id = *(gint64 *) task_data;
  g_autoptr(GError) error = NULL;

  if (!steward_context_remove_account (context, account_id, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
remove_account_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StewardPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *title = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      title = g_markup_printf_escaped (_("Could not remove the account: %s"), error->message);
      steward_preferences_add_toast (GTK_WIDGET (self), title);
    }
}

static void
on_remove_response_cb (AdwMessageDialog         *dialog,
                       const char               *response,
                       StewardPreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 *account_id;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  /* Removing clears the token in the Secret Service, which blocks. */
  account_id = g_memdup2 (g_object_get_data (G_OBJECT (dialog), "account-id"), sizeof (gint64));
  task = g_task_new (self->context, self->cancellable, remove_account_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_remove_response_cb);
  g_task_set_task_data (task, account_id, g_free);
  g_task_run_in_thread (task, remove_account_thread);
}

static void
steward_preferences_window_remove_account_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *param)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (widget);
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *heading = NULL;
  gint64 *account_id;
  const char *body;
  GtkWidget *dialog;

  account = steward_store_get_account (steward_context_get_store (self->context),
                                       g_variant_get_int64 (param), &error);
  if (account == NULL)
    {
      g_warning ("Could not find the account to remove: %s", error->message);
      return;
    }

  if (steward_account_get_is_demo (account))
    {
      heading = g_strdup (_("Remove the Demo Workspace?"));
      body = _("The demo account and the sample community cached on this computer will be deleted. "
               "You can open the demo again from the welcome screen.");
    }
  else
    {
      label = steward_account_dup_label (account);
      /* Translators: %s is an account such as @brand@mastodon.social */
      heading = g_strdup_printf (_("Remove %s?"), label);
      body = _("Its mentions, messages and posts cached on this computer will be deleted, "
               "and its sign-in token removed from your keyring. Nothing is deleted on the server.");
    }

  dialog = steward_preferences_remove_dialog_new (GTK_WINDOW (self), heading, body);

  account_id = g_new (gint64, 1);
  *account_id = steward_account_get_id (account);
  g_object_set_data_full (G_OBJECT (dialog), "account-id", account_id, g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_remove_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_add_account_dialog (StewardPreferencesWindow *self,
                         const char               *server)
{
  StewardAddAccountDialog *dialog;

  g_assert (STEWARD_IS_PREFERENCES_WINDOW (self));

  dialog = steward_add_account_dialog_new (self->context);
  if (server != NULL)
    steward_add_account_dialog_set_server (dialog, server);
  steward_preferences_present_dialog (GTK_WIDGET (self), GTK_WIDGET (dialog));
}

static void
steward_preferences_window_add_account_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  show_add_account_dialog (STEWARD_PREFERENCES_WINDOW (widget), NULL);
}

static void
steward_preferences_window_sign_in_again_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (widget);
  g_autoptr(StewardAccount) account = NULL;

  /* Adding the same account again replaces its token and state. */
  account = steward_store_get_account (steward_context_get_store (self->context),
                                       g_variant_get_int64 (param), NULL);
  if (account != NULL)
    show_add_account_dialog (self, steward_account_get_server (account));
}

static void
steward_preferences_window_constructed (GObject *object)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (steward_preferences_window_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  steward_preferences_refresh_on_change (GTK_WIDGET (self), self->context, "accounts",
                                         G_CALLBACK (refresh_accounts));
  refresh_accounts (self);

  /* The groups need the workspace, which the template does not know. */
  adw_preferences_page_add (self->inbox_page,
                            ADW_PREFERENCES_GROUP (steward_team_group_new (self->context)));
  adw_preferences_page_add (self->inbox_page,
                            ADW_PREFERENCES_GROUP (steward_canned_replies_group_new (self->context)));
  adw_preferences_page_add (self->response_page,
                            ADW_PREFERENCES_GROUP (steward_sla_group_new (self->context)));
  adw_preferences_page_add (self->response_page,
                            ADW_PREFERENCES_GROUP (steward_urgency_rules_group_new (self->context)));
}

static void
steward_preferences_window_dispose (GObject *object)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_preferences_window_parent_class)->dispose (object);
}

static void
steward_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  StewardPreferencesWindow *self = STEWARD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_preferences_window_class_init (StewardPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_preferences_window_constructed;
  object_class->dispose = steward_preferences_window_dispose;
  object_class->get_property = steward_preferences_window_get_property;
  object_class->set_property = steward_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, urgent_switch);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, breach_switch);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, spikes_switch);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, inbox_page);
  gtk_widget_class_bind_template_child (widget_class, StewardPreferencesWindow, response_page);

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL,
                                   steward_preferences_window_add_account_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-account", "x",
                                   steward_preferences_window_remove_account_action);
  gtk_widget_class_install_action (widget_class, "prefs.sign-in-again", "x",
                                   steward_preferences_window_sign_in_again_action);
}

static void
steward_preferences_window_init (StewardPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->accounts = g_list_store_new (STEWARD_TYPE_ACCOUNT);
  gtk_list_box_bind_model (self->accounts_list, G_LIST_MODEL (self->accounts),
                           create_account_row_cb, NULL, NULL);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "sync-interval",
                                self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                interval_to_selected, selected_to_interval,
                                NULL, NULL);
  g_settings_bind (self->settings, "notify-urgent", self->urgent_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-breach", self->breach_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-spikes", self->spikes_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

StewardPreferencesWindow *
steward_preferences_window_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}

StewardContext *
steward_preferences_window_get_context (StewardPreferencesWindow *self)
{
  g_return_val_if_fail (STEWARD_IS_PREFERENCES_WINDOW (self), NULL);

  return self->context;
}
