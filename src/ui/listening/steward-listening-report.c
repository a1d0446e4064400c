/* steward-listening-report.c — what the Listening tab shows for one query,
 * read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-listening"

#include "steward-listening-report.h"

typedef struct {
  char                     *database_path;
  char                     *query_name;
  StewardVolumeInterval     interval;
  gint64                    now_unix;
  guint                     offset;
  StewardSentimentAnalyzer *analyzer;
} LoadData;

#define STAGE_DAYS 14

static GQuark
sentiment_quark (void)
{
  return g_quark_from_static_string ("steward-listening-sentiment");
}

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->database_path, g_free);
  g_clear_pointer (&data->query_name, g_free);
  g_clear_object (&data->analyzer);
  g_free (data);
}

static void
share_entry_free (StewardShareEntry *entry)
{
  g_free (entry->name);
  g_free (entry->colour);
  g_free (entry);
}

static StewardSentimentLabel
label_post (StewardSentimentAnalyzer *analyzer,
            StewardPost              *post)
{
  StewardSentimentLabel label = STEWARD_SENTIMENT_LABEL_NEUTRAL;
  const char *text = steward_post_get_text (post);

  if (text != NULL)
    steward_sentiment_analyzer_score (analyzer, text, &label);
  /* Stored +1 so that "never analysed" (0) stays distinct. */
  g_object_set_qdata (G_OBJECT (post), sentiment_quark (), GUINT_TO_POINTER (label + 1));

  return label;
}

static gboolean
ensure_analyzer (LoadData  *data,
                 GError   **error)
{
  if (data->analyzer == NULL)
    data->analyzer = steward_sentiment_analyzer_new (error);

  return data->analyzer != NULL;
}

/* Sums of the query's volume from @since on. */
static gboolean
count_since (StewardStore *store,
             const char   *name,
             GDateTime    *since,
             guint        *count,
             GError      **error)
{
  g_autoptr(GArray) buckets = NULL;

  buckets = steward_store_listening_volume (store, name, STEWARD_VOLUME_DAY, since, NULL, error);
  if (buckets == NULL)
    return FALSE;

  *count = 0;
  for (guint i = 0; i < buckets->len; i++)
    *count += g_array_index (buckets, StewardVolumeBucket, i).count;

  return TRUE;
}

