/* test-html.c — post HTML to plain text and safe Pango markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core tests may not use Pango, so every markup result is checked with
 * GMarkupParseContext (the parser Pango itself uses): it must parse, hold
 * only the elements steward-html writes (a with an http/https/mailto href,
 * b, i, s, tt, without any other attribute), and its text must equal the
 * plain-text result.
 */
#include <string.h>

#include <glib.h>

#include <steward/steward-html.h>

#include "steward-html-private.h"

typedef struct
{
  GString *text;
  GSList  *open;   /* element names, innermost first */
} MarkupCheck;

static const char * const allowed_elements[] = { "a", "b", "i", "s", "tt", NULL };

static void
on_markup_start_element (GMarkupParseContext  *context,
                         const char           *element_name,
                         const char          **attribute_names,
                         const char          **attribute_values,
                         gpointer              user_data,
                         GError              **error)
{
  MarkupCheck *check = user_data;

  if (check->open == NULL)
    {
      /* the wrapper this test added */
      g_assert_cmpstr (element_name, ==, "markup");
      g_assert_null (attribute_names[0]);
    }
  else if (g_strcmp0 (element_name, "a") == 0)
    {
      const char *href = attribute_values[0];

      g_assert_cmpstr (attribute_names[0], ==, "href");
      g_assert_null (attribute_names[1]);
      g_assert_true (g_ascii_strncasecmp (href, "http:", 5) == 0
                     || g_ascii_strncasecmp (href, "https:", 6) == 0
                     || g_ascii_strncasecmp (href, "mailto:", 7) == 0);
    }
  else
    {
      g_assert_true (g_strv_contains (allowed_elements, element_name));
      g_assert_null (attribute_names[0]);
    }

  /* steward-html opens each kind of tag once at most */
  g_assert_null (g_slist_find_custom (check->open, element_name, (GCompareFunc) g_strcmp0));
  check->open = g_slist_prepend (check->open, g_strdup (element_name));
}

static void
on_markup_end_element (GMarkupParseContext  *context,
                       const char           *element_name,
                       gpointer              user_data,
                       GError              **error)
{
  MarkupCheck *check = user_data;
  char *name = check->open->data;

  g_assert_cmpstr (name, ==, element_name);
  check->open = g_slist_delete_link (check->open, check->open);
  g_free (name);
}

static void
on_markup_text (GMarkupParseContext  *context,
                const char           *text,
                gsize                 text_len,
                gpointer              user_data,
                GError              **error)
{
  MarkupCheck *check = user_data;

  g_string_append_len (check->text, text, text_len);
}

static void
on_markup_passthrough (GMarkupParseContext  *context,
                       const char           *passthrough_text,
                       gsize                 text_len,
                       gpointer              user_data,
                       GError              **error)
{
  /* no comments, processing instructions or CDATA sections */
  g_assert_not_reached ();
}

static const GMarkupParser markup_checker = {
  on_markup_start_element,
  on_markup_end_element,
  on_markup_text,
  on_markup_passthrough,
  NULL,
};

static void
assert_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        continue;
      g_assert_false (g_unichar_type (c) == G_UNICODE_CONTROL);
    }
}

/* Converts @html and checks everything that must hold for any input. */
static void
convert_checked (const char  *html,
                 char       **text_out,
                 char       **markup_out)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *only_text = NULL;
  g_autofree char *only_markup = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  MarkupCheck check = { g_string_new (NULL), NULL };

  steward_html_convert (html, &text, &markup);
  g_assert_nonnull (text);
  g_assert_nonnull (markup);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (markup, -1, NULL));
  assert_no_controls (text);

  /* trimmed */
  if (text[0] != '\0')
    {
      gsize len = strlen (text);

      g_assert_false (g_ascii_isspace (text[0]));
      g_assert_false (g_ascii_isspace (text[len - 1]));
    }

  wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  context = g_markup_parse_context_new (&markup_checker, 0, &check, NULL);
  g_markup_parse_context_parse (context, wrapped, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_null (check.open);
  g_assert_cmpstr (check.text->str, ==, text);
  g_string_free (check.text, TRUE);

  only_text = steward_html_to_text (html);
  only_markup = steward_html_to_markup (html);
  g_assert_cmpstr (only_text, ==, text);
  g_assert_cmpstr (only_markup, ==, markup);

  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  if (markup_out != NULL)
    *markup_out = g_steal_pointer (&markup);
}

