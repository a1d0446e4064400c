/* demo-test-util.h — telling the demo's three languages apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DemoScript:
 * @DEMO_SCRIPT_NONE: no letters at all
 * @DEMO_SCRIPT_LATIN: Latin letters and no Chinese characters
 * @DEMO_SCRIPT_HAN: Chinese, but no character that only one of the two
 *   written forms uses
 * @DEMO_SCRIPT_HANS: Simplified Chinese (a simplified-only character, no
 *   traditional-only one)
 * @DEMO_SCRIPT_HANT: Traditional Chinese (the reverse)
 * @DEMO_SCRIPT_MIXED: both simplified-only and traditional-only characters
 */
typedef enum {
  DEMO_SCRIPT_NONE,
  DEMO_SCRIPT_LATIN,
  DEMO_SCRIPT_HAN,
  DEMO_SCRIPT_HANS,
  DEMO_SCRIPT_HANT,
  DEMO_SCRIPT_MIXED,
} DemoScript;

DemoScript   demo_test_classify        (const char *text);
const char  *demo_test_script_name     (DemoScript  script);
/* "zh-Hans" → DEMO_SCRIPT_HANS, "zh-Hant" → DEMO_SCRIPT_HANT, "en" → LATIN */
DemoScript   demo_test_script_for      (const char *language);
/* A fresh folder under the test's (isolated) data dir. */
char        *demo_test_make_dir        (const char *name);
void         demo_test_remove_database (const char *data_dir);

G_END_DECLS
