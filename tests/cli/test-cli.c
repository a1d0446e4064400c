/* test-cli.c — steward-cli run as a subprocess against a Mastodon test server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the test Mastodon server in a thread of its own, gives
 * steward-cli (path in $STEWARD_CLI) a fresh --data-dir and checks what it
 * prints, its exit status and what ends up in the workspace.
 */
#define G_LOG_DOMAIN "test-cli"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "steward-demo.h"
#include "steward-mastodon-server.h"

#define TOKEN "s3cret-token-for-cli-tests"

static const char * const inbox_fields[] = {
  "id", "account", "network", "kind", "remote_id", "url", "author", "author_name",
  "text", "created_at", "status", NULL
};

/* The system's data folders, from before G_TEST_OPTION_ISOLATE_DIRS: the
 * command needs GSettings schemas (GIO's proxy settings) as installed. */
static char *system_data_dirs;

typedef struct
{
  StewardMastodonServer *server;
  char                  *data_dir;
  char                  *firmware_id;     /* alice's mention */
  char                  *quoted_id;       /* bob's, with a comma, quotes and a newline */
  char                  *chinese_id;      /* xiaoming's */
  char                  *direct_id;       /* carol's direct message */
} Fixture;

typedef struct
{
  int   status;     /* exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Helpers */

static char *
add_status (Fixture    *f,
            const char *author_id,
            const char *text,
            const char *visibility,
            const char *created_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (created_at, NULL);
  StewardMastodonStatusSpec spec = { NULL, };
  char *id;

  g_assert_nonnull (when);
  spec.author_id = author_id;
  spec.text = text;
  spec.visibility = visibility;
  spec.created_at = when;
  id = steward_mastodon_server_add_status (f->server, &spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

static void
add_mention (Fixture    *f,
             const char *status_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = steward_mastodon_server_add_mention (f->server, status_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *xiaoming = NULL;
  g_autofree char *carol = NULL;
  g_autofree char *conversation = NULL;

  f->server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_OWN_THREAD, &error);
  g_assert_no_error (error);
  steward_mastodon_server_set_token (f->server, TOKEN);

  me = steward_mastodon_server_set_me (f->server, NULL, "brand", "Brand");
  alice = steward_mastodon_server_add_account (f->server, NULL, "alice", "Alice");
  bob = steward_mastodon_server_add_account (f->server, NULL, "bob@other.example", "Bob");
  xiaoming = steward_mastodon_server_add_account (f->server, NULL, "xiaoming", "小明");
  carol = steward_mastodon_server_add_account (f->server, NULL, "carol", "Carol");

  f->firmware_id = add_status (f, alice, "@brand the new firmware is great, thanks!",
                               NULL, "2026-11-20T09:00:00Z");
  add_mention (f, f->firmware_id);
  f->quoted_id = add_status (f, bob, "@brand Quote \"test\", with comma\nand a second line",
                             NULL, "2026-11-21T10:00:00Z");
  add_mention (f, f->quoted_id);
  f->chinese_id = add_status (f, xiaoming, "@brand 今天天气很好，你们的新产品怎么样？",
                              NULL, "2026-11-22T11:30:00Z");
  add_mention (f, f->chinese_id);
  f->direct_id = add_status (f, carol, "@brand my firmware update failed, where is my order?",
                             "direct", "2026-11-23T08:15:00Z");
  conversation = steward_mastodon_server_add_direct (f->server, NULL, f->direct_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (conversation);

  f->data_dir = g_dir_make_tmp ("steward-cli-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  steward_mastodon_server_stop (f->server);
  g_clear_object (&f->server);
  remove_tree (f->data_dir);
  g_clear_pointer (&f->data_dir, g_free);
  g_clear_pointer (&f->firmware_id, g_free);
  g_clear_pointer (&f->quoted_id, g_free);
  g_clear_pointer (&f->chinese_id, g_free);
  g_clear_pointer (&f->direct_id, g_free);
}

static GSubprocess *
spawn_cli (Fixture            *f,
           const char * const *env,
           gboolean            with_data_dir,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STEWARD_CLI");
  GSubprocess *process;

  g_assert_nonnull (cli);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The workspace must come from --data-dir or the test's own variable. */
  g_subprocess_launcher_unsetenv (launcher, "STEWARD_DATA_DIR");
  if (system_data_dirs != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_DIRS");
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  g_ptr_array_add (argv, (gpointer) cli);
  if (with_data_dir)
    {
      g_ptr_array_add (argv, (gpointer) "--data-dir");
      g_ptr_array_add (argv, f->data_dir);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static CliResult *
wait_cli (GSubprocess *process,
          const char  *input)
{
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  /* Output must be UTF-8: communicate_utf8() fails otherwise. */
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL,
                                 &result->out, &result->err, &error);
  g_assert_no_error (error);

  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);

  return result;
}

static CliResult *
run_cli_full (Fixture            *f,
              const char * const *env,
              gboolean            with_data_dir,
              const char         *input,
              const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (f, env, with_data_dir, args);

  return wait_cli (process, input);
}

#define run_cli(f, input, ...) \
  run_cli_full ((f), NULL, TRUE, (input), (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_failed (CliResult *result,
               int        status)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "steward-cli: "));
}

static void
assert_usage_error (CliResult *result)
{
  assert_failed (result, 2);
  g_assert_nonnull (strstr (result->err, "Usage:"));
}

/* JSON lines: every line one object, nothing else. */
static GPtrArray *
parse_json_lines (const char *text)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_auto(GStrv) lines = NULL;
  guint n;

  /* Output is empty, or ends with a newline. */
  if (*text == '\0')
    return g_steal_pointer (&objects);
  g_assert_true (g_str_has_suffix (text, "\n"));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      root = json_parser_get_root (parser);
      g_assert_nonnull (root);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (root)));
    }

  return g_steal_pointer (&objects);
}

static JsonObject *
find_by_remote_id (GPtrArray  *objects,
                   const char *remote_id)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "remote_id", NULL),
                     remote_id) == 0)
        {
          g_assert_null (found);
          found = object;
        }
    }

  return found;
}

