/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* View models as JSON documents. */
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "util/xlsx.h"

json_t *report_date(fk_date t)
{
	if (t == DATE_OPEN || t == DATE_NONE)
		return json_null();
	char s[11];
	date_format(t, s);
	return json_string(s);
}

json_t *report_str(const char *s) { return s ? json_string(s) : json_null(); }

void report_duration_da(fk_date since, fk_date d, char *out, size_t n)
{
	if (d < since) {
		snprintf(out, n, "starter senere");
		return;
	}
	int y1, m1, d1, y2, m2, d2;
	date_to_ymd(since, &y1, &m1, &d1);
	date_to_ymd(d, &y2, &m2, &d2);
	int months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1);
	int years = months / 12;
	months %= 12;
	if (years && months)
		snprintf(out, n, "%d år og %d %s", years, months,
		         months == 1 ? "måned" : "måneder");
	else if (years)
		snprintf(out, n, "%d år", years);
	else
		snprintf(out, n, "%d %s", months, months == 1 ? "måned" : "måneder");
}

json_t *report_findings(const struct model *m, const struct reg *r, const struct findings *f,
                        fk_date d)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		json_array_append_new(
		    arr,
		    json_pack("{s:s, s:s, s:s, s:o, s:s}", "rule", rule_name(x->rule), "severity",
		              severity_name(x->severity), "body", finding_body_id(m, x), "person",
		              x->person >= 0 ? json_string(r->persons[x->person].key) : json_null(),
		              "message", x->message));
	}
	return json_pack("{s:o, s:o}", "date", report_date(d), "findings", arr);
}

json_t *report_forecast(const struct model *m, const struct reg *r, const struct forecast *f)
{
	json_t *bodies = json_array();
	for (size_t i = 0; i < f->nbodies; i++) {
		const struct fc_body *fb = &f->bodies[i];
		const struct model_body *b = &m->bodies[fb->body];
		json_t *qs = json_array(), *fails = json_array();
		for (size_t k = 0; k < fb->nq; k++) {
			const struct fc_quarter *q = &fb->q[k];
			char label[20];
			forecast_quarter_label(q->start, label);
			json_t *ls = json_array();
			for (size_t j = 0; j < q->nleavers; j++) {
				const struct fc_leaver *l = &q->leavers[j];
				json_array_append_new(
				    ls, json_pack(
				            "{s:o, s:o, s:s, s:o, s:s, s:o}", "person",
				            l->person >= 0 ? json_string(r->persons[l->person].key)
				                           : json_null(),
				            "name",
				            l->person >= 0 ? json_string(r->persons[l->person].name)
				                           : json_null(),
				            "seat", seat_name(l->seat), "last_day",
				            report_date(l->last_day), "reason",
				            leave_reason_name(l->reason), "earliest_return",
				            report_date(l->earliest_return)));
			}
			if (!q->quota_ok)
				json_array_append_new(fails, json_string(label));
			json_array_append_new(
			    qs, json_pack("{s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:b}",
			                  "quarter", label, "start", report_date(q->start), "end",
			                  report_date(q->end), "leavers", ls, "vacancies_opened",
			                  (int)q->nleavers, "vacancies_now", q->vacancies_now,
			                  "members", q->members, "senior", q->senior, "required",
			                  q->required, "quota_ok", q->quota_ok));
		}
		json_array_append_new(bodies,
		                      json_pack("{s:s, s:s, s:o, s:o}", "body", b->id, "name",
		                                b->name, "quota_fails", fails, "quarters", qs));
	}
	return json_pack("{s:o, s:i, s:o}", "from", report_date(f->from), "years", f->years,
	                 "bodies", bodies);
}

/* ------------------------------------------------------------------ names and dates */
const char *report_kind_name(const char *kind)
{
	static const char *const names[][2] = {
	    {"board", "Bestyrelse"},
	    {"management", "Ledelse"},
	    {"secretariat", "Sekretariat"},
	    {"steering-group", "Styregruppe"},
	    {"reference-group", "Referencegruppe"},
	    {"working-group", "Arbejdsgruppe"},
	    {"kl", "KL-forankring"},
	};
	for (size_t i = 0; kind && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i][0], kind))
			return names[i][1];
	return kind ? kind : "";
}

const char *report_relation_name(const char *relation)
{
	if (!relation)
		return "";
	if (!strcmp(relation, "reports-to"))
		return "rapporterer til";
	if (!strcmp(relation, "advises"))
		return "rådgiver";
	if (!strcmp(relation, "serves"))
		return "betjener";
	if (!strcmp(relation, "linked"))
		return "er knyttet til";
	return relation;
}

