/* steward-post.c — a cached post, as search and threads return it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-post"

#include "steward-post.h"

struct _StewardPost
{
  GObject    parent_instance;

  gint64     id;
  gint64     account_id;
  char      *network;
  char      *remote_id;
  char      *url;
  char      *author;
  char      *author_name;
  char      *text;
  char      *markup;
  char      *language;
  GDateTime *created_at;
  char      *highlight_markup;
  gint64     author_followers;
  gboolean   is_new;
};

G_DEFINE_FINAL_TYPE (StewardPost, steward_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_NETWORK,
  PROP_REMOTE_ID,
  PROP_URL,
  PROP_AUTHOR,
  PROP_AUTHOR_NAME,
  PROP_TEXT,
  PROP_MARKUP,
  PROP_LANGUAGE,
  PROP_CREATED_AT,
  PROP_HIGHLIGHT_MARKUP,
  PROP_AUTHOR_FOLLOWERS,
  PROP_IS_NEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
steward_post_finalize (GObject *object)
{
  StewardPost *self = (StewardPost *) object;

  g_clear_pointer (&self->network, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->markup, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->highlight_markup, g_free);

  G_OBJECT_CLASS (steward_post_parent_class)->finalize (object);
}

static void
steward_post_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StewardPost *self = STEWARD_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;
    case PROP_NETWORK:
      g_value_set_string (value, self->network);
      break;
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_HIGHLIGHT_MARKUP:
      g_value_set_string (value, self->highlight_markup);
      break;
    case PROP_AUTHOR_FOLLOWERS:
      g_value_set_int64 (value, self->author_followers);
      break;
    case PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_post_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StewardPost *self = STEWARD_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_get_int64 (value);
      break;
    case PROP_NETWORK:
      self->network = g_value_dup_string (value);
      break;
    case PROP_REMOTE_ID:
      self->remote_id = g_value_dup_string (value);
      break;
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;
    case PROP_AUTHOR:
      self->author = g_value_dup_string (value);
      break;
    case PROP_AUTHOR_NAME:
      self->author_name = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_MARKUP:
      self->markup = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE:
      self->language = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    case PROP_HIGHLIGHT_MARKUP:
      self->highlight_markup = g_value_dup_string (value);
      break;
    case PROP_AUTHOR_FOLLOWERS:
      self->author_followers = g_value_get_int64 (value);
      break;
    case PROP_IS_NEW:
      self->is_new = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_post_class_init (StewardPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Read-only to everyone but the store, which builds posts with
   * g_object_new(). */
  GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = steward_post_finalize;
  object_class->get_property = steward_post_get_property;
  object_class->set_property = steward_post_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NETWORK] =
    g_param_spec_string ("network", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_HIGHLIGHT_MARKUP] =
    g_param_spec_string ("highlight-markup", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR_FOLLOWERS] =
    g_param_spec_int64 ("author-followers", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_post_init (StewardPost *self)
{
  self->author_followers = -1;
}

gint64
steward_post_get_id (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), 0);

  return self->id;
}

gint64
steward_post_get_account_id (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), 0);

  return self->account_id;
}

const char *
steward_post_get_network (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->network;
}

const char *
steward_post_get_remote_id (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->remote_id;
}

const char *
steward_post_get_url (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->url;
}

const char *
steward_post_get_author (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->author;
}

const char *
steward_post_get_author_name (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->author_name;
}

const char *
steward_post_get_text (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->text;
}

const char *
steward_post_get_markup (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->markup;
}

const char *
steward_post_get_language (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->language;
}

/**
 * steward_post_get_created_at:
 * @self: a post
 *
 * Returns: (transfer none): when it was posted, in UTC
 */
GDateTime *
steward_post_get_created_at (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->created_at;
}

/**
 * steward_post_get_highlight_markup:
 * @self: a post
 *
 * For a search or listening result: the plain text as safe Pango markup
 * with the words that matched the query in `<b>`. Posts found without
 * words (filters only) have the escaped text without any `<b>`.
 *
 * Returns: (nullable): the markup, or %NULL when the post is not a result
 */
const char *
steward_post_get_highlight_markup (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), NULL);

  return self->highlight_markup;
}

/**
 * steward_post_get_author_followers:
 * @self: a post
 *
 * Returns: the author's follower count (their reach), or -1 when unknown
 */
gint64
steward_post_get_author_followers (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), -1);

  return self->author_followers;
}

/**
 * steward_post_get_is_new:
 * @self: a post
 *
 * Returns: for a listening result, whether the query found it after it was
 *   saved and the user has not seen it yet
 */
gboolean
steward_post_get_is_new (StewardPost *self)
{
  g_return_val_if_fail (STEWARD_IS_POST (self), FALSE);

  return self->is_new;
}
