/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The reference groups' status for a steering-group meeting and the meeting's portfolio
 * overview (porteføljeoverblik; SPEC §2.5, issue 5):
 *   GET  /meetings/{id}/portfolio         the printable overview: per reference group its
 *                                         submission (or that it is missing), the status of
 *                                         its initiatives at the cut-off, their milestones
 *                                         and budget, and its recommendations; then the rest
 *   GET  /meetings/{id}/status[?body=]    a reference group's status form (with several
 *                                         groups to choose from: the choice first)
 *   POST /meetings/{id}/status            store_mstatus_submit; bad input re-renders the form
 *                                         with the errors (400), success redirects (303) to
 *                                         the overview
 *   GET  /api/v1/meetings/{id}/portfolio  overview_json as it is
 *   GET  /api/v1/meetings/{id}/statuses   {"meeting", "statuses": [submission]}
 *   POST /api/v1/meetings/{id}/statuses   {"body", "note"?, "statuses": [{"initiative",
 *                                         "status", "reason"?}]} -> 201 the submission
 * Who may submit (page and API, one function: submit_groups): the secretariat for every
 * reference group; a member for the reference groups where the person of the account holds
 * an appointment current today. Everyone else gets 403. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/economy.h"
#include "core/overview.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/visible.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_GROUPS 32

/* ================================================================== helpers */

/* The reference groups (indexes into the model's bodies) the user may submit status for. */
struct groups {
	int v[MAX_GROUPS];
	size_t n;
};

/* Fills g for the user of r: every reference group for the secretariat; for a member the
 * reference groups where the linked person holds an appointment current on r->today; none
 * for everyone else. FK_OK or the error of loading the register. */
static int submit_groups(struct web_req *r, struct groups *g)
{
	const struct model *m = r->app->model;
	bool admin = r->user.role == ROLE_ADMIN;
	g->n = 0;
	if (!admin && (r->user.role != ROLE_MEMBER || !r->user.person[0]))
		return FK_OK;
	struct reg reg;
	int rc = admin ? (reg_init(&reg), FK_OK) : web_load_register(r, &reg);
	int32_t pi = rc == FK_OK && !admin ? reg_person_find(&reg, r->user.person) : -1;
	for (size_t b = 0; rc == FK_OK && b < m->nbodies && g->n < MAX_GROUPS; b++) {
		if (strcmp(m->bodies[b].kind, "reference-group") != 0)
			continue;
		if (admin || reg_serves(&reg, pi, (int32_t)b, r->today))
			g->v[g->n++] = (int)b;
	}
	reg_free(&reg);
	return rc;
}

static bool may_submit(const struct groups *g, int b)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->v[i] == b)
			return true;
	return false;
}

static json_t *jda(fk_date t)
{
	char da[40];
	if (t == DATE_NONE)
		return json_false();
	date_format_da(t, da, sizeof da);
	return json_string(da);
}

/* The Danish date of an ISO date string in o[key], or false. */
static json_t *jda_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	fk_date t;
	if (!s || date_parse(s, strlen(s), &t) != 0)
		return json_false();
	return jda(t);
}

/* The meeting as the templates show it. */
static json_t *meeting_view(const struct meeting *mt)
{
	json_t *o = json_pack("{s:I, s:i, s:i, s:s, s:b}", "id", (json_int_t)mt->id, "number",
	                      mt->number, "year", mt->year, "state_da", meeting_state_da(mt->state),
	                      "held", mt->state >= MEETING_HELD);
	json_object_set_new(o, "date_da", jda(mt->date));
	json_object_set_new(o, "statuses_da", jda(mt->statuses));
	return o;
}

/* The latest submission of body among v[0..n), or NULL. */
static const struct store_mstatus *latest_of(const struct store_mstatus *v, size_t n,
                                             const char *body)
{
	const struct store_mstatus *s = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].body, body) && (!s || v[i].submitted >= s->submitted))
			s = &v[i];
	return s;
}

static const char *const status_label[ST__MAX] = {"Grøn", "Gul", "Rød"};
static const char *const status_meaning[ST__MAX] = {"efter planen", "udfordringer",
                                                    "kræver handling"};

/* ================================================================== the status form */

/* Whether initiative x was started by day (its creation day). */
static bool started_by(const struct econ_initiative *x, fk_date day)
{
	fk_date c;
	return x->created && date_parse(x->created, 10, &c) == 0 && c <= day;
}

