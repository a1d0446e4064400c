/* steward-mastodon-server.c — a small server speaking the Mastodon API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

G_DEFINE_FINAL_TYPE (StewardMastodonServer, steward_mastodon_server, G_TYPE_OBJECT)

/* helpers: records */

void
steward_mastodon_account_free (ServerAccount *account)
{
  g_free (account->acct);
  g_free (account->display_name);
  g_free (account);
}

void
steward_mastodon_status_free (ServerStatus *status)
{
  g_free (status->text);
  g_free (status->content);
  g_free (status->visibility);
  g_free (status->spoiler_text);
  g_free (status->language);
  g_free (status);
}

void
steward_mastodon_notification_free (ServerNotification *notification)
{
  g_free (notification->type);
  g_free (notification);
}

void
steward_mastodon_conversation_free (ServerConversation *conversation)
{
  g_array_unref (conversation->account_ids);
  g_free (conversation);
}

static void
fault_free (ServerFault *fault)
{
  g_free (fault->prefix);
  g_free (fault);
}

void
steward_mastodon_request_free (StewardMastodonRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request);
}

static StewardMastodonRequest *
request_copy (const StewardMastodonRequest *request)
{
  StewardMastodonRequest *copy = g_new0 (StewardMastodonRequest, 1);

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->status = request->status;
  return copy;
}

guint64 *
steward_mastodon_id_key (guint64 id)
{
  guint64 *key = g_new (guint64, 1);

  *key = id;
  return key;
}

char *
steward_mastodon_id_to_string (guint64 id)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, id);
}

gboolean
steward_mastodon_id_from_string (const char *str,
                                 guint64    *id)
{
  return str != NULL && g_ascii_string_to_unsigned (str, 10, 1, G_MAXUINT64, id, NULL);
}

/* Snowflake-like: milliseconds since the epoch in the high bits, a sequence
 * in the low 16, so ids sort by time and backdated ones land in place. */
guint64
steward_mastodon_server_next_id (StewardMastodonServer *self,
                                 gint64                 when_us)
{
  guint64 id = ((guint64) MAX (when_us / 1000, 0)) << 16;

  if (when_us >= g_get_real_time () - G_USEC_PER_SEC && id <= self->last_id)
    id = self->last_id + 1;

  while (g_hash_table_contains (self->statuses, &id) ||
         g_hash_table_contains (self->accounts, &id) ||
         g_hash_table_contains (self->conversations, &id))
    id++;
  for (guint i = 0; i < self->notifications->len; i++)
    {
      ServerNotification *n = g_ptr_array_index (self->notifications, i);
      if (n->id == id)
        {
          id++;
          i = (guint) -1;
        }
    }

  self->last_id = MAX (self->last_id, id);
  return id;
}

ServerAccount *
steward_mastodon_server_find_account (StewardMastodonServer *self,
                                      const char            *acct)
{
  GHashTableIter iter;
  ServerAccount *account;

  g_hash_table_iter_init (&iter, self->accounts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &account))
    if (g_ascii_strcasecmp (account->acct, acct) == 0)
      return account;
  return NULL;
}

ServerAccount *
steward_mastodon_server_add_account_locked (StewardMastodonServer *self,
                                            const char            *id_str,
                                            const char            *acct,
                                            const char            *display_name)
{
  ServerAccount *account = steward_mastodon_server_find_account (self, acct);
  guint64 id = 0;

  if (account != NULL)
    {
      g_free (account->display_name);
      account->display_name = g_strdup (display_name != NULL ? display_name : "");
      return account;
    }

  if (!steward_mastodon_id_from_string (id_str, &id) || g_hash_table_contains (self->accounts, &id))
    id = steward_mastodon_server_next_id (self, g_get_real_time () - 400 * G_TIME_SPAN_DAY);

  account = g_new0 (ServerAccount, 1);
  account->id = id;
  account->acct = g_strdup (acct);
  account->display_name = g_strdup (display_name != NULL ? display_name : "");
  account->created_at = g_get_real_time () / G_USEC_PER_SEC - 400 * 86400;
  account->followers = -1;
  g_hash_table_insert (self->accounts, steward_mastodon_id_key (id), account);
  return account;
}

