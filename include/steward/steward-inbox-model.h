/* steward-inbox-model.h — a GListModel of inbox items paged from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are newest first. Only the count is read up front; items are read a
 * page at a time as they are asked for and pages are dropped when the model
 * changes, so an inbox of 100k items never holds 100k objects. The model
 * follows the store's "changed::inbox" signal.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-store.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_MODEL (steward_inbox_model_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxModel, steward_inbox_model, STEWARD, INBOX_MODEL, GObject)

/* Properties: "store" (construct-only), "account-id" (gint64, 0 = all),
 * "status" (int, -1 = any), "kind" (int, -1 = any), "n-items" (guint). */
StewardInboxModel *steward_inbox_model_new            (StewardStore       *store);
void               steward_inbox_model_set_filter     (StewardInboxModel  *self,
                                                       const StewardInboxFilter *filter);
void               steward_inbox_model_reload         (StewardInboxModel  *self);

G_END_DECLS
