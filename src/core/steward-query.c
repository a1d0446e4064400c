/* steward-query.c — the Listening query language: parser and compiler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lexer cuts the text into tokens that remember their character
 * position, a recursive-descent parser builds the tree (AND binds tighter
 * than OR, side by side means AND), and the compiler splits the top-level
 * conjunction into filters for SQL and text for FTS5. Text terms are always
 * emitted as FTS5 strings ("…"), so nothing the user types is FTS5 syntax:
 * the "steward" tokenizer turns each string into the phrase of its tokens.
 */
#define G_LOG_DOMAIN "steward-query"

#include "steward-query.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-error.h"
#include "steward-fts-tokenizer.h"

/* Deeper nesting than this is refused rather than recursed into. */
#define MAX_DEPTH 64

typedef enum {
  TOKEN_EOF,
  TOKEN_LPAREN,
  TOKEN_RPAREN,
  TOKEN_OR,
  TOKEN_AND,
  TOKEN_NOT,
  TOKEN_WORD,
  TOKEN_PHRASE,
} TokenKind;

typedef struct {
  TokenKind  kind;
  guint      position;
  char      *text;
} Token;

typedef struct {
  GArray     *tokens;
  guint       next;
  guint       depth;
  guint      *error_position;
  GError    **error;
} Parser;

static const char * const networks[] = { "mastodon", "bluesky", "discourse", "rss", NULL };

static void
set_error (guint      *error_position,
           GError    **error,
           guint       position,
           const char *message)
{
  if (error_position != NULL)
    *error_position = position;
  g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT, message);
}

static void G_GNUC_PRINTF (3, 4)
parser_fail (Parser     *parser,
             guint       position,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_error (parser->error_position, parser->error, position, message);
}

static void
token_clear (Token *token)
{
  g_clear_pointer (&token->text, g_free);
}

static StewardQueryNode *
node_new (StewardQueryNodeKind  kind,
          guint                 position,
          const char           *text)
{
  StewardQueryNode *node = g_new0 (StewardQueryNode, 1);

  node->kind = kind;
  node->position = position;
  node->text = g_strdup (text);
  if (kind == STEWARD_QUERY_NODE_NOT || kind == STEWARD_QUERY_NODE_AND || kind == STEWARD_QUERY_NODE_OR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_query_node_free);

  return node;
}

static StewardQueryFilter *
filter_new (StewardQueryFilterKind kind,
            gboolean               negated)
{
  StewardQueryFilter *filter = g_new0 (StewardQueryFilter, 1);

  filter->kind = kind;
  filter->negated = negated;

  return filter;
}

static void
filter_free (StewardQueryFilter *filter)
{
  g_strfreev (filter->values);
  g_free (filter);
}

static gboolean
is_word_end (gunichar c)
{
  return c == 0 || g_unichar_isspace (c) || c == '(' || c == ')' || c == '"';
}

/* Lexing ------------------------------------------------------------------ */

static GArray *
lex (const char  *text,
     guint       *error_position,
     GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;
  guint pos = 1;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);

  while (TRUE)
    {
      Token token = { 0, };
      gunichar c = g_utf8_get_char (p);

      if (c == 0)
        break;

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          pos++;
          continue;
        }

      token.position = pos;

      if (c == '(' || c == ')')
        {
          token.kind = c == '(' ? TOKEN_LPAREN : TOKEN_RPAREN;
          p++;
          pos++;
        }
      else if (c == '"')
        {
          const char *start = p + 1;
          const char *q = start;
          guint chars = 0;

          while (*q != '\0' && *q != '"')
            {
              q = g_utf8_next_char (q);
              chars++;
            }
          if (*q == '\0')
            {
              if (error_position != NULL)
                *error_position = pos;
              g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           /* Translators: a search query has a " without its closing one */
                           _("Unclosed quote at position %u"), pos);
              return NULL;
            }
          token.kind = TOKEN_PHRASE;
          token.text = g_strndup (start, q - start);
          p = q + 1;
          pos += chars + 2;
        }
      else if (c == '-' && (p[1] == '"' || p[1] == '(' || !is_word_end (g_utf8_get_char (p + 1))))
        {
          token.kind = TOKEN_NOT;
          p++;
          pos++;
        }
      else
        {
          const char *start = p;

          while (!is_word_end (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              pos++;
            }
          token.text = g_strndup (start, p - start);
          if (g_str_equal (token.text, "OR"))
            token.kind = TOKEN_OR;
          else if (g_str_equal (token.text, "AND"))
            token.kind = TOKEN_AND;
          else
            token.kind = TOKEN_WORD;
        }

      g_array_append_val (tokens, token);
    }

  {
    Token eof = { TOKEN_EOF, pos, NULL };
    g_array_append_val (tokens, eof);
  }

  return g_steal_pointer (&tokens);
}

