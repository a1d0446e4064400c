/* steward-listening-page.h — the Listening tab (an honest empty state for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_LISTENING_PAGE (steward_listening_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardListeningPage, steward_listening_page, STEWARD, LISTENING_PAGE, AdwBin)

StewardContext *steward_listening_page_get_context (StewardListeningPage *self);

G_END_DECLS
