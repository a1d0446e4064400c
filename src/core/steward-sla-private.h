/* steward-sla-private.h — what the SLA, urgency and report files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-sla.h"
#include "steward-store-private.h"

G_BEGIN_DECLS

/* Writes one row of the settings table inside the caller's transaction
 * (steward_store_set_setting() runs its own, and saving a policy or the
 * default rules must be all or nothing). @value %NULL deletes. */
gboolean          steward_store_put_setting_in_transaction (StewardStore            *store,
                                                            const char              *key,
                                                            const char              *value,
                                                            GError                 **error);

/* The policy as stored, or the defaults, for the store's own files: never
 * fails on a bad value (it is ignored), only on SQLite errors. */
StewardSlaPolicy *steward_store_read_sla_policy            (StewardStore            *store,
                                                            GError                 **error);

/* The due time to store for an item: NULL (the SQL value) when the policy
 * has no working day, so never due. */
void              steward_sla_bind_due_at                  (sqlite3_stmt            *stmt,
                                                            int                      index,
                                                            const StewardSlaPolicy  *policy,
                                                            gint64                   created_at,
                                                            gboolean                 urgent);

G_END_DECLS
