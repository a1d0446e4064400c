/* steward-store.c — the local SQLite cache: connection, accounts, sync pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inbox queries live in steward-store-inbox.c, search in
 * steward-store-search.c and the schema in steward-store-migrations.c.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store.h"
#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-account.h"
#include "steward-error.h"

/* Another connection (the sync worker's) may hold the write lock for the
 * length of one page's transaction; wait for it rather than fail. */
#define BUSY_TIMEOUT_MS 5000

struct _StewardStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  int           schema_version;
  GHashTable   *statements;     /* SQL text → sqlite3_stmt */

  /* "changed" is emitted on the thread that created the store. */
  GThread      *owner;
  GMainContext *owner_context;
  GMutex        pending_lock;
  GHashTable   *pending;        /* GQuark detail → itself, guarded by the lock */
};

G_DEFINE_FINAL_TYPE (StewardStore, steward_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct {
  GWeakRef store;
  GQuark   what;
} PendingChange;

static void
pending_change_free (gpointer data)
{
  PendingChange *change = data;

  g_weak_ref_clear (&change->store);
  g_free (change);
}

void
steward_sqlite_set_error (sqlite3  *db,
                          int       rc,
                          GError  **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_DISK_FULL,
                           _("There is not enough disk space to save Steward’s data. "
                             "Free some space and try again."));
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("The database is damaged or is not a Steward database: %s"), detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("The database is busy in another program: %s"), detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("Could not read or write the database: %s"), detail);
      break;
    default:
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("Database error: %s"), detail);
      break;
    }
}

static void
set_error (StewardStore  *self,
           int            rc,
           GError       **error)
{
  steward_sqlite_set_error (self->db, rc, error);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_version (sqlite3  *db,
              int      *version,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
dispatch_change_cb (gpointer data)
{
  PendingChange *change = data;
  g_autoptr(StewardStore) self = g_weak_ref_get (&change->store);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&self->pending_lock);
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (change->what));
  g_mutex_unlock (&self->pending_lock);

  g_signal_emit (self, signals[CHANGED], change->what, g_quark_to_string (change->what));
  return G_SOURCE_REMOVE;
}

static void
steward_store_dispose (GObject *object)
{
  StewardStore *self = (StewardStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }

  G_OBJECT_CLASS (steward_store_parent_class)->dispose (object);
}

static void
steward_store_finalize (GObject *object)
{
  StewardStore *self = (StewardStore *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_mutex_clear (&self->pending_lock);

  G_OBJECT_CLASS (steward_store_parent_class)->finalize (object);
}

static void
steward_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StewardStore *self = STEWARD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_store_class_init (StewardStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_store_dispose;
  object_class->finalize = steward_store_finalize;
  object_class->get_property = steward_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StewardStore::changed:
   * @self: the store
   * @what: "accounts", "inbox" or "posts"; also the signal's detail
   *
   * Something in the database changed. Emitted on the thread that created
   * the store, in its thread-default main context.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
steward_store_init (StewardStore *self)
{
  self->owner = g_thread_self ();
  self->owner_context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->pending_lock);
  self->pending = g_hash_table_new (NULL, NULL);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

StewardStore *
steward_store_open_with_migrations (const char              *path,
                                    const StewardMigration  *migrations,
                                    guint                    n_migrations,
                                    GError                 **error)
{
  g_autoptr(StewardStore) self = NULL;
  g_autoptr(sqlite3) db = NULL;
  int latest = n_migrations > 0 ? migrations[n_migrations - 1].version : 0;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (!steward_store_register_functions (db, error))
    return NULL;

  /* Nothing may be written before this check, not even the journal mode:
   * a database from a newer Steward must stay exactly as it is. */
  if (!read_version (db, &version, error))
    return NULL;
  if (version > latest)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_SCHEMA_TOO_NEW,
                   _("The database “%s” was written by a newer version of Steward "
                     "(schema %d; this version knows up to %d). It was left "
                     "untouched: update Steward to open it."),
                   path, version, latest);
      return NULL;
    }

  /* Measured with tests/bench/bench-search.c: 8 KiB pages (for a new
   * database; an existing one keeps its own) make a smaller file and a
   * shallower index, a 64 MiB cache keeps the indexes that ingest touches
   * at random in memory, and checkpointing every 64 MiB of WAL rather than
   * 4 MiB writes a page changed by many transactions once. Together about
   * a third more posts per second. The checkpoints run in a thread of
   * their own (steward-store-checkpoint.c, set up with the functions
   * above), so no wal_autocheckpoint here: it would replace that. */
  if (!exec_sql (db, "PRAGMA page_size = 8192", error) ||
      !exec_sql (db, "PRAGMA journal_mode = WAL", error) ||
      !exec_sql (db, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (db, "PRAGMA synchronous = NORMAL", error) ||
      !exec_sql (db, "PRAGMA cache_size = -65536", error))
    return NULL;

  if (!steward_store_run_migrations (db, migrations, n_migrations, &version, error))
    return NULL;

  self = g_object_new (STEWARD_TYPE_STORE, NULL);
  self->db = g_steal_pointer (&db);
  self->path = g_strdup (path);
  self->schema_version = version;

  return g_steal_pointer (&self);
}

/**
 * steward_store_open:
 * @path: the database file; created if missing
 * @error: return location for an error
 *
 * Opens the database and migrates it to the latest schema. A database from
 * a newer Steward fails with %STEWARD_ERROR_SCHEMA_TOO_NEW and is not
 * touched; a failed migration with %STEWARD_ERROR_MIGRATION_FAILED and is
 * rolled back.
 *
 * Returns: (transfer full): the store, or %NULL
 */
StewardStore *
steward_store_open (const char  *path,
                    GError     **error)
{
  const StewardMigration *migrations;
  guint n_migrations;

  g_return_val_if_fail (path != NULL, NULL);

  migrations = steward_store_get_migrations (&n_migrations);
  return steward_store_open_with_migrations (path, migrations, n_migrations, error);
}

sqlite3 *
steward_store_get_db (StewardStore *self)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  return self->db;
}

