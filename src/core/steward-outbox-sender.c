/* steward-outbox-sender.c — sending one account's outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry goes through committed steps, so a process killed anywhere
 * leaves something the next sync can finish without a second post:
 *
 *  1. unless the user chose "send anyway", the thread is read again: a
 *     deleted post, or a reply from this account that our outbox did not
 *     send and that is newer than the post, holds the entry for the user.
 *     An entry that was handed to the server before (attempts > 0) may
 *     have made such a reply itself, before its answer was lost: it is
 *     not held for that. If that reply is in the thread (our account,
 *     the same words, after the entry was written), it is taken as this
 *     entry's post without a second POST: servers forget idempotency keys
 *     (Mastodon after about an hour), so a process killed mid-send and
 *     restarted much later must not rely on the key alone. Otherwise the
 *     same idempotency key below makes the server answer with the post
 *     it made instead of creating another;
 *  2. state "sending", attempts + 1, committed;
 *  3. the POST with the entry's Idempotency-Key;
 *  4. "sent" with the remote id, the item's first response time and the
 *     thread with our reply cached; or back to "queued" after a fault
 *     that may heal; or "failed" with the server's reason.
 */
#define G_LOG_DOMAIN "steward-outbox"

#include "steward-outbox-sender.h"

#include "steward-account.h"
#include "steward-error.h"
#include "steward-outbox-private.h"
#include "steward-source.h"
#include "steward-store.h"
#include "steward-triage.h"

typedef struct {
  StewardStore        *store;
  StewardSource       *source;
  StewardAccount      *account;
  StewardOutboxNotify  notify;
  gpointer             user_data;
  GCancellable        *cancellable;
} Sender;

static void
notify (Sender     *sender,
        const char *what)
{
  if (sender->notify != NULL)
    sender->notify (what, sender->user_data);
}

/* Faults after which the same request may well succeed later: the
 * network, the server, a revoked token once the user signs in again, a
 * cancelled sync. */
static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK) ||
         g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_SERVER) ||
         g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_RATE_LIMITED) ||
         g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED) ||
         g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE) ||
         g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static StewardRemotePost *
find_post (const StewardPage *page,
           const char        *remote_id)
{
  for (guint i = 0; page != NULL && page->posts != NULL && i < page->posts->len; i++)
    {
      StewardRemotePost *post = g_ptr_array_index (page->posts, i);

      if (g_strcmp0 (post->remote_id, remote_id) == 0)
        return post;
    }
  return NULL;
}

/* A reply from our account, newer than the post, that our outbox did not
 * send. */
static gboolean
someone_replied (Sender             *sender,
                 StewardOutboxEntry *entry,
                 const StewardPage  *page)
{
  const char *me = steward_account_get_remote_id (sender->account);
  gint64 account_id = steward_account_get_id (sender->account);
  StewardRemotePost *target = find_post (page, steward_outbox_entry_get_in_reply_to (entry));
  gint64 since;

  if (target != NULL && target->created_at != NULL)
    since = g_date_time_to_unix (target->created_at);
  else
    since = steward_store_outbox_get_post_time (sender->store, steward_outbox_entry_get_id (entry));

  for (guint i = 0; page->posts != NULL && i < page->posts->len; i++)
    {
      StewardRemotePost *post = g_ptr_array_index (page->posts, i);

      if (post == target || post->author == NULL || post->created_at == NULL ||
          g_strcmp0 (post->author->remote_id, me) != 0)
        continue;
      if (g_date_time_to_unix (post->created_at) < since)
        continue;
      if (g_strcmp0 (post->remote_id, steward_outbox_entry_get_remote_id (entry)) == 0 ||
          steward_store_outbox_sent_remote_id (sender->store, account_id, post->remote_id))
        continue;
      return TRUE;
    }
  return FALSE;
}

/* The words of a post without @mentions (servers render "@user@host" as
 * "@user") and with runs of white space made one space. */
static char *
comparable_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \t\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0' || words[i][0] == '@')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

/* A reply of ours in the thread with the entry's words, made after the
 * entry was written and not recorded as sent by another entry: the post an
 * earlier attempt of this entry made before its answer was lost. */
static StewardRemotePost *
find_own_earlier_post (Sender             *sender,
                       StewardOutboxEntry *entry,
                       const StewardPage  *page)
{
  const char *me = steward_account_get_remote_id (sender->account);
  gint64 account_id = steward_account_get_id (sender->account);
  g_autofree char *wanted = comparable_words (steward_outbox_entry_get_text (entry));
  /* Clocks of client and server differ a little. */
  gint64 since = g_date_time_to_unix (steward_outbox_entry_get_created_at (entry)) - 300;

  for (guint i = 0; page->posts != NULL && i < page->posts->len; i++)
    {
      StewardRemotePost *post = g_ptr_array_index (page->posts, i);
      g_autofree char *words = NULL;

      if (post->author == NULL || post->created_at == NULL ||
          g_strcmp0 (post->author->remote_id, me) != 0 ||
          g_date_time_to_unix (post->created_at) < since ||
          steward_store_outbox_sent_remote_id (sender->store, account_id, post->remote_id))
        continue;
      words = comparable_words (post->text);
      if (wanted[0] != '\0' && g_strcmp0 (words, wanted) == 0)
        return post;
    }
  return NULL;
}

