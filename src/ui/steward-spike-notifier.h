/* steward-spike-notifier.h — desktop notifications for spikes in the
 * volume of saved listening queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After each successful sync (the sync engine's "last-sync" changes) the
 * notifier reads the last 48 hours of every saved query's hourly volume in
 * a worker thread with its own store and looks for spikes. A spike whose
 * peak is the current or the previous hour, and that it has not reported
 * before, raises one notification; several raise one notification
 * together. The first check after start-up only reports spikes of the
 * current hour, so that opening Steward does not bring a flood of old news.
 */
#pragma once

#include "steward-notifier.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_SPIKE_NOTIFIER (steward_spike_notifier_get_type ())
G_DECLARE_FINAL_TYPE (StewardSpikeNotifier, steward_spike_notifier, STEWARD, SPIKE_NOTIFIER, StewardNotifier)

/* @application: (nullable): where "Open" raises the window; %NULL in tests */
StewardSpikeNotifier *steward_spike_notifier_new          (GtkApplication        *application,
                                                           StewardContext        *context);
/* Checks now, without waiting for a sync. @n_notified: (out) (optional):
 * how many spikes the notification it raised reports (0: none raised). */
void                  steward_spike_notifier_check_async  (StewardSpikeNotifier  *self,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean              steward_spike_notifier_check_finish (StewardSpikeNotifier  *self,
                                                           GAsyncResult          *result,
                                                           guint                 *n_notified,
                                                           GError               **error);

G_END_DECLS
