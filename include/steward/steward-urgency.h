/* steward-urgency.h — urgency rules, and classifying new inbox items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An urgency rule has a name and conditions that must all hold. An item
 * is urgent when any enabled rule holds for it. Conditions:
 *  - KEYWORDS: the text (and content warning) contains any of the words or
 *    phrases, compared after the search index's folding (NFKC, case,
 *    Traditional → Simplified), so "投訴" and "投诉", "REFUND" and
 *    "refund" are the same; Latin words match whole words only;
 *  - SENTIMENT: the sentiment score is at most a threshold (e.g. −0.3);
 *  - REACH: the author has at least N followers;
 *  - DIRECT: the item is a direct message;
 *  - BURST: the same author wrote at least N items to us within M minutes
 *    up to this one (someone who keeps asking).
 * The defaults (created, translated, the first time a workspace lists its
 * rules): complaint words (投诉/投訴, 退款, 骗/騙, 曝光, 维权/維權, refund,
 * scam, lawsuit, fraud, chargeback…); a negative post from an author with
 * 10,000 followers or more; a negative direct message; three or more
 * mentions from one author within an hour.
 *
 * Rules are stored as JSON in urgency_rules.definition:
 *   {"conditions":[{"type":"keywords","words":["退款","refund"]},
 *                  {"type":"sentiment","max":-0.3},
 *                  {"type":"reach","min":10000},
 *                  {"type":"direct"},
 *                  {"type":"burst","count":3,"minutes":60}]}
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-sentiment.h"
#include "steward-sla.h"

G_BEGIN_DECLS

/**
 * StewardConditionType:
 * @STEWARD_CONDITION_KEYWORDS: any of @words appears
 * @STEWARD_CONDITION_SENTIMENT: score ≤ @max_score
 * @STEWARD_CONDITION_REACH: followers ≥ @min_followers
 * @STEWARD_CONDITION_DIRECT: a direct message
 * @STEWARD_CONDITION_BURST: ≥ @count items from the author within @minutes
 */
typedef enum {
  STEWARD_CONDITION_KEYWORDS,
  STEWARD_CONDITION_SENTIMENT,
  STEWARD_CONDITION_REACH,
  STEWARD_CONDITION_DIRECT,
  STEWARD_CONDITION_BURST,
} StewardConditionType;

/**
 * StewardCondition:
 * @type: which condition
 * @words: (array zero-terminated=1): for KEYWORDS
 * @max_score: for SENTIMENT
 * @min_followers: for REACH
 * @count: for BURST
 * @minutes: for BURST
 */
typedef struct {
  StewardConditionType  type;
  GStrv                 words;
  double                max_score;
  gint64                min_followers;
  guint                 count;
  guint                 minutes;
} StewardCondition;

#define STEWARD_TYPE_URGENCY_RULE (steward_urgency_rule_get_type ())
G_DECLARE_FINAL_TYPE (StewardUrgencyRule, steward_urgency_rule, STEWARD, URGENCY_RULE, GObject)

/* Properties: "id" (gint64, 0 until saved), "name", "enabled". */
StewardUrgencyRule     *steward_urgency_rule_new            (const char          *name);
gint64                  steward_urgency_rule_get_id         (StewardUrgencyRule  *self);
const char             *steward_urgency_rule_get_name       (StewardUrgencyRule  *self);
void                    steward_urgency_rule_set_name       (StewardUrgencyRule  *self,
                                                             const char          *name);
gboolean                steward_urgency_rule_get_enabled    (StewardUrgencyRule  *self);
void                    steward_urgency_rule_set_enabled    (StewardUrgencyRule  *self,
                                                             gboolean             enabled);
guint                   steward_urgency_rule_get_n_conditions (StewardUrgencyRule *self);
const StewardCondition *steward_urgency_rule_get_condition  (StewardUrgencyRule  *self,
                                                             guint                index);
/* Copies @condition in. */
void                    steward_urgency_rule_add_condition  (StewardUrgencyRule  *self,
                                                             const StewardCondition *condition);
