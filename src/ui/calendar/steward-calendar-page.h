/* steward-calendar-page.h — the Calendar tab (an honest empty state for now)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_CALENDAR_PAGE (steward_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (StewardCalendarPage, steward_calendar_page, STEWARD, CALENDAR_PAGE, AdwBin)

StewardContext *steward_calendar_page_get_context (StewardCalendarPage *self);

G_END_DECLS
