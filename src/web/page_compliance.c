/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /compliance (logged-in users): the check of every membership rule on a date (findings
 * by body, counts per rule) and the term plan from that date (quarter by quarter per body:
 * who leaves, the vacancies that opens, the seniority quota), with a bar chart of members
 * leaving per quarter and the same numbers as a table. ?date=YYYY-MM-DD (default today),
 * ?years=1..10 (default 3). The page version of `fkigov check` and `fkigov forecast`. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/forecast.h"
#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "store/check_all.h"
#include "web/pages.h"

#define YEARS_MAX 10

/* Bar colours per body (each at least 3:1 against white, WCAG 1.4.11). */
static const char *const palette[] = {"#1f5fa8", "#b4531a", "#2e7d32", "#7b3fa0",
                                      "#a31545", "#00695c", "#6d4c41", "#455a64"};
#define NPALETTE (sizeof palette / sizeof palette[0])

/* One decimal is plenty for SVG coordinates. */
static double r1(double v)
{
	return floor(v * 10 + 0.5) / 10;
}

static const char *sev_da(enum severity s)
{
	return s == SEV_ERROR ? "Fejl" : "Advarsel";
}

static json_t *date_da_json(fk_date t)
{
	char s[40];
	date_format_da(t, s, sizeof s);
	return json_string(s);
}

/* "27. november – 31. december 2026", or with both years when they differ. */
static json_t *period_da(fk_date a, fk_date b)
{
	char s1[40], s2[40], out[96];
	date_format_da(a, s1, sizeof s1);
	date_format_da(b, s2, sizeof s2);
	size_t n = strlen(s1);
	if (date_year(a) == date_year(b) && n > 5)
		s1[n - 5] = '\0';
	snprintf(out, sizeof out, "%s – %s", s1, s2);
	return json_string(out);
}

/* ------------------------------------------------------------------ the form */

/* True when s is short printable ASCII, safe to show back in a message and an input. */
static bool showable(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if ((unsigned char)s[n] < 0x20 || (unsigned char)s[n] > 0x7e || n >= 40)
			return false;
	return true;
}

/* Reads ?date= and ?years=; sets form values (what was typed, for the inputs) and a message
 * per bad field in errs. */
static void read_form(const struct web_req *r, fk_date *d, int *years, json_t *form, json_t *errs)
{
	const char *dv = web_query(r, "date"), *yv = web_query(r, "years");
	*d = r->today;
	*years = 3;
	char iso[11];
	date_format(r->today, iso);
	if (dv && *dv) {
		if (date_parse_da(dv, strlen(dv), d) != 0) {
			char msg[200];
			if (showable(dv))
				snprintf(
				    msg, sizeof msg,
				    "»%s« er ikke en dato, der findes. Skriv dag, måned og år, "
				    "fx 1-3-2027.",
				    dv);
			else
				snprintf(msg, sizeof msg,
				         "Datoen er ikke gyldig. Skriv dag, måned og år, "
				         "fx 1-3-2027.");
			json_object_set_new(errs, "date", json_string(msg));
		}
		if (!json_object_get(errs, "date"))
			date_format(*d, iso); /* as <input type=date> reads it */
		json_object_set_new(form, "date",
		                    json_string(json_object_get(errs, "date") ? (showable(dv) ? dv : "")
		                                                              : iso));
	} else {
		json_object_set_new(form, "date", json_string(iso));
	}
	if (yv && *yv) {
		char *end;
		long n = strtol(yv, &end, 10);
		if (*end == '\0' && yv[0] >= '0' && yv[0] <= '9' && n >= 1 && n <= YEARS_MAX)
			*years = (int)n;
		else
			json_object_set_new(
			    errs, "years",
			    json_string("Antal år skal være et helt tal fra 1 til 10."));
		json_object_set_new(form, "years", json_string(showable(yv) ? yv : ""));
	} else {
		json_object_set_new(form, "years", json_integer(*years));
	}
}

/* ------------------------------------------------------------------ findings */

