/* steward-preferences-helpers.h — what the Preferences groups do alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The groups of the Preferences window (team, canned replies, business
 * hours, urgency rules) and the window itself list what the store holds,
 * refresh when it changes, give each row a remove button, open their
 * editing dialogs over the window and tell trouble in a toast.
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

/* Calls @refresh, a `void (*) (Owner *widget)` given with G_CALLBACK (),
 * on @widget while it lives, each time the store of @context emits
 * "changed" for @what ("settings", "accounts"…). */
void       steward_preferences_refresh_on_change (GtkWidget      *widget,
                                                  StewardContext *context,
                                                  const char     *what,
                                                  GCallback       refresh);
/* Removes every row of @list. */
void       steward_preferences_clear_list        (GtkListBox     *list);
/* A flat trash button for a row's suffix that activates @action_name with
 * @target (floating references are sunk). */
GtkWidget *steward_preferences_remove_button_new (const char     *tooltip,
                                                  const char     *action_name,
                                                  GVariant       *target);
/* A dialog over @parent that asks whether to remove something: the
 * responses "cancel" (the default) and "remove". */
GtkWidget *steward_preferences_remove_dialog_new (GtkWindow      *parent,
                                                  const char     *heading,
                                                  const char     *body);
/* Shows @dialog over the window @widget is in. */
void       steward_preferences_present_dialog    (GtkWidget      *widget,
                                                  GtkWidget      *dialog);
/* A toast in the Preferences window @widget is in, if it is in one;
 * @text is markup. */
void       steward_preferences_add_toast         (GtkWidget      *widget,
                                                  const char     *text);
/* Logs "@title: message" and shows it as a toast. */
void       steward_preferences_show_error        (GtkWidget      *widget,
                                                  const char     *title,
                                                  const GError   *error);

G_END_DECLS
