/* steward-context.c — one workspace: its folder, store, secrets and sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-context"

#include "steward-context.h"
#include "steward-context-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "steward-account.h"
#include "steward-error.h"
#include "steward-store.h"
#include "steward-sync-engine.h"

/* A registered network. Reference counted so that a snapshot taken for a
 * worker keeps it alive after the context is gone. */
typedef struct {
  gatomicrefcount       ref_count;
  StewardSourceFactory  factory;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Network;

struct _StewardSourceSnapshot
{
  GHashTable     *networks; /* name → Network */
  StewardSecrets *secrets;
};

struct _StewardContext
{
  GObject            parent_instance;

  char              *data_dir;
  StewardStore      *store;
  StewardSecrets    *secrets;
  StewardSyncEngine *sync_engine;
  GThread           *owner;

  GMutex             lock;
  GHashTable        *networks; /* name → Network, guarded by @lock */
};

typedef struct {
  char *network;
  char *server;
  char *token;
} AddAccountData;

G_DEFINE_FINAL_TYPE (StewardContext, steward_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_STORE,
  PROP_SECRETS,
  PROP_SYNC_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Network *
network_ref (Network *network)
{
  g_atomic_ref_count_inc (&network->ref_count);
  return network;
}

static void
network_unref (Network *network)
{
  if (!g_atomic_ref_count_dec (&network->ref_count))
    return;
  if (network->destroy != NULL)
    network->destroy (network->user_data);
  g_free (network);
}

static void
add_account_data_free (AddAccountData *data)
{
  g_free (data->network);
  g_free (data->server);
  if (data->token != NULL)
    memset (data->token, 0, strlen (data->token));
  g_free (data->token);
  g_free (data);
}

/* The main thread uses the context's store; other threads get their own
 * connection, as a StewardStore serves one thread at a time. */
static StewardStore *
open_store_for_thread (StewardContext  *self,
                       GError         **error)
{
  g_autofree char *path = NULL;

  if (g_thread_self () == self->owner)
    return g_object_ref (self->store);

  path = steward_context_dup_database_path (self);
  return steward_store_open (path, error);
}

/* "mastodon.social/" → "https://mastodon.social"; the demo server stays "demo". */
static char *
normalize_server (const char  *server,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (server));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  gsize len;

  if (g_str_equal (trimmed, "demo"))
    return g_steal_pointer (&trimmed);

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_steal_pointer (&trimmed);

  len = strlen (with_scheme);
  while (len > 0 && with_scheme[len - 1] == '/')
    with_scheme[--len] = '\0';

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address; try something like "
                     "https://mastodon.social"),
                   server);
      return NULL;
    }

  return g_steal_pointer (&with_scheme);
}

static StewardAccount *
find_account (StewardStore  *store,
              const char    *network,
              const char    *server,
              const char    *remote_id,
              GError       **error)
{
  g_autoptr(GPtrArray) accounts = steward_store_list_accounts (store, error);

  if (accounts == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);

      if (g_strcmp0 (steward_account_get_network (account), network) == 0
          && g_strcmp0 (steward_account_get_server (account), server) == 0
          && g_strcmp0 (steward_account_get_remote_id (account), remote_id) == 0)
        return g_object_ref (account);
    }

  return NULL;
}

static void
add_account_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  StewardContext *self = source_object;
  AddAccountData *data = task_data;
  g_autoptr(GError) error = NULL;
  StewardAccount *account;

  account = steward_context_add_account (self, data->network, data->server, data->token,
                                         FALSE, cancellable, &error);
  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account, g_object_unref);
}

static void
steward_context_dispose (GObject *object)
{
  StewardContext *self = STEWARD_CONTEXT (object);

  /* A sync holds the engine until its worker ends: stop it now. */
  if (self->sync_engine != NULL)
    steward_sync_engine_cancel (self->sync_engine);
  g_clear_object (&self->sync_engine);

  G_OBJECT_CLASS (steward_context_parent_class)->dispose (object);
}

static void
steward_context_finalize (GObject *object)
{
  StewardContext *self = STEWARD_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->networks, g_hash_table_unref);
  g_clear_pointer (&self->data_dir, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (steward_context_parent_class)->finalize (object);
}

