/* steward-fts-tokenizer.h — the "steward" SQLite FTS5 tokenizer (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The name to use in `CREATE VIRTUAL TABLE … USING fts5(…, tokenize = 'steward')`. */
#define STEWARD_FTS_TOKENIZER_NAME "steward"

/* Registers the tokenizer on @db (once per connection, before the first
 * statement that touches a table using it).
 *
 * What it does to text, identically at index and at query time:
 *  - NFKC width folding and case folding (Ｌｕｍｅｎ → lumen);
 *  - Traditional → Simplified folding with OpenCC, per character
 *    (營銷 and 营销 index and query alike);
 *  - Latin, digits and other alphabetic scripts: one token per run of
 *    letters, digits and marks ("#LumenCoffee" → lumencoffee);
 *  - Han, Hiragana, Katakana and Hangul: one position per character; at
 *    index time each position holds the character and, colocated, the
 *    bigram it starts. A query string of one character looks up the
 *    character; of n ≥ 2 characters, the phrase of its n − 1 bigrams
 *    followed by its last character, so that highlight() marks exactly the
 *    matched characters;
 *  - everything else (punctuation, emoji, spaces) separates tokens.
 * Offsets reported to FTS5 are byte offsets in the original text. */
gboolean  steward_fts_tokenizer_register (sqlite3     *db,
                                          GError     **error);

/* Whether @text holds anything the tokenizer would index (a letter, a digit
 * or a CJK character); a query term without any matches nothing. */
gboolean  steward_fts_text_is_searchable (const char  *text);

G_END_DECLS
