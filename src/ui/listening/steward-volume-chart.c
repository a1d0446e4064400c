/* steward-volume-chart.c — a query's volume over time, its spikes and
 * sentiment per bucket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars of the query's colour, one per bucket; a spike is marked by a red
 * triangle over its strongest bucket and a tint over its buckets; under the
 * bars a thin strip stacks the positive, neutral and negative posts of
 * each bucket. Hovering a bucket highlights it and tells its figures in the
 * tooltip.
 */
#define G_LOG_DOMAIN "steward-listening"

#include <glib/gi18n.h>

#include "steward-volume-chart.h"

struct _StewardVolumeChart
{
  StewardChart  parent_instance;

  gint64        start;
  gint64        bucket_seconds;
  guint         n_buckets;
  guint        *counts;
  guint        *positive;
  guint        *neutral;
  guint        *negative;
  GArray       *spikes;
  GdkRGBA       colour;
  guint         peak;
};

G_DEFINE_FINAL_TYPE (StewardVolumeChart, steward_volume_chart, STEWARD_TYPE_CHART)

#define STRIP_HEIGHT 10.0
#define STRIP_GAP 6.0
#define TOP_MARGIN 14.0
#define LABEL_HEIGHT 16.0

static const GdkRGBA positive_colour = { 0.2, 0.82, 0.48, 1.0 };   /* GNOME green 3 */
static const GdkRGBA negative_colour = { 0.88, 0.11, 0.14, 1.0 };  /* GNOME red 3 */
static const GdkRGBA spike_colour = { 0.88, 0.11, 0.14, 1.0 };

