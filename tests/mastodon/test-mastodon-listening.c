/* test-mastodon-listening.c — listening fetches: hashtag timelines and
 * status search on the test server, through the source and the sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "mastodon/steward-mastodon-source.h"
#include "steward-sources.h"

#include "mastodon-test-util.h"

typedef struct {
  StewardMastodonServer *server;
  char                  *dir;
  StewardContext        *context;
  StewardAccount        *account;
  gint64                 account_id;
} Fixture;

static char *
add_public (StewardMastodonServer *server,
            const char            *acct,
            const char            *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = steward_mastodon_server_add_account (server, NULL, acct, acct);
  StewardMastodonStatusSpec spec = { .author_id = author, .text = text, .language = "zh" };
  char *id = steward_mastodon_server_add_status (server, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
sync_ok (Fixture *f)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (f->context);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  steward_sync_engine_sync_async (engine, f->account_id, NULL, on_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (steward_sync_engine_sync_finish (engine, result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;

  f->server = mt_server_new ();
  f->dir = g_strdup_printf ("%s/workspace-%u", g_get_user_data_dir (), ++counter);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->context = steward_context_new (f->dir, &error);
  g_assert_no_error (error);
  steward_sources_register_all (f->context);
  f->account = steward_context_add_account (f->context, "mastodon",
                                            steward_mastodon_server_get_base_url (f->server),
                                            MT_TOKEN, TRUE, NULL, &error);
  g_assert_no_error (error);
  f->account_id = steward_account_get_id (f->account);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->account);
  g_clear_object (&f->context);
  g_clear_object (&f->server);
  g_clear_pointer (&f->dir, g_free);
}

static char *
page_ids (StewardPage *page)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < page->posts->len; i++)
    g_ptr_array_add (ids, ((StewardRemotePost *) page->posts->pdata[i])->remote_id);
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* The source alone: one unit per request, min_id afterwards, caught up
 * after the last unit. */
static void
test_source_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(StewardMastodonSource) source =
    steward_mastodon_source_new (steward_mastodon_server_get_base_url (f->server), MT_TOKEN);
  const char *hashtags[] = { "LumenCoffee", NULL };
  const char *terms[] = { "营销", NULL };
  g_autofree char *tagged = add_public (f->server, "ann", "New beans! #LumenCoffee");
  g_autofree char *other_tag = add_public (f->server, "bob", "#LumenCoffeeShop is not it");
  g_autofree char *worded = add_public (f->server, "cat", "这次营销很成功");
  g_autoptr(StewardPage) first = NULL;
  g_autoptr(StewardPage) second = NULL;
  g_autoptr(StewardPage) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *newer = NULL;

  first = steward_source_fetch_listening_page (STEWARD_SOURCE (source), hashtags, terms, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->items->len, ==, 0);
  ids = page_ids (first);
  g_assert_cmpstr (ids, ==, tagged);
  g_assert_false (first->caught_up);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/timelines/tag/LumenCoffee", NULL), ==, 1);

  second = steward_source_fetch_listening_page (STEWARD_SOURCE (source), hashtags, terms,
                                                first->cursor, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = page_ids (second);
  g_assert_cmpstr (ids, ==, worded);
  g_assert_true (second->caught_up);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v2/search", "type=statuses"), ==, 1);

  /* Next time: only what is newer, asked for with min_id. */
  newer = add_public (f->server, "dan", "#lumencoffee again");
  third = steward_source_fetch_listening_page (STEWARD_SOURCE (source), hashtags, terms,
                                               second->cursor, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = page_ids (third);
  g_assert_cmpstr (ids, ==, newer);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/timelines/tag/LumenCoffee", "min_id="), ==, 1);
  g_assert_nonnull (other_tag);
}

/* A server refusing search: an empty page, not an error. */
static void
test_source_search_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(StewardMastodonSource) source =
    steward_mastodon_source_new (steward_mastodon_server_get_base_url (f->server), MT_TOKEN);
  const char *hashtags[] = { NULL };
  const char *terms[] = { "营销", NULL };
  g_autofree char *worded = add_public (f->server, "cat", "这次营销很成功");
  g_autoptr(StewardPage) page = NULL;
  g_autoptr(GError) error = NULL;

  steward_mastodon_server_set_search_refused (f->server, TRUE);
  page = steward_source_fetch_listening_page (STEWARD_SOURCE (source), hashtags, terms, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->posts->len, ==, 0);
  g_assert_true (page->caught_up);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v2/search"), ==, 1);
}

