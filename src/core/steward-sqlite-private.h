/* steward-sqlite-private.h — g_autoptr support for SQLite handles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)

/* A statement borrowed from the store's cache: going out of scope resets it
 * (ending its implicit read transaction, so it never pins an old snapshot
 * of the WAL) and clears its bindings, but keeps it prepared. */
typedef sqlite3_stmt StewardCachedStmt;

static inline void
steward_cached_stmt_release (StewardCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardCachedStmt, steward_cached_stmt_release)

static inline void
steward_sqlite_bind_text (sqlite3_stmt *stmt,
                          int           index,
                          const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Dates are stored as integer Unix seconds in UTC so that ordering by them
 * is an integer comparison. */
static inline void
steward_sqlite_bind_date (sqlite3_stmt *stmt,
                          int           index,
                          GDateTime    *date)
{
  if (date == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (date));
}

static inline const char *
steward_sqlite_column_text (sqlite3_stmt *stmt,
                            int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static inline GDateTime *
steward_sqlite_column_date (sqlite3_stmt *stmt,
                            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
}

G_END_DECLS
