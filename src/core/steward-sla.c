/* steward-sla.c — business hours and first-response clocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Business time is real elapsed time inside the daily windows of working
 * days, the windows being wall-clock times in the policy's time zone. Each
 * window is built from its calendar date, so a 09:00–18:00 window stays
 * 09:00–18:00 across daylight-saving changes, and a 00:00–24:00 window on
 * a 23- or 25-hour day holds 23 or 25 hours: around the clock is plain
 * wall-clock time.
 */
#define G_LOG_DOMAIN "steward-sla"

#include "steward-sla.h"

#include <glib/gi18n-lib.h>

struct _StewardSlaPolicy {
  char      *tz_id;         /* "" = the machine's */
  GTimeZone *tz;
  guint      days;
  guint      start;
  guint      end;
  guint      urgent_minutes;
  guint      normal_minutes;
  guint      due_soon_minutes;
};

G_DEFINE_BOXED_TYPE (StewardSlaPolicy, steward_sla_policy,
                     steward_sla_policy_copy, steward_sla_policy_free)

/* The window of the working day @date as Unix seconds, [*open, *close). */
static void
day_window (const StewardSlaPolicy *policy,
            const GDate            *date,
            gint64                 *open,
            gint64                 *close)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  start = g_date_time_new (policy->tz,
                           g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                           policy->start / 60, policy->start % 60, 0);
  if (policy->end >= 1440)
    {
      GDate next = *date;

      g_date_add_days (&next, 1);
      end = g_date_time_new (policy->tz,
                             g_date_get_year (&next), g_date_get_month (&next),
                             g_date_get_day (&next), 0, 0, 0);
    }
  else
    {
      end = g_date_time_new (policy->tz,
                             g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                             policy->end / 60, policy->end % 60, 0);
    }

  *open = g_date_time_to_unix (start);
  *close = g_date_time_to_unix (end);
}

static gboolean
is_working_day (const StewardSlaPolicy *policy,
                const GDate            *date)
{
  /* GDateWeekday: Monday is 1. */
  return (policy->days & (1u << (g_date_get_weekday (date) - 1))) != 0;
}

/* The calendar date of @when in the policy's time zone. */
static void
local_date (const StewardSlaPolicy *policy,
            gint64                  when,
            GDate                  *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, policy->tz);
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static char *
format_duration (gint64 seconds)
{
  gint64 minutes;
  int days, hours, mins;

  if (seconds < 60)
    return g_strdup (_("less than a minute"));

  minutes = seconds / 60;
  days = (int) MIN (minutes / 1440, G_MAXINT);
  hours = (int) ((minutes % 1440) / 60);
  mins = (int) (minutes % 60);

  if (days > 0)
    {
      g_autofree char *d = g_strdup_printf (ngettext ("%d day", "%d days", days), days);
      g_autofree char *h = NULL;

      if (hours == 0)
        return g_steal_pointer (&d);
      /* TRANSLATORS: hours, abbreviated */
      h = g_strdup_printf (ngettext ("%d h", "%d h", hours), hours);
      /* TRANSLATORS: a duration: days, then hours ("2 days 3 h") */
      return g_strdup_printf (C_("duration", "%s %s"), d, h);
    }

  if (hours > 0)
    {
      g_autofree char *h = g_strdup_printf (ngettext ("%d h", "%d h", hours), hours);
      g_autofree char *m = NULL;

      if (mins == 0)
        return g_steal_pointer (&h);
      /* TRANSLATORS: minutes, abbreviated */
      m = g_strdup_printf (ngettext ("%d min", "%d min", mins), mins);
      return g_strdup_printf (C_("duration", "%s %s"), h, m);
    }

  return g_strdup_printf (ngettext ("%d min", "%d min", mins), mins);
}

/**
 * steward_sla_policy_new:
 *
 * Returns: (transfer full): the default policy: the machine's time zone,
 *   Monday to Friday 09:00–18:00, urgent 8 h, normal 24 h, due soon 2 h
 */
StewardSlaPolicy *
steward_sla_policy_new (void)
{
  StewardSlaPolicy *policy = g_new0 (StewardSlaPolicy, 1);

  policy->tz_id = g_strdup ("");
  policy->tz = g_time_zone_new_local ();
  policy->days = STEWARD_SLA_WEEKDAYS;
  policy->start = 9 * 60;
  policy->end = 18 * 60;
  policy->urgent_minutes = 8 * 60;
  policy->normal_minutes = 24 * 60;
  policy->due_soon_minutes = 120;
  return policy;
}

