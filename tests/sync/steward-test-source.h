/* steward-test-source.h — a StewardSource over in-memory lists, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each stream is a list of items, oldest first. The cursor is the number of
 * items already handed out ("3"), so a page is the next @page_size items and
 * the source is caught up once the cursor reaches the end of the list. The
 * object is thread-safe: the test adds items and arms failures on the main
 * thread while the sync engine fetches in its worker. Its factory hands out
 * the same object for every account, so the test sees every call.
 */
#pragma once

#include <steward/steward.h>

G_BEGIN_DECLS

#define STEWARD_TYPE_TEST_SOURCE (steward_test_source_get_type ())
G_DECLARE_FINAL_TYPE (StewardTestSource, steward_test_source, STEWARD, TEST_SOURCE, GObject)

StewardTestSource *steward_test_source_new           (guint               page_size);
/* Appends an item (newer than the ones before) to @stream. */
void               steward_test_source_add_item      (StewardTestSource  *self,
                                                      StewardStream       stream,
                                                      const char         *remote_id,
                                                      const char         *text);
/* After @n_pages more successful fetches, the next one fails once with
 * @code in STEWARD_ERROR. */
void               steward_test_source_fail_after    (StewardTestSource  *self,
                                                      guint               n_pages,
                                                      StewardError        code);
/* While set, fetches wait until cancelled. */
void               steward_test_source_set_blocking  (StewardTestSource  *self,
                                                      gboolean            blocking);
/* What verify_credentials answers; %NULL makes it fail with AUTH_FAILED. */
void               steward_test_source_set_me        (StewardTestSource  *self,
                                                      const char         *remote_id,
                                                      const char         *acct);
/* Every fetch so far as "mentions:CURSOR" or "direct:CURSOR" ("-" for none). */
GStrv              steward_test_source_dup_fetches   (StewardTestSource  *self);
guint              steward_test_source_get_n_fetches (StewardTestSource  *self);
void               steward_test_source_clear_fetches (StewardTestSource  *self);
/* The token the factory was last given. */
char              *steward_test_source_dup_token     (StewardTestSource  *self);

/* A StewardSourceFactory; @user_data is the StewardTestSource. */
StewardSource     *steward_test_source_factory       (StewardAccount     *account,
                                                      const char         *token,
                                                      gpointer            user_data,
                                                      GError            **error);

G_END_DECLS
