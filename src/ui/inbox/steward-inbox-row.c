/* steward-inbox-row.c — one mention or direct message in the Inbox list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <string.h>
#include <glib/gi18n.h>

#include "steward-inbox-row.h"
#include "steward-relative-time.h"
#include "steward-triage-labels.h"

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
  GtkImage         *urgent_image;
  GtkLabel         *sla_label;
  GtkLabel         *sentiment_label;
  GtkLabel         *tags_label;
  AdwAvatar        *assignee_avatar;

  gint64            due_soon;
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

/* The first-response clock, while it runs. */
static void
update_sla (StewardInboxRow *self)
{
  g_autofree char *text = NULL;
  GDateTime *due_at;
  GDateTime *first_response_at;
  StewardSlaState state;
  gint64 now;

  g_assert (STEWARD_IS_INBOX_ROW (self));

  steward_sla_chip_clear (GTK_WIDGET (self->sla_label));
  if (self->item == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->sla_label), FALSE);
      return;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  state = steward_inbox_item_get_sla_state (self->item, now, self->due_soon);
  if (state != STEWARD_SLA_STATE_OK && state != STEWARD_SLA_STATE_DUE_SOON &&
      state != STEWARD_SLA_STATE_BREACHED)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->sla_label), FALSE);
      return;
    }

  due_at = steward_inbox_item_get_sla_due_at (self->item);
  first_response_at = steward_inbox_item_get_first_response_at (self->item);
  text = steward_sla_describe (due_at != NULL ? g_date_time_to_unix (due_at) : 0,
                               first_response_at != NULL ? g_date_time_to_unix (first_response_at) : 0,
                               g_date_time_to_unix (steward_inbox_item_get_created_at (self->item)),
                               steward_inbox_item_get_needs_reply (self->item),
                               now, self->due_soon);
  gtk_label_set_label (self->sla_label, text);
  steward_sla_chip_set_state (GTK_WIDGET (self->sla_label), state);
  gtk_widget_set_visible (GTK_WIDGET (self->sla_label), TRUE);
}

/* Urgency, sentiment, tags and assignee: what triage adds to a row. */
static void
update_triage (StewardInboxRow *self)
{
  g_autofree char *tags = NULL;
  g_autofree char *tooltip = NULL;
  const char *assignee;
  gboolean show_sentiment = FALSE;

  g_assert (STEWARD_IS_INBOX_ROW (self));

  if (self->item == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->urgent_image), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->sentiment_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->assignee_avatar), FALSE);
      gtk_label_set_label (self->tags_label, "");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->urgent_image),
                          steward_inbox_item_get_urgent (self->item));
  if (steward_inbox_item_get_urgent (self->item))
    {
      g_autofree char *rules = steward_urgent_rules_dup_display (steward_inbox_item_get_urgent_rules (self->item));

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->urgent_image), rules);
    }

  if (steward_inbox_item_get_classified (self->item))
    show_sentiment = steward_sentiment_chip_set_label (GTK_LABEL (self->sentiment_label),
                                                       steward_inbox_item_get_sentiment_label (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->sentiment_label), show_sentiment);

  tags = steward_tags_dup_display (steward_inbox_item_get_tags (self->item));
  gtk_label_set_label (self->tags_label, tags);

  assignee = steward_inbox_item_get_assignee (self->item);
  if (assignee != NULL && *assignee != '\0')
    {
      adw_avatar_set_text (self->assignee_avatar, assignee);
      /* Translators: tooltip of the small avatar on an inbox row; %s is a
       * team member */
      tooltip = g_strdup_printf (_("Assigned to %s"), assignee);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->assignee_avatar), tooltip);
      gtk_widget_set_visible (GTK_WIDGET (self->assignee_avatar), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->assignee_avatar), FALSE);

  update_sla (self);
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

  if (self->item == NULL)
    {
      steward_status_chip_set_status (GTK_LABEL (self->status_label), -1);
      return;
    }

  status = steward_inbox_item_get_status (self->item);
  steward_status_chip_set_status (GTK_LABEL (self->status_label), status);
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
      update_status (self);
      update_triage (self);
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
  update_triage (self);
  update_time (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  for (GList *l = mapped_rows; l != NULL; l = l->next)
    {
      update_time (l->data);
      update_sla (l->data);
    }

  return G_SOURCE_CONTINUE;
}

/* The model refreshes the object in place when the store changes: a new
 * status, assignee, tag or classification shows at once. */
static void
on_item_notify_cb (StewardInboxRow  *self,
                   GParamSpec       *pspec,
                   StewardInboxItem *item)
{
  if (g_strcmp0 (pspec->name, "status") == 0)
    update_status (self);
  else
    update (self);
}

static void
steward_inbox_row_map (GtkWidget *widget)
{
  StewardInboxRow *self = STEWARD_INBOX_ROW (widget);

  GTK_WIDGET_CLASS (steward_inbox_row_parent_class)->map (widget);

  update_time (self);
  update_sla (self);
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
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, urgent_image);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, sla_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, sentiment_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, tags_label);
  gtk_widget_class_bind_template_child (widget_class, StewardInboxRow, assignee_avatar);
}

static void
steward_inbox_row_init (StewardInboxRow *self)
{
  self->due_soon = STEWARD_SLA_DEFAULT_DUE_SOON;
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
    g_signal_connect_object (item, "notify",
                             G_CALLBACK (on_item_notify_cb), self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/* How close to due counts as due soon, in seconds (the policy's). */
void
steward_inbox_row_set_due_soon (StewardInboxRow *self,
                                gint64           due_soon)
{
  g_return_if_fail (STEWARD_IS_INBOX_ROW (self));

  if (self->due_soon == due_soon)
    return;

  self->due_soon = due_soon;
  update_sla (self);
}