ServerAccount *
steward_mastodon_server_ensure_me (StewardMastodonServer *self)
{
  ServerAccount *me = g_hash_table_lookup (self->accounts, &self->me_id);

  if (me == NULL)
    {
      me = steward_mastodon_server_add_account_locked (self, NULL, "steward", "Steward");
      self->me_id = me->id;
    }
  return me;
}

/* faults and sending */

/* A prefix is a path prefix, or a method, a space and a path prefix. */
static gboolean
fault_matches (const ServerFault *fault,
               const char        *method,
               const char        *path)
{
  const char *space;
  gsize method_len;

  if (fault->prefix == NULL)
    return TRUE;
  if (fault->prefix[0] == '/' || (space = strchr (fault->prefix, ' ')) == NULL)
    return g_str_has_prefix (path, fault->prefix);

  method_len = space - fault->prefix;
  return strlen (method) == method_len &&
         strncmp (method, fault->prefix, method_len) == 0 &&
         g_str_has_prefix (path, space + 1);
}

static gboolean
take_fault (StewardMastodonServer *self,
            const char            *method,
            const char            *path,
            ServerFault           *out)
{
  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      ServerFault *fault = l->data;

      if (!fault_matches (fault, method, path))
        continue;
      *out = *fault;
      out->prefix = NULL;
      if (--fault->remaining == 0)
        {
          g_queue_delete_link (&self->faults, l);
          fault_free (fault);
        }
      return TRUE;
    }
  return FALSE;
}

static void
set_rate_headers (StewardMastodonServer *self,
                  SoupMessageHeaders    *headers,
                  gint64                 now_us)
{
  g_autofree char *limit = g_strdup_printf ("%d", RATE_LIMIT);
  g_autofree char *remaining = NULL;
  g_autofree char *reset = NULL;

  if (now_us - self->rate_window_start >= RATE_WINDOW_SECONDS * G_USEC_PER_SEC)
    {
      self->rate_window_start = now_us - now_us % (RATE_WINDOW_SECONDS * G_USEC_PER_SEC);
      self->rate_count = 0;
    }
  self->rate_count++;
  remaining = g_strdup_printf ("%u", self->rate_count < RATE_LIMIT ? RATE_LIMIT - self->rate_count : 1);
  reset = steward_mastodon_format_time (self->rate_window_start + RATE_WINDOW_SECONDS * G_USEC_PER_SEC);
  soup_message_headers_replace (headers, "X-RateLimit-Limit", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", remaining);
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
}

static void
send_truncated (SoupServerMessage *msg,
                const ServerReply *reply)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  GOutputStream *out;
  gsize half = reply->body->len / 2;

  if (stream == NULL)
    return;
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n",
                          reply->content_type, reply->body->len);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, reply->body->str, half, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

typedef struct {
  StewardMastodonServer *server;
  SoupServerMessage     *msg;
  GSource               *source;
} SlowReply;

static void
slow_reply_free (SlowReply *slow)
{
  g_object_unref (slow->msg);
  g_free (slow);
}

/* Pending slow replies belong to the serving thread; stopping drops them
 * before the SoupServer goes, so none is unpaused without its server. */
static void
drop_slow_replies (StewardMastodonServer *self)
{
  for (guint i = 0; i < self->slow_replies->len; i++)
    g_source_destroy (g_ptr_array_index (self->slow_replies, i));
  g_ptr_array_set_size (self->slow_replies, 0);
}

