/* steward-demo-history.c — a team's past work in the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo community's posts span 30 days. Without a past, every one of
 * them would be new, unassigned and breached, and the report would say
 * nobody ever answered. After the demo account's first sync this gives
 * the older items the history a working team leaves: most were assigned,
 * answered within minutes to hours and closed, some needed no reply, some
 * are still waiting for the customer, and a few were never answered —
 * the figures stay honest rather than perfect. Choices follow a hash of
 * the item id, so a demo looks the same every time it is created.
 */
#define G_LOG_DOMAIN "steward-demo"

#include "steward-demo-history.h"

#include "steward-store-private.h"

#define HOUR 3600

/* 0..99, stable per item. */
static guint
pick (gint64 item_id,
      guint  salt)
{
  guint64 x = (guint64) item_id * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + salt;

  x ^= x >> 29;
  x *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x ^= x >> 32;
  return (guint) (x % 100);
}

static const char sql_items[] =
  "SELECT id, created_at, urgent FROM inbox_items"
  " WHERE account_id = ?1 AND created_at < ?2 AND first_response_at IS NULL";

static const char sql_answer[] =
  "UPDATE inbox_items SET status = ?2, assignee = ?3, first_response_at = ?4,"
  "                       needs_reply = ?5, updated_at = ?6"
  " WHERE id = ?1";

typedef struct {
  gint64   id;
  gint64   created_at;
  gboolean urgent;
} Item;

static gboolean
answer (StewardStore  *store,
        const Item    *item,
        const char    *assignee,
        gint64         now,
        GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  guint fate = pick (item->id, 1);
  /* Urgent items are answered faster: within 2 hours, the rest within 9. */
  gint64 delay = 10 * 60 + (gint64) pick (item->id, 2) * (item->urgent ? 70 : 320);
  gint64 answered = item->created_at + delay;
  gint64 assigned = item->created_at + MIN (delay / 2, 20 * 60);
  const char *status = "closed";
  gboolean needs_reply = TRUE;

  if (fate < 8)
    return TRUE;                   /* never answered: it shows in the report */
  if (fate < 20)
    needs_reply = FALSE;           /* praise or chatter, closed without reply */
  else if (fate < 30 && answered > now - 4 * 24 * HOUR)
    status = "pending";            /* answered, waiting for the customer */

  if (answered > now)
    return TRUE;

  stmt = steward_store_prepare_cached (store, sql_answer, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, assignee, -1, SQLITE_TRANSIENT);
  if (needs_reply)
    sqlite3_bind_int64 (stmt, 4, answered);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int (stmt, 5, needs_reply);
  sqlite3_bind_int64 (stmt, 6, answered);
  if (!steward_store_step_done (store, stmt, error))
    return FALSE;

  if (!steward_store_add_item_event (store, item->id, assigned, assignee, "assign", assignee, error))
    return FALSE;
  if (!needs_reply)
    return steward_store_add_item_event (store, item->id, answered, assignee, "needs-reply", "0", error) &&
           steward_store_add_item_event (store, item->id, answered, assignee, "status", status, error);
  return steward_store_add_item_event (store, item->id, answered, assignee, "replied", NULL, error) &&
         steward_store_add_item_event (store, item->id, answered + 5 * 60, assignee, "status", status, error);
}

gboolean
steward_demo_seed_history (StewardStore  *store,
                           gint64         account_id,
                           gint64         now,
                           GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_auto(GStrv) team = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);

  team = steward_store_list_team (store, error);
  if (team == NULL)
    return FALSE;
  if (team[0] == NULL)
    return TRUE;

  /* Leave the last day and a half to the person trying the demo. */
  stmt = steward_store_prepare_cached (store, sql_items, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int64 (stmt, 2, now - 36 * HOUR);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Item item = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2) != 0,
      };
      g_array_append_val (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  if (!steward_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      const char *assignee = team[pick (item->id, 3) % g_strv_length (team)];

      if (!answer (store, item, assignee, now, error))
        {
          steward_store_rollback (store);
          return FALSE;
        }
    }
  if (!steward_store_commit (store, error))
    return FALSE;

  steward_store_notify_changed (store, "inbox");
  return TRUE;
}
