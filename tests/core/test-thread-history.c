/* test-thread-history.c — cached threads, an item's history and an
 * author's record across accounts, on real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

#define BASE_TIME 1700000000

static StewardRemotePost *
make_post (const char *remote_id,
           const char *text,
           gint64      when,
           const char *author_id,
           const char *acct,
           const char *url)
{
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (remote_id);
  post->url = g_strdup_printf ("https://a.example/@x/%s", remote_id);
  post->html = g_strdup_printf ("<p>%s</p>", text);
  post->text = g_strdup (text);
  post->created_at = g_date_time_new_from_unix_utc (when);
  post->visibility = g_strdup ("public");
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup (author_id);
  post->author->acct = g_strdup (acct);
  post->author->display_name = g_strdup (acct);
  post->author->url = g_strdup (url);
  post->author->followers = 42;
  return post;
}

static gint64
ingest_item (StewardStore      *store,
             gint64             account,
             const char        *item_remote_id,
             StewardRemotePost *post)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autofree char *sql = NULL;

  g_ptr_array_add (page->items,
                   steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, item_remote_id, post));
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  sql = g_strdup_printf ("SELECT id FROM inbox_items WHERE account_id = %" G_GINT64_FORMAT
                         " AND remote_id = '%s'", account, item_remote_id);
  return test_query_int (store, sql);
}

static char *
thread_ids (StewardStore *store,
            gint64        item_id,
            gint64       *fetched_at,
            gboolean     *deleted)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  posts = steward_store_list_thread (store, item_id, fetched_at, deleted, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            steward_post_get_remote_id (g_ptr_array_index (posts, i)));
  return g_string_free (ids, FALSE);
}

static gint64
first_response (StewardStore *store,
                gint64        item_id)
{
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *at;

  item = steward_store_get_inbox_item (store, item_id, &error);
  g_assert_no_error (error);
  at = steward_inbox_item_get_first_response_at (item);
  return at != NULL ? g_date_time_to_unix (at) : 0;
}

static void
on_changed_cb (StewardStore *store,
               const char   *what,
               GPtrArray    *seen)
{
  g_ptr_array_add (seen, g_strdup (what));
}

static void
test_thread (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) thread = steward_page_new ();
  g_autoptr(StewardPage) shorter = steward_page_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *kept = NULL;
  gint64 account = test_add_account (store, "https://a.example", "100");
  gint64 fetched_at = -1;
  gboolean deleted = TRUE;
  gint64 item;

  item = ingest_item (store, account, "n1",
                      make_post ("p1", "Where is my order?", BASE_TIME, "7", "kim@b.example", NULL));

  /* Never fetched: the item's own post. */
  before = thread_ids (store, item, &fetched_at, &deleted);
  g_assert_cmpstr (before, ==, "p1");
  {
    g_autoptr(GPtrArray) own = steward_store_list_thread (store, item, NULL, NULL, &error);
    g_autoptr(StewardInboxItem) it = steward_store_get_inbox_item (store, item, &error);

    g_assert_no_error (error);
    g_assert_cmpint (steward_post_get_id (g_ptr_array_index (own, 0)), ==,
                     steward_inbox_item_get_post_id (it));
    g_assert_cmpint (steward_inbox_item_get_post_id (it), >, 0);
  }
  g_assert_cmpint (fetched_at, ==, 0);
  g_assert_false (deleted);

  /* Our own account wrote before the item (not an answer) and twice after
   * it; the earliest of those is the first response. Any order. */
  g_ptr_array_add (thread->posts, make_post ("r2", "Any news?", BASE_TIME + 20, "7", "kim@b.example", NULL));
  g_ptr_array_add (thread->posts, make_post ("r3", "We’re on it", BASE_TIME + 90, "100", "brand", NULL));
  g_ptr_array_add (thread->posts, make_post ("p1", "Where is my order?", BASE_TIME, "7", "kim@b.example", NULL));
  g_ptr_array_add (thread->posts, make_post ("r1", "Let me check", BASE_TIME + 50, "100", "brand", NULL));
  g_ptr_array_add (thread->posts, make_post ("p0", "New beans today", BASE_TIME - 100, "100", "brand", NULL));
  thread->cursor = g_strdup ("must-not-be-stored");

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), seen);
  g_assert_true (steward_store_save_thread (store, item, thread, FALSE, &error));
  g_assert_no_error (error);

  after = thread_ids (store, item, &fetched_at, &deleted);
  g_assert_cmpstr (after, ==, "p0 p1 r2 r1 r3");
  g_assert_cmpint (fetched_at, >, BASE_TIME);
  g_assert_false (deleted);
  g_assert_cmpint (first_response (store, item), ==, BASE_TIME + 50);
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM cursors"), ==, 0);
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM inbox_items"), ==, 1);

  /* Thread posts are cached like others: searchable. */
  {
    g_autoptr(GPtrArray) found = steward_store_search (store, "check", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }

  {
    gboolean threads = FALSE;
    gboolean inbox = FALSE;

    for (guint i = 0; i < seen->len; i++)
      {
        threads |= g_str_equal (g_ptr_array_index (seen, i), "threads");
        inbox |= g_str_equal (g_ptr_array_index (seen, i), "inbox");
      }
    g_assert_true (threads);
    g_assert_true (inbox);
  }

  /* A new fetch replaces the cached thread; the first response stays. */
  g_ptr_array_add (shorter->posts, make_post ("p1", "Where is my order?", BASE_TIME, "7", "kim@b.example", NULL));
  g_ptr_array_add (shorter->posts, make_post ("r3", "We’re on it", BASE_TIME + 90, "100", "brand", NULL));
  g_assert_true (steward_store_save_thread (store, item, shorter, FALSE, &error));
  g_assert_no_error (error);
  replaced = thread_ids (store, item, NULL, NULL);
  g_assert_cmpstr (replaced, ==, "p1 r3");
  g_assert_cmpint (first_response (store, item), ==, BASE_TIME + 50);

  /* Deleted on the server: recorded, what was cached is kept. */
  g_assert_true (steward_store_save_thread (store, item, NULL, TRUE, &error));
  g_assert_no_error (error);
  kept = thread_ids (store, item, NULL, &deleted);
  g_assert_cmpstr (kept, ==, "p1 r3");
  g_assert_true (deleted);

  g_assert_false (steward_store_save_thread (store, 4242, shorter, FALSE, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_thread_without_our_reply (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) thread = steward_page_new ();
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://a.example", "100");
  gint64 item;

  item = ingest_item (store, account, "n1",
                      make_post ("p1", "Hello?", BASE_TIME, "7", "kim@b.example", NULL));

  /* Someone else answering is not our response. */
  g_ptr_array_add (thread->posts, make_post ("p1", "Hello?", BASE_TIME, "7", "kim@b.example", NULL));
  g_ptr_array_add (thread->posts, make_post ("x1", "Not me", BASE_TIME + 10, "55", "fan@b.example", NULL));
  g_assert_true (steward_store_save_thread (store, item, thread, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_response (store, item), ==, 0);
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM item_threads"), ==, 2);
}

static void
test_item_history (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 2, BASE_TIME, NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char * const tags[] = { "refund", NULL };
  gint64 account = test_add_account (store, "https://example.social", "1");
  gint64 item;
  g_autoptr(GString) texts = g_string_new (NULL);

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  item = test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'n0'");

  change.assignee = "Mei";
  change.add_tags = tags;
  change.actor = "Jun";
  g_assert_true (steward_store_change_items (store, &item, 1, &change, &error));
  change = (StewardItemChange) STEWARD_ITEM_CHANGE_INIT;
  change.note = "Asked for the order number";
  change.actor = "Mei";
  g_assert_true (steward_store_change_items (store, &item, 1, &change, &error));
  g_assert_true (steward_store_set_item_status (store, item, STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_no_error (error);

  history = steward_store_list_item_history (store, item, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      StewardHistoryEntry *entry = g_ptr_array_index (history, i);

      g_string_append_printf (texts, "%d:%s:%s|", entry->kind, entry->actor, entry->text);
      g_assert_cmpint (entry->item_id, ==, item);
      g_assert_cmpstr (entry->account_label, ==, "@brand@example.social");
      if (i > 0)
        g_assert_cmpint (entry->at, >=, ((StewardHistoryEntry *) g_ptr_array_index (history, i - 1))->at);
    }
  g_test_message ("%s", texts->str);

  /* In words; the note once, as a note. */
  g_assert_nonnull (strstr (texts->str, "3:Jun:Assigned to Mei|"));
  g_assert_nonnull (strstr (texts->str, "3:Jun:Tagged “refund”|"));
  g_assert_nonnull (strstr (texts->str, "2:Mei:Asked for the order number|"));
  g_assert_true (g_str_has_suffix (texts->str, "Status: Closed|"));
  g_assert_cmpuint (history->len, ==, 4);

  g_clear_pointer (&history, g_ptr_array_unref);
  history = steward_store_list_item_history (store, 999, &error);
  g_assert_null (history);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
add_outbox (StewardStore *store,
            gint64        account,
            gint64        item,
            const char   *key,
            const char   *state,
            const char   *text,
            gint64        at)
{
  g_autofree char *sent_at = g_str_equal (state, "sent") ? g_strdup_printf ("%" G_GINT64_FORMAT, at + 5)
                                                         : g_strdup ("NULL");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO outbox (account_id, item_id, idempotency_key, text, author, state,"
    "                    created_at, updated_at, sent_at)"
    " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '%s', 'Mei', '%s',"
    "         %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %s)",
    account, item, key, text, state, at, at, sent_at);

  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_author_history (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char *kim = "https://b.example/@kim";
  gint64 on_a = test_add_account (store, "https://a.example", "100");
  gint64 on_c = test_add_account (store, "https://c.example", "200");
  gint64 current, earlier_a, on_other, stranger, same_id_no_url;

  /* Kim, seen from our account on a.example (remote id 7) and from our
   * account on c.example (remote id 9001): one profile URL. */
  current = ingest_item (store, on_a, "n3",
                         make_post ("p3", "Still broken", BASE_TIME + 300, "7", "kim@b.example", kim));
  earlier_a = ingest_item (store, on_a, "n1",
                           make_post ("p1", "My grinder broke", BASE_TIME + 100, "7", "kim@b.example", kim));
  on_other = ingest_item (store, on_c, "m1",
                          make_post ("q1", "Hello from c", BASE_TIME + 200, "9001", "kim@b.example", kim));
  stranger = ingest_item (store, on_c, "m2",
                          make_post ("q2", "Unrelated", BASE_TIME + 250, "9002", "lee@d.example",
                                     "https://d.example/@lee"));

  add_outbox (store, on_a, earlier_a, "k1", "sent", "Sorry to hear that", BASE_TIME + 110);
  add_outbox (store, on_c, on_other, "k2", "queued", "Hi Kim", BASE_TIME + 210);
  add_outbox (store, on_c, on_other, "k3", "failed", "never sent", BASE_TIME + 211);
  add_outbox (store, on_a, current, "k4", "sent", "About this one", BASE_TIME + 310);
  add_outbox (store, on_c, stranger, "k5", "sent", "Not Kim", BASE_TIME + 260);

  change.note = "Long-time customer";
  change.actor = "Jun";
  g_assert_true (steward_store_change_items (store, &on_other, 1, &change, &error));
  change.note = "A note on the current item";
  g_assert_true (steward_store_change_items (store, &current, 1, &change, &error));
  g_assert_no_error (error);
  /* Notes are written at the real time; place this one in the story. */
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store),
                                 "UPDATE item_notes SET created_at = 1700000205"
                                 " WHERE text = 'Long-time customer'", NULL, NULL, NULL), ==, SQLITE_OK);

  history = steward_store_list_author_history (store, current, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      StewardHistoryEntry *entry = g_ptr_array_index (history, i);

      g_string_append_printf (lines, "%d %s %s %s\n", entry->kind, entry->actor, entry->text,
                              entry->account_label);
    }
  g_test_message ("%s", lines->str);
  g_assert_cmpstr (lines->str, ==,
                   "1 Mei Hi Kim @brand@c.example\n"
                   "2 Jun Long-time customer @brand@c.example\n"
                   "0 kim@b.example Hello from c @brand@c.example\n"
                   "1 Mei Sorry to hear that @brand@a.example\n"
                   "0 kim@b.example My grinder broke @brand@a.example\n");
  g_assert_cmpint (((StewardHistoryEntry *) g_ptr_array_index (history, 2))->item_id, ==, on_other);
  g_assert_cmpint (((StewardHistoryEntry *) g_ptr_array_index (history, 3))->at, ==, BASE_TIME + 115);

  limited = steward_store_list_author_history (store, current, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 2);

  /* Without a profile URL, the same (server, remote id) still matches. */
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store), "UPDATE authors SET url = NULL",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = steward_store_list_author_history (store, current, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  same_id_no_url = ((StewardHistoryEntry *) g_ptr_array_index (history, 1))->item_id;
  g_assert_cmpint (same_id_no_url, ==, earlier_a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/thread/save-and-list", test_thread);
  g_test_add_func ("/core/thread/not-our-reply", test_thread_without_our_reply);
  g_test_add_func ("/core/history/item", test_item_history);
  g_test_add_func ("/core/history/author-across-accounts", test_author_history);

  return g_test_run ();
}
