/* test-spike-notifier.c — spike notifications through a real daemon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the test session bus (tests/dbus/session.conf), which activates
 * dunst as org.freedesktop.Notifications. A second connection becomes a
 * bus monitor and records every call to the notification interface, so
 * the test sees exactly what reached the daemon. The workspace is a real
 * SQLite database holding posts at known hours around now.
 */
#include "ui-test-util.h"
#include "notify-test-util.h"
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-listening-page.h"
#include "steward-spike-notifier.h"
#include "steward-window.h"

#define HOUR 3600

typedef struct {
  UiTestWorkspace ws;
  StewardSpikeNotifier *notifier;
  NotifyMonitor        *monitor;
  guint                 serial;
} Fixture;

/* Helpers */

static StewardRemotePost *
make_post (const char *remote_id,
           const char *text,
           gint64      when)
{
  g_autofree char *url = g_strdup_printf ("https://example.social/@user/%s", remote_id);

  return ui_test_post_new (remote_id, url, text, when, "7", "user@example.social", "User", 10);
}

/* @n posts saying @text in the hour starting @hour, none after now. */
static void
ingest_hour (Fixture    *fixture,
             const char *text,
             gint64      hour,
             guint       n)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 span = MAX (1, MIN (HOUR, now - hour + 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", ++fixture->serial);

      g_ptr_array_add (page->items,
                       steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id,
                                                make_post (id, text, hour + (i * 37) % span)));
    }
  g_assert_true (steward_store_ingest_page (fixture->ws.store, fixture->ws.account_id, STEWARD_STREAM_MENTIONS,
                                            page, NULL, &error));
  g_assert_no_error (error);
}

/* Two matching posts an hour over the 47 hours before the current one. */
static void
ingest_baseline (Fixture    *fixture,
                 const char *text,
                 gint64      current_hour)
{
  for (guint i = 1; i < 48; i++)
    ingest_hour (fixture, text, current_hour - i * HOUR, 2);
}

static void
add_query (Fixture    *fixture,
           const char *name,
           const char *query)
{
  g_autoptr(StewardListeningQuery) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = steward_store_add_listening_query (fixture->ws.store, name, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

/* The start of the current hour, not too close to its end: the posts
 * ingested for it must still be in the current hour when checked. */
static gint64
current_hour (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now % HOUR > HOUR - 20)
    {
      g_usleep ((HOUR - now % HOUR + 1) * G_USEC_PER_SEC);
      now = g_get_real_time () / G_USEC_PER_SEC;
    }

  return now - now % HOUR;
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  NotifyCheck *check = user_data;

  check->ok = steward_spike_notifier_check_finish (STEWARD_SPIKE_NOTIFIER (object), result,
                                                   &check->n_notified, &check->error);
  check->done = TRUE;
}

/* Checks, waits for the check and for the bus; returns the spikes the
 * notifier says it notified. */
static guint
check (Fixture *fixture)
{
  NotifyCheck result = { 0 };

  steward_spike_notifier_check_async (fixture->notifier, NULL, check_cb, &result);
  return notify_monitor_wait_check (fixture->monitor, &result);
}

static void
assert_spike_notify (GVariant   *parameters,
                     const char *summary,
                     const char *body)
{
  const char * const actions[] = { "default", "Open", NULL };

  assert_notify (parameters, summary, body, actions, NOTIFY_URGENCY_NORMAL, NULL);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->monitor = notify_monitor_new ();

  ui_test_workspace_open (&fixture->ws, "me", "Me", TRUE);
  fixture->notifier = steward_spike_notifier_new (NULL, fixture->ws.context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->notifier);
  ui_test_workspace_close (&fixture->ws);
  g_clear_pointer (&fixture->monitor, notify_monitor_free);
}

/* Tests */

static void
test_fresh_spike (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 hour = current_hour ();
  g_autoptr(GVariant) notify = NULL;

  add_query (fixture, "Complaints", "complaint");
  ingest_baseline (fixture, "Another complaint about the app", hour);
  ingest_hour (fixture, "Another complaint about the app", hour, 14);
  /* Posts the query does not match do not count. */
  ingest_hour (fixture, "Lovely weather today", hour, 30);

  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  assert_spike_notify (notify, "Spike in “Complaints”", "14 posts in the last hour, usually about 2");

  /* The same spike is news once. */
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
}

static void
test_old_spike (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 hour = current_hour ();

  add_query (fixture, "Complaints", "complaint");
  ingest_baseline (fixture, "Another complaint about the app", hour);

  /* A first check with nothing to report, so that the next one is not
   * the first after start-up: the old spike is refused for its age. */
  g_assert_cmpuint (check (fixture), ==, 0);
  ingest_hour (fixture, "Another complaint about the app", hour - 10 * HOUR, 14);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);

  /* A fresh one on top is still news. */
  ingest_hour (fixture, "Another complaint about the app", hour, 12);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
}

