/* test-http.c — the HTTP client against a SoupServer that misbehaves on cue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-http.h"

/* What the server does with the next request. */
typedef enum {
  FAULT_RATE_LIMIT_RESET,  /* 429, Remaining 0, Reset @param ms ahead */
  FAULT_RETRY_AFTER,       /* 429, Retry-After @param seconds */
  FAULT_REMAINING_ZERO,    /* 200, Remaining 0, Reset @param ms ahead */
  FAULT_STATUS,            /* status @param with a JSON error */
  FAULT_TRUNCATED,         /* 200 with half of the announced body, then EOF */
  FAULT_MALFORMED,         /* 200 application/json that is not JSON */
  FAULT_SLOW,              /* the normal answer, @param ms late */
  FAULT_SKEWED_CLOCK,      /* like RATE_LIMIT_RESET from a clock an hour behind */
} FaultKind;

typedef struct {
  FaultKind kind;
  guint     param;
} Fault;

typedef struct {
  gint64  time;
  char   *method;
  char   *path;
  char   *user_agent;
  char   *authorization;
  char   *idempotency_key;
  char   *body;
} Logged;

typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GQueue        faults;
  GPtrArray    *log;
  gint64        last_reset;
} TestServer;

typedef struct {
  TestServer *server;
  StewardHttp *http;
} Fixture;

