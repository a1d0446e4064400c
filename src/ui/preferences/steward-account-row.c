/* steward-account-row.c — one account in Preferences, with its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-account-row.h"

struct _StewardAccountRow
{
  AdwActionRow    parent_instance;

  StewardAccount *account;

  /* Template widgets */
  AdwAvatar      *avatar;
  GtkWidget      *demo_pill;
  GtkWidget      *sign_in_button;
  GtkWidget      *remove_button;
};

G_DEFINE_FINAL_TYPE (StewardAccountRow, steward_account_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (StewardAccountRow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;
  const char *display_name;
  const char *state;
  gboolean needs_sign_in;
  gboolean is_demo;
  GVariant *target;

  g_assert (STEWARD_IS_ACCOUNT_ROW (self));
  g_assert (STEWARD_IS_ACCOUNT (self->account));

  is_demo = steward_account_get_is_demo (self->account);
  needs_sign_in = steward_account_get_state (self->account) == STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN;
  label = steward_account_dup_label (self->account);
  display_name = steward_account_get_display_name (self->account);
  if (display_name == NULL || *display_name == '\0')
    display_name = label;

  if (needs_sign_in)
    state = _("Needs sign-in again");
  else
    /* Translators: an account's state: it works */
    state = C_("account state", "Signed in");

  if (is_demo)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Demo Workspace"));
      subtitle = g_strdup (_("A sample community on a server built into Steward"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), display_name);
      /* Translators: an account's subtitle: its address, then its state */
      subtitle = g_strdup_printf (_("%s · %s"), label, state);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_avatar_set_text (self->avatar, is_demo ? _("Demo") : display_name);

  gtk_widget_set_visible (self->demo_pill, is_demo);
  gtk_widget_set_visible (self->sign_in_button, needs_sign_in && !is_demo);
  if (needs_sign_in)
    gtk_widget_add_css_class (GTK_WIDGET (self), "needs-sign-in");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "needs-sign-in");

  target = g_variant_new_int64 (steward_account_get_id (self->account));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->sign_in_button), target);
}

static void
on_account_notify_cb (StewardAccountRow *self,
                      GParamSpec        *pspec,
                      StewardAccount    *account)
{
  update (self);
}

static void
steward_account_row_constructed (GObject *object)
{
  StewardAccountRow *self = STEWARD_ACCOUNT_ROW (object);

  G_OBJECT_CLASS (steward_account_row_parent_class)->constructed (object);

  g_signal_connect_object (self->account, "notify::state",
                           G_CALLBACK (on_account_notify_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
steward_account_row_dispose (GObject *object)
{
  StewardAccountRow *self = STEWARD_ACCOUNT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_ACCOUNT_ROW);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (steward_account_row_parent_class)->dispose (object);
}

static void
steward_account_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StewardAccountRow *self = STEWARD_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_account_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StewardAccountRow *self = STEWARD_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_account_row_class_init (StewardAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_account_row_constructed;
  object_class->dispose = steward_account_row_dispose;
  object_class->get_property = steward_account_row_get_property;
  object_class->set_property = steward_account_row_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         STEWARD_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardAccountRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, StewardAccountRow, demo_pill);
  gtk_widget_class_bind_template_child (widget_class, StewardAccountRow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, StewardAccountRow, remove_button);
}

static void
steward_account_row_init (StewardAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
steward_account_row_new (StewardAccount *account)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), NULL);

  return g_object_new (STEWARD_TYPE_ACCOUNT_ROW,
                       "account", account,
                       NULL);
}

StewardAccount *
steward_account_row_get_account (StewardAccountRow *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}
