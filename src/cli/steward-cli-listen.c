/* steward-cli-listen.c — steward-cli listen add|list|remove|results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   steward-cli listen add NAME QUERY [--colour COLOUR]
 *   steward-cli listen list [--json]
 *   steward-cli listen remove NAME
 *   steward-cli listen results NAME [--since TIME] [--limit N] [--json]
 *
 * Results have the fields of search results plus "new" and "sentiment"
 * (label and score from the core's analyzer).
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <steward/steward-sentiment.h>

#include "steward-cli-output.h"
#include "steward-cli-table.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT     10000

static int
listen_add (StewardCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardListeningQuery) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *colour = NULL;
  const GOptionEntry entries[] = {
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour,
      N_("The query’s colour in charts, e.g. #3584e4"), N_("COLOUR") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("NAME QUERY"),
                                            N_("Saves a listening query. Its results are every "
                                               "cached post it matches; posts that arrive later "
                                               "are marked new."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 3)
    return steward_cli_usage_error (cli, context, _("A name and a query are needed"));
  if (argc > 3)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (quote text with spaces)"),
                                    argv[3]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  /* An invalid query fails with the position of the mistake (exit 1). */
  query = steward_store_add_listening_query (steward_context_get_store (steward),
                                             argv[1], argv[2], colour, &error);
  if (query == NULL)
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}

static int
listen_list (StewardCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Lists the listening queries with how many new "
                                               "posts each has."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  queries = steward_store_list_listening_queries (steward_context_get_store (steward), &error);
  if (queries == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("NAME"), _("NEW"), _("COLOUR"), _("QUERY"), NULL);

  for (guint i = 0; i < queries->len; i++)
    {
      StewardListeningQuery *query = g_ptr_array_index (queries, i);
      g_autofree char *n_new = g_strdup_printf ("%u", steward_listening_query_get_n_new (query));

      if (json)
        {
          g_autoptr(JsonObject) object = json_object_new ();
          g_autofree char *created_at = steward_cli_format_time (steward_listening_query_get_created_at (query));
          g_autofree char *seen_at = steward_cli_format_time (steward_listening_query_get_last_seen_at (query));

          json_object_set_string_member (object, "name", steward_listening_query_get_name (query));
          json_object_set_string_member (object, "query", steward_listening_query_get_query (query));
          json_object_set_string_member (object, "colour", steward_listening_query_get_colour (query));
          json_object_set_int_member (object, "new", steward_listening_query_get_n_new (query));
          json_object_set_string_member (object, "created_at", created_at);
          json_object_set_string_member (object, "last_seen_at", seen_at);
          steward_cli_output_json_line (output, object);
          continue;
        }

      steward_cli_table_add_row (table, steward_listening_query_get_name (query), n_new,
                                 steward_listening_query_get_colour (query) != NULL
                                   ? steward_listening_query_get_colour (query) : "",
                                 steward_listening_query_get_query (query));
    }

  if (table != NULL)
    {
      if (queries->len > 0)
        steward_cli_table_print (table, output, steward_cli_terminal_width ());
      else
        g_printerr ("%s\n", _("No listening queries (add one with “steward-cli listen add”)."));
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}

static int
listen_remove (StewardCli  *cli,
               int          argc,
               char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GError) error = NULL;

  context = steward_cli_option_context_new (cli, N_("NAME"),
                                            N_("Removes a listening query; the cached posts stay."),
                                            NULL);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No query name given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (!steward_store_remove_listening_query (steward_context_get_store (steward), argv[1], &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}

static int
listen_results (StewardCli  *cli,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(StewardCliTable) table = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GDateTime) since_time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  int limit = DEFAULT_LIMIT;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Only posts created at or after TIME: 2026-11-20T09:00:00Z, 2026-11-20, 36h or 7d"),
      N_("TIME") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_("Print at most N posts (default: 50)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("NAME"),
                                            N_("Prints the cached posts a listening query "
                                               "matches, newest first, with their sentiment; "
                                               "posts found since it was saved and not seen yet "
                                               "are marked new."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No query name given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[2]);
  if (limit < 1 || limit > MAX_LIMIT)
    return steward_cli_usage_error (cli, context, _("--limit must be between 1 and %d"), MAX_LIMIT);
  if (since != NULL && (since_time = steward_cli_parse_time (since, FALSE)) == NULL)
    return steward_cli_usage_error (cli, context, _("Not a time: “%s”"), since);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  posts = steward_store_listening_results (steward_context_get_store (steward), argv[1],
                                           since_time, 0, limit, &error);
  if (posts == NULL)
    return steward_cli_fail (error);

  analyzer = steward_sentiment_analyzer_new (&error);
  if (analyzer == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  if (!json)
    table = steward_cli_table_new (_("ID"), _("DATE"), _("AUTHOR"), _("SENTIMENT"), _("TEXT"), NULL);

  for (guint i = 0; i < posts->len; i++)
    {
      StewardPost *post = g_ptr_array_index (posts, i);
      StewardSentimentLabel label = STEWARD_SENTIMENT_LABEL_NEUTRAL;
      double score = steward_sentiment_analyzer_score (analyzer, steward_post_get_text (post), &label);
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;
      g_autofree char *author = NULL;

      if (json)
        {
          g_autoptr(JsonObject) object = steward_cli_post_to_json (post);
          JsonObject *sentiment = json_object_new ();

          json_object_set_boolean_member (object, "new", steward_post_get_is_new (post));
          json_object_set_string_member (sentiment, "label", steward_sentiment_label_to_string (label));
          json_object_set_double_member (sentiment, "score", score);
          json_object_set_object_member (object, "sentiment", sentiment);
          steward_cli_output_json_line (output, object);
          continue;
        }

      /* A new post's id carries a star. */
      id = g_strdup_printf ("%" G_GINT64_FORMAT "%s", steward_post_get_id (post),
                            steward_post_get_is_new (post) ? "*" : "");
      date = steward_cli_format_local_time (steward_post_get_created_at (post));
      author = g_strconcat ("@", steward_post_get_author (post), NULL);
      steward_cli_table_add_row (table, id, date, author,
                                 steward_sentiment_label_get_display_name (label),
                                 steward_post_get_text (post));
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

int
steward_cli_listen (StewardCli  *cli,
                    int          argc,
                    char       **argv)
{
  static const StewardCliCommand commands[] = {
    { "add",     listen_add,     N_("Save a listening query") },
    { "list",    listen_list,    N_("List the listening queries") },
    { "remove",  listen_remove,  N_("Remove a listening query") },
    { "results", listen_results, N_("Print a query’s posts, newest first") },
  };

  return steward_cli_run_group (cli, N_("Saved listening queries over the local cache."),
                                commands, G_N_ELEMENTS (commands), argc, argv);
}
