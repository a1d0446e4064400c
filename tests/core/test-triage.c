/* test-triage.c — changing items, the team, tags, settings, canned replies
 * and alerts, on real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <steward/steward.h>

#include "steward-store-private.h"
#include "store-test-util.h"

#define BASE_TIME 1700000000

typedef struct {
  char          *path;
  StewardStore  *store;
  gint64         account;
  GArray        *ids;        /* the items of the page, oldest first */
} Fixture;

static gint64
item_id_for (StewardStore *store,
             const char   *remote_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM inbox_items WHERE remote_id = '%s'",
                                          remote_id);

  return test_query_int (store, sql);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StewardPage) page = test_page_range (0, 6, BASE_TIME, NULL);

  fixture->path = test_db_path ();
  fixture->store = test_open_store (fixture->path);
  fixture->account = test_add_account (fixture->store, "https://example.social", "1");
  test_ingest (fixture->store, fixture->account, STEWARD_STREAM_MENTIONS, page);

  fixture->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *remote_id = g_strdup_printf ("n%u", i);
      gint64 id = item_id_for (fixture->store, remote_id);

      g_array_append_val (fixture->ids, id);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->ids, g_array_unref);
  g_clear_pointer (&fixture->path, g_free);
}

static gint64
fixture_id (Fixture *fixture,
            guint    index)
{
  return g_array_index (fixture->ids, gint64, index);
}

static StewardInboxItem *
get_item (StewardStore *store,
          gint64        id)
{
  g_autoptr(GError) error = NULL;
  StewardInboxItem *item = steward_store_get_inbox_item (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

static gint64
count_events (StewardStore *store,
              gint64        item_id,
              const char   *what)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM item_events"
                                          " WHERE item_id = %" G_GINT64_FORMAT " AND what = '%s'",
                                          item_id, what);

  return test_query_int (store, sql);
}

static void
on_changed_cb (StewardStore *store,
               const char   *what,
               GPtrArray    *seen)
{
  g_ptr_array_add (seen, g_strdup (what));
}

static gboolean
saw (GPtrArray  *seen,
     const char *what)
{
  for (guint i = 0; i < seen->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (seen, i), what))
        return TRUE;
    }
  return FALSE;
}