static void
steward_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StewardContext *self = STEWARD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SECRETS:
      g_value_set_object (value, self->secrets);
      break;
    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->sync_engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_context_class_init (StewardContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_context_dispose;
  object_class->finalize = steward_context_finalize;
  object_class->get_property = steward_context_get_property;

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, STEWARD_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRETS] =
    g_param_spec_object ("secrets", NULL, NULL, STEWARD_TYPE_SECRETS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL, STEWARD_TYPE_SYNC_ENGINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_context_init (StewardContext *self)
{
  g_mutex_init (&self->lock);
  self->networks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) network_unref);
  self->owner = g_thread_self ();
}

/**
 * steward_context_default_data_dir:
 *
 * Returns: (transfer full): $STEWARD_DATA_DIR if set, else
 *   $XDG_DATA_HOME/steward
 */
char *
steward_context_default_data_dir (void)
{
  const char *env = g_getenv ("STEWARD_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "steward", NULL);
}

/**
 * steward_context_new:
 * @data_dir: (nullable): the workspace folder, or %NULL for the default
 * @error: return location for an error
 *
 * Creates the folder (private to the user) if needed and opens, migrating,
 * the database in it.
 *
 * Returns: (transfer full): the context, or %NULL with @error set
 */
StewardContext *
steward_context_new (const char  *data_dir,
                     GError     **error)
{
  g_autoptr(StewardContext) self = NULL;
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (STEWARD_TYPE_CONTEXT, NULL);

  if (data_dir != NULL && *data_dir != '\0')
    self->data_dir = g_strdup (data_dir);
  else
    self->data_dir = steward_context_default_data_dir ();

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, STEWARD_ERROR,
                   saved_errno == ENOSPC ? STEWARD_ERROR_DISK_FULL : STEWARD_ERROR_FAILED,
                   _("Could not create the folder %s: %s"),
                   self->data_dir, g_strerror (saved_errno));
      return NULL;
    }

  db_path = steward_context_dup_database_path (self);
  self->store = steward_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;

  self->secrets = steward_secrets_new (self->data_dir);
  self->sync_engine = steward_sync_engine_new (self);

  return g_steal_pointer (&self);
}

/**
 * steward_context_get_data_dir:
 * @self: a #StewardContext
 *
 * Returns: the workspace folder
 */
const char *
steward_context_get_data_dir (StewardContext *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  return self->data_dir;
}

/**
 * steward_context_dup_database_path:
 * @self: a #StewardContext
 *
 * Returns: (transfer full): the path of steward.db
 */
char *
steward_context_dup_database_path (StewardContext *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  return g_build_filename (self->data_dir, "steward.db", NULL);
}

/**
 * steward_context_get_store:
 * @self: a #StewardContext
 *
 * Returns: (transfer none): the main thread's store
 */
StewardStore *
steward_context_get_store (StewardContext *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * steward_context_get_secrets:
 * @self: a #StewardContext
 *
 * Returns: (transfer none): where tokens are kept
 */
StewardSecrets *
steward_context_get_secrets (StewardContext *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  return self->secrets;
}

/**
 * steward_context_get_sync_engine:
 * @self: a #StewardContext
 *
 * Returns: (transfer none): the sync engine
 */
StewardSyncEngine *
steward_context_get_sync_engine (StewardContext *self)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  return self->sync_engine;
}

/**
 * steward_context_register_network:
 * @self: a #StewardContext
 * @network: the network's name, as accounts store it ("mastodon"), or
 *   "demo" for demo accounts
 * @factory: builds a source for an account
 * @user_data: passed to @factory
 * @destroy: (nullable): frees @user_data once nothing uses it
 *
 * Registers (or replaces) the factory of a network.
 */
void
steward_context_register_network (StewardContext       *self,
                                  const char           *network,
                                  StewardSourceFactory  factory,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  Network *entry;

  g_return_if_fail (STEWARD_IS_CONTEXT (self));
  g_return_if_fail (network != NULL);
  g_return_if_fail (factory != NULL);

  entry = g_new0 (Network, 1);
  g_atomic_ref_count_init (&entry->ref_count);
  entry->factory = factory;
  entry->user_data = user_data;
  entry->destroy = destroy;

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->networks, g_strdup (network), entry);
  g_mutex_unlock (&self->lock);
}

/**
 * steward_context_has_network:
 * @self: a #StewardContext
 * @network: a network name
 *
 * Returns: whether a factory is registered for @network
 */
