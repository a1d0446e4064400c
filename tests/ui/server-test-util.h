/* server-test-util.h — the fake Mastodon server behind the window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>

#include "steward-mastodon-server.h"

G_BEGIN_DECLS

/* The token the server's account signs in with. */
#define SERVER_TEST_TOKEN "test-token"

/* The fake Mastodon server in a thread of its own, signed in as Brand
 * ("brand"), with @n_mentions mentions of it from @n_authors made-up
 * authors, and Lin Wen ("lin"), whose account id goes to @lin_id. */
StewardMastodonServer *server_test_start       (guint                   n_mentions,
                                                guint                   n_authors,
                                                char                  **lin_id);
/* Adds the server's account to @context. No Secret Service answers on
 * the test bus: the token is kept in a file. */
void                   server_test_add_account (StewardContext         *context,
                                                StewardMastodonServer  *server);

G_END_DECLS
