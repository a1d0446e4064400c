/* steward-conversation.h — the Inbox's right pane: one item and its thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

#include "steward-composer.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_CONVERSATION (steward_conversation_get_type ())
G_DECLARE_FINAL_TYPE (StewardConversation, steward_conversation, STEWARD, CONVERSATION, AdwBin)

/* Properties: "context" (StewardContext), "item" (StewardInboxItem,
 * nullable), "fetching" (gboolean, read-only: the thread is being read
 * from the server). The triage controls activate the page's "inbox.*"
 * actions; "conversation.*" actions open links and work the outbox. */
StewardContext   *steward_conversation_get_context       (StewardConversation *self);
void              steward_conversation_set_context       (StewardConversation *self,
                                                          StewardContext      *context);
StewardInboxItem *steward_conversation_get_item          (StewardConversation *self);
void              steward_conversation_set_item          (StewardConversation *self,
                                                          StewardInboxItem    *item);
gboolean          steward_conversation_get_fetching      (StewardConversation *self);
StewardComposer  *steward_conversation_get_composer      (StewardConversation *self);
void              steward_conversation_focus_tag_entry   (StewardConversation *self);
void              steward_conversation_focus_note_entry  (StewardConversation *self);
void              steward_conversation_popup_assignee    (StewardConversation *self);
void              steward_conversation_popup_snooze      (StewardConversation *self);
/* Reads the item's thread, notes, outbox and history again now. */
void              steward_conversation_reload            (StewardConversation *self);

G_END_DECLS
