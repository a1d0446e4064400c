/* steward-inbox-row.h — one mention or direct message in the Inbox list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_ROW (steward_inbox_row_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxRow, steward_inbox_row, STEWARD, INBOX_ROW, GtkWidget)

GtkWidget        *steward_inbox_row_new      (void);
StewardInboxItem *steward_inbox_row_get_item (StewardInboxRow  *self);
void              steward_inbox_row_set_item (StewardInboxRow  *self,
                                              StewardInboxItem *item);
void              steward_inbox_row_set_due_soon (StewardInboxRow *self,
                                                  gint64           due_soon);

G_END_DECLS
