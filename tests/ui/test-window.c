/* test-window.c — the main window over a real workspace, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fake Mastodon server runs in its own thread; the workspace is a real
 * SQLite database in a temporary folder; the sync engine fetches over
 * loopback HTTP; the test walks the real widget tree.
 */
#include "ui-test-util.h"
#include "server-test-util.h"
#include <string.h>
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-add-account-dialog.h"
#include "steward-inbox-page.h"
#include "steward-inbox-row.h"
#include "steward-preferences-window.h"
#include "steward-sources.h"
#include "steward-window.h"
#include "sync/steward-test-monitor.h"

typedef struct {
  char                  *data_dir;
  StewardContext        *context;
  StewardMastodonServer *server;
  StewardWindow         *window;
} Fixture;

/* Helpers */

/* The mapped status page whose title is @title, if any. */
static AdwStatusPage *
find_status_page (gpointer    root,
                  const char *title)
{
  g_autoptr(GPtrArray) pages = find_widgets (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    {
      AdwStatusPage *page = g_ptr_array_index (pages, i);

      if (g_strcmp0 (adw_status_page_get_title (page), title) == 0 &&
          gtk_widget_get_mapped (GTK_WIDGET (page)))
        return page;
    }

  return NULL;
}

static StewardWindow *
open_window (Fixture *fixture)
{
  StewardWindow *window = steward_window_new (NULL, fixture->context);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_mapped, window));

  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  ui_test_use_data_dir ();
  fixture->context = ui_test_open_workspace (&fixture->data_dir);
  steward_sources_register_all (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->context);
  if (fixture->server != NULL)
    steward_mastodon_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->data_dir, g_free);
}

/* A server in its own thread with @n_mentions mentions and one direct
 * message, and an account for it in the workspace. */
static void
add_server_account (Fixture *fixture,
                    guint    n_mentions)
{
  StewardMastodonStatusSpec spec = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *friend = NULL;
  g_autofree char *status = NULL;
  g_autofree char *conversation = NULL;

  fixture->server = server_test_start (n_mentions, 3, &friend);

  spec.author_id = friend;
  spec.text = "@brand my order never arrived, can you help?";
  spec.visibility = "direct";
  status = steward_mastodon_server_add_status (fixture->server, &spec, &error);
  g_assert_no_error (error);
  conversation = steward_mastodon_server_add_direct (fixture->server, NULL, status, &error);
  g_assert_no_error (error);

  server_test_add_account (fixture->context, fixture->server);
}

typedef struct {
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
model_has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

static gboolean
rows_shown (gpointer data)
{
  g_autoptr(GPtrArray) rows = find_widgets (data, STEWARD_TYPE_INBOX_ROW);
  guint n_mapped = 0;

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)) &&
        steward_inbox_row_get_item (g_ptr_array_index (rows, i)) != NULL)
      n_mapped++;

  return n_mapped > 0;
}

/* Tests */

static void
test_window_welcome (Fixture       *fixture,
                     gconstpointer  user_data)
{
  AdwViewSwitcherTitle *switcher;
  GtkWidget *button;

  fixture->window = open_window (fixture);

  /* No account: the welcome page with its two ways in, no tabs. */
  g_assert_nonnull (find_status_page (fixture->window, "Welcome to Steward"));
  g_assert_null (find_status_page (fixture->window, "No Mentions or Messages Yet"));
  g_assert_true (label_shows (fixture->window, "Add Account"));
  g_assert_true (label_shows (fixture->window, "Try the Demo"));

  switcher = find_widget (fixture->window, ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (switcher)));

  /* The add-account button opens the sign-in dialog. */
  {
    g_autoptr(GPtrArray) buttons = find_widgets (fixture->window, GTK_TYPE_BUTTON);

    button = NULL;
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "win.add-account") == 0)
        button = g_ptr_array_index (buttons, i);
    g_assert_nonnull (button);
  }
}

static gboolean
demo_banner_revealed (gpointer data)
{
  g_autoptr(GPtrArray) revealers = find_widgets (data, GTK_TYPE_REVEALER);

  for (guint i = 0; i < revealers->len; i++)
    {
      GtkRevealer *revealer = g_ptr_array_index (revealers, i);

      if (gtk_widget_has_css_class (gtk_revealer_get_child (revealer), "demo-banner"))
        return gtk_revealer_get_reveal_child (revealer);
    }

  g_assert_not_reached ();
}

static gboolean
demo_banner_hidden (gpointer data)
{
  return !demo_banner_revealed (data);
}

