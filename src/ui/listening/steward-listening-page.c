/* steward-listening-page.c — the Listening tab: saved queries, their
 * volume, sentiment, voices and results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything about the selected query is read by a worker thread with its
 * own store (steward-listening-report.c); the page only shows reports and
 * cancels the one in flight when the selection changes or the page goes.
 * Results page in STEWARD_LISTENING_PAGE_SIZE at a time as the list is
 * scrolled to its end.
 */
#define G_LOG_DOMAIN "steward-listening"

#include <glib/gi18n.h>

#include "steward-listening-page.h"
#include "steward-listening-report.h"
#include "steward-listening-result-row.h"
#include "steward-new-query-dialog.h"
#include "steward-volume-chart.h"
#include "steward-window.h"

#define REFRESH_DELAY_MS 750

struct _StewardListeningPage
{
  AdwBin                  parent_instance;

  StewardContext         *context;
  StewardListeningModel  *model;
  GtkSingleSelection     *selection;
  GListStore             *results;
  GHashTable             *bound_rows;     /* result rows showing a post */
  StewardListeningReport *report;
  StewardSentimentAnalyzer *analyzer;
  GCancellable           *cancellable;

  char                   *selected_name;
  guint                   shown_n_new;
  gboolean                model_changing;
  gboolean                loading;
  gboolean                loading_more;
  gboolean                exhausted;
  guint                   refresh_id;

  /* Template widgets */
  GtkStack               *stack;
  GtkListView            *query_list_view;
  GtkStack               *content_stack;
  GtkSpinner             *loading_spinner;
  AdwStatusPage          *error_status_page;
  GtkLabel               *title_label;
  GtkLabel               *stage_label;
  GtkLabel               *query_label;
  GtkSpinner             *refresh_spinner;
  GtkToggleButton        *hour_button;
  GtkToggleButton        *day_button;
  GtkLabel               *chart_caption;
  StewardVolumeChart     *chart;
  GtkLabel               *sentiment_caption;
  GtkLabel               *voices_reach_label;
  GtkLabel               *voices_volume_label;
  GtkLabel               *share_caption;
  GtkDrawingArea         *share_area;
  GtkLabel               *share_legend_label;
  GtkStack               *results_stack;
  GtkScrolledWindow      *results_scroller;
  GtkListView            *results_list_view;
};

static void load_report (StewardListeningPage *self);

