/* steward-cli-sync.c — steward-cli sync [--account ID]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the core's sync engine on a main loop until every account is caught
 * up, echoing its "status" and "progress" to standard error. SIGINT or
 * SIGTERM cancel the sync (pages already committed stay; the next sync
 * resumes from them); a second one exits at once.
 */
#define G_LOG_DOMAIN "steward-cli"

#include "steward-cli-private.h"

#include <signal.h>
#include <stdlib.h>

#include <glib-unix.h>

typedef struct
{
  StewardContext *context;
  GMainLoop      *loop;
  GCancellable   *cancellable;
  GError         *error;
  char           *last_line;
  GHashTable     *synced;      /* account ids, as gint64 keys */
  GHashTable     *failed;
  guint           n_interrupts;
} SyncRun;

static void
sync_run_clear (SyncRun *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_object (&run->cancellable);
  g_clear_error (&run->error);
  g_clear_pointer (&run->last_line, g_free);
  g_clear_pointer (&run->synced, g_hash_table_unref);
  g_clear_pointer (&run->failed, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncRun, sync_run_clear)

static char *
dup_account_label (SyncRun *run,
                   gint64   account_id)
{
  g_autoptr(StewardAccount) account = NULL;

  account = steward_store_get_account (steward_context_get_store (run->context), account_id, NULL);
  if (account != NULL)
    return steward_account_dup_label (account);

  return g_strdup_printf ("#%" G_GINT64_FORMAT, account_id);
}

static void
print_sign_in_hint (const char *label)
{
  /* Translators: %s is an account, e.g. @brand@mastodon.social */
  g_printerr (_("steward-cli: %s needs to sign in again: add it once more with "
                "“steward-cli account add”\n"),
              label);
}

/* The engine leaves out accounts it cannot sync (one that needs signing in
 * again, say); for the exit status those failed too. Returns how many
 * accounts did not sync. */
static guint
count_unsynced (SyncRun *run,
                gint64   account_id)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  guint n_unsynced = 0;

  accounts = steward_store_list_accounts (steward_context_get_store (run->context), &error);
  if (accounts == NULL)
    {
      g_printerr ("steward-cli: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);
      gint64 id = steward_account_get_id (account);
      g_autofree char *label = NULL;

      if ((account_id > 0 && id != account_id) || g_hash_table_contains (run->synced, &id))
        continue;

      n_unsynced++;
      if (g_hash_table_contains (run->failed, &id))
        continue;

      label = steward_account_dup_label (account);
      if (steward_account_get_state (account) == STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN)
        print_sign_in_hint (label);
      else
        /* Translators: %s is an account */
        g_printerr (_("steward-cli: %s was not synced\n"), label);
    }

  return n_unsynced;
}

static void
on_engine_progress_cb (StewardSyncEngine *engine,
                       GParamSpec        *pspec,
                       SyncRun           *run)
{
  const char *status = steward_sync_engine_get_status (engine);
  double progress = CLAMP (steward_sync_engine_get_progress (engine), 0.0, 1.0);
  g_autofree char *line = NULL;

  if (status == NULL || *status == '\0')
    return;

  /* Both properties change together often; say each state once. */
  line = g_strdup_printf ("[%3d%%] %s", (int) (progress * 100.0 + 0.5), status);
  if (g_strcmp0 (line, run->last_line) == 0)
    return;

  g_printerr ("%s\n", line);
  g_free (run->last_line);
  run->last_line = g_steal_pointer (&line);
}

static void
on_engine_account_synced_cb (StewardSyncEngine *engine,
                             gint64             account_id,
                             guint              n_new,
                             SyncRun           *run)
{
  g_autofree char *label = dup_account_label (run, account_id);

  g_hash_table_add (run->synced, g_memdup2 (&account_id, sizeof account_id));

  /* Translators: %s is an account, %u how many inbox items arrived */
  g_printerr (ngettext ("%s: synced, %u new item\n", "%s: synced, %u new items\n", n_new),
              label, n_new);
}

static void
on_engine_account_failed_cb (StewardSyncEngine *engine,
                             gint64             account_id,
                             const GError      *error,
                             SyncRun           *run)
{
  g_autofree char *label = dup_account_label (run, account_id);

  g_hash_table_add (run->failed, g_memdup2 (&account_id, sizeof account_id));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_printerr ("steward-cli: %s: %s\n", label, error->message);
  if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED))
    print_sign_in_hint (label);
}