/* The latest report of initiative i dated on or before day, or NULL. */
static const struct econ_report *latest_report(const struct econ *e, int32_t i, fk_date day)
{
	const struct econ_report *l = NULL;
	for (size_t k = 0; k < e->nreports; k++) {
		const struct econ_report *x = &e->reports[k];
		if (x->initiative == i && x->date <= day &&
		    (!l || x->date > l->date || (x->date == l->date && x->id > l->id)))
			l = x;
	}
	return l;
}

/* The typed value of field name in fm ("" none). */
static const char *typed(const struct form *fm, const char *name)
{
	const char *s = json_string_value(json_object_get(json_object_get(fm->f, name), "value"));
	return s ? s : "";
}

static json_t *field_error(const struct form *fm, const char *name)
{
	json_t *e = json_object_get(json_object_get(fm->f, name), "error");
	return e ? json_incref(e) : json_false();
}

/* The page that lets the user choose among several groups. */
static json_t *choice_doc(struct web_req *r, const struct meeting *mt, const struct groups *g,
                          const struct store_mstatus *sv, size_t nsv)
{
	const struct model *m = r->app->model;
	json_t *doc = json_object(), *choose = json_array();
	for (size_t i = 0; i < g->n; i++) {
		const struct model_body *b = &m->bodies[g->v[i]];
		const struct store_mstatus *s = latest_of(sv, nsv, b->id);
		json_t *o = json_pack("{s:s, s:s, s:o}", "body", b->id, "name", b->name, "url",
		                      form_url(b->id));
		json_object_set_new(o, "submitted_da", s ? jda(s->submitted) : json_false());
		json_object_set_new(o, "late", json_boolean(s && s->submitted > mt->statuses));
		json_array_append_new(choose, o);
	}
	json_object_set_new(doc, "meeting", meeting_view(mt));
	json_object_set_new(doc, "choose", choose);
	char t[128];
	snprintf(t, sizeof t, "Vælg referencegruppe – status til styregruppemøde %d/%d", mt->number,
	         mt->year);
	json_object_set_new(doc, "title", json_string(t));
	return doc;
}

/* The status form of body b for meeting mt. fm: the posted form (values and errors), or NULL
 * on GET (the latest status of each initiative prefilled). Takes nothing. */
static json_t *status_doc(struct web_req *r, const struct meeting *mt, const struct econ *e, int b,
                          const struct groups *g, const struct store_mstatus *sv, size_t nsv,
                          struct form *fm)
{
	const struct model *m = r->app->model;
	const struct model_body *body = &m->bodies[b];
	json_t *doc = json_object(), *lines = json_array();
	for (size_t k = 0; k < e->ninits; k++) {
		const struct econ_initiative *x = &e->inits[k];
		if (!x->body || strcmp(x->body, body->id) != 0 || !started_by(x, r->today))
			continue;
		const struct econ_report *last = latest_report(e, (int32_t)k, r->today);
		char sname[160], rname[160];
		snprintf(sname, sizeof sname, "status-%s", x->key);
		snprintf(rname, sizeof rname, "reason-%s", x->key);
		const char *sel = fm     ? typed(fm, sname)
		                  : last ? econ_status_name(last->status)
		                         : "";
		const char *reason = fm                     ? typed(fm, rname)
		                     : last && last->reason ? last->reason
		                                            : "";
		json_t *opts = json_array();
		for (int s = 0; s < ST__MAX; s++)
			json_array_append_new(opts, json_pack("{s:s, s:s, s:s, s:s, s:b}", "value",
			                                      econ_status_name(s), "label",
			                                      status_label[s], "meaning",
			                                      status_meaning[s], "class",
			                                      econ_status_class(s), "checked",
			                                      !strcmp(sel, econ_status_name(s))));
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o}", "key", x->key, "name",
		                      form_text(x->name), "options", opts, "reason",
		                      form_text(reason), "special", json_boolean(x->special));
		json_object_set_new(o, "status_error", fm ? field_error(fm, sname) : json_false());
		json_object_set_new(o, "reason_error", fm ? field_error(fm, rname) : json_false());
		if (last) {
			json_t *l = json_pack(
			    "{s:s, s:s, s:s, s:o}", "label", status_label[last->status], "meaning",
			    status_meaning[last->status], "class", econ_status_class(last->status),
			    "reason", last->reason ? form_text(last->reason) : json_false());
			json_object_set_new(l, "date_da", jda(last->date));
			json_object_set_new(o, "latest", l);
		} else {
			json_object_set_new(o, "latest", json_false());
		}
		json_array_append_new(lines, o);
	}
	json_object_set_new(doc, "meeting", meeting_view(mt));
	json_object_set_new(doc, "group",
	                    json_pack("{s:s, s:s}", "body", body->id, "name", body->name));
	json_object_set_new(doc, "lines", lines);
	json_object_set_new(doc, "any_lines", json_boolean(json_array_size(lines) > 0));
	json_object_set_new(doc, "late", json_boolean(r->today > mt->statuses));
	json_object_set_new(doc, "open", json_boolean(mt->state < MEETING_HELD));
	json_object_set_new(doc, "several", json_boolean(g->n > 1));
	const struct store_mstatus *prev = latest_of(sv, nsv, body->id);
	if (prev) {
		json_t *pv = json_pack("{s:b}", "late", prev->submitted > mt->statuses);
		json_object_set_new(pv, "date_da", jda(prev->submitted));
		json_object_set_new(doc, "previous", pv);
	}
	json_object_set_new(doc, "note",
	                    form_text(fm                   ? typed(fm, "note")
	                              : prev && prev->note ? prev->note
	                                                   : ""));
	json_object_set_new(doc, "note_error", fm ? field_error(fm, "note") : json_false());
	json_object_set_new(doc, "general_error", fm ? field_error(fm, "fejl") : json_false());
	bool bad = fm && !form_ok(fm);
	char t[200];
	snprintf(t, sizeof t, "%sStatus fra %s til styregruppemøde %d/%d", bad ? "Fejl: " : "",
	         body->name, mt->number, mt->year);
	json_object_set_new(doc, "title", json_string(t));
	if (fm)
		form_finish(fm, doc);
	else
		json_object_set_new(doc, "has_errors", json_false());
	return doc;
}