void report_date_short_da(fk_date t, char *out, size_t n)
{
	static const char *const mon[] = {"jan.", "feb.", "mar.", "apr.", "maj",  "jun.",
	                                  "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};
	if (t == DATE_OPEN || t == DATE_NONE) {
		snprintf(out, n, "%s", "");
		return;
	}
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	snprintf(out, n, "%d. %s %d", d, mon[m - 1], y);
}

static const char *status_name(const struct reg_appt *a, fk_date d)
{
	return a->start > d ? "planned" : a->end < d ? "past" : "current";
}

/* ------------------------------------------------------------------ appointments */
json_t *report_appt(const struct model *m, const struct reg *r, const struct reg_appt *a,
                    bool with_private)
{
	const struct reg_person *p = &r->persons[a->person];
	char mun[8];
	snprintf(mun, sizeof mun, "%03d", a->munic);
	json_t *o = json_pack("{s:s, s:s}", "person", p->key, "name", p->name);
	if (with_private)
		json_object_set_new(o, "email", p->email ? json_string(p->email) : json_null());
	json_object_set_new(o, "organisation", json_string(seat_name(a->org)));
	json_object_set_new(o, "municipality", a->munic ? json_string(mun) : json_null());
	json_object_set_new(o, "body", json_string(m->bodies[a->body].id));
	json_object_set_new(o, "seat", json_string(seat_name(a->seat)));
	json_object_set_new(
	    o, "profile", a->profile >= 0 ? json_string(m->profiles[a->profile].id) : json_null());
	json_object_set_new(o, "start", report_date(a->start));
	json_object_set_new(o, "end", report_date(a->end));
	json_object_set_new(o, "id", a->id ? json_integer(a->id) : json_null());
	return o;
}

/* The appointments of one body: r->appts[*lo .. *hi). */
static void body_range(const struct reg *r, int body, size_t *lo, size_t *hi)
{
	size_t a = 0, b = r->nappts;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (r->appts[mid].body < body)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a < r->nappts && r->appts[a].body == body)
		a++;
	*hi = a;
}

static json_t *munic_json(const struct munic_table *mt, int code)
{
	const struct munic *mu = code ? munic_find(mt, code) : NULL;
	if (!mu)
		return json_null();
	char c[8];
	snprintf(c, sizeof c, "%03d", mu->code);
	return json_pack("{s:s, s:s, s:s}", "code", c, "name", mu->name, "region",
	                 mt->regions[mu->region]);
}

static json_t *seats_json(const struct model_body *b)
{
	json_t *o = json_object();
	for (int s = 0; s < SEAT__MAX; s++)
		if (b->seats[s])
			json_object_set_new(o, seat_name(s), json_integer(b->seats[s]));
	return o;
}

static json_t *strings_json(char **v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

/* Stints of one person's appointments in one body, pa[0..n) sorted by start, as the rules
 * count them: the stint over all seats (seniority) and, for a municipal appointment, the
 * stint over the municipal appointments only (term limit and cooling-off). */
struct stint_info {
	fk_date start, end;   /* all seats; end DATE_OPEN while serving */
	fk_date mstart, mend; /* municipal stint, DATE_NONE for other seats */
	fk_date last;         /* last allowed day of the municipal stint, DATE_NONE when none */
	fk_date back;         /* earliest return after a recorded end, DATE_NONE when none */
};

struct stint_work {
	size_t *stint_of;
	const struct reg_appt **mun;
	size_t *mun_at;
	size_t cap;
};

static void stint_work_free(struct stint_work *w)
{
	free(w->stint_of);
	free(w->mun);
	free(w->mun_at);
}

static void stints_of(const struct model_body *b, const struct reg_appt *const *pa, size_t n,
                      struct stint_work *w, struct stint_info *out)
{
	if (n > w->cap) {
		w->cap = n;
		w->stint_of = xrealloc(w->stint_of, n * sizeof *w->stint_of);
		w->mun = xrealloc(w->mun, n * sizeof *w->mun);
		w->mun_at = xrealloc(w->mun_at, n * sizeof *w->mun_at);
	}
	rules_stints(pa, n, b->cooloff_years, w->stint_of);
	for (size_t x = 0; x < n; x++) {
		size_t y = x, z = x;
		while (y > 0 && w->stint_of[y - 1] == w->stint_of[x])
			y--;
		while (z + 1 < n && w->stint_of[z + 1] == w->stint_of[x])
			z++;
		out[x].start = pa[y]->start;
		out[x].end = pa[z]->end;
		out[x].mstart = out[x].mend = out[x].last = out[x].back = DATE_NONE;
	}
	size_t k = 0;
	for (size_t x = 0; x < n; x++)
		if (pa[x]->seat == SEAT_KOMMUNE) {
			w->mun[k] = pa[x];
			w->mun_at[k++] = x;
		}
	rules_stints(w->mun, k, b->cooloff_years, w->stint_of);
	for (size_t x = 0; x < k; x++) {
		size_t y = x, z = x;
		while (y > 0 && w->stint_of[y - 1] == w->stint_of[x])
			y--;
		while (z + 1 < k && w->stint_of[z + 1] == w->stint_of[x])
			z++;
		struct stint_info *s = &out[w->mun_at[x]];
		s->mstart = w->mun[y]->start;
		s->mend = w->mun[z]->end;
		if (b->term_years > 0)
			s->last = rules_last_allowed(s->mstart, b->term_years);
		if (b->cooloff_years > 0 && s->mend != DATE_OPEN)
			s->back = date_add_years(s->mend + 1, b->cooloff_years);
	}
}

/* ------------------------------------------------------------------ a body */
struct item {
	json_t *o;
	int seat;
	const char *name;
	fk_date start, end;
};

static int cmp_member(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->seat != b->seat)
		return a->seat < b->seat ? -1 : 1;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return (a->start > b->start) - (a->start < b->start);
}

