/* test-listening.c — the Listening tab over a real workspace, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace is a real SQLite database in a temporary folder holding
 * known posts; saved queries are read by the page's worker threads; the
 * test walks the real widget tree.
 */
#include "ui-test-util.h"
#include <string.h>
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-listening-page.h"
#include "steward-listening-result-row.h"
#include "steward-new-query-dialog.h"
#include "steward-volume-chart.h"
#include "steward-window.h"

#define N_LUMEN 130

typedef struct {
  UiTestWorkspace ws;
  GtkWindow            *window;
  StewardListeningPage *page;
} Fixture;

/* Helpers */

/* A mapped label showing @text, if any. */
static GtkLabel *
find_label (gpointer    root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0 && gtk_widget_get_mapped (GTK_WIDGET (label)))
        return label;
    }

  return NULL;
}

static StewardRemotePost *
make_post (const char *remote_id,
           const char *text,
           gint64      when,
           int         author,
           gint64      followers)
{
  g_autofree char *url = g_strdup_printf ("https://example.social/@user%d/%s", author, remote_id);
  g_autofree char *author_id = g_strdup_printf ("%d", author);
  g_autofree char *acct = g_strdup_printf ("user%d@example.social", author);
  g_autofree char *name = g_strdup_printf ("User %d", author);

  return ui_test_post_new (remote_id, url, text, when, author_id, acct, name, followers);
}

static void
ingest (Fixture    *fixture,
        const char *prefix,
        const char *text,
        guint       n,
        gint64      newest,
        gint64      step)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);

      g_ptr_array_add (page->items,
                       steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id,
                                                make_post (id, text, newest - i * step, i % 7, 100 * (i % 7))));
    }
  g_assert_true (steward_store_ingest_page (fixture->ws.store, fixture->ws.account_id, STEWARD_STREAM_MENTIONS,
                                            page, NULL, &error));
  g_assert_no_error (error);
}

static void
add_query (Fixture    *fixture,
           const char *name,
           const char *query,
           const char *colour)
{
  g_autoptr(StewardListeningQuery) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = steward_store_add_listening_query (fixture->ws.store, name, query, colour, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

static void
open_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 760);
  fixture->page = g_object_new (STEWARD_TYPE_LISTENING_PAGE, "context", fixture->ws.context, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
}

static gboolean
page_idle (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->page)) &&
         !steward_listening_page_get_loading (fixture->page);
}

static guint
n_results (Fixture *fixture)
{
  g_autoptr(GPtrArray) views = find_widgets (fixture->page, GTK_TYPE_LIST_VIEW);

  /* The second list view is the results' (the first, the queries'). */
  g_assert_cmpuint (views->len, ==, 2);
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (g_ptr_array_index (views, 1))));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  ui_test_use_data_dir ();
  ui_test_workspace_open (&fixture->ws, "me", "Me", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new ();

  /* Whatever dialogs the test left open, then the page's window: a
   * dialog lets go of its parent when it goes. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));
  for (guint i = windows->len; i > 0; i--)
    if (g_ptr_array_index (windows, i - 1) != fixture->window)
      {
        gtk_window_destroy (g_ptr_array_index (windows, i - 1));
        g_object_unref (g_ptr_array_index (windows, i - 1));
      }
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      g_object_unref (fixture->window);
    }
  ui_test_workspace_close (&fixture->ws);
  /* Let the page's worker threads finish with their stores. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Tests */

static void
test_listening_empty (Fixture       *fixture,
                      gconstpointer  user_data)
{
  open_page (fixture);
  g_assert_true (wait_until (page_idle, fixture));
  g_assert_nonnull (find_label (fixture->page, "Listen to What People Say"));
  g_assert_null (steward_listening_page_get_selected_name (fixture->page));
}

typedef struct {
  Fixture    *fixture;
  const char *name;
} SelectedState;

static gboolean
report_shown (gpointer data)
{
  SelectedState *state = data;
  g_autoptr(GPtrArray) charts = NULL;

  if (!page_idle (state->fixture) ||
      g_strcmp0 (steward_listening_page_get_selected_name (state->fixture->page), state->name) != 0)
    return FALSE;

  charts = find_widgets (state->fixture->page, STEWARD_TYPE_VOLUME_CHART);
  /* Laid out, not only mapped. */
  return charts->len == 1 && gtk_widget_get_mapped (g_ptr_array_index (charts, 0)) &&
         gtk_widget_get_width (g_ptr_array_index (charts, 0)) > 0 &&
         steward_volume_chart_get_n_buckets (g_ptr_array_index (charts, 0)) > 0;
}

static gboolean
lumen_seen (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GError) error = NULL;

  return steward_store_count_listening_new (fixture->ws.store, "Lumen", &error) == 0;
}

