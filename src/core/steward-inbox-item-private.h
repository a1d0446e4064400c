/* steward-inbox-item-private.h — what the store and the model need of items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-inbox-item.h"

G_BEGIN_DECLS

/* Copies what can change after an item was read (status, text, post,
 * author details, label) from @other, a fresher read of the same item, and
 * notifies what changed. Keeps the object that list rows hold current. */
void  steward_inbox_item_update_from      (StewardInboxItem *self,
                                           StewardInboxItem *other);

/* How many StewardInboxItem objects are alive in the process (for tests
 * that prove the model pages lazily). */
guint steward_inbox_item_get_n_instances  (void);

/* One or two characters for an avatar: the first character of a CJK name,
 * else the initials of the first and last words, upper-cased. */
char *steward_initials_for_name           (const char       *display_name,
                                           const char       *acct);

G_END_DECLS
