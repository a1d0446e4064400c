/* steward-inbox-notifier.h — desktop notifications for urgent inbox items
 * and SLA breaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After each "account-synced" of the sync engine, and once a minute for
 * first-response clocks running out, the notifier asks the store (in a
 * worker thread with its own connection) for the items to alert about
 * (steward_store_list_alerts()), raises one critical notification per item
 * with the actions Open and Assign to me, and marks them alerted. More
 * than three within a minute collapse into one summary notification. Items
 * of an account's first sync are marked quiet by the core and never listed,
 * so a backfill does not flood. A category turned off ("notify-urgent",
 * "notify-breach") is still marked alerted: turning it on later does not
 * bring old news.
 *
 * The actions activate the application's "app.open-item" and
 * "app.assign-to-me" actions with the item id (an int64; the summary's
 * Open Inbox passes 0).
 */
#pragma once

#include "steward-notifier.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_INBOX_NOTIFIER (steward_inbox_notifier_get_type ())
G_DECLARE_FINAL_TYPE (StewardInboxNotifier, steward_inbox_notifier, STEWARD, INBOX_NOTIFIER, StewardNotifier)

/* @application: (nullable): whose actions the notification actions
 * activate; %NULL in tests */
StewardInboxNotifier *steward_inbox_notifier_new          (GtkApplication        *application,
                                                           StewardContext        *context);
gboolean              steward_inbox_notifier_get_notify_urgent (StewardInboxNotifier *self);
void                  steward_inbox_notifier_set_notify_urgent (StewardInboxNotifier *self,
                                                                gboolean              notify_urgent);
gboolean              steward_inbox_notifier_get_notify_breach (StewardInboxNotifier *self);
void                  steward_inbox_notifier_set_notify_breach (StewardInboxNotifier *self,
                                                                gboolean              notify_breach);
/* Checks at @now (Unix seconds; 0 for the current time) without waiting
 * for a sync or the minute. @n_notified: (out) (optional): how many items
 * the notifications it raised report. */
void                  steward_inbox_notifier_check_async  (StewardInboxNotifier  *self,
                                                           gint64                 now,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
gboolean              steward_inbox_notifier_check_finish (StewardInboxNotifier  *self,
                                                           GAsyncResult          *result,
                                                           guint                 *n_notified,
                                                           GError               **error);
/* Plain text of at most @max_chars characters on one line, cut at a word
 * boundary when there is one near, with "…" when cut. */
char                 *steward_inbox_notifier_excerpt      (const char            *text,
                                                           guint                  max_chars);

G_END_DECLS
