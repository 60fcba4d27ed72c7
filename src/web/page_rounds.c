/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Recruitment rounds for the secretariat (issue 13): GET/POST /rounds (the rounds, and a new
 * one with the seats prefilled from the register: the municipal seats free on the first day
 * and the profiles the staying members do not cover), GET/POST /rounds/{id} (the round: its
 * moves, the applications with their evaluation, the recommendation with why, the decision),
 * GET/POST /applications/{id} (one application: the evaluator's marks with a reason per
 * criterion, the others' marks once one's own are in, a declared conflict), GET
 * /applications/{id}/cv (the CV), and the public report /calls/{id}/report. The API gives
 * the same documents: /api/v1/rounds, /api/v1/rounds/{id}, /api/v1/applications/{id}/marks,
 * /api/v1/rounds/{id}/report. Evaluators are the secretariat's accounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/material.h"
#include "core/munic.h"
#include "core/sheets.h"
#include "store/store_round.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/picker.h"

#define K98_YEARS 5 /* "no seat for the last N years" on the round's K98 table */

static int64_t param_id(const struct web_req *r)
{
	long v;
	return web_whole(r->param, 1000000000L, &v) ? v : 0;
}

/* The register into reg; else the error page, and -1. */
static int load_register(struct web_req *r, struct web_resp *p, struct reg *reg)
{
	if (web_load_register(r, reg) == FK_OK)
		return 0;
	reg_free(reg);
	web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

/* The viewer's register person (an account linked to one), -1 none. */
static int32_t viewer_person(const struct web_req *r, const struct reg *reg)
{
	return r->user.person[0] ? reg_person_find(reg, r->user.person) : -1;
}

/* ================================================================== /rounds */

/* The default first day: the first of the month four months ahead; the deadline six weeks
 * before it. */
static void default_days(fk_date today, fk_date *first, fk_date *deadline)
{
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	m += 4;
	if (m > 12)
		m -= 12, y++;
	*first = date_from_ymd(y, m, 1);
	*deadline = *first - 42;
}

/* Each body with municipal seats: the seats free on day (municipal seats minus the members
 * on municipal seats serving that day) and the profiles none of the staying members holds. */
static json_t *bodies_prefill(const struct web_req *r, const struct reg *reg, fk_date day)
{
	const struct model *m = r->app->model;
	json_t *arr = json_array();
	for (size_t b = 0; b < m->nbodies; b++) {
		const struct model_body *mb = &m->bodies[b];
		int seats = mb->seats[SEAT_KOMMUNE];
		if (seats <= 0)
			continue;
		int staying = 0;
		bool *held = xcalloc(m->nprofiles + 1, sizeof *held);
		for (size_t i = 0; i < reg->nappts; i++) {
			const struct reg_appt *a = &reg->appts[i];
			if (a->body == (int32_t)b && a->seat == SEAT_KOMMUNE && a->start <= day && day <= a->end) {
				staying++;
				if (a->profile >= 0)
					held[a->profile] = true;
			}
		}
		int free_seats = seats - staying > 0 ? seats - staying : 0;
		json_t *profiles = json_array();
		for (size_t k = 0; k < mb->nprofiles; k++) {
			int p = mb->profiles[k];
			json_array_append_new(profiles, json_pack("{s:s, s:s, s:b, s:s}", "id", m->profiles[p].id,
			                                          "name", m->profiles[p].name, "missing", !held[p],
			                                          "field", mb->id));
		}
		free(held);
		char fs[16];
		snprintf(fs, sizeof fs, "%d", free_seats);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:i, s:i, s:s, s:o}", "id", mb->id, "name",
		                                     mb->name, "seats", seats, "staying", staying,
		                                     "free", fs, "profiles", profiles));
	}
	return arr;
}

/* "1-8-2027": a day as the form's date fields take it. */
static json_t *short_day(fk_date d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	char s[16];
	snprintf(s, sizeof s, "%d-%d-%d", dd, m, y);
	return json_string(s);
}

