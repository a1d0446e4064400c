/* test-migrations.c — schema versions: fresh, upgrade, newer, failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

static gboolean
has_table (StewardStore *store,
           const char   *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store),
                                       "SELECT 1 FROM sqlite_master WHERE name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Sets user_version with a plain connection, as a newer Steward would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  g_autoptr(sqlite3) db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char **
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
test_fresh (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  const char *tables[] = {
    "accounts", "authors", "posts", "post_accounts", "inbox_items", "cursors", "posts_fts",
    "posts_search_key", "listening_queries", "listening_matches", "tags", "item_tags",
    "item_notes", "item_events", "item_threads", "thread_fetches", "outbox", "settings",
    "team_members", "canned_replies", "urgency_rules",
  };

  g_assert_cmpint (steward_store_get_latest_version (), ==, 7);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, 7);
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (has_table (store, tables[i]));
  /* One search path: the index uses the "steward" tokenizer. */
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count(*) FROM sqlite_master WHERE name = 'posts_fts'"
                                   " AND sql LIKE '%tokenize = ''steward''%'"), ==, 1);

  /* Opening again migrates nothing. */
  g_clear_object (&store);
  store = test_open_store (path);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, 7);
}

/* Rows as an older Steward wrote them, with plain SQL: the current ingest
 * code writes columns those schemas do not have. Two posts of the same
 * second check that the upgrade gives them distinct search keys. */
static const char old_rows[] =
  "INSERT INTO accounts (id, network, server, remote_id, username) VALUES"
  "  (1, 'mastodon', 'https://example.social', '1', 'brand');"
  "INSERT INTO authors (id, server, remote_id, acct, display_name, followers) VALUES"
  "  (1, 'https://example.social', '10', 'ann', 'Ann', 500),"
  "  (2, 'https://example.social', '11', 'bob@other.example', 'Bob', 20);"
  "INSERT INTO posts (id, server, remote_id, author_id, html, text, markup, language, created_at) VALUES"
  "  (1, 'https://example.social', 'p1', 1, '<p>今天天气很好</p>', '今天天气很好', '今天天气很好', 'zh', 1700000000),"
  "  (2, 'https://example.social', 'p2', 2, '<p>Where is my ORDER?</p>', 'Where is my ORDER?', 'Where is my ORDER?', 'en', 1700000100),"
  "  (3, 'https://example.social', 'p3', 2, '<p>營銷 <a href=\"https://x.example/a\">link</a></p>', '營銷 link', '營銷 link', 'zh-TW', 1700000100);"
  "INSERT INTO post_accounts (post_id, account_id) VALUES (1, 1), (2, 1), (3, 1);"
  "INSERT INTO inbox_items (account_id, kind, remote_id, post_id, created_at) VALUES"
  "  (1, 'mention', 'n1', 1, 1700000000), (1, 'direct', 'c1', 2, 1700000100);"
  "INSERT INTO cursors (account_id, stream, cursor) VALUES (1, 'mentions', 'since-1');";

/* Builds a database at @version (1 or 2) holding old_rows. */
static void
build_old_database (const char *path,
                    int         version)
{
  g_autoptr(sqlite3) db = NULL;
  const StewardMigration *migrations;
  guint n_migrations;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version);

  migrations = steward_store_get_migrations (&n_migrations);
  g_assert_cmpint (migrations[0].version, ==, 1);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, migrations[0].sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, old_rows, NULL, NULL, NULL), ==, SQLITE_OK);
  if (version == 2)
    {
      /* Version 2 as it shipped: the interim unicode61 index with its
       * triggers (which called an SQL function that no longer exists),
       * holding the posts with CJK characters spaced out. */
      g_assert_cmpint (sqlite3_exec (db,
                                     "CREATE VIRTUAL TABLE posts_fts USING fts5 ("
                                     "  body, content = '', tokenize = 'unicode61 remove_diacritics 2');"
                                     "CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN"
                                     "  INSERT INTO posts_fts (rowid, body)"
                                     "    VALUES (new.id, steward_fts_segment (new.spoiler_text, new.text));"
                                     "END;"
                                     "CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN"
                                     "  INSERT INTO posts_fts (posts_fts, rowid, body)"
                                     "    VALUES ('delete', old.id, steward_fts_segment (old.spoiler_text, old.text));"
                                     "END;"
                                     "CREATE TRIGGER posts_fts_update AFTER UPDATE OF text, spoiler_text ON posts BEGIN"
                                     "  SELECT steward_fts_segment (new.text);"
                                     "END;"
                                     "INSERT INTO posts_fts (rowid, body) VALUES"
                                     "  (1, ' 今  天  天  气  很  好 '), (2, 'Where is my ORDER?'), (3, ' 營  銷  link');",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
}

static char *
search_ids (StewardStore *store,
            const char   *query)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  found = steward_store_search (store, query, 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "",
                            steward_post_get_remote_id (g_ptr_array_index (found, i)));
  return g_string_free (ids, FALSE);
}

static void
check_upgraded (const char *path)
{
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autofree char *cursor = NULL;
  g_autofree char *ids = NULL;

  g_assert_cmpint (steward_store_get_schema_version (store), ==, steward_store_get_latest_version ());
  g_assert_cmpuint (test_count_all (store), ==, 2);
  cursor = steward_store_get_cursor (store, 1, STEWARD_STREAM_MENTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "since-1");

  /* Every post has a distinct key in time order; has:link was derived. */
  g_assert_cmpint (test_query_int (store, "SELECT count (DISTINCT search_key) FROM posts"), ==, 3);
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM posts WHERE search_key / 1048576 = created_at"), ==, 3);
  g_assert_cmpint (test_query_int (store, "SELECT group_concat (id) FROM posts WHERE has_link"), ==, 3);

  /* The old posts are found through the new index. */
  ids = search_ids (store, "天气");
  g_assert_cmpstr (ids, ==, "p1");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "order");
  g_assert_cmpstr (ids, ==, "p2");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "营销");
  g_assert_cmpstr (ids, ==, "p3");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "lang:zh");
  g_assert_cmpstr (ids, ==, "p3 p1");
  g_clear_pointer (&ids, g_free);

  /* New posts go through the new triggers, without the old function. */
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n9", "p9", "<p>天气 again</p>", 1700000200);
  test_ingest (store, 1, STEWARD_STREAM_MENTIONS, page);
  ids = search_ids (store, "天气");
  g_assert_cmpstr (ids, ==, "p9 p1");
}

