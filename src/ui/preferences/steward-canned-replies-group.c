/* steward-canned-replies-group.c — Preferences: canned replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-canned-replies-group.h"
#include "steward-canned-reply-dialog.h"
#include "steward-preferences-helpers.h"

struct _StewardCannedRepliesGroup
{
  AdwPreferencesGroup  parent_instance;

  StewardContext      *context;
  GPtrArray           *replies;  /* StewardCannedReply */

  /* Template widgets */
  GtkListBox          *replies_list;
};

G_DEFINE_FINAL_TYPE (StewardCannedRepliesGroup, steward_canned_replies_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const StewardCannedReply *
find_reply (StewardCannedRepliesGroup *self,
            gint64                     id)
{
  for (guint i = 0; self->replies != NULL && i < self->replies->len; i++)
    {
      const StewardCannedReply *reply = g_ptr_array_index (self->replies, i);

      if (reply->id == id)
        return reply;
    }

  return NULL;
}

static GtkWidget *
create_row (const StewardCannedReply *reply)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *one_line = g_strdup (reply->text);

  g_strdelimit (one_line, "\n\r\t", ' ');
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reply->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), one_line);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "canned.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", reply->id);

  button = steward_preferences_remove_button_new (_("Remove Reply"), "canned.remove",
                                                  g_variant_new_int64 (reply->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static void
refresh (StewardCannedRepliesGroup *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (STEWARD_IS_CANNED_REPLIES_GROUP (self));

  g_clear_pointer (&self->replies, g_ptr_array_unref);
  steward_preferences_clear_list (self->replies_list);

  self->replies = steward_store_list_canned_replies (steward_context_get_store (self->context), &error);
  if (self->replies == NULL)
    {
      g_warning ("Could not list canned replies: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->replies->len; i++)
    gtk_list_box_append (self->replies_list, create_row (g_ptr_array_index (self->replies, i)));
}

static void
present_dialog (StewardCannedRepliesGroup *self,
                const StewardCannedReply  *reply)
{
  steward_preferences_present_dialog (GTK_WIDGET (self),
                                      steward_canned_reply_dialog_new (self->context, reply));
}

/* Callbacks */

static void
steward_canned_replies_group_add_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  present_dialog (STEWARD_CANNED_REPLIES_GROUP (widget), NULL);
}

static void
steward_canned_replies_group_edit_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (widget);
  const StewardCannedReply *reply = find_reply (self, g_variant_get_int64 (param));

  if (reply != NULL)
    present_dialog (self, reply);
}

static void
steward_canned_replies_group_remove_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (widget);
  g_autoptr(GError) error = NULL;

  if (!steward_store_remove_canned_reply (steward_context_get_store (self->context),
                                          g_variant_get_int64 (param), &error))
    g_warning ("Could not remove a canned reply: %s", error->message);
}

/* GObject overrides */

static void
steward_canned_replies_group_constructed (GObject *object)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (object);

  G_OBJECT_CLASS (steward_canned_replies_group_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  steward_preferences_refresh_on_change (GTK_WIDGET (self), self->context, "settings",
                                         G_CALLBACK (refresh));
  refresh (self);
}

static void
steward_canned_replies_group_dispose (GObject *object)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_CANNED_REPLIES_GROUP);
  g_clear_pointer (&self->replies, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_canned_replies_group_parent_class)->dispose (object);
}

static void
steward_canned_replies_group_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (object);

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
steward_canned_replies_group_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  StewardCannedRepliesGroup *self = STEWARD_CANNED_REPLIES_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_canned_replies_group_class_init (StewardCannedRepliesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_canned_replies_group_constructed;
  object_class->dispose = steward_canned_replies_group_dispose;
  object_class->get_property = steward_canned_replies_group_get_property;
  object_class->set_property = steward_canned_replies_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-canned-replies-group.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardCannedRepliesGroup, replies_list);

  gtk_widget_class_install_action (widget_class, "canned.add", NULL,
                                   steward_canned_replies_group_add_action);
  gtk_widget_class_install_action (widget_class, "canned.edit", "x",
                                   steward_canned_replies_group_edit_action);
  gtk_widget_class_install_action (widget_class, "canned.remove", "x",
                                   steward_canned_replies_group_remove_action);
}

static void
steward_canned_replies_group_init (StewardCannedRepliesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
steward_canned_replies_group_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_CANNED_REPLIES_GROUP,
                       "context", context,
                       NULL);
}
