/* test-cli-sync.c — steward-cli sync: a good, a revoked and a slow server, the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <signal.h>
#include <string.h>

#include "steward-demo.h"

static void
assert_item (JsonObject *item,
             const char *account_id,
             const char *kind,
             const char *author,
             const char *author_name,
             const char *text,
             const char *created_at)
{
  /* Every column of the CSV but sentiment_score, which JSON keeps inside
   * "sentiment". */
  for (guint i = 0; inbox_fields[i] != NULL; i++)
    if (!g_str_equal (inbox_fields[i], "sentiment_score"))
      g_assert_true (json_object_has_member (item, inbox_fields[i]));
  g_assert_cmpuint (json_object_get_size (item), ==, g_strv_length ((GStrv) inbox_fields) - 1);

  g_assert_cmpint (json_object_get_int_member (item, "id"), >, 0);
  g_assert_cmpint (json_object_get_int_member (item, "account"), ==, g_ascii_strtoll (account_id, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (item, "network"), ==, "mastodon");
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (item, "author"), ==, author);
  g_assert_cmpstr (json_object_get_string_member (item, "author_name"), ==, author_name);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "text"), text));
  /* Plain text: the HTML the server sent is gone. */
  g_assert_null (strchr (json_object_get_string_member (item, "text"), '<'));
  g_assert_cmpstr (json_object_get_string_member (item, "created_at"), ==, created_at);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "new");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "url"), "http"));
}

static void
test_sync_inbox (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CliResult) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *late_id = NULL;
  g_autofree char *alice = NULL;
  gint64 previous_first;

  sync_ok (f);

  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 4);
  /* Newest first. */
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 0), "created_at"), ==,
                   "2026-11-23T08:15:00Z");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 3), "created_at"), ==,
                   "2026-11-20T09:00:00Z");

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);
      const char *created_at = json_object_get_string_member (item, "created_at");

      if (g_str_equal (created_at, "2026-11-20T09:00:00Z"))
        assert_item (item, account_id, "mention", "alice", "Alice", "the new firmware is great, thanks!", created_at);
      else if (g_str_equal (created_at, "2026-11-21T10:00:00Z"))
        assert_item (item, account_id, "mention", "bob@other.example", "Bob",
                     "Quote \"test\", with comma\nand a second line", created_at);
      else if (g_str_equal (created_at, "2026-11-22T11:30:00Z"))
        assert_item (item, account_id, "mention", "xiaoming", "小明", "今天天气很好", created_at);
      else if (g_str_equal (created_at, "2026-11-23T08:15:00Z"))
        assert_item (item, account_id, "direct", "carol", "Carol", "where is my order?", created_at);
      else
        g_assert_not_reached ();
    }

  accounts = list_json (f, "account", "list", NULL);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (g_ptr_array_index (accounts, 0), "last_sync")));

  /* Text output: a header, then one aligned row per item. */
  text = run_cli (f, NULL, "inbox", "list");
  g_assert_cmpint (text->status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (text->out, "\n", -1);
    const char *header_text = strstr (lines[0], "TEXT");

    g_assert_cmpuint (g_strv_length (lines), ==, 6);
    g_assert_true (g_str_has_prefix (lines[0], "ID"));
    g_assert_nonnull (header_text);
    /* The TEXT column starts at the same place on every row (all rows
     * hold ASCII before it), and the quoted post stays on one line. */
    for (guint i = 1; i < 5; i++)
      {
        gsize column = header_text - lines[0];

        g_assert_cmpuint (strlen (lines[i]), >, column);
        g_assert_cmpint (lines[i][column - 1], ==, ' ');
        g_assert_cmpint (lines[i][column], !=, ' ');
      }
    g_assert_nonnull (strstr (text->out, "@carol"));
    g_assert_nonnull (strstr (text->out, "with comma and a second line"));
  }

  /* Syncing again fetches nothing twice. */
  sync_ok (f);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 4);
  previous_first = json_object_get_int_member (g_ptr_array_index (items, 0), "id");

  /* What arrives later is added, and ids stay stable. */
  alice = steward_mastodon_server_add_account (f->server, NULL, "alice", "Alice");
  late_id = add_status (f, alice, "@brand one more thing", NULL, "2026-11-24T10:00:00Z");
  add_mention (f, late_id);
  sync_ok (f);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 5);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, 0), "created_at"), ==,
                   "2026-11-24T10:00:00Z");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (items, 1), "id"), ==, previous_first);

  /* Only the one account, by id. */
  {
    g_autoptr(CliResult) one = run_cli (f, NULL, "sync", "--account", account_id);

    g_assert_cmpint (one->status, ==, 0);
  }
}

static void
test_sync_unauthorized (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) again = NULL;

  sync_ok (f);

  /* The token is revoked: 401 for everything. */
  steward_mastodon_server_set_token (f->server, "a-different-token");
  result = run_cli (f, NULL, "sync");
  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_nonnull (strstr (result->err, "steward-cli: "));
  g_assert_nonnull (strstr (result->err, "sign in again"));

  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (accounts, 0), "state"), ==,
                   "needs-sign-in");

  /* The cached data stays. */
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 4);

  /* The next sync leaves the account out, and still does not claim
   * success. */
  again = run_cli (f, NULL, "sync");
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "sign in again"));

  /* Signing in again (adding it with a good token) makes it sync. */
  steward_mastodon_server_set_token (f->server, TOKEN);
  g_free (add_account (f));
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (accounts, 0), "state"), ==, "ok");
  sync_ok (f);
}

static void
test_sync_interrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  const char * const args[] = { "sync", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 deadline;

  /* Every page answers late, so the sync is still running when the
   * interrupt comes. */
  steward_mastodon_server_clear_requests (f->server);
  steward_mastodon_server_add_fault (f->server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SLOW, 20000, 100);
  process = spawn_cli (f, NULL, TRUE, args);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (steward_mastodon_server_count_requests (f->server, "GET", "/api/v1/notifications") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }

  g_subprocess_send_signal (process, SIGINT);
  result = wait_cli (process, NULL);
  g_assert_cmpint (result->status, ==, 130);

  /* The next sync completes, and nothing is there twice. */
  steward_mastodon_server_clear_faults (f->server);
  sync_ok (f);
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 4);
}

/* The demo workspace syncs from the command line as from the app: its
 * server starts inside steward-cli. */
static void
test_demo_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StewardContext) context = NULL;
  g_autoptr(StewardAccount) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 demo_id;

  /* No command adds the demo account; the app does, through the core. */
  context = steward_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  steward_demo_register (context);
  demo = steward_demo_ensure_account (context, &error);
  g_assert_no_error (error);
  demo_id = steward_account_get_id (demo);
  g_clear_object (&demo);
  g_clear_object (&context);

  sync_ok (f);

  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (accounts, 0), "demo"));
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (g_ptr_array_index (accounts, 0), "last_sync")));

  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (items, i), "account"), ==, demo_id);
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/sync/inbox", test_sync_inbox);
  cli_test_add ("/cli/sync/unauthorized", test_sync_unauthorized);
  cli_test_add ("/cli/sync/interrupt", test_sync_interrupt);
  cli_test_add ("/cli/demo/sync", test_demo_sync);

  return g_test_run ();
}
