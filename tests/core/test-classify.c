/* test-classify.c — classifying new inbox items in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "store-test-util.h"
#include "steward-classify-private.h"

static const char *SH = "Asia/Shanghai";

static gint64
at (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (SH);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static StewardSentimentAnalyzer *
get_analyzer (void)
{
  static StewardSentimentAnalyzer *analyzer;

  if (analyzer == NULL)
    {
      g_autoptr(GError) error = NULL;

      analyzer = steward_sentiment_analyzer_new (&error);
      g_assert_no_error (error);
    }
  return analyzer;
}

static void
add_item (StewardStore    *store,
          gint64           account,
          StewardItemKind  kind,
          const char      *id,
          const char      *spoiler,
          const char      *text,
          gint64           when,
          int              author,
          gint64           followers)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autofree char *html = g_markup_printf_escaped ("<p>%s</p>", text);
  StewardRemotePost *post = test_post (id, html, when, author);

  post->author->followers = followers;
  post->spoiler_text = g_strdup (spoiler);
  g_ptr_array_add (page->items, steward_remote_item_new (kind, id, post));
  test_ingest (store, account,
               kind == STEWARD_ITEM_KIND_DIRECT ? STEWARD_STREAM_DIRECT : STEWARD_STREAM_MENTIONS,
               page);
}

typedef struct {
  gboolean classified;
  double   sentiment;
  gboolean urgent;
  GStrv    rules;
  gint64   due;       /* -1 for NULL */
  gboolean quiet;
  gint64   urgent_alerted_at;  /* -1 for NULL */
  gint64   breach_alerted_at;  /* -1 for NULL */
  gint64   classified_at;
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->rules, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static void
read_row (StewardStore *store,
          const char   *remote_id,
          Row          *row)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (steward_store_get_db (store),
                                       "SELECT classified_at IS NOT NULL, coalesce (sentiment, 0), urgent,"
                                       "       urgent_rules, coalesce (sla_due_at, -1), quiet,"
                                       "       coalesce (urgent_alerted_at, -1),"
                                       "       coalesce (breach_alerted_at, -1), coalesce (classified_at, -1)"
                                       " FROM inbox_items WHERE remote_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, remote_id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row->classified = sqlite3_column_int (stmt, 0);
  row->sentiment = sqlite3_column_double (stmt, 1);
  row->urgent = sqlite3_column_int (stmt, 2);
  row->rules = steward_urgent_rules_decode ((const char *) sqlite3_column_text (stmt, 3));
  row->due = sqlite3_column_int64 (stmt, 4);
  row->quiet = sqlite3_column_int (stmt, 5);
  row->urgent_alerted_at = sqlite3_column_int64 (stmt, 6);
  row->breach_alerted_at = sqlite3_column_int64 (stmt, 7);
  row->classified_at = sqlite3_column_int64 (stmt, 8);
}

static void
on_changed_cb (StewardStore *store,
               const char   *what,
               guint        *n_inbox)
{
  if (g_strcmp0 (what, "inbox") == 0)
    (*n_inbox)++;
}

static void
test_rules_format (void)
{
  const char *names[] = { "Complaint words", "负面私信", NULL };
  g_autofree char *stored = steward_urgent_rules_encode (names);
  g_auto(GStrv) decoded = steward_urgent_rules_decode (stored);
  g_auto(GStrv) none = steward_urgent_rules_decode (NULL);
  g_autofree char *empty = steward_urgent_rules_encode (NULL);

  g_autofree char *quoted = NULL;
  g_auto(GStrv) tricky = NULL;
  const char *odd[] = { "say \"refund\"", "a,b", NULL };

  g_assert_cmpstr (stored, ==, "[\"Complaint words\",\"负面私信\"]");
  g_assert_true (g_strv_equal ((const char * const *) decoded, names));
  g_assert_nonnull (none);
  g_assert_null (none[0]);
  g_assert_null (empty);

  /* Quotes and commas survive. */
  quoted = steward_urgent_rules_encode (odd);
  tricky = steward_urgent_rules_decode (quoted);
  g_assert_true (g_strv_equal ((const char * const *) tricky, odd));
  g_clear_pointer (&tricky, g_strfreev);
  tricky = steward_urgent_rules_decode ("not json");
  g_assert_null (tricky[0]);
}

