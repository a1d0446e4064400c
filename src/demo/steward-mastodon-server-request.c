/* steward-mastodon-server-request.c — parameters, replies and Link-header pagination
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

void
steward_mastodon_reply_clear (ServerReply *reply)
{
  if (reply->body != NULL)
    g_string_free (reply->body, TRUE);
  g_free (reply->content_type);
  g_free (reply->location);
  g_free (reply->link);
}

void
steward_mastodon_reply_json (ServerReply *reply,
                             guint        status,
                             JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  reply->status = status;
  g_free (reply->content_type);
  reply->content_type = g_strdup ("application/json; charset=utf-8");
  if (reply->body != NULL)
    g_string_free (reply->body, TRUE);
  reply->body = g_string_new (data);
}

void
steward_mastodon_reply_error (ServerReply *reply,
                              guint        status,
                              const char  *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  steward_mastodon_json_add_string (builder, "error", message);
  json_builder_end_object (builder);
  steward_mastodon_reply_json (reply, status, builder);
}

void
steward_mastodon_reply_html (ServerReply *reply,
                             guint        status,
                             const char  *html)
{
  reply->status = status;
  g_free (reply->content_type);
  reply->content_type = g_strdup ("text/html; charset=utf-8");
  if (reply->body != NULL)
    g_string_free (reply->body, TRUE);
  reply->body = g_string_new (html);
}

void
steward_mastodon_params_clear (ServerParams *params)
{
  g_clear_pointer (&params->single, g_hash_table_unref);
  g_clear_pointer (&params->multi, g_hash_table_unref);
}

static void
params_add (ServerParams *params,
            const char   *name,
            const char   *value)
{
  GPtrArray *values = g_hash_table_lookup (params->multi, name);

  if (values == NULL)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (params->multi, g_strdup (name), values);
    }
  g_ptr_array_add (values, g_strdup (value));
  g_hash_table_insert (params->single, g_strdup (name), g_strdup (value));
}

void
steward_mastodon_params_init (ServerParams *params)
{
  params->single = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  params->multi = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

void
steward_mastodon_params_parse_form (ServerParams *params,
                                    const char   *form)
{
  g_auto(GStrv) pairs = NULL;

  if (form == NULL)
    return;
  pairs = g_strsplit (form, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (kv[0] == NULL || *kv[0] == '\0')
        continue;
      g_strdelimit (kv[0], "+", ' ');
      if (kv[1] != NULL)
        g_strdelimit (kv[1], "+", ' ');
      name = g_uri_unescape_string (kv[0], NULL);
      value = kv[1] != NULL ? g_uri_unescape_string (kv[1], NULL) : g_strdup ("");
      if (name != NULL && value != NULL)
        params_add (params, name, value);
    }
}

void
steward_mastodon_params_parse_json (ServerParams *params,
                                    const char   *data,
                                    gsize         len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node))
        {
          GValue value = G_VALUE_INIT;
          g_autofree char *str = NULL;

          json_node_get_value (node, &value);
          if (G_VALUE_HOLDS_STRING (&value))
            str = g_value_dup_string (&value);
          else if (G_VALUE_HOLDS_INT64 (&value))
            str = g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
          else if (G_VALUE_HOLDS_BOOLEAN (&value))
            str = g_strdup (g_value_get_boolean (&value) ? "true" : "false");
          g_value_unset (&value);
          if (str != NULL)
            params_add (params, name, str);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autofree char *array_name = g_strconcat (name, "[]", NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              const char *str = json_node_get_string (json_array_get_element (array, i));
              if (str != NULL)
                params_add (params, array_name, str);
            }
        }
    }
}

const char *
steward_mastodon_params_get (ServerParams *params,
                             const char   *name)
{
  return g_hash_table_lookup (params->single, name);
}

gboolean
steward_mastodon_params_has_value (ServerParams *params,
                                   const char   *name,
                                   const char   *value)
{
  GPtrArray *values = g_hash_table_lookup (params->multi, name);

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
      return TRUE;
  return FALSE;
}

gboolean
steward_mastodon_params_get_id (ServerParams *params,
                                const char   *name,
                                guint64      *id)
{
  const char *value = steward_mastodon_params_get (params, name);

  *id = 0;
  return value != NULL && *value != '\0' && steward_mastodon_id_from_string (value, id);
}

static int
compare_entries_desc (gconstpointer a,
                      gconstpointer b)
{
  const ServerEntry *ea = a;
  const ServerEntry *eb = b;

  return ea->key < eb->key ? 1 : ea->key > eb->key ? -1 : 0;
}

/* @entries: every candidate; returns the page, newest first, and sets the
 * Link header as Mastodon does: next (older, max_id) and prev (newer,
 * min_id), keeping the other paging parameters. */
