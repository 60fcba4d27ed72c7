/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /bodies/{id}: a body — what it is and may do, its current members, vacancies, planned
 * appointments, the findings concerning it (logged in) and a timeline of every stint for term
 * planning, drawn as SVG from coordinates computed here (templates/body.mustache). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "store/check_all.h"
#include "web/pages.h"

/* ------------------------------------------------------------------ small helpers */
/* A coordinate, rounded to a tenth of a pixel. */
static json_t *num(double v)
{
	return json_real(round(v * 10.0) / 10.0);
}

static fk_date get_date(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	fk_date t;
	if (!s || date_parse(s, strlen(s), &t) != 0)
		return DATE_NONE;
	return t;
}

/* Adds KEY_da ("1. jan. 2027", or "" for null) next to each date key of o. */
static void add_da(json_t *o, const char *const *keys)
{
	for (; *keys; keys++) {
		char name[64], da[40];
		snprintf(name, sizeof name, "%s_da", *keys);
		report_date_short_da(get_date(o, *keys), da, sizeof da);
		json_object_set_new(o, name, json_string(da));
	}
}

static const char *seat_label(const char *seat, int n)
{
	if (!strcmp(seat, "kommune"))
		return n == 1 ? "kommunal plads" : "kommunale pladser";
	if (!strcmp(seat, "KL"))
		return n == 1 ? "KL-plads" : "KL-pladser";
	if (!strcmp(seat, "UDK"))
		return n == 1 ? "UDK-plads" : "UDK-pladser";
	return n == 1 ? "KOMBIT-plads" : "KOMBIT-pladser";
}

/* "Aarhus", or "" */
static const char *munic_name(const struct munic_table *mt, const char *code)
{
	const struct munic *mu = code ? munic_find(mt, atoi(code)) : NULL;
	return mu ? mu->name : "";
}

/* Copies at most max characters of the UTF-8 string s into out, ending in "…" when cut. */
static void ellipsize(const char *s, size_t max, char *out, size_t n)
{
	size_t chars = 0, i = 0;
	while (s[i] && chars < max) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	snprintf(out, n, "%.*s%s", (int)i, s, s[i] ? "…" : "");
}

/* Sets KEY_any to whether the array o.KEY has elements, for each key: the templates wrap a
 * table or a list in {{#KEY_any}} (a section over the array itself would repeat it). */
static void set_any(json_t *o, const char *const *keys)
{
	for (; *keys; keys++) {
		char name[64];
		snprintf(name, sizeof name, "%s_any", *keys);
		json_object_set_new(o, name,
		                    json_boolean(json_array_size(json_object_get(o, *keys)) > 0));
	}
}

/* ------------------------------------------------------------------ the timeline */
#define TL_W 1000.0
#define TL_X0 200.0 /* the chart starts here; the names are left of it */
#define TL_X1 988.0
#define TL_TOP 34.0 /* first row */
#define TL_ROW 26.0
#define TL_BAR 14.0
#define TL_MAX_ROWS 150 /* rows drawn at most */

struct scale {
	fk_date from, to;
};

static double xpos(const struct scale *s, fk_date t)
{
	if (t < s->from)
		t = s->from;
	if (t > s->to + 1)
		t = s->to + 1;
	return TL_X0 + (double)(t - s->from) * (TL_X1 - TL_X0) / (double)(s->to + 1 - s->from);
}

/* A rectangle covering the days [a, b] (inclusive), clipped to the window; NULL when outside. */
static json_t *span(const struct scale *s, fk_date a, fk_date b, double y, double h,
                    const char *cls, const char *title)
{
	if (b < s->from || a > s->to || b < a)
		return NULL;
	double x0 = xpos(s, a), x1 = xpos(s, b + 1);
	if (x1 - x0 < 1.5)
		x1 = x0 + 1.5;
	return json_pack("{s:o, s:o, s:o, s:o, s:s, s:s}", "x", num(x0), "y", num(y), "w",
	                 num(x1 - x0), "h", num(h), "cls", cls, "title", title);
}

