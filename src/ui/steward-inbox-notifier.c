/* steward-inbox-notifier.c — desktop notifications for urgent inbox items
 * and SLA breaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox-notifier"

#include <glib/gi18n.h>

#include "steward-inbox-notifier.h"
#include "steward-notifier-private.h"

/* Breaches happen between syncs: look once a minute. */
#define CHECK_INTERVAL_SECONDS 60
/* More than this many alerts within COLLAPSE_WINDOW collapse into one. */
#define MAX_SEPARATE           3
#define COLLAPSE_WINDOW        (60 * G_USEC_PER_SEC)
#define EXCERPT_CHARS          140
#define SUMMARY_LINE_CHARS     60
#define SUMMARY_LINES          3
/* Notifications kept alive for their actions. */
#define MAX_SHOWN              32

struct _StewardInboxNotifier
{
  StewardNotifier     parent_instance;

  guint               timeout_id;

  /* NotifyNotification of single items, alive while shown */
  GPtrArray          *shown;
  /* monotonic times at which alerts were raised, the last minute's */
  GArray             *recent;
  /* the collapsed notification, updated while its minute lasts */
  NotifyNotification *summary;
  gint64              summary_at;
  guint               summary_urgent;
  guint               summary_breach;

  gboolean            notify_urgent;
  gboolean            notify_breach;
};

typedef struct {
  char      *database_path;
  gint64     now;
  /* filled by the worker */
  GPtrArray *urgent;
  GPtrArray *breach;
  /* ids to mark, filled on the main thread */
  GArray    *mark_urgent;
  GArray    *mark_breach;
  guint      n_notified;
  GError    *show_error;
} CheckData;

typedef struct {
  StewardAlertKind  kind;
  StewardInboxItem *item;
} Alert;

G_DEFINE_FINAL_TYPE (StewardInboxNotifier, steward_inbox_notifier, STEWARD_TYPE_NOTIFIER)

enum {
  PROP_0,
  PROP_NOTIFY_URGENT,
  PROP_NOTIFY_BREACH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
check_data_free (CheckData *data)
{
  g_free (data->database_path);
  g_clear_pointer (&data->urgent, g_ptr_array_unref);
  g_clear_pointer (&data->breach, g_ptr_array_unref);
  g_clear_pointer (&data->mark_urgent, g_array_unref);
  g_clear_pointer (&data->mark_breach, g_array_unref);
  g_clear_error (&data->show_error);
  g_free (data);
}

static gboolean
id_in (GPtrArray *items,
       gint64     id)
{
  for (guint i = 0; i < items->len; i++)
    if (steward_inbox_item_get_id (g_ptr_array_index (items, i)) == id)
      return TRUE;

  return FALSE;
}

static char *
dup_author (StewardInboxItem *item)
{
  const char *name = steward_inbox_item_get_author_name (item);
  const char *acct = steward_inbox_item_get_author (item);
  g_autofree char *handle = NULL;

  if (acct == NULL || *acct == '\0')
    return g_strdup (name != NULL && *name != '\0' ? name : _("Someone"));

  handle = g_str_has_prefix (acct, "@") ? g_strdup (acct) : g_strconcat ("@", acct, NULL);
  if (name == NULL || *name == '\0' || g_strcmp0 (name, acct) == 0)
    return g_steal_pointer (&handle);

  /* Translators: an author: display name, then handle, as in
   * "Mei Lin (@mei@example.social)" */
  return g_strdup_printf (_("%s (%s)"), name, handle);
}

static void
prune_recent (StewardInboxNotifier *self,
              gint64                now)
{
  guint n = 0;

  while (n < self->recent->len &&
         now - g_array_index (self->recent, gint64, n) > COLLAPSE_WINDOW)
    n++;
  if (n > 0)
    g_array_remove_range (self->recent, 0, n);
}

static void
keep_shown (StewardInboxNotifier *self,
            NotifyNotification   *notification)
{
  if (self->shown->len >= MAX_SHOWN)
    g_ptr_array_remove_index (self->shown, 0);
  g_ptr_array_add (self->shown, notification);
}

/* Callbacks */

static void
on_notification_closed_cb (NotifyNotification   *notification,
                           StewardInboxNotifier *self)
{
  g_ptr_array_remove (self->shown, notification);
}

static void
activate_app_action (StewardNotifier *notifier,
                     const char      *name,
                     gint64           item_id)
{
  GtkApplication *application = steward_notifier_get_application (notifier);

  if (application == NULL)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (application), name,
                                  g_variant_new_int64 (item_id));
}

