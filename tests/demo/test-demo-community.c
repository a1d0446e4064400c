/* test-demo-community.c — the demo's corpus and what it generates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <steward/steward.h>

#include "steward-demo-community.h"
#include "steward-mastodon-server.h"
#include "demo-test-util.h"

static const char *languages[] = { "zh-Hans", "zh-Hant", "en" };

static GDateTime *
test_anchor (void)
{
  return g_date_time_new_utc (2026, 3, 14, 9, 30, 0);
}

static StewardDemoCommunity *
new_community (void)
{
  g_autoptr(GError) error = NULL;
  StewardDemoCommunity *community = steward_demo_community_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (community);
  return community;
}

static StewardMastodonServer *
new_server (StewardDemoCommunity *community)
{
  g_autoptr(GError) error = NULL;
  StewardMastodonServer *server;

  server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_FLAGS_NONE, &error);
  g_assert_no_error (error);
  steward_demo_community_add_accounts (community, server);
  return server;
}

static void
populate (StewardDemoCommunity  *community,
          StewardMastodonServer *server,
          guint32                seed,
          guint                 *n_added)
{
  g_autoptr(GDateTime) anchor = test_anchor ();
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_demo_community_populate (community, server, seed, anchor, n_added, &error));
  g_assert_no_error (error);
}

static gint64
to_us (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

static gboolean
is_brand (StewardDemoCommunity  *community,
          const StewardDemoPost *post)
{
  return g_str_equal (post->author, steward_demo_community_get_brand_acct (community));
}

/* Authors: names, handles on several instances, a long tail of followers
 * with a few key voices, all three languages. */
static void
test_authors (void)
{
  g_autoptr(StewardDemoCommunity) community = new_community ();
  g_autoptr(GHashTable) accts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = steward_demo_community_get_n_authors (community);
  guint per_language[G_N_ELEMENTS (languages)] = { 0 };
  gint64 min_followers = G_MAXINT64, max_followers = 0;
  guint n_key_voices = 0;

  g_assert_cmpstr (steward_demo_community_get_brand_acct (community), ==, "lumencoffee");
  g_assert_cmpstr (steward_demo_community_get_brand_name (community), ==, "Lumen Coffee");
  g_assert_cmpuint (n, >=, 36);

  for (guint i = 0; i < n; i++)
    {
      const char *acct = steward_demo_community_get_author_acct (community, i);
      const char *language = steward_demo_community_get_author_language (community, i);
      gint64 followers = steward_demo_community_get_author_followers (community, i);
      const char *at = strchr (acct, '@');
      guint j;

      g_assert_false (g_hash_table_contains (accts, acct));
      g_hash_table_add (accts, (gpointer) acct);
      if (at != NULL)
        g_hash_table_add (hosts, g_strdup (at + 1));

      for (j = 0; j < G_N_ELEMENTS (languages); j++)
        if (g_str_equal (language, languages[j]))
          per_language[j]++;
      g_assert_cmpuint (j, ==, G_N_ELEMENTS (languages));

      min_followers = MIN (min_followers, followers);
      max_followers = MAX (max_followers, followers);
      n_key_voices += followers >= 10000;
    }

  for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
    g_assert_cmpuint (per_language[j], >=, 10);
  g_assert_cmpuint (g_hash_table_size (hosts), >=, 4);
  g_assert_cmpint (min_followers, <, 100);
  g_assert_cmpint (max_followers, >=, 50000);
  g_assert_cmpint (max_followers, <=, 100000);
  g_assert_cmpuint (n_key_voices, >=, 4);
}

