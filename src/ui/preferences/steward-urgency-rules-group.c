/* steward-urgency-rules-group.c — Preferences: the urgency rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-preferences-helpers.h"
#include "steward-urgency-rule-dialog.h"
#include "steward-urgency-rules-group.h"

struct _StewardUrgencyRulesGroup
{
  AdwPreferencesGroup  parent_instance;

  StewardContext      *context;
  GCancellable        *cancellable;
  GPtrArray           *rules;        /* StewardUrgencyRule, as stored */
  GPtrArray           *count_labels; /* GtkLabel per rule */
  gboolean             refreshing;

  /* Template widgets */
  GtkListBox          *rules_list;
};

typedef struct {
  char   *database_path;
  GStrv   names;
  GStrv   definitions;
  gint64  now;
  guint  *counts;
} CountData;

G_DEFINE_FINAL_TYPE (StewardUrgencyRulesGroup, steward_urgency_rules_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
count_data_free (CountData *data)
{
  g_free (data->database_path);
  g_strfreev (data->names);
  g_strfreev (data->definitions);
  g_free (data->counts);
  g_free (data);
}

static void
save_rules (StewardUrgencyRulesGroup *self)
{
  g_autoptr(GError) error = NULL;

  /* Quick, and on the app's connection so the Inbox hears of it. */
  if (!steward_store_save_urgency_rules (steward_context_get_store (self->context), self->rules, &error))
    steward_preferences_show_error (GTK_WIDGET (self), _("Could not save the urgency rules"), error);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CountData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  GError *error = NULL;
  guint n_any = 0;

  for (guint i = 0; data->names[i] != NULL; i++)
    {
      StewardUrgencyRule *rule = steward_urgency_rule_new_from_json (data->names[i], data->definitions[i], &error);

      if (rule == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (rules, rule);
    }

  data->counts = g_new0 (guint, MAX (rules->len, 1));
  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      !steward_store_dry_run_urgency_rules (store, rules, data->now, data->counts, &n_any, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_count_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StewardUrgencyRulesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  CountData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the matches of the urgency rules: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->count_labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (self->count_labels, i);
      g_autofree char *count = g_strdup_printf ("%u", data->counts[i]);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("Matched %u item in the last 30 days",
                                                            "Matched %u items in the last 30 days",
                                                            data->counts[i]),
                                                  data->counts[i]);

      gtk_label_set_label (label, count);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
    }
}

/* How many items each rule matched lately, in a worker thread. */
static void
count_matches (StewardUrgencyRulesGroup *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) definitions = g_strv_builder_new ();
  g_autoptr(GTask) task = NULL;
  CountData *data;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->rules == NULL || self->rules->len == 0)
    return;

  for (guint i = 0; i < self->rules->len; i++)
    {
      StewardUrgencyRule *rule = g_ptr_array_index (self->rules, i);
      g_autofree char *json = steward_urgency_rule_to_json (rule);

      g_strv_builder_add (names, steward_urgency_rule_get_name (rule));
      g_strv_builder_add (definitions, json);
    }

  data = g_new0 (CountData, 1);
  data->database_path = steward_context_dup_database_path (self->context);
  data->names = g_strv_builder_end (names);
  data->definitions = g_strv_builder_end (definitions);
  data->now = g_get_real_time () / G_USEC_PER_SEC;

  task = g_task_new (self, self->cancellable, on_count_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, count_matches);
  g_task_set_task_data (task, data, (GDestroyNotify) count_data_free);
  g_task_run_in_thread (task, count_thread);
}

static void
on_switch_active_cb (GtkSwitch                *toggle,
                     GParamSpec               *pspec,
                     StewardUrgencyRulesGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "rule-index"));

  if (self->refreshing || index >= self->rules->len)
    return;

  steward_urgency_rule_set_enabled (g_ptr_array_index (self->rules, index), gtk_switch_get_active (toggle));
  save_rules (self);
}

