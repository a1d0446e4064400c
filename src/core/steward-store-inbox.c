/* steward-store-inbox.c — listing, counting and triaging inbox items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-store"

#include "steward-store-private.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "steward-account-private.h"
#include "steward-error.h"
#include "steward-inbox-item.h"
#include "steward-triage.h"

/* Bound parameters of the generated filter SQL; only those a filter uses
 * appear in its statement. */
enum {
  PARAM_ACCOUNT = 1,
  PARAM_STATUS,
  PARAM_KIND,
  PARAM_UPPER_TIME,
  PARAM_UPPER_ID,
  PARAM_LIMIT,
  PARAM_OFFSET,
  PARAM_NOW,
  PARAM_ME,
  PARAM_DUE_SOON,
  PARAM_TAG,
  PARAM_ASSIGNEE,
};

/* Tags come as one string separated by the unit separator, sorted in C. */
#define TAG_SEPARATOR '\x1f'

static const char item_columns[] =
  "SELECT i.id, i.account_id, a.server, a.username, a.is_demo, a.network,"
  "       i.kind, i.status, i.remote_id, p.url, au.acct, au.display_name,"
  "       au.avatar_url, p.text, steward_post_markup (p.markup, p.html), i.created_at,"
  "       i.assignee, i.snoozed_until, i.needs_reply, i.classified_at, i.sentiment,"
  "       i.urgent, i.urgent_rules, i.sla_due_at, i.first_response_at,"
  "       (SELECT group_concat (t.name, char (31)) FROM item_tags it"
  "          JOIN tags t ON t.id = it.tag_id WHERE it.item_id = i.id),"
  "       (SELECT count (*) FROM item_notes n WHERE n.item_id = i.id),"
  "       au.url, au.followers, i.post_id, p.in_reply_to, p.visibility"
  " FROM inbox_items i"
  " JOIN accounts a ON a.id = i.account_id"
  " JOIN posts p ON p.id = i.post_id"
  " JOIN authors au ON au.id = p.author_id";

/* What every view but SNOOZED requires. A snooze that has run out counts
 * as awake without anybody writing to the item. */
#define SQL_AWAKE "(i.snoozed_until IS NULL OR i.snoozed_until <= ?8)"
#define SQL_OPEN  "i.status <> 'closed'"

/* The condition of each view (see StewardInboxView); ?8 is now, ?9 the
 * current user, ?10 now plus the due-soon window. */
static const char * const view_conditions[] = {
  [STEWARD_INBOX_VIEW_ALL] = SQL_AWAKE,
  [STEWARD_INBOX_VIEW_NEW] = "i.status = 'new' AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_MINE] = "i.assignee = ?9 AND " SQL_OPEN " AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_UNASSIGNED] = "i.assignee IS NULL AND " SQL_OPEN " AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_PENDING] = "i.status = 'pending' AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_URGENT] = "i.urgent = 1 AND " SQL_OPEN " AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_DUE_SOON] =
    "i.needs_reply = 1 AND i.first_response_at IS NULL AND i.sla_due_at <= ?10"
    " AND " SQL_OPEN " AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_CLOSED] = "i.status = 'closed' AND " SQL_AWAKE,
  [STEWARD_INBOX_VIEW_SNOOZED] = "i.snoozed_until > ?8",
};

G_STATIC_ASSERT (G_N_ELEMENTS (view_conditions) == STEWARD_INBOX_VIEW_SNOOZED + 1);

#define DEFAULT_DUE_SOON_MINUTES 120

/* What a filter's statement is bound with besides the filter itself. */
typedef struct {
  gint64  now;
  gint64  due_soon_limit;
  char   *me;
} FilterContext;

