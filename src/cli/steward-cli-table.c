/* steward-cli-table.c — human-readable output in aligned columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-table.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Cells are cut when they are added so a long listing stays small. */
#define MAX_CELL_WIDTH    400
/* No column but the last grows wider than this. */
#define MAX_COLUMN_WIDTH  40
#define MIN_LAST_WIDTH    20
#define DEFAULT_WIDTH     120
#define GAP               "  "

struct _StewardCliTable
{
  GPtrArray *titles;   /* of char* */
  GPtrArray *rows;     /* of GStrv, each with titles->len cells */
};

static guint
unichar_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* One line: runs of white space become one space, control characters go. */
static char *
flatten (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

guint
steward_cli_text_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += unichar_width (g_utf8_get_char (p));

  return width;
}

char *
steward_cli_text_fit (const char *text,
                      guint       width)
{
  g_autofree char *flat = NULL;
  GString *out;
  guint used = 0;

  if (text == NULL)
    return g_strdup ("");

  flat = flatten (text);
  if (steward_cli_text_width (flat) <= width)
    return g_steal_pointer (&flat);

  out = g_string_new (NULL);
  if (width == 0)
    return g_string_free (out, FALSE);

  /* Leave one cell for the ellipsis. */
  for (const char *p = flat; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint w = unichar_width (c);

      if (used + w > width - 1)
        break;
      g_string_append_unichar (out, c);
      used += w;
    }
  g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

guint
steward_cli_terminal_width (void)
{
  struct winsize size;
  const char *columns;
  guint64 value;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;

  columns = g_getenv ("COLUMNS");
  if (columns != NULL && g_ascii_string_to_unsigned (columns, 10, 1, 10000, &value, NULL))
    return (guint) value;

  return DEFAULT_WIDTH;
}

StewardCliTable *
steward_cli_table_new (const char *first_title,
                       ...)
{
  StewardCliTable *self;
  va_list args;

  g_return_val_if_fail (first_title != NULL, NULL);

  self = g_new0 (StewardCliTable, 1);
  self->titles = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  va_start (args, first_title);
  for (const char *title = first_title; title != NULL; title = va_arg (args, const char *))
    g_ptr_array_add (self->titles, steward_cli_text_fit (title, MAX_CELL_WIDTH));
  va_end (args);

  return self;
}

void
steward_cli_table_add_row (StewardCliTable *self,
                           const char      *first_cell,
                           ...)
{
  char **cells;
  va_list args;

  g_return_if_fail (self != NULL);

  cells = g_new0 (char *, self->titles->len + 1);
  va_start (args, first_cell);
  for (guint i = 0; i < self->titles->len; i++)
    {
      const char *cell = i == 0 ? first_cell : va_arg (args, const char *);

      cells[i] = steward_cli_text_fit (cell, MAX_CELL_WIDTH);
    }
  va_end (args);

  g_ptr_array_add (self->rows, cells);
}

static void
print_row (StewardCliOutput  *output,
           const char *const *cells,
           const guint       *widths,
           guint              n_columns)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *fitted = steward_cli_text_fit (cells[i], widths[i]);

      if (i > 0)
        g_string_append (line, GAP);
      g_string_append (line, fitted);

      for (guint w = steward_cli_text_width (fitted); w < widths[i]; w++)
        g_string_append_c (line, ' ');
    }

  /* No trailing blanks, whichever cells were short or empty. */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);
  g_string_append_c (line, '\n');
  steward_cli_output_write (output, line->str);
}

void
steward_cli_table_print (StewardCliTable  *self,
                         StewardCliOutput *output,
                         guint             total_width)
{
  guint n_columns;
  g_autofree guint *widths = NULL;
  guint used = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (output != NULL);

  n_columns = self->titles->len;
  widths = g_new0 (guint, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      widths[i] = steward_cli_text_width (g_ptr_array_index (self->titles, i));
      for (guint r = 0; r < self->rows->len; r++)
        {
          char **cells = g_ptr_array_index (self->rows, r);

          widths[i] = MAX (widths[i], steward_cli_text_width (cells[i]));
        }
    }

  for (guint i = 0; i + 1 < n_columns; i++)
    {
      widths[i] = MIN (widths[i], MAX_COLUMN_WIDTH);
      used += widths[i] + strlen (GAP);
    }
  widths[n_columns - 1] = MIN (widths[n_columns - 1],
                               MAX (MIN_LAST_WIDTH, total_width > used ? total_width - used : 0));

  print_row (output, (const char * const *) self->titles->pdata, widths, n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    print_row (output, g_ptr_array_index (self->rows, r), widths, n_columns);
}

void
steward_cli_table_free (StewardCliTable *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}
