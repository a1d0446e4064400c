/* steward-trend.c — spikes and topic stage of a volume series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are described in include/steward/steward-trend.h.
 */
#define G_LOG_DOMAIN "steward-trend"

#include "steward-trend.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#define DAY_SECONDS        (24 * 3600)
#define STAGE_SPAN_SECONDS (14 * DAY_SECONDS)
#define STAGE_BIN_SECONDS  (12 * 3600)
#define MAD_TO_SIGMA       1.4826

#define QUIET_MIN_TOTAL    10
#define QUIET_MIN_PEAK     3
#define FADING_OF_PEAK     0.6
#define REBOUND_RATIO      1.5
#define EXPLODE_RATIO      2.0
#define EXPLODE_MIN_PREVIOUS 3.0
#define EXPLODE_OF_GROWTH  0.7
#define EMERGING_EARLIER   0.2
#define SPREADING_OF_PEAK  0.6

static const char * const stage_names[] = {
  [STEWARD_TOPIC_STAGE_QUIET] = "quiet",
  [STEWARD_TOPIC_STAGE_EMERGING] = "emerging",
  [STEWARD_TOPIC_STAGE_EXPLODING] = "exploding",
  [STEWARD_TOPIC_STAGE_SPREADING] = "spreading",
  [STEWARD_TOPIC_STAGE_FADING] = "fading",
};

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values in place. */
static double
median (double *values,
        guint   n)
{
  g_assert (n > 0);

  qsort (values, n, sizeof (double), compare_double);

  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static guint
default_window (gint64 bucket_seconds)
{
  if (bucket_seconds > 0 && bucket_seconds <= 3600)
    return MAX (DAY_SECONDS / bucket_seconds, 4);

  return 14;
}

static double
mean (const double *values,
      gssize        from,
      gssize        to)
{
  double sum = 0.0;

  if (to <= from)
    return 0.0;

  for (gssize i = from; i < to; i++)
    sum += values[i];

  return sum / (double) (to - from);
}

/**
 * steward_topic_stage_to_string:
 * @stage: a topic stage
 *
 * Returns: (transfer none): the stage's stable name
 */
const char *
steward_topic_stage_to_string (StewardTopicStage stage)
{
  g_return_val_if_fail ((guint) stage < G_N_ELEMENTS (stage_names), NULL);

  return stage_names[stage];
}

/**
 * steward_topic_stage_from_string:
 * @str: (nullable): a stable name
 * @stage: (out): where to store the stage
 *
 * Returns: %TRUE if @str names a stage
 */
gboolean
steward_topic_stage_from_string (const char        *str,
                                 StewardTopicStage *stage)
{
  g_return_val_if_fail (stage != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (stage_names); i++)
    {
      if (g_str_equal (str, stage_names[i]))
        {
          *stage = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * steward_topic_stage_get_display_name:
 * @stage: a topic stage
 *
 * Returns: (transfer none): the translated name of the stage
 */
const char *
steward_topic_stage_get_display_name (StewardTopicStage stage)
{
  switch (stage)
    {
    case STEWARD_TOPIC_STAGE_QUIET:
      return C_("topic stage", "Quiet");
    case STEWARD_TOPIC_STAGE_EMERGING:
      return C_("topic stage", "Emerging");
    case STEWARD_TOPIC_STAGE_EXPLODING:
      return C_("topic stage", "Exploding");
    case STEWARD_TOPIC_STAGE_SPREADING:
      return C_("topic stage", "Spreading");
    case STEWARD_TOPIC_STAGE_FADING:
      return C_("topic stage", "Fading");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * steward_trend_bucket_start:
 * @start_time: Unix time of the start of bucket 0
 * @bucket_seconds: bucket length
 * @index: a bucket index
 *
 * Returns: Unix time of the start of bucket @index
 */
gint64
steward_trend_bucket_start (gint64 start_time,
                            gint64 bucket_seconds,
                            guint  index)
{
  g_return_val_if_fail (bucket_seconds > 0, start_time);

  return start_time + bucket_seconds * (gint64) index;
}

/**
 * steward_trend_find_spikes:
 * @counts: (array length=n_counts) (nullable): posts per bucket, oldest first
 * @n_counts: number of buckets
 * @bucket_seconds: bucket length, more than 0
 * @options: (nullable): tuning, %NULL for the defaults
 *
 * Finds the buckets that rise far above their rolling baseline; see the
 * description at the top of steward-trend.h.
 *
 * Returns: (transfer full) (element-type StewardTrendSpike): the spikes in
 *   order, possibly none
 */
GArray *
steward_trend_find_spikes (const guint               *counts,
                           gsize                      n_counts,
                           gint64                     bucket_seconds,
                           const StewardTrendOptions *options)
{
  GArray *spikes = g_array_new (FALSE, TRUE, sizeof (StewardTrendSpike));
  StewardTrendOptions opts = { 0 };
  g_autofree double *scratch = NULL;
  gboolean in_spike = FALSE;

  g_return_val_if_fail (counts != NULL || n_counts == 0, spikes);
  g_return_val_if_fail (bucket_seconds > 0, spikes);

  if (options != NULL)
    opts = *options;
  if (opts.window == 0)
    opts.window = default_window (bucket_seconds);
  if (opts.threshold <= 0.0)
    opts.threshold = 4.0;
  if (opts.min_count == 0)
    opts.min_count = 5;
  if (opts.min_history == 0)
    opts.min_history = 4;
  opts.min_history = MIN (opts.min_history, opts.window);

  scratch = g_new (double, opts.window);

  for (gsize i = 0; i < n_counts; i++)
    {
      gsize from = i > opts.window ? i - opts.window : 0;
      guint n = i - from;
      double base;
      double spread;
      double strength;

      if (n < opts.min_history || counts[i] < opts.min_count)
        {
          in_spike = FALSE;
          continue;
        }

      for (guint k = 0; k < n; k++)
        scratch[k] = counts[from + k];
      base = median (scratch, n);
      for (guint k = 0; k < n; k++)
        scratch[k] = fabs (scratch[k] - base);
      spread = MAX (MAD_TO_SIGMA * median (scratch, n), sqrt (MAX (base, 1.0)));
      strength = (counts[i] - base) / spread;

      if (strength < opts.threshold)
        {
          in_spike = FALSE;
          continue;
        }

      if (in_spike)
        {
          StewardTrendSpike *spike = &g_array_index (spikes, StewardTrendSpike, spikes->len - 1);

          spike->last = i;
          if (strength > spike->strength)
            {
              spike->peak = i;
              spike->strength = strength;
              spike->baseline = base;
            }
        }
      else
        {
          StewardTrendSpike spike = {
            .first = i, .last = i, .peak = i, .strength = strength, .baseline = base,
          };

          g_array_append_val (spikes, spike);
          in_spike = TRUE;
        }
    }

  return spikes;
}

/**
 * steward_trend_topic_stage:
 * @counts: (array length=n_counts) (nullable): posts per bucket, oldest
 *   first, the last bucket being now
 * @n_counts: number of buckets
 * @bucket_seconds: bucket length, more than 0
 * @info: (out caller-allocates) (optional): the figures behind the stage
 *
 * Reads a topic's stage from the shape of its volume over the last two
 * weeks; the rules are at the top of steward-trend.h.
 *
 * Returns: the stage
 */
StewardTopicStage
steward_trend_topic_stage (const guint           *counts,
                           gsize                  n_counts,
                           gint64                 bucket_seconds,
                           StewardTopicStageInfo *info)
{
  StewardTopicStageInfo figures = { 0 };
  g_autofree double *bins = NULL;
  gsize per_bin;
  gsize span;
  gsize n_bins;
  gsize first;
  gssize r;
  gsize peak_index = 0;
  StewardTopicStage stage;

  g_return_val_if_fail (counts != NULL || n_counts == 0, STEWARD_TOPIC_STAGE_QUIET);
  g_return_val_if_fail (bucket_seconds > 0, STEWARD_TOPIC_STAGE_QUIET);

  per_bin = bucket_seconds < STAGE_BIN_SECONDS ? STAGE_BIN_SECONDS / bucket_seconds : 1;
  span = MAX (STAGE_SPAN_SECONDS / bucket_seconds, 1);
  span = MIN (span, n_counts);
  /* Whole bins aligned to the end, so the last bin ends now. */
  n_bins = (span + per_bin - 1) / per_bin;
  first = n_counts - MIN (n_bins * per_bin, n_counts);

  figures.bin_seconds = bucket_seconds * per_bin;
  bins = g_new0 (double, MAX (n_bins, 1));
  for (gsize i = first; i < n_counts; i++)
    {
      gsize bin = n_bins - 1 - (n_counts - 1 - i) / per_bin;

      bins[bin] += counts[i];
      figures.total += counts[i];
    }
  for (gsize b = 0; b < n_bins; b++)
    {
      if (bins[b] > bins[peak_index])
        peak_index = b;
    }
  figures.peak = n_bins > 0 ? bins[peak_index] : 0.0;

  r = MAX (1, (gssize) n_bins / 7);
  figures.recent = mean (bins, MAX ((gssize) n_bins - r, 0), n_bins);
  figures.previous = mean (bins, MAX ((gssize) n_bins - 2 * r, 0), MAX ((gssize) n_bins - r, 0));
  figures.growth = figures.recent - figures.previous;
  figures.max_growth = figures.growth;
  for (gssize end = 2 * r; end <= (gssize) n_bins; end++)
    {
      double g = mean (bins, end - r, end) - mean (bins, end - 2 * r, end - r);

      figures.max_growth = MAX (figures.max_growth, g);
    }

  if (figures.total < QUIET_MIN_TOTAL || figures.peak < QUIET_MIN_PEAK)
    stage = STEWARD_TOPIC_STAGE_QUIET;
  else if (n_bins < 3)
    stage = STEWARD_TOPIC_STAGE_EMERGING;
  else
    {
      gssize earlier_end = (gssize) n_bins - 2 * r;
      double earlier = mean (bins, 0, earlier_end);

      if ((gssize) peak_index < (gssize) n_bins - r &&
          figures.recent <= FADING_OF_PEAK * figures.peak &&
          figures.recent < REBOUND_RATIO * figures.previous)
        stage = STEWARD_TOPIC_STAGE_FADING;
      else if (figures.previous >= EXPLODE_MIN_PREVIOUS &&
               figures.recent >= EXPLODE_RATIO * figures.previous &&
               (gssize) peak_index >= (gssize) n_bins - r &&
               figures.growth >= EXPLODE_OF_GROWTH * figures.max_growth)
        stage = STEWARD_TOPIC_STAGE_EXPLODING;
      else if (figures.recent > figures.previous &&
               (earlier_end <= 0 || earlier <= EMERGING_EARLIER * figures.recent))
        stage = STEWARD_TOPIC_STAGE_EMERGING;
      else if (figures.recent >= SPREADING_OF_PEAK * figures.peak)
        stage = STEWARD_TOPIC_STAGE_SPREADING;
      else if (figures.recent < figures.previous)
        stage = STEWARD_TOPIC_STAGE_FADING;
      else
        stage = STEWARD_TOPIC_STAGE_EMERGING;
    }

  if (info != NULL)
    *info = figures;

  return stage;
}
