/* steward-sentiment.c — lexicon-based sentiment of short posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are described in include/steward/steward-sentiment.h. A text is
 * folded (NFKC, Traditional → Simplified), cut into tokens by longest
 * lexicon match (Han runs character by character, Latin runs word by word),
 * and the tokens are scored in one pass with clause and sentence state.
 */
#define G_LOG_DOMAIN "steward-sentiment"

#include "steward-sentiment.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <opencc.h>

#include "steward-core-resources.h"
#include "steward-error.h"
#include "steward-sentiment-lexicon.h"
#include "steward-sentiment-private.h"

#define RESOURCE_DIR "/io/github/steward/Steward/sentiment"

/* How far back modifiers of a cue are looked for. */
#define MAX_MODIFIERS 3
#define MAX_GAP       2

#define NEGATED_POSITIVE   0.8   /* "不好" keeps 80 % of "好", negative */
#define NEGATED_NEGATIVE   0.5   /* "not bad" is half as positive as "bad" is negative */
#define NEGATED_INTENSIFIED 0.3  /* "not very good" */
#define CAPS_BOOST         1.3
#define CONTRAST_BEFORE    0.5
#define QUESTION_DAMPING   0.5
#define EXCLAMATION_BOOST  0.15
#define NORMALIZE_ALPHA    15.0

struct _StewardSentimentAnalyzer {
  GObject         parent_instance;

  StewardLexicon *lexicon;
  opencc_t        opencc;
  GMutex          opencc_lock;
};

typedef struct {
  double      value;
  const char *cue;
  guint       first_modifier;   /* token index of the farthest modifier used */
  guint       token;
} Contribution;

G_DEFINE_FINAL_TYPE (StewardSentimentAnalyzer, steward_sentiment_analyzer, G_TYPE_OBJECT)

static const char * const label_names[] = {
  [STEWARD_SENTIMENT_LABEL_NEUTRAL] = "neutral",
  [STEWARD_SENTIMENT_LABEL_POSITIVE] = "positive",
  [STEWARD_SENTIMENT_LABEL_NEGATIVE] = "negative",
};

static char *
fold_text (StewardSentimentAnalyzer *self,
           const char               *text)
{
  g_autofree char *valid = NULL;
  char *normalized;
  gboolean has_cjk = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return g_strdup ("");

  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p >= 0xE2 && g_utf8_get_char (p) >= 0x2E80)
        {
          has_cjk = TRUE;
          break;
        }
    }

  if (has_cjk && self->opencc != (opencc_t) -1)
    {
      char *converted;

      /* OpenCC's converter is not documented as thread-safe. */
      g_mutex_lock (&self->opencc_lock);
      converted = opencc_convert_utf8 (self->opencc, normalized, strlen (normalized));
      g_mutex_unlock (&self->opencc_lock);

      if (converted != NULL)
        {
          g_free (normalized);
          normalized = g_strdup (converted);
          opencc_convert_utf8_free (converted);
        }
    }

  return normalized;
}

static char *
fold_lexicon_key (const char *text,
                  gpointer    user_data)
{
  return fold_text (user_data, text);
}

/* The kind a token acts as: an adverb entry ("好") intensifies the cue
 * right after it. */
static StewardLexiconKind
token_kind (GArray *tokens,
            guint   i,
            double *value)
{
  const StewardSentimentToken *token = &g_array_index (tokens, StewardSentimentToken, i);
  const StewardSentimentToken *next = i + 1 < tokens->len ? &g_array_index (tokens, StewardSentimentToken, i + 1) : NULL;

  if (token->type != TOKEN_WORD || token->entry == NULL)
    {
      *value = 0.0;
      return STEWARD_LEXICON_NEUTRAL;
    }

  if (token->entry->adverb > 0.0 && next != NULL && next->type == TOKEN_WORD &&
      next->entry != NULL && next->entry->kind == STEWARD_LEXICON_SENTIMENT &&
      next->entry->negatable)
    {
      *value = token->entry->adverb;
      return STEWARD_LEXICON_MODIFIER;
    }

  /* Before a word the lexicon does not know, "好" is an adverb of
   * something neutral ("好大一圈"), not praise; particles are entries. */
  if (token->entry->adverb > 0.0 && next != NULL && next->type == TOKEN_WORD &&
      next->entry == NULL && token->entry->kind == STEWARD_LEXICON_SENTIMENT)
    {
      *value = 0.0;
      return STEWARD_LEXICON_NEUTRAL;
    }

  *value = token->entry->value;
  return token->entry->kind;
}

