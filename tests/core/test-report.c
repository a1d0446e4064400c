/* test-report.c — response rate, median first response, breaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>
#include <json-glib/json-glib.h>

#include "store-test-util.h"

static const char *NY = "America/New_York";

static gint64
at (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (NY);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
exec (StewardStore *store,
      const char   *format,
      ...)
{
  g_autofree char *sql = NULL;
  char *message = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  if (sqlite3_exec (steward_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* An item "id" created at @when; @due and @response are set as given
 * (0 leaves them NULL). */
static void
add_item (StewardStore *store,
          gint64        account,
          const char   *id,
          gint64        when,
          gint64        due,
          gint64        response)
{
  g_autoptr(StewardPage) page = steward_page_new ();

  g_ptr_array_add (page->items,
                   steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id,
                                            test_post (id, "<p>hi</p>", when, 3)));
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  if (due != 0)
    exec (store, "UPDATE inbox_items SET sla_due_at = %" G_GINT64_FORMAT ", classified_at = 1"
                 " WHERE remote_id = '%s'", due, id);
  if (response != 0)
    exec (store, "UPDATE inbox_items SET first_response_at = %" G_GINT64_FORMAT
                 " WHERE remote_id = '%s'", response, id);
}

static void
assert_row (const StewardReportRow *row,
            guint                   n_items,
            guint                   n_needed_reply,
            guint                   n_replied,
            gint64                  median,
            guint                   n_breached)
{
  g_assert_cmpuint (row->n_items, ==, n_items);
  g_assert_cmpuint (row->n_needed_reply, ==, n_needed_reply);
  g_assert_cmpuint (row->n_replied, ==, n_replied);
  g_assert_cmpint (row->median_first_response, ==, median);
  g_assert_cmpuint (row->n_breached, ==, n_breached);
}

static StewardStore *
build_fixture (const char *path,
               gint64     *account_a,
               gint64     *account_b)
{
  StewardStore *store = test_open_store (path);
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(GError) error = NULL;
  gint64 a, b, a7;

  g_assert_true (steward_sla_policy_set_time_zone (policy, NY));
  g_assert_true (steward_store_save_sla_policy (store, policy, &error));
  g_assert_no_error (error);

  a = test_add_account (store, "https://social.example", "1");
  b = steward_store_add_account (store, "mastodon", "https://social.example", "2", "we,\"r\"", "We",
                                 FALSE, &error);
  g_assert_no_error (error);

  /* Before the range. */
  add_item (store, a, "a0", at (2026, 11, 8, 12, 0), 0, 0);
  /* Week of Monday 9 November (New York). */
  add_item (store, a, "a1", at (2026, 11, 9, 10, 0), at (2026, 11, 9, 18, 0), at (2026, 11, 9, 11, 0));
  add_item (store, a, "a2", at (2026, 11, 10, 10, 0), at (2026, 11, 10, 11, 0), at (2026, 11, 10, 12, 0));
  /* Sunday 23:30 in New York is Monday 04:30 UTC: still the first week. */
  add_item (store, a, "a3", at (2026, 11, 15, 23, 30), at (2026, 11, 16, 0, 0), 0);
  /* Week of Monday 16 November. */
  add_item (store, a, "a4", at (2026, 11, 18, 12, 0), 0, 0);
  exec (store, "UPDATE inbox_items SET needs_reply = 0 WHERE remote_id = 'a4'");
  add_item (store, a, "a5", at (2026, 11, 19, 12, 0), at (2026, 11, 30, 12, 0), 0);
  /* Not classified: due from the policy (24 business hours: next week). */
  add_item (store, a, "a6", at (2026, 11, 19, 13, 0), 0, 0);
  /* Answered in the thread by our account ten minutes later; a
   * stranger's earlier answer does not count. */
  add_item (store, a, "a7", at (2026, 11, 20, 10, 0), at (2026, 11, 20, 18, 0), 0);
  a7 = test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'a7'");
  exec (store, "INSERT INTO authors (server, remote_id, acct) VALUES ('https://social.example', '1', 'brand')"
               " ON CONFLICT DO NOTHING");
  exec (store, "INSERT INTO posts (server, remote_id, author_id, created_at)"
               " SELECT 'https://social.example', 'r7', id, %" G_GINT64_FORMAT " FROM authors"
               " WHERE server = 'https://social.example' AND remote_id = '1'",
        at (2026, 11, 20, 10, 10));
  exec (store, "INSERT INTO posts (server, remote_id, author_id, created_at)"
               " SELECT 'https://social.example', 's7', id, %" G_GINT64_FORMAT " FROM authors"
               " WHERE server = 'https://social.example' AND remote_id = '3'",
        at (2026, 11, 20, 10, 1));
  exec (store, "INSERT INTO item_threads (item_id, post_id)"
               " SELECT %" G_GINT64_FORMAT ", id FROM posts WHERE remote_id IN ('r7', 's7', 'a7')", a7);

  add_item (store, b, "b1", at (2026, 11, 16, 9, 30), at (2026, 11, 16, 10, 30), at (2026, 11, 16, 10, 0));

  *account_a = a;
  *account_b = b;
  return store;
}

