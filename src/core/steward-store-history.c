/* steward-store-history.c — an item's history and an author's record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events are stored as (what, detail) and put into words here, when they
 * are read, so that the history reads in the language of whoever looks at
 * it rather than the one of whoever made the change.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-account-private.h"
#include "steward-error.h"
#include "steward-triage.h"

static const char sql_item_account[] =
  "SELECT a.server, a.username, a.is_demo FROM inbox_items i"
  " JOIN accounts a ON a.id = i.account_id WHERE i.id = ?1";

/* Notes and events, oldest first; a note's own "note" event would say the
 * same thing twice, but it gives the note its place among the events of
 * the same second. */
static const char sql_item_history[] =
  "SELECT 2 AS kind, n.created_at AS at, n.author, n.text, NULL,"
  "       coalesce ((SELECT min (e.id) FROM item_events e"
  "                  WHERE e.item_id = n.item_id AND e.what = 'note'"
  "                    AND e.at = n.created_at AND e.detail = n.text), 0) AS seq"
  " FROM item_notes n WHERE n.item_id = ?1"
  " UNION ALL"
  " SELECT 3, at, actor, detail, what, id FROM item_events"
  "  WHERE item_id = ?1 AND what <> 'note'"
  " ORDER BY at, seq";

/* The author of ?1 is everyone with the same profile URL (the same person
 * seen through accounts on several servers) or the same (server, remote
 * id). Their other items, the replies we sent or are sending to them and
 * the notes on those items, newest first. */
static const char sql_author_history[] =
  "WITH who AS ("
  "  SELECT au.url AS url, au.server AS server, au.remote_id AS remote_id"
  "  FROM inbox_items i JOIN posts p ON p.id = i.post_id"
  "  JOIN authors au ON au.id = p.author_id WHERE i.id = ?1),"
  " same AS ("
  "  SELECT au.id FROM authors au, who"
  "  WHERE (who.url IS NOT NULL AND who.url <> '' AND au.url = who.url)"
  "     OR (au.server = who.server AND au.remote_id = who.remote_id)),"
  " theirs AS ("
  "  SELECT i.id, i.account_id, i.created_at, p.text,"
  "         coalesce (nullif (au.display_name, ''), au.acct) AS name"
  "  FROM posts p JOIN inbox_items i ON i.post_id = p.id"
  "  JOIN authors au ON au.id = p.author_id"
  "  WHERE p.author_id IN (SELECT id FROM same) AND i.id <> ?1),"
  " entries AS ("
  "  SELECT 0 AS kind, t.id AS item_id, t.created_at AS at, t.name AS actor,"
  "         t.text AS text, t.account_id AS account_id FROM theirs t"
  "  UNION ALL"
  "  SELECT 1, o.item_id, coalesce (o.sent_at, o.created_at), o.author, o.text, o.account_id"
  "  FROM outbox o WHERE o.item_id IN (SELECT id FROM theirs)"
  "    AND o.state IN ('sent', 'queued', 'sending')"
  "  UNION ALL"
  "  SELECT 2, n.item_id, n.created_at, n.author, n.text, t.account_id"
  "  FROM item_notes n JOIN theirs t ON t.id = n.item_id)"
  " SELECT e.kind, e.item_id, e.at, e.actor, e.text, a.server, a.username, a.is_demo"
  " FROM entries e LEFT JOIN accounts a ON a.id = e.account_id"
  " ORDER BY e.at DESC, e.kind DESC LIMIT ?2";

/**
 * steward_history_entry_free:
 * @entry: (nullable): an entry
 *
 * Frees @entry.
 */
void
steward_history_entry_free (StewardHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->actor);
  g_free (entry->text);
  g_free (entry->account_label);
  g_free (entry);
}

static const char *
status_display_name (const char *name)
{
  StewardItemStatus status;

  if (!steward_item_status_from_string (name, &status))
    return name;

  switch (status)
    {
    case STEWARD_ITEM_STATUS_NEW:
      return C_("item status", "New");
    case STEWARD_ITEM_STATUS_OPEN:
      return C_("item status", "Open");
    case STEWARD_ITEM_STATUS_PENDING:
      return C_("item status", "Pending");
    case STEWARD_ITEM_STATUS_CLOSED:
      return C_("item status", "Closed");
    default:
      return name;
    }
}

