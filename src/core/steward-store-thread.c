/* steward-store-thread.c — the cached thread of an inbox item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thread's posts are written like any other posts of a page (authors,
 * posts, the search index, the account that saw them) by
 * steward_store_ingest_listening_page() without a cursor; then, in a
 * second transaction, item_threads is replaced with the posts of the page
 * and thread_fetches records the fetch. Were the process to stop between
 * the two, the posts would be cached and the thread fetched again next
 * time: nothing is lost or wrong.
 *
 * Saving a thread is also how a reply written on the web is noticed: the
 * earliest post after the item's own written by the item's account (its
 * author has the account's remote id on the account's server) becomes the
 * item's first response when it has none yet.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-listening.h"
#include "steward-post.h"
#include "steward-triage.h"

static const char sql_thread_item[] =
  "SELECT i.account_id, i.post_id, a.server FROM inbox_items i"
  " JOIN accounts a ON a.id = i.account_id WHERE i.id = ?1";

static const char sql_clear_thread[] =
  "DELETE FROM item_threads WHERE item_id = ?1";

static const char sql_add_thread_post[] =
  "INSERT INTO item_threads (item_id, post_id)"
  " SELECT ?1, id FROM posts WHERE server = ?2 AND remote_id = ?3"
  " ON CONFLICT DO NOTHING";

static const char sql_add_thread_own_post[] =
  "INSERT INTO item_threads (item_id, post_id) VALUES (?1, ?2)"
  " ON CONFLICT DO NOTHING";

static const char sql_record_fetch[] =
  "INSERT INTO thread_fetches (item_id, fetched_at, deleted) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (item_id) DO UPDATE SET"
  "   fetched_at = excluded.fetched_at, deleted = excluded.deleted";

static const char sql_read_fetch[] =
  "SELECT fetched_at, deleted FROM thread_fetches WHERE item_id = ?1";

/* "One of our accounts answered on the web". */
static const char sql_thread_first_response[] =
  "UPDATE inbox_items SET first_response_at = r.at, updated_at = ?2"
  " FROM (SELECT min (p.created_at) AS at FROM item_threads t"
  "       JOIN inbox_items i ON i.id = t.item_id"
  "       JOIN accounts a ON a.id = i.account_id"
  "       JOIN posts own ON own.id = i.post_id"
  "       JOIN posts p ON p.id = t.post_id"
  "       JOIN authors au ON au.id = p.author_id"
  "       WHERE t.item_id = ?1 AND au.server = a.server AND au.remote_id = a.remote_id"
  "         AND p.id <> own.id AND p.created_at >= own.created_at) AS r"
  " WHERE inbox_items.id = ?1 AND inbox_items.first_response_at IS NULL"
  "   AND r.at IS NOT NULL";

/* The item's own post always; the cached thread when there is one. */
static const char sql_list_thread[] =
  "SELECT p.id, i.account_id, a.network, p.remote_id, p.url, au.acct, au.display_name,"
  "       p.text, steward_post_markup (p.markup, p.html), p.language, p.created_at,"
  "       au.followers"
  " FROM inbox_items i"
  " JOIN accounts a ON a.id = i.account_id"
  " JOIN posts p ON p.id = i.post_id"
  "           OR p.id IN (SELECT post_id FROM item_threads WHERE item_id = ?1)"
  " JOIN authors au ON au.id = p.author_id"
  " WHERE i.id = ?1"
  " ORDER BY p.created_at, p.id";

typedef struct {
  gint64  account_id;
  gint64  post_id;
  char   *server;
} ThreadItem;

static void
thread_item_clear (ThreadItem *item)
{
  g_clear_pointer (&item->server, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThreadItem, thread_item_clear)

static gboolean
read_thread_item (StewardStore  *self,
                  gint64         item_id,
                  ThreadItem    *item,
                  GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_thread_item, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                   _("There is no inbox item with id %lld"), (long long) item_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }
  item->account_id = sqlite3_column_int64 (stmt, 0);
  item->post_id = sqlite3_column_int64 (stmt, 1);
  item->server = g_strdup (steward_sqlite_column_text (stmt, 2));
  return TRUE;
}

