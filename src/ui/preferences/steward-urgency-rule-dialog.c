/* steward-urgency-rule-dialog.c — editing one urgency rule, with a dry run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-preferences"

#include <glib/gi18n.h>

#include "steward-urgency-rule-dialog.h"

struct _StewardUrgencyRuleDialog
{
  AdwWindow        parent_instance;

  StewardContext  *context;
  GCancellable    *cancellable;
  gboolean         enabled;
  int              dry_run_count;
  /* counts edits, so a dry run of an older version is not shown */
  guint            generation;

  /* Template widgets */
  AdwEntryRow     *name_row;
  AdwExpanderRow  *keywords_row;
  AdwEntryRow     *words_row;
  AdwExpanderRow  *sentiment_row;
  GtkSpinButton   *score_spin;
  AdwExpanderRow  *reach_row;
  GtkSpinButton   *followers_spin;
  GtkSwitch       *direct_switch;
  AdwExpanderRow  *burst_row;
  GtkSpinButton   *burst_count_spin;
  GtkSpinButton   *burst_minutes_spin;
  AdwActionRow    *dry_run_row;
  GtkSpinner      *dry_run_spinner;
};

typedef struct {
  char   *database_path;
  char   *name;
  char   *json;
  gint64  now;
  guint   generation;
  guint   count;
} DryRunData;

G_DEFINE_FINAL_TYPE (StewardUrgencyRuleDialog, steward_urgency_rule_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DRY_RUN_COUNT,
  N_PROPS
};

enum {
  SAVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
dry_run_data_free (DryRunData *data)
{
  g_free (data->database_path);
  g_free (data->name);
  g_free (data->json);
  g_free (data);
}

/* Words separated by commas (Latin or Chinese), enumeration commas,
 * semicolons or new lines. */
static GStrv
split_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GRegex) separators = g_regex_new ("[,，、;；\\n]+", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (separators, text, 0);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static void
set_dry_run_count (StewardUrgencyRuleDialog *self,
                   int                       count)
{
  g_autofree char *text = NULL;

  if (count >= 0)
    text = g_strdup_printf (ngettext ("Would have matched %d item in the last 30 days",
                                      "Would have matched %d items in the last 30 days", count),
                            count);
  adw_action_row_set_subtitle (self->dry_run_row,
                               text != NULL ? text : _("See how many items this rule would have matched, before you save it."));

  if (self->dry_run_count == count)
    return;

  self->dry_run_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRY_RUN_COUNT]);
}

static void
update_actions (StewardUrgencyRuleDialog *self)
{
  g_autoptr(StewardUrgencyRule) rule = steward_urgency_rule_dialog_dup_rule (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.save", rule != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.dry-run", rule != NULL);
}

static void
load_rule (StewardUrgencyRuleDialog *self,
           StewardUrgencyRule       *rule)
{
  g_assert (STEWARD_IS_URGENCY_RULE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), steward_urgency_rule_get_name (rule));
  self->enabled = steward_urgency_rule_get_enabled (rule);

  for (guint i = 0; i < steward_urgency_rule_get_n_conditions (rule); i++)
    {
      const StewardCondition *condition = steward_urgency_rule_get_condition (rule, i);

      switch (condition->type)
        {
        case STEWARD_CONDITION_KEYWORDS:
          {
            g_autofree char *words = g_strjoinv (", ", condition->words);

            gtk_editable_set_text (GTK_EDITABLE (self->words_row), words);
            adw_expander_row_set_enable_expansion (self->keywords_row, TRUE);
          }
          break;

        case STEWARD_CONDITION_SENTIMENT:
          gtk_spin_button_set_value (self->score_spin, condition->max_score);
          adw_expander_row_set_enable_expansion (self->sentiment_row, TRUE);
          break;

        case STEWARD_CONDITION_REACH:
          gtk_spin_button_set_value (self->followers_spin, condition->min_followers);
          adw_expander_row_set_enable_expansion (self->reach_row, TRUE);
          break;

        case STEWARD_CONDITION_DIRECT:
          gtk_switch_set_active (self->direct_switch, TRUE);
          break;

        case STEWARD_CONDITION_BURST:
          gtk_spin_button_set_value (self->burst_count_spin, condition->count);
          gtk_spin_button_set_value (self->burst_minutes_spin, condition->minutes);
          adw_expander_row_set_enable_expansion (self->burst_row, TRUE);
          break;

        default:
          g_warning ("Unknown condition type %d", condition->type);
        }
    }
}

