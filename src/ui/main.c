/* main.c — the steward executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward"

#include <locale.h>
#include <glib/gi18n.h>

#include "steward-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StewardApplication) app = NULL;
  const char *localedir;

  /* Uninstalled runs and tests point this at the build tree's catalogs. */
  localedir = g_getenv ("STEWARD_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = steward_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
