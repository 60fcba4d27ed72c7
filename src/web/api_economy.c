/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The JSON API of the economy and the portfolio:
 *   GET  /api/v1/economy/frame?year=Y    the frame of Y (default this year), exactly as
 *                                         `fkigov economy frame Y --json`
 *   GET  /api/v1/economy/report?year=Y   the report of Y, as `fkigov economy report Y --json`
 *   GET  /api/v1/initiatives             the portfolio, as `fkigov initiative list --json`
 *   GET  /api/v1/initiatives/{id}        one initiative, as `fkigov initiative show ID --json`
 *   POST /api/v1/economy/allocations     an allocation of a year's frame to a special
 *                                         initiative: {"initiative", "year", "ore" or "kr",
 *                                         "decision", "date"?}; 201 with the allocation and the
 *                                         frame after it; 400 {"error", "fields"} and, when the
 *                                         frame would be exceeded, "over_ore". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/initiative.h"
#include "util/err.h"
#include "web/form.h"
#include "web/pages.h"

/* 400 {"error": msg, "fields": fields} (fields taken; NULL: {}). */
static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:o, s:o}", "error", form_text(msg), "fields",
	                   fields ? fields : json_object());
	return 0;
}

static int bad_field(struct web_resp *p, const char *msg, const char *field, const char *why)
{
	json_t *f = json_object();
	json_object_set_new(f, field, form_text(why));
	return bad_request(p, msg, f);
}