static void
test_window_demo_banner (Fixture       *fixture,
                         gconstpointer  user_data)
{
  StewardStore *store = steward_context_get_store (fixture->context);
  g_autoptr(GError) error = NULL;
  gint64 id;

  fixture->window = open_window (fixture);
  g_assert_false (demo_banner_revealed (fixture->window));

  /* The demo alone: the banner says so and offers a real account. */
  id = steward_store_add_account (store, "mastodon", "demo", "1", "lumencoffee",
                                  "Lumen Coffee", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (wait_until (demo_banner_revealed, fixture->window));
  g_assert_true (label_shows (fixture->window, "demo workspace"));

  /* Once the team has an account of its own the banner goes. */
  id = steward_store_add_account (store, "mastodon", "https://social.example", "7", "brand",
                                  "Brand", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (wait_until (demo_banner_hidden, fixture->window));
}

static void
test_window_inbox (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const titles[] = { "Listening", "Inbox", "Calendar", "Ambassadors" };
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autoptr(StewardInboxItem) first = NULL;
  g_autoptr(GError) error = NULL;
  StewardMastodonStatusSpec spec = { 0 };
  g_autofree char *author = NULL;
  g_autofree char *status = NULL;
  g_autofree char *mention = NULL;
  StewardInboxPage *inbox_page;
  AdwViewStack *stack;
  AdwViewStackPage *inbox;
  GListModel *model;
  CountWait wait;

  add_server_account (fixture, 8);
  fixture->window = open_window (fixture);
  steward_window_show_page (fixture->window, "inbox");

  /* Four tabs, in order, with their titles. */
  stack = find_widget (fixture->window, ADW_TYPE_VIEW_STACK);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
    }
  g_assert_null (find_status_page (fixture->window, "Welcome to Steward"));

  /* Before the sync: the honest empty Inbox. */
  g_assert_nonnull (find_status_page (fixture->window, "No Mentions or Messages Yet"));

  ui_test_sync (fixture->context);

  inbox_page = find_widget (fixture->window, STEWARD_TYPE_INBOX_PAGE);
  model = steward_inbox_page_get_model (inbox_page);
  wait.model = model;
  wait.n_items = 9;
  g_assert_true (wait_until (model_has_n_items, &wait));

  /* The list shows rows bound to the model's items. */
  g_assert_true (wait_until (rows_shown, inbox_page));
  g_assert_null (find_status_page (fixture->window, "No Mentions or Messages Yet"));
  {
    g_autoptr(GPtrArray) rows = find_widgets (inbox_page, STEWARD_TYPE_INBOX_ROW);
    guint checked = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        StewardInboxItem *item = steward_inbox_row_get_item (g_ptr_array_index (rows, i));

        if (item == NULL || !gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
          continue;

        g_assert_true (label_shows (g_ptr_array_index (rows, i),
                                    steward_inbox_item_get_author_name (item)));
        g_assert_true (label_shows (g_ptr_array_index (rows, i),
                                    steward_inbox_item_get_account_label (item)));
        checked++;
      }
    g_assert_cmpuint (checked, >, 0);
  }
  g_assert_true (label_shows (inbox_page, "Direct message"));
  g_assert_true (label_shows (inbox_page, "Mention"));

  /* Every item is new: the badge says so. */
  inbox = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "inbox"));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (inbox), ==, 9);
  g_assert_true (adw_view_stack_page_get_needs_attention (inbox));

  /* A new mention on the server shows up on top after the next sync. */
  author = steward_mastodon_server_add_account (fixture->server, NULL, "newcomer", "Newcomer Zhao");
  spec.author_id = author;
  spec.text = "@brand just found you, love the app";
  status = steward_mastodon_server_add_status (fixture->server, &spec, &error);
  g_assert_no_error (error);
  mention = steward_mastodon_server_add_mention (fixture->server, status, &error);
  g_assert_no_error (error);

  ui_test_sync (fixture->context);
  wait.n_items = 10;
  g_assert_true (wait_until (model_has_n_items, &wait));
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (steward_inbox_item_get_author_name (first), ==, "Newcomer Zhao");
  g_assert_true (wait_until ((Condition) rows_shown, inbox_page));
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (inbox), ==, 10);
}

static gboolean
welcome_shown (gpointer data)
{
  return find_status_page (data, "Welcome to Steward") != NULL;
}