/* Parsing ----------------------------------------------------------------- */

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->next);
}

static Token *
consume (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOKEN_EOF)
    parser->next++;

  return token;
}

static gboolean
parse_failed (Parser *parser)
{
  return *parser->error != NULL;
}

static gboolean
valid_language (const char *value)
{
  gsize len = strlen (value);
  gsize i = 0;

  while (i < len && g_ascii_isalpha (value[i]))
    i++;
  if (i < 2 || i > 3)
    return FALSE;
  if (i == len)
    return TRUE;
  if (value[i] != '-' && value[i] != '_')
    return FALSE;
  if (len - i - 1 < 2 || len - i - 1 > 8)
    return FALSE;
  for (i++; i < len; i++)
    if (!g_ascii_isalnum (value[i]))
      return FALSE;

  return TRUE;
}

/* A word of the form key:value with an alphabetic key, or NULL for a plain
 * word (URLs, times such as 10:30 and words with colons elsewhere). */
static StewardQueryNode *
parse_filter (Parser     *parser,
              const char *word,
              guint       position,
              gboolean   *is_filter)
{
  const char *colon = strchr (word, ':');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  StewardQueryNode *node;
  guint value_position;

  *is_filter = FALSE;

  if (colon == NULL || colon == word || g_str_has_prefix (colon, "://"))
    return NULL;
  for (const char *p = word; p < colon; p++)
    if (!g_ascii_isalpha (*p))
      return NULL;

  *is_filter = TRUE;
  key = g_ascii_strdown (word, colon - word);
  value = g_ascii_strdown (colon + 1, -1);
  value_position = position + (colon - word) + 1;

  if (!g_str_equal (key, "lang") && !g_str_equal (key, "network") && !g_str_equal (key, "has"))
    {
      parser_fail (parser, position,
                   /* Translators: %s is what the user typed before ":", such as "foo" in "foo:bar" */
                   _("Unknown filter '%s:' at position %u"), key, position);
      return NULL;
    }

  if (value[0] == '\0')
    {
      parser_fail (parser, value_position,
                   /* Translators: %s is a filter name such as "lang" */
                   _("Missing value after '%s:' at position %u"), key, value_position);
      return NULL;
    }

  node = node_new (STEWARD_QUERY_NODE_FILTER, position, NULL);

  if (g_str_equal (key, "lang"))
    {
      if (!valid_language (value))
        {
          parser_fail (parser, value_position,
                       /* Translators: lang: takes a language code such as zh or en */
                       _("'%s' is not a language code (such as zh or en) at position %u"), colon + 1, value_position);
          steward_query_node_free (node);
          return NULL;
        }
      g_strdelimit (value, "_", '-');
      node->filter = STEWARD_QUERY_FILTER_LANGUAGE;
      node->text = g_steal_pointer (&value);
    }
  else if (g_str_equal (key, "network"))
    {
      if (!g_strv_contains (networks, value))
        {
          parser_fail (parser, value_position,
                       _("Unknown network '%s' at position %u"), colon + 1, value_position);
          steward_query_node_free (node);
          return NULL;
        }
      node->filter = STEWARD_QUERY_FILTER_NETWORK;
      node->text = g_steal_pointer (&value);
    }
  else
    {
      if (!g_str_equal (value, "link") && !g_str_equal (value, "links"))
        {
          parser_fail (parser, value_position,
                       /* Translators: "has:link" is query syntax, keep it as is */
                       _("Unknown value '%s' at position %u: only has:link is known"), colon + 1, value_position);
          steward_query_node_free (node);
          return NULL;
        }
      node->filter = STEWARD_QUERY_FILTER_HAS_LINK;
    }

  return node;
}

