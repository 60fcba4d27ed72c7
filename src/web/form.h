/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_FORM_H
#define FK_FORM_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

/* Forms of the web pages: the values the user typed, one error per field and the error
 * summary, as the view model the templates read:
 *
 *   "f":      {NAME: {"value": "...", "error": "..."}}   one per field (error only when bad)
 *   "errors": [{"field": NAME, "label": "...", "message": "..."}]   in the order found
 *   "has_errors", "many_errors": true when there are errors, more than one
 *
 * A template shows f.NAME.error next to the input (aria-describedby NAME-fejl,
 * aria-invalid) and the summary at the top with links to #NAME. */

struct form {
	json_t *f; /* owned until form_finish */
	json_t *errors;
};

/* Sets o[key] to day t in Danish ("4. marts 2027"), "" for DATE_NONE. */
void form_date_da(json_t *o, const char *key, fk_date t);

void form_init(struct form *fm);
/* Remembers what the user typed in field name (NULL: ""). */
void form_value(struct form *fm, const char *name, const char *value);
/* Adds an error to field name (label: the field's Danish label, for the summary). Only the
 * first error of a field is kept. */
void form_error(struct form *fm, const char *name, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool form_ok(const struct form *fm);
size_t form_nerrors(const struct form *fm);
/* Moves f and errors into doc (as "f" and "errors") and empties fm. */
void form_finish(struct form *fm, json_t *doc);
/* Frees what fm holds (after an early return). */
void form_free(struct form *fm);

/* Parses value (a field's text) into *out as Danes write dates (date_parse_da: 30-11-2026,
 * 30.11.2026, 1.4.2027 or 2026-11-30); the one date reader of the web forms. Empty: an error
 * when required (and false), else true with *out untouched. A good date replaces the field's
 * remembered value (if any) with YYYY-MM-DD, as <input type=date> reads it. A bad date gets a
 * Danish error on field name that says how to write it; then false. */
bool form_date(struct form *fm, const char *name, const char *label, const char *value,
               bool required, fk_date *out);

/* v as YYYY-MM-DD in buf when it is a date as Danes write it (date_parse_da), else v itself
 * (so the core's own check reports it): for forms whose dates a core validator reads. */
const char *form_date_iso(const char *v, char buf[11]);

/* A JSON string of s, with every byte that is not well-formed UTF-8 replaced by U+FFFD (so
 * text from a user or a cut message can always be shown); "" for NULL. */
json_t *form_text(const char *s);
/* s percent-encoded for a query string value (RFC 3986 unreserved characters kept). */
json_t *form_url(const char *s);
/* True when s[0..len) is well-formed UTF-8 without NUL bytes. */
bool form_utf8(const char *s, size_t len);
/* The trimmed value of form field name of r, remembered in fm for re-display: "" when absent,
 * or when it breaks the text rule (util/text.h; multi-line when text_multiline(name)): then
 * with the rule's reason as the field's error. The caller frees it. */
struct web_req;
char *form_take(struct form *fm, const struct web_req *r, const char *name, const char *label);
/* Moves the diagnostics of a core validator to fm: map holds triples (core field, form
 * field, label), nmap strings in all; the first triple is the default for unknown fields. */
struct diags;
void form_diags(struct form *fm, const struct diags *d, const char *const *map, size_t nmap);
/* The number of characters (code points) of well-formed UTF-8 s. */
size_t form_chars(const char *s);
/* True when s holds a control character (below 0x20 or 0x7f). */
bool form_has_control(const char *s);
#endif
