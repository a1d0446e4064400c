/* steward-inbox-item.h — one mention or direct message in the Inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_ITEM (steward_inbox_item_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxItem, steward_inbox_item, STEWARD, INBOX_ITEM, GObject)

/* Properties: "id" (gint64), "account-id" (gint64), "account-label",
 * "network", "kind" (StewardItemKind), "status" (StewardItemStatus,
 * read-write: the store persists it, the object only mirrors it),
 * "remote-id", "url", "author" (acct), "author-name", "author-avatar-url",
 * "author-initials" (one or two characters for an avatar), "text" (plain),
 * "markup" (safe Pango markup), "created-at" (GDateTime, UTC).
 *
 * Triage properties, read-only mirrors of the store (change them with
 * steward_store_change_items(), steward-triage.h): "assignee" (nullable),
 * "tags" (GStrv, sorted, never NULL), "snoozed-until" (GDateTime,
 * nullable), "needs-reply" (gboolean), "classified" (gboolean: sentiment
 * and urgency are known), "sentiment-score" (double, −1..1, 0 when not
 * classified), "sentiment-label" (StewardSentimentLabel as int), "urgent"
 * (gboolean), "urgent-rules" (GStrv: names of the rules that fired),
 * "sla-due-at" and "first-response-at" (GDateTime, nullable), "n-notes"
 * (guint), "author-url" (nullable), "author-followers" (gint64, −1 when
 * unknown), "post-id" (gint64, the cached post), "in-reply-to" (nullable
 * remote id of the post it answers), "visibility" (nullable). */
gint64             steward_inbox_item_get_id                (StewardInboxItem  *self);
gint64             steward_inbox_item_get_account_id        (StewardInboxItem  *self);
const char        *steward_inbox_item_get_account_label     (StewardInboxItem  *self);
const char        *steward_inbox_item_get_network           (StewardInboxItem  *self);
StewardItemKind    steward_inbox_item_get_kind              (StewardInboxItem  *self);
StewardItemStatus  steward_inbox_item_get_status            (StewardInboxItem  *self);
void               steward_inbox_item_set_status            (StewardInboxItem  *self,
                                                             StewardItemStatus  status);
const char        *steward_inbox_item_get_remote_id         (StewardInboxItem  *self);
const char        *steward_inbox_item_get_url               (StewardInboxItem  *self);
const char        *steward_inbox_item_get_author            (StewardInboxItem  *self);
const char        *steward_inbox_item_get_author_name       (StewardInboxItem  *self);
const char        *steward_inbox_item_get_author_avatar_url (StewardInboxItem  *self);
char              *steward_inbox_item_dup_author_initials   (StewardInboxItem  *self);
const char        *steward_inbox_item_get_text              (StewardInboxItem  *self);
const char        *steward_inbox_item_get_markup            (StewardInboxItem  *self);
GDateTime         *steward_inbox_item_get_created_at        (StewardInboxItem  *self);

const char        *steward_inbox_item_get_assignee          (StewardInboxItem  *self);
const char * const *steward_inbox_item_get_tags             (StewardInboxItem  *self);
gboolean           steward_inbox_item_has_tag               (StewardInboxItem  *self,
                                                             const char        *tag);
GDateTime         *steward_inbox_item_get_snoozed_until     (StewardInboxItem  *self);
gboolean           steward_inbox_item_get_needs_reply       (StewardInboxItem  *self);
gboolean           steward_inbox_item_get_classified        (StewardInboxItem  *self);
double             steward_inbox_item_get_sentiment_score   (StewardInboxItem  *self);
int                steward_inbox_item_get_sentiment_label   (StewardInboxItem  *self);
gboolean           steward_inbox_item_get_urgent            (StewardInboxItem  *self);
const char * const *steward_inbox_item_get_urgent_rules     (StewardInboxItem  *self);
GDateTime         *steward_inbox_item_get_sla_due_at        (StewardInboxItem  *self);
GDateTime         *steward_inbox_item_get_first_response_at (StewardInboxItem  *self);
guint              steward_inbox_item_get_n_notes           (StewardInboxItem  *self);
const char        *steward_inbox_item_get_author_url        (StewardInboxItem  *self);
gint64             steward_inbox_item_get_author_followers  (StewardInboxItem  *self);
gint64             steward_inbox_item_get_post_id           (StewardInboxItem  *self);
const char        *steward_inbox_item_get_in_reply_to       (StewardInboxItem  *self);
const char        *steward_inbox_item_get_visibility        (StewardInboxItem  *self);
/* The SLA state at @now (Unix seconds), with the due-soon window of
 * @due_soon_seconds (see steward_sla_policy_get_due_soon()). */
StewardSlaState    steward_inbox_item_get_sla_state         (StewardInboxItem  *self,
                                                             gint64             now,
                                                             gint64             due_soon_seconds);

G_END_DECLS
