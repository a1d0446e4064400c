/* steward-mastodon-server-handlers.c — what the server answers to each endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

static void
handle_verify_credentials (StewardMastodonServer *self,
                           ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  steward_mastodon_server_build_account (self, builder, steward_mastodon_server_ensure_me (self));
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static void
handle_instance (StewardMastodonServer *self,
                 gboolean               v2,
                 ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *domain = g_strdup_printf ("127.0.0.1:%u", self->port);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_string (builder, v2 ? "domain" : "uri", domain);
  steward_mastodon_json_add_string (builder, "title", self->title);
  steward_mastodon_json_add_string (builder, "version", "4.2.0+steward");
  steward_mastodon_json_add_string (builder, "source_url", "https://github.com/mastodon/mastodon");
  steward_mastodon_json_add_string (builder, "description", "A Mastodon-compatible server on loopback");
  if (!v2)
    {
      steward_mastodon_json_add_string (builder, "short_description", "A Mastodon-compatible server on loopback");
      steward_mastodon_json_add_string (builder, "email", "admin@localhost");
      steward_mastodon_json_add_int (builder, "max_toot_chars", self->max_characters);
      steward_mastodon_json_add_bool (builder, "registrations", FALSE);
      steward_mastodon_json_add_bool (builder, "approval_required", FALSE);
      steward_mastodon_json_add_bool (builder, "invites_enabled", FALSE);
      json_builder_set_member_name (builder, "stats");
      json_builder_begin_object (builder);
      steward_mastodon_json_add_int (builder, "user_count", g_hash_table_size (self->accounts));
      steward_mastodon_json_add_int (builder, "status_count", g_hash_table_size (self->statuses));
      steward_mastodon_json_add_int (builder, "domain_count", 1);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "languages");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "en");
  json_builder_add_string_value (builder, "zh");
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "configuration");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statuses");
  json_builder_begin_object (builder);
  steward_mastodon_json_add_int (builder, "max_characters", self->max_characters);
  steward_mastodon_json_add_int (builder, "max_media_attachments", 4);
  steward_mastodon_json_add_int (builder, "characters_reserved_per_url", 23);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  steward_mastodon_json_add_empty_array (builder, "rules");
  json_builder_end_object (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static void
handle_notifications (StewardMastodonServer *self,
                      ServerParams          *params,
                      ServerReply           *reply)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ServerEntry));
  g_autoptr(GArray) page = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean filter = g_hash_table_contains (params->multi, "types[]");

  for (guint i = 0; i < self->notifications->len; i++)
    {
      ServerNotification *n = g_ptr_array_index (self->notifications, i);
      ServerEntry e = { n->id, n };

      if (filter && !steward_mastodon_params_has_value (params, "types[]", n->type))
        continue;
      if (steward_mastodon_params_has_value (params, "exclude_types[]", n->type))
        continue;
      g_array_append_val (entries, e);
    }

  page = steward_mastodon_server_paginate (self, entries, params, "/api/v1/notifications", reply);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    steward_mastodon_server_build_notification (self, builder, g_array_index (page, ServerEntry, i).data);
  json_builder_end_array (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static void
handle_conversations (StewardMastodonServer *self,
                      ServerParams          *params,
                      ServerReply           *reply)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ServerEntry));
  g_autoptr(GArray) page = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GHashTableIter iter;
  ServerConversation *conversation;

  /* Mastodon pages conversations by their last status' id. */
  g_hash_table_iter_init (&iter, self->conversations);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conversation))
    {
      ServerEntry e = { conversation->last_status_id, conversation };
      g_array_append_val (entries, e);
    }

  page = steward_mastodon_server_paginate (self, entries, params, "/api/v1/conversations", reply);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    steward_mastodon_server_build_conversation (self, builder, g_array_index (page, ServerEntry, i).data);
  json_builder_end_array (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static int
compare_status_ids (gconstpointer a,
                    gconstpointer b)
{
  const ServerStatus *sa = *(const ServerStatus **) a;
  const ServerStatus *sb = *(const ServerStatus **) b;

  return sa->id < sb->id ? -1 : sa->id > sb->id ? 1 : 0;
}

static gboolean
descends_from (StewardMastodonServer *self,
               const ServerStatus    *status,
               guint64                ancestor)
{
  for (guint depth = 0; status != NULL && depth < 1000; depth++)
    {
      if (status->in_reply_to_id == ancestor)
        return TRUE;
      status = g_hash_table_lookup (self->statuses, &status->in_reply_to_id);
    }
  return FALSE;
}

static void
handle_status (StewardMastodonServer *self,
               const char            *id_str,
               gboolean               context,
               ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint64 id;
  ServerStatus *status;

  if (!steward_mastodon_id_from_string (id_str, &id) ||
      (status = g_hash_table_lookup (self->statuses, &id)) == NULL)
    {
      steward_mastodon_reply_error (reply, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  if (!context)
    {
      steward_mastodon_server_build_status (self, builder, status);
      steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
      return;
    }

  {
    g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();
    g_autoptr(GPtrArray) descendants = g_ptr_array_new ();
    ServerStatus *parent = g_hash_table_lookup (self->statuses, &status->in_reply_to_id);
    GHashTableIter iter;
    ServerStatus *other;

    for (guint depth = 0; parent != NULL && depth < 1000; depth++)
      {
        g_ptr_array_insert (ancestors, 0, parent);
        parent = g_hash_table_lookup (self->statuses, &parent->in_reply_to_id);
      }
    g_hash_table_iter_init (&iter, self->statuses);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
      if (descends_from (self, other, status->id))
        g_ptr_array_add (descendants, other);
    g_ptr_array_sort (descendants, compare_status_ids);

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "ancestors");
    json_builder_begin_array (builder);
    for (guint i = 0; i < ancestors->len; i++)
      steward_mastodon_server_build_status (self, builder, g_ptr_array_index (ancestors, i));
    json_builder_end_array (builder);
    json_builder_set_member_name (builder, "descendants");
    json_builder_begin_array (builder);
    for (guint i = 0; i < descendants->len; i++)
      steward_mastodon_server_build_status (self, builder, g_ptr_array_index (descendants, i));
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
  }
}

static ServerConversation *
find_conversation_of (StewardMastodonServer *self,
                      guint64                status_id)
{
  GHashTableIter iter;
  ServerConversation *conversation;

  g_hash_table_iter_init (&iter, self->conversations);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conversation))
    if (conversation->last_status_id == status_id)
      return conversation;
  return NULL;
}

