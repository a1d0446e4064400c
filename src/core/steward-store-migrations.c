/* steward-store-migrations.c — the versioned schema of the workspace database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each migration leads to one schema version (PRAGMA user_version) and runs
 * in its own transaction together with the version bump, so a failure
 * leaves the database exactly at the previous version. Never edit a
 * migration that has shipped: add a new one.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"

/* Version 1: accounts, authors, posts, inbox items and sync cursors. Posts
 * and authors are keyed by (server, remote id) where server is the
 * account's server string; post_accounts records which accounts have seen a
 * post so that removing an account removes only what nobody else needs.
 * Dates are Unix seconds, UTC. */
static const char migration_1[] =
  "CREATE TABLE accounts ("
  "  id           INTEGER PRIMARY KEY,"
  "  network      TEXT NOT NULL,"
  "  server       TEXT NOT NULL,"
  "  remote_id    TEXT NOT NULL,"
  "  username     TEXT NOT NULL,"
  "  display_name TEXT,"
  "  is_demo      INTEGER NOT NULL DEFAULT 0,"
  "  state        INTEGER NOT NULL DEFAULT 0,"
  "  last_sync    INTEGER,"
  "  UNIQUE (network, server, remote_id)"
  ");"
  "CREATE TABLE authors ("
  "  id           INTEGER PRIMARY KEY,"
  "  server       TEXT NOT NULL,"
  "  remote_id    TEXT NOT NULL,"
  "  acct         TEXT NOT NULL,"
  "  display_name TEXT,"
  "  url          TEXT,"
  "  avatar_url   TEXT,"
  "  followers    INTEGER NOT NULL DEFAULT -1,"
  "  UNIQUE (server, remote_id)"
  ");"
  "CREATE TABLE posts ("
  "  id           INTEGER PRIMARY KEY,"
  "  server       TEXT NOT NULL,"
  "  remote_id    TEXT NOT NULL,"
  "  author_id    INTEGER NOT NULL REFERENCES authors (id),"
  "  url          TEXT,"
  "  html         TEXT,"
  "  text         TEXT NOT NULL DEFAULT '',"
  "  markup       TEXT NOT NULL DEFAULT '',"
  "  spoiler_text TEXT,"
  "  language     TEXT,"
  "  visibility   TEXT,"
  "  in_reply_to  TEXT,"
  "  conversation TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  edited_at    INTEGER,"
  "  UNIQUE (server, remote_id)"
  ");"
  "CREATE INDEX posts_author ON posts (author_id);"
  "CREATE INDEX posts_created ON posts (created_at);"
  "CREATE TABLE post_accounts ("
  "  post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (post_id, account_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX post_accounts_account ON post_accounts (account_id);"
  "CREATE TABLE inbox_items ("
  "  id           INTEGER PRIMARY KEY,"
  "  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('mention', 'direct')),"
  "  remote_id    TEXT NOT NULL,"
  "  post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  status       TEXT NOT NULL DEFAULT 'new'"
  "               CHECK (status IN ('new', 'open', 'pending', 'closed')),"
  "  created_at   INTEGER NOT NULL,"
  "  UNIQUE (account_id, kind, remote_id)"
  ");"
  "CREATE INDEX inbox_items_created ON inbox_items (created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_status ON inbox_items (status, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_account_status ON inbox_items (account_id, status, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_post ON inbox_items (post_id);"
  "CREATE TABLE cursors ("
  "  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  stream       TEXT NOT NULL,"
  "  cursor       TEXT,"
  "  PRIMARY KEY (account_id, stream)"
  ") WITHOUT ROWID;";

/* Version 2 was an interim search index: a contentless unicode61 FTS5
 * table fed by triggers through an SQL function that spaced out CJK
 * characters. Version 3 replaces it with the "steward" tokenizer, so a
 * database created now goes straight past it; one still at version 2 holds
 * the old table and triggers, which version 3 drops. */
static const char migration_2[] = "";

