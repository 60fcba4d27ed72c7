/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The register as JSON: GET /api/v1/bodies, /api/v1/bodies/{id}, /api/v1/people and
 * /api/v1/people/{id}.
 *
 * Composition is public (SPEC §5.4): names, municipality, organisation, profile and term are
 * answered without a login. What needs a login is added only for logged-in callers (a session
 * or a bearer token): "email" on people and members, "findings" on bodies. Every other key is
 * always present, null when it has no value. All four take ?date=YYYY-MM-DD (default today):
 * the day the composition is read on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "store/check_all.h"
#include "util/slug.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

/* Reads ?date=; on a bad date sets a 400 and returns -1. */
static int query_date(struct web_req *r, struct web_resp *p, fk_date *d)
{
	const char *s = web_query(r, "date");
	*d = r->today;
	if (!s || !*s)
		return 0;
	if (date_parse(s, strlen(s), d) != 0) {
		web_error(r, p, 400, "date skal være en dato på formen ÅÅÅÅ-MM-DD, fx 2027-03-01.");
		return -1;
	}
	return 0;
}

/* Loads the register; on failure sets a 500 and returns -1 (reg is then freed). */
static int load(struct web_req *r, struct web_resp *p, struct reg *reg)
{
	if (web_load_register(r, reg) != FK_OK) {
		reg_free(reg);
		web_error(r, p, 500, "Registret kunne ikke læses.");
		return -1;
	}
	return 0;
}

/* GET /api/v1/bodies: {"date", "bodies": [body, ...]}, every body of the model in model order,
 * each as GET /api/v1/bodies/{id} gives it but without "history" and "timeline" (so that the
 * list stays small on a register with decades of appointments). */
int api_bodies(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	fk_date d;
	struct reg reg;
	if (query_date(r, p, &d) || load(r, p, &reg))
		return 0;
	bool priv = web_private(r);
	struct findings f;
	findings_init(&f);
	if (priv)
		(void)check_all(r->st, m, r->app->mt, &reg, d, &f);
	json_t *arr = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		json_t *o = report_body(m, r->app->mt, &reg, (int)i, d, priv ? &f : NULL, priv);
		json_object_del(o, "history");
		json_array_append_new(arr, o);
	}
	findings_free(&f);
	reg_free(&reg);
	p->doc = json_pack("{s:o, s:o}", "date", report_date(d), "bodies", arr);
	p->cacheable = true;
	return 0;
}

/* GET /api/v1/bodies/{id}: the body (report_body, with "history": its past appointments) and
 * its timeline (report_timeline). */
int api_body(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	int b = model_body_index(m, r->param);
	if (b < 0)
		return web_error(r, p, 404, "Organet »%s« findes ikke. Se /api/v1/bodies.",
		                 r->param);
	fk_date d;
	struct reg reg;
	if (query_date(r, p, &d) || load(r, p, &reg))
		return 0;
	bool priv = web_private(r);
	struct findings f;
	findings_init(&f);
	if (priv)
		(void)check_all(r->st, m, r->app->mt, &reg, d, &f);
	json_t *o = report_body(m, r->app->mt, &reg, b, d, priv ? &f : NULL, priv);
	json_object_set_new(o, "timeline", report_timeline(m, &reg, b, d));
	findings_free(&f);
	reg_free(&reg);
	p->doc = o;
	p->cacheable = true;
	return 0;
}

/* Reads ?name= as a whole number 0..1000000000 (absent: *out unchanged); on a bad value sets
 * a 400 and returns -1. */
static int query_count(struct web_req *r, struct web_resp *p, const char *name, size_t *out)
{
	const char *s = web_query(r, name);
	if (!s || !*s)
		return 0;
	size_t v = 0, n = 0;
	for (; s[n] >= '0' && s[n] <= '9' && n < 10; n++)
		v = v * 10 + (size_t)(s[n] - '0');
	if (s[n] || v > 1000000000) {
		web_error(r, p, 400, "%s skal være et helt tal fra 0 til 1000000000.", name);
		return -1;
	}
	*out = v;
	return 0;
}