static gboolean
replace_thread_posts (StewardStore       *self,
                      gint64              item_id,
                      const ThreadItem   *item,
                      const StewardPage  *page,
                      GError            **error)
{
  g_autoptr(StewardCachedStmt) clear = NULL;
  g_autoptr(StewardCachedStmt) own = NULL;

  if ((clear = steward_store_prepare_cached (self, sql_clear_thread, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, item_id);
  if (!steward_store_step_done (self, clear, error))
    return FALSE;

  for (guint i = 0; page->posts != NULL && i < page->posts->len; i++)
    {
      const StewardRemotePost *post = g_ptr_array_index (page->posts, i);
      g_autoptr(StewardCachedStmt) add = steward_store_prepare_cached (self, sql_add_thread_post, error);

      if (add == NULL)
        return FALSE;
      sqlite3_bind_int64 (add, 1, item_id);
      steward_sqlite_bind_text (add, 2, item->server);
      steward_sqlite_bind_text (add, 3, post->remote_id);
      if (!steward_store_step_done (self, add, error))
        return FALSE;
    }

  if ((own = steward_store_prepare_cached (self, sql_add_thread_own_post, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (own, 1, item_id);
  sqlite3_bind_int64 (own, 2, item->post_id);
  return steward_store_step_done (self, own, error);
}

/**
 * steward_store_save_thread:
 * @self: a store
 * @item_id: an inbox item
 * @page: (nullable): the thread as the context endpoint returned it, in
 *   @page->posts; may be %NULL when @deleted
 * @deleted: whether the server says the item's post is gone
 * @error: return location for an error
 *
 * Caches the thread, replacing what was cached (a deleted post with no
 * @page keeps the posts cached before), and sets the item's first
 * response when one of our accounts answered in the thread. Emits
 * "changed::threads", and "changed::inbox" when the first response was
 * set.
 *
 * Returns: %TRUE on success; %FALSE with %STEWARD_ERROR_NOT_FOUND for an
 *   unknown item
 */
gboolean
steward_store_save_thread (StewardStore       *self,
                           gint64              item_id,
                           const StewardPage  *page,
                           gboolean            deleted,
                           GError            **error)
{
  g_auto(ThreadItem) item = { 0, };
  g_autoptr(StewardCachedStmt) fetch = NULL;
  g_autoptr(StewardCachedStmt) answered = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean responded;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL || deleted, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_thread_item (self, item_id, &item, error))
    return FALSE;

  if (page != NULL && page->posts != NULL && page->posts->len > 0)
    {
      /* Only the posts: no items, and no cursor to store. */
      StewardPage posts_only = { NULL, NULL, TRUE, page->posts };

      if (!steward_store_ingest_listening_page (self, item.account_id, 0, &posts_only, NULL, error))
        return FALSE;
    }

  if (!steward_store_begin (self, error))
    return FALSE;

  if (page != NULL && !replace_thread_posts (self, item_id, &item, page, error))
    goto fail;

  if ((fetch = steward_store_prepare_cached (self, sql_record_fetch, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (fetch, 1, item_id);
  sqlite3_bind_int64 (fetch, 2, now);
  sqlite3_bind_int (fetch, 3, deleted ? 1 : 0);
  if (!steward_store_step_done (self, fetch, error))
    goto fail;

  if ((answered = steward_store_prepare_cached (self, sql_thread_first_response, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (answered, 1, item_id);
  sqlite3_bind_int64 (answered, 2, now);
  if (!steward_store_step_done (self, answered, error))
    goto fail;
  responded = sqlite3_changes (steward_store_get_db (self)) > 0;
  g_clear_pointer (&answered, steward_cached_stmt_release);
  g_clear_pointer (&fetch, steward_cached_stmt_release);

  if (!steward_store_commit (self, error))
    goto fail;

  steward_store_notify_changed (self, "threads");
  if (responded)
    steward_store_notify_changed (self, "inbox");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

/**
 * steward_store_list_thread:
 * @self: a store
 * @item_id: an inbox item
 * @fetched_at: (out) (optional): when the thread was last fetched, or 0
 * @deleted: (out) (optional): whether the post was found deleted
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardPost): the cached
 *   thread, oldest first (only the item's own post when it was never
 *   fetched), or %NULL with %STEWARD_ERROR_NOT_FOUND for an unknown item
 */
GPtrArray *
steward_store_list_thread (StewardStore  *self,
                           gint64         item_id,
                           gint64        *fetched_at,
                           gboolean      *deleted,
                           GError       **error)
{
  g_auto(ThreadItem) item = { 0, };
  g_autoptr(StewardCachedStmt) fetch = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fetched_at != NULL)
    *fetched_at = 0;
  if (deleted != NULL)
    *deleted = FALSE;

  if (!read_thread_item (self, item_id, &item, error))
    return NULL;

  if ((fetch = steward_store_prepare_cached (self, sql_read_fetch, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (fetch, 1, item_id);
  rc = sqlite3_step (fetch);
  if (rc == SQLITE_ROW)
    {
      if (fetched_at != NULL)
        *fetched_at = sqlite3_column_int64 (fetch, 0);
      if (deleted != NULL)
        *deleted = sqlite3_column_int (fetch, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  g_clear_pointer (&fetch, steward_cached_stmt_release);

  if ((stmt = steward_store_prepare_cached (self, sql_list_thread, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);

  posts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 10);

      g_ptr_array_add (posts,
                       g_object_new (STEWARD_TYPE_POST,
                                     "id", sqlite3_column_int64 (stmt, 0),
                                     "account-id", sqlite3_column_int64 (stmt, 1),
                                     "network", steward_sqlite_column_text (stmt, 2),
                                     "remote-id", steward_sqlite_column_text (stmt, 3),
                                     "url", steward_sqlite_column_text (stmt, 4),
                                     "author", steward_sqlite_column_text (stmt, 5),
                                     "author-name", steward_sqlite_column_text (stmt, 6),
                                     "text", steward_sqlite_column_text (stmt, 7),
                                     "markup", steward_sqlite_column_text (stmt, 8),
                                     "language", steward_sqlite_column_text (stmt, 9),
                                     "created-at", created_at,
                                     "author-followers", MAX (sqlite3_column_int64 (stmt, 11), -1),
                                     NULL));
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&posts);
}
