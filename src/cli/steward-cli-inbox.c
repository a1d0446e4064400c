/* steward-cli-inbox.c — steward-cli inbox list, and inbox items as records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"
#include "steward-cli-table.h"

/* Items read from the store at a time. */
#define PAGE_SIZE 500

static int inbox_list (StewardCli *cli, int argc, char **argv);

static const StewardCliCommand inbox_commands[] = {
  { "list", inbox_list, N_("List inbox items, newest first") },
};

/* The order of columns in CSV; JSON objects have the same members. */
const char * const steward_cli_inbox_fields[] = {
  "id", "account", "network", "kind", "remote_id", "url", "author", "author_name",
  "text", "created_at", "status", NULL
};

JsonObject *
steward_cli_inbox_item_to_json (StewardInboxItem *item)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *created_at = NULL;

  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (item), NULL);

  created_at = steward_cli_format_time (steward_inbox_item_get_created_at (item));

  json_object_set_int_member (object, "id", steward_inbox_item_get_id (item));
  json_object_set_int_member (object, "account", steward_inbox_item_get_account_id (item));
  json_object_set_string_member (object, "network", steward_inbox_item_get_network (item));
  json_object_set_string_member (object, "kind",
                                 steward_item_kind_to_string (steward_inbox_item_get_kind (item)));
  json_object_set_string_member (object, "remote_id", steward_inbox_item_get_remote_id (item));
  json_object_set_string_member (object, "url", steward_inbox_item_get_url (item));
  json_object_set_string_member (object, "author", steward_inbox_item_get_author (item));
  json_object_set_string_member (object, "author_name", steward_inbox_item_get_author_name (item));
  json_object_set_string_member (object, "text", steward_inbox_item_get_text (item));
  json_object_set_string_member (object, "created_at", created_at);
  json_object_set_string_member (object, "status",
                                 steward_item_status_to_string (
                                   steward_inbox_item_get_status (item)));

  return g_steal_pointer (&object);
}

gboolean
steward_cli_foreach_inbox_item (StewardStore              *store,
                                const StewardInboxFilter  *filter,
                                GFunc                      func,
                                gpointer                   user_data,
                                GError                   **error)
{
  guint offset = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (;;)
    {
      g_autoptr(GPtrArray) items = NULL;

      items = steward_store_list_inbox (store, filter, offset, PAGE_SIZE, error);

      if (items == NULL)
        return FALSE;

      g_ptr_array_foreach (items, func, user_data);

      if (items->len < PAGE_SIZE)
        return TRUE;
      offset += items->len;
    }
}

static const char *
status_label (StewardItemStatus status)
{
  switch (status)
    {
    case STEWARD_ITEM_STATUS_NEW:
      return C_("inbox status", "new");
    case STEWARD_ITEM_STATUS_OPEN:
      return C_("inbox status", "open");
    case STEWARD_ITEM_STATUS_PENDING:
      return C_("inbox status", "pending");
    case STEWARD_ITEM_STATUS_CLOSED:
      return C_("inbox status", "closed");
    default:
      return steward_item_status_to_string (status);
    }
}

static const char *
kind_label (StewardItemKind kind)
{
  switch (kind)
    {
    case STEWARD_ITEM_KIND_MENTION:
      return C_("inbox kind", "mention");
    case STEWARD_ITEM_KIND_DIRECT:
      return C_("inbox kind", "direct message");
    case STEWARD_ITEM_KIND_LISTENING:
      /* Translators: an inbox item sent from a listening result */
      return C_("inbox kind", "found by listening");
    default:
      return steward_item_kind_to_string (kind);
    }
}

typedef struct
{
  StewardCliOutput *output;
  StewardCliTable  *table;     /* NULL for JSON lines */
  guint             n_items;
} ListRun;

static void
list_item (gpointer data,
           gpointer user_data)
{
  StewardInboxItem *item = data;
  ListRun *run = user_data;
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *author = NULL;

  run->n_items++;

  if (run->table == NULL)
    {
      g_autoptr(JsonObject) object = steward_cli_inbox_item_to_json (item);

      steward_cli_output_json_line (run->output, object);
      return;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, steward_inbox_item_get_id (item));
  date = steward_cli_format_local_time (steward_inbox_item_get_created_at (item));
  author = g_strconcat ("@", steward_inbox_item_get_author (item), NULL);
  steward_cli_table_add_row (run->table, id, date,
                             status_label (steward_inbox_item_get_status (item)),
                             kind_label (steward_inbox_item_get_kind (item)),
                             author, steward_inbox_item_get_text (item));
}

static int
inbox_list (StewardCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status_arg = NULL;
  g_autofree char *account_arg = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardItemStatus status;
  gboolean json = FALSE;
  ListRun run = { NULL, };
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_arg,
      N_("Only items with this status: new, open, pending or closed"), N_("STATUS") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_arg,
      N_("Only items of the account with this id"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Lists the synced inbox items, newest first."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  if (status_arg != NULL)
    {
      if (!steward_item_status_from_string (status_arg, &status))
        return steward_cli_usage_error (cli, context,
                                        _("Unknown status “%s”: use new, open, pending "
                                          "or closed"),
                                        status_arg);
      filter.status = status;
    }
  if (account_arg != NULL && !steward_cli_parse_id (account_arg, &filter.account_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an account id"), account_arg);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (filter.account_id > 0)
    {
      g_autoptr(StewardAccount) account = NULL;

      account = steward_cli_lookup_account (steward, filter.account_id, &error);

      if (account == NULL)
        return steward_cli_fail (error);
    }

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("DATE"), _("STATUS"), _("KIND"), _("AUTHOR"),
                                   _("TEXT"), NULL);

  run.output = output;
  run.table = table;
  if (!steward_cli_foreach_inbox_item (steward_context_get_store (steward), &filter,
                                       list_item, &run, &error))
    return steward_cli_fail (error);

  if (table != NULL)
    {
      if (run.n_items > 0)
        steward_cli_table_print (table, output, steward_cli_terminal_width ());
      else
        g_printerr ("%s\n", _("No inbox items."));
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}

int
steward_cli_inbox (StewardCli  *cli,
                   int          argc,
                   char       **argv)
{
  return steward_cli_run_group (cli, N_("Works with the inbox: mentions and direct messages."),
                                inbox_commands, G_N_ELEMENTS (inbox_commands), argc, argv);
}
