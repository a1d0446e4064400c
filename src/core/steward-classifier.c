/* steward-classifier.c — sentiment, urgency rules and the SLA policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The classifier keeps its own copy of the rules with every keyword folded
 * once, the way the sentiment analyzer and the search index fold text
 * (NFKC, Traditional → Simplified, case). A keyword with a CJK character
 * matches anywhere in the folded text (Chinese has no spaces between
 * words); any other keyword matches whole words only, so "sue" is not
 * found in "issue".
 */
#define G_LOG_DOMAIN "steward-urgency"

#include "steward-urgency.h"

#include <string.h>

#include "steward-classifier-private.h"
#include "steward-sentiment-private.h"
#include "steward-store-private.h"

typedef struct {
  char     *folded;
  gsize     length;
  gboolean  substring;   /* CJK: no word boundaries to respect */
} Keyword;

typedef struct {
  StewardUrgencyRule *rule;
  GPtrArray          *keywords;   /* per condition: GArray of Keyword, or NULL */
} CompiledRule;

struct _StewardClassifier {
  GObject                   parent_instance;

  StewardSentimentAnalyzer *analyzer;
  StewardSlaPolicy         *policy;
  GArray                   *rules;   /* CompiledRule */
};

G_DEFINE_FINAL_TYPE (StewardClassifier, steward_classifier, G_TYPE_OBJECT)

static gboolean
is_cjk (gunichar c)
{
  return steward_sentiment_is_han (c) ||
         (c >= 0x3040 && c <= 0x30FF) ||    /* kana */
         (c >= 0xAC00 && c <= 0xD7AF);      /* hangul syllables */
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) && !is_cjk (c);
}

static void
clear_keyword (gpointer data)
{
  Keyword *keyword = data;

  g_clear_pointer (&keyword->folded, g_free);
}

static void
free_keywords (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
clear_compiled_rule (gpointer data)
{
  CompiledRule *compiled = data;

  g_clear_object (&compiled->rule);
  g_clear_pointer (&compiled->keywords, g_ptr_array_unref);
}

static StewardUrgencyRule *
copy_rule (StewardUrgencyRule *rule)
{
  StewardUrgencyRule *copy = steward_urgency_rule_new (steward_urgency_rule_get_name (rule));

  g_object_set (copy, "id", steward_urgency_rule_get_id (rule), NULL);
  steward_urgency_rule_set_enabled (copy, steward_urgency_rule_get_enabled (rule));
  for (guint i = 0; i < steward_urgency_rule_get_n_conditions (rule); i++)
    steward_urgency_rule_add_condition (copy, steward_urgency_rule_get_condition (rule, i));
  return copy;
}

static GArray *
compile_keywords (StewardSentimentAnalyzer *analyzer,
                  const char * const       *words)
{
  GArray *keywords = g_array_new (FALSE, TRUE, sizeof (Keyword));

  g_array_set_clear_func (keywords, clear_keyword);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      Keyword keyword = { 0 };

      keyword.folded = steward_sentiment_analyzer_fold (analyzer, words[i]);
      keyword.length = strlen (keyword.folded);
      if (keyword.length == 0)
        {
          g_free (keyword.folded);
          continue;
        }
      for (const char *p = keyword.folded; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (is_cjk (g_utf8_get_char (p)))
            {
              keyword.substring = TRUE;
              break;
            }
        }
      g_array_append_val (keywords, keyword);
    }

  return keywords;
}

static gboolean
keyword_found (const Keyword *keyword,
               const char    *text)
{
  for (const char *hit = strstr (text, keyword->folded); hit != NULL;
       hit = strstr (g_utf8_next_char (hit), keyword->folded))
    {
      const char *after = hit + keyword->length;

      if (keyword->substring)
        return TRUE;

      /* Whole words: a word character of the keyword's edge must not
       * continue into the text around it. */
      if (hit > text && is_word_char (g_utf8_get_char (keyword->folded)) &&
          is_word_char (g_utf8_get_char (g_utf8_find_prev_char (text, hit))))
        continue;
      if (*after != '\0' &&
          is_word_char (g_utf8_get_char (g_utf8_find_prev_char (keyword->folded,
                                                                keyword->folded + keyword->length))) &&
          is_word_char (g_utf8_get_char (after)))
        continue;
      return TRUE;
    }

  return FALSE;
}