static gboolean
more_results_loaded (gpointer data)
{
  return n_results (data) > 100;
}

static gboolean
seven_or_more_results (gpointer data)
{
  return page_idle (data) && n_results (data) > 6;
}

static gboolean
thirty_buckets (gpointer data)
{
  return steward_volume_chart_get_n_buckets (data) == 30;
}

static void
test_listening_queries (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SelectedState state = { fixture, "Lumen" };
  g_autoptr(GPtrArray) charts = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GError) error = NULL;
  StewardVolumeChart *chart;
  GtkAdjustment *adjustment;
  gboolean highlighted = FALSE;
  g_autofree char *count = NULL;

  /* Saved before the posts arrive, so they count as new. */
  add_query (fixture, "Lumen", "\"Lumen Grind\" -giveaway", "#3584e4");
  ingest (fixture, "lumen", "My Lumen Grind is great, love it", N_LUMEN, now - 60, 600);
  ingest (fixture, "gift", "Lumen Grind giveaway today", 4, now - 30, 600);
  ingest (fixture, "esp", "An espresso that is awful and broken", 6, now - 90, 3600);
  add_query (fixture, "Espresso", "espresso", "#ff7800");
  g_assert_cmpuint (steward_store_count_listening_new (fixture->ws.store, "Lumen", &error), ==, N_LUMEN);
  g_assert_no_error (error);

  open_page (fixture);

  /* Both queries in the sidebar, Lumen with its count of new posts. */
  g_assert_true (wait_until (page_idle, fixture));
  g_assert_nonnull (find_label (fixture->page, "Espresso"));
  g_assert_nonnull (find_label (fixture->page, "Lumen"));
  count = g_strdup_printf ("%u", N_LUMEN);
  g_assert_nonnull (find_label (fixture->page, count));

  g_assert_true (steward_listening_page_select_query (fixture->page, "Lumen"));
  g_assert_true (wait_until (report_shown, &state));

  /* The chart computed its 48 hourly buckets and drew them. */
  charts = find_widgets (fixture->page, STEWARD_TYPE_VOLUME_CHART);
  chart = g_ptr_array_index (charts, 0);
  g_assert_cmpuint (steward_volume_chart_get_n_buckets (chart), ==, 48);
  g_assert_cmpuint (steward_volume_chart_get_peak (chart), ==, 6);
  /* From nothing to six an hour, a day and more ago: a spike. */
  g_assert_cmpuint (steward_volume_chart_get_n_spikes (chart), >=, 1);
  /* Drawn at its allocated size, it has bars (a node, as wide as itself). */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 100);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (chart)->snapshot (GTK_WIDGET (chart), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  {
    graphene_rect_t bounds;

    gsk_render_node_get_bounds (node, &bounds);
    g_assert_cmpfloat (bounds.size.width, >, 100);
  }
  {
    g_autofree char *described = steward_volume_chart_describe_bucket (chart, 46);

    g_assert_nonnull (strstr (described, "6 posts"));
  }

  /* The first page of results, matches highlighted, the giveaway left out. */
  g_assert_cmpuint (n_results (fixture), ==, 100);
  rows = find_widgets (fixture->page, STEWARD_TYPE_LISTENING_RESULT_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      StewardListeningResultRow *row = g_ptr_array_index (rows, i);
      const char *markup = steward_listening_result_row_get_text_markup (row);

      g_assert_null (strstr (markup, "giveaway"));
      if (strstr (markup, "<b>") != NULL && strstr (markup, "Lumen") != NULL)
        highlighted = TRUE;
    }
  g_assert_true (highlighted);

  /* Shown, so seen. */
  g_assert_true (wait_until (lumen_seen, fixture));
  g_assert_true (wait_until (page_idle, fixture));
  g_assert_cmpstr (steward_listening_page_get_selected_name (fixture->page), ==, "Lumen");

  /* Scrolling to the end reads the next page. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (g_ptr_array_index (find_widgets (fixture->page, GTK_TYPE_LIST_VIEW), 1)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_true (wait_until (more_results_loaded, fixture));
  g_assert_cmpuint (n_results (fixture), ==, N_LUMEN);

  /* Per day for 30 days. */
  {
    GtkToggleButton *day_button = GTK_TOGGLE_BUTTON (find_label (fixture->page, "30 Days") != NULL
                                                     ? gtk_widget_get_parent (GTK_WIDGET (find_label (fixture->page, "30 Days")))
                                                     : NULL);

    g_assert_true (GTK_IS_TOGGLE_BUTTON (day_button));
    gtk_toggle_button_set_active (day_button, TRUE);
    g_assert_true (wait_until (thirty_buckets, chart));
    g_assert_true (wait_until (page_idle, fixture));
    g_assert_cmpuint (steward_volume_chart_get_peak (chart), >=, N_LUMEN / 2);
    gtk_toggle_button_set_active (day_button, FALSE);
  }

  /* Another query: its own results. */
  state.name = "Espresso";
  g_assert_true (steward_listening_page_select_query (fixture->page, "Espresso"));
  g_assert_true (wait_until (report_shown, &state));
  g_assert_cmpuint (n_results (fixture), ==, 6);
  g_assert_cmpuint (steward_volume_chart_get_peak (chart), ==, 1);

  /* A sync writes more matches: the page reads them again by itself. */
  ingest (fixture, "late", "One more espresso", 2, now - 10, 60);
  g_assert_true (wait_until (seven_or_more_results, fixture));
  g_assert_cmpuint (n_results (fixture), ==, 8);
}

