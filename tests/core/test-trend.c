/* test-trend.c — spike detection and topic stages on synthetic series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The noise comes from GRand with fixed seeds, so every run sees the same
 * series; several seeds are tried where noise matters.
 */
#include <steward/steward.h>

#include <math.h>

#define HOUR 3600
#define DAY  (24 * HOUR)

/* Roughly Poisson noise around @mean (a sum of coin flips). */
static guint
noisy (GRand  *rand,
       double  mean)
{
  guint n = 0;
  guint trials = (guint) ceil (mean * 2);

  for (guint i = 0; i < trials; i++)
    n += g_rand_double (rand) < mean / trials ? 1 : 0;

  return n;
}

static GArray *
flat_series (guint32 seed,
             guint   n,
             double  mean)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      guint c = noisy (rand, mean);
      g_array_append_val (counts, c);
    }

  return counts;
}

static GArray *
spikes_of (GArray *counts,
           gint64  bucket_seconds)
{
  return steward_trend_find_spikes ((const guint *) counts->data, counts->len, bucket_seconds, NULL);
}

static void
test_flat_noise (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GArray) counts = flat_series (seed, 14 * 24, 20.0);
      g_autoptr(GArray) spikes = spikes_of (counts, HOUR);

      g_assert_cmpuint (spikes->len, ==, 0);
    }

  /* low, sparse noise: 0, 1, 2, 3 posts are never spikes */
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GArray) counts = flat_series (seed, 14 * 24, 0.5);
      g_autoptr(GArray) spikes = spikes_of (counts, HOUR);

      g_assert_cmpuint (spikes->len, ==, 0);
    }
}

static void
test_single_burst (void)
{
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GArray) counts = flat_series (seed, 10 * 24, 15.0);
      g_autoptr(GArray) spikes = NULL;
      const StewardTrendSpike *spike;

      g_array_index (counts, guint, 150) = 90;
      spikes = spikes_of (counts, HOUR);

      g_assert_cmpuint (spikes->len, ==, 1);
      spike = &g_array_index (spikes, StewardTrendSpike, 0);
      g_assert_cmpuint (spike->first, ==, 150);
      g_assert_cmpuint (spike->last, ==, 150);
      g_assert_cmpuint (spike->peak, ==, 150);
      g_assert_cmpfloat (spike->strength, >=, 4.0);
      g_assert_cmpfloat (fabs (spike->baseline - 15.0), <, 4.0);
    }
}

static void
test_burst_of_several_buckets (void)
{
  g_autoptr(GArray) counts = flat_series (7, 10 * 24, 15.0);
  g_autoptr(GArray) spikes = NULL;
  const StewardTrendSpike *spike;

  g_array_index (counts, guint, 100) = 60;
  g_array_index (counts, guint, 101) = 120;
  g_array_index (counts, guint, 102) = 70;
  spikes = spikes_of (counts, HOUR);

  g_assert_cmpuint (spikes->len, ==, 1);
  spike = &g_array_index (spikes, StewardTrendSpike, 0);
  g_assert_cmpuint (spike->first, ==, 100);
  g_assert_cmpuint (spike->peak, ==, 101);
  g_assert_cmpuint (spike->last, ==, 102);
}

static void
test_step_change (void)
{
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
      g_autoptr(GArray) spikes = NULL;
      g_autoptr(GArray) tail = NULL;
      const StewardTrendSpike *spike;

      for (guint i = 0; i < 200; i++)
        {
          guint c = noisy (rand, i < 100 ? 10.0 : 60.0);
          g_array_append_val (counts, c);
        }
      spikes = spikes_of (counts, HOUR);

      /* one spike where the step is, then the new level is normal */
      g_assert_cmpuint (spikes->len, ==, 1);
      spike = &g_array_index (spikes, StewardTrendSpike, 0);
      g_assert_cmpuint (spike->first, ==, 100);
      g_assert_cmpuint (spike->last, <=, 100 + 24 / 2);

      /* the baseline of the last buckets is the new level */
      tail = g_array_new (FALSE, TRUE, sizeof (guint));
      g_array_append_vals (tail, counts->data, counts->len);
      g_array_index (tail, guint, 199) = 64;
      g_clear_pointer (&spikes, g_array_unref);
      spikes = spikes_of (tail, HOUR);
      g_assert_cmpuint (spikes->len, ==, 1);
    }
}

static void
test_seasonal (void)
{
  /* A daily rhythm: quiet nights, busy afternoons; hourly buckets. */
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
      g_autoptr(GArray) spikes = NULL;

      for (guint i = 0; i < 21 * 24; i++)
        {
          double mean = 20.0 + 15.0 * sin (2 * G_PI * (i % 24) / 24.0);
          guint c = noisy (rand, mean);

          g_array_append_val (counts, c);
        }
      spikes = spikes_of (counts, HOUR);
      g_assert_cmpuint (spikes->len, ==, 0);

      /* and a real burst on top of the rhythm is still seen */
      g_array_index (counts, guint, 10 * 24 + 3) += 120;
      g_clear_pointer (&spikes, g_array_unref);
      spikes = spikes_of (counts, HOUR);
      g_assert_cmpuint (spikes->len, ==, 1);
      g_assert_cmpuint (g_array_index (spikes, StewardTrendSpike, 0).peak, ==, 10 * 24 + 3);
    }
}

