/* steward-mastodon-server-content.c — plain text into Mastodon-like HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "steward-mastodon-server"

#include <string.h>

#include "steward-mastodon-server-private.h"

static gboolean
is_user_char (gunichar c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_domain_char (gunichar c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-';
}

static gboolean
is_tag_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (out, escaped);
}

static void
append_line (StewardMastodonServer *self,
             GString               *out,
             const char            *line,
             GArray                *mentions,
             GPtrArray             *tags)
{
  const char *p = line;
  const char *plain = line;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      gunichar before = p > line ? g_utf8_get_char (g_utf8_prev_char (p)) : ' ';
      gboolean boundary = !is_user_char (before) && before != '/';

      if (c == '@' && boundary && is_user_char (g_utf8_get_char (p + 1)))
        {
          const char *end = p + 1;
          g_autofree char *acct = NULL;
          ServerAccount *account;

          while (is_user_char (*end))
            end++;
          if (*end == '@' && is_domain_char (end[1]))
            {
              const char *domain_end = end + 1;
              while (is_domain_char (*domain_end))
                domain_end++;
              while (domain_end[-1] == '.' || domain_end[-1] == '-')
                domain_end--;
              end = domain_end;
            }
          acct = g_strndup (p + 1, end - p - 1);
          account = steward_mastodon_server_find_account (self, acct);
          if (account != NULL)
            {
              g_autofree char *url = steward_mastodon_server_account_url (self, account);
              g_autofree char *username = g_strdup (account->acct);
              char *at = strchr (username, '@');

              if (at != NULL)
                *at = '\0';
              append_escaped (out, plain, p - plain);
              g_string_append_printf (out,
                                      "<span class=\"h-card\" translate=\"no\"><a href=\"%s\" "
                                      "class=\"u-url mention\">@<span>%s</span></a></span>",
                                      url, username);
              if (mentions != NULL)
                g_array_append_val (mentions, account->id);
              p = plain = end;
              continue;
            }
        }
      else if (c == '#' && boundary && is_tag_char (g_utf8_get_char (p + 1)))
        {
          const char *end = p + 1;
          g_autofree char *tag = NULL;
          g_autofree char *escaped = NULL;

          while (*end != '\0' && is_tag_char (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          tag = g_strndup (p + 1, end - p - 1);
          escaped = g_markup_escape_text (tag, -1);
          append_escaped (out, plain, p - plain);
          g_string_append_printf (out,
                                  "<a href=\"%s/tags/%s\" class=\"mention hashtag\" "
                                  "rel=\"tag\">#<span>%s</span></a>",
                                  self->base_url, escaped, escaped);
          if (tags != NULL)
            g_ptr_array_add (tags, g_steal_pointer (&tag));
          p = plain = end;
          continue;
        }
      else if ((g_str_has_prefix (p, "https://") || g_str_has_prefix (p, "http://")) && boundary)
        {
          const char *scheme_end = strstr (p, "://") + 3;
          const char *end = scheme_end;
          g_autofree char *url = NULL;
          g_autofree char *escaped = NULL;
          g_autofree char *scheme = NULL;
          g_autofree char *visible = NULL;
          g_autofree char *rest = NULL;
          gsize rest_len;

          while (*end != '\0' && !g_ascii_isspace (*end) && (guchar) *end < 0x80 &&
                 *end != '<' && *end != '>' && *end != '"')
            end++;
          while (end > scheme_end && strchr (".,;:!?)", end[-1]) != NULL)
            end--;
          url = g_strndup (p, end - p);
          escaped = g_markup_escape_text (url, -1);
          scheme = g_markup_escape_text (p, scheme_end - p);
          rest_len = end - scheme_end;
          visible = g_markup_escape_text (scheme_end, MIN (rest_len, 30));
          rest = rest_len > 30 ? g_markup_escape_text (scheme_end + 30, rest_len - 30) : g_strdup ("");
          append_escaped (out, plain, p - plain);
          g_string_append_printf (out,
                                  "<a href=\"%s\" target=\"_blank\" rel=\"nofollow noopener noreferrer\" "
                                  "translate=\"no\"><span class=\"invisible\">%s</span>"
                                  "<span class=\"%s\">%s</span><span class=\"invisible\">%s</span></a>",
                                  escaped, scheme, rest_len > 30 ? "ellipsis" : "", visible, rest);
          p = plain = end;
          continue;
        }

      p = g_utf8_next_char (p);
    }
  append_escaped (out, plain, p - plain);
}

char *
steward_mastodon_server_text_to_html (StewardMastodonServer *self,
                                      const char            *text,
                                      GArray                *mentions,
                                      GPtrArray             *tags)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (paragraphs[i]));

      if (*stripped == '\0')
        continue;
      lines = g_strsplit (stripped, "\n", -1);
      g_string_append (out, "<p>");
      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (out, "<br />");
          append_line (self, out, lines[j], mentions, tags);
        }
      g_string_append (out, "</p>");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
