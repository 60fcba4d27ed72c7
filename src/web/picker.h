/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PICKER_H
#define FK_PICKER_H
/* Choosing, not typing: the person picker every form uses where a person is chosen, and the
 * sortable column headers of the tables (?sort=COL&dir=asc|desc, no JavaScript). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"

#include "core/date.h"
#include "core/munic.h"
#include "core/register.h"
#include "web/web.h"

/* What a picker shows around its options. */
struct picker {
	const char *id;    /* the select's id; its hint is ID-hint, its error ID-fejl */
	const char *name;  /* the form field */
	const char *label; /* the visible label */
	const char *hint;  /* NULL: none */
	const char *empty; /* the first option (value ""); NULL: none */
	const char *error; /* the field's error; NULL: none */
	bool optional;     /* "(valgfri)" after the label */
};

/* The view model of templates/person_picker.mustache: the fields of pk, "describedby" and
 * "options": [{value, label, selected}], one per person of r (only: their indices, NULL for
 * everyone) sorted by name. A label is "Name – Municipality": the municipality (or KL, UDK,
 * KOMBIT) of the person's appointment serving on day, else of the latest one; the id is
 * added when two persons shown have the same name. sel: the key selected (may be NULL). */
json_t *picker_people(const struct picker *pk, const struct reg *r, const struct munic_table *mt,
                      fk_date day, const int32_t *only, size_t nonly, const char *sel);

/* Appends "name=value&" to b, the value percent-encoded; nothing for NULL or "" (the other
 * arguments of a sortable page's header links). */
void sort_url_arg(struct buf *b, const char *name, const char *value);
/* One sortable column: the value of ?sort= and the header's text. */
struct sort_col {
	const char *key;
	const char *label;
};
/* Reads ?sort= and ?dir= for a table with columns cols[0..n) (default column def,
 * ascending; a negative def is column -def-1 descending, e.g. newest first); *col gets the
 * column, *desc the direction. Returns the header cells for
 * templates/sort_th.mustache: [{label, href, aria_sort, ind}] — href is base (the page's
 * URL with its other arguments, ending in '?' or '&') with the column's sort and the
 * direction a click gives; aria_sort is "ascending"/"descending" on the sorted column. */
json_t *sort_headers(const struct web_req *r, const struct sort_col *cols, size_t n, int def,
                     const char *base, int *col, bool *desc);
/* Sorts the objects of arr by their string member key (ignoring case; missing or null last),
 * keeping the order of equal ones; desc reverses the order of unequal ones. */
void sort_json(json_t *arr, const char *key, bool desc);
#endif