/* "2 fejl og 1 advarsel" on a body of the findings list. */
static void set_counts(json_t *o, int errors, int warnings)
{
	char s[80];
	if (errors && warnings)
		snprintf(s, sizeof s, "%d fejl og %d %s", errors, warnings,
		         warnings == 1 ? "advarsel" : "advarsler");
	else if (errors)
		snprintf(s, sizeof s, "%d fejl", errors);
	else
		snprintf(s, sizeof s, "%d %s", warnings, warnings == 1 ? "advarsel" : "advarsler");
	json_object_set_new(o, "counts_da", json_string(s));
}

void web_finding_links(const struct model *m, const struct finding *x, json_t *o)
{
	const char *id = finding_body_id(m, x);
	char href[160] = "", fix[160] = "";
	const char *fix_text = NULL;
	int year;
	long long n;
	char tail;
	if (x->body >= 0) {
		snprintf(href, sizeof href, "/bodies/%s", id);
		if (x->rule == RULE_VACANCY) {
			snprintf(fix, sizeof fix, "/appoint?body=%s", id);
			fix_text = "Åbn formularen »Udpeg«";
		}
	} else if (sscanf(id, "meetings-%d%c", &year, &tail) == 1) {
		snprintf(href, sizeof href, "/meetings?year=%d", year);
		snprintf(fix, sizeof fix, "/meetings/plan?year=%d", year);
		fix_text = "Åbn formularen »Planlæg året«";
	} else if (sscanf(id, "meeting-%lld%c", &n, &tail) == 1) {
		snprintf(href, sizeof href, "/meetings/%lld", n);
	} else if (!strcmp(id, "economy")) {
		snprintf(href, sizeof href, "/economy");
	} else if (!strncmp(id, "ag-", 3) && strspn(id + 3, "0123456789") == strlen(id + 3)) {
		snprintf(href, sizeof href, "/working-groups/%s", id);
	}
	json_object_set_new(o, "href", *href ? json_string(href) : json_null());
	json_object_set_new(o, "fix_href", fix_text ? json_string(fix) : json_null());
	json_object_set_new(o, "fix_text", fix_text ? json_string(fix_text) : json_null());
}

static json_t *findings_view(const struct model *m, const struct reg *reg, const struct findings *f)
{
	size_t errors = findings_errors(f);
	int count[RULE__MAX] = {0};
	json_t *bodies = json_array();
	json_t *cur = NULL, *list = NULL;
	const char *last = NULL;
	int be = 0, bw = 0;
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		count[x->rule]++;
		if (!last || strcmp(last, finding_body_id(m, x))) {
			if (cur)
				set_counts(cur, be, bw);
			list = json_array();
			cur = json_pack("{s:s, s:s, s:o}", "body", finding_body_id(m, x), "name",
			                finding_body_name(m, x), "findings", list);
			web_finding_links(m, x, cur);
			json_array_append_new(bodies, cur);
			last = finding_body_id(m, x);
			be = bw = 0;
		}
		x->severity == SEV_ERROR ? be++ : bw++;
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:s, s:b, s:s}", "rule", rule_name(x->rule), "rule_da",
		    rule_title(x->rule), "severity", severity_name(x->severity), "severity_da",
		    sev_da(x->severity), "error", x->severity == SEV_ERROR, "message", x->message);
		web_finding_links(m, x, o);
		if (x->person >= 0)
			json_object_set_new(o, "person",
			                    json_pack("{s:s, s:s}", "key",
			                              reg->persons[x->person].key, "name",
			                              reg->persons[x->person].name));
		json_array_append_new(list, o);
	}
	if (cur)
		set_counts(cur, be, bw);
	json_t *rules = json_array();
	for (int k = 0; k < RULE__MAX; k++) {
		enum severity s = rule_severity((enum rule_id)k);
		json_array_append_new(
		    rules, json_pack("{s:s, s:s, s:s, s:s, s:b, s:i, s:b}", "rule",
		                     rule_name((enum rule_id)k), "rule_da", rule_title((enum rule_id)k), "severity",
		                     severity_name(s), "severity_da", sev_da(s), "error",
		                     s == SEV_ERROR, "count", count[k], "none", count[k] == 0));
	}
	return json_pack("{s:i, s:i, s:i, s:i, s:b, s:o, s:o}", "total", (int)f->n, "errors",
	                 (int)errors, "warnings", (int)(f->n - errors), "bodies_with",
	                 (int)json_array_size(bodies), "any", f->n > 0, "bodies", bodies, "rules",
	                 rules);
}

