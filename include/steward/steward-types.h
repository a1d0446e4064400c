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

const char        *steward_item_kind_to_string     (StewardItemKind     kind);
gboolean           steward_item_kind_from_string   (const char         *str,
                                                    StewardItemKind    *kind);
const char        *steward_item_status_to_string   (StewardItemStatus   status);
gboolean           steward_item_status_from_string (const char         *str,
                                                    StewardItemStatus  *status);
const char        *steward_stream_to_string        (StewardStream       stream);

G_END_DECLS
