/* test-cli-inbox.c — steward-cli inbox list, search and export inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <glib/gstdio.h>
#include <steward/steward.h>

static void
test_inbox_status (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) closed = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(CliResult) unknown = NULL;

  sync_ok (f);

  fresh = list_json (f, "inbox", "list", "--status", "new", NULL);
  g_assert_cmpuint (fresh->len, ==, 4);
  for (guint i = 0; i < fresh->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (fresh, i), "status"), ==, "new");

  closed = list_json (f, "inbox", "list", "--status", "closed", NULL);
  g_assert_cmpuint (closed->len, ==, 0);

  mine = list_json (f, "inbox", "list", "--account", account_id, NULL);
  g_assert_cmpuint (mine->len, ==, 4);

  unknown = run_cli (f, NULL, "inbox", "list", "--account", "999");
  assert_failed (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "999"));
}

/* More items than the command reads from the store at once: every one is
 * listed and exported once. */
static void
test_inbox_many (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) seeded = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CliResult) csv = NULL;
  g_autoptr(GPtrArray) records = NULL;

  /* A first sync only goes back so far; what arrives after it is all
   * caught up with. */
  sync_ok (f);
  seeded = steward_mastodon_server_seed_mentions (f->server, 1234, 7);
  g_assert_cmpuint (seeded->len, ==, 1234);
  sync_ok (f);

  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 1234 + 4);
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);

      g_assert_true (g_hash_table_add (ids, (gpointer) json_object_get_string_member (item, "remote_id")));
      /* Newest first, across pages too. */
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (items, i - 1), "created_at"), >=,
                         json_object_get_string_member (item, "created_at"));
    }
  for (guint i = 0; i < seeded->len; i++)
    g_assert_true (g_hash_table_contains (ids, g_ptr_array_index (seeded, i)));

  csv = run_cli (f, NULL, "export", "inbox", "--format", "csv");
  g_assert_cmpint (csv->status, ==, 0);
  records = parse_csv (csv->out);
  g_assert_cmpuint (records->len, ==, 1 + 1234 + 4);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) firmware = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) chinese = NULL;
  g_autoptr(GPtrArray) nothing = NULL;
  g_autoptr(CliResult) text = NULL;
  const char * const fields[] = {
    "id", "network", "remote_id", "url", "author", "author_name", "author_followers", "language",
    "text", "highlight_markup", "created_at",
  };
  JsonObject *post;

  sync_ok (f);

  /* Carol's direct message also says "firmware", but private
   * conversations stay in the Inbox: only alice's public post is found. */
  firmware = list_json (f, "search", "firmware", NULL);
  g_assert_cmpuint (firmware->len, ==, 1);
  post = g_ptr_array_index (firmware, 0);
  g_assert_cmpuint (json_object_get_size (post), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (post, fields[i]));
  g_assert_cmpstr (json_object_get_string_member (post, "remote_id"), ==, f->firmware_id);
  g_assert_cmpstr (json_object_get_string_member (post, "author"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (post, "network"), ==, "mastodon");
  g_assert_null (find_by_remote_id (firmware, f->direct_id));

  limited = list_json (f, "search", "firmware", "--limit", "1", NULL);
  g_assert_cmpuint (limited->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (limited, 0), "remote_id"), ==,
                   f->firmware_id);

  /* Two Chinese characters inside a sentence. */
  chinese = list_json (f, "search", "天气", NULL);
  g_assert_cmpuint (chinese->len, ==, 1);
  post = g_ptr_array_index (chinese, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "remote_id"), ==, f->chinese_id);
  g_assert_cmpstr (json_object_get_string_member (post, "author"), ==, "xiaoming");
  g_assert_nonnull (strstr (json_object_get_string_member (post, "text"), "今天天气很好"));

  nothing = list_json (f, "search", "zeppelin", NULL);
  g_assert_cmpuint (nothing->len, ==, 0);

  text = run_cli (f, NULL, "search", "天气");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_str_has_prefix (text->out, "ID"));
  g_assert_nonnull (strstr (text->out, "@xiaoming"));
  g_assert_nonnull (strstr (text->out, "天气"));
}

