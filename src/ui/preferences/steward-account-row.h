/* steward-account-row.h — one account in Preferences, with its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_ACCOUNT_ROW (steward_account_row_get_type ())
G_DECLARE_FINAL_TYPE (StewardAccountRow, steward_account_row, STEWARD, ACCOUNT_ROW, AdwActionRow)

/* The row's buttons activate "prefs.remove-account" and
 * "prefs.sign-in-again" with the account id (gint64) as target. */
GtkWidget      *steward_account_row_new         (StewardAccount    *account);
StewardAccount *steward_account_row_get_account (StewardAccountRow *self);

G_END_DECLS
