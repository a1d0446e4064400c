/* steward-mastodon-server.h — a small server speaking the Mastodon API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 that answers the part of the Mastodon API that
 * Steward uses, with the documented JSON shapes, Link-header pagination and
 * X-RateLimit-* headers. The demo workspace fills it with a community; the
 * tests use it with fault injection and its request log.
 *
 * Every function below is thread-safe: the state is guarded by a mutex, so
 * a caller may add statuses from any thread while the server answers in its
 * own. Ids are numeric strings that sort by creation time (snowflake-like,
 * derived from created_at), lists are newest first.
 *
 * Endpoints: GET /api/v1/accounts/verify_credentials, GET /api/v1/instance,
 * GET /api/v2/instance, GET /api/v1/notifications (types[], exclude_types[],
 * max_id, since_id, min_id, limit: default 15, max 30), GET
 * /api/v1/conversations (same pagination, by last status id), GET
 * /api/v1/statuses/:id, GET /api/v1/statuses/:id/context, POST
 * /api/v1/statuses (form or JSON; Idempotency-Key), GET
 * /api/v1/timelines/tag/:hashtag and GET /api/v2/search?type=statuses
 * (public statuses with the tag or the words, paginated like the others;
 * see steward-mastodon-server-listening.c), POST /api/v1/apps, GET
 * /oauth/authorize (redirects at once to redirect_uri?code=…, or shows the
 * code for urn:ietf:wg:oauth:2.0:oob), POST /oauth/token.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_MASTODON_SERVER (steward_mastodon_server_get_type ())
G_DECLARE_FINAL_TYPE (StewardMastodonServer, steward_mastodon_server, STEWARD, MASTODON_SERVER, GObject)

/**
 * StewardMastodonServerFlags:
 * @STEWARD_MASTODON_SERVER_FLAGS_NONE: serve on the caller's thread-default
 *   main context (the caller must iterate it)
 * @STEWARD_MASTODON_SERVER_OWN_THREAD: serve from a thread of its own with
 *   its own GMainContext, so a blocking client on any thread gets answers
 */
typedef enum {
  STEWARD_MASTODON_SERVER_FLAGS_NONE = 0,
  STEWARD_MASTODON_SERVER_OWN_THREAD = 1 << 0,
} StewardMastodonServerFlags;

/**
 * StewardMastodonFault:
 * @STEWARD_MASTODON_FAULT_RATE_LIMIT: 429 with X-RateLimit-Remaining: 0,
 *   X-RateLimit-Reset (RFC 3339) and Retry-After, both @param seconds ahead
 * @STEWARD_MASTODON_FAULT_SERVER_ERROR: 500 with a JSON error body
 * @STEWARD_MASTODON_FAULT_TRUNCATED: 200 with the first half of the real body
 * @STEWARD_MASTODON_FAULT_MALFORMED: 200 with a body that is not JSON
 * @STEWARD_MASTODON_FAULT_SLOW: the real answer, @param milliseconds late
 * @STEWARD_MASTODON_FAULT_UNAUTHORIZED: 401 `{"error":"The access token is invalid"}`
 * @STEWARD_MASTODON_FAULT_LOSE_RESPONSE: performs the request (a POST takes
 *   effect) and then answers 502, as if the answer was lost on the way
 *
 * Faults applied to the next requests whose path starts with a prefix.
 */
typedef enum {
  STEWARD_MASTODON_FAULT_RATE_LIMIT,
  STEWARD_MASTODON_FAULT_SERVER_ERROR,
  STEWARD_MASTODON_FAULT_TRUNCATED,
  STEWARD_MASTODON_FAULT_MALFORMED,
  STEWARD_MASTODON_FAULT_SLOW,
  STEWARD_MASTODON_FAULT_UNAUTHORIZED,
  STEWARD_MASTODON_FAULT_LOSE_RESPONSE,
} StewardMastodonFault;

/**
 * StewardMastodonStatusSpec:
 * @author_id: id of an account added with steward_mastodon_server_add_account()
 * @text: (nullable): plain text; the server writes Mastodon-like HTML from
 *   it: paragraphs per blank line, <br> per newline, `@user` / `@user@host`
 *   become mention links with invisible spans, `#tag` hashtag links, URLs links
 * @html: (nullable): the content verbatim instead of @text
 * @visibility: (nullable): `public` (default), `unlisted`, `private`, `direct`
 * @in_reply_to_id: (nullable): the parent status
 * @spoiler_text: (nullable): content warning
 * @language: (nullable): ISO 639-1 code
 * @created_at: (nullable): when it was posted; %NULL means now. The id is
 *   derived from it, so backdated statuses sort where they belong
 *
 * What steward_mastodon_server_add_status() creates. Zero-initialise it.
 */
