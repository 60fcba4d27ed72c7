/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's meetings in the browser (issue 5):
 *   GET  /meetings            the year's meetings (?year=) as an årshjul (SVG, coordinates
 *                             computed here) and as a table; for the secretariat a form to plan
 *                             the year. POST (admin): plan the year (store_meeting_plan).
 *   GET  /meetings/{id}       a meeting: agenda, proposals, inspiration talk, minutes; the
 *                             member's proposal form until the deadline (after it the Danish
 *                             message with the deadline and whom to contact); the secretariat's
 *                             forms for every step. POST: field "action" names the step.
 *   GET  /meetings/{id}/dispatch  (admin) what is not ready yet and who gets the agenda;
 *                             POST sends it out (a deliberate act, not a button on the
 *                             meeting page). The meeting page recalls a dispatch with a reason
 *                             and records a meeting that was not dispatched here as held.
 *   GET  /my                  a member's deadlines, open hearings and proposals.
 *   GET  /decisions           the decision log (?q=, ?year=); without q the latest decisions.
 * Errors of a POST re-render the page with 400 and the message next to the field; the
 * server's transaction is then rolled back, so nothing is half-written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/mail.h"
#include "core/cycle.h"
#include "core/material.h"
#include "core/wg.h"
#include "core/rotation.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/dispatch.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/picker.h"
#include "web/visible.h"

static const char *const month_da[12] = {"jan.", "feb.", "mar.", "apr.", "maj",  "jun.",
                                         "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};

/* The name of the secretariat of the model (whom members contact). */
static const char *secretariat(const struct model *m)
{
	for (size_t i = 0; i < m->nbodies; i++)
		if (!strcmp(m->bodies[i].kind, "secretariat"))
			return m->bodies[i].name;
	return "sekretariatet";
}

/* The reference groups (indexes into the model's bodies, at most max in out) where the
 * person of the member's account holds an appointment current today; returns how many
 * there are. Who may submit a group's status (page_overview.c asks the same). */
static size_t my_groups(struct web_req *r, int *out, size_t max)
{
	const struct model *m = r->app->model;
	if (r->user.role != ROLE_MEMBER || !r->user.person[0])
		return 0;
	struct reg reg;
	size_t n = 0;
	int32_t pi = web_load_register(r, &reg) == FK_OK ? reg_person_find(&reg, r->user.person) : -1;
	for (size_t b = 0; pi >= 0 && b < m->nbodies; b++) {
		if (reg_serves(&reg, pi, (int32_t)b, r->today) &&
		    !strcmp(m->bodies[b].kind, "reference-group")) {
			if (n < max)
				out[n] = (int)b;
			n++;
		}
	}
	reg_free(&reg);
	return n;
}

/* ?year= or fallback; 0 with *bad when not a year. */
static int query_year(const struct web_req *r, int fallback, bool *bad)
{
	const char *q = web_query(r, "year");
	*bad = false;
	if (!q || !*q)
		return fallback;
	char *end;
	long v = strtol(q, &end, 10);
	if (*end || v < 1900 || v > 2199) {
		*bad = true;
		return fallback;
	}
	return (int)v;
}

/* ---------------------------------------------------------------- the årshjul */

#define WHEEL_C 210.0 /* centre */
#define WHEEL_R 170.0 /* radius of the month ring */

/* The angle of day t in its year: 0 at 1 January (top), clockwise, 2π a year. */
static double year_angle(fk_date t)
{
	int y = date_year(t);
	fk_date a = date_from_ymd(y, 1, 1), b = date_from_ymd(y + 1, 1, 1);
	return 2.0 * M_PI * (double)(t - a) / (double)(b - a);
}

static void polar(double ang, double rad, double *x, double *y)
{
	*x = WHEEL_C + rad * sin(ang);
	*y = WHEEL_C - rad * cos(ang);
}

static json_t *point(double ang, double rad)
{
	double x, y;
	polar(ang, rad, &x, &y);
	return json_pack("{s:f, s:f}", "x", round(x * 10) / 10, "y", round(y * 10) / 10);
}

static void merge(json_t *o, json_t *pt, const char *px, const char *py)
{
	json_object_set(o, px, json_object_get(pt, "x"));
	json_object_set(o, py, json_object_get(pt, "y"));
	json_decref(pt);
}

/* The wheel of year with meetings v[0..n) and today. */
static json_t *wheel(int year, const struct meeting *v, size_t n, fk_date today)
{
	json_t *w = json_object(), *months = json_array(), *marks = json_array(),
	       *dls = json_array();
	for (int k = 0; k < 12; k++) {
		fk_date a = date_from_ymd(year, k + 1, 1);
		fk_date b = k == 11 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, k + 2, 1);
		double a0 = year_angle(a), a1 = k == 11 ? 2.0 * M_PI : year_angle(b);
		double x0, y0, x1, y1;
		polar(a0, WHEEL_R, &x0, &y0);
		polar(a1, WHEEL_R, &x1, &y1);
		char d[160];
		snprintf(d, sizeof d, "M %.1f %.1f L %.1f %.1f A %.0f %.0f 0 0 1 %.1f %.1f Z",
		         WHEEL_C, WHEEL_C, x0, y0, WHEEL_R, WHEEL_R, x1, y1);
		json_t *o = json_pack("{s:s, s:s, s:s}", "path", d, "label", month_da[k], "class",
		                      k % 2 ? "wheel-month odd" : "wheel-month even");
		merge(o, point((a0 + a1) / 2, WHEEL_R + 18), "lx", "ly");
		json_array_append_new(months, o);
	}
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = &v[i];
		char da[40];
		date_format_da(mt->date, da, sizeof da);
		json_t *o = json_pack("{s:I, s:i, s:s}", "id", (json_int_t)mt->id, "number",
		                      mt->number, "date_da", da);
		merge(o, point(year_angle(mt->date), WHEEL_R - 30), "x", "y");
		merge(o, point(year_angle(mt->date), WHEEL_R - 2), "tx", "ty");
		json_array_append_new(marks, o);
		const struct {
			fk_date t;
			const char *what;
			const char *cls;
		} dd[] = {{mt->proposals, "forslag og status", "wheel-deadline proposals"},
		          {mt->dispatch, "udsendelse", "wheel-deadline dispatch"}};
		for (size_t k = 0; k < 2; k++) {
			if (date_year(dd[k].t) != year)
				continue;
			date_format_da(dd[k].t, da, sizeof da);
			json_t *x = json_pack("{s:s, s:i, s:s, s:s}", "what", dd[k].what, "number",
			                      mt->number, "date_da", da, "class", dd[k].cls);
			merge(x, point(year_angle(dd[k].t), WHEEL_R - 62), "x", "y");
			json_array_append_new(dls, x);
		}
	}
	json_object_set_new(w, "months", months);
	json_object_set_new(w, "meetings", marks);
	json_object_set_new(w, "deadlines", dls);
	json_object_set_new(w, "cx", json_real(WHEEL_C));
	json_object_set_new(w, "cy", json_real(WHEEL_C));
	json_object_set_new(w, "inner", json_real(WHEEL_R - 80));
	if (date_year(today) == year) {
		json_t *h = json_object();
		merge(h, point(year_angle(today), WHEEL_R + 4), "x", "y");
		char da[40];
		date_format_da(today, da, sizeof da);
		json_object_set_new(h, "date_da", json_string(da));
		json_object_set_new(w, "today", h);
	}
	return w;
}

/* ---------------------------------------------------------------- /meetings */

static json_t *meeting_row(const struct meeting *mt)
{
	json_t *o = agenda_meeting_json(mt, false);
	form_date_da(o, "date_da", mt->date);
	form_date_da(o, "proposals_da", mt->proposals);
	form_date_da(o, "statuses_da", mt->statuses);
	form_date_da(o, "dispatch_da", mt->dispatch);
	return o;
}

