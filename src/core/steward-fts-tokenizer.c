/* steward-fts-tokenizer.c — the "steward" SQLite FTS5 tokenizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's own tokenizers fail Chinese: unicode61 makes a sentence one
 * token and trigram cannot match two characters. This one walks the text
 * once, classifying each character:
 *
 *  - letters, digits and marks of alphabetic scripts form words, folded
 *    with NFKC and case folding (ASCII words take a fast path);
 *  - Han, kana and Hangul characters are folded one by one (NFKC, then
 *    Traditional → Simplified with OpenCC) and take one position each. A
 *    document position holds the character and, colocated, the bigram it
 *    starts; a query string becomes its bigrams plus its last character
 *    (or the lone character). Every two-character window of the query is
 *    thus a bigram at consecutive document positions, and the phrase ends
 *    on a position whose offsets are one character, so highlight() marks
 *    exactly the matched text;
 *  - anything else separates tokens.
 *
 * Folding per character keeps positions aligned with the original
 * characters, so offsets are always those of the original text, and makes
 * the query fold exactly as the index did (phrase-level conversion could
 * fold a character differently in a short query than in a sentence). The
 * per-character folds are cached per tokenizer instance: OpenCC costs
 * microseconds a call, the cache nanoseconds.
 *
 * Non-colocated tokens always report non-overlapping, increasing offsets:
 * highlight() in SQLite 3.40 copies garbage when they overlap.
 */
#define G_LOG_DOMAIN "steward-fts"

#include "steward-fts-tokenizer.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <opencc.h>

#include "steward-error.h"

/* Longest word token, in bytes; the rest of a longer word is dropped. */
#define MAX_WORD_BYTES 128

#define FOLD_UNKNOWN 0
#define FOLD_MULTI   G_MAXUINT32

typedef enum {
  CLASS_UNKNOWN = 0,
  CLASS_OTHER,
  CLASS_WORD,
  CLASS_MARK,
  CLASS_CJK,
  CLASS_HANGUL,
} CharClass;

typedef struct {
  opencc_t    opencc;
  guint8     *bmp_class;      /* CharClass per BMP code point, lazily */
  gunichar   *bmp_fold;       /* folded CJK code point, FOLD_UNKNOWN or FOLD_MULTI */
  GHashTable *fold_strings;   /* gunichar → folded UTF-8 when not one BMP char */
} StewardTokenizer;

typedef int (*TokenFunc) (void *ctx, int tflags, const char *token, int n_token, int start, int end);

typedef struct {
  StewardTokenizer *tok;
  void             *ctx;
  TokenFunc         x_token;
  gboolean          query;

  /* The previous character of the current CJK run, folded. */
  gboolean          have_prev;
  CharClass         prev_class;
  char              prev[8];
  int               prev_len;
  int               prev_start;
  int               prev_end;
} Emitter;

static const guint8 ascii_alnum[128] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
  ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
  ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
  ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
  ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
  ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
  ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
  ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static CharClass
classify_uncached (gunichar c)
{
  GUnicodeType type;

  if (c < 0x80)
    return ascii_alnum[c] ? CLASS_WORD : CLASS_OTHER;

  /* The prolonged sound marks are script Common but belong inside kana words. */
  if (c == 0x30FC || c == 0xFF70)
    return CLASS_CJK;

  type = g_unichar_type (c);

  if (type == G_UNICODE_NON_SPACING_MARK ||
      type == G_UNICODE_SPACING_MARK ||
      type == G_UNICODE_ENCLOSING_MARK)
    return CLASS_MARK;

  if (!g_unichar_isalnum (c))
    return CLASS_OTHER;

  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return CLASS_CJK;
    case G_UNICODE_SCRIPT_HANGUL:
      return CLASS_HANGUL;
    default:
      return CLASS_WORD;
    }
}