static gboolean
on_slow_timeout_cb (gpointer data)
{
  SlowReply *slow = data;

  soup_server_message_unpause (slow->msg);
  g_ptr_array_remove_fast (slow->server->slow_replies, slow->source);
  return G_SOURCE_REMOVE;
}

static void
on_server_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  StewardMastodonServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (request_headers, NULL);
  const char *raw_query = g_uri_get_query (uri);
  StewardMastodonRequest *logged;
  ServerParams params;
  ServerReply reply = { 0 };
  ServerFault fault = { 0 };
  gboolean faulty;
  gboolean truncate = FALSE;
  guint delay = 0;

  steward_mastodon_params_init (&params);
  steward_mastodon_params_parse_form (&params, raw_query);
  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "PATCH"))
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      gsize len;
      const char *data = g_bytes_get_data (body, &len);

      if (g_strcmp0 (content_type, "application/json") == 0)
        steward_mastodon_params_parse_json (&params, data, len);
      else if (len > 0)
        {
          g_autofree char *form = g_strndup (data, len);
          steward_mastodon_params_parse_form (&params, form);
        }
    }

  g_mutex_lock (&self->mutex);

  faulty = take_fault (self, method, path, &fault);
  if (faulty && fault.fault != STEWARD_MASTODON_FAULT_SLOW &&
      fault.fault != STEWARD_MASTODON_FAULT_TRUNCATED &&
      fault.fault != STEWARD_MASTODON_FAULT_LOSE_RESPONSE)
    {
      switch (fault.fault)
        {
        case STEWARD_MASTODON_FAULT_RATE_LIMIT:
          {
            g_autofree char *after = g_strdup_printf ("%u", fault.param);
            g_autofree char *reset = steward_mastodon_format_time (g_get_real_time () + (gint64) fault.param * G_USEC_PER_SEC);

            steward_mastodon_reply_error (&reply, 429, "Too many requests");
            set_rate_headers (self, response_headers, g_get_real_time ());
            soup_message_headers_replace (response_headers, "X-RateLimit-Remaining", "0");
            soup_message_headers_replace (response_headers, "X-RateLimit-Reset", reset);
            soup_message_headers_replace (response_headers, "Retry-After", after);
          }
          break;
        case STEWARD_MASTODON_FAULT_SERVER_ERROR:
          steward_mastodon_reply_error (&reply, SOUP_STATUS_INTERNAL_SERVER_ERROR, "We're sorry, but something went wrong");
          break;
        case STEWARD_MASTODON_FAULT_MALFORMED:
          reply.status = SOUP_STATUS_OK;
          reply.content_type = g_strdup ("application/json; charset=utf-8");
          reply.body = g_string_new ("[{\"id\": \"1\", \"type\": <html>Bad gateway</html>");
          break;
        case STEWARD_MASTODON_FAULT_UNAUTHORIZED:
          steward_mastodon_reply_error (&reply, SOUP_STATUS_UNAUTHORIZED, "The access token is invalid");
          break;
        case STEWARD_MASTODON_FAULT_SLOW:
        case STEWARD_MASTODON_FAULT_TRUNCATED:
        case STEWARD_MASTODON_FAULT_LOSE_RESPONSE:
        default:
          g_assert_not_reached ();
        }
    }
  else
    {
      steward_mastodon_server_dispatch (self, method, path, &params,
                soup_message_headers_get_one (request_headers, "Authorization"),
                soup_message_headers_get_one (request_headers, "Idempotency-Key"),
                &reply);
      if (faulty && fault.fault == STEWARD_MASTODON_FAULT_LOSE_RESPONSE)
        {
          g_clear_pointer (&reply.link, g_free);
          g_clear_pointer (&reply.location, g_free);
          steward_mastodon_reply_html (&reply, SOUP_STATUS_BAD_GATEWAY,
                      "<html><body><h1>502 Bad Gateway</h1></body></html>");
        }
      else if (faulty && fault.fault == STEWARD_MASTODON_FAULT_TRUNCATED)
        truncate = TRUE;
      else if (faulty && fault.fault == STEWARD_MASTODON_FAULT_SLOW)
        delay = fault.param;
    }

  if (reply.status != 429)
    set_rate_headers (self, response_headers, g_get_real_time ());

  logged = g_new0 (StewardMastodonRequest, 1);
  logged->method = g_strdup (method);
  logged->path = g_strdup (path);
  logged->query = g_strdup (raw_query);
  logged->status = truncate ? SOUP_STATUS_OK : reply.status;
  g_ptr_array_add (self->requests, logged);

  g_mutex_unlock (&self->mutex);

  g_debug ("%s %s%s%s -> %u%s", method, path, raw_query ? "?" : "", raw_query ? raw_query : "",
           reply.status, faulty ? " (fault)" : "");

  if (truncate)
    {
      send_truncated (msg, &reply);
      steward_mastodon_reply_clear (&reply);
      steward_mastodon_params_clear (&params);
      return;
    }

  if (reply.link != NULL)
    soup_message_headers_replace (response_headers, "Link", reply.link);
  if (reply.location != NULL)
    soup_message_headers_replace (response_headers, "Location", reply.location);
  soup_server_message_set_status (msg, reply.status, NULL);
  soup_server_message_set_response (msg, reply.content_type, SOUP_MEMORY_COPY,
                                    reply.body->str, reply.body->len);

  if (delay > 0)
    {
      SlowReply *slow = g_new0 (SlowReply, 1);

      slow->server = self;
      slow->msg = g_object_ref (msg);
      slow->source = g_timeout_source_new (delay);
      soup_server_message_pause (msg);
      g_source_set_callback (slow->source, on_slow_timeout_cb, slow, (GDestroyNotify) slow_reply_free);
      g_source_attach (slow->source, g_main_context_get_thread_default ());
      g_ptr_array_add (self->slow_replies, slow->source);
    }

  steward_mastodon_reply_clear (&reply);
  steward_mastodon_params_clear (&params);
}

