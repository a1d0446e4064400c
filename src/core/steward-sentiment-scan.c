/* steward-sentiment-scan.c — cut folded text into lexicon tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Han runs are matched character by character against the longest lexicon
 * entry; Latin runs word by word against the longest phrase. Punctuation
 * becomes clause and sentence breaks, emoji single-character entries, and
 * links and @handles are skipped.
 */
#define G_LOG_DOMAIN "steward-sentiment"

#include "steward-sentiment-private.h"

#include <string.h>

gboolean
steward_sentiment_is_han (gunichar c)
{
  return c >= 0x2E80 && g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean
is_word_char (gunichar c)
{
  return !steward_sentiment_is_han (c) && g_unichar_isalnum (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == '\n' || c == 0x2026;
}

static void
push_break (GArray    *tokens,
            StewardSentimentTokenType  type,
            gunichar   c)
{
  StewardSentimentToken *last = tokens->len > 0 ? &g_array_index (tokens, StewardSentimentToken, tokens->len - 1) : NULL;
  StewardSentimentToken token = { .type = type };

  /* "!!!" and "?!" end one sentence; a clause break before them is moot. */
  if (last != NULL && last->type == TOKEN_SENTENCE && type == TOKEN_SENTENCE)
    {
      token = *last;
      g_array_set_size (tokens, tokens->len - 1);
    }
  else if (last != NULL && last->type == TOKEN_CLAUSE)
    g_array_set_size (tokens, tokens->len - 1);
  else if (last != NULL && last->type == TOKEN_SENTENCE && type == TOKEN_CLAUSE)
    return;

  token.type = MAX (token.type, type);
  if (c == '!')
    token.n_exclamations = MIN (token.n_exclamations + 1, 10);
  else if (c == '?')
    token.question = TRUE;

  g_array_append_val (tokens, token);
}

static void
push_entry (GArray                    *tokens,
            const StewardLexiconEntry *entry,
            gboolean                   caps)
{
  StewardSentimentToken token = { .type = TOKEN_WORD, .entry = entry, .caps = caps };

  g_array_append_val (tokens, token);
}

/* Han runs: at each character the longest lexicon entry starting there. */
static void
scan_han (const StewardLexicon     *lexicon,
          const char               *start,
          const char               *end,
          GArray                   *tokens)
{
  guint max_chars = steward_lexicon_get_max_chars (lexicon);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      guint offset = p - start;
      g_array_append_val (offsets, offset);
    }
  n = offsets->len;
  {
    guint offset = end - start;
    g_array_append_val (offsets, offset);
  }

  for (guint i = 0; i < n;)
    {
      const StewardLexiconEntry *entry = NULL;
      guint len;

      for (len = MIN (max_chars, n - i); len > 0; len--)
        {
          guint from = g_array_index (offsets, guint, i);
          guint to = g_array_index (offsets, guint, i + len);

          entry = steward_lexicon_lookup (lexicon, start + from, to - from);
          if (entry != NULL)
            break;
        }

      push_entry (tokens, entry, FALSE);
      i += entry != NULL ? len : 1;
    }
}

/* Latin runs: words separated by spaces or hyphens, longest phrase first. */
static void
scan_words (const StewardLexicon     *lexicon,
            GPtrArray                *words,
            GArray                   *caps,
            GArray                   *tokens)
{
  guint max_words = steward_lexicon_get_max_words (lexicon);
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < words->len;)
    {
      const StewardLexiconEntry *entry = NULL;
      guint len;

      for (len = MIN (max_words, words->len - i); len > 0; len--)
        {
          g_string_truncate (key, 0);
          for (guint j = 0; j < len; j++)
            {
              if (j > 0)
                g_string_append_c (key, ' ');
              g_string_append (key, g_ptr_array_index (words, i + j));
            }
          entry = steward_lexicon_lookup (lexicon, key->str, key->len);
          if (entry != NULL)
            break;
        }

      push_entry (tokens, entry, g_array_index (caps, gboolean, i));
      i += entry != NULL ? len : 1;
    }

  g_ptr_array_set_size (words, 0);
  g_array_set_size (caps, 0);
}

