/* steward-sync-engine.c — fetch every stream of every account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-sync"

#include "steward-sync-engine.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "steward-account.h"
#include "steward-context.h"
#include "steward-context-private.h"
#include "steward-error.h"
#include "steward-listening.h"
#include "steward-outbox-private.h"
#include "steward-outbox-sender.h"
#include "steward-sentiment.h"
#include "steward-source.h"
#include "steward-store.h"
#include "steward-triage.h"
#include "steward-urgency.h"

struct _StewardSyncEngine
{
  GObject          parent_instance;

  GWeakRef         context;
  GMainContext    *main_context;
  char            *db_path;
  GNetworkMonitor *monitor;

  gboolean         syncing;
  double           progress;
  char            *status;
  GDateTime       *last_sync;
  char            *last_error;
  gboolean         online;
  guint            interval;
  GSource         *interval_source;

  /* The running sync: its cancellable, the caller tasks waiting for it,
   * and the first caller's cancellable, which can stop it. */
  GCancellable    *cancellable;
  GPtrArray       *waiters;
  GCancellable    *caller_cancellable;
  gulong           caller_cancelled_id;

  /* Created by the first sync that classifies, then shared by every
   * worker: it is immutable and thread-safe. */
  GMutex                    analyzer_lock;
  StewardSentimentAnalyzer *analyzer;
};

/* What a worker needs; it never touches the context. */
typedef struct {
  char                  *db_path;
  StewardSourceSnapshot *sources;
  gint64                 account_id;
  gboolean               online;
  gboolean               periodic;
} Job;

/* What a thread fetch needs in its worker. */
typedef struct {
  char                  *db_path;
  StewardSourceSnapshot *sources;
  gint64                 item_id;
  gboolean               online;
} ThreadJob;

/* What classifies the new items of one account during a sync. */
typedef struct {
  StewardClassifier *classifier;
  gint64             account_id;
  gboolean           quiet;
} Classify;

typedef enum {
  UPDATE_STATUS,
  UPDATE_PROGRESS,
  UPDATE_CHANGED,
  UPDATE_ACCOUNT_SYNCED,
  UPDATE_ACCOUNT_FAILED,
} UpdateKind;

/* A change a worker hands to the engine's thread. */
typedef struct {
  StewardSyncEngine *self;
  UpdateKind         kind;
  char              *text;
  double             progress;
  gint64             account_id;
  guint              n_new;
  GError            *error;
} Update;

static void post_update (StewardSyncEngine *self,
                         Update            *update);