/* ================================================================== corrections (POST) */

/* 400 {"error": msg, "fields": fields (taken; NULL: {})}. */
static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

/* The request's JSON object, or NULL after answering 400. */
static json_t *json_body(struct web_req *r, struct web_resp *p, const char *what)
{
	json_error_t je;
	json_t *o = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (o && json_is_object(o))
		return o;
	json_decref(o);
	char msg[300];
	snprintf(msg, sizeof msg,
	         "Send %s som ét JSON-objekt {...} med Content-Type: application/json.", what);
	bad_request(p, msg, NULL);
	return NULL;
}

/* Member key of o as a string: *out the text (NULL when absent or null); false after
 * noting a wrong type in fields. */
static bool get_str(json_t *o, const char *key, const char **out, json_t *fields)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return true;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return true;
	}
	json_object_set_new(fields, key, json_string("Værdien skal være en tekst i anførselstegn."));
	return false;
}

/* Checks name (required when need_name) and email into fields. */
static void check_fields(const char *name, const char *email, bool need_name, json_t *fields)
{
	char why[300];
	if ((name || need_name) && reg_check_name(name, why, sizeof why))
		json_object_set_new(fields, "name", form_text(why));
	if (email && reg_check_email(email, why, sizeof why))
		json_object_set_new(fields, "email", form_text(why));
}

/* [{person, name, email, why}] of the likely duplicates, NULL when none. */
static json_t *similar(const struct reg *reg, const char *name, const char *email,
                       int32_t except)
{
	int32_t v[8];
	size_t n = reg_person_similar(reg, name, email, except, v, 8);
	if (!n)
		return NULL;
	json_t *arr = json_array();
	for (size_t i = 0; i < n && i < 8; i++) {
		const struct reg_person *x = &reg->persons[v[i]];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:o}", "person", x->key, "name",
		                                     x->name, "email", report_str(x->email)));
	}
	return arr;
}

static bool key_taken(void *arg, const char *id)
{
	return reg_person_find(arg, id) >= 0;
}

