/* steward-mastodon-listening.c — hashtag timelines and status search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A listening query asks for its #tags on GET /api/v1/timelines/tag/:tag
 * and for its words and phrases on GET /api/v2/search?type=statuses. Each
 * of these "units" is walked forward with min_id from the newest status id
 * seen (the first fetch takes only the newest page: history comes from the
 * local cache, not from the network). One request per page; the cursor
 * says which unit is next and the newest id per unit:
 *
 *   {"unit": 1, "tops": {"tag:lumencoffee": "1099…", "q:营销": "1098…"}}
 *
 * Many servers refuse or disable full-text search (4xx, or answer no
 * statuses): a refused search is "nothing more", never a failed sync.
 */
#define G_LOG_DOMAIN "steward-mastodon"

#include "steward-mastodon-listening.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-mastodon-parse.h"

#define PAGE_LIMIT 30

typedef struct {
  guint       unit;
  GHashTable *tops;   /* unit key → newest status id */
} Cursor;

static void
cursor_clear (Cursor *cursor)
{
  g_clear_pointer (&cursor->tops, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cursor, cursor_clear)

/* An unreadable cursor starts over; the store keeps no duplicates. */
static void
cursor_parse (const char *str,
              Cursor     *cursor)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObject *tops;

  cursor->unit = 0;
  cursor->tops = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (str == NULL || *str == '\0' ||
      !json_parser_load_from_data (parser, str, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  cursor->unit = (guint) MAX (json_object_get_int_member_with_default (object, "unit", 0), 0);
  if (json_object_has_member (object, "tops") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "tops")))
    {
      g_autoptr(GList) members = NULL;

      tops = json_object_get_object_member (object, "tops");
      members = json_object_get_members (tops);
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *value = json_object_get_string_member_with_default (tops, l->data, NULL);

          if (value != NULL)
            g_hash_table_insert (cursor->tops, g_strdup (l->data), g_strdup (value));
        }
    }
}

static char *
cursor_to_string (const Cursor *cursor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) keys = g_hash_table_get_keys (cursor->tops);

  keys = g_list_sort (keys, (GCompareFunc) strcmp);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_int_value (builder, cursor->unit);
  json_builder_set_member_name (builder, "tops");
  json_builder_begin_object (builder);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_string_value (builder, g_hash_table_lookup (cursor->tops, l->data));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Compares numeric ids as Mastodon's are: longer is larger. */
static int
compare_ids (const char *a,
             const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static GPtrArray *
new_posts (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) steward_remote_post_free);
}

static GPtrArray *
parse_statuses (JsonNode  *node,
                GError   **error)
{
  g_autoptr(GPtrArray) posts = new_posts ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server sent something else where a list of posts was expected"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      StewardRemotePost *post = steward_mastodon_parse_status (json_array_get_element (array, i), error);

      if (post == NULL)
        return NULL;
      g_ptr_array_add (posts, post);
    }
  return g_steal_pointer (&posts);
}

static char *
build_url (const char *base_url,
           const char *unit,
           const char *min_id)
{
  GString *url = g_string_new (base_url);
  g_autofree char *value = NULL;

  if (g_str_has_prefix (unit, "tag:"))
    {
      value = g_uri_escape_string (unit + strlen ("tag:"), NULL, FALSE);
      g_string_append_printf (url, "/api/v1/timelines/tag/%s?limit=%d", value, PAGE_LIMIT);
    }
  else
    {
      value = g_uri_escape_string (unit + strlen ("q:"), NULL, FALSE);
      g_string_append_printf (url, "/api/v2/search?type=statuses&resolve=false&limit=%d&q=%s",
                              PAGE_LIMIT, value);
    }
  if (min_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (min_id, NULL, FALSE);
      g_string_append_printf (url, "&min_id=%s", escaped);
    }
  return g_string_free (url, FALSE);
}

StewardPage *
steward_mastodon_fetch_listening_page (StewardHttp         *http,
                                       const char          *base_url,
                                       const char          *token,
                                       const char * const  *hashtags,
                                       const char * const  *terms,
                                       const char          *cursor_str,
                                       GCancellable        *cancellable,
                                       GError             **error)
{
  g_auto(Cursor) cursor = { 0 };
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *newest = NULL;
  const char *unit;
  const char *top;
  gboolean is_search;
  gboolean unit_done;

  for (guint i = 0; hashtags[i] != NULL; i++)
    g_ptr_array_add (units, g_strconcat ("tag:", hashtags[i], NULL));
  for (guint i = 0; terms[i] != NULL; i++)
    g_ptr_array_add (units, g_strconcat ("q:", terms[i], NULL));

  if (units->len == 0)
    {
      page->caught_up = TRUE;
      return g_steal_pointer (&page);
    }

  cursor_parse (cursor_str, &cursor);
  if (cursor.unit >= units->len)
    cursor.unit = 0;
  unit = g_ptr_array_index (units, cursor.unit);
  top = g_hash_table_lookup (cursor.tops, unit);
  is_search = g_str_has_prefix (unit, "q:");

  url = build_url (base_url, unit, top);
  response = steward_http_request (http, "GET", url, token, NULL, NULL, cancellable, &local_error);

  if (response == NULL && is_search &&
      (g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_FAILED) ||
       g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND) ||
       g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED)))
    {
      /* Search refused (disabled, or not for this token): nothing more. */
      g_debug ("Search for listening refused: %s", local_error->message);
      posts = new_posts ();
    }
  else if (response == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else if (is_search)
    {
      JsonNode *statuses = NULL;

      if (response->json != NULL && JSON_NODE_HOLDS_OBJECT (response->json))
        statuses = json_object_get_member (json_node_get_object (response->json), "statuses");
      /* An answer without "statuses" is a server that does not search. */
      posts = statuses != NULL ? parse_statuses (statuses, error) : new_posts ();
    }
  else
    {
      posts = parse_statuses (response->json, error);
    }
  if (posts == NULL)
    return NULL;

  for (guint i = 0; i < posts->len; i++)
    {
      StewardRemotePost *post = g_ptr_array_index (posts, i);

      if (newest == NULL || compare_ids (post->remote_id, newest) > 0)
        {
          g_free (newest);
          newest = g_strdup (post->remote_id);
        }
    }

  /* The first fetch of a unit takes only its newest page; later ones walk
   * forward until a short page. */
  unit_done = top == NULL || posts->len < PAGE_LIMIT;
  if (newest != NULL && (top == NULL || compare_ids (newest, top) > 0))
    g_hash_table_insert (cursor.tops, g_strdup (unit), g_steal_pointer (&newest));

  if (unit_done)
    {
      cursor.unit++;
      if (cursor.unit >= units->len)
        {
          cursor.unit = 0;
          page->caught_up = TRUE;
        }
    }

  page->cursor = cursor_to_string (&cursor);
  g_clear_pointer (&page->posts, g_ptr_array_unref);
  page->posts = g_steal_pointer (&posts);
  return g_steal_pointer (&page);
}