G_DEFINE_FINAL_TYPE (StewardSyncEngine, steward_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SYNCING,
  PROP_PROGRESS,
  PROP_STATUS,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_ONLINE,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  ACCOUNT_SYNCED,
  ACCOUNT_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
job_free (Job *job)
{
  g_free (job->db_path);
  steward_source_snapshot_free (job->sources);
  g_free (job);
}

static void
thread_job_free (ThreadJob *job)
{
  g_free (job->db_path);
  steward_source_snapshot_free (job->sources);
  g_free (job);
}

static void
update_free (Update *update)
{
  g_clear_object (&update->self);
  g_free (update->text);
  g_clear_error (&update->error);
  g_free (update);
}

static void
set_string (StewardSyncEngine  *self,
            char              **field,
            const char         *value,
            GParamSpec         *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_syncing (StewardSyncEngine *self,
             gboolean           syncing)
{
  if (self->syncing == syncing)
    return;
  self->syncing = syncing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
set_progress (StewardSyncEngine *self,
              double             progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_status (StewardSyncEngine *self,
            const char        *status)
{
  set_string (self, &self->status, status, properties[PROP_STATUS]);
}

static void
set_last_error (StewardSyncEngine *self,
                const char        *message)
{
  set_string (self, &self->last_error, message, properties[PROP_LAST_ERROR]);
}

/* Accounts on the demo server or on this machine need no network. */
static gboolean
account_is_local (StewardAccount *account)
{
  const char *server = steward_account_get_server (account);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *host = NULL;

  if (steward_account_get_is_demo (account))
    return TRUE;

  uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;

  host = g_strdup (g_uri_get_host (uri));
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  g_strdelimit (host, "[]", ' ');
  address = g_inet_address_new_from_string (g_strstrip (host));
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
post_status (StewardSyncEngine *self,
             const char        *text)
{
  Update *update = g_new0 (Update, 1);

  update->kind = UPDATE_STATUS;
  update->text = g_strdup (text);
  post_update (self, update);
}

static void
post_progress (StewardSyncEngine *self,
               double             progress)
{
  Update *update = g_new0 (Update, 1);

  update->kind = UPDATE_PROGRESS;
  update->progress = progress;
  post_update (self, update);
}

static void
post_changed (StewardSyncEngine *self,
              const char        *what)
{
  Update *update = g_new0 (Update, 1);

  update->kind = UPDATE_CHANGED;
  update->text = g_strdup (what);
  post_update (self, update);
}

static void
post_account_synced (StewardSyncEngine *self,
                     gint64             account_id,
                     guint              n_new)
{
  Update *update = g_new0 (Update, 1);

  update->kind = UPDATE_ACCOUNT_SYNCED;
  update->account_id = account_id;
  update->n_new = n_new;
  post_update (self, update);
}

static void
post_account_failed (StewardSyncEngine *self,
                     gint64             account_id,
                     const GError      *error)
{
  Update *update = g_new0 (Update, 1);

  update->kind = UPDATE_ACCOUNT_FAILED;
  update->account_id = account_id;
  update->error = g_error_copy (error);
  post_update (self, update);
}

static gboolean
apply_update (gpointer user_data)
{
  Update *update = user_data;
  StewardSyncEngine *self = update->self;

  switch (update->kind)
    {
    case UPDATE_STATUS:
      set_status (self, update->text);
      break;

    case UPDATE_PROGRESS:
      set_progress (self, update->progress);
      break;

    case UPDATE_CHANGED:
      {
        g_autoptr(StewardContext) context = g_weak_ref_get (&self->context);

        if (context != NULL)
          steward_store_notify_changed (steward_context_get_store (context), update->text);
      }
      break;

    case UPDATE_ACCOUNT_SYNCED:
      g_signal_emit (self, signals[ACCOUNT_SYNCED], 0, update->account_id, update->n_new);
      break;

    case UPDATE_ACCOUNT_FAILED:
      g_signal_emit (self, signals[ACCOUNT_FAILED], 0, update->account_id, update->error);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* Always through an idle source, never called in place: a worker must not
 * run these even when the engine's context happens to be free. */
static void
post_update (StewardSyncEngine *self,
             Update            *update)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  update->self = g_object_ref (self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, apply_update, update, (GDestroyNotify) update_free);
  g_source_set_static_name (source, "[steward] sync update");
  g_source_attach (source, self->main_context);
}

/* The analyzer, loaded by the first worker that needs it. */
static StewardSentimentAnalyzer *
dup_analyzer (StewardSyncEngine  *self,
              GError            **error)
{
  StewardSentimentAnalyzer *analyzer;

  g_mutex_lock (&self->analyzer_lock);
  if (self->analyzer == NULL)
    self->analyzer = steward_sentiment_analyzer_new (error);
  analyzer = self->analyzer != NULL ? g_object_ref (self->analyzer) : NULL;
  g_mutex_unlock (&self->analyzer_lock);

  return analyzer;
}

/* One classifier per sync, from the rules and SLA policy of the moment. */
static StewardClassifier *
create_classifier (StewardSyncEngine *self,
                   StewardStore      *store)
{
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(GError) error = NULL;
  StewardClassifier *classifier;

  analyzer = dup_analyzer (self, &error);
  if (analyzer == NULL)
    {
      g_warning ("Could not load the sentiment analyzer: %s", error->message);
      return NULL;
    }
  classifier = steward_classifier_new_for_store (store, analyzer, &error);
  if (classifier == NULL)
    g_warning ("Could not read the urgency rules: %s", error->message);
  return classifier;
}

/* Classifies what the last page brought. A failure leaves the items
 * unclassified for the next sync to pick up; it does not stop this one. */
static void
classify_pending (StewardSyncEngine *self,
                  StewardStore      *store,
                  const Classify    *classify)
{
  g_autoptr(GError) error = NULL;
  guint n_classified = 0;
  guint n_urgent = 0;

  if (classify == NULL || classify->classifier == NULL)
    return;

  if (!steward_store_classify_pending (store, classify->classifier, classify->account_id,
                                       classify->quiet, &n_classified, &n_urgent, &error))
    {
      g_warning ("Could not classify the new items of account %" G_GINT64_FORMAT ": %s",
                 classify->account_id, error->message);
      return;
    }

  if (n_classified > 0)
    {
      g_debug ("Account %" G_GINT64_FORMAT ": %u items classified, %u urgent%s",
               classify->account_id, n_classified, n_urgent, classify->quiet ? " (quiet)" : "");
      post_changed (self, "inbox");
    }
}

/* Fetches one stream from its stored cursor until caught up, committing
 * each page with its cursor. */
static gboolean
sync_stream (StewardSyncEngine  *self,
             StewardStore       *store,
             StewardSource      *source,
             StewardAccount     *account,
             StewardStream       stream,
             const Classify     *classify,
             guint               units_done,
             guint               units_total,
             guint              *n_new,
             GCancellable       *cancellable,
             GError            **error)
{
  gint64 account_id = steward_account_get_id (account);
  g_autofree char *cursor = NULL;
  g_autoptr(GError) local_error = NULL;
  guint pages = 0;

  cursor = steward_store_get_cursor (store, account_id, stream, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(StewardPage) page = NULL;
      guint page_new = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      page = steward_source_fetch_page (source, stream, cursor, cancellable, error);
      if (page == NULL)
        return FALSE;

      /* Cancelled while the page was on its way: keep the store as it was. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!steward_store_ingest_page (store, account_id, stream, page, &page_new, error))
        return FALSE;

      pages++;
      *n_new += page_new;
      g_debug ("Account %" G_GINT64_FORMAT " %s: page %u, %u items, %u new%s",
               account_id, steward_stream_to_string (stream), pages,
               page->items ? page->items->len : 0, page_new,
               page->caught_up ? ", caught up" : "");

      post_changed (self, "inbox");
      classify_pending (self, store, classify);
      /* The number of pages is unknown: each one goes half the remaining
       * way to the end of the stream. */
      post_progress (self, (units_done + 1.0 - pow (0.5, pages)) / units_total);

      if (page->caught_up)
        break;

      if (page->cursor == NULL || g_strcmp0 (page->cursor, cursor) == 0)
        {
          /* The next request would ask for the same page again. */
          g_warning ("Source of account %" G_GINT64_FORMAT " did not move the %s cursor; "
                     "stopping this stream",
                     account_id, steward_stream_to_string (stream));
          break;
        }

      g_free (cursor);
      cursor = g_strdup (page->cursor);
    }

  return TRUE;
}

/* Most pages one listening query fetches per account and sync: a busy
 * hashtag must not keep the sync from finishing; the next one goes on
 * from the stored cursor. */
#define LISTENING_MAX_PAGES 20

/* Fetches what the networks have for one saved query, from its cursor on
 * this account, committing each page with its cursor. The store marks
 * what is new as it ingests. */
static gboolean
sync_listening_query (StewardSyncEngine      *self,
                      StewardStore           *store,
                      StewardSource          *source,
                      StewardAccount         *account,
                      StewardListeningQuery  *query,
                      GCancellable           *cancellable,
                      GError                **error)
{
  gint64 account_id = steward_account_get_id (account);
  gint64 query_id = steward_listening_query_get_id (query);
  g_auto(GStrv) hashtags = NULL;
  g_auto(GStrv) terms = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!steward_listening_query_get_terms (steward_listening_query_get_query (query),
                                          &hashtags, &terms, &local_error))
    {
      g_debug ("Skipping listening query %" G_GINT64_FORMAT ": %s", query_id, local_error->message);
      return TRUE;
    }
  if (hashtags[0] == NULL && terms[0] == NULL)
    return TRUE;

  cursor = steward_store_get_listening_cursor (store, account_id, query_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint pages = 0; pages < LISTENING_MAX_PAGES; pages++)
    {
      g_autoptr(StewardPage) page = NULL;
      guint n_new = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      page = steward_source_fetch_listening_page (source,
                                                  (const char * const *) hashtags,
                                                  (const char * const *) terms,
                                                  cursor, cancellable, error);
      if (page == NULL)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!steward_store_ingest_listening_page (store, account_id, query_id, page, &n_new, error))
        return FALSE;

      g_debug ("Account %" G_GINT64_FORMAT " listening query %" G_GINT64_FORMAT
               ": page %u, %u posts, %u new matches%s",
               account_id, query_id, pages + 1, page->posts ? page->posts->len : 0, n_new,
               page->caught_up ? ", caught up" : "");
      if (page->posts != NULL && page->posts->len > 0)
        post_changed (self, "posts");
      if (n_new > 0)
        post_changed (self, "listening");

      if (page->caught_up || page->cursor == NULL || g_strcmp0 (page->cursor, cursor) == 0)
        break;

      g_free (cursor);
      cursor = g_strdup (page->cursor);
    }

  return TRUE;
}

static gboolean
sync_listening (StewardSyncEngine  *self,
                StewardStore       *store,
                StewardSource      *source,
                StewardAccount     *account,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GPtrArray) queries = steward_store_list_listening_queries (store, error);

  if (queries == NULL)
    return FALSE;

  for (guint i = 0; i < queries->len; i++)
    {
      if (!sync_listening_query (self, store, source, account, g_ptr_array_index (queries, i),
                                 cancellable, error))
        return FALSE;
    }

  /* The inbox pages may have brought new matches too. */
  if (queries->len > 0)
    post_changed (self, "listening");
  return TRUE;
}

static void
on_outbox_notify_cb (const char *what,
                     gpointer    user_data)
{
  post_changed (STEWARD_SYNC_ENGINE (user_data), what);
}

/* The server's limits are read once and kept; not knowing them is no
 * reason to fail a sync. */
static void
fetch_limits (StewardSyncEngine *self,
              StewardStore      *store,
              StewardSource     *source,
              StewardAccount    *account,
              GCancellable      *cancellable)
{
  gint64 account_id = steward_account_get_id (account);
  g_autoptr(StewardServerLimits) limits = NULL;
  g_autoptr(GError) error = NULL;

  if (steward_account_get_max_characters (account) > 0)
    return;

  limits = steward_source_get_limits (source, cancellable, &error);
  if (limits == NULL)
    {
      g_debug ("No limits for account %" G_GINT64_FORMAT ": %s", account_id, error->message);
      return;
    }
  if (limits->max_characters == 0)
    return;

  if (!steward_store_set_account_limits (store, account_id, limits->max_characters, &error))
    {
      g_warning ("Could not store the limits of account %" G_GINT64_FORMAT ": %s",
                 account_id, error->message);
      return;
    }
  steward_account_set_max_characters (account, limits->max_characters);
  post_changed (self, "accounts");
}

static gboolean
sync_account (StewardSyncEngine  *self,
              Job                *job,
              StewardStore       *store,
              StewardClassifier  *classifier,
              StewardAccount     *account,
              guint               index,
              guint               n_accounts,
              guint              *n_new,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(StewardSource) source = NULL;
  g_autofree char *label = steward_account_dup_label (account);
  g_autofree char *status = NULL;
  /* The first complete sync of an account is its backfill: what it
   * brings is history, never news. */
  Classify classify = { classifier, steward_account_get_id (account),
                        steward_account_get_last_sync (account) == NULL };
  guint n_replies;

  /* Translators: %s is an account, e.g. "@brand@mastodon.social" */
  status = g_strdup_printf (_("Syncing %s…"), label);
  post_status (self, status);

  source = steward_source_snapshot_create (job->sources, account, cancellable, error);
  if (source == NULL)
    return FALSE;

  /* People waiting for an answer first. */
  n_replies = steward_store_count_outbox_pending (store, classify.account_id, NULL, NULL);
  if (n_replies > 0)
    {
      g_autofree char *sending = NULL;

      /* Translators: %u is how many replies wait in the outbox */
      sending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sending %u reply…",
                                              "Sending %u replies…", n_replies),
                                 n_replies);
      post_status (self, sending);
    }
  if (!steward_outbox_send_account (store, source, account, on_outbox_notify_cb, self,
                                    NULL, cancellable, error))
    return FALSE;
  if (n_replies > 0)
    post_status (self, status);

  fetch_limits (self, store, source, account, cancellable);

  for (guint stream = 0; stream < STEWARD_N_STREAMS; stream++)
    {
      if (!sync_stream (self, store, source, account, stream, &classify,
                        index * STEWARD_N_STREAMS + stream, n_accounts * STEWARD_N_STREAMS,
                        n_new, cancellable, error))
        return FALSE;
    }
  /* Whatever an earlier, interrupted sync left unclassified. */
  classify_pending (self, store, &classify);

  /* After the inbox: listening is less urgent than people waiting. */
  return sync_listening (self, store, source, account, cancellable, error);
}

static GPtrArray *
list_job_accounts (Job           *job,
                   StewardStore  *store,
                   GError       **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  StewardAccount *account;

  if (job->account_id <= 0)
    return steward_store_list_accounts (store, error);

  account = steward_store_get_account (store, job->account_id, error);
  if (account == NULL)
    return NULL;
  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (accounts, account);
  return g_steal_pointer (&accounts);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  StewardSyncEngine *self = source_object;
  Job *job = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(GError) first_error = NULL;
  GError *error = NULL;

  store = steward_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  accounts = list_job_accounts (job, store, &error);
  if (accounts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  selected = g_ptr_array_new ();
  for (guint i = 0; i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);

      /* An account that needs signing in again only syncs when asked for
       * by name: that is how the user tries a new token. */
      if (job->account_id <= 0
          && steward_account_get_state (account) == STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN)
        continue;

      if (!job->online && !account_is_local (account))
        {
          if (!job->periodic && first_error == NULL)
            g_set_error (&first_error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE,
                         _("There is no network connection; Steward will sync when it is back"));
          continue;
        }

      g_ptr_array_add (selected, account);
    }

  if (selected->len > 0)
    classifier = create_classifier (self, store);

  for (guint i = 0; i < selected->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (selected, i);
      gint64 account_id = steward_account_get_id (account);
      g_autoptr(GError) account_error = NULL;
      guint n_new = 0;

      if (sync_account (self, job, store, classifier, account, i, selected->len, &n_new,
                        cancellable, &account_error))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          if (!steward_store_set_account_synced (store, account_id, now, &account_error))
            g_warning ("Could not record the sync of account %" G_GINT64_FORMAT ": %s",
                       account_id, account_error->message);
          post_changed (self, "accounts");
          post_account_synced (self, account_id, n_new);
          continue;
        }

      if (g_error_matches (account_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&account_error));
          return;
        }

      g_debug ("Account %" G_GINT64_FORMAT " failed: %s", account_id, account_error->message);

      if (g_error_matches (account_error, STEWARD_ERROR, STEWARD_ERROR_AUTH_FAILED))
        {
          g_autoptr(GError) state_error = NULL;

          /* Keep its data: the user signs in again and sync resumes. */
          if (!steward_store_set_account_state (store, account_id,
                                                STEWARD_ACCOUNT_STATE_NEEDS_SIGN_IN, &state_error))
            g_warning ("Could not mark account %" G_GINT64_FORMAT ": %s",
                       account_id, state_error->message);
          post_changed (self, "accounts");
        }

      post_account_failed (self, account_id, account_error);
      post_progress (self, (double) (i + 1) / selected->len);

      if (first_error == NULL)
        first_error = g_steal_pointer (&account_error);
    }

  if (first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
disconnect_caller_cancellable (StewardSyncEngine *self)
{
  if (self->caller_cancellable != NULL && self->caller_cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
  self->caller_cancelled_id = 0;
  g_clear_object (&self->caller_cancellable);
}

static void
on_run_finished_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  StewardSyncEngine *self = STEWARD_SYNC_ENGINE (object);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  g_task_propagate_boolean (G_TASK (result), &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  disconnect_caller_cancellable (self);
  g_clear_object (&self->cancellable);

  /* "syncing" goes last, so that whoever waits for it sees the rest done. */
  if (error == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_clear_pointer (&self->last_sync, g_date_time_unref);
      self->last_sync = g_steal_pointer (&now);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      set_last_error (self, NULL);
      set_progress (self, 1.0);
      set_status (self, _("Up to date"));
    }
  else if (cancelled)
    set_status (self, _("Sync cancelled"));
  else
    {
      g_debug ("Sync failed: %s", error->message);
      set_last_error (self, error->message);
      set_status (self, g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE)
                          ? _("Offline") : _("Sync failed"));
    }
  set_syncing (self, FALSE);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (waiter))
        continue;
      if (error != NULL)
        g_task_return_error (waiter, g_error_copy (error));
      else
        g_task_return_boolean (waiter, TRUE);
    }
}