static int cmp_planned(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return cmp_member(x, y);
}

static int cmp_history(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return cmp_member(x, y);
}

static json_t *items_json(struct item *v, size_t n, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, sizeof *v, cmp);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, v[i].o);
	return a;
}

json_t *report_body(const struct model *m, const struct munic_table *mt, const struct reg *r,
                    int body, fk_date d, const struct findings *f, bool with_private)
{
	const struct model_body *b = &m->bodies[body];
	size_t lo, hi;
	body_range(r, body, &lo, &hi);
	size_t n_all = hi - lo;
	struct item *it = xmalloc((n_all + 1) * sizeof *it);
	size_t nmem = 0, nplan = 0, nhist = 0;
	struct item *plan = xmalloc((n_all + 1) * sizeof *plan);
	struct item *hist = xmalloc((n_all + 1) * sizeof *hist);
	int count[SEAT__MAX] = {0};
	struct stint_work w = {0};
	struct stint_info *si = xmalloc((n_all + 1) * sizeof *si);
	const struct reg_appt **pa = xmalloc((n_all + 1) * sizeof *pa);
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && r->appts[j].person == r->appts[i].person)
			j++;
		size_t n = j - i;
		for (size_t x = 0; x < n; x++)
			pa[x] = &r->appts[i + x];
		stints_of(b, pa, n, &w, si);
		for (size_t x = 0; x < n; x++) {
			const struct reg_appt *a = pa[x];
			json_t *o = report_appt(m, r, a, with_private);
			json_object_set_new(o, "municipality", munic_json(mt, a->munic));
			json_object_set_new(o, "profile_name",
			                    a->profile >= 0
			                        ? json_string(m->profiles[a->profile].name)
			                        : json_null());
			const char *st = status_name(a, d);
			json_object_set_new(o, "status", json_string(st));
			json_object_set_new(o, "stint_start", report_date(si[x].start));
			json_object_set_new(o, "stint_end", report_date(si[x].end));
			json_object_set_new(o, "last_allowed_day", report_date(si[x].last));
			json_object_set_new(o, "earliest_return", report_date(si[x].back));
			struct item v = {o, a->seat, r->persons[a->person].name, a->start, a->end};
			if (!strcmp(st, "current")) {
				char dur[64];
				report_duration_da(si[x].start, d, dur, sizeof dur);
				json_object_set_new(o, "seniority", json_string(dur));
				json_object_set_new(o, "seniority_days",
				                    json_integer(d - si[x].start));
				json_object_set_new(
				    o, "senior",
				    json_boolean(si[x].start <=
				                 date_add_years(d, -b->seniority_years)));
				it[nmem++] = v;
				count[a->seat]++;
			} else {
				json_object_set_new(o, "seniority", json_null());
				json_object_set_new(o, "seniority_days", json_null());
				json_object_set_new(o, "senior", json_null());
				if (!strcmp(st, "planned"))
					plan[nplan++] = v;
				else
					hist[nhist++] = v;
			}
		}
		i = j;
	}
	stint_work_free(&w);
	free(si);
	free(pa);
	json_t *members = items_json(it, nmem, cmp_member);
	json_t *planned = items_json(plan, nplan, cmp_planned);
	json_t *history = items_json(hist, nhist, cmp_history);
	free(it);
	free(plan);
	free(hist);

	json_t *vac = json_array();
	int seats_total = 0, member_count = 0;
	for (int s = 0; s < SEAT__MAX; s++) {
		seats_total += b->seats[s];
		member_count += count[s];
		if (count[s] < b->seats[s])
			json_array_append_new(vac, json_pack("{s:s, s:i}", "seat", seat_name(s),
			                                     "count", b->seats[s] - count[s]));
	}
	json_t *profiles = json_array();
	for (size_t p = 0; p < b->nprofiles; p++)
		json_array_append_new(profiles,
		                      json_pack("{s:s, s:s}", "id", m->profiles[b->profiles[p]].id,
		                                "name", m->profiles[b->profiles[p]].name));
	json_t *children = json_array();
	for (size_t k = 0; k < m->nbodies; k++)
		if (m->bodies[k].parent_index == body)
			json_array_append_new(
			    children,
			    json_pack("{s:s, s:s, s:s, s:o, s:o}", "id", m->bodies[k].id, "name",
			              m->bodies[k].name, "kind", m->bodies[k].kind, "relation",
			              m->bodies[k].relation ? json_string(m->bodies[k].relation)
			                                    : json_null(),
			              "via_seat",
			              m->bodies[k].via_seat >= 0
			                  ? json_string(seat_name(m->bodies[k].via_seat))
			                  : json_null()));
	const struct model_body *par = b->parent_index >= 0 ? &m->bodies[b->parent_index] : NULL;

	json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", b->id, "name", b->name, "kind", b->kind,
	                      "kind_name", report_kind_name(b->kind));
	json_object_set_new(o, "parent", par ? json_string(par->id) : json_null());
	json_object_set_new(o, "parent_name", par ? json_string(par->name) : json_null());
	json_object_set_new(o, "relation", b->relation ? json_string(b->relation) : json_null());
	json_object_set_new(o, "via_seat",
	                    b->via_seat >= 0 ? json_string(seat_name(b->via_seat)) : json_null());
	json_object_set_new(o, "description",
	                    b->description ? json_string(b->description) : json_null());
	json_object_set_new(o, "involvement",
	                    b->involvement ? json_string(b->involvement) : json_null());
	json_object_set_new(o, "mandate", strings_json(b->mandate, b->nmandate));
	json_object_set_new(o, "topics", strings_json(b->topics, b->ntopics));
	json_object_set_new(o, "children", children);
	json_object_set_new(o, "date", report_date(d));
	json_object_set_new(o, "seats", seats_json(b));
	json_object_set_new(o, "seats_total", json_integer(seats_total));
	json_object_set_new(o, "member_count", json_integer(member_count));
	json_object_set_new(o, "profiles", profiles);
	json_object_set_new(
	    o, "term",
	    b->term_years || b->cooloff_years
	        ? json_pack("{s:o, s:i, s:i}", "years",
	                    b->term_years ? json_integer(b->term_years) : json_null(),
	                    "cooloff_years", b->cooloff_years, "warning_days", b->term_warning_days)
	        : json_null());
	if (b->quota_den > 0) {
		char q[32];
		snprintf(q, sizeof q, "%d/%d", b->quota_num, b->quota_den);
		json_object_set_new(o, "seniority",
		                    json_pack("{s:i, s:s, s:i, s:i}", "years", b->seniority_years,
		                              "quota", q, "required",
		                              rules_quota(member_count, b->quota_num, b->quota_den),
		                              "senior", 0));
		int senior = 0;
		for (size_t i = 0; i < json_array_size(members); i++)
			senior +=
			    json_is_true(json_object_get(json_array_get(members, i), "senior"));
		json_object_set_new(json_object_get(o, "seniority"), "senior",
		                    json_integer(senior));
	} else {
		json_object_set_new(o, "seniority", json_null());
	}
	json_object_set_new(o, "region_target",
	                    b->region_target ? json_integer(b->region_target) : json_null());
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "planned", planned);
	json_object_set_new(o, "history", history);
	json_object_set_new(o, "vacancies", vac);
	if (f) {
		json_t *fs = json_array();
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].body == body)
				json_array_append_new(
				    fs, json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "rule",
				                  rule_name(f->v[i].rule), "severity",
				                  severity_name(f->v[i].severity), "body", b->id,
				                  "person",
				                  f->v[i].person >= 0
				                      ? json_string(r->persons[f->v[i].person].key)
				                      : json_null(),
				                  "name",
				                  f->v[i].person >= 0
				                      ? json_string(r->persons[f->v[i].person].name)
				                      : json_null(),
				                  "message", f->v[i].message));
		json_object_set_new(o, "findings", fs);
	}
	return o;
}

