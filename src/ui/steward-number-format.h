/* steward-number-format.h — short, localized counts ("12k", "1.2万")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @n abbreviated for the reader: below 10,000 as it is; above, English
 * groups by thousands ("12k", "1.2M") and Chinese by ten thousands
 * ("1.2万", "3.4亿"; "萬" and "億" in Traditional). @language is a locale
 * name such as "zh_TW" or "en"; %NULL means the language of the UI. */
char *steward_number_format_compact   (gint64      n,
                                       const char *language);
/* "12k followers", "1.2万 位关注者"…; %NULL when @followers is negative
 * (unknown). */
char *steward_number_format_followers (gint64      followers);

G_END_DECLS
