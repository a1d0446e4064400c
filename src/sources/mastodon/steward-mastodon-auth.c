/* steward-mastodon-auth.c — signing in to a Mastodon server with OAuth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include <steward/steward.h>

#include "steward-http.h"
#include "steward-mastodon-auth.h"

struct _StewardMastodonAuth
{
  GObject       parent_instance;

  char         *server;
  char         *redirect_uri;
  char         *state;
  char         *client_id;
  char         *client_secret;
  StewardHttp  *http;

  /* the loopback listener */
  SoupServer   *loopback;
  GMainContext *loopback_context;
  char         *code;
  GError       *callback_error;
  GTask        *waiting;
  gulong        cancelled_id;
};

G_DEFINE_FINAL_TYPE (StewardMastodonAuth, steward_mastodon_auth, G_TYPE_OBJECT)

/* helpers */

static char *
normalize_server (const char *server)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (server));
  char *url;
  gsize len;

  if (strstr (trimmed, "://") == NULL)
    url = g_strconcat ("https://", trimmed, NULL);
  else
    url = g_steal_pointer (&trimmed);
  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  return url;
}

static const char *
get_member_string (JsonNode   *json,
                   const char *member)
{
  if (json == NULL || !JSON_NODE_HOLDS_OBJECT (json))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (json), member, NULL);
}

static char *
page_html (const char *title,
           const char *message)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *m = g_markup_escape_text (message, -1);

  return g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title><style>body{font-family:sans-serif;"
                          "margin:4em auto;max-width:30em;text-align:center}</style>"
                          "</head><body><h1>%s</h1><p>%s</p></body></html>\n",
                          t, t, m);
}

static void
finish_waiting (StewardMastodonAuth *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->waiting);
  GCancellable *cancellable;

  if (task == NULL)
    return;

  cancellable = g_task_get_cancellable (task);
  if (cancellable != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  if (self->callback_error != NULL)
    g_task_return_error (task, g_error_copy (self->callback_error));
  else if (self->code != NULL)
    g_task_return_pointer (task, g_strdup (self->code), g_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
}

/* callbacks */

static void
on_loopback_request_cb (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  StewardMastodonAuth *self = user_data;
  const char *code = query ? g_hash_table_lookup (query, "code") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *denied = query ? g_hash_table_lookup (query, "error") : NULL;
  g_autofree char *html = NULL;

  if (!g_str_equal (path, "/callback"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (self->code != NULL || self->callback_error != NULL)
    {
      html = page_html (_("Steward"), _("You can close this tab and return to Steward."));
    }
  else if (denied != NULL)
    {
      g_set_error (&self->callback_error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED,
                   _("The server did not grant access to Steward"));
      html = page_html (_("Access not granted"), _("You can close this tab and return to Steward."));
    }
  else if (code == NULL || *code == '\0' || g_strcmp0 (state, self->state) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      html = page_html (_("Sign-in failed"),
                        _("This page was not opened by Steward’s sign-in. Start again from Steward."));
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                        html, strlen (html));
      return;
    }
  else
    {
      self->code = g_strdup (code);
      html = page_html (_("Signed in"), _("You can close this tab and return to Steward."));
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
  finish_waiting (self);
}

static gboolean
on_wait_cancelled_idle_cb (gpointer data)
{
  StewardMastodonAuth *self = data;

  if (self->waiting != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->waiting);

      self->cancelled_id = 0;
      g_task_return_error_if_cancelled (task);
    }
  return G_SOURCE_REMOVE;
}

static void
on_wait_cancelled_cb (GCancellable *cancellable,
                      gpointer      data)
{
  StewardMastodonAuth *self = data;

  g_main_context_invoke_full (self->loopback_context, G_PRIORITY_DEFAULT,
                              on_wait_cancelled_idle_cb, g_object_ref (self), g_object_unref);
}

static void
register_app_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (steward_mastodon_auth_register_app (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exchange_code_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  char *token = steward_mastodon_auth_exchange_code (source_object, task_data, cancellable, &error);

  if (token != NULL)
    g_task_return_pointer (task, token, g_free);
  else
    g_task_return_error (task, error);
}

/* GObject */

static void
steward_mastodon_auth_dispose (GObject *object)
{
  StewardMastodonAuth *self = STEWARD_MASTODON_AUTH (object);

  if (self->loopback != NULL)
    soup_server_disconnect (self->loopback);
  g_clear_object (&self->loopback);
  finish_waiting (self);

  G_OBJECT_CLASS (steward_mastodon_auth_parent_class)->dispose (object);
}

static void
steward_mastodon_auth_finalize (GObject *object)
{
  StewardMastodonAuth *self = STEWARD_MASTODON_AUTH (object);

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->loopback_context, g_main_context_unref);
  g_clear_error (&self->callback_error);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (steward_mastodon_auth_parent_class)->finalize (object);
}

static void
steward_mastodon_auth_class_init (StewardMastodonAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_mastodon_auth_dispose;
  object_class->finalize = steward_mastodon_auth_finalize;
}

static void
steward_mastodon_auth_init (StewardMastodonAuth *self)
{
  self->http = steward_http_new ();
  self->state = g_uuid_string_random ();
  self->redirect_uri = g_strdup (STEWARD_MASTODON_OOB_REDIRECT_URI);
}

/* public API */

StewardMastodonAuth *
steward_mastodon_auth_new (const char *server)
{
  StewardMastodonAuth *self;

  g_return_val_if_fail (server != NULL, NULL);

  self = g_object_new (STEWARD_TYPE_MASTODON_AUTH, NULL);
  self->server = normalize_server (server);
  return self;
}

const char *
steward_mastodon_auth_get_server (StewardMastodonAuth *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), NULL);

  return self->server;
}

