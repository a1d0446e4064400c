/* test-cli-commands.c — steward-cli: help, usage errors and the workspace folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CliResult) global = run_cli (f, NULL, "--help");
  g_autoptr(CliResult) account = run_cli (f, NULL, "account", "--help");
  g_autoptr(CliResult) add = run_cli (f, NULL, "account", "add", "--help");
  g_autoptr(CliResult) search = run_cli (f, NULL, "search", "--help");
  g_autoptr(CliResult) export = run_cli (f, NULL, "export", "inbox", "--help");
  g_autoptr(CliResult) version = run_cli (f, NULL, "--version");
  g_autofree char *db_path = NULL;
  const char *commands[] = {
    "account add mastodon --server URL --token-stdin [--insecure-token-file]",
    "account list [--json]", "account remove ID", "sync [--account ID]",
    "inbox list [--status STATUS] [--json]", "search QUERY [--limit N] [--json]",
    "export inbox --format csv|json [--output FILE]", "--data-dir", "--version",
    "inbox show ID [--fetch] [--json]", "inbox set ID…", "reply ID --text TEXT", "outbox list",
    "outbox retry ID", "analyze [--json]", "report [--json|--csv]", "team list", "me [NAME]",
  };

  g_assert_cmpint (global->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (global->out, commands[i]));

  g_assert_cmpint (account->status, ==, 0);
  g_assert_nonnull (strstr (account->out, "steward-cli account"));
  g_assert_nonnull (strstr (account->out, "  add "));
  g_assert_nonnull (strstr (account->out, "  list "));
  g_assert_nonnull (strstr (account->out, "  remove "));

  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, "steward-cli account add"));
  g_assert_nonnull (strstr (add->out, "--server=URL"));
  g_assert_nonnull (strstr (add->out, "--token-stdin"));
  g_assert_nonnull (strstr (add->out, "--insecure-token-file"));

  g_assert_cmpint (search->status, ==, 0);
  g_assert_nonnull (strstr (search->out, "--limit=N"));
  g_assert_nonnull (strstr (search->out, "--json"));

  g_assert_cmpint (export->status, ==, 0);
  g_assert_nonnull (strstr (export->out, "--format=FORMAT"));
  g_assert_nonnull (strstr (export->out, "--output=FILE"));

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "steward-cli " PACKAGE_VERSION "\n");

  /* Help never touches the workspace. */
  db_path = g_build_filename (f->data_dir, "steward.db", NULL);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  const char *base_url = steward_mastodon_server_get_base_url (f->server);
  const char * const *cases[] = {
    (const char * const[]) { NULL },
    (const char * const[]) { "frobnicate", NULL },
    (const char * const[]) { "--no-such-option", "account", "list", NULL },
    (const char * const[]) { "account", NULL },
    (const char * const[]) { "account", "rename", NULL },
    (const char * const[]) { "account", "list", "--bogus", NULL },
    (const char * const[]) { "account", "list", "extra", NULL },
    (const char * const[]) { "account", "add", "--server", base_url, "--token-stdin", NULL },
    (const char * const[]) { "account", "add", "bluesky", "--server", base_url, "--token-stdin", NULL },
    (const char * const[]) { "account", "add", "mastodon", "--token-stdin", NULL },
    (const char * const[]) { "account", "add", "mastodon", "--server", "not a url", "--token-stdin", NULL },
    (const char * const[]) { "account", "add", "mastodon", "--server", base_url, NULL },
    (const char * const[]) { "account", "remove", NULL },
    (const char * const[]) { "account", "remove", "abc", NULL },
    (const char * const[]) { "account", "remove", "-5", NULL },
    (const char * const[]) { "sync", "--account", "x", NULL },
    (const char * const[]) { "sync", "now", NULL },
    (const char * const[]) { "inbox", "list", "--status", "bogus", NULL },
    (const char * const[]) { "inbox", "show", NULL },
    (const char * const[]) { "search", NULL },
    (const char * const[]) { "search", "   ", NULL },
    (const char * const[]) { "search", "a", "b", NULL },
    (const char * const[]) { "search", "firmware", "--limit", "0", NULL },
    (const char * const[]) { "search", "firmware", "--limit", "many", NULL },
    (const char * const[]) { "export", "inbox", NULL },
    (const char * const[]) { "export", "inbox", "--format", "xml", NULL },
    (const char * const[]) { "export", "outbox", "--format", "csv", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliResult) result = run_cli_full (f, NULL, TRUE, TOKEN "\n", cases[i]);

      g_test_message ("case %u", i);
      assert_usage_error (result);
    }

  /* No usage error got as far as the server or the workspace. */
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, NULL, "/"), ==, 0);
}

static int
database_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = list_json (f, "account", "list", NULL);
  g_autofree char *db_path = g_build_filename (f->data_dir, "steward.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length, after_length;
  sqlite3 *db = NULL;
  int version = database_user_version (db_path);

  /* As if a later Steward had migrated the workspace further. */
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_cmpint (version, >, 0);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA user_version = %d;", version + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_file_get_contents (db_path, &before, &before_length, &error);
  g_assert_no_error (error);

  result = run_cli (f, NULL, "inbox", "list");
  assert_failed (result, 1);
  g_assert_nonnull (strstr (result->err, "newer"));

  /* Left untouched. */
  g_file_get_contents (db_path, &after, &after_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_cmpint (database_user_version (db_path), ==, version + 1);
}

static void
test_data_dir_env (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  const char * const env[] = { "STEWARD_DATA_DIR", f->data_dir, NULL };
  const char * const args[] = { "account", "list", "--json", NULL };
  const char * const after_args[] = { "--data-dir", NULL, "account", "list", "--json", NULL };
  g_autofree char *elsewhere = g_build_filename (f->data_dir, "elsewhere", NULL);
  g_autoptr(CliResult) result = run_cli_full (f, env, FALSE, NULL, args);
  g_autoptr(CliResult) other = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_cmpint (result->status, ==, 0);
  accounts = parse_json_lines (result->out);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (accounts, 0), "id"), ==,
                   g_ascii_strtoll (account_id, NULL, 10));

  /* --data-dir wins over the variable. */
  ((const char **) after_args)[1] = elsewhere;
  other = run_cli_full (f, env, FALSE, NULL, after_args);
  g_assert_cmpint (other->status, ==, 0);
  none = parse_json_lines (other->out);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_IS_DIR));
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/help", test_help);
  cli_test_add ("/cli/usage-errors", test_usage_errors);
  cli_test_add ("/cli/workspace/newer-schema", test_newer_schema);
  cli_test_add ("/cli/workspace/data-dir-env", test_data_dir_env);

  return g_test_run ();
}
