/* steward-http.c — the HTTP client the network sources share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-http"

#include "steward-http.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "steward-error.h"

struct _StewardHttp
{
  GObject      parent_instance;

  SoupSession *session;
  guint        timeout;
  guint        max_attempts;
  guint        base_delay;
  guint        max_delay;
  guint        max_wait;

  /* Real time (µs) before which no request may start, because the server
   * said X-RateLimit-Remaining: 0. Guarded by @lock. */
  GMutex       lock;
  gint64       blocked_until;
};

/* What one attempt came to, when it did not succeed. */
typedef enum {
  OUTCOME_FATAL,        /* give up now */
  OUTCOME_RETRY,        /* retry after a backoff */
  OUTCOME_RATE_LIMITED, /* retry after the server's wait */
} Outcome;

G_DEFINE_FINAL_TYPE (StewardHttp, steward_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_BASE_DELAY,
  PROP_MAX_DELAY,
  PROP_MAX_WAIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define USEC_PER_MSEC 1000
/* libsoup 3.2 has no name for it. */
#define HTTP_TOO_MANY_REQUESTS 429

static char *
dup_host (SoupMessage *msg)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  int port = uri ? g_uri_get_port (uri) : -1;

  if (host == NULL)
    return g_strdup ("?");
  if (port > 0 && port != 80 && port != 443)
    return g_strdup_printf ("%s:%d", host, port);
  return g_strdup (host);
}

static char *
format_local_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%X");
  return g_date_time_format (local, "%x %X");
}

static gboolean
is_idempotent (const char *method)
{
  return g_str_equal (method, "GET")
         || g_str_equal (method, "HEAD")
         || g_str_equal (method, "PUT")
         || g_str_equal (method, "DELETE")
         || g_str_equal (method, "OPTIONS");
}

static gboolean
is_json_content_type (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;
  return g_str_equal (content_type, "application/json")
         || g_str_has_suffix (content_type, "+json");
}

/* The milliseconds before retry number @attempt (1 = the first retry):
 * base · 2^(attempt-1), capped, then "equal jitter" so that clients that
 * failed together do not retry together. */
static guint64
backoff_delay (StewardHttp *self,
               guint        attempt)
{
  guint64 delay = self->base_delay;

  for (guint i = 1; i < attempt && delay < self->max_delay; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) self->max_delay);
  if (delay < 2)
    return delay;
  return delay / 2 + (guint64) g_random_int_range (0, (gint32) MIN (delay / 2 + 1, G_MAXINT32));
}

/* The server's reset time on our clock: X-RateLimit-Reset is the server's
 * wall time, so a clock that differs from ours (by more than the Date
 * header's one-second resolution) would make us wait too little or long. */
static gint64
to_local_usec (SoupMessageHeaders *headers,
               GDateTime          *server_time)
{
  gint64 usec = g_date_time_to_unix (server_time) * G_USEC_PER_SEC
                + g_date_time_get_microsecond (server_time);
  const char *date = soup_message_headers_get_one (headers, "Date");
  g_autoptr(GDateTime) server_now = date ? soup_date_time_new_from_http_string (date) : NULL;

  if (server_now != NULL)
    {
      gint64 skew = g_get_real_time () - g_date_time_to_unix (server_now) * G_USEC_PER_SEC;

      if (ABS (skew) > 2 * G_USEC_PER_SEC)
        usec += skew;
    }

  return usec;
}

/* When @name (Retry-After or X-RateLimit-Reset) lets us in again, as real
 * time in µs on our clock, or 0 when the header says nothing usable.
 * Seconds from now are taken as they are; times get the clock skew. */
static gint64
parse_wait_header (SoupMessageHeaders *headers,
                   const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gboolean retry_after = g_ascii_strcasecmp (name, "Retry-After") == 0;
  g_autoptr(GDateTime) when = NULL;
  char *end = NULL;
  guint64 number;

  if (value == NULL || *value == '\0')
    return 0;

  number = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0' && (retry_after || number < 1000000000))
    return g_get_real_time () + (gint64) MIN (number, (guint64) G_MAXINT32) * G_USEC_PER_SEC;

  when = retry_after ? soup_date_time_new_from_http_string (value)
                     : steward_http_parse_reset (value);
  return when ? to_local_usec (headers, when) : 0;
}

