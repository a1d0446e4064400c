/* steward-sentiment-result.c — the outcome of one sentiment analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-sentiment"

#include "steward-sentiment-private.h"

struct _StewardSentimentResult {
  gatomicrefcount        ref_count;
  double                 score;
  StewardSentimentLabel  label;
  GPtrArray             *cues;      /* of char * */
  GArray                *weights;   /* of double */
};

G_DEFINE_BOXED_TYPE (StewardSentimentResult, steward_sentiment_result,
                     steward_sentiment_result_ref, steward_sentiment_result_unref)

/* Takes a reference on @cues and @weights, which must not change after. */
StewardSentimentResult *
steward_sentiment_result_new (double     score,
                              GPtrArray *cues,
                              GArray    *weights)
{
  StewardSentimentResult *result = g_new0 (StewardSentimentResult, 1);

  g_assert (cues != NULL && weights != NULL && cues->len == weights->len);

  g_atomic_ref_count_init (&result->ref_count);
  result->score = score;
  result->label = steward_sentiment_label_for_score (score);
  result->cues = g_ptr_array_ref (cues);
  result->weights = g_array_ref (weights);

  return result;
}

/**
 * steward_sentiment_result_ref:
 * @result: a result
 *
 * Returns: (transfer full): @result
 */
StewardSentimentResult *
steward_sentiment_result_ref (StewardSentimentResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

/**
 * steward_sentiment_result_unref:
 * @result: (transfer full): a result
 */
void
steward_sentiment_result_unref (StewardSentimentResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_clear_pointer (&result->cues, g_ptr_array_unref);
      g_clear_pointer (&result->weights, g_array_unref);
      g_free (result);
    }
}

/**
 * steward_sentiment_result_get_score:
 * @result: a result
 *
 * Returns: the score in −1..1
 */
double
steward_sentiment_result_get_score (StewardSentimentResult *result)
{
  g_return_val_if_fail (result != NULL, 0.0);

  return result->score;
}

/**
 * steward_sentiment_result_get_label:
 * @result: a result
 *
 * Returns: the label of the score
 */
StewardSentimentLabel
steward_sentiment_result_get_label (StewardSentimentResult *result)
{
  g_return_val_if_fail (result != NULL, STEWARD_SENTIMENT_LABEL_NEUTRAL);

  return result->label;
}

/**
 * steward_sentiment_result_get_n_cues:
 * @result: a result
 *
 * Returns: how many cues contributed to the score
 */
guint
steward_sentiment_result_get_n_cues (StewardSentimentResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->cues->len;
}

/**
 * steward_sentiment_result_get_cue:
 * @result: a result
 * @index: a cue index, less than steward_sentiment_result_get_n_cues()
 * @weight: (out) (optional): its contribution to the sum before scaling
 *
 * Returns: (transfer none): the cue, folded, with its modifiers
 */
const char *
steward_sentiment_result_get_cue (StewardSentimentResult *result,
                                  guint                   index,
                                  double                 *weight)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (index < result->cues->len, NULL);

  if (weight != NULL)
    *weight = g_array_index (result->weights, double, index);

  return g_ptr_array_index (result->cues, index);
}
