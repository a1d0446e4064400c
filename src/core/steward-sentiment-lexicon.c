/* steward-sentiment-lexicon.c — parse the lexicon data files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lexicon file is UTF-8 text, one entry a line:
 *
 *   # a comment
 *   [positive 2.0]        a section, with the default value of its entries
 *   好用                  an entry with the section's value
 *   great value  2.5      an entry with its own value: the last field,
 *                         written with a decimal point
 *
 * Sections: positive, negative (weights, the sign comes from the section),
 * negator (strength), intensifier and diminisher (multipliers), contrast
 * (weight of what follows), concession (weight of its clause), question,
 * neutral (entries that only stop shorter matches inside them) and adverb
 * (multiplier of an entry that intensifies when a cue follows it) and
 * postfix (multiplier of the cue right before it: "烂透了", "at all").
 */
#define G_LOG_DOMAIN "steward-sentiment"

#include "steward-sentiment-lexicon.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-error.h"

#define MAX_KEY_BYTES 256

struct _StewardLexicon {
  GHashTable *entries;   /* folded key → StewardLexiconEntry */
  GStringChunk *strings;
  guint       max_chars;
  guint       max_words;
};

typedef enum {
  SECTION_NONE,
  SECTION_POSITIVE,
  SECTION_NEGATIVE,
  SECTION_NEGATOR,
  SECTION_INTENSIFIER,
  SECTION_DIMINISHER,
  SECTION_CONTRAST,
  SECTION_CONCESSION,
  SECTION_QUESTION,
  SECTION_NEUTRAL,
  SECTION_ADVERB,
  SECTION_POSTFIX,
} Section;

static const struct {
  const char *name;
  Section     section;
  double      value;
} sections[] = {
  { "positive", SECTION_POSITIVE, 2.0 },
  { "negative", SECTION_NEGATIVE, 2.0 },
  { "negator", SECTION_NEGATOR, 1.0 },
  { "intensifier", SECTION_INTENSIFIER, 1.4 },
  { "diminisher", SECTION_DIMINISHER, 0.7 },
  { "contrast", SECTION_CONTRAST, 1.5 },
  { "concession", SECTION_CONCESSION, 0.5 },
  { "question", SECTION_QUESTION, 1.0 },
  { "neutral", SECTION_NEUTRAL, 0.0 },
  { "adverb", SECTION_ADVERB, 1.4 },
  { "postfix", SECTION_POSTFIX, 1.4 },
};

/* Variation selectors, the zero-width joiner and skin tones: "❤️" is "❤",
 * "👍🏻" is "👍". Keys drop them, and so does the scanner. */
gboolean
steward_lexicon_is_ignored_char (gunichar c)
{
  return c == 0xFE0E || c == 0xFE0F || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF);
}

/* Lower case, skipped characters dropped, runs of spaces made one. */
static char *
normalize_key (const char *folded)
{
  g_autofree char *lower = g_utf8_strdown (folded, -1);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (steward_lexicon_is_ignored_char (c))
        continue;
      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static gboolean
parse_weight (const char *field,
              double     *value)
{
  char *end = NULL;

  if (strchr (field, '.') == NULL)
    return FALSE;

  *value = g_ascii_strtod (field, &end);
  return end != field && *end == '\0';
}

static void
add_entry (StewardLexicon *self,
           Section         section,
           const char     *key,
           double          value)
{
  StewardLexiconEntry *entry = g_hash_table_lookup (self->entries, key);
  gboolean has_latin = FALSE;
  guint n_chars = 0;
  guint n_words = 1;
  gunichar first = g_utf8_get_char (key);

  if (entry == NULL)
    {
      const char *text = g_string_chunk_insert_const (self->strings, key);

      entry = g_new0 (StewardLexiconEntry, 1);
      entry->kind = STEWARD_LEXICON_NEUTRAL;
      entry->text = text;
      entry->negatable = g_unichar_isalnum (first);
      g_hash_table_insert (self->entries, (gpointer) text, entry);
    }

  switch (section)
    {
    case SECTION_POSITIVE:
      entry->kind = STEWARD_LEXICON_SENTIMENT;
      entry->value = value;
      break;
    case SECTION_NEGATIVE:
      entry->kind = STEWARD_LEXICON_SENTIMENT;
      entry->value = -value;
      break;
    case SECTION_NEGATOR:
      entry->kind = STEWARD_LEXICON_NEGATOR;
      entry->value = value;
      break;
    case SECTION_INTENSIFIER:
    case SECTION_DIMINISHER:
      entry->kind = STEWARD_LEXICON_MODIFIER;
      entry->value = value;
      break;
    case SECTION_CONTRAST:
      entry->kind = STEWARD_LEXICON_CONTRAST;
      entry->value = value;
      break;
    case SECTION_CONCESSION:
      entry->kind = STEWARD_LEXICON_CONCESSION;
      entry->value = value;
      break;
    case SECTION_QUESTION:
      entry->kind = STEWARD_LEXICON_QUESTION;
      entry->value = value;
      break;
    case SECTION_NEUTRAL:
      entry->kind = STEWARD_LEXICON_NEUTRAL;
      entry->value = 0.0;
      break;
    case SECTION_ADVERB:
      entry->adverb = value;
      break;
    case SECTION_POSTFIX:
      entry->kind = STEWARD_LEXICON_POSTFIX;
      entry->value = value;
      break;
    case SECTION_NONE:
    default:
      g_assert_not_reached ();
    }

  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      if (c == ' ')
        n_words++;
      else if (c < 0x80 && g_ascii_isalnum (c))
        has_latin = TRUE;
    }

  if (has_latin)
    self->max_words = MAX (self->max_words, n_words);
  else
    self->max_chars = MAX (self->max_chars, n_chars);
}

