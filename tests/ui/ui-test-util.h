/* ui-test-util.h — set-up, main-loop waiting and widget lookup for the UI
 * tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <steward/steward.h>

G_BEGIN_DECLS

#define UI_TEST_WAIT_SECONDS 30

typedef gboolean (*Condition) (gpointer data);

typedef enum {
  UI_TEST_DEFAULT     = 0,
  /* A private session bus without services: no keyring can pop up a
   * prompt on the test display, and tokens go to the workspace's token
   * files. */
  UI_TEST_PRIVATE_BUS = 1 << 0,
} UiTestFlags;

/* A workspace in the test's isolated data folder, which GTest removes
 * after the test, with one Mastodon account on example.social. */
typedef struct {
  char           *data_dir;
  StewardContext *context;
  StewardStore   *store;
  gint64          account_id;
} UiTestWorkspace;

/* Set-up of a test program. Without a display it returns FALSE: the
 * program then exits 77 (skipped), naming @what in the message. Otherwise
 * it makes the data folder (see ui_test_use_data_dir()), calls
 * g_test_init() with isolated folders, initialises GTK, starts what
 * @flags ask for, initialises libadwaita and turns animations off, so
 * banners and pages switch at once. */
gboolean        ui_test_init            (int          *argc,
                                         char       ***argv,
                                         const char   *what,
                                         UiTestFlags   flags);
/* Runs the tests, then undoes ui_test_init(); returns what g_test_run()
 * does. */
int             ui_test_run             (void);
/* Points XDG_DATA_DIRS, which GTest resets for every test, at a folder
 * holding only the system's icons and MIME database: GTK needs the first,
 * gdk-pixbuf the second to recognise SVG icons. The rest of the system's
 * data (GSettings schemas, which would pull in the GNOME proxy resolver)
 * stays out of the isolated tests. */
void            ui_test_use_data_dir    (void);

/* A workspace in the test's isolated data folder, and with it its path. */
StewardContext *ui_test_open_workspace  (char        **data_dir);
/* The same, with an account named @username and @display_name, as a
 * finished sign-in leaves it. */
void            ui_test_workspace_open  (UiTestWorkspace *workspace,
                                         const char      *username,
                                         const char      *display_name,
                                         gboolean         is_demo);
void            ui_test_workspace_close (UiTestWorkspace *workspace);
/* A public post in English saying @text (its HTML, a paragraph of it)
 * at @when (Unix seconds), by the author @author_id, @acct, named
 * @display_name, with @followers followers. */
StewardRemotePost *
                ui_test_post_new        (const char   *remote_id,
                                         const char   *url,
                                         const char   *text,
                                         gint64        when,
                                         const char   *author_id,
                                         const char   *acct,
                                         const char   *display_name,
                                         gint64        followers);
/* Ingests @post (transfer full) as a mention of the account @account_id
 * whose item has the post's id. */
void            ui_test_ingest_mention  (StewardStore      *store,
                                         gint64             account_id,
                                         StewardRemotePost *post);
/* Classifies the store's pending items with the real sentiment analyzer
 * and urgency rules; returns how many became urgent. */
guint           ui_test_classify        (StewardStore *store);
/* Syncs every account of @context and waits for the sync to end;
 * returns whether it succeeded. */
gboolean        ui_test_try_sync        (StewardContext *context,
                                         GError        **error);
/* The same, asserting that it succeeds. */
void            ui_test_sync            (StewardContext *context);

/* Iterates the main loop until @condition holds or UI_TEST_WAIT_SECONDS
 * have passed; returns whether it held. */
gboolean        wait_until              (Condition     condition,
                                         gpointer      data);
/* Whether the widget @data is mapped. */
gboolean        window_mapped           (gpointer      data);

/* Every widget of @type under @root (included), depth first; free with
 * g_ptr_array_unref(). */
GPtrArray      *find_widgets            (gpointer      root,
                                         GType         type);
/* The one widget of @type under @root: asserts there is exactly one. */
gpointer        find_widget             (gpointer      root,
                                         GType         type);
/* The first widget of @type under @root, depth first, or NULL. */
gpointer        find_first_widget       (gpointer      root,
                                         GType         type);
/* Whether a mapped label under @root shows @text. */
gboolean        label_shows             (gpointer      root,
                                         const char   *text);
/* What label_appears() waits for. */
typedef struct {
  gpointer    root;
  const char *text;
} LabelWait;

/* A Condition: label_shows() for a LabelWait. */
gboolean        label_appears           (gpointer      data);
/* A visible toplevel window of @type, or NULL. */
gpointer        find_toplevel           (GType         type);

G_END_DECLS
