/* test-thread.c — fetching and caching an item's thread through the sync
 * engine, over real HTTP to the test Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "steward-sources.h"
#include "steward-store-private.h"
#include "steward-test-monitor.h"

#include "mastodon-test-util.h"

typedef struct {
  StewardMastodonServer *server;
  char                  *dir;
  StewardContext        *context;
  StewardStore          *store;
  gint64                 account_id;
  guint                  threads_changed;
} Fixture;

static void
on_store_changed_cb (StewardStore *store,
                     const char   *what,
                     Fixture      *f)
{
  f->threads_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;

  f->server = mt_server_new ();
  f->dir = g_strdup_printf ("%s/thread-%u", g_get_user_data_dir (), ++counter);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);

  f->context = steward_context_new (f->dir, &error);
  g_assert_no_error (error);
  steward_sources_register_all (f->context);
  f->store = steward_context_get_store (f->context);
  g_signal_connect (f->store, "changed::threads", G_CALLBACK (on_store_changed_cb), f);

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
  g_signal_handlers_disconnect_by_func (f->store, on_store_changed_cb, f);
  g_clear_object (&f->context);
  g_clear_object (&f->server);
  g_clear_pointer (&f->dir, g_free);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
sync_ok (Fixture *f)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (f->context);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  steward_sync_engine_sync_async (engine, f->account_id, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (steward_sync_engine_sync_finish (engine, result, &error));
  g_assert_no_error (error);
}

static gboolean
fetch_thread (Fixture  *f,
              gint64    item_id,
              GError  **error)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (f->context);
  g_autoptr(GAsyncResult) result = NULL;

  steward_sync_engine_fetch_thread_async (engine, item_id, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return steward_sync_engine_fetch_thread_finish (engine, result, error);
}

/* Lets the idle that emits "changed" run. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

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

static char *
add_status (Fixture    *f,
            const char *acct,
            const char *text,
            const char *in_reply_to,
            gint64      minutes_ago)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = steward_mastodon_server_add_account (f->server, NULL, acct, acct);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -minutes_ago);
  StewardMastodonStatusSpec spec = { .author_id = author, .text = text,
                                     .in_reply_to_id = in_reply_to, .created_at = when };
  char *id = steward_mastodon_server_add_status (f->server, &spec, &error);

  g_assert_no_error (error);
  return id;
}

/* Ancestors, the post and the replies below it are cached, oldest first;
 * what is elsewhere on the server is not. */
static void
test_fetch (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *root = add_status (f, "ana@elsewhere.example", "Has anyone tried the new app?", NULL, 50);
  g_autofree char *middle = add_status (f, "ben@elsewhere.example", "@ana @steward it crashes for me", root, 40);
  g_autofree char *reply = add_status (f, "cai@elsewhere.example", "@ben same here", middle, 30);
  g_autofree char *deeper = add_status (f, "ana@elsewhere.example", "@cai oh no", reply, 20);
  g_autofree char *unrelated = add_status (f, "dee@elsewhere.example", "Nice weather", NULL, 10);
  g_autofree char *notification = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  gint64 fetched_at = -1;
  gboolean deleted = TRUE;

  notification = steward_mastodon_server_add_mention (f->server, middle, &error);
  g_assert_no_error (error);
  sync_ok (f);
  item_id = item_for_status (f, middle);

  /* Never fetched: the item's own post only. */
  thread = steward_store_list_thread (f->store, item_id, &fetched_at, &deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 1);
  g_assert_cmpint (fetched_at, ==, 0);
  g_clear_pointer (&thread, g_ptr_array_unref);

  drain ();
  f->threads_changed = 0;
  steward_mastodon_server_clear_requests (f->server);
  g_assert_true (fetch_thread (f, item_id, &error));
  g_assert_no_error (error);
  drain ();
  g_assert_cmpuint (f->threads_changed, >=, 1);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v1/statuses/"), ==, 2);

  thread = steward_store_list_thread (f->store, item_id, &fetched_at, &deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 4);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, 0)), ==, root);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, 1)), ==, middle);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, 2)), ==, reply);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, 3)), ==, deeper);
  g_assert_cmpstr (steward_post_get_text (g_ptr_array_index (thread, 3)), ==, "@cai oh no");
  g_assert_cmpint (fetched_at, >, 0);
  g_assert_false (deleted);
  for (guint i = 0; i < thread->len; i++)
    g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, i)), !=, unrelated);
  g_clear_pointer (&thread, g_ptr_array_unref);

  /* A new reply shows after the next fetch. */
  {
    g_autofree char *late = add_status (f, "ben@elsewhere.example", "@steward any news?", middle, 0);

    g_assert_true (fetch_thread (f, item_id, &error));
    thread = steward_store_list_thread (f->store, item_id, NULL, NULL, &error);
    g_assert_cmpuint (thread->len, ==, 5);
    g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (thread, 4)), ==, late);
  }
}

