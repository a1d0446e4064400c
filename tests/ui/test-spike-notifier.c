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
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-listening-page.h"
#include "steward-spike-notifier.h"
#include "steward-window.h"

#define HOUR 3600

typedef struct {
  char                 *data_dir;
  StewardContext       *context;
  StewardStore         *store;
  gint64                account_id;
  StewardSpikeNotifier *notifier;
  GDBusConnection      *monitor;
  GMutex                mutex;
  GPtrArray            *calls;  /* GDBusMessage, guarded by mutex */
  guint                 serial;
} Fixture;

typedef struct {
  gboolean  done;
  gboolean  ok;
  guint     n_notified;
  GError   *error;
} CheckResult;

/* Helpers */

/* Runs in GDBus's worker thread. Dropping the calls it overhears keeps
 * GDBus from answering them: a monitor must never send. */
static GDBusMessage *
monitor_filter_cb (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  Fixture *fixture = user_data;

  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") == 0)
    {
      g_mutex_lock (&fixture->mutex);
      g_ptr_array_add (fixture->calls, g_object_ref (message));
      g_mutex_unlock (&fixture->mutex);
    }

  g_object_unref (message);
  return NULL;
}

static void
start_monitor (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications'", NULL };

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fixture->monitor = g_dbus_connection_new_for_address_sync (address,
                                                             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (fixture->monitor, monitor_filter_cb, fixture, NULL);
  reply = g_dbus_connection_call_sync (fixture->monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static guint
count_calls (Fixture    *fixture,
             const char *member)
{
  guint n = 0;

  g_mutex_lock (&fixture->mutex);
  for (guint i = 0; i < fixture->calls->len; i++)
    if (g_strcmp0 (g_dbus_message_get_member (g_ptr_array_index (fixture->calls, i)), member) == 0)
      n++;
  g_mutex_unlock (&fixture->mutex);

  return n;
}

/* The parameters of the @index-th Notify call. */
static GVariant *
get_notify (Fixture *fixture,
            guint    index)
{
  GVariant *parameters = NULL;

  g_mutex_lock (&fixture->mutex);
  for (guint i = 0; i < fixture->calls->len; i++)
    {
      GDBusMessage *message = g_ptr_array_index (fixture->calls, i);

      if (g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 && index-- == 0)
        {
          parameters = g_variant_ref (g_dbus_message_get_body (message));
          break;
        }
    }
  g_mutex_unlock (&fixture->mutex);

  g_assert_nonnull (parameters);
  return parameters;
}

typedef struct {
  Fixture    *fixture;
  const char *member;
  guint       n;
} CallCount;

static gboolean
has_calls (gpointer data)
{
  CallCount *count = data;

  return count_calls (count->fixture, count->member) >= count->n;
}

/* Asks the daemon something on the connection libnotify uses and waits
 * until the monitor has seen it: every Notify sent before has been seen
 * by then too, since a connection's messages keep their order. */
static void
flush_bus (Fixture *fixture)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  CallCount count = { fixture, "GetServerInformation", 0 };

  count.n = count_calls (fixture, "GetServerInformation") + 1;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.Notifications", "GetServerInformation",
                                       NULL, G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE,
                                       -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (has_calls, &count));
}

static StewardRemotePost *
make_post (const char *remote_id,
           const char *text,
           gint64      when)
{
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (remote_id);
  post->url = g_strdup_printf ("https://example.social/@user/%s", remote_id);
  post->text = g_strdup (text);
  post->html = g_markup_printf_escaped ("<p>%s</p>", text);
  post->language = g_strdup ("en");
  post->visibility = g_strdup ("public");
  post->created_at = g_date_time_new_from_unix_utc (when);
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup ("7");
  post->author->acct = g_strdup ("user@example.social");
  post->author->display_name = g_strdup ("User");
  post->author->followers = 10;

  return post;
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
  g_assert_true (steward_store_ingest_page (fixture->store, fixture->account_id, STEWARD_STREAM_MENTIONS,
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

  saved = steward_store_add_listening_query (fixture->store, name, query, NULL, &error);
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
  CheckResult *check = user_data;

  check->ok = steward_spike_notifier_check_finish (STEWARD_SPIKE_NOTIFIER (object), result,
                                                   &check->n_notified, &check->error);
  check->done = TRUE;
}

static gboolean
check_done (gpointer data)
{
  return ((CheckResult *) data)->done;
}

/* Checks, waits for the check and for the bus; returns the spikes the
 * notifier says it notified. */
static guint
check (Fixture *fixture)
{
  CheckResult result = { 0 };

  steward_spike_notifier_check_async (fixture->notifier, NULL, check_cb, &result);
  g_assert_true (wait_until (check_done, &result));
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  flush_bus (fixture);

  return result.n_notified;
}

static void
assert_notify (GVariant   *parameters,
               const char *summary,
               const char *body)
{
  const char *app_name, *icon, *got_summary, *got_body;
  g_autoptr(GVariant) actions = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autofree const char **action_strv = NULL;
  guint32 replaces_id;
  gint32 timeout;
  guchar urgency;

  g_assert_cmpstr (g_variant_get_type_string (parameters), ==, "(susssasa{sv}i)");
  g_variant_get (parameters, "(&su&s&s&s@as@a{sv}i)",
                 &app_name, &replaces_id, &icon, &got_summary, &got_body, &actions, &hints, &timeout);

  g_assert_cmpstr (app_name, ==, "Steward");
  g_assert_cmpstr (icon, ==, "io.github.steward.Steward");
  g_assert_cmpstr (got_summary, ==, summary);
  g_assert_cmpstr (got_body, ==, body);

  action_strv = g_variant_get_strv (actions, NULL);
  g_assert_cmpuint (g_strv_length ((char **) action_strv), ==, 2);
  g_assert_cmpstr (action_strv[0], ==, "default");
  g_assert_cmpstr (action_strv[1], ==, "Open");

  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 1);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_mutex_init (&fixture->mutex);
  fixture->calls = g_ptr_array_new_with_free_func (g_object_unref);
  start_monitor (fixture);

  fixture->data_dir = g_build_filename (g_get_user_data_dir (), "steward", NULL);
  fixture->context = steward_context_new (fixture->data_dir, &error);
  g_assert_no_error (error);
  fixture->store = g_object_ref (steward_context_get_store (fixture->context));
  fixture->account_id = steward_store_add_account (fixture->store, "mastodon", "https://example.social",
                                                   "1", "me", "Me", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->account_id, >, 0);
  fixture->notifier = steward_spike_notifier_new (NULL, fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->notifier);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->context);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_dbus_connection_close_sync (fixture->monitor, NULL, NULL);
  g_clear_object (&fixture->monitor);
  g_clear_pointer (&fixture->calls, g_ptr_array_unref);
  g_mutex_clear (&fixture->mutex);
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
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  assert_notify (notify, "Spike in “Complaints”", "14 posts in the last hour, usually about 2");

  /* The same spike is news once. */
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
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
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);

  /* A fresh one on top is still news. */
  ingest_hour (fixture, "Another complaint about the app", hour, 12);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
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
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);

  /* After the first check, a spike of the previous hour is news. */
  add_query (fixture, "Outage", "outage");
  ingest_baseline (fixture, "The outage again", hour);
  /* 13 on top of the baseline's 2 in that hour */
  ingest_hour (fixture, "The outage again", hour - HOUR, 13);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  assert_notify (notify, "Spike in “Outage”", "15 posts in the last hour, usually about 2");
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
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  /* The strongest first. */
  assert_notify (notify, "Spikes in 2 queries",
                 "“Outage”: 30 posts in the last hour, usually about 2\n"
                 "“Complaints”: 14 posts in the last hour, usually about 2");
}

static gpointer
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_complaints (gpointer data)
{
  GtkWidget *window = data;
  AdwViewStack *stack = find_widget (window, ADW_TYPE_VIEW_STACK);
  StewardListeningPage *page = find_widget (window, STEWARD_TYPE_LISTENING_PAGE);

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
  fixture->notifier = steward_spike_notifier_new (app, fixture->context);

  /* "Announcements" comes first in the list; the spike is elsewhere. */
  add_query (fixture, "Announcements", "announcement");
  add_query (fixture, "Complaints", "complaint");
  ingest_baseline (fixture, "Another complaint about the app", hour);
  ingest_hour (fixture, "Another complaint about the app", hour, 14);

  window = steward_window_new (app, fixture->context);
  gtk_window_present (GTK_WINDOW (window));
  steward_window_show_page (window, "inbox");
  stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
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
  g_autofree char *dunst = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dunst = g_find_program_in_path ("dunst");
  if (g_getenv ("DISPLAY") == NULL || dunst == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
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
