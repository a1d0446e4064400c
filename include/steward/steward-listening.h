/* steward-listening.h — saved listening queries over the local cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A listening query has a unique name, a query in the Listening query
 * language (see steward_store_search()) and a colour. Its results are
 * retroactive: the whole local cache, newest first. Posts that reach the
 * cache after the query was saved (by an inbox stream or by the query's
 * own fetches during sync) and match it are recorded with the time they
 * were first seen and marked new until steward_store_mark_listening_seen().
 *
 * Like the rest of the store, these functions block: the UI calls them
 * from a worker thread with its own store when the cache is large.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-remote.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_LISTENING_QUERY (steward_listening_query_get_type ())
G_DECLARE_FINAL_TYPE (StewardListeningQuery, steward_listening_query, STEWARD, LISTENING_QUERY, GObject)

/* Read-only properties: "id" (gint64), "name", "query", "colour"
 * (nullable, e.g. "#3584e4"), "n-new" (guint), "created-at" and
 * "last-seen-at" (GDateTime, UTC, the latter nullable). */
gint64       steward_listening_query_get_id           (StewardListeningQuery *self);
const char  *steward_listening_query_get_name         (StewardListeningQuery *self);
const char  *steward_listening_query_get_query        (StewardListeningQuery *self);
const char  *steward_listening_query_get_colour       (StewardListeningQuery *self);
guint        steward_listening_query_get_n_new        (StewardListeningQuery *self);
GDateTime   *steward_listening_query_get_created_at   (StewardListeningQuery *self);
GDateTime   *steward_listening_query_get_last_seen_at (StewardListeningQuery *self);

/**
 * StewardVolumeInterval:
 * @STEWARD_VOLUME_HOUR: one bucket per hour
 * @STEWARD_VOLUME_DAY: one bucket per day (UTC)
 *
 * The width of a volume bucket.
 */
typedef enum {
  STEWARD_VOLUME_HOUR,
  STEWARD_VOLUME_DAY,
} StewardVolumeInterval;

/**
 * StewardVolumeBucket:
 * @start: the bucket's start, Unix seconds (UTC)
 * @count: how many matching posts were created in it
 */
typedef struct {
  gint64 start;
  guint  count;
} StewardVolumeBucket;

/**
 * StewardVoiceOrder:
 * @STEWARD_VOICES_BY_REACH: most followers first
 * @STEWARD_VOICES_BY_VOLUME: most matching posts first
 *
 * How to rank the authors of a query's posts.
 */
typedef enum {
  STEWARD_VOICES_BY_REACH,
  STEWARD_VOICES_BY_VOLUME,
} StewardVoiceOrder;

/**
 * StewardVoice:
 * @acct: the author's handle
 * @display_name: (nullable): their display name
 * @followers: their follower count, or -1 when unknown
 * @n_posts: how many of the query's posts they wrote
 *
 * An author of a query's posts, for the top voices.
 */
typedef struct {
  char   *acct;
  char   *display_name;
  gint64  followers;
  guint   n_posts;
} StewardVoice;

void steward_voice_free (StewardVoice *voice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardVoice, steward_voice_free)

/* Saved queries. Adding validates @query (STEWARD_ERROR_INVALID_ARGUMENT
 * with the position of the mistake) and refuses a name in use; the others
 * fail with STEWARD_ERROR_NOT_FOUND for an unknown name. */
StewardListeningQuery *steward_store_add_listening_query    (StewardStore          *self,
                                                             const char            *name,
                                                             const char            *query,
                                                             const char            *colour,
                                                             GError               **error);
GPtrArray             *steward_store_list_listening_queries (StewardStore          *self,
                                                             GError               **error);
StewardListeningQuery *steward_store_get_listening_query    (StewardStore          *self,
                                                             const char            *name,
                                                             GError               **error);
gboolean               steward_store_remove_listening_query (StewardStore          *self,
                                                             const char            *name,
                                                             GError               **error);

/* Results: the posts of the whole cache matching the query, newest first,
 * created at or after @since (all when %NULL), as StewardPost with
 * "highlight-markup" and "is-new". */
GPtrArray             *steward_store_listening_results      (StewardStore          *self,
                                                             const char            *name,
                                                             GDateTime             *since,
                                                             guint                  offset,
                                                             guint                  limit,
                                                             GError               **error);
guint                  steward_store_count_listening_new    (StewardStore          *self,
                                                             const char            *name,
                                                             GError               **error);
gboolean               steward_store_mark_listening_seen    (StewardStore          *self,
                                                             const char            *name,
                                                             GError               **error);

/* Volume: (element-type StewardVolumeBucket) buckets between @since and
 * @until (either %NULL: unbounded), oldest first; buckets without posts
 * are left out. */
GArray                *steward_store_listening_volume       (StewardStore          *self,
                                                             const char            *name,
                                                             StewardVolumeInterval  interval,
                                                             GDateTime             *since,
                                                             GDateTime             *until,
                                                             GError               **error);
/* Top voices: (element-type StewardVoice) at most @limit authors. */
GPtrArray             *steward_store_listening_voices       (StewardStore          *self,
                                                             const char            *name,
                                                             StewardVoiceOrder      order,
                                                             guint                  limit,
                                                             GError               **error);

/* Sync. Fetches for a query keep a cursor per account; a page of posts is
 * written with it in one transaction (see steward_store_ingest_page()).
 * @n_new: (out) (optional): new matches of saved queries it made. */
char                  *steward_store_get_listening_cursor   (StewardStore          *self,
                                                             gint64                 account_id,
                                                             gint64                 query_id,
                                                             GError               **error);
gboolean               steward_store_ingest_listening_page  (StewardStore          *self,
                                                             gint64                 account_id,
                                                             gint64                 query_id,
                                                             const StewardPage     *page,
                                                             guint                 *n_new,
                                                             GError               **error);

/* What a sync asks networks for: the positive #hashtags (without "#") and
 * words or phrases of @query, or %FALSE with an error for an invalid one. */
gboolean               steward_listening_query_get_terms    (const char            *query,
                                                             GStrv                 *hashtags,
                                                             GStrv                 *terms,
                                                             GError               **error);

/* Sending a result to the inbox: creates the inbox item of kind
 * STEWARD_ITEM_KIND_LISTENING for the cached post @post_id (for the
 * account that saw it first, with the post's remote id and date, status
 * new), or returns the one already there; emits "changed::inbox" when it
 * creates one. Returns the item's id, or 0 with @error set
 * (STEWARD_ERROR_NOT_FOUND for an unknown post). */
gint64                 steward_store_send_to_inbox          (StewardStore          *self,
                                                             gint64                 post_id,
                                                             GError               **error);
/* The id of an inbox item (of any kind) showing the cached post @post_id,
 * the lowest if several: 0 if there is none, -1 with @error set on failure. */
gint64                 steward_store_find_post_inbox_item   (StewardStore          *self,
                                                             gint64                 post_id,
                                                             GError               **error);

/* A GListModel of StewardListeningQuery, in name order, that reloads when
 * the store emits "changed::listening" or "changed::posts". */
#define STEWARD_TYPE_LISTENING_MODEL (steward_listening_model_get_type ())
G_DECLARE_FINAL_TYPE (StewardListeningModel, steward_listening_model, STEWARD, LISTENING_MODEL, GObject)

StewardListeningModel *steward_listening_model_new          (StewardStore          *store);
void                   steward_listening_model_reload       (StewardListeningModel *self);

G_END_DECLS