static void push(json_t *arr, json_t *o)
{
	if (o)
		json_array_append_new(arr, o);
}

static const char *seat_class(const char *seat)
{
	return !strcmp(seat, "kommune") ? "kommune"
	       : !strcmp(seat, "KL")    ? "kl"
	       : !strcmp(seat, "UDK")   ? "udk"
	                                : "kombit";
}

/* The term (municipal stint) of terms holding appointment a, or NULL. */
static json_t *term_of(json_t *terms, json_t *a)
{
	if (strcmp(json_string_value(json_object_get(a, "seat")), "kommune"))
		return NULL;
	fk_date st = get_date(a, "start");
	json_t *found = NULL;
	for (size_t i = 0; i < json_array_size(terms); i++) {
		json_t *t = json_array_get(terms, i);
		if (get_date(t, "start") <= st)
			found = t;
	}
	return found;
}

/* Builds the drawing (view.timeline) and the text alternative (view.periods) from the
 * timeline of the report. */
static void timeline_view(const struct web_req *r, const struct model_body *b, json_t *tl,
                          json_t *view)
{
	const struct munic_table *mt = r->app->mt;
	struct scale sc = {get_date(tl, "from"), get_date(tl, "to")};
	fk_date d = get_date(tl, "date");
	json_t *rows = json_object_get(tl, "rows");
	size_t nrows = json_array_size(rows);
	double height = TL_TOP + (double)nrows * TL_ROW + 26.0;
	json_t *out_rows = json_array(), *periods = json_array();
	char t[700], d1[40], d2[40], d3[80], d4[40];

	for (size_t k = 0; k < nrows; k++) {
		json_t *row = json_array_get(rows, k);
		const char *name = json_string_value(json_object_get(row, "name"));
		const char *person = json_string_value(json_object_get(row, "person"));
		json_t *terms = json_object_get(row, "terms"),
		       *appts = json_object_get(row, "appointments");
		double y = TL_TOP + (double)k * TL_ROW;
		json_t *cools = json_array(), *bars = json_array(), *overs = json_array(),
		       *limits = json_array();

		/* Cooling-off, limits and overruns: per term. */
		for (size_t i = 0; i < json_array_size(terms); i++) {
			json_t *tm = json_array_get(terms, i);
			fk_date last = get_date(tm, "last_allowed_day");
			fk_date cool = get_date(tm, "cooloff_start"),
			        back = get_date(tm, "earliest_return");
			bool projected = json_is_true(json_object_get(tm, "projected"));
			if (cool != DATE_NONE && back != DATE_NONE) {
				date_format_da(cool, d1, sizeof d1);
				date_format_da(back - 1, d2, sizeof d2);
				date_format_da(back, d3, sizeof d3);
				snprintf(t, sizeof t,
				         projected ? "%s: pause fra %s til og med %s, hvis "
				                     "perioden slutter ved "
				                     "udløbet; kan tidligst genudpeges %s"
				                   : "%s: pause fra %s til og med %s; kan tidligst "
				                     "genudpeges %s",
				         name, d1, d2, d3);
				push(cools,
				     span(&sc, cool, back - 1, y + 3, TL_ROW - 6,
				          projected ? "tl-cool tl-projected" : "tl-cool", t));
			}
			if (last != DATE_NONE) {
				if (last >= sc.from && last <= sc.to) {
					date_format_da(last, d1, sizeof d1);
					snprintf(
					    t, sizeof t,
					    "%s: sidste tilladte dag %s (højst %d år ad gangen)",
					    name, d1, b->term_years);
					double x = xpos(&sc, last + 1);
					json_array_append_new(
					    limits, json_pack("{s:o, s:o, s:o, s:o, s:o, s:s}", "x",
					                      num(x), "y1", num(y + 1), "y2",
					                      num(y + TL_ROW - 1), "tx", num(x - 4),
					                      "ty", num(y + 5), "title", t));
				}
			}
		}

		/* A bar per appointment: solid up to today (or its end), planned ones lighter, and
		 * the open ones continued lightly to the last allowed day (or the window's end). */
		for (size_t i = 0; i < json_array_size(appts); i++) {
			json_t *a = json_array_get(appts, i);
			const char *seat = json_string_value(json_object_get(a, "seat"));
			const char *status = json_string_value(json_object_get(a, "status"));
			const char *mcode = json_string_value(json_object_get(a, "municipality"));
			fk_date st = get_date(a, "start"), en = get_date(a, "end");
			json_t *tm = term_of(terms, a);
			fk_date last = tm ? get_date(tm, "last_allowed_day") : DATE_NONE;
			fk_date cont = last != DATE_NONE ? last : sc.to;
			char cls[80], where[160];
			const char *mn = munic_name(mt, mcode);
			snprintf(where, sizeof where, "%s%s%s%s", seat_label(seat, 1),
			         *mn ? " (" : "", mn, *mn ? ")" : "");
			date_format_da(st, d1, sizeof d1);
			if (en != DATE_NONE)
				date_format_da(en, d2, sizeof d2);
			else
				snprintf(d2, sizeof d2, "ingen slutdato");
			d3[0] = '\0';
			if (last != DATE_NONE) {
				date_format_da(last, d4, sizeof d4);
				snprintf(d3, sizeof d3, "; sidste tilladte dag %s", d4);
			}
			snprintf(t, sizeof t, "%s: %s, %s – %s%s%s", name, where, d1, d2,
			         !strcmp(status, "planned") ? " (planlagt)" : "", d3);
			/* The part of a municipal appointment after the last allowed day of its
			 * term. */
			if (last != DATE_NONE) {
				fk_date o0 = st > last ? st : last + 1;
				fk_date o1 = en != DATE_NONE              ? en
				             : !strcmp(status, "planned") ? cont
				                                          : d;
				if (o1 >= o0) {
					date_format_da(last, d4, sizeof d4);
					char ot[300];
					snprintf(ot, sizeof ot,
					         "%s: sidder ud over den sidste tilladte dag, %s "
					         "(højst %d år ad gangen)",
					         name, d4, b->term_years);
					push(overs,
					     span(&sc, o0, o1, y + 6, TL_BAR, "tl-over", ot));
				}
			}
			if (!strcmp(status, "planned")) {
				snprintf(cls, sizeof cls, "tl-bar tl-%s tl-planned",
				         seat_class(seat));
				push(bars, span(&sc, st, en != DATE_NONE ? en : cont, y + 6, TL_BAR,
				                cls, t));
			} else {
				snprintf(cls, sizeof cls, "tl-bar tl-%s", seat_class(seat));
				push(bars, span(&sc, st, en != DATE_NONE ? en : d, y + 6, TL_BAR,
				                cls, t));
				if (en == DATE_NONE && cont > d) {
					snprintf(cls, sizeof cls, "tl-bar tl-%s tl-open",
					         seat_class(seat));
					push(bars, span(&sc, d + 1, cont, y + 6, TL_BAR, cls, t));
				}
			}

			/* The text alternative: one line per appointment. */
			json_t *pr =
			    json_pack("{s:s, s:s, s:s, s:s}", "person", person, "name", name,
			              "seat", seat_label(seat, 1), "municipality", mn);
			report_date_short_da(st, d1, sizeof d1);
			json_object_set_new(pr, "start_da", json_string(d1));
			report_date_short_da(en, d2, sizeof d2);
			json_object_set_new(pr, "end_da",
			                    json_string(en != DATE_NONE ? d2 : "ingen slutdato"));
			report_date_short_da(last, d3, sizeof d3);
			json_object_set_new(pr, "last_da", json_string(d3));
			fk_date back = tm ? get_date(tm, "earliest_return") : DATE_NONE;
			report_date_short_da(back, d4, sizeof d4);
			json_object_set_new(pr, "back_da", json_string(d4));
			json_object_set_new(
			    pr, "back_projected",
			    json_boolean(tm && back != DATE_NONE &&
			                 json_is_true(json_object_get(tm, "projected"))));
			json_object_set_new(
			    pr, "over_limit",
			    json_boolean(tm && json_is_true(json_object_get(tm, "over_limit"))));
			json_object_set_new(pr, "status", json_string(status));
			json_object_set_new(pr, "status_da",
			                    json_string(!strcmp(status, "current") ? "nuværende"
			                                : !strcmp(status, "planned")
			                                    ? "planlagt"
			                                    : "tidligere"));
			json_array_append_new(periods, pr);
		}

		char label[200];
		ellipsize(name, 26, label, sizeof label);
		json_array_append_new(
		    out_rows,
		    json_pack("{s:o, s:o, s:o, s:o, s:b, s:s, s:s, s:o, s:o, s:o, s:o}", "y",
		              num(y), "h", num(TL_ROW), "ty", num(y + 18), "lx", num(TL_X0 - 8),
		              "stripe", k % 2 == 1, "label", label, "name", name, "cools", cools,
		              "bars", bars, "overs", overs, "limits", limits));
	}

	/* Years along the top, a grid line at each new year, today as a line. */
	json_t *years = json_array();
	int fy = date_year(sc.from), ty = date_year(sc.to);
	int every = ty - fy + 1 > 16 ? 2 : 1;
	for (int yr = fy; yr <= ty; yr++) {
		char lab[8];
		snprintf(lab, sizeof lab, "%d", yr);
		double x = xpos(&sc, date_from_ymd(yr, 1, 1));
		double mid = (x + xpos(&sc, date_from_ymd(yr + 1, 1, 1))) / 2;
		json_array_append_new(years,
		                      json_pack("{s:o, s:o, s:s}", "x", num(x), "mid", num(mid),
		                                "label", (yr - fy) % every ? "" : lab));
	}
	json_t *today = json_null();
	if (d >= sc.from && d <= sc.to) {
		double x = (xpos(&sc, d) + xpos(&sc, d + 1)) / 2;
		date_format_da(d, d1, sizeof d1);
		today = json_pack("{s:o, s:o, s:o, s:o, s:s}", "x", num(x), "y1", num(TL_TOP - 6),
		                  "y2", num(height - 20), "ty", num(height - 6), "date_da", d1);
	}
	date_format_da(sc.from, d1, sizeof d1);
	date_format_da(sc.to, d2, sizeof d2);
	json_object_set_new(view, "timeline",
	                    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:i}",
	                              "width", num(TL_W), "height", num(height), "x0", num(TL_X0),
	                              "x1", num(TL_X1), "grid_y2", num(height - 20), "rows",
	                              out_rows, "years", years, "today", today, "from_da", d1,
	                              "to_da", d2, "count", (int)nrows));
	json_object_set_new(view, "periods", periods);
}