/* Reads the posted form of body b into lines (the started initiatives of b; a line without
 * a status is left out, so the store names it) and fm. Returns the number of lines; the
 * strings are owned by strs (free with free_strs). */
struct posted {
	struct store_status_line *v;
	size_t n;
	char **strs;
	size_t nstrs;
};

static void posted_free(struct posted *ps)
{
	for (size_t i = 0; i < ps->nstrs; i++)
		free(ps->strs[i]);
	free(ps->strs);
	free(ps->v);
}

static char *keep(struct posted *ps, char *s)
{
	ps->strs[ps->nstrs++] = s;
	return s;
}

static void read_form(struct web_req *r, const struct econ *e, const char *body, struct form *fm,
                      struct posted *ps)
{
	ps->v = xcalloc(e->ninits + 1, sizeof *ps->v);
	ps->strs = xcalloc(2 * e->ninits + 2, sizeof *ps->strs);
	ps->n = ps->nstrs = 0;
	for (size_t k = 0; k < e->ninits; k++) {
		const struct econ_initiative *x = &e->inits[k];
		if (!x->body || strcmp(x->body, body) != 0 || !started_by(x, r->today))
			continue;
		char sname[160], rname[160], slabel[600], rlabel[600];
		snprintf(sname, sizeof sname, "status-%s", x->key);
		snprintf(rname, sizeof rname, "reason-%s", x->key);
		snprintf(slabel, sizeof slabel, "Status for %s", x->name);
		snprintf(rlabel, sizeof rlabel, "Begrundelse for %s", x->name);
		char *st = keep(ps, form_take(fm, r, sname, slabel));
		char *reason = keep(ps, form_take(fm, r, rname, rlabel));
		if (*st)
			ps->v[ps->n++] =
			    (struct store_status_line){x->key, st, *reason ? reason : NULL};
	}
}

/* Moves the store's diagnostics to the form fields of body's initiatives. */
static void diags_to_form(struct form *fm, const struct diags *d, const struct econ *e,
                          const char *body)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *f = d->v[i].field;
		const char *name = "fejl", *label = "Statussen";
		char lab[600];
		if (f && !strcmp(f, "note")) {
			name = "note";
			label = "Bemærkning";
		} else if (f && (!strncmp(f, "status-", 7) || !strncmp(f, "reason-", 7))) {
			for (size_t k = 0; k < e->ninits; k++)
				if (e->inits[k].body && !strcmp(e->inits[k].body, body) &&
				    !strcmp(f + 7, e->inits[k].key)) {
					snprintf(lab, sizeof lab, "%s for %s",
					         f[0] == 's' ? "Status" : "Begrundelse",
					         e->inits[k].name);
					name = f;
					label = lab;
				}
		}
		form_error(fm, name, label, "%s", d->v[i].msg);
	}
}

