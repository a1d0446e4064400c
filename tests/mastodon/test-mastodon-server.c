/* test-mastodon-server.c — the test server speaks the documented shapes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <libsoup/soup.h>

#include "mastodon-test-util.h"

typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->json, json_node_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

/* A plain HTTP client, independent of Steward's, with no retries. */
static Answer *
call (StewardMastodonServer *server,
      const char            *method,
      const char            *path_and_query,
      const char            *token,
      const char            *form,
      const char            *idempotency_key)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (steward_mastodon_server_get_base_url (server), path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  Answer *answer = g_new0 (Answer, 1);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idempotency_key);
  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }

  answer->body = soup_session_send_and_read (session, msg, NULL, &error);
  if (error != NULL)
    {
      /* A cut connection: report it as status 0. */
      g_test_message ("%s %s: %s", method, path_and_query, error->message);
      answer->status = 0;
      return answer;
    }
  answer->status = soup_message_get_status (msg);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  answer->json = json_from_string (g_bytes_get_data (answer->body, NULL) ? g_bytes_get_data (answer->body, NULL) : "", NULL);
  return answer;
}

static const char *
object_string (JsonNode   *node,
               const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

static void
test_auth_and_headers (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(Answer) anonymous = call (server, "GET", "/api/v1/accounts/verify_credentials", NULL, NULL, NULL);
  g_autoptr(Answer) wrong = call (server, "GET", "/api/v1/accounts/verify_credentials", "nope", NULL, NULL);
  g_autoptr(Answer) me = call (server, "GET", "/api/v1/accounts/verify_credentials", MT_TOKEN, NULL, NULL);
  g_autoptr(Answer) instance = call (server, "GET", "/api/v2/instance", NULL, NULL, NULL);
  g_autoptr(Answer) v1 = NULL;
  JsonObject *statuses;

  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (object_string (wrong->json, "error"), ==, "The access token is invalid");
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (object_string (me->json, "acct"), ==, "steward");
  g_assert_cmpstr (object_string (me->json, "display_name"), ==, "Steward Team");
  g_assert_nonnull (soup_message_headers_get_one (me->headers, "X-RateLimit-Limit"));
  g_assert_nonnull (soup_message_headers_get_one (me->headers, "X-RateLimit-Remaining"));
  g_assert_nonnull (soup_message_headers_get_one (me->headers, "X-RateLimit-Reset"));

  steward_mastodon_server_set_max_characters (server, 1234);
  g_clear_pointer (&instance, answer_free);
  instance = call (server, "GET", "/api/v2/instance", NULL, NULL, NULL);
  statuses = json_object_get_object_member (json_object_get_object_member (json_node_get_object (instance->json),
                                                                           "configuration"), "statuses");
  g_assert_cmpint (json_object_get_int_member (statuses, "max_characters"), ==, 1234);
  v1 = call (server, "GET", "/api/v1/instance", NULL, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (v1->json), "max_toot_chars"), ==, 1234);

  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v1/accounts"), ==, 3);
}

