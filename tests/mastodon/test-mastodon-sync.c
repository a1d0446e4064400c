/* test-mastodon-sync.c — Mastodon through the context, sync engine and store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <string.h>

#include "steward-sources.h"

#include "mastodon-test-util.h"

static char *
mt_workspace_new (void)
{
  static guint counter;
  char *dir = g_strdup_printf ("%s/workspace-%u", g_get_user_data_dir (), ++counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static StewardContext *
mt_context_new (const char *dir)
{
  g_autoptr(GError) error = NULL;
  StewardContext *context = steward_context_new (dir, &error);

  g_assert_no_error (error);
  steward_sources_register_all (context);
  return context;
}

static StewardAccount *
mt_add_account (StewardContext        *context,
                StewardMastodonServer *server)
{
  g_autoptr(GError) error = NULL;
  StewardAccount *account;

  account = steward_context_add_account (context, "mastodon",
                                         steward_mastodon_server_get_base_url (server),
                                         MT_TOKEN, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  return account;
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
mt_sync (StewardContext  *context,
         gint64           account_id,
         GError         **error)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (context);
  g_autoptr(GAsyncResult) result = NULL;

  steward_sync_engine_sync_async (engine, account_id, NULL, on_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return steward_sync_engine_sync_finish (engine, result, error);
}

static void
mt_sync_ok (StewardContext *context,
            gint64          account_id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = mt_sync (context, account_id, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static GPtrArray *
mt_list_inbox (StewardContext *context)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  items = steward_store_list_inbox (steward_context_get_store (context), &filter, 0, G_MAXINT, &error);
  g_assert_no_error (error);
  return items;
}

static guint
mt_assert_unique_items (StewardContext *context)
{
  g_autoptr(GPtrArray) items = mt_list_inbox (context);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      g_autofree char *key = g_strdup_printf ("%d:%s", steward_inbox_item_get_kind (item),
                                              steward_inbox_item_get_remote_id (item));

      if (g_hash_table_contains (seen, key))
        g_error ("Item %s is in the inbox twice", key);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }
  return items->len;
}

typedef struct {
  StewardMastodonServer *server;
  char                  *dir;
  StewardContext        *context;
  StewardAccount        *account;
  gint64                 account_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = mt_server_new ();
  f->dir = mt_workspace_new ();
  f->context = mt_context_new (f->dir);
  f->account = mt_add_account (f->context, f->server);
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

static void
seed_directs (StewardMastodonServer *server,
              guint                  n)
{
  g_autofree char *friend = steward_mastodon_server_add_account (server, NULL, "pat@elsewhere.example", "Pat");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("@steward my order %u never arrived", i);
      StewardMastodonStatusSpec spec = { .author_id = friend, .text = text, .visibility = "direct" };
      g_autofree char *status = steward_mastodon_server_add_status (server, &spec, NULL);
      g_autofree char *conversation = steward_mastodon_server_add_direct (server, NULL, status, NULL);

      g_assert_nonnull (conversation);
    }
}

static guint
count_kind (StewardContext  *context,
            StewardItemKind  kind)
{
  g_autoptr(GPtrArray) items = mt_list_inbox (context);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (steward_inbox_item_get_kind (g_ptr_array_index (items, i)) == kind)
      n++;
  return n;
}

static void
test_exactly_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (f->server, 70, 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  seed_directs (f->server, 4);

  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 74);
  g_assert_cmpuint (count_kind (f->context, STEWARD_ITEM_KIND_MENTION), ==, 70);
  g_assert_cmpuint (count_kind (f->context, STEWARD_ITEM_KIND_DIRECT), ==, 4);

  /* Again with nothing new: only "what is newer than the newest". */
  steward_mastodon_server_clear_requests (f->server);
  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 74);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/notifications", NULL), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/notifications", "min_id="), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/conversations", NULL), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/conversations", "min_id="), ==, 1);

  a = mt_add_mention (f->server, "zoe", "@steward is the shop open on Sunday?");
  b = mt_add_mention (f->server, "yu", "@steward 周日营业吗？");
  steward_mastodon_server_clear_requests (f->server);
  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 76);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/notifications", NULL), ==, 1);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/notifications", "max_id="), ==, 0);

  {
    g_autoptr(GPtrArray) found = steward_store_search (steward_context_get_store (f->context), "Sunday", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }
}

