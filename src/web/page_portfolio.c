/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The portfolio: GET/POST /portfolio (the printable overview of every initiative with its
 * owning body, status in colour and words, trend against the previous status report and next
 * milestone; the secretariat adds initiatives there) and GET/POST /initiatives/{id} (one
 * initiative: details, status history, milestones, budget by year, allocations and spending;
 * forms for a status report — the secretariat and current members of the owning body — and
 * for milestones and budgets — the secretariat). Bad input re-renders the page with the
 * error next to the field (400); success redirects (303). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/initiative.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "util/slug.h"
#include "web/pages.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ================================================================== helpers */

static int load(struct web_req *r, struct web_resp *p, struct econ *e)
{
	econ_init(e, r->app->model->rate_ore);
	if (store_econ_load(r->st, r->app->mt, e) == FK_OK)
		return 0;
	econ_free(e);
	web_error(r, p, 500, "Porteføljen kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

static json_t *jdate_da(const char *iso)
{
	fk_date d;
	if (!iso || date_parse(iso, strlen(iso), &d) != 0)
		return json_false();
	char da[40];
	date_format_da(d, da, sizeof da);
	return json_string(da);
}

static json_t *jkr(int64_t ore)
{
	char a[48];
	econ_format_kr(ore, true, a, sizeof a);
	return json_string(a);
}

/* Adds to a status object ({"status", "date", ...}) the Danish label, the CSS class and the
 * date in Danish. */
static void decorate_status(json_t *st)
{
	if (!json_is_object(st))
		return;
	int s = econ_status_parse(json_string_value(json_object_get(st, "status")));
	static const char *const labels[ST__MAX] = {"Grøn", "Gul", "Rød"};
	static const char *const meanings[ST__MAX] = {"efter planen", "udfordringer",
	                                              "kræver handling"};
	json_object_set_new(st, "label", json_string(s >= 0 ? labels[s] : "?"));
	json_object_set_new(st, "meaning", json_string(s >= 0 ? meanings[s] : ""));
	json_object_set_new(st, "class", json_string(econ_status_class(s)));
	json_object_set_new(st, "date_da",
	                    jdate_da(json_string_value(json_object_get(st, "date"))));
	json_t *reason = json_object_get(st, "reason");
	if (!json_is_string(reason))
		json_object_set_new(st, "reason", json_false());
}

static void decorate_trend(json_t *o, const char *key)
{
	const char *t = json_string_value(json_object_get(o, key));
	static const struct {
		const char *name, *label, *arrow;
	} trends[] = {{"new", "Første rapport", ""},
	              {"better", "Bedre", "↑"},
	              {"worse", "Værre", "↓"},
	              {"same", "Uændret", "→"}};
	json_t *v = json_false();
	for (size_t i = 0; t && i < N(trends); i++)
		if (!strcmp(t, trends[i].name))
			v = json_pack("{s:s, s:s, s:s}", "label", trends[i].label, "arrow",
			              trends[i].arrow, "class", trends[i].name);
	json_object_set_new(o, "trend_view", v);
}

static void decorate_milestone(json_t *m)
{
	if (!json_is_object(m))
		return;
	json_object_set_new(m, "due_da", jdate_da(json_string_value(json_object_get(m, "due"))));
	json_object_set_new(m, "done_da", jdate_da(json_string_value(json_object_get(m, "done"))));
}

/* The initiative view (initiative_json) with what the templates show. */
static void decorate(json_t *o)
{
	decorate_status(json_object_get(o, "status"));
	decorate_trend(o, "trend");
	decorate_milestone(json_object_get(o, "next_milestone"));
	if (!json_is_string(json_object_get(o, "description")))
		json_object_set_new(o, "description", json_false());
}

static json_t *option(const char *value, const char *label, bool selected)
{
	return json_pack("{s:o, s:o, s:b}", "value", form_text(value), "label", form_text(label),
	                 "selected", selected);
}

/* ================================================================== /portfolio */

static json_t *portfolio_doc(struct web_req *r, const struct econ *e, struct form *fm)
{
	const struct model *m = r->app->model;
	json_t *doc = portfolio_json(e, m, r->today);
	json_t *arr = json_object_get(doc, "initiatives");
	int counts[ST__MAX + 1] = {0};
	/* Grouped by owning body, in the order portfolio_json gives (model order). */
	json_t *groups = json_array(), *cur = NULL;
	const char *cur_body = NULL;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		decorate(o);
		json_t *st = json_object_get(o, "status");
		int s = json_is_object(st)
		            ? econ_status_parse(json_string_value(json_object_get(st, "status")))
		            : -1;
		counts[s >= 0 ? s : ST__MAX]++;
		const char *b = json_string_value(json_object_get(o, "body"));
		if (!cur_body || strcmp(cur_body, b)) {
			cur = json_array();
			json_array_append_new(
			    groups, json_pack("{s:s, s:O, s:o}", "body", b, "body_name",
			                      json_object_get(o, "body_name"), "initiatives", cur));
			cur_body = b;
		}
		json_array_append(cur, o);
	}
	json_object_set_new(doc, "groups", groups);
	json_object_set_new(doc, "any", json_boolean(json_array_size(arr) > 0));
	json_object_set_new(doc, "count", json_integer((json_int_t)json_array_size(arr)));
	json_object_set_new(doc, "counts",
	                    json_pack("{s:i, s:i, s:i, s:i}", "green", counts[ST_GREEN], "yellow",
	                              counts[ST_YELLOW], "red", counts[ST_RED], "none",
	                              counts[ST__MAX]));
	char da[40];
	date_format_da(r->today, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(
	    doc, "title",
	    json_string(form_ok(fm) ? "Initiativporteføljen" : "Fejl: Initiativporteføljen"));
	if (r->user.role == ROLE_ADMIN) {
		json_t *f = json_object_get(fm->f, "body");
		const char *sel = f ? json_string_value(json_object_get(f, "value")) : NULL;
		json_t *bodies = json_array();
		json_array_append_new(
		    bodies, option("", "Vælg den gruppe, der ejer initiativet", !sel || !*sel));
		for (size_t i = 0; i < m->nbodies; i++)
			json_array_append_new(bodies, option(m->bodies[i].id, m->bodies[i].name,
			                                     sel && !strcmp(sel, m->bodies[i].id)));
		json_object_set_new(doc, "body_options", bodies);
		json_object_set_new(doc, "admin", json_true());
	}
	form_finish(fm, doc);
	return doc;
}

/* slug_unique's test: is id an initiative's key? */
static bool initiative_taken(void *arg, const char *id)
{
	return econ_initiative_find(arg, id) >= 0;
}

static int portfolio_post(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	struct form fm;
	form_init(&fm);
	char *key = form_take(&fm, r, "id", "Id"), *name = form_take(&fm, r, "name", "Navn"),
	     *body = form_take(&fm, r, "body", "Ejer"),
	     *desc = form_take(&fm, r, "description", "Beskrivelse");
	const char *sp = web_form(r, "special");
	bool special = sp && *sp;
	form_value(&fm, "special", special ? "1" : "");
	int rc = FK_OK;
	if (form_ok(&fm) && !*key && *name) {
		/* No id given: one made from the name (picker.h's rule, util/slug.h). */
		struct econ e;
		econ_init(&e, m->rate_ore);
		if (store_econ_load(r->st, r->app->mt, &e) == FK_OK) {
			char made[64];
			slug_unique(name, "initiativ", initiative_taken, &e, made, sizeof made);
			free(key);
			key = xstrdup(made);
		}
		econ_free(&e);
	}
	if (form_ok(&fm)) {
		struct diags d;
		diags_init(&d);
		econ_check_initiative(m, key, name, body, desc, &d);
		static const char *const map[] = {
		    "id",   "id",   "Id",   "name",        "name",        "Navn",
		    "body", "body", "Ejer", "description", "description", "Beskrivelse"};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
	}
	if (form_ok(&fm)) {
		rc = store_initiative_add(r->st, r->user.login, key, name, body, desc, special,
		                          NULL);
		if (rc == FK_ECONFLICT) {
			form_error(
			    &fm, "id", "Id",
			    "Der findes allerede et initiativ med id'et »%s«. Vælg et andet id.",
			    key);
			rc = FK_OK;
		} else if (rc == FK_OK) {
			char *url = xstrdup(key);
			free(key);
			free(name);
			free(body);
			free(desc);
			form_free(&fm);
			web_redirect(p, "/initiatives/%s?gemt=oprettet", url);
			free(url);
			return 0;
		}
	}
	free(key);
	free(name);
	free(body);
	free(desc);
	if (rc != FK_OK) {
		form_free(&fm);
		return web_error(
		    r, p, 500,
		    "Initiativet kunne ikke gemmes på grund af en fejl i databasen. Intet er "
		    "gemt. Prøv igen om lidt.");
	}
	struct econ e;
	if (load(r, p, &e)) {
		form_free(&fm);
		return 0;
	}
	p->status = 400;
	p->doc = portfolio_doc(r, &e, &fm);
	econ_free(&e);
	return 0;
}

int page_portfolio(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return portfolio_post(r, p);
	struct econ e;
	if (load(r, p, &e))
		return 0;
	struct form fm;
	form_init(&fm);
	p->doc = portfolio_doc(r, &e, &fm);
	econ_free(&e);
	return 0;
}

/* ================================================================== /initiatives/{id} */

/* Whether the logged-in user is a member now of body (an account linked to a person with a
 * current appointment to it). */
static bool member_of(struct web_req *r, const char *body)
{
	if (r->user.role != ROLE_MEMBER || !r->user.person[0])
		return false;
	int b = model_body_index(r->app->model, body);
	if (b < 0)
		return false;
	struct reg reg;
	bool yes = false;
	if (web_load_register(r, &reg) == FK_OK) {
		yes = reg_serves(&reg, reg_person_find(&reg, r->user.person), b, r->today);
	}
	reg_free(&reg);
	return yes;
}

static const char *const status_labels[ST__MAX] = {"Grøn – efter planen", "Gul – udfordringer",
                                                   "Rød – kræver handling"};

static json_t *initiative_doc(struct web_req *r, const struct econ *e, int32_t i, struct form *fm,
                              bool may_report)
{
	const struct model *m = r->app->model;
	json_t *o = initiative_json(e, m, i, r->today, true);
	decorate(o);
	json_t *arr = json_object_get(o, "reports");
	/* Newest first on the page. */
	json_t *rev = json_array();
	for (size_t k = json_array_size(arr); k-- > 0;) {
		json_t *x = json_array_get(arr, k);
		decorate_status(x);
		decorate_trend(x, "trend");
		json_array_append(rev, x);
	}
	json_object_set_new(o, "reports_newest", rev);
	json_object_set_new(o, "any_reports", json_boolean(json_array_size(arr) > 0));
	arr = json_object_get(o, "milestones");
	for (size_t k = 0; k < json_array_size(arr); k++)
		decorate_milestone(json_array_get(arr, k));
	json_object_set_new(o, "any_milestones", json_boolean(json_array_size(arr) > 0));

	/* Budget by year, with what is allocated and spent (special initiatives). */
	const struct econ_initiative *in = &e->inits[i];
	int years[256];
	size_t ny = 0;
	for (size_t k = 0; k < e->nbudgets; k++)
		if (e->budgets[k].initiative == i && ny < N(years))
			years[ny++] = e->budgets[k].year;
	for (size_t k = 0; k < e->nallocs; k++)
		if (e->allocs[k].initiative == i && ny < N(years))
			years[ny++] = e->allocs[k].year;
	for (size_t k = 0; k < e->nspends; k++)
		if (e->spends[k].initiative == i && ny < N(years))
			years[ny++] = e->spends[k].year;
	for (size_t a = 1; a < ny; a++)
		for (size_t b = a; b > 0 && years[b - 1] > years[b]; b--) {
			int t = years[b];
			years[b] = years[b - 1];
			years[b - 1] = t;
		}
	json_t *by = json_array();
	for (size_t k = 0; k < ny; k++) {
		if (k && years[k] == years[k - 1])
			continue;
		int64_t budget = -1;
		for (size_t j = 0; j < e->nbudgets; j++)
			if (e->budgets[j].initiative == i && e->budgets[j].year == years[k])
				budget = e->budgets[j].ore;
		json_array_append_new(by,
		                      json_pack("{s:i, s:o, s:o, s:o}", "year", years[k], "budget",
		                                budget >= 0 ? jkr(budget) : json_string("–"),
		                                "allocated", jkr(econ_allocated(e, years[k], i)),
		                                "spent", jkr(econ_spent(e, years[k], i))));
	}
	json_object_set_new(o, "years", by);
	json_object_set_new(o, "any_years", json_boolean(json_array_size(by) > 0));
	arr = json_object_get(o, "allocations");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *x = json_array_get(arr, k);
		json_object_set_new(x, "amount",
		                    jkr(json_integer_value(json_object_get(x, "ore"))));
		json_object_set_new(x, "date_da",
		                    jdate_da(json_string_value(json_object_get(x, "date"))));
	}
	json_object_set_new(o, "any_allocations", json_boolean(json_array_size(arr) > 0));
	arr = json_object_get(o, "spending");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *x = json_array_get(arr, k);
		json_object_set_new(x, "amount",
		                    jkr(json_integer_value(json_object_get(x, "ore"))));
		json_object_set_new(x, "date_da",
		                    jdate_da(json_string_value(json_object_get(x, "date"))));
		if (!json_is_string(json_object_get(x, "note")))
			json_object_set_new(x, "note", json_string(""));
	}
	json_object_set_new(o, "any_spending", json_boolean(json_array_size(arr) > 0));

	json_t *doc = json_object();
	char title[300];
	snprintf(title, sizeof title, "%s%s", form_ok(fm) ? "" : "Fejl: ", in->name);
	json_object_set_new(doc, "title", form_text(title));
	json_object_set_new(doc, "ini", o);
	json_object_set_new(doc, "may_report", json_boolean(may_report));
	json_object_set_new(doc, "admin", json_boolean(r->user.role == ROLE_ADMIN));
	/* The status radios. */
	json_t *f = json_object_get(fm->f, "status");
	const char *sel = f ? json_string_value(json_object_get(f, "value")) : NULL;
	int sv = econ_status_parse(sel);
	json_t *opts = json_array();
	for (int s = 0; s < ST__MAX; s++)
		json_array_append_new(opts,
		                      json_pack("{s:s, s:s, s:s, s:b}", "value",
		                                econ_status_name(s), "label", status_labels[s],
		                                "class", econ_status_class(s), "checked", s == sv));
	json_object_set_new(doc, "status_options", opts);
	form_finish(fm, doc);
	return doc;
}