typedef struct
{
  const char *path;
  const char *html;
  const char *text;
  const char *markup;
} Case;

static const Case cases[] = {
  { "/core/html/paragraphs",
    "<p>Hello <b>world</b></p><p>Second &amp; <i>para</i></p>",
    "Hello world\n\nSecond & para",
    "Hello <b>world</b>\n\nSecond &amp; <i>para</i>" },
  { "/core/html/line-breaks",
    "<p>a<br>b<br/><br>c<br></p><p>d</p>",
    "a\nb\n\nc\n\nd",
    "a\nb\n\nc\n\nd" },
  { "/core/html/entities",
    "<p>&lt;b&gt;not bold&lt;/b&gt; &quot;q&quot; &apos;s&apos; caf&eacute; &#x1F600; &nbsp;x &amp;amp;</p>",
    "<b>not bold</b> \"q\" 's' café 😀 \u00a0x &amp;",
    "&lt;b&gt;not bold&lt;/b&gt; &quot;q&quot; &apos;s&apos; café 😀 \u00a0x &amp;amp;" },
  { "/core/html/mastodon-link",
    "<p>see <a href=\"https://example.com/very/long/path/here\" rel=\"nofollow noopener noreferrer\" "
    "target=\"_blank\"><span class=\"invisible\">https://</span><span class=\"ellipsis\">example.com/"
    "very/lon</span><span class=\"invisible\">g/path/here</span></a> now</p>",
    "see example.com/very/lon… now",
    "see <a href=\"https://example.com/very/long/path/here\">example.com/very/lon…</a> now" },
  { "/core/html/mention-hashtag",
    "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://m.example/@bob\" class=\"u-url mention\">"
    "@<span>bob</span></a></span> loves <a href=\"https://m.example/tags/GNOME\" class=\"mention hashtag\" "
    "rel=\"tag\">#<span>GNOME</span></a></p>",
    "@bob loves #GNOME",
    "<a href=\"https://m.example/@bob\">@bob</a> loves <a href=\"https://m.example/tags/GNOME\">#GNOME</a>" },
  { "/core/html/link-schemes",
    "<p><a href=\"javascript:alert(1)\">one</a> <a href=\" JavaScript:alert(1)\">two</a> "
    "<a href=\"data:text/html,&lt;b&gt;\">three</a> <a href=\"mailto:a@example.com\">four</a> "
    "<a>five</a> <a href=\"HTTPS://EXAMPLE.COM\">six</a> <a href=\"/relative\">seven</a></p>",
    "one two three four five six seven",
    "one two three <a href=\"mailto:a@example.com\">four</a> five <a href=\"HTTPS://EXAMPLE.COM\">six</a> seven" },
  { "/core/html/link-href-escaped",
    "<p><a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;&lt;3&gt;&#39;\" style=\"color:red\" "
    "onclick=\"evil()\" title=\"t\">q</a></p>",
    "q",
    "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;&lt;3&gt;&apos;\">q</a>" },
  { "/core/html/dropped-elements",
    "<head><title>Title</title><style>p { color: red }</style></head><body><script>alert(1)</script>"
    "<template><p>template</p></template><p>ok</p><style>b{}</style><script>document.write('x')</script>"
    "<noscript>noscript</noscript></body>",
    "ok",
    "ok" },
  { "/core/html/script-then-text",
    "<script>alert(1)</script>after",
    "after",
    "after" },
  { "/core/html/pango-injection",
    "<p><span foreground=\"red\" size=\"xx-large\">big</span> <markup><span>x</span></markup> "
    "<big>y</big> <u>z</u> <sub>1</sub></p>",
    "big x y z 1",
    "big x y z 1" },
  { "/core/html/escaped-tags-stay-text",
    "<p>&lt;span foreground=&quot;red&quot;&gt;x&lt;/span&gt;</p>",
    "<span foreground=\"red\">x</span>",
    "&lt;span foreground=&quot;red&quot;&gt;x&lt;/span&gt;" },
  { "/core/html/unclosed",
    "<p><b>bold <i>both",
    "bold both",
    "<b>bold <i>both</i></b>" },
  { "/core/html/formatting",
    "<p><del>x</del> <s>y</s> <code>z</code> <strong><em>w</em></strong> <b>bo<b>ld</b></b> "
    "<strike>v</strike> <kbd>k</kbd></p>",
    "x y z w bold v k",
    "<s>x</s> <s>y</s> <tt>z</tt> <b><i>w</i></b> <b>bold</b> <s>v</s> <tt>k</tt>" },
  { "/core/html/lists",
    "<p>Intro</p><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol><li>first</li></ol><p>end</p>",
    "Intro\n\n• one\n• two\n  • nested\n\n• first\n\nend",
    "Intro\n\n• one\n• two\n  • nested\n\n• first\n\nend" },
  { "/core/html/blockquote",
    "<blockquote><p>quoted <b>text</b></p></blockquote><p>reply</p>",
    "quoted text\n\nreply",
    "quoted <b>text</b>\n\nreply" },
  { "/core/html/whitespace",
    "  \n <p>  lots \t of\n\n space  </p>  <p> </p> <p>a <b> b </b> c</p>\n",
    "lots of space\n\na b c",
    "lots of space\n\na <b>b</b> c" },
  { "/core/html/pre",
    "<pre>  code\n    indented\t\n</pre><p>x</p>",
    "code\n    indented\n\nx",
    "<tt>code\n    indented</tt>\n\nx" },
  { "/core/html/table",
    "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
    "a b\nc",
    "a b\nc" },
  { "/core/html/headings",
    "<h1>Title</h1><p>body</p>",
    "Title\n\nbody",
    "<b>Title</b>\n\nbody" },
  { "/core/html/comments",
    "<p>vis<!-- <b>hidden</b> -->ible</p>",
    "visible",
    "visible" },
  { "/core/html/empty-elements",
    "<p></p><p> </p><b></b><img src=\"x\" onerror=\"alert(1)\">",
    "",
    "" },
  { "/core/html/scripts-of-the-world",
    "<p>中文测试 繁體中文 日本語 한국어</p><p>😀👍🏽 👨‍👩‍👧 🏳️‍🌈</p>"
    "<p dir=\"rtl\">مرحبا بالعالم שלום \u202bRTL\u202c</p>",
    "中文测试 繁體中文 日本語 한국어\n\n😀👍🏽 👨‍👩‍👧 🏳️‍🌈\n\nمرحبا بالعالم שלום \u202bRTL\u202c",
    "中文测试 繁體中文 日本語 한국어\n\n😀👍🏽 👨‍👩‍👧 🏳️‍🌈\n\nمرحبا بالعالم שלום \u202bRTL\u202c" },
  { "/core/html/declared-charset-ignored",
    "<meta charset=\"iso-8859-1\"><p>中文 é</p>",
    "中文 é",
    "中文 é" },
  { "/core/html/plain-text",
    "Tom & Jerry's \"show\"\nsecond   line\r\n\r\nthird &amp; ",
    "Tom & Jerry's \"show\"\nsecond line\n\nthird &amp;",
    "Tom &amp; Jerry&apos;s &quot;show&quot;\nsecond line\n\nthird &amp;amp;" },
  { "/core/html/plain-escaped-tags",
    "&lt;b&gt;x&lt;/b&gt;",
    "&lt;b&gt;x&lt;/b&gt;",
    "&amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt;" },
  { "/core/html/whitespace-only",
    " \n\t ",
    "",
    "" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  convert_checked (c->html, &text, &markup);
  g_assert_cmpstr (text, ==, c->text);
  g_assert_cmpstr (markup, ==, c->markup);
}

static void
test_null_and_empty (void)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *empty_text = NULL;
  g_autofree char *empty_markup = NULL;

  steward_html_convert (NULL, &text, &markup);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpstr (markup, ==, "");

  convert_checked ("", &empty_text, &empty_markup);
  g_assert_cmpstr (empty_text, ==, "");
  g_assert_cmpstr (empty_markup, ==, "");

  /* Either output may be skipped. */
  steward_html_convert ("<p>x</p>", NULL, NULL);
}

