/* steward-inbox-model.h — a GListModel of inbox items paged from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are newest first unless the "sort" property says otherwise. Only
 * the count is read up front; items are read a page at a time as they are
 * asked for and pages are dropped when the model changes, so an inbox of
 * 100k items never holds 100k objects. The model follows the store's
 * "changed::inbox" signal (and "changed::settings" for the views that
 * depend on settings: Mine, Due soon).
 *
 * Newest first pages by key (an index seek per page). The other orders page
 * by OFFSET within a snapshot anchored at the newest item when the model
 * last counted, so positions hold still while items arrive; each page is
 * one query bounded by its LIMIT, which SQLite answers by sorting the
 * filtered items. In those orders a change reports the whole list as
 * replaced, since an item's place depends on fields that change.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-store.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_MODEL (steward_inbox_model_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxModel, steward_inbox_model, STEWARD, INBOX_MODEL, GObject)

/* Properties: "store" (construct-only), "account-id" (gint64, 0 = all),
 * "status" (int, -1 = any), "kind" (int, -1 = any), "view"
 * (StewardInboxView, ALL by default), "tag" (string, %NULL = any; compared
 * case-insensitively), "assignee" (string, %NULL = anyone, "" = nobody),
 * "sort" (StewardInboxSort, NEWEST by default), "n-items" (guint). Each
 * maps to the field of the same name of a StewardInboxFilter; setting one
 * replaces the whole list. */
StewardInboxModel *steward_inbox_model_new            (StewardStore       *store);
void               steward_inbox_model_set_filter     (StewardInboxModel  *self,
                                                       const StewardInboxFilter *filter);
void               steward_inbox_model_reload         (StewardInboxModel  *self);

G_END_DECLS
