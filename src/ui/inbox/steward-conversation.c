/* steward-conversation.c — the Inbox's right pane: one item and its thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown is read from the store for the item's id, and read
 * again a moment after the store changes, so a change made anywhere (a
 * bulk action, steward-cli, a sync sending the outbox) shows here. The
 * thread is fetched from the server when the cached copy is older than a
 * few minutes.
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <string.h>
#include <glib/gi18n.h>

#include "steward-conversation.h"
#include "steward-number-format.h"
#include "steward-relative-time.h"
#include "steward-triage-labels.h"
#include "steward-window.h"

#define THREAD_MAX_AGE_SECONDS (5 * 60)
#define RELOAD_DELAY_MS 100
#define HISTORY_LIMIT 20

struct _StewardConversation
{
  AdwBin              parent_instance;

  StewardContext     *context;
  StewardInboxItem   *item;
  StewardSlaPolicy   *policy;
  GCancellable       *cancellable;
  gint64              fetched_item_id;
  gboolean            fetching;
  gboolean            updating;
  guint               reload_id;
  guint               tick_id;
  GtkEntryCompletion *tag_completion;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *status_label;
  GtkLabel           *urgent_label;
  GtkLabel           *sentiment_label;
  GtkLabel           *snoozed_label;
  GtkWidget          *close_button;
  GtkWidget          *reopen_button;
  GtkMenuButton      *snooze_button;
  GtkButton          *no_reply_button;
  GtkScrolledWindow  *scrolled_window;
  AdwFlap            *flap;
  GtkToggleButton    *details_button;
  GtkWidget          *item_post;      /* weak: the item's post in thread_box */
  guint               scroll_id;
  guint               folded_id;
  GtkRevealer        *deleted_revealer;
  AdwAvatar          *author_avatar;
  GtkLabel           *author_name_label;
  GtkLabel           *author_handle_label;
  GtkLabel           *author_meta_label;
  GtkWidget          *profile_button;
  AdwActionRow       *sla_row;
  GtkLabel           *sla_label;
  GtkDropDown        *assignee_dropdown;
  GtkStringList      *assignee_model;
  GtkFlowBox         *tags_box;
  GtkEntry           *tag_entry;
  GtkSpinner         *fetch_spinner;
  GtkLabel           *fetch_error_label;
  GtkBox             *thread_box;
  GtkWidget          *outbox_heading;
  GtkListBox         *outbox_list;
  GtkListBox         *notes_list;
  GtkEntry           *note_entry;
  GtkListBox         *history_list;
  StewardComposer    *composer;
};

static void reload (StewardConversation *self);

G_DEFINE_FINAL_TYPE (StewardConversation, steward_conversation, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM,
  PROP_FETCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static StewardStore *
get_store (StewardConversation *self)
{
  return self->context != NULL ? steward_context_get_store (self->context) : NULL;
}

static gint64
unix_or_zero (GDateTime *when)
{
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static gint64
get_due_soon (StewardConversation *self)
{
  return self->policy != NULL ? steward_sla_policy_get_due_soon (self->policy)
                              : STEWARD_SLA_DEFAULT_DUE_SOON;
}

static void
set_fetching (StewardConversation *self,
              gboolean             fetching)
{
  if (self->fetching == fetching)
    return;

  self->fetching = fetching;
  gtk_spinner_set_spinning (self->fetch_spinner, fetching);
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_spinner), fetching);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

/* Removes the rows, not the placeholder. */
static void
clear_list_box (GtkListBox *list_box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list_box, 0)) != NULL)
    gtk_list_box_remove (list_box, GTK_WIDGET (row));
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static char *
dup_short_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return when != NULL ? steward_relative_time_short (when, NULL) : g_strdup ("");
}

/* Header and author */