static void
test_change_items (Fixture       *fixture,
                   gconstpointer  data)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char * const tags[] = { "refund", "Billing", NULL };
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StewardInboxItem) first = NULL;
  g_autoptr(StewardInboxItem) untouched = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) team = NULL;
  gint64 ids[2] = { fixture_id (fixture, 0), fixture_id (fixture, 1) };
  const char * const *item_tags;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), seen);

  change.status = STEWARD_ITEM_STATUS_OPEN;
  change.assignee = "Jun Chen";
  change.add_tags = tags;
  change.note = "  Customer asked twice  ";
  change.actor = "Mei Lin";
  g_assert_true (steward_store_change_items (fixture->store, ids, 2, &change, &error));
  g_assert_no_error (error);
  g_assert_true (saw (seen, "inbox"));
  g_assert_true (saw (seen, "settings"));

  first = get_item (fixture->store, ids[0]);
  g_assert_cmpint (steward_inbox_item_get_status (first), ==, STEWARD_ITEM_STATUS_OPEN);
  g_assert_cmpstr (steward_inbox_item_get_assignee (first), ==, "Jun Chen");
  item_tags = steward_inbox_item_get_tags (first);
  g_assert_cmpuint (g_strv_length ((char **) item_tags), ==, 2);
  g_assert_cmpstr (item_tags[0], ==, "Billing");
  g_assert_cmpstr (item_tags[1], ==, "refund");
  g_assert_true (steward_inbox_item_has_tag (first, "REFUND"));
  g_assert_cmpuint (steward_inbox_item_get_n_notes (first), ==, 1);

  /* One event per change, signed by the actor; the note stripped. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (count_events (fixture->store, ids[i], "status"), ==, 1);
      g_assert_cmpint (count_events (fixture->store, ids[i], "assign"), ==, 1);
      g_assert_cmpint (count_events (fixture->store, ids[i], "tag"), ==, 2);
      g_assert_cmpint (count_events (fixture->store, ids[i], "note"), ==, 1);
    }
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM item_events WHERE actor <> 'Mei Lin'"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM item_notes WHERE text = 'Customer asked twice'"),
                   ==, 2);
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM inbox_items WHERE updated_at IS NOT NULL"),
                   ==, 2);

  /* The assignee joined the team. */
  team = steward_store_list_team (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (team, ((const char * const []) { "Jun Chen", NULL }));

  untouched = get_item (fixture->store, fixture_id (fixture, 2));
  g_assert_cmpint (steward_inbox_item_get_status (untouched), ==, STEWARD_ITEM_STATUS_NEW);
  g_assert_null (steward_inbox_item_get_assignee (untouched));
  g_assert_cmpuint (g_strv_length ((char **) steward_inbox_item_get_tags (untouched)), ==, 0);

  /* The same change again changes nothing but adds the note again. */
  g_ptr_array_set_size (seen, 0);
  change.note = NULL;
  g_assert_true (steward_store_change_items (fixture->store, ids, 2, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_cmpint (count_events (fixture->store, ids[0], "status"), ==, 1);

  /* Unassigning, untagging and "no reply needed". */
  {
    StewardItemChange undo = STEWARD_ITEM_CHANGE_INIT;
    const char * const remove[] = { "BILLING", NULL };
    g_autoptr(StewardInboxItem) after = NULL;

    undo.assignee = "";
    undo.remove_tags = remove;
    undo.needs_reply = 0;
    g_assert_true (steward_store_change_items (fixture->store, ids, 1, &undo, &error));
    g_assert_no_error (error);
    after = get_item (fixture->store, ids[0]);
    g_assert_null (steward_inbox_item_get_assignee (after));
    g_assert_cmpstrv (steward_inbox_item_get_tags (after), ((const char * const []) { "refund", NULL }));
    g_assert_false (steward_inbox_item_get_needs_reply (after));
    g_assert_cmpint (count_events (fixture->store, ids[0], "unassign"), ==, 1);
    g_assert_cmpint (count_events (fixture->store, ids[0], "untag"), ==, 1);
    g_assert_cmpint (count_events (fixture->store, ids[0], "needs-reply"), ==, 1);
  }
}

static void
test_set_status_records (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = fixture_id (fixture, 3);

  g_assert_true (steward_store_set_item_status (fixture->store, id, STEWARD_ITEM_STATUS_CLOSED, &error));
  g_assert_no_error (error);
  item = get_item (fixture->store, id);
  g_assert_cmpint (steward_inbox_item_get_status (item), ==, STEWARD_ITEM_STATUS_CLOSED);
  g_assert_cmpint (count_events (fixture->store, id, "status"), ==, 1);

  g_assert_false (steward_store_set_item_status (fixture->store, 424242, STEWARD_ITEM_STATUS_OPEN, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_bulk_atomic (Fixture       *fixture,
                  gconstpointer  data)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char * const tags[] = { "vip", NULL };
  const char * const empty_tag[] = { "  ", NULL };
  gint64 ids[3] = { fixture_id (fixture, 0), fixture_id (fixture, 1), 987654 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) all_tags = NULL;
  g_auto(GStrv) team = NULL;

  change.status = STEWARD_ITEM_STATUS_CLOSED;
  change.assignee = "Alex Park";
  change.add_tags = tags;
  change.note = "closing";

  /* One unknown id: nothing at all happens. */
  g_assert_false (steward_store_change_items (fixture->store, ids, 3, &change, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM inbox_items WHERE status <> 'new'"
                                   " OR assignee IS NOT NULL OR updated_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM item_events"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM item_notes"), ==, 0);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM item_tags"), ==, 0);
  all_tags = steward_store_list_tags (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (all_tags), ==, 0);
  team = steward_store_list_team (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (team), ==, 0);

  /* Bad values are refused before anything is written. */
  {
    StewardItemChange bad = STEWARD_ITEM_CHANGE_INIT;

    bad.status = 9;
    g_assert_false (steward_store_change_items (fixture->store, ids, 2, &bad, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    bad.status = -1;
    bad.add_tags = empty_tag;
    g_assert_false (steward_store_change_items (fixture->store, ids, 2, &bad, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    bad.add_tags = NULL;
    bad.note = " \n ";
    g_assert_false (steward_store_change_items (fixture->store, ids, 2, &bad, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    bad.note = NULL;
    bad.assignee = "   ";
    g_assert_false (steward_store_change_items (fixture->store, ids, 2, &bad, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    bad.assignee = NULL;
    bad.needs_reply = 2;
    g_assert_false (steward_store_change_items (fixture->store, ids, 2, &bad, &error));
    g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM item_events"), ==, 0);

  /* Without the unknown id, all of it applies. */
  g_assert_true (steward_store_change_items (fixture->store, ids, 2, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM inbox_items WHERE status = 'closed'"
                                   " AND assignee = 'Alex Park'"), ==, 2);
}

static guint
count_view (StewardStore     *store,
            StewardInboxView  view,
            gint64            now)
{
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  guint n;

  filter.view = view;
  filter.now = now;
  n = steward_store_count_inbox (store, &filter, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  StewardItemChange snooze = STEWARD_ITEM_CHANGE_INIT;
  StewardItemChange wake = STEWARD_ITEM_CHANGE_INIT;
  g_autoptr(StewardInboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = now + 3600;
  gint64 ids[2] = { fixture_id (fixture, 0), fixture_id (fixture, 1) };

  snooze.snooze_until = until;
  g_assert_true (steward_store_change_items (fixture->store, ids, 2, &snooze, &error));
  g_assert_no_error (error);
  item = get_item (fixture->store, ids[0]);
  g_assert_cmpint (g_date_time_to_unix (steward_inbox_item_get_snoozed_until (item)), ==, until);
  g_assert_cmpint (count_events (fixture->store, ids[0], "snooze"), ==, 1);

  /* Hidden from every view but Snoozed until the time comes… */
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_ALL, now), ==, 4);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_NEW, now), ==, 4);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_UNASSIGNED, now), ==, 4);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_SNOOZED, now), ==, 2);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_SNOOZED, until - 1), ==, 2);
  /* …and back by themselves when it has, without anybody writing. */
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_ALL, until), ==, 6);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_SNOOZED, until), ==, 0);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_NEW, until + 60), ==, 6);

  /* Setting a status wakes an item. */
  g_assert_true (steward_store_set_item_status (fixture->store, ids[0], STEWARD_ITEM_STATUS_OPEN, &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  item = get_item (fixture->store, ids[0]);
  g_assert_null (steward_inbox_item_get_snoozed_until (item));
  g_assert_cmpint (count_events (fixture->store, ids[0], "wake"), ==, 1);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_SNOOZED, now), ==, 1);

  /* -1 wakes now. */
  wake.snooze_until = -1;
  g_assert_true (steward_store_change_items (fixture->store, &ids[1], 1, &wake, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_SNOOZED, now), ==, 0);
  g_assert_cmpint (count_events (fixture->store, ids[1], "wake"), ==, 1);
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM inbox_items WHERE snoozed_until IS NOT NULL"),
                   ==, 0);
}