static void
test_first_check (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 hour = current_hour ();
  g_autoptr(GVariant) notify = NULL;

  /* A spike of the previous hour found by the first check after start-up
   * is old news: remembered, never notified. */
  add_query (fixture, "Complaints", "complaint");
  ingest_baseline (fixture, "Another complaint about the app", hour);
  ingest_hour (fixture, "Another complaint about the app", hour - HOUR, 20);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 0);

  /* After the first check, a spike of the previous hour is news. */
  add_query (fixture, "Outage", "outage");
  ingest_baseline (fixture, "The outage again", hour);
  /* 13 on top of the baseline's 2 in that hour */
  ingest_hour (fixture, "The outage again", hour - HOUR, 13);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  assert_spike_notify (notify, "Spike in “Outage”", "15 posts in the last hour, usually about 2");
}

static void
test_collapse (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 hour = current_hour ();
  g_autoptr(GVariant) notify = NULL;

  add_query (fixture, "Complaints", "complaint");
  add_query (fixture, "Outage", "outage");
  add_query (fixture, "Prices", "price");
  ingest_baseline (fixture, "Another complaint about the app", hour);
  ingest_baseline (fixture, "The outage again", hour);
  ingest_baseline (fixture, "What a price", hour);
  ingest_hour (fixture, "Another complaint about the app", hour, 14);
  ingest_hour (fixture, "The outage again", hour, 30);
  ingest_hour (fixture, "What a price", hour, 2);

  g_assert_cmpuint (check (fixture), ==, 2);
  g_assert_cmpuint (notify_monitor_count (fixture->monitor, "Notify"), ==, 1);
  notify = notify_monitor_get_notify (fixture->monitor, 0);
  /* The strongest first. */
  assert_spike_notify (notify, "Spikes in 2 queries",
                 "“Outage”: 30 posts in the last hour, usually about 2\n"
                 "“Complaints”: 14 posts in the last hour, usually about 2");
}

static gboolean
shows_complaints (gpointer data)
{
  GtkWidget *window = data;
  AdwViewStack *stack = find_first_widget (window, ADW_TYPE_VIEW_STACK);
  StewardListeningPage *page = find_first_widget (window, STEWARD_TYPE_LISTENING_PAGE);

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "listening") == 0 &&
         g_strcmp0 (steward_listening_page_get_selected_name (page), "Complaints") == 0;
}

static void
test_open (Fixture       *fixture,
           gconstpointer  user_data)
{
  gint64 hour = current_hour ();
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  StewardWindow *window;
  AdwViewStack *stack;
  int status;

  app = gtk_application_new ("io.github.steward.Steward.SpikeTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->notifier);
  fixture->notifier = steward_spike_notifier_new (app, fixture->ws.context);

  /* "Announcements" comes first in the list; the spike is elsewhere. */
  add_query (fixture, "Announcements", "announcement");
  add_query (fixture, "Complaints", "complaint");
  ingest_baseline (fixture, "Another complaint about the app", hour);
  ingest_hour (fixture, "Another complaint about the app", hour, 14);

  window = steward_window_new (app, fixture->ws.context);
  gtk_window_present (GTK_WINDOW (window));
  steward_window_show_page (window, "inbox");
  stack = find_first_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "inbox");

  g_assert_cmpuint (check (fixture), ==, 1);

  /* Clicking the notification, as dunst's own command does it. */
  g_assert_true (g_spawn_command_line_sync ("dunstctl action 0", NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  g_assert_true (wait_until (shows_complaints, window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&fixture->notifier);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!notify_test_can_run ())
    {
      g_test_message ("Needs DISPLAY, dunst and a session bus");
      return 77;
    }
  if (!gtk_init_check ())
    return 77;

  g_test_add ("/ui/spike-notifier/fresh", Fixture, NULL, fixture_set_up, test_fresh_spike, fixture_tear_down);
  g_test_add ("/ui/spike-notifier/old", Fixture, NULL, fixture_set_up, test_old_spike, fixture_tear_down);
  g_test_add ("/ui/spike-notifier/first-check", Fixture, NULL, fixture_set_up, test_first_check, fixture_tear_down);
  g_test_add ("/ui/spike-notifier/collapse", Fixture, NULL, fixture_set_up, test_collapse, fixture_tear_down);
  g_test_add ("/ui/spike-notifier/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);

  return g_test_run ();
}