json_t *report_bodies(const struct model *m, const struct reg *r, fk_date d)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < m->nbodies; k++) {
		const struct model_body *b = &m->bodies[k];
		size_t lo, hi;
		body_range(r, (int)k, &lo, &hi);
		int count = 0, seats = 0, in_seat[SEAT__MAX] = {0}, vacant = 0;
		for (size_t i = lo; i < hi; i++)
			if (r->appts[i].start <= d && d <= r->appts[i].end) {
				count++;
				in_seat[r->appts[i].seat]++;
			}
		for (int s = 0; s < SEAT__MAX; s++) {
			seats += b->seats[s];
			if (in_seat[s] < b->seats[s])
				vacant += b->seats[s] - in_seat[s];
		}
		json_array_append_new(arr,
		                      json_pack("{s:s, s:s, s:s, s:o, s:o, s:i, s:i, s:i}", "id",
		                                b->id, "name", b->name, "kind", b->kind, "parent",
		                                b->parent ? json_string(b->parent) : json_null(),
		                                "seats", seats_json(b), "seats_total", seats,
		                                "members", count, "vacant", vacant));
	}
	return json_pack("{s:o, s:o}", "date", report_date(d), "bodies", arr);
}

/* ------------------------------------------------------------------ people */
static int cmp_start_desc(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->start != b->start)
		return a->start > b->start ? -1 : 1;
	return strcmp(a->name, b->name);
}