/* The page of year; with d the failed plan form. */
static int meetings_doc(struct web_req *r, struct web_resp *p, int year, const struct diags *d)
{
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(r->st, year, false, &v, &n) != FK_OK)
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	json_t *doc = json_object(), *rows = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, meeting_row(&v[i]));
	json_object_set_new(doc, "meetings", rows);
	json_object_set_new(doc, "any", json_boolean(n > 0));
	json_object_set_new(doc, "wheel", wheel(year, v, n, r->today));
	json_object_set_new(doc, "year", json_integer(year));
	json_object_set_new(doc, "prev", json_integer(year - 1));
	json_object_set_new(doc, "next", json_integer(year + 1));
	meetings_free(v, n);
	if (r->user.role == ROLE_ADMIN) {
		json_t *val = json_object(), *err = json_object(), *summary = json_array();
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		json_object_set_new(val, "year", json_string(d ? web_field(r, "year") : y));
		json_object_set_new(val, "dates", form_text(d ? web_field(r, "dates") : ""));
		json_object_set_new(val, "time", form_text(d ? web_field(r, "time") : ""));
		static const char *const names[] = {"year", "dates", "time"};
		static const char *const labels[] = {"År", "Datoer", "Klokkeslæt"};
		for (size_t i = 0; d && i < d->n; i++) {
			size_t k = 0;
			while (k < 3 && (!d->v[i].field || strcmp(d->v[i].field, names[k])))
				k++;
			if (k == 3)
				k = 1;
			if (!json_object_get(err, names[k]))
				json_object_set_new(err, names[k], form_text(d->v[i].msg));
			char anchor[32];
			snprintf(anchor, sizeof anchor, "plan-%s", names[k]);
			json_array_append_new(summary, json_pack("{s:s, s:s, s:o}", "field", anchor,
			                                         "label", labels[k], "message",
			                                         form_text(d->v[i].msg)));
		}
		json_object_set_new(doc, "plan", json_pack("{s:o, s:o}", "val", val, "err", err));
		json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
		json_object_set_new(doc, "summary", summary);
	}
	char t[64];
	snprintf(t, sizeof t, "%sMøder og årshjul %d", d ? "Fejl: " : "", year);
	json_object_set_new(doc, "title", json_string(t));
	p->doc = doc;
	return 0;
}

/* Parses "2027-03-04, 2027-06-10 ..." (commas, semicolons or spaces) into dates. */
static size_t parse_dates(const char *s, fk_date *out, size_t max, struct diags *d)
{
	size_t n = 0;
	char *copy = xstrdup(s), *save = NULL;
	for (char *tok = strtok_r(copy, ",; \t\r\n", &save); tok;
	     tok = strtok_r(NULL, ",; \t\r\n", &save)) {
		fk_date t;
		if (date_parse_da(tok, strlen(tok), &t) != 0) {
			diags_add(
			    d, NULL, 0, 0, "dates",
			    "»%s« er ikke en dato. Skriv datoerne adskilt af komma, "
			    "fx 4-3-2027, 10-6-2027.",
			    tok);
			break;
		}
		if (n == max) {
			diags_add(d, NULL, 0, 0, "dates", "Skriv højst %zu datoer.", max);
			break;
		}
		out[n++] = t;
	}
	free(copy);
	if (n == 0 && d->n == 0)
		diags_add(d, NULL, 0, 0, "dates",
		          "Skriv årets mødedatoer, fx 2027-03-04, 2027-06-10.");
	return n;
}

/* The year /meetings opens on: that of the next meeting from today, else of the latest
 * meeting, else this year. */
static int default_year(struct web_req *r)
{
	struct meeting *v = NULL;
	size_t n = 0;
	int year = date_year(r->today);
	if (store_meeting_list(r->st, 0, false, &v, &n) != FK_OK)
		return year;
	size_t k = 0;
	while (k < n && v[k].date < r->today)
		k++;
	if (k < n)
		year = v[k].year;
	else if (n > 0)
		year = v[n - 1].year;
	meetings_free(v, n);
	return year;
}

int page_meetings(struct web_req *r, struct web_resp *p)
{
	bool bad;
	int year = query_year(r, 0, &bad);
	if (!year)
		year = default_year(r);
	if (r->method != WM_POST) {
		int rc = meetings_doc(r, p, year, NULL);
		if (rc == 0 && p->doc) {
			if (bad)
				json_object_set_new(
				    p->doc, "notice",
				    json_string("Året skal skrives med fire cifre, fx 2027. "
				                "Der er vist møderne i året for det næste møde."));
			if (web_query(r, "ok"))
				json_object_set_new(p->doc, "flash",
				                    json_string("Årets møder er gemt."));
		}
		return rc;
	}
	struct diags d;
	diags_init(&d);
	const char *ys = web_field(r, "year");
	char *end;
	long y = strtol(ys, &end, 10);
	if (!*ys || *end || y < 1900 || y > 2199) {
		diags_add(&d, NULL, 0, 0, "year", "Skriv året med fire cifre, fx 2027.");
		y = year;
	}
	fk_date dates[16];
	size_t n = parse_dates(web_field(r, "dates"), dates, 16, &d);
	int start = -1;
	if (*web_field(r, "time") && (start = cycle_parse_time(web_field(r, "time"))) < 0)
		diags_add(&d, NULL, 0, 0, "time", "Skriv klokkeslættet som TT:MM, fx 09:00.");
	int rc = FK_EINPUT;
	if (d.n == 0) {
		struct cycle_plan plan;
		rc = cycle_plan(r->app->model, (int)y, dates, n, start, &plan, &d);
		plan.place = *web_field(r, "place") ? web_field(r, "place") : NULL;
		if (rc == FK_OK)
			rc = store_meeting_plan(r->st, r->user.login, &plan, false, &d);
	}
	if (rc == FK_OK) {
		diags_free(&d);
		web_redirect(p, "/meetings?year=%ld&ok=1", y);
		return 0;
	}
	if (d.n == 0)
		diags_add(&d, NULL, 0, 0, "dates", "Planen kunne ikke gemmes. Prøv igen om lidt.");
	rc = meetings_doc(r, p, (int)y, &d);
	diags_free(&d);
	if (p->status == 0 || p->status == 200)
		p->status = 400;
	return rc;
}

/* ---------------------------------------------------------------- /meetings/{id} */

static const char *const kinds[] = {"orientering", "opfoelgning", "raadgivning", "droeftelse",
                                    "beslutning",  "oekonomi",    "inspiration"};
static const char *const outcomes[] = {"beslutning", "raadgivning", "taget-til-efterretning",
                                       "udsat"};
static const char *const outcomes_da[] = {"Beslutning", "Rådgivning", "Taget til efterretning",
                                          "Udsat"};

static json_t *options(const char *const *v, const char *const *labels, size_t n, const char *sel)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", v[i], "label",
		                                   labels ? labels[i] : agenda_kind_da(v[i]),
		                                   "selected", sel && !strcmp(sel, v[i])));
	return a;
}

/* The failed form: which action (and item or proposal), the values typed, the errors. */
struct failure {
	const char *action; /* NULL: none */
	long target;        /* item number or proposal id, 0 none */
	const struct diags *d;
};

/* {"val": {names: typed}, "err": {field: msg}} of the failed form, appending to summary. */
static json_t *failed_form(const struct web_req *r, const struct failure *f, const char *prefix,
                           json_t *summary)
{
	static const char *const names[] = {"title",    "text",           "kind",    "minutes",
	                                    "person",   "reason",         "swap",    "presenter",
	                                    "material", "recommendation", "outcome", "item",
	                                    "place"};
	json_t *val = json_object(), *err = json_object();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		json_object_set_new(val, names[i], form_text(web_field(r, names[i])));
	for (size_t i = 0; i < f->d->n; i++) {
		const char *fld = f->d->v[i].field;
		if (!fld || !strcmp(fld, "date") || !strcmp(fld, "state") ||
		    !strcmp(fld, "meeting") || !strcmp(fld, "proposal") || !strcmp(fld, "speaker"))
			fld = "_";
		if (!json_object_get(err, fld))
			json_object_set_new(err, fld, form_text(f->d->v[i].msg));
		char anchor[64];
		snprintf(anchor, sizeof anchor, "%s%s", prefix, strcmp(fld, "_") ? fld : "fejl");
		json_array_append_new(summary, json_pack("{s:s, s:o}", "field", anchor, "message",
		                                         form_text(f->d->v[i].msg)));
	}
	return json_pack("{s:o, s:o}", "val", val, "err", err);
}

/* Whether item it of mt came onto the agenda from a proposal of person. */
static bool own_item(const struct meeting *mt, const struct meeting_item *it, const char *person)
{
	const char *who = person[0] ? agenda_item_proposer(mt, it) : NULL;
	return who && !strcmp(who, person);
}

static bool is_failed(const struct failure *f, const char *action, long target)
{
	return f && f->action && !strcmp(f->action, action) && f->target == target;
}

/* The written material files of item it (number pos) from files (material_file_json of the
 * meeting's files) as "attachments": the secretariat may remove each while the meeting is
 * planned ("removable") and withdraw it with a reason afterwards ("withdrawable"); with may
 * the upload form "up" (its reason field when dispatched); a failed remove as "rm". Returns
 * whether the failure f (upload or remove) belongs to this item. */
