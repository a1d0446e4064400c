/* steward-demo-history.h — a team's past work in the demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>

G_BEGIN_DECLS

/* Gives the demo account's items older than a day and a half the triage
 * history of a working team (assignments, replies, closes), in one
 * transaction. Items that already have a first response are left alone. */
gboolean steward_demo_seed_history (StewardStore  *store,
                                    gint64         account_id,
                                    gint64         now,
                                    GError       **error);

G_END_DECLS
