/* steward-store-urgency.c — urgency rules in the workspace, and dry runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first time a workspace lists its rules, the translated defaults are
 * written together with the setting "urgency.seeded" in one transaction;
 * from then on an empty table means the user removed every rule.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-urgency.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-classifier-private.h"
#include "steward-classify-private.h"
#include "steward-error.h"
#include "steward-sla-private.h"
#include "steward-triage.h"

#define SEEDED_KEY "urgency.seeded"
#define DRY_RUN_DAYS 30

static const char sql_list_rules[] =
  "SELECT id, name, enabled, definition FROM urgency_rules ORDER BY position, id";

static const char sql_delete_rules[] =
  "DELETE FROM urgency_rules";

static const char sql_insert_rule[] =
  "INSERT INTO urgency_rules (id, position, name, enabled, definition)"
  " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";

/* Every item of the window, with what the rules look at. */
static const char sql_dry_run_items[] =
  "SELECT i.kind, i.created_at, i.classified_at, i.sentiment,"
  "       p.text, p.spoiler_text, p.author_id, au.followers"
  " FROM inbox_items i"
  " JOIN posts p ON p.id = i.post_id"
  " JOIN authors au ON au.id = p.author_id"
  " WHERE i.created_at >= ?1 AND i.created_at < ?2";

static const char * const complaint_words[] = {
  "投诉", "投訴", "退款", "骗", "騙", "曝光", "维权", "維權", "假货",
  "refund", "scam", "lawsuit", "fraud", "chargeback", "sue", NULL
};

typedef struct {
  StewardStore *store;
  gint64        author_id;
  gint64        until;
  guint         minutes;   /* of the cached count; 0 = none */
  guint         count;
  GError      **error;
} BurstQuery;

static GPtrArray *
default_rules (void)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_object_unref);
  StewardUrgencyRule *rule;

  rule = steward_urgency_rule_new (_("Complaint words"));
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_KEYWORDS, .words = (GStrv) complaint_words });
  g_ptr_array_add (rules, rule);

  rule = steward_urgency_rule_new (_("Negative post from an influential author"));
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_SENTIMENT, .max_score = -0.3 });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_REACH, .min_followers = 10000 });
  g_ptr_array_add (rules, rule);

  rule = steward_urgency_rule_new (_("Negative direct message"));
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_DIRECT });
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_SENTIMENT, .max_score = -0.3 });
  g_ptr_array_add (rules, rule);

  rule = steward_urgency_rule_new (_("Repeated mentions"));
  steward_urgency_rule_add_condition (rule, &(StewardCondition) {
    .type = STEWARD_CONDITION_BURST, .count = 3, .minutes = 60 });
  g_ptr_array_add (rules, rule);

  return rules;
}

static GPtrArray *
read_rules (StewardStore  *store,
            gboolean      *seeded,
            GError       **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  stmt = steward_store_prepare_cached (store, sql_list_rules, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      StewardUrgencyRule *rule;

      rule = steward_urgency_rule_new_from_json (steward_sqlite_column_text (stmt, 1),
                                                 steward_sqlite_column_text (stmt, 3),
                                                 &local_error);
      if (rule == NULL)
        {
          g_warning ("Skipping urgency rule %" G_GINT64_FORMAT ": %s",
                     (gint64) sqlite3_column_int64 (stmt, 0), local_error->message);
          continue;
        }
      g_object_set (rule, "id", (gint64) sqlite3_column_int64 (stmt, 0), NULL);
      steward_urgency_rule_set_enabled (rule, sqlite3_column_int (stmt, 2) != 0);
      g_ptr_array_add (rules, rule);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return NULL;
    }

  if (seeded != NULL)
    {
      g_autofree char *value = rules->len == 0 ? steward_store_get_setting (store, SEEDED_KEY) : NULL;

      *seeded = rules->len > 0 || value != NULL;
    }

  return g_steal_pointer (&rules);
}

