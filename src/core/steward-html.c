/* steward-html.c — post HTML to plain text and to safe Pango markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2's HTML parser builds a tree, which is walked once (iteratively,
 * so hostile nesting cannot exhaust the stack) to write the text and the
 * markup side by side. Whitespace is collapsed as a browser would: runs of
 * spaces become one, block elements ask for line breaks that are only
 * written once more visible text follows, so nothing leads or trails.
 * Markup tags are opened lazily for the same reason, and each kind of tag
 * is open at most once, which bounds the markup's nesting.
 */
#define G_LOG_DOMAIN "steward-html"

#include "steward-html.h"
#include "steward-html-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

typedef enum {
  TAG_NONE = -1,
  TAG_A,
  TAG_B,
  TAG_I,
  TAG_S,
  TAG_TT,
  N_TAGS
} Tag;

typedef struct
{
  Tag   tag;
  char *open;        /* the opening markup, written only once text follows */
} OpenTag;

typedef struct
{
  GString *text;
  GString *markup;
  GArray  *open_tags;          /* of OpenTag, innermost last */
  guint    n_written;          /* how many of open_tags the markup has */
  guint    tag_depth[N_TAGS];
  guint    pre_depth;
  guint    list_depth;

  /* Whitespace waiting for visible text to follow. */
  guint    pending_newlines;
  GString *pending_literal;    /* spaces kept in <pre> */
  guint    pending_space : 1;

  guint    keep_newlines : 1;  /* plain text: line breaks are kept */
  guint    at_start : 1;
  guint    at_line_start : 1;
} Writer;

typedef enum {
  ELEMENT_INLINE,
  ELEMENT_DROP,
  ELEMENT_BLOCK,
  ELEMENT_PARAGRAPH,
  ELEMENT_HEADING,
  ELEMENT_LIST,
  ELEMENT_LIST_ITEM,
  ELEMENT_PRE,
  ELEMENT_BREAK,
  ELEMENT_CELL,
  ELEMENT_SPAN,
  ELEMENT_LINK,
} ElementKind;