const char *
steward_store_get_path (StewardStore *self)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  return self->path;
}

int
steward_store_get_schema_version (StewardStore *self)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);

  return self->schema_version;
}

/**
 * steward_store_get_latest_version:
 *
 * Returns: the schema version this build writes
 */
int
steward_store_get_latest_version (void)
{
  const StewardMigration *migrations;
  guint n_migrations;

  migrations = steward_store_get_migrations (&n_migrations);
  return migrations[n_migrations - 1].version;
}

/**
 * steward_store_notify_changed:
 * @self: a store
 * @what: "accounts", "inbox" or "posts"
 *
 * Emits #StewardStore::changed with @what as detail on the thread that
 * created @self: at once when called there, else from an idle in that
 * thread's main context (coalesced: several calls before it runs emit
 * once). Safe to call from any thread, e.g. by a worker whose own
 * connection wrote to the database.
 */
void
steward_store_notify_changed (StewardStore *self,
                              const char   *what)
{
  PendingChange *change;
  g_autoptr(GSource) source = NULL;
  GQuark quark;

  g_return_if_fail (STEWARD_IS_STORE (self));
  g_return_if_fail (what != NULL);

  quark = g_quark_from_string (what);

  if (g_thread_self () == self->owner)
    {
      g_signal_emit (self, signals[CHANGED], quark, what);
      return;
    }

  g_mutex_lock (&self->pending_lock);
  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (quark)))
    {
      g_mutex_unlock (&self->pending_lock);
      return;
    }
  g_hash_table_add (self->pending, GUINT_TO_POINTER (quark));
  g_mutex_unlock (&self->pending_lock);

  change = g_new0 (PendingChange, 1);
  g_weak_ref_init (&change->store, self);
  change->what = quark;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[steward] store changed");
  g_source_set_callback (source, dispatch_change_cb, change, pending_change_free);
  g_source_attach (source, self->owner_context);
}