static void
on_caller_cancelled_cb (GCancellable *caller_cancellable,
                        gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* The latest sync any account remembers, so that "last-sync" survives a
 * restart. */
static GDateTime *
dup_last_account_sync (StewardStore *store)
{
  g_autoptr(GPtrArray) accounts = steward_store_list_accounts (store, NULL);
  GDateTime *latest = NULL;

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      GDateTime *when = steward_account_get_last_sync (g_ptr_array_index (accounts, i));

      if (when != NULL && (latest == NULL || g_date_time_compare (when, latest) > 0))
        latest = when;
    }

  return latest ? g_date_time_ref (latest) : NULL;
}

/* Whether any account the sync would cover can sync without the network. */
static gboolean
has_local_accounts (StewardSyncEngine *self,
                    StewardContext    *context,
                    gint64             account_id)
{
  g_autoptr(GPtrArray) accounts = NULL;

  accounts = steward_store_list_accounts (steward_context_get_store (context), NULL);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      StewardAccount *account = g_ptr_array_index (accounts, i);

      if ((account_id <= 0 || steward_account_get_id (account) == account_id)
          && account_is_local (account))
        return TRUE;
    }

  return FALSE;
}

/* Starts a sync in a worker, or returns FALSE with @error when offline
 * leaves nothing to sync. */
