/* steward-store-sla.c — the SLA policy in the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy lives in the settings table under the "sla.*" keys documented
 * in steward-sla.h, as decimal text. Saving writes every key and
 * recomputes the due time of every item still waiting for a first
 * response in the same transaction, so the Inbox never shows due times
 * from two policies.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-sla-private.h"


static const char sql_read_policy[] =
  "SELECT key, value FROM settings WHERE key >= 'sla.' AND key < 'sla/'";

static const char sql_put_setting[] =
  "INSERT INTO settings (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static const char sql_delete_setting[] =
  "DELETE FROM settings WHERE key = ?1";

static const char sql_waiting_items[] =
  "SELECT id, created_at, urgent FROM inbox_items"
  " WHERE first_response_at IS NULL AND needs_reply = 1";

static const char sql_set_due[] =
  "UPDATE inbox_items SET sla_due_at = ?2 WHERE id = ?1";

static gboolean
parse_minutes (const char *value,
               guint       max,
               guint      *out)
{
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, max, &n, NULL))
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

static gboolean
put_number (StewardStore  *store,
            const char    *key,
            guint          value,
            GError       **error)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  return steward_store_put_setting_in_transaction (store, key, buf, error);
}

gboolean
steward_store_put_setting_in_transaction (StewardStore  *store,
                                          const char    *key,
                                          const char    *value,
                                          GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_assert (key != NULL);

  stmt = steward_store_prepare_cached (store, value != NULL ? sql_put_setting : sql_delete_setting,
                                       error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return steward_store_step_done (store, stmt, error);
}

StewardSlaPolicy *
steward_store_read_sla_policy (StewardStore  *store,
                               GError       **error)
{
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(StewardCachedStmt) stmt = NULL;
  guint start, end, urgent, normal;
  int rc;

  stmt = steward_store_prepare_cached (store, sql_read_policy, error);
  if (stmt == NULL)
    return NULL;

  steward_sla_policy_get_window (policy, &start, &end);
  urgent = steward_sla_policy_get_target (policy, TRUE);
  normal = steward_sla_policy_get_target (policy, FALSE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = steward_sqlite_column_text (stmt, 0);
      const char *value = steward_sqlite_column_text (stmt, 1);
      guint n;

      if (g_str_equal (key, "sla.time-zone"))
        {
          if (!steward_sla_policy_set_time_zone (policy, value))
            g_warning ("Unknown SLA time zone “%s”, using the local one", value);
        }
      else if (g_str_equal (key, "sla.days") && parse_minutes (value, STEWARD_SLA_ALL_DAYS, &n))
        steward_sla_policy_set_days (policy, n);
      else if (g_str_equal (key, "sla.start") && parse_minutes (value, 1439, &n))
        start = n;
      else if (g_str_equal (key, "sla.end") && parse_minutes (value, 1440, &n))
        end = n;
      else if (g_str_equal (key, "sla.urgent-minutes") && parse_minutes (value, G_MAXINT, &n))
        urgent = n;
      else if (g_str_equal (key, "sla.normal-minutes") && parse_minutes (value, G_MAXINT, &n))
        normal = n;
      else if (g_str_equal (key, "sla.due-soon-minutes") && parse_minutes (value, G_MAXINT, &n))
        steward_sla_policy_set_due_soon (policy, n);
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return NULL;
    }

  if (!steward_sla_policy_set_window (policy, start, end))
    g_warning ("Invalid SLA window %u–%u, using the default", start, end);
  steward_sla_policy_set_targets (policy, urgent, normal);

  return g_steal_pointer (&policy);
}

void
steward_sla_bind_due_at (sqlite3_stmt           *stmt,
                         int                     index,
                         const StewardSlaPolicy *policy,
                         gint64                  created_at,
                         gboolean                urgent)
{
  gint64 due = steward_sla_policy_due_at (policy, created_at, urgent);

  if (due == G_MAXINT64)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, due);
}

/**
 * steward_store_load_sla_policy:
 * @store: a store
 * @error: return location for a #GError
 *
 * Reads the policy from the workspace settings; keys not set (or holding
 * an invalid value) keep their defaults.
 *
 * Returns: (transfer full): the policy, or %NULL on a database error
 */
StewardSlaPolicy *
steward_store_load_sla_policy (StewardStore  *store,
                               GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return steward_store_read_sla_policy (store, error);
}

static gboolean
recompute_due_times (StewardStore            *store,
                     const StewardSlaPolicy  *policy,
                     GError                 **error)
{
  g_autoptr(StewardCachedStmt) select = NULL;
  g_autoptr(StewardCachedStmt) update = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = steward_store_prepare_cached (store, sql_waiting_items, error);
  update = steward_store_prepare_cached (store, sql_set_due, error);
  if (select == NULL || update == NULL)
    return FALSE;

  /* Read first, then write: updating rows of the table being walked is
   * allowed but the order of a partial-index walk is then undefined. */
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 row[3] = {
        sqlite3_column_int64 (select, 0),
        sqlite3_column_int64 (select, 1),
        sqlite3_column_int64 (select, 2),
      };

      g_array_append_vals (rows, row, 3);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i += 3)
    {
      const gint64 *row = &g_array_index (rows, gint64, i);

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, row[0]);
      steward_sla_bind_due_at (update, 2, policy, row[1], row[2] != 0);
      if (!steward_store_step_done (store, update, error))
        return FALSE;
    }

  g_debug ("Recomputed the SLA due time of %u items", rows->len / 3);
  return TRUE;
}

/**
 * steward_store_save_sla_policy:
 * @store: a store
 * @policy: the policy to keep
 * @error: return location for a #GError
 *
 * Stores @policy and recomputes the due time of every item that needs a
 * reply and has none yet, in one transaction; then emits "changed" with
 * "settings" and "inbox".
 *
 * Returns: whether it was saved
 */
gboolean
steward_store_save_sla_policy (StewardStore            *store,
                               const StewardSlaPolicy  *policy,
                               GError                 **error)
{
  guint start, end;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  steward_sla_policy_get_window (policy, &start, &end);

  if (!steward_store_begin (store, error))
    return FALSE;

  if (!steward_store_put_setting_in_transaction (store, "sla.time-zone",
                                                 steward_sla_policy_get_time_zone (policy), error) ||
      !put_number (store, "sla.days", steward_sla_policy_get_days (policy), error) ||
      !put_number (store, "sla.start", start, error) ||
      !put_number (store, "sla.end", end, error) ||
      !put_number (store, "sla.urgent-minutes", steward_sla_policy_get_target (policy, TRUE), error) ||
      !put_number (store, "sla.normal-minutes", steward_sla_policy_get_target (policy, FALSE), error) ||
      !put_number (store, "sla.due-soon-minutes",
                   (guint) (steward_sla_policy_get_due_soon (policy) / 60), error) ||
      !recompute_due_times (store, policy, error) ||
      !steward_store_commit (store, error))
    {
      steward_store_rollback (store);
      return FALSE;
    }

  steward_store_notify_changed (store, "settings");
  steward_store_notify_changed (store, "inbox");
  return TRUE;
}