/* ------------------------------------------------------------------ the page */
static void describe_rules(const struct model_body *b, json_t *o)
{
	char s[400];
	json_t *term = json_object_get(o, "term");
	if (json_is_object(term)) {
		if (b->term_years && b->cooloff_years)
			snprintf(s, sizeof s,
			         "Kommunale medlemmer sidder højst %d år ad gangen og kan "
			         "genudpeges efter "
			         "%d års pause.",
			         b->term_years, b->cooloff_years);
		else if (b->term_years)
			snprintf(s, sizeof s, "Kommunale medlemmer sidder højst %d år ad gangen.",
			         b->term_years);
		else
			snprintf(s, sizeof s,
			         "Kommunale medlemmer kan genudpeges efter %d års pause.",
			         b->cooloff_years);
		json_object_set_new(o, "term_text", json_string(s));
	}
	json_t *sen = json_object_get(o, "seniority");
	if (json_is_object(sen)) {
		snprintf(
		    s, sizeof s,
		    "Det tilstræbes, at mindst %d/%d af medlemmerne har mindst %d års anciennitet. "
		    "Nu har %d af %d medlemmer det; det kræver %d.",
		    b->quota_num, b->quota_den, b->seniority_years,
		    (int)json_integer_value(json_object_get(sen, "senior")),
		    (int)json_integer_value(json_object_get(o, "member_count")),
		    (int)json_integer_value(json_object_get(sen, "required")));
		json_object_set_new(o, "seniority_text", json_string(s));
	}
	if (b->region_target) {
		snprintf(s, sizeof s, "De kommunale medlemmer skal komme fra mindst %d regioner.",
		         b->region_target);
		json_object_set_new(o, "region_text", json_string(s));
	}
	json_t *seats = json_array();
	for (int k = 0; k < SEAT__MAX; k++)
		if (b->seats[k]) {
			snprintf(s, sizeof s, "%d %s", b->seats[k],
			         seat_label(seat_name(k), b->seats[k]));
			json_array_append_new(seats, json_string(s));
		}
	json_object_set_new(o, "seat_texts", seats);
}

