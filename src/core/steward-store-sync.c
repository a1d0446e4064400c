/* steward-store-sync.c — what a sync writes: pages of items, and cursors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page's authors, posts, items and the stream's cursor go in one
 * transaction. Every write is an upsert that writes only what differs, so
 * ingesting the same page twice changes nothing.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-html.h"

static const char sql_get_cursor[] =
  "SELECT cursor FROM cursors WHERE account_id = ?1 AND stream = ?2";

static const char sql_set_cursor[] =
  "INSERT INTO cursors (account_id, stream, cursor) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (account_id, stream) DO UPDATE SET cursor = excluded.cursor";

static const char sql_account_server[] =
  "SELECT server FROM accounts WHERE id = ?1";

/* Writes only when something differs, so that ingesting the same page again
 * changes nothing; RETURNING then gives no row and the id is looked up. */
static const char sql_upsert_author[] =
  "INSERT INTO authors (server, remote_id, acct, display_name, url, avatar_url, followers)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
  " ON CONFLICT (server, remote_id) DO UPDATE SET"
  "   acct = excluded.acct, display_name = excluded.display_name, url = excluded.url,"
  "   avatar_url = excluded.avatar_url, followers = excluded.followers"
  " WHERE authors.acct IS NOT excluded.acct"
  "    OR authors.display_name IS NOT excluded.display_name"
  "    OR authors.url IS NOT excluded.url"
  "    OR authors.avatar_url IS NOT excluded.avatar_url"
  "    OR authors.followers IS NOT excluded.followers"
  " RETURNING id";

static const char sql_find_author[] =
  "SELECT id FROM authors WHERE server = ?1 AND remote_id = ?2";

/* An edit (a newer or equal edited_at with different content) updates the
 * post in place; an older copy never overwrites a newer one. */
static const char sql_upsert_post[] =
  "INSERT INTO posts (server, remote_id, author_id, url, html, text, markup, spoiler_text,"
  "                   language, visibility, in_reply_to, conversation, created_at, edited_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
  " ON CONFLICT (server, remote_id) DO UPDATE SET"
  "   author_id = excluded.author_id, url = excluded.url, html = excluded.html,"
  "   text = excluded.text, markup = excluded.markup,"
  "   spoiler_text = excluded.spoiler_text, language = excluded.language,"
  "   visibility = excluded.visibility, in_reply_to = excluded.in_reply_to,"
  "   conversation = coalesce (excluded.conversation, posts.conversation),"
  "   edited_at = excluded.edited_at"
  " WHERE coalesce (excluded.edited_at, 0) >= coalesce (posts.edited_at, 0)"
  "   AND (posts.author_id IS NOT excluded.author_id"
  "     OR posts.url IS NOT excluded.url"
  "     OR posts.html IS NOT excluded.html"
  "     OR posts.text IS NOT excluded.text"
  "     OR posts.spoiler_text IS NOT excluded.spoiler_text"
  "     OR posts.language IS NOT excluded.language"
  "     OR posts.visibility IS NOT excluded.visibility"
  "     OR posts.in_reply_to IS NOT excluded.in_reply_to"
  "     OR posts.edited_at IS NOT excluded.edited_at"
  "     OR (excluded.conversation IS NOT NULL"
  "         AND posts.conversation IS NOT excluded.conversation))"
  " RETURNING id";

static const char sql_find_post[] =
  "SELECT id FROM posts WHERE server = ?1 AND remote_id = ?2";

static const char sql_link_post[] =
  "INSERT INTO post_accounts (post_id, account_id) VALUES (?1, ?2)"
  " ON CONFLICT DO NOTHING";

static const char sql_insert_item[] =
  "INSERT INTO inbox_items (account_id, kind, remote_id, post_id, created_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (account_id, kind, remote_id) DO NOTHING";

/* A conversation's item points at its latest message: a newer one moves it. */
static const char sql_move_item[] =
  "UPDATE inbox_items SET post_id = ?4, created_at = ?5"
  " WHERE account_id = ?1 AND kind = ?2 AND remote_id = ?3"
  "   AND post_id IS NOT ?4 AND created_at <= ?5";

typedef struct {
  guint    n_new;
  gboolean items_changed;
  gboolean posts_changed;
} IngestResult;

/* Runs an upsert … RETURNING id; when it wrote nothing, finds the id with
 * @find_sql (bound with the same first two parameters). */
