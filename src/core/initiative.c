/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The view models of the portfolio and the economy (JSON), shared by the command line, the
 * pages and the API. */
#include "core/initiative.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/xalloc.h"

/* ================================================================== the economy */

json_t *econ_frame_json(const struct econ_frame *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "year", json_integer(f->year));
	json_object_set_new(o, "rate_ore", json_integer(f->rate_ore));
	json_object_set_new(o, "citizens", json_integer(f->citizens));
	json_object_set_new(o, "population_date", report_date(f->population_date));
	json_object_set_new(o, "frame_ore", json_integer(f->frame_ore));
	json_object_set_new(o, "allocated_ore", json_integer(f->allocated_ore));
	json_object_set_new(o, "remaining_ore", json_integer(f->remaining_ore));
	return o;
}

json_t *econ_rate_json(const struct econ *e, int index)
{
	if (index < 0)
		return json_pack("{s:o, s:I, s:s, s:o, s:o}", "year", json_null(), "ore",
		                 (json_int_t)e->default_rate, "decision",
		                 "Modellens sats (styringsmodellen)", "decided", json_null(),
		                 "actor", json_null());
	const struct econ_rate *r = &e->rates[index];
	return json_pack("{s:i, s:I, s:s, s:o, s:s}", "year", r->year, "ore", (json_int_t)r->ore,
	                 "decision", r->decision, "decided", report_date(r->decided), "actor", r->actor);
}

json_t *econ_popset_json(const struct econ_popset *s)
{
	return json_pack("{s:o, s:s, s:b, s:I, s:I}", "date", report_date(s->date), "source", s->source,
	                 "builtin", s->builtin, "total", (json_int_t)s->total, "municipalities",
	                 (json_int_t)s->n);
}

json_t *econ_report_json(const struct econ *e, const struct model *m, const struct munic_table *mt,
                         const struct econ_frame *f)
{
	json_t *o = econ_frame_json(f);
	json_object_set_new(o, "spent_ore", json_integer(f->spent_ore));
	json_object_set_new(o, "unspent_ore", json_integer(f->allocated_ore - f->spent_ore));
	json_object_set_new(o, "rate", econ_rate_json(e, f->rate_index));

	/* Initiatives with money in the year, in initiative order. */
	json_t *inits = json_array();
	for (size_t i = 0; i < e->ninits; i++) {
		int64_t al = econ_allocated(e, f->year, (int32_t)i),
		        sp = econ_spent(e, f->year, (int32_t)i);
		bool any = false;
		for (size_t k = 0; k < e->nallocs && !any; k++)
			any = e->allocs[k].initiative == (int32_t)i && e->allocs[k].year == f->year;
		for (size_t k = 0; k < e->nspends && !any; k++)
			any = e->spends[k].initiative == (int32_t)i && e->spends[k].year == f->year;
		if (!any)
			continue;
		const struct econ_initiative *in = &e->inits[i];
		int b = model_body_index(m, in->body);
		json_array_append_new(
		    inits, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "id", in->key, "name",
		                     in->name, "body", in->body, "body_name",
		                     b >= 0 ? m->bodies[b].name : in->body, "allocated_ore",
		                     (json_int_t)al, "spent_ore", (json_int_t)sp, "unspent_ore",
		                     (json_int_t)(al - sp)));
	}
	json_object_set_new(o, "initiatives", inits);

	json_t *allocs = json_array();
	for (size_t k = 0; k < e->nallocs; k++) {
		const struct econ_alloc *a = &e->allocs[k];
		if (a->year != f->year)
			continue;
		json_array_append_new(allocs, json_pack("{s:I, s:s, s:I, s:s, s:o, s:s}", "id",
		                                        (json_int_t)a->id, "initiative",
		                                        e->inits[a->initiative].key, "ore",
		                                        (json_int_t)a->ore, "decision", a->decision,
		                                        "date", report_date(a->date), "actor", a->actor));
	}
	json_object_set_new(o, "allocations", allocs);

	json_t *spends = json_array();
	for (size_t k = 0; k < e->nspends; k++) {
		const struct econ_spend *s = &e->spends[k];
		if (s->year != f->year)
			continue;
		json_array_append_new(spends, json_pack("{s:I, s:s, s:I, s:o, s:o, s:s}", "id",
		                                        (json_int_t)s->id, "initiative",
		                                        e->inits[s->initiative].key, "ore",
		                                        (json_int_t)s->ore, "date", report_date(s->date),
		                                        "note", report_str(s->note), "actor", s->actor));
	}
	json_object_set_new(o, "spending", spends);

	json_t *ms = json_array();
	if (f->set_index >= 0) {
		const struct econ_popset *s = &e->sets[f->set_index];
		for (size_t k = 0; k < s->n; k++) {
			const struct munic *mu = munic_find(mt, s->codes[k]);
			char code[8];
			snprintf(code, sizeof code, "%03d", s->codes[k]);
			int64_t share = econ_frame_ore(f->rate_ore, s->citizens[k]);
			json_array_append_new(ms,
			                      json_pack("{s:s, s:s, s:s, s:I, s:I}", "code", code,
			                                "name", mu ? mu->name : "?", "region",
			                                mu ? mt->regions[mu->region] : "?",
			                                "citizens", (json_int_t)s->citizens[k],
			                                "share_ore", (json_int_t)share));
		}
	}
	json_object_set_new(o, "municipalities", ms);
	return o;
}

/* ================================================================== the portfolio */

static json_t *report_json(const struct econ_report *r)
{
	return json_pack("{s:s, s:o, s:o, s:s}", "status", econ_status_name(r->status), "date",
	                 report_date(r->date), "reason", report_str(r->reason), "actor", r->actor);
}