static void
on_open_cb (StewardNotifier *notifier,
            gpointer         item_id)
{
  activate_app_action (notifier, "open-item", *(gint64 *) item_id);
}

static void
on_assign_cb (StewardNotifier *notifier,
              gpointer         item_id)
{
  activate_app_action (notifier, "assign-to-me", *(gint64 *) item_id);
}

/* The action @name calls @func with @item_id. */
static void
add_item_action (StewardInboxNotifier      *self,
                 NotifyNotification        *notification,
                 const char                *name,
                 const char                *label,
                 StewardNotifierActionFunc  func,
                 gint64                     item_id)
{
  steward_notifier_add_action (STEWARD_NOTIFIER (self), notification, name, label, func,
                               g_memdup2 (&item_id, sizeof item_id), g_free);
}

static NotifyNotification *
new_notification (StewardInboxNotifier *self,
                  const char           *summary,
                  const char           *body)
{
  NotifyNotification *notification;

  notification = steward_notifier_new_notification (STEWARD_NOTIFIER (self), summary, body,
                                                    NOTIFY_URGENCY_CRITICAL);
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);

  return notification;
}

static gboolean
show_single (StewardInboxNotifier  *self,
             const Alert           *alert,
             GError               **error)
{
  g_autofree char *author = dup_author (alert->item);
  g_autofree char *summary = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *body = NULL;
  gint64 id = steward_inbox_item_get_id (alert->item);
  NotifyNotification *notification;

  if (alert->kind == STEWARD_ALERT_URGENT)
    /* Translators: a notification's title; %s is the author */
    summary = g_strdup_printf (_("Urgent: %s"), author);
  else
    /* Translators: a notification's title; %s is the author whose
     * message was not answered within the response time */
    summary = g_strdup_printf (_("SLA breached: %s"), author);

  excerpt = steward_inbox_notifier_excerpt (steward_inbox_item_get_text (alert->item), EXCERPT_CHARS);
  body = g_strdup (excerpt);

  notification = new_notification (self, summary, body);
  add_item_action (self, notification, "default", _("Open"), on_open_cb, id);
  add_item_action (self, notification, "assign", _("Assign to me"), on_assign_cb, id);
  g_signal_connect_object (notification, "closed",
                           G_CALLBACK (on_notification_closed_cb), self, 0);
  keep_shown (self, notification);

  return notify_notification_show (notification, error);
}

static gboolean
show_summary (StewardInboxNotifier  *self,
              GPtrArray             *alerts,
              gint64                 mono_now,
              GError               **error)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *body = NULL;
  guint n;

  /* Within its minute the summary is updated in place, not raised anew. */
  if (self->summary == NULL || mono_now - self->summary_at > COLLAPSE_WINDOW)
    {
      g_clear_object (&self->summary);
      self->summary_urgent = 0;
      self->summary_breach = 0;
    }
  self->summary_at = mono_now;

  for (guint i = 0; i < alerts->len; i++)
    {
      const Alert *alert = g_ptr_array_index (alerts, i);

      if (alert->kind == STEWARD_ALERT_URGENT)
        self->summary_urgent++;
      else
        self->summary_breach++;
    }
  n = self->summary_urgent + self->summary_breach;

  if (self->summary_breach == 0)
    summary = g_strdup_printf (ngettext ("%u urgent item needs a reply",
                                         "%u urgent items need a reply", n), n);
  else if (self->summary_urgent == 0)
    summary = g_strdup_printf (ngettext ("%u item breached its SLA",
                                         "%u items breached their SLA", n), n);
  else
    summary = g_strdup_printf (ngettext ("%u item needs a reply",
                                         "%u items need a reply", n), n);

  /* The newest few, one line each. */
  for (guint i = 0; i < MIN (alerts->len, SUMMARY_LINES); i++)
    {
      const Alert *alert = g_ptr_array_index (alerts, alerts->len - 1 - i);
      g_autofree char *author = dup_author (alert->item);
      g_autofree char *excerpt = steward_inbox_notifier_excerpt (steward_inbox_item_get_text (alert->item),
                                                                SUMMARY_LINE_CHARS);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line of a notification: author, then what they wrote */
      g_string_append_printf (text, _("%s: %s"), author, excerpt);
    }
  if (n > SUMMARY_LINES)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", n - SUMMARY_LINES),
                              n - SUMMARY_LINES);
    }
  body = g_strdup (text->str);

  if (self->summary == NULL)
    {
      self->summary = new_notification (self, summary, body);
      add_item_action (self, self->summary, "default", _("Open Inbox"), on_open_cb, 0);
    }
  else
    steward_notifier_update_notification (STEWARD_NOTIFIER (self), self->summary, summary, body);

  return notify_notification_show (self->summary, error);
}