static gboolean
dialog_open (gpointer data)
{
  return find_toplevel (STEWARD_TYPE_NEW_QUERY_DIALOG) != NULL;
}

static gboolean
message_dialog_open (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
selected_is (gpointer data)
{
  SelectedState *state = data;

  return g_strcmp0 (steward_listening_page_get_selected_name (state->fixture->page), state->name) == 0;
}

static void
test_listening_dialog_and_remove (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SelectedState state = { fixture, "Brand" };
  StewardNewQueryDialog *dialog;
  AdwMessageDialog *confirm;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;

  ingest (fixture, "b", "Lumen Grind brand news", 3, now - 100, 3600);
  add_query (fixture, "Other", "espresso", NULL);
  open_page (fixture);
  g_assert_true (wait_until (page_idle, fixture));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "listening.new-query", NULL));
  g_assert_true (wait_until (dialog_open, NULL));
  dialog = find_toplevel (STEWARD_TYPE_NEW_QUERY_DIALOG);

  /* Invalid queries: the parser's message with the position, no Add. */
  steward_new_query_dialog_set_name (dialog, "Brand");
  steward_new_query_dialog_set_query (dialog, "\"Lumen");
  g_assert_nonnull (steward_new_query_dialog_get_error (dialog));
  g_assert_nonnull (strstr (steward_new_query_dialog_get_error (dialog), "position 1"));
  g_assert_false (steward_new_query_dialog_get_can_add (dialog));
  g_assert_nonnull (find_label (dialog, steward_new_query_dialog_get_error (dialog)));

  steward_new_query_dialog_set_query (dialog, "Lumen OR");
  g_assert_nonnull (strstr (steward_new_query_dialog_get_error (dialog), "position 7"));
  g_assert_false (steward_new_query_dialog_get_can_add (dialog));

  /* A valid one saves, with the first palette colour, and is shown. */
  steward_new_query_dialog_set_query (dialog, "\"Lumen Grind\"");
  g_assert_null (steward_new_query_dialog_get_error (dialog));
  g_assert_true (steward_new_query_dialog_get_can_add (dialog));
  g_assert_cmpstr (steward_new_query_dialog_get_colour (dialog), ==, "#3584e4");
  g_assert_true (steward_new_query_dialog_add (dialog));
  g_assert_true (wait_until (selected_is, &state));
  g_assert_true (wait_until (report_shown, &state));
  g_assert_cmpuint (n_results (fixture), ==, 3);

  /* A name in use is refused in the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "listening.new-query", NULL));
  g_assert_true (wait_until (dialog_open, NULL));
  dialog = find_toplevel (STEWARD_TYPE_NEW_QUERY_DIALOG);
  steward_new_query_dialog_set_name (dialog, "Brand");
  steward_new_query_dialog_set_query (dialog, "grind");
  g_assert_false (steward_new_query_dialog_add (dialog));
  g_assert_nonnull (steward_new_query_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Removing asks first; cancelling keeps the query. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "listening.remove-query", NULL));
  g_assert_true (wait_until (message_dialog_open, NULL));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "cancel");
  queries = steward_store_list_listening_queries (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queries->len, ==, 2);
  g_clear_pointer (&queries, g_ptr_array_unref);
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "listening.remove-query", NULL));
  g_assert_true (wait_until (message_dialog_open, NULL));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "remove");
  queries = steward_store_list_listening_queries (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queries->len, ==, 1);
  g_assert_cmpstr (steward_listening_query_get_name (g_ptr_array_index (queries, 0)), ==, "Other");

  /* The page moved on to what is left. */
  state.name = "Other";
  g_assert_true (wait_until (selected_is, &state));
  g_assert_null (find_label (fixture->page, "Brand"));
}

