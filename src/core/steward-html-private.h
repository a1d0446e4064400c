/* steward-html-private.h — the two ways steward-html.c converts (testing)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* steward_html_convert() on libxml2's tree alone, never the simple path. */
void      steward_html_convert_with_libxml (const char  *html,
                                            char       **text,
                                            char       **markup);

/* The simple path alone: FALSE (and nothing set) when @html, which must be
 * valid UTF-8, is outside the subset it handles. */
gboolean  steward_html_convert_simple      (const char  *html,
                                            char       **text,
                                            char       **markup);

G_END_DECLS