static void
test_pagination (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 40, 3);
  g_autoptr(Answer) first = call (server, "GET", "/api/v1/notifications?types[]=mention", MT_TOKEN, NULL, NULL);
  g_autoptr(Answer) capped = call (server, "GET", "/api/v1/notifications?limit=100", MT_TOKEN, NULL, NULL);
  g_autoptr(Answer) older = NULL;
  g_autoptr(Answer) newer = NULL;
  g_autoptr(Answer) since = NULL;
  g_autoptr(Answer) other = NULL;
  g_autofree char *older_path = NULL;
  g_autofree char *newer_path = NULL;
  g_autofree char *since_path = NULL;
  g_autofree char *expected_link = NULL;
  const char *link;
  JsonArray *array;

  g_assert_cmpuint (ids->len, ==, 40);
  /* Ids sort by time: the seeded ones are oldest first. */
  for (guint i = 1; i < ids->len; i++)
    {
      const char *a = g_ptr_array_index (ids, i - 1);
      const char *b = g_ptr_array_index (ids, i);
      g_assert_true (strlen (a) < strlen (b) || (strlen (a) == strlen (b) && strcmp (a, b) < 0));
    }

  array = json_node_get_array (first->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 15);
  g_assert_cmpstr (object_string (json_array_get_element (array, 0), "id"), ==, g_ptr_array_index (ids, 39));
  g_assert_cmpstr (object_string (json_array_get_element (array, 14), "id"), ==, g_ptr_array_index (ids, 25));
  g_assert_cmpstr (object_string (json_array_get_element (array, 0), "type"), ==, "mention");

  link = soup_message_headers_get_one (first->headers, "Link");
  expected_link = g_strdup_printf ("<%s/api/v1/notifications?types[]=mention&max_id=%s>; rel=\"next\", "
                                   "<%s/api/v1/notifications?types[]=mention&min_id=%s>; rel=\"prev\"",
                                   steward_mastodon_server_get_base_url (server), (char *) g_ptr_array_index (ids, 25),
                                   steward_mastodon_server_get_base_url (server), (char *) g_ptr_array_index (ids, 39));
  g_assert_cmpstr (link, ==, expected_link);

  g_assert_cmpuint (json_array_get_length (json_node_get_array (capped->json)), ==, 30);

  /* max_id: older than; min_id: immediately newer than, newest first. */
  older_path = g_strdup_printf ("/api/v1/notifications?max_id=%s&limit=5", (char *) g_ptr_array_index (ids, 25));
  older = call (server, "GET", older_path, MT_TOKEN, NULL, NULL);
  array = json_node_get_array (older->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_assert_cmpstr (object_string (json_array_get_element (array, 0), "id"), ==, g_ptr_array_index (ids, 24));

  newer_path = g_strdup_printf ("/api/v1/notifications?min_id=%s&limit=5", (char *) g_ptr_array_index (ids, 10));
  newer = call (server, "GET", newer_path, MT_TOKEN, NULL, NULL);
  array = json_node_get_array (newer->json);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_assert_cmpstr (object_string (json_array_get_element (array, 0), "id"), ==, g_ptr_array_index (ids, 15));
  g_assert_cmpstr (object_string (json_array_get_element (array, 4), "id"), ==, g_ptr_array_index (ids, 11));

  /* since_id: the newest ones, with a gap. */
  since_path = g_strdup_printf ("/api/v1/notifications?since_id=%s&limit=5", (char *) g_ptr_array_index (ids, 10));
  since = call (server, "GET", since_path, MT_TOKEN, NULL, NULL);
  array = json_node_get_array (since->json);
  g_assert_cmpstr (object_string (json_array_get_element (array, 0), "id"), ==, g_ptr_array_index (ids, 39));

  other = call (server, "GET", "/api/v1/notifications?types[]=follow", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (other->json)), ==, 0);
  g_assert_null (soup_message_headers_get_one (other->headers, "Link"));
}

static void
test_content_html (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autofree char *status = mt_add_mention (server, "lin@social.example.tw",
                                            "@steward 你好 & <b>\n第二行 #咖啡 https://example.com/a/very/long/path/that/goes/on/and/on");
  g_autofree char *path = g_strdup_printf ("/api/v1/statuses/%s", status);
  g_autoptr(Answer) answer = call (server, "GET", path, MT_TOKEN, NULL, NULL);
  const char *content = object_string (answer->json, "content");
  JsonObject *object = json_node_get_object (answer->json);
  g_autofree char *url = NULL;

  g_assert_cmpuint (answer->status, ==, 200);
  url = g_strdup_printf ("%s/@steward", steward_mastodon_server_get_base_url (server));
  g_assert_true (g_str_has_prefix (content, "<p><span class=\"h-card\" translate=\"no\"><a href=\""));
  g_assert_nonnull (strstr (content, "class=\"u-url mention\">@<span>steward</span></a></span> 你好 &amp; &lt;b&gt;<br />第二行 "));
  g_assert_nonnull (strstr (content, "class=\"mention hashtag\" rel=\"tag\">#<span>咖啡</span></a>"));
  g_assert_nonnull (strstr (content, "<span class=\"invisible\">https://</span><span class=\"ellipsis\">"));
  g_assert_nonnull (strstr (content, url));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "mentions")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "account"), "acct"),
                   ==, "lin@social.example.tw");
  g_assert_true (json_object_get_null_member (object, "edited_at"));
}