/* A term, or NULL (without error) when it holds nothing searchable. */
static StewardQueryNode *
parse_term (Parser *parser,
            Token  *token)
{
  StewardQueryNode *node;
  const char *word = token->text;
  gboolean is_filter;

  if (token->kind == TOKEN_PHRASE)
    {
      if (!steward_fts_text_is_searchable (word))
        return NULL;
      return node_new (STEWARD_QUERY_NODE_PHRASE, token->position, word);
    }

  if (word[0] == '#' && steward_fts_text_is_searchable (word + 1))
    return node_new (STEWARD_QUERY_NODE_HASHTAG, token->position, word + 1);

  if (word[0] == '@' && word[1] != '\0')
    {
      g_autofree char *author = g_utf8_strdown (word + 1, -1);

      node = node_new (STEWARD_QUERY_NODE_FILTER, token->position, author);
      node->filter = STEWARD_QUERY_FILTER_AUTHOR;
      return node;
    }

  node = parse_filter (parser, word, token->position, &is_filter);
  if (is_filter)
    return node;

  if (!steward_fts_text_is_searchable (word))
    return NULL;

  return node_new (STEWARD_QUERY_NODE_WORD, token->position, word);
}

static StewardQueryNode *parse_or (Parser *parser);

static StewardQueryNode *
parse_primary (Parser *parser)
{
  Token *token = peek (parser);

  switch (token->kind)
    {
    case TOKEN_LPAREN:
      {
        guint position = consume (parser)->position;
        StewardQueryNode *inner;

        if (parser->depth >= MAX_DEPTH)
          {
            parser_fail (parser, position,
                         _("Too many nested parentheses at position %u"), position);
            return NULL;
          }

        parser->depth++;
        inner = parse_or (parser);
        parser->depth--;
        if (parse_failed (parser))
          return NULL;

        if (peek (parser)->kind != TOKEN_RPAREN)
          {
            g_clear_pointer (&inner, steward_query_node_free);
            parser_fail (parser, position,
                         _("Unbalanced parenthesis at position %u"), position);
            return NULL;
          }
        consume (parser);

        if (inner == NULL)
          {
            parser_fail (parser, position,
                         _("Nothing to search for in the parentheses at position %u"), position);
          }
        return inner;
      }

    case TOKEN_WORD:
    case TOKEN_PHRASE:
      return parse_term (parser, consume (parser));

    case TOKEN_EOF:
    case TOKEN_RPAREN:
    case TOKEN_OR:
    case TOKEN_AND:
    case TOKEN_NOT:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
starts_operand (TokenKind kind)
{
  return kind == TOKEN_LPAREN || kind == TOKEN_WORD || kind == TOKEN_PHRASE || kind == TOKEN_NOT;
}

static StewardQueryNode *
parse_unary (Parser *parser)
{
  StewardQueryNode *operand;
  StewardQueryNode *node;
  guint position;

  if (peek (parser)->kind != TOKEN_NOT)
    return parse_primary (parser);

  position = consume (parser)->position;
  if (peek (parser)->kind != TOKEN_LPAREN &&
      peek (parser)->kind != TOKEN_WORD &&
      peek (parser)->kind != TOKEN_PHRASE)
    {
      parser_fail (parser, position,
                   _("Nothing to exclude after '-' at position %u"), position);
      return NULL;
    }

  operand = parse_primary (parser);
  if (operand == NULL)
    return NULL;

  node = node_new (STEWARD_QUERY_NODE_NOT, position, NULL);
  g_ptr_array_add (node->children, operand);

  return node;
}

/* Adds @child to @parent, splicing in the children of a @child of the same
 * kind: (a b) c is a b c. */
static void
add_child (StewardQueryNode *parent,
           StewardQueryNode *child)
{
  if (child->kind == parent->kind)
    {
      for (guint i = 0; i < child->children->len; i++)
        g_ptr_array_add (parent->children, g_steal_pointer (&child->children->pdata[i]));
      g_ptr_array_set_free_func (child->children, NULL);
      steward_query_node_free (child);
    }
  else
    {
      g_ptr_array_add (parent->children, child);
    }
}

/* Builds @kind over @items, or returns the single item, or NULL. */
static StewardQueryNode *
build (StewardQueryNodeKind  kind,
       GPtrArray            *items)
{
  StewardQueryNode *node;

  if (items->len == 0)
    return NULL;
  if (items->len == 1)
    return g_ptr_array_steal_index (items, 0);

  node = node_new (kind, ((StewardQueryNode *) items->pdata[0])->position, NULL);
  while (items->len > 0)
    add_child (node, g_ptr_array_steal_index (items, 0));

  return node;
}

static StewardQueryNode *
parse_and (Parser *parser)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_query_node_free);
  gboolean any_operand = FALSE;

  while (TRUE)
    {
      Token *token = peek (parser);
      StewardQueryNode *node;

      if (token->kind == TOKEN_AND)
        {
          guint position = consume (parser)->position;

          if (!any_operand || !starts_operand (peek (parser)->kind))
            {
              parser_fail (parser, position,
                           /* Translators: AND is query syntax, keep it as is */
                           _("AND needs something on both sides at position %u"), position);
              return NULL;
            }
          continue;
        }

      if (!starts_operand (token->kind))
        break;

      node = parse_unary (parser);
      if (parse_failed (parser))
        return NULL;
      any_operand = TRUE;
      if (node != NULL)
        g_ptr_array_add (items, node);
    }

  return build (STEWARD_QUERY_NODE_AND, items);
}

