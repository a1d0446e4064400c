/* test-secrets.c — tokens in the Secret Service, or in a 0600 file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDBus and libsecret keep one session bus and one Secret Service per
 * process, so each test runs in a subprocess with a bus of its own: a
 * nonexistent one, a private dbus-daemon that can activate nothing, or
 * such a bus with gnome-keyring-daemon started and unlocked by the test.
 * The user's own keyring is never touched, and every daemon is stopped
 * (or dies with the test, should it crash).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include <steward/steward.h>

#define TOKEN_A "tok-A-5f3c9a1e0b7d"
#define TOKEN_B "tok-B-88e1d0c4aa21"
#define TOKEN_A2 "tok-A2-c0ffee123456"

/* The schema as another program (seahorse, secret-tool) would see it. */
static const SecretSchema expected_schema = {
  "io.github.steward.Steward.Token", SECRET_SCHEMA_NONE,
  {
    { "network", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

static GLogWriterOutput
no_token_log_writer (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].length < 0)
        value = g_strdup (fields[i].value);
      else
        value = g_strndup (fields[i].value, fields[i].length);

      if (strstr (value, "tok-") != NULL)
        {
          g_printerr ("a token was logged: %s\n", value);
          abort ();
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* Runs in each subprocess: debug messages on, and none may hold a token. */
static void
setup_subprocess (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (no_token_log_writer, NULL, NULL);
}

static StewardAccount *
make_account (const char *remote_id,
              const char *server)
{
  return steward_account_new (1, "mastodon", server, remote_id, "brand", "Brand", FALSE);
}

static char *
dup_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "steward", NULL);
}

static char *
dup_expected_token_path (const char *server,
                         const char *remote_id)
{
  g_autofree char *data_dir = dup_data_dir ();
  g_autofree char *input = g_strconcat (server, "\n", remote_id, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);
  g_autofree char *basename = g_strconcat ("mastodon-", hash, NULL);

  return g_build_filename (data_dir, "tokens", basename, NULL);
}

static void
use_nonexistent_bus (void)
{
  g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "no-such-bus", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", socket, NULL);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
}

static void
assert_no_secret_service (GError *error)
{
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE);
  g_assert_nonnull (strstr (error->message, "Secret Service"));
  g_assert_null (strstr (error->message, "tok-"));
}

#ifdef __linux__
static void
die_with_parent (gpointer user_data)
{
  /* If the test crashes, its daemons must not outlive it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}
#define CHILD_SETUP die_with_parent
#else
#define CHILD_SETUP NULL
#endif

static void
stop_daemon (GPid *pid)
{
  int status = 0;

  if (*pid == 0)
    return;

  g_assert_cmpint (kill (*pid, SIGTERM), ==, 0);
  g_assert_cmpint (waitpid (*pid, &status, 0), ==, *pid);
  g_spawn_close_pid (*pid);

  /* gone, not even a zombie */
  g_assert_cmpint (kill (*pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);
  *pid = 0;
}

typedef struct
{
  GPid             pid;
  GDBusConnection *connection;
} PrivateBus;

/* A dbus-daemon of the test's own, with no service it could activate
 * (GTestDBus would wait in vain for libsecret to drop the connection). */
static void
private_bus_start (PrivateBus *bus)
{
  g_autofree char *config_path = g_build_filename (g_get_user_runtime_dir (), "bus.conf", NULL);
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) address = g_string_new (NULL);
  int stdout_fd = -1;
  char c;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_runtime_dir (), 0700), ==, 0);
  config = g_strdup_printf ("<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:tmpdir=%s</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n",
                            g_get_tmp_dir ());
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  config_arg = g_strconcat ("--config-file=", config_path, NULL);

  {
    const char *argv[] = { "dbus-daemon", config_arg, "--nofork", "--print-address=1", NULL };

    g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                              G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                              | G_SPAWN_STDERR_TO_DEV_NULL,
                              CHILD_SETUP, NULL, &bus->pid, NULL, &stdout_fd, NULL, &error);
    g_assert_no_error (error);
  }

  while (read (stdout_fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (address, c);
  close (stdout_fd);
  g_assert_true (g_str_has_prefix (address->str, "unix:"));

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address->str, TRUE);
  bus->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* the bus goes away before the process */
  g_dbus_connection_set_exit_on_close (bus->connection, FALSE);
}

static void
private_bus_stop (PrivateBus *bus)
{
  secret_service_disconnect ();
  g_clear_object (&bus->connection);
  stop_daemon (&bus->pid);
}

/* Storing needs a Secret Service unless a file is allowed; lookup and
 * clear then work through the file alone. */