GArray *
steward_mastodon_server_paginate (StewardMastodonServer *self,
                                  GArray                *entries,
                                  ServerParams          *params,
                                  const char            *path,
                                  ServerReply           *reply)
{
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (ServerEntry));
  g_autoptr(GString) keep = g_string_new (NULL);
  guint64 max_id, since_id, min_id;
  gboolean has_max, has_since, has_min;
  guint64 limit = DEFAULT_LIMIT;
  const char *limit_str = steward_mastodon_params_get (params, "limit");
  GHashTableIter iter;
  const char *name;
  GPtrArray *values;

  has_max = steward_mastodon_params_get_id (params, "max_id", &max_id);
  has_since = steward_mastodon_params_get_id (params, "since_id", &since_id);
  has_min = steward_mastodon_params_get_id (params, "min_id", &min_id);
  if (limit_str != NULL && g_ascii_string_to_unsigned (limit_str, 10, 1, G_MAXUINT32, &limit, NULL))
    limit = MIN (limit, MAX_LIMIT);
  else
    limit = DEFAULT_LIMIT;

  g_array_sort (entries, compare_entries_desc);

  if (has_min)
    {
      /* The entries immediately newer than min_id: walk from the oldest. */
      for (guint i = entries->len; i > 0; i--)
        {
          ServerEntry *e = &g_array_index (entries, ServerEntry, i - 1);

          if (e->key <= min_id || (has_max && e->key >= max_id) || (has_since && e->key <= since_id))
            continue;
          g_array_prepend_val (page, *e);
          if (page->len >= limit)
            break;
        }
    }
  else
    {
      for (guint i = 0; i < entries->len && page->len < limit; i++)
        {
          ServerEntry *e = &g_array_index (entries, ServerEntry, i);

          if ((has_max && e->key >= max_id) || (has_since && e->key <= since_id))
            continue;
          g_array_append_val (page, *e);
        }
    }

  g_hash_table_iter_init (&iter, params->multi);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &values))
    {
      if (g_str_equal (name, "max_id") || g_str_equal (name, "min_id") || g_str_equal (name, "since_id"))
        continue;
      for (guint i = 0; i < values->len; i++)
        {
          g_autofree char *n = g_uri_escape_string (name, "[]", FALSE);
          g_autofree char *v = g_uri_escape_string (g_ptr_array_index (values, i), NULL, FALSE);

          g_string_append_printf (keep, "%s=%s&", n, v);
        }
    }

  if (page->len > 0)
    {
      guint64 newest = g_array_index (page, ServerEntry, 0).key;
      guint64 oldest = g_array_index (page, ServerEntry, page->len - 1).key;

      reply->link = g_strdup_printf ("<%s%s?%smax_id=%" G_GUINT64_FORMAT ">; rel=\"next\", "
                                     "<%s%s?%smin_id=%" G_GUINT64_FORMAT ">; rel=\"prev\"",
                                     self->base_url, path, keep->str, oldest,
                                     self->base_url, path, keep->str, newest);
    }

  return g_steal_pointer (&page);
}
