/* steward-cli-inbox.c — steward-cli inbox list, and inbox items as records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   steward-cli inbox list [--status S] [--account ID] [--view V] [--tag T]
 *                          [--assignee NAME] [--sort ORDER] [--json]
 *   steward-cli inbox show ID [--json]          (steward-cli-inbox-show.c)
 *   steward-cli inbox set ID… [changes]         (steward-cli-inbox-set.c)
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <math.h>

#include "steward-cli-output.h"
#include "steward-cli-table.h"

/* Items read from the store at a time. */
#define PAGE_SIZE 500

static int inbox_list (StewardCli *cli, int argc, char **argv);

static const StewardCliCommand inbox_commands[] = {
  { "list", inbox_list,             N_("List inbox items, newest first") },
  { "show", steward_cli_inbox_show, N_("Show one item: thread, notes, history, SLA and replies") },
  { "set",  steward_cli_inbox_set,  N_("Change items: status, assignee, tags, notes, snooze") },
};

static const struct {
  const char       *name;
  StewardInboxSort  sort;
} sorts[] = {
  { "newest",  STEWARD_INBOX_SORT_NEWEST },
  { "oldest",  STEWARD_INBOX_SORT_OLDEST },
  { "urgency", STEWARD_INBOX_SORT_URGENCY },
  { "sla-due", STEWARD_INBOX_SORT_SLA_DUE },
};

/* The order of columns in CSV. JSON objects have the same members, except
 * that "sentiment" is an object {"label", "score"} (or null) there and
 * "sentiment_score" is not a member of its own. */
const char * const steward_cli_inbox_fields[] = {
  "id", "account", "network", "kind", "remote_id", "url", "author", "author_name",
  "text", "created_at", "status", "assignee", "tags", "sentiment", "sentiment_score",
  "urgent", "urgent_rules", "sla_due_at", "first_response_at", "sla_state", NULL
};

static void
set_time_member (JsonObject *object,
                 const char *name,
                 GDateTime  *time)
{
  g_autofree char *text = steward_cli_format_time (time);

  if (text != NULL)
    json_object_set_string_member (object, name, text);
  else
    json_object_set_null_member (object, name);
}

static void
set_nullable_string_member (JsonObject *object,
                            const char *name,
                            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonArray *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

double
steward_cli_round_score (double score)
{
  return round (score * 1000.0) / 1000.0;
}

JsonObject *
steward_cli_inbox_item_to_json (StewardInboxItem *item,
                                gint64            now,
                                gint64            due_soon)
{
  g_autoptr(JsonObject) object = json_object_new ();
  StewardSlaState sla_state;

  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (item), NULL);

  json_object_set_int_member (object, "id", steward_inbox_item_get_id (item));
  json_object_set_int_member (object, "account", steward_inbox_item_get_account_id (item));
  json_object_set_string_member (object, "network", steward_inbox_item_get_network (item));
  json_object_set_string_member (object, "kind",
                                 steward_item_kind_to_string (steward_inbox_item_get_kind (item)));
  json_object_set_string_member (object, "remote_id", steward_inbox_item_get_remote_id (item));
  set_nullable_string_member (object, "url", steward_inbox_item_get_url (item));
  json_object_set_string_member (object, "author", steward_inbox_item_get_author (item));
  json_object_set_string_member (object, "author_name", steward_inbox_item_get_author_name (item));
  json_object_set_string_member (object, "text", steward_inbox_item_get_text (item));
  set_time_member (object, "created_at", steward_inbox_item_get_created_at (item));
  json_object_set_string_member (object, "status",
                                 steward_item_status_to_string (
                                   steward_inbox_item_get_status (item)));

  set_nullable_string_member (object, "assignee", steward_inbox_item_get_assignee (item));
  json_object_set_array_member (object, "tags", strv_to_json (steward_inbox_item_get_tags (item)));
  if (steward_inbox_item_get_classified (item))
    {
      JsonObject *sentiment = json_object_new ();
      StewardSentimentLabel label = steward_inbox_item_get_sentiment_label (item);

      json_object_set_string_member (sentiment, "label", steward_sentiment_label_to_string (label));
      json_object_set_double_member (sentiment, "score",
                                     steward_cli_round_score (
                                       steward_inbox_item_get_sentiment_score (item)));
      json_object_set_object_member (object, "sentiment", sentiment);
    }
  else
    json_object_set_null_member (object, "sentiment");
  json_object_set_boolean_member (object, "urgent", steward_inbox_item_get_urgent (item));
  json_object_set_array_member (object, "urgent_rules",
                                strv_to_json (steward_inbox_item_get_urgent_rules (item)));
  set_time_member (object, "sla_due_at", steward_inbox_item_get_sla_due_at (item));
  set_time_member (object, "first_response_at", steward_inbox_item_get_first_response_at (item));
  sla_state = steward_inbox_item_get_sla_state (item, now, due_soon);
  json_object_set_string_member (object, "sla_state", steward_sla_state_to_string (sla_state));

  return g_steal_pointer (&object);
}

JsonObject *
steward_cli_inbox_item_to_csv (StewardInboxItem *item,
                               gint64            now,
                               gint64            due_soon)
{
  JsonObject *object = steward_cli_inbox_item_to_json (item, now, due_soon);
  JsonObject *sentiment;

  g_return_val_if_fail (object != NULL, NULL);

  /* CSV is flat: the label and the score in columns of their own. */
  sentiment = json_object_get_object_member (object, "sentiment");
  if (sentiment != NULL)
    {
      g_autofree char *label = g_strdup (json_object_get_string_member (sentiment, "label"));
      double score = json_object_get_double_member (sentiment, "score");

      json_object_set_string_member (object, "sentiment", label);
      json_object_set_double_member (object, "sentiment_score", score);
    }
  else
    json_object_set_null_member (object, "sentiment_score");

  return object;
}