static void
filter_context_clear (FilterContext *context)
{
  g_clear_pointer (&context->me, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilterContext, filter_context_clear)

static gint64
read_due_soon_seconds (StewardStore *self)
{
  g_autofree char *value = steward_store_get_setting (self, "sla.due-soon-minutes");
  guint64 minutes = DEFAULT_DUE_SOON_MINUTES;

  if (value != NULL && !g_ascii_string_to_unsigned (value, 10, 0, 60 * 24 * 366, &minutes, NULL))
    minutes = DEFAULT_DUE_SOON_MINUTES;
  return (gint64) minutes * 60;
}

/* Reads only what the views in @views_mask need. */
static void
filter_context_init (FilterContext            *context,
                     StewardStore             *self,
                     const StewardInboxFilter *filter,
                     guint                     views_mask)
{
  context->now = filter->now > 0 ? filter->now : g_get_real_time () / G_USEC_PER_SEC;
  context->due_soon_limit = context->now;
  context->me = NULL;

  if (views_mask & (1u << STEWARD_INBOX_VIEW_DUE_SOON))
    context->due_soon_limit = context->now + read_due_soon_seconds (self);
  if (views_mask & (1u << STEWARD_INBOX_VIEW_MINE))
    context->me = steward_store_dup_me (self);
}

static gboolean
check_filter (const StewardInboxFilter  *filter,
              GError                   **error)
{
  if (filter->status > STEWARD_ITEM_STATUS_CLOSED || filter->status < -1 ||
      filter->kind > STEWARD_ITEM_KIND_LISTENING || filter->kind < -1 ||
      filter->account_id < 0 || filter->now < 0 ||
      (guint) filter->view > STEWARD_INBOX_VIEW_SNOOZED ||
      (guint) filter->sort > STEWARD_INBOX_SORT_SLA_DUE)
    {
      g_set_error_literal (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT,
                           _("Unknown inbox status, kind, view or order"));
      return FALSE;
    }
  return TRUE;
}

/* Everything of @filter but its view. A tag is looked up by name (tags
 * compare case-insensitively) and tested per item, so that walking an
 * index in the queue's order stays possible. */
static void
append_base_where (GString                  *sql,
                   const StewardInboxFilter *filter)
{
  g_string_append (sql, " WHERE 1");
  if (filter->account_id > 0)
    g_string_append (sql, " AND i.account_id = ?1");
  if (filter->status >= 0)
    g_string_append (sql, " AND i.status = ?2");
  if (filter->kind >= 0)
    g_string_append (sql, " AND i.kind = ?3");
  if (filter->tag != NULL)
    g_string_append (sql,
                     " AND EXISTS (SELECT 1 FROM item_tags it"
                     "             WHERE it.item_id = i.id"
                     "               AND it.tag_id = (SELECT id FROM tags WHERE name = ?11))");
  if (filter->assignee != NULL && filter->assignee[0] == '\0')
    g_string_append (sql, " AND i.assignee IS NULL");
  else if (filter->assignee != NULL)
    g_string_append (sql, " AND i.assignee = ?12");
}

/* The range condition is written so that SQLite walks the
 * (…, created_at, id) index from @upper down instead of sorting. */
static void
append_where (GString                  *sql,
              const StewardInboxFilter *filter,
              const StewardInboxKey    *upper,
              gboolean                  inclusive)
{
  append_base_where (sql, filter);
  g_string_append_printf (sql, " AND %s", view_conditions[filter->view]);
  if (upper != NULL)
    g_string_append_printf (sql,
                            " AND i.created_at <= ?4"
                            " AND (i.created_at < ?4 OR i.id %s ?5)",
                            inclusive ? "<=" : "<");
}

static void
bind_base_where (sqlite3_stmt             *stmt,
                 const StewardInboxFilter *filter,
                 const FilterContext      *context)
{
  if (filter->account_id > 0)
    sqlite3_bind_int64 (stmt, PARAM_ACCOUNT, filter->account_id);
  if (filter->status >= 0)
    steward_sqlite_bind_text (stmt, PARAM_STATUS, steward_item_status_to_string (filter->status));
  if (filter->kind >= 0)
    steward_sqlite_bind_text (stmt, PARAM_KIND, steward_item_kind_to_string (filter->kind));
  if (filter->tag != NULL)
    steward_sqlite_bind_text (stmt, PARAM_TAG, filter->tag);
  if (filter->assignee != NULL && filter->assignee[0] != '\0')
    steward_sqlite_bind_text (stmt, PARAM_ASSIGNEE, filter->assignee);

  /* Bound whether or not the statement uses them: SQLite ignores a
   * parameter a statement does not have (SQLITE_RANGE, no harm). */
  sqlite3_bind_int64 (stmt, PARAM_NOW, context->now);
  sqlite3_bind_int64 (stmt, PARAM_DUE_SOON, context->due_soon_limit);
  steward_sqlite_bind_text (stmt, PARAM_ME, context->me != NULL ? context->me : "");
}

static void
bind_where (sqlite3_stmt             *stmt,
            const StewardInboxFilter *filter,
            const FilterContext      *context,
            const StewardInboxKey    *upper)
{
  bind_base_where (stmt, filter, context);
  if (upper != NULL)
    {
      sqlite3_bind_int64 (stmt, PARAM_UPPER_TIME, upper->created_at);
      sqlite3_bind_int64 (stmt, PARAM_UPPER_ID, upper->id);
    }
}

/* Newest is the order of the indexes; the others sort what the filter
 * selected. Due soon is the exception: its items are the few whose clock
 * runs out, found through inbox_items_due, and sorting those costs less
 * than walking the whole table newest first for them (the unary + keeps
 * SQLite from choosing that walk, which it would without statistics). */
static void
append_order (GString                  *sql,
              const StewardInboxFilter *filter)
{
  if (filter->view == STEWARD_INBOX_VIEW_DUE_SOON && filter->sort == STEWARD_INBOX_SORT_NEWEST)
    {
      g_string_append (sql, " ORDER BY +i.created_at DESC, i.id DESC");
      return;
    }

  switch (filter->sort)
    {
    case STEWARD_INBOX_SORT_OLDEST:
      g_string_append (sql, " ORDER BY i.created_at ASC, i.id ASC");
      break;
    case STEWARD_INBOX_SORT_URGENCY:
      g_string_append (sql, " ORDER BY i.urgent DESC, coalesce (i.sentiment, 0) ASC,"
                            " i.created_at DESC, i.id DESC");
      break;
    case STEWARD_INBOX_SORT_SLA_DUE:
      /* Items whose clock runs first, earliest due; the rest after. */
      g_string_append (sql, " ORDER BY CASE WHEN i.first_response_at IS NULL AND i.needs_reply = 1"
                            "               THEN i.sla_due_at END IS NULL,"
                            " CASE WHEN i.first_response_at IS NULL AND i.needs_reply = 1"
                            "      THEN i.sla_due_at END,"
                            " i.created_at DESC, i.id DESC");
      break;
    case STEWARD_INBOX_SORT_NEWEST:
    default:
      g_string_append (sql, " ORDER BY i.created_at DESC, i.id DESC");
      break;
    }
}

static int
tag_compare (const void *a,
             const void *b)
{
  const char *tag_a = *(const char * const *) a;
  const char *tag_b = *(const char * const *) b;
  int result = g_ascii_strcasecmp (tag_a, tag_b);

  return result != 0 ? result : strcmp (tag_a, tag_b);
}

static GStrv
split_tags (const char *joined)
{
  g_auto(GStrv) tags = NULL;
  char separator[2] = { TAG_SEPARATOR, '\0' };

  if (joined == NULL || joined[0] == '\0')
    return NULL;

  tags = g_strsplit (joined, separator, -1);
  qsort (tags, g_strv_length (tags), sizeof (char *), tag_compare);
  return g_steal_pointer (&tags);
}

/* urgent_rules holds the names of the rules that fired as a JSON array;
 * one name per line is read too. */
static GStrv
parse_rule_names (const char *stored)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;

  if (stored == NULL || stored[0] == '\0')
    return NULL;
  if (stored[0] != '[')
    return g_strsplit (stored, "\n", -1);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, stored, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      if (name != NULL)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static StewardInboxItem *
item_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) created_at = steward_sqlite_column_date (stmt, 15);
  g_autoptr(GDateTime) snoozed_until = steward_sqlite_column_date (stmt, 17);
  g_autoptr(GDateTime) sla_due_at = steward_sqlite_column_date (stmt, 23);
  g_autoptr(GDateTime) first_response_at = steward_sqlite_column_date (stmt, 24);
  g_auto(GStrv) urgent_rules = parse_rule_names (steward_sqlite_column_text (stmt, 22));
  g_auto(GStrv) tags = split_tags (steward_sqlite_column_text (stmt, 25));
  g_autofree char *label = NULL;
  StewardItemKind kind = STEWARD_ITEM_KIND_MENTION;
  StewardItemStatus status = STEWARD_ITEM_STATUS_NEW;
  gboolean classified = sqlite3_column_type (stmt, 19) != SQLITE_NULL;

  label = steward_account_format_label (steward_sqlite_column_text (stmt, 2),
                                        steward_sqlite_column_text (stmt, 3),
                                        sqlite3_column_int (stmt, 4) != 0);
  steward_item_kind_from_string (steward_sqlite_column_text (stmt, 6), &kind);
  steward_item_status_from_string (steward_sqlite_column_text (stmt, 7), &status);

  return g_object_new (STEWARD_TYPE_INBOX_ITEM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "account-id", sqlite3_column_int64 (stmt, 1),
                       "account-label", label,
                       "network", steward_sqlite_column_text (stmt, 5),
                       "kind", kind,
                       "status", status,
                       "remote-id", steward_sqlite_column_text (stmt, 8),
                       "url", steward_sqlite_column_text (stmt, 9),
                       "author", steward_sqlite_column_text (stmt, 10),
                       "author-name", steward_sqlite_column_text (stmt, 11),
                       "author-avatar-url", steward_sqlite_column_text (stmt, 12),
                       "text", steward_sqlite_column_text (stmt, 13),
                       "markup", steward_sqlite_column_text (stmt, 14),
                       "created-at", created_at,
                       "assignee", steward_sqlite_column_text (stmt, 16),
                       "snoozed-until", snoozed_until,
                       "needs-reply", sqlite3_column_int (stmt, 18) != 0,
                       "classified", classified,
                       "sentiment-score", CLAMP (sqlite3_column_double (stmt, 20), -1.0, 1.0),
                       "urgent", sqlite3_column_int (stmt, 21) != 0,
                       "urgent-rules", urgent_rules,
                       "sla-due-at", sla_due_at,
                       "first-response-at", first_response_at,
                       "tags", tags,
                       "n-notes", (guint) sqlite3_column_int64 (stmt, 26),
                       "author-url", steward_sqlite_column_text (stmt, 27),
                       "author-followers", MAX (sqlite3_column_int64 (stmt, 28), -1),
                       "post-id", sqlite3_column_int64 (stmt, 29),
                       "in-reply-to", steward_sqlite_column_text (stmt, 30),
                       "visibility", steward_sqlite_column_text (stmt, 31),
                       NULL);
}

