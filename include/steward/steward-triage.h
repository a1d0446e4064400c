/* steward-triage.h — working the Inbox: status, assignment, tags, notes,
 * snoozes, the team, canned replies, threads and an author's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is stored in the workspace database, so the app and
 * steward-cli see the same team, tags and history. Every change of an item
 * is written to its history (item_events) with the actor who made it.
 * Like the rest of the store these functions block; each emits "changed"
 * ("inbox", "threads" or "settings") after its transaction commits.
 */
#pragma once

#include <gio/gio.h>

#include "steward-types.h"
#include "steward-store.h"

G_BEGIN_DECLS

/**
 * StewardItemChange:
 * @status: the new status, or -1 to keep it
 * @assignee: (nullable): assign to this team member; "" to unassign;
 *   %NULL to keep. A name that is not on the team is added to it.
 * @add_tags: (nullable) (array zero-terminated=1): tags to add (created
 *   when new; compared case-insensitively)
 * @remove_tags: (nullable) (array zero-terminated=1): tags to remove
 * @snooze_until: snooze until this time (Unix seconds); -1 to wake the
 *   item now; 0 to keep
 * @note: (nullable): an internal note to add (never sent anywhere)
 * @needs_reply: 0 or 1 to set whether the item needs a reply (closing an
 *   item as "no reply needed" sets 0), or -1 to keep
 * @actor: (nullable): who makes the change, for the history; %NULL means
 *   the current user (steward_store_dup_me())
 *
 * One change applied to one or many items (bulk actions). Initialise with
 * STEWARD_ITEM_CHANGE_INIT, which changes nothing.
 */
typedef struct {
  int                 status;
  const char         *assignee;
  const char * const *add_tags;
  const char * const *remove_tags;
  gint64              snooze_until;
  const char         *note;
  int                 needs_reply;
  const char         *actor;
} StewardItemChange;

#define STEWARD_ITEM_CHANGE_INIT { -1, NULL, NULL, NULL, 0, NULL, -1, NULL }

/* Applies @change to every item of @ids in one transaction: all or
 * nothing. An unknown id fails with STEWARD_ERROR_NOT_FOUND. Setting the
 * status of a snoozed item wakes it. */
gboolean        steward_store_change_items        (StewardStore             *self,
                                                   const gint64             *ids,
                                                   guint                     n_ids,
                                                   const StewardItemChange  *change,
                                                   GError                  **error);

/* Counts for the views of the left pane, in one call: @counts must hold
 * one guint per StewardInboxView (index = view), filled for @filter with
 * its view replaced by each view in turn. */
gboolean        steward_store_count_views         (StewardStore             *self,
                                                   const StewardInboxFilter *filter,
                                                   guint                    *counts,
                                                   guint                     n_counts,
                                                   GError                  **error);

/* The current user: the name "Mine" means and notes and events are
 * signed with. Defaults to g_get_real_name() (or the user name) until set;
 * setting it also puts the name on the team. */
char           *steward_store_dup_me              (StewardStore             *self);
gboolean        steward_store_set_me              (StewardStore             *self,
                                                   const char               *name,
                                                   GError                  **error);

/* The team members items can be assigned to, sorted by name. */
GStrv           steward_store_list_team           (StewardStore             *self,
                                                   GError                  **error);
gboolean        steward_store_add_team_member     (StewardStore             *self,
                                                   const char               *name,
                                                   GError                  **error);
/* Items assigned to a removed member become unassigned. */
gboolean        steward_store_remove_team_member  (StewardStore             *self,
                                                   const char               *name,
                                                   GError                  **error);

/* Every tag in use or created, sorted, with how many open (not closed)
 * items carry it in @counts (optional, same length as the result). */
GStrv           steward_store_list_tags           (StewardStore             *self,
                                                   GArray                  **counts,
                                                   GError                  **error);

/* Workspace settings as text; @value %NULL deletes. Keys used by the
 * core are documented where they are read (steward-sla.h). */
char           *steward_store_get_setting         (StewardStore             *self,
                                                   const char               *key);
gboolean        steward_store_set_setting         (StewardStore             *self,
                                                   const char               *key,
                                                   const char               *value,
                                                   GError                  **error);

/**
 * StewardCannedReply:
 * @id: its row id
 * @title: what the picker shows
 * @text: the reply with placeholders: {name} (the author's display name,
 *   or their handle), {handle} (@acct), {me} (the current user), {account}
 *   (our account's handle)
 */
typedef struct {
  gint64  id;
  char   *title;
  char   *text;
} StewardCannedReply;

void            steward_canned_reply_free         (StewardCannedReply       *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardCannedReply, steward_canned_reply_free)

/* (element-type StewardCannedReply), by title. The first time a workspace
 * asks, a few defaults in the user's language are created. */
