/* steward-inbox-sidebar.h — the Inbox's views with their counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_SIDEBAR (steward_inbox_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxSidebar, steward_inbox_sidebar, STEWARD, INBOX_SIDEBAR, AdwBin)

/* Signal "filter-changed": the user picked another view, account or tag.
 * Property "context" (StewardContext). */
StewardContext *steward_inbox_sidebar_get_context  (StewardInboxSidebar *self);
void            steward_inbox_sidebar_set_context  (StewardInboxSidebar *self,
                                                    StewardContext      *context);
/* Sets @filter's view, account_id and tag (owned by the sidebar) to the
 * selected row's. */
void            steward_inbox_sidebar_get_filter   (StewardInboxSidebar *self,
                                                    StewardInboxFilter  *filter);
/* A title for the selected row ("New", "#billing", "@brand@…"). */
const char     *steward_inbox_sidebar_get_title    (StewardInboxSidebar *self);
void            steward_inbox_sidebar_select_view  (StewardInboxSidebar *self,
                                                    StewardInboxView     view);
/* The count shown for @view (for tests and the page's empty state). */
guint           steward_inbox_sidebar_get_count    (StewardInboxSidebar *self,
                                                    StewardInboxView     view);
/* Reads the counts, accounts and tags again now. */
void            steward_inbox_sidebar_refresh      (StewardInboxSidebar *self);

G_END_DECLS
