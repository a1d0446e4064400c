/* test-cli-listen.c — steward-cli listen and search with the query
 * language, through the real binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cli-test.h"

static JsonObject *
find_query (GPtrArray  *objects,
            const char *name)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  return NULL;
}

static void
test_listen (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(CliResult) added = NULL;
  g_autoptr(CliResult) zh = NULL;
  g_autoptr(CliResult) table = NULL;
  g_autoptr(CliResult) removed = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) since = NULL;
  g_autofree char *xiaoming = NULL;
  g_autofree char *complaint = NULL;
  JsonObject *object;
  JsonObject *sentiment;

  sync_ok (f);

  added = run_cli (f, NULL, "listen", "add", "Firmware", "firmware -\"order\"", "--colour", "#3584e4");
  g_assert_cmpint (added->status, ==, 0);
  g_assert_cmpstr (added->err, ==, "");
  zh = run_cli (f, NULL, "listen", "add", "天气", "天氣 lang:zh OR 产品");
  /* "lang:zh OR 产品" mixes a filter into OR: refused with its position. */
  assert_failed (zh, 1);
  g_assert_nonnull (strstr (zh->err, "position"));
  g_clear_pointer (&zh, cli_result_free);
  zh = run_cli (f, NULL, "listen", "add", "天气", "天氣 OR 产品");
  g_assert_cmpint (zh->status, ==, 0);

  /* Retroactive: the whole cache, newest first; nothing new yet. alice's
   * post and not carol's, which mentions an order. */
  queries = list_json (f, "listen", "list", NULL);
  g_assert_cmpuint (queries->len, ==, 2);
  object = find_query (queries, "Firmware");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "query"), ==, "firmware -\"order\"");
  g_assert_cmpstr (json_object_get_string_member (object, "colour"), ==, "#3584e4");
  g_assert_cmpint (json_object_get_int_member (object, "new"), ==, 0);

  results = list_json (f, "listen", "results", "Firmware", NULL);
  g_assert_cmpuint (results->len, ==, 1);
  object = g_ptr_array_index (results, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "remote_id"), ==, f->firmware_id);
  g_assert_false (json_object_get_boolean_member (object, "new"));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "highlight_markup"), "<b>firmware</b>"));
  /* "great, thanks!" */
  sentiment = json_object_get_object_member (object, "sentiment");
  g_assert_cmpstr (json_object_get_string_member (sentiment, "label"), ==, "positive");
  g_assert_cmpfloat (json_object_get_double_member (sentiment, "score"), >, 0.1);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Traditional finds Simplified. */
  results = list_json (f, "listen", "results", "天气", NULL);
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (results, 0), "remote_id"), ==,
                   f->chinese_id);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A new complaint arrives with the next sync: new, negative. */
  xiaoming = steward_mastodon_server_add_account (f->server, NULL, "dave", "Dave");
  complaint = add_status (f, xiaoming, "@brand the firmware is terrible, I hate it",
                          NULL, "2026-11-24T10:00:00Z");
  add_mention (f, complaint);
  sync_ok (f);

  g_clear_pointer (&queries, g_ptr_array_unref);
  queries = list_json (f, "listen", "list", NULL);
  g_assert_cmpint (json_object_get_int_member (find_query (queries, "Firmware"), "new"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (find_query (queries, "天气"), "new"), ==, 0);

  results = list_json (f, "listen", "results", "Firmware", NULL);
  g_assert_cmpuint (results->len, ==, 2);
  object = g_ptr_array_index (results, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "remote_id"), ==, complaint);
  g_assert_true (json_object_get_boolean_member (object, "new"));
  sentiment = json_object_get_object_member (object, "sentiment");
  g_assert_cmpstr (json_object_get_string_member (sentiment, "label"), ==, "negative");

  since = list_json (f, "listen", "results", "Firmware", "--since", "2026-11-24", NULL);
  g_assert_cmpuint (since->len, ==, 1);

  table = run_cli (f, NULL, "listen", "results", "Firmware");
  g_assert_cmpint (table->status, ==, 0);
  g_assert_true (g_str_has_prefix (table->out, "ID"));
  g_assert_nonnull (strstr (table->out, "@dave"));
  g_assert_nonnull (strstr (table->out, "*"));

  removed = run_cli (f, NULL, "listen", "remove", "Firmware");
  g_assert_cmpint (removed->status, ==, 0);
  g_clear_pointer (&queries, g_ptr_array_unref);
  queries = list_json (f, "listen", "list", NULL);
  g_assert_cmpuint (queries->len, ==, 1);
}

static void
test_listen_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CliResult) unknown = run_cli (f, NULL, "listen", "results", "Nope");
  g_autoptr(CliResult) remove_unknown = run_cli (f, NULL, "listen", "remove", "Nope");
  g_autoptr(CliResult) missing = run_cli (f, NULL, "listen", "add", "OnlyName");
  g_autoptr(CliResult) bad_time = run_cli (f, NULL, "listen", "results", "Nope", "--since", "yesterday");
  g_autoptr(CliResult) bad_query = run_cli (f, NULL, "listen", "add", "Bad", "coffee)");
  g_autoptr(CliResult) bad_search = run_cli (f, NULL, "search", "(coffee OR");
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) first = NULL;
  g_autoptr(CliResult) chinese = NULL;

  assert_failed (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "Nope"));
  assert_failed (remove_unknown, 1);
  assert_usage_error (missing);
  assert_usage_error (bad_time);
  /* Invalid queries: exit 1, the message says where. */
  assert_failed (bad_query, 1);
  g_assert_nonnull (strstr (bad_query->err, "position 7"));
  assert_failed (bad_search, 1);
  g_assert_nonnull (strstr (bad_search->err, "position"));

  first = run_cli (f, NULL, "listen", "add", "Dup", "coffee");
  g_assert_cmpint (first->status, ==, 0);
  again = run_cli (f, NULL, "listen", "add", "Dup", "tea");
  assert_failed (again, 1);

  /* The message is translated. */
  chinese = run_cli_full (f, (const char * const[]) { "LANGUAGE", "zh_CN", "LC_ALL", "C.UTF-8", NULL },
                          TRUE, NULL, (const char * const[]) { "search", "coffee)", NULL });
  assert_failed (chinese, 1);
}

static void
test_search_language (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) phrase = NULL;
  g_autoptr(GPtrArray) author = NULL;

  sync_ok (f);

  found = list_json (f, "search", "firmware -@carol", NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (found, 0), "remote_id"), ==,
                   f->firmware_id);
  phrase = list_json (f, "search", "\"new firmware\" OR 天氣", NULL);
  g_assert_cmpuint (phrase->len, ==, 2);
  g_clear_pointer (&phrase, g_ptr_array_unref);
  /* Only carol's direct message has this phrase: private, not found. */
  phrase = list_json (f, "search", "\"firmware update\"", NULL);
  g_assert_cmpuint (phrase->len, ==, 0);
  author = list_json (f, "search", "@xiaoming", NULL);
  g_assert_cmpuint (author->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add ("/cli/listen/commands", Fixture, NULL, fixture_set_up, test_listen, fixture_tear_down);
  g_test_add ("/cli/listen/errors", Fixture, NULL, fixture_set_up, test_listen_errors, fixture_tear_down);
  g_test_add ("/cli/search/language", Fixture, NULL, fixture_set_up, test_search_language, fixture_tear_down);

  return g_test_run ();
}