static const char *const flash_ok = "Tak. Statussen er modtaget og indgår i porteføljeoverblikket.";
static const char *const flash_late =
    "Tak. Statussen er modtaget og indgår i porteføljeoverblikket. Den kom efter fristen og er "
    "derfor markeret som for sen.";

int page_meeting_status(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	long id;
	struct meeting mt;
	if (!web_load_meeting(r, p, &id, &mt))
		return 0;
	struct groups g;
	struct econ e;
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	econ_init(&e, m->rate_ore);
	if (submit_groups(r, &g) != FK_OK || store_mstatus_list(r->st, id, &sv, &nsv) != FK_OK ||
	    store_econ_load(r->st, r->app->mt, &e) != FK_OK) {
		web_error(r, p, 500, "Statussen kunne ikke læses. Prøv igen om lidt.");
		goto out;
	}
	if (g.n == 0) {
		web_error(r, p, 403,
		          "Kun medlemmer af en referencegruppe og sekretariatet kan indsende "
		          "referencegruppernes status. Kontakt sekretariatet, hvis du mener, at du "
		          "er medlem af en referencegruppe.");
		goto out;
	}
	const char *bs = r->method == WM_POST ? web_form(r, "body") : web_query(r, "body");
	int b = bs && *bs ? model_body_index(m, bs) : g.n == 1 ? g.v[0] : -1;
	if (bs && *bs && (b < 0 || strcmp(m->bodies[b].kind, "reference-group") != 0)) {
		web_error(
		    r, p, r->method == WM_POST ? 400 : 404,
		    "Referencegruppen findes ikke. Vælg den referencegruppe, statussen er fra.");
		goto out;
	}
	if (b >= 0 && !may_submit(&g, b)) {
		web_error(r, p, 403,
		          "Du kan kun indsende status for de referencegrupper, du er medlem af. "
		          "Kontakt sekretariatet, hvis statussen skal med alligevel.");
		goto out;
	}
	if (b < 0) {
		if (r->method == WM_POST) {
			web_error(r, p, 400, "Vælg den referencegruppe, statussen er fra.");
			goto out;
		}
		p->doc = choice_doc(r, &mt, &g, sv, nsv);
		goto out;
	}
	if (r->method != WM_POST) {
		p->doc = status_doc(r, &mt, &e, b, &g, sv, nsv, NULL);
		goto out;
	}
	struct form fm;
	form_init(&fm);
	struct posted ps;
	read_form(r, &e, m->bodies[b].id, &fm, &ps);
	char *note = form_take(&fm, r, "note", "Bemærkning");
	int rc = FK_EINPUT;
	struct diags d;
	diags_init(&d);
	if (form_ok(&fm))
		rc = store_mstatus_submit(r->st, r->user.login, m, r->app->mt, id, m->bodies[b].id,
		                          ps.v, ps.n, *note ? note : NULL, r->today, NULL, &d);
	free(note);
	posted_free(&ps);
	if (rc == FK_OK) {
		form_free(&fm);
		diags_free(&d);
		web_redirect(p, "/meetings/%ld/portfolio?ok=%s#gruppe-%s", id,
		             r->today > mt.statuses ? "late" : "status", m->bodies[b].id);
		goto out;
	}
	if (rc != FK_EINPUT && rc != FK_ENOTFOUND) {
		form_free(&fm);
		diags_free(&d);
		web_error(
		    r, p, 500,
		    "Statussen kunne ikke gemmes på grund af en fejl i databasen. Intet er gemt. "
		    "Prøv igen om lidt.");
		goto out;
	}
	diags_to_form(&fm, &d, &e, m->bodies[b].id);
	diags_free(&d);
	p->status = 400;
	p->doc = status_doc(r, &mt, &e, b, &g, sv, nsv, &fm);
out:
	econ_free(&e);
	store_mstatus_free(sv, nsv);
	meeting_free(&mt);
	return 0;
}

/* ================================================================== the overview */

