/* steward-http.h — the HTTP client the network sources share (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StewardHttp wraps one SoupSession and is used with blocking calls from
 * worker threads (libsoup ≥ 3.2 allows sending from any thread; the rate
 * limit state is guarded by a mutex, so one object may serve several
 * threads). Each request:
 *
 *  - waits first while an earlier answer said X-RateLimit-Remaining: 0,
 *    until its X-RateLimit-Reset;
 *  - on 429 waits until Retry-After or X-RateLimit-Reset and tries again;
 *    a wait longer than "max-wait" fails with STEWARD_ERROR_RATE_LIMITED;
 *  - retries 5xx answers, timeouts, connection errors, truncated bodies and
 *    malformed JSON with bounded exponential backoff and jitter, up to
 *    "max-attempts" attempts in all. Requests that are not idempotent (POST,
 *    PATCH) are only retried when they carry an Idempotency-Key;
 *  - fails at once with STEWARD_ERROR_AUTH_FAILED on 401 and with
 *    STEWARD_ERROR_FAILED on any other 4xx (quoting the server's "error").
 *
 * Every wait is cancellable; cancellation returns G_IO_ERROR_CANCELLED.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_HTTP (steward_http_get_type ())
G_DECLARE_FINAL_TYPE (StewardHttp, steward_http, STEWARD, HTTP, GObject)

/**
 * StewardHttpResponse:
 * @status: the HTTP status (always 2xx: other answers are errors)
 * @headers: the response headers
 * @body: the body, possibly empty
 * @json: (nullable): the parsed body when the answer is JSON
 * @next_url: (nullable): the Link header's rel="next" URL
 * @prev_url: (nullable): the Link header's rel="prev" URL
 * @rate_limit_remaining: X-RateLimit-Remaining, or -1 when absent
 * @rate_limit_reset: (nullable): X-RateLimit-Reset
 */
typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
  char               *next_url;
  char               *prev_url;
  gint64              rate_limit_remaining;
  GDateTime          *rate_limit_reset;
} StewardHttpResponse;

void steward_http_response_free (StewardHttpResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardHttpResponse, steward_http_response_free)

/* Properties (all construct-time, read-write):
 *   "timeout"       guint  seconds before a silent connection fails (30)
 *   "max-attempts"  guint  attempts per request, first one included (5)
 *   "base-delay"    guint  milliseconds before the first retry (500); each
 *                          retry doubles it, with jitter, up to "max-delay"
 *   "max-delay"     guint  longest backoff in milliseconds (30000)
 *   "max-wait"      guint  longest rate-limit wait in seconds (360;
 *                          Mastodon's limits reset every five minutes)
 */
StewardHttp         *steward_http_new          (void);

/* @body: (nullable): sent as application/json.
 * @token: (nullable): sent as "Authorization: Bearer …", never logged.
 * @idempotency_key: (nullable): sent as Idempotency-Key; makes a POST
 *   retryable. */
StewardHttpResponse *steward_http_request      (StewardHttp   *self,
                                                const char    *method,
                                                const char    *url,
                                                const char    *token,
                                                JsonNode      *body,
                                                const char    *idempotency_key,
                                                GCancellable  *cancellable,
                                                GError       **error);
/* As steward_http_request() with a form (application/x-www-form-urlencoded)
 * body built from @form (string → string), as OAuth token endpoints want. */
StewardHttpResponse *steward_http_request_form (StewardHttp   *self,
                                                const char    *method,
                                                const char    *url,
                                                const char    *token,
                                                GHashTable    *form,
                                                GCancellable  *cancellable,
                                                GError       **error);

/* Helpers shared with the sources and tests. */
gboolean             steward_http_parse_link_header (const char  *value,
                                                     char       **next_url,
                                                     char       **prev_url);
GDateTime           *steward_http_parse_reset       (const char  *value);
/* Sleeps @milliseconds unless @cancellable fires first. */
gboolean             steward_http_wait              (guint64       milliseconds,
                                                     GCancellable *cancellable,
                                                     GError      **error);

G_END_DECLS
