/* steward-inbox-report-chart.c — needed vs replied per week, as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox-report"

#include <glib/gi18n.h>

#include "steward-inbox-report-chart.h"

#define TOP_MARGIN   22
#define LABEL_HEIGHT 20
#define LABEL_GAP    12

struct _StewardInboxReportChart
{
  StewardChart  parent_instance;

  GArray       *weeks;   /* StewardChartWeek */
  GStrv         labels;
  guint         peak;
};

G_DEFINE_FINAL_TYPE (StewardInboxReportChart, steward_inbox_report_chart, STEWARD_TYPE_CHART)

static const GdkRGBA replied_colour = { 0.208, 0.518, 0.894, 1.0 };   /* Adwaita blue 3 */
static const GdkRGBA breach_colour = { 0.878, 0.106, 0.141, 1.0 };    /* Adwaita red 3 */

/* Helpers */

static void
append_bar (GtkSnapshot   *snapshot,
            const GdkRGBA *colour,
            double         x,
            double         bottom,
            double         width,
            double         height)
{
  if (height <= 0)
    return;

  height = MAX (height, 2.0);
  gtk_snapshot_append_color (snapshot, colour, &GRAPHENE_RECT_INIT (x, bottom - height, width, height));
}

/* StewardChart overrides */

static char *
steward_inbox_report_chart_describe_slot (StewardChart *chart,
                                          guint         index)
{
  return steward_inbox_report_chart_describe_week (STEWARD_INBOX_REPORT_CHART (chart), index);
}

/* GtkWidget overrides */

static void
steward_inbox_report_chart_snapshot (GtkWidget   *widget,
                                     GtkSnapshot *snapshot)
{
  StewardInboxReportChart *self = STEWARD_INBOX_REPORT_CHART (widget);
  StewardChart *chart = STEWARD_CHART (widget);
  int hover_index = steward_chart_get_hover_index (chart);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double chart_height = height - TOP_MARGIN - LABEL_HEIGHT;
  double bottom = TOP_MARGIN + chart_height;
  double slot, bar_width;
  guint label_step = 1;
  GdkRGBA fg, dim, grid, needed_colour;
  g_autofree char *peak_text = NULL;

  if (self->weeks->len == 0 || width <= 0 || chart_height <= 0)
    return;

  steward_chart_get_colours (chart, &fg, &dim, &grid);
  needed_colour = fg;
  needed_colour.alpha *= 0.22;

  slot = width / self->weeks->len;
  bar_width = MAX (1.0, slot * 0.32);
  /* Labels about 56 px wide: show every n-th so they do not overlap. */
  while (slot * label_step < 56 && label_step < self->weeks->len)
    label_step++;

  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, TOP_MARGIN, width, 1));
  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, bottom, width, 1));

  for (guint i = 0; i < self->weeks->len; i++)
    {
      const StewardChartWeek *week = &g_array_index (self->weeks, StewardChartWeek, i);
      double centre = i * slot + slot / 2;
      double needed_height = chart_height * week->needed / self->peak;
      double replied_height = chart_height * week->replied / self->peak;
      GdkRGBA needed = needed_colour;
      GdkRGBA replied = replied_colour;

      if ((int) i == hover_index)
        steward_chart_append_hover (snapshot, &fg, i * slot, slot, bottom);
      else if (hover_index >= 0)
        replied.alpha *= 0.7;

      append_bar (snapshot, &needed, centre - bar_width - 1, bottom, bar_width, needed_height);
      append_bar (snapshot, &replied, centre + 1, bottom, bar_width, replied_height);

      if (week->breached > 0)
        {
          g_autofree char *count = g_strdup_printf ("%u", week->breached);
          double top = bottom - MAX (needed_height, replied_height) - 4;

          /* A red triangle pointing down at the week, and how many. */
          steward_chart_append_marker (snapshot, &breach_colour, centre, top, 8);
          steward_chart_append_text (chart, snapshot, count, centre + 7, top - 14, 0.0, &breach_colour);
        }

      if (i % label_step == 0 && self->labels != NULL && self->labels[i] != NULL)
        steward_chart_append_text (chart, snapshot, self->labels[i], centre, bottom + 3, 0.5, &dim);
    }

  peak_text = g_strdup_printf ("%u", self->peak);
  steward_chart_append_text (chart, snapshot, peak_text, 0, 2, 0.0, &dim);
}