/* ------------------------------------------------------------------ forecast */

static json_t *leaver_view(const struct reg *reg, const struct fc_leaver *l, fk_date qstart)
{
	json_t *o =
	    json_pack("{s:o, s:s, s:b, s:b}", "last_day_da", date_da_json(l->last_day), "reason_da",
	              l->reason == LEAVE_END ? "registreret slutdato"
	              : l->last_day < qstart ? "valgperioden udløb"
	                                     : "valgperioden udløber",
	              "overdue", l->last_day < qstart, "newcomer", l->person < 0);
	if (l->person >= 0)
		json_object_set_new(o, "person",
		                    json_pack("{s:s, s:s}", "key", reg->persons[l->person].key,
		                              "name", reg->persons[l->person].name));
	if (l->earliest_return != DATE_NONE)
		json_object_set_new(o, "return_da", date_da_json(l->earliest_return));
	return o;
}

static json_t *forecast_view(const struct model *m, const struct reg *reg, const struct forecast *f)
{
	json_t *bodies = json_array();
	for (size_t i = 0; i < f->nbodies; i++) {
		const struct fc_body *b = &f->bodies[i];
		json_t *qs = json_array(), *fails = json_array();
		for (size_t k = 0; k < b->nq; k++) {
			const struct fc_quarter *q = &b->q[k];
			char label[20];
			forecast_quarter_label(q->start, label);
			json_t *ls = json_array();
			for (size_t j = 0; j < q->nleavers; j++)
				json_array_append_new(ls,
				                      leaver_view(reg, &q->leavers[j], q->start));
			if (!q->quota_ok)
				json_array_append_new(fails, json_string(label));
			json_array_append_new(
			    qs,
			    json_pack("{s:s, s:o, s:b, s:o, s:i, s:i, s:i, s:i, s:i, s:b}",
			              "quarter", label, "period_da", period_da(q->start, q->end),
			              "any_leavers", q->nleavers > 0, "leavers", ls, "opened",
			              (int)q->nleavers, "vacancies_now", q->vacancies_now,
			              "members", q->members, "senior", q->senior, "required",
			              q->required, "fail", !q->quota_ok));
		}
		size_t nf = json_array_size(fails);
		char fl[512] = "";
		for (size_t k = 0; k < nf; k++) {
			size_t n = strlen(fl);
			snprintf(fl + n, sizeof fl - n, "%s%s",
			         k ? (k + 1 == nf ? " og " : ", ") : "",
			         json_string_value(json_array_get(fails, k)));
		}
		json_decref(fails);
		json_array_append_new(bodies, json_pack("{s:s, s:s, s:i, s:s, s:b, s:o}", "body",
		                                        m->bodies[b->body].id, "name",
		                                        m->bodies[b->body].name, "fail_count",
		                                        (int)nf, "fail_list", fl, "one_fail",
		                                        nf == 1, "quarters", qs));
	}
	return bodies;
}

/* ------------------------------------------------------------------ the chart */

/* Geometry of the SVG (viewBox units). */
enum {
	CH_W = 800,
	CH_LEFT = 52,
	CH_RIGHT = 16,
	CH_TOP = 34,
	CH_PLOT_H = 220,
	CH_XLAB = 50,
	CH_LEG_ROW = 24,
};

/* A stacked bar chart of members leaving per quarter, one colour per body, and the same
 * numbers as a table. Every coordinate is computed here; the template only writes them. */