/* Sending results to the Inbox, in the real window (for its toasts). */

static StewardListeningResultRow *
find_result_row (Fixture    *fixture,
                 const char *remote_id)
{
  g_autoptr(GPtrArray) rows = find_widgets (fixture->page, STEWARD_TYPE_LISTENING_RESULT_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      StewardListeningResultRow *row = g_ptr_array_index (rows, i);
      StewardPost *post = steward_listening_result_row_get_post (row);

      if (post != NULL && g_strcmp0 (steward_post_get_remote_id (post), remote_id) == 0 &&
          gtk_widget_get_mapped (GTK_WIDGET (row)))
        return row;
    }
  return NULL;
}

/* The row's button bound to the page's send-to-inbox action, or its
 * disabled form (no action). */
static GtkWidget *
find_send_button (StewardListeningResultRow *row)
{
  g_autoptr(GPtrArray) buttons = find_widgets (row, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *action = gtk_actionable_get_action_name (g_ptr_array_index (buttons, i));

      if (g_strcmp0 (action, "result.open") != 0)
        return g_ptr_array_index (buttons, i);
    }
  return NULL;
}

static gboolean
sent_toast_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_label (fixture->window, "Sent to the Inbox") != NULL;
}

static gint64
count_listening_items (Fixture *fixture)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n;

  filter.kind = STEWARD_ITEM_KIND_LISTENING;
  n = steward_store_count_inbox (fixture->ws.store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

static gboolean
found_by_listening_shown (gpointer data)
{
  Fixture *fixture = data;

  return find_label (fixture->window, "Found by listening") != NULL;
}

static gboolean
listening_item_exists (gpointer data)
{
  return count_listening_items (data) > 0;
}

static void
test_listening_send_to_inbox (Fixture       *fixture,
                              gconstpointer  user_data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  SelectedState state = { fixture, "Parcels" };
  g_autoptr(StewardPage) found = steward_page_new ();
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  StewardListeningResultRow *row;
  StewardListeningResultRow *mentioned;
  GtkWidget *button;
  gint64 post_id;
  gint64 item_id;

  /* Two posts found by listening only, one that mentions us (an item). */
  query = steward_store_add_listening_query (fixture->ws.store, "Parcels", "parcel", NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_add (found->posts, make_post ("heard0", "my parcel never came", now - 120, 3, 40));
  g_ptr_array_add (found->posts, make_post ("heard1", "parcel lost again, sigh", now - 240, 4, 90));
  g_assert_true (steward_store_ingest_listening_page (fixture->ws.store, fixture->ws.account_id,
                                                      steward_listening_query_get_id (query),
                                                      found, NULL, &error));
  g_assert_no_error (error);
  ingest (fixture, "ment", "where is my parcel", 1, now - 60, 60);
  g_assert_cmpint (count_listening_items (fixture), ==, 0);

  fixture->window = GTK_WINDOW (steward_window_new (NULL, fixture->ws.context));
  gtk_window_set_default_size (fixture->window, 1100, 760);
  steward_window_show_page (STEWARD_WINDOW (fixture->window), "listening");
  gtk_window_present (fixture->window);
  pages = find_widgets (fixture->window, STEWARD_TYPE_LISTENING_PAGE);
  g_assert_cmpuint (pages->len, ==, 1);
  fixture->page = g_ptr_array_index (pages, 0);
  g_assert_true (wait_until (page_idle, fixture));
  g_assert_true (steward_listening_page_select_query (fixture->page, "Parcels"));
  g_assert_true (wait_until (report_shown, &state));
  g_assert_cmpuint (n_results (fixture), ==, 3);

  /* The mention is in the Inbox already: its button says so, disabled. */
  mentioned = find_result_row (fixture, "ment0");
  g_assert_nonnull (mentioned);
  g_assert_true (steward_listening_result_row_get_in_inbox (mentioned));
  g_assert_false (gtk_widget_get_sensitive (find_send_button (mentioned)));
  g_assert_nonnull (find_label (mentioned, "In the Inbox"));

  row = find_result_row (fixture, "heard0");
  g_assert_nonnull (row);
  g_assert_false (steward_listening_result_row_get_in_inbox (row));
  g_assert_null (find_label (row, "In the Inbox"));
  button = find_send_button (row);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "listening.send-to-inbox");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Send to Inbox");

  /* Clicked (activated as by the keyboard, which clicks a moment later):
   * an item of kind listening, a toast, the button disabled. */
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (wait_until (listening_item_exists, fixture));
  post_id = steward_post_get_id (steward_listening_result_row_get_post (row));
  item_id = steward_store_find_post_inbox_item (fixture->ws.store, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id, >, 0);
  item = steward_store_get_inbox_item (fixture->ws.store, item_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_inbox_item_get_kind (item), ==, STEWARD_ITEM_KIND_LISTENING);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_NEW);
  g_assert_cmpstr (steward_inbox_item_get_remote_id (item), ==, "heard0");
  g_assert_cmpint (count_listening_items (fixture), ==, 1);
  g_assert_true (wait_until (sent_toast_shown, fixture));
  g_assert_true (steward_listening_result_row_get_in_inbox (row));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (find_label (row, "In the Inbox"));

  /* The other result is untouched; sending again by the action changes
   * nothing. */
  g_assert_false (steward_listening_result_row_get_in_inbox (find_result_row (fixture, "heard1")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "listening.send-to-inbox",
                                             "x", post_id));
  g_assert_cmpint (count_listening_items (fixture), ==, 1);
  g_assert_cmpint (steward_store_find_post_inbox_item (fixture->ws.store, post_id, &error), ==, item_id);

  /* The Inbox tab shows it for what it is. */
  steward_window_show_page (STEWARD_WINDOW (fixture->window), "inbox");
  g_assert_true (wait_until (found_by_listening_shown, fixture));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "listening", UI_TEST_DEFAULT))
    return 77;

  g_test_add ("/ui/listening/empty", Fixture, NULL,
              fixture_set_up, test_listening_empty, fixture_tear_down);
  g_test_add ("/ui/listening/queries", Fixture, NULL,
              fixture_set_up, test_listening_queries, fixture_tear_down);
  g_test_add ("/ui/listening/dialog-and-remove", Fixture, NULL,
              fixture_set_up, test_listening_dialog_and_remove, fixture_tear_down);
  g_test_add ("/ui/listening/send-to-inbox", Fixture, NULL,
              fixture_set_up, test_listening_send_to_inbox, fixture_tear_down);

  return ui_test_run ();
}
