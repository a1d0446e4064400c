/* steward-mastodon-source.c — the Mastodon network (and compatible servers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paging. Mastodon lists are newest first and paged by id: max_id walks to
 * older items, min_id to the ones immediately newer than an id. A stream's
 * cursor is a small JSON object, committed by the store together with the
 * page it came with:
 *
 *   {"phase": "backfill", "top": T, "max_id": M, "pages": N, "started": S}
 *     The first sync walks back from the newest item. Everything between
 *     T (the newest id seen when it started) and M (the oldest so far) is
 *     committed; a sync killed here resumes at max_id=M. It stops at the
 *     end of the list, after STEWARD_MASTODON_BACKFILL_MAX_PAGES pages or
 *     at items older than STEWARD_MASTODON_BACKFILL_MAX_DAYS days.
 *   {"phase": "catchup", "top": T}
 *     Everything up to T is committed; asks for min_id=T, which returns the
 *     items immediately newer than T, so walking forward page by page never
 *     leaves a gap however long the sync is interrupted.
 *
 * The ids come from the Link header (rel="next" has max_id, rel="prev"
 * min_id) because for conversations they are ids of last statuses, not of
 * the listed objects. A conversation with a new last status has a newer id
 * and so comes again, updating its item.
 */

#define G_LOG_DOMAIN "steward-mastodon"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "steward-http.h"
#include "steward-mastodon-listening.h"
#include "steward-mastodon-parse.h"
#include "steward-mastodon-source.h"

#define PAGE_LIMIT 30

struct _StewardMastodonSource
{
  GObject      parent_instance;

  char        *base_url;
  char        *token;
  StewardHttp *http;
};

typedef struct {
  gboolean  backfill;
  char     *top;
  char     *max_id;
  guint     pages;
  gint64    started;
} Cursor;

static void steward_mastodon_source_iface_init (StewardSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardMastodonSource, steward_mastodon_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEWARD_TYPE_SOURCE,
                                                      steward_mastodon_source_iface_init))

/* helpers */

static void
cursor_clear (Cursor *cursor)
{
  g_clear_pointer (&cursor->top, g_free);
  g_clear_pointer (&cursor->max_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cursor, cursor_clear)

/* An unreadable cursor (from an older Steward, or damaged) starts over:
 * the store does not duplicate what it already has. */
static void
cursor_parse (const char *str,
              Cursor     *cursor)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  memset (cursor, 0, sizeof *cursor);
  if (str == NULL || *str == '\0' ||
      !json_parser_load_from_data (parser, str, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  cursor->top = g_strdup (json_object_get_string_member_with_default (object, "top", NULL));
  cursor->backfill = g_strcmp0 (json_object_get_string_member_with_default (object, "phase", NULL),
                                "backfill") == 0;
  cursor->max_id = g_strdup (json_object_get_string_member_with_default (object, "max_id", NULL));
  cursor->pages = json_object_get_int_member_with_default (object, "pages", 0);
  cursor->started = json_object_get_int_member_with_default (object, "started", 0);

  if (cursor->backfill && (cursor->max_id == NULL || cursor->top == NULL))
    cursor_clear (cursor);
}

static char *
cursor_to_string (const Cursor *cursor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "phase");
  json_builder_add_string_value (builder, cursor->backfill ? "backfill" : "catchup");
  if (cursor->top != NULL)
    {
      json_builder_set_member_name (builder, "top");
      json_builder_add_string_value (builder, cursor->top);
    }
  if (cursor->backfill)
    {
      json_builder_set_member_name (builder, "max_id");
      json_builder_add_string_value (builder, cursor->max_id);
      json_builder_set_member_name (builder, "pages");
      json_builder_add_int_value (builder, cursor->pages);
      json_builder_set_member_name (builder, "started");
      json_builder_add_int_value (builder, cursor->started);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The value of @name in @url's query, e.g. max_id in a Link URL. */
static char *
link_param (const char *url,
            const char *name)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL)) == NULL)
    return NULL;
  if ((query = g_uri_get_query (uri)) == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;
  return g_strdup (g_hash_table_lookup (params, name));
}