static gboolean
contains_word (GPtrArray  *texts,
               const char *word)
{
  g_autofree char *folded_word = g_utf8_casefold (word, -1);

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_ptr_array_index (texts, i), -1);

      if (strstr (folded, folded_word) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every template is in the script of its language, and the crisis has
 * its words. */
static void
test_corpus_languages (void)
{
  static const char *crisis_words[][5] = {
    { "投诉", "退款", "骗", "曝光", NULL },
    { "投訴", "退款", "騙", "曝光", NULL },
    { "refund", "scam", "lawsuit", "chargeback", NULL },
  };
  g_autoptr(StewardDemoCommunity) community = new_community ();

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GPtrArray) texts = steward_demo_community_dup_templates (community, languages[l]);
      DemoScript expected = demo_test_script_for (languages[l]);
      guint counts[DEMO_SCRIPT_MIXED + 1] = { 0 };

      g_assert_cmpuint (texts->len, >=, 60);
      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = g_ptr_array_index (texts, i);
          DemoScript script = demo_test_classify (text);

          counts[script]++;
          if (script != expected && !(expected != DEMO_SCRIPT_LATIN && script == DEMO_SCRIPT_HAN))
            g_error ("%s template in %s: %s", languages[l], demo_test_script_name (script), text);
        }
      /* Almost every Chinese template has a telling character. */
      g_assert_cmpuint (counts[expected] * 10, >=, texts->len * 9);

      for (guint w = 0; crisis_words[l][w] != NULL; w++)
        if (!contains_word (texts, crisis_words[l][w]))
          g_error ("no %s template says %s", languages[l], crisis_words[l][w]);
      g_assert_true (contains_word (texts, "#LumenCoffee"));
    }
}

/* Templates use only the placeholders the generator knows. */
static void
test_corpus_placeholders (void)
{
  static const char *known[] = { "{me}", "{author}", "{order}", "{days}", "{digits}" };
  g_autoptr(StewardDemoCommunity) community = new_community ();

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GPtrArray) texts = steward_demo_community_dup_templates (community, languages[l]);
      guint with_me = 0;

      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = g_ptr_array_index (texts, i);

          for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
            {
              gboolean ok = FALSE;

              for (guint k = 0; k < G_N_ELEMENTS (known); k++)
                ok |= g_str_has_prefix (p, known[k]);
              if (!ok)
                g_error ("unknown placeholder in %s template: %s", languages[l], text);
            }
          with_me += strstr (text, "{me}") != NULL;
        }
      g_assert_cmpuint (with_me, >=, texts->len / 2);
    }
}

/* Thirty days of history: mentions, conversations, threads, chatter in the
 * three languages, with the crisis louder than the weeks before it. */
