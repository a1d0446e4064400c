/* steward-add-account-dialog.h — sign in to a Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_ADD_ACCOUNT_DIALOG (steward_add_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (StewardAddAccountDialog, steward_add_account_dialog, STEWARD, ADD_ACCOUNT_DIALOG, AdwWindow)

StewardAddAccountDialog *steward_add_account_dialog_new        (StewardContext          *context);
/* Prefills the server, e.g. to sign in again. */
void                     steward_add_account_dialog_set_server (StewardAddAccountDialog *self,
                                                                const char              *server);

G_END_DECLS