StewardSlaPolicy *
steward_sla_policy_copy (const StewardSlaPolicy *policy)
{
  StewardSlaPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = g_memdup2 (policy, sizeof *policy);
  copy->tz_id = g_strdup (policy->tz_id);
  copy->tz = g_time_zone_ref (policy->tz);
  return copy;
}

void
steward_sla_policy_free (StewardSlaPolicy *policy)
{
  if (policy == NULL)
    return;

  g_free (policy->tz_id);
  g_time_zone_unref (policy->tz);
  g_free (policy);
}

gboolean
steward_sla_policy_set_time_zone (StewardSlaPolicy *policy,
                                  const char       *tz_id)
{
  GTimeZone *tz;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (tz_id == NULL || *tz_id == '\0')
    {
      tz_id = "";
      tz = g_time_zone_new_local ();
    }
  else
    {
      tz = g_time_zone_new_identifier (tz_id);
      if (tz == NULL)
        return FALSE;
    }

  g_time_zone_unref (policy->tz);
  policy->tz = tz;
  g_free (policy->tz_id);
  policy->tz_id = g_strdup (tz_id);
  return TRUE;
}

const char *
steward_sla_policy_get_time_zone (const StewardSlaPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);
  return policy->tz_id;
}

void
steward_sla_policy_set_days (StewardSlaPolicy *policy,
                             guint             days)
{
  g_return_if_fail (policy != NULL);
  policy->days = days & STEWARD_SLA_ALL_DAYS;
}

guint
steward_sla_policy_get_days (const StewardSlaPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, 0);
  return policy->days;
}

gboolean
steward_sla_policy_set_window (StewardSlaPolicy *policy,
                               guint             start,
                               guint             end)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (start >= end || end > 1440)
    return FALSE;

  policy->start = start;
  policy->end = end;
  return TRUE;
}

void
steward_sla_policy_get_window (const StewardSlaPolicy *policy,
                               guint                  *start,
                               guint                  *end)
{
  g_return_if_fail (policy != NULL);

  if (start != NULL)
    *start = policy->start;
  if (end != NULL)
    *end = policy->end;
}

void
steward_sla_policy_set_targets (StewardSlaPolicy *policy,
                                guint             urgent_minutes,
                                guint             normal_minutes)
{
  g_return_if_fail (policy != NULL);

  policy->urgent_minutes = urgent_minutes;
  policy->normal_minutes = normal_minutes;
}

guint
steward_sla_policy_get_target (const StewardSlaPolicy *policy,
                               gboolean                urgent)
{
  g_return_val_if_fail (policy != NULL, 0);
  return urgent ? policy->urgent_minutes : policy->normal_minutes;
}

void
steward_sla_policy_set_due_soon (StewardSlaPolicy *policy,
                                 guint             minutes)
{
  g_return_if_fail (policy != NULL);
  policy->due_soon_minutes = minutes;
}

gint64
steward_sla_policy_get_due_soon (const StewardSlaPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, 0);
  return (gint64) policy->due_soon_minutes * 60;
}

gint64
steward_sla_policy_add_business_time (const StewardSlaPolicy *policy,
                                      gint64                  start,
                                      guint                   minutes)
{
  gint64 remaining = (gint64) minutes * 60;
  GDate date;

  g_return_val_if_fail (policy != NULL, G_MAXINT64);

  if (remaining == 0)
    return start;
  if ((policy->days & STEWARD_SLA_ALL_DAYS) == 0)
    return G_MAXINT64;

  /* Terminates: every week holds at least one working window. */
  for (local_date (policy, start, &date);; g_date_add_days (&date, 1))
    {
      gint64 open, close, from;

      if (!is_working_day (policy, &date))
        continue;

      day_window (policy, &date, &open, &close);
      from = MAX (start, open);
      if (from >= close)
        continue;
      if (remaining <= close - from)
        return from + remaining;
      remaining -= close - from;
    }
}

