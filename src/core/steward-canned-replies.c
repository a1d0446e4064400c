/* steward-canned-replies.c — replies written once, used often
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first time a workspace lists its canned replies a few defaults are
 * written in the user's language; the setting "canned-replies.seeded"
 * records that, so defaults the user deleted do not come back.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-inbox-item.h"
#include "steward-triage.h"

#define SETTING_SEEDED "canned-replies.seeded"

static const char sql_list_replies[] =
  "SELECT id, title, text FROM canned_replies ORDER BY title COLLATE NOCASE, id";

static const char sql_add_reply[] =
  "INSERT INTO canned_replies (title, text) VALUES (?1, ?2) RETURNING id";

static const char sql_update_reply[] =
  "UPDATE canned_replies SET title = ?2, text = ?3 WHERE id = ?1";

static const char sql_remove_reply[] =
  "DELETE FROM canned_replies WHERE id = ?1";

static const char sql_seeded[] =
  "SELECT 1 FROM settings WHERE key = '" SETTING_SEEDED "'";

static const char sql_mark_seeded[] =
  "INSERT INTO settings (key, value) VALUES ('" SETTING_SEEDED "', '1')"
  " ON CONFLICT (key) DO NOTHING";

/**
 * steward_canned_reply_free:
 * @reply: (nullable): a canned reply
 *
 * Frees @reply.
 */
void
steward_canned_reply_free (StewardCannedReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->title);
  g_free (reply->text);
  g_free (reply);
}

static void
set_no_reply (gint64   id,
              GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no canned reply with id %lld"), (long long) id);
}

static gint64
insert_reply (StewardStore  *self,
              const char    *title,
              const char    *text,
              GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  gint64 id;
  int rc;

  if ((stmt = steward_store_prepare_cached (self, sql_add_reply, error)) == NULL)
    return 0;
  steward_sqlite_bind_text (stmt, 1, title);
  steward_sqlite_bind_text (stmt, 2, text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  id = sqlite3_column_int64 (stmt, 0);
  if (!steward_store_step_done (self, stmt, error))
    return 0;
  return id;
}

/* Writes the defaults once per workspace; another connection doing the
 * same at the same time is kept out by the write lock. */
static gboolean
seed_defaults (StewardStore  *self,
               gboolean      *seeded,
               GError       **error)
{
  const struct {
    const char *title;
    const char *text;
  } defaults[] = {
    /* Translators: the title of a default canned reply */
    { N_("Thank you"),
      /* Translators: a default canned reply. Keep the placeholders in braces
       * as they are: {name} is the author's name, {me} the team member */
      N_("Thank you, {name}! We’re glad you took the time to write to us. — {me}") },
    /* Translators: the title of a default canned reply */
    { N_("Looking into it"),
      /* Translators: a default canned reply. Keep the placeholders in braces
       * as they are */
      N_("Hi {name}, thanks for letting us know. We’re looking into it and will get back to you soon. — {me}") },
    /* Translators: the title of a default canned reply */
    { N_("Continue in a direct message"),
      /* Translators: a default canned reply. Keep the placeholders in braces
       * as they are: {account} is our account's handle */
      N_("Hi {name}, we’re sorry about this. Could you send a direct message to {account} with the details, so we can help you personally?") },
    /* Translators: the title of a default canned reply */
    { N_("Resolved"),
      /* Translators: a default canned reply. Keep the placeholders in braces
       * as they are */
      N_("Hi {name}, this should be fixed now. Thanks for your patience, and let us know if anything still looks wrong. — {me}") },
  };
  g_autoptr(StewardCachedStmt) check = NULL;
  g_autoptr(StewardCachedStmt) mark = NULL;
  g_autofree char *flag = NULL;
  int rc;

  *seeded = FALSE;
  if ((flag = steward_store_get_setting (self, SETTING_SEEDED)) != NULL)
    return TRUE;

  if (!steward_store_begin (self, error))
    return FALSE;

  if ((check = steward_store_prepare_cached (self, sql_seeded, error)) == NULL)
    goto fail;
  rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    {
      /* Seeded by another connection meanwhile. */
      g_clear_pointer (&check, steward_cached_stmt_release);
      steward_store_rollback (self);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      goto fail;
    }
  g_clear_pointer (&check, steward_cached_stmt_release);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      if (insert_reply (self, _(defaults[i].title), _(defaults[i].text), error) == 0)
        goto fail;
    }

  if ((mark = steward_store_prepare_cached (self, sql_mark_seeded, error)) == NULL ||
      !steward_store_step_done (self, mark, error))
    goto fail;
  g_clear_pointer (&mark, steward_cached_stmt_release);

  if (!steward_store_commit (self, error))
    goto fail;
  *seeded = TRUE;
  return TRUE;

fail:
  steward_store_rollback (self);
  return FALSE;
}

/**
 * steward_store_list_canned_replies:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardCannedReply): the
 *   canned replies by title, or %NULL on error
 */