static json_t *milestone_json(const struct econ_milestone *x, fk_date today)
{
	return json_pack("{s:s, s:o, s:o, s:b}", "title", x->title, "due", report_date(x->due), "done",
	                 report_date(x->done), "overdue", x->done == DATE_NONE && x->due < today);
}

static int cmp_report(const void *a, const void *b)
{
	const struct econ_report *x = *(const struct econ_report *const *)a,
	                         *y = *(const struct econ_report *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_mile(const void *a, const void *b)
{
	const struct econ_milestone *x = *(const struct econ_milestone *const *)a,
	                            *y = *(const struct econ_milestone *const *)b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

json_t *initiative_json(const struct econ *e, const struct model *m, int32_t i, fk_date today,
                        bool detail)
{
	const struct econ_initiative *in = &e->inits[i];
	int b = model_body_index(m, in->body);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(in->key));
	json_object_set_new(o, "name", json_string(in->name));
	json_object_set_new(o, "body", json_string(in->body));
	json_object_set_new(o, "body_name", json_string(b >= 0 ? m->bodies[b].name : in->body));
	json_object_set_new(o, "description", report_str(in->description));
	json_object_set_new(o, "special", json_boolean(in->special));
	json_object_set_new(o, "created", json_string(in->created));
	int latest, prev;
	econ_latest_reports(e, i, &latest, &prev);
	json_object_set_new(o, "status",
	                    latest >= 0 ? report_json(&e->reports[latest]) : json_null());
	enum econ_trend t = latest >= 0 ? econ_trend(prev >= 0 ? e->reports[prev].status : -1,
	                                             e->reports[latest].status)
	                                : TREND_NEW;
	json_object_set_new(o, "trend",
	                    latest >= 0 ? json_string(econ_trend_name(t)) : json_null());
	int nm = econ_next_milestone(e, i);
	json_object_set_new(o, "next_milestone",
	                    nm >= 0 ? milestone_json(&e->miles[nm], today) : json_null());
	if (!detail)
		return o;

	const struct econ_report **rs = xmalloc((e->nreports + 1) * sizeof *rs);
	size_t n = 0;
	for (size_t k = 0; k < e->nreports; k++)
		if (e->reports[k].initiative == i)
			rs[n++] = &e->reports[k];
	qsort(rs, n, sizeof *rs, cmp_report);
	json_t *arr = json_array();
	for (size_t k = 0; k < n; k++) {
		json_t *r = report_json(rs[k]);
		json_object_set_new(r, "trend",
		                    json_string(econ_trend_name(
		                        econ_trend(k ? rs[k - 1]->status : -1, rs[k]->status))));
		json_array_append_new(arr, r);
	}
	free(rs);
	json_object_set_new(o, "reports", arr);

	const struct econ_milestone **ml = xmalloc((e->nmiles + 1) * sizeof *ml);
	n = 0;
	for (size_t k = 0; k < e->nmiles; k++)
		if (e->miles[k].initiative == i)
			ml[n++] = &e->miles[k];
	qsort(ml, n, sizeof *ml, cmp_mile);
	arr = json_array();
	for (size_t k = 0; k < n; k++)
		json_array_append_new(arr, milestone_json(ml[k], today));
	free(ml);
	json_object_set_new(o, "milestones", arr);

	arr = json_array();
	for (size_t k = 0; k < e->nbudgets; k++)
		if (e->budgets[k].initiative == i)
			json_array_append_new(arr,
			                      json_pack("{s:i, s:I}", "year", e->budgets[k].year,
			                                "ore", (json_int_t)e->budgets[k].ore));
	json_object_set_new(o, "budget", arr);

	arr = json_array();
	for (size_t k = 0; k < e->nallocs; k++) {
		const struct econ_alloc *a = &e->allocs[k];
		if (a->initiative == i)
			json_array_append_new(arr, json_pack("{s:I, s:i, s:I, s:s, s:o}", "id",
			                                     (json_int_t)a->id, "year", a->year,
			                                     "ore", (json_int_t)a->ore, "decision",
			                                     a->decision, "date", report_date(a->date)));
	}
	json_object_set_new(o, "allocations", arr);

	arr = json_array();
	for (size_t k = 0; k < e->nspends; k++) {
		const struct econ_spend *s = &e->spends[k];
		if (s->initiative == i)
			json_array_append_new(
			    arr, json_pack("{s:I, s:i, s:I, s:o, s:o}", "id", (json_int_t)s->id,
			                   "year", s->year, "ore", (json_int_t)s->ore, "date",
			                   report_date(s->date), "note", report_str(s->note)));
	}
	json_object_set_new(o, "spending", arr);
	return o;
}

struct port_ix {
	int body; /* model index, or nbodies for an unknown body */
	int32_t i;
	const char *key;
};

static int cmp_port(const void *a, const void *b)
{
	const struct port_ix *x = a, *y = b;
	if (x->body != y->body)
		return x->body < y->body ? -1 : 1;
	return strcmp(x->key, y->key);
}

json_t *portfolio_json(const struct econ *e, const struct model *m, fk_date today)
{
	struct port_ix *ix = xmalloc((e->ninits + 1) * sizeof *ix);
	for (size_t i = 0; i < e->ninits; i++) {
		int b = model_body_index(m, e->inits[i].body);
		ix[i] = (struct port_ix){b >= 0 ? b : (int)m->nbodies, (int32_t)i, e->inits[i].key};
	}
	qsort(ix, e->ninits, sizeof *ix, cmp_port);
	json_t *arr = json_array();
	for (size_t i = 0; i < e->ninits; i++)
		json_array_append_new(arr, initiative_json(e, m, ix[i].i, today, false));
	free(ix);
	return json_pack("{s:o, s:o}", "date", report_date(today), "initiatives", arr);
}
