/* steward-notifier.c — what the desktop notifiers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-notifier"

#include "steward-notifier-private.h"

typedef struct {
  /* The application owns the notifier: not a reference. */
  GtkApplication *application;
  StewardContext *context;
  GCancellable   *cancellable;
  guint           n_running;
  gboolean        check_again;
  /* whether the daemon reads markup in bodies: -1 until asked */
  int             body_markup;
} StewardNotifierPrivate;

typedef struct {
  GWeakRef                   notifier;
  StewardNotifierActionFunc  func;
  gpointer                   user_data;
  GDestroyNotify             destroy;
} Action;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (StewardNotifier, steward_notifier, G_TYPE_OBJECT)

/* Helpers */

static void
action_free (gpointer data)
{
  Action *action = data;

  g_weak_ref_clear (&action->notifier);
  if (action->destroy != NULL)
    action->destroy (action->user_data);
  g_free (action);
}

/* Callbacks */

static void
on_action_cb (NotifyNotification *notification,
              char               *name,
              gpointer            data)
{
  Action *action = data;
  g_autoptr(StewardNotifier) self = g_weak_ref_get (&action->notifier);

  if (self != NULL)
    action->func (self, action->user_data);
}

static void
on_auto_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StewardNotifier *self = STEWARD_NOTIFIER (object);
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  if (!steward_notifier_check_finish (self, result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* No notification daemon is no reason to bother anyone. */
      g_debug ("Could not check for %s: %s", STEWARD_NOTIFIER_GET_CLASS (self)->what, error->message);
    }

  if (priv->check_again)
    {
      priv->check_again = FALSE;
      steward_notifier_queue_check (self);
    }
}

/* GObject overrides */

static void
steward_notifier_dispose (GObject *object)
{
  StewardNotifier *self = STEWARD_NOTIFIER (object);
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->context);
  priv->application = NULL;

  G_OBJECT_CLASS (steward_notifier_parent_class)->dispose (object);
}

static void
steward_notifier_finalize (GObject *object)
{
  StewardNotifier *self = STEWARD_NOTIFIER (object);
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (steward_notifier_parent_class)->finalize (object);
}

static void
steward_notifier_class_init (StewardNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_notifier_dispose;
  object_class->finalize = steward_notifier_finalize;
}

static void
steward_notifier_init (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->body_markup = -1;
}

/* A daemon that reads <b> and friends in bodies would take a post's "<3"
 * or a query named "R&D" as markup: escape for it. Asked once. */
static char *
dup_body (StewardNotifier *self,
          const char      *body)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  if (body == NULL)
    return NULL;
  if (priv->body_markup < 0)
    {
      GList *caps = notify_get_server_caps ();

      priv->body_markup = g_list_find_custom (caps, "body-markup", (GCompareFunc) g_strcmp0) != NULL;
      g_list_free_full (caps, g_free);
    }
  return priv->body_markup ? g_markup_escape_text (body, -1) : g_strdup (body);
}

/* Public API */

void
steward_notifier_set_up (StewardNotifier *self,
                         GtkApplication  *application,
                         StewardContext  *context)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));
  g_return_if_fail (application == NULL || GTK_IS_APPLICATION (application));
  g_return_if_fail (STEWARD_IS_CONTEXT (context));
  g_return_if_fail (priv->context == NULL);

  if (!notify_is_initted ())
    notify_init ("Steward");

  priv->application = application;
  priv->context = g_object_ref (context);
}

GtkApplication *
steward_notifier_get_application (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), NULL);

  return priv->application;
}

StewardContext *
steward_notifier_get_context (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), NULL);

  return priv->context;
}

GCancellable *
steward_notifier_get_cancellable (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), NULL);

  return priv->cancellable;
}

/* One check at a time: two would find the same news before either
 * records it, and notify twice. */
void
steward_notifier_queue_check (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));

  if (priv->n_running > 0)
    {
      priv->check_again = TRUE;
      return;
    }

  STEWARD_NOTIFIER_GET_CLASS (self)->check_async (self, priv->cancellable, on_auto_check_cb, NULL);
}

GTask *
steward_notifier_begin_check (StewardNotifier     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data,
                              gpointer             source_tag)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);
  g_autoptr(GTask) outer = NULL;

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, source_tag);

  if (priv->context == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Disposed");
      return NULL;
    }

  return g_steal_pointer (&outer);
}

void
steward_notifier_run_check (StewardNotifier     *self,
                            GTask               *outer,
                            gpointer             task_data,
                            GDestroyNotify       task_data_free,
                            GTaskThreadFunc      thread_func,
                            GAsyncReadyCallback  done)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);
  GCancellable *cancellable = g_task_get_cancellable (outer);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));
  g_return_if_fail (G_IS_TASK (outer));

  /* The worker stops with the notifier as well as with the caller. */
  task = g_task_new (self, cancellable != NULL ? cancellable : priv->cancellable, done, outer);
  g_task_set_source_tag (task, g_task_get_source_tag (outer));
  g_task_set_task_data (task, task_data, task_data_free);
  priv->n_running++;
  g_task_run_in_thread (task, thread_func);
}

void
steward_notifier_end_check (StewardNotifier *self)
{
  StewardNotifierPrivate *priv = steward_notifier_get_instance_private (self);

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));
  g_return_if_fail (priv->n_running > 0);

  priv->n_running--;
}

gboolean
steward_notifier_check_finish (StewardNotifier  *self,
                               GAsyncResult     *result,
                               guint            *n_notified,
                               GError          **error)
{
  gssize n;

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_notified != NULL)
    *n_notified = (guint) n;
  return TRUE;
}

NotifyNotification *
steward_notifier_new_notification (StewardNotifier *self,
                                   const char      *summary,
                                   const char      *body,
                                   NotifyUrgency    urgency)
{
  NotifyNotification *notification;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (STEWARD_IS_NOTIFIER (self), NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  escaped = dup_body (self, body);

  notification = notify_notification_new (summary, escaped, APP_ID);
  notify_notification_set_app_name (notification, "Steward");
  notify_notification_set_urgency (notification, urgency);

  return notification;
}

void
steward_notifier_update_notification (StewardNotifier    *self,
                                      NotifyNotification *notification,
                                      const char         *summary,
                                      const char         *body)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));
  g_return_if_fail (NOTIFY_IS_NOTIFICATION (notification));

  escaped = dup_body (self, body);
  notify_notification_update (notification, summary, escaped, APP_ID);
}

void
steward_notifier_add_action (StewardNotifier           *self,
                             NotifyNotification        *notification,
                             const char                *action,
                             const char                *label,
                             StewardNotifierActionFunc  func,
                             gpointer                   user_data,
                             GDestroyNotify             destroy)
{
  Action *data;

  g_return_if_fail (STEWARD_IS_NOTIFIER (self));
  g_return_if_fail (NOTIFY_IS_NOTIFICATION (notification));
  g_return_if_fail (action != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (func != NULL);

  data = g_new0 (Action, 1);
  g_weak_ref_init (&data->notifier, self);
  data->func = func;
  data->user_data = user_data;
  data->destroy = destroy;
  notify_notification_add_action (notification, action, label, on_action_cb, data, action_free);
}
