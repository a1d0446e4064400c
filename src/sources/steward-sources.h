/* steward-sources.h — every network Steward knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <steward/steward.h>

G_BEGIN_DECLS

/* Registers each network's source factory on @context ("mastodon", …). */
void steward_sources_register_all (StewardContext *context);

G_END_DECLS