/* Raises what @data found, on the main thread; fills the ids to mark. */
static void
raise_alerts (StewardInboxNotifier *self,
              CheckData            *data)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  gint64 mono_now = g_get_monotonic_time ();

  data->mark_urgent = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->mark_breach = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* An item both new-urgent and breached is told once, as the breach. */
  for (guint i = 0; i < data->breach->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (data->breach, i);
      gint64 id = steward_inbox_item_get_id (item);

      g_array_append_val (data->mark_breach, id);
      if (self->notify_breach)
        {
          Alert *alert = g_new0 (Alert, 1);

          alert->kind = STEWARD_ALERT_BREACH;
          alert->item = item;
          g_ptr_array_add (alerts, alert);
        }
    }
  for (guint i = 0; i < data->urgent->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (data->urgent, i);
      gint64 id = steward_inbox_item_get_id (item);

      g_array_append_val (data->mark_urgent, id);
      if (self->notify_urgent && !(self->notify_breach && id_in (data->breach, id)))
        {
          Alert *alert = g_new0 (Alert, 1);

          alert->kind = STEWARD_ALERT_URGENT;
          alert->item = item;
          g_ptr_array_add (alerts, alert);
        }
    }

  if (alerts->len == 0)
    return;

  prune_recent (self, mono_now);
  if (self->recent->len + alerts->len > MAX_SEPARATE)
    {
      if (!show_summary (self, alerts, mono_now, &data->show_error))
        {
          /* Nothing was told: keep them for the next check. */
          g_array_set_size (data->mark_urgent, 0);
          g_array_set_size (data->mark_breach, 0);
          return;
        }
      data->n_notified = alerts->len;
    }
  else
    {
      for (guint i = 0; i < alerts->len; i++)
        {
          const Alert *alert = g_ptr_array_index (alerts, i);
          GError *error = NULL;

          if (!show_single (self, alert, &error))
            {
              gint64 id = steward_inbox_item_get_id (alert->item);
              GArray *ids = alert->kind == STEWARD_ALERT_URGENT ? data->mark_urgent : data->mark_breach;

              for (guint j = 0; j < ids->len; j++)
                if (g_array_index (ids, gint64, j) == id)
                  g_array_remove_index (ids, j--);
              if (data->show_error == NULL)
                data->show_error = error;
              else
                g_error_free (error);
              continue;
            }
          data->n_notified++;
        }
    }

  for (guint i = 0; i < data->n_notified; i++)
    g_array_append_val (self->recent, mono_now);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  GError *error = NULL;

  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      (data->urgent = steward_store_list_alerts (store, STEWARD_ALERT_URGENT, data->now, &error)) == NULL ||
      (data->breach = steward_store_list_alerts (store, STEWARD_ALERT_BREACH, data->now, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
mark_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(StewardStore) store = NULL;
  GError *error = NULL;

  /* Most checks find nothing: no connection to open for them. */
  if (data->mark_urgent->len == 0 && data->mark_breach->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      (data->mark_urgent->len > 0 &&
       !steward_store_mark_alerted (store, (const gint64 *) (gpointer) data->mark_urgent->data,
                                    data->mark_urgent->len, STEWARD_ALERT_URGENT, data->now, &error)) ||
      (data->mark_breach->len > 0 &&
       !steward_store_mark_alerted (store, (const gint64 *) (gpointer) data->mark_breach->data,
                                    data->mark_breach->len, STEWARD_ALERT_BREACH, data->now, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_mark_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);
  g_autoptr(GTask) outer = user_data;
  CheckData *data = g_task_get_task_data (outer);
  GError *error = NULL;

  steward_notifier_end_check (STEWARD_NOTIFIER (self));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else if (data->show_error != NULL)
    g_task_return_error (outer, g_steal_pointer (&data->show_error));
  else
    g_task_return_int (outer, data->n_notified);
}

static void
on_list_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GTask) mark = NULL;
  CheckData *data = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      steward_notifier_end_check (STEWARD_NOTIFIER (self));
      g_task_return_error (outer, error);
      return;
    }

  raise_alerts (self, data);

  /* Marked after notifying, so a failed notification is tried again. */
  mark = g_task_new (self, steward_notifier_get_cancellable (STEWARD_NOTIFIER (self)),
                     on_mark_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (mark, steward_inbox_notifier_check_async);
  g_task_set_task_data (mark, data, NULL);
  g_task_run_in_thread (mark, mark_thread);
}

static void
on_engine_account_synced_cb (StewardInboxNotifier *self,
                             gint64                account_id,
                             guint                 n_new,
                             StewardSyncEngine    *engine)
{
  steward_notifier_queue_check (STEWARD_NOTIFIER (self));
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  steward_notifier_queue_check (user_data);
  return G_SOURCE_CONTINUE;
}

/* StewardNotifier overrides */

static void
steward_inbox_notifier_check (StewardNotifier     *notifier,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  steward_inbox_notifier_check_async (STEWARD_INBOX_NOTIFIER (notifier), 0, cancellable, callback, user_data);
}

/* GObject overrides */

static void
steward_inbox_notifier_dispose (GObject *object)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->shown != NULL)
    g_ptr_array_set_size (self->shown, 0);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (steward_inbox_notifier_parent_class)->dispose (object);
}

