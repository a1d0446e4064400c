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

/* No statement here has a RETURNING clause: SQLite runs RETURNING through
 * a statement journal, which copied every page a post's insert touched
 * (about 27 KiB a post) to a temporary file, the largest single cost of
 * ingest. Ids come from sqlite3_last_insert_rowid() or from the read that
 * precedes every write. */

/* Read before any write: most authors of a page are known and unchanged,
 * and a read costs far less than a write that ends up changing nothing. */
static const char sql_read_author[] =
  "SELECT id, acct, display_name, url, avatar_url, followers FROM authors"
  " WHERE server = ?1 AND remote_id = ?2";

static const char sql_insert_author[] =
  "INSERT INTO authors (server, remote_id, acct, display_name, url, avatar_url, followers)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char sql_update_author[] =
  "UPDATE authors SET acct = ?3, display_name = ?4, url = ?5, avatar_url = ?6, followers = ?7"
  " WHERE id = ?8";

static const char sql_old_post[] =
  "SELECT id, search_key, text, spoiler_text FROM posts WHERE server = ?1 AND remote_id = ?2";

static const char sql_max_post_id[] =
  "SELECT coalesce (max (id), 0) FROM posts";

/* A new post gets the id after the highest (as SQLite would give it) and
 * its search_key (see migration 3), computed from that id in
 * post_search_key(). Both parameters are ?17 and ?15 of bind_post(). */
static const char sql_insert_post[] =
  "INSERT INTO posts (id, server, remote_id, author_id, url, html, text, markup, spoiler_text,"
  "                   language, visibility, in_reply_to, conversation, created_at, edited_at,"
  "                   search_key, has_link)"
  " VALUES (?17, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

/* An edit (a newer or equal edited_at with different content) updates the
 * post in place; an older copy never overwrites a newer one, and the same
 * copy again writes nothing. Its search_key never changes. Parameters as
 * in sql_insert_post, ?17 being the stored post's id. */
static const char sql_update_post[] =
  "UPDATE posts SET"
  "   author_id = ?3, url = ?4, html = ?5, text = ?6, markup = ?7, has_link = ?16,"
  "   spoiler_text = ?8, language = ?9, visibility = ?10, in_reply_to = ?11,"
  "   conversation = coalesce (?12, conversation), edited_at = ?14"
  " WHERE id = ?17"
  "   AND coalesce (?14, 0) >= coalesce (edited_at, 0)"
  "   AND (author_id IS NOT ?3"
  "     OR url IS NOT ?4"
  "     OR html IS NOT ?5"
  "     OR text IS NOT ?6"
  "     OR spoiler_text IS NOT ?8"
  "     OR language IS NOT ?9"
  "     OR visibility IS NOT ?10"
  "     OR in_reply_to IS NOT ?11"
  "     OR edited_at IS NOT ?14"
  "     OR (?12 IS NOT NULL AND conversation IS NOT ?12))";

static const char sql_fts_insert[] =
  "INSERT INTO posts_fts (rowid, text, spoiler_text) VALUES (?1, ?2, ?3)";

static const char sql_fts_delete[] =
  "INSERT INTO posts_fts (posts_fts, rowid, text, spoiler_text) VALUES ('delete', ?1, ?2, ?3)";

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

/* A change to posts_fts, written after the page's posts (migration 3). */
typedef struct {
  gint64    key;
  gboolean  remove;     /* the 'delete' of an old text, else an insert */
  char     *text;
  char     *spoiler_text;
} FtsChange;

static void
fts_change_clear (FtsChange *change)
{
  g_clear_pointer (&change->text, g_free);
  g_clear_pointer (&change->spoiler_text, g_free);
}

static GArray *
fts_changes_new (void)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (FtsChange));

  g_array_set_clear_func (changes, (GDestroyNotify) fts_change_clear);
  return changes;
}

static void
fts_changes_add (GArray     *changes,
                 gint64      key,
                 gboolean    remove,
                 const char *text,
                 const char *spoiler_text)
{
  FtsChange change = { key, remove, g_strdup (text), g_strdup (spoiler_text) };

  g_array_append_val (changes, change);
}

/* Binds text that outlives the statement's step (the statement is reset
 * before it goes): no copy, which the larger texts of a page made
 * noticeable. */