StewardLexicon *
steward_lexicon_new (void)
{
  StewardLexicon *self = g_new0 (StewardLexicon, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->strings = g_string_chunk_new (4096);
  self->max_chars = 1;
  self->max_words = 1;

  return self;
}

void
steward_lexicon_free (StewardLexicon *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

gboolean
steward_lexicon_load (StewardLexicon          *self,
                      const char              *name,
                      const char              *data,
                      gsize                    length,
                      StewardLexiconFoldFunc   fold,
                      gpointer                 user_data,
                      GError                 **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  Section section = SECTION_NONE;
  double section_value = 0.0;

  g_assert (self != NULL);
  g_assert (fold != NULL);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("The lexicon “%s” is not valid UTF-8"), name);
      return FALSE;
    }

  copy = g_strndup (data, length);
  lines = g_strsplit (copy, "\n", -1);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      char *line = g_strstrip (lines[n]);
      g_auto(GStrv) fields = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *folded = NULL;
      g_autofree char *key = NULL;
      double value = section_value;
      guint n_fields;

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (line[0] == '[')
        {
          g_auto(GStrv) parts = NULL;
          char *close = strchr (line, ']');
          gboolean found = FALSE;

          if (close == NULL)
            goto bad_line;
          *close = '\0';
          parts = g_strsplit_set (line + 1, " \t", -1);
          for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
            {
              if (g_str_equal (parts[0], sections[i].name))
                {
                  section = sections[i].section;
                  section_value = sections[i].value;
                  found = TRUE;
                }
            }
          if (!found)
            goto bad_line;
          if (parts[1] != NULL && !parse_weight (parts[1], &section_value))
            goto bad_line;
          continue;
        }

      if (section == SECTION_NONE)
        goto bad_line;

      fields = g_strsplit_set (line, " \t", -1);
      n_fields = g_strv_length (fields);
      if (n_fields > 1 && parse_weight (fields[n_fields - 1], &value))
        {
          g_free (fields[n_fields - 1]);
          fields[n_fields - 1] = NULL;
        }
      joined = g_strjoinv (" ", fields);
      folded = fold (joined, user_data);
      key = normalize_key (folded);
      if (key[0] == '\0' || strlen (key) >= MAX_KEY_BYTES)
        goto bad_line;

      add_entry (self, section, key, value);
      continue;

    bad_line:
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("Line %u of the lexicon “%s” cannot be read"), n + 1, name);
      return FALSE;
    }

  return TRUE;
}

const StewardLexiconEntry *
steward_lexicon_lookup (const StewardLexicon *self,
                        const char           *key,
                        gsize                 key_len)
{
  char buffer[MAX_KEY_BYTES];

  if (key_len == 0 || key_len >= sizeof buffer)
    return NULL;

  memcpy (buffer, key, key_len);
  buffer[key_len] = '\0';

  return g_hash_table_lookup (self->entries, buffer);
}

guint
steward_lexicon_get_max_chars (const StewardLexicon *self)
{
  return self->max_chars;
}

guint
steward_lexicon_get_max_words (const StewardLexicon *self)
{
  return self->max_words;
}

guint
steward_lexicon_get_size (const StewardLexicon *self)
{
  return g_hash_table_size (self->entries);
}