/* Inside a transaction. */
static gboolean
write_rules (StewardStore  *store,
             GPtrArray     *rules,
             GError       **error)
{
  g_autoptr(StewardCachedStmt) delete = steward_store_prepare_cached (store, sql_delete_rules, error);
  g_autoptr(StewardCachedStmt) insert = NULL;

  if (delete == NULL || !steward_store_step_done (store, delete, error))
    return FALSE;

  insert = steward_store_prepare_cached (store, sql_insert_rule, error);
  if (insert == NULL)
    return FALSE;

  /* Rules keeping their id first, so that a new rule's fresh id cannot
   * take one of theirs. */
  for (guint k = 0; k < 2 * rules->len; k++)
    {
      guint i = k % rules->len;
      StewardUrgencyRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *definition = NULL;
      int rc;

      if ((steward_urgency_rule_get_id (rule) > 0) != (k < rules->len))
        continue;

      definition = steward_urgency_rule_to_json (rule);
      sqlite3_reset (insert);
      if (steward_urgency_rule_get_id (rule) > 0)
        sqlite3_bind_int64 (insert, 1, steward_urgency_rule_get_id (rule));
      else
        sqlite3_bind_null (insert, 1);
      sqlite3_bind_int (insert, 2, (int) i);
      sqlite3_bind_text (insert, 3, steward_urgency_rule_get_name (rule), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (insert, 4, steward_urgency_rule_get_enabled (rule));
      sqlite3_bind_text (insert, 5, definition, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (insert);
      if (rc != SQLITE_ROW)
        {
          steward_sqlite_set_error (steward_store_get_db (store), rc, error);
          return FALSE;
        }
      g_object_set (rule, "id", (gint64) sqlite3_column_int64 (insert, 0), NULL);
    }

  return steward_store_put_setting_in_transaction (store, SEEDED_KEY, "1", error);
}

static guint
count_burst_cb (gpointer user_data,
                guint    minutes)
{
  BurstQuery *query = user_data;

  if (query->minutes != minutes)
    {
      query->count = 0;
      query->minutes = minutes;
      /* The first error is kept; the count is then 0 (never a burst). */
      if (!steward_store_count_author_items (query->store, query->author_id, query->until,
                                             minutes, &query->count,
                                             (query->error != NULL && *query->error == NULL)
                                               ? query->error : NULL))
        query->count = 0;
    }

  return query->count;
}

/**
 * steward_store_list_urgency_rules:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type StewardUrgencyRule): the
 *   rules in order; the first time, the translated defaults (saved)
 */
GPtrArray *
steward_store_list_urgency_rules (StewardStore  *store,
                                  GError       **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  gboolean seeded = TRUE;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rules = read_rules (store, &seeded, error);
  if (rules == NULL || seeded)
    return g_steal_pointer (&rules);

  g_clear_pointer (&rules, g_ptr_array_unref);
  if (!steward_store_begin (store, error))
    return NULL;

  /* Another process may have seeded them since we looked. */
  rules = read_rules (store, &seeded, error);
  if (rules != NULL && !seeded)
    {
      g_clear_pointer (&rules, g_ptr_array_unref);
      rules = default_rules ();
      if (!write_rules (store, rules, error))
        g_clear_pointer (&rules, g_ptr_array_unref);
    }

  if (rules == NULL || !steward_store_commit (store, error))
    {
      steward_store_rollback (store);
      return NULL;
    }

  return g_steal_pointer (&rules);
}

/**
 * steward_store_save_urgency_rules:
 * @store: a store
 * @rules: (element-type StewardUrgencyRule): the rules, in order
 * @error: return location for a #GError
 *
 * Replaces every rule in one transaction. Rules keep their id when they
 * have one; new ones get theirs ("id" is set). Emits "changed" with
 * "settings".
 *
 * Returns: whether they were saved
 */
gboolean
steward_store_save_urgency_rules (StewardStore  *store,
                                  GPtrArray     *rules,
                                  GError       **error)
{
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < rules->len; i++)
    {
      StewardUrgencyRule *rule = g_ptr_array_index (rules, i);
      gint64 id;

      g_return_val_if_fail (STEWARD_IS_URGENCY_RULE (rule), FALSE);

      /* The same rule object twice would collide on its id. */
      id = steward_urgency_rule_get_id (rule);
      for (guint j = 0; id > 0 && j < old_ids->len; j++)
        {
          if (g_array_index (old_ids, gint64, j) == id)
            {
              g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("The rule “%s” is listed twice"), steward_urgency_rule_get_name (rule));
              return FALSE;
            }
        }
      g_array_append_val (old_ids, id);
    }

  if (!steward_store_begin (store, error))
    return FALSE;

  if (!write_rules (store, rules, error) || !steward_store_commit (store, error))
    {
      steward_store_rollback (store);
      /* The ids written so far were rolled back with the rows. */
      for (guint i = 0; i < rules->len; i++)
        g_object_set (g_ptr_array_index (rules, i), "id", g_array_index (old_ids, gint64, i), NULL);
      return FALSE;
    }

  steward_store_notify_changed (store, "settings");
  return TRUE;
}