static const struct {
  const char  *name;
  ElementKind  kind;
  Tag          tag;
} elements[] = {
  { "a", ELEMENT_LINK, TAG_A },
  { "address", ELEMENT_BLOCK, TAG_NONE },
  { "article", ELEMENT_BLOCK, TAG_NONE },
  { "aside", ELEMENT_BLOCK, TAG_NONE },
  { "audio", ELEMENT_DROP, TAG_NONE },
  { "b", ELEMENT_INLINE, TAG_B },
  { "blockquote", ELEMENT_PARAGRAPH, TAG_NONE },
  { "br", ELEMENT_BREAK, TAG_NONE },
  { "canvas", ELEMENT_DROP, TAG_NONE },
  { "caption", ELEMENT_BLOCK, TAG_NONE },
  { "center", ELEMENT_BLOCK, TAG_NONE },
  { "cite", ELEMENT_INLINE, TAG_I },
  { "code", ELEMENT_INLINE, TAG_TT },
  { "dd", ELEMENT_BLOCK, TAG_NONE },
  { "del", ELEMENT_INLINE, TAG_S },
  { "details", ELEMENT_BLOCK, TAG_NONE },
  { "div", ELEMENT_BLOCK, TAG_NONE },
  { "dl", ELEMENT_BLOCK, TAG_NONE },
  { "dt", ELEMENT_BLOCK, TAG_NONE },
  { "em", ELEMENT_INLINE, TAG_I },
  { "embed", ELEMENT_DROP, TAG_NONE },
  { "fieldset", ELEMENT_BLOCK, TAG_NONE },
  { "figcaption", ELEMENT_BLOCK, TAG_NONE },
  { "figure", ELEMENT_BLOCK, TAG_NONE },
  { "footer", ELEMENT_BLOCK, TAG_NONE },
  { "form", ELEMENT_BLOCK, TAG_NONE },
  { "h1", ELEMENT_HEADING, TAG_B },
  { "h2", ELEMENT_HEADING, TAG_B },
  { "h3", ELEMENT_HEADING, TAG_B },
  { "h4", ELEMENT_HEADING, TAG_B },
  { "h5", ELEMENT_HEADING, TAG_B },
  { "h6", ELEMENT_HEADING, TAG_B },
  { "head", ELEMENT_DROP, TAG_NONE },
  { "header", ELEMENT_BLOCK, TAG_NONE },
  { "hr", ELEMENT_BLOCK, TAG_NONE },
  { "i", ELEMENT_INLINE, TAG_I },
  { "iframe", ELEMENT_DROP, TAG_NONE },
  { "kbd", ELEMENT_INLINE, TAG_TT },
  { "li", ELEMENT_LIST_ITEM, TAG_NONE },
  { "main", ELEMENT_BLOCK, TAG_NONE },
  { "math", ELEMENT_DROP, TAG_NONE },
  { "nav", ELEMENT_BLOCK, TAG_NONE },
  { "noscript", ELEMENT_DROP, TAG_NONE },
  { "object", ELEMENT_DROP, TAG_NONE },
  { "ol", ELEMENT_LIST, TAG_NONE },
  { "p", ELEMENT_PARAGRAPH, TAG_NONE },
  { "pre", ELEMENT_PRE, TAG_TT },
  { "s", ELEMENT_INLINE, TAG_S },
  { "samp", ELEMENT_INLINE, TAG_TT },
  { "script", ELEMENT_DROP, TAG_NONE },
  { "section", ELEMENT_BLOCK, TAG_NONE },
  { "span", ELEMENT_SPAN, TAG_NONE },
  { "strike", ELEMENT_INLINE, TAG_S },
  { "strong", ELEMENT_INLINE, TAG_B },
  { "style", ELEMENT_DROP, TAG_NONE },
  { "svg", ELEMENT_DROP, TAG_NONE },
  { "table", ELEMENT_BLOCK, TAG_NONE },
  { "td", ELEMENT_CELL, TAG_NONE },
  { "template", ELEMENT_DROP, TAG_NONE },
  { "th", ELEMENT_CELL, TAG_NONE },
  { "title", ELEMENT_DROP, TAG_NONE },
  { "tr", ELEMENT_BLOCK, TAG_NONE },
  { "tt", ELEMENT_INLINE, TAG_TT },
  { "ul", ELEMENT_LIST, TAG_NONE },
  { "video", ELEMENT_DROP, TAG_NONE },
};

#define MAX_LIST_INDENT 4

static const char * const tag_names[N_TAGS] = { "a", "b", "i", "s", "tt" };

static const char * const link_schemes[] = { "http:", "https:", "mailto:" };

/* An element as the writer sees it: from libxml2's tree (@node, whose
 * attributes are read when needed) or from the simple path below (its
 * href and class given, decoded). */
typedef struct
{
  const char    *name;
  const xmlNode *node;
  const char    *href;
  const char    *klass;
} Element;

static void
clear_open_tag (gpointer data)
{
  OpenTag *open_tag = data;

  g_clear_pointer (&open_tag->open, g_free);
}

/* Appends to an output that may not be wanted (NULL). */
static inline void
out_append_len (GString    *out,
                const char *str,
                gsize       len)
{
  if (out != NULL)
    g_string_append_len (out, str, len);
}

static inline void
out_append_c (GString *out,
              char     c)
{
  if (out != NULL)
    g_string_append_c (out, c);
}

/* Only the outputs asked for are written: ingest wants the text alone,
 * and escaping a markup copy of it cost as much as the rest. */
static void
writer_init (Writer   *writer,
             gboolean  want_text,
             gboolean  want_markup)
{
  memset (writer, 0, sizeof *writer);
  writer->text = want_text ? g_string_new (NULL) : NULL;
  writer->markup = want_markup ? g_string_new (NULL) : NULL;
  writer->pending_literal = g_string_new (NULL);
  writer->open_tags = g_array_new (FALSE, FALSE, sizeof (OpenTag));
  g_array_set_clear_func (writer->open_tags, clear_open_tag);
  writer->at_start = TRUE;
  writer->at_line_start = TRUE;
}