/* RFC 4180: records of fields, quoted fields may hold commas, doubled
 * quotes and line breaks; records end in CRLF. */
static GPtrArray *
parse_csv (const char *text)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          g_assert_cmpuint (field->len, ==, 0);
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');   /* an unterminated quote */
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          /* After a closing quote comes a separator or the record's end. */
          g_assert_true (*p == ',' || *p == '\r');
        }
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
        }
      else if (*p == '\r')
        {
          g_assert_cmpint (p[1], ==, '\n');
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
          g_ptr_array_set_free_func (fields, g_free);
          p += 2;
        }
      else
        {
          /* Unquoted fields hold no quotes or line breaks. */
          g_assert_cmpint (*p, !=, '\n');
          g_string_append_c (field, *p);
          p++;
        }
    }

  /* Every record, the last one too, ends in CRLF. */
  g_assert_cmpuint (fields->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);

  return g_steal_pointer (&records);
}

static char *
add_account (Fixture *f)
{
  g_autoptr(CliResult) result = run_cli (f, TOKEN "\n", "account", "add", "mastodon",
                                         "--server", steward_mastodon_server_get_base_url (f->server),
                                         "--token-stdin", "--insecure-token-file");
  g_autofree char *id = NULL;
  gint64 value;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_str_has_suffix (result->out, "\n"));
  id = g_strndup (result->out, strlen (result->out) - 1);
  g_assert_true (g_ascii_string_to_signed (id, 10, 1, G_MAXINT64, &value, NULL));

  return g_steal_pointer (&id);
}

static GPtrArray *
list_json (Fixture    *f,
           const char *first_arg,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(CliResult) result = NULL;
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, NULL);

  result = run_cli_full (f, NULL, TRUE, NULL, (const char * const *) args->pdata);
  g_assert_cmpint (result->status, ==, 0);

  return parse_json_lines (result->out);
}

