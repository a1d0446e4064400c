/* steward-cli.c — the steward-cli program: global options and dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <locale.h>

/* The help lists the synopses below rather than these. */
static const StewardCliCommand commands[] = {
  { "account", steward_cli_account, NULL },
  { "sync",    steward_cli_sync,    NULL },
  { "inbox",   steward_cli_inbox,   NULL },
  { "search",  steward_cli_search,  NULL },
  { "export",  steward_cli_export,  NULL },
  { "listen",  steward_cli_listen,  NULL },
  { "reply",   steward_cli_reply,   NULL },
  { "outbox",  steward_cli_outbox,  NULL },
  { "analyze", steward_cli_analyze, NULL },
  { "report",  steward_cli_report,  NULL },
  { "team",    steward_cli_team,    NULL },
  { "me",      steward_cli_me,      NULL },
};

/* Each command's synopsis, as in README. */
static const struct {
  const char *synopsis;
  const char *summary;
} synopses[] = {
  { "account add mastodon --server URL --token-stdin [--insecure-token-file]",
    N_("Add an account, reading its access token from standard input; prints its id") },
  { "account list [--json]", N_("List the accounts") },
  { "account remove ID", N_("Remove an account and its cached data") },
  { "sync [--account ID]", N_("Sync every account (or one) until caught up") },
  { "inbox list [--status STATUS] [--json]", N_("List inbox items, newest first") },
  { "inbox list [--view VIEW] [--tag TAG] [--assignee NAME] [--sort ORDER] [--account ID]",
    N_("Views: all, new, mine, unassigned, pending, urgent, due-soon, closed, snoozed; "
       "orders: newest, oldest, urgency, sla-due") },
  { "inbox show ID [--fetch] [--json]",
    N_("Show an item with its thread, notes, history, SLA clock and replies") },
  { "inbox set ID… [--status S] [--assign NAME|--unassign] [--tag T]… [--untag T]… "
    "[--note TEXT] [--snooze-until TIME|--wake] [--no-reply-needed|--needs-reply]",
    N_("Change items: status, assignee, tags, an internal note, snooze, whether a reply "
       "is needed") },
  { "reply ID --text TEXT [--visibility V] [--spoiler TEXT] [--language L]",
    N_("Queue a reply in the item’s thread (the next sync sends it); prints its outbox id") },
  { "outbox list [--state STATE] [--json]",
    N_("List the replies in the outbox: item, state, attempts, error, remote id") },
  { "outbox retry ID | outbox discard ID",
    N_("Send a failed or held reply again, or delete one that was not sent") },
  { "analyze [--json]",
    N_("For each line of standard input: sentiment label and score, and whether it is "
       "urgent, with the rules that fired") },
  { "report [--json|--csv] [--since TIME] [--until TIME] [--output FILE]",
    N_("Response rate, median first response and SLA breaches (default: the last 12 weeks)") },
  { "team list [--json] | team add NAME | team remove NAME",
    N_("The team items are assigned to") },
  { "me [NAME]", N_("Print or set who you are (the Mine view, signed notes)") },
  { "search QUERY [--limit N] [--json]", N_("Search the cached posts with the query language") },
  { "export inbox --format csv|json [--output FILE]", N_("Export the whole inbox") },
  { "listen add NAME QUERY [--colour COLOUR]", N_("Save a listening query") },
  { "listen list [--json]", N_("List the listening queries with their counts of new posts") },
  { "listen remove NAME", N_("Remove a listening query") },
  { "listen results NAME [--since TIME] [--limit N] [--json]",
    N_("Print a listening query’s posts from the whole cache, newest first, with sentiment") },
};

static char *
global_summary (void)
{
  GString *text = NULL;

  text = g_string_new (_("Steward’s command line: accounts, sync, inbox, replies, search, "
                         "export, listening, sentiment and reports."));

  g_string_append_printf (text, "\n\n%s", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (synopses); i++)
    g_string_append_printf (text, "\n  %s\n      %s", synopses[i].synopsis, _(synopses[i].summary));

  return g_string_free (text, FALSE);
}

static void
setup_i18n (void)
{
  const char *localedir = g_getenv ("STEWARD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static int
run (StewardCli  *cli,
     int          argc,
     char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  summary = global_summary ();
  context = steward_cli_option_context_new (cli, N_("COMMAND [ARGUMENTS…]"), NULL, entries);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, _("Run “steward-cli COMMAND --help” for the "
                                                "options of a command."));
  /* Options up to the command word are global; the rest is the command's. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;

  if (version)
    {
      g_print ("steward-cli %s\n", PACKAGE_VERSION);
      return STEWARD_CLI_EXIT_OK;
    }

  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No command given"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      cli->command = g_strdup (commands[i].name);
      return commands[i].func (cli, argc - 1, argv + 1);
    }

  return steward_cli_usage_error (cli, context, _("Unknown command “%s”"), argv[1]);
}

int
main (int    argc,
      char **argv)
{
  StewardCli cli = { NULL, };
  int status;

  setup_i18n ();
  g_set_prgname ("steward-cli");

  status = run (&cli, argc, argv);

  g_free (cli.data_dir);
  g_free (cli.command);
  g_free (cli.option_data_dir);

  return status;
}