/* What a CSV field holds for a member of an item's JSON object. */
static char *
csv_value_of (JsonObject *object,
              const char *field)
{
  JsonNode *node;

  if (g_str_equal (field, "sentiment_score") || g_str_equal (field, "sentiment"))
    {
      JsonObject *sentiment;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_assert_true (json_object_has_member (object, "sentiment"));
      sentiment = json_object_get_object_member (object, "sentiment");
      if (sentiment == NULL)
        return g_strdup ("");
      if (g_str_equal (field, "sentiment"))
        return g_strdup (json_object_get_string_member (sentiment, "label"));
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer,
                                       json_object_get_double_member (sentiment, "score")));
    }

  node = json_object_get_member (object, field);
  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GPtrArray) strings = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (strings, (gpointer) json_array_get_string_element (array, i));
      g_ptr_array_add (strings, NULL);
      return g_strjoinv ("; ", (GStrv) strings->pdata);
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return g_strdup (json_node_get_string (node));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *csv_path = g_build_filename (f->data_dir, "inbox.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(CliResult) json = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen_quoted = FALSE;

  sync_ok (f);

  /* An old file at the path is replaced whole. */
  g_file_set_contents (csv_path, "old contents that must go\n", -1, &error);
  g_assert_no_error (error);

  result = run_cli (f, NULL, "export", "inbox", "--format", "csv", "--output", csv_path);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "");
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  json = run_cli (f, NULL, "export", "inbox", "--format", "json");
  g_assert_cmpint (json->status, ==, 0);
  objects = parse_json_lines (json->out);
  g_assert_cmpuint (objects->len, ==, 4);

  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpstrv ((GStrv) g_ptr_array_index (records, 0), inbox_fields);

  /* Each CSV record says what the JSON object says, in the same order. */
  for (guint r = 1; r < records->len; r++)
    {
      GStrv record = g_ptr_array_index (records, r);
      JsonObject *object = g_ptr_array_index (objects, r - 1);

      g_assert_cmpuint (g_strv_length (record), ==, g_strv_length ((GStrv) inbox_fields));
      /* JSON has every column but sentiment_score, which is in its sentiment. */
      g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length ((GStrv) inbox_fields) - 1);
      for (guint i = 0; inbox_fields[i] != NULL; i++)
        {
          g_autofree char *expected = csv_value_of (object, inbox_fields[i]);

          g_assert_cmpstr (record[i], ==, expected);
        }

      if (strstr (record[8], "Quote") == NULL)
        continue;
      g_assert_nonnull (strstr (record[8], "Quote \"test\", with comma\nand a second line"));
      seen_quoted = TRUE;
    }
  g_assert_true (seen_quoted);
  /* The quotes were doubled inside a quoted field. */
  g_assert_nonnull (strstr (csv, "\"\"test\"\", with comma\nand a second line\""));
  g_assert_nonnull (strstr (csv, "今天天气很好"));

  /* The export and the listing agree. */
  {
    g_autoptr(CliResult) listing = run_cli (f, NULL, "inbox", "list", "--json");

    g_assert_cmpstr (listing->out, ==, json->out);
  }
}

static void
test_export_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *out_dir = g_build_filename (f->data_dir, "out", NULL);
  g_autofree char *blocked = g_build_filename (out_dir, "inbox.json", NULL);
  g_autofree char *missing = g_build_filename (f->data_dir, "no", "such", "dir", "inbox.json", NULL);
  g_autoptr(CliResult) into_dir = NULL;
  g_autoptr(CliResult) no_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_entries = 0;

  sync_ok (f);

  /* The target is a directory: the rename fails, after all was written. */
  g_assert_cmpint (g_mkdir_with_parents (blocked, 0700), ==, 0);
  into_dir = run_cli (f, NULL, "export", "inbox", "--format", "json", "--output", blocked);
  assert_failed (into_dir, 1);

  /* Nothing is left behind but what was there. */
  dir = g_dir_open (out_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_cmpstr (name, ==, "inbox.json");
      n_entries++;
    }
  g_assert_cmpuint (n_entries, ==, 1);
  g_assert_true (g_file_test (blocked, G_FILE_TEST_IS_DIR));

  no_dir = run_cli (f, NULL, "export", "inbox", "--format", "csv", "--output", missing);
  assert_failed (no_dir, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A listening result sent to the inbox (as the app's Listening tab does)
 * is listed with the kind "listening", beside the mention of the same
 * post, and named in the table. */
static void
test_inbox_listening (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autofree char *db_path = g_build_filename (f->data_dir, "steward.db", NULL);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(CliResult) text = NULL;
  g_autoptr(GError) error = NULL;
  StewardPost *post = NULL;
  JsonObject *sent = NULL;
  guint n_listening = 0;
  gint64 item_id;

  sync_ok (f);
  store = steward_store_open (db_path, &error);
  g_assert_no_error (error);
  found = steward_store_search (store, "firmware", 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (steward_post_get_remote_id (g_ptr_array_index (found, i)), f->firmware_id) == 0)
      post = g_ptr_array_index (found, i);
  g_assert_nonnull (post);
  item_id = steward_store_send_to_inbox (store, steward_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id, >, 0);
  g_clear_object (&store);

  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 5);
  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *item = g_ptr_array_index (items, i);

      if (g_str_equal (json_object_get_string_member (item, "kind"), "listening"))
        {
          sent = item;
          n_listening++;
        }
    }
  g_assert_cmpuint (n_listening, ==, 1);
  g_assert_cmpint (json_object_get_int_member (sent, "id"), ==, item_id);
  g_assert_cmpstr (json_object_get_string_member (sent, "remote_id"), ==, f->firmware_id);
  g_assert_cmpstr (json_object_get_string_member (sent, "status"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (sent, "author"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (sent, "created_at"), ==, "2026-11-20T09:00:00Z");

  mine = list_json (f, "inbox", "list", "--account", account_id, NULL);
  g_assert_cmpuint (mine->len, ==, 5);

  text = run_cli (f, NULL, "inbox", "list");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "found by listening"));
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/inbox/status", test_inbox_status);
  cli_test_add ("/cli/inbox/many", test_inbox_many);
  cli_test_add ("/cli/inbox/listening", test_inbox_listening);
  cli_test_add ("/cli/search", test_search);
  cli_test_add ("/cli/export/csv-json", test_export);
  cli_test_add ("/cli/export/atomic", test_export_atomic);

  return g_test_run ();
}
