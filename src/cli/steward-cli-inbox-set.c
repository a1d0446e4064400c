/* steward-cli-inbox-set.c — steward-cli inbox set ID… [changes]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   steward-cli inbox set ID… [--status S] [--assign NAME|--unassign]
 *       [--tag T]… [--untag T]… [--note TEXT] [--snooze-until TIME|--wake]
 *       [--no-reply-needed|--needs-reply]
 *
 * One change applied to every item given, all or nothing, written to each
 * item's history with the current user (`steward-cli me`) as its actor.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
has_empty (char **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (*g_strstrip (strv[i]) == '\0')
      return TRUE;
  return FALSE;
}

int
steward_cli_inbox_set (StewardCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) snooze_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_arg = NULL;
  g_autofree char *assign = NULL;
  g_autofree char *note = NULL;
  g_autofree char *snooze_until = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) untags = NULL;
  gboolean unassign = FALSE;
  gboolean wake = FALSE;
  gboolean no_reply_needed = FALSE;
  gboolean needs_reply = FALSE;
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  StewardItemStatus status;
  StewardStore *store;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_arg,
      N_("Set the status: new, open, pending or closed"), N_("STATUS") },
    { "assign", 0, 0, G_OPTION_ARG_STRING, &assign,
      N_("Assign to this team member (added to the team when new)"), N_("NAME") },
    { "unassign", 0, 0, G_OPTION_ARG_NONE, &unassign, N_("Assign to nobody"), NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Add a tag (may be repeated)"), N_("TAG") },
    { "untag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &untags,
      N_("Remove a tag (may be repeated)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("Add an internal note (never sent)"), N_("TEXT") },
    { "snooze-until", 0, 0, G_OPTION_ARG_STRING, &snooze_until,
      N_("Hide the items until TIME: 2026-11-30T09:00:00Z, 2026-11-30, or from now 90m, "
         "4h, 2d"), N_("TIME") },
    { "wake", 0, 0, G_OPTION_ARG_NONE, &wake, N_("End the snooze now"), NULL },
    { "no-reply-needed", 0, 0, G_OPTION_ARG_NONE, &no_reply_needed,
      N_("Mark the items as needing no reply (their SLA clock stops)"), NULL },
    { "needs-reply", 0, 0, G_OPTION_ARG_NONE, &needs_reply,
      N_("Mark the items as needing a reply"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("ID…"),
                                            N_("Changes inbox items: every change applies to "
                                               "every item given, all or nothing, and is "
                                               "written to their history."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No inbox item id given"));

  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!steward_cli_parse_id (argv[i], &id))
        return steward_cli_usage_error (cli, context, _("“%s” is not an inbox item id"), argv[i]);
      if (!contains_id (ids, id))
        g_array_append_val (ids, id);
    }

  if (status_arg != NULL)
    {
      if (!steward_item_status_from_string (status_arg, &status))
        return steward_cli_usage_error (cli, context,
                                        _("Unknown status “%s”: use new, open, pending "
                                          "or closed"),
                                        status_arg);
      change.status = status;
    }

  if (assign != NULL && unassign)
    return steward_cli_usage_error (cli, context, _("--assign and --unassign exclude each other"));
  if (assign != NULL && *g_strstrip (assign) == '\0')
    return steward_cli_usage_error (cli, context, _("--assign needs a name (or use --unassign)"));
  change.assignee = unassign ? "" : assign;

  if (has_empty (tags) || has_empty (untags))
    return steward_cli_usage_error (cli, context, _("A tag cannot be empty"));
  change.add_tags = (const char * const *) tags;
  change.remove_tags = (const char * const *) untags;

  if (note != NULL && *g_strstrip (note) == '\0')
    return steward_cli_usage_error (cli, context, _("--note needs some text"));
  change.note = note;

  if (snooze_until != NULL && wake)
    return steward_cli_usage_error (cli, context,
                                    _("--snooze-until and --wake exclude each other"));
  if (snooze_until != NULL)
    {
      snooze_time = steward_cli_parse_time (snooze_until, TRUE);
      if (snooze_time == NULL)
        return steward_cli_usage_error (cli, context, _("Not a time: “%s”"), snooze_until);
      change.snooze_until = g_date_time_to_unix (snooze_time);
      if (change.snooze_until <= g_get_real_time () / G_USEC_PER_SEC)
        return steward_cli_usage_error (cli, context,
                                        _("--snooze-until must be a time still to come"));
    }
  else if (wake)
    change.snooze_until = -1;

  if (no_reply_needed && needs_reply)
    return steward_cli_usage_error (cli, context,
                                    _("--no-reply-needed and --needs-reply exclude each other"));
  if (no_reply_needed)
    change.needs_reply = 0;
  else if (needs_reply)
    change.needs_reply = 1;

  if (change.status < 0 && change.assignee == NULL && change.add_tags == NULL &&
      change.remove_tags == NULL && change.note == NULL && change.snooze_until == 0 &&
      change.needs_reply < 0)
    return steward_cli_usage_error (cli, context,
                                    _("Nothing to change: give --status, --assign, --unassign, "
                                      "--tag, --untag, --note, --snooze-until, --wake, "
                                      "--no-reply-needed or --needs-reply"));

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);
  store = steward_context_get_store (steward);

  /* Name the first unknown item rather than failing the batch vaguely. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(StewardInboxItem) item = NULL;

      item = steward_cli_lookup_inbox_item (store, g_array_index (ids, gint64, i), &error);
      if (item == NULL)
        return steward_cli_fail (error);
    }

  if (!steward_store_change_items (store, (const gint64 *) ids->data, ids->len, &change, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}