static char *
result_ids (Fixture    *f,
            const char *name)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  posts = steward_store_listening_results (steward_context_get_store (f->context), name, NULL, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < posts->len; i++)
    {
      StewardPost *post = g_ptr_array_index (posts, i);

      g_string_append_printf (out, "%s%s%s", i ? " " : "", steward_post_get_text (post),
                              steward_post_get_is_new (post) ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

static guint
count_new (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  guint n = steward_store_count_listening_new (steward_context_get_store (f->context), name, &error);

  g_assert_no_error (error);
  return n;
}

/* End to end: the engine fetches for each saved query after the inbox
 * streams, with its own cursor, and what it finds is new. */
static void
test_sync_end_to_end (Fixture       *f,
                      gconstpointer  data)
{
  StewardStore *store = steward_context_get_store (f->context);
  g_autoptr(StewardListeningQuery) brand = NULL;
  g_autoptr(StewardListeningQuery) rival = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *results = NULL;
  g_autofree char *cursor = NULL;

  g_free (add_public (f->server, "ann", "New beans! #LumenCoffee"));
  g_free (add_public (f->server, "cat", "這次營銷很成功"));
  g_free (add_public (f->server, "eve", "Acme rocks"));
  g_free (mt_add_mention (f->server, "zoe", "@steward 你们的营销太多了"));

  brand = steward_store_add_listening_query (store, "Brand", "#LumenCoffee OR 营销", "#e01b24", &error);
  g_assert_no_error (error);
  rival = steward_store_add_listening_query (store, "Rival", "acme", NULL, &error);
  g_assert_no_error (error);

  sync_ok (f);

  /* The tag timeline and the mention from the inbox stream (which the
   * search finds too). The test server's search matches characters as
   * sent, so the Traditional post is not fetched: it is not in the cache. */
  results = result_ids (f, "Brand");
  g_assert_nonnull (strstr (results, "New beans! #LumenCoffee*"));
  g_assert_nonnull (strstr (results, "@steward 你们的营销太多了*"));
  g_assert_cmpuint (count_new (f, "Brand"), ==, 2);
  g_clear_pointer (&results, g_free);
  results = result_ids (f, "Rival");
  g_assert_cmpstr (results, ==, "Acme rocks*");
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/timelines/tag/LumenCoffee", NULL), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v2/search", "q=%E8%90%A5%E9%94%80"), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v2/search", "q=acme"), ==, 1);

  /* Each query keeps its own cursor per account. */
  cursor = steward_store_get_listening_cursor (store, f->account_id,
                                               steward_listening_query_get_id (brand), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (cursor, "tag:LumenCoffee"));

  /* Seen, then a new post on the server: only it is new, fetched with
   * min_id. */
  g_assert_true (steward_store_mark_listening_seen (store, "Brand", &error));
  g_free (add_public (f->server, "fay", "营销 #LumenCoffee 第二波"));
  steward_mastodon_server_clear_requests (f->server);
  sync_ok (f);
  g_assert_cmpuint (count_new (f, "Brand"), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/timelines/tag/LumenCoffee", "min_id="), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v2/search", "min_id="), >=, 1);
  g_clear_pointer (&results, g_free);
  results = result_ids (f, "Brand");
  g_assert_true (g_str_has_prefix (results, "营销 #LumenCoffee 第二波*"));
}

static void
test_sync_search_refused (Fixture       *f,
                          gconstpointer  data)
{
  StewardStore *store = steward_context_get_store (f->context);
  g_autoptr(StewardListeningQuery) brand = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *results = NULL;

  g_free (add_public (f->server, "ann", "New beans! #LumenCoffee"));
  g_free (add_public (f->server, "cat", "营销很成功"));
  steward_mastodon_server_set_search_refused (f->server, TRUE);

  brand = steward_store_add_listening_query (store, "Brand", "#LumenCoffee OR 营销", NULL, &error);
  g_assert_no_error (error);

  /* The sync succeeds; the hashtag is still followed. */
  sync_ok (f);
  results = result_ids (f, "Brand");
  g_assert_cmpstr (results, ==, "New beans! #LumenCoffee*");
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v2/search"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/mastodon/listening/source-pages", Fixture, NULL,
              fixture_set_up, test_source_pages, fixture_tear_down);
  g_test_add ("/mastodon/listening/source-search-refused", Fixture, NULL,
              fixture_set_up, test_source_search_refused, fixture_tear_down);
  g_test_add ("/mastodon/listening/sync", Fixture, NULL,
              fixture_set_up, test_sync_end_to_end, fixture_tear_down);
  g_test_add ("/mastodon/listening/sync-search-refused", Fixture, NULL,
              fixture_set_up, test_sync_search_refused, fixture_tear_down);

  return g_test_run ();
}
