/* mastodon-test-util.c — shared by the Mastodon tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-mastodon"

#include <string.h>

#include "mastodon-test-util.h"

StewardMastodonServer *
mt_server_new (void)
{
  g_autoptr(GError) error = NULL;
  StewardMastodonServer *server;
  g_autofree char *me = NULL;

  server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_OWN_THREAD, &error);
  g_assert_no_error (error);
  me = steward_mastodon_server_set_me (server, NULL, "steward", "Steward Team");
  steward_mastodon_server_set_token (server, MT_TOKEN);
  return server;
}








guint
mt_count_requests_with (StewardMastodonServer *server,
                        const char            *path,
                        const char            *needle)
{
  g_autoptr(GPtrArray) requests = steward_mastodon_server_dup_requests (server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      StewardMastodonRequest *request = g_ptr_array_index (requests, i);

      if (!g_str_equal (request->path, path))
        continue;
      if (needle == NULL || (request->query != NULL && strstr (request->query, needle) != NULL))
        n++;
    }
  return n;
}

char *
mt_add_mention (StewardMastodonServer *server,
                const char            *acct,
                const char            *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = steward_mastodon_server_add_account (server, NULL, acct, acct);
  StewardMastodonStatusSpec spec = { .author_id = author, .text = text };
  char *status = steward_mastodon_server_add_status (server, &spec, &error);
  g_autofree char *notification = NULL;

  g_assert_no_error (error);
  notification = steward_mastodon_server_add_mention (server, status, &error);
  g_assert_no_error (error);
  return status;
}

JsonNode *
mt_load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "mastodon", "fixtures", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