static void
writer_finish (Writer  *writer,
               char   **text,
               char   **markup)
{
  g_assert (writer->open_tags->len == 0);

  g_clear_pointer (&writer->open_tags, g_array_unref);
  g_string_free (writer->pending_literal, TRUE);
  g_assert (text == NULL || writer->text != NULL);
  g_assert (markup == NULL || writer->markup != NULL);

  if (text != NULL)
    *text = g_string_free (g_steal_pointer (&writer->text), FALSE);
  else if (writer->text != NULL)
    g_string_free (g_steal_pointer (&writer->text), TRUE);
  if (markup != NULL)
    *markup = g_string_free (g_steal_pointer (&writer->markup), FALSE);
  else if (writer->markup != NULL)
    g_string_free (g_steal_pointer (&writer->markup), TRUE);
}

/* Writes the whitespace and opening tags that were waiting for visible
 * content, which is about to follow. */
static void
writer_flush (Writer *writer)
{
  if (!writer->at_start)
    {
      if (writer->pending_newlines > 0)
        {
          for (guint i = 0; i < writer->pending_newlines; i++)
            {
              out_append_c (writer->text, '\n');
              out_append_c (writer->markup, '\n');
            }
          writer->at_line_start = TRUE;
        }

      if (writer->pending_literal->len > 0)
        {
          out_append_len (writer->text, writer->pending_literal->str,
                          writer->pending_literal->len);
          out_append_len (writer->markup, writer->pending_literal->str,
                          writer->pending_literal->len);
        }
      else if (writer->pending_space && !writer->at_line_start)
        {
          out_append_c (writer->text, ' ');
          out_append_c (writer->markup, ' ');
        }
    }

  writer->pending_newlines = 0;
  writer->pending_space = FALSE;
  g_string_truncate (writer->pending_literal, 0);

  for (; writer->n_written < writer->open_tags->len; writer->n_written++)
    {
      OpenTag *open_tag = &g_array_index (writer->open_tags, OpenTag, writer->n_written);

      if (open_tag->open != NULL && writer->markup != NULL)
        g_string_append (writer->markup, open_tag->open);
    }
}

/* @run is valid UTF-8 without markup meaning yet: it is escaped here. */
static void
writer_write (Writer     *writer,
              const char *run,
              gssize      len)
{
  g_autofree char *escaped = NULL;

  if (len < 0)
    len = strlen (run);
  if (len == 0)
    return;

  writer_flush (writer);
  out_append_len (writer->text, run, len);
  if (writer->markup != NULL)
    {
      escaped = g_markup_escape_text (run, len);
      g_string_append (writer->markup, escaped);
    }
  writer->at_start = FALSE;
  writer->at_line_start = FALSE;
}

static void
writer_request_newlines (Writer *writer,
                         guint   n_newlines)
{
  writer->pending_newlines = MAX (writer->pending_newlines, n_newlines);
  g_string_truncate (writer->pending_literal, 0);
}

static void
writer_add_newline (Writer *writer)
{
  /* Explicit breaks add up, unlike the breaks around blocks; at the very
   * start they are trimmed all the same. */
  if (!writer->at_start)
    writer->pending_newlines++;
  g_string_truncate (writer->pending_literal, 0);
}

static void
writer_push_tag (Writer *writer,
                 Tag     tag,
                 char   *open)
{
  OpenTag open_tag = { tag, open };

  g_array_append_val (writer->open_tags, open_tag);
}

static void
writer_pop_tag (Writer *writer,
                Tag     tag)
{
  guint last = writer->open_tags->len - 1;

  g_assert (writer->open_tags->len > 0);
  g_assert (g_array_index (writer->open_tags, OpenTag, last).tag == tag);

  if (writer->n_written > last)
    {
      /* A link whose href may not be followed was never opened. */
      if (g_array_index (writer->open_tags, OpenTag, last).open != NULL)
        g_string_append_printf (writer->markup, "</%s>", tag_names[tag]);
      writer->n_written = last;
    }
  g_array_remove_index (writer->open_tags, last);
}

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* C0 and C1 controls (other than the whitespace above) are dropped: they
 * have no place in a post, and in a terminal they could be escapes. */
static inline gsize
control_length (const char *p)
{
  guchar c = (guchar) p[0];

  if (c == '\0')
    return 0;
  if (c < 0x20 || c == 0x7f)
    return 1;
  if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
    return 2;
  return 0;
}

