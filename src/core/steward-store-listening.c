/* steward-store-listening.c — saved listening queries, their new matches,
 * volume and top voices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Results are searches of the whole cache (steward-store-search.c). What
 * is stored per query is only which posts it matched after it was saved:
 * every ingest runs each query against the posts above its evaluated_id
 * (the posts table's ids grow with arrival, whatever the posts' dates),
 * with the posts as the outer loop and an FTS5 lookup by rowid per post,
 * so the cost follows the page, not the cache.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-listening.h"

#define DEFAULT_VOICES 10

static const char sql_list_queries[] =
  "SELECT q.id, q.name, q.query, q.colour, q.created_at, q.last_seen_at,"
  "       (SELECT count (*) FROM listening_matches m WHERE m.query_id = q.id AND m.new = 1)"
  " FROM listening_queries q";

static const char sql_insert_query[] =
  "INSERT INTO listening_queries (name, query, colour, created_at, evaluated_id)"
  " VALUES (?1, ?2, ?3, ?4, (SELECT coalesce (max (id), 0) FROM posts))"
  " ON CONFLICT (name) DO NOTHING";

static const char sql_delete_query[] =
  "DELETE FROM listening_queries WHERE id = ?1";

static const char sql_delete_cursors[] =
  "DELETE FROM cursors WHERE stream = 'listen:' || ?1";

static const char sql_count_new[] =
  "SELECT count (*) FROM listening_matches WHERE query_id = ?1 AND new = 1";

static const char sql_mark_seen[] =
  "UPDATE listening_matches SET new = 0 WHERE query_id = ?1 AND new = 1";

static const char sql_set_seen_at[] =
  "UPDATE listening_queries SET last_seen_at = ?2 WHERE id = ?1";

static const char sql_set_evaluated[] =
  "UPDATE listening_queries SET evaluated_id = ?1 WHERE evaluated_id < ?1";

static const char sql_max_post[] =
  "SELECT coalesce (max (id), 0) FROM posts";

/* The account a result is sent to the inbox for: the first that saw it. */
static const char sql_post_for_inbox[] =
  "SELECT p.remote_id, p.created_at,"
  "       (SELECT min (pa.account_id) FROM post_accounts pa WHERE pa.post_id = p.id)"
  " FROM posts p WHERE p.id = ?1";

static const char sql_insert_listening_item[] =
  "INSERT INTO inbox_items (account_id, kind, remote_id, post_id, created_at)"
  " VALUES (?1, 'listening', ?2, ?3, ?4)"
  " ON CONFLICT (account_id, kind, remote_id) DO NOTHING";

static const char sql_find_listening_item[] =
  "SELECT id FROM inbox_items WHERE account_id = ?1 AND kind = 'listening' AND remote_id = ?2";

static const char sql_find_post_item[] =
  "SELECT min (id) FROM inbox_items WHERE post_id = ?1";

void
steward_voice_free (StewardVoice *voice)
{
  if (voice == NULL)
    return;

  g_free (voice->acct);
  g_free (voice->display_name);
  g_free (voice);
}

static StewardListeningQuery *
query_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 4);
  g_autoptr(GDateTime) last_seen_at = steward_sqlite_column_date (stmt, 5);

  return g_object_new (STEWARD_TYPE_LISTENING_QUERY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "name", steward_sqlite_column_text (stmt, 1),
                       "query", steward_sqlite_column_text (stmt, 2),
                       "colour", steward_sqlite_column_text (stmt, 3),
                       "created-at", created_at,
                       "last-seen-at", last_seen_at,
                       "n-new", (guint) sqlite3_column_int64 (stmt, 6),
                       NULL);
}

static void
set_no_query (const char  *name,
              GError     **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no listening query named “%s”"), name);
}

static gboolean
run_with_id (StewardStore  *self,
             const char    *sql,
             gint64         id,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return steward_store_step_done (self, stmt, error);
}

static gint64
max_post_id (StewardStore  *self,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_max_post, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Prepares @sql (built at run time) and binds @plan to it. */
static sqlite3_stmt *
prepare_query_sql (StewardStore            *self,
                   const char              *sql,
                   const StewardQueryPlan  *plan,
                   GError                 **error)
{
  sqlite3 *db = steward_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("%s: %s", sql, sqlite3_errmsg (db));
      steward_sqlite_set_error (db, rc, error);
      return NULL;
    }
  if (!steward_store_bind_query (stmt, plan, error))
    return NULL;
  return g_steal_pointer (&stmt);
}