gboolean
steward_cli_load_due_soon (StewardStore  *store,
                           gint64        *due_soon,
                           GError       **error)
{
  g_autoptr(StewardSlaPolicy) policy = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (due_soon != NULL, FALSE);

  policy = steward_store_load_sla_policy (store, error);
  if (policy == NULL)
    return FALSE;

  *due_soon = steward_sla_policy_get_due_soon (policy);
  return TRUE;
}

StewardInboxItem *
steward_cli_lookup_inbox_item (StewardStore  *store,
                               gint64         item_id,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  StewardInboxItem *item;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  item = steward_store_get_inbox_item (store, item_id, &local_error);
  if (item != NULL)
    return item;

  if (local_error != NULL && !g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, item_id);
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               /* Translators: %s is a number */
               _("No inbox item %s"), id);
  return NULL;
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

const char *
steward_cli_status_label (StewardItemStatus status)
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

const char *
steward_cli_kind_label (StewardItemKind kind)
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

const char *
steward_cli_sentiment_label (StewardSentimentLabel label)
{
  switch (label)
    {
    case STEWARD_SENTIMENT_LABEL_NEUTRAL:
      return C_("sentiment", "neutral");
    case STEWARD_SENTIMENT_LABEL_POSITIVE:
      return C_("sentiment", "positive");
    case STEWARD_SENTIMENT_LABEL_NEGATIVE:
      return C_("sentiment", "negative");
    default:
      return steward_sentiment_label_to_string (label);
    }
}

typedef struct
{
  StewardCliOutput *output;
  StewardCliTable  *table;     /* NULL for JSON lines */
  guint             n_items;
  gint64            now;
  gint64            due_soon;
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
      g_autoptr(JsonObject) object = steward_cli_inbox_item_to_json (item, run->now,
                                                                     run->due_soon);

      steward_cli_output_json_line (run->output, object);
      return;
    }

  /* An urgent item's id carries a "!". */
  id = g_strdup_printf ("%" G_GINT64_FORMAT "%s", steward_inbox_item_get_id (item),
                        steward_inbox_item_get_urgent (item) ? "!" : "");
  date = steward_cli_format_local_time (steward_inbox_item_get_created_at (item));
  author = g_strconcat ("@", steward_inbox_item_get_author (item), NULL);
  steward_cli_table_add_row (run->table, id, date,
                             steward_cli_status_label (steward_inbox_item_get_status (item)),
                             steward_cli_kind_label (steward_inbox_item_get_kind (item)),
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
  g_autofree char *view_arg = NULL;
  g_autofree char *tag_arg = NULL;
  g_autofree char *assignee_arg = NULL;
  g_autofree char *sort_arg = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardItemStatus status;
  StewardInboxView view;
  StewardStore *store;
  gboolean json = FALSE;
  ListRun run = { NULL, };
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_arg,
      N_("Only items with this status: new, open, pending or closed"), N_("STATUS") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_arg,
      N_("Only items of the account with this id"), N_("ID") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_arg,
      N_("Only the items of a view: all, new, mine, unassigned, pending, urgent, due-soon, "
         "closed or snoozed (default: all, which leaves out snoozed items)"), N_("VIEW") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag_arg,
      N_("Only items with this tag"), N_("TAG") },
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &assignee_arg,
      N_("Only items assigned to NAME (\"\" for nobody)"), N_("NAME") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_arg,
      N_("The order: newest (default), oldest, urgency or sla-due"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Lists the synced inbox items, newest first. "
                                               "An urgent item’s id is marked with “!”; "
                                               "“inbox show” and --json tell assignee, tags, "
                                               "sentiment and SLA."),
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
  if (view_arg != NULL)
    {
      if (!steward_inbox_view_from_string (view_arg, &view))
        return steward_cli_usage_error (cli, context,
                                        _("Unknown view “%s”: use all, new, mine, unassigned, "
                                          "pending, urgent, due-soon, closed or snoozed"),
                                        view_arg);
      filter.view = view;
    }
  if (sort_arg != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (sorts); i++)
        if (g_str_equal (sort_arg, sorts[i].name))
          break;
      if (i == G_N_ELEMENTS (sorts))
        return steward_cli_usage_error (cli, context,
                                        _("Unknown order “%s”: use newest, oldest, urgency or "
                                          "sla-due"),
                                        sort_arg);
      filter.sort = sorts[i].sort;
    }
  if (tag_arg != NULL && *g_strstrip (tag_arg) == '\0')
    return steward_cli_usage_error (cli, context, _("--tag needs a tag"));
  filter.tag = tag_arg;
  if (assignee_arg != NULL)
    g_strstrip (assignee_arg);
  filter.assignee = assignee_arg;

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);
  store = steward_context_get_store (steward);

  if (filter.account_id > 0)
    {
      g_autoptr(StewardAccount) account = NULL;

      account = steward_cli_lookup_account (steward, filter.account_id, &error);

      if (account == NULL)
        return steward_cli_fail (error);
    }

  run.now = g_get_real_time () / G_USEC_PER_SEC;
  filter.now = run.now;
  if (!steward_cli_load_due_soon (store, &run.due_soon, &error))
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("DATE"), _("STATUS"), _("KIND"), _("AUTHOR"),
                                   _("TEXT"), NULL);

  run.output = output;
  run.table = table;
  if (!steward_cli_foreach_inbox_item (store, &filter, list_item, &run, &error))
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
