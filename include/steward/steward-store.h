/* steward-store.h — the local SQLite cache, the only owner of SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A StewardStore is one connection to the workspace database. It is used
 * from one thread at a time: the main thread has the context's store; a
 * worker thread (sync, long queries) opens its own on the same path. The
 * database runs in WAL mode with foreign keys on; opening it runs the
 * versioned migrations.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-remote.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_STORE (steward_store_get_type ())
G_DECLARE_FINAL_TYPE (StewardStore, steward_store, STEWARD, STORE, GObject)

/**
 * StewardInboxFilter:
 * @account_id: only this account's items, or 0 for every account
 * @status: only items with this status, or -1 for any
 * @kind: only this kind, or -1 for any
 * @view: one of the Inbox's views (#StewardInboxView); ALL by default
 * @tag: (nullable): only items with this tag (case-insensitive)
 * @assignee: (nullable): only items assigned to this name; "" for items
 *   nobody is assigned to
 * @sort: the order (#StewardInboxSort); newest first by default
 * @now: the time views compare with (snoozes, due soon), Unix seconds;
 *   0 for the current time
 *
 * Which inbox items to list or count, and in which order. Initialise with
 * STEWARD_INBOX_FILTER_INIT: every field left at its initial value does not
 * restrict anything.
 */
typedef struct {
  gint64            account_id;
  int               status;
  int               kind;
  StewardInboxView  view;
  const char       *tag;
  const char       *assignee;
  StewardInboxSort  sort;
  gint64            now;
} StewardInboxFilter;

#define STEWARD_INBOX_FILTER_INIT { 0, -1, -1, STEWARD_INBOX_VIEW_ALL, NULL, NULL, STEWARD_INBOX_SORT_NEWEST, 0 }

/* Schema version this build writes; a database with a higher one is refused. */
#define STEWARD_STORE_SCHEMA_VERSION steward_store_get_latest_version ()

/* Signal "changed" (const char *what): emitted on the thread that created the
 * store, where @what is "accounts", "inbox", "posts", "outbox", "threads"
 * or "settings" (team, tags, canned replies, rules, SLA policy). Any thread may ask for
 * it with steward_store_notify_changed(). */

StewardStore   *steward_store_open                (const char          *path,
                                                   GError             **error);
const char     *steward_store_get_path            (StewardStore        *self);
int             steward_store_get_schema_version  (StewardStore        *self);
int             steward_store_get_latest_version  (void);
void            steward_store_notify_changed      (StewardStore        *self,
                                                   const char          *what);

/* Accounts. Adding an account that exists (same network, server and remote
 * id) updates it and returns its id. Removing one deletes its cached data. */
gint64          steward_store_add_account         (StewardStore        *self,
                                                   const char          *network,
                                                   const char          *server,
                                                   const char          *remote_id,
                                                   const char          *username,
                                                   const char          *display_name,
                                                   gboolean             is_demo,
                                                   GError             **error);
GPtrArray      *steward_store_list_accounts       (StewardStore        *self,
                                                   GError             **error);
StewardAccount *steward_store_get_account         (StewardStore        *self,
                                                   gint64               account_id,
                                                   GError             **error);
gboolean        steward_store_remove_account      (StewardStore        *self,
                                                   gint64               account_id,
                                                   GError             **error);
gboolean        steward_store_set_account_state   (StewardStore        *self,
                                                   gint64               account_id,
                                                   StewardAccountState  state,
                                                   GError             **error);
gboolean        steward_store_set_account_limits  (StewardStore        *self,
                                                   gint64               account_id,
                                                   guint                max_characters,
                                                   GError             **error);
gboolean        steward_store_set_account_synced  (StewardStore        *self,
                                                   gint64               account_id,
                                                   GDateTime           *when,
                                                   GError             **error);

/* Sync. A page's items, their posts and authors, and the stream's new
 * cursor are written in one transaction: all or nothing. Items are keyed by
 * (account, kind, remote id) and posts by (server, remote id), so ingesting
 * the same page twice changes nothing, and an edited post updates in place.
 * @n_new: (out) (optional): how many inbox items did not exist before. */
char           *steward_store_get_cursor          (StewardStore        *self,
                                                   gint64               account_id,
                                                   StewardStream        stream,
                                                   GError             **error);
gboolean        steward_store_ingest_page         (StewardStore        *self,
                                                   gint64               account_id,
                                                   StewardStream        stream,
                                                   const StewardPage   *page,
                                                   guint               *n_new,
                                                   GError             **error);

/* Inbox */
guint           steward_store_count_inbox         (StewardStore             *self,
                                                   const StewardInboxFilter *filter,
                                                   GError                  **error);
GPtrArray      *steward_store_list_inbox          (StewardStore             *self,
                                                   const StewardInboxFilter *filter,
                                                   guint                     offset,
                                                   guint                     limit,
                                                   GError                  **error);
StewardInboxItem *steward_store_get_inbox_item    (StewardStore        *self,
                                                   gint64               item_id,
                                                   GError             **error);
gboolean        steward_store_set_item_status     (StewardStore        *self,
                                                   gint64               item_id,
                                                   StewardItemStatus    status,
                                                   GError             **error);

/* Full-text search over every cached post, newest first, in the Listening
 * query language (words, "phrases", OR, -exclusion, parentheses, #tag,
 * @author, lang:, network:, has:link). An invalid query fails with
 * STEWARD_ERROR_INVALID_ARGUMENT naming the position. Results carry
 * "highlight-markup". Saved queries: steward-listening.h. */
GPtrArray      *steward_store_search              (StewardStore        *self,
                                                   const char          *text,
                                                   guint                limit,
                                                   GError             **error);

G_END_DECLS