static inline CharClass
classify (StewardTokenizer *tok,
          gunichar          c)
{
  CharClass cls;

  if (c >= 0x10000)
    return classify_uncached (c);

  cls = tok->bmp_class[c];
  if (G_UNLIKELY (cls == CLASS_UNKNOWN))
    tok->bmp_class[c] = cls = classify_uncached (c);

  return cls;
}

/* Folds one CJK character into @out (UTF-8, not terminated); returns its
 * length. Usually one character; NFKC may expand some (㌀ → アパート). */
static const char *
fold_cjk (StewardTokenizer *tok,
          gunichar          c,
          CharClass         cls,
          char              scratch[8],
          int              *out_len)
{
  g_autofree char *normalized = NULL;
  char *folded;
  const char *cached;
  char in[8];
  int in_len;

  if (c < 0x10000)
    {
      gunichar f = tok->bmp_fold[c];

      if (f != FOLD_UNKNOWN && f != FOLD_MULTI)
        {
          *out_len = g_unichar_to_utf8 (f, scratch);
          return scratch;
        }
    }

  cached = g_hash_table_lookup (tok->fold_strings, GUINT_TO_POINTER (c));
  if (cached != NULL)
    {
      *out_len = strlen (cached);
      return cached;
    }

  in_len = g_unichar_to_utf8 (c, in);
  normalized = g_utf8_normalize (in, in_len, G_NORMALIZE_NFKC);
  if (normalized == NULL || normalized[0] == '\0')
    {
      g_clear_pointer (&normalized, g_free);
      normalized = g_strndup (in, in_len);
    }

  folded = NULL;
  if (cls == CLASS_CJK && tok->opencc != (opencc_t) -1)
    {
      char *converted = opencc_convert_utf8 (tok->opencc, normalized, strlen (normalized));

      if (converted != NULL && converted[0] != '\0')
        folded = g_strdup (converted);
      if (converted != NULL)
        opencc_convert_utf8_free (converted);
    }
  if (folded == NULL)
    folded = g_strdup (normalized);

  if (c < 0x10000 && g_utf8_strlen (folded, -1) == 1 && g_utf8_get_char (folded) < 0x10000)
    {
      tok->bmp_fold[c] = g_utf8_get_char (folded);
      g_free (folded);
      *out_len = g_unichar_to_utf8 (tok->bmp_fold[c], scratch);
      return scratch;
    }

  if (c < 0x10000)
    tok->bmp_fold[c] = FOLD_MULTI;
  g_hash_table_insert (tok->fold_strings, GUINT_TO_POINTER (c), folded);
  *out_len = strlen (folded);
  return folded;
}

static int
emit (Emitter    *em,
      int         tflags,
      const char *token,
      int         n_token,
      int         start,
      int         end)
{
  return em->x_token (em->ctx, tflags, token, n_token, start, end);
}

static int
cjk_flush (Emitter *em)
{
  if (!em->have_prev)
    return SQLITE_OK;

  em->have_prev = FALSE;
  return emit (em, 0, em->prev, em->prev_len, em->prev_start, em->prev_end);
}

/* One folded CJK character @ch of class @cls, at @start..@end of the original. */
static int
cjk_push (Emitter    *em,
          CharClass   cls,
          const char *ch,
          int         ch_len,
          int         start,
          int         end)
{
  int rc = SQLITE_OK;

  if (em->have_prev && em->prev_class != cls)
    rc = cjk_flush (em);

  if (rc == SQLITE_OK && em->have_prev)
    {
      char bigram[16];

      memcpy (bigram, em->prev, em->prev_len);
      memcpy (bigram + em->prev_len, ch, ch_len);

      if (em->query)
        {
          rc = emit (em, 0, bigram, em->prev_len + ch_len, em->prev_start, end);
        }
      else
        {
          rc = emit (em, 0, em->prev, em->prev_len, em->prev_start, em->prev_end);
          if (rc == SQLITE_OK)
            rc = emit (em, FTS5_TOKEN_COLOCATED, bigram, em->prev_len + ch_len,
                       em->prev_start, end);
        }
    }

  g_assert (ch_len <= (int) sizeof em->prev);
  memcpy (em->prev, ch, ch_len);
  em->prev_len = ch_len;
  em->prev_start = start;
  em->prev_end = end;
  em->prev_class = cls;
  em->have_prev = TRUE;

  return rc;
}

