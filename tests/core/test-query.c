/* test-query.c — the Listening query language: parser and compiler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-query"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "steward-error.h"
#include "steward-fts-tokenizer.h"
#include "steward-query.h"

/* Filters as "lang:zh,ja -network:rss has:link". */
static char *
filters_to_string (GPtrArray *filters)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < filters->len; i++)
    {
      StewardQueryFilter *filter = filters->pdata[i];
      g_autofree char *values = filter->values ? g_strjoinv (",", filter->values) : NULL;

      g_string_append_printf (out, "%s%s%s%s%s",
                              out->len ? " " : "",
                              filter->negated ? "-" : "",
                              steward_query_filter_kind_to_string (filter->kind),
                              values ? ":" : "",
                              values ? values : "");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_valid (void)
{
  struct {
    const char *query;
    const char *tree;
    const char *match;
    const char *exclude;
    const char *filters;
    const char *terms;
    const char *hashtags;
  } cases[] = {
    { "coffee", "coffee", "(\"coffee\")", NULL, "", "coffee", "" },
    { "  Lumen   coffee ", "(and Lumen coffee)", "(\"Lumen\") AND (\"coffee\")", NULL, "", "Lumen|coffee", "" },
    { "lumen AND coffee", "(and lumen coffee)", "(\"lumen\") AND (\"coffee\")", NULL, "", "lumen|coffee", "" },
    { "\"cold brew\" OR espresso", "(or \"cold brew\" espresso)",
      "((\"cold brew\") OR (\"espresso\"))", NULL, "", "cold brew|espresso", "" },
    { "a OR b c", "(or a (and b c))", "((\"a\") OR ((\"b\") AND (\"c\")))", NULL, "", "a|b|c", "" },
    { "a (b c) d", "(and a b c d)", "(\"a\") AND (\"b\") AND (\"c\") AND (\"d\")", NULL, "", "a|b|c|d", "" },
    { "a (-b -c) d", "(and a (not b) (not c) d)", "(\"a\") AND (\"d\") NOT (\"b\") NOT (\"c\")", NULL, "", "a|d", "" },
    { "coffee -tea -\"green tea\"", "(and coffee (not tea) (not \"green tea\"))",
      "(\"coffee\") NOT (\"tea\") NOT (\"green tea\")", NULL, "", "coffee", "" },
    { "(lumen OR #LumenCoffee) -spam lang:ZH network:mastodon has:link @Barista@Mastodon.Social",
      "(and (or lumen #LumenCoffee) (not spam) lang:zh network:mastodon has:link @barista@mastodon.social)",
      "((\"lumen\") OR (\"LumenCoffee\")) NOT (\"spam\")", NULL,
      "lang:zh network:mastodon has author:barista@mastodon.social", "lumen", "LumenCoffee" },
    { "营销活动 -(廣告 OR 抽奖)", "(and 营销活动 (not (or 廣告 抽奖)))",
      "(\"营销活动\") NOT ((\"廣告\") OR (\"抽奖\"))", NULL, "", "营销活动", "" },
    { "lang:zh -spam", "(and lang:zh (not spam))", NULL, "(\"spam\")", "lang:zh", "", "" },
    { "@alice", "@alice", NULL, NULL, "author:alice", "", "" },
    { "(lang:zh OR lang:zh_TW OR lang:ja) coffee", "(and (or lang:zh lang:zh-tw lang:ja) coffee)",
      "(\"coffee\")", NULL, "lang:zh,zh-tw,ja", "coffee", "" },
    { "-lang:en -has:link coffee", "(and (not lang:en) (not has:link) coffee)",
      "(\"coffee\")", NULL, "-lang:en -has", "coffee", "" },
    { "https://example.com/a 10:30", "(and https://example.com/a 10:30)",
      "(\"https://example.com/a\") AND (\"10:30\")", NULL, "", "https://example.com/a|10:30", "" },
    /* Nothing searchable in ☕, a lone "-" or "#": dropped. */
    { "☕ coffee - #", "coffee", "(\"coffee\")", NULL, "", "coffee", "" },
    { "-☕ coffee", "coffee", "(\"coffee\")", NULL, "", "coffee", "" },
    { "#咖啡 OR #coffee", "(or #咖啡 #coffee)", "((\"咖啡\") OR (\"coffee\"))", NULL, "", "", "咖啡|coffee" },
    { "say-hi", "say-hi", "(\"say-hi\")", NULL, "", "say-hi", "" },
    { "or and", "(and or and)", "(\"or\") AND (\"and\")", NULL, "", "or|and", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardQueryNode) root = NULL;
      g_autoptr(StewardQueryPlan) plan = NULL;
      g_autofree char *tree = NULL;
      g_autofree char *filters = NULL;
      g_autofree char *terms = NULL;
      g_autofree char *hashtags = NULL;
      guint position = 99;

      g_test_message ("query: %s", cases[i].query);

      root = steward_query_parse (cases[i].query, &position, &error);
      g_assert_no_error (error);
      g_assert_nonnull (root);
      g_assert_cmpuint (position, ==, 0);
      tree = steward_query_node_to_string (root);
      g_assert_cmpstr (tree, ==, cases[i].tree);

      plan = steward_query_compile (root, &position, &error);
      g_assert_no_error (error);
      g_assert_nonnull (plan);
      g_assert_cmpstr (plan->match, ==, cases[i].match);
      g_assert_cmpstr (plan->exclude_match, ==, cases[i].exclude);
      filters = filters_to_string (plan->filters);
      g_assert_cmpstr (filters, ==, cases[i].filters);
      terms = g_strjoinv ("|", plan->terms);
      g_assert_cmpstr (terms, ==, cases[i].terms);
      hashtags = g_strjoinv ("|", plan->hashtags);
      g_assert_cmpstr (hashtags, ==, cases[i].hashtags);
    }
}

static void
test_positions (void)
{
  g_autoptr(StewardQueryNode) root = steward_query_parse ("咖啡 \"营销 活动\" -(a OR #b)", NULL, NULL);
  StewardQueryNode *not;
  StewardQueryNode *or;

  g_assert_nonnull (root);
  g_assert_cmpint (root->kind, ==, STEWARD_QUERY_NODE_AND);
  g_assert_cmpuint (root->children->len, ==, 3);
  g_assert_cmpuint (((StewardQueryNode *) root->children->pdata[0])->position, ==, 1);
  g_assert_cmpuint (((StewardQueryNode *) root->children->pdata[1])->position, ==, 4);
  not = root->children->pdata[2];
  g_assert_cmpint (not->kind, ==, STEWARD_QUERY_NODE_NOT);
  g_assert_cmpuint (not->position, ==, 12);
  or = not->children->pdata[0];
  g_assert_cmpint (or->kind, ==, STEWARD_QUERY_NODE_OR);
  g_assert_cmpuint (((StewardQueryNode *) or->children->pdata[0])->position, ==, 14);
  g_assert_cmpuint (((StewardQueryNode *) or->children->pdata[1])->position, ==, 19);
  g_assert_cmpint (((StewardQueryNode *) or->children->pdata[1])->kind, ==, STEWARD_QUERY_NODE_HASHTAG);
}

static void
test_invalid (void)
{
  g_autoptr(GString) deep = g_string_new ("a ");
  struct {
    const char *query;
    guint       position;
    const char *message;
  } cases[] = {
    { "coffee and \"great", 12, "Unclosed quote at position 12" },
    { "咖啡 \"营销", 4, "Unclosed quote at position 4" },
    { "a (b", 3, "Unbalanced parenthesis at position 3" },
    { "(a (b) c", 1, "Unbalanced parenthesis at position 1" },
    { "a b)", 4, "Unbalanced parenthesis at position 4" },
    { "咖啡) (x)", 3, "Unbalanced parenthesis at position 3" },
    { "cat foo:bar", 5, "Unknown filter 'foo:' at position 5" },
    { "营销 Foo:x", 4, "Unknown filter 'foo:' at position 4" },
    { "", 1, "Nothing to search for" },
    { "   ", 1, "Nothing to search for" },
    { "☕ 🎉 !!", 1, "Nothing to search for" },
    { "lang:", 6, "Missing value after 'lang:' at position 6" },
    { "x lang:chinese", 8, "'chinese' is not a language code (such as zh or en) at position 8" },
    { "network:twitter", 9, "Unknown network 'twitter' at position 9" },
    { "has:image", 5, "Unknown value 'image' at position 5: only has:link is known" },
    { "a OR", 3, "OR needs something on both sides at position 3" },
    { "OR a", 1, "OR needs something on both sides at position 1" },
    { "a OR OR b", 6, "OR needs something on both sides at position 6" },
    { "(a OR) b", 4, "OR needs something on both sides at position 4" },
    { "AND a", 1, "AND needs something on both sides at position 1" },
    { "a AND", 3, "AND needs something on both sides at position 3" },
    { "a -OR b", 3, "Nothing to exclude after '-' at position 3" },
    { "a ()", 3, "Nothing to search for in the parentheses at position 3" },
    { "-tea", 1, "An exclusion needs something to search for beside it at position 1" },
    { "-tea -lang:en", 1, "An exclusion needs something to search for beside it at position 1" },
    { "a OR (-b -c)", 7, "An exclusion needs something to search for beside it at position 7" },
    { "(-b) OR c", 2, "An exclusion cannot be one side of OR at position 2" },
    { "a OR -b", 6, "An exclusion cannot be one side of OR at position 6" },
    { "coffee OR lang:zh", 11,
      "Filters can only be combined with words side by side, not with OR or an exclusion of words, at position 11" },
    { "a -(b @bob)", 7,
      "Filters can only be combined with words side by side, not with OR or an exclusion of words, at position 7" },
    { "(lang:zh OR network:rss) a", 2,
      "Filters can only be combined with words side by side, not with OR or an exclusion of words, at position 2" },
    { NULL, 67, "Too many nested parentheses at position 67" },
  };

  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '(');
  g_string_append_c (deep, 'x');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ')');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardQueryPlan) plan = NULL;
      const char *query = cases[i].query ? cases[i].query : deep->str;
      guint position = 0;

      g_test_message ("query: %s", query);

      plan = steward_query_plan_new (query, &position, &error);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
      g_assert_null (plan);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpuint (position, ==, cases[i].position);
    }

  /* Not UTF-8. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(StewardQueryNode) root = steward_query_parse ("caf\xe9", NULL, &error);

    g_assert_null (root);
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  }
}

/* The compiled expressions run as they are against a "steward" FTS5 table. */
static void
test_runs_in_fts5 (void)
{
  static const char *posts[] = {
    "Our new #LumenCoffee espresso machine is here!",   /* 1 */
    "這台 Lumen 咖啡機很好用，營銷活動也不錯",          /* 2 */
    "cold brew season: lumen cold brew kit",           /* 3 */
    "spam spam lumen",                                 /* 4 */
    "我们的营销活动很成功",                            /* 5 */
  };
  struct {
    const char *query;
    const char *rowids;
  } cases[] = {
    { "lumen", "2,3,4" },
    { "lumen -spam", "2,3" },
    { "#LumenCoffee OR \"cold brew\"", "1,3" },
    { "营销活动", "2,5" },
    { "咖啡机 OR 成功", "2,5" },
    { "(营销 OR espresso) -咖啡", "1,5" },
    { "\"brew kit\" lumen", "3" },
    { "\"kit brew\"", "" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("steward-query-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "q.db", NULL);
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (steward_fts_tokenizer_register (db, &error));
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'steward')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      char *sql = sqlite3_mprintf ("INSERT INTO t (rowid, body) VALUES (%u, %Q)", i + 1, posts[i]);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StewardQueryPlan) plan = steward_query_plan_new (cases[i].query, NULL, &error);
      g_autoptr(GString) found = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_no_error (error);
      g_test_message ("%s → %s", cases[i].query, plan->match);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, plan->match, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (found, "%s%lld", found->len ? "," : "",
                                (long long) sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
      g_assert_cmpstr (found->str, ==, cases[i].rowids);
    }

  sqlite3_close (db);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/query/valid", test_valid);
  g_test_add_func ("/core/query/positions", test_positions);
  g_test_add_func ("/core/query/invalid", test_invalid);
  g_test_add_func ("/core/query/runs-in-fts5", test_runs_in_fts5);

  return g_test_run ();
}
