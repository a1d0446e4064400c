/* steward-window.h — the main window: four tabs over one workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_WINDOW (steward_window_get_type ())
G_DECLARE_FINAL_TYPE (StewardWindow, steward_window, STEWARD, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). */
StewardWindow  *steward_window_new         (gpointer        application,
                                            StewardContext *context);
StewardContext *steward_window_get_context (StewardWindow  *self);
/* @name: "listening", "inbox", "calendar" or "ambassadors" */
void            steward_window_show_page   (StewardWindow  *self,
                                            const char     *name);
/* Shows @title and @error's message as a toast. */
void            steward_window_show_error  (StewardWindow  *self,
                                            const char     *title,
                                            const GError   *error);
/* Shows @toast (consumed, as adw_toast_overlay_add_toast() does). */
void            steward_window_add_toast   (StewardWindow  *self,
                                            AdwToast       *toast);
/* Switches to the Inbox, shows the item @item_id there (in the All view
 * when the current one does not hold it) and presents the window; for
 * notifications' "Open". */
void            steward_window_show_item   (StewardWindow  *self,
                                            gint64          item_id);

G_END_DECLS
