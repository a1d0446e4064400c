/* test-outbox.c — replies through the outbox, over real HTTP to the test
 * Mastodon server: exactly one post whatever is lost or killed, holds,
 * refusals, first response times, limits and classification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "mastodon/steward-mastodon-source.h"
#include "steward-outbox-private.h"
#include "steward-sources.h"
#include "steward-store-private.h"

#include "mastodon-test-util.h"

typedef struct {
  StewardMastodonServer *server;
  char                  *dir;
  StewardContext        *context;
  StewardStore          *store;
  gint64                 account_id;
  char                  *me_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;

  f->server = mt_server_new ();
  f->me_id = steward_mastodon_server_dup_me_id (f->server);
  f->dir = g_strdup_printf ("%s/outbox-%u", g_get_user_data_dir (), ++counter);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);

  f->context = steward_context_new (f->dir, &error);
  g_assert_no_error (error);
  steward_sources_register_all (f->context);
  f->store = steward_context_get_store (f->context);

  account = steward_context_add_account (f->context, "mastodon",
                                         steward_mastodon_server_get_base_url (f->server),
                                         MT_TOKEN, TRUE, NULL, &error);
  g_assert_no_error (error);
  f->account_id = steward_account_get_id (account);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_clear_object (&f->server);
  g_clear_pointer (&f->me_id, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
sync_account (Fixture  *f,
              GError  **error)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (f->context);
  g_autoptr(GAsyncResult) result = NULL;

  steward_sync_engine_sync_async (engine, f->account_id, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return steward_sync_engine_sync_finish (engine, result, error);
}

static void
sync_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_account (f, &error));
  g_assert_no_error (error);
}

static gint64
query_int (Fixture    *f,
           const char *sql,
           gint64      id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
}

/* The inbox item about the status @status_id. */
static gint64
item_for_status (Fixture    *f,
                 const char *status_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (f->store),
                                       "SELECT i.id FROM inbox_items i JOIN posts p ON p.id = i.post_id"
                                       " WHERE p.remote_id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, status_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A mention from @acct, synced into the inbox; returns its item. */
static gint64
add_synced_mention (Fixture     *f,
                    const char  *acct,
                    const char  *text,
                    char       **status_id)
{
  g_autofree char *status = mt_add_mention (f->server, acct, text);
  gint64 item_id;

  sync_ok (f);
  item_id = item_for_status (f, status);
  if (status_id != NULL)
    *status_id = g_steal_pointer (&status);
  return item_id;
}

static gint64
queue (Fixture    *f,
       gint64      item_id,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  StewardDraft draft = { .text = (char *) text };
  gint64 entry_id = steward_store_queue_reply (f->store, item_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (entry_id, >, 0);
  return entry_id;
}

static StewardOutboxEntry *
get_entry (Fixture *f,
           gint64   entry_id)
{
  g_autoptr(GError) error = NULL;
  StewardOutboxEntry *entry = steward_store_get_outbox_entry (f->store, entry_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entry);
  return entry;
}

/* The replies to @status_id by our account, as the server has them. */
static GPtrArray *
our_replies (Fixture    *f,
             const char *status_id)
{
  g_autoptr(StewardMastodonSource) source =
    steward_mastodon_source_new (steward_mastodon_server_get_base_url (f->server), MT_TOKEN);
  g_autoptr(StewardPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *replies = g_ptr_array_new_with_free_func (g_free);

  page = steward_source_fetch_context (STEWARD_SOURCE (source), status_id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->posts->len; i++)
    {
      StewardRemotePost *post = g_ptr_array_index (page->posts, i);

      if (g_strcmp0 (post->in_reply_to_id, status_id) == 0 &&
          g_strcmp0 (post->author->remote_id, f->me_id) == 0)
        g_ptr_array_add (replies, g_strdup (post->remote_id));
    }
  return replies;
}

/* Queuing: validation, defaults, the item's status and history. */
static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "ann@elsewhere.example", "@steward where is my order?", &status);
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(StewardOutboxEntry) other = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  StewardDraft blank = { .text = (char *) "  \n " };
  StewardDraft custom = { .text = (char *) "Privately: on its way", .visibility = (char *) "direct",
                          .spoiler_text = (char *) "order", .language = (char *) "en" };
  gint64 entry_id;
  gint64 other_id;
  guint n_need_user = 99;

  g_assert_cmpint (steward_store_queue_reply (f->store, item_id, &blank, &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (steward_store_queue_reply (f->store, 424242, &custom, &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE ?1 = ?1", 0), ==, 0);

  entry_id = queue (f, item_id, "It ships tomorrow");
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_QUEUED);
  g_assert_cmpint (steward_outbox_entry_get_account_id (entry), ==, f->account_id);
  g_assert_cmpint (steward_outbox_entry_get_item_id (entry), ==, item_id);
  g_assert_cmpstr (steward_outbox_entry_get_in_reply_to (entry), ==, status);
  g_assert_cmpstr (steward_outbox_entry_get_text (entry), ==, "It ships tomorrow");
  g_assert_cmpstr (steward_outbox_entry_get_visibility (entry), ==, "public");
  g_assert_null (steward_outbox_entry_get_spoiler_text (entry));
  g_assert_true (g_uuid_string_is_valid (steward_outbox_entry_get_idempotency_key (entry)));
  g_assert_nonnull (steward_outbox_entry_get_author (entry));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 0);
  g_assert_null (steward_outbox_entry_get_remote_id (entry));
  g_assert_null (steward_outbox_entry_get_sent_at (entry));
  g_assert_null (steward_outbox_entry_get_hold_reason (entry));
  g_assert_nonnull (steward_outbox_entry_get_created_at (entry));

  /* The item is being worked on now, and its history says why. */
  g_assert_cmpint (query_int (f, "SELECT status = 'open' FROM inbox_items WHERE id = ?1", item_id), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM item_events WHERE item_id = ?1 AND what = 'reply-queued'",
                              item_id), ==, 1);

  other_id = steward_store_queue_reply (f->store, item_id, &custom, &error);
  g_assert_no_error (error);
  other = get_entry (f, other_id);
  g_assert_cmpstr (steward_outbox_entry_get_visibility (other), ==, "direct");
  g_assert_cmpstr (steward_outbox_entry_get_spoiler_text (other), ==, "order");
  g_assert_cmpstr (steward_outbox_entry_get_language (other), ==, "en");
  g_assert_cmpstr (steward_outbox_entry_get_idempotency_key (other), !=,
                   steward_outbox_entry_get_idempotency_key (entry));

  entries = steward_store_list_outbox (f->store, -1, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  /* Newest first. */
  g_assert_cmpint (steward_outbox_entry_get_id (g_ptr_array_index (entries, 0)), ==, other_id);
  g_assert_cmpint (steward_outbox_entry_get_id (g_ptr_array_index (entries, 1)), ==, entry_id);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = steward_store_list_outbox (f->store, STEWARD_OUTBOX_STATE_SENT, 0, &error);
  g_assert_cmpuint (entries->len, ==, 0);

  g_assert_cmpuint (steward_store_count_outbox_pending (f->store, 0, &n_need_user, &error), ==, 2);
  g_assert_cmpuint (n_need_user, ==, 0);
  g_assert_cmpuint (steward_store_count_outbox_pending (f->store, f->account_id + 1, NULL, &error), ==, 0);

  /* A queued entry can be discarded; one that is not a failed or held
   * entry cannot be retried. */
  g_assert_false (steward_store_retry_outbox_entry (f->store, entry_id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (steward_store_discard_outbox_entry (f->store, other_id, &error));
  g_assert_no_error (error);
  g_assert_null (steward_store_get_outbox_entry (f->store, other_id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A direct message is answered privately by default. */
  {
    g_autofree char *friend = steward_mastodon_server_add_account (f->server, NULL, "pat@elsewhere.example", "Pat");
    StewardMastodonStatusSpec spec = { .author_id = friend, .text = "@steward psst", .visibility = "direct" };
    g_autofree char *dm = steward_mastodon_server_add_status (f->server, &spec, &error);
    g_autofree char *conversation = steward_mastodon_server_add_direct (f->server, NULL, dm, &error);
    g_autoptr(StewardOutboxEntry) private_reply = NULL;

    g_assert_no_error (error);
    sync_ok (f);
    private_reply = get_entry (f, queue (f, item_for_status (f, dm), "Hi Pat"));
    g_assert_cmpstr (steward_outbox_entry_get_visibility (private_reply), ==, "direct");
  }
}

/* The server creates the post but its answer is lost (502): the retry with
 * the same key gets that post back, never a second one. */
static void
test_lost_response (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "bo@elsewhere.example", "@steward refund please", &status);
  gint64 entry_id = queue (f, item_id, "We are on it");
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  guint before = steward_mastodon_server_count_statuses (f->server);

  steward_mastodon_server_clear_requests (f->server);
  steward_mastodon_server_add_fault (f->server, "POST /api/v1/statuses",
                                     STEWARD_MASTODON_FAULT_LOSE_RESPONSE, 0, 1);
  sync_ok (f);

  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses"), ==, 2);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 1);

  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_cmpstr (steward_outbox_entry_get_remote_id (entry), ==, g_ptr_array_index (replies, 0));
  g_assert_nonnull (steward_outbox_entry_get_remote_url (entry));
  g_assert_nonnull (steward_outbox_entry_get_sent_at (entry));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 1);
}

/* A sync in which the server makes every post but loses every answer:
 * it fails, and the server keeps the posts. */
static void
sync_losing_every_answer (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  steward_mastodon_server_add_fault (f->server, "POST /api/v1/statuses",
                                     STEWARD_MASTODON_FAULT_LOSE_RESPONSE, 0, 100);
  g_assert_false (sync_account (f, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_SERVER);
  steward_mastodon_server_clear_faults (f->server);
}

/* Every answer of a sync is lost: the entry goes back to the queue and the
 * sync fails; the next sync finds our post in the thread, is not fooled
 * into holding it, takes it as the entry's post without posting again,
 * and ends with the one post. */
static void
test_lost_every_response (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "cy@elsewhere.example", "@steward my parcel?", &status);
  gint64 entry_id = queue (f, item_id, "Tracking number follows");
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  guint before = steward_mastodon_server_count_statuses (f->server);

  sync_losing_every_answer (f);

  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_QUEUED);
  g_assert_nonnull (steward_outbox_entry_get_error (entry));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 1);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);

  sync_ok (f);
  g_clear_object (&entry);
  entry = get_entry (f, entry_id);
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_cmpstr (steward_outbox_entry_get_remote_id (entry), ==, g_ptr_array_index (replies, 0));
  g_assert_null (steward_outbox_entry_get_error (entry));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 1);
}

/* The answer was lost, and by the next sync the server has forgotten the
 * idempotency key (Mastodon keeps them about an hour): the reply found in
 * the thread, ours with the same words, is taken as sent; no second POST. */
static void
test_key_forgotten (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "di@elsewhere.example", "@steward where is my order?", &status);
  gint64 entry_id = queue (f, item_id, "@di@elsewhere.example Sorry! It ships  today.");
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  guint before = steward_mastodon_server_count_statuses (f->server);

  sync_losing_every_answer (f);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);

  steward_mastodon_server_forget_idempotency_keys (f->server);
  steward_mastodon_server_clear_requests (f->server);
  sync_ok (f);

  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses"), ==, 0);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 1);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_cmpstr (steward_outbox_entry_get_remote_id (entry), ==, g_ptr_array_index (replies, 0));

  /* A different reply of ours in the thread is not mistaken for it. */
  entry_id = queue (f, item_id, "One more thing: the tracking number is 4711.");
  g_clear_object (&entry);
  sync_losing_every_answer (f);
  steward_mastodon_server_forget_idempotency_keys (f->server);
  sync_ok (f);
  g_clear_pointer (&replies, g_ptr_array_unref);
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 2);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
}

