/* steward-inbox-page.c — the Inbox tab: views, the queue and a conversation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three panes in a leaflet that folds on narrow windows: the views with
 * their counts, the queue of the selected view (a paged StewardInboxModel
 * behind a multi-selection) and the conversation of the selected item.
 * Every triage change is an action of the "inbox" group with a keyboard
 * shortcut; single-letter shortcuts stand aside while the user types.
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <glib/gi18n.h>

#include "steward-conversation.h"
#include "steward-inbox-page.h"
#include "steward-inbox-row.h"
#include "steward-inbox-sidebar.h"
#include "steward-triage-labels.h"
#include "steward-window.h"

/* How far show_item() and re-selection after a change look for an item's
 * row: the model pages from SQLite and must never be walked whole. */
#define FIND_LIMIT 500
#define RESELECT_LIMIT 100

struct _StewardInboxPage
{
  AdwBin               parent_instance;

  StewardContext      *context;
  StewardInboxModel   *model;
  GtkMultiSelection   *selection;
  StewardInboxItem    *current;
  StewardInboxSort     sort;
  gint64               due_soon;

  guint                scroll_to_top_id;
  guint                folded_id;
  gboolean             selecting;

  /* Template widgets */
  GtkStack            *stack;
  AdwLeaflet          *leaflet;
  StewardInboxSidebar *sidebar;
  AdwClamp            *queue_clamp;
  GtkWidget           *queue_back_button;
  GtkLabel            *queue_title_label;
  GtkStack            *queue_stack;
  GtkScrolledWindow   *scrolled_window;
  GtkListView         *list_view;
  AdwStatusPage       *queue_empty_page;
  GtkRevealer         *bulk_revealer;
  GtkLabel            *bulk_label;
  GtkMenuButton       *bulk_assign_button;
  GtkMenuButton       *bulk_tag_button;
  GtkPopover          *bulk_tag_popover;
  GtkEntry            *bulk_tag_entry;
  GtkWidget           *conversation_header;
  GtkLabel            *conversation_title_label;
  GtkStack            *detail_stack;
  StewardConversation *conversation;
  AdwStatusPage       *bulk_page;
};

static void    update_bulk_assign_menu (StewardInboxPage *self);
static guint64 update_bulk             (StewardInboxPage *self,
                                        GtkBitset        *selected);

G_DEFINE_FINAL_TYPE (StewardInboxPage, steward_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sort_names[] = { "newest", "oldest", "urgency", "sla-due" };

/* Helpers */

static StewardStore *
get_store (StewardInboxPage *self)
{
  return self->context != NULL ? steward_context_get_store (self->context) : NULL;
}

static guint
get_n_items (StewardInboxPage *self)
{
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

static gint64
item_id_at (StewardInboxPage *self,
            guint             position)
{
  g_autoptr(StewardInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  return item != NULL ? steward_inbox_item_get_id (item) : 0;
}

static guint
find_position (StewardInboxPage *self,
               gint64            item_id,
               guint             limit)
{
  guint n = MIN (get_n_items (self), limit);

  for (guint i = 0; i < n; i++)
    if (item_id_at (self, i) == item_id)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
show_error (StewardInboxPage *self,
            const char       *title,
            const GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STEWARD_IS_WINDOW (root))
    steward_window_show_error (STEWARD_WINDOW (root), title, error);
  else
    g_warning ("%s: %s", title, error != NULL ? error->message : "");
}

static void
add_toast (StewardInboxPage *self,
           const char       *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STEWARD_IS_WINDOW (root))
    steward_window_add_toast (STEWARD_WINDOW (root), adw_toast_new (title));
}

static void
update_stack (StewardInboxPage *self)
{
  StewardInboxFilter everything = STEWARD_INBOX_FILTER_INIT;
  guint n_total = 0;
  guint n_items = get_n_items (self);

  g_assert (STEWARD_IS_INBOX_PAGE (self));

  /* The whole workspace empty (no item in any view, snoozed ones
   * included) is the honest "nothing yet"; an empty view is not. */
  if (self->context != NULL)
    {
      n_total = n_items;
      if (n_total == 0)
        {
          guint counts[STEWARD_INBOX_VIEW_SNOOZED + 1] = { 0, };

          if (steward_store_count_views (get_store (self), &everything, counts, G_N_ELEMENTS (counts), NULL))
            n_total = counts[STEWARD_INBOX_VIEW_ALL] + counts[STEWARD_INBOX_VIEW_SNOOZED];
          else
            n_total = steward_store_count_inbox (get_store (self), &everything, NULL);
        }
    }

  gtk_stack_set_visible_child_name (self->stack, n_total > 0 ? "workspace" : "empty");
  gtk_stack_set_visible_child_name (self->queue_stack, n_items > 0 ? "list" : "empty");
}

/* The ids triage actions work on: the selected rows when several are
 * selected, else the item shown. */
static GArray *
dup_target_ids (StewardInboxPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection != NULL)
    selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  if (selected != NULL && gtk_bitset_get_size (selected) > 1)
    {
      GtkBitsetIter iter;
      guint position;

      for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
           ok;
           ok = gtk_bitset_iter_next (&iter, &position))
        {
          gint64 id = item_id_at (self, position);

          if (id > 0)
            g_array_append_val (ids, id);
        }
    }
  else if (self->current != NULL)
    {
      gint64 id = steward_inbox_item_get_id (self->current);

      g_array_append_val (ids, id);
    }

  return ids;
}

