/* steward-source.h — what a network implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every method blocks and is called from a worker thread (the sync engine's
 * or a GTask's), never from the main thread. Errors are in STEWARD_ERROR:
 * AUTH_FAILED for a revoked token, RATE_LIMITED, NETWORK, SERVER and
 * MALFORMED for faults that outlived the retries of the HTTP client.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-remote.h"

G_BEGIN_DECLS

/**
 * StewardServerLimits:
 * @title: (nullable): the server's name
 * @version: (nullable): the software version it reports
 * @max_characters: longest post the server accepts
 * @max_media: most attachments per post
 */
typedef struct {
  char  *title;
  char  *version;
  guint  max_characters;
  guint  max_media;
} StewardServerLimits;

/**
 * StewardDraft:
 * @text: the post's text
 * @in_reply_to_id: (nullable): remote id of the post this replies to
 * @visibility: (nullable): `public`, `unlisted`, `private`, `direct`
 * @spoiler_text: (nullable): content warning
 * @language: (nullable): ISO 639-1 code
 * @scheduled_at: (nullable): publish later, at this time
 */
typedef struct {
  char      *text;
  char      *in_reply_to_id;
  char      *visibility;
  char      *spoiler_text;
  char      *language;
  GDateTime *scheduled_at;
} StewardDraft;

void steward_server_limits_free (StewardServerLimits *limits);
void steward_draft_free         (StewardDraft        *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardServerLimits, steward_server_limits_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardDraft, steward_draft_free)

#define STEWARD_TYPE_SOURCE (steward_source_get_type ())
G_DECLARE_INTERFACE (StewardSource, steward_source, STEWARD, SOURCE, GObject)

struct _StewardSourceInterface
{
  GTypeInterface parent_iface;

  StewardRemoteAuthor *(*verify_credentials) (StewardSource       *self,
                                              GCancellable        *cancellable,
                                              GError             **error);
  StewardServerLimits *(*get_limits)         (StewardSource       *self,
                                              GCancellable        *cancellable,
                                              GError             **error);
  StewardPage         *(*fetch_page)         (StewardSource       *self,
                                              StewardStream        stream,
                                              const char          *cursor,
                                              GCancellable        *cancellable,
                                              GError             **error);
  char                *(*publish)            (StewardSource       *self,
                                              const StewardDraft  *draft,
                                              const char          *idempotency_key,
                                              GCancellable        *cancellable,
                                              GError             **error);
  StewardPage         *(*fetch_listening_page) (StewardSource       *self,
                                                const char * const  *hashtags,
                                                const char * const  *terms,
                                                const char          *cursor,
                                                GCancellable        *cancellable,
                                                GError             **error);
  StewardPage         *(*fetch_context)      (StewardSource       *self,
                                              const char          *remote_id,
                                              GCancellable        *cancellable,
                                              GError             **error);
};

/**
 * StewardSourceFactory:
 * @account: the account to build a source for
 * @token: (nullable): its access token
 * @user_data: closure data given at registration
 * @error: return location for an error
 *
 * Builds a source for an account; registered per network on a
 * #StewardContext with steward_context_register_network().
 */
typedef StewardSource *(*StewardSourceFactory) (StewardAccount  *account,
                                                const char      *token,
                                                gpointer         user_data,
                                                GError         **error);

StewardRemoteAuthor *steward_source_verify_credentials (StewardSource       *self,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
StewardServerLimits *steward_source_get_limits         (StewardSource       *self,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
StewardPage         *steward_source_fetch_page         (StewardSource       *self,
                                                        StewardStream        stream,
                                                        const char          *cursor,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
char                *steward_source_publish            (StewardSource       *self,
                                                        const StewardDraft  *draft,
                                                        const char          *idempotency_key,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
/* Listening: public posts with @hashtags (without "#") or @terms, newer
 * than @cursor, as a page of @posts (not items). A network that cannot
 * search returns an empty caught-up page. */
StewardPage         *steward_source_fetch_listening_page (StewardSource      *self,
                                                        const char * const  *hashtags,
                                                        const char * const  *terms,
                                                        const char          *cursor,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

/* The thread around the post @remote_id (ancestors, the post, replies) as
 * a page of @posts. A deleted post fails with STEWARD_ERROR_NOT_FOUND; a
 * network without threads fails with STEWARD_ERROR_UNSUPPORTED. */
StewardPage         *steward_source_fetch_context      (StewardSource       *self,
                                                        const char          *remote_id,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

G_END_DECLS
