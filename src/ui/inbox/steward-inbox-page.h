/* steward-inbox-page.h — the Inbox tab: every mention and direct message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_PAGE (steward_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxPage, steward_inbox_page, STEWARD, INBOX_PAGE, AdwBin)

StewardContext *steward_inbox_page_get_context (StewardInboxPage *self);
void            steward_inbox_page_set_context (StewardInboxPage *self,
                                                StewardContext   *context);
/* The StewardInboxModel shown, or NULL without a context. */
GListModel     *steward_inbox_page_get_model   (StewardInboxPage *self);

G_END_DECLS