/* Version 3: search with the "steward" FTS5 tokenizer (registered on every
 * connection before the migrations run; see steward-fts-tokenizer.h).
 *
 * Newest first must be both correct and cheap. posts.id follows ingest
 * order, and backfilled posts arrive out of time order, so it cannot be
 * the order of results. Sorting every match by created_at costs O(matches)
 * (a common word matches hundreds of thousands of posts). Instead each
 * post gets a search_key = created_at · 2^20 + a tie-breaker below 2^20,
 * unique (posts_search_key), and the FTS5 index is external-content keyed
 * by it (content_rowid). FTS5 then walks a match's doclist from the
 * highest key down, i.e. newest first, and stops after LIMIT rows
 * (ORDER BY rowid DESC is consumed by the virtual table): the benchmark's
 * fast schema, keyed by time instead of arrival. Existing posts get their
 * tie-breaker from their rank within the same second. The index covers
 * the text and the content warning; highlight() reads them back from
 * posts.
 *
 * Inserts and edits reach the index from the ingest code, not from
 * triggers, after all the posts of a page: FTS5 writes its pending terms
 * out as a new segment at every statement savepoint, and an upsert with a
 * trigger opens one per post, which made ingest three times slower.
 * Deletes (an account removed) keep a trigger. has_link (for has:link) is computed at ingest, and here by the
 * SQL function steward_has_link() with the same rules. */
static const char migration_3[] =
  "DROP TRIGGER IF EXISTS posts_fts_insert;"
  "DROP TRIGGER IF EXISTS posts_fts_delete;"
  "DROP TRIGGER IF EXISTS posts_fts_update;"
  "DROP TABLE IF EXISTS posts_fts;"
  "ALTER TABLE posts ADD COLUMN search_key INTEGER;"
  "ALTER TABLE posts ADD COLUMN has_link INTEGER NOT NULL DEFAULT 0;"
  "UPDATE posts SET search_key = k.key, has_link = steward_has_link (html, text)"
  "  FROM (SELECT id, created_at * 1048576"
  "               + row_number () OVER (PARTITION BY created_at ORDER BY id) - 1 AS key"
  "        FROM posts) AS k"
  "  WHERE posts.id = k.id;"
  "CREATE UNIQUE INDEX posts_search_key ON posts (search_key);"
  /* search_key orders by time too: one index less to keep at ingest. */
  "DROP INDEX posts_created;"
  "CREATE VIRTUAL TABLE posts_fts USING fts5 ("
  "  text, spoiler_text,"
  "  content = 'posts', content_rowid = 'search_key',"
  "  tokenize = 'steward', columnsize = 0"
  ");"
  "CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN"
  "  INSERT INTO posts_fts (posts_fts, rowid, text, spoiler_text)"
  "    VALUES ('delete', old.search_key, old.text, old.spoiler_text);"
  "END;"
  "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');"
  /* Fewer, larger merges while ingesting: measured 20 % faster for the
   * same query latency (tests/bench/bench-search.c). */
  "INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 8);";

/* Version 4: listening. Saved queries, and which posts each one matched
 * after it was saved (first_seen, and whether the user has seen them).
 * evaluated_id is the highest posts.id the query has been run against:
 * posts above it are checked when a page is ingested. A query's network
 * cursors live in cursors under the stream "listen:<query id>". */
static const char migration_4[] =
  "CREATE TABLE listening_queries ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  query        TEXT NOT NULL,"
  "  colour       TEXT,"
  "  created_at   INTEGER NOT NULL,"
  "  last_seen_at INTEGER,"
  "  evaluated_id INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE listening_matches ("
  "  query_id     INTEGER NOT NULL REFERENCES listening_queries (id) ON DELETE CASCADE,"
  "  post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  first_seen   INTEGER NOT NULL,"
  "  new          INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (query_id, post_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX listening_matches_post ON listening_matches (post_id);"
  "CREATE INDEX listening_matches_new ON listening_matches (query_id, new);";

/* Version 5: inbox items of kind 'listening', posts the user sent to the
 * inbox from a listening result (steward_store_send_to_inbox()). SQLite
 * cannot alter a CHECK constraint, so inbox_items is rebuilt with the new
 * one: a new table, the rows copied with their ids, the old table dropped,
 * the new one renamed and every index of version 1 created again. No table
 * refers to inbox_items, so nothing else needs rebuilding. */
static const char migration_5[] =
  "CREATE TABLE inbox_items_new ("
  "  id           INTEGER PRIMARY KEY,"
  "  account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  kind         TEXT NOT NULL CHECK (kind IN ('mention', 'direct', 'listening')),"
  "  remote_id    TEXT NOT NULL,"
  "  post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  status       TEXT NOT NULL DEFAULT 'new'"
  "               CHECK (status IN ('new', 'open', 'pending', 'closed')),"
  "  created_at   INTEGER NOT NULL,"
  "  UNIQUE (account_id, kind, remote_id)"
  ");"
  "INSERT INTO inbox_items_new (id, account_id, kind, remote_id, post_id, status, created_at)"
  "  SELECT id, account_id, kind, remote_id, post_id, status, created_at FROM inbox_items;"
  "DROP TABLE inbox_items;"
  "ALTER TABLE inbox_items_new RENAME TO inbox_items;"
  "CREATE INDEX inbox_items_created ON inbox_items (created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_status ON inbox_items (status, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_account_status ON inbox_items (account_id, status, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_post ON inbox_items (post_id);";

