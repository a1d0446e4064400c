/* test-inbox-report.c — the response report window on a known workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real SQLite workspace with mentions at known times, classified by the
 * core under an around-the-clock policy (24 h for a first response), and
 * answered the way Steward learns of answers made elsewhere: a post of
 * our account in the item's cached thread. The window builds its report
 * in a worker thread; the test reads the figures it shows and the CSV it
 * writes.
 */
#include "ui-test-util.h"
#include <string.h>
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-inbox-report.h"
#include "steward-inbox-report-chart.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct {
  UiTestWorkspace ws;
  guint           serial;
} Fixture;

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

/* Helpers */

static StewardRemotePost *
make_post (Fixture    *fixture,
           const char *author_id,
           const char *acct,
           const char *text,
           gint64      when)
{
  g_autofree char *id = g_strdup_printf ("7%05u", ++fixture->serial);
  g_autofree char *url = g_strdup_printf ("https://example.social/@%s/%s", acct, id);

  return ui_test_post_new (id, url, text, when, author_id, acct, acct, 10);
}

/* A mention written @when; answered by our account @reply_after seconds
 * later unless that is 0. Returns the item's id. */
static gint64
add_mention (Fixture *fixture,
             gint64   when,
             gint64   reply_after)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardRemotePost *post;
  g_autofree char *remote_id = NULL;
  gint64 item_id = 0;

  post = make_post (fixture, "42", "customer@example.social", "Hello, my order has not arrived yet", when);
  remote_id = g_strdup (post->remote_id);
  ui_test_ingest_mention (fixture->ws.store, fixture->ws.account_id, post);

  items = steward_store_list_inbox (fixture->ws.store, &filter, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (steward_inbox_item_get_remote_id (g_ptr_array_index (items, i)), remote_id) == 0)
      item_id = steward_inbox_item_get_id (g_ptr_array_index (items, i));
  g_assert_cmpint (item_id, >, 0);

  if (reply_after > 0)
    {
      g_autoptr(StewardPage) thread = steward_page_new ();

      g_ptr_array_add (thread->posts, make_post (fixture, "42", "customer@example.social",
                                                 "Hello, my order has not arrived yet", when));
      g_ptr_array_add (thread->posts, make_post (fixture, "1", "lumen", "Sorry! It ships today.",
                                                 when + reply_after));
      g_assert_true (steward_store_save_thread (fixture->ws.store, item_id, thread, FALSE, &error));
      g_assert_no_error (error);
    }

  return item_id;
}

static const char *
label_text (GtkWidget  *window,
            const char *name)
{
  g_autoptr(GPtrArray) labels = find_widgets (window, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (labels, i)), name) == 0)
      return gtk_label_get_label (g_ptr_array_index (labels, i));

  g_assert_not_reached ();
}