static void
test_controls (void)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  /* A terminal escape in a post must not reach the CLI's output. */
  convert_checked ("<p>ctl\x1b[31mred\x07 \xc2\x9bx\x7f</p>", &text, &markup);
  g_assert_cmpstr (text, ==, "ctl[31mred x");
  g_assert_cmpstr (markup, ==, "ctl[31mred x");

  g_clear_pointer (&text, g_free);
  convert_checked ("plain\x1b]0;title\x07 text", &text, NULL);
  g_assert_cmpstr (text, ==, "plain]0;title text");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *plain = NULL;

  convert_checked ("<p>bad \xff\xfe utf8 <b>\xc3</b> ok \xe4\xb8</p>", &text, &markup);
  g_assert_true (g_str_has_prefix (text, "bad \xef\xbf\xbd"));
  g_assert_nonnull (strstr (text, " utf8 \xef\xbf\xbd ok"));
  g_assert_nonnull (strstr (markup, "<b>\xef\xbf\xbd</b>"));

  convert_checked ("no tags \xc0\xaf here", &plain, NULL);
  g_assert_cmpstr (plain, ==, "no tags \xef\xbf\xbd\xef\xbf\xbd here");
}

typedef struct
{
  const char *html;
  const char *forbidden;   /* must appear in neither output */
} Hostile;