static guint
get_selected_position (StewardInboxPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return GTK_INVALID_LIST_POSITION;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) == 1)
    return gtk_bitset_get_nth (selected, 0);

  if (self->current != NULL)
    return find_position (self, steward_inbox_item_get_id (self->current), RESELECT_LIMIT);

  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (StewardInboxPage *self,
                 guint             position)
{
  if (self->selection == NULL || position >= get_n_items (self))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
set_current (StewardInboxPage *self,
             StewardInboxItem *item)
{
  g_autofree char *title = NULL;

  if (self->current == item)
    return;

  g_set_object (&self->current, item);
  steward_conversation_set_item (self->conversation, item);

  if (item != NULL)
    {
      const char *name = steward_inbox_item_get_author_name (item);

      title = g_strdup (name != NULL && *name != '\0' ? name : steward_inbox_item_get_author (item));
    }
  gtk_label_set_label (self->conversation_title_label, title != NULL ? title : "");
}

/* Applies @change to the targets; when the item shown leaves the view
 * (closed in New, say), the row that took its place is shown next. */
static gboolean
change_targets (StewardInboxPage        *self,
                const StewardItemChange *change)
{
  g_autoptr(GArray) ids = dup_target_ids (self);
  g_autoptr(GError) error = NULL;
  guint position = get_selected_position (self);
  gint64 current_id = self->current != NULL ? steward_inbox_item_get_id (self->current) : 0;
  gboolean bulk = ids->len > 1;

  if (ids->len == 0 || self->context == NULL)
    return FALSE;

  if (!steward_store_change_items (get_store (self), (gint64 *) ids->data, ids->len, change, &error))
    {
      show_error (self, _("Could not change the item"), error);
      return FALSE;
    }

  /* The model has already followed the store's "changed" signal. */
  if (!bulk && current_id != 0 && position != GTK_INVALID_LIST_POSITION &&
      find_position (self, current_id, RESELECT_LIMIT) == GTK_INVALID_LIST_POSITION)
    {
      guint n = get_n_items (self);

      if (n > 0)
        select_position (self, MIN (position, n - 1));
    }

  return TRUE;
}

static void
apply_filter (StewardInboxPage *self)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;

  if (self->model == NULL)
    return;

  steward_inbox_sidebar_get_filter (self->sidebar, &filter);
  filter.sort = self->sort;
  steward_inbox_model_set_filter (self->model, &filter);
  gtk_label_set_label (self->queue_title_label, steward_inbox_sidebar_get_title (self->sidebar));
  update_stack (self);
}

static void
load_due_soon (StewardInboxPage *self)
{
  g_autoptr(StewardSlaPolicy) policy = NULL;

  self->due_soon = STEWARD_SLA_DEFAULT_DUE_SOON;
  if (self->context == NULL)
    return;

  policy = steward_store_load_sla_policy (get_store (self), NULL);
  if (policy != NULL)
    self->due_soon = steward_sla_policy_get_due_soon (policy);
}

