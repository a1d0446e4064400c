/* steward-volume-chart.h — a query's volume over time, its spikes and
 * sentiment per bucket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>

#include "steward-chart.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_VOLUME_CHART (steward_volume_chart_get_type ())
G_DECLARE_FINAL_TYPE (StewardVolumeChart, steward_volume_chart, STEWARD, VOLUME_CHART, StewardChart)

GtkWidget *steward_volume_chart_new            (void);

/* @counts, @positive, @neutral and @negative are @n_buckets long (the last
 * three may be %NULL); @spikes: (element-type StewardTrendSpike) (nullable);
 * @colour: (nullable): the bars' colour, e.g. "#3584e4". Copied. */
void       steward_volume_chart_set_series     (StewardVolumeChart *self,
                                                gint64              start,
                                                gint64              bucket_seconds,
                                                const guint        *counts,
                                                const guint        *positive,
                                                const guint        *neutral,
                                                const guint        *negative,
                                                guint               n_buckets,
                                                GArray             *spikes,
                                                const char         *colour);
void       steward_volume_chart_clear          (StewardVolumeChart *self);
guint      steward_volume_chart_get_n_buckets  (StewardVolumeChart *self);
guint      steward_volume_chart_get_peak       (StewardVolumeChart *self);
guint      steward_volume_chart_get_n_spikes   (StewardVolumeChart *self);
/* The bucket under the pointer, or -1. */
int        steward_volume_chart_get_hover_index (StewardVolumeChart *self);
/* What the hover label says for bucket @index (also the tooltip). */
char      *steward_volume_chart_describe_bucket (StewardVolumeChart *self,
                                                 guint               index);

G_END_DECLS
