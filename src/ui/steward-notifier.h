/* steward-notifier.h — what the desktop notifiers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notifiers (listening spikes, inbox alerts) look for news in a worker
 * thread when a sync or a timer says so, and tell it in desktop
 * notifications. StewardNotifier holds what they do alike: the
 * application and context, one check at a time (a check asked for while
 * one runs follows it), the two tasks of a check (the caller's and the
 * worker's, which also stops with the notifier), and notifications that
 * carry Steward's name and icon with actions that call back into the
 * notifier only while it lives (a notification can outlast it); the
 * last are in steward-notifier-private.h, which keeps libnotify out of
 * the subclasses' headers.
 */
#pragma once

#include <gtk/gtk.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_NOTIFIER (steward_notifier_get_type ())
G_DECLARE_DERIVABLE_TYPE (StewardNotifier, steward_notifier, STEWARD, NOTIFIER, GObject)

struct _StewardNotifierClass
{
  GObjectClass parent_class;

  /* What it looks for, in debug messages ("spikes"). */
  const char  *what;

  /* The check steward_notifier_queue_check () starts; its task returns
   * the number of items notified. */
  void       (*check_async) (StewardNotifier     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
};

/* For subclasses' constructors. @application: (nullable) (not owned). */
void                steward_notifier_set_up          (StewardNotifier     *self,
                                                      GtkApplication      *application,
                                                      StewardContext      *context);
/* (nullable): %NULL in tests and once disposed */
GtkApplication     *steward_notifier_get_application (StewardNotifier     *self);
/* (nullable): %NULL once disposed */
StewardContext     *steward_notifier_get_context     (StewardNotifier     *self);
/* Cancelled when the notifier is disposed. */
GCancellable       *steward_notifier_get_cancellable (StewardNotifier     *self);
/* Starts a check now, or after the one running. */
void                steward_notifier_queue_check     (StewardNotifier     *self);

/* The caller's task of a check, or %NULL when the notifier is disposed
 * (the caller is then told G_IO_ERROR_CANCELLED). */
GTask              *steward_notifier_begin_check     (StewardNotifier     *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data,
                                                      gpointer             source_tag);
/* Runs @thread_func on @task_data in a worker that stops with @outer's
 * cancellable or, without one, with the notifier; @done gets @outer
 * (stolen) as user data and must call steward_notifier_end_check (). */
void                steward_notifier_run_check       (StewardNotifier     *self,
                                                      GTask               *outer,
                                                      gpointer             task_data,
                                                      GDestroyNotify       task_data_free,
                                                      GTaskThreadFunc      thread_func,
                                                      GAsyncReadyCallback  done);
void                steward_notifier_end_check       (StewardNotifier     *self);
gboolean            steward_notifier_check_finish    (StewardNotifier     *self,
                                                      GAsyncResult        *result,
                                                      guint               *n_notified,
                                                      GError             **error);

G_END_DECLS
