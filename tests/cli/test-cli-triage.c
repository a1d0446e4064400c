/* test-cli-triage.c — steward-cli inbox set, inbox show, the new inbox list
 * filters and fields, team and me
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <steward/steward.h>

static JsonObject *
show_json (Fixture    *f,
           const char *id)
{
  g_autoptr(CliResult) result = run_cli (f, NULL, "inbox", "show", id, "--json");
  g_autoptr(GPtrArray) objects = NULL;

  g_assert_cmpint (result->status, ==, 0);
  objects = parse_json_lines (result->out);
  g_assert_cmpuint (objects->len, ==, 1);

  return json_object_ref (g_ptr_array_index (objects, 0));
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_listed (Fixture    *f,
              const char *option,
              const char *value)
{
  g_autoptr(GPtrArray) items = list_json (f, "inbox", "list", option, value, NULL);

  return items->len;
}

static void
assert_item_fields (JsonObject *item)
{
  const char * const sla_states[] = { "none", "ok", "due-soon", "breached", "met", "missed", NULL };
  const char * const time_fields[] = { "sla_due_at", "first_response_at", NULL };
  JsonNode *assignee = json_object_get_member (item, "assignee");
  JsonNode *sentiment = json_object_get_member (item, "sentiment");

  g_assert_nonnull (assignee);
  g_assert_true (JSON_NODE_HOLDS_NULL (assignee) || JSON_NODE_HOLDS_VALUE (assignee));
  g_assert_nonnull (json_object_get_array_member (item, "tags"));
  g_assert_nonnull (sentiment);
  if (JSON_NODE_HOLDS_OBJECT (sentiment))
    {
      JsonObject *object = json_node_get_object (sentiment);
      const char *label = json_object_get_string_member (object, "label");
      double score = json_object_get_double_member (object, "score");

      g_assert_cmpuint (json_object_get_size (object), ==, 2);
      g_assert_true (g_str_equal (label, "positive") || g_str_equal (label, "neutral") ||
                     g_str_equal (label, "negative"));
      g_assert_cmpfloat (score, >=, -1.0);
      g_assert_cmpfloat (score, <=, 1.0);
    }
  else
    g_assert_true (JSON_NODE_HOLDS_NULL (sentiment));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (item, "urgent")));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "urgent")), ==,
                   G_TYPE_BOOLEAN);
  g_assert_nonnull (json_object_get_array_member (item, "urgent_rules"));
  for (guint i = 0; time_fields[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (item, time_fields[i]);

      g_assert_nonnull (node);
      if (!JSON_NODE_HOLDS_NULL (node))
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);

          g_assert_nonnull (time);
          g_assert_true (g_str_has_suffix (json_node_get_string (node), "Z"));
        }
    }
  g_assert_true (g_strv_contains (sla_states, json_object_get_string_member (item, "sla_state")));
}

/* After a sync every item is classified: the new JSON fields say so. */
static void
test_list_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *wang = NULL;
  g_autofree char *complaint = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) urgent = NULL;
  g_autoptr(GPtrArray) oldest = NULL;
  g_autoptr(GPtrArray) by_urgency = NULL;
  g_autoptr(CliResult) text = NULL;
  guint n_urgent = 0;
  JsonObject *alice;
  JsonObject *angry;
  JsonObject *sentiment;
  JsonArray *rules;

  wang = steward_mastodon_server_add_account (f->server, NULL, "wang", "王");
  complaint = add_status (f, wang, "@brand 我要退款，你们的客服太差了", NULL,
                          "2026-11-19T08:00:00Z");
  add_mention (f, complaint);
  sync_ok (f);

  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 5);
  for (guint i = 0; i < items->len; i++)
    assert_item_fields (g_ptr_array_index (items, i));

  alice = find_by_author (items, "alice");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (alice, "assignee")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (alice, "tags")), ==, 0);
  sentiment = json_object_get_object_member (alice, "sentiment");
  g_assert_nonnull (sentiment);
  g_assert_cmpstr (json_object_get_string_member (sentiment, "label"), ==, "positive");
  g_assert_false (json_object_get_boolean_member (alice, "urgent"));
  /* Nobody answered yet: the clock runs. */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (alice, "first_response_at")));
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (alice, "sla_due_at")));

  angry = find_by_author (items, "wang");
  g_assert_true (json_object_get_boolean_member (angry, "urgent"));
  rules = json_object_get_array_member (angry, "urgent_rules");
  g_assert_cmpuint (json_array_get_length (rules), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (angry, "sentiment"),
                                                  "label"), ==, "negative");

  /* The urgent view holds the urgent items, the complaint among them. */
  for (guint i = 0; i < items->len; i++)
    if (json_object_get_boolean_member (g_ptr_array_index (items, i), "urgent"))
      n_urgent++;
  urgent = list_json (f, "inbox", "list", "--view", "urgent", NULL);
  g_assert_cmpuint (urgent->len, ==, n_urgent);
  g_assert_nonnull (find_by_author (urgent, "wang"));
  for (guint i = 0; i < urgent->len; i++)
    g_assert_true (json_object_get_boolean_member (g_ptr_array_index (urgent, i), "urgent"));

  /* Oldest first is the listing reversed; urgency puts the complaint first. */
  oldest = list_json (f, "inbox", "list", "--sort", "oldest", NULL);
  g_assert_cmpuint (oldest->len, ==, items->len);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (oldest, i), "id"), ==,
                     json_object_get_int_member (g_ptr_array_index (items, items->len - 1 - i), "id"));
  by_urgency = list_json (f, "inbox", "list", "--sort", "urgency", NULL);
  g_assert_cmpuint (by_urgency->len, ==, items->len);
  for (guint i = 0; i < by_urgency->len; i++)
    g_assert_cmpint (json_object_get_boolean_member (g_ptr_array_index (by_urgency, i), "urgent"), ==,
                     i < n_urgent);

  /* The table marks the urgent item's id. */
  text = run_cli (f, NULL, "inbox", "list", "--view", "urgent");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "!"));
  g_assert_nonnull (strstr (text->out, "@wang"));
}

