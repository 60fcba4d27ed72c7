/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The JSON API of working groups and their written hearing (the same actions as the pages,
 * wg_web_act in page_wg.c; described in static/openapi.json):
 *
 *   GET  /api/v1/working-groups              the list by priority (public)
 *   POST /api/v1/working-groups              propose one: {"topic", "question",
 *                                            "reference_group", "proposer"?, "start", "end",
 *                                            "hours"?, "kr"?}; 201 with the group
 *   GET  /api/v1/working-groups/{id}         one group; the hearing's answers only with a login
 *   POST /api/v1/working-groups/{id}         an action: {"action": "staff-add" | "staff-remove"
 *                                            | "priority" | "hearing" | "decide" | "start" |
 *                                            "member-add" | "member-end" | "deliver" |
 *                                            "dissolve" | "withdraw" | "edit-end", ...}; 200 with
 *                                            the group
 *   POST /api/v1/working-groups/{id}/answers a member's own answer {"position", "text"} (the
 *                                            secretariat adds "person" and may add "date");
 *                                            200 with the group
 *
 * An action's fields are those of the page's form, also without their prefix ("date" for
 * "decide_date", "person" for "member_person"). Refusals: 400 {"error", "fields"} for bad
 * input, 403 for a role that may not, 404 for no such group, 409 when the group's state or the
 * rules do not allow it (the error says why and what to do). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/wg.h"
#include "util/err.h"
#include "web/form.h"
#include "web/pages.h"

static const char *const prefixes[] = {"staff_",    "hearing_",  "answer_", "decide_",
                                       "start_",    "member_",   "end_",    "deliver_",
                                       "dissolve_", "withdraw_", "new_"};

/* name without its action prefix, or NULL when it has none. */
static const char *unprefixed(const char *name)
{
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i]);
		if (!strncmp(name, prefixes[i], n) && name[n])
			return name + n;
	}
	return NULL;
}

struct jin {
	json_t *obj;  /* the request */
	json_t *strs; /* numbers as text, kept alive for the request */
};

static const char *json_get(void *arg, const char *name)
{
	struct jin *j = arg;
	json_t *v = json_object_get(j->obj, name);
	const char *bare = unprefixed(name);
	if (!v && bare)
		v = json_object_get(j->obj, bare);
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		char b[32];
		snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
		json_object_set_new(j->strs, name, json_string(b));
		return json_string_value(json_object_get(j->strs, name));
	}
	return NULL; /* refused before: see read_body */
}

static int bad(struct web_resp *p, int status, const char *msg, json_t *fields)
{
	p->status = status;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

/* The request body as a JSON object, or a 400 (then NULL). Values must be text, whole
 * numbers or null. */
static json_t *read_body(struct web_req *r, struct web_resp *p)
{
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!obj || !json_is_object(obj)) {
		char msg[300];
		if (!r->body_len)
			snprintf(msg, sizeof msg,
			         "Send et JSON-objekt med Content-Type: "
			         "application/json.");
		else if (!obj)
			snprintf(msg, sizeof msg,
			         "Indholdet er ikke gyldig JSON (linje %d, tegn %d). Send et "
			         "JSON-objekt.",
			         je.line, je.column);
		else
			snprintf(msg, sizeof msg, "Indholdet skal være ét JSON-objekt {...}.");
		json_decref(obj);
		bad(p, 400, msg, NULL);
		return NULL;
	}
	json_t *fields = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v)
	{
		if (!json_is_string(v) && !json_is_integer(v) && !json_is_null(v))
			json_object_set_new(
			    fields, k,
			    json_string("Værdien skal være en tekst i anførselstegn, et "
			                "helt tal eller null."));
	}
	if (json_object_size(fields)) {
		json_decref(obj);
		bad(p, 400, "Nogle felter har en værdi af forkert type.", fields);
		return NULL;
	}
	json_decref(fields);
	return obj;
}