static bool item_files(const struct web_req *r, json_t *it, int pos, const json_t *files,
                       bool may, bool admin, bool planned, bool dispatched,
                       const struct failure *f, json_t *summary)
{
	bool removable = admin && planned, withdrawable = admin && !planned;
	json_t *att = json_array();
	for (size_t k = 0; k < json_array_size(files); k++) {
		json_t *x = json_array_get(files, k);
		if (json_integer_value(json_object_get(x, "item")) != pos)
			continue;
		json_t *c = json_deep_copy(x);
		json_object_set_new(c, "removable", json_boolean(removable));
		json_object_set_new(c, "withdrawable", json_boolean(withdrawable));
		json_array_append_new(att, c);
	}
	json_object_set_new(it, "has_attachments", json_boolean(json_array_size(att) > 0));
	json_object_set_new(it, "attachments", att);
	char prefix[32];
	bool shown = false;
	if (may) {
		snprintf(prefix, sizeof prefix, "i%d-up-", pos);
		bool fu = is_failed(f, "upload", pos);
		json_t *up = fu ? failed_form(r, f, prefix, summary)
		                : json_pack("{s:{s:s}, s:{}}", "val", "reason", "", "err");
		json_object_set_new(up, "reason_needed", json_boolean(dispatched));
		json_object_set_new(up, "open", json_boolean(fu));
		json_object_set_new(it, "up", up);
		shown = fu;
	}
	if (is_failed(f, "material-remove", pos)) {
		snprintf(prefix, sizeof prefix, "i%d-rm-", pos);
		json_object_set_new(it, "rm", failed_form(r, f, prefix, summary));
		shown = true;
	}
	return shown;
}

/* The person pickers of the meeting page (picker.h): who proposes (the secretariat, on behalf
 * of a member of the steering group on day) and whom the inspiration talk is swapped to
 * (its candidates, the municipal members on the meeting day). form: the form's view model,
 * with "err"; the picker goes in as "picker". */
static void meeting_picker(struct web_req *r, json_t *form, bool swap, fk_date day)
{
	const struct model *m = r->app->model;
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return;
	}
	int body = model_body_index(m, m->cycle.body);
	int32_t *only = xmalloc((reg.npersons + 1) * sizeof *only);
	size_t n = 0;
	if (swap) {
		struct rotation_cand *c = NULL;
		size_t nc = rotation_candidates(m, &reg, body, day, &c);
		for (size_t i = 0; i < nc; i++)
			only[n++] = c[i].person;
		free(c);
	} else {
		for (size_t i = 0; i < reg.npersons; i++)
			if (reg_serves(&reg, (int32_t)i, body, day))
				only[n++] = (int32_t)i;
	}
	json_t *val = json_object_get(form, "val"), *err = json_object_get(form, "err");
	const char *field = swap ? "swap" : "person";
	struct picker pk = {swap ? "insp-swap" : "prop-person", field,
	                    swap ? "Byt med" : "Forslagsstiller",
	                    swap ? "Styregruppens kommunale medlemmer på mødedagen." : "Styregruppens medlemmer i dag.",
	                    swap ? "Ingen – den næste i rækken" : "Vælg medlem",
	                    json_string_value(json_object_get(err, field)), swap};
	json_object_set_new(form, "picker",
	                    picker_people(&pk, &reg, r->app->mt, day, only, n,
	                                  json_string_value(json_object_get(val, field))));
	free(only);
	reg_free(&reg);
}

