/* test-mastodon-source.c — the Mastodon source against the test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "mastodon/steward-mastodon-source.h"

#include "mastodon-test-util.h"

static StewardSource *
source_new (StewardMastodonServer *server)
{
  return STEWARD_SOURCE (steward_mastodon_source_new (steward_mastodon_server_get_base_url (server), MT_TOKEN));
}

/* Fetches @stream from @cursor until caught up, adding item ids to @seen
 * (asserting none comes twice unless @allow_again) and returning the cursor. */
static char *
fetch_all (StewardSource *source,
           StewardStream  stream,
           const char    *cursor,
           GHashTable    *seen,
           gboolean       allow_again,
           guint         *n_pages)
{
  g_autofree char *current = g_strdup (cursor);

  *n_pages = 0;
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardPage) page = steward_source_fetch_page (source, stream, current, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (page);
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 50);
      for (guint i = 0; i < page->items->len; i++)
        {
          StewardRemoteItem *item = g_ptr_array_index (page->items, i);

          if (!allow_again && g_hash_table_contains (seen, item->remote_id))
            g_error ("Item %s came twice", item->remote_id);
          g_hash_table_insert (seen, g_strdup (item->remote_id), g_strdup (item->post->text));
        }
      if (page->cursor != NULL)
        {
          g_free (current);
          current = g_strdup (page->cursor);
        }
      if (page->caught_up)
        return g_steal_pointer (&current);
    }
}

static GHashTable *
seen_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
test_verify_and_limits (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(StewardSource) bad = STEWARD_SOURCE (steward_mastodon_source_new (steward_mastodon_server_get_base_url (server), "wrong"));
  g_autoptr(StewardRemoteAuthor) me = NULL;
  g_autoptr(StewardServerLimits) limits = NULL;
  g_autoptr(GError) error = NULL;

  me = steward_source_verify_credentials (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me->acct, ==, "steward");
  g_assert_cmpstr (me->display_name, ==, "Steward Team");

  steward_mastodon_server_set_max_characters (server, 700);
  limits = steward_source_get_limits (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limits->max_characters, ==, 700);
  g_assert_cmpuint (limits->max_media, ==, 4);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v2/instance"), ==, 1);

  /* An older server without v2: the limits come from v1. */
  steward_mastodon_server_set_instance_v2 (server, FALSE);
  steward_mastodon_server_set_max_characters (server, 5000);
  g_clear_pointer (&limits, steward_server_limits_free);
  limits = steward_source_get_limits (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limits->max_characters, ==, 5000);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v2/instance"), ==, 2);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v1/instance"), ==, 1);

  g_clear_pointer (&me, steward_remote_author_free);
  me = steward_source_verify_credentials (bad, NULL, &error);
  g_assert_null (me);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
}

static void
test_pages (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 100, 7);
  g_autoptr(GHashTable) seen = seen_new ();
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *cursor3 = NULL;
  g_autofree char *new1 = NULL;
  g_autofree char *new2 = NULL;
  guint pages;

  cursor = fetch_all (source, STEWARD_STREAM_MENTIONS, NULL, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 100);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));
  /* 4 pages back in time, then one to see what arrived meanwhile. */
  g_assert_cmpuint (pages, ==, 5);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", "types%5B%5D=mention"), ==, 5);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", "max_id="), ==, 3);

  /* Nothing new: one request, for what is newer than the newest. */
  steward_mastodon_server_clear_requests (server);
  g_hash_table_remove_all (seen);
  cursor2 = fetch_all (source, STEWARD_STREAM_MENTIONS, cursor, seen, FALSE, &pages);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", NULL), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", "min_id="), ==, 1);

  new1 = mt_add_mention (server, "newbie", "@steward first new");
  new2 = mt_add_mention (server, "newbie", "@steward second new");
  steward_mastodon_server_clear_requests (server);
  cursor3 = fetch_all (source, STEWARD_STREAM_MENTIONS, cursor2, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", "min_id="), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", NULL), ==, 1);
  g_assert_cmpstr (cursor3, !=, cursor2);
}

/* A first sync interrupted after two pages goes on from its cursor with a
 * new source, and items that arrived in between are not lost. */
static void
test_resume_cursor (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(StewardSource) again = NULL;
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 100, 3);
  g_autoptr(GHashTable) seen = seen_new ();
  g_autoptr(StewardPage) page1 = NULL;
  g_autoptr(StewardPage) page2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  guint pages;

  page1 = steward_source_fetch_page (source, STEWARD_STREAM_MENTIONS, NULL, NULL, &error);
  g_assert_no_error (error);
  page2 = steward_source_fetch_page (source, STEWARD_STREAM_MENTIONS, page1->cursor, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (page2->caught_up);
  g_assert_nonnull (strstr (page2->cursor, "backfill"));
  for (guint i = 0; i < page1->items->len; i++)
    g_hash_table_insert (seen, g_strdup (((StewardRemoteItem *) g_ptr_array_index (page1->items, i))->remote_id), NULL);
  for (guint i = 0; i < page2->items->len; i++)
    g_hash_table_insert (seen, g_strdup (((StewardRemoteItem *) g_ptr_array_index (page2->items, i))->remote_id), NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 60);

  for (guint i = 0; i < 35; i++)
    {
      g_autofree char *text = g_strdup_printf ("@steward meanwhile %u", i);
      g_autofree char *status = mt_add_mention (server, "late", text);
    }

  again = source_new (server);
  cursor = fetch_all (again, STEWARD_STREAM_MENTIONS, page2->cursor, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 135);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));
}