/* The form's errors as {"error", "fields"} with the status of rc. */
static int refused(struct web_resp *p, int rc, struct form *fm)
{
	json_t *doc = json_object();
	form_finish(fm, doc);
	json_t *errs = json_object_get(doc, "errors"), *fields = json_object();
	const char *first = NULL, *general = NULL;
	for (size_t i = 0; i < json_array_size(errs); i++) {
		json_t *x = json_array_get(errs, i);
		const char *f = json_string_value(json_object_get(x, "field"));
		const char *msg = json_string_value(json_object_get(x, "message"));
		if (!first)
			first = msg;
		if (!strcmp(f, "_")) {
			general = msg;
			continue;
		}
		const char *bare = unprefixed(f);
		if (!json_object_get(fields, bare ? bare : f))
			json_object_set_new(fields, bare ? bare : f, json_string(msg));
	}
	char msg[900];
	snprintf(msg, sizeof msg, "%s",
	         general ? general
	         : first ? first
	                 : "Ændringen kunne ikke gemmes. Intet er ændret. Prøv igen om lidt.");
	int status = wg_web_status(rc, fm);
	bad(p, status, msg, fields);
	json_decref(doc);
	return 0;
}

/* The group key as the API shows it after a change, with the hearing's answers. */
static int group(struct web_req *r, struct web_resp *p, const char *key, int status)
{
	struct wg w;
	int rc = store_wg_get(r->st, key, &w);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404,
		                 "Arbejdsgruppen »%s« findes ikke. Se "
		                 "/api/v1/working-groups.",
		                 key);
	struct reg reg;
	if (rc != FK_OK || web_load_register(r, &reg) != FK_OK) {
		if (rc == FK_OK) {
			wg_clear(&w);
			reg_free(&reg);
		}
		return web_error(r, p, 500, "Arbejdsgruppen kunne ikke læses. Prøv igen om lidt.");
	}
	p->doc = wg_json(r->app->model, r->app->mt, &reg, &w, r->today, web_private(r));
	p->status = status;
	reg_free(&reg);
	wg_clear(&w);
	return 0;
}

/* Runs an action (key NULL: a proposal) from the request body. */
static int act(struct web_req *r, struct web_resp *p, const char *key, const char *fixed)
{
	json_t *obj = read_body(r, p);
	if (!obj)
		return 0;
	struct jin j = {obj, json_object()};
	struct wg_input in = {json_get, &j};
	const char *action = fixed ? fixed : json_get(&j, "action");
	if (key && !fixed && (!action || !*action)) {
		json_decref(obj);
		json_decref(j.strs);
		json_t *f = json_pack("{s:s}", "action",
		                      "Angiv handlingen, fx \"decide\" eller \"member-add\".");
		return bad(p, 400, "Angiv, hvad der skal ske med arbejdsgruppen (\"action\").", f);
	}
	struct form fm;
	form_init(&fm);
	char newkey[24] = "";
	const char *flash;
	int rc = wg_web_act(r, key, action, &in, &fm, newkey, &flash);
	json_decref(obj);
	json_decref(j.strs);
	if (rc != FK_OK) {
		refused(p, rc, &fm);
		return 0;
	}
	form_free(&fm);
	return group(r, p, key ? key : newkey, key ? 200 : 201);
}

int api_wgs(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return act(r, p, NULL, NULL);
	struct wg *v;
	size_t n;
	if (store_wg_list(r->st, &v, &n) != FK_OK)
		return web_error(r, p, 500,
		                 "Arbejdsgrupperne kunne ikke læses. Prøv igen om lidt.");
	p->doc = wg_list_json(r->app->model, v, n, r->today);
	wg_list_free(v, n);
	p->cacheable = true;
	return 0;
}

int api_wg(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return act(r, p, r->param, NULL);
	int rc = group(r, p, r->param, 200);
	if (p->status == 200)
		p->cacheable = true;
	return rc;
}

int api_wg_answers(struct web_req *r, struct web_resp *p)
{
	return act(r, p, r->param, "answer");
}
