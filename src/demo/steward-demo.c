/* steward-demo.c — the built-in demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One demo per StewardContext: the first time a source is asked for, a
 * thread starts with its own main context, where the demo server answers
 * and a timer adds new mentions and messages. The server's state and the
 * community's memory are kept in <workspace>/demo/, so ids and content
 * stay the same from one run to the next; the thread stops, saving both,
 * when the context is finalized.
 */

#define G_LOG_DOMAIN "steward-demo"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mastodon/steward-mastodon-source.h"
#include "steward-demo.h"
#include "steward-demo-history.h"
#include "steward-demo-community.h"
#include "steward-mastodon-server.h"

#define DEMO_DATA_KEY        "steward-demo"
#define DEMO_NETWORK         "demo"
#define DEMO_TOKEN           "demo"
#define DEMO_TITLE           "Lumen Coffee Demo"
#define DEFAULT_MIN_MS       3000
#define DEFAULT_MAX_MS       8000
/* Live items are saved at most this often (and always on stop). */
#define SAVE_INTERVAL_US     (10 * G_USEC_PER_SEC)

typedef struct {
  GMutex                 mutex;
  GCond                  cond;
  char                  *folder;        /* <workspace>/demo */

  /* guarded by mutex */
  gboolean               closed;
  guint                  min_ms;
  guint                  max_ms;
  GThread               *thread;
  gboolean               started;
  GError                *start_error;
  char                  *base_url;

  /* the demo thread's own */
  GMainContext          *main_context;
  GMainLoop             *loop;
  GSource               *tick;
  StewardMastodonServer *server;
  StewardDemoCommunity  *community;
  GRand                 *rand;
  gint64                 last_save;
} Demo;

static gboolean on_tick_cb (gpointer data);

/* helpers */

static char *
demo_path (Demo       *demo,
           const char *name)
{
  return g_build_filename (demo->folder, name, NULL);
}

static gboolean
demo_save (Demo    *demo,
           GError **error)
{
  g_autofree char *server_path = demo_path (demo, "server.json");
  g_autofree char *community_path = demo_path (demo, "community.json");

  if (g_mkdir_with_parents (demo->folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", demo->folder, g_strerror (saved_errno));
      return FALSE;
    }
  /* The server first: the community's saved_at says up to when the
   * server's state is complete. */
  if (!steward_mastodon_server_save (demo->server, server_path, error) ||
      !steward_demo_community_save (demo->community, community_path, error))
    return FALSE;

  demo->last_save = g_get_monotonic_time ();
  return TRUE;
}

/* Loads the saved state, or writes thirty days of history anchored at the
 * first run, then fills the time since the last run sparsely. */
static gboolean
demo_prepare (Demo    *demo,
              GError **error)
{
  g_autofree char *server_path = demo_path (demo, "server.json");
  g_autofree char *community_path = demo_path (demo, "community.json");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) gap_from = NULL;
  gboolean have_community = FALSE;
  guint n_added = 0;

  demo->community = steward_demo_community_new (error);
  if (demo->community == NULL)
    return FALSE;
  demo->server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_FLAGS_NONE, error);
  if (demo->server == NULL)
    return FALSE;
  steward_mastodon_server_set_title (demo->server, DEMO_TITLE);

  if (g_file_test (community_path, G_FILE_TEST_EXISTS))
    {
      have_community = steward_demo_community_load (demo->community, community_path, &local_error);
      if (!have_community)
        g_warning ("Starting the demo community afresh: %s", local_error->message);
      g_clear_error (&local_error);
    }

  if (have_community && g_file_test (server_path, G_FILE_TEST_EXISTS) &&
      steward_mastodon_server_load (demo->server, server_path, &local_error))
    {
      steward_demo_community_add_accounts (demo->community, demo->server);
      gap_from = g_date_time_ref (steward_demo_community_get_saved_at (demo->community));
    }
  else
    {
      /* The same seed and anchor give the same history, ids included, so
       * a lost server.json comes back as it was. */
      g_autoptr(GDateTime) anchor = NULL;

      if (local_error != NULL)
        {
          /* Start from a clean server, whatever the failed load left. */
          g_warning ("Rebuilding the demo server's state: %s", local_error->message);
          steward_mastodon_server_stop (demo->server);
          g_clear_object (&demo->server);
          demo->server = steward_mastodon_server_new (0, STEWARD_MASTODON_SERVER_FLAGS_NONE, error);
          if (demo->server == NULL)
            return FALSE;
          steward_mastodon_server_set_title (demo->server, DEMO_TITLE);
        }
      anchor = have_community ? g_date_time_ref (steward_demo_community_get_anchor (demo->community))
                              : g_date_time_ref (now);
      steward_demo_community_add_accounts (demo->community, demo->server);
      if (!steward_demo_community_populate (demo->community, demo->server, STEWARD_DEMO_SEED,
                                            anchor, &n_added, error))
        return FALSE;
      g_debug ("Demo history: %u posts", n_added);
      gap_from = g_date_time_ref (anchor);
    }

  if (!steward_demo_community_fill_gap (demo->community, demo->server, gap_from, now, &n_added, error))
    return FALSE;
  g_debug ("Demo gap since the last run: %u posts", n_added);

  return demo_save (demo, error);
}