static void
test_backfill_caps (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 400, 3);
  g_autoptr(GHashTable) seen = seen_new ();
  g_autofree char *cursor = NULL;
  guint pages;

  cursor = fetch_all (source, STEWARD_STREAM_MENTIONS, NULL, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, STEWARD_MASTODON_BACKFILL_MAX_PAGES * 30);
  /* The newest ones. */
  for (guint i = 100; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));
  g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (ids, 99)));
}

static void
test_backfill_days (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GHashTable) seen = seen_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *author = steward_mastodon_server_add_account (server, NULL, "old", "Old Timer");
  g_autofree char *cursor = NULL;
  guint pages;

  for (guint i = 0; i < 100; i++)
    {
      /* 70 from 60 days ago and older, 30 from the last days. */
      g_autoptr(GDateTime) when = g_date_time_add_hours (now, i < 70 ? -(gint) (60 * 24 + 70 - i) : -(gint) (100 - i));
      StewardMastodonStatusSpec spec = { .author_id = author, .text = "@steward old news", .created_at = when };
      g_autofree char *status = steward_mastodon_server_add_status (server, &spec, NULL);
      g_autofree char *notification = steward_mastodon_server_add_mention (server, status, NULL);
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *status = mt_add_mention (server, "fresh", "@steward today");
    }

  cursor = fetch_all (source, STEWARD_STREAM_MENTIONS, NULL, seen, FALSE, &pages);
  /* 35 recent; the page reaching past 40 days is the last one. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 35);
  g_assert_cmpuint (g_hash_table_size (seen), <=, 35 + 30);
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/notifications", "max_id="), <=, 2);
}

static void
test_direct (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GHashTable) seen = seen_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *friend = steward_mastodon_server_add_account (server, NULL, "friend@other.example", "Friend");
  StewardMastodonStatusSpec spec = { .author_id = friend, .visibility = "direct" };
  g_autofree char *conversation = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autofree char *reply = NULL;
  guint pages;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("@steward private %u", i);
      g_autofree char *status = NULL;
      g_autofree char *c = NULL;

      spec.text = text;
      status = steward_mastodon_server_add_status (server, &spec, &error);
      c = steward_mastodon_server_add_direct (server, NULL, status, &error);
      g_assert_no_error (error);
      if (i == 0)
        conversation = g_strdup (c);
    }

  cursor = fetch_all (source, STEWARD_STREAM_DIRECT, NULL, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
  g_assert_nonnull (strstr (g_hash_table_lookup (seen, conversation), "private 0"));

  /* A new message in the oldest conversation brings it back, updated. */
  spec.text = "@steward follow-up in the first conversation";
  reply = steward_mastodon_server_add_status (server, &spec, &error);
  g_free (steward_mastodon_server_add_direct (server, conversation, reply, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (seen);
  steward_mastodon_server_clear_requests (server);
  cursor2 = fetch_all (source, STEWARD_STREAM_DIRECT, cursor, seen, FALSE, &pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
  g_assert_nonnull (strstr (g_hash_table_lookup (seen, conversation), "follow-up"));
  g_assert_cmpuint (mt_count_requests_with (server, "/api/v1/conversations", "min_id="), ==, 1);
}

static void
test_publish (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = mt_add_mention (server, "asker", "@steward how do I export?");
  StewardDraft draft = { .text = "@asker Menu → Export 导出", .in_reply_to_id = parent, .visibility = "unlisted", .language = "zh" };
  g_autofree char *id = NULL;
  g_autofree char *same = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *empty = NULL;
  StewardDraft blank = { .text = "" };

  id = steward_source_publish (source, &draft, "key-a", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 2);

  same = steward_source_publish (source, &draft, "key-a", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (same, ==, id);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 2);

  /* The answer is lost after the post was made: the retry with the same
   * key gets the same post, not a second one. */
  steward_mastodon_server_add_fault (server, "/api/v1/statuses", STEWARD_MASTODON_FAULT_LOSE_RESPONSE, 0, 1);
  lost = steward_source_publish (source, &draft, "key-b", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lost);
  g_assert_cmpstr (lost, !=, id);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "POST", "/api/v1/statuses"), ==, 4);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 3);

  empty = steward_source_publish (source, &blank, "key-c", NULL, &error);
  g_assert_null (empty);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
}

