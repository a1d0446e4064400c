/* steward-store-checkpoint.h — WAL checkpoints off the writing thread (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* How many WAL frames (pages) a commit leaves before a checkpoint starts:
 * the 64 MiB of SQLite's wal_autocheckpoint as the store set it before. */
#define STEWARD_CHECKPOINT_FRAMES 8192

/* Replaces @db's automatic checkpoint (which runs in the committing thread,
 * inside the commit of whoever crossed the threshold) with one run by a
 * thread of its own on a connection of its own, started when a commit
 * leaves @frames or more frames in the WAL. The writer goes on meanwhile:
 * a passive checkpoint copies what is committed and takes no lock that
 * writers need, and the thread repeats it until it has caught up. Should
 * the WAL reach four times @frames all the same (a writer that never
 * pauses), the committing connection waits for the thread and checkpoints
 * the rest itself, as SQLite would have made it do.
 *
 * The thread and its connection are created at the first checkpoint and
 * end when @db is closed. Durability is SQLite's: a checkpoint syncs the
 * WAL before copying it and the database after, whichever connection
 * runs it. Nothing is written to @db by this call. */
gboolean  steward_store_checkpoint_in_background (sqlite3  *db,
                                                 int       frames,
                                                 GError  **error);

G_END_DECLS
