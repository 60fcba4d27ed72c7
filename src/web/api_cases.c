/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The JSON API of cases and goals (logged-in users read; the secretariat writes):
 *
 *   GET  /api/v1/cases?state=&tag=&to=&q=   {"cases": [case summary]} (newest first)
 *   POST /api/v1/cases                      {"title", "text", "by", "tags": [...]} -> 201 case
 *   GET  /api/v1/cases/{id}                 the case with its events ("sag-3" or "3")
 *   POST /api/v1/cases/{id}/events          {"event": "assign"|"recommend"|"decide"|"close"|
 *                                           "withdraw"|"send-back", "text", "to", "kind",
 *                                           "date", "meeting"} -> 201 the case after the move;
 *                                           members of the assigned reference group may post
 *                                           the recommendation
 *   GET  /api/v1/goals?year=                {"goals": [goal]}
 *   POST /api/v1/goals                      {"year", "text", "indicator", "target", "set_on"}
 *                                           -> 201 goal
 *   POST /api/v1/goals/{id}/status          {"status", "note", "date"} -> 201 goal
 *
 * Bad input: 400 {"error", "fields": {name: why}}; a move the case cannot make now: 400 with
 * the state machine's reason in fields.event; nothing is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/goals.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

/* 400 {"error": msg, "fields": fields} (fields taken; NULL: {}). */
static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

static json_t *one_field(const char *name, const char *msg)
{
	json_t *f = json_object();
	json_object_set_new(f, name, json_string(msg));
	return f;
}

/* The request body as a JSON object (new reference), or NULL after a 400. */
static json_t *body_object(struct web_req *r, struct web_resp *p, const char *what)
{
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (obj && json_is_object(obj))
		return obj;
	char msg[300];
	if (!r->body_len)
		snprintf(msg, sizeof msg,
		         "Send %s som et JSON-objekt med Content-Type: application/json.", what);
	else if (!obj)
		snprintf(msg, sizeof msg, "Indholdet er ikke gyldig JSON (linje %d, tegn %d).",
		         je.line, je.column);
	else
		snprintf(msg, sizeof msg, "Indholdet skal være ét JSON-objekt {...} med %s.", what);
	json_decref(obj);
	bad_request(p, msg, NULL);
	return NULL;
}

/* Reads the string members names of obj into out (NULL when absent or null); a member that
 * is not a string, or a member not in names, gets an error in fields. */
static void read_strings(json_t *obj, const char *const *names, size_t n, const char **out,
                         json_t *fields, const char *skip)
{
	const char *key;
	json_t *v;
	for (size_t i = 0; i < n; i++)
		out[i] = NULL;
	json_object_foreach(obj, key, v)
	{
		if (skip && !strcmp(key, skip))
			continue;
		size_t k = 0;
		while (k < n && strcmp(key, names[k]))
			k++;
		if (k == n) {
			struct buf b;
			buf_init(&b);
			buf_adds(&b, "Ukendt felt. Felterne hedder ");
			size_t all = n + (skip ? 1 : 0);
			for (size_t i = 0; i < all; i++)
				buf_printf(&b, "%s%s", i < n ? names[i] : skip,
				           i + 2 < all   ? ", "
				           : i + 1 < all ? " og "
				                         : ".");
			json_object_set_new(fields, key, json_string(b.s));
			buf_free(&b);
		} else if (json_is_string(v)) {
			out[k] = json_string_value(v);
		} else if (!json_is_null(v)) {
			json_object_set_new(
			    fields, key,
			    json_string("Værdien skal være en tekst i anførselstegn "
			                "eller null."));
		}
	}
}

/* Diagnostics as {"field": why}, the first per field. */
static json_t *diag_fields(const struct diags *d)
{
	json_t *o = json_object();
	for (size_t i = 0; i < d->n; i++) {
		const char *f = d->v[i].field ? d->v[i].field : "_";
		if (!json_object_get(o, f))
			json_object_set_new(o, f, form_text(d->v[i].msg));
	}
	return o;
}

/* ================================================================== cases */

