/* test-search.c — full-text search: Chinese, case, hostile input, order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

typedef struct {
  char         *path;
  StewardStore *store;
  gint64        account;
} Fixture;

static const struct {
  const char *id;
  const char *html;
} corpus[] = {
  { "zh1", "<p>今天天气很好，我们去喝咖啡吧</p>" },
  { "zh2", "<p>天很蓝。空气不错</p>" },
  { "zh3", "<p>天氣預報說明天會下雨</p>" },
  { "en1", "<p>Hello <b>World</b>, the Coffee is great</p>" },
  { "en2", "<p>My order never arrived. Worst service!</p>" },
  { "en3", "<p>foo said \"AND\" or (maybe) not</p>" },
  { "mix", "<p>新品 LumenCoffee 上市了 <a href=\"https://x.example/tags/lumen\">#lumen</a></p>" },
  { "wide", "<p>ＬＵＭＥＮ ｃａｆé opening</p>" },
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StewardPage) page = steward_page_new ();

  fixture->path = test_db_path ();
  fixture->store = test_open_store (fixture->path);
  fixture->account = test_add_account (fixture->store, "https://example.social", "1");

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *item_id = g_strdup_printf ("item-%s", corpus[i].id);

      test_page_add (page, STEWARD_ITEM_KIND_MENTION, item_id, corpus[i].id, corpus[i].html,
                     1700000000 + i * 60);
    }
  test_ingest (fixture->store, fixture->account, STEWARD_STREAM_MENTIONS, page);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->path, g_free);
}

/* The remote ids of what @text finds, newest first, joined by spaces. */
static char *
search_ids (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  posts = steward_store_search (fixture->store, text, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (posts);
  for (guint i = 0; i < posts->len; i++)
    {
      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, steward_post_get_remote_id (g_ptr_array_index (posts, i)));
    }
  return g_string_free (ids, FALSE);
}

#define assert_finds(fixture, text, expected) \
  G_STMT_START { \
    g_autofree char *found__ = search_ids (fixture, text); \
    g_assert_cmpstr (found__, ==, expected); \
  } G_STMT_END

static void
test_chinese (Fixture       *fixture,
              gconstpointer  data)
{
  /* Two characters inside a sentence: only the post where they are
   * adjacent, not the one that merely has both. */
  assert_finds (fixture, "天气", "zh1");
  assert_finds (fixture, "咖啡", "zh1");
  assert_finds (fixture, "今天天气很好", "zh1");
  assert_finds (fixture, "天", "zh3 zh2 zh1");
  assert_finds (fixture, "空气", "zh2");
  assert_finds (fixture, "下雨", "zh3");
  assert_finds (fixture, "新品", "mix");
  assert_finds (fixture, "天气 咖啡", "zh1");
  assert_finds (fixture, "天气 下雨", "");
  assert_finds (fixture, "晴朗", "");
}

static void
test_english (Fixture       *fixture,
              gconstpointer  data)
{
  assert_finds (fixture, "hello", "en1");
  assert_finds (fixture, "HELLO world", "en1");
  assert_finds (fixture, "coffee", "en1");
  assert_finds (fixture, "lumencoffee", "mix");
  assert_finds (fixture, "Order", "en2");
  assert_finds (fixture, "worst service", "en2");
  /* Whole words only. */
  assert_finds (fixture, "wor", "");
  /* Full-width letters and accents fold. */
  assert_finds (fixture, "lumen", "wide mix");
  assert_finds (fixture, "cafe", "wide");
  assert_finds (fixture, "Café", "wide");
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  const char *inputs[] = {
    "\"foo", "AND OR (", "foo*", "NEAR(foo said)", "body:foo", "^foo", "'", "\"\"",
    "", "   ", "-foo", "foo\"bar", "((((", ")", "{body}: x", "\\", "%_", "NOT",
    "\xff\xfe invalid utf8", "*", "foo AND", "OR", ":", "😀",
  };

  /* None of these is an error; each is searched as words. */
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    g_free (search_ids (fixture, inputs[i]));

  assert_finds (fixture, "\"foo", "en3");
  assert_finds (fixture, "AND OR (", "en3");
  assert_finds (fixture, "foo*", "en3");
  assert_finds (fixture, "NOT", "en3");
  assert_finds (fixture, "(maybe)", "en3");
  assert_finds (fixture, "((((", "");
  assert_finds (fixture, "", "");
}

static void
test_order_and_limit (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = test_page_range (0, 80, 1700000000, NULL);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");

  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);

  posts = steward_store_search (store, "coffee", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, 0)), ==, "p79");
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, 1)), ==, "p78");
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, 2)), ==, "p77");
  g_assert_cmpstr (steward_post_get_text (g_ptr_array_index (posts, 0)), ==, "Post number 79 about coffee");
  g_assert_cmpstr (steward_post_get_network (g_ptr_array_index (posts, 0)), ==, "mastodon");
  g_assert_cmpint (steward_post_get_account_id (g_ptr_array_index (posts, 0)), ==, account);
  g_assert_cmpstr (steward_post_get_author (g_ptr_array_index (posts, 0)), ==, "user3@example.social");
  g_assert_cmpint (g_date_time_to_unix (steward_post_get_created_at (g_ptr_array_index (posts, 0))),
                   ==, 1700000079);
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* 0 is the default limit. */
  posts = steward_store_search (store, "coffee", 0, &error);
  g_assert_cmpuint (posts->len, ==, 50);
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = steward_store_search (store, "number 42", 100, &error);
  g_assert_cmpuint (posts->len, ==, 1);
}

static void
test_segment (void)
{
  struct { const char *in, *segmented; } segments[] = {
    { "今天天气", " 今  天  天  气 " },
    { "abc", "abc" },
    { "ＡＢＣ１", "ABC1" },
    { "Lumen咖啡", "Lumen 咖  啡 " },
    { "ひらがなカタ", " ひ  ら  が  な  カ  タ " },
  };
  struct { const char *in, *query; } queries[] = {
    { "天气", "\" 天  气 \"" },
    { "hello world", "\"hello\" \"world\"" },
    { "\"foo", "\"\"\"foo\"" },
    { "AND OR (", "\"AND\" \"OR\"" },
    { "  ", NULL },
    { "((", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      g_autofree char *out = steward_fts_segment (segments[i].in);
      g_assert_cmpstr (out, ==, segments[i].segmented);
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *out = steward_fts_build_query (queries[i].in);
      g_assert_cmpstr (out, ==, queries[i].query);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/search/chinese", Fixture, NULL, fixture_setup, test_chinese, fixture_teardown);
  g_test_add ("/core/search/english", Fixture, NULL, fixture_setup, test_english, fixture_teardown);
  g_test_add ("/core/search/hostile", Fixture, NULL, fixture_setup, test_hostile, fixture_teardown);
  g_test_add_func ("/core/search/order-limit", test_order_and_limit);
  g_test_add_func ("/core/search/segment", test_segment);

  return g_test_run ();
}
