/* cli-test.c — running steward-cli against the test Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "cli-test.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#define NO_BUS "unix:path=/nonexistent/steward-test-bus"

const char * const inbox_fields[] = {
  "id", "account", "network", "kind", "remote_id", "url", "author", "author_name",
  "text", "created_at", "status", "assignee", "tags", "sentiment", "sentiment_score",
  "urgent", "urgent_rules", "sla_due_at", "first_response_at", "sla_state", NULL
};

/* The system's data folders, from before G_TEST_OPTION_ISOLATE_DIRS: the
 * command needs GSettings schemas (GIO's proxy settings) as installed. */
static char *system_data_dirs;

void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

void
cli_test_init (int    *argc,
               char ***argv)
{
  /* Messages in the log, Chinese included, as they are. */
  setlocale (LC_ALL, "");
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}


char *
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

void
add_mention (Fixture    *f,
             const char *status_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = steward_mastodon_server_add_mention (f->server, status_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

void
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

void
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

GSubprocess *
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
  /* No Secret Service: tokens go to the --insecure-token-file file, and
   * a developer's own keyring is never touched (or made to prompt). */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", NO_BUS, TRUE);
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

CliResult *
wait_cli (GSubprocess *process,
          const char  *input)
{
  g_autoptr(GError) error = NULL;
  CliResult *result = g_new0 (CliResult, 1);

  /* A command that fails on its arguments exits without reading its input:
   * writing it then ends in EPIPE, which is not the test's concern. The
   * inputs are small, so writing them before reading cannot deadlock. */
  if (input != NULL && *input != '\0')
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (process);
      g_autoptr(GError) write_error = NULL;

      if (!g_output_stream_write_all (in, input, strlen (input), NULL, NULL, &write_error) &&
          !g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
        g_assert_no_error (write_error);
    }

  /* communicate_utf8() closes standard input; output must be UTF-8. */
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", result->status, result->out, result->err);

  return result;
}

CliResult *
run_cli_full (Fixture            *f,
              const char * const *env,
              gboolean            with_data_dir,
              const char         *input,
              const char * const *args)
{
  g_autoptr(GSubprocess) process = spawn_cli (f, env, with_data_dir, args);

  return wait_cli (process, input);
}

void
assert_failed (CliResult *result,
               int        status)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_str_has_prefix (result->err, "steward-cli: "));
}

void
assert_usage_error (CliResult *result)
{
  assert_failed (result, 2);
  g_assert_nonnull (strstr (result->err, "Usage:"));
}

/* JSON lines: every line one object, nothing else. */
GPtrArray *
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

/* The one object whose string @member is @value, or NULL. */
static JsonObject *
find_by_member (GPtrArray  *objects,
                const char *member,
                const char *value)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        {
          g_assert_null (found);
          found = object;
        }
    }

  return found;
}

JsonObject *
find_by_remote_id (GPtrArray  *objects,
                   const char *remote_id)
{
  return find_by_member (objects, "remote_id", remote_id);
}

JsonObject *
find_by_author (GPtrArray  *objects,
                const char *author)
{
  return find_by_member (objects, "author", author);
}

char *
item_id_in (GPtrArray  *items,
            const char *author)
{
  JsonObject *item = find_by_author (items, author);

  g_assert_nonnull (item);
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (item, "id"));
}

char *
item_id_of (Fixture    *f,
            const char *author)
{
  g_autoptr(GPtrArray) items = list_json (f, "inbox", "list", NULL);

  return item_id_in (items, author);
}

/* RFC 4180: records of fields, quoted fields may hold commas, doubled
 * quotes and line breaks; records end in CRLF. */
GPtrArray *
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

char *
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

GPtrArray *
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

void
sync_ok (Fixture *f)
{
  g_autoptr(CliResult) result = run_cli (f, NULL, "sync");

  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "");
  /* Progress and the per-account outcome go to standard error. */
  g_assert_nonnull (strstr (result->err, "synced"));
}

char *
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

gboolean
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

