/* steward-ambassadors-page.h — the Ambassadors tab (an honest empty state for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_AMBASSADORS_PAGE (steward_ambassadors_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardAmbassadorsPage, steward_ambassadors_page, STEWARD, AMBASSADORS_PAGE, AdwBin)

StewardContext *steward_ambassadors_page_get_context (StewardAmbassadorsPage *self);

G_END_DECLS