static void
test_upgrade_from_1 (void)
{
  g_autofree char *path = test_db_path ();

  build_old_database (path, 1);
  check_upgraded (path);
}

static void
test_upgrade_from_2 (void)
{
  g_autofree char *path = test_db_path ();

  build_old_database (path, 2);
  check_upgraded (path);
  {
    g_autoptr(StewardStore) store = test_open_store (path);

    /* The interim triggers are gone. */
    g_assert_cmpint (test_query_int (store,
                                     "SELECT count (*) FROM sqlite_master WHERE type = 'trigger'"
                                     " AND sql LIKE '%steward_fts_segment%'"), ==, 0);
  }
}

/* Every row of a query as one string, rows joined by "|". */
static char *
query_text (StewardStore *store,
            const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *text = g_string_new (NULL);
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (text->len > 0)
        g_string_append_c (text, '|');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (text, "%s%s", i ? "," : "", value != NULL ? value : "NULL");
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_string_free (text, FALSE);
}

static const char sql_inbox_rows[] =
  "SELECT id, account_id, kind, remote_id, post_id, status, created_at FROM inbox_items ORDER BY id";
static const char sql_inbox_indexes[] =
  "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'inbox_items'"
  " ORDER BY name";

/* Version 5 rebuilds inbox_items for the 'listening' kind: from a version 4
 * database with items of both old kinds, every row (ids and statuses
 * included) and every index must come through, with no dangling reference. */
static void
test_upgrade_from_4 (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autofree char *indexes_before = NULL;
  g_autofree char *indexes_after = NULL;
  g_autofree char *fk_problems = NULL;
  g_autoptr(StewardPage) page = test_page_range (0, 6, 1700000000, "c1");
  g_autoptr(StewardPage) direct = steward_page_new ();
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const StewardMigration *shipped;
  guint n_shipped;
  gint64 account;
  gint64 item_id;

  shipped = steward_store_get_migrations (&n_shipped);
  g_assert_cmpint (shipped[4].version, ==, 5);
  store = steward_store_open_with_migrations (path, shipped, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, 4);

  account = test_add_account (store, "https://example.social", "1");
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  test_page_add (direct, STEWARD_ITEM_KIND_DIRECT, "conv1", "d1", "<p>psst</p>", 1700000100);
  test_ingest (store, account, STEWARD_STREAM_DIRECT, direct);
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store),
                                 "UPDATE inbox_items SET status = 'closed' WHERE remote_id = 'n2';"
                                 "UPDATE inbox_items SET status = 'pending' WHERE kind = 'direct';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Version 4 refuses the new kind. */
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store),
                                 "INSERT INTO inbox_items (account_id, kind, remote_id, post_id, created_at)"
                                 " VALUES (1, 'listening', 'p1', 1, 1)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);

  rows_before = query_text (store, sql_inbox_rows);
  indexes_before = query_text (store, sql_inbox_indexes);
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM inbox_items"), ==, 7);
  g_clear_object (&store);

  store = steward_store_open_with_migrations (path, shipped, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, 5);
  rows_after = query_text (store, sql_inbox_rows);
  indexes_after = query_text (store, sql_inbox_indexes);
  g_assert_cmpstr (rows_after, ==, rows_before);
  g_assert_cmpstr (indexes_after, ==, indexes_before);
  /* Five named indexes and the UNIQUE constraint's own. */
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count (*) FROM sqlite_master WHERE type = 'index'"
                                   " AND tbl_name = 'inbox_items'"), ==, 6);
  g_assert_cmpint (test_query_int (store,
                                   "SELECT count (*) FROM sqlite_master WHERE name = 'inbox_items_new'"),
                   ==, 0);
  fk_problems = query_text (store, "PRAGMA foreign_key_check");
  g_assert_cmpstr (fk_problems, ==, "");
  g_assert_cmpint (test_query_int (store, "PRAGMA foreign_keys"), ==, 1);

  /* The new kind is accepted, the old ones still are, others are not. */
  item_id = steward_store_send_to_inbox (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id, >, 7);
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store),
                                 "INSERT INTO inbox_items (account_id, kind, remote_id, post_id, created_at)"
                                 " VALUES (1, 'reblog', 'x', 1, 1)", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  /* Still version 5: the store's inbox queries need version 6's columns. */
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM inbox_items"), ==, 8);
}

