/* steward-reply-length.c — how long a reply is, counted as Mastodon counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mastodon's StatusLengthValidator replaces each link by 23 characters and
 * each remote mention by its local part, then counts grapheme clusters of
 * the text plus the content warning. Pango knows grapheme boundaries
 * (cursor positions), so the UI counts them the same way.
 */
#define G_LOG_DOMAIN "steward-inbox"

#include <string.h>
#include <pango/pango.h>

#include "steward-reply-length.h"

#define URL_LENGTH 23

/* Mastodon's URL and mention patterns, simplified to what changes the
 * count: a link runs to the next space, without trailing punctuation; a
 * mention starts after a character that is neither a word character nor
 * "/" (so an e-mail address or a URL path is no mention). */
#define LINK_PATTERN "(?<![\\w/])https?://[^\\s]+?(?=[.,:;!?'\")\\]]*(\\s|$))"
#define MENTION_PATTERN "(?<![\\w/@])(@\\w+(?:[.\\-]\\w+)*)@[\\w\\-]+(?:\\.[\\w\\-]+)+"

static guint
count_graphemes (const char *text)
{
  g_autofree PangoLogAttr *attrs = NULL;
  glong n_chars;
  guint n = 0;

  n_chars = g_utf8_strlen (text, -1);
  if (n_chars == 0)
    return 0;

  attrs = g_new (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (text, -1, -1, pango_language_from_string ("en"), attrs, n_chars + 1);

  /* A cursor position before each character that starts a cluster. */
  for (glong i = 0; i < n_chars; i++)
    if (attrs[i].is_cursor_position)
      n++;

  return n;
}

static char *
dup_countable_text (const char *text)
{
  static GRegex *link_regex;
  static GRegex *mention_regex;
  static const char padding[URL_LENGTH + 1] = "xxxxxxxxxxxxxxxxxxxxxxx";
  g_autofree char *without_links = NULL;

  if (g_once_init_enter (&link_regex))
    {
      GRegex *regex = g_regex_new (LINK_PATTERN, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);

      g_assert (regex != NULL);
      mention_regex = g_regex_new (MENTION_PATTERN, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
      g_assert (mention_regex != NULL);
      g_once_init_leave (&link_regex, regex);
    }

  without_links = g_regex_replace_literal (link_regex, text, -1, 0, padding, 0, NULL);
  if (without_links == NULL)
    return g_strdup (text);

  return g_regex_replace (mention_regex, without_links, -1, 0, "\\1", 0, NULL);
}

guint
steward_reply_length (const char *text,
                      const char *spoiler_text)
{
  g_autofree char *countable = NULL;
  guint length = 0;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      countable = dup_countable_text (text);
      length += count_graphemes (countable != NULL ? countable : text);
    }

  if (spoiler_text != NULL && g_utf8_validate (spoiler_text, -1, NULL))
    length += count_graphemes (spoiler_text);

  return length;
}