static int meeting_doc(struct web_req *r, struct web_resp *p, int64_t id, const struct failure *f)
{
	const struct model *m = r->app->model;
	struct meeting mt;
	int rc = store_meeting_get(r->st, id, &mt);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Mødet kunne ikke læses. Prøv igen om lidt.");
	bool admin = r->user.role == ROLE_ADMIN, member = r->user.role == ROLE_MEMBER;
	json_t *doc = agenda_meeting_json(&mt, true), *summary = json_array();
	form_date_da(doc, "date_da", mt.date);
	form_date_da(doc, "proposals_da", mt.proposals);
	form_date_da(doc, "statuses_da", mt.statuses);
	form_date_da(doc, "dispatch_da", mt.dispatch);
	form_date_da(doc, "dispatched_on_da", mt.dispatched_on);
	json_object_set_new(doc, "place_is_link",
	                    json_boolean(mt.place && (!strncmp(mt.place, "https://", 8) ||
	                                              !strncmp(mt.place, "http://", 7))));
	json_object_set_new(doc, "held_here",
	                    json_boolean(mt.state >= MEETING_HELD && mt.dispatched_on == DATE_NONE));
	int total = agenda_minutes(mt.items, mt.nitems), avail = mt.end_min - mt.start_min;
	json_object_set_new(doc, "overtime", json_boolean(total > avail));
	json_object_set_new(doc, "has_items", json_boolean(mt.nitems > 0));
	json_object_set_new(doc, "admin", json_boolean(admin));
	json_object_set_new(doc, "meeting_id", json_integer((json_int_t)mt.id));
	json_object_set_new(doc, "documents", packet_doc_json(r, &mt));
	/* The reference groups' status form (page_overview.c): the secretariat and members of a
	 * reference group, until the meeting is held. */
	json_object_set_new(doc, "can_status",
	                    json_boolean(mt.state < MEETING_HELD && (admin || my_groups(r, NULL, 0))));
	bool planned = mt.state == MEETING_PLANNED, dispatched = mt.state == MEETING_DISPATCHED;
	bool minutes_open = mt.state == MEETING_DISPATCHED || mt.state == MEETING_HELD;
	/* Written material files, who may read them (visible.h) and who may upload them
	 * (page_material.c). */
	struct store_material *fl = NULL;
	size_t nfl = 0;
	struct meeting_view view;
	bool *may = xcalloc(mt.nitems + 1, sizeof *may);
	if (meeting_view_init(r, &mt, &view) != FK_OK ||
	    store_material_list(r->st, mt.id, &fl, &nfl) != FK_OK ||
	    material_may_upload(r, &mt, may) != FK_OK) {
		store_materials_free(fl, nfl);
		meeting_view_free(&view);
		free(may);
		json_decref(doc);
		json_decref(summary);
		meeting_free(&mt);
		return web_error(r, p, 500, "Mødets materiale kunne ikke læses. Prøv igen om lidt.");
	}
	nfl = meeting_view_files(&view, fl, nfl);
	json_t *files = json_array();
	for (size_t i = 0; i < nfl; i++)
		json_array_append_new(files, material_file_json(&fl[i]));
	store_materials_free(fl, nfl);
	/* What the user does not see yet, and when they will. */
	if (!view.admin && !view.open) {
		char ds[40], msg[300];
		date_format_da(mt.dispatch, ds, sizeof ds);
		snprintf(msg, sizeof msg,
		         "Dagsordenen er ikke udsendt endnu. Materiale og forslag kan læses af alle, "
		         "når den er udsendt (senest %s). Indtil da ser du kun det, der vedrører dig.",
		         ds);
		json_object_set_new(doc, "view_notice", json_string(msg));
	} else if (!view.minutes && mt.state == MEETING_HELD)
		json_object_set_new(doc, "view_notice",
		                    json_string("Referatet kan læses her, når sekretariatet har "
		                                "godkendt det."));
	char limit[32];
	material_size_text(MATERIAL_MAX_BYTES, limit, sizeof limit);
	json_object_set_new(doc, "material_limit", json_string(limit));
	bool file_failure = f && f->action &&
	                    (!strcmp(f->action, "upload") || !strcmp(f->action, "material-remove"));
	bool file_failure_shown = false;
	if (admin) {
		json_object_set_new(doc, "can_build", json_boolean(planned));
		/* Dispatch goes through its confirmation page, and only before the meeting; a
		 * meeting whose day has come without a dispatch here is recorded as held instead,
		 * and a dispatch is recalled (with a reason) only while the meeting is ahead. */
		bool past = r->today >= mt.date;
		json_object_set_new(doc, "can_dispatch",
		                    json_boolean(planned && mt.nitems > 0 && r->today <= mt.date));
		json_object_set_new(doc, "can_hold", json_boolean(planned && past));
		json_object_set_new(doc, "hold_needs_agenda", json_boolean(mt.nitems == 0));
		if (dispatched && r->today < mt.date) {
			json_t *rf = is_failed(f, "recall", 0)
			                 ? failed_form(r, f, "recall-", summary)
			                 : json_pack("{s:{s:s}, s:{}}", "val", "reason", "", "err");
			json_object_set_new(rf, "open", json_boolean(is_failed(f, "recall", 0)));
			json_object_set_new(doc, "recall", rf);
		}
		/* The place, until the meeting is held; a change sends updated invitations. */
		if ((planned || dispatched) && r->today <= mt.date) {
			json_t *pf = is_failed(f, "place", 0)
			                 ? failed_form(r, f, "place-", summary)
			                 : json_pack("{s:{s:s}, s:{}}", "val", "place",
			                             mt.place ? mt.place : "", "err");
			json_object_set_new(pf, "open", json_boolean(is_failed(f, "place", 0)));
			json_object_set_new(doc, "place_form", pf);
		}
		json_object_set_new(doc, "can_amend", json_boolean(dispatched));
		json_object_set_new(doc, "can_edit", json_boolean(planned));
		json_object_set_new(doc, "can_minutes",
		                    json_boolean(minutes_open && r->today >= mt.date));
		/* The minutes are approved once every item has them. */
		size_t written = 0;
		for (size_t i = 0; i < mt.nitems; i++)
			written += mt.items[i].outcome != NULL;
		bool complete = written == mt.nitems;
		json_object_set_new(doc, "can_approve",
		                    json_boolean(mt.state == MEETING_HELD && complete));
		if (mt.state == MEETING_HELD && !complete) {
			char msg[200];
			snprintf(msg, sizeof msg,
			         "%zu af %zu punkter har referat. Referatet kan godkendes, når alle "
			         "punkter har det.",
			         written, mt.nitems);
			json_object_set_new(doc, "minutes_progress", json_string(msg));
		}
		json_object_set_new(doc, "can_publish", json_boolean(mt.state == MEETING_APPROVED));
		json_object_set_new(doc, "can_speaker", json_boolean(mt.state < MEETING_HELD));
	}
	/* Items: Danish labels and the per-item forms. */
	json_t *items = json_object_get(doc, "items");
	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *it = json_array_get(items, i);
		const struct meeting_item *mi = &mt.items[i];
		json_object_set_new(it, "material_missing",
		                    json_boolean(mt.state < MEETING_HELD && view.item[i] &&
		                                 !mi->material && mi->nfiles == 0 &&
		                                 agenda_kind_needs_material(mi->kind)));
		if (item_files(r, it, mi->pos, files, may[i], admin, planned, dispatched, f, summary))
			file_failure_shown = true;
		/* Where the item comes from: the case with the group's recommendation, or the
		 * portfolio overview compiled for the meeting. */
		if (!strcmp(mi->source, "case") && case_id_parse(mi->ref) > 0) {
			char url[48];
			snprintf(url, sizeof url, "/cases/%lld", (long long)case_id_parse(mi->ref));
			json_object_set_new(it, "case_url", json_string(url));
		} else if (!strcmp(mi->source, "standard") && mi->ref &&
		           !strcmp(mi->ref, "portefoelje")) {
			char url[48];
			snprintf(url, sizeof url, "/meetings/%lld/portfolio", (long long)mt.id);
			json_object_set_new(it, "overview_url", json_string(url));
		}
		if (mi->outcome && view.minutes)
			for (size_t k = 0; k < 4; k++)
				if (!strcmp(mi->outcome, outcomes[k]))
					json_object_set_new(it, "outcome_da",
					                    json_string(outcomes_da[k]));
		if (!admin) {
			if (planned && own_item(&mt, mi, r->user.person)) {
				char mp[32];
				snprintf(mp, sizeof mp, "i%d-", mi->pos);
				bool fm = is_failed(f, "material", mi->pos);
				json_t *mat = fm ? failed_form(r, f, mp, summary)
				                 : json_pack("{s:{s:o}, s:{}}", "val", "material",
				                             form_text(mi->material), "err");
				json_object_set_new(mat, "open", json_boolean(fm));
				json_object_set_new(it, "mat", mat);
			}
			continue;
		}
		char prefix[32];
		snprintf(prefix, sizeof prefix, "i%d-", mi->pos);
		bool fail_item = is_failed(f, planned ? "item" : "amend", mi->pos);
		bool fail_min = is_failed(f, "minutes", mi->pos);
		json_t *edit =
		    fail_item ? failed_form(r, f, prefix, summary)
		              : json_pack("{s:{s:o, s:s, s:o, s:i, s:o, s:o}, s:{}}", "val",
		                          "title", form_text(mi->title), "kind", mi->kind,
		                          "presenter", form_text(mi->presenter), "minutes",
		                          mi->minutes, "material", form_text(mi->material),
		                          "recommendation", form_text(mi->recommendation), "err");
		json_object_set_new(edit, "kinds",
		                    options(kinds, NULL, sizeof kinds / sizeof kinds[0],
		                            fail_item ? web_field(r, "kind") : mi->kind));
		json_object_set_new(edit, "open", json_boolean(fail_item));
		json_object_set_new(edit, "amend", json_boolean(dispatched));
		json_object_set_new(it, "edit", edit);
		json_t *mins = fail_min ? failed_form(r, f, prefix, summary)
		                        : json_pack("{s:{s:o}, s:{}}", "val", "text",
		                                    form_text(mi->minutes_text), "err");
		json_object_set_new(
		    mins, "outcomes",
		    options(outcomes, outcomes_da, 4, fail_min ? web_field(r, "outcome") : mi->outcome));
		json_object_set_new(mins, "open", json_boolean(fail_min));
		json_object_set_new(mins, "written", json_boolean(mi->outcome != NULL));
		json_object_set_new(it, "min", mins);
	}
	/* Proposals: before dispatch a member sees their own, after it every reader sees all;
	 * the secretariat all, with accept and reject. */
	json_t *props = json_object_get(doc, "proposals"), *shown = json_array();
	for (size_t i = 0; i < json_array_size(props); i++) {
		json_t *x = json_array_get(props, i);
		const struct meeting_proposal *mp = &mt.props[i];
		if (!meeting_view_proposal(&view, mp))
			continue;
		form_date_da(x, "submitted_da", mp->submitted);
		json_object_set_new(x, "kind_da", json_string(agenda_kind_da(mp->kind)));
		const char *sda = !strcmp(mp->state, "accepted")   ? "optaget på dagsordenen"
		                  : !strcmp(mp->state, "rejected") ? "afvist"
		                                                   : "venter på sekretariatet";
		json_object_set_new(x, "state_da", json_string(sda));
		if (admin && !strcmp(mp->state, "submitted")) {
			char prefix[32];
			snprintf(prefix, sizeof prefix, "p%lld-", (long long)mp->id);
			bool fa = is_failed(f, "accept", (long)mp->id) ||
			          is_failed(f, "reject", (long)mp->id);
			json_t *dec = fa ? failed_form(r, f, prefix, summary)
			                 : json_pack("{s:{s:s}, s:{}}", "val", "reason", "", "err");
			json_object_set_new(dec, "reason_needed",
			                    json_boolean(mp->submitted > mt.proposals || !planned));
			json_object_set_new(x, "decide", dec);
		}
		json_array_append(shown, x);
	}
	json_decref(files);
	free(may);
	json_object_set_new(doc, "proposals", shown);
	json_object_set_new(doc, "has_proposals", json_boolean(json_array_size(shown) > 0));
	meeting_view_json(&view, doc);
	meeting_view_free(&view);
	meeting_attendance_json(r, &mt, doc);
	/* The member's proposal form, or the deadline message; a member who does not sit in the
	 * steering group is told whom to ask instead. */
	bool proposer;
	char refusal[320];
	meeting_may_propose(r, &proposer, refusal, sizeof refusal);
	if (member && r->user.person[0] && !proposer) {
		json_object_set_new(doc, "propose", json_pack("{s:b, s:b, s:s}", "open", 0, "admin",
		                                              0, "closed", refusal));
		if (is_failed(f, "propose", 0))
			json_decref(failed_form(r, f, "prop-", summary));
	} else if (proposer && mt.state < MEETING_HELD) {
		/* Once the meeting is held there is nothing to propose, and nothing is said about
		 * it. The secretariat may register a proposal after the deadline (it is marked late
		 * and needs a reason to be accepted). */
		bool open = r->today <= mt.proposals || admin;
		json_t *pf;
		if (is_failed(f, "propose", 0))
			pf = failed_form(r, f, "prop-", summary);
		else
			pf = json_pack("{s:{s:s, s:s, s:s, s:s}, s:{}}", "val", "title", "", "text",
			               "", "minutes", "15", "person", "", "err");
		json_object_set_new(
		    pf, "kinds",
		    options(kinds, NULL, 6,
		            is_failed(f, "propose", 0) ? web_field(r, "kind") : "droeftelse"));
		json_object_set_new(pf, "open", json_boolean(open));
		json_object_set_new(pf, "admin", json_boolean(admin));
		json_object_set_new(pf, "late", json_boolean(r->today > mt.proposals));
		if (admin)
			meeting_picker(r, pf, false, r->today);
		if (!open) {
			char ds[40], msg[256];
			date_format_da(mt.proposals, ds, sizeof ds);
			snprintf(msg, sizeof msg,
			         "Fristen for forslag var %s. Kontakt %s, hvis punktet skal med "
			         "alligevel.",
			         ds, secretariat(m));
			json_object_set_new(pf, "closed", json_string(msg));
		}
		json_object_set_new(doc, "propose", pf);
	}
	if (admin && mt.state < MEETING_HELD) {
		json_t *sp =
		    is_failed(f, "inspiration", 0)
		        ? failed_form(r, f, "insp-", summary)
		        : json_pack("{s:{s:s, s:s}, s:{}}", "val", "swap", "", "reason", "", "err");
		meeting_picker(r, sp, true, mt.date);
		json_object_set_new(doc, "speaker_form", sp);
	}
	/* Errors of the page's simple actions (dispatch, approve, publish, agenda). */
	if (f && f->action &&
	    (!strcmp(f->action, "held") || !strcmp(f->action, "dispatch") ||
	     (!strcmp(f->action, "recall") && !json_object_get(doc, "recall")) ||
	     (!strcmp(f->action, "place") && !json_object_get(doc, "place_form")) ||
	     !strcmp(f->action, "approve") ||
	     !strcmp(f->action, "publish") || !strcmp(f->action, "agenda") ||
	     (file_failure && !file_failure_shown)))
		json_decref(failed_form(r, f, "meeting-", summary));
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
	json_object_set_new(doc, "summary", summary);
	char t[96];
	snprintf(t, sizeof t, "%sStyregruppemøde %d/%d", f ? "Fejl: " : "", mt.number, mt.year);
	json_object_set_new(doc, "title", json_string(t));
	meeting_free(&mt);
	p->doc = doc;
	return 0;
}