static void
bind_named_int64 (sqlite3_stmt *stmt,
                  const char   *name,
                  gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

/* Runs one saved query against the posts above @evaluated_id. */
static gboolean
evaluate_one (StewardStore  *self,
              gint64         query_id,
              const char    *text,
              gint64         evaluated_id,
              gint64         now,
              guint         *n_new,
              GError       **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  plan = steward_store_parse_query (text, &parse_error);
  if (plan == NULL)
    {
      /* Saved queries were valid when added; one that a newer parser
       * refuses matches nothing rather than stopping every sync. */
      g_debug ("Listening query %" G_GINT64_FORMAT " is invalid: %s", query_id, parse_error->message);
      return TRUE;
    }

  g_string_append (sql,
                   "INSERT INTO listening_matches (query_id, post_id, first_seen, new)"
                   " SELECT :query, p.id, :now, 1");
  if (plan->match != NULL)
    g_string_append (sql,
                     " FROM posts p CROSS JOIN posts_fts ON posts_fts.rowid = p.search_key"
                     " WHERE p.id > :evaluated AND posts_fts MATCH :match");
  else
    g_string_append (sql, " FROM posts p WHERE p.id > :evaluated");
  steward_store_append_query_conditions (sql, plan);
  g_string_append (sql, " ON CONFLICT DO NOTHING");

  if ((stmt = prepare_query_sql (self, sql->str, plan, error)) == NULL)
    return FALSE;
  bind_named_int64 (stmt, ":query", query_id);
  bind_named_int64 (stmt, ":now", now);
  bind_named_int64 (stmt, ":evaluated", evaluated_id);

  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  *n_new += (guint) sqlite3_changes (steward_store_get_db (self));
  return TRUE;
}

/**
 * steward_store_evaluate_listening:
 * @self: a store, inside a transaction
 * @n_new: (out): how many new matches were recorded
 * @error: return location for an error
 *
 * Runs every saved query against the posts that arrived since it last
 * ran and records their matches as new.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_evaluate_listening (StewardStore  *self,
                                  guint         *n_new,
                                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) evaluated = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 max_id;
  int rc;

  *n_new = 0;

  if ((max_id = max_post_id (self, error)) < 0)
    return FALSE;

  {
    g_autoptr(StewardCachedStmt) stmt =
      steward_store_prepare_cached (self,
                                    "SELECT id, query, evaluated_id FROM listening_queries"
                                    " WHERE evaluated_id < ?1",
                                    error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, max_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gint64 done = sqlite3_column_int64 (stmt, 2);

        g_array_append_val (ids, id);
        g_ptr_array_add (texts, g_strdup (steward_sqlite_column_text (stmt, 1)));
        g_array_append_val (evaluated, done);
      }
    if (rc != SQLITE_DONE)
      {
        steward_sqlite_set_error (steward_store_get_db (self), rc, error);
        return FALSE;
      }
  }

  if (ids->len == 0)
    return TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (!evaluate_one (self, g_array_index (ids, gint64, i), texts->pdata[i],
                         g_array_index (evaluated, gint64, i), now, n_new, error))
        return FALSE;
    }

  return run_with_id (self, sql_set_evaluated, max_id, error);
}

static StewardListeningQuery *
find_query (StewardStore  *self,
            const char    *name,
            GError       **error)
{
  g_autoptr(GString) sql = g_string_new (sql_list_queries);
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_string_append (sql, " WHERE q.name = ?1");
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return query_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_no_query (name, error);
  else
    steward_sqlite_set_error (steward_store_get_db (self), rc, error);
  return NULL;
}

/* The query named @name, compiled; its id in @query_id. */
static StewardQueryPlan *
find_plan (StewardStore  *self,
           const char    *name,
           gint64        *query_id,
           GError       **error)
{
  g_autoptr(StewardListeningQuery) query = find_query (self, name, error);

  if (query == NULL)
    return NULL;
  *query_id = steward_listening_query_get_id (query);
  return steward_store_parse_query (steward_listening_query_get_query (query), error);
}

/**
 * steward_store_add_listening_query:
 * @self: a store
 * @name: a name no other query has
 * @query: the query, in the Listening query language
 * @colour: (nullable): its colour, e.g. "#3584e4"
 * @error: return location for an error
 *
 * Saves a query. The posts already cached are its history: only posts
 * that arrive from now on are marked new.
 *
 * Returns: (transfer full): the saved query, or %NULL
 */
StewardListeningQuery *
steward_store_add_listening_query (StewardStore  *self,
                                   const char    *name,
                                   const char    *query,
                                   const char    *colour,
                                   GError       **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("A listening query needs a name"));
      return NULL;
    }

  if ((plan = steward_store_parse_query (query, error)) == NULL)
    return NULL;

  if ((stmt = steward_store_prepare_cached (self, sql_insert_query, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (stmt, 1, stripped);
  steward_sqlite_bind_text (stmt, 2, query);
  steward_sqlite_bind_text (stmt, 3, colour);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!steward_store_step_done (self, stmt, error))
    return NULL;
  if (sqlite3_changes (steward_store_get_db (self)) == 0)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("There is already a listening query named “%s”"), stripped);
      return NULL;
    }

  steward_store_notify_changed (self, "listening");
  return find_query (self, stripped, error);
}

