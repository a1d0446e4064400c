/* steward-context-private.h — what the sync engine needs of the context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-context.h"

G_BEGIN_DECLS

/* A copy of the context's network registry and a reference to its secrets,
 * taken on the main thread, so that a worker can build sources without
 * touching the context (which may go away while the worker runs). */
typedef struct _StewardSourceSnapshot StewardSourceSnapshot;

StewardSourceSnapshot *steward_context_snapshot_sources (StewardContext        *self);
StewardSource         *steward_source_snapshot_create   (StewardSourceSnapshot *snapshot,
                                                         StewardAccount        *account,
                                                         GCancellable          *cancellable,
                                                         GError               **error);
void                   steward_source_snapshot_free     (StewardSourceSnapshot *snapshot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardSourceSnapshot, steward_source_snapshot_free)

G_END_DECLS
