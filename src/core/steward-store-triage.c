/* steward-store-triage.c — changing items, the team, tags, settings, alerts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of an item writes one item_events row (what, detail) in the
 * same transaction: what is one of status, assign, unassign, tag, untag,
 * snooze, wake, note and needs-reply, and detail the new value (the status
 * name, the member, the tag, the snooze time in Unix seconds, the note,
 * "0" or "1"). steward-store-history.c turns them into sentences when they
 * are read, in the reader's language.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-inbox-item.h"
#include "steward-triage.h"

#define SETTING_ME "me"

static const char sql_get_setting[] =
  "SELECT value FROM settings WHERE key = ?1";

static const char sql_set_setting[] =
  "INSERT INTO settings (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static const char sql_delete_setting[] =
  "DELETE FROM settings WHERE key = ?1";

static const char sql_add_member[] =
  "INSERT INTO team_members (name) VALUES (?1) ON CONFLICT DO NOTHING";

/* team_members.name compares case-insensitively: this gives the spelling
 * the team already has. */
static const char sql_find_member[] =
  "SELECT name FROM team_members WHERE name = ?1";

static const char sql_list_team[] =
  "SELECT name FROM team_members ORDER BY name COLLATE NOCASE, name";

static const char sql_unassign_member_events[] =
  "INSERT INTO item_events (item_id, at, actor, what, detail)"
  " SELECT id, ?2, ?3, 'unassign', assignee FROM inbox_items"
  "  WHERE assignee = ?1 COLLATE NOCASE";

static const char sql_unassign_member[] =
  "UPDATE inbox_items SET assignee = NULL, updated_at = ?2"
  " WHERE assignee = ?1 COLLATE NOCASE";

static const char sql_remove_member[] =
  "DELETE FROM team_members WHERE name = ?1";

static const char sql_item_state[] =
  "SELECT status, assignee, snoozed_until, needs_reply FROM inbox_items WHERE id = ?1";

static const char sql_set_item_status[] =
  "UPDATE inbox_items SET status = ?2 WHERE id = ?1";

static const char sql_set_item_assignee[] =
  "UPDATE inbox_items SET assignee = ?2 WHERE id = ?1";

static const char sql_set_item_snooze[] =
  "UPDATE inbox_items SET snoozed_until = ?2 WHERE id = ?1";

static const char sql_set_item_needs_reply[] =
  "UPDATE inbox_items SET needs_reply = ?2 WHERE id = ?1";

static const char sql_set_item_updated[] =
  "UPDATE inbox_items SET updated_at = ?2 WHERE id = ?1";

static const char sql_add_tag[] =
  "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING";

static const char sql_find_tag[] =
  "SELECT id, name FROM tags WHERE name = ?1";

static const char sql_tag_item[] =
  "INSERT INTO item_tags (item_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

static const char sql_untag_item[] =
  "DELETE FROM item_tags WHERE item_id = ?1 AND tag_id = ?2";

static const char sql_add_note[] =
  "INSERT INTO item_notes (item_id, author, text, created_at) VALUES (?1, ?2, ?3, ?4)";

static const char sql_add_event[] =
  "INSERT INTO item_events (item_id, at, actor, what, detail) VALUES (?1, ?2, ?3, ?4, ?5)";

/* Tags with how many open items carry each. */
static const char sql_list_tags[] =
  "SELECT t.name, count (i.id) FROM tags t"
  " LEFT JOIN item_tags it ON it.tag_id = t.id"
  " LEFT JOIN inbox_items i ON i.id = it.item_id AND i.status <> 'closed'"
  " GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.name";

/* Quiet items (a backfill) never notify. The urgent list walks
 * inbox_items_urgent, the breach list the partial index inbox_items_due. */
static const char sql_urgent_alerts[] =
  "SELECT id FROM inbox_items"
  " WHERE urgent = 1 AND quiet = 0 AND urgent_alerted_at IS NULL"
  " ORDER BY created_at, id";

