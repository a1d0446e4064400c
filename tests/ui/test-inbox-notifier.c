/* test-inbox-notifier.c — urgent-item and SLA-breach notifications through
 * a real daemon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the test session bus (tests/dbus/session.conf), which activates
 * dunst as org.freedesktop.Notifications. A second connection becomes a
 * bus monitor and records every call to the notification interface, so
 * the tests see exactly what reached the daemon. The workspace is a real
 * SQLite database; items are classified by the core's real classifier
 * with the default urgency rules, and the backfill test syncs the demo
 * workspace's Mastodon-API server over loopback.
 */
#include "ui-test-util.h"
#include "notify-test-util.h"
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-application.h"
#include "steward-demo.h"
#include "steward-inbox-notifier.h"
#include "steward-sources.h"
#include "steward-window.h"

#define MENTION_TEXT "I want a refund <b>now</b> & this looks like a scam"

typedef struct {
  UiTestWorkspace ws;
  StewardInboxNotifier *notifier;
  NotifyMonitor        *monitor;
  guint                 serial;
} Fixture;

/* Whether the daemon reads markup in bodies (dunst does). */
static gboolean
daemon_has_body_markup (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **caps = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetCapabilities",
                                       NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(^a&s)", &caps);
  return g_strv_contains (caps, "body-markup");
}

/* Checking */

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  NotifyCheck *check = user_data;

  check->ok = steward_inbox_notifier_check_finish (STEWARD_INBOX_NOTIFIER (object), result,
                                                   &check->n_notified, &check->error);
  check->done = TRUE;
}

/* Checks at @now, waits for the check and for the bus; returns how many
 * items the notifier says it notified about. */
static guint
check_at (Fixture *fixture,
          gint64   now)
{
  NotifyCheck result = { 0 };

  steward_inbox_notifier_check_async (fixture->notifier, now, NULL, check_cb, &result);
  return notify_monitor_wait_check (fixture->monitor, &result);
}

static guint
check (Fixture *fixture)
{
  return check_at (fixture, 0);
}

/* Workspace */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* One mention from @acct to @account_id, written @when; returns its id. */
static gint64
ingest_mention (Fixture    *fixture,
                gint64      account_id,
                const char *acct,
                const char *name,
                const char *text,
                gint64      when)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("9%05u", ++fixture->serial);
  g_autofree char *url = g_strdup_printf ("https://example.social/@someone/%s", id);
  g_autofree char *author_id = g_strdup_printf ("a%s", acct);
  g_autoptr(GPtrArray) items = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;

  ui_test_ingest_mention (fixture->ws.store, account_id,
                          ui_test_post_new (id, url, text, when, author_id, acct, name, 10));

  /* The newest item of the account is the one just written. */
  filter.account_id = account_id;
  filter.sort = STEWARD_INBOX_SORT_NEWEST;
  filter.view = STEWARD_INBOX_VIEW_ALL;
  items = steward_store_list_inbox (fixture->ws.store, &filter, 0, 500, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (steward_inbox_item_get_remote_id (g_ptr_array_index (items, i)), id) == 0)
      return steward_inbox_item_get_id (g_ptr_array_index (items, i));

  g_assert_not_reached ();
}

/* What the sync engine does after each page of a sync that is not the
 * account's first. */
