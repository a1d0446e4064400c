/* steward-cli-account.c — steward-cli account add|list|remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "steward-cli-output.h"
#include "steward-cli-table.h"

/* Longer than any real token; stops a mistaken pipe from filling memory. */
#define MAX_TOKEN_LENGTH 4096

static int account_add    (StewardCli *cli, int argc, char **argv);
static int account_list   (StewardCli *cli, int argc, char **argv);
static int account_remove (StewardCli *cli, int argc, char **argv);

static const StewardCliCommand account_commands[] = {
  { "add",    account_add,    N_("Add an account; its access token is read from standard input") },
  { "list",   account_list,   N_("List the accounts") },
  { "remove", account_remove, N_("Remove an account with its cached data and token") },
};

/* The first line of standard input, trimmed. On a terminal, asks for it
 * and does not echo it. */
static char *
read_token (GError **error)
{
  g_autoptr(GString) token = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean restore = FALSE;
  gboolean too_long = FALSE;
  int c;

  if (isatty (STDIN_FILENO))
    {
      g_printerr ("%s", _("Access token: "));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~ECHO;
          restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (token->len >= MAX_TOKEN_LENGTH)
        {
          too_long = TRUE;
          break;
        }
      g_string_append_c (token, (char) c);
    }

  if (restore)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  if (too_long)
    {
      memset (token->str, 0, token->len);
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("The access token on standard input is too long"));
      return NULL;
    }

  g_strstrip (token->str);
  if (*token->str == '\0' || !g_utf8_validate (token->str, -1, NULL))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("No access token on standard input"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&token), FALSE);
}

static void
wipe_token (char *token)
{
  if (token != NULL)
    memset (token, 0, strlen (token));
  g_free (token);
}

static gboolean
is_server_url (const char *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static int
account_add (StewardCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  char *token;
  gboolean token_stdin = FALSE;
  gboolean insecure_token_file = FALSE;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("The server’s address, e.g. https://mastodon.social"), N_("URL") },
    { "token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin,
      N_("Read the access token from standard input (required)"), NULL },
    { "insecure-token-file", 0, 0, G_OPTION_ARG_NONE, &insecure_token_file,
      N_("Where no Secret Service answers, keep the token in a file only you can read"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("NETWORK"),
                                            N_("Adds an account on NETWORK (only “mastodon” for "
                                               "now) after checking its access token with the "
                                               "server, and prints the new account’s id."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;

  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No network given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);
  if (g_strcmp0 (argv[1], "mastodon") != 0)
    return steward_cli_usage_error (cli, context, _("Unknown network “%s”"), argv[1]);
  if (server == NULL)
    return steward_cli_usage_error (cli, context, _("--server is required"));
  if (!is_server_url (server))
    return steward_cli_usage_error (cli, context,
                                    _("“%s” is not a server address such as "
                                      "https://mastodon.social"),
                                    server);
  /* A token given as an argument would show in `ps` and shell history. */
  if (!token_stdin)
    return steward_cli_usage_error (cli, context,
                                    _("--token-stdin is required: the access token is read "
                                      "from standard input"));

  token = read_token (&error);
  if (token == NULL)
    return steward_cli_fail (error);

  steward = steward_cli_open_context (cli, &error);
  if (steward != NULL)
    account = steward_context_add_account (steward, argv[1], server, token,
                                           insecure_token_file, NULL, &error);
  wipe_token (token);

  if (account == NULL)
    {
      int status = steward_cli_fail (error);

      if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE))
        g_printerr ("steward-cli: %s\n",
                    _("Or, to keep the token in a file only you can read, "
                      "add --insecure-token-file"));
      return status;
    }

  g_print ("%" G_GINT64_FORMAT "\n", steward_account_get_id (account));
  return STEWARD_CLI_EXIT_OK;
}

static const char *
account_state_nick (StewardAccountState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (STEWARD_TYPE_ACCOUNT_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  /* Enum classes are never finalised, so the nick outlives the ref. */
  return value != NULL ? value->value_nick : NULL;
}

static const char *
account_state_label (StewardAccountState state)
{
  switch (state)
    {
    case STEWARD_ACCOUNT_STATE_OK:
      return _("signed in");
    case STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN:
      return _("needs sign-in again");
    default:
      return account_state_nick (state);
    }
}

static JsonObject *
account_to_json (StewardAccount *account)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *label = steward_account_dup_label (account);
  g_autofree char *last_sync = steward_cli_format_time (steward_account_get_last_sync (account));

  json_object_set_int_member (object, "id", steward_account_get_id (account));
  json_object_set_string_member (object, "network", steward_account_get_network (account));
  json_object_set_string_member (object, "server", steward_account_get_server (account));
  json_object_set_string_member (object, "remote_id", steward_account_get_remote_id (account));
  json_object_set_string_member (object, "username", steward_account_get_username (account));
  json_object_set_string_member (object, "display_name",
                                 steward_account_get_display_name (account));
  json_object_set_string_member (object, "label", label);
  json_object_set_boolean_member (object, "demo", steward_account_get_is_demo (account));
  json_object_set_string_member (object, "state",
                                 account_state_nick (steward_account_get_state (account)));
  json_object_set_string_member (object, "last_sync", last_sync);

  return g_steal_pointer (&object);
}

static int
account_list (StewardCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL, N_("Lists the accounts of the workspace."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  accounts = steward_store_list_accounts (steward_context_get_store (steward), &error);
  if (accounts == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("NETWORK"), _("ACCOUNT"), _("STATE"),
                                   _("LAST SYNC"), NULL);

  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      g_autofree char *last_sync = NULL;

      if (json)
        {
          g_autoptr(JsonObject) object = account_to_json (account);

          steward_cli_output_json_line (output, object);
          continue;
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, steward_account_get_id (account));
      label = steward_account_dup_label (account);
      last_sync = steward_cli_format_local_time (steward_account_get_last_sync (account));
      steward_cli_table_add_row (table, id, steward_account_get_network (account), label,
                                 account_state_label (steward_account_get_state (account)),
                                 last_sync != NULL ? last_sync : _("never"));
    }

  if (table != NULL)
    {
      if (accounts->len > 0)
        steward_cli_table_print (table, output, steward_cli_terminal_width ());
      else
        g_printerr ("%s\n", _("No accounts. Add one with “steward-cli account add”."));
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}

static int
account_remove (StewardCli  *cli,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 account_id;

  context = steward_cli_option_context_new (cli, N_("ID"),
                                            N_("Removes the account with this id (see "
                                               "“account list”), its cached data and its token."),
                                            NULL);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;

  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No account id given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);
  if (!steward_cli_parse_id (argv[1], &account_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an account id"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  account = steward_cli_lookup_account (steward, account_id, &error);
  if (account == NULL)
    return steward_cli_fail (error);

  label = steward_account_dup_label (account);
  if (!steward_context_remove_account (steward, account_id, &error))
    return steward_cli_fail (error);

  /* Translators: %s is an account, e.g. @brand@mastodon.social */
  g_printerr (_("Removed %s\n"), label);
  return STEWARD_CLI_EXIT_OK;
}

int
steward_cli_account (StewardCli  *cli,
                     int          argc,
                     char       **argv)
{
  return steward_cli_run_group (cli, N_("Adds, lists and removes accounts."),
                                account_commands, G_N_ELEMENTS (account_commands), argc, argv);
}