/* GObject overrides */

static void
steward_inbox_report_chart_finalize (GObject *object)
{
  StewardInboxReportChart *self = STEWARD_INBOX_REPORT_CHART (object);

  g_clear_pointer (&self->weeks, g_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);

  G_OBJECT_CLASS (steward_inbox_report_chart_parent_class)->finalize (object);
}

static void
steward_inbox_report_chart_class_init (StewardInboxReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StewardChartClass *chart_class = STEWARD_CHART_CLASS (klass);

  object_class->finalize = steward_inbox_report_chart_finalize;

  widget_class->snapshot = steward_inbox_report_chart_snapshot;

  chart_class->describe_slot = steward_inbox_report_chart_describe_slot;
  chart_class->min_width = 200;
  chart_class->natural_width = 600;
  chart_class->min_height = 160;
  chart_class->natural_height = 220;

  gtk_widget_class_set_css_name (widget_class, "inbox-report-chart");
}

static void
steward_inbox_report_chart_init (StewardInboxReportChart *self)
{
  self->weeks = g_array_new (FALSE, TRUE, sizeof (StewardChartWeek));
  self->peak = 1;
}

/* Public API */

GtkWidget *
steward_inbox_report_chart_new (void)
{
  return g_object_new (STEWARD_TYPE_INBOX_REPORT_CHART, NULL);
}

void
steward_inbox_report_chart_set_weeks (StewardInboxReportChart *self,
                                      const StewardChartWeek  *weeks,
                                      guint                    n_weeks,
                                      const char * const      *labels)
{
  g_return_if_fail (STEWARD_IS_INBOX_REPORT_CHART (self));
  g_return_if_fail (weeks != NULL || n_weeks == 0);

  g_array_set_size (self->weeks, 0);
  g_array_append_vals (self->weeks, weeks, n_weeks);
  g_clear_pointer (&self->labels, g_strfreev);
  self->labels = g_strdupv ((char **) labels);

  self->peak = 1;
  for (guint i = 0; i < n_weeks; i++)
    self->peak = MAX (self->peak, MAX (weeks[i].needed, weeks[i].replied));

  steward_chart_set_n_slots (STEWARD_CHART (self), n_weeks);
}

guint
steward_inbox_report_chart_get_n_weeks (StewardInboxReportChart *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_REPORT_CHART (self), 0);

  return self->weeks->len;
}

char *
steward_inbox_report_chart_describe_week (StewardInboxReportChart *self,
                                          guint                    index)
{
  const StewardChartWeek *week;
  g_autofree char *needed = NULL;
  g_autofree char *replied = NULL;
  g_autofree char *breached = NULL;

  g_return_val_if_fail (STEWARD_IS_INBOX_REPORT_CHART (self), NULL);
  g_return_val_if_fail (index < self->weeks->len, NULL);

  week = &g_array_index (self->weeks, StewardChartWeek, index);
  needed = g_strdup_printf (ngettext ("%u needed a reply", "%u needed a reply", week->needed), week->needed);
  replied = g_strdup_printf (ngettext ("%u replied", "%u replied", week->replied), week->replied);
  breached = g_strdup_printf (ngettext ("%u SLA breach", "%u SLA breaches", week->breached), week->breached);

  /* Translators: a chart's tooltip: "Week of Mar 3", then the three
   * figures of that week, one per line */
  return g_strdup_printf (_("Week of %s\n%s\n%s\n%s"),
                          self->labels != NULL && self->labels[index] != NULL ? self->labels[index] : "",
                          needed, replied, breached);
}