static int
cjk_push_original (Emitter    *em,
                   gunichar    c,
                   CharClass   cls,
                   int         start,
                   int         end)
{
  char scratch[8];
  const char *folded;
  const char *p;
  int folded_len;
  int rc = SQLITE_OK;

  folded = fold_cjk (em->tok, c, cls, scratch, &folded_len);

  /* The first folded character carries the original's offsets, the others
   * are empty at its end, so that offsets never overlap. */
  for (p = folded; rc == SQLITE_OK && p < folded + folded_len; p = g_utf8_next_char (p))
    {
      int len = g_utf8_next_char (p) - p;

      rc = cjk_push (em, cls, p, len, p == folded ? start : end, end);
    }

  return rc;
}

/* Appends @c to @buf unless that would pass MAX_WORD_BYTES. */
static void
append_word_char (GString  *buf,
                  gunichar  c)
{
  char utf8[8];
  int len = g_unichar_to_utf8 (c, utf8);

  if (buf->len + len <= MAX_WORD_BYTES)
    g_string_append_len (buf, utf8, len);
}

static int
emit_word_slow (Emitter    *em,
                const char *text,
                int         start,
                int         end)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *casefolded = NULL;
  g_autofree char *refolded = NULL;
  g_autoptr(GString) token = g_string_sized_new (end - start);
  const char *p;

  nfkc = g_utf8_normalize (text + start, end - start, G_NORMALIZE_NFKC);
  if (nfkc == NULL)
    return SQLITE_OK;
  casefolded = g_utf8_casefold (nfkc, -1);
  refolded = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFKC);
  if (refolded == NULL)
    return SQLITE_OK;

  /* Folding may bring in punctuation (¼ → 1⁄4); emoji presentation leaves
   * variation selectors and keycaps (1️⃣): keep letters, digits and the
   * marks that spell (accents, Indic vowel signs). */
  for (p = refolded; *p != '\0' && token->len < MAX_WORD_BYTES; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      CharClass cls = classify (em->tok, c);

      if (cls == CLASS_OTHER)
        continue;
      if (cls == CLASS_MARK &&
          (g_unichar_type (c) == G_UNICODE_ENCLOSING_MARK ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF)))
        continue;
      append_word_char (token, c);
    }

  if (token->len == 0)
    return SQLITE_OK;

  return emit (em, 0, token->str, token->len, start, end);
}

static int
emit_word_ascii (Emitter    *em,
                 const char *text,
                 int         start,
                 int         end)
{
  char token[MAX_WORD_BYTES];
  int len = MIN (end - start, MAX_WORD_BYTES);

  for (int i = 0; i < len; i++)
    {
      char ch = text[start + i];

      token[i] = (ch >= 'A' && ch <= 'Z') ? ch + ('a' - 'A') : ch;
    }

  return emit (em, 0, token, len, start, end);
}