static void
dry_run_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DryRunData *data = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  StewardUrgencyRule *rule;
  GError *error = NULL;
  guint n_any = 0;

  /* A rule of its own, built here: GObjects are not shared across threads. */
  rule = steward_urgency_rule_new_from_json (data->name, data->json, &error);
  if (rule == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (rules, rule);

  store = steward_store_open (data->database_path, &error);
  if (store == NULL ||
      !steward_store_dry_run_urgency_rules (store, rules, data->now, &data->count, &n_any, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_changed_cb (StewardUrgencyRuleDialog *self)
{
  self->generation++;
  set_dry_run_count (self, -1);
  update_actions (self);
}

static void
on_dry_run_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StewardUrgencyRuleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DryRunData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->dry_run_spinner);
      g_warning ("Dry run failed: %s", error->message);
      adw_action_row_set_subtitle (self->dry_run_row, error->message);
      return;
    }

  gtk_spinner_stop (self->dry_run_spinner);
  if (data->generation == self->generation)
    set_dry_run_count (self, data->count);
}

static void
steward_urgency_rule_dialog_dry_run_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  StewardUrgencyRuleDialog *self = STEWARD_URGENCY_RULE_DIALOG (widget);
  g_autoptr(StewardUrgencyRule) rule = steward_urgency_rule_dialog_dup_rule (self);
  g_autoptr(GTask) task = NULL;
  DryRunData *data;

  if (rule == NULL)
    return;

  data = g_new0 (DryRunData, 1);
  data->database_path = steward_context_dup_database_path (self->context);
  data->name = g_strdup (steward_urgency_rule_get_name (rule));
  data->json = steward_urgency_rule_to_json (rule);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  data->generation = self->generation;

  gtk_spinner_start (self->dry_run_spinner);
  task = g_task_new (self, self->cancellable, on_dry_run_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, steward_urgency_rule_dialog_dry_run_action);
  g_task_set_task_data (task, data, (GDestroyNotify) dry_run_data_free);
  g_task_run_in_thread (task, dry_run_thread);
}

static void
steward_urgency_rule_dialog_save_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  StewardUrgencyRuleDialog *self = STEWARD_URGENCY_RULE_DIALOG (widget);
  g_autoptr(StewardUrgencyRule) rule = steward_urgency_rule_dialog_dup_rule (self);

  if (rule == NULL)
    return;

  g_signal_emit (self, signals[SAVE], 0, rule);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject overrides */

static void
steward_urgency_rule_dialog_dispose (GObject *object)
{
  StewardUrgencyRuleDialog *self = STEWARD_URGENCY_RULE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_URGENCY_RULE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_urgency_rule_dialog_parent_class)->dispose (object);
}

