/* steward-store-search.c — full-text search over cached posts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Queries are in the Listening query language (steward-query.h): its plan
 * gives an FTS5 MATCH expression for posts_fts, which uses the "steward"
 * tokenizer (Chinese as bigrams, Traditional folded to Simplified), and
 * filters that become SQL conditions on the posts here.
 *
 * Newest first stays cheap because posts_fts is keyed by posts.search_key,
 * which orders by creation time (see migration 3): with words, FTS5 is the
 * outer loop and walks its doclists from the newest key down, stopping at
 * LIMIT; with filters only, the posts_search_key index is walked backwards.
 * Either way nothing sorts the whole match set.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-fts-tokenizer.h"
#include "steward-html.h"
#include "steward-store-checkpoint.h"
#include "steward-post.h"

#define DEFAULT_LIMIT 50

/* Markers highlight() puts around matches; control characters that the
 * plain text of a post never holds. */
#define MARK_OPEN  '\x01'
#define MARK_CLOSE '\x02'

/* has:link ---------------------------------------------------------------- */

/* Whether the <a …> tag starting at @tag (up to its '>') is a mention or a
 * hashtag, which Mastodon writes as links too. */
static gboolean
tag_is_mention_or_hashtag (const char *tag)
{
  const char *end = strchr (tag, '>');
  g_autofree char *attrs = g_strndup (tag, end != NULL ? (gsize) (end - tag) : strlen (tag));

  return strstr (attrs, "mention") != NULL || strstr (attrs, "hashtag") != NULL ||
         strstr (attrs, "rel=\"tag\"") != NULL;
}

/**
 * steward_post_text_has_link:
 * @html: (nullable): the post's HTML as the server sent it
 * @text: (nullable): its plain text
 *
 * Whether a post links somewhere, for has:link: an `<a>` in @html that is
 * not a mention or a hashtag, or, without HTML, a URL in @text.
 *
 * Returns: %TRUE when the post has a link
 */
gboolean
steward_post_text_has_link (const char *html,
                            const char *text)
{
  if (html != NULL)
    {
      for (const char *p = strstr (html, "<a "); p != NULL; p = strstr (p + 3, "<a "))
        {
          if (!tag_is_mention_or_hashtag (p))
            return TRUE;
        }
      return FALSE;
    }

  return text != NULL && (strstr (text, "http://") != NULL || strstr (text, "https://") != NULL);
}

static void
has_link_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *html = (const char *) sqlite3_value_text (argv[0]);
  const char *text = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int (context, steward_post_text_has_link (html, text));
}

/* steward_post_markup(markup, html): a post's Pango markup. Ingest stores
 * it only for a post that came without HTML (see steward-store-sync.c);
 * otherwise it is derived from the HTML here, when a post is read. */
static void
post_markup_func (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  const char *markup = (const char *) sqlite3_value_text (argv[0]);
  const char *html = (const char *) sqlite3_value_text (argv[1]);
  char *derived;

  if ((markup != NULL && markup[0] != '\0') || html == NULL)
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }

  derived = steward_html_to_markup (html);
  sqlite3_result_text (context, derived, -1, g_free);
}

/**
 * steward_store_register_functions:
 * @db: a connection
 * @error: return location for an error
 *
 * Registers what the schema needs on @db: the "steward" FTS5 tokenizer and
 * the SQL functions steward_has_link(html, text) and
 * steward_post_markup(markup, html); and moves the connection's WAL
 * checkpoints to a thread (steward-store-checkpoint.h). Done on every
 * connection of a store before the migrations run.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_register_functions (sqlite3  *db,
                                  GError  **error)
{
  int rc;

  if (!steward_fts_tokenizer_register (db, error))
    return FALSE;

  rc = sqlite3_create_function_v2 (db, "steward_has_link", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, has_link_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "steward_post_markup", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, post_markup_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      steward_sqlite_set_error (db, rc, error);
      return FALSE;
    }
  return steward_store_checkpoint_in_background (db, STEWARD_CHECKPOINT_FRAMES, error);
}

/* Keys -------------------------------------------------------------------- */

/**
 * steward_store_search_key_floor:
 * @unix_time: a time, Unix seconds
 *
 * Returns: the lowest posts.search_key of a post created at @unix_time
 */
gint64
steward_store_search_key_floor (gint64 unix_time)
{
  return unix_time * STEWARD_SEARCH_KEY_SPAN;
}

/* Highlight --------------------------------------------------------------- */

/**
 * steward_highlight_to_markup:
 * @highlighted: (nullable): text with matches between \x01 and \x02
 *
 * Returns: (transfer full): @highlighted as safe Pango markup, the matches
 *   in `<b>`; "" for %NULL
 */