static int
tokenize (StewardTokenizer *tok,
          void             *ctx,
          int               flags,
          const char       *text,
          int               n_text,
          TokenFunc         x_token)
{
  Emitter em = { 0, };
  int i = 0;
  int rc = SQLITE_OK;

  em.tok = tok;
  em.ctx = ctx;
  em.x_token = x_token;
  em.query = (flags & FTS5_TOKENIZE_QUERY) != 0;

  while (rc == SQLITE_OK && i < n_text)
    {
      guchar b = text[i];
      gunichar c;
      CharClass cls;
      int next;

      if (b < 0x80)
        {
          if (!ascii_alnum[b])
            {
              rc = cjk_flush (&em);
              i++;
              continue;
            }
          c = b;
          next = i + 1;
          cls = CLASS_WORD;
        }
      else
        {
          c = g_utf8_get_char_validated (text + i, n_text - i);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              rc = cjk_flush (&em);
              i++;
              continue;
            }
          next = i + g_utf8_skip[b];
          cls = classify (tok, c);
        }

      if (cls == CLASS_CJK || cls == CLASS_HANGUL)
        {
          rc = cjk_push_original (&em, c, cls, i, next);
          i = next;
          continue;
        }

      rc = cjk_flush (&em);
      if (rc != SQLITE_OK)
        break;

      if (cls != CLASS_WORD)
        {
          i = next;
          continue;
        }

      /* A word: letters, digits and the marks that follow them. */
      {
        int start = i;
        gboolean ascii = c < 0x80;

        i = next;
        while (i < n_text)
          {
            b = text[i];
            if (b < 0x80)
              {
                if (!ascii_alnum[b])
                  break;
                i++;
                continue;
              }

            c = g_utf8_get_char_validated (text + i, n_text - i);
            if (c == (gunichar) -1 || c == (gunichar) -2)
              break;
            cls = classify (tok, c);
            if (cls != CLASS_WORD && cls != CLASS_MARK)
              break;
            ascii = FALSE;
            i += g_utf8_skip[b];
          }

        if (ascii)
          rc = emit_word_ascii (&em, text, start, i);
        else
          rc = emit_word_slow (&em, text, start, i);
      }
    }

  if (rc == SQLITE_OK)
    rc = cjk_flush (&em);

  return rc;
}

static void
steward_tokenizer_free (StewardTokenizer *tok)
{
  if (tok->opencc != (opencc_t) -1)
    opencc_close (tok->opencc);
  g_clear_pointer (&tok->bmp_class, g_free);
  g_clear_pointer (&tok->bmp_fold, g_free);
  g_clear_pointer (&tok->fold_strings, g_hash_table_unref);
  g_free (tok);
}

static int
x_create (void            *user_data,
          const char     **args,
          int              n_args,
          Fts5Tokenizer  **out)
{
  StewardTokenizer *tok;

  if (n_args > 0)
    return SQLITE_ERROR;

  tok = g_new0 (StewardTokenizer, 1);
  tok->opencc = opencc_open ("t2s.json");
  if (tok->opencc == (opencc_t) -1)
    {
      g_warning ("Cannot load OpenCC's t2s.json: %s", opencc_error ());
      steward_tokenizer_free (tok);
      return SQLITE_ERROR;
    }
  tok->bmp_class = g_new0 (guint8, 0x10000);
  tok->bmp_fold = g_new0 (gunichar, 0x10000);
  tok->fold_strings = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  *out = (Fts5Tokenizer *) tok;
  return SQLITE_OK;
}

static void
x_delete (Fts5Tokenizer *tokenizer)
{
  steward_tokenizer_free ((StewardTokenizer *) tokenizer);
}

static int
x_tokenize (Fts5Tokenizer *tokenizer,
            void          *ctx,
            int            flags,
            const char    *text,
            int            n_text,
            TokenFunc      x_token)
{
  return tokenize ((StewardTokenizer *) tokenizer, ctx, flags, text, n_text, x_token);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

gboolean
steward_fts_tokenizer_register (sqlite3  *db,
                                GError  **error)
{
  static fts5_tokenizer tokenizer = { x_create, x_delete, x_tokenize };
  fts5_api *api;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  api = get_fts5_api (db);
  if (api == NULL || api->iVersion < 2)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                           _("Full-text search is not available in this SQLite library"));
      return FALSE;
    }

  if (api->xCreateTokenizer (api, STEWARD_FTS_TOKENIZER_NAME, NULL, &tokenizer, NULL) != SQLITE_OK)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("Could not register the search tokenizer: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

gboolean
steward_fts_text_is_searchable (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      CharClass cls = classify_uncached (g_utf8_get_char (p));

      if (cls == CLASS_WORD || cls == CLASS_CJK || cls == CLASS_HANGUL)
        return TRUE;
    }

  return FALSE;
}
