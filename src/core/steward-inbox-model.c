/* steward-inbox-model.c — a GListModel of inbox items paged from SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model shows the items at or below an anchor, the newest item when it
 * last counted, so that items another connection adds meanwhile do not
 * shift positions under it. Items are read PAGE_SIZE at a time and at most
 * MAX_PAGES pages are kept (least recently used goes first). When the
 * store says the inbox changed, the pages are dropped and the model works
 * out whether only newer items arrived (then it reports them as inserted
 * at the top, which keeps list views where they were) or something else
 * happened (then it reports everything replaced). Items that rows still
 * hold are refreshed in place so that a new status or an edit shows.
 *
 * Newest first (the default order) pages by key: a page that follows a
 * cached one starts below its last item, an index seek. The other orders
 * (oldest first, urgency, SLA due) page by OFFSET within the same anchored
 * snapshot, which keeps positions stable while items arrive: each page is
 * one sorted query bounded by LIMIT, so memory stays bounded, at the cost
 * of SQLite sorting the filtered items for every page read. In those
 * orders an item's place depends on fields that change (urgency, SLA), so
 * any change reports the whole list replaced instead of an insertion.
 */
#define G_LOG_DOMAIN "steward-inbox-model"

#include "steward-inbox-model.h"

#include <steward/steward-enums.h>

#include "steward-inbox-item.h"
#include "steward-inbox-item-private.h"
#include "steward-store-private.h"

#define PAGE_SIZE 50
#define MAX_PAGES 8

struct _StewardInboxModel
{
  GObject             parent_instance;

  StewardStore       *store;
  StewardInboxFilter  filter;
  char               *tag;       /* owned copies of the filter's strings */
  char               *assignee;

  /* What the model shows: @n_items items at or below @anchor. */
  guint               n_items;
  gboolean            has_anchor;
  StewardInboxKey     anchor;
  gint64              id_sum;

  GHashTable         *pages;     /* page index → GPtrArray of items */
  GQueue              lru;       /* page indices, most recently used first */
  GHashTable         *live;      /* item id → LiveItem */
};

/* An item the model handed out and that is still alive somewhere (a row,
 * a page): reused when its id is read again, refreshed on changes. */
typedef struct {
  StewardInboxModel *model;
  StewardInboxItem  *item;       /* weak */
  gint64             id;
} LiveItem;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardInboxModel, steward_inbox_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNT_ID,
  PROP_STATUS,
  PROP_KIND,
  PROP_VIEW,
  PROP_TAG,
  PROP_ASSIGNEE,
  PROP_SORT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_item_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  LiveItem *live = data;

  /* Frees @live. */
  g_hash_table_remove (live->model->live, &live->id);
}

static void
drop_pages (StewardInboxModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
forget_live_items (StewardInboxModel *self)
{
  GHashTableIter iter;
  LiveItem *live;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &live))
    g_object_weak_unref (G_OBJECT (live->item), on_item_finalized_cb, live);
  g_hash_table_remove_all (self->live);
}

/* Returns the object for @fresh's id that rows may already hold, updated
 * from @fresh, or @fresh itself, now tracked. */
static StewardInboxItem *
adopt_item (StewardInboxModel *self,
            StewardInboxItem  *fresh)
{
  gint64 id = steward_inbox_item_get_id (fresh);
  LiveItem *live = g_hash_table_lookup (self->live, &id);

  if (live != NULL)
    {
      steward_inbox_item_update_from (live->item, fresh);
      return g_object_ref (live->item);
    }

  live = g_new (LiveItem, 1);
  live->model = self;
  live->item = fresh;
  live->id = id;
  g_hash_table_insert (self->live, &live->id, live);
  g_object_weak_ref (G_OBJECT (fresh), on_item_finalized_cb, live);
  return g_object_ref (fresh);
}

static void
refresh_live_items (StewardInboxModel *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->live) == 0)
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->live));
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  fresh = steward_store_list_inbox_by_ids (self->store, (const gint64 *) ids->data, ids->len, &error);
  if (fresh == NULL)
    {
      g_warning ("Could not refresh inbox items: %s", error->message);
      return;
    }

  for (guint i = 0; i < fresh->len; i++)
    {
      StewardInboxItem *item = g_ptr_array_index (fresh, i);
      gint64 id = steward_inbox_item_get_id (item);
      LiveItem *live = g_hash_table_lookup (self->live, &id);

      if (live != NULL)
        steward_inbox_item_update_from (live->item, item);
    }
}

static void
touch_page (StewardInboxModel *self,
            guint              page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->lru) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static GPtrArray *
