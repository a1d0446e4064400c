/* test-sla.c — business-hours arithmetic, clocks and the stored policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "store-test-util.h"

/* Unix seconds of a wall-clock time in @zone. */
static gint64
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static StewardSlaPolicy *
policy_in (const char *zone)
{
  StewardSlaPolicy *policy = steward_sla_policy_new ();

  g_assert_true (steward_sla_policy_set_time_zone (policy, zone));
  return policy;
}

static void
test_defaults (void)
{
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(StewardSlaPolicy) copy = NULL;
  guint start, end;

  steward_sla_policy_get_window (policy, &start, &end);
  g_assert_cmpuint (start, ==, 9 * 60);
  g_assert_cmpuint (end, ==, 18 * 60);
  g_assert_cmpuint (steward_sla_policy_get_days (policy), ==, STEWARD_SLA_WEEKDAYS);
  g_assert_cmpuint (steward_sla_policy_get_target (policy, TRUE), ==, 480);
  g_assert_cmpuint (steward_sla_policy_get_target (policy, FALSE), ==, 1440);
  g_assert_cmpint (steward_sla_policy_get_due_soon (policy), ==, 7200);
  g_assert_cmpstr (steward_sla_policy_get_time_zone (policy), ==, "");

  g_assert_false (steward_sla_policy_set_time_zone (policy, "Mars/Olympus_Mons"));
  g_assert_cmpstr (steward_sla_policy_get_time_zone (policy), ==, "");
  g_assert_true (steward_sla_policy_set_time_zone (policy, "Asia/Shanghai"));
  g_assert_false (steward_sla_policy_set_window (policy, 600, 600));
  g_assert_false (steward_sla_policy_set_window (policy, 0, 1441));
  g_assert_true (steward_sla_policy_set_window (policy, 0, 1440));

  copy = steward_sla_policy_copy (policy);
  g_assert_cmpstr (steward_sla_policy_get_time_zone (copy), ==, "Asia/Shanghai");
  steward_sla_policy_get_window (copy, &start, &end);
  g_assert_cmpuint (end, ==, 1440);
}

static void
test_business_hours (void)
{
  g_autoptr(StewardSlaPolicy) policy = policy_in ("Asia/Shanghai");
  const char *sh = "Asia/Shanghai";

  /* 2026-11-17 is a Tuesday. Inside the window, to the end of the day. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (sh, 2026, 11, 17, 10, 0), 480),
                   ==, at (sh, 2026, 11, 17, 18, 0));
  /* One more hour spills into Wednesday morning. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (sh, 2026, 11, 17, 10, 0), 540),
                   ==, at (sh, 2026, 11, 18, 10, 0));
  /* Before the window: the clock starts at 09:00. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (sh, 2026, 11, 17, 7, 15), 60),
                   ==, at (sh, 2026, 11, 17, 10, 0));
  /* After the window: the next morning. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (sh, 2026, 11, 17, 22, 0), 30),
                   ==, at (sh, 2026, 11, 18, 9, 30));
  /* The header's example: Friday evening, 8 h → Monday 17:00. */
  g_assert_cmpint (steward_sla_policy_due_at (policy, at (sh, 2026, 11, 20, 19, 0), TRUE),
                   ==, at (sh, 2026, 11, 23, 17, 0));
  /* Friday 17:00 + 8 h: one hour on Friday, seven on Monday. */
  g_assert_cmpint (steward_sla_policy_due_at (policy, at (sh, 2026, 11, 20, 17, 0), TRUE),
                   ==, at (sh, 2026, 11, 23, 16, 0));
  /* Saturday noon: Monday 09:30. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (sh, 2026, 11, 21, 12, 0), 30),
                   ==, at (sh, 2026, 11, 23, 9, 30));
  /* A target longer than a day: 24 business hours from Monday 09:00 is
   * two full days and six hours → Wednesday 15:00. */
  g_assert_cmpint (steward_sla_policy_due_at (policy, at (sh, 2026, 11, 16, 9, 0), FALSE),
                   ==, at (sh, 2026, 11, 18, 15, 0));
  /* And across a weekend: Thursday 12:00 + 24 h → 6 h on Thursday, 9 h
   * on Friday, 9 h on Monday: Monday 18:00. */
  g_assert_cmpint (steward_sla_policy_due_at (policy, at (sh, 2026, 11, 19, 12, 0), FALSE),
                   ==, at (sh, 2026, 11, 23, 18, 0));
  /* A zero target is due at once. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, 1000, 0), ==, 1000);

  /* Business seconds: Friday 17:00 to Monday 10:00 is two hours. */
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (sh, 2026, 11, 20, 17, 0),
                                                        at (sh, 2026, 11, 23, 10, 0)),
                   ==, 2 * 3600);
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (sh, 2026, 11, 23, 10, 0),
                                                        at (sh, 2026, 11, 20, 17, 0)),
                   ==, 0);
  /* A whole week holds 45 hours. */
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (sh, 2026, 11, 16, 0, 0),
                                                        at (sh, 2026, 11, 23, 0, 0)),
                   ==, 45 * 3600);
}

