/* steward-types.h — enumerations and forward declarations of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _StewardAccount     StewardAccount;
typedef struct _StewardContext     StewardContext;
typedef struct _StewardHttp        StewardHttp;
typedef struct _StewardInboxItem   StewardInboxItem;
typedef struct _StewardInboxModel  StewardInboxModel;
typedef struct _StewardOutboxEntry StewardOutboxEntry;
typedef struct _StewardPost        StewardPost;
typedef struct _StewardSource      StewardSource;
typedef struct _StewardStore       StewardStore;
typedef struct _StewardSyncEngine  StewardSyncEngine;

/**
 * StewardItemKind:
 * @STEWARD_ITEM_KIND_MENTION: a public or unlisted post that mentions us
 * @STEWARD_ITEM_KIND_DIRECT: a direct message (a private conversation)
 * @STEWARD_ITEM_KIND_LISTENING: a post found by listening and sent to the
 *   inbox by the user (it need not mention us); never created by a sync
 *
 * What kind of inbox item something is.
 */
typedef enum {
  STEWARD_ITEM_KIND_MENTION,
  STEWARD_ITEM_KIND_DIRECT,
  STEWARD_ITEM_KIND_LISTENING,
} StewardItemKind;

/**
 * StewardItemStatus:
 * @STEWARD_ITEM_STATUS_NEW: not looked at yet
 * @STEWARD_ITEM_STATUS_OPEN: being handled
 * @STEWARD_ITEM_STATUS_PENDING: waiting for the customer
 * @STEWARD_ITEM_STATUS_CLOSED: done
 *
 * The triage status of an inbox item.
 */
typedef enum {
  STEWARD_ITEM_STATUS_NEW,
  STEWARD_ITEM_STATUS_OPEN,
  STEWARD_ITEM_STATUS_PENDING,
  STEWARD_ITEM_STATUS_CLOSED,
} StewardItemStatus;

/**
 * StewardAccountState:
 * @STEWARD_ACCOUNT_STATE_OK: signed in and syncing
 * @STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN: the server rejected the token (401);
 *   cached data is kept until the user signs in again
 *
 * Whether an account can sync.
 */
typedef enum {
  STEWARD_ACCOUNT_STATE_OK,
  STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN,
} StewardAccountState;

/**
 * StewardStream:
 * @STEWARD_STREAM_MENTIONS: notifications of type mention
 * @STEWARD_STREAM_DIRECT: direct-message conversations
 *
 * An incrementally fetched stream of a source. Each has its own cursor.
 */
typedef enum {
  STEWARD_STREAM_MENTIONS,
  STEWARD_STREAM_DIRECT,
} StewardStream;

#define STEWARD_N_STREAMS 2

/**
 * StewardInboxView:
 * @STEWARD_INBOX_VIEW_ALL: every item, snoozed ones excluded
 * @STEWARD_INBOX_VIEW_NEW: status new, not snoozed
 * @STEWARD_INBOX_VIEW_MINE: assigned to the current user (see
 *   steward_store_dup_me()), not closed, not snoozed
 * @STEWARD_INBOX_VIEW_UNASSIGNED: nobody assigned, not closed, not snoozed
 * @STEWARD_INBOX_VIEW_PENDING: status pending (waiting for the customer)
 * @STEWARD_INBOX_VIEW_URGENT: urgent, not closed, not snoozed
 * @STEWARD_INBOX_VIEW_DUE_SOON: needs a reply, has none yet, not closed,
 *   and its SLA is due within the policy's due-soon window or breached
 * @STEWARD_INBOX_VIEW_CLOSED: status closed
 * @STEWARD_INBOX_VIEW_SNOOZED: snoozed until a time still to come
 *
 * The saved views of the Inbox's left pane. They combine with the other
 * fields of a #StewardInboxFilter (account, tag, kind).
 */
