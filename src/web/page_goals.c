/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /goals: the steering group's goals by year (newest year first; ?year= for one year),
 * each with its indicator, target, latest status and the status history. For the
 * secretariat a form for a new goal and, on each goal, a form for a status report.
 * POST /goals (admin): field "action" is "add" (a new goal) or "status" (a report on goal
 * "goal"); 303 back to the goal; bad input re-renders the page with the error next to the
 * field (400). Reading needs a login. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/goals.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

/* An ASCII CSS class for a status. */
static const char *status_class(int s)
{
	static const char *const c[GOAL_STATUS__MAX] = {"on-track", "delayed", "reached",
	                                                "abandoned"};
	return s >= 0 && s < GOAL_STATUS__MAX ? c[s] : "none";
}

static const char *const add_fields[] = {"year", "text", "indicator", "target", "set_on"};
static const char *const add_labels[] = {"År", "Mål", "Indikator", "Målværdi", "Fastlagt den"};
static const char *const st_fields[] = {"status", "note", "date"};
static const char *const st_labels[] = {"Status", "Bemærkning", "Dato"};

/* {"val": {...}, "err": {...}} for a form of fields names; with d the values typed and the
 * errors, the errors also appended to summary with anchors prefix-NAME. */
static json_t *form_of(const struct web_req *r, const char *const *names, const char *const *labels,
                       size_t n, const struct diags *d, const char *prefix, json_t *summary)
{
	json_t *val = json_object(), *err = json_object();
	for (size_t i = 0; i < n; i++)
		json_object_set_new(val, names[i], form_text(d ? web_field(r, names[i]) : ""));
	for (size_t i = 0; d && i < d->n; i++) {
		size_t k = 0;
		while (k < n && (!d->v[i].field || strcmp(d->v[i].field, names[k])))
			k++;
		if (k == n)
			k = 0;
		if (json_object_get(err, names[k]))
			continue;
		json_object_set_new(err, names[k], form_text(d->v[i].msg));
		char *anchor = xasprintf("%s%s", prefix, names[k]);
		json_array_append_new(summary,
		                      json_pack("{s:s, s:s, s:o}", "field", anchor, "label",
		                                labels[k], "message", form_text(d->v[i].msg)));
		free(anchor);
	}
	return json_pack("{s:o, s:o}", "val", val, "err", err);
}

/* The page. failed_goal: the goal whose status form failed (-1: the new-goal form, 0: none),
 * with errors d. */
static json_t *goals_doc(struct web_req *r, const struct goal_set *set, int year, int64_t failed,
                         const struct diags *d)
{
	json_t *doc = json_object(), *years = json_array(), *summary = json_array();
	bool admin = r->user.role == ROLE_ADMIN;
	/* By year, newest first; goals within a year by number. */
	for (size_t i = set->n; i-- > 0;) {
		const struct goal_rec *g = &set->v[i];
		json_t *grp = json_array_get(years, json_array_size(years) - 1);
		if (!grp || json_integer_value(json_object_get(grp, "year")) != g->year) {
			grp = json_pack("{s:i, s:[]}", "year", g->year, "goals");
			json_array_append_new(years, grp);
		}
		json_t *o = goal_json(g);
		form_date_da(o, "set_on_da", g->set_on);
		const struct goal_status_rec *last = goal_latest(g);
		if (last) {
			form_date_da(o, "status_date_da", last->date);
			json_object_set_new(o, "status_class",
			                    json_string(status_class((int)last->status)));
		}
		json_t *hist = json_object_get(o, "history");
		for (size_t k = 0; k < json_array_size(hist); k++) {
			json_t *h = json_array_get(hist, k);
			form_date_da(h, "date_da", g->status[k].date);
			json_object_set_new(h, "class",
			                    json_string(status_class((int)g->status[k].status)));
		}
		json_object_set_new(o, "history_any", json_boolean(g->nstatus > 0));
		if (admin) {
			char prefix[40];
			snprintf(prefix, sizeof prefix, "g%lld-", (long long)g->id);
			json_t *fm = form_of(r, st_fields, st_labels, 3, failed == g->id ? d : NULL,
			                     prefix, summary);
			json_t *opts = json_array();
			const char *sel = failed == g->id ? web_field(r, "status") : "";
			int s = goal_status_parse(sel);
			for (int k = 0; k < GOAL_STATUS__MAX; k++)
				json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value",
				                                      goal_status_name(k), "label",
				                                      goal_status_title(k),
				                                      "selected", s == k));
			json_object_set_new(fm, "options", opts);
			json_object_set_new(fm, "open", json_boolean(failed == g->id));
			json_object_set_new(o, "form", fm);
		}
		/* Oldest first in the array; newest first in the list of the group. */
		json_array_insert_new(json_object_get(grp, "goals"), 0, o);
	}
	size_t n = json_array_size(years);
	json_object_set_new(doc, "years", years);
	json_object_set_new(doc, "years_any", json_boolean(n > 0));
	if (admin) {
		json_t *fm =
		    form_of(r, add_fields, add_labels, 5, failed == -1 ? d : NULL, "new-", summary);
		if (failed != -1) {
			char today[11];
			date_format(r->today, today);
			json_object_set_new(json_object_get(fm, "val"), "set_on",
			                    json_string(today));
			char y[16];
			snprintf(y, sizeof y, "%d", date_year(r->today) + 1);
			json_object_set_new(json_object_get(fm, "val"), "year", json_string(y));
		}
		json_object_set_new(doc, "add", fm);
	}
	json_object_set_new(doc, "summary", summary);
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
	char y[16] = "";
	if (year)
		snprintf(y, sizeof y, "%d", year);
	json_object_set_new(doc, "year_value", json_string(y));
	json_object_set_new(doc, "filtered", json_boolean(year != 0));
	json_object_set_new(doc, "title",
	                    json_string(failed ? "Fejl: Styregruppens mål" : "Styregruppens mål"));
	return doc;
}

