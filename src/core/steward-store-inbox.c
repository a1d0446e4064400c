/* steward-store-inbox.c — listing, counting and triaging inbox items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-account-private.h"
#include "steward-error.h"
#include "steward-inbox-item.h"

/* Bound parameters of the generated filter SQL; only those a filter uses
 * appear in its statement. */
enum {
  PARAM_ACCOUNT = 1,
  PARAM_STATUS,
  PARAM_KIND,
  PARAM_UPPER_TIME,
  PARAM_UPPER_ID,
  PARAM_LIMIT,
  PARAM_OFFSET,
};

static const char item_columns[] =
  "SELECT i.id, i.account_id, a.server, a.username, a.is_demo, a.network,"
  "       i.kind, i.status, i.remote_id, p.url, au.acct, au.display_name,"
  "       au.avatar_url, p.text, steward_post_markup (p.markup, p.html), i.created_at"
  " FROM inbox_items i"
  " JOIN accounts a ON a.id = i.account_id"
  " JOIN posts p ON p.id = i.post_id"
  " JOIN authors au ON au.id = p.author_id";

static gboolean
check_filter (const StewardInboxFilter  *filter,
              GError                   **error)
{
  if (filter->status > STEWARD_ITEM_STATUS_CLOSED || filter->status < -1 ||
      filter->kind > STEWARD_ITEM_KIND_LISTENING || filter->kind < -1 ||
      filter->account_id < 0)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("Unknown inbox status or kind"));
      return FALSE;
    }
  return TRUE;
}

/* The range condition is written so that SQLite walks the
 * (…, created_at, id) index from @upper down instead of sorting. */
static void
append_where (GString                  *sql,
              const StewardInboxFilter *filter,
              const StewardInboxKey    *upper,
              gboolean                  inclusive)
{
  g_string_append (sql, " WHERE 1");
  if (filter->account_id > 0)
    g_string_append (sql, " AND i.account_id = ?1");
  if (filter->status >= 0)
    g_string_append (sql, " AND i.status = ?2");
  if (filter->kind >= 0)
    g_string_append (sql, " AND i.kind = ?3");
  if (upper != NULL)
    g_string_append_printf (sql,
                            " AND i.created_at <= ?4"
                            " AND (i.created_at < ?4 OR i.id %s ?5)",
                            inclusive ? "<=" : "<");
}

static void
bind_where (sqlite3_stmt             *stmt,
            const StewardInboxFilter *filter,
            const StewardInboxKey    *upper)
{
  if (filter->account_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_ACCOUNT, filter->account_id);
  if (filter->status >= 0)
    steward_sqlite_bind_text (stmt, PARAM_STATUS, steward_item_status_to_string (filter->status));
  if (filter->kind >= 0)
    steward_sqlite_bind_text (stmt, PARAM_KIND, steward_item_kind_to_string (filter->kind));
  if (upper != NULL)
    {
      sqlite3_bind_int64 (stmt, PARAM_UPPER_TIME, upper->created_at);
      sqlite3_bind_int64 (stmt, PARAM_UPPER_ID, upper->id);
    }
}

static StewardInboxItem *
item_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 15);
  g_autofree char *label = NULL;
  StewardItemKind kind = STEWARD_ITEM_KIND_MENTION;
  StewardItemStatus status = STEWARD_ITEM_STATUS_NEW;

  label = steward_account_format_label (steward_sqlite_column_text (stmt, 2),
                                        steward_sqlite_column_text (stmt, 3),
                                        sqlite3_column_int (stmt, 4) != 0);
  steward_item_kind_from_string (steward_sqlite_column_text (stmt, 6), &kind);
  steward_item_status_from_string (steward_sqlite_column_text (stmt, 7), &status);

  return g_object_new (STEWARD_TYPE_INBOX_ITEM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "account-id", sqlite3_column_int64 (stmt, 1),
                       "account-label", label,
                       "network", steward_sqlite_column_text (stmt, 5),
                       "kind", kind,
                       "status", status,
                       "remote-id", steward_sqlite_column_text (stmt, 8),
                       "url", steward_sqlite_column_text (stmt, 9),
                       "author", steward_sqlite_column_text (stmt, 10),
                       "author-name", steward_sqlite_column_text (stmt, 11),
                       "author-avatar-url", steward_sqlite_column_text (stmt, 12),
                       "text", steward_sqlite_column_text (stmt, 13),
                       "markup", steward_sqlite_column_text (stmt, 14),
                       "created-at", created_at,
                       NULL);
}