/* A refusal (422, other 4xx) is a permanent error quoting the server. */
static void
test_publish_refused (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  StewardDraft too_long = { .text = "far more than ten characters" };
  StewardDraft orphan = { .text = "hello", .in_reply_to_id = "12345" };

  steward_mastodon_server_set_max_characters (server, 10);
  id = steward_source_publish (source, &too_long, "key-long", NULL, &error);
  g_assert_null (id);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Validation failed: Text character limit of 10 exceeded"));
  g_clear_error (&error);
  /* Refused at once, not retried. */
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "POST", "/api/v1/statuses"), ==, 1);

  id = steward_source_publish (source, &orphan, "key-orphan", NULL, &error);
  g_assert_null (id);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Record not found"));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 0);
}

/* The thread of a post: ancestors, the post, every reply below it. */
static void
test_context (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardPage) page = NULL;
  g_autofree char *root = mt_add_mention (server, "root", "@steward a question");
  g_autofree char *me = steward_mastodon_server_dup_me_id (server);
  g_autofree char *other = steward_mastodon_server_add_account (server, NULL, "other@far.example", "Other");
  StewardMastodonStatusSpec middle_spec = { .author_id = other, .text = "@root me too", .in_reply_to_id = root };
  g_autofree char *middle = steward_mastodon_server_add_status (server, &middle_spec, &error);
  StewardDraft draft = { .text = "@other @root answered", .in_reply_to_id = middle };
  g_autofree char *ours = steward_source_publish (source, &draft, "key-thread", NULL, &error);
  StewardMastodonStatusSpec lone_spec = { .author_id = other, .text = "unrelated" };
  g_autofree char *lone = steward_mastodon_server_add_status (server, &lone_spec, &error);
  StewardRemotePost *post;

  g_assert_no_error (error);

  /* From the middle: one ancestor, the post, our reply. */
  page = steward_source_fetch_context (source, middle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 0);
  g_assert_true (page->caught_up);
  g_assert_cmpuint (page->posts->len, ==, 3);
  g_assert_cmpstr (((StewardRemotePost *) g_ptr_array_index (page->posts, 0))->remote_id, ==, root);
  g_assert_cmpstr (((StewardRemotePost *) g_ptr_array_index (page->posts, 1))->remote_id, ==, middle);
  post = g_ptr_array_index (page->posts, 2);
  g_assert_cmpstr (post->remote_id, ==, ours);
  g_assert_cmpstr (post->in_reply_to_id, ==, middle);
  g_assert_cmpstr (post->author->remote_id, ==, me);
  g_assert_nonnull (post->url);
  g_assert_cmpstr (post->text, ==, "@other @root answered");
  g_clear_pointer (&page, steward_page_free);

  /* From the root: the whole tree below it. */
  page = steward_source_fetch_context (source, root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->posts->len, ==, 3);
  for (guint i = 0; i < page->posts->len; i++)
    g_assert_cmpstr (((StewardRemotePost *) g_ptr_array_index (page->posts, i))->remote_id, !=, lone);
  g_clear_pointer (&page, steward_page_free);

  /* Deleted: NOT_FOUND, asked once (404 is not retried). */
  g_assert_true (steward_mastodon_server_delete_status (server, middle, &error));
  steward_mastodon_server_clear_requests (server);
  page = steward_source_fetch_context (source, middle, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v1/statuses/"), ==, 1);

  /* Other faults are passed on as they are. */
  steward_mastodon_server_add_fault (server, "/api/v1/statuses/", STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 1);
  page = steward_source_fetch_context (source, root, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
}

static void
test_errors (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardSource) source = source_new (server);
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 5, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardPage) page = NULL;

  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 1);
  page = steward_source_fetch_page (source, STEWARD_STREAM_MENTIONS, NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  /* A fault that outlives the retries surfaces, and no page comes back. */
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_MALFORMED, 0, 100);
  page = steward_source_fetch_page (source, STEWARD_STREAM_MENTIONS, NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
  steward_mastodon_server_clear_faults (server);
  g_clear_error (&error);

  page = steward_source_fetch_page (source, STEWARD_STREAM_MENTIONS, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  /* The test environment points GSettings at the build tree only, where
   * GNOME's proxy settings schema is missing; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mastodon/source/verify-and-limits", test_verify_and_limits);
  g_test_add_func ("/mastodon/source/pages", test_pages);
  g_test_add_func ("/mastodon/source/resume-cursor", test_resume_cursor);
  g_test_add_func ("/mastodon/source/backfill-caps", test_backfill_caps);
  g_test_add_func ("/mastodon/source/backfill-days", test_backfill_days);
  g_test_add_func ("/mastodon/source/direct", test_direct);
  g_test_add_func ("/mastodon/source/publish", test_publish);
  g_test_add_func ("/mastodon/source/errors", test_errors);
  g_test_add_func ("/mastodon/source/publish-refused", test_publish_refused);
  g_test_add_func ("/mastodon/source/context", test_context);

  return g_test_run ();
}