/* Compares numeric ids as Mastodon's are: longer is larger. */
static int
compare_ids (const char *a,
             const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

/* The paging id of an item, for servers that send no Link header. */
static const char *
item_paging_id (StewardRemoteItem *item)
{
  return item->kind == STEWARD_ITEM_KIND_DIRECT ? item->post->remote_id : item->remote_id;
}

/* The ids to page from: those of the Link header (rel="prev" has min_id,
 * or since_id on older servers; rel="next" has max_id), else the newest
 * and oldest of the items themselves. */
static void
page_bounds (GPtrArray            *items,
             StewardHttpResponse  *response,
             char                **newest,
             char                **oldest)
{
  gboolean newest_from_link;
  gboolean oldest_from_link;

  *newest = link_param (response->prev_url, "min_id");
  if (*newest == NULL)
    *newest = link_param (response->prev_url, "since_id");
  *oldest = link_param (response->next_url, "max_id");
  newest_from_link = *newest != NULL;
  oldest_from_link = *oldest != NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = item_paging_id (g_ptr_array_index (items, i));

      if (!newest_from_link && (*newest == NULL || compare_ids (id, *newest) > 0))
        {
          g_free (*newest);
          *newest = g_strdup (id);
        }
      if (!oldest_from_link && (*oldest == NULL || compare_ids (id, *oldest) < 0))
        {
          g_free (*oldest);
          *oldest = g_strdup (id);
        }
    }
}

static char *
build_url (StewardMastodonSource *self,
           StewardStream          stream,
           const char            *param,
           const char            *id)
{
  GString *url = g_string_new (self->base_url);

  if (stream == STEWARD_STREAM_MENTIONS)
    g_string_append (url, "/api/v1/notifications?types%5B%5D=mention&");
  else
    g_string_append (url, "/api/v1/conversations?");
  g_string_append_printf (url, "limit=%d", PAGE_LIMIT);
  if (param != NULL && id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
      g_string_append_printf (url, "&%s=%s", param, escaped);
    }
  return g_string_free (url, FALSE);
}

static GPtrArray *
parse_items (StewardStream   stream,
             JsonNode       *json,
             GError        **error)
{
  if (json == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server sent an empty answer where a list was expected"));
      return NULL;
    }
  if (stream == STEWARD_STREAM_MENTIONS)
    return steward_mastodon_parse_notifications (json, error);
  return steward_mastodon_parse_conversations (json, error);
}

static gboolean
older_than_backfill (GPtrArray *items,
                     gint64     started)
{
  gint64 limit = started - (gint64) STEWARD_MASTODON_BACKFILL_MAX_DAYS * 24 * 3600;

  for (guint i = 0; i < items->len; i++)
    {
      StewardRemoteItem *item = g_ptr_array_index (items, i);

      if (g_date_time_to_unix (item->post->created_at) < limit)
        return TRUE;
    }
  return FALSE;
}

/* StewardSource */

static StewardRemoteAuthor *
steward_mastodon_source_verify_credentials (StewardSource  *source,
                                            GCancellable   *cancellable,
                                            GError        **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);
  g_autofree char *url = g_strconcat (self->base_url, "/api/v1/accounts/verify_credentials", NULL);
  g_autoptr(StewardHttpResponse) response = NULL;

  response = steward_http_request (self->http, "GET", url, self->token, NULL, NULL,
                                   cancellable, error);
  if (response == NULL)
    return NULL;
  return steward_mastodon_parse_account (response->json, error);
}

static StewardServerLimits *
steward_mastodon_source_get_limits (StewardSource  *source,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);
  g_autofree char *v2_url = g_strconcat (self->base_url, "/api/v2/instance", NULL);
  g_autofree char *v1_url = g_strconcat (self->base_url, "/api/v1/instance", NULL);
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autoptr(GError) v2_error = NULL;

  response = steward_http_request (self->http, "GET", v2_url, self->token, NULL, NULL,
                                   cancellable, &v2_error);
  if (response != NULL)
    return steward_mastodon_parse_instance (response->json, TRUE, error);

  /* Older servers and some compatible ones only have v1. */
  if (g_error_matches (v2_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (v2_error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED) ||
      g_error_matches (v2_error, STEWARD_ERROR, STEWARD_ERROR_NETWORK))
    {
      g_propagate_error (error, g_steal_pointer (&v2_error));
      return NULL;
    }
  g_debug ("No v2 instance: %s", v2_error->message);

  response = steward_http_request (self->http, "GET", v1_url, self->token, NULL, NULL,
                                   cancellable, error);
  if (response == NULL)
    return NULL;
  return steward_mastodon_parse_instance (response->json, FALSE, error);
}

