/* test-preferences-triage.c — the team, business hours and urgency rules
 * pages of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real widgets of the Preferences window (entry rows, toggle
 * buttons, spin buttons, the rule dialog's actions) over a real SQLite
 * workspace, and reads back what the store kept.
 */
#include "ui-test-util.h"
#include <adwaita.h>
#include <steward/steward.h>

#include "steward-canned-replies-group.h"
#include "steward-canned-reply-dialog.h"
#include "steward-preferences-window.h"
#include "steward-sla-group.h"
#include "steward-team-group.h"
#include "steward-urgency-rule-dialog.h"
#include "steward-urgency-rules-group.h"

#define DAY (24 * 3600)

typedef struct {
  UiTestWorkspace ws;
  StewardPreferencesWindow *window;
  guint                     serial;
} Fixture;

/* Helpers */

static gpointer
find_one (gpointer root,
          GType    type)
{
  g_autoptr(GPtrArray) found = find_widgets (root, type);

  g_assert_cmpuint (found->len, >=, 1);
  return g_ptr_array_index (found, 0);
}

/* The preferences row of @type titled @title under @root. */
static gpointer
find_row (gpointer    root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_widgets (root, type);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  g_error ("No row titled “%s”", title);
}

static void
ingest_mention (Fixture    *fixture,
                const char *text,
                gint64      when)
{
  g_autofree char *id = g_strdup_printf ("8%05u", ++fixture->serial);
  g_autofree char *url = g_strdup_printf ("https://example.social/@someone/%s", id);
  g_autofree char *author_id = g_strdup_printf ("a%u", fixture->serial);
  g_autofree char *acct = g_strdup_printf ("user%u@example.social", fixture->serial);

  ui_test_ingest_mention (fixture->ws.store, fixture->ws.account_id,
                          ui_test_post_new (id, url, text, when, author_id, acct, "Someone", 10));
}

static StewardUrgencyRuleDialog *
find_rule_dialog (void)
{
  return find_toplevel (STEWARD_TYPE_URGENCY_RULE_DIALOG);
}

static gboolean
dry_run_done (gpointer data)
{
  return steward_urgency_rule_dialog_get_dry_run_count (data) >= 0;
}

static gboolean
no_rule_dialog (gpointer data)
{
  return find_rule_dialog () == NULL;
}

static gboolean
sla_saved (gpointer data)
{
  return !steward_sla_group_get_saving (data);
}

static gboolean
team_has (Fixture    *fixture,
          const char *name)
{
  g_auto(GStrv) team = NULL;
  g_autoptr(GError) error = NULL;

  team = steward_store_list_team (fixture->ws.store, &error);
  g_assert_no_error (error);
  return g_strv_contains ((const char * const *) team, name);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  ui_test_use_data_dir ();
  ui_test_workspace_open (&fixture->ws, "lumen", "Lumen", FALSE);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = steward_preferences_window_new (fixture->ws.context);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  ui_test_workspace_close (&fixture->ws);
}

/* Tests */

