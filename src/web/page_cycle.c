/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET/POST /meetings/plan (the secretariat): plans the steering group's meetings of a year in
 * the browser — one date field per meeting of the model (four) and the time — with the same
 * core as `cycle plan YEAR --dates ... --save` (core/cycle.c, store_meeting_plan).
 *
 * GET ?year=Y shows the year's planned dates, or the dates cycle_suggest proposes when none
 * are planned. POST checks each date on its own (in the year, a working day; the core's own
 * words, on the field that holds it), then the plan as a whole, and stores it; a meeting
 * with an agenda or proposals is not moved (the store refuses, and the page says why). On
 * success: to /meetings?year=Y&ok=1. Dates are read as Danes write them (form_date). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/cycle.h"
#include "core/date.h"
#include "util/err.h"
#include "web/form.h"
#include "web/pages.h"

#define PLAN_MAX 16

/* The number of date fields: the model's meetings a year (4), at least 1. */
static int nfields(const struct model *m)
{
	int n = m->cycle.meetings_per_year;
	return n < 1 ? 4 : n > PLAN_MAX ? PLAN_MAX : n;
}

/* ?year= or the year field: 1900..2199, else fallback (and *bad). */
static int read_year(const char *s, int fallback, bool *bad)
{
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	*bad = s && *s && (*end || v < 1900 || v > 2199);
	return s && *s && !*bad ? (int)v : fallback;
}

