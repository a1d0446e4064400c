/* test-cli-account.c — steward-cli account add|list|remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <string.h>

#include <glib/gstdio.h>

static void
test_account_add_list (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = add_account (f);
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(CliResult) text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  gsize db_length, wal_length;
  g_autofree char *tokens_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_token_files = 0;
  JsonObject *account;

  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 1);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpint (json_object_get_int_member (account, "id"), ==, g_ascii_strtoll (id, NULL, 10));
  g_assert_cmpstr (json_object_get_string_member (account, "network"), ==, "mastodon");
  g_assert_cmpstr (json_object_get_string_member (account, "username"), ==, "brand");
  g_assert_cmpstr (json_object_get_string_member (account, "display_name"), ==, "Brand");
  g_assert_cmpstr (json_object_get_string_member (account, "state"), ==, "ok");
  g_assert_false (json_object_get_boolean_member (account, "demo"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (account, "last_sync")));

  text = run_cli (f, NULL, "account", "list");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_true (g_str_has_prefix (text->out, "ID"));
  g_assert_nonnull (strstr (text->out, "NETWORK"));
  g_assert_nonnull (strstr (text->out, "brand"));
  g_assert_nonnull (strstr (text->out, "never"));
  /* A header and one row. */
  lines = g_strsplit (text->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  /* Adding the same account again updates it and keeps its id. */
  again = add_account (f);
  g_assert_cmpstr (again, ==, id);
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 1);

  /* With no Secret Service, the token is in a file only its owner reads,
   * in the workspace's tokens/ folder... */
  tokens_dir = g_build_filename (f->data_dir, "tokens", NULL);
  dir = g_dir_open (tokens_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tokens_dir, name, NULL);
      g_autofree char *contents = NULL;
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      if (strstr (contents, TOKEN) != NULL)
        n_token_files++;
    }
  g_assert_cmpuint (n_token_files, ==, 1);

  /* ...and in neither the database nor its journal. */
  db = read_workspace_bytes (f, "steward.db", &db_length);
  g_assert_nonnull (db);
  g_assert_false (contains_bytes (db, db_length, TOKEN));
  wal = read_workspace_bytes (f, "steward.db-wal", &wal_length);
  g_assert_false (wal != NULL && contains_bytes (wal, wal_length, TOKEN));
}

static void
test_account_add_errors (Fixture       *f,
                         gconstpointer  data)
{
  const char *base_url = steward_mastodon_server_get_base_url (f->server);
  g_autoptr(CliResult) wrong = run_cli (f, "not-the-token\n", "account", "add", "mastodon",
                                        "--server", base_url, "--token-stdin", "--insecure-token-file");
  g_autoptr(CliResult) empty = run_cli (f, "\n", "account", "add", "mastodon",
                                        "--server", base_url, "--token-stdin", "--insecure-token-file");
  g_autoptr(CliResult) no_secrets = run_cli (f, TOKEN "\n", "account", "add", "mastodon",
                                             "--server", base_url, "--token-stdin");
  g_autoptr(GPtrArray) accounts = NULL;

  /* The server answers 401 to a wrong token. */
  assert_failed (wrong, 1);
  g_assert_cmpuint (steward_mastodon_server_count_requests (f->server, "GET",
                                                            "/api/v1/accounts/verify_credentials"), >=, 1);
  assert_failed (empty, 1);
  g_assert_nonnull (strstr (empty->err, "token"));

  /* No Secret Service and no --insecure-token-file: a plain error, and
   * the way out. */
  assert_failed (no_secrets, 1);
  g_assert_nonnull (strstr (no_secrets->err, "Secret Service"));
  g_assert_nonnull (strstr (no_secrets->err, "--insecure-token-file"));

  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
}

static void
test_account_remove (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *account_id = add_account (f);
  g_autoptr(CliResult) removed = NULL;
  g_autoptr(CliResult) again = NULL;
  g_autoptr(CliResult) sync_missing = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) posts = NULL;

  sync_ok (f);

  removed = run_cli (f, NULL, "account", "remove", account_id);
  g_assert_cmpint (removed->status, ==, 0);

  accounts = list_json (f, "account", "list", NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
  /* Its cached data went with it. */
  items = list_json (f, "inbox", "list", NULL);
  g_assert_cmpuint (items->len, ==, 0);
  posts = list_json (f, "search", "firmware", NULL);
  g_assert_cmpuint (posts->len, ==, 0);

  again = run_cli (f, NULL, "account", "remove", account_id);
  assert_failed (again, 1);
  g_assert_nonnull (strstr (again->err, account_id));

  sync_missing = run_cli (f, NULL, "sync", "--account", "4242");
  assert_failed (sync_missing, 1);
  g_assert_nonnull (strstr (sync_missing->err, "4242"));
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  cli_test_add ("/cli/account/add-list", test_account_add_list);
  cli_test_add ("/cli/account/add-errors", test_account_add_errors);
  cli_test_add ("/cli/account/remove", test_account_remove);

  return g_test_run ();
}
