/* steward-listening-page.h — the Listening tab: saved queries, their
 * volume, sentiment, voices and results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_LISTENING_PAGE (steward_listening_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardListeningPage, steward_listening_page, STEWARD, LISTENING_PAGE, AdwBin)

StewardContext *steward_listening_page_get_context        (StewardListeningPage *self);
void            steward_listening_page_set_context        (StewardListeningPage *self,
                                                           StewardContext       *context);
/* The name of the query shown, or %NULL. */
const char     *steward_listening_page_get_selected_name  (StewardListeningPage *self);
gboolean        steward_listening_page_select_query       (StewardListeningPage *self,
                                                           const char           *name);
/* %TRUE while the selected query is being read in the background. */
gboolean        steward_listening_page_get_loading        (StewardListeningPage *self);

G_END_DECLS