/* The value of the cue at @i with the negators and modifiers before it. */
static double
modified_value (GArray  *tokens,
                guint    i,
                gboolean caps_boost,
                guint   *first_modifier)
{
  const StewardSentimentToken *token = &g_array_index (tokens, StewardSentimentToken, i);
  double w = token->entry->value;
  gboolean intensified = FALSE;
  gboolean negated = FALSE;
  guint n_modifiers = 0;
  guint gap = 0;

  *first_modifier = i;

  if (token->caps && caps_boost)
    w *= CAPS_BOOST;

  for (guint j = i; j-- > 0 && n_modifiers < MAX_MODIFIERS;)
    {
      const StewardSentimentToken *prev = &g_array_index (tokens, StewardSentimentToken, j);
      StewardLexiconKind kind;
      double value;

      if (prev->type != TOKEN_WORD)
        break;

      kind = token_kind (tokens, j, &value);
      if (kind == STEWARD_LEXICON_MODIFIER)
        {
          w *= value;
          if (!negated && value > 1.0)
            intensified = TRUE;
        }
      else if (kind == STEWARD_LEXICON_NEGATOR)
        {
          if (!token->entry->negatable)
            break;
          if (intensified && !negated)
            w = -w * NEGATED_INTENSIFIED;
          else if (w > 0)
            w = -w * NEGATED_POSITIVE * value;
          else
            w = -w * NEGATED_NEGATIVE * value;
          negated = TRUE;
        }
      else if (prev->entry == NULL || kind == STEWARD_LEXICON_NEUTRAL)
        {
          if (++gap > MAX_GAP)
            break;
          continue;
        }
      else
        break;

      n_modifiers++;
      *first_modifier = j;
    }

  return w;
}

static void
close_sentence (GArray      *contributions,
                guint        first,
                const StewardSentimentToken *end,
                gboolean     question_particle)
{
  double factor = 1.0;

  if (end != NULL && end->n_exclamations > 0)
    factor = 1.0 + EXCLAMATION_BOOST * MIN (end->n_exclamations, 3);
  else if ((end != NULL && end->question) || question_particle)
    factor = QUESTION_DAMPING;

  for (guint k = first; k < contributions->len; k++)
    g_array_index (contributions, Contribution, k).value *= factor;
}

static double
score_tokens (GArray *tokens,
              GArray *contributions)
{
  guint sentence_first = 0;
  double contrast = 1.0;
  double concession = 1.0;
  gboolean question_particle = FALSE;
  gboolean caps_boost;
  guint n_words = 0;
  guint n_caps = 0;
  double sum = 0.0;

  for (guint i = 0; i < tokens->len; i++)
    {
      const StewardSentimentToken *token = &g_array_index (tokens, StewardSentimentToken, i);

      if (token->type == TOKEN_WORD)
        {
          n_words++;
          n_caps += token->caps;
        }
    }
  /* Capitals stress a word only when the text is not shouted throughout. */
  caps_boost = n_caps * 2 < n_words;

  for (guint i = 0; i < tokens->len; i++)
    {
      const StewardSentimentToken *token = &g_array_index (tokens, StewardSentimentToken, i);
      StewardLexiconKind kind;
      double value;

      if (token->type == TOKEN_SENTENCE)
        {
          close_sentence (contributions, sentence_first, token, question_particle);
          sentence_first = contributions->len;
          contrast = 1.0;
          concession = 1.0;
          question_particle = FALSE;
          continue;
        }
      if (token->type == TOKEN_CLAUSE)
        {
          concession = 1.0;
          continue;
        }

      kind = token_kind (tokens, i, &value);
      if (kind != STEWARD_LEXICON_NEUTRAL || token->entry != NULL)
        question_particle = FALSE;

      switch (kind)
        {
        case STEWARD_LEXICON_SENTIMENT:
          {
            Contribution c = { .cue = token->entry->text, .token = i };

            c.value = modified_value (tokens, i, caps_boost, &c.first_modifier);
            c.value *= contrast * concession;
            g_array_append_val (contributions, c);
          }
          break;
        case STEWARD_LEXICON_CONTRAST:
          for (guint k = 0; k < contributions->len; k++)
            g_array_index (contributions, Contribution, k).value *= CONTRAST_BEFORE;
          contrast = value;
          concession = 1.0;
          break;
        case STEWARD_LEXICON_CONCESSION:
          concession = value;
          break;
        case STEWARD_LEXICON_QUESTION:
          question_particle = TRUE;
          break;
        case STEWARD_LEXICON_POSTFIX:
          /* Only right after the cue, with at most one word between. */
          if (contributions->len > sentence_first &&
              g_array_index (contributions, Contribution, contributions->len - 1).token + 2 >= i)
            g_array_index (contributions, Contribution, contributions->len - 1).value *= value;
          break;
        case STEWARD_LEXICON_NEGATOR:
        case STEWARD_LEXICON_MODIFIER:
        case STEWARD_LEXICON_NEUTRAL:
        default:
          break;
        }
    }
  close_sentence (contributions, sentence_first, NULL, question_particle);

  for (guint k = 0; k < contributions->len; k++)
    sum += g_array_index (contributions, Contribution, k).value;

  return CLAMP (sum / sqrt (sum * sum + NORMALIZE_ALPHA), -1.0, 1.0);
}

