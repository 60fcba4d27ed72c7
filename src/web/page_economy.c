/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET/POST /economy: the economic frame for special initiatives. A bar chart of the frame
 * against the allocations by year (SVG with a table alternative), the report of a chosen
 * year (?year=, default this year: frame, allocated, spent, remaining, per initiative, each
 * municipality's share), the rate history with the decisions, the population sets and, for
 * the secretariat, forms to set a rate, import population figures (upload), allocate and
 * record spending. Each form posts to /economy with form=rate|population|allocate|spend; bad
 * input re-renders the page with the error next to the field (400), success redirects. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/initiative.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

#define CHART_YEARS 12

/* ================================================================== form fields */

/* One form field as templates/economy_field.mustache shows it. */
struct fdesc {
	const char *name; /* also the id */
	const char *label;
	const char *hint; /* NULL: none */
	const char *type; /* text, number, date, textarea, select, file */
	bool optional;
	const char *cls; /* input class, e.g. "date", or NULL */
};

/* The view model of field d with the value and error fm holds for it; options (taken) for a
 * select. Every key is present, so no lookup falls through to an outer context. */
static json_t *field_json(const struct form *fm, const struct fdesc *d, json_t *options)
{
	json_t *f = json_object_get(fm->f, d->name);
	json_t *v = f ? json_object_get(f, "value") : NULL,
	       *err = f ? json_object_get(f, "error") : NULL;
	char desc[160];
	snprintf(desc, sizeof desc, "%s%s%s%s%s", d->hint ? d->name : "", d->hint ? "-hint" : "",
	         d->hint && err ? " " : "", err ? d->name : "", err ? "-fejl" : "");
	json_t *o = json_pack(
	    "{s:s, s:s, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:b, s:b, s:b, s:o, s:o}", "name",
	    d->name, "label", d->label, "hint", d->hint ? json_string(d->hint) : json_false(),
	    "value", v ? json_incref(v) : json_string(""), "error",
	    err ? json_incref(err) : json_false(), "describedby",
	    *desc ? json_string(desc) : json_false(), "optional", d->optional, "is_text",
	    !strcmp(d->type, "text") || !strcmp(d->type, "date"), "is_textarea",
	    !strcmp(d->type, "textarea"), "is_select", !strcmp(d->type, "select"), "is_file",
	    !strcmp(d->type, "file"), "is_number", !strcmp(d->type, "number"), "cls",
	    d->cls ? json_string(d->cls) : json_string(""), "options",
	    options ? options : json_array());
	json_object_set_new(o, "is_date", json_boolean(!strcmp(d->type, "date")));
	return o;
}

static json_t *option(const char *value, const char *label, bool selected)
{
	return json_pack("{s:o, s:o, s:b}", "value", form_text(value), "label", form_text(label),
	                 "selected", selected);
}

/* ================================================================== the forms */

static const struct fdesc rate_fields[] = {
    {"rate_year", "Gælder fra år",
     "Satsen gælder fra 1. januar i året, indtil en ny sats besluttes.", "number", false, "w-num"},
    {"rate_kr", "Sats pr. indbygger (kr.)", "Fx 5,00 eller 5,50.", "text", false, "w-short"},
    {"rate_decision", "Beslutningen",
     "Hvem besluttede satsen, og hvornår, fx »Styregruppemøde 4, 2026, punkt 6«.", "textarea",
     false, NULL},
    {"rate_date", "Beslutningens dato", "Tom: i dag.", "date", true, "date"},
};
static const struct fdesc pop_fields[] = {
    {"pop_file", "CSV-fil med befolkningstal",
     "Kolonnerne kode og indbyggere (eller code og population) for alle 98 kommuner; komma eller "
     "semikolon.",
     "file", false, NULL},
    {"pop_date", "Tallene gælder pr.", "Fx 1-1-2027.", "date", false, "date"},
    {"pop_source", "Kilde", "Fx »Danmarks Statistik, FOLK1A 2027K1«. Tom: filens navn.", "text",
     true, NULL},
};
static const struct fdesc alloc_fields[] = {
    {"alloc_initiative", "Særlig indsats", NULL, "select", false, NULL},
    {"alloc_year", "År", NULL, "number", false, "w-num"},
    {"alloc_kr", "Beløb (kr.)", "Fx 250.000 eller 1.234,50.", "text", false, "w-short"},
    {"alloc_decision", "Beslutningen", "Fx »Styregruppemøde 4, 2026, punkt 6«.", "textarea", false,
     NULL},
    {"alloc_date", "Beslutningens dato", "Tom: i dag.", "date", true, "date"},
};
static const struct fdesc spend_fields[] = {
    {"spend_initiative", "Særlig indsats", NULL, "select", false, NULL},
    {"spend_year", "Bevillingens år", NULL, "number", false, "w-num"},
    {"spend_kr", "Beløb (kr.)", "Fx 12.500 eller 12.500,75.", "text", false, "w-short"},
    {"spend_date", "Dato for forbruget", "Fx 31-12-2027.", "date", false, "date"},
    {"spend_note", "Note", "Fx fakturanummer eller leverandør.", "text", true, NULL},
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The special initiatives as options, with selected marked. */
static json_t *special_options(const struct econ *e, const char *selected, bool *any)
{
	json_t *opts = json_array();
	json_array_append_new(opts, option("", "Vælg en særlig indsats", !selected || !*selected));
	*any = false;
	for (size_t i = 0; i < e->ninits; i++) {
		if (!e->inits[i].special)
			continue;
		*any = true;
		char label[400];
		snprintf(label, sizeof label, "%s (%s)", e->inits[i].name, e->inits[i].key);
		json_array_append_new(opts, option(e->inits[i].key, label,
		                                   selected && !strcmp(selected, e->inits[i].key)));
	}
	return opts;
}

static const char *fvalue(const struct form *fm, const char *name)
{
	json_t *f = json_object_get(fm->f, name);
	return f ? json_string_value(json_object_get(f, "value")) : NULL;
}

static json_t *fields_of(const struct form *fm, const struct fdesc *d, size_t n,
                         const struct econ *e, bool *any_special)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *opts = NULL;
		if (!strcmp(d[i].type, "select"))
			opts = special_options(e, fvalue(fm, d[i].name), any_special);
		json_array_append_new(arr, field_json(fm, &d[i], opts));
	}
	return arr;
}

