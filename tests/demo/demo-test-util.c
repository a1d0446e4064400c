/* demo-test-util.c — telling the demo's three languages apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "demo-test-util.h"

/* Pairs of common characters written differently in Simplified and
 * Traditional Chinese: simplified first, then traditional. */
static const char pairs[] =
  "这這们們个個时時说說为為买買卖賣发發货貨钱錢问問题題过過还還让讓门門东東"
  "车車机機务務单單订訂经經试試诉訴骗騙谢謝请請现現没沒应應该該运運费費处處"
  "盘盤质質号號码碼开開关關闭閉联聯络絡记記录錄备備线線网網页頁换換点點给給"
  "会會来來对對间間样樣见見觉覺实實际際体體验驗饮飲冲沖热熱温溫气氣风風软軟"
  "闪閃烧燒损損坏壞营營业業员員师師专專边邊进進远遠马馬鱼魚长長张張乐樂儿兒"
  "写寫听聽话話认認识識调調读讀谁誰难難队隊级級结結终終绝絕纪紀约約红紅细細"
  "织織组組绍紹适適馆館荐薦厅廳问問";

static GHashTable *
side (guint which)
{
  static GHashTable *tables[2];

  if (g_once_init_enter (&tables[which]))
    {
      GHashTable *table = g_hash_table_new (NULL, NULL);
      guint i = 0;

      for (const char *p = pairs; *p != '\0'; p = g_utf8_next_char (p), i++)
        if (i % 2 == which)
          g_hash_table_add (table, GUINT_TO_POINTER (g_utf8_get_char (p)));
      g_once_init_leave (&tables[which], table);
    }
  return tables[which];
}

DemoScript
demo_test_classify (const char *text)
{
  gboolean han = FALSE, latin = FALSE, simplified = FALSE, traditional = FALSE;

  g_assert_true (g_utf8_validate (text, -1, NULL));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN)
        {
          han = TRUE;
          simplified |= g_hash_table_contains (side (0), GUINT_TO_POINTER (c));
          traditional |= g_hash_table_contains (side (1), GUINT_TO_POINTER (c));
        }
      else if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_LATIN)
        latin = TRUE;
    }

  if (simplified && traditional)
    return DEMO_SCRIPT_MIXED;
  if (simplified)
    return DEMO_SCRIPT_HANS;
  if (traditional)
    return DEMO_SCRIPT_HANT;
  if (han)
    return DEMO_SCRIPT_HAN;
  return latin ? DEMO_SCRIPT_LATIN : DEMO_SCRIPT_NONE;
}

const char *
demo_test_script_name (DemoScript script)
{
  static const char *names[] = { "none", "latin", "han", "hans", "hant", "mixed" };

  return names[script];
}

DemoScript
demo_test_script_for (const char *language)
{
  if (g_strcmp0 (language, "zh-Hans") == 0)
    return DEMO_SCRIPT_HANS;
  if (g_strcmp0 (language, "zh-Hant") == 0)
    return DEMO_SCRIPT_HANT;
  return DEMO_SCRIPT_LATIN;
}

char *
demo_test_make_dir (const char *name)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

void
demo_test_remove_database (const char *data_dir)
{
  static const char *names[] = { "steward.db", "steward.db-wal", "steward.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, names[i], NULL);

      g_remove (path);
    }
}