static void
classify (Fixture *fixture,
          guint    expect_urgent)
{
  g_assert_cmpuint (ui_test_classify (fixture->ws.store), ==, expect_urgent);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  ui_test_use_data_dir ();
  fixture->monitor = notify_monitor_new ();

  ui_test_workspace_open (&fixture->ws, "lumen", "Lumen", TRUE);
  fixture->notifier = steward_inbox_notifier_new (NULL, fixture->ws.context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Critical notifications stay until closed, and the daemon is shared
   * with the other tests on the bus (which click "the first one"). */
  g_assert_true (g_spawn_command_line_sync ("dunstctl close-all", NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->notifier);
  ui_test_workspace_close (&fixture->ws);
  g_clear_pointer (&fixture->monitor, notify_monitor_free);
}

/* Tests */

static void
test_urgent (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *actions[] = { "default", "Open", "assign", "Assign to me", NULL };
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  ingest_mention (fixture, fixture->ws.account_id, "mei@example.social", "Mei Lin", MENTION_TEXT, now_seconds () - 60);
  classify (fixture, 1);

  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  /* Text from a stranger is never markup for the daemon. */
  body = daemon_has_body_markup () ? g_markup_escape_text (MENTION_TEXT, -1) : g_strdup (MENTION_TEXT);
  assert_notify (notify, "Urgent: Mei Lin (@mei@example.social)", body, actions, NOTIFY_URGENCY_CRITICAL, NULL);

  /* Marked alerted: news once. */
  alerts = steward_store_list_alerts (fixture->ws.store, STEWARD_ALERT_URGENT, now_seconds (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);

  /* A friendly mention is not urgent. */
  ingest_mention (fixture, fixture->ws.account_id, "ana@example.social", "Ana", "Love the new grinder, thanks!",
                  now_seconds () - 30);
  classify (fixture, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
}

static void
test_excerpt (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *one_line = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *chinese = NULL;
  g_autoptr(GString) long_chinese = g_string_new (NULL);

  one_line = steward_inbox_notifier_excerpt ("  Two\nlines\n\n and   spaces ", 140);
  g_assert_cmpstr (one_line, ==, "Two lines and spaces");

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "refund ");
  cut = steward_inbox_notifier_excerpt (long_text->str, 140);
  g_assert_cmpint (g_utf8_strlen (cut, -1), <=, 140);
  g_assert_true (g_str_has_suffix (cut, "refund…"));

  for (guint i = 0; i < 100; i++)
    g_string_append (long_chinese, "退款");
  chinese = steward_inbox_notifier_excerpt (long_chinese->str, 140);
  g_assert_cmpint (g_utf8_strlen (chinese, -1), ==, 140);
  g_assert_true (g_str_has_suffix (chinese, "…"));
}

static void
test_collapse (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *summary_actions[] = { "default", "Open Inbox", NULL };
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  guint32 first_id, second_id;
  gint64 now = now_seconds ();

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *acct = g_strdup_printf ("user%u@example.social", i);
      g_autofree char *name = g_strdup_printf ("User %u", i);

      ingest_mention (fixture, fixture->ws.account_id, acct, name, "This is a scam, I want a refund",
                      now - 100 + i);
    }
  classify (fixture, 7);

  /* Seven at once: one notification. */
  g_assert_cmpuint (check (fixture), ==, 7);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  first = notify_monitor_get_notify (fixture->monitor, 0);
  assert_notify (first, "7 urgent items need a reply", NULL, summary_actions, NOTIFY_URGENCY_CRITICAL, &first_id);

  /* One more within the minute updates it in place. */
  ingest_mention (fixture, fixture->ws.account_id, "late@example.social", "Late", "Refund, or I call my lawyer",
                  now - 5);
  classify (fixture, 1);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 2);
  second = notify_monitor_get_notify (fixture->monitor, 1);
  assert_notify (second, "8 urgent items need a reply", NULL, summary_actions, NOTIFY_URGENCY_CRITICAL, &second_id);
  g_assert_cmpuint (first_id, ==, 0);
  g_assert_cmpuint (second_id, !=, 0);
}

static void
test_collapse_after_three (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *actions[] = { "default", "Open", "assign", "Assign to me", NULL };
  const char *summary_actions[] = { "default", "Open Inbox", NULL };
  g_autoptr(GVariant) summary = NULL;
  gint64 now = now_seconds ();

  /* Three within a minute are told one by one… */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *acct = g_strdup_printf ("user%u@example.social", i);
      g_autofree char *name = g_strdup_printf ("User %u", i);
      g_autofree char *title = g_strdup_printf ("Urgent: %s (@%s)", name, acct);

      ingest_mention (fixture, fixture->ws.account_id, acct, name, "Scam!", now - 100 + i);
      classify (fixture, 1);
      g_assert_cmpuint (check (fixture), ==, 1);
      g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, i + 1);
      g_clear_pointer (&summary, g_variant_unref);
      summary = notify_monitor_get_notify (fixture->monitor, i);
      assert_notify (summary, title, "Scam!", actions, NOTIFY_URGENCY_CRITICAL, NULL);
    }

  /* …the fourth and fifth in the same minute collapse. */
  ingest_mention (fixture, fixture->ws.account_id, "four@example.social", "Four", "Refund please", now - 10);
  ingest_mention (fixture, fixture->ws.account_id, "five@example.social", "Five", "Refund now", now - 9);
  classify (fixture, 2);
  g_assert_cmpuint (check (fixture), ==, 2);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 4);
  g_clear_pointer (&summary, g_variant_unref);
  summary = notify_monitor_get_notify (fixture->monitor, 3);
  assert_notify (summary, "2 urgent items need a reply", NULL, summary_actions, NOTIFY_URGENCY_CRITICAL, NULL);
}

