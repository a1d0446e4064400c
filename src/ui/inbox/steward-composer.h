/* steward-composer.h — writing a reply in the conversation pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_COMPOSER (steward_composer_get_type ())
G_DECLARE_FINAL_TYPE (StewardComposer, steward_composer, STEWARD, COMPOSER, AdwBin)

/* Properties: "context" (StewardContext), "item" (StewardInboxItem, the
 * item replied to), "length" and "max-characters" (guint, read-only),
 * "can-send" (gboolean, read-only). Action "composer.send" (Ctrl+Enter). */
StewardContext   *steward_composer_get_context        (StewardComposer  *self);
void              steward_composer_set_context        (StewardComposer  *self,
                                                       StewardContext   *context);
StewardInboxItem *steward_composer_get_item           (StewardComposer  *self);
void              steward_composer_set_item           (StewardComposer  *self,
                                                       StewardInboxItem *item);
guint             steward_composer_get_length         (StewardComposer  *self);
guint             steward_composer_get_max_characters (StewardComposer  *self);
gboolean          steward_composer_get_can_send       (StewardComposer  *self);
/* Puts the cursor in the text. */
void              steward_composer_focus              (StewardComposer  *self);
/* Queues the reply in the outbox and asks the sync engine to send it;
 * returns the outbox entry's id, or 0 (nothing to send, too long, or the
 * store refused: @error says which). */
gint64            steward_composer_send               (StewardComposer  *self,
                                                       GError          **error);

G_END_DECLS
