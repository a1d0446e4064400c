/* steward-test-source.c — a StewardSource over in-memory lists, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-test-source"

#include "steward-test-source.h"

#include "steward-http.h"

typedef struct {
  char *remote_id;
  char *text;
} TestItem;

struct _StewardTestSource
{
  GObject    parent_instance;

  GMutex     lock;
  guint      page_size;
  GPtrArray *items[STEWARD_N_STREAMS]; /* TestItem, oldest first */
  int        fail_in;                  /* -1: no failure armed */
  int        fail_code;
  gboolean   blocking;
  char      *me_id;
  char      *me_acct;
  GPtrArray *fetches;
  char      *token;
};

static void steward_test_source_iface_init (StewardSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardTestSource, steward_test_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STEWARD_TYPE_SOURCE,
                                                      steward_test_source_iface_init))

static void
test_item_free (TestItem *item)
{
  g_free (item->remote_id);
  g_free (item->text);
  g_free (item);
}

static StewardRemoteItem *
make_remote_item (StewardStream   stream,
                  const TestItem *item,
                  guint           index)
{
  StewardRemoteAuthor *author = steward_remote_author_new ();
  StewardRemotePost *post = steward_remote_post_new ();
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);

  author->remote_id = g_strdup_printf ("author-%u", index % 3);
  author->acct = g_strdup_printf ("fan%u@example.social", index % 3);
  author->display_name = g_strdup_printf ("Fan %u", index % 3);
  author->followers = -1;

  post->remote_id = g_strdup_printf ("post-%s", item->remote_id);
  post->url = g_strdup_printf ("https://example.social/@fan/%s", item->remote_id);
  post->author = author;
  post->html = g_markup_printf_escaped ("<p>%s</p>", item->text);
  post->text = g_strdup (item->text);
  post->visibility = g_strdup (stream == STEWARD_STREAM_DIRECT ? "direct" : "public");
  post->created_at = g_date_time_add_minutes (base, (int) index
                                                    + (stream == STEWARD_STREAM_DIRECT ? 10000 : 0));

  return steward_remote_item_new (stream == STEWARD_STREAM_DIRECT ? STEWARD_ITEM_KIND_DIRECT
                                                                  : STEWARD_ITEM_KIND_MENTION,
                                  item->remote_id, post);
}

static StewardRemoteAuthor *
steward_test_source_verify_credentials (StewardSource  *source,
                                        GCancellable   *cancellable,
                                        GError        **error)
{
  StewardTestSource *self = STEWARD_TEST_SOURCE (source);
  StewardRemoteAuthor *me = NULL;

  g_mutex_lock (&self->lock);
  if (self->me_id != NULL)
    {
      me = steward_remote_author_new ();
      me->remote_id = g_strdup (self->me_id);
      me->acct = g_strdup (self->me_acct);
      me->display_name = g_strdup ("The Brand");
      me->followers = -1;
    }
  g_mutex_unlock (&self->lock);

  if (me == NULL)
    g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED, "token rejected by test");
  return me;
}

static StewardPage *
steward_test_source_fetch_page (StewardSource  *source,
                                StewardStream   stream,
                                const char     *cursor,
                                GCancellable   *cancellable,
                                GError        **error)
{
  StewardTestSource *self = STEWARD_TEST_SOURCE (source);
  g_autoptr(StewardPage) page = steward_page_new ();
  GPtrArray *items = self->items[stream];
  gboolean blocking;
  int fail_code = -1;
  guint start = cursor ? (guint) g_ascii_strtoull (cursor, NULL, 10) : 0;
  guint end;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->fetches, g_strdup_printf ("%s:%s", steward_stream_to_string (stream),
                                                   cursor ? cursor : "-"));
  blocking = self->blocking;
  if (self->fail_in == 0)
    fail_code = self->fail_code;
  if (self->fail_in >= 0)
    self->fail_in--;
  g_mutex_unlock (&self->lock);

  if (blocking)
    {
      /* Stands for a server that takes forever: only cancelling ends it. */
      if (!steward_http_wait (G_MAXUINT32, cancellable, error))
        return NULL;
    }

  if (fail_code >= 0)
    {
      g_set_error (error, STEWARD_ERROR, fail_code, "failure injected by the test");
      return NULL;
    }

  g_mutex_lock (&self->lock);
  start = MIN (start, items->len);
  end = MIN (start + self->page_size, items->len);
  for (guint i = start; i < end; i++)
    g_ptr_array_add (page->items, make_remote_item (stream, g_ptr_array_index (items, i), i));
  page->cursor = g_strdup_printf ("%u", end);
  page->caught_up = end == items->len;
  g_mutex_unlock (&self->lock);

  return g_steal_pointer (&page);
}