/* Runs action on meeting id for the user; errors into d. Sets *target (item or proposal). */
static int meeting_act(struct web_req *r, int64_t id, const char *action, long *target,
                       struct diags *d, const char **flash)
{
	const struct model *m = r->app->model;
	const char *who = r->user.login;
	bool admin = r->user.role == ROLE_ADMIN;
	*target = 0;
	if (!strcmp(action, "propose")) {
		const char *person = admin && *web_field(r, "person") ? web_field(r, "person") : r->user.person;
		if (!*person) {
			diags_add(d, NULL, 0, 0, "person",
			          admin ? "Vælg det medlem, forslaget kommer fra."
			                : "Din konto er ikke knyttet til en person. Kontakt "
			                  "sekretariatet.");
			return FK_EINPUT;
		}
		/* A member proposes only while sitting in the steering group; the secretariat
		 * on a member's behalf (the store checks the person named). */
		bool may;
		char msg[320];
		int rc = meeting_may_propose(r, &may, msg, sizeof msg);
		if (rc != FK_OK)
			return rc;
		if (!may) {
			diags_add(d, NULL, 0, 0, NULL, "%s", msg);
			return FK_EFORBIDDEN;
		}
		long minutes = 0;
		if (*web_field(r, "minutes") && !web_whole(web_field(r, "minutes"), 24 * 60, &minutes)) {
			diags_add(d, NULL, 0, 0, "minutes",
			          "Skriv antal minutter som et helt tal, fx 15.");
			return FK_EINPUT;
		}
		*flash = "proposed";
		return store_proposal_add(r->st, who, m, id, person, web_field(r, "title"), web_field(r, "text"),
		                          *web_field(r, "kind") ? web_field(r, "kind") : NULL, (int)minutes,
		                          r->today, admin, NULL, d);
	}
	if (!strcmp(action, "material")) {
		/* A member adds the written material of an item from their own proposal until the
		 * agenda is dispatched; the secretariat edits any item with "item". */
		long pos;
		if (!web_whole(web_field(r, "item"), 1000, &pos)) {
			diags_add(d, NULL, 0, 0, "item", "Punktet findes ikke.");
			return FK_EINPUT;
		}
		*target = pos;
		struct meeting mt;
		if (store_meeting_get(r->st, id, &mt) != FK_OK)
			return FK_ENOTFOUND;
		bool mine = false;
		for (size_t i = 0; i < mt.nitems; i++)
			if (mt.items[i].pos == pos)
				mine = admin || own_item(&mt, &mt.items[i], r->user.person);
		meeting_free(&mt);
		if (!mine) {
			diags_add(
			    d, NULL, 0, 0, NULL,
			    "Du kan kun tilføje materiale til punkter fra dine egne forslag.");
			return FK_EFORBIDDEN;
		}
		if (!*web_field(r, "material")) {
			diags_add(d, NULL, 0, 0, "material",
			          "Skriv materialet, eller indsæt en adresse, hvor det ligger.");
			return FK_EINPUT;
		}
		struct store_item_change ch = {NULL, NULL, NULL, web_field(r, "material"), NULL, -1};
		*flash = "material";
		return store_meeting_item(r->st, who, id, (int)pos, &ch, NULL, d);
	}
	if (!strcmp(action, "upload")) {
		/* A file on an item: who may is decided in page_material.c, for the API too. */
		long pos;
		if (!web_whole(web_field(r, "item"), 1000, &pos)) {
			diags_add(d, NULL, 0, 0, "item", "Punktet findes ikke.");
			return FK_EINPUT;
		}
		*target = pos;
		struct meeting mt;
		if (store_meeting_get(r->st, id, &mt) != FK_OK)
			return FK_ENOTFOUND;
		*flash = "uploaded";
		int rc = material_upload(r, &mt, pos, NULL, d);
		meeting_free(&mt);
		return rc;
	}
	if (!admin) {
		diags_add(d, NULL, 0, 0, NULL, "Kun sekretariatet kan gøre dette.");
		return FK_EFORBIDDEN;
	}
	if (!strcmp(action, "material-remove")) {
		long mid;
		struct store_material fm;
		if (!web_whole(web_field(r, "material"), 1L << 30, &mid) ||
		    store_material_get(r->st, mid, &fm, NULL) != FK_OK) {
			diags_add(d, NULL, 0, 0, "material", "Filen findes ikke. Den kan være fjernet.");
			return FK_ENOTFOUND;
		}
		bool here = fm.meeting == id;
		*target = fm.pos;
		store_material_clear(&fm);
		if (!here) {
			diags_add(d, NULL, 0, 0, "material", "Filen hører ikke til dette møde.");
			return FK_ENOTFOUND;
		}
		const char *why = *web_field(r, "reason") ? web_field(r, "reason") : NULL;
		*flash = why ? "withdrawn" : "removed";
		return store_material_remove(r->st, who, mid, why, d);
	}
	if (!strcmp(action, "accept") || !strcmp(action, "reject")) {
		long pid;
		if (!web_whole(web_field(r, "proposal"), 1L << 30, &pid)) {
			diags_add(d, NULL, 0, 0, "proposal", "Forslaget findes ikke.");
			return FK_ENOTFOUND;
		}
		*target = pid;
		struct meeting mt;
		if (store_meeting_get(r->st, id, &mt) != FK_OK)
			return FK_ENOTFOUND;
		bool mine = false;
		for (size_t i = 0; i < mt.nprops; i++)
			mine |= mt.props[i].id == pid;
		meeting_free(&mt);
		if (!mine) {
			diags_add(d, NULL, 0, 0, "proposal",
			          "Mødet har intet forslag med nummer %ld.", pid);
			return FK_ENOTFOUND;
		}
		bool accept = !strcmp(action, "accept");
		*flash = accept ? "accepted" : "rejected";
		const char *reason = *web_field(r, "reason") ? web_field(r, "reason") : NULL;
		return store_proposal_decide(r->st, who, m, pid, accept, reason, d);
	}
	if (!strcmp(action, "agenda")) {
		*flash = "agenda";
		return store_meeting_agenda(r->st, who, m, id, d);
	}
	if (!strcmp(action, "dispatch")) {
		/* Sent out only from its confirmation page (page_meeting_dispatch). */
		diags_add(d, NULL, 0, 0, NULL,
		          "Dagsordenen udsendes fra siden »Udsend dagsorden og materiale«, hvor du "
		          "ser, hvad der mangler, og hvem der får den.");
		return FK_EINPUT;
	}
	if (!strcmp(action, "recall")) {
		*flash = "recalled";
		return store_meeting_recall(r->st, who, id, web_field(r, "reason"), r->today, d);
	}
	if (!strcmp(action, "place")) {
		*flash = *web_field(r, "place") ? "placed" : "unplaced";
		return store_meeting_place(r->st, who, id, web_field(r, "place"), d);
	}
	if (!strcmp(action, "held")) {
		*flash = "held";
		return store_meeting_hold(r->st, who, id, r->today, d);
	}
	if (!strcmp(action, "approve")) {
		*flash = "approved";
		return store_meeting_approve(r->st, who, m, id, d);
	}
	if (!strcmp(action, "publish")) {
		*flash = "published";
		return store_meeting_publish(r->st, who, id, d);
	}
	if (!strcmp(action, "inspiration")) {
		const char *swap = *web_field(r, "swap") ? web_field(r, "swap") : NULL;
		const char *reason = *web_field(r, "reason") ? web_field(r, "reason") : NULL;
		if (swap && !reason) {
			diags_add(d, NULL, 0, 0, "reason", "Skriv en begrundelse for byttet.");
			return FK_EINPUT;
		}
		struct reg reg;
		if (web_load_register(r, &reg) != FK_OK) {
			reg_free(&reg);
			return FK_EDB;
		}
		*flash = "speaker";
		int rc = store_meeting_inspiration(r->st, who, m, &reg, id, swap, reason, NULL, d);
		reg_free(&reg);
		return rc;
	}
	long pos;
	if (!strcmp(action, "item") || !strcmp(action, "amend") || !strcmp(action, "minutes")) {
		if (!web_whole(web_field(r, "item"), 1000, &pos)) {
			diags_add(d, NULL, 0, 0, "item", "Punktet findes ikke.");
			return FK_EINPUT;
		}
		*target = pos;
	}
	if (!strcmp(action, "item") || !strcmp(action, "amend")) {
		bool amend = !strcmp(action, "amend");
		long minutes = -1;
		if (*web_field(r, "minutes") && !web_whole(web_field(r, "minutes"), 24 * 60, &minutes)) {
			diags_add(d, NULL, 0, 0, "minutes",
			          "Skriv antal minutter som et helt tal, fx 15.");
			return FK_EINPUT;
		}
		if (amend && !*web_field(r, "reason")) {
			diags_add(d, NULL, 0, 0, "reason",
			          "Skriv en begrundelse: den vises ved punktet som rettelse.");
			return FK_EINPUT;
		}
		struct store_item_change ch = {
		    web_form(r, "title") && *web_field(r, "title") ? web_field(r, "title") : NULL,
		    *web_field(r, "kind") ? web_field(r, "kind") : NULL,
		    web_form(r, "presenter"),
		    web_form(r, "material"),
		    web_form(r, "recommendation"),
		    (int)minutes};
		*flash = amend ? "amended" : "item";
		return store_meeting_item(r->st, who, id, (int)pos, &ch,
		                          amend ? web_field(r, "reason") : NULL, d);
	}
	if (!strcmp(action, "minutes")) {
		*flash = "minutes";
		return store_meeting_minutes(r->st, who, m, id, (int)pos, web_field(r, "outcome"),
		                             web_field(r, "text"), r->today, d);
	}
	diags_add(d, NULL, 0, 0, NULL, "Ukendt handling. Gå tilbage til mødet, og prøv igen.");
	return FK_EINPUT;
}

