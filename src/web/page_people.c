/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /people: everyone in the register with their current and planned bodies, filtered by
 * name or id (?q=) and by body (?body=, with ?past=1 also former members);
 * GET /people/{key}: one person with every appointment. E-mail addresses only for logged-in
 * users (report_people / report_person leave them out otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/rules.h"
#include "util/strmap.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages.h"
#include "web/picker.h"

static fk_date get_date(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	fk_date t;
	if (!s || date_parse(s, strlen(s), &t) != 0)
		return DATE_NONE;
	return t;
}

static const char *seat_text(const char *seat)
{
	return !strcmp(seat, "kommune") ? "kommunal plads"
	       : !strcmp(seat, "KL")    ? "KL-plads"
	       : !strcmp(seat, "UDK")   ? "UDK-plads"
	                                : "KOMBIT-plads";
}

/* Adds the Danish texts the templates show for one appointment of report_person or
 * report_people: dates (KEY_da), status, seat and organisation. */
static void decorate(json_t *a)
{
	static const char *const keys[] = {"start", "end", "last_allowed_day", "earliest_return",
	                                   NULL};
	for (const char *const *k = keys; *k; k++) {
		char name[64], da[40];
		snprintf(name, sizeof name, "%s_da", *k);
		report_date_short_da(get_date(a, *k), da, sizeof da);
		json_object_set_new(a, name, json_string(da));
	}
	const char *st = json_string_value(json_object_get(a, "status"));
	if (st)
		json_object_set_new(a, "status_da",
		                    json_string(!strcmp(st, "current")   ? "nuværende"
		                                : !strcmp(st, "planned") ? "planlagt"
		                                                         : "tidligere"));
	const char *seat = json_string_value(json_object_get(a, "seat"));
	const char *org = json_string_value(json_object_get(a, "organisation"));
	char s[120];
	snprintf(s, sizeof s, "%s%s%s", seat_text(seat), strcmp(org, seat) ? ", ansat i " : "",
	         strcmp(org, seat) ? (!strcmp(org, "kommune") ? "en kommune" : org) : "");
	json_object_set_new(a, "seat_text", json_string(s));
	json_object_set_new(a, "org_text", json_string(!strcmp(org, "kommune") ? "Kommune" : org));
}

#define PAGE 200

/* base (ending in '?' or '&') + "side=N" as a JSON string. */
static json_t *page_href(const char *base, size_t page)
{
	char *s = xasprintf("%sside=%zu", base, page);
	json_t *o = json_string(s);
	free(s);
	return o;
}

/* Per person of the register: where they come from (the municipalities, or KL, UDK, KOMBIT,
 * of the appointments serving on day, else of the latest one) as one text, and whether q
 * matches a municipality of any of their appointments. */
struct person_where {
	char text[200];
	bool q_munic;
	fk_date latest;
	bool any_current;
};

static void where_of(const struct web_req *r, const struct reg *reg, const char *q,
                     struct person_where *w)
{
	const struct munic_table *mt = r->app->mt;
	for (size_t i = 0; i < reg->nappts; i++) {
		const struct reg_appt *a = &reg->appts[i];
		struct person_where *x = &w[a->person];
		const struct munic *mu = a->munic ? munic_find(mt, a->munic) : NULL;
		const char *name = mu ? mu->name : seat_name(a->org);
		if (q && *q && mu && report_text_match(mu->name, q))
			x->q_munic = true;
		bool cur = a->start <= r->today && r->today <= a->end;
		if (cur && !x->any_current) {
			x->any_current = true;
			x->text[0] = '\0';
		}
		if (cur) {
			if (!strstr(x->text, name))
				snprintf(x->text + strlen(x->text), sizeof x->text - strlen(x->text), "%s%s",
				         x->text[0] ? ", " : "", name);
		} else if (!x->any_current && a->start >= x->latest) {
			x->latest = a->start;
			snprintf(x->text, sizeof x->text, "%s", name);
		}
	}
}

static const struct sort_col people_cols[] = {
    {"navn", "Navn"}, {"kommune", "Kommune"}, {"gruppe", "Sidder nu i"}, {"email", "E-mail"}};

int page_people(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *q = web_query(r, "q"), *bid = web_query(r, "body"),
	           *past = web_query(r, "past");
	bool with_past =
	    past && (!strcmp(past, "1") || !strcmp(past, "on") || !strcmp(past, "true"));
	bool priv = web_private(r);
	int b = -1;
	const char *bad_body = NULL;
	if (bid && *bid && (b = model_body_index(m, bid)) < 0)
		bad_body = bid;
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	/* Bodies to filter by: those with seats, and any other that has appointments. */
	bool *used = xcalloc(m->nbodies + 1, sizeof *used);
	for (size_t i = 0; i < reg.nappts; i++)
		used[reg.appts[i].body] = true;
	json_t *opts = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		int seats = 0;
		for (int s = 0; s < SEAT__MAX; s++)
			seats += m->bodies[i].seats[s];
		if (seats || used[i])
			json_array_append_new(
			    opts, json_pack("{s:s, s:s, s:b}", "id", m->bodies[i].id, "name",
			                    m->bodies[i].name, "selected", (int)i == b));
	}
	free(used);

	/* A page of PAGE people; ?side=N (from 1) for the others. */
	size_t page = 1;
	const char *ps = web_query(r, "side");
	if (ps && *ps) {
		char *end;
		unsigned long v = strtoul(ps, &end, 10);
		if (!*end && v >= 1 && v < 1000000)
			page = v;
	}
	/* Everyone in the body filter; the search (name, id, municipality, and e-mail for
	 * logged-in users), the order and the page are chosen here. */
	json_t *doc = report_people(m, r->app->mt, &reg, r->today, NULL, b, with_past, 0, 0, priv);
	size_t total = reg.npersons;
	struct person_where *w = xcalloc(reg.npersons + 1, sizeof *w);
	where_of(r, &reg, q, w);
	struct strmap ix;
	strmap_init(&ix);
	for (size_t i = 0; i < reg.npersons; i++)
		strmap_put(&ix, reg.persons[i].key, (int64_t)i);
	json_t *all = json_object_get(doc, "people"), *kept = json_array();
	for (size_t i = 0; i < json_array_size(all); i++) {
		json_t *x = json_array_get(all, i);
		int64_t k = -1;
		(void)strmap_get(&ix, json_string_value(json_object_get(x, "person")), &k);
		if (k < 0)
			continue;
		const struct reg_person *rp = &reg.persons[k];
		bool hit = !q || !*q || report_text_match(rp->name, q) || report_text_match(rp->key, q) ||
		           (priv && rp->email && report_text_match(rp->email, q)) || w[k].q_munic;
		if (!hit)
			continue;
		json_object_set_new(x, "where", json_string(w[k].text));
		json_t *cur = json_object_get(x, "current");
		json_object_set_new(x, "first_body",
		                    json_array_size(cur)
		                        ? json_incref(json_object_get(json_array_get(cur, 0), "body_name"))
		                        : json_null());
		json_array_append(kept, x);
	}
	strmap_free(&ix);
	free(w);
	reg_free(&reg);

	/* The order: ?sort= and ?dir=, by name when not given. */
	struct buf base;
	buf_init(&base);
	buf_adds(&base, "/people?");
	sort_url_arg(&base, "q", q);
	sort_url_arg(&base, "body", b >= 0 ? bid : NULL);
	sort_url_arg(&base, "past", with_past ? "1" : NULL);
	int col;
	bool desc;
	json_t *heads = sort_headers(r, people_cols, priv ? 4 : 3, 0, base.s, &col, &desc);
	static const char *const sort_key[] = {"name", "where", "first_body", "email"};
	if (col != 0 || desc)
		sort_json(kept, sort_key[col], desc);

	size_t n = json_array_size(kept);
	size_t from = (page - 1) * PAGE < n ? (page - 1) * PAGE : n;
	json_t *people = json_array();
	for (size_t i = from; i < n && i < from + PAGE; i++)
		json_array_append(people, json_array_get(kept, i));
	json_decref(kept);
	json_object_set(doc, "people", people);
	json_decref(people);
	json_object_set_new(doc, "total", json_integer((json_int_t)n));
	json_object_set_new(doc, "q", q && *q ? json_string(q) : json_null());
	for (size_t i = 0; i < json_array_size(people); i++) {
		json_t *x = json_array_get(people, i);
		json_t *cur = json_object_get(x, "current"), *plan = json_object_get(x, "planned");
		for (size_t k = 0; k < json_array_size(cur); k++)
			decorate(json_array_get(cur, k));
		for (size_t k = 0; k < json_array_size(plan); k++)
			decorate(json_array_get(plan, k));
		json_object_set_new(x, "current_any", json_boolean(json_array_size(cur) > 0));
		json_object_set_new(x, "planned_any", json_boolean(json_array_size(plan) > 0));
	}
	char s[300];
	bool filtered = (q && *q) || b >= 0;
	if (filtered)
		snprintf(s, sizeof s, "%zu af %zu personer passer på søgningen.", n, total);
	else
		snprintf(s, sizeof s, "%zu personer i registret.", n);
	size_t pages = (n + PAGE - 1) / PAGE;
	if (pages > 1) {
		size_t shown = json_array_size(people);
		size_t first = (page - 1) * PAGE + 1;
		snprintf(s + strlen(s), sizeof s - strlen(s),
		         " Viser nr. %zu–%zu (side %zu af %zu).", shown ? first : 0,
		         shown ? first + shown - 1 : 0, page, pages);
		/* Links to the previous and next page, keeping the filter and the order. */
		if (col != 0 || desc)
			buf_printf(&base, "sort=%s&dir=%s&", people_cols[col].key, desc ? "desc" : "asc");
		if (page > 1)
			json_object_set_new(doc, "prev_href", page_href(base.s, page - 1));
		if (page < pages)
			json_object_set_new(doc, "next_href", page_href(base.s, page + 1));
	}
	buf_free(&base);
	json_object_set_new(doc, "heads", heads);
	json_object_set_new(doc, "count_text", json_string(s));
	json_object_set_new(doc, "people_any", json_boolean(n > 0));
	json_object_set_new(doc, "filtered", json_boolean(filtered));
	json_object_set_new(doc, "body_options", opts);
	json_object_set_new(doc, "q_value", json_string(q ? q : ""));
	if (bad_body) {
		snprintf(s, sizeof s,
		         "Der er ingen gruppe med id »%.60s«; der er søgt i alle grupper.",
		         bad_body);
		json_object_set_new(doc, "notice", json_string(s));
	}
	char da[40];
	date_format_da(r->today, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(doc, "title", json_string("Personer"));
	p->doc = doc;
	p->cacheable = true;
	return 0;
}

/* "et år", "2 år": n years in words as the Danish text reads them. */
static void years_da(int n, char *out, size_t len)
{
	if (n == 1)
		snprintf(out, len, "et år");
	else
		snprintf(out, len, "%d år", n);
}

static void da_short(fk_date t, char *out, size_t n)
{
	report_date_short_da(t, out, n);
}

/* The stints of person who in each body (SPEC §3), as rules_stints forms them, with the
 * last allowed day and why appointments count as one stint:
 * [{body, body_name, periods: [{from_da, to_da, last_da, limit, why: [text]}]}]. */
static json_t *stints_json(const struct model *m, const struct reg *reg, int32_t who,
                           fk_date today)
{
	json_t *bodies = json_array();
	const struct reg_appt **pa = xmalloc((reg->nappts + 1) * sizeof *pa);
	size_t *stint_of = xmalloc((reg->nappts + 1) * sizeof *stint_of);
	for (size_t i = 0; i < reg->nappts;) {
		size_t j = i;
		while (j < reg->nappts && reg->appts[j].person == reg->appts[i].person &&
		       reg->appts[j].body == reg->appts[i].body)
			j++;
		if (reg->appts[i].person != who) {
			i = j;
			continue;
		}
		const struct model_body *b = &m->bodies[reg->appts[i].body];
		size_t n = j - i;
		for (size_t x = 0; x < n; x++)
			pa[x] = &reg->appts[i + x];
		size_t ns = rules_stints(pa, n, b->cooloff_years, stint_of);
		json_t *periods = json_array();
		char d1[40], d2[40], d3[40], yrs[20], cy[20];
		years_da(b->term_years, yrs, sizeof yrs);
		years_da(b->cooloff_years, cy, sizeof cy);
		for (size_t st = 0, x = 0; st < ns; st++) {
			size_t y = x;
			while (y < n && stint_of[y] == st)
				y++;
			/* stint = pa[x..y) */
			json_t *why = json_array();
			fk_date mstart = DATE_NONE;
			for (size_t k = x; k < y; k++) {
				if (pa[k]->seat == SEAT_KOMMUNE && mstart == DATE_NONE)
					mstart = pa[k]->start;
				if (k == x || pa[k - 1]->end == DATE_OPEN)
					continue;
				char t[400];
				da_short(pa[k]->start, d1, sizeof d1);
				if (pa[k]->start <= pa[k - 1]->end + 1)
					snprintf(t, sizeof t,
					         "Udpegningen fra %s følger lige efter den forrige, så de "
					         "tæller som én periode (en genudpegning).",
					         d1);
				else {
					da_short(pa[k - 1]->end + 1, d2, sizeof d2);
					da_short(pa[k]->start - 1, d3, sizeof d3);
					snprintf(t, sizeof t,
					         "Pausen fra %s til %s var under %s, så de to udpegninger "
					         "tæller som én periode.",
					         d2, d3, cy);
				}
				json_array_append_new(why, json_string(t));
			}
			fk_date end = pa[y - 1]->end;
			json_t *o = json_object();
			da_short(pa[x]->start, d1, sizeof d1);
			json_object_set_new(o, "from_da", json_string(d1));
			if (end != DATE_OPEN) {
				da_short(end, d2, sizeof d2);
				json_object_set_new(o, "to_da", json_string(d2));
			}
			json_object_set_new(o, "count", json_integer((json_int_t)(y - x)));
			if (b->term_years > 0 && mstart != DATE_NONE) {
				fk_date last = rules_last_allowed(mstart, b->term_years);
				char t[400];
				da_short(last, d2, sizeof d2);
				da_short(mstart, d1, sizeof d1);
				json_object_set_new(o, "last_da", json_string(d2));
				int n1 = snprintf(t, sizeof t,
				                  "Perioden på kommunal plads startede %s, og man må sidde "
				                  "højst %s ad gangen, så den sidste tilladte dag er %s.",
				                  d1, yrs, d2);
				bool over = (end == DATE_OPEN && today > last) || (end != DATE_OPEN && end > last);
				if (over)
					snprintf(t + n1, sizeof t - (size_t)n1,
					         " Perioden er længere end tilladt: afslut udpegningen.%s",
					         b->cooloff_years > 0 ? " Personen kan tidligst udpeges igen "
					                                "efter en pause på karensen."
					                              : "");
				else if (b->cooloff_years > 0) {
					da_short(date_add_years((end != DATE_OPEN ? end : last) + 1,
					                        b->cooloff_years),
					         d3, sizeof d3);
					snprintf(t + n1, sizeof t - (size_t)n1,
					         " %s kan personen tidligst udpeges igen %s.",
					         end != DATE_OPEN ? "Derefter" : "Sidder personen perioden ud,",
					         d3);
				}
				json_object_set_new(o, "limit", json_string(t));
			}
			json_object_set_new(o, "why", why);
			json_object_set_new(o, "why_any", json_boolean(json_array_size(why) > 0));
			json_array_append_new(periods, o);
			x = y;
		}
		json_array_append_new(bodies, json_pack("{s:s, s:s, s:o}", "body", b->id, "body_name",
		                                        b->name, "periods", periods));
		i = j;
	}
	free(pa);
	free(stint_of);
	return bodies;
}

int page_person(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	int32_t who = reg_person_find(&reg, r->param);
	if (who < 0) {
		reg_free(&reg);
		return web_error(r, p, 404,
		                 "Der er ingen person med id »%s« i registret. Søg under Personer.",
		                 r->param);
	}
	json_t *doc = report_person(r->app->model, r->app->mt, &reg, who, r->today, web_private(r));
	json_t *stints = stints_json(r->app->model, &reg, who, r->today);
	json_object_set_new(doc, "stints_any", json_boolean(json_array_size(stints) > 0));
	json_object_set_new(doc, "stints", stints);
	/* Others with the same name or e-mail: likely the same person, registered twice. */
	if (web_private(r)) {
		int32_t v[8];
		size_t ns = reg_person_similar(&reg, reg.persons[who].name, reg.persons[who].email,
		                               who, v, 8);
		json_t *sim = json_array();
		for (size_t i = 0; i < ns && i < 8; i++)
			json_array_append_new(
			    sim, json_pack("{s:s, s:s, s:o, s:s, s:s}", "person", reg.persons[v[i]].key,
			                   "name", reg.persons[v[i]].name, "email",
			                   report_str(reg.persons[v[i]].email), "root_person",
			                   reg.persons[who].key, "root_name", reg.persons[who].name));
		json_object_set_new(doc, "has_similar", json_boolean(ns > 0));
		json_object_set_new(doc, "similar", sim);
	}
	reg_free(&reg);
	/* What the form before did (the redirects of page_forms.c). */
	const char *done = web_query(r, "rettet") ? "Navn og e-mail er rettet. Ændringen er skrevet i revisionsloggen."
	                   : web_query(r, "slettet") ? "Udpegningen er slettet. Begrundelsen er skrevet i revisionsloggen."
	                   : NULL;
	char msg[200];
	const char *merged = web_query(r, "sammenlagt");
	if (merged) {
		snprintf(msg, sizeof msg,
		         "Personerne er lagt sammen: %d udpegning(er) er flyttet hertil, og dubletten er "
		         "slettet. Det er skrevet i revisionsloggen.",
		         atoi(merged));
		done = msg;
	}
	if (done)
		json_object_set_new(doc, "flash", json_string(done));
	json_t *arr = json_object_get(doc, "appointments");
	json_t *now = json_array();
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *a = json_array_get(arr, i);
		decorate(a);
		const char *st = json_string_value(json_object_get(a, "status"));
		json_object_set_new(a, "endable",
		                    json_boolean(strcmp(st, "past") != 0 &&
		                                 json_integer_value(json_object_get(a, "id"))));
		/* The last allowed day counts from the start of the stint, which may be an
		 * earlier appointment: say so beside it. */
		const char *ss = json_string_value(json_object_get(a, "stint_start")),
		           *sa = json_string_value(json_object_get(a, "start"));
		if (ss && sa && strcmp(ss, sa)) {
			char da2[40];
			report_date_short_da(get_date(a, "stint_start"), da2, sizeof da2);
			json_object_set_new(a, "stint_from_da", json_string(da2));
		}
		if (!strcmp(st, "current"))
			json_array_append_new(
			    now, json_pack("{s:O, s:O}", "body", json_object_get(a, "body"),
			                   "body_name", json_object_get(a, "body_name")));
	}
	json_object_set_new(doc, "appointments_any", json_boolean(json_array_size(arr) > 0));
	json_object_set_new(doc, "now_any", json_boolean(json_array_size(now) > 0));
	json_object_set_new(doc, "now", now);
	char da[40];
	date_format_da(r->today, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(doc, "title",
	                    json_string(json_string_value(json_object_get(doc, "name"))));
	p->doc = doc;
	p->cacheable = true;
	return 0;
}
