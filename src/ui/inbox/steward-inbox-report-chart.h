/* steward-inbox-report-chart.h — needed vs replied per week, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two bars a week: the items that needed a reply and those that got one;
 * a red mark above a week with SLA breaches, with their number. Hovering a
 * week highlights it and its tooltip gives the figures.
 */
#pragma once

#include "steward-chart.h"

G_BEGIN_DECLS

/**
 * StewardChartWeek:
 * @needed: items that needed a reply
 * @replied: of those, items that got one
 * @breached: SLA breaches
 */
typedef struct {
  guint needed;
  guint replied;
  guint breached;
} StewardChartWeek;

#define STEWARD_TYPE_INBOX_REPORT_CHART (steward_inbox_report_chart_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxReportChart, steward_inbox_report_chart, STEWARD, INBOX_REPORT_CHART, StewardChart)

GtkWidget *steward_inbox_report_chart_new            (void);
/* @labels: one short label per week ("Mar 3"), same length as @weeks */
void       steward_inbox_report_chart_set_weeks      (StewardInboxReportChart *self,
                                                      const StewardChartWeek  *weeks,
                                                      guint                    n_weeks,
                                                      const char * const      *labels);
guint      steward_inbox_report_chart_get_n_weeks    (StewardInboxReportChart *self);
/* The tooltip of week @index, translated. */
char      *steward_inbox_report_chart_describe_week  (StewardInboxReportChart *self,
                                                      guint                    index);

G_END_DECLS
