/* steward-mastodon-auth.h — signing in to a Mastodon server with OAuth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow, one object per attempt:
 *
 *   auth = steward_mastodon_auth_new ("https://mastodon.example");
 *   steward_mastodon_auth_start_loopback (auth, &error);  // or skip: pasted code
 *   steward_mastodon_auth_register_app_async (auth, …);    // POST /api/v1/apps
 *   url = steward_mastodon_auth_dup_authorize_url (auth);  // open in the browser
 *   steward_mastodon_auth_wait_for_code_async (auth, …);   // loopback only
 *   steward_mastodon_auth_exchange_code_async (auth, code, …) // POST /oauth/token
 *
 * The loopback redirect (RFC 8252 §7.3) is a SoupServer on 127.0.0.1 with a
 * random port on the thread-default main context of the caller of
 * steward_mastodon_auth_start_loopback(); it receives /callback?code=…&state=…,
 * checks the state and answers a small translated page. Without it the
 * redirect is the out-of-band urn:ietf:wg:oauth:2.0:oob and the server shows
 * the code for the user to paste.
 *
 * The blocking functions may be called from any thread; the _async ones
 * run them in a worker thread. Tokens are never logged.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STEWARD_MASTODON_OOB_REDIRECT_URI "urn:ietf:wg:oauth:2.0:oob"
#define STEWARD_MASTODON_SCOPES           "read write"
#define STEWARD_MASTODON_CLIENT_NAME      "Steward"
#define STEWARD_MASTODON_WEBSITE          "https://github.com/steward-app/steward"

#define STEWARD_TYPE_MASTODON_AUTH (steward_mastodon_auth_get_type ())
G_DECLARE_FINAL_TYPE (StewardMastodonAuth, steward_mastodon_auth, STEWARD, MASTODON_AUTH, GObject)

/* @server: the server's base URL; "mastodon.social" gets https:// added and
 * a trailing slash is dropped. */
StewardMastodonAuth *steward_mastodon_auth_new                  (const char           *server);
const char          *steward_mastodon_auth_get_server           (StewardMastodonAuth  *self);

/* Starts the loopback redirect listener; afterwards the redirect URI is
 * http://127.0.0.1:PORT/callback. Call before registering the app. */
gboolean             steward_mastodon_auth_start_loopback       (StewardMastodonAuth  *self,
                                                                 GError              **error);
/* The loopback URI once started, else STEWARD_MASTODON_OOB_REDIRECT_URI. */
const char          *steward_mastodon_auth_get_redirect_uri     (StewardMastodonAuth  *self);

/* POST /api/v1/apps with client_name, redirect_uris, scopes, website. */
gboolean             steward_mastodon_auth_register_app         (StewardMastodonAuth  *self,
                                                                 GCancellable         *cancellable,
                                                                 GError              **error);
void                 steward_mastodon_auth_register_app_async   (StewardMastodonAuth  *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
gboolean             steward_mastodon_auth_register_app_finish  (StewardMastodonAuth  *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
/* Available after registering. */
const char          *steward_mastodon_auth_get_client_id        (StewardMastodonAuth  *self);

/* SERVER/oauth/authorize?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…
 * Returns %NULL before the app is registered. */
char                *steward_mastodon_auth_dup_authorize_url    (StewardMastodonAuth  *self);

/* Loopback only: completes with the code when the browser arrives at the
 * callback (fails with STEWARD_ERROR_AUTH_FAILED when the user denied access
 * or the state does not match). Must be called on the context the loopback
 * listener was started on. */
void                 steward_mastodon_auth_wait_for_code_async  (StewardMastodonAuth  *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
char                *steward_mastodon_auth_wait_for_code_finish (StewardMastodonAuth  *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* POST /oauth/token with grant_type=authorization_code; returns the access
 * token. @code is trimmed (it may come pasted from a browser). */
char                *steward_mastodon_auth_exchange_code        (StewardMastodonAuth  *self,
                                                                 const char           *code,
                                                                 GCancellable         *cancellable,
                                                                 GError              **error);
void                 steward_mastodon_auth_exchange_code_async  (StewardMastodonAuth  *self,
                                                                 const char           *code,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
char                *steward_mastodon_auth_exchange_code_finish (StewardMastodonAuth  *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS
