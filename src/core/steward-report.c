/* steward-report.c — response rate, first-response times and breaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An item's first response is the earlier of inbox_items.first_response_at
 * (set by the first confirmed reply from the outbox) and the first post of
 * its cached thread (item_threads) written by one of our accounts after
 * the item. An item that needs a reply is breached when it was answered
 * after its due time, or is unanswered and due at @now; an item not yet
 * classified has no stored due time, so its normal-priority due time is
 * computed from the policy. Weekly rows cover every week from the first to
 * the last week holding an item, for every account, so a chart has no gaps.
 */
#define G_LOG_DOMAIN "steward-report"

#include "steward-report.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "steward-account-private.h"
#include "steward-sla-private.h"

struct _StewardReport {
  GObject           parent_instance;

  gint64            since;
  gint64            until;
  GTimeZone        *tz;
  GPtrArray        *weekly;     /* StewardReportRow */
  GPtrArray        *accounts;   /* StewardReportRow */
  StewardReportRow *total;
};

G_DEFINE_FINAL_TYPE (StewardReport, steward_report, G_TYPE_OBJECT)

/* A row being counted, with every first-response time for the median. */
typedef struct {
  StewardReportRow  row;
  GArray           *responses;   /* gint64 seconds */
} Tally;

static const char sql_accounts[] =
  "SELECT id, server, username, is_demo FROM accounts ORDER BY id";

static const char sql_items[] =
  "SELECT i.account_id, i.created_at, i.needs_reply, i.urgent, i.sla_due_at,"
  "       i.first_response_at,"
  "       (SELECT min (tp.created_at) FROM item_threads t"
  "          JOIN posts tp ON tp.id = t.post_id"
  "          JOIN authors ta ON ta.id = tp.author_id"
  "          JOIN accounts oa ON oa.server = ta.server AND oa.remote_id = ta.remote_id"
  "         WHERE t.item_id = i.id AND tp.id <> i.post_id AND tp.created_at >= i.created_at)"
  " FROM inbox_items i"
  " WHERE i.created_at >= ?1 AND i.created_at < ?2";

static Tally *
tally_new (gint64      account_id,
           const char *label,
           gint64      week_start)
{
  Tally *tally = g_new0 (Tally, 1);

  tally->row.account_id = account_id;
  tally->row.account_label = g_strdup (label);
  tally->row.week_start = week_start;
  tally->row.median_first_response = -1;
  tally->responses = g_array_new (FALSE, FALSE, sizeof (gint64));
  return tally;
}

static void
report_row_free (StewardReportRow *row)
{
  g_free (row->account_label);
  g_free (row);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
tally_free (Tally *tally)
{
  g_free (tally->row.account_label);
  g_array_unref (tally->responses);
  g_free (tally);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tally, tally_free)

/* The row of @tally with the median filled in. */
static StewardReportRow *
tally_finish (Tally *tally)
{
  StewardReportRow *row = g_memdup2 (&tally->row, sizeof tally->row);
  GArray *r = tally->responses;

  row->account_label = g_strdup (tally->row.account_label);
  if (r->len > 0)
    {
      g_array_sort (r, compare_gint64);
      if (r->len % 2 == 1)
        row->median_first_response = g_array_index (r, gint64, r->len / 2);
      else
        row->median_first_response = (g_array_index (r, gint64, r->len / 2 - 1) +
                                       g_array_index (r, gint64, r->len / 2)) / 2;
    }

  return row;
}

/* The Monday 00:00 of the week holding @when, in @tz, and the date of it. */
static gint64
week_start (GTimeZone *tz,
            gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  int year, month, day;

  monday = g_date_time_add_days (local, 1 - g_date_time_get_day_of_week (local));
  g_date_time_get_ymd (monday, &year, &month, &day);
  midnight = g_date_time_new (tz, year, month, day, 0, 0, 0);
  return g_date_time_to_unix (midnight);
}

static gint64
next_week (GTimeZone *tz,
           gint64     monday)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (monday);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) later = g_date_time_add_days (local, 7);
  int year, month, day;

  g_date_time_get_ymd (later, &year, &month, &day);
  g_clear_pointer (&later, g_date_time_unref);
  later = g_date_time_new (tz, year, month, day, 0, 0, 0);
  return g_date_time_to_unix (later);
}