static void
test_figures (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *weekly, *accounts;
  const StewardReportRow *row;
  gint64 a, b;

  store = build_fixture (path, &a, &b);
  report = steward_store_build_report (store, at (2026, 11, 9, 0, 0), at (2026, 11, 23, 0, 0),
                                       at (2026, 11, 21, 12, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_report_get_since (report), ==, at (2026, 11, 9, 0, 0));
  g_assert_cmpint (steward_report_get_until (report), ==, at (2026, 11, 23, 0, 0));

  /* Every item: 8 (a0 is before the range), 7 needed a reply, 4 got one
   * (a1 1 h, a2 2 h, a7 10 min, b1 30 min), a2 late and a3 overdue. */
  row = steward_report_get_total (report);
  g_assert_cmpint (row->account_id, ==, 0);
  g_assert_null (row->account_label);
  g_assert_cmpint (row->week_start, ==, 0);
  assert_row (row, 8, 7, 4, (1800 + 3600) / 2, 2);
  g_assert_cmpfloat_with_epsilon (steward_report_row_get_response_rate (row), 4.0 / 7.0, 1e-9);

  accounts = steward_report_get_accounts (report);
  g_assert_cmpuint (accounts->len, ==, 2);
  row = g_ptr_array_index (accounts, 0);
  g_assert_cmpint (row->account_id, ==, a);
  g_assert_cmpstr (row->account_label, ==, "@brand@social.example");
  assert_row (row, 7, 6, 3, 3600, 2);
  g_assert_cmpfloat_with_epsilon (steward_report_row_get_response_rate (row), 0.5, 1e-9);
  row = g_ptr_array_index (accounts, 1);
  g_assert_cmpint (row->account_id, ==, b);
  assert_row (row, 1, 1, 1, 1800, 0);

  /* Two weeks for each account, in New York's weeks. */
  weekly = steward_report_get_weekly (report);
  g_assert_cmpuint (weekly->len, ==, 4);
  row = g_ptr_array_index (weekly, 0);
  g_assert_cmpint (row->account_id, ==, a);
  g_assert_cmpint (row->week_start, ==, at (2026, 11, 9, 0, 0));
  assert_row (row, 3, 3, 2, (3600 + 7200) / 2, 2);
  row = g_ptr_array_index (weekly, 1);
  g_assert_cmpint (row->account_id, ==, a);
  g_assert_cmpint (row->week_start, ==, at (2026, 11, 16, 0, 0));
  assert_row (row, 4, 3, 1, 600, 0);
  row = g_ptr_array_index (weekly, 2);
  g_assert_cmpint (row->account_id, ==, b);
  g_assert_cmpint (row->week_start, ==, at (2026, 11, 9, 0, 0));
  assert_row (row, 0, 0, 0, -1, 0);
  g_assert_cmpfloat (steward_report_row_get_response_rate (row), ==, -1);
  row = g_ptr_array_index (weekly, 3);
  assert_row (row, 1, 1, 1, 1800, 0);

  /* Later, a5 is overdue too. */
  g_clear_object (&report);
  report = steward_store_build_report (store, at (2026, 11, 9, 0, 0), at (2026, 11, 23, 0, 0),
                                       at (2026, 12, 1, 12, 0), &error);
  g_assert_no_error (error);
  /* a2 (late), a3, a5 and a6 (its computed due time has passed) */
  assert_row (steward_report_get_total (report), 8, 7, 4, 2700, 4);
}

static void
test_export (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root, *total;
  JsonArray *weekly;
  gint64 a, b;

  store = build_fixture (path, &a, &b);
  report = steward_store_build_report (store, at (2026, 11, 9, 0, 0), at (2026, 11, 23, 0, 0),
                                       at (2026, 11, 21, 12, 0), &error);
  g_assert_no_error (error);

  csv = steward_report_to_csv (report);
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 + 2 + 1 + 1);
  g_assert_cmpstr (lines[0], ==, "account,week,items,needed_reply,replied,response_rate,"
                                 "median_first_response_seconds,breaches");
  g_assert_cmpstr (lines[1], ==, "@brand@social.example,2026-11-09,3,3,2,0.6667,5400,2");
  g_assert_cmpstr (lines[2], ==, "@brand@social.example,2026-11-16,4,3,1,0.3333,600,0");
  /* RFC 4180: a field with a comma or a quote is quoted, quotes doubled. */
  g_assert_cmpstr (lines[3], ==, "\"@we,\"\"r\"\"@social.example\",2026-11-09,0,0,0,,,0");
  g_assert_cmpstr (lines[4], ==, "\"@we,\"\"r\"\"@social.example\",2026-11-16,1,1,1,1.0000,1800,0");
  g_assert_cmpstr (lines[5], ==, "@brand@social.example,,7,6,3,0.5000,3600,2");
  g_assert_cmpstr (lines[7], ==, "total,,8,7,4,0.5714,2700,2");
  g_assert_cmpstr (lines[8], ==, "");

  json = steward_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "since"), ==, at (2026, 11, 9, 0, 0));
  total = json_object_get_object_member (root, "total");
  g_assert_cmpint (json_object_get_int_member (total, "items"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (total, "replied"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (total, "breaches"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (total, "median_first_response_seconds"), ==, 2700);
  g_assert_true (json_object_get_null_member (total, "account"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "accounts")), ==, 2);
  weekly = json_object_get_array_member (root, "weekly");
  g_assert_cmpuint (json_array_get_length (weekly), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weekly, 2), "account"),
                   ==, "@we,\"r\"@social.example");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weekly, 2), "week"),
                   ==, "2026-11-09");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (weekly, 2),
                                              "response_rate"));
}

static void
test_empty (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  test_add_account (store, "https://social.example", "1");
  report = steward_store_build_report (store, 0, 1790000000, 1790000000, &error);
  g_assert_no_error (error);
  assert_row (steward_report_get_total (report), 0, 0, 0, -1, 0);
  g_assert_cmpfloat (steward_report_row_get_response_rate (steward_report_get_total (report)), ==, -1);
  g_assert_cmpuint (steward_report_get_weekly (report)->len, ==, 0);
  g_assert_cmpuint (steward_report_get_accounts (report)->len, ==, 1);
  csv = steward_report_to_csv (report);
  g_assert_cmpstr (csv, ==,
                   "account,week,items,needed_reply,replied,response_rate,median_first_response_seconds,breaches\r\n"
                   "@brand@social.example,,0,0,0,,,0\r\n"
                   "total,,0,0,0,,,0\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/report/figures", test_figures);
  g_test_add_func ("/core/report/export", test_export);
  g_test_add_func ("/core/report/empty", test_empty);

  return g_test_run ();
}