static void
update_header (StewardConversation *self)
{
  StewardItemStatus status = steward_inbox_item_get_status (self->item);
  GDateTime *snoozed_until = steward_inbox_item_get_snoozed_until (self->item);
  gboolean needs_reply = steward_inbox_item_get_needs_reply (self->item);

  steward_status_chip_set_status (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->urgent_label), steward_inbox_item_get_urgent (self->item));
  if (steward_inbox_item_get_urgent (self->item))
    {
      g_autofree char *rules = steward_urgent_rules_dup_display (steward_inbox_item_get_urgent_rules (self->item));

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->urgent_label), rules);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sentiment_label),
                          steward_inbox_item_get_classified (self->item) &&
                          steward_sentiment_chip_set_label (self->sentiment_label,
                                                            steward_inbox_item_get_sentiment_label (self->item)));
  gtk_widget_set_visible (self->close_button, status != STEWARD_ITEM_STATUS_CLOSED);
  gtk_widget_set_visible (self->reopen_button, status == STEWARD_ITEM_STATUS_CLOSED);

  if (snoozed_until != NULL && g_date_time_to_unix (snoozed_until) > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (snoozed_until);
      g_autofree char *time = g_date_time_format (local, "%x %H:%M");
      g_autofree char *text = NULL;

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Snoozed until %s"), time);
      gtk_label_set_label (self->snoozed_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->snoozed_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->snoozed_label), FALSE);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->no_reply_button),
                               needs_reply ? _("No Reply Needed (U)") : _("Needs a Reply (U)"));
  gtk_button_set_icon_name (self->no_reply_button,
                            needs_reply ? "mail-mark-notjunk-symbolic" : "mail-mark-important-symbolic");
}

static void
update_author (StewardConversation *self)
{
  const char *author = steward_inbox_item_get_author (self->item);
  const char *name = steward_inbox_item_get_author_name (self->item);
  g_autofree char *handle = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *meta = NULL;

  if (name == NULL || *name == '\0')
    name = author;
  handle = author != NULL ? g_strconcat ("@", author, NULL) : NULL;
  followers = steward_number_format_followers (steward_inbox_item_get_author_followers (self->item));

  adw_avatar_set_text (self->author_avatar, name);
  gtk_label_set_label (self->author_name_label, name != NULL ? name : "");
  gtk_label_set_label (self->author_handle_label, handle != NULL ? handle : "");

  /* Translators: below an author's name: their follower count, then
   * which of our accounts they wrote to, e.g. "1.2k followers · to
   * @brand@mastodon.social" */
  if (followers != NULL)
    meta = g_strdup_printf (_("%s · to %s"), followers, steward_inbox_item_get_account_label (self->item));
  else
    meta = g_strdup_printf (_("To %s"), steward_inbox_item_get_account_label (self->item));
  gtk_label_set_label (self->author_meta_label, meta);

  gtk_widget_set_visible (self->profile_button, steward_inbox_item_get_author_url (self->item) != NULL);
}

static void
update_sla (StewardConversation *self)
{
  g_autofree char *text = NULL;
  StewardSlaState state;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 due_soon = get_due_soon (self);

  if (self->item == NULL)
    return;

  state = steward_inbox_item_get_sla_state (self->item, now, due_soon);
  text = steward_sla_describe (unix_or_zero (steward_inbox_item_get_sla_due_at (self->item)),
                               unix_or_zero (steward_inbox_item_get_first_response_at (self->item)),
                               unix_or_zero (steward_inbox_item_get_created_at (self->item)),
                               steward_inbox_item_get_needs_reply (self->item),
                               now, due_soon);
  gtk_label_set_label (self->sla_label, text != NULL ? text : "");
  steward_sla_chip_set_state (GTK_WIDGET (self->sla_label), state);

  if (state == STEWARD_SLA_STATE_NONE)
    adw_action_row_set_subtitle (self->sla_row, _("No reply needed"));
  else
    {
      GDateTime *due_at = steward_inbox_item_get_sla_due_at (self->item);
      g_autofree char *subtitle = NULL;

      if (due_at != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (due_at);
          g_autofree char *when = g_date_time_format (local, "%x %H:%M");

          /* Translators: %s is a short date and time, "11/27/26 12:43" */
          subtitle = g_strdup_printf (_("Due %s"), when);
        }
      adw_action_row_set_subtitle (self->sla_row, subtitle != NULL ? subtitle : "");
    }
}