static void
on_child_exited_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* A process killed (SIGKILL) while its POST is on the server leaves the
 * entry "sending"; the next sync finds the post in the thread and takes it
 * as the entry's: one post, one POST, one attempt. (Had the post not been
 * made yet, the entry would be sent again with the same key, as in
 * lost-response.) */
static void
test_killed_mid_send (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "di@elsewhere.example", "@steward it broke", &status);
  gint64 entry_id = queue (f, item_id, "Sorry! A new one is on its way");
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "sync", "outbox-sync-helper", NULL);
  g_autofree char *account_arg = g_strdup_printf ("%" G_GINT64_FORMAT, f->account_id);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  guint before = steward_mastodon_server_count_statuses (f->server);
  gboolean done = FALSE;
  gint64 deadline;

  /* The server takes the post and keeps the answer for a minute. */
  steward_mastodon_server_clear_requests (f->server);
  steward_mastodon_server_add_fault (f->server, "POST /api/v1/statuses",
                                     STEWARD_MASTODON_FAULT_SLOW, 60000, 1);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, helper, f->dir, account_arg, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, on_child_exited_cb, &done);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses") < 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (done);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_subprocess_send_signal (child, SIGKILL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* The post exists; the entry does not know it yet. */
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENDING);
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 1);
  g_clear_object (&entry);

  sync_ok (f);

  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 1);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_cmpstr (steward_outbox_entry_get_remote_id (entry), ==, g_ptr_array_index (replies, 0));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 1);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses"), ==, 1);
}

