/* GET /people: everyone in the register with their current and planned bodies, filtered by
 * name or id (?q=) and by body (?body=, with ?past=1 also former members);
 * GET /people/{key}: one person with every appointment. E-mail addresses only for logged-in
 * users (report_people / report_person leave them out otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages.h"

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

/* Appends "name=value&" to b, the value percent-encoded; nothing for NULL or "". */
static void url_arg(struct buf *b, const char *name, const char *value)
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

/* base (ending in '?' or '&') + "side=N" as a JSON string. */
static json_t *page_href(const char *base, size_t page)
{
	char *s = xasprintf("%sside=%zu", base, page);
	json_t *o = json_string(s);
	free(s);
	return o;
}

int page_people(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *q = web_query(r, "q"), *bid = web_query(r, "body"),
	           *past = web_query(r, "past");
	bool with_past =
	    past && (!strcmp(past, "1") || !strcmp(past, "on") || !strcmp(past, "true"));
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
	json_t *doc = report_people(m, r->app->mt, &reg, r->today, q, b, with_past,
	                            (page - 1) * PAGE, PAGE, web_private(r));
	size_t total = reg.npersons;
	reg_free(&reg);
	json_t *people = json_object_get(doc, "people");
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
	size_t n = (size_t)json_integer_value(json_object_get(doc, "total"));
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
		/* Links to the previous and next page, keeping the filter. */
		struct buf base;
		buf_init(&base);
		buf_adds(&base, "/people?");
		url_arg(&base, "q", q);
		url_arg(&base, "body", b >= 0 ? bid : NULL);
		url_arg(&base, "past", with_past ? "1" : NULL);
		if (page > 1)
			json_object_set_new(doc, "prev_href", page_href(base.s, page - 1));
		if (page < pages)
			json_object_set_new(doc, "next_href", page_href(base.s, page + 1));
		buf_free(&base);
	}
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
	reg_free(&reg);
	json_t *arr = json_object_get(doc, "appointments");
	json_t *now = json_array();
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *a = json_array_get(arr, i);
		decorate(a);
		const char *st = json_string_value(json_object_get(a, "status"));
		json_object_set_new(a, "endable",
		                    json_boolean(strcmp(st, "past") != 0 &&
		                                 json_integer_value(json_object_get(a, "id"))));
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
