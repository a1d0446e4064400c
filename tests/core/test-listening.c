/* test-listening.c — saved queries: CRUD, retroactive results, new
 * matches, volume, top voices, the list model, listening pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

#define T0 1700000000

typedef struct {
  char         *path;
  StewardStore *store;
  gint64        account;
} Fixture;

/* History: what the cache held before any query was saved. */
static const struct {
  const char *id;
  const char *html;
  const char *language;
  int         author;
  gint64      when;
} history[] = {
  { "h1", "<p>Lumen 的营销活动很好</p>", "zh", 1, T0 },
  { "h2", "<p>Lumen 營銷活動太貴了</p>", "zh-TW", 2, T0 + 1800 },
  { "h3", "<p>Lumen coffee is great</p>", "en", 3, T0 + 3600 },
  { "h4", "<p>Acme coffee is bitter</p>", "en", 3, T0 + 90000 },
  { "h5", "<p>Lumen refund please</p>", "en", 1, T0 + 90100 },
};

static StewardRemotePost *
make_post (const char *id,
           const char *html,
           const char *language,
           int         author,
           gint64      when)
{
  StewardRemotePost *post = test_post (id, html, when, author);

  post->language = g_strdup (language);
  return post;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StewardPage) page = steward_page_new ();

  fixture->path = test_db_path ();
  fixture->store = test_open_store (fixture->path);
  fixture->account = test_add_account (fixture->store, "https://example.social", "1");

  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    {
      g_autofree char *item = g_strdup_printf ("n-%s", history[i].id);

      g_ptr_array_add (page->items,
                       steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, item,
                                                make_post (history[i].id, history[i].html,
                                                           history[i].language, history[i].author,
                                                           history[i].when)));
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

