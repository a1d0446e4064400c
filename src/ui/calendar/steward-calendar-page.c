/* steward-calendar-page.c — the Calendar tab (an honest empty state for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-calendar"

#include <glib/gi18n.h>

#include "steward-calendar-page.h"

struct _StewardCalendarPage
{
  AdwBin          parent_instance;

  StewardContext *context;
};

G_DEFINE_FINAL_TYPE (StewardCalendarPage, steward_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_calendar_page_dispose (GObject *object)
{
  StewardCalendarPage *self = STEWARD_CALENDAR_PAGE (object);

  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_calendar_page_parent_class)->dispose (object);
}

static void
steward_calendar_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StewardCalendarPage *self = STEWARD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_calendar_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StewardCalendarPage *self = STEWARD_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      if (g_set_object (&self->context, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_calendar_page_class_init (StewardCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_calendar_page_dispose;
  object_class->get_property = steward_calendar_page_get_property;
  object_class->set_property = steward_calendar_page_set_property;

  /* The workspace this tab will read; unused until the tab's own issue. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/calendar/steward-calendar-page.ui");
}

static void
steward_calendar_page_init (StewardCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StewardContext *
steward_calendar_page_get_context (StewardCalendarPage *self)
{
  g_return_val_if_fail (STEWARD_IS_CALENDAR_PAGE (self), NULL);

  return self->context;
}