static void
test_post_idempotent (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(Answer) first = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=Hello+%E4%B8%96%E7%95%8C", "key-1");
  g_autoptr(Answer) again = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=Hello+%E4%B8%96%E7%95%8C", "key-1");
  g_autoptr(Answer) other = NULL;
  g_autoptr(Answer) lost = NULL;
  g_autoptr(Answer) blank = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=+", NULL);
  g_autoptr(Answer) too_long = NULL;
  g_autofree char *long_form = NULL;

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (object_string (first->json, "content"), ==, "<p>Hello 世界</p>");
  g_assert_cmpstr (object_string (first->json, "id"), ==, object_string (again->json, "id"));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 1);

  other = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=Other", "key-2");
  g_assert_cmpstr (object_string (first->json, "id"), !=, object_string (other->json, "id"));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 2);

  g_assert_cmpuint (blank->status, ==, 422);

  steward_mastodon_server_set_max_characters (server, 10);
  long_form = g_strdup ("status=12345678901");
  too_long = call (server, "POST", "/api/v1/statuses", MT_TOKEN, long_form, NULL);
  g_assert_cmpuint (too_long->status, ==, 422);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 2);

  /* The response is lost but the post happened. */
  steward_mastodon_server_add_fault (server, "/api/v1/statuses", STEWARD_MASTODON_FAULT_LOSE_RESPONSE, 0, 1);
  lost = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=Lost", "key-3");
  g_assert_cmpuint (lost->status, ==, 502);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 3);
}

/* A fault can name the method: a POST is faulted, a GET of the same
 * prefix is not. A reply posted through the API joins its thread. */
