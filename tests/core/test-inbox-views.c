/* test-inbox-views.c — the Inbox's views, their counts, the queue's orders
 * and the model's new filters, on real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-inbox-item-private.h"
#include "steward-store-private.h"
#include "store-test-util.h"

#define BASE_TIME 1700000000
#define NOW       (BASE_TIME + 86400)
#define N_VIEWS   (STEWARD_INBOX_VIEW_SNOOZED + 1)

static void
exec_sql (StewardStore *store,
          const char   *format,
          ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static guint
count_view (StewardStore             *store,
            const StewardInboxFilter *base,
            StewardInboxView          view)
{
  StewardInboxFilter filter = *base;
  g_autoptr(GError) error = NULL;
  guint n;

  filter.view = view;
  n = steward_store_count_inbox (store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

static char *
list_remote_ids (StewardStore             *store,
                 const StewardInboxFilter *filter)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  items = steward_store_list_inbox (store, filter, 0, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? " " : "",
                            steward_inbox_item_get_remote_id (g_ptr_array_index (items, i)));
  return g_string_free (ids, FALSE);
}

/* Ten items n0…n9, one minute apart, in states that exercise every view:
 *   n0 closed                    n5 urgent, sentiment −0.9
 *   n1 pending                   n6 urgent, sentiment −0.2, closed
 *   n2 open, assigned to Mei     n7 due at NOW + 1 h (within 2 h)
 *   n3 open, assigned to Jun     n8 due at NOW + 5 h, answered n9's way
 *   n4 snoozed until NOW + 1 h   n9 due at NOW − 1 h (breached), sentiment −0.5
 * n8 is due later than the window; n9 also needs a reply. */
static StewardStore *
open_populated (char   **path,
                gint64  *account)
{
  g_autoptr(StewardPage) page = test_page_range (0, 10, BASE_TIME, NULL);
  StewardStore *store;
  g_autoptr(GError) error = NULL;

  *path = test_db_path ();
  store = test_open_store (*path);
  *account = test_add_account (store, "https://example.social", "1");
  test_ingest (store, *account, STEWARD_STREAM_MENTIONS, page);
  g_assert_true (steward_store_set_me (store, "Mei Lin", &error));
  g_assert_no_error (error);

  exec_sql (store, "UPDATE inbox_items SET status = 'closed' WHERE remote_id IN ('n0', 'n6')");
  exec_sql (store, "UPDATE inbox_items SET status = 'pending' WHERE remote_id = 'n1'");
  exec_sql (store, "UPDATE inbox_items SET status = 'open', assignee = 'Mei Lin' WHERE remote_id = 'n2'");
  exec_sql (store, "UPDATE inbox_items SET status = 'open', assignee = 'Jun Chen' WHERE remote_id = 'n3'");
  exec_sql (store, "UPDATE inbox_items SET snoozed_until = %d WHERE remote_id = 'n4'", NOW + 3600);
  exec_sql (store, "UPDATE inbox_items SET urgent = 1, sentiment = -0.9, classified_at = 1"
                   " WHERE remote_id = 'n5'");
  exec_sql (store, "UPDATE inbox_items SET urgent = 1, sentiment = -0.2, classified_at = 1"
                   " WHERE remote_id = 'n6'");
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d WHERE remote_id = 'n7'", NOW + 3600);
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d WHERE remote_id = 'n8'", NOW + 5 * 3600);
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d, sentiment = -0.5, classified_at = 1"
                   " WHERE remote_id = 'n9'", NOW - 3600);
  return store;
}

