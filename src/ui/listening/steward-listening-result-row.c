/* steward-listening-result-row.c — one post matching a listening query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-listening"

#include <glib/gi18n.h>

#include "steward-listening-report.h"
#include "steward-listening-result-row.h"
#include "steward-number-format.h"
#include "steward-relative-time.h"

struct _StewardListeningResultRow
{
  GtkWidget    parent_instance;

  StewardPost *post;
  gboolean     in_inbox;

  /* Template widgets */
  GtkWidget   *box;
  GtkLabel    *new_label;
  GtkLabel    *author_name_label;
  GtkLabel    *author_label;
  GtkLabel    *time_label;
  GtkLabel    *text_label;
  GtkLabel    *sentiment_label;
  GtkLabel    *network_label;
  GtkButton   *send_button;
  GtkImage    *send_image;
  GtkLabel    *in_inbox_label;
};

G_DEFINE_FINAL_TYPE (StewardListeningResultRow, steward_listening_result_row, GTK_TYPE_WIDGET)

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  StewardListeningResultRow *self = STEWARD_LISTENING_RESULT_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *url;

  if (self->post == NULL || (url = steward_post_get_url (self->post)) == NULL)
    return;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

/* The button sends the post to the inbox through the page's
 * "listening.send-to-inbox" action; once the post is there it only says so. */
static void
update_send_button (StewardListeningResultRow *self)
{
  GtkWidget *button = GTK_WIDGET (self->send_button);
  gboolean can_send = self->post != NULL && !self->in_inbox;

  gtk_widget_set_visible (GTK_WIDGET (self->in_inbox_label), self->in_inbox);
  gtk_image_set_from_icon_name (self->send_image,
                                self->in_inbox ? "object-select-symbolic" : "mail-send-symbolic");
  if (can_send)
    {
      gtk_widget_set_sensitive (button, TRUE);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int64 (steward_post_get_id (self->post)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "listening.send-to-inbox");
      gtk_widget_set_tooltip_text (button, _("Send to Inbox"));
    }
  else
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
      gtk_widget_set_sensitive (button, FALSE);
      gtk_widget_set_tooltip_text (button, self->in_inbox ? _("This post is an item of the Inbox") : NULL);
    }
}

static void
steward_listening_result_row_dispose (GObject *object)
{
  StewardListeningResultRow *self = STEWARD_LISTENING_RESULT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STEWARD_TYPE_LISTENING_RESULT_ROW);
  g_clear_object (&self->post);

  G_OBJECT_CLASS (steward_listening_result_row_parent_class)->dispose (object);
}

static void
steward_listening_result_row_class_init (StewardListeningResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = steward_listening_result_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/steward/Steward/ui/listening/steward-listening-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, box);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, new_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, author_name_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, sentiment_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, network_label);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, send_button);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, send_image);
  gtk_widget_class_bind_template_child (widget_class, StewardListeningResultRow, in_inbox_label);

  gtk_widget_class_install_action (widget_class, "result.open", NULL, open_action_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
steward_listening_result_row_init (StewardListeningResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_send_button (self);
}

GtkWidget *
steward_listening_result_row_new (void)
{
  return g_object_new (STEWARD_TYPE_LISTENING_RESULT_ROW, NULL);
}

StewardPost *
steward_listening_result_row_get_post (StewardListeningResultRow *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_RESULT_ROW (self), NULL);

  return self->post;
}

const char *
steward_listening_result_row_get_text_markup (StewardListeningResultRow *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_RESULT_ROW (self), NULL);

  return gtk_label_get_label (self->text_label);
}

void
steward_listening_result_row_set_post (StewardListeningResultRow *self,
                                       StewardPost               *post)
{
  static const char * const sentiment_classes[] = { "sentiment-neutral", "sentiment-positive", "sentiment-negative" };
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *when_full = NULL;
  g_autofree char *followers = NULL;
  g_autofree char *author = NULL;
  StewardSentimentLabel sentiment;
  const char *markup;
  const char *name;

  g_return_if_fail (STEWARD_IS_LISTENING_RESULT_ROW (self));
  g_return_if_fail (post == NULL || STEWARD_IS_POST (post));

  if (!g_set_object (&self->post, post))
    return;
  update_send_button (self);
  if (post == NULL)
    return;

  name = steward_post_get_author_name (post);
  gtk_label_set_text (self->author_name_label,
                      name != NULL && name[0] != '\0' ? name : steward_post_get_author (post));
  followers = steward_number_format_followers (steward_post_get_author_followers (post));
  if (followers != NULL)
    author = g_strdup_printf ("@%s · %s", steward_post_get_author (post), followers);
  else
    author = g_strdup_printf ("@%s", steward_post_get_author (post));
  gtk_label_set_text (self->author_label, author);

  now = g_date_time_new_now_utc ();
  when = steward_relative_time_short (steward_post_get_created_at (post), now);
  when_full = steward_relative_time_full (steward_post_get_created_at (post));
  gtk_label_set_text (self->time_label, when);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), when_full);

  markup = steward_post_get_highlight_markup (post);
  if (markup != NULL)
    gtk_label_set_markup (self->text_label, markup);
  else
    gtk_label_set_text (self->text_label, steward_post_get_text (post));

  sentiment = steward_listening_post_get_sentiment (post);
  for (guint i = 0; i < G_N_ELEMENTS (sentiment_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->sentiment_label), sentiment_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->sentiment_label), sentiment_classes[sentiment]);
  gtk_label_set_text (self->sentiment_label, steward_sentiment_label_get_display_name (sentiment));

  gtk_label_set_text (self->network_label, steward_post_get_network (post));
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), steward_post_get_is_new (post));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "result.open", steward_post_get_url (post) != NULL);
}

gboolean
steward_listening_result_row_get_in_inbox (StewardListeningResultRow *self)
{
  g_return_val_if_fail (STEWARD_IS_LISTENING_RESULT_ROW (self), FALSE);

  return self->in_inbox;
}

void
steward_listening_result_row_set_in_inbox (StewardListeningResultRow *self,
                                           gboolean                   in_inbox)
{
  g_return_if_fail (STEWARD_IS_LISTENING_RESULT_ROW (self));

  in_inbox = !!in_inbox;
  if (self->in_inbox == in_inbox)
    return;
  self->in_inbox = in_inbox;
  update_send_button (self);
}