static StewardQueryNode *
parse_or (Parser *parser)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_query_node_free);
  gboolean first = TRUE;

  while (TRUE)
    {
      StewardQueryNode *node;
      gboolean had_operand;

      had_operand = starts_operand (peek (parser)->kind);
      node = parse_and (parser);
      if (parse_failed (parser))
        return NULL;
      if (node != NULL)
        g_ptr_array_add (items, node);

      if (peek (parser)->kind != TOKEN_OR)
        {
          if (!first && !had_operand)
            {
              Token *or = &g_array_index (parser->tokens, Token, parser->next - 1);

              parser_fail (parser, or->position,
                           /* Translators: OR is query syntax, keep it as is */
                           _("OR needs something on both sides at position %u"), or->position);
              return NULL;
            }
          break;
        }

      if (!had_operand)
        {
          guint position = peek (parser)->position;

          parser_fail (parser, position,
                       _("OR needs something on both sides at position %u"), position);
          return NULL;
        }

      consume (parser);
      first = FALSE;
    }

  return build (STEWARD_QUERY_NODE_OR, items);
}

/* Compiling --------------------------------------------------------------- */

typedef struct {
  GPtrArray  *hashtags;
  GPtrArray  *terms;
  guint      *error_position;
  GError    **error;
} Compiler;

static void
compile_error (Compiler   *compiler,
               guint       position,
               const char *message)
{
  if (compiler->error_position != NULL)
    *compiler->error_position = position;
  g_set_error_literal (compiler->error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT, message);
}

static void
append_fts_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean compile_text (Compiler *compiler, const StewardQueryNode *node, gboolean positive, GString *out);

/* Writes the FTS5 expression for a conjunction of @children:
 * (p1) AND (p2) NOT (n1) NOT (n2). */
