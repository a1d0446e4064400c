/* steward-spike-notifier.c — desktop notifications for listening spikes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-spike-notifier"

#include <math.h>
#include <glib/gi18n.h>

#include "steward-listening-page.h"
#include "steward-notifier-private.h"
#include "steward-spike-notifier.h"
#include "steward-window.h"

/* Hourly volume over the last two days: a day of baseline (the default
 * window for hourly buckets) and a day of history before it. */
#define N_HOURS      48
#define HOUR_SECONDS 3600

struct _StewardSpikeNotifier
{
  StewardNotifier     parent_instance;

  /* "query id:peak bucket start" of every spike already seen */
  GHashTable         *notified;
  NotifyNotification *notification;
  gboolean            has_checked;
};

typedef struct {
  gint64  query_id;
  char   *name;
  gint64  peak_start;
  guint   count;
  double  baseline;
  double  strength;
} Candidate;

typedef struct {
  char   *database_path;
  gint64  now;
} CheckData;

G_DEFINE_FINAL_TYPE (StewardSpikeNotifier, steward_spike_notifier, STEWARD_TYPE_NOTIFIER)

/* Helpers */

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->name);
  g_free (candidate);
}

static void
check_data_free (CheckData *data)
{
  g_free (data->database_path);
  g_free (data);
}

static gint64
hour_start (gint64 unix_time)
{
  return unix_time - (((unix_time % HOUR_SECONDS) + HOUR_SECONDS) % HOUR_SECONDS);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(const Candidate * const *) a;
  const Candidate *cb = *(const Candidate * const *) b;

  if (ca->strength != cb->strength)
    return ca->strength > cb->strength ? -1 : 1;
  return g_strcmp0 (ca->name, cb->name);
}

/* Spikes of one query whose peak is one of the last two buckets. */
static gboolean
find_candidates (StewardStore           *store,
                 StewardListeningQuery  *query,
                 gint64                  start,
                 GPtrArray              *candidates,
                 GError                **error)
{
  const char *name = steward_listening_query_get_name (query);
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (start);
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GArray) spikes = NULL;
  guint counts[N_HOURS] = { 0 };

  buckets = steward_store_listening_volume (store, name, STEWARD_VOLUME_HOUR, since, NULL, error);
  if (buckets == NULL)
    return FALSE;

  for (guint i = 0; i < buckets->len; i++)
    {
      const StewardVolumeBucket *bucket = &g_array_index (buckets, StewardVolumeBucket, i);
      gint64 index = (bucket->start - start) / HOUR_SECONDS;

      if (bucket->start >= start && index < N_HOURS)
        counts[index] += bucket->count;
    }

  spikes = steward_trend_find_spikes (counts, N_HOURS, HOUR_SECONDS, NULL);
  for (guint i = 0; spikes != NULL && i < spikes->len; i++)
    {
      const StewardTrendSpike *spike = &g_array_index (spikes, StewardTrendSpike, i);
      Candidate *candidate;

      if (spike->peak < N_HOURS - 2)
        continue;

      candidate = g_new0 (Candidate, 1);
      candidate->query_id = steward_listening_query_get_id (query);
      candidate->name = g_strdup (name);
      candidate->peak_start = steward_trend_bucket_start (start, HOUR_SECONDS, spike->peak);
      candidate->count = counts[spike->peak];
      candidate->baseline = spike->baseline;
      candidate->strength = spike->strength;
      g_ptr_array_add (candidates, candidate);
    }

  return TRUE;
}

static char *
describe_volume (const Candidate *candidate)
{
  guint usual = (guint) MAX (0, lround (candidate->baseline));

  /* Translators: the first number counts posts that matched a saved
   * query in the last hour, the second is how many there usually are */
  return g_strdup_printf (ngettext ("%u post in the last hour, usually about %u",
                                    "%u posts in the last hour, usually about %u",
                                    candidate->count),
                          candidate->count, usual);
}

