/* steward-cli-export.c — steward-cli export inbox --format csv|json [--output FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV follows RFC 4180 (a header row, CRLF line ends, UTF-8); JSON is one
 * object per line, as `inbox list --json` prints. With --output the file
 * only appears, complete, once everything was written.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"

static int export_inbox (StewardCli *cli, int argc, char **argv);

static const StewardCliCommand export_commands[] = {
  { "inbox", export_inbox, N_("Export every inbox item as CSV or JSON lines") },
};

typedef struct
{
  StewardCliOutput *output;
  gboolean          csv;
} ExportRun;

static void
export_item (gpointer data,
             gpointer user_data)
{
  ExportRun *run = user_data;
  g_autoptr(JsonObject) object = steward_cli_inbox_item_to_json (data);

  if (run->csv)
    steward_cli_output_csv_record (run->output, steward_cli_inbox_fields, object);
  else
    steward_cli_output_json_line (run->output, object);
}

static int
export_inbox (StewardCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *path = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  ExportRun run = { NULL, };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("csv or json (one object per line); required"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Exports every inbox item, newest first, with "
                                               "the fields id, account, network, kind, "
                                               "remote_id, url, author, author_name, text, "
                                               "created_at and status."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);
  if (format == NULL)
    return steward_cli_usage_error (cli, context, _("--format is required"));
  if (g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0)
    return steward_cli_usage_error (cli, context, _("Unknown format “%s”: use csv or json"),
                                    format);
  if (path != NULL && *path == '\0')
    return steward_cli_usage_error (cli, context, _("--output needs a file name"));

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (path != NULL)
    output = steward_cli_output_new_file (path, &error);
  else
    output = steward_cli_output_new_stdout ();
  if (output == NULL)
    return steward_cli_fail (error);

  run.output = output;
  run.csv = g_str_equal (format, "csv");
  if (run.csv)
    steward_cli_output_csv_header (output, steward_cli_inbox_fields);

  /* On failure the output is freed unclosed, which removes the partial file. */
  if (!steward_cli_foreach_inbox_item (steward_context_get_store (steward), &filter,
                                       export_item, &run, &error))
    return steward_cli_fail (error);

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}

int
steward_cli_export (StewardCli  *cli,
                    int          argc,
                    char       **argv)
{
  return steward_cli_run_group (cli, N_("Exports workspace data."),
                                export_commands, G_N_ELEMENTS (export_commands), argc, argv);
}