static const Hostile hostile[] = {
  { "<script>alert(1)</script>", "alert" },
  /* a browser shows "ipt>alert(1)" here too: as text, which is harmless */
  { "<scr<script>ipt>alert(1)</script>", "<script" },
  { "<svg><script>alert(1)</script></svg>", "alert" },
  { "<style>body{}</style><p>x</p>", "body" },
  { "<span foreground=\"red\">x</span>", "foreground" },
  { "<a href=\"javascript:alert(1)\">x</a>", "javascript" },
  { "<a href='https://x.example/\" foreground=\"red'>y</a>", "foreground=\"" },
  { "<a href=\"https://x.example/\n\x01\">y</a>", "href" },
  { "<b onmouseover=\"alert(1)\">x</b>", "onmouseover" },
  { "<iframe src=\"javascript:alert(1)\">frame</iframe>", "javascript" },
  { "<<b>>", NULL },
  { "</p></b></i></a></span>", NULL },
  { "<p>&#0; &#xD800; &#x110000; &#1114111; &#xFFFE;</p>", NULL },
  { "<p>&unknown; &amp &lt &#; &#x;</p>", NULL },
  { "<?xml version=\"1.0\"?><!DOCTYPE html><p>x</p>", NULL },
  { "<p>a</p></body></html><p>after the end</p>", NULL },
  { "<textarea><b>x</b></textarea>", NULL },
  { "<xmp><b>x</b></xmp><plaintext><b>y</b>", NULL },
  { "<![CDATA[<b>x</b>]]>", NULL },
  { "<a href=\"https://x\"><span class=\"invisible\"></span></a>", NULL },
  { "<span class=\"ellipsis\"><span class=\"ellipsis\"></span></span>", NULL },
  { "<p>]]> &lt;/markup&gt; </markup></p>", NULL },
  { "<b><i><s><tt><a href=\"https://a\"></b>x</i>y</s>z</tt>w</a>", NULL },
  { "<table><td><ul><li><pre><code>x</table>y", NULL },
};

