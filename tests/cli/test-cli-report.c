/* test-cli-report.c — steward-cli report: response rate, median first
 * response and breaches on a known inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <steward/steward.h>

#define SINCE "2026-11-16"
#define UNTIL "2026-11-30"

/* Around the clock in UTC, one minute to answer: every unanswered item of
 * the fixture is breached, whenever the test runs. */
static void
set_strict_policy (Fixture *f)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, "steward.db", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(GError) error = NULL;

  store = steward_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (steward_sla_policy_set_time_zone (policy, "UTC"));
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 0, 1440));
  steward_sla_policy_set_targets (policy, 1, 1);
  steward_store_save_sla_policy (store, policy, &error);
  g_assert_no_error (error);
}

static void
set_up_inbox (Fixture *f,
              gint64  *median)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(CliResult) reply = NULL;
  g_autoptr(CliResult) no_reply = NULL;
  g_autoptr(CliResult) show = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) answered = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *xiaoming = NULL;
  JsonObject *item;

  set_strict_policy (f);
  sync_ok (f);
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 4);
  alice = item_id_in (items, "alice");
  bob = item_id_in (items, "bob@other.example");
  xiaoming = item_id_in (items, "xiaoming");

  /* Two items need no reply; of the other two, alice's gets one. */
  no_reply = run_cli (f, NULL, "inbox", "set", bob, xiaoming, "--no-reply-needed");
  g_assert_cmpint (no_reply->status, ==, 0);
  reply = run_cli (f, NULL, "reply", alice, "--text", "Thank you, Alice!");
  g_assert_cmpint (reply->status, ==, 0);
  sync_ok (f);

  show = run_cli (f, NULL, "inbox", "show", alice, "--json");
  g_assert_cmpint (show->status, ==, 0);
  shown = parse_json_lines (show->out);
  item = g_ptr_array_index (shown, 0);
  created = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "created_at"), NULL);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "first_response_at")));
  answered = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "first_response_at"), NULL);
  g_assert_nonnull (created);
  g_assert_nonnull (answered);
  *median = g_date_time_difference (answered, created) / G_TIME_SPAN_SECOND;
  g_assert_cmpint (*median, >, 0);
}

static void
test_report_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(CliResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 (SINCE "T00:00:00Z", NULL);
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (UNTIL "T00:00:00Z", NULL);
  JsonObject *root;
  JsonObject *total;
  JsonObject *account;
  JsonArray *weekly;
  guint n_weekly_items = 0;
  gint64 median;

  set_up_inbox (f, &median);

  result = run_cli (f, NULL, "report", "--json", "--since", SINCE, "--until", UNTIL);
  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "since"), ==, g_date_time_to_unix (since));
  g_assert_cmpint (json_object_get_int_member (root, "until"), ==, g_date_time_to_unix (until));

  total = json_object_get_object_member (root, "total");
  g_assert_cmpint (json_object_get_int_member (total, "items"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (total, "needed_reply"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (total, "replied"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "response_rate"), 0.5, 1e-9);
  g_assert_cmpint (json_object_get_int_member (total, "median_first_response_seconds"), ==, median);
  /* Answered after a minute's target, and not answered at all. */
  g_assert_cmpint (json_object_get_int_member (total, "breaches"), ==, 2);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "accounts")), ==, 1);
  account = json_array_get_object_element (json_object_get_array_member (root, "accounts"), 0);
  g_assert_cmpint (json_object_get_int_member (account, "account_id"), ==,
                   g_ascii_strtoll (account_id, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (account, "replied"), ==, 1);

  /* Two weeks (Monday 16 and Monday 23 November) hold the four items. */
  weekly = json_object_get_array_member (root, "weekly");
  g_assert_cmpuint (json_array_get_length (weekly), ==, 2);
  for (guint i = 0; i < json_array_get_length (weekly); i++)
    n_weekly_items += json_object_get_int_member (json_array_get_object_element (weekly, i), "items");
  g_assert_cmpuint (n_weekly_items, ==, 4);

  /* Outside the period nothing counts. */
  {
    g_autoptr(CliResult) before = run_cli (f, NULL, "report", "--json", "--since", "2026-10-01",
                                           "--until", "2026-11-01");
    g_autoptr(JsonParser) empty = json_parser_new ();

    g_assert_cmpint (before->status, ==, 0);
    json_parser_load_from_data (empty, before->out, -1, &error);
    g_assert_no_error (error);
    total = json_object_get_object_member (json_node_get_object (json_parser_get_root (empty)), "total");
    g_assert_cmpint (json_object_get_int_member (total, "items"), ==, 0);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (total, "response_rate")));
  }
}

