/* steward-source.c — what a network implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-source"

#include "steward-source.h"

#include <glib/gi18n-lib.h>

#include "steward-error.h"

G_DEFINE_INTERFACE (StewardSource, steward_source, G_TYPE_OBJECT)

static void
set_unsupported (StewardSource  *self,
                 GError        **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_UNSUPPORTED,
               _("This network does not support that yet"));
}

static void
steward_source_default_init (StewardSourceInterface *iface)
{
}

/**
 * steward_server_limits_free:
 * @limits: (nullable): limits to free
 */
void
steward_server_limits_free (StewardServerLimits *limits)
{
  if (limits == NULL)
    return;

  g_free (limits->title);
  g_free (limits->version);
  g_free (limits);
}

/**
 * steward_draft_free:
 * @draft: (nullable): a draft to free
 */
void
steward_draft_free (StewardDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->text);
  g_free (draft->in_reply_to_id);
  g_free (draft->visibility);
  g_free (draft->spoiler_text);
  g_free (draft->language);
  g_clear_pointer (&draft->scheduled_at, g_date_time_unref);
  g_free (draft);
}

/**
 * steward_source_verify_credentials:
 * @self: a #StewardSource
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Asks the server who the token belongs to. Blocks.
 *
 * Returns: (transfer full): the signed-in account, or %NULL with @error set
 */
StewardRemoteAuthor *
steward_source_verify_credentials (StewardSource  *self,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  StewardSourceInterface *iface;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->verify_credentials == NULL)
    {
      set_unsupported (self, error);
      return NULL;
    }
  return iface->verify_credentials (self, cancellable, error);
}

/**
 * steward_source_get_limits:
 * @self: a #StewardSource
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads what the server allows (post length, attachments). Blocks.
 *
 * Returns: (transfer full): the limits, or %NULL with @error set
 */
StewardServerLimits *
steward_source_get_limits (StewardSource  *self,
                           GCancellable   *cancellable,
                           GError        **error)
{
  StewardSourceInterface *iface;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->get_limits == NULL)
    {
      set_unsupported (self, error);
      return NULL;
    }
  return iface->get_limits (self, cancellable, error);
}

/**
 * steward_source_fetch_page:
 * @self: a #StewardSource
 * @stream: which stream
 * @cursor: (nullable): the cursor stored after the last committed page,
 *   or %NULL to start the stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Fetches the next page of @stream after @cursor. Blocks.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
StewardPage *
steward_source_fetch_page (StewardSource  *self,
                           StewardStream   stream,
                           const char     *cursor,
                           GCancellable   *cancellable,
                           GError        **error)
{
  StewardSourceInterface *iface;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (stream == STEWARD_STREAM_MENTIONS || stream == STEWARD_STREAM_DIRECT, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->fetch_page == NULL)
    {
      set_unsupported (self, error);
      return NULL;
    }
  return iface->fetch_page (self, stream, cursor, cancellable, error);
}

/**
 * steward_source_publish:
 * @self: a #StewardSource
 * @draft: what to post
 * @idempotency_key: (nullable): makes retrying the same draft safe
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Posts, replies or schedules @draft. Blocks.
 *
 * Returns: (transfer full): the remote id of the new post (or scheduled
 *   post), or %NULL with @error set
 */
char *
steward_source_publish (StewardSource       *self,
                        const StewardDraft  *draft,
                        const char          *idempotency_key,
                        GCancellable        *cancellable,
                        GError             **error)
{
  StewardSourceInterface *iface;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->publish == NULL)
    {
      set_unsupported (self, error);
      return NULL;
    }
  return iface->publish (self, draft, idempotency_key, cancellable, error);
}

/**
 * steward_source_fetch_listening_page:
 * @self: a #StewardSource
 * @hashtags: (array zero-terminated=1): hashtags to follow, without "#"
 * @terms: (array zero-terminated=1): words or phrases to search for
 * @cursor: (nullable): the cursor stored with the last committed page of
 *   this query on this account, or %NULL the first time
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Fetches the next page of public posts for a listening query: the page's
 * @posts (its @items stay empty), a cursor to store with them and whether
 * the query is caught up. A source without the method, or a network that
 * cannot search, gives an empty caught-up page: listening then works on
 * what the inbox streams bring. Blocks.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
StewardPage *
steward_source_fetch_listening_page (StewardSource       *self,
                                     const char * const  *hashtags,
                                     const char * const  *terms,
                                     const char          *cursor,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  StewardSourceInterface *iface;
  StewardPage *page;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (hashtags != NULL, NULL);
  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->fetch_listening_page == NULL)
    {
      page = steward_page_new ();
      page->caught_up = TRUE;
      return page;
    }
  return iface->fetch_listening_page (self, hashtags, terms, cursor, cancellable, error);
}

/**
 * steward_source_fetch_context:
 * @self: a #StewardSource
 * @remote_id: the remote id of a post
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads the thread around a post: its ancestors, the post itself and the
 * replies, as the page's @posts (its @items stay empty). Blocks.
 *
 * Returns: (transfer full): the thread, or %NULL with @error set:
 *   %STEWARD_ERROR_NOT_FOUND when the post was deleted,
 *   %STEWARD_ERROR_UNSUPPORTED for a network without threads
 */
StewardPage *
steward_source_fetch_context (StewardSource  *self,
                              const char     *remote_id,
                              GCancellable   *cancellable,
                              GError        **error)
{
  StewardSourceInterface *iface;

  g_return_val_if_fail (STEWARD_IS_SOURCE (self), NULL);
  g_return_val_if_fail (remote_id != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = STEWARD_SOURCE_GET_IFACE (self);
  if (iface->fetch_context == NULL)
    {
      set_unsupported (self, error);
      return NULL;
    }
  return iface->fetch_context (self, remote_id, cancellable, error);
}
