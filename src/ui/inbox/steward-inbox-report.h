/* steward-inbox-report.h — the response report: rate, first response,
 * breaches, per week and per account, exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window over the Inbox. The report is built in a worker thread
 * with its own store (steward_store_build_report()) over the last 4, 12
 * or 26 weeks, weeks starting on Monday in the SLA policy's time zone, the
 * current week included. Figures that have nothing to count (no item
 * needed a reply, none was answered) show "—", never 0 %.
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_REPORT_WINDOW (steward_inbox_report_window_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxReportWindow, steward_inbox_report_window, STEWARD, INBOX_REPORT_WINDOW, AdwWindow)

/* @parent: (nullable): the window it is modal for */
GtkWidget     *steward_inbox_report_window_new             (GtkWindow                *parent,
                                                            StewardContext           *context);
/* 4, 12 or 26 (property "weeks"); setting it builds the report again. */
guint          steward_inbox_report_window_get_weeks       (StewardInboxReportWindow *self);
void           steward_inbox_report_window_set_weeks       (StewardInboxReportWindow *self,
                                                            guint                     weeks);
/* The report shown, or %NULL while it is built (property "report"). */
StewardReport *steward_inbox_report_window_get_report      (StewardInboxReportWindow *self);
/* Writes the report shown as CSV to @file, atomically (what Export CSV…
 * does after asking where). */
void           steward_inbox_report_window_save_csv_async  (StewardInboxReportWindow *self,
                                                            GFile                    *file,
                                                            GCancellable             *cancellable,
                                                            GAsyncReadyCallback       callback,
                                                            gpointer                  user_data);
gboolean       steward_inbox_report_window_save_csv_finish (StewardInboxReportWindow *self,
                                                            GAsyncResult             *result,
                                                            GError                  **error);

G_END_DECLS