static gboolean
condition_holds (StewardClassifier      *self,
                 const StewardCondition *condition,
                 GArray                 *keywords,
                 StewardUrgencyFacts    *facts)
{
  switch (condition->type)
    {
    case STEWARD_CONDITION_KEYWORDS:
      if (facts->folded == NULL)
        facts->folded = steward_sentiment_analyzer_fold (self->analyzer, facts->text);
      for (guint i = 0; i < keywords->len; i++)
        {
          if (keyword_found (&g_array_index (keywords, Keyword, i), facts->folded))
            return TRUE;
        }
      return FALSE;

    case STEWARD_CONDITION_SENTIMENT:
      return facts->score <= condition->max_score;

    case STEWARD_CONDITION_REACH:
      return !facts->text_only && facts->followers >= 0 &&
             facts->followers >= condition->min_followers;

    case STEWARD_CONDITION_DIRECT:
      return !facts->text_only && facts->direct;

    case STEWARD_CONDITION_BURST:
      return !facts->text_only && facts->count_burst != NULL &&
             facts->count_burst (facts->burst_data, condition->minutes) >= condition->count;

    default:
      g_assert_not_reached ();
    }
}

static void
steward_classifier_finalize (GObject *object)
{
  StewardClassifier *self = (StewardClassifier *) object;

  g_clear_object (&self->analyzer);
  g_clear_pointer (&self->policy, steward_sla_policy_free);
  g_clear_pointer (&self->rules, g_array_unref);

  G_OBJECT_CLASS (steward_classifier_parent_class)->finalize (object);
}

static void
steward_classifier_class_init (StewardClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_classifier_finalize;
}

static void
steward_classifier_init (StewardClassifier *self)
{
  self->rules = g_array_new (FALSE, TRUE, sizeof (CompiledRule));
  g_array_set_clear_func (self->rules, clear_compiled_rule);
}

StewardSentimentAnalyzer *
steward_classifier_get_analyzer (StewardClassifier *self)
{
  g_assert (STEWARD_IS_CLASSIFIER (self));
  return self->analyzer;
}

guint
steward_classifier_get_n_rules (StewardClassifier *self)
{
  g_assert (STEWARD_IS_CLASSIFIER (self));
  return self->rules->len;
}

StewardUrgencyRule *
steward_classifier_get_rule (StewardClassifier *self,
                             guint              index)
{
  g_assert (STEWARD_IS_CLASSIFIER (self));
  g_assert (index < self->rules->len);
  return g_array_index (self->rules, CompiledRule, index).rule;
}

