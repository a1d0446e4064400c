/* steward-cli-team.c — steward-cli team list|add|remove, steward-cli me [NAME]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The team items are assigned to, and who "me" is: the name the Mine view
 * means and notes and history are signed with, shared with the app.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"

static int
print_lines (const char * const *lines,
             gboolean            json)
{
  g_autoptr(StewardCliOutput) output = steward_cli_output_new_stdout ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (json)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "name", lines[i]);
          steward_cli_output_json_line (output, object);
          continue;
        }
      steward_cli_output_write (output, lines[i]);
      steward_cli_output_write (output, "\n");
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}

static int
team_list (StewardCli  *cli,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) team = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Lists the team members items can be assigned "
                                               "to, one per line."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  team = steward_store_list_team (steward_context_get_store (steward), &error);
  if (team == NULL)
    return steward_cli_fail (error);

  if (team[0] == NULL && !json)
    g_printerr ("%s\n", _("No team members (add one with “steward-cli team add”)."));

  return print_lines ((const char * const *) team, json);
}

typedef gboolean (*NameAction) (StewardStore  *store,
                                const char    *name,
                                GError       **error);

static int
team_change (StewardCli  *cli,
             int          argc,
             char       **argv,
             const char  *summary,
             NameAction   action)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GError) error = NULL;

  context = steward_cli_option_context_new (cli, N_("NAME"), summary, NULL);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2 || *g_strstrip (argv[1]) == '\0')
    return steward_cli_usage_error (cli, context, _("No name given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (quote names with spaces)"),
                                    argv[2]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (!action (steward_context_get_store (steward), argv[1], &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}

static int
team_add (StewardCli  *cli,
          int          argc,
          char       **argv)
{
  return team_change (cli, argc, argv, N_("Adds a team member."),
                      steward_store_add_team_member);
}

static int
team_remove (StewardCli  *cli,
             int          argc,
             char       **argv)
{
  return team_change (cli, argc, argv,
                      N_("Removes a team member; their items become unassigned."),
                      steward_store_remove_team_member);
}

int
steward_cli_team (StewardCli  *cli,
                  int          argc,
                  char       **argv)
{
  static const StewardCliCommand commands[] = {
    { "list",   team_list,   N_("List the team members") },
    { "add",    team_add,    N_("Add a team member") },
    { "remove", team_remove, N_("Remove a team member") },
  };

  return steward_cli_run_group (cli, N_("The team inbox items are assigned to."),
                                commands, G_N_ELEMENTS (commands), argc, argv);
}

int
steward_cli_me (StewardCli  *cli,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  StewardStore *store;

  context = steward_cli_option_context_new (cli, N_("[NAME]"),
                                            N_("Prints who you are in this workspace (the name "
                                               "the Mine view means and notes are signed with), "
                                               "or sets it to NAME, which joins the team."),
                                            NULL);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 2)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (quote names with spaces)"),
                                    argv[2]);
  if (argc == 2 && *g_strstrip (argv[1]) == '\0')
    return steward_cli_usage_error (cli, context, _("No name given"));

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);
  store = steward_context_get_store (steward);

  if (argc == 2)
    {
      if (!steward_store_set_me (store, argv[1], &error))
        return steward_cli_fail (error);
      return STEWARD_CLI_EXIT_OK;
    }

  me = steward_store_dup_me (store);
  return print_lines ((const char * const[]) { me, NULL }, FALSE);
}
