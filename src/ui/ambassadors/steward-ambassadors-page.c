/* steward-ambassadors-page.c — the Ambassadors tab (an honest empty state for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-ambassadors"

#include <glib/gi18n.h>

#include "steward-ambassadors-page.h"

struct _StewardAmbassadorsPage
{
  AdwBin          parent_instance;

  StewardContext *context;
};

G_DEFINE_FINAL_TYPE (StewardAmbassadorsPage, steward_ambassadors_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_ambassadors_page_dispose (GObject *object)
{
  StewardAmbassadorsPage *self = STEWARD_AMBASSADORS_PAGE (object);

  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_AMBASSADORS_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_ambassadors_page_parent_class)->dispose (object);
}

static void
steward_ambassadors_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  StewardAmbassadorsPage *self = STEWARD_AMBASSADORS_PAGE (object);

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
steward_ambassadors_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  StewardAmbassadorsPage *self = STEWARD_AMBASSADORS_PAGE (object);

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
steward_ambassadors_page_class_init (StewardAmbassadorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_ambassadors_page_dispose;
  object_class->get_property = steward_ambassadors_page_get_property;
  object_class->set_property = steward_ambassadors_page_set_property;

  /* The workspace this tab will read; unused until the tab's own issue. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/ambassadors/steward-ambassadors-page.ui");
}

static void
steward_ambassadors_page_init (StewardAmbassadorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

StewardContext *
steward_ambassadors_page_get_context (StewardAmbassadorsPage *self)
{
  g_return_val_if_fail (STEWARD_IS_AMBASSADORS_PAGE (self), NULL);

  return self->context;
}