gint64
steward_sla_policy_business_seconds (const StewardSlaPolicy *policy,
                                     gint64                  start,
                                     gint64                  end)
{
  gint64 total = 0;
  GDate date;

  g_return_val_if_fail (policy != NULL, 0);

  if (end <= start || (policy->days & STEWARD_SLA_ALL_DAYS) == 0)
    return 0;

  for (local_date (policy, start, &date);; g_date_add_days (&date, 1))
    {
      gint64 open, close;

      day_window (policy, &date, &open, &close);
      if (open >= end)
        break;
      if (!is_working_day (policy, &date))
        continue;

      open = MAX (open, start);
      close = MIN (close, end);
      if (close > open)
        total += close - open;
    }

  return total;
}

gint64
steward_sla_policy_due_at (const StewardSlaPolicy *policy,
                           gint64                  created_at,
                           gboolean                urgent)
{
  g_return_val_if_fail (policy != NULL, G_MAXINT64);

  return steward_sla_policy_add_business_time (policy, created_at,
                                               steward_sla_policy_get_target (policy, urgent));
}

/**
 * steward_sla_state_at:
 * @due_at: the due time, or 0 when there is none yet (not classified)
 * @first_response_at: the first response, or 0 when none
 * @needs_reply: whether the item needs a reply at all
 * @now: the time to judge at
 * @due_soon_seconds: how close to @due_at counts as due soon
 *
 * An unanswered item without a due time (or never due, G_MAXINT64) is
 * %STEWARD_SLA_STATE_OK; an answered one without a due time is met.
 *
 * Returns: the state of the clock
 */
StewardSlaState
steward_sla_state_at (gint64   due_at,
                      gint64   first_response_at,
                      gboolean needs_reply,
                      gint64   now,
                      gint64   due_soon_seconds)
{
  if (!needs_reply)
    return STEWARD_SLA_STATE_NONE;

  if (first_response_at > 0)
    return (due_at <= 0 || first_response_at <= due_at) ? STEWARD_SLA_STATE_MET
                                                        : STEWARD_SLA_STATE_MISSED;

  if (due_at <= 0 || due_at == G_MAXINT64)
    return STEWARD_SLA_STATE_OK;
  if (now >= due_at)
    return STEWARD_SLA_STATE_BREACHED;
  if (due_at - now <= due_soon_seconds)
    return STEWARD_SLA_STATE_DUE_SOON;
  return STEWARD_SLA_STATE_OK;
}

/**
 * steward_sla_describe:
 * @due_at: the due time, or 0
 * @first_response_at: the first response, or 0
 * @created_at: when the item was created
 * @needs_reply: whether it needs a reply
 * @now: the time to describe at
 * @due_soon_seconds: the due-soon window
 *
 * Returns: (transfer full): a translated sentence for the clock
 */
char *
steward_sla_describe (gint64   due_at,
                      gint64   first_response_at,
                      gint64   created_at,
                      gboolean needs_reply,
                      gint64   now,
                      gint64   due_soon_seconds)
{
  g_autofree char *span = NULL;

  switch (steward_sla_state_at (due_at, first_response_at, needs_reply, now, due_soon_seconds))
    {
    case STEWARD_SLA_STATE_NONE:
      return g_strdup (_("No reply needed"));

    case STEWARD_SLA_STATE_MET:
      span = format_duration (MAX (first_response_at - created_at, 0));
      /* TRANSLATORS: %s is a duration such as "1 h 5 min" */
      return g_strdup_printf (_("Answered in %s"), span);

    case STEWARD_SLA_STATE_MISSED:
      span = format_duration (first_response_at - due_at);
      /* TRANSLATORS: %s is a duration such as "2 h" */
      return g_strdup_printf (_("Answered late, %s after due"), span);

    case STEWARD_SLA_STATE_BREACHED:
      span = format_duration (now - due_at);
      /* TRANSLATORS: %s is a duration such as "2 h" */
      return g_strdup_printf (_("Breached %s ago"), span);

    case STEWARD_SLA_STATE_DUE_SOON:
      span = format_duration (due_at - now);
      /* TRANSLATORS: %s is a duration such as "45 min" */
      return g_strdup_printf (_("Due soon: %s left"), span);

    case STEWARD_SLA_STATE_OK:
    default:
      if (due_at <= 0 || due_at == G_MAXINT64)
        return g_strdup (_("Waiting for a reply"));
      span = format_duration (due_at - now);
      /* TRANSLATORS: %s is a duration such as "3 h 20 min" */
      return g_strdup_printf (_("Due in %s"), span);
    }
}