static void
test_method_fault_and_reply (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autofree char *parent = mt_add_mention (server, "asker", "@steward hi");
  g_autofree char *get_path = g_strdup_printf ("/api/v1/statuses/%s", parent);
  g_autofree char *context_path = g_strdup_printf ("/api/v1/statuses/%s/context", parent);
  g_autofree char *form = g_strdup_printf ("status=hello+back&in_reply_to_id=%s", parent);
  g_autoptr(Answer) get = NULL;
  g_autoptr(Answer) post = NULL;
  g_autoptr(Answer) context = NULL;
  JsonArray *descendants;

  steward_mastodon_server_add_fault (server, "POST /api/v1/statuses", STEWARD_MASTODON_FAULT_SERVER_ERROR, 0, 1);
  get = call (server, "GET", get_path, MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (get->status, ==, 200);
  post = call (server, "POST", "/api/v1/statuses", MT_TOKEN, form, "key-r");
  g_assert_cmpuint (post->status, ==, 500);
  g_clear_pointer (&post, answer_free);

  post = call (server, "POST", "/api/v1/statuses", MT_TOKEN, form, "key-r");
  g_assert_cmpuint (post->status, ==, 200);
  g_assert_cmpstr (object_string (post->json, "in_reply_to_id"), ==, parent);
  context = call (server, "GET", context_path, MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (context->status, ==, 200);
  descendants = json_object_get_array_member (json_node_get_object (context->json), "descendants");
  g_assert_cmpuint (json_array_get_length (descendants), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (descendants, 0), "id"),
                   ==, object_string (post->json, "id"));
}

/* Saving keeps a month of statuses, at most a few thousand, and drops
 * what referred to the others. */
static void
test_prune (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardMastodonServer) copy = mt_server_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -(STEWARD_MASTODON_SERVER_KEEP_DAYS + 5));
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "pruned.json", NULL);
  g_autofree char *author = steward_mastodon_server_add_account (server, NULL, "old@far.example", "Old");
  StewardMastodonStatusSpec spec = { .author_id = author, .text = "@steward ancient", .created_at = long_ago };
  g_autofree char *ancient = steward_mastodon_server_add_status (server, &spec, NULL);
  g_autofree char *mention = steward_mastodon_server_add_mention (server, ancient, NULL);
  g_autofree char *recent = mt_add_mention (server, "new", "@steward recent");
  g_autofree char *ancient_path = g_strdup_printf ("/api/v1/statuses/%s", ancient);
  g_autofree char *recent_path = g_strdup_printf ("/api/v1/statuses/%s", recent);
  g_autoptr(Answer) notifications = NULL;
  g_autoptr(Answer) gone = NULL;
  g_autoptr(Answer) kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (mention);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 2);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (steward_mastodon_server_save (server, path, &error));
  g_assert_no_error (error);
  g_assert_true (steward_mastodon_server_load (copy, path, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (steward_mastodon_server_count_statuses (server), ==, 1);
  g_assert_cmpuint (steward_mastodon_server_count_statuses (copy), ==, 1);
  gone = call (copy, "GET", ancient_path, MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (gone->status, ==, 404);
  kept = call (copy, "GET", recent_path, MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (kept->status, ==, 200);
  notifications = call (copy, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (notifications->json)), ==, 1);

  /* The count cap keeps the newest. */
  {
    g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (copy, 10, 2);

    g_assert_cmpuint (steward_mastodon_server_prune (copy, NULL, 30, 4), ==, 7);
    g_assert_cmpuint (steward_mastodon_server_count_statuses (copy), ==, 4);
    g_clear_pointer (&notifications, answer_free);
    notifications = call (copy, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (notifications->json)), ==, 4);
    g_assert_cmpstr (object_string (json_array_get_element (json_node_get_array (notifications->json), 0), "id"),
                     ==, g_ptr_array_index (ids, 9));
  }
}

static void
test_faults (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 3, 1);
  g_autoptr(Answer) rate = NULL;
  g_autoptr(Answer) error500 = NULL;
  g_autoptr(Answer) truncated = NULL;
  g_autoptr(Answer) malformed = NULL;
  g_autoptr(Answer) unauthorized = NULL;
  g_autoptr(Answer) slow = NULL;
  g_autoptr(Answer) other_path = NULL;
  g_autoptr(Answer) fine = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  gint64 start;

  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_RATE_LIMIT, 7, 1);
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SERVER_ERROR, 0, 1);
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_TRUNCATED, 0, 1);
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_MALFORMED, 0, 1);
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_UNAUTHORIZED, 0, 1);
  steward_mastodon_server_add_fault (server, "/api/v1/notifications", STEWARD_MASTODON_FAULT_SLOW, 300, 1);

  /* Faults only hit their path. */
  other_path = call (server, "GET", "/api/v1/accounts/verify_credentials", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (other_path->status, ==, 200);

  rate = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (rate->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (rate->headers, "Retry-After"), ==, "7");
  g_assert_cmpstr (soup_message_headers_get_one (rate->headers, "X-RateLimit-Remaining"), ==, "0");
  g_assert_nonnull (soup_message_headers_get_one (rate->headers, "X-RateLimit-Reset"));

  error500 = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (error500->status, ==, 500);

  truncated = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  /* The connection closes before the announced length. */
  if (truncated->status != 0)
    {
      g_assert_null (truncated->json);
      g_assert_cmpint (g_bytes_get_size (truncated->body), <,
                       soup_message_headers_get_content_length (truncated->headers));
    }

  malformed = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_null (malformed->json);

  unauthorized = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (unauthorized->status, ==, 401);

  start = g_get_monotonic_time ();
  slow = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (slow->json)), ==, 3);

  fine = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (fine->status, ==, 200);

  requests = steward_mastodon_server_dup_requests (server);
  g_assert_cmpuint (requests->len, ==, 8);
  g_assert_cmpuint (((StewardMastodonRequest *) g_ptr_array_index (requests, 1))->status, ==, 429);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "GET", "/api/v1/notifications"), ==, 7);
  steward_mastodon_server_clear_requests (server);
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, NULL, NULL), ==, 0);
}