static void
test_views_and_counts (void)
{
  g_autofree char *path = NULL;
  g_autoptr(StewardStore) store = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint counts[N_VIEWS];
  gint64 account;
  struct {
    StewardInboxView  view;
    const char       *ids;
  } expected[] = {
    { STEWARD_INBOX_VIEW_ALL, "n9 n8 n7 n6 n5 n3 n2 n1 n0" },
    { STEWARD_INBOX_VIEW_NEW, "n9 n8 n7 n5" },
    { STEWARD_INBOX_VIEW_MINE, "n2" },
    { STEWARD_INBOX_VIEW_UNASSIGNED, "n9 n8 n7 n5 n1" },
    { STEWARD_INBOX_VIEW_PENDING, "n1" },
    { STEWARD_INBOX_VIEW_URGENT, "n5" },
    { STEWARD_INBOX_VIEW_DUE_SOON, "n9 n7" },
    { STEWARD_INBOX_VIEW_CLOSED, "n6 n0" },
    { STEWARD_INBOX_VIEW_SNOOZED, "n4" },
  };

  store = open_populated (&path, &account);
  filter.now = NOW;

  g_assert_true (steward_store_count_views (store, &filter, counts, N_VIEWS, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *ids = NULL;
      guint n_expected = g_strv_length ((char **) g_strsplit (expected[i].ids, " ", -1));

      filter.view = expected[i].view;
      ids = list_remote_ids (store, &filter);
      g_test_message ("%s: %s", steward_inbox_view_to_string (expected[i].view), ids);
      g_assert_cmpstr (ids, ==, expected[i].ids);
      g_assert_cmpuint (count_view (store, &filter, expected[i].view), ==, n_expected);
      g_assert_cmpuint (counts[expected[i].view], ==, n_expected);
    }

  /* Views combine with the rest of the filter. */
  filter.view = STEWARD_INBOX_VIEW_ALL;
  filter.assignee = "";
  g_assert_cmpuint (count_view (store, &filter, STEWARD_INBOX_VIEW_ALL), ==, 7);
  filter.assignee = "Jun Chen";
  g_assert_cmpuint (count_view (store, &filter, STEWARD_INBOX_VIEW_ALL), ==, 1);
  filter.assignee = NULL;
  filter.status = STEWARD_ITEM_STATUS_CLOSED;
  g_assert_true (steward_store_count_views (store, &filter, counts, N_VIEWS, &error));
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_ALL], ==, 2);
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_NEW], ==, 0);
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_CLOSED], ==, 2);
  filter.status = -1;
  filter.account_id = account + 1;
  g_assert_true (steward_store_count_views (store, &filter, counts, N_VIEWS, &error));
  for (guint view = 0; view < N_VIEWS; view++)
    g_assert_cmpuint (counts[view], ==, 0);

  /* A shorter array gets the first views only. */
  filter.account_id = 0;
  counts[2] = 777;
  g_assert_true (steward_store_count_views (store, &filter, counts, 2, &error));
  g_assert_cmpuint (counts[0], ==, 9);
  g_assert_cmpuint (counts[1], ==, 4);
  g_assert_cmpuint (counts[2], ==, 777);

  /* The due-soon window is a workspace setting. */
  g_assert_true (steward_store_set_setting (store, "sla.due-soon-minutes", "360", &error));
  g_assert_cmpuint (count_view (store, &filter, STEWARD_INBOX_VIEW_DUE_SOON), ==, 3);
  g_assert_true (steward_store_set_setting (store, "sla.due-soon-minutes", "30", &error));
  g_assert_cmpuint (count_view (store, &filter, STEWARD_INBOX_VIEW_DUE_SOON), ==, 1);
  g_assert_no_error (error);

  /* Answered or needing no reply: off the clock. */
  exec_sql (store, "UPDATE inbox_items SET first_response_at = %d WHERE remote_id = 'n9'", NOW - 60);
  g_assert_cmpuint (count_view (store, &filter, STEWARD_INBOX_VIEW_DUE_SOON), ==, 0);

  /* Bad filters are refused. */
  filter.view = 42;
  g_assert_cmpuint (steward_store_count_inbox (store, &filter, &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
}

static void
test_sorts (void)
{
  g_autofree char *path = NULL;
  g_autoptr(StewardStore) store = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autofree char *oldest = NULL;
  g_autofree char *urgency = NULL;
  g_autofree char *due = NULL;
  gint64 account;

  store = open_populated (&path, &account);
  filter.now = NOW;

  filter.sort = STEWARD_INBOX_SORT_OLDEST;
  oldest = list_remote_ids (store, &filter);
  g_assert_cmpstr (oldest, ==, "n0 n1 n2 n3 n5 n6 n7 n8 n9");

  /* Urgent first, then the most negative, then newest. */
  filter.sort = STEWARD_INBOX_SORT_URGENCY;
  urgency = list_remote_ids (store, &filter);
  g_assert_cmpstr (urgency, ==, "n5 n6 n9 n8 n7 n3 n2 n1 n0");

  /* Earliest due first; answered items and those without a clock last,
   * newest first. */
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d, needs_reply = 0 WHERE remote_id = 'n1'",
            NOW - 7200);
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d, first_response_at = %d"
                   " WHERE remote_id = 'n2'", NOW - 9000, NOW - 9500);
  filter.sort = STEWARD_INBOX_SORT_SLA_DUE;
  due = list_remote_ids (store, &filter);
  g_assert_cmpstr (due, ==, "n9 n7 n8 n6 n5 n3 n2 n1 n0");
}

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