static void
steward_inbox_notifier_finalize (GObject *object)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);

  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->recent, g_array_unref);

  G_OBJECT_CLASS (steward_inbox_notifier_parent_class)->finalize (object);
}

static void
steward_inbox_notifier_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_NOTIFY_URGENT:
      g_value_set_boolean (value, self->notify_urgent);
      break;

    case PROP_NOTIFY_BREACH:
      g_value_set_boolean (value, self->notify_breach);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_notifier_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  StewardInboxNotifier *self = STEWARD_INBOX_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_NOTIFY_URGENT:
      steward_inbox_notifier_set_notify_urgent (self, g_value_get_boolean (value));
      break;

    case PROP_NOTIFY_BREACH:
      steward_inbox_notifier_set_notify_breach (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_notifier_class_init (StewardInboxNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  StewardNotifierClass *notifier_class = STEWARD_NOTIFIER_CLASS (klass);

  object_class->dispose = steward_inbox_notifier_dispose;
  object_class->finalize = steward_inbox_notifier_finalize;
  object_class->get_property = steward_inbox_notifier_get_property;
  object_class->set_property = steward_inbox_notifier_set_property;

  notifier_class->what = "inbox alerts";
  notifier_class->check_async = steward_inbox_notifier_check;

  properties[PROP_NOTIFY_URGENT] =
    g_param_spec_boolean ("notify-urgent", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTIFY_BREACH] =
    g_param_spec_boolean ("notify-breach", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_inbox_notifier_init (StewardInboxNotifier *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->recent = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->notify_urgent = TRUE;
  self->notify_breach = TRUE;
}

/* Public API */

StewardInboxNotifier *
steward_inbox_notifier_new (GtkApplication *application,
                            StewardContext *context)
{
  StewardInboxNotifier *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  self = g_object_new (STEWARD_TYPE_INBOX_NOTIFIER, NULL);
  steward_notifier_set_up (STEWARD_NOTIFIER (self), application, context);
  g_signal_connect_object (steward_context_get_sync_engine (context), "account-synced",
                           G_CALLBACK (on_engine_account_synced_cb), self, G_CONNECT_SWAPPED);
  self->timeout_id = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_timeout_cb, self);

  return self;
}

gboolean
steward_inbox_notifier_get_notify_urgent (StewardInboxNotifier *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_NOTIFIER (self), FALSE);

  return self->notify_urgent;
}

void
steward_inbox_notifier_set_notify_urgent (StewardInboxNotifier *self,
                                          gboolean              notify_urgent)
{
  g_return_if_fail (STEWARD_IS_INBOX_NOTIFIER (self));

  notify_urgent = !!notify_urgent;
  if (self->notify_urgent == notify_urgent)
    return;

  self->notify_urgent = notify_urgent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_URGENT]);
}

