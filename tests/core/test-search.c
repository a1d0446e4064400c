/* test-search.c — full-text search: Chinese, operators, filters, errors, highlight, order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

typedef struct {
  char         *path;
  StewardStore *store;
  gint64        account;
} Fixture;

/* Posts in Simplified and Traditional Chinese and English, with authors
 * (followers = author · 10), languages and links. Ids are in time order. */
static const struct {
  const char *id;
  const char *html;
  const char *language;
  int         author;
} corpus[] = {
  { "zh1", "<p>今天天气很好，我们去喝咖啡吧</p>", "zh", 1 },
  { "zh2", "<p>天很蓝。空气不错</p>", "zh-CN", 2 },
  { "zh3", "<p>天氣預報說明天會下雨</p>", "zh-TW", 3 },
  { "zh4", "<p>這次的營銷活動很成功</p>", "zh-Hant", 1 },
  { "zh5", "<p>我们的营销团队 <a href=\"https://lumen.example/p/1\">lumen.example/p/1</a></p>", "zh", 2 },
  { "en1", "<p>Hello <b>World</b>, the Coffee is great</p>", "en", 3 },
  { "en2", "<p>My order never arrived. Worst customer service!</p>", "en", 1 },
  { "en3", "<p>foo said \"AND\" or (maybe) not &amp; &lt;b&gt;</p>", "en", 2 },
  { "en4", "<p>Great <a href=\"https://x.example/tags/lumencoffee\" class=\"mention hashtag\" rel=\"tag\">#<span>LumenCoffee</span></a> service, <span class=\"h-card\"><a href=\"https://example.social/@brand\" class=\"u-url mention\">@<span>brand</span></a></span></p>", "en", 3 },
  { "mix", "<p>新品 LumenCoffee 上市了 <a href=\"https://x.example/tags/lumen\" class=\"mention hashtag\">#lumen</a></p>", NULL, 1 },
  { "wide", "<p>ＬＵＭＥＮ ｃａｆé opening</p>", "en", 2 },
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
      StewardRemotePost *post = test_post (corpus[i].id, corpus[i].html, 1700000000 + i * 60,
                                           corpus[i].author);

      post->language = g_strdup (corpus[i].language);
      g_ptr_array_add (page->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, item_id, post));
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
  assert_finds (fixture, "天气", "zh3 zh1");
  assert_finds (fixture, "咖啡", "zh1");
  assert_finds (fixture, "今天天气很好", "zh1");
  assert_finds (fixture, "空气", "zh2");
  assert_finds (fixture, "下雨", "zh3");
  assert_finds (fixture, "新品", "mix");
  assert_finds (fixture, "天气 咖啡", "zh1");
  assert_finds (fixture, "天气 下雨", "zh3");
  assert_finds (fixture, "晴朗", "");
  /* Traditional and Simplified fold both ways. */
  assert_finds (fixture, "营销", "zh5 zh4");
  assert_finds (fixture, "營銷", "zh5 zh4");
  assert_finds (fixture, "营销活动", "zh4");
  assert_finds (fixture, "天氣預報", "zh3");
}

static void
test_english (Fixture       *fixture,
              gconstpointer  data)
{
  assert_finds (fixture, "hello", "en1");
  assert_finds (fixture, "HELLO world", "en1");
  assert_finds (fixture, "coffee", "en1");
  assert_finds (fixture, "lumencoffee", "mix en4");
  assert_finds (fixture, "Order", "en2");
  assert_finds (fixture, "worst service", "en2");
  /* Whole words only. */
  assert_finds (fixture, "wor", "");
  /* Full-width letters fold. */
  assert_finds (fixture, "lumen", "wide mix zh5");
  assert_finds (fixture, "opening", "wide");
}

