/* steward-account.h — a signed-in account on one network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "steward-types.h"

G_BEGIN_DECLS

#define STEWARD_TYPE_ACCOUNT (steward_account_get_type ())
G_DECLARE_FINAL_TYPE (StewardAccount, steward_account, STEWARD, ACCOUNT, GObject)

/* Properties (all read-only but "state" and "last-sync", which the store
 * updates on the main thread's copy):
 *   "id"           gint64   stable local id
 *   "network"      string   "mastodon", …
 *   "server"       string   base URL, e.g. "https://mastodon.social"; for the
 *                           demo workspace the fixed string "demo"
 *   "remote-id"    string   the account's id on the server
 *   "username"     string   acct, e.g. "brand"
 *   "display-name" string
 *   "is-demo"      gboolean
 *   "state"        StewardAccountState
 *   "last-sync"    GDateTime (nullable)
 *   "label"        string   "@brand@mastodon.social", or "Demo" (translated)
 */
StewardAccount      *steward_account_new              (gint64               id,
                                                       const char          *network,
                                                       const char          *server,
                                                       const char          *remote_id,
                                                       const char          *username,
                                                       const char          *display_name,
                                                       gboolean             is_demo);
gint64               steward_account_get_id           (StewardAccount      *self);
const char          *steward_account_get_network      (StewardAccount      *self);
const char          *steward_account_get_server       (StewardAccount      *self);
const char          *steward_account_get_remote_id    (StewardAccount      *self);
const char          *steward_account_get_username     (StewardAccount      *self);
const char          *steward_account_get_display_name (StewardAccount      *self);
gboolean             steward_account_get_is_demo      (StewardAccount      *self);
StewardAccountState  steward_account_get_state        (StewardAccount      *self);
void                 steward_account_set_state        (StewardAccount      *self,
                                                       StewardAccountState  state);
GDateTime           *steward_account_get_last_sync    (StewardAccount      *self);
void                 steward_account_set_last_sync    (StewardAccount      *self,
                                                       GDateTime           *last_sync);
char                *steward_account_dup_label        (StewardAccount      *self);
/* The longest post the server accepts, as its instance endpoint said
 * (read-write property "max-characters"; the store persists it with
 * steward_store_set_account_limits()), or 0 when not known yet. */
guint                steward_account_get_max_characters (StewardAccount    *self);
void                 steward_account_set_max_characters (StewardAccount    *self,
                                                         guint              max_characters);

G_END_DECLS
