/* bench-search.c — ingest and newest-50 search over a million cached posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds a cache of generated posts (mixed Simplified/Traditional Chinese
 * and English, 60–200 characters, with authors, languages and timestamps)
 * in a temporary workspace database through the store itself: the real
 * schema and migrations, and steward_store_ingest_listening_page(), the
 * path a sync writes fetched posts through (authors and posts upserted,
 * HTML converted, the "steward" FTS5 index kept up to date, saved queries
 * evaluated, each page committed on its own with the store's WAL and
 * synchronous settings, checkpoints as the store runs them). Then it times what the Listening tab runs:
 * steward_store_search() for the newest 50 matches, with highlight markup.
 *
 * The store keys the FTS5 index by posts.search_key, which orders by
 * creation time (migration 3), so FTS5 walks a match's doclist newest
 * first and stops after 50 rows instead of sorting every match. Posts
 * arrive here in time order, except one page in ten, which is a backfill
 * of older posts, as a first sync brings them.
 *
 *   STEWARD_BENCH_POSTS=100000 meson test -C build --benchmark --suite bench -v
 *
 * For profiling: STEWARD_BENCH_INGEST_ONLY=1 stops after the ingest, and
 * STEWARD_BENCH_KEEP=1 leaves the database in place for a look at it.
 *
 * Targets on a 2-core machine: ingest ≥ 20,000 posts/s, p95 ≤ 20 ms.
 */
#define G_LOG_DOMAIN "bench-search"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <steward/steward.h>

#include "steward-query.h"
#include "steward-store-private.h"

/* Posts per page (one transaction each). A Mastodon page holds 40; the
 * store's cost per transaction is measured separately below. */
#define BATCH        1000
#define RUNS_PER_TERM 40

/* Simplified and Traditional spellings of the same words. */
static const char * const zh_words[][2] = {
  { "营销", "營銷" }, { "活动", "活動" }, { "咖啡机", "咖啡機" }, { "质量", "質量" },
  { "服务", "服務" }, { "体验", "體驗" }, { "价格", "價格" }, { "品牌", "品牌" },
  { "新品", "新品" }, { "发布", "發佈" }, { "喜欢", "喜歡" }, { "推荐", "推薦" },
  { "问题", "問題" }, { "客服", "客服" }, { "退款", "退款" }, { "天气", "天氣" },
  { "今天", "今天" }, { "朋友", "朋友" }, { "味道", "味道" }, { "包装", "包裝" },
  { "设计", "設計" }, { "手机", "手機" }, { "电脑", "電腦" }, { "软件", "軟體" },
  { "更新", "更新" }, { "社区", "社區" }, { "用户", "用戶" }, { "评论", "評論" },
  { "分享", "分享" }, { "视频", "影片" }, { "直播", "直播" }, { "优惠", "優惠" },
  { "折扣", "折扣" }, { "快递", "快遞" }, { "门店", "門店" }, { "排队", "排隊" },
  { "早餐", "早餐" }, { "咖啡豆", "咖啡豆" }, { "拿铁", "拿鐵" }, { "美式", "美式" },
  { "很好用", "很好用" }, { "不错", "不錯" }, { "一般", "一般" }, { "太贵了", "太貴了" },
  { "失望", "失望" }, { "满意", "滿意" }, { "开心", "開心" }, { "周末", "週末" },
  { "城市", "城市" }, { "上海", "上海" }, { "北京", "北京" }, { "台北", "台北" },
  { "香港", "香港" }, { "的", "的" }, { "了", "了" }, { "是", "是" }, { "我", "我" },
  { "你", "你" }, { "他们", "他們" }, { "这个", "這個" }, { "那个", "那個" },
  { "真的", "真的" }, { "非常", "非常" }, { "还是", "還是" }, { "可以", "可以" },
  { "没有", "沒有" }, { "觉得", "覺得" }, { "一下", "一下" }, { "大家", "大家" },
  { "时候", "時候" }, { "已经", "已經" }, { "因为", "因為" }, { "所以", "所以" },
  { "门口", "門口" }, { "等了", "等了" }, { "半小时", "半小時" }, { "店员", "店員" },
  { "态度", "態度" }, { "热情", "熱情" }, { "环境", "環境" }, { "安静", "安靜" },
  { "适合", "適合" }, { "工作", "工作" }, { "学习", "學習" }, { "会员", "會員" },
  { "积分", "積分" }, { "兑换", "兌換" }, { "杯子", "杯子" }, { "限量", "限量" },
  { "联名", "聯名" }, { "营销活动", "營銷活動" }, { "冷萃", "冷萃" }, { "手冲", "手沖" },
};