static gboolean
start_run (StewardSyncEngine  *self,
           gint64              account_id,
           gboolean            periodic,
           GError            **error)
{
  g_autoptr(StewardContext) context = g_weak_ref_get (&self->context);
  g_autoptr(GTask) run = NULL;
  Job *job;

  g_assert (!self->syncing);

  if (context == NULL)
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                   _("The workspace is closed"));
      return FALSE;
    }

  if (!self->online && !has_local_accounts (self, context, account_id))
    {
      g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE,
                   _("There is no network connection; Steward will sync when it is back"));
      return FALSE;
    }

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (self->db_path);
  job->sources = steward_context_snapshot_sources (context);
  job->account_id = account_id;
  job->online = self->online;
  job->periodic = periodic;

  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  set_syncing (self, TRUE);
  set_progress (self, 0.0);
  set_status (self, _("Syncing…"));

  run = g_task_new (self, self->cancellable, on_run_finished_cb, NULL);
  g_task_set_source_tag (run, start_run);
  g_task_set_name (run, "[steward] sync");
  g_task_set_task_data (run, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (run, sync_thread);

  return TRUE;
}

static gboolean
on_interval_cb (gpointer user_data)
{
  StewardSyncEngine *self = user_data;

  if (!self->syncing)
    {
      g_autoptr(GError) error = NULL;

      if (!start_run (self, 0, TRUE, &error))
        g_debug ("Periodic sync skipped: %s", error->message);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_network_available_cb (GNetworkMonitor   *monitor,
                         GParamSpec        *pspec,
                         StewardSyncEngine *self)
{
  gboolean online = g_network_monitor_get_network_available (monitor);

  if (online == self->online)
    return;

  g_debug ("Network %s", online ? "available" : "gone");
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);

  /* Catch up on what arrived while we were away. */
  if (online && !self->syncing)
    {
      g_autoptr(GError) error = NULL;

      if (!start_run (self, 0, TRUE, &error))
        g_debug ("Sync after reconnecting skipped: %s", error->message);
    }
}

static void
steward_sync_engine_dispose (GObject *object)
{
  StewardSyncEngine *self = STEWARD_SYNC_ENGINE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  disconnect_caller_cancellable (self);

  if (self->interval_source != NULL)
    {
      g_source_destroy (self->interval_source);
      g_clear_pointer (&self->interval_source, g_source_unref);
    }

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_network_available_cb, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (steward_sync_engine_parent_class)->dispose (object);
}

static void
steward_sync_engine_finalize (GObject *object)
{
  StewardSyncEngine *self = STEWARD_SYNC_ENGINE (object);

  g_weak_ref_clear (&self->context);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->last_sync, g_date_time_unref);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_object (&self->analyzer);
  g_mutex_clear (&self->analyzer_lock);

  G_OBJECT_CLASS (steward_sync_engine_parent_class)->finalize (object);
}