static void
sync_ok (Fixture *f)
{
  g_autoptr(CliResult) result = run_cli (f, NULL, "sync");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "");
  /* Progress and the per-account outcome go to standard error. */
  g_assert_nonnull (strstr (result->err, "synced"));
}

static char *
read_workspace_bytes (Fixture    *f,
                      const char *name,
                      gsize      *length)
{
  g_autofree char *path = g_build_filename (f->data_dir, name, NULL);
  char *contents = NULL;

  *length = 0;
  if (!g_file_get_contents (path, &contents, length, NULL))
    return NULL;

  return contents;
}

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* Tests */

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
    "inbox list [--status STATUS] [--json]", "search TEXT [--limit N] [--json]",
    "export inbox --format csv|json [--output FILE]", "--data-dir", "--version",
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

  /* The token is in neither the database nor its journal. */
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
  const char * const no_bus[] = { "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/steward-test-bus", NULL };
  const char * const add_args[] = { "account", "add", "mastodon", "--server", base_url, "--token-stdin", NULL };
  g_autoptr(CliResult) no_secrets = run_cli_full (f, no_bus, TRUE, TOKEN "\n", add_args);
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
assert_item (JsonObject *item,
             const char *account_id,
             const char *kind,
             const char *author,
             const char *author_name,
             const char *text,
             const char *created_at)
{
  for (guint i = 0; inbox_fields[i] != NULL; i++)
    g_assert_true (json_object_has_member (item, inbox_fields[i]));
  g_assert_cmpuint (json_object_get_size (item), ==, g_strv_length ((GStrv) inbox_fields));

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
  const char * const fields[] = { "id", "network", "remote_id", "url", "author", "text", "created_at" };
  JsonObject *post;

  sync_ok (f);

  firmware = list_json (f, "search", "firmware", NULL);
  g_assert_cmpuint (firmware->len, ==, 2);
  post = g_ptr_array_index (firmware, 0);
  g_assert_cmpuint (json_object_get_size (post), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (post, fields[i]));
  /* Newest first: carol's message, then alice's post. */
  g_assert_cmpstr (json_object_get_string_member (post, "remote_id"), ==, f->direct_id);
  g_assert_cmpstr (json_object_get_string_member (post, "author"), ==, "carol");
  g_assert_cmpstr (json_object_get_string_member (post, "network"), ==, "mastodon");
  g_assert_cmpstr (json_object_get_string_member (post, "created_at"), ==, "2026-11-23T08:15:00Z");
  g_assert_nonnull (find_by_remote_id (firmware, f->firmware_id));

  limited = list_json (f, "search", "firmware", "--limit", "1", NULL);
  g_assert_cmpuint (limited->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (limited, 0), "remote_id"), ==,
                   f->direct_id);

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
      for (guint i = 0; inbox_fields[i] != NULL; i++)
        {
          JsonNode *node = json_object_get_member (object, inbox_fields[i]);
          g_autofree char *expected = NULL;

          if (json_node_get_value_type (node) == G_TYPE_INT64)
            expected = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          else
            expected = g_strdup (json_node_get_string (node));
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
  /* Messages in the log, Chinese included, as they are. */
  setlocale (LC_ALL, "");
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/help", test_help);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/account/add-list", test_account_add_list);
  ADD ("/cli/account/add-errors", test_account_add_errors);
  ADD ("/cli/account/remove", test_account_remove);
  ADD ("/cli/sync/inbox", test_sync_inbox);
  ADD ("/cli/sync/unauthorized", test_sync_unauthorized);
  ADD ("/cli/sync/interrupt", test_sync_interrupt);
  ADD ("/cli/inbox/status", test_inbox_status);
  ADD ("/cli/search", test_search);
  ADD ("/cli/export/csv-json", test_export);
  ADD ("/cli/export/atomic", test_export_atomic);
  ADD ("/cli/workspace/newer-schema", test_newer_schema);
  ADD ("/cli/workspace/data-dir-env", test_data_dir_env);
  ADD ("/cli/demo/sync", test_demo_sync);

#undef ADD

  return g_test_run ();
}
