/* steward-canned-reply-dialog.c — writing or changing a canned reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-canned-reply-dialog.h"

struct _StewardCannedReplyDialog
{
  AdwWindow       parent_instance;

  StewardContext *context;
  gint64          reply_id;

  /* Template widgets */
  AdwEntryRow    *title_row;
  GtkTextView    *text_view;
  GtkLabel       *help_label;
};

G_DEFINE_FINAL_TYPE (StewardCannedReplyDialog, steward_canned_reply_dialog, ADW_TYPE_WINDOW)

/* Helpers */

static char *
dup_text (StewardCannedReplyDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Callbacks */

static void
on_changed_cb (StewardCannedReplyDialog *self)
{
  g_autofree char *text = dup_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canned.save",
                                 !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))) &&
                                 !is_blank (text));
}

static void
steward_canned_reply_dialog_save_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  StewardCannedReplyDialog *self = STEWARD_CANNED_REPLY_DIALOG (widget);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *text = dup_text (self);
  g_autoptr(GError) error = NULL;

  if (steward_store_save_canned_reply (steward_context_get_store (self->context), self->reply_id,
                                       title, text, &error) == 0)
    {
      GtkWidget *dialog;

      g_warning ("Could not save a canned reply: %s", error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Reply"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
steward_canned_reply_dialog_dispose (GObject *object)
{
  StewardCannedReplyDialog *self = STEWARD_CANNED_REPLY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_CANNED_REPLY_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_canned_reply_dialog_parent_class)->dispose (object);
}

static void
steward_canned_reply_dialog_class_init (StewardCannedReplyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_canned_reply_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-canned-reply-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardCannedReplyDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, StewardCannedReplyDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, StewardCannedReplyDialog, help_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "canned.save", NULL,
                                   steward_canned_reply_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "canned.save", NULL);
}

static void
steward_canned_reply_dialog_init (StewardCannedReplyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->help_label,
                       _("Placeholders: {name} is the author’s name (or their handle when they have none), "
                         "{handle} their handle, {me} your name, {account} the account that answers."));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canned.save", FALSE);
}

GtkWidget *
steward_canned_reply_dialog_new (StewardContext           *context,
                                 const StewardCannedReply *reply)
{
  StewardCannedReplyDialog *self;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  self = g_object_new (STEWARD_TYPE_CANNED_REPLY_DIALOG, NULL);
  self->context = g_object_ref (context);
  if (reply != NULL)
    {
      self->reply_id = reply->id;
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), reply->title);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), reply->text, -1);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Canned Reply"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Canned Reply"));

  return GTK_WIDGET (self);
}