json_t *report_person(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      int person, fk_date d, bool with_private)
{
	const struct reg_person *p = &r->persons[person];
	json_t *o = json_pack("{s:s, s:s}", "person", p->key, "name", p->name);
	if (with_private)
		json_object_set_new(o, "email", p->email ? json_string(p->email) : json_null());
	struct item *v = xmalloc((r->nappts + 1) * sizeof *v);
	size_t nv = 0;
	struct stint_work w = {0};
	struct stint_info *si = NULL;
	const struct reg_appt **pa = NULL;
	size_t cap = 0;
	int current = 0, planned = 0;
	for (size_t i = 0; i < r->nappts;) {
		if (r->appts[i].person != person) {
			i++;
			continue;
		}
		/* this person's appointments in one body: r->appts[i..j) (sorted by body, person)
		 */
		size_t j = i;
		while (j < r->nappts && r->appts[j].person == person &&
		       r->appts[j].body == r->appts[i].body)
			j++;
		size_t n = j - i;
		if (n > cap) {
			cap = n;
			si = xrealloc(si, cap * sizeof *si);
			pa = xrealloc(pa, cap * sizeof *pa);
		}
		for (size_t x = 0; x < n; x++)
			pa[x] = &r->appts[i + x];
		const struct model_body *b = &m->bodies[r->appts[i].body];
		stints_of(b, pa, n, &w, si);
		for (size_t x = 0; x < n; x++) {
			const struct reg_appt *a = pa[x];
			json_t *y = report_appt(m, r, a, false);
			json_object_del(y, "person");
			json_object_del(y, "name");
			json_object_set_new(y, "body_name", json_string(b->name));
			json_object_set_new(y, "municipality", munic_json(mt, a->munic));
			json_object_set_new(y, "profile_name",
			                    a->profile >= 0
			                        ? json_string(m->profiles[a->profile].name)
			                        : json_null());
			const char *st = status_name(a, d);
			json_object_set_new(y, "status", json_string(st));
			json_object_set_new(y, "current", json_boolean(!strcmp(st, "current")));
			json_object_set_new(y, "stint_start", report_date(si[x].start));
			json_object_set_new(y, "last_allowed_day", report_date(si[x].last));
			json_object_set_new(y, "earliest_return", report_date(si[x].back));
			current += !strcmp(st, "current");
			planned += !strcmp(st, "planned");
			v[nv++] = (struct item){y, a->seat, b->name, a->start, a->end};
		}
		i = j;
	}
	stint_work_free(&w);
	free(si);
	free(pa);
	json_object_set_new(o, "current_count", json_integer(current));
	json_object_set_new(o, "planned_count", json_integer(planned));
	/* Newest first. */
	json_object_set_new(o, "appointments", items_json(v, nv, cmp_start_desc));
	free(v);
	return o;
}

