/* steward-listening-model.c — the saved listening queries as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is short (a handful of queries), so a reload reads it whole and
 * replaces every item: the new counts come with it.
 */
#define G_LOG_DOMAIN "steward-listening"

#include "steward-listening.h"

#include "steward-store.h"

struct _StewardListeningModel
{
  GObject       parent_instance;

  StewardStore *store;
  GPtrArray    *queries;      /* StewardListeningQuery */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StewardListeningModel, steward_listening_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_store_changed_cb (StewardStore          *store,
                     const char            *what,
                     StewardListeningModel *self)
{
  steward_listening_model_reload (self);
}

static GType
steward_listening_model_get_item_type (GListModel *model)
{
  return STEWARD_TYPE_LISTENING_QUERY;
}

static guint
steward_listening_model_get_n_items (GListModel *model)
{
  return STEWARD_LISTENING_MODEL (model)->queries->len;
}

static gpointer
steward_listening_model_get_item (GListModel *model,
                                  guint       position)
{
  StewardListeningModel *self = STEWARD_LISTENING_MODEL (model);

  if (position >= self->queries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->queries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = steward_listening_model_get_item_type;
  iface->get_n_items = steward_listening_model_get_n_items;
  iface->get_item = steward_listening_model_get_item;
}

static void
steward_listening_model_dispose (GObject *object)
{
  StewardListeningModel *self = (StewardListeningModel *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (steward_listening_model_parent_class)->dispose (object);
}

static void
steward_listening_model_finalize (GObject *object)
{
  StewardListeningModel *self = (StewardListeningModel *) object;

  g_clear_pointer (&self->queries, g_ptr_array_unref);

  G_OBJECT_CLASS (steward_listening_model_parent_class)->finalize (object);
}

static void
steward_listening_model_class_init (StewardListeningModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_listening_model_dispose;
  object_class->finalize = steward_listening_model_finalize;
}

static void
steward_listening_model_init (StewardListeningModel *self)
{
  self->queries = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * steward_listening_model_new:
 * @store: the store to read from
 *
 * Returns: (transfer full): a model of @store's saved queries, loaded
 */
StewardListeningModel *
steward_listening_model_new (StewardStore *store)
{
  StewardListeningModel *self;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);

  self = g_object_new (STEWARD_TYPE_LISTENING_MODEL, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed::listening", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::posts", G_CALLBACK (on_store_changed_cb), self, 0);
  steward_listening_model_reload (self);

  return self;
}

/**
 * steward_listening_model_reload:
 * @self: a model
 *
 * Reads the queries and their counts again. A failure keeps the old list
 * and is logged.
 */
void
steward_listening_model_reload (StewardListeningModel *self)
{
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  guint removed;

  g_return_if_fail (STEWARD_IS_LISTENING_MODEL (self));

  if (self->store == NULL)
    return;

  queries = steward_store_list_listening_queries (self->store, &error);
  if (queries == NULL)
    {
      g_warning ("Could not read the listening queries: %s", error->message);
      return;
    }

  removed = self->queries->len;
  g_ptr_array_unref (self->queries);
  self->queries = g_steal_pointer (&queries);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->queries->len);
}
