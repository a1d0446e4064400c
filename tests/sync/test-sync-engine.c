/* test-sync-engine.c — the sync engine against a real store and a test source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-test-monitor.h"
#include "steward-test-source.h"

typedef struct {
  StewardContext     *context;
  StewardStore       *store;
  StewardSyncEngine  *engine;
  StewardTestSource  *source;
  StewardTestMonitor *monitor;
  GThread            *main_thread;
  gint64              account_id;

  /* What the signals said. */
  GArray             *synced_ids;
  GArray             *synced_new;
  GArray             *failed_ids;
  GPtrArray          *failed_errors;
} Fixture;

static void
on_account_synced_cb (StewardSyncEngine *engine,
                      gint64             account_id,
                      guint              n_new,
                      Fixture           *fixture)
{
  g_assert_true (g_thread_self () == fixture->main_thread);
  g_array_append_val (fixture->synced_ids, account_id);
  g_array_append_val (fixture->synced_new, n_new);
}

static void
on_account_failed_cb (StewardSyncEngine *engine,
                      gint64             account_id,
                      const GError      *error,
                      Fixture           *fixture)
{
  g_assert_true (g_thread_self () == fixture->main_thread);
  g_assert_nonnull (error);
  g_array_append_val (fixture->failed_ids, account_id);
  g_ptr_array_add (fixture->failed_errors, g_error_copy (error));
}

static gint64
add_demo_account (Fixture    *fixture,
                  const char *remote_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = steward_store_add_account (fixture->store, "mastodon", "demo", remote_id, "brand",
                                  "Brand", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspace", NULL);

  fixture->main_thread = g_thread_self ();
  fixture->context = steward_context_new (dir, &error);
  g_assert_no_error (error);
  fixture->store = steward_context_get_store (fixture->context);
  fixture->engine = steward_context_get_sync_engine (fixture->context);

  /* Page size 3, so that every stream takes several pages. */
  fixture->source = steward_test_source_new (3);
  steward_context_register_network (fixture->context, "demo", steward_test_source_factory,
                                    g_object_ref (fixture->source), g_object_unref);
  steward_context_register_network (fixture->context, "mastodon", steward_test_source_factory,
                                    g_object_ref (fixture->source), g_object_unref);

  fixture->monitor = steward_test_monitor_new (TRUE);
  steward_sync_engine_set_network_monitor (fixture->engine, G_NETWORK_MONITOR (fixture->monitor));

  fixture->synced_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->synced_new = g_array_new (FALSE, FALSE, sizeof (guint));
  fixture->failed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->failed_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_signal_connect (fixture->engine, "account-synced", G_CALLBACK (on_account_synced_cb), fixture);
  g_signal_connect (fixture->engine, "account-failed", G_CALLBACK (on_account_failed_cb), fixture);

  fixture->account_id = add_demo_account (fixture, "109");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->engine, fixture);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->source);
  g_clear_object (&fixture->monitor);
  g_clear_pointer (&fixture->synced_ids, g_array_unref);
  g_clear_pointer (&fixture->synced_new, g_array_unref);
  g_clear_pointer (&fixture->failed_ids, g_array_unref);
  g_clear_pointer (&fixture->failed_errors, g_ptr_array_unref);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the sync engine");
  return G_SOURCE_REMOVE;
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  return *result;
}

static gboolean
sync_and_wait (Fixture       *fixture,
               gint64         account_id,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  steward_sync_engine_sync_async (fixture->engine, account_id, cancellable,
                                  on_sync_done_cb, &result);
  wait_for_result (&result);
  return steward_sync_engine_sync_finish (fixture->engine, result, error);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @done says so (30 s at most). A tick wakes
 * the loop, as what @done looks at may change in the worker silently. */
static void
iterate_until (gboolean (*done) (Fixture *fixture),
               Fixture   *fixture)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);
  guint tick = g_timeout_add (10, on_tick_cb, NULL);

  while (!done (fixture))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_source_remove (timeout);
}

