/* steward-account-private.h — account helpers shared with the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "steward-account.h"

G_BEGIN_DECLS

/* "@user@host" from the host of @server, or "Demo" (translated) for the demo
 * workspace; the store uses it to label inbox items without building
 * account objects. */
char *steward_account_format_label (const char *server,
                                    const char *username,
                                    gboolean    is_demo);

G_END_DECLS