static const char sql_breach_alerts[] =
  "SELECT id FROM inbox_items"
  " WHERE sla_due_at < ?1 AND first_response_at IS NULL AND needs_reply = 1"
  "   AND status <> 'closed' AND (snoozed_until IS NULL OR snoozed_until <= ?1)"
  "   AND quiet = 0 AND breach_alerted_at IS NULL"
  " ORDER BY created_at, id";

static const char sql_mark_urgent_alerted[] =
  "UPDATE inbox_items SET urgent_alerted_at = ?2"
  " WHERE id IN (SELECT value FROM json_each (?1))";

static const char sql_mark_breach_alerted[] =
  "UPDATE inbox_items SET breach_alerted_at = ?2"
  " WHERE id IN (SELECT value FROM json_each (?1))";

/* An item as it was before a change. */
typedef struct {
  gint64             id;
  StewardItemStatus  status;
  char              *assignee;
  gint64             snoozed_until;     /* 0 when not set */
  gboolean           needs_reply;
} ItemState;

static void
item_state_clear (ItemState *state)
{
  g_clear_pointer (&state->assignee, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemState, item_state_clear)

/* What one change_items() call touched besides the items. */
typedef struct {
  gboolean team_changed;
  gboolean tags_changed;
} SideEffects;

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT, message);
}

static void
set_no_item (gint64   item_id,
             GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no inbox item with id %lld"), (long long) item_id);
}

/* A name or tag: surrounding space dropped, not empty, no control
 * characters (the store joins tags with one). */
static char *
clean_name (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  stripped = g_strstrip (g_strdup (name));
  if (stripped[0] == '\0')
    return NULL;
  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return NULL;
    }
  return g_steal_pointer (&stripped);
}

static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static gboolean
run_id_text (StewardStore  *self,
             const char    *sql,
             gint64         id,
             const char    *text,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  steward_sqlite_bind_text (stmt, 2, text);
  return steward_store_step_done (self, stmt, error);
}

static gboolean
run_id_int (StewardStore  *self,
            const char    *sql,
            gint64         id,
            gint64         value,
            gboolean       null_when_zero,
            GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (null_when_zero && value == 0)
    sqlite3_bind_null (stmt, 2);
  else
    sqlite3_bind_int64 (stmt, 2, value);
  return steward_store_step_done (self, stmt, error);
}

gboolean
steward_store_add_item_event (StewardStore  *self,
                              gint64         item_id,
                              gint64         at,
                              const char    *actor,
                              const char    *what,
                              const char    *detail,
                              GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_add_event, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, at);
  steward_sqlite_bind_text (stmt, 3, actor);
  steward_sqlite_bind_text (stmt, 4, what);
  steward_sqlite_bind_text (stmt, 5, detail);
  return steward_store_step_done (self, stmt, error);
}

/* Puts @name on the team unless it is there, and returns the team's
 * spelling of it. */