static void
count_item (Tally    *tally,
            gboolean  needs_reply,
            gboolean  replied,
            gboolean  breached,
            gint64    response)
{
  tally->row.n_items++;
  if (!needs_reply)
    return;

  tally->row.n_needed_reply++;
  tally->row.n_breached += breached;
  if (replied)
    {
      tally->row.n_replied++;
      g_array_append_val (tally->responses, response);
    }
}

static char *
format_week (StewardReport          *self,
             const StewardReportRow *row)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (row->week_start == 0)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (row->week_start);
  local = g_date_time_to_timezone (utc, self->tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

static void
append_csv_field (GString    *csv,
                  const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_csv_row (StewardReport          *self,
                GString                *csv,
                const StewardReportRow *row)
{
  g_autofree char *week = format_week (self, row);
  double rate = steward_report_row_get_response_rate (row);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  append_csv_field (csv, row->account_label != NULL ? row->account_label : "total");
  g_string_append_c (csv, ',');
  g_string_append (csv, week);
  g_string_append_printf (csv, ",%u,%u,%u,", row->n_items, row->n_needed_reply, row->n_replied);
  if (rate >= 0)
    g_string_append (csv, g_ascii_formatd (number, sizeof number, "%.4f", rate));
  g_string_append_c (csv, ',');
  if (row->median_first_response >= 0)
    g_string_append_printf (csv, "%" G_GINT64_FORMAT, row->median_first_response);
  g_string_append_printf (csv, ",%u\r\n", row->n_breached);
}

static void
add_json_row (StewardReport          *self,
              JsonBuilder            *builder,
              const StewardReportRow *row)
{
  double rate = steward_report_row_get_response_rate (row);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account_id");
  json_builder_add_int_value (builder, row->account_id);
  json_builder_set_member_name (builder, "account");
  if (row->account_label != NULL)
    json_builder_add_string_value (builder, row->account_label);
  else
    json_builder_add_null_value (builder);
  if (row->week_start != 0)
    {
      g_autofree char *week = format_week (self, row);

      json_builder_set_member_name (builder, "week_start");
      json_builder_add_int_value (builder, row->week_start);
      json_builder_set_member_name (builder, "week");
      json_builder_add_string_value (builder, week);
    }
  json_builder_set_member_name (builder, "items");
  json_builder_add_int_value (builder, row->n_items);
  json_builder_set_member_name (builder, "needed_reply");
  json_builder_add_int_value (builder, row->n_needed_reply);
  json_builder_set_member_name (builder, "replied");
  json_builder_add_int_value (builder, row->n_replied);
  json_builder_set_member_name (builder, "response_rate");
  if (rate >= 0)
    json_builder_add_double_value (builder, rate);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "median_first_response_seconds");
  if (row->median_first_response >= 0)
    json_builder_add_int_value (builder, row->median_first_response);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "breaches");
  json_builder_add_int_value (builder, row->n_breached);
  json_builder_end_object (builder);
}

static void
steward_report_finalize (GObject *object)
{
  StewardReport *self = (StewardReport *) object;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->weekly, g_ptr_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->total, report_row_free);

  G_OBJECT_CLASS (steward_report_parent_class)->finalize (object);
}

static void
steward_report_class_init (StewardReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = steward_report_finalize;
}

static void
steward_report_init (StewardReport *self)
{
  self->weekly = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) report_row_free);
}

double
steward_report_row_get_response_rate (const StewardReportRow *row)
{
  g_return_val_if_fail (row != NULL, -1);

  if (row->n_needed_reply == 0)
    return -1;
  return (double) row->n_replied / row->n_needed_reply;
}