static void
steward_test_source_iface_init (StewardSourceInterface *iface)
{
  iface->verify_credentials = steward_test_source_verify_credentials;
  iface->fetch_page = steward_test_source_fetch_page;
}

static void
steward_test_source_finalize (GObject *object)
{
  StewardTestSource *self = STEWARD_TEST_SOURCE (object);

  for (guint i = 0; i < STEWARD_N_STREAMS; i++)
    g_clear_pointer (&self->items[i], g_ptr_array_unref);
  g_clear_pointer (&self->fetches, g_ptr_array_unref);
  g_clear_pointer (&self->me_id, g_free);
  g_clear_pointer (&self->me_acct, g_free);
  g_clear_pointer (&self->token, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (steward_test_source_parent_class)->finalize (object);
}

static void
steward_test_source_class_init (StewardTestSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = steward_test_source_finalize;
}

static void
steward_test_source_init (StewardTestSource *self)
{
  g_mutex_init (&self->lock);
  for (guint i = 0; i < STEWARD_N_STREAMS; i++)
    self->items[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) test_item_free);
  self->fetches = g_ptr_array_new_with_free_func (g_free);
  self->fail_in = -1;
  self->me_id = g_strdup ("109");
  self->me_acct = g_strdup ("brand");
}

StewardTestSource *
steward_test_source_new (guint page_size)
{
  StewardTestSource *self = g_object_new (STEWARD_TYPE_TEST_SOURCE, NULL);

  self->page_size = MAX (page_size, 1);
  return self;
}

void
steward_test_source_add_item (StewardTestSource *self,
                              StewardStream      stream,
                              const char        *remote_id,
                              const char        *text)
{
  TestItem *item = g_new0 (TestItem, 1);

  item->remote_id = g_strdup (remote_id);
  item->text = g_strdup (text);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->items[stream], item);
  g_mutex_unlock (&self->lock);
}

void
steward_test_source_fail_after (StewardTestSource *self,
                                guint              n_pages,
                                StewardError       code)
{
  g_mutex_lock (&self->lock);
  self->fail_in = (int) n_pages;
  self->fail_code = code;
  g_mutex_unlock (&self->lock);
}

void
steward_test_source_set_blocking (StewardTestSource *self,
                                  gboolean           blocking)
{
  g_mutex_lock (&self->lock);
  self->blocking = blocking;
  g_mutex_unlock (&self->lock);
}

void
steward_test_source_set_me (StewardTestSource *self,
                            const char        *remote_id,
                            const char        *acct)
{
  g_mutex_lock (&self->lock);
  g_free (self->me_id);
  g_free (self->me_acct);
  self->me_id = g_strdup (remote_id);
  self->me_acct = g_strdup (acct);
  g_mutex_unlock (&self->lock);
}

GStrv
steward_test_source_dup_fetches (StewardTestSource *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv fetches;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->fetches->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->fetches, i));
  g_mutex_unlock (&self->lock);

  fetches = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return fetches;
}

guint
steward_test_source_get_n_fetches (StewardTestSource *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->fetches->len;
  g_mutex_unlock (&self->lock);
  return n;
}

void
steward_test_source_clear_fetches (StewardTestSource *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->fetches, 0);
  g_mutex_unlock (&self->lock);
}

char *
steward_test_source_dup_token (StewardTestSource *self)
{
  char *token;

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  return token;
}

StewardSource *
steward_test_source_factory (StewardAccount  *account,
                             const char      *token,
                             gpointer         user_data,
                             GError         **error)
{
  StewardTestSource *self = user_data;

  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);

  return STEWARD_SOURCE (g_object_ref (self));
}