static char *
ensure_member (StewardStore  *self,
               const char    *name,
               gboolean      *added,
               GError       **error)
{
  g_autoptr(StewardCachedStmt) add = NULL;
  g_autoptr(StewardCachedStmt) find = NULL;
  int rc;

  if ((add = steward_store_prepare_cached (self, sql_add_member, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (add, 1, name);
  if (!steward_store_step_done (self, add, error))
    return NULL;
  if (sqlite3_changes (steward_store_get_db (self)) > 0)
    *added = TRUE;

  if ((find = steward_store_prepare_cached (self, sql_find_member, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (find, 1, name);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc == SQLITE_DONE ? SQLITE_INTERNAL : rc,
                                error);
      return NULL;
    }
  return g_strdup (steward_sqlite_column_text (find, 0));
}

/* The tag's id and the spelling it was first created with; creates it
 * when @create, else returns 0 for an unknown tag. */
static gint64
find_tag (StewardStore  *self,
          const char    *name,
          gboolean       create,
          gboolean      *created,
          char         **spelling,
          GError       **error)
{
  g_autoptr(StewardCachedStmt) find = NULL;
  int rc;

  if (create)
    {
      g_autoptr(StewardCachedStmt) add = steward_store_prepare_cached (self, sql_add_tag, error);

      if (add == NULL)
        return -1;
      steward_sqlite_bind_text (add, 1, name);
      if (!steward_store_step_done (self, add, error))
        return -1;
      if (sqlite3_changes (steward_store_get_db (self)) > 0)
        *created = TRUE;
    }

  if ((find = steward_store_prepare_cached (self, sql_find_tag, error)) == NULL)
    return -1;
  steward_sqlite_bind_text (find, 1, name);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return -1;
    }
  *spelling = g_strdup (steward_sqlite_column_text (find, 1));
  return sqlite3_column_int64 (find, 0);
}

/* Returns FALSE with STEWARD_ERROR_NOT_FOUND for an unknown item. */
static gboolean
read_item_state (StewardStore  *self,
                 gint64         item_id,
                 ItemState     *state,
                 GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_item_state, error)) == NULL)
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
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }

  state->id = item_id;
  state->status = STEWARD_ITEM_STATUS_NEW;
  steward_item_status_from_string (steward_sqlite_column_text (stmt, 0), &state->status);
  state->assignee = g_strdup (steward_sqlite_column_text (stmt, 1));
  state->snoozed_until = sqlite3_column_int64 (stmt, 2);
  state->needs_reply = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

