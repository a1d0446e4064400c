/* steward-test-monitor.h — a GNetworkMonitor the test switches by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_TEST_MONITOR (steward_test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (StewardTestMonitor, steward_test_monitor, STEWARD, TEST_MONITOR, GObject)

StewardTestMonitor *steward_test_monitor_new           (gboolean            available);
void                steward_test_monitor_set_available (StewardTestMonitor *self,
                                                        gboolean            available);

G_END_DECLS
