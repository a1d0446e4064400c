/* steward-preferences-helpers.c — what the Preferences groups do alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-preferences-helpers.h"

typedef struct {
  GtkWidget  *widget;
  char       *what;
  void      (*refresh) (GtkWidget *widget);
} Watch;

/* Helpers */

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  Watch *watch = data;

  g_free (watch->what);
  g_free (watch);
}

/* Callbacks */

static void
on_store_changed_cb (StewardStore *store,
                     const char   *what,
                     Watch        *watch)
{
  if (g_strcmp0 (what, watch->what) == 0)
    watch->refresh (watch->widget);
}

/* Public API */

void
steward_preferences_refresh_on_change (GtkWidget      *widget,
                                       StewardContext *context,
                                       const char     *what,
                                       GCallback       refresh)
{
  GClosure *closure;
  Watch *watch;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (STEWARD_IS_CONTEXT (context));
  g_return_if_fail (what != NULL);
  g_return_if_fail (refresh != NULL);

  watch = g_new0 (Watch, 1);
  watch->widget = widget;
  watch->what = g_strdup (what);
  watch->refresh = (void (*) (GtkWidget *)) refresh;

  /* As g_signal_connect_object (): the handler goes with the widget. */
  closure = g_cclosure_new (G_CALLBACK (on_store_changed_cb), watch, watch_free);
  g_object_watch_closure (G_OBJECT (widget), closure);
  g_signal_connect_closure (steward_context_get_store (context), "changed", closure, FALSE);
}

void
steward_preferences_clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

GtkWidget *
steward_preferences_remove_button_new (const char *tooltip,
                                       const char *action_name,
                                       GVariant   *target)
{
  GtkWidget *button;

  g_return_val_if_fail (action_name != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

GtkWidget *
steward_preferences_remove_dialog_new (GtkWindow  *parent,
                                       const char *heading,
                                       const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

void
steward_preferences_present_dialog (GtkWidget *widget,
                                    GtkWidget *dialog)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
steward_preferences_add_toast (GtkWidget  *widget,
                               const char *text)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  root = gtk_widget_get_root (widget);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

void
steward_preferences_show_error (GtkWidget    *widget,
                                const char   *title,
                                const GError *error)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);
  g_return_if_fail (error != NULL);

  text = g_markup_printf_escaped ("%s: %s", title, error->message);
  g_warning ("%s: %s", title, error->message);
  steward_preferences_add_toast (widget, text);
}
