/* steward-account.c — a signed-in account on one network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-account"

#include "steward-account.h"
#include "steward-account-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <steward/steward-enums.h>

struct _StewardAccount
{
  GObject              parent_instance;

  gint64               id;
  char                *network;
  char                *server;
  char                *remote_id;
  char                *username;
  char                *display_name;
  gboolean             is_demo;
  StewardAccountState  state;
  GDateTime           *last_sync;
  guint                max_characters;
};

G_DEFINE_FINAL_TYPE (StewardAccount, steward_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NETWORK,
  PROP_SERVER,
  PROP_REMOTE_ID,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_IS_DEMO,
  PROP_STATE,
  PROP_LAST_SYNC,
  PROP_LABEL,
  PROP_MAX_CHARACTERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_account_finalize (GObject *object)
{
  StewardAccount *self = (StewardAccount *) object;

  g_clear_pointer (&self->network, g_free);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->last_sync, g_date_time_unref);

  G_OBJECT_CLASS (steward_account_parent_class)->finalize (object);
}

static void
steward_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StewardAccount *self = STEWARD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NETWORK:
      g_value_set_string (value, self->network);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_IS_DEMO:
      g_value_set_boolean (value, self->is_demo);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_LABEL:
      g_value_take_string (value, steward_account_dup_label (self));
      break;
    case PROP_MAX_CHARACTERS:
      g_value_set_uint (value, self->max_characters);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_account_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StewardAccount *self = STEWARD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NETWORK:
      self->network = g_value_dup_string (value);
      break;
    case PROP_SERVER:
      self->server = g_value_dup_string (value);
      break;
    case PROP_REMOTE_ID:
      self->remote_id = g_value_dup_string (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    case PROP_DISPLAY_NAME:
      self->display_name = g_value_dup_string (value);
      break;
    case PROP_IS_DEMO:
      self->is_demo = g_value_get_boolean (value);
      break;
    case PROP_STATE:
      steward_account_set_state (self, g_value_get_enum (value));
      break;
    case PROP_LAST_SYNC:
      steward_account_set_last_sync (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_CHARACTERS:
      steward_account_set_max_characters (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_account_class_init (StewardAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = steward_account_finalize;
  object_class->get_property = steward_account_get_property;
  object_class->set_property = steward_account_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_NETWORK] =
    g_param_spec_string ("network", NULL, NULL, NULL, construct);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL, construct);
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL, construct);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL, construct);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, construct);
  properties[PROP_IS_DEMO] =
    g_param_spec_boolean ("is-demo", NULL, NULL, FALSE, construct);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       STEWARD_TYPE_ACCOUNT_STATE, STEWARD_ACCOUNT_STATE_OK,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_CHARACTERS] =
    g_param_spec_uint ("max-characters", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_account_init (StewardAccount *self)
{
}

char *
steward_account_format_label (const char *server,
                              const char *username,
                              gboolean    is_demo)
{
  g_autoptr(GUri) uri = NULL;
  const char *host = NULL;

  if (is_demo)
    return g_strdup (_("Demo"));

  if (username == NULL || *username == '\0')
    username = "?";

  /* An acct with a host already ("user@other.host") is complete. */
  if (strchr (username, '@') != NULL)
    return g_strdup_printf ("@%s", username);

  if (server != NULL)
    {
      uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
      if (uri != NULL)
        host = g_uri_get_host (uri);
      if (host == NULL || *host == '\0')
        host = server;
    }

  if (host == NULL || *host == '\0')
    return g_strdup_printf ("@%s", username);

  return g_strdup_printf ("@%s@%s", username, host);
}

/**
 * steward_account_new:
 * @id: the local id
 * @network: the network's name, e.g. "mastodon"
 * @server: the base URL, or "demo"
 * @remote_id: the account's id on the server
 * @username: its acct
 * @display_name: (nullable): its display name
 * @is_demo: whether it belongs to the demo workspace
 *
 * Returns: (transfer full): a new account object; it does not touch the store
 */
StewardAccount *
steward_account_new (gint64      id,
                     const char *network,
                     const char *server,
                     const char *remote_id,
                     const char *username,
                     const char *display_name,
                     gboolean    is_demo)
{
  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);

  return g_object_new (STEWARD_TYPE_ACCOUNT,
                       "id", id,
                       "network", network,
                       "server", server,
                       "remote-id", remote_id,
                       "username", username,
                       "display-name", display_name,
                       "is-demo", is_demo,
                       NULL);
}

gint64
steward_account_get_id (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), 0);

  return self->id;
}

const char *
steward_account_get_network (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->network;
}

const char *
steward_account_get_server (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->server;
}

const char *
steward_account_get_remote_id (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->remote_id;
}

const char *
steward_account_get_username (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->username;
}

const char *
steward_account_get_display_name (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->display_name;
}

gboolean
steward_account_get_is_demo (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), FALSE);

  return self->is_demo;
}

StewardAccountState
steward_account_get_state (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), STEWARD_ACCOUNT_STATE_OK);

  return self->state;
}

/**
 * steward_account_set_state:
 * @self: an account
 * @state: its new state
 *
 * Updates this object only; the store persists the state with
 * steward_store_set_account_state().
 */
void
steward_account_set_state (StewardAccount      *self,
                           StewardAccountState  state)
{
  g_return_if_fail (STEWARD_IS_ACCOUNT (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/**
 * steward_account_get_last_sync:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): when it last synced completely
 */
GDateTime *
steward_account_get_last_sync (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return self->last_sync;
}

/**
 * steward_account_set_last_sync:
 * @self: an account
 * @last_sync: (nullable): when it last synced
 */
void
steward_account_set_last_sync (StewardAccount *self,
                               GDateTime      *last_sync)
{
  g_return_if_fail (STEWARD_IS_ACCOUNT (self));

  if (self->last_sync == last_sync ||
      (self->last_sync != NULL && last_sync != NULL &&
       g_date_time_equal (self->last_sync, last_sync)))
    return;

  g_clear_pointer (&self->last_sync, g_date_time_unref);
  if (last_sync != NULL)
    self->last_sync = g_date_time_ref (last_sync);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

/**
 * steward_account_dup_label:
 * @self: an account
 *
 * Returns: (transfer full): "@user@host", or "Demo" (translated) for the
 *   demo workspace
 */
char *
steward_account_dup_label (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), NULL);

  return steward_account_format_label (self->server, self->username, self->is_demo);
}

/**
 * steward_account_get_max_characters:
 * @self: an account
 *
 * Returns: the longest post its server accepts, or 0 when not known yet
 */
guint
steward_account_get_max_characters (StewardAccount *self)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (self), 0);

  return self->max_characters;
}

/**
 * steward_account_set_max_characters:
 * @self: an account
 * @max_characters: the server's limit, or 0 when unknown
 *
 * Updates this object only; the store persists the limit with
 * steward_store_set_account_limits().
 */
void
steward_account_set_max_characters (StewardAccount *self,
                                    guint           max_characters)
{
  g_return_if_fail (STEWARD_IS_ACCOUNT (self));

  if (self->max_characters == max_characters)
    return;

  self->max_characters = max_characters;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CHARACTERS]);
}