/* Assignee and tags */

static void
update_assignee (StewardConversation *self)
{
  g_auto(GStrv) team = NULL;
  g_autoptr(GError) error = NULL;
  const char *assignee = steward_inbox_item_get_assignee (self->item);
  guint n_items;
  guint selected = 0;
  guint n = 0;

  team = steward_store_list_team (get_store (self), &error);
  if (team == NULL)
    g_debug ("Could not list the team: %s", error->message);

  self->updating = TRUE;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->assignee_model));
  gtk_string_list_splice (self->assignee_model, 0, n_items, NULL);
  gtk_string_list_append (self->assignee_model, _("Unassigned"));
  for (guint i = 0; team != NULL && team[i] != NULL; i++)
    {
      gtk_string_list_append (self->assignee_model, team[i]);
      if (g_strcmp0 (team[i], assignee) == 0)
        selected = i + 1;
      n++;
    }
  /* Someone who left the team still shows on the items they had. */
  if (assignee != NULL && *assignee != '\0' && selected == 0)
    {
      gtk_string_list_append (self->assignee_model, assignee);
      selected = n + 1;
    }
  gtk_drop_down_set_selected (self->assignee_dropdown, selected);
  self->updating = FALSE;
}

static void
update_tags (StewardConversation *self)
{
  const char * const *tags = steward_inbox_item_get_tags (self->item);
  g_auto(GStrv) all_tags = NULL;
  GtkListStore *store;

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      g_autofree char *text = g_strconcat ("#", tags[i], NULL);
      g_autofree char *tooltip = NULL;
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");

      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_box_append (GTK_BOX (chip), label_new (text, NULL, FALSE));
      gtk_label_set_max_width_chars (GTK_LABEL (gtk_widget_get_last_child (chip)), 24);
      gtk_widget_set_tooltip_text (gtk_widget_get_last_child (chip), text);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      /* Translators: tooltip of the small button on a tag; %s is the tag */
      tooltip = g_strdup_printf (_("Remove %s"), text);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "inbox.untag");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (tags[i]));
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_flow_box_append (self->tags_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL && tags[0] != NULL);

  /* Completion offers the workspace's tags. */
  store = GTK_LIST_STORE (gtk_entry_completion_get_model (self->tag_completion));
  gtk_list_store_clear (store);
  all_tags = steward_store_list_tags (get_store (self), NULL, NULL);
  for (guint i = 0; all_tags != NULL && all_tags[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, all_tags[i], -1);
}

/* The thread */

static GtkWidget *
post_widget_new (StewardPost *post,
                 gboolean     is_item,
                 gboolean     is_ours)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *name = steward_post_get_author_name (post);
  g_autofree char *handle = g_strconcat ("@", steward_post_get_author (post), NULL);
  g_autofree char *time = NULL;
  g_autofree char *full_time = NULL;
  GtkWidget *label;
  GtkWidget *text;

  if (name == NULL || *name == '\0')
    name = steward_post_get_author (post);

  gtk_widget_add_css_class (box, "thread-post");
  if (is_item)
    gtk_widget_add_css_class (box, "thread-post-item");
  if (is_ours)
    gtk_widget_add_css_class (box, "thread-post-ours");

  gtk_box_append (GTK_BOX (top), label_new (name, "heading", FALSE));
  label = label_new (handle, "dim-label", FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (top), label);
  if (is_ours)
    /* Translators: marks a post of the thread written by one of our accounts */
    gtk_box_append (GTK_BOX (top), label_new (_("Us"), "status-chip", FALSE));
  if (steward_post_get_created_at (post) != NULL)
    {
      time = steward_relative_time_short (steward_post_get_created_at (post), NULL);
      full_time = steward_relative_time_full (steward_post_get_created_at (post));
      label = label_new (time, "dim-label", FALSE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_tooltip_text (label, full_time);
      gtk_box_append (GTK_BOX (top), label);
    }
  gtk_box_append (GTK_BOX (box), top);

  /* The core wrote this markup from parsed HTML. */
  text = label_new (NULL, NULL, TRUE);
  gtk_label_set_markup (GTK_LABEL (text), steward_post_get_markup (post) != NULL
                                          ? steward_post_get_markup (post) : "");
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);

  return box;
}