static void
remember_rate_limit (StewardHttp        *self,
                     SoupMessageHeaders *headers)
{
  const char *remaining = soup_message_headers_get_one (headers, "X-RateLimit-Remaining");
  gint64 reset;

  if (remaining == NULL)
    return;

  reset = parse_wait_header (headers, "X-RateLimit-Reset");

  g_mutex_lock (&self->lock);
  if (g_ascii_strtoll (remaining, NULL, 10) <= 0 && reset > 0)
    self->blocked_until = reset;
  else
    self->blocked_until = 0;
  g_mutex_unlock (&self->lock);
}

static void
set_rate_limited_error (GError     **error,
                        const char  *host,
                        gint64       until_usec)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (until_usec / G_USEC_PER_SEC);
  g_autofree char *when = format_local_time (until);

  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_RATE_LIMITED,
               _("The server %s is rate limiting us; try again after %s"),
               host, when);
}

/* Waits out an earlier X-RateLimit-Remaining: 0 before a request starts. */
static gboolean
wait_for_rate_limit (StewardHttp   *self,
                     const char    *host,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 until;
  gint64 now;

  g_mutex_lock (&self->lock);
  until = self->blocked_until;
  g_mutex_unlock (&self->lock);

  now = g_get_real_time ();
  if (until <= now)
    return TRUE;

  if (until - now > (gint64) self->max_wait * G_USEC_PER_SEC)
    {
      set_rate_limited_error (error, host, until);
      return FALSE;
    }

  g_debug ("Rate limit of %s exhausted; waiting %" G_GINT64_FORMAT " ms",
           host, (until - now) / USEC_PER_MSEC);
  if (!steward_http_wait ((until - now + USEC_PER_MSEC - 1) / USEC_PER_MSEC, cancellable, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  if (self->blocked_until == until)
    self->blocked_until = 0;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static char *
dup_server_error (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;
  JsonNode *root;
  JsonObject *object;
  const char *message;
  g_autofree char *one_line = NULL;

  if (body == NULL)
    return NULL;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  message = json_object_get_string_member_with_default (object, "error_description", NULL);
  if (message == NULL)
    message = json_object_get_string_member_with_default (object, "error", NULL);
  if (message == NULL || *message == '\0')
    return NULL;
  /* The server's words go into a message that may end up in Pango markup
   * or a terminal: keep them short and on one line. */
  one_line = g_strdelimit (g_strdup (message), "\r\n\t", ' ');
  return g_utf8_substring (one_line, 0, MIN (g_utf8_strlen (one_line, -1), 300));
}

/* Classifies a transport failure of soup_session_send_and_read(). */
static Outcome
classify_transport_error (const GError  *soup_error,
                          const char    *host,
                          GError       **error)
{
  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK,
                   _("The server %s did not answer in time"), host);
      return OUTCOME_RETRY;
    }
  if (g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)
      || g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
      || g_error_matches (soup_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The answer from the server %s was cut off"), host);
      return OUTCOME_RETRY;
    }
  if (soup_error->domain == SOUP_SESSION_ERROR)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server %s sent an answer Steward cannot read: %s"),
                   host, soup_error->message);
      return OUTCOME_RETRY;
    }
  if (soup_error->domain == G_TLS_ERROR)
    {
      /* A bad certificate does not heal by retrying. */
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK,
                   _("Could not connect securely to the server %s: %s"),
                   host, soup_error->message);
      return OUTCOME_FATAL;
    }
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK,
               _("Could not reach the server %s: %s"), host, soup_error->message);
  return OUTCOME_RETRY;
}

/* Classifies an answer that is not 2xx. For 429, @wait_until is set to when
 * the server lets us in again (or 0 when it did not say). */
static Outcome
classify_status (SoupMessage  *msg,
                 GBytes       *body,
                 const char   *host,
                 gint64       *wait_until,
                 GError      **error)
{
  guint status = soup_message_get_status (msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autofree char *server_error = dup_server_error (body);

  if (status == HTTP_TOO_MANY_REQUESTS)
    {
      *wait_until = parse_wait_header (headers, "Retry-After");
      if (*wait_until == 0)
        *wait_until = parse_wait_header (headers, "X-RateLimit-Reset");
      set_rate_limited_error (error, host, MAX (*wait_until, g_get_real_time ()));
      return OUTCOME_RATE_LIMITED;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (server_error != NULL)
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED,
                     _("The server %s rejected the access token: %s"), host, server_error);
      else
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED,
                     _("The server %s rejected the access token"), host);
      return OUTCOME_FATAL;
    }

  if (status >= 500 && status < 600)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_SERVER,
                   _("The server %s had a problem (HTTP %u)"), host, status);
      return OUTCOME_RETRY;
    }

  /* Gone (a deleted post): callers tell this apart from a refusal. */
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      if (server_error != NULL)
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                     _("The server %s has no such resource: %s (HTTP %u)"),
                     host, server_error, status);
      else
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                     _("The server %s has no such resource (HTTP %u)"), host, status);
      return OUTCOME_FATAL;
    }

  if (server_error != NULL)
    g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                 _("The server %s refused the request: %s (HTTP %u)"),
                 host, server_error, status);
  else
    g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                 _("The server %s refused the request (HTTP %u)"), host, status);
  return OUTCOME_FATAL;
}