static int list_one(const struct round_rec *rd, void *arg)
{
	json_t *arr = arg;
	char dl[40], fd[40];
	date_format_da(rd->deadline, dl, sizeof dl);
	date_format_da(rd->first_day, fd, sizeof fd);
	json_array_append_new(arr, json_pack("{s:I, s:o, s:s, s:s, s:s}", "id", (json_int_t)rd->id,
	                                     "title", form_text(rd->title), "state",
	                                     round_state_title(rd->state), "deadline_da", dl,
	                                     "first_day_da", fd));
	return 0;
}

static json_t *rounds_doc(struct web_req *r, const struct reg *reg, struct form *fm, fk_date first,
                          fk_date deadline)
{
	json_t *doc = json_object(), *arr = json_array();
	(void)store_round_list(r->st, list_one, arr);
	json_object_set_new(doc, "title", json_string(form_ok(fm) ? "Rekruttering" : "Fejl: Rekruttering"));
	json_object_set_new(doc, "rounds", arr);
	json_object_set_new(doc, "any", json_boolean(json_array_size(arr) > 0));
	json_object_set_new(doc, "bodies", bodies_prefill(r, reg, first));
	json_object_set_new(doc, "has_model", json_boolean(r->app->model->recruitment.ncriteria > 0));
	json_t *crit = json_array();
	const struct model_recruitment *mr = &r->app->model->recruitment;
	for (size_t k = 0; k < mr->ncriteria; k++) {
		char f[80], w[16];
		snprintf(f, sizeof f, "weight-%s", mr->criteria[k].id);
		snprintf(w, sizeof w, "%d", mr->criteria[k].weight);
		const char *posted = web_form(r, f);
		json_array_append_new(crit, json_pack("{s:s, s:s, s:o}", "field", f, "name",
		                                      mr->criteria[k].name, "weight",
		                                      form_text(posted ? posted : w)));
	}
	json_object_set_new(doc, "criteria", crit);
	char msd[16];
	snprintf(msd, sizeof msd, "%d", mr->min_score);
	json_object_set_new(doc, "min_score_default",
	                    form_text(web_form(r, "min_score") ? web_form(r, "min_score") : msd));
	if (!web_form(r, "first_day"))
		json_object_set_new(doc, "first_day_default", short_day(first));
	if (!web_form(r, "deadline"))
		json_object_set_new(doc, "deadline_default", short_day(deadline));
	form_finish(fm, doc);
	return doc;
}

