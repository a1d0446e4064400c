/* steward-sentiment-lexicon.h — the sentiment lexicons (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  STEWARD_LEXICON_NEUTRAL,      /* matched so that shorter entries inside do not fire */
  STEWARD_LEXICON_SENTIMENT,    /* value: signed weight */
  STEWARD_LEXICON_NEGATOR,      /* value: strength, 1 normal */
  STEWARD_LEXICON_MODIFIER,     /* value: multiplier, > 1 intensifier, < 1 diminisher */
  STEWARD_LEXICON_CONTRAST,     /* value: weight of the rest of the sentence */
  STEWARD_LEXICON_CONCESSION,   /* value: weight of its own clause */
  STEWARD_LEXICON_QUESTION,     /* a question particle when it ends a sentence */
  STEWARD_LEXICON_POSTFIX,      /* value: multiplier of the cue right before it ("好用到爆") */
} StewardLexiconKind;

typedef struct {
  StewardLexiconKind  kind;
  double              value;
  /* > 0 when the entry is an intensifier with this multiplier right
   * before a sentiment cue ("好贵": 好 intensifies) */
  double              adverb;
  /* FALSE for emoji: a negator does not flip them */
  gboolean            negatable;
  const char         *text;     /* the folded key */
} StewardLexiconEntry;

typedef struct _StewardLexicon StewardLexicon;

/* Folds text as the analyzer does: NFKC, Traditional → Simplified. */
typedef char *(*StewardLexiconFoldFunc) (const char *text,
                                         gpointer    user_data);

StewardLexicon            *steward_lexicon_new       (void);
void                       steward_lexicon_free      (StewardLexicon          *lexicon);
gboolean                   steward_lexicon_load      (StewardLexicon          *lexicon,
                                                      const char              *name,
                                                      const char              *data,
                                                      gsize                    length,
                                                      StewardLexiconFoldFunc   fold,
                                                      gpointer                 user_data,
                                                      GError                 **error);
const StewardLexiconEntry *steward_lexicon_lookup    (const StewardLexicon    *lexicon,
                                                      const char              *key,
                                                      gsize                    key_len);
guint                      steward_lexicon_get_max_chars (const StewardLexicon *lexicon);
guint                      steward_lexicon_get_max_words (const StewardLexicon *lexicon);
guint                      steward_lexicon_get_size  (const StewardLexicon    *lexicon);
gboolean                   steward_lexicon_is_ignored_char (gunichar        c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardLexicon, steward_lexicon_free)

G_END_DECLS