static int list_cases(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *qs = web_query(r, "state"), *qt = web_query(r, "tag");
	struct case_filter f = {
	    .state = -1, .assignee = web_query(r, "to"), .q = web_query(r, "q")};
	if (qs && *qs && (f.state = case_state_parse(qs)) < 0)
		return bad_request(p, "Ukendt status.",
		                   one_field("state",
		                             "Vælg raised, assigned, recommended, decided, "
		                             "closed eller withdrawn."));
	if (qt && *qt && !(f.tag = case_topic_find(m, qt))) {
		char *all = case_topics_text(m), *msg = xasprintf("Ikke et af referencegruppernes "
		                                                  "emner. Vælg blandt: %s.",
		                                                  all);
		json_t *fields = one_field("tag", msg);
		free(all);
		free(msg);
		return bad_request(p, "Ukendt emne.", fields);
	}
	struct reg reg;
	struct case_set set = {0};
	if (web_load_register(r, &reg) != FK_OK || store_cases_load(r->st, 0, &set) != FK_OK) {
		reg_free(&reg);
		case_set_free(&set);
		return web_error(r, p, 500, "Sagerne kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *arr = json_array();
	for (size_t i = set.n; i-- > 0;)
		if (case_matches(&set.v[i], &f))
			json_array_append_new(arr, case_json(m, &reg, &set.v[i], false));
	p->doc = json_pack("{s:o}", "cases", arr);
	reg_free(&reg);
	case_set_free(&set);
	return 0;
}

static const char *const raise_names[] = {"title", "text", "by"};

static int raise_case(struct web_req *r, struct web_resp *p)
{
	json_t *obj = body_object(r, p, "felterne title, text, by og tags");
	if (!obj)
		return 0;
	json_t *fields = json_object();
	const char *v[3];
	read_strings(obj, raise_names, 3, v, fields, "tags");
	json_t *jt = json_object_get(obj, "tags");
	size_t nt = json_is_array(jt) ? json_array_size(jt) : 0;
	const char **tags = xcalloc(nt + 1, sizeof *tags);
	if (jt && !json_is_null(jt) && !json_is_array(jt))
		json_object_set_new(fields, "tags",
		                    json_string("Emnerne skal være en liste af tekster, fx "
		                                "[\"Standardisering\"]."));
	for (size_t i = 0; i < nt; i++) {
		if (!json_is_string(json_array_get(jt, i))) {
			json_object_set_new(
			    fields, "tags",
			    json_string("Hvert emne skal være en tekst i anførselstegn."));
			break;
		}
		tags[i] = json_string_value(json_array_get(jt, i));
	}
	struct reg reg;
	reg_init(&reg);
	struct diags d;
	diags_init(&d);
	struct case_rec cr;
	memset(&cr, 0, sizeof cr);
	int rc = FK_OK;
	if (json_object_size(fields)) {
		bad_request(p, "Sagen er ikke rejst. Ret felterne, og send den igen.", fields);
		fields = NULL;
		goto out;
	}
	if (web_load_register(r, &reg) != FK_OK) {
		web_error(r, p, 500,
		          "Registret kunne ikke læses. Intet er gemt. Prøv igen om lidt.");
		goto out;
	}
	struct case_input in = {.title = v[0], .text = v[1], .by = v[2], .tags = tags, .ntags = nt};
	if (case_check_raise(r->app->model, &reg, &in, r->today, &cr, &d) != 0) {
		bad_request(p, "Sagen er ikke rejst. Ret felterne, og send den igen.",
		            diag_fields(&d));
		goto out;
	}
	if ((rc = store_case_raise(r->st, r->user.login, &cr)) != FK_OK) {
		web_error(r, p, 500, "Sagen kunne ikke gemmes. Intet er gemt. Prøv igen om lidt.");
		goto out;
	}
	/* What was stored, read back. */
	struct case_set set = {0};
	if (store_cases_load(r->st, cr.id, &set) == FK_OK && set.n) {
		p->status = 201;
		p->doc = case_json(r->app->model, &reg, &set.v[0], true);
	} else {
		web_error(r, p, 500, "Sagen er gemt, men kunne ikke læses igen.");
	}
	case_set_free(&set);
out:
	json_decref(fields);
	json_decref(obj);
	free(tags);
	case_rec_free(&cr);
	diags_free(&d);
	reg_free(&reg);
	return 0;
}

int api_cases(struct web_req *r, struct web_resp *p)
{
	return r->method == WM_POST ? raise_case(r, p) : list_cases(r, p);
}

/* Loads the register and case r->param; a 404 (and -1) when there is no such case. */
static int load_case(struct web_req *r, struct web_resp *p, struct reg *reg, struct case_set *set)
{
	int64_t id = case_id_parse(r->param);
	reg_init(reg);
	if (id &&
	    (web_load_register(r, reg) != FK_OK || store_cases_load(r->st, id, set) != FK_OK)) {
		web_error(r, p, 500, "Sagen kunne ikke læses. Prøv igen om lidt.");
		return -1;
	}
	if (!id || !set->n) {
		web_error(r, p, 404, "Der er ingen sag med nummeret »%s«. Se /api/v1/cases.",
		          r->param);
		return -1;
	}
	return 0;
}

int api_case(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	struct case_set set = {0};
	if (load_case(r, p, &reg, &set) == 0)
		p->doc = case_json(r->app->model, &reg, &set.v[0], true);
	reg_free(&reg);
	case_set_free(&set);
	return 0;
}

static const char *const event_names[] = {"text", "to", "kind", "date", "meeting"};

int api_case_events(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	struct case_set set = {0};
	json_t *obj = NULL, *fields = NULL;
	struct diags d;
	diags_init(&d);
	if (load_case(r, p, &reg, &set) != 0)
		goto out;
	struct case_rec *c = &set.v[0];
	if (!(obj = body_object(r, p, "feltet event og de felter, handlingen kræver")))
		goto out;
	fields = json_object();
	const char *v[5];
	read_strings(obj, event_names, 5, v, fields, "event");
	json_t *je = json_object_get(obj, "event");
	int e = json_is_string(je) ? case_event_parse(json_string_value(je)) : -1;
	if (e <= CEV_RAISE)
		json_object_set_new(
		    fields, "event",
		    json_string("Skriv handlingen: assign, recommend, decide, close, "
		                "withdraw eller send-back."));
	if (json_object_size(fields)) {
		bad_request(p, "Sagen er ikke ændret. Ret felterne, og send igen.", fields);
		fields = NULL;
		goto out;
	}
	bool admin = r->user.role == ROLE_ADMIN;
	if (!admin &&
	    !(e == CEV_RECOMMEND && r->user.role == ROLE_MEMBER &&
	      case_member_of_assignee(r->app->model, &reg, r->user.person, c, r->today))) {
		web_error(r, p, 403,
		          e == CEV_RECOMMEND
		              ? "Indstillingen afgives af et medlem af den gruppe, sagen "
		                "er tildelt, eller af sekretariatet."
		              : "Kun sekretariatet kan ændre sagens status.");
		goto out;
	}
	struct case_input in = {
	    .text = v[0], .to = v[1], .kind = v[2], .date = v[3], .meeting = v[4]};
	struct case_change ch;
	if (case_check_event(r->app->model, c, (enum case_event)e, &in, r->today, &ch, &d) != 0) {
		bad_request(p, "Sagen er ikke ændret. Ret felterne, og send igen.",
		            diag_fields(&d));
		goto out;
	}
	int rc = store_case_apply(r->st, r->user.login, c->id, &ch);
	case_change_free(&ch);
	if (rc == FK_ECONFLICT) {
		p->status = 409;
		p->doc = json_pack("{s:s}", "error", store_conflict(r->st));
		goto out;
	}
	if (rc != FK_OK) {
		web_error(r, p, 500,
		          "Ændringen kunne ikke gemmes. Intet er gemt. Prøv igen om lidt.");
		goto out;
	}
	int64_t id = c->id;
	case_set_free(&set);
	if (store_cases_load(r->st, id, &set) == FK_OK && set.n) {
		p->status = 201;
		p->doc = case_json(r->app->model, &reg, &set.v[0], true);
	} else {
		web_error(r, p, 500, "Ændringen er gemt, men sagen kunne ikke læses igen.");
	}
out:
	json_decref(fields);
	json_decref(obj);
	diags_free(&d);
	reg_free(&reg);
	case_set_free(&set);
	return 0;
}

/* ================================================================== goals */

static int list_goals(struct web_req *r, struct web_resp *p)
{
	const char *qy = web_query(r, "year");
	int year = 0;
	if (qy && *qy) {
		char *end;
		long v = strtol(qy, &end, 10);
		if (*end || v < GOAL_YEAR_MIN || v > GOAL_YEAR_MAX)
			return bad_request(
			    p, "Ugyldigt år.",
			    one_field("year", "Skriv året med fire cifre, fx 2027."));
		year = (int)v;
	}
	struct goal_set set = {0};
	if (store_goals_load(r->st, 0, year, &set) != FK_OK) {
		goal_set_free(&set);
		return web_error(r, p, 500, "Målene kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < set.n; i++)
		json_array_append_new(arr, goal_json(&set.v[i]));
	p->doc = json_pack("{s:o}", "goals", arr);
	goal_set_free(&set);
	return 0;
}

/* The goal id as stored, read back as JSON with status 201. */
static void created_goal(struct web_req *r, struct web_resp *p, int64_t id)
{
	struct goal_set set = {0};
	if (store_goals_load(r->st, id, 0, &set) == FK_OK && set.n) {
		p->status = 201;
		p->doc = goal_json(&set.v[0]);
	} else {
		web_error(r, p, 500, "Målet er gemt, men kunne ikke læses igen.");
	}
	goal_set_free(&set);
}

static const char *const goal_names[] = {"year", "text", "indicator", "target", "set_on"};

static int add_goal(struct web_req *r, struct web_resp *p)
{
	json_t *obj = body_object(r, p, "felterne year, text, indicator, target og set_on");
	if (!obj)
		return 0;
	json_t *fields = json_object();
	const char *v[5];
	/* The year may be a number. */
	char ybuf[24] = "";
	json_t *jy = json_object_get(obj, "year");
	if (json_is_integer(jy)) {
		snprintf(ybuf, sizeof ybuf, "%lld", (long long)json_integer_value(jy));
		json_object_set_new(obj, "year", json_string(ybuf));
	}
	read_strings(obj, goal_names, 5, v, fields, NULL);
	if (json_object_size(fields)) {
		json_decref(obj);
		return bad_request(p, "Målet er ikke gemt. Ret felterne, og send det igen.",
		                   fields);
	}
	json_decref(fields);
	struct goal_input in = {
	    .year = v[0], .text = v[1], .indicator = v[2], .target = v[3], .set_on = v[4]};
	struct diags d;
	diags_init(&d);
	struct goal_rec g;
	if (goal_check_add(&in, r->today, &g, &d) != 0) {
		bad_request(p, "Målet er ikke gemt. Ret felterne, og send det igen.",
		            diag_fields(&d));
	} else {
		if (store_goal_add(r->st, r->user.login, &g) == FK_OK)
			created_goal(r, p, g.id);
		else
			web_error(r, p, 500,
			          "Målet kunne ikke gemmes. Intet er gemt. Prøv igen om lidt.");
		goal_rec_free(&g);
	}
	diags_free(&d);
	json_decref(obj);
	return 0;
}

int api_goals(struct web_req *r, struct web_resp *p)
{
	return r->method == WM_POST ? add_goal(r, p) : list_goals(r, p);
}

static const char *const status_names[] = {"status", "note", "date"};

int api_goal_status(struct web_req *r, struct web_resp *p)
{
	const char *s = r->param ? r->param : "";
	char *end;
	long long id = strtoll(s, &end, 10);
	struct goal_set set = {0};
	if (!*s || *end || id <= 0 || store_goals_load(r->st, id, 0, &set) != FK_OK || !set.n) {
		goal_set_free(&set);
		return web_error(r, p, 404, "Der er intet mål med nummeret »%s«. Se /api/v1/goals.",
		                 s);
	}
	json_t *obj = body_object(r, p, "felterne status, note og date");
	if (!obj) {
		goal_set_free(&set);
		return 0;
	}
	json_t *fields = json_object();
	const char *v[3];
	read_strings(obj, status_names, 3, v, fields, NULL);
	struct diags d;
	diags_init(&d);
	if (json_object_size(fields)) {
		bad_request(p, "Status er ikke gemt. Ret felterne, og send igen.", fields);
		fields = NULL;
	} else {
		struct goal_input in = {.status = v[0], .note = v[1], .date = v[2]};
		struct goal_status_rec st;
		if (goal_check_status(&set.v[0], &in, r->today, &st, &d) != 0) {
			bad_request(p, "Status er ikke gemt. Ret felterne, og send igen.",
			            diag_fields(&d));
		} else {
			if (store_goal_status_add(r->st, r->user.login, id, &st) == FK_OK)
				created_goal(r, p, id);
			else
				web_error(
				    r, p, 500,
				    "Status kunne ikke gemmes. Intet er gemt. Prøv igen om lidt.");
			free(st.note);
			free(st.actor);
			free(st.at);
		}
	}
	json_decref(fields);
	diags_free(&d);
	json_decref(obj);
	goal_set_free(&set);
	return 0;
}