load_page (StewardInboxModel *self,
           guint              page)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *previous;
  GPtrArray *items;

  /* Following on from the page before is an index seek; an OFFSET would
   * step over every earlier row. */
  previous = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;
  if (self->filter.sort == STEWARD_INBOX_SORT_NEWEST &&
      previous != NULL && previous->len == PAGE_SIZE)
    {
      StewardInboxItem *last = g_ptr_array_index (previous, previous->len - 1);
      StewardInboxKey key = {
        g_date_time_to_unix (steward_inbox_item_get_created_at (last)),
        steward_inbox_item_get_id (last),
      };

      rows = steward_store_list_inbox_below (self->store, &self->filter, &key, FALSE,
                                             0, PAGE_SIZE, &error);
    }
  else
    {
      rows = steward_store_list_inbox_below (self->store, &self->filter, &self->anchor, TRUE,
                                             page * PAGE_SIZE, PAGE_SIZE, &error);
    }

  if (rows == NULL)
    {
      g_warning ("Could not read inbox items: %s", error->message);
      return NULL;
    }

  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, adopt_item (self, g_ptr_array_index (rows, i)));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static GType
steward_inbox_model_get_item_type (GListModel *model)
{
  return STEWARD_TYPE_INBOX_ITEM;
}

static guint
steward_inbox_model_get_n_items (GListModel *model)
{
  return STEWARD_INBOX_MODEL (model)->n_items;
}

static gpointer
steward_inbox_model_get_item (GListModel *model,
                              guint       position)
{
  StewardInboxModel *self = STEWARD_INBOX_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items || self->store == NULL)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL && (items = load_page (self, page)) == NULL)
    return NULL;
  touch_page (self, page);

  /* Short only if items were deleted since the count; the coming
   * "changed" signal will correct the length. */
  if (position % PAGE_SIZE >= items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = steward_inbox_model_get_item_type;
  iface->get_n_items = steward_inbox_model_get_n_items;
  iface->get_item = steward_inbox_model_get_item;
}

/* Re-reads the count and anchor; with @incremental, reports new items at
 * the top as an insertion when nothing else changed. */
static void
update (StewardInboxModel *self,
        gboolean           incremental)
{
  g_autoptr(GError) error = NULL;
  StewardInboxKey top = { 0, };
  gboolean has_top = FALSE;
  guint old_n = self->n_items;
  guint count = 0;
  gint64 id_sum = 0;
  gboolean only_new = FALSE;

  drop_pages (self);

  if (self->store == NULL)
    return;

  if (!steward_store_inbox_snapshot (self->store, &self->filter, NULL,
                                     &has_top, &top, &count, &id_sum, &error))
    {
      g_warning ("Could not count inbox items: %s", error->message);
      has_top = FALSE;
      count = 0;
      id_sum = 0;
    }

  /* Only newest first puts new items at the top. */
  if (self->filter.sort != STEWARD_INBOX_SORT_NEWEST)
    only_new = FALSE;
  else if (incremental && self->has_anchor && has_top && count >= old_n)
    {
      StewardInboxKey below_top;
      gboolean below_has_top = FALSE;
      guint below_count = 0;
      gint64 below_sum = 0;

      /* The same set of items at or below the old anchor means that the
       * difference is all above it, i.e. newer. */
      if (steward_store_inbox_snapshot (self->store, &self->filter, &self->anchor,
                                        &below_has_top, &below_top, &below_count, &below_sum,
                                        NULL))
        only_new = (below_count == old_n && below_sum == self->id_sum &&
                    below_has_top && below_top.id == self->anchor.id);
    }
  else if (incremental && !self->has_anchor && old_n == 0)
    only_new = TRUE;

  self->has_anchor = has_top;
  self->anchor = top;
  self->id_sum = id_sum;
  self->n_items = has_top ? count : 0;

  refresh_live_items (self);

  if (only_new)
    {
      if (self->n_items > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items - old_n);
    }
  else if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);

  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_changed_cb (StewardInboxModel *self,
                     const char        *what,
                     StewardStore      *store)
{
  update (self, TRUE);
}

/* "Mine" follows the current user, "Due soon" the SLA's window. */
static void
on_store_settings_changed_cb (StewardInboxModel *self,
                              const char        *what,
                              StewardStore      *store)
{
  if (self->filter.view == STEWARD_INBOX_VIEW_MINE ||
      self->filter.view == STEWARD_INBOX_VIEW_DUE_SOON)
    update (self, TRUE);
}

