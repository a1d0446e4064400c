/* steward-triage-labels.h — words and chip colours for triage states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue rows, the conversation and the views pane name statuses, SLA
 * clocks, sentiment and outbox states the same way and colour them with
 * the same CSS classes (style.css).
 */
#pragma once

#include <gtk/gtk.h>
#include <steward/steward.h>

G_BEGIN_DECLS

/* Until the workspace's policy is read (steward_sla_policy_get_due_soon()). */
#define STEWARD_SLA_DEFAULT_DUE_SOON (120 * 60)

const char *steward_item_status_get_display_name  (StewardItemStatus   status);
/* @status -1 empties the chip. */
void        steward_status_chip_set_status        (GtkLabel           *label,
                                                   int                 status);
void        steward_sla_chip_clear                (GtkWidget          *chip);
void        steward_sla_chip_set_state            (GtkWidget          *chip,
                                                   StewardSlaState     state);
/* Shows "Negative"/"Positive"; returns %FALSE for neutral (hide it). */
gboolean    steward_sentiment_chip_set_label      (GtkLabel           *label,
                                                   int                 sentiment_label);
const char *steward_outbox_state_get_display_name (StewardOutboxState  state);
void        steward_outbox_chip_set_state         (GtkLabel           *label,
                                                   StewardOutboxState  state);
const char *steward_inbox_view_get_display_name   (StewardInboxView    view);
const char *steward_inbox_view_get_icon_name      (StewardInboxView    view);
/* "Urgent: refund, scam" (the rules that fired), or "Urgent" */
char       *steward_urgent_rules_dup_display      (const char * const *rules);
/* "#billing #refund", or "" */
char       *steward_tags_dup_display              (const char * const *tags);

G_END_DECLS
