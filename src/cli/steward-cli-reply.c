/* steward-cli-reply.c — steward-cli reply ID --text TEXT [--visibility V]
 *                        [--spoiler TEXT] [--language L]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reply is written to the outbox and sent by the next sync of the
 * item's account (`steward-cli sync`), never twice; the command prints the
 * outbox entry's id. `steward-cli outbox list` follows it.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <string.h>

#include "steward-cli-output.h"

static const char * const visibilities[] = { "public", "unlisted", "private", "direct", NULL };

/* ISO 639-1 (two letters), or a three-letter ISO 639-3 code. */
static gboolean
is_language_code (const char *code)
{
  gsize len = strlen (code);

  if (len < 2 || len > 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (code[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

int
steward_cli_reply (StewardCli  *cli,
                   int          argc,
                   char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(StewardCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *visibility = NULL;
  g_autofree char *spoiler = NULL;
  g_autofree char *language = NULL;
  g_autofree char *printed = NULL;
  StewardDraft draft = { NULL, };
  StewardStore *store;
  gint64 item_id;
  gint64 entry_id;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The reply; required"), N_("TEXT") },
    { "visibility", 0, 0, G_OPTION_ARG_STRING, &visibility,
      N_("public, unlisted, private or direct (default: the item’s own; a direct message "
         "is answered privately)"), N_("VISIBILITY") },
    { "spoiler", 0, 0, G_OPTION_ARG_STRING, &spoiler,
      N_("A content warning shown before the text"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The reply’s language as an ISO 639 code, e.g. en or zh"), N_("CODE") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, N_("ID"),
                                            N_("Queues a reply to an inbox item in its thread "
                                               "and prints the outbox entry’s id. The next sync "
                                               "of the item’s account sends it, exactly once."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc < 2)
    return steward_cli_usage_error (cli, context, _("No inbox item id given"));
  if (argc > 2)
    return steward_cli_usage_error (cli, context,
                                    _("Unexpected argument “%s” (quote text with spaces)"),
                                    argv[2]);
  if (!steward_cli_parse_id (argv[1], &item_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an inbox item id"), argv[1]);
  if (text == NULL)
    return steward_cli_usage_error (cli, context, _("--text is required"));
  if (is_blank (text))
    return steward_cli_usage_error (cli, context, _("The reply is empty"));
  if (visibility != NULL && !g_strv_contains (visibilities, visibility))
    return steward_cli_usage_error (cli, context,
                                    _("Unknown visibility “%s”: use public, unlisted, private "
                                      "or direct"),
                                    visibility);
  if (language != NULL && !is_language_code (language))
    return steward_cli_usage_error (cli, context,
                                    _("“%s” is not a language code (e.g. en, zh)"), language);
  if (spoiler != NULL && is_blank (spoiler))
    g_clear_pointer (&spoiler, g_free);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);
  store = steward_context_get_store (steward);

  item = steward_cli_lookup_inbox_item (store, item_id, &error);
  if (item == NULL)
    return steward_cli_fail (error);

  draft.text = text;
  draft.visibility = visibility;
  draft.spoiler_text = spoiler;
  draft.language = language;
  entry_id = steward_store_queue_reply (store, item_id, &draft, &error);
  if (entry_id == 0)
    return steward_cli_fail (error);

  output = steward_cli_output_new_stdout ();
  printed = g_strdup_printf ("%" G_GINT64_FORMAT "\n", entry_id);
  steward_cli_output_write (output, printed);
  if (!steward_cli_output_close (output, &error))
    return steward_cli_fail (error);

  return STEWARD_CLI_EXIT_OK;
}