static void
add_items (Fixture       *fixture,
           StewardStream  stream,
           const char    *prefix,
           guint          first,
           guint          n)
{
  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);
      g_autofree char *text = g_strdup_printf ("Item %s%u, with 中文 and text", prefix, i);

      steward_test_source_add_item (fixture->source, stream, id, text);
    }
}

static guint
count_items (Fixture *fixture,
             gint64   account_id)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n;

  filter.account_id = account_id;
  n = steward_store_count_inbox (fixture->store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

/* Asserts that the account holds exactly the items "m0".."m{n_mentions-1}"
 * and "d0".."d{n_direct-1}", each once, with the right kind. */
static void
assert_items (Fixture *fixture,
              gint64   account_id,
              guint    n_mentions,
              guint    n_direct)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  filter.account_id = account_id;
  items = steward_store_list_inbox (fixture->store, &filter, 0, 10000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, n_mentions + n_direct);
  g_assert_cmpuint (count_items (fixture, account_id), ==, n_mentions + n_direct);

  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      const char *remote_id = steward_inbox_item_get_remote_id (item);
      guint index = (guint) g_ascii_strtoull (remote_id + 1, NULL, 10);

      g_assert_cmpint (steward_inbox_item_get_account_id (item), ==, account_id);
      g_assert_false (g_hash_table_contains (seen, remote_id));
      g_hash_table_add (seen, g_strdup (remote_id));

      if (remote_id[0] == 'm')
        {
          g_assert_cmpint (steward_inbox_item_get_kind (item), ==, STEWARD_ITEM_KIND_MENTION);
          g_assert_cmpuint (index, <, n_mentions);
        }
      else
        {
          g_assert_cmpint (remote_id[0], ==, 'd');
          g_assert_cmpint (steward_inbox_item_get_kind (item), ==, STEWARD_ITEM_KIND_DIRECT);
          g_assert_cmpuint (index, <, n_direct);
        }
    }
}

static char *
get_cursor (Fixture       *fixture,
            gint64         account_id,
            StewardStream  stream)
{
  g_autoptr(GError) error = NULL;
  char *cursor = steward_store_get_cursor (fixture->store, account_id, stream, &error);

  g_assert_no_error (error);
  return cursor;
}

static void
assert_fetches (Fixture            *fixture,
                const char * const *expected)
{
  g_auto(GStrv) fetches = steward_test_source_dup_fetches (fixture->source);
  g_autofree char *got = g_strjoinv (" ", fetches);
  g_autofree char *want = g_strjoinv (" ", (GStrv) expected);

  g_assert_cmpstr (got, ==, want);
  steward_test_source_clear_fetches (fixture->source);
}

static StewardAccountState
get_account_state (Fixture *fixture,
                   gint64   account_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;

  account = steward_store_get_account (fixture->store, account_id, &error);
  g_assert_no_error (error);
  return steward_account_get_state (account);
}