static void
test_breach (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *actions[] = { "default", "Open", "assign", "Assign to me", NULL };
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(GError) error = NULL;
  gint64 created = now_seconds () - 30;

  /* Around the clock in UTC, two minutes for a first response. */
  g_assert_true (steward_sla_policy_set_time_zone (policy, "UTC"));
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 0, 1440));
  steward_sla_policy_set_targets (policy, 1, 2);
  g_assert_true (steward_store_save_sla_policy (fixture->ws.store, policy, &error));
  g_assert_no_error (error);

  ingest_mention (fixture, fixture->ws.account_id, "ana@example.social", "Ana Souza",
                  "Hello, when do you open on Sundays?", created);
  classify (fixture, 0);

  /* Not urgent, not due yet. */
  g_assert_cmpuint (check_at (fixture, created + 60), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);

  /* Due at created + 120. */
  g_assert_cmpuint (check_at (fixture, created + 121), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  assert_notify (notify, "SLA breached: Ana Souza (@ana@example.social)", "Hello, when do you open on Sundays?",
                 actions, NOTIFY_URGENCY_CRITICAL, NULL);

  g_assert_cmpuint (check_at (fixture, created + 300), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
}

static void
test_turned_off (Fixture       *fixture,
                 gconstpointer  user_data)
{
  ingest_mention (fixture, fixture->ws.account_id, "mei@example.social", "Mei Lin", MENTION_TEXT, now_seconds () - 60);
  classify (fixture, 1);

  steward_inbox_notifier_set_notify_urgent (fixture->notifier, FALSE);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);

  /* Turning it on again does not bring old news. */
  steward_inbox_notifier_set_notify_urgent (fixture->notifier, TRUE);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);
}

static void
test_backfill (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char *actions[] = { "default", "Open", "assign", "Assign to me", NULL };
  g_autoptr(StewardAccount) demo = NULL;
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(GError) error = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  guint n_urgent;

  /* Only the demo account syncs. */
  g_assert_true (steward_context_remove_account (fixture->ws.context, fixture->ws.account_id, &error));
  g_assert_no_error (error);
  steward_sources_register_all (fixture->ws.context);
  steward_demo_register (fixture->ws.context);
  steward_demo_set_interval (fixture->ws.context, 0, 0);
  demo = steward_demo_ensure_account (fixture->ws.context, &error);
  g_assert_no_error (error);

  /* The first sync brings the demo community's history, complaints
   * included: urgent, and quiet. */
  ui_test_sync (fixture->ws.context);
  filter.account_id = steward_account_get_id (demo);
  filter.view = STEWARD_INBOX_VIEW_URGENT;
  n_urgent = steward_store_count_inbox (fixture->ws.store, &filter, &error);
  g_assert_no_error (error);
  g_test_message ("The backfill brought %u urgent items", n_urgent);
  g_assert_cmpuint (n_urgent, >, 0);

  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);

  /* Something urgent arriving later notifies, by itself after the sync. */
  ingest_mention (fixture, steward_account_get_id (demo), "angry@example.social", "Angry Customer",
                  "Refund my order or I go to the press. This is a scam.", now_seconds () - 5);
  ui_test_sync (fixture->ws.context);
  g_assert_true (notify_monitor_wait (fixture->monitor, "Notify", 1));
  notify_monitor_flush (fixture->monitor);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  assert_notify (notify, "Urgent: Angry Customer (@angry@example.social)",
                 "Refund my order or I go to the press. This is a scam.", actions, NOTIFY_URGENCY_CRITICAL, NULL);
}

