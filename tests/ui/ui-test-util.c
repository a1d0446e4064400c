/* ui-test-util.c — main-loop waiting and widget lookup for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ui-test-util.h"

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