static void decorate_initiative(json_t *x)
{
	int s = econ_status_parse(json_string_value(json_object_get(x, "status")));
	json_object_set_new(x, "status_label",
	                    json_string(s >= 0 ? status_label[s] : "Ingen status"));
	json_object_set_new(x, "status_meaning", json_string(s >= 0 ? status_meaning[s] : "endnu"));
	json_object_set_new(x, "date_da", jda_of(x, "date"));
	const char *t = json_string_value(json_object_get(x, "trend"));
	static const struct {
		const char *name, *label, *arrow;
	} trends[] = {{"new", "Første status", ""},
	              {"better", "Bedre", "↑"},
	              {"worse", "Værre", "↓"},
	              {"same", "Uændret", "→"}};
	json_t *tv = json_false();
	for (size_t i = 0; t && i < N(trends); i++)
		if (!strcmp(t, trends[i].name))
			tv = json_pack("{s:s, s:s, s:s}", "label", trends[i].label, "arrow",
			               trends[i].arrow, "class", trends[i].name);
	json_object_set_new(x, "trend_view", tv);
	json_object_set_new(x, "old",
	                    json_boolean(s >= 0 && !json_is_true(json_object_get(x, "fresh"))));
	if (!json_is_string(json_object_get(x, "reason")))
		json_object_set_new(x, "reason", json_false());
	json_t *nm = json_object_get(x, "next_milestone");
	if (json_is_object(nm))
		json_object_set_new(nm, "due_da", jda_of(nm, "due"));
	else
		json_object_set_new(x, "next_milestone", json_false());
	size_t k;
	json_t *o;
	json_array_foreach(json_object_get(x, "overdue"), k, o)
	    json_object_set_new(o, "due_da", jda_of(o, "due"));
}

static void decorate_recommendations(json_t *a)
{
	size_t k;
	json_t *o;
	json_array_foreach(a, k, o)
	{
		json_object_set_new(o, "date_da", jda_of(o, "date"));
		if (!json_is_string(json_object_get(o, "recommendation")))
			json_object_set_new(o, "recommendation", json_false());
		json_object_set_new(
		    o, "waiting",
		    json_boolean(
		        !strcmp(json_string_value(json_object_get(o, "state")), "recommended")));
	}
}

static void decorate_list(json_t *a)
{
	size_t k;
	json_t *o;
	json_array_foreach(a, k, o) decorate_initiative(o);
}

int page_meeting_portfolio(struct web_req *r, struct web_resp *p)
{
	long id;
	struct meeting mt;
	if (!web_load_meeting(r, p, &id, &mt))
		return 0;
	struct groups g;
	json_t *doc = NULL;
	if (submit_groups(r, &g) != FK_OK ||
	    store_meeting_overview(r->st, r->app->model, r->app->mt, id, r->today, &doc) != FK_OK) {
		meeting_free(&mt);
		return web_error(r, p, 500,
		                 "Porteføljeoverblikket kunne ikke læses. Prøv igen om lidt.");
	}
	bool open = mt.state < MEETING_HELD;
	json_object_set_new(doc, "mt", meeting_view(&mt));
	json_object_set_new(doc, "cutoff_da", jda_of(doc, "cutoff"));
	json_object_set_new(doc, "since_da", jda_of(doc, "since"));
	json_t *tot = json_object_get(doc, "totals");
	json_object_set_new(doc, "counts",
	                    json_pack("{s:O, s:O, s:O, s:O}", "green", json_object_get(tot, "grøn"),
	                              "yellow", json_object_get(tot, "gul"), "red",
	                              json_object_get(tot, "rød"), "none",
	                              json_object_get(tot, "ingen")));
	size_t i, nsub = 0, nmiss = 0;
	json_t *grp;
	json_array_foreach(json_object_get(doc, "groups"), i, grp)
	{
		const char *body = json_string_value(json_object_get(grp, "body"));
		nsub += json_is_string(json_object_get(grp, "submitted"));
		nmiss += json_is_true(json_object_get(grp, "missing"));
		json_object_set_new(grp, "submitted_da", jda_of(grp, "submitted"));
		if (!json_is_string(json_object_get(grp, "note")))
			json_object_set_new(grp, "note", json_false());
		json_object_set_new(
		    grp, "may_submit",
		    json_boolean(open && may_submit(&g, model_body_index(r->app->model, body))));
		json_object_set_new(grp, "url", form_url(body));
		json_t *ins = json_object_get(grp, "initiatives");
		decorate_list(ins);
		json_object_set_new(grp, "any_initiatives", json_boolean(json_array_size(ins) > 0));
		json_t *recs = json_object_get(grp, "recommendations");
		decorate_recommendations(recs);
		json_object_set_new(grp, "any_recommendations",
		                    json_boolean(json_array_size(recs) > 0));
	}
	json_t *others = json_object_get(doc, "others");
	decorate_list(json_object_get(others, "initiatives"));
	decorate_recommendations(json_object_get(others, "recommendations"));
	json_object_set_new(
	    others, "any",
	    json_boolean(json_array_size(json_object_get(others, "initiatives")) ||
	                 json_array_size(json_object_get(others, "recommendations"))));
	json_object_set_new(
	    doc, "ngroups",
	    json_integer((json_int_t)json_array_size(json_object_get(doc, "groups"))));
	json_object_set_new(doc, "nsubmitted", json_integer((json_int_t)nsub));
	json_object_set_new(doc, "nmissing", json_integer((json_int_t)nmiss));
	json_object_set_new(doc, "can_submit", json_boolean(open && g.n > 0));
	json_object_set_new(doc, "deadline_passed", json_boolean(r->today > mt.statuses));
	const char *ok = web_query(r, "ok");
	if (ok && !strcmp(ok, "status"))
		json_object_set_new(doc, "flash", json_string(flash_ok));
	else if (ok && !strcmp(ok, "late"))
		json_object_set_new(doc, "flash", json_string(flash_late));
	char t[128];
	snprintf(t, sizeof t, "Porteføljeoverblik – styregruppemøde %d/%d", mt.number, mt.year);
	json_object_set_new(doc, "title", json_string(t));
	meeting_free(&mt);
	p->doc = doc;
	return 0;
}