/**
 * steward_store_list_listening_queries:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardListeningQuery): the
 *   saved queries in name order, with their counts of new posts
 */
GPtrArray *
steward_store_list_listening_queries (StewardStore  *self,
                                      GError       **error)
{
  g_autoptr(GString) sql = g_string_new (sql_list_queries);
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_string_append (sql, " ORDER BY q.name");
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;

  queries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (queries, query_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&queries);
}

/**
 * steward_store_get_listening_query:
 * @self: a store
 * @name: the query's name
 * @error: return location for an error
 *
 * Returns: (transfer full): the query, or %NULL with
 *   %STEWARD_ERROR_NOT_FOUND
 */
StewardListeningQuery *
steward_store_get_listening_query (StewardStore  *self,
                                   const char    *name,
                                   GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return find_query (self, name, error);
}

/**
 * steward_store_remove_listening_query:
 * @self: a store
 * @name: the query's name
 * @error: return location for an error
 *
 * Removes the query, its record of new posts and its fetch cursors. The
 * posts stay in the cache.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_remove_listening_query (StewardStore  *self,
                                      const char    *name,
                                      GError       **error)
{
  g_autoptr(StewardListeningQuery) query = NULL;
  gint64 id;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((query = find_query (self, name, error)) == NULL)
    return FALSE;
  id = steward_listening_query_get_id (query);

  if (!steward_store_begin (self, error))
    return FALSE;
  if (!run_with_id (self, sql_delete_cursors, id, error) ||
      !run_with_id (self, sql_delete_query, id, error) ||
      !steward_store_commit (self, error))
    {
      steward_store_rollback (self);
      return FALSE;
    }

  steward_store_notify_changed (self, "listening");
  return TRUE;
}

/**
 * steward_store_listening_results:
 * @self: a store
 * @name: the query's name
 * @since: (nullable): only posts created at or after this time
 * @offset: how many of the newest results to skip
 * @limit: most results; 0 for the default (50)
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardPost): the posts of
 *   the whole cache that match the query, newest first, or %NULL
 */
GPtrArray *
steward_store_listening_results (StewardStore  *self,
                                 const char    *name,
                                 GDateTime     *since,
                                 guint          offset,
                                 guint          limit,
                                 GError       **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  gint64 query_id = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((plan = find_plan (self, name, &query_id, error)) == NULL)
    return NULL;

  return steward_store_query_posts (self, plan, query_id,
                                    since != NULL ? g_date_time_to_unix (since) : G_MININT64,
                                    offset, limit, error);
}

/**
 * steward_store_count_listening_new:
 * @self: a store
 * @name: the query's name
 * @error: return location for an error
 *
 * Returns: how many posts the query found since it was saved that are not
 *   marked seen; 0 with @error set on failure
 */
