/* steward-trend.h — spikes and topic stage of a volume series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A volume series is an array of post counts, one per bucket of
 * @bucket_seconds, the last bucket being the most recent. These are pure
 * functions: no clock, no store.
 *
 * Spikes. The baseline of bucket i is the median of the previous W buckets
 * and its spread 1.4826 × their median absolute deviation (MAD), floored at
 * the Poisson noise sqrt (max (median, 1)) so that quiet series are not
 * jumpy. Bucket i is spiking when
 *   - at least @min_history buckets precede it,
 *   - its count is at least @min_count (0 → 2 is never a spike), and
 *   - count − median ≥ @threshold × spread.
 * Consecutive spiking buckets are one spike: its strength is the largest
 * (count − median) / spread among them. After a step change the baseline
 * catches up within W / 2 buckets, so a step is one spike and then the new
 * normal. W is @window, or by default a day of buckets for buckets of an
 * hour or less (which absorbs a daily rhythm) and 14 buckets otherwise.
 *
 * Topic stage. Topics live one to two weeks, so the stage is read from the
 * last 14 days of the series, merged into bins of 12 hours (or of one
 * bucket when buckets are longer). With r = max (1, bins / 7) bins (two
 * days), recent = mean of the last r bins, previous = mean of the r bins
 * before them, earlier = mean of the bins before those, peak = the largest
 * bin, and growth = recent − previous; the largest growth is the largest
 * such difference over every end position in the window. The rules, first
 * match wins:
 *   1. QUIET: fewer than 10 posts in the window, or no bin has 3 posts.
 *   2. FADING: the peak lies before the recent bins, recent ≤ 0.6 × peak
 *      and recent does not rebound (recent < 1.5 × previous): flattening,
 *      declining from the peak.
 *   3. EXPLODING: the topic was already out (previous ≥ 3 posts per bin),
 *      recent ≥ 2 × previous, the peak lies in the recent bins, and
 *      growth ≥ 0.7 × the largest growth: a steep rise at (or near) the
 *      fastest growth seen.
 *   4. EMERGING: recent > previous and the topic was nearly absent before:
 *      earlier ≤ 0.2 × recent (or there are no earlier bins): first
 *      exposure, low but rising from nothing (a rise from previous < 3
 *      posts per bin lands here, however steep).
 *   5. SPREADING: recent ≥ 0.6 × peak: high volume whose growth slowed to a
 *      plateau (this includes steady, sustained talk).
 *   6. Otherwise FADING when recent < previous, else EMERGING (a rise that
 *      has not reached the earlier peak yet).
 * With fewer than three bins there is no shape to read: QUIET by rule 1,
 * else EMERGING.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * StewardTopicStage:
 * @STEWARD_TOPIC_STAGE_QUIET: too little volume to tell
 * @STEWARD_TOPIC_STAGE_EMERGING: first exposure, low but rising from nothing
 * @STEWARD_TOPIC_STAGE_EXPLODING: steep rise at its fastest growth
 * @STEWARD_TOPIC_STAGE_SPREADING: high volume, growth slowing or flat
 * @STEWARD_TOPIC_STAGE_FADING: declining from its peak
 *
 * Where a topic is in its life. Stable names: "quiet", "emerging",
 * "exploding", "spreading", "fading".
 */
typedef enum {
  STEWARD_TOPIC_STAGE_QUIET,
  STEWARD_TOPIC_STAGE_EMERGING,
  STEWARD_TOPIC_STAGE_EXPLODING,
  STEWARD_TOPIC_STAGE_SPREADING,
  STEWARD_TOPIC_STAGE_FADING,
} StewardTopicStage;

/**
 * StewardTrendOptions:
 * @window: baseline length in buckets; 0 chooses from the bucket size
 * @threshold: how many spreads above the median a spike is; 0 means 4
 * @min_count: smallest count that can be a spike; 0 means 5
 * @min_history: buckets needed before the first possible spike; 0 means 4
 *
 * Tuning of spike detection. Zero-initialize for the defaults.
 */
typedef struct {
  guint  window;
  double threshold;
  guint  min_count;
  guint  min_history;
} StewardTrendOptions;

/**
 * StewardTrendSpike:
 * @first: index of the first bucket of the spike
 * @last: index of its last bucket
 * @peak: index of its strongest bucket
 * @strength: (count − median) / spread at @peak
 * @baseline: the median at @peak
 *
 * One spike of a volume series.
 */
typedef struct {
  guint  first;
  guint  last;
  guint  peak;
  double strength;
  double baseline;
} StewardTrendSpike;

/**
 * StewardTopicStageInfo:
 * @recent: mean posts per bin over the recent bins
 * @previous: mean posts per bin over the bins before them
 * @peak: posts in the largest bin of the window
 * @growth: @recent − @previous
 * @max_growth: the largest growth over the window
 * @total: posts in the window
 * @bin_seconds: length of a bin
 *
 * The figures behind a topic stage, for tooltips and tests.
 */
typedef struct {
  double recent;
  double previous;
  double peak;
  double growth;
  double max_growth;
  guint64 total;
  gint64 bin_seconds;
} StewardTopicStageInfo;

const char        *steward_topic_stage_to_string        (StewardTopicStage  stage);
gboolean           steward_topic_stage_from_string      (const char        *str,
                                                         StewardTopicStage *stage);
const char        *steward_topic_stage_get_display_name (StewardTopicStage  stage);

GArray            *steward_trend_find_spikes            (const guint               *counts,
                                                         gsize                      n_counts,
                                                         gint64                     bucket_seconds,
                                                         const StewardTrendOptions *options);
StewardTopicStage  steward_trend_topic_stage            (const guint               *counts,
                                                         gsize                      n_counts,
                                                         gint64                     bucket_seconds,
                                                         StewardTopicStageInfo     *info);
gint64             steward_trend_bucket_start           (gint64                     start_time,
                                                         gint64                     bucket_seconds,
                                                         guint                      index);

G_END_DECLS
