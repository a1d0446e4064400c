/* steward-cli-search.c — steward-cli search QUERY [--limit N] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include "steward-cli-output.h"
#include "steward-cli-table.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT     10000

/* A search or listening result as a record: shared with "listen results". */
JsonObject *
steward_cli_post_to_json (StewardPost *post)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *created_at = steward_cli_format_time (steward_post_get_created_at (post));

  json_object_set_int_member (object, "id", steward_post_get_id (post));
  json_object_set_string_member (object, "network", steward_post_get_network (post));
  json_object_set_string_member (object, "remote_id", steward_post_get_remote_id (post));
  json_object_set_string_member (object, "url", steward_post_get_url (post));
  json_object_set_string_member (object, "author", steward_post_get_author (post));
  json_object_set_string_member (object, "author_name", steward_post_get_author_name (post));
  json_object_set_int_member (object, "author_followers", steward_post_get_author_followers (post));
  json_object_set_string_member (object, "language", steward_post_get_language (post));
  json_object_set_string_member (object, "text", steward_post_get_text (post));
  json_object_set_string_member (object, "highlight_markup", steward_post_get_highlight_markup (post));
  json_object_set_string_member (object, "created_at", created_at);

  return g_steal_pointer (&object);
}

int
steward_cli_search (StewardCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int limit = DEFAULT_LIMIT;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N posts (default: 50)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("QUERY"),
                                            N_("Searches every cached post, newest first. "
                                               "QUERY: words (Chinese needs no spaces; "
                                               "Traditional finds Simplified), \"exact "
                                               "phrases\", OR, -exclusion, (parentheses), "
                                               "#hashtag, @author, lang:zh, network:mastodon, "
                                               "has:link."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;

  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No search query given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (quote text with spaces)"),
                                    argv[2]);
  if (limit < 1 || limit > MAX_LIMIT)
    return steward_cli_usage_error (cli, context, _("--limit must be between 1 and %d"), MAX_LIMIT);

  text = g_utf8_make_valid (argv[1], -1);
  g_strstrip (text);
  if (*text == '\0')
    return steward_cli_usage_error (cli, context, _("No search query given"));

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  /* An invalid query fails with the position of the mistake (exit 1). */
  posts = steward_store_search (steward_context_get_store (steward), text, limit, &error);
  if (posts == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("DATE"), _("AUTHOR"), _("TEXT"), NULL);

  for (guint i = 0; i < posts->len; i++)
    {
      StewardPost *post = g_ptr_array_index (posts, i);
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;
      g_autofree char *author = NULL;

      if (json)
        {
          g_autoptr(JsonObject) object = steward_cli_post_to_json (post);

          steward_cli_output_json_line (output, object);
          continue;
        }

      id = g_strdup_printf ("%" G_GINT64_FORMAT, steward_post_get_id (post));
      date = steward_cli_format_local_time (steward_post_get_created_at (post));
      author = g_strconcat ("@", steward_post_get_author (post), NULL);
      steward_cli_table_add_row (table, id, date, author, steward_post_get_text (post));
    }

  if (table != NULL)
    {
      if (posts->len > 0)
        steward_cli_table_print (table, output, steward_cli_terminal_width ());
      else
        g_printerr ("%s\n", _("No posts found."));
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}