/* Fills @counts (zeroed, @n long, from @start) from the store's sparse buckets. */
static gboolean
fill_series (StewardStore          *store,
             const char            *name,
             StewardVolumeInterval  interval,
             gint64                 start,
             gint64                 bucket_seconds,
             guint                 *counts,
             guint                  n,
             GError               **error)
{
  g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (start);
  g_autoptr(GArray) buckets = NULL;

  buckets = steward_store_listening_volume (store, name, interval, since, NULL, error);
  if (buckets == NULL)
    return FALSE;

  for (guint i = 0; i < buckets->len; i++)
    {
      const StewardVolumeBucket *bucket = &g_array_index (buckets, StewardVolumeBucket, i);
      gint64 index = (bucket->start - start) / bucket_seconds;

      if (bucket->start >= start && index < n)
        counts[index] += bucket->count;
    }

  return TRUE;
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(StewardListeningReport) report = g_new0 (StewardListeningReport, 1);
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autofree guint *hourly = NULL;
  guint n_hourly = STAGE_DAYS * 24;
  gint64 stage_start;
  GError *error = NULL;

  if (!ensure_analyzer (data, &error) ||
      (store = steward_store_open (data->database_path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report->interval = data->interval;
  if (data->interval == STEWARD_VOLUME_HOUR)
    {
      report->bucket_seconds = 3600;
      report->n_buckets = 48;
    }
  else
    {
      report->bucket_seconds = 86400;
      report->n_buckets = 30;
    }
  report->start = (data->now_unix / report->bucket_seconds - (report->n_buckets - 1)) * report->bucket_seconds;
  report->counts = g_new0 (guint, report->n_buckets);
  report->positive = g_new0 (guint, report->n_buckets);
  report->neutral = g_new0 (guint, report->n_buckets);
  report->negative = g_new0 (guint, report->n_buckets);
  report->analyzer = g_object_ref (data->analyzer);

  if (!fill_series (store, data->query_name, data->interval, report->start,
                    report->bucket_seconds, report->counts, report->n_buckets, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report->spikes = steward_trend_find_spikes (report->counts, report->n_buckets,
                                              report->bucket_seconds, NULL);

  /* The stage reads the topic's last two weeks, whatever the chart shows. */
  hourly = g_new0 (guint, n_hourly);
  stage_start = (data->now_unix / 3600 - (n_hourly - 1)) * 3600;
  if (!fill_series (store, data->query_name, STEWARD_VOLUME_HOUR, stage_start, 3600,
                    hourly, n_hourly, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  report->stage = steward_trend_topic_stage (hourly, n_hourly, 3600, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Sentiment over time, from the window's newest results. */
  since = g_date_time_new_from_unix_utc (report->start);
  sample = steward_store_listening_results (store, data->query_name, since, 0,
                                            STEWARD_LISTENING_SENTIMENT_SAMPLE, &error);
  if (sample == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < sample->len; i++)
    {
      StewardPost *post = g_ptr_array_index (sample, i);
      gint64 index = (g_date_time_to_unix (steward_post_get_created_at (post)) - report->start) / report->bucket_seconds;
      StewardSentimentLabel label = label_post (data->analyzer, post);

      if (index < 0 || index >= report->n_buckets)
        continue;
      if (label == STEWARD_SENTIMENT_LABEL_POSITIVE)
        report->positive[index]++;
      else if (label == STEWARD_SENTIMENT_LABEL_NEGATIVE)
        report->negative[index]++;
      else
        report->neutral[index]++;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  report->voices_by_reach = steward_store_listening_voices (store, data->query_name, STEWARD_VOICES_BY_REACH,
                                                            STEWARD_LISTENING_N_VOICES, &error);
  if (report->voices_by_reach == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report->voices_by_volume = steward_store_listening_voices (store, data->query_name, STEWARD_VOICES_BY_VOLUME,
                                                             STEWARD_LISTENING_N_VOICES, &error);
  if (report->voices_by_volume == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Share of voice: every saved query over the chart's window. */
  queries = steward_store_list_listening_queries (store, &error);
  if (queries == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report->share = g_ptr_array_new_with_free_func ((GDestroyNotify) share_entry_free);
  for (guint i = 0; i < queries->len; i++)
    {
      StewardListeningQuery *query = g_ptr_array_index (queries, i);
      StewardShareEntry *entry = g_new0 (StewardShareEntry, 1);

      entry->name = g_strdup (steward_listening_query_get_name (query));
      entry->colour = g_strdup (steward_listening_query_get_colour (query));
      g_ptr_array_add (report->share, entry);
      if (!count_since (store, entry->name, since, &entry->count, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  report->results = steward_store_listening_results (store, data->query_name, NULL, 0,
                                                     STEWARD_LISTENING_PAGE_SIZE, &error);
  if (report->results == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < report->results->len; i++)
    label_post (data->analyzer, g_ptr_array_index (report->results, i));

  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) steward_listening_report_free);
}

static void
results_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GError *error = NULL;

  if (!ensure_analyzer (data, &error) ||
      (store = steward_store_open (data->database_path, &error)) == NULL ||
      (results = steward_store_listening_results (store, data->query_name, NULL, data->offset,
                                                  STEWARD_LISTENING_PAGE_SIZE, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    label_post (data->analyzer, g_ptr_array_index (results, i));

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

void
steward_listening_report_free (StewardListeningReport *report)
{
  if (report == NULL)
    return;

  g_free (report->counts);
  g_free (report->positive);
  g_free (report->neutral);
  g_free (report->negative);
  g_clear_pointer (&report->spikes, g_array_unref);
  g_clear_pointer (&report->voices_by_reach, g_ptr_array_unref);
  g_clear_pointer (&report->voices_by_volume, g_ptr_array_unref);
  g_clear_pointer (&report->share, g_ptr_array_unref);
  g_clear_pointer (&report->results, g_ptr_array_unref);
  g_clear_object (&report->analyzer);
  g_free (report);
}

StewardSentimentLabel
steward_listening_post_get_sentiment (StewardPost *post)
{
  guint value;

  g_return_val_if_fail (STEWARD_IS_POST (post), STEWARD_SENTIMENT_LABEL_NEUTRAL);

  value = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (post), sentiment_quark ()));

  return value == 0 ? STEWARD_SENTIMENT_LABEL_NEUTRAL : (StewardSentimentLabel) (value - 1);
}

void
steward_listening_report_load_async (const char               *database_path,
                                     const char               *query_name,
                                     StewardVolumeInterval     interval,
                                     gint64                    now_unix,
                                     StewardSentimentAnalyzer *analyzer,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (query_name != NULL);

  data = g_new0 (LoadData, 1);
  data->database_path = g_strdup (database_path);
  data->query_name = g_strdup (query_name);
  data->interval = interval;
  data->now_unix = now_unix;
  data->analyzer = analyzer != NULL ? g_object_ref (analyzer) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_listening_report_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, report_thread);
}

StewardListeningReport *
steward_listening_report_load_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
steward_listening_results_load_async (const char               *database_path,
                                      const char               *query_name,
                                      guint                     offset,
                                      StewardSentimentAnalyzer *analyzer,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (query_name != NULL);

  data = g_new0 (LoadData, 1);
  data->database_path = g_strdup (database_path);
  data->query_name = g_strdup (query_name);
  data->offset = offset;
  data->analyzer = analyzer != NULL ? g_object_ref (analyzer) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_listening_results_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, results_thread);
}

GPtrArray *
steward_listening_results_load_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
