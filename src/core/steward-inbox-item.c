/* steward-inbox-item.c — one mention or direct message in the Inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox-item"

#include "steward-inbox-item.h"
#include "steward-inbox-item-private.h"

#include <string.h>

#include <steward/steward-enums.h>

struct _StewardInboxItem
{
  GObject            parent_instance;

  gint64             id;
  gint64             account_id;
  char              *account_label;
  char              *network;
  StewardItemKind    kind;
  StewardItemStatus  status;
  char              *remote_id;
  char              *url;
  char              *author;
  char              *author_name;
  char              *author_avatar_url;
  char              *text;
  char              *markup;
  GDateTime         *created_at;
};

G_DEFINE_FINAL_TYPE (StewardInboxItem, steward_inbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_LABEL,
  PROP_NETWORK,
  PROP_KIND,
  PROP_STATUS,
  PROP_REMOTE_ID,
  PROP_URL,
  PROP_AUTHOR,
  PROP_AUTHOR_NAME,
  PROP_AUTHOR_AVATAR_URL,
  PROP_AUTHOR_INITIALS,
  PROP_TEXT,
  PROP_MARKUP,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static gint n_instances;

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_upper (GString  *str,
              gunichar  c)
{
  g_string_append_unichar (str, g_unichar_toupper (c));
}

/* Mastodon display names carry custom emoji as ":shortcode:"; they are
 * not part of anybody's name. */
static const char *
skip_shortcode (const char *p)
{
  const char *q;

  if (*p != ':')
    return p;
  for (q = p + 1; g_ascii_isalnum (*q) || *q == '_'; q++)
    ;
  if (*q == ':' && q > p + 1)
    return q + 1;
  return p;
}

char *
steward_initials_for_name (const char *display_name,
                           const char *acct)
{
  g_autofree char *from_acct = NULL;
  const char *name = NULL;
  gunichar first = 0;
  gunichar last = 0;
  gboolean in_word = FALSE;
  GString *initials;

  if (display_name != NULL && g_utf8_validate (display_name, -1, NULL))
    name = display_name;

  for (int attempt = 0; attempt < 2 && first == 0; attempt++)
    {
      if (attempt == 1)
        {
          if (acct == NULL || !g_utf8_validate (acct, -1, NULL))
            break;
          /* "@user@host" → "user" */
          from_acct = g_strdup (acct[0] == '@' ? acct + 1 : acct);
          if (strchr (from_acct, '@') != NULL)
            *strchr (from_acct, '@') = '\0';
          name = from_acct;
        }
      if (name == NULL)
        continue;

      in_word = FALSE;
      for (const char *p = name; *p != '\0';)
        {
          const char *after = skip_shortcode (p);
          gunichar c;

          if (after != p)
            {
              p = after;
              in_word = FALSE;
              continue;
            }

          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);

          if (is_cjk (c) && first == 0)
            return g_utf8_substring (g_utf8_prev_char (p), 0, 1);

          if (g_unichar_isalnum (c))
            {
              if (!in_word)
                {
                  if (first == 0)
                    first = c;
                  else
                    last = c;
                }
              in_word = TRUE;
            }
          else if (c != '\'' && c != 0x2019)
            in_word = FALSE;
        }
    }

  if (first == 0)
    return g_strdup ("?");

  initials = g_string_new (NULL);
  append_upper (initials, first);
  if (last != 0 && !is_cjk (last))
    append_upper (initials, last);
  return g_string_free (initials, FALSE);
}

static void
steward_inbox_item_finalize (GObject *object)
{
  StewardInboxItem *self = (StewardInboxItem *) object;

  g_clear_pointer (&self->account_label, g_free);
  g_clear_pointer (&self->network, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->author_avatar_url, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->markup, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  g_atomic_int_add (&n_instances, -1);

  G_OBJECT_CLASS (steward_inbox_item_parent_class)->finalize (object);
}

static void
steward_inbox_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StewardInboxItem *self = STEWARD_INBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;
    case PROP_ACCOUNT_LABEL:
      g_value_set_string (value, self->account_label);
      break;
    case PROP_NETWORK:
      g_value_set_string (value, self->network);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
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
    case PROP_AUTHOR_AVATAR_URL:
      g_value_set_string (value, self->author_avatar_url);
      break;
    case PROP_AUTHOR_INITIALS:
      g_value_take_string (value, steward_inbox_item_dup_author_initials (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StewardInboxItem *self = STEWARD_INBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_get_int64 (value);
      break;
    case PROP_ACCOUNT_LABEL:
      self->account_label = g_value_dup_string (value);
      break;
    case PROP_NETWORK:
      self->network = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_STATUS:
      steward_inbox_item_set_status (self, g_value_get_enum (value));
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
    case PROP_AUTHOR_AVATAR_URL:
      self->author_avatar_url = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      self->text = g_value_dup_string (value);
      break;
    case PROP_MARKUP:
      self->markup = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_item_class_init (StewardInboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Set once by the store; steward_inbox_item_update_from() may refresh
   * them later, which is why they notify explicitly. */
  GParamFlags construct = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = steward_inbox_item_finalize;
  object_class->get_property = steward_inbox_item_get_property;
  object_class->set_property = steward_inbox_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_ACCOUNT_LABEL] =
    g_param_spec_string ("account-label", NULL, NULL, NULL, construct);
  properties[PROP_NETWORK] =
    g_param_spec_string ("network", NULL, NULL, NULL, construct);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       STEWARD_TYPE_ITEM_KIND, STEWARD_ITEM_KIND_MENTION, construct);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       STEWARD_TYPE_ITEM_STATUS, STEWARD_ITEM_STATUS_NEW,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL, construct);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, construct);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, construct);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL, NULL, construct);
  properties[PROP_AUTHOR_AVATAR_URL] =
    g_param_spec_string ("author-avatar-url", NULL, NULL, NULL, construct);
  properties[PROP_AUTHOR_INITIALS] =
    g_param_spec_string ("author-initials", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, construct);
  properties[PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL, construct);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, construct);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_inbox_item_init (StewardInboxItem *self)
{
  g_atomic_int_inc (&n_instances);
}