static gint64
local_time_at (GDateTime *day,
               int        days_ahead,
               int        hour)
{
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) shifted = NULL;

  midnight = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                    g_date_time_get_day_of_month (day), hour, 0, 0);
  shifted = g_date_time_add_days (midnight, days_ahead);

  return g_date_time_to_unix (shifted);
}

static gint64
snooze_preset_time (const char *preset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 now_unix = g_date_time_to_unix (now);

  if (g_strcmp0 (preset, "hour") == 0)
    return now_unix + 3600;
  if (g_strcmp0 (preset, "evening") == 0)
    {
      gint64 evening = local_time_at (now, 0, 18);

      return evening > now_unix + 15 * 60 ? evening : local_time_at (now, 1, 18);
    }
  if (g_strcmp0 (preset, "tomorrow") == 0)
    return local_time_at (now, 1, 9);
  if (g_strcmp0 (preset, "monday") == 0)
    {
      /* 1 = Monday … 7 = Sunday; a Monday means the next one. */
      int weekday = g_date_time_get_day_of_week (now);

      return local_time_at (now, 8 - weekday, 9);
    }
  if (g_strcmp0 (preset, "wake") == 0)
    return -1;

  return 0;
}

static void
snooze (StewardInboxPage *self,
        gint64            until)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;

  if (until == 0)
    return;

  change.snooze_until = until;
  change_targets (self, &change);
}

/* Callbacks */

static gboolean
scroll_to_top_cb (gpointer data)
{
  StewardInboxPage *self = data;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  self->scroll_to_top_id = 0;
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  return G_SOURCE_REMOVE;
}

static void
on_model_items_changed_cb (StewardInboxPage *self,
                           guint             position,
                           guint             removed,
                           guint             added,
                           GListModel       *model)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  update_stack (self);

  /* Side by side, the first item is shown rather than an empty pane. */
  if (self->current == NULL && added > 0 && !adw_leaflet_get_folded (self->leaflet) &&
      self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      if (gtk_bitset_is_empty (selected))
        {
          self->selecting = TRUE;
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
          self->selecting = FALSE;
        }
    }

  /* The list view keeps its top row in place when items are inserted above
   * it. Someone watching the top of the inbox wants to see what arrives,
   * so follow the new items there, once the list has been laid out
   * (hence after the redraw). Someone scrolled down keeps their place. */
  if (position == 0 && added > removed &&
      gtk_adjustment_get_value (vadjustment) <= gtk_adjustment_get_lower (vadjustment) + 1.0 &&
      self->scroll_to_top_id == 0)
    self->scroll_to_top_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, self, NULL);

  /* Rows that left the view left the selection without a signal. */
  if (removed > 0 && self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      update_bulk (self, selected);
    }

  /* A replaced list drops the selection: select the item shown again if
   * it is still in the view. */
  if (removed > 0 && self->current != NULL && self->selection != NULL)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      if (gtk_bitset_is_empty (selected))
        {
          guint found = find_position (self, steward_inbox_item_get_id (self->current), RESELECT_LIMIT);

          if (found != GTK_INVALID_LIST_POSITION)
            {
              self->selecting = TRUE;
              gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), found, TRUE);
              self->selecting = FALSE;
            }
        }
    }
}

/* The bulk bar and the summary show while several rows are selected. */
static guint64
update_bulk (StewardInboxPage *self,
             GtkBitset        *selected)
{
  guint64 n_selected = gtk_bitset_get_size (selected);

  if (n_selected > 1)
    {
      g_autofree char *text = NULL;

      /* Translators: the bulk action bar; %u is a number of inbox items */
      text = g_strdup_printf (g_dngettext (NULL, "%u selected", "%u selected", (gulong) n_selected),
                              (guint) n_selected);
      gtk_label_set_label (self->bulk_label, text);
      g_free (text);
      /* Translators: title beside the bulk bar; %u is a number of items */
      text = g_strdup_printf (g_dngettext (NULL, "%u Item Selected", "%u Items Selected", (gulong) n_selected),
                              (guint) n_selected);
      adw_status_page_set_title (self->bulk_page, text);
      if (!gtk_revealer_get_reveal_child (self->bulk_revealer))
        update_bulk_assign_menu (self);
      gtk_revealer_set_reveal_child (self->bulk_revealer, TRUE);
      gtk_stack_set_visible_child_name (self->detail_stack, "bulk");
    }
  else
    {
      gtk_revealer_set_reveal_child (self->bulk_revealer, FALSE);
      gtk_stack_set_visible_child_name (self->detail_stack, "conversation");
    }

  return n_selected;
}