static void
test_days (void)
{
  g_autoptr(StewardSlaPolicy) policy = policy_in ("Europe/Berlin");
  const char *be = "Europe/Berlin";

  /* Only Sunday (bit 6), 10:00–12:00: Monday's post waits six days. */
  steward_sla_policy_set_days (policy, 1u << 6);
  g_assert_true (steward_sla_policy_set_window (policy, 600, 720));
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (be, 2026, 11, 16, 11, 0), 150),
                   ==, at (be, 2026, 11, 29, 10, 30));

  /* A window that ends at midnight. */
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 22 * 60, 1440));
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (be, 2026, 11, 16, 23, 0), 90),
                   ==, at (be, 2026, 11, 17, 22, 30));

  /* No working day at all: never due. */
  steward_sla_policy_set_days (policy, 0);
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, 0, 60), ==, G_MAXINT64);
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, 0, 1000000), ==, 0);
}

static void
test_dst (void)
{
  g_autoptr(StewardSlaPolicy) policy = policy_in ("America/New_York");
  const char *ny = "America/New_York";
  gint64 start;

  /* Friday 2026-03-06 19:00 EST, 8 h; clocks spring forward on Sunday the
   * 8th: Monday 17:00 EDT, which is 21:00 UTC (not 22:00). */
  g_assert_cmpint (steward_sla_policy_due_at (policy, at (ny, 2026, 3, 6, 19, 0), TRUE),
                   ==, at ("UTC", 2026, 3, 9, 21, 0));
  /* Friday 2026-10-30 17:00 EDT + 2 h; clocks fall back on Sunday
   * November 1st: Monday 10:00 EST = 15:00 UTC. */
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, at (ny, 2026, 10, 30, 17, 0), 120),
                   ==, at ("UTC", 2026, 11, 2, 15, 0));

  /* Around the clock is wall-clock time: the DST days are 23 and 25
   * hours long. */
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 0, 1440));
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (ny, 2026, 3, 8, 0, 0),
                                                        at (ny, 2026, 3, 9, 0, 0)),
                   ==, 23 * 3600);
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (ny, 2026, 11, 1, 0, 0),
                                                        at (ny, 2026, 11, 2, 0, 0)),
                   ==, 25 * 3600);
  start = at (ny, 2026, 3, 7, 12, 0);
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, start, 1440), ==, start + 86400);
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, start, 1440),
                   ==, at (ny, 2026, 3, 8, 13, 0));
  start = at (ny, 2026, 10, 31, 12, 0);
  g_assert_cmpint (steward_sla_policy_add_business_time (policy, start, 1440),
                   ==, at (ny, 2026, 11, 1, 11, 0));

  /* A window holding the skipped hour: 00:00–04:00 on March 8th is three
   * real hours long. */
  g_assert_true (steward_sla_policy_set_window (policy, 0, 240));
  g_assert_cmpint (steward_sla_policy_business_seconds (policy, at (ny, 2026, 3, 8, 0, 0),
                                                        at (ny, 2026, 3, 9, 0, 0)),
                   ==, 3 * 3600);
}

/* add_business_time and business_seconds agree, whatever the start, in
 * zones with and without DST. */
