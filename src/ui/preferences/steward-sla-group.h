/* steward-sla-group.h — Preferences: business hours and response times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits the workspace's SLA policy (steward-sla.h) and saves it with
 * steward_store_save_sla_policy() in a worker thread, since saving
 * recomputes the due time of every item still waiting for a reply.
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_SLA_GROUP (steward_sla_group_get_type ())
G_DECLARE_FINAL_TYPE (StewardSlaGroup, steward_sla_group, STEWARD, SLA_GROUP, AdwPreferencesGroup)

GtkWidget *steward_sla_group_new  (StewardContext *context);
/* Whether the policy is being saved (property "saving"). */
gboolean   steward_sla_group_get_saving (StewardSlaGroup *self);

G_END_DECLS
