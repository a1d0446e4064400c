/* test-inbox-triage.c — the Inbox as a triage workspace, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fake Mastodon server runs in its own thread; the workspace is a real
 * SQLite database in a temporary folder; replies go through the real
 * outbox and sync engine over loopback HTTP; the test drives the real
 * window through its actions and reads the real widgets.
 */
#include "ui-test-util.h"
#include "server-test-util.h"
#include <string.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <steward/steward.h>

#include "steward-composer.h"
#include "steward-conversation.h"
#include "steward-inbox-page.h"
#include "steward-inbox-sidebar.h"
#include "steward-number-format.h"
#include "steward-reply-length.h"
#include "steward-sources.h"
#include "steward-window.h"
#include "sync/steward-test-monitor.h"

#define N_MENTIONS 4
#define MAX_CHARACTERS 120

typedef struct {
  char                  *data_dir;
  StewardContext        *context;
  StewardMastodonServer *server;
  StewardWindow         *window;
  StewardInboxPage      *page;
  StewardInboxSidebar   *sidebar;
  char                  *mention_status;    /* the status Lin's mention is about */
} Fixture;

/* Helpers */

typedef struct {
  StewardInboxSidebar *sidebar;
  StewardInboxView     view;
  guint                count;
} CountWait;

static gboolean
view_count_is (gpointer data)
{
  CountWait *wait = data;

  return steward_inbox_sidebar_get_count (wait->sidebar, wait->view) == wait->count;
}

static void
assert_view_count (Fixture          *fixture,
                   StewardInboxView  view,
                   guint             count)
{
  CountWait wait = { fixture->sidebar, view, count };

  if (!wait_until (view_count_is, &wait))
    g_error ("View %s counts %u, expected %u", steward_inbox_view_to_string (view),
             steward_inbox_sidebar_get_count (fixture->sidebar, view), count);
}

static gboolean
model_has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
model_holds (GListModel *model,
             gint64      item_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(StewardInboxItem) item = g_list_model_get_item (model, i);

      if (item != NULL && steward_inbox_item_get_id (item) == item_id)
        return TRUE;
    }

  return FALSE;
}

static StewardInboxItem *
get_item (Fixture *fixture,
          gint64   item_id)
{
  g_autoptr(GError) error = NULL;
  StewardInboxItem *item;

  item = steward_store_get_inbox_item (steward_context_get_store (fixture->context), item_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);

  return item;
}

/* The id of the inbox item about @remote_id (a status id). */
static gint64
find_item_for_status (Fixture    *fixture,
                      const char *remote_status)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = steward_store_list_inbox (steward_context_get_store (fixture->context), &filter, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (items, i);
      const char *url = steward_inbox_item_get_url (item);

      if (steward_inbox_item_get_kind (item) == STEWARD_ITEM_KIND_MENTION &&
          url != NULL && g_str_has_suffix (url, remote_status))
        return steward_inbox_item_get_id (item);
    }

  g_assert_not_reached ();
}

/* Replies to @status_id on the server, read from its context endpoint as
 * any client would. */
static guint
count_server_replies (Fixture    *fixture,
                      const char *status_id,
                      const char *our_acct)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  JsonArray *descendants;
  guint n = 0;

  uri = g_strdup_printf ("%s/api/v1/statuses/%s/context",
                         steward_mastodon_server_get_base_url (fixture->server), status_id);
  message = soup_message_new ("GET", uri);
  soup_message_headers_append (soup_message_get_request_headers (message),
                               "Authorization", "Bearer " SERVER_TEST_TOKEN);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  descendants = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "descendants");
  for (guint i = 0; i < json_array_get_length (descendants); i++)
    {
      JsonObject *status = json_array_get_object_element (descendants, i);
      JsonObject *account = json_object_get_object_member (status, "account");

      if (g_strcmp0 (json_object_get_string_member (status, "in_reply_to_id"), status_id) == 0 &&
          g_strcmp0 (json_object_get_string_member (account, "acct"), our_acct) == 0)
        n++;
    }

  return n;
}

typedef struct {
  Fixture *fixture;
  gint64   item_id;
} OutboxWait;