static void
test_team (Fixture       *fixture,
           gconstpointer  data)
{
  StewardItemChange assign = STEWARD_ITEM_CHANGE_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *default_me = NULL;
  g_autofree char *me = NULL;
  g_auto(GStrv) team = NULL;
  gint64 ids[3] = { fixture_id (fixture, 0), fixture_id (fixture, 1), fixture_id (fixture, 2) };

  default_me = steward_store_dup_me (fixture->store);
  g_assert_nonnull (default_me);
  g_assert_cmpstr (default_me, !=, "");

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), seen);
  g_assert_true (steward_store_add_team_member (fixture->store, "Jun Chen", &error));
  g_assert_true (steward_store_add_team_member (fixture->store, "alex park", &error));
  g_assert_true (steward_store_add_team_member (fixture->store, "  Alex Park ", &error));
  g_assert_no_error (error);
  g_assert_true (saw (seen, "settings"));
  g_assert_false (steward_store_add_team_member (fixture->store, " ", &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Setting "me" puts the name on the team, in the team's spelling. */
  g_assert_true (steward_store_set_me (fixture->store, "Mei Lin", &error));
  g_assert_no_error (error);
  me = steward_store_dup_me (fixture->store);
  g_assert_cmpstr (me, ==, "Mei Lin");
  team = steward_store_list_team (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (team, ((const char * const []) { "alex park", "Jun Chen", "Mei Lin", NULL }));

  /* Mine follows "me"; an assignment in another case lands on the member. */
  assign.assignee = "MEI LIN";
  g_assert_true (steward_store_change_items (fixture->store, ids, 2, &assign, &error));
  assign.assignee = "Jun Chen";
  g_assert_true (steward_store_change_items (fixture->store, &ids[2], 1, &assign, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_MINE, 0), ==, 2);
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_UNASSIGNED, 0), ==, 3);
  g_assert_true (steward_store_set_me (fixture->store, "Jun Chen", &error));
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_MINE, 0), ==, 1);
  g_assert_true (steward_store_set_me (fixture->store, "Mei Lin", &error));
  g_assert_no_error (error);

  /* Removing a member unassigns their items, with a trace. */
  g_ptr_array_set_size (seen, 0);
  g_assert_true (steward_store_remove_team_member (fixture->store, "mei lin", &error));
  g_assert_no_error (error);
  g_assert_true (saw (seen, "inbox"));
  g_assert_true (saw (seen, "settings"));
  g_assert_cmpint (test_query_int (fixture->store,
                                   "SELECT count (*) FROM inbox_items WHERE assignee IS NOT NULL"), ==, 1);
  g_assert_cmpint (count_events (fixture->store, ids[0], "unassign"), ==, 1);
  g_assert_cmpint (count_events (fixture->store, ids[1], "unassign"), ==, 1);
  g_assert_cmpint (count_events (fixture->store, ids[2], "unassign"), ==, 0);
  g_clear_pointer (&team, g_strfreev);
  team = steward_store_list_team (fixture->store, &error);
  g_assert_cmpstrv (team, ((const char * const []) { "alex park", "Jun Chen", NULL }));
  g_assert_cmpuint (count_view (fixture->store, STEWARD_INBOX_VIEW_UNASSIGNED, 0), ==, 5);

  /* Removing someone who is not there is no error and no news. */
  g_ptr_array_set_size (seen, 0);
  g_assert_true (steward_store_remove_team_member (fixture->store, "Nobody", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 0);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  StewardItemChange change = STEWARD_ITEM_CHANGE_INIT;
  const char * const first[] = { "Refund", NULL };
  const char * const second[] = { "refund", "shipping", NULL };
  const char * const third[] = { "REFUND", NULL };
  StewardInboxFilter filter = STEWARD_INBOX_FILTER_INIT;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 a = fixture_id (fixture, 0);
  gint64 b = fixture_id (fixture, 1);
  gint64 c = fixture_id (fixture, 2);

  change.add_tags = first;
  g_assert_true (steward_store_change_items (fixture->store, &a, 1, &change, &error));
  change.add_tags = second;
  g_assert_true (steward_store_change_items (fixture->store, &b, 1, &change, &error));
  change.add_tags = third;
  g_assert_true (steward_store_change_items (fixture->store, &c, 1, &change, &error));
  g_assert_no_error (error);

  /* One tag, spelled as it was first written. */
  tags = steward_store_list_tags (fixture->store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (tags, ((const char * const []) { "Refund", "shipping", NULL }));
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 1);

  filter.tag = "rEfUnD";
  g_assert_cmpuint (steward_store_count_inbox (fixture->store, &filter, &error), ==, 3);
  listed = steward_store_list_inbox (fixture->store, &filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  /* Newest first. */
  g_assert_cmpint (steward_inbox_item_get_id (g_ptr_array_index (listed, 0)), ==, c);
  filter.tag = "unknown";
  g_assert_cmpuint (steward_store_count_inbox (fixture->store, &filter, &error), ==, 0);

  /* Counts are of open items; a tag stays listed when unused. */
  g_assert_true (steward_store_set_item_status (fixture->store, c, STEWARD_ITEM_STATUS_CLOSED, &error));
  change.add_tags = NULL;
  change.remove_tags = second;
  g_assert_true (steward_store_change_items (fixture->store, &b, 1, &change, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tags, g_strfreev);
  g_clear_pointer (&counts, g_array_unref);
  tags = steward_store_list_tags (fixture->store, &counts, &error);
  g_assert_cmpstrv (tags, ((const char * const []) { "Refund", "shipping", NULL }));
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 0);
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StewardStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *from_other = NULL;
  g_autofree char *gone = NULL;

  g_assert_null (steward_store_get_setting (fixture->store, "sla.start"));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), seen);
  g_assert_true (steward_store_set_setting (fixture->store, "sla.start", "540", &error));
  g_assert_no_error (error);
  g_assert_true (saw (seen, "settings"));
  g_assert_true (steward_store_set_setting (fixture->store, "sla.start", "600", &error));
  value = steward_store_get_setting (fixture->store, "sla.start");
  g_assert_cmpstr (value, ==, "600");

  /* Shared through the database with other connections (the CLI's). */
  other = test_open_store (fixture->path);
  from_other = steward_store_get_setting (other, "sla.start");
  g_assert_cmpstr (from_other, ==, "600");

  g_assert_true (steward_store_set_setting (fixture->store, "sla.start", NULL, &error));
  g_assert_no_error (error);
  gone = steward_store_get_setting (other, "sla.start");
  g_assert_null (gone);
}