static gboolean
change_tags (StewardStore        *self,
             const ItemState     *state,
             const char * const  *tags,
             gboolean             add,
             gint64               now,
             const char          *actor,
             SideEffects         *effects,
             gboolean            *changed,
             GError             **error)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = clean_name (tags[i]);
      g_autofree char *spelling = NULL;
      g_autoptr(StewardCachedStmt) stmt = NULL;
      gint64 tag_id;

      g_assert (name != NULL);
      tag_id = find_tag (self, name, add, &effects->tags_changed, &spelling, error);
      if (tag_id < 0)
        return FALSE;
      if (tag_id == 0)
        continue;

      if ((stmt = steward_store_prepare_cached (self, add ? sql_tag_item : sql_untag_item, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, state->id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!steward_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (steward_store_get_db (self)) == 0)
        continue;

      *changed = TRUE;
      if (!steward_store_add_item_event (self, state->id, now, actor, add ? "tag" : "untag", spelling, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
change_one_item (StewardStore             *self,
                 const ItemState          *state,
                 const StewardItemChange  *change,
                 const char               *assignee,
                 const char               *note,
                 const char               *actor,
                 gint64                    now,
                 SideEffects              *effects,
                 gboolean                 *changed,
                 GError                  **error)
{
  gint64 id = state->id;
  gboolean snoozed = state->snoozed_until > now;
  gboolean item_changed = FALSE;

  if (change->status >= 0)
    {
      if ((StewardItemStatus) change->status != state->status)
        {
          const char *name = steward_item_status_to_string (change->status);

          if (!run_id_text (self, sql_set_item_status, id, name, error) ||
              !steward_store_add_item_event (self, id, now, actor, "status", name, error))
            return FALSE;
          item_changed = TRUE;
        }
      /* Working on a snoozed item brings it back, unless this same change
       * snoozes it again. */
      if (state->snoozed_until != 0 && change->snooze_until <= 0)
        {
          if (!run_id_int (self, sql_set_item_snooze, id, 0, TRUE, error) ||
              (snoozed && !steward_store_add_item_event (self, id, now, actor, "wake", NULL, error)))
            return FALSE;
          item_changed = TRUE;
        }
    }

  if (assignee != NULL && assignee[0] == '\0')
    {
      if (state->assignee != NULL)
        {
          if (!run_id_text (self, sql_set_item_assignee, id, NULL, error) ||
              !steward_store_add_item_event (self, id, now, actor, "unassign", state->assignee, error))
            return FALSE;
          item_changed = TRUE;
        }
    }
  else if (assignee != NULL)
    {
      g_autofree char *member = ensure_member (self, assignee, &effects->team_changed, error);

      if (member == NULL)
        return FALSE;
      if (g_strcmp0 (member, state->assignee) != 0)
        {
          if (!run_id_text (self, sql_set_item_assignee, id, member, error) ||
              !steward_store_add_item_event (self, id, now, actor, "assign", member, error))
            return FALSE;
          item_changed = TRUE;
        }
    }

  if (!change_tags (self, state, change->add_tags, TRUE, now, actor, effects, &item_changed, error) ||
      !change_tags (self, state, change->remove_tags, FALSE, now, actor, effects, &item_changed, error))
    return FALSE;

  if (change->snooze_until > 0 && change->snooze_until != state->snoozed_until)
    {
      g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, change->snooze_until);

      if (!run_id_int (self, sql_set_item_snooze, id, change->snooze_until, FALSE, error) ||
          !steward_store_add_item_event (self, id, now, actor, "snooze", until, error))
        return FALSE;
      item_changed = TRUE;
    }
  else if (change->snooze_until == -1 && state->snoozed_until != 0)
    {
      /* A snooze that already ran out is only tidied away. */
      if (!run_id_int (self, sql_set_item_snooze, id, 0, TRUE, error) ||
          (snoozed && !steward_store_add_item_event (self, id, now, actor, "wake", NULL, error)))
        return FALSE;
      item_changed = TRUE;
    }

  if (note != NULL)
    {
      g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_add_note, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      steward_sqlite_bind_text (stmt, 2, actor);
      steward_sqlite_bind_text (stmt, 3, note);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!steward_store_step_done (self, stmt, error) ||
          !steward_store_add_item_event (self, id, now, actor, "note", note, error))
        return FALSE;
      item_changed = TRUE;
    }

  if (change->needs_reply >= 0 && (change->needs_reply != 0) != state->needs_reply)
    {
      if (!run_id_int (self, sql_set_item_needs_reply, id, change->needs_reply != 0, FALSE, error) ||
          !steward_store_add_item_event (self, id, now, actor, "needs-reply", change->needs_reply ? "1" : "0", error))
        return FALSE;
      item_changed = TRUE;
    }

  if (item_changed && !run_id_int (self, sql_set_item_updated, id, now, FALSE, error))
    return FALSE;

  *changed |= item_changed;
  return TRUE;
}

static gboolean
check_change (const StewardItemChange  *change,
              char                    **assignee,
              char                    **note,
              GError                  **error)
{
  const char * const *lists[] = { change->add_tags, change->remove_tags };

  if (change->status < -1 || change->status > STEWARD_ITEM_STATUS_CLOSED)
    {
      set_invalid (error, _("Unknown inbox status"));
      return FALSE;
    }
  if (change->needs_reply < -1 || change->needs_reply > 1 || change->snooze_until < -1)
    {
      set_invalid (error, _("Invalid change of an inbox item"));
      return FALSE;
    }

  if (change->assignee != NULL && change->assignee[0] != '\0' &&
      (*assignee = clean_name (change->assignee)) == NULL)
    {
      set_invalid (error, _("A team member’s name cannot be empty"));
      return FALSE;
    }
  else if (change->assignee != NULL && change->assignee[0] == '\0')
    *assignee = g_strdup ("");

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
        {
          g_autofree char *tag = clean_name (lists[l][i]);

          if (tag == NULL)
            {
              set_invalid (error, _("A tag cannot be empty"));
              return FALSE;
            }
        }
    }

  if (change->note != NULL)
    {
      *note = g_strstrip (g_strdup (change->note));
      if ((*note)[0] == '\0' || !g_utf8_validate (*note, -1, NULL))
        {
          set_invalid (error, _("A note cannot be empty"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * steward_store_change_items:
 * @self: a store
 * @ids: (array length=n_ids): the items
 * @n_ids: how many
 * @change: what to change
 * @error: return location for an error
 *
 * Applies @change to every item of @ids in one transaction, recording
 * each change in the item's history. Nothing is applied when one id is
 * unknown (%STEWARD_ERROR_NOT_FOUND) or a value is invalid
 * (%STEWARD_ERROR_INVALID_ARGUMENT). Emits "changed::inbox" when an item
 * changed and "changed::settings" when the team or the tags grew.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_change_items (StewardStore             *self,
                            const gint64             *ids,
                            guint                     n_ids,
                            const StewardItemChange  *change,
                            GError                  **error)
{
  g_autofree char *assignee = NULL;
  g_autofree char *note = NULL;
  g_autofree char *actor = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GArray) states = NULL;
  SideEffects effects = { FALSE, FALSE };
  gboolean changed = FALSE;
  gint64 now = now_seconds ();

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_change (change, &assignee, &note, error))
    return FALSE;
  if (n_ids == 0)
    return TRUE;

  actor = change->actor != NULL ? g_strdup (change->actor) : steward_store_dup_me (self);

  if (!steward_store_begin (self, error))
    return FALSE;

  /* Every id is checked before anything is written. */
  states = g_array_new (FALSE, TRUE, sizeof (ItemState));
  g_array_set_clear_func (states, (GDestroyNotify) item_state_clear);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_ids; i++)
    {
      ItemState state = { 0, };

      if (g_hash_table_contains (seen, &ids[i]))
        continue;
      g_hash_table_add (seen, (gpointer) &ids[i]);
      if (!read_item_state (self, ids[i], &state, error))
        goto fail;
      g_array_append_val (states, state);
    }

  for (guint i = 0; i < states->len; i++)
    {
      if (!change_one_item (self, &g_array_index (states, ItemState, i), change,
                            assignee, note, actor, now, &effects, &changed, error))
        goto fail;
    }

  if (!steward_store_commit (self, error))
    goto fail;

  if (changed)
    steward_store_notify_changed (self, "inbox");
  if (effects.team_changed || effects.tags_changed)
    steward_store_notify_changed (self, "settings");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

/**
 * steward_store_get_setting:
 * @self: a store
 * @key: a setting's key
 *
 * Returns: (transfer full) (nullable): the setting's value, or %NULL when
 *   it is not set (or could not be read, which is logged)
 */
char *
steward_store_get_setting (StewardStore *self,
                           const char   *key)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_get_setting, &error)) == NULL)
    {
      g_warning ("Could not read the setting “%s”: %s", key, error->message);
      return NULL;
    }
  steward_sqlite_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (steward_sqlite_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the setting “%s”: %s", key,
               sqlite3_errmsg (steward_store_get_db (self)));
  return NULL;
}

