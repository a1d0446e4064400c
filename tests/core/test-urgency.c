/* test-urgency.c — urgency rules: JSON, conditions, storage and dry runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "store-test-util.h"

#define NOW G_GINT64_CONSTANT (1790000000)
#define DAY (24 * 3600)

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

static StewardUrgencyRule *
rule_from_json (const char *name,
                const char *json)
{
  g_autoptr(GError) error = NULL;
  StewardUrgencyRule *rule = steward_urgency_rule_new_from_json (name, json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rule);
  return rule;
}

static StewardClassifier *
classifier_for (StewardUrgencyRule *rule)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();

  g_ptr_array_add (rules, g_object_ref (rule));
  return steward_classifier_new (get_analyzer (), rules, policy);
}

static void
test_json_round_trip (void)
{
  g_autoptr(StewardUrgencyRule) rule = steward_urgency_rule_new ("Everything");
  g_autoptr(StewardUrgencyRule) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  const char *words[] = { "退款", " refund ", "", "charged twice", NULL };
  const StewardCondition *c;

  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_KEYWORDS, .words = (GStrv) words });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_SENTIMENT, .max_score = -0.35 });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_REACH, .min_followers = 10000 });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_DIRECT });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_BURST, .count = 3, .minutes = 60 });
  g_assert_cmpuint (steward_urgency_rule_get_n_conditions (rule), ==, 5);

  json = steward_urgency_rule_to_json (rule);
  back = steward_urgency_rule_new_from_json ("Back", json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_urgency_rule_get_name (back), ==, "Back");
  g_assert_true (steward_urgency_rule_get_enabled (back));
  g_assert_cmpuint (steward_urgency_rule_get_n_conditions (back), ==, 5);

  c = steward_urgency_rule_get_condition (back, 0);
  g_assert_cmpint (c->type, ==, STEWARD_CONDITION_KEYWORDS);
  /* Blank words were dropped and the rest stripped. */
  g_assert_cmpuint (g_strv_length (c->words), ==, 3);
  g_assert_cmpstr (c->words[0], ==, "退款");
  g_assert_cmpstr (c->words[1], ==, "refund");
  g_assert_cmpstr (c->words[2], ==, "charged twice");
  c = steward_urgency_rule_get_condition (back, 1);
  g_assert_cmpint (c->type, ==, STEWARD_CONDITION_SENTIMENT);
  g_assert_cmpfloat_with_epsilon (c->max_score, -0.35, 1e-9);
  c = steward_urgency_rule_get_condition (back, 2);
  g_assert_cmpint (c->type, ==, STEWARD_CONDITION_REACH);
  g_assert_cmpint (c->min_followers, ==, 10000);
  c = steward_urgency_rule_get_condition (back, 3);
  g_assert_cmpint (c->type, ==, STEWARD_CONDITION_DIRECT);
  c = steward_urgency_rule_get_condition (back, 4);
  g_assert_cmpint (c->type, ==, STEWARD_CONDITION_BURST);
  g_assert_cmpuint (c->count, ==, 3);
  g_assert_cmpuint (c->minutes, ==, 60);

  again = steward_urgency_rule_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* The documented example parses; integers are accepted as scores. */
  g_clear_object (&back);
  back = rule_from_json ("Doc", "{\"conditions\":[{\"type\":\"keywords\",\"words\":[\"退款\",\"refund\"]},"
                                "{\"type\":\"sentiment\",\"max\":-1},"
                                "{\"type\":\"reach\",\"min\":10000},{\"type\":\"direct\"},"
                                "{\"type\":\"burst\",\"count\":3,\"minutes\":60}]}");
  g_assert_cmpfloat (steward_urgency_rule_get_condition (back, 1)->max_score, ==, -1.0);

  steward_urgency_rule_remove_condition (back, 0);
  g_assert_cmpuint (steward_urgency_rule_get_n_conditions (back), ==, 4);
  g_assert_cmpint (steward_urgency_rule_get_condition (back, 0)->type, ==, STEWARD_CONDITION_SENTIMENT);
}