static void
test_hostile (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;

      g_test_message ("input: %s", hostile[i].html);
      convert_checked (hostile[i].html, &text, &markup);
      if (hostile[i].forbidden != NULL)
        {
          g_assert_null (strstr (text, hostile[i].forbidden));
          g_assert_null (strstr (markup, hostile[i].forbidden));
        }
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) blocks = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *block_text = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (html, "<b><i><span>");
  g_string_append (html, "deep");
  for (guint i = 0; i < 10000; i++)
    g_string_append (html, "</span></i></b>");
  g_string_append (html, " tail");

  convert_checked (html->str, &text, &markup);
  g_assert_cmpstr (text, ==, "deep tail");
  g_assert_cmpstr (markup, ==, "<b><i>deep</i></b> tail");

  /* unclosed and block-level this time */
  for (guint i = 0; i < 10000; i++)
    g_string_append (blocks, "<div><blockquote><ul><li>");
  g_string_append (blocks, "bottom");

  convert_checked (blocks->str, &block_text, NULL);
  g_assert_true (g_str_has_suffix (block_text, "• bottom"));
}

static void
test_large_input (void)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GString) expected_text = g_string_new (NULL);
  g_autoptr(GString) expected_markup = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  guint i;

  for (i = 0; html->len < 1024 * 1024; i++)
    {
      if (i > 0)
        {
          g_string_append (expected_text, "\n\n");
          g_string_append (expected_markup, "\n\n");
        }
      g_string_append_printf (html,
                              "<p>Paragraph %u, <a href=\"https://example.com/%u?a=1&amp;b=2\">link</a> "
                              "&amp; <b>bold</b> 中文 😀<br>line</p>\n", i, i);
      g_string_append_printf (expected_text, "Paragraph %u, link & bold 中文 😀\nline", i);
      g_string_append_printf (expected_markup,
                              "Paragraph %u, <a href=\"https://example.com/%u?a=1&amp;b=2\">link</a> "
                              "&amp; <b>bold</b> 中文 😀\nline", i, i);
    }

  convert_checked (html->str, &text, &markup);
  g_assert_cmpstr (text, ==, expected_text->str);
  g_assert_cmpstr (markup, ==, expected_markup->str);
}

static void
test_large_hostile (void)
{
  g_autoptr(GString) open_tags = g_string_new (NULL);
  g_autoptr(GString) brackets = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *bracket_text = NULL;

  /* 1 MB of tags that never close */
  while (open_tags->len < 1024 * 1024)
    g_string_append (open_tags, "<b>");
  g_string_append (open_tags, "end");
  convert_checked (open_tags->str, &text, NULL);
  g_assert_cmpstr (text, ==, "end");

  /* 1 MB of stray brackets and ampersands */
  while (brackets->len < 1024 * 1024)
    g_string_append (brackets, "<<&&>>\"' ");
  convert_checked (brackets->str, &bracket_text, NULL);
}

/* The simple path (Mastodon's subset of HTML) against libxml2 ------------- */

/* Converts @html both ways; both must give the same text and markup.
 * Returns whether the simple path took it. */
