/* steward-sync-engine.h — fetch every stream of every account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync runs in a worker thread with its own store connection. For each
 * account and stream it asks the source for pages from the stored cursor
 * until the source says it is caught up, committing each page with its
 * cursor in one transaction. State is exposed as properties for the UI to
 * bind to; they change on the thread that created the engine.
 *
 * Properties:
 *   "syncing"    gboolean   read-only
 *   "progress"   double     0..1, read-only
 *   "status"     string     what it is doing now, translated, read-only
 *   "last-sync"  GDateTime  end of the last successful sync, read-only
 *   "last-error" string     message of the last failure, or NULL, read-only
 *   "online"     gboolean   what GNetworkMonitor says, read-only
 *   "interval"   guint      seconds between periodic syncs; 0 = off
 * Signals:
 *   "account-synced" (gint64 account_id, guint n_new)
 *   "account-failed" (gint64 account_id, GError *error)
 *
 * For each account a sync first sends the account's outbox (queued
 * entries, and "sending" ones a killed process left behind, with the same
 * idempotency key; each after re-reading its thread, see
 * steward-outbox.h), then fetches the server's limits when they are not
 * known yet (accounts.max_characters), then the streams; after each page
 * it classifies the new items (steward_store_classify_pending(), quiet
 * during the account's first sync), so a notifier listening to
 * "account-synced" finds them classified.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SYNC_ENGINE (steward_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (StewardSyncEngine, steward_sync_engine, STEWARD, SYNC_ENGINE, GObject)

StewardSyncEngine *steward_sync_engine_new            (StewardContext      *context);
gboolean           steward_sync_engine_get_syncing    (StewardSyncEngine   *self);
double             steward_sync_engine_get_progress   (StewardSyncEngine   *self);
const char        *steward_sync_engine_get_status     (StewardSyncEngine   *self);
GDateTime         *steward_sync_engine_get_last_sync  (StewardSyncEngine   *self);
const char        *steward_sync_engine_get_last_error (StewardSyncEngine   *self);
gboolean           steward_sync_engine_get_online     (StewardSyncEngine   *self);
guint              steward_sync_engine_get_interval   (StewardSyncEngine   *self);
void               steward_sync_engine_set_interval   (StewardSyncEngine   *self,
                                                       guint                seconds);

/* Syncs one account (@account_id > 0) or all of them (0). Fails with the
 * first account's error if any account failed; the others still sync. A
 * second call while one runs joins it. */
void               steward_sync_engine_sync_async     (StewardSyncEngine   *self,
                                                       gint64               account_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           steward_sync_engine_sync_finish    (StewardSyncEngine   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Cancels the running sync, if any; its callers get G_IO_ERROR_CANCELLED. */
void               steward_sync_engine_cancel         (StewardSyncEngine   *self);
/* Replaces the network monitor (default: g_network_monitor_get_default());
 * for tests. Accounts on the demo server or on loopback addresses sync
 * whatever the monitor says. */
void               steward_sync_engine_set_network_monitor (StewardSyncEngine *self,
                                                            GNetworkMonitor   *monitor);

/* Fetches the thread of an inbox item from its account's server in a
 * worker thread and caches it (steward_store_save_thread()); the store
 * then emits "changed::threads". A deleted post is recorded, not an
 * error. Fails with STEWARD_ERROR_OFFLINE when the monitor says offline. */
void               steward_sync_engine_fetch_thread_async  (StewardSyncEngine   *self,
                                                            gint64               item_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           steward_sync_engine_fetch_thread_finish (StewardSyncEngine   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