static StewardListeningQuery *
add_query (Fixture    *fixture,
           const char *name,
           const char *query)
{
  g_autoptr(GError) error = NULL;
  StewardListeningQuery *saved;

  saved = steward_store_add_listening_query (fixture->store, name, query, "#3584e4", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

static char *
result_ids (Fixture    *fixture,
            const char *name,
            GDateTime  *since,
            guint       offset,
            guint       limit)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  posts = steward_store_listening_results (fixture->store, name, since, offset, limit, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    {
      StewardPost *post = g_ptr_array_index (posts, i);

      g_string_append_printf (ids, "%s%s%s", i ? " " : "", steward_post_get_remote_id (post),
                              steward_post_get_is_new (post) ? "*" : "");
    }
  return g_string_free (ids, FALSE);
}

#define assert_results(fixture, name, since, offset, limit, expected) \
  G_STMT_START { \
    g_autofree char *ids__ = result_ids (fixture, name, since, offset, limit); \
    g_assert_cmpstr (ids__, ==, expected); \
  } G_STMT_END

static guint
count_new (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  guint n = steward_store_count_listening_new (fixture->store, name, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_crud (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) brand = add_query (fixture, "Brand", "lumen OR 营销");
  g_autoptr(StewardListeningQuery) rival = add_query (fixture, "Rival", "acme");
  g_autoptr(StewardListeningQuery) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (steward_listening_query_get_name (brand), ==, "Brand");
  g_assert_cmpstr (steward_listening_query_get_query (brand), ==, "lumen OR 营销");
  g_assert_cmpstr (steward_listening_query_get_colour (brand), ==, "#3584e4");
  g_assert_cmpuint (steward_listening_query_get_n_new (brand), ==, 0);
  g_assert_nonnull (steward_listening_query_get_created_at (brand));
  g_assert_null (steward_listening_query_get_last_seen_at (brand));

  /* Names are unique; queries are validated with the position. */
  g_assert_null (steward_store_add_listening_query (fixture->store, "Brand", "x", NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (steward_store_add_listening_query (fixture->store, "Bad", "lumen (OR", NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "position"));
  g_clear_error (&error);
  g_assert_null (steward_store_add_listening_query (fixture->store, "  ", "lumen", NULL, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  list = steward_store_list_listening_queries (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (steward_listening_query_get_name (g_ptr_array_index (list, 0)), ==, "Brand");
  g_assert_cmpstr (steward_listening_query_get_name (g_ptr_array_index (list, 1)), ==, "Rival");

  got = steward_store_get_listening_query (fixture->store, "Rival", &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_listening_query_get_id (got), ==, steward_listening_query_get_id (rival));

  g_assert_true (steward_store_remove_listening_query (fixture->store, "Rival", &error));
  g_assert_no_error (error);
  g_assert_false (steward_store_remove_listening_query (fixture->store, "Rival", &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (steward_store_get_listening_query (fixture->store, "Rival", &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_retroactive (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) brand = add_query (fixture, "Brand", "lumen (营销 OR coffee OR refund)");
  g_autoptr(StewardListeningQuery) zh = add_query (fixture, "Chinese", "营销 lang:zh");
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (T0 + 3600);

  /* The whole cache at once, newest first, none of it new. */
  assert_results (fixture, "Brand", NULL, 0, 0, "h5 h3 h2 h1");
  assert_results (fixture, "Brand", since, 0, 0, "h5 h3");
  assert_results (fixture, "Brand", NULL, 1, 2, "h3 h2");
  assert_results (fixture, "Chinese", NULL, 0, 0, "h2 h1");
  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 0);
}

static void
test_new_matches (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) brand = add_query (fixture, "Brand", "lumen");
  g_autoptr(StewardListeningQuery) rival = add_query (fixture, "Rival", "acme -bitter");
  g_autoptr(StewardListeningModel) model = steward_listening_model_new (fixture->store);
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(StewardPage) listening = steward_page_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  guint n_new = 0;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* A mention arrives through the inbox stream — even an old post (a
   * backfill) is new to the query — and an edit of a history post does
   * not make it new. */
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n-new1", "new1", "<p>Lumen again</p>", T0 + 200000);
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n-new2", "new2", "<p>old Lumen post</p>", T0 - 5000);
  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n-new3", "new3", "<p>Acme is nice</p>", T0 + 200001);
  test_ingest (fixture->store, fixture->account, STEWARD_STREAM_MENTIONS, page);

  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 2);
  g_assert_cmpuint (count_new (fixture, "Rival"), ==, 1);
  assert_results (fixture, "Brand", NULL, 0, 0, "new1* h5 h3 h2 h1 new2*");

  /* Posts found by a listening fetch: stored with their cursor. */
  g_ptr_array_add (listening->posts, make_post ("l1", "<p>Acme and Lumen</p>", "en", 4, T0 + 300000));
  g_ptr_array_add (listening->posts, make_post ("l2", "<p>Acme bitter</p>", "en", 5, T0 + 300001));
  listening->cursor = g_strdup ("{\"top\":\"9\"}");
  g_assert_true (steward_store_ingest_listening_page (fixture->store, fixture->account,
                                                      steward_listening_query_get_id (rival),
                                                      listening, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 2);    /* l1 for both queries; l2 is excluded */
  cursor = steward_store_get_listening_cursor (fixture->store, fixture->account,
                                               steward_listening_query_get_id (rival), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "{\"top\":\"9\"}");
  g_assert_cmpuint (count_new (fixture, "Rival"), ==, 2);
  assert_results (fixture, "Rival", NULL, 0, 0, "l1* new3*");

  /* The same page again changes nothing. */
  g_assert_true (steward_store_ingest_listening_page (fixture->store, fixture->account,
                                                      steward_listening_query_get_id (rival),
                                                      listening, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 0);

  /* The model follows ("changed" is emitted on this thread at once). */
  {
    g_autoptr(StewardListeningQuery) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpstr (steward_listening_query_get_name (first), ==, "Brand");
    g_assert_cmpuint (steward_listening_query_get_n_new (first), ==, 3);
  }

  g_assert_true (steward_store_mark_listening_seen (fixture->store, "Brand", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 0);
  g_assert_cmpuint (count_new (fixture, "Rival"), ==, 2);
  assert_results (fixture, "Brand", NULL, 0, 2, "l1 new1");
  {
    g_autoptr(StewardListeningQuery) seen = steward_store_get_listening_query (fixture->store, "Brand", &error);

    g_assert_nonnull (steward_listening_query_get_last_seen_at (seen));
  }

  /* Removing a query removes its cursors and matches, not the posts. */
  g_assert_true (steward_store_remove_listening_query (fixture->store, "Rival", &error));
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM cursors WHERE stream LIKE 'listen:%'"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM listening_matches m"
                                                   " JOIN listening_queries q ON q.id = m.query_id"
                                                   " WHERE q.name = 'Rival'"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM posts WHERE remote_id = 'l2'"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
}

static void
test_volume_and_voices (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) brand = add_query (fixture, "Brand", "lumen");
  g_autoptr(StewardListeningQuery) coffee = add_query (fixture, "Coffee", "coffee");
  g_autoptr(GArray) hours = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GPtrArray) voices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (T0 + 3600);

  hours = steward_store_listening_volume (fixture->store, "Brand", STEWARD_VOLUME_HOUR, NULL, NULL, &error);
  g_assert_no_error (error);
  /* h1 and h2 in the hour of T0, h3 in the next, h5 a day later. */
  g_assert_cmpuint (hours->len, ==, 3);
  g_assert_cmpint (g_array_index (hours, StewardVolumeBucket, 0).start, ==, T0 / 3600 * 3600);
  g_assert_cmpuint (g_array_index (hours, StewardVolumeBucket, 0).count, ==, 2);
  g_assert_cmpint (g_array_index (hours, StewardVolumeBucket, 1).start, ==, T0 / 3600 * 3600 + 3600);
  g_assert_cmpuint (g_array_index (hours, StewardVolumeBucket, 1).count, ==, 1);
  g_assert_cmpuint (g_array_index (hours, StewardVolumeBucket, 2).count, ==, 1);

  days = steward_store_listening_volume (fixture->store, "Brand", STEWARD_VOLUME_DAY, since, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpint (g_array_index (days, StewardVolumeBucket, 0).start, ==, T0 / 86400 * 86400);
  g_assert_cmpuint (g_array_index (days, StewardVolumeBucket, 0).count, ==, 1);
  g_assert_cmpuint (g_array_index (days, StewardVolumeBucket, 1).count, ==, 1);

  /* Reach: followers are author · 10. Volume: user1 wrote h1 and h5. */
  voices = steward_store_listening_voices (fixture->store, "Brand", STEWARD_VOICES_BY_REACH, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (voices->len, ==, 3);
  g_assert_cmpstr (((StewardVoice *) voices->pdata[0])->acct, ==, "user3@example.social");
  g_assert_cmpint (((StewardVoice *) voices->pdata[0])->followers, ==, 30);
  g_assert_cmpuint (((StewardVoice *) voices->pdata[0])->n_posts, ==, 1);
  g_clear_pointer (&voices, g_ptr_array_unref);

  voices = steward_store_listening_voices (fixture->store, "Brand", STEWARD_VOICES_BY_VOLUME, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (voices->len, ==, 2);
  g_assert_cmpstr (((StewardVoice *) voices->pdata[0])->acct, ==, "user1@example.social");
  g_assert_cmpuint (((StewardVoice *) voices->pdata[0])->n_posts, ==, 2);
  g_assert_cmpstr (((StewardVoice *) voices->pdata[0])->display_name, ==, "User 1");
  g_clear_pointer (&voices, g_ptr_array_unref);

  voices = steward_store_listening_voices (fixture->store, "Coffee", STEWARD_VOICES_BY_VOLUME, 0, &error);
  g_assert_cmpuint (voices->len, ==, 1);
  g_assert_cmpuint (((StewardVoice *) voices->pdata[0])->n_posts, ==, 2);
}

/* Removing an account frees the newest post ids for reuse: posts that get
 * them later are still checked and marked new. */
static void
test_reused_ids (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StewardListeningQuery) brand = add_query (fixture, "Brand", "lumen");
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(StewardPage) later = steward_page_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;
  gint64 other;

  test_page_add (page, STEWARD_ITEM_KIND_MENTION, "n-x1", "x1", "<p>Lumen x1</p>", T0 + 100);
  test_ingest (fixture->store, fixture->account, STEWARD_STREAM_MENTIONS, page);
  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 1);
  before = test_query_int (fixture->store, "SELECT max (id) FROM posts");

  g_assert_true (steward_store_remove_account (fixture->store, fixture->account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 0);

  other = test_add_account (fixture->store, "https://other.example", "2");
  test_page_add (later, STEWARD_ITEM_KIND_MENTION, "n-y1", "y1", "<p>Lumen y1</p>", T0 + 200);
  test_ingest (fixture->store, other, STEWARD_STREAM_MENTIONS, later);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT max (id) FROM posts"), <=, before);
  g_assert_cmpuint (count_new (fixture, "Brand"), ==, 1);
  assert_results (fixture, "Brand", NULL, 0, 0, "y1*");
}

static void
test_terms (void)
{
  g_auto(GStrv) hashtags = NULL;
  g_auto(GStrv) terms = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_listening_query_get_terms ("#LumenCoffee (营销 OR \"cold brew\") -spam lang:zh",
                                                    &hashtags, &terms, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (hashtags), ==, 1);
  g_assert_cmpstr (hashtags[0], ==, "LumenCoffee");
  g_assert_cmpuint (g_strv_length (terms), ==, 2);
  g_assert_cmpstr (terms[0], ==, "营销");
  g_assert_cmpstr (terms[1], ==, "cold brew");
  g_clear_pointer (&hashtags, g_strfreev);
  g_clear_pointer (&terms, g_strfreev);

  g_assert_false (steward_listening_query_get_terms ("(", &hashtags, &terms, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/core/listening/crud", Fixture, NULL, fixture_setup, test_crud, fixture_teardown);
  g_test_add ("/core/listening/retroactive", Fixture, NULL, fixture_setup, test_retroactive, fixture_teardown);
  g_test_add ("/core/listening/new-matches", Fixture, NULL, fixture_setup, test_new_matches, fixture_teardown);
  g_test_add ("/core/listening/volume-voices", Fixture, NULL, fixture_setup, test_volume_and_voices, fixture_teardown);
  g_test_add ("/core/listening/reused-ids", Fixture, NULL, fixture_setup, test_reused_ids, fixture_teardown);
  g_test_add_func ("/core/listening/terms", test_terms);

  return g_test_run ();
}
