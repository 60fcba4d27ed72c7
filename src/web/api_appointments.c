/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /api/v1/appointments: every appointment, optionally of one body (?body=) or one person
 * (?person=), as {"appointments": [...]} in the columns of the appointments file (SPEC §5.2;
 * e-mail addresses for logged-in callers only).
 *
 * POST /api/v1/appointments: one appointment as a JSON object with those columns (strings;
 * email, municipality, profile and end may be null or ""; name may be left out for a person
 * who exists). It is checked exactly as a row of an imported file, against the register:
 * 201 with the stored appointment and its id; 400 with {"error", "fields": {column: why}} —
 * also for a malformed body, then with empty fields. An appointment of a person who does not
 * exist yet creates the person (name required). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/importer.h"
#include "core/report.h"
#include "store/apply.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

static const char *const columns_text =
    "person, name, email, organisation, municipality, body, seat, profile, start og end";

/* 400 {"error": msg, "fields": fields} (fields taken; NULL: {}). */
static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

/* ================================================================== GET */

static int list(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *qb = web_query(r, "body"), *qp = web_query(r, "person");
	int body = -1;
	if (qb && *qb && (body = model_body_index(m, qb)) < 0) {
		json_t *f = json_object();
		json_object_set_new(f, "body",
		                    json_string("Organet findes ikke i modellen. Se "
		                                "/api/v1/bodies for organernes id'er."));
		return bad_request(p, "Ukendt organ.", f);
	}
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	int32_t person = -1;
	if (qp && *qp && (person = reg_person_find(&reg, qp)) < 0) {
		reg_free(&reg);
		json_t *f = json_object();
		json_object_set_new(f, "person",
		                    json_string("Personen findes ikke. Se /api/v1/people "
		                                "for personernes id'er."));
		return bad_request(p, "Ukendt person.", f);
	}
	bool priv = web_private(r);
	json_t *arr = json_array();
	for (size_t i = 0; i < reg.nappts; i++) {
		const struct reg_appt *a = &reg.appts[i];
		if ((body >= 0 && a->body != body) || (person >= 0 && a->person != person))
			continue;
		json_array_append_new(arr, report_appt(m, &reg, a, priv));
	}
	reg_free(&reg);
	p->doc = json_pack("{s:o}", "appointments", arr);
	p->cacheable = true;
	return 0;
}

/* ================================================================== POST */

/* Reads the request object into in (pointing into obj) and reports every key that is not a
 * column or has a value of the wrong type in fields. municip holds the text of an integer
 * municipality. */
static void read_object(json_t *obj, struct imp_fields *in, char municip[16], json_t *fields)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int c = -1;
		for (int k = 0; k < COL__MAX; k++)
			if (!strcmp(key, imp_col_names[k]))
				c = k;
		if (c < 0) {
			char msg[300];
			snprintf(msg, sizeof msg, "Ukendt felt. Felterne hedder %s.", columns_text);
			json_object_set_new(fields, key, json_string(msg));
			continue;
		}
		if (json_is_string(v))
			in->v[c] = json_string_value(v);
		else if (json_is_null(v))
			in->v[c] = "";
		else if (c == COL_MUNIC && json_is_integer(v) && json_integer_value(v) >= 0 &&
		         json_integer_value(v) <= 9999) {
			snprintf(municip, 16, "%03d", (int)json_integer_value(v));
			in->v[c] = municip;
		} else
			json_object_set_new(
			    fields, key,
			    json_string("Værdien skal være en tekst i anførselstegn, "
			                "fx \"2027-01-01\", eller null."));
	}
}

/* The importer's diagnostics as {"column": why}, one per column (the first). */
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