static gboolean
outbox_sent (gpointer data)
{
  OutboxWait *wait = data;
  g_autoptr(GPtrArray) entries = NULL;

  entries = steward_store_list_outbox (steward_context_get_store (wait->fixture->context),
                                       -1, wait->item_id, NULL);
  return entries != NULL && entries->len == 1 &&
         steward_outbox_entry_get_state (g_ptr_array_index (entries, 0)) == STEWARD_OUTBOX_STATE_SENT;
}

static GtkTextView *
find_composer_text (StewardInboxPage *page)
{
  StewardConversation *conversation = find_widget (page, STEWARD_TYPE_CONVERSATION);
  StewardComposer *composer = steward_conversation_get_composer (conversation);

  return find_widget (composer, GTK_TYPE_TEXT_VIEW);
}

static GtkLabel *
find_label_with_class (gpointer    root,
                       const char *css_class)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      return g_ptr_array_index (labels, i);

  return NULL;
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  StewardMastodonStatusSpec spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *friend = NULL;
  g_autofree char *mention = NULL;

  ui_test_use_data_dir ();
  fixture->context = ui_test_open_workspace (&fixture->data_dir);
  steward_sources_register_all (fixture->context);

  fixture->server = server_test_start (N_MENTIONS - 1, 2, &friend);
  steward_mastodon_server_set_max_characters (fixture->server, MAX_CHARACTERS);

  /* Lin's mention, the newest item. */
  spec.author_id = friend;
  spec.text = "@brand my grinder arrived broken, what now?";
  fixture->mention_status = steward_mastodon_server_add_status (fixture->server, &spec, &error);
  g_assert_no_error (error);
  mention = steward_mastodon_server_add_mention (fixture->server, fixture->mention_status, &error);
  g_assert_no_error (error);

  server_test_add_account (fixture->context, fixture->server);

  fixture->window = steward_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (wait_until (window_mapped, fixture->window));
  steward_window_show_page (fixture->window, "inbox");

  fixture->page = find_widget (fixture->window, STEWARD_TYPE_INBOX_PAGE);
  fixture->sidebar = find_widget (fixture->page, STEWARD_TYPE_INBOX_SIDEBAR);

  ui_test_sync (fixture->context);
  g_assert_true (wait_until (model_has_items, steward_inbox_page_get_model (fixture->page)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  g_clear_object (&fixture->context);
  if (fixture->server != NULL)
    steward_mastodon_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->mention_status, g_free);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* Tests */

static void
test_reply_length (void)
{
  g_autofree char *long_url = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (steward_reply_length ("", NULL), ==, 0);
  g_assert_cmpuint (steward_reply_length ("hello", NULL), ==, 5);
  /* Characters, not bytes. */
  g_assert_cmpuint (steward_reply_length ("你好，世界", NULL), ==, 5);
  /* An emoji with a skin tone is one character, as the server counts. */
  g_assert_cmpuint (steward_reply_length ("👍🏽", NULL), ==, 1);
  /* Every link counts 23, short or long; trailing punctuation is text. */
  g_assert_cmpuint (steward_reply_length ("https://a.io", NULL), ==, 23);
  long_url = g_strnfill (200, 'x');
  text = g_strdup_printf ("see https://example.com/%s.", long_url);
  g_assert_cmpuint (steward_reply_length (text, NULL), ==, 4 + 23 + 1);
  /* A remote mention counts only its user part; a local one as it is. */
  g_assert_cmpuint (steward_reply_length ("@lin@social.example hi", NULL), ==, 4 + 3);
  g_assert_cmpuint (steward_reply_length ("@lin hi", NULL), ==, 7);
  /* An e-mail address is no mention. */
  g_assert_cmpuint (steward_reply_length ("me@example.com", NULL), ==, 14);
  /* The content warning counts too. */
  g_assert_cmpuint (steward_reply_length ("body", "cw"), ==, 6);
}

static void
test_number_format (void)
{
  static const struct {
    gint64      n;
    const char *language;
    const char *expected;
  } cases[] = {
    { 0, "en", "0" },
    { 9999, "en", "9999" },
    { 12345, "en", "12k" },
    { 999499, "en", "999k" },
    { 999500, "en", "1M" },
    { 1234567, "en", "1.2M" },
    { 9999, "zh_CN", "9999" },
    { 12345, "zh_CN", "1.2万" },
    { 123456, "zh_CN", "12万" },
    { 10000, "zh_CN", "1万" },
    { 123456789, "zh_CN", "1.2亿" },
    { 12345, "zh_TW", "1.2萬" },
    { 123456789, "zh_TW", "1.2億" },
    { 12345, "zh_HK", "1.2萬" },
    { -12345, "en", "-12k" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = steward_number_format_compact (cases[i].n, cases[i].language);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  g_assert_null (steward_number_format_followers (-1));
}

static gboolean
popover_shown (gpointer data)
{
  g_autoptr(GPtrArray) popovers = find_widgets (data, GTK_TYPE_POPOVER);

  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (popovers, i)))
      return TRUE;

  return FALSE;
}

static void
test_views (Fixture       *fixture,
            gconstpointer  user_data)
{
  StewardStore *store = steward_context_get_store (fixture->context);
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(StewardInboxItem) other = NULL;
  g_autofree char *me = steward_store_dup_me (store);
  gint64 item_id = find_item_for_status (fixture, fixture->mention_status);
  LabelWait wait;

  /* Every item is new and nobody's yet. */
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_UNASSIGNED, N_MENTIONS);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_ALL, N_MENTIONS);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_MINE, 0);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_CLOSED, 0);
  g_assert_true (label_shows (fixture->sidebar, "Unassigned"));

  /* Shift+A: assigned to me, it moves from Unassigned to Mine. */
  steward_window_show_item (fixture->window, item_id);
  g_assert_nonnull (steward_inbox_page_get_current_item (fixture->page));
  g_assert_cmpint (steward_inbox_item_get_id (steward_inbox_page_get_current_item (fixture->page)), ==, item_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.assign-to-me", NULL));
  item = get_item (fixture, item_id);
  g_assert_cmpstr (steward_inbox_item_get_assignee (item), ==, me);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_MINE, 1);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_UNASSIGNED, N_MENTIONS - 1);

  /* "a" opens the assignee list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.assign-popover", NULL));
  g_assert_true (wait_until (popover_shown, fixture->page));
  {
    g_autoptr(GPtrArray) popovers = find_widgets (fixture->page, GTK_TYPE_POPOVER);

    for (guint i = 0; i < popovers->len; i++)
      gtk_popover_popdown (g_ptr_array_index (popovers, i));
  }

  /* "p": waiting for the customer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.pending", NULL));
  assert_view_count (fixture, STEWARD_INBOX_VIEW_PENDING, 1);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS - 1);

  /* Picking the Pending view shows just that item. */
  steward_inbox_page_select_view (fixture->page, STEWARD_INBOX_VIEW_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (steward_inbox_page_get_model (fixture->page)), ==, 1);
  g_assert_true (model_holds (steward_inbox_page_get_model (fixture->page), item_id));

  /* An empty view says so, in the queue only. */
  steward_inbox_page_select_view (fixture->page, STEWARD_INBOX_VIEW_CLOSED);
  g_assert_cmpuint (g_list_model_get_n_items (steward_inbox_page_get_model (fixture->page)), ==, 0);
  wait.root = fixture->page;
  wait.text = "Nothing Here";
  g_assert_true (wait_until (label_appears, &wait));
  g_assert_false (label_shows (fixture->window, "No Mentions or Messages Yet"));

  /* Showing an item the view does not hold (a notification's "Open")
   * switches to All. */
  other = g_list_model_get_item (G_LIST_MODEL (steward_inbox_page_get_model (fixture->page)), 0);
  g_assert_null (other);
  {
    StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
    g_autoptr(GPtrArray) items = NULL;

    filter.view = STEWARD_INBOX_VIEW_NEW;
    items = steward_store_list_inbox (store, &filter, 0, 1, NULL);
    g_assert_nonnull (items);
    g_assert_cmpuint (items->len, ==, 1);
    other = g_object_ref (g_ptr_array_index (items, 0));
  }
  steward_window_show_item (fixture->window, steward_inbox_item_get_id (other));
  g_assert_cmpint (steward_inbox_item_get_id (steward_inbox_page_get_current_item (fixture->page)), ==,
                   steward_inbox_item_get_id (other));
  g_assert_cmpuint (g_list_model_get_n_items (steward_inbox_page_get_model (fixture->page)), ==, N_MENTIONS);
  g_assert_true (model_holds (steward_inbox_page_get_model (fixture->page), steward_inbox_item_get_id (other)));

  /* Oldest first, by the sort menu's action. */
  {
    g_autoptr(StewardInboxItem) newest = g_list_model_get_item (steward_inbox_page_get_model (fixture->page), 0);
    g_autoptr(StewardInboxItem) oldest = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.sort", "s", "oldest"));
    oldest = g_list_model_get_item (steward_inbox_page_get_model (fixture->page), 0);
    g_assert_cmpint (g_date_time_compare (steward_inbox_item_get_created_at (oldest),
                                          steward_inbox_item_get_created_at (newest)), <, 0);
  }
}

