/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /: the dashboard — findings by severity (logged in), the next term ends and the
 * vacancies (public). */
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "store/check_all.h"
#include "web/pages.h"

struct term_end {
	int person, body;
	fk_date last;
	bool recorded; /* a recorded end before the last allowed day */
};

static int cmp_end(const void *x, const void *y)
{
	const struct term_end *a = x, *b = y;
	if (a->last != b->last)
		return a->last < b->last ? -1 : 1;
	return (a->person > b->person) - (a->person < b->person);
}

int page_home(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	json_t *doc = json_object();
	char da[40];

	/* Term ends: every current member's departure (the earlier of the recorded end and, on a
	 * municipal seat, the last allowed day), soonest first. */
	struct term_end *ends = xmalloc((reg.nappts + 1) * sizeof *ends);
	size_t nends = 0;
	json_t *bodies = report_bodies(m, &reg, r->today);
	for (size_t i = 0; i < json_array_size(json_object_get(bodies, "bodies")); i++) {
		const struct model_body *b = &m->bodies[i];
		json_t *bj = report_body(m, r->app->mt, &reg, (int)i, r->today, NULL, false);
		json_t *mem = json_object_get(bj, "members");
		for (size_t k = 0; k < json_array_size(mem); k++) {
			json_t *x = json_array_get(mem, k);
			const char *last = json_string_value(json_object_get(x, "last_allowed_day"));
			const char *end = json_string_value(json_object_get(x, "stint_end"));
			fk_date l = DATE_OPEN, e = DATE_OPEN;
			if (last)
				date_parse(last, strlen(last), &l);
			if (end)
				date_parse(end, strlen(end), &e);
			if (l == DATE_OPEN && e == DATE_OPEN)
				continue;
			int32_t pi = reg_person_find(&reg, json_string_value(json_object_get(x, "person")));
			ends[nends++] = (struct term_end){pi, (int)i, e < l ? e : l, e < l};
		}
		json_decref(bj);
		(void)b;
	}
	qsort(ends, nends, sizeof *ends, cmp_end);
	json_t *te = json_array();
	for (size_t i = 0; i < nends && i < 10; i++) {
		date_format_da(ends[i].last, da, sizeof da);
		char iso[11];
		date_format(ends[i].last, iso);
		int left = (int)(ends[i].last - r->today);
		char when[64];
		if (left < 0)
			snprintf(when, sizeof when, "overskredet for %d dage siden", -left);
		else if (left == 0)
			snprintf(when, sizeof when, "i dag");
		else
			snprintf(when, sizeof when, "om %d %s", left, left == 1 ? "dag" : "dage");
		json_array_append_new(
		    te, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:b, s:b}", "when", when,
		                  "person",
		                  reg.persons[ends[i].person].key, "name", reg.persons[ends[i].person].name,
		                  "body", m->bodies[ends[i].body].id, "body_name",
		                  m->bodies[ends[i].body].name, "last_day", iso, "last_day_da", da,
		                  "days_left", left, "overdue", left < 0, "recorded", ends[i].recorded));
	}
	free(ends);
	json_object_set_new(doc, "term_ends", te);

	/* Vacancies and bodies with seats. */
	json_t *vac = json_array(), *blist = json_array();
	json_t *ba = json_object_get(bodies, "bodies");
	for (size_t i = 0; i < json_array_size(ba); i++) {
		const struct model_body *b = &m->bodies[i];
		json_t *x = json_array_get(ba, i);
		int seats = (int)json_integer_value(json_object_get(x, "seats_total"));
		if (!seats)
			continue;
		int members = (int)json_integer_value(json_object_get(x, "members"));
		json_array_append_new(blist, json_pack("{s:s, s:s, s:i, s:i}", "id", b->id, "name",
		                                       b->name, "members", members, "seats", seats));
		json_t *bj = report_body(m, r->app->mt, &reg, (int)i, r->today, NULL, false);
		json_t *v = json_object_get(bj, "vacancies");
		for (size_t k = 0; k < json_array_size(v); k++) {
			json_t *y = json_array_get(v, k);
			json_int_t cnt = json_integer_value(json_object_get(y, "count"));
			int seat = seat_parse(json_string_value(json_object_get(y, "seat")));
			char what[96];
			if (seat == SEAT_KOMMUNE)
				snprintf(what, sizeof what, "%lld %s", (long long)cnt,
				         cnt == 1 ? "kommunal plads er ledig" : "kommunale pladser er ledige");
			else
				snprintf(what, sizeof what, "%lld %s-%s", (long long)cnt, seat_name(seat),
				         cnt == 1 ? "plads er ledig" : "pladser er ledige");
			json_array_append_new(
			    vac, json_pack("{s:s, s:s, s:s, s:I, s:s}", "body", b->id, "body_name", b->name,
			                   "seat", json_string_value(json_object_get(y, "seat")), "count",
			                   cnt, "text", what));
		}
		json_decref(bj);
	}
	json_decref(bodies);
	json_int_t nvac = 0;
	for (size_t i = 0; i < json_array_size(vac); i++)
		nvac += json_integer_value(json_object_get(json_array_get(vac, i), "count"));
	json_object_set_new(doc, "vacancy_count", json_integer(nvac));
	json_object_set_new(doc, "vacancies", vac);
	json_object_set_new(doc, "bodies", blist);

	/* Findings by severity: for logged-in users. */
	if (web_private(r)) {
		struct findings f;
		findings_init(&f);
		(void)check_all(r->st, m, r->app->mt, &reg, r->today, &f);
		json_t *errs = json_array(), *warns = json_array();
		for (size_t i = 0; i < f.n; i++) {
			const struct finding *x = &f.v[i];
			json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "rule_da",
			                      rule_title(x->rule), "rule", rule_name(x->rule),
			                      "severity", severity_name(x->severity), "body",
			                      finding_body_id(m, x), "body_name", finding_body_name(m, x),
			                      "message", x->message);
			/* Always set, null for the body as a whole, so a template section never finds
			 * an outer "person" instead. */
			web_finding_links(m, x, o);
			json_object_set_new(o, "person", x->person >= 0
			                                     ? json_string(reg.persons[x->person].key)
			                                     : json_null());
			json_object_set_new(o, "name", x->person >= 0
			                                   ? json_string(reg.persons[x->person].name)
			                                   : json_null());
			json_array_append_new(x->severity == SEV_ERROR ? errs : warns, o);
		}
		json_object_set_new(doc, "findings",
		                    json_pack("{s:i, s:i, s:o, s:o}", "errors", (int)json_array_size(errs),
		                              "warnings", (int)json_array_size(warns), "error_list", errs,
		                              "warning_list", warns));
		findings_free(&f);
	}
	date_format_da(r->today, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(doc, "title", json_string("Forside"));
	reg_free(&reg);
	p->doc = doc;
	p->cacheable = true;
	return 0;
}
