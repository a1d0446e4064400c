/* steward-mastodon-listening.h — listening fetches on a Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <steward/steward.h>

#include "steward-http.h"

G_BEGIN_DECLS

/* The page after @cursor of the hashtag timelines of @hashtags and the
 * status searches of @terms (see steward_source_fetch_listening_page()). */
StewardPage *steward_mastodon_fetch_listening_page (StewardHttp         *http,
                                                    const char          *base_url,
                                                    const char          *token,
                                                    const char * const  *hashtags,
                                                    const char * const  *terms,
                                                    const char          *cursor,
                                                    GCancellable        *cancellable,
                                                    GError             **error);

G_END_DECLS