gboolean
steward_inbox_notifier_get_notify_breach (StewardInboxNotifier *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_NOTIFIER (self), FALSE);

  return self->notify_breach;
}

void
steward_inbox_notifier_set_notify_breach (StewardInboxNotifier *self,
                                          gboolean              notify_breach)
{
  g_return_if_fail (STEWARD_IS_INBOX_NOTIFIER (self));

  notify_breach = !!notify_breach;
  if (self->notify_breach == notify_breach)
    return;

  self->notify_breach = notify_breach;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_BREACH]);
}

void
steward_inbox_notifier_check_async (StewardInboxNotifier *self,
                                    gint64                now,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  GTask *outer;
  CheckData *data;

  g_return_if_fail (STEWARD_IS_INBOX_NOTIFIER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = steward_notifier_begin_check (STEWARD_NOTIFIER (self), cancellable, callback, user_data,
                                        steward_inbox_notifier_check_async);
  if (outer == NULL)
    return;

  data = g_new0 (CheckData, 1);
  data->database_path = steward_context_dup_database_path (steward_notifier_get_context (STEWARD_NOTIFIER (self)));
  data->now = now > 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  /* The caller's task holds the data: the mark task uses it after the list task. */
  g_task_set_task_data (outer, data, (GDestroyNotify) check_data_free);
  steward_notifier_run_check (STEWARD_NOTIFIER (self), outer, data, NULL, list_thread, on_list_done_cb);
}

gboolean
steward_inbox_notifier_check_finish (StewardInboxNotifier  *self,
                                     GAsyncResult          *result,
                                     guint                 *n_notified,
                                     GError               **error)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_NOTIFIER (self), FALSE);

  return steward_notifier_check_finish (STEWARD_NOTIFIER (self), result, n_notified, error);
}

char *
steward_inbox_notifier_excerpt (const char *text,
                                guint       max_chars)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean space = FALSE;
  const char *end;
  const char *cut;
  glong n_chars;

  g_return_val_if_fail (max_chars > 1, NULL);

  if (text == NULL)
    return g_strdup ("");

  /* One line: runs of white space (newlines too) become one space. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = line->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (line, ' ');
      space = FALSE;
      g_string_append_unichar (line, c);
    }

  n_chars = g_utf8_strlen (line->str, -1);
  if (n_chars <= (glong) max_chars)
    return g_string_free (g_steal_pointer (&line), FALSE);

  /* Room for the ellipsis; back to a space if one is near, so a Latin
   * word is not cut in half (Chinese has none and is cut anywhere). */
  end = g_utf8_offset_to_pointer (line->str, max_chars - 1);
  cut = end;
  for (const char *p = end; p > line->str && g_utf8_pointer_to_offset (p, end) < 20;
       p = g_utf8_prev_char (p))
    if (*p == ' ')
      {
        cut = p;
        break;
      }

  g_string_truncate (line, cut - line->str);
  g_string_append (line, "…");
  return g_string_free (g_steal_pointer (&line), FALSE);
}
