/* test-inbox-model.c — the lazily paged inbox GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-inbox-item-private.h"
#include "steward-store-private.h"
#include "store-test-util.h"

/* The model's page size and page budget, as documented in its source. */
#define PAGE_SIZE 50
#define MAX_PAGES 8

typedef struct {
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
on_n_items_cb (GObject    *object,
               GParamSpec *pspec,
               guint      *count)
{
  (*count)++;
}

static void
assert_change (GArray *changes,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *last;

  g_assert_cmpuint (changes->len, ==, 1);
  last = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (last->position, ==, position);
  g_assert_cmpuint (last->removed, ==, removed);
  g_assert_cmpuint (last->added, ==, added);
  g_array_set_size (changes, 0);
}

static const char *
remote_id_at (GListModel *model,
              guint       position)
{
  g_autoptr(StewardInboxItem) item = g_list_model_get_item (model, position);
  static char buffer[64];

  g_assert_nonnull (item);
  g_strlcpy (buffer, steward_inbox_item_get_remote_id (item), sizeof buffer);
  return buffer;
}

static void
test_lazy_100k (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardInboxModel) model = NULL;
  g_autoptr(StewardInboxItem) first = NULL;
  g_autoptr(StewardInboxItem) last = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");
  guint baseline;

  g_test_timer_start ();
  for (guint start = 0; start < 100000; start += 10000)
    {
      g_autoptr(StewardPage) page = test_page_range (start, 10000, 1600000000 + start, NULL);

      g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, page), ==, 10000);
    }

  g_test_message ("ingested after %.2f s", g_test_timer_elapsed ());
  baseline = steward_inbox_item_get_n_instances ();
  model = steward_inbox_model_new (store);

  /* Only counted so far. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100000);
  g_assert_cmpuint (steward_inbox_item_get_n_instances (), ==, baseline);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == STEWARD_TYPE_INBOX_ITEM);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), 99999);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (first), ==, "n99999");
  g_assert_cmpstr (steward_inbox_item_get_remote_id (last), ==, "n0");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 100000));

  /* Two pages read, nothing more. */
  g_assert_cmpuint (steward_inbox_item_get_n_instances () - baseline, <=, 2 * PAGE_SIZE);

  /* The same object for the same position while its page is cached. */
  {
    g_autoptr(StewardInboxItem) again = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_true (again == first);
  }

  /* Walking far keeps a bounded number of pages. */
  for (guint i = 0; i < 100000; i += 997)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  g_assert_cmpuint (steward_inbox_item_get_n_instances () - baseline, <=, MAX_PAGES * PAGE_SIZE + 2);

  /* In order across page boundaries (the model reads a page after a cached
   * one from where that one ended). */
  for (guint i = 40000; i < 40000 + 3 * PAGE_SIZE; i++)
    {
      g_autofree char *expected = g_strdup_printf ("n%u", 99999 - i);
      g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), i), ==, expected);
    }

  g_clear_object (&model);
  g_clear_object (&first);
  g_clear_object (&last);
  g_assert_cmpuint (steward_inbox_item_get_n_instances (), ==, baseline);
}