static gboolean
write_setting (StewardStore  *self,
               const char    *key,
               const char    *value,
               GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  stmt = steward_store_prepare_cached (self, value != NULL ? sql_set_setting : sql_delete_setting,
                                       error);
  if (stmt == NULL)
    return FALSE;
  steward_sqlite_bind_text (stmt, 1, key);
  if (value != NULL)
    steward_sqlite_bind_text (stmt, 2, value);
  return steward_store_step_done (self, stmt, error);
}

/**
 * steward_store_set_setting:
 * @self: a store
 * @key: a setting's key
 * @value: (nullable): its value; %NULL deletes the setting
 * @error: return location for an error
 *
 * Emits "changed::settings".
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_setting (StewardStore  *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!write_setting (self, key, value, error))
    return FALSE;
  steward_store_notify_changed (self, "settings");
  return TRUE;
}

/**
 * steward_store_dup_me:
 * @self: a store
 *
 * Returns: (transfer full): the current user's name: the one set with
 *   steward_store_set_me(), else the real name of the system's user, else
 *   their user name
 */
char *
steward_store_dup_me (StewardStore *self)
{
  g_autofree char *me = NULL;
  const char *real_name;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  me = steward_store_get_setting (self, SETTING_ME);
  if (me != NULL && me[0] != '\0')
    return g_steal_pointer (&me);

  real_name = g_get_real_name ();
  if (real_name != NULL && real_name[0] != '\0' && !g_str_equal (real_name, "Unknown"))
    return g_strdup (real_name);
  return g_strdup (g_get_user_name ());
}