char *
steward_highlight_to_markup (const char *highlighted)
{
  GString *out;
  const char *run;
  gboolean open = FALSE;

  if (highlighted == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (highlighted) + 16);
  run = highlighted;
  for (const char *p = highlighted; ; p++)
    {
      if (*p == MARK_OPEN || *p == MARK_CLOSE || *p == '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (run, p - run);

          g_string_append (out, escaped);
          if (*p == '\0')
            break;
          /* Unbalanced markers never produce unbalanced tags. */
          if (*p == MARK_OPEN && !open)
            {
              g_string_append (out, "<b>");
              open = TRUE;
            }
          else if (*p == MARK_CLOSE && open)
            {
              g_string_append (out, "</b>");
              open = FALSE;
            }
          run = p + 1;
        }
    }
  if (open)
    g_string_append (out, "</b>");

  return g_string_free (out, FALSE);
}

/* SQL of a query ---------------------------------------------------------- */

/* Writes (when @sql is set) or binds (when @stmt is set) the conditions of
 * @plan's filters, each as " AND (…)" on the posts aliased p. Both walks
 * name the parameters alike, so the binding always fits the text. */
static gboolean
filters_sql (const StewardQueryPlan  *plan,
             GString                 *sql,
             sqlite3_stmt            *stmt,
             GError                 **error)
{
  for (guint i = 0; i < plan->filters->len; i++)
    {
      const StewardQueryFilter *filter = g_ptr_array_index (plan->filters, i);
      guint n_values = filter->values != NULL ? g_strv_length (filter->values) : 0;

      if (sql != NULL)
        g_string_append (sql, filter->negated ? " AND NOT (" : " AND (");

      if (filter->kind == STEWARD_QUERY_FILTER_HAS_LINK)
        {
          if (sql != NULL)
            g_string_append (sql, "p.has_link = 1)");
          continue;
        }

      if (filter->kind == STEWARD_QUERY_FILTER_NETWORK && sql != NULL)
        g_string_append (sql,
                         "EXISTS (SELECT 1 FROM post_accounts pa"
                         " JOIN accounts na ON na.id = pa.account_id"
                         " WHERE pa.post_id = p.id AND na.network IN (");

      for (guint j = 0; j < n_values; j++)
        {
          const char *value = filter->values[j];
          g_autofree char *v = g_strdup_printf (":f%u_%u", i, j);
          g_autofree char *n = g_strdup_printf (":f%u_%un", i, j);
          g_autofree char *h = g_strdup_printf (":f%u_%uh", i, j);

          if (sql != NULL)
            {
              switch (filter->kind)
                {
                case STEWARD_QUERY_FILTER_LANGUAGE:
                  /* lang:zh is zh, zh-TW, zh-Hant…; lang:zh-tw only that. */
                  g_string_append_printf (sql,
                                          "%s(lower (coalesce (p.language, '')) = %s"
                                          " OR substr (lower (coalesce (p.language, '')), 1, length (%s) + 1) = %s || '-')",
                                          j > 0 ? " OR " : "", v, v, v);
                  break;
                case STEWARD_QUERY_FILTER_AUTHOR:
                  /* @name is name on any server; @name@host is name@host as
                   * remote servers write it, or name on an account of host. */
                  if (strchr (value, '@') == NULL)
                    g_string_append_printf (sql,
                                            "%sp.author_id IN (SELECT id FROM authors"
                                            " WHERE lower (acct) = %s"
                                            "    OR substr (lower (acct), 1, length (%s) + 1) = %s || '@')",
                                            j > 0 ? " OR " : "", v, v, v);
                  else
                    g_string_append_printf (sql,
                                            "%sp.author_id IN (SELECT id FROM authors"
                                            " WHERE lower (acct) = %s"
                                            "    OR (lower (acct) = %s"
                                            "        AND (lower (server) = %s"
                                            "             OR substr (lower (server), -length (%s) - 3) = '://' || %s)))",
                                            j > 0 ? " OR " : "", v, n, h, h, h);
                  break;
                case STEWARD_QUERY_FILTER_NETWORK:
                  g_string_append_printf (sql, "%s%s", j > 0 ? ", " : "", v);
                  break;
                case STEWARD_QUERY_FILTER_HAS_LINK:
                default:
                  g_assert_not_reached ();
                }
            }
          else
            {
              const char *at = strchr (value, '@');
              int rc = SQLITE_OK;
              int index;

              if ((index = sqlite3_bind_parameter_index (stmt, v)) > 0)
                rc = sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
              if (rc == SQLITE_OK && at != NULL && (index = sqlite3_bind_parameter_index (stmt, n)) > 0)
                rc = sqlite3_bind_text (stmt, index, value, at - value, SQLITE_TRANSIENT);
              if (rc == SQLITE_OK && at != NULL && (index = sqlite3_bind_parameter_index (stmt, h)) > 0)
                rc = sqlite3_bind_text (stmt, index, at + 1, -1, SQLITE_TRANSIENT);
              if (rc != SQLITE_OK)
                {
                  steward_sqlite_set_error (sqlite3_db_handle (stmt), rc, error);
                  return FALSE;
                }
            }
        }

      if (sql != NULL)
        g_string_append (sql, filter->kind == STEWARD_QUERY_FILTER_NETWORK ? ")))" : ")");
    }

  return TRUE;
}