/* serving */

static gboolean
listen_locally (StewardMastodonServer  *self,
                GError                **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->port);
  GSList *uris;

  self->soup = soup_server_new ("server-header", "Mastodon", NULL);
  soup_server_add_handler (self->soup, NULL, on_server_request_cb, self, NULL);
  if (!soup_server_listen (self->soup, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return TRUE;
}

static gpointer
server_thread (gpointer data)
{
  StewardMastodonServer *self = data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);
  ok = listen_locally (self, &error);

  g_mutex_lock (&self->mutex);
  self->start_error = error;
  self->started = TRUE;
  g_cond_signal (&self->started_cond);
  g_mutex_unlock (&self->mutex);

  if (ok)
    g_main_loop_run (self->loop);

  drop_slow_replies (self);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
steward_mastodon_server_finalize (GObject *object)
{
  StewardMastodonServer *self = STEWARD_MASTODON_SERVER (object);

  steward_mastodon_server_stop (self);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_error (&self->start_error);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->oauth_code, g_free);
  g_clear_pointer (&self->oauth_token, g_free);
  g_clear_pointer (&self->issued_tokens, g_hash_table_unref);
  g_clear_pointer (&self->apps, g_hash_table_unref);
  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->notifications, g_ptr_array_unref);
  g_clear_pointer (&self->conversations, g_hash_table_unref);
  g_clear_pointer (&self->idempotency, g_hash_table_unref);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->slow_replies, g_ptr_array_unref);
  g_queue_clear_full (&self->faults, (GDestroyNotify) fault_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->started_cond);

  G_OBJECT_CLASS (steward_mastodon_server_parent_class)->finalize (object);
}

static void
steward_mastodon_server_class_init (StewardMastodonServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_mastodon_server_finalize;
}

