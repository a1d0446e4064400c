/* ui-test-util.c — set-up, main-loop waiting and widget lookup for the UI
 * tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ui-test-util"

#include "ui-test-util.h"

#include <string.h>
#include <unistd.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

/* What the data folder links to from the system's data folders. */
static const char * const data_names[] = { "icons", "mime" };

static char *test_data_dir;
static GTestDBus *private_bus;

static char *
make_test_data_dir (void)
{
  const char * const *system_dirs = g_get_system_data_dirs ();
  char *dir = g_dir_make_tmp ("steward-ui-data-XXXXXX", NULL);

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (data_names); i++)
    for (guint j = 0; system_dirs[j] != NULL; j++)
      {
        g_autofree char *target = g_build_filename (system_dirs[j], data_names[i], NULL);
        g_autofree char *link = g_build_filename (dir, data_names[i], NULL);

        if (g_file_test (target, G_FILE_TEST_IS_DIR))
          {
            g_assert_no_errno (symlink (target, link));
            break;
          }
      }

  return dir;
}

static void
remove_test_data_dir (char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (data_names); i++)
    {
      g_autofree char *link = g_build_filename (dir, data_names[i], NULL);
      g_unlink (link);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Lets asynchronous work that is finishing (a worker's GTask callback, a
 * D-Bus reply on its way) run and drop what it holds, so that the bus
 * connection is free when the private bus goes down. On a loaded machine
 * that can take a moment. */
static void
drain_main_context (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

static void
ui_test_shutdown (void)
{
  if (private_bus != NULL)
    {
      drain_main_context ();
      /* libsecret keeps its service proxy, and with it the bus
       * connection, until told to let go. */
      secret_service_disconnect ();
      g_test_dbus_down (private_bus);
      g_clear_object (&private_bus);
    }
  g_clear_pointer (&test_data_dir, remove_test_data_dir);
}

gboolean
ui_test_init (int          *argc,
              char       ***argv,
              const char   *what,
              UiTestFlags   flags)
{
  /* Checked before g_test_init(), which would leave its folder behind. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: skipping the %s tests\n", what);
      return FALSE;
    }

  /* Made from the system's data folders before GTest isolates them. */
  test_data_dir = make_test_data_dir ();

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    {
      g_test_message ("No display: skipping the %s tests", what);
      ui_test_shutdown ();
      return FALSE;
    }

  if (flags & UI_TEST_PRIVATE_BUS)
    {
      private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (private_bus);
    }

  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  return TRUE;
}

int
ui_test_run (void)
{
  int ret = g_test_run ();

  ui_test_shutdown ();
  return ret;
}

void
ui_test_use_data_dir (void)
{
  g_assert_nonnull (test_data_dir);
  g_setenv ("XDG_DATA_DIRS", test_data_dir, TRUE);
}

StewardContext *
ui_test_open_workspace (char **data_dir)
{
  g_autoptr(GError) error = NULL;
  StewardContext *context;

  /* Inside the isolated data folder, which GTest removes after the test. */
  *data_dir = g_build_filename (g_get_user_data_dir (), "steward", NULL);
  context = steward_context_new (*data_dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (context);

  return context;
}

void
ui_test_workspace_open (UiTestWorkspace *workspace,
                        const char      *username,
                        const char      *display_name,
                        gboolean         is_demo)
{
  g_autoptr(GError) error = NULL;

  workspace->context = ui_test_open_workspace (&workspace->data_dir);
  workspace->store = g_object_ref (steward_context_get_store (workspace->context));
  workspace->account_id = steward_store_add_account (workspace->store, "mastodon", "https://example.social", "1",
                                                     username, display_name, is_demo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (workspace->account_id, >, 0);
}

void
ui_test_workspace_close (UiTestWorkspace *workspace)
{
  g_clear_object (&workspace->store);
  g_clear_object (&workspace->context);
  g_clear_pointer (&workspace->data_dir, g_free);
}

StewardRemotePost *
ui_test_post_new (const char *remote_id,
                  const char *url,
                  const char *text,
                  gint64      when,
                  const char *author_id,
                  const char *acct,
                  const char *display_name,
                  gint64      followers)
{
  StewardRemotePost *post = steward_remote_post_new ();

  post->remote_id = g_strdup (remote_id);
  post->url = g_strdup (url);
  post->text = g_strdup (text);
  post->html = g_markup_printf_escaped ("<p>%s</p>", text);
  post->language = g_strdup ("en");
  post->visibility = g_strdup ("public");
  post->created_at = g_date_time_new_from_unix_utc (when);
  post->author = steward_remote_author_new ();
  post->author->remote_id = g_strdup (author_id);
  post->author->acct = g_strdup (acct);
  post->author->display_name = g_strdup (display_name);
  post->author->followers = followers;

  return post;
}

void
ui_test_ingest_mention (StewardStore      *store,
                        gint64             account_id,
                        StewardRemotePost *post)
{
  g_autoptr(StewardPage) page = steward_page_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page->items, steward_remote_item_new (STEWARD_ITEM_KIND_MENTION, post->remote_id, post));
  g_assert_true (steward_store_ingest_page (store, account_id, STEWARD_STREAM_MENTIONS, page, NULL, &error));
  g_assert_no_error (error);
}

guint
ui_test_classify (StewardStore *store)
{
  g_autoptr(StewardSentimentAnalyzer) analyzer = NULL;
  g_autoptr(StewardClassifier) classifier = NULL;
  g_autoptr(GError) error = NULL;
  guint n_urgent = 0;

  analyzer = steward_sentiment_analyzer_new (&error);
  g_assert_no_error (error);
  classifier = steward_classifier_new_for_store (store, analyzer, &error);
  g_assert_no_error (error);
  g_assert_true (steward_store_classify_pending (store, classifier, 0, FALSE, NULL, &n_urgent, &error));
  g_assert_no_error (error);

  return n_urgent;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SyncState;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncState *state = user_data;

  state->ok = steward_sync_engine_sync_finish (STEWARD_SYNC_ENGINE (object), result, &state->error);
  state->done = TRUE;
}

static gboolean
sync_done (gpointer data)
{
  return ((SyncState *) data)->done;
}

gboolean
ui_test_try_sync (StewardContext  *context,
                  GError         **error)
{
  SyncState state = { FALSE, FALSE, NULL };

  steward_sync_engine_sync_async (steward_context_get_sync_engine (context), 0, NULL, sync_done_cb, &state);
  g_assert_true (wait_until (sync_done, &state));
  if (state.error != NULL)
    g_propagate_error (error, state.error);

  return state.ok;
}

void
ui_test_sync (StewardContext *context)
{
  g_autoptr(GError) error = NULL;

  ui_test_try_sync (context, &error);
  g_assert_no_error (error);
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + UI_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  /* Wakes the loop up regularly so the deadline is checked. */
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return ok;
}

gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

GPtrArray *
find_widgets (gpointer root,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, found);
  return found;
}

gpointer
find_widget (gpointer root,
             GType    type)
{
  g_autoptr(GPtrArray) found = find_widgets (root, type);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

gpointer
find_first_widget (gpointer root,
                   GType    type)
{
  g_autoptr(GPtrArray) found = find_widgets (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

gboolean
label_shows (gpointer    root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (label)) &&
          strstr (gtk_label_get_text (label), text) != NULL)
        return TRUE;
    }

  return FALSE;
}

gboolean
label_appears (gpointer data)
{
  LabelWait *wait = data;

  return label_shows (wait->root, wait->text);
}

gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      /* The list of toplevels keeps its own reference. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