static void
check_insecure_file (void)
{
  g_autofree char *data_dir = dup_data_dir ();
  g_autofree char *tokens_dir = g_build_filename (data_dir, "tokens", NULL);
  g_autofree char *path_a = dup_expected_token_path ("https://m.example", "42");
  g_autofree char *path_b = dup_expected_token_path ("https://other.example", "42");
  g_autoptr(StewardSecrets) secrets = steward_secrets_new (data_dir);
  g_autoptr(StewardAccount) account_a = make_account ("42", "https://m.example");
  g_autoptr(StewardAccount) account_b = make_account ("42", "https://other.example");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  struct stat st;

  /* refused without permission, and nothing written */
  g_assert_false (steward_secrets_store_token (secrets, account_a, TOKEN_A, FALSE, NULL, &error));
  assert_no_secret_service (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));

  /* a folder that already exists, too open, is tightened */
  g_assert_cmpint (g_mkdir_with_parents (tokens_dir, 0755), ==, 0);

  g_assert_true (steward_secrets_store_token (secrets, account_a, TOKEN_A, TRUE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path_a, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (tokens_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_true (g_file_get_contents (path_a, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, TOKEN_A);

  /* the same remote id on another server is another account */
  g_assert_false (g_file_test (path_b, G_FILE_TEST_EXISTS));
  token = steward_secrets_lookup_token (secrets, account_b, NULL, &error);
  assert_no_secret_service (error);
  g_assert_null (token);
  g_clear_error (&error);

  g_assert_true (steward_secrets_store_token (secrets, account_b, TOKEN_B, TRUE, NULL, &error));
  g_assert_no_error (error);

  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_A);
  g_clear_pointer (&token, g_free);

  /* replaced atomically, still 0600, and no temporary file left over */
  g_assert_true (steward_secrets_store_token (secrets, account_a, TOKEN_A2, TRUE, NULL, &error));
  g_assert_no_error (error);
  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_A2);
  g_clear_pointer (&token, g_free);
  g_assert_cmpint (g_stat (path_a, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  {
    g_autoptr(GDir) dir = g_dir_open (tokens_dir, 0, NULL);
    guint n_files = 0;

    while (g_dir_read_name (dir) != NULL)
      n_files++;
    g_assert_cmpuint (n_files, ==, 2);
  }

  /* cleared: the file goes, the other account's stays */
  g_assert_true (steward_secrets_clear_token (secrets, account_a, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path_b, G_FILE_TEST_EXISTS));
  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  assert_no_secret_service (error);
  g_assert_null (token);
  g_clear_error (&error);

  token = steward_secrets_lookup_token (secrets, account_b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_B);

  /* clearing twice is fine */
  g_assert_true (steward_secrets_clear_token (secrets, account_a, NULL, &error));
  g_assert_no_error (error);
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      setup_subprocess ();
      use_nonexistent_bus ();
      check_insecure_file ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_empty_bus (void)
{
  if (g_test_subprocess ())
    {
      PrivateBus bus = { 0 };

      setup_subprocess ();
      private_bus_start (&bus);
      check_insecure_file ();
      private_bus_stop (&bus);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_cancelled (void)
{
  if (g_test_subprocess ())
    {
      PrivateBus bus = { 0 };
      g_autofree char *data_dir = dup_data_dir ();
      g_autoptr(StewardSecrets) secrets = steward_secrets_new (data_dir);
      g_autoptr(StewardAccount) account = make_account ("42", "https://m.example");
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;

      setup_subprocess ();
      private_bus_start (&bus);

      /* Cancellation is told apart from a missing Secret Service, so
       * that the caller can keep it silent, and allows no file. */
      g_cancellable_cancel (cancellable);
      g_assert_false (steward_secrets_store_token (secrets, account, TOKEN_A, TRUE,
                                                   cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));

      private_bus_stop (&bus);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Waits until the keyring owns its name and has an unlocked default
 * collection, which it creates from the password after taking the name. */
static gboolean
wait_for_keyring (GDBusConnection *connection)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      const char *path = "/";

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets",
                                           "/org/freedesktop/secrets",
                                           "org.freedesktop.Secret.Service", "ReadAlias",
                                           g_variant_new ("(s)", "default"),
                                           G_VARIANT_TYPE ("(o)"),
                                           G_DBUS_CALL_FLAGS_NO_AUTO_START,
                                           1000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(&o)", &path);
      if (g_strcmp0 (path, "/") != 0)
        return TRUE;

      g_usleep (G_USEC_PER_SEC / 20);
    }

  return FALSE;
}

static gboolean
start_keyring (PrivateBus  *bus,
               GPid        *pid,
               char       **skip_reason)
{
  const char *argv[] = {
    "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets", NULL
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int stdin_fd = -1;
  const char *password = "steward-test";

  /* Its control socket goes to XDG_RUNTIME_DIR, its keyrings to
   * XDG_DATA_HOME: both are the test's own. GTest's isolation sets the
   * variables themselves to /dev/null, so they are spelled out here. */
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                                 | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 CHILD_SETUP, NULL, pid, &stdin_fd, NULL, NULL, &error))
    {
      *skip_reason = g_strdup_printf ("cannot start gnome-keyring-daemon: %s", error->message);
      return FALSE;
    }

  /* --unlock reads the password of the login keyring, which it creates,
   * from stdin; an empty password creates nothing. */
  g_assert_cmpint (write (stdin_fd, password, strlen (password)), ==, (gssize) strlen (password));
  close (stdin_fd);

  if (!wait_for_keyring (bus->connection))
    {
      *skip_reason = g_strdup ("gnome-keyring-daemon did not offer an unlocked keyring");
      return FALSE;
    }

  return TRUE;
}

static void
check_keyring_round_trip (void)
{
  g_autofree char *data_dir = dup_data_dir ();
  g_autofree char *tokens_dir = g_build_filename (data_dir, "tokens", NULL);
  g_autofree char *path_a = dup_expected_token_path ("https://m.example", "42");
  g_autoptr(StewardSecrets) secrets = steward_secrets_new (data_dir);
  g_autoptr(StewardAccount) account_a = make_account ("42", "https://m.example");
  g_autoptr(StewardAccount) account_b = make_account ("43", "https://m.example");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  char *raw;

  /* nothing stored yet: NULL without an error */
  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* a stale insecure file goes once the keyring holds the token */
  g_assert_cmpint (g_mkdir_with_parents (tokens_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path_a, "tok-stale", -1, NULL));

  g_assert_true (steward_secrets_store_token (secrets, account_a, TOKEN_A, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));

  g_assert_true (steward_secrets_store_token (secrets, account_b, TOKEN_B, FALSE, NULL, &error));
  g_assert_no_error (error);

  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_A);
  g_clear_pointer (&token, g_free);

  token = steward_secrets_lookup_token (secrets, account_b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_B);
  g_clear_pointer (&token, g_free);

  /* the item carries the documented schema and attributes */
  raw = secret_password_lookup_sync (&expected_schema, NULL, &error,
                                     "network", "mastodon",
                                     "server", "https://m.example",
                                     "account", "42",
                                     NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (raw, ==, TOKEN_A);
  secret_password_free (raw);

  /* storing again replaces */
  g_assert_true (steward_secrets_store_token (secrets, account_a, TOKEN_A2, FALSE, NULL, &error));
  g_assert_no_error (error);
  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_A2);
  g_clear_pointer (&token, g_free);

  /* no file was written while the keyring answered */
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));

  g_assert_true (steward_secrets_clear_token (secrets, account_a, NULL, &error));
  g_assert_no_error (error);
  token = steward_secrets_lookup_token (secrets, account_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  token = steward_secrets_lookup_token (secrets, account_b, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN_B);
}

static void
test_keyring (void)
{
  g_autofree char *skip_file = NULL;
  g_autofree char *skip_reason = NULL;
  g_autofree char *program = NULL;

  if (g_test_subprocess ())
    {
      PrivateBus bus = { 0 };
      GPid keyring = 0;
      g_autofree char *reason = NULL;

      setup_subprocess ();
      private_bus_start (&bus);

      if (start_keyring (&bus, &keyring, &reason))
        check_keyring_round_trip ();
      else
        g_assert_true (g_file_set_contents (g_getenv ("STEWARD_TEST_SKIP_FILE"), reason, -1, NULL));

      secret_service_disconnect ();
      stop_daemon (&keyring);
      private_bus_stop (&bus);
      return;
    }

  program = g_find_program_in_path ("gnome-keyring-daemon");
  if (program == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  /* The subprocess tells why it had to skip through this file. */
  skip_file = g_build_filename (g_get_user_cache_dir (), "keyring-skip", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_setenv ("STEWARD_TEST_SKIP_FILE", skip_file, TRUE);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  if (g_file_get_contents (skip_file, &skip_reason, NULL, NULL))
    g_test_skip (skip_reason);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/secrets/no-bus", test_no_bus);
  g_test_add_func ("/core/secrets/empty-bus", test_empty_bus);
  g_test_add_func ("/core/secrets/cancelled", test_cancelled);
  g_test_add_func ("/core/secrets/keyring", test_keyring);

  return g_test_run ();
}
