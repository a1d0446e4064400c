/* steward-query.h — the Listening query language (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   coffee "cold brew" (lumen OR #LumenCoffee) -spam @barista lang:zh
 *   network:mastodon has:link
 *
 * Terms side by side must all match; OR (upper case) between them means
 * either; a leading - excludes; parentheses group. Filters (@author, lang:,
 * network:, has:link) restrict which posts are searched: they may appear at
 * the top level, negated, or ORed with filters of the same kind
 * ("(lang:zh OR lang:ja)"), but not mixed with words inside OR.
 *
 * Errors are STEWARD_ERROR_INVALID_ARGUMENT with a translated message that
 * names the position (in characters, counting from 1) where the problem is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  STEWARD_QUERY_NODE_WORD,      /* text: the word as typed */
  STEWARD_QUERY_NODE_PHRASE,    /* text: between the quotes */
  STEWARD_QUERY_NODE_HASHTAG,   /* text: the tag without "#" */
  STEWARD_QUERY_NODE_FILTER,    /* filter, text: the value (NULL for has:link) */
  STEWARD_QUERY_NODE_NOT,       /* children: one */
  STEWARD_QUERY_NODE_AND,       /* children: two or more */
  STEWARD_QUERY_NODE_OR,        /* children: two or more */
} StewardQueryNodeKind;

typedef enum {
  STEWARD_QUERY_FILTER_AUTHOR,    /* value: "name" or "name@server", lower case, without "@" */
  STEWARD_QUERY_FILTER_LANGUAGE,  /* value: a lower-case language code such as "zh" or "zh-tw" */
  STEWARD_QUERY_FILTER_NETWORK,   /* value: "mastodon", "bluesky", "discourse" or "rss" */
  STEWARD_QUERY_FILTER_HAS_LINK,  /* no value */
} StewardQueryFilterKind;

typedef struct _StewardQueryNode StewardQueryNode;

struct _StewardQueryNode {
  StewardQueryNodeKind    kind;
  StewardQueryFilterKind  filter;    /* for STEWARD_QUERY_NODE_FILTER */
  guint                   position;  /* of the node in the query, in characters from 1 */
  char                   *text;
  GPtrArray              *children;  /* of StewardQueryNode, for NOT, AND, OR */
};

/* One filter the store applies in SQL: the post's field is one of @values
 * (or, when @negated, none of them). HAS_LINK has no values. */
typedef struct {
  StewardQueryFilterKind   kind;
  gboolean                 negated;
  GStrv                    values;
} StewardQueryFilter;

/* What a query compiles to. All parts must hold for a post to match:
 *  - @match: an FTS5 MATCH expression for a table using the "steward"
 *    tokenizer, or NULL when the query has only filters;
 *  - @exclude_match: set only when @match is NULL and the query excludes
 *    words: posts matching it are left out;
 *  - @filters: StewardQueryFilter, all of which must hold.
 * @hashtags and @terms are the positive tags and words or phrases, for
 * asking networks for more (hashtag timelines, server search). */
typedef struct {
  char       *match;
  char       *exclude_match;
  GPtrArray  *filters;
  GStrv       hashtags;
  GStrv       terms;
} StewardQueryPlan;

StewardQueryNode *steward_query_parse          (const char              *text,
                                                guint                   *error_position,
                                                GError                 **error);
void              steward_query_node_free      (StewardQueryNode        *node);

StewardQueryPlan *steward_query_compile        (const StewardQueryNode  *root,
                                                guint                   *error_position,
                                                GError                 **error);
StewardQueryPlan *steward_query_plan_new       (const char              *text,
                                                guint                   *error_position,
                                                GError                 **error);
void              steward_query_plan_free      (StewardQueryPlan        *plan);

const char       *steward_query_filter_kind_to_string (StewardQueryFilterKind kind);

/* A readable dump of the tree, for tests and debugging:
 * (and "coffee" (or #lumen (not "tea")) lang:zh) */
char             *steward_query_node_to_string (const StewardQueryNode  *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardQueryNode, steward_query_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardQueryPlan, steward_query_plan_free)

G_END_DECLS