static void
test_set_show (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(CliResult) set = NULL;
  g_autoptr(CliResult) me = NULL;
  g_autoptr(CliResult) me_set = NULL;
  g_autoptr(CliResult) text = NULL;
  g_autoptr(CliResult) untag = NULL;
  g_autoptr(CliResult) team = NULL;
  g_autofree char *id = NULL;
  JsonArray *tags;
  JsonArray *notes;
  JsonArray *history;
  JsonArray *thread;
  gboolean own_post = FALSE;
  guint n_events = 0;

  sync_ok (f);
  id = item_id_of (f, "alice");

  me_set = run_cli (f, NULL, "me", "Mei");
  g_assert_cmpint (me_set->status, ==, 0);
  me = run_cli (f, NULL, "me");
  g_assert_cmpint (me->status, ==, 0);
  g_assert_cmpstr (me->out, ==, "Mei\n");

  shown = show_json (f, id);
  assert_item_fields (shown);
  g_assert_cmpstr (json_object_get_string_member (shown, "status"), ==, "new");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "notes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "outbox")), ==, 0);
  g_assert_true (json_object_get_boolean_member (shown, "needs_reply"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (shown, "snoozed_until")));
  thread = json_object_get_array_member (shown, "thread");
  for (guint i = 0; i < json_array_get_length (thread); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (thread, i), "remote_id"),
                   f->firmware_id) == 0)
      own_post = TRUE;
  g_assert_true (own_post);
  g_assert_cmpstr (json_object_get_string_member (shown, "author"), ==, "alice");

  set = run_cli (f, NULL, "inbox", "set", id, "--status", "pending", "--assign", "Mei",
                 "--tag", "billing", "--tag", "VIP", "--note", "Called back, waiting for the receipt");
  g_assert_cmpint (set->status, ==, 0);
  g_assert_cmpstr (set->out, ==, "");

  changed = show_json (f, id);
  g_assert_cmpstr (json_object_get_string_member (changed, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (changed, "assignee"), ==, "Mei");
  tags = json_object_get_array_member (changed, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_true (array_has_string (tags, "billing"));
  notes = json_object_get_array_member (changed, "notes");
  g_assert_cmpuint (json_array_get_length (notes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "text"), ==,
                   "Called back, waiting for the receipt");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "actor"), ==,
                   "Mei");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notes, 0), "kind"), ==,
                   "note");
  /* The status, the assignment and the tags are in the history. */
  history = json_object_get_array_member (changed, "history");
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), "event"))
        {
          g_assert_cmpstr (json_object_get_string_member (entry, "actor"), ==, "Mei");
          n_events++;
        }
    }
  g_assert_cmpuint (n_events, >=, 2);

  /* The filters see the change. */
  g_assert_cmpuint (count_listed (f, "--assignee", "Mei"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--view", "mine"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--view", "unassigned"), ==, 3);
  g_assert_cmpuint (count_listed (f, "--view", "pending"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--view", "new"), ==, 3);
  g_assert_cmpuint (count_listed (f, "--tag", "billing"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--tag", "vip"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--tag", "nothing-has-this"), ==, 0);

  /* The team knows Mei. */
  team = run_cli (f, NULL, "team", "list");
  g_assert_cmpint (team->status, ==, 0);
  g_assert_nonnull (strstr (team->out, "Mei\n"));

  /* The readable form says the same. */
  text = run_cli (f, NULL, "inbox", "show", id);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Called back, waiting for the receipt"));
  g_assert_nonnull (strstr (text->out, "Mei"));
  g_assert_nonnull (strstr (text->out, "billing"));
  g_assert_nonnull (strstr (text->out, "the new firmware is great"));

  untag = run_cli (f, NULL, "inbox", "set", id, "--untag", "BILLING", "--unassign", "--status", "closed");
  g_assert_cmpint (untag->status, ==, 0);
  g_clear_pointer (&changed, json_object_unref);
  changed = show_json (f, id);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (changed, "assignee")));
  tags = json_object_get_array_member (changed, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);
  g_assert_false (array_has_string (tags, "billing"));
  g_assert_cmpstr (json_object_get_string_member (changed, "status"), ==, "closed");
  g_assert_cmpuint (count_listed (f, "--view", "closed"), ==, 1);
  g_assert_cmpuint (count_listed (f, "--view", "mine"), ==, 0);
}