GPtrArray *
steward_store_list_canned_replies (StewardStore  *self,
                                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  gboolean seeded = FALSE;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!seed_defaults (self, &seeded, error))
    return NULL;
  if (seeded)
    steward_store_notify_changed (self, "settings");

  if ((stmt = steward_store_prepare_cached (self, sql_list_replies, error)) == NULL)
    return NULL;

  replies = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_canned_reply_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StewardCannedReply *reply = g_new0 (StewardCannedReply, 1);

      reply->id = sqlite3_column_int64 (stmt, 0);
      reply->title = g_strdup (steward_sqlite_column_text (stmt, 1));
      reply->text = g_strdup (steward_sqlite_column_text (stmt, 2));
      g_ptr_array_add (replies, reply);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&replies);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/**
 * steward_store_save_canned_reply:
 * @self: a store
 * @id: the reply to change, or 0 to add one
 * @title: what the picker shows
 * @text: the reply, with placeholders
 * @error: return location for an error
 *
 * Emits "changed::settings".
 *
 * Returns: the reply's id, or 0 with %STEWARD_ERROR_INVALID_ARGUMENT (an
 *   empty title or text) or %STEWARD_ERROR_NOT_FOUND (an unknown @id)
 */
gint64
steward_store_save_canned_reply (StewardStore  *self,
                                 gint64         id,
                                 const char    *title,
                                 const char    *text,
                                 GError       **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (id >= 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (is_blank (title) || is_blank (text) ||
      !g_utf8_validate (title, -1, NULL) || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("A canned reply needs a title and a text"));
      return 0;
    }

  if (id == 0)
    {
      id = insert_reply (self, title, text, error);
    }
  else
    {
      g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (self, sql_update_reply, error);

      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      steward_sqlite_bind_text (stmt, 2, title);
      steward_sqlite_bind_text (stmt, 3, text);
      if (!steward_store_step_done (self, stmt, error))
        return 0;
      if (sqlite3_changes (steward_store_get_db (self)) == 0)
        {
          set_no_reply (id, error);
          return 0;
        }
    }

  if (id != 0)
    steward_store_notify_changed (self, "settings");
  return id;
}

/**
 * steward_store_remove_canned_reply:
 * @self: a store
 * @id: a canned reply
 * @error: return location for an error
 *
 * Emits "changed::settings".
 *
 * Returns: %TRUE on success; %FALSE with %STEWARD_ERROR_NOT_FOUND for an
 *   unknown @id
 */
gboolean
steward_store_remove_canned_reply (StewardStore  *self,
                                   gint64         id,
                                   GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((stmt = steward_store_prepare_cached (self, sql_remove_reply, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!steward_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (steward_store_get_db (self)) == 0)
    {
      set_no_reply (id, error);
      return FALSE;
    }

  steward_store_notify_changed (self, "settings");
  return TRUE;
}

static char *
handle_for_acct (const char *acct)
{
  if (acct == NULL || acct[0] == '\0')
    return NULL;
  if (acct[0] == '@')
    return g_strdup (acct);
  return g_strconcat ("@", acct, NULL);
}

/**
 * steward_canned_reply_expand:
 * @text: a canned reply's text
 * @item: (nullable): the item it answers
 * @me: (nullable): the current user
 *
 * Replaces {name} (the author's display name, or their handle), {handle}
 * (@acct), {me} and {account} (our account's handle). Unknown
 * placeholders, and those without a value, stay as they are.
 *
 * Returns: (transfer full): the reply to send
 */
char *
steward_canned_reply_expand (const char       *text,
                             StewardInboxItem *item,
                             const char       *me)
{
  g_autofree char *handle = NULL;
  const char *name = NULL;
  const char *account = NULL;
  GString *result;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (item == NULL || STEWARD_IS_INBOX_ITEM (item), NULL);

  if (item != NULL)
    {
      handle = handle_for_acct (steward_inbox_item_get_author (item));
      name = steward_inbox_item_get_author_name (item);
      if (name == NULL || name[0] == '\0')
        name = handle;
      account = steward_inbox_item_get_account_label (item);
    }

  result = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      const char *close;
      const char *value = NULL;
      gsize key_len;

      if (*p != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          g_string_append_c (result, *p);
          p++;
          continue;
        }

      key_len = (gsize) (close - (p + 1));
      if (key_len == 4 && strncmp (p + 1, "name", 4) == 0)
        value = name;
      else if (key_len == 6 && strncmp (p + 1, "handle", 6) == 0)
        value = handle;
      else if (key_len == 2 && strncmp (p + 1, "me", 2) == 0)
        value = me;
      else if (key_len == 7 && strncmp (p + 1, "account", 7) == 0)
        value = account;

      if (value != NULL)
        {
          g_string_append (result, value);
          p = close + 1;
        }
      else
        {
          g_string_append_c (result, *p);
          p++;
        }
    }
  return g_string_free (result, FALSE);
}
