/* steward-html.h — post HTML to plain text and to safe Pango markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Both parse with libxml2's HTML parser. Paragraphs become blank-line
 * separated, <br> a newline, entities are decoded, Mastodon's "invisible"
 * spans are dropped and "ellipsis" spans end in "…"; <script> and <style>
 * content is dropped. The markup only ever contains tags and escapes that
 * this module wrote (<a href>, <b>, <i>, <s>, <tt>), never the input's.
 * Input without any "<" is plain text (RSS titles, Bluesky posts): taken
 * literally, escaped, its line breaks kept. NULL gives "", never NULL.
 * The text of the markup always equals the plain text. */
char *steward_html_to_text   (const char *html);
char *steward_html_to_markup (const char *html);
void  steward_html_convert   (const char *html,
                              char      **text,
                              char      **markup);

G_END_DECLS