/* Folds one UTF-8 character of s for a caseless comparison: ASCII and the Latin-1 letters
 * (Æ Ø Å É ...) to lower case. Returns the bytes consumed; *c gets the folded code point. */
static size_t fold_char(const unsigned char *s, unsigned *c)
{
	if (s[0] < 0x80) {
		*c = s[0] >= 'A' && s[0] <= 'Z' ? s[0] + 32u : s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		unsigned u = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		if (u >= 0xC0 && u <= 0xDE && u != 0xD7)
			u += 0x20;
		*c = u;
		return 2;
	}
	*c = s[0] | 0x100000u; /* other bytes compare as themselves */
	return 1;
}

bool report_text_match(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	for (const unsigned char *h = (const unsigned char *)hay; *h;) {
		const unsigned char *a = h, *b = (const unsigned char *)needle;
		for (;;) {
			if (!*b)
				return true;
			if (!*a)
				return false;
			unsigned ca, cb;
			size_t na = fold_char(a, &ca), nb = fold_char(b, &cb);
			if (ca != cb)
				break;
			a += na;
			b += nb;
		}
		unsigned c;
		h += fold_char(h, &c);
	}
	return false;
}

struct person_row {
	json_t *cur, *plan;
	int past;
	bool in_body, keep;
};

static int cmp_person_name(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	return strcmp(json_string_value(json_object_get(a->o, "person")),
	              json_string_value(json_object_get(b->o, "person")));
}

/* A merge sort of person indices by name (stable, no global state: the server is threaded). */
static void sort_persons(const struct reg *r, int32_t *v, size_t n, int32_t *tmp)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_persons(r, v, h, tmp);
	sort_persons(r, v + h, n - h, tmp);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		const struct reg_person *a = &r->persons[v[i]], *b = &r->persons[v[j]];
		int c = strcmp(a->name, b->name);
		if (!c)
			c = strcmp(a->key, b->key);
		tmp[k++] = c <= 0 ? v[i++] : v[j++];
	}
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

json_t *report_people(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      fk_date d, const char *q, int body, bool past, size_t offset, size_t limit,
                      bool with_private)
{
	/* Who matches: by body (any run of that body), by name or key. */
	struct person_row *pr = xcalloc(r->npersons + 1, sizeof *pr);
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		bool was = a->end < d;
		pr[a->person].past += was;
		if (a->body == body && (past || !was))
			pr[a->person].in_body = true;
	}
	int32_t *match = xmalloc((r->npersons + 1) * sizeof *match);
	int32_t *tmp = xmalloc((r->npersons + 1) * sizeof *tmp);
	size_t nmatch = 0;
	for (size_t i = 0; i < r->npersons; i++) {
		const struct reg_person *p = &r->persons[i];
		if ((body < 0 || pr[i].in_body) &&
		    (report_text_match(p->name, q) || report_text_match(p->key, q)))
			match[nmatch++] = (int32_t)i;
	}
	sort_persons(r, match, nmatch, tmp);
	free(tmp);
	size_t from = offset < nmatch ? offset : nmatch;
	size_t to = limit && limit < nmatch - from ? from + limit : nmatch;
	for (size_t k = from; k < to; k++)
		pr[match[k]].keep = true;

	/* The current and planned appointments of the people shown, with their terms. */
	struct stint_work w = {0};
	struct stint_info *si = NULL;
	const struct reg_appt **pa = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < r->nappts;) {
		size_t j = i;
		while (j < r->nappts && r->appts[j].person == r->appts[i].person &&
		       r->appts[j].body == r->appts[i].body)
			j++;
		struct person_row *row = &pr[r->appts[i].person];
		if (!row->keep) {
			i = j;
			continue;
		}
		size_t n = j - i;
		if (n > cap) {
			cap = n;
			si = xrealloc(si, cap * sizeof *si);
			pa = xrealloc(pa, cap * sizeof *pa);
		}
		for (size_t x = 0; x < n; x++)
			pa[x] = &r->appts[i + x];
		const struct model_body *b = &m->bodies[r->appts[i].body];
		stints_of(b, pa, n, &w, si);
		for (size_t x = 0; x < n; x++) {
			const struct reg_appt *a = pa[x];
			const char *st = status_name(a, d);
			if (!strcmp(st, "past"))
				continue;
			json_t *y = report_appt(m, r, a, false);
			json_object_del(y, "person");
			json_object_del(y, "name");
			json_object_set_new(y, "body_name", json_string(b->name));
			json_object_set_new(y, "municipality", munic_json(mt, a->munic));
			json_object_set_new(y, "profile_name",
			                    a->profile >= 0
			                        ? json_string(m->profiles[a->profile].name)
			                        : json_null());
			json_object_set_new(y, "status", json_string(st));
			json_object_set_new(y, "last_allowed_day", report_date(si[x].last));
			json_t **into = !strcmp(st, "current") ? &row->cur : &row->plan;
			if (!*into)
				*into = json_array();
			json_array_append_new(*into, y);
		}
		i = j;
	}
	stint_work_free(&w);
	free(si);
	free(pa);
	json_t *people = json_array();
	for (size_t k = from; k < to; k++) {
		const struct reg_person *p = &r->persons[match[k]];
		struct person_row *row = &pr[match[k]];
		json_t *o = json_pack("{s:s, s:s}", "person", p->key, "name", p->name);
		if (with_private)
			json_object_set_new(o, "email",
			                    p->email ? json_string(p->email) : json_null());
		json_object_set_new(o, "current", row->cur ? row->cur : json_array());
		json_object_set_new(o, "planned", row->plan ? row->plan : json_array());
		json_object_set_new(o, "past_count", json_integer(row->past));
		json_array_append_new(people, o);
	}
	free(pr);
	free(match);
	return json_pack("{s:o, s:o, s:o, s:b, s:I, s:I, s:o, s:o}", "date", report_date(d), "q",
	                 q && *q ? json_string(q) : json_null(), "body",
	                 body >= 0 ? json_string(m->bodies[body].id) : json_null(), "past", past,
	                 "total", (json_int_t)nmatch, "offset", (json_int_t)offset, "limit",
	                 limit ? json_integer((json_int_t)limit) : json_null(), "people", people);
}

