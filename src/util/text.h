/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_TEXT_H
#define FK_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The one rule for text a user gives the program, wherever it enters: a web form, a JSON
 * body, a command-line argument or a CSV cell. Text is well-formed UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) and holds none of
 *   - NUL (it would cut the text short in C and in SQLite's text functions),
 *   - other control characters: U+0001-U+001F, U+007F and U+0080-U+009F, except that a
 *     multi-line field may hold line breaks (CR, LF) and TAB,
 *   - bidirectional controls: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, which
 *     make text read differently from what it holds ("rapport<U+202E>fdp.exe" shows
 *     as "rapportexe.pdf").
 * Nothing is ever cut or dropped silently: a text that breaks the rule is refused with a
 * reason that says which character (counted in characters from 1) and what to do. */

/* 0 when s[0..len) follows the rule (multiline: CR, LF and TAB allowed); else -1 with a
 * Danish reason in why[whylen] (a whole sentence or two, without the field's name, which the
 * caller puts in front: "fkigov: --name: ...", "fil.csv:3:7: name: ..."). why may be NULL. */
int text_check(const char *s, size_t len, bool multiline, char *why, size_t whylen);

/* True for the fields (form fields, JSON keys, command-line options without "--") that may
 * hold more than one line: text, description, reason, note, question, summary, delivery,
 * decision, material, recommendation, indicator, target, each also after a prefix and '_'
 * ("rate_decision", "deliver_summary"), and "reason-KEY". Every other field is one line.
 * Generous on purpose: a domain's own validator may still ask for one line (a working
 * group's note). */
bool text_multiline(const char *field);

/* Length of the well-formed UTF-8 sequence at p (p < end), with its code point in *cp;
 * 0 when it is malformed (*cp then holds the byte). */
size_t text_utf8_next(const unsigned char *p, const unsigned char *end, uint32_t *cp);
/* True for the bidirectional control characters the rule refuses. */
bool text_is_bidi(uint32_t cp);
#endif
