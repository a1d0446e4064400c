/* steward-cli-command.c — parsing, usage and errors shared by every command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <stdio.h>
#include <string.h>

#include "steward-demo.h"
#include "steward-sources.h"

#define PROGRAM_NAME "steward-cli"

/* GOptionContext writes g_get_prgname() into its "Usage:" line; while a
 * command parses, that is the whole command ("steward-cli account add"). */
static void
set_prgname_for (StewardCli *cli)
{
  g_autofree char *name = NULL;

  if (cli->command == NULL)
    {
      g_set_prgname (PROGRAM_NAME);
      return;
    }

  name = g_strdup_printf ("%s %s", PROGRAM_NAME, cli->command);
  g_set_prgname (name);
}

GOptionContext *
steward_cli_option_context_new (StewardCli         *cli,
                                const char         *parameter_string,
                                const char         *summary,
                                const GOptionEntry *entries)
{
  const GOptionEntry data_dir_entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &cli->option_data_dir,
      N_("Use the workspace in DIR (default: $STEWARD_DATA_DIR, else ~/.local/share/steward)"),
      N_("DIR") },
    { NULL }
  };
  GOptionContext *context;

  g_return_val_if_fail (cli != NULL, NULL);

  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, data_dir_entries, GETTEXT_PACKAGE);

  return context;
}

gboolean
steward_cli_parse_options (StewardCli       *cli,
                           GOptionContext   *context,
                           int              *argc,
                           char           ***argv)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (cli != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  set_prgname_for (cli);
  ok = g_option_context_parse (context, argc, argv, &error);
  g_set_prgname (PROGRAM_NAME);

  if (!ok)
    {
      steward_cli_usage_error (cli, context, "%s", error->message);
      return FALSE;
    }

  if (cli->option_data_dir != NULL)
    {
      g_free (cli->data_dir);
      cli->data_dir = g_steal_pointer (&cli->option_data_dir);
    }

  return TRUE;
}

char *
steward_cli_dup_usage (StewardCli     *cli,
                       GOptionContext *context)
{
  char *usage;

  g_return_val_if_fail (cli != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  set_prgname_for (cli);
  usage = g_option_context_get_help (context, TRUE, NULL);
  g_set_prgname (PROGRAM_NAME);

  return usage;
}

int
steward_cli_usage_error (StewardCli     *cli,
                         GOptionContext *context,
                         const char     *format,
                         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *usage = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  usage = steward_cli_dup_usage (cli, context);
  g_printerr ("%s: %s\n\n%s", PROGRAM_NAME, message, usage);

  return STEWARD_CLI_EXIT_USAGE;
}

int
steward_cli_fail (const GError *error)
{
  g_return_val_if_fail (error != NULL, STEWARD_CLI_EXIT_FAILURE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("%s: %s\n", PROGRAM_NAME, _("Interrupted"));
      return STEWARD_CLI_EXIT_INTERRUPTED;
    }

  g_printerr ("%s: %s\n", PROGRAM_NAME, error->message);
  return STEWARD_CLI_EXIT_FAILURE;
}

static char *
group_summary (const char              *summary,
               const StewardCliCommand *commands,
               guint                    n_commands)
{
  GString *text = g_string_new (_(summary));
  guint width = 0;

  for (guint i = 0; i < n_commands; i++)
    width = MAX (width, strlen (commands[i].name));

  g_string_append_printf (text, "\n\n%s", _("Commands:"));
  for (guint i = 0; i < n_commands; i++)
    g_string_append_printf (text, "\n  %-*s  %s",
                            (int) width, commands[i].name, _(commands[i].summary));

  return g_string_free (text, FALSE);
}

int
steward_cli_run_group (StewardCli              *cli,
                       const char              *summary,
                       const StewardCliCommand *commands,
                       guint                    n_commands,
                       int                      argc,
                       char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *text = NULL;
  g_autofree char *group = NULL;

  g_return_val_if_fail (cli != NULL, STEWARD_CLI_EXIT_FAILURE);
  g_return_val_if_fail (argc >= 1, STEWARD_CLI_EXIT_FAILURE);

  group = g_strdup (argv[0]);
  g_free (cli->command);
  cli->command = g_strdup (group);

  text = group_summary (summary, commands, n_commands);
  context = steward_cli_option_context_new (cli, N_("COMMAND [ARGUMENTS…]"), NULL, NULL);
  g_option_context_set_summary (context, text);
  /* Options up to the command word belong here; the rest to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;

  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No command given"));

  for (guint i = 0; i < n_commands; i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      g_free (cli->command);
      cli->command = g_strdup_printf ("%s %s", group, commands[i].name);
      return commands[i].func (cli, argc - 1, argv + 1);
    }

  return steward_cli_usage_error (cli, context, _("Unknown command “%s %s”"), group, argv[1]);
}

gboolean
steward_cli_parse_id (const char *str,
                      gint64     *id)
{
  g_return_val_if_fail (id != NULL, FALSE);

  return str != NULL && g_ascii_string_to_signed (str, 10, 1, G_MAXINT64, id, NULL);
}

StewardContext *
steward_cli_open_context (StewardCli  *cli,
                          GError     **error)
{
  g_autoptr(StewardContext) context = NULL;
  g_autofree char *data_dir = NULL;

  g_return_val_if_fail (cli != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data_dir = cli->data_dir != NULL ? g_strdup (cli->data_dir) : steward_context_default_data_dir ();
  context = steward_context_new (data_dir, error);
  if (context == NULL)
    return NULL;

  steward_sources_register_all (context);
  steward_demo_register (context);

  return g_steal_pointer (&context);
}

StewardAccount *
steward_cli_lookup_account (StewardContext  *context,
                            gint64           account_id,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  StewardAccount *account;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  account = steward_store_get_account (steward_context_get_store (context), account_id,
                                       &local_error);
  if (account != NULL)
    return account;

  if (local_error != NULL && !g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               /* Translators: %s is a number */
               _("No account with id %s (see “steward-cli account list”)"), id);
  return NULL;
}

/* TIME: RFC 3339 ("2026-11-20T09:00:00Z"), a UTC date ("2026-11-20"),
 * "now", or an amount of minutes, hours, days or weeks ("90m", "36h",
 * "7d", "12w") counted back from now, or forward with @future. */
GDateTime *
steward_cli_parse_time (const char *value,
                        gboolean    future)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *number = NULL;
  GDateTime *time;
  guint64 amount;
  gint64 minutes;
  gsize len;
  int year, month, day;
  char end;

  g_return_val_if_fail (value != NULL, NULL);

  if ((time = g_date_time_new_from_iso8601 (value, utc)) != NULL)
    return time;

  if (sscanf (value, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    return g_date_time_new (utc, year, month, day, 0, 0, 0);

  if (g_str_equal (value, "now"))
    return g_steal_pointer (&now);

  len = strlen (value);
  if (len < 2)
    return NULL;
  number = g_strndup (value, len - 1);
  /* A hundred years in minutes fits an int for g_date_time_add_minutes(). */
  if (!g_ascii_string_to_unsigned (number, 10, 0, 100 * 365 * 24 * 60, &amount, NULL))
    return NULL;

  switch (value[len - 1])
    {
    case 'm':
      minutes = amount;
      break;
    case 'h':
      minutes = amount * 60;
      break;
    case 'd':
      minutes = amount * 24 * 60;
      break;
    case 'w':
      minutes = amount * 7 * 24 * 60;
      break;
    default:
      return NULL;
    }
  if (minutes > 100 * 365 * 24 * 60)
    return NULL;

  return g_date_time_add_minutes (now, future ? (int) minutes : -(int) minutes);
}
