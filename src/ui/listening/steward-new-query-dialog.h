/* steward-new-query-dialog.h — save a new listening query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_NEW_QUERY_DIALOG (steward_new_query_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StewardNewQueryDialog, steward_new_query_dialog, STEWARD, NEW_QUERY_DIALOG, AdwWindow)

/* Signal "query-added" (const char *name): the query was saved. */
GtkWidget  *steward_new_query_dialog_new          (StewardStore          *store);
void        steward_new_query_dialog_set_name     (StewardNewQueryDialog *self,
                                                   const char            *name);
void        steward_new_query_dialog_set_query    (StewardNewQueryDialog *self,
                                                   const char            *query);
/* The validation message shown, or %NULL while the input is valid. */
const char *steward_new_query_dialog_get_error    (StewardNewQueryDialog *self);
const char *steward_new_query_dialog_get_colour   (StewardNewQueryDialog *self);
gboolean    steward_new_query_dialog_get_can_add  (StewardNewQueryDialog *self);
/* Saves the query as the Add button does. */
gboolean    steward_new_query_dialog_add          (StewardNewQueryDialog *self);

G_END_DECLS