static void
demo_save_or_warn (Demo *demo)
{
  g_autoptr(GError) error = NULL;

  if (!demo_save (demo, &error))
    g_warning ("Could not save the demo workspace: %s", error->message);
}

static void
schedule_tick (Demo *demo)
{
  guint min_ms, max_ms;

  if (demo->tick != NULL)
    {
      g_source_destroy (demo->tick);
      g_clear_pointer (&demo->tick, g_source_unref);
    }

  g_mutex_lock (&demo->mutex);
  min_ms = demo->min_ms;
  max_ms = MAX (demo->max_ms, demo->min_ms);
  g_mutex_unlock (&demo->mutex);

  if (min_ms == 0)
    return;

  demo->tick = g_timeout_source_new (g_rand_int_range (demo->rand, min_ms, max_ms + 1));
  g_source_set_callback (demo->tick, on_tick_cb, demo, NULL);
  g_source_set_static_name (demo->tick, "[steward] demo tick");
  g_source_attach (demo->tick, demo->main_context);
}

/* callbacks */

static gboolean
on_tick_cb (gpointer data)
{
  Demo *demo = data;
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  g_clear_pointer (&demo->tick, g_source_unref);

  if (!steward_demo_community_add_live (demo->community, demo->server, demo->rand, &n_added, &error))
    g_warning ("Demo: %s", error->message);

  if (g_get_monotonic_time () - demo->last_save >= SAVE_INTERVAL_US)
    demo_save_or_warn (demo);

  schedule_tick (demo);
  return G_SOURCE_REMOVE;
}

static gboolean
on_reschedule_cb (gpointer data)
{
  Demo *demo = data;

  if (demo->server != NULL)
    schedule_tick (demo);
  return G_SOURCE_REMOVE;
}

