/* steward-context.h — one workspace: its folder, store, secrets and sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Created once by the app or the CLI and handed down; there are no global
 * singletons in the core.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-source.h"
#include "steward-secrets.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_CONTEXT (steward_context_get_type ())
G_DECLARE_FINAL_TYPE (StewardContext, steward_context, STEWARD, CONTEXT, GObject)

/* The workspace folder: @data_dir if given, else $STEWARD_DATA_DIR, else
 * $XDG_DATA_HOME/steward. The caller owns the result. */
char              *steward_context_default_data_dir   (void);

/* Creates the folder if needed and opens (migrating) steward.db in it. */
StewardContext    *steward_context_new                (const char            *data_dir,
                                                       GError               **error);
const char        *steward_context_get_data_dir       (StewardContext        *self);
char              *steward_context_dup_database_path  (StewardContext        *self);
StewardStore      *steward_context_get_store          (StewardContext        *self);
StewardSecrets    *steward_context_get_secrets        (StewardContext        *self);
StewardSyncEngine *steward_context_get_sync_engine    (StewardContext        *self);

/* Sources: a network registers a factory under its name; demo accounts are
 * looked up under "demo" whatever their network. */
void               steward_context_register_network   (StewardContext        *self,
                                                       const char            *network,
                                                       StewardSourceFactory   factory,
                                                       gpointer               user_data,
                                                       GDestroyNotify         destroy);
gboolean           steward_context_has_network        (StewardContext        *self,
                                                       const char            *network);
/* Blocks (it looks the token up): call from a worker thread. */
StewardSource     *steward_context_create_source      (StewardContext        *self,
                                                       StewardAccount        *account,
                                                       GCancellable          *cancellable,
                                                       GError               **error);

/* Adding and removing accounts, shared by the app and the CLI. Both block
 * (they talk to the server and the Secret Service): call them from a worker
 * thread, or use the _async forms.
 *
 * steward_context_add_account() builds a source for @server with @token,
 * verifies the credentials, stores the account (or updates the one that
 * exists) and its token, and returns it. @insecure_token_file allows a
 * 0600 file when no Secret Service answers. */
StewardAccount    *steward_context_add_account        (StewardContext        *self,
                                                       const char            *network,
                                                       const char            *server,
                                                       const char            *token,
                                                       gboolean               insecure_token_file,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
void               steward_context_add_account_async  (StewardContext        *self,
                                                       const char            *network,
                                                       const char            *server,
                                                       const char            *token,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
StewardAccount    *steward_context_add_account_finish (StewardContext        *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
/* Deletes the account, its cached data and its token. */
gboolean           steward_context_remove_account     (StewardContext        *self,
                                                       gint64                 account_id,
                                                       GError               **error);

G_END_DECLS