/* Our reply as we sent it, for when the thread cannot be read again. */
static StewardRemotePost *
our_reply (Sender             *sender,
           StewardOutboxEntry *entry,
           const char         *remote_id)
{
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (remote_id);
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup (steward_account_get_remote_id (sender->account));
  post->author->acct = g_strdup (steward_account_get_username (sender->account));
  post->author->display_name = g_strdup (steward_account_get_display_name (sender->account));
  post->text = g_strdup (steward_outbox_entry_get_text (entry));
  post->spoiler_text = g_strdup (steward_outbox_entry_get_spoiler_text (entry));
  post->language = g_strdup (steward_outbox_entry_get_language (entry));
  post->visibility = g_strdup (steward_outbox_entry_get_visibility (entry));
  post->in_reply_to_id = g_strdup (steward_outbox_entry_get_in_reply_to (entry));
  post->created_at = g_date_time_new_now_utc ();
  return post;
}

static void
save_thread (Sender            *sender,
             gint64             item_id,
             const StewardPage *page,
             gboolean           deleted)
{
  g_autoptr(GError) error = NULL;

  if (item_id == 0)
    return;
  /* The cache is a convenience: the reply is sent whatever happens here. */
  if (!steward_store_save_thread (sender->store, item_id, page, deleted, &error))
    g_warning ("Could not cache the thread of item %" G_GINT64_FORMAT ": %s",
               item_id, error->message);
  else
    notify (sender, "threads");
}