void                    steward_urgency_rule_remove_condition (StewardUrgencyRule *self,
                                                             guint                index);
/* One translated line per condition ("Mentions refund, 退款", "Sentiment
 * at most −0.3", …) joined with " · ", for lists in Preferences. */
char                   *steward_urgency_rule_describe       (StewardUrgencyRule  *self);
char                   *steward_urgency_rule_to_json        (StewardUrgencyRule  *self);
/* Fails with STEWARD_ERROR_INVALID_ARGUMENT naming what is wrong. */
StewardUrgencyRule     *steward_urgency_rule_new_from_json  (const char          *name,
                                                             const char          *json,
                                                             GError             **error);

/* (element-type StewardUrgencyRule) In order; the defaults the first time. */
GPtrArray              *steward_store_list_urgency_rules    (StewardStore        *store,
                                                             GError             **error);
/* Replaces every rule with @rules (their ids are updated). Items already
 * classified keep their urgency; new items use the new rules. */
gboolean                steward_store_save_urgency_rules    (StewardStore        *store,
                                                             GPtrArray           *rules,
                                                             GError             **error);
/* Dry run: for each rule of @rules (saved or not, enabled or not), how
 * many inbox items created in the 30 days before @now it would have
 * matched, in @counts (one per rule); @n_any gets how many items any
 * enabled rule would have matched. Uses the stored sentiment of classified
 * items. */
gboolean                steward_store_dry_run_urgency_rules (StewardStore        *store,
                                                             GPtrArray           *rules,
                                                             gint64               now,
                                                             guint               *counts,
                                                             guint               *n_any,
                                                             GError             **error);

/**
 * StewardClassifier:
 *
 * The sentiment analyzer, the urgency rules and the SLA policy together:
 * what steward_store_classify_pending() applies to new items. Immutable;
 * build a new one when rules or policy change.
 */
#define STEWARD_TYPE_CLASSIFIER (steward_classifier_get_type ())
G_DECLARE_FINAL_TYPE (StewardClassifier, steward_classifier, STEWARD, CLASSIFIER, GObject)

/* Reads the rules and the SLA policy from @store. */
StewardClassifier      *steward_classifier_new_for_store    (StewardStore             *store,
                                                             StewardSentimentAnalyzer *analyzer,
                                                             GError                  **error);
StewardClassifier      *steward_classifier_new              (StewardSentimentAnalyzer *analyzer,
                                                             GPtrArray                *rules,
                                                             const StewardSlaPolicy   *policy);
const StewardSlaPolicy *steward_classifier_get_policy       (StewardClassifier        *self);

/**
 * StewardClassification:
 * @score: sentiment score, −1..1
 * @label: its label
 * @urgent: whether any enabled rule fired
 * @rules: (array zero-terminated=1): names of the rules that fired
 */
typedef struct {
  double                score;
  StewardSentimentLabel label;
  gboolean              urgent;
  GStrv                 rules;
} StewardClassification;

void                    steward_classification_free         (StewardClassification    *classification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardClassification, steward_classification_free)

/* Text alone (steward-cli analyze): conditions that need more than text
 * (reach, direct, burst) do not hold, so rules that use them never fire. */
StewardClassification  *steward_classifier_analyze_text     (StewardClassifier        *self,
                                                             const char               *text);

/* Classifies every item of @account_id (0 = every account) that is not
 * classified yet: sentiment, urgency and the SLA due time, in one
 * transaction. With @quiet (an account's first sync: the backfill) the
 * items are also marked as already alerted so they never notify. @n_urgent
 * (optional) gets how many of them are urgent. */
gboolean                steward_store_classify_pending      (StewardStore             *store,
                                                             StewardClassifier        *classifier,
                                                             gint64                    account_id,
                                                             gboolean                  quiet,
                                                             guint                    *n_classified,
                                                             guint                    *n_urgent,
                                                             GError                  **error);

G_END_DECLS
