/* test-cli-outbox.c — steward-cli reply and outbox list|retry|discard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

/* Queues a reply; returns the printed outbox id. */
static char *
reply_ok (Fixture    *f,
          const char *item_id,
          const char *text)
{
  g_autoptr(CliResult) result = run_cli (f, NULL, "reply", item_id, "--text", text);
  gint64 value;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  result->out[strlen (result->out) - 1] = '\0';
  g_assert_true (g_ascii_string_to_signed (result->out, 10, 1, G_MAXINT64, &value, NULL));

  return g_strdup (result->out);
}

static JsonObject *
outbox_entry (Fixture    *f,
              const char *entry_id)
{
  g_autoptr(GPtrArray) entries = list_json (f, "outbox", "list", NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);

      if (json_object_get_int_member (entry, "id") == g_ascii_strtoll (entry_id, NULL, 10))
        return json_object_ref (entry);
    }

  return NULL;
}

/* Posts the server accepted. */
static guint
count_accepted_posts (Fixture *f)
{
  g_autoptr(GPtrArray) requests = steward_mastodon_server_dup_requests (f->server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      StewardMastodonRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") && g_str_equal (request->path, "/api/v1/statuses") &&
          request->status == 200)
        n++;
    }

  return n;
}

/* reply → sync → sent, with the server's id; the server got one post. */
static void
test_reply_sync (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *item_id = NULL;
  g_autofree char *entry_id = NULL;
  g_autoptr(JsonObject) queued = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(CliResult) show = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) sent_only = NULL;
  g_autoptr(GPtrArray) queued_only = NULL;
  JsonObject *item;
  JsonArray *outbox;
  guint n_statuses;

  sync_ok (f);
  item_id = item_id_of (f, "alice");
  n_statuses = steward_mastodon_server_count_statuses (f->server);

  entry_id = reply_ok (f, item_id, "Thanks, Alice! Glad the firmware works.");
  queued = outbox_entry (f, entry_id);
  g_assert_nonnull (queued);
  g_assert_cmpstr (json_object_get_string_member (queued, "state"), ==, "queued");
  g_assert_cmpint (json_object_get_int_member (queued, "item"), ==, g_ascii_strtoll (item_id, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (queued, "account"), ==, g_ascii_strtoll (account_id, NULL, 10));
  g_assert_cmpint (json_object_get_int_member (queued, "attempts"), ==, 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (queued, "remote_id")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (queued, "error")));
  g_assert_cmpstr (json_object_get_string_member (queued, "text"), ==,
                   "Thanks, Alice! Glad the firmware works.");
  g_assert_cmpstr (json_object_get_string_member (queued, "in_reply_to"), ==, f->firmware_id);
  /* Nothing was sent yet. */
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, n_statuses);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses"), ==, 0);

  sync_ok (f);
  sent = outbox_entry (f, entry_id);
  g_assert_cmpstr (json_object_get_string_member (sent, "state"), ==, "sent");
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (sent, "remote_id")));
  g_assert_cmpint (json_object_get_int_member (sent, "attempts"), >=, 1);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (sent, "sent_at")));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, n_statuses + 1);
  g_assert_cmpuint (count_accepted_posts (f), ==, 1);

  /* Another sync sends nothing again. */
  sync_ok (f);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, n_statuses + 1);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "POST", "/api/v1/statuses"), ==, 1);
  after = outbox_entry (f, entry_id);
  g_assert_cmpstr (json_object_get_string_member (after, "remote_id"), ==,
                   json_object_get_string_member (sent, "remote_id"));

  /* The item knows its first response and lists the reply. */
  show = run_cli (f, NULL, "inbox", "show", item_id, "--json");
  g_assert_cmpint (show->status, ==, 0);
  shown = parse_json_lines (show->out);
  item = g_ptr_array_index (shown, 0);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "first_response_at")));
  g_assert_true (g_str_equal (json_object_get_string_member (item, "sla_state"), "met") ||
                 g_str_equal (json_object_get_string_member (item, "sla_state"), "missed"));
  outbox = json_object_get_array_member (item, "outbox");
  g_assert_cmpuint (json_array_get_length (outbox), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (outbox, 0), "state"), ==,
                   "sent");

  sent_only = list_json (f, "outbox", "list", "--state", "sent", NULL);
  g_assert_cmpuint (sent_only->len, ==, 1);
  queued_only = list_json (f, "outbox", "list", "--state", "queued", NULL);
  g_assert_cmpuint (queued_only->len, ==, 0);

  table = run_cli (f, NULL, "outbox", "list");
  g_assert_cmpint (table->status, ==, 0);
  g_assert_true (g_str_has_prefix (table->out, "ID"));
  g_assert_nonnull (strstr (table->out, "sent"));
  g_assert_nonnull (strstr (table->out, json_object_get_string_member (sent, "remote_id")));
}