static gint64
upsert_returning_id (StewardStore  *self,
                     sqlite3_stmt  *upsert,
                     const char    *find_sql,
                     const char    *server,
                     const char    *remote_id,
                     gboolean      *changed,
                     GError       **error)
{
  g_autoptr(StewardCachedStmt) find = NULL;
  gint64 id;
  int rc;

  rc = sqlite3_step (upsert);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (upsert, 0);
      if (!steward_store_step_done (self, upsert, error))
        return 0;
      *changed = TRUE;
      return id;
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }

  if ((find = steward_store_prepare_cached (self, find_sql, error)) == NULL)
    return 0;
  steward_sqlite_bind_text (find, 1, server);
  steward_sqlite_bind_text (find, 2, remote_id);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, error);
      return 0;
    }
  *changed = FALSE;
  return sqlite3_column_int64 (find, 0);
}

static gint64
ingest_author (StewardStore               *self,
               const char                 *server,
               const StewardRemoteAuthor  *author,
               gboolean                   *changed,
               GError                    **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  if ((stmt = steward_store_prepare_cached (self, sql_upsert_author, error)) == NULL)
    return 0;

  steward_sqlite_bind_text (stmt, 1, server);
  steward_sqlite_bind_text (stmt, 2, author->remote_id);
  steward_sqlite_bind_text (stmt, 3, author->acct);
  steward_sqlite_bind_text (stmt, 4, author->display_name);
  steward_sqlite_bind_text (stmt, 5, author->url);
  steward_sqlite_bind_text (stmt, 6, author->avatar_url);
  sqlite3_bind_int64 (stmt, 7, author->followers);

  return upsert_returning_id (self, stmt, sql_find_author, server, author->remote_id,
                              changed, error);
}

static gint64
ingest_post (StewardStore             *self,
             const char               *server,
             const StewardRemotePost  *post,
             gint64                    created_at,
             gboolean                 *post_changed,
             gboolean                 *author_changed,
             GError                  **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  gint64 author_id;

  if ((author_id = ingest_author (self, server, post->author, author_changed, error)) == 0)
    return 0;

  /* Input without markup (the source may give only text) is taken as plain
   * text by the converter, which escapes it for the markup. */
  steward_html_convert (post->html != NULL ? post->html : post->text, &text, &markup);

  if ((stmt = steward_store_prepare_cached (self, sql_upsert_post, error)) == NULL)
    return 0;

  steward_sqlite_bind_text (stmt, 1, server);
  steward_sqlite_bind_text (stmt, 2, post->remote_id);
  sqlite3_bind_int64 (stmt, 3, author_id);
  steward_sqlite_bind_text (stmt, 4, post->url);
  steward_sqlite_bind_text (stmt, 5, post->html);
  steward_sqlite_bind_text (stmt, 6, text != NULL ? text : "");
  steward_sqlite_bind_text (stmt, 7, markup != NULL ? markup : "");
  steward_sqlite_bind_text (stmt, 8, post->spoiler_text);
  steward_sqlite_bind_text (stmt, 9, post->language);
  steward_sqlite_bind_text (stmt, 10, post->visibility);
  steward_sqlite_bind_text (stmt, 11, post->in_reply_to_id);
  steward_sqlite_bind_text (stmt, 12, post->conversation_id);
  sqlite3_bind_int64 (stmt, 13, created_at);
  steward_sqlite_bind_date (stmt, 14, post->edited_at);

  return upsert_returning_id (self, stmt, sql_find_post, server, post->remote_id,
                              post_changed, error);
}

