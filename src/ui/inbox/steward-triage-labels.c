/* steward-triage-labels.c — words and chip colours for triage states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <glib/gi18n.h>

#include "steward-triage-labels.h"

static const char * const status_classes[] = {
  "status-new", "status-open", "status-pending", "status-closed",
};

static const char * const sla_classes[] = {
  "sla-none", "sla-ok", "sla-due-soon", "sla-breached", "sla-met", "sla-missed",
};

static const char * const sentiment_classes[] = {
  "sentiment-neutral", "sentiment-positive", "sentiment-negative",
};

static const char * const outbox_classes[] = {
  "outbox-queued", "outbox-sending", "outbox-sent", "outbox-failed", "outbox-held",
};

static void
remove_classes (GtkWidget          *widget,
                const char * const *classes,
                guint               n_classes)
{
  for (guint i = 0; i < n_classes; i++)
    gtk_widget_remove_css_class (widget, classes[i]);
}

const char *
steward_item_status_get_display_name (StewardItemStatus status)
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

void
steward_status_chip_set_status (GtkLabel *label,
                                int       status)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  remove_classes (GTK_WIDGET (label), status_classes, G_N_ELEMENTS (status_classes));
  if (status < 0 || (guint) status >= G_N_ELEMENTS (status_classes))
    {
      gtk_label_set_label (label, "");
      return;
    }

  gtk_label_set_label (label, steward_item_status_get_display_name (status));
  gtk_widget_add_css_class (GTK_WIDGET (label), status_classes[status]);
}

void
steward_sla_chip_clear (GtkWidget *chip)
{
  g_return_if_fail (GTK_IS_WIDGET (chip));

  remove_classes (chip, sla_classes, G_N_ELEMENTS (sla_classes));
}

void
steward_sla_chip_set_state (GtkWidget       *chip,
                            StewardSlaState  state)
{
  g_return_if_fail (GTK_IS_WIDGET (chip));

  steward_sla_chip_clear (chip);
  if ((guint) state < G_N_ELEMENTS (sla_classes))
    gtk_widget_add_css_class (chip, sla_classes[state]);
}

gboolean
steward_sentiment_chip_set_label (GtkLabel *label,
                                  int       sentiment_label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), FALSE);

  remove_classes (GTK_WIDGET (label), sentiment_classes, G_N_ELEMENTS (sentiment_classes));
  if (sentiment_label <= STEWARD_SENTIMENT_LABEL_NEUTRAL ||
      (guint) sentiment_label >= G_N_ELEMENTS (sentiment_classes))
    return FALSE;

  gtk_label_set_label (label, steward_sentiment_label_get_display_name (sentiment_label));
  gtk_widget_add_css_class (GTK_WIDGET (label), sentiment_classes[sentiment_label]);
  return TRUE;
}

const char *
steward_outbox_state_get_display_name (StewardOutboxState state)
{
  switch (state)
    {
    case STEWARD_OUTBOX_STATE_QUEUED:
      /* Translators: state of a reply in the outbox: waiting for the next sync */
      return C_("outbox state", "Queued");
    case STEWARD_OUTBOX_STATE_SENDING:
      /* Translators: state of a reply in the outbox */
      return C_("outbox state", "Sending");
    case STEWARD_OUTBOX_STATE_SENT:
      /* Translators: state of a reply in the outbox: the server confirmed it */
      return C_("outbox state", "Sent");
    case STEWARD_OUTBOX_STATE_FAILED:
      /* Translators: state of a reply in the outbox: the server refused it */
      return C_("outbox state", "Failed");
    case STEWARD_OUTBOX_STATE_HELD:
      /* Translators: state of a reply in the outbox: not sent because the
       * thread changed; the user decides */
      return C_("outbox state", "Held");
    default:
      return "";
    }
}

void
steward_outbox_chip_set_state (GtkLabel           *label,
                               StewardOutboxState  state)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  remove_classes (GTK_WIDGET (label), outbox_classes, G_N_ELEMENTS (outbox_classes));
  gtk_label_set_label (label, steward_outbox_state_get_display_name (state));
  if ((guint) state < G_N_ELEMENTS (outbox_classes))
    gtk_widget_add_css_class (GTK_WIDGET (label), outbox_classes[state]);
}

const char *
steward_inbox_view_get_display_name (StewardInboxView view)
{
  switch (view)
    {
    case STEWARD_INBOX_VIEW_ALL:
      /* Translators: a view of the Inbox: every item but snoozed ones */
      return C_("inbox view", "All");
    case STEWARD_INBOX_VIEW_NEW:
      /* Translators: a view of the Inbox: items nobody looked at yet */
      return C_("inbox view", "New");
    case STEWARD_INBOX_VIEW_MINE:
      /* Translators: a view of the Inbox: items assigned to me */
      return C_("inbox view", "Mine");
    case STEWARD_INBOX_VIEW_UNASSIGNED:
      /* Translators: a view of the Inbox: items nobody is assigned to */
      return C_("inbox view", "Unassigned");
    case STEWARD_INBOX_VIEW_PENDING:
      /* Translators: a view of the Inbox: waiting for the customer */
      return C_("inbox view", "Pending");
    case STEWARD_INBOX_VIEW_URGENT:
      /* Translators: a view of the Inbox */
      return C_("inbox view", "Urgent");
    case STEWARD_INBOX_VIEW_DUE_SOON:
      /* Translators: a view of the Inbox: first response due soon or overdue */
      return C_("inbox view", "Due Soon");
    case STEWARD_INBOX_VIEW_CLOSED:
      /* Translators: a view of the Inbox */
      return C_("inbox view", "Closed");
    case STEWARD_INBOX_VIEW_SNOOZED:
      /* Translators: a view of the Inbox: items put aside until a time */
      return C_("inbox view", "Snoozed");
    default:
      return "";
    }
}

const char *
steward_inbox_view_get_icon_name (StewardInboxView view)
{
  switch (view)
    {
    case STEWARD_INBOX_VIEW_ALL:
      return "folder-symbolic";
    case STEWARD_INBOX_VIEW_NEW:
      return "mail-unread-symbolic";
    case STEWARD_INBOX_VIEW_MINE:
      return "avatar-default-symbolic";
    case STEWARD_INBOX_VIEW_UNASSIGNED:
      return "system-users-symbolic";
    case STEWARD_INBOX_VIEW_PENDING:
      return "content-loading-symbolic";
    case STEWARD_INBOX_VIEW_URGENT:
      return "dialog-warning-symbolic";
    case STEWARD_INBOX_VIEW_DUE_SOON:
      return "alarm-symbolic";
    case STEWARD_INBOX_VIEW_CLOSED:
      return "object-select-symbolic";
    case STEWARD_INBOX_VIEW_SNOOZED:
      return "preferences-system-time-symbolic";
    default:
      return NULL;
    }
}

char *
steward_tags_dup_display (const char * const *tags)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, '#');
      g_string_append (text, tags[i]);
    }

  return g_string_free (text, FALSE);
}

char *
steward_urgent_rules_dup_display (const char * const *rules)
{
  g_autofree char *joined = NULL;

  if (rules == NULL || rules[0] == NULL)
    return g_strdup (_("Urgent"));

  /* Translators: the list separator of the urgency rules that fired */
  joined = g_strjoinv (_(", "), (char **) rules);
  /* Translators: tooltip of the urgent marker; %s lists the urgency rules
   * that fired, e.g. "Urgent: refund, negative sentiment" */
  return g_strdup_printf (_("Urgent: %s"), joined);
}