static gboolean
is_spike_bucket (StewardVolumeChart *self,
                 guint               index,
                 gboolean           *is_peak)
{
  *is_peak = FALSE;
  if (self->spikes == NULL)
    return FALSE;

  for (guint i = 0; i < self->spikes->len; i++)
    {
      const StewardTrendSpike *spike = &g_array_index (self->spikes, StewardTrendSpike, i);

      if (index >= spike->first && index <= spike->last)
        {
          *is_peak = index == spike->peak;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
format_bucket_time (StewardVolumeChart *self,
                    gint64              when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  if (self->bucket_seconds < 86400)
    /* Translators: an hour on the volume chart, strftime format */
    return g_date_time_format (local, _("%b %-d, %H:00"));

  /* Buckets of a day are UTC days: show them as such. */
  /* Translators: a day on the volume chart, strftime format */
  return g_date_time_format (utc, _("%b %-d"));
}

static char *
steward_volume_chart_describe_slot (StewardChart *chart,
                                    guint         index)
{
  return steward_volume_chart_describe_bucket (STEWARD_VOLUME_CHART (chart), index);
}

static void
steward_volume_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  StewardVolumeChart *self = STEWARD_VOLUME_CHART (widget);
  StewardChart *chart = STEWARD_CHART (widget);
  int hover_index = steward_chart_get_hover_index (chart);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double chart_height = height - STRIP_HEIGHT - STRIP_GAP - LABEL_HEIGHT - TOP_MARGIN;
  double slot, bar_width;
  GdkRGBA fg, dim, grid;
  g_autofree char *peak_text = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;

  if (self->n_buckets == 0 || width <= 0 || chart_height <= 0)
    return;

  steward_chart_get_colours (chart, &fg, &dim, &grid);

  slot = width / self->n_buckets;
  bar_width = MAX (1.0, slot * 0.72);

  /* Baseline */
  gtk_snapshot_append_color (snapshot, &grid,
                             &GRAPHENE_RECT_INIT (0, TOP_MARGIN + chart_height, width, 1));

  for (guint i = 0; i < self->n_buckets; i++)
    {
      double x = i * slot + (slot - bar_width) / 2;
      double bar_height = self->peak > 0 ? chart_height * self->counts[i] / self->peak : 0;
      gboolean is_peak;
      GdkRGBA bar = self->colour;

      if ((int) i == hover_index)
        steward_chart_append_hover (snapshot, &fg, i * slot, slot, TOP_MARGIN + chart_height);
      else if (hover_index >= 0)
        bar.alpha *= 0.7;

      if (is_spike_bucket (self, i, &is_peak))
        {
          GdkRGBA tint = spike_colour;

          tint.alpha = 0.1;
          gtk_snapshot_append_color (snapshot, &tint,
                                     &GRAPHENE_RECT_INIT (i * slot, TOP_MARGIN, slot, chart_height));
          if (is_peak)
            steward_chart_append_marker (snapshot, &spike_colour, i * slot + slot / 2,
                                         TOP_MARGIN + chart_height - bar_height - 3, 9);
        }

      if (bar_height > 0)
        gtk_snapshot_append_color (snapshot, &bar,
                                   &GRAPHENE_RECT_INIT (x, TOP_MARGIN + chart_height - MAX (bar_height, 1.0),
                                                        bar_width, MAX (bar_height, 1.0)));

      /* The sentiment strip: positive, neutral, negative stacked across. */
      if (self->positive != NULL)
        {
          guint total = self->positive[i] + self->neutral[i] + self->negative[i];
          double strip_y = TOP_MARGIN + chart_height + STRIP_GAP;
          double px;
          GdkRGBA neutral = fg;

          neutral.alpha = 0.2;
          if (total == 0)
            {
              GdkRGBA empty = fg;

              empty.alpha = 0.05;
              gtk_snapshot_append_color (snapshot, &empty, &GRAPHENE_RECT_INIT (x, strip_y, bar_width, STRIP_HEIGHT));
              continue;
            }

          px = bar_width * self->positive[i] / total;
          gtk_snapshot_append_color (snapshot, &positive_colour, &GRAPHENE_RECT_INIT (x, strip_y, px, STRIP_HEIGHT));
          gtk_snapshot_append_color (snapshot, &neutral,
                                     &GRAPHENE_RECT_INIT (x + px, strip_y, bar_width * self->neutral[i] / total, STRIP_HEIGHT));
          gtk_snapshot_append_color (snapshot, &negative_colour,
                                     &GRAPHENE_RECT_INIT (x + px + bar_width * self->neutral[i] / total, strip_y,
                                                          bar_width * self->negative[i] / total, STRIP_HEIGHT));
        }
    }

  /* Scale and time axis */
  peak_text = g_strdup_printf ("%u", self->peak);
  steward_chart_append_text (chart, snapshot, peak_text, 0, -2, 0.0, &dim);
  first_text = format_bucket_time (self, self->start);
  last_text = format_bucket_time (self, self->start + (gint64) (self->n_buckets - 1) * self->bucket_seconds);
  steward_chart_append_text (chart, snapshot, first_text, 0, height - LABEL_HEIGHT, 0.0, &dim);
  steward_chart_append_text (chart, snapshot, last_text, width, height - LABEL_HEIGHT, 1.0, &dim);
}

static void
steward_volume_chart_finalize (GObject *object)
{
  StewardVolumeChart *self = STEWARD_VOLUME_CHART (object);

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->positive, g_free);
  g_clear_pointer (&self->neutral, g_free);
  g_clear_pointer (&self->negative, g_free);
  g_clear_pointer (&self->spikes, g_array_unref);

  G_OBJECT_CLASS (steward_volume_chart_parent_class)->finalize (object);
}

static void
steward_volume_chart_class_init (StewardVolumeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StewardChartClass *chart_class = STEWARD_CHART_CLASS (klass);

  object_class->finalize = steward_volume_chart_finalize;
  widget_class->snapshot = steward_volume_chart_snapshot;
  chart_class->describe_slot = steward_volume_chart_describe_slot;
  chart_class->min_width = 120;
  chart_class->natural_width = 480;
  chart_class->min_height = 100;
  chart_class->natural_height = 160;

  gtk_widget_class_set_css_name (widget_class, "volumechart");
}

static void
steward_volume_chart_init (StewardVolumeChart *self)
{
  gdk_rgba_parse (&self->colour, "#3584e4");
}

GtkWidget *
steward_volume_chart_new (void)
{
  return g_object_new (STEWARD_TYPE_VOLUME_CHART, NULL);
}

void
steward_volume_chart_set_series (StewardVolumeChart *self,
                                 gint64              start,
                                 gint64              bucket_seconds,
                                 const guint        *counts,
                                 const guint        *positive,
                                 const guint        *neutral,
                                 const guint        *negative,
                                 guint               n_buckets,
                                 GArray             *spikes,
                                 const char         *colour)
{
  g_return_if_fail (STEWARD_IS_VOLUME_CHART (self));
  g_return_if_fail (counts != NULL || n_buckets == 0);
  g_return_if_fail (bucket_seconds > 0);

  steward_volume_chart_clear (self);

  self->start = start;
  self->bucket_seconds = bucket_seconds;
  self->n_buckets = n_buckets;
  self->counts = g_memdup2 (counts, sizeof (guint) * n_buckets);
  if (positive != NULL && neutral != NULL && negative != NULL)
    {
      self->positive = g_memdup2 (positive, sizeof (guint) * n_buckets);
      self->neutral = g_memdup2 (neutral, sizeof (guint) * n_buckets);
      self->negative = g_memdup2 (negative, sizeof (guint) * n_buckets);
    }
  if (spikes != NULL)
    self->spikes = g_array_ref (spikes);
  if (colour == NULL || !gdk_rgba_parse (&self->colour, colour))
    gdk_rgba_parse (&self->colour, "#3584e4");

  for (guint i = 0; i < n_buckets; i++)
    self->peak = MAX (self->peak, counts[i]);

  steward_chart_set_n_slots (STEWARD_CHART (self), n_buckets);
}

void
steward_volume_chart_clear (StewardVolumeChart *self)
{
  g_return_if_fail (STEWARD_IS_VOLUME_CHART (self));

  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->positive, g_free);
  g_clear_pointer (&self->neutral, g_free);
  g_clear_pointer (&self->negative, g_free);
  g_clear_pointer (&self->spikes, g_array_unref);
  self->n_buckets = 0;
  self->peak = 0;
  steward_chart_set_n_slots (STEWARD_CHART (self), 0);
}

