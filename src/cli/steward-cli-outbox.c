/* steward-cli-outbox.c — steward-cli outbox list|retry|discard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   steward-cli outbox list [--state S] [--item ID] [--json]
 *   steward-cli outbox retry ID      (a failed entry, or a held one: send anyway)
 *   steward-cli outbox discard ID    (a queued, failed or held entry)
 *
 * Entries are replies waiting for, or confirmed by, the server; a sync
 * sends what is queued.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"
#include "steward-cli-table.h"

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_time (JsonObject *object,
          const char *name,
          GDateTime  *time)
{
  g_autofree char *text = steward_cli_format_time (time);

  set_string (object, name, text);
}

JsonObject *
steward_cli_outbox_entry_to_json (StewardOutboxEntry *entry)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gint64 item_id;

  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (entry), NULL);

  item_id = steward_outbox_entry_get_item_id (entry);
  json_object_set_int_member (object, "id", steward_outbox_entry_get_id (entry));
  json_object_set_int_member (object, "account", steward_outbox_entry_get_account_id (entry));
  if (item_id > 0)
    json_object_set_int_member (object, "item", item_id);
  else
    json_object_set_null_member (object, "item");
  json_object_set_string_member (object, "state",
                                 steward_outbox_state_to_string (
                                   steward_outbox_entry_get_state (entry)));
  json_object_set_int_member (object, "attempts", steward_outbox_entry_get_attempts (entry));
  set_string (object, "error", steward_outbox_entry_get_error (entry));
  set_string (object, "hold_reason", steward_outbox_entry_get_hold_reason (entry));
  set_string (object, "remote_id", steward_outbox_entry_get_remote_id (entry));
  set_string (object, "remote_url", steward_outbox_entry_get_remote_url (entry));
  set_string (object, "in_reply_to", steward_outbox_entry_get_in_reply_to (entry));
  json_object_set_string_member (object, "idempotency_key",
                                 steward_outbox_entry_get_idempotency_key (entry));
  json_object_set_string_member (object, "text", steward_outbox_entry_get_text (entry));
  set_string (object, "visibility", steward_outbox_entry_get_visibility (entry));
  set_string (object, "spoiler_text", steward_outbox_entry_get_spoiler_text (entry));
  set_string (object, "language", steward_outbox_entry_get_language (entry));
  set_string (object, "author", steward_outbox_entry_get_author (entry));
  set_time (object, "created_at", steward_outbox_entry_get_created_at (entry));
  set_time (object, "updated_at", steward_outbox_entry_get_updated_at (entry));
  set_time (object, "sent_at", steward_outbox_entry_get_sent_at (entry));

  return g_steal_pointer (&object);
}

const char *
steward_cli_outbox_state_label (StewardOutboxState state)
{
  switch (state)
    {
    case STEWARD_OUTBOX_STATE_QUEUED:
      /* Translators: a reply waiting in the outbox for the next sync */
      return C_("outbox state", "queued");
    case STEWARD_OUTBOX_STATE_SENDING:
      return C_("outbox state", "sending");
    case STEWARD_OUTBOX_STATE_SENT:
      return C_("outbox state", "sent");
    case STEWARD_OUTBOX_STATE_FAILED:
      return C_("outbox state", "failed");
    case STEWARD_OUTBOX_STATE_HELD:
      /* Translators: a reply not sent because the thread changed meanwhile */
      return C_("outbox state", "held");
    default:
      return steward_outbox_state_to_string (state);
    }
}