static void
steward_mastodon_server_init (StewardMastodonServer *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->started_cond);
  g_queue_init (&self->faults);
  self->title = g_strdup ("Steward Test Server");
  self->max_characters = 500;
  self->oauth_code = g_strdup (DEFAULT_CODE);
  self->issued_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->apps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) steward_mastodon_account_free);
  self->statuses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) steward_mastodon_status_free);
  self->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_mastodon_notification_free);
  self->conversations = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) steward_mastodon_conversation_free);
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) steward_mastodon_request_free);
  self->slow_replies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
}

/* public API */

StewardMastodonServer *
steward_mastodon_server_new (guint                        port,
                             StewardMastodonServerFlags   flags,
                             GError                     **error)
{
  g_autoptr(StewardMastodonServer) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (STEWARD_TYPE_MASTODON_SERVER, NULL);
  self->port = port;
  self->own_thread = (flags & STEWARD_MASTODON_SERVER_OWN_THREAD) != 0;

  if (!self->own_thread)
    {
      if (!listen_locally (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("mastodon-server", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->started_cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
steward_mastodon_server_stop (StewardMastodonServer *self)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  if (self->thread != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, quit_loop_cb, self->loop, NULL);
      g_source_attach (source, self->context);
      g_source_unref (source);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  else if (self->soup != NULL)
    {
      drop_slow_replies (self);
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
}

const char *
steward_mastodon_server_get_base_url (StewardMastodonServer *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);

  return self->base_url;
}

guint
steward_mastodon_server_get_port (StewardMastodonServer *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), 0);

  return self->port;
}

void
steward_mastodon_server_set_title (StewardMastodonServer *self,
                                   const char            *title)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));
  g_return_if_fail (title != NULL);

  g_mutex_lock (&self->mutex);
  g_free (self->title);
  self->title = g_strdup (title);
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_set_max_characters (StewardMastodonServer *self,
                                            guint                  max_characters)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));
  g_return_if_fail (max_characters > 0);

  g_mutex_lock (&self->mutex);
  self->max_characters = max_characters;
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_set_instance_v2 (StewardMastodonServer *self,
                                         gboolean               enabled)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  self->without_v2 = !enabled;
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_set_search_refused (StewardMastodonServer *self,
                                            gboolean               refused)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  self->search_refused = refused;
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_set_token (StewardMastodonServer *self,
                                   const char            *token)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  g_free (self->token);
  self->token = g_strdup (token);
  g_hash_table_remove_all (self->issued_tokens);
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_set_oauth (StewardMastodonServer *self,
                                   const char            *code,
                                   const char            *token)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  g_free (self->oauth_code);
  self->oauth_code = g_strdup (code != NULL ? code : DEFAULT_CODE);
  g_free (self->oauth_token);
  self->oauth_token = g_strdup (token);
  g_mutex_unlock (&self->mutex);
}

char *
steward_mastodon_server_add_account (StewardMastodonServer *self,
                                     const char            *id,
                                     const char            *acct,
                                     const char            *display_name)
{
  ServerAccount *account;
  char *ret;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);
  g_return_val_if_fail (acct != NULL && *acct != '\0', NULL);

  g_mutex_lock (&self->mutex);
  account = steward_mastodon_server_add_account_locked (self, id, acct, display_name);
  ret = steward_mastodon_id_to_string (account->id);
  g_mutex_unlock (&self->mutex);
  return ret;
}

gboolean
steward_mastodon_server_set_followers (StewardMastodonServer *self,
                                       const char            *acct,
                                       gint64                 followers)
{
  ServerAccount *account;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), FALSE);
  g_return_val_if_fail (acct != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  account = steward_mastodon_server_find_account (self, acct);
  if (account != NULL)
    account->followers = followers;
  g_mutex_unlock (&self->mutex);

  return account != NULL;
}

