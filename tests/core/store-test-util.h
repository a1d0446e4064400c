/* store-test-util.h — building sync pages and databases for store tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>

#include "steward-store-private.h"

/* A fresh database path inside the test's isolated data directory. */
static inline char *
test_db_path (void)
{
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  return g_build_filename (g_get_user_data_dir (), "steward.db", NULL);
}

static inline StewardStore *
test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  StewardStore *store = steward_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* A post by @author_id ("user<author_id>") written at @when (Unix seconds). */
static inline StewardRemotePost *
test_post (const char *remote_id,
           const char *html,
           gint64      when,
           int         author_id)
{
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (remote_id);
  post->url = g_strdup_printf ("https://example.social/@user%d/%s", author_id, remote_id);
  post->html = g_strdup (html);
  post->created_at = g_date_time_new_from_unix_utc (when);
  post->visibility = g_strdup ("public");
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup_printf ("%d", author_id);
  post->author->acct = g_strdup_printf ("user%d@example.social", author_id);
  post->author->display_name = g_strdup_printf ("User %d", author_id);
  post->author->followers = author_id * 10;
  return post;
}

static inline void
test_page_add (StewardPage     *page,
               StewardItemKind  kind,
               const char      *item_id,
               const char      *post_id,
               const char      *html,
               gint64           when)
{
  g_ptr_array_add (page->items,
                   steward_remote_item_new (kind, item_id, test_post (post_id, html, when, 1)));
}

/* A page of @n mentions "n<start>"… about posts "p<start>"…, one second
 * apart from @when upwards. */
static inline StewardPage *
test_page_range (guint        start,
                 guint        n,
                 gint64       when,
                 const char  *cursor)
{
  StewardPage *page = steward_page_new ();

  for (guint i = start; i < start + n; i++)
    {
      g_autofree char *item_id = g_strdup_printf ("n%u", i);
      g_autofree char *post_id = g_strdup_printf ("p%u", i);
      g_autofree char *html = g_strdup_printf ("<p>Post number %u about coffee</p>", i);

      g_ptr_array_add (page->items,
                       steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, item_id,
                                                test_post (post_id, html, when + (i - start),
                                                           (int) (i % 7) + 1)));
    }
  page->cursor = g_strdup (cursor);
  return page;
}

static inline gint64
test_add_account (StewardStore *store,
                  const char   *server,
                  const char   *remote_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = steward_store_add_account (store, "mastodon", server, remote_id, "brand", "Brand",
                                  FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline guint
test_ingest (StewardStore  *store,
             gint64         account_id,
             StewardStream  stream,
             StewardPage   *page)
{
  g_autoptr(GError) error = NULL;
  guint n_new = G_MAXUINT;

  g_assert_true (steward_store_ingest_page (store, account_id, stream, page, &n_new, &error));
  g_assert_no_error (error);
  return n_new;
}

/* Runs a one-value query on the store's own connection. */
static inline gint64
test_query_int (StewardStore *store,
                const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline guint
test_count_all (StewardStore *store)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n = steward_store_count_inbox (store, &filter, &error);

  g_assert_no_error (error);
  return n;
}