G_DEFINE_FINAL_TYPE (StewardListeningPage, steward_listening_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const stage_classes[] = {
  "stage-quiet", "stage-emerging", "stage-exploding", "stage-spreading", "stage-fading",
};

/* Helpers */

static StewardListeningQuery *
get_selected_query (StewardListeningPage *self)
{
  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

static guint
find_query (StewardListeningPage *self,
            const char           *name)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(StewardListeningQuery) query = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (g_strcmp0 (steward_listening_query_get_name (query), name) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
set_loading (StewardListeningPage *self,
             gboolean              loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->refresh_spinner, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
cancel_loads (StewardListeningPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading_more = FALSE;
  set_loading (self, FALSE);
}

static StewardStore *
get_store (StewardListeningPage *self)
{
  return self->context != NULL ? steward_context_get_store (self->context) : NULL;
}

static char *
voices_markup (GPtrArray *voices,
               gboolean   by_reach)
{
  GString *markup = g_string_new (NULL);

  if (voices == NULL || voices->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No one yet"), -1);

      g_string_append_printf (markup, "<span alpha=\"60%%\">%s</span>", none);
      return g_string_free (markup, FALSE);
    }

  for (guint i = 0; i < voices->len; i++)
    {
      const StewardVoice *voice = g_ptr_array_index (voices, i);
      const char *name = voice->display_name != NULL && voice->display_name[0] != '\0'
                         ? voice->display_name : voice->acct;
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *figure = NULL;
      g_autofree char *escaped_figure = NULL;

      if (by_reach && voice->followers >= 0)
        figure = g_strdup_printf (g_dngettext (NULL, "%u follower", "%u followers", (gulong) voice->followers),
                                  (guint) MIN (voice->followers, G_MAXUINT));
      else
        figure = g_strdup_printf (g_dngettext (NULL, "%u post", "%u posts", voice->n_posts), voice->n_posts);
      escaped_figure = g_markup_escape_text (figure, -1);

      if (i > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "%s <span alpha=\"60%%\" size=\"small\">%s</span>", escaped, escaped_figure);
    }

  return g_string_free (markup, FALSE);
}

static void
show_share (StewardListeningPage *self)
{
  GString *legend = g_string_new (NULL);
  guint total = 0;

  for (guint i = 0; i < self->report->share->len; i++)
    total += ((StewardShareEntry *) g_ptr_array_index (self->report->share, i))->count;

  for (guint i = 0; i < self->report->share->len; i++)
    {
      const StewardShareEntry *entry = g_ptr_array_index (self->report->share, i);
      g_autofree char *name = g_markup_escape_text (entry->name, -1);
      double percent = total > 0 ? 100.0 * entry->count / total : 0;

      if (i > 0)
        g_string_append (legend, "   ");
      /* The name is escaped markup; the percentage needs no translation. */
      g_string_append_printf (legend, "<span foreground=\"%s\">●</span> %s <span alpha=\"60%%\">%.0f%%</span>",
                              entry->colour != NULL ? entry->colour : "#3584e4", name, percent);
    }

  gtk_label_set_markup (self->share_legend_label, legend->str);
  g_string_free (legend, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->share_area));
}

static void
show_report (StewardListeningPage *self)
{
  StewardListeningReport *report = self->report;
  StewardListeningQuery *query = get_selected_query (self);
  g_autofree char *reach = NULL;
  g_autofree char *volume = NULL;
  guint positive = 0, neutral = 0, negative = 0;

  g_assert (report != NULL);

  if (query != NULL)
    {
      gtk_label_set_text (self->title_label, steward_listening_query_get_name (query));
      gtk_label_set_text (self->query_label, steward_listening_query_get_query (query));
    }

  for (guint i = 0; i < G_N_ELEMENTS (stage_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->stage_label), stage_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->stage_label), stage_classes[report->stage]);
  gtk_label_set_text (self->stage_label, steward_topic_stage_get_display_name (report->stage));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->stage_label),
                               _("Where the topic is in its life, read from its volume over the last two weeks"));

  steward_volume_chart_set_series (self->chart, report->start, report->bucket_seconds, report->counts,
                                   report->positive, report->neutral, report->negative, report->n_buckets,
                                   report->spikes,
                                   query != NULL ? steward_listening_query_get_colour (query) : NULL);
  gtk_label_set_text (self->chart_caption,
                      report->interval == STEWARD_VOLUME_HOUR ? _("Posts per hour") : _("Posts per day"));

  for (guint i = 0; i < report->n_buckets; i++)
    {
      positive += report->positive[i];
      neutral += report->neutral[i];
      negative += report->negative[i];
    }
  {
    g_autofree char *caption = NULL;

    /* Translators: under the volume chart; the strip is green, grey and red */
    caption = g_strdup_printf (_("Sentiment: %u positive, %u neutral, %u negative"), positive, neutral, negative);
    gtk_label_set_text (self->sentiment_caption, caption);
  }

  reach = voices_markup (report->voices_by_reach, TRUE);
  volume = voices_markup (report->voices_by_volume, FALSE);
  gtk_label_set_markup (self->voices_reach_label, reach);
  gtk_label_set_markup (self->voices_volume_label, volume);

  gtk_label_set_text (self->share_caption,
                      report->interval == STEWARD_VOLUME_HOUR ? _("Share of Voice, Last 48 Hours")
                                                              : _("Share of Voice, Last 30 Days"));
  show_share (self);

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       report->results->pdata, report->results->len);
  self->exhausted = report->results->len < STEWARD_LISTENING_PAGE_SIZE;
  gtk_stack_set_visible_child_name (self->results_stack, report->results->len > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->content_stack, "report");
}

static void
mark_seen (StewardListeningPage *self)
{
  StewardListeningQuery *query = get_selected_query (self);
  g_autoptr(GError) error = NULL;

  /* Shown: what was new has been seen. Only write when there is something
   * to clear, since the write reloads the query list. */
  self->shown_n_new = 0;
  if (query == NULL || steward_listening_query_get_n_new (query) == 0)
    return;

  if (!steward_store_mark_listening_seen (get_store (self), steward_listening_query_get_name (query), &error))
    g_warning ("Could not mark %s as seen: %s", steward_listening_query_get_name (query), error->message);
}

/* Callbacks */

