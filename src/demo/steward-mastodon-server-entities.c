/* steward-mastodon-server-entities.c — the JSON entities the server answers with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

char *
steward_mastodon_format_time (gint64 us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  /* Milliseconds, as Mastodon writes them. */
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (us % G_USEC_PER_SEC / 1000));
}

char *
steward_mastodon_server_account_url (StewardMastodonServer *self,
                                     const ServerAccount   *account)
{
  const char *at = strchr (account->acct, '@');

  if (at != NULL)
    {
      g_autofree char *user = g_strndup (account->acct, at - account->acct);
      return g_strdup_printf ("https://%s/@%s", at + 1, user);
    }
  return g_strdup_printf ("%s/@%s", self->base_url, account->acct);
}

void
steward_mastodon_json_add_id (JsonBuilder *builder,
                              const char  *name,
                              guint64      id)
{
  g_autofree char *str = steward_mastodon_id_to_string (id);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, str);
}

void
steward_mastodon_json_add_string (JsonBuilder *builder,
                                  const char  *name,
                                  const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
steward_mastodon_json_add_int (JsonBuilder *builder,
                               const char  *name,
                               gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
steward_mastodon_json_add_bool (JsonBuilder *builder,
                                const char  *name,
                                gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
steward_mastodon_json_add_empty_array (JsonBuilder *builder,
                                       const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
}

static guint
count_statuses_by (StewardMastodonServer *self,
                   guint64                account_id)
{
  GHashTableIter iter;
  ServerStatus *status;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &status))
    if (status->account_id == account_id)
      n++;
  return n;
}

void
steward_mastodon_server_build_account (StewardMastodonServer *self,
                                       JsonBuilder           *builder,
                                       const ServerAccount   *account)
{
  g_autofree char *url = steward_mastodon_server_account_url (self, account);
  g_autofree char *avatar = g_strdup_printf ("%s/avatars/original/missing.png", self->base_url);
  g_autofree char *created = steward_mastodon_format_time (account->created_at * G_USEC_PER_SEC);
  g_autofree char *username = g_strdup (account->acct);
  g_autofree char *note = NULL;
  char *at = strchr (username, '@');

  if (at != NULL)
    *at = '\0';

  note = g_strdup_printf ("<p>%s</p>", username);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_id (builder, "id", account->id);
  steward_mastodon_json_add_string (builder, "username", username);
  steward_mastodon_json_add_string (builder, "acct", account->acct);
  steward_mastodon_json_add_string (builder, "display_name", account->display_name);
  steward_mastodon_json_add_bool (builder, "locked", FALSE);
  steward_mastodon_json_add_bool (builder, "bot", FALSE);
  steward_mastodon_json_add_bool (builder, "discoverable", TRUE);
  steward_mastodon_json_add_bool (builder, "group", FALSE);
  steward_mastodon_json_add_string (builder, "created_at", created);
  steward_mastodon_json_add_string (builder, "note", note);
  steward_mastodon_json_add_string (builder, "url", url);
  steward_mastodon_json_add_string (builder, "avatar", avatar);
  steward_mastodon_json_add_string (builder, "avatar_static", avatar);
  steward_mastodon_json_add_string (builder, "header", avatar);
  steward_mastodon_json_add_string (builder, "header_static", avatar);
  steward_mastodon_json_add_int (builder, "followers_count",
                                 account->followers >= 0 ? account->followers
                                                         : (gint64) (account->id % 997) + 3);
  steward_mastodon_json_add_int (builder, "following_count", (gint64) (account->id % 211) + 1);
  steward_mastodon_json_add_int (builder, "statuses_count", count_statuses_by (self, account->id));
  steward_mastodon_json_add_string (builder, "last_status_at", NULL);
  steward_mastodon_json_add_empty_array (builder, "emojis");
  steward_mastodon_json_add_empty_array (builder, "fields");
  json_builder_end_object (builder);
}

void
steward_mastodon_server_build_status (StewardMastodonServer *self,
                                      JsonBuilder           *builder,
                                      const ServerStatus    *status)
{
  ServerAccount *author = g_hash_table_lookup (self->accounts, &status->account_id);
  ServerStatus *parent = g_hash_table_lookup (self->statuses, &status->in_reply_to_id);
  g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *created = steward_mastodon_format_time (status->created_at);
  g_autofree char *edited = status->edited_at ? steward_mastodon_format_time (status->edited_at) : NULL;
  g_autofree char *author_url = steward_mastodon_server_account_url (self, author);
  g_autofree char *url = NULL;
  g_autofree char *uri = NULL;

  /* Recompute mentions and tags from the source text. */
  if (status->text != NULL)
    g_free (steward_mastodon_server_text_to_html (self, status->text, mentions, tags));

  url = g_strdup_printf ("%s/%" G_GUINT64_FORMAT, author_url, status->id);
  uri = g_strdup_printf ("%s/users/%s/statuses/%" G_GUINT64_FORMAT,
                         self->base_url, author->acct, status->id);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_id (builder, "id", status->id);
  steward_mastodon_json_add_string (builder, "created_at", created);
  if (parent != NULL)
    {
      steward_mastodon_json_add_id (builder, "in_reply_to_id", parent->id);
      steward_mastodon_json_add_id (builder, "in_reply_to_account_id", parent->account_id);
    }
  else
    {
      steward_mastodon_json_add_string (builder, "in_reply_to_id", NULL);
      steward_mastodon_json_add_string (builder, "in_reply_to_account_id", NULL);
    }
  steward_mastodon_json_add_bool (builder, "sensitive", status->spoiler_text != NULL && *status->spoiler_text);
  steward_mastodon_json_add_string (builder, "spoiler_text", status->spoiler_text ? status->spoiler_text : "");
  steward_mastodon_json_add_string (builder, "visibility", status->visibility);
  steward_mastodon_json_add_string (builder, "language", status->language);
  steward_mastodon_json_add_string (builder, "uri", uri);
  steward_mastodon_json_add_string (builder, "url", url);
  steward_mastodon_json_add_int (builder, "replies_count", 0);
  steward_mastodon_json_add_int (builder, "reblogs_count", 0);
  steward_mastodon_json_add_int (builder, "favourites_count", 0);
  steward_mastodon_json_add_string (builder, "edited_at", edited);
  steward_mastodon_json_add_bool (builder, "favourited", FALSE);
  steward_mastodon_json_add_bool (builder, "reblogged", FALSE);
  steward_mastodon_json_add_bool (builder, "muted", FALSE);
  steward_mastodon_json_add_bool (builder, "bookmarked", FALSE);
  steward_mastodon_json_add_string (builder, "content", status->content);
  json_builder_set_member_name (builder, "reblog");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "application");
  json_builder_begin_object (builder);
  steward_mastodon_json_add_string (builder, "name", "Web");
  steward_mastodon_json_add_string (builder, "website", NULL);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "account");
  steward_mastodon_server_build_account (self, builder, author);
  steward_mastodon_json_add_empty_array (builder, "media_attachments");

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mentions->len; i++)
    {
      ServerAccount *m = g_hash_table_lookup (self->accounts, &g_array_index (mentions, guint64, i));
      g_autofree char *m_url = steward_mastodon_server_account_url (self, m);
      g_autofree char *username = g_strdup (m->acct);
      char *at = strchr (username, '@');

      if (at != NULL)
        *at = '\0';
      json_builder_begin_object (builder);
      steward_mastodon_json_add_id (builder, "id", m->id);
      steward_mastodon_json_add_string (builder, "username", username);
      steward_mastodon_json_add_string (builder, "url", m_url);
      steward_mastodon_json_add_string (builder, "acct", m->acct);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_autofree char *tag_url = g_strdup_printf ("%s/tags/%s", self->base_url, tag);

      json_builder_begin_object (builder);
      steward_mastodon_json_add_string (builder, "name", tag);
      steward_mastodon_json_add_string (builder, "url", tag_url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  steward_mastodon_json_add_empty_array (builder, "emojis");
  json_builder_set_member_name (builder, "card");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "poll");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

void
steward_mastodon_server_build_notification (StewardMastodonServer    *self,
                                            JsonBuilder              *builder,
                                            const ServerNotification *notification)
{
  ServerStatus *status = g_hash_table_lookup (self->statuses, &notification->status_id);
  ServerAccount *account = g_hash_table_lookup (self->accounts, &notification->account_id);
  g_autofree char *created = steward_mastodon_format_time (notification->created_at);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_id (builder, "id", notification->id);
  steward_mastodon_json_add_string (builder, "type", notification->type);
  steward_mastodon_json_add_string (builder, "created_at", created);
  json_builder_set_member_name (builder, "account");
  steward_mastodon_server_build_account (self, builder, account);
  json_builder_set_member_name (builder, "status");
  steward_mastodon_server_build_status (self, builder, status);
  json_builder_end_object (builder);
}

void
steward_mastodon_server_build_conversation (StewardMastodonServer    *self,
                                            JsonBuilder              *builder,
                                            const ServerConversation *conversation)
{
  ServerStatus *status = g_hash_table_lookup (self->statuses, &conversation->last_status_id);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_id (builder, "id", conversation->id);
  steward_mastodon_json_add_bool (builder, "unread", conversation->unread);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < conversation->account_ids->len; i++)
    {
      ServerAccount *account = g_hash_table_lookup (self->accounts,
                                              &g_array_index (conversation->account_ids, guint64, i));
      if (account != NULL)
        steward_mastodon_server_build_account (self, builder, account);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "last_status");
  if (status != NULL)
    steward_mastodon_server_build_status (self, builder, status);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}
