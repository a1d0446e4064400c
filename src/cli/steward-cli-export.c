/* steward-cli-export.c — steward-cli export inbox --format csv|json [--output FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV follows RFC 4180 (a header row, CRLF line ends, UTF-8); JSON is one
 * object per line, as `inbox list --json` prints. With --output the file
 * only appears, complete, once everything was written. Snoozed items,
 * which the inbox's lists leave out, come last.
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
  gint64            now;
  gint64            due_soon;
} ExportRun;

static void
export_item (gpointer data,
             gpointer user_data)
{
  ExportRun *run = user_data;
  g_autoptr(JsonObject) object = NULL;

  if (run->csv)
    {
      object = steward_cli_inbox_item_to_csv (data, run->now, run->due_soon);
      steward_cli_output_csv_record (run->output, steward_cli_inbox_fields, object);
    }
  else
    {
      object = steward_cli_inbox_item_to_json (data, run->now, run->due_soon);
      steward_cli_output_json_line (run->output, object);
    }
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
  StewardInboxFilter snoozed = STEWARD_INBOX_FILTER_INIT;
  StewardStore *store;
  ExportRun run = { NULL, };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("csv or json (one object per line); required"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Exports every inbox item, newest first "
                                               "(snoozed ones last), with the fields id, "
                                               "account, network, kind, remote_id, url, author, "
                                               "author_name, text, created_at, status, "
                                               "assignee, tags, sentiment (in CSV also "
                                               "sentiment_score), urgent, urgent_rules, "
                                               "sla_due_at, first_response_at and sla_state."),
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
  store = steward_context_get_store (steward);

  run.now = g_get_real_time () / G_USEC_PER_SEC;
  if (!steward_cli_load_due_soon (store, &run.due_soon, &error))
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
  filter.now = run.now;
  snoozed.now = run.now;
  snoozed.view = STEWARD_INBOX_VIEW_SNOOZED;
  if (!steward_cli_foreach_inbox_item (store, &filter, export_item, &run, &error) ||
      !steward_cli_foreach_inbox_item (store, &snoozed, export_item, &run, &error))
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
