/* test-mastodon-auth.c — registering, authorizing and exchanging the code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <libsoup/soup.h>

#include "mastodon/steward-mastodon-auth.h"
#include "mastodon/steward-mastodon-source.h"

#include "mastodon-test-util.h"

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* What the browser does: open the URL and follow the redirect. */
static void
browse_async (SoupSession  *session,
              const char   *url,
              GAsyncResult **slot)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_done_cb, slot);
}

static void
check_token_works (StewardMastodonServer *server,
                   const char            *token)
{
  g_autoptr(StewardSource) source = STEWARD_SOURCE (steward_mastodon_source_new (steward_mastodon_server_get_base_url (server), token));
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardRemoteAuthor) me = steward_source_verify_credentials (source, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (me->acct, ==, "steward");
}

static void
test_loopback (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autofree char *base = g_strconcat (steward_mastodon_server_get_base_url (server), "/", NULL);
  g_autoptr(StewardMastodonAuth) auth = steward_mastodon_auth_new (base);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(GAsyncResult) code_result = NULL;
  g_autoptr(GAsyncResult) page_result = NULL;
  g_autoptr(GAsyncResult) token_result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expected_prefix = NULL;

  steward_mastodon_server_set_oauth (server, "code-from-browser", "fresh-token");
  g_assert_cmpstr (steward_mastodon_auth_get_server (auth), ==, steward_mastodon_server_get_base_url (server));
  g_assert_cmpstr (steward_mastodon_auth_get_redirect_uri (auth), ==, STEWARD_MASTODON_OOB_REDIRECT_URI);
  g_assert_null (steward_mastodon_auth_dup_authorize_url (auth));

  g_assert_true (steward_mastodon_auth_start_loopback (auth, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (steward_mastodon_auth_get_redirect_uri (auth), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (steward_mastodon_auth_get_redirect_uri (auth), "/callback"));

  steward_mastodon_auth_register_app_async (auth, NULL, on_done_cb, &registered);
  g_assert_true (steward_mastodon_auth_register_app_finish (auth, wait_for (&registered), &error));
  g_assert_no_error (error);
  g_assert_nonnull (steward_mastodon_auth_get_client_id (auth));
  g_assert_cmpuint (steward_mastodon_server_count_requests (server, "POST", "/api/v1/apps"), ==, 1);

  url = steward_mastodon_auth_dup_authorize_url (auth);
  expected_prefix = g_strdup_printf ("%s/oauth/authorize?response_type=code&client_id=",
                                     steward_mastodon_server_get_base_url (server));
  g_assert_true (g_str_has_prefix (url, expected_prefix));
  g_assert_nonnull (strstr (url, "scope=read%20write"));
  g_assert_nonnull (strstr (url, "&state="));

  steward_mastodon_auth_wait_for_code_async (auth, NULL, on_done_cb, &code_result);
  browse_async (session, url, &page_result);

  code = steward_mastodon_auth_wait_for_code_finish (auth, wait_for (&code_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "code-from-browser");

  page = soup_session_send_and_read_finish (session, wait_for (&page_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page),
                                  "You can close this tab and return to Steward."));

  steward_mastodon_auth_exchange_code_async (auth, code, NULL, on_done_cb, &token_result);
  token = steward_mastodon_auth_exchange_code_finish (auth, wait_for (&token_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "fresh-token");
  check_token_works (server, token);
}

static void
test_loopback_wrong_state (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardMastodonAuth) auth = steward_mastodon_auth_new (steward_mastodon_server_get_base_url (server));
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) code_result = NULL;
  g_autoptr(GAsyncResult) page_result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *code = NULL;

  g_assert_true (steward_mastodon_auth_start_loopback (auth, &error));
  steward_mastodon_auth_wait_for_code_async (auth, cancellable, on_done_cb, &code_result);

  /* Another page cannot slip a code in. */
  forged = g_strdup_printf ("%s?code=evil&state=guess", steward_mastodon_auth_get_redirect_uri (auth));
  browse_async (session, forged, &page_result);
  page = soup_session_send_and_read_finish (session, wait_for (&page_result), &error);
  g_assert_no_error (error);
  g_assert_null (code_result);

  g_cancellable_cancel (cancellable);
  code = steward_mastodon_auth_wait_for_code_finish (auth, wait_for (&code_result), &error);
  g_assert_null (code);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_pasted_code (void)
{
  g_autoptr(StewardMastodonServer) server = mt_server_new ();
  g_autoptr(StewardMastodonAuth) auth = steward_mastodon_auth_new (steward_mastodon_server_get_base_url (server));
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) page_result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *wrong = NULL;

  /* Without registering there is nothing to exchange. */
  token = steward_mastodon_auth_exchange_code (auth, "x", NULL, &error);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (steward_mastodon_auth_register_app (auth, NULL, &error));
  g_assert_no_error (error);
  url = steward_mastodon_auth_dup_authorize_url (auth);
  g_assert_nonnull (strstr (url, "redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"));

  /* The server shows the code instead of redirecting. */
  browse_async (session, url, &page_result);
  page = soup_session_send_and_read_finish (session, wait_for (&page_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "steward-test-code"));

  wrong = steward_mastodon_auth_exchange_code (auth, "not-the-code", NULL, &error);
  g_assert_null (wrong);
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, STEWARD_ERROR);
  g_clear_error (&error);

  /* Pasted with the whitespace a browser selection brings along. */
  token = steward_mastodon_auth_exchange_code (auth, "  steward-test-code\n", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, MT_TOKEN);
  check_token_works (server, token);
}

int
main (int   argc,
      char *argv[])
{
  /* The test environment points GSettings at the build tree only, where
   * GNOME's proxy settings schema is missing; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mastodon/auth/loopback", test_loopback);
  g_test_add_func ("/mastodon/auth/loopback-wrong-state", test_loopback_wrong_state);
  g_test_add_func ("/mastodon/auth/pasted-code", test_pasted_code);

  return g_test_run ();
}