guint
steward_volume_chart_get_n_buckets (StewardVolumeChart *self)
{
  g_return_val_if_fail (STEWARD_IS_VOLUME_CHART (self), 0);

  return self->n_buckets;
}

guint
steward_volume_chart_get_peak (StewardVolumeChart *self)
{
  g_return_val_if_fail (STEWARD_IS_VOLUME_CHART (self), 0);

  return self->peak;
}

guint
steward_volume_chart_get_n_spikes (StewardVolumeChart *self)
{
  g_return_val_if_fail (STEWARD_IS_VOLUME_CHART (self), 0);

  return self->spikes != NULL ? self->spikes->len : 0;
}

int
steward_volume_chart_get_hover_index (StewardVolumeChart *self)
{
  g_return_val_if_fail (STEWARD_IS_VOLUME_CHART (self), -1);

  return steward_chart_get_hover_index (STEWARD_CHART (self));
}

char *
steward_volume_chart_describe_bucket (StewardVolumeChart *self,
                                      guint               index)
{
  g_autofree char *when = NULL;
  GString *text;
  gboolean is_peak;

  g_return_val_if_fail (STEWARD_IS_VOLUME_CHART (self), NULL);
  g_return_val_if_fail (index < self->n_buckets, NULL);

  when = format_bucket_time (self, self->start + (gint64) index * self->bucket_seconds);
  text = g_string_new (when);
  g_string_append (text, " — ");
  g_string_append_printf (text, g_dngettext (NULL, "%u post", "%u posts", self->counts[index]),
                          self->counts[index]);
  if (self->positive != NULL && self->positive[index] + self->neutral[index] + self->negative[index] > 0)
    {
      g_string_append_c (text, '\n');
      /* Translators: sentiment counts of one bucket of the volume chart */
      g_string_append_printf (text, _("%u positive, %u neutral, %u negative"),
                              self->positive[index], self->neutral[index], self->negative[index]);
    }
  if (is_spike_bucket (self, index, &is_peak))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Spike: far above the usual volume"));
    }

  return g_string_free (text, FALSE);
}