/* ================================================================== the chart */

static double nice_step(double raw)
{
	if (raw <= 0)
		return 1;
	double mag = pow(10, floor(log10(raw)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < N(steps); i++)
		if (steps[i] * mag >= raw)
			return steps[i] * mag;
	return 10 * mag;
}

/* "30 mio. kr.", "2,5 mio. kr." or "250.000 kr." for a whole number of kroner. */
static void axis_label(double kr, char *out, size_t n)
{
	if (kr >= 1e6) {
		long tenths = lround(kr / 1e5);
		if (tenths % 10)
			snprintf(out, n, "%ld,%ld mio. kr.", tenths / 10, tenths % 10);
		else
			snprintf(out, n, "%ld mio. kr.", tenths / 10);
	} else {
		char g[32];
		econ_format_int((int64_t)llround(kr), g, sizeof g);
		snprintf(out, n, "%s kr.", g);
	}
}

static double r1(double v)
{
	return round(v * 10) / 10;
}

/* The frame and the allocations of each year from first to last. */
static json_t *chart_json(const struct econ *e, int first, int last, int chosen)
{
	const double W = 760, H = 360, left = 110, right = 16, top = 56, bottom = 310;
	int n = last - first + 1;
	struct econ_frame *fr = xcalloc((size_t)n, sizeof *fr);
	bool *has = xcalloc((size_t)n, sizeof *has);
	int64_t max = 1;
	for (int i = 0; i < n; i++) {
		char why[1024];
		has[i] = econ_frame(e, first + i, &fr[i], why, sizeof why) == 0;
		if (has[i] && fr[i].frame_ore > max)
			max = fr[i].frame_ore;
		if (fr[i].allocated_ore > max)
			max = fr[i].allocated_ore;
	}
	double max_kr = (double)max / 100.0;
	double step = nice_step(max_kr / 5);
	double top_kr = ceil(max_kr / step) * step;
	if (top_kr <= 0)
		top_kr = step;
	double scale = (bottom - top) / top_kr; /* px per kr. */

	json_t *yt = json_array();
	long nticks = lround(top_kr / step);
	for (long t = 0; t <= nticks; t++) {
		double v = (double)t * step;
		char lab[64];
		axis_label(v, lab, sizeof lab);
		double y = r1(bottom - v * scale);
		json_array_append_new(yt, json_pack("{s:f, s:f, s:f, s:f, s:f, s:s}", "x1", left,
		                                    "x2", W - right, "y", y, "tx", left - 8, "ty",
		                                    y + 4, "label", lab));
	}
	double gw = (W - left - right) / n, bw = gw * 0.3 > 42 ? 42 : gw * 0.3;
	json_t *bars = json_array(), *xl = json_array(), *notes = json_array(),
	       *rows = json_array();
	char desc[2048];
	size_t dl = 0;
	desc[0] = '\0';
	for (int i = 0; i < n; i++) {
		int y = first + i;
		double cx = left + gw * i + gw / 2;
		char a[48], b[48], tip[200];
		econ_format_kr(fr[i].frame_ore, true, a, sizeof a);
		econ_format_kr(fr[i].allocated_ore, true, b, sizeof b);
		bool over = has[i] && fr[i].allocated_ore > fr[i].frame_ore;
		if (has[i]) {
			double h = r1((double)fr[i].frame_ore / 100.0 * scale);
			snprintf(tip, sizeof tip, "Rammen for %d: %s", y, a);
			json_array_append_new(
			    bars, json_pack("{s:f, s:f, s:f, s:f, s:s, s:s, s:s}", "x",
			                    r1(cx - bw - 2), "y", r1(bottom - h), "w", r1(bw), "h",
			                    h, "fill", "#9fc0e6", "stroke", "#1d4f8c", "tip", tip));
		} else {
			json_array_append_new(notes,
			                      json_pack("{s:f, s:f, s:s}", "x", r1(cx - bw / 2 - 2),
			                                "y", bottom - 8, "text", "ingen tal"));
		}
		if (fr[i].allocated_ore > 0) {
			double h = r1((double)fr[i].allocated_ore / 100.0 * scale);
			snprintf(tip, sizeof tip, "Bevilget for %d: %s%s", y, b,
			         over ? " (over rammen)" : "");
			json_array_append_new(
			    bars, json_pack("{s:f, s:f, s:f, s:f, s:s, s:s, s:s}", "x", r1(cx + 2),
			                    "y", r1(bottom - h), "w", r1(bw), "h", h, "fill",
			                    over ? "#b00020" : "#14365d", "stroke",
			                    over ? "#7a0016" : "#14365d", "tip", tip));
		}
		char ys[16];
		snprintf(ys, sizeof ys, "%d", y);
		json_array_append_new(xl,
		                      json_pack("{s:f, s:f, s:s, s:b}", "x", r1(cx), "y",
		                                bottom + 20, "label", ys, "chosen", y == chosen));
		/* The table row and the text description. */
		char rest[48], state[200];
		econ_format_kr(fr[i].remaining_ore, true, rest, sizeof rest);
		if (!has[i])
			snprintf(state, sizeof state, "Ingen befolkningstal pr. 1. januar %d", y);
		else if (over) {
			char ov[48];
			econ_format_kr(fr[i].allocated_ore - fr[i].frame_ore, true, ov, sizeof ov);
			snprintf(state, sizeof state, "med %s", ov);
		} else
			snprintf(state, sizeof state, "Inden for rammen");
		json_array_append_new(
		    rows, json_pack("{s:i, s:s, s:s, s:s, s:s, s:b, s:b, s:b}", "year", y, "frame",
		                    has[i] ? a : "–", "allocated", b, "remaining",
		                    has[i] ? rest : "–", "state", state, "over", over, "chosen",
		                    y == chosen, "has_frame", has[i]));
		int w = snprintf(desc + dl, sizeof desc - dl, "%s%d: ramme %s, bevilget %s",
		                 i ? "; " : "", y, has[i] ? a : "ingen", b);
		if (w > 0 && (size_t)w < sizeof desc - dl)
			dl += (size_t)w;
	}
	free(fr);
	free(has);
	json_t *legend =
	    json_pack("[{s:f, s:f, s:s, s:s, s:f, s:f, s:s}, {s:f, s:f, s:s, s:s, s:f, s:f, s:s},"
	              " {s:f, s:f, s:s, s:s, s:f, s:f, s:s}]",
	              "x", left, "y", 16.0, "fill", "#9fc0e6", "stroke", "#1d4f8c", "tx", left + 20,
	              "ty", 28.0, "label", "Ramme", "x", left + 110, "y", 16.0, "fill", "#14365d",
	              "stroke", "#14365d", "tx", left + 130, "ty", 28.0, "label", "Bevilget", "x",
	              left + 240, "y", 16.0, "fill", "#b00020", "stroke", "#7a0016", "tx",
	              left + 260, "ty", 28.0, "label", "Bevilget over rammen");
	return json_pack("{s:f, s:f, s:f, s:f, s:f, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:i, s:i}",
	                 "width", W, "height", H, "left", left, "right", W - right, "bottom",
	                 bottom, "yticks", yt, "bars", bars, "xlabels", xl, "notes", notes,
	                 "legend", legend, "rows", rows, "desc", desc, "first", first, "last",
	                 last);
}

/* ================================================================== the page */

static void kr(int64_t ore, char *out, size_t n)
{
	econ_format_kr(ore, true, out, n);
}

static json_t *jkr(int64_t ore)
{
	char a[48];
	kr(ore, a, sizeof a);
	return json_string(a);
}

static json_t *jdate_da(fk_date d)
{
	if (d == DATE_NONE || d == DATE_OPEN)
		return json_string("–");
	char da[40];
	date_format_da(d, da, sizeof da);
	return json_string(da);
}

/* The report of year for the page: the frame, per initiative, the municipalities. */
static json_t *report_view(struct web_req *r, const struct econ *e, int year)
{
	struct econ_frame f;
	char why[1024];
	if (econ_frame(e, year, &f, why, sizeof why) != 0)
		return json_pack("{s:b, s:s, s:i}", "has_frame", 0, "why", why, "year", year);
	json_t *doc = econ_report_json(e, r->app->model, r->app->mt, &f);
	json_t *o = json_object();
	json_object_set_new(o, "has_frame", json_true());
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "frame", jkr(f.frame_ore));
	json_object_set_new(o, "rate", jkr(f.rate_ore));
	char cit[32];
	econ_format_int(f.citizens, cit, sizeof cit);
	json_object_set_new(o, "citizens", json_string(cit));
	json_object_set_new(o, "population_date", jdate_da(f.population_date));
	json_object_set_new(o, "allocated", jkr(f.allocated_ore));
	json_object_set_new(o, "spent", jkr(f.spent_ore));
	json_object_set_new(o, "unspent", jkr(f.allocated_ore - f.spent_ore));
	json_object_set_new(o, "remaining", jkr(f.remaining_ore));
	json_object_set_new(o, "over", json_boolean(f.remaining_ore < 0));
	if (f.remaining_ore < 0)
		json_object_set_new(o, "over_by", jkr(-f.remaining_ore));
	if (f.rate_index >= 0) {
		const struct econ_rate *rt = &e->rates[f.rate_index];
		char dd[40];
		date_format_da(rt->decided, dd, sizeof dd);
		json_object_set_new(o, "rate_source",
		                    json_pack("{s:o, s:s, s:i}", "decision",
		                              form_text(rt->decision), "date", dd, "from",
		                              rt->year));
	} else {
		json_object_set_new(o, "rate_source", json_false());
	}
	json_t *inits = json_array(), *src = json_object_get(doc, "initiatives");
	for (size_t i = 0; i < json_array_size(src); i++) {
		json_t *x = json_array_get(src, i);
		json_array_append_new(
		    inits,
		    json_pack("{s:O, s:O, s:O, s:o, s:o, s:o}", "id", json_object_get(x, "id"),
		              "name", json_object_get(x, "name"), "body_name",
		              json_object_get(x, "body_name"), "allocated",
		              jkr(json_integer_value(json_object_get(x, "allocated_ore"))), "spent",
		              jkr(json_integer_value(json_object_get(x, "spent_ore"))), "unspent",
		              jkr(json_integer_value(json_object_get(x, "unspent_ore")))));
	}
	json_object_set_new(o, "initiatives", inits);
	json_object_set_new(o, "any_initiatives", json_boolean(json_array_size(inits) > 0));

	json_t *al = json_array();
	for (size_t k = 0; k < e->nallocs; k++) {
		const struct econ_alloc *a = &e->allocs[k];
		if (a->year != year)
			continue;
		json_array_append_new(
		    al, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "id",
		                  e->inits[a->initiative].key, "name", e->inits[a->initiative].name,
		                  "amount", jkr(a->ore), "decision", form_text(a->decision), "date",
		                  jdate_da(a->date), "actor", form_text(a->actor)));
	}
	json_object_set_new(o, "allocations", al);
	json_object_set_new(o, "any_allocations", json_boolean(json_array_size(al) > 0));
	json_t *sp = json_array();
	for (size_t k = 0; k < e->nspends; k++) {
		const struct econ_spend *s = &e->spends[k];
		if (s->year != year)
			continue;
		json_array_append_new(sp, json_pack("{s:s, s:s, s:o, s:o, s:o}", "id",
		                                    e->inits[s->initiative].key, "name",
		                                    e->inits[s->initiative].name, "amount",
		                                    jkr(s->ore), "date", jdate_da(s->date), "note",
		                                    form_text(s->note ? s->note : "")));
	}
	json_object_set_new(o, "spending", sp);
	json_object_set_new(o, "any_spending", json_boolean(json_array_size(sp) > 0));

	json_t *ms = json_array(), *msrc = json_object_get(doc, "municipalities");
	int64_t total = 0;
	for (size_t i = 0; i < json_array_size(msrc); i++) {
		json_t *x = json_array_get(msrc, i);
		char c[32];
		econ_format_int(json_integer_value(json_object_get(x, "citizens")), c, sizeof c);
		total += json_integer_value(json_object_get(x, "share_ore"));
		json_array_append_new(
		    ms, json_pack("{s:O, s:O, s:O, s:s, s:o}", "code", json_object_get(x, "code"),
		                  "name", json_object_get(x, "name"), "region",
		                  json_object_get(x, "region"), "citizens", c, "share",
		                  jkr(json_integer_value(json_object_get(x, "share_ore")))));
	}
	json_object_set_new(o, "municipalities", ms);
	json_object_set_new(o, "shares_total", jkr(total));
	json_decref(doc);
	return o;
}