static void
test_json_invalid (void)
{
  struct {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "not json", "not valid JSON" },
    { "[1, 2]", "JSON object" },
    { "{}", "conditions" },
    { "{\"conditions\": {}}", "conditions" },
    { "{\"conditions\": []}", "conditions" },
    { "{\"conditions\": [42]}", "JSON object" },
    { "{\"conditions\": [{\"words\": [\"x\"]}]}", "type" },
    { "{\"conditions\": [{\"type\": \"moon\"}]}", "moon" },
    { "{\"conditions\": [{\"type\": \"keywords\"}]}", "at least one word" },
    { "{\"conditions\": [{\"type\": \"keywords\", \"words\": [\"  \"]}]}", "at least one word" },
    { "{\"conditions\": [{\"type\": \"keywords\", \"words\": [1]}]}", "strings" },
    { "{\"conditions\": [{\"type\": \"sentiment\"}]}", "max" },
    { "{\"conditions\": [{\"type\": \"sentiment\", \"max\": -2}]}", "max" },
    { "{\"conditions\": [{\"type\": \"sentiment\", \"max\": \"low\"}]}", "max" },
    { "{\"conditions\": [{\"type\": \"reach\", \"min\": -5}]}", "min" },
    { "{\"conditions\": [{\"type\": \"reach\", \"min\": 1.5}]}", "min" },
    { "{\"conditions\": [{\"type\": \"burst\", \"count\": 0, \"minutes\": 60}]}", "count" },
    { "{\"conditions\": [{\"type\": \"burst\", \"count\": 3}]}", "minutes" },
    { "{\"conditions\": [{\"type\": \"direct\"}, {\"type\": \"sentiment\", \"max\": 3}]}", "max" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardUrgencyRule) rule = steward_urgency_rule_new_from_json ("x", cases[i].json,
                                                                               &error);

      g_assert_null (rule);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", cases[i].json, error->message,
                 cases[i].message_part);
    }
}

static void
test_describe (void)
{
  g_autoptr(StewardUrgencyRule) rule = rule_from_json ("R",
    "{\"conditions\":[{\"type\":\"keywords\",\"words\":[\"refund\",\"退款\"]},"
    "{\"type\":\"sentiment\",\"max\":-0.3},{\"type\":\"reach\",\"min\":10000},"
    "{\"type\":\"direct\"},{\"type\":\"burst\",\"count\":3,\"minutes\":60}]}");
  g_autoptr(StewardUrgencyRule) empty = steward_urgency_rule_new ("E");
  g_autofree char *text = steward_urgency_rule_describe (rule);
  g_autofree char *none = steward_urgency_rule_describe (empty);

  g_assert_cmpstr (text, ==,
                   "Mentions refund, 退款 · Sentiment at most -0.3 · Author has at least 10000 followers"
                   " · Direct message · At least 3 items from one author within 60 minutes");
  g_assert_cmpstr (none, ==, "No conditions");

  /* Control characters never reach a name. */
  steward_urgency_rule_set_name (empty, "a\x1f" "b\nc");
  g_assert_cmpstr (steward_urgency_rule_get_name (empty), ==, "a b c");
}

static gboolean
fires (StewardClassifier *classifier,
       const char        *text)
{
  g_autoptr(StewardClassification) result = steward_classifier_analyze_text (classifier, text);

  g_assert_cmpint (result->urgent, ==, result->rules[0] != NULL);
  return result->urgent;
}

static void
test_keywords (void)
{
  g_autoptr(StewardUrgencyRule) rule = rule_from_json ("Complaints",
    "{\"conditions\":[{\"type\":\"keywords\","
    "\"words\":[\"投诉\",\"騙\",\"Refund\",\"sue\",\"charged twice\",\"#scam\"]}]}");
  g_autoptr(StewardClassifier) classifier = classifier_for (rule);
  g_autoptr(StewardClassification) result = NULL;

  /* Traditional and Simplified are one. */
  g_assert_true (fires (classifier, "我要投訴你們"));
  g_assert_true (fires (classifier, "我要投诉"));
  g_assert_true (fires (classifier, "你们这是骗人"));
  g_assert_true (fires (classifier, "你們這是騙人"));
  /* Case and width. */
  g_assert_true (fires (classifier, "I want a REFUND now"));
  g_assert_true (fires (classifier, "ＲＥＦＵＮＤ　please"));
  /* Whole words for Latin keywords, next to CJK too. */
  g_assert_true (fires (classifier, "refund."));
  g_assert_true (fires (classifier, "我要refund了"));
  g_assert_false (fires (classifier, "they refunded me quickly"));
  g_assert_false (fires (classifier, "this issue is fixed"));
  g_assert_true (fires (classifier, "We will sue!"));
  g_assert_true (fires (classifier, "they SUE, again"));
  /* Phrases and punctuation in keywords. */
  g_assert_true (fires (classifier, "I was Charged twice for one order"));
  g_assert_false (fires (classifier, "charged, twice"));
  g_assert_true (fires (classifier, "what a #scam"));
  g_assert_false (fires (classifier, "scam"));
  g_assert_false (fires (classifier, "lovely coffee"));
  g_assert_false (fires (classifier, ""));

  result = steward_classifier_analyze_text (classifier, "refund");
  g_assert_cmpuint (g_strv_length (result->rules), ==, 1);
  g_assert_cmpstr (result->rules[0], ==, "Complaints");
}