static gboolean
on_quit_cb (gpointer data)
{
  Demo *demo = data;

  g_main_loop_quit (demo->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
demo_thread (gpointer data)
{
  Demo *demo = data;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (demo->main_context);

  ok = demo_prepare (demo, &error);

  g_mutex_lock (&demo->mutex);
  demo->start_error = error;
  g_clear_pointer (&demo->base_url, g_free);
  if (ok)
    demo->base_url = g_strdup (steward_mastodon_server_get_base_url (demo->server));
  demo->started = TRUE;
  g_cond_broadcast (&demo->cond);
  g_mutex_unlock (&demo->mutex);

  if (ok)
    {
      schedule_tick (demo);
      g_main_loop_run (demo->loop);

      if (demo->tick != NULL)
        {
          g_source_destroy (demo->tick);
          g_clear_pointer (&demo->tick, g_source_unref);
        }
      demo_save_or_warn (demo);
    }

  if (demo->server != NULL)
    steward_mastodon_server_stop (demo->server);
  g_clear_object (&demo->server);
  g_clear_object (&demo->community);
  /* Let the server's pending sources go. */
  while (g_main_context_iteration (demo->main_context, FALSE))
    ;
  g_main_context_pop_thread_default (demo->main_context);
  return NULL;
}

/* Starts the demo thread unless it runs; returns the server's URL. */
static char *
demo_ensure_started (Demo    *demo,
                     GError **error)
{
  GThread *failed = NULL;
  char *base_url = NULL;

  g_mutex_lock (&demo->mutex);
  if (demo->closed)
    {
      g_mutex_unlock (&demo->mutex);
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                           _("The demo workspace has been closed"));
      return NULL;
    }
  if (demo->thread == NULL)
    {
      demo->started = FALSE;
      g_clear_error (&demo->start_error);
      demo->thread = g_thread_new ("steward-demo", demo_thread, demo);
    }
  while (!demo->started)
    g_cond_wait (&demo->cond, &demo->mutex);
  if (demo->start_error != NULL)
    {
      g_propagate_error (error, g_error_copy (demo->start_error));
      /* Try again next time. */
      failed = g_steal_pointer (&demo->thread);
    }
  else
    base_url = g_strdup (demo->base_url);
  g_mutex_unlock (&demo->mutex);

  if (failed != NULL)
    g_thread_join (failed);
  return base_url;
}

static void
demo_clear (Demo *demo)
{
  g_assert (demo->thread == NULL);

  g_clear_pointer (&demo->loop, g_main_loop_unref);
  g_clear_pointer (&demo->main_context, g_main_context_unref);
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->folder, g_free);
  g_clear_pointer (&demo->base_url, g_free);
  g_clear_error (&demo->start_error);
  g_mutex_clear (&demo->mutex);
  g_cond_clear (&demo->cond);
}

static void
demo_release (Demo *demo)
{
  g_atomic_rc_box_release_full (demo, (GDestroyNotify) demo_clear);
}

/* When the context goes: stop the thread (which saves), and refuse to
 * start again for a source snapshot that outlives the context. */
static void
demo_close (Demo *demo)
{
  GThread *thread;

  g_mutex_lock (&demo->mutex);
  demo->closed = TRUE;
  thread = g_steal_pointer (&demo->thread);
  g_mutex_unlock (&demo->mutex);

  if (thread != NULL)
    {
      g_main_context_invoke (demo->main_context, on_quit_cb, demo);
      g_thread_join (thread);
    }
  demo_release (demo);
}

static StewardSource *
demo_source_factory (StewardAccount  *account,
                     const char      *token,
                     gpointer         user_data,
                     GError         **error)
{
  Demo *demo = user_data;
  g_autofree char *base_url = NULL;

  base_url = demo_ensure_started (demo, error);
  if (base_url == NULL)
    return NULL;
  /* The demo server accepts any token; the account has none stored. */
  return STEWARD_SOURCE (steward_mastodon_source_new (base_url, DEMO_TOKEN));
}

static void
read_interval_from_environment (guint *min_ms,
                                guint *max_ms)
{
  const char *value = g_getenv ("STEWARD_DEMO_INTERVAL_MS");
  guint64 ms;

  *min_ms = DEFAULT_MIN_MS;
  *max_ms = DEFAULT_MAX_MS;
  if (value == NULL)
    return;
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT / 3, &ms, NULL))
    {
      g_warning ("Ignoring STEWARD_DEMO_INTERVAL_MS=%s: not a number of milliseconds", value);
      return;
    }
  *min_ms = (guint) ms;
  *max_ms = (guint) (ms * 8 / 3);
}

/* After the demo account's first sync, its older items get a team's
 * history (steward-demo-history.c), once per workspace. */
#define HISTORY_SEEDED_KEY "demo.history-seeded"

static void
on_account_synced_cb (StewardSyncEngine *engine,
                      gint64             account_id,
                      guint              n_new,
                      StewardContext    *context)
{
  StewardStore *store = steward_context_get_store (context);
  g_autoptr(StewardAccount) account = NULL;
  g_autofree char *seeded = NULL;
  g_autoptr(GError) error = NULL;

  seeded = steward_store_get_setting (store, HISTORY_SEEDED_KEY);
  if (seeded == NULL)
    {
      account = steward_store_get_account (store, account_id, NULL);
      if (account == NULL || !steward_account_get_is_demo (account))
        return;
      if (!steward_demo_seed_history (store, account_id, g_get_real_time () / G_USEC_PER_SEC, &error) ||
          !steward_store_set_setting (store, HISTORY_SEEDED_KEY, "1", &error))
        {
          g_warning ("Could not give the demo its history: %s", error->message);
          return;
        }
    }

  /* Once per workspace: later syncs need not ask. */
  g_signal_handlers_disconnect_by_func (engine, on_account_synced_cb, context);
}