static void
test_team (Fixture       *fixture,
           gconstpointer  user_data)
{
  StewardTeamGroup *group;
  AdwEntryRow *row;
  g_autofree char *me = NULL;

  open_window (fixture);
  group = find_one (fixture->window, STEWARD_TYPE_TEAM_GROUP);

  row = find_row (group, ADW_TYPE_ENTRY_ROW, "Your Name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Jun Wang");
  g_signal_emit_by_name (row, "apply");
  me = steward_store_dup_me (fixture->ws.store);
  g_assert_cmpstr (me, ==, "Jun Wang");

  row = find_row (group, ADW_TYPE_ENTRY_ROW, "Add a Team Member");
  gtk_editable_set_text (GTK_EDITABLE (row), "  Mei Lin ");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (team_has (fixture, "Mei Lin"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (row), "Ana");
  g_signal_emit_by_name (row, "apply");

  /* The list shows them, you marked. */
  g_assert_true (ADW_IS_ACTION_ROW (find_row (group, ADW_TYPE_ACTION_ROW, "Mei Lin")));
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (group, ADW_TYPE_ACTION_ROW, "Jun Wang")), ==, "You");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "team.remove", "s", "Ana"));
  g_assert_false (team_has (fixture, "Ana"));

  /* Kept: a new window over a new connection shows the same team. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->ws.store);
  g_clear_object (&fixture->ws.context);
  {
    g_autoptr(GError) error = NULL;

    fixture->ws.context = steward_context_new (fixture->ws.data_dir, &error);
    g_assert_no_error (error);
    fixture->ws.store = g_object_ref (steward_context_get_store (fixture->ws.context));
  }
  g_assert_true (team_has (fixture, "Mei Lin"));
  g_assert_true (team_has (fixture, "Jun Wang"));
  g_assert_false (team_has (fixture, "Ana"));
  open_window (fixture);
  group = find_one (fixture->window, STEWARD_TYPE_TEAM_GROUP);
  g_assert_true (ADW_IS_ACTION_ROW (find_row (group, ADW_TYPE_ACTION_ROW, "Mei Lin")));
  g_assert_cmpstr (gtk_editable_get_text (find_row (group, ADW_TYPE_ENTRY_ROW, "Your Name")), ==, "Jun Wang");
}

static void
test_rule_dry_run (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_name = NULL;
  StewardUrgencyRulesGroup *group;
  StewardUrgencyRuleDialog *dialog;
  const StewardCondition *condition;
  StewardUrgencyRule *rule;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Three of the last 30 days mention the warranty, in two languages;
   * one is older, one is about something else. */
  ingest_mention (fixture, "Is the grinder still under warranty?", now - 2 * DAY);
  ingest_mention (fixture, "My WARRANTY claim got lost", now - 10 * DAY);
  ingest_mention (fixture, "保修期是多久？", now - 20 * DAY);
  ingest_mention (fixture, "Warranty question from last spring", now - 45 * DAY);
  ingest_mention (fixture, "Lovely coffee this morning", now - DAY);
  ui_test_classify (fixture->ws.store);

  before = steward_store_list_urgency_rules (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);
  first_name = g_strdup (steward_urgency_rule_get_name (g_ptr_array_index (before, 0)));

  open_window (fixture);
  group = find_one (fixture->window, STEWARD_TYPE_URGENCY_RULES_GROUP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "rules.edit", "u", 0));
  dialog = find_rule_dialog ();
  g_assert_nonnull (dialog);

  /* The first default rule is about words: make it about the warranty. */
  g_assert_true (adw_expander_row_get_enable_expansion (find_row (dialog, ADW_TYPE_EXPANDER_ROW, "Mentions Words")));
  gtk_editable_set_text (find_row (dialog, ADW_TYPE_ENTRY_ROW, "Name"), "Warranty claims");
  gtk_editable_set_text (find_row (dialog, ADW_TYPE_ENTRY_ROW, "Words and Phrases, Separated by Commas"),
                         "warranty，保修");
  g_assert_cmpint (steward_urgency_rule_dialog_get_dry_run_count (dialog), ==, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rule.dry-run", NULL));
  g_assert_true (wait_until (dry_run_done, dialog));
  g_assert_cmpint (steward_urgency_rule_dialog_get_dry_run_count (dialog), ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (dialog, ADW_TYPE_ACTION_ROW, "Items of the Last 30 Days")),
                   ==, "Would have matched 3 items in the last 30 days");

  /* A dry run saves nothing. */
  after = steward_store_list_urgency_rules (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_urgency_rule_get_name (g_ptr_array_index (after, 0)), ==, first_name);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* An edit makes the count stale. */
  gtk_editable_set_text (find_row (dialog, ADW_TYPE_ENTRY_ROW, "Words and Phrases, Separated by Commas"),
                         "warranty, 保修");
  g_assert_cmpint (steward_urgency_rule_dialog_get_dry_run_count (dialog), ==, -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "rule.save", NULL));
  g_assert_true (wait_until (no_rule_dialog, NULL));

  after = steward_store_list_urgency_rules (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  rule = g_ptr_array_index (after, 0);
  g_assert_cmpstr (steward_urgency_rule_get_name (rule), ==, "Warranty claims");
  g_assert_cmpuint (steward_urgency_rule_get_n_conditions (rule), ==, 1);
  condition = steward_urgency_rule_get_condition (rule, 0);
  g_assert_cmpint (condition->type, ==, STEWARD_CONDITION_KEYWORDS);
  g_assert_cmpuint (g_strv_length (condition->words), ==, 2);
  g_assert_cmpstr (condition->words[0], ==, "warranty");
  g_assert_cmpstr (condition->words[1], ==, "保修");

  /* The list shows the saved rule. */
  g_assert_true (ADW_IS_ACTION_ROW (find_row (group, ADW_TYPE_ACTION_ROW, "Warranty claims")));
}

