/* steward-post.h — a cached post, as search and threads return it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_POST (steward_post_get_type ())
G_DECLARE_FINAL_TYPE (StewardPost, steward_post, STEWARD, POST, GObject)

/* Read-only properties: "id" (gint64), "account-id" (gint64), "network",
 * "remote-id", "url", "author" (acct), "author-name", "text" (plain),
 * "markup" (safe Pango markup), "language", "created-at" (GDateTime, UTC).
 * Search and listening results also carry "highlight-markup" (the text as
 * safe Pango markup with matches in <b>), "author-followers" (gint64, -1
 * when unknown) and "is-new" (a listening result not seen yet). */
gint64       steward_post_get_id          (StewardPost *self);
gint64       steward_post_get_account_id  (StewardPost *self);
const char  *steward_post_get_network     (StewardPost *self);
const char  *steward_post_get_remote_id   (StewardPost *self);
const char  *steward_post_get_url         (StewardPost *self);
const char  *steward_post_get_author      (StewardPost *self);
const char  *steward_post_get_author_name (StewardPost *self);
const char  *steward_post_get_text        (StewardPost *self);
const char  *steward_post_get_markup      (StewardPost *self);
const char  *steward_post_get_language    (StewardPost *self);
GDateTime   *steward_post_get_created_at  (StewardPost *self);
const char  *steward_post_get_highlight_markup (StewardPost *self);
gint64       steward_post_get_author_followers (StewardPost *self);
gboolean     steward_post_get_is_new      (StewardPost *self);

G_END_DECLS
