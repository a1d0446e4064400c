/* steward-sentiment-private.h — internals shared by the sentiment files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-sentiment.h"
#include "steward-sentiment-lexicon.h"

G_BEGIN_DECLS

typedef enum {
  TOKEN_WORD,        /* a lexicon entry or a filler (entry == NULL) */
  TOKEN_CLAUSE,      /* , ; : and the like */
  TOKEN_SENTENCE,    /* . ! ? 。 newline */
} StewardSentimentTokenType;

typedef struct {
  StewardSentimentTokenType                  type;
  const StewardLexiconEntry *entry;
  guint8                     n_exclamations;
  guint                      question : 1;
  guint                      caps : 1;
} StewardSentimentToken;

GArray   *steward_sentiment_scan   (const StewardLexicon *lexicon,
                                   const char           *text);
gboolean  steward_sentiment_is_han (gunichar              c);

/* The analyzer's folding (NFKC, Traditional → Simplified with OpenCC, as
 * the search index folds) followed by case folding: what urgency keywords
 * and the texts they are looked for in both go through
 * (steward-classifier.c). Thread-safe. */
char     *steward_sentiment_analyzer_fold (StewardSentimentAnalyzer *self,
                                           const char               *text);

StewardSentimentResult *steward_sentiment_result_new (double     score,
                                                      GPtrArray *cues,
                                                      GArray    *weights);

G_END_DECLS