static gboolean
on_interrupt_cb (gpointer user_data)
{
  SyncRun *run = user_data;

  if (run->n_interrupts++ > 0)
    exit (STEWARD_CLI_EXIT_INTERRUPTED);

  g_printerr ("%s\n", _("Stopping the sync…"));
  g_cancellable_cancel (run->cancellable);

  return G_SOURCE_CONTINUE;
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncRun *run = user_data;

  steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static int
sync_accounts (StewardContext *context,
               gint64          account_id)
{
  g_auto(SyncRun) run = { NULL, };
  StewardSyncEngine *engine = steward_context_get_sync_engine (context);
  guint sigint_id;
  guint sigterm_id;

  run.context = context;
  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  run.synced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run.failed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* One sync and done: no periodic syncs behind our back. */
  steward_sync_engine_set_interval (engine, 0);

  g_signal_connect (engine, "notify::status", G_CALLBACK (on_engine_progress_cb), &run);
  g_signal_connect (engine, "notify::progress", G_CALLBACK (on_engine_progress_cb), &run);
  g_signal_connect (engine, "account-synced", G_CALLBACK (on_engine_account_synced_cb), &run);
  g_signal_connect (engine, "account-failed", G_CALLBACK (on_engine_account_failed_cb), &run);
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt_cb, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt_cb, &run);

  steward_sync_engine_sync_async (engine, account_id, run.cancellable, on_sync_done_cb, &run);
  g_main_loop_run (run.loop);

  g_signal_handlers_disconnect_by_data (engine, &run);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return steward_cli_fail (run.error);

  /* Failed accounts were reported as they failed; an error that was not
   * about an account (offline, say) is reported here. */
  if (run.error != NULL && g_hash_table_size (run.failed) == 0)
    return steward_cli_fail (run.error);

  if (count_unsynced (&run, account_id) > 0 || run.error != NULL)
    return STEWARD_CLI_EXIT_FAILURE;

  return STEWARD_CLI_EXIT_OK;
}

int
steward_cli_sync (StewardCli  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(StewardContext) steward = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_arg = NULL;
  gint64 account_id = 0;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_arg,
      N_("Sync only the account with this id"), N_("ID") },
    { NULL }
  };

  context = steward_cli_option_context_new (cli, NULL,
                                            N_("Fetches new mentions and direct messages of "
                                               "every account (or one) until caught up. "
                                               "Progress goes to standard error; the exit "
                                               "status is 0 only if every account synced."),
                                            entries);
  if (!steward_cli_parse_options (cli, context, &argc, &argv))
    return STEWARD_CLI_EXIT_USAGE;
  if (argc > 1)
    return steward_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);
  if (account_arg != NULL && !steward_cli_parse_id (account_arg, &account_id))
    return steward_cli_usage_error (cli, context, _("“%s” is not an account id"), account_arg);

  steward = steward_cli_open_context (cli, &error);
  if (steward == NULL)
    return steward_cli_fail (error);

  if (account_id > 0)
    {
      g_autoptr(StewardAccount) account = steward_cli_lookup_account (steward, account_id, &error);

      if (account == NULL)
        return steward_cli_fail (error);
    }
  else
    {
      g_autoptr(GPtrArray) accounts = NULL;

      accounts = steward_store_list_accounts (steward_context_get_store (steward), &error);

      if (accounts == NULL)
        return steward_cli_fail (error);
      if (accounts->len == 0)
        {
          g_printerr ("%s\n",
                      _("No accounts to sync. Add one with “steward-cli account add”."));
          return STEWARD_CLI_EXIT_OK;
        }
    }

  return sync_accounts (steward, account_id);
}
