/* steward-add-account-dialog.c — sign in to a Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Register the app, let the user allow access in the browser, take the code
 * from the loopback redirect (RFC 8252) or as pasted, exchange it for a
 * token and hand that to the context, which verifies and stores it. Every
 * network call goes through StewardMastodonAuth and the context.
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <string.h>
#include <glib/gi18n.h>

#include "mastodon/steward-mastodon-auth.h"
#include "steward-add-account-dialog.h"

struct _StewardAddAccountDialog
{
  AdwWindow            parent_instance;

  StewardContext      *context;
  StewardMastodonAuth *auth;
  GCancellable        *cancellable;
  GCancellable        *wait_cancellable;
  char                *authorize_url;

  /* Template widgets */
  GtkStack            *stack;
  GtkWidget           *next_button;
  AdwEntryRow         *server_row;
  AdwEntryRow         *code_row;
  GtkLabel            *authorize_label;
  GtkLabel            *working_label;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (StewardAddAccountDialog, steward_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void exchange_code (StewardAddAccountDialog *self,
                           const char              *code);

static void
show_error (StewardAddAccountDialog *self,
            const GError            *error)
{
  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
update_next (StewardAddAccountDialog *self)
{
  const char *page;
  gboolean sensitive = FALSE;

  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "server") == 0)
    {
      g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));

      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
      sensitive = *server != '\0';
    }
  else if (g_strcmp0 (page, "authorize") == 0)
    {
      g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Sign In"));
      sensitive = *code != '\0';
    }

  gtk_widget_set_visible (self->next_button, g_strcmp0 (page, "working") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-account.next", sensitive);
}

static void
show_page (StewardAddAccountDialog *self,
           const char              *page,
           const char              *working_text)
{
  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "working"));
  if (working_text != NULL)
    gtk_label_set_label (self->working_label, working_text);
  update_next (self);

  if (g_str_equal (page, "server"))
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (g_str_equal (page, "authorize"))
    gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StewardAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Without a browser, the address is still there to copy by hand. */
  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->authorize_url != NULL)
    {
      g_autoptr(GError) shown = NULL;

      g_debug ("Could not open the browser: %s", error->message);
      /* Translators: %s is a web address to open by hand */
      shown = g_error_new (STEWARD_ERROR, STEWARD_ERROR_FAILED,
                           _("No browser could be opened. Open this address yourself: %s"),
                           self->authorize_url);
      show_error (self, shown);
    }
}

static void
open_browser (StewardAddAccountDialog *self)
{
  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  if (self->authorize_url != NULL)
    gtk_show_uri_full (GTK_WINDOW (self), self->authorize_url, GDK_CURRENT_TIME,
                       self->cancellable, show_uri_cb, g_object_ref (self));
}

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window reports sync failures from the engine's signals. */
  if (!steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &error))
    g_debug ("First sync of the new account failed: %s", error->message);
}

static void
add_account_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(StewardAddAccountDialog) self = user_data;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = steward_context_add_account_finish (STEWARD_CONTEXT (object), result, &error);
  if (account == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_page (self, "authorize", NULL);
      show_error (self, error);
      return;
    }

  steward_sync_engine_sync_async (steward_context_get_sync_engine (self->context),
                                  steward_account_get_id (account),
                                  NULL, sync_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
exchange_code_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StewardAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token;

  token = steward_mastodon_auth_exchange_code_finish (STEWARD_MASTODON_AUTH (object), result, &error);
  if (token == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_page (self, "authorize", NULL);
      show_error (self, error);
      return;
    }

  gtk_label_set_label (self->working_label, _("Checking the account…"));
  steward_context_add_account_async (self->context,
                                     "mastodon",
                                     steward_mastodon_auth_get_server (self->auth),
                                     token,
                                     self->cancellable,
                                     add_account_cb,
                                     g_object_ref (self));

  /* The token now lives only in the context's task and the keyring. */
  memset (token, 0, strlen (token));
  g_free (token);
}

static void
exchange_code (StewardAddAccountDialog *self,
               const char              *code)
{
  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));
  g_assert (self->auth != NULL);

  /* Whichever code came first wins; stop listening for the other. */
  g_cancellable_cancel (self->wait_cancellable);

  show_error (self, NULL);
  show_page (self, "working", _("Signing in…"));
  steward_mastodon_auth_exchange_code_async (self->auth, code, self->cancellable,
                                             exchange_code_cb, g_object_ref (self));
}

static void
wait_for_code_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StewardAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = steward_mastodon_auth_wait_for_code_finish (STEWARD_MASTODON_AUTH (object), result, &error);
  if (code == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  gtk_window_present (GTK_WINDOW (self));
  exchange_code (self, code);
}