/**
 * steward_store_set_me:
 * @self: a store
 * @name: the current user's name
 * @error: return location for an error
 *
 * Sets the current user and puts them on the team (keeping the team's
 * spelling when the name is there in another case). Emits
 * "changed::settings".
 *
 * Returns: %TRUE on success; %FALSE with %STEWARD_ERROR_INVALID_ARGUMENT
 *   for an empty name
 */
gboolean
steward_store_set_me (StewardStore  *self,
                      const char    *name,
                      GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *member = NULL;
  gboolean added = FALSE;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((clean = clean_name (name)) == NULL)
    {
      set_invalid (error, _("A team member’s name cannot be empty"));
      return FALSE;
    }

  if (!steward_store_begin (self, error))
    return FALSE;
  if ((member = ensure_member (self, clean, &added, error)) == NULL ||
      !write_setting (self, SETTING_ME, member, error) ||
      !steward_store_commit (self, error))
    {
      steward_store_rollback (self);
      return FALSE;
    }

  steward_store_notify_changed (self, "settings");
  return TRUE;
}

/**
 * steward_store_list_team:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full): the team's names, sorted, or %NULL on error
 */
GStrv
steward_store_list_team (StewardStore  *self,
                         GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((stmt = steward_store_prepare_cached (self, sql_list_team, error)) == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, steward_sqlite_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * steward_store_add_team_member:
 * @self: a store
 * @name: a name
 * @error: return location for an error
 *
 * Adds @name to the team; a name already there (in any case) is kept as
 * it is. Emits "changed::settings" when the team grew.
 *
 * Returns: %TRUE on success; %FALSE with %STEWARD_ERROR_INVALID_ARGUMENT
 *   for an empty name
 */
gboolean
steward_store_add_team_member (StewardStore  *self,
                               const char    *name,
                               GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *member = NULL;
  gboolean added = FALSE;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((clean = clean_name (name)) == NULL)
    {
      set_invalid (error, _("A team member’s name cannot be empty"));
      return FALSE;
    }

  if ((member = ensure_member (self, clean, &added, error)) == NULL)
    return FALSE;
  if (added)
    steward_store_notify_changed (self, "settings");
  return TRUE;
}

/* Runs one of the statements about a member: ?1 the name, ?2 now, ?3 the
 * actor (each only if the statement has it). */
static gboolean
run_member_statement (StewardStore  *self,
                      const char    *sql,
                      const char    *name,
                      gint64         now,
                      const char    *actor,
                      gboolean      *changed,
                      GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  steward_sqlite_bind_text (stmt, 1, name);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    steward_sqlite_bind_text (stmt, 3, actor);
  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (steward_store_get_db (self)) > 0;
  return TRUE;
}

/**
 * steward_store_remove_team_member:
 * @self: a store
 * @name: a team member's name (any case)
 * @error: return location for an error
 *
 * Removes @name from the team; the items assigned to them become
 * unassigned, which their history records. Removing a name that is not on
 * the team does nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_remove_team_member (StewardStore  *self,
                                  const char    *name,
                                  GError       **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *actor = NULL;
  gboolean removed = FALSE;
  gboolean unassigned = FALSE;
  gint64 now = now_seconds ();

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((clean = clean_name (name)) == NULL)
    {
      set_invalid (error, _("A team member’s name cannot be empty"));
      return FALSE;
    }

  actor = steward_store_dup_me (self);
  if (!steward_store_begin (self, error))
    return FALSE;

  /* The history first, while the items still say whose they were. */
  if (!run_member_statement (self, sql_unassign_member_events, clean, now, actor, NULL, error) ||
      !run_member_statement (self, sql_unassign_member, clean, now, NULL, &unassigned, error) ||
      !run_member_statement (self, sql_remove_member, clean, now, NULL, &removed, error))
    goto fail;

  if (!steward_store_commit (self, error))
    goto fail;

  if (unassigned)
    steward_store_notify_changed (self, "inbox");
  if (removed)
    steward_store_notify_changed (self, "settings");
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

/**
 * steward_store_list_tags:
 * @self: a store
 * @counts: (out) (optional) (element-type guint): how many open items
 *   carry each tag
 * @error: return location for an error
 *
 * Returns: (transfer full): every tag, sorted case-insensitively, or
 *   %NULL on error
 */
GStrv
steward_store_list_tags (StewardStore  *self,
                         GArray       **counts,
                         GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GArray) numbers = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (counts != NULL)
    *counts = NULL;
  if ((stmt = steward_store_prepare_cached (self, sql_list_tags, error)) == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      g_strv_builder_add (builder, steward_sqlite_column_text (stmt, 0));
      g_array_append_val (numbers, n);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }

  if (counts != NULL)
    *counts = g_steal_pointer (&numbers);
  return g_strv_builder_end (builder);
}

/**
 * steward_store_list_alerts:
 * @self: a store
 * @kind: which alerts
 * @now: the time to judge breaches at, Unix seconds
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardInboxItem): the items
 *   to notify about, oldest first, or %NULL on error
 */
GPtrArray *
steward_store_list_alerts (StewardStore      *self,
                           StewardAlertKind   kind,
                           gint64             now,
                           GError           **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *items;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind == STEWARD_ALERT_URGENT || kind == STEWARD_ALERT_BREACH, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = steward_store_prepare_cached (self, kind == STEWARD_ALERT_URGENT ? sql_urgent_alerts
                                                                          : sql_breach_alerts,
                                       error);
  if (stmt == NULL)
    return NULL;
  if (kind == STEWARD_ALERT_BREACH)
    sqlite3_bind_int64 (stmt, 1, now);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  found = steward_store_list_inbox_by_ids (self, (const gint64 *) ids->data, ids->len, error);
  if (found == NULL)
    return NULL;

  /* Back into the order of the query. */
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < found->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (found, i);
      gint64 *key = g_new (gint64, 1);

      *key = steward_inbox_item_get_id (item);
      g_hash_table_insert (by_id, key, item);
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      StewardInboxItem *item = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));

      if (item != NULL)
        g_ptr_array_add (items, g_object_ref (item));
    }
  return items;
}

/**
 * steward_store_mark_alerted:
 * @self: a store
 * @ids: (array length=n_ids): items
 * @n_ids: how many
 * @kind: which alert was raised (or deliberately skipped)
 * @now: when, Unix seconds
 * @error: return location for an error
 *
 * Records that @kind was notified for @ids so it is not listed again.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_mark_alerted (StewardStore      *self,
                            const gint64      *ids,
                            guint              n_ids,
                            StewardAlertKind   kind,
                            gint64             now,
                            GError           **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (kind == STEWARD_ALERT_URGENT || kind == STEWARD_ALERT_BREACH, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_ids == 0)
    return TRUE;

  json = ids_to_json (ids, n_ids);
  stmt = steward_store_prepare_cached (self, kind == STEWARD_ALERT_URGENT ? sql_mark_urgent_alerted
                                                                          : sql_mark_breach_alerted,
                                       error);
  if (stmt == NULL)
    return FALSE;
  steward_sqlite_bind_text (stmt, 1, json);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (steward_store_get_db (self)) > 0)
    steward_store_notify_changed (self, "inbox");
  return TRUE;
}
