/* test-demo-workspace.c — the demo workspace through context, sync and store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <steward/steward.h>

#include "steward-demo.h"
#include "demo-test-util.h"

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  guint      n_new;
} SyncResult;

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncResult *sync = user_data;

  sync->ok = steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &sync->error);
  g_main_loop_quit (sync->loop);
}

static void
on_account_synced_cb (StewardSyncEngine *engine,
                      gint64             account_id,
                      guint              n_new,
                      gpointer           user_data)
{
  SyncResult *sync = user_data;

  sync->n_new += n_new;
}

/* Syncs every account through the context's engine; returns how many
 * inbox items were new. */
static guint
sync_all (StewardContext *context)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (context);
  SyncResult sync = { 0 };
  gulong handler;

  sync.loop = g_main_loop_new (NULL, FALSE);
  handler = g_signal_connect (engine, "account-synced", G_CALLBACK (on_account_synced_cb), &sync);
  steward_sync_engine_sync_async (engine, 0, NULL, on_sync_done_cb, &sync);
  g_main_loop_run (sync.loop);
  g_signal_handler_disconnect (engine, handler);
  g_main_loop_unref (sync.loop);

  g_assert_no_error (sync.error);
  g_assert_true (sync.ok);
  return sync.n_new;
}

static StewardContext *
open_demo (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  StewardContext *context = steward_context_new (data_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (context);
  steward_demo_register (context);
  g_assert_true (steward_context_has_network (context, "demo"));
  return context;
}

static StewardAccount *
ensure_account (StewardContext *context)
{
  g_autoptr(GError) error = NULL;
  StewardAccount *account = steward_demo_ensure_account (context, &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static GPtrArray *
list_inbox (StewardContext *context)
{
  StewardStore *store = steward_context_get_store (context);
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  guint count;

  count = steward_store_count_inbox (store, &filter, &error);
  g_assert_no_error (error);
  items = steward_store_list_inbox (store, &filter, 0, count + 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, count);
  return items;
}

/* kind:remote_id → text of every inbox item */
static GHashTable *
snapshot_inbox (StewardContext *context)
{
  g_autoptr(GPtrArray) items = list_inbox (context);
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      char *key = g_strdup_printf ("%s:%s",
                                   steward_item_kind_to_string (steward_inbox_item_get_kind (item)),
                                   steward_inbox_item_get_remote_id (item));

      g_assert_false (g_hash_table_contains (snapshot, key));
      g_hash_table_insert (snapshot, key, g_strdup (steward_inbox_item_get_text (item)));
    }
  return snapshot;
}

static void
assert_same_snapshot (GHashTable *a,
                      GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

/* The demo account, synced like any account, fills the inbox with
 * mentions and direct messages in all three languages. */
static void
test_inbox (void)
{
  g_autofree char *data_dir = demo_test_make_dir ("inbox");
  g_autofree char *server_json = g_build_filename (data_dir, "demo", "server.json", NULL);
  g_autoptr(StewardContext) context = open_demo (data_dir);
  g_autoptr(StewardAccount) account = ensure_account (context);
  g_autoptr(StewardAccount) again = ensure_account (context);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  guint scripts[2][DEMO_SCRIPT_MIXED + 1] = { { 0 } };
  guint kinds[2] = { 0 };
  guint n_new;

  g_assert_true (steward_account_get_is_demo (account));
  g_assert_cmpstr (steward_account_get_network (account), ==, "mastodon");
  g_assert_cmpstr (steward_account_get_server (account), ==, "demo");
  g_assert_cmpstr (steward_account_get_username (account), ==, "lumencoffee");
  g_assert_cmpstr (steward_account_get_display_name (account), ==, "Lumen Coffee");
  g_assert_cmpint (steward_account_get_id (again), ==, steward_account_get_id (account));
  accounts = steward_store_list_accounts (steward_context_get_store (context), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);

  n_new = sync_all (context);
  g_assert_true (g_file_test (server_json, G_FILE_TEST_IS_REGULAR));

  items = list_inbox (context);
  g_assert_cmpuint (items->len, ==, n_new);
  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      StewardItemKind kind = steward_inbox_item_get_kind (item);
      DemoScript script = demo_test_classify (steward_inbox_item_get_text (item));

      g_assert_cmpint (steward_inbox_item_get_account_id (item), ==, steward_account_get_id (account));
      g_assert_cmpstr (steward_inbox_item_get_author (item), !=, "");
      g_assert_cmpstr (steward_inbox_item_get_author (item), !=, "lumencoffee");
      g_assert_cmpint (g_date_time_difference (now, steward_inbox_item_get_created_at (item)), <=,
                       31 * G_TIME_SPAN_DAY);
      g_assert_cmpint (script, !=, DEMO_SCRIPT_MIXED);
      kinds[kind]++;
      scripts[kind][script]++;
      if (g_test_verbose () && i < 40)
        g_test_message ("%s %s (%s): %s", steward_item_kind_to_string (kind),
                        steward_inbox_item_get_author (item), steward_inbox_item_get_author_name (item),
                        steward_inbox_item_get_text (item));
    }

  g_test_message ("%u mentions, %u direct conversations", kinds[STEWARD_ITEM_KIND_MENTION],
                  kinds[STEWARD_ITEM_KIND_DIRECT]);
  g_assert_cmpuint (kinds[STEWARD_ITEM_KIND_MENTION], >=, 100);
  g_assert_cmpuint (kinds[STEWARD_ITEM_KIND_DIRECT], >=, 20);
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_HANS], >=, 3);
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_HANT], >=, 3);
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_LATIN], >=, 3);
    }
}