static json_t *rates_view(const struct econ *e, int this_year)
{
	int cur = -1;
	(void)econ_rate_for(e, this_year, &cur);
	json_t *arr = json_array();
	for (size_t i = e->nrates; i-- > 0;) {
		const struct econ_rate *rt = &e->rates[i];
		bool superseded = false;
		for (size_t k = i + 1; k < e->nrates; k++)
			superseded |= e->rates[k].year == rt->year;
		json_array_append_new(
		    arr, json_pack("{s:i, s:o, s:o, s:o, s:o, s:b, s:b}", "year", rt->year, "rate",
		                   jkr(rt->ore), "decision", form_text(rt->decision), "date",
		                   jdate_da(rt->decided), "actor", form_text(rt->actor),
		                   "superseded", superseded, "current", (int)i == cur));
	}
	return arr;
}

static json_t *sets_view(const struct econ *e)
{
	json_t *arr = json_array();
	for (size_t i = e->nsets; i-- > 0;) {
		const struct econ_popset *s = &e->sets[i];
		char t[32];
		econ_format_int(s->total, t, sizeof t);
		json_array_append_new(arr, json_pack("{s:o, s:s, s:o, s:b}", "date",
		                                     jdate_da(s->date), "total", t, "source",
		                                     form_text(s->source), "builtin", s->builtin));
	}
	return arr;
}