static void decorate_members(json_t *arr, fk_date d, const struct model_body *b)
{
	static const char *const keys[] = {
	    "start",           "end", "stint_start", "stint_end", "last_allowed_day",
	    "earliest_return", NULL};
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *m = json_array_get(arr, i);
		add_da(m, keys);
		const char *org = json_string_value(json_object_get(m, "organisation"));
		const char *seat = json_string_value(json_object_get(m, "seat"));
		char s[120];
		if (!strcmp(org, seat))
			snprintf(s, sizeof s, "%s", !strcmp(seat, "kommune") ? "Kommune" : seat);
		else
			snprintf(s, sizeof s, "%s på %s", !strcmp(org, "kommune") ? "Kommune" : org,
			         seat_label(seat, 1));
		json_object_set_new(m, "seat_text", json_string(s));
		fk_date last = get_date(m, "last_allowed_day");
		json_object_set_new(m, "over_limit", json_boolean(last != DATE_NONE && last < d));
		json_object_set_new(
		    m, "expiring",
		    json_boolean(last != DATE_NONE && last >= d &&
		                 last <
		                     d + (b->term_warning_days > 0 ? b->term_warning_days : 90)));
		json_object_set_new(m, "has_end", json_boolean(get_date(m, "end") != DATE_NONE));
	}
}

