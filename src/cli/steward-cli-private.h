/* steward-cli-private.h — what the steward-cli command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * steward-cli uses the core only through <steward/steward.h>, the network
 * registry and the demo workspace: no SQL and no HTTP here.
 */
#pragma once

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <steward/steward.h>

G_BEGIN_DECLS

/* Exit statuses: 2 for a usage error (the usage is printed), 1 for any
 * other failure, 130 when interrupted (SIGINT), as shells do. */
typedef enum {
  STEWARD_CLI_EXIT_OK          = 0,
  STEWARD_CLI_EXIT_FAILURE     = 1,
  STEWARD_CLI_EXIT_USAGE       = 2,
  STEWARD_CLI_EXIT_INTERRUPTED = 130,
} StewardCliExit;

typedef struct
{
  char *data_dir;          /* --data-dir, or NULL for the default */
  char *command;           /* "account add", for usage lines and messages */
  char *option_data_dir;   /* where GOptionContext parses --data-dir to */
} StewardCli;

/* A command receives its own name in argv[0] and the rest after it. */
typedef int (*StewardCliCommandFunc) (StewardCli  *cli,
                                      int          argc,
                                      char       **argv);

typedef struct
{
  const char            *name;
  StewardCliCommandFunc  func;
  const char            *summary;    /* N_(), for a group's help */
} StewardCliCommand;

/* steward-cli-command.c */
GOptionContext *steward_cli_option_context_new  (StewardCli               *cli,
                                                 const char               *parameter_string,
                                                 const char               *summary,
                                                 const GOptionEntry       *entries);
gboolean        steward_cli_parse_options       (StewardCli               *cli,
                                                 GOptionContext           *context,
                                                 int                      *argc,
                                                 char                   ***argv);
char           *steward_cli_dup_usage           (StewardCli               *cli,
                                                 GOptionContext           *context);
int             steward_cli_usage_error         (StewardCli               *cli,
                                                 GOptionContext           *context,
                                                 const char               *format,
                                                 ...) G_GNUC_PRINTF (3, 4);
int             steward_cli_fail                (const GError             *error);
int             steward_cli_run_group           (StewardCli               *cli,
                                                 const char               *summary,
                                                 const StewardCliCommand  *commands,
                                                 guint                     n_commands,
                                                 int                       argc,
                                                 char                    **argv);
gboolean        steward_cli_parse_id            (const char               *str,
                                                 gint64                   *id);
/* See steward-cli-command.c for the forms of TIME. */
GDateTime      *steward_cli_parse_time          (const char               *value,
                                                 gboolean                  future);
StewardContext *steward_cli_open_context        (StewardCli               *cli,
                                                 GError                  **error);
StewardAccount *steward_cli_lookup_account      (StewardContext           *context,
                                                 gint64                    account_id,
                                                 GError                  **error);

/* The commands */
int steward_cli_account (StewardCli *cli, int argc, char **argv);
int steward_cli_sync    (StewardCli *cli, int argc, char **argv);
int steward_cli_inbox   (StewardCli *cli, int argc, char **argv);
int steward_cli_search  (StewardCli *cli, int argc, char **argv);
int steward_cli_export  (StewardCli *cli, int argc, char **argv);
int steward_cli_listen  (StewardCli *cli, int argc, char **argv);
int steward_cli_reply   (StewardCli *cli, int argc, char **argv);
int steward_cli_outbox  (StewardCli *cli, int argc, char **argv);
int steward_cli_analyze (StewardCli *cli, int argc, char **argv);
int steward_cli_report  (StewardCli *cli, int argc, char **argv);
int steward_cli_team    (StewardCli *cli, int argc, char **argv);
int steward_cli_me      (StewardCli *cli, int argc, char **argv);

/* inbox show and inbox set (steward-cli-inbox-show.c, -set.c) */
int steward_cli_inbox_show (StewardCli *cli, int argc, char **argv);
int steward_cli_inbox_set  (StewardCli *cli, int argc, char **argv);

/* steward-cli-search.c: a search or listening result as a record */
JsonObject *steward_cli_post_to_json       (StewardPost *post);

/* steward-cli-outbox.c: an outbox entry as a record */
JsonObject *steward_cli_outbox_entry_to_json (StewardOutboxEntry *entry);
const char *steward_cli_outbox_state_label   (StewardOutboxState  state);

/* steward-cli-inbox.c: one inbox item as a record, shared with export.
 * @now and @due_soon (seconds, see steward_cli_load_due_soon()) decide
 * its "sla_state". steward_cli_inbox_fields are the CSV columns, for
 * steward_cli_inbox_item_to_csv(). */
extern const char * const steward_cli_inbox_fields[];
JsonObject *steward_cli_inbox_item_to_json (StewardInboxItem *item,
                                            gint64            now,
                                            gint64            due_soon);
JsonObject *steward_cli_inbox_item_to_csv  (StewardInboxItem *item,
                                            gint64            now,
                                            gint64            due_soon);
gboolean    steward_cli_load_due_soon      (StewardStore     *store,
                                            gint64           *due_soon,
                                            GError          **error);
/* A score as records print it: three decimals. */
double      steward_cli_round_score        (double            score);
/* Fails with "No inbox item N" when there is none. */
StewardInboxItem *steward_cli_lookup_inbox_item (StewardStore  *store,
                                                 gint64         item_id,
                                                 GError       **error);
/* Translated words for tables. */
const char *steward_cli_status_label       (StewardItemStatus status);
const char *steward_cli_kind_label         (StewardItemKind   kind);
const char *steward_cli_sentiment_label    (StewardSentimentLabel label);
/* Calls @func on every item @filter matches, in its order, a page at a
 * time so that a large inbox is never held in memory at once. */
gboolean    steward_cli_foreach_inbox_item (StewardStore              *store,
                                            const StewardInboxFilter  *filter,
                                            GFunc                      func,
                                            gpointer                   user_data,
                                            GError                   **error);

G_END_DECLS
