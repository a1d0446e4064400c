/* steward-window.c — the main window: four tabs over one workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-window"

#include <glib/gi18n.h>

#include "steward-add-account-dialog.h"
#include "steward-inbox-page.h"
#include "steward-inbox-report.h"
#include "steward-listening-page.h"
#include "steward-sync-indicator.h"
#include "steward-window.h"

struct _StewardWindow
{
  AdwApplicationWindow  parent_instance;

  StewardContext       *context;
  GSettings            *settings;
  StewardInboxModel    *new_items;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *welcome_title;
  GtkStack             *title_stack;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *inbox_stack_page;
  StewardInboxPage     *inbox_page;
  GtkStack             *main_stack;
  GtkRevealer          *offline_revealer;
  GtkRevealer          *demo_revealer;
  StewardSyncIndicator *sync_indicator;
  GtkWidget            *demo_pill;
};

static void update_switcher_bar (StewardWindow *self);

G_DEFINE_FINAL_TYPE (StewardWindow, steward_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = { "listening", "inbox", "calendar", "ambassadors" };

static void
refresh_accounts (StewardWindow *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_demo = FALSE;
  gboolean has_own = FALSE;
  gboolean has_accounts;

  g_assert (STEWARD_IS_WINDOW (self));

  accounts = steward_store_list_accounts (steward_context_get_store (self->context), &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      if (steward_account_get_is_demo (g_ptr_array_index (accounts, i)))
        has_demo = TRUE;
      else
        has_own = TRUE;
    }
  has_accounts = accounts->len > 0;

  gtk_stack_set_visible_child_name (self->main_stack, has_accounts ? "workspace" : "welcome");
  /* Swapped rather than disabled: libadwaita 1.2 criticals when a disabled
   * AdwViewSwitcherTitle is disposed. */
  gtk_stack_set_visible_child (self->title_stack,
                               has_accounts ? GTK_WIDGET (self->switcher_title) : self->welcome_title);
  update_switcher_bar (self);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_indicator), has_accounts);
  gtk_widget_set_visible (self->demo_pill, has_demo);
  /* Until the team adds an account of its own, the demo says what it is
   * and how to leave it. */
  gtk_revealer_set_reveal_child (self->demo_revealer, has_demo && !has_own);
}

/* The bottom bar stands in for the header's switcher when it does not fit. */
static void
update_switcher_bar (StewardWindow *self)
{
  g_assert (STEWARD_IS_WINDOW (self));

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    gtk_stack_get_visible_child (self->title_stack) == GTK_WIDGET (self->switcher_title) &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
update_badge (StewardWindow *self)
{
  guint n_new;

  g_assert (STEWARD_IS_WINDOW (self));

  n_new = g_list_model_get_n_items (G_LIST_MODEL (self->new_items));
  adw_view_stack_page_set_badge_number (self->inbox_stack_page, n_new);
  adw_view_stack_page_set_needs_attention (self->inbox_stack_page, n_new > 0);
}

static void
on_new_items_changed_cb (StewardWindow *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *model)
{
  update_badge (self);
}

static void
on_switcher_title_notify_cb (StewardWindow *self,
                             GParamSpec    *pspec,
                             GtkWidget     *switcher_title)
{
  update_switcher_bar (self);
}

static void
on_store_changed_cb (StewardWindow *self,
                     const char    *what,
                     StewardStore  *store)
{
  if (g_strcmp0 (what, "accounts") == 0)
    refresh_accounts (self);
}

static void
on_engine_account_failed_cb (StewardWindow     *self,
                             gint64             account_id,
                             const GError      *error,
                             StewardSyncEngine *engine)
{
  g_autoptr(StewardAccount) account = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_assert (STEWARD_IS_WINDOW (self));

  /* The banner already says so; a toast per account would be a storm. */
  if (!steward_sync_engine_get_online (engine) ||
      g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  account = steward_store_get_account (steward_context_get_store (self->context), account_id, NULL);
  label = account != NULL ? steward_account_dup_label (account) : g_strdup (_("An account"));

  if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED))
    {
      /* Translators: %s is an account such as @brand@mastodon.social */
      title = g_markup_printf_escaped (_("%s needs to sign in again"), label);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
    }
  else
    {
      /* Translators: %s is an account, the second %s why its sync failed */
      title = g_markup_printf_escaped (_("Could not sync %s: %s"), label, error->message);
      toast = adw_toast_new (title);
    }

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
steward_window_show_page_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  steward_window_show_page (STEWARD_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
steward_window_add_account_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  StewardWindow *self = STEWARD_WINDOW (widget);
  StewardAddAccountDialog *dialog;

  dialog = steward_add_account_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
steward_window_inbox_report_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  StewardWindow *self = STEWARD_WINDOW (widget);
  GtkWidget *report;

  report = steward_inbox_report_window_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (report));
}

