/* steward-inbox-page.c — the Inbox tab: every mention and direct message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <glib/gi18n.h>

#include "steward-inbox-page.h"
#include "steward-inbox-row.h"

struct _StewardInboxPage
{
  AdwBin             parent_instance;

  StewardContext    *context;
  StewardInboxModel *model;

  /* Template widgets */
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListView       *list_view;

  guint              scroll_to_top_id;
};

G_DEFINE_FINAL_TYPE (StewardInboxPage, steward_inbox_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_stack (StewardInboxPage *self)
{
  guint n_items = 0;

  g_assert (STEWARD_IS_INBOX_PAGE (self));

  if (self->model != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");
}

static gboolean
scroll_to_top_cb (gpointer data)
{
  StewardInboxPage *self = data;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  self->scroll_to_top_id = 0;
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  return G_SOURCE_REMOVE;
}

static void
on_model_items_changed_cb (StewardInboxPage *self,
                           guint             position,
                           guint             removed,
                           guint             added,
                           GListModel       *model)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  update_stack (self);

  /* The list view keeps its top row in place when items are inserted above
   * it. Someone watching the top of the inbox wants to see what arrives,
   * so follow the new items there, once the list has been laid out
   * (hence after the redraw). Someone scrolled down keeps their place. */
  if (position == 0 && added > removed &&
      gtk_adjustment_get_value (vadjustment) <= gtk_adjustment_get_lower (vadjustment) + 1.0 &&
      self->scroll_to_top_id == 0)
    self->scroll_to_top_id = g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, self, NULL);
}

static void
steward_inbox_page_dispose (GObject *object)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

  /* AdwBin still points at its child: let it drop the child first, or
   * disposing the template would leave it a dangling pointer. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_handle_id (&self->scroll_to_top_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_INBOX_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_inbox_page_parent_class)->dispose (object);
}

static void
steward_inbox_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

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
steward_inbox_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StewardInboxPage *self = STEWARD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_inbox_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_page_class_init (StewardInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_inbox_page_dispose;
  object_class->get_property = steward_inbox_page_get_property;
  object_class->set_property = steward_inbox_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (STEWARD_TYPE_INBOX_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxPage, scrolled_window);
}

static void
steward_inbox_page_init (StewardInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_stack (self);
}

StewardContext *
steward_inbox_page_get_context (StewardInboxPage *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), NULL);

  return self->context;
}

void
steward_inbox_page_set_context (StewardInboxPage *self,
                                StewardContext   *context)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (STEWARD_IS_INBOX_PAGE (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  /* The list view asks only for the rows it shows; the model reads them a
   * page at a time from SQLite. Nothing here may walk the whole model. */
  if (context != NULL)
    {
      self->model = steward_inbox_model_new (steward_context_get_store (context));
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

GListModel *
steward_inbox_page_get_model (StewardInboxPage *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_PAGE (self), NULL);

  return self->model != NULL ? G_LIST_MODEL (self->model) : NULL;
}