/* Every position of the model, in order, against one list_inbox call. */
static void
assert_model_matches (StewardInboxModel        *model,
                      StewardStore             *store,
                      const StewardInboxFilter *filter)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  expected = steward_store_list_inbox (store, filter, 0, G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StewardInboxItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (item);
      g_assert_cmpint (steward_inbox_item_get_id (item), ==,
                       steward_inbox_item_get_id (g_ptr_array_index (expected, i)));
    }
}

static void
test_model_filters (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 230, BASE_TIME, NULL);
  g_autoptr(StewardInboxModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char * const tags[] = { "Refund", NULL };
  g_autoptr(GArray) tagged = g_array_new (FALSE, FALSE, sizeof (gint64));
  StewardInboxView view = STEWARD_INBOX_VIEW_ALL;
  StewardInboxSort sort = STEWARD_INBOX_SORT_NEWEST;
  g_autofree char *tag = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  /* Urgency and sentiment spread over the pages. */
  exec_sql (store, "UPDATE inbox_items SET urgent = (id %% 7 = 0), classified_at = 1,"
                   " sentiment = ((id * 37) %% 21 - 10) / 10.0");
  for (gint64 id = 3; id <= 230; id += 11)
    g_array_append_val (tagged, id);
  change.add_tags = tags;
  change.assignee = "Jun Chen";
  g_assert_true (steward_store_change_items (store, (const gint64 *) tagged->data, tagged->len,
                                             &change, &error));
  g_assert_no_error (error);

  model = steward_inbox_model_new (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  g_object_set (model, "sort", STEWARD_INBOX_SORT_URGENCY, NULL);
  g_object_get (model, "sort", &sort, NULL);
  g_assert_cmpint (sort, ==, STEWARD_INBOX_SORT_URGENCY);
  g_assert_cmpuint (changes->len, ==, 1);
  filter.sort = STEWARD_INBOX_SORT_URGENCY;
  assert_model_matches (model, store, &filter);
  /* Read again backwards: pages come back in the same order. */
  for (int i = 229; i >= 0; i -= 23)
    {
      g_autoptr(StewardInboxItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(GPtrArray) one = steward_store_list_inbox (store, &filter, i, 1, &error);

      g_assert_cmpint (steward_inbox_item_get_id (item), ==,
                       steward_inbox_item_get_id (g_ptr_array_index (one, 0)));
    }

  g_object_set (model, "sort", STEWARD_INBOX_SORT_OLDEST, "tag", "refund", NULL);
  g_object_get (model, "tag", &tag, NULL);
  g_assert_cmpstr (tag, ==, "refund");
  filter.sort = STEWARD_INBOX_SORT_OLDEST;
  filter.tag = "refund";
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, tagged->len);
  assert_model_matches (model, store, &filter);

  /* A change re-sorts: the list is replaced and still matches. */
  g_array_set_size (changes, 0);
  g_assert_true (steward_store_set_item_status (store, 3, STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_model_matches (model, store, &filter);

  g_object_set (model, "tag", NULL, "assignee", "Jun Chen", "view", STEWARD_INBOX_VIEW_CLOSED,
                "sort", STEWARD_INBOX_SORT_NEWEST, NULL);
  g_object_get (model, "view", &view, NULL);
  g_assert_cmpint (view, ==, STEWARD_INBOX_VIEW_CLOSED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Mine follows the current user. */
  g_object_set (model, "assignee", NULL, "view", STEWARD_INBOX_VIEW_MINE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (steward_store_set_me (store, "jun chen", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, tagged->len - 1);
}

static char *
query_plan (StewardStore *store,
            const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store), explain, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  return g_string_free (plan, FALSE);
}

static void
reset_statement_counters (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    {
      sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, TRUE);
      sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_SORT, TRUE);
    }
}

/* The store's statement with @marker that ran since the counters were
 * reset. */
static sqlite3_stmt *
find_ran_statement (sqlite3    *db,
                    const char *marker)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL;
       stmt = sqlite3_next_stmt (db, stmt))
    {
      if (sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE) > 0 &&
          strstr (sqlite3_sql (stmt), marker) != NULL)
        return stmt;
    }
  return NULL;
}

