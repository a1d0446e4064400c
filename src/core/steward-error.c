/* steward-error.c — the STEWARD_ERROR domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "steward-error"

#include "steward-error.h"

/**
 * steward_error_quark:
 *
 * Returns: the quark of the %STEWARD_ERROR domain
 */
G_DEFINE_QUARK (steward-error-quark, steward_error)
