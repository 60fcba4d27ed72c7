/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Person pickers and sortable tables (picker.h). */
#include "web/picker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model.h"
#include "util/xalloc.h"
#include "web/form.h"

/* ================================================================== person picker */

struct pick {
	const struct reg_person *p;
	char where[160];
};

static int cmp_pick(const void *x, const void *y)
{
	const struct pick *a = x, *b = y;
	int c = strcasecmp(a->p->name, b->p->name);
	if (!c)
		c = strcmp(a->p->name, b->p->name);
	return c ? c : strcmp(a->p->key, b->p->key);
}

json_t *picker_people(const struct picker *pk, const struct reg *r, const struct munic_table *mt,
                      fk_date day, const int32_t *only, size_t nonly, const char *sel)
{
	size_t n = only ? nonly : r->npersons;
	/* Each person's appointment serving on day, else their latest. */
	const struct reg_appt **best = xcalloc(r->npersons + 1, sizeof *best);
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i], *b = best[a->person];
		bool cur = a->start <= day && day <= a->end;
		bool bcur = b && b->start <= day && day <= b->end;
		if (!b || (cur && !bcur) || (cur == bcur && a->start > b->start))
			best[a->person] = a;
	}
	struct pick *v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		int32_t x = only ? only[i] : (int32_t)i;
		v[i].p = &r->persons[x];
		const struct reg_appt *a = best[x];
		const struct munic *mu = a && a->munic ? munic_find(mt, a->munic) : NULL;
		if (mu)
			snprintf(v[i].where, sizeof v[i].where, "%s", mu->name);
		else if (a)
			snprintf(v[i].where, sizeof v[i].where, "%s", seat_name(a->org));
	}
	free(best);
	qsort(v, n, sizeof *v, cmp_pick);
	json_t *opts = json_array();
	for (size_t i = 0; i < n; i++) {
		bool twin = (i > 0 && !strcmp(v[i - 1].p->name, v[i].p->name)) ||
		            (i + 1 < n && !strcmp(v[i + 1].p->name, v[i].p->name));
		char label[400];
		snprintf(label, sizeof label, "%s%s%s%s%s%s", v[i].p->name, v[i].where[0] ? " – " : "",
		         v[i].where, twin ? " (" : "", twin ? v[i].p->key : "", twin ? ")" : "");
		json_array_append_new(opts, json_pack("{s:o, s:o, s:b}", "value", form_text(v[i].p->key),
		                                      "label", form_text(label), "selected",
		                                      sel && !strcmp(sel, v[i].p->key)));
	}
	free(v);
	char desc[200] = "";
	if (pk->hint)
		snprintf(desc, sizeof desc, "%s-hint", pk->id);
	if (pk->error)
		snprintf(desc + strlen(desc), sizeof desc - strlen(desc), "%s%s-fejl",
		         desc[0] ? " " : "", pk->id);
	/* Every key set (null or false when unused), so a template never finds a key of the
	 * page around it. */
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:o, s:o}", "id", pk->id, "name",
	                 pk->name, "label", pk->label, "hint",
	                 pk->hint ? json_string(pk->hint) : json_null(), "empty",
	                 pk->empty ? json_string(pk->empty) : json_null(), "error",
	                 pk->error ? form_text(pk->error) : json_null(), "optional", pk->optional,
	                 "describedby", desc[0] ? json_string(desc) : json_null(), "options", opts);
}

/* ================================================================== sortable tables */

/* Appends "name=value&" to b, the value percent-encoded; nothing for NULL or "". */
void sort_url_arg(struct buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "%s=", name);
	for (const unsigned char *s = (const unsigned char *)value; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.')
			buf_addc(b, (char)*s);
		else
			buf_printf(b, "%%%02X", *s);
	buf_addc(b, '&');
}

json_t *sort_headers(const struct web_req *r, const struct sort_col *cols, size_t n, int def,
                     const char *base, int *col, bool *desc)
{
	const char *s = web_query(r, "sort"), *d = web_query(r, "dir");
	/* def < 0: column -def-1, newest (descending) first when nothing is asked. */
	bool def_desc = def < 0;
	if (def_desc)
		def = -def - 1;
	*col = def;
	bool known = false;
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, cols[i].key)) {
			*col = (int)i;
			known = true;
		}
	*desc = known ? d && !strcmp(d, "desc") : def_desc;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		bool on = (int)i == *col;
		/* A click on the sorted column turns it; on another sorts that one ascending. */
		bool next_desc = on && !*desc;
		char *href = xasprintf("%ssort=%s&dir=%s", base, cols[i].key, next_desc ? "desc" : "asc");
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:o, s:s}", "label", cols[i].label, "href", href,
		                   "aria_sort",
		                   on ? json_string(*desc ? "descending" : "ascending") : json_null(),
		                   "ind", on ? (*desc ? "▼" : "▲") : "↕"));
		free(href);
	}
	return arr;
}

struct sort_item {
	const char *s; /* NULL: sorts last */
	size_t at;
	json_t *o;
	bool desc;
};

static int cmp_item(const void *x, const void *y)
{
	const struct sort_item *a = x, *b = y;
	int c;
	if (!a->s || !b->s)
		c = (!a->s) - (!b->s); /* missing last, either way */
	else {
		c = strcasecmp(a->s, b->s);
		if (!c)
			c = strcmp(a->s, b->s);
		if (a->desc)
			c = -c;
	}
	if (c)
		return c;
	return (a->at > b->at) - (a->at < b->at);
}

void sort_json(json_t *arr, const char *key, bool desc)
{
	size_t n = json_array_size(arr);
	if (n < 2)
		return;
	struct sort_item *v = xmalloc(n * sizeof *v);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i);
		const char *s = json_string_value(json_object_get(o, key));
		v[i] = (struct sort_item){s && *s ? s : NULL, i, json_incref(o), desc};
	}
	qsort(v, n, sizeof *v, cmp_item);
	json_array_clear(arr);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, v[i].o);
	free(v);
}