static void
writer_text (Writer     *writer,
             const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *run = p;
      gsize skip;

      while (*p != '\0' && !is_html_space (*p) && control_length (p) == 0)
        p++;
      writer_write (writer, run, p - run);

      if (is_html_space (*p))
        {
          if (*p == '\n' && (writer->pre_depth > 0 || writer->keep_newlines))
            writer_add_newline (writer);
          else if (*p == '\r' && (writer->pre_depth > 0 || writer->keep_newlines))
            {
              /* \r\n breaks the line at its \n */
              if (p[1] != '\n')
                writer_add_newline (writer);
            }
          else if (writer->pre_depth > 0)
            g_string_append_c (writer->pending_literal, *p);
          else
            writer->pending_space = TRUE;
          p++;
        }
      else if ((skip = control_length (p)) > 0)
        {
          p += skip;
        }
    }
}

static ElementKind
element_kind (const Element *element,
              Tag           *tag)
{
  const char *name = element->name;
  gsize lo = 0;
  gsize hi = G_N_ELEMENTS (elements);

  *tag = TAG_NONE;

  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      int cmp = g_ascii_strcasecmp (name, elements[mid].name);

      if (cmp == 0)
        {
          *tag = elements[mid].tag;
          return elements[mid].kind;
        }
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return ELEMENT_INLINE;
}

