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
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *localedir;

  /* Started from the build tree: its schema and catalogues are there, not
   * installed. Environment variables set by the caller win. */
  if (self_path != NULL && g_str_has_prefix (self_path, STEWARD_BUILD_ROOT G_DIR_SEPARATOR_S))
    {
      g_setenv ("GSETTINGS_SCHEMA_DIR", STEWARD_BUILD_ROOT G_DIR_SEPARATOR_S "data", FALSE);
      g_setenv ("STEWARD_LOCALEDIR", STEWARD_BUILD_ROOT G_DIR_SEPARATOR_S "po", FALSE);
    }

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
