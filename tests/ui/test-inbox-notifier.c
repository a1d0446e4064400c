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
#include <errno.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-application.h"
#include "steward-demo.h"
#include "steward-inbox-notifier.h"
#include "steward-sources.h"
#include "steward-window.h"

#define MENTION_TEXT "I want a refund <b>now</b> & this looks like a scam"

/* A data folder holding only the system's icons and MIME database: GTK
 * needs the first, gdk-pixbuf the second to recognise SVG icons; the rest
 * of the system's data stays out of the isolated tests. */
static char *test_data_dir;

typedef struct {
  char                 *data_dir;
  StewardContext       *context;
  StewardStore         *store;
  gint64                account_id;
  StewardInboxNotifier *notifier;
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

typedef struct {
  Fixture    *fixture;
  const char *member;
  guint       n;
} CallCount;

/* Data folder */

static char *
make_test_data_dir (void)
{
  static const char * const names[] = { "icons", "mime" };
  const char * const *system_dirs = g_get_system_data_dirs ();
  char *dir = g_dir_make_tmp ("steward-ui-data-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (guint j = 0; system_dirs[j] != NULL; j++)
      {
        g_autofree char *target = g_build_filename (system_dirs[j], names[i], NULL);
        g_autofree char *link = g_build_filename (dir, names[i], NULL);

        if (g_file_test (target, G_FILE_TEST_IS_DIR))
          {
            g_assert_no_errno (symlink (target, link));
            break;
          }
      }

  return dir;
}

static void
remove_test_data_dir (char *dir)
{
  static const char * const names[] = { "icons", "mime" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *link = g_build_filename (dir, names[i], NULL);
      g_unlink (link);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Bus monitor */

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
  CheckResult *check = user_data;

  check->ok = steward_inbox_notifier_check_finish (STEWARD_INBOX_NOTIFIER (object), result,
                                                   &check->n_notified, &check->error);
  check->done = TRUE;
}

static gboolean
check_done (gpointer data)
{
  return ((CheckResult *) data)->done;
}

/* Checks at @now, waits for the check and for the bus; returns how many
 * items the notifier says it notified about. */
static guint
check_at (Fixture *fixture,
          gint64   now)
{
  CheckResult result = { 0 };

  steward_inbox_notifier_check_async (fixture->notifier, now, NULL, check_cb, &result);
  g_assert_true (wait_until (check_done, &result));
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  flush_bus (fixture);

  return result.n_notified;
}

static guint
check (Fixture *fixture)
{
  return check_at (fixture, 0);
}

static void
assert_notify (GVariant            *parameters,
               const char          *summary,
               const char          *body,
               const char * const  *expected_actions,
               guint32             *replaces_id_out)
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
  if (body != NULL)
    g_assert_cmpstr (got_body, ==, body);

  action_strv = g_variant_get_strv (actions, NULL);
  g_assert_cmpstrv (action_strv, expected_actions);

  /* Critical */
  g_assert_true (g_variant_lookup (hints, "urgency", "y", &urgency));
  g_assert_cmpuint (urgency, ==, 2);

  if (replaces_id_out != NULL)
    *replaces_id_out = replaces_id;
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
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("9%05u", ++fixture->serial);
  g_autoptr(GPtrArray) items = NULL;
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (id);
  post->url = g_strdup_printf ("https://example.social/@someone/%s", id);
  post->text = g_strdup (text);
  post->html = g_markup_printf_escaped ("<p>%s</p>", text);
  post->language = g_strdup ("en");
  post->visibility = g_strdup ("public");
  post->created_at = g_date_time_new_from_unix_utc (when);
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup_printf ("a%s", acct);
  post->author->acct = g_strdup (acct);
  post->author->display_name = g_strdup (name);
  post->author->followers = 10;

  g_ptr_array_add (page->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id, post));
  g_assert_true (steward_store_ingest_page (fixture->store, account_id, STEWARD_STREAM_MENTIONS,
                                            page, NULL, &error));
  g_assert_no_error (error);

  /* The newest item of the account is the one just written. */
  filter.account_id = account_id;
  filter.sort = STEWARD_INBOX_SORT_NEWEST;
  filter.view = STEWARD_INBOX_VIEW_ALL;
  items = steward_store_list_inbox (fixture->store, &filter, 0, 500, &error);
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
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(GError) error = NULL;
  guint n_urgent = 0;

  analyzer = steward_sentiment_analyzer_new (&error);
  g_assert_no_error (error);
  classifier = steward_classifier_new_for_store (fixture->store, analyzer, &error);
  g_assert_no_error (error);
  g_assert_true (steward_store_classify_pending (fixture->store, classifier, 0, FALSE, NULL, &n_urgent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_urgent, ==, expect_urgent);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("XDG_DATA_DIRS", test_data_dir, TRUE);
  g_mutex_init (&fixture->mutex);
  fixture->calls = g_ptr_array_new_with_free_func (g_object_unref);
  start_monitor (fixture);

  fixture->data_dir = g_build_filename (g_get_user_data_dir (), "steward", NULL);
  fixture->context = steward_context_new (fixture->data_dir, &error);
  g_assert_no_error (error);
  fixture->store = g_object_ref (steward_context_get_store (fixture->context));
  fixture->account_id = steward_store_add_account (fixture->store, "mastodon", "https://example.social",
                                                   "1", "lumen", "Lumen", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->account_id, >, 0);
  fixture->notifier = steward_inbox_notifier_new (NULL, fixture->context);
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
test_urgent (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *actions[] = { "default", "Open", "assign", "Assign to me", NULL };
  g_autoptr(GVariant) notify = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  ingest_mention (fixture, fixture->account_id, "mei@example.social", "Mei Lin", MENTION_TEXT, now_seconds () - 60);
  classify (fixture, 1);

  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  /* Text from a stranger is never markup for the daemon. */
  body = daemon_has_body_markup () ? g_markup_escape_text (MENTION_TEXT, -1) : g_strdup (MENTION_TEXT);
  assert_notify (notify, "Urgent: Mei Lin (@mei@example.social)", body, actions, NULL);

  /* Marked alerted: news once. */
  alerts = steward_store_list_alerts (fixture->store, STEWARD_ALERT_URGENT, now_seconds (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);

  /* A friendly mention is not urgent. */
  ingest_mention (fixture, fixture->account_id, "ana@example.social", "Ana", "Love the new grinder, thanks!",
                  now_seconds () - 30);
  classify (fixture, 0);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
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

      ingest_mention (fixture, fixture->account_id, acct, name, "This is a scam, I want a refund",
                      now - 100 + i);
    }
  classify (fixture, 7);

  /* Seven at once: one notification. */
  g_assert_cmpuint (check (fixture), ==, 7);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  first = get_notify (fixture, 0);
  assert_notify (first, "7 urgent items need a reply", NULL, summary_actions, &first_id);

  /* One more within the minute updates it in place. */
  ingest_mention (fixture, fixture->account_id, "late@example.social", "Late", "Refund, or I call my lawyer",
                  now - 5);
  classify (fixture, 1);
  g_assert_cmpuint (check (fixture), ==, 1);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 2);
  second = get_notify (fixture, 1);
  assert_notify (second, "8 urgent items need a reply", NULL, summary_actions, &second_id);
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

      ingest_mention (fixture, fixture->account_id, acct, name, "Scam!", now - 100 + i);
      classify (fixture, 1);
      g_assert_cmpuint (check (fixture), ==, 1);
      g_assert_cmpuint (count_calls (fixture, "Notify"), ==, i + 1);
      g_clear_pointer (&summary, g_variant_unref);
      summary = get_notify (fixture, i);
      assert_notify (summary, title, "Scam!", actions, NULL);
    }

  /* …the fourth and fifth in the same minute collapse. */
  ingest_mention (fixture, fixture->account_id, "four@example.social", "Four", "Refund please", now - 10);
  ingest_mention (fixture, fixture->account_id, "five@example.social", "Five", "Refund now", now - 9);
  classify (fixture, 2);
  g_assert_cmpuint (check (fixture), ==, 2);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 4);
  g_clear_pointer (&summary, g_variant_unref);
  summary = get_notify (fixture, 3);
  assert_notify (summary, "2 urgent items need a reply", NULL, summary_actions, NULL);
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
  g_assert_true (steward_store_save_sla_policy (fixture->store, policy, &error));
  g_assert_no_error (error);

  ingest_mention (fixture, fixture->account_id, "ana@example.social", "Ana Souza",
                  "Hello, when do you open on Sundays?", created);
  classify (fixture, 0);

  /* Not urgent, not due yet. */
  g_assert_cmpuint (check_at (fixture, created + 60), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);

  /* Due at created + 120. */
  g_assert_cmpuint (check_at (fixture, created + 121), ==, 1);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  assert_notify (notify, "SLA breached: Ana Souza (@ana@example.social)", "Hello, when do you open on Sundays?",
                 actions, NULL);

  g_assert_cmpuint (check_at (fixture, created + 300), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
}

static void
test_turned_off (Fixture       *fixture,
                 gconstpointer  user_data)
{
  ingest_mention (fixture, fixture->account_id, "mei@example.social", "Mei Lin", MENTION_TEXT, now_seconds () - 60);
  classify (fixture, 1);

  steward_inbox_notifier_set_notify_urgent (fixture->notifier, FALSE);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);

  /* Turning it on again does not bring old news. */
  steward_inbox_notifier_set_notify_urgent (fixture->notifier, TRUE);
  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);
}

