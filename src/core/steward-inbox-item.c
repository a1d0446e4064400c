/* steward-inbox-item.c — one mention or direct message in the Inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox-item"

#include "steward-inbox-item.h"
#include "steward-inbox-item-private.h"

#include <string.h>

#include <steward/steward-enums.h>

#include "steward-sentiment.h"
#include "steward-sla.h"

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

  /* Triage: mirrors of the store's columns. */
  char              *assignee;
  GStrv              tags;
  GDateTime         *snoozed_until;
  gboolean           needs_reply;
  gboolean           classified;
  double             sentiment_score;
  gboolean           urgent;
  GStrv              urgent_rules;
  GDateTime         *sla_due_at;
  GDateTime         *first_response_at;
  guint              n_notes;
  char              *author_url;
  gint64             author_followers;
  gint64             post_id;
  char              *in_reply_to;
  char              *visibility;
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
  PROP_ASSIGNEE,
  PROP_TAGS,
  PROP_SNOOZED_UNTIL,
  PROP_NEEDS_REPLY,
  PROP_CLASSIFIED,
  PROP_SENTIMENT_SCORE,
  PROP_SENTIMENT_LABEL,
  PROP_URGENT,
  PROP_URGENT_RULES,
  PROP_SLA_DUE_AT,
  PROP_FIRST_RESPONSE_AT,
  PROP_N_NOTES,
  PROP_AUTHOR_URL,
  PROP_AUTHOR_FOLLOWERS,
  PROP_POST_ID,
  PROP_IN_REPLY_TO,
  PROP_VISIBILITY,
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

