/* steward-sync-indicator.h — the header's sync button: progress and last sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_SYNC_INDICATOR (steward_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (StewardSyncIndicator, steward_sync_indicator, STEWARD, SYNC_INDICATOR, AdwBin)

StewardSyncEngine *steward_sync_indicator_get_sync_engine (StewardSyncIndicator *self);
void               steward_sync_indicator_set_sync_engine (StewardSyncIndicator *self,
                                                           StewardSyncEngine    *engine);

G_END_DECLS