/* ------------------------------------------------------------------ timeline */
static int cmp_row(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return cmp_person_name(x, y);
}

json_t *report_timeline(const struct model *m, const struct reg *r, int body, fk_date d)
{
	const struct model_body *b = &m->bodies[body];
	size_t lo, hi;
	body_range(r, body, &lo, &hi);
	size_t n_all = hi - lo;
	struct stint_info *si = xmalloc((n_all + 1) * sizeof *si);
	const struct reg_appt **pa = xmalloc((n_all + 1) * sizeof *pa);
	struct stint_work w = {0};
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && r->appts[j].person == r->appts[i].person)
			j++;
		for (size_t x = i; x < j; x++)
			pa[x - i] = &r->appts[x];
		stints_of(b, pa, j - i, &w, si + (i - lo));
		i = j;
	}
	stint_work_free(&w);
	free(pa);

	/* The window: whole years, from the first appointment (at most 12 years back) to 3 years
	 * ahead, or further to show planned appointments, recorded ends and the last allowed
	 * days of open terms (at most 10 years ahead). */
	int y = date_year(d), fy = y - 2, ty = y + 3;
	fk_date first = DATE_OPEN;
	for (size_t i = lo; i < hi; i++) {
		const struct reg_appt *a = &r->appts[i];
		const struct stint_info *s = &si[i - lo];
		if (a->start < first)
			first = a->start;
		if (a->start > d && date_year(a->start) + 1 > ty)
			ty = date_year(a->start) + 1;
		if (a->end != DATE_OPEN && a->end >= d && date_year(a->end) > ty)
			ty = date_year(a->end);
		if (s->last != DATE_NONE && s->mend >= d && date_year(s->last) > ty)
			ty = date_year(s->last);
	}
	if (first != DATE_OPEN) {
		fy = date_year(first);
		if (fy < y - 12)
			fy = y - 12;
		if (fy > y)
			fy = y;
	}
	if (ty > y + 10)
		ty = y + 10;
	fk_date from = date_from_ymd(fy, 1, 1), to = date_from_ymd(ty, 12, 31);

	struct item *rows = xmalloc((n_all + 1) * sizeof *rows);
	size_t nrows = 0;
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && r->appts[j].person == r->appts[i].person)
			j++;
		const struct reg_person *p = &r->persons[r->appts[i].person];
		json_t *appts = json_array(), *terms = json_array();
		bool visible = false, cur = false, plan = false;
		fk_date row_first = DATE_OPEN;
		for (size_t x = i; x < j; x++) {
			const struct reg_appt *a = &r->appts[x];
			const char *st = status_name(a, d);
			cur |= !strcmp(st, "current");
			plan |= !strcmp(st, "planned");
			if (a->start <= to && a->end >= from) {
				visible = true;
				if (a->start < row_first)
					row_first = a->start;
			}
			char mun[8];
			snprintf(mun, sizeof mun, "%03d", a->munic);
			json_array_append_new(
			    appts,
			    json_pack("{s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:s}", "id",
			              a->id ? json_integer(a->id) : json_null(), "start",
			              report_date(a->start), "end", report_date(a->end), "seat",
			              seat_name(a->seat), "organisation", seat_name(a->org),
			              "municipality", a->munic ? json_string(mun) : json_null(),
			              "profile",
			              a->profile >= 0 ? json_string(m->profiles[a->profile].id)
			                              : json_null(),
			              "status", st));
			const struct stint_info *s = &si[x - lo];
			/* One term per municipal stint, at its first appointment. */
			if (s->mstart != a->start || a->seat != SEAT_KOMMUNE)
				continue;
			if (b->term_years <= 0 && b->cooloff_years <= 0)
				continue;
			bool over =
			    s->last != DATE_NONE && ((s->mend == DATE_OPEN && d > s->last) ||
			                             (s->mend != DATE_OPEN && s->mend > s->last));
			fk_date cool = DATE_NONE, back = DATE_NONE;
			bool projected = false;
			if (b->cooloff_years > 0 && s->mend != DATE_OPEN) {
				cool = s->mend + 1;
				back = date_add_years(cool, b->cooloff_years);
			} else if (b->cooloff_years > 0 && s->last != DATE_NONE) {
				fk_date leave = d > s->last ? d : s->last;
				cool = leave + 1;
				back = date_add_years(cool, b->cooloff_years);
				projected = true;
			}
			if (cool != DATE_NONE && cool <= to && back > from)
				visible = true;
			json_array_append_new(
			    terms,
			    json_pack("{s:o, s:o, s:o, s:b, s:o, s:o, s:b}", "start",
			              report_date(s->mstart), "end", report_date(s->mend),
			              "last_allowed_day", report_date(s->last), "over_limit", over,
			              "cooloff_start", report_date(cool), "earliest_return",
			              report_date(back), "projected", projected));
		}
		if (visible) {
			json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o}", "person", p->key, "name",
			                      p->name, "status",
			                      cur    ? "current"
			                      : plan ? "planned"
			                             : "past",
			                      "appointments", appts, "terms", terms);
			rows[nrows++] = (struct item){o, 0, p->name, row_first, 0};
		} else {
			json_decref(appts);
			json_decref(terms);
		}
		i = j;
	}
	free(si);
	json_t *arr = items_json(rows, nrows, cmp_row);
	free(rows);
	return json_pack("{s:o, s:o, s:o, s:o}", "from", report_date(from), "to", report_date(to),
	                 "date", report_date(d), "rows", arr);
}