static void
test_operators (Fixture       *fixture,
                gconstpointer  data)
{
  /* Phrases: adjacent words only. */
  assert_finds (fixture, "\"customer service\"", "en2");
  assert_finds (fixture, "\"service customer\"", "");
  /* OR, exclusion, parentheses. */
  assert_finds (fixture, "coffee OR 咖啡", "en1 zh1");
  assert_finds (fixture, "service -worst", "en4");
  assert_finds (fixture, "(coffee OR 咖啡) -hello", "zh1");
  assert_finds (fixture, "great (coffee OR service)", "en4 en1");
  /* Hashtags. */
  assert_finds (fixture, "#LumenCoffee", "mix en4");
  /* Filters as SQL: language (zh covers zh-TW, zh-Hant…), author,
   * network, links (mentions and hashtags are not links). */
  assert_finds (fixture, "lang:zh", "zh5 zh4 zh3 zh2 zh1");
  assert_finds (fixture, "lang:zh-tw", "zh3");
  assert_finds (fixture, "天气 lang:zh-tw", "zh3");
  assert_finds (fixture, "天气 -lang:zh-tw", "zh1");
  assert_finds (fixture, "(lang:en OR lang:zh-hant) great", "en4 en1");
  assert_finds (fixture, "@user1 lang:zh", "zh4 zh1");
  assert_finds (fixture, "@user2@example.social", "wide en3 zh5 zh2");
  assert_finds (fixture, "@user2@elsewhere.example", "");
  assert_finds (fixture, "network:mastodon 营销", "zh5 zh4");
  assert_finds (fixture, "network:rss 营销", "");
  assert_finds (fixture, "has:link", "zh5");
  assert_finds (fixture, "service -has:link", "en4 en2");
  /* Only exclusions of words, with a filter to search. */
  assert_finds (fixture, "lang:en -great -hello", "wide en3 en2");
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  const struct { const char *query; const char *position; } invalid[] = {
    { "(coffee", NULL },
    { "coffee)", "7" },
    { "coffee OR", NULL },
    { "-coffee", "1" },
    { "lang:", NULL },
    { "\"unclosed", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) posts = steward_store_search (fixture->store, invalid[i].query, 0, &error);

      g_assert_null (posts);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
      /* The message names where the mistake is. */
      g_assert_nonnull (strstr (error->message, "position"));
      if (invalid[i].position != NULL)
        g_assert_nonnull (strstr (error->message, invalid[i].position));
    }

  /* What looks like FTS5 syntax is searched as words. */
  assert_finds (fixture, "foo*", "en3");
  assert_finds (fixture, "NOT", "en3");
  assert_finds (fixture, "\"AND\"", "en3");
}

static void
test_highlight (Fixture       *fixture,
                gconstpointer  data)
{
  const struct { const char *query; const char *id; const char *markup; } cases[] = {
    { "营销", "zh4", "這次的<b>營銷</b>活動很成功" },
    { "天气", "zh1", "今天<b>天气</b>很好，我们去喝咖啡吧" },
    { "\"customer service\"", "en2", "My order never arrived. Worst <b>customer service</b>!" },
    /* Text is escaped; matches in it are marked. */
    { "foo maybe", "en3", "<b>foo</b> said &quot;AND&quot; or (<b>maybe</b>) not &amp; &lt;b&gt;" },
    /* Filters only: the escaped text without marks. */
    { "@user2 lang:en -great -wide -opening -foo", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) posts = steward_store_search (fixture->store, cases[i].query, 0, &error);
      StewardPost *post;

      g_assert_no_error (error);
      if (cases[i].id == NULL)
        {
          g_assert_cmpuint (posts->len, ==, 0);
          continue;
        }
      g_assert_cmpuint (posts->len, >=, 1);
      post = g_ptr_array_index (posts, posts->len - 1);
      g_assert_cmpstr (steward_post_get_remote_id (post), ==, cases[i].id);
      g_assert_cmpstr (steward_post_get_highlight_markup (post), ==, cases[i].markup);
      /* Pango would accept it: it is well-formed markup. */
      {
        g_autofree char *wrapped = g_strdup_printf ("<m>%s</m>", steward_post_get_highlight_markup (post));
        g_autoptr(GMarkupParseContext) context = NULL;
        GMarkupParser parser = { 0, };

        context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
        g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &error));
        g_assert_no_error (error);
      }
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) posts = steward_store_search (fixture->store, "lang:en @user2", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (posts->len, ==, 2);
    g_assert_cmpstr (steward_post_get_highlight_markup (g_ptr_array_index (posts, 1)), ==,
                     "foo said &quot;AND&quot; or (maybe) not &amp; &lt;b&gt;");
    g_assert_cmpint (steward_post_get_author_followers (g_ptr_array_index (posts, 1)), ==, 20);
  }
}

