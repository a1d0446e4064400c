/* steward-classifier-private.h — evaluating urgency rules on one item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by steward-classifier.c (text alone), steward-store-classify.c
 * (new items) and steward-store-urgency.c (the dry run).
 */
#pragma once

#include "steward-urgency.h"

G_BEGIN_DECLS

/* How many items the author wrote to us within @minutes up to the item
 * being judged (the item included). */
typedef guint (*StewardBurstCountFunc) (gpointer user_data,
                                        guint    minutes);

/**
 * StewardUrgencyFacts:
 * @text: the text with its content warning
 * @score: its sentiment score
 * @followers: the author's followers, -1 when unknown
 * @direct: whether it is a direct message
 * @text_only: nothing but the text is known (steward-cli analyze): reach,
 *   direct and burst conditions never hold
 * @count_burst: (nullable): counts the author's recent items
 * @burst_data: for @count_burst
 * @folded: (nullable): @text folded, filled on first need; the caller
 *   frees it
 */
typedef struct {
  const char            *text;
  double                 score;
  gint64                 followers;
  gboolean               direct;
  gboolean               text_only;
  StewardBurstCountFunc  count_burst;
  gpointer               burst_data;
  char                  *folded;
} StewardUrgencyFacts;

StewardSentimentAnalyzer *steward_classifier_get_analyzer (StewardClassifier   *self);
guint                     steward_classifier_get_n_rules  (StewardClassifier   *self);
StewardUrgencyRule       *steward_classifier_get_rule     (StewardClassifier   *self,
                                                           guint                index);
/* Whether every condition of rule @index holds, enabled or not. */
gboolean                  steward_classifier_rule_holds   (StewardClassifier   *self,
                                                           guint                index,
                                                           StewardUrgencyFacts *facts);
/* The names of the enabled rules that hold, in order (empty when none). */
GStrv                     steward_classifier_fire         (StewardClassifier   *self,
                                                           StewardUrgencyFacts *facts);

G_END_DECLS