static gboolean
steward_window_close_request (GtkWindow *window)
{
  StewardWindow *self = STEWARD_WINDOW (window);
  const char *page;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  page = adw_view_stack_get_visible_child_name (self->view_stack);
  if (page != NULL)
    g_settings_set_string (self->settings, "last-page", page);
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (steward_window_parent_class)->close_request (window);
}

static void
steward_window_constructed (GObject *object)
{
  StewardWindow *self = STEWARD_WINDOW (object);
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardSyncEngine *engine;
  StewardStore *store;
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (steward_window_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  last_page = g_settings_get_string (self->settings, "last-page");
  steward_window_show_page (self, last_page);

  store = steward_context_get_store (self->context);
  engine = steward_context_get_sync_engine (self->context);

  g_signal_connect_object (store, "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (engine, "account-failed",
                           G_CALLBACK (on_engine_account_failed_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (engine, "online", self->offline_revealer, "reveal-child",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  steward_sync_indicator_set_sync_engine (self->sync_indicator, engine);

  /* The badge counts new items; the model reads only the count. */
  self->new_items = steward_inbox_model_new (store);
  filter.status = STEWARD_ITEM_STATUS_NEW;
  steward_inbox_model_set_filter (self->new_items, &filter);
  g_signal_connect_object (self->new_items, "items-changed",
                           G_CALLBACK (on_new_items_changed_cb), self, G_CONNECT_SWAPPED);
  update_badge (self);

  refresh_accounts (self);
}

static void
steward_window_dispose (GObject *object)
{
  StewardWindow *self = STEWARD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_WINDOW);

  g_clear_object (&self->new_items);

  G_OBJECT_CLASS (steward_window_parent_class)->dispose (object);
}

static void
steward_window_finalize (GObject *object)
{
  StewardWindow *self = STEWARD_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (steward_window_parent_class)->finalize (object);
}

static void
steward_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StewardWindow *self = STEWARD_WINDOW (object);

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
steward_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StewardWindow *self = STEWARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      /* The pages are bound to this property in the template. */
      if (g_set_object (&self->context, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_window_class_init (StewardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = steward_window_constructed;
  object_class->dispose = steward_window_dispose;
  object_class->finalize = steward_window_finalize;
  object_class->get_property = steward_window_get_property;
  object_class->set_property = steward_window_set_property;

  window_class->close_request = steward_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_SYNC_INDICATOR);
  g_type_ensure (STEWARD_TYPE_LISTENING_PAGE);
  g_type_ensure (STEWARD_TYPE_INBOX_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/window/steward-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, welcome_title);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, inbox_stack_page);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, inbox_page);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, StewardWindow, demo_pill);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s",
                                   steward_window_show_page_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL,
                                   steward_window_add_account_action);
  gtk_widget_class_install_action (widget_class, "win.inbox-report", NULL,
                                   steward_window_inbox_report_action);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-page", "s", page_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
steward_window_init (StewardWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_switcher_title_notify_cb), self, G_CONNECT_SWAPPED);
}

StewardWindow *
steward_window_new (gpointer        application,
                    StewardContext *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

StewardContext *
steward_window_get_context (StewardWindow *self)
{
  g_return_val_if_fail (STEWARD_IS_WINDOW (self), NULL);

  return self->context;
}

void
steward_window_show_page (StewardWindow *self,
                          const char    *name)
{
  g_return_if_fail (STEWARD_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
steward_window_show_error (StewardWindow *self,
                           const char    *title,
                           const GError  *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  g_return_if_fail (STEWARD_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  if (error != NULL)
    /* Translators: a toast: what failed, then why */
    text = g_markup_printf_escaped (_("%s: %s"), title, error->message);
  else
    text = g_markup_escape_text (title, -1);

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
steward_window_add_toast (StewardWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (STEWARD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
steward_window_show_item (StewardWindow *self,
                          gint64         item_id)
{
  g_return_if_fail (STEWARD_IS_WINDOW (self));

  steward_window_show_page (self, "inbox");
  if (!steward_inbox_page_show_item (self->inbox_page, item_id))
    /* Translators: a toast when a notification's item is gone */
    steward_window_show_error (self, _("That item is no longer in the Inbox"), NULL);
  gtk_window_present (GTK_WINDOW (self));
}
