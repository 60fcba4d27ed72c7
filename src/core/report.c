/* View models as JSON documents. */
#include "core/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

json_t *report_date(fk_date t)
{
	if (t == DATE_OPEN || t == DATE_NONE)
		return json_null();
	char s[11];
	date_format(t, s);
	return json_string(s);
}

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
		snprintf(out, n, "%d år og %d %s", years, months, months == 1 ? "måned" : "måneder");
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
		    arr, json_pack("{s:s, s:s, s:s, s:o, s:s}", "rule", rule_name(x->rule), "severity",
		                   severity_name(x->severity), "body", m->bodies[x->body].id, "person",
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
				    ls, json_pack("{s:o, s:o, s:s, s:o, s:s, s:o}", "person",
				                  l->person >= 0 ? json_string(r->persons[l->person].key)
				                                 : json_null(),
				                  "name",
				                  l->person >= 0 ? json_string(r->persons[l->person].name)
				                                 : json_null(),
				                  "seat", seat_name(l->seat), "last_day", report_date(l->last_day),
				                  "reason", leave_reason_name(l->reason), "earliest_return",
				                  report_date(l->earliest_return)));
			}
			if (!q->quota_ok)
				json_array_append_new(fails, json_string(label));
			json_array_append_new(
			    qs, json_pack("{s:s, s:o, s:o, s:o, s:i, s:i, s:i, s:i, s:i, s:b}", "quarter", label,
			                  "start", report_date(q->start), "end", report_date(q->end),
			                  "leavers", ls, "vacancies_opened", (int)q->nleavers,
			                  "vacancies_now", q->vacancies_now, "members", q->members, "senior",
			                  q->senior, "required", q->required, "quota_ok", q->quota_ok));
		}
		json_array_append_new(bodies, json_pack("{s:s, s:s, s:o, s:o}", "body", b->id, "name",
		                                        b->name, "quota_fails", fails, "quarters", qs));
	}
	return json_pack("{s:o, s:i, s:o}", "from", report_date(f->from), "years", f->years, "bodies",
	                 bodies);
}

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
	json_object_set_new(o, "profile",
	                    a->profile >= 0 ? json_string(m->profiles[a->profile].id) : json_null());
	json_object_set_new(o, "start", report_date(a->start));
	json_object_set_new(o, "end", report_date(a->end));
	if (a->id)
		json_object_set_new(o, "id", json_integer(a->id));
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

json_t *report_body(const struct model *m, const struct munic_table *mt, const struct reg *r,
                    int body, fk_date d, const struct findings *f, bool with_private)
{
	const struct model_body *b = &m->bodies[body];
	size_t lo, hi;
	body_range(r, body, &lo, &hi);
	json_t *members = json_array(), *planned = json_array(), *history = json_array();
	int count[SEAT__MAX] = {0};
	size_t *stint_of = xmalloc((hi - lo + 1) * sizeof *stint_of);
	const struct reg_appt **pa = xmalloc((hi - lo + 1) * sizeof *pa);
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && r->appts[j].person == r->appts[i].person)
			j++;
		size_t n = j - i;
		for (size_t x = 0; x < n; x++)
			pa[x] = &r->appts[i + x];
		rules_stints(pa, n, b->cooloff_years, stint_of);
		for (size_t x = 0; x < n; x++) {
			const struct reg_appt *a = pa[x];
			size_t y = x, z = x;
			while (y > 0 && stint_of[y - 1] == stint_of[x])
				y--;
			while (z + 1 < n && stint_of[z + 1] == stint_of[x])
				z++;
			json_t *o = report_appt(m, r, a, with_private);
			json_object_set_new(o, "municipality", munic_json(mt, a->munic));
			json_object_set_new(o, "stint_start", report_date(pa[y]->start));
			json_object_set_new(o, "stint_end", report_date(pa[z]->end));
			fk_date last = DATE_NONE;
			if (a->seat == SEAT_KOMMUNE && b->term_years > 0)
				last = rules_last_allowed(pa[y]->start, b->term_years);
			json_object_set_new(o, "last_allowed_day", report_date(last));
			if (a->start <= d && d <= a->end) {
				char dur[64];
				report_duration_da(pa[y]->start, d, dur, sizeof dur);
				json_object_set_new(o, "seniority", json_string(dur));
				json_object_set_new(o, "seniority_days", json_integer(d - pa[y]->start));
				json_object_set_new(
				    o, "senior",
				    json_boolean(pa[y]->start <= date_add_years(d, -b->seniority_years)));
				json_array_append_new(members, o);
				count[a->seat]++;
			} else if (a->start > d) {
				json_array_append_new(planned, o);
			} else {
				json_array_append_new(history, o);
			}
		}
		i = j;
	}
	free(stint_of);
	free(pa);
	json_t *vac = json_array();
	for (int s = 0; s < SEAT__MAX; s++)
		if (count[s] < b->seats[s])
			json_array_append_new(vac, json_pack("{s:s, s:i}", "seat", seat_name(s), "count",
			                                     b->seats[s] - count[s]));
	json_t *profiles = json_array();
	for (size_t p = 0; p < b->nprofiles; p++)
		json_array_append_new(profiles,
		                      json_pack("{s:s, s:s}", "id", m->profiles[b->profiles[p]].id, "name",
		                                m->profiles[b->profiles[p]].name));
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", b->id, "name", b->name,
	                      "kind", b->kind, "parent", b->parent ? json_string(b->parent) : json_null(),
	                      "date", report_date(d), "seats", seats_json(b), "profiles", profiles);
	if (b->term_years)
		json_object_set_new(o, "term", json_pack("{s:i, s:i}", "years", b->term_years,
		                                         "cooloff_years", b->cooloff_years));
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "planned", planned);
	json_object_set_new(o, "history", history);
	json_object_set_new(o, "vacancies", vac);
	if (f) {
		json_t *fs = json_array();
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].body == body)
				json_array_append_new(
				    fs, json_pack("{s:s, s:s, s:s, s:o, s:s}", "rule", rule_name(f->v[i].rule),
				                  "severity", severity_name(f->v[i].severity), "body", b->id,
				                  "person",
				                  f->v[i].person >= 0 ? json_string(r->persons[f->v[i].person].key)
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
		int count = 0, seats = 0;
		for (size_t i = lo; i < hi; i++)
			count += r->appts[i].start <= d && d <= r->appts[i].end;
		for (int s = 0; s < SEAT__MAX; s++)
			seats += b->seats[s];
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:s, s:o, s:o, s:i, s:i}", "id", b->id, "name", b->name,
		                   "kind", b->kind, "parent", b->parent ? json_string(b->parent) : json_null(),
		                   "seats", seats_json(b), "seats_total", seats, "members", count));
	}
	return json_pack("{s:o, s:o}", "date", report_date(d), "bodies", arr);
}

json_t *report_person(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      int person, fk_date d, bool with_private)
{
	const struct reg_person *p = &r->persons[person];
	json_t *o = json_pack("{s:s, s:s}", "person", p->key, "name", p->name);
	if (with_private)
		json_object_set_new(o, "email", p->email ? json_string(p->email) : json_null());
	json_t *arr = json_array();
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->person != person)
			continue;
		json_t *x = report_appt(m, r, a, false);
		json_object_del(x, "person");
		json_object_del(x, "name");
		json_object_set_new(x, "body_name", json_string(m->bodies[a->body].name));
		json_object_set_new(x, "municipality", munic_json(mt, a->munic));
		json_object_set_new(x, "current", json_boolean(a->start <= d && d <= a->end));
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "appointments", arr);
	return o;
}