static void defaults(struct form *fm, fk_date today)
{
	char iso[11], y[16];
	date_format(today, iso);
	snprintf(y, sizeof y, "%d", date_year(today) + 1);
	form_value(fm, "date", iso);
	form_value(fm, "b_year", y);
}

static int initiative_post(struct web_req *r, struct web_resp *p, struct econ *e, int32_t i)
{
	const struct econ_initiative *in = &e->inits[i];
	const char *which = web_form(r, "form");
	bool admin = r->user.role == ROLE_ADMIN;
	bool may_report = admin || member_of(r, in->body);
	if (!which ||
	    (strcmp(which, "status") && strcmp(which, "milestone") && strcmp(which, "budget")))
		return web_error(
		    r, p, 400,
		    "Formularen kunne ikke læses. Gå tilbage til initiativet, og prøv igen.");
	if (!strcmp(which, "status") ? !may_report : !admin)
		return web_error(r, p, 403,
		                 !strcmp(which, "status")
		                     ? "Kun sekretariatet og medlemmerne af den gruppe, der ejer "
		                       "initiativet, kan registrere en statusrapport."
		                     : "Kun sekretariatet kan registrere milepæle og budgetter.");
	struct form fm;
	form_init(&fm);
	defaults(&fm, r->today);
	int rc = FK_OK;
	const char *saved = NULL, *anchor = "";
	if (!strcmp(which, "status")) {
		char *st = form_take(&fm, r, "status", "Status"),
		     *reason = form_take(&fm, r, "reason", "Begrundelse"),
		     *ds = form_take(&fm, r, "date", "Dato");
		fk_date date = r->today;
		bool date_ok = form_date(&fm, "date", "Dato", ds, false, &date);
		struct diags d;
		diags_init(&d);
		int s;
		econ_check_report(st, reason, date_ok ? date : DATE_NONE, r->today, &s, &d);
		static const char *const map[] = {"status", "status", "Status",
		                                  "reason", "reason", "Begrundelse",
		                                  "date",   "date",   "Dato"};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
		if (form_ok(&fm) && (rc = store_initiative_report(r->st, r->user.login, in, date, s,
		                                                  reason)) == FK_OK) {
			saved = "status";
			anchor = "#statusrapporter";
		}
		free(st);
		free(reason);
		free(ds);
	} else if (!strcmp(which, "milestone")) {
		char *title = form_take(&fm, r, "ms_title", "Milepæl"),
		     *dues = form_take(&fm, r, "ms_due", "Frist"),
		     *dones = form_take(&fm, r, "ms_done", "Nået");
		fk_date due = DATE_NONE, done = DATE_NONE;
		bool ok_due = form_date(&fm, "ms_due", "Frist", dues, true, &due);
		form_date(&fm, "ms_done", "Nået", dones, false, &done);
		struct diags d;
		diags_init(&d);
		econ_check_milestone(title, ok_due ? due : r->today, done, r->today, &d);
		static const char *const map[] = {"title", "ms_title", "Milepæl", "due", "ms_due",
		                                  "Frist", "done",     "ms_done", "Nået"};
		form_diags(&fm, &d, map, N(map));
		diags_free(&d);
		if (form_ok(&fm)) {
			const struct econ_milestone *old = NULL;
			for (size_t k = 0; k < e->nmiles && !old; k++)
				if (e->miles[k].initiative == i &&
				    !strcmp(e->miles[k].title, title))
					old = &e->miles[k];
			if ((rc = store_initiative_milestone(r->st, r->user.login, in, old, title,
			                                     due, done)) == FK_OK) {
				saved = "milepael";
				anchor = "#milepaele";
			}
		}
		free(title);
		free(dues);
		free(dones);
	} else {
		char *ys = form_take(&fm, r, "b_year", "År"), *ks = form_take(&fm, r, "b_kr", "Budget");
		int y = 0;
		int64_t ore = 0;
		char why[300];
		if (econ_parse_year(ys, &y) != 0)
			form_error(&fm, "b_year", "År",
			           "Skriv året med fire cifre mellem %d og %d, fx 2027.",
			           ECON_YEAR_MIN, ECON_YEAR_MAX);
		if (econ_parse_kr(ks, &ore, why, sizeof why) != 0)
			form_error(&fm, "b_kr", "Budget", "%s", why);
		if (form_ok(&fm)) {
			int64_t before = -1;
			for (size_t k = 0; k < e->nbudgets; k++)
				if (e->budgets[k].initiative == i && e->budgets[k].year == y)
					before = e->budgets[k].ore;
			if ((rc = store_initiative_budget(r->st, r->user.login, in, y, ore,
			                                  before)) == FK_OK) {
				saved = "budget";
				anchor = "#budget";
			}
		}
		free(ys);
		free(ks);
	}
	if (rc != FK_OK) {
		form_free(&fm);
		return web_error(
		    r, p, 500,
		    "Ændringen kunne ikke gemmes på grund af en fejl i databasen. Intet er "
		    "gemt. Prøv igen om lidt.");
	}
	if (saved) {
		form_free(&fm);
		char *k = xstrdup(in->key);
		web_redirect(p, "/initiatives/%s?gemt=%s%s", k, saved, anchor);
		free(k);
		return 0;
	}
	p->status = 400;
	p->doc = initiative_doc(r, e, i, &fm, may_report);
	json_object_set_new(p->doc, "failed_form", json_string(which));
	return 0;
}