static GPtrArray *
collect_items (StewardStore  *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

gboolean
steward_store_inbox_snapshot (StewardStore              *self,
                              const StewardInboxFilter  *filter,
                              const StewardInboxKey     *upper,
                              gboolean                  *has_top,
                              StewardInboxKey           *top,
                              guint                     *count,
                              gint64                    *id_sum,
                              GError                   **error)
{
  g_autoptr(GString) top_sql = g_string_new ("SELECT i.created_at, i.id FROM inbox_items i");
  g_autoptr(GString) count_sql = g_string_new ("SELECT count (*), sum (i.id) FROM inbox_items i");
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_auto(FilterContext) context = { 0, };
  StewardInboxKey newest;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  *has_top = FALSE;
  *count = 0;
  *id_sum = 0;

  if (!check_filter (filter, error))
    return FALSE;
  filter_context_init (&context, self, filter, 1u << filter->view);

  append_where (top_sql, filter, upper, TRUE);
  append_order (top_sql, &(StewardInboxFilter) { .view = filter->view,
                                                .sort = STEWARD_INBOX_SORT_NEWEST });
  g_string_append (top_sql, " LIMIT 1");
  if ((stmt = steward_store_prepare_cached (self, top_sql->str, error)) == NULL)
    return FALSE;
  bind_where (stmt, filter, &context, upper);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }
  newest.created_at = sqlite3_column_int64 (stmt, 0);
  newest.id = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, steward_cached_stmt_release);

  /* Counting below the newest item just read keeps the two answers
   * consistent while another connection adds items. */
  append_where (count_sql, filter, &newest, TRUE);
  if ((stmt = steward_store_prepare_cached (self, count_sql->str, error)) == NULL)
    return FALSE;
  bind_where (stmt, filter, &context, &newest);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }

  *has_top = TRUE;
  *top = newest;
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  *id_sum = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