/* Checks a 2xx answer's body and parses it; on failure says whether to retry. */
static StewardHttpResponse *
build_response (SoupMessage  *msg,
                GBytes       *body,
                const char   *host,
                Outcome      *outcome,
                GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  g_autoptr(StewardHttpResponse) response = g_new0 (StewardHttpResponse, 1);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  const char *content_encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  const char *remaining;
  gsize size = g_bytes_get_size (body);

  /* libsoup reports a connection closed early as an error; this catches a
   * body shorter than announced however it got here. With a content
   * encoding, Content-Length counts the compressed bytes: skip the check. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && (content_encoding == NULL || g_ascii_strcasecmp (content_encoding, "identity") == 0)
      && !g_str_equal (soup_message_get_method (msg), "HEAD")
      && (goffset) size != soup_message_headers_get_content_length (headers))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The answer from the server %s was cut off"), host);
      *outcome = OUTCOME_RETRY;
      return NULL;
    }

  if (size > 0 && (content_type == NULL || is_json_content_type (content_type)))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) json_error = NULL;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) size,
                                       &json_error))
        {
          if (content_type != NULL)
            {
              g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                           _("The server %s sent malformed data: %s"),
                           host, json_error->message);
              *outcome = OUTCOME_RETRY;
              return NULL;
            }
        }
      else
        response->json = json_parser_steal_root (parser);
    }

  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (headers);
  response->body = g_bytes_ref (body);
  steward_http_parse_link_header (soup_message_headers_get_one (headers, "Link"),
                                  &response->next_url, &response->prev_url);
  remaining = soup_message_headers_get_one (headers, "X-RateLimit-Remaining");
  response->rate_limit_remaining = remaining ? g_ascii_strtoll (remaining, NULL, 10) : -1;
  response->rate_limit_reset =
    steward_http_parse_reset (soup_message_headers_get_one (headers, "X-RateLimit-Reset"));

  return g_steal_pointer (&response);
}

static StewardHttpResponse *
send_with_retries (StewardHttp   *self,
                   const char    *method,
                   const char    *url,
                   const char    *token,
                   const char    *content_type,
                   GBytes        *body,
                   const char    *idempotency_key,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gboolean may_retry = is_idempotent (method) || idempotency_key != NULL;
  g_autoptr(GError) last_error = NULL;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) soup_error = NULL;
      g_autofree char *host = NULL;
      SoupMessageHeaders *request_headers;
      StewardHttpResponse *response;
      gint64 wait_until = 0;
      Outcome outcome;

      g_clear_error (&last_error);

      msg = soup_message_new (method, url);
      if (msg == NULL)
        {
          g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a valid web address"), url);
          return NULL;
        }
      host = dup_host (msg);

      if (!wait_for_rate_limit (self, host, cancellable, error))
        return NULL;

      request_headers = soup_message_get_request_headers (msg);
      soup_message_headers_replace (request_headers, "Accept", "application/json");
      if (token != NULL)
        {
          g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
          soup_message_headers_replace (request_headers, "Authorization", authorization);
        }
      if (idempotency_key != NULL)
        soup_message_headers_replace (request_headers, "Idempotency-Key", idempotency_key);
      if (body != NULL)
        soup_message_set_request_body_from_bytes (msg, content_type, body);

      g_debug ("%s %s%s (attempt %u)", method, host,
               g_uri_get_path (soup_message_get_uri (msg)), attempt);

      answer = soup_session_send_and_read (self->session, msg, cancellable, &soup_error);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (answer == NULL)
        outcome = classify_transport_error (soup_error, host, &last_error);
      else
        {
          guint status = soup_message_get_status (msg);

          remember_rate_limit (self, soup_message_get_response_headers (msg));

          if (SOUP_STATUS_IS_SUCCESSFUL (status))
            {
              response = build_response (msg, answer, host, &outcome, &last_error);
              if (response != NULL)
                return response;
            }
          else
            outcome = classify_status (msg, answer, host, &wait_until, &last_error);
        }

      g_debug ("Attempt %u failed: %s", attempt, last_error->message);

      if (outcome == OUTCOME_FATAL
          || attempt >= self->max_attempts
          || (outcome == OUTCOME_RETRY && !may_retry))
        break;

      if (outcome == OUTCOME_RATE_LIMITED && wait_until > 0)
        {
          if (wait_until - g_get_real_time () > (gint64) self->max_wait * G_USEC_PER_SEC)
            break;

          /* The 429's own wait wins over an X-RateLimit-Reset seen with it,
           * and holds for every request through this client: the next
           * attempt waits for it in wait_for_rate_limit(). */
          g_mutex_lock (&self->lock);
          self->blocked_until = wait_until;
          g_mutex_unlock (&self->lock);
          continue;
        }

      if (!steward_http_wait (backoff_delay (self, attempt), cancellable, error))
        return NULL;
    }

  g_propagate_error (error, g_steal_pointer (&last_error));
  return NULL;
}