static void
update_thread (StewardConversation *self,
               gint64              *fetched_at)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gboolean deleted = FALSE;
  const char *our_username = NULL;

  *fetched_at = 0;
  self->item_post = NULL;
  clear_box (GTK_WIDGET (self->thread_box));

  posts = steward_store_list_thread (get_store (self), steward_inbox_item_get_id (self->item),
                                     fetched_at, &deleted, &error);
  gtk_revealer_set_reveal_child (self->deleted_revealer, deleted);
  if (posts == NULL)
    {
      g_warning ("Could not read the thread: %s", error->message);
      return;
    }

  account = steward_store_get_account (get_store (self), steward_inbox_item_get_account_id (self->item), NULL);
  if (account != NULL)
    our_username = steward_account_get_username (account);

  for (guint i = 0; i < posts->len; i++)
    {
      StewardPost *post = g_ptr_array_index (posts, i);
      gboolean is_item = steward_post_get_id (post) == steward_inbox_item_get_post_id (self->item);
      gboolean is_ours = our_username != NULL &&
                         g_strcmp0 (steward_post_get_author (post), our_username) == 0;

      GtkWidget *widget = post_widget_new (post, is_item, is_ours);

      if (is_item)
        self->item_post = widget;
      gtk_box_append (self->thread_box, widget);
    }
}

static void
fetch_thread_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StewardConversation *self;
  g_autoptr(GError) error = NULL;

  /* Cancelled means the pane went away or moved on: touch nothing. */
  if (!steward_sync_engine_fetch_thread_finish (STEWARD_SYNC_ENGINE (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = STEWARD_CONVERSATION (user_data);
  set_fetching (self, FALSE);

  if (error == NULL)
    gtk_label_set_label (self->fetch_error_label, "");
  else if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE))
    gtk_label_set_label (self->fetch_error_label, _("Offline: showing the saved thread"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the thread: %s"), error->message);

      gtk_label_set_label (self->fetch_error_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->fetch_error_label), text);
    }

  /* The store said "threads" changed; read it now rather than later. */
  reload (self);
}

static void
maybe_fetch_thread (StewardConversation *self,
                    gint64               fetched_at)
{
  gint64 id = steward_inbox_item_get_id (self->item);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Once per selection: a failed fetch does not loop. */
  if (self->fetched_item_id == id || now - fetched_at < THREAD_MAX_AGE_SECONDS)
    return;

  self->fetched_item_id = id;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_label (self->fetch_error_label, "");
  set_fetching (self, TRUE);
  steward_sync_engine_fetch_thread_async (steward_context_get_sync_engine (self->context), id,
                                          self->cancellable, fetch_thread_cb, self);
}

/* The outbox */

