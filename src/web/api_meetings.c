/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The meetings as JSON (issue 5):
 *   GET  /api/v1/meetings?year=            {"year", "meetings": [meeting]} (agenda_meeting_json)
 *   GET  /api/v1/meetings/{id}             the meeting with items and proposals, as far as
 *                                          the user may read them (visible.h): before
 *                                          dispatch a member sees their own proposals and
 *                                          the material of the items that concern them;
 *                                          minutes once approved
 *   POST /api/v1/meetings/{id}/proposals   {"title", "text", "kind"?, "minutes"?, "person"?}
 *                                          (person: the secretariat only; a member proposes
 *                                          as the person of the account, and only while
 *                                          sitting in the steering group, else 403) -> 201
 *                                          the proposal
 *   GET  /api/v1/decisions?q=&year=        {"query", "year", "decisions": [...]}: the minutes
 *                                          matching every word of q (without q: of year;
 *                                          neither: none); viewers and members see
 *                                          published minutes only
 * Bad input: 400 {"error", "fields": {name: why}}; after the proposal deadline the Danish
 * message with the deadline and whom to contact is in fields.deadline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "util/err.h"
#include "web/pages.h"
#include "web/visible.h"

static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

/* ?year=: 0 absent; -1 bad. */
static int api_year(const struct web_req *r)
{
	const char *q = web_query(r, "year");
	if (!q || !*q)
		return 0;
	char *end;
	long v = strtol(q, &end, 10);
	return *end || v < 1900 || v > 2199 ? -1 : (int)v;
}

int api_meetings(struct web_req *r, struct web_resp *p)
{
	int year = api_year(r);
	if (year < 0)
		return bad_request(
		    p, "Året skal skrives med fire cifre, fx 2027.",
		    json_pack("{s:s}", "year", "Skriv året med fire cifre, fx 2027."));
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(r->st, year, false, &v, &n) != FK_OK)
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, agenda_meeting_json(&v[i], false));
	meetings_free(v, n);
	p->doc =
	    json_pack("{s:o, s:o}", "year", year ? json_integer(year) : json_null(), "meetings", a);
	return 0;
}

/* The meeting as JSON for the user of r, without what they may not read (visible.h);
 * NULL when that cannot be decided. */
static json_t *meeting_for(struct web_req *r, const struct meeting *mt)
{
	struct meeting_view v;
	json_t *o = NULL;
	if (meeting_view_init(r, mt, &v) == FK_OK) {
		o = agenda_meeting_json(mt, true);
		meeting_view_json(&v, o);
	}
	meeting_view_free(&v);
	return o;
}

int api_meeting(struct web_req *r, struct web_resp *p)
{
	long id;
	struct meeting mt;
	if (!web_whole(r->param, 1L << 30, &id) || store_meeting_get(r->st, id, &mt) != FK_OK)
		return web_error(r, p, 404, "Mødet findes ikke.");
	p->doc = meeting_for(r, &mt);
	meeting_free(&mt);
	if (!p->doc)
		return web_error(r, p, 500, "Mødet kunne ikke læses. Prøv igen om lidt.");
	return 0;
}