static bool valid_key(const char *s)
{
	if (!*s || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* POST /api/v1/people {"person"?, "name", "email"?, "confirm"?}: a new person; the id is
 * made from the name when not given. 201 with the person; 409 {"error", "similar": [...]}
 * when someone has the same name or e-mail, unless "confirm": true; 400 with fields. */
static int person_create(struct web_req *r, struct web_resp *p)
{
	json_t *o = json_body(r, p, "personen");
	if (!o)
		return 0;
	json_t *fields = json_object();
	const char *key, *name, *email;
	get_str(o, "person", &key, fields);
	get_str(o, "name", &name, fields);
	get_str(o, "email", &email, fields);
	bool confirm = json_is_true(json_object_get(o, "confirm"));
	check_fields(name, email, true, fields);
	if (key && *key && !valid_key(key))
		json_object_set_new(fields, "person",
		                    json_string("Id'et må kun indeholde a-z, A-Z, tal, - og _ (højst 64 "
		                                "tegn). Udelad det, så laves det af navnet."));
	if (json_object_size(fields)) {
		json_decref(o);
		return bad_request(p, "Personen er ikke oprettet. Ret felterne, og send den igen.",
		                   fields);
	}
	json_decref(fields);
	struct reg reg;
	reg_init(&reg);
	int rc = store_begin(r->st);
	if (rc == FK_OK)
		rc = store_load_register(r->st, r->app->model, &reg);
	char made[64];
	if (rc == FK_OK && !(key && *key)) {
		slug_unique(name, "person", key_taken, &reg, made, sizeof made);
		key = made;
	}
	json_t *sim = rc == FK_OK && !confirm ? similar(&reg, name, email, -1) : NULL;
	if (rc == FK_OK && reg_person_find(&reg, key) >= 0) {
		store_rollback(r->st);
		p->status = 409;
		p->doc = json_pack("{s:s, s:o}", "error", "Der findes allerede en person med det id.",
		                   "similar", json_array());
	} else if (sim) {
		store_rollback(r->st);
		p->status = 409;
		p->doc = json_pack("{s:s, s:o}", "error",
		                   "Der findes allerede en person med samme navn eller e-mail. Er det "
		                   "en anden person, så send igen med \"confirm\": true.",
		                   "similar", sim);
	} else if (rc == FK_OK &&
	           (rc = store_person_put(r->st, r->user.login, key, name,
	                                  email && *email ? email : NULL, NULL)) == FK_OK &&
	           (rc = store_commit(r->st)) == FK_OK) {
		p->status = 201;
		p->doc = json_pack("{s:s, s:s, s:o}", "person", key, "name", name, "email",
		                   report_str(email && *email ? email : NULL));
	} else {
		store_rollback(r->st);
		web_error(r, p, 500, "Personen kunne ikke gemmes. Intet er gemt. Prøv igen om lidt.");
	}
	reg_free(&reg);
	json_decref(o);
	return 0;
}

/* POST /api/v1/people/{key} {"name"?, "email"?}: corrects name and e-mail (an absent member
 * stays, null or "" removes the e-mail). 200 with the person as GET gives it and "similar"
 * (the others with the same name or e-mail; [] when none); 400 with fields; 404. */
static int person_edit(struct web_req *r, struct web_resp *p)
{
	json_t *o = json_body(r, p, "rettelsen");
	if (!o)
		return 0;
	json_t *fields = json_object();
	const char *name, *email;
	get_str(o, "name", &name, fields);
	get_str(o, "email", &email, fields);
	bool has_email = json_object_get(o, "email") != NULL;
	check_fields(name, email, false, fields);
	if (!name && !has_email && !json_object_size(fields))
		json_object_set_new(fields, "name", json_string("Send name og/eller email."));
	if (json_object_size(fields)) {
		json_decref(o);
		return bad_request(p, "Personen er ikke rettet. Ret felterne, og send igen.", fields);
	}
	json_decref(fields);
	struct reg reg;
	if (load(r, p, &reg)) {
		json_decref(o);
		return 0;
	}
	int32_t who = reg_person_find(&reg, r->param);
	if (who < 0) {
		reg_free(&reg);
		json_decref(o);
		return web_error(r, p, 404, "Personen »%s« findes ikke. Se /api/v1/people.",
		                 r->param);
	}
	const struct reg_person *x = &reg.persons[who];
	char *nn = xstrdup(name ? name : x->name);
	char *ne = has_email ? (email && *email ? xstrdup(email) : NULL)
	                     : (x->email ? xstrdup(x->email) : NULL);
	int rc = store_person_put(r->st, r->user.login, x->key, nn, ne, NULL);
	json_decref(o);
	reg_free(&reg);
	if (rc != FK_OK) {
		free(nn);
		free(ne);
		return web_error(r, p, 500, "Rettelsen kunne ikke gemmes. Prøv igen om lidt.");
	}
	if (load(r, p, &reg)) {
		free(nn);
		free(ne);
		return 0;
	}
	who = reg_person_find(&reg, r->param);
	p->doc = report_person(r->app->model, r->app->mt, &reg, who, r->today, true);
	json_t *sim = similar(&reg, nn, ne, who);
	json_object_set_new(p->doc, "similar", sim ? sim : json_array());
	free(nn);
	free(ne);
	reg_free(&reg);
	return 0;
}

/* POST /api/v1/people/{keep}/merge {"gone": key}: store_person_merge. 200 {"person": keep,
 * "merged": gone, "moved": N}; 400 {"error", "fields": {"gone": why}}; 404 for keep. */
int api_person_merge(struct web_req *r, struct web_resp *p)
{
	json_t *o = json_body(r, p, "sammenlægningen");
	if (!o)
		return 0;
	json_t *fields = json_object();
	const char *gone;
	get_str(o, "gone", &gone, fields);
	if (!gone || !*gone) {
		json_decref(o);
		json_object_set_new(fields, "gone",
		                    json_string("Send id'et på den person, der skal fjernes."));
		return bad_request(p, "Personerne er ikke lagt sammen.", fields);
	}
	struct reg reg;
	if (load(r, p, &reg)) {
		json_decref(o);
		json_decref(fields);
		return 0;
	}
	bool keep_exists = reg_person_find(&reg, r->param) >= 0;
	reg_free(&reg);
	if (!keep_exists) {
		json_decref(o);
		json_decref(fields);
		return web_error(r, p, 404, "Personen »%s« findes ikke. Se /api/v1/people.",
		                 r->param);
	}
	char why[400] = "";
	size_t moved = 0;
	char *g = xstrdup(gone);
	json_decref(o);
	int rc = store_person_merge(r->st, r->user.login, r->app->model, r->param, g, &moved, why,
	                            sizeof why);
	if (rc == FK_OK) {
		p->doc = json_pack("{s:s, s:s, s:I}", "person", r->param, "merged", g, "moved",
		                   (json_int_t)moved);
		free(g);
		json_decref(fields);
		return 0;
	}
	free(g);
	if (rc == FK_ENOTFOUND || rc == FK_EINPUT || rc == FK_ECONFLICT) {
		json_object_set_new(fields, "gone", form_text(why));
		return bad_request(p, "Personerne er ikke lagt sammen.", fields);
	}
	json_decref(fields);
	return web_error(r, p, 500, "Personerne kunne ikke lægges sammen. Intet er ændret.");
}

/* GET /api/v1/people[?q=TEXT][&body=ID][&past=1][&offset=N][&limit=N]: report_people
 * (limit 0 or absent: everyone from offset on). POST: person_create. */
int api_people(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return person_create(r, p);
	const struct model *m = r->app->model;
	const char *bid = web_query(r, "body"), *past = web_query(r, "past");
	int b = -1;
	if (bid && *bid && (b = model_body_index(m, bid)) < 0)
		return web_error(r, p, 400, "body: organet »%s« findes ikke. Se /api/v1/bodies.",
		                 bid);
	if (past && *past && strcmp(past, "1") && strcmp(past, "0") && strcmp(past, "true") &&
	    strcmp(past, "false"))
		return web_error(r, p, 400, "past skal være 1, 0, true eller false.");
	size_t offset = 0, limit = 0;
	if (query_count(r, p, "offset", &offset) || query_count(r, p, "limit", &limit))
		return 0;
	fk_date d;
	struct reg reg;
	if (query_date(r, p, &d) || load(r, p, &reg))
		return 0;
	p->doc = report_people(m, r->app->mt, &reg, d, web_query(r, "q"), b,
	                       past && (!strcmp(past, "1") || !strcmp(past, "true")), offset, limit,
	                       web_private(r));
	reg_free(&reg);
	p->cacheable = true;
	return 0;
}

/* GET /api/v1/people/{key}: report_person. POST: person_edit. */
int api_person(struct web_req *r, struct web_resp *p)
{
	if (r->method == WM_POST)
		return person_edit(r, p);
	fk_date d;
	struct reg reg;
	if (query_date(r, p, &d) || load(r, p, &reg))
		return 0;
	int32_t who = reg_person_find(&reg, r->param);
	if (who < 0) {
		reg_free(&reg);
		return web_error(r, p, 404, "Personen »%s« findes ikke. Se /api/v1/people.",
		                 r->param);
	}
	p->doc = report_person(r->app->model, r->app->mt, &reg, who, d, web_private(r));
	reg_free(&reg);
	p->cacheable = true;
	return 0;
}