static void
logged_free (Logged *logged)
{
  g_free (logged->method);
  g_free (logged->path);
  g_free (logged->user_agent);
  g_free (logged->authorization);
  g_free (logged->idempotency_key);
  g_free (logged->body);
  g_free (logged);
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (seconds, usec % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (exact);
}

static void
set_ok_response (TestServer        *ts,
                 SoupServerMessage *msg,
                 guint              n)
{
  g_autofree char *body = g_strdup_printf ("{\"ok\":true,\"n\":%u}", n);
  g_autofree char *link = g_strdup_printf ("<%s/page?max_id=10>; rel=\"next\", "
                                           "<%s/page?min_id=20>; rel=\"prev\"",
                                           ts->base_url, ts->base_url);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Link", link);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

typedef struct {
  TestServer        *ts;
  SoupServerMessage *msg;
  guint              n;
} SlowReply;

static gboolean
on_slow_reply_cb (gpointer user_data)
{
  SlowReply *reply = user_data;

  set_ok_response (reply->ts, reply->msg, reply->n);
  soup_server_message_unpause (reply->msg);
  g_object_unref (reply->msg);
  g_free (reply);
  return G_SOURCE_REMOVE;
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  Logged *logged = g_new0 (Logged, 1);
  g_autofree Fault *fault = NULL;
  guint n;

  logged->time = g_get_real_time ();
  logged->method = g_strdup (soup_server_message_get_method (msg));
  logged->path = g_strdup (path);
  logged->user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));
  logged->authorization =
    g_strdup (soup_message_headers_get_one (request_headers, "Authorization"));
  logged->idempotency_key =
    g_strdup (soup_message_headers_get_one (request_headers, "Idempotency-Key"));
  if (request_body->length > 0)
    logged->body = g_strndup (request_body->data, request_body->length);

  g_mutex_lock (&ts->lock);
  g_ptr_array_add (ts->log, logged);
  n = ts->log->len;
  fault = g_queue_pop_head (&ts->faults);
  g_mutex_unlock (&ts->lock);

  if (fault == NULL)
    {
      set_ok_response (ts, msg, n);
      return;
    }

  switch (fault->kind)
    {
    case FAULT_RATE_LIMIT_RESET:
    case FAULT_REMAINING_ZERO:
    case FAULT_SKEWED_CLOCK:
      {
        gint64 skew = fault->kind == FAULT_SKEWED_CLOCK ? (gint64) 3600 * G_USEC_PER_SEC : 0;
        gint64 reset = g_get_real_time () + (gint64) fault->param * 1000;
        g_autofree char *reset_str = format_usec (reset - skew);

        if (skew != 0)
          {
            g_autoptr(GDateTime) server_now =
              g_date_time_new_from_unix_utc ((g_get_real_time () - skew) / G_USEC_PER_SEC);
            g_autofree char *date = soup_date_time_to_string (server_now, SOUP_DATE_HTTP);

            soup_message_headers_replace (response_headers, "Date", date);
          }

        g_mutex_lock (&ts->lock);
        ts->last_reset = reset;
        g_mutex_unlock (&ts->lock);

        if (fault->kind == FAULT_REMAINING_ZERO)
          set_ok_response (ts, msg, n);
        else
          {
            const char *body = "{\"error\":\"Too many requests\"}";

            soup_server_message_set_status (msg, 429, NULL);
            soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                              body, strlen (body));
          }
        soup_message_headers_replace (response_headers, "X-RateLimit-Limit", "300");
        soup_message_headers_replace (response_headers, "X-RateLimit-Remaining", "0");
        soup_message_headers_replace (response_headers, "X-RateLimit-Reset", reset_str);
      }
      break;

    case FAULT_RETRY_AFTER:
      {
        g_autofree char *seconds = g_strdup_printf ("%u", fault->param);
        const char *body = "{\"error\":\"Too many requests\"}";

        soup_server_message_set_status (msg, 429, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          body, strlen (body));
        soup_message_headers_replace (response_headers, "Retry-After", seconds);
      }
      break;

    case FAULT_STATUS:
      {
        g_autofree char *body = g_strdup_printf ("{\"error\":\"Injected failure %u\"}",
                                                 fault->param);

        soup_server_message_set_status (msg, fault->param, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                          body, strlen (body));
      }
      break;

    case FAULT_TRUNCATED:
      {
        /* Written by hand: libsoup would never send less than it announced. */
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        const char *raw = "HTTP/1.1 200 OK\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: 200\r\n"
                          "Connection: close\r\n"
                          "\r\n"
                          "{\"ok\":true,\"items\":[1,2,";

        g_output_stream_write_all (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                                   NULL, NULL, NULL);
        g_io_stream_close (stream, NULL, NULL);
      }
      break;

    case FAULT_MALFORMED:
      {
        const char *body = "{\"ok\": tru";

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                          body, strlen (body));
      }
      break;

    case FAULT_SLOW:
      {
        SlowReply *reply = g_new0 (SlowReply, 1);
        g_autoptr(GSource) source = g_timeout_source_new (fault->param);

        reply->ts = ts;
        reply->msg = g_object_ref (msg);
        reply->n = n;
        soup_server_message_pause (msg);
        g_source_set_callback (source, on_slow_reply_cb, reply, NULL);
        g_source_attach (source, ts->context);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gpointer
server_thread (gpointer user_data)
{
  TestServer *ts = user_data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (ts->context);

  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, handle_request, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  g_mutex_lock (&ts->lock);
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->lock);

  g_main_loop_run (ts->loop);

  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  /* Let pending slow replies go. */
  while (g_main_context_iteration (ts->context, FALSE))
    ;
  g_main_context_pop_thread_default (ts->context);

  return NULL;
}

static TestServer *
test_server_new (void)
{
  TestServer *ts = g_new0 (TestServer, 1);

  g_mutex_init (&ts->lock);
  g_cond_init (&ts->cond);
  g_queue_init (&ts->faults);
  ts->log = g_ptr_array_new_with_free_func ((GDestroyNotify) logged_free);
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  ts->thread = g_thread_new ("test-server", server_thread, ts);

  g_mutex_lock (&ts->lock);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->lock);
  g_mutex_unlock (&ts->lock);

  return ts;
}