static void
steward_sync_engine_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StewardSyncEngine *self = STEWARD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_LAST_SYNC:
      g_value_set_boxed (value, self->last_sync);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_sync_engine_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  StewardSyncEngine *self = STEWARD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      steward_sync_engine_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
steward_sync_engine_class_init (StewardSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = steward_sync_engine_dispose;
  object_class->finalize = steward_sync_engine_finalize;
  object_class->get_property = steward_sync_engine_get_property;
  object_class->set_property = steward_sync_engine_set_property;

  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_boxed ("last-sync", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StewardSyncEngine::account-synced:
   * @self: the engine
   * @account_id: the account
   * @n_new: how many inbox items it brought that were not there before
   */
  signals[ACCOUNT_SYNCED] =
    g_signal_new ("account-synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  /**
   * StewardSyncEngine::account-failed:
   * @self: the engine
   * @account_id: the account
   * @error: what went wrong (STEWARD_ERROR_AUTH_FAILED: the account now
   *   needs signing in again)
   */
  signals[ACCOUNT_FAILED] =
    g_signal_new ("account-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_ERROR);
}

static void
steward_sync_engine_init (StewardSyncEngine *self)
{
  g_weak_ref_init (&self->context, NULL);
  g_mutex_init (&self->analyzer_lock);
  self->online = TRUE;
}

/**
 * steward_sync_engine_new:
 * @context: the workspace; the engine does not keep it alive
 *
 * Creates the engine of @context. Its properties change and its signals
 * are emitted on the thread-default main context of the caller.
 *
 * Returns: (transfer full): a new engine
 */
StewardSyncEngine *
steward_sync_engine_new (StewardContext *context)
{
  StewardSyncEngine *self;

  g_return_val_if_fail (STEWARD_IS_CONTEXT (context), NULL);

  self = g_object_new (STEWARD_TYPE_SYNC_ENGINE, NULL);
  g_weak_ref_set (&self->context, context);
  self->main_context = g_main_context_ref_thread_default ();
  self->db_path = steward_context_dup_database_path (context);
  self->last_sync = dup_last_account_sync (steward_context_get_store (context));
  steward_sync_engine_set_network_monitor (self, g_network_monitor_get_default ());

  return self;
}

/**
 * steward_sync_engine_set_network_monitor:
 * @self: a #StewardSyncEngine
 * @monitor: the monitor to follow
 */
void
steward_sync_engine_set_network_monitor (StewardSyncEngine *self,
                                         GNetworkMonitor   *monitor)
{
  g_return_if_fail (STEWARD_IS_SYNC_ENGINE (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor == monitor)
    return;

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->monitor, on_network_available_cb, self);
  g_set_object (&self->monitor, monitor);
  g_signal_connect_object (monitor, "notify::network-available",
                           G_CALLBACK (on_network_available_cb), self, 0);

  if (self->online != g_network_monitor_get_network_available (monitor))
    {
      self->online = !self->online;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }
}

/**
 * steward_sync_engine_get_syncing:
 * @self: a #StewardSyncEngine
 *
 * Returns: whether a sync runs
 */
gboolean
steward_sync_engine_get_syncing (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), FALSE);

  return self->syncing;
}

/**
 * steward_sync_engine_get_progress:
 * @self: a #StewardSyncEngine
 *
 * Returns: how far the running (or last) sync got, 0 to 1
 */
double
steward_sync_engine_get_progress (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), 0.0);

  return self->progress;
}