/* ================================================================== the API */

static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

int api_meeting_portfolio(struct web_req *r, struct web_resp *p)
{
	long id;
	json_t *doc = NULL;
	if (!web_whole(r->param, 1L << 30, &id))
		return web_error(r, p, 404, "Mødet findes ikke.");
	int rc = store_meeting_overview(r->st, r->app->model, r->app->mt, id, r->today, &doc);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke.");
	if (rc != FK_OK)
		return web_error(r, p, 500,
		                 "Porteføljeoverblikket kunne ikke læses. Prøv igen om lidt.");
	p->doc = doc;
	return 0;
}

static json_t *submission_json(const struct store_mstatus *s, const struct meeting *mt)
{
	char iso[11];
	date_format(s->submitted, iso);
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:b}", "id", (json_int_t)s->id, "body", s->body,
	                 "submitted", iso, "actor", s->actor ? s->actor : "", "note",
	                 s->note ? form_text(s->note) : json_null(), "late",
	                 s->submitted > mt->statuses);
}

/* The lines of a posted JSON status into ps (strings borrowed from obj); errors into fields. */
static void read_lines(json_t *arr, struct posted *ps, json_t *fields)
{
	size_t n = json_array_size(arr);
	ps->v = xcalloc(n + 1, sizeof *ps->v);
	ps->n = 0;
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o)
	{
		char where[48];
		snprintf(where, sizeof where, "statuses[%zu]", i);
		if (!json_is_object(o)) {
			json_object_set_new(
			    fields, where,
			    json_string("Skal være et objekt med initiative, status og "
			                "reason."));
			continue;
		}
		const char *val[3] = {NULL, NULL, NULL};
		static const char *const names[] = {"initiative", "status", "reason"};
		const char *key;
		json_t *v;
		bool ok = true;
		json_object_foreach(o, key, v)
		{
			size_t k = 0;
			while (k < 3 && strcmp(key, names[k]))
				k++;
			if (k < 3 && json_is_string(v)) {
				val[k] = json_string_value(v);
			} else if (!(k == 2 && json_is_null(v))) {
				char f[96];
				snprintf(f, sizeof f, "%s.%s", where, key);
				json_object_set_new(
				    fields, f,
				    json_string(k < 3 ? "Skal være en tekst." : "Ukendt felt."));
				ok = false;
			}
		}
		if (!val[0] || !*val[0]) {
			char f[96];
			snprintf(f, sizeof f, "%s.initiative", where);
			json_object_set_new(fields, f, json_string("Angiv initiativets id."));
			ok = false;
		}
		if (ok)
			ps->v[ps->n++] = (struct store_status_line){
			    val[0], val[1] ? val[1] : "", val[2] && *val[2] ? val[2] : NULL};
	}
}