static void
test_bulk (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) list_views = find_widgets (fixture->page, GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = NULL;
  g_autoptr(GPtrArray) revealers = NULL;
  GtkRevealer *bulk = NULL;
  gint64 ids[2];
  LabelWait wait;

  /* The queue, not the lists of the drop-downs' popovers. */
  for (guint i = 0; i < list_views->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (list_views, i), "inbox-list"))
      selection = gtk_list_view_get_model (g_ptr_array_index (list_views, i));
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS);
  g_assert_true (GTK_IS_MULTI_SELECTION (selection));

  /* No bar for one row. */
  revealers = find_widgets (fixture->page, GTK_TYPE_REVEALER);
  for (guint i = 0; i < revealers->len; i++)
    if (GTK_IS_ACTION_BAR (gtk_revealer_get_child (g_ptr_array_index (revealers, i))))
      bulk = g_ptr_array_index (revealers, i);
  g_assert_nonnull (bulk);
  g_assert_false (gtk_revealer_get_reveal_child (bulk));

  /* Two rows: the bar and a summary instead of a conversation. */
  gtk_selection_model_select_range (selection, 0, 2, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (bulk));
  wait.root = fixture->page;
  wait.text = "2 selected";
  g_assert_true (wait_until (label_appears, &wait));
  wait.text = "2 Items Selected";
  g_assert_true (wait_until (label_appears, &wait));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StewardInboxItem) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      ids[i] = steward_inbox_item_get_id (item);
    }

  /* The bar's tag and status act on both. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.tag", "s", "billing"));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StewardInboxItem) item = get_item (fixture, ids[i]);

      g_assert_true (steward_inbox_item_has_tag (item, "billing"));
    }
  wait.root = fixture->sidebar;
  wait.text = "#billing";
  g_assert_true (wait_until (label_appears, &wait));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.set-status", "i",
                                             STEWARD_ITEM_STATUS_PENDING));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StewardInboxItem) item = get_item (fixture, ids[i]);

      g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_PENDING);
    }
  assert_view_count (fixture, STEWARD_INBOX_VIEW_PENDING, 2);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS - 2);

  /* They left the New view, and with them the selection and the bar. */
  g_assert_false (model_holds (steward_inbox_page_get_model (fixture->page), ids[0]));
  g_assert_false (model_holds (steward_inbox_page_get_model (fixture->page), ids[1]));
  g_assert_false (gtk_revealer_get_reveal_child (bulk));
}

