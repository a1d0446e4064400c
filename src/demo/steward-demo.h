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

G_END_DECLS