static const char * const en_words[] = {
  "the", "a", "and", "to", "of", "is", "it", "i", "my", "for", "this", "that", "with", "on",
  "just", "so", "was", "really", "great", "love", "coffee", "new", "today", "not", "but",
  "have", "you", "they", "at", "our", "we", "be", "are", "from", "your", "all", "get",
  "good", "like", "time", "more", "out", "one", "up", "what", "about", "can", "when",
  "espresso", "machine", "customer", "service", "support", "order", "delivery", "refund",
  "price", "launch", "update", "app", "shop", "store", "beans", "roast", "latte", "cup",
  "brew", "cold", "morning", "weekend", "team", "community", "event", "free", "sale",
  "quality", "taste", "bitter", "smooth", "amazing", "terrible", "disappointed", "happy",
  "waiting", "queue", "barista", "friendly", "staff", "menu", "seasonal", "limited",
  "edition", "collab", "subscription", "member", "points", "reward", "grinder", "filter",
  "pour", "over", "milk", "oat", "sugar", "breakfast", "office", "work", "study",
  "recommend", "review", "video", "stream", "photo", "city", "downtown", "opening",
  "closed", "broken", "fixed", "again", "still", "never", "always", "best", "worst",
  "lumen", "brand", "marketing", "campaign", "ads", "spam", "giveaway", "winner",
};

static const char * const emoji[] = { "☕", "😀", "🎉", "👍", "😡", "❤️", "🔥" };

typedef struct {
  GRand   *rand;
  GString *text;
} Generator;

/* A word index skewed toward the start of the list (roughly Zipf-like). */
static guint
skewed (GRand *rand,
        guint  n)
{
  double r = g_rand_double (rand);

  return MIN ((guint) (n * r * r * r), n - 1);
}

static void
generate_zh (Generator *gen,
             gboolean   traditional,
             guint      target)
{
  glong chars = 0;

  while (chars < (glong) target)
    {
      guint r = g_rand_int_range (gen->rand, 0, 100);
      const char *piece;

      if (r < 86)
        piece = zh_words[skewed (gen->rand, G_N_ELEMENTS (zh_words))][traditional];
      else if (r < 92)
        piece = "，";
      else if (r < 95)
        piece = "。";
      else if (r < 97)
        piece = "Lumen";
      else if (r < 98)
        piece = " #LumenCoffee ";
      else
        piece = emoji[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (emoji))];

      g_string_append (gen->text, piece);
      chars += g_utf8_strlen (piece, -1);
    }
}

static void
generate_en (Generator *gen,
             guint      target)
{
  gboolean sentence_start = TRUE;

  while (gen->text->len < target)
    {
      guint r = g_rand_int_range (gen->rand, 0, 100);
      const char *word = en_words[skewed (gen->rand, G_N_ELEMENTS (en_words))];

      if (gen->text->len > 0)
        g_string_append_c (gen->text, ' ');
      if (r < 2)
        {
          g_string_append (gen->text, "#LumenCoffee");
          continue;
        }
      if (r < 4)
        {
          g_string_append (gen->text, emoji[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (emoji))]);
          continue;
        }
      if (sentence_start)
        {
          g_string_append_c (gen->text, g_ascii_toupper (word[0]));
          g_string_append (gen->text, word + 1);
        }
      else
        {
          g_string_append (gen->text, word);
        }
      sentence_start = r > 90;
      if (sentence_start)
        g_string_append_c (gen->text, r > 95 ? '!' : '.');
    }
}

/* Fills @gen->text with a post; returns its language and whether it links. */
static const char *
generate_post (Generator *gen,
               gboolean  *has_link)
{
  guint kind = g_rand_int_range (gen->rand, 0, 100);
  const char *language;

  g_string_truncate (gen->text, 0);

  if (kind < 55)
    {
      /* Chinese: 60–140 characters, one in three Traditional. */
      generate_zh (gen, g_rand_int_range (gen->rand, 0, 3) == 0, g_rand_int_range (gen->rand, 60, 140));
      language = "zh";
    }
  else
    {
      generate_en (gen, g_rand_int_range (gen->rand, 60, 200));
      language = "en";
    }

  /* The link itself is written into the HTML by make_post(). */
  *has_link = g_rand_int_range (gen->rand, 0, 10) == 0;

  return language;
}

/* CPU time of the whole process (the store's checkpoint thread included),
 * or of the calling thread only. */