int page_rounds(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (load_register(r, p, &reg))
		return 0;
	struct form fm;
	form_init(&fm);
	fk_date first, deadline;
	default_days(r->today, &first, &deadline);
	if (r->method != WM_POST) {
		const char *fq = web_query(r, "first_day");
		if (fq && date_parse_da(fq, strlen(fq), &first) == 0)
			deadline = first - 42;
		p->doc = rounds_doc(r, &reg, &fm, first, deadline);
		reg_free(&reg);
		return 0;
	}
	const struct model *m = r->app->model;
	char *title = form_take(&fm, r, "title", "Titel");
	fk_date fd = DATE_NONE, dl = DATE_NONE;
	form_date(&fm, "first_day", "Første dag", web_form(r, "first_day"), true, &fd);
	form_date(&fm, "deadline", "Ansøgningsfrist", web_form(r, "deadline"), true, &dl);
	struct round_rec in;
	memset(&in, 0, sizeof in);
	in.min_score = -1;
	const char *msv = web_form(r, "min_score");
	long ms;
	if (msv && *msv && !strcmp(msv, "0"))
		in.min_score = 0;
	else if (msv && *msv && web_whole(msv, 100, &ms))
		in.min_score = (int)ms;
	else if (msv && *msv)
		form_error(&fm, "min_score", "Kvalificerende score",
		           "Skriv et helt tal fra 0 til 100.");
	in.seats = xcalloc(m->nbodies + 1, sizeof *in.seats);
	for (size_t b = 0; b < m->nbodies; b++) {
		char name[80];
		snprintf(name, sizeof name, "seats-%s", m->bodies[b].id);
		const char *v = web_form(r, name);
		long n;
		if (!v || !*v || !strcmp(v, "0"))
			continue;
		if (!web_whole(v, 50, &n)) {
			form_error(&fm, name, m->bodies[b].name, "Skriv antallet af pladser som et helt tal.");
			continue;
		}
		struct round_seat *s = &in.seats[in.nseats++];
		s->body = m->bodies[b].id;
		s->seats = (int)n;
		s->profiles = xcalloc(m->bodies[b].nprofiles + 1, sizeof *s->profiles);
		for (size_t f = 0; f < r->nform; f++)
			if (!strcmp(r->form[f].name, name + 6) && s->nprofiles < m->bodies[b].nprofiles)
				s->profiles[s->nprofiles++] = r->form[f].value;
	}
	int weights[ROUND_CRITERIA_MAX] = {0};
	for (size_t k = 0; k < m->recruitment.ncriteria && k < ROUND_CRITERIA_MAX; k++) {
		char f[80];
		snprintf(f, sizeof f, "weight-%s", m->recruitment.criteria[k].id);
		long w;
		const char *v = web_form(r, f);
		if (v && *v && !web_whole(v, 10, &w))
			form_error(&fm, f, m->recruitment.criteria[k].name,
			           "Skriv vægten som et helt tal fra 1 til 10.");
		else if (v && *v)
			weights[k] = (int)w;
	}
	in.title = title;
	in.first_day = fd;
	in.deadline = dl;
	int64_t id = 0;
	int rc = FK_EINPUT;
	if (form_ok(&fm)) {
		struct diags d;
		diags_init(&d);
		rc = store_round_create(r->st, r->user.login, m, &in, weights, &d, &id);
		static const char *const map[] = {"title",    "title",    "Titel",          "first_day",
		                                  "first_day", "Første dag", "deadline",     "deadline",
		                                  "Ansøgningsfrist", "body", "pladser", "Pladser",
		                                  "seats",    "pladser",  "Pladser",        "profile",
		                                  "pladser",  "Profiler", "min_score", "min_score",
		                                  "Kvalificerende score"};
		form_diags(&fm, &d, map, sizeof map / sizeof map[0]);
		diags_free(&d);
	}
	for (size_t i = 0; i < in.nseats; i++)
		free(in.seats[i].profiles);
	free(in.seats);
	free(title);
	if (rc == FK_OK) {
		reg_free(&reg);
		form_free(&fm);
		web_redirect(p, "/rounds/%lld", (long long)id);
		return 0;
	}
	if (rc != FK_EINPUT) {
		reg_free(&reg);
		form_free(&fm);
		return web_error(r, p, 500, "Runden kunne ikke oprettes. Prøv igen om lidt.");
	}
	p->status = 400;
	p->doc = rounds_doc(r, &reg, &fm, fd != DATE_NONE ? fd : first, dl != DATE_NONE ? dl : deadline);
	reg_free(&reg);
	return 0;
}

/* ================================================================== /rounds/{id} */

static const struct {
	const char *action, *label;
	enum round_event e;
} actions[] = {
    {"open", "Åbn for ansøgninger", REV_OPEN},
    {"evaluate", "Luk for ansøgninger, og begynd vurderingen", REV_EVALUATE},
    {"recommend", "Indstil", REV_RECOMMEND},
    {"reconsider", "Genovervej indstillingen", REV_RECONSIDER},
    {"decide", "Beslut som indstillet", REV_DECIDE},
    {"close", "Afslut runden", REV_CLOSE},
};

/* The round's page view: the store's view for this account, its possible moves, the
 * recommendation once made, and the report once decided. */