/* The page: year, the fields (values in fm) and, when stored meetings exist, a note. */
static int plan_doc(struct web_req *r, struct web_resp *p, int year, struct form *fm,
                    const char *failure)
{
	const struct model *m = r->app->model;
	int n = nfields(m);
	struct meeting *v = NULL;
	size_t nv = 0;
	if (store_meeting_list(r->st, year, true, &v, &nv) != FK_OK) {
		form_free(fm);
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *doc = json_object(), *fields = json_array();
	for (int i = 0; i < n; i++) {
		char name[16], label[32];
		snprintf(name, sizeof name, "date%d", i + 1);
		snprintf(label, sizeof label, "Møde %d", i + 1);
		json_array_append_new(fields, json_pack("{s:s, s:s}", "name", name, "label", label));
	}
	json_object_set_new(doc, "dates", fields);
	json_object_set_new(doc, "planned", json_integer((json_int_t)nv));
	json_object_set_new(doc, "any_planned", json_boolean(nv > 0));
	bool agenda = false;
	for (size_t i = 0; i < nv; i++)
		agenda = agenda || v[i].nitems > 0 || v[i].nprops > 0;
	json_object_set_new(doc, "has_agenda", json_boolean(agenda));
	meetings_free(v, nv);
	json_object_set_new(doc, "year", json_integer(year));
	json_object_set_new(doc, "prev", json_integer(year - 1));
	json_object_set_new(doc, "next", json_integer(year + 1));
	json_object_set_new(doc, "default_time",
	                    json_string(m->cycle.default_time ? m->cycle.default_time : "09:00"));
	json_object_set_new(doc, "minutes", json_integer(m->cycle.meeting_minutes));
	json_object_set_new(doc, "proposals_weeks", json_integer(m->cycle.proposals_weeks));
	json_object_set_new(doc, "dispatch_weeks", json_integer(m->cycle.dispatch_weeks));
	if (failure)
		json_object_set_new(doc, "failure", json_string(failure));
	bool failed = failure || !form_ok(fm);
	form_finish(fm, doc);
	/* The fields' values and errors, by position, for the template's loop. */
	json_t *ff = json_object_get(doc, "f");
	for (size_t i = 0; i < json_array_size(fields); i++) {
		json_t *x = json_array_get(fields, i);
		json_t *st = json_object_get(ff, json_string_value(json_object_get(x, "name")));
		json_t *val = json_object_get(st, "value"), *err = json_object_get(st, "error");
		json_object_set(x, "value", val ? val : json_string(""));
		json_object_set_new(x, "error", err ? json_incref(err) : json_null());
	}
	char t[64];
	snprintf(t, sizeof t, "%sPlanlæg møderne %d", failed ? "Fejl: " : "", year);
	json_object_set_new(doc, "title", json_string(t));
	p->doc = doc;
	if (failed)
		p->status = 400;
	return 0;
}

/* The GET form: the stored dates of year, else the suggested ones. */
static int plan_get(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	bool bad;
	int year = read_year(web_query(r, "year"), date_year(r->today), &bad);
	struct form fm;
	form_init(&fm);
	struct meeting *v = NULL;
	size_t nv = 0;
	fk_date dates[PLAN_MAX];
	size_t nd = 0;
	if (store_meeting_list(r->st, year, false, &v, &nv) == FK_OK && nv > 0) {
		for (size_t i = 0; i < nv && nd < PLAN_MAX; i++)
			dates[nd++] = v[i].date;
	} else {
		nd = cycle_suggest(m, year, dates, PLAN_MAX);
	}
	/* The place all saved meetings share, if they do. */
	const char *place = nv > 0 ? v[0].place : NULL;
	for (size_t i = 1; place && i < nv; i++)
		if (!v[i].place || strcmp(v[i].place, place) != 0)
			place = NULL;
	form_value(&fm, "place", place ? place : "");
	char time[8] = "";
	if (nv > 0 && v[0].start_min >= 0)
		snprintf(time, sizeof time, "%02d:%02d", v[0].start_min / 60 % 24,
		         v[0].start_min % 60);
	meetings_free(v, nv);
	int n = nfields(m);
	for (int i = 0; i < n; i++) {
		char name[16], iso[11] = "";
		snprintf(name, sizeof name, "date%d", i + 1);
		if ((size_t)i < nd)
			date_format(dates[i], iso);
		form_value(&fm, name, iso);
	}
	form_value(&fm, "time", *time ? time : m->cycle.default_time ? m->cycle.default_time
	                                                               : "09:00");
	char y[8];
	snprintf(y, sizeof y, "%d", year);
	form_value(&fm, "year", y);
	int rc = plan_doc(r, p, year, &fm, NULL);
	if (rc == 0 && p->doc) {
		json_object_set_new(p->doc, "suggested", json_boolean(nv == 0));
		if (bad)
			json_object_set_new(p->doc, "notice",
			                    json_string("Året skal skrives med fire cifre, fx 2027. "
			                                "Formularen viser i år."));
	}
	return rc;
}

int page_cycle_plan(struct web_req *r, struct web_resp *p)
{
	if (r->method != WM_POST)
		return plan_get(r, p);
	const struct model *m = r->app->model;
	struct form fm;
	form_init(&fm);
	char *ys = form_take(&fm, r, "year", "År");
	bool bad;
	int year = read_year(ys, date_year(r->today), &bad);
	if (bad || !*ys)
		form_error(&fm, "year", "År", "Skriv året med fire cifre, fx %d.",
		           date_year(r->today) + 1);
	free(ys);

	char *ts = form_take(&fm, r, "time", "Klokkeslæt");
	int start = -1;
	if (*ts && (start = cycle_parse_time(ts)) < 0) {
		/* 9.30 and 9 as Danes write them */
		int h, mi = 0;
		char tail;
		if ((sscanf(ts, "%d.%d%c", &h, &mi, &tail) == 2 || sscanf(ts, "%d%c", &h, &tail) == 1) &&
		    h >= 0 && h < 24 && mi >= 0 && mi < 60)
			start = h * 60 + mi;
		else
			form_error(&fm, "time", "Klokkeslæt",
			           "»%s« er ikke et klokkeslæt. Skriv fx 9:00 eller 13:30.", ts);
	}
	free(ts);
	char *place = form_take(&fm, r, "place", "Sted");
	if (strlen(place) > MEETING_PLACE_MAX)
		form_error(&fm, "place", "Sted", "Stedet er for langt (højst %d tegn).",
		           MEETING_PLACE_MAX);

	/* Each date on its own: required, a date, in the year, a working day, not twice. */
	int n = nfields(m);
	fk_date dates[PLAN_MAX];
	size_t nd = 0;
	for (int i = 0; i < n; i++) {
		char name[16], label[32];
		snprintf(name, sizeof name, "date%d", i + 1);
		snprintf(label, sizeof label, "Møde %d", i + 1);
		char *s = form_take(&fm, r, name, label);
		fk_date d;
		if (!form_date(&fm, name, label, s, true, &d)) {
			free(s);
			continue;
		}
		free(s);
		bool twice = false;
		for (size_t k = 0; k < nd && !twice; k++)
			twice = dates[k] == d;
		if (twice) {
			form_error(&fm, name, label,
			           "Datoen står allerede ved et andet møde. Vælg en anden dato.");
			continue;
		}
		if (!bad) {
			struct diags one;
			diags_init(&one);
			struct cycle_plan tmp;
			if (cycle_plan(m, year, &d, 1, start, &tmp, &one) != FK_OK) {
				for (size_t k = 0; k < one.n; k++)
					if (one.v[k].field && !strcmp(one.v[k].field, "time"))
						form_error(&fm, "time", "Klokkeslæt", "%s", one.v[k].msg);
					else
						form_error(&fm, name, label, "%s", one.v[k].msg);
			}
			diags_free(&one);
		}
		dates[nd++] = d;
	}
	if (!form_ok(&fm)) {
		free(place);
		return plan_doc(r, p, year, &fm, NULL);
	}

	/* The plan as a whole, and the store (which keeps a meeting with an agenda). */
	struct diags d;
	diags_init(&d);
	struct cycle_plan plan;
	int rc = cycle_plan(m, year, dates, nd, start, &plan, &d);
	plan.place = *place ? place : NULL;
	if (rc == FK_OK)
		rc = store_meeting_plan(r->st, r->user.login, &plan, false, &d);
	free(place);
	if (rc == FK_OK) {
		diags_free(&d);
		form_free(&fm);
		web_redirect(p, "/meetings?year=%d&ok=1", year);
		return 0;
	}
	char why[1024] = "Planen kunne ikke gemmes. Prøv igen om lidt.";
	if (d.n)
		snprintf(why, sizeof why, "%s", d.v[0].msg);
	diags_free(&d);
	return plan_doc(r, p, year, &fm, why);
}