static void
test_server_free (TestServer *ts)
{
  g_main_loop_quit (ts->loop);
  g_thread_join (ts->thread);
  g_main_loop_unref (ts->loop);
  g_main_context_unref (ts->context);
  g_queue_clear_full (&ts->faults, g_free);
  g_ptr_array_unref (ts->log);
  g_free (ts->base_url);
  g_mutex_clear (&ts->lock);
  g_cond_clear (&ts->cond);
  g_free (ts);
}

static void
test_server_add_fault (TestServer *ts,
                       FaultKind   kind,
                       guint       param,
                       guint       count)
{
  g_mutex_lock (&ts->lock);
  for (guint i = 0; i < count; i++)
    {
      Fault *fault = g_new0 (Fault, 1);

      fault->kind = kind;
      fault->param = param;
      g_queue_push_tail (&ts->faults, fault);
    }
  g_mutex_unlock (&ts->lock);
}

static guint
test_server_count (TestServer *ts)
{
  guint n;

  g_mutex_lock (&ts->lock);
  n = ts->log->len;
  g_mutex_unlock (&ts->lock);
  return n;
}

/* Only read after the client returned: the server thread is idle then. */
static Logged *
test_server_get (TestServer *ts,
                 guint       index)
{
  g_assert_cmpuint (index, <, ts->log->len);
  return g_ptr_array_index (ts->log, index);
}

static char *
url (Fixture    *fixture,
     const char *path)
{
  return g_strconcat (fixture->server->base_url, path, NULL);
}

static StewardHttpResponse *
get (Fixture  *fixture,
     GError  **error)
{
  g_autofree char *target = url (fixture, "/api/v1/things");

  return steward_http_request (fixture->http, "GET", target, "secret-token", NULL, NULL,
                               NULL, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = test_server_new ();
  fixture->http = g_object_new (STEWARD_TYPE_HTTP,
                                "timeout", 5,
                                "max-attempts", 3,
                                "base-delay", 10,
                                "max-delay", 50,
                                "max-wait", 5,
                                NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->http);
  g_clear_pointer (&fixture->server, test_server_free);
}

static void
assert_ok (StewardHttpResponse *response,
           guint                n)
{
  JsonObject *object;

  g_assert_nonnull (response);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  object = json_node_get_object (response->json);
  g_assert_true (json_object_get_boolean_member (object, "ok"));
  g_assert_cmpint (json_object_get_int_member (object, "n"), ==, n);
}

static void
test_success (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = get (fixture, &error);
  g_autofree char *next = url (fixture, "/page?max_id=10");
  g_autofree char *prev = url (fixture, "/page?min_id=20");
  Logged *logged;

  g_assert_no_error (error);
  assert_ok (response, 1);
  g_assert_cmpstr (response->next_url, ==, next);
  g_assert_cmpstr (response->prev_url, ==, prev);
  g_assert_cmpint (response->rate_limit_remaining, ==, -1);

  logged = test_server_get (fixture->server, 0);
  g_assert_cmpstr (logged->method, ==, "GET");
  g_assert_cmpstr (logged->path, ==, "/api/v1/things");
  g_assert_cmpstr (logged->user_agent, ==, "Steward/" PACKAGE_VERSION);
  g_assert_cmpstr (logged->authorization, ==, "Bearer secret-token");
}

static void
test_rate_limit_reset (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_RATE_LIMIT_RESET, 700, 1);
  response = get (fixture, &error);

  g_assert_no_error (error);
  assert_ok (response, 2);
  /* The retry came no earlier than the reset the server announced. */
  g_assert_cmpint (test_server_get (fixture->server, 1)->time, >=, fixture->server->last_reset);
}

static void
test_skewed_clock (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  /* The reset is 700 ms ahead on the server's clock, which is an hour
   * behind ours: taken literally it would be long past. */
  test_server_add_fault (fixture->server, FAULT_SKEWED_CLOCK, 700, 1);
  response = get (fixture, &error);

  g_assert_no_error (error);
  assert_ok (response, 2);
  g_assert_cmpint (test_server_get (fixture->server, 1)->time, >=, fixture->server->last_reset);
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_RETRY_AFTER, 1, 1);
  response = get (fixture, &error);

  g_assert_no_error (error);
  assert_ok (response, 2);
  g_assert_cmpint (test_server_get (fixture->server, 1)->time
                   - test_server_get (fixture->server, 0)->time, >=, G_USEC_PER_SEC);
}