char *
steward_mastodon_server_set_me (StewardMastodonServer *self,
                                const char            *id,
                                const char            *acct,
                                const char            *display_name)
{
  ServerAccount *account;
  char *ret;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);
  g_return_val_if_fail (acct != NULL && *acct != '\0', NULL);

  g_mutex_lock (&self->mutex);
  account = steward_mastodon_server_add_account_locked (self, id, acct, display_name);
  self->me_id = account->id;
  ret = steward_mastodon_id_to_string (account->id);
  g_mutex_unlock (&self->mutex);
  return ret;
}

char *
steward_mastodon_server_dup_me_id (StewardMastodonServer *self)
{
  char *ret;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  ret = steward_mastodon_id_to_string (steward_mastodon_server_ensure_me (self)->id);
  g_mutex_unlock (&self->mutex);
  return ret;
}

ServerStatus *
steward_mastodon_server_add_status_locked (StewardMastodonServer            *self,
                                           guint64                           author_id,
                                           const StewardMastodonStatusSpec  *spec,
                                           GError                          **error)
{
  ServerStatus *status;
  guint64 parent_id = 0;
  gint64 when = spec->created_at ? g_date_time_to_unix (spec->created_at) * G_USEC_PER_SEC +
                                   g_date_time_get_microsecond (spec->created_at)
                                 : g_get_real_time ();

  if (!g_hash_table_contains (self->accounts, &author_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No account %" G_GUINT64_FORMAT, author_id);
      return NULL;
    }
  if (spec->in_reply_to_id != NULL && *spec->in_reply_to_id != '\0' &&
      (!steward_mastodon_id_from_string (spec->in_reply_to_id, &parent_id) ||
       !g_hash_table_contains (self->statuses, &parent_id)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No status %s", spec->in_reply_to_id);
      return NULL;
    }
  if (spec->text == NULL && spec->html == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "A status needs text or html");
      return NULL;
    }

  status = g_new0 (ServerStatus, 1);
  status->id = steward_mastodon_server_next_id (self, when);
  status->account_id = author_id;
  status->text = g_strdup (spec->html == NULL ? spec->text : NULL);
  status->content = spec->html ? g_strdup (spec->html) : steward_mastodon_server_text_to_html (self, spec->text, NULL, NULL);
  status->visibility = g_strdup (spec->visibility && *spec->visibility ? spec->visibility : "public");
  status->in_reply_to_id = parent_id;
  status->spoiler_text = g_strdup (spec->spoiler_text);
  status->language = g_strdup (spec->language && *spec->language ? spec->language : NULL);
  status->created_at = when;
  g_hash_table_insert (self->statuses, steward_mastodon_id_key (status->id), status);
  return status;
}

char *
steward_mastodon_server_add_status (StewardMastodonServer            *self,
                                    const StewardMastodonStatusSpec  *spec,
                                    GError                          **error)
{
  ServerStatus *status;
  guint64 author_id = 0;
  char *ret = NULL;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  steward_mastodon_id_from_string (spec->author_id, &author_id);

  g_mutex_lock (&self->mutex);
  status = steward_mastodon_server_add_status_locked (self, author_id, spec, error);
  if (status != NULL)
    ret = steward_mastodon_id_to_string (status->id);
  g_mutex_unlock (&self->mutex);
  return ret;
}

static ServerStatus *
lookup_status_locked (StewardMastodonServer  *self,
                      const char             *status_id,
                      GError                **error)
{
  guint64 id = 0;
  ServerStatus *status = NULL;

  if (steward_mastodon_id_from_string (status_id, &id))
    status = g_hash_table_lookup (self->statuses, &id);
  if (status == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No status %s", status_id);
  return status;
}

char *
steward_mastodon_server_add_mention (StewardMastodonServer  *self,
                                     const char             *status_id,
                                     GError                **error)
{
  ServerNotification *notification;
  ServerStatus *status;
  char *ret = NULL;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);
  g_return_val_if_fail (status_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  status = lookup_status_locked (self, status_id, error);
  if (status != NULL)
    {
      gint64 when = MAX (status->created_at, status->edited_at);

      steward_mastodon_server_ensure_me (self);
      notification = g_new0 (ServerNotification, 1);
      notification->id = steward_mastodon_server_next_id (self, when);
      notification->status_id = status->id;
      notification->account_id = status->account_id;
      notification->type = g_strdup ("mention");
      notification->created_at = when;
      g_ptr_array_add (self->notifications, notification);
      ret = steward_mastodon_id_to_string (notification->id);
    }
  g_mutex_unlock (&self->mutex);
  return ret;
}

char *
steward_mastodon_server_add_direct (StewardMastodonServer  *self,
                                    const char             *conversation_id,
                                    const char             *status_id,
                                    GError                **error)
{
  ServerConversation *conversation = NULL;
  ServerStatus *status;
  char *ret = NULL;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);
  g_return_val_if_fail (status_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  status = lookup_status_locked (self, status_id, error);
  if (status != NULL && conversation_id != NULL)
    {
      guint64 id = 0;

      if (steward_mastodon_id_from_string (conversation_id, &id))
        conversation = g_hash_table_lookup (self->conversations, &id);
      if (conversation == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No conversation %s", conversation_id);
          status = NULL;
        }
    }
  if (status != NULL)
    {
      g_autoptr(GArray) mentions = g_array_new (FALSE, FALSE, sizeof (guint64));
      ServerAccount *me = steward_mastodon_server_ensure_me (self);

      if (conversation == NULL)
        {
          conversation = g_new0 (ServerConversation, 1);
          conversation->id = steward_mastodon_server_next_id (self, status->created_at);
          conversation->account_ids = g_array_new (FALSE, FALSE, sizeof (guint64));
          g_hash_table_insert (self->conversations, steward_mastodon_id_key (conversation->id), conversation);
        }
      if (status->text != NULL)
        g_free (steward_mastodon_server_text_to_html (self, status->text, mentions, NULL));
      g_array_prepend_val (mentions, status->account_id);
      for (guint i = 0; i < mentions->len; i++)
        {
          guint64 account_id = g_array_index (mentions, guint64, i);
          gboolean known = account_id == me->id;

          for (guint j = 0; !known && j < conversation->account_ids->len; j++)
            known = g_array_index (conversation->account_ids, guint64, j) == account_id;
          if (!known)
            g_array_append_val (conversation->account_ids, account_id);
        }
      conversation->last_status_id = status->id;
      conversation->unread = status->account_id != me->id;
      ret = steward_mastodon_id_to_string (conversation->id);
    }
  g_mutex_unlock (&self->mutex);
  return ret;
}

gboolean
steward_mastodon_server_edit_status (StewardMastodonServer  *self,
                                     const char             *status_id,
                                     const char             *text,
                                     GError                **error)
{
  ServerStatus *status;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  status = lookup_status_locked (self, status_id, error);
  if (status != NULL)
    {
      g_free (status->text);
      g_free (status->content);
      status->text = g_strdup (text);
      status->content = steward_mastodon_server_text_to_html (self, text, NULL, NULL);
      status->edited_at = MAX (g_get_real_time (), status->created_at + 1);
    }
  g_mutex_unlock (&self->mutex);
  return status != NULL;
}

gboolean
steward_mastodon_server_delete_status (StewardMastodonServer  *self,
                                       const char             *status_id,
                                       GError                **error)
{
  ServerStatus *status;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  status = lookup_status_locked (self, status_id, error);
  if (status != NULL)
    {
      guint64 id = status->id;
      GHashTableIter iter;
      ServerConversation *conversation;

      for (guint i = self->notifications->len; i > 0; i--)
        {
          ServerNotification *n = g_ptr_array_index (self->notifications, i - 1);
          if (n->status_id == id)
            g_ptr_array_remove_index (self->notifications, i - 1);
        }
      g_hash_table_iter_init (&iter, self->conversations);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &conversation))
        if (conversation->last_status_id == id)
          g_hash_table_iter_remove (&iter);
      g_hash_table_remove (self->statuses, &id);
    }
  g_mutex_unlock (&self->mutex);
  return status != NULL;
}