/* A deleted post is recorded, and that is not an error. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *status = mt_add_mention (f->server, "eve@elsewhere.example", "@steward I will delete this");
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item_id;
  gint64 fetched_at = 0;
  gboolean deleted = FALSE;

  sync_ok (f);
  item_id = item_for_status (f, status);
  g_assert_true (steward_mastodon_server_delete_status (f->server, status, &error));

  g_assert_true (fetch_thread (f, item_id, &error));
  g_assert_no_error (error);
  thread = steward_store_list_thread (f->store, item_id, &fetched_at, &deleted, &error);
  g_assert_no_error (error);
  g_assert_true (deleted);
  g_assert_cmpint (fetched_at, >, 0);
  /* What we had stays readable. */
  g_assert_cmpuint (thread->len, ==, 1);
}

/* Server faults are reported; an unknown item is NOT_FOUND. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *status = mt_add_mention (f->server, "fay@elsewhere.example", "@steward hi");
  g_autoptr(GError) error = NULL;
  gint64 item_id;

  sync_ok (f);
  item_id = item_for_status (f, status);

  g_assert_false (fetch_thread (f, item_id + 1000, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  steward_mastodon_server_add_fault (f->server, "/api/v1/statuses/",
                                     STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 1);
  g_assert_false (fetch_thread (f, item_id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
}

/* Offline, an account on a remote server cannot fetch. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(StewardTestMonitor) monitor = steward_test_monitor_new (FALSE);
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;
  StewardRemotePost *post = steward_remote_post_new ();
  gint64 remote_account;

  /* An account far away, with one item, written straight to the store. */
  remote_account = steward_store_add_account (f->store, "mastodon", "https://mastodon.invalid",
                                              "77", "brand", "Brand", FALSE, &error);
  g_assert_no_error (error);
  post->remote_id = g_strdup ("9001");
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup ("5");
  post->author->acct = g_strdup ("gil");
  post->text = g_strdup ("@brand hello");
  post->html = g_strdup ("<p>@brand hello</p>");
  post->created_at = g_date_time_new_now_utc ();
  g_ptr_array_add (page->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, "1", post));
  page->caught_up = TRUE;
  g_assert_true (steward_store_ingest_page (f->store, remote_account, STEWARD_STREAM_MENTIONS,
                                            page, NULL, &error));
  g_assert_no_error (error);

  steward_sync_engine_set_network_monitor (steward_context_get_sync_engine (f->context),
                                           G_NETWORK_MONITOR (monitor));
  g_assert_false (fetch_thread (f, item_for_status (f, "9001"), &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE);
  g_clear_error (&error);

  /* The loopback server is reachable whatever the monitor says. */
  {
    g_autofree char *status = mt_add_mention (f->server, "hu@elsewhere.example", "@steward local");

    sync_ok (f);
    g_assert_true (fetch_thread (f, item_for_status (f, status), &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/thread/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fetch", test_fetch);
  ADD ("deleted", test_deleted);
  ADD ("errors", test_errors);
  ADD ("offline", test_offline);

#undef ADD

  return g_test_run ();
}