static GtkWidget *
outbox_row_new (StewardOutboxEntry *entry)
{
  StewardOutboxState state = steward_outbox_entry_get_state (entry);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *chip = label_new (NULL, "status-chip", FALSE);
  GtkWidget *text;
  GtkWidget *buttons;
  const char *detail = NULL;
  g_autofree char *meta = NULL;
  GDateTime *when;
  gint64 id = steward_outbox_entry_get_id (entry);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "outbox-entry");

  steward_outbox_chip_set_state (GTK_LABEL (chip), state);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), chip);

  when = steward_outbox_entry_get_sent_at (entry);
  if (when == NULL)
    when = steward_outbox_entry_get_updated_at (entry);
  if (when != NULL)
    {
      g_autofree char *time = steward_relative_time_short (when, NULL);

      /* Translators: under a reply: who wrote it and when, e.g. "Mei · 5 min" */
      meta = g_strdup_printf (_("%s · %s"), steward_outbox_entry_get_author (entry) != NULL
                                            ? steward_outbox_entry_get_author (entry) : "", time);
    }
  text = label_new (meta, "dim-label", FALSE);
  gtk_widget_add_css_class (text, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (top), text);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (state == STEWARD_OUTBOX_STATE_FAILED || state == STEWARD_OUTBOX_STATE_HELD)
    {
      GtkWidget *retry = gtk_button_new_with_mnemonic (state == STEWARD_OUTBOX_STATE_FAILED
                                                       ? _("_Retry") : _("Send _Anyway"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "conversation.retry");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (retry), g_variant_new_int64 (id));
      gtk_widget_add_css_class (retry, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), retry);
    }
  if (state == STEWARD_OUTBOX_STATE_QUEUED || state == STEWARD_OUTBOX_STATE_FAILED ||
      state == STEWARD_OUTBOX_STATE_HELD)
    {
      GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "conversation.discard");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (discard), g_variant_new_int64 (id));
      gtk_widget_add_css_class (discard, "destructive-action");
      gtk_box_append (GTK_BOX (buttons), discard);
    }
  gtk_box_append (GTK_BOX (top), buttons);
  gtk_box_append (GTK_BOX (box), top);

  gtk_box_append (GTK_BOX (box), label_new (steward_outbox_entry_get_text (entry), NULL, TRUE));

  if (state == STEWARD_OUTBOX_STATE_FAILED)
    detail = steward_outbox_entry_get_error (entry);
  else if (state == STEWARD_OUTBOX_STATE_HELD)
    detail = steward_outbox_entry_get_hold_reason (entry);
  if (detail != NULL)
    {
      GtkWidget *reason = label_new (detail, state == STEWARD_OUTBOX_STATE_FAILED ? "error" : "warning", TRUE);

      gtk_box_append (GTK_BOX (box), reason);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
update_outbox (StewardConversation *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  clear_list_box (self->outbox_list);
  entries = steward_store_list_outbox (get_store (self), -1, steward_inbox_item_get_id (self->item), &error);
  if (entries == NULL)
    g_warning ("Could not read the outbox: %s", error->message);

  /* Oldest first, under the thread they answer. */
  for (guint i = entries != NULL ? entries->len : 0; i > 0; i--)
    gtk_list_box_append (self->outbox_list, outbox_row_new (g_ptr_array_index (entries, i - 1)));

  gtk_widget_set_visible (self->outbox_heading, entries != NULL && entries->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_list), entries != NULL && entries->len > 0);
}

/* Notes, events and the author's history */

static GtkWidget *
history_row_new (StewardHistoryEntry *entry,
                 gboolean             with_kind)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *time = dup_short_time (entry->at);
  const char *kind = NULL;
  const char *icon = NULL;
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (box, "history-entry");

  switch (entry->kind)
    {
    case STEWARD_HISTORY_ITEM:
      icon = "chat-message-new-symbolic";
      /* Translators: a line of an author's history: something they wrote to us */
      kind = C_("history", "Wrote");
      break;
    case STEWARD_HISTORY_REPLY:
      icon = "mail-send-symbolic";
      /* Translators: a line of an author's history: our reply to them */
      kind = C_("history", "We replied");
      break;
    case STEWARD_HISTORY_NOTE:
      icon = "document-edit-symbolic";
      /* Translators: a line of an author's history: an internal note */
      kind = C_("history", "Note");
      gtk_widget_add_css_class (box, "note-entry");
      break;
    case STEWARD_HISTORY_EVENT:
    default:
      icon = "document-open-recent-symbolic";
      kind = NULL;
      gtk_widget_add_css_class (box, "event-entry");
      break;
    }

  gtk_box_append (GTK_BOX (top), gtk_image_new_from_icon_name (icon));
  if (entry->actor != NULL)
    gtk_box_append (GTK_BOX (top), label_new (entry->actor, "heading", FALSE));
  if (with_kind && kind != NULL)
    gtk_box_append (GTK_BOX (top), label_new (kind, "dim-label", FALSE));
  if (with_kind && entry->account_label != NULL)
    {
      label = label_new (entry->account_label, "dim-label", FALSE);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (top), label);
    }
  label = label_new (time, "dim-label", FALSE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (top), label);
  gtk_box_append (GTK_BOX (box), top);

  label = label_new (entry->text != NULL ? entry->text : "",
                     entry->kind == STEWARD_HISTORY_EVENT ? "dim-label" : NULL, TRUE);
  if (entry->kind == STEWARD_HISTORY_ITEM || entry->kind == STEWARD_HISTORY_REPLY)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = label_new (text, "dim-label", TRUE);

  gtk_widget_add_css_class (label, "list-placeholder");
  return label;
}