static char *
dup_attribute (const xmlNode *node,
               const char    *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
has_class (const Element *element,
           const char    *klass)
{
  g_autofree char *value = element->node != NULL ? dup_attribute (element->node, "class")
                                                 : g_strdup (element->klass);
  g_auto(GStrv) classes = NULL;

  if (value == NULL)
    return FALSE;

  g_strdelimit (value, "\t\n\r\f", ' ');
  classes = g_strsplit (value, " ", -1);
  return g_strv_contains ((const char * const *) classes, klass);
}

/* Returns the opening markup of a link, or NULL when the element has no
 * href whose scheme may be followed. */
static char *
link_markup (const Element *element)
{
  g_autofree char *href = element->node != NULL ? dup_attribute (element->node, "href")
                                                : g_strdup (element->href);
  g_autofree char *escaped = NULL;
  gboolean allowed = FALSE;

  if (href == NULL)
    return NULL;

  g_strstrip (href);
  for (gsize i = 0; i < G_N_ELEMENTS (link_schemes); i++)
    {
      if (g_ascii_strncasecmp (href, link_schemes[i], strlen (link_schemes[i])) == 0)
        allowed = TRUE;
    }
  if (!allowed || !g_utf8_validate (href, -1, NULL))
    return NULL;

  for (const char *p = href; *p != '\0'; p++)
    {
      if (control_length (p) > 0)
        return NULL;
    }

  escaped = g_markup_escape_text (href, -1);
  return g_strdup_printf ("<a href=\"%s\">", escaped);
}

static void
writer_open_tag (Writer        *writer,
                 const Element *element,
                 Tag            tag)
{
  /* A kind of tag is open once at most: <b> inside <b> changes nothing,
   * and the outer of two nested links wins. */
  if (writer->tag_depth[tag]++ > 0)
    return;

  if (writer->markup == NULL)
    writer_push_tag (writer, tag, NULL);
  else if (tag == TAG_A)
    writer_push_tag (writer, tag, link_markup (element));
  else
    writer_push_tag (writer, tag, g_strdup_printf ("<%s>", tag_names[tag]));
}

static void
writer_close_tag (Writer *writer,
                  Tag     tag)
{
  g_assert (writer->tag_depth[tag] > 0);

  if (--writer->tag_depth[tag] > 0)
    return;

  writer_pop_tag (writer, tag);
}

/* Returns whether the element's children are to be walked. */
static gboolean
writer_enter_element (Writer        *writer,
                      const Element *element)
{
  Tag tag;
  ElementKind kind = element_kind (element, &tag);

  switch (kind)
    {
    case ELEMENT_DROP:
      return FALSE;

    case ELEMENT_SPAN:
      if (has_class (element, "invisible"))
        return FALSE;
      break;

    case ELEMENT_BREAK:
      writer_add_newline (writer);
      return FALSE;

    case ELEMENT_BLOCK:
      writer_request_newlines (writer, 1);
      break;

    case ELEMENT_PARAGRAPH:
    case ELEMENT_HEADING:
    case ELEMENT_PRE:
      writer_request_newlines (writer, 2);
      break;

    case ELEMENT_LIST:
      writer_request_newlines (writer, writer->list_depth > 0 ? 1 : 2);
      writer->list_depth++;
      break;

    case ELEMENT_LIST_ITEM:
      {
        g_autoptr(GString) bullet = g_string_new (NULL);

        /* Indentation is capped, or hostile nesting would make the
         * output grow with the square of the input. */
        for (guint i = 1; i < MIN (writer->list_depth, MAX_LIST_INDENT); i++)
          g_string_append (bullet, "  ");
        g_string_append (bullet, "•");

        writer_request_newlines (writer, 1);
        writer_write (writer, bullet->str, bullet->len);
        writer->pending_space = TRUE;
      }
      break;

    case ELEMENT_CELL:
      writer->pending_space = TRUE;
      break;

    case ELEMENT_INLINE:
    case ELEMENT_LINK:
    default:
      break;
    }

  if (kind == ELEMENT_PRE)
    writer->pre_depth++;

  if (tag != TAG_NONE)
    writer_open_tag (writer, element, tag);

  return TRUE;
}

/* Called only for elements whose children were walked. */
static void
writer_leave_element (Writer        *writer,
                      const Element *element)
{
  Tag tag;
  ElementKind kind = element_kind (element, &tag);

  if (kind == ELEMENT_SPAN && has_class (element, "ellipsis"))
    writer_write (writer, "…", -1);

  if (tag != TAG_NONE)
    writer_close_tag (writer, tag);

  switch (kind)
    {
    case ELEMENT_BLOCK:
    case ELEMENT_LIST_ITEM:
      writer_request_newlines (writer, 1);
      break;

    case ELEMENT_PARAGRAPH:
    case ELEMENT_HEADING:
      writer_request_newlines (writer, 2);
      break;

    case ELEMENT_PRE:
      writer->pre_depth--;
      writer_request_newlines (writer, 2);
      break;

    case ELEMENT_LIST:
      writer->list_depth--;
      writer_request_newlines (writer, writer->list_depth > 0 ? 1 : 2);
      break;

    case ELEMENT_CELL:
      writer->pending_space = TRUE;
      break;

    case ELEMENT_DROP:
    case ELEMENT_SPAN:
    case ELEMENT_BREAK:
    case ELEMENT_INLINE:
    case ELEMENT_LINK:
    default:
      break;
    }
}

static void
writer_text_node (Writer        *writer,
                  const xmlNode *node)
{
  const char *content = (const char *) node->content;

  if (content == NULL)
    return;

  /* The input was made valid before parsing; this guards against a
   * character reference that libxml2 let through. */
  if (g_utf8_validate (content, -1, NULL))
    {
      writer_text (writer, content);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (content, -1);

      writer_text (writer, valid);
    }
}

static void
writer_walk (Writer  *writer,
             xmlNode *first)
{
  xmlNode *node = first;

  while (node != NULL)
    {
      gboolean descend = FALSE;
      Element element = { (const char *) node->name, node, NULL, NULL };

      if (node->type == XML_ELEMENT_NODE)
        descend = writer_enter_element (writer, &element);
      else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        writer_text_node (writer, node);

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (descend)
        writer_leave_element (writer, &element);

      /* Climb until there is a next sibling, leaving each element on the
       * way; the children of the document are the top. */
      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == NULL || node->type != XML_ELEMENT_NODE)
            return;
          element.name = (const char *) node->name;
          element.node = node;
          writer_leave_element (writer, &element);
        }
      if (node != NULL)
        node = node->next;
    }
}

