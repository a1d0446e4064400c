/* steward-types.c — enumerations to and from their stable names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These names are what the database, the CLI's JSON and the cursors use, so
 * they never change even if the enumerations are reordered.
 */
#define G_LOG_DOMAIN "steward-types"

#include "steward-types.h"

static const char * const item_kinds[] = {
  [STEWARD_ITEM_KIND_MENTION] = "mention",
  [STEWARD_ITEM_KIND_DIRECT] = "direct",
  [STEWARD_ITEM_KIND_LISTENING] = "listening",
};

static const char * const item_statuses[] = {
  [STEWARD_ITEM_STATUS_NEW] = "new",
  [STEWARD_ITEM_STATUS_OPEN] = "open",
  [STEWARD_ITEM_STATUS_PENDING] = "pending",
  [STEWARD_ITEM_STATUS_CLOSED] = "closed",
};

static const char * const streams[] = {
  [STEWARD_STREAM_MENTIONS] = "mentions",
  [STEWARD_STREAM_DIRECT] = "direct",
};

G_STATIC_ASSERT (G_N_ELEMENTS (streams) == STEWARD_N_STREAMS);

static const char * const inbox_views[] = {
  [STEWARD_INBOX_VIEW_ALL] = "all",
  [STEWARD_INBOX_VIEW_NEW] = "new",
  [STEWARD_INBOX_VIEW_MINE] = "mine",
  [STEWARD_INBOX_VIEW_UNASSIGNED] = "unassigned",
  [STEWARD_INBOX_VIEW_PENDING] = "pending",
  [STEWARD_INBOX_VIEW_URGENT] = "urgent",
  [STEWARD_INBOX_VIEW_DUE_SOON] = "due-soon",
  [STEWARD_INBOX_VIEW_CLOSED] = "closed",
  [STEWARD_INBOX_VIEW_SNOOZED] = "snoozed",
};

static const char * const sla_states[] = {
  [STEWARD_SLA_STATE_NONE] = "none",
  [STEWARD_SLA_STATE_OK] = "ok",
  [STEWARD_SLA_STATE_DUE_SOON] = "due-soon",
  [STEWARD_SLA_STATE_BREACHED] = "breached",
  [STEWARD_SLA_STATE_MET] = "met",
  [STEWARD_SLA_STATE_MISSED] = "missed",
};

static const char * const outbox_states[] = {
  [STEWARD_OUTBOX_STATE_QUEUED] = "queued",
  [STEWARD_OUTBOX_STATE_SENDING] = "sending",
  [STEWARD_OUTBOX_STATE_SENT] = "sent",
  [STEWARD_OUTBOX_STATE_FAILED] = "failed",
  [STEWARD_OUTBOX_STATE_HELD] = "held",
};

static int
lookup (const char * const *names,
        guint               n_names,
        const char         *str)
{
  if (str == NULL)
    return -1;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], str))
        return (int) i;
    }

  return -1;
}

/**
 * steward_item_kind_to_string:
 * @kind: an item kind
 *
 * Returns: (transfer none): "mention", "direct" or "listening"
 */
const char *
steward_item_kind_to_string (StewardItemKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (item_kinds), NULL);

  return item_kinds[kind];
}

/**
 * steward_item_kind_from_string:
 * @str: (nullable): "mention", "direct" or "listening"
 * @kind: (out) (optional): the kind
 *
 * Returns: %TRUE if @str names a kind
 */
gboolean
steward_item_kind_from_string (const char      *str,
                               StewardItemKind *kind)
{
  int value = lookup (item_kinds, G_N_ELEMENTS (item_kinds), str);

  if (value < 0)
    return FALSE;
  if (kind != NULL)
    *kind = (StewardItemKind) value;
  return TRUE;
}

/**
 * steward_item_status_to_string:
 * @status: an item status
 *
 * Returns: (transfer none): "new", "open", "pending" or "closed"
 */
const char *
steward_item_status_to_string (StewardItemStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (item_statuses), NULL);

  return item_statuses[status];
}

/**
 * steward_item_status_from_string:
 * @str: (nullable): "new", "open", "pending" or "closed"
 * @status: (out) (optional): the status
 *
 * Returns: %TRUE if @str names a status
 */
gboolean
steward_item_status_from_string (const char        *str,
                                 StewardItemStatus *status)
{
  int value = lookup (item_statuses, G_N_ELEMENTS (item_statuses), str);

  if (value < 0)
    return FALSE;
  if (status != NULL)
    *status = (StewardItemStatus) value;
  return TRUE;
}

/**
 * steward_stream_to_string:
 * @stream: a stream
 *
 * Returns: (transfer none): "mentions" or "direct"
 */
const char *
steward_stream_to_string (StewardStream stream)
{
  g_return_val_if_fail ((guint) stream < G_N_ELEMENTS (streams), NULL);

  return streams[stream];
}

/**
 * steward_inbox_view_to_string:
 * @view: an inbox view
 *
 * Returns: (transfer none): "all", "new", "mine", "unassigned", "pending",
 *   "urgent", "due-soon", "closed" or "snoozed"
 */
const char *
steward_inbox_view_to_string (StewardInboxView view)
{
  g_return_val_if_fail ((guint) view < G_N_ELEMENTS (inbox_views), NULL);

  return inbox_views[view];
}

/**
 * steward_inbox_view_from_string:
 * @str: (nullable): a view's name (see steward_inbox_view_to_string())
 * @view: (out) (optional): the view
 *
 * Returns: %TRUE if @str names a view
 */
gboolean
steward_inbox_view_from_string (const char       *str,
                                StewardInboxView *view)
{
  int value = lookup (inbox_views, G_N_ELEMENTS (inbox_views), str);

  if (value < 0)
    return FALSE;
  if (view != NULL)
    *view = (StewardInboxView) value;
  return TRUE;
}

/**
 * steward_sla_state_to_string:
 * @state: an SLA state
 *
 * Returns: (transfer none): "none", "ok", "due-soon", "breached", "met" or
 *   "missed"
 */
const char *
steward_sla_state_to_string (StewardSlaState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (sla_states), NULL);

  return sla_states[state];
}

/**
 * steward_outbox_state_to_string:
 * @state: an outbox state
 *
 * Returns: (transfer none): "queued", "sending", "sent", "failed" or "held"
 *   (the names the outbox table stores)
 */
const char *
steward_outbox_state_to_string (StewardOutboxState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (outbox_states), NULL);

  return outbox_states[state];
}

/**
 * steward_outbox_state_from_string:
 * @str: (nullable): "queued", "sending", "sent", "failed" or "held"
 * @state: (out) (optional): the state
 *
 * Returns: %TRUE if @str names an outbox state
 */
gboolean
steward_outbox_state_from_string (const char         *str,
                                  StewardOutboxState *state)
{
  int value = lookup (outbox_states, G_N_ELEMENTS (outbox_states), str);

  if (value < 0)
    return FALSE;
  if (state != NULL)
    *state = (StewardOutboxState) value;
  return TRUE;
}
