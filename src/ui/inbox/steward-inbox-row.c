/* steward-inbox-row.c — one mention or direct message in the Inbox list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <string.h>
#include <glib/gi18n.h>

#include "steward-inbox-row.h"
#include "steward-relative-time.h"

struct _StewardInboxRow
{
  GtkWidget         parent_instance;

  StewardInboxItem *item;

  /* Template widgets; box is the only child, unparented with the template */
  GtkWidget        *box;
  AdwAvatar        *avatar;
  GtkLabel         *author_name_label;
  GtkLabel         *author_label;
  GtkLabel         *time_label;
  GtkLabel         *text_label;
  GtkImage         *kind_image;
  GtkLabel         *kind_label;
  GtkLabel         *account_label;
  GtkLabel         *status_label;
};

G_DEFINE_FINAL_TYPE (StewardInboxRow, steward_inbox_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shown rows, so that one timer can age their "5 min" labels. */
static GList *mapped_rows;
static guint  tick_id;

static const char * const status_classes[] = {
  "status-new", "status-open", "status-pending", "status-closed",
};

static const char *
status_to_label (StewardItemStatus status)
{
  switch (status)
    {
    case STEWARD_ITEM_STATUS_NEW:
      /* Translators: triage status of an inbox item */
      return C_("item status", "New");
    case STEWARD_ITEM_STATUS_OPEN:
      /* Translators: triage status of an inbox item: being handled */
      return C_("item status", "Open");
    case STEWARD_ITEM_STATUS_PENDING:
      /* Translators: triage status of an inbox item: waiting for the customer */
      return C_("item status", "Pending");
    case STEWARD_ITEM_STATUS_CLOSED:
      /* Translators: triage status of an inbox item: done */
      return C_("item status", "Closed");
    default:
      return "";
    }
}

/* AdwAvatar draws the first letters of the first and last words; words
 * without a letter or digit (an emoji after the name) would become one,
 * and so would an aside such as "(he/him)" or "[bot]", where the name ends. */
static char *
dup_avatar_text (const char *name)
{
  g_auto(GStrv) words = NULL;
  GString *text;

  if (name == NULL)
    return NULL;

  words = g_strsplit_set (name, " \t\n", -1);
  text = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *p = words[i];
      gboolean has_alnum = FALSE;

      for (; *p != '\0' && !has_alnum; p = g_utf8_next_char (p))
        has_alnum = g_unichar_isalnum (g_utf8_get_char (p));

      if (words[i][0] == '(' || words[i][0] == '[' || words[i][0] == '|')
        break;
      if (!has_alnum)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i]);
    }

  if (text->len == 0)
    g_string_append (text, name);

  return g_string_free (text, FALSE);
}

/* Pango limits lines per paragraph, not in all: a preview is one
 * paragraph, so that "lines" holds for posts with many. The core's markup
 * never has a newline inside a tag. */
static char *
dup_preview_markup (const char *markup)
{
  GString *preview = g_string_sized_new (strlen (markup));
  gboolean pending_space = FALSE;

  for (const char *p = markup; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          pending_space = preview->len > 0;
          continue;
        }
      if (pending_space)
        {
          if (preview->str[preview->len - 1] != ' ' && *p != ' ')
            g_string_append_c (preview, ' ');
          pending_space = FALSE;
        }
      g_string_append_c (preview, *p);
    }

  return g_string_free (preview, FALSE);
}

static void
update_time (StewardInboxRow *self)
{
  g_autofree char *short_time = NULL;
  g_autofree char *full_time = NULL;
  GDateTime *created_at;

  g_assert (STEWARD_IS_INBOX_ROW (self));

  created_at = self->item != NULL ? steward_inbox_item_get_created_at (self->item) : NULL;
  if (created_at != NULL)
    {
      short_time = steward_relative_time_short (created_at, NULL);
      full_time = steward_relative_time_full (created_at);
    }

  gtk_label_set_label (self->time_label, short_time != NULL ? short_time : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), full_time);
}

static void
update_status (StewardInboxRow *self)
{
  StewardItemStatus status;

  g_assert (STEWARD_IS_INBOX_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);

  if (self->item == NULL)
    return;

  status = steward_inbox_item_get_status (self->item);
  gtk_label_set_label (self->status_label, status_to_label (status));
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
}