/**
 * steward_store_dry_run_urgency_rules:
 * @store: a store
 * @rules: (element-type StewardUrgencyRule): rules to try
 * @now: the end of the 30 days looked at
 * @counts: (array): one count per rule of @rules
 * @n_any: (out) (optional): items any enabled rule matched
 * @error: return location for a #GError
 *
 * Classified items are judged with their stored sentiment; the others are
 * analysed on the fly.
 *
 * Returns: whether it ran
 */
gboolean
steward_store_dry_run_urgency_rules (StewardStore  *store,
                                     GPtrArray     *rules,
                                     gint64         now,
                                     guint         *counts,
                                     guint         *n_any,
                                     GError       **error)
{
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(StewardSlaPolicy) policy = steward_sla_policy_new ();
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GError) burst_error = NULL;
  guint any = 0;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (counts != NULL || rules->len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rules->len > 0)
    memset (counts, 0, sizeof (guint) * rules->len);

  analyzer = steward_sentiment_analyzer_new (error);
  if (analyzer == NULL)
    return FALSE;
  classifier = steward_classifier_new (analyzer, rules, policy);

  stmt = steward_store_prepare_cached (store, sql_dry_run_items, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now - (gint64) DRY_RUN_DAYS * 24 * 3600);
  sqlite3_bind_int64 (stmt, 2, now);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = steward_sqlite_column_text (stmt, 4);
      const char *spoiler = steward_sqlite_column_text (stmt, 5);
      g_autofree char *full = (spoiler != NULL && *spoiler != '\0')
        ? g_strconcat (spoiler, "\n", text, NULL)
        : NULL;
      BurstQuery burst = { store, sqlite3_column_int64 (stmt, 6),
                           sqlite3_column_int64 (stmt, 1), 0, 0, &burst_error };
      StewardUrgencyFacts facts = { 0 };
      gboolean matched = FALSE;

      facts.text = full != NULL ? full : (text != NULL ? text : "");
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        facts.score = sqlite3_column_double (stmt, 3);
      else
        facts.score = steward_sentiment_analyzer_score (analyzer, facts.text, NULL);
      facts.followers = sqlite3_column_int64 (stmt, 7);
      facts.direct = g_strcmp0 (steward_sqlite_column_text (stmt, 0), "direct") == 0;
      facts.count_burst = count_burst_cb;
      facts.burst_data = &burst;

      for (guint i = 0; i < rules->len; i++)
        {
          if (steward_classifier_rule_holds (classifier, i, &facts))
            {
              counts[i]++;
              matched |= steward_urgency_rule_get_enabled (g_ptr_array_index (rules, i));
            }
        }
      any += matched;
      g_free (facts.folded);
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return FALSE;
    }
  if (burst_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&burst_error));
      return FALSE;
    }

  if (n_any != NULL)
    *n_any = any;
  return TRUE;
}