static void
test_reply_flow (Fixture       *fixture,
                 gconstpointer  user_data)
{
  StewardStore *store = steward_context_get_store (fixture->context);
  StewardConversation *conversation = find_widget (fixture->page, STEWARD_TYPE_CONVERSATION);
  StewardComposer *composer = steward_conversation_get_composer (conversation);
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *too_long = NULL;
  GtkTextBuffer *buffer;
  GtkLabel *counter;
  OutboxWait outbox_wait;
  LabelWait wait;
  guint n_statuses;
  gint64 item_id = find_item_for_status (fixture, fixture->mention_status);

  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS);

  /* Select: the conversation shows the item and its author. */
  steward_window_show_item (fixture->window, item_id);
  g_assert_cmpint (steward_inbox_item_get_id (steward_inbox_page_get_current_item (fixture->page)), ==, item_id);
  g_assert_cmpint (steward_inbox_item_get_id (steward_conversation_get_item (conversation)), ==, item_id);
  wait.root = conversation;
  wait.text = "my grinder arrived broken";
  g_assert_true (wait_until (label_appears, &wait));
  g_assert_true (label_shows (conversation, "Lin Wen"));
  g_assert_true (label_shows (conversation, "@lin"));

  /* Assign through the action, as the assignee menu does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.assign", "s", "Mei"));
  item = get_item (fixture, item_id);
  g_assert_cmpstr (steward_inbox_item_get_assignee (item), ==, "Mei");
  g_clear_object (&item);

  /* The composer counts against the server's limit, learnt by the sync. */
  g_assert_cmpuint (steward_composer_get_max_characters (composer), ==, MAX_CHARACTERS);
  buffer = gtk_text_view_get_buffer (find_composer_text (fixture->page));
  counter = find_label_with_class (composer, "composer-counter");
  g_assert_nonnull (counter);
  too_long = g_strnfill (MAX_CHARACTERS + 1, 'x');
  gtk_text_buffer_set_text (buffer, too_long, -1);
  g_assert_cmpuint (steward_composer_get_length (composer), ==, MAX_CHARACTERS + 1);
  g_assert_false (steward_composer_get_can_send (composer));
  g_assert_cmpstr (gtk_label_get_text (counter), ==, "-1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"));
  /* Over the limit, Ctrl+Enter sends nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.send", NULL);
  entries = steward_store_list_outbox (store, -1, item_id, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 0);

  gtk_text_buffer_set_text (buffer, "Sorry, Lin! A new one is on its way: https://example.com/orders/4711/replacement/tracking", -1);
  g_assert_cmpuint (steward_composer_get_length (composer), ==, 37 + 23);
  g_assert_true (steward_composer_get_can_send (composer));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"));

  /* Ctrl+Enter: queued in the outbox, then sent by the account's sync. */
  n_statuses = steward_mastodon_server_count_statuses (fixture->server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.send", NULL));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (counter)), ==, "120");
  outbox_wait.fixture = fixture;
  outbox_wait.item_id = item_id;
  g_assert_true (wait_until (outbox_sent, &outbox_wait));
  ui_test_sync (fixture->context);

  /* Exactly one reply, in the thread. */
  g_assert_cmpuint (steward_mastodon_server_count_requests (fixture->server, "POST", "/api/v1/statuses"), ==, 1);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (fixture->server), ==, n_statuses + 1);
  g_assert_cmpuint (count_server_replies (fixture, fixture->mention_status, "brand"), ==, 1);
  g_assert_true (outbox_sent (&outbox_wait));
  wait.text = "Sent";
  g_assert_true (wait_until (label_appears, &wait));

  /* The reply opened the item: it left New. */
  item = get_item (fixture, item_id);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_OPEN);
  g_assert_nonnull (steward_inbox_item_get_first_response_at (item));
  g_clear_object (&item);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS - 1);
  g_assert_false (model_holds (steward_inbox_page_get_model (fixture->page), item_id));

  /* "e" closes the item shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.close", NULL));
  item = get_item (fixture, item_id);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_CLOSED);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_CLOSED, 1);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS - 1);
  g_assert_false (model_holds (steward_inbox_page_get_model (fixture->page), item_id));

  /* Nothing was sent twice by the extra sync. */
  g_assert_cmpuint (steward_mastodon_server_count_requests (fixture->server, "POST", "/api/v1/statuses"), ==, 1);
}

