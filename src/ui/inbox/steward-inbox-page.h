/* steward-inbox-page.h — the Inbox tab: views, the queue and a conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_PAGE (steward_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxPage, steward_inbox_page, STEWARD, INBOX_PAGE, AdwBin)

/* Actions (group "inbox"), each with a shortcut listed in the help
 * overlay: next, previous, close, reopen, pending, set-status (i), reply,
 * send, assign (s; "" unassigns), assign-popover, assign-to-me, tag (s),
 * untag (s), tag-popover, add-note (s), note, snooze (x: Unix time; -1
 * wakes), snooze-preset (s: hour, evening, tomorrow, monday, wake),
 * snooze-custom, snooze-popover, toggle-no-reply, sort (s: newest, oldest,
 * urgency, sla-due), show-views, show-queue. Triage actions work on the
 * selected rows when several are selected, else on the item shown. */
StewardContext   *steward_inbox_page_get_context      (StewardInboxPage *self);
void              steward_inbox_page_set_context      (StewardInboxPage *self,
                                                       StewardContext   *context);
/* The StewardInboxModel shown, or NULL without a context. */
GListModel       *steward_inbox_page_get_model        (StewardInboxPage *self);
/* The item the conversation pane shows, or NULL. */
StewardInboxItem *steward_inbox_page_get_current_item (StewardInboxPage *self);
/* Shows @item_id in the conversation and selects its row; when the
 * current view does not hold it, switches to the All view first. Returns
 * %FALSE when no such item exists. */
gboolean          steward_inbox_page_show_item        (StewardInboxPage *self,
                                                       gint64            item_id);
/* Selects the view (and no account or tag). */
void              steward_inbox_page_select_view      (StewardInboxPage *self,
                                                       StewardInboxView  view);

G_END_DECLS
