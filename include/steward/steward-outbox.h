/* steward-outbox.h — replies wait here until the server confirms them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reply is written to the outbox first and sent by the next sync of its
 * account (the sync engine sends before it fetches). Each entry has a
 * stable idempotency key, sent as the Idempotency-Key header with every
 * attempt, so a retry after a lost response, or after the process was
 * killed mid-send (the entry is then still "sending"), never creates a
 * second post. Servers forget keys (Mastodon after about an hour), so an
 * entry that was handed over before is first looked for in the re-read
 * thread: a reply of ours with the same words, newer than the entry, is
 * taken as its post. Entries survive restarts and offline periods.
 *
 * Before an entry is sent the thread is read again from the server; if a
 * reply from one of our accounts appeared that this entry did not make, or
 * the post was deleted, the entry is held and the user decides: send it
 * anyway (steward_store_retry_outbox_entry()) or discard it.
 *
 * The first confirmed reply sets the item's first-response time.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-source.h"
#include "steward-store.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_OUTBOX_ENTRY (steward_outbox_entry_get_type ())
G_DECLARE_FINAL_TYPE (StewardOutboxEntry, steward_outbox_entry, STEWARD, OUTBOX_ENTRY, GObject)

/* Read-only properties: "id", "account-id", "item-id" (gint64; 0 when the
 * item is gone), "idempotency-key", "in-reply-to" (remote id, nullable),
 * "text", "visibility", "spoiler-text", "language" (nullable), "author"
 * (the team member who wrote it), "state" (StewardOutboxState as int),
 * "hold-reason" (translated sentence, nullable), "attempts" (guint),
 * "error" (the server's reason, nullable), "remote-id", "remote-url"
 * (nullable until sent), "created-at", "updated-at", "sent-at"
 * (GDateTime, the last nullable). */
gint64              steward_outbox_entry_get_id              (StewardOutboxEntry *self);
gint64              steward_outbox_entry_get_account_id      (StewardOutboxEntry *self);
gint64              steward_outbox_entry_get_item_id         (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_idempotency_key (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_in_reply_to     (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_text            (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_visibility      (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_spoiler_text    (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_language        (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_author          (StewardOutboxEntry *self);
StewardOutboxState  steward_outbox_entry_get_state           (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_hold_reason     (StewardOutboxEntry *self);
guint               steward_outbox_entry_get_attempts        (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_error           (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_remote_id       (StewardOutboxEntry *self);
const char         *steward_outbox_entry_get_remote_url      (StewardOutboxEntry *self);
GDateTime          *steward_outbox_entry_get_created_at      (StewardOutboxEntry *self);
GDateTime          *steward_outbox_entry_get_updated_at      (StewardOutboxEntry *self);
GDateTime          *steward_outbox_entry_get_sent_at         (StewardOutboxEntry *self);

/* Queues a reply to @item_id through the item's account, in reply to the
 * item's post. @draft's text is required; its in_reply_to_id and
 * scheduled_at are ignored; a %NULL visibility means the item's own (a
 * direct message is answered privately). Empty or whitespace-only text
 * fails with STEWARD_ERROR_INVALID_ARGUMENT. The item becomes "open" if
 * it was "new". Returns the entry's id, or 0 on error. */
gint64              steward_store_queue_reply                (StewardStore        *self,
                                                              gint64               item_id,
                                                              const StewardDraft  *draft,
                                                              GError             **error);
/* (element-type StewardOutboxEntry) Newest first. @state -1 for any,
 * @item_id 0 for every item. */
GPtrArray          *steward_store_list_outbox                (StewardStore        *self,
                                                              int                  state,
                                                              gint64               item_id,
                                                              GError             **error);
StewardOutboxEntry *steward_store_get_outbox_entry           (StewardStore        *self,
                                                              gint64               entry_id,
                                                              GError             **error);
/* A failed entry is queued again; a held one is queued to be sent without
 * the thread check ("send anyway"). Other states fail with
 * STEWARD_ERROR_INVALID_ARGUMENT. */
gboolean            steward_store_retry_outbox_entry         (StewardStore        *self,
                                                              gint64               entry_id,
                                                              GError             **error);
/* Deletes a queued, failed or held entry; sending and sent ones cannot be
 * discarded (STEWARD_ERROR_INVALID_ARGUMENT). */
gboolean            steward_store_discard_outbox_entry       (StewardStore        *self,
                                                              gint64               entry_id,
                                                              GError             **error);
/* How many entries of @account_id (0 = all) are waiting (queued, sending)
 * or need the user (failed, held). */
guint               steward_store_count_outbox_pending       (StewardStore        *self,
                                                              gint64               account_id,
                                                              guint               *n_need_user,
                                                              GError             **error);

G_END_DECLS
