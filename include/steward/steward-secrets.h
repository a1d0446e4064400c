/* steward-secrets.h — access tokens in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens are kept in the Secret Service (libsecret), keyed by network,
 * server and the account's remote id, never in SQLite or logs. Only when a
 * caller explicitly allows it (steward-cli --insecure-token-file) is a token
 * written to a 0600 file in the workspace's tokens/ folder instead.
 * Calls block: use them from a worker thread or the CLI.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SECRETS (steward_secrets_get_type ())
G_DECLARE_FINAL_TYPE (StewardSecrets, steward_secrets, STEWARD, SECRETS, GObject)

StewardSecrets *steward_secrets_new          (const char      *data_dir);
gboolean        steward_secrets_store_token  (StewardSecrets  *self,
                                              StewardAccount  *account,
                                              const char      *token,
                                              gboolean         insecure_file,
                                              GCancellable    *cancellable,
                                              GError         **error);
/* Returns NULL without error when no token is stored. */
char           *steward_secrets_lookup_token (StewardSecrets  *self,
                                              StewardAccount  *account,
                                              GCancellable    *cancellable,
                                              GError         **error);
gboolean        steward_secrets_clear_token  (StewardSecrets  *self,
                                              StewardAccount  *account,
                                              GCancellable    *cancellable,
                                              GError         **error);

G_END_DECLS
