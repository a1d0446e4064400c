/* steward-notifier-private.h — the notifications of StewardNotifier, for
 * its subclasses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libnotify/notify.h>

#include "steward-notifier.h"

G_BEGIN_DECLS

/* Called when the user picks an action, with the notifier alive. */
typedef void (*StewardNotifierActionFunc) (StewardNotifier *self,
                                           gpointer         user_data);

/* A notification from Steward at @urgency; @body is plain text, escaped
 * here when the daemon reads markup. */
NotifyNotification *steward_notifier_new_notification (StewardNotifier           *self,
                                                       const char                *summary,
                                                       const char                *body,
                                                       NotifyUrgency              urgency);
/* Changes a shown notification's texts, as steward_notifier_new_notification(). */
void                steward_notifier_update_notification (StewardNotifier    *self,
                                                          NotifyNotification *notification,
                                                          const char         *summary,
                                                          const char         *body);
/* Adds the action @action (shown as @label) that calls @func with
 * @user_data while the notifier lives; @destroy frees @user_data. */
void                steward_notifier_add_action      (StewardNotifier            *self,
                                                      NotifyNotification         *notification,
                                                      const char                 *action,
                                                      const char                 *label,
                                                      StewardNotifierActionFunc   func,
                                                      gpointer                    user_data,
                                                      GDestroyNotify              destroy);

G_END_DECLS