static StewardCannedReply *
find_reply (GPtrArray *replies,
            gint64     id)
{
  for (guint i = 0; i < replies->len; i++)
    {
      StewardCannedReply *reply = g_ptr_array_index (replies, i);

      if (reply->id == id)
        return reply;
    }
  return NULL;
}

static void
test_canned_replies (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) from_other = NULL;
  g_autoptr(StewardStore) other = NULL;
  g_autoptr(GError) error = NULL;
  StewardCannedReply *first;
  guint n_defaults;
  gint64 id;

  replies = steward_store_list_canned_replies (fixture->store, &error);
  g_assert_no_error (error);
  n_defaults = replies->len;
  g_assert_cmpuint (n_defaults, >=, 3);
  for (guint i = 1; i < replies->len; i++)
    {
      StewardCannedReply *before = g_ptr_array_index (replies, i - 1);
      StewardCannedReply *after = g_ptr_array_index (replies, i);

      g_assert_cmpint (g_ascii_strcasecmp (before->title, after->title), <=, 0);
    }
  g_assert_nonnull (strstr (((StewardCannedReply *) g_ptr_array_index (replies, 0))->text, "{"));

  /* Deleted defaults stay deleted: seeding happens once per workspace,
   * whichever connection asks. */
  first = g_ptr_array_index (replies, 0);
  g_assert_true (steward_store_remove_canned_reply (fixture->store, first->id, &error));
  g_assert_no_error (error);
  again = steward_store_list_canned_replies (fixture->store, &error);
  g_assert_cmpuint (again->len, ==, n_defaults - 1);
  other = test_open_store (fixture->path);
  from_other = steward_store_list_canned_replies (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (from_other->len, ==, n_defaults - 1);
  g_assert_cmpint (test_query_int (fixture->store, "SELECT count (*) FROM canned_replies"), ==,
                   n_defaults - 1);

  /* Add, change, remove. */
  id = steward_store_save_canned_reply (fixture->store, 0, "Opening hours",
                                        "Hi {name}, we open at nine.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (steward_store_save_canned_reply (fixture->store, id, "Opening hours",
                                                    "Hi {name}, we open at ten.", &error), ==, id);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = steward_store_list_canned_replies (fixture->store, &error);
  g_assert_cmpstr (find_reply (again, id)->text, ==, "Hi {name}, we open at ten.");

  g_assert_cmpint (steward_store_save_canned_reply (fixture->store, 0, " ", "text", &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (steward_store_save_canned_reply (fixture->store, 99999, "t", "text", &error), ==, 0);
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (steward_store_remove_canned_reply (fixture->store, id, &error));
  g_assert_false (steward_store_remove_canned_reply (fixture->store, id, &error));
  g_assert_error (error, STEWARD_ERROR, STEWARD_ERROR_NOT_FOUND);
}

static void
test_canned_expand (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StewardInboxItem) item = get_item (fixture->store, fixture_id (fixture, 0));
  g_autoptr(StewardInboxItem) nameless = NULL;
  g_autofree char *expanded = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *without_item = NULL;
  gint64 nameless_id;

  /* test_page_range: n0 is by "User 1", user1@example.social. */
  expanded = steward_canned_reply_expand ("Hi {name} ({handle}), {me} from {account} here. "
                                          "{unknown} {name", item, "Mei Lin");
  g_assert_cmpstr (expanded, ==,
                   "Hi User 1 (@user1@example.social), Mei Lin from @brand@example.social here. "
                   "{unknown} {name");

  /* Without a display name, the handle. */
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (fixture->store),
                                 "UPDATE authors SET display_name = '' WHERE acct = 'user2@example.social'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  nameless_id = fixture_id (fixture, 1);
  nameless = get_item (fixture->store, nameless_id);
  fallback = steward_canned_reply_expand ("Thanks {name}!", nameless, NULL);
  g_assert_cmpstr (fallback, ==, "Thanks @user2@example.social!");

  without_item = steward_canned_reply_expand ("{me}: {name}", NULL, "Jun");
  g_assert_cmpstr (without_item, ==, "Jun: {name}");
}

