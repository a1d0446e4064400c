/* steward-mastodon-server-listening.c — hashtag timelines and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/timelines/tag/:hashtag (limit, max_id, since_id, min_id):
 *   an array of public Status entities whose text has #hashtag (case does
 *   not matter), newest first, with a Link header as on Mastodon.
 * GET /api/v2/search?q=…&type=statuses (limit, max_id, min_id, since_id):
 *   {"accounts": [], "statuses": [Status…], "hashtags": []} with the
 *   public statuses whose text contains q (case-insensitively), newest
 *   first. With steward_mastodon_server_set_search_refused() it answers
 *   403 {"error": …}, as servers without full-text search for the token do.
 */
#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

/* Whether @text holds #@tag as a whole hashtag. */
static gboolean
has_hashtag (const char *text,
             const char *tag)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_tag = NULL;
  g_autofree char *needle = NULL;
  gsize needle_len;

  if (text == NULL || *tag == '\0')
    return FALSE;

  folded_text = g_utf8_casefold (text, -1);
  folded_tag = g_utf8_casefold (tag, -1);
  needle = g_strconcat ("#", folded_tag, NULL);
  needle_len = strlen (needle);

  for (const char *p = strstr (folded_text, needle); p != NULL; p = strstr (p + 1, needle))
    {
      const char *after = p + needle_len;

      if (*after == '\0' || !g_unichar_isalnum (g_utf8_get_char (after)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_query = NULL;

  if (text == NULL)
    return FALSE;
  folded_text = g_utf8_casefold (text, -1);
  folded_query = g_utf8_casefold (query, -1);
  return strstr (folded_text, folded_query) != NULL;
}

/* The public statuses for which @match holds, as pagination entries. */
static GArray *
public_statuses (StewardMastodonServer *self,
                 gboolean             (*match) (const char *, const char *),
                 const char            *needle)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (ServerEntry));
  GHashTableIter iter;
  ServerStatus *status;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &status))
    {
      ServerEntry e = { status->id, status };

      if (g_strcmp0 (status->visibility, "public") != 0)
        continue;
      if (!match (status->text != NULL ? status->text : status->content, needle))
        continue;
      g_array_append_val (entries, e);
    }
  return entries;
}

static void
build_statuses (StewardMastodonServer *self,
                JsonBuilder           *builder,
                GArray                *page)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    steward_mastodon_server_build_status (self, builder, g_array_index (page, ServerEntry, i).data);
  json_builder_end_array (builder);
}

void
steward_mastodon_server_handle_tag_timeline (StewardMastodonServer *self,
                                             const char            *path,
                                             ServerParams          *params,
                                             ServerReply           *reply)
{
  const char *escaped = path + strlen ("/api/v1/timelines/tag/");
  g_autofree char *tag = g_uri_unescape_string (escaped, NULL);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) page = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (tag == NULL || *tag == '\0' || strchr (tag, '/') != NULL)
    return steward_mastodon_reply_error (reply, SOUP_STATUS_NOT_FOUND, "Not found");

  entries = public_statuses (self, has_hashtag, tag);
  page = steward_mastodon_server_paginate (self, entries, params, path, reply);
  build_statuses (self, builder, page);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

void
steward_mastodon_server_handle_search (StewardMastodonServer *self,
                                       ServerParams          *params,
                                       ServerReply           *reply)
{
  const char *q = steward_mastodon_params_get (params, "q");
  const char *type = steward_mastodon_params_get (params, "type");
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) page = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (self->search_refused)
    return steward_mastodon_reply_error (reply, SOUP_STATUS_FORBIDDEN,
                                         "Full-text search is not available on this server");
  if (q == NULL || *q == '\0')
    return steward_mastodon_reply_error (reply, 422, "Validation failed: q is missing");

  if (type == NULL || g_str_equal (type, "statuses"))
    entries = public_statuses (self, contains_folded, q);
  else
    entries = g_array_new (FALSE, FALSE, sizeof (ServerEntry));
  page = steward_mastodon_server_paginate (self, entries, params, "/api/v2/search", reply);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_empty_array (builder, "accounts");
  json_builder_set_member_name (builder, "statuses");
  build_statuses (self, builder, page);
  steward_mastodon_json_add_empty_array (builder, "hashtags");
  json_builder_end_object (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}
