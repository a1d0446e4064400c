/* steward-mastodon-server-private.h — the test server's insides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of StewardMastodonServer only. Functions named
 * *_locked, and every function given the server, expect its mutex held.
 */
#pragma once

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "steward-mastodon-server.h"

G_BEGIN_DECLS

#define DEFAULT_LIMIT        15
#define MAX_LIMIT            30
#define RATE_LIMIT           1000
#define RATE_WINDOW_SECONDS  300
#define DEFAULT_CODE         "steward-test-code"
#define DEFAULT_TOKEN        "steward-test-token"
#define STATE_VERSION        1

typedef struct {
  guint64  id;
  char    *acct;
  char    *display_name;
  gint64   created_at;      /* unix seconds */
  gint64   followers;       /* < 0: made up from the id */
} ServerAccount;

typedef struct {
  guint64  id;
  guint64  account_id;
  char    *text;            /* plain text source, when written from text */
  char    *content;         /* HTML */
  char    *visibility;
  guint64  in_reply_to_id;
  char    *spoiler_text;
  char    *language;
  gint64   created_at;      /* unix microseconds */
  gint64   edited_at;       /* 0 when never edited */
} ServerStatus;

typedef struct {
  guint64  id;
  guint64  status_id;
  guint64  account_id;
  char    *type;
  gint64   created_at;      /* unix microseconds */
} ServerNotification;

typedef struct {
  guint64  id;
  guint64  last_status_id;
  gboolean unread;
  GArray  *account_ids;     /* guint64 */
} ServerConversation;

typedef struct {
  char                 *prefix;
  StewardMastodonFault  fault;
  guint                 param;
  guint                 remaining;
} ServerFault;

typedef struct {
  guint    status;
  GString *body;
  char    *content_type;
  char    *location;
  char    *link;
} ServerReply;

struct _StewardMastodonServer
{
  GObject       parent_instance;

  GMutex        mutex;

  /* serving */
  SoupServer   *soup;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GCond         started_cond;
  gboolean      started;
  GError       *start_error;
  guint         port;
  char         *base_url;
  gboolean      own_thread;

  /* settings */
  char         *title;
  guint         max_characters;
  gboolean      without_v2;      /* answer 404 to /api/v2/instance */
  gboolean      search_refused;  /* answer 403 to /api/v2/search */
  char         *token;
  char         *oauth_code;
  char         *oauth_token;
  GHashTable   *issued_tokens;   /* set of char* */
  GHashTable   *apps;            /* client_id → redirect_uri */

  /* data */
  guint64       me_id;
  guint64       last_id;
  GHashTable   *accounts;        /* guint64* → ServerAccount */
  GHashTable   *statuses;        /* guint64* → ServerStatus */
  GPtrArray    *notifications;   /* ServerNotification, any order */
  GHashTable   *conversations;   /* guint64* → ServerConversation */
  GHashTable   *idempotency;     /* key → guint64* status id */

  /* testing */
  GQueue        faults;
  GPtrArray    *requests;
  GPtrArray    *slow_replies;    /* GSource, serving thread only */
  gint64        rate_window_start;
  guint         rate_count;
};

typedef struct {
  GHashTable *single;   /* name → last value */
  GHashTable *multi;    /* name → GPtrArray of values */
} ServerParams;

typedef struct {
  guint64  key;
  gpointer data;
} ServerEntry;

/* steward-mastodon-server.c: records, ids, accounts, statuses */
void           steward_mastodon_account_free              (ServerAccount *account);
void           steward_mastodon_status_free               (ServerStatus *status);
void           steward_mastodon_notification_free         (ServerNotification *notification);
void           steward_mastodon_conversation_free         (ServerConversation *conversation);
guint64       *steward_mastodon_id_key                    (guint64 id);
char          *steward_mastodon_id_to_string              (guint64 id);
gboolean       steward_mastodon_id_from_string            (const char *str,
                                                           guint64    *id);
guint64        steward_mastodon_server_next_id            (StewardMastodonServer *self,
                                                           gint64                 when_us);
ServerAccount *steward_mastodon_server_find_account       (StewardMastodonServer *self,
                                                           const char            *acct);
ServerAccount *steward_mastodon_server_add_account_locked (StewardMastodonServer *self,
                                                           const char            *id_str,
                                                           const char            *acct,
                                                           const char            *display_name);