static void
update_notes (StewardConversation *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  clear_list_box (self->notes_list);
  entries = steward_store_list_item_history (get_store (self), steward_inbox_item_get_id (self->item), &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the item's notes: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->notes_list, history_row_new (g_ptr_array_index (entries, i), FALSE));
}

static void
update_history (StewardConversation *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  clear_list_box (self->history_list);
  entries = steward_store_list_author_history (get_store (self), steward_inbox_item_get_id (self->item),
                                               HISTORY_LIMIT, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the author's history: %s", error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->history_list, history_row_new (g_ptr_array_index (entries, i), TRUE));
}

static gboolean
update_details_button_cb (gpointer data)
{
  StewardConversation *self = data;

  self->folded_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), adw_flap_get_folded (self->flap));

  return G_SOURCE_REMOVE;
}

/* Folded, the details slide over the thread on demand. The flap folds
 * while it is allocated: the toolbar changes after that, or it would miss
 * its own allocation. */
static void
on_flap_folded_cb (StewardConversation *self,
                   GParamSpec          *pspec,
                   AdwFlap             *flap)
{
  if (self->folded_id == 0)
    self->folded_id = g_idle_add (update_details_button_cb, self);
}

static void
reveal_details (StewardConversation *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

/* Brings the item's own post into view once the thread is laid out: its
 * ancestors come first. */
static gboolean
scroll_to_item_cb (gpointer data)
{
  StewardConversation *self = data;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled_window);
  graphene_point_t point;

  self->scroll_id = 0;
  if (self->item_post != NULL && content != NULL &&
      gtk_widget_compute_point (self->item_post, content, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (vadjustment, MAX (0, point.y - 48));

  return G_SOURCE_REMOVE;
}

static void
reload (StewardConversation *self)
{
  g_autoptr(StewardInboxItem) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gint64 fetched_at = 0;

  g_assert (STEWARD_IS_CONVERSATION (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);

  if (self->item == NULL || self->context == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      steward_composer_set_item (self->composer, NULL);
      return;
    }

  /* Read again: the object may no longer be one the model refreshes. */
  fresh = steward_store_get_inbox_item (get_store (self), steward_inbox_item_get_id (self->item), &error);
  if (fresh == NULL)
    {
      if (!g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
        g_warning ("Could not read the inbox item: %s", error->message);
      g_clear_object (&self->item);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      steward_composer_set_item (self->composer, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
      return;
    }
  g_set_object (&self->item, fresh);

  gtk_stack_set_visible_child_name (self->stack, "item");
  update_header (self);
  update_author (self);
  update_sla (self);
  update_assignee (self);
  update_tags (self);
  update_thread (self, &fetched_at);
  update_outbox (self);
  update_notes (self);
  update_history (self);
  steward_composer_set_item (self->composer, self->item);

  maybe_fetch_thread (self, fetched_at);
}

static gboolean
reload_cb (gpointer data)
{
  StewardConversation *self = data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
load_policy (StewardConversation *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->policy, steward_sla_policy_free);
  if (self->context == NULL)
    return;

  self->policy = steward_store_load_sla_policy (get_store (self), &error);
  if (self->policy == NULL)
    g_debug ("Could not read the SLA policy: %s", error->message);
}

static void
on_store_changed_cb (StewardConversation *self,
                     const char          *what,
                     StewardStore        *store)
{
  if (g_strcmp0 (what, "settings") == 0)
    load_policy (self);

  if (self->item != NULL && self->reload_id == 0)
    self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static gboolean
tick_cb (gpointer data)
{
  StewardConversation *self = data;

  update_sla (self);

  return G_SOURCE_CONTINUE;
}

static void
on_assignee_selected_cb (StewardConversation *self,
                         GParamSpec          *pspec,
                         GtkDropDown         *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *name;

  if (self->updating || self->item == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  name = selected == 0 ? "" : gtk_string_list_get_string (self->assignee_model, selected);
  if (g_strcmp0 (name, steward_inbox_item_get_assignee (self->item) != NULL
                       ? steward_inbox_item_get_assignee (self->item) : "") == 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.assign", "s", name);
}

static void
on_tag_entry_activate_cb (StewardConversation *self,
                          GtkEntry            *entry)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*tag == '#')
    memmove (tag, tag + 1, strlen (tag));
  if (*tag == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.tag", "s", tag);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_note_entry_activate_cb (StewardConversation *self,
                           GtkEntry            *entry)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*note == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.add-note", "s", note);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
show_uri (GtkWidget  *widget,
          const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
open_post_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);

  if (self->item != NULL)
    show_uri (widget, steward_inbox_item_get_url (self->item));
}

static void
open_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);

  if (self->item != NULL)
    show_uri (widget, steward_inbox_item_get_author_url (self->item));
}

static void
show_error (StewardConversation *self,
            const char          *title,
            const GError        *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STEWARD_IS_WINDOW (root))
    steward_window_show_error (STEWARD_WINDOW (root), title, error);
  else
    g_warning ("%s: %s", title, error->message);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &error))
    g_debug ("Sync after a retry failed: %s", error->message);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);
  g_autoptr(GError) error = NULL;

  if (self->context == NULL || self->item == NULL)
    return;

  if (!steward_store_retry_outbox_entry (get_store (self), g_variant_get_int64 (parameter), &error))
    {
      show_error (self, _("Could not send the reply again"), error);
      return;
    }

  steward_sync_engine_sync_async (steward_context_get_sync_engine (self->context),
                                  steward_inbox_item_get_account_id (self->item),
                                  NULL, sync_done_cb, NULL);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!steward_store_discard_outbox_entry (get_store (self), g_variant_get_int64 (parameter), &error))
    show_error (self, _("Could not discard the reply"), error);
}