static GStrv
strv_or_empty (const char * const *strv)
{
  return strv != NULL ? g_strdupv ((char **) strv) : g_new0 (char *, 1);
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
  g_clear_pointer (&self->assignee, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->snoozed_until, g_date_time_unref);
  g_clear_pointer (&self->urgent_rules, g_strfreev);
  g_clear_pointer (&self->sla_due_at, g_date_time_unref);
  g_clear_pointer (&self->first_response_at, g_date_time_unref);
  g_clear_pointer (&self->author_url, g_free);
  g_clear_pointer (&self->in_reply_to, g_free);
  g_clear_pointer (&self->visibility, g_free);

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
    case PROP_ASSIGNEE:
      g_value_set_string (value, self->assignee);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_SNOOZED_UNTIL:
      g_value_set_boxed (value, self->snoozed_until);
      break;
    case PROP_NEEDS_REPLY:
      g_value_set_boolean (value, self->needs_reply);
      break;
    case PROP_CLASSIFIED:
      g_value_set_boolean (value, self->classified);
      break;
    case PROP_SENTIMENT_SCORE:
      g_value_set_double (value, self->sentiment_score);
      break;
    case PROP_SENTIMENT_LABEL:
      g_value_set_int (value, steward_inbox_item_get_sentiment_label (self));
      break;
    case PROP_URGENT:
      g_value_set_boolean (value, self->urgent);
      break;
    case PROP_URGENT_RULES:
      g_value_set_boxed (value, self->urgent_rules);
      break;
    case PROP_SLA_DUE_AT:
      g_value_set_boxed (value, self->sla_due_at);
      break;
    case PROP_FIRST_RESPONSE_AT:
      g_value_set_boxed (value, self->first_response_at);
      break;
    case PROP_N_NOTES:
      g_value_set_uint (value, self->n_notes);
      break;
    case PROP_AUTHOR_URL:
      g_value_set_string (value, self->author_url);
      break;
    case PROP_AUTHOR_FOLLOWERS:
      g_value_set_int64 (value, self->author_followers);
      break;
    case PROP_POST_ID:
      g_value_set_int64 (value, self->post_id);
      break;
    case PROP_IN_REPLY_TO:
      g_value_set_string (value, self->in_reply_to);
      break;
    case PROP_VISIBILITY:
      g_value_set_string (value, self->visibility);
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
    case PROP_ASSIGNEE:
      self->assignee = g_value_dup_string (value);
      break;
    case PROP_TAGS:
      g_strfreev (self->tags);
      self->tags = strv_or_empty (g_value_get_boxed (value));
      break;
    case PROP_SNOOZED_UNTIL:
      self->snoozed_until = g_value_dup_boxed (value);
      break;
    case PROP_NEEDS_REPLY:
      self->needs_reply = g_value_get_boolean (value);
      break;
    case PROP_CLASSIFIED:
      self->classified = g_value_get_boolean (value);
      break;
    case PROP_SENTIMENT_SCORE:
      self->sentiment_score = g_value_get_double (value);
      break;
    case PROP_URGENT:
      self->urgent = g_value_get_boolean (value);
      break;
    case PROP_URGENT_RULES:
      g_strfreev (self->urgent_rules);
      self->urgent_rules = strv_or_empty (g_value_get_boxed (value));
      break;
    case PROP_SLA_DUE_AT:
      self->sla_due_at = g_value_dup_boxed (value);
      break;
    case PROP_FIRST_RESPONSE_AT:
      self->first_response_at = g_value_dup_boxed (value);
      break;
    case PROP_N_NOTES:
      self->n_notes = g_value_get_uint (value);
      break;
    case PROP_AUTHOR_URL:
      self->author_url = g_value_dup_string (value);
      break;
    case PROP_AUTHOR_FOLLOWERS:
      self->author_followers = g_value_get_int64 (value);
      break;
    case PROP_POST_ID:
      self->post_id = g_value_get_int64 (value);
      break;
    case PROP_IN_REPLY_TO:
      self->in_reply_to = g_value_dup_string (value);
      break;
    case PROP_VISIBILITY:
      self->visibility = g_value_dup_string (value);
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

  properties[PROP_ASSIGNEE] =
    g_param_spec_string ("assignee", NULL, NULL, NULL, construct);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, construct);
  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_boxed ("snoozed-until", NULL, NULL, G_TYPE_DATE_TIME, construct);
  properties[PROP_NEEDS_REPLY] =
    g_param_spec_boolean ("needs-reply", NULL, NULL, TRUE, construct);
  properties[PROP_CLASSIFIED] =
    g_param_spec_boolean ("classified", NULL, NULL, FALSE, construct);
  properties[PROP_SENTIMENT_SCORE] =
    g_param_spec_double ("sentiment-score", NULL, NULL, -1.0, 1.0, 0.0, construct);
  /* Follows from the score, like everywhere else sentiment is shown. */
  properties[PROP_SENTIMENT_LABEL] =
    g_param_spec_int ("sentiment-label", NULL, NULL,
                      STEWARD_SENTIMENT_LABEL_NEUTRAL, STEWARD_SENTIMENT_LABEL_NEGATIVE,
                      STEWARD_SENTIMENT_LABEL_NEUTRAL,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URGENT] =
    g_param_spec_boolean ("urgent", NULL, NULL, FALSE, construct);
  properties[PROP_URGENT_RULES] =
    g_param_spec_boxed ("urgent-rules", NULL, NULL, G_TYPE_STRV, construct);
  properties[PROP_SLA_DUE_AT] =
    g_param_spec_boxed ("sla-due-at", NULL, NULL, G_TYPE_DATE_TIME, construct);
  properties[PROP_FIRST_RESPONSE_AT] =
    g_param_spec_boxed ("first-response-at", NULL, NULL, G_TYPE_DATE_TIME, construct);
  properties[PROP_N_NOTES] =
    g_param_spec_uint ("n-notes", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_AUTHOR_URL] =
    g_param_spec_string ("author-url", NULL, NULL, NULL, construct);
  properties[PROP_AUTHOR_FOLLOWERS] =
    g_param_spec_int64 ("author-followers", NULL, NULL, -1, G_MAXINT64, -1, construct);
  properties[PROP_POST_ID] =
    g_param_spec_int64 ("post-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_IN_REPLY_TO] =
    g_param_spec_string ("in-reply-to", NULL, NULL, NULL, construct);
  properties[PROP_VISIBILITY] =
    g_param_spec_string ("visibility", NULL, NULL, NULL, construct);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_inbox_item_init (StewardInboxItem *self)
{
  g_atomic_int_inc (&n_instances);

  self->tags = g_new0 (char *, 1);
  self->urgent_rules = g_new0 (char *, 1);
  self->needs_reply = TRUE;
  self->author_followers = -1;
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

static void
update_date (StewardInboxItem  *self,
             GDateTime        **field,
             GDateTime         *value,
             guint              prop_id)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_strv (StewardInboxItem  *self,
             GStrv             *field,
             GStrv              value,
             guint              prop_id)
{
  if (g_strv_equal ((const char * const *) *field, (const char * const *) value))
    return;

  g_strfreev (*field);
  *field = g_strdupv (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

#define UPDATE_SCALAR(self, other, field, prop_id) \
  G_STMT_START { \
    if ((self)->field != (other)->field) \
      { \
        (self)->field = (other)->field; \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]); \
      } \
  } G_STMT_END

static void
update_triage_from (StewardInboxItem *self,
                    StewardInboxItem *other)
{
  int old_label = steward_inbox_item_get_sentiment_label (self);

  update_string (self, &self->assignee, other->assignee, PROP_ASSIGNEE);
  update_strv (self, &self->tags, other->tags, PROP_TAGS);
  update_date (self, &self->snoozed_until, other->snoozed_until, PROP_SNOOZED_UNTIL);
  UPDATE_SCALAR (self, other, needs_reply, PROP_NEEDS_REPLY);
  UPDATE_SCALAR (self, other, classified, PROP_CLASSIFIED);
  UPDATE_SCALAR (self, other, sentiment_score, PROP_SENTIMENT_SCORE);
  UPDATE_SCALAR (self, other, urgent, PROP_URGENT);
  update_strv (self, &self->urgent_rules, other->urgent_rules, PROP_URGENT_RULES);
  update_date (self, &self->sla_due_at, other->sla_due_at, PROP_SLA_DUE_AT);
  update_date (self, &self->first_response_at, other->first_response_at, PROP_FIRST_RESPONSE_AT);
  UPDATE_SCALAR (self, other, n_notes, PROP_N_NOTES);
  update_string (self, &self->author_url, other->author_url, PROP_AUTHOR_URL);
  UPDATE_SCALAR (self, other, author_followers, PROP_AUTHOR_FOLLOWERS);
  UPDATE_SCALAR (self, other, post_id, PROP_POST_ID);
  update_string (self, &self->in_reply_to, other->in_reply_to, PROP_IN_REPLY_TO);
  update_string (self, &self->visibility, other->visibility, PROP_VISIBILITY);

  if (old_label != steward_inbox_item_get_sentiment_label (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENTIMENT_LABEL]);
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

  update_triage_from (self, other);

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

const char *
steward_inbox_item_get_assignee (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->assignee;
}

/**
 * steward_inbox_item_get_tags:
 * @self: an item
 *
 * Returns: (transfer none) (array zero-terminated=1): the item's tags,
 *   sorted; empty, never %NULL
 */
const char * const *
steward_inbox_item_get_tags (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * steward_inbox_item_has_tag:
 * @self: an item
 * @tag: a tag
 *
 * Returns: whether the item carries @tag, compared case-insensitively as
 *   the store compares tags
 */
gboolean
steward_inbox_item_has_tag (StewardInboxItem *self,
                            const char       *tag)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  folded = g_utf8_casefold (tag, -1);
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      g_autofree char *other = g_utf8_casefold (self->tags[i], -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

/**
 * steward_inbox_item_get_snoozed_until:
 * @self: an item
 *
 * Returns: (transfer none) (nullable): until when the item is snoozed; a
 *   time in the past means it woke up
 */
GDateTime *
steward_inbox_item_get_snoozed_until (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->snoozed_until;
}

gboolean
steward_inbox_item_get_needs_reply (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), FALSE);

  return self->needs_reply;
}

gboolean
steward_inbox_item_get_classified (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), FALSE);

  return self->classified;
}

double
steward_inbox_item_get_sentiment_score (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), 0.0);

  return self->sentiment_score;
}

