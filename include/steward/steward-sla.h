/* steward-sla.h — business hours and first-response targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A policy says when the team works (a time zone, working days, one daily
 * window) and how many business minutes a first response may take:
 * urgent items 8 business hours and the rest 24 by default, the research's
 * crisis window. An item's SLA due time is its creation time plus the
 * target counted in business time only: a mention on Friday evening with
 * an 8-hour target, Monday to Friday 09:00–18:00, is due on Monday at
 * 17:00. Days are in the policy's time zone, across daylight-saving
 * changes. A window of 00:00–24:00 every day is "around the clock".
 *
 * The policy is a workspace setting, stored in the settings table under
 * "sla.time-zone" (IANA id; empty = the machine's), "sla.days" (bit 0 =
 * Monday … bit 6 = Sunday), "sla.start" and "sla.end" (minutes after
 * midnight, end may be 1440), "sla.urgent-minutes", "sla.normal-minutes"
 * and "sla.due-soon-minutes" (how close to due an item counts as due soon;
 * default 120).
 */
#pragma once

#include <glib-object.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SLA_POLICY (steward_sla_policy_get_type ())

typedef struct _StewardSlaPolicy StewardSlaPolicy;

#define STEWARD_SLA_MONDAY   (1u << 0)
#define STEWARD_SLA_WEEKDAYS (0x1fu)
#define STEWARD_SLA_ALL_DAYS (0x7fu)

GType             steward_sla_policy_get_type         (void) G_GNUC_CONST;
/* The defaults: the machine's time zone, Monday to Friday, 09:00–18:00,
 * urgent 480 minutes, normal 1440 minutes, due soon 120 minutes. */
StewardSlaPolicy *steward_sla_policy_new              (void);
StewardSlaPolicy *steward_sla_policy_copy             (const StewardSlaPolicy *policy);
void              steward_sla_policy_free             (StewardSlaPolicy       *policy);

/* "" or %NULL is the machine's time zone. Returns %FALSE (and keeps the
 * old one) for an unknown id. */
gboolean          steward_sla_policy_set_time_zone    (StewardSlaPolicy       *policy,
                                                       const char             *tz_id);
const char       *steward_sla_policy_get_time_zone    (const StewardSlaPolicy *policy);
void              steward_sla_policy_set_days         (StewardSlaPolicy       *policy,
                                                       guint                   days);
guint             steward_sla_policy_get_days         (const StewardSlaPolicy *policy);
/* Minutes after midnight, 0 <= @start < @end <= 1440. */
gboolean          steward_sla_policy_set_window       (StewardSlaPolicy       *policy,
                                                       guint                   start,
                                                       guint                   end);
void              steward_sla_policy_get_window       (const StewardSlaPolicy *policy,
                                                       guint                  *start,
                                                       guint                  *end);
void              steward_sla_policy_set_targets      (StewardSlaPolicy       *policy,
                                                       guint                   urgent_minutes,
                                                       guint                   normal_minutes);
guint             steward_sla_policy_get_target       (const StewardSlaPolicy *policy,
                                                       gboolean                urgent);
void              steward_sla_policy_set_due_soon     (StewardSlaPolicy       *policy,
                                                       guint                   minutes);
/* In seconds, as steward_inbox_item_get_sla_state() takes it. */
gint64            steward_sla_policy_get_due_soon     (const StewardSlaPolicy *policy);

/* @start plus @minutes of business time, Unix seconds. With no working
 * day at all the result is G_MAXINT64 (never due). */
gint64            steward_sla_policy_add_business_time (const StewardSlaPolicy *policy,
                                                        gint64                  start,
                                                        guint                   minutes);
/* Business seconds between @start and @end (0 when @end <= @start). */
gint64            steward_sla_policy_business_seconds  (const StewardSlaPolicy *policy,
                                                        gint64                  start,
                                                        gint64                  end);
/* The first-response due time of an item created at @created_at. */
gint64            steward_sla_policy_due_at           (const StewardSlaPolicy *policy,
                                                       gint64                  created_at,
                                                       gboolean                urgent);

/* Where a clock stands; @due_at and @first_response_at are 0 when unset. */
StewardSlaState   steward_sla_state_at                (gint64                  due_at,
                                                       gint64                  first_response_at,
                                                       gboolean                needs_reply,
                                                       gint64                  now,
                                                       gint64                  due_soon_seconds);
/* "Due in 3 h", "Breached 20 min ago", "Answered in 2 h 5 min"…,
 * translated; for the Inbox and the CLI. */
char             *steward_sla_describe                (gint64                  due_at,
                                                       gint64                  first_response_at,
                                                       gint64                  created_at,
                                                       gboolean                needs_reply,
                                                       gint64                  now,
                                                       gint64                  due_soon_seconds);

/* Loading and saving in the workspace (see above). Saving recomputes the
 * due time of every item still waiting for a first response. */
StewardSlaPolicy *steward_store_load_sla_policy       (StewardStore           *store,
                                                       GError                **error);
gboolean          steward_store_save_sla_policy       (StewardStore           *store,
                                                       const StewardSlaPolicy *policy,
                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardSlaPolicy, steward_sla_policy_free)

G_END_DECLS
