/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_TMPL_H
#define FK_TMPL_H
/* Mustache templates for the web pages (https://mustache.github.io/mustache.5.html).
 *
 * The renderer passes the required modules of the official specification (comments,
 * delimiters, interpolation, inverted sections, partials, sections; tests/data/mustache-spec).
 * Lambdas and the optional modules (inheritance, dynamic names) are not supported.
 *
 * A set of named templates is compiled once at start-up (tmpl_set_add parses each into a flat
 * node list) and is afterwards only read: any number of threads may call tmpl_render on the same
 * set at once. There is no global mutable state. Rendering allocates nothing per node: besides
 * the growth of the caller's buffer, at most one small buffer per call (the indent of standalone
 * partials).
 *
 * Values (jansson):
 *   {{x}}            HTML-escaped: & < > " ' ` = become entities (safe in text and in quoted or
 *                    unquoted attribute values).
 *   {{{x}}} {{& x}}  written raw. The only unescaped writers; use them for trusted markup.
 *   strings as they are; integers plainly (85); reals in the shortest form that reads back
 *   (1.21, 85.0 -> 85); true/false as "true"/"false"; null, missing, objects and arrays as "".
 *   Names: "." is the current context; "a.b.c" looks a up the context stack, then b and c in it.
 * Sections {{#x}}...{{/x}} render once per array element, once with an object or any other
 * truthy value pushed on the context stack, and not at all for falsy values: missing, null,
 * false, "", 0, 0.0 and []. Inverted sections {{^x}}...{{/x}} render once exactly when x is falsy.
 * Partials {{> name}} render the template called name from the same set in the current context
 * (a missing partial renders as "", as the specification says; tmpl_set_check finds them). */

#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"

/* Nesting limit: sections plus partials open at one time while rendering, and sections inside
 * one template when compiling. A partial that includes itself stops here. */
#define TMPL_MAX_DEPTH 128
/* Default limits on one tmpl_render call (see tmpl_set_limits). */
#define TMPL_MAX_OUTPUT ((size_t)256 << 20)
#define TMPL_MAX_STEPS ((size_t)1 << 26)

struct tmpl_set;

/* Returns a new, empty set. Never NULL (out of memory aborts). */
struct tmpl_set *tmpl_set_new(void);

/* Frees s and every template in it. s may be NULL. */
void tmpl_set_free(struct tmpl_set *s);

/* Compiles text[0..len) (need not be NUL-terminated) as the template called name, replacing
 * any template of that name. Returns 0, or -1 on a syntax error (unclosed tag or section,
 * mismatched or stray end tag, bad delimiter tag, empty name, nesting deeper than
 * TMPL_MAX_DEPTH), with "name:line:column: what is wrong" (Danish; column in characters)
 * written to err[0..errlen) when err is not NULL; the set is then unchanged. The set copies
 * name and text. Not to be called while another thread renders from s. */
int tmpl_set_add(struct tmpl_set *s, const char *name, const char *text, size_t len, char *err,
                 size_t errlen);

/* Reports whether every partial referenced by a template in s exists in s. Returns 0, or -1
 * with "name:line:column: ..." for the first missing one in err (as for tmpl_set_add). For a
 * start-up check: tmpl_render itself renders a missing partial as "". */
int tmpl_set_check(const struct tmpl_set *s, char *err, size_t errlen);

/* Sets the limits of each later tmpl_render on s: at most max_output bytes appended to out and
 * at most max_steps template nodes executed (so that runaway data or partial recursion ends
 * quickly). 0 keeps the current value. Defaults TMPL_MAX_OUTPUT and TMPL_MAX_STEPS. */
void tmpl_set_limits(struct tmpl_set *s, size_t max_output, size_t max_steps);

/* Returns 1 when s holds a template called name, else 0. */
int tmpl_set_has(const struct tmpl_set *s, const char *name);

/* Renders the template called name with data (the root context; may be NULL) and appends the
 * result to out. data is only read (no references taken). Returns 0, or -1 when s has no
 * template called name (out unchanged) or when rendering went deeper than TMPL_MAX_DEPTH or past
 * the limits (out then holds what was rendered up to that point). */
int tmpl_render(const struct tmpl_set *s, const char *name, json_t *data, struct buf *out);

#endif