static void
on_selection_changed_cb (StewardInboxPage  *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *selection)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  if (update_bulk (self, selected) == 1)
    {
      g_autoptr(StewardInboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                                gtk_bitset_get_nth (selected, 0));

      if (item == NULL)
        return;

      /* A re-selection after a refresh is no choice of the user's. */
      if (!self->selecting && adw_leaflet_get_folded (self->leaflet) &&
          (self->current == NULL || steward_inbox_item_get_id (self->current) != steward_inbox_item_get_id (item)))
        adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
      set_current (self, item);
    }
}

static void
on_sidebar_filter_changed_cb (StewardInboxPage    *self,
                              StewardInboxSidebar *sidebar)
{
  apply_filter (self);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "queue");
}

#define QUEUE_WIDTH 380

static gboolean
update_folded_cb (gpointer data)
{
  StewardInboxPage *self = data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->folded_id = 0;
  gtk_widget_set_visible (self->queue_back_button, folded);
  gtk_widget_set_visible (self->conversation_header, folded);
  /* Alone on screen, the queue takes the width. */
  adw_clamp_set_maximum_size (self->queue_clamp, folded ? G_MAXINT / 2 : QUEUE_WIDTH);
  adw_clamp_set_tightening_threshold (self->queue_clamp, folded ? G_MAXINT / 2 : QUEUE_WIDTH);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is allocated: the panes change after that. */
static void
on_leaflet_folded_cb (StewardInboxPage *self,
                      GParamSpec       *pspec,
                      AdwLeaflet       *leaflet)
{
  /* Folded, the queue is where one starts. */
  if (adw_leaflet_get_folded (leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "views") == 0)
    adw_leaflet_set_visible_child_name (leaflet, "queue");

  if (self->folded_id == 0)
    self->folded_id = g_idle_add (update_folded_cb, self);
}

static void
on_store_changed_cb (StewardInboxPage *self,
                     const char       *what,
                     StewardStore     *store)
{
  if (g_strcmp0 (what, "settings") == 0)
    load_due_soon (self);
  if (g_strcmp0 (what, "inbox") == 0 || g_strcmp0 (what, "accounts") == 0)
    update_stack (self);
}

static void
on_bulk_tag_entry_activate_cb (StewardInboxPage *self,
                               GtkEntry         *entry)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*tag == '\0')
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.tag", "s", tag[0] == '#' ? tag + 1 : tag);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_popover_popdown (self->bulk_tag_popover);
}