static void
test_history (void)
{
  g_autoptr(StewardDemoCommunity) community = new_community ();
  g_autoptr(StewardMastodonServer) server = new_server (community);
  g_autoptr(GDateTime) anchor = test_anchor ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) conversations = g_hash_table_new (g_str_hash, g_str_equal);
  guint kinds[STEWARD_DEMO_POST_CHATTER + 1] = { 0 };
  guint scripts[2][DEMO_SCRIPT_MIXED + 1] = { { 0 } };
  guint crisis_angry = 0, early_angry = 0, crisis_all = 0, early_all = 0;
  guint replies = 0, html = 0;
  gint64 anchor_us = to_us (anchor);
  guint n_added = 0, n_posts;

  populate (community, server, STEWARD_DEMO_SEED, &n_added);
  n_posts = steward_demo_community_get_n_posts (community);

  g_assert_cmpuint (n_added, ==, n_posts);
  g_assert_cmpuint (n_posts, >=, 300);
  g_assert_cmpuint (n_posts, <=, 900);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, n_posts);
  g_assert_true (g_date_time_equal (steward_demo_community_get_anchor (community), anchor));

  for (guint i = 0; i < n_posts; i++)
    {
      const StewardDemoPost *post = steward_demo_community_get_post (community, i);
      double days = (double) (post->created_at - anchor_us) / G_TIME_SPAN_DAY;

      g_assert_false (g_hash_table_contains (ids, post->id));
      g_hash_table_add (ids, post->id);
      g_assert_cmpfloat (days, >=, -30);
      g_assert_cmpfloat (days, <=, 0);
      if (i > 0)
        g_assert_cmpint (post->created_at, >=, steward_demo_community_get_post (community, i - 1)->created_at);

      kinds[post->kind]++;
      replies += post->in_reply_to_id != NULL;
      html += post->html;

      if (post->kind == STEWARD_DEMO_POST_DIRECT)
        {
          g_assert_nonnull (post->conversation_id);
          /* conversation → its last post so far */
          g_hash_table_insert (conversations, post->conversation_id, (gpointer) post);
        }

      if (!is_brand (community, post) &&
          (post->kind == STEWARD_DEMO_POST_MENTION || post->kind == STEWARD_DEMO_POST_DIRECT))
        {
          DemoScript script = demo_test_classify (post->text);
          DemoScript expected = demo_test_script_for (post->language);

          g_assert_true (script == expected || (script == DEMO_SCRIPT_HAN && expected != DEMO_SCRIPT_LATIN));
          scripts[post->kind == STEWARD_DEMO_POST_DIRECT][script]++;
        }

      if (post->kind == STEWARD_DEMO_POST_MENTION)
        {
          static const char *words[] = {
            "刀盘", "刀盤", "burr", "LG2-09", "退款", "refund", "投诉", "投訴", "客訴",
            "骗", "騙", "曝光", "scam", "lawsuit", "chargeback",
          };
          gboolean angry = FALSE;

          for (guint w = 0; w < G_N_ELEMENTS (words); w++)
            angry |= strstr (post->text, words[w]) != NULL;

          if (days >= -10 && days < -4)
            crisis_angry += angry, crisis_all++;
          else if (days < -20)
            early_angry += angry, early_all++;
        }
    }

  g_test_message ("%u posts: %u mentions, %u direct (%u conversations), %u replies, %u chatter; "
                  "mentions about the crisis %u/%u during it, %u/%u before",
                  n_posts, kinds[STEWARD_DEMO_POST_MENTION], kinds[STEWARD_DEMO_POST_DIRECT],
                  g_hash_table_size (conversations), kinds[STEWARD_DEMO_POST_REPLY],
                  kinds[STEWARD_DEMO_POST_CHATTER], crisis_angry, crisis_all, early_angry, early_all);
  g_assert_cmpuint (kinds[STEWARD_DEMO_POST_MENTION], >=, 150);
  g_assert_cmpuint (kinds[STEWARD_DEMO_POST_DIRECT], >=, 60);
  g_assert_cmpuint (kinds[STEWARD_DEMO_POST_REPLY], >=, 5);
  g_assert_cmpuint (kinds[STEWARD_DEMO_POST_CHATTER], >=, 30);
  g_assert_cmpuint (g_hash_table_size (conversations), >=, 30);
  {
    GHashTableIter iter;
    gpointer value;

    /* Every conversation ends with the customer. */
    g_hash_table_iter_init (&iter, conversations);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_false (is_brand (community, value));
  }
  g_assert_cmpuint (replies, >=, 10);
  g_assert_cmpuint (html, >=, 1);
  for (guint k = 0; k < 2; k++)
    {
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_HANS], >=, 5);
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_HANT], >=, 5);
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_LATIN], >=, 5);
      g_assert_cmpuint (scripts[k][DEMO_SCRIPT_MIXED], ==, 0);
    }

  /* The crisis is loud: more posts a day, and more of them angry. */
  g_assert_cmpuint (crisis_all / 6, >, early_all / 10);
  g_assert_cmpuint (crisis_angry * early_all, >, 2 * early_angry * crisis_all);
}