static void
test_reply_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *item_id = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  sync_ok (f);
  item_id = item_id_of (f, "alice");

  unknown = run_cli (f, NULL, "reply", "999", "--text", "hello");
  assert_failed (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "No inbox item 999"));

  {
    const char * const *cases[] = {
      (const char * const[]) { "reply", NULL },
      (const char * const[]) { "reply", item_id, NULL },
      (const char * const[]) { "reply", item_id, "--text", "", NULL },
      (const char * const[]) { "reply", item_id, "--text", " \n\t ", NULL },
      (const char * const[]) { "reply", item_id, "--text", "hi", "--visibility", "secret", NULL },
      (const char * const[]) { "reply", item_id, "--text", "hi", "--language", "English", NULL },
      (const char * const[]) { "reply", item_id, "two", "--text", "hi", NULL },
      (const char * const[]) { "reply", "abc", "--text", "hi", NULL },
      (const char * const[]) { "outbox", NULL },
      (const char * const[]) { "outbox", "resend", "1", NULL },
      (const char * const[]) { "outbox", "list", "--state", "lost", NULL },
      (const char * const[]) { "outbox", "retry", NULL },
      (const char * const[]) { "outbox", "discard", "x", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(CliResult) result = run_cli_full (f, NULL, TRUE, NULL, cases[i]);

        g_test_message ("case %u", i);
        assert_usage_error (result);
      }
  }

  /* The empty reply says why, in words. */
  {
    g_autoptr(CliResult) empty = run_cli (f, NULL, "reply", item_id, "--text", "   ");

    g_assert_nonnull (strstr (empty->err, "empty"));
  }

  entries = list_json (f, "outbox", "list", NULL);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* retry and discard refuse the wrong states; a refused reply is retried. */
static void
test_retry_discard (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(CliResult) retry_queued = NULL;
  g_autoptr(CliResult) discard = NULL;
  g_autoptr(CliResult) discard_again = NULL;
  g_autoptr(CliResult) retry_unknown = NULL;
  g_autoptr(CliResult) retry_failed = NULL;
  g_autoptr(CliResult) discard_sent = NULL;
  g_autoptr(CliResult) retry_sent = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) requeued = NULL;
  g_autoptr(JsonObject) sent = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint n_statuses;

  sync_ok (f);
  alice = item_id_of (f, "alice");
  bob = item_id_of (f, "bob@other.example");
  n_statuses = steward_mastodon_server_count_statuses (f->server);

  /* A queued reply can be discarded, once; it cannot be retried. */
  dropped = reply_ok (f, alice, "Never mind");
  retry_queued = run_cli (f, NULL, "outbox", "retry", dropped);
  assert_failed (retry_queued, 1);
  discard = run_cli (f, NULL, "outbox", "discard", dropped);
  g_assert_cmpint (discard->status, ==, 0);
  g_assert_cmpstr (discard->out, ==, "");
  discard_again = run_cli (f, NULL, "outbox", "discard", dropped);
  assert_failed (discard_again, 1);
  g_assert_nonnull (strstr (discard_again->err, dropped));
  retry_unknown = run_cli (f, NULL, "outbox", "retry", "999");
  assert_failed (retry_unknown, 1);
  g_assert_nonnull (strstr (retry_unknown->err, "No outbox entry 999"));

  /* The server refuses a reply longer than its limit: failed, with its reason. */
  steward_mastodon_server_set_max_characters (f->server, 20);
  refused = reply_ok (f, bob, "Thanks Bob, this reply is longer than twenty characters.");
  {
    g_autoptr(CliResult) result = run_cli (f, NULL, "sync");

    g_test_message ("sync after a refused reply: exit %d", result->status);
  }
  failed = outbox_entry (f, refused);
  g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "failed");
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (failed, "error")));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, n_statuses);

  /* Retried after the server allows it: sent, once. */
  steward_mastodon_server_set_max_characters (f->server, 500);
  retry_failed = run_cli (f, NULL, "outbox", "retry", refused);
  g_assert_cmpint (retry_failed->status, ==, 0);
  requeued = outbox_entry (f, refused);
  g_assert_cmpstr (json_object_get_string_member (requeued, "state"), ==, "queued");
  sync_ok (f);
  sent = outbox_entry (f, refused);
  g_assert_cmpstr (json_object_get_string_member (sent, "state"), ==, "sent");
  g_assert_cmpuint (steward_mastodon_server_count_statuses (f->server), ==, n_statuses + 1);

  /* A sent reply can be neither discarded nor retried. */
  discard_sent = run_cli (f, NULL, "outbox", "discard", refused);
  assert_failed (discard_sent, 1);
  retry_sent = run_cli (f, NULL, "outbox", "retry", refused);
  assert_failed (retry_sent, 1);

  entries = list_json (f, "outbox", "list", NULL);
  g_assert_cmpuint (entries->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/reply/sync", test_reply_sync);
  cli_test_add ("/cli/reply/errors", test_reply_errors);
  cli_test_add ("/cli/outbox/retry-discard", test_retry_discard);

  return g_test_run ();
}
