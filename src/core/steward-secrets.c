/* steward-secrets.c — access tokens in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens go to the Secret Service under the schema
 * "io.github.steward.Steward.Token" (attributes network, server and
 * account, the account's remote id). Only when the caller allows it, and
 * only when no Secret Service answers, is a token written to
 * <data-dir>/tokens/<network>-<sha256 of server "\n" remote id>, mode 0600
 * in a 0700 folder. No token, nor anything derived from one, is logged.
 */
#define G_LOG_DOMAIN "steward-secrets"

#include "steward-secrets.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "steward-account.h"
#include "steward-error.h"

struct _StewardSecrets
{
  GObject  parent_instance;

  char    *data_dir;
};

G_DEFINE_FINAL_TYPE (StewardSecrets, steward_secrets, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema *
get_token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.steward.Steward.Token", SECRET_SCHEMA_NONE,
    {
      { "network", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* Whether @error, from libsecret once the session bus was reached, means
 * that nothing there can keep a secret: no Secret Service is running or
 * activatable, it does not reply, or it has no default collection and no
 * way to prompt for one (a headless session). */
static gboolean
is_unavailable_error (const GError *error)
{
  if (error->domain != G_DBUS_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_REPLY:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_TIMEOUT:
    case G_DBUS_ERROR_TIMED_OUT:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_UNKNOWN_METHOD:
    case G_DBUS_ERROR_UNKNOWN_OBJECT:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
    case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
    case G_DBUS_ERROR_SPAWN_FILE_INVALID:
    case G_DBUS_ERROR_SPAWN_NO_MEMORY:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
set_unavailable_error (GError       **error,
                       const GError  *cause)
{
  g_debug ("No usable Secret Service: %s", cause->message);
  g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE,
                       _("No Secret Service is available to keep the token safely; "
                         "start and unlock a keyring such as GNOME Keyring"));
}

/* Turns libsecret's @cause into a STEWARD_ERROR; cancellation stays as it
 * is, so that callers can keep it silent. */
static void
propagate_service_error (GError **error,
                         GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, cause);
  else if (is_unavailable_error (cause))
    {
      set_unavailable_error (error, cause);
      g_error_free (cause);
    }
  else
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("The Secret Service could not keep the token: %s"),
                   cause->message);
      g_error_free (cause);
    }
}

/* libsecret reports a bus that cannot be reached with whatever GDBus gave
 * it; asking for the bus first tells that case apart without guessing. */
static gboolean
check_session_bus (GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) local_error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &local_error);
  if (bus != NULL)
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    set_unavailable_error (error, local_error);

  return FALSE;
}