static void
on_report_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StewardListeningPage) self = user_data;
  g_autoptr(StewardListeningReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = steward_listening_report_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (report == NULL)
    {
      g_warning ("Could not read listening query %s: %s", self->selected_name, error->message);
      adw_status_page_set_description (self->error_status_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  g_debug ("Read listening query %s: %u buckets, %u results", self->selected_name,
           report->n_buckets, report->results->len);
  if (self->analyzer == NULL)
    self->analyzer = g_object_ref (report->analyzer);
  g_clear_pointer (&self->report, steward_listening_report_free);
  self->report = g_steal_pointer (&report);
  show_report (self);
  mark_seen (self);
}

static void
on_more_results_loaded_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(StewardListeningPage) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = steward_listening_results_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_more = FALSE;
  if (results == NULL)
    {
      g_warning ("Could not read more results of %s: %s", self->selected_name, error->message);
      self->exhausted = TRUE;
      return;
    }

  self->exhausted = results->len < STEWARD_LISTENING_PAGE_SIZE;
  g_list_store_splice (self->results, g_list_model_get_n_items (G_LIST_MODEL (self->results)), 0,
                       results->pdata, results->len);
}

static void
maybe_load_more (StewardListeningPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->results_scroller);
  g_autofree char *path = NULL;
  double value = gtk_adjustment_get_value (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (self->loading || self->loading_more || self->exhausted || self->selected_name == NULL ||
      self->cancellable == NULL || value + page_size < upper - page_size)
    return;

  self->loading_more = TRUE;
  path = steward_context_dup_database_path (self->context);
  steward_listening_results_load_async (path, self->selected_name,
                                        g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                                        self->analyzer, self->cancellable,
                                        on_more_results_loaded_cb, g_object_ref (self));
}

static void
on_results_adjustment_changed_cb (StewardListeningPage *self)
{
  maybe_load_more (self);
}

static void
load_report (StewardListeningPage *self)
{
  g_autofree char *path = NULL;
  StewardVolumeInterval interval;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_loads (self);
  if (self->selected_name == NULL || self->context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");

  interval = gtk_toggle_button_get_active (self->day_button) ? STEWARD_VOLUME_DAY : STEWARD_VOLUME_HOUR;
  g_debug ("Reading listening query %s per %s", self->selected_name,
           interval == STEWARD_VOLUME_DAY ? "day" : "hour");
  path = steward_context_dup_database_path (self->context);
  steward_listening_report_load_async (path, self->selected_name, interval, g_get_real_time () / G_USEC_PER_SEC,
                                       self->analyzer, self->cancellable,
                                       on_report_loaded_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer data)
{
  StewardListeningPage *self = data;

  self->refresh_id = 0;
  load_report (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (StewardListeningPage *self)
{
  if (self->selected_name == NULL || self->refresh_id != 0)
    return;

  /* Syncs write in bursts of pages: read once they settle. */
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
on_store_changed_cb (StewardListeningPage *self,
                     const char           *what,
                     StewardStore         *store)
{
  schedule_refresh (self);
}

static void
on_selection_changed_cb (StewardListeningPage *self)
{
  StewardListeningQuery *query;

  if (self->model_changing)
    return;

  query = get_selected_query (self);
  if (query != NULL && g_strcmp0 (steward_listening_query_get_name (query), self->selected_name) == 0)
    return;

  g_clear_pointer (&self->selected_name, g_free);
  g_clear_pointer (&self->report, steward_listening_report_free);
  g_list_store_remove_all (self->results);
  steward_volume_chart_clear (self->chart);
  if (query == NULL)
    {
      cancel_loads (self);
      return;
    }

  self->selected_name = g_strdup (steward_listening_query_get_name (query));
  self->shown_n_new = steward_listening_query_get_n_new (query);
  load_report (self);
}

static void
on_model_items_changed_cb (StewardListeningPage *self)
{
  self->model_changing = TRUE;
}

static void
on_model_items_changed_after_cb (StewardListeningPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint position = GTK_INVALID_LIST_POSITION;

  self->model_changing = FALSE;
  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "queries" : "empty");

  /* The model reloads whole: keep showing the same query. */
  if (self->selected_name != NULL)
    position = find_query (self, self->selected_name);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      StewardListeningQuery *query;

      gtk_single_selection_set_selected (self->selection, position);
      query = get_selected_query (self);
      /* New matches arrived for the query on screen. */
      if (steward_listening_query_get_n_new (query) > self->shown_n_new)
        {
          self->shown_n_new = steward_listening_query_get_n_new (query);
          schedule_refresh (self);
        }
    }
  else
    on_selection_changed_cb (self);
}

static void
on_interval_toggled_cb (StewardListeningPage *self)
{
  load_report (self);
}

static void
share_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  StewardListeningPage *self = data;
  guint total = 0;
  double x = 0;

  if (self->report == NULL || self->report->share == NULL)
    return;

  for (guint i = 0; i < self->report->share->len; i++)
    total += ((StewardShareEntry *) g_ptr_array_index (self->report->share, i))->count;

  if (total == 0)
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.15);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      return;
    }

  for (guint i = 0; i < self->report->share->len; i++)
    {
      const StewardShareEntry *entry = g_ptr_array_index (self->report->share, i);
      double segment = (double) width * entry->count / total;
      GdkRGBA colour;

      if (entry->colour == NULL || !gdk_rgba_parse (&colour, entry->colour))
        gdk_rgba_parse (&colour, "#3584e4");
      /* The query on screen stands out; the others recede a little. */
      if (g_strcmp0 (entry->name, self->selected_name) != 0)
        colour.alpha = 0.55;
      gdk_cairo_set_source_rgba (cr, &colour);
      cairo_rectangle (cr, x, 0, segment, height);
      cairo_fill (cr);
      x += segment;
    }
}

static void
setup_query_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (badge, "status-chip");
  gtk_widget_add_css_class (badge, "status-new");
  gtk_widget_add_css_class (badge, "numeric");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_query_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  data)
{
  StewardListeningQuery *query = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *dot = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (dot);
  GtkWidget *badge = gtk_widget_get_next_sibling (name);
  const char *colour = steward_listening_query_get_colour (query);
  g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\">●</span>",
                                             colour != NULL ? colour : "#3584e4");
  g_autofree char *count = NULL;
  guint n_new = steward_listening_query_get_n_new (query);

  gtk_label_set_markup (GTK_LABEL (dot), markup);
  gtk_label_set_text (GTK_LABEL (name), steward_listening_query_get_name (query));
  gtk_widget_set_tooltip_text (box, steward_listening_query_get_query (query));
  count = g_strdup_printf ("%u", n_new);
  gtk_label_set_text (GTK_LABEL (badge), count);
  gtk_widget_set_visible (badge, n_new > 0);
}

