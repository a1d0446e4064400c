/* steward-sla-group.c — Preferences: business hours and response times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "steward-preferences-helpers.h"
#include "steward-sla-group.h"

struct _StewardSlaGroup
{
  AdwPreferencesGroup  parent_instance;

  StewardContext      *context;
  GCancellable        *cancellable;
  GtkToggleButton     *day_buttons[7];
  gboolean             loading;
  gboolean             dirty;
  gboolean             saving;

  /* Template widgets */
  AdwEntryRow         *tz_row;
  GtkBox              *days_box;
  GtkSpinButton       *start_spin;
  GtkSpinButton       *end_spin;
  GtkSpinButton       *urgent_spin;
  GtkSpinButton       *normal_spin;
  GtkSpinButton       *due_soon_spin;
};

typedef struct {
  char             *database_path;
  StewardSlaPolicy *policy;
} SaveData;

G_DEFINE_FINAL_TYPE (StewardSlaGroup, steward_sla_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
save_data_free (SaveData *data)
{
  g_free (data->database_path);
  g_clear_pointer (&data->policy, steward_sla_policy_free);
  g_free (data);
}

static gboolean
time_zone_is_valid (const char *tz_id)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (tz_id == NULL || *tz_id == '\0')
    return TRUE;

  tz = g_time_zone_new_identifier (tz_id);
  return tz != NULL;
}

static guint
get_days (StewardSlaGroup *self)
{
  guint days = 0;

  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->day_buttons[i]))
      days |= STEWARD_SLA_MONDAY << i;

  return days;
}

static gboolean
is_valid (StewardSlaGroup *self)
{
  return time_zone_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->tz_row))) &&
         get_days (self) != 0 &&
         gtk_spin_button_get_value_as_int (self->start_spin) < gtk_spin_button_get_value_as_int (self->end_spin);
}

static void
update_actions (StewardSlaGroup *self)
{
  gboolean tz_valid = time_zone_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->tz_row)));

  if (tz_valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tz_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->tz_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.save",
                                 self->dirty && !self->saving && is_valid (self));
}

static void
set_saving (StewardSlaGroup *self,
            gboolean         saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
load_policy (StewardSlaGroup *self)
{
  g_autoptr(StewardSlaPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  guint start, end, days;

  g_assert (STEWARD_IS_SLA_GROUP (self));

  policy = steward_store_load_sla_policy (steward_context_get_store (self->context), &error);
  if (policy == NULL)
    {
      g_warning ("Could not read the business hours: %s", error->message);
      policy = steward_sla_policy_new ();
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->tz_row), steward_sla_policy_get_time_zone (policy));
  days = steward_sla_policy_get_days (policy);
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->day_buttons[i], (days & (STEWARD_SLA_MONDAY << i)) != 0);
  steward_sla_policy_get_window (policy, &start, &end);
  gtk_spin_button_set_value (self->start_spin, start);
  gtk_spin_button_set_value (self->end_spin, end);
  gtk_spin_button_set_value (self->urgent_spin, steward_sla_policy_get_target (policy, TRUE) / 60.0);
  gtk_spin_button_set_value (self->normal_spin, steward_sla_policy_get_target (policy, FALSE) / 60.0);
  gtk_spin_button_set_value (self->due_soon_spin, steward_sla_policy_get_due_soon (policy) / 60.0);
  self->loading = FALSE;

  self->dirty = FALSE;
  update_actions (self);
}