static void
test_inverse (void)
{
  const char *zones[] = { "America/New_York", "Asia/Shanghai", "Europe/London", "Australia/Sydney" };
  const guint windows[][2] = { { 540, 1080 }, { 0, 1440 }, { 1200, 1440 }, { 0, 60 } };
  const guint targets[] = { 1, 45, 480, 1440, 10000 };
  GRand *rand = g_rand_new_with_seed (42);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        {
          g_autoptr(StewardSlaPolicy) policy = policy_in (zones[z]);

          g_assert_true (steward_sla_policy_set_window (policy, windows[w][0], windows[w][1]));
          steward_sla_policy_set_days (policy, w % 2 == 0 ? STEWARD_SLA_WEEKDAYS : 0x55);
          for (guint k = 0; k < 40; k++)
            {
              /* Anywhere in 2026. */
              gint64 start = at ("UTC", 2026, 1, 1, 0, 0) + g_rand_int_range (rand, 0, 365 * 86400);
              guint minutes = targets[k % G_N_ELEMENTS (targets)];
              gint64 due = steward_sla_policy_add_business_time (policy, start, minutes);

              g_assert_cmpint (due, >=, start + (gint64) minutes * 60);
              g_assert_cmpint (steward_sla_policy_business_seconds (policy, start, due),
                               ==, (gint64) minutes * 60);
              /* Due is the earliest such time: a second earlier is short. */
              g_assert_cmpint (steward_sla_policy_business_seconds (policy, start, due - 1),
                               ==, (gint64) minutes * 60 - 1);
            }
        }
    }

  g_rand_free (rand);
}

static void
test_state (void)
{
  const gint64 due = 100000, soon = 7200;

  g_assert_cmpint (steward_sla_state_at (due, 0, FALSE, 0, soon), ==, STEWARD_SLA_STATE_NONE);
  g_assert_cmpint (steward_sla_state_at (due, 0, TRUE, due - soon - 1, soon), ==, STEWARD_SLA_STATE_OK);
  g_assert_cmpint (steward_sla_state_at (due, 0, TRUE, due - soon, soon), ==, STEWARD_SLA_STATE_DUE_SOON);
  g_assert_cmpint (steward_sla_state_at (due, 0, TRUE, due - 1, soon), ==, STEWARD_SLA_STATE_DUE_SOON);
  g_assert_cmpint (steward_sla_state_at (due, 0, TRUE, due, soon), ==, STEWARD_SLA_STATE_BREACHED);
  g_assert_cmpint (steward_sla_state_at (due, due, TRUE, due + 5000, soon), ==, STEWARD_SLA_STATE_MET);
  g_assert_cmpint (steward_sla_state_at (due, due + 1, TRUE, due + 5000, soon), ==, STEWARD_SLA_STATE_MISSED);
  /* Not classified yet: the clock runs, nothing is due. */
  g_assert_cmpint (steward_sla_state_at (0, 0, TRUE, due, soon), ==, STEWARD_SLA_STATE_OK);
  g_assert_cmpint (steward_sla_state_at (0, 50, TRUE, due, soon), ==, STEWARD_SLA_STATE_MET);
}

static void
test_describe (void)
{
  const gint64 created = 1000000, soon = 7200;
  struct {
    gint64      due;
    gint64      response;
    gboolean    needs_reply;
    gint64      now;
    const char *expected;
  } cases[] = {
    { created + 20000, 0, TRUE, created + 20000 - (3 * 3600 + 20 * 60), "Due in 3 h 20 min" },
    { created + 20000, 0, TRUE, created + 20000 - 3 * 3600, "Due in 3 h" },
    { created + 20000, 0, TRUE, created + 20000 - 45 * 60, "Due soon: 45 min left" },
    { created + 20000, 0, TRUE, created + 20000 - 30, "Due soon: less than a minute left" },
    { created + 20000, 0, TRUE, created + 20000 + 2 * 3600, "Breached 2 h ago" },
    { created + 20000, 0, TRUE, created + 20000 + 3 * 86400 + 3600, "Breached 3 days 1 h ago" },
    { created + 20000, 0, TRUE, created + 20000 + 86400, "Breached 1 day ago" },
    { created + 20000, created + 3900, TRUE, created + 90000, "Answered in 1 h 5 min" },
    { created + 20000, created + 20000 + 7200, TRUE, created + 90000, "Answered late, 2 h after due" },
    { created + 20000, 0, FALSE, created, "No reply needed" },
    { 0, 0, TRUE, created, "Waiting for a reply" },
    { created + 1440 * 60, 0, TRUE, created + 60, "Due in 23 h 59 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = steward_sla_describe (cases[i].due, cases[i].response, created,
                                                    cases[i].needs_reply, cases[i].now, soon);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* An item that needs a reply, created at @when. */
static gint64
add_item (StewardStore *store,
          gint64        account_id,
          const char   *id,
          gint64        when)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autofree char *sql = NULL;

  g_ptr_array_add (page->items,
                   steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id,
                                            test_post (id, "<p>hello</p>", when, 3)));
  test_ingest (store, account_id, STEWARD_STREAM_MENTIONS, page);
  sql = g_strdup_printf ("SELECT id FROM inbox_items WHERE remote_id = '%s'", id);
  return test_query_int (store, sql);
}