static void
setup_result_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  data)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, steward_listening_result_row_new ());
}

/* One indexed lookup per row on screen, not per result loaded. */
static void
update_row_in_inbox (StewardListeningPage      *self,
                     StewardListeningResultRow *row)
{
  g_autoptr(GError) error = NULL;
  StewardPost *post = steward_listening_result_row_get_post (row);
  gint64 item_id;

  if (post == NULL || get_store (self) == NULL)
    return;
  item_id = steward_store_find_post_inbox_item (get_store (self), steward_post_get_id (post), &error);
  if (item_id < 0)
    g_warning ("Could not tell whether a post is in the inbox: %s", error->message);
  steward_listening_result_row_set_in_inbox (row, item_id > 0);
}

static void
bind_result_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  data)
{
  StewardListeningPage *self = data;
  StewardListeningResultRow *row = STEWARD_LISTENING_RESULT_ROW (gtk_list_item_get_child (list_item));

  steward_listening_result_row_set_post (row, gtk_list_item_get_item (list_item));
  update_row_in_inbox (self, row);
  if (self->bound_rows != NULL)
    g_hash_table_add (self->bound_rows, row);
}

static void
unbind_result_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  data)
{
  StewardListeningPage *self = data;

  if (self->bound_rows != NULL)
    g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (list_item));
}

static void
on_store_inbox_changed_cb (StewardListeningPage *self,
                           const char           *what,
                           StewardStore         *store)
{
  GHashTableIter iter;
  gpointer row;

  if (self->bound_rows == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    update_row_in_inbox (self, row);
}

static void
send_to_inbox_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (get_store (self) == NULL)
    return;

  if (steward_store_send_to_inbox (get_store (self), g_variant_get_int64 (parameter), &error) == 0)
    {
      g_debug ("Could not send a post to the inbox: %s", error->message);
      if (STEWARD_IS_WINDOW (root))
        steward_window_show_error (STEWARD_WINDOW (root), _("Could not send the post to the Inbox"), error);
      return;
    }

  /* The rows follow through "changed::inbox". */
  if (STEWARD_IS_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (_("Sent to the Inbox"));

      adw_toast_set_timeout (toast, 4);
      steward_window_add_toast (STEWARD_WINDOW (root), toast);
    }
}

static void
on_query_added_cb (StewardListeningPage *self,
                   const char           *name)
{
  steward_listening_page_select_query (self, name);
}

static void
new_query_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (widget);
  GtkWidget *dialog;
  GtkRoot *root;

  if (get_store (self) == NULL)
    return;

  dialog = steward_new_query_dialog_new (get_store (self));
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "query-added", G_CALLBACK (on_query_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_remove_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       StewardListeningPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "query-name");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0 || get_store (self) == NULL)
    return;

  if (!steward_store_remove_listening_query (get_store (self), name, &error))
    g_warning ("Could not remove listening query %s: %s", name, error->message);
}