static char *
format_local_time (const char *unix_seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 seconds;

  if (unix_seconds == NULL ||
      !g_ascii_string_to_signed (unix_seconds, 10, 0, G_MAXINT64, &seconds, NULL) ||
      (utc = g_date_time_new_from_unix_utc (seconds)) == NULL)
    return g_strdup (unix_seconds != NULL ? unix_seconds : "");

  local = g_date_time_to_local (utc);
  /* Translators: how a snooze's end is written in an item's history; see
   * g_date_time_format() for the codes */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* An event of item_events in words, in the reader's language. */
static char *
describe_event (const char *what,
                const char *detail)
{
  if (g_strcmp0 (what, "status") == 0)
    /* Translators: an entry of an item's history; %s is a status such as "Closed" */
    return g_strdup_printf (_("Status: %s"), status_display_name (detail));
  if (g_strcmp0 (what, "assign") == 0)
    /* Translators: an entry of an item's history; %s is a team member */
    return g_strdup_printf (_("Assigned to %s"), detail);
  if (g_strcmp0 (what, "unassign") == 0 && detail != NULL && detail[0] != '\0')
    /* Translators: an entry of an item's history; %s is a team member */
    return g_strdup_printf (_("Unassigned from %s"), detail);
  if (g_strcmp0 (what, "unassign") == 0)
    return g_strdup (_("Unassigned"));
  if (g_strcmp0 (what, "tag") == 0)
    /* Translators: an entry of an item's history; %s is a tag */
    return g_strdup_printf (_("Tagged “%s”"), detail);
  if (g_strcmp0 (what, "untag") == 0)
    /* Translators: an entry of an item's history; %s is a tag */
    return g_strdup_printf (_("Removed the tag “%s”"), detail);
  if (g_strcmp0 (what, "snooze") == 0)
    {
      g_autofree char *until = format_local_time (detail);

      /* Translators: an entry of an item's history; %s is a date and time */
      return g_strdup_printf (_("Snoozed until %s"), until);
    }
  if (g_strcmp0 (what, "wake") == 0)
    return g_strdup (_("Woken from snooze"));
  if (g_strcmp0 (what, "note") == 0)
    return g_strdup (detail);
  if (g_strcmp0 (what, "needs-reply") == 0)
    return g_strdup (g_strcmp0 (detail, "0") == 0 ? _("Marked as needing no reply")
                                                  : _("Marked as needing a reply"));
  /* Written by the outbox (steward-store-outbox.c). */
  if (g_strcmp0 (what, "reply-queued") == 0)
    return g_strdup (_("Reply queued"));
  if (g_strcmp0 (what, "replied") == 0)
    return g_strdup (_("Replied"));

  /* A kind of event from a newer version: say what is known. */
  if (detail != NULL && detail[0] != '\0')
    return g_strdup_printf ("%s: %s", what, detail);
  return g_strdup (what);
}

static char *
label_from_columns (sqlite3_stmt *stmt,
                    int           first)
{
  if (sqlite3_column_type (stmt, first) == SQLITE_NULL)
    return NULL;
  return steward_account_format_label (steward_sqlite_column_text (stmt, first),
                                       steward_sqlite_column_text (stmt, first + 1),
                                       sqlite3_column_int (stmt, first + 2) != 0);
}

/* The label of the item's account, or NULL with STEWARD_ERROR_NOT_FOUND. */
static gboolean
read_item_label (StewardStore  *self,
                 gint64         item_id,
                 char         **label,
                 GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_item_account, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                   _("There is no inbox item with id %lld"), (long long) item_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }
  *label = label_from_columns (stmt, 0);
  return TRUE;
}

/**
 * steward_store_list_item_history:
 * @self: a store
 * @item_id: an inbox item
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardHistoryEntry): the
 *   item's notes and events, oldest first, events in words in the current
 *   language; %NULL with %STEWARD_ERROR_NOT_FOUND for an unknown item
 */
GPtrArray *
steward_store_list_item_history (StewardStore  *self,
                                 gint64         item_id,
                                 GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *label = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_item_label (self, item_id, &label, error))
    return NULL;
  if ((stmt = steward_store_prepare_cached (self, sql_item_history, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_history_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardHistoryEntry *entry = g_new0 (StewardHistoryEntry, 1);

      entry->kind = sqlite3_column_int (stmt, 0);
      entry->item_id = item_id;
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->actor = g_strdup (steward_sqlite_column_text (stmt, 2));
      if (entry->kind == STEWARD_HISTORY_EVENT)
        entry->text = describe_event (steward_sqlite_column_text (stmt, 4),
                                      steward_sqlite_column_text (stmt, 3));
      else
        entry->text = g_strdup (steward_sqlite_column_text (stmt, 3));
      entry->account_label = g_strdup (label);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * steward_store_list_author_history:
 * @self: a store
 * @item_id: an inbox item
 * @limit: most entries to return; 0 for all
 * @error: return location for an error
 *
 * The author's record across every account: the same person is
 * recognised by their profile URL, or else by their id on the server.
 *
 * Returns: (transfer container) (element-type StewardHistoryEntry): their
 *   other items, our replies to those (sent or on their way) and the notes
 *   on them, newest first; %NULL with %STEWARD_ERROR_NOT_FOUND for an
 *   unknown item
 */
GPtrArray *
steward_store_list_author_history (StewardStore  *self,
                                   gint64         item_id,
                                   guint          limit,
                                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *label = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_item_label (self, item_id, &label, error))
    return NULL;
  if ((stmt = steward_store_prepare_cached (self, sql_author_history, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_history_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardHistoryEntry *entry = g_new0 (StewardHistoryEntry, 1);

      entry->kind = sqlite3_column_int (stmt, 0);
      entry->item_id = sqlite3_column_int64 (stmt, 1);
      entry->at = sqlite3_column_int64 (stmt, 2);
      entry->actor = g_strdup (steward_sqlite_column_text (stmt, 3));
      entry->text = g_strdup (steward_sqlite_column_text (stmt, 4));
      entry->account_label = label_from_columns (stmt, 5);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
