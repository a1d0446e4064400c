/* steward-store-classify.c — classifying new inbox items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What classification writes to inbox_items:
 *  - sentiment: the score of the post's text with its content warning;
 *  - urgent: 1 when an enabled urgency rule fired;
 *  - urgent_rules: the names of the rules that fired, in rule order, AS A
 *    JSON ARRAY OF STRINGS (["Complaint words","Repeated mentions"]), or
 *    NULL when none fired. Read it with steward_urgent_rules_decode() from
 *    steward-classify-private.h (never NULL, empty when none);
 *  - sla_due_at: the policy's due time for the item's creation time and
 *    urgency when it needs a reply (NULL otherwise, or when the policy has
 *    no working day);
 *  - classified_at: now;
 *  - with quiet (an account's backfill): quiet = 1 and urgent_alerted_at =
 *    breach_alerted_at = now, so nothing of it ever notifies.
 * Every pending item of the call is read, judged and written in one
 * transaction.
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-urgency.h"

#include "steward-classifier-private.h"
#include "steward-classify-private.h"
#include "steward-sla-private.h"

/* Uses the inbox_items_unclassified partial index. */
static const char sql_pending[] =
  "SELECT i.id, i.kind, i.created_at, i.needs_reply,"
  "       p.text, p.spoiler_text, p.author_id, au.followers"
  " FROM inbox_items i"
  " JOIN posts p ON p.id = i.post_id"
  " JOIN authors au ON au.id = p.author_id"
  " WHERE i.classified_at IS NULL AND (?1 = 0 OR i.account_id = ?1)"
  " ORDER BY i.id";

static const char sql_classify[] =
  "UPDATE inbox_items SET"
  "  sentiment = ?2, urgent = ?3, urgent_rules = ?4, sla_due_at = ?5, classified_at = ?6,"
  "  quiet = CASE WHEN ?7 THEN 1 ELSE quiet END,"
  "  urgent_alerted_at = CASE WHEN ?7 THEN ?6 ELSE urgent_alerted_at END,"
  "  breach_alerted_at = CASE WHEN ?7 THEN ?6 ELSE breach_alerted_at END"
  " WHERE id = ?1";

/* posts_author, then inbox_items_post for each of the author's posts. */
static const char sql_count_author_items[] =
  "SELECT count(DISTINCT p.id) FROM posts p"
  " JOIN inbox_items i ON i.post_id = p.id"
  " WHERE p.author_id = ?1 AND i.created_at > ?2 AND i.created_at <= ?3";

typedef struct {
  gint64  id;
  gint64  created_at;
  gint64  author_id;
  gint64  followers;
  char   *text;
  guint   direct : 1;
  guint   needs_reply : 1;
} PendingItem;

typedef struct {
  StewardStore *store;
  PendingItem  *item;
  guint         minutes;
  guint         count;
  GError       *error;
} BurstQuery;

static void
clear_pending_item (gpointer data)
{
  PendingItem *item = data;

  g_clear_pointer (&item->text, g_free);
}

gboolean
steward_store_count_author_items (StewardStore  *store,
                                  gint64         author_id,
                                  gint64         until,
                                  guint          minutes,
                                  guint         *count,
                                  GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_assert (STEWARD_IS_STORE (store));
  g_assert (count != NULL);

  stmt = steward_store_prepare_cached (store, sql_count_author_items, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, author_id);
  sqlite3_bind_int64 (stmt, 2, until - (gint64) minutes * 60);
  sqlite3_bind_int64 (stmt, 3, until);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return FALSE;
    }

  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static guint
count_burst_cb (gpointer user_data,
                guint    minutes)
{
  BurstQuery *query = user_data;

  if (query->minutes != minutes)
    {
      query->minutes = minutes;
      query->count = 0;
      if (!steward_store_count_author_items (query->store, query->item->author_id,
                                             query->item->created_at, minutes, &query->count,
                                             query->error == NULL ? &query->error : NULL))
        query->count = 0;
    }

  return query->count;
}