ServerAccount *steward_mastodon_server_ensure_me          (StewardMastodonServer *self);
ServerStatus  *steward_mastodon_server_add_status_locked  (StewardMastodonServer            *self,
                                                           guint64                           author_id,
                                                           const StewardMastodonStatusSpec  *spec,
                                                           GError                          **error);

/* steward-mastodon-server-content.c */
char          *steward_mastodon_server_text_to_html       (StewardMastodonServer *self,
                                                           const char            *text,
                                                           GArray                *mentions,
                                                           GPtrArray             *tags);

/* steward-mastodon-server-entities.c */
char          *steward_mastodon_format_time               (gint64 us);
char          *steward_mastodon_server_account_url        (StewardMastodonServer *self,
                                                           const ServerAccount   *account);
void           steward_mastodon_json_add_id               (JsonBuilder *builder,
                                                           const char  *name,
                                                           guint64      id);
void           steward_mastodon_json_add_string           (JsonBuilder *builder,
                                                           const char  *name,
                                                           const char  *value);
void           steward_mastodon_json_add_int              (JsonBuilder *builder,
                                                           const char  *name,
                                                           gint64       value);
void           steward_mastodon_json_add_bool             (JsonBuilder *builder,
                                                           const char  *name,
                                                           gboolean     value);
void           steward_mastodon_json_add_empty_array      (JsonBuilder *builder,
                                                           const char  *name);
void           steward_mastodon_server_build_account      (StewardMastodonServer *self,
                                                           JsonBuilder           *builder,
                                                           const ServerAccount   *account);
void           steward_mastodon_server_build_status       (StewardMastodonServer *self,
                                                           JsonBuilder           *builder,
                                                           const ServerStatus    *status);
void           steward_mastodon_server_build_notification (StewardMastodonServer    *self,
                                                           JsonBuilder              *builder,
                                                           const ServerNotification *notification);
void           steward_mastodon_server_build_conversation (StewardMastodonServer    *self,
                                                           JsonBuilder              *builder,
                                                           const ServerConversation *conversation);

/* steward-mastodon-server-request.c */
void           steward_mastodon_reply_clear               (ServerReply *reply);
void           steward_mastodon_reply_json                (ServerReply *reply,
                                                           guint        status,
                                                           JsonBuilder *builder);
void           steward_mastodon_reply_error               (ServerReply *reply,
                                                           guint        status,
                                                           const char  *message);
void           steward_mastodon_reply_html                (ServerReply *reply,
                                                           guint        status,
                                                           const char  *html);
void           steward_mastodon_params_clear              (ServerParams *params);
void           steward_mastodon_params_init               (ServerParams *params);
void           steward_mastodon_params_parse_form         (ServerParams *params,
                                                           const char   *form);
void           steward_mastodon_params_parse_json         (ServerParams *params,
                                                           const char   *data,
                                                           gsize         len);
const char    *steward_mastodon_params_get                (ServerParams *params,
                                                           const char   *name);
gboolean       steward_mastodon_params_has_value          (ServerParams *params,
                                                           const char   *name,
                                                           const char   *value);
gboolean       steward_mastodon_params_get_id             (ServerParams *params,
                                                           const char   *name,
                                                           guint64      *id);
GArray        *steward_mastodon_server_paginate           (StewardMastodonServer *self,
                                                           GArray                *entries,
                                                           ServerParams          *params,
                                                           const char            *path,
                                                           ServerReply           *reply);

/* steward-mastodon-server-listening.c */
void           steward_mastodon_server_handle_tag_timeline (StewardMastodonServer *self,
                                                            const char            *path,
                                                            ServerParams          *params,
                                                            ServerReply           *reply);
void           steward_mastodon_server_handle_search      (StewardMastodonServer *self,
                                                           ServerParams          *params,
                                                           ServerReply           *reply);

/* steward-mastodon-server-handlers.c */
void           steward_mastodon_server_dispatch           (StewardMastodonServer *self,
                                                           const char            *method,
                                                           const char            *path,
                                                           ServerParams          *params,
                                                           const char            *auth_header,
                                                           const char            *idempotency_key,
                                                           ServerReply           *reply);

G_END_DECLS