static inline void
bind_text_static (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
write_fts_changes (StewardStore  *self,
                   GArray        *changes,
                   GError       **error)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const FtsChange *change = &g_array_index (changes, FtsChange, i);
      g_autoptr(StewardCachedStmt) stmt = NULL;

      stmt = steward_store_prepare_cached (self, change->remove ? sql_fts_delete : sql_fts_insert, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->key);
      bind_text_static (stmt, 2, change->text);
      bind_text_static (stmt, 3, change->spoiler_text);
      if (!steward_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* An author as last written in this page: the same author in the same
 * state again needs no upsert, which is most of a page's authors. */
typedef struct {
  gint64  id;
  char   *acct;
  char   *display_name;
  char   *url;
  char   *avatar_url;
  gint64  followers;
} CachedAuthor;

static void
cached_author_free (CachedAuthor *cached)
{
  g_free (cached->acct);
  g_free (cached->display_name);
  g_free (cached->url);
  g_free (cached->avatar_url);
  g_free (cached);
}

/* What the ingest of one page shares: the account's server, the changes
 * for posts_fts, the authors written so far, the next post id, and the
 * statements, looked up in the store's cache once per page rather than
 * once per post. */
typedef struct {
  const char   *server;
  GArray       *fts;
  GHashTable   *authors;        /* remote id → CachedAuthor */
  gint64        next_post_id;   /* 0 until the first insert reads it */
  sqlite3_stmt *read_author;
  sqlite3_stmt *insert_author;
  sqlite3_stmt *update_author;
  sqlite3_stmt *old_post;
  sqlite3_stmt *insert_post;
  sqlite3_stmt *update_post;
  sqlite3_stmt *link_post;
} IngestPage;

static void
ingest_page_clear (IngestPage *page)
{
  g_clear_pointer (&page->fts, g_array_unref);
  g_clear_pointer (&page->authors, g_hash_table_unref);
}

static gboolean
ingest_page_init (IngestPage    *page,
                  StewardStore  *self,
                  const char    *server,
                  GError       **error)
{
  page->server = server;
  page->fts = fts_changes_new ();
  page->authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cached_author_free);

  return (page->read_author = steward_store_prepare_cached (self, sql_read_author, error)) != NULL &&
         (page->insert_author = steward_store_prepare_cached (self, sql_insert_author, error)) != NULL &&
         (page->update_author = steward_store_prepare_cached (self, sql_update_author, error)) != NULL &&
         (page->old_post = steward_store_prepare_cached (self, sql_old_post, error)) != NULL &&
         (page->insert_post = steward_store_prepare_cached (self, sql_insert_post, error)) != NULL &&
         (page->update_post = steward_store_prepare_cached (self, sql_update_post, error)) != NULL &&
         (page->link_post = steward_store_prepare_cached (self, sql_link_post, error)) != NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IngestPage, ingest_page_clear)

static gboolean
cached_author_matches (const CachedAuthor         *cached,
                       const StewardRemoteAuthor  *author)
{
  return g_strcmp0 (cached->acct, author->acct) == 0 &&
         g_strcmp0 (cached->display_name, author->display_name) == 0 &&
         g_strcmp0 (cached->url, author->url) == 0 &&
         g_strcmp0 (cached->avatar_url, author->avatar_url) == 0 &&
         cached->followers == author->followers;
}

static void
cache_author (IngestPage                 *page,
              gint64                      id,
              const StewardRemoteAuthor  *author)
{
  CachedAuthor *cached = g_new0 (CachedAuthor, 1);

  cached->id = id;
  cached->acct = g_strdup (author->acct);
  cached->display_name = g_strdup (author->display_name);
  cached->url = g_strdup (author->url);
  cached->avatar_url = g_strdup (author->avatar_url);
  cached->followers = author->followers;
  g_hash_table_replace (page->authors, g_strdup (author->remote_id), cached);
}

/* Writes the author unless it is stored as it is; returns its id, or 0 on
 * error. */
static gint64
ingest_author (StewardStore               *self,
               IngestPage                 *page,
               const StewardRemoteAuthor  *author,
               gboolean                   *changed,
               GError                    **error)
{
  CachedAuthor *cached;
  gint64 id = 0;
  int rc;

  *changed = FALSE;

  cached = g_hash_table_lookup (page->authors, author->remote_id);
  if (cached != NULL && cached_author_matches (cached, author))
    return cached->id;

  if (cached != NULL)
    {
      id = cached->id;
    }
  else
    {
      g_autoptr(StewardCachedStmt) read = page->read_author;

      steward_sqlite_bind_text (read, 1, page->server);
      steward_sqlite_bind_text (read, 2, author->remote_id);
      rc = sqlite3_step (read);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          steward_sqlite_set_error (steward_store_get_db (self), rc, error);
          return 0;
        }
      if (rc == SQLITE_ROW)
        {
          cached = g_new0 (CachedAuthor, 1);
          cached->id = id = sqlite3_column_int64 (read, 0);
          cached->acct = g_strdup (steward_sqlite_column_text (read, 1));
          cached->display_name = g_strdup (steward_sqlite_column_text (read, 2));
          cached->url = g_strdup (steward_sqlite_column_text (read, 3));
          cached->avatar_url = g_strdup (steward_sqlite_column_text (read, 4));
          cached->followers = sqlite3_column_int64 (read, 5);
          g_hash_table_replace (page->authors, g_strdup (author->remote_id), cached);
          if (cached_author_matches (cached, author))
            return id;
        }
    }

  {
    g_autoptr(StewardCachedStmt) stmt = id != 0 ? page->update_author : page->insert_author;

    steward_sqlite_bind_text (stmt, 1, page->server);
    steward_sqlite_bind_text (stmt, 2, author->remote_id);
    steward_sqlite_bind_text (stmt, 3, author->acct);
    steward_sqlite_bind_text (stmt, 4, author->display_name);
    steward_sqlite_bind_text (stmt, 5, author->url);
    steward_sqlite_bind_text (stmt, 6, author->avatar_url);
    sqlite3_bind_int64 (stmt, 7, author->followers);
    if (id != 0)
      sqlite3_bind_int64 (stmt, 8, id);
    if (!steward_store_step_done (self, stmt, error))
      return 0;
    if (id == 0)
      id = sqlite3_last_insert_rowid (steward_store_get_db (self));
  }

  *changed = TRUE;
  cache_author (page, id, author);
  return id;
}

