/* test-relative-time.c — the Inbox's "5 min" times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "steward-relative-time.h"

static GDateTime *
at (int year, int month, int day, int hour, int minute, int second)
{
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static void
check (GDateTime  *when,
       GDateTime  *now,
       const char *expected)
{
  g_autofree char *text = steward_relative_time_short (when, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_time_short (void)
{
  g_autoptr(GDateTime) now = at (2026, 11, 24, 14, 30, 0);
  g_autoptr(GDateTime) t1 = at (2026, 11, 24, 14, 29, 30);
  g_autoptr(GDateTime) t2 = at (2026, 11, 24, 14, 25, 0);
  g_autoptr(GDateTime) t3 = at (2026, 11, 24, 14, 29, 0);
  g_autoptr(GDateTime) t4 = at (2026, 11, 24, 11, 10, 0);
  g_autoptr(GDateTime) t5 = at (2026, 11, 21, 14, 30, 0);
  g_autoptr(GDateTime) t6 = at (2026, 3, 4, 12, 0, 0);
  g_autoptr(GDateTime) t7 = at (2024, 3, 4, 12, 0, 0);
  g_autoptr(GDateTime) future = at (2026, 11, 24, 14, 31, 0);

  check (t1, now, "now");
  check (future, now, "now");
  check (t3, now, "1 min");
  check (t2, now, "5 min");
  check (t4, now, "3 h");
  check (t5, now, "3 d");
  check (t6, now, "Mar 4");
  check (t7, now, "Mar 4, 2024");
}

static void
test_relative_time_full (void)
{
  g_autoptr(GDateTime) when = at (2026, 3, 4, 12, 5, 0);
  g_autofree char *text = steward_relative_time_full (when);

  /* TZ=UTC in main(): the local time is the UTC time. */
  g_assert_cmpstr (text, ==, "Wednesday, March 4, 2026 at 12:05");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ui/relative-time/short", test_relative_time_short);
  g_test_add_func ("/ui/relative-time/full", test_relative_time_full);

  return g_test_run ();
}
