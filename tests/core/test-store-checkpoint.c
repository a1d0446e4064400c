/* test-store-checkpoint.c — WAL checkpoints in a thread of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store-checkpoint"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <steward/steward.h>

#include "steward-store-checkpoint.h"
#include "steward-store-private.h"

#define PAGE_SIZE 4096
#define FRAMES    8      /* the threshold the tests install */

typedef struct {
  char    *dir;
  char    *path;
  char    *wal;
  sqlite3 *db;
} Fixture;

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("steward-checkpoint-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->wal = g_strconcat (fixture->path, "-wal", NULL);

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &fixture->db,
                                    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                    NULL), ==, SQLITE_OK);
  g_assert_true (steward_store_checkpoint_in_background (fixture->db, FRAMES, &error));
  g_assert_no_error (error);
  exec_ok (fixture->db, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                        "CREATE TABLE t (id INTEGER PRIMARY KEY, blob BLOB)");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_pointer (&fixture->db, sqlite3_close);
  g_unlink (fixture->wal);
  g_unlink (shm);
  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->wal);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Commits one transaction of @n_rows rows of about a page each. */
static void
commit_rows (Fixture *fixture,
             guint    n_rows)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO t (blob) VALUES (randomblob (%d))",
                                          PAGE_SIZE - 200);

  exec_ok (fixture->db, "BEGIN");
  for (guint i = 0; i < n_rows; i++)
    exec_ok (fixture->db, sql);
  exec_ok (fixture->db, "COMMIT");
}

/* A commit that crosses the threshold, far below the point where the
 * writer would checkpoint itself, and then nothing: the database file
 * gets written all the same, which only the thread can have done. */
static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 before = file_size (fixture->path);
  gint64 deadline;

  commit_rows (fixture, 12);
  g_assert_cmpint (file_size (fixture->wal), <, 4 * FRAMES * (PAGE_SIZE + 24));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (file_size (fixture->path) < before + 12 * PAGE_SIZE &&
         g_get_monotonic_time () < deadline)
    g_usleep (10000);

  g_assert_cmpint (file_size (fixture->path), >=, before + 12 * PAGE_SIZE);
}

/* A writer that never pauses still gets the WAL started over: it stays
 * within a few thresholds of frames however much is written. */
static void
test_wal_bounded (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 largest = 0;

  for (guint i = 0; i < 300; i++)
    {
      commit_rows (fixture, 3);
      largest = MAX (largest, file_size (fixture->wal));
    }

  /* Four thresholds, the transaction that crossed them and headers. */
  g_assert_cmpint (largest, <=, (4 * FRAMES + 8) * (PAGE_SIZE + 24) + 32);

  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "SELECT count (*) FROM t", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 900);
    sqlite3_finalize (stmt);
  }
}

/* Closing while the thread may be checkpointing waits for it; what was
 * committed is all in the database afterwards, and the WAL is gone. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 20; i++)
    commit_rows (fixture, 4);
  g_clear_pointer (&fixture->db, sqlite3_close);

  g_assert_false (g_file_test (fixture->wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM t", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 80);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The store sets it up on its connection: a large ingest leaves a WAL
 * bounded by the store's threshold, not one growing with the data. */
static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("steward-checkpoint-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(StewardStore) store = NULL;
  sqlite3 *db;
  gint64 largest = 0;

  store = steward_store_open (path, &error);
  g_assert_no_error (error);
  db = steward_store_get_db (store);

  /* 8 KiB pages: 600 transactions of 40 rows of 4 KiB, 96 MiB, more than
   * the 64 MiB threshold. */
  exec_ok (db, "CREATE TABLE bulk (blob BLOB)");
  for (guint i = 0; i < 600; i++)
    {
      exec_ok (db, "BEGIN");
      for (guint j = 0; j < 40; j++)
        exec_ok (db, "INSERT INTO bulk VALUES (randomblob (4096))");
      exec_ok (db, "COMMIT");
      largest = MAX (largest, file_size (wal));
    }

  g_assert_cmpint (largest, <=, (gint64) (4 * STEWARD_CHECKPOINT_FRAMES + 100) * (8192 + 24) + 32);
  g_assert_cmpint (file_size (path), >, 16 * 1024 * 1024);

  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/store-checkpoint/background", test_background);
  ADD ("/core/store-checkpoint/wal-bounded", test_wal_bounded);
  ADD ("/core/store-checkpoint/close", test_close);
  g_test_add_func ("/core/store-checkpoint/store", test_store);

  return g_test_run ();
}
