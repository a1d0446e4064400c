/* steward-outbox-private.h — what the outbox's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry object is built from a row of the outbox table
 * (steward-outbox-entry.c); the store functions below are the steps of
 * sending one entry (steward-outbox-sender.c), each its own transaction.
 */
#pragma once

#include "steward-outbox.h"
#include "steward-sqlite-private.h"

G_BEGIN_DECLS

/* Hold reasons are stored as these codes; the entry's "hold-reason"
 * property gives the translated sentence. */
#define STEWARD_OUTBOX_HOLD_DELETED         "deleted"
#define STEWARD_OUTBOX_HOLD_ALREADY_REPLIED "already-replied"

/* The columns steward_outbox_entry_new_from_row() reads, in order. */
#define STEWARD_OUTBOX_COLUMNS \
  "id, account_id, item_id, idempotency_key, in_reply_to, text, visibility," \
  " spoiler_text, language, author, state, hold_reason, attempts, error," \
  " remote_id, remote_url, created_at, updated_at, sent_at, skip_checks"

StewardOutboxEntry *steward_outbox_entry_new_from_row       (sqlite3_stmt       *stmt);
/* Whether the user chose "send anyway": the thread is not checked. */
gboolean            steward_outbox_entry_get_skip_checks    (StewardOutboxEntry *self);
/* The stored code of the hold reason, or %NULL. */
const char         *steward_outbox_entry_get_hold_code      (StewardOutboxEntry *self);

/* The account of @item_id and the remote id of the post a reply to it
 * answers (also the post whose thread it belongs to); NOT_FOUND for an
 * unknown item. */
gboolean            steward_store_get_reply_target          (StewardStore       *self,
                                                             gint64              item_id,
                                                             gint64             *account_id,
                                                             char              **post_remote_id,
                                                             GError            **error);

/* (element-type StewardOutboxEntry) The entries of @account_id to send:
 * queued, and sending ones a killed process left behind; oldest first. */
GPtrArray          *steward_store_list_outbox_to_send       (StewardStore       *self,
                                                             gint64              account_id,
                                                             GError            **error);
/* When the entry's item's post was created (Unix seconds), or 0 when the
 * item or its post is gone. */
gint64              steward_store_outbox_get_post_time      (StewardStore       *self,
                                                             gint64              entry_id);
/* Whether @remote_id is a reply this workspace's outbox sent through
 * @account_id: such a post in a thread is not "someone else's" reply. */
gboolean            steward_store_outbox_sent_remote_id     (StewardStore       *self,
                                                             gint64              account_id,
                                                             const char         *remote_id);
/* state sending, attempts + 1, committed before the request goes out. */
gboolean            steward_store_outbox_mark_sending       (StewardStore       *self,
                                                             gint64              entry_id,
                                                             GError            **error);
/* Back to queued after a fault that may heal (@error_text kept for the
 * user); failed for good with the server's reason; held with a code. */
gboolean            steward_store_outbox_mark_queued        (StewardStore       *self,
                                                             gint64              entry_id,
                                                             const char         *error_text,
                                                             GError            **error);
gboolean            steward_store_outbox_mark_failed        (StewardStore       *self,
                                                             gint64              entry_id,
                                                             const char         *error_text,
                                                             GError            **error);
gboolean            steward_store_outbox_mark_held          (StewardStore       *self,
                                                             gint64              entry_id,
                                                             const char         *hold_code,
                                                             GError            **error);
/* Sent: records the remote id and url, sets the item's first response
 * time when it had none and writes a "replied" event, in one transaction. */
gboolean            steward_store_outbox_mark_sent          (StewardStore       *self,
                                                             gint64              entry_id,
                                                             const char         *remote_id,
                                                             const char         *remote_url,
                                                             gint64              sent_at,
                                                             GError            **error);

G_END_DECLS
