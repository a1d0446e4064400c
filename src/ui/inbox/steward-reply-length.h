/* steward-reply-length.h — how long a reply is, counted as Mastodon counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server's limit when the instance did not say (Mastodon's own). */
#define STEWARD_REPLY_DEFAULT_MAX_CHARACTERS 500

/* The length Mastodon checks against its limit: characters (grapheme
 * clusters, so an emoji with modifiers is one), with every http(s) link
 * counting 23 whatever its length and a mention @user@domain counting only
 * "@user"; the content warning counts too. */
guint steward_reply_length (const char *text,
                            const char *spoiler_text);

G_END_DECLS