static StewardWindow *
find_steward_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (STEWARD_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static gboolean
shows_inbox (gpointer data)
{
  StewardWindow *window = find_steward_window (data);
  g_autoptr(GPtrArray) stacks = NULL;

  if (window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
    return FALSE;

  stacks = find_widgets (window, ADW_TYPE_VIEW_STACK);
  return stacks->len > 0 &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (g_ptr_array_index (stacks, 0)), "inbox") == 0;
}

static void
test_app_actions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(StewardApplication) app = NULL;
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.steward.Steward");
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  StewardWindow *window;
  gint64 id;

  id = ingest_mention (fixture, fixture->ws.account_id, "mei@example.social", "Mei Lin", MENTION_TEXT,
                       now_seconds () - 60);
  g_assert_true (steward_store_set_me (fixture->ws.store, "Jun", &error));
  g_assert_no_error (error);

  /* The app opens the same workspace. */
  g_setenv ("STEWARD_DATA_DIR", fixture->ws.data_dir, TRUE);
  g_settings_set_uint (settings, "sync-interval", 0);
  app = g_object_new (STEWARD_TYPE_APPLICATION,
                      "application-id", "io.github.steward.Steward.NotifierTest",
                      "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  g_assert_nonnull (steward_application_get_context (app));

  /* What the notification's "Assign to me" does. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "assign-to-me", g_variant_new_int64 (id));
  item = steward_store_get_inbox_item (fixture->ws.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_inbox_item_get_assignee (item), ==, "Jun");

  /* In the background, closing the window keeps the app. */
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  window = find_steward_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_false (steward_application_get_in_background (app));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (find_steward_window (GTK_APPLICATION (app)));
  g_assert_true (steward_application_get_in_background (app));

  /* "Open" brings a window back, on the Inbox. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-item", g_variant_new_int64 (id));
  g_assert_true (wait_until (shows_inbox, app));
  g_assert_false (steward_application_get_in_background (app));

  /* Quit quits, even in the background. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (find_steward_window (GTK_APPLICATION (app)));
  g_assert_false (steward_application_get_in_background (app));

  me = steward_store_dup_me (fixture->ws.store);
  g_assert_cmpstr (me, ==, "Jun");
  g_unsetenv ("STEWARD_DATA_DIR");
}

int
main (int   argc,
      char *argv[])
{
  if (!notify_test_can_run ())
    {
      g_printerr ("Needs DISPLAY, dunst and a session bus\n");
      return 77;
    }
  if (!ui_test_init (&argc, &argv, "inbox notifier", UI_TEST_DEFAULT))
    return 77;

  g_test_add ("/ui/inbox-notifier/urgent", Fixture, NULL, fixture_set_up, test_urgent, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/excerpt", Fixture, NULL, fixture_set_up, test_excerpt, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/collapse", Fixture, NULL, fixture_set_up, test_collapse, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/collapse-after-three", Fixture, NULL, fixture_set_up,
              test_collapse_after_three, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/breach", Fixture, NULL, fixture_set_up, test_breach, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/turned-off", Fixture, NULL, fixture_set_up, test_turned_off, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/backfill", Fixture, NULL, fixture_set_up, test_backfill, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/app-actions", Fixture, NULL, fixture_set_up, test_app_actions, fixture_tear_down);

  return ui_test_run ();
}