static StewardPage *
steward_mastodon_source_fetch_page (StewardSource  *source,
                                    StewardStream   stream,
                                    const char     *cursor_str,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);
  g_auto(Cursor) cursor = { 0 };
  g_autoptr(StewardHttpResponse) response = NULL;
  g_autoptr(StewardPage) page = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *url = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;
  gboolean first;

  cursor_parse (cursor_str, &cursor);
  first = !cursor.backfill && cursor.top == NULL;

  if (cursor.backfill)
    url = build_url (self, stream, "max_id", cursor.max_id);
  else if (cursor.top != NULL)
    url = build_url (self, stream, "min_id", cursor.top);
  else
    url = build_url (self, stream, NULL, NULL);

  response = steward_http_request (self->http, "GET", url, self->token, NULL, NULL,
                                   cancellable, error);
  if (response == NULL)
    return NULL;

  /* The whole page is parsed before anything is returned. */
  items = parse_items (stream, response->json, error);
  if (items == NULL)
    return NULL;
  page_bounds (items, response, &newest, &oldest);

  page = steward_page_new ();

  if (first)
    {
      if (items->len == 0 || newest == NULL || oldest == NULL)
        {
          /* Nothing yet: stay in the first-sync state. */
          page->caught_up = TRUE;
        }
      else
        {
          cursor.top = g_steal_pointer (&newest);
          cursor.max_id = g_steal_pointer (&oldest);
          cursor.pages = 1;
          cursor.started = g_get_real_time () / G_USEC_PER_SEC;
          cursor.backfill = items->len >= PAGE_LIMIT && response->next_url != NULL &&
                            cursor.pages < STEWARD_MASTODON_BACKFILL_MAX_PAGES &&
                            !older_than_backfill (items, cursor.started);
          /* Either way another request: what arrived meanwhile. */
          page->caught_up = FALSE;
        }
    }
  else if (cursor.backfill)
    {
      cursor.pages++;
      if (oldest != NULL)
        {
          g_free (cursor.max_id);
          cursor.max_id = g_steal_pointer (&oldest);
        }
      if (items->len < PAGE_LIMIT || response->next_url == NULL ||
          cursor.pages >= STEWARD_MASTODON_BACKFILL_MAX_PAGES ||
          older_than_backfill (items, cursor.started))
        {
          cursor.backfill = FALSE;
          g_clear_pointer (&cursor.max_id, g_free);
        }
      page->caught_up = FALSE;
    }
  else
    {
      if (newest != NULL && compare_ids (newest, cursor.top) > 0)
        {
          g_free (cursor.top);
          cursor.top = g_steal_pointer (&newest);
        }
      page->caught_up = items->len < PAGE_LIMIT;
    }

  if (!page->caught_up || cursor.top != NULL)
    page->cursor = cursor_to_string (&cursor);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  page->items = g_steal_pointer (&items);
  return g_steal_pointer (&page);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
steward_mastodon_source_publish (StewardSource       *source,
                                 const StewardDraft  *draft,
                                 const char          *idempotency_key,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);
  g_autofree char *url = g_strconcat (self->base_url, "/api/v1/statuses", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(StewardHttpResponse) response = NULL;
  JsonObject *object;
  const char *id;

  if (draft->text == NULL || *draft->text == '\0')
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                   _("There is nothing to post"));
      return NULL;
    }

  json_builder_begin_object (builder);
  add_string (builder, "status", draft->text);
  add_string (builder, "in_reply_to_id", draft->in_reply_to_id);
  add_string (builder, "visibility", draft->visibility);
  add_string (builder, "spoiler_text", draft->spoiler_text);
  add_string (builder, "language", draft->language);
  if (draft->scheduled_at != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (draft->scheduled_at);
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      add_string (builder, "scheduled_at", when);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  response = steward_http_request (self->http, "POST", url, self->token, body, idempotency_key,
                                   cancellable, error);
  if (response == NULL)
    return NULL;

  /* A Status, or a ScheduledStatus when scheduled; both have an id. */
  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json) ||
      (object = json_node_get_object (response->json)) == NULL ||
      (id = json_object_get_string_member_with_default (object, "id", NULL)) == NULL ||
      *id == '\0')
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server accepted the post but did not say its id"));
      return NULL;
    }
  return g_strdup (id);
}

/* A deleted (or never visible) status answers 404 or 410, which the HTTP
 * client reports as STEWARD_ERROR_NOT_FOUND. */
