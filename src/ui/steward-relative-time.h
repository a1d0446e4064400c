/* steward-relative-time.h — short, localized "5 min" style times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "now", "5 min", "3 h", "2 d", then a date ("Mar 4"; with the year when it
 * is not this year's). @now may be NULL for the current time. */
char *steward_relative_time_short (GDateTime *when,
                                   GDateTime *now);
/* The full local date and time, for a tooltip. */
char *steward_relative_time_full  (GDateTime *when);

G_END_DECLS
