/* steward-report.h — the numbers that tell the truth about replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over inbox items created in [since, until): how many needed a reply,
 * how many got one (a confirmed reply from the outbox, or one of our
 * accounts answering in the thread), the response rate, the median time to
 * the first response, and SLA breaches (answered after the due time, or
 * not answered and already due). Per account and per week (weeks start on
 * Monday in the SLA policy's time zone), per account over the whole range,
 * and in total. Items of kind "listening" count like mentions.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"

G_BEGIN_DECLS

/**
 * StewardReportRow:
 * @account_id: the account, or 0 for every account
 * @account_label: (nullable): its label ("@lumen@social.example"), or %NULL
 *   for the total
 * @week_start: Unix seconds of the week's Monday 00:00, or 0 for the whole
 *   range
 * @n_items: items created
 * @n_needed_reply: of those, items that needed a reply
 * @n_replied: of those, items that got one
 * @n_breached: of those, SLA breaches
 * @median_first_response: seconds from creation to the first response of
 *   the replied items, or -1 when none was replied
 */
typedef struct {
  gint64  account_id;
  char   *account_label;
  gint64  week_start;
  guint   n_items;
  guint   n_needed_reply;
  guint   n_replied;
  guint   n_breached;
  gint64  median_first_response;
} StewardReportRow;

/* n_replied / n_needed_reply, or -1 when nothing needed a reply. */
double                  steward_report_row_get_response_rate (const StewardReportRow *row);

#define STEWARD_TYPE_REPORT (steward_report_get_type ())
G_DECLARE_FINAL_TYPE (StewardReport, steward_report, STEWARD, REPORT, GObject)

/* @since and @until are Unix seconds; @now decides which unanswered items
 * are already breached. */
StewardReport          *steward_store_build_report          (StewardStore   *store,
                                                             gint64          since,
                                                             gint64          until,
                                                             gint64          now,
                                                             GError        **error);
gint64                  steward_report_get_since            (StewardReport  *self);
gint64                  steward_report_get_until            (StewardReport  *self);
/* (element-type StewardReportRow) Per account and week, by account then
 * week. */
GPtrArray              *steward_report_get_weekly           (StewardReport  *self);
/* (element-type StewardReportRow) Per account over the range. */
GPtrArray              *steward_report_get_accounts         (StewardReport  *self);
const StewardReportRow *steward_report_get_total            (StewardReport  *self);

/* CSV (RFC 4180, header row, one line per weekly row then per account and
 * the total; columns account, week, items, needed_reply, replied,
 * response_rate, median_first_response_seconds, breaches) and a JSON
 * object {"since","until","total":{…},"accounts":[…],"weekly":[…]}. */
char                   *steward_report_to_csv               (StewardReport  *self);
char                   *steward_report_to_json              (StewardReport  *self);

G_END_DECLS