/* A new post's search_key (see migration 3): its creation time followed
 * by the low bits of its id, so posts of the same second keep their
 * arrival order; @attempt moves it on the rare clash with a post of the
 * same second 2^20 ids away. The key never changes afterwards. */
static gint64
post_search_key (gint64 created_at,
                 gint64 id,
                 guint  attempt)
{
  return created_at * STEWARD_SEARCH_KEY_SPAN +
         ((id + attempt * 7919) & (STEWARD_SEARCH_KEY_SPAN - 1));
}

static gboolean
read_next_post_id (StewardStore  *self,
                   IngestPage    *page,
                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_max_post_id, error)) == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, error);
      return FALSE;
    }
  page->next_post_id = sqlite3_column_int64 (stmt, 0) + 1;
  return TRUE;
}

static void
bind_post (sqlite3_stmt            *stmt,
           const char              *server,
           const StewardRemotePost *post,
           gint64                   id,
           gint64                   author_id,
           gint64                   created_at,
           gint64                   search_key,
           const char              *text,
           const char              *markup)
{
  steward_sqlite_bind_text (stmt, 1, server);
  steward_sqlite_bind_text (stmt, 2, post->remote_id);
  sqlite3_bind_int64 (stmt, 3, author_id);
  steward_sqlite_bind_text (stmt, 4, post->url);
  bind_text_static (stmt, 5, post->html);
  bind_text_static (stmt, 6, text != NULL ? text : "");
  steward_sqlite_bind_text (stmt, 7, markup != NULL ? markup : "");
  steward_sqlite_bind_text (stmt, 8, post->spoiler_text);
  steward_sqlite_bind_text (stmt, 9, post->language);
  steward_sqlite_bind_text (stmt, 10, post->visibility);
  steward_sqlite_bind_text (stmt, 11, post->in_reply_to_id);
  steward_sqlite_bind_text (stmt, 12, post->conversation_id);
  sqlite3_bind_int64 (stmt, 13, created_at);
  steward_sqlite_bind_date (stmt, 14, post->edited_at);
  sqlite3_bind_int64 (stmt, 15, search_key);
  sqlite3_bind_int (stmt, 16, steward_post_text_has_link (post->html, text));
  sqlite3_bind_int64 (stmt, 17, id);
}

/* Inserts the post, unless it is stored already (@stored is then set and
 * nothing written); returns its id, or 0 on error or when stored. Most
 * posts of a page are new, so the insert comes first: the uniqueness
 * check it makes anyway replaces a look-up by (server, remote_id). */
