/* steward-store-outbox.c — replies waiting for the server, in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox table is written before anything is sent, and every step of
 * sending is its own committed transaction (see steward-outbox-sender.c),
 * so a process killed at any point leaves an entry that the next sync
 * picks up with the same idempotency key.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-outbox.h"
#include "steward-outbox-private.h"
#include "steward-store-private.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-triage.h"

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_no_entry (gint64   entry_id,
              GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no reply with id %lld in the outbox"), (long long) entry_id);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* What a reply to an item needs from it: its account, the post it answers
 * and the visibility a reply gets by default. */
typedef struct {
  gint64  account_id;
  char   *post_remote_id;
  char   *visibility;
} ReplyTarget;

static void
reply_target_clear (ReplyTarget *target)
{
  g_clear_pointer (&target->post_remote_id, g_free);
  g_clear_pointer (&target->visibility, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReplyTarget, reply_target_clear)

static gboolean
read_reply_target (StewardStore  *self,
                   gint64         item_id,
                   ReplyTarget   *target,
                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  stmt = steward_store_prepare_cached (self,
    "SELECT i.account_id, p.remote_id, p.visibility, i.kind"
    " FROM inbox_items i JOIN posts p ON p.id = i.post_id WHERE i.id = ?1",
    error);
  if (stmt == NULL)
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

  target->account_id = sqlite3_column_int64 (stmt, 0);
  target->post_remote_id = g_strdup (steward_sqlite_column_text (stmt, 1));
  /* A direct message is answered privately whatever its post says. */
  if (g_strcmp0 (steward_sqlite_column_text (stmt, 3), "direct") == 0)
    target->visibility = g_strdup ("direct");
  else
    target->visibility = g_strdup (steward_sqlite_column_text (stmt, 2));
  return TRUE;
}

gboolean
steward_store_get_reply_target (StewardStore  *self,
                                gint64         item_id,
                                gint64        *account_id,
                                char         **post_remote_id,
                                GError       **error)
{
  g_auto(ReplyTarget) target = { 0 };

  g_assert (STEWARD_IS_STORE (self));

  if (!read_reply_target (self, item_id, &target, error))
    return FALSE;
  *account_id = target.account_id;
  *post_remote_id = g_steal_pointer (&target.post_remote_id);
  return TRUE;
}

/**
 * steward_store_queue_reply:
 * @self: a store
 * @item_id: the inbox item to answer
 * @draft: the reply; its @text is required, @in_reply_to_id and
 *   @scheduled_at are ignored
 * @error: return location for an error
 *
 * Writes a reply to the outbox, to be sent by the next sync of the item's
 * account, with a new idempotency key. The item becomes "open" if it was
 * "new" and its history gets a "reply-queued" event.
 *
 * Returns: the entry's id, or 0 with @error set
 */
gint64
steward_store_queue_reply (StewardStore        *self,
                           gint64               item_id,
                           const StewardDraft  *draft,
                           GError             **error)
{
  g_auto(ReplyTarget) target = { 0 };
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *me = NULL;
  g_autofree char *detail = NULL;
  gint64 now = now_seconds ();
  gint64 entry_id;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (is_blank (draft->text))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("A reply needs some text"));
      return 0;
    }

  me = steward_store_dup_me (self);
  key = g_uuid_string_random ();

  if (!steward_store_begin (self, error))
    return 0;
  if (!read_reply_target (self, item_id, &target, error))
    goto fail;

  stmt = steward_store_prepare_cached (self,
    "INSERT INTO outbox (account_id, item_id, idempotency_key, in_reply_to, text, visibility,"
    "                    spoiler_text, language, author, state, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'queued', ?10, ?10) RETURNING id",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, target.account_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  steward_sqlite_bind_text (stmt, 3, key);
  steward_sqlite_bind_text (stmt, 4, target.post_remote_id);
  steward_sqlite_bind_text (stmt, 5, draft->text);
  steward_sqlite_bind_text (stmt, 6, nonempty (draft->visibility) ? draft->visibility
                                                                   : target.visibility);
  steward_sqlite_bind_text (stmt, 7, nonempty (draft->spoiler_text));
  steward_sqlite_bind_text (stmt, 8, nonempty (draft->language));
  steward_sqlite_bind_text (stmt, 9, me);
  sqlite3_bind_int64 (stmt, 10, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      goto fail;
    }
  entry_id = sqlite3_column_int64 (stmt, 0);
  if (!steward_store_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  stmt = steward_store_prepare_cached (self,
    "UPDATE inbox_items SET status = 'open', updated_at = ?2 WHERE id = ?1 AND status = 'new'",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!steward_store_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  detail = g_strdup_printf ("%" G_GINT64_FORMAT, entry_id);
  if (!steward_store_add_item_event (self, item_id, now, me, "reply-queued", detail, error) ||
      !steward_store_commit (self, error))
    goto fail;

  steward_store_notify_changed (self, "outbox");
  steward_store_notify_changed (self, "inbox");
  return entry_id;

fail:
  g_clear_pointer (&stmt, steward_cached_stmt_release);
  steward_store_rollback (self);
  return 0;
}

static GPtrArray *
collect_entries (StewardStore  *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, steward_outbox_entry_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * steward_store_list_outbox:
 * @self: a store
 * @state: a #StewardOutboxState, or -1 for any
 * @item_id: only the replies to this item, or 0 for every item
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardOutboxEntry): the
 *   entries, newest first, or %NULL on error
 */
GPtrArray *
steward_store_list_outbox (StewardStore  *self,
                           int            state,
                           gint64         item_id,
                           GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (state >= -1 && state <= STEWARD_OUTBOX_STATE_HELD, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = steward_store_prepare_cached (self,
    "SELECT " STEWARD_OUTBOX_COLUMNS " FROM outbox"
    " WHERE (?1 IS NULL OR state = ?1) AND (?2 = 0 OR item_id = ?2)"
    " ORDER BY created_at DESC, id DESC",
    error);
  if (stmt == NULL)
    return NULL;
  steward_sqlite_bind_text (stmt, 1, state < 0 ? NULL : steward_outbox_state_to_string (state));
  sqlite3_bind_int64 (stmt, 2, item_id);
  return collect_entries (self, stmt, error);
}

/**
 * steward_store_get_outbox_entry:
 * @self: a store
 * @entry_id: an entry id
 * @error: return location for an error
 *
 * Returns: (transfer full): the entry, or %NULL with
 *   %STEWARD_ERROR_NOT_FOUND
 */
StewardOutboxEntry *
steward_store_get_outbox_entry (StewardStore  *self,
                                gint64         entry_id,
                                GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = steward_store_prepare_cached (self,
    "SELECT " STEWARD_OUTBOX_COLUMNS " FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, entry_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return steward_outbox_entry_new_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_no_entry (entry_id, error);
  else
    steward_sqlite_set_error (steward_store_get_db (self), rc, error);
  return NULL;
}

/* Reads the state of an entry, for the user's actions. */
static gboolean
read_state (StewardStore        *self,
            gint64               entry_id,
            StewardOutboxState  *state,
            GError             **error)
{
  g_autoptr(StewardOutboxEntry) entry = steward_store_get_outbox_entry (self, entry_id, error);

  if (entry == NULL)
    return FALSE;
  *state = steward_outbox_entry_get_state (entry);
  return TRUE;
}

static gboolean
run_entry_update (StewardStore  *self,
                  const char    *sql,
                  gint64         entry_id,
                  const char    *text,
                  GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  steward_sqlite_bind_text (stmt, 3, text);
  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (steward_store_get_db (self)) == 0)
    {
      set_no_entry (entry_id, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * steward_store_retry_outbox_entry:
 * @self: a store
 * @entry_id: a failed or held entry
 * @error: return location for an error
 *
 * Queues a failed entry again, or a held one to be sent without checking
 * the thread ("send anyway").
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_retry_outbox_entry (StewardStore  *self,
                                  gint64         entry_id,
                                  GError       **error)
{
  StewardOutboxState state;
  const char *sql;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_state (self, entry_id, &state, error))
    return FALSE;

  if (state == STEWARD_OUTBOX_STATE_FAILED)
    sql = "UPDATE outbox SET state = 'queued', updated_at = ?2, error = ?3"
          " WHERE id = ?1 AND state = 'failed'";
  else if (state == STEWARD_OUTBOX_STATE_HELD)
    sql = "UPDATE outbox SET state = 'queued', updated_at = ?2, error = ?3,"
          " hold_reason = NULL, skip_checks = 1 WHERE id = ?1 AND state = 'held'";
  else
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("Only a failed or held reply can be sent again"));
      return FALSE;
    }

  if (!run_entry_update (self, sql, entry_id, NULL, error))
    return FALSE;
  steward_store_notify_changed (self, "outbox");
  return TRUE;
}

/**
 * steward_store_discard_outbox_entry:
 * @self: a store
 * @entry_id: a queued, failed or held entry
 * @error: return location for an error
 *
 * Deletes the entry. One being sent or already sent stays.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_discard_outbox_entry (StewardStore  *self,
                                    gint64         entry_id,
                                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  StewardOutboxState state;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_state (self, entry_id, &state, error))
    return FALSE;
  if (state == STEWARD_OUTBOX_STATE_SENDING || state == STEWARD_OUTBOX_STATE_SENT)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("A reply that is being sent or was sent cannot be discarded"));
      return FALSE;
    }

  /* The state is checked again in the statement: a sync may have taken
   * the entry since it was read. */
  if (!run_entry_update (self,
                         "DELETE FROM outbox WHERE id = ?1 AND state IN ('queued', 'failed', 'held')",
                         entry_id, NULL, &local_error))
    {
      if (g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                     _("A reply that is being sent or was sent cannot be discarded"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  steward_store_notify_changed (self, "outbox");
  return TRUE;
}

/**
 * steward_store_count_outbox_pending:
 * @self: a store
 * @account_id: an account, or 0 for all
 * @n_need_user: (out) (optional): how many failed or held entries wait
 *   for the user
 * @error: return location for an error
 *
 * Returns: how many entries wait to be sent (queued or sending)
 */
guint
steward_store_count_outbox_pending (StewardStore  *self,
                                    gint64         account_id,
                                    guint         *n_need_user,
                                    GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (n_need_user != NULL)
    *n_need_user = 0;

  stmt = steward_store_prepare_cached (self,
    "SELECT coalesce (sum (state IN ('queued', 'sending')), 0),"
    "       coalesce (sum (state IN ('failed', 'held')), 0)"
    " FROM outbox WHERE ?1 = 0 OR account_id = ?1",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  if (n_need_user != NULL)
    *n_need_user = (guint) sqlite3_column_int64 (stmt, 1);
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* Sending (steward-outbox-sender.c). run_entry_update() binds ?1 the
 * entry, ?2 the time and ?3 a text; a statement without ?3 ignores it. */

GPtrArray *
steward_store_list_outbox_to_send (StewardStore  *self,
                                   gint64         account_id,
                                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_assert (STEWARD_IS_STORE (self));

  stmt = steward_store_prepare_cached (self,
    "SELECT " STEWARD_OUTBOX_COLUMNS " FROM outbox"
    " WHERE account_id = ?1 AND state IN ('queued', 'sending') ORDER BY created_at, id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  return collect_entries (self, stmt, error);
}

gint64
steward_store_outbox_get_post_time (StewardStore *self,
                                    gint64        entry_id)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_assert (STEWARD_IS_STORE (self));

  stmt = steward_store_prepare_cached (self,
    "SELECT p.created_at FROM outbox o"
    " JOIN inbox_items i ON i.id = o.item_id JOIN posts p ON p.id = i.post_id"
    " WHERE o.id = ?1",
    NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
steward_store_outbox_sent_remote_id (StewardStore *self,
                                     gint64        account_id,
                                     const char   *remote_id)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_assert (STEWARD_IS_STORE (self));

  stmt = steward_store_prepare_cached (self,
    "SELECT 1 FROM outbox WHERE account_id = ?1 AND remote_id = ?2 AND state = 'sent'",
    NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  steward_sqlite_bind_text (stmt, 2, remote_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Only an entry still waiting is taken: one the user discarded meanwhile
 * is not found and the sender skips it. */
gboolean
steward_store_outbox_mark_sending (StewardStore  *self,
                                   gint64         entry_id,
                                   GError       **error)
{
  g_assert (STEWARD_IS_STORE (self));

  return run_entry_update (self,
                           "UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
                           " updated_at = ?2"
                           " WHERE id = ?1 AND state IN ('queued', 'sending')",
                           entry_id, NULL, error);
}

gboolean
steward_store_outbox_mark_queued (StewardStore  *self,
                                  gint64         entry_id,
                                  const char    *error_text,
                                  GError       **error)
{
  g_assert (STEWARD_IS_STORE (self));

  return run_entry_update (self,
                           "UPDATE outbox SET state = 'queued', updated_at = ?2, error = ?3"
                           " WHERE id = ?1 AND state IN ('queued', 'sending')",
                           entry_id, error_text, error);
}

gboolean
steward_store_outbox_mark_failed (StewardStore  *self,
                                  gint64         entry_id,
                                  const char    *error_text,
                                  GError       **error)
{
  g_assert (STEWARD_IS_STORE (self));

  return run_entry_update (self,
                           "UPDATE outbox SET state = 'failed', updated_at = ?2, error = ?3"
                           " WHERE id = ?1 AND state IN ('queued', 'sending')",
                           entry_id, error_text, error);
}

gboolean
steward_store_outbox_mark_held (StewardStore  *self,
                                gint64         entry_id,
                                const char    *hold_code,
                                GError       **error)
{
  g_assert (STEWARD_IS_STORE (self));
  g_assert (hold_code != NULL);

  return run_entry_update (self,
                           "UPDATE outbox SET state = 'held', updated_at = ?2, hold_reason = ?3,"
                           " skip_checks = 0, error = NULL"
                           " WHERE id = ?1 AND state IN ('queued', 'sending')",
                           entry_id, hold_code, error);
}

gboolean
steward_store_outbox_mark_sent (StewardStore  *self,
                                gint64         entry_id,
                                const char    *remote_id,
                                const char    *remote_url,
                                gint64         sent_at,
                                GError       **error)
{
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  gint64 item_id;

  g_assert (STEWARD_IS_STORE (self));
  g_assert (remote_id != NULL);

  if (!steward_store_begin (self, error))
    return FALSE;

  entry = steward_store_get_outbox_entry (self, entry_id, error);
  if (entry == NULL)
    goto fail;
  item_id = steward_outbox_entry_get_item_id (entry);

  stmt = steward_store_prepare_cached (self,
    "UPDATE outbox SET state = 'sent', remote_id = ?2, remote_url = ?3, sent_at = ?4,"
    " updated_at = ?4, error = NULL, hold_reason = NULL WHERE id = ?1",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  steward_sqlite_bind_text (stmt, 2, remote_id);
  steward_sqlite_bind_text (stmt, 3, remote_url);
  sqlite3_bind_int64 (stmt, 4, sent_at);
  if (!steward_store_step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  if (item_id != 0)
    {
      /* Only the first confirmed reply is the first response. */
      stmt = steward_store_prepare_cached (self,
        "UPDATE inbox_items SET first_response_at = ?2, updated_at = ?2"
        " WHERE id = ?1 AND first_response_at IS NULL",
        error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_int64 (stmt, 2, sent_at);
      if (!steward_store_step_done (self, stmt, error))
        goto fail;
      g_clear_pointer (&stmt, steward_cached_stmt_release);

      if (!steward_store_add_item_event (self, item_id, sent_at, steward_outbox_entry_get_author (entry),
                      "replied", remote_id, error))
        goto fail;
    }

  if (!steward_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&stmt, steward_cached_stmt_release);
  steward_store_rollback (self);
  return FALSE;
}
