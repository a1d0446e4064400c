/* steward-store-checkpoint.c — WAL checkpoints off the writing thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's automatic checkpoint copies the WAL into the database inside
 * the commit that crossed the threshold: with the 64 MiB threshold the
 * store uses, one page of a sync in eight paid for copying and syncing
 * 64 MiB, a sixth of ingest time in tests/bench/bench-search.c. Here a
 * WAL hook only wakes a thread that checkpoints on its own connection,
 * on the other core. The checkpointer lives as long as the connection:
 * it is the user data of an SQL function, whose destructor SQLite calls
 * when the connection closes.
 *
 * SQLite starts the WAL over only when a write transaction begins with
 * every frame copied; a writer that keeps committing while the thread
 * copies would never see that, and the WAL would grow without end. So
 * the first commit after the thread has finished copies the few frames
 * committed meanwhile itself, and the next transaction starts the WAL
 * over.
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
  gboolean  finished;   /* done, the frames committed since not copied */
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
      int rc;

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
       * and never holds one that a writer needs. */
      if (db != NULL &&
          (rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL)) != SQLITE_OK &&
          rc != SQLITE_BUSY)
        g_debug ("Background checkpoint failed: %s", sqlite3_errmsg (db));

      g_mutex_lock (&cp->lock);
      if (!cp->requested)
        {
          cp->running = FALSE;
          cp->finished = TRUE;
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
  if (cp->running && n_frames >= cp->frames * INLINE_FACTOR)
    {
      /* The thread lags far behind: wait for it (only one checkpoint
       * runs at a time), then copy the rest, as SQLite's own automatic
       * checkpoint would have made this commit wait. */
      while (cp->running && cp->thread != NULL)
        g_cond_wait (&cp->cond, &cp->lock);
      cp->finished = FALSE;
      inline_checkpoint = TRUE;
    }
  else if (cp->running)
    {
      inline_checkpoint = FALSE;
    }
  else if (cp->finished)
    {
      /* Only what was committed since the thread copied the rest. */
      cp->finished = FALSE;
      inline_checkpoint = TRUE;
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