static void
test_exactly_once (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mentions_cursor = NULL;
  g_autofree char *direct_cursor = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 7);
  add_items (fixture, STEWARD_STREAM_DIRECT, "d", 0, 4);

  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);

  assert_items (fixture, fixture->account_id, 7, 4);
  assert_fetches (fixture, (const char *[]) { "mentions:-", "mentions:3", "mentions:6",
                                              "direct:-", "direct:3", NULL });
  mentions_cursor = get_cursor (fixture, fixture->account_id, STEWARD_STREAM_MENTIONS);
  direct_cursor = get_cursor (fixture, fixture->account_id, STEWARD_STREAM_DIRECT);
  g_assert_cmpstr (mentions_cursor, ==, "7");
  g_assert_cmpstr (direct_cursor, ==, "4");

  g_assert_cmpuint (fixture->synced_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->synced_ids, gint64, 0), ==, fixture->account_id);
  g_assert_cmpuint (g_array_index (fixture->synced_new, guint, 0), ==, 11);
  g_assert_cmpuint (fixture->failed_ids->len, ==, 0);
  g_assert_nonnull (steward_sync_engine_get_last_sync (fixture->engine));
  g_assert_null (steward_sync_engine_get_last_error (fixture->engine));
  g_assert_cmpfloat (steward_sync_engine_get_progress (fixture->engine), ==, 1.0);
  g_assert_false (steward_sync_engine_get_syncing (fixture->engine));

  /* Nothing new: one request per stream, from the stored cursors. */
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  assert_fetches (fixture, (const char *[]) { "mentions:7", "direct:4", NULL });
  assert_items (fixture, fixture->account_id, 7, 4);
  g_assert_cmpuint (g_array_index (fixture->synced_new, guint, 1), ==, 0);
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 4);
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  steward_test_source_clear_fetches (fixture->source);

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 4, 2);
  add_items (fixture, STEWARD_STREAM_DIRECT, "d", 0, 1);
  g_assert_true (sync_and_wait (fixture, fixture->account_id, NULL, &error));
  g_assert_no_error (error);

  /* The second sync starts where the first one ended (the empty direct
   * stream too), and only brings what is new. */
  assert_fetches (fixture, (const char *[]) { "mentions:4", "direct:0", NULL });
  g_assert_cmpuint (g_array_index (fixture->synced_new, guint, 1), ==, 3);
  assert_items (fixture, fixture->account_id, 6, 1);
}

static void
test_resume_after_failure (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  const GError *reported;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 10);
  add_items (fixture, STEWARD_STREAM_DIRECT, "d", 0, 2);

  /* Two pages go through, the third fails as if the server died. */
  steward_test_source_fail_after (fixture->source, 2, STEWARD_ERROR_SERVER);
  g_assert_false (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_SERVER);
  g_clear_error (&error);

  g_assert_cmpuint (fixture->failed_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->failed_ids, gint64, 0), ==, fixture->account_id);
  reported = g_ptr_array_index (fixture->failed_errors, 0);
  g_assert_error (reported, STEWARD_ERROR, STEWARD_ERROR_SERVER);
  g_assert_cmpuint (fixture->synced_ids->len, ==, 0);
  g_assert_nonnull (steward_sync_engine_get_last_error (fixture->engine));

  /* The committed pages and their cursor agree. */
  assert_items (fixture, fixture->account_id, 6, 0);
  cursor = get_cursor (fixture, fixture->account_id, STEWARD_STREAM_MENTIONS);
  g_assert_cmpstr (cursor, ==, "6");
  assert_fetches (fixture, (const char *[]) { "mentions:-", "mentions:3", "mentions:6", NULL });
  /* A server error is no reason to sign in again. */
  g_assert_cmpint (get_account_state (fixture, fixture->account_id), ==, STEWARD_ACCOUNT_STATE_OK);

  /* The next sync resumes from the last committed page. */
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  assert_fetches (fixture, (const char *[]) { "mentions:6", "mentions:9", "direct:-", NULL });
  assert_items (fixture, fixture->account_id, 10, 2);
  g_assert_null (steward_sync_engine_get_last_error (fixture->engine));
  g_assert_cmpuint (g_array_index (fixture->synced_new, guint, 0), ==, 6);
}

