/* steward-classify-private.h — how inbox_items.urgent_rules is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * inbox_items.urgent_rules holds the names of the urgency rules that fired
 * when the item was classified, in rule order, as a JSON array of strings
 * (["Complaint words","Negative direct message"]). It is NULL when the
 * item is not classified or no rule fired. Read it with
 * steward_urgent_rules_decode().
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "steward-store-private.h"

G_BEGIN_DECLS

/* The rule names of a stored urgent_rules value (nullable): never NULL,
 * empty when none (or when the value is not a JSON array). */
static inline GStrv
steward_urgent_rules_decode (const char *stored)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonNode *root;

  if (stored == NULL || *stored == '\0')
    return g_strv_builder_end (names);

  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, stored, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (names, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (names);
}

/* The value to store for @names: NULL when empty. */
static inline char *
steward_urgent_rules_encode (const char * const *names)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (names == NULL || names[0] == NULL)
    return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* How many distinct posts of the author @author_id (posts.author_id) are
 * inbox items created in (@until − @minutes, @until]: the burst count. */
gboolean steward_store_count_author_items (StewardStore  *store,
                                           gint64         author_id,
                                           gint64         until,
                                           guint          minutes,
                                           guint         *count,
                                           GError       **error);

G_END_DECLS