static StewardWindow *
find_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (STEWARD_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static StewardListeningPage *
find_listening_page (GtkWidget *widget)
{
  if (STEWARD_IS_LISTENING_PAGE (widget))
    return STEWARD_LISTENING_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      StewardListeningPage *page = find_listening_page (child);

      if (page != NULL)
        return page;
    }

  return NULL;
}

/* Callbacks */

static void
on_notification_open_cb (StewardNotifier *notifier,
                         gpointer         user_data)
{
  GtkApplication *application = steward_notifier_get_application (notifier);
  const char *query_name = user_data;
  StewardListeningPage *page;
  StewardWindow *window;

  if (application == NULL)
    return;

  window = find_window (application);
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (application));
      window = find_window (application);
    }
  if (window == NULL)
    return;

  steward_window_show_page (window, "listening");
  page = find_listening_page (GTK_WIDGET (window));
  if (page != NULL && query_name != NULL)
    steward_listening_page_select_query (page, query_name);
  gtk_window_present (GTK_WINDOW (window));
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  GError *error = NULL;
  gint64 start;

  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      (queries = steward_store_list_listening_queries (store, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  start = hour_start (data->now) - (N_HOURS - 1) * HOUR_SECONDS;
  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GError) query_error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      /* One query that cannot be read does not hide the others' spikes. */
      if (!find_candidates (store, g_ptr_array_index (queries, i), start, candidates, &query_error))
        g_debug ("Could not read the volume of a query: %s", query_error->message);
    }

  g_ptr_array_sort (candidates, compare_candidates);
  g_task_return_pointer (task, g_steal_pointer (&candidates), (GDestroyNotify) g_ptr_array_unref);
}

/* Keeps the spikes not seen before; on the first check only those of the
 * current hour are news, the rest are only remembered. */
static GPtrArray *
take_fresh (StewardSpikeNotifier *self,
            GPtrArray            *candidates,
            gint64                now)
{
  GPtrArray *fresh = g_ptr_array_new ();
  gboolean first = !self->has_checked;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                   candidate->query_id, candidate->peak_start);

      if (!g_hash_table_add (self->notified, key))
        continue;
      if (first && candidate->peak_start != hour_start (now))
        continue;
      g_ptr_array_add (fresh, candidate);
    }

  self->has_checked = TRUE;
  return fresh;
}

static gboolean
raise_notification (StewardSpikeNotifier  *self,
                    GPtrArray             *fresh,
                    GError               **error)
{
  const Candidate *first = g_ptr_array_index (fresh, 0);
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  NotifyNotification *notification;

  if (fresh->len == 1)
    {
      /* Translators: %s is the name of a saved listening query */
      summary = g_strdup_printf (_("Spike in “%s”"), first->name);
      body = describe_volume (first);
    }
  else
    {
      GString *text = g_string_new (NULL);

      summary = g_strdup_printf (ngettext ("Spike in %u query", "Spikes in %u queries", fresh->len),
                                 fresh->len);
      for (guint i = 0; i < fresh->len; i++)
        {
          const Candidate *candidate = g_ptr_array_index (fresh, i);
          g_autofree char *volume = describe_volume (candidate);

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: a line of a notification: the name of a saved
           * query, then "14 posts in the last hour, usually about 2" */
          g_string_append_printf (text, _("“%s”: %s"), candidate->name, volume);
        }
      body = g_string_free (text, FALSE);
    }

  notification = steward_notifier_new_notification (STEWARD_NOTIFIER (self), summary, body,
                                                    NOTIFY_URGENCY_NORMAL);

  /* "Open" shows the strongest spike's query. */
  steward_notifier_add_action (STEWARD_NOTIFIER (self), notification, "default", _("Open"),
                               on_notification_open_cb, g_strdup (first->name), g_free);

  /* The notification stays alive while it is shown, for its action. */
  g_clear_object (&self->notification);
  self->notification = notification;

  return notify_notification_show (notification, error);
}