/**
 * steward_store_append_query_conditions:
 * @sql: the statement so far, ending inside a WHERE clause
 * @plan: a compiled query
 *
 * Appends " AND …" for @plan's filters and, when it has no words but
 * excludes some, for that exclusion (parameter :exclude). Direct messages
 * are private conversations with us, not public talk: search and
 * listening never show them (they are in the Inbox). The MATCH of
 * @plan->match (parameter :match) is the caller's, because where it goes
 * depends on which table drives the query.
 */
void
steward_store_append_query_conditions (GString                *sql,
                                       const StewardQueryPlan *plan)
{
  g_assert (sql != NULL);
  g_assert (plan != NULL);

  g_string_append (sql, " AND p.visibility IS NOT 'direct'");
  filters_sql (plan, sql, NULL, NULL);
  if (plan->match == NULL && plan->exclude_match != NULL)
    g_string_append (sql, " AND p.search_key NOT IN"
                          " (SELECT rowid FROM posts_fts WHERE posts_fts MATCH :exclude)");
}

/**
 * steward_store_bind_query:
 * @stmt: a statement holding steward_store_append_query_conditions()'s
 *   conditions, and the MATCH against :match when @plan has words
 * @plan: the compiled query
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_bind_query (sqlite3_stmt            *stmt,
                          const StewardQueryPlan  *plan,
                          GError                 **error)
{
  int index;

  g_assert (stmt != NULL);
  g_assert (plan != NULL);

  if (plan->match != NULL && (index = sqlite3_bind_parameter_index (stmt, ":match")) > 0)
    sqlite3_bind_text (stmt, index, plan->match, -1, SQLITE_TRANSIENT);
  if (plan->exclude_match != NULL && (index = sqlite3_bind_parameter_index (stmt, ":exclude")) > 0)
    sqlite3_bind_text (stmt, index, plan->exclude_match, -1, SQLITE_TRANSIENT);

  return filters_sql (plan, NULL, stmt, error);
}

/**
 * steward_store_query_source:
 * @plan: a compiled query
 * @key: (out): the column that orders the posts newest first
 *
 * Returns: (transfer full): "FROM … WHERE …" (without a trailing
 *   condition) selecting the posts of @plan as p, with their authors as au
 *   and the account that first saw each as a (which may be NULL)
 */
char *
steward_store_query_source (const StewardQueryPlan  *plan,
                            const char             **key)
{
  GString *sql = g_string_new (NULL);

  if (plan->match != NULL)
    {
      /* CROSS JOIN keeps posts_fts the outer loop, so its rowid order
       * (search_key, newest last) serves ORDER BY … DESC with LIMIT. */
      g_string_append (sql,
                       " FROM posts_fts CROSS JOIN posts p ON p.search_key = posts_fts.rowid"
                       " JOIN authors au ON au.id = p.author_id"
                       " LEFT JOIN accounts a ON a.id ="
                       "   (SELECT min (account_id) FROM post_accounts WHERE post_id = p.id)"
                       " WHERE posts_fts MATCH :match");
      *key = "posts_fts.rowid";
    }
  else
    {
      g_string_append (sql,
                       " FROM posts p"
                       " JOIN authors au ON au.id = p.author_id"
                       " LEFT JOIN accounts a ON a.id ="
                       "   (SELECT min (account_id) FROM post_accounts WHERE post_id = p.id)"
                       " WHERE 1");
      *key = "p.search_key";
    }

  steward_store_append_query_conditions (sql, plan);
  return g_string_free (sql, FALSE);
}

/**
 * steward_store_parse_query:
 * @text: a query in the Listening query language
 * @error: return location for an error
 *
 * Returns: (transfer full): the compiled query, or %NULL with
 *   %STEWARD_ERROR_INVALID_ARGUMENT and a message naming the position
 */
StewardQueryPlan *
steward_store_parse_query (const char  *text,
                           GError     **error)
{
  return steward_query_plan_new (text, NULL, error);
}

/* Results ----------------------------------------------------------------- */