static gboolean
has_report (gpointer data)
{
  return steward_inbox_report_window_get_report (data) != NULL;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = steward_inbox_report_window_save_csv_finish (STEWARD_INBOX_REPORT_WINDOW (object), result,
                                                          &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(GError) error = NULL;

  ui_test_use_data_dir ();
  ui_test_workspace_open (&fixture->ws, "lumen", "Lumen", FALSE);

  /* Around the clock in UTC; 24 h for a first response. */
  g_assert_true (steward_sla_policy_set_time_zone (policy, "UTC"));
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 0, 1440));
  steward_sla_policy_set_targets (policy, 8 * 60, 24 * 60);
  g_assert_true (steward_store_save_sla_policy (fixture->ws.store, policy, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  ui_test_workspace_close (&fixture->ws);
}

/* Tests */

static void
test_headline (Fixture       *fixture,
               gconstpointer  user_data)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  const StewardReportRow *total;
  SaveResult save = { 0 };
  GtkWidget *window;
  GPtrArray *chart_widgets;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 no_reply;
  StewardReport *report;

  /* Answered in 1 h, 2 h and 30 h (late); one never; one needs none. */
  add_mention (fixture, now - 3 * DAY, HOUR);
  add_mention (fixture, now - 3 * DAY + 60, 2 * HOUR);
  add_mention (fixture, now - 4 * DAY, 30 * HOUR);
  add_mention (fixture, now - 2 * DAY, 0);
  no_reply = add_mention (fixture, now - HOUR, 0);
  ui_test_classify (fixture->ws.store);
  change.needs_reply = 0;
  g_assert_true (steward_store_change_items (fixture->ws.store, &no_reply, 1, &change, &error));
  g_assert_no_error (error);

  window = steward_inbox_report_window_new (NULL, fixture->ws.context);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (has_report, window));

  report = steward_inbox_report_window_get_report (STEWARD_INBOX_REPORT_WINDOW (window));
  total = steward_report_get_total (report);
  g_assert_cmpuint (total->n_items, ==, 5);
  g_assert_cmpuint (total->n_needed_reply, ==, 4);
  g_assert_cmpuint (total->n_replied, ==, 3);
  g_assert_cmpuint (total->n_breached, ==, 2);
  g_assert_cmpint (total->median_first_response, ==, 2 * HOUR);

  g_assert_cmpstr (label_text (window, "rate-value"), ==, "75 %");
  g_assert_cmpstr (label_text (window, "rate-detail"), ==, "3 of 4 items that needed a reply got one");
  g_assert_cmpstr (label_text (window, "median-value"), ==, "2 h");
  g_assert_cmpstr (label_text (window, "breaches-value"), ==, "2");
  g_assert_cmpstr (label_text (window, "needed-value"), ==, "4");
  g_assert_cmpstr (label_text (window, "needed-detail"), ==, "1 still without a reply");

  /* Four weeks, the current one included, in the chart. */
  chart_widgets = find_widgets (window, STEWARD_TYPE_INBOX_REPORT_CHART);
  g_assert_cmpuint (chart_widgets->len, ==, 1);
  g_assert_cmpuint (steward_inbox_report_chart_get_n_weeks (g_ptr_array_index (chart_widgets, 0)), ==, 4);
  g_ptr_array_unref (chart_widgets);

  /* Export CSV writes the report shown. */
  path = g_build_filename (g_get_user_data_dir (), "report.csv", NULL);
  file = g_file_new_for_path (path);
  steward_inbox_report_window_save_csv_async (STEWARD_INBOX_REPORT_WINDOW (window), file, NULL, save_cb, &save);
  g_assert_true (wait_until (save_done, &save));
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_no_error (error);
  expected = steward_report_to_csv (report);
  g_assert_cmpstr (written, ==, expected);
  lines = g_strsplit (written, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "account,week,items,needed_reply,replied,response_rate,"
                                 "median_first_response_seconds,breaches");
  g_assert_true (strstr (written, ",5,4,3,") != NULL);
  g_assert_true (strstr (written, ",7200,2") != NULL);

  /* Twelve weeks: built again, same items. */
  steward_inbox_report_window_set_weeks (STEWARD_INBOX_REPORT_WINDOW (window), 12);
  g_assert_null (steward_inbox_report_window_get_report (STEWARD_INBOX_REPORT_WINDOW (window)));
  g_assert_true (wait_until (has_report, window));
  report = steward_inbox_report_window_get_report (STEWARD_INBOX_REPORT_WINDOW (window));
  g_assert_cmpint (steward_report_get_until (report) - steward_report_get_since (report), >, 11 * 7 * DAY);
  g_assert_cmpuint (steward_report_get_total (report)->n_needed_reply, ==, 4);
  g_assert_cmpstr (label_text (window, "rate-value"), ==, "75 %");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_nothing_needed (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *window;

  window = steward_inbox_report_window_new (NULL, fixture->ws.context);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (has_report, window));

  /* Nothing to count is not 0 %. */
  g_assert_cmpstr (label_text (window, "rate-value"), ==, "—");
  g_assert_cmpstr (label_text (window, "rate-detail"), ==, "Nothing needed a reply");
  g_assert_cmpstr (label_text (window, "median-value"), ==, "—");
  g_assert_cmpstr (label_text (window, "breaches-value"), ==, "0");
  g_assert_cmpstr (label_text (window, "needed-value"), ==, "0");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "report", UI_TEST_DEFAULT))
    return 77;

  g_test_add ("/ui/inbox-report/headline", Fixture, NULL, fixture_set_up, test_headline, fixture_tear_down);
  g_test_add ("/ui/inbox-report/nothing-needed", Fixture, NULL, fixture_set_up, test_nothing_needed,
              fixture_tear_down);

  return ui_test_run ();
}
