/* steward-listening-report.h — what the Listening tab shows for one query,
 * read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is computed in a worker thread with its own StewardStore on the
 * workspace database: the volume series of the chart window (zero-filled),
 * its spikes, the topic stage (from the last 14 days per hour), sentiment
 * per bucket (from at most STEWARD_LISTENING_SENTIMENT_SAMPLE of the
 * window's newest results), top voices, share of voice between every saved
 * query over the same window, and the first page of results.
 */
#pragma once

#include <gio/gio.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_LISTENING_PAGE_SIZE 100
#define STEWARD_LISTENING_SENTIMENT_SAMPLE 2000
#define STEWARD_LISTENING_N_VOICES 5

typedef struct {
  char  *name;
  char  *colour;
  guint  count;
} StewardShareEntry;

typedef struct {
  StewardVolumeInterval     interval;
  gint64                    start;          /* first bucket, Unix seconds */
  gint64                    bucket_seconds;
  guint                     n_buckets;
  guint                    *counts;         /* n_buckets */
  guint                    *positive;       /* n_buckets, from the sample */
  guint                    *neutral;
  guint                    *negative;
  GArray                   *spikes;         /* StewardTrendSpike */
  StewardTopicStage         stage;
  GPtrArray                *voices_by_reach;  /* StewardVoice */
  GPtrArray                *voices_by_volume; /* StewardVoice */
  GPtrArray                *share;          /* StewardShareEntry */
  GPtrArray                *results;        /* StewardPost, the first page */
  StewardSentimentAnalyzer *analyzer;
} StewardListeningReport;

void                    steward_listening_report_free        (StewardListeningReport    *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardListeningReport, steward_listening_report_free)

/* The sentiment label the report's analyzer gave a post it returned. */
StewardSentimentLabel   steward_listening_post_get_sentiment (StewardPost               *post);

/* @analyzer: (nullable): reused when given, else created in the worker and
 * handed back in the report. @now_unix: the end of the chart window. */
void                    steward_listening_report_load_async  (const char                *database_path,
                                                              const char                *query_name,
                                                              StewardVolumeInterval      interval,
                                                              gint64                     now_unix,
                                                              StewardSentimentAnalyzer  *analyzer,
                                                              GCancellable              *cancellable,
                                                              GAsyncReadyCallback        callback,
                                                              gpointer                   user_data);
StewardListeningReport *steward_listening_report_load_finish (GAsyncResult              *result,
                                                              GError                   **error);

/* The next page of results (StewardPost, with sentiment). */
void                    steward_listening_results_load_async  (const char                *database_path,
                                                               const char                *query_name,
                                                               guint                      offset,
                                                               StewardSentimentAnalyzer  *analyzer,
                                                               GCancellable              *cancellable,
                                                               GAsyncReadyCallback        callback,
                                                               gpointer                   user_data);
GPtrArray              *steward_listening_results_load_finish (GAsyncResult              *result,
                                                               GError                   **error);

G_END_DECLS