/* Queued while away; meanwhile the thread changed. Another client of our
 * account replied: held. The post was deleted: held. The user sends one
 * anyway and discards the other. */
static void
test_held (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *answered = NULL;
  g_autofree char *deleted = NULL;
  gint64 answered_item = add_synced_mention (f, "ed@elsewhere.example", "@steward hello?", &answered);
  gint64 deleted_item = add_synced_mention (f, "flo@elsewhere.example", "@steward oops", &deleted);
  gint64 answered_entry = queue (f, answered_item, "Hello Ed");
  gint64 deleted_entry = queue (f, deleted_item, "Hi Flo");
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  StewardMastodonStatusSpec spec = { .author_id = f->me_id, .text = "@ed answered from the web",
                                     .in_reply_to_id = answered };
  g_autofree char *web_reply = steward_mastodon_server_add_status (f->server, &spec, &error);
  guint n_need_user = 0;
  gboolean was_deleted = FALSE;

  g_assert_no_error (error);
  g_assert_true (steward_mastodon_server_delete_status (f->server, deleted, &error));

  sync_ok (f);

  entry = get_entry (f, answered_entry);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_HELD);
  g_assert_cmpstr (steward_outbox_entry_get_hold_code (entry), ==, "already-replied");
  g_assert_nonnull (steward_outbox_entry_get_hold_reason (entry));
  g_assert_cmpuint (steward_outbox_entry_get_attempts (entry), ==, 0);
  g_clear_object (&entry);
  entry = get_entry (f, deleted_entry);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_HELD);
  g_assert_cmpstr (steward_outbox_entry_get_hold_code (entry), ==, "deleted");
  g_assert_cmpstr (steward_outbox_entry_get_hold_reason (entry), !=,
                   "Someone already replied from this account while the reply waited");
  g_clear_object (&entry);

  /* Nothing went out; the deletion is recorded with the thread. */
  replies = our_replies (f, answered);
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (replies, 0), ==, web_reply);
  thread = steward_store_list_thread (f->store, deleted_item, NULL, &was_deleted, &error);
  g_assert_no_error (error);
  g_assert_true (was_deleted);
  g_assert_cmpuint (steward_store_count_outbox_pending (f->store, f->account_id, &n_need_user, &error), ==, 0);
  g_assert_cmpuint (n_need_user, ==, 2);

  /* A held entry cannot be taken back as sending, but it can be sent
   * anyway or discarded. */
  g_assert_true (steward_store_retry_outbox_entry (f->store, answered_entry, &error));
  g_assert_no_error (error);
  g_assert_true (steward_store_discard_outbox_entry (f->store, deleted_entry, &error));
  g_assert_no_error (error);

  sync_ok (f);

  entry = get_entry (f, answered_entry);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_null (steward_outbox_entry_get_hold_reason (entry));
  g_clear_pointer (&replies, g_ptr_array_unref);
  replies = our_replies (f, answered);
  g_assert_cmpuint (replies->len, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE id = ?1", deleted_entry), ==, 0);

  /* Sent ones stay. */
  g_assert_false (steward_store_discard_outbox_entry (f->store, answered_entry, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
}

/* A refusal (422) fails the entry with the server's words and does not
 * stop the sync; after the cause is fixed, a retry sends it. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *status = NULL;
  gint64 item_id = add_synced_mention (f, "gus@elsewhere.example", "@steward question", &status);
  gint64 entry_id = queue (f, item_id, "A rather long answer that this server will not take");
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  guint before = steward_mastodon_server_count_statuses (f->server);
  g_autofree char *later = NULL;

  steward_mastodon_server_set_max_characters (f->server, 20);
  later = mt_add_mention (f->server, "hal@elsewhere.example", "@steward also me");
  sync_ok (f);

  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (steward_outbox_entry_get_error (entry), "character limit of 20 exceeded"));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, before + 1);
  /* The sync went on to fetch the streams. */
  item_for_status (f, later);
  g_assert_false (steward_store_discard_outbox_entry (f->store, entry_id + 1000, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  steward_mastodon_server_set_max_characters (f->server, 500);
  g_assert_true (steward_store_retry_outbox_entry (f->store, entry_id, &error));
  g_assert_no_error (error);
  g_clear_object (&entry);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_QUEUED);

  sync_ok (f);
  g_clear_object (&entry);
  entry = get_entry (f, entry_id);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  g_assert_null (steward_outbox_entry_get_error (entry));
  replies = our_replies (f, status);
  g_assert_cmpuint (replies->len, ==, 1);
}

/* The first confirmed reply sets the first response time; a failed one
 * and later ones do not. */
static void
test_first_response (Fixture       *f,
                     gconstpointer  data)
{
  gint64 item_id = add_synced_mention (f, "ivy@elsewhere.example", "@steward anyone?", NULL);
  const char *sql = "SELECT first_response_at FROM inbox_items WHERE id = ?1";
  gint64 first_entry;
  gint64 first_at;
  g_autoptr(StewardOutboxEntry) entry = NULL;

  steward_mastodon_server_set_max_characters (f->server, 5);
  queue (f, item_id, "too long for five");
  sync_ok (f);
  g_assert_cmpint (query_int (f, sql, item_id), ==, -1);
  steward_mastodon_server_set_max_characters (f->server, 500);

  first_entry = queue (f, item_id, "Yes, us");
  sync_ok (f);
  entry = get_entry (f, first_entry);
  g_assert_cmpint (steward_outbox_entry_get_state (entry), ==, STEWARD_OUTBOX_STATE_SENT);
  first_at = query_int (f, sql, item_id);
  g_assert_cmpint (first_at, ==, g_date_time_to_unix (steward_outbox_entry_get_sent_at (entry)));
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM item_events WHERE item_id = ?1 AND what = 'replied'",
                              item_id), ==, 1);

  /* A second later, another reply: the first response stays. */
  g_usleep (1100 * 1000);
  queue (f, item_id, "And more");
  sync_ok (f);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM outbox WHERE state = 'sent' AND item_id = ?1", item_id), ==, 2);
  g_assert_cmpint (query_int (f, sql, item_id), ==, first_at);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM item_events WHERE item_id = ?1 AND what = 'replied'",
                              item_id), ==, 2);

  /* The conversation shows our replies. */
  {
    g_autoptr(GPtrArray) thread = NULL;
    g_autoptr(GError) error = NULL;

    thread = steward_store_list_thread (f->store, item_id, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (thread->len, ==, 3);
    g_assert_cmpstr (steward_post_get_text (g_ptr_array_index (thread, 2)), ==, "And more");
  }
}

