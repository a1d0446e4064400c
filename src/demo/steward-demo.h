/* steward-demo.h — the built-in demo workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo is a server speaking the Mastodon API on loopback, running in a
 * thread of its own, filled with a believable community for a fictional
 * brand (Simplified Chinese, Traditional Chinese, English) where new
 * mentions and messages arrive every few seconds. Its account goes through
 * the same Mastodon source, sync engine and store as a real one; it is
 * labelled Demo and can be removed like any account.
 */
#pragma once

#include <steward/steward.h>

G_BEGIN_DECLS

/* Registers the "demo" network on @context: its factory starts the demo
 * server on first use (state kept in the workspace's demo/ folder, so ids
 * stay stable across runs) and returns a Mastodon source pointed at it. */
void            steward_demo_register        (StewardContext  *context);

/* Adds the demo account to @context's store unless it exists; returns it. */
StewardAccount *steward_demo_ensure_account  (StewardContext  *context,
                                              GError         **error);

/* How long the demo waits between new mentions and messages: a random
 * time between @min_ms and @max_ms; 0 stops them. The default is 3–8 s, or
 * $STEWARD_DEMO_INTERVAL_MS (N gives N to 8N/3 ms; 0 stops them). Takes
 * effect at once, whether or not the server runs yet. */
void            steward_demo_set_interval    (StewardContext  *context,
                                              guint            min_ms,
                                              guint            max_ms);

G_END_DECLS
