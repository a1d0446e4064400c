/* test-send-to-inbox.c — listening results sent to the inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

#define T0 G_GINT64_CONSTANT (1700000000)

typedef struct {
  char         *path;
  StewardStore *store;
  gint64        first;      /* account ids */
  gint64        second;
  gint64        query_id;
} Fixture;

static gint64
post_id_of (StewardStore *store,
            const char   *remote_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM posts WHERE remote_id = '%s'", remote_id);

  return test_query_int (store, sql);
}

/* Posts found only by listening (no inbox item): "l1" seen by the second
 * account, then by the first; "l2" by the second only. And a mention. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(StewardPage) mentions = steward_page_new ();
  g_autoptr(StewardPage) found = steward_page_new ();
  g_autoptr(StewardPage) found_again = steward_page_new ();
  g_autoptr(GError) error = NULL;

  fixture->path = test_db_path ();
  fixture->store = test_open_store (fixture->path);
  fixture->first = test_add_account (fixture->store, "https://example.social", "1");
  fixture->second = test_add_account (fixture->store, "https://example.social", "2");
  g_assert_cmpint (fixture->first, <, fixture->second);

  query = steward_store_add_listening_query (fixture->store, "Parcels", "parcel", NULL, &error);
  g_assert_no_error (error);
  fixture->query_id = steward_listening_query_get_id (query);

  test_page_add (mentions, STEWARD_ITEM_KIND_MENTION, "n1", "m1", "<p>@brand hello</p>", T0);
  test_ingest (fixture->store, fixture->first, STEWARD_STREAM_MENTIONS, mentions);

  g_ptr_array_add (found->posts, test_post ("l1", "<p>My parcel never came</p>", T0 + 100, 3));
  g_ptr_array_add (found->posts, test_post ("l2", "<p>Parcel lost again</p>", T0 + 200, 4));
  g_assert_true (steward_store_ingest_listening_page (fixture->store, fixture->second, fixture->query_id,
                                                      found, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (found_again->posts, test_post ("l1", "<p>My parcel never came</p>", T0 + 100, 3));
  g_assert_true (steward_store_ingest_listening_page (fixture->store, fixture->first, fixture->query_id,
                                                      found_again, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

static void
on_changed_cb (StewardStore *store,
               const char   *what,
               guint        *count)
{
  (*count)++;
}

static void
test_send (Fixture       *fixture,
           gconstpointer  data)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(StewardInboxModel) model = steward_inbox_model_new (fixture->store);
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(StewardInboxItem) top = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GError) error = NULL;
  gint64 l1 = post_id_of (fixture->store, "l1");
  guint n_changed = 0;
  gint64 id;
  gint64 again;

  g_signal_connect (fixture->store, "changed::inbox", G_CALLBACK (on_changed_cb), &n_changed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (steward_store_find_post_inbox_item (fixture->store, l1, &error), ==, 0);
  g_assert_no_error (error);

  id = steward_store_send_to_inbox (fixture->store, l1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (steward_store_find_post_inbox_item (fixture->store, l1, &error), ==, id);

  /* Sending again is the same item, and changes nothing. */
  again = steward_store_send_to_inbox (fixture->store, l1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM inbox_items"), ==, 2);

  /* For the account with the lowest id among those that saw the post. */
  item = steward_store_get_inbox_item (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_inbox_item_get_kind (item), ==, STEWARD_ITEM_KIND_LISTENING);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_NEW);
  g_assert_cmpint (steward_inbox_item_get_account_id (item), ==, fixture->first);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (item), ==, "l1");
  g_assert_cmpstr (steward_inbox_item_get_author (item), ==, "user3@example.social");
  created_at = g_date_time_new_from_unix_utc (T0 + 100);
  g_assert_true (g_date_time_equal (steward_inbox_item_get_created_at (item), created_at));
  g_assert_nonnull (strstr (steward_inbox_item_get_text (item), "parcel never came"));

  /* It is listed, newest first, and filtered by its kind. */
  listed = steward_store_list_inbox (fixture->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (steward_inbox_item_get_id (g_ptr_array_index (listed, 0)), ==, id);
  g_clear_pointer (&listed, g_ptr_array_unref);
  filter.kind = STEWARD_ITEM_KIND_LISTENING;
  listed = steward_store_list_inbox (fixture->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (steward_store_count_inbox (fixture->store, &filter, &error), ==, 1);
  filter.kind = STEWARD_ITEM_KIND_MENTION;
  g_assert_cmpuint (steward_store_count_inbox (fixture->store, &filter, &error), ==, 1);

  /* The model heard "changed::inbox" and shows it on top. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  top = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (steward_inbox_item_get_id (top), ==, id);
  g_assert_cmpint (steward_inbox_item_get_kind (top), ==, STEWARD_ITEM_KIND_LISTENING);

  /* A post only the second account saw goes to that account. */
  g_clear_object (&item);
  id = steward_store_send_to_inbox (fixture->store, post_id_of (fixture->store, "l2"), &error);
  g_assert_no_error (error);
  item = steward_store_get_inbox_item (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_inbox_item_get_account_id (item), ==, fixture->second);
  g_assert_cmpuint (n_changed, ==, 2);
}

static void
test_unknown_post (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_signal_connect (fixture->store, "changed::inbox", G_CALLBACK (on_changed_cb), &n_changed);
  g_assert_cmpint (steward_store_send_to_inbox (fixture->store, 9999, &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM inbox_items"), ==, 1);
}

/* A mention of a post already sent is a separate item (keyed by the
 * notification), and syncing it again leaves the listening item alone. */
static void
test_mention_later (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 l1 = post_id_of (fixture->store, "l1");
  gint64 id;

  id = steward_store_send_to_inbox (fixture->store, l1, &error);
  g_assert_no_error (error);
  g_assert_true (steward_store_set_item_status (fixture->store, id, STEWARD_ITEM_STATUS_PENDING, &error));
  g_assert_no_error (error);

  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n77", "l1", "<p>@brand my parcel never came</p>",
                 T0 + 100);
  g_assert_cmpuint (test_ingest (fixture->store, fixture->first, STEWARD_STREAM_MENTIONS, page), ==, 1);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM inbox_items WHERE post_id = (SELECT id FROM posts WHERE remote_id = 'l1')"), ==, 2);

  item = steward_store_get_inbox_item (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_inbox_item_get_kind (item), ==, STEWARD_ITEM_KIND_LISTENING);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_PENDING);
  g_assert_cmpint (steward_store_send_to_inbox (fixture->store, l1, &error), ==, id);
  g_assert_cmpint (steward_store_find_post_inbox_item (fixture->store, l1, &error), ==, id);
}

/* A sync page can never carry a listening item. */
static void
test_sync_refuses_kind (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;

  test_page_add (page, STEWARD_ITEM_KIND_LISTENING, "x1", "x1", "<p>forged</p>", T0);
  g_assert_false (steward_store_ingest_page (fixture->store, fixture->first, STEWARD_STREAM_MENTIONS,
                                             page, NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM inbox_items"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/send-to-inbox/send", Fixture, NULL, fixture_setup, test_send, fixture_teardown);
  g_test_add ("/core/send-to-inbox/unknown-post", Fixture, NULL, fixture_setup, test_unknown_post,
              fixture_teardown);
  g_test_add ("/core/send-to-inbox/mention-later", Fixture, NULL, fixture_setup, test_mention_later,
              fixture_teardown);
  g_test_add ("/core/send-to-inbox/sync-refuses-kind", Fixture, NULL, fixture_setup,
              test_sync_refuses_kind, fixture_teardown);

  return g_test_run ();
}