/* Version 6: triage (see steward-triage.h, steward-outbox.h,
 * steward-sla.h, steward-urgency.h).
 *
 * inbox_items gains who handles it, snoozing, what classification found
 * (classified_at NULL means "not classified yet": steward_store_classify_
 * pending() picks those up, so a sync killed between a page and its
 * classification loses nothing), the SLA due time, the first confirmed
 * response, whether it needs a reply at all, and alert bookkeeping:
 * quiet = 1 for items ingested during an account's first sync (backfill),
 * which never notify; urgent_alerted_at / breach_alerted_at record that a
 * notification was raised (or deliberately skipped).
 *
 * item_events is the item's history (status, assignment, tags, snooze,
 * replies), the start of a social-customer record. item_threads caches a
 * thread fetched from the server's context endpoint: every post of the
 * thread, the item's own included. outbox holds replies until the server
 * confirms them; idempotency_key is sent with every attempt. Workspace
 * settings shared by the app and the CLI (business hours, SLA targets, the
 * current user) live in settings as text; team, tags, canned replies and
 * urgency rules in their own tables. */
static const char migration_6[] =
  "ALTER TABLE inbox_items ADD COLUMN assignee TEXT;"
  "ALTER TABLE inbox_items ADD COLUMN snoozed_until INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN needs_reply INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE inbox_items ADD COLUMN classified_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN sentiment REAL;"
  "ALTER TABLE inbox_items ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE inbox_items ADD COLUMN urgent_rules TEXT;"
  "ALTER TABLE inbox_items ADD COLUMN sla_due_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN first_response_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN quiet INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE inbox_items ADD COLUMN urgent_alerted_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN breach_alerted_at INTEGER;"
  "ALTER TABLE inbox_items ADD COLUMN updated_at INTEGER;"
  /* Items synced before triage existed are history, not news. */
  "UPDATE inbox_items SET quiet = 1;"
  "CREATE INDEX inbox_items_assignee ON inbox_items (assignee, created_at DESC, id DESC);"
  "CREATE INDEX inbox_items_due ON inbox_items (sla_due_at) WHERE first_response_at IS NULL;"
  "CREATE INDEX inbox_items_unclassified ON inbox_items (id) WHERE classified_at IS NULL;"
  "CREATE INDEX inbox_items_urgent ON inbox_items (urgent, created_at DESC, id DESC);"
  "CREATE TABLE tags ("
  "  id           INTEGER PRIMARY KEY,"
  "  name         TEXT NOT NULL UNIQUE COLLATE NOCASE"
  ");"
  "CREATE TABLE item_tags ("
  "  item_id      INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,"
  "  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (item_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX item_tags_tag ON item_tags (tag_id);"
  /* An author's history across accounts is matched by profile URL. */
  "CREATE INDEX authors_url ON authors (url);"
  "CREATE TABLE item_notes ("
  "  id           INTEGER PRIMARY KEY,"
  "  item_id      INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,"
  "  author       TEXT,"
  "  text         TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX item_notes_item ON item_notes (item_id, created_at);"
  "CREATE TABLE item_events ("
  "  id           INTEGER PRIMARY KEY,"
  "  item_id      INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,"
  "  at           INTEGER NOT NULL,"
  "  actor        TEXT,"
  "  what         TEXT NOT NULL,"
  "  detail       TEXT"
  ");"
  "CREATE INDEX item_events_item ON item_events (item_id, at);"
  "CREATE TABLE item_threads ("
  "  item_id      INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,"
  "  post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (item_id, post_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX item_threads_post ON item_threads (post_id);"
  "CREATE TABLE thread_fetches ("
  "  item_id      INTEGER PRIMARY KEY REFERENCES inbox_items (id) ON DELETE CASCADE,"
  "  fetched_at   INTEGER NOT NULL,"
  "  deleted      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE outbox ("
  "  id              INTEGER PRIMARY KEY,"
  "  account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  item_id         INTEGER REFERENCES inbox_items (id) ON DELETE SET NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  in_reply_to     TEXT,"
  "  text            TEXT NOT NULL,"
  "  visibility      TEXT,"
  "  spoiler_text    TEXT,"
  "  language        TEXT,"
  "  author          TEXT,"
  "  state           TEXT NOT NULL DEFAULT 'queued'"
  "                  CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'held')),"
  "  hold_reason     TEXT,"
  "  skip_checks     INTEGER NOT NULL DEFAULT 0,"
  "  attempts        INTEGER NOT NULL DEFAULT 0,"
  "  error           TEXT,"
  "  remote_id       TEXT,"
  "  remote_url      TEXT,"
  "  created_at      INTEGER NOT NULL,"
  "  updated_at      INTEGER NOT NULL,"
  "  sent_at         INTEGER"
  ");"
  "CREATE INDEX outbox_state ON outbox (state, id);"
  "CREATE INDEX outbox_item ON outbox (item_id);"
  "CREATE TABLE settings ("
  "  key          TEXT PRIMARY KEY,"
  "  value        TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE team_members ("
  "  name         TEXT PRIMARY KEY COLLATE NOCASE"
  ") WITHOUT ROWID;"
  "CREATE TABLE canned_replies ("
  "  id           INTEGER PRIMARY KEY,"
  "  title        TEXT NOT NULL,"
  "  text         TEXT NOT NULL"
  ");"
  "CREATE TABLE urgency_rules ("
  "  id           INTEGER PRIMARY KEY,"
  "  position     INTEGER NOT NULL,"
  "  name         TEXT NOT NULL,"
  "  enabled      INTEGER NOT NULL DEFAULT 1,"
  "  definition   TEXT NOT NULL"
  ");"
  "ALTER TABLE accounts ADD COLUMN max_characters INTEGER;";

