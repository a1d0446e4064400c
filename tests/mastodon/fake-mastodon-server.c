/* fake-mastodon-server.c — the test Mastodon server as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints its base URL on the first line of stdout, then serves until it is
 * killed (SIGTERM or SIGINT stop it cleanly, saving --state if given).
 * Used by the CLI and UI tests:
 *
 *   fake-mastodon-server [--port N] [--token TOKEN] [--mentions N]
 *                        [--directs N] [--max-characters N] [--state FILE]
 *                        [--new-every SECONDS]
 */

#define G_LOG_DOMAIN "fake-mastodon-server"

#include <stdio.h>

#include <glib-unix.h>

#include "steward-mastodon-server.h"

static int      opt_port;
static char    *opt_token;
static int      opt_mentions;
static int      opt_directs;
static int      opt_max_characters;
static char    *opt_state;
static int      opt_new_every;

static const GOptionEntry entries[] = {
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Port on 127.0.0.1 (0: any free one)", "N" },
  { "token", 0, 0, G_OPTION_ARG_STRING, &opt_token, "Only accept this bearer token", "TOKEN" },
  { "mentions", 0, 0, G_OPTION_ARG_INT, &opt_mentions, "Seed N mention notifications", "N" },
  { "directs", 0, 0, G_OPTION_ARG_INT, &opt_directs, "Seed N direct conversations", "N" },
  { "max-characters", 0, 0, G_OPTION_ARG_INT, &opt_max_characters, "The instance's post length limit", "N" },
  { "state", 0, 0, G_OPTION_ARG_FILENAME, &opt_state, "Load state from FILE if it exists, save it on exit", "FILE" },
  { "new-every", 0, 0, G_OPTION_ARG_INT, &opt_new_every, "Add a new mention every SECONDS", "SECONDS" },
  { NULL }
};

static guint n_added;

static gboolean
on_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_new_mention_cb (gpointer data)
{
  StewardMastodonServer *server = data;
  g_autofree char *author = steward_mastodon_server_add_account (server, NULL, "newcomer", "Newcomer");
  g_autofree char *text = g_strdup_printf ("@steward new mention %u", ++n_added);
  StewardMastodonStatusSpec spec = { .author_id = author, .text = text, .language = "en" };
  g_autofree char *status = steward_mastodon_server_add_status (server, &spec, NULL);
  g_autofree char *notification = steward_mastodon_server_add_mention (server, status, NULL);

  return G_SOURCE_CONTINUE;
}

static void
seed_directs (StewardMastodonServer *server,
              guint                  n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *me = steward_mastodon_server_dup_me_id (server);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *acct = g_strdup_printf ("friend%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Friend %u", i + 1);
      g_autofree char *author = steward_mastodon_server_add_account (server, NULL, acct, name);
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(gint) (n - i) * 2);
      g_autofree char *text = g_strdup_printf ("@steward a private question, number %u", i + 1);
      StewardMastodonStatusSpec spec = {
        .author_id = author, .text = text, .visibility = "direct", .language = "en", .created_at = when,
      };
      g_autofree char *status = steward_mastodon_server_add_status (server, &spec, NULL);
      g_autofree char *conversation = steward_mastodon_server_add_direct (server, NULL, status, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— a Mastodon API server for tests");
  g_autoptr(StewardMastodonServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  server = steward_mastodon_server_new (opt_port, STEWARD_MASTODON_SERVER_FLAGS_NONE, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (opt_state != NULL && g_file_test (opt_state, G_FILE_TEST_EXISTS) &&
      !steward_mastodon_server_load (server, opt_state, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  me = steward_mastodon_server_set_me (server, NULL, "steward", "Steward Team");
  if (opt_token != NULL)
    steward_mastodon_server_set_token (server, opt_token);
  if (opt_max_characters > 0)
    steward_mastodon_server_set_max_characters (server, opt_max_characters);
  if (opt_mentions > 0)
    g_ptr_array_unref (steward_mastodon_server_seed_mentions (server, opt_mentions, 5));
  if (opt_directs > 0)
    seed_directs (server, opt_directs);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_quit_cb, loop);
  g_unix_signal_add (SIGINT, on_quit_cb, loop);
  if (opt_new_every > 0)
    g_timeout_add_seconds (opt_new_every, on_new_mention_cb, server);

  g_print ("%s\n", steward_mastodon_server_get_base_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  if (opt_state != NULL && !steward_mastodon_server_save (server, opt_state, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