static void
set_store (StewardInboxModel *self,
           StewardStore      *store)
{
  g_assert (self->store == NULL);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::inbox",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
steward_inbox_model_constructed (GObject *object)
{
  StewardInboxModel *self = (StewardInboxModel *) object;

  G_OBJECT_CLASS (steward_inbox_model_parent_class)->constructed (object);

  update (self, FALSE);
}

static void
steward_inbox_model_dispose (GObject *object)
{
  StewardInboxModel *self = (StewardInboxModel *) object;

  drop_pages (self);
  forget_live_items (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (steward_inbox_model_parent_class)->dispose (object);
}

static void
steward_inbox_model_finalize (GObject *object)
{
  StewardInboxModel *self = (StewardInboxModel *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->assignee, g_free);

  G_OBJECT_CLASS (steward_inbox_model_parent_class)->finalize (object);
}

static void
steward_inbox_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StewardInboxModel *self = STEWARD_INBOX_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->filter.account_id);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->filter.status);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->filter.kind);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->filter.view);
      break;
    case PROP_TAG:
      g_value_set_string (value, self->filter.tag);
      break;
    case PROP_ASSIGNEE:
      g_value_set_string (value, self->filter.assignee);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->filter.sort);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StewardInboxModel *self = STEWARD_INBOX_MODEL (object);
  StewardInboxFilter filter = self->filter;

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_ID:
      filter.account_id = g_value_get_int64 (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_STATUS:
      filter.status = g_value_get_int (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_KIND:
      filter.kind = g_value_get_int (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_VIEW:
      filter.view = g_value_get_enum (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_TAG:
      filter.tag = g_value_get_string (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_ASSIGNEE:
      filter.assignee = g_value_get_string (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    case PROP_SORT:
      filter.sort = g_value_get_enum (value);
      steward_inbox_model_set_filter (self, &filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_model_class_init (StewardInboxModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = steward_inbox_model_constructed;
  object_class->dispose = steward_inbox_model_dispose;
  object_class->finalize = steward_inbox_model_finalize;
  object_class->get_property = steward_inbox_model_get_property;
  object_class->set_property = steward_inbox_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, STEWARD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, -1, STEWARD_ITEM_STATUS_CLOSED, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, -1, STEWARD_ITEM_KIND_LISTENING, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, STEWARD_TYPE_INBOX_VIEW, STEWARD_INBOX_VIEW_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASSIGNEE] =
    g_param_spec_string ("assignee", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL, STEWARD_TYPE_INBOX_SORT, STEWARD_INBOX_SORT_NEWEST,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
steward_inbox_model_init (StewardInboxModel *self)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;

  self->filter = filter;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_queue_init (&self->lru);
}

/**
 * steward_inbox_model_new:
 * @store: the store to read from (the main thread's)
 *
 * Returns: (transfer full): a model of every inbox item, newest first
 */
StewardInboxModel *
steward_inbox_model_new (StewardStore *store)
{
  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);

  return g_object_new (STEWARD_TYPE_INBOX_MODEL, "store", store, NULL);
}

/**
 * steward_inbox_model_set_filter:
 * @self: a model
 * @filter: which items to show
 *
 * Shows only items matching @filter; the whole list is replaced.
 */
void
steward_inbox_model_set_filter (StewardInboxModel        *self,
                                const StewardInboxFilter *filter)
{
  StewardInboxFilter old;
  g_autofree char *old_tag = NULL;
  g_autofree char *old_assignee = NULL;

  g_return_if_fail (STEWARD_IS_INBOX_MODEL (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (filter->status >= -1 && filter->status <= STEWARD_ITEM_STATUS_CLOSED);
  g_return_if_fail (filter->kind >= -1 && filter->kind <= STEWARD_ITEM_KIND_LISTENING);
  g_return_if_fail (filter->account_id >= 0);
  g_return_if_fail ((guint) filter->view <= STEWARD_INBOX_VIEW_SNOOZED);
  g_return_if_fail ((guint) filter->sort <= STEWARD_INBOX_SORT_SLA_DUE);
  g_return_if_fail (filter->now >= 0);

  old = self->filter;
  if (old.account_id == filter->account_id && old.status == filter->status &&
      old.kind == filter->kind && old.view == filter->view && old.sort == filter->sort &&
      old.now == filter->now && g_strcmp0 (old.tag, filter->tag) == 0 &&
      g_strcmp0 (old.assignee, filter->assignee) == 0)
    return;

  /* @filter may point into the old copies (the property setters do). */
  old_tag = g_steal_pointer (&self->tag);
  old_assignee = g_steal_pointer (&self->assignee);
  self->tag = g_strdup (filter->tag);
  self->assignee = g_strdup (filter->assignee);
  self->filter = *filter;
  self->filter.tag = self->tag;
  self->filter.assignee = self->assignee;

  g_object_freeze_notify (G_OBJECT (self));
  if (old.account_id != filter->account_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
  if (old.status != filter->status)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  if (old.kind != filter->kind)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (old.view != self->filter.view)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  if (g_strcmp0 (old_tag, self->tag) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);
  if (g_strcmp0 (old_assignee, self->assignee) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE]);
  if (old.sort != self->filter.sort)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);

  if (self->store != NULL)
    steward_inbox_model_reload (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * steward_inbox_model_reload:
 * @self: a model
 *
 * Reads the count again and reports the whole list as replaced.
 */
void
steward_inbox_model_reload (StewardInboxModel *self)
{
  g_return_if_fail (STEWARD_IS_INBOX_MODEL (self));

  update (self, FALSE);
}