typedef struct {
  gboolean done;
  GError  *error;
} SyncResult;

static void
sync_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SyncResult *sync = user_data;

  steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &sync->error);
  sync->done = TRUE;
}

static gboolean
sync_done (gpointer data)
{
  return ((SyncResult *) data)->done;
}

static void
sync_all (Fixture *fixture)
{
  SyncResult result = { 0 };

  steward_sync_engine_sync_async (steward_context_get_sync_engine (fixture->context), 0, NULL,
                                  sync_cb, &result);
  g_assert_true (wait_until (sync_done, &result));
  g_assert_no_error (result.error);
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
  CallCount one = { fixture, "Notify", 1 };
  guint n_urgent;

  /* Only the demo account syncs. */
  g_assert_true (steward_context_remove_account (fixture->context, fixture->account_id, &error));
  g_assert_no_error (error);
  steward_sources_register_all (fixture->context);
  steward_demo_register (fixture->context);
  steward_demo_set_interval (fixture->context, 0, 0);
  demo = steward_demo_ensure_account (fixture->context, &error);
  g_assert_no_error (error);

  /* The first sync brings the demo community's history, complaints
   * included: urgent, and quiet. */
  sync_all (fixture);
  filter.account_id = steward_account_get_id (demo);
  filter.view = STEWARD_INBOX_VIEW_URGENT;
  n_urgent = steward_store_count_inbox (fixture->store, &filter, &error);
  g_assert_no_error (error);
  g_test_message ("The backfill brought %u urgent items", n_urgent);
  g_assert_cmpuint (n_urgent, >, 0);

  g_assert_cmpuint (check (fixture), ==, 0);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 0);

  /* Something urgent arriving later notifies, by itself after the sync. */
  ingest_mention (fixture, steward_account_get_id (demo), "angry@example.social", "Angry Customer",
                  "Refund my order or I go to the press. This is a scam.", now_seconds () - 5);
  sync_all (fixture);
  g_assert_true (wait_until (has_calls, &one));
  flush_bus (fixture);
  g_assert_cmpuint (count_calls (fixture, "Notify"), ==, 1);
  notify = get_notify (fixture, 0);
  assert_notify (notify, "Urgent: Angry Customer (@angry@example.social)",
                 "Refund my order or I go to the press. This is a scam.", actions, NULL);
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

  id = ingest_mention (fixture, fixture->account_id, "mei@example.social", "Mei Lin", MENTION_TEXT,
                       now_seconds () - 60);
  g_assert_true (steward_store_set_me (fixture->store, "Jun", &error));
  g_assert_no_error (error);

  /* The app opens the same workspace. */
  g_setenv ("STEWARD_DATA_DIR", fixture->data_dir, TRUE);
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
  item = steward_store_get_inbox_item (fixture->store, id, &error);
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

  me = steward_store_dup_me (fixture->store);
  g_assert_cmpstr (me, ==, "Jun");
  g_unsetenv ("STEWARD_DATA_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dunst = NULL;
  int ret;

  /* Checked before g_test_init(), which would leave its folder behind. */
  dunst = g_find_program_in_path ("dunst");
  if (g_getenv ("DISPLAY") == NULL || dunst == NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_printerr ("Needs DISPLAY, dunst and a session bus\n");
      return 77;
    }

  test_data_dir = make_test_data_dir ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      remove_test_data_dir (test_data_dir);
      return 77;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/inbox-notifier/urgent", Fixture, NULL, fixture_set_up, test_urgent, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/excerpt", Fixture, NULL, fixture_set_up, test_excerpt, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/collapse", Fixture, NULL, fixture_set_up, test_collapse, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/collapse-after-three", Fixture, NULL, fixture_set_up,
              test_collapse_after_three, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/breach", Fixture, NULL, fixture_set_up, test_breach, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/turned-off", Fixture, NULL, fixture_set_up, test_turned_off, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/backfill", Fixture, NULL, fixture_set_up, test_backfill, fixture_tear_down);
  g_test_add ("/ui/inbox-notifier/app-actions", Fixture, NULL, fixture_set_up, test_app_actions, fixture_tear_down);

  ret = g_test_run ();
  remove_test_data_dir (test_data_dir);

  return ret;
}