static void
test_remaining_zero (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) first = NULL;
  g_autoptr(StewardHttpResponse) second = NULL;

  test_server_add_fault (fixture->server, FAULT_REMAINING_ZERO, 600, 1);
  first = get (fixture, &error);
  g_assert_no_error (error);
  assert_ok (first, 1);
  g_assert_cmpint (first->rate_limit_remaining, ==, 0);
  g_assert_nonnull (first->rate_limit_reset);

  /* The budget is spent: the next request waits for the reset. */
  second = get (fixture, &error);
  g_assert_no_error (error);
  assert_ok (second, 2);
  g_assert_cmpint (test_server_get (fixture->server, 1)->time, >=, fixture->server->last_reset);
}

static void
test_rate_limit_cap (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  /* An hour is far beyond "max-wait" (5 s): give up at once. */
  test_server_add_fault (fixture->server, FAULT_RETRY_AFTER, 3600, 1);
  response = get (fixture, &error);

  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (test_server_count (fixture->server), ==, 1);
}

static void
test_rate_limit_exhausted (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_RETRY_AFTER, 0, 5);
  response = get (fixture, &error);

  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_RATE_LIMITED);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 3);
}

static void
test_server_error_then_success (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_STATUS, 500, 1);
  response = get (fixture, &error);

  g_assert_no_error (error);
  assert_ok (response, 2);
}

static void
test_retries_exhausted (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_STATUS, 503, 5);
  response = get (fixture, &error);

  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_SERVER);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 3);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_TRUNCATED, 0, 1);
  response = get (fixture, &error);
  g_assert_no_error (error);
  assert_ok (response, 2);
  g_clear_pointer (&response, steward_http_response_free);

  test_server_add_fault (fixture->server, FAULT_TRUNCATED, 0, 3);
  response = get (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 5);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_MALFORMED, 0, 1);
  response = get (fixture, &error);
  g_assert_no_error (error);
  assert_ok (response, 2);
  g_clear_pointer (&response, steward_http_response_free);

  test_server_add_fault (fixture->server, FAULT_MALFORMED, 0, 3);
  response = get (fixture, &error);
  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 5);
}

static void
test_slow (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StewardHttp) http = g_object_new (STEWARD_TYPE_HTTP,
                                              "timeout", 1,
                                              "max-attempts", 2,
                                              "base-delay", 10,
                                              NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autofree char *target = url (fixture, "/slow");

  test_server_add_fault (fixture->server, FAULT_SLOW, 2500, 1);
  response = steward_http_request (http, "GET", target, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_ok (response, 2);
  g_assert_null (test_server_get (fixture->server, 0)->authorization);

  /* Both attempts too slow: a network error. */
  test_server_add_fault (fixture->server, FAULT_SLOW, 2500, 2);
  g_clear_pointer (&response, steward_http_response_free);
  response = steward_http_request (http, "GET", target, NULL, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_STATUS, 401, 1);
  response = get (fixture, &error);

  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 1);
}