static GArray *
read_pending (StewardStore  *store,
              gint64         account_id,
              GError       **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (PendingItem));
  g_autoptr(StewardCachedStmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (items, clear_pending_item);

  stmt = steward_store_prepare_cached (store, sql_pending, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = steward_sqlite_column_text (stmt, 4);
      const char *spoiler = steward_sqlite_column_text (stmt, 5);
      PendingItem item = { 0 };

      item.id = sqlite3_column_int64 (stmt, 0);
      item.direct = g_strcmp0 (steward_sqlite_column_text (stmt, 1), "direct") == 0;
      item.created_at = sqlite3_column_int64 (stmt, 2);
      item.needs_reply = sqlite3_column_int (stmt, 3) != 0;
      item.author_id = sqlite3_column_int64 (stmt, 6);
      item.followers = sqlite3_column_int64 (stmt, 7);
      item.text = (spoiler != NULL && *spoiler != '\0')
        ? g_strconcat (spoiler, "\n", text, NULL)
        : g_strdup (text != NULL ? text : "");
      g_array_append_val (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

static gboolean
classify_items (StewardStore       *store,
                StewardClassifier  *classifier,
                GArray             *items,
                gboolean            quiet,
                guint              *n_urgent,
                GError            **error)
{
  StewardSentimentAnalyzer *analyzer = steward_classifier_get_analyzer (classifier);
  const StewardSlaPolicy *policy = steward_classifier_get_policy (classifier);
  g_autoptr(StewardCachedStmt) update = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  update = steward_store_prepare_cached (store, sql_classify, error);
  if (update == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      PendingItem *item = &g_array_index (items, PendingItem, i);
      BurstQuery burst = { store, item, 0, 0, NULL };
      StewardUrgencyFacts facts = { 0 };
      g_auto(GStrv) fired = NULL;
      g_autofree char *stored = NULL;
      gboolean urgent;

      facts.text = item->text;
      facts.score = steward_sentiment_analyzer_score (analyzer, item->text, NULL);
      facts.followers = item->followers;
      facts.direct = item->direct;
      facts.count_burst = count_burst_cb;
      facts.burst_data = &burst;

      fired = steward_classifier_fire (classifier, &facts);
      g_free (facts.folded);
      if (burst.error != NULL)
        {
          g_propagate_error (error, burst.error);
          return FALSE;
        }

      urgent = fired[0] != NULL;
      stored = steward_urgent_rules_encode ((const char * const *) fired);
      *n_urgent += urgent;

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, item->id);
      sqlite3_bind_double (update, 2, facts.score);
      sqlite3_bind_int (update, 3, urgent);
      steward_sqlite_bind_text (update, 4, stored);
      if (item->needs_reply)
        steward_sla_bind_due_at (update, 5, policy, item->created_at, urgent);
      else
        sqlite3_bind_null (update, 5);
      sqlite3_bind_int64 (update, 6, now);
      sqlite3_bind_int (update, 7, quiet);
      if (!steward_store_step_done (store, update, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * steward_store_classify_pending:
 * @store: a store
 * @classifier: the classifier to apply
 * @account_id: an account, or 0 for every account
 * @quiet: mark the items as already alerted (a backfill)
 * @n_classified: (out) (optional): how many items were classified
 * @n_urgent: (out) (optional): how many of them are urgent
 * @error: return location for a #GError
 *
 * Emits "changed" with "inbox" when it classified anything.
 *
 * Returns: whether it ran
 */
gboolean
steward_store_classify_pending (StewardStore       *store,
                                StewardClassifier  *classifier,
                                gint64              account_id,
                                gboolean            quiet,
                                guint              *n_classified,
                                guint              *n_urgent,
                                GError            **error)
{
  g_autoptr(GArray) items = NULL;
  guint urgent = 0;

  g_return_val_if_fail (STEWARD_IS_STORE (store), FALSE);
  g_return_val_if_fail (STEWARD_IS_CLASSIFIER (classifier), FALSE);
  g_return_val_if_fail (account_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_classified != NULL)
    *n_classified = 0;
  if (n_urgent != NULL)
    *n_urgent = 0;

  if (!steward_store_begin (store, error))
    return FALSE;

  items = read_pending (store, account_id, error);
  if (items == NULL ||
      !classify_items (store, classifier, items, quiet, &urgent, error) ||
      !steward_store_commit (store, error))
    {
      steward_store_rollback (store);
      return FALSE;
    }

  g_debug ("Classified %u inbox items, %u urgent", items->len, urgent);

  if (n_classified != NULL)
    *n_classified = items->len;
  if (n_urgent != NULL)
    *n_urgent = urgent;
  if (items->len > 0)
    steward_store_notify_changed (store, "inbox");
  return TRUE;
}