static double
analyze (StewardSentimentAnalyzer *self,
         const char               *text,
         GArray                  **out_tokens,
         GArray                  **out_contributions)
{
  g_autofree char *folded = fold_text (self, text);
  g_autoptr(GArray) tokens = steward_sentiment_scan (self->lexicon, folded);
  g_autoptr(GArray) contributions = g_array_new (FALSE, FALSE, sizeof (Contribution));
  double score = score_tokens (tokens, contributions);

  if (out_tokens != NULL)
    *out_tokens = g_steal_pointer (&tokens);
  if (out_contributions != NULL)
    *out_contributions = g_steal_pointer (&contributions);

  return score;
}

static void
steward_sentiment_analyzer_finalize (GObject *object)
{
  StewardSentimentAnalyzer *self = (StewardSentimentAnalyzer *) object;

  g_clear_pointer (&self->lexicon, steward_lexicon_free);
  if (self->opencc != (opencc_t) -1)
    opencc_close (self->opencc);
  self->opencc = (opencc_t) -1;
  g_mutex_clear (&self->opencc_lock);

  G_OBJECT_CLASS (steward_sentiment_analyzer_parent_class)->finalize (object);
}

static void
steward_sentiment_analyzer_class_init (StewardSentimentAnalyzerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_sentiment_analyzer_finalize;
}

static void
steward_sentiment_analyzer_init (StewardSentimentAnalyzer *self)
{
  g_mutex_init (&self->opencc_lock);
  self->lexicon = steward_lexicon_new ();
  self->opencc = opencc_open ("t2s.json");
  if (self->opencc == (opencc_t) -1)
    g_warning ("Cannot load OpenCC's t2s.json: %s; Traditional Chinese is matched as written",
               opencc_error ());
}

/**
 * steward_sentiment_label_to_string:
 * @label: a sentiment label
 *
 * Returns: (transfer none): "neutral", "positive" or "negative"
 */
const char *
steward_sentiment_label_to_string (StewardSentimentLabel label)
{
  g_return_val_if_fail ((guint) label < G_N_ELEMENTS (label_names), NULL);

  return label_names[label];
}

/**
 * steward_sentiment_label_from_string:
 * @str: (nullable): a stable name
 * @label: (out): where to store the label
 *
 * Returns: %TRUE if @str names a label
 */