static void
test_text_conditions (void)
{
  g_autoptr(StewardUrgencyRule) negative = rule_from_json ("Negative",
    "{\"conditions\":[{\"type\":\"sentiment\",\"max\":-0.3}]}");
  g_autoptr(StewardUrgencyRule) reach = rule_from_json ("Reach",
    "{\"conditions\":[{\"type\":\"reach\",\"min\":0}]}");
  g_autoptr(StewardUrgencyRule) direct = rule_from_json ("Direct", "{\"conditions\":[{\"type\":\"direct\"}]}");
  g_autoptr(StewardUrgencyRule) burst = rule_from_json ("Burst",
    "{\"conditions\":[{\"type\":\"burst\",\"count\":1,\"minutes\":60}]}");
  g_autoptr(StewardClassifier) c_negative = classifier_for (negative);
  g_autoptr(StewardClassifier) c_reach = classifier_for (reach);
  g_autoptr(StewardClassifier) c_direct = classifier_for (direct);
  g_autoptr(StewardClassifier) c_burst = classifier_for (burst);
  g_autoptr(StewardClassification) result = NULL;

  g_assert_true (fires (c_negative, "太失望了，质量太差"));
  g_assert_true (fires (c_negative, "Terrible service, I am really disappointed"));
  g_assert_false (fires (c_negative, "Great coffee, thank you!"));
  g_assert_false (fires (c_negative, "not bad at all"));

  result = steward_classifier_analyze_text (c_negative, "太失望了");
  g_assert_cmpint (result->label, ==, STEWARD_SENTIMENT_LABEL_NEGATIVE);
  g_assert_cmpfloat (result->score, <=, -0.3);

  /* Text alone knows no author, channel or history. */
  g_assert_false (fires (c_reach, "anything"));
  g_assert_false (fires (c_direct, "anything"));
  g_assert_false (fires (c_burst, "anything"));

  /* A disabled rule never fires. */
  steward_urgency_rule_set_enabled (negative, FALSE);
  g_clear_object (&c_negative);
  c_negative = classifier_for (negative);
  g_assert_false (fires (c_negative, "太失望了，质量太差"));
}

static void
test_stored_rules (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardUrgencyRule) added = NULL;
  gint64 first_id;

  rules = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 4);
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (rules, 0)), ==, "Complaint words");
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (rules, 1)), ==,
                   "Negative post from an influential author");
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (rules, 2)), ==, "Negative direct message");
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (rules, 3)), ==, "Repeated mentions");
  for (guint i = 0; i < rules->len; i++)
    g_assert_cmpint (steward_urgency_rule_get_id (g_ptr_array_index (rules, i)), >, 0);
  g_assert_cmpuint (g_strv_length (steward_urgency_rule_get_condition (g_ptr_array_index (rules, 0), 0)->words),
                    ==, 15);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM urgency_rules"), ==, 4);

  /* Listed again: the same rows, not seeded twice. */
  again = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 4);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM urgency_rules"), ==, 4);
  g_clear_pointer (&again, g_ptr_array_unref);

  /* Edit: disable one, drop one, add one at the front. */
  first_id = steward_urgency_rule_get_id (g_ptr_array_index (rules, 0));
  steward_urgency_rule_set_enabled (g_ptr_array_index (rules, 2), FALSE);
  g_ptr_array_remove_index (rules, 3);
  added = rule_from_json ("Lawyers", "{\"conditions\":[{\"type\":\"keywords\",\"words\":[\"律师函\"]}]}");
  g_ptr_array_insert (rules, 0, g_object_ref (added));
  g_assert_true (steward_store_save_urgency_rules (store, rules, &error));
  g_assert_no_error (error);
  g_assert_cmpint (steward_urgency_rule_get_id (added), >, 0);
  g_assert_cmpint (steward_urgency_rule_get_id (g_ptr_array_index (rules, 1)), ==, first_id);

  again = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 4);
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (again, 0)), ==, "Lawyers");
  g_assert_cmpint (steward_urgency_rule_get_id (g_ptr_array_index (again, 0)), ==,
                   steward_urgency_rule_get_id (added));
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (again, 1)), ==, "Complaint words");
  g_assert_false (steward_urgency_rule_get_enabled (g_ptr_array_index (again, 3)));
  g_assert_true (steward_urgency_rule_get_enabled (g_ptr_array_index (again, 2)));
  g_clear_pointer (&again, g_ptr_array_unref);

  /* The same rule twice is refused, and nothing changes. */
  g_ptr_array_add (rules, g_object_ref (added));
  g_assert_false (steward_store_save_urgency_rules (store, rules, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM urgency_rules"), ==, 4);

  /* Removing every rule sticks: the defaults come only once. */
  g_ptr_array_set_size (rules, 0);
  g_assert_true (steward_store_save_urgency_rules (store, rules, &error));
  g_assert_no_error (error);
  again = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
}

/* One inbox item by author "user<author>" (with @followers) at @when. */
static void
add_item (StewardStore    *store,
          gint64           account,
          StewardItemKind  kind,
          const char      *id,
          const char      *text,
          gint64           when,
          int              author,
          gint64           followers)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autofree char *html = g_markup_printf_escaped ("<p>%s</p>", text);
  StewardRemotePost *post = test_post (id, html, when, author);

  post->author->followers = followers;
  g_ptr_array_add (page->items, steward_remote_item_new (kind, id, post));
  test_ingest (store, account,
               kind == STEWARD_ITEM_KIND_DIRECT ? STEWARD_STREAM_DIRECT : STEWARD_STREAM_MENTIONS,
               page);
}