static void
test_faults_recover (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (f->server, 45, 3);
  g_autoptr(GError) error = NULL;

  seed_directs (f->server, 2);
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_RATE_LIMIT, 1, 1);
  /* Four failures in a row, then a slow success: the fifth and last attempt. */
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SERVER_ERROR, 0, 1);
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_TRUNCATED, 0, 1);
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_MALFORMED, 0, 1);
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SLOW, 400, 1);
  steward_mastodon_server_add_fault (f->server, "/api/v1/conversations", STEWARD_MASTODON_FAULT_SERVER_ERROR, 0, 1);
  steward_mastodon_server_add_fault (f->server, "/api/v1/conversations", STEWARD_MASTODON_FAULT_TRUNCATED, 0, 1);

  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 47);
  /* Each fault cost one more request: 2 pages, 1 catch-up, 4 retries. */
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/notifications", NULL), ==, 3 + 4);
  g_assert_cmpuint (mt_count_requests_with (f->server, "/api/v1/conversations", NULL), ==, 2 + 2);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (f->server, 10, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) reread = NULL;
  g_autofree char *late = NULL;

  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 10);

  /* The token is revoked. */
  late = mt_add_mention (f->server, "late", "@steward hello?");
  steward_mastodon_server_set_token (f->server, "someone-else");
  g_assert_false (mt_sync (f->context, f->account_id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  reread = steward_store_get_account (steward_context_get_store (f->context), f->account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_account_get_state (reread), ==, STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN);
  /* Cached data stays. */
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 10);
}

static void
test_edited (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = mt_add_mention (f->server, "writer", "@steward the colour is wrnog");
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) old_hits = NULL;
  g_autoptr(GPtrArray) new_hits = NULL;
  g_autoptr(GPtrArray) items = NULL;

  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 1);

  /* The author fixes a typo and mentions us anew in the edit. */
  g_assert_true (steward_mastodon_server_edit_status (f->server, status, "@steward the colour is wrong, sorry", &error));
  again = steward_mastodon_server_add_mention (f->server, status, &error);
  g_assert_no_error (error);

  mt_sync_ok (f->context, f->account_id);

  /* The post was updated in place: one post, with the new text. */
  old_hits = steward_store_search (steward_context_get_store (f->context), "wrnog", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (old_hits->len, ==, 0);
  new_hits = steward_store_search (steward_context_get_store (f->context), "sorry", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (new_hits->len, ==, 1);
  g_assert_cmpstr (steward_post_get_remote_id (g_ptr_array_index (new_hits, 0)), ==, status);

  items = mt_list_inbox (f->context);
  for (guint i = 0; i < items->len; i++)
    g_assert_nonnull (strstr (steward_inbox_item_get_text (g_ptr_array_index (items, i)), "sorry"));
}

static void
test_direct_updated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *friend = steward_mastodon_server_add_account (f->server, NULL, "kim", "Kim");
  StewardMastodonStatusSpec spec = { .author_id = friend, .text = "@steward where is my parcel", .visibility = "direct" };
  g_autofree char *first = steward_mastodon_server_add_status (f->server, &spec, &error);
  g_autofree char *conversation = steward_mastodon_server_add_direct (f->server, NULL, first, &error);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) items = NULL;

  seed_directs (f->server, 2);
  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 3);

  spec.text = "@steward found it, thanks";
  spec.in_reply_to_id = first;
  second = steward_mastodon_server_add_status (f->server, &spec, &error);
  g_free (steward_mastodon_server_add_direct (f->server, conversation, second, &error));
  g_assert_no_error (error);

  mt_sync_ok (f->context, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (f->context), ==, 3);
  items = mt_list_inbox (f->context);
  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      if (g_str_equal (steward_inbox_item_get_remote_id (item), conversation))
        {
          g_assert_nonnull (strstr (steward_inbox_item_get_text (item), "found it"));
          return;
        }
    }
  g_assert_not_reached ();
}