static int create(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!obj || !json_is_object(obj)) {
		char msg[400];
		if (!r->body_len)
			snprintf(msg, sizeof msg,
			         "Send udpegningen som et JSON-objekt med Content-Type: "
			         "application/json "
			         "og felterne %s.",
			         columns_text);
		else if (!obj)
			snprintf(msg, sizeof msg,
			         "Indholdet er ikke gyldig JSON (linje %d, tegn %d). Send "
			         "udpegningen som "
			         "et JSON-objekt med felterne %s.",
			         je.line, je.column, columns_text);
		else
			snprintf(msg, sizeof msg,
			         "Indholdet skal være ét JSON-objekt {...} med felterne %s.",
			         columns_text);
		json_decref(obj);
		return bad_request(p, msg, NULL);
	}
	struct imp_fields in;
	memset(&in, 0, sizeof in);
	char municip[16];
	json_t *fields = json_object();
	read_object(obj, &in, municip, fields);
	if (json_object_size(fields)) {
		json_decref(obj);
		return bad_request(p, "Udpegningen er ikke gemt. Ret felterne, og send den igen.",
		                   fields);
	}

	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		json_decref(obj);
		json_decref(fields);
		return web_error(r, p, 500,
		                 "Registret kunne ikke læses. Intet er gemt. Prøv igen om lidt.");
	}
	/* A person who exists may be named by id alone. */
	int32_t pi = in.v[COL_PERSON] ? reg_person_find(&reg, in.v[COL_PERSON]) : -1;
	if (pi >= 0 && (!in.v[COL_NAME] || !*in.v[COL_NAME]))
		in.v[COL_NAME] = reg.persons[pi].name;

	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	int rc = imp_rows(m, r->app->mt, &reg, &in, 1, NULL, &plan, &d);
	if (rc != FK_OK) {
		json_decref(fields);
		fields = diag_fields(&d);
		if (pi < 0 && json_object_get(fields, "name") && in.v[COL_PERSON] &&
		    *in.v[COL_PERSON] && (!in.v[COL_NAME] || !*in.v[COL_NAME]))
			json_object_set_new(
			    fields, "name",
			    json_string("Personen findes ikke i registret, så udpegningen "
			                "opretter den: skriv personens fulde navn."));
	} else if (plan.unchanged || (plan.nappts && plan.appts[0].a.id)) {
		json_object_set_new(
		    fields, "start",
		    json_string("Personen er allerede udpeget til organet fra denne "
		                "dato. En udpegning rettes ikke her; vælg en anden "
		                "startdato."));
		rc = FK_EINPUT;
	}
	diags_free(&d);
	if (rc != FK_OK) {
		imp_plan_free(&plan);
		reg_free(&reg);
		json_decref(obj);
		return bad_request(p, "Udpegningen er ikke gemt. Ret felterne, og send den igen.",
		                   fields);
	}
	json_decref(fields);

	struct reg_appt a = plan.appts[0].a;
	char *key = xstrdup(plan.persons[a.person].key);
	rc = store_apply_plan(r->st, r->user.login, m, &plan, NULL, NULL);
	imp_plan_free(&plan);
	reg_free(&reg);
	json_decref(obj);
	if (rc != FK_OK) {
		free(key);
		return web_error(
		    r, p, 500,
		    "Udpegningen kunne ikke gemmes på grund af en fejl i databasen. Intet er "
		    "gemt. Prøv igen om lidt.");
	}
	/* The stored row, with its id: one appointment per person, body and start. */
	const struct reg_appt *stored = NULL;
	if (web_load_register(r, &reg) == FK_OK) {
		int32_t np = reg_person_find(&reg, key);
		for (size_t i = 0; i < reg.nappts && !stored; i++)
			if (reg.appts[i].person == np && reg.appts[i].body == a.body &&
			    reg.appts[i].start == a.start)
				stored = &reg.appts[i];
	}
	free(key);
	if (!stored) {
		reg_free(&reg);
		return web_error(r, p, 500, "Udpegningen er gemt, men kunne ikke læses igen.");
	}
	p->status = 201;
	p->doc = report_appt(m, &reg, stored, true);
	reg_free(&reg);
	return 0;
}

int api_appointments(struct web_req *r, struct web_resp *p)
{
	return r->method == WM_POST ? create(r, p) : list(r, p);
}

/* POST /api/v1/appointments/{id}/delete {"reason": "..."}: deletes an appointment entered by
 * mistake (store_appt_delete; the reason goes to the audit log). 200 {"deleted": id,
 * "person", "body", "start"}; 400 {"error", "fields": {"reason": why}}; 404. */
int api_appt_delete(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	const char *reason = json_string_value(json_object_get(obj, "reason"));
	if (!obj || !json_is_object(obj) || !reason || !reason[strspn(reason, " \t\r\n")]) {
		json_decref(obj);
		json_t *f = json_object();
		json_object_set_new(f, "reason",
		                    json_string("Skriv, hvorfor udpegningen slettes, fx \"Oprettet på "
		                                "den forkerte person\". Begrundelsen gemmes i "
		                                "revisionsloggen."));
		return bad_request(p, "Udpegningen er ikke slettet.", f);
	}
	char *why = xstrdup(reason);
	json_decref(obj);
	char *end;
	long long id = strtoll(r->param, &end, 10);
	struct reg reg;
	const struct reg_appt *a = NULL;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		free(why);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	for (size_t i = 0; !*end && id > 0 && i < reg.nappts && !a; i++)
		if (reg.appts[i].id == id)
			a = &reg.appts[i];
	if (!a) {
		reg_free(&reg);
		free(why);
		return web_error(r, p, 404, "Udpegningen findes ikke. Se /api/v1/appointments.");
	}
	char start[11];
	date_format(a->start, start);
	json_t *doc = json_pack("{s:I, s:s, s:s, s:s}", "deleted", (json_int_t)id, "person",
	                        reg.persons[a->person].key, "body", m->bodies[a->body].id,
	                        "start", start);
	reg_free(&reg);
	int rc = store_appt_delete(r->st, r->user.login, m, id, why);
	free(why);
	if (rc != FK_OK) {
		json_decref(doc);
		return web_error(r, p, rc == FK_ENOTFOUND ? 404 : 500,
		                 rc == FK_ENOTFOUND ? "Udpegningen findes ikke."
		                                    : "Udpegningen kunne ikke slettes. Prøv igen om lidt.");
	}
	p->doc = doc;
	return 0;
}
