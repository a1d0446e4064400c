/* steward-chart.c — what the bar charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-chart"

#include "steward-chart.h"

typedef struct {
  guint n_slots;
  int   hover_index;
} StewardChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (StewardChart, steward_chart, GTK_TYPE_WIDGET)

/* Helpers */

static int
slot_at (StewardChart *self,
         double        x)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  int index;

  if (priv->n_slots == 0 || width <= 0 || x < 0)
    return -1;

  index = (int) (x / (width / priv->n_slots));
  return index < (int) priv->n_slots ? index : -1;
}

static void
set_hover_index (StewardChart *self,
                 int           index)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);

  if (priv->hover_index == index)
    return;

  priv->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Callbacks */

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              StewardChart             *self)
{
  set_hover_index (self, slot_at (self, x));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             StewardChart             *self)
{
  set_hover_index (self, -1);
}

/* GtkWidget overrides */

static gboolean
steward_chart_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  StewardChart *self = STEWARD_CHART (widget);
  g_autofree char *text = NULL;
  int index = slot_at (self, x);

  if (index < 0)
    return FALSE;

  text = STEWARD_CHART_GET_CLASS (self)->describe_slot (self, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
steward_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  StewardChartClass *klass = STEWARD_CHART_GET_CLASS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = klass->min_width;
      *natural = klass->natural_width;
    }
  else
    {
      *minimum = klass->min_height;
      *natural = klass->natural_height;
    }
}

static void
steward_chart_class_init (StewardChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = steward_chart_measure;
  widget_class->query_tooltip = steward_chart_query_tooltip;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
steward_chart_init (StewardChart *self)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  priv->hover_index = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/* Public API */

void
steward_chart_set_n_slots (StewardChart *self,
                           guint         n_slots)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);

  g_return_if_fail (STEWARD_IS_CHART (self));

  priv->n_slots = n_slots;
  priv->hover_index = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
steward_chart_get_n_slots (StewardChart *self)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);

  g_return_val_if_fail (STEWARD_IS_CHART (self), 0);

  return priv->n_slots;
}

int
steward_chart_get_hover_index (StewardChart *self)
{
  StewardChartPrivate *priv = steward_chart_get_instance_private (self);

  g_return_val_if_fail (STEWARD_IS_CHART (self), -1);

  return priv->hover_index;
}

void
steward_chart_get_colours (StewardChart *self,
                           GdkRGBA      *fg,
                           GdkRGBA      *dim,
                           GdkRGBA      *grid)
{
  g_return_if_fail (STEWARD_IS_CHART (self));

  /* gtk_widget_get_color () is GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  *dim = *fg;
  dim->alpha *= 0.55;
  *grid = *fg;
  grid->alpha *= 0.12;
}

void
steward_chart_append_text (StewardChart  *self,
                           GtkSnapshot   *snapshot,
                           const char    *text,
                           double         x,
                           double         y,
                           double         align,
                           const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width, height;

  g_return_if_fail (STEWARD_IS_CHART (self));
  g_return_if_fail (text != NULL);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - width * align, y));
  gtk_snapshot_append_layout (snapshot, layout, colour);
  gtk_snapshot_restore (snapshot);
}

void
steward_chart_append_hover (GtkSnapshot   *snapshot,
                            const GdkRGBA *fg,
                            double         x,
                            double         width,
                            double         height)
{
  GdkRGBA hover = *fg;

  hover.alpha = 0.08;
  gtk_snapshot_append_color (snapshot, &hover, &GRAPHENE_RECT_INIT (x, 0, width, height));
}

void
steward_chart_append_marker (GtkSnapshot   *snapshot,
                             const GdkRGBA *colour,
                             double         centre,
                             double         tip,
                             double         height)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (centre - 6, tip - height - 1, 12, height + 1));

  gdk_cairo_set_source_rgba (cr, colour);
  cairo_move_to (cr, centre - 5, tip - height);
  cairo_line_to (cr, centre + 5, tip - height);
  cairo_line_to (cr, centre, tip);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}