static void
on_child_exited_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

/* A first sync killed halfway (SIGKILL: no cleanup at all) resumes from the
 * last committed page: nothing lost, nothing twice. */
static void
test_killed_resumes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (f->server, 200, 9);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "mastodon", "mastodon-sync-helper", NULL);
  g_autofree char *account_arg = g_strdup_printf ("%" G_GINT64_FORMAT, f->account_id);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardContext) reopened = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *late = NULL;
  gboolean done = FALSE;
  gint64 deadline;

  /* Every page comes slowly, so the kill lands mid-sync. */
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SLOW, 300, 100);
  steward_mastodon_server_clear_requests (f->server);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, helper, f->dir, account_arg, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, on_child_exited_cb, &done);

  /* Wait until the third page is asked for: the engine asks for a page only
   * once the previous one is committed, so two are stored by then. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (mt_count_requests_with (f->server, "/api/v1/notifications", NULL) < 3)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_false (done);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_subprocess_send_signal (child, SIGKILL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  steward_mastodon_server_clear_faults (f->server);

  /* The killed sync left a partial inbox and a cursor to go on from. */
  reopened = mt_context_new (f->dir);
  cursor = steward_store_get_cursor (steward_context_get_store (reopened), f->account_id,
                                     STEWARD_STREAM_MENTIONS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cursor);
  g_assert_nonnull (strstr (cursor, "backfill"));
  {
    guint partial = mt_assert_unique_items (reopened);

    g_test_message ("The killed sync stored %u of 200 items; cursor %s", partial, cursor);
    g_assert_cmpuint (partial, >=, 30);
    g_assert_cmpuint (partial, <, 200);
  }

  /* New mentions arrive before the next sync. */
  late = mt_add_mention (f->server, "late", "@steward did you get my message?");

  steward_mastodon_server_clear_requests (f->server);
  mt_sync_ok (reopened, f->account_id);
  g_assert_cmpuint (mt_assert_unique_items (reopened), ==, 201);
  /* It went on backwards from where it stopped instead of starting over. */
  {
    g_autoptr(GPtrArray) requests = steward_mastodon_server_dup_requests (f->server);
    StewardMastodonRequest *first = NULL;

    for (guint i = 0; i < requests->len && first == NULL; i++)
      if (g_str_equal (((StewardMastodonRequest *) g_ptr_array_index (requests, i))->path, "/api/v1/notifications"))
        first = g_ptr_array_index (requests, i);
    g_assert_nonnull (first);
    g_assert_nonnull (strstr (first->query, "max_id="));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The test environment points GSettings at the build tree only, where
   * GNOME's proxy settings schema is missing; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/mastodon/sync/exactly-once", Fixture, NULL, fixture_set_up, test_exactly_once, fixture_tear_down);
  g_test_add ("/mastodon/sync/faults-recover", Fixture, NULL, fixture_set_up, test_faults_recover, fixture_tear_down);
  g_test_add ("/mastodon/sync/unauthorized", Fixture, NULL, fixture_set_up, test_unauthorized, fixture_tear_down);
  g_test_add ("/mastodon/sync/edited", Fixture, NULL, fixture_set_up, test_edited, fixture_tear_down);
  g_test_add ("/mastodon/sync/direct-updated", Fixture, NULL, fixture_set_up, test_direct_updated, fixture_tear_down);
  g_test_add ("/mastodon/sync/killed-resumes", Fixture, NULL, fixture_set_up, test_killed_resumes, fixture_tear_down);

  return g_test_run ();
}
