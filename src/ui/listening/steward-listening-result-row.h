/* steward-listening-result-row.h — one post matching a listening query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_LISTENING_RESULT_ROW (steward_listening_result_row_get_type ())
G_DECLARE_FINAL_TYPE (StewardListeningResultRow, steward_listening_result_row, STEWARD, LISTENING_RESULT_ROW, GtkWidget)

GtkWidget   *steward_listening_result_row_new      (void);
StewardPost *steward_listening_result_row_get_post (StewardListeningResultRow *self);
void         steward_listening_result_row_set_post (StewardListeningResultRow *self,
                                                    StewardPost               *post);
/* The markup the text label shows (the highlighted matches). */
const char  *steward_listening_result_row_get_text_markup (StewardListeningResultRow *self);
/* Whether the post is an inbox item already: the Send to Inbox button is
 * then a disabled "In the Inbox". The page keeps it up to date. */
gboolean     steward_listening_result_row_get_in_inbox    (StewardListeningResultRow *self);
void         steward_listening_result_row_set_in_inbox    (StewardListeningResultRow *self,
                                                           gboolean                   in_inbox);

G_END_DECLS