StewardCachedStmt *
steward_store_prepare_cached (StewardStore  *self,
                              const char    *sql,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (STEWARD_IS_STORE (self));
  g_assert (sql != NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs a statement to its end, ignoring rows. */
gboolean
steward_store_step_done (StewardStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_cached (StewardStore  *self,
             const char    *sql,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  return stmt != NULL && steward_store_step_done (self, stmt, error);
}

/* IMMEDIATE takes the write lock up front, so that two connections never
 * both read and then fail to upgrade to writing. */
gboolean
steward_store_begin (StewardStore  *self,
                     GError       **error)
{
  return exec_cached (self, "BEGIN IMMEDIATE", error);
}

gboolean
steward_store_commit (StewardStore  *self,
                      GError       **error)
{
  return exec_cached (self, "COMMIT", error);
}

void
steward_store_rollback (StewardStore *self)
{
  /* Some errors (SQLITE_FULL, SQLITE_IOERR…) already rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    exec_cached (self, "ROLLBACK", NULL);
}

/* Accounts */

static const char sql_add_account[] =
  "INSERT INTO accounts (network, server, remote_id, username, display_name, is_demo)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
  " ON CONFLICT (network, server, remote_id) DO UPDATE SET"
  "   username = excluded.username,"
  "   display_name = excluded.display_name,"
  "   is_demo = excluded.is_demo"
  " RETURNING id";

#define ACCOUNT_COLUMNS \
  "id, network, server, remote_id, username, display_name, is_demo, state, last_sync," \
  " max_characters"

static const char sql_list_accounts[] =
  "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY id";

static const char sql_get_account[] =
  "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?1";

static StewardAccount *
account_from_row (sqlite3_stmt *stmt)
{
  StewardAccount *account;
  g_autoptr(GDateTime) last_sync = NULL;

  account = steward_account_new (sqlite3_column_int64 (stmt, 0),
                                 steward_sqlite_column_text (stmt, 1),
                                 steward_sqlite_column_text (stmt, 2),
                                 steward_sqlite_column_text (stmt, 3),
                                 steward_sqlite_column_text (stmt, 4),
                                 steward_sqlite_column_text (stmt, 5),
                                 sqlite3_column_int (stmt, 6) != 0);
  steward_account_set_state (account, sqlite3_column_int (stmt, 7));
  last_sync = steward_sqlite_column_date (stmt, 8);
  steward_account_set_last_sync (account, last_sync);
  steward_account_set_max_characters (account, (guint) MAX (sqlite3_column_int64 (stmt, 9), 0));
  return account;
}

/**
 * steward_store_add_account:
 * @self: a store
 * @network: "mastodon", …
 * @server: base URL, or "demo"
 * @remote_id: the account's id on the server
 * @username: its acct
 * @display_name: (nullable): its display name
 * @is_demo: whether it belongs to the demo workspace
 * @error: return location for an error
 *
 * Adds the account, or updates the one with the same network, server and
 * remote id.
 *
 * Returns: its id, or 0 on error
 */
gint64
steward_store_add_account (StewardStore  *self,
                           const char    *network,
                           const char    *server,
                           const char    *remote_id,
                           const char    *username,
                           const char    *display_name,
                           gboolean       is_demo,
                           GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (network != NULL, 0);
  g_return_val_if_fail (server != NULL, 0);
  g_return_val_if_fail (remote_id != NULL, 0);
  g_return_val_if_fail (username != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if ((stmt = steward_store_prepare_cached (self, sql_add_account, error)) == NULL)
    return 0;

  steward_sqlite_bind_text (stmt, 1, network);
  steward_sqlite_bind_text (stmt, 2, server);
  steward_sqlite_bind_text (stmt, 3, remote_id);
  steward_sqlite_bind_text (stmt, 4, username);
  steward_sqlite_bind_text (stmt, 5, display_name);
  sqlite3_bind_int (stmt, 6, is_demo ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error (self, rc, error);
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  /* Finish the statement so the write is not left pending. */
  if (!steward_store_step_done (self, stmt, error))
    return 0;

  g_clear_pointer (&stmt, steward_cached_stmt_release);
  steward_store_notify_changed (self, "accounts");
  return id;
}

/**
 * steward_store_list_accounts:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardAccount): every
 *   account, oldest first, or %NULL on error
 */
GPtrArray *
steward_store_list_accounts (StewardStore  *self,
                             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_list_accounts, error)) == NULL)
    return NULL;

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&accounts);
}

void
steward_store_set_no_account (gint64   account_id,
                              GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no account with id %lld"), (long long) account_id);
}

/**
 * steward_store_get_account:
 * @self: a store
 * @account_id: an account id
 * @error: return location for an error
 *
 * Returns: (transfer full): the account, or %NULL with
 *   %STEWARD_ERROR_NOT_FOUND
 */
StewardAccount *
steward_store_get_account (StewardStore  *self,
                           gint64         account_id,
                           GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_get_account, error)) == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return account_from_row (stmt);

  if (rc == SQLITE_DONE)
    steward_store_set_no_account (account_id, error);
  else
    set_error (self, rc, error);
  return NULL;
}