/**
 * steward_sync_engine_get_status:
 * @self: a #StewardSyncEngine
 *
 * Returns: (nullable): what the engine does now, translated
 */
const char *
steward_sync_engine_get_status (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), NULL);

  return self->status;
}

/**
 * steward_sync_engine_get_last_sync:
 * @self: a #StewardSyncEngine
 *
 * Returns: (nullable) (transfer none): when the last successful sync ended
 */
GDateTime *
steward_sync_engine_get_last_sync (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), NULL);

  return self->last_sync;
}

/**
 * steward_sync_engine_get_last_error:
 * @self: a #StewardSyncEngine
 *
 * Returns: (nullable): the message of the last failed sync, cleared by a
 *   successful one
 */
const char *
steward_sync_engine_get_last_error (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), NULL);

  return self->last_error;
}

/**
 * steward_sync_engine_get_online:
 * @self: a #StewardSyncEngine
 *
 * Returns: whether the network monitor sees a network
 */
gboolean
steward_sync_engine_get_online (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), FALSE);

  return self->online;
}

/**
 * steward_sync_engine_get_interval:
 * @self: a #StewardSyncEngine
 *
 * Returns: seconds between periodic syncs, 0 when off
 */
guint
steward_sync_engine_get_interval (StewardSyncEngine *self)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), 0);

  return self->interval;
}