static gint64
insert_post (StewardStore             *self,
             IngestPage               *page,
             const StewardRemotePost  *post,
             gint64                    author_id,
             gint64                    created_at,
             const char               *text,
             const char               *markup,
             gboolean                 *stored,
             GError                  **error)
{
  sqlite3 *db = steward_store_get_db (self);
  gint64 id;

  *stored = FALSE;

  if (page->next_post_id == 0 && !read_next_post_id (self, page, error))
    return 0;
  id = page->next_post_id;

  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(StewardCachedStmt) stmt = page->insert_post;
      gint64 key = post_search_key (created_at, id, attempt);
      int rc;

      bind_post (stmt, page->server, post, id, author_id, created_at, key, text, markup);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          page->next_post_id++;
          fts_changes_add (page->fts, key, FALSE, text, post->spoiler_text);
          return id;
        }
      if (sqlite3_extended_errcode (db) != SQLITE_CONSTRAINT_UNIQUE || attempt >= 16)
        {
          steward_sqlite_set_error (db, rc, error);
          return 0;
        }

      /* The post itself, or a clash of keys with a post of the same second
       * 2^20 ids away. A single-row insert checks its constraints before
       * writing anything, so either way there is nothing to undo. */
      g_clear_pointer (&stmt, steward_cached_stmt_release);
      {
        g_autoptr(StewardCachedStmt) old = page->old_post;

        steward_sqlite_bind_text (old, 1, page->server);
        steward_sqlite_bind_text (old, 2, post->remote_id);
        rc = sqlite3_step (old);
        if (rc == SQLITE_ROW)
          {
            *stored = TRUE;
            return 0;
          }
        if (rc != SQLITE_DONE)
          {
            steward_sqlite_set_error (db, rc, error);
            return 0;
          }
      }
    }
}

/* Writes the post and queues what posts_fts must learn into @page: the
 * new text of a new post, or the old and new texts of an edited one. */
static gint64
ingest_post (StewardStore             *self,
             IngestPage               *page,
             const StewardRemotePost  *post,
             gint64                    created_at,
             gboolean                 *post_changed,
             gboolean                 *author_changed,
             GError                  **error)
{
  g_autoptr(StewardCachedStmt) old = NULL;
  g_autoptr(StewardCachedStmt) update = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *old_spoiler = NULL;
  const char *new_text;
  gboolean stored;
  gint64 post_id;
  gint64 old_key;
  gint64 author_id;
  int rc;

  *post_changed = FALSE;

  if ((author_id = ingest_author (self, page, post->author, author_changed, error)) == 0)
    return 0;

  /* Input without markup (the source may give only text) is taken as plain
   * text by the converter, which escapes it for the markup. The markup is
   * stored only then: from HTML, readers derive it with
   * steward_post_markup(), which keeps a third copy of every text out of
   * the database (steward-store-search.c). */
  if (post->html != NULL)
    text = steward_html_to_text (post->html);
  else
    steward_html_convert (post->text, &text, &markup);
  new_text = text != NULL ? text : "";

  post_id = insert_post (self, page, post, author_id, created_at, new_text, markup, &stored, error);
  if (!stored)
    {
      *post_changed = post_id != 0;
      return post_id;
    }

  /* Stored already: an edit, or the same copy again. */
  old = page->old_post;
  steward_sqlite_bind_text (old, 1, page->server);
  steward_sqlite_bind_text (old, 2, post->remote_id);
  rc = sqlite3_step (old);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc == SQLITE_DONE ? SQLITE_INTERNAL : rc, error);
      return 0;
    }
  post_id = sqlite3_column_int64 (old, 0);
  old_key = sqlite3_column_int64 (old, 1);
  old_text = g_strdup (steward_sqlite_column_text (old, 2));
  old_spoiler = g_strdup (steward_sqlite_column_text (old, 3));
  g_clear_pointer (&old, steward_cached_stmt_release);

  update = page->update_post;
  bind_post (update, page->server, post, post_id, author_id, created_at, old_key, new_text, markup);
  if (!steward_store_step_done (self, update, error))
    return 0;
  if (sqlite3_changes (steward_store_get_db (self)) == 0)
    return post_id;

  *post_changed = TRUE;
  if (g_strcmp0 (old_text, new_text) != 0 || g_strcmp0 (old_spoiler, post->spoiler_text) != 0)
    {
      fts_changes_add (page->fts, old_key, TRUE, old_text, old_spoiler);
      fts_changes_add (page->fts, old_key, FALSE, new_text, post->spoiler_text);
    }
  return post_id;
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
             IngestPage               *page,
             gint64                    account_id,
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

  if ((post_id = ingest_post (self, page, post, created_at, &post_changed,
                              &author_changed, error)) == 0)
    return FALSE;

  link = page->link_post;
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
  g_auto(IngestPage) ingest = { 0, };
  guint listening_new = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_new != NULL)
    *n_new = 0;

  if (!steward_store_begin (self, error))
    return FALSE;

  if (!lookup_account_server (self, account_id, &server, error) ||
      !ingest_page_init (&ingest, self, server, error))
    goto fail;

  for (guint i = 0; page->items != NULL && i < page->items->len; i++)
    {
      if (!ingest_item (self, &ingest, account_id, g_ptr_array_index (page->items, i),
                        &result, error))
        goto fail;
    }

  if (!write_fts_changes (self, ingest.fts, error))
    goto fail;

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

  /* Posts that came as inbox items count for listening too. */
  if (!steward_store_evaluate_listening (self, &listening_new, error))
    goto fail;

  if (!steward_store_commit (self, error))
    goto fail;

  if (n_new != NULL)
    *n_new = result.n_new;
  if (result.posts_changed)
    steward_store_notify_changed (self, "posts");
  if (result.items_changed)
    steward_store_notify_changed (self, "inbox");
  if (listening_new > 0)
    steward_store_notify_changed (self, "listening");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