static int statuses_post(struct web_req *r, struct web_resp *p, long id, const struct meeting *mt)
{
	const struct model *m = r->app->model;
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!json_is_object(obj)) {
		json_decref(obj);
		return bad_request(p,
		                   "Send statussen som et JSON-objekt med body og statuses og "
		                   "Content-Type: application/json.",
		                   NULL);
	}
	json_t *fields = json_object();
	const char *body = NULL, *note = NULL;
	json_t *lines = NULL;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		if (!strcmp(key, "body") && json_is_string(v))
			body = json_string_value(v);
		else if (!strcmp(key, "note") && (json_is_string(v) || json_is_null(v)))
			note = json_string_value(v);
		else if (!strcmp(key, "statuses") && json_is_array(v))
			lines = v;
		else if (!strcmp(key, "body") || !strcmp(key, "note"))
			json_object_set_new(fields, key, json_string("Skal være en tekst."));
		else if (!strcmp(key, "statuses"))
			json_object_set_new(
			    fields, key,
			    json_string("Skal være en liste af initiativernes status."));
		else
			json_object_set_new(fields, key, json_string("Ukendt felt."));
	}
	if ((!body || !*body) && !json_object_get(fields, "body"))
		json_object_set_new(fields, "body",
		                    json_string("Angiv referencegruppen, fx rg-forretning."));
	struct posted ps = {0};
	read_lines(lines, &ps, fields);
	if (json_object_size(fields)) {
		posted_free(&ps);
		json_decref(obj);
		return bad_request(p, "Statussen er ikke gemt. Ret felterne.", fields);
	}
	json_decref(fields);
	struct groups g;
	int b = model_body_index(m, body);
	int rc = submit_groups(r, &g);
	if (rc == FK_OK && b >= 0 && !strcmp(m->bodies[b].kind, "reference-group") &&
	    !may_submit(&g, b)) {
		posted_free(&ps);
		json_decref(obj);
		return web_error(
		    r, p, 403,
		    "Du kan kun indsende status for de referencegrupper, du er medlem af.");
	}
	struct diags d;
	diags_init(&d);
	int64_t sid = 0;
	if (rc == FK_OK)
		rc = store_mstatus_submit(r->st, r->user.login, m, r->app->mt, id, body, ps.v, ps.n,
		                          note && *note ? note : NULL, r->today, &sid, &d);
	posted_free(&ps);
	json_decref(obj);
	if (rc == FK_EINPUT || rc == FK_ENOTFOUND) {
		bad_request(p, d.n ? d.v[0].msg : "Statussen er ikke gemt.", web_field_errors(&d));
		diags_free(&d);
		return 0;
	}
	diags_free(&d);
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	if (rc != FK_OK || store_mstatus_list(r->st, id, &sv, &nsv) != FK_OK)
		return web_error(r, p, 500, "Statussen kunne ikke gemmes. Prøv igen om lidt.");
	for (size_t i = 0; i < nsv; i++)
		if (sv[i].id == sid)
			p->doc = submission_json(&sv[i], mt);
	store_mstatus_free(sv, nsv);
	if (!p->doc)
		return web_error(r, p, 500, "Statussen kunne ikke læses tilbage.");
	p->status = 201;
	char loc[80];
	snprintf(loc, sizeof loc, "/api/v1/meetings/%ld/portfolio", id);
	web_resp_header(p, "Location", loc);
	return 0;
}

int api_meeting_statuses(struct web_req *r, struct web_resp *p)
{
	long id;
	struct meeting mt;
	if (!web_whole(r->param, 1L << 30, &id) || store_meeting_get(r->st, id, &mt) != FK_OK)
		return web_error(r, p, 404, "Mødet findes ikke.");
	if (r->method == WM_POST) {
		int rc = statuses_post(r, p, id, &mt);
		meeting_free(&mt);
		return rc;
	}
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	if (store_mstatus_list(r->st, id, &sv, &nsv) != FK_OK) {
		meeting_free(&mt);
		return web_error(r, p, 500, "Statusserne kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *a = json_array();
	for (size_t i = 0; i < nsv; i++)
		json_array_append_new(a, submission_json(&sv[i], &mt));
	store_mstatus_free(sv, nsv);
	p->doc = json_pack("{s:I, s:o}", "meeting", (json_int_t)id, "statuses", a);
	meeting_free(&mt);
	return 0;
}
