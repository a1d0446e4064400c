/* steward-cli-output.c — where steward-cli writes records: JSON lines, CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-output.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

struct _StewardCliOutput
{
  FILE *stream;
  char *path;          /* the file to replace, NULL for standard output */
  char *tmp_path;      /* what is written until it is renamed to path */
  int   write_errno;   /* the first failed write's errno, or 0 */
  guint closed : 1;
};

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *path)
{
  /* Translators: %s is a file name (or "standard output"), then the reason */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write %s: %s"),
               path != NULL ? path : _("standard output"),
               g_strerror (saved_errno));
  return FALSE;
}

StewardCliOutput *
steward_cli_output_new_stdout (void)
{
  StewardCliOutput *self = g_new0 (StewardCliOutput, 1);

  self->stream = stdout;
  return self;
}

StewardCliOutput *
steward_cli_output_new_file (const char  *path,
                             GError     **error)
{
  g_autoptr(StewardCliOutput) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The temporary file sits beside the target so rename() stays atomic. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, errno, path);
      return NULL;
    }

  self = g_new0 (StewardCliOutput, 1);
  self->path = g_strdup (path);
  self->tmp_path = g_steal_pointer (&tmpl);
  self->stream = fdopen (fd, "w");
  if (self->stream == NULL)
    {
      int saved_errno = errno;

      close (fd);
      set_io_error (error, saved_errno, path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
steward_cli_output_write (StewardCliOutput *self,
                          const char       *text)
{
  size_t len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  len = strlen (text);
  if (len > 0 && fwrite (text, 1, len, self->stream) != len && self->write_errno == 0)
    self->write_errno = errno != 0 ? errno : EIO;
}

static void
append_json_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The shortest form that reads back as the same double: a score of 0.285
 * prints as 0.285, not as json-glib's 0.28499999999999998. */
static void
append_json_double (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
  /* Still a floating-point number when read back. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_json_node (GString  *out,
                  JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_json_string (out, l->data);
            g_string_append_c (out, ':');
            append_json_node (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        g_list_free (members);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_json_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_json_string (out, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
steward_cli_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  append_json_node (out, node);
  return g_string_free (out, FALSE);
}

void
steward_cli_output_json_line (StewardCliOutput *self,
                              JsonObject       *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autofree char *json = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (object != NULL);

  json_node_init_object (node, object);
  json = steward_cli_json_to_string (node);
  steward_cli_output_write (self, json);
  steward_cli_output_write (self, "\n");
}

void
steward_cli_csv_append_field (GString    *out,
                              const char *value)
{
  g_return_if_fail (out != NULL);

  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
steward_cli_output_csv_header (StewardCliOutput   *self,
                               const char * const *fields)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      steward_cli_csv_append_field (line, fields[i]);
    }
  g_string_append (line, "\r\n");
  steward_cli_output_write (self, line->str);
}

void
steward_cli_output_csv_record (StewardCliOutput   *self,
                               const char * const *fields,
                               JsonObject         *object)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_if_fail (self != NULL);
  g_return_if_fail (fields != NULL);
  g_return_if_fail (object != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, fields[i]);

      if (i > 0)
        g_string_append_c (line, ',');

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      /* A list of strings (tags, rule names) is one field. */
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              if (j > 0)
                g_string_append (joined, STEWARD_CLI_CSV_LIST_SEPARATOR);
              g_string_append (joined, json_array_get_string_element (array, j));
            }
          steward_cli_csv_append_field (line, joined->str);
          continue;
        }

      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (line, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (line, g_ascii_dtostr (buffer, sizeof buffer,
                                                   json_node_get_double (node)));
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (line, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          steward_cli_csv_append_field (line, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (line, "\r\n");
  steward_cli_output_write (self, line->str);
}

gboolean
steward_cli_output_close (StewardCliOutput  *self,
                          GError           **error)
{
  FILE *stream;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->closed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fflush (self->stream) != 0 && self->write_errno == 0)
    self->write_errno = errno;
  if (self->write_errno != 0)
    return set_io_error (error, self->write_errno, self->path);

  if (self->path == NULL)
    return TRUE;

  if (fsync (fileno (self->stream)) != 0)
    return set_io_error (error, errno, self->path);

  stream = g_steal_pointer (&self->stream);
  if (fclose (stream) != 0)
    return set_io_error (error, errno, self->path);

  if (g_rename (self->tmp_path, self->path) != 0)
    return set_io_error (error, errno, self->path);

  self->closed = TRUE;
  return TRUE;
}

void
steward_cli_output_free (StewardCliOutput *self)
{
  if (self == NULL)
    return;

  if (self->path != NULL)
    {
      if (self->stream != NULL)
        fclose (self->stream);
      if (!self->closed)
        g_unlink (self->tmp_path);
    }

  g_free (self->path);
  g_free (self->tmp_path);
  g_free (self);
}

char *
steward_cli_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
steward_cli_format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