int report_findings_xlsx(const struct model *m, const struct reg *r, const struct findings *f,
                         fk_date d, const char *source, struct buf *out, char *err, size_t n)
{
	static const struct xl_col cols[] = {
	    {"Organ", XL_TEXT},  {"Organ-id", XL_TEXT}, {"Alvor", XL_TEXT},     {"Regel", XL_TEXT},
	    {"Regel-id", XL_TEXT}, {"Person", XL_TEXT}, {"Person-id", XL_TEXT}, {"Besked", XL_TEXT},
	};
	enum { NC = sizeof cols / sizeof cols[0] };
	struct xl_cell *cell = xcalloc(f->n * NC + 1, sizeof *cell);
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		struct xl_cell *row = &cell[i * NC];
		row[0].s = finding_body_name(m, x);
		row[1].s = finding_body_id(m, x);
		row[2].s = x->severity == SEV_ERROR ? "fejl" : "advarsel";
		row[3].s = rule_title(x->rule);
		row[4].s = rule_name(x->rule);
		row[5].s = x->person >= 0 ? r->persons[x->person].name : NULL;
		row[6].s = x->person >= 0 ? r->persons[x->person].key : NULL;
		row[7].s = x->message;
	}
	struct xl_table t = {"Fund", cols, NC, cell, f->n, "Kontrollen af modellens regler (fkigov check)",
	                     source, m->name, d};
	int rc = xl_write(&t, out, err, n);
	free(cell);
	return rc;
}
