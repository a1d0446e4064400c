/* steward-inbox-sidebar.c — the Inbox's views with their counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The saved views first, then one row per account and one per tag. Every
 * count comes from one steward_store_count_views() call (plus one per
 * account); they are read again a moment after the store changes, so a
 * sync writing fifty pages costs one refresh, not fifty.
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <glib/gi18n.h>

#include "steward-inbox-sidebar.h"
#include "steward-triage-labels.h"

#define REFRESH_DELAY_MS 250
#define N_VIEWS (STEWARD_INBOX_VIEW_SNOOZED + 1)

typedef enum {
  ROW_VIEW,
  ROW_ACCOUNT,
  ROW_TAG,
} RowKind;

struct _StewardInboxSidebar
{
  AdwBin          parent_instance;

  StewardContext *context;
  guint           refresh_id;
  guint           counts[N_VIEWS];
  /* Set while rows are rebuilt, so that re-selecting is no user choice. */
  gboolean        rebuilding;

  /* Template widgets */
  GtkListBox     *list_box;
  GtkWidget      *view_rows[N_VIEWS];
};

G_DEFINE_FINAL_TYPE (StewardInboxSidebar, steward_inbox_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The order of the pane. */
static const StewardInboxView view_order[] = {
  STEWARD_INBOX_VIEW_NEW,
  STEWARD_INBOX_VIEW_MINE,
  STEWARD_INBOX_VIEW_UNASSIGNED,
  STEWARD_INBOX_VIEW_PENDING,
  STEWARD_INBOX_VIEW_URGENT,
  STEWARD_INBOX_VIEW_DUE_SOON,
  STEWARD_INBOX_VIEW_CLOSED,
  STEWARD_INBOX_VIEW_SNOOZED,
  STEWARD_INBOX_VIEW_ALL,
};

static GtkWidget *
row_new (RowKind     kind,
         const char *key,
         const char *icon_name,
         const char *title,
         gint64      value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *count = gtk_label_new (NULL);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "view-count");
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (row), "title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "value", g_memdup2 (&value, sizeof value), g_free);
  g_object_set_data (G_OBJECT (row), "count-label", count);

  return row;
}

static void
row_set_count (GtkWidget *row,
               guint      count)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "count-label");
  g_autofree char *text = count > 0 ? g_strdup_printf ("%u", count) : g_strdup ("");

  gtk_label_set_label (label, text);
}

static const char *
row_get_key (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "key") : NULL;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  RowKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  RowKind before_kind = before != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (before), "kind"))
                                       : ROW_VIEW;
  GtkWidget *header = NULL;

  if (kind != ROW_VIEW && kind != before_kind)
    {
      header = gtk_label_new (kind == ROW_ACCOUNT ? _("Accounts") : _("Tags"));
      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_add_css_class (header, "sidebar-heading");
    }

  gtk_list_box_row_set_header (row, header);
}

/* Removes the account and tag rows, keeping the views. Rows go by index:
 * removing one also removes its header, a sibling. */
static void
remove_dynamic_rows (StewardInboxSidebar *self)
{
  GtkListBoxRow *row;
  int index = 0;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, index)) != NULL)
    {
      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")) != ROW_VIEW)
        gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
      else
        index++;
    }
}

static void
add_account_rows (StewardInboxSidebar *self,
                  StewardStore        *store)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  accounts = steward_store_list_accounts (store, &error);
  if (accounts == NULL)
    {
      g_warning ("Could not list accounts: %s", error->message);
      return;
    }

  /* One account is the whole inbox: no row for it. */
  if (accounts->len < 2)
    return;

  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);
      StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
      guint counts[N_VIEWS] = { 0, };
      g_autofree char *label = steward_account_dup_label (account);
      g_autofree char *key = g_strdup_printf ("account:%" G_GINT64_FORMAT, steward_account_get_id (account));
      GtkWidget *row;

      row = row_new (ROW_ACCOUNT, key, NULL, label, steward_account_get_id (account));
      filter.account_id = steward_account_get_id (account);
      if (steward_store_count_views (store, &filter, counts, N_VIEWS, NULL))
        row_set_count (row, counts[STEWARD_INBOX_VIEW_ALL] > counts[STEWARD_INBOX_VIEW_CLOSED]
                            ? counts[STEWARD_INBOX_VIEW_ALL] - counts[STEWARD_INBOX_VIEW_CLOSED] : 0);
      gtk_list_box_append (self->list_box, row);
    }
}

static void
add_tag_rows (StewardInboxSidebar *self,
              StewardStore        *store)
{
  g_autoptr(GArray) counts = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = steward_store_list_tags (store, &counts, &error);
  if (tags == NULL)
    {
      g_warning ("Could not list tags: %s", error->message);
      return;
    }

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *key = g_strconcat ("tag:", tags[i], NULL);
      g_autofree char *title = g_strconcat ("#", tags[i], NULL);
      GtkWidget *row = row_new (ROW_TAG, key, NULL, title, 0);

      g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (tags[i]), g_free);
      if (counts != NULL && i < counts->len)
        row_set_count (row, g_array_index (counts, guint, i));
      gtk_list_box_append (self->list_box, row);
    }
}

static GtkListBoxRow *
find_row (StewardInboxSidebar *self,
          const char          *key)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (g_strcmp0 (row_get_key (row), key) == 0)
      return row;

  return NULL;
}