static void
handle_post_status (StewardMastodonServer *self,
                    ServerParams          *params,
                    const char            *idempotency_key,
                    ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  StewardMastodonStatusSpec spec = { 0 };
  g_autoptr(GError) error = NULL;
  const char *text = steward_mastodon_params_get (params, "status");
  guint64 *known;
  ServerStatus *status;
  guint64 parent_id = 0;
  ServerAccount *me = steward_mastodon_server_ensure_me (self);

  if (idempotency_key != NULL &&
      (known = g_hash_table_lookup (self->idempotency, idempotency_key)) != NULL &&
      (status = g_hash_table_lookup (self->statuses, known)) != NULL)
    {
      steward_mastodon_server_build_status (self, builder, status);
      steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
      return;
    }

  {
    g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
    if (*copy == '\0')
      {
        steward_mastodon_reply_error (reply, 422, "Validation failed: Text can't be blank");
        return;
      }
  }
  if (g_utf8_strlen (text, -1) > (glong) self->max_characters)
    {
      g_autofree char *message = g_strdup_printf ("Validation failed: Text character limit of %u exceeded",
                                                  self->max_characters);
      steward_mastodon_reply_error (reply, 422, message);
      return;
    }
  if (steward_mastodon_params_get (params, "in_reply_to_id") != NULL && *steward_mastodon_params_get (params, "in_reply_to_id") != '\0' &&
      (!steward_mastodon_params_get_id (params, "in_reply_to_id", &parent_id) ||
       !g_hash_table_contains (self->statuses, &parent_id)))
    {
      steward_mastodon_reply_error (reply, SOUP_STATUS_NOT_FOUND, "Record not found");
      return;
    }

  spec.text = text;
  spec.visibility = steward_mastodon_params_get (params, "visibility");
  spec.in_reply_to_id = steward_mastodon_params_get (params, "in_reply_to_id");
  spec.spoiler_text = steward_mastodon_params_get (params, "spoiler_text");
  spec.language = steward_mastodon_params_get (params, "language");

  status = steward_mastodon_server_add_status_locked (self, me->id, &spec, &error);
  if (status == NULL)
    {
      steward_mastodon_reply_error (reply, 422, error->message);
      return;
    }

  if (g_strcmp0 (status->visibility, "direct") == 0 && parent_id != 0)
    {
      ServerConversation *conversation = find_conversation_of (self, parent_id);
      if (conversation != NULL)
        {
          conversation->last_status_id = status->id;
          conversation->unread = FALSE;
        }
    }

  if (idempotency_key != NULL)
    g_hash_table_insert (self->idempotency, g_strdup (idempotency_key), steward_mastodon_id_key (status->id));

  steward_mastodon_server_build_status (self, builder, status);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static void
handle_apps (StewardMastodonServer *self,
             ServerParams          *params,
             ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *name = steward_mastodon_params_get (params, "client_name");
  const char *redirect = steward_mastodon_params_get (params, "redirect_uris");
  g_autofree char *client_id = NULL;
  g_autofree char *secret = NULL;
  guint64 id;

  if (redirect == NULL)
    redirect = steward_mastodon_params_get (params, "redirect_uris[]");
  if (name == NULL || redirect == NULL)
    {
      steward_mastodon_reply_error (reply, 422, "Validation failed: Application name can't be blank, Redirect URI can't be blank");
      return;
    }

  id = steward_mastodon_server_next_id (self, g_get_real_time ());
  client_id = g_strdup_printf ("client-%" G_GUINT64_FORMAT, id);
  secret = g_strdup_printf ("secret-%" G_GUINT64_FORMAT, id * 7919);
  g_hash_table_insert (self->apps, g_strdup (client_id), g_strdup (redirect));

  json_builder_begin_object (builder);
  steward_mastodon_json_add_id (builder, "id", id);
  steward_mastodon_json_add_string (builder, "name", name);
  steward_mastodon_json_add_string (builder, "website", steward_mastodon_params_get (params, "website"));
  steward_mastodon_json_add_string (builder, "scopes", steward_mastodon_params_get (params, "scopes") ? steward_mastodon_params_get (params, "scopes") : "read");
  steward_mastodon_json_add_string (builder, "redirect_uri", redirect);
  steward_mastodon_json_add_string (builder, "client_id", client_id);
  steward_mastodon_json_add_string (builder, "client_secret", secret);
  steward_mastodon_json_add_string (builder, "vapid_key", "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=");
  json_builder_end_object (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static void
handle_authorize (StewardMastodonServer *self,
                  ServerParams          *params,
                  ServerReply           *reply)
{
  const char *client_id = steward_mastodon_params_get (params, "client_id");
  const char *redirect = steward_mastodon_params_get (params, "redirect_uri");
  const char *state = steward_mastodon_params_get (params, "state");
  const char *registered = client_id ? g_hash_table_lookup (self->apps, client_id) : NULL;
  g_autofree char *escaped_code = NULL;
  g_autofree char *escaped_state = NULL;

  if (registered == NULL || redirect == NULL ||
      g_strcmp0 (steward_mastodon_params_get (params, "response_type"), "code") != 0)
    {
      steward_mastodon_reply_html (reply, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><html><body><p>The client is unknown or the request is invalid.</p></body></html>");
      return;
    }
  if (strstr (registered, redirect) == NULL)
    {
      steward_mastodon_reply_html (reply, SOUP_STATUS_BAD_REQUEST,
                  "<!DOCTYPE html><html><body><p>The redirect URI included is not valid.</p></body></html>");
      return;
    }

  if (g_str_equal (redirect, "urn:ietf:wg:oauth:2.0:oob"))
    {
      g_autofree char *code = g_markup_escape_text (self->oauth_code, -1);
      g_autofree char *html = g_strdup_printf ("<!DOCTYPE html><html><body><p>Copy this "
                                               "authorization code and paste it into the "
                                               "application:</p><input class=\"oauth-code\" "
                                               "readonly value=\"%s\"></body></html>", code);
      steward_mastodon_reply_html (reply, SOUP_STATUS_OK, html);
      return;
    }

  escaped_code = g_uri_escape_string (self->oauth_code, NULL, FALSE);
  escaped_state = state ? g_uri_escape_string (state, NULL, FALSE) : NULL;
  reply->location = g_strdup_printf ("%s%scode=%s%s%s", redirect,
                                     strchr (redirect, '?') ? "&" : "?",
                                     escaped_code,
                                     escaped_state ? "&state=" : "",
                                     escaped_state ? escaped_state : "");
  steward_mastodon_reply_html (reply, SOUP_STATUS_FOUND, "<!DOCTYPE html><html><body>Redirecting…</body></html>");
}

static void
handle_token (StewardMastodonServer *self,
              ServerParams          *params,
              ServerReply           *reply)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *grant = steward_mastodon_params_get (params, "grant_type");
  const char *client_id = steward_mastodon_params_get (params, "client_id");
  const char *token;

  if (client_id == NULL || !g_hash_table_contains (self->apps, client_id) ||
      steward_mastodon_params_get (params, "client_secret") == NULL)
    {
      json_builder_begin_object (builder);
      steward_mastodon_json_add_string (builder, "error", "invalid_client");
      steward_mastodon_json_add_string (builder, "error_description",
                         "Client authentication failed due to unknown client, no client "
                         "authentication included, or unsupported authentication method.");
      json_builder_end_object (builder);
      steward_mastodon_reply_json (reply, SOUP_STATUS_UNAUTHORIZED, builder);
      return;
    }
  if (g_strcmp0 (grant, "authorization_code") != 0 ||
      g_strcmp0 (steward_mastodon_params_get (params, "code"), self->oauth_code) != 0)
    {
      json_builder_begin_object (builder);
      steward_mastodon_json_add_string (builder, "error", "invalid_grant");
      steward_mastodon_json_add_string (builder, "error_description",
                         "The provided authorization grant is invalid, expired, revoked, does "
                         "not match the redirection URI used in the authorization request, or "
                         "was issued to another client.");
      json_builder_end_object (builder);
      steward_mastodon_reply_json (reply, SOUP_STATUS_BAD_REQUEST, builder);
      return;
    }

  token = self->oauth_token ? self->oauth_token : self->token ? self->token : DEFAULT_TOKEN;
  g_hash_table_add (self->issued_tokens, g_strdup (token));

  json_builder_begin_object (builder);
  steward_mastodon_json_add_string (builder, "access_token", token);
  steward_mastodon_json_add_string (builder, "token_type", "Bearer");
  steward_mastodon_json_add_string (builder, "scope", steward_mastodon_params_get (params, "scope") ? steward_mastodon_params_get (params, "scope") : "read write");
  steward_mastodon_json_add_int (builder, "created_at", g_get_real_time () / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  steward_mastodon_reply_json (reply, SOUP_STATUS_OK, builder);
}

static gboolean
authorized (StewardMastodonServer *self,
            const char            *header)
{
  const char *token;

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    return FALSE;
  token = header + strlen ("Bearer ");
  if (*token == '\0')
    return FALSE;
  if (self->token == NULL)
    return TRUE;
  return g_str_equal (token, self->token) || g_hash_table_contains (self->issued_tokens, token);
}

void
steward_mastodon_server_dispatch (StewardMastodonServer *self,
                                  const char            *method,
                                  const char            *path,
                                  ServerParams          *params,
                                  const char            *auth_header,
                                  const char            *idempotency_key,
                                  ServerReply           *reply)
{
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");

  if (get && g_str_equal (path, "/api/v1/instance"))
    return handle_instance (self, FALSE, reply);
  if (get && g_str_equal (path, "/api/v2/instance") && !self->without_v2)
    return handle_instance (self, TRUE, reply);
  if (post && g_str_equal (path, "/api/v1/apps"))
    return handle_apps (self, params, reply);
  if (get && g_str_equal (path, "/oauth/authorize"))
    return handle_authorize (self, params, reply);
  if (post && g_str_equal (path, "/oauth/token"))
    return handle_token (self, params, reply);

  if (!g_str_has_prefix (path, "/api/"))
    return steward_mastodon_reply_error (reply, SOUP_STATUS_NOT_FOUND, "Not found");

  if (!authorized (self, auth_header))
    return steward_mastodon_reply_error (reply, SOUP_STATUS_UNAUTHORIZED, "The access token is invalid");

  if (get && g_str_equal (path, "/api/v1/accounts/verify_credentials"))
    return handle_verify_credentials (self, reply);
  if (get && g_str_equal (path, "/api/v1/notifications"))
    return handle_notifications (self, params, reply);
  if (get && g_str_equal (path, "/api/v1/conversations"))
    return handle_conversations (self, params, reply);
  if (get && g_str_has_prefix (path, "/api/v1/timelines/tag/"))
    return steward_mastodon_server_handle_tag_timeline (self, path, params, reply);
  if (get && g_str_equal (path, "/api/v2/search"))
    return steward_mastodon_server_handle_search (self, params, reply);
  if (post && g_str_equal (path, "/api/v1/statuses"))
    return handle_post_status (self, params, idempotency_key, reply);
  if (get && g_str_has_prefix (path, "/api/v1/statuses/"))
    {
      const char *rest = path + strlen ("/api/v1/statuses/");
      const char *slash = strchr (rest, '/');

      if (slash == NULL)
        return handle_status (self, rest, FALSE, reply);
      if (g_str_equal (slash, "/context"))
        {
          g_autofree char *id = g_strndup (rest, slash - rest);
          return handle_status (self, id, TRUE, reply);
        }
    }

  steward_mastodon_reply_error (reply, SOUP_STATUS_NOT_FOUND, "Not found");
}
