/* steward-canned-reply-dialog.h — writing or changing a canned reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves the reply to the workspace (steward_store_save_canned_reply())
 * when the user presses Save, then closes.
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_CANNED_REPLY_DIALOG (steward_canned_reply_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StewardCannedReplyDialog, steward_canned_reply_dialog, STEWARD, CANNED_REPLY_DIALOG, AdwWindow)

/* @reply: (nullable): the reply to change; %NULL writes a new one */
GtkWidget *steward_canned_reply_dialog_new (StewardContext           *context,
                                            const StewardCannedReply *reply);

G_END_DECLS