static void
test_min_count (void)
{
  guint zeros_then_two[30] = { 0 };
  guint zeros_then_thirty[30] = { 0 };
  g_autoptr(GArray) spikes = NULL;

  zeros_then_two[25] = 2;
  spikes = steward_trend_find_spikes (zeros_then_two, G_N_ELEMENTS (zeros_then_two), DAY, NULL);
  g_assert_cmpuint (spikes->len, ==, 0);
  g_clear_pointer (&spikes, g_array_unref);

  zeros_then_thirty[25] = 30;
  spikes = steward_trend_find_spikes (zeros_then_thirty, G_N_ELEMENTS (zeros_then_thirty), DAY, NULL);
  g_assert_cmpuint (spikes->len, ==, 1);
  g_assert_cmpuint (g_array_index (spikes, StewardTrendSpike, 0).peak, ==, 25);
  g_clear_pointer (&spikes, g_array_unref);

  /* a higher minimum silences it; history is required before a spike */
  {
    StewardTrendOptions options = { .min_count = 50 };

    spikes = steward_trend_find_spikes (zeros_then_thirty, G_N_ELEMENTS (zeros_then_thirty), DAY, &options);
    g_assert_cmpuint (spikes->len, ==, 0);
    g_clear_pointer (&spikes, g_array_unref);
  }
  {
    guint early[] = { 0, 0, 40, 0, 0, 0, 0, 0 };

    spikes = steward_trend_find_spikes (early, G_N_ELEMENTS (early), DAY, NULL);
    g_assert_cmpuint (spikes->len, ==, 0);
  }
}

static void
test_edge_cases (void)
{
  guint zeros[48] = { 0 };
  guint one[] = { 50 };
  guint one_small[] = { 3 };
  g_autoptr(GArray) spikes = NULL;
  StewardTopicStageInfo info;

  spikes = steward_trend_find_spikes (NULL, 0, HOUR, NULL);
  g_assert_cmpuint (spikes->len, ==, 0);
  g_clear_pointer (&spikes, g_array_unref);
  g_assert_cmpint (steward_trend_topic_stage (NULL, 0, HOUR, &info), ==, STEWARD_TOPIC_STAGE_QUIET);
  g_assert_cmpuint (info.total, ==, 0);

  spikes = steward_trend_find_spikes (zeros, G_N_ELEMENTS (zeros), HOUR, NULL);
  g_assert_cmpuint (spikes->len, ==, 0);
  g_clear_pointer (&spikes, g_array_unref);
  g_assert_cmpint (steward_trend_topic_stage (zeros, G_N_ELEMENTS (zeros), HOUR, NULL), ==, STEWARD_TOPIC_STAGE_QUIET);

  spikes = steward_trend_find_spikes (one, 1, HOUR, NULL);
  g_assert_cmpuint (spikes->len, ==, 0);
  g_assert_cmpint (steward_trend_topic_stage (one, 1, HOUR, &info), ==, STEWARD_TOPIC_STAGE_EMERGING);
  g_assert_cmpuint (info.total, ==, 50);
  g_assert_cmpint (steward_trend_topic_stage (one_small, 1, HOUR, NULL), ==, STEWARD_TOPIC_STAGE_QUIET);

  g_assert_cmpint (steward_trend_bucket_start (1000, HOUR, 0), ==, 1000);
  g_assert_cmpint (steward_trend_bucket_start (1000, HOUR, 3), ==, 1000 + 3 * HOUR);
}

/* Fourteen days of hourly buckets from a per-day rate of posts per hour. */
static GArray *
hourly_from_daily (guint32       seed,
                   const double *per_hour,
                   guint         n_days)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint d = 0; d < n_days; d++)
    {
      for (guint h = 0; h < 24; h++)
        {
          guint c = noisy (rand, per_hour[d]);
          g_array_append_val (counts, c);
        }
    }

  return counts;
}

static StewardTopicStage
stage_of (GArray                *counts,
          gint64                 bucket_seconds,
          StewardTopicStageInfo *info)
{
  return steward_trend_topic_stage ((const guint *) counts->data, counts->len, bucket_seconds, info);
}

static void
assert_stage (const double      *per_hour,
              StewardTopicStage  expected)
{
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GArray) counts = hourly_from_daily (seed, per_hour, 14);
      StewardTopicStageInfo info;
      StewardTopicStage got = stage_of (counts, HOUR, &info);

      if (got != expected)
        g_error ("seed %u: expected %s, got %s (recent %.1f previous %.1f peak %.1f growth %.1f/%.1f)",
                 seed, steward_topic_stage_to_string (expected), steward_topic_stage_to_string (got),
                 info.recent, info.previous, info.peak, info.growth, info.max_growth);
      g_assert_cmpint (info.bin_seconds, ==, 12 * HOUR);
    }
}