gboolean
steward_sentiment_label_from_string (const char            *str,
                                     StewardSentimentLabel *label)
{
  g_return_val_if_fail (label != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (label_names); i++)
    {
      if (g_str_equal (str, label_names[i]))
        {
          *label = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * steward_sentiment_label_get_display_name:
 * @label: a sentiment label
 *
 * Returns: (transfer none): the translated name, for chips and columns
 */
const char *
steward_sentiment_label_get_display_name (StewardSentimentLabel label)
{
  switch (label)
    {
    case STEWARD_SENTIMENT_LABEL_NEUTRAL:
      return C_("sentiment", "Neutral");
    case STEWARD_SENTIMENT_LABEL_POSITIVE:
      return C_("sentiment", "Positive");
    case STEWARD_SENTIMENT_LABEL_NEGATIVE:
      return C_("sentiment", "Negative");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * steward_sentiment_label_for_score:
 * @score: a score in −1..1
 *
 * Returns: neutral within %STEWARD_SENTIMENT_NEUTRAL_BAND of 0, else the
 *   label of the score's sign
 */
StewardSentimentLabel
steward_sentiment_label_for_score (double score)
{
  if (score >= STEWARD_SENTIMENT_NEUTRAL_BAND)
    return STEWARD_SENTIMENT_LABEL_POSITIVE;
  if (score <= -STEWARD_SENTIMENT_NEUTRAL_BAND)
    return STEWARD_SENTIMENT_LABEL_NEGATIVE;
  return STEWARD_SENTIMENT_LABEL_NEUTRAL;
}

/**
 * steward_sentiment_detect_language:
 * @text: (nullable): a post's plain text
 *
 * Guesses whether a post without a language is Chinese or English from
 * its letters: "zh" when Han characters make up at least a third of the
 * letters counted as Han characters and Latin letters, a Han character
 * counting twice; "en" when Latin letters dominate.
 *
 * Returns: (nullable) (transfer none): "zh", "en", or %NULL when the text
 *   has neither Han characters nor Latin letters
 */
const char *
steward_sentiment_detect_language (const char *text)
{
  guint han = 0;
  guint latin = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        latin += g_ascii_isalpha (c) ? 1 : 0;
      else if (steward_sentiment_is_han (c))
        han++;
      else if (g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN)
        latin++;
    }

  if (han == 0 && latin == 0)
    return NULL;

  return han * 2 >= latin ? "zh" : "en";
}

/**
 * steward_sentiment_analyzer_new:
 * @error: return location for a #GError
 *
 * Loads the lexicons compiled into the core library. Create one analyzer
 * and share it: loading takes a few milliseconds.
 *
 * Returns: (transfer full) (nullable): a new analyzer, or %NULL if a
 *   lexicon is broken
 */
StewardSentimentAnalyzer *
steward_sentiment_analyzer_new (GError **error)
{
  g_autoptr(StewardSentimentAnalyzer) self = g_object_new (STEWARD_TYPE_SENTIMENT_ANALYZER, NULL);
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  names = g_resource_enumerate_children (steward_core_get_resource (), RESOURCE_DIR,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (names == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", RESOURCE_DIR, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const char *data;

      if (!g_str_has_suffix (names[i], ".txt"))
        continue;

      bytes = g_resource_lookup_data (steward_core_get_resource (), path,
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;

      data = g_bytes_get_data (bytes, &length);
      if (!steward_lexicon_load (self->lexicon, names[i], data, length,
                                 fold_lexicon_key, self, error))
        return NULL;
    }

  g_debug ("Sentiment lexicon: %u entries", steward_lexicon_get_size (self->lexicon));

  return g_steal_pointer (&self);
}

/**
 * steward_sentiment_analyzer_analyze:
 * @self: an analyzer
 * @text: (nullable): plain text
 *
 * Scores @text and keeps the cues that made the score, each with its
 * final weight (after negation, intensifiers, contrast and punctuation).
 * A cue is the lexicon entry, folded, preceded by the modifiers applied
 * to it: "太 失望", "not bad".
 *
 * Returns: (transfer full): the result
 */
StewardSentimentResult *
steward_sentiment_analyzer_analyze (StewardSentimentAnalyzer *self,
                                    const char               *text)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GArray) contributions = NULL;
  g_autoptr(GPtrArray) cues = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  double score;

  g_return_val_if_fail (STEWARD_IS_SENTIMENT_ANALYZER (self), NULL);

  if (text == NULL)
    return steward_sentiment_result_new (0.0, cues, weights);

  score = analyze (self, text, &tokens, &contributions);

  for (guint k = 0; k < contributions->len; k++)
    {
      const Contribution *c = &g_array_index (contributions, Contribution, k);
      GString *cue = g_string_new (NULL);

      for (guint j = c->first_modifier; j < c->token; j++)
        {
          const StewardSentimentToken *token = &g_array_index (tokens, StewardSentimentToken, j);

          if (token->entry != NULL)
            g_string_append_printf (cue, "%s ", token->entry->text);
        }
      g_string_append (cue, c->cue);
      g_ptr_array_add (cues, g_string_free (cue, FALSE));
      g_array_append_val (weights, c->value);
    }

  return steward_sentiment_result_new (score, cues, weights);
}

char *
steward_sentiment_analyzer_fold (StewardSentimentAnalyzer *self,
                                 const char               *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (STEWARD_IS_SENTIMENT_ANALYZER (self), NULL);

  if (text == NULL)
    return g_strdup ("");

  folded = fold_text (self, text);
  return g_utf8_casefold (folded, -1);
}

/**
 * steward_sentiment_analyzer_score:
 * @self: an analyzer
 * @text: (nullable): plain text
 * @label: (out) (optional): the label of the score
 *
 * Like steward_sentiment_analyzer_analyze() without keeping the cues, for
 * scoring many posts.
 *
 * Returns: the score in −1..1
 */
double
steward_sentiment_analyzer_score (StewardSentimentAnalyzer *self,
                                  const char               *text,
                                  StewardSentimentLabel    *label)
{
  double score = 0.0;

  g_return_val_if_fail (STEWARD_IS_SENTIMENT_ANALYZER (self), 0.0);

  if (text != NULL)
    score = analyze (self, text, NULL, NULL);
  if (label != NULL)
    *label = steward_sentiment_label_for_score (score);

  return score;
}