/* Collects the accounts (in id order) into @order and @by_id. */
static gboolean
read_accounts (StewardStore  *store,
               GArray        *order,
               GHashTable    *by_id,
               GError       **error)
{
  g_autoptr(StewardCachedStmt) stmt = steward_store_prepare_cached (store, sql_accounts, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char *label = steward_account_format_label (steward_sqlite_column_text (stmt, 1),
                                                  steward_sqlite_column_text (stmt, 2),
                                                  sqlite3_column_int (stmt, 3) != 0);

      g_array_append_val (order, id);
      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), label);
    }
  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * steward_store_build_report:
 * @store: a store
 * @since: the first creation time counted (Unix seconds)
 * @until: the end of the range, excluded
 * @now: when unanswered items count as breached
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the report
 */
StewardReport *
steward_store_build_report (StewardStore  *store,
                            gint64         since,
                            gint64         until,
                            gint64         now,
                            GError       **error)
{
  g_autoptr(StewardReport) self = NULL;
  g_autoptr(StewardSlaPolicy) policy = NULL;
  g_autoptr(StewardCachedStmt) stmt = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) account_tallies = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                                (GDestroyNotify) tally_free);
  /* "account_id/week_start" → Tally */
  g_autoptr(GHashTable) week_tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) tally_free);
  g_autoptr(Tally) total = NULL;
  gint64 first_week = G_MAXINT64, last_week = G_MININT64;
  int rc;

  g_return_val_if_fail (STEWARD_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  policy = steward_store_read_sla_policy (store, error);
  if (policy == NULL)
    return NULL;

  self = g_object_new (STEWARD_TYPE_REPORT, NULL);
  self->since = since;
  self->until = until;
  self->tz = *steward_sla_policy_get_time_zone (policy) != '\0'
    ? g_time_zone_new_identifier (steward_sla_policy_get_time_zone (policy))
    : NULL;
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();

  if (!read_accounts (store, order, labels, error))
    return NULL;

  stmt = steward_store_prepare_cached (store, sql_items, error);
  if (stmt == NULL)
    return NULL;

  total = tally_new (0, NULL, 0);
  for (guint i = 0; i < order->len; i++)
    {
      gint64 *id = &g_array_index (order, gint64, i);

      g_hash_table_insert (account_tallies, id, tally_new (*id, g_hash_table_lookup (labels, id), 0));
    }

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (stmt, 0);
      gint64 created_at = sqlite3_column_int64 (stmt, 1);
      gboolean needs_reply = sqlite3_column_int (stmt, 2) != 0;
      gboolean urgent = sqlite3_column_int (stmt, 3) != 0;
      gint64 due, response = 0, week;
      gboolean replied, breached = FALSE;
      g_autofree char *key = NULL;
      Tally *tally, *account;

      account = g_hash_table_lookup (account_tallies, &account_id);
      if (account == NULL)
        continue;

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        response = sqlite3_column_int64 (stmt, 5);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL &&
          (response == 0 || sqlite3_column_int64 (stmt, 6) < response))
        response = sqlite3_column_int64 (stmt, 6);

      due = sqlite3_column_type (stmt, 4) != SQLITE_NULL
        ? sqlite3_column_int64 (stmt, 4)
        : steward_sla_policy_due_at (policy, created_at, urgent);
      replied = needs_reply && response > 0;
      if (needs_reply && due != G_MAXINT64)
        breached = replied ? response > due : now >= due;

      week = week_start (self->tz, created_at);
      first_week = MIN (first_week, week);
      last_week = MAX (last_week, week);

      key = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, account_id, week);
      tally = g_hash_table_lookup (week_tallies, key);
      if (tally == NULL)
        {
          tally = tally_new (account_id, g_hash_table_lookup (labels, &account_id), week);
          g_hash_table_insert (week_tallies, g_steal_pointer (&key), tally);
        }

      count_item (tally, needs_reply, replied, breached, response - created_at);
      count_item (account, needs_reply, replied, breached, response - created_at);
      count_item (total, needs_reply, replied, breached, response - created_at);
    }

  if (rc != SQLITE_DONE)
    {
      steward_sqlite_set_error (steward_store_get_db (store), rc, error);
      return NULL;
    }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);

      for (gint64 week = first_week; week <= last_week; week = next_week (self->tz, week))
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, id, week);
          Tally *tally = g_hash_table_lookup (week_tallies, key);

          if (tally != NULL)
            {
              g_ptr_array_add (self->weekly, tally_finish (tally));
            }
          else
            {
              g_autoptr(Tally) empty = tally_new (id, g_hash_table_lookup (labels, &id), week);

              g_ptr_array_add (self->weekly, tally_finish (empty));
            }
        }
      g_ptr_array_add (self->accounts, tally_finish (g_hash_table_lookup (account_tallies, &id)));
    }
  self->total = tally_finish (total);

  return g_steal_pointer (&self);
}