/* public API */

void
steward_demo_register (StewardContext *context)
{
  Demo *demo;

  g_return_if_fail (STEWARD_IS_CONTEXT (context));

  if (g_object_get_data (G_OBJECT (context), DEMO_DATA_KEY) != NULL)
    return;

  demo = g_atomic_rc_box_new0 (Demo);
  g_mutex_init (&demo->mutex);
  g_cond_init (&demo->cond);
  demo->folder = g_build_filename (steward_context_get_data_dir (context), "demo", NULL);
  demo->main_context = g_main_context_new ();
  demo->loop = g_main_loop_new (demo->main_context, FALSE);
  demo->rand = g_rand_new ();
  read_interval_from_environment (&demo->min_ms, &demo->max_ms);

  /* The demo runs as long as the context lives: finalizing it closes the
   * demo. The network registration holds a reference of its own, since
   * source snapshots may keep it a little longer. */
  g_object_set_data_full (G_OBJECT (context), DEMO_DATA_KEY, demo, (GDestroyNotify) demo_close);
  steward_context_register_network (context, DEMO_NETWORK, demo_source_factory,
                                    g_atomic_rc_box_acquire (demo), (GDestroyNotify) demo_release);
  /* The engine belongs to the context: it never outlives it. */
  g_signal_connect (steward_context_get_sync_engine (context), "account-synced",
                    G_CALLBACK (on_account_synced_cb), context);
}

void
steward_demo_set_interval (StewardContext *context,
                           guint           min_ms,
                           guint           max_ms)
{
  Demo *demo;
  gboolean running;

  g_return_if_fail (STEWARD_IS_CONTEXT (context));

  demo = g_object_get_data (G_OBJECT (context), DEMO_DATA_KEY);
  g_return_if_fail (demo != NULL);

  g_mutex_lock (&demo->mutex);
  demo->min_ms = min_ms;
  demo->max_ms = MAX (min_ms, max_ms);
  running = demo->thread != NULL && demo->started && demo->start_error == NULL;
  g_mutex_unlock (&demo->mutex);

  if (running)
    g_main_context_invoke (demo->main_context, on_reschedule_cb, demo);
}

/* The demo brand's team, so that assigning and "Mine" have someone to
 * work with; the community manager is the current user. Names of people
 * are not translated. */
static gboolean
seed_demo_team (StewardStore  *store,
                GError       **error)
{
  static const char * const team[] = { "Mei Lin", "Jun Chen", "Alex Park" };

  for (guint i = 1; i < G_N_ELEMENTS (team); i++)
    {
      if (!steward_store_add_team_member (store, team[i], error))
        return FALSE;
    }
  return steward_store_set_me (store, team[0], error);
}

StewardAccount *
steward_demo_ensure_account (StewardContext  *context,
                             GError         **error)
{
  g_autoptr(StewardDemoCommunity) community = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  StewardStore *store;
  gint64 id;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = steward_context_get_store (context);
  accounts = steward_store_list_accounts (store, error);
  if (accounts == NULL)
    return NULL;
  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);

      if (steward_account_get_is_demo (account))
        return g_object_ref (account);
    }

  community = steward_demo_community_new (error);
  if (community == NULL)
    return NULL;
  id = steward_store_add_account (store, "mastodon", DEMO_NETWORK,
                                  steward_demo_community_get_brand_id (community),
                                  steward_demo_community_get_brand_acct (community),
                                  steward_demo_community_get_brand_name (community),
                                  TRUE, error);
  if (id <= 0 || !seed_demo_team (store, error))
    return NULL;
  return steward_store_get_account (store, id, error);
}