/* The bulk bar's assign menu lists the team as it is when the bar shows. */
static void
update_bulk_assign_menu (StewardInboxPage *self)
{
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) section = NULL;
  g_auto(GStrv) team = NULL;

  if (self->context == NULL)
    return;

  menu = g_menu_new ();
  section = g_menu_new ();
  g_menu_append (section, _("Assign to _Me"), "inbox.assign-to-me");
  g_menu_append (section, _("_Unassign"), "inbox.assign::");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_clear_object (&section);

  section = g_menu_new ();
  team = steward_store_list_team (get_store (self), NULL);
  for (guint i = 0; team != NULL && team[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (team[i], NULL);

      g_menu_item_set_action_and_target_value (item, "inbox.assign", g_variant_new_string (team[i]));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_menu_button_set_menu_model (self->bulk_assign_button, G_MENU_MODEL (menu));
}

static void
on_row_setup_cb (GtkListItemFactory *factory,
                 GtkListItem        *list_item,
                 gpointer            user_data)
{
  gtk_list_item_set_child (list_item, steward_inbox_row_new ());
}

static void
on_row_bind_cb (GtkListItemFactory *factory,
                GtkListItem        *list_item,
                StewardInboxPage   *self)
{
  StewardInboxRow *row = STEWARD_INBOX_ROW (gtk_list_item_get_child (list_item));

  steward_inbox_row_set_due_soon (row, self->due_soon);
  steward_inbox_row_set_item (row, gtk_list_item_get_item (list_item));
}

static void
on_row_unbind_cb (GtkListItemFactory *factory,
                  GtkListItem        *list_item,
                  gpointer            user_data)
{
  steward_inbox_row_set_item (STEWARD_INBOX_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/* Actions */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  gboolean next = g_str_equal (action_name, "inbox.next");
  guint position = get_selected_position (self);
  guint n = get_n_items (self);

  if (n == 0)
    return;

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (next && position + 1 < n)
    position++;
  else if (!next && position > 0)
    position--;

  select_position (self, position);
}

static void
status_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;

  if (g_str_equal (action_name, "inbox.close"))
    change.status = STEWARD_ITEM_STATUS_CLOSED;
  else if (g_str_equal (action_name, "inbox.reopen"))
    change.status = STEWARD_ITEM_STATUS_OPEN;
  else if (g_str_equal (action_name, "inbox.pending"))
    change.status = STEWARD_ITEM_STATUS_PENDING;
  else
    change.status = g_variant_get_int32 (parameter);

  if (change.status < STEWARD_ITEM_STATUS_NEW || change.status > STEWARD_ITEM_STATUS_CLOSED)
    return;

  change_targets (self, &change);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);

  if (self->current == NULL)
    return;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
  gtk_stack_set_visible_child_name (self->detail_stack, "conversation");
  steward_composer_focus (steward_conversation_get_composer (self->conversation));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardComposer *composer = steward_conversation_get_composer (self->conversation);
  g_autoptr(GError) error = NULL;

  if (steward_composer_send (composer, &error) == 0 && error != NULL)
    show_error (self, _("Could not queue the reply"), error);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  g_autofree char *me = NULL;

  if (self->context == NULL)
    return;

  if (g_str_equal (action_name, "inbox.assign-to-me"))
    change.assignee = me = steward_store_dup_me (get_store (self));
  else
    change.assignee = g_variant_get_string (parameter, NULL);

  change_targets (self, &change);
}

static void
assign_popover_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);

  if (gtk_revealer_get_reveal_child (self->bulk_revealer))
    gtk_menu_button_popup (self->bulk_assign_button);
  else
    steward_conversation_popup_assignee (self->conversation);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char *tags[2] = { g_variant_get_string (parameter, NULL), NULL };

  if (*tags[0] == '\0')
    return;

  if (g_str_equal (action_name, "inbox.untag"))
    change.remove_tags = tags;
  else
    change.add_tags = tags;

  change_targets (self, &change);
}

static void
tag_popover_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);

  if (gtk_revealer_get_reveal_child (self->bulk_revealer))
    gtk_menu_button_popup (self->bulk_tag_button);
  else
    steward_conversation_focus_tag_entry (self->conversation);
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;

  change.note = g_variant_get_string (parameter, NULL);
  if (*change.note == '\0')
    return;

  change_targets (self, &change);
}

static void
note_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "conversation");
  steward_conversation_focus_note_entry (self->conversation);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  snooze (STEWARD_INBOX_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
snooze_preset_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  snooze (STEWARD_INBOX_PAGE (widget), snooze_preset_time (g_variant_get_string (parameter, NULL)));
}

static void
snooze_popover_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  steward_conversation_popup_snooze (STEWARD_INBOX_PAGE (widget)->conversation);
}

static void
on_custom_snooze_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              StewardInboxPage *self)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (dialog), "calendar");
  GtkSpinButton *hour = g_object_get_data (G_OBJECT (dialog), "hour");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (g_strcmp0 (response, "snooze") != 0)
    return;

  day = gtk_calendar_get_date (calendar);
  when = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (hour), 0, 0);
  if (when != NULL)
    snooze (self, g_date_time_to_unix (when));
}