static gboolean
service_store (StewardAccount  *account,
               const char      *token,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autofree char *account_label = steward_account_dup_label (account);
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  if (!check_session_bus (cancellable, error))
    return FALSE;

  /* Translators: the label of the token in the keyring; %s is an
   * account, such as "@brand@mastodon.social" */
  label = g_strdup_printf (_("Steward token for %s"), account_label);

  if (!secret_password_store_sync (get_token_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, token, cancellable, &local_error,
                                   "network", steward_account_get_network (account),
                                   "server", steward_account_get_server (account),
                                   "account", steward_account_get_remote_id (account),
                                   NULL))
    {
      propagate_service_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Returns NULL without error when the Secret Service has no such token. */
static char *
service_lookup (StewardAccount  *account,
                GCancellable    *cancellable,
                GError         **error)
{
  char *secret;
  char *token;
  GError *local_error = NULL;

  if (!check_session_bus (cancellable, error))
    return NULL;

  secret = secret_password_lookup_sync (get_token_schema (), cancellable, &local_error,
                                        "network", steward_account_get_network (account),
                                        "server", steward_account_get_server (account),
                                        "account", steward_account_get_remote_id (account),
                                        NULL);
  if (local_error != NULL)
    {
      propagate_service_error (error, local_error);
      return NULL;
    }
  if (secret == NULL)
    return NULL;

  /* Callers free with g_free(); libsecret's copy is wiped on free. */
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

static gboolean
service_clear (StewardAccount  *account,
               GCancellable    *cancellable,
               GError         **error)
{
  GError *local_error = NULL;

  if (!check_session_bus (cancellable, error))
    return FALSE;

  /* FALSE without an error only means there was nothing to clear. */
  if (!secret_password_clear_sync (get_token_schema (), cancellable, &local_error,
                                   "network", steward_account_get_network (account),
                                   "server", steward_account_get_server (account),
                                   "account", steward_account_get_remote_id (account),
                                   NULL)
      && local_error != NULL)
    {
      propagate_service_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_tokens_dir (StewardSecrets *self)
{
  return g_build_filename (self->data_dir, "tokens", NULL);
}

static char *
dup_token_path (StewardSecrets  *self,
                StewardAccount  *account,
                GError         **error)
{
  const char *network = steward_account_get_network (account);
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *tokens_dir = NULL;
  g_autofree char *basename = NULL;

  /* The network becomes part of a file name: it must be a plain word. */
  if (network == NULL || network[0] == '\0')
    goto invalid;
  for (const char *p = network; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        goto invalid;
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) steward_account_get_server (account), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) steward_account_get_remote_id (account), -1);

  tokens_dir = dup_tokens_dir (self);
  basename = g_strdup_printf ("%s-%s", network, g_checksum_get_string (checksum));
  return g_build_filename (tokens_dir, basename, NULL);

invalid:
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a network name that a token file can be named after"),
               network != NULL ? network : "");
  return NULL;
}

static void
set_file_error (GError     **error,
                const char  *path,
                int          saved_errno,
                const char  *message)
{
  g_set_error (error, STEWARD_ERROR,
               saved_errno == ENOSPC ? STEWARD_ERROR_DISK_FULL : STEWARD_ERROR_FAILED,
               /* Translators: the first %s is a file, the second why it failed */
               _("Could not use the token file “%s”: %s"),
               path, message);
}

static gboolean
write_token_file (StewardSecrets  *self,
                  StewardAccount  *account,
                  const char      *token,
                  GError         **error)
{
  g_autofree char *tokens_dir = dup_tokens_dir (self);
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  path = dup_token_path (self, account, error);
  if (path == NULL)
    return FALSE;

  /* Also tighten a folder that already existed. */
  if (g_mkdir_with_parents (tokens_dir, 0700) != 0 || g_chmod (tokens_dir, 0700) != 0)
    {
      int saved_errno = errno;

      set_file_error (error, tokens_dir, saved_errno, g_strerror (saved_errno));
      return FALSE;
    }

  /* Written to a temporary file created 0600, then renamed over: the
   * token is never readable by others, nor half written. */
  if (!g_file_set_contents_full (path, token, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      set_file_error (error, path,
                      g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ? ENOSPC : 0,
                      local_error->message);
      return FALSE;
    }

  g_debug ("Token of account %" G_GINT64_FORMAT " kept in an insecure file, as allowed",
           steward_account_get_id (account));
  return TRUE;
}

/* Returns NULL without error when there is no token file. */
static char *
read_token_file (StewardSecrets  *self,
                 StewardAccount  *account,
                 GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  path = dup_token_path (self, account, error);
  if (path == NULL)
    return NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        set_file_error (error, path, 0, local_error->message);
      return NULL;
    }

  /* Someone may have written the file by hand, with a final newline. */
  g_strstrip (contents);
  if (contents[0] == '\0')
    return NULL;

  return g_steal_pointer (&contents);
}

static gboolean
remove_token_file (StewardSecrets  *self,
                   StewardAccount  *account,
                   GError         **error)
{
  g_autofree char *path = NULL;

  path = dup_token_path (self, account, error);
  if (path == NULL)
    return FALSE;

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      set_file_error (error, path, saved_errno, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
steward_secrets_finalize (GObject *object)
{
  StewardSecrets *self = STEWARD_SECRETS (object);

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (steward_secrets_parent_class)->finalize (object);
}

static void
steward_secrets_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StewardSecrets *self = STEWARD_SECRETS (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_secrets_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StewardSecrets *self = STEWARD_SECRETS (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_secrets_class_init (StewardSecretsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_secrets_finalize;
  object_class->get_property = steward_secrets_get_property;
  object_class->set_property = steward_secrets_set_property;

  /**
   * StewardSecrets:data-dir:
   *
   * The workspace folder; insecure token files go to its tokens/ folder.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_secrets_init (StewardSecrets *self)
{
}

/**
 * steward_secrets_new:
 * @data_dir: the workspace folder
 *
 * Returns: (transfer full): a new #StewardSecrets
 */
StewardSecrets *
steward_secrets_new (const char *data_dir)
{
  g_return_val_if_fail (data_dir != NULL, NULL);

  return g_object_new (STEWARD_TYPE_SECRETS,
                       "data-dir", data_dir,
                       NULL);
}

/**
 * steward_secrets_store_token:
 * @self: a #StewardSecrets
 * @account: the account the token signs in
 * @token: the access token
 * @insecure_file: whether the token may go to a 0600 file when no Secret
 *   Service answers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps @token in the Secret Service, replacing any earlier token of
 * @account. Fails with %STEWARD_ERROR_NO_SECRET_SERVICE when no Secret
 * Service answers, unless @insecure_file allows writing the token file.
 *
 * Returns: %TRUE if the token was stored
 */
gboolean
steward_secrets_store_token (StewardSecrets  *self,
                             StewardAccount  *account,
                             const char      *token,
                             gboolean         insecure_file,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (STEWARD_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (token != NULL && token[0] != '\0', FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (service_store (account, token, cancellable, &local_error))
    {
      /* A file from an earlier insecure store would outlive its token. */
      return remove_token_file (self, account, error);
    }

  if (!insecure_file
      || !g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return write_token_file (self, account, token, error);
}

/**
 * steward_secrets_lookup_token:
 * @self: a #StewardSecrets
 * @account: the account whose token to find
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Looks in the Secret Service first, then in the insecure token file.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL without error
 *   when none is stored
 */
char *
steward_secrets_lookup_token (StewardSecrets  *self,
                              StewardAccount  *account,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GError) service_error = NULL;
  g_autoptr(GError) file_error = NULL;
  char *token;

  g_return_val_if_fail (STEWARD_IS_SECRETS (self), NULL);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  token = service_lookup (account, cancellable, &service_error);
  if (token != NULL)
    return token;
  if (g_error_matches (service_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&service_error));
      return NULL;
    }

  token = read_token_file (self, account, &file_error);
  if (token != NULL)
    return token;

  /* Without a Secret Service, "no token" cannot be told for sure. */
  if (service_error != NULL)
    g_propagate_error (error, g_steal_pointer (&service_error));
  else if (file_error != NULL)
    g_propagate_error (error, g_steal_pointer (&file_error));

  return NULL;
}

/**
 * steward_secrets_clear_token:
 * @self: a #StewardSecrets
 * @account: the account whose token to forget
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the token of @account from the Secret Service and the token
 * file. Having nothing to remove, or no Secret Service, is no error.
 *
 * Returns: %TRUE unless a stored token could not be removed
 */
gboolean
steward_secrets_clear_token (StewardSecrets  *self,
                             StewardAccount  *account,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GError) service_error = NULL;

  g_return_val_if_fail (STEWARD_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The file first, so that it goes even when the keyring fails. */
  if (!remove_token_file (self, account, error))
    return FALSE;

  if (!service_clear (account, cancellable, &service_error)
      && !g_error_matches (service_error, STEWARD_ERROR, STEWARD_ERROR_NO_SECRET_SERVICE))
    {
      g_propagate_error (error, g_steal_pointer (&service_error));
      return FALSE;
    }

  return TRUE;
}