static void
steward_conversation_map (GtkWidget *widget)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);

  GTK_WIDGET_CLASS (steward_conversation_parent_class)->map (widget);

  update_sla (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

static void
steward_conversation_unmap (GtkWidget *widget)
{
  StewardConversation *self = STEWARD_CONVERSATION (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (steward_conversation_parent_class)->unmap (widget);
}

static void
steward_conversation_dispose (GObject *object)
{
  StewardConversation *self = STEWARD_CONVERSATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_handle_id (&self->folded_id, g_source_remove);
  steward_conversation_set_context (self, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_CONVERSATION);
  g_clear_object (&self->item);
  g_clear_object (&self->tag_completion);
  g_clear_pointer (&self->policy, steward_sla_policy_free);

  G_OBJECT_CLASS (steward_conversation_parent_class)->dispose (object);
}

static void
steward_conversation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StewardConversation *self = STEWARD_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_FETCHING:
      g_value_set_boolean (value, self->fetching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_conversation_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  StewardConversation *self = STEWARD_CONVERSATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_conversation_set_context (self, g_value_get_object (value));
      break;

    case PROP_ITEM:
      steward_conversation_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_conversation_class_init (StewardConversationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_conversation_dispose;
  object_class->get_property = steward_conversation_get_property;
  object_class->set_property = steward_conversation_set_property;

  widget_class->map = steward_conversation_map;
  widget_class->unmap = steward_conversation_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         STEWARD_TYPE_INBOX_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FETCHING] =
    g_param_spec_boolean ("fetching", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-conversation.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, status_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, urgent_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, sentiment_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, snoozed_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, close_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, no_reply_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, flap);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, details_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, deleted_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, author_avatar);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, author_name_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, author_handle_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, author_meta_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, profile_button);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, sla_row);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, sla_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, assignee_model);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, tags_box);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, fetch_spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, fetch_error_label);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, thread_box);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, outbox_heading);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, notes_list);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, note_entry);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, history_list);
  gtk_widget_class_bind_template_child (widget_class, StewardConversation, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "conversation.open-post", NULL, open_post_action);
  gtk_widget_class_install_action (widget_class, "conversation.open-profile", NULL, open_profile_action);
  gtk_widget_class_install_action (widget_class, "conversation.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "conversation.discard", "x", discard_action);
}

