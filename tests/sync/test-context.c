/* test-context.c — the workspace: its folder, accounts and sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <steward/steward.h>

#include "steward-test-source.h"

typedef struct {
  char              *dir;
  StewardContext    *context;
  StewardStore      *store;
  StewardTestSource *source;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_build_filename (g_get_user_data_dir (), "workspace", NULL);
  fixture->context = steward_context_new (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->store = steward_context_get_store (fixture->context);
  fixture->source = steward_test_source_new (5);
  steward_context_register_network (fixture->context, "test", steward_test_source_factory,
                                    g_object_ref (fixture->source), g_object_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->source);
  g_clear_pointer (&fixture->dir, g_free);
}

static StewardAccount *
add_account (Fixture     *fixture,
             const char  *server,
             const char  *token,
             GError     **error)
{
  /* The token goes to the Secret Service if one answers, else to a 0600
   * file, as steward-cli --insecure-token-file allows. */
  return steward_context_add_account (fixture->context, "test", server, token, TRUE, NULL, error);
}

static char *
lookup_token (Fixture        *fixture,
              StewardAccount *account)
{
  g_autoptr(GError) error = NULL;
  char *token;

  token = steward_secrets_lookup_token (steward_context_get_secrets (fixture->context),
                                        account, NULL, &error);
  if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE))
    return NULL;
  g_assert_no_error (error);
  return token;
}

