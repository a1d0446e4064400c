/* test-cli-analyze.c — steward-cli analyze: sentiment and urgency per line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <steward/steward.h>

/* The name of the workspace's rule that has @word among its keywords. */
static char *
keyword_rule_name (Fixture    *f,
                   const char *word)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, "steward.db", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;

  store = steward_store_open (db_path, &error);
  g_assert_no_error (error);
  rules = steward_store_list_urgency_rules (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < rules->len; i++)
    {
      StewardUrgencyRule *rule = g_ptr_array_index (rules, i);

      for (guint c = 0; c < steward_urgency_rule_get_n_conditions (rule); c++)
        {
          const StewardCondition *condition = steward_urgency_rule_get_condition (rule, c);

          if (condition->type == STEWARD_CONDITION_KEYWORDS &&
              g_strv_contains ((const char * const *) condition->words, word))
            return g_strdup (steward_urgency_rule_get_name (rule));
        }
    }

  return NULL;
}

/* Input and output at the same time: large inputs cannot deadlock. */
static CliResult *
run_with_input (Fixture            *f,
                const char         *input,
                const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (f, NULL, TRUE, args);
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;

  return result;
}

static void
test_analyze_json (Fixture       *f,
                   gconstpointer  data)
{
  const char *input =
    "我要退款，你们这是骗人的！\n"
    "not bad\n"
    "\n"
    "The new firmware is great, thanks!\n"
    "   \n"
    "你们的产品不好用，太失望了\r\n"
    "The update broke everything, I want a refund";
  const char * const args[] = { "analyze", "--json", NULL };
  const char * const keys[] = { "text", "label", "score", "urgent", "rules", NULL };
  g_autoptr(CliResult) result = run_with_input (f, input, args);
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *rule = NULL;
  JsonObject *line;
  JsonArray *rules;

  g_assert_cmpint (result->status, ==, 0);
  lines = parse_json_lines (result->out);
  g_assert_cmpuint (lines->len, ==, 7);

  for (guint i = 0; i < lines->len; i++)
    {
      double score;

      line = g_ptr_array_index (lines, i);
      g_assert_cmpuint (json_object_get_size (line), ==, g_strv_length ((GStrv) keys));
      for (guint k = 0; keys[k] != NULL; k++)
        g_assert_true (json_object_has_member (line, keys[k]));
      score = json_object_get_double_member (line, "score");
      g_assert_cmpfloat (score, >=, -1.0);
      g_assert_cmpfloat (score, <=, 1.0);
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (line, "urgent")), ==,
                       G_TYPE_BOOLEAN);
      /* Urgent exactly when some rule fired. */
      g_assert_cmpint (json_object_get_boolean_member (line, "urgent"), ==,
                       json_array_get_length (json_object_get_array_member (line, "rules")) > 0);
    }

  rule = keyword_rule_name (f, "退款");
  g_assert_nonnull (rule);

  /* A complaint with 退款: negative and urgent, by the complaint-words rule. */
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==, "我要退款，你们这是骗人的！");
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "negative");
  g_assert_true (json_object_get_boolean_member (line, "urgent"));
  rules = json_object_get_array_member (line, "rules");
  g_assert_cmpstr (json_array_get_string_element (rules, 0), ==, rule);

  /* "not bad" is mildly positive, not negative. */
  line = g_ptr_array_index (lines, 1);
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "positive");
  g_assert_cmpfloat (json_object_get_double_member (line, "score"), >, 0.0);
  g_assert_false (json_object_get_boolean_member (line, "urgent"));

  /* Empty and blank lines keep their place with a neutral result. */
  line = g_ptr_array_index (lines, 2);
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "neutral");
  g_assert_cmpfloat (json_object_get_double_member (line, "score"), ==, 0.0);
  g_assert_false (json_object_get_boolean_member (line, "urgent"));
  line = g_ptr_array_index (lines, 4);
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "neutral");

  line = g_ptr_array_index (lines, 3);
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "positive");
  g_assert_false (json_object_get_boolean_member (line, "urgent"));

  /* CRLF is a line end, not text. */
  line = g_ptr_array_index (lines, 5);
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==, "你们的产品不好用，太失望了");
  g_assert_cmpstr (json_object_get_string_member (line, "label"), ==, "negative");

  /* The last line needs no newline; English complaint words count too. */
  line = g_ptr_array_index (lines, 6);
  g_assert_true (json_object_get_boolean_member (line, "urgent"));
  rules = json_object_get_array_member (line, "rules");
  g_assert_cmpstr (json_array_get_string_element (rules, 0), ==, rule);
}

static void
test_analyze_text (Fixture       *f,
                   gconstpointer  data)
{
  const char * const args[] = { "analyze", NULL };
  g_autoptr(CliResult) result = run_with_input (f, "我要退款\nnot bad\n\n", args);
  g_autofree char *rule = NULL;
  g_autofree char *urgent = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");

  rule = keyword_rule_name (f, "退款");
  urgent = g_strdup_printf ("urgent: %s", rule);
  g_assert_nonnull (strstr (lines[0], urgent));
  g_assert_true (g_str_has_prefix (lines[1], "positive"));
  g_assert_null (strstr (lines[1], "urgent"));
  g_assert_true (g_str_has_prefix (lines[2], "neutral"));
  g_assert_nonnull (strstr (lines[2], "0.00"));
}

/* A long pipe: one answer per line, in order, none lost. */
static void
test_analyze_stream (Fixture       *f,
                     gconstpointer  data)
{
  const char * const samples[] = { "not bad", "", "我要退款，骗子", "今天天气很好" };
  const char * const args[] = { "analyze", NULL };
  const guint n_lines = 100000;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(CliResult) result = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < n_lines; i++)
    {
      g_string_append (input, samples[i % G_N_ELEMENTS (samples)]);
      g_string_append_c (input, '\n');
    }

  result = run_with_input (f, input->str, args);
  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_lines + 1);
  for (guint i = 0; i < n_lines; i++)
    {
      gboolean urgent = strstr (lines[i], "urgent") != NULL;

      if (urgent != (i % G_N_ELEMENTS (samples) == 2))
        g_error ("line %u: “%s”", i + 1, lines[i]);
    }
}

static void
test_analyze_usage (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CliResult) extra = run_cli (f, "text\n", "analyze", "some text");
  g_autoptr(CliResult) option = run_cli (f, "text\n", "analyze", "--csv");

  assert_usage_error (extra);
  assert_usage_error (option);
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/analyze/json", test_analyze_json);
  cli_test_add ("/cli/analyze/text", test_analyze_text);
  cli_test_add ("/cli/analyze/stream", test_analyze_stream);
  cli_test_add ("/cli/analyze/usage", test_analyze_usage);

  return g_test_run ();
}