/* The instance's limit is read once and kept; not getting it does not fail
 * the sync. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  steward_mastodon_server_set_max_characters (f->server, 1234);
  steward_mastodon_server_add_fault (f->server, "/api/v2/instance",
                                     STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 1);
  sync_ok (f);
  account = steward_store_get_account (f->store, f->account_id, &error);
  g_assert_cmpuint (steward_account_get_max_characters (account), ==, 0);
  g_clear_object (&account);

  steward_mastodon_server_clear_requests (f->server);
  sync_ok (f);
  account = steward_store_get_account (f->store, f->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steward_account_get_max_characters (account), ==, 1234);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v2/instance"), ==, 1);
  g_clear_object (&account);

  /* Known now: not asked again. */
  steward_mastodon_server_set_max_characters (f->server, 999);
  steward_mastodon_server_clear_requests (f->server);
  sync_ok (f);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v2/instance"), ==, 0);
  account = steward_store_get_account (f->store, f->account_id, &error);
  g_assert_cmpuint (steward_account_get_max_characters (account), ==, 1234);
  g_clear_object (&account);

  /* Forgotten, it is read again, from v1 on an older server. */
  g_assert_true (steward_store_set_account_limits (f->store, f->account_id, 0, &error));
  steward_mastodon_server_set_instance_v2 (f->server, FALSE);
  sync_ok (f);
  account = steward_store_get_account (f->store, f->account_id, &error);
  g_assert_cmpuint (steward_account_get_max_characters (account), ==, 999);
}