static void
test_business_hours (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(StewardSlaPolicy) policy = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  StewardSlaGroup *group;
  AdwEntryRow *tz_row;
  GtkSpinButton *urgent;
  guint start, end;

  open_window (fixture);
  group = find_one (fixture->window, STEWARD_TYPE_SLA_GROUP);
  tz_row = find_row (group, ADW_TYPE_ENTRY_ROW, "Time Zone");

  /* An unknown zone is refused. */
  gtk_editable_set_text (GTK_EDITABLE (tz_row), "Mars/Olympus_Mons");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tz_row), "error"));
  gtk_widget_activate_action (GTK_WIDGET (group), "sla.save", NULL);
  g_assert_false (steward_sla_group_get_saving (group));

  gtk_editable_set_text (GTK_EDITABLE (tz_row), "Asia/Shanghai");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tz_row), "error"));

  /* Saturdays too (the days read Monday first). */
  days = find_widgets (group, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_cmpuint (days->len, ==, 7);
  g_assert_false (gtk_toggle_button_get_active (g_ptr_array_index (days, 5)));
  gtk_toggle_button_set_active (g_ptr_array_index (days, 5), TRUE);

  urgent = find_one (find_row (group, ADW_TYPE_ACTION_ROW, "Urgent Items"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (urgent), ==, 8.0);
  gtk_spin_button_set_value (urgent, 4.5);
  gtk_spin_button_set_value (find_one (find_row (group, ADW_TYPE_ACTION_ROW, "Opens At"), GTK_TYPE_SPIN_BUTTON),
                             8 * 60 + 30);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "sla.save", NULL));
  g_assert_true (steward_sla_group_get_saving (group));
  g_assert_true (wait_until (sla_saved, group));

  policy = steward_store_load_sla_policy (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_sla_policy_get_time_zone (policy), ==, "Asia/Shanghai");
  g_assert_cmphex (steward_sla_policy_get_days (policy), ==, STEWARD_SLA_WEEKDAYS | (STEWARD_SLA_MONDAY << 5));
  g_assert_cmpuint (steward_sla_policy_get_target (policy, TRUE), ==, 270);
  g_assert_cmpuint (steward_sla_policy_get_target (policy, FALSE), ==, 24 * 60);
  steward_sla_policy_get_window (policy, &start, &end);
  g_assert_cmpuint (start, ==, 8 * 60 + 30);
  g_assert_cmpuint (end, ==, 18 * 60);
}

static StewardCannedReplyDialog *
find_canned_dialog (void)
{
  return find_toplevel (STEWARD_TYPE_CANNED_REPLY_DIALOG);
}

static gboolean
no_canned_dialog (gpointer data)
{
  return find_canned_dialog () == NULL;
}

static const StewardCannedReply *
find_reply (GPtrArray  *replies,
            const char *title)
{
  for (guint i = 0; i < replies->len; i++)
    if (g_strcmp0 (((StewardCannedReply *) g_ptr_array_index (replies, i))->title, title) == 0)
      return g_ptr_array_index (replies, i);

  return NULL;
}

static void
test_canned_replies (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  StewardCannedRepliesGroup *group;
  StewardCannedReplyDialog *dialog;
  const StewardCannedReply *reply;
  gint64 id;

  open_window (fixture);
  group = find_one (fixture->window, STEWARD_TYPE_CANNED_REPLIES_GROUP);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "canned.add", NULL));
  dialog = find_canned_dialog ();
  g_assert_nonnull (dialog);

  /* Nothing to save until both are written. */
  gtk_editable_set_text (find_row (dialog, ADW_TYPE_ENTRY_ROW, "Title"), "Shipping delay");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "canned.save", NULL) &&
                  find_canned_dialog () == NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (find_one (dialog, GTK_TYPE_TEXT_VIEW)),
                            "Hi {name}, your order ships tomorrow. {me}", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "canned.save", NULL));
  g_assert_true (wait_until (no_canned_dialog, NULL));

  replies = steward_store_list_canned_replies (fixture->ws.store, &error);
  g_assert_no_error (error);
  reply = find_reply (replies, "Shipping delay");
  g_assert_nonnull (reply);
  g_assert_cmpstr (reply->text, ==, "Hi {name}, your order ships tomorrow. {me}");
  id = reply->id;
  g_assert_true (ADW_IS_ACTION_ROW (find_row (group, ADW_TYPE_ACTION_ROW, "Shipping delay")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (group), "canned.remove", "x", id));
  g_clear_pointer (&replies, g_ptr_array_unref);
  replies = steward_store_list_canned_replies (fixture->ws.store, &error);
  g_assert_no_error (error);
  g_assert_null (find_reply (replies, "Shipping delay"));
}

static void
test_notification_switches (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.steward.Steward");
  GtkSwitch *background;

  open_window (fixture);
  background = find_one (find_row (fixture->window, ADW_TYPE_ACTION_ROW, "Run in the Background"), GTK_TYPE_SWITCH);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  gtk_switch_set_active (background, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  gtk_switch_set_active (background, FALSE);

  gtk_switch_set_active (find_one (find_row (fixture->window, ADW_TYPE_ACTION_ROW, "SLA Breaches"), GTK_TYPE_SWITCH),
                         FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notify-breach"));
  g_settings_reset (settings, "notify-breach");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv, "preferences", UI_TEST_DEFAULT))
    return 77;

  g_test_add ("/ui/preferences-triage/team", Fixture, NULL, fixture_set_up, test_team, fixture_tear_down);
  g_test_add ("/ui/preferences-triage/rule-dry-run", Fixture, NULL, fixture_set_up, test_rule_dry_run,
              fixture_tear_down);
  g_test_add ("/ui/preferences-triage/canned-replies", Fixture, NULL, fixture_set_up, test_canned_replies,
              fixture_tear_down);
  g_test_add ("/ui/preferences-triage/notification-switches", Fixture, NULL, fixture_set_up,
              test_notification_switches, fixture_tear_down);
  g_test_add ("/ui/preferences-triage/business-hours", Fixture, NULL, fixture_set_up, test_business_hours,
              fixture_tear_down);

  return ui_test_run ();
}