gint64
steward_report_get_since (StewardReport *self)
{
  g_return_val_if_fail (STEWARD_IS_REPORT (self), 0);
  return self->since;
}

gint64
steward_report_get_until (StewardReport *self)
{
  g_return_val_if_fail (STEWARD_IS_REPORT (self), 0);
  return self->until;
}

/**
 * steward_report_get_weekly:
 * @self: a report
 *
 * Returns: (transfer none) (element-type StewardReportRow): the rows per
 *   account and week
 */
GPtrArray *
steward_report_get_weekly (StewardReport *self)
{
  g_return_val_if_fail (STEWARD_IS_REPORT (self), NULL);
  return self->weekly;
}

/**
 * steward_report_get_accounts:
 * @self: a report
 *
 * Returns: (transfer none) (element-type StewardReportRow): one row per
 *   account
 */
GPtrArray *
steward_report_get_accounts (StewardReport *self)
{
  g_return_val_if_fail (STEWARD_IS_REPORT (self), NULL);
  return self->accounts;
}

const StewardReportRow *
steward_report_get_total (StewardReport *self)
{
  g_return_val_if_fail (STEWARD_IS_REPORT (self), NULL);
  return self->total;
}

/**
 * steward_report_to_csv:
 * @self: a report
 *
 * The account column holds "total" on the last line; the week column the
 * Monday as YYYY-MM-DD, empty on whole-range lines; an empty rate or
 * median means "nothing to measure".
 *
 * Returns: (transfer full): the report as CSV (RFC 4180, CRLF)
 */
char *
steward_report_to_csv (StewardReport *self)
{
  GString *csv;

  g_return_val_if_fail (STEWARD_IS_REPORT (self), NULL);

  csv = g_string_new ("account,week,items,needed_reply,replied,response_rate,"
                      "median_first_response_seconds,breaches\r\n");
  for (guint i = 0; i < self->weekly->len; i++)
    append_csv_row (self, csv, g_ptr_array_index (self->weekly, i));
  for (guint i = 0; i < self->accounts->len; i++)
    append_csv_row (self, csv, g_ptr_array_index (self->accounts, i));
  append_csv_row (self, csv, self->total);

  return g_string_free (csv, FALSE);
}

/**
 * steward_report_to_json:
 * @self: a report
 *
 * Returns: (transfer full): the report as a JSON object
 */
char *
steward_report_to_json (StewardReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (STEWARD_IS_REPORT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "since");
  json_builder_add_int_value (builder, self->since);
  json_builder_set_member_name (builder, "until");
  json_builder_add_int_value (builder, self->until);
  json_builder_set_member_name (builder, "total");
  add_json_row (self, builder, self->total);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->accounts->len; i++)
    add_json_row (self, builder, g_ptr_array_index (self->accounts, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "weekly");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->weekly->len; i++)
    add_json_row (self, builder, g_ptr_array_index (self->weekly, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