/* The whole page for year; fm holds what the forms show (values, errors). */
static json_t *economy_doc(struct web_req *r, const struct econ *e, int year, struct form *fm,
                           json_t *problems)
{
	int this_year = date_year(r->today);
	json_t *doc = json_object();
	json_object_set_new(doc, "title", json_string(form_ok(fm) ? "Økonomi" : "Fejl: Økonomi"));
	json_object_set_new(doc, "year", json_integer(year));
	json_object_set_new(doc, "this_year", json_integer(this_year));
	char mr[48];
	kr(e->default_rate, mr, sizeof mr);
	json_object_set_new(doc, "model_rate", json_string(mr));

	/* Chart years: this year and the next two, and every year with allocations, at most
	 * CHART_YEARS ending with the latest. */
	int first = this_year, last = this_year + 2;
	for (size_t i = 0; i < e->nallocs; i++) {
		if (e->allocs[i].year < first)
			first = e->allocs[i].year;
		if (e->allocs[i].year > last)
			last = e->allocs[i].year;
	}
	if (year >= this_year - 5 && year < first)
		first = year;
	if (year > last && year <= this_year + 10)
		last = year;
	if (last - first + 1 > CHART_YEARS)
		first = last - CHART_YEARS + 1;
	json_object_set_new(doc, "chart", chart_json(e, first, last, year));
	json_object_set_new(doc, "report", report_view(r, e, year));
	json_object_set_new(doc, "rates", rates_view(e, this_year));
	json_object_set_new(doc, "sets", sets_view(e));
	json_t *ys = json_array();
	for (int y = this_year - 3; y <= this_year + 5; y++)
		json_array_append_new(ys, json_pack("{s:i, s:b}", "y", y, "current", y == year));
	json_object_set_new(doc, "year_links", ys);

	bool admin = r->user.role == ROLE_ADMIN, any_special = false;
	json_object_set_new(doc, "admin", json_boolean(admin));
	if (admin) {
		json_object_set_new(doc, "rate_form",
		                    fields_of(fm, rate_fields, N(rate_fields), e, &any_special));
		json_object_set_new(doc, "pop_form",
		                    fields_of(fm, pop_fields, N(pop_fields), e, &any_special));
		json_object_set_new(doc, "alloc_form",
		                    fields_of(fm, alloc_fields, N(alloc_fields), e, &any_special));
		json_object_set_new(doc, "spend_form",
		                    fields_of(fm, spend_fields, N(spend_fields), e, &any_special));
		json_object_set_new(doc, "any_special", json_boolean(any_special));
	}
	json_object_set_new(doc, "any_problems",
	                    json_boolean(problems && json_array_size(problems)));
	json_object_set_new(doc, "problems", problems ? problems : json_array());
	form_finish(fm, doc);
	return doc;
}