int api_meeting_proposals(struct web_req *r, struct web_resp *p)
{
	long id;
	struct meeting mt;
	if (!web_whole(r->param, 1L << 30, &id) || store_meeting_get(r->st, id, &mt) != FK_OK)
		return web_error(r, p, 404, "Mødet findes ikke.");
	meeting_free(&mt);
	/* A member proposes only while sitting in the steering group (a member without a
	 * person gets the field error below). */
	bool may;
	char refusal[320];
	if (meeting_may_propose(r, &may, refusal, sizeof refusal) != FK_OK)
		return web_error(r, p, 500, "Forslaget kunne ikke gemmes. Prøv igen om lidt.");
	if (!may && r->user.person[0])
		return web_error(r, p, 403, "%s", refusal);
	json_error_t je;
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!obj || !json_is_object(obj)) {
		json_decref(obj);
		return bad_request(p,
		                   "Send forslaget som et JSON-objekt med title og text og "
		                   "Content-Type: application/json.",
		                   NULL);
	}
	json_t *fields = json_object();
	static const char *const names[] = {"title", "text", "kind", "person"};
	const char *val[4] = {NULL, NULL, NULL, NULL};
	const char *key;
	json_t *v;
	int minutes = 0;
	json_object_foreach(obj, key, v)
	{
		size_t k = 0;
		while (k < 4 && strcmp(key, names[k]))
			k++;
		if (k < 4) {
			if (json_is_string(v))
				val[k] = json_string_value(v);
			else if (!json_is_null(v))
				json_object_set_new(fields, key,
				                    json_string("Skal være en tekst."));
		} else if (!strcmp(key, "minutes")) {
			if (json_is_integer(v) && json_integer_value(v) > 0 &&
			    json_integer_value(v) <= 24 * 60)
				minutes = (int)json_integer_value(v);
			else if (!json_is_null(v))
				json_object_set_new(
				    fields, key,
				    json_string("Skriv antal minutter som et helt tal, fx 15."));
		} else {
			json_object_set_new(fields, key, json_string("Ukendt felt."));
		}
	}
	if ((!val[0] || !*val[0]) && !json_object_get(fields, "title"))
		json_object_set_new(fields, "title",
		                    json_string("Skriv en overskrift til forslaget."));
	if ((!val[1] || !*val[1]) && !json_object_get(fields, "text"))
		json_object_set_new(fields, "text", json_string("Beskriv forslaget."));
	const char *person = r->user.person;
	if (val[3] && r->user.role != ROLE_ADMIN)
		json_object_set_new(
		    fields, "person",
		    json_string("Du kan kun sende forslag i eget navn. Udelad feltet."));
	else if (val[3])
		person = val[3];
	if (!*person && !json_object_get(fields, "person"))
		json_object_set_new(fields, "person",
		                    json_string(r->user.role == ROLE_ADMIN
		                                    ? "Angiv person: den, forslaget kommer fra."
		                                    : "Din konto er ikke knyttet til en person. "
		                                      "Kontakt sekretariatet."));
	if (json_object_size(fields)) {
		json_decref(obj);
		return bad_request(p, "Forslaget er ikke sendt. Ret felterne.", fields);
	}
	json_decref(fields);
	struct diags d;
	diags_init(&d);
	int64_t pid = 0;
	int rc = store_proposal_add(r->st, r->user.login, r->app->model, id, person,
	                            val[0] ? val[0] : "", val[1] ? val[1] : "", val[2], minutes,
	                            r->today, r->user.role == ROLE_ADMIN, &pid, &d);
	json_decref(obj);
	if (rc != FK_OK) {
		json_t *f = json_object();
		const char *first = d.n ? d.v[0].msg : "Forslaget kunne ikke gemmes.";
		for (size_t i = 0; i < d.n; i++) {
			const char *fld = d.v[i].field ? d.v[i].field : "_";
			if (!strcmp(fld, "date"))
				fld = "deadline";
			if (!json_object_get(f, fld))
				json_object_set_new(f, fld, json_string(d.v[i].msg));
		}
		int status = rc == FK_EINPUT || rc == FK_ENOTFOUND ? 400 : 500;
		if (status == 400)
			bad_request(p, first, f);
		else {
			json_decref(f);
			web_error(r, p, 500, "Forslaget kunne ikke gemmes. Prøv igen om lidt.");
		}
		diags_free(&d);
		return 0;
	}
	diags_free(&d);
	if (store_meeting_get(r->st, id, &mt) != FK_OK)
		return web_error(r, p, 500, "Forslaget kunne ikke læses tilbage.");
	json_t *all = meeting_for(r, &mt), *props = all ? json_object_get(all, "proposals") : NULL;
	for (size_t i = 0; i < json_array_size(props); i++) {
		json_t *x = json_array_get(props, i);
		if (json_integer_value(json_object_get(x, "id")) == pid)
			p->doc = json_incref(x);
	}
	json_decref(all);
	meeting_free(&mt);
	p->status = 201;
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/meetings/%ld", id);
	web_resp_header(p, "Location", loc);
	return 0;
}

struct hits {
	json_t *arr;
};

static int hit(const struct store_decision *x, void *arg)
{
	struct hits *h = arg;
	json_array_append_new(h->arr, json_pack("{s:I, s:i, s:i, s:s, s:s, s:i, s:s, s:s?, s:s?}",
	                                        "meeting", (json_int_t)x->meeting, "year", x->year,
	                                        "number", x->number, "date", x->date, "state",
	                                        x->state, "item", x->pos, "title", x->title,
	                                        "outcome", x->outcome, "text", x->text));
	return 0;
}

int api_decisions(struct web_req *r, struct web_resp *p)
{
	int year = api_year(r);
	if (year < 0)
		return bad_request(
		    p, "Året skal skrives med fire cifre, fx 2027.",
		    json_pack("{s:s}", "year", "Skriv året med fire cifre, fx 2027."));
	const char *q = web_query(r, "q");
	struct hits h = {json_array()};
	char ys[16];
	snprintf(ys, sizeof ys, "%d", year);
	/* Without q: the decisions of ?year= (the log is searched by year too), or none. */
	const char *text = q && *q ? q : year ? ys : NULL;
	int rc = text ? store_decision_search(r->st, text, year, r->user.role != ROLE_ADMIN, 500,
	                                      hit, &h)
	              : FK_OK;
	if (rc == FK_EINPUT) {
		json_decref(h.arr);
		return bad_request(p, "Skriv mindst ét ord at søge efter.",
		                   json_pack("{s:s}", "q", "Skriv mindst ét ord at søge efter."));
	}
	if (rc != FK_OK) {
		json_decref(h.arr);
		return web_error(r, p, 500, "Søgningen kunne ikke gennemføres. Prøv igen om lidt.");
	}
	p->doc = json_pack("{s:s?, s:o, s:o}", "query", q && *q ? q : NULL, "year",
	                   year ? json_integer(year) : json_null(), "decisions", h.arr);
	return 0;
}