int page_body(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	int bi = model_body_index(m, r->param);
	if (bi < 0)
		return web_error(
		    r, p, 404,
		    "Der er ingen gruppe med id »%s«. Se organisationen for de grupper, der "
		    "findes.",
		    r->param);
	const struct model_body *b = &m->bodies[bi];
	fk_date d = r->today;
	const char *qd = web_query(r, "date");
	if (qd && *qd && date_parse_da(qd, strlen(qd), &d) != 0)
		return web_error(
		    r, p, 400,
		    "Datoen »%s« kan ikke læses. Skriv dag, måned og år, fx 1-3-2027.", qd);
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	bool priv = web_private(r);
	struct findings f;
	findings_init(&f);
	if (priv)
		(void)check_all(r->st, m, r->app->mt, &reg, d, &f);
	json_t *o = report_body(m, r->app->mt, &reg, bi, d, priv ? &f : NULL, priv);
	json_t *tl = report_timeline(m, &reg, bi, d);
	findings_free(&f);
	reg_free(&reg);

	decorate_members(json_object_get(o, "members"), d, b);
	decorate_members(json_object_get(o, "planned"), d, b);
	describe_rules(b, o);
	json_t *vac = json_object_get(o, "vacancies");
	for (size_t i = 0; i < json_array_size(vac); i++) {
		json_t *v = json_array_get(vac, i);
		int n = (int)json_integer_value(json_object_get(v, "count"));
		char s[80];
		snprintf(s, sizeof s, "%d ledig%s %s", n, n == 1 ? "" : "e",
		         seat_label(json_string_value(json_object_get(v, "seat")), n));
		json_object_set_new(v, "label", json_string(s));
	}
	/* Findings: errors first, otherwise in the order of the rules. */
	json_t *fs = json_object_get(o, "findings");
	if (fs) {
		json_t *sorted = json_array();
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < json_array_size(fs); i++) {
				json_t *x = json_array_get(fs, i);
				bool err = !strcmp(
				    json_string_value(json_object_get(x, "severity")), "error");
				if (err == (pass == 0))
					json_array_append(sorted, x);
			}
		json_object_set_new(o, "findings", sorted);
		fs = sorted;
	}
	int nerr = 0;
	for (size_t i = 0; i < json_array_size(fs); i++) {
		json_t *x = json_array_get(fs, i);
		bool err = !strcmp(json_string_value(json_object_get(x, "severity")), "error");
		nerr += err;
		json_object_set_new(x, "severity_da", json_string(err ? "fejl" : "advarsel"));
		/* The rule's Danish title, as the front page shows it (the id is for the API). */
		const char *rn = json_string_value(json_object_get(x, "rule"));
		for (int k = 0; rn && k < RULE__MAX; k++)
			if (!strcmp(rn, rule_name((enum rule_id)k)))
				json_object_set_new(x, "rule_da", json_string(rule_title((enum rule_id)k)));
	}
	if (fs)
		json_object_set_new(o, "finding_counts",
		                    json_pack("{s:i, s:i}", "errors", nerr, "warnings",
		                              (int)json_array_size(fs) - nerr));
	json_t *ch = json_object_get(o, "children");
	for (size_t i = 0; i < json_array_size(ch); i++) {
		json_t *c = json_array_get(ch, i);
		int ci = model_body_index(m, json_string_value(json_object_get(c, "id")));
		char rt[300];
		snprintf(rt, sizeof rt, "%s %s",
		         report_relation_name(json_string_value(json_object_get(c, "relation"))),
		         b->name);
		json_object_set_new(c, "relation_text", json_string(rt));
		json_object_set_new(c, "link", json_boolean(ci >= 0));
	}
	if (b->parent_index >= 0)
		json_object_set_new(o, "relation_da",
		                    json_string(report_relation_name(b->relation)));

	bool has_seats = json_integer_value(json_object_get(o, "seats_total")) > 0;
	json_object_set_new(o, "has_seats", json_boolean(has_seats));
	json_object_set_new(
	    o, "has_register",
	    json_boolean(has_seats || json_array_size(json_object_get(tl, "rows")) > 0));
	/* A very long history is cut from the oldest past members, so the chart stays readable. */
	json_t *rows = json_object_get(tl, "rows");
	size_t left_out = 0;
	for (size_t i = 0; json_array_size(rows) > TL_MAX_ROWS && i < json_array_size(rows);) {
		if (!strcmp(json_string_value(json_object_get(json_array_get(rows, i), "status")),
		            "past")) {
			json_array_remove(rows, i);
			left_out++;
		} else {
			i++;
		}
	}
	if (left_out) {
		char s[200];
		snprintf(s, sizeof s,
		         "%zu tidligere medlemmer fra de første år er udeladt af tidslinjen og "
		         "tabellen.",
		         left_out);
		json_object_set_new(o, "timeline_note", json_string(s));
	}
	timeline_view(r, b, tl, o);
	json_decref(tl);

	char da[40], iso[11];
	date_format_da(d, da, sizeof da);
	date_format(d, iso);
	json_object_set_new(o, "date_da", json_string(da));
	json_object_set_new(o, "date_iso", json_string(iso));
	json_object_set_new(o, "is_today", json_boolean(d == r->today));
	json_object_set_new(o, "title", json_string(b->name));
	static const char *const lists[] = {"seat_texts", "profiles", "children", "members",
	                                    "vacancies",  "planned",  "findings", "periods",
	                                    "mandate",    "topics",   NULL};
	set_any(o, lists);
	p->doc = o;
	p->cacheable = true;
	return 0;
}