static json_t *chart_view(const struct model *m, const struct forecast *f)
{
	size_t nq = f->nbodies ? f->bodies[0].nq : 0;
	int *tot = xcalloc(nq + 1, sizeof *tot);
	int maxv = 0, all = 0;
	size_t maxq = 0;
	for (size_t k = 0; k < nq; k++) {
		for (size_t i = 0; i < f->nbodies; i++)
			tot[k] += k < f->bodies[i].nq ? (int)f->bodies[i].q[k].nleavers : 0;
		all += tot[k];
		if (tot[k] > maxv) {
			maxv = tot[k];
			maxq = k;
		}
	}
	int step = maxv <= 6 ? 1 : maxv <= 12 ? 2 : (maxv + 5) / 6;
	int ymax = maxv < 1 ? 1 : (maxv + step - 1) / step * step;
	int plot_w = CH_W - CH_LEFT - CH_RIGHT;
	int bottom = CH_TOP + CH_PLOT_H;
	int legend_rows = (int)(f->nbodies + 1) / 2;
	int height = bottom + CH_XLAB + legend_rows * CH_LEG_ROW + 8;
	double slot = nq ? (double)plot_w / (double)nq : plot_w;
	double bw = slot * 0.62;

	json_t *yt = json_array();
	for (int v = 0; v <= ymax; v += step) {
		double y = bottom - (double)v * CH_PLOT_H / ymax;
		json_array_append_new(yt, json_pack("{s:i, s:f, s:f, s:i, s:i, s:i}", "value", v,
		                                    "y", r1(y), "ty", r1(y + 4), "x1", CH_LEFT,
		                                    "x2", CH_W - CH_RIGHT, "tx", CH_LEFT - 8));
	}
	json_t *xl = json_array(), *bars = json_array(), *totals = json_array(),
	       *rows = json_array();
	for (size_t k = 0; k < nq; k++) {
		fk_date qs = f->bodies[0].q[k].start;
		char label[20];
		forecast_quarter_label(qs, label);
		double cx = CH_LEFT + slot * ((double)k + 0.5);
		int y, mo, d;
		date_to_ymd(qs, &y, &mo, &d);
		json_t *o =
		    json_pack("{s:f, s:i, s:s}", "x", r1(cx), "y", bottom + 18, "q", label + 5);
		if (k == 0 || (mo - 1) / 3 == 0) {
			char ys[8];
			snprintf(ys, sizeof ys, "%d", y);
			json_object_set_new(o, "year", json_string(ys));
			json_object_set_new(o, "yy", json_integer(bottom + 36));
		}
		json_array_append_new(xl, o);
		double base = bottom;
		json_t *cells = json_array();
		for (size_t i = 0; i < f->nbodies; i++) {
			int n = k < f->bodies[i].nq ? (int)f->bodies[i].q[k].nleavers : 0;
			json_array_append_new(cells, json_pack("{s:i}", "n", n));
			if (!n)
				continue;
			double h = (double)n * CH_PLOT_H / ymax;
			char tip[256];
			snprintf(tip, sizeof tip, "%s, %s: %d fratræder",
			         m->bodies[f->bodies[i].body].name, label, n);
			base -= h;
			json_array_append_new(bars, json_pack("{s:f, s:f, s:f, s:f, s:s, s:s}", "x",
			                                      r1(cx - bw / 2), "y", r1(base), "w",
			                                      r1(bw), "h", r1(h), "fill",
			                                      palette[i % NPALETTE], "tip", tip));
		}
		if (tot[k])
			json_array_append_new(totals, json_pack("{s:f, s:f, s:i}", "x", r1(cx), "y",
			                                        r1(base - 6), "total", tot[k]));
		json_array_append_new(rows,
		                      json_pack("{s:s, s:o, s:o, s:i}", "quarter", label,
		                                "period_da", period_da(qs, f->bodies[0].q[k].end),
		                                "cells", cells, "total", tot[k]));
	}
	json_t *legend = json_array(), *heads = json_array();
	for (size_t i = 0; i < f->nbodies; i++) {
		const char *name = m->bodies[f->bodies[i].body].name;
		int col = (int)(i % 2), row = (int)(i / 2);
		double lx = CH_LEFT + col * (plot_w / 2.0);
		double ly = bottom + CH_XLAB + row * CH_LEG_ROW;
		json_array_append_new(legend,
		                      json_pack("{s:f, s:f, s:f, s:f, s:s, s:s}", "x", r1(lx), "y",
		                                r1(ly), "tx", r1(lx + 22), "ty", r1(ly + 12),
		                                "fill", palette[i % NPALETTE], "name", name));
		json_array_append_new(
		    heads,
		    json_pack("{s:s, s:s}", "body", m->bodies[f->bodies[i].body].id, "name", name));
	}
	char desc[512], first[20] = "", lastl[20] = "", maxl[20] = "";
	if (nq) {
		forecast_quarter_label(f->bodies[0].q[0].start, first);
		forecast_quarter_label(f->bodies[0].q[nq - 1].start, lastl);
		forecast_quarter_label(f->bodies[0].q[maxq].start, maxl);
	}
	if (all)
		snprintf(desc, sizeof desc,
		         "Stablet søjlediagram over, hvor mange medlemmer der fratræder i hvert "
		         "kvartal fra "
		         "%s til %s, fordelt på grupper. I alt %d fratrædelser; flest i %s (%d). "
		         "Tallene "
		         "står også i tabellen under diagrammet.",
		         first, lastl, all, maxl, maxv);
	else
		snprintf(
		    desc, sizeof desc,
		    "Søjlediagram over fratrædelser pr. kvartal fra %s til %s. Ingen medlemmer "
		    "fratræder i perioden.",
		    first, lastl);
	free(tot);
	return json_pack(
	    "{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:i, s:b}",
	    "width", CH_W, "height", height, "left", CH_LEFT, "right", CH_W - CH_RIGHT, "top",
	    CH_TOP, "bottom", bottom, "ylab_y", CH_TOP - 16, "desc", desc, "yticks", yt, "xlabels",
	    xl, "bars", bars, "totals", totals, "legend", legend, "heads", heads, "rows", rows,
	    "all", all, "empty", all == 0);
}