static void
steward_http_constructed (GObject *object)
{
  StewardHttp *self = STEWARD_HTTP (object);

  G_OBJECT_CLASS (steward_http_parent_class)->constructed (object);

  /* Configured here, before any request, as libsoup's threading rules ask. */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", "Steward/" PACKAGE_VERSION,
                                                 NULL);
}

static void
steward_http_finalize (GObject *object)
{
  StewardHttp *self = STEWARD_HTTP (object);

  g_clear_object (&self->session);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (steward_http_parent_class)->finalize (object);
}

static void
steward_http_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StewardHttp *self = STEWARD_HTTP (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_BASE_DELAY:
      g_value_set_uint (value, self->base_delay);
      break;
    case PROP_MAX_DELAY:
      g_value_set_uint (value, self->max_delay);
      break;
    case PROP_MAX_WAIT:
      g_value_set_uint (value, self->max_wait);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_http_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StewardHttp *self = STEWARD_HTTP (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    case PROP_MAX_ATTEMPTS:
      self->max_attempts = g_value_get_uint (value);
      break;
    case PROP_BASE_DELAY:
      self->base_delay = g_value_get_uint (value);
      break;
    case PROP_MAX_DELAY:
      self->max_delay = g_value_get_uint (value);
      break;
    case PROP_MAX_WAIT:
      self->max_wait = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_http_class_init (StewardHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = steward_http_constructed;
  object_class->finalize = steward_http_finalize;
  object_class->get_property = steward_http_get_property;
  object_class->set_property = steward_http_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 30,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, 5,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_DELAY] =
    g_param_spec_uint ("base-delay", NULL, NULL, 0, G_MAXUINT, 500,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_DELAY] =
    g_param_spec_uint ("max-delay", NULL, NULL, 0, G_MAXUINT, 30000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_WAIT] =
    g_param_spec_uint ("max-wait", NULL, NULL, 0, G_MAXUINT, 360,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_http_init (StewardHttp *self)
{
  g_mutex_init (&self->lock);
}

/**
 * steward_http_new:
 *
 * Returns: (transfer full): a client with the default timeouts and retries
 */
StewardHttp *
steward_http_new (void)
{
  return g_object_new (STEWARD_TYPE_HTTP, NULL);
}

/**
 * steward_http_response_free:
 * @response: (nullable): a response
 */
void
steward_http_response_free (StewardHttpResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->next_url, g_free);
  g_clear_pointer (&response->prev_url, g_free);
  g_clear_pointer (&response->rate_limit_reset, g_date_time_unref);
  g_free (response);
}

/**
 * steward_http_request:
 * @self: a #StewardHttp
 * @method: "GET", "POST", …
 * @url: the full URL, query included
 * @token: (nullable): a bearer token
 * @body: (nullable): a JSON body
 * @idempotency_key: (nullable): an Idempotency-Key header
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Sends a request, blocking, with the retries described in the header.
 *
 * Returns: (transfer full): the 2xx answer, or %NULL with @error set
 */
StewardHttpResponse *
steward_http_request (StewardHttp   *self,
                      const char    *method,
                      const char    *url,
                      const char    *token,
                      JsonNode      *body,
                      const char    *idempotency_key,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (STEWARD_IS_HTTP (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize length = 0;
      char *data;

      json_generator_set_root (generator, body);
      data = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (data, length);
    }

  return send_with_retries (self, method, url, token, "application/json", bytes,
                            idempotency_key, cancellable, error);
}

/**
 * steward_http_request_form:
 * @self: a #StewardHttp
 * @method: "POST" usually
 * @url: the full URL
 * @token: (nullable): a bearer token
 * @form: (element-type utf8 utf8): the form fields
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Returns: (transfer full): the 2xx answer, or %NULL with @error set
 */
StewardHttpResponse *
steward_http_request_form (StewardHttp   *self,
                           const char    *method,
                           const char    *url,
                           const char    *token,
                           GHashTable    *form,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  char *encoded;

  g_return_val_if_fail (STEWARD_IS_HTTP (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  encoded = soup_form_encode_hash (form);
  bytes = g_bytes_new_take (encoded, strlen (encoded));

  return send_with_retries (self, method, url, token, SOUP_FORM_MIME_TYPE_URLENCODED, bytes,
                            NULL, cancellable, error);
}

/**
 * steward_http_parse_link_header:
 * @value: (nullable): a Link header, as RFC 8288 writes it
 * @next_url: (out) (optional) (nullable): the rel="next" target
 * @prev_url: (out) (optional) (nullable): the rel="prev" target
 *
 * Returns: %TRUE if either was found
 */
gboolean
steward_http_parse_link_header (const char  *value,
                                char       **next_url,
                                char       **prev_url)
{
  g_autofree char *next = NULL;
  g_autofree char *prev = NULL;
  const char *p = value;

  while (p != NULL && *p != '\0')
    {
      const char *open = strchr (p, '<');
      const char *close;
      const char *end;
      g_autofree char *target = NULL;
      g_autofree char *params = NULL;
      g_auto(GStrv) parts = NULL;

      if (open == NULL)
        break;
      close = strchr (open, '>');
      if (close == NULL)
        break;
      target = g_strndup (open + 1, close - open - 1);

      /* The parameters run to the next link, which starts with a comma
       * outside quotes. */
      end = close + 1;
      for (gboolean quoted = FALSE; *end != '\0' && (quoted || *end != ','); end++)
        if (*end == '"')
          quoted = !quoted;
      params = g_strndup (close + 1, end - close - 1);
      p = *end == ',' ? end + 1 : end;

      parts = g_strsplit (params, ";", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_autofree char *param = g_strstrip (g_strdup (parts[i]));
          g_auto(GStrv) rels = NULL;

          if (g_ascii_strncasecmp (param, "rel=", 4) != 0)
            continue;
          g_strdelimit (param + 4, "\"", ' ');
          rels = g_strsplit (g_strstrip (param + 4), " ", -1);
          for (guint j = 0; rels[j] != NULL; j++)
            {
              if (g_ascii_strcasecmp (rels[j], "next") == 0 && next == NULL)
                next = g_strdup (g_strstrip (target));
              else if ((g_ascii_strcasecmp (rels[j], "prev") == 0
                        || g_ascii_strcasecmp (rels[j], "previous") == 0)
                       && prev == NULL)
                prev = g_strdup (g_strstrip (target));
            }
        }
    }

  if (next_url != NULL)
    *next_url = g_strdup (next);
  if (prev_url != NULL)
    *prev_url = g_strdup (prev);

  return next != NULL || prev != NULL;
}

/**
 * steward_http_parse_reset:
 * @value: (nullable): an X-RateLimit-Reset value
 *
 * Mastodon sends an ISO 8601 time; other servers send Unix seconds or
 * seconds from now. All three are understood.
 *
 * Returns: (transfer full) (nullable): the time, in UTC
 */
GDateTime *
steward_http_parse_reset (const char *value)
{
  g_autoptr(GTimeZone) utc = NULL;
  char *end = NULL;
  gint64 number;

  if (value == NULL || *value == '\0')
    return NULL;

  number = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0' && number >= 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* A small number is a delay; a large one a Unix time. */
      if (number < 1000000000)
        return g_date_time_add_seconds (now, (double) number);
      return g_date_time_new_from_unix_utc (number);
    }

  utc = g_time_zone_new_utc ();
  return g_date_time_new_from_iso8601 (value, utc);
}

/**
 * steward_http_wait:
 * @milliseconds: how long
 * @cancellable: (nullable): cuts the wait short
 * @error: return location for G_IO_ERROR_CANCELLED
 *
 * Returns: %FALSE if cancelled
 */
gboolean
steward_http_wait (guint64        milliseconds,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) milliseconds * USEC_PER_MSEC;
  GPollFD pollfd;

  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      if (milliseconds > 0)
        g_usleep (milliseconds * USEC_PER_MSEC);
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  while (!g_cancellable_is_cancelled (cancellable))
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      g_poll (&pollfd, 1, (int) MIN ((left + USEC_PER_MSEC - 1) / USEC_PER_MSEC, G_MAXINT));
    }
  g_cancellable_release_fd (cancellable);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