static void
update_string (StewardInboxItem  *self,
               char             **field,
               const char        *value,
               guint              prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
steward_inbox_item_update_from (StewardInboxItem *self,
                                StewardInboxItem *other)
{
  g_autofree char *old_initials = NULL;
  g_autofree char *new_initials = NULL;

  g_return_if_fail (STEWARD_IS_INBOX_ITEM (self));
  g_return_if_fail (STEWARD_IS_INBOX_ITEM (other));
  g_return_if_fail (self->id == other->id);

  g_object_freeze_notify (G_OBJECT (self));

  old_initials = steward_inbox_item_dup_author_initials (self);

  steward_inbox_item_set_status (self, other->status);
  update_string (self, &self->account_label, other->account_label, PROP_ACCOUNT_LABEL);
  update_string (self, &self->url, other->url, PROP_URL);
  update_string (self, &self->author, other->author, PROP_AUTHOR);
  update_string (self, &self->author_name, other->author_name, PROP_AUTHOR_NAME);
  update_string (self, &self->author_avatar_url, other->author_avatar_url, PROP_AUTHOR_AVATAR_URL);
  update_string (self, &self->text, other->text, PROP_TEXT);
  update_string (self, &self->markup, other->markup, PROP_MARKUP);

  if (other->created_at != NULL &&
      (self->created_at == NULL || !g_date_time_equal (self->created_at, other->created_at)))
    {
      g_clear_pointer (&self->created_at, g_date_time_unref);
      self->created_at = g_date_time_ref (other->created_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }

  new_initials = steward_inbox_item_dup_author_initials (self);
  if (g_strcmp0 (old_initials, new_initials) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_INITIALS]);

  g_object_thaw_notify (G_OBJECT (self));
}

guint
steward_inbox_item_get_n_instances (void)
{
  return (guint) g_atomic_int_get (&n_instances);
}

gint64
steward_inbox_item_get_id (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), 0);

  return self->id;
}

gint64
steward_inbox_item_get_account_id (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), 0);

  return self->account_id;
}

const char *
steward_inbox_item_get_account_label (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->account_label;
}

const char *
steward_inbox_item_get_network (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->network;
}

StewardItemKind
steward_inbox_item_get_kind (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), STEWARD_ITEM_KIND_MENTION);

  return self->kind;
}

StewardItemStatus
steward_inbox_item_get_status (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), STEWARD_ITEM_STATUS_NEW);

  return self->status;
}

/**
 * steward_inbox_item_set_status:
 * @self: an item
 * @status: its status
 *
 * Changes this object only; steward_store_set_item_status() persists it.
 */
void
steward_inbox_item_set_status (StewardInboxItem  *self,
                               StewardItemStatus  status)
{
  g_return_if_fail (STEWARD_IS_INBOX_ITEM (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
steward_inbox_item_get_remote_id (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->remote_id;
}

const char *
steward_inbox_item_get_url (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->url;
}

const char *
steward_inbox_item_get_author (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->author;
}

const char *
steward_inbox_item_get_author_name (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->author_name;
}

const char *
steward_inbox_item_get_author_avatar_url (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->author_avatar_url;
}

/**
 * steward_inbox_item_dup_author_initials:
 * @self: an item
 *
 * Returns: (transfer full): one or two characters for an avatar
 */
char *
steward_inbox_item_dup_author_initials (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return steward_initials_for_name (self->author_name, self->author);
}

const char *
steward_inbox_item_get_text (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->text;
}

const char *
steward_inbox_item_get_markup (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->markup;
}

/**
 * steward_inbox_item_get_created_at:
 * @self: an item
 *
 * Returns: (transfer none): when the item's post was written, in UTC
 */
GDateTime *
steward_inbox_item_get_created_at (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->created_at;
}