static void
test_auth_failed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 2);
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);

  /* The token gets revoked. */
  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 2, 2);
  steward_test_source_fail_after (fixture->source, 0, STEWARD_ERROR_AUTH_FAILED);
  g_assert_false (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (get_account_state (fixture, fixture->account_id),
                   ==, STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN);
  g_assert_cmpuint (fixture->failed_ids->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (fixture->failed_errors, 0),
                  STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  /* Its data stays. */
  assert_items (fixture, fixture->account_id, 2, 0);
  steward_test_source_clear_fetches (fixture->source);

  /* Syncing everything leaves it alone... */
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (steward_test_source_get_n_fetches (fixture->source), ==, 0);

  /* ...asking for it by name tries it, and it syncs what it missed. */
  g_assert_true (sync_and_wait (fixture, fixture->account_id, NULL, &error));
  g_assert_no_error (error);
  assert_fetches (fixture, (const char *[]) { "mentions:2", "direct:0", NULL });
  assert_items (fixture, fixture->account_id, 4, 0);
}

static void
test_other_accounts_still_sync (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 second = add_demo_account (fixture, "110");

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 5);
  add_items (fixture, STEWARD_STREAM_DIRECT, "d", 0, 2);

  /* The first account's first request fails; the second account syncs. */
  steward_test_source_fail_after (fixture->source, 0, STEWARD_ERROR_NETWORK);
  g_assert_false (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK);

  g_assert_cmpuint (fixture->failed_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->failed_ids, gint64, 0), ==, fixture->account_id);
  g_assert_cmpuint (fixture->synced_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->synced_ids, gint64, 0), ==, second);
  assert_items (fixture, fixture->account_id, 0, 0);
  assert_items (fixture, second, 5, 2);
}

typedef struct {
  Fixture   *fixture;
  GPtrArray *events;
  GArray    *progress;
  guint      n_changed;
} Observer;

static void
on_engine_notify_cb (GObject    *object,
                     GParamSpec *pspec,
                     Observer   *observer)
{
  StewardSyncEngine *engine = STEWARD_SYNC_ENGINE (object);
  const char *name = g_param_spec_get_name (pspec);

  g_assert_true (g_thread_self () == observer->fixture->main_thread);

  if (g_str_equal (name, "syncing"))
    g_ptr_array_add (observer->events,
                     g_strdup (steward_sync_engine_get_syncing (engine) ? "syncing" : "idle"));
  else if (g_str_equal (name, "progress"))
    {
      double progress = steward_sync_engine_get_progress (engine);
      g_array_append_val (observer->progress, progress);
    }
  else if (g_str_equal (name, "status"))
    g_ptr_array_add (observer->events, g_strdup (steward_sync_engine_get_status (engine)));
}

static void
on_store_changed_cb (StewardStore *store,
                     const char   *what,
                     Observer     *observer)
{
  g_assert_true (g_thread_self () == observer->fixture->main_thread);
  if (g_strcmp0 (what, "inbox") == 0)
    observer->n_changed++;
}

static void
test_main_thread (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Observer observer = { fixture, g_ptr_array_new_with_free_func (g_free),
                        g_array_new (FALSE, FALSE, sizeof (double)), 0 };
  g_autofree char *events = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 8);
  add_items (fixture, STEWARD_STREAM_DIRECT, "d", 0, 5);

  g_signal_connect (fixture->engine, "notify", G_CALLBACK (on_engine_notify_cb), &observer);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb), &observer);

  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);

  g_signal_handlers_disconnect_by_data (fixture->engine, &observer);
  g_signal_handlers_disconnect_by_data (fixture->store, &observer);

  g_ptr_array_add (observer.events, NULL);
  events = g_strjoinv ("|", (GStrv) observer.events->pdata);
  g_assert_true (g_str_has_prefix (events, "syncing|"));
  g_assert_nonnull (strstr (events, "|Syncing Demo…|"));
  g_assert_true (g_str_has_suffix (events, "|Up to date|idle"));

  /* Progress only moves forward and ends at 1. */
  g_assert_cmpuint (observer.progress->len, >=, 5);
  for (guint i = 1; i < observer.progress->len; i++)
    g_assert_cmpfloat (g_array_index (observer.progress, double, i),
                       >=, g_array_index (observer.progress, double, i - 1));
  g_assert_cmpfloat (g_array_index (observer.progress, double, observer.progress->len - 1),
                     ==, 1.0);

  /* The main store heard about every committed page (3 + 2). */
  g_assert_cmpuint (observer.n_changed, >=, 5);

  g_ptr_array_unref (observer.events);
  g_array_unref (observer.progress);
}

