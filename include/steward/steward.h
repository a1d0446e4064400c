/* steward.h — the Steward core: everything the app and the CLI may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core depends on GLib, GIO, libsoup, json-glib, SQLite and libxml2, and
 * never on GTK: its build is given no GTK include path.
 */
#pragma once

#define STEWARD_INSIDE
#include "steward-types.h"
#include <steward/steward-enums.h>
#include "steward-error.h"
#include "steward-remote.h"
#include "steward-account.h"
#include "steward-post.h"
#include "steward-inbox-item.h"
#include "steward-store.h"
#include "steward-inbox-model.h"
#include "steward-listening.h"
#include "steward-source.h"
#include "steward-secrets.h"
#include "steward-context.h"
#include "steward-sync-engine.h"
#include "steward-html.h"
#include "steward-sentiment.h"
#include "steward-trend.h"
#include "steward-triage.h"
#include "steward-outbox.h"
#include "steward-sla.h"
#include "steward-urgency.h"
#include "steward-report.h"
#undef STEWARD_INSIDE
