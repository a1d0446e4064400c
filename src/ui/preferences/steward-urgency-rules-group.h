/* steward-urgency-rules-group.h — Preferences: the urgency rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the rules with their conditions, an enable switch and how many
 * items of the last 30 days each matched (a dry run in a worker thread);
 * adds, edits (StewardUrgencyRuleDialog) and removes them, saving every
 * change with steward_store_save_urgency_rules().
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_URGENCY_RULES_GROUP (steward_urgency_rules_group_get_type ())
G_DECLARE_FINAL_TYPE (StewardUrgencyRulesGroup, steward_urgency_rules_group, STEWARD, URGENCY_RULES_GROUP, AdwPreferencesGroup)

GtkWidget *steward_urgency_rules_group_new (StewardContext *context);

G_END_DECLS