static void
on_check_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StewardSpikeNotifier *self = STEWARD_SPIKE_NOTIFIER (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  CheckData *data = g_task_get_task_data (G_TASK (result));

  steward_notifier_end_check (STEWARD_NOTIFIER (self));

  if (g_cancellable_is_cancelled (steward_notifier_get_cancellable (STEWARD_NOTIFIER (self))))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Disposed");
      return;
    }

  candidates = g_task_propagate_pointer (G_TASK (result), &error);
  if (candidates == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  fresh = take_fresh (self, candidates, data->now);
  if (fresh->len > 0 && !raise_notification (self, fresh, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  g_task_return_int (outer, fresh->len);
}

static void
on_engine_last_sync_cb (StewardSpikeNotifier *self,
                        GParamSpec           *pspec,
                        StewardSyncEngine    *engine)
{
  /* A sync that ends during a check may have brought more posts. */
  steward_notifier_queue_check (STEWARD_NOTIFIER (self));
}

/* StewardNotifier overrides */

static void
steward_spike_notifier_check (StewardNotifier     *notifier,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  steward_spike_notifier_check_async (STEWARD_SPIKE_NOTIFIER (notifier), cancellable, callback, user_data);
}

/* GObject overrides */

static void
steward_spike_notifier_dispose (GObject *object)
{
  StewardSpikeNotifier *self = STEWARD_SPIKE_NOTIFIER (object);

  g_clear_object (&self->notification);

  G_OBJECT_CLASS (steward_spike_notifier_parent_class)->dispose (object);
}

static void
steward_spike_notifier_finalize (GObject *object)
{
  StewardSpikeNotifier *self = STEWARD_SPIKE_NOTIFIER (object);

  g_clear_pointer (&self->notified, g_hash_table_unref);

  G_OBJECT_CLASS (steward_spike_notifier_parent_class)->finalize (object);
}

static void
steward_spike_notifier_class_init (StewardSpikeNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  StewardNotifierClass *notifier_class = STEWARD_NOTIFIER_CLASS (klass);

  object_class->dispose = steward_spike_notifier_dispose;
  object_class->finalize = steward_spike_notifier_finalize;

  notifier_class->what = "spikes";
  notifier_class->check_async = steward_spike_notifier_check;
}

static void
steward_spike_notifier_init (StewardSpikeNotifier *self)
{
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

StewardSpikeNotifier *
steward_spike_notifier_new (GtkApplication *application,
                            StewardContext *context)
{
  StewardSpikeNotifier *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  self = g_object_new (STEWARD_TYPE_SPIKE_NOTIFIER, NULL);
  steward_notifier_set_up (STEWARD_NOTIFIER (self), application, context);
  g_signal_connect_object (steward_context_get_sync_engine (context), "notify::last-sync",
                           G_CALLBACK (on_engine_last_sync_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
steward_spike_notifier_check_async (StewardSpikeNotifier *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  GTask *outer;
  CheckData *data;

  g_return_if_fail (STEWARD_IS_SPIKE_NOTIFIER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = steward_notifier_begin_check (STEWARD_NOTIFIER (self), cancellable, callback, user_data,
                                        steward_spike_notifier_check_async);
  if (outer == NULL)
    return;

  data = g_new0 (CheckData, 1);
  data->database_path = steward_context_dup_database_path (steward_notifier_get_context (STEWARD_NOTIFIER (self)));
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  steward_notifier_run_check (STEWARD_NOTIFIER (self), outer, data, (GDestroyNotify) check_data_free,
                              check_thread, on_check_done_cb);
}

gboolean
steward_spike_notifier_check_finish (StewardSpikeNotifier  *self,
                                     GAsyncResult          *result,
                                     guint                 *n_notified,
                                     GError               **error)
{
  g_return_val_if_fail (STEWARD_IS_SPIKE_NOTIFIER (self), FALSE);

  return steward_notifier_check_finish (STEWARD_NOTIFIER (self), result, n_notified, error);
}