static gint64
due_of (StewardStore *store,
        gint64        item_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sla_due_at, -1) FROM inbox_items"
                                          " WHERE id = %" G_GINT64_FORMAT, item_id);

  return test_query_int (store, sql);
}

static void
test_store_policy (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(StewardStore) store = test_open_store (path);
  g_autoptr(StewardSlaPolicy) loaded = NULL;
  g_autoptr(StewardSlaPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  const char *sh = "Asia/Shanghai";
  gint64 account, waiting, urgent, answered, no_reply;
  guint start, end;

  /* Nothing stored: the defaults. */
  loaded = steward_store_load_sla_policy (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (steward_sla_policy_get_target (loaded, FALSE), ==, 1440);
  g_clear_pointer (&loaded, steward_sla_policy_free);

  account = test_add_account (store, "https://social.example", "1");
  waiting = add_item (store, account, "w", at (sh, 2026, 11, 20, 17, 0));
  urgent = add_item (store, account, "u", at (sh, 2026, 11, 20, 17, 0));
  answered = add_item (store, account, "a", at (sh, 2026, 11, 20, 17, 0));
  no_reply = add_item (store, account, "n", at (sh, 2026, 11, 20, 17, 0));
  g_assert_cmpint (test_query_int (store,
                                   "UPDATE inbox_items SET urgent = 1 WHERE remote_id = 'u' RETURNING 0"),
                   ==, 0);
  g_assert_cmpint (test_query_int (store,
                                   "UPDATE inbox_items SET first_response_at = 5, sla_due_at = 7"
                                   " WHERE remote_id = 'a' RETURNING 0"), ==, 0);
  g_assert_cmpint (test_query_int (store,
                                   "UPDATE inbox_items SET needs_reply = 0, sla_due_at = 9"
                                   " WHERE remote_id = 'n' RETURNING 0"), ==, 0);

  policy = policy_in (sh);
  steward_sla_policy_set_days (policy, STEWARD_SLA_ALL_DAYS);
  g_assert_true (steward_sla_policy_set_window (policy, 8 * 60, 20 * 60));
  steward_sla_policy_set_targets (policy, 60, 240);
  steward_sla_policy_set_due_soon (policy, 30);
  g_assert_true (steward_store_save_sla_policy (store, policy, &error));
  g_assert_no_error (error);

  loaded = steward_store_load_sla_policy (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_sla_policy_get_time_zone (loaded), ==, sh);
  g_assert_cmpuint (steward_sla_policy_get_days (loaded), ==, STEWARD_SLA_ALL_DAYS);
  steward_sla_policy_get_window (loaded, &start, &end);
  g_assert_cmpuint (start, ==, 480);
  g_assert_cmpuint (end, ==, 1200);
  g_assert_cmpuint (steward_sla_policy_get_target (loaded, TRUE), ==, 60);
  g_assert_cmpuint (steward_sla_policy_get_target (loaded, FALSE), ==, 240);
  g_assert_cmpint (steward_sla_policy_get_due_soon (loaded), ==, 1800);

  /* Friday 17:00: normal 4 h → 3 h Friday + 1 h Saturday = 09:00;
   * urgent 1 h → 18:00. Answered and no-reply items keep theirs. */
  g_assert_cmpint (due_of (store, waiting), ==, at (sh, 2026, 11, 21, 9, 0));
  g_assert_cmpint (due_of (store, urgent), ==, at (sh, 2026, 11, 20, 18, 0));
  g_assert_cmpint (due_of (store, answered), ==, 7);
  g_assert_cmpint (due_of (store, no_reply), ==, 9);

  /* A bad stored value is ignored, not fatal. */
  g_assert_true (steward_store_set_setting (store, "sla.start", "banana", &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, steward_sla_policy_free);
  loaded = steward_store_load_sla_policy (store, &error);
  g_assert_no_error (error);
  steward_sla_policy_get_window (loaded, &start, &end);
  g_assert_cmpuint (start, ==, 540);
  g_assert_cmpuint (end, ==, 1200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/sla/defaults", test_defaults);
  g_test_add_func ("/core/sla/business-hours", test_business_hours);
  g_test_add_func ("/core/sla/days", test_days);
  g_test_add_func ("/core/sla/dst", test_dst);
  g_test_add_func ("/core/sla/inverse", test_inverse);
  g_test_add_func ("/core/sla/state", test_state);
  g_test_add_func ("/core/sla/describe", test_describe);
  g_test_add_func ("/core/sla/store-policy", test_store_policy);

  return g_test_run ();
}