gboolean
steward_context_has_network (StewardContext *self,
                             const char     *network)
{
  gboolean found;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (network != NULL, FALSE);

  g_mutex_lock (&self->lock);
  found = g_hash_table_contains (self->networks, network);
  g_mutex_unlock (&self->lock);

  return found;
}

/**
 * steward_context_snapshot_sources: (skip)
 * @self: a #StewardContext
 *
 * Returns: (transfer full): what a worker needs to build sources
 */
StewardSourceSnapshot *
steward_context_snapshot_sources (StewardContext *self)
{
  StewardSourceSnapshot *snapshot;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);

  snapshot = g_new0 (StewardSourceSnapshot, 1);
  snapshot->secrets = g_object_ref (self->secrets);
  snapshot->networks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) network_unref);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->networks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (snapshot->networks, g_strdup (key), network_ref (value));
  g_mutex_unlock (&self->lock);

  return snapshot;
}

/**
 * steward_source_snapshot_free: (skip)
 * @snapshot: (nullable): a snapshot
 */
void
steward_source_snapshot_free (StewardSourceSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_clear_pointer (&snapshot->networks, g_hash_table_unref);
  g_clear_object (&snapshot->secrets);
  g_free (snapshot);
}

/* Builds a source with @token, or with the stored token when
 * @lookup_token is set. */
static StewardSource *
create_source (GHashTable      *networks,
               StewardSecrets  *secrets,
               StewardAccount  *account,
               gboolean         lookup_token,
               const char      *token,
               GCancellable    *cancellable,
               GError         **error)
{
  gboolean is_demo = steward_account_get_is_demo (account);
  const char *name = is_demo ? "demo" : steward_account_get_network (account);
  g_autofree char *stored_token = NULL;
  Network *network;

  network = g_hash_table_lookup (networks, name);
  if (network == NULL)
    {
      if (is_demo)
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_UNSUPPORTED,
                     _("This build of Steward has no demo workspace"));
      else
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_UNSUPPORTED,
                     _("Steward does not know the network “%s”"), name);
      return NULL;
    }

  /* Demo accounts talk to the bundled server, which needs no token. */
  if (lookup_token && !is_demo)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *label = steward_account_dup_label (account);

      stored_token = steward_secrets_lookup_token (secrets, account, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (stored_token == NULL)
        {
          g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED,
                       _("No access token is stored for %s; sign in again"), label);
          return NULL;
        }
      token = stored_token;
    }

  return network->factory (account, token, network->user_data, error);
}

/**
 * steward_source_snapshot_create: (skip)
 * @snapshot: a snapshot
 * @account: the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * As steward_context_create_source(), from any thread.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
StewardSource *
steward_source_snapshot_create (StewardSourceSnapshot  *snapshot,
                                StewardAccount         *account,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), NULL);

  return create_source (snapshot->networks, snapshot->secrets, account, TRUE, NULL,
                        cancellable, error);
}

/**
 * steward_context_create_source:
 * @self: a #StewardContext
 * @account: the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Builds the source of @account with its stored token. Blocks.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
StewardSource *
steward_context_create_source (StewardContext  *self,
                               StewardAccount  *account,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(StewardSourceSnapshot) snapshot = NULL;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  snapshot = steward_context_snapshot_sources (self);
  return steward_source_snapshot_create (snapshot, account, cancellable, error);
}

/**
 * steward_context_add_account:
 * @self: a #StewardContext
 * @network: the network, e.g. "mastodon"
 * @server: the server's address; "mastodon.social" is understood as
 *   https://mastodon.social. "demo" adds the demo workspace
 * @token: (nullable): the access token
 * @insecure_token_file: allow a 0600 file when no Secret Service answers
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Verifies the token with the server, stores the account (or updates the
 * one that exists, signing it in again) and its token. Blocks.
 *
 * Returns: (transfer full): the account, or %NULL with @error set
 */
