/* ui-test-util.h — main-loop waiting and widget lookup for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UI_TEST_WAIT_SECONDS 30

typedef gboolean (*Condition) (gpointer data);

/* Iterates the main loop until @condition holds or UI_TEST_WAIT_SECONDS
 * have passed; returns whether it held. */
gboolean   wait_until   (Condition  condition,
                         gpointer   data);
/* Every widget of @type under @root (included), depth first; free with
 * g_ptr_array_unref(). */
GPtrArray *find_widgets (gpointer   root,
                         GType      type);

G_END_DECLS
