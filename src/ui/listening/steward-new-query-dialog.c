/* steward-new-query-dialog.c — save a new listening query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The query is checked as it is typed: the parser's message (which names
 * the position of the mistake) shows under the entries and the Add button
 * stays insensitive until the query parses and a name is given.
 */
#define G_LOG_DOMAIN "steward-listening"

#include <glib/gi18n.h>

#include "steward-new-query-dialog.h"

struct _StewardNewQueryDialog
{
  AdwWindow     parent_instance;

  StewardStore *store;
  char         *error_message;
  const char   *colour;

  /* Template widgets */
  GtkButton    *add_button;
  AdwEntryRow  *name_row;
  AdwEntryRow  *query_row;
  GtkLabel     *error_label;
  GtkBox       *colour_box;
};

G_DEFINE_FINAL_TYPE (StewardNewQueryDialog, steward_new_query_dialog, ADW_TYPE_WINDOW)

enum {
  QUERY_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A few colours of the GNOME palette (the "3" shades). */
static const struct {
  const char *colour;
  const char *name;
} palette[] = {
  { "#3584e4", N_("Blue") },
  { "#33d17a", N_("Green") },
  { "#f6d32d", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
};

static void
set_error_message (StewardNewQueryDialog *self,
                   const char            *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->query_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->query_row), "error");
}

static void
validate (StewardNewQueryDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->query_row));
  g_auto(GStrv) hashtags = NULL;
  g_auto(GStrv) terms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped_name = g_strstrip (g_strdup (name));
  gboolean valid = FALSE;

  g_assert (STEWARD_IS_NEW_QUERY_DIALOG (self));

  if (query[0] == '\0')
    set_error_message (self, NULL);
  else if (!steward_listening_query_get_terms (query, &hashtags, &terms, &error))
    set_error_message (self, error->message);
  else
    {
      set_error_message (self, NULL);
      valid = TRUE;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            valid && stripped_name[0] != '\0');
}

static void
on_entry_changed_cb (StewardNewQueryDialog *self)
{
  validate (self);
}

static void
on_colour_toggled_cb (GtkToggleButton       *button,
                      StewardNewQueryDialog *self)
{
  if (gtk_toggle_button_get_active (button))
    self->colour = g_object_get_data (G_OBJECT (button), "colour");
}

static void
on_add_button_clicked_cb (StewardNewQueryDialog *self)
{
  steward_new_query_dialog_add (self);
}

static void
steward_new_query_dialog_dispose (GObject *object)
{
  StewardNewQueryDialog *self = STEWARD_NEW_QUERY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_NEW_QUERY_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (steward_new_query_dialog_parent_class)->dispose (object);
}

static void
steward_new_query_dialog_class_init (StewardNewQueryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_new_query_dialog_dispose;

  signals[QUERY_ADDED] =
    g_signal_new ("query-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/listening/steward-new-query-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardNewQueryDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, StewardNewQueryDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StewardNewQueryDialog, query_row);
  gtk_widget_class_bind_template_child (widget_class, StewardNewQueryDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, StewardNewQueryDialog, colour_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
steward_new_query_dialog_init (StewardNewQueryDialog *self)
{
  GtkToggleButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *dot = gtk_label_new (NULL);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\" size=\"x-large\">●</span>",
                                                 palette[i].colour);

      gtk_label_set_markup (GTK_LABEL (dot), markup);
      gtk_button_set_child (GTK_BUTTON (button), dot);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _(palette[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(palette[i].name), -1);
      g_object_set_data (G_OBJECT (button), "colour", (gpointer) palette[i].colour);
      g_signal_connect (button, "toggled", G_CALLBACK (on_colour_toggled_cb), self);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (self->colour_box, button);
    }
  gtk_toggle_button_set_active (group, TRUE);
}

GtkWidget *
steward_new_query_dialog_new (StewardStore *store)
{
  StewardNewQueryDialog *self;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);

  self = g_object_new (STEWARD_TYPE_NEW_QUERY_DIALOG, NULL);
  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

void
steward_new_query_dialog_set_name (StewardNewQueryDialog *self,
                                   const char            *name)
{
  g_return_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
steward_new_query_dialog_set_query (StewardNewQueryDialog *self,
                                    const char            *query)
{
  g_return_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->query_row), query != NULL ? query : "");
}

const char *
steward_new_query_dialog_get_error (StewardNewQueryDialog *self)
{
  g_return_val_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self), NULL);

  return self->error_message;
}

const char *
steward_new_query_dialog_get_colour (StewardNewQueryDialog *self)
{
  g_return_val_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self), NULL);

  return self->colour;
}

gboolean
steward_new_query_dialog_get_can_add (StewardNewQueryDialog *self)
{
  g_return_val_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->add_button));
}

gboolean
steward_new_query_dialog_add (StewardNewQueryDialog *self)
{
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STEWARD_IS_NEW_QUERY_DIALOG (self), FALSE);

  if (!steward_new_query_dialog_get_can_add (self))
    return FALSE;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  query = steward_store_add_listening_query (self->store, name,
                                             gtk_editable_get_text (GTK_EDITABLE (self->query_row)),
                                             self->colour, &error);
  if (query == NULL)
    {
      /* A name in use, or the store refused it: say so where we are. */
      set_error_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[QUERY_ADDED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}