/* Version 7: fewer, larger merges of the full-text index. FTS5 merges a
 * level's segments once 16 of them wait (8 before, see version 3) and
 * merges at once, blocking, only at 32 (16 by default). Measured with
 * tests/bench/bench-search.c over a million posts: ingest about a tenth
 * faster (merging rewrote each post's index data once less), queries
 * still around a millisecond. */
static const char migration_7[] =
  "INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16);"
  "INSERT INTO posts_fts (posts_fts, rank) VALUES ('crisismerge', 32);";

static const StewardMigration migrations[] = {
  { 1, migration_1 },
  { 2, migration_2 },
  { 3, migration_3 },
  { 4, migration_4 },
  { 5, migration_5 },
  { 6, migration_6 },
  { 7, migration_7 },
};

const StewardMigration *
steward_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

static int
read_user_version (sqlite3 *db,
                   int     *version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;
  *version = sqlite3_column_int (stmt, 0);
  return SQLITE_OK;
}

static void
rollback (sqlite3 *db)
{
  /* Some errors (SQLITE_FULL among them) already rolled back. */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
run_one (sqlite3                 *db,
         const StewardMigration  *migration,
         int                     *version,
         GError                 **error)
{
  g_autofree char *bump = NULL;
  g_autofree char *message = NULL;
  int current = 0;
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }

  /* Another connection may have migrated while we waited for the lock. */
  rc = read_user_version (db, &current);
  if (rc == SQLITE_OK && current >= migration->version)
    {
      rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        {
          *version = current;
          return TRUE;
        }
    }

  if (rc == SQLITE_OK)
    {
      bump = g_strdup_printf ("PRAGMA user_version = %d", migration->version);
      rc = sqlite3_exec (db, migration->sql, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, bump, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    {
      message = g_strdup (sqlite3_errmsg (db));
      rollback (db);
      g_debug ("Migration to schema version %d failed: %s", migration->version, message);
      if ((rc & 0xff) == SQLITE_FULL)
        steward_sqlite_set_error (db, rc, error);
      else
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MIGRATION_FAILED,
                     _("Could not upgrade the database to version %d; it was left as it was: %s"),
                     migration->version, message);
      return FALSE;
    }

  g_debug ("Migrated the database to schema version %d", migration->version);
  *version = migration->version;
  return TRUE;
}

gboolean
steward_store_run_migrations (sqlite3                 *db,
                              const StewardMigration  *list,
                              guint                    n_migrations,
                              int                     *version,
                              GError                 **error)
{
  g_assert (db != NULL);
  g_assert (version != NULL);

  for (guint i = 0; i < n_migrations; i++)
    {
      if (list[i].version <= *version)
        continue;
      if (!run_one (db, &list[i], version, error))
        return FALSE;
    }

  return TRUE;
}