static void
test_dry_run (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(StewardUrgencyRule) hello = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[5] = { 99, 99, 99, 99, 99 };
  guint n_any = 99;
  gint64 account = test_add_account (store, "https://social.example", "1");
  const char *negative_zh = "这个产品太烂了，非常失望";
  const char *negative_en = "Terrible service, I am really disappointed";

  /* The fixture relies on these being clearly negative. */
  g_assert_cmpfloat (steward_sentiment_analyzer_score (get_analyzer (), negative_zh, NULL), <=, -0.3);
  g_assert_cmpfloat (steward_sentiment_analyzer_score (get_analyzer (), negative_en, NULL), <=, -0.3);
  g_assert_cmpfloat (steward_sentiment_analyzer_score (get_analyzer (), "I love it", NULL), >, 0);

  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "a", "I want a refund", NOW - 10 * DAY, 1, 5);
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "b", negative_zh, NOW - 5 * DAY, 2, 50000);
  add_item (store, account, STEWARD_ITEM_KIND_DIRECT, "c", negative_en, NOW - 4 * DAY, 3, 10);
  /* Three from one author within half an hour: the third is a burst. */
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "d", "hello", NOW - 2 * DAY, 4, 10);
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "e", "hello again", NOW - 2 * DAY + 900, 4, 10);
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "f", "hello, anyone?", NOW - 2 * DAY + 1800, 4, 10);
  /* Too old, and in the future. */
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "g", "refund refund", NOW - 40 * DAY, 6, 10);
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "g2", "refund refund", NOW + 60, 6, 10);
  /* Classified: its stored sentiment counts, not its text. */
  add_item (store, account, STEWARD_ITEM_KIND_MENTION, "h", "I love it", NOW - DAY, 5, 20000);
  g_assert_cmpint (test_query_int (store, "UPDATE inbox_items SET classified_at = 1, sentiment = -0.9"
                                          " WHERE remote_id = 'h' RETURNING 0"), ==, 0);
  /* A friendly direct message from a big account: nothing. */
  add_item (store, account, STEWARD_ITEM_KIND_DIRECT, "i", "Thanks, great job!", NOW - DAY, 7, 100000);

  rules = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);
  hello = rule_from_json ("Hello", "{\"conditions\":[{\"type\":\"keywords\",\"words\":[\"hello\"]}]}");
  steward_urgency_rule_set_enabled (hello, FALSE);
  g_ptr_array_add (rules, g_object_ref (hello));

  g_assert_true (steward_store_dry_run_urgency_rules (store, rules, NOW, counts, &n_any, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 1);   /* complaint words: a */
  g_assert_cmpuint (counts[1], ==, 2);   /* influential and negative: b, h */
  g_assert_cmpuint (counts[2], ==, 1);   /* negative direct message: c */
  g_assert_cmpuint (counts[3], ==, 1);   /* repeated mentions: f */
  g_assert_cmpuint (counts[4], ==, 3);   /* disabled, still counted: d, e, f */
  g_assert_cmpuint (n_any, ==, 5);       /* a, b, c, f, h */

  /* Nothing was written. */
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM inbox_items WHERE classified_at IS NOT NULL"),
                   ==, 1);

  /* A window with nothing in it. */
  g_assert_true (steward_store_dry_run_urgency_rules (store, rules, NOW - 100 * DAY, counts, &n_any, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len; i++)
    g_assert_cmpuint (counts[i], ==, 0);
  g_assert_cmpuint (n_any, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/urgency/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/urgency/json-invalid", test_json_invalid);
  g_test_add_func ("/core/urgency/describe", test_describe);
  g_test_add_func ("/core/urgency/keywords", test_keywords);
  g_test_add_func ("/core/urgency/text-conditions", test_text_conditions);
  g_test_add_func ("/core/urgency/stored-rules", test_stored_rules);
  g_test_add_func ("/core/urgency/dry-run", test_dry_run);

  return g_test_run ();
}
