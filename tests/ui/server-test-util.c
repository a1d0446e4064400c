/* server-test-util.c — the fake Mastodon server behind the window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "server-test-util"

#include "server-test-util.h"

StewardMastodonServer *
server_test_start (guint   n_mentions,
                   guint   n_authors,
                   char  **lin_id)
{
  g_autoptr(StewardMastodonServer) server = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;

  server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_OWN_THREAD, &error);
  g_assert_no_error (error);

  me = steward_mastodon_server_set_me (server, NULL, "brand", "Brand");
  *lin_id = steward_mastodon_server_add_account (server, NULL, "lin", "Lin Wen");
  ids = steward_mastodon_server_seed_mentions (server, n_mentions, n_authors);
  g_assert_cmpuint (ids->len, ==, n_mentions);

  return g_steal_pointer (&server);
}

void
server_test_add_account (StewardContext        *context,
                         StewardMastodonServer *server)
{
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = steward_context_add_account (context, "mastodon", steward_mastodon_server_get_base_url (server),
                                         SERVER_TEST_TOKEN, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}