static gboolean
widget_allocated (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* Types @text into the focused entry and presses Enter. */
static void
type_into_focus (Fixture    *fixture,
                 const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  GtkWidget *entry;

  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_notes_and_tags (Fixture       *fixture,
                     gconstpointer  user_data)
{
  StewardConversation *conversation = find_widget (fixture->page, STEWARD_TYPE_CONVERSATION);
  gint64 item_id = find_item_for_status (fixture, fixture->mention_status);
  g_autoptr(StewardInboxItem) item = NULL;
  LabelWait wait;

  steward_window_show_item (fixture->window, item_id);
  /* Laid out: whether the details fit beside the thread is known. */
  g_assert_true (wait_until (widget_allocated, steward_conversation_get_composer (conversation)));

  /* "n" puts the cursor in the note entry (showing the details if they
   * were folded away); Enter adds the note. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.note", NULL));
  type_into_focus (fixture, "Called the courier, parcel lost");
  /* "t", the same for a tag. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.tag-popover", NULL));
  type_into_focus (fixture, "Shipping");

  /* The note is marked as never sent, and shows in the conversation. */
  wait.root = conversation;
  wait.text = "Called the courier, parcel lost";
  g_assert_true (wait_until (label_appears, &wait));
  g_assert_true (label_shows (conversation, "Never sent"));
  wait.text = "#Shipping";
  g_assert_true (wait_until (label_appears, &wait));

  item = get_item (fixture, item_id);
  g_assert_cmpuint (steward_inbox_item_get_n_notes (item), ==, 1);
  g_assert_true (steward_inbox_item_has_tag (item, "shipping"));
  g_clear_object (&item);

  /* Removing the tag through the chip's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.untag", "s", "Shipping"));
  item = get_item (fixture, item_id);
  g_assert_false (steward_inbox_item_has_tag (item, "shipping"));

  /* Snoozed until tomorrow: out of New, into Snoozed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.snooze-preset", "s", "tomorrow"));
  assert_view_count (fixture, STEWARD_INBOX_VIEW_SNOOZED, 1);
  assert_view_count (fixture, STEWARD_INBOX_VIEW_NEW, N_MENTIONS - 1);
}

/* Every triage shortcut is listed in the help overlay, and it loads. */
static void
test_help_overlay (void)
{
  static const char * const accelerators[] = {
    "j", "k", "e", "<Shift>e", "p", "r", "a", "<Shift>a", "t", "n", "s", "u", "<Primary>Return",
  };
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GSList) objects = NULL;
  GtkWindow *overlay;

  builder = gtk_builder_new_from_resource ("/io/github/steward/Steward/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (accelerator != NULL)
          g_hash_table_add (found, g_steal_pointer (&accelerator));
      }

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    if (!g_hash_table_contains (found, accelerators[i]))
      g_error ("The help overlay does not list %s", accelerators[i]);

  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (overlay);
}

static void
test_offline_reply (Fixture       *fixture,
                    gconstpointer  user_data)
{
  StewardSyncEngine *engine = steward_context_get_sync_engine (fixture->context);
  StewardConversation *conversation = find_widget (fixture->page, STEWARD_TYPE_CONVERSATION);
  g_autoptr(StewardTestMonitor) monitor = steward_test_monitor_new (FALSE);
  g_autoptr(GPtrArray) entries = NULL;
  gint64 item_id = find_item_for_status (fixture, fixture->mention_status);
  LabelWait wait;

  /* Offline, a reply waits in the outbox and the composer says so. */
  steward_sync_engine_set_network_monitor (engine, G_NETWORK_MONITOR (monitor));
  g_assert_false (steward_sync_engine_get_online (engine));
  steward_window_show_item (fixture->window, item_id);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (find_composer_text (fixture->page)),
                            "We are on it, Lin.", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "inbox.send", NULL));

  wait.root = steward_conversation_get_composer (conversation);
  wait.text = "Queued; will be sent when online";
  g_assert_true (wait_until (label_appears, &wait));
  entries = steward_store_list_outbox (steward_context_get_store (fixture->context), -1, item_id, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (steward_outbox_entry_get_text (g_ptr_array_index (entries, 0)), ==, "We are on it, Lin.");
}

int
main (int   argc,
      char *argv[])
{
  /* No keyring on the private bus: tokens go to the workspace's token
   * files, as the accounts the tests add allow. */
  if (!ui_test_init (&argc, &argv, "inbox triage", UI_TEST_PRIVATE_BUS))
    return 77;

  g_test_add_func ("/ui/inbox-triage/reply-length", test_reply_length);
  g_test_add_func ("/ui/inbox-triage/number-format", test_number_format);
  g_test_add_func ("/ui/inbox-triage/help-overlay", test_help_overlay);
  g_test_add ("/ui/inbox-triage/views", Fixture, NULL,
              fixture_set_up, test_views, fixture_tear_down);
  g_test_add ("/ui/inbox-triage/bulk", Fixture, NULL,
              fixture_set_up, test_bulk, fixture_tear_down);
  g_test_add ("/ui/inbox-triage/reply-flow", Fixture, NULL,
              fixture_set_up, test_reply_flow, fixture_tear_down);
  g_test_add ("/ui/inbox-triage/offline-reply", Fixture, NULL,
              fixture_set_up, test_offline_reply, fixture_tear_down);
  g_test_add ("/ui/inbox-triage/notes-and-tags", Fixture, NULL,
              fixture_set_up, test_notes_and_tags, fixture_tear_down);

  return ui_test_run ();
}