static void
test_classify_pending (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = test_add_account (store, "https://social.example", "1");
  gint64 b = test_add_account (store, "https://other.example", "9");
  gint64 friday = at (2026, 11, 20, 17, 0);
  gint64 before, after;
  guint n_classified = 99, n_urgent = 99, n_inbox = 0;

  g_assert_true (steward_sla_policy_set_time_zone (policy, SH));
  g_assert_true (steward_store_save_sla_policy (store, policy, &error));
  g_assert_no_error (error);

  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "refund", NULL, "我要退款！", friday, 1, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "happy", NULL, "Great coffee, thank you!", friday, 2, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "cw", "騙局 warning", "see inside", friday, 3, 10);
  add_item (store, a, STEWARD_ITEM_KIND_DIRECT, "dm", NULL,
            "Terrible service, I am really disappointed. I want a refund.", friday, 4, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "fyi", NULL, "FYI we posted a refund guide", friday, 5, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "kol", NULL, "这个产品太烂了，非常失望", friday, 6, 20000);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "kol-fan", NULL, "这个产品太烂了，非常失望", friday, 7, 9999);
  /* Three within the hour from one author: only the third is a burst. */
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "ask1", NULL, "hello?", friday - 3000, 8, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "ask2", NULL, "hello??", friday - 1500, 8, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "ask3", NULL, "hello???", friday, 8, 10);
  add_item (store, b, STEWARD_ITEM_KIND_MENTION, "other", NULL, "退款", friday, 9, 10);
  g_assert_cmpint (test_query_int (store, "UPDATE inbox_items SET needs_reply = 0"
                                          " WHERE remote_id = 'fyi' RETURNING 0"), ==, 0);

  classifier = steward_classifier_new_for_store (store, get_analyzer (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_sla_policy_get_time_zone (steward_classifier_get_policy (classifier)), ==, SH);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &n_inbox);
  before = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (steward_store_classify_pending (store, classifier, a, FALSE,
                                                 &n_classified, &n_urgent, &error));
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (n_classified, ==, 10);
  g_assert_cmpuint (n_urgent, ==, 6);   /* refund, cw, dm, fyi, kol, ask3 */
  g_assert_cmpuint (n_inbox, ==, 1);

  {
    g_auto(Row) row = { 0 };

    read_row (store, "refund", &row);
    g_assert_true (row.classified);
    g_assert_cmpint (row.classified_at, >=, before);
    g_assert_cmpint (row.classified_at, <=, after);
    g_assert_true (row.urgent);
    g_assert_cmpuint (g_strv_length (row.rules), ==, 1);
    g_assert_cmpstr (row.rules[0], ==, "Complaint words");
    /* Urgent: 8 business hours from Friday 17:00 → Monday 16:00. */
    g_assert_cmpint (row.due, ==, at (2026, 11, 23, 16, 0));
    g_assert_false (row.quiet);
    g_assert_cmpint (row.urgent_alerted_at, ==, -1);
    g_assert_cmpint (row.breach_alerted_at, ==, -1);
  }
  {
    g_auto(Row) row = { 0 };

    read_row (store, "happy", &row);
    g_assert_true (row.classified);
    g_assert_false (row.urgent);
    g_assert_null (row.rules[0]);
    g_assert_cmpfloat (row.sentiment, >, 0.1);
    /* Normal: 24 business hours → 1 h Friday, 9 h Mon, Tue, then 5 h on
     * Wednesday: 14:00. */
    g_assert_cmpint (row.due, ==, at (2026, 11, 25, 14, 0));
  }
  {
    g_auto(Row) row = { 0 };

    /* The keyword is in the content warning, in Traditional. */
    read_row (store, "cw", &row);
    g_assert_true (row.urgent);
    g_assert_cmpstr (row.rules[0], ==, "Complaint words");
  }
  {
    g_auto(Row) row = { 0 };

    g_autoptr(StewardInboxItem) item = NULL;
    const char * const *item_rules;

    read_row (store, "dm", &row);
    g_assert_true (row.urgent);
    g_assert_cmpfloat (row.sentiment, <=, -0.3);
    g_assert_cmpuint (g_strv_length (row.rules), ==, 2);
    g_assert_cmpstr (row.rules[0], ==, "Complaint words");
    g_assert_cmpstr (row.rules[1], ==, "Negative direct message");

    /* The store's item objects read the same. */
    item = steward_store_get_inbox_item (store,
                                         test_query_int (store, "SELECT id FROM inbox_items WHERE remote_id = 'dm'"),
                                         &error);
    g_assert_no_error (error);
    g_assert_true (steward_inbox_item_get_classified (item));
    g_assert_true (steward_inbox_item_get_urgent (item));
    item_rules = steward_inbox_item_get_urgent_rules (item);
    g_assert_true (g_strv_equal (item_rules, (const char * const *) row.rules));
    g_assert_cmpint (steward_inbox_item_get_sla_state (item, friday, 7200), ==, STEWARD_SLA_STATE_OK);
    g_assert_cmpint (steward_inbox_item_get_sla_state (item, row.due - 60, 7200), ==,
                     STEWARD_SLA_STATE_DUE_SOON);
    g_assert_cmpint (steward_inbox_item_get_sla_state (item, row.due, 7200), ==,
                     STEWARD_SLA_STATE_BREACHED);
  }
  {
    g_auto(Row) row = { 0 };

    /* Urgent by its words but needs no reply: no clock. */
    read_row (store, "fyi", &row);
    g_assert_true (row.urgent);
    g_assert_cmpint (row.due, ==, -1);
  }
  {
    g_auto(Row) row = { 0 };

    read_row (store, "kol", &row);
    g_assert_true (row.urgent);
    g_assert_cmpstr (row.rules[0], ==, "Negative post from an influential author");
    g_clear_pointer (&row.rules, g_strfreev);
    read_row (store, "kol-fan", &row);
    g_assert_false (row.urgent);
  }
  {
    g_auto(Row) row = { 0 };

    read_row (store, "ask2", &row);
    g_assert_false (row.urgent);
    g_clear_pointer (&row.rules, g_strfreev);
    read_row (store, "ask3", &row);
    g_assert_true (row.urgent);
    g_assert_cmpstr (row.rules[0], ==, "Repeated mentions");
  }
  {
    g_auto(Row) row = { 0 };

    /* The other account was left alone. */
    read_row (store, "other", &row);
    g_assert_false (row.classified);
  }

  /* Nothing left for the account. */
  g_assert_true (steward_store_classify_pending (store, classifier, a, FALSE,
                                                 &n_classified, &n_urgent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_classified, ==, 0);
  g_assert_cmpuint (n_urgent, ==, 0);
  g_assert_cmpuint (n_inbox, ==, 1);

  /* A backfill: quiet, and marked as alerted so it never notifies. */
  g_assert_true (steward_store_classify_pending (store, classifier, 0, TRUE,
                                                 &n_classified, &n_urgent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_classified, ==, 1);
  g_assert_cmpuint (n_urgent, ==, 1);
  {
    g_auto(Row) row = { 0 };

    read_row (store, "other", &row);
    g_assert_true (row.classified);
    g_assert_true (row.urgent);
    g_assert_true (row.quiet);
    g_assert_cmpint (row.urgent_alerted_at, ==, row.classified_at);
    g_assert_cmpint (row.breach_alerted_at, ==, row.classified_at);
  }

  g_signal_handlers_disconnect_by_func (store, on_changed_cb, &n_inbox);
}

static void
test_stored_rules_apply (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(StewardClassification) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = test_add_account (store, "https://social.example", "1");
  guint n_classified, n_urgent;

  g_ptr_array_add (rules, steward_urgency_rule_new_from_json ("Lawyers",
    "{\"conditions\":[{\"type\":\"keywords\",\"words\":[\"律師函\"]}]}", &error));
  g_assert_no_error (error);
  g_assert_true (steward_store_save_urgency_rules (store, rules, &error));
  g_assert_no_error (error);

  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "law", NULL, "收到律师函了", 1790000000, 1, 10);
  add_item (store, a, STEWARD_ITEM_KIND_MENTION, "refund", NULL, "退款", 1790000000, 2, 10);

  classifier = steward_classifier_new_for_store (store, get_analyzer (), &error);
  g_assert_no_error (error);
  g_assert_true (steward_store_classify_pending (store, classifier, 0, FALSE,
                                                 &n_classified, &n_urgent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_classified, ==, 2);
  g_assert_cmpuint (n_urgent, ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT urgent FROM inbox_items WHERE remote_id = 'law'"), ==, 1);
  g_assert_cmpint (test_query_int (store, "SELECT urgent FROM inbox_items WHERE remote_id = 'refund'"), ==, 0);

  result = steward_classifier_analyze_text (classifier, "律師函已經發出");
  g_assert_true (result->urgent);
  g_assert_cmpstr (result->rules[0], ==, "Lawyers");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/classify/rules-format", test_rules_format);
  g_test_add_func ("/core/classify/pending", test_classify_pending);
  g_test_add_func ("/core/classify/stored-rules", test_stored_rules_apply);

  return g_test_run ();
}
