/* steward-cli-analyze.c — steward-cli analyze [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads standard input a line at a time and prints one result per line,
 * as it goes (a pipe of any length works in constant memory): the
 * sentiment label and score, and whether the workspace's urgency rules
 * would make it urgent, with the rules that fired. Rules that need more
 * than text (reach, direct messages, bursts) never fire here. An empty
 * line gives a neutral result, so output line N answers input line N.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "steward-cli-output.h"
#include "steward-cli-table.h"

typedef struct
{
  StewardCliOutput *output;
  gboolean          json;
  guint             label_width;
} AnalyzeRun;

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
print_result (AnalyzeRun                  *run,
              const char                  *text,
              const StewardClassification *result)
{
  double score = steward_cli_round_score (result->score);
  const char * const *rules = (const char * const *) result->rules;

  if (run->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
        json_array_add_string_element (array, rules[i]);
      json_object_set_string_member (object, "text", text);
      json_object_set_string_member (object, "label", steward_sentiment_label_to_string (result->label));
      json_object_set_double_member (object, "score", score);
      json_object_set_boolean_member (object, "urgent", result->urgent);
      json_object_set_array_member (object, "rules", array);
      steward_cli_output_json_line (run->output, object);
    }
  else
    {
      g_autoptr(GString) line = g_string_new (NULL);
      const char *label = steward_cli_sentiment_label (result->label);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (line, label);
      for (guint w = steward_cli_text_width (label); w < run->label_width; w++)
        g_string_append_c (line, ' ');
      g_ascii_formatd (number, sizeof number, "%5.2f", score);
      g_string_append_printf (line, "  %s", number);
      if (result->urgent)
        {
          g_autofree char *names = rules != NULL ? g_strjoinv (", ", (GStrv) rules) : g_strdup ("");
          g_autofree char *urgent = NULL;

          /* Translators: %s lists the urgency rules that fired */
          urgent = g_strdup_printf (_("urgent: %s"), names);
          g_string_append_printf (line, "  %s", urgent);
        }
      g_string_append_c (line, '\n');
      steward_cli_output_write (run->output, line->str);
    }
}

int
steward_cli_analyze (StewardCli  *cli,
                     int          argc,
                     char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  const char * const empty_rules[] = { NULL };
  const StewardClassification neutral = {
    0.0, STEWARD_SENTIMENT_LABEL_NEUTRAL, FALSE, (GStrv) empty_rules
  };
  gboolean json = FALSE;
  gboolean interactive;
  AnalyzeRun run = { NULL, };
  char *buffer = NULL;
  size_t size = 0;
  ssize_t length;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per line: text, label, score, urgent, rules"), NULL },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Reads text from standard input, one post per "
                                               "line, and prints for each line its sentiment "
                                               "(label and score from −1 to 1) and whether the "
                                               "workspace’s urgency rules make it urgent, with "
                                               "the rules that fired. Rules on reach, direct "
                                               "messages or bursts need more than text and never "
                                               "fire here."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (the text comes from standard "
                                      "input)"),
                                    argv[1]);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  analyzer = steward_sentiment_analyzer_new (&error);
  if (analyzer == NULL)
    return steward_cli_fail (error);
  classifier = steward_classifier_new_for_store (steward_context_get_store (steward), analyzer,
                                                 &error);
  if (classifier == NULL)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  run.output = output;
  run.json = json;
  for (StewardSentimentLabel label = STEWARD_SENTIMENT_LABEL_NEUTRAL;
       label <= STEWARD_SENTIMENT_LABEL_NEGATIVE; label++)
    run.label_width = MAX (run.label_width,
                           steward_cli_text_width (steward_cli_sentiment_label (label)));

  /* Someone typing sees each answer at once; a pipe is written in blocks. */
  interactive = isatty (STDIN_FILENO);

  errno = 0;
  while ((length = getline (&buffer, &size, stdin)) >= 0)
    {
      g_autofree char *text = NULL;

      while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
        buffer[--length] = '\0';
      text = g_utf8_make_valid (buffer, length);

      if (is_blank (text))
        print_result (&run, text, &neutral);
      else
        {
          g_autoptr(StewardClassification) result = NULL;

          result = steward_classifier_analyze_text (classifier, text);
          print_result (&run, text, result);
        }

      if (interactive)
        fflush (stdout);
    }
  free (buffer);

  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not read standard input: %s"), g_strerror (saved_errno));
      return steward_cli_fail (error);
    }

  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);
  return STEWARD_CLI_EXIT_OK;
}
