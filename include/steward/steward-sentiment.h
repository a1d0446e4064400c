/* steward-sentiment.h — lexicon-based sentiment of short posts (zh, en)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyzer scores Simplified Chinese, Traditional Chinese and English
 * with lexicons shipped in the core library (the .txt files of src/core/sentiment). The
 * text is folded first: NFKC (full-width to ASCII), case folding, curly
 * apostrophes to "'", emoji variation selectors and skin tones dropped, and
 * Traditional to Simplified Chinese with OpenCC (t2s, as the search index
 * does); the lexicons are folded the same way when they are loaded, so a
 * Traditional entry and its Simplified form are one entry.
 *
 * Chinese is matched by longest-match scanning over runs of Han characters
 * (no word segmenter), English by the longest phrase of up to four words.
 * Both lexicons apply to every text, so mixed posts ("这个app太烂了 lol")
 * work without a language hint. Links and @handles are skipped.
 *
 * Scoring, in order:
 *  - each sentiment cue has a weight (about 0.5 to 3.5, negative or positive);
 *  - up to three modifiers right before it in the same clause (at most two
 *    unrelated words may sit between) change it, nearest first: an
 *    intensifier ("太", "超级", "really") multiplies it, a diminisher
 *    ("有点", "a bit") shrinks it, a negator ("不", "没有", "not", "never")
 *    flips it — a negated positive keeps 80 % of its strength ("不好"), a
 *    negated negative becomes mildly positive at 50 % ("not bad", "没有问题");
 *    a negator in front of an intensifier weakens instead ("not very good");
 *    emoji are never negated. English words in capitals are stronger, and
 *    a postfix right after a cue ("烂透了", "好用到爆", "at all")
 *    strengthens it. "好" (and "超", "巨"…) right before a cue is an
 *    intensifier ("好贵"), before an unknown word nothing ("好大一圈");
 *  - a contrast ("但是", "but") halves everything before it and makes the
 *    rest of its sentence 1.5 times as strong; a concession or condition
 *    ("虽然", "although", "如果", "if") weakens its own clause;
 *  - a sentence ending in "!" is stronger (more for "!!"), a question ("?",
 *    a final "吗") is weaker unless it also has "!";
 *  - the sum x becomes a score x / sqrt (x² + 15) in −1..1, and the label is
 *    neutral when |score| < 0.1.
 *
 * The analyzer is immutable after construction: analyze calls may run
 * concurrently from any threads.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * StewardSentimentLabel:
 * @STEWARD_SENTIMENT_LABEL_NEUTRAL: no clear sentiment
 * @STEWARD_SENTIMENT_LABEL_POSITIVE: praise, satisfaction
 * @STEWARD_SENTIMENT_LABEL_NEGATIVE: complaint, anger, disappointment
 *
 * The sentiment of a text. The stable names are "neutral", "positive" and
 * "negative".
 */
typedef enum {
  STEWARD_SENTIMENT_LABEL_NEUTRAL,
  STEWARD_SENTIMENT_LABEL_POSITIVE,
  STEWARD_SENTIMENT_LABEL_NEGATIVE,
} StewardSentimentLabel;

#define STEWARD_SENTIMENT_NEUTRAL_BAND 0.1

const char *steward_sentiment_label_to_string        (StewardSentimentLabel  label);
gboolean    steward_sentiment_label_from_string      (const char            *str,
                                                      StewardSentimentLabel *label);
const char *steward_sentiment_label_get_display_name (StewardSentimentLabel  label);
StewardSentimentLabel steward_sentiment_label_for_score (double score);

const char *steward_sentiment_detect_language        (const char            *text);

#define STEWARD_TYPE_SENTIMENT_RESULT (steward_sentiment_result_get_type ())

typedef struct _StewardSentimentResult StewardSentimentResult;

GType                  steward_sentiment_result_get_type    (void) G_GNUC_CONST;
StewardSentimentResult *steward_sentiment_result_ref        (StewardSentimentResult *result);
void                   steward_sentiment_result_unref       (StewardSentimentResult *result);
double                 steward_sentiment_result_get_score   (StewardSentimentResult *result);
StewardSentimentLabel  steward_sentiment_result_get_label   (StewardSentimentResult *result);
guint                  steward_sentiment_result_get_n_cues  (StewardSentimentResult *result);
const char            *steward_sentiment_result_get_cue     (StewardSentimentResult *result,
                                                             guint                   index,
                                                             double                 *weight);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardSentimentResult, steward_sentiment_result_unref)

#define STEWARD_TYPE_SENTIMENT_ANALYZER (steward_sentiment_analyzer_get_type ())

G_DECLARE_FINAL_TYPE (StewardSentimentAnalyzer, steward_sentiment_analyzer, STEWARD, SENTIMENT_ANALYZER, GObject)

StewardSentimentAnalyzer *steward_sentiment_analyzer_new     (GError                  **error);
StewardSentimentResult   *steward_sentiment_analyzer_analyze (StewardSentimentAnalyzer  *self,
                                                              const char                *text);
double                    steward_sentiment_analyzer_score   (StewardSentimentAnalyzer  *self,
                                                              const char                *text,
                                                              StewardSentimentLabel     *label);

G_END_DECLS