static void
register_app_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StewardAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!steward_mastodon_auth_register_app_finish (STEWARD_MASTODON_AUTH (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_page (self, "server", NULL);
      show_error (self, error);
      return;
    }

  g_free (self->authorize_url);
  self->authorize_url = steward_mastodon_auth_dup_authorize_url (self->auth);

  /* Translators: %s is a server such as https://mastodon.social */
  text = g_strdup_printf (_("Sign in to %s in the browser window that opened and allow Steward access. "
                            "Steward continues by itself; if the server shows you a code instead, paste it here."),
                          steward_mastodon_auth_get_server (self->auth));
  gtk_label_set_label (self->authorize_label, text);
  show_page (self, "authorize", NULL);
  open_browser (self);

  if (g_strcmp0 (steward_mastodon_auth_get_redirect_uri (self->auth),
                 STEWARD_MASTODON_OOB_REDIRECT_URI) != 0)
    {
      g_clear_object (&self->wait_cancellable);
      self->wait_cancellable = g_cancellable_new ();
      steward_mastodon_auth_wait_for_code_async (self->auth, self->wait_cancellable,
                                                 wait_for_code_cb, g_object_ref (self));
    }
}

static void
start_registration (StewardAddAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *text = NULL;

  g_assert (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  server = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  if (*server == '\0')
    return;

  g_cancellable_cancel (self->wait_cancellable);
  g_clear_object (&self->auth);
  self->auth = steward_mastodon_auth_new (server);

  /* Without a loopback listener the server shows a code to paste. */
  if (!steward_mastodon_auth_start_loopback (self->auth, &error))
    g_debug ("No loopback redirect, falling back to a pasted code: %s", error->message);

  show_error (self, NULL);
  /* Translators: %s is a server such as https://mastodon.social */
  text = g_strdup_printf (_("Contacting %s…"), steward_mastodon_auth_get_server (self->auth));
  show_page (self, "working", text);
  steward_mastodon_auth_register_app_async (self->auth, self->cancellable,
                                            register_app_cb, g_object_ref (self));
}

static void
steward_add_account_dialog_next_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  StewardAddAccountDialog *self = STEWARD_ADD_ACCOUNT_DIALOG (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "server") == 0)
    start_registration (self);
  else if (g_strcmp0 (page, "authorize") == 0)
    {
      g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));

      if (*code != '\0')
        exchange_code (self, code);
    }
}

static void
steward_add_account_dialog_open_browser_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param)
{
  open_browser (STEWARD_ADD_ACCOUNT_DIALOG (widget));
}

static void
on_entry_changed_cb (StewardAddAccountDialog *self,
                     GtkEditable             *editable)
{
  update_next (self);
}

static void
steward_add_account_dialog_dispose (GObject *object)
{
  StewardAddAccountDialog *self = STEWARD_ADD_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->wait_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_ADD_ACCOUNT_DIALOG);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->wait_cancellable);
  g_clear_object (&self->auth);
  g_clear_object (&self->context);
  g_clear_pointer (&self->authorize_url, g_free);

  G_OBJECT_CLASS (steward_add_account_dialog_parent_class)->dispose (object);
}

static void
steward_add_account_dialog_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  StewardAddAccountDialog *self = STEWARD_ADD_ACCOUNT_DIALOG (object);

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
steward_add_account_dialog_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  StewardAddAccountDialog *self = STEWARD_ADD_ACCOUNT_DIALOG (object);

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
steward_add_account_dialog_class_init (StewardAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_add_account_dialog_dispose;
  object_class->get_property = steward_add_account_dialog_get_property;
  object_class->set_property = steward_add_account_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, authorize_label);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardAddAccountDialog, error_label);

  gtk_widget_class_install_action (widget_class, "add-account.next", NULL,
                                   steward_add_account_dialog_next_action);
  gtk_widget_class_install_action (widget_class, "add-account.open-browser", NULL,
                                   steward_add_account_dialog_open_browser_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
steward_add_account_dialog_init (StewardAddAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);

  g_signal_connect_object (self->server_row, "changed",
                           G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->code_row, "changed",
                           G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  show_page (self, "server", NULL);
}

StewardAddAccountDialog *
steward_add_account_dialog_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_ADD_ACCOUNT_DIALOG,
                       "context", context,
                       NULL);
}

void
steward_add_account_dialog_set_server (StewardAddAccountDialog *self,
                                       const char              *server)
{
  g_return_if_fail (STEWARD_IS_ADD_ACCOUNT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server != NULL ? server : "");
}