static const struct {
	const char *key, *text;
} flashes[] = {
    {"proposed", "Tak. Dit forslag er sendt til sekretariatet."},
    {"accepted", "Forslaget er optaget på dagsordenen."},
    {"rejected", "Forslaget er afvist."},
    {"agenda", "Dagsordenen er bygget."},
    {"dispatched", "Dagsorden og materiale er udsendt, og medlemmerne får dem på e-mail. "
                   "Ændringer er nu rettelser, som medlemmerne også får besked om."},
    {"placed", "Mødets sted er gemt. Medlemmerne får en opdateret kalenderinvitation."},
    {"unplaced", "Mødets sted er fjernet. Medlemmerne får en opdateret kalenderinvitation."},
    {"recalled", "Udsendelsen er tilbagekaldt, og begrundelsen er gemt i revisionsloggen. "
                 "Dagsordenen kan rettes igen og udsendes på ny."},
    {"held", "Mødet er registreret som afholdt. Skriv referatet ved hvert punkt herunder."},
    {"approved", "Referatet er godkendt."},
    {"published", "Referatet er offentliggjort."},
    {"speaker", "Inspirationsoplægget er fordelt."},
    {"item", "Punktet er rettet."},
    {"amended", "Rettelsen er gemt og vises ved punktet."},
    {"minutes", "Referatet af punktet er gemt."},
    {"material", "Materialet er gemt ved punktet."},
    {"uploaded", "Filen er lagt på punktet."},
    {"removed", "Filen er fjernet fra punktet."},
    {"withdrawn", "Filen er trukket tilbage, og begrundelsen vises ved punktet."},
};

int page_meeting(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(r->param, 1L << 30, &id))
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (r->method != WM_POST) {
		int rc = meeting_doc(r, p, id, NULL);
		const char *ok = web_query(r, "ok");
		for (size_t i = 0; ok && p->doc && i < sizeof flashes / sizeof flashes[0]; i++)
			if (!strcmp(ok, flashes[i].key))
				json_object_set_new(p->doc, "flash", json_string(flashes[i].text));
		return rc;
	}
	struct meeting mt;
	if (!web_load_meeting(r, p, &id, &mt))
		return 0;
	meeting_free(&mt);
	const char *action = web_field(r, "action");
	struct diags d;
	diags_init(&d);
	long target = 0;
	const char *flash = "";
	int rc = meeting_act(r, id, action, &target, &d, &flash);
	if (rc == FK_OK) {
		diags_free(&d);
		web_redirect(p, "/meetings/%ld?ok=%s", id, flash);
		return 0;
	}
	if (d.n == 0)
		diags_add(&d, NULL, 0, 0, NULL,
		          "Det kunne ikke gemmes. Intet er ændret. Prøv igen om lidt.");
	struct failure f = {action, target, &d};
	int status = rc == FK_EFORBIDDEN                                           ? 403
	             : rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT ? 400
	                                                                           : 500;
	int r2 = meeting_doc(r, p, id, &f);
	if (p->doc)
		p->status = status;
	diags_free(&d);
	return r2;
}

/* ---------------------------------------------------------------- /meetings/{id}/dispatch */

/* The names of the steering group's members on the meeting's day, by name, into a (a JSON
 * array of strings). FK_OK, or the register's error. */
static int recipients(struct web_req *r, const struct meeting *mt, json_t *a)
{
	struct reg reg;
	int rc = web_load_register(r, &reg);
	int sg = wg_steering_group(r->app->model);
	if (rc == FK_OK && sg >= 0) {
		size_t n = 0;
		int32_t *v = wg_body_members(&reg, sg, mt->date, &n);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:s, s:b}", "name", reg.persons[v[i]].name,
			                                   "mail", mail_addr_ok(reg.persons[v[i]].email)));
		free(v);
	}
	reg_free(&reg);
	return rc;
}

/* What is not ready for the dispatch of mt on day, as Danish lines appended to a: items
 * without written material, an agenda longer than the meeting, no inspiration talk, proposals
 * not decided, reference groups without a status for the meeting. */
static int not_ready(struct web_req *r, const struct meeting *mt, json_t *a)
{
	const struct model *m = r->app->model;
	char line[400];
	for (size_t i = 0; i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		if (agenda_kind_needs_material(it->kind) && (!it->material || !*it->material) &&
		    it->nfiles == 0) {
			snprintf(line, sizeof line, "Punkt %d »%s« har intet skriftligt materiale.",
			         it->pos, it->title);
			json_array_append_new(a, json_pack("{s:s, s:i}", "text", line, "item", it->pos));
		}
	}
	int total = agenda_minutes(mt->items, mt->nitems), avail = mt->end_min - mt->start_min;
	if (total > avail) {
		snprintf(line, sizeof line,
		         "Dagsordenen varer %d minutter, men mødet har %d. Kort punkterne ned, eller "
		         "flyt et punkt til et senere møde.",
		         total, avail);
		json_array_append_new(a, json_pack("{s:s}", "text", line));
	}
	if (!mt->speaker)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "text",
		                                   "Ingen kommune er fordelt til inspirationsoplægget.",
		                                   "anchor", "inspiration", "label",
		                                   "Fordel inspirationsoplægget"));
	size_t waiting = 0;
	for (size_t i = 0; i < mt->nprops; i++)
		waiting += !strcmp(mt->props[i].state, "submitted");
	if (waiting) {
		snprintf(line, sizeof line,
		         "%zu forslag venter på at blive optaget eller afvist. Et forslag, der optages "
		         "efter udsendelsen, kommer på som en rettelse.",
		         waiting);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "text", line, "anchor", "forslag",
		                                   "label", "Se forslagene"));
	}
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	int rc = store_mstatus_list(r->st, mt->id, &sv, &nsv);
	if (rc != FK_OK)
		return rc;
	char names[300] = "";
	size_t missing = 0, len = 0;
	for (size_t b = 0; b < m->nbodies; b++) {
		if (strcmp(m->bodies[b].kind, "reference-group") != 0)
			continue;
		bool sent = false;
		for (size_t k = 0; k < nsv && !sent; k++)
			sent = !strcmp(sv[k].body, m->bodies[b].id);
		if (sent)
			continue;
		missing++;
		int w = snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "",
		                 m->bodies[b].name);
		if (w > 0 && len + (size_t)w < sizeof names)
			len += (size_t)w;
	}
	store_mstatus_free(sv, nsv);
	if (missing) {
		snprintf(line, sizeof line,
		         "Porteføljeoverblikket mangler status fra %zu referencegruppe%s: %s.", missing,
		         missing == 1 ? "" : "r", names);
		json_array_append_new(a, json_pack("{s:s, s:s}", "text", line, "portfolio", "1"));
	}
	return FK_OK;
}