static void
test_report_csv_text (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *path = g_build_filename (f->data_dir, "report.csv", NULL);
  g_autofree char *file = NULL;
  g_autoptr(CliResult) csv = NULL;
  g_autoptr(CliResult) to_file = NULL;
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) recent = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char * const header[] = {
    "account", "week", "items", "needed_reply", "replied", "response_rate",
    "median_first_response_seconds", "breaches", NULL
  };
  GStrv last;
  JsonObject *root;
  gint64 median;
  gint64 now;

  set_up_inbox (f, &median);

  csv = run_cli (f, NULL, "report", "--csv", "--since", SINCE, "--until", UNTIL);
  g_assert_cmpint (csv->status, ==, 0);
  records = parse_csv (csv->out);
  /* Header, two weeks, the account, the total. */
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpstrv ((GStrv) g_ptr_array_index (records, 0), header);
  last = g_ptr_array_index (records, records->len - 1);
  g_assert_cmpstr (last[2], ==, "4");
  g_assert_cmpstr (last[3], ==, "2");
  g_assert_cmpstr (last[4], ==, "1");
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (last[5], NULL), 0.5, 1e-9);
  g_assert_cmpint (g_ascii_strtoll (last[6], NULL, 10), ==, median);
  g_assert_cmpstr (last[7], ==, "2");

  /* --output writes the same, atomically. */
  to_file = run_cli (f, NULL, "report", "--csv", "--since", SINCE, "--until", UNTIL, "--output", path);
  g_assert_cmpint (to_file->status, ==, 0);
  g_assert_cmpstr (to_file->out, ==, "");
  g_file_get_contents (path, &file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file, ==, csv->out);

  text = run_cli (f, NULL, "report", "--since", SINCE, "--until", UNTIL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "RESPONSE RATE"));
  g_assert_nonnull (strstr (text->out, "Total"));
  g_assert_nonnull (strstr (text->out, "50%"));
  g_assert_nonnull (strstr (text->out, "@brand"));

  /* By default, the twelve weeks up to now. */
  recent = run_cli (f, NULL, "report", "--json");
  g_assert_cmpint (recent->status, ==, 0);
  json_parser_load_from_data (parser, recent->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (json_object_get_int_member (root, "until"), <=, now);
  g_assert_cmpint (json_object_get_int_member (root, "until"), >, now - 300);
  g_assert_cmpint (json_object_get_int_member (root, "until") - json_object_get_int_member (root, "since"),
                   ==, 12 * 7 * 24 * 3600);
}

static void
test_report_usage (Fixture       *f,
                   gconstpointer  data)
{
  const char * const *cases[] = {
    (const char * const[]) { "report", "--json", "--csv", NULL },
    (const char * const[]) { "report", "--since", "last spring", NULL },
    (const char * const[]) { "report", "--until", "tomorrow-ish", NULL },
    (const char * const[]) { "report", "--since", "2026-12-01", "--until", "2026-11-01", NULL },
    (const char * const[]) { "report", "weekly", NULL },
    (const char * const[]) { "report", "--output", "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) result = run_cli_full (f, NULL, TRUE, NULL, cases[i]);

      g_test_message ("case %u", i);
      assert_usage_error (result);
    }
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/report/json", test_report_json);
  cli_test_add ("/cli/report/csv-text", test_report_csv_text);
  cli_test_add ("/cli/report/usage", test_report_usage);

  return g_test_run ();
}