static gboolean
is_not_found (const GError *error)
{
  return g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

/* GET @url; a status that is gone fails with STEWARD_ERROR_NOT_FOUND. */
static StewardHttpResponse *
get_status_resource (StewardMastodonSource  *self,
                     const char             *url,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  StewardHttpResponse *response;

  response = steward_http_request (self->http, "GET", url, self->token, NULL, NULL,
                                   cancellable, &local_error);
  if (response != NULL)
    return response;

  if (is_not_found (local_error))
    g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
                         _("The post was deleted or is no longer visible"));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static gboolean
add_statuses (GPtrArray   *posts,
              JsonObject  *context,
              const char  *member,
              GError     **error)
{
  JsonNode *node = json_object_get_member (context, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                           _("The server’s answer is not a thread"));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      StewardRemotePost *post = steward_mastodon_parse_status (json_array_get_element (array, i),
                                                               error);
      if (post == NULL)
        return FALSE;
      g_ptr_array_add (posts, post);
    }
  return TRUE;
}

/* The status, then its context: ancestors (oldest first), the status and
 * its descendants, all in the page's posts. */
static StewardPage *
steward_mastodon_source_fetch_context (StewardSource  *source,
                                       const char     *remote_id,
                                       GCancellable   *cancellable,
                                       GError        **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);
  g_autofree char *escaped = g_uri_escape_string (remote_id, NULL, FALSE);
  g_autofree char *status_url = g_strconcat (self->base_url, "/api/v1/statuses/", escaped, NULL);
  g_autofree char *context_url = g_strconcat (status_url, "/context", NULL);
  g_autoptr(StewardHttpResponse) status = NULL;
  g_autoptr(StewardHttpResponse) context = NULL;
  g_autoptr(StewardRemotePost) post = NULL;
  g_autoptr(StewardPage) page = NULL;
  JsonObject *object;

  status = get_status_resource (self, status_url, cancellable, error);
  if (status == NULL)
    return NULL;
  post = steward_mastodon_parse_status (status->json, error);
  if (post == NULL)
    return NULL;

  context = get_status_resource (self, context_url, cancellable, error);
  if (context == NULL)
    return NULL;
  if (context->json == NULL || !JSON_NODE_HOLDS_OBJECT (context->json))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_MALFORMED,
                   _("The server’s answer is not a thread"));
      return NULL;
    }
  object = json_node_get_object (context->json);

  page = steward_page_new ();
  if (!add_statuses (page->posts, object, "ancestors", error))
    return NULL;
  g_ptr_array_add (page->posts, g_steal_pointer (&post));
  if (!add_statuses (page->posts, object, "descendants", error))
    return NULL;
  page->caught_up = TRUE;
  return g_steal_pointer (&page);
}

static StewardPage *
steward_mastodon_source_fetch_listening_page (StewardSource       *source,
                                              const char * const  *hashtags,
                                              const char * const  *terms,
                                              const char          *cursor,
                                              GCancellable        *cancellable,
                                              GError             **error)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (source);

  return steward_mastodon_fetch_listening_page (self->http, self->base_url, self->token,
                                                hashtags, terms, cursor, cancellable, error);
}

/* GObject */

static void
steward_mastodon_source_iface_init (StewardSourceInterface *iface)
{
  iface->verify_credentials = steward_mastodon_source_verify_credentials;
  iface->get_limits = steward_mastodon_source_get_limits;
  iface->fetch_page = steward_mastodon_source_fetch_page;
  iface->publish = steward_mastodon_source_publish;
  iface->fetch_listening_page = steward_mastodon_source_fetch_listening_page;
  iface->fetch_context = steward_mastodon_source_fetch_context;
}

static void
steward_mastodon_source_finalize (GObject *object)
{
  StewardMastodonSource *self = STEWARD_MASTODON_SOURCE (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (steward_mastodon_source_parent_class)->finalize (object);
}

static void
steward_mastodon_source_class_init (StewardMastodonSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_mastodon_source_finalize;
}

static void
steward_mastodon_source_init (StewardMastodonSource *self)
{
  self->http = steward_http_new ();
}

/* public API */

StewardMastodonSource *
steward_mastodon_source_new (const char *base_url,
                             const char *token)
{
  StewardMastodonSource *self;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (STEWARD_TYPE_MASTODON_SOURCE, NULL);
  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  self->token = g_strdup (token);
  return self;
}

const char *
steward_mastodon_source_get_base_url (StewardMastodonSource *self)
{
  g_return_val_if_fail (STEWARD_IS_MASTODON_SOURCE (self), NULL);

  return self->base_url;
}

StewardSource *
steward_mastodon_source_factory (StewardAccount  *account,
                                 const char      *token,
                                 gpointer         user_data,
                                 GError         **error)
{
  g_return_val_if_fail (STEWARD_IS_ACCOUNT (account), NULL);

  return STEWARD_SOURCE (steward_mastodon_source_new (steward_account_get_server (account), token));
}