static gboolean
source_was_asked (Fixture *fixture)
{
  return steward_test_source_get_n_fetches (fixture->source) > 0;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 3);
  steward_test_source_set_blocking (fixture->source, TRUE);

  steward_sync_engine_sync_async (fixture->engine, 0, cancellable, on_sync_done_cb, &result);
  g_assert_true (steward_sync_engine_get_syncing (fixture->engine));
  iterate_until (source_was_asked, fixture);
  g_cancellable_cancel (cancellable);
  wait_for_result (&result);

  g_assert_false (steward_sync_engine_sync_finish (fixture->engine, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_false (steward_sync_engine_get_syncing (fixture->engine));
  /* Cancelling is not a failure to report. */
  g_assert_null (steward_sync_engine_get_last_error (fixture->engine));
  g_assert_cmpuint (fixture->failed_ids->len, ==, 0);
  assert_items (fixture, fixture->account_id, 0, 0);

  /* steward_sync_engine_cancel() stops a sync nobody gave a cancellable. */
  steward_test_source_clear_fetches (fixture->source);
  steward_sync_engine_sync_async (fixture->engine, 0, NULL, on_sync_done_cb, &result);
  iterate_until (source_was_asked, fixture);
  steward_sync_engine_cancel (fixture->engine);
  wait_for_result (&result);
  g_assert_false (steward_sync_engine_sync_finish (fixture->engine, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* And the next sync works. */
  steward_test_source_set_blocking (fixture->source, FALSE);
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  assert_items (fixture, fixture->account_id, 3, 0);
}

static void
test_join (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 4);

  steward_sync_engine_sync_async (fixture->engine, 0, NULL, on_sync_done_cb, &first);
  steward_sync_engine_sync_async (fixture->engine, 0, NULL, on_sync_done_cb, &second);
  wait_for_result (&first);
  wait_for_result (&second);

  g_assert_true (steward_sync_engine_sync_finish (fixture->engine, first, &error));
  g_assert_no_error (error);
  g_assert_true (steward_sync_engine_sync_finish (fixture->engine, second, &error));
  g_assert_no_error (error);

  /* One run, not two. */
  assert_fetches (fixture, (const char *[]) { "mentions:-", "mentions:3", "direct:-", NULL });
  g_assert_cmpuint (fixture->synced_ids->len, ==, 1);
  assert_items (fixture, fixture->account_id, 4, 0);
}

static gboolean
an_account_synced (Fixture *fixture)
{
  return fixture->synced_ids->len > 0 && !steward_sync_engine_get_syncing (fixture->engine);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autofree char *token = NULL;
  gint64 id;

  /* Only a real server's account: a demo one would sync offline. */
  g_assert_true (steward_store_remove_account (fixture->store, fixture->account_id, &error));
  g_assert_no_error (error);
  id = steward_store_add_account (fixture->store, "mastodon", "https://social.example", "7",
                                  "brand", "Brand", FALSE, &error);
  g_assert_no_error (error);
  account = steward_store_get_account (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (steward_secrets_store_token (steward_context_get_secrets (fixture->context),
                                              account, "offline-token", TRUE, NULL, &error));
  g_assert_no_error (error);
  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 2);

  steward_test_monitor_set_available (fixture->monitor, FALSE);
  g_assert_false (steward_sync_engine_get_online (fixture->engine));

  g_assert_false (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpuint (steward_test_source_get_n_fetches (fixture->source), ==, 0);
  g_assert_false (steward_sync_engine_get_syncing (fixture->engine));

  /* The network comes back: the engine catches up by itself, with the
   * token from the secrets. */
  steward_test_monitor_set_available (fixture->monitor, TRUE);
  g_assert_true (steward_sync_engine_get_online (fixture->engine));
  iterate_until (an_account_synced, fixture);
  g_assert_cmpint (g_array_index (fixture->synced_ids, gint64, 0), ==, id);
  assert_items (fixture, id, 2, 0);
  token = steward_test_source_dup_token (fixture->source);
  g_assert_cmpstr (token, ==, "offline-token");
}

static void
test_periodic (Fixture       *fixture,
               gconstpointer  data)
{
  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 2);

  steward_sync_engine_set_interval (fixture->engine, 1);
  g_assert_cmpuint (steward_sync_engine_get_interval (fixture->engine), ==, 1);
  iterate_until (an_account_synced, fixture);
  steward_sync_engine_set_interval (fixture->engine, 0);

  assert_items (fixture, fixture->account_id, 2, 0);
}

static void
test_last_sync_restored (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardContext) reopened = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspace", NULL);
  GDateTime *before;
  GDateTime *after;

  g_assert_null (steward_sync_engine_get_last_sync (fixture->engine));
  add_items (fixture, STEWARD_STREAM_MENTIONS, "m", 0, 1);
  g_assert_true (sync_and_wait (fixture, 0, NULL, &error));
  g_assert_no_error (error);
  before = steward_sync_engine_get_last_sync (fixture->engine);
  g_assert_nonnull (before);

  /* The next start of the app knows when it last synced. */
  reopened = steward_context_new (dir, &error);
  g_assert_no_error (error);
  after = steward_sync_engine_get_last_sync (steward_context_get_sync_engine (reopened));
  g_assert_nonnull (after);
  g_assert_cmpint (g_date_time_difference (before, after), >=, 0);
  g_assert_cmpint (g_date_time_difference (before, after), <, 5 * G_TIME_SPAN_SECOND);
}

static void
test_dispose_while_syncing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "workspace", NULL);
  g_autoptr(StewardContext) context = steward_context_new (dir, &error);
  g_autoptr(StewardTestSource) source = steward_test_source_new (3);
  g_autoptr(StewardSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  steward_context_register_network (context, "demo", steward_test_source_factory,
                                    g_object_ref (source), g_object_unref);
  steward_store_add_account (steward_context_get_store (context), "mastodon", "demo", "1",
                             "brand", "Brand", TRUE, &error);
  g_assert_no_error (error);
  steward_test_source_set_blocking (source, TRUE);

  engine = g_object_ref (steward_context_get_sync_engine (context));
  steward_sync_engine_sync_async (engine, 0, NULL, on_sync_done_cb, &result);
  while (steward_test_source_get_n_fetches (source) == 0)
    g_usleep (10 * 1000);

  /* Closing the workspace stops the sync that runs. */
  g_clear_object (&context);
  wait_for_result (&result);
  g_assert_false (steward_sync_engine_sync_finish (engine, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated XDG dirs hide the org.gnome.system.proxy schema that
   * glib-networking's GNOME proxy resolver aborts without; these tests only
   * talk to loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/engine/exactly-once", test_exactly_once);
  ADD ("/sync/engine/incremental", test_incremental);
  ADD ("/sync/engine/resume-after-failure", test_resume_after_failure);
  ADD ("/sync/engine/auth-failed", test_auth_failed);
  ADD ("/sync/engine/other-accounts-still-sync", test_other_accounts_still_sync);
  ADD ("/sync/engine/main-thread", test_main_thread);
  ADD ("/sync/engine/cancel", test_cancel);
  ADD ("/sync/engine/join", test_join);
  ADD ("/sync/engine/offline", test_offline);
  ADD ("/sync/engine/periodic", test_periodic);
  ADD ("/sync/engine/last-sync-restored", test_last_sync_restored);
  g_test_add_func ("/sync/engine/dispose-while-syncing", test_dispose_while_syncing);

#undef ADD

  return g_test_run ();
}
