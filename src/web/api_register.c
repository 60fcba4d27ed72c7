/* The register as JSON: GET /api/v1/bodies, /api/v1/bodies/{id}, /api/v1/people and
 * /api/v1/people/{id}.
 *
 * Composition is public (SPEC §5.4): names, municipality, organisation, profile and term are
 * answered without a login. What needs a login is added only for logged-in callers (a session
 * or a bearer token): "email" on people and members, "findings" on bodies. Every other key is
 * always present, null when it has no value. All four take ?date=YYYY-MM-DD (default today):
 * the day the composition is read on. */
#include <string.h>

#include "core/report.h"
#include "core/rules.h"
#include "util/err.h"
#include "store/check_all.h"
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

/* GET /api/v1/people[?q=TEXT][&body=ID][&past=1][&offset=N][&limit=N]: report_people
 * (limit 0 or absent: everyone from offset on). */
int api_people(struct web_req *r, struct web_resp *p)
{
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

/* GET /api/v1/people/{key}: report_person. */
int api_person(struct web_req *r, struct web_resp *p)
{
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
