/* steward-outbox-entry.c — one reply waiting in (or sent from) the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-outbox"

#include "steward-outbox.h"
#include "steward-outbox-private.h"

#include <glib/gi18n-lib.h>

struct _StewardOutboxEntry
{
  GObject             parent_instance;

  gint64              id;
  gint64              account_id;
  gint64              item_id;
  char               *idempotency_key;
  char               *in_reply_to;
  char               *text;
  char               *visibility;
  char               *spoiler_text;
  char               *language;
  char               *author;
  StewardOutboxState  state;
  char               *hold_code;
  char               *hold_reason;
  guint               attempts;
  char               *error;
  char               *remote_id;
  char               *remote_url;
  GDateTime          *created_at;
  GDateTime          *updated_at;
  GDateTime          *sent_at;
  gboolean            skip_checks;
};

G_DEFINE_FINAL_TYPE (StewardOutboxEntry, steward_outbox_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_ITEM_ID,
  PROP_IDEMPOTENCY_KEY,
  PROP_IN_REPLY_TO,
  PROP_TEXT,
  PROP_VISIBILITY,
  PROP_SPOILER_TEXT,
  PROP_LANGUAGE,
  PROP_AUTHOR,
  PROP_STATE,
  PROP_HOLD_REASON,
  PROP_ATTEMPTS,
  PROP_ERROR,
  PROP_REMOTE_ID,
  PROP_REMOTE_URL,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_SENT_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sentence for a stored hold code; an unknown code (from a newer
 * Steward) still says that the entry waits for the user. */
static char *
describe_hold (const char *code)
{
  if (code == NULL)
    return NULL;
  if (g_str_equal (code, STEWARD_OUTBOX_HOLD_DELETED))
    return g_strdup (_("The post was deleted before the reply was sent"));
  if (g_str_equal (code, STEWARD_OUTBOX_HOLD_ALREADY_REPLIED))
    return g_strdup (_("Someone already replied from this account while the reply waited"));
  return g_strdup (_("The conversation changed while the reply waited"));
}

static void
steward_outbox_entry_finalize (GObject *object)
{
  StewardOutboxEntry *self = (StewardOutboxEntry *) object;

  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->in_reply_to, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->visibility, g_free);
  g_clear_pointer (&self->spoiler_text, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->hold_code, g_free);
  g_clear_pointer (&self->hold_reason, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->remote_url, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->sent_at, g_date_time_unref);

  G_OBJECT_CLASS (steward_outbox_entry_parent_class)->finalize (object);
}

static void
steward_outbox_entry_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  StewardOutboxEntry *self = STEWARD_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;
    case PROP_ITEM_ID:
      g_value_set_int64 (value, self->item_id);
      break;
    case PROP_IDEMPOTENCY_KEY:
      g_value_set_string (value, self->idempotency_key);
      break;
    case PROP_IN_REPLY_TO:
      g_value_set_string (value, self->in_reply_to);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_VISIBILITY:
      g_value_set_string (value, self->visibility);
      break;
    case PROP_SPOILER_TEXT:
      g_value_set_string (value, self->spoiler_text);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_HOLD_REASON:
      g_value_set_string (value, self->hold_reason);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;
    case PROP_REMOTE_URL:
      g_value_set_string (value, self->remote_url);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_SENT_AT:
      g_value_set_boxed (value, self->sent_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_outbox_entry_class_init (StewardOutboxEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = steward_outbox_entry_finalize;
  object_class->get_property = steward_outbox_entry_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_ID] =
    g_param_spec_int64 ("item-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_IDEMPOTENCY_KEY] =
    g_param_spec_string ("idempotency-key", NULL, NULL, NULL, flags);
  properties[PROP_IN_REPLY_TO] =
    g_param_spec_string ("in-reply-to", NULL, NULL, NULL, flags);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_VISIBILITY] =
    g_param_spec_string ("visibility", NULL, NULL, NULL, flags);
  properties[PROP_SPOILER_TEXT] =
    g_param_spec_string ("spoiler-text", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      STEWARD_OUTBOX_STATE_QUEUED, STEWARD_OUTBOX_STATE_HELD,
                      STEWARD_OUTBOX_STATE_QUEUED, flags);
  properties[PROP_HOLD_REASON] =
    g_param_spec_string ("hold-reason", NULL, NULL, NULL, flags);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_URL] =
    g_param_spec_string ("remote-url", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SENT_AT] =
    g_param_spec_boxed ("sent-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_outbox_entry_init (StewardOutboxEntry *self)
{
}

/* Internal: builds an entry from a row whose columns are
 * STEWARD_OUTBOX_COLUMNS. */
StewardOutboxEntry *
steward_outbox_entry_new_from_row (sqlite3_stmt *stmt)
{
  StewardOutboxEntry *self = g_object_new (STEWARD_TYPE_OUTBOX_ENTRY, NULL);
  StewardOutboxState state = STEWARD_OUTBOX_STATE_QUEUED;

  self->id = sqlite3_column_int64 (stmt, 0);
  self->account_id = sqlite3_column_int64 (stmt, 1);
  self->item_id = sqlite3_column_int64 (stmt, 2);
  self->idempotency_key = g_strdup (steward_sqlite_column_text (stmt, 3));
  self->in_reply_to = g_strdup (steward_sqlite_column_text (stmt, 4));
  self->text = g_strdup (steward_sqlite_column_text (stmt, 5));
  self->visibility = g_strdup (steward_sqlite_column_text (stmt, 6));
  self->spoiler_text = g_strdup (steward_sqlite_column_text (stmt, 7));
  self->language = g_strdup (steward_sqlite_column_text (stmt, 8));
  self->author = g_strdup (steward_sqlite_column_text (stmt, 9));
  if (!steward_outbox_state_from_string (steward_sqlite_column_text (stmt, 10), &state))
    g_warning ("Outbox entry %" G_GINT64_FORMAT " has an unknown state", self->id);
  self->state = state;
  self->hold_code = g_strdup (steward_sqlite_column_text (stmt, 11));
  self->hold_reason = describe_hold (self->hold_code);
  self->attempts = (guint) sqlite3_column_int (stmt, 12);
  self->error = g_strdup (steward_sqlite_column_text (stmt, 13));
  self->remote_id = g_strdup (steward_sqlite_column_text (stmt, 14));
  self->remote_url = g_strdup (steward_sqlite_column_text (stmt, 15));
  self->created_at = steward_sqlite_column_date (stmt, 16);
  self->updated_at = steward_sqlite_column_date (stmt, 17);
  self->sent_at = steward_sqlite_column_date (stmt, 18);
  self->skip_checks = sqlite3_column_int (stmt, 19) != 0;

  return self;
}

gboolean
steward_outbox_entry_get_skip_checks (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), FALSE);

  return self->skip_checks;
}