static void
test_window_preferences (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.steward.Steward");
  StewardPreferencesWindow *preferences;
  AdwComboRow *interval_row;
  g_autoptr(GPtrArray) rows = NULL;
  LabelWait wait;

  add_server_account (fixture, 2);
  fixture->window = open_window (fixture);

  g_settings_set_uint (settings, "sync-interval", 300);
  preferences = steward_preferences_window_new (fixture->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (wait_until (window_mapped, preferences));

  /* The account is listed with its address and state. */
  wait.root = GTK_WIDGET (preferences);
  wait.text = "@brand@";
  g_assert_true (wait_until (label_appears, &wait));
  wait.text = "Signed in";
  g_assert_true (wait_until (label_appears, &wait));

  /* The interval choice follows GSettings, both ways. */
  interval_row = find_widget (preferences, ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 2);
  adw_combo_row_set_selected (interval_row, 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 3600);
  g_settings_set_uint (settings, "sync-interval", 0);
  g_assert_cmpuint (adw_combo_row_get_selected (interval_row), ==, 0);

  /* A revoked token shows as "needs sign-in again" after a sync. */
  steward_mastodon_server_add_fault (fixture->server, NULL,
                                     STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 100);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ui_test_try_sync (fixture->context, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  }
  wait.text = "Needs sign-in again";
  g_assert_true (wait_until (label_appears, &wait));

  /* Removing asks first, then deletes the account and its cached data:
   * the window goes back to its welcome page. */
  {
    g_autoptr(GPtrArray) accounts = steward_store_list_accounts (steward_context_get_store (fixture->context), NULL);
    g_autoptr(GListModel) toplevels = NULL;
    AdwMessageDialog *dialog = NULL;

    g_assert_cmpuint (accounts->len, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.remove-account", "x",
                                steward_account_get_id (g_ptr_array_index (accounts, 0)));

    toplevels = g_object_ref (gtk_window_get_toplevels ());
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          dialog = ADW_MESSAGE_DIALOG (toplevel);
      }
    g_assert_nonnull (dialog);
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Remove @brand@"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cached on this computer will be deleted"));

    adw_message_dialog_response (dialog, "remove");
    g_assert_true (wait_until (welcome_shown, fixture->window));
    g_clear_pointer (&accounts, g_ptr_array_unref);
    accounts = steward_store_list_accounts (steward_context_get_store (fixture->context), NULL);
    g_assert_cmpuint (accounts->len, ==, 0);
    wait.text = "No accounts yet";
    g_assert_true (wait_until (label_appears, &wait));
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
}


static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

static gboolean
hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (GTK_REVEALER (data)) &&
         !gtk_revealer_get_child_revealed (GTK_REVEALER (data));
}

static void
test_window_offline (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(StewardTestMonitor) monitor = steward_test_monitor_new (TRUE);
  StewardSyncEngine *engine = steward_context_get_sync_engine (fixture->context);
  StewardInboxPage *inbox_page;
  GtkRevealer *banner = NULL;
  CountWait wait;

  add_server_account (fixture, 3);
  steward_sync_engine_set_network_monitor (engine, G_NETWORK_MONITOR (monitor));
  ui_test_sync (fixture->context);

  fixture->window = open_window (fixture);
  steward_window_show_page (fixture->window, "inbox");

  /* The banner is the revealer around the box styled "offline-banner". */
  {
    g_autoptr(GPtrArray) revealers = find_widgets (fixture->window, GTK_TYPE_REVEALER);

    for (guint i = 0; i < revealers->len; i++)
      {
        GtkWidget *child = gtk_revealer_get_child (g_ptr_array_index (revealers, i));

        if (child != NULL && gtk_widget_has_css_class (child, "offline-banner"))
          banner = g_ptr_array_index (revealers, i);
      }
  }
  g_assert_nonnull (banner);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  steward_test_monitor_set_available (monitor, FALSE);
  g_assert_false (steward_sync_engine_get_online (engine));
  g_assert_true (wait_until (revealed, banner));
  g_assert_true (label_shows (banner, "You are offline"));

  /* Cached data stays usable. */
  inbox_page = find_widget (fixture->window, STEWARD_TYPE_INBOX_PAGE);
  wait.model = steward_inbox_page_get_model (inbox_page);
  wait.n_items = 4;
  g_assert_true (wait_until (model_has_n_items, &wait));
  g_assert_true (wait_until (rows_shown, inbox_page));

  steward_test_monitor_set_available (monitor, TRUE);
  g_assert_true (wait_until (hidden, banner));
}


static GtkStack *
find_stack_with_page (gpointer    root,
                      const char *name)
{
  g_autoptr(GPtrArray) stacks = find_widgets (root, GTK_TYPE_STACK);

  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), name) != NULL)
      return g_ptr_array_index (stacks, i);

  return NULL;
}