/* Posts that only this account had seen go with it (their inbox items
 * follow by ON DELETE CASCADE), then the account (its remaining items,
 * cursors and post links cascade), then authors nobody's posts need. */
static const char sql_remove_account_posts[] =
  "DELETE FROM posts WHERE id IN ("
  "  SELECT post_id FROM post_accounts WHERE account_id = ?1)"
  " AND NOT EXISTS ("
  "  SELECT 1 FROM post_accounts o WHERE o.post_id = posts.id AND o.account_id <> ?1)";

static const char sql_remove_account[] =
  "DELETE FROM accounts WHERE id = ?1";

static const char sql_remove_orphan_authors[] =
  "DELETE FROM authors WHERE NOT EXISTS ("
  "  SELECT 1 FROM posts WHERE posts.author_id = authors.id)";

/* Post ids are reused once the newest posts are gone: listening queries
 * must check the ids above what is left again (steward-store-listening.c). */
static const char sql_rewind_listening[] =
  "UPDATE listening_queries SET evaluated_id = (SELECT coalesce (max (id), 0) FROM posts)"
  " WHERE evaluated_id > (SELECT coalesce (max (id), 0) FROM posts)";

static gboolean
run_with_id (StewardStore  *self,
             const char    *sql,
             gint64         id,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  return steward_store_step_done (self, stmt, error);
}

/**
 * steward_store_remove_account:
 * @self: a store
 * @account_id: an account id
 * @error: return location for an error
 *
 * Deletes the account with its inbox items, cursors, and the posts and
 * authors that no other account refers to.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_remove_account (StewardStore  *self,
                              gint64         account_id,
                              GError       **error)
{
  gboolean found;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!steward_store_begin (self, error))
    return FALSE;

  if (!run_with_id (self, sql_remove_account_posts, account_id, error) ||
      !run_with_id (self, sql_remove_account, account_id, error))
    goto fail;

  found = sqlite3_changes (self->db) > 0;
  if (!found)
    {
      steward_store_set_no_account (account_id, error);
      goto fail;
    }

  if (!run_with_id (self, sql_remove_orphan_authors, 0, error) ||
      !run_with_id (self, sql_rewind_listening, 0, error) ||
      !steward_store_commit (self, error))
    goto fail;

  steward_store_notify_changed (self, "accounts");
  steward_store_notify_changed (self, "inbox");
  steward_store_notify_changed (self, "posts");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

static gboolean
update_account (StewardStore  *self,
                const char    *sql,
                gint64         account_id,
                gboolean       has_value,
                gint64         value,
                GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  if ((stmt = steward_store_prepare_cached (self, sql, error)) == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  if (has_value)
    sqlite3_bind_int64 (stmt, 2, value);
  else
    sqlite3_bind_null (stmt, 2);

  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      steward_store_set_no_account (account_id, error);
      return FALSE;
    }

  g_clear_pointer (&stmt, steward_cached_stmt_release);
  steward_store_notify_changed (self, "accounts");
  return TRUE;
}

/**
 * steward_store_set_account_state:
 * @self: a store
 * @account_id: an account id
 * @state: its state
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_account_state (StewardStore         *self,
                                 gint64                account_id,
                                 StewardAccountState   state,
                                 GError              **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_account (self, "UPDATE accounts SET state = ?2 WHERE id = ?1",
                         account_id, TRUE, state, error);
}

/**
 * steward_store_set_account_limits:
 * @self: a store
 * @account_id: an account id
 * @max_characters: the longest post its server accepts, or 0 to forget
 *   it (the next sync asks the server again)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_account_limits (StewardStore  *self,
                                  gint64         account_id,
                                  guint          max_characters,
                                  GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_account (self, "UPDATE accounts SET max_characters = ?2 WHERE id = ?1",
                         account_id, max_characters > 0, max_characters, error);
}

/**
 * steward_store_set_account_synced:
 * @self: a store
 * @account_id: an account id
 * @when: (nullable): end of its last complete sync
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_account_synced (StewardStore  *self,
                                  gint64         account_id,
                                  GDateTime     *when,
                                  GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return update_account (self, "UPDATE accounts SET last_sync = ?2 WHERE id = ?1",
                         account_id, when != NULL,
                         when != NULL ? g_date_time_to_unix (when) : 0, error);
}