gboolean
steward_mastodon_auth_start_loopback (StewardMastodonAuth  *self,
                                      GError              **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->loopback != NULL)
    return TRUE;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  self->loopback = soup_server_new ("server-header", "Steward", NULL);
  soup_server_add_handler (self->loopback, NULL, on_loopback_request_cb, self, NULL);
  if (!soup_server_listen (self->loopback, address, 0, error))
    {
      g_clear_object (&self->loopback);
      return FALSE;
    }

  self->loopback_context = g_main_context_ref_thread_default ();
  uris = soup_server_get_uris (self->loopback);
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d/callback", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

const char *
steward_mastodon_auth_get_redirect_uri (StewardMastodonAuth *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), NULL);

  return self->redirect_uri;
}

gboolean
steward_mastodon_auth_register_app (StewardMastodonAuth  *self,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  const char *client_id;
  const char *client_secret;

  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  url = g_strconcat (self->server, "/api/v1/apps", NULL);
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, "client_name", STEWARD_MASTODON_CLIENT_NAME);
  g_hash_table_insert (form, "redirect_uris", self->redirect_uri);
  g_hash_table_insert (form, "scopes", STEWARD_MASTODON_SCOPES);
  g_hash_table_insert (form, "website", STEWARD_MASTODON_WEBSITE);

  response = steward_http_request_form (self->http, "POST", url, NULL, form, cancellable, error);
  if (response == NULL)
    return FALSE;

  client_id = get_member_string (response->json, "client_id");
  client_secret = get_member_string (response->json, "client_secret");
  if (client_id == NULL || client_secret == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server did not register Steward: its answer has no client id"));
      return FALSE;
    }

  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_free (self->client_secret);
  self->client_secret = g_strdup (client_secret);
  return TRUE;
}

void
steward_mastodon_auth_register_app_async (StewardMastodonAuth *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEWARD_IS_MASTODON_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_mastodon_auth_register_app_async);
  g_task_run_in_thread (task, register_app_thread);
}

gboolean
steward_mastodon_auth_register_app_finish (StewardMastodonAuth  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
steward_mastodon_auth_get_client_id (StewardMastodonAuth *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), NULL);

  return self->client_id;
}

char *
steward_mastodon_auth_dup_authorize_url (StewardMastodonAuth *self)
{
  g_autofree char *client_id = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *state = NULL;

  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), NULL);

  if (self->client_id == NULL)
    return NULL;

  client_id = g_uri_escape_string (self->client_id, NULL, FALSE);
  redirect = g_uri_escape_string (self->redirect_uri, NULL, FALSE);
  scope = g_uri_escape_string (STEWARD_MASTODON_SCOPES, NULL, FALSE);
  state = g_uri_escape_string (self->state, NULL, FALSE);
  return g_strdup_printf ("%s/oauth/authorize?response_type=code&client_id=%s&redirect_uri=%s"
                          "&scope=%s&state=%s",
                          self->server, client_id, redirect, scope, state);
}

void
steward_mastodon_auth_wait_for_code_async (StewardMastodonAuth *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEWARD_IS_MASTODON_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_mastodon_auth_wait_for_code_async);

  if (self->loopback == NULL)
    {
      g_task_return_new_error (task, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("There is no sign-in in progress"));
      return;
    }
  if (self->waiting != NULL)
    {
      g_task_return_new_error (task, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                               _("Steward is already waiting for the browser"));
      return;
    }

  self->waiting = g_steal_pointer (&task);
  if (self->code != NULL || self->callback_error != NULL)
    {
      finish_waiting (self);
      return;
    }
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_wait_cancelled_cb),
                                                self, NULL);
}

char *
steward_mastodon_auth_wait_for_code_finish (StewardMastodonAuth  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
steward_mastodon_auth_exchange_code (StewardMastodonAuth  *self,
                                     const char           *code,
                                     GCancellable         *cancellable,
                                     GError              **error)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autofree char *url = NULL;
  g_autofree char *trimmed = NULL;
  const char *token;

  g_return_val_if_fail (STEWARD_IS_MASTODON_AUTH (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (code));
  if (*trimmed == '\0')
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("Paste the authorization code the server showed"));
      return NULL;
    }
  if (self->client_id == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("Steward is not registered with this server yet"));
      return NULL;
    }

  url = g_strconcat (self->server, "/oauth/token", NULL);
  form = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (form, "grant_type", "authorization_code");
  g_hash_table_insert (form, "code", trimmed);
  g_hash_table_insert (form, "client_id", self->client_id);
  g_hash_table_insert (form, "client_secret", self->client_secret);
  g_hash_table_insert (form, "redirect_uri", self->redirect_uri);
  g_hash_table_insert (form, "scope", STEWARD_MASTODON_SCOPES);

  response = steward_http_request_form (self->http, "POST", url, NULL, form, cancellable, error);
  if (response == NULL)
    return NULL;

  token = get_member_string (response->json, "access_token");
  if (token == NULL || *token == '\0')
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server did not hand out an access token"));
      return NULL;
    }
  return g_strdup (token);
}

void
steward_mastodon_auth_exchange_code_async (StewardMastodonAuth *self,
                                           const char          *code,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STEWARD_IS_MASTODON_AUTH (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_mastodon_auth_exchange_code_async);
  g_task_set_task_data (task, g_strdup (code), g_free);
  g_task_run_in_thread (task, exchange_code_thread);
}

char *
steward_mastodon_auth_exchange_code_finish (StewardMastodonAuth  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