/* The same seed and anchor give the same history, ids included. */
static void
test_history_deterministic (void)
{
  g_autoptr(StewardDemoCommunity) a = new_community ();
  g_autoptr(StewardDemoCommunity) b = new_community ();
  g_autoptr(StewardDemoCommunity) c = new_community ();
  g_autoptr(StewardMastodonServer) server_a = new_server (a);
  g_autoptr(StewardMastodonServer) server_b = new_server (b);
  g_autoptr(StewardMastodonServer) server_c = new_server (c);
  guint same_text = 0, n;

  populate (a, server_a, STEWARD_DEMO_SEED, NULL);
  populate (b, server_b, STEWARD_DEMO_SEED, NULL);
  populate (c, server_c, STEWARD_DEMO_SEED + 1, NULL);

  g_assert_cmpuint (steward_demo_community_get_n_posts (a), ==, steward_demo_community_get_n_posts (b));
  for (guint i = 0; i < steward_demo_community_get_n_posts (a); i++)
    {
      const StewardDemoPost *x = steward_demo_community_get_post (a, i);
      const StewardDemoPost *y = steward_demo_community_get_post (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->author, ==, y->author);
      g_assert_cmpstr (x->conversation_id, ==, y->conversation_id);
      g_assert_cmpstr (x->in_reply_to_id, ==, y->in_reply_to_id);
    }

  /* Another seed tells another story. */
  n = MIN (steward_demo_community_get_n_posts (a), steward_demo_community_get_n_posts (c));
  for (guint i = 0; i < n; i++)
    same_text += g_str_equal (steward_demo_community_get_post (a, i)->text,
                              steward_demo_community_get_post (c, i)->text);
  g_assert_cmpuint (same_text, <, n / 4);
}

/* A gap since the last run is filled sparsely, inside the gap. */
static void
test_fill_gap (void)
{
  g_autoptr(StewardDemoCommunity) community = new_community ();
  g_autoptr(StewardMastodonServer) server = new_server (community);
  g_autoptr(GDateTime) anchor = test_anchor ();
  g_autoptr(GDateTime) minute_later = g_date_time_add_minutes (anchor, 1);
  g_autoptr(GDateTime) days_later = g_date_time_add_days (anchor, 2);
  g_autoptr(GError) error = NULL;
  guint before, n_added = 99;

  populate (community, server, STEWARD_DEMO_SEED, NULL);
  before = steward_demo_community_get_n_posts (community);

  g_assert_true (steward_demo_community_fill_gap (community, server, anchor, minute_later, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_true (steward_demo_community_fill_gap (community, server, minute_later, anchor, &n_added, &error));
  g_assert_cmpuint (n_added, ==, 0);

  g_assert_true (steward_demo_community_fill_gap (community, server, anchor, days_later, &n_added, &error));
  g_assert_no_error (error);
  /* Two days at one scene per 90 minutes: 32 scenes, some with replies. */
  g_assert_cmpuint (n_added, >=, 32);
  g_assert_cmpuint (n_added, <=, 32 * 4);
  g_assert_cmpuint (steward_demo_community_get_n_posts (community), ==, before + n_added);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, before + n_added);

  for (guint i = before; i < before + n_added; i++)
    {
      const StewardDemoPost *post = steward_demo_community_get_post (community, i);

      g_assert_cmpint (post->created_at, >, to_us (anchor));
      g_assert_cmpint (post->created_at, <=, to_us (days_later));
    }
}

/* Live: mentions, messages, replies in threads and edits, dated now. */
static void
test_live (void)
{
  g_autoptr(StewardDemoCommunity) community = new_community ();
  g_autoptr(StewardMastodonServer) server = new_server (community);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) old_conversations = g_hash_table_new (g_str_hash, g_str_equal);
  guint mentions = 0, directs = 0, continued = 0, replies = 0, edits_before = 0, edits_after = 0;
  guint before, total = 0;
  gint64 start = g_get_real_time ();

  populate (community, server, STEWARD_DEMO_SEED, NULL);
  before = steward_demo_community_get_n_posts (community);
  for (guint i = 0; i < before; i++)
    {
      const StewardDemoPost *post = steward_demo_community_get_post (community, i);

      edits_before += post->edited;
      if (post->conversation_id != NULL)
        g_hash_table_add (old_conversations, post->conversation_id);
    }

  for (guint i = 0; i < 120; i++)
    {
      g_autoptr(GError) error = NULL;
      guint n_added = 99;

      g_assert_true (steward_demo_community_add_live (community, server, rand, &n_added, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_added, <=, 1);
      total += n_added;
    }

  g_assert_cmpuint (steward_demo_community_get_n_posts (community), ==, before + total);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, before + total);
  for (guint i = 0; i < steward_demo_community_get_n_posts (community); i++)
    {
      const StewardDemoPost *post = steward_demo_community_get_post (community, i);

      edits_after += post->edited;
      if (i < before)
        continue;
      g_assert_cmpint (post->created_at, >=, start);
      g_assert_cmpint (post->created_at, <=, g_get_real_time ());
      g_assert_false (is_brand (community, post));
      mentions += post->kind == STEWARD_DEMO_POST_MENTION;
      directs += post->kind == STEWARD_DEMO_POST_DIRECT;
      replies += post->kind == STEWARD_DEMO_POST_MENTION && post->in_reply_to_id != NULL;
      continued += post->kind == STEWARD_DEMO_POST_DIRECT &&
                   g_hash_table_contains (old_conversations, post->conversation_id);
    }

  g_assert_cmpuint (total, >=, 90);
  g_assert_cmpuint (mentions, >=, 40);
  g_assert_cmpuint (directs, >=, 10);
  g_assert_cmpuint (continued, >=, 1);
  g_assert_cmpuint (replies, >=, 1);
  g_assert_cmpuint (edits_after, >, edits_before);
}