GPtrArray      *steward_store_list_canned_replies (StewardStore             *self,
                                                   GError                  **error);
/* @id 0 adds a reply; returns its id, or 0 on error. */
gint64          steward_store_save_canned_reply   (StewardStore             *self,
                                                   gint64                    id,
                                                   const char               *title,
                                                   const char               *text,
                                                   GError                  **error);
gboolean        steward_store_remove_canned_reply (StewardStore             *self,
                                                   gint64                    id,
                                                   GError                  **error);
/* Replaces the placeholders of @text for @item; unknown placeholders stay
 * as they are. */
char           *steward_canned_reply_expand       (const char               *text,
                                                   StewardInboxItem         *item,
                                                   const char               *me);

/**
 * StewardHistoryKind:
 * @STEWARD_HISTORY_ITEM: an inbox item (the author wrote to us)
 * @STEWARD_HISTORY_REPLY: a reply we sent (or queued) from the outbox
 * @STEWARD_HISTORY_NOTE: an internal note
 * @STEWARD_HISTORY_EVENT: a triage change (status, assignment, tags, snooze)
 */
typedef enum {
  STEWARD_HISTORY_ITEM,
  STEWARD_HISTORY_REPLY,
  STEWARD_HISTORY_NOTE,
  STEWARD_HISTORY_EVENT,
} StewardHistoryKind;

/**
 * StewardHistoryEntry:
 * @kind: what this is
 * @item_id: the inbox item it belongs to
 * @at: when, Unix seconds
 * @actor: (nullable): who: the author for items, the team member for
 *   replies, notes and events
 * @text: the item's or reply's plain text, the note, or for events a
 *   translated sentence ("Assigned to Mei", "Status: Closed")
 * @account_label: (nullable): which of our accounts it came through
 *
 * One line of a social-customer record.
 */
typedef struct {
  StewardHistoryKind  kind;
  gint64              item_id;
  gint64              at;
  char               *actor;
  char               *text;
  char               *account_label;
} StewardHistoryEntry;

void            steward_history_entry_free        (StewardHistoryEntry      *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StewardHistoryEntry, steward_history_entry_free)

/* (element-type StewardHistoryEntry) The notes and events of one item,
 * oldest first. */
GPtrArray      *steward_store_list_item_history   (StewardStore             *self,
                                                   gint64                    item_id,
                                                   GError                  **error);
/* (element-type StewardHistoryEntry) The author's history with us across
 * every account, newest first, without @item_id's own entries: their
 * other items, our replies to them and the notes on those items. The same
 * person on several accounts is recognised by their profile URL. */
GPtrArray      *steward_store_list_author_history (StewardStore             *self,
                                                   gint64                    item_id,
                                                   guint                     limit,
                                                   GError                  **error);

/* Threads. steward_store_save_thread() caches the posts of an item's
 * thread as a source's context endpoint returned them (@page->posts,
 * ancestors, the post itself and replies, any order; @page->items is
 * ignored), replacing what was cached. @deleted records that the server
 * says the post is gone (then @page may be %NULL). */
gboolean        steward_store_save_thread         (StewardStore             *self,
                                                   gint64                    item_id,
                                                   const StewardPage        *page,
                                                   gboolean                  deleted,
                                                   GError                  **error);
/* (element-type StewardPost) The cached thread, oldest first; only the
 * item's own post when it was never fetched. @fetched_at (optional) gets
 * the time of the last fetch or 0; @deleted (optional) whether the post
 * was found deleted. */
GPtrArray      *steward_store_list_thread         (StewardStore             *self,
                                                   gint64                    item_id,
                                                   gint64                   *fetched_at,
                                                   gboolean                 *deleted,
                                                   GError                  **error);

/**
 * StewardAlertKind:
 * @STEWARD_ALERT_URGENT: a new urgent item
 * @STEWARD_ALERT_BREACH: an item whose SLA was breached
 */
typedef enum {
  STEWARD_ALERT_URGENT,
  STEWARD_ALERT_BREACH,
} StewardAlertKind;

/* (element-type StewardInboxItem) Items to notify about at @now: urgent
 * items not yet alerted, or breached items (first response due before
 * @now, none yet, needing a reply, not closed, not snoozed) not yet
 * alerted. Quiet items (backfill) are never listed. Oldest first. */
GPtrArray      *steward_store_list_alerts         (StewardStore             *self,
                                                   StewardAlertKind          kind,
                                                   gint64                    now,
                                                   GError                  **error);
gboolean        steward_store_mark_alerted        (StewardStore             *self,
                                                   const gint64             *ids,
                                                   guint                     n_ids,
                                                   StewardAlertKind          kind,
                                                   gint64                    now,
                                                   GError                  **error);

G_END_DECLS