static json_t *round_doc(struct web_req *r, const struct reg *reg, int64_t id, const char *failure)
{
	json_t *doc = store_round_view(r->st, r->app->model, reg, id, r->user.login,
	                               viewer_person(r, reg));
	if (!doc)
		return NULL;
	json_t *rd = json_object_get(doc, "round");
	enum round_state s = (enum round_state)round_state_parse(json_string_value(json_object_get(rd, "state")));
	json_t *moves = json_array();
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		enum round_state to;
		if (round_next(s, actions[i].e, &to, NULL, 0) == 0)
			json_array_append_new(moves, json_pack("{s:s, s:s, s:b}", "action", actions[i].action,
			                                       "label", actions[i].label, "decide",
			                                       actions[i].e == REV_DECIDE));
	}
	json_object_set_new(doc, "any_moves", json_boolean(json_array_size(moves) > 0));
	json_object_set_new(doc, "moves", moves);
	json_object_set_new(doc, "title", json_copy(json_object_get(rd, "title")));
	if (s == ROUND_RECOMMENDED) { /* after the decision, the decision is what counts */
		json_t *rec = store_round_recommendation(r->st, r->app->model, reg, id), *b;
		size_t k;
		json_array_foreach(json_object_get(rec, "bodies"), k, b)
		{
			json_object_set_new(b, "any_left",
			                    json_boolean(json_array_size(json_object_get(b, "left_out")) > 0));
			json_object_set_new(b, "any_checks",
			                    json_boolean(json_array_size(json_object_get(b, "checks")) > 0));
			json_object_set_new(b, "any_breaks",
			                    json_boolean(json_array_size(json_object_get(
			                                     json_object_get(b, "forecast"), "quota_breaks")) > 0));
			json_object_set_new(b, "any_declines",
			                    json_boolean(json_array_size(json_object_get(b, "if_declines")) > 0));
		}
		if (rec)
			json_object_set_new(doc, "recommendation", rec);
	}
	if (s >= ROUND_DECIDED) {
		json_t *rep = store_round_report(r->st, r->app->model, reg, id);
		if (rep)
			json_object_set_new(doc, "report", rep);
	}
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "applications"), i, a)
	{
		json_t *sc = json_object_get(a, "score");
		char buf[16] = "";
		if (json_is_real(sc))
			snprintf(buf, sizeof buf, "%.1f", json_real_value(sc));
		for (char *c = buf; *c; c++)
			if (*c == '.')
				*c = ',';
		json_object_set_new(a, "score_da", json_string(buf));
		json_object_set_new(a, "spread_any", json_boolean(json_array_size(json_object_get(a, "spread")) > 0));
	}
	json_object_set_new(doc, "any_apps", json_boolean(json_array_size(json_object_get(doc, "applications")) > 0));
	/* K98: who applied, who sits, who has had no seat for five years */
	const struct munic_table *mt = r->app->mt;
	int *applied = xcalloc(mt->n + 1, sizeof *applied);
	json_array_foreach(json_object_get(doc, "applications"), i, a)
		for (size_t k = 0; k < mt->n; k++)
			applied[k] += mt->v[k].code == json_integer_value(json_object_get(a, "municipality"));
	json_t *k98 = round_k98(r->app->model, mt, reg, r->today, K98_YEARS, applied), *x;
	free(applied);
	json_array_foreach(k98, i, x)
	{
		json_t *st = json_object_get(x, "seats");
		struct buf names;
		buf_init(&names);
		size_t j;
		json_t *nm;
		json_array_foreach(st, j, nm)
			buf_printf(&names, "%s%s", j ? ", " : "", json_string_value(nm));
		json_object_set_new(x, "seats_text", json_string(names.s));
		buf_free(&names);
	}
	json_object_set_new(doc, "k98", k98);
	json_object_set_new(doc, "k98_years", json_integer(K98_YEARS));
	if (failure)
		json_object_set_new(doc, "failure", json_string(failure));
	return doc;
}

