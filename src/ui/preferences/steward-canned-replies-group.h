/* steward-canned-replies-group.h — Preferences: canned replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_CANNED_REPLIES_GROUP (steward_canned_replies_group_get_type ())
G_DECLARE_FINAL_TYPE (StewardCannedRepliesGroup, steward_canned_replies_group, STEWARD, CANNED_REPLIES_GROUP, AdwPreferencesGroup)

GtkWidget *steward_canned_replies_group_new (StewardContext *context);

G_END_DECLS
