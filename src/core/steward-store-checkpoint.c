/* steward-store-checkpoint.c — WAL checkpoints off the writing thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's automatic checkpoint copies the WAL into the database inside
 * the commit that crossed the threshold, which then pays for copying and
 * syncing 64 MiB (the store's threshold): 8 % of ingest time in
 * tests/bench/bench-search.c. Here a WAL hook only wakes a thread that
 * checkpoints on its own connection, on the other core. The checkpointer lives as long as the connection:
 * it is the user data of an SQL function, whose destructor SQLite calls
 * when the connection closes.
 *
 * SQLite starts the WAL over only when a write transaction begins with
 * every frame copied. So the thread goes on copying what was committed
 * while it copied until it has caught up, which it does whenever the
 * writer pauses (a sync waits for the network between pages). A writer
 * that never pauses, like the benchmark, would grow the WAL without end:
 * at four times the threshold it waits for the thread and copies the rest
 * itself, and the next transaction starts the WAL over. (Copying that
 * rest after every background checkpoint instead cost the writer 7 % of
 * ingest: a checkpoint syncs the WAL and the database, however little it
 * copies.)
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-checkpoint.h"

#include "steward-store-private.h"

/* The writer checkpoints itself past this many times the threshold. */
#define INLINE_FACTOR 4

typedef struct {
  char     *path;
  int       frames;

  GMutex    lock;
  GCond     cond;
  GThread  *thread;     /* guarded by the lock, like the flags */
  gboolean  requested;
  gboolean  running;    /* requested or being done */
  gboolean  quit;
  gboolean  failed;     /* the thread could not start: checkpoint inline */
} Checkpointer;

static gpointer
checkpoint_thread (gpointer data)
{
  Checkpointer *cp = data;
  sqlite3 *db = NULL;

  g_mutex_lock (&cp->lock);
  for (;;)
    {
      int n_log = 0;
      int n_copied = 0;
      int last_copied = -1;
      int rc = SQLITE_OK;

      while (!cp->requested && !cp->quit)
        g_cond_wait (&cp->cond, &cp->lock);
      if (cp->quit)
        break;
      cp->requested = FALSE;
      g_mutex_unlock (&cp->lock);

      if (db == NULL)
        {
          /* A read opens the WAL: until then a checkpoint does nothing. */
          rc = sqlite3_open_v2 (cp->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
          if (rc == SQLITE_OK)
            rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            {
              g_debug ("Cannot open a connection for checkpoints: %s", sqlite3_errstr (rc));
              g_clear_pointer (&db, sqlite3_close);
            }
        }

      /* Passive: copies what no reader still needs, never waits for a lock
       * and never holds one that a writer needs. Again while there is more
       * and the last round got further (a reader of old frames stops it). */
      while (db != NULL && rc == SQLITE_OK && n_copied > last_copied)
        {
          last_copied = n_copied;
          rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
          if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            g_debug ("Background checkpoint failed: %s", sqlite3_errmsg (db));
          if (n_copied >= n_log)
            break;
          g_mutex_lock (&cp->lock);
          rc = cp->quit ? SQLITE_DONE : rc;
          g_mutex_unlock (&cp->lock);
        }

      g_mutex_lock (&cp->lock);
      if (!cp->requested)
        {
          cp->running = FALSE;
          g_cond_broadcast (&cp->cond);
        }
    }
  g_mutex_unlock (&cp->lock);

  /* The last connection to close checkpoints and removes the WAL, which
   * can be this one when the store closed first. */
  g_clear_pointer (&db, sqlite3_close);
  return NULL;
}

/* Returns FALSE when no thread can do it. Called with the lock held. */
static gboolean
checkpointer_request (Checkpointer *cp)
{
  if (cp->thread == NULL && !cp->failed)
    {
      g_autoptr(GError) error = NULL;

      cp->thread = g_thread_try_new ("steward-checkpoint", checkpoint_thread, cp, &error);
      if (cp->thread == NULL)
        {
          g_debug ("Cannot start the checkpoint thread: %s", error->message);
          cp->failed = TRUE;
        }
    }
  if (cp->thread == NULL)
    return FALSE;

  cp->requested = TRUE;
  cp->running = TRUE;
  g_cond_broadcast (&cp->cond);
  return TRUE;
}

static void
checkpointer_free (gpointer data)
{
  Checkpointer *cp = data;
  GThread *thread;

  g_mutex_lock (&cp->lock);
  cp->quit = TRUE;
  g_cond_broadcast (&cp->cond);
  thread = g_steal_pointer (&cp->thread);
  g_mutex_unlock (&cp->lock);

  if (thread != NULL)
    g_thread_join (thread);

  g_mutex_clear (&cp->lock);
  g_cond_clear (&cp->cond);
  g_free (cp->path);
  g_free (cp);
}

/* Called after every commit on the writing connection. */
static int
on_wal_commit_cb (void       *data,
                  sqlite3    *db,
                  const char *name,
                  int         n_frames)
{
  Checkpointer *cp = data;
  gboolean inline_checkpoint;

  if (n_frames < cp->frames)
    return SQLITE_OK;

  g_mutex_lock (&cp->lock);
  if (n_frames >= cp->frames * INLINE_FACTOR)
    {
      /* The thread cannot catch up: wait for it (only one checkpoint runs
       * at a time), then copy the rest. */
      while (cp->running && cp->thread != NULL)
        g_cond_wait (&cp->cond, &cp->lock);
      inline_checkpoint = TRUE;
    }
  else if (cp->running)
    {
      inline_checkpoint = FALSE;
    }
  else
    {
      inline_checkpoint = !checkpointer_request (cp);
    }
  g_mutex_unlock (&cp->lock);

  if (inline_checkpoint)
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  return SQLITE_OK;
}

/* The SQL function that carries the checkpointer; it does nothing. */
static void
checkpointer_func (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  sqlite3_result_null (context);
}

gboolean
steward_store_checkpoint_in_background (sqlite3  *db,
                                        int       frames,
                                        GError  **error)
{
  const char *path;
  Checkpointer *cp;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (frames > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A temporary or in-memory database has no WAL to checkpoint. */
  path = sqlite3_db_filename (db, "main");
  if (path == NULL || path[0] == '\0')
    return TRUE;

  cp = g_new0 (Checkpointer, 1);
  cp->path = g_strdup (path);
  cp->frames = frames;
  g_mutex_init (&cp->lock);
  g_cond_init (&cp->cond);

  /* On failure SQLite calls the destructor itself. */
  rc = sqlite3_create_function_v2 (db, "steward_checkpointer", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                   cp, checkpointer_func, NULL, NULL, checkpointer_free);
  if (rc != SQLITE_OK)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }

  sqlite3_wal_hook (db, on_wal_commit_cb, cp);
  return TRUE;
}