static void
check_refused_untouched (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GBytes) before = read_file (path);
  g_auto(GStrv) files_before = list_dir (dir);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(GStrv) files_after = NULL;
  g_autoptr(GError) error = NULL;

  store = steward_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Steward"));

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  files_after = list_dir (dir);
  g_assert_cmpstrv (files_before, files_after);
}

static void
test_newer_refused (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d",
                                           steward_store_get_latest_version () + 1);
  g_autoptr(StewardStore) store = test_open_store (path);
  gint64 account = test_add_account (store, "https://example.social", "1");
  g_autoptr(StewardPage) page = test_page_range (0, 20, 1700000000, "c");

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  g_clear_object (&store);

  /* A WAL database, as Steward writes them, from the future. */
  raw_exec (path, bump);
  check_refused_untouched (path);
}

static void
test_newer_refused_rollback_journal (void)
{
  g_autofree char *path = test_db_path ();

  /* Not even the journal mode may change. */
  raw_exec (path, "PRAGMA journal_mode = DELETE; CREATE TABLE future (x); PRAGMA user_version = 99");
  check_refused_untouched (path);
}

static void
test_failed_migration_rolls_back (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 10, 1700000000, "c");
  g_autoptr(GError) error = NULL;
  const StewardMigration *shipped;
  StewardMigration *with_bad;
  guint n_shipped;
  gint64 account = test_add_account (store, "https://example.social", "1");

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  g_clear_object (&store);

  /* A next migration that does some work, then fails half-way. */
  shipped = steward_store_get_migrations (&n_shipped);
  with_bad = g_new0 (StewardMigration, n_shipped + 1);
  memcpy (with_bad, shipped, n_shipped * sizeof (StewardMigration));
  with_bad[n_shipped].version = steward_store_get_latest_version () + 1;
  with_bad[n_shipped].sql =
    "CREATE TABLE doomed (x);"
    "INSERT INTO doomed VALUES (1);"
    "DELETE FROM inbox_items;"
    "UPDATE posts SET text = 'gone';"
    "INSERT INTO no_such_table VALUES (1);";

  store = steward_store_open_with_migrations (path, with_bad, n_shipped + 1, &error);
  g_assert_null (store);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MIGRATION_FAILED);
  g_clear_error (&error);

  store = test_open_store (path);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, steward_store_get_latest_version ());
  g_assert_false (has_table (store, "doomed"));
  g_assert_cmpuint (test_count_all (store), ==, 10);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts WHERE text = 'gone'"), ==, 0);
  g_clear_object (&store);

  /* On a fresh file, the good migrations before it stay committed. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  store = steward_store_open_with_migrations (path, with_bad, n_shipped + 1, &error);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MIGRATION_FAILED);
  g_assert_null (store);
  store = test_open_store (path);
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, steward_store_get_latest_version ());
  g_assert_false (has_table (store, "doomed"));

  g_free (with_bad);
}

static void
test_not_a_database (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GBytes) after = NULL;
  const char junk[] = "This is a text file, not SQLite. It is long enough to have a header.........";

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  store = steward_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED);
  after = read_file (path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), junk, strlen (junk));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/migrations/fresh", test_fresh);
  g_test_add_func ("/core/migrations/upgrade-from-1", test_upgrade_from_1);
  g_test_add_func ("/core/migrations/upgrade-from-2", test_upgrade_from_2);
  g_test_add_func ("/core/migrations/upgrade-from-4", test_upgrade_from_4);
  g_test_add_func ("/core/migrations/newer-refused", test_newer_refused);
  g_test_add_func ("/core/migrations/newer-refused-rollback-journal", test_newer_refused_rollback_journal);
  g_test_add_func ("/core/migrations/failed-rolls-back", test_failed_migration_rolls_back);
  g_test_add_func ("/core/migrations/not-a-database", test_not_a_database);

  return g_test_run ();
}