/* After the first sync the older items carry a working team's history:
 * most answered and closed, some waiting, a few never answered; the last
 * day and a half is left untouched, and a second sync changes nothing. */
static void
test_history (void)
{
  g_autofree char *data_dir = demo_test_make_dir ("history");
  g_autoptr(StewardContext) context = open_demo (data_dir);
  g_autoptr(StewardAccount) account = ensure_account (context);
  StewardStore *store = steward_context_get_store (context);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(StewardReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seeded = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const StewardReportRow *total;
  guint n_recent = 0, n_recent_touched = 0, n_closed = 0, n_old = 0;
  double rate;

  sync_all (context);
  seeded = steward_store_get_setting (store, "demo.history-seeded");
  g_assert_cmpstr (seeded, ==, "1");

  items = list_inbox (context);
  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      gint64 created = g_date_time_to_unix (steward_inbox_item_get_created_at (item));
      GDateTime *answered = steward_inbox_item_get_first_response_at (item);

      if (created >= now - 36 * 3600)
        {
          n_recent++;
          if (answered != NULL || steward_inbox_item_get_assignee (item) != NULL)
            n_recent_touched++;
          continue;
        }
      n_old++;
      if (steward_inbox_item_get_status (item) == STEWARD_ITEM_STATUS_CLOSED)
        n_closed++;
      /* Every answer comes after the question, and the history says who. */
      if (answered != NULL)
        {
          g_autoptr(GPtrArray) history = steward_store_list_item_history (store,
                                                                          steward_inbox_item_get_id (item),
                                                                          &error);

          g_assert_no_error (error);
          g_assert_cmpint (g_date_time_to_unix (answered), >, created);
          g_assert_nonnull (steward_inbox_item_get_assignee (item));
          g_assert_cmpuint (history->len, >=, 2);
        }
    }
  g_assert_cmpuint (n_recent_touched, ==, 0);
  g_assert_cmpuint (n_old, >, 100);
  g_assert_cmpuint (n_closed, >, n_old / 2);
  g_assert_cmpuint (n_closed, <, n_old);
  g_test_message ("%u older items, %u closed; %u recent left alone", n_old, n_closed, n_recent);

  report = steward_store_build_report (store, now - 40 * 24 * 3600, now + 1, now, &error);
  g_assert_no_error (error);
  total = steward_report_get_total (report);
  rate = steward_report_row_get_response_rate (total);
  g_test_message ("response rate %.2f, %u breaches", rate, total->n_breached);
  g_assert_cmpfloat (rate, >, 0.5);
  g_assert_cmpfloat (rate, <, 1.0);

  /* Once per workspace. */
  g_clear_pointer (&items, g_ptr_array_unref);
  sync_all (context);
  items = list_inbox (context);
  for (guint i = 0, n = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);

      if (g_date_time_to_unix (steward_inbox_item_get_created_at (item)) < now - 36 * 3600 &&
          steward_inbox_item_get_status (item) == STEWARD_ITEM_STATUS_CLOSED)
        n++;
      if (i == items->len - 1)
        g_assert_cmpuint (n, ==, n_closed);
    }
}

/* A restart with the same workspace keeps every id: a second sync adds
 * nothing, and even a fresh database gets the same items back. */