/* --fetch reads the thread from the server; a deleted post is recorded. */
static void
test_show_fetch (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *alice_account = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_from_iso8601 ("2026-11-20T09:30:00Z", NULL);
  g_autoptr(CliResult) fetched = NULL;
  g_autoptr(CliResult) deleted = NULL;
  g_autoptr(CliResult) cached = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GError) error = NULL;
  StewardMastodonStatusSpec spec = { NULL, };
  JsonObject *item;
  JsonArray *thread;
  gboolean seen_follow_up = FALSE;

  sync_ok (f);
  alice = item_id_of (f, "alice");
  bob = item_id_of (f, "bob@other.example");

  /* Alice adds to her post after the sync. */
  alice_account = steward_mastodon_server_add_account (f->server, NULL, "alice", "Alice");
  spec.author_id = alice_account;
  spec.text = "@brand and the battery lasts longer too";
  spec.in_reply_to_id = f->firmware_id;
  spec.created_at = later;
  follow_up = steward_mastodon_server_add_status (f->server, &spec, &error);
  g_assert_no_error (error);

  cached = run_cli (f, NULL, "inbox", "show", alice);
  g_assert_cmpint (cached->status, ==, 0);
  g_assert_null (strstr (cached->out, "battery"));
  /* The item's own post is marked. */
  g_assert_nonnull (strstr (cached->out, "\n* "));
  g_assert_nonnull (strstr (cached->out, "--fetch"));

  fetched = run_cli (f, NULL, "inbox", "show", alice, "--fetch", "--json");
  g_assert_cmpint (fetched->status, ==, 0);
  objects = parse_json_lines (fetched->out);
  item = g_ptr_array_index (objects, 0);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "thread_fetched_at")));
  g_assert_false (json_object_get_boolean_member (item, "thread_deleted"));
  thread = json_object_get_array_member (item, "thread");
  g_assert_cmpuint (json_array_get_length (thread), ==, 2);
  for (guint i = 0; i < json_array_get_length (thread); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (thread, i), "remote_id"),
                   follow_up) == 0)
      seen_follow_up = TRUE;
  g_assert_true (seen_follow_up);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET", "/api/v1/statuses/"), >=, 1);

  /* The server deleted Bob's post: recorded, not an error. */
  g_assert_true (steward_mastodon_server_delete_status (f->server, f->quoted_id, &error));
  g_assert_no_error (error);
  deleted = run_cli (f, NULL, "inbox", "show", bob, "--fetch", "--json");
  g_assert_cmpint (deleted->status, ==, 0);
  gone = parse_json_lines (deleted->out);
  g_assert_true (json_object_get_boolean_member (g_ptr_array_index (gone, 0), "thread_deleted"));

  unknown = run_cli (f, NULL, "inbox", "show", "999", "--fetch");
  assert_failed (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "No inbox item 999"));
}