static gboolean
word_is_caps (const char *start,
              const char *end)
{
  guint upper = 0;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        upper++;
    }

  return upper >= 2;
}

GArray *
steward_sentiment_scan (const StewardLexicon *lexicon,
                        const char           *text)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (StewardSentimentToken));
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) caps = g_array_new (FALSE, FALSE, sizeof (gboolean));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      /* Links and @handles say nothing about sentiment ("…/bad-product"). */
      if (c == '@' || g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://") ||
          g_str_has_prefix (p, "www."))
        {
          scan_words (lexicon, words, caps, tokens);
          while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          continue;
        }

      if (steward_sentiment_is_han (c))
        {
          const char *start = p;

          scan_words (lexicon, words, caps, tokens);
          while (*p != '\0' && steward_sentiment_is_han (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          scan_han (lexicon, start, p, tokens);
          continue;
        }

      if (is_word_char (c))
        {
          const char *start = p;
          g_autoptr(GString) word = g_string_new (NULL);
          gboolean word_caps;

          while (*p != '\0')
            {
              gunichar w = g_utf8_get_char (p);
              const char *next = g_utf8_next_char (p);

              if (is_word_char (w))
                g_string_append_unichar (word, g_unichar_tolower (w));
              else if (is_apostrophe (w) && is_word_char (g_utf8_get_char (next)))
                g_string_append_c (word, '\'');
              else
                break;
              p = next;
            }
          word_caps = word_is_caps (start, p);
          g_ptr_array_add (words, g_string_free (g_steal_pointer (&word), FALSE));
          g_array_append_val (caps, word_caps);
          continue;
        }

      /* "v2.0", "example.com": a dot inside a word ends no sentence. */
      if (c == '.' && words->len > 0 && is_word_char (g_utf8_get_char (p + 1)))
        {
          p++;
          continue;
        }

      if (g_unichar_isspace (c) && c != '\n')
        {
          p = g_utf8_next_char (p);
          continue;
        }

      if (c == '-' && words->len > 0 && is_word_char (g_utf8_get_char (p + 1)))
        {
          p++;
          continue;
        }

      scan_words (lexicon, words, caps, tokens);

      if (steward_lexicon_is_ignored_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      /* ASCII emoticons such as ":)" and ":-(" are lexicon entries. */
      if (c == ':' || c == ';' || c == '=' || c == '<')
        {
          const StewardLexiconEntry *entry = NULL;
          guint len;

          for (len = 3; len >= 2 && entry == NULL; len--)
            {
              char lowered[4] = { 0 };

              if (strnlen (p, len) < len)
                continue;
              for (guint i = 0; i < len; i++)
                lowered[i] = g_ascii_tolower (p[i]);
              entry = steward_lexicon_lookup (lexicon, lowered, len);
              if (entry != NULL)
                break;
            }
          if (entry != NULL)
            {
              push_entry (tokens, entry, FALSE);
              p += len;
              continue;
            }
        }

      {
        /* Emoji and other symbols, one character each; GLib counts
         * symbols as punctuation, so look them up first. */
        const char *next = g_utf8_next_char (p);
        const StewardLexiconEntry *entry = steward_lexicon_lookup (lexicon, p, next - p);

        if (entry != NULL)
          push_entry (tokens, entry, FALSE);
        else if (is_sentence_end (c))
          push_break (tokens, TOKEN_SENTENCE, c);
        else if (g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL)
          push_entry (tokens, NULL, FALSE);
        else if (g_unichar_ispunct (c) || g_unichar_isspace (c))
          push_break (tokens, TOKEN_CLAUSE, c);
        else
          push_entry (tokens, NULL, FALSE);
      }

      p = g_utf8_next_char (p);
    }

  scan_words (lexicon, words, caps, tokens);

  return tokens;
}