gboolean
steward_classifier_rule_holds (StewardClassifier   *self,
                               guint                index,
                               StewardUrgencyFacts *facts)
{
  const CompiledRule *compiled;
  guint n;

  g_assert (STEWARD_IS_CLASSIFIER (self));
  g_assert (index < self->rules->len);
  g_assert (facts != NULL);

  compiled = &g_array_index (self->rules, CompiledRule, index);
  n = steward_urgency_rule_get_n_conditions (compiled->rule);
  if (n == 0)
    return FALSE;

  /* Cheap conditions first: the burst one may query the store. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          const StewardCondition *condition = steward_urgency_rule_get_condition (compiled->rule, i);

          if ((condition->type == STEWARD_CONDITION_BURST) != (pass == 1))
            continue;
          if (!condition_holds (self, condition, g_ptr_array_index (compiled->keywords, i), facts))
            return FALSE;
        }
    }

  return TRUE;
}

GStrv
steward_classifier_fire (StewardClassifier   *self,
                         StewardUrgencyFacts *facts)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert (STEWARD_IS_CLASSIFIER (self));

  for (guint i = 0; i < self->rules->len; i++)
    {
      StewardUrgencyRule *rule = g_array_index (self->rules, CompiledRule, i).rule;

      if (steward_urgency_rule_get_enabled (rule) && steward_classifier_rule_holds (self, i, facts))
        g_strv_builder_add (names, steward_urgency_rule_get_name (rule));
    }

  return g_strv_builder_end (names);
}

/**
 * steward_classifier_new:
 * @analyzer: the sentiment analyzer
 * @rules: (element-type StewardUrgencyRule): the rules, in order (copied)
 * @policy: the SLA policy (copied)
 *
 * Returns: (transfer full): a classifier
 */
StewardClassifier *
steward_classifier_new (StewardSentimentAnalyzer *analyzer,
                        GPtrArray                *rules,
                        const StewardSlaPolicy   *policy)
{
  StewardClassifier *self;

  g_return_val_if_fail (STEWARD_IS_SENTIMENT_ANALYZER (analyzer), NULL);
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (policy != NULL, NULL);

  self = g_object_new (STEWARD_TYPE_CLASSIFIER, NULL);
  self->analyzer = g_object_ref (analyzer);
  self->policy = steward_sla_policy_copy (policy);

  for (guint i = 0; i < rules->len; i++)
    {
      CompiledRule compiled;
      guint n;

      compiled.rule = copy_rule (g_ptr_array_index (rules, i));
      n = steward_urgency_rule_get_n_conditions (compiled.rule);
      compiled.keywords = g_ptr_array_new_full (n, free_keywords);
      for (guint j = 0; j < n; j++)
        {
          const StewardCondition *condition = steward_urgency_rule_get_condition (compiled.rule, j);

          g_ptr_array_add (compiled.keywords,
                           condition->type == STEWARD_CONDITION_KEYWORDS
                             ? compile_keywords (analyzer, (const char * const *) condition->words)
                             : NULL);
        }
      g_array_append_val (self->rules, compiled);
    }

  return self;
}

/**
 * steward_classifier_new_for_store:
 * @store: a store
 * @analyzer: the sentiment analyzer
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a classifier with the workspace's
 *   rules (the defaults the first time) and SLA policy
 */
StewardClassifier *
steward_classifier_new_for_store (StewardStore             *store,
                                  StewardSentimentAnalyzer *analyzer,
                                  GError                  **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(StewardSlaPolicy) policy = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (STEWARD_IS_SENTIMENT_ANALYZER (analyzer), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rules = steward_store_list_urgency_rules (store, error);
  if (rules == NULL)
    return NULL;
  policy = steward_store_load_sla_policy (store, error);
  if (policy == NULL)
    return NULL;

  return steward_classifier_new (analyzer, rules, policy);
}

const StewardSlaPolicy *
steward_classifier_get_policy (StewardClassifier *self)
{
  g_return_val_if_fail (STEWARD_IS_CLASSIFIER (self), NULL);
  return self->policy;
}

void
steward_classification_free (StewardClassification *classification)
{
  if (classification == NULL)
    return;

  g_strfreev (classification->rules);
  g_free (classification);
}

/**
 * steward_classifier_analyze_text:
 * @self: a classifier
 * @text: (nullable): plain text
 *
 * Returns: (transfer full): the sentiment and the rules that fire on the
 *   text alone
 */
StewardClassification *
steward_classifier_analyze_text (StewardClassifier *self,
                                 const char        *text)
{
  StewardClassification *classification;
  StewardUrgencyFacts facts = { 0 };

  g_return_val_if_fail (STEWARD_IS_CLASSIFIER (self), NULL);

  classification = g_new0 (StewardClassification, 1);
  classification->score = steward_sentiment_analyzer_score (self->analyzer, text,
                                                            &classification->label);

  facts.text = text != NULL ? text : "";
  facts.score = classification->score;
  facts.followers = -1;
  facts.text_only = TRUE;
  classification->rules = steward_classifier_fire (self, &facts);
  classification->urgent = classification->rules[0] != NULL;
  g_free (facts.folded);

  return classification;
}
