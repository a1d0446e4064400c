/* test-store.c — the SQLite store: accounts, ingesting pages, cursors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-account-private.h"
#include "steward-inbox-item-private.h"
#include "steward-store-private.h"
#include "store-test-util.h"

typedef struct {
  guint accounts;
  guint inbox;
  guint posts;
  GThread *thread;
} Changes;

static void
on_changed_cb (StewardStore *store,
               const char   *what,
               Changes      *changes)
{
  changes->thread = g_thread_self ();
  if (g_str_equal (what, "accounts"))
    changes->accounts++;
  else if (g_str_equal (what, "inbox"))
    changes->inbox++;
  else if (g_str_equal (what, "posts"))
    changes->posts++;
}

static char *
query_text (StewardStore *store,
            const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_open_pragmas (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autofree char *journal = query_text (store, "PRAGMA journal_mode");

  g_assert_cmpstr (steward_store_get_path (store), ==, path);
  g_assert_cmpint (steward_store_get_schema_version (store), ==, steward_store_get_latest_version ());
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  /* NORMAL */
  g_assert_cmpint (test_query_int (store, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (test_query_int (store, "PRAGMA busy_timeout"), >, 0);
}

static void
test_accounts (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(StewardAccount) demo_account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *demo_label = NULL;
  Changes changes = { 0, };
  gint64 id, again, demo;

  g_signal_connect (store, "changed::accounts", G_CALLBACK (on_changed_cb), &changes);

  id = steward_store_add_account (store, "mastodon", "https://mastodon.social", "42",
                                  "brand", "Brand", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.accounts, ==, 1);

  /* The same account again updates it in place. */
  again = steward_store_add_account (store, "mastodon", "https://mastodon.social", "42",
                                     "brand", "Brand Inc.", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);

  demo = steward_store_add_account (store, "mastodon", "demo", "1", "lumen", NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (demo, !=, id);

  accounts = steward_store_list_accounts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);

  account = steward_store_get_account (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_account_get_display_name (account), ==, "Brand Inc.");
  g_assert_cmpstr (steward_account_get_server (account), ==, "https://mastodon.social");
  g_assert_false (steward_account_get_is_demo (account));
  g_assert_null (steward_account_get_last_sync (account));
  label = steward_account_dup_label (account);
  g_assert_cmpstr (label, ==, "@brand@mastodon.social");

  demo_account = steward_store_get_account (store, demo, &error);
  g_assert_no_error (error);
  demo_label = steward_account_dup_label (demo_account);
  g_assert_cmpstr (demo_label, ==, "Demo");
  g_clear_object (&account);

  g_assert_true (steward_store_set_account_state (store, id, STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN,
                                                  &error));
  g_assert_true (steward_store_set_account_synced (store, id, when, &error));
  g_assert_no_error (error);
  account = steward_store_get_account (store, id, &error);
  g_assert_cmpint (steward_account_get_state (account), ==, STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN);
  g_assert_true (g_date_time_equal (steward_account_get_last_sync (account), when));

  g_assert_null (steward_store_get_account (store, 9999, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (steward_store_set_account_state (store, 9999, STEWARD_ACCOUNT_STATE_OK, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (steward_store_remove_account (store, 9999, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_labels_and_initials (void)
{
  struct { const char *name, *acct, *initials; } cases[] = {
    { "Ada Lovelace", "ada", "AL" },
    { "zoë müller", "zoe", "ZM" },
    { "王小明", "wang", "王" },
    { "陳 大文", "chan", "陳" },
    { "さくら", "sakura", "さ" },
    { ":blobcat: Mia", "mia", "M" },
    { NULL, "@olga@other.host", "O" },
    { "", "kim", "K" },
    { "🎉🎉", "party_time", "PT" },
    { "Jean-Luc Picard", "jl", "JP" },
    { "🎉", "🎉", "?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *initials = steward_initials_for_name (cases[i].name, cases[i].acct);

      g_assert_cmpstr (initials, ==, cases[i].initials);
    }

  {
    g_autofree char *a = steward_account_format_label ("https://m.example:8443/", "bob", FALSE);
    g_autofree char *b = steward_account_format_label ("https://m.example", "bob@elsewhere.org", FALSE);

    g_assert_cmpstr (a, ==, "@bob@m.example");
    g_assert_cmpstr (b, ==, "@bob@elsewhere.org");
  }
}

static void
test_upsert_idempotent (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 30, 1700000000, "c1");
  g_autoptr(StewardPage) direct = steward_page_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardInboxItem *newest;
  Changes changes = { 0, };
  gint64 account = test_add_account (store, "https://example.social", "1");

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changes);

  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, page), ==, 30);
  g_assert_cmpuint (changes.inbox, ==, 1);
  g_assert_cmpuint (changes.posts, ==, 1);

  /* The same page again: nothing new, no change announced. */
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, page), ==, 0);
  g_assert_cmpuint (changes.inbox, ==, 1);
  g_assert_cmpuint (changes.posts, ==, 1);
  g_assert_cmpuint (test_count_all (store), ==, 30);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 30);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM authors"), ==, 7);

  /* An author renamed: updated once, announced, still one author. */
  {
    StewardRemoteItem *item = g_ptr_array_index (page->items, 29);

    g_free (item->post->author->display_name);
    item->post->author->display_name = g_strdup ("Renamed");
    g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, page), ==, 0);
    g_assert_cmpuint (changes.inbox, ==, 2);
    g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM authors"), ==, 7);
  }

  /* A direct message about a post already known is a second item of
   * another kind, not a second post. */
  test_page_add (direct, STEWARD_ITEM_KIND_DIRECT, "conv1", "p3", "<p>Post number 3 about coffee</p>",
                 1700000003);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_DIRECT, direct), ==, 1);
  g_assert_cmpuint (test_count_all (store), ==, 31);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 30);

  items = steward_store_list_inbox (store, &filter, 0, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 5);
  newest = g_ptr_array_index (items, 0);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (newest), ==, "n29");
  g_assert_cmpstr (steward_inbox_item_get_text (newest), ==, "Post number 29 about coffee");
  g_assert_cmpstr (steward_inbox_item_get_network (newest), ==, "mastodon");
  g_assert_cmpstr (steward_inbox_item_get_account_label (newest), ==, "@brand@example.social");
  g_assert_cmpstr (steward_inbox_item_get_author (newest), ==, "user2@example.social");
  g_assert_cmpstr (steward_inbox_item_get_author_name (newest), ==, "Renamed");
  g_assert_cmpint (steward_inbox_item_get_kind (newest), ==, STEWARD_ITEM_KIND_MENTION);
  g_assert_cmpint (steward_inbox_item_get_status (newest), ==, STEWARD_ITEM_STATUS_NEW);
  g_assert_cmpint (g_date_time_to_unix (steward_inbox_item_get_created_at (newest)), ==, 1700000029);
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpint (g_date_time_compare (steward_inbox_item_get_created_at (g_ptr_array_index (items, i - 1)),
                                          steward_inbox_item_get_created_at (g_ptr_array_index (items, i))),
                     >=, 0);

  filter.kind = STEWARD_ITEM_KIND_DIRECT;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 1);
  filter.kind = -1;
  filter.account_id = account;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 31);
  filter.account_id = account + 1;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 0);
  g_assert_no_error (error);
}