static void
test_conversations (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *friend = steward_mastodon_server_add_account (server, NULL, "friend", "Friend");
  StewardMastodonStatusSpec spec = { .author_id = friend, .text = "@steward psst", .visibility = "direct" };
  g_autofree char *first = steward_mastodon_server_add_status (server, &spec, &error);
  g_autofree char *conversation = steward_mastodon_server_add_direct (server, NULL, first, &error);
  g_autofree char *second = NULL;
  g_autofree char *again = NULL;
  g_autoptr(Answer) list = NULL;
  g_autoptr(Answer) context = NULL;
  g_autofree char *context_path = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  spec.text = "@steward are you there?";
  spec.in_reply_to_id = first;
  second = steward_mastodon_server_add_status (server, &spec, &error);
  again = steward_mastodon_server_add_direct (server, conversation, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, conversation);

  list = call (server, "GET", "/api/v1/conversations", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, 1);
  object = json_array_get_object_element (json_node_get_array (list->json), 0);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, conversation);
  g_assert_true (json_object_get_boolean_member (object, "unread"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "accounts")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "last_status"), "id"),
                   ==, second);
  /* Conversations page by their last status. */
  g_assert_nonnull (strstr (soup_message_headers_get_one (list->headers, "Link"), second));

  context_path = g_strdup_printf ("/api/v1/statuses/%s/context", second);
  context = call (server, "GET", context_path, MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (context->json),
                                                                          "ancestors")), ==, 1);

  g_assert_true (steward_mastodon_server_delete_status (server, second, &error));
  g_clear_pointer (&list, answer_free);
  list = call (server, "GET", "/api/v1/conversations", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->json)), ==, 0);
}

static void
test_oauth (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(Answer) app = call (server, "POST", "/api/v1/apps", NULL,
                                "client_name=Steward&redirect_uris=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&scopes=read+write", NULL);
  g_autofree char *authorize = NULL;
  g_autofree char *token_form = NULL;
  g_autoptr(Answer) redirect = NULL;
  g_autoptr(Answer) token = NULL;
  g_autoptr(Answer) bad = NULL;
  g_autoptr(Answer) me = NULL;
  const char *client_id;

  g_assert_cmpuint (app->status, ==, 200);
  client_id = object_string (app->json, "client_id");
  g_assert_nonnull (client_id);
  g_assert_nonnull (object_string (app->json, "client_secret"));

  authorize = g_strdup_printf ("/oauth/authorize?response_type=code&client_id=%s"
                               "&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A9%%2Fcallback&scope=read+write&state=xyz",
                               client_id);
  redirect = call (server, "GET", authorize, NULL, NULL, NULL);
  g_assert_cmpuint (redirect->status, ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (redirect->headers, "Location"), ==,
                   "http://127.0.0.1:9/callback?code=steward-test-code&state=xyz");

  bad = call (server, "POST", "/oauth/token", NULL, "grant_type=authorization_code&code=wrong", NULL);
  g_assert_cmpuint (bad->status, ==, 401);

  steward_mastodon_server_set_oauth (server, NULL, "issued-token");
  token_form = g_strdup_printf ("grant_type=authorization_code&code=steward-test-code&client_id=%s&client_secret=s"
                                "&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A9%%2Fcallback", client_id);
  token = call (server, "POST", "/oauth/token", NULL, token_form, NULL);
  g_assert_cmpuint (token->status, ==, 200);
  g_assert_cmpstr (object_string (token->json, "access_token"), ==, "issued-token");
  g_assert_cmpstr (object_string (token->json, "token_type"), ==, "Bearer");

  /* The issued token works besides the configured one. */
  me = call (server, "GET", "/api/v1/accounts/verify_credentials", "issued-token", NULL, NULL);
  g_assert_cmpuint (me->status, ==, 200);
}

static gint64
followers_of_me (StewardMastodonServer *server)
{
  g_autoptr(Answer) me = call (server, "GET", "/api/v1/accounts/verify_credentials", MT_TOKEN, NULL, NULL);

  g_assert_cmpuint (me->status, ==, 200);
  return json_object_get_int_member (json_node_get_object (me->json), "followers_count");
}

