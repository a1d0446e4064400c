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