static void
snooze_custom_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *box;
  GtkWidget *hour_box;
  GtkWidget *calendar;
  GtkWidget *hour;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Snooze Until…"),
                                   _("The item leaves the views and comes back at this time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "snooze", _("_Snooze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "snooze",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "snooze");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  calendar = gtk_calendar_new ();
  gtk_box_append (GTK_BOX (box), calendar);
  hour_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (hour_box, GTK_ALIGN_CENTER);
  /* Translators: beside the hour of a custom snooze */
  gtk_box_append (GTK_BOX (hour_box), gtk_label_new (_("At")));
  hour = gtk_spin_button_new_with_range (0, 23, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (hour), 9);
  gtk_box_append (GTK_BOX (hour_box), hour);
  gtk_box_append (GTK_BOX (hour_box), gtk_label_new (":00"));
  gtk_box_append (GTK_BOX (box), hour_box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "calendar", calendar);
  g_object_set_data (G_OBJECT (dialog), "hour", hour);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_custom_snooze_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_no_reply_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;

  if (self->current == NULL)
    return;

  change.needs_reply = steward_inbox_item_get_needs_reply (self->current) ? 0 : 1;
  if (change_targets (self, &change))
    add_toast (self, change.needs_reply ? _("Marked as needing a reply")
                                        : _("Marked as needing no reply"));
}

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet,
                                      g_str_equal (action_name, "inbox.show-views") ? "views" : "queue");
}

/* Single letters are shortcuts only while nobody types. */
static gboolean
letter_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *action_name = g_variant_get_string (args, NULL);

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;

  return gtk_widget_activate_action_variant (widget, action_name, NULL);
}

/* Escape leaves an entry or the composer for the queue, where the
 * single-letter shortcuts work again. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !(GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* GObject */

static void
steward_inbox_page_dispose (GObject *object)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_handle_id (&self->scroll_to_top_id, g_source_remove);
  g_clear_handle_id (&self->folded_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_INBOX_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->current);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_inbox_page_parent_class)->dispose (object);
}

static void
steward_inbox_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SORT:
      g_value_set_string (value, sort_names[self->sort]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_inbox_page_set_context (self, g_value_get_object (value));
      break;

    case PROP_SORT:
      for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_strcmp0 (g_value_get_string (value), sort_names[i]) == 0 && self->sort != (StewardInboxSort) i)
          {
            self->sort = i;
            apply_filter (self);
            g_object_notify_by_pspec (object, pspec);
          }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_letter (GtkWidgetClass  *widget_class,
            guint            keyval,
            GdkModifierType  modifiers,
            const char      *action_name)
{
  gtk_widget_class_add_binding (widget_class, keyval, modifiers, letter_shortcut_cb, "s", action_name);
}

static void
steward_inbox_page_class_init (StewardInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_inbox_page_dispose;
  object_class->get_property = steward_inbox_page_get_property;
  object_class->set_property = steward_inbox_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "newest",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_INBOX_SIDEBAR);
  g_type_ensure (STEWARD_TYPE_CONVERSATION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, queue_clamp);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, queue_back_button);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, queue_title_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, queue_empty_page);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_assign_button);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_tag_button);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_tag_popover);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_tag_entry);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, conversation_header);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, conversation_title_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, conversation);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, bulk_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bulk_tag_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "inbox.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "inbox.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "inbox.close", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "inbox.reopen", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "inbox.pending", NULL, status_action);
  gtk_widget_class_install_action (widget_class, "inbox.set-status", "i", status_action);
  gtk_widget_class_install_action (widget_class, "inbox.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "inbox.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "inbox.assign", "s", assign_action);
  gtk_widget_class_install_action (widget_class, "inbox.assign-to-me", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "inbox.assign-popover", NULL, assign_popover_action);
  gtk_widget_class_install_action (widget_class, "inbox.tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "inbox.untag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "inbox.tag-popover", NULL, tag_popover_action);
  gtk_widget_class_install_action (widget_class, "inbox.add-note", "s", add_note_action);
  gtk_widget_class_install_action (widget_class, "inbox.note", NULL, note_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze", "x", snooze_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze-preset", "s", snooze_preset_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze-custom", NULL, snooze_custom_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze-popover", NULL, snooze_popover_action);
  gtk_widget_class_install_action (widget_class, "inbox.toggle-no-reply", NULL, toggle_no_reply_action);
  gtk_widget_class_install_action (widget_class, "inbox.show-views", NULL, show_pane_action);
  gtk_widget_class_install_action (widget_class, "inbox.show-queue", NULL, show_pane_action);
  gtk_widget_class_install_property_action (widget_class, "inbox.sort", "sort");

  /* Shifted letters first: a binding for "e" would take Shift+E too. */
  add_letter (widget_class, GDK_KEY_E, GDK_SHIFT_MASK, "inbox.reopen");
  add_letter (widget_class, GDK_KEY_A, GDK_SHIFT_MASK, "inbox.assign-to-me");
  add_letter (widget_class, GDK_KEY_j, 0, "inbox.next");
  add_letter (widget_class, GDK_KEY_k, 0, "inbox.previous");
  add_letter (widget_class, GDK_KEY_e, 0, "inbox.close");
  add_letter (widget_class, GDK_KEY_p, 0, "inbox.pending");
  add_letter (widget_class, GDK_KEY_r, 0, "inbox.reply");
  add_letter (widget_class, GDK_KEY_a, 0, "inbox.assign-popover");
  add_letter (widget_class, GDK_KEY_t, 0, "inbox.tag-popover");
  add_letter (widget_class, GDK_KEY_n, 0, "inbox.note");
  add_letter (widget_class, GDK_KEY_s, 0, "inbox.snooze-popover");
  add_letter (widget_class, GDK_KEY_u, 0, "inbox.toggle-no-reply");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "inbox.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "inbox.send", NULL);
}