static void
test_stages (void)
{
  /* posts per hour, day by day over the last two weeks */
  static const double quiet[14] = { 0, 0, 0.02, 0, 0, 0, 0.02, 0, 0, 0, 0, 0.02, 0, 0 };
  static const double emerging[14] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25, 1.0 };
  static const double exploding[14] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 6, 9 };
  static const double spreading[14] = { 0, 0, 0.5, 2, 6, 10, 11, 10, 11, 10, 10, 11, 10, 10 };
  static const double fading[14] = { 0, 1, 5, 15, 20, 16, 12, 9, 7, 6, 5, 4, 3, 3 };
  static const double steady[14] = { 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8 };

  assert_stage (quiet, STEWARD_TOPIC_STAGE_QUIET);
  assert_stage (emerging, STEWARD_TOPIC_STAGE_EMERGING);
  assert_stage (exploding, STEWARD_TOPIC_STAGE_EXPLODING);
  assert_stage (spreading, STEWARD_TOPIC_STAGE_SPREADING);
  assert_stage (fading, STEWARD_TOPIC_STAGE_FADING);
  assert_stage (steady, STEWARD_TOPIC_STAGE_SPREADING);
}

static void
test_stages_daily (void)
{
  /* Daily buckets: a bin is a bucket. */
  guint emerging[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 8 };
  guint exploding[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4, 20, 60 };
  guint spreading[] = { 0, 2, 10, 40, 70, 80, 78, 82, 80, 79, 81, 80, 78, 82 };
  guint fading[] = { 5, 30, 90, 120, 100, 80, 60, 45, 30, 25, 20, 15, 12, 10 };
  /* a month of history: only the last two weeks count */
  guint long_fading[28] = { 0 };
  StewardTopicStageInfo info;

  g_assert_cmpint (steward_trend_topic_stage (emerging, G_N_ELEMENTS (emerging), DAY, &info), ==, STEWARD_TOPIC_STAGE_EMERGING);
  g_assert_cmpint (info.bin_seconds, ==, DAY);
  g_assert_cmpfloat (info.recent, ==, 5.5);
  g_assert_cmpfloat (info.previous, ==, 0.0);
  g_assert_cmpint (steward_trend_topic_stage (exploding, G_N_ELEMENTS (exploding), DAY, &info), ==, STEWARD_TOPIC_STAGE_EXPLODING);
  g_assert_cmpfloat (info.peak, ==, 60.0);
  g_assert_cmpint (steward_trend_topic_stage (spreading, G_N_ELEMENTS (spreading), DAY, NULL), ==, STEWARD_TOPIC_STAGE_SPREADING);
  g_assert_cmpint (steward_trend_topic_stage (fading, G_N_ELEMENTS (fading), DAY, NULL), ==, STEWARD_TOPIC_STAGE_FADING);

  for (guint i = 0; i < 14; i++)
    long_fading[i] = 500;     /* an old peak, outside the window */
  for (guint i = 14; i < 28; i++)
    long_fading[i] = fading[i - 14];
  g_assert_cmpint (steward_trend_topic_stage (long_fading, G_N_ELEMENTS (long_fading), DAY, &info), ==, STEWARD_TOPIC_STAGE_FADING);
  g_assert_cmpfloat (info.peak, ==, 120.0);
  g_assert_cmpuint (info.total, ==, 642);
}

static void
test_stage_names (void)
{
  StewardTopicStage stage;

  for (guint i = STEWARD_TOPIC_STAGE_QUIET; i <= STEWARD_TOPIC_STAGE_FADING; i++)
    {
      const char *name = steward_topic_stage_to_string (i);

      g_assert_true (steward_topic_stage_from_string (name, &stage));
      g_assert_cmpint (stage, ==, i);
      g_assert_nonnull (steward_topic_stage_get_display_name (i));
    }
  g_assert_cmpstr (steward_topic_stage_to_string (STEWARD_TOPIC_STAGE_EXPLODING), ==, "exploding");
  g_assert_cmpstr (steward_topic_stage_get_display_name (STEWARD_TOPIC_STAGE_FADING), ==, "Fading");
  g_assert_false (steward_topic_stage_from_string ("viral", &stage));
  g_assert_false (steward_topic_stage_from_string (NULL, &stage));
  g_assert_cmpint (steward_topic_stage_get_type (), !=, G_TYPE_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/trend/flat-noise", test_flat_noise);
  g_test_add_func ("/core/trend/single-burst", test_single_burst);
  g_test_add_func ("/core/trend/burst-of-several-buckets", test_burst_of_several_buckets);
  g_test_add_func ("/core/trend/step-change", test_step_change);
  g_test_add_func ("/core/trend/seasonal", test_seasonal);
  g_test_add_func ("/core/trend/min-count", test_min_count);
  g_test_add_func ("/core/trend/edge-cases", test_edge_cases);
  g_test_add_func ("/core/trend/stages", test_stages);
  g_test_add_func ("/core/trend/stages-daily", test_stages_daily);
  g_test_add_func ("/core/trend/stage-names", test_stage_names);

  return g_test_run ();
}