int page_initiative(struct web_req *r, struct web_resp *p)
{
	struct econ e;
	if (load(r, p, &e))
		return 0;
	int32_t i = econ_initiative_find(&e, r->param);
	if (i < 0) {
		econ_free(&e);
		return web_error(r, p, 404,
		                 "Initiativet findes ikke. Se alle initiativer i porteføljen.");
	}
	if (r->method == WM_POST) {
		int rc = initiative_post(r, p, &e, i);
		econ_free(&e);
		return rc;
	}
	struct form fm;
	form_init(&fm);
	defaults(&fm, r->today);
	bool may = r->user.role == ROLE_ADMIN || member_of(r, e.inits[i].body);
	p->doc = initiative_doc(r, &e, i, &fm, may);
	const char *g = web_query(r, "gemt");
	static const struct {
		const char *k, *msg;
	} flashes[] = {{"oprettet", "Initiativet er oprettet."},
	               {"status", "Statusrapporten er registreret."},
	               {"milepael", "Milepælen er gemt."},
	               {"budget", "Budgettet er gemt."}};
	for (size_t k = 0; g && k < N(flashes); k++)
		if (!strcmp(g, flashes[k].k))
			json_object_set_new(p->doc, "flash", json_string(flashes[k].msg));
	econ_free(&e);
	return 0;
}