StewardAccount *
steward_context_add_account (StewardContext  *self,
                             const char      *network,
                             const char      *server,
                             const char      *token,
                             gboolean         insecure_token_file,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(StewardSourceSnapshot) snapshot = NULL;
  g_autoptr(StewardAccount) probe = NULL;
  g_autoptr(StewardSource) source = NULL;
  g_autoptr(StewardRemoteAuthor) me = NULL;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardAccount) existing = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  gboolean is_demo;
  gint64 id;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  normalized = normalize_server (server, error);
  if (normalized == NULL)
    return NULL;
  is_demo = g_str_equal (normalized, "demo");

  snapshot = steward_context_snapshot_sources (self);
  /* Not stored yet: no local id, and no remote id until the server says. */
  probe = steward_account_new (0, network, normalized, "", NULL, NULL, is_demo);
  source = create_source (snapshot->networks, snapshot->secrets, probe, FALSE, token,
                          cancellable, error);
  if (source == NULL)
    return NULL;

  me = steward_source_verify_credentials (source, cancellable, &local_error);
  if (me == NULL)
    {
      if (g_error_matches (local_error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED))
        g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED,
                     _("The server %s rejected the token. Check that it was copied whole "
                       "and has not been revoked."),
                     normalized);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (me->remote_id == NULL || me->acct == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server %s did not say whose token this is"), normalized);
      return NULL;
    }

  store = open_store_for_thread (self, error);
  if (store == NULL)
    return NULL;

  existing = find_account (store, network, normalized, me->remote_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  id = steward_store_add_account (store, network, normalized, me->remote_id, me->acct,
                                  me->display_name, is_demo, error);
  if (id <= 0)
    return NULL;

  account = steward_store_get_account (store, id, error);
  if (account == NULL)
    return NULL;

  if (token != NULL && !is_demo
      && !steward_secrets_store_token (self->secrets, account, token, insecure_token_file,
                                       cancellable, &local_error))
    {
      /* An account without its token could not sync: take back what was
       * added, but never an account (and its data) that was there before. */
      if (existing == NULL)
        steward_store_remove_account (store, id, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (steward_account_get_state (account) != STEWARD_ACCOUNT_STATE_OK)
    {
      if (!steward_store_set_account_state (store, id, STEWARD_ACCOUNT_STATE_OK, error))
        return NULL;
      g_clear_object (&account);
      account = steward_store_get_account (store, id, error);
      if (account == NULL)
        return NULL;
    }

  if (store != self->store)
    steward_store_notify_changed (self->store, "accounts");

  return g_steal_pointer (&account);
}

/**
 * steward_context_add_account_async:
 * @self: a #StewardContext
 * @network: the network, e.g. "mastodon"
 * @server: the server's address
 * @token: (nullable): the access token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs steward_context_add_account() in a worker thread.
 */
void
steward_context_add_account_async (StewardContext      *self,
                                   const char          *network,
                                   const char          *server,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddAccountData *data;

  g_return_if_fail (STEWARD_IS_CONTEXT (self));
  g_return_if_fail (network != NULL);
  g_return_if_fail (server != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AddAccountData, 1);
  data->network = g_strdup (network);
  data->server = g_strdup (server);
  data->token = g_strdup (token);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_context_add_account_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_account_data_free);
  g_task_run_in_thread (task, add_account_thread);
}

/**
 * steward_context_add_account_finish:
 * @self: a #StewardContext
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the account, or %NULL with @error set
 */
StewardAccount *
steward_context_add_account_finish (StewardContext  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == steward_context_add_account_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * steward_context_remove_account:
 * @self: a #StewardContext
 * @account_id: the account's local id
 * @error: return location for an error
 *
 * Deletes the account, its cached data and its token. Blocks.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_context_remove_account (StewardContext  *self,
                                gint64           account_id,
                                GError         **error)
{
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardAccount) account = NULL;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = open_store_for_thread (self, error);
  if (store == NULL)
    return FALSE;

  account = steward_store_get_account (store, account_id, error);
  if (account == NULL)
    return FALSE;

  if (!steward_account_get_is_demo (account))
    {
      g_autoptr(GError) local_error = NULL;

      /* The account goes whatever happens to its token: a Secret Service
       * that does not answer cannot hold it hostage. */
      if (!steward_secrets_clear_token (self->secrets, account, NULL, &local_error))
        g_warning ("Could not delete the token of account %" G_GINT64_FORMAT ": %s",
                   account_id, local_error->message);
    }

  if (!steward_store_remove_account (store, account_id, error))
    return FALSE;

  steward_store_notify_changed (self->store, "accounts");
  steward_store_notify_changed (self->store, "inbox");

  return TRUE;
}