static void
refresh (StewardInboxSidebar *self)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_key = NULL;
  GtkListBoxRow *selected;
  StewardStore *store;

  g_assert (STEWARD_IS_INBOX_SIDEBAR (self));

  if (self->context == NULL)
    return;

  store = steward_context_get_store (self->context);
  if (steward_store_count_views (store, &filter, self->counts, N_VIEWS, &error))
    for (guint i = 0; i < N_VIEWS; i++)
      row_set_count (self->view_rows[i], self->counts[i]);
  else
    g_warning ("Could not count the inbox views: %s", error->message);

  selected_key = g_strdup (row_get_key (gtk_list_box_get_selected_row (self->list_box)));

  self->rebuilding = TRUE;
  remove_dynamic_rows (self);
  add_account_rows (self, store);
  add_tag_rows (self, store);

  selected = selected_key != NULL ? find_row (self, selected_key) : NULL;
  self->rebuilding = FALSE;

  if (selected != NULL)
    {
      self->rebuilding = TRUE;
      gtk_list_box_select_row (self->list_box, selected);
      self->rebuilding = FALSE;
    }
  else
    /* The tag or account went away: back to the first view. */
    gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->view_rows[STEWARD_INBOX_VIEW_NEW]));
}

static gboolean
refresh_cb (gpointer data)
{
  StewardInboxSidebar *self = data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (StewardInboxSidebar *self,
                     const char          *what,
                     StewardStore        *store)
{
  if (g_strcmp0 (what, "posts") == 0 || g_strcmp0 (what, "threads") == 0)
    return;

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
on_list_box_row_selected_cb (StewardInboxSidebar *self,
                             GtkListBoxRow       *row,
                             GtkListBox          *list_box)
{
  if (self->rebuilding || row == NULL)
    return;

  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
steward_inbox_sidebar_dispose (GObject *object)
{
  StewardInboxSidebar *self = STEWARD_INBOX_SIDEBAR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_INBOX_SIDEBAR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (steward_inbox_sidebar_parent_class)->dispose (object);
}

static void
steward_inbox_sidebar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  StewardInboxSidebar *self = STEWARD_INBOX_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_sidebar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  StewardInboxSidebar *self = STEWARD_INBOX_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      steward_inbox_sidebar_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_sidebar_class_init (StewardInboxSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_inbox_sidebar_dispose;
  object_class->get_property = steward_inbox_sidebar_get_property;
  object_class->set_property = steward_inbox_sidebar_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         STEWARD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-inbox-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardInboxSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_selected_cb);
}

static void
steward_inbox_sidebar_init (StewardInboxSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, header_func, NULL, NULL);

  self->rebuilding = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (view_order); i++)
    {
      StewardInboxView view = view_order[i];
      g_autofree char *key = g_strconcat ("view:", steward_inbox_view_to_string (view), NULL);

      self->view_rows[view] = row_new (ROW_VIEW, key,
                                       steward_inbox_view_get_icon_name (view),
                                       steward_inbox_view_get_display_name (view),
                                       view);
      gtk_list_box_append (self->list_box, self->view_rows[view]);
    }
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->view_rows[STEWARD_INBOX_VIEW_NEW]));
  self->rebuilding = FALSE;
}

StewardContext *
steward_inbox_sidebar_get_context (StewardInboxSidebar *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_SIDEBAR (self), NULL);

  return self->context;
}

void
steward_inbox_sidebar_set_context (StewardInboxSidebar *self,
                                   StewardContext      *context)
{
  g_return_if_fail (STEWARD_IS_INBOX_SIDEBAR (self));
  g_return_if_fail (context == NULL || STEWARD_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (steward_context_get_store (self->context), self);

  if (!g_set_object (&self->context, context))
    return;

  if (context != NULL)
    {
      g_signal_connect_object (steward_context_get_store (context), "changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      refresh (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
steward_inbox_sidebar_get_filter (StewardInboxSidebar *self,
                                  StewardInboxFilter  *filter)
{
  GtkListBoxRow *row;
  RowKind kind;
  gint64 *value;

  g_return_if_fail (STEWARD_IS_INBOX_SIDEBAR (self));
  g_return_if_fail (filter != NULL);

  filter->view = STEWARD_INBOX_VIEW_NEW;
  filter->account_id = 0;
  filter->tag = NULL;

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row == NULL)
    return;

  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  value = g_object_get_data (G_OBJECT (row), "value");
  switch (kind)
    {
    case ROW_VIEW:
      filter->view = (StewardInboxView) *value;
      break;

    case ROW_ACCOUNT:
      filter->view = STEWARD_INBOX_VIEW_ALL;
      filter->account_id = *value;
      break;

    case ROW_TAG:
    default:
      filter->view = STEWARD_INBOX_VIEW_ALL;
      filter->tag = g_object_get_data (G_OBJECT (row), "tag");
      break;
    }
}

const char *
steward_inbox_sidebar_get_title (StewardInboxSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (STEWARD_IS_INBOX_SIDEBAR (self), NULL);

  row = gtk_list_box_get_selected_row (self->list_box);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "title") : "";
}

void
steward_inbox_sidebar_select_view (StewardInboxSidebar *self,
                                   StewardInboxView     view)
{
  g_return_if_fail (STEWARD_IS_INBOX_SIDEBAR (self));
  g_return_if_fail ((guint) view < N_VIEWS);

  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->view_rows[view]));
}

guint
steward_inbox_sidebar_get_count (StewardInboxSidebar *self,
                                 StewardInboxView     view)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_SIDEBAR (self), 0);
  g_return_val_if_fail ((guint) view < N_VIEWS, 0);

  return self->counts[view];
}

void
steward_inbox_sidebar_refresh (StewardInboxSidebar *self)
{
  g_return_if_fail (STEWARD_IS_INBOX_SIDEBAR (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  refresh (self);
}