/* The confirmation page of the dispatch of meeting id; with d the failed dispatch. */
static int dispatch_doc(struct web_req *r, struct web_resp *p, int64_t id, const struct diags *d)
{
	struct meeting mt;
	int rc = store_meeting_get(r->st, id, &mt);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Mødet kunne ikke læses. Prøv igen om lidt.");
	json_t *doc = agenda_meeting_json(&mt, false), *issues = json_array(), *who = json_array();
	form_date_da(doc, "date_da", mt.date);
	form_date_da(doc, "dispatch_da", mt.dispatch);
	form_date_da(doc, "proposals_da", mt.proposals);
	form_date_da(doc, "dispatched_on_da", mt.dispatched_on);
	bool planned = mt.state == MEETING_PLANNED;
	bool possible = planned && mt.nitems > 0 && r->today <= mt.date;
	if (not_ready(r, &mt, issues) != FK_OK || recipients(r, &mt, who) != FK_OK) {
		json_decref(doc);
		json_decref(issues);
		json_decref(who);
		meeting_free(&mt);
		return web_error(r, p, 500, "Udsendelsen kunne ikke forberedes. Prøv igen om lidt.");
	}
	/* Why it cannot be sent, when it cannot. */
	const char *why = NULL;
	if (mt.state == MEETING_DISPATCHED)
		why = "Dagsordenen er allerede udsendt. Gå tilbage til mødet for at rette den med "
		      "en rettelse eller tilbagekalde udsendelsen.";
	else if (!planned)
		why = "Mødet er afholdt, så dagsordenen kan ikke udsendes.";
	else if (r->today > mt.date)
		why = "Mødet er holdt. En dagsorden kan ikke udsendes efter mødet; registrér i "
		      "stedet mødet som afholdt på mødets side, så kan du skrive referatet.";
	else if (mt.nitems == 0)
		why = "Mødet har ingen dagsorden endnu. Byg dagsordenen på mødets side først.";
	if (why)
		json_object_set_new(doc, "why_not", json_string(why));
	json_object_set_new(doc, "possible", json_boolean(possible));
	/* Before the deadline: allowed, and said. */
	if (possible && r->today < mt.dispatch) {
		char msg[400], ds[40];
		date_format_da(mt.dispatch, ds, sizeof ds);
		int days = (int)(mt.dispatch - r->today);
		snprintf(msg, sizeof msg,
		         "Fristen for udsendelse er %s, om %d dag%s. Du kan godt udsende nu; det, der "
		         "ændres eller lægges på bagefter, bliver rettelser med en begrundelse.",
		         ds, days, days == 1 ? "" : "e");
		json_object_set_new(doc, "early", json_string(msg));
	}
	if (possible && r->today <= mt.proposals) {
		char msg[300], ds[40];
		date_format_da(mt.proposals, ds, sizeof ds);
		snprintf(msg, sizeof msg,
		         "Fristen for forslag (%s) er ikke overstået. Medlemmerne kan stadig sende "
		         "forslag til dagsordenen.",
		         ds);
		json_object_set_new(doc, "proposals_open", json_string(msg));
	}
	json_object_set_new(doc, "issues", issues);
	json_object_set_new(doc, "has_issues", json_boolean(json_array_size(issues) > 0));
	json_object_set_new(doc, "recipients", who);
	json_object_set_new(doc, "nrecipients", json_integer((json_int_t)json_array_size(who)));
	char lim[32];
	material_size_text((size_t)r->app->model->cycle.attach_max_kb * 1024, lim, sizeof lim);
	json_object_set_new(doc, "attach_limit", json_string(lim));
	json_object_set_new(doc, "has_recipients", json_boolean(json_array_size(who) > 0));
	json_t *summary = json_array();
	for (size_t i = 0; d && i < d->n; i++)
		json_array_append_new(summary, json_pack("{s:s, s:o}", "field", "udsend", "message",
		                                         form_text(d->v[i].msg)));
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
	json_object_set_new(doc, "summary", summary);
	char t[96];
	snprintf(t, sizeof t, "%sUdsend dagsordenen til styregruppemøde %d/%d", d ? "Fejl: " : "",
	         mt.number, mt.year);
	json_object_set_new(doc, "title", json_string(t));
	meeting_free(&mt);
	p->doc = doc;
	return 0;
}

int page_meeting_dispatch(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(r->param, 1L << 30, &id))
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (r->method != WM_POST)
		return dispatch_doc(r, p, id, NULL);
	struct diags d;
	diags_init(&d);
	struct dispatch_result res;
	int rc = web_dispatch(r->st, r->app->model, r->user.login, id, r->today, &d,
	                      &res);
	if (rc == FK_OK) {
		diags_free(&d);
		web_redirect(p, "/meetings/%ld?ok=dispatched", id);
		return 0;
	}
	if (d.n == 0)
		diags_add(&d, NULL, 0, 0, NULL,
		          "Dagsordenen kunne ikke udsendes. Intet er ændret. Prøv igen om lidt.");
	int r2 = dispatch_doc(r, p, id, &d);
	if (p->doc)
		p->status = rc == FK_ENOTFOUND ? 404 : rc == FK_EINPUT ? 400 : 500;
	diags_free(&d);
	return r2;
}

/* ---------------------------------------------------------------- /my */

/* Appends to out the status deadline of meeting mt (named name) for each of the member's
 * reference groups grp[0..ng): sent on which day, or missing, with the form's address. */
static void my_statuses(struct web_req *r, const struct meeting *mt, const char *name,
                        const int *grp, size_t ng, json_t *out)
{
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	if (store_mstatus_list(r->st, mt->id, &sv, &nsv) != FK_OK)
		return;
	for (size_t g = 0; g < ng; g++) {
		const struct model_body *b = &r->app->model->bodies[grp[g]];
		fk_date sent = DATE_NONE;
		for (size_t k = 0; k < nsv; k++)
			if (!strcmp(sv[k].body, b->id) && (sent == DATE_NONE || sv[k].submitted > sent))
				sent = sv[k].submitted;
		json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:o, s:b, s:b}", "meeting", name, "id",
		                      (json_int_t)mt->id, "group", b->name, "body", b->id, "url",
		                      form_url(b->id), "sent", sent != DATE_NONE, "overdue",
		                      sent == DATE_NONE && r->today > mt->statuses);
		form_date_da(o, "date_da", mt->statuses);
		form_date_da(o, "sent_da", sent);
		json_array_append_new(out, o);
	}
	store_mstatus_free(sv, nsv);
}

/* Appends to dl a deadline row for each written hearing of a working group that is open
 * today and that the member of r is asked in (sitting in the steering group today): its
 * deadline, whether they have answered, and the address of the answer form. */
static void my_hearings(struct web_req *r, json_t *dl)
{
	const struct model *m = r->app->model;
	int sg = wg_steering_group(m);
	if (!r->user.person[0] || sg < 0)
		return;
	struct reg reg;
	struct wg *v = NULL;
	size_t n = 0;
	int32_t pi = web_load_register(r, &reg) == FK_OK ? reg_person_find(&reg, r->user.person) : -1;
	if (pi >= 0 && wg_serves(&reg, sg, pi, r->today) && store_wg_list(r->st, &v, &n) == FK_OK) {
		for (size_t i = 0; i < n; i++) {
			const struct wg *w = &v[i];
			if (w->state != WG_IN_HEARING || w->hearing_deadline == DATE_NONE ||
			    w->hearing_deadline < r->today)
				continue;
			bool answered = wg_answer_of(w, r->user.person) != NULL;
			char iso[11], what[160], url[64];
			date_format(w->hearing_deadline, iso);
			snprintf(what, sizeof what, "%s",
			         answered ? "Skriftlig høring: du har svaret og kan ændre svaret til fristen"
			                  : "Skriftlig høring: frist for dit svar");
			snprintf(url, sizeof url, "/working-groups/%s#hoering", w->key);
			json_t *o = json_pack("{s:s, s:o, s:s, s:s, s:i, s:b}", "what", what, "meeting",
			                      form_text(w->topic), "url", url, "date", iso, "days",
			                      (int)(w->hearing_deadline - r->today), "hearing", 1);
			form_date_da(o, "date_da", w->hearing_deadline);
			json_array_append_new(dl, o);
		}
		wg_list_free(v, n);
	}
	reg_free(&reg);
}

/* /my with, after a failed apology (apology.d set), its errors next to the meeting's form. */
struct my_failure {
	long meeting;
	const struct diags *d;
};

static int my_doc(struct web_req *r, struct web_resp *p, const struct my_failure *f);

int page_my(struct web_req *r, struct web_resp *p)
{
	if (r->method != WM_POST)
		return my_doc(r, p, NULL);
	const char *action = web_form(r, "action");
	if (!action || strncmp(action, "apology", 7) != 0)
		return my_mail_post(r, p);
	struct diags d;
	diags_init(&d);
	struct my_failure f = {0, &d};
	int status = my_apology_post(r, p, &d, &f.meeting);
	int rc = 0;
	if (status) {
		rc = my_doc(r, p, &f);
		if (p->doc)
			p->status = status;
	}
	diags_free(&d);
	return rc;
}