static gint64
cpu_time_usec (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static StewardRemotePost *
make_post (Generator  *gen,
           guint       n,
           gint64      created_at,
           const char *body,
           const char *language,
           gboolean    has_link)
{
  StewardRemotePost *post = steward_remote_post_new ();
  guint author = skewed (gen->rand, 20000);

  post->remote_id = g_strdup_printf ("%u", n);
  post->url = g_strdup_printf ("https://mastodon.example/@user%u/%u", author, n);
  /* As Mastodon sends it: one paragraph of escaped text. */
  {
    g_autofree char *escaped = g_markup_escape_text (body, -1);

    if (has_link)
      post->html = g_strdup_printf ("<p>%s <a href=\"https://lumen.example/p/%u\" rel=\"nofollow\">"
                                    "lumen.example/p/%u</a></p>", escaped, n, n);
    else
      post->html = g_strconcat ("<p>", escaped, "</p>", NULL);
  }
  post->language = g_strdup (language);
  post->visibility = g_strdup ("public");
  post->created_at = g_date_time_new_from_unix_utc (created_at);
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup_printf ("%u", author);
  post->author->acct = g_strdup_printf ("user%u@mastodon.example", author);
  post->author->display_name = g_strdup_printf ("User %u", author);
  post->author->followers = author * 7 % 5000;
  return post;
}

/* Returns the wall-clock rate and sets @cpu_rate to the rate per second of
 * this process's CPU time, which other load on the machine skews less, and
 * @thread_rate to that of the ingesting thread's. */
static double
ingest (StewardStore *store,
        gint64        account_id,
        guint         n_posts,
        double       *cpu_rate,
        double       *thread_rate)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Generator gen = { g_rand_new_with_seed (20261124), text };
  gint64 created_at = g_get_real_time () / G_USEC_PER_SEC - 180 * 24 * 3600;
  gint64 timed = 0;
  gint64 cpu_timed = 0;
  gint64 thread_timed = 0;
  guint page_number = 0;

  for (guint done = 0; done < n_posts; page_number++)
    {
      g_autoptr(StewardPage) page = steward_page_new ();
      g_autoptr(GError) error = NULL;
      guint count = MIN (BATCH, n_posts - done);
      gboolean backfill = page_number % 10 == 9;
      gint64 start;
      gint64 cpu_start;
      gint64 thread_start;

      /* Generate outside the timed part: the generator is not Steward. */
      for (guint i = 0; i < count; i++)
        {
          gboolean has_link;
          const char *language = generate_post (&gen, &has_link);
          gint64 when;

          created_at += g_rand_int_range (gen.rand, 0, 31);
          /* A backfill page: posts from weeks before, out of time order. */
          when = backfill ? created_at - 30 * 24 * 3600 - g_rand_int_range (gen.rand, 0, 3600) : created_at;
          g_ptr_array_add (page->posts, make_post (&gen, done + i + 1, when, text->str, language, has_link));
        }

      start = g_get_monotonic_time ();
      cpu_start = cpu_time_usec (CLOCK_PROCESS_CPUTIME_ID);
      thread_start = cpu_time_usec (CLOCK_THREAD_CPUTIME_ID);
      if (!steward_store_ingest_listening_page (store, account_id, 1, page, NULL, &error))
        g_error ("ingest: %s", error->message);
      timed += g_get_monotonic_time () - start;
      cpu_timed += cpu_time_usec (CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
      thread_timed += cpu_time_usec (CLOCK_THREAD_CPUTIME_ID) - thread_start;

      done += count;
      if (done % 100000 == 0 || done == n_posts)
        g_print ("  %u posts, %.0f posts/s so far (%.0f per CPU second, %.0f in the ingesting thread)\n",
                 done, done / (timed / 1e6), done / (cpu_timed / 1e6), done / (thread_timed / 1e6));
    }

  g_rand_free (gen.rand);

  *cpu_rate = n_posts / (cpu_timed / 1e6);
  *thread_rate = n_posts / (thread_timed / 1e6);
  return n_posts / (timed / 1e6);
}

/* What one small page costs: 40 posts in their own transaction, as a
 * sync writes them. */
static void
ingest_small_pages (StewardStore *store,
                    gint64        account_id)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Generator gen = { g_rand_new_with_seed (7), text };
  gint64 created_at = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  const guint n_pages = 100;

  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(StewardPage) page = steward_page_new ();
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < 40; i++)
        {
          gboolean has_link;
          const char *language = generate_post (&gen, &has_link);

          g_ptr_array_add (page->posts, make_post (&gen, 100000000 + p * 40 + i, created_at++, text->str, language, has_link));
        }
      if (!steward_store_ingest_listening_page (store, account_id, 1, page, NULL, &error))
        g_error ("ingest: %s", error->message);
    }
  g_print ("  pages of 40 posts: %.0f posts/s (%.1f ms a page, generation included)\n",
           n_pages * 40 / ((g_get_monotonic_time () - start) / 1e6),
           (g_get_monotonic_time () - start) / 1e3 / n_pages);
  g_rand_free (gen.rand);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
