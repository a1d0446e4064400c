/* steward-cli-output.h — where steward-cli writes records: JSON lines, CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An output is standard output or a file. A file is written to a temporary
 * file beside it and renamed over it only by steward_cli_output_close(), so
 * a failure never leaves half a file behind.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _StewardCliOutput StewardCliOutput;

StewardCliOutput *steward_cli_output_new_stdout (void);
StewardCliOutput *steward_cli_output_new_file   (const char               *path,
                                                 GError                  **error);
void              steward_cli_output_write      (StewardCliOutput         *self,
                                                 const char               *text);
/* Compact JSON, doubles in their shortest exact form. */
char             *steward_cli_json_to_string    (JsonNode                 *node);
/* One JSON object on one line. */
void              steward_cli_output_json_line  (StewardCliOutput         *self,
                                                 JsonObject               *object);
/* Between the elements of a list in one CSV field. */
#define STEWARD_CLI_CSV_LIST_SEPARATOR "; "

/* RFC 4180: @fields (NULL-terminated) as the header row, or the members of
 * @object named by @fields as one record; lines end in CRLF. Members may be
 * strings, numbers, booleans ("true", "false"), null (an empty field) or
 * arrays of strings (joined with STEWARD_CLI_CSV_LIST_SEPARATOR). */
void              steward_cli_output_csv_header (StewardCliOutput         *self,
                                                 const char * const       *fields);
void              steward_cli_output_csv_record (StewardCliOutput         *self,
                                                 const char * const       *fields,
                                                 JsonObject               *object);
/* Flushes and, for a file, syncs it and renames it into place. */
gboolean          steward_cli_output_close      (StewardCliOutput         *self,
                                                 GError                  **error);
/* Frees; a file not closed successfully is removed. */
void              steward_cli_output_free       (StewardCliOutput         *self);

/* Quotes @value as RFC 4180 asks, appending it to @out. */
void              steward_cli_csv_append_field  (GString                  *out,
                                                 const char               *value);
/* RFC 3339 in UTC, "2026-11-24T10:00:00Z"; NULL for NULL. */
char             *steward_cli_format_time       (GDateTime                *time);
/* For people: local time to the minute, "2026-11-24 18:00"; NULL for NULL. */
char             *steward_cli_format_local_time (GDateTime                *time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardCliOutput, steward_cli_output_free)

G_END_DECLS
