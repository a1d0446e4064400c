/* steward-mastodon-parse.c — Mastodon JSON into Steward's plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon"

#include <glib/gi18n-lib.h>

#include "steward-mastodon-parse.h"

/* helpers */

static gboolean
malformed (GError    **error,
           const char *what,
           const char *field,
           const char *problem)
{
  g_autofree char *detail = g_strdup_printf ("%s.%s %s", what, field, problem);

  /* Translators: %s names the faulty field, e.g. "status.created_at is missing" */
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
               _("The server sent an answer Steward does not understand (%s)"), detail);
  return FALSE;
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *what,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *detail = g_strdup_printf ("%s is not an object", what);

      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server sent an answer Steward does not understand (%s)"), detail);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
expect_array (JsonNode    *node,
              const char  *what,
              GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *detail = g_strdup_printf ("%s is not an array", what);

      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server sent an answer Steward does not understand (%s)"), detail);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Reads a string member. Absent or null is fine unless @required. Ids may
 * come as numbers from some compatible servers; they are accepted. */
static gboolean
get_string (JsonObject  *object,
            const char  *what,
            const char  *field,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? malformed (error, what, field, "is missing") : TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *value = json_node_get_string (node);

          if (!g_utf8_validate (value, -1, NULL))
            return malformed (error, what, field, "is not UTF-8");
          if (required && *value == '\0')
            return malformed (error, what, field, "is empty");
          *out = g_strdup (value);
          return TRUE;
        }
      if (type == G_TYPE_INT64 && g_str_has_suffix (field, "id"))
        {
          *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          return TRUE;
        }
    }
  return malformed (error, what, field, "is not a string");
}

static gboolean
get_date (JsonObject  *object,
          const char  *what,
          const char  *field,
          gboolean     required,
          GDateTime  **out,
          GError     **error)
{
  g_autofree char *value = NULL;

  *out = NULL;
  if (!get_string (object, what, field, required, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  *out = steward_mastodon_parse_date (value, NULL);
  if (*out == NULL)
    return malformed (error, what, field, "is not an RFC 3339 date");
  return TRUE;
}

/* public API */

GDateTime *
steward_mastodon_parse_date (const char  *value,
                             GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (value != NULL)
    parsed = g_date_time_new_from_iso8601 (value, NULL);
  if (parsed == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("“%s” is not a date"), value ? value : "");
      return NULL;
    }
  return g_date_time_to_utc (parsed);
}

StewardRemoteAuthor *
steward_mastodon_parse_account (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(StewardRemoteAuthor) author = NULL;
  JsonObject *object;
  JsonNode *followers;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((object = expect_object (node, "account", error)) == NULL)
    return NULL;

  author = steward_remote_author_new ();
  if (!get_string (object, "account", "id", TRUE, &author->remote_id, error) ||
      !get_string (object, "account", "acct", TRUE, &author->acct, error) ||
      !get_string (object, "account", "display_name", FALSE, &author->display_name, error) ||
      !get_string (object, "account", "url", FALSE, &author->url, error) ||
      !get_string (object, "account", "avatar", FALSE, &author->avatar_url, error))
    return NULL;

  followers = json_object_get_member (object, "followers_count");
  if (followers != NULL && JSON_NODE_HOLDS_VALUE (followers) &&
      json_node_get_value_type (followers) == G_TYPE_INT64)
    author->followers = json_node_get_int (followers);
  else
    author->followers = -1;

  if (author->display_name != NULL && *author->display_name == '\0')
    g_clear_pointer (&author->display_name, g_free);

  return g_steal_pointer (&author);
}

StewardRemotePost *
steward_mastodon_parse_status (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(StewardRemotePost) post = NULL;
  JsonObject *object;
  JsonNode *reblog;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((object = expect_object (node, "status", error)) == NULL)
    return NULL;

  post = steward_remote_post_new ();
  if (!get_string (object, "status", "id", TRUE, &post->remote_id, error) ||
      !get_string (object, "status", "url", FALSE, &post->url, error) ||
      !get_string (object, "status", "content", FALSE, &post->html, error) ||
      !get_string (object, "status", "spoiler_text", FALSE, &post->spoiler_text, error) ||
      !get_string (object, "status", "language", FALSE, &post->language, error) ||
      !get_string (object, "status", "visibility", FALSE, &post->visibility, error) ||
      !get_string (object, "status", "in_reply_to_id", FALSE, &post->in_reply_to_id, error) ||
      !get_date (object, "status", "created_at", TRUE, &post->created_at, error) ||
      !get_date (object, "status", "edited_at", FALSE, &post->edited_at, error))
    return NULL;

  if (!json_object_has_member (object, "content"))
    {
      malformed (error, "status", "content", "is missing");
      return NULL;
    }
  if (!json_object_has_member (object, "account"))
    {
      malformed (error, "status", "account", "is missing");
      return NULL;
    }
  if ((post->author = steward_mastodon_parse_account (json_object_get_member (object, "account"),
                                                      error)) == NULL)
    return NULL;

  /* A boost has no content of its own; what matters is the boosted post. */
  reblog = json_object_get_member (object, "reblog");
  if (reblog != NULL && JSON_NODE_HOLDS_OBJECT (reblog))
    return steward_mastodon_parse_status (reblog, error);

  if (post->html == NULL)
    post->html = g_strdup ("");
  if (post->spoiler_text != NULL && *post->spoiler_text == '\0')
    g_clear_pointer (&post->spoiler_text, g_free);
  post->text = steward_html_to_text (post->html);
  if (post->text == NULL)
    post->text = g_strdup ("");

  return g_steal_pointer (&post);
}

GPtrArray *
steward_mastodon_parse_notifications (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((array = expect_array (node, "notifications", error)) == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_remote_item_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = expect_object (json_array_get_element (array, i), "notification", error);
      g_autofree char *id = NULL;
      g_autofree char *type = NULL;
      StewardRemotePost *post;

      if (object == NULL ||
          !get_string (object, "notification", "id", TRUE, &id, error) ||
          !get_string (object, "notification", "type", TRUE, &type, error))
        return NULL;
      if (!g_str_equal (type, "mention"))
        continue;
      if (!json_object_has_member (object, "status"))
        {
          malformed (error, "notification", "status", "is missing");
          return NULL;
        }
      post = steward_mastodon_parse_status (json_object_get_member (object, "status"), error);
      if (post == NULL)
        return NULL;
      g_ptr_array_add (items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, id, post));
    }
  return g_steal_pointer (&items);
}