int page_round(struct web_req *r, struct web_resp *p)
{
	int64_t id = param_id(r);
	struct reg reg;
	if (load_register(r, p, &reg))
		return 0;
	char msg[600] = "";
	if (r->method == WM_POST && id) {
		const char *act = web_form(r, "action");
		int rc = FK_EINPUT;
		for (size_t i = 0; act && i < sizeof actions / sizeof actions[0]; i++) {
			if (strcmp(act, actions[i].action))
				continue;
			if (actions[i].e == REV_DECIDE) {
				struct diags d;
				diags_init(&d);
				rc = store_round_decide(r->st, r->user.login, r->app->model, &reg, id, NULL, 0,
				                        web_form(r, "reason"), r->today, &d);
				if (d.n)
					snprintf(msg, sizeof msg, "%s", d.v[0].msg);
				diags_free(&d);
			} else {
				rc = store_round_move(r->st, r->user.login, id, actions[i].e, r->today, msg,
				                      sizeof msg);
			}
		}
		if (rc == FK_OK) {
			reg_free(&reg);
			web_redirect(p, "/rounds/%lld", (long long)id);
			return 0;
		}
		if (!*msg)
			snprintf(msg, sizeof msg, "Handlingen kunne ikke udføres. Prøv igen om lidt.");
		p->status = rc == FK_EINPUT || rc == FK_ECONFLICT ? 400 : 500;
	}
	json_t *doc = id ? round_doc(r, &reg, id, *msg ? msg : NULL) : NULL;
	reg_free(&reg);
	if (!doc)
		return web_error(r, p, 404, "Runden findes ikke. Se rundene under Rekruttering.");
	p->doc = doc;
	return 0;
}

/* ================================================================== /applications/{id} */

/* The view of one application from its round's view, with the criteria (and this account's
 * marks in them) for the scoring form. */
static json_t *app_doc(struct web_req *r, const struct reg *reg, int64_t app, struct form *fm)
{
	int64_t round = 0;
	if (store_round_of_app(r->st, app, &round) != FK_OK)
		return NULL;
	if (!round)
		return NULL;
	json_t *view = store_round_view(r->st, r->app->model, reg, round, r->user.login,
	                                viewer_person(r, reg));
	if (!view)
		return NULL;
	json_t *found = NULL, *a;
	size_t i;
	json_array_foreach(json_object_get(view, "applications"), i, a)
		if (json_integer_value(json_object_get(a, "id")) == app)
			found = a;
	if (!found) {
		json_decref(view);
		return NULL;
	}
	json_t *doc = json_pack("{s:O, s:O}", "round", json_object_get(view, "round"), "app", found);
	json_t *crit = json_array(), *c;
	json_array_foreach(json_object_get(json_object_get(view, "round"), "criteria"), i, c)
	{
		const char *cid = json_string_value(json_object_get(c, "id"));
		int mine = 0;
		const char *reason = "";
		size_t k;
		json_t *mk;
		json_array_foreach(json_object_get(found, "mine"), k, mk)
			if (!strcmp(json_string_value(json_object_get(mk, "criterion")), cid)) {
				mine = (int)json_integer_value(json_object_get(mk, "mark"));
				reason = json_string_value(json_object_get(mk, "reason"));
			}
		char f[32], fr[32];
		snprintf(f, sizeof f, "mark-%zu", i);
		snprintf(fr, sizeof fr, "reason-%zu", i);
		const char *posted = web_form(r, f);
		int sel = posted ? atoi(posted) : mine;
		json_t *opts = json_array();
		for (int v = ROUND_MARK_MIN; v <= ROUND_MARK_MAX; v++)
			json_array_append_new(opts, json_pack("{s:i, s:b, s:s}", "v", v, "checked", v == sel,
			                                      "name", f));
		json_array_append_new(crit, json_pack("{s:s, s:O, s:O, s:s, s:s, s:o, s:o}", "id", cid, "name",
		                                      json_object_get(c, "name"), "weight",
		                                      json_object_get(c, "weight"), "field", f, "rfield", fr,
		                                      "reason", form_text(web_form(r, fr) ? web_form(r, fr) : reason),
		                                      "options", opts));
	}
	json_object_set_new(doc, "criteria", crit);
	struct picker pk = {.id = "person", .name = "person", .label = "Person i registret",
	                    .hint = "Vælg personen, hvis kandidaten er eller har været medlem af en "
	                            "gruppe: så gælder reglerne for genudpegning og pause.",
	                    .empty = "Ingen: en ny kandidat", .optional = true};
	json_object_set_new(doc, "picker",
	                    picker_people(&pk, reg, r->app->mt, r->today, NULL, 0,
	                                  json_string_value(json_object_get(found, "person"))));
	json_object_set_new(doc, "title", json_copy(json_object_get(found, "ref")));
	json_object_set_new(doc, "evaluating",
	                    json_boolean(!strcmp(json_string_value(json_object_get(
	                                             json_object_get(view, "round"), "state")),
	                                         "evaluation")));
	json_object_set_new(doc, "blind", json_boolean(json_is_null(json_object_get(found, "others"))));
	json_object_set_new(doc, "any_others",
	                    json_boolean(json_array_size(json_object_get(found, "others")) > 0));
	json_decref(view);
	form_finish(fm, doc);
	return doc;
}