typedef struct {
  const char *author_id;
  const char *text;
  const char *html;
  const char *visibility;
  const char *in_reply_to_id;
  const char *spoiler_text;
  const char *language;
  GDateTime  *created_at;
} StewardMastodonStatusSpec;

/**
 * StewardMastodonRequest:
 * @method: `GET`, `POST`, …
 * @path: the path, e.g. `/api/v1/notifications`
 * @query: (nullable): the raw query string, e.g. `types[]=mention&min_id=5`
 * @status: the HTTP status the server answered
 *
 * One entry of the request log.
 */
typedef struct {
  char *method;
  char *path;
  char *query;
  guint status;
} StewardMastodonRequest;

void                    steward_mastodon_request_free          (StewardMastodonRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardMastodonRequest, steward_mastodon_request_free)

/* Starts listening on 127.0.0.1:@port (0 picks a free port). */
StewardMastodonServer  *steward_mastodon_server_new            (guint                       port,
                                                                StewardMastodonServerFlags  flags,
                                                                GError                    **error);
/* Stops listening (and joins the thread); also done on finalize. */
void                    steward_mastodon_server_stop           (StewardMastodonServer      *self);
/* `http://127.0.0.1:PORT` without a trailing slash. */
const char             *steward_mastodon_server_get_base_url   (StewardMastodonServer      *self);
guint                   steward_mastodon_server_get_port       (StewardMastodonServer      *self);

/* Configuration */
void                    steward_mastodon_server_set_title      (StewardMastodonServer      *self,
                                                                const char                 *title);
void                    steward_mastodon_server_set_max_characters (StewardMastodonServer  *self,
                                                                guint                       max_characters);
/* Whether GET /api/v2/instance exists (default %TRUE); servers older than
 * Mastodon 4.0 and some compatible ones only have /api/v1/instance. */
void                    steward_mastodon_server_set_instance_v2 (StewardMastodonServer     *self,
                                                                gboolean                    enabled);
/* Whether GET /api/v2/search answers 403 (default %FALSE), as servers do
 * that do not offer full-text search to the token. */
void                    steward_mastodon_server_set_search_refused (StewardMastodonServer *self,
                                                                gboolean                    refused);
/* Only requests with "Authorization: Bearer @token" are served (the
 * others get 401); %NULL accepts any bearer token. Tokens issued by
 * POST /oauth/token are accepted as well. Default: %NULL. */
void                    steward_mastodon_server_set_token      (StewardMastodonServer      *self,
                                                                const char                 *token);
/* The code GET /oauth/authorize hands out and POST /oauth/token accepts
 * (default "steward-test-code"), and the token it gives for it
 * (default: the one set with steward_mastodon_server_set_token(), else
 * "steward-test-token"). */
void                    steward_mastodon_server_set_oauth      (StewardMastodonServer      *self,
                                                                const char                 *code,
                                                                const char                 *token);

/* Accounts. @id may be %NULL to let the server pick one; adding an @acct
 * that exists updates its display name and returns its id. */
char                   *steward_mastodon_server_add_account    (StewardMastodonServer      *self,
                                                                const char                 *id,
                                                                const char                 *acct,
                                                                const char                 *display_name);
/* Sets the followers_count an account reports (by default one made up
 * from its id). Returns %FALSE for an unknown @acct. */
gboolean                steward_mastodon_server_set_followers  (StewardMastodonServer      *self,
                                                                const char                 *acct,
                                                                gint64                      followers);
/* The signed-in account (what verify_credentials returns); added like
 * steward_mastodon_server_add_account(). Returns its id. */
char                   *steward_mastodon_server_set_me         (StewardMastodonServer      *self,
                                                                const char                 *id,
                                                                const char                 *acct,
                                                                const char                 *display_name);
/* Returns the signed-in account's id (added on first use as "steward"). */
char                   *steward_mastodon_server_dup_me_id      (StewardMastodonServer      *self);

/* Statuses. Each returns the new id, or %NULL with @error (unknown author,
 * unknown status). */