static void
steward_inbox_page_init (StewardInboxPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->due_soon = STEWARD_SLA_DEFAULT_DUE_SOON;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_label_set_label (self->queue_title_label, steward_inbox_sidebar_get_title (self->sidebar));
  update_stack (self);
}

/* Public API */

StewardContext *
steward_inbox_page_get_context (StewardInboxPage *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), NULL);

  return self->context;
}

void
steward_inbox_page_set_context (StewardInboxPage *self,
                                StewardContext   *context)
{
  g_return_if_fail (STEWARD_IS_INBOX_PAGE (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (steward_context_get_store (self->context), self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  set_current (self, NULL);

  g_set_object (&self->context, context);

  /* The list view asks only for the rows it shows; the model reads them a
   * page at a time from SQLite. Nothing here may walk the whole model. */
  if (context != NULL)
    {
      StewardStore *store = steward_context_get_store (context);

      load_due_soon (self);
      self->model = steward_inbox_model_new (store);
      self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      /* On the selection, which re-emits the change once it has followed
       * it, and after the list view's own handler: selecting from the
       * handler is then safe. */
      g_signal_connect_object (self->selection, "items-changed",
                               G_CALLBACK (on_model_items_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->selection, "selection-changed",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      apply_filter (self);
    }

  update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

GListModel *
steward_inbox_page_get_model (StewardInboxPage *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), NULL);

  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}

StewardInboxItem *
steward_inbox_page_get_current_item (StewardInboxPage *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), NULL);

  return self->current;
}

gboolean
steward_inbox_page_show_item (StewardInboxPage *self,
                              gint64            item_id)
{
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), FALSE);

  if (self->context == NULL)
    return FALSE;

  item = steward_store_get_inbox_item (get_store (self), item_id, &error);
  if (item == NULL)
    {
      g_debug ("No inbox item %" G_GINT64_FORMAT ": %s", item_id, error->message);
      return FALSE;
    }

  position = find_position (self, item_id, FIND_LIMIT);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      steward_inbox_sidebar_select_view (self->sidebar, STEWARD_INBOX_VIEW_ALL);
      position = find_position (self, item_id, FIND_LIMIT);
    }

  gtk_stack_set_visible_child_name (self->stack, "workspace");
  if (position != GTK_INVALID_LIST_POSITION)
    select_position (self, position);
  else
    {
      /* Snoozed, or far down the list: show it all the same. */
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      set_current (self, item);
    }

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "conversation");

  return TRUE;
}

void
steward_inbox_page_select_view (StewardInboxPage *self,
                                StewardInboxView  view)
{
  g_return_if_fail (STEWARD_IS_INBOX_PAGE (self));

  steward_inbox_sidebar_select_view (self->sidebar, view);
}