GPtrArray *
steward_store_list_inbox_below (StewardStore              *self,
                                const StewardInboxFilter  *filter,
                                const StewardInboxKey     *upper,
                                gboolean                   inclusive,
                                guint                      offset,
                                guint                      limit,
                                GError                   **error)
{
  g_autoptr(GString) sql = g_string_new (item_columns);
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_auto(FilterContext) context = { 0, };

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!check_filter (filter, error))
    return NULL;
  filter_context_init (&context, self, filter, 1u << filter->view);

  append_where (sql, filter, upper, inclusive);
  append_order (sql, filter);
  g_string_append (sql, " LIMIT ?6 OFFSET ?7");

  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;
  bind_where (stmt, filter, &context, upper);
  sqlite3_bind_int64 (stmt, PARAM_LIMIT, limit);
  sqlite3_bind_int64 (stmt, PARAM_OFFSET, offset);

  return collect_items (self, stmt, error);
}

GPtrArray *
steward_store_list_inbox_by_ids (StewardStore  *self,
                                 const gint64  *ids,
                                 guint          n_ids,
                                 GError       **error)
{
  g_autoptr(GString) sql = g_string_new (item_columns);
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(StewardCachedStmt) stmt = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  g_string_append (sql, " WHERE i.id IN (SELECT value FROM json_each (?1))");
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return NULL;
  steward_sqlite_bind_text (stmt, 1, json->str);

  return collect_items (self, stmt, error);
}

