/* test-mastodon-parse.c — Mastodon JSON into Steward's plain data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "mastodon/steward-mastodon-parse.h"

#include "mastodon-test-util.h"

static void
test_notifications (void)
{
  g_autoptr(JsonNode) node = mt_load_fixture ("notifications.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = steward_mastodon_parse_notifications (node, &error);
  g_autofree char *created = NULL;
  StewardRemoteItem *item;
  StewardRemotePost *post;

  g_assert_no_error (error);
  /* The favourite is skipped: only mentions become items. */
  g_assert_cmpuint (items->len, ==, 2);

  item = g_ptr_array_index (items, 0);
  post = item->post;
  g_assert_cmpint (item->kind, ==, STEWARD_ITEM_KIND_MENTION);
  g_assert_cmpstr (item->remote_id, ==, "34975861");
  g_assert_cmpstr (post->remote_id, ==, "111430117002733117");
  g_assert_cmpstr (post->url, ==, "https://social.example.tw/@lin/111430117002733117");
  g_assert_cmpstr (post->author->remote_id, ==, "109302");
  g_assert_cmpstr (post->author->acct, ==, "lin@social.example.tw");
  g_assert_cmpstr (post->author->display_name, ==, "林小姐 🌿");
  g_assert_cmpint (post->author->followers, ==, 1523);
  g_assert_cmpstr (post->language, ==, "zh");
  g_assert_cmpstr (post->visibility, ==, "public");
  g_assert_null (post->in_reply_to_id);
  g_assert_null (post->spoiler_text);
  g_assert_null (post->edited_at);
  g_assert_true (g_str_has_prefix (post->html, "<p><span class=\"h-card\""));
  /* Plain text: tags gone, entity decoded, invisible parts of links dropped. */
  g_assert_nonnull (strstr (post->text, "@steward 你們的新版本很好用！& 我很喜歡 #咖啡"));
  g_assert_nonnull (strstr (post->text, "blog.example.tw/posts/2026/11/"));
  g_assert_null (strstr (post->text, "https://"));
  g_assert_null (strstr (post->text, "steward-review-long-title"));
  g_assert_null (strstr (post->text, "<"));
  created = g_date_time_format_iso8601 (post->created_at);
  g_assert_cmpstr (created, ==, "2026-11-20T09:15:01Z");

  item = g_ptr_array_index (items, 1);
  post = item->post;
  g_assert_cmpstr (item->remote_id, ==, "34975534");
  g_assert_cmpstr (post->in_reply_to_id, ==, "111429999999999999");
  g_assert_cmpstr (post->spoiler_text, ==, "billing");
  g_assert_null (post->url);
  /* Empty display names are no names. */
  g_assert_null (post->author->display_name);
  g_assert_cmpint (post->author->followers, ==, -1);
  /* Dates with an offset are converted to UTC. */
  g_assert_cmpint (g_date_time_get_utc_offset (post->created_at), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (post->created_at), ==, 14);
  g_assert_cmpint (g_date_time_get_minute (post->created_at), ==, 41);
  g_assert_nonnull (post->edited_at);
  g_assert_cmpint (g_date_time_get_hour (post->edited_at), ==, 15);
  g_assert_nonnull (strstr (post->text, "I was charged twice!!"));
  g_assert_null (strstr (post->text, "alert"));
}

