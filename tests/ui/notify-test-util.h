/* notify-test-util.h — what reaches the notification daemon, overheard
 * on the test session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test session bus (tests/dbus/session.conf) activates dunst as
 * org.freedesktop.Notifications. A NotifyMonitor is a second connection
 * that becomes a bus monitor and records every method call to the
 * notification interface, so a test sees exactly what reached the daemon.
 */
#pragma once

#include <gio/gio.h>
#include <libnotify/notify.h>

G_BEGIN_DECLS

typedef struct _NotifyMonitor NotifyMonitor;

/* What a notifier's check told its callback. */
typedef struct {
  gboolean  done;
  gboolean  ok;
  guint     n_notified;
  GError   *error;
} NotifyCheck;

/* Whether there are a display, dunst and a session bus to run on. */
gboolean       notify_test_can_run       (void);

NotifyMonitor *notify_monitor_new        (void);
void           notify_monitor_free       (NotifyMonitor       *self);
/* How many calls of @member ("Notify", …) the monitor has seen. */
guint          notify_monitor_count      (NotifyMonitor       *self,
                                          const char          *member);
/* Waits until the monitor has seen @n calls of @member; returns whether
 * it did in time. */
gboolean       notify_monitor_wait       (NotifyMonitor       *self,
                                          const char          *member,
                                          guint                n);
/* The parameters of the @index-th Notify call; asserts there is one. */
GVariant      *notify_monitor_get_notify (NotifyMonitor       *self,
                                          guint                index);
/* Asks the daemon something on the connection libnotify uses and waits
 * until the monitor has seen it: every Notify sent before has been seen
 * by then too, since a connection's messages keep their order. */
void           notify_monitor_flush      (NotifyMonitor       *self);
/* Waits until @check is done, asserts that it succeeded and flushes the
 * bus; returns how many items the notifier says it notified about. */
guint          notify_monitor_wait_check (NotifyMonitor       *self,
                                          NotifyCheck         *check);

/* Asserts the Notify @parameters are Steward's, with @summary, @body
 * (unless NULL), exactly @actions (NULL-terminated) and @urgency; stores
 * the id it replaces in @replaces_id unless that is NULL. */
void           assert_notify             (GVariant            *parameters,
                                          const char          *summary,
                                          const char          *body,
                                          const char * const  *actions,
                                          NotifyUrgency        urgency,
                                          guint32             *replaces_id);

G_END_DECLS