static gint64
ids_at (GPtrArray *items,
        guint      index)
{
  return steward_inbox_item_get_id (g_ptr_array_index (items, index));
}

static void
exec_sql (StewardStore *store,
          const char   *format,
          ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_exec (steward_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_alerts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StewardPage) more = test_page_range (6, 6, BASE_TIME + 100, NULL);
  g_autoptr(GPtrArray) urgent = NULL;
  g_autoptr(GPtrArray) breached = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = BASE_TIME + 100000;
  gint64 id[12];

  test_ingest (fixture->store, fixture->account, STEWARD_STREAM_MENTIONS, more);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *remote_id = g_strdup_printf ("n%u", i);
      id[i] = item_id_for (fixture->store, remote_id);
    }

  /* Classification is another part's work; set its results directly.
   * Urgent: 0 and 2 new, 1 quiet (a backfill), 3 already alerted. */
  exec_sql (fixture->store, "UPDATE inbox_items SET quiet = 0, classified_at = 1");
  exec_sql (fixture->store,
            "UPDATE inbox_items SET urgent = 1 WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
            ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", id[0], id[1], id[2], id[3]);
  exec_sql (fixture->store, "UPDATE inbox_items SET quiet = 1 WHERE id = %" G_GINT64_FORMAT, id[1]);
  exec_sql (fixture->store, "UPDATE inbox_items SET urgent_alerted_at = 5 WHERE id = %" G_GINT64_FORMAT, id[3]);

  /* Breaches: 4 and 10 due before now and waiting; 5 closed; 6 snoozed
   * past now; 7 answered; 8 needs no reply; 9 due later; 11 quiet. */
  exec_sql (fixture->store, "UPDATE inbox_items SET sla_due_at = %" G_GINT64_FORMAT
            " WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
            G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
            now - 60, id[4], id[5], id[6], id[7], id[8], id[10], id[11]);
  exec_sql (fixture->store, "UPDATE inbox_items SET status = 'closed' WHERE id = %" G_GINT64_FORMAT, id[5]);
  exec_sql (fixture->store, "UPDATE inbox_items SET snoozed_until = %" G_GINT64_FORMAT
            " WHERE id = %" G_GINT64_FORMAT, now + 600, id[6]);
  exec_sql (fixture->store, "UPDATE inbox_items SET first_response_at = %" G_GINT64_FORMAT
            " WHERE id = %" G_GINT64_FORMAT, now - 30, id[7]);
  exec_sql (fixture->store, "UPDATE inbox_items SET needs_reply = 0 WHERE id = %" G_GINT64_FORMAT, id[8]);
  exec_sql (fixture->store, "UPDATE inbox_items SET sla_due_at = %" G_GINT64_FORMAT
            " WHERE id = %" G_GINT64_FORMAT, now + 60, id[9]);
  exec_sql (fixture->store, "UPDATE inbox_items SET quiet = 1 WHERE id = %" G_GINT64_FORMAT, id[11]);

  urgent = steward_store_list_alerts (fixture->store, STEWARD_ALERT_URGENT, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (urgent->len, ==, 2);
  g_assert_cmpint (ids_at (urgent, 0), ==, id[0]);
  g_assert_cmpint (ids_at (urgent, 1), ==, id[2]);
  g_assert_true (steward_inbox_item_get_urgent (g_ptr_array_index (urgent, 0)));

  breached = steward_store_list_alerts (fixture->store, STEWARD_ALERT_BREACH, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (breached->len, ==, 2);
  g_assert_cmpint (ids_at (breached, 0), ==, id[4]);
  g_assert_cmpint (ids_at (breached, 1), ==, id[10]);

  /* Once marked, never again; the other kind is not affected. */
  {
    gint64 mark[2] = { id[0], id[4] };
    g_autoptr(GPtrArray) urgent_after = NULL;
    g_autoptr(GPtrArray) breached_after = NULL;
    g_autoptr(GPtrArray) later = NULL;

    g_assert_true (steward_store_mark_alerted (fixture->store, mark, 1, STEWARD_ALERT_URGENT, now, &error));
    g_assert_true (steward_store_mark_alerted (fixture->store, &mark[1], 1, STEWARD_ALERT_BREACH, now, &error));
    g_assert_no_error (error);
    urgent_after = steward_store_list_alerts (fixture->store, STEWARD_ALERT_URGENT, now, &error);
    breached_after = steward_store_list_alerts (fixture->store, STEWARD_ALERT_BREACH, now, &error);
    g_assert_cmpuint (urgent_after->len, ==, 1);
    g_assert_cmpint (ids_at (urgent_after, 0), ==, id[2]);
    g_assert_cmpuint (breached_after->len, ==, 1);
    g_assert_cmpint (ids_at (breached_after, 0), ==, id[10]);

    /* Later on, the snoozed one woke and the next one fell due. */
    later = steward_store_list_alerts (fixture->store, STEWARD_ALERT_BREACH, now + 3600, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (later->len, ==, 3);
    g_assert_cmpint (ids_at (later, 0), ==, id[6]);
    g_assert_cmpint (ids_at (later, 1), ==, id[9]);
    g_assert_cmpint (ids_at (later, 2), ==, id[10]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/triage/change-items", test_change_items);
  ADD ("/core/triage/set-status-records", test_set_status_records);
  ADD ("/core/triage/bulk-atomic", test_bulk_atomic);
  ADD ("/core/triage/snooze", test_snooze);
  ADD ("/core/triage/team", test_team);
  ADD ("/core/triage/tags", test_tags);
  ADD ("/core/triage/settings", test_settings);
  ADD ("/core/triage/canned-replies", test_canned_replies);
  ADD ("/core/triage/canned-expand", test_canned_expand);
  ADD ("/core/triage/alerts", test_alerts);

#undef ADD

  return g_test_run ();
}
