/* steward-chart.h — what the bar charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inbox report's weekly chart and the Listening volume chart lay out
 * equal slots (weeks, buckets) across their width. StewardChart tracks the
 * slot under the pointer, asks the subclass for its tooltip, and draws
 * what both draw alike: the theme's foreground at a few strengths, the
 * highlight of the hovered slot, small labels, and a triangle pointing
 * down at a slot.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_CHART (steward_chart_get_type ())
G_DECLARE_DERIVABLE_TYPE (StewardChart, steward_chart, STEWARD, CHART, GtkWidget)

struct _StewardChartClass
{
  GtkWidgetClass parent_class;

  /* The chart's minimum and natural sizes, whatever the other side. */
  int            min_width;
  int            natural_width;
  int            min_height;
  int            natural_height;

  /* The tooltip of slot @index, translated. */
  char *(*describe_slot) (StewardChart *self,
                          guint         index);
};

/* Forgets the hovered slot and redraws. */
void  steward_chart_set_n_slots     (StewardChart  *self,
                                     guint          n_slots);
guint steward_chart_get_n_slots     (StewardChart  *self);
/* The slot under the pointer, or -1. */
int   steward_chart_get_hover_index (StewardChart  *self);

/* The foreground colour, and its dimmed (labels) and faint (grid) forms. */
void  steward_chart_get_colours     (StewardChart  *self,
                                     GdkRGBA       *fg,
                                     GdkRGBA       *dim,
                                     GdkRGBA       *grid);
/* @align: 0 puts @text's left edge at @x, 0.5 its centre, 1 its right. */
void  steward_chart_append_text     (StewardChart  *self,
                                     GtkSnapshot   *snapshot,
                                     const char    *text,
                                     double         x,
                                     double         y,
                                     double         align,
                                     const GdkRGBA *colour);
/* The highlight of the hovered slot, from the top down to @height. */
void  steward_chart_append_hover    (GtkSnapshot   *snapshot,
                                     const GdkRGBA *fg,
                                     double         x,
                                     double         width,
                                     double         height);
/* A triangle @height tall and 10 wide pointing down at (@centre, @tip). */
void  steward_chart_append_marker   (GtkSnapshot   *snapshot,
                                     const GdkRGBA *colour,
                                     double         centre,
                                     double         tip,
                                     double         height);

G_END_DECLS