int page_application(struct web_req *r, struct web_resp *p)
{
	int64_t app = param_id(r);
	struct reg reg;
	if (load_register(r, p, &reg))
		return 0;
	struct form fm;
	form_init(&fm);
	int rc = FK_OK;
	if (r->method == WM_POST && app) {
		struct diags d;
		diags_init(&d);
		if (web_form(r, "match")) {
			rc = store_round_match(r->st, r->user.login, &reg, app, web_form(r, "person"), &d);
			static const char *const map[] = {"person", "person", "Person i registret"};
			form_diags(&fm, &d, map, 3);
		} else if (web_form(r, "conflict")) {
			rc = store_round_conflict(r->st, app, r->user.login, web_form(r, "reason"), &d);
			static const char *const map[] = {"reason", "reason", "Begrundelse"};
			form_diags(&fm, &d, map, 3);
		} else {
			int marks[ROUND_CRITERIA_MAX];
			const char *reasons[ROUND_CRITERIA_MAX];
			size_t n = r->app->model->recruitment.ncriteria;
			for (size_t k = 0; k < n && k < ROUND_CRITERIA_MAX; k++) {
				char f[32];
				snprintf(f, sizeof f, "mark-%zu", k);
				marks[k] = web_form(r, f) ? atoi(web_form(r, f)) : 0;
				snprintf(f, sizeof f, "reason-%zu", k);
				reasons[k] = web_form(r, f);
			}
			rc = store_round_mark(r->st, &reg, app, r->user.login, viewer_person(r, &reg), marks,
			                      reasons, n, &d);
			static const char *const map[] = {"state", "state", "Vurdering"};
			/* each field keeps its own name: mark-K, reason-K */
			for (size_t i = 0; i < d.n; i++)
				form_error(&fm, d.v[i].field && strcmp(d.v[i].field, "state") ? d.v[i].field : "mark-0",
				           "Vurdering", "%s", d.v[i].msg);
			(void)map;
		}
		diags_free(&d);
		if (rc == FK_OK) {
			reg_free(&reg);
			form_free(&fm);
			web_redirect(p, "/applications/%lld?gemt=1", (long long)app);
			return 0;
		}
		p->status = rc == FK_EINPUT ? 400 : rc == FK_ENOTFOUND ? 404 : 500;
	}
	json_t *doc = app ? app_doc(r, &reg, app, &fm) : NULL;
	reg_free(&reg);
	if (!doc)
		return web_error(r, p, 404, "Ansøgningen findes ikke.");
	if (web_query(r, "gemt"))
		json_object_set_new(doc, "flash", json_string("Gemt. Tak for din vurdering."));
	p->doc = doc;
	return 0;
}