GPtrArray *
steward_mastodon_parse_conversations (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((array = expect_array (node, "conversations", error)) == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_remote_item_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = expect_object (json_array_get_element (array, i), "conversation", error);
      g_autofree char *id = NULL;
      JsonNode *last;
      StewardRemotePost *post;

      if (object == NULL ||
          !get_string (object, "conversation", "id", TRUE, &id, error))
        return NULL;
      last = json_object_get_member (object, "last_status");
      if (last == NULL || JSON_NODE_HOLDS_NULL (last))
        continue;
      post = steward_mastodon_parse_status (last, error);
      if (post == NULL)
        return NULL;
      g_free (post->conversation_id);
      post->conversation_id = g_strdup (id);
      g_ptr_array_add (items, steward_remote_item_new (STEWARD_ITEM_KIND_DIRECT, id, post));
    }
  return g_steal_pointer (&items);
}

static gint64
get_positive_int (JsonObject *object,
                  const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) > 0)
    return json_node_get_int (node);
  return 0;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

StewardServerLimits *
steward_mastodon_parse_instance (JsonNode  *node,
                                 gboolean   v2,
                                 GError   **error)
{
  g_autoptr(StewardServerLimits) limits = NULL;
  JsonObject *object;
  JsonObject *statuses;
  gint64 max_chars;
  gint64 max_media;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((object = expect_object (node, "instance", error)) == NULL)
    return NULL;

  limits = g_new0 (StewardServerLimits, 1);
  if (!get_string (object, "instance", "title", FALSE, &limits->title, error) ||
      !get_string (object, "instance", "version", FALSE, &limits->version, error))
    return NULL;

  statuses = get_object (get_object (object, "configuration"), "statuses");
  max_chars = get_positive_int (statuses, "max_characters");
  max_media = get_positive_int (statuses, "max_media_attachments");
  if (max_chars == 0 && !v2)
    max_chars = get_positive_int (object, "max_toot_chars");

  limits->max_characters = max_chars > 0 ? (guint) MIN (max_chars, G_MAXUINT) : 500;
  limits->max_media = max_media > 0 ? (guint) MIN (max_media, G_MAXUINT) : 4;

  return g_steal_pointer (&limits);
}