static void
steward_urgency_rule_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  StewardUrgencyRuleDialog *self = STEWARD_URGENCY_RULE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DRY_RUN_COUNT:
      g_value_set_int (value, self->dry_run_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_urgency_rule_dialog_class_init (StewardUrgencyRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_urgency_rule_dialog_dispose;
  object_class->get_property = steward_urgency_rule_dialog_get_property;

  properties[PROP_DRY_RUN_COUNT] =
    g_param_spec_int ("dry-run-count", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StewardUrgencyRuleDialog::save:
   * @rule: the rule as edited
   *
   * The user pressed Save; the dialog closes after the signal.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, STEWARD_TYPE_URGENCY_RULE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/preferences/steward-urgency-rule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, keywords_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, words_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, sentiment_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, score_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, reach_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, followers_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, direct_switch);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, burst_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, burst_count_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, burst_minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, dry_run_row);
  gtk_widget_class_bind_template_child (widget_class, StewardUrgencyRuleDialog, dry_run_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "rule.dry-run", NULL,
                                   steward_urgency_rule_dialog_dry_run_action);
  gtk_widget_class_install_action (widget_class, "rule.save", NULL,
                                   steward_urgency_rule_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
steward_urgency_rule_dialog_init (StewardUrgencyRuleDialog *self)
{
  self->dry_run_count = -1;
  self->enabled = TRUE;
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Sensible values for conditions turned on later. */
  gtk_spin_button_set_value (self->score_spin, -0.3);
  gtk_spin_button_set_value (self->followers_spin, 10000);
  gtk_spin_button_set_value (self->burst_count_spin, 3);
  gtk_spin_button_set_value (self->burst_minutes_spin, 60);
}

/* Public API */

GtkWidget *
steward_urgency_rule_dialog_new (StewardContext     *context,
                                 StewardUrgencyRule *rule)
{
  StewardUrgencyRuleDialog *self;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (rule == NULL || STEWARD_IS_URGENCY_RULE (rule), NULL);

  self = g_object_new (STEWARD_TYPE_URGENCY_RULE_DIALOG, NULL);
  self->context = g_object_ref (context);
  if (rule != NULL)
    load_rule (self, rule);
  gtk_window_set_title (GTK_WINDOW (self), rule != NULL ? _("Edit Urgency Rule") : _("New Urgency Rule"));
  on_changed_cb (self);

  return GTK_WIDGET (self);
}

StewardUrgencyRule *
steward_urgency_rule_dialog_dup_rule (StewardUrgencyRuleDialog *self)
{
  g_autoptr(StewardUrgencyRule) rule = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE_DIALOG (self), NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    return NULL;

  rule = steward_urgency_rule_new (name);
  steward_urgency_rule_set_enabled (rule, self->enabled);

  if (adw_expander_row_get_enable_expansion (self->keywords_row))
    {
      g_auto(GStrv) words = split_words (gtk_editable_get_text (GTK_EDITABLE (self->words_row)));
      StewardCondition condition = { STEWARD_CONDITION_KEYWORDS, words, 0, 0, 0, 0 };

      if (words[0] != NULL)
        steward_urgency_rule_add_condition (rule, &condition);
    }
  if (adw_expander_row_get_enable_expansion (self->sentiment_row))
    {
      StewardCondition condition = { STEWARD_CONDITION_SENTIMENT, NULL,
                                     gtk_spin_button_get_value (self->score_spin), 0, 0, 0 };

      steward_urgency_rule_add_condition (rule, &condition);
    }
  if (adw_expander_row_get_enable_expansion (self->reach_row))
    {
      StewardCondition condition = { STEWARD_CONDITION_REACH, NULL, 0,
                                     (gint64) gtk_spin_button_get_value (self->followers_spin), 0, 0 };

      steward_urgency_rule_add_condition (rule, &condition);
    }
  if (gtk_switch_get_active (self->direct_switch))
    {
      StewardCondition condition = { STEWARD_CONDITION_DIRECT, NULL, 0, 0, 0, 0 };

      steward_urgency_rule_add_condition (rule, &condition);
    }
  if (adw_expander_row_get_enable_expansion (self->burst_row))
    {
      StewardCondition condition = { STEWARD_CONDITION_BURST, NULL, 0, 0,
                                     (guint) gtk_spin_button_get_value_as_int (self->burst_count_spin),
                                     (guint) gtk_spin_button_get_value_as_int (self->burst_minutes_spin) };

      steward_urgency_rule_add_condition (rule, &condition);
    }

  if (steward_urgency_rule_get_n_conditions (rule) == 0)
    return NULL;

  return g_steal_pointer (&rule);
}

int
steward_urgency_rule_dialog_get_dry_run_count (StewardUrgencyRuleDialog *self)
{
  g_return_val_if_fail (STEWARD_IS_URGENCY_RULE_DIALOG (self), -1);

  return self->dry_run_count;
}