static gboolean
assert_paths_agree (const char *html)
{
  g_autofree char *libxml_text = NULL;
  g_autofree char *libxml_markup = NULL;
  g_autofree char *simple_text = NULL;
  g_autofree char *simple_markup = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  gboolean simple;

  steward_html_convert_with_libxml (html, &libxml_text, &libxml_markup);
  simple = steward_html_convert_simple (html, &simple_text, &simple_markup);
  steward_html_convert (html, &text, &markup);

  if (simple &&
      (g_strcmp0 (simple_text, libxml_text) != 0 || g_strcmp0 (simple_markup, libxml_markup) != 0))
    g_error ("The simple path differs from libxml2 on\n  %s\ntext:\n  %s\n  %s\nmarkup:\n  %s\n  %s",
             html, simple_text, libxml_text, simple_markup, libxml_markup);
  g_assert_cmpstr (text, ==, libxml_text);
  g_assert_cmpstr (markup, ==, libxml_markup);

  /* Asked for one output alone, the converter writes only that one. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&markup, g_free);
  text = steward_html_to_text (html);
  markup = steward_html_to_markup (html);
  g_assert_cmpstr (text, ==, libxml_text);
  g_assert_cmpstr (markup, ==, libxml_markup);

  return simple;
}

/* What Mastodon writes: every one of these takes the simple path. */
static void
test_simple_mastodon (void)
{
  static const char * const posts[] = {
    "<p>Hello world</p>",
    "<p></p>",
    "<p>One</p><p>Two</p><p></p><p>Three</p>",
    "<p>今天天气很好，我们去喝咖啡吧 😀☕</p>",
    "<p>Line one<br />line two<br>line three<br/>four</p>",
    "<p>Ends with a break<br /></p><p><br />Starts with one</p>",
    "<p>&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot; it&#39;s</p>",
    "<p>  spaces   inside \n and\ta tab  </p>",
    "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://mastodon.example/@brand\" "
    "class=\"u-url mention\">@<span>brand</span></a></span> thanks!</p>",
    "<p>Love <a href=\"https://mastodon.example/tags/LumenCoffee\" class=\"mention hashtag\" "
    "rel=\"tag\">#<span>LumenCoffee</span></a></p>",
    "<p>Read <a href=\"https://lumen.example/blog/2024/launch?a=1&amp;b=2\" target=\"_blank\" "
    "rel=\"nofollow noopener noreferrer\" translate=\"no\"><span class=\"invisible\">https://</span>"
    "<span class=\"ellipsis\">lumen.example/blog/2024/la</span><span class=\"invisible\">unch?a=1&amp;b=2"
    "</span></a></p>",
    "<p><a href=\"javascript:alert(1)\">not a link</a> <a>no href</a> <a href=\"\">empty</a></p>",
    "<p><a href=\" https://spaces.example/ \">padded</a> <a href=\"mailto:a@b.example\">mail</a></p>",
    "<p><span class=\"invisible\">hidden <a href=\"https://x.example\">too</a></span>shown</p>",
    "<p><span><span><span>deep</span></span></span> <span class=\"  ellipsis  \">e</span></p>",
    "<p>營銷活動 <a href=\"https://x.example/tags/%E8%90%A5%E9%94%80\" class=\"mention hashtag\" "
    "rel=\"tag\">#<span>营销</span></a>，真的很好！</p><p>第二段</p>",
    "<p>a &gt; b, c &lt; d, x>y</p>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      if (!assert_paths_agree (posts[i]))
        g_error ("The simple path refused %s", posts[i]);
    }
}

/* Outside the subset: libxml2 converts these, whatever they hold. */
static void
test_simple_refuses (void)
{
  static const char * const inputs[] = {
    "text before <p>a paragraph</p>",
    "<p>a paragraph</p> text after",
    "<p>a paragraph</p>\n<p>and another</p>",
    "<p>unclosed",
    "<p><b>bold</b></p>",
    "<P>upper case</P>",
    "<p class=\"x\">attributes on p</p>",
    "<p><p>nested</p></p>",
    "<p><a href=\"https://a.example\"><a href=\"https://b.example\">nested links</a></a></p>",
    "<p><span>crossed <a href=\"https://a.example\">tags</span></a></p>",
    "<p><a href='https://single.example'>single quotes</a></p>",
    "<p><a href=https://bare.example>bare value</a></p>",
    "<p><a href=\"https://a.example\" href=\"https://b.example\">twice</a></p>",
    "<p><span class=\"a\" class=\"invisible\">twice</span></p>",
    "<p><a download href=\"https://a.example\">no value</a></p>",
    "<p>&nbsp;other entities&eacute;</p>",
    "<p>&#x41; numeric</p>",
    "<p>bare & ampersand</p>",
    "<p>a \x01 control</p>",
    "<p>carriage\r\nreturn</p>",
    "<p>C1 \xc2\x85 control</p>",
    "<p>\xef\xbf\xbe non-character</p>",
    "<p><!-- comment --></p>",
    "<p><br></br></p>",
    "<p><span/>self-closing</p>",
    "<p><img src=\"x.png\"></p>",
    "<p><a href=\"https://a.example\" title=\"a\ttab\">tab in an attribute</a></p>",
    "<p><a href=\"https://a.example/\x01\">control in href</a></p>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      if (assert_paths_agree (inputs[i]))
        g_error ("The simple path took %s", inputs[i]);
    }
}

static const char * const generated_text[] = {
  "hello", "Lumen", "coffee!", " ", "   ", "\n", "\t", " \n ", "今天天气", "營銷", "😀", "☕️",
  "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "x>y", "…", "1️⃣", "e\xcc\x81", "ＬＵＭＥＮ",
};

/* Outside the subset, now and then. */
static const char * const generated_odd[] = {
  "<b>", "</b>", "<p>", "</p>", "</span>", "</a>", "&nbsp;", "a & b", "<br></br>", "<!-- x -->",
  "<img src=\"x\">", "<A href=\"https://x.example\">", "\x01", "\r\n",
};

static const char * const generated_hrefs[] = {
  "https://lumen.example/p/1", "https://x.example/tags/lumen", "javascript:alert(1)",
  "https://a.example/?x=1&amp;y=2&quot;", " http://padded.example ", "", "mailto:x@y.example",
};

static const char * const generated_classes[] = {
  NULL, "invisible", "ellipsis", "h-card", "mention hashtag", "u-url mention", " invisible ",
};

static void
generate_inline (GRand   *rand,
                 GString *html,
                 guint    depth,
                 gboolean in_link)
{
  guint n = g_rand_int_range (rand, 0, depth == 0 ? 8 : 4);

  for (guint i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 100);

      if (r < 2)
        {
          g_string_append (html, generated_odd[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_odd))]);
        }
      else if (r < 55 || depth >= 4)
        {
          g_string_append (html, generated_text[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_text))]);
        }
      else if (r < 65)
        {
          static const char * const breaks[] = { "<br>", "<br/>", "<br />" };

          g_string_append (html, breaks[g_rand_int_range (rand, 0, G_N_ELEMENTS (breaks))]);
        }
      else if (r < 82 || in_link)
        {
          const char *klass = generated_classes[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_classes))];

          g_string_append (html, "<span");
          if (klass != NULL)
            g_string_append_printf (html, " class=\"%s\"", klass);
          if (g_rand_boolean (rand))
            g_string_append (html, " translate=\"no\"");
          g_string_append_c (html, '>');
          generate_inline (rand, html, depth + 1, in_link);
          g_string_append (html, "</span>");
        }
      else
        {
          g_string_append (html, "<a");
          if (g_rand_int_range (rand, 0, 8) > 0)
            g_string_append_printf (html, " href=\"%s\"",
                                    generated_hrefs[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_hrefs))]);
          if (g_rand_boolean (rand))
            g_string_append (html, " class=\"mention hashtag\" rel=\"tag\"");
          g_string_append_c (html, '>');
          generate_inline (rand, html, depth + 1, TRUE);
          g_string_append (html, "</a>");
        }
    }
}

