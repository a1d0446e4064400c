/* steward-relative-time.c — short, localized "5 min" style times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-ui"

#include <glib/gi18n.h>

#include "steward-relative-time.h"

char *
steward_relative_time_short (GDateTime *when,
                             GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) current = NULL;
  GTimeSpan span;
  gint64 n;

  g_return_val_if_fail (when != NULL, NULL);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  span = g_date_time_difference (current, when);

  /* A clock a little behind the server's still reads as "now". */
  if (span < G_TIME_SPAN_MINUTE)
    /* Translators: how long ago something happened: less than a minute */
    return g_strdup (C_("time ago", "now"));

  if (span < G_TIME_SPAN_HOUR)
    {
      n = span / G_TIME_SPAN_MINUTE;
      /* Translators: how long ago, in minutes, as short as possible; the
       * same abbreviation is used for every number */
      return g_strdup_printf (C_("time ago", "%d min"), (int) n);
    }

  if (span < G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_HOUR;
      /* Translators: how long ago, in hours, as short as possible; the same
       * abbreviation is used for every number */
      return g_strdup_printf (C_("time ago", "%d h"), (int) n);
    }

  if (span < 7 * G_TIME_SPAN_DAY)
    {
      n = span / G_TIME_SPAN_DAY;
      /* Translators: how long ago, in days, as short as possible; the same
       * abbreviation is used for every number */
      return g_strdup_printf (C_("time ago", "%d d"), (int) n);
    }

  local = g_date_time_to_local (when);
  if (g_date_time_get_year (local) == g_date_time_get_year (current))
    /* Translators: a date this year, strftime format (e.g. "Mar 4"); zh: "%-m月%-d日" */
    return g_date_time_format (local, _("%b %-d"));

  /* Translators: a date in another year, strftime format (e.g. "Mar 4, 2024") */
  return g_date_time_format (local, _("%b %-d, %Y"));
}

char *
steward_relative_time_full (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  /* Translators: full date and time for a tooltip, strftime format */
  return g_date_time_format (local, _("%A, %B %-d, %Y at %H:%M"));
}