static void
test_client_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;

  test_server_add_fault (fixture->server, FAULT_STATUS, 422, 1);
  response = get (fixture, &error);

  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Injected failure 422"));
  g_assert_cmpuint (test_server_count (fixture->server), ==, 1);
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint statuses[] = { 404, 410 };

  /* Gone is its own error and is asked only once. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StewardHttpResponse) response = NULL;
      guint before = test_server_count (fixture->server);

      test_server_add_fault (fixture->server, FAULT_STATUS, statuses[i], 1);
      response = get (fixture, &error);

      g_assert_null (response);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
      g_assert_cmpuint (test_server_count (fixture->server), ==, before + 1);
    }
}

static void
test_post_retry (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"status\":\"Hello\"}", NULL);
  g_autofree char *target = url (fixture, "/api/v1/statuses");
  Logged *logged;

  /* Without an Idempotency-Key a POST that may have worked is not repeated. */
  test_server_add_fault (fixture->server, FAULT_STATUS, 500, 1);
  response = steward_http_request (fixture->http, "POST", target, "t", body, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_SERVER);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 1);
  g_clear_error (&error);

  test_server_add_fault (fixture->server, FAULT_STATUS, 500, 1);
  response = steward_http_request (fixture->http, "POST", target, "t", body, "key-1", NULL, &error);
  g_assert_no_error (error);
  assert_ok (response, 3);

  for (guint i = 1; i < 3; i++)
    {
      logged = test_server_get (fixture->server, i);
      g_assert_cmpstr (logged->method, ==, "POST");
      g_assert_cmpstr (logged->idempotency_key, ==, "key-1");
      g_assert_cmpstr (logged->body, ==, "{\"status\":\"Hello\"}");
    }
}

static void
test_form (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *target = url (fixture, "/oauth/token");

  g_hash_table_insert (form, "code", "a b&c");
  response = steward_http_request_form (fixture->http, "POST", target, NULL, form, NULL, &error);
  g_assert_no_error (error);
  assert_ok (response, 1);
  g_assert_cmpstr (test_server_get (fixture->server, 0)->body, ==, "code=a+b%26c");
}