/* The memory survives save and load. */
static void
test_save_load (void)
{
  g_autoptr(StewardDemoCommunity) community = new_community ();
  g_autoptr(StewardDemoCommunity) loaded = new_community ();
  g_autoptr(StewardMastodonServer) server = new_server (community);
  g_autofree char *dir = demo_test_make_dir ("community");
  g_autofree char *path = g_build_filename (dir, "community.json", NULL);
  g_autoptr(GError) error = NULL;
  guint n, m, offset;

  populate (community, server, STEWARD_DEMO_SEED, NULL);
  g_assert_true (steward_demo_community_save (community, path, &error));
  g_assert_no_error (error);
  g_assert_true (steward_demo_community_load (loaded, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_date_time_equal (steward_demo_community_get_anchor (community),
                                    steward_demo_community_get_anchor (loaded)));
  g_assert_cmpint (g_date_time_compare (steward_demo_community_get_saved_at (loaded),
                                        steward_demo_community_get_anchor (loaded)), >, 0);
  n = steward_demo_community_get_n_posts (community);
  m = steward_demo_community_get_n_posts (loaded);
  g_assert_cmpuint (m, >, 0);
  g_assert_cmpuint (m, <=, n);
  offset = n - m;
  for (guint i = 0; i < m; i++)
    {
      const StewardDemoPost *x = steward_demo_community_get_post (community, offset + i);
      const StewardDemoPost *y = steward_demo_community_get_post (loaded, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->language, ==, y->language);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->created_at, ==, y->created_at);
    }

  g_file_set_contents (path, "{\"version\": 1}", -1, NULL);
  g_assert_false (steward_demo_community_load (loaded, path, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/community/authors", test_authors);
  g_test_add_func ("/demo/community/corpus-languages", test_corpus_languages);
  g_test_add_func ("/demo/community/corpus-placeholders", test_corpus_placeholders);
  g_test_add_func ("/demo/community/history", test_history);
  g_test_add_func ("/demo/community/history-deterministic", test_history_deterministic);
  g_test_add_func ("/demo/community/fill-gap", test_fill_gap);
  g_test_add_func ("/demo/community/live", test_live);
  g_test_add_func ("/demo/community/save-load", test_save_load);

  return g_test_run ();
}