static int load(struct web_req *r, struct web_resp *p, struct econ *e)
{
	econ_init(e, r->app->model->rate_ore);
	if (store_econ_load(r->st, r->app->mt, e) == FK_OK)
		return 0;
	econ_free(e);
	web_error(r, p, 500, "Økonomien kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

/* ================================================================== frame, report */

static int frame_or_report(struct web_req *r, struct web_resp *p, bool report)
{
	int year = date_year(r->today);
	const char *q = web_query(r, "year");
	if (q && econ_parse_year(q, &year) != 0) {
		char why[200];
		snprintf(why, sizeof why,
		         "Skriv året med fire cifre mellem %d og %d, fx year=2027.", ECON_YEAR_MIN,
		         ECON_YEAR_MAX);
		return bad_field(p, "Året er ikke gyldigt.", "year", why);
	}
	struct econ e;
	if (load(r, p, &e))
		return 0;
	struct econ_frame f;
	char why[1024];
	if (econ_frame(&e, year, &f, why, sizeof why) != 0) {
		econ_free(&e);
		return bad_field(p, why, "year", why);
	}
	p->doc = report ? econ_report_json(&e, r->app->model, r->app->mt, &f) : econ_frame_json(&f);
	econ_free(&e);
	return 0;
}

int api_economy_frame(struct web_req *r, struct web_resp *p)
{
	return frame_or_report(r, p, false);
}

int api_economy_report(struct web_req *r, struct web_resp *p)
{
	return frame_or_report(r, p, true);
}

/* ================================================================== initiatives */

int api_initiatives(struct web_req *r, struct web_resp *p)
{
	struct econ e;
	if (load(r, p, &e))
		return 0;
	p->doc = portfolio_json(&e, r->app->model, r->today);
	econ_free(&e);
	return 0;
}

int api_initiative(struct web_req *r, struct web_resp *p)
{
	struct econ e;
	if (load(r, p, &e))
		return 0;
	int32_t i = econ_initiative_find(&e, r->param);
	if (i < 0) {
		econ_free(&e);
		return web_error(
		    r, p, 404,
		    "Initiativet findes ikke. Se /api/v1/initiatives for initiativernes "
		    "id'er.");
	}
	p->doc = initiative_json(&e, r->app->model, i, r->today, true);
	econ_free(&e);
	return 0;
}

/* ================================================================== POST allocations */

static const char *const alloc_keys = "initiative, year, ore eller kr, decision og date";

int api_economy_allocations(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	json_error_t je;
	memset(&je, 0, sizeof je);
	json_t *obj = r->body && r->body_len ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!obj || !json_is_object(obj)) {
		char msg[400];
		if (!r->body_len)
			snprintf(msg, sizeof msg,
			         "Send bevillingen som et JSON-objekt med Content-Type: "
			         "application/json "
			         "og felterne %s.",
			         alloc_keys);
		else if (!obj)
			snprintf(msg, sizeof msg,
			         "Indholdet er ikke gyldig JSON (linje %d, tegn %d). Send "
			         "bevillingen som "
			         "et JSON-objekt med felterne %s.",
			         je.line, je.column, alloc_keys);
		else
			snprintf(msg, sizeof msg,
			         "Indholdet skal være ét JSON-objekt {...} med felterne %s.",
			         alloc_keys);
		json_decref(obj);
		return bad_request(p, msg, NULL);
	}
	json_t *fields = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		if (strcmp(key, "initiative") && strcmp(key, "year") && strcmp(key, "ore") &&
		    strcmp(key, "kr") && strcmp(key, "decision") && strcmp(key, "date")) {
			char msg[200];
			snprintf(msg, sizeof msg, "Ukendt felt. Felterne hedder %s.", alloc_keys);
			json_object_set_new(fields, key, json_string(msg));
		}
	}
	/* initiative */
	json_t *ji = json_object_get(obj, "initiative");
	const char *ini = json_is_string(ji) ? json_string_value(ji) : NULL;
	if (!ini || !*ini)
		json_object_set_new(fields, "initiative",
		                    json_string("Skriv id'et på den særlige indsats som tekst, fx "
		                                "\"fki-2027-01\". Se /api/v1/initiatives."));
	/* year: an integer or its text */
	int year = 0;
	json_t *jy = json_object_get(obj, "year");
	bool year_ok = false;
	if (json_is_integer(jy) && json_integer_value(jy) >= ECON_YEAR_MIN &&
	    json_integer_value(jy) <= ECON_YEAR_MAX) {
		year = (int)json_integer_value(jy);
		year_ok = true;
	} else if (json_is_string(jy) && econ_parse_year(json_string_value(jy), &year) == 0) {
		year_ok = true;
	}
	if (!year_ok) {
		char msg[200];
		snprintf(msg, sizeof msg, "Skriv året som et heltal mellem %d og %d, fx 2027.",
		         ECON_YEAR_MIN, ECON_YEAR_MAX);
		json_object_set_new(fields, "year", json_string(msg));
	}
	/* the amount: ore (a whole number) or kr (text as people write it, or whole kroner) */
	json_t *jo = json_object_get(obj, "ore"), *jk = json_object_get(obj, "kr");
	int64_t ore = 0;
	char why[300];
	if (jo && jk) {
		json_object_set_new(
		    fields, "ore",
		    json_string("Send beløbet enten som ore eller som kr, ikke begge."));
	} else if (jo) {
		if (!json_is_integer(jo) || json_integer_value(jo) <= 0 ||
		    json_integer_value(jo) > ECON_ORE_MAX)
			json_object_set_new(
			    fields, "ore",
			    json_string("Skriv beløbet i hele øre som et positivt heltal, fx "
			                "123450 for 1.234,50 kr."));
		else
			ore = json_integer_value(jo);
	} else if (jk) {
		if (json_is_integer(jk) && json_integer_value(jk) > 0 &&
		    json_integer_value(jk) <= ECON_ORE_MAX / 100) {
			ore = json_integer_value(jk) * 100;
		} else if (json_is_string(jk)) {
			if (econ_parse_kr(json_string_value(jk), &ore, why, sizeof why) != 0)
				json_object_set_new(fields, "kr", form_text(why));
			else if (ore <= 0)
				json_object_set_new(
				    fields, "kr",
				    json_string("Beløbet skal være større end 0 kr."));
		} else {
			json_object_set_new(
			    fields, "kr",
			    json_string("Skriv beløbet i kroner som tekst, fx \"1.234,50\", "
			                "eller i hele øre i ore."));
		}
	} else {
		json_object_set_new(
		    fields, "ore",
		    json_string("Angiv beløbet i ore (hele øre) eller kr (fx \"1.234,50\")."));
	}
	/* decision and date */
	json_t *jd = json_object_get(obj, "decision");
	const char *decision = json_is_string(jd) ? json_string_value(jd) : NULL;
	struct diags d;
	diags_init(&d);
	if (jd && !json_is_string(jd))
		json_object_set_new(fields, "decision",
		                    json_string("Skriv beslutningen som tekst."));
	else if (econ_check_text(decision, true, 2000, "decision",
	                         "beslutningen, der gav bevillingen, fx \"Styregruppemøde 4, 2026, "
	                         "punkt 6\"",
	                         &d) != FK_OK)
		json_object_set_new(fields, "decision", form_text(d.v[0].msg));
	diags_free(&d);
	fk_date date = r->today;
	json_t *jdt = json_object_get(obj, "date");
	if (jdt && !json_is_null(jdt) &&
	    (!json_is_string(jdt) ||
	     date_parse(json_string_value(jdt), json_string_length(jdt), &date) != 0))
		json_object_set_new(fields, "date",
		                    json_string("Skriv beslutningens dato som \"ÅÅÅÅ-MM-DD\", fx "
		                                "\"2026-12-01\", eller udelad feltet (i dag)."));
	if (json_object_size(fields)) {
		json_decref(obj);
		return bad_request(p, "Bevillingen er ikke gemt. Ret felterne, og send den igen.",
		                   fields);
	}

	char msg[1024];
	int64_t over = 0, id = 0;
	int rc = store_econ_allocate(r->st, r->user.login, r->app->mt, m->rate_ore, ini, year, ore,
	                             decision, date, msg, sizeof msg, &over, &id);
	if (rc == FK_ENOTFOUND || rc == FK_EINPUT) {
		const char *field = rc == FK_ENOTFOUND || (!over && strstr(msg, "særlig indsats"))
		                        ? "initiative"
		                    : over ? (jk ? "kr" : "ore")
		                           : "year";
		json_object_set_new(fields, field, form_text(msg));
		json_decref(obj);
		bad_request(p, msg, fields);
		if (over)
			json_object_set_new(p->doc, "over_ore", json_integer(over));
		return 0;
	}
	json_decref(fields);
	if (rc != FK_OK) {
		json_decref(obj);
		return web_error(
		    r, p, 500,
		    "Bevillingen kunne ikke gemmes på grund af en fejl i databasen. Intet er "
		    "gemt. Prøv igen om lidt.");
	}
	/* The allocation and the frame after it. */
	struct econ e;
	if (load(r, p, &e)) {
		json_decref(obj);
		return 0;
	}
	struct econ_frame f;
	char w[1024];
	(void)econ_frame(&e, year, &f, w, sizeof w);
	char ds[11];
	date_format(date, ds);
	p->status = 201;
	p->doc = json_pack("{s:I, s:s, s:i, s:I, s:s, s:s, s:o}", "id", (json_int_t)id,
	                   "initiative", ini, "year", year, "ore", (json_int_t)ore, "decision",
	                   decision, "date", ds, "frame", econ_frame_json(&f));
	econ_free(&e);
	json_decref(obj);
	if (!p->doc)
		return web_error(r, p, 500, "Bevillingen er gemt, men kunne ikke vises.");
	return 0;
}
