/* steward-urgency-rule-dialog.h — editing one urgency rule, with a dry run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits a copy of a rule: its name and conditions. "Dry run" counts, in a
 * worker thread with its own store, the items of the last 30 days the rule
 * as edited would have matched (steward_store_dry_run_urgency_rules()),
 * before anything is saved. Save emits "save" with the edited rule and
 * closes; whoever opened the dialog stores it.
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_URGENCY_RULE_DIALOG (steward_urgency_rule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StewardUrgencyRuleDialog, steward_urgency_rule_dialog, STEWARD, URGENCY_RULE_DIALOG, AdwWindow)

/* @rule: (nullable): the rule to edit (not changed); %NULL for a new one */
GtkWidget          *steward_urgency_rule_dialog_new           (StewardContext           *context,
                                                               StewardUrgencyRule       *rule);
/* A new rule from what the dialog shows, or %NULL when it is not valid
 * (no name, no condition). */
StewardUrgencyRule *steward_urgency_rule_dialog_dup_rule      (StewardUrgencyRuleDialog *self);
/* The last dry run's count, or -1 before one finished or after an edit
 * (property "dry-run-count"). */
int                 steward_urgency_rule_dialog_get_dry_run_count (StewardUrgencyRuleDialog *self);

G_END_DECLS