static void
test_restart (void)
{
  g_autofree char *data_dir = demo_test_make_dir ("restart");
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) second = NULL;
  g_autoptr(GHashTable) third = NULL;
  gint64 account_id;

  {
    g_autoptr(StewardContext) context = open_demo (data_dir);
    g_autoptr(StewardAccount) account = ensure_account (context);

    account_id = steward_account_get_id (account);
    g_assert_cmpuint (sync_all (context), >, 0);
    first = snapshot_inbox (context);
  }

  {
    g_autoptr(StewardContext) context = open_demo (data_dir);
    g_autoptr(StewardAccount) account = ensure_account (context);

    g_assert_cmpint (steward_account_get_id (account), ==, account_id);
    g_assert_cmpuint (sync_all (context), ==, 0);
    second = snapshot_inbox (context);
    assert_same_snapshot (first, second);
  }

  demo_test_remove_database (data_dir);

  {
    g_autoptr(StewardContext) context = open_demo (data_dir);
    g_autoptr(StewardAccount) account = ensure_account (context);

    g_assert_cmpuint (sync_all (context), ==, g_hash_table_size (first));
    third = snapshot_inbox (context);
    assert_same_snapshot (first, third);
  }
}

/* New mentions and messages keep arriving; a later sync picks them up. */
static void
test_live (void)
{
  g_autofree char *data_dir = demo_test_make_dir ("live");
  g_autoptr(StewardContext) context = open_demo (data_dir);
  g_autoptr(StewardAccount) account = ensure_account (context);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) start = NULL;
  guint n_new = 0, fresh = 0;

  sync_all (context);
  before = snapshot_inbox (context);
  start = g_date_time_new_now_utc ();

  steward_demo_set_interval (context, 20, 60);
  for (guint round = 0; round < 40 && n_new < 5; round++)
    {
      g_usleep (100 * 1000);
      n_new += sync_all (context);
    }
  steward_demo_set_interval (context, 0, 0);

  g_assert_cmpuint (n_new, >=, 5);
  items = list_inbox (context);
  g_assert_cmpuint (items->len, ==, g_hash_table_size (before) + n_new);
  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = g_strdup_printf ("%s:%s",
                                              steward_item_kind_to_string (steward_inbox_item_get_kind (item)),
                                              steward_inbox_item_get_remote_id (item));

      if (g_hash_table_contains (before, key))
        continue;
      /* Stored times have second precision. */
      g_assert_cmpint (g_date_time_difference (steward_inbox_item_get_created_at (item), start), >=,
                       -G_USEC_PER_SEC);
      fresh++;
    }
  g_assert_cmpuint (fresh, ==, n_new);
}

/* Live items are kept across a restart like the history. */
static void
test_live_restart (void)
{
  g_autofree char *data_dir = demo_test_make_dir ("live-restart");
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  guint n_live = 0;

  {
    g_autoptr(StewardContext) context = open_demo (data_dir);
    g_autoptr(StewardAccount) account = ensure_account (context);

    sync_all (context);
    steward_demo_set_interval (context, 10, 30);
    for (guint round = 0; round < 40 && n_live < 5; round++)
      {
        g_usleep (100 * 1000);
        n_live += sync_all (context);
      }
    steward_demo_set_interval (context, 0, 0);
    g_assert_cmpuint (n_live, >=, 5);
    /* Whatever arrived between the last sync and the stop. */
    sync_all (context);
    before = snapshot_inbox (context);
  }

  demo_test_remove_database (data_dir);

  {
    g_autoptr(StewardContext) context = open_demo (data_dir);
    g_autoptr(StewardAccount) account = ensure_account (context);

    sync_all (context);
    after = snapshot_inbox (context);
  }

  /* Every id is still there (edits may have changed a text since, and a
   * tick may have slipped in after the last sync before the stop). */
  {
    GHashTableIter iter;
    gpointer key;

    g_assert_cmpuint (g_hash_table_size (after), >=, g_hash_table_size (before));
    g_assert_cmpuint (g_hash_table_size (after), <=, g_hash_table_size (before) + 2);
    g_hash_table_iter_init (&iter, before);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_hash_table_contains (after, key));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* No live items unless a test asks for them, so counts are exact. */
  g_setenv ("STEWARD_DEMO_INTERVAL_MS", "0", TRUE);
  /* The isolated XDG dirs hide GNOME's proxy settings schema; loopback
   * needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/workspace/inbox", test_inbox);
  g_test_add_func ("/demo/workspace/history", test_history);
  g_test_add_func ("/demo/workspace/restart", test_restart);
  g_test_add_func ("/demo/workspace/live", test_live);
  g_test_add_func ("/demo/workspace/live-restart", test_live_restart);

  return g_test_run ();
}