/**
 * steward_inbox_item_get_sentiment_label:
 * @self: an item
 *
 * Returns: the #StewardSentimentLabel of the score; neutral when the item
 *   was not classified
 */
int
steward_inbox_item_get_sentiment_label (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), STEWARD_SENTIMENT_LABEL_NEUTRAL);

  if (!self->classified)
    return STEWARD_SENTIMENT_LABEL_NEUTRAL;
  return steward_sentiment_label_for_score (self->sentiment_score);
}

gboolean
steward_inbox_item_get_urgent (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), FALSE);

  return self->urgent;
}

/**
 * steward_inbox_item_get_urgent_rules:
 * @self: an item
 *
 * Returns: (transfer none) (array zero-terminated=1): the names of the
 *   urgency rules that fired; empty, never %NULL
 */
const char * const *
steward_inbox_item_get_urgent_rules (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return (const char * const *) self->urgent_rules;
}

/**
 * steward_inbox_item_get_sla_due_at:
 * @self: an item
 *
 * Returns: (transfer none) (nullable): when the first response is due
 */
GDateTime *
steward_inbox_item_get_sla_due_at (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->sla_due_at;
}

/**
 * steward_inbox_item_get_first_response_at:
 * @self: an item
 *
 * Returns: (transfer none) (nullable): when the first response was
 *   confirmed (a sent reply, or one of our accounts answering in the thread)
 */
GDateTime *
steward_inbox_item_get_first_response_at (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->first_response_at;
}

guint
steward_inbox_item_get_n_notes (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), 0);

  return self->n_notes;
}

const char *
steward_inbox_item_get_author_url (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->author_url;
}

gint64
steward_inbox_item_get_author_followers (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), -1);

  return self->author_followers;
}

gint64
steward_inbox_item_get_post_id (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), 0);

  return self->post_id;
}

const char *
steward_inbox_item_get_in_reply_to (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->in_reply_to;
}

const char *
steward_inbox_item_get_visibility (StewardInboxItem *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), NULL);

  return self->visibility;
}

static gint64
to_unix_or_zero (GDateTime *date)
{
  return date != NULL ? g_date_time_to_unix (date) : 0;
}

/**
 * steward_inbox_item_get_sla_state:
 * @self: an item
 * @now: the time to judge at, Unix seconds
 * @due_soon_seconds: how close to due counts as due soon
 *
 * Returns: where the item's first-response clock stands at @now
 */
StewardSlaState
steward_inbox_item_get_sla_state (StewardInboxItem *self,
                                  gint64            now,
                                  gint64            due_soon_seconds)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ITEM (self), STEWARD_SLA_STATE_NONE);

  return steward_sla_state_at (to_unix_or_zero (self->sla_due_at),
                               to_unix_or_zero (self->first_response_at),
                               self->needs_reply, now, due_soon_seconds);
}