/* The defaults of the forms on a GET. */
static void defaults(struct form *fm, int year, fk_date today)
{
	char y[16], next[16], iso[11];
	snprintf(y, sizeof y, "%d", year);
	snprintf(next, sizeof next, "%d", date_year(today) + 1);
	date_format(today, iso);
	form_value(fm, "year", y);
	form_value(fm, "rate_year", next);
	form_value(fm, "alloc_year", y);
	form_value(fm, "spend_year", y);
	form_value(fm, "spend_date", iso);
}

static int load(struct web_req *r, struct web_resp *p, struct econ *e)
{
	econ_init(e, r->app->model->rate_ore);
	if (store_econ_load(r->st, r->app->mt, e) == FK_OK)
		return 0;
	econ_free(e);
	web_error(r, p, 500, "Økonomien kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

/* Parses a year field; an error on fm when it is not one. */
static bool year_field(struct form *fm, const char *name, const char *label, const char *v,
                       int *year)
{
	if (econ_parse_year(v, year) == 0)
		return true;
	if (!*v)
		form_error(fm, name, label, "Skriv året med fire cifre, fx 2027.");
	else
		form_error(
		    fm, name, label,
		    "»%.20s« er ikke et år. Skriv året med fire cifre mellem %d og %d, fx 2027.", v,
		    ECON_YEAR_MIN, ECON_YEAR_MAX);
	return false;
}

/* An amount field in kroner; an error on fm when it is not one or above max. */
static bool kr_field(struct form *fm, const char *name, const char *label, const char *v,
                     int64_t max, int64_t *ore)
{
	char why[300];
	if (econ_parse_kr(v, ore, why, sizeof why) != 0) {
		form_error(fm, name, label, "%s", why);
		return false;
	}
	if (*ore > max) {
		char mx[48];
		kr(max, mx, sizeof mx);
		form_error(fm, name, label, "Beløbet er for stort. Det største er %s.", mx);
		return false;
	}
	return true;
}

/* ================================================================== POST */

static int post(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *which = web_form(r, "form");
	struct form fm;
	form_init(&fm);
	struct econ e;
	if (load(r, p, &e)) {
		form_free(&fm);
		return 0;
	}
	int year = date_year(r->today), rc = FK_OK;
	const char *shown = web_form(r, "year");
	if (shown)
		(void)econ_parse_year(shown, &year); /* the year the page showed */
	json_t *problems = NULL;
	const char *saved = NULL, *anchor = "";
	char flash_year[16] = "";
	if (which && !strcmp(which, "rate")) {
		char *ys = form_take(&fm, r, "rate_year", "Gælder fra år"),
		     *ks = form_take(&fm, r, "rate_kr", "Sats pr. indbygger"),
		     *dec = form_take(&fm, r, "rate_decision", "Beslutningen"),
		     *ds = form_take(&fm, r, "rate_date", "Beslutningens dato");
		int y = 0;
		int64_t ore = 0;
		fk_date date = r->today;
		year_field(&fm, "rate_year", "Gælder fra år", ys, &y);
		kr_field(&fm, "rate_kr", "Sats pr. indbygger", ks, ECON_RATE_MAX, &ore);
		struct diags d;
		diags_init(&d);
		econ_check_text(
		    dec, true, 2000, "decision",
		    "beslutningen, der fastsatte satsen, fx »Styregruppemøde 4, 2026, punkt 6«",
		    &d);
		static const char *const map[] = {"decision", "rate_decision", "Beslutningen"};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
		form_date(&fm, "rate_date", "Beslutningens dato", ds, false, &date);
		if (form_ok(&fm) && (rc = store_econ_rate_add(r->st, r->user.login, y, ore, dec,
		                                              date, NULL)) == FK_OK) {
			saved = "sats";
			anchor = "#satser";
			snprintf(flash_year, sizeof flash_year, "%d", y >= year ? y : year);
		}
		free(ys);
		free(ks);
		free(dec);
		free(ds);
	} else if (which && !strcmp(which, "population")) {
		char *ds = form_take(&fm, r, "pop_date", "Tallene gælder pr."),
		     *src = form_take(&fm, r, "pop_source", "Kilde");
		const struct web_field *f = web_form_field(r, "pop_file");
		fk_date date = DATE_NONE;
		form_date(&fm, "pop_date", "Tallene gælder pr.", ds, true, &date);
		struct diags d;
		diags_init(&d);
		econ_check_text(src, false, 500, "source", "kilden", &d);
		static const char *const map[] = {"source", "pop_source", "Kilde"};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
		int *codes = NULL;
		int64_t *cit = NULL;
		size_t n = 0;
		char fname[200];
		snprintf(fname, sizeof fname, "%s",
		         f && f->filename && *f->filename &&
		                 text_check(f->filename, strlen(f->filename), false, NULL, 0) == 0
		             ? f->filename
		             : "filen");
		for (char *c = fname; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == '/' || *c == '\\')
				*c = '_';
		if (!f || !f->len) {
			form_error(&fm, "pop_file", "CSV-fil",
			           "Vælg en CSV-fil med kolonnerne kode og indbyggere for alle 98 "
			           "kommuner.");
		} else {
			diags_init(&d);
			if (econ_population_parse(f->value, f->len, fname, r->app->mt, &codes, &cit,
			                          &n, &d) != FK_OK) {
				form_error(&fm, "pop_file", "CSV-fil",
				           "Filen har %zu fejl. Intet er gemt. Ret filen, og "
				           "indlæs den igen.",
				           d.n);
				problems = json_array();
				for (size_t i = 0; i < d.n && i < 200; i++) {
					char where[320];
					if (d.v[i].line)
						snprintf(where, sizeof where,
						         "%s, linje %ld, kolonne %ld", fname,
						         d.v[i].line, d.v[i].col);
					else
						snprintf(where, sizeof where, "%s", fname);
					json_array_append_new(problems,
					                      json_pack("{s:o, s:o}", "where",
					                                form_text(where), "message",
					                                form_text(d.v[i].msg)));
				}
			}
			diags_free(&d);
		}
		if (form_ok(&fm)) {
			rc = store_econ_population_add(r->st, r->user.login, date,
			                               *src ? src : fname, codes, cit, n, NULL);
			if (rc == FK_ECONFLICT) {
				char dd[40];
				date_format_da(date, dd, sizeof dd);
				form_error(&fm, "pop_date", "Tallene gælder pr.",
				           "Der er allerede indlæst befolkningstal pr. %s. Vælg en "
				           "anden dato.",
				           dd);
				rc = FK_OK;
			} else if (rc == FK_OK) {
				saved = "befolkning";
				anchor = "#befolkning";
				snprintf(flash_year, sizeof flash_year, "%d",
				         date_year(date) > year ? date_year(date) : year);
			}
		}
		free(codes);
		free(cit);
		free(ds);
		free(src);
	} else if (which && (!strcmp(which, "allocate") || !strcmp(which, "spend"))) {
		bool spend = !strcmp(which, "spend");
		const char *pi = spend ? "spend_initiative" : "alloc_initiative",
		           *py = spend ? "spend_year" : "alloc_year",
		           *pk = spend ? "spend_kr" : "alloc_kr",
		           *pt = spend ? "spend_note" : "alloc_decision",
		           *pd = spend ? "spend_date" : "alloc_date";
		const char *lt = spend ? "Note" : "Beslutningen",
		           *ld = spend ? "Dato for forbruget" : "Beslutningens dato";
		char *key = form_take(&fm, r, pi, "Særlig indsats"), *ys = form_take(&fm, r, py, "År"),
		     *ks = form_take(&fm, r, pk, "Beløb"), *text = form_take(&fm, r, pt, lt),
		     *ds = form_take(&fm, r, pd, ld);
		int y = 0;
		int64_t ore = 0;
		fk_date date = r->today;
		if (!*key)
			form_error(&fm, pi, "Særlig indsats", "Vælg den særlige indsats.");
		year_field(&fm, py, "År", ys, &y);
		kr_field(&fm, pk, "Beløb", ks, ECON_ORE_MAX, &ore);
		struct diags d;
		diags_init(&d);
		if (spend)
			econ_check_text(text, false, 2000, "note", "noten", &d);
		else
			econ_check_text(
			    text, true, 2000, "decision",
			    "beslutningen, der gav bevillingen, fx »Styregruppemøde 4, 2026, "
			    "punkt 6«",
			    &d);
		const char *const map[] = {spend ? "note" : "decision", pt, lt};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
		form_date(&fm, pd, ld, ds, spend, &date);
		if (form_ok(&fm)) {
			char msg[1024];
			int64_t over = 0;
			rc = spend ? store_econ_spend(r->st, r->user.login, r->app->mt, m->rate_ore,
			                              key, y, ore, date, text, msg, sizeof msg,
			                              &over, NULL)
			           : store_econ_allocate(r->st, r->user.login, r->app->mt,
			                                 m->rate_ore, key, y, ore, text, date, msg,
			                                 sizeof msg, &over, NULL);
			if (rc == FK_ENOTFOUND) {
				form_error(&fm, pi, "Særlig indsats", "%s", msg);
				rc = FK_OK;
			} else if (rc == FK_EINPUT) {
				/* Not special, or no frame: about the initiative or the year; over
				 * the frame or the allocation: about the amount. */
				const char *field = over                            ? pk
				                    : strstr(msg, "særlig indsats") ? pi
				                                                    : py;
				form_error(&fm, field,
				           field == pk   ? "Beløb"
				           : field == pi ? "Særlig indsats"
				                         : "År",
				           "%s", msg);
				rc = FK_OK;
			} else if (rc == FK_OK) {
				saved = spend ? "forbrug" : "bevilling";
				anchor = "#aaret";
				snprintf(flash_year, sizeof flash_year, "%d", y);
			}
		}
		free(key);
		free(ys);
		free(ks);
		free(text);
		free(ds);
	} else {
		econ_free(&e);
		form_free(&fm);
		return web_error(
		    r, p, 400,
		    "Formularen kunne ikke læses. Gå tilbage til siden Økonomi, og prøv "
		    "igen.");
	}
	if (rc != FK_OK) {
		econ_free(&e);
		form_free(&fm);
		json_decref(problems);
		return web_error(
		    r, p, 500,
		    "Ændringen kunne ikke gemmes på grund af en fejl i databasen. Intet er "
		    "gemt. Prøv igen om lidt.");
	}
	if (saved) {
		econ_free(&e);
		form_free(&fm);
		web_redirect(p, "/economy?year=%s&gemt=%s%s", flash_year, saved, anchor);
		return 0;
	}
	/* Bad input: the page again, with what was typed and the errors. */
	char y[16];
	snprintf(y, sizeof y, "%d", year);
	form_value(&fm, "year", y);
	p->status = 400;
	p->doc = economy_doc(r, &e, year, &fm, problems);
	json_object_set_new(p->doc, "failed_form", json_string(which));
	econ_free(&e);
	return 0;
}

/* ================================================================== GET */

int page_economy(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return post(r, p);
	struct econ e;
	if (load(r, p, &e))
		return 0;
	struct form fm;
	form_init(&fm);
	int year = date_year(r->today);
	const char *qy = web_query(r, "year");
	defaults(&fm, year, r->today);
	bool bad = false;
	if (qy && *qy) {
		if (econ_parse_year(qy, &year) == 0) {
			defaults(&fm, year, r->today);
		} else {
			bad = true;
			form_value(&fm, "year", form_utf8(qy, strlen(qy)) ? qy : "");
			form_error(&fm, "year", "År",
			           "Skriv året med fire cifre mellem %d og %d, fx 2027. Siden "
			           "viser i stedet "
			           "%d.",
			           ECON_YEAR_MIN, ECON_YEAR_MAX, year);
		}
	}
	p->doc = economy_doc(r, &e, year, &fm, NULL);
	if (bad)
		p->status = 400;
	const char *g = web_query(r, "gemt");
	static const struct {
		const char *k, *msg;
	} flashes[] = {{"sats", "Satsen er gemt."},
	               {"befolkning", "Befolkningstallene er indlæst."},
	               {"bevilling", "Bevillingen er gemt."},
	               {"forbrug", "Forbruget er registreret."}};
	for (size_t i = 0; g && i < N(flashes); i++)
		if (!strcmp(g, flashes[i].k))
			json_object_set_new(p->doc, "flash", json_string(flashes[i].msg));
	econ_free(&e);
	return 0;
}
