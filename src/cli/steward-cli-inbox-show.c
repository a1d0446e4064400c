/* steward-cli-inbox-show.c — steward-cli inbox show ID [--fetch] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item with what the Inbox's conversation pane shows: the cached
 * thread (read from the server first with --fetch), internal notes, the
 * item's history, the SLA clock, the replies in the outbox and the
 * author's earlier history with us. JSON is one object: the item's record
 * (as `inbox list --json`) plus "account_label", "author_url",
 * "author_followers", "needs_reply", "snoozed_until", "sla_description",
 * "thread", "thread_fetched_at", "thread_deleted", "notes", "history",
 * "outbox" and "author_history".
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <signal.h>

#include <glib-unix.h>

#include "steward-cli-output.h"

/* How much of the author's history the command shows. */
#define AUTHOR_HISTORY_LIMIT 20

static const char *
history_kind_to_string (StewardHistoryKind kind)
{
  switch (kind)
    {
    case STEWARD_HISTORY_ITEM:
      return "item";
    case STEWARD_HISTORY_REPLY:
      return "reply";
    case STEWARD_HISTORY_NOTE:
      return "note";
    case STEWARD_HISTORY_EVENT:
      return "event";
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format_unix_time (gint64 at,
                  gboolean local)
{
  g_autoptr(GDateTime) time = NULL;

  if (at <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (at);
  if (time == NULL)
    return NULL;

  return local ? steward_cli_format_local_time (time) : steward_cli_format_time (time);
}

static char *
join_strv (const char * const *strv)
{
  return strv != NULL ? g_strjoinv (", ", (GStrv) strv) : g_strdup ("");
}

static gint64
to_unix (GDateTime *time)
{
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static JsonObject *
history_entry_to_json (const StewardHistoryEntry *entry)
{
  JsonObject *object = json_object_new ();
  g_autofree char *at = format_unix_time (entry->at, FALSE);

  json_object_set_string_member (object, "kind", history_kind_to_string (entry->kind));
  json_object_set_int_member (object, "item", entry->item_id);
  if (at != NULL)
    json_object_set_string_member (object, "at", at);
  else
    json_object_set_null_member (object, "at");
  if (entry->actor != NULL)
    json_object_set_string_member (object, "actor", entry->actor);
  else
    json_object_set_null_member (object, "actor");
  json_object_set_string_member (object, "text", entry->text != NULL ? entry->text : "");
  if (entry->account_label != NULL)
    json_object_set_string_member (object, "account_label", entry->account_label);
  else
    json_object_set_null_member (object, "account_label");

  return object;
}

static JsonArray *
history_to_json (GPtrArray *entries,
                 gboolean   notes_only)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      const StewardHistoryEntry *entry = g_ptr_array_index (entries, i);

      if (notes_only && entry->kind != STEWARD_HISTORY_NOTE)
        continue;
      json_array_add_object_element (array, history_entry_to_json (entry));
    }

  return array;
}

typedef struct
{
  StewardInboxItem *item;
  GPtrArray        *thread;          /* of StewardPost */
  gint64            thread_fetched_at;
  gboolean          thread_deleted;
  GPtrArray        *history;         /* of StewardHistoryEntry */
  GPtrArray        *author_history;  /* of StewardHistoryEntry */
  GPtrArray        *outbox;          /* of StewardOutboxEntry */
  char             *sla_description;
  gint64            now;
  gint64            due_soon;
} ItemView;

static void
item_view_clear (ItemView *view)
{
  g_clear_object (&view->item);
  g_clear_pointer (&view->thread, g_ptr_array_unref);
  g_clear_pointer (&view->history, g_ptr_array_unref);
  g_clear_pointer (&view->author_history, g_ptr_array_unref);
  g_clear_pointer (&view->outbox, g_ptr_array_unref);
  g_clear_pointer (&view->sla_description, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemView, item_view_clear)

static gboolean
item_view_load (ItemView      *view,
                StewardStore  *store,
                gint64         item_id,
                GError       **error)
{
  StewardInboxItem *item;

  view->now = g_get_real_time () / G_USEC_PER_SEC;
  if (!steward_cli_load_due_soon (store, &view->due_soon, error))
    return FALSE;

  view->item = item = steward_cli_lookup_inbox_item (store, item_id, error);
  if (item == NULL)
    return FALSE;

  view->thread = steward_store_list_thread (store, item_id, &view->thread_fetched_at,
                                            &view->thread_deleted, error);
  if (view->thread == NULL)
    return FALSE;
  view->history = steward_store_list_item_history (store, item_id, error);
  if (view->history == NULL)
    return FALSE;
  view->author_history = steward_store_list_author_history (store, item_id,
                                                            AUTHOR_HISTORY_LIMIT, error);
  if (view->author_history == NULL)
    return FALSE;
  view->outbox = steward_store_list_outbox (store, -1, item_id, error);
  if (view->outbox == NULL)
    return FALSE;

  view->sla_description =
    steward_sla_describe (to_unix (steward_inbox_item_get_sla_due_at (item)),
                          to_unix (steward_inbox_item_get_first_response_at (item)),
                          to_unix (steward_inbox_item_get_created_at (item)),
                          steward_inbox_item_get_needs_reply (item),
                          view->now, view->due_soon);
  return TRUE;
}

static JsonObject *
item_view_to_json (ItemView *view)
{
  StewardInboxItem *item = view->item;
  JsonObject *object = steward_cli_inbox_item_to_json (item, view->now, view->due_soon);
  g_autofree char *snoozed_until = steward_cli_format_time (steward_inbox_item_get_snoozed_until (item));
  g_autofree char *fetched_at = format_unix_time (view->thread_fetched_at, FALSE);
  JsonArray *thread = json_array_new ();
  JsonArray *outbox = json_array_new ();
  gint64 followers = steward_inbox_item_get_author_followers (item);

  json_object_set_string_member (object, "account_label",
                                 steward_inbox_item_get_account_label (item));
  if (steward_inbox_item_get_author_url (item) != NULL)
    json_object_set_string_member (object, "author_url", steward_inbox_item_get_author_url (item));
  else
    json_object_set_null_member (object, "author_url");
  if (followers >= 0)
    json_object_set_int_member (object, "author_followers", followers);
  else
    json_object_set_null_member (object, "author_followers");
  json_object_set_boolean_member (object, "needs_reply", steward_inbox_item_get_needs_reply (item));
  if (snoozed_until != NULL)
    json_object_set_string_member (object, "snoozed_until", snoozed_until);
  else
    json_object_set_null_member (object, "snoozed_until");
  json_object_set_string_member (object, "sla_description",
                                 view->sla_description != NULL ? view->sla_description : "");

  for (guint i = 0; i < view->thread->len; i++)
    json_array_add_object_element (thread,
                                   steward_cli_post_to_json (g_ptr_array_index (view->thread, i)));
  json_object_set_array_member (object, "thread", thread);
  if (fetched_at != NULL)
    json_object_set_string_member (object, "thread_fetched_at", fetched_at);
  else
    json_object_set_null_member (object, "thread_fetched_at");
  json_object_set_boolean_member (object, "thread_deleted", view->thread_deleted);

  json_object_set_array_member (object, "notes", history_to_json (view->history, TRUE));
  json_object_set_array_member (object, "history", history_to_json (view->history, FALSE));

  for (guint i = 0; i < view->outbox->len; i++)
    json_array_add_object_element (outbox,
                                   steward_cli_outbox_entry_to_json (g_ptr_array_index (view->outbox, i)));
  json_object_set_array_member (object, "outbox", outbox);

  json_object_set_array_member (object, "author_history",
                                history_to_json (view->author_history, FALSE));

  return object;
}

/* Text, indented under a heading, one paragraph per line of the text. */
static void
print_block (GString    *out,
             const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "      %s\n", lines[i]);
}

static void
print_field (GString    *out,
             const char *label,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  /* Translators: a label and its value in "inbox show", e.g. "Assignee: Mei" */
  g_string_append_printf (out, _("%s: %s"), label, value);
  g_string_append_c (out, '\n');
}

static void
print_history (GString    *out,
               const char *heading,
               GPtrArray  *entries,
               gboolean    notes)
{
  gboolean any = FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const StewardHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *at = NULL;

      if ((entry->kind == STEWARD_HISTORY_NOTE) != notes)
        continue;
      if (!any)
        g_string_append_printf (out, "\n%s\n", heading);
      any = TRUE;

      at = format_unix_time (entry->at, TRUE);
      g_string_append_printf (out, "  %s  %s", at != NULL ? at : "", entry->actor != NULL ? entry->actor : "");
      if (entry->account_label != NULL &&
          (entry->kind == STEWARD_HISTORY_ITEM || entry->kind == STEWARD_HISTORY_REPLY))
        g_string_append_printf (out, "  (%s)", entry->account_label);
      g_string_append_c (out, '\n');
      print_block (out, entry->text);
    }
}

static char *
item_view_to_text (ItemView *view)
{
  StewardInboxItem *item = view->item;
  GString *out = g_string_new (NULL);
  g_autofree char *created = steward_cli_format_local_time (steward_inbox_item_get_created_at (item));
  g_autofree char *snoozed = steward_cli_format_local_time (steward_inbox_item_get_snoozed_until (item));
  g_autofree char *tags = join_strv (steward_inbox_item_get_tags (item));
  g_autofree char *author = NULL;
  const char *name = steward_inbox_item_get_author_name (item);

  if (name != NULL && *name != '\0')
    author = g_strdup_printf ("@%s (%s)", steward_inbox_item_get_author (item), name);
  else
    author = g_strdup_printf ("@%s", steward_inbox_item_get_author (item));

  g_string_append_printf (out, "#%" G_GINT64_FORMAT "  %s · %s · %s → %s\n",
                          steward_inbox_item_get_id (item),
                          steward_cli_kind_label (steward_inbox_item_get_kind (item)),
                          steward_cli_status_label (steward_inbox_item_get_status (item)),
                          author, steward_inbox_item_get_account_label (item));
  g_string_append_printf (out, "%s", created != NULL ? created : "");
  if (steward_inbox_item_get_url (item) != NULL)
    g_string_append_printf (out, "  %s", steward_inbox_item_get_url (item));
  g_string_append_c (out, '\n');

  print_field (out, _("Assignee"), steward_inbox_item_get_assignee (item));
  print_field (out, _("Tags"), tags);
  print_field (out, _("Snoozed until"), snoozed);
  if (steward_inbox_item_get_classified (item))
    {
      g_autofree char *sentiment = NULL;
      char score[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (score, sizeof score, "%.2f", steward_inbox_item_get_sentiment_score (item));
      sentiment = g_strdup_printf ("%s (%s)",
                                   steward_cli_sentiment_label (
                                     steward_inbox_item_get_sentiment_label (item)),
                                   score);
      print_field (out, _("Sentiment"), sentiment);
    }
  if (steward_inbox_item_get_urgent (item))
    {
      g_autofree char *rules = join_strv (steward_inbox_item_get_urgent_rules (item));

      print_field (out, _("Urgent"), *rules != '\0' ? rules : _("yes"));
    }
  if (!steward_inbox_item_get_needs_reply (item))
    print_field (out, _("Reply"), _("not needed"));
  print_field (out, _("SLA"), view->sla_description);

  g_string_append_printf (out, "\n%s\n", _("Thread"));
  if (view->thread_deleted)
    g_string_append_printf (out, "  %s\n", _("The post was deleted on the server."));
  for (guint i = 0; i < view->thread->len; i++)
    {
      StewardPost *post = g_ptr_array_index (view->thread, i);
      g_autofree char *at = steward_cli_format_local_time (steward_post_get_created_at (post));
      gboolean own = steward_post_get_id (post) == steward_inbox_item_get_post_id (item);

      /* The item's own post is marked, as in a thread view. */
      g_string_append_printf (out, "%s %s  @%s\n", own ? "*" : " ", at != NULL ? at : "",
                              steward_post_get_author (post));
      print_block (out, steward_post_get_text (post));
    }
  if (view->thread_fetched_at == 0)
    g_string_append_printf (out, "  %s\n", _("(Only the post itself: the thread was not fetched "
                                             "yet; “inbox show --fetch” reads it.)"));

  print_history (out, _("Internal notes"), view->history, TRUE);
  print_history (out, _("History"), view->history, FALSE);

  if (view->outbox->len > 0)
    g_string_append_printf (out, "\n%s\n", _("Replies"));
  for (guint i = 0; i < view->outbox->len; i++)
    {
      StewardOutboxEntry *entry = g_ptr_array_index (view->outbox, i);
      g_autofree char *at = steward_cli_format_local_time (steward_outbox_entry_get_updated_at (entry));
      const char *reason = steward_outbox_entry_get_error (entry);

      if (reason == NULL)
        reason = steward_outbox_entry_get_hold_reason (entry);
      g_string_append_printf (out, "  #%" G_GINT64_FORMAT "  %s  %s  %s",
                              steward_outbox_entry_get_id (entry),
                              steward_cli_outbox_state_label (steward_outbox_entry_get_state (entry)),
                              at != NULL ? at : "",
                              steward_outbox_entry_get_author (entry) != NULL
                                ? steward_outbox_entry_get_author (entry) : "");
      if (reason != NULL)
        g_string_append_printf (out, "  (%s)", reason);
      g_string_append_c (out, '\n');
      print_block (out, steward_outbox_entry_get_text (entry));
    }

  if (view->author_history->len > 0)
    {
      g_autofree char *heading = g_strdup_printf (_("Earlier with %s"), author);

      g_string_append_printf (out, "\n%s\n", heading);
      for (guint i = 0; i < view->author_history->len; i++)
        {
          const StewardHistoryEntry *entry = g_ptr_array_index (view->author_history, i);
          g_autofree char *at = format_unix_time (entry->at, TRUE);

          g_string_append_printf (out, "  %s  #%" G_GINT64_FORMAT "  %s\n", at != NULL ? at : "",
                                  entry->item_id, entry->actor != NULL ? entry->actor : "");
          print_block (out, entry->text);
        }
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      done;
} FetchRun;

static void
on_thread_fetched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FetchRun *run = user_data;

  steward_sync_engine_fetch_thread_finish (STEWARD_SYNC_ENGINE (object), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt_cb (gpointer user_data)
{
  FetchRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Reads the item's thread from its server into the cache, as opening the
 * item in the app does. Ctrl+C cancels. */
static gboolean
fetch_thread (StewardContext  *steward,
              gint64           item_id,
              GError         **error)
{
  FetchRun run = { NULL, };
  guint sigint_id;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt_cb, &run);

  steward_sync_engine_fetch_thread_async (steward_context_get_sync_engine (steward), item_id,
                                          run.cancellable, on_thread_fetched_cb, &run);
  if (!run.done)
    g_main_loop_run (run.loop);

  g_source_remove (sigint_id);
  g_main_loop_unref (run.loop);
  g_object_unref (run.cancellable);

  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}

int
steward_cli_inbox_show (StewardCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ItemView) view = { NULL, };
  gboolean json = FALSE;
  gboolean fetch = FALSE;
  gint64 item_id;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { "fetch", 0, 0, G_OPTION_ARG_NONE, &fetch,
      N_("Read the thread from the server first (else the cached one is shown)"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("ID"),
                                            N_("Shows one inbox item with its cached thread, "
                                               "internal notes, history, SLA clock, the replies "
                                               "in the outbox and the author’s earlier history "
                                               "with us."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No inbox item id given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);
  if (!steward_cli_parse_id (argv[1], &item_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an inbox item id"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (fetch)
    {
      g_autoptr(StewardInboxItem) item = NULL;

      /* An unknown item is named as such, not as a network failure. */
      item = steward_cli_lookup_inbox_item (steward_context_get_store (steward), item_id, &error);
      if (item == NULL || !fetch_thread (steward, item_id, &error))
        return steward_cli_fail (error);
    }

  if (!item_view_load (&view, steward_context_get_store (steward), item_id, &error))
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (json)
    {
      g_autoptr(JsonObject) object = item_view_to_json (&view);

      steward_cli_output_json_line (output, object);
    }
  else
    {
      g_autofree char *text = item_view_to_text (&view);

      steward_cli_output_write (output, text);
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}