static char *
listening_stream (gint64 query_id)
{
  return g_strdup_printf ("listen:%" G_GINT64_FORMAT, query_id);
}

/**
 * steward_store_get_listening_cursor:
 * @self: a store
 * @account_id: an account id
 * @query_id: a listening query id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the cursor of the query's fetches
 *   on the account, or %NULL (without an error) before the first one
 */
char *
steward_store_get_listening_cursor (StewardStore  *self,
                                    gint64         account_id,
                                    gint64         query_id,
                                    GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autofree char *stream = listening_stream (query_id);
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_get_cursor, error)) == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  steward_sqlite_bind_text (stmt, 2, stream);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (steward_sqlite_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    steward_sqlite_set_error (steward_store_get_db (self), rc, error);
  return NULL;
}

/**
 * steward_store_ingest_listening_page:
 * @self: a store
 * @account_id: the account that fetched the page
 * @query_id: the listening query it was fetched for
 * @page: the page; its @posts are written, its @items ignored
 * @n_new: (out) (optional): how many new matches of saved queries it made
 * @error: return location for an error
 *
 * Writes the page's posts and authors and the query's cursor for the
 * account in one transaction, then runs the saved queries against the
 * posts that were not there before, marking their matches new.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_ingest_listening_page (StewardStore       *self,
                                     gint64              account_id,
                                     gint64              query_id,
                                     const StewardPage  *page,
                                     guint              *n_new,
                                     GError            **error)
{
  g_autofree char *server = NULL;
  g_autofree char *stream = listening_stream (query_id);
  gboolean posts_changed = FALSE;
  g_auto(IngestPage) ingest = { 0, };
  guint listening_new = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_new != NULL)
    *n_new = 0;

  if (!steward_store_begin (self, error))
    return FALSE;

  if (!lookup_account_server (self, account_id, &server, error) ||
      !ingest_page_init (&ingest, self, server, error))
    goto fail;

  for (guint i = 0; page->posts != NULL && i < page->posts->len; i++)
    {
      const StewardRemotePost *post = g_ptr_array_index (page->posts, i);
      g_autoptr(StewardCachedStmt) link = NULL;
      gboolean post_changed = FALSE;
      gboolean author_changed = FALSE;
      gint64 created_at;
      gint64 post_id;

      if (post->remote_id == NULL || post->author == NULL ||
          post->author->remote_id == NULL || post->author->acct == NULL)
        {
          g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("A post of the page lacks its id or its author"));
          goto fail;
        }

      created_at = post->created_at != NULL ? g_date_time_to_unix (post->created_at)
                                            : g_get_real_time () / G_USEC_PER_SEC;
      if ((post_id = ingest_post (self, &ingest, post, created_at, &post_changed,
                                  &author_changed, error)) == 0)
        goto fail;
      posts_changed |= post_changed;

      link = ingest.link_post;
      sqlite3_bind_int64 (link, 1, post_id);
      sqlite3_bind_int64 (link, 2, account_id);
      if (!steward_store_step_done (self, link, error))
        goto fail;
    }

  if (!write_fts_changes (self, ingest.fts, error))
    goto fail;

  if (page->cursor != NULL)
    {
      g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_set_cursor, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, account_id);
      steward_sqlite_bind_text (stmt, 2, stream);
      steward_sqlite_bind_text (stmt, 3, page->cursor);
      if (!steward_store_step_done (self, stmt, error))
        goto fail;
    }

  if (!steward_store_evaluate_listening (self, &listening_new, error))
    goto fail;

  if (!steward_store_commit (self, error))
    goto fail;

  if (n_new != NULL)
    *n_new = listening_new;
  if (posts_changed)
    steward_store_notify_changed (self, "posts");
  if (listening_new > 0)
    steward_store_notify_changed (self, "listening");
  return TRUE;

fail:
  if (n_new != NULL)
    *n_new = 0;
  steward_store_rollback (self);
  return FALSE;
}
