/* cli-test.h — running steward-cli against the test Mastodon server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts the test Mastodon server in a thread of its own, gives
 * steward-cli (path in $STEWARD_CLI) a fresh --data-dir and checks what it
 * prints, its exit status and what ends up in the workspace.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "steward-mastodon-server.h"

G_BEGIN_DECLS

#define TOKEN "s3cret-token-for-cli-tests"

/* The fields of an inbox item, in CSV column order. JSON has the same
 * members but "sentiment_score": its "sentiment" is {"label", "score"}. */
extern const char * const inbox_fields[];

/* The server holds, for the signed-in account "brand", mentions from alice
 * (2026-11-20T09:00:00Z, "firmware"), bob@other.example (11-21, with a
 * comma, quotes and a newline) and xiaoming (11-22, Chinese), and a direct
 * message from carol (11-23, "firmware" again). */
typedef struct
{
  StewardMastodonServer *server;
  char                  *data_dir;
  char                  *firmware_id;     /* alice's status */
  char                  *quoted_id;       /* bob's */
  char                  *chinese_id;      /* xiaoming's */
  char                  *direct_id;       /* carol's direct message */
} Fixture;

typedef struct
{
  int   status;     /* exit status, or -1 when killed by a signal */
  char *out;
  char *err;
} CliResult;

void         cli_result_free      (CliResult          *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Calls setlocale() and g_test_init() (isolating the test's folders). */
void         cli_test_init        (int                *argc,
                                   char             ***argv);
/* Adds the test @func at @path, run on a fresh Fixture. */
#define cli_test_add(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
void         fixture_set_up       (Fixture            *f,
                                   gconstpointer       data);
void         fixture_tear_down    (Fixture            *f,
                                   gconstpointer       data);

char        *add_status           (Fixture            *f,
                                   const char         *author_id,
                                   const char         *text,
                                   const char         *visibility,
                                   const char         *created_at);
void         add_mention          (Fixture            *f,
                                   const char         *status_id);

/* @env: NULL-terminated KEY, VALUE pairs for the command's environment. */
GSubprocess *spawn_cli            (Fixture            *f,
                                   const char * const *env,
                                   gboolean            with_data_dir,
                                   const char * const *args);
CliResult   *wait_cli             (GSubprocess        *process,
                                   const char         *input);
CliResult   *run_cli_full         (Fixture            *f,
                                   const char * const *env,
                                   gboolean            with_data_dir,
                                   const char         *input,
                                   const char * const *args);
#define run_cli(f, input, ...) \
  run_cli_full ((f), NULL, TRUE, (input), (const char * const[]) { __VA_ARGS__, NULL })

/* Exit @status, nothing on standard output, a "steward-cli: " message. */
void         assert_failed        (CliResult          *result,
                                   int                 status);
/* Exit 2 with the usage. */
void         assert_usage_error   (CliResult          *result);

GPtrArray   *parse_json_lines     (const char         *text);
JsonObject  *find_by_remote_id    (GPtrArray          *objects,
                                   const char         *remote_id);
/* The one object whose "author" is @author, or NULL. */
JsonObject  *find_by_author       (GPtrArray          *objects,
                                   const char         *author);
/* The id, as the commands take it, of the one item by @author in @items
 * (inbox items as JSON objects). */
char        *item_id_in           (GPtrArray          *items,
                                   const char         *author);
/* The same, of the items `inbox list` shows. */
char        *item_id_of           (Fixture            *f,
                                   const char         *author);
/* Returns (element-type GStrv) the records. */
GPtrArray   *parse_csv            (const char         *text);

/* account add (with --insecure-token-file); returns the printed id. */
char        *add_account          (Fixture            *f);
/* Runs the command (NULL-terminated arguments) with --json. */
GPtrArray   *list_json            (Fixture            *f,
                                   const char         *first_arg,
                                   ...) G_GNUC_NULL_TERMINATED;
void         sync_ok              (Fixture            *f);
char        *read_workspace_bytes (Fixture            *f,
                                   const char         *name,
                                   gsize              *length);
gboolean     contains_bytes       (const char         *data,
                                   gsize               length,
                                   const char         *needle);

G_END_DECLS
