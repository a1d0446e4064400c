/* steward-outbox-sender.h — sending one account's outbox (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Called by the sync engine in its worker, with the worker's own store
 * connection and the account's source, before the streams are fetched.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"

G_BEGIN_DECLS

/* Told what the sender changed ("outbox", "inbox", "threads"), for the
 * engine to pass on to the main thread's store. */
typedef void (*StewardOutboxNotify) (const char *what,
                                     gpointer    user_data);

/* Sends the queued entries of @account (and "sending" ones a killed
 * process left), oldest first, each after re-reading its thread unless
 * the user chose to send it anyway. An entry the server refuses for good
 * becomes failed and the others are still sent; a fault that may heal
 * (network, server, rate limit, a revoked token) puts the entry back in
 * the queue and fails with that error, so the account's sync fails as a
 * fetch would. @n_sent (optional) gets how many were sent. */
gboolean steward_outbox_send_account (StewardStore         *store,
                                      StewardSource        *source,
                                      StewardAccount       *account,
                                      StewardOutboxNotify   notify,
                                      gpointer              user_data,
                                      guint                *n_sent,
                                      GCancellable         *cancellable,
                                      GError              **error);

G_END_DECLS