/* ?year=, 0 when absent or not a year (notice set). */
static int query_year(struct web_req *r, json_t **notice)
{
	const char *q = web_query(r, "year");
	*notice = NULL;
	if (!q || !*q)
		return 0;
	char *end;
	long v = strtol(q, &end, 10);
	if (*end || v < GOAL_YEAR_MIN || v > GOAL_YEAR_MAX) {
		*notice =
		    json_string("Året skal skrives med fire cifre, fx 2027. Der er vist mål for "
		                "alle år.");
		return 0;
	}
	return (int)v;
}

int page_goals(struct web_req *r, struct web_resp *p)
{
	struct goal_set set = {0};
	json_t *notice;
	int year = query_year(r, &notice);
	if (r->method != WM_POST) {
		if (store_goals_load(r->st, 0, year, &set) != FK_OK) {
			goal_set_free(&set);
			json_decref(notice);
			return web_error(r, p, 500, "Målene kunne ikke læses. Prøv igen om lidt.");
		}
		p->doc = goals_doc(r, &set, year, 0, NULL);
		if (notice)
			json_object_set_new(p->doc, "notice", notice);
		const char *ok = web_query(r, "ok");
		if (ok && !strcmp(ok, "add"))
			json_object_set_new(p->doc, "flash", json_string("Målet er gemt."));
		else if (ok && !strcmp(ok, "status"))
			json_object_set_new(p->doc, "flash",
			                    json_string("Status for målet er gemt."));
		goal_set_free(&set);
		return 0;
	}
	json_decref(notice);
	year = 0;
	const char *action = web_field(r, "action");
	struct diags d;
	diags_init(&d);
	char iso[11];
	int64_t failed = 0, target = 0;
	int rc = FK_OK;
	if (store_goals_load(r->st, 0, 0, &set) != FK_OK) {
		goal_set_free(&set);
		return web_error(r, p, 500,
		                 "Målene kunne ikke læses. Intet er gemt. Prøv igen om lidt.");
	}
	if (!strcmp(action, "status")) {
		const char *gs = web_field(r, "goal");
		char *end;
		long long gid = strtoll(gs, &end, 10);
		const struct goal_rec *g = *gs && !*end ? goal_set_find(&set, gid) : NULL;
		if (!g) {
			goal_set_free(&set);
			return web_error(r, p, 404,
			                 "Målet findes ikke. Gå tilbage til listen over mål.");
		}
		struct goal_input in = {.status = web_field(r, "status"),
		                        .note = web_field(r, "note"),
		                        .date = form_date_iso(web_field(r, "date"), iso)};
		struct goal_status_rec s;
		if (goal_check_status(g, &in, r->today, &s, &d) != 0) {
			failed = g->id;
		} else {
			rc = store_goal_status_add(r->st, r->user.login, g->id, &s);
			target = g->id;
			free(s.note);
			free(s.actor);
			free(s.at);
			if (rc != FK_OK)
				failed = g->id;
		}
	} else {
		struct goal_input in = {.year = web_field(r, "year"),
		                        .text = web_field(r, "text"),
		                        .indicator = web_field(r, "indicator"),
		                        .target = web_field(r, "target"),
		                        .set_on = form_date_iso(web_field(r, "set_on"), iso)};
		struct goal_rec g;
		if (goal_check_add(&in, r->today, &g, &d) != 0) {
			failed = -1;
		} else {
			rc = store_goal_add(r->st, r->user.login, &g);
			target = g.id;
			if (rc != FK_OK)
				failed = -1;
			goal_rec_free(&g);
		}
	}
	if (!failed) {
		web_redirect(p, "/goals?ok=%s#maal-%lld",
		             !strcmp(action, "status") ? "status" : "add", (long long)target);
	} else {
		if (rc != FK_OK)
			diags_add(&d, NULL, 0, 0, NULL,
			          "Det kunne ikke gemmes på grund af en fejl i "
			          "databasen. Intet er gemt. Prøv igen om lidt.");
		p->status = rc != FK_OK ? 500 : 400;
		p->doc = goals_doc(r, &set, 0, failed, &d);
	}
	diags_free(&d);
	goal_set_free(&set);
	return 0;
}
