/* mastodon-test-util.h — shared by the Mastodon tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>
#include <json-glib/json-glib.h>

#include "steward-mastodon-server.h"

G_BEGIN_DECLS

#define MT_TOKEN "test-token-0123456789"

/* A server in its own thread, signed in as "steward", accepting MT_TOKEN. */
StewardMastodonServer *mt_server_new              (void);
/* How many logged requests to @path have a query containing @needle (NULL: any). */
guint                  mt_count_requests_with     (StewardMastodonServer *server,
                                                   const char            *path,
                                                   const char            *needle);
/* Adds a mention notification from @acct with @text; returns the status id. */
char                  *mt_add_mention             (StewardMastodonServer *server,
                                                   const char            *acct,
                                                   const char            *text);
/* Loads a fixture from tests/mastodon/fixtures. */
JsonNode              *mt_load_fixture            (const char            *name);

G_END_DECLS
