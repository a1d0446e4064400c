/* steward-mastodon-server-state.c — saving and loading the server's state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include "steward-mastodon-server-private.h"

static void
reset_data (StewardMastodonServer *self)
{
  g_hash_table_remove_all (self->accounts);
  g_hash_table_remove_all (self->statuses);
  g_ptr_array_set_size (self->notifications, 0);
  g_hash_table_remove_all (self->conversations);
  g_hash_table_remove_all (self->idempotency);
  g_hash_table_remove_all (self->apps);
  g_hash_table_remove_all (self->issued_tokens);
  self->me_id = 0;
}

static void
add_u64_member (JsonBuilder *builder,
                const char  *name,
                guint64      value)
{
  steward_mastodon_json_add_id (builder, name, value);
}

static guint64
get_u64_member (JsonObject *object,
                const char *name)
{
  guint64 value = 0;

  steward_mastodon_id_from_string (json_object_get_string_member_with_default (object, name, NULL), &value);
  return value;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const ServerStatus *sa = *(const ServerStatus **) a;
  const ServerStatus *sb = *(const ServerStatus **) b;

  return sa->id > sb->id ? -1 : sa->id < sb->id ? 1 : 0;
}

/* Drops statuses older than @max_age_us before @now_us and all but the
 * @max_statuses newest, then what referred to them: notifications,
 * conversations whose last status went, idempotency keys. Accounts stay
 * (the community is small and fixed). Returns how many statuses went. */
static guint
prune_locked (StewardMastodonServer *self,
              gint64                 now_us,
              gint64                 max_age_us,
              guint                  max_statuses)
{
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autoptr(GArray) doomed = g_array_new (FALSE, FALSE, sizeof (guint64));
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (statuses, value);
  g_ptr_array_sort (statuses, compare_newest_first);

  for (guint i = 0; i < statuses->len; i++)
    {
      ServerStatus *status = g_ptr_array_index (statuses, i);

      if (i >= max_statuses || status->created_at < now_us - max_age_us)
        g_array_append_val (doomed, status->id);
    }
  if (doomed->len == 0)
    return 0;

  for (guint i = 0; i < doomed->len; i++)
    g_hash_table_remove (self->statuses, &g_array_index (doomed, guint64, i));

  for (guint i = self->notifications->len; i > 0; i--)
    {
      ServerNotification *n = g_ptr_array_index (self->notifications, i - 1);

      if (!g_hash_table_contains (self->statuses, &n->status_id))
        g_ptr_array_remove_index_fast (self->notifications, i - 1);
    }

  g_hash_table_iter_init (&iter, self->conversations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (self->statuses, &((ServerConversation *) value)->last_status_id))
      g_hash_table_iter_remove (&iter);

  g_hash_table_iter_init (&iter, self->idempotency);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->statuses, value))
      g_hash_table_iter_remove (&iter);

  g_debug ("Pruned %u old statuses, %u left", doomed->len, g_hash_table_size (self->statuses));
  return doomed->len;
}

guint
steward_mastodon_server_prune (StewardMastodonServer *self,
                               GDateTime             *now,
                               guint                  max_age_days,
                               guint                  max_statuses)
{
  gint64 now_us;
  guint removed;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), 0);

  now_us = now != NULL ? g_date_time_to_unix (now) * G_USEC_PER_SEC : g_get_real_time ();

  g_mutex_lock (&self->mutex);
  removed = prune_locked (self, now_us, (gint64) max_age_days * 24 * 3600 * G_USEC_PER_SEC,
                          max_statuses);
  g_mutex_unlock (&self->mutex);
  return removed;
}

gboolean
steward_mastodon_server_save (StewardMastodonServer  *self,
                              const char             *path,
                              GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);

  /* The demo saves every few minutes for as long as it runs: keep the
   * file (and the memory) from growing without end. */
  prune_locked (self, g_get_real_time (),
                (gint64) STEWARD_MASTODON_SERVER_KEEP_DAYS * 24 * 3600 * G_USEC_PER_SEC,
                STEWARD_MASTODON_SERVER_KEEP_STATUSES);

  json_builder_begin_object (builder);
  steward_mastodon_json_add_int (builder, "version", STATE_VERSION);
  steward_mastodon_json_add_string (builder, "title", self->title);
  steward_mastodon_json_add_int (builder, "max_characters", self->max_characters);
  add_u64_member (builder, "me", self->me_id);
  add_u64_member (builder, "last_id", self->last_id);

  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ServerAccount *a = value;

      json_builder_begin_object (builder);
      add_u64_member (builder, "id", a->id);
      steward_mastodon_json_add_string (builder, "acct", a->acct);
      steward_mastodon_json_add_string (builder, "display_name", a->display_name);
      steward_mastodon_json_add_int (builder, "created_at", a->created_at);
      steward_mastodon_json_add_int (builder, "followers", a->followers);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "statuses");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ServerStatus *s = value;

      json_builder_begin_object (builder);
      add_u64_member (builder, "id", s->id);
      add_u64_member (builder, "account_id", s->account_id);
      steward_mastodon_json_add_string (builder, "text", s->text);
      steward_mastodon_json_add_string (builder, "content", s->content);
      steward_mastodon_json_add_string (builder, "visibility", s->visibility);
      add_u64_member (builder, "in_reply_to_id", s->in_reply_to_id);
      steward_mastodon_json_add_string (builder, "spoiler_text", s->spoiler_text);
      steward_mastodon_json_add_string (builder, "language", s->language);
      steward_mastodon_json_add_int (builder, "created_at", s->created_at);
      steward_mastodon_json_add_int (builder, "edited_at", s->edited_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->notifications->len; i++)
    {
      ServerNotification *n = g_ptr_array_index (self->notifications, i);

      json_builder_begin_object (builder);
      add_u64_member (builder, "id", n->id);
      add_u64_member (builder, "status_id", n->status_id);
      add_u64_member (builder, "account_id", n->account_id);
      steward_mastodon_json_add_string (builder, "type", n->type);
      steward_mastodon_json_add_int (builder, "created_at", n->created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "conversations");
  json_builder_begin_array (builder);
  g_hash_table_iter_init (&iter, self->conversations);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ServerConversation *c = value;

      json_builder_begin_object (builder);
      add_u64_member (builder, "id", c->id);
      add_u64_member (builder, "last_status_id", c->last_status_id);
      steward_mastodon_json_add_bool (builder, "unread", c->unread);
      json_builder_set_member_name (builder, "accounts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < c->account_ids->len; i++)
        {
          g_autofree char *id = steward_mastodon_id_to_string (g_array_index (c->account_ids, guint64, i));
          json_builder_add_string_value (builder, id);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "idempotency");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->idempotency);
  {
    gpointer key;
    while (g_hash_table_iter_next (&iter, &key, &value))
      add_u64_member (builder, key, *(guint64 *) value);
  }
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  g_mutex_unlock (&self->mutex);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  return g_file_set_contents (path, data, -1, error);
}