static void
test_conversations (void)
{
  g_autoptr(JsonNode) node = mt_load_fixture ("conversations.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = steward_mastodon_parse_conversations (node, &error);
  StewardRemoteItem *item;

  g_assert_no_error (error);
  /* The conversation without a last status is skipped. */
  g_assert_cmpuint (items->len, ==, 1);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (item->kind, ==, STEWARD_ITEM_KIND_DIRECT);
  g_assert_cmpstr (item->remote_id, ==, "418450");
  g_assert_cmpstr (item->post->remote_id, ==, "103196583826321184");
  g_assert_cmpstr (item->post->conversation_id, ==, "418450");
  g_assert_cmpstr (item->post->visibility, ==, "direct");
  g_assert_cmpstr (item->post->author->display_name, ==, "Amic");
  g_assert_nonnull (strstr (item->post->text, "请问退款要多久？"));
}

static void
test_instance (void)
{
  g_autoptr(JsonNode) v2 = mt_load_fixture ("instance-v2.json");
  g_autoptr(JsonNode) v1 = mt_load_fixture ("instance-v1.json");
  g_autoptr(JsonNode) empty = json_from_string ("{}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardServerLimits) limits = NULL;

  limits = steward_mastodon_parse_instance (v2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limits->title, ==, "Mastodon Example");
  g_assert_cmpstr (limits->version, ==, "4.2.1");
  g_assert_cmpuint (limits->max_characters, ==, 1000);
  g_assert_cmpuint (limits->max_media, ==, 6);
  g_clear_pointer (&limits, steward_server_limits_free);

  limits = steward_mastodon_parse_instance (v1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (limits->title, ==, "Pleroma Example");
  g_assert_cmpuint (limits->max_characters, ==, 5000);
  g_assert_cmpuint (limits->max_media, ==, 4);
  g_clear_pointer (&limits, steward_server_limits_free);

  limits = steward_mastodon_parse_instance (empty, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limits->max_characters, ==, 500);
}

static void
test_malformed (void)
{
  struct {
    const char *fixture;
    gboolean    conversations;
    const char *names;
  } cases[] = {
    { "malformed-no-status.json", FALSE, "notification.status" },
    { "malformed-bad-date.json", FALSE, "status.created_at" },
    { "malformed-account-type.json", FALSE, "account.id" },
    { "malformed-not-array.json", FALSE, "notifications" },
    { "malformed-not-array.json", TRUE, "conversations" },
    { "malformed-missing-id.json", FALSE, "notification.id" },
    { "malformed-content-type.json", TRUE, "status.content" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = mt_load_fixture (cases[i].fixture);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = NULL;

      if (cases[i].conversations)
        items = steward_mastodon_parse_conversations (node, &error);
      else
        items = steward_mastodon_parse_notifications (node, &error);

      g_test_message ("%s: %s", cases[i].fixture, error ? error->message : "(no error)");
      g_assert_null (items);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, cases[i].names));
    }
}

static void
test_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *str = NULL;

  dt = steward_mastodon_parse_date ("2019-12-08T03:48:33.901Z", &error);
  g_assert_no_error (error);
  str = g_date_time_format (dt, "%FT%T.%f");
  g_assert_cmpstr (str, ==, "2019-12-08T03:48:33.901000");
  g_clear_pointer (&dt, g_date_time_unref);

  dt = steward_mastodon_parse_date ("2019-12-08", &error);
  g_assert_null (dt);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
  g_clear_error (&error);

  dt = steward_mastodon_parse_date ("", &error);
  g_assert_null (dt);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
}

/* Whatever a hostile or broken server sends, parsing fails cleanly. */
static void
test_hostile (void)
{
  const char *inputs[] = {
    "null", "42", "\"x\"", "[null]", "[42]", "[[]]", "[{}]",
    "[{\"id\": null, \"type\": \"mention\"}]",
    "[{\"id\": \"1\", \"type\": 7}]",
    "[{\"id\": \"1\", \"type\": \"mention\", \"status\": []}]",
    "[{\"id\": \"1\", \"type\": \"mention\", \"status\": {\"id\": \"2\", \"created_at\": \"2020-01-01T00:00:00Z\", \"content\": \"\", \"account\": null}}]",
    "[{\"id\": \"1\", \"type\": \"mention\", \"status\": {\"id\": \"2\", \"created_at\": \"2020-01-01T00:00:00Z\", \"content\": \"\", \"account\": {\"id\": \"3\", \"acct\": \"\"}}}]",
    "[{\"id\": \"1\", \"type\": \"mention\", \"status\": {\"id\": \"2\", \"created_at\": \"2020-01-01T00:00:00Z\", \"account\": {\"id\": \"3\", \"acct\": \"a\"}}}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (inputs[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = steward_mastodon_parse_notifications (node, &error);
      g_autoptr(GPtrArray) convs = NULL;
      g_autoptr(GError) conv_error = NULL;

      g_test_message ("%s", inputs[i]);
      g_assert_null (items);
      g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);

      convs = steward_mastodon_parse_conversations (node, &conv_error);
      if (convs == NULL)
        g_assert_error (conv_error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mastodon/parse/notifications", test_notifications);
  g_test_add_func ("/mastodon/parse/conversations", test_conversations);
  g_test_add_func ("/mastodon/parse/instance", test_instance);
  g_test_add_func ("/mastodon/parse/malformed", test_malformed);
  g_test_add_func ("/mastodon/parse/dates", test_dates);
  g_test_add_func ("/mastodon/parse/hostile", test_hostile);

  return g_test_run ();
}
