/* test-cli-output.c — steward-cli's CSV quoting, atomic files and columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-output"

#include <glib/gstdio.h>

#include "steward-cli-output.h"
#include "steward-cli-table.h"

static void
test_csv_quote (void)
{
  const struct {
    const char *value;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rlf", "\"cr\rlf\"" },
    { "天气,很好", "\"天气,很好\"" },
    { "\"", "\"\"\"\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      steward_cli_csv_append_field (out, cases[i].value);
      g_assert_cmpstr (out->str, ==, cases[i].expected);
    }
}

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (tz, 2026, 11, 24, 18, 0, 0);
  g_autofree char *text = steward_cli_format_time (local);

  g_assert_cmpstr (text, ==, "2026-11-24T10:00:00Z");
  g_assert_null (steward_cli_format_time (NULL));
}

static void
test_fit (void)
{
  g_autofree char *short_text = steward_cli_text_fit ("hello", 10);
  g_autofree char *cut = steward_cli_text_fit ("hello world", 8);
  g_autofree char *wide = steward_cli_text_fit ("今天天气很好", 7);
  g_autofree char *flat = steward_cli_text_fit ("  one\n\ntwo\tthree  ", 40);

  g_assert_cmpstr (short_text, ==, "hello");
  g_assert_cmpstr (cut, ==, "hello w…");
  g_assert_cmpuint (steward_cli_text_width (cut), ==, 8);
  /* Chinese characters take two cells: three fit in seven with the "…". */
  g_assert_cmpstr (wide, ==, "今天天…");
  g_assert_cmpuint (steward_cli_text_width (wide), ==, 7);
  g_assert_cmpstr (flat, ==, "one two three");
}

static char *
write_file (const char *path,
            gboolean    commit,
            GError    **error)
{
  g_autoptr(StewardCliOutput) output = steward_cli_output_new_file (path, error);

  if (output == NULL)
    return NULL;

  steward_cli_output_write (output, "new contents\n");
  if (commit && !steward_cli_output_close (output, error))
    return NULL;

  return g_strdup ("written");
}

static void
test_atomic_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("steward-cli-output-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *done = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "out.csv", NULL);
  g_file_set_contents (path, "old\n", -1, &error);
  g_assert_no_error (error);

  /* Freed without closing: the old file stays as it was, no temp file. */
  done = write_file (path, FALSE, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old\n");
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 1);

  g_clear_pointer (&done, g_free);
  g_clear_pointer (&contents, g_free);
  done = write_file (path, TRUE, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "new contents\n");

  g_unlink (path);
  g_rmdir (dir);
}

/* Columns line up in terminal cells, whatever the script; the last one is
 * cut to what is left of the width. */
static void
test_table_align (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("steward-cli-table-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "table.txt", NULL);
  output = steward_cli_output_new_file (path, &error);
  g_assert_no_error (error);

  table = steward_cli_table_new ("ID", "AUTHOR", "TEXT", NULL);
  steward_cli_table_add_row (table, "1", "@小明", "今天天气很好，你们的新产品怎么样？今天天气很好");
  steward_cli_table_add_row (table, "22", "@alice", "short\nand two lines");
  steward_cli_table_add_row (table, "333", NULL, "");
  steward_cli_table_print (table, output, 40);
  g_assert_true (steward_cli_output_close (output, &error));
  g_assert_no_error (error);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "ID   AUTHOR  TEXT");
  g_assert_cmpstr (lines[1], ==, "1    @小明   今天天气很好，你们的新产品…");
  g_assert_cmpstr (lines[2], ==, "22   @alice  short and two lines");
  g_assert_cmpstr (lines[3], ==, "333");
  g_assert_cmpuint (steward_cli_text_width (lines[1]), ==, 40);

  g_unlink (path);
  g_rmdir (dir);
}

/* JSON lines: escapes as JSON asks, doubles in their shortest exact form,
 * members in the order they were set, and what json-glib reads back. */
static void
test_json (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *array = json_array_new ();
  JsonObject *back;

  json_array_add_string_element (array, "退款");
  json_array_add_int_element (array, -3);
  json_object_set_string_member (object, "text", "say \"hi\"\\\n\t\x01天气");
  json_object_set_double_member (object, "score", 0.285);
  json_object_set_double_member (object, "zero", 0.0);
  json_object_set_double_member (object, "third", 1.0 / 3.0);
  json_object_set_boolean_member (object, "urgent", TRUE);
  json_object_set_null_member (object, "none");
  json_object_set_array_member (object, "rules", array);
  json_object_set_int_member (object, "id", G_MAXINT64);
  json_node_init_object (node, object);

  text = steward_cli_json_to_string (node);
  g_assert_cmpstr (text, ==,
                   "{\"text\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001天气\",\"score\":0.285,"
                   "\"zero\":0.0,\"third\":0.3333333333333333,\"urgent\":true,\"none\":null,"
                   "\"rules\":[\"退款\",-3],\"id\":9223372036854775807}");

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  back = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (back, "text"), ==, "say \"hi\"\\\n\t\x01天气");
  g_assert_cmpfloat (json_object_get_double_member (back, "score"), ==, 0.285);
  g_assert_cmpfloat (json_object_get_double_member (back, "third"), ==, 1.0 / 3.0);
  g_assert_cmpint (json_object_get_int_member (back, "id"), ==, G_MAXINT64);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/output/csv-quote", test_csv_quote);
  g_test_add_func ("/cli/output/json", test_json);
  g_test_add_func ("/cli/output/format-time", test_format_time);
  g_test_add_func ("/cli/output/atomic-file", test_atomic_file);
  g_test_add_func ("/cli/table/fit", test_fit);
  g_test_add_func ("/cli/table/align", test_table_align);

  return g_test_run ();
}
