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
 * "markup" (safe Pango markup), "created-at" (GDateTime, UTC). */
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

G_END_DECLS