/* ------------------------------------------------------------------ the page */

int page_compliance(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	json_t *form = json_object(), *errs = json_object();
	fk_date d;
	int years;
	read_form(r, &d, &years, form, errs);
	json_t *doc = json_pack("{s:s, s:o}", "title", "Overholdelse", "form", form);
	if (json_object_size(errs)) {
		p->status = 400;
		json_object_set_new(doc, "errors", errs);
		p->doc = doc;
		return 0;
	}
	json_decref(errs);

	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		json_decref(doc);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	char iso[11];
	date_format(d, iso);
	json_object_set_new(doc, "date", json_string(iso));
	json_object_set_new(doc, "date_da", date_da_json(d));
	json_object_set_new(doc, "years", json_integer(years));
	json_object_set_new(doc, "is_today", json_boolean(d == r->today));

	struct findings f;
	findings_init(&f);
	(void)check_all(r->st, m, r->app->mt, &reg, d, &f);
	json_object_set_new(doc, "check", findings_view(m, &reg, &f));
	findings_free(&f);

	struct forecast fc;
	forecast_run(m, &reg, d, years, &fc);
	json_t *fb = forecast_view(m, &reg, &fc);
	int fails = 0;
	for (size_t i = 0; i < json_array_size(fb); i++)
		fails +=
		    json_integer_value(json_object_get(json_array_get(fb, i), "fail_count")) > 0;
	fk_date to = d;
	if (fc.nbodies && fc.bodies[0].nq)
		to = fc.bodies[0].q[fc.bodies[0].nq - 1].end;
	char failing[40];
	snprintf(failing, sizeof failing, "%d %s", fails, fails == 1 ? "gruppe" : "grupper");
	json_object_set_new(doc, "forecast",
	                    json_pack("{s:o, s:o, s:i, s:o, s:i, s:s}", "from_da", date_da_json(d),
	                              "to_da", date_da_json(to), "years", years, "bodies", fb,
	                              "bodies_failing", fails, "failing_da", failing));
	json_object_set_new(doc, "chart", chart_view(m, &fc));
	forecast_free(&fc);
	reg_free(&reg);
	p->doc = doc;
	return 0;
}