/**
 * steward_sync_engine_set_interval:
 * @self: a #StewardSyncEngine
 * @seconds: seconds between periodic syncs, 0 to turn them off
 */
void
steward_sync_engine_set_interval (StewardSyncEngine *self,
                                  guint              seconds)
{
  g_return_if_fail (STEWARD_IS_SYNC_ENGINE (self));

  if (self->interval == seconds)
    return;

  self->interval = seconds;

  if (self->interval_source != NULL)
    {
      g_source_destroy (self->interval_source);
      g_clear_pointer (&self->interval_source, g_source_unref);
    }
  if (seconds > 0)
    {
      self->interval_source = g_timeout_source_new_seconds (seconds);
      g_source_set_callback (self->interval_source, on_interval_cb, self, NULL);
      g_source_set_static_name (self->interval_source, "[steward] periodic sync");
      g_source_attach (self->interval_source, self->main_context);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * steward_sync_engine_sync_async:
 * @self: a #StewardSyncEngine
 * @account_id: one account, or 0 for all (except those that need signing
 *   in again; asking for one of those by id tries it)
 * @cancellable: (nullable): stops the sync when it was this call that
 *   started it
 * @callback: called when the sync ends
 * @user_data: data for @callback
 *
 * Syncs, or joins the sync that runs. Fails at once with
 * STEWARD_ERROR_OFFLINE when there is no network and nothing local to sync.
 */
void
steward_sync_engine_sync_async (StewardSyncEngine   *self,
                                gint64               account_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STEWARD_IS_SYNC_ENGINE (self));
  g_return_if_fail (account_id >= 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_sync_engine_sync_async);

  if (!self->syncing)
    {
      if (!start_run (self, account_id, FALSE, &error))
        {
          if (g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_OFFLINE))
            {
              set_last_error (self, error->message);
              set_status (self, _("Offline"));
            }
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (cancellable != NULL)
        {
          self->caller_cancellable = g_object_ref (cancellable);
          self->caller_cancelled_id =
            g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled_cb),
                                   g_object_ref (self->cancellable), g_object_unref);
        }
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
}