static int my_doc(struct web_req *r, struct web_resp *p, const struct my_failure *f)
{
	json_t *doc = json_object(), *dl = json_array(), *mine = json_array();
	json_t *sts = json_array();
	int grp[16];
	size_t ng = my_groups(r, grp, 16);
	if (ng > 16)
		ng = 16;
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(r->st, 0, true, &v, &n) != FK_OK) {
		json_decref(doc);
		json_decref(dl);
		json_decref(mine);
		json_decref(sts);
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	}
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = &v[i];
		char name[128], mid[32];
		meeting_label(mt, mid, sizeof mid, name, sizeof name);
		if (mt->date >= r->today && mt->state < MEETING_HELD && ng)
			my_statuses(r, mt, name, grp, ng, sts);
		if (mt->date >= r->today) {
			const struct {
				fk_date t;
				const char *what;
			} dd[] = {{mt->proposals, "Frist for forslag til dagsordenen"},
			          {mt->statuses, "Frist for status og indstillinger"},
			          {mt->dispatch, "Dagsorden og materiale udsendes"},
			          {mt->date, "Mødet"}};
			for (size_t k = 0; k < 4; k++) {
				if (dd[k].t < r->today)
					continue;
				char iso[11];
				date_format(dd[k].t, iso);
				char url[40];
				snprintf(url, sizeof url, "/meetings/%lld", (long long)mt->id);
				json_t *o =
				    json_pack("{s:s, s:s, s:s, s:s, s:i}", "what", dd[k].what,
				              "meeting", name, "url", url, "date",
				              iso, "days", (int)(dd[k].t - r->today));
				form_date_da(o, "date_da", dd[k].t);
				json_array_append_new(dl, o);
			}
		}
		for (size_t k = 0; k < mt->nprops; k++) {
			const struct meeting_proposal *pp = &mt->props[k];
			if (!r->user.person[0] || strcmp(pp->person, r->user.person) != 0)
				continue;
			const char *sda = !strcmp(pp->state, "accepted")   ? "optaget"
			                  : !strcmp(pp->state, "rejected") ? "afvist"
			                                                   : "venter på sekretariatet";
			json_t *o =
			    json_pack("{s:o, s:s, s:I, s:s, s:o}", "title", form_text(pp->title),
			              "meeting", name, "id", (json_int_t)mt->id, "state_da", sda,
			              "reason", form_text(pp->reason));
			form_date_da(o, "submitted_da", pp->submitted);
			json_array_append_new(mine, o);
		}
	}
	meetings_free(v, n);
	my_hearings(r, dl);
	/* Soonest first. */
	size_t nd = json_array_size(dl);
	for (size_t i = 1; i < nd; i++)
		for (size_t k = i; k > 0; k--) {
			json_t *a = json_array_get(dl, k - 1), *b = json_array_get(dl, k);
			if (strcmp(json_string_value(json_object_get(a, "date")),
			           json_string_value(json_object_get(b, "date"))) <= 0)
				break;
			json_incref(a);
			json_array_set(dl, k - 1, b);
			json_array_set_new(dl, k, a);
		}
	json_object_set_new(doc, "has_deadlines", json_boolean(json_array_size(dl) > 0));
	json_object_set_new(doc, "has_proposals", json_boolean(json_array_size(mine) > 0));
	json_object_set_new(doc, "deadlines", dl);
	json_object_set_new(doc, "proposals", mine);
	json_object_set_new(doc, "has_statuses", json_boolean(json_array_size(sts) > 0));
	json_object_set_new(doc, "statuses", sts);
	json_object_set_new(doc, "linked", json_boolean(r->user.person[0] != '\0'));
	if (r->user.person[0])
		json_object_set_new(doc, "ics", json_string(r->user.person));
	json_object_set_new(doc, "title", json_string("Mine frister, forslag og beskeder"));
	my_mail_json(r, doc);
	my_apology_json(r, doc, f ? f->meeting : 0, f ? f->d : NULL);
	if (f)
		json_object_set_new(doc, "title", json_string("Fejl: Mine frister, forslag og beskeder"));
	const char *af = web_query(r, "afbud");
	if (!f && af && (!strcmp(af, "sent") || !strcmp(af, "withdrawn")))
		json_object_set_new(doc, "apology_notice",
		                    json_string(!strcmp(af, "sent")
		                                    ? "Tak. Dit afbud er registreret, og sekretariatet kan "
		                                      "se det på mødets side."
		                                    : "Dit afbud er trukket tilbage. Du er igen meldt som "
		                                      "deltager."));
	const char *ok = web_query(r, "beskeder");
	if (ok && (!strcmp(ok, "daily") || !strcmp(ok, "off")))
		json_object_set_new(
		    doc, "mail_notice",
		    json_string(!strcmp(ok, "daily")
		                    ? "Dit valg er gemt. Orienteringer samles nu i én e-mail om dagen."
		                    : "Dit valg er gemt. Orienteringer sendes nu med det samme, også "
		                      "dem, der ventede på sammendraget."));
	p->doc = doc;
	return 0;
}

/* ---------------------------------------------------------------- /decisions */

static int hit(const struct store_decision *x, void *arg)
{
	json_t *a = arg;
	const char *oda = x->outcome ? x->outcome : "";
	for (size_t k = 0; k < 4; k++)
		if (x->outcome && !strcmp(x->outcome, outcomes[k]))
			oda = outcomes_da[k];
	json_t *o =
	    json_pack("{s:I, s:i, s:i, s:s, s:i, s:o, s:s, s:o}", "meeting", (json_int_t)x->meeting,
	              "year", x->year, "number", x->number, "date", x->date, "item", x->pos,
	              "title", form_text(x->title), "outcome_da", oda, "text", form_text(x->text));
	fk_date t;
	if (date_parse(x->date, strlen(x->date), &t) == 0)
		form_date_da(o, "date_da", t);
	json_array_append_new(a, o);
	return 0;
}

int page_decisions(struct web_req *r, struct web_resp *p)
{
	json_t *doc = json_object(), *hits = json_array();
	const char *q = web_query(r, "q");
	bool bad;
	int year = query_year(r, 0, &bad);
	if (bad)
		json_object_set_new(
		    doc, "notice",
		    json_string("Året skal skrives med fire cifre, fx 2027. Der er søgt "
		                "i alle år."));
	bool searched = q && *q;
	if (!searched) {
		/* Without words: the latest decisions (of the year, when one is given). */
		if (store_decision_latest(r->st, year, r->user.role != ROLE_ADMIN, 20, hit, hits) !=
		    FK_OK) {
			json_decref(doc);
			json_decref(hits);
			return web_error(r, p, 500, "Beslutningerne kunne ikke læses. Prøv igen om lidt.");
		}
	} else {
		/* Viewers and members see published minutes; the secretariat all. */
		int rc = store_decision_search(r->st, q, year, r->user.role != ROLE_ADMIN, 200, hit,
		                               hits);
		if (rc == FK_EINPUT)
			json_object_set_new(doc, "q_error",
			                    json_string("Skriv mindst ét ord at søge efter."));
		else if (rc != FK_OK) {
			json_decref(doc);
			json_decref(hits);
			return web_error(r, p, 500,
			                 "Søgningen kunne ikke gennemføres. Prøv igen om lidt.");
		}
	}
	json_object_set_new(doc, "q", form_text(q));
	char y[16] = "";
	if (year)
		snprintf(y, sizeof y, "%d", year);
	/* The same decisions as a workbook: the search, or the whole year's log (this year's
	 * when none is chosen). */
	struct buf href;
	buf_init(&href);
	buf_adds(&href, "/decisions.xlsx?");
	char ty[16];
	snprintf(ty, sizeof ty, "%d", date_year(r->today));
	sort_url_arg(&href, "q", searched ? q : NULL);
	sort_url_arg(&href, "year", year ? y : searched ? NULL : ty);
	href.s[--href.len] = '\0'; /* the last '&' */
	json_object_set_new(doc, "xlsx_href", json_string(href.s));
	json_object_set_new(doc, "xlsx_year", json_string(year || searched ? "" : ty));
	buf_free(&href);
	json_object_set_new(doc, "year", json_string(y));
	json_object_set_new(doc, "searched", json_boolean(searched));
	json_object_set_new(doc, "latest", json_boolean(!searched));
	json_object_set_new(doc, "count", json_integer((json_int_t)json_array_size(hits)));
	json_object_set_new(doc, "any", json_boolean(json_array_size(hits) > 0));
	json_object_set_new(doc, "hits", hits);
	json_object_set_new(doc, "title", json_string("Beslutningslog"));
	p->doc = doc;
	return 0;
}