/* One real list and count per view at 100k items: the statements the
 * store ran must walk an index in the queue's order rather than sort the
 * table (SQLite counts the sorts a statement made). */
static void
test_plans_100k (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint counts[N_VIEWS];
  gint64 account = test_add_account (store, "https://example.social", "1");
  sqlite3 *db = steward_store_get_db (store);

  for (guint start = 0; start < 100000; start += 20000)
    {
      g_autoptr(StewardPage) page = test_page_range (start, 20000, BASE_TIME + start, NULL);

      test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
    }
  g_assert_true (steward_store_set_me (store, "Mei Lin", &error));
  exec_sql (store, "UPDATE inbox_items SET status = 'closed' WHERE id %% 3 = 0");
  exec_sql (store, "UPDATE inbox_items SET status = 'pending' WHERE id %% 3 = 1 AND id %% 7 = 0");
  exec_sql (store, "UPDATE inbox_items SET assignee = 'Mei Lin' WHERE id %% 10 = 1");
  exec_sql (store, "UPDATE inbox_items SET urgent = 1 WHERE id %% 50 = 2");
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = created_at + 86400 WHERE id %% 3 <> 0");
  exec_sql (store, "UPDATE inbox_items SET first_response_at = created_at + 600"
                   " WHERE id %% 3 <> 0 AND id < 99000");
  exec_sql (store, "UPDATE inbox_items SET snoozed_until = %d WHERE id %% 100 = 5", BASE_TIME + 500000);
  filter.now = BASE_TIME + 100000;

  g_test_timer_start ();
  g_assert_true (steward_store_count_views (store, &filter, counts, N_VIEWS, &error));
  g_assert_no_error (error);
  g_test_message ("count_views over 100k items: %.1f ms", g_test_timer_elapsed () * 1000);
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_SNOOZED], ==, 1000);
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_ALL], ==, 99000);
  /* Unanswered, open, awake, due by now + 2 h: none of them yet. */
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_DUE_SOON], ==, 0);
  exec_sql (store, "UPDATE inbox_items SET sla_due_at = %d WHERE id %% 3 <> 0 AND id >= 99900",
            BASE_TIME + 100000 - 60);
  g_assert_true (steward_store_count_views (store, &filter, counts, N_VIEWS, &error));
  g_assert_cmpuint (counts[STEWARD_INBOX_VIEW_DUE_SOON], >, 50);

  for (guint view = 0; view < N_VIEWS; view++)
    {
      g_autoptr(GPtrArray) items = NULL;
      sqlite3_stmt *ran;
      int sorts;

      filter.view = view;
      reset_statement_counters (db);
      g_test_timer_start ();
      items = steward_store_list_inbox (store, &filter, 0, 50, &error);
      g_assert_no_error (error);
      g_test_message ("%s: first page in %.1f ms (%u items)", steward_inbox_view_to_string (view),
                      g_test_timer_elapsed () * 1000, items->len);
      g_assert_cmpuint (items->len, ==, MIN (counts[view], 50));

      ran = find_ran_statement (db, "LIMIT ?6");
      g_assert_nonnull (ran);
      sorts = sqlite3_stmt_status (ran, SQLITE_STMTSTATUS_SORT, FALSE);
      if (sorts > 0 || g_test_verbose ())
        {
          g_autofree char *plan = query_plan (store, sqlite3_sql (ran));
          g_test_message ("%s plan:\n%s", steward_inbox_view_to_string (view), plan);
        }
      /* Due soon sorts the items whose clock runs out soon (read through
       * inbox_items_due), never the table. */
      if (view != STEWARD_INBOX_VIEW_DUE_SOON)
        g_assert_cmpint (sorts, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/inbox-views/views-and-counts", test_views_and_counts);
  g_test_add_func ("/core/inbox-views/sorts", test_sorts);
  g_test_add_func ("/core/inbox-views/model-filters", test_model_filters);
  g_test_add_func ("/core/inbox-views/plans-100k", test_plans_100k);

  return g_test_run ();
}