/* The first sync of an account is a backfill: classified, and marked as
 * alerted so that nothing of it notifies; later syncs are news. */
static void
test_classify (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *old = mt_add_mention (f->server, "jo@elsewhere.example", "@steward this is a scam, I want a refund");
  g_autofree char *calm = mt_add_mention (f->server, "kay@elsewhere.example", "@steward thanks, lovely service");
  g_autofree char *fresh = NULL;
  gint64 old_item;
  gint64 fresh_item;

  sync_ok (f);
  old_item = item_for_status (f, old);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM inbox_items WHERE classified_at IS NULL AND ?1 = ?1", 0), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM inbox_items WHERE urgent_alerted_at IS NULL AND ?1 = ?1", 0), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT quiet FROM inbox_items WHERE id = ?1", old_item), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT urgent FROM inbox_items WHERE id = ?1", old_item), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT urgent FROM inbox_items WHERE id = ?1", item_for_status (f, calm)), ==, 0);

  fresh = mt_add_mention (f->server, "lu@elsewhere.example", "@steward scam! refund now");
  sync_ok (f);
  fresh_item = item_for_status (f, fresh);
  g_assert_cmpint (query_int (f, "SELECT classified_at IS NOT NULL FROM inbox_items WHERE id = ?1", fresh_item), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT quiet FROM inbox_items WHERE id = ?1", fresh_item), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT urgent FROM inbox_items WHERE id = ?1", fresh_item), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT urgent_alerted_at FROM inbox_items WHERE id = ?1", fresh_item), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("queue", test_queue);
  ADD ("lost-response", test_lost_response);
  ADD ("lost-every-response", test_lost_every_response);
  ADD ("key-forgotten", test_key_forgotten);
  ADD ("killed-mid-send", test_killed_mid_send);
  ADD ("held", test_held);
  ADD ("refused", test_refused);
  ADD ("first-response", test_first_response);
  ADD ("limits", test_limits);
  ADD ("classify", test_classify);

#undef ADD

  return g_test_run ();
}