static void
test_set_many_snooze (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *bob = NULL;
  g_autofree char *carol = NULL;
  g_autoptr(CliResult) snooze = NULL;
  g_autoptr(CliResult) wake = NULL;
  g_autoptr(CliResult) no_reply = NULL;
  g_autoptr(JsonObject) snoozed = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(GPtrArray) open = NULL;

  sync_ok (f);
  bob = item_id_of (f, "bob@other.example");
  carol = item_id_of (f, "carol");

  /* One change, two items (one given twice). */
  snooze = run_cli (f, NULL, "inbox", "set", bob, carol, bob, "--snooze-until", "2d", "--status", "open");
  g_assert_cmpint (snooze->status, ==, 0);
  g_assert_cmpuint (count_listed (f, "--view", "snoozed"), ==, 2);
  g_assert_cmpuint (count_listed (f, "--view", "all"), ==, 2);
  snoozed = show_json (f, bob);
  g_assert_cmpstr (json_object_get_string_member (snoozed, "status"), ==, "open");
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (snoozed, "snoozed_until")));

  /* An export has every item, snoozed ones too (last). */
  {
    g_autoptr(CliResult) export = run_cli (f, NULL, "export", "inbox", "--format", "json");
    g_autoptr(GPtrArray) exported = NULL;

    g_assert_cmpint (export->status, ==, 0);
    exported = parse_json_lines (export->out);
    g_assert_cmpuint (exported->len, ==, 4);
    g_assert_nonnull (find_by_author (exported, "carol"));
    g_assert_nonnull (find_by_author (exported, "bob@other.example"));
  }

  wake = run_cli (f, NULL, "inbox", "set", bob, "--wake");
  g_assert_cmpint (wake->status, ==, 0);
  g_assert_cmpuint (count_listed (f, "--view", "snoozed"), ==, 1);
  open = list_json (f, "inbox", "list", "--status", "open", NULL);
  g_assert_cmpuint (open->len, ==, 1);

  /* Needing no reply stops the clock. */
  no_reply = run_cli (f, NULL, "inbox", "set", bob, "--no-reply-needed");
  g_assert_cmpint (no_reply->status, ==, 0);
  answered = show_json (f, bob);
  g_assert_false (json_object_get_boolean_member (answered, "needs_reply"));
  g_assert_cmpstr (json_object_get_string_member (answered, "sla_state"), ==, "none");
}