static void
test_connection_refused (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(StewardHttp) http = g_object_new (STEWARD_TYPE_HTTP,
                                              "max-attempts", 2,
                                              "base-delay", 10,
                                              NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autofree char *target = NULL;
  guint16 port;

  /* A port that was free a moment ago and that nobody listens on now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  target = g_strdup_printf ("http://127.0.0.1:%u/", port);

  response = steward_http_request (http, "GET", target, NULL, NULL, NULL, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NETWORK);
}

typedef struct {
  TestServer   *server;
  GCancellable *cancellable;
} Canceller;

/* Cancels once the server has seen the first request, i.e. while the
 * client waits before its retry. */
static gpointer
cancel_after_first_request (gpointer user_data)
{
  Canceller *canceller = user_data;

  while (test_server_count (canceller->server) < 1)
    g_usleep (10 * 1000);
  g_usleep (100 * 1000);
  g_cancellable_cancel (canceller->cancellable);
  return NULL;
}

static void
run_cancelled_wait (Fixture   *fixture,
                    FaultKind  kind,
                    guint      param)
{
  g_autoptr(StewardHttp) http = g_object_new (STEWARD_TYPE_HTTP,
                                              "base-delay", 60000,
                                              "max-delay", 60000,
                                              "max-wait", 600,
                                              NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autofree char *target = url (fixture, "/api/v1/things");
  Canceller canceller = { fixture->server, cancellable };
  GThread *thread;

  test_server_add_fault (fixture->server, kind, param, 1);
  thread = g_thread_new ("canceller", cancel_after_first_request, &canceller);
  response = steward_http_request (http, "GET", target, NULL, NULL, NULL, cancellable, &error);
  g_thread_join (thread);

  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (test_server_count (fixture->server), ==, 1);
}

static void
test_cancel_backoff (Fixture       *fixture,
                     gconstpointer  data)
{
  run_cancelled_wait (fixture, FAULT_STATUS, 500);
}

static void
test_cancel_rate_limit (Fixture       *fixture,
                        gconstpointer  data)
{
  run_cancelled_wait (fixture, FAULT_RETRY_AFTER, 60);
}

static void
test_link_header (void)
{
  g_autofree char *next = NULL;
  g_autofree char *prev = NULL;

  g_assert_true (steward_http_parse_link_header (
    "<https://m.example/api/v1/notifications?max_id=7&types[]=mention>; rel=\"next\", "
    "<https://m.example/api/v1/notifications?min_id=9>; rel=\"prev\"", &next, &prev));
  g_assert_cmpstr (next, ==, "https://m.example/api/v1/notifications?max_id=7&types[]=mention");
  g_assert_cmpstr (prev, ==, "https://m.example/api/v1/notifications?min_id=9");
  g_clear_pointer (&next, g_free);
  g_clear_pointer (&prev, g_free);

  /* Only prev, unquoted, with another parameter and a comma in quotes. */
  g_assert_true (steward_http_parse_link_header (
    "<https://a.example/x?since=1>; title=\"a, b\"; rel=prev", &next, &prev));
  g_assert_null (next);
  g_assert_cmpstr (prev, ==, "https://a.example/x?since=1");
  g_clear_pointer (&prev, g_free);

  g_assert_false (steward_http_parse_link_header (NULL, &next, &prev));
  g_assert_false (steward_http_parse_link_header ("garbage", &next, &prev));
  g_assert_null (next);
  g_assert_null (prev);
}

static void
test_parse_reset (void)
{
  g_autoptr(GDateTime) iso = steward_http_parse_reset ("2026-11-24T15:00:00.000Z");
  g_autoptr(GDateTime) unix_time = steward_http_parse_reset ("1790000000");
  g_autoptr(GDateTime) delta = steward_http_parse_reset ("30");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_nonnull (iso);
  g_assert_cmpint (g_date_time_to_unix (iso), ==, 1795532400);
  g_assert_nonnull (unix_time);
  g_assert_cmpint (g_date_time_to_unix (unix_time), ==, 1790000000);
  g_assert_nonnull (delta);
  g_assert_cmpint (g_date_time_difference (delta, now), >=, 29 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (delta, now), <=, 31 * G_TIME_SPAN_SECOND);
  g_assert_null (steward_http_parse_reset ("soon"));
  g_assert_null (steward_http_parse_reset (NULL));
}

static void
test_wait_cancelled_at_once (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (steward_http_wait (1, cancellable, &error));
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (steward_http_wait (60 * 60 * 1000, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  /* The isolated XDG dirs hide the org.gnome.system.proxy schema that
   * glib-networking's GNOME proxy resolver aborts without; these tests only
   * talk to loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/http/success", test_success);
  ADD ("/sync/http/rate-limit/reset", test_rate_limit_reset);
  ADD ("/sync/http/rate-limit/retry-after", test_retry_after);
  ADD ("/sync/http/rate-limit/skewed-clock", test_skewed_clock);
  ADD ("/sync/http/rate-limit/remaining-zero", test_remaining_zero);
  ADD ("/sync/http/rate-limit/cap", test_rate_limit_cap);
  ADD ("/sync/http/rate-limit/exhausted", test_rate_limit_exhausted);
  ADD ("/sync/http/server-error", test_server_error_then_success);
  ADD ("/sync/http/retries-exhausted", test_retries_exhausted);
  ADD ("/sync/http/truncated", test_truncated);
  ADD ("/sync/http/malformed", test_malformed);
  ADD ("/sync/http/slow", test_slow);
  ADD ("/sync/http/unauthorized", test_unauthorized);
  ADD ("/sync/http/not-found", test_not_found);
  ADD ("/sync/http/client-error", test_client_error);
  ADD ("/sync/http/post-retry", test_post_retry);
  ADD ("/sync/http/form", test_form);
  ADD ("/sync/http/cancel/backoff", test_cancel_backoff);
  ADD ("/sync/http/cancel/rate-limit", test_cancel_rate_limit);
  g_test_add_func ("/sync/http/connection-refused", test_connection_refused);
  g_test_add_func ("/sync/http/link-header", test_link_header);
  g_test_add_func ("/sync/http/parse-reset", test_parse_reset);
  g_test_add_func ("/sync/http/wait-cancelled", test_wait_cancelled_at_once);

#undef ADD

  return g_test_run ();
}