static gboolean
compile_conjunction (Compiler                *compiler,
                     GPtrArray               *children,
                     guint                    position,
                     gboolean                 positive,
                     GString                 *out)
{
  gboolean any = FALSE;

  for (guint i = 0; i < children->len; i++)
    {
      const StewardQueryNode *child = children->pdata[i];

      if (child->kind == STEWARD_QUERY_NODE_NOT)
        continue;
      g_string_append (out, any ? " AND (" : "(");
      if (!compile_text (compiler, child, positive, out))
        return FALSE;
      g_string_append_c (out, ')');
      any = TRUE;
    }

  if (!any)
    {
      g_autofree char *message =
        g_strdup_printf (_("An exclusion needs something to search for beside it at position %u"),
                         position);
      compile_error (compiler, position, message);
      return FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      const StewardQueryNode *child = children->pdata[i];

      if (child->kind != STEWARD_QUERY_NODE_NOT)
        continue;
      g_string_append (out, " NOT (");
      if (!compile_text (compiler, child->children->pdata[0], FALSE, out))
        return FALSE;
      g_string_append_c (out, ')');
    }

  return TRUE;
}

static gboolean
compile_text (Compiler               *compiler,
              const StewardQueryNode *node,
              gboolean                positive,
              GString                *out)
{
  switch (node->kind)
    {
    case STEWARD_QUERY_NODE_WORD:
    case STEWARD_QUERY_NODE_PHRASE:
      append_fts_string (out, node->text);
      if (positive)
        g_ptr_array_add (compiler->terms, g_strdup (node->text));
      return TRUE;

    case STEWARD_QUERY_NODE_HASHTAG:
      append_fts_string (out, node->text);
      if (positive)
        g_ptr_array_add (compiler->hashtags, g_strdup (node->text));
      return TRUE;

    case STEWARD_QUERY_NODE_FILTER:
      /* Filters are taken out at the top level; one here is mixed with words. */
      {
        g_autofree char *message = NULL;

        /* Translators: filters are @author, lang:, network:, has:link; "side
         * by side" means written next to each other, which means AND */
        message = g_strdup_printf (_("Filters can only be combined with words side by side, "
                                     "not with OR or an exclusion of words, at position %u"),
                                   node->position);
        compile_error (compiler, node->position, message);
        return FALSE;
      }

    case STEWARD_QUERY_NODE_NOT:
      {
        g_autofree char *message =
          g_strdup_printf (_("An exclusion needs something to search for beside it at position %u"),
                           node->position);
        compile_error (compiler, node->position, message);
        return FALSE;
      }

    case STEWARD_QUERY_NODE_AND:
      return compile_conjunction (compiler, node->children, node->position, positive, out);

    case STEWARD_QUERY_NODE_OR:
      for (guint i = 0; i < node->children->len; i++)
        {
          const StewardQueryNode *child = node->children->pdata[i];

          if (child->kind == STEWARD_QUERY_NODE_NOT)
            {
              g_autofree char *message =
                g_strdup_printf (_("An exclusion cannot be one side of OR at position %u"),
                                 child->position);
              compile_error (compiler, child->position, message);
              return FALSE;
            }
          g_string_append (out, i > 0 ? " OR (" : "(");
          if (!compile_text (compiler, child, positive, out))
            return FALSE;
          g_string_append_c (out, ')');
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* If @node is a filter, a negated filter, or an OR of filters of one kind
 * (possibly negated), returns it as a StewardQueryFilter. */
static StewardQueryFilter *
as_filter (const StewardQueryNode *node)
{
  gboolean negated = FALSE;
  StewardQueryFilter *filter;
  g_autoptr(GStrvBuilder) values = NULL;

  if (node->kind == STEWARD_QUERY_NODE_NOT)
    {
      negated = TRUE;
      node = node->children->pdata[0];
    }

  if (node->kind == STEWARD_QUERY_NODE_FILTER)
    {
      filter = filter_new (node->filter, negated);
      if (node->text != NULL)
        {
          const char *v[] = { node->text, NULL };
          filter->values = g_strdupv ((GStrv) v);
        }
      return filter;
    }

  if (node->kind != STEWARD_QUERY_NODE_OR)
    return NULL;

  values = g_strv_builder_new ();
  for (guint i = 0; i < node->children->len; i++)
    {
      const StewardQueryNode *child = node->children->pdata[i];
      const StewardQueryNode *first = node->children->pdata[0];

      if (child->kind != STEWARD_QUERY_NODE_FILTER || child->filter != first->filter)
        return NULL;
      if (child->text != NULL)
        g_strv_builder_add (values, child->text);
    }

  filter = filter_new (((StewardQueryNode *) node->children->pdata[0])->filter, negated);
  if (filter->kind != STEWARD_QUERY_FILTER_HAS_LINK)
    filter->values = g_strv_builder_end (values);

  return filter;
}

static GStrv
strv_from_array (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* Public API -------------------------------------------------------------- */

StewardQueryNode *
steward_query_parse (const char  *text,
                     guint       *error_position,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) tokens = NULL;
  StewardQueryNode *root;
  Parser parser = { 0, };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_position != NULL)
    *error_position = 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      set_error (error_position, error, 1, _("The query is not valid text"));
      return NULL;
    }

  tokens = lex (text, error_position, &local_error);
  if (tokens == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  parser.tokens = tokens;
  parser.error_position = error_position;
  parser.error = &local_error;

  root = parse_or (&parser);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (peek (&parser)->kind == TOKEN_RPAREN)
    {
      guint position = peek (&parser)->position;
      g_autofree char *message = g_strdup_printf (_("Unbalanced parenthesis at position %u"), position);

      g_clear_pointer (&root, steward_query_node_free);
      set_error (error_position, error, position, message);
      return NULL;
    }

  g_assert (peek (&parser)->kind == TOKEN_EOF);

  if (root == NULL)
    {
      set_error (error_position, error, 1, _("Nothing to search for"));
      return NULL;
    }

  return root;
}

StewardQueryPlan *
steward_query_compile (const StewardQueryNode  *root,
                       guint                   *error_position,
                       GError                 **error)
{
  g_autoptr(StewardQueryPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) positives = g_ptr_array_new ();
  g_autoptr(GPtrArray) negatives = g_ptr_array_new ();
  g_autoptr(GString) match = g_string_new (NULL);
  GPtrArray *conjuncts;
  GPtrArray single = { 0, };
  gpointer single_data[1];
  Compiler compiler = { 0, };
  gboolean positive_filter = FALSE;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_position != NULL)
    *error_position = 0;

  plan = g_new0 (StewardQueryPlan, 1);
  plan->filters = g_ptr_array_new_with_free_func ((GDestroyNotify) filter_free);

  compiler.hashtags = g_ptr_array_new_with_free_func (g_free);
  compiler.terms = g_ptr_array_new_with_free_func (g_free);
  compiler.error_position = error_position;
  compiler.error = &local_error;

  if (root->kind == STEWARD_QUERY_NODE_AND)
    {
      conjuncts = root->children;
    }
  else
    {
      single_data[0] = (gpointer) root;
      single.pdata = single_data;
      single.len = 1;
      conjuncts = &single;
    }

  for (guint i = 0; i < conjuncts->len; i++)
    {
      const StewardQueryNode *child = conjuncts->pdata[i];
      StewardQueryFilter *filter = as_filter (child);

      if (filter != NULL)
        {
          positive_filter |= !filter->negated;
          g_ptr_array_add (plan->filters, filter);
        }
      else if (child->kind == STEWARD_QUERY_NODE_NOT)
        {
          g_ptr_array_add (negatives, child->children->pdata[0]);
        }
      else
        {
          g_ptr_array_add (positives, (gpointer) child);
        }
    }

  for (guint i = 0; i < positives->len && local_error == NULL; i++)
    {
      g_string_append (match, i > 0 ? " AND (" : "(");
      if (compile_text (&compiler, positives->pdata[i], TRUE, match))
        g_string_append_c (match, ')');
    }

  if (local_error == NULL && positives->len == 0 && !positive_filter)
    {
      const StewardQueryNode *first = conjuncts->pdata[0];
      g_autofree char *message =
        g_strdup_printf (_("An exclusion needs something to search for beside it at position %u"),
                         first->position);

      compile_error (&compiler, first->position, message);
    }

  if (local_error == NULL && negatives->len > 0)
    {
      g_autoptr(GString) excluded = g_string_new (NULL);

      for (guint i = 0; i < negatives->len && local_error == NULL; i++)
        {
          g_string_append (excluded, positives->len > 0 ? " NOT (" : (i > 0 ? " OR (" : "("));
          if (compile_text (&compiler, negatives->pdata[i], FALSE, excluded))
            g_string_append_c (excluded, ')');
        }

      if (positives->len > 0)
        g_string_append (match, excluded->str);
      else
        plan->exclude_match = g_strdup (excluded->str);
    }

  if (local_error != NULL)
    {
      g_ptr_array_unref (compiler.hashtags);
      g_ptr_array_unref (compiler.terms);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (positives->len > 0)
    plan->match = g_string_free (g_steal_pointer (&match), FALSE);
  plan->hashtags = strv_from_array (compiler.hashtags);
  plan->terms = strv_from_array (compiler.terms);

  return g_steal_pointer (&plan);
}

StewardQueryPlan *
steward_query_plan_new (const char  *text,
                        guint       *error_position,
                        GError     **error)
{
  g_autoptr(StewardQueryNode) root = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = steward_query_parse (text, error_position, error);
  if (root == NULL)
    return NULL;

  return steward_query_compile (root, error_position, error);
}

void
steward_query_node_free (StewardQueryNode *node)
{
  if (node == NULL)
    return;

  g_clear_pointer (&node->text, g_free);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

void
steward_query_plan_free (StewardQueryPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->match, g_free);
  g_clear_pointer (&plan->exclude_match, g_free);
  g_clear_pointer (&plan->filters, g_ptr_array_unref);
  g_clear_pointer (&plan->hashtags, g_strfreev);
  g_clear_pointer (&plan->terms, g_strfreev);
  g_free (plan);
}

const char *
steward_query_filter_kind_to_string (StewardQueryFilterKind kind)
{
  switch (kind)
    {
    case STEWARD_QUERY_FILTER_AUTHOR:
      return "author";
    case STEWARD_QUERY_FILTER_LANGUAGE:
      return "lang";
    case STEWARD_QUERY_FILTER_NETWORK:
      return "network";
    case STEWARD_QUERY_FILTER_HAS_LINK:
      return "has";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
node_to_string (const StewardQueryNode *node,
                GString                *out)
{
  static const char * const names[] = { NULL, NULL, NULL, NULL, "not", "and", "or" };

  switch (node->kind)
    {
    case STEWARD_QUERY_NODE_WORD:
      g_string_append (out, node->text);
      break;
    case STEWARD_QUERY_NODE_PHRASE:
      g_string_append_printf (out, "\"%s\"", node->text);
      break;
    case STEWARD_QUERY_NODE_HASHTAG:
      g_string_append_printf (out, "#%s", node->text);
      break;
    case STEWARD_QUERY_NODE_FILTER:
      if (node->filter == STEWARD_QUERY_FILTER_AUTHOR)
        g_string_append_printf (out, "@%s", node->text);
      else if (node->filter == STEWARD_QUERY_FILTER_HAS_LINK)
        g_string_append (out, "has:link");
      else
        g_string_append_printf (out, "%s:%s", steward_query_filter_kind_to_string (node->filter),
                                node->text);
      break;
    case STEWARD_QUERY_NODE_NOT:
    case STEWARD_QUERY_NODE_AND:
    case STEWARD_QUERY_NODE_OR:
      g_string_append_printf (out, "(%s", names[node->kind]);
      for (guint i = 0; i < node->children->len; i++)
        {
          g_string_append_c (out, ' ');
          node_to_string (node->children->pdata[i], out);
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
steward_query_node_to_string (const StewardQueryNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  node_to_string (node, out);

  return g_string_free (out, FALSE);
}