guint
steward_mastodon_server_count_statuses (StewardMastodonServer *self)
{
  guint n;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), 0);

  g_mutex_lock (&self->mutex);
  n = g_hash_table_size (self->statuses);
  g_mutex_unlock (&self->mutex);
  return n;
}

GPtrArray *
steward_mastodon_server_seed_mentions (StewardMastodonServer *self,
                                       guint                  n,
                                       guint                  n_authors)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *me_id = steward_mastodon_server_dup_me_id (self);
  g_autofree char *me_acct = NULL;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  me_acct = g_strdup (steward_mastodon_server_ensure_me (self)->acct);
  g_mutex_unlock (&self->mutex);

  n_authors = MAX (n_authors, 1);
  for (guint i = 0; i < n_authors; i++)
    {
      g_autofree char *acct = g_strdup_printf ("member%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Member %u", i + 1);

      g_ptr_array_add (authors, steward_mastodon_server_add_account (self, NULL, acct, name));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(gint) (n - 1 - i));
      g_autofree char *text = g_strdup_printf ("@%s hello, this is mention number %u #steward", me_acct, i + 1);
      StewardMastodonStatusSpec spec = { 0 };
      g_autofree char *status_id = NULL;

      spec.author_id = g_ptr_array_index (authors, i % n_authors);
      spec.text = text;
      spec.language = "en";
      spec.created_at = when;
      status_id = steward_mastodon_server_add_status (self, &spec, NULL);
      g_ptr_array_add (ids, steward_mastodon_server_add_mention (self, status_id, NULL));
    }
  return g_steal_pointer (&ids);
}