const char *
steward_outbox_entry_get_hold_code (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->hold_code;
}

gint64
steward_outbox_entry_get_id (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), 0);

  return self->id;
}

gint64
steward_outbox_entry_get_account_id (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), 0);

  return self->account_id;
}

/**
 * steward_outbox_entry_get_item_id:
 * @self: an outbox entry
 *
 * Returns: the inbox item it answers, or 0 when the item is gone
 */
gint64
steward_outbox_entry_get_item_id (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), 0);

  return self->item_id;
}

/**
 * steward_outbox_entry_get_idempotency_key:
 * @self: an outbox entry
 *
 * Returns: the key sent as Idempotency-Key with every attempt
 */
const char *
steward_outbox_entry_get_idempotency_key (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->idempotency_key;
}

/**
 * steward_outbox_entry_get_in_reply_to:
 * @self: an outbox entry
 *
 * Returns: (nullable): the remote id of the post it answers
 */
const char *
steward_outbox_entry_get_in_reply_to (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->in_reply_to;
}

const char *
steward_outbox_entry_get_text (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->text;
}

/**
 * steward_outbox_entry_get_visibility:
 * @self: an outbox entry
 *
 * Returns: (nullable): `public`, `unlisted`, `private` or `direct`
 */
const char *
steward_outbox_entry_get_visibility (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->visibility;
}

/**
 * steward_outbox_entry_get_spoiler_text:
 * @self: an outbox entry
 *
 * Returns: (nullable): the content warning
 */
const char *
steward_outbox_entry_get_spoiler_text (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->spoiler_text;
}

/**
 * steward_outbox_entry_get_language:
 * @self: an outbox entry
 *
 * Returns: (nullable): the ISO 639-1 code
 */
const char *
steward_outbox_entry_get_language (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->language;
}

/**
 * steward_outbox_entry_get_author:
 * @self: an outbox entry
 *
 * Returns: (nullable): the team member who wrote it
 */
const char *
steward_outbox_entry_get_author (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->author;
}

StewardOutboxState
steward_outbox_entry_get_state (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), STEWARD_OUTBOX_STATE_QUEUED);

  return self->state;
}

/**
 * steward_outbox_entry_get_hold_reason:
 * @self: an outbox entry
 *
 * Returns: (nullable): why a held entry waits for the user, translated
 */
const char *
steward_outbox_entry_get_hold_reason (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->hold_reason;
}

/**
 * steward_outbox_entry_get_attempts:
 * @self: an outbox entry
 *
 * Returns: how many times it was handed to the server
 */
guint
steward_outbox_entry_get_attempts (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), 0);

  return self->attempts;
}

/**
 * steward_outbox_entry_get_error:
 * @self: an outbox entry
 *
 * Returns: (nullable): why the last attempt failed (the server's reason
 *   for a failed entry)
 */
const char *
steward_outbox_entry_get_error (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->error;
}

/**
 * steward_outbox_entry_get_remote_id:
 * @self: an outbox entry
 *
 * Returns: (nullable): the post's id on the server once sent
 */
const char *
steward_outbox_entry_get_remote_id (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->remote_id;
}

/**
 * steward_outbox_entry_get_remote_url:
 * @self: an outbox entry
 *
 * Returns: (nullable): the post's public page once sent, when known
 */
const char *
steward_outbox_entry_get_remote_url (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->remote_url;
}

/**
 * steward_outbox_entry_get_created_at:
 * @self: an outbox entry
 *
 * Returns: (transfer none): when it was queued
 */
GDateTime *
steward_outbox_entry_get_created_at (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->created_at;
}

/**
 * steward_outbox_entry_get_updated_at:
 * @self: an outbox entry
 *
 * Returns: (transfer none): when its state last changed
 */
GDateTime *
steward_outbox_entry_get_updated_at (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->updated_at;
}

/**
 * steward_outbox_entry_get_sent_at:
 * @self: an outbox entry
 *
 * Returns: (transfer none) (nullable): when the server confirmed it
 */
GDateTime *
steward_outbox_entry_get_sent_at (StewardOutboxEntry *self)
{
  g_return_val_if_fail (STEWARD_IS_OUTBOX_ENTRY (self), NULL);

  return self->sent_at;
}
