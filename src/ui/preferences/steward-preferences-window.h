/* steward-preferences-window.h — accounts, sync, notifications, the team,
 * canned replies, business hours and urgency rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_PREFERENCES_WINDOW (steward_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (StewardPreferencesWindow, steward_preferences_window, STEWARD, PREFERENCES_WINDOW, AdwPreferencesWindow)

StewardPreferencesWindow *steward_preferences_window_new         (StewardContext           *context);
StewardContext           *steward_preferences_window_get_context (StewardPreferencesWindow *self);

G_END_DECLS
