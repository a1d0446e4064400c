/* steward-store-private.h — what the store's files share, and test hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-store.h"
#include "steward-sqlite-private.h"
#include "steward-query.h"

G_BEGIN_DECLS

/**
 * StewardMigration:
 * @version: the schema version this migration leads to
 * @sql: the statements, run in one transaction with user_version
 */
typedef struct {
  int         version;
  const char *sql;
} StewardMigration;

/* The migrations this build ships, in order. */
const StewardMigration *steward_store_get_migrations       (guint                    *n_migrations);

/* Runs every migration of @migrations above *@version, each in its own
 * transaction; stops at the first failure, which is rolled back. */
gboolean                steward_store_run_migrations       (sqlite3                  *db,
                                                            const StewardMigration   *migrations,
                                                            guint                     n_migrations,
                                                            int                      *version,
                                                            GError                  **error);

/* Testing: opens @path with @migrations instead of the built-in ones, to
 * build old schemas or prove that a failing migration rolls back. */
StewardStore           *steward_store_open_with_migrations (const char               *path,
                                                            const StewardMigration   *migrations,
                                                            guint                     n_migrations,
                                                            GError                  **error);

/* Testing and the store's own files: the connection. */
sqlite3                *steward_store_get_db               (StewardStore             *self);

/* Sets @error from an SQLite result code: SQLITE_FULL becomes
 * STEWARD_ERROR_DISK_FULL, the rest STEWARD_ERROR_FAILED. */
void                    steward_sqlite_set_error           (sqlite3                  *db,
                                                            int                       rc,
                                                            GError                  **error);

/* A prepared statement cached on the store for its lifetime, keyed by the
 * SQL text. Use with g_autoptr(StewardCachedStmt). */
StewardCachedStmt      *steward_store_prepare_cached       (StewardStore             *self,
                                                            const char               *sql,
                                                            GError                  **error);
gboolean                steward_store_step_done            (StewardStore             *self,
                                                            sqlite3_stmt             *stmt,
                                                            GError                  **error);
void                    steward_store_set_no_account       (gint64                    account_id,
                                                            GError                  **error);
gboolean                steward_store_begin                (StewardStore             *self,
                                                            GError                  **error);
gboolean                steward_store_commit               (StewardStore             *self,
                                                            GError                  **error);
void                    steward_store_rollback             (StewardStore             *self);

/* Full-text search (steward-store-search.c). posts.search_key is
 * created_at · STEWARD_SEARCH_KEY_SPAN + a tie-breaker below the span. */
#define STEWARD_SEARCH_KEY_SPAN G_GINT64_CONSTANT (1048576)

gboolean                steward_store_register_functions   (sqlite3                  *db,
                                                            GError                  **error);
gboolean                steward_post_text_has_link         (const char               *html,
                                                            const char               *text);
gint64                  steward_store_search_key_floor     (gint64                    unix_time);
char                   *steward_highlight_to_markup        (const char               *highlighted);
StewardQueryPlan       *steward_store_parse_query          (const char               *text,
                                                            GError                  **error);
void                    steward_store_append_query_conditions (GString                *sql,
                                                            const StewardQueryPlan   *plan);
gboolean                steward_store_bind_query           (sqlite3_stmt             *stmt,
                                                            const StewardQueryPlan   *plan,
                                                            GError                  **error);
char                   *steward_store_query_source         (const StewardQueryPlan   *plan,
                                                            const char              **key);
GPtrArray              *steward_store_query_posts          (StewardStore             *self,
                                                            const StewardQueryPlan   *plan,
                                                            gint64                    query_id,
                                                            gint64                    since,
                                                            guint                     offset,
                                                            guint                     limit,
                                                            GError                  **error);

/* Listening (steward-store-listening.c): runs every saved query against
 * the posts ingested since it last ran, marking new matches (@n_new: how
 * many). Called by the ingest functions inside their transaction. */
gboolean                steward_store_evaluate_listening   (StewardStore             *self,
                                                            guint                    *n_new,
                                                            GError                  **error);

/* Inbox (steward-store-inbox.c). A position in the inbox order, newest
 * first: (created_at, id), both descending. */
typedef struct {
  gint64 created_at;
  gint64 id;
} StewardInboxKey;

/* Reads, for the items matching @filter that are not newer than @upper (all
 * of them when @upper is NULL), the newest one's key, how many there are and
 * the sum of their ids (a cheap fingerprint of the set). @has_top is FALSE
 * when there is none. */
gboolean                steward_store_inbox_snapshot       (StewardStore             *self,
                                                            const StewardInboxFilter *filter,
                                                            const StewardInboxKey    *upper,
                                                            gboolean                 *has_top,
                                                            StewardInboxKey          *top,
                                                            guint                    *count,
                                                            gint64                   *id_sum,
                                                            GError                  **error);
/* Items matching @filter below @upper (inclusive or not), newest first. */
GPtrArray              *steward_store_list_inbox_below     (StewardStore             *self,
                                                            const StewardInboxFilter *filter,
                                                            const StewardInboxKey    *upper,
                                                            gboolean                  inclusive,
                                                            guint                     offset,
                                                            guint                     limit,
                                                            GError                  **error);
/* The items with these ids that still exist, in no particular order. */
GPtrArray              *steward_store_list_inbox_by_ids    (StewardStore             *self,
                                                            const gint64             *ids,
                                                            guint                     n_ids,
                                                            GError                  **error);

/* One line of an inbox item's history (item_events), inside the caller's
 * transaction; steward-store-history.c turns @what and @detail into a
 * sentence. Defined in steward-store-triage.c. */
gboolean                steward_store_add_item_event       (StewardStore             *self,
                                                            gint64                    item_id,
                                                            gint64                    at,
                                                            const char               *actor,
                                                            const char               *what,
                                                            const char               *detail,
                                                            GError                  **error);

G_END_DECLS