/* Ingest keeps no markup for a post with HTML: it is derived from the HTML
 * when the post is read. A post that came as plain text keeps its stored
 * markup, as do rows from before. */
static void
test_markup_derived (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(StewardInboxItem) html_item = NULL;
  g_autoptr(StewardInboxItem) text_item = NULL;
  g_autoptr(StewardInboxItem) old_item = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html_markup = NULL;
  g_autofree char *text_markup = NULL;
  StewardRemotePost *post;
  gint64 account = test_add_account (store, "https://example.social", "1");
  const char *html = "<p>Tea &amp; <b>cakes</b> at <a href=\"https://tea.example/\">tea.example</a></p>";
  const char *text = "Plain 1 < 2 & 3\nsecond line";

  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n1", "p1", html, 1700000000);
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n2", "p2", NULL, 1700000001);
  post = ((StewardRemoteItem *) g_ptr_array_index (page->items, 1))->post;
  post->text = g_strdup (text);
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n3", "p3", "<p>Old <i>row</i></p>", 1700000002);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, page), ==, 3);

  steward_html_convert (html, NULL, &html_markup);
  steward_html_convert (text, NULL, &text_markup);
  g_assert_cmpstr (html_markup, !=, "");
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts WHERE markup = ''"), ==, 2);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts WHERE remote_id = 'p2'"
                                          " AND markup != '' AND html IS NULL"), ==, 1);

  /* A row as earlier versions wrote it, with its markup stored. */
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store),
                                 "UPDATE posts SET markup = 'stored <i>markup</i>' WHERE remote_id = 'p3'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  html_item = steward_store_get_inbox_item (store, test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'n1'"), &error);
  g_assert_no_error (error);
  text_item = steward_store_get_inbox_item (store, test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'n2'"), &error);
  g_assert_no_error (error);
  old_item = steward_store_get_inbox_item (store, test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'n3'"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_inbox_item_get_markup (html_item), ==, html_markup);
  g_assert_nonnull (strstr (steward_inbox_item_get_markup (html_item), "<b>cakes</b>"));
  g_assert_cmpstr (steward_inbox_item_get_markup (text_item), ==, text_markup);
  g_assert_nonnull (strstr (steward_inbox_item_get_markup (text_item), "1 &lt; 2 &amp; 3"));
  g_assert_cmpstr (steward_inbox_item_get_markup (old_item), ==, "stored <i>markup</i>");

  /* Search results carry the same markup. */
  found = steward_store_search (store, "cakes", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (steward_post_get_markup (g_ptr_array_index (found, 0)), ==, html_markup);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = steward_store_search (store, "second", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (steward_post_get_markup (g_ptr_array_index (found, 0)), ==, text_markup);
}

static void
test_edit_in_place (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) first = steward_page_new ();
  g_autoptr(StewardPage) edited = steward_page_new ();
  g_autoptr(StewardPage) stale = steward_page_new ();
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  StewardRemotePost *post;
  gint64 account = test_add_account (store, "https://example.social", "1");
  gint64 item_id;

  test_page_add (first, STEWARD_ITEM_KIND_MENTION, "n1", "p1", "<p>Teh original</p>", 1700000000);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, first), ==, 1);
  item_id = test_query_int (store, "SELECT id FROM inbox_items");

  test_page_add (edited, STEWARD_ITEM_KIND_MENTION, "n1", "p1", "<p>The <b>corrected</b> text</p>",
                 1700000000);
  post = ((StewardRemoteItem *) g_ptr_array_index (edited->items, 0))->post;
  post->edited_at = g_date_time_new_from_unix_utc (1700000500);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, edited), ==, 0);

  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT edited_at FROM posts"), ==, 1700000500);
  item = steward_store_get_inbox_item (store, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_inbox_item_get_text (item), ==, "The corrected text");
  g_assert_nonnull (strstr (steward_inbox_item_get_markup (item), "<b>corrected</b>"));

  /* Search follows the edit. */
  found = steward_store_search (store, "teh", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = steward_store_search (store, "corrected", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);

  /* An older copy (say from another stream's page) does not undo the edit. */
  test_page_add (stale, STEWARD_ITEM_KIND_MENTION, "n1", "p1", "<p>Teh original</p>", 1700000000);
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, stale);
  g_clear_object (&item);
  item = steward_store_get_inbox_item (store, item_id, &error);
  g_assert_cmpstr (steward_inbox_item_get_text (item), ==, "The corrected text");

  g_clear_object (&item);
  g_assert_null (steward_store_get_inbox_item (store, item_id + 100, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_conversation_moves (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) first = steward_page_new ();
  g_autoptr(StewardPage) later = steward_page_new ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  gint64 account = test_add_account (store, "https://example.social", "1");

  test_page_add (first, STEWARD_ITEM_KIND_DIRECT, "c1", "p1", "<p>Hello?</p>", 1700000000);
  test_page_add (first, STEWARD_ITEM_KIND_MENTION, "n2", "p2", "<p>Other</p>", 1700000100);
  test_ingest (store, account, STEWARD_STREAM_DIRECT, first);

  /* The conversation's latest message is new: the same item, moved up. */
  test_page_add (later, STEWARD_ITEM_KIND_DIRECT, "c1", "p3", "<p>Anyone there?</p>", 1700000200);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_DIRECT, later), ==, 0);

  items = steward_store_list_inbox (store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (g_ptr_array_index (items, 0)), ==, "c1");
  g_assert_cmpstr (steward_inbox_item_get_text (g_ptr_array_index (items, 0)), ==, "Anyone there?");
}