/**
 * steward_store_count_inbox:
 * @self: a store
 * @filter: which items
 * @error: return location for an error
 *
 * Returns: how many items match @filter (0 on error)
 */
guint
steward_store_count_inbox (StewardStore              *self,
                           const StewardInboxFilter  *filter,
                           GError                   **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM inbox_items i");
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_auto(FilterContext) context = { 0, };
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), 0);
  g_return_val_if_fail (filter != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_filter (filter, error))
    return 0;
  filter_context_init (&context, self, filter, 1u << filter->view);

  append_where (sql, filter, NULL, TRUE);
  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return 0;
  bind_where (stmt, filter, &context, NULL);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * steward_store_list_inbox:
 * @self: a store
 * @filter: which items
 * @offset: how many items to skip, in the filter's order
 * @limit: most items to return
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type StewardInboxItem): items
 *   matching @filter, in its order (newest first by default), with their
 *   account's label and network, or %NULL on error
 */
GPtrArray *
steward_store_list_inbox (StewardStore              *self,
                          const StewardInboxFilter  *filter,
                          guint                      offset,
                          guint                      limit,
                          GError                   **error)
{
  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return steward_store_list_inbox_below (self, filter, NULL, TRUE, offset, limit, error);
}

static void
set_no_item (gint64   item_id,
             GError **error)
{
  g_set_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND,
               _("There is no inbox item with id %lld"), (long long) item_id);
}

/**
 * steward_store_get_inbox_item:
 * @self: a store
 * @item_id: an item id
 * @error: return location for an error
 *
 * Returns: (transfer full): the item, or %NULL with
 *   %STEWARD_ERROR_NOT_FOUND
 */
StewardInboxItem *
steward_store_get_inbox_item (StewardStore  *self,
                              gint64         item_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (STEWARD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((items = steward_store_list_inbox_by_ids (self, &item_id, 1, error)) == NULL)
    return NULL;
  if (items->len == 0)
    {
      set_no_item (item_id, error);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (items, 0));
}

/**
 * steward_store_set_item_status:
 * @self: a store
 * @item_id: an item id
 * @status: its new status
 * @error: return location for an error
 *
 * Persists the status as steward_store_change_items() does (recording it
 * in the item's history, waking a snoozed item) and emits
 * #StewardStore::changed with "inbox" when something changed.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_set_item_status (StewardStore       *self,
                               gint64              item_id,
                               StewardItemStatus   status,
                               GError            **error)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= STEWARD_ITEM_STATUS_CLOSED, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  change.status = status;
  return steward_store_change_items (self, &item_id, 1, &change, error);
}

/**
 * steward_store_count_views:
 * @self: a store
 * @filter: which items; its view and order are ignored
 * @counts: (array length=n_counts): filled with one count per view
 * @n_counts: the length of @counts, at most one per #StewardInboxView
 * @error: return location for an error
 *
 * Counts every view in one pass over the items the rest of @filter
 * selects.
 *
 * Returns: %TRUE on success
 */
gboolean
steward_store_count_views (StewardStore              *self,
                           const StewardInboxFilter  *filter,
                           guint                     *counts,
                           guint                      n_counts,
                           GError                   **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT");
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_auto(FilterContext) context = { 0, };
  guint n_views = MIN (n_counts, G_N_ELEMENTS (view_conditions));
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (counts != NULL || n_counts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (counts, 0, n_counts * sizeof (guint));
  if (!check_filter (filter, error))
    return FALSE;
  if (n_views == 0)
    return TRUE;
  filter_context_init (&context, self, filter, G_MAXUINT);

  for (guint view = 0; view < n_views; view++)
    g_string_append_printf (sql, "%s count (*) FILTER (WHERE %s)",
                            view > 0 ? "," : "", view_conditions[view]);
  g_string_append (sql, " FROM inbox_items i");
  append_base_where (sql, filter);

  if ((stmt = steward_store_prepare_cached (self, sql->str, error)) == NULL)
    return FALSE;
  bind_base_where (stmt, filter, &context);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      steward_sqlite_set_error (steward_store_get_db (self), rc, error);
      return FALSE;
    }
  for (guint view = 0; view < n_views; view++)
    counts[view] = (guint) sqlite3_column_int64 (stmt, (int) view);
  return TRUE;
}
