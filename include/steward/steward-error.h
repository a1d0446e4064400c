/* steward-error.h — the STEWARD_ERROR domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STEWARD_ERROR (steward_error_quark ())

/**
 * StewardError:
 * @STEWARD_ERROR_FAILED: anything not covered below
 * @STEWARD_ERROR_SCHEMA_TOO_NEW: the database was written by a newer Steward
 * @STEWARD_ERROR_MIGRATION_FAILED: a schema migration failed and was rolled back
 * @STEWARD_ERROR_NOT_FOUND: no such account, item or post
 * @STEWARD_ERROR_INVALID_ARGUMENT: bad input from the user or a caller
 * @STEWARD_ERROR_AUTH_FAILED: the server rejected the token (HTTP 401)
 * @STEWARD_ERROR_RATE_LIMITED: the server asked us to slow down and the
 *   wait would exceed what the caller allowed
 * @STEWARD_ERROR_NETWORK: the server could not be reached or timed out
 * @STEWARD_ERROR_SERVER: the server answered with a 5xx status
 * @STEWARD_ERROR_MALFORMED: the server's answer was truncated or not the
 *   JSON we expected
 * @STEWARD_ERROR_NO_SECRET_SERVICE: no Secret Service answers on the session bus
 * @STEWARD_ERROR_DISK_FULL: the database could not be written for lack of space
 * @STEWARD_ERROR_OFFLINE: the network monitor says there is no network
 * @STEWARD_ERROR_UNSUPPORTED: the network does not support this operation
 *
 * Error codes in the %STEWARD_ERROR domain. Messages are translated and
 * fit to show to a user.
 */
typedef enum {
  STEWARD_ERROR_FAILED,
  STEWARD_ERROR_SCHEMA_TOO_NEW,
  STEWARD_ERROR_MIGRATION_FAILED,
  STEWARD_ERROR_NOT_FOUND,
  STEWARD_ERROR_INVALID_ARGUMENT,
  STEWARD_ERROR_AUTH_FAILED,
  STEWARD_ERROR_RATE_LIMITED,
  STEWARD_ERROR_NETWORK,
  STEWARD_ERROR_SERVER,
  STEWARD_ERROR_MALFORMED,
  STEWARD_ERROR_NO_SECRET_SERVICE,
  STEWARD_ERROR_DISK_FULL,
  STEWARD_ERROR_OFFLINE,
  STEWARD_ERROR_UNSUPPORTED,
} StewardError;

GQuark steward_error_quark (void);

G_END_DECLS