static gboolean
bind_and_step_item (StewardStore             *self,
                    const char               *sql,
                    gint64                    account_id,
                    const StewardRemoteItem  *item,
                    gint64                    post_id,
                    gint64                    created_at,
                    gboolean                 *changed,
                    GError                  **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  if ((stmt = steward_store_prepare_cached (self, sql, error)) == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  steward_sqlite_bind_text (stmt, 2, steward_item_kind_to_string (item->kind));
  steward_sqlite_bind_text (stmt, 3, item->remote_id);
  sqlite3_bind_int64 (stmt, 4, post_id);
  sqlite3_bind_int64 (stmt, 5, created_at);

  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (steward_store_get_db (self)) > 0;
  return TRUE;
}

static gboolean
ingest_item (StewardStore             *self,
             gint64                    account_id,
             const char               *server,
             const StewardRemoteItem  *item,
             IngestResult             *result,
             GError                  **error)
{
  g_autoptr(StewardCachedStmt) link = NULL;
  const StewardRemotePost *post = item->post;
  gboolean post_changed = FALSE;
  gboolean author_changed = FALSE;
  gboolean inserted = FALSE;
  gboolean moved = FALSE;
  gint64 created_at;
  gint64 post_id;

  if (item->remote_id == NULL || post == NULL || post->remote_id == NULL ||
      post->author == NULL || post->author->remote_id == NULL || post->author->acct == NULL ||
      (guint) item->kind > STEWARD_ITEM_KIND_DIRECT)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("An item of the page lacks its id, its post or its author"));
      return FALSE;
    }

  created_at = post->created_at != NULL ? g_date_time_to_unix (post->created_at)
                                        : g_get_real_time () / G_USEC_PER_SEC;

  if ((post_id = ingest_post (self, server, post, created_at, &post_changed,
                              &author_changed, error)) == 0)
    return FALSE;

  if ((link = steward_store_prepare_cached (self, sql_link_post, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (link, 1, post_id);
  sqlite3_bind_int64 (link, 2, account_id);
  if (!steward_store_step_done (self, link, error))
    return FALSE;

  if (!bind_and_step_item (self, sql_insert_item, account_id, item, post_id, created_at,
                           &inserted, error))
    return FALSE;
  if (!inserted &&
      !bind_and_step_item (self, sql_move_item, account_id, item, post_id, created_at,
                           &moved, error))
    return FALSE;

  if (inserted)
    result->n_new++;
  if (inserted || moved || post_changed || author_changed)
    result->items_changed = TRUE;
  if (post_changed)
    result->posts_changed = TRUE;
  return TRUE;
}

static gboolean
lookup_account_server (StewardStore  *self,
                       gint64         account_id,
                       char         **server,
                       GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_account_server, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *server = g_strdup (steward_sqlite_column_text (stmt, 0));
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    steward_store_set_no_account (account_id, error);
  else
    steward_sqlite_set_error (steward_store_get_db (self), rc, error);
  return FALSE;
}

/**
 * steward_store_get_cursor:
 * @self: a store
 * @account_id: an account id
 * @stream: a stream
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the stream's stored cursor, or
 *   %NULL (without an error) when the stream never synced
 */
char *
steward_store_get_cursor (StewardStore   *self,
                          gint64          account_id,
                          StewardStream   stream,
                          GError        **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_get_cursor, error)) == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  steward_sqlite_bind_text (stmt, 2, steward_stream_to_string (stream));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (steward_sqlite_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    steward_sqlite_set_error (steward_store_get_db (self), rc, error);
  return NULL;
}

/**
 * steward_store_ingest_page:
 * @self: a store
 * @account_id: the account the page belongs to
 * @stream: the stream it came from
 * @page: the page
 * @n_new: (out) (optional): how many inbox items did not exist before
 * @error: return location for an error
 *
 * Writes the page's items, posts and authors and the stream's new cursor
 * in one transaction. On failure nothing of the page is kept.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_ingest_page (StewardStore       *self,
                           gint64              account_id,
                           StewardStream       stream,
                           const StewardPage  *page,
                           guint              *n_new,
                           GError            **error)
{
  g_autofree char *server = NULL;
  IngestResult result = { 0, };

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_new != NULL)
    *n_new = 0;

  if (!steward_store_begin (self, error))
    return FALSE;

  if (!lookup_account_server (self, account_id, &server, error))
    goto fail;

  for (guint i = 0; page->items != NULL && i < page->items->len; i++)
    {
      if (!ingest_item (self, account_id, server, g_ptr_array_index (page->items, i),
                        &result, error))
        goto fail;
    }

  if (page->cursor != NULL)
    {
      g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_set_cursor, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, account_id);
      steward_sqlite_bind_text (stmt, 2, steward_stream_to_string (stream));
      steward_sqlite_bind_text (stmt, 3, page->cursor);
      if (!steward_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!steward_store_commit (self, error))
    goto fail;

  if (n_new != NULL)
    *n_new = result.n_new;
  if (result.posts_changed)
    steward_store_notify_changed (self, "posts");
  if (result.items_changed)
    steward_store_notify_changed (self, "inbox");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}
