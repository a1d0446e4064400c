/* steward-number-format.c — short, localized counts ("12k", "1.2万")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-number-format"

#include <string.h>
#include <glib/gi18n.h>

#include "steward-number-format.h"

typedef enum {
  STYLE_WESTERN,
  STYLE_SIMPLIFIED,
  STYLE_TRADITIONAL,
} Style;

/* The language the UI is translated into decides the grouping, not the
 * number locale: a Chinese UI says 万 even under LC_NUMERIC=C. */
static Style
style_for_language (const char *language)
{
  if (language == NULL)
    {
      const char * const *names = g_get_language_names ();

      /* The first name is the one gettext uses (LANGUAGE, LC_ALL,
       * LC_MESSAGES, LANG), "C" when none is set. */
      language = names[0];
    }

  if (!g_str_has_prefix (language, "zh"))
    return STYLE_WESTERN;
  if (strstr (language, "TW") != NULL || strstr (language, "HK") != NULL ||
      strstr (language, "MO") != NULL || strstr (language, "Hant") != NULL)
    return STYLE_TRADITIONAL;

  return STYLE_SIMPLIFIED;
}

/* @value / @unit with one decimal below ten units ("1.2"), none above
 * ("12"), and no ".0". */
static char *
format_units (gint64 value,
              gint64 unit)
{
  gint64 tenths = (value * 10 + unit / 2) / unit;

  /* Rounded once, from the value: 999,499 is 999k, not 999.5k then 1000k. */
  if (tenths >= 100 || tenths % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (value + unit / 2) / unit);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%d", tenths / 10, (int) (tenths % 10));
}

char *
steward_number_format_compact (gint64      n,
                               const char *language)
{
  Style style = style_for_language (language);
  g_autofree char *sign = NULL;
  g_autofree char *digits = NULL;
  const char *suffix;
  gint64 unit;

  if (n < 0)
    {
      g_autofree char *positive = steward_number_format_compact (n == G_MININT64 ? G_MAXINT64 : -n,
                                                                 language);
      return g_strconcat ("-", positive, NULL);
    }

  if (n < 10000)
    return g_strdup_printf ("%" G_GINT64_FORMAT, n);

  if (style == STYLE_WESTERN)
    {
      /* 999,950 would round to "1000k": it is "1M". */
      if (n >= 999500000)
        unit = 1000000000, suffix = "B";
      else if (n >= 999500)
        unit = 1000000, suffix = "M";
      else
        unit = 1000, suffix = "k";
    }
  else
    {
      if (n >= 99995000)
        unit = 100000000, suffix = style == STYLE_TRADITIONAL ? "億" : "亿";
      else
        unit = 10000, suffix = style == STYLE_TRADITIONAL ? "萬" : "万";
    }

  digits = format_units (n, unit);
  return g_strconcat (digits, suffix, NULL);
}

char *
steward_number_format_followers (gint64 followers)
{
  g_autofree char *count = NULL;
  gulong plural;

  if (followers < 0)
    return NULL;

  count = steward_number_format_compact (followers, NULL);
  plural = (guint64) followers > G_MAXULONG ? G_MAXULONG : (gulong) followers;

  /* Translators: %s is a follower count, possibly abbreviated: "12k",
   * "1.2M" (Chinese UIs get "1.2万") */
  return g_strdup_printf (ngettext ("%s follower", "%s followers", plural), count);
}