/* Thousands of generated posts, mostly in the subset: wherever the simple
 * path takes one, it must give exactly what libxml2 gives. */
static void
test_simple_generated (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  guint taken = 0;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      guint paragraphs = g_rand_int_range (rand, 1, 4);

      for (guint j = 0; j < paragraphs; j++)
        {
          g_string_append (html, "<p>");
          generate_inline (rand, html, 0, FALSE);
          g_string_append (html, "</p>");
        }
      taken += assert_paths_agree (html->str);
    }

  /* Most of them are Mastodon-like, and the simple path takes those. */
  g_test_message ("simple path: %u of %u", taken, n);
  g_assert_cmpuint (taken, >, n / 2);
  g_assert_cmpuint (taken, <, n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], test_case);

  g_test_add_func ("/core/html/null-and-empty", test_null_and_empty);
  g_test_add_func ("/core/html/controls", test_controls);
  g_test_add_func ("/core/html/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/html/hostile", test_hostile);
  g_test_add_func ("/core/html/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/html/large-input", test_large_input);
  g_test_add_func ("/core/html/large-hostile", test_large_hostile);
  g_test_add_func ("/core/html/simple-path/mastodon", test_simple_mastodon);
  g_test_add_func ("/core/html/simple-path/refuses", test_simple_refuses);
  g_test_add_func ("/core/html/simple-path/generated", test_simple_generated);

  return g_test_run ();
}