char                   *steward_mastodon_server_add_status     (StewardMastodonServer      *self,
                                                                const StewardMastodonStatusSpec *spec,
                                                                GError                    **error);
/* A "mention" notification for the signed-in account about @status_id,
 * dated like the status. Returns the notification id. */
char                   *steward_mastodon_server_add_mention    (StewardMastodonServer      *self,
                                                                const char                 *status_id,
                                                                GError                    **error);
/* Puts @status_id (a direct status) into conversation @conversation_id
 * (%NULL: a new one) as its last status, marks it unread, and returns the
 * conversation id. Its accounts are the status' author and the accounts it
 * mentions, minus the signed-in account. */
char                   *steward_mastodon_server_add_direct     (StewardMastodonServer      *self,
                                                                const char                 *conversation_id,
                                                                const char                 *status_id,
                                                                GError                    **error);
/* Replaces the status' content (as StewardMastodonStatusSpec.text) and
 * sets edited_at to now. As on Mastodon, mentioned accounts get no
 * notification of an edit: a client that synced the status sees the edit
 * only when the status comes again, e.g. in a new mention notification. */
gboolean                steward_mastodon_server_edit_status    (StewardMastodonServer      *self,
                                                                const char                 *status_id,
                                                                const char                 *text,
                                                                GError                    **error);
/* Deletes the status and the notifications about it. */
gboolean                steward_mastodon_server_delete_status  (StewardMastodonServer      *self,
                                                                const char                 *status_id,
                                                                GError                    **error);
guint                   steward_mastodon_server_count_statuses (StewardMastodonServer      *self);

/* Convenience for tests and the fake-server tool: @n mention notifications
 * from @n_authors (1 when 0) made-up authors, oldest first, one minute apart
 * ending now. Returns the notification ids, oldest first. */
GPtrArray              *steward_mastodon_server_seed_mentions  (StewardMastodonServer      *self,
                                                                guint                       n,
                                                                guint                       n_authors);

/* Fault injection: the next @count requests whose path starts with
 * @path_prefix (%NULL: any) get @fault. A prefix may name the method
 * first, "POST /api/v1/statuses", to fault only requests with it. @param: seconds for RATE_LIMIT,
 * milliseconds for SLOW, unused otherwise. Faults queue in order. */
void                    steward_mastodon_server_add_fault      (StewardMastodonServer      *self,
                                                                const char                 *path_prefix,
                                                                StewardMastodonFault        fault,
                                                                guint                       param,
                                                                guint                       count);
void                    steward_mastodon_server_clear_faults   (StewardMastodonServer      *self);
/* Forgets every Idempotency-Key, as Mastodon does after about an hour. */
void                    steward_mastodon_server_forget_idempotency_keys (StewardMastodonServer *self);

/* The request log. Returns (element-type StewardMastodonRequest) a copy. */
GPtrArray              *steward_mastodon_server_dup_requests   (StewardMastodonServer      *self);
void                    steward_mastodon_server_clear_requests (StewardMastodonServer      *self);
/* How many logged requests have @method and a path starting with @path_prefix. */
guint                   steward_mastodon_server_count_requests (StewardMastodonServer      *self,
                                                                const char                 *method,
                                                                const char                 *path_prefix);

/* What saving keeps: the statuses of the last KEEP_DAYS days, at most
 * KEEP_STATUSES of them (the newest). */
#define STEWARD_MASTODON_SERVER_KEEP_DAYS     31
#define STEWARD_MASTODON_SERVER_KEEP_STATUSES 5000

/* Drops statuses posted more than @max_age_days before @now (%NULL: the
 * current time) and all but the @max_statuses newest, with the
 * notifications, conversations and idempotency keys that refer to them.
 * Returns how many statuses went. */
guint                   steward_mastodon_server_prune          (StewardMastodonServer      *self,
                                                                GDateTime                  *now,
                                                                guint                       max_age_days,
                                                                guint                       max_statuses);

/* State: accounts, statuses, notifications, conversations, settings and
 * the id clock, as JSON. Saving prunes first (see above); loading
 * replaces the current state. */
gboolean                steward_mastodon_server_save           (StewardMastodonServer      *self,
                                                                const char                 *path,
                                                                GError                    **error);
gboolean                steward_mastodon_server_load           (StewardMastodonServer      *self,
                                                                const char                 *path,
                                                                GError                    **error);

G_END_DECLS