/* Backfilled posts arrive out of time order: results stay newest first. */
static void
test_backfill_order (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");
  const gint64 times[] = { 1700005000, 1700001000, 1700009000, 1700003000, 1700009000, 1700000000 };
  const char *expected[] = { "b4", "b2", "b0", "b3", "b1", "b5" };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(StewardPage) page = steward_page_new ();
      g_autofree char *item = g_strdup_printf ("nb%u", i);
      g_autofree char *post = g_strdup_printf ("b%u", i);

      test_page_add (page, STEWARD_ITEM_KIND_MENTION, item, post, "<p>backfill 回填</p>", times[i]);
      test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
    }

  posts = steward_store_search (store, "回填", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, i)), ==, expected[i]);
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* The same order without words (the index of search keys). */
  posts = steward_store_search (store, "@user1", 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, i)), ==, expected[i]);
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
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = steward_store_search (store, "\"number 42\"", 100, &error);
  g_assert_cmpuint (posts->len, ==, 1);
}

/* A direct message is a private conversation with the brand, answered in
 * the Inbox: neither search nor a saved query shows it, filters or not. */
static void
test_direct_messages (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(StewardPage) direct = steward_page_new ();
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");
  StewardRemoteItem *item;

  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n1", "p1", "<p>my grinder broke</p>", 1700000000);
  test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
  test_page_add (direct, STEWARD_ITEM_KIND_DIRECT, "c1", "d1",
                 "<p>my grinder broke, order 4711</p>", 1700000100);
  item = g_ptr_array_index (direct->items, 0);
  g_free (item->post->visibility);
  item->post->visibility = g_strdup ("direct");
  test_ingest (store, account, STEWARD_STREAM_DIRECT, direct);

  posts = steward_store_search (store, "grinder", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 1);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, 0)), ==, "p1");
  g_clear_pointer (&posts, g_ptr_array_unref);

  posts = steward_store_search (store, "@user1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 1);
  g_clear_pointer (&posts, g_ptr_array_unref);

  posts = steward_store_search (store, "4711", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 0);
}

/* An edit reaches the index: the old words no longer find the post. */
static void
test_edit (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(StewardPage) page = steward_page_new ();
      StewardRemotePost *post = test_post ("e1", round == 0 ? "<p>old 旧词 text</p>" : "<p>new 新词 text</p>",
                                           1700000000, 1);

      if (round == 1)
        post->edited_at = g_date_time_new_from_unix_utc (1700000500);
      g_ptr_array_add (page->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, "ne1", post));
      test_ingest (store, account, STEWARD_STREAM_MENTIONS, page);
    }

  posts = steward_store_search (store, "旧词 OR old", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 0);
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = steward_store_search (store, "新词 new text", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 1);
  g_assert_cmpstr (steward_post_get_highlight_markup (g_ptr_array_index (posts, 0)), ==,
                   "<b>new</b> <b>新词</b> <b>text</b>");
  /* The index holds one row for it. */
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM posts_fts WHERE posts_fts MATCH 'text'"), ==, 1);
  /* Removing the account removes it from the index (the delete trigger). */
  g_assert_true (steward_store_remove_account (store, account, &error));
  g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM posts_fts WHERE posts_fts MATCH 'text'"), ==, 0);
}

/* Ingest gives a new post the next id and the search key made of its
 * time and that id (see steward-store-sync.c), moves the key on when a
 * post already holds it, and writes nothing for a page it has seen. */