static GPtrArray *
collect_items (StewardStore  *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

gboolean
steward_store_inbox_snapshot (StewardStore              *self,
                              const StewardInboxFilter  *filter,
                              const StewardInboxKey     *upper,
                              gboolean                  *has_top,
                              StewardInboxKey           *top,
                              guint                     *count,
                              gint64                    *id_sum,
                              GError                   **error)
{
  g_autoptr(GString) top_sql = g_string_new ("SELECT i.created_at, i.id FROM inbox_items i");
  g_autoptr(GString) count_sql = g_string_new ("SELECT count (*), sum (i.id) FROM inbox_items i");
  g_autoptr(StewardCachedStmt) stmt = NULL;
  StewardInboxKey newest;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  *has_top = FALSE;
  *count = 0;
  *id_sum = 0;

  if (!check_filter (filter, error))
    return FALSE;

  append_where (top_sql, filter, upper, TRUE);
  g_string_append (top_sql, " ORDER BY i.created_at DESC, i.id DESC LIMIT 1");
  if ((stmt = steward_store_prepare_cached (self, top_sql->str, error)) == NULL)
    return FALSE;
  bind_where (stmt, filter, upper);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }
  newest.created_at = sqlite3_column_int64 (stmt, 0);
  newest.id = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  /* Counting below the newest item just read keeps the two answers
   * consistent while another connection adds items. */
  append_where (count_sql, filter, &newest, TRUE);
  if ((stmt = steward_store_prepare_cached (self, count_sql->str, error)) == NULL)
    return FALSE;
  bind_where (stmt, filter, &newest);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }

  *has_top = TRUE;
  *top = newest;
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  *id_sum = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

GPtrArray *
steward_store_list_inbox_below (StewardStore              *self,
                                const StewardInboxFilter  *filter,
                                const StewardInboxKey     *upper,
                                gboolean                   inclusive,
                                guint                      offset,
                                guint                      limit,
                                GError                   **error)
{
  g_autoptr(GString) sql = g_string_new (item_columns);
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!check_filter (filter, error))
    return NULL;

  append_where (sql, filter, upper, inclusive);
  g_string_append (sql, " ORDER BY i.created_at DESC, i.id DESC LIMIT ?6 OFFSET ?7");

  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;
  bind_where (stmt, filter, upper);
  sqlite3_bind_int64 (stmt, PARAM_LIMIT, limit);
  sqlite3_bind_int64 (stmt, PARAM_OFFSET, offset);

  return collect_items (self, stmt, error);
}

GPtrArray *
steward_store_list_inbox_by_ids (StewardStore  *self,
                                 const gint64  *ids,
                                 guint          n_ids,
                                 GError       **error)
{
  g_autoptr(GString) sql = g_string_new (item_columns);
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  g_string_append (sql, " WHERE i.id IN (SELECT value FROM json_each (?1))");
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (stmt, 1, json->str);

  return collect_items (self, stmt, error);
}

/**
 * steward_store_count_inbox:
 * @self: a store
 * @filter: which items
 * @error: return location for an error
 *
 * Returns: how many items match @filter (0 on error)
 */
guint
steward_store_count_inbox (StewardStore              *self,
                           const StewardInboxFilter  *filter,
                           GError                   **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM inbox_items i");
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (filter != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_filter (filter, error))
    return 0;

  append_where (sql, filter, NULL, TRUE);
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return 0;
  bind_where (stmt, filter, NULL);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * steward_store_list_inbox:
 * @self: a store
 * @filter: which items
 * @offset: how many of the newest to skip
 * @limit: most items to return
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardInboxItem): items
 *   matching @filter, newest first, with their account's label and
 *   network, or %NULL on error
 */
GPtrArray *
steward_store_list_inbox (StewardStore              *self,
                          const StewardInboxFilter  *filter,
                          guint                      offset,
                          guint                      limit,
                          GError                   **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return steward_store_list_inbox_below (self, filter, NULL, TRUE, offset, limit, error);
}

static void
set_no_item (gint64   item_id,
             GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no inbox item with id %lld"), (long long) item_id);
}

/**
 * steward_store_get_inbox_item:
 * @self: a store
 * @item_id: an item id
 * @error: return location for an error
 *
 * Returns: (transfer full): the item, or %NULL with
 *   %STEWARD_ERROR_NOT_FOUND
 */
StewardInboxItem *
steward_store_get_inbox_item (StewardStore  *self,
                              gint64         item_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((items = steward_store_list_inbox_by_ids (self, &item_id, 1, error)) == NULL)
    return NULL;
  if (items->len == 0)
    {
      set_no_item (item_id, error);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (items, 0));
}

static const char sql_set_status[] =
  "UPDATE inbox_items SET status = ?2 WHERE id = ?1 AND status IS NOT ?2";

static const char sql_item_exists[] =
  "SELECT 1 FROM inbox_items WHERE id = ?1";

/**
 * steward_store_set_item_status:
 * @self: a store
 * @item_id: an item id
 * @status: its new status
 * @error: return location for an error
 *
 * Persists the status and emits #StewardStore::changed with "inbox" when it
 * changed.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_item_status (StewardStore       *self,
                               gint64              item_id,
                               StewardItemStatus   status,
                               GError            **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  sqlite3 *db;
  gboolean changed;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= STEWARD_ITEM_STATUS_CLOSED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = steward_store_get_db (self);
  if ((stmt = steward_store_prepare_cached (self, sql_set_status, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  steward_sqlite_bind_text (stmt, 2, steward_item_status_to_string (status));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }
  changed = sqlite3_changes (db) > 0;
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  if (!changed)
    {
      if ((stmt = steward_store_prepare_cached (self, sql_item_exists, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          set_no_item (item_id, error);
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        {
          steward_sqlite_set_error (db, rc, error);
          return FALSE;
        }
      return TRUE;
    }

  steward_store_notify_changed (self, "inbox");
  return TRUE;
}
