/* steward-team-group.c — Preferences: who I am and the team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-preferences-helpers.h"
#include "steward-team-group.h"

struct _StewardTeamGroup
{
  AdwPreferencesGroup  parent_instance;

  StewardContext      *context;
  /* the member rows, before add_row */
  GPtrArray           *member_rows;

  /* Template widgets */
  AdwEntryRow         *me_row;
  GtkListBox          *members_list;
  AdwEntryRow         *add_row;
};

G_DEFINE_FINAL_TYPE (StewardTeamGroup, steward_team_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static StewardStore *
get_store (StewardTeamGroup *self)
{
  return steward_context_get_store (self->context);
}

static GtkWidget *
create_member_row (const char *name,
                   gboolean    is_me)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *tooltip = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (is_me)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("You"));

  /* Translators: %s is a team member's name */
  tooltip = g_strdup_printf (_("Remove %s"), name);
  button = steward_preferences_remove_button_new (tooltip, "team.remove", g_variant_new_string (name));
  /* You stay on the team: remove yourself by being someone else. */
  gtk_widget_set_visible (button, !is_me);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
refresh (StewardTeamGroup *self)
{
  g_auto(GStrv) team = NULL;
  g_autofree char *me = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (STEWARD_IS_TEAM_GROUP (self));

  me = steward_store_dup_me (get_store (self));
  /* Not while someone is typing a new name. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->me_row)) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->me_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->me_row), me != NULL ? me : "");

  for (guint i = 0; i < self->member_rows->len; i++)
    gtk_list_box_remove (self->members_list, g_ptr_array_index (self->member_rows, i));
  g_ptr_array_set_size (self->member_rows, 0);

  team = steward_store_list_team (get_store (self), &error);
  if (team == NULL)
    {
      g_warning ("Could not list the team: %s", error->message);
      return;
    }

  for (guint i = 0; team[i] != NULL; i++)
    {
      GtkWidget *row = create_member_row (team[i], g_strcmp0 (team[i], me) == 0);

      gtk_list_box_insert (self->members_list, row, i);
      g_ptr_array_add (self->member_rows, row);
    }
}

/* Callbacks */

static void
on_me_row_apply_cb (StewardTeamGroup *self,
                    AdwEntryRow      *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    {
      refresh (self);
      return;
    }

  if (!steward_store_set_me (get_store (self), name, &error))
    steward_preferences_show_error (GTK_WIDGET (self), _("Could not change your name"), error);
}

static void
on_add_row_apply_cb (StewardTeamGroup *self,
                     AdwEntryRow      *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (*name == '\0')
    return;

  if (!steward_store_add_team_member (get_store (self), name, &error))
    steward_preferences_show_error (GTK_WIDGET (self), _("Could not add the team member"), error);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
steward_team_group_remove_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  StewardTeamGroup *self = STEWARD_TEAM_GROUP (widget);
  g_autoptr(GError) error = NULL;

  if (!steward_store_remove_team_member (get_store (self), g_variant_get_string (param, NULL), &error))
    steward_preferences_show_error (GTK_WIDGET (self), _("Could not remove the team member"), error);
}

/* GObject overrides */

static void
steward_team_group_constructed (GObject *object)
{
  StewardTeamGroup *self = STEWARD_TEAM_GROUP (object);

  G_OBJECT_CLASS (steward_team_group_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  steward_preferences_refresh_on_change (GTK_WIDGET (self), self->context, "settings",
                                         G_CALLBACK (refresh));
  refresh (self);
}

static void
steward_team_group_dispose (GObject *object)
{
  StewardTeamGroup *self = STEWARD_TEAM_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_TEAM_GROUP);
  g_clear_pointer (&self->member_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_team_group_parent_class)->dispose (object);
}

static void
steward_team_group_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StewardTeamGroup *self = STEWARD_TEAM_GROUP (object);

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
steward_team_group_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StewardTeamGroup *self = STEWARD_TEAM_GROUP (object);

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
steward_team_group_class_init (StewardTeamGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_team_group_constructed;
  object_class->dispose = steward_team_group_dispose;
  object_class->get_property = steward_team_group_get_property;
  object_class->set_property = steward_team_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-team-group.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardTeamGroup, me_row);
  gtk_widget_class_bind_template_child (widget_class, StewardTeamGroup, members_list);
  gtk_widget_class_bind_template_child (widget_class, StewardTeamGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_me_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_row_apply_cb);

  gtk_widget_class_install_action (widget_class, "team.remove", "s",
                                   steward_team_group_remove_action);
}

static void
steward_team_group_init (StewardTeamGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->member_rows = g_ptr_array_new ();
}

GtkWidget *
steward_team_group_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_TEAM_GROUP,
                       "context", context,
                       NULL);
}
