/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_JSONPOS_H
#define FK_JSONPOS_H
#include <stddef.h>
/* Where is a value in JSON text? jansson forgets positions once it has parsed, but a
 * diagnostic about a value must say file:line:column. This scanner walks the text again
 * along a path of object keys and array indices. It is meant for error paths: it is
 * simple, not fast (each call reads the text from the start), and it is safe on any input
 * — it never reads outside text[0, len) and always ends, valid JSON or not.
 *
 * Lines and columns are 1-based. Lines are counted at '\n' only, and columns in code
 * points (UTF-8 continuation bytes do not count), which is how jansson counts in its
 * syntax errors. */

/* One step of a path: an object member by name, or an array element by index. */
struct jsonpos_step {
	const char *key; /* member name in UTF-8 as decoded (escapes resolved); NULL: index */
	size_t index;    /* array element, 0-based, when key is NULL */
};

/* Follows path[0..n) from the top-level value of text.
 * Returns the number of steps that could be followed: n when the whole path was found.
 * *line and *col get the position where the deepest value reached starts (the top-level
 * value when no step could be followed; the end of the text when it is blank). With
 * at_key set and a whole path whose last step is a member name, they get the position of
 * that member's name (its opening quote) instead of its value. */
size_t jsonpos_find(const char *text, size_t len, const struct jsonpos_step *path, size_t n,
                    int at_key, long *line, long *col);

/* Line and column of byte offset off (clamped to len) in text. */
void jsonpos_at(const char *text, size_t len, size_t off, long *line, long *col);
#endif
