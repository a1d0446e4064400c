/* steward-mastodon-source.h — the Mastodon network (and compatible servers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements StewardSource over the Mastodon REST API: mentions come from
 * GET /api/v1/notifications?types[]=mention, direct messages from
 * GET /api/v1/conversations, publishing is POST /api/v1/statuses (with
 * the caller's Idempotency-Key; a 422 or another refusal fails with
 * STEWARD_ERROR_FAILED quoting the server's "error"), threads are GET
 * /api/v1/statuses/:id and /api/v1/statuses/:id/context (a deleted status
 * fails with STEWARD_ERROR_NOT_FOUND).
 */
#pragma once

#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_MASTODON_SOURCE (steward_mastodon_source_get_type ())
G_DECLARE_FINAL_TYPE (StewardMastodonSource, steward_mastodon_source, STEWARD, MASTODON_SOURCE, GObject)

/* Pages fetched walking back in time on an account's first sync. */
#define STEWARD_MASTODON_BACKFILL_MAX_PAGES 10
/* ... and how far back the first sync goes, in days. */
#define STEWARD_MASTODON_BACKFILL_MAX_DAYS  40

/* @base_url: e.g. "https://mastodon.social"; @token: (nullable): the bearer token. */
StewardMastodonSource *steward_mastodon_source_new          (const char            *base_url,
                                                             const char            *token);
const char            *steward_mastodon_source_get_base_url (StewardMastodonSource *self);

/* The factory registered as "mastodon" by steward_sources_register_all(). */
StewardSource         *steward_mastodon_source_factory      (StewardAccount        *account,
                                                             const char            *token,
                                                             gpointer               user_data,
                                                             GError               **error);

G_END_DECLS
