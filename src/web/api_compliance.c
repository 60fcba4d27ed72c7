/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The compliance API: GET /api/v1/findings (the `fkigov check --json` document),
 * GET /api/v1/forecast (the `fkigov forecast --json` document) and GET /api/v1/openapi.json
 * (the description of the whole API, static/openapi.json built into the binary). */
#include <stdlib.h>
#include <string.h>

#include "core/forecast.h"
#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "store/check_all.h"
#include "web/pages.h"

#define YEARS_MAX 10

/* ------------------------------------------------------------------ parameters */

/* Reads the date parameter name: absent or empty gives r->today. Returns 0, or -1 with a
 * Danish message added to fields under name. */
static int param_date(const struct web_req *r, const char *name, fk_date *out, json_t *fields)
{
	const char *v = web_query(r, name);
	*out = r->today;
	if (!v || !*v)
		return 0;
	if (date_parse(v, strlen(v), out) == 0)
		return 0;
	json_object_set_new(fields, name,
	                    json_string("Datoen skal skrives ÅÅÅÅ-MM-DD, fx 2027-03-01, og være en "
	                                "dag, der findes."));
	return -1;
}

/* Reads years: absent or empty gives 3; else a whole number 1..YEARS_MAX. */
static int param_years(const struct web_req *r, int *out, json_t *fields)
{
	const char *v = web_query(r, "years");
	*out = 3;
	if (!v || !*v)
		return 0;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end == '\0' && n >= 1 && n <= YEARS_MAX && v[0] >= '0' && v[0] <= '9') {
		*out = (int)n;
		return 0;
	}
	json_object_set_new(fields, "years",
	                    json_string("Antal år skal være et helt tal fra 1 til 10."));
	return -1;
}

/* A 400 with one message per bad parameter: {"error": ..., "fields": {name: message}}. */
static int bad_params(struct web_resp *p, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error",
	                   "Forespørgslen har ugyldige parametre. Ret dem, og prøv igen.", "fields",
	                   fields);
	return 0;
}

/* ------------------------------------------------------------------ handlers */

/* GET /api/v1/findings?date=YYYY-MM-DD[&body=ID]: every finding on date (default today),
 * exactly as `fkigov check --json [--body ID]` prints it. */
int api_findings(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	json_t *fields = json_object();
	fk_date d;
	param_date(r, "date", &d, fields);
	const char *only = web_query(r, "body");
	int only_ix = -1;
	if (only && *only && (only_ix = model_body_index(m, only)) < 0)
		json_object_set_new(
		    fields, "body",
		    json_string("Organet findes ikke. Se listen i /api/v1/bodies."));
	if (json_object_size(fields))
		return bad_params(p, fields);
	json_decref(fields);

	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	struct findings f;
	findings_init(&f);
	(void)check_all(r->st, m, r->app->mt, &reg, d, &f);
	if (only_ix >= 0) {
		size_t k = 0;
		for (size_t i = 0; i < f.n; i++) {
			if (f.v[i].body == only_ix)
				f.v[k++] = f.v[i];
			else
				free(f.v[i].message);
		}
		f.n = k;
	}
	p->doc = report_findings(m, &reg, &f, d);
	findings_free(&f);
	reg_free(&reg);
	return 0;
}

/* GET /api/v1/forecast?from=YYYY-MM-DD&years=N: the term plan, as `fkigov forecast --json`
 * prints it (default from today, 3 years; years 1-10). */
int api_forecast(struct web_req *r, struct web_resp *p)
{
	json_t *fields = json_object();
	fk_date from;
	int years;
	param_date(r, "from", &from, fields);
	param_years(r, &years, fields);
	if (json_object_size(fields))
		return bad_params(p, fields);
	json_decref(fields);

	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses.");
	}
	struct forecast f;
	forecast_run(r->app->model, &reg, from, years, &f);
	p->doc = report_forecast(r->app->model, &reg, &f);
	forecast_free(&f);
	reg_free(&reg);
	return 0;
}

/* GET /api/v1/openapi.json: the OpenAPI 3 description built into the binary. */
int api_openapi(struct web_req *r, struct web_resp *p)
{
	size_t len;
	const unsigned char *s = web_file("static/openapi.json", &len);
	if (!s)
		return web_error(r, p, 404, "API-beskrivelsen er ikke bygget ind i programmet.");
	buf_add(&p->body, s, len);
	p->ctype = "application/json";
	p->cacheable = true;
	return 0;
}
