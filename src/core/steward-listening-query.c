/* steward-listening-query.c — a saved listening query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-listening"

#include "steward-listening.h"

struct _StewardListeningQuery
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  char      *query;
  char      *colour;
  guint      n_new;
  GDateTime *created_at;
  GDateTime *last_seen_at;
};

G_DEFINE_FINAL_TYPE (StewardListeningQuery, steward_listening_query, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_QUERY,
  PROP_COLOUR,
  PROP_N_NEW,
  PROP_CREATED_AT,
  PROP_LAST_SEEN_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_listening_query_finalize (GObject *object)
{
  StewardListeningQuery *self = (StewardListeningQuery *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_seen_at, g_date_time_unref);

  G_OBJECT_CLASS (steward_listening_query_parent_class)->finalize (object);
}

static void
steward_listening_query_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  StewardListeningQuery *self = STEWARD_LISTENING_QUERY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case PROP_N_NEW:
      g_value_set_uint (value, self->n_new);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_LAST_SEEN_AT:
      g_value_set_boxed (value, self->last_seen_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_listening_query_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  StewardListeningQuery *self = STEWARD_LISTENING_QUERY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_QUERY:
      self->query = g_value_dup_string (value);
      break;
    case PROP_COLOUR:
      self->colour = g_value_dup_string (value);
      break;
    case PROP_N_NEW:
      self->n_new = g_value_get_uint (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    case PROP_LAST_SEEN_AT:
      self->last_seen_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_listening_query_class_init (StewardListeningQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Read-only to everyone but the store, which builds them with
   * g_object_new(); a changed query is a new object. */
  GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = steward_listening_query_finalize;
  object_class->get_property = steward_listening_query_get_property;
  object_class->set_property = steward_listening_query_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL, flags);
  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL, flags);
  properties[PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_SEEN_AT] =
    g_param_spec_boxed ("last-seen-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_listening_query_init (StewardListeningQuery *self)
{
}

gint64
steward_listening_query_get_id (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), 0);

  return self->id;
}

const char *
steward_listening_query_get_name (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), NULL);

  return self->name;
}

const char *
steward_listening_query_get_query (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), NULL);

  return self->query;
}

const char *
steward_listening_query_get_colour (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), NULL);

  return self->colour;
}

/**
 * steward_listening_query_get_n_new:
 * @self: a query
 *
 * Returns: how many posts it matched that the user has not seen, when the
 *   object was read from the store
 */
guint
steward_listening_query_get_n_new (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), 0);

  return self->n_new;
}

/**
 * steward_listening_query_get_created_at:
 * @self: a query
 *
 * Returns: (transfer none): when it was saved
 */
GDateTime *
steward_listening_query_get_created_at (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), NULL);

  return self->created_at;
}

/**
 * steward_listening_query_get_last_seen_at:
 * @self: a query
 *
 * Returns: (transfer none) (nullable): when its results were last marked
 *   seen
 */
GDateTime *
steward_listening_query_get_last_seen_at (StewardListeningQuery *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_QUERY (self), NULL);

  return self->last_seen_at;
}