static AdwEntryRow *
find_entry_row (gpointer    root,
                const char *title)
{
  g_autoptr(GPtrArray) rows = find_widgets (root, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return g_ptr_array_index (rows, i);

  return NULL;
}

typedef struct {
  GtkStack   *stack;
  const char *page;
} PageWait;

static gboolean
stack_shows (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (wait->stack), wait->page) == 0;
}

static gboolean
error_shows (gpointer data)
{
  g_autoptr(GPtrArray) labels = find_widgets (data, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "error") && gtk_widget_get_mapped (label) &&
          strstr (gtk_label_get_text (GTK_LABEL (label)), "browser") == NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_window_add_account (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  g_autofree char *unreachable = NULL;
  StewardAddAccountDialog *dialog;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  AdwEntryRow *server_row;
  AdwEntryRow *code_row;
  PageWait wait;

  fixture->server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_OWN_THREAD, &error);
  g_assert_no_error (error);
  me = steward_mastodon_server_set_me (fixture->server, NULL, "brand", "Brand");

  dialog = steward_add_account_dialog_new (fixture->context);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_until (window_mapped, dialog));

  wait.stack = find_stack_with_page (dialog, "authorize");
  g_assert_nonnull (wait.stack);
  server_row = find_entry_row (dialog, "Server");
  code_row = find_entry_row (dialog, "Authorization code");
  g_assert_nonnull (server_row);
  g_assert_nonnull (code_row);

  /* A server nobody answers on: the error shows in the dialog, which
   * stays on the server page. The port is one just freed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  unreachable = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);

  gtk_editable_set_text (GTK_EDITABLE (server_row), unreachable);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-account.next", NULL);
  g_assert_true (wait_until (error_shows, dialog));
  wait.page = "server";
  g_assert_true (stack_shows (&wait));

  /* The real server: the app registers, then waits for the code. */
  gtk_editable_set_text (GTK_EDITABLE (server_row),
                         steward_mastodon_server_get_base_url (fixture->server));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-account.next", NULL);
  wait.page = "authorize";
  g_assert_true (wait_until (stack_shows, &wait));
  g_assert_false (error_shows (dialog));
  g_assert_cmpuint (steward_mastodon_server_count_requests (fixture->server, "POST", "/api/v1/apps"), ==, 1);

  /* A pasted code is exchanged for a token; with no Secret Service on the
   * test bus, keeping it fails, and the dialog says so. */
  gtk_editable_set_text (GTK_EDITABLE (code_row), "  steward-test-code\n");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "add-account.next", NULL);
  g_assert_true (wait_until (error_shows, dialog));
  g_assert_true (label_shows (dialog, "Secret Service"));
  g_assert_true (stack_shows (&wait));
  g_assert_cmpuint (steward_mastodon_server_count_requests (fixture->server, "POST", "/oauth/token"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}


static gboolean
bar_revealed (gpointer data)
{
  return adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (data));
}

static void
test_window_narrow (Fixture       *fixture,
                    gconstpointer  user_data)
{
  StewardWindow *window;
  AdwViewSwitcherBar *bar;

  add_server_account (fixture, 1);

  /* GTK 4.8 allocates the bar's action bar a height of -1 when its
   * revealer opens without an animation: keep the app's real setting. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  /* Too narrow for the header's switcher: the tabs move to the bottom. */
  window = steward_window_new (NULL, fixture->context);
  fixture->window = window;
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_mapped, window));

  bar = find_widget (window, ADW_TYPE_VIEW_SWITCHER_BAR);
  g_assert_true (wait_until (bar_revealed, bar));

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* No keyring on the private bus: tokens go to the workspace's token
   * files, as the accounts the tests add allow. */
  if (!ui_test_init (&argc, &argv, "window", UI_TEST_PRIVATE_BUS))
    return 77;

  g_test_add ("/ui/window/welcome", Fixture, NULL,
              fixture_set_up, test_window_welcome, fixture_tear_down);
  g_test_add ("/ui/window/demo-banner", Fixture, NULL,
              fixture_set_up, test_window_demo_banner, fixture_tear_down);
  g_test_add ("/ui/window/inbox", Fixture, NULL,
              fixture_set_up, test_window_inbox, fixture_tear_down);
  g_test_add ("/ui/window/offline", Fixture, NULL,
              fixture_set_up, test_window_offline, fixture_tear_down);
  g_test_add ("/ui/window/add-account", Fixture, NULL,
              fixture_set_up, test_window_add_account, fixture_tear_down);
  g_test_add ("/ui/window/narrow", Fixture, NULL,
              fixture_set_up, test_window_narrow, fixture_tear_down);
  g_test_add ("/ui/window/preferences", Fixture, NULL,
              fixture_set_up, test_window_preferences, fixture_tear_down);

  return ui_test_run ();
}
