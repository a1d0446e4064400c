/* steward-application.h — the Steward GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_APPLICATION (steward_application_get_type ())
G_DECLARE_FINAL_TYPE (StewardApplication, steward_application, STEWARD, APPLICATION, AdwApplication)

StewardApplication *steward_application_new         (void);
/* The workspace, once the first command line has opened it; else NULL. */
StewardContext     *steward_application_get_context (StewardApplication *self);
/* Whether the app stays without a window, syncing and notifying, because
 * "run-in-background" is on and the last window was closed. */
gboolean            steward_application_get_in_background (StewardApplication *self);

G_END_DECLS