static void
test_new_items_at_top (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) first = test_page_range (0, 120, 1700000000, NULL);
  g_autoptr(StewardPage) newer = test_page_range (120, 7, 1700001000, NULL);
  g_autoptr(StewardPage) older = test_page_range (500, 3, 1600000000, NULL);
  g_autoptr(StewardInboxModel) model = NULL;
  g_autoptr(StewardInboxItem) held = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n_items_notified = 0;
  gint64 account = test_add_account (store, "https://example.social", "1");

  model = steward_inbox_model_new (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (on_n_items_cb), &n_items_notified);

  /* From empty. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, first);
  assert_change (changes, 0, 0, 120);
  g_assert_cmpuint (n_items_notified, ==, 1);
  held = g_list_model_get_item (G_LIST_MODEL (model), 60);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (held), ==, "n59");

  /* Newer items: an insertion at the top, nothing removed. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, newer);
  assert_change (changes, 0, 0, 7);
  g_assert_cmpuint (n_items_notified, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 127);
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), 0), ==, "n126");
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), 7), ==, "n119");
  /* The row that holds an item keeps the same object at its new place. */
  {
    g_autoptr(StewardInboxItem) moved = g_list_model_get_item (G_LIST_MODEL (model), 67);
    g_assert_true (moved == held);
  }

  /* Re-ingesting changes nothing, and nothing is announced. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, newer);
  g_assert_cmpuint (changes->len, ==, 0);

  /* Older items land in the middle: the whole list is replaced. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, older);
  assert_change (changes, 0, 127, 130);
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), 129), ==, "n500");
}

static void
test_status_and_filter (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 30, 1700000000, NULL);
  g_autoptr(StewardInboxModel) model = NULL;
  g_autoptr(StewardInboxModel) only_new = NULL;
  g_autoptr(StewardInboxItem) held = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) new_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  gint64 account = test_add_account (store, "https://example.social", "1");
  gint64 other = test_add_account (store, "https://other.example", "9");
  int status = -2;

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);

  model = steward_inbox_model_new (store);
  only_new = steward_inbox_model_new (store);
  filter.status = STEWARD_ITEM_STATUS_NEW;
  steward_inbox_model_set_filter (only_new, &filter);
  g_object_get (only_new, "status", &status, NULL);
  g_assert_cmpint (status, ==, STEWARD_ITEM_STATUS_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (only_new)), ==, 30);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);
  g_signal_connect (only_new, "items-changed", G_CALLBACK (on_items_changed_cb), new_changes);

  held = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_assert_true (steward_store_set_item_status (store, steward_inbox_item_get_id (held),
                                                STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_no_error (error);

  /* The unfiltered list keeps its rows; the item they hold shows the new
   * status. */
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (steward_inbox_item_get_status (held), ==, STEWARD_ITEM_STATUS_CLOSED);

  /* The list of new items lost one from its middle. */
  assert_change (new_changes, 0, 30, 29);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (only_new)), ==, 29);
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (only_new), 3), ==, "n25");

  /* Filters by property. */
  g_object_set (model, "status", STEWARD_ITEM_STATUS_CLOSED, NULL);
  assert_change (changes, 0, 30, 1);
  g_object_set (model, "status", -1, "account-id", other, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_object_set (model, "account-id", account, "kind", STEWARD_ITEM_KIND_DIRECT, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_object_set (model, "kind", STEWARD_ITEM_KIND_MENTION, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 30);

  /* Removing the account empties both. */
  g_array_set_size (changes, 0);
  g_array_set_size (new_changes, 0);
  g_assert_true (steward_store_remove_account (store, account, &error));
  assert_change (changes, 0, 30, 0);
  assert_change (new_changes, 0, 29, 0);
}

static gpointer
ingest_in_thread (gpointer data)
{
  StewardStore *main_store = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardStore) store = steward_store_open (steward_store_get_path (main_store), &error);
  g_autoptr(StewardPage) page = test_page_range (10, 5, 1700000500, NULL);

  g_assert_no_error (error);
  g_assert_true (steward_store_ingest_page (store, 1, STEWARD_STREAM_MENTIONS, page, NULL, &error));
  g_assert_no_error (error);
  /* As the sync engine does: tell the main thread's store. */
  steward_store_notify_changed (main_store, "inbox");
  return NULL;
}

static void
test_other_connection (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 10, 1700000000, NULL);
  g_autoptr(StewardInboxModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  gint64 account = test_add_account (store, "https://example.social", "1");

  g_assert_cmpint (account, ==, 1);
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  model = steward_inbox_model_new (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  /* Written elsewhere: the model does not move until told… */
  g_thread_join (g_thread_new ("sync", ingest_in_thread, store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), 0), ==, "n9");

  /* …and then inserts at the top. */
  while (changes->len == 0)
    g_main_context_iteration (NULL, TRUE);
  assert_change (changes, 0, 0, 5);
  g_assert_cmpstr (remote_id_at (G_LIST_MODEL (model), 0), ==, "n14");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/inbox-model/lazy-100k", test_lazy_100k);
  g_test_add_func ("/core/inbox-model/new-items-at-top", test_new_items_at_top);
  g_test_add_func ("/core/inbox-model/status-and-filter", test_status_and_filter);
  g_test_add_func ("/core/inbox-model/other-connection", test_other_connection);

  return g_test_run ();
}