void
steward_mastodon_server_add_fault (StewardMastodonServer *self,
                                   const char            *path_prefix,
                                   StewardMastodonFault   fault,
                                   guint                  param,
                                   guint                  count)
{
  ServerFault *entry;

  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  if (count == 0)
    return;

  entry = g_new0 (ServerFault, 1);
  entry->prefix = g_strdup (path_prefix);
  entry->fault = fault;
  entry->param = param;
  entry->remaining = count;

  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->faults, entry);
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_clear_faults (StewardMastodonServer *self)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  g_queue_clear_full (&self->faults, (GDestroyNotify) fault_free);
  g_queue_init (&self->faults);
  g_mutex_unlock (&self->mutex);
}

void
steward_mastodon_server_forget_idempotency_keys (StewardMastodonServer *self)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_remove_all (self->idempotency);
  g_mutex_unlock (&self->mutex);
}

GPtrArray *
steward_mastodon_server_dup_requests (StewardMastodonServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), NULL);

  g_mutex_lock (&self->mutex);
  copy = g_ptr_array_new_full (self->requests->len, (GDestroyNotify) steward_mastodon_request_free);
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (copy, request_copy (g_ptr_array_index (self->requests, i)));
  g_mutex_unlock (&self->mutex);
  return copy;
}

void
steward_mastodon_server_clear_requests (StewardMastodonServer *self)
{
  g_return_if_fail (STEWARD_IS_MASTODON_SERVER (self));

  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->requests, 0);
  g_mutex_unlock (&self->mutex);
}

guint
steward_mastodon_server_count_requests (StewardMastodonServer *self,
                                        const char            *method,
                                        const char            *path_prefix)
{
  guint n = 0;

  g_return_val_if_fail (STEWARD_IS_MASTODON_SERVER (self), 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->requests->len; i++)
    {
      StewardMastodonRequest *request = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (method, request->method)) &&
          (path_prefix == NULL || g_str_has_prefix (request->path, path_prefix)))
        n++;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}