int page_application_cv(struct web_req *r, struct web_resp *p)
{
	int64_t app = param_id(r), round;
	char *name = NULL, *type = NULL;
	int rc = app ? store_round_cv(r->st, app, &p->body, &name, &type, &round) : FK_ENOTFOUND;
	if (rc != FK_OK) {
		buf_reset(&p->body);
		return web_error(r, p, 404, "Ansøgningen har intet CV, eller det er slettet.");
	}
	p->ctype = material_type_static(type) ? material_type_static(type) : "application/octet-stream";
	char cd[400];
	snprintf(cd, sizeof cd, "attachment; filename=\"cv-%lld.%s\"", (long long)app,
	         material_type_ext(type) ? material_type_ext(type) : "bin");
	web_resp_header(p, "Content-Disposition", cd);
	web_resp_header(p, "Cache-Control", "private, no-store");
	free(name);
	free(type);
	return 0;
}

/* ================================================================== report, API */

/* 65.6 as "65,6". */
static json_t *score_da(double v)
{
	char b[32];
	snprintf(b, sizeof b, "%.1f", v);
	for (char *c = b; *c; c++)
		if (*c == '.')
			*c = ',';
	return json_string(b);
}

int page_call_report(struct web_req *r, struct web_resp *p)
{
	int64_t id = param_id(r);
	json_t *rep = id ? store_round_report(r->st, r->app->model, NULL, id) : NULL;
	if (!rep)
		return web_error(r, p, 404, "Rapporten findes ikke, eller runden er ikke besluttet endnu.");
	json_t *regions = json_array(), *v;
	const char *k;
	json_object_foreach(json_object_get(rep, "by_region"), k, v)
		json_array_append_new(regions, json_pack("{s:s, s:O}", "name", k, "n", v));
	json_object_set_new(rep, "regions", regions);
	json_t *profiles = json_array();
	json_object_foreach(json_object_get(rep, "by_profile"), k, v)
		json_array_append_new(profiles, json_pack("{s:s, s:O}", "name", k, "n", v));
	json_object_set_new(rep, "profiles", profiles);
	json_t *groups = json_array();
	json_object_foreach(json_object_get(rep, "by_group"), k, v)
		json_array_append_new(groups, json_pack("{s:s, s:O}", "name", k, "n", v));
	json_object_set_new(rep, "groups", groups);
	json_object_set_new(rep, "round", json_copy(json_object_get(rep, "title")));
	json_object_set_new(rep, "id", json_integer((json_int_t)id));
	/* Danish numbers and date for the page */
	fk_date dd;
	const char *ds = json_string_value(json_object_get(rep, "decided"));
	if (ds && date_parse(ds, strlen(ds), &dd) == 0)
		form_date_da(rep, "decided_da", dd);
	json_t *scores = json_array(), *x;
	size_t i;
	json_array_foreach(json_object_get(rep, "other_scores"), i, x)
		json_array_append_new(scores, score_da(json_real_value(x)));
	json_object_set_new(rep, "other_scores_da", scores);
	json_object_set_new(rep, "any_others", json_boolean(json_array_size(scores) > 0));
	json_array_foreach(json_object_get(rep, "appointed"), i, x)
		json_object_set_new(x, "score_da", score_da(json_real_value(json_object_get(x, "score"))));
	p->doc = rep;
	return 0;
}

int api_rounds(struct web_req *r, struct web_resp *p)
{
	json_t *arr = json_array();
	if (store_round_list(r->st, list_one, arr) != FK_OK) {
		json_decref(arr);
		return web_error(r, p, 500, "Rundene kunne ikke læses.");
	}
	p->doc = json_pack("{s:o}", "rounds", arr);
	return 0;
}

int api_round(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	int64_t id = param_id(r);
	json_t *doc = id ? round_doc(r, &reg, id, NULL) : NULL;
	reg_free(&reg);
	if (!doc)
		return web_error(r, p, 404, "Runden findes ikke. Se /api/v1/rounds.");
	json_object_del(doc, "moves");
	p->doc = doc;
	return 0;
}

int api_round_report(struct web_req *r, struct web_resp *p)
{
	int64_t id = param_id(r);
	json_t *rep = id ? store_round_report(r->st, r->app->model, NULL, id) : NULL;
	if (!rep)
		return web_error(r, p, 404, "Rapporten findes ikke, eller runden er ikke besluttet endnu.");
	p->doc = rep;
	return 0;
}

