/* steward-store-search.c — full-text search over cached posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's unicode61 tokenizer takes a run of Chinese characters for one
 * word, so "天气" would never match inside "今天天气很好". Until a custom
 * tokenizer replaces this, text is indexed with every CJK character
 * standing alone (steward_fts_segment()) and queries are segmented the same
 * way and matched as phrases: "天气" becomes the phrase "天 气".
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <string.h>

#include "steward-error.h"
#include "steward-post.h"

#define DEFAULT_LIMIT 50

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * steward_fts_segment:
 * @text: (nullable): text to index or to search for
 *
 * Folds compatibility forms (full-width Latin letters and digits become
 * ASCII) and puts spaces around every CJK character, so that unicode61
 * makes each one a token. Case and diacritics are folded by the tokenizer.
 *
 * Returns: (transfer full): the segmented text; "" for %NULL
 */
char *
steward_fts_segment (const char *text)
{
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  out = g_string_sized_new (strlen (folded) + 16);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* steward_fts_segment(a, b, …): the non-NULL arguments segmented and joined
 * by newlines; what the index triggers store for a post. */
static void
fts_segment_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  GString *joined = g_string_new (NULL);
  g_autofree char *segmented = NULL;

  for (int i = 0; i < argc; i++)
    {
      const char *value = (const char *) sqlite3_value_text (argv[i]);

      if (value == NULL)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, value);
    }

  segmented = steward_fts_segment (joined->str);
  g_string_free (joined, TRUE);
  sqlite3_result_text (context, g_steal_pointer (&segmented), -1, g_free);
}

gboolean
steward_store_register_functions (sqlite3  *db,
                                  GError  **error)
{
  int rc;

  rc = sqlite3_create_function_v2 (db, "steward_fts_segment", -1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, fts_segment_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_token_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isalnum (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

/**
 * steward_fts_build_query:
 * @text: what the user typed
 *
 * Turns each whitespace-separated word of @text into a quoted FTS5 phrase of
 * its segmented form; all of them must match. Quotes are doubled, so no
 * input is FTS syntax: `"foo` and `AND OR (` are searched as words. Words
 * without any letter or digit are dropped.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, or %NULL when
 *   nothing searchable is left
 */
char *
steward_fts_build_query (const char *text)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  GString *query;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  words = g_regex_split_simple ("\\s+", valid, G_REGEX_OPTIMIZE, 0);
  query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *segmented = NULL;

      if (!has_token_chars (words[i]))
        continue;

      segmented = steward_fts_segment (words[i]);
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = segmented; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append_c (query, '"');
    }

  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

/* A post's account is the first account that saw it. */
static const char sql_search[] =
  "SELECT p.id, a.id, a.network, p.remote_id, p.url, au.acct, au.display_name,"
  "       p.text, p.markup, p.language, p.created_at"
  " FROM posts_fts f"
  " JOIN posts p ON p.id = f.rowid"
  " JOIN authors au ON au.id = p.author_id"
  " JOIN accounts a ON a.id = (SELECT min (account_id) FROM post_accounts WHERE post_id = p.id)"
  " WHERE posts_fts MATCH ?1"
  " ORDER BY p.created_at DESC, p.id DESC"
  " LIMIT ?2";

/**
 * steward_store_search:
 * @self: a store
 * @text: what the user typed; words are matched case-insensitively, CJK
 *   text anywhere inside a post
 * @limit: most results to return; 0 for the default (50)
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardPost): the posts that
 *   contain every word of @text, newest first, or %NULL on error
 */
GPtrArray *
steward_store_search (StewardStore  *self,
                      const char    *text,
                      guint          limit,
                      GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *query = NULL;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  posts = g_ptr_array_new_with_free_func (g_object_unref);

  if ((query = steward_fts_build_query (text)) == NULL)
    return g_steal_pointer (&posts);

  if ((stmt = steward_store_prepare_cached (self, sql_search, error)) == NULL)
    return NULL;

  steward_sqlite_bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? limit : DEFAULT_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 10);

      g_ptr_array_add (posts,
                       g_object_new (STEWARD_TYPE_POST,
                                     "id", sqlite3_column_int64 (stmt, 0),
                                     "account-id", sqlite3_column_int64 (stmt, 1),
                                     "network", steward_sqlite_column_text (stmt, 2),
                                     "remote-id", steward_sqlite_column_text (stmt, 3),
                                     "url", steward_sqlite_column_text (stmt, 4),
                                     "author", steward_sqlite_column_text (stmt, 5),
                                     "author-name", steward_sqlite_column_text (stmt, 6),
                                     "text", steward_sqlite_column_text (stmt, 7),
                                     "markup", steward_sqlite_column_text (stmt, 8),
                                     "language", steward_sqlite_column_text (stmt, 9),
                                     "created-at", created_at,
                                     NULL));
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }

  return g_steal_pointer (&posts);
}