/* Sent: records it and caches the thread with our reply in it. */
static gboolean
finish_sent (Sender              *sender,
             StewardOutboxEntry  *entry,
             StewardPage         *before,
             const char          *remote_id,
             GError             **error)
{
  gint64 item_id = steward_outbox_entry_get_item_id (entry);
  const char *in_reply_to = steward_outbox_entry_get_in_reply_to (entry);
  g_autoptr(StewardPage) after = NULL;
  g_autoptr(GError) local_error = NULL;
  StewardRemotePost *ours = NULL;
  StewardPage *thread = NULL;

  if (in_reply_to != NULL)
    {
      after = steward_source_fetch_context (sender->source, in_reply_to,
                                            sender->cancellable, &local_error);
      if (after == NULL)
        g_debug ("Could not read the thread again after sending: %s", local_error->message);
    }

  if (after != NULL)
    {
      thread = after;
      ours = find_post (after, remote_id);
      if (ours == NULL)
        {
          /* Servers index replies a moment later, or not at all for
           * some visibilities. */
          ours = our_reply (sender, entry, remote_id);
          g_ptr_array_add (after->posts, ours);
        }
    }
  else if (before != NULL)
    {
      thread = before;
      ours = our_reply (sender, entry, remote_id);
      g_ptr_array_add (before->posts, ours);
    }

  if (!steward_store_outbox_mark_sent (sender->store, steward_outbox_entry_get_id (entry),
                                       remote_id, ours != NULL ? ours->url : NULL,
                                       g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  if (thread != NULL)
    save_thread (sender, item_id, thread, FALSE);
  return TRUE;
}

/* Puts the entry back after a fault, recording it, and passes the fault on. */
static gboolean
requeue (Sender              *sender,
         StewardOutboxEntry  *entry,
         GError              *fault,
         GError             **error)
{
  g_autoptr(GError) store_error = NULL;

  /* A cancelled sync is not something the user needs to read about. */
  if (!steward_store_outbox_mark_queued (sender->store, steward_outbox_entry_get_id (entry),
                                         g_error_matches (fault, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                           ? steward_outbox_entry_get_error (entry) : fault->message,
                                         &store_error))
    g_warning ("Could not put reply %" G_GINT64_FORMAT " back in the queue: %s",
               steward_outbox_entry_get_id (entry), store_error->message);
  notify (sender, "outbox");
  g_propagate_error (error, fault);
  return FALSE;
}

static gboolean
hold (Sender              *sender,
      StewardOutboxEntry  *entry,
      const char          *code,
      GError             **error)
{
  g_debug ("Holding reply %" G_GINT64_FORMAT ": %s", steward_outbox_entry_get_id (entry), code);
  if (!steward_store_outbox_mark_held (sender->store, steward_outbox_entry_get_id (entry), code, error))
    return FALSE;
  notify (sender, "outbox");
  return TRUE;
}

/* Sends one entry. Returns FALSE only for what must stop the account's
 * sync; *@sent says whether it went out. */
static gboolean
send_entry (Sender              *sender,
            StewardOutboxEntry  *entry,
            gboolean            *sent,
            GError             **error)
{
  gint64 entry_id = steward_outbox_entry_get_id (entry);
  gint64 item_id = steward_outbox_entry_get_item_id (entry);
  const char *in_reply_to = steward_outbox_entry_get_in_reply_to (entry);
  gboolean handed_over_before = steward_outbox_entry_get_attempts (entry) > 0;
  g_autoptr(StewardPage) before = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *remote_id = NULL;
  StewardRemotePost *earlier = NULL;
  StewardDraft draft = { 0 };

  *sent = FALSE;

  if (!steward_outbox_entry_get_skip_checks (entry) && in_reply_to != NULL)
    {
      before = steward_source_fetch_context (sender->source, in_reply_to,
                                             sender->cancellable, &local_error);
      if (before == NULL)
        {
          if (g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
            {
              if (!hold (sender, entry, STEWARD_OUTBOX_HOLD_DELETED, error))
                return FALSE;
              save_thread (sender, item_id, NULL, TRUE);
              return TRUE;
            }
          if (is_transient (local_error))
            return requeue (sender, entry, g_steal_pointer (&local_error), error);
          /* A network without threads, or a refusal of this one request:
           * there is nothing to check against. */
          g_debug ("Sending reply %" G_GINT64_FORMAT " without checking its thread: %s",
                   entry_id, local_error->message);
          g_clear_error (&local_error);
        }
      else if (handed_over_before &&
               (earlier = find_own_earlier_post (sender, entry, before)) != NULL)
        {
          g_autofree char *earlier_id = g_strdup (earlier->remote_id);

          g_debug ("Reply %" G_GINT64_FORMAT " was already posted as %s", entry_id, earlier_id);
          if (!finish_sent (sender, entry, before, earlier_id, error))
            return FALSE;
          notify (sender, "outbox");
          notify (sender, "inbox");
          *sent = TRUE;
          return TRUE;
        }
      else if (!handed_over_before && someone_replied (sender, entry, before))
        {
          if (!hold (sender, entry, STEWARD_OUTBOX_HOLD_ALREADY_REPLIED, error))
            return FALSE;
          save_thread (sender, item_id, before, FALSE);
          return TRUE;
        }
    }

  if (!steward_store_outbox_mark_sending (sender->store, entry_id, &store_error))
    {
      /* Discarded or changed by the user meanwhile. */
      if (g_error_matches (store_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&store_error));
      return FALSE;
    }
  notify (sender, "outbox");

  draft.text = (char *) steward_outbox_entry_get_text (entry);
  draft.in_reply_to_id = (char *) in_reply_to;
  draft.visibility = (char *) steward_outbox_entry_get_visibility (entry);
  draft.spoiler_text = (char *) steward_outbox_entry_get_spoiler_text (entry);
  draft.language = (char *) steward_outbox_entry_get_language (entry);

  remote_id = steward_source_publish (sender->source, &draft,
                                      steward_outbox_entry_get_idempotency_key (entry),
                                      sender->cancellable, &local_error);
  if (remote_id == NULL)
    {
      if (is_transient (local_error))
        return requeue (sender, entry, g_steal_pointer (&local_error), error);

      g_debug ("Reply %" G_GINT64_FORMAT " refused: %s", entry_id, local_error->message);
      if (!steward_store_outbox_mark_failed (sender->store, entry_id, local_error->message, error))
        return FALSE;
      notify (sender, "outbox");
      return TRUE;
    }

  if (!finish_sent (sender, entry, before, remote_id, error))
    return FALSE;
  notify (sender, "outbox");
  notify (sender, "inbox");
  *sent = TRUE;
  return TRUE;
}

gboolean
steward_outbox_send_account (StewardStore         *store,
                             StewardSource        *source,
                             StewardAccount       *account,
                             StewardOutboxNotify   notify_func,
                             gpointer              user_data,
                             guint                *n_sent,
                             GCancellable         *cancellable,
                             GError              **error)
{
  Sender sender = { store, source, account, notify_func, user_data, cancellable };
  g_autoptr(GPtrArray) entries = NULL;
  guint count = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (STEWARD_IS_SOURCE (source), FALSE);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_sent != NULL)
    *n_sent = 0;

  entries = steward_store_list_outbox_to_send (store, steward_account_get_id (account), error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      gboolean sent = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!send_entry (&sender, g_ptr_array_index (entries, i), &sent, error))
        return FALSE;
      if (sent)
        count++;
    }

  if (n_sent != NULL)
    *n_sent = count;
  return TRUE;
}
