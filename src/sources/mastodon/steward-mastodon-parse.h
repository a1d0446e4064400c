/* steward-mastodon-parse.h — Mastodon JSON into Steward's plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function checks every field it reads: a missing or ill-typed
 * required field fails with STEWARD_ERROR_MALFORMED and a message naming
 * it, never a crash and never a half-filled result. Optional fields that
 * are absent or null are left %NULL.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <steward/steward.h>

G_BEGIN_DECLS

/* RFC 3339 ("2019-12-08T03:48:33.901Z") → UTC; %NULL with @error otherwise. */
GDateTime           *steward_mastodon_parse_date          (const char  *value,
                                                           GError     **error);
/* An Account entity. */
StewardRemoteAuthor *steward_mastodon_parse_account       (JsonNode    *node,
                                                           GError     **error);
/* A Status entity; post->text is the plain text of post->html. */
StewardRemotePost   *steward_mastodon_parse_status        (JsonNode    *node,
                                                           GError     **error);
/* An array of Notification entities → (element-type StewardRemoteItem)
 * items of kind mention (remote_id: the notification id). Notifications of
 * other types are skipped. */
GPtrArray           *steward_mastodon_parse_notifications (JsonNode    *node,
                                                           GError     **error);
/* An array of Conversation entities → items of kind direct (remote_id: the
 * conversation id, post: its last status). Conversations without a last
 * status are skipped. */
GPtrArray           *steward_mastodon_parse_conversations (JsonNode    *node,
                                                           GError     **error);
/* An Instance entity of /api/v2/instance (@v2) or /api/v1/instance: title,
 * version and configuration.statuses (v1 also max_toot_chars); 500
 * characters and 4 attachments when the server does not say. */
StewardServerLimits *steward_mastodon_parse_instance      (JsonNode    *node,
                                                           gboolean     v2,
                                                           GError     **error);

G_END_DECLS