static void
update (StewardInboxRow *self)
{
  g_autofree char *handle = NULL;
  g_autofree char *avatar_text = NULL;
  g_autofree char *preview = NULL;
  const char *author_name;
  const char *author;
  const char *markup;

  g_assert (STEWARD_IS_INBOX_ROW (self));

  if (self->item == NULL)
    {
      adw_avatar_set_text (self->avatar, NULL);
      gtk_label_set_label (self->author_name_label, "");
      gtk_label_set_label (self->author_label, "");
      gtk_label_set_label (self->text_label, "");
      gtk_label_set_label (self->kind_label, "");
      gtk_label_set_label (self->account_label, "");
      gtk_label_set_label (self->status_label, "");
      update_time (self);
      return;
    }

  author = steward_inbox_item_get_author (self->item);
  author_name = steward_inbox_item_get_author_name (self->item);
  if (author_name == NULL || *author_name == '\0')
    author_name = author;
  handle = author != NULL && *author != '\0' ? g_strconcat ("@", author, NULL) : NULL;

  avatar_text = dup_avatar_text (author_name);
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_label (self->author_name_label, author_name != NULL ? author_name : "");
  gtk_label_set_label (self->author_label, handle != NULL ? handle : "");

  /* The core wrote this markup from parsed HTML; nothing from the post
   * can reach Pango as markup. */
  markup = steward_inbox_item_get_markup (self->item);
  preview = dup_preview_markup (markup != NULL ? markup : "");
  gtk_label_set_markup (self->text_label, preview);

  switch (steward_inbox_item_get_kind (self->item))
    {
    case STEWARD_ITEM_KIND_DIRECT:
      gtk_image_set_from_icon_name (self->kind_image, "system-lock-screen-symbolic");
      gtk_label_set_label (self->kind_label, _("Direct message"));
      break;

    case STEWARD_ITEM_KIND_LISTENING:
      gtk_image_set_from_icon_name (self->kind_image, "system-search-symbolic");
      /* Translators: an inbox item the user sent from a listening result;
       * the post need not mention the account */
      gtk_label_set_label (self->kind_label, _("Found by listening"));
      break;

    case STEWARD_ITEM_KIND_MENTION:
    default:
      gtk_image_set_from_icon_name (self->kind_image, "chat-message-new-symbolic");
      /* Translators: an inbox item that is a post mentioning the account */
      gtk_label_set_label (self->kind_label, C_("item kind", "Mention"));
      break;
    }

  gtk_label_set_label (self->account_label, steward_inbox_item_get_account_label (self->item));
  update_status (self);
  update_time (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  for (GList *l = mapped_rows; l != NULL; l = l->next)
    update_time (l->data);

  return G_SOURCE_CONTINUE;
}

static void
on_item_notify_status_cb (StewardInboxRow  *self,
                          GParamSpec       *pspec,
                          StewardInboxItem *item)
{
  update_status (self);
}

static void
steward_inbox_row_map (GtkWidget *widget)
{
  StewardInboxRow *self = STEWARD_INBOX_ROW (widget);

  GTK_WIDGET_CLASS (steward_inbox_row_parent_class)->map (widget);

  update_time (self);
  mapped_rows = g_list_prepend (mapped_rows, self);
  if (tick_id == 0)
    tick_id = g_timeout_add_seconds (60, tick_cb, NULL);
}

static void
steward_inbox_row_unmap (GtkWidget *widget)
{
  mapped_rows = g_list_remove (mapped_rows, widget);
  if (mapped_rows == NULL)
    g_clear_handle_id (&tick_id, g_source_remove);

  GTK_WIDGET_CLASS (steward_inbox_row_parent_class)->unmap (widget);
}

static void
steward_inbox_row_dispose (GObject *object)
{
  StewardInboxRow *self = STEWARD_INBOX_ROW (object);

  steward_inbox_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_INBOX_ROW);

  G_OBJECT_CLASS (steward_inbox_row_parent_class)->dispose (object);
}

static void
steward_inbox_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StewardInboxRow *self = STEWARD_INBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StewardInboxRow *self = STEWARD_INBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      steward_inbox_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_inbox_row_class_init (StewardInboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_inbox_row_dispose;
  object_class->get_property = steward_inbox_row_get_property;
  object_class->set_property = steward_inbox_row_set_property;

  widget_class->map = steward_inbox_row_map;
  widget_class->unmap = steward_inbox_row_unmap;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         STEWARD_TYPE_INBOX_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inboxrow");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/inbox/steward-inbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, box);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, author_name_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, account_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, status_label);
}

static void
steward_inbox_row_init (StewardInboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
steward_inbox_row_new (void)
{
  return g_object_new (STEWARD_TYPE_INBOX_ROW, NULL);
}

StewardInboxItem *
steward_inbox_row_get_item (StewardInboxRow *self)
{
  g_return_val_if_fail (STEWARD_IS_INBOX_ROW (self), NULL);

  return self->item;
}

void
steward_inbox_row_set_item (StewardInboxRow  *self,
                            StewardInboxItem *item)
{
  g_return_if_fail (STEWARD_IS_INBOX_ROW (self));
  g_return_if_fail (item == NULL || STEWARD_IS_INBOX_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify::status",
                             G_CALLBACK (on_item_notify_status_cb), self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