guint
steward_store_count_listening_new (StewardStore  *self,
                                   const char    *name,
                                   GError       **error)
{
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((query = find_query (self, name, error)) == NULL)
    return 0;
  if ((stmt = steward_store_prepare_cached (self, sql_count_new, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, steward_listening_query_get_id (query));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * steward_store_mark_listening_seen:
 * @self: a store
 * @name: the query's name
 * @error: return location for an error
 *
 * Marks every new post of the query seen and records when.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_mark_listening_seen (StewardStore  *self,
                                   const char    *name,
                                   GError       **error)
{
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((query = find_query (self, name, error)) == NULL)
    return FALSE;
  id = steward_listening_query_get_id (query);

  if (!steward_store_begin (self, error))
    return FALSE;
  if (!run_with_id (self, sql_mark_seen, id, error))
    goto fail;
  if ((stmt = steward_store_prepare_cached (self, sql_set_seen_at, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!steward_store_step_done (self, stmt, error) || !steward_store_commit (self, error))
    goto fail;

  steward_store_notify_changed (self, "listening");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

/**
 * steward_store_listening_volume:
 * @self: a store
 * @name: the query's name
 * @interval: the width of a bucket
 * @since: (nullable): the first time to count
 * @until: (nullable): the first time not to count
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type StewardVolumeBucket): how many
 *   posts matching the query were created per hour or day, oldest first,
 *   without empty buckets; %NULL on error
 */
GArray *
steward_store_listening_volume (StewardStore           *self,
                                const char             *name,
                                StewardVolumeInterval   interval,
                                GDateTime              *since,
                                GDateTime              *until,
                                GError                **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) buckets = NULL;
  g_autofree char *source = NULL;
  const char *key = NULL;
  gint64 width = interval == STEWARD_VOLUME_DAY ? 24 * 3600 : 3600;
  gint64 query_id = 0;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((plan = find_plan (self, name, &query_id, error)) == NULL)
    return NULL;

  source = steward_store_query_source (plan, &key);
  g_string_append_printf (sql, "SELECT (p.created_at / :width) * :width AS bucket, count (*)%s", source);
  /* The bounds go on the key, which the index or FTS5 can range over. */
  if (since != NULL)
    g_string_append_printf (sql, " AND %s >= :since", key);
  if (until != NULL)
    g_string_append_printf (sql, " AND %s < :until", key);
  g_string_append (sql, " GROUP BY bucket ORDER BY bucket");

  if ((stmt = prepare_query_sql (self, sql->str, plan, error)) == NULL)
    return NULL;
  bind_named_int64 (stmt, ":width", width);
  if (since != NULL)
    bind_named_int64 (stmt, ":since", steward_store_search_key_floor (g_date_time_to_unix (since)));
  if (until != NULL)
    bind_named_int64 (stmt, ":until", steward_store_search_key_floor (g_date_time_to_unix (until)));

  buckets = g_array_new (FALSE, FALSE, sizeof (StewardVolumeBucket));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardVolumeBucket bucket = { sqlite3_column_int64 (stmt, 0), (guint) sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (buckets, bucket);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&buckets);
}

/**
 * steward_store_listening_voices:
 * @self: a store
 * @name: the query's name
 * @order: rank by reach (followers) or by volume (matching posts)
 * @limit: most authors; 0 for 10
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardVoice): the authors
 *   of the query's posts, ranked; ties by the other measure, then handle
 */
GPtrArray *
steward_store_listening_voices (StewardStore       *self,
                                const char         *name,
                                StewardVoiceOrder   order,
                                guint               limit,
                                GError            **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) voices = NULL;
  g_autofree char *source = NULL;
  const char *key = NULL;
  gint64 query_id = 0;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((plan = find_plan (self, name, &query_id, error)) == NULL)
    return NULL;

  source = steward_store_query_source (plan, &key);
  g_string_append_printf (sql,
                          "SELECT au.acct, au.display_name, au.followers, count (*) AS n%s"
                          " GROUP BY au.id ORDER BY %s, au.acct LIMIT :limit",
                          source,
                          order == STEWARD_VOICES_BY_REACH ? "au.followers DESC, n DESC"
                                                           : "n DESC, au.followers DESC");

  if ((stmt = prepare_query_sql (self, sql->str, plan, error)) == NULL)
    return NULL;
  bind_named_int64 (stmt, ":limit", limit > 0 ? limit : DEFAULT_VOICES);

  voices = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_voice_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardVoice *voice = g_new0 (StewardVoice, 1);

      voice->acct = g_strdup (steward_sqlite_column_text (stmt, 0));
      voice->display_name = g_strdup (steward_sqlite_column_text (stmt, 1));
      voice->followers = MAX (sqlite3_column_int64 (stmt, 2), -1);
      voice->n_posts = (guint) sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (voices, voice);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&voices);
}

/**
 * steward_listening_query_get_terms:
 * @query: a query in the Listening query language
 * @hashtags: (out) (transfer full): its positive hashtags, without "#"
 * @terms: (out) (transfer full): its positive words and phrases
 * @error: return location for an error
 *
 * Returns: %TRUE on success; %FALSE with %STEWARD_ERROR_INVALID_ARGUMENT
 */
gboolean
steward_listening_query_get_terms (const char  *query,
                                   GStrv       *hashtags,
                                   GStrv       *terms,
                                   GError     **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (hashtags != NULL && terms != NULL, FALSE);

  if ((plan = steward_store_parse_query (query, error)) == NULL)
    return FALSE;
  *hashtags = g_strdupv (plan->hashtags);
  *terms = g_strdupv (plan->terms);
  return TRUE;
}

/**
 * steward_store_send_to_inbox:
 * @self: a store
 * @post_id: a cached post's id (steward_post_get_id())
 * @error: return location for a #GError
 *
 * Makes @post_id an inbox item to answer: one of kind
 * %STEWARD_ITEM_KIND_LISTENING, for the account that saw the post first,
 * with the post's remote id and date and the status new. Sending the same
 * post again returns the same item. Emits "changed::inbox" when an item is
 * created.
 *
 * Returns: the item's id, or 0 with @error set (%STEWARD_ERROR_NOT_FOUND
 *   for an unknown post)
 */
gint64
steward_store_send_to_inbox (StewardStore  *self,
                             gint64         post_id,
                             GError       **error)
{
  g_autoptr(StewardCachedStmt) post = NULL;
  g_autoptr(StewardCachedStmt) insert = NULL;
  g_autoptr(StewardCachedStmt) find = NULL;
  g_autofree char *remote_id = NULL;
  gint64 created_at;
  gint64 account_id;
  gboolean inserted;
  gint64 item_id;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((post = steward_store_prepare_cached (self, sql_post_for_inbox, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (post, 1, post_id);
  rc = sqlite3_step (post);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  if (rc == SQLITE_DONE || sqlite3_column_type (post, 2) == SQLITE_NULL)
    {
      /* A post no account has seen is on its way out with its account. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, post_id);

      /* Translators: %s is a number, the post's local id */
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                   _("There is no cached post with id %s"), id);
      return 0;
    }
  remote_id = g_strdup (steward_sqlite_column_text (post, 0));
  created_at = sqlite3_column_int64 (post, 1);
  account_id = sqlite3_column_int64 (post, 2);
  g_clear_pointer (&post, steward_cached_stmt_release);

  if ((insert = steward_store_prepare_cached (self, sql_insert_listening_item, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (insert, 1, account_id);
  steward_sqlite_bind_text (insert, 2, remote_id);
  sqlite3_bind_int64 (insert, 3, post_id);
  sqlite3_bind_int64 (insert, 4, created_at);
  if (!steward_store_step_done (self, insert, error))
    return 0;
  inserted = sqlite3_changes (steward_store_get_db (self)) > 0;

  if ((find = steward_store_prepare_cached (self, sql_find_listening_item, error)) == NULL)
    return 0;
  sqlite3_bind_int64 (find, 1, account_id);
  steward_sqlite_bind_text (find, 2, remote_id);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  item_id = sqlite3_column_int64 (find, 0);

  if (inserted)
    {
      g_debug ("Sent post %" G_GINT64_FORMAT " to the inbox as item %" G_GINT64_FORMAT,
               post_id, item_id);
      steward_store_notify_changed (self, "inbox");
    }
  return item_id;
}

/**
 * steward_store_find_post_inbox_item:
 * @self: a store
 * @post_id: a cached post's id
 * @error: return location for a #GError
 *
 * Returns: the lowest id of the inbox items (of any kind) showing
 *   @post_id, 0 if there is none, or -1 with @error set
 */
gint64
steward_store_find_post_inbox_item (StewardStore  *self,
                                    gint64         post_id,
                                    GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if ((stmt = steward_store_prepare_cached (self, sql_find_post_item, error)) == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, post_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
