/* steward-cli-report.c — steward-cli report [--json|--csv] [--since TIME]
 *                         [--until TIME] [--output FILE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers that tell the truth about replies, from the core's report:
 * response rate, median first-response time and SLA breaches over the
 * items created in [since, until) (by default the last 12 weeks), in total
 * and per account; JSON and CSV also per account and week.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"
#include "steward-cli-table.h"

#define DEFAULT_WEEKS 12

static char *
format_duration (gint64 seconds)
{
  guint minutes;

  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 60)
    /* Translators: a time to respond shorter than a minute */
    return g_strdup (_("< 1 min"));

  minutes = (guint) MIN (seconds / 60, G_MAXUINT);
  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%u min"), minutes);
  if (minutes < 24 * 60)
    /* Translators: a duration in hours and minutes */
    return g_strdup_printf (_("%u h %u min"), minutes / 60, minutes % 60);
  /* Translators: a duration in days and hours */
  return g_strdup_printf (_("%u d %u h"), minutes / (24 * 60), (minutes / 60) % 24);
}

static char *
format_rate (double rate)
{
  if (rate < 0)
    return g_strdup ("—");
  return g_strdup_printf ("%.0f%%", rate * 100.0);
}

static void
add_row (StewardCliTable        *table,
         const char             *label,
         const StewardReportRow *row)
{
  g_autofree char *items = g_strdup_printf ("%u", row->n_items);
  g_autofree char *needed = g_strdup_printf ("%u", row->n_needed_reply);
  g_autofree char *replied = g_strdup_printf ("%u", row->n_replied);
  g_autofree char *rate = format_rate (steward_report_row_get_response_rate (row));
  g_autofree char *median = format_duration (row->median_first_response);
  g_autofree char *breaches = g_strdup_printf ("%u", row->n_breached);

  steward_cli_table_add_row (table, label, items, needed, replied, rate, median, breaches);
}

static void
print_text (StewardReport    *report,
            StewardCliOutput *output)
{
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (steward_report_get_since (report));
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (steward_report_get_until (report));
  g_autofree char *since_text = steward_cli_format_local_time (since);
  g_autofree char *until_text = steward_cli_format_local_time (until);
  g_autofree char *heading = NULL;
  GPtrArray *accounts = steward_report_get_accounts (report);

  /* Translators: the period of the report, two dates with times */
  heading = g_strdup_printf (_("Items created from %s to %s"), since_text, until_text);
  steward_cli_output_write (output, heading);
  steward_cli_output_write (output, "\n\n");

  table = steward_cli_table_new (_("ACCOUNT"), _("ITEMS"), _("NEEDED REPLY"), _("REPLIED"),
                                 _("RESPONSE RATE"), _("MEDIAN FIRST RESPONSE"), _("BREACHES"),
                                 NULL);
  for (guint i = 0; i < accounts->len; i++)
    {
      const StewardReportRow *row = g_ptr_array_index (accounts, i);

      add_row (table, row->account_label, row);
    }
  add_row (table, _("Total"), steward_report_get_total (report));
  steward_cli_table_print (table, output, steward_cli_terminal_width ());
}

int
steward_cli_report (StewardCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardReport) report = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(GDateTime) since_time = NULL;
  g_autoptr(GDateTime) until_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  gint64 now;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object: since, until, total, accounts, weekly"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Print CSV: one line per account and week, then per account, then the total"), NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Items created at or after TIME (default: 12 weeks ago): 2026-09-01T00:00:00Z, "
         "2026-09-01, 36h, 7d or 12w"), N_("TIME") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until,
      N_("Items created before TIME (default: now)"), N_("TIME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &path,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Reports how the inbox was answered: of the "
                                               "items created in the period, how many needed a "
                                               "reply and got one (the response rate), the "
                                               "median time to the first response, and SLA "
                                               "breaches, in total and per account (JSON and "
                                               "CSV also per week)."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);
  if (json && csv)
    return steward_cli_usage_error (cli, context, _("--json and --csv exclude each other"));
  if (path != NULL && *path == '\0')
    return steward_cli_usage_error (cli, context, _("--output needs a file name"));

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (until != NULL && (until_time = steward_cli_parse_time (until, FALSE)) == NULL)
    return steward_cli_usage_error (cli, context, _("Not a time: “%s”"), until);
  if (until_time == NULL)
    until_time = g_date_time_new_from_unix_utc (now);
  if (since != NULL && (since_time = steward_cli_parse_time (since, FALSE)) == NULL)
    return steward_cli_usage_error (cli, context, _("Not a time: “%s”"), since);
  if (since_time == NULL)
    since_time = g_date_time_add_weeks (until_time, -DEFAULT_WEEKS);
  if (g_date_time_compare (since_time, until_time) >= 0)
    return steward_cli_usage_error (cli, context, _("--since must be before --until"));

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  report = steward_store_build_report (steward_context_get_store (steward),
                                       g_date_time_to_unix (since_time),
                                       g_date_time_to_unix (until_time), now, &error);
  if (report == NULL)
    return steward_cli_fail (error);

  if (path != NULL)
    output = steward_cli_output_new_file (path, &error);
  else
    output = steward_cli_output_new_stdout ();
  if (output == NULL)
    return steward_cli_fail (error);

  if (json || csv)
    {
      text = json ? steward_report_to_json (report) : steward_report_to_csv (report);
      steward_cli_output_write (output, text);
      if (!g_str_has_suffix (text, "\n"))
        steward_cli_output_write (output, "\n");
    }
  else
    print_text (report, output);
  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}