static void
test_remove_account (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) shared_a = steward_page_new ();
  g_autoptr(StewardPage) shared_b = steward_page_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  Changes changes = { 0, };
  gint64 a = test_add_account (store, "https://example.social", "1");
  gint64 b = test_add_account (store, "https://example.social", "2");
  StewardRemotePost *own;

  /* Both accounts were mentioned in p1; only a saw p2 (by another author). */
  test_page_add (shared_a, STEWARD_ITEM_KIND_MENTION, "a1", "p1", "<p>shared hello</p>", 1700000000);
  own = test_post ("p2", "<p>private zebra</p>", 1700000001, 99);
  g_ptr_array_add (shared_a->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, "a2", own));
  shared_a->cursor = g_strdup ("cursor-a");
  test_page_add (shared_b, STEWARD_ITEM_KIND_MENTION, "b1", "p1", "<p>shared hello</p>", 1700000000);
  shared_b->cursor = g_strdup ("cursor-b");
  test_ingest (store, a, STEWARD_STREAM_MENTIONS, shared_a);
  test_ingest (store, b, STEWARD_STREAM_MENTIONS, shared_b);

  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 2);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM authors"), ==, 2);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM cursors"), ==, 2);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changes);
  g_assert_true (steward_store_remove_account (store, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.accounts, ==, 1);
  g_assert_cmpuint (changes.inbox, ==, 1);

  g_assert_cmpuint (test_count_all (store), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts WHERE remote_id = 'p1'"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM authors"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM cursors"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM post_accounts"), ==, 1);
  g_assert_null (steward_store_get_cursor (store, a, STEWARD_STREAM_MENTIONS, &error));
  g_assert_no_error (error);
  cursor = steward_store_get_cursor (store, b, STEWARD_STREAM_MENTIONS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-b");

  /* The removed post left the search index too. */
  found = steward_store_search (store, "zebra", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = steward_store_search (store, "shared", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (steward_post_get_account_id (g_ptr_array_index (found, 0)), ==, b);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static void
test_cursor_with_page (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) good = test_page_range (0, 10, 1700000000, "cursor-1");
  g_autoptr(StewardPage) bad = test_page_range (10, 10, 1700001000, "cursor-2");
  g_autoptr(StewardPage) no_cursor = test_page_range (20, 1, 1700002000, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  StewardRemoteItem *broken;
  Changes changes = { 0, };
  guint n_new = 7;
  gint64 account = test_add_account (store, "https://example.social", "1");

  g_assert_null (steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error));
  g_assert_no_error (error);

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, good);
  cursor = steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_clear_pointer (&cursor, g_free);
  g_assert_null (steward_store_get_cursor (store, account, STEWARD_STREAM_DIRECT, &error));

  /* The last item of the page is unusable: the nine before it, and the
   * cursor, must not be kept either. */
  broken = g_ptr_array_index (bad->items, bad->items->len - 1);
  g_clear_pointer (&broken->post->author, steward_remote_author_free);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changes);
  g_assert_false (steward_store_ingest_page (store, account, STEWARD_STREAM_MENTIONS, bad,
                                             &n_new, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpuint (changes.inbox, ==, 0);
  g_assert_cmpuint (test_count_all (store), ==, 10);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 10);
  cursor = steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_clear_pointer (&cursor, g_free);

  /* A page without a cursor keeps the stored one. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, no_cursor);
  cursor = steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-1");

  /* Unknown account. */
  g_assert_false (steward_store_ingest_page (store, account + 1, STEWARD_STREAM_MENTIONS, good,
                                             NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_disk_full (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) small = test_page_range (0, 5, 1700000000, "cursor-1");
  g_autoptr(StewardPage) big = steward_page_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *pragma = NULL;
  GString *long_html = g_string_new ("<p>");
  gint64 account = test_add_account (store, "https://example.social", "1");
  gint64 pages;

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, small);

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (long_html, "word%u ", i);
  g_string_append (long_html, "</p>");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *item_id = g_strdup_printf ("big%u", i);
      g_autofree char *post_id = g_strdup_printf ("bigpost%u", i);

      test_page_add (big, STEWARD_ITEM_KIND_MENTION, item_id, post_id, long_html->str,
                     1700001000 + i);
    }
  big->cursor = g_strdup ("cursor-2");
  g_string_free (long_html, TRUE);

  /* This connection may not grow the file any further: the disk is full. */
  pages = test_query_int (store, "PRAGMA page_count");
  pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
  g_assert_cmpint (test_query_int (store, pragma), ==, pages + 2);

  g_assert_false (steward_store_ingest_page (store, account, STEWARD_STREAM_MENTIONS, big,
                                             NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_DISK_FULL);
  g_assert_nonnull (error->message);
  g_clear_error (&error);

  g_assert_cmpuint (test_count_all (store), ==, 5);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM posts"), ==, 5);
  cursor = steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  g_clear_pointer (&cursor, g_free);
  {
    g_autofree char *integrity = query_text (store, "PRAGMA integrity_check");
    g_assert_cmpstr (integrity, ==, "ok");
  }

  /* Space again: the same page goes in whole. */
  g_assert_cmpint (test_query_int (store, "PRAGMA max_page_count = 1000000000"), >, pages);
  g_assert_cmpuint (test_ingest (store, account, STEWARD_STREAM_MENTIONS, big), ==, 200);
  cursor = steward_store_get_cursor (store, account, STEWARD_STREAM_MENTIONS, &error);
  g_assert_cmpstr (cursor, ==, "cursor-2");
}

static void
test_item_status (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 4, 1700000000, NULL);
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  Changes changes = { 0, };
  gint64 account = test_add_account (store, "https://example.social", "1");
  gint64 item_id;

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  item_id = test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'n2'");

  g_signal_connect (store, "changed::inbox", G_CALLBACK (on_changed_cb), &changes);
  g_assert_true (steward_store_set_item_status (store, item_id, STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.inbox, ==, 1);
  /* No change, no signal. */
  g_assert_true (steward_store_set_item_status (store, item_id, STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_cmpuint (changes.inbox, ==, 1);

  item = steward_store_get_inbox_item (store, item_id, &error);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_CLOSED);

  filter.status = STEWARD_ITEM_STATUS_NEW;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 3);
  filter.status = STEWARD_ITEM_STATUS_CLOSED;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 1);
  filter.status = 17;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Re-syncing the item keeps its triage status. */
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  g_clear_object (&item);
  item = steward_store_get_inbox_item (store, item_id, &error);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_CLOSED);

  g_assert_false (steward_store_set_item_status (store, item_id + 1000, STEWARD_ITEM_STATUS_OPEN,
                                                 &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static gpointer
notify_from_thread (gpointer data)
{
  StewardStore *store = data;

  steward_store_notify_changed (store, "inbox");
  steward_store_notify_changed (store, "inbox");
  steward_store_notify_changed (store, "accounts");
  return NULL;
}

static void
test_notify_from_thread (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  Changes changes = { 0, };
  GThread *thread;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changes);
  thread = g_thread_new ("notifier", notify_from_thread, store);
  g_thread_join (thread);

  /* Nothing is emitted on the notifying thread… */
  g_assert_cmpuint (changes.inbox, ==, 0);
  g_assert_cmpuint (changes.accounts, ==, 0);

  /* …but in this thread's main context, coalesced. */
  while (changes.inbox == 0 || changes.accounts == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes.inbox, ==, 1);
  g_assert_cmpuint (changes.accounts, ==, 1);
  g_assert_true (changes.thread == g_thread_self ());
}

typedef struct {
  char      *path;
  gint64     account;
  guint      n_pages;
  gint       done;
  GError    *error;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(StewardStore) store = steward_store_open (writer->path, &writer->error);

  for (guint i = 0; store != NULL && i < writer->n_pages; i++)
    {
      g_autoptr(StewardPage) page = test_page_range (i * 50, 50, 1700000000 + i * 50, "c");

      if (!steward_store_ingest_page (store, writer->account, STEWARD_STREAM_MENTIONS, page,
                                      NULL, &writer->error))
        break;
      steward_store_notify_changed (store, "inbox");
    }

  g_atomic_int_set (&writer->done, 1);
  return NULL;
}

static void
test_concurrent_connections (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  Writer writer = { 0, };
  GThread *thread;
  guint last = 0;
  guint reads = 0;

  writer.path = path;
  writer.account = test_add_account (store, "https://example.social", "1");
  writer.n_pages = 40;

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (!g_atomic_int_get (&writer.done) || reads == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = NULL;
      guint count;

      count = steward_store_count_inbox (store, &filter, &error);
      g_assert_no_error (error);
      /* Every page commits whole. */
      g_assert_cmpuint (count % 50, ==, 0);
      g_assert_cmpuint (count, >=, last);
      last = count;

      items = steward_store_list_inbox (store, &filter, 0, 60, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (items->len, <=, 60);

      /* And the main connection writes too while the worker does. */
      if (items->len > 0)
        g_assert_true (steward_store_set_item_status (store,
                                                      steward_inbox_item_get_id (g_ptr_array_index (items, 0)),
                                                      reads % 2 ? STEWARD_ITEM_STATUS_OPEN : STEWARD_ITEM_STATUS_NEW,
                                                      &error));
      g_assert_no_error (error);
      reads++;
    }
  g_thread_join (thread);

  g_assert_no_error (writer.error);
  g_assert_cmpuint (test_count_all (store), ==, 40 * 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/open-pragmas", test_open_pragmas);
  g_test_add_func ("/core/store/accounts", test_accounts);
  g_test_add_func ("/core/store/labels-initials", test_labels_and_initials);
  g_test_add_func ("/core/store/upsert", test_upsert_idempotent);
  g_test_add_func ("/core/store/markup-derived", test_markup_derived);
  g_test_add_func ("/core/store/edit-in-place", test_edit_in_place);
  g_test_add_func ("/core/store/conversation-moves", test_conversation_moves);
  g_test_add_func ("/core/store/remove-account", test_remove_account);
  g_test_add_func ("/core/store/cursor-with-page", test_cursor_with_page);
  g_test_add_func ("/core/store/disk-full", test_disk_full);
  g_test_add_func ("/core/store/item-status", test_item_status);
  g_test_add_func ("/core/store/notify-from-thread", test_notify_from_thread);
  g_test_add_func ("/core/store/concurrent", test_concurrent_connections);

  return g_test_run ();
}