typedef enum {
  STEWARD_INBOX_VIEW_ALL,
  STEWARD_INBOX_VIEW_NEW,
  STEWARD_INBOX_VIEW_MINE,
  STEWARD_INBOX_VIEW_UNASSIGNED,
  STEWARD_INBOX_VIEW_PENDING,
  STEWARD_INBOX_VIEW_URGENT,
  STEWARD_INBOX_VIEW_DUE_SOON,
  STEWARD_INBOX_VIEW_CLOSED,
  STEWARD_INBOX_VIEW_SNOOZED,
} StewardInboxView;

/**
 * StewardInboxSort:
 * @STEWARD_INBOX_SORT_NEWEST: newest first (the default)
 * @STEWARD_INBOX_SORT_OLDEST: oldest first
 * @STEWARD_INBOX_SORT_URGENCY: urgent first, then most negative sentiment,
 *   then newest
 * @STEWARD_INBOX_SORT_SLA_DUE: earliest SLA due time first; items without
 *   one (answered, or needing no reply) last, newest first
 *
 * The order of the Inbox queue.
 */
typedef enum {
  STEWARD_INBOX_SORT_NEWEST,
  STEWARD_INBOX_SORT_OLDEST,
  STEWARD_INBOX_SORT_URGENCY,
  STEWARD_INBOX_SORT_SLA_DUE,
} StewardInboxSort;

/**
 * StewardSlaState:
 * @STEWARD_SLA_STATE_NONE: no clock (needs no reply)
 * @STEWARD_SLA_STATE_OK: the clock runs and there is time
 * @STEWARD_SLA_STATE_DUE_SOON: due within the policy's due-soon window
 * @STEWARD_SLA_STATE_BREACHED: due and not answered
 * @STEWARD_SLA_STATE_MET: answered before it was due
 * @STEWARD_SLA_STATE_MISSED: answered, but after it was due
 *
 * Where an item's first-response clock stands.
 */
typedef enum {
  STEWARD_SLA_STATE_NONE,
  STEWARD_SLA_STATE_OK,
  STEWARD_SLA_STATE_DUE_SOON,
  STEWARD_SLA_STATE_BREACHED,
  STEWARD_SLA_STATE_MET,
  STEWARD_SLA_STATE_MISSED,
} StewardSlaState;

/**
 * StewardOutboxState:
 * @STEWARD_OUTBOX_STATE_QUEUED: waiting for the next sync
 * @STEWARD_OUTBOX_STATE_SENDING: an attempt is under way (or was, when the
 *   process died: it is retried with the same idempotency key)
 * @STEWARD_OUTBOX_STATE_SENT: the server confirmed it
 * @STEWARD_OUTBOX_STATE_FAILED: the server refused it for good; the error
 *   says why and the user may retry
 * @STEWARD_OUTBOX_STATE_HELD: not sent because the thread changed while it
 *   waited (someone else replied, or the post was deleted); the user sends
 *   it anyway or discards it
 *
 * The state of a reply in the outbox.
 */
typedef enum {
  STEWARD_OUTBOX_STATE_QUEUED,
  STEWARD_OUTBOX_STATE_SENDING,
  STEWARD_OUTBOX_STATE_SENT,
  STEWARD_OUTBOX_STATE_FAILED,
  STEWARD_OUTBOX_STATE_HELD,
} StewardOutboxState;

const char        *steward_inbox_view_to_string      (StewardInboxView    view);
gboolean           steward_inbox_view_from_string    (const char         *str,
                                                      StewardInboxView   *view);
const char        *steward_sla_state_to_string       (StewardSlaState     state);
const char        *steward_outbox_state_to_string    (StewardOutboxState  state);
gboolean           steward_outbox_state_from_string  (const char         *str,
                                                      StewardOutboxState *state);

const char        *steward_item_kind_to_string     (StewardItemKind     kind);
gboolean           steward_item_kind_from_string   (const char         *str,
                                                    StewardItemKind    *kind);
const char        *steward_item_status_to_string   (StewardItemStatus   status);
gboolean           steward_item_status_from_string (const char         *str,
                                                    StewardItemStatus  *status);
const char        *steward_stream_to_string        (StewardStream       stream);

G_END_DECLS