/**
 * steward_sync_engine_sync_finish:
 * @self: a #StewardSyncEngine
 * @result: the #GAsyncResult
 * @error: return location for the first account's error
 *
 * Returns: %TRUE if every account synced
 */
gboolean
steward_sync_engine_sync_finish (StewardSyncEngine  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == steward_sync_engine_sync_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * steward_sync_engine_cancel:
 * @self: a #StewardSyncEngine
 *
 * Stops the running sync, if any, after the page being written.
 */
void
steward_sync_engine_cancel (StewardSyncEngine *self)
{
  g_return_if_fail (STEWARD_IS_SYNC_ENGINE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
fetch_thread_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  StewardSyncEngine *self = source_object;
  ThreadJob *job = task_data;
  g_autoptr(StewardStore) store = NULL;
  g_autoptr(StewardAccount) account = NULL;
  g_autoptr(StewardSource) source = NULL;
  g_autoptr(StewardPage) page = NULL;
  g_autofree char *post_remote_id = NULL;
  gint64 account_id = 0;
  GError *error = NULL;

  store = steward_store_open (job->db_path, &error);
  if (store == NULL ||
      !steward_store_get_reply_target (store, job->item_id, &account_id, &post_remote_id, &error) ||
      (account = steward_store_get_account (store, account_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!job->online && !account_is_local (account))
    {
      g_task_return_new_error (task, STEWARD_ERROR, STEWARD_ERROR_OFFLINE,
                               _("There is no network connection; the conversation will be "
                                 "loaded when it is back"));
      return;
    }

  source = steward_source_snapshot_create (job->sources, account, cancellable, &error);
  if (source == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = steward_source_fetch_context (source, post_remote_id, cancellable, &error);
  if (page == NULL)
    {
      if (!g_error_matches (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, error);
          return;
        }
      /* Gone from the server: that is worth remembering, not a failure. */
      g_debug ("The post of item %" G_GINT64_FORMAT " was deleted", job->item_id);
      g_clear_error (&error);
    }

  if (!steward_store_save_thread (store, job->item_id, page, page == NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  post_changed (self, "threads");
  g_task_return_boolean (task, TRUE);
}

/**
 * steward_sync_engine_fetch_thread_async:
 * @self: a #StewardSyncEngine
 * @item_id: an inbox item
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the thread is cached
 * @user_data: data for @callback
 *
 * Reads the thread of @item_id from its account's server in a worker and
 * caches it; the store then emits "changed::threads". Independent of a
 * sync that may be running.
 */
void
steward_sync_engine_fetch_thread_async (StewardSyncEngine   *self,
                                        gint64               item_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(StewardContext) context = NULL;
  g_autoptr(GTask) task = NULL;
  ThreadJob *job;

  g_return_if_fail (STEWARD_IS_SYNC_ENGINE (self));
  g_return_if_fail (item_id > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, steward_sync_engine_fetch_thread_async);
  g_task_set_name (task, "[steward] fetch thread");

  context = g_weak_ref_get (&self->context);
  if (context == NULL)
    {
      g_task_return_new_error (task, STEWARD_ERROR, STEWARD_ERROR_FAILED,
                               _("The workspace is closed"));
      return;
    }

  job = g_new0 (ThreadJob, 1);
  job->db_path = g_strdup (self->db_path);
  job->sources = steward_context_snapshot_sources (context);
  job->item_id = item_id;
  job->online = self->online;

  g_task_set_task_data (task, job, (GDestroyNotify) thread_job_free);
  g_task_run_in_thread (task, fetch_thread_thread);
}

/**
 * steward_sync_engine_fetch_thread_finish:
 * @self: a #StewardSyncEngine
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: %TRUE when the thread (or the post's deletion) was cached
 */
gboolean
steward_sync_engine_fetch_thread_finish (StewardSyncEngine  *self,
                                         GAsyncResult       *result,
                                         GError            **error)
{
  g_return_val_if_fail (STEWARD_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        steward_sync_engine_fetch_thread_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