static void
init_libxml (void)
{
  static gsize initialized = 0;

  /* xmlInitParser() is not safe to race, and conversions run in worker
   * threads. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
convert_html (Writer     *writer,
              const char *html,
              gsize       len)
{
  xmlDoc *doc;
  int options = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC
                | HTML_PARSE_NODEFDTD | XML_PARSE_HUGE;

  init_libxml ();

  doc = htmlReadMemory (html, (int) MIN (len, (gsize) G_MAXINT), NULL, "UTF-8", options);
  if (doc == NULL)
    return;

  writer_walk (writer, doc->children);
  xmlFreeDoc (doc);
}

/* The simple path --------------------------------------------------------
 *
 * Mastodon sends a post as paragraphs of escaped text with links, spans
 * and line breaks:
 *
 *   <p>Love <a href="https://x/tags/lumen" class="mention hashtag"
 *   rel="tag">#<span>Lumen</span></a> coffee<br />again</p><p>…</p>
 *
 * For exactly that subset of HTML the string itself is walked, making the
 * writer calls that the walk of libxml2's tree would make, at a fraction
 * of the cost (building the tree was a tenth of ingest). The subset: a
 * sequence of <p> without attributes, holding text, <br>, and <a> and
 * <span> with double-quoted attributes, properly nested, <a> never inside
 * <a>; text with the entities &amp; &lt; &gt; &quot; &#39; and no control
 * characters but tab and newline. Anything else, in any place, and the
 * input goes to libxml2 as before; tests/core/test-html.c checks both
 * paths against each other on generated input. */

#define SIMPLE_MAX_DEPTH 32

typedef struct
{
  const char *name;     /* static: "p", "a" or "span" */
  char       *href;
  char       *klass;
  gboolean    walked;   /* the writer entered it (and will leave it) */
} SimpleOpen;

static const struct {
  const char *entity;
  char        c;
} simple_entities[] = {
  { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
};

/* Decodes the text or attribute value @p..@end into @out (when set);
 * FALSE when it holds anything outside the subset. */
static gboolean
simple_decode (const char *p,
               const char *end,
               gboolean    attribute,
               GString    *out)
{
  while (p < end)
    {
      guchar c = (guchar) *p;
      const char *run = p;

      if (c == '&')
        {
          gsize i;

          for (i = 0; i < G_N_ELEMENTS (simple_entities); i++)
            {
              gsize n = strlen (simple_entities[i].entity);

              if ((gsize) (end - p) >= n && memcmp (p, simple_entities[i].entity, n) == 0)
                break;
            }
          if (i == G_N_ELEMENTS (simple_entities))
            return FALSE;
          if (out != NULL)
            g_string_append_c (out, simple_entities[i].c);
          p += strlen (simple_entities[i].entity);
          continue;
        }

      /* Controls (in attributes even tab and newline), C1 controls, and
       * the non-characters U+FFFE and U+FFFF, which libxml2 refuses. */
      while (p < end && *p != '&')
        {
          c = (guchar) *p;
          if ((c < 0x20 && (attribute || (c != '\t' && c != '\n'))) || c == 0x7f)
            return FALSE;
          if (c == 0xc2 && p + 1 < end && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
            return FALSE;
          if (c == 0xef && p + 2 < end && (guchar) p[1] == 0xbf &&
              ((guchar) p[2] == 0xbe || (guchar) p[2] == 0xbf))
            return FALSE;
          p++;
        }
      if (out != NULL)
        g_string_append_len (out, run, p - run);
    }

  return TRUE;
}

static inline gboolean
simple_is_name_char (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Parses the tag at @p (at its '<'); sets @name to the static name of an
 * element of the subset, @closing, and for <a> and <span> (when @decode)
 * @href and @klass. Returns the end of the tag, or NULL. */
static const char *
simple_tag (const char  *p,
            const char  *end,
            gboolean     decode,
            const char **name,
            gboolean    *closing,
            char       **href,
            char       **klass)
{
  static const char * const names[] = { "p", "br", "a", "span" };
  const char *start;
  gsize n;
  gboolean seen_href = FALSE;
  gboolean seen_class = FALSE;

  g_assert (*p == '<');
  p++;
  *closing = p < end && *p == '/';
  if (*closing)
    p++;

  start = p;
  while (p < end && *p >= 'a' && *p <= 'z')
    p++;
  n = p - start;
  *name = NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (strlen (names[i]) == n && memcmp (start, names[i], n) == 0)
        *name = names[i];
    }
  if (*name == NULL)
    return NULL;

  if (*closing)
    return p < end && *p == '>' && strcmp (*name, "br") != 0 ? p + 1 : NULL;

  /* Attributes: only on <a> and <span>, as name="value". */
  while (p < end && *p == ' ')
    {
      const char *attr = ++p;
      const char *value;
      gsize attr_len;

      if (p < end && *p == '/' && strcmp (*name, "br") == 0)
        break;
      while (p < end && simple_is_name_char (*p))
        p++;
      attr_len = p - attr;
      if (attr_len == 0 || end - p < 2 || p[0] != '=' || p[1] != '"' ||
          (strcmp (*name, "a") != 0 && strcmp (*name, "span") != 0))
        goto fail;
      value = p += 2;
      while (p < end && *p != '"')
        p++;
      if (p == end)
        goto fail;

      if (attr_len == 4 && memcmp (attr, "href", 4) == 0)
        {
          if (seen_href)
            goto fail;
          seen_href = TRUE;
          if (!simple_decode (value, p, TRUE, NULL))
            goto fail;
          if (decode)
            {
              GString *out = g_string_new (NULL);

              simple_decode (value, p, TRUE, out);
              *href = g_string_free (out, FALSE);
            }
        }
      else if (attr_len == 5 && memcmp (attr, "class", 5) == 0)
        {
          if (seen_class)
            goto fail;
          seen_class = TRUE;
          if (!simple_decode (value, p, TRUE, NULL))
            goto fail;
          if (decode)
            {
              GString *out = g_string_new (NULL);

              simple_decode (value, p, TRUE, out);
              *klass = g_string_free (out, FALSE);
            }
        }
      else if (!simple_decode (value, p, TRUE, NULL))
        {
          goto fail;
        }
      p++;
    }

  /* <br>, <br/> and <br /> are alike; no other element closes itself. */
  if (p < end && *p == '/' && strcmp (*name, "br") == 0)
    p++;
  if (p < end && *p == '>')
    return p + 1;

fail:
  g_clear_pointer (href, g_free);
  g_clear_pointer (klass, g_free);
  return NULL;
}

static void
simple_open_clear (SimpleOpen *open)
{
  g_clear_pointer (&open->href, g_free);
  g_clear_pointer (&open->klass, g_free);
}

/* Walks @html, telling @writer what it holds when set, else only checking
 * that it is in the subset. */
static gboolean
simple_scan (const char *html,
             gsize       len,
             Writer     *writer)
{
  SimpleOpen stack[SIMPLE_MAX_DEPTH];
  g_autoptr(GString) text = writer != NULL ? g_string_new (NULL) : NULL;
  const char *p = html;
  const char *end = html + len;
  guint depth = 0;
  guint walked_depth = 0;       /* how many of the stack the writer entered */
  gboolean ok = TRUE;

  while (ok && p < end)
    {
      const char *name;
      gboolean closing;
      char *href = NULL;
      char *klass = NULL;
      const char *next;

      if (*p != '<')
        {
          next = memchr (p, '<', end - p);
          if (next == NULL)
            next = end;
          if (depth == 0 || !simple_decode (p, next, FALSE, NULL))
            {
              ok = FALSE;
              break;
            }
          if (writer != NULL && walked_depth == depth)
            {
              g_string_truncate (text, 0);
              simple_decode (p, next, FALSE, text);
              writer_text (writer, text->str);
            }
          p = next;
          continue;
        }

      next = simple_tag (p, end, writer != NULL && walked_depth == depth,
                         &name, &closing, &href, &klass);
      if (next == NULL)
        {
          ok = FALSE;
          break;
        }
      p = next;

      if (closing)
        {
          /* It closes the innermost element, and a <p> nothing more. */
          if (depth == 0 || strcmp (stack[depth - 1].name, name) != 0)
            {
              ok = FALSE;
              break;
            }
          depth--;
          if (writer != NULL && walked_depth > depth)
            {
              Element element = { name, NULL, stack[depth].href, stack[depth].klass };

              if (stack[depth].walked)
                writer_leave_element (writer, &element);
              walked_depth = depth;
            }
          simple_open_clear (&stack[depth]);
          continue;
        }

      if ((strcmp (name, "p") == 0) != (depth == 0) || depth == SIMPLE_MAX_DEPTH)
        {
          g_free (href);
          g_free (klass);
          ok = FALSE;
          break;
        }

      if (strcmp (name, "a") == 0)
        {
          for (guint i = 0; i < depth; i++)
            ok &= stack[i].name != name;
          if (!ok)
            {
              g_free (href);
              g_free (klass);
              break;
            }
        }

      if (strcmp (name, "br") == 0)
        {
          if (writer != NULL && walked_depth == depth)
            {
              Element element = { name, NULL, NULL, NULL };

              writer_enter_element (writer, &element);
            }
          continue;
        }

      stack[depth].name = name;
      stack[depth].href = href;
      stack[depth].klass = klass;
      stack[depth].walked = FALSE;
      if (writer != NULL && walked_depth == depth)
        {
          Element element = { name, NULL, href, klass };

          stack[depth].walked = writer_enter_element (writer, &element);
          if (stack[depth].walked)
            walked_depth++;
        }
      depth++;
    }

  ok &= depth == 0;
  for (guint i = 0; i < depth; i++)
    simple_open_clear (&stack[i]);

  return ok;
}

static gboolean
convert_simple (Writer     *writer,
                const char *html,
                gsize       len)
{
  if (len < 7 || memcmp (html, "<p>", 3) != 0 || !simple_scan (html, len, NULL))
    return FALSE;

  simple_scan (html, len, writer);
  return TRUE;
}

/* Text without a single tag (RSS titles, Bluesky posts) is not HTML: it is
 * taken literally, and its line breaks are kept. */
static void
convert_plain (Writer     *writer,
               const char *text)
{
  writer->keep_newlines = TRUE;
  writer_text (writer, text);
  writer->keep_newlines = FALSE;
}

/**
 * steward_html_convert:
 * @html: (nullable): a post's HTML, or plain text without any tag
 * @text: (out) (optional) (transfer full): the plain text
 * @markup: (out) (optional) (transfer full): Pango markup for a #GtkLabel
 *
 * Converts @html to plain text and to Pango markup in one pass. Invalid
 * UTF-8 is replaced, never trusted; %NULL or empty input gives empty
 * strings. Input with no `<` at all is plain text: it is escaped, not
 * parsed, and its line breaks are kept.
 */
void
steward_html_convert (const char  *html,
                      char       **text,
                      char       **markup)
{
  Writer writer;
  g_autofree char *valid = NULL;
  gsize len;

  writer_init (&writer, text != NULL, markup != NULL);

  if (html != NULL && html[0] != '\0')
    {
      len = strlen (html);
      if (!g_utf8_validate (html, len, NULL))
        {
          valid = g_utf8_make_valid (html, len);
          html = valid;
          len = strlen (valid);
        }

      if (memchr (html, '<', len) == NULL)
        convert_plain (&writer, html);
      else if (!convert_simple (&writer, html, len))
        convert_html (&writer, html, len);
    }

  writer_finish (&writer, text, markup);
}

/**
 * steward_html_to_text:
 * @html: (nullable): a post's HTML
 *
 * Returns: (transfer full): @html as plain text, see steward_html_convert()
 */
char *
steward_html_to_text (const char *html)
{
  char *text = NULL;

  steward_html_convert (html, &text, NULL);
  return text;
}

/**
 * steward_html_to_markup:
 * @html: (nullable): a post's HTML
 *
 * Returns: (transfer full): @html as Pango markup, see steward_html_convert()
 */
char *
steward_html_to_markup (const char *html)
{
  char *markup = NULL;

  steward_html_convert (html, NULL, &markup);
  return markup;
}

void
steward_html_convert_with_libxml (const char  *html,
                                  char       **text,
                                  char       **markup)
{
  Writer writer;

  g_return_if_fail (html != NULL);

  writer_init (&writer, text != NULL, markup != NULL);
  convert_html (&writer, html, strlen (html));
  writer_finish (&writer, text, markup);
}

gboolean
steward_html_convert_simple (const char  *html,
                             char       **text,
                             char       **markup)
{
  Writer writer;
  gboolean ok;

  g_return_val_if_fail (html != NULL, FALSE);

  writer_init (&writer, text != NULL, markup != NULL);
  ok = convert_simple (&writer, html, strlen (html));
  writer_finish (&writer, ok ? text : NULL, ok ? markup : NULL);
  return ok;
}
