/* test-fts-tokenizer.c — the "steward" FTS5 tokenizer through real tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-fts-tokenizer"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "steward-fts-tokenizer.h"

typedef struct {
  char    *dir;
  sqlite3 *db;
} Fixture;

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("steward-fts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "fts.db", NULL);

  g_assert_cmpint (sqlite3_open (path, &fixture->db), ==, SQLITE_OK);
  g_assert_true (steward_fts_tokenizer_register (fixture->db, &error));
  g_assert_no_error (error);

  exec_ok (fixture->db,
           "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize = 'steward');"
           "CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'instance');");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "fts.db", NULL);

  sqlite3_close (fixture->db);
  g_unlink (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static sqlite3_int64
insert (Fixture    *fixture,
        const char *body)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "INSERT INTO docs (body) VALUES (?1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return sqlite3_last_insert_rowid (fixture->db);
}

/* The rowids matching @match, as "1,3". */
static char *
search (Fixture    *fixture,
        const char *match)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db,
                                       "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%lld", out->len ? "," : "",
                            (long long) sqlite3_column_int64 (stmt, 0));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
highlight (Fixture    *fixture,
           const char *match)
{
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db,
                                       "SELECT highlight(docs, 0, '[', ']') FROM docs "
                                       "WHERE docs MATCH ?1 ORDER BY rowid LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

/* The tokens of document @rowid in index order, "position:term" joined by
 * spaces (colocated tokens share a position). */
static char *
tokens_of (Fixture       *fixture,
           sqlite3_int64  rowid)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db,
                                       "SELECT offset, term FROM vocab WHERE doc = ?1 "
                                       "ORDER BY offset, length(term), term",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, rowid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s%d:%s", out->len ? " " : "",
                            sqlite3_column_int (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_search(fixture, match, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search ((fixture), (match)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

static void
test_bigrams (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *tokens = NULL;

  insert (fixture, "今天天气很好");      /* 1 */
  insert (fixture, "明天有雨");          /* 2 */
  insert (fixture, "天很好，气也顺");    /* 3 */

  tokens = tokens_of (fixture, 1);
  g_assert_cmpstr (tokens, ==,
                   "0:今 0:今天 1:天 1:天天 2:天 2:天气 3:气 3:气很 4:很 4:很好 5:好");

  assert_search (fixture, "天气", "1");
  assert_search (fixture, "\"气很\"", "1");
  assert_search (fixture, "很好", "1,3");
  assert_search (fixture, "天天", "1");
  assert_search (fixture, "明天", "2");
  /* Characters that are both present but not adjacent do not match. */
  assert_search (fixture, "天好", "");
  assert_search (fixture, "好天", "");
  /* Four and three characters: the phrase of bigrams. */
  assert_search (fixture, "今天天气", "1");
  assert_search (fixture, "天气很", "1");
  assert_search (fixture, "今天气", "");
  /* Punctuation ends a run: no bigram across "，". */
  assert_search (fixture, "好气", "");
}

static void
test_single_characters (Fixture       *fixture,
                        gconstpointer  user_data)
{
  insert (fixture, "今天天气很好");
  insert (fixture, "明天有雨");
  insert (fixture, "雨");

  assert_search (fixture, "天", "1,2");
  assert_search (fixture, "雨", "2,3");
  assert_search (fixture, "好", "1");
  assert_search (fixture, "雪", "");
  assert_search (fixture, "雨 明", "2");
  assert_search (fixture, "雨 OR 好", "1,2,3");
}

static void
test_traditional_simplified (Fixture       *fixture,
                             gconstpointer  user_data)
{
  insert (fixture, "我們的營銷活動很成功");   /* 1: Traditional */
  insert (fixture, "我们的营销活动很成功");   /* 2: Simplified */
  insert (fixture, "這台咖啡機很好用");       /* 3 */

  assert_search (fixture, "营销", "1,2");
  assert_search (fixture, "營銷", "1,2");
  assert_search (fixture, "营销活动", "1,2");
  assert_search (fixture, "營銷活動", "1,2");
  assert_search (fixture, "们", "1,2");
  assert_search (fixture, "咖啡机", "3");
  assert_search (fixture, "这台", "3");
  assert_search (fixture, "機", "3");
}

static void
test_width_and_case (Fixture       *fixture,
                     gconstpointer  user_data)
{
  insert (fixture, "Ｌｕｍｅｎ ｃｏｆｆｅｅ ２０２４");  /* 1: fullwidth */
  insert (fixture, "LUMEN Coffee 2024");                /* 2 */
  insert (fixture, "ｺｰﾋｰが好き");                      /* 3: halfwidth katakana */
  insert (fixture, "STRASSE Café");                     /* 4 */
  insert (fixture, "Cafe\xcc\x81 ﬁne");                 /* 5: decomposed é, ligature */

  assert_search (fixture, "lumen", "1,2");
  assert_search (fixture, "Ｌｕｍｅｎ", "1,2");
  assert_search (fixture, "COFFEE", "1,2");
  assert_search (fixture, "2024", "1,2");
  assert_search (fixture, "\"lumen coffee\"", "1,2");
  assert_search (fixture, "コーヒー", "3");
  assert_search (fixture, "ｺｰﾋｰ", "3");
  assert_search (fixture, "café", "4,5");
  assert_search (fixture, "CAFÉ", "4,5");
  assert_search (fixture, "cafe", "");
  assert_search (fixture, "fine", "5");
  assert_search (fixture, "strasse", "4");
}

static void
test_hashtags_and_mentions (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *tokens = NULL;
  sqlite3_int64 id;

  id = insert (fixture, "Love #LumenCoffee! cc @barista@mastodon.social e-mail");

  tokens = tokens_of (fixture, id);
  g_assert_cmpstr (tokens, ==,
                   "0:love 1:lumencoffee 2:cc 3:barista 4:mastodon 5:social 6:e 7:mail");
  assert_search (fixture, "lumencoffee", "1");
  assert_search (fixture, "\"#LumenCoffee\"", "1");
  assert_search (fixture, "\"barista@mastodon.social\"", "1");
  assert_search (fixture, "\"e-mail\"", "1");
  assert_search (fixture, "lumen", "");
}

static void
test_emoji (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *tokens = NULL;
  sqlite3_int64 id;

  id = insert (fixture, "I ☕ love it 🎉🎉 1️⃣ 咖啡😀好");

  tokens = tokens_of (fixture, id);
  /* Emoji separate tokens and are not indexed; the keycap's digit is. */
  g_assert_cmpstr (tokens, ==,
                   "0:i 1:love 2:it 3:1 4:咖 4:咖啡 5:啡 6:好");
  assert_search (fixture, "\"love it\"", "1");
  assert_search (fixture, "咖啡", "1");
  assert_search (fixture, "啡好", "");
  assert_search (fixture, "\"☕\"", "");

  g_assert_false (steward_fts_text_is_searchable ("☕🎉 !!"));
  g_assert_false (steward_fts_text_is_searchable (""));
  g_assert_true (steward_fts_text_is_searchable ("☕ a"));
  g_assert_true (steward_fts_text_is_searchable ("好"));
}

static void
test_mixed_scripts (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *tokens = NULL;
  sqlite3_int64 id;

  id = insert (fixture, "Lumen咖啡机很好用 v2版本 한국어 좋아요 コーヒー豆");
  insert (fixture, "Lumen is a brand");

  tokens = tokens_of (fixture, id);
  g_assert_cmpstr (tokens, ==,
                   "0:lumen 1:咖 1:咖啡 2:啡 2:啡机 3:机 3:机很 4:很 4:很好 5:好 5:好用 6:用 "
                   "7:v2 8:版 8:版本 9:本 "
                   "10:한 10:한국 11:국 11:국어 12:어 13:좋 13:좋아 14:아 14:아요 15:요 "
                   "16:コ 16:コー 17:ー 17:ーヒ 18:ヒ 18:ヒー 19:ー 19:ー豆 20:豆");
  assert_search (fixture, "lumen", "1,2");
  assert_search (fixture, "咖啡", "1");
  assert_search (fixture, "咖啡机", "1");
  assert_search (fixture, "Lumen咖啡", "1");
  assert_search (fixture, "\"lumen 咖啡机\"", "1");
  assert_search (fixture, "机", "1");
  assert_search (fixture, "한국어", "1");
  assert_search (fixture, "コーヒー", "1");
  assert_search (fixture, "v2", "1");
}

static void
test_long_input (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char *pieces[] = {
    "Lumen coffee is great ", "今天天气很好，", "營銷活動很成功。", "#launch ", "😀 ",
  };
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autoptr(GString) han = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint i = 0;

  while (mixed->len < 1024 * 1024)
    g_string_append (mixed, pieces[i++ % G_N_ELEMENTS (pieces)]);
  g_string_append (mixed, " needleword 针眼");
  while (han->len < 1024 * 1024)
    g_string_append (han, "天气很好营销活动");
  g_string_append (han, "结尾");
  while (word->len < 1024 * 1024)
    g_string_append (word, "abcdefghij");

  insert (fixture, mixed->str);   /* 1 */
  insert (fixture, han->str);     /* 2 */
  insert (fixture, word->str);    /* 3 */
  insert (fixture, "今天天气");   /* 4 */

  assert_search (fixture, "needleword", "1");
  assert_search (fixture, "针眼", "1");
  assert_search (fixture, "结尾", "2");
  assert_search (fixture, "营销活动", "1,2");
  assert_search (fixture, "天气", "1,2,4");
  assert_search (fixture, "launch", "1");
  /* A 1 MB word is cut to its first 128 bytes, not dropped. */
  assert_search (fixture, "abcdefghij", "");
  {
    g_autofree char *prefix = g_strndup (word->str, 128);
    assert_search (fixture, prefix, "3");
  }
}

static void
test_highlight (Fixture       *fixture,
                gconstpointer  user_data)
{
  struct {
    const char *body;
    const char *match;
    const char *expected;
  } cases[] = {
    { "我們的營銷活動很成功", "营销活动", "我們的[營銷活動]很成功" },
    { "我們的營銷活動很成功", "营销", "我們的[營銷]活動很成功" },
    { "我們的營銷活動很成功", "銷", "我們的營[銷]活動很成功" },
    { "天天向上", "天", "[天][天]向上" },
    { "天天天", "天天", "[天天天]" },
    { "Ｌｕｍｅｎ咖啡機 rocks", "lumen", "[Ｌｕｍｅｎ]咖啡機 rocks" },
    { "Ｌｕｍｅｎ咖啡機 rocks", "咖啡机", "Ｌｕｍｅｎ[咖啡機] rocks" },
    { "Ｌｕｍｅｎ咖啡機 rocks", "\"lumen 咖啡\" OR rocks", "[Ｌｕｍｅｎ咖啡]機 [rocks]" },
    { "I ❤️ #LumenCoffee!", "lumencoffee", "I ❤️ #[LumenCoffee]!" },
    { "ｺｰﾋｰが好き", "コーヒー", "[ｺｰﾋｰ]が好き" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = NULL;

      exec_ok (fixture->db, "DELETE FROM docs");
      insert (fixture, cases[i].body);
      result = highlight (fixture, cases[i].match);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_register_twice (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (steward_fts_tokenizer_register (db, &error));
  g_assert_true (steward_fts_tokenizer_register (db, &error));
  g_assert_no_error (error);
  exec_ok (db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'steward')");
  sqlite3_close (db);

  /* Options are not accepted. */
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (steward_fts_tokenizer_register (db, &error));
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'steward foo')",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/fts-tokenizer/bigrams", test_bigrams);
  ADD ("/core/fts-tokenizer/single-characters", test_single_characters);
  ADD ("/core/fts-tokenizer/traditional-simplified", test_traditional_simplified);
  ADD ("/core/fts-tokenizer/width-and-case", test_width_and_case);
  ADD ("/core/fts-tokenizer/hashtags-and-mentions", test_hashtags_and_mentions);
  ADD ("/core/fts-tokenizer/emoji", test_emoji);
  ADD ("/core/fts-tokenizer/mixed-scripts", test_mixed_scripts);
  ADD ("/core/fts-tokenizer/long-input", test_long_input);
  ADD ("/core/fts-tokenizer/highlight", test_highlight);
  g_test_add_func ("/core/fts-tokenizer/register", test_register_twice);

#undef ADD

  return g_test_run ();
}
