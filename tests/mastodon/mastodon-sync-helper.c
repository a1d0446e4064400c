/* mastodon-sync-helper.c — syncs one account of a workspace, then exits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: mastodon-sync-helper DATA_DIR ACCOUNT_ID
 * The resume test runs it against a slow server and SIGKILLs it mid-sync.
 */

#define G_LOG_DOMAIN "mastodon-sync-helper"

#include "steward-sources.h"

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StewardContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StewardSyncEngine *engine;
  gint64 account_id;

  if (argc != 3)
    {
      g_printerr ("Usage: %s DATA_DIR ACCOUNT_ID\n", argv[0]);
      return 2;
    }
  account_id = g_ascii_strtoll (argv[2], NULL, 10);

  context = steward_context_new (argv[1], &error);
  if (context == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  steward_sources_register_all (context);

  engine = steward_context_get_sync_engine (context);
  steward_sync_engine_sync_async (engine, account_id, NULL, on_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!steward_sync_engine_sync_finish (engine, result, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