/* POST /api/v1/applications/{id}/marks {"marks": {"profil": 4, ...}, "reasons": {"profil":
 * "…", ...}}: this account's marks; 400 with the fields. */
int api_application_marks(struct web_req *r, struct web_resp *p)
{
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	const struct model_recruitment *mr = &r->app->model->recruitment;
	int marks[ROUND_CRITERIA_MAX] = {0};
	const char *reasons[ROUND_CRITERIA_MAX] = {0};
	for (size_t k = 0; k < mr->ncriteria && k < ROUND_CRITERIA_MAX; k++) {
		json_t *mv = json_object_get(json_object_get(obj, "marks"), mr->criteria[k].id);
		marks[k] = json_is_integer(mv) ? (int)json_integer_value(mv) : 0;
		reasons[k] = json_string_value(json_object_get(json_object_get(obj, "reasons"),
		                                               mr->criteria[k].id));
	}
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		json_decref(obj);
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	struct diags d;
	diags_init(&d);
	int64_t app = param_id(r);
	int rc = !obj ? FK_EINPUT
	              : app ? store_round_mark(r->st, &reg, app, r->user.login, viewer_person(r, &reg),
	                                       marks, reasons, mr->ncriteria, &d)
	                    : FK_ENOTFOUND;
	if (!obj)
		diags_add(&d, NULL, 0, 0, "marks",
		          "Send et JSON-objekt med \"marks\" og \"reasons\" pr. kriterium.");
	reg_free(&reg);
	json_decref(obj);
	if (rc == FK_ENOTFOUND) {
		diags_free(&d);
		return web_error(r, p, 404, "Ansøgningen findes ikke.");
	}
	if (rc == FK_EINPUT) {
		json_t *fields = json_object();
		for (size_t i = 0; i < d.n; i++) {
			const char *f = d.v[i].field ? d.v[i].field : "_";
			/* mark-K / reason-K as the criterion's id */
			char name[80];
			size_t k;
			if (sscanf(f, "mark-%zu", &k) == 1 && k < mr->ncriteria)
				snprintf(name, sizeof name, "marks.%s", mr->criteria[k].id);
			else if (sscanf(f, "reason-%zu", &k) == 1 && k < mr->ncriteria)
				snprintf(name, sizeof name, "reasons.%s", mr->criteria[k].id);
			else
				snprintf(name, sizeof name, "%s", f);
			json_object_set_new(fields, name, json_string(d.v[i].msg));
		}
		diags_free(&d);
		p->status = 400;
		p->doc = json_pack("{s:s, s:o}", "error", "Pointene er ikke gemt. Ret felterne.", "fields",
		                   fields);
		return 0;
	}
	diags_free(&d);
	if (rc != FK_OK)
		return web_error(r, p, 500, "Pointene kunne ikke gemmes.");
	p->doc = json_pack("{s:b}", "saved", 1);
	return 0;
}

/* GET /calls/{id}/report.xlsx: the report as a workbook (core/sheets.h), public as the page. */
int page_call_report_xlsx(struct web_req *r, struct web_resp *p)
{
	int64_t id = param_id(r);
	json_t *rep = id ? store_round_report(r->st, r->app->model, NULL, id) : NULL;
	if (!rep)
		return web_error(r, p, 404, "Rapporten findes ikke, eller runden er ikke besluttet endnu.");
	char err[300], what[300];
	snprintf(what, sizeof what, "Rapporten for runden »%.200s«",
	         json_string_value(json_object_get(rep, "title")));
	int rc = sheet_write(SHEET_ROUND, rep, what, r->today, "fkigov", r->app->model->name, &p->body,
	                     NULL, err, sizeof err);
	json_decref(rep);
	if (rc != 0) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "%s Prøv igen om lidt.", err);
	}
	p->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	char cd[80];
	snprintf(cd, sizeof cd, "attachment; filename=\"rapport-runde-%lld.xlsx\"", (long long)id);
	web_resp_header(p, "Content-Disposition", cd);
	return 0;
}