static void
test_set_errors (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *id = NULL;
  g_autoptr(CliResult) unknown = NULL;
  g_autoptr(CliResult) unknown_show = NULL;
  g_autoptr(CliResult) partly = NULL;
  g_autoptr(JsonObject) untouched = NULL;

  sync_ok (f);
  id = item_id_of (f, "alice");

  unknown = run_cli (f, NULL, "inbox", "set", "999", "--status", "open");
  assert_failed (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "No inbox item 999"));

  unknown_show = run_cli (f, NULL, "inbox", "show", "999");
  assert_failed (unknown_show, 1);
  g_assert_nonnull (strstr (unknown_show->err, "No inbox item 999"));

  /* All or nothing: a known item with an unknown one is not changed. */
  partly = run_cli (f, NULL, "inbox", "set", id, "999", "--status", "closed");
  assert_failed (partly, 1);
  untouched = show_json (f, id);
  g_assert_cmpstr (json_object_get_string_member (untouched, "status"), ==, "new");

  {
    const char * const *cases[] = {
      (const char * const[]) { "inbox", "set", id, NULL },
      (const char * const[]) { "inbox", "set", id, "--status", "done", NULL },
      (const char * const[]) { "inbox", "set", id, "--assign", "Mei", "--unassign", NULL },
      (const char * const[]) { "inbox", "set", id, "--assign", " ", NULL },
      (const char * const[]) { "inbox", "set", id, "--tag", "", NULL },
      (const char * const[]) { "inbox", "set", id, "--note", "  ", NULL },
      (const char * const[]) { "inbox", "set", id, "--snooze-until", "soon", NULL },
      (const char * const[]) { "inbox", "set", id, "--snooze-until", "2020-01-01", NULL },
      (const char * const[]) { "inbox", "set", id, "--snooze-until", "2d", "--wake", NULL },
      (const char * const[]) { "inbox", "set", id, "--needs-reply", "--no-reply-needed", NULL },
      (const char * const[]) { "inbox", "set", "x1", "--status", "open", NULL },
      (const char * const[]) { "inbox", "show", id, "extra", NULL },
      (const char * const[]) { "inbox", "show", "0", NULL },
      (const char * const[]) { "inbox", "list", "--view", "everything", NULL },
      (const char * const[]) { "inbox", "list", "--sort", "random", NULL },
      (const char * const[]) { "inbox", "list", "--tag", "", NULL },
      (const char * const[]) { "team", "add", NULL },
      (const char * const[]) { "me", "A", "B", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(CliResult) result = run_cli_full (f, NULL, TRUE, NULL, cases[i]);

        g_test_message ("case %u", i);
        assert_usage_error (result);
      }
  }
}

static void
test_team (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(CliResult) add = NULL;
  g_autoptr(CliResult) add_again = NULL;
  g_autoptr(CliResult) remove = NULL;
  g_autoptr(CliResult) assign = NULL;
  g_autoptr(GPtrArray) team = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *id = NULL;

  sync_ok (f);
  id = item_id_of (f, "xiaoming");

  add = run_cli (f, NULL, "team", "add", "Li Wei");
  g_assert_cmpint (add->status, ==, 0);
  add_again = run_cli (f, NULL, "team", "add", "Ana");
  g_assert_cmpint (add_again->status, ==, 0);
  team = list_json (f, "team", "list", NULL);
  g_assert_cmpuint (team->len, >=, 2);

  assign = run_cli (f, NULL, "inbox", "set", id, "--assign", "Li Wei");
  g_assert_cmpint (assign->status, ==, 0);
  g_assert_cmpuint (count_listed (f, "--assignee", "Li Wei"), ==, 1);

  /* Removing a member unassigns their items. */
  remove = run_cli (f, NULL, "team", "remove", "Li Wei");
  g_assert_cmpint (remove->status, ==, 0);
  item = show_json (f, id);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "assignee")));
  g_clear_pointer (&team, g_ptr_array_unref);
  team = list_json (f, "team", "list", NULL);
  for (guint i = 0; i < team->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (team, i), "name"), !=, "Li Wei");
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/inbox/list-fields", test_list_fields);
  cli_test_add ("/cli/inbox/set-show", test_set_show);
  cli_test_add ("/cli/inbox/show-fetch", test_show_fetch);
  cli_test_add ("/cli/inbox/set-many-snooze", test_set_many_snooze);
  cli_test_add ("/cli/inbox/set-errors", test_set_errors);
  cli_test_add ("/cli/team", test_team);

  return g_test_run ();
}