static void
remove_query_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (widget);
  StewardListeningQuery *query = get_selected_query (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (query == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Query?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” and its record of new posts will be removed. The posts stay in the cache."),
                                  steward_listening_query_get_name (query));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "query-name",
                          g_strdup (steward_listening_query_get_name (query)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject overrides */

static void
steward_listening_page_dispose (GObject *object)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (object);

  cancel_loads (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_LISTENING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->results);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->report, steward_listening_report_free);
  g_clear_object (&self->analyzer);
  g_clear_pointer (&self->selected_name, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_listening_page_parent_class)->dispose (object);
}

static void
steward_listening_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_listening_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StewardListeningPage *self = STEWARD_LISTENING_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_listening_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_listening_page_class_init (StewardListeningPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_listening_page_dispose;
  object_class->get_property = steward_listening_page_get_property;
  object_class->set_property = steward_listening_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_VOLUME_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/listening/steward-listening-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, query_list_view);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, error_status_page);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, stage_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, query_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, hour_button);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, day_button);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, chart_caption);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, chart);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, sentiment_caption);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, voices_reach_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, voices_volume_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, share_caption);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, share_area);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, share_legend_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningPage, results_list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_interval_toggled_cb);

  gtk_widget_class_install_action (widget_class, "listening.new-query", NULL, new_query_action_cb);
  gtk_widget_class_install_action (widget_class, "listening.remove-query", NULL, remove_query_action_cb);
  gtk_widget_class_install_action (widget_class, "listening.send-to-inbox", "x", send_to_inbox_action_cb);
}

static void
steward_listening_page_init (StewardListeningPage *self)
{
  GtkListItemFactory *factory;
  GtkAdjustment *adjustment;
  g_autoptr(GtkNoSelection) no_selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_query_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_query_row_cb), self);
  gtk_list_view_set_factory (self->query_list_view, factory);
  g_object_unref (factory);

  self->results = g_list_store_new (STEWARD_TYPE_POST);
  self->bound_rows = g_hash_table_new (NULL, NULL);
  no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_list_view_set_model (self->results_list_view, GTK_SELECTION_MODEL (no_selection));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_result_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_result_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_result_row_cb), self);
  gtk_list_view_set_factory (self->results_list_view, factory);
  g_object_unref (factory);

  adjustment = gtk_scrolled_window_get_vadjustment (self->results_scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_results_adjustment_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_results_adjustment_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->share_area, share_draw_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.new-query", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.remove-query", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.send-to-inbox", FALSE);
}

/* Public API */

StewardContext *
steward_listening_page_get_context (StewardListeningPage *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_PAGE (self), NULL);

  return self->context;
}

void
steward_listening_page_set_context (StewardListeningPage *self,
                                    StewardContext       *context)
{
  StewardStore *store;

  g_return_if_fail (STEWARD_IS_LISTENING_PAGE (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (self->context == context)
    return;

  cancel_loads (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (steward_context_get_store (self->context), self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_list_view_set_model (self->query_list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selected_name, g_free);
  g_clear_pointer (&self->report, steward_listening_report_free);
  g_list_store_remove_all (self->results);
  g_set_object (&self->context, context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.new-query", context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.remove-query", context != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "listening.send-to-inbox", context != NULL);

  if (context != NULL)
    {
      store = steward_context_get_store (context);
      self->model = steward_listening_model_new (store);
      /* Connected before the selection's own handler and after it: see
       * on_model_items_changed_after_cb(). */
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (on_model_items_changed_after_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (self->selection, "notify::selected-item",
                               G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_view_set_model (self->query_list_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_object (store, "changed::posts", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::inbox", G_CALLBACK (on_store_inbox_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_set_visible_child_name (self->stack,
                                        g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
                                        ? "queries" : "empty");
      on_selection_changed_cb (self);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

const char *
steward_listening_page_get_selected_name (StewardListeningPage *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_PAGE (self), NULL);

  return self->selected_name;
}

gboolean
steward_listening_page_select_query (StewardListeningPage *self,
                                     const char           *name)
{
  guint position;

  g_return_val_if_fail (STEWARD_IS_LISTENING_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->model == NULL || (position = find_query (self, name)) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);

  return TRUE;
}

gboolean
steward_listening_page_get_loading (StewardListeningPage *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_PAGE (self), FALSE);

  return self->loading;
}