static void
test_ingest_keys (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account = test_add_account (store, "https://example.social", "1");
  const gint64 t = 1700000000;
  const gint64 span = 1048576;
  g_autofree char *raw = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(StewardPage) page = steward_page_new ();

      g_ptr_array_add (page->posts, test_post ("k1", "<p>first</p>", t, 1));
      g_ptr_array_add (page->posts, test_post ("k2", "<p>second</p>", t, 2));
      g_ptr_array_add (page->posts, test_post ("k3", "<p>third</p>", t + 1, 1));
      g_assert_true (steward_store_ingest_listening_page (store, account, 1, page, NULL, &error));
      g_assert_no_error (error);

      g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM posts"), ==, 3);
      g_assert_cmpint (test_query_int (store, "SELECT max (id) FROM posts"), ==, 3);
      g_assert_cmpint (test_query_int (store, "SELECT search_key FROM posts WHERE remote_id = 'k1'"),
                       ==, t * span + 1);
      g_assert_cmpint (test_query_int (store, "SELECT search_key FROM posts WHERE remote_id = 'k2'"),
                       ==, t * span + 2);
      g_assert_cmpint (test_query_int (store, "SELECT search_key FROM posts WHERE remote_id = 'k3'"),
                       ==, (t + 1) * span + 3);
      g_assert_cmpint (test_query_int (store, "SELECT count (*) FROM posts_fts WHERE posts_fts MATCH 'second'"),
                       ==, 1);
    }

  /* Post 10 holds the key that post 11 of the same second would get. */
  raw = g_strdup_printf ("INSERT INTO posts (id, server, remote_id, author_id, text, created_at, search_key)"
                         " SELECT 10, server, 'raw', author_id, 'raw', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         " FROM posts WHERE remote_id = 'k1'",
                         t + 5, (t + 5) * span + 11);
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store), raw, NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autoptr(StewardPage) page = steward_page_new ();

    g_ptr_array_add (page->posts, test_post ("k4", "<p>zebra crossing</p>", t + 5, 3));
    g_assert_true (steward_store_ingest_listening_page (store, account, 1, page, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (test_query_int (store, "SELECT id FROM posts WHERE remote_id = 'k4'"), ==, 11);
  g_assert_cmpint (test_query_int (store, "SELECT search_key FROM posts WHERE remote_id = 'k4'"),
                   ==, (t + 5) * span + ((11 + 7919) & (span - 1)));
  posts = steward_store_search (store, "zebra", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 1);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (posts, 0)), ==, "k4");
  g_assert_cmpstr (steward_post_get_highlight_markup (g_ptr_array_index (posts, 0)), ==, "<b>zebra</b> crossing");
}

/* Migration 7's merge settings for the index. */
static void
test_index_settings (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);

  g_assert_cmpint (test_query_int (store, "SELECT v FROM posts_fts_config WHERE k = 'automerge'"), ==, 16);
  g_assert_cmpint (test_query_int (store, "SELECT v FROM posts_fts_config WHERE k = 'crisismerge'"), ==, 32);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/search/chinese", Fixture, NULL, fixture_setup, test_chinese, fixture_teardown);
  g_test_add ("/core/search/english", Fixture, NULL, fixture_setup, test_english, fixture_teardown);
  g_test_add ("/core/search/operators", Fixture, NULL, fixture_setup, test_operators, fixture_teardown);
  g_test_add ("/core/search/invalid", Fixture, NULL, fixture_setup, test_invalid, fixture_teardown);
  g_test_add ("/core/search/highlight", Fixture, NULL, fixture_setup, test_highlight, fixture_teardown);
  g_test_add_func ("/core/search/order-limit", test_order_and_limit);
  g_test_add_func ("/core/search/backfill-order", test_backfill_order);
  g_test_add_func ("/core/search/edit", test_edit);
  g_test_add_func ("/core/search/direct-messages", test_direct_messages);
  g_test_add_func ("/core/search/ingest-keys", test_ingest_keys);
  g_test_add_func ("/core/search/index-settings", test_index_settings);

  return g_test_run ();
}