static int
outbox_list (StewardCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_arg = NULL;
  g_autofree char *item_arg = NULL;
  StewardOutboxState state;
  int state_filter = -1;
  gint64 item_id = 0;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_arg,
      N_("Only entries in this state: queued, sending, sent, failed or held"), N_("STATE") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item_arg,
      N_("Only replies to the inbox item with this id"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Lists the replies in the outbox, newest first: "
                                               "their item, state, attempts, the server’s error "
                                               "and, once sent, the post’s remote id."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);
  if (state_arg != NULL)
    {
      if (!steward_outbox_state_from_string (state_arg, &state))
        return steward_cli_usage_error (cli, context,
                                        _("Unknown state “%s”: use queued, sending, sent, failed "
                                          "or held"),
                                        state_arg);
      state_filter = state;
    }
  if (item_arg != NULL && !steward_cli_parse_id (item_arg, &item_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an inbox item id"), item_arg);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  entries_list = steward_store_list_outbox (steward_context_get_store (steward), state_filter,
                                            item_id, &error);
  if (entries_list == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("ITEM"), _("STATE"), _("ATTEMPTS"), _("REMOTE ID"),
                                   _("ERROR"), NULL);

  for (guint i = 0; i < entries_list->len; i++)
    {
      StewardOutboxEntry *entry = g_ptr_array_index (entries_list, i);
      g_autofree char *id = NULL;
      g_autofree char *item = NULL;
      g_autofree char *attempts = NULL;
      const char *reason;

      if (json)
        {
          g_autoptr(JsonObject) object = steward_cli_outbox_entry_to_json (entry);

          steward_cli_output_json_line (output, object);
          continue;
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, steward_outbox_entry_get_id (entry));
      if (steward_outbox_entry_get_item_id (entry) > 0)
        item = g_strdup_printf ("%" G_GINT64_FORMAT, steward_outbox_entry_get_item_id (entry));
      attempts = g_strdup_printf ("%u", steward_outbox_entry_get_attempts (entry));
      reason = steward_outbox_entry_get_error (entry);
      if (reason == NULL)
        reason = steward_outbox_entry_get_hold_reason (entry);
      steward_cli_table_add_row (table, id, item,
                                 steward_cli_outbox_state_label (steward_outbox_entry_get_state (entry)),
                                 attempts, steward_outbox_entry_get_remote_id (entry), reason);
    }

  if (table != NULL)
    {
      if (entries_list->len > 0)
        steward_cli_table_print (table, output, steward_cli_terminal_width ());
      else
        g_printerr ("%s\n", _("The outbox is empty."));
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}

typedef gboolean (*EntryAction) (StewardStore  *store,
                                 gint64         entry_id,
                                 GError       **error);

static int
outbox_act (StewardCli  *cli,
            int          argc,
            char       **argv,
            const char  *summary,
            EntryAction  action)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  StewardStore *store;
  gint64 entry_id;

  context = steward_cli_option_context_new (cli, N_("ID"), summary, NULL);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No outbox entry id given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);
  if (!steward_cli_parse_id (argv[1], &entry_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an outbox entry id"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);
  store = steward_context_get_store (steward);

  entry = steward_store_get_outbox_entry (store, entry_id, &error);
  if (entry == NULL)
    {
      if (error == NULL || g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error (&error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                       /* Translators: %s is a number */
                       _("No outbox entry %s (see “steward-cli outbox list”)"), argv[1]);
        }
      return steward_cli_fail (error);
    }

  if (!action (store, entry_id, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}

static int
outbox_retry (StewardCli  *cli,
              int          argc,
              char       **argv)
{
  return outbox_act (cli, argc, argv,
                     N_("Queues a failed reply again, or sends a held one anyway; the next "
                        "sync sends it."),
                     steward_store_retry_outbox_entry);
}

static int
outbox_discard (StewardCli  *cli,
                int          argc,
                char       **argv)
{
  return outbox_act (cli, argc, argv,
                     N_("Deletes a queued, failed or held reply without sending it."),
                     steward_store_discard_outbox_entry);
}

int
steward_cli_outbox (StewardCli  *cli,
                    int          argc,
                    char       **argv)
{
  static const StewardCliCommand commands[] = {
    { "list",    outbox_list,    N_("List the replies in the outbox") },
    { "retry",   outbox_retry,   N_("Send a failed or held reply again") },
    { "discard", outbox_discard, N_("Delete a reply that was not sent") },
  };

  return steward_cli_run_group (cli, N_("Replies waiting to be sent, and sent ones."),
                                commands, G_N_ELEMENTS (commands), argc, argv);
}