static void
test_followers (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardMastodonServer) copy = mt_server_new ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "followers.json", NULL);
  g_autoptr(GError) error = NULL;

  /* Made up from the id until set; then what was set, kept across a save. */
  g_assert_cmpint (followers_of_me (server), >=, 0);
  g_assert_true (steward_mastodon_server_set_followers (server, "steward", 81234));
  g_assert_cmpint (followers_of_me (server), ==, 81234);
  g_assert_false (steward_mastodon_server_set_followers (server, "nobody@nowhere", 5));

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (steward_mastodon_server_save (server, path, &error));
  g_assert_no_error (error);
  g_assert_true (steward_mastodon_server_load (copy, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (followers_of_me (copy), ==, 81234);
}

static void
test_save_load (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardMastodonServer) copy = mt_server_new ();
  g_autoptr(GPtrArray) ids = steward_mastodon_server_seed_mentions (server, 5, 2);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "server.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Answer) a = NULL;
  g_autoptr(Answer) b = NULL;
  g_autoptr(Answer) posted = NULL;
  g_autoptr(Answer) reposted = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  posted = call (server, "POST", "/api/v1/statuses", MT_TOKEN, "status=kept", "key-kept");
  g_assert_true (steward_mastodon_server_save (server, path, &error));
  g_assert_no_error (error);
  g_assert_true (steward_mastodon_server_load (copy, path, &error));
  g_assert_no_error (error);

  a = call (server, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  b = call (copy, "GET", "/api/v1/notifications", MT_TOKEN, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (b->json)), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *x = json_array_get_object_element (json_node_get_array (a->json), i);
      JsonObject *y = json_array_get_object_element (json_node_get_array (b->json), i);

      g_assert_cmpstr (json_object_get_string_member (x, "id"), ==, json_object_get_string_member (y, "id"));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (x, "status"), "content"), ==,
                       json_object_get_string_member (json_object_get_object_member (y, "status"), "content"));
    }
  g_assert_cmpuint (steward_mastodon_server_count_statuses (copy), ==, 6);

  /* Idempotency keys survive too. */
  reposted = call (copy, "POST", "/api/v1/statuses", MT_TOKEN, "status=kept", "key-kept");
  g_assert_cmpstr (object_string (posted->json, "id"), ==, object_string (reposted->json, "id"));
  g_assert_cmpuint (steward_mastodon_server_count_statuses (copy), ==, 6);
}

static void
test_main_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardMastodonServer) server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_FLAGS_NONE, &error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (steward_mastodon_server_get_base_url (server), "http://127.0.0.1:"));
  g_assert_cmpuint (steward_mastodon_server_get_port (server), >, 0);

  /* Served on this thread's main context, so ask asynchronously. */
  url = g_strconcat (steward_mastodon_server_get_base_url (server), "/api/v1/instance", NULL);
  msg = soup_message_new ("GET", url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    NULL, NULL);
  while (steward_mastodon_server_count_requests (server, "GET", "/api/v1/instance") == 0)
    g_main_context_iteration (NULL, TRUE);
  while (soup_message_get_status (msg) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **out = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, out);

  /* An answer where none should come: make the test fail below. */
  if (*out == NULL)
    g_set_error_literal (out, G_IO_ERROR, G_IO_ERROR_EXISTS, "an answer came");
}

/* Stopping with a slow reply pending neither waits for it nor crashes. */
static void
test_stop_while_slow (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (steward_mastodon_server_get_base_url (server), "/api/v1/instance", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  gint64 start;

  steward_mastodon_server_add_fault (server, "/api/v1/instance", STEWARD_MASTODON_FAULT_SLOW, 60 * 1000, 1);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &error);
  while (steward_mastodon_server_count_requests (server, "GET", "/api/v1/instance") == 0)
    g_main_context_iteration (NULL, FALSE);

  start = g_get_monotonic_time ();
  g_clear_object (&server);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* The test environment points GSettings at the build tree only, where
   * GNOME's proxy settings schema is missing; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mastodon/server/auth-and-headers", test_auth_and_headers);
  g_test_add_func ("/mastodon/server/pagination", test_pagination);
  g_test_add_func ("/mastodon/server/content-html", test_content_html);
  g_test_add_func ("/mastodon/server/post-idempotent", test_post_idempotent);
  g_test_add_func ("/mastodon/server/faults", test_faults);
  g_test_add_func ("/mastodon/server/method-fault-and-reply", test_method_fault_and_reply);
  g_test_add_func ("/mastodon/server/prune", test_prune);
  g_test_add_func ("/mastodon/server/conversations", test_conversations);
  g_test_add_func ("/mastodon/server/oauth", test_oauth);
  g_test_add_func ("/mastodon/server/save-load", test_save_load);
  g_test_add_func ("/mastodon/server/followers", test_followers);
  g_test_add_func ("/mastodon/server/main-context", test_main_context);
  g_test_add_func ("/mastodon/server/stop-while-slow", test_stop_while_slow);

  return g_test_run ();
}