static void
test_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardContext) context = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "steward", NULL);
  g_autofree char *by_default = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *db_path = NULL;
  GStatBuf st;

  g_unsetenv ("STEWARD_DATA_DIR");
  by_default = steward_context_default_data_dir ();
  g_assert_cmpstr (by_default, ==, expected);

  g_setenv ("STEWARD_DATA_DIR", "/somewhere/else", TRUE);
  from_env = steward_context_default_data_dir ();
  g_assert_cmpstr (from_env, ==, "/somewhere/else");
  g_unsetenv ("STEWARD_DATA_DIR");

  /* No folder yet: the context makes it, private to the user. */
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  context = steward_context_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_context_get_data_dir (context), ==, expected);
  g_assert_cmpint (g_stat (expected, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  db_path = steward_context_dup_database_path (context);
  g_assert_true (g_str_has_prefix (db_path, expected));
  g_assert_true (g_file_test (db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (steward_store_get_path (steward_context_get_store (context)), ==, db_path);
  g_assert_nonnull (steward_context_get_secrets (context));
  g_assert_nonnull (steward_context_get_sync_engine (context));
}

static void
test_add_account (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(StewardAccount) again = NULL;
  g_autoptr(StewardAccount) stored = NULL;
  g_autoptr(StewardSource) source = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *token = NULL;
  g_autofree char *given = NULL;

  account = add_account (fixture, " social.example/ ", "token-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  /* The server address is normalised, the identity is the server's. */
  g_assert_cmpint (steward_account_get_id (account), >, 0);
  g_assert_cmpstr (steward_account_get_network (account), ==, "test");
  g_assert_cmpstr (steward_account_get_server (account), ==, "https://social.example");
  g_assert_cmpstr (steward_account_get_remote_id (account), ==, "109");
  g_assert_cmpstr (steward_account_get_username (account), ==, "brand");
  g_assert_cmpstr (steward_account_get_display_name (account), ==, "The Brand");
  g_assert_false (steward_account_get_is_demo (account));
  given = steward_test_source_dup_token (fixture->source);
  g_assert_cmpstr (given, ==, "token-1");

  stored = steward_store_get_account (fixture->store, steward_account_get_id (account), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_account_get_remote_id (stored), ==, "109");

  token = lookup_token (fixture, account);
  g_assert_cmpstr (token, ==, "token-1");

  /* The same account again (a new token) updates it. */
  again = add_account (fixture, "https://social.example", "token-2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_account_get_id (again), ==, steward_account_get_id (account));
  accounts = steward_store_list_accounts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_clear_pointer (&token, g_free);
  token = lookup_token (fixture, account);
  g_assert_cmpstr (token, ==, "token-2");

  /* A source for it gets the stored token. */
  g_clear_pointer (&given, g_free);
  steward_test_source_set_me (fixture->source, "109", "brand");
  source = steward_context_create_source (fixture->context, stored, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (STEWARD_IS_SOURCE (source));
  given = steward_test_source_dup_token (fixture->source);
  g_assert_cmpstr (given, ==, "token-2");
}

static void
test_add_account_rejected (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  steward_test_source_set_me (fixture->source, NULL, NULL);
  account = add_account (fixture, "https://social.example", "revoked", &error);
  g_assert_null (account);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "rejected the token"));
  g_assert_nonnull (strstr (error->message, "https://social.example"));
  g_clear_error (&error);

  accounts = steward_store_list_accounts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);
}

static void
test_add_account_bad_input (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;

  account = add_account (fixture, "ftp://social.example", "t", &error);
  g_assert_null (account);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  account = add_account (fixture, "https://", "t", &error);
  g_assert_null (account);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_false (steward_context_has_network (fixture->context, "friendica"));
  account = steward_context_add_account (fixture->context, "friendica", "https://f.example",
                                         "t", TRUE, NULL, &error);
  g_assert_null (account);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_UNSUPPORTED);
}

static void
on_add_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_store_changed_cb (StewardStore *store,
                     const char   *what,
                     gpointer      user_data)
{
  guint *n_accounts_changed = user_data;

  if (g_strcmp0 (what, "accounts") == 0)
    (*n_accounts_changed)++;
}

static void
test_add_account_async (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(StewardAccount) account = NULL;
  guint n_accounts_changed = 0;
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed_cb),
                              &n_accounts_changed);
  steward_context_add_account_async (fixture->context, "test", "https://social.example",
                                     NULL, NULL, on_add_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* Let the store's notification through. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handler_disconnect (fixture->store, handler);

  account = steward_context_add_account_finish (fixture->context, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (steward_account_get_username (account), ==, "brand");
  g_assert_cmpuint (n_accounts_changed, >=, 1);
}

static void
test_remove_account (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(StewardAccount) gone = NULL;
  g_autofree char *token = NULL;
  gint64 id;

  account = add_account (fixture, "https://social.example", "token-1", &error);
  g_assert_no_error (error);
  id = steward_account_get_id (account);

  g_assert_true (steward_context_remove_account (fixture->context, id, &error));
  g_assert_no_error (error);

  gone = steward_store_get_account (fixture->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  token = lookup_token (fixture, account);
  g_assert_null (token);

  g_assert_false (steward_context_remove_account (fixture->context, id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_sign_in_again (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(StewardAccount) again = NULL;
  gint64 id;

  account = add_account (fixture, "https://social.example", "token-1", &error);
  g_assert_no_error (error);
  id = steward_account_get_id (account);
  g_assert_true (steward_store_set_account_state (fixture->store, id,
                                                  STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN, &error));
  g_assert_no_error (error);

  again = add_account (fixture, "https://social.example", "token-2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (steward_account_get_id (again), ==, id);
  g_assert_cmpint (steward_account_get_state (again), ==, STEWARD_ACCOUNT_STATE_OK);
}

static void
test_demo_source (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StewardAccount) demo = NULL;
  g_autoptr(StewardSource) source = NULL;
  g_autofree char *given = NULL;
  gint64 id;

  id = steward_store_add_account (fixture->store, "mastodon", "demo", "1", "brand", "Brand",
                                  TRUE, &error);
  g_assert_no_error (error);
  demo = steward_store_get_account (fixture->store, id, &error);
  g_assert_no_error (error);

  /* No "demo" network yet. */
  source = steward_context_create_source (fixture->context, demo, NULL, &error);
  g_assert_null (source);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Demo accounts use the "demo" entry whatever their network, with no token. */
  steward_context_register_network (fixture->context, "demo", steward_test_source_factory,
                                    g_object_ref (fixture->source), g_object_unref);
  source = steward_context_create_source (fixture->context, demo, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  given = steward_test_source_dup_token (fixture->source);
  g_assert_null (given);
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

  g_test_add_func ("/sync/context/data-dir", test_data_dir);
  ADD ("/sync/context/add-account", test_add_account);
  ADD ("/sync/context/add-account-rejected", test_add_account_rejected);
  ADD ("/sync/context/add-account-bad-input", test_add_account_bad_input);
  ADD ("/sync/context/add-account-async", test_add_account_async);
  ADD ("/sync/context/remove-account", test_remove_account);
  ADD ("/sync/context/sign-in-again", test_sign_in_again);
  ADD ("/sync/context/demo-source", test_demo_source);

#undef ADD

  return g_test_run ();
}