static StewardSlaPolicy *
build_policy (StewardSlaGroup *self)
{
  StewardSlaPolicy *policy = steward_sla_policy_new ();

  steward_sla_policy_set_time_zone (policy, gtk_editable_get_text (GTK_EDITABLE (self->tz_row)));
  steward_sla_policy_set_days (policy, get_days (self));
  steward_sla_policy_set_window (policy,
                                 gtk_spin_button_get_value_as_int (self->start_spin),
                                 gtk_spin_button_get_value_as_int (self->end_spin));
  steward_sla_policy_set_targets (policy,
                                  (guint) lround (gtk_spin_button_get_value (self->urgent_spin) * 60),
                                  (guint) lround (gtk_spin_button_get_value (self->normal_spin) * 60));
  steward_sla_policy_set_due_soon (policy, gtk_spin_button_get_value_as_int (self->due_soon_spin));

  return policy;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  GError *error = NULL;

  store = steward_store_open (data->database_path, &error);
  if (store == NULL || !steward_store_save_sla_policy (store, data->policy, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StewardSlaGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the business hours: %s", error->message);
      text = g_markup_printf_escaped (_("Could not save the business hours: %s"), error->message);
    }
  else
    {
      StewardStore *store = steward_context_get_store (self->context);

      /* Saved on another connection: tell the app's. */
      steward_store_notify_changed (store, "settings");
      steward_store_notify_changed (store, "inbox");
      self->dirty = FALSE;
      text = g_strdup (_("Business hours saved"));
    }

  set_saving (self, FALSE);
  steward_preferences_add_toast (GTK_WIDGET (self), text);
}

static void
steward_sla_group_save_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  StewardSlaGroup *self = STEWARD_SLA_GROUP (widget);
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  if (!is_valid (self) || self->saving)
    return;

  data = g_new0 (SaveData, 1);
  data->database_path = steward_context_dup_database_path (self->context);
  data->policy = build_policy (self);

  set_saving (self, TRUE);
  task = g_task_new (self, self->cancellable, on_save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, steward_sla_group_save_action);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_changed_cb (StewardSlaGroup *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  update_actions (self);
}

/* Minutes after midnight shown as a time of day. */
static gboolean
on_time_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  int minutes = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_time_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  char *end = NULL;
  long hours, minutes = 0;

  hours = strtol (parts[0], &end, 10);
  if (end == parts[0] || hours < 0 || hours > 24)
    return GTK_INPUT_ERROR;
  if (parts[1] != NULL)
    {
      minutes = strtol (parts[1], &end, 10);
      if (end == parts[1] || minutes < 0 || minutes > 59)
        return GTK_INPUT_ERROR;
    }

  *new_value = MIN (hours * 60 + minutes, 1440);
  return TRUE;
}

/* GObject overrides */

static void
steward_sla_group_constructed (GObject *object)
{
  StewardSlaGroup *self = STEWARD_SLA_GROUP (object);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (steward_sla_group_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  /* Translators: %s is the computer's time zone, e.g. Asia/Shanghai */
  description = g_strdup_printf (_("Response times count business hours only: with 8 hours to answer, "
                                   "a mention on Friday evening is due on Monday afternoon. "
                                   "An empty time zone is this computer’s (%s)."),
                                 g_time_zone_get_identifier (local));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);

  load_policy (self);
}

static void
steward_sla_group_dispose (GObject *object)
{
  StewardSlaGroup *self = STEWARD_SLA_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_SLA_GROUP);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_sla_group_parent_class)->dispose (object);
}

static void
steward_sla_group_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StewardSlaGroup *self = STEWARD_SLA_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_sla_group_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StewardSlaGroup *self = STEWARD_SLA_GROUP (object);

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
steward_sla_group_class_init (StewardSlaGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_sla_group_constructed;
  object_class->dispose = steward_sla_group_dispose;
  object_class->get_property = steward_sla_group_get_property;
  object_class->set_property = steward_sla_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-sla-group.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, tz_row);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, days_box);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, start_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, end_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, urgent_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, normal_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardSlaGroup, due_soon_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "sla.save", NULL, steward_sla_group_save_action);
}

static void
steward_sla_group_init (StewardSlaGroup *self)
{
  /* 2024-01-01 was a Monday: its week gives the short day names. */
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2024, 1, 1, 12, 0, 0);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (monday, i);
      g_autofree char *name = g_date_time_format (day, "%a");
      g_autofree char *full = g_date_time_format (day, "%A");
      GtkWidget *button = gtk_toggle_button_new_with_label (name);

      gtk_widget_set_tooltip_text (button, full);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->days_box, button);
      self->day_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }

  g_signal_connect (self->start_spin, "output", G_CALLBACK (on_time_output_cb), NULL);
  g_signal_connect (self->start_spin, "input", G_CALLBACK (on_time_input_cb), NULL);
  g_signal_connect (self->end_spin, "output", G_CALLBACK (on_time_output_cb), NULL);
  g_signal_connect (self->end_spin, "input", G_CALLBACK (on_time_input_cb), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sla.save", FALSE);
}

GtkWidget *
steward_sla_group_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_SLA_GROUP,
                       "context", context,
                       NULL);
}

gboolean
steward_sla_group_get_saving (StewardSlaGroup *self)
{
  g_return_val_if_fail (STEWARD_IS_SLA_GROUP (self), FALSE);

  return self->saving;
}
