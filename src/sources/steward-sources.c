/* steward-sources.c — every network Steward knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-sources"

#include "steward-sources.h"

#include "mastodon/steward-mastodon-source.h"

/**
 * steward_sources_register_all:
 * @context: the workspace
 *
 * Registers each network's source factory on @context.
 */
void
steward_sources_register_all (StewardContext *context)
{
  g_return_if_fail (STEWARD_IS_CONTEXT (context));

  steward_context_register_network (context, "mastodon", steward_mastodon_source_factory, NULL, NULL);
}