measure (StewardStore *store,
         const char   *label,
         const char   *const *queries)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double p50, p95;
  guint rows_min = G_MAXUINT;

  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardQueryPlan) plan = steward_query_plan_new (queries[q], NULL, &error);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      guint matches = 0;

      if (plan == NULL)
        g_error ("%s: %s", queries[q], error->message);

      for (guint run = 0; run < RUNS_PER_TERM; run++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GPtrArray) posts = steward_store_search (store, queries[q], 50, &error);
          double ms = (g_get_monotonic_time () - start) / 1000.0;

          if (posts == NULL)
            g_error ("%s: %s", queries[q], error->message);
          g_array_append_val (times, ms);
          rows_min = MIN (rows_min, posts->len);
        }

      /* How many posts match the words in all, for context (not timed). */
      if (plan->match != NULL)
        {
          sqlite3_prepare_v2 (steward_store_get_db (store),
                              "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?1", -1, &stmt, NULL);
          sqlite3_bind_text (stmt, 1, plan->match, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            matches = sqlite3_column_int (stmt, 0);
        }
      g_print ("    %-48s → %s (%u text matches)\n", queries[q],
               plan->match != NULL ? plan->match : "(filters)", matches);
    }

  g_array_sort (times, compare_doubles);
  p50 = g_array_index (times, double, times->len / 2);
  p95 = g_array_index (times, double, MIN (times->len - 1, (guint) (times->len * 0.95)));

  g_print ("  %-28s p50 %6.2f ms   p95 %6.2f ms   (%u runs, ≥ %u rows returned)%s\n",
           label, p50, p95, times->len, rows_min, p95 <= 20.0 ? "" : "   ABOVE TARGET");

  return p95 <= 20.0;
}

int
main (int   argc,
      char *argv[])
{
  static const char *two_chars[] = { "营销", "咖啡", "質量", "退款", "天气", NULL };
  static const char *four_chars[] = { "营销活动", "營銷活動", "咖啡机很", "服务态度", NULL };
  static const char *english[] = { "coffee", "refund", "Barista", "lumencoffee", NULL };
  static const char *phrases[] = { "\"customer service\"", "\"cold brew\"", "\"咖啡豆 不错\"", NULL };
  static const char *booleans[] = {
    "(咖啡 OR coffee) -退款 lang:zh",
    "(refund OR 退款) -spam lang:en",
    "lumen (质量 OR quality) -(太贵了 OR spam) lang:zh",
    NULL,
  };
  static const char *filters[] = { "lang:en has:link", "@user3@mastodon.example", "-has:link lang:zh", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *env = g_getenv ("STEWARD_BENCH_POSTS");
  guint n_posts = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 1000000;
  gboolean ok = TRUE;
  g_autoptr(StewardStore) store = NULL;
  gint64 account_id;
  double rate;
  double cpu_rate;
  double thread_rate;

  setlocale (LC_ALL, "");

  if (n_posts == 0)
    n_posts = 1000000;

  dir = g_dir_make_tmp ("steward-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cache.db", NULL);

  store = steward_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  account_id = steward_store_add_account (store, "mastodon", "https://mastodon.example", "1",
                                          "brand", "Brand", FALSE, &error);
  if (account_id <= 0)
    g_error ("%s", error->message);

  g_print ("Steward search benchmark: %u posts in %s\n", n_posts, path);
  g_print ("Ingest through steward_store_ingest_listening_page() (%u posts a page and "
           "transaction, one page in ten a backfill):\n", BATCH);
  rate = ingest (store, account_id, n_posts, &cpu_rate, &thread_rate);
  g_print ("  ingest: %.0f posts/s wall clock, %.0f posts per CPU second, %.0f in the ingesting thread%s\n",
           rate, cpu_rate, thread_rate, rate >= 20000 ? "" : "   BELOW TARGET");
  ok &= rate >= 20000;

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf st, wal_st;

    if (g_stat (path, &st) == 0)
      g_print ("  database: %.0f MB, WAL %.0f MB\n", st.st_size / 1e6,
               g_stat (wal, &wal_st) == 0 ? wal_st.st_size / 1e6 : 0.0);
  }
  if (g_getenv ("STEWARD_BENCH_INGEST_ONLY") != NULL)
    goto done;

  ingest_small_pages (store, account_id);

  g_print ("Newest 50 matches (steward_store_search(), with highlight markup):\n");
  ok &= measure (store, "2-character Chinese term", two_chars);
  ok &= measure (store, "4-character Chinese term", four_chars);
  ok &= measure (store, "English word", english);
  ok &= measure (store, "phrase", phrases);
  ok &= measure (store, "boolean + language filter", booleans);
  ok &= measure (store, "filters only", filters);

done:
  g_clear_object (&store);
  if (g_getenv ("STEWARD_BENCH_KEEP") != NULL)
    {
      g_print ("Kept %s\n", path);
      return ok ? 0 : 1;
    }
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);

  g_print ("%s\n", ok ? "All targets met." : "Some targets were missed.");

  return ok ? 0 : 1;
}
