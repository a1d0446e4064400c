/* steward-cli-table.h — human-readable output in aligned columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widths are counted in terminal cells (a Chinese character takes two).
 * Cells are flattened to one line; the last column takes what is left of
 * the terminal's width and is truncated with "…".
 */
#pragma once

#include "steward-cli-output.h"

G_BEGIN_DECLS

typedef struct _StewardCliTable StewardCliTable;

/* @first_title and the titles after it, NULL-terminated. */
StewardCliTable *steward_cli_table_new       (const char        *first_title,
                                              ...) G_GNUC_NULL_TERMINATED;
/* As many cells as there are columns; NULL cells print empty. */
void             steward_cli_table_add_row   (StewardCliTable   *self,
                                              const char        *first_cell,
                                              ...);
void             steward_cli_table_print     (StewardCliTable   *self,
                                              StewardCliOutput  *output,
                                              guint              total_width);
void             steward_cli_table_free      (StewardCliTable   *self);

/* The terminal's width when standard output is one, else $COLUMNS, else a
 * generous default. */
guint            steward_cli_terminal_width  (void);
/* Cells @text takes on a terminal. */
guint            steward_cli_text_width      (const char        *text);
/* @text on one line, cut to at most @width cells (ending in "…" when cut). */
char            *steward_cli_text_fit        (const char        *text,
                                              guint              width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardCliTable, steward_cli_table_free)

G_END_DECLS