static void
steward_conversation_init (StewardConversation *self)
{
  g_autoptr(GtkListStore) tags = gtk_list_store_new (1, G_TYPE_STRING);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->fetch_spinner), FALSE);
  /* The flap shows itself when it unfolds and hides when it folds. */
  g_object_bind_property (self->flap, "reveal-flap", self->details_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->tag_completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (self->tag_completion, GTK_TREE_MODEL (tags));
  gtk_entry_completion_set_text_column (self->tag_completion, 0);
  gtk_entry_completion_set_inline_completion (self->tag_completion, TRUE);
  gtk_entry_set_completion (self->tag_entry, self->tag_completion);

  gtk_list_box_set_placeholder (self->notes_list,
                                placeholder_new (_("No notes yet. Notes are for the team and are never sent.")));
  gtk_list_box_set_placeholder (self->history_list,
                                placeholder_new (_("Nothing earlier: this is the first time they wrote to us.")));
}

StewardContext *
steward_conversation_get_context (StewardConversation *self)
{
  g_return_val_if_fail (STEWARD_IS_CONVERSATION (self), NULL);

  return self->context;
}

void
steward_conversation_set_context (StewardConversation *self,
                                  StewardContext      *context)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (steward_context_get_store (self->context), self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (steward_context_get_store (context), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  load_policy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

StewardInboxItem *
steward_conversation_get_item (StewardConversation *self)
{
  g_return_val_if_fail (STEWARD_IS_CONVERSATION (self), NULL);

  return self->item;
}

void
steward_conversation_set_item (StewardConversation *self,
                               StewardInboxItem    *item)
{
  gboolean same_id;

  g_return_if_fail (STEWARD_IS_CONVERSATION (self));
  g_return_if_fail (item == NULL || STEWARD_IS_INBOX_ITEM (item));

  same_id = self->item != NULL && item != NULL &&
            steward_inbox_item_get_id (self->item) == steward_inbox_item_get_id (item);
  if (self->item == item || same_id)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_fetching (self, FALSE);
  self->fetched_item_id = 0;
  gtk_label_set_label (self->fetch_error_label, "");

  g_set_object (&self->item, item);
  reload (self);

  /* A new conversation starts at the item's post. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  if (self->item_post != NULL)
    self->scroll_id = g_timeout_add (50, scroll_to_item_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

gboolean
steward_conversation_get_fetching (StewardConversation *self)
{
  g_return_val_if_fail (STEWARD_IS_CONVERSATION (self), FALSE);

  return self->fetching;
}

StewardComposer *
steward_conversation_get_composer (StewardConversation *self)
{
  g_return_val_if_fail (STEWARD_IS_CONVERSATION (self), NULL);

  return self->composer;
}

void
steward_conversation_focus_tag_entry (StewardConversation *self)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));

  if (self->item == NULL)
    return;

  reveal_details (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

void
steward_conversation_focus_note_entry (StewardConversation *self)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));

  if (self->item == NULL)
    return;

  reveal_details (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_entry));
}

void
steward_conversation_popup_assignee (StewardConversation *self)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));

  if (self->item == NULL)
    return;

  reveal_details (self);

  /* GTK 4.8's drop-down has no "activate" signal yet: press its button. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->assignee_dropdown));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        gtk_widget_activate (child);
        break;
      }
}

void
steward_conversation_popup_snooze (StewardConversation *self)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));

  if (self->item != NULL)
    gtk_menu_button_popup (self->snooze_button);
}

void
steward_conversation_reload (StewardConversation *self)
{
  g_return_if_fail (STEWARD_IS_CONVERSATION (self));

  reload (self);
}