/* What steward_store_query_posts() reads of each post; %s is the text with
 * the matches marked. */
static const char result_columns[] =
  "SELECT p.id, a.id, a.network, p.remote_id, p.url, au.acct,"
  "       au.display_name, p.text, steward_post_markup (p.markup, p.html),"
  "       p.language, p.created_at,"
  "       %s, au.followers,"
  "       coalesce ((SELECT new FROM listening_matches"
  "                  WHERE query_id = :query AND post_id = p.id), 0)";

/**
 * steward_store_query_posts:
 * @self: a store
 * @plan: a compiled query
 * @query_id: a listening query whose new posts to mark as such, or 0
 * @since: only posts created at or after this time (Unix seconds), or
 *   %G_MININT64
 * @offset: how many of the newest matches to skip
 * @limit: most results; 0 for the default (50)
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardPost): the posts
 *   matching @plan, newest first, with highlight markup, or %NULL on error
 */
GPtrArray *
steward_store_query_posts (StewardStore            *self,
                           const StewardQueryPlan  *plan,
                           gint64                   query_id,
                           gint64                   since,
                           guint                    offset,
                           guint                    limit,
                           GError                 **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *source = NULL;
  const char *key = NULL;
  sqlite3 *db = steward_store_get_db (self);
  int rc;

  if (plan->match != NULL)
    {
      source = steward_store_query_source (plan, &key);
      g_string_append_printf (sql, result_columns, "highlight (posts_fts, 0, char (1), char (2))");
      g_string_append (sql, source);
      if (since != G_MININT64)
        g_string_append_printf (sql, " AND %s >= :since", key);
      g_string_append_printf (sql, " ORDER BY %s DESC LIMIT :limit OFFSET :offset", key);
    }
  else
    {
      /* Filters only: the newest matches are picked from the posts alone,
       * and only they are joined and converted. When a filter leaves few
       * posts out of many (an @author), SQLite sorts them, and sorting
       * whole result rows had it convert each one's HTML to markup first:
       * 50 ms for an author of 5,000 posts among a million. */
      g_autoptr(GString) top = g_string_new ("SELECT p.id AS id, p.search_key AS k FROM posts p WHERE 1");

      steward_store_append_query_conditions (top, plan);
      if (since != G_MININT64)
        g_string_append (top, " AND p.search_key >= :since");
      g_string_append (top, " ORDER BY p.search_key DESC LIMIT :limit OFFSET :offset");

      g_string_append_printf (sql, result_columns, "p.text");
      g_string_append_printf (sql,
                              " FROM (%s) AS top"
                              " JOIN posts p ON p.id = top.id"
                              " JOIN authors au ON au.id = p.author_id"
                              " LEFT JOIN accounts a ON a.id ="
                              "   (SELECT min (account_id) FROM post_accounts WHERE post_id = p.id)"
                              " ORDER BY top.k DESC",
                              top->str);
    }

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("%s: %s", sql->str, sqlite3_errmsg (db));
      steward_sqlite_set_error (db, rc, error);
      return NULL;
    }
  if (!steward_store_bind_query (stmt, plan, error))
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":query"), query_id);
  if (since != G_MININT64)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":since"),
                        steward_store_search_key_floor (since));
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      limit > 0 ? limit : DEFAULT_LIMIT);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);

  posts = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 10);
      g_autofree char *highlight = steward_highlight_to_markup (steward_sqlite_column_text (stmt, 11));

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
                                     "highlight-markup", highlight,
                                     "author-followers", (gint64) MAX (sqlite3_column_int64 (stmt, 12), -1),
                                     "is-new", sqlite3_column_int (stmt, 13) != 0,
                                     NULL));
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&posts);
}

/**
 * steward_store_search:
 * @self: a store
 * @text: a query in the Listening query language: words, "phrases", OR,
 *   -exclusions, parentheses, #hashtags, @author, lang:, network:, has:link
 * @limit: most results to return; 0 for the default (50)
 * @error: return location for an error
 *
 * Searches every cached post. Words match case-, width- and
 * Simplified/Traditional-insensitively, Chinese anywhere inside a post.
 * An invalid query fails with %STEWARD_ERROR_INVALID_ARGUMENT and a
 * translated message that names the position of the mistake.
 *
 * Returns: (transfer container) (element-type StewardPost): the matching
 *   posts, newest first, with #StewardPost:highlight-markup, or %NULL on
 *   error
 */
GPtrArray *
steward_store_search (StewardStore  *self,
                      const char    *text,
                      guint          limit,
                      GError       **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((plan = steward_store_parse_query (text, error)) == NULL)
    return NULL;

  return steward_store_query_posts (self, plan, 0, G_MININT64, 0, limit, error);
}