gboolean
steward_mastodon_server_load (StewardMastodonServer  *self,
                              const char             *path,
                              GError                **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not a server state file", path);
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != STATE_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s has an unknown version", path);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  reset_data (self);
  g_free (self->title);
  self->title = g_strdup (json_object_get_string_member_with_default (root, "title", "Steward Test Server"));
  self->max_characters = json_object_get_int_member_with_default (root, "max_characters", 500);
  self->me_id = get_u64_member (root, "me");
  self->last_id = get_u64_member (root, "last_id");

  if ((array = json_object_get_array_member (root, "accounts")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        ServerAccount *a = g_new0 (ServerAccount, 1);

        a->id = get_u64_member (o, "id");
        a->acct = g_strdup (json_object_get_string_member_with_default (o, "acct", "unknown"));
        a->display_name = g_strdup (json_object_get_string_member_with_default (o, "display_name", ""));
        a->created_at = json_object_get_int_member_with_default (o, "created_at", 0);
        a->followers = json_object_get_int_member_with_default (o, "followers", -1);
        g_hash_table_insert (self->accounts, steward_mastodon_id_key (a->id), a);
      }

  if ((array = json_object_get_array_member (root, "statuses")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        ServerStatus *s = g_new0 (ServerStatus, 1);

        s->id = get_u64_member (o, "id");
        s->account_id = get_u64_member (o, "account_id");
        s->text = g_strdup (json_object_get_string_member_with_default (o, "text", NULL));
        s->content = g_strdup (json_object_get_string_member_with_default (o, "content", ""));
        s->visibility = g_strdup (json_object_get_string_member_with_default (o, "visibility", "public"));
        s->in_reply_to_id = get_u64_member (o, "in_reply_to_id");
        s->spoiler_text = g_strdup (json_object_get_string_member_with_default (o, "spoiler_text", NULL));
        s->language = g_strdup (json_object_get_string_member_with_default (o, "language", NULL));
        s->created_at = json_object_get_int_member_with_default (o, "created_at", 0);
        s->edited_at = json_object_get_int_member_with_default (o, "edited_at", 0);
        if (g_hash_table_contains (self->accounts, &s->account_id))
          g_hash_table_insert (self->statuses, steward_mastodon_id_key (s->id), s);
        else
          steward_mastodon_status_free (s);
      }

  if ((array = json_object_get_array_member (root, "notifications")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        ServerNotification *n = g_new0 (ServerNotification, 1);

        n->id = get_u64_member (o, "id");
        n->status_id = get_u64_member (o, "status_id");
        n->account_id = get_u64_member (o, "account_id");
        n->type = g_strdup (json_object_get_string_member_with_default (o, "type", "mention"));
        n->created_at = json_object_get_int_member_with_default (o, "created_at", 0);
        if (g_hash_table_contains (self->statuses, &n->status_id) &&
            g_hash_table_contains (self->accounts, &n->account_id))
          g_ptr_array_add (self->notifications, n);
        else
          steward_mastodon_notification_free (n);
      }

  if ((array = json_object_get_array_member (root, "conversations")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        JsonArray *accounts = json_object_get_array_member (o, "accounts");
        ServerConversation *c = g_new0 (ServerConversation, 1);

        c->id = get_u64_member (o, "id");
        c->last_status_id = get_u64_member (o, "last_status_id");
        c->unread = json_object_get_boolean_member_with_default (o, "unread", FALSE);
        c->account_ids = g_array_new (FALSE, FALSE, sizeof (guint64));
        for (guint j = 0; accounts != NULL && j < json_array_get_length (accounts); j++)
          {
            guint64 id = 0;
            if (steward_mastodon_id_from_string (json_array_get_string_element (accounts, j), &id))
              g_array_append_val (c->account_ids, id);
          }
        if (g_hash_table_contains (self->statuses, &c->last_status_id))
          g_hash_table_insert (self->conversations, steward_mastodon_id_key (c->id), c);
        else
          steward_mastodon_conversation_free (c);
      }

  if (json_object_has_member (root, "idempotency"))
    {
      JsonObject *o = json_object_get_object_member (root, "idempotency");
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, o);
      while (json_object_iter_next (&iter, &key, &node))
        {
          guint64 id = 0;
          if (steward_mastodon_id_from_string (json_node_get_string (node), &id))
            g_hash_table_insert (self->idempotency, g_strdup (key), steward_mastodon_id_key (id));
        }
    }

  g_mutex_unlock (&self->mutex);
  return TRUE;
}