static GtkWidget *
create_row (StewardUrgencyRulesGroup *self,
            StewardUrgencyRule       *rule,
            guint                     index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count = gtk_label_new ("");
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *button;
  g_autofree char *description = steward_urgency_rule_describe (rule);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), steward_urgency_rule_get_name (rule));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "rules.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", index);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  g_ptr_array_add (self->count_labels, count);

  button = steward_preferences_remove_button_new (_("Remove Rule"), "rules.remove",
                                                  g_variant_new_uint32 (index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Use this rule"));
  gtk_switch_set_active (GTK_SWITCH (toggle), steward_urgency_rule_get_enabled (rule));
  g_object_set_data (G_OBJECT (toggle), "rule-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_switch_active_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  return row;
}

static void
refresh (StewardUrgencyRulesGroup *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (STEWARD_IS_URGENCY_RULES_GROUP (self));

  self->refreshing = TRUE;
  g_ptr_array_set_size (self->count_labels, 0);
  steward_preferences_clear_list (self->rules_list);

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->rules = steward_store_list_urgency_rules (steward_context_get_store (self->context), &error);
  if (self->rules == NULL)
    {
      g_warning ("Could not list the urgency rules: %s", error->message);
      self->rules = g_ptr_array_new_with_free_func (g_object_unref);
    }

  for (guint i = 0; i < self->rules->len; i++)
    gtk_list_box_append (self->rules_list, create_row (self, g_ptr_array_index (self->rules, i), i));
  self->refreshing = FALSE;

  count_matches (self);
}

/* Callbacks */

static void
on_dialog_save_cb (StewardUrgencyRuleDialog *dialog,
                   StewardUrgencyRule       *rule,
                   StewardUrgencyRulesGroup *self)
{
  gpointer index_data = g_object_get_data (G_OBJECT (dialog), "rule-index");

  /* The index is stored plus one: 0 means a new rule. */
  if (index_data != NULL && GPOINTER_TO_UINT (index_data) - 1 < self->rules->len)
    {
      guint index = GPOINTER_TO_UINT (index_data) - 1;

      g_clear_object (&g_ptr_array_index (self->rules, index));
      g_ptr_array_index (self->rules, index) = g_object_ref (rule);
    }
  else
    g_ptr_array_add (self->rules, g_object_ref (rule));

  save_rules (self);
}

static void
present_dialog (StewardUrgencyRulesGroup *self,
                StewardUrgencyRule       *rule,
                guint                     index)
{
  GtkWidget *dialog = steward_urgency_rule_dialog_new (self->context, rule);

  g_object_set_data (G_OBJECT (dialog), "rule-index", GUINT_TO_POINTER (rule != NULL ? index + 1 : 0));
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save_cb), self, 0);
  steward_preferences_present_dialog (GTK_WIDGET (self), dialog);
}

static void
steward_urgency_rules_group_add_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  present_dialog (STEWARD_URGENCY_RULES_GROUP (widget), NULL, 0);
}

static void
steward_urgency_rules_group_edit_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (widget);
  guint index = g_variant_get_uint32 (param);

  if (index < self->rules->len)
    present_dialog (self, g_ptr_array_index (self->rules, index), index);
}

static void
on_remove_response_cb (AdwMessageDialog         *dialog,
                       const char               *response,
                       StewardUrgencyRulesGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "rule-index"));

  if (g_strcmp0 (response, "remove") != 0 || index >= self->rules->len)
    return;

  g_ptr_array_remove_index (self->rules, index);
  save_rules (self);
}

static void
steward_urgency_rules_group_remove_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (widget);
  guint index = g_variant_get_uint32 (param);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (index >= self->rules->len)
    return;

  /* Translators: %s is the name of an urgency rule */
  heading = g_strdup_printf (_("Remove “%s”?"),
                             steward_urgency_rule_get_name (g_ptr_array_index (self->rules, index)));
  dialog = steward_preferences_remove_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                  _("Items already marked urgent stay urgent; new items are no longer checked against it."));
  g_object_set_data (G_OBJECT (dialog), "rule-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject overrides */

static void
steward_urgency_rules_group_constructed (GObject *object)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (object);

  G_OBJECT_CLASS (steward_urgency_rules_group_parent_class)->constructed (object);

  g_assert (STEWARD_IS_CONTEXT (self->context));

  steward_preferences_refresh_on_change (GTK_WIDGET (self), self->context, "settings",
                                         G_CALLBACK (refresh));
  refresh (self);
}

static void
steward_urgency_rules_group_dispose (GObject *object)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_URGENCY_RULES_GROUP);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->count_labels, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_urgency_rules_group_parent_class)->dispose (object);
}

static void
steward_urgency_rules_group_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (object);

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
steward_urgency_rules_group_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  StewardUrgencyRulesGroup *self = STEWARD_URGENCY_RULES_GROUP (object);

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
steward_urgency_rules_group_class_init (StewardUrgencyRulesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = steward_urgency_rules_group_constructed;
  object_class->dispose = steward_urgency_rules_group_dispose;
  object_class->get_property = steward_urgency_rules_group_get_property;
  object_class->set_property = steward_urgency_rules_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-urgency-rules-group.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRulesGroup, rules_list);

  gtk_widget_class_install_action (widget_class, "rules.add", NULL,
                                   steward_urgency_rules_group_add_action);
  gtk_widget_class_install_action (widget_class, "rules.edit", "u",
                                   steward_urgency_rules_group_edit_action);
  gtk_widget_class_install_action (widget_class, "rules.remove", "u",
                                   steward_urgency_rules_group_remove_action);
}

static void
steward_urgency_rules_group_init (StewardUrgencyRulesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->count_labels = g_ptr_array_new ();
}

GtkWidget *
steward_urgency_rules_group_new (StewardContext *context)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  return g_object_new (STEWARD_TYPE_URGENCY_RULES_GROUP,
                       "context", context,
                       NULL);
}
