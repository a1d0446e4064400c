/* steward-team-group.h — Preferences: who I am and the team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_TEAM_GROUP (steward_team_group_get_type ())
G_DECLARE_FINAL_TYPE (StewardTeamGroup, steward_team_group, STEWARD, TEAM_GROUP, AdwPreferencesGroup)

GtkWidget *steward_team_group_new (StewardContext *context);

G_END_DECLS
