/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Tables as Excel workbooks from the pages (util/xlsx.h): GET /register.xlsx (the register,
 * with e-mail addresses: the secretariat) and GET /compliance.xlsx?date=D (the findings on a
 * day, for every account, as the page shows them); and the API's documents as the workbooks
 * of core/sheets.h, with the API's parameters and answers to bad ones: /forecast.xlsx
 * (?from=&years=), /economy.xlsx (?year=), /portfolio.xlsx and /decisions.xlsx (?year=&q=). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/importer.h"
#include "core/report.h"
#include "core/sheets.h"
#include "store/check_all.h"
#include "util/err.h"
#include "web/pages.h"

static void xlsx_headers(struct web_resp *p, const char *name)
{
	p->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	char cd[160];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", name);
	web_resp_header(p, "Content-Disposition", cd);
	web_resp_header(p, "Cache-Control", "private, no-cache");
}

int page_register_xlsx(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	char err[300];
	int rc = imp_export_xlsx(r->app->model, &reg, r->today, "fkigov, registret", &p->body, err,
	                         sizeof err);
	reg_free(&reg);
	if (rc != 0) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "%s Prøv igen om lidt.", err);
	}
	xlsx_headers(p, "udpegninger.xlsx");
	return 0;
}

int page_compliance_xlsx(struct web_req *r, struct web_resp *p)
{
	fk_date d = r->today;
	const char *dv = web_query(r, "date");
	if (dv && *dv && date_parse_da(dv, strlen(dv), &d) != 0)
		return web_error(r, p, 400,
		                 "Datoen er ikke gyldig. Skriv dag, måned og år, fx 1-3-2027, eller hent "
		                 "fundene for i dag uden dato.");
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	struct findings f;
	findings_init(&f);
	(void)check_all(r->st, r->app->model, r->app->mt, &reg, d, &f);
	char err[300], name[48], iso[11];
	date_format(d, iso);
	int rc = report_findings_xlsx(r->app->model, &reg, &f, d, "fkigov, kontrollen af reglerne",
	                              &p->body, err, sizeof err);
	findings_free(&f);
	reg_free(&reg);
	if (rc != 0) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "%s Prøv igen om lidt.", err);
	}
	snprintf(name, sizeof name, "fund-%s.xlsx", iso);
	xlsx_headers(p, name);
	return 0;
}

/* The document api(r, p) answers with, written as the workbook of kind k named name; an
 * answer that is not a document (a bad parameter, an error) is passed on as it is. */
static int api_sheet(struct web_req *r, struct web_resp *p, int (*api)(struct web_req *, struct web_resp *),
                     enum sheet_kind k, const char *what, const char *name)
{
	int rc = api(r, p);
	if (rc == 0 && p->status == 400 && p->doc) {
		/* The API's field errors ({"error", "fields": {name: why}}) as the page's error. */
		const char *key, *why = json_string_value(json_object_get(p->doc, "error"));
		json_t *v;
		json_object_foreach(json_object_get(p->doc, "fields"), key, v)
		{
			if (json_is_string(v))
				why = json_string_value(v);
		}
		char msg[600];
		snprintf(msg, sizeof msg, "%s", why ? why : "Forespørgslen har ugyldige parametre.");
		json_decref(p->doc);
		p->doc = NULL;
		p->status = 0;
		return web_error(r, p, 400, "%s Ret adressen, eller hent regnearket fra siden.", msg);
	}
	if (rc != 0 || !p->doc || (p->status && p->status != 200))
		return rc;
	char err[300];
	int w = sheet_write(k, p->doc, what, r->today, "fkigov", r->app->model->name, &p->body, NULL,
	                    err, sizeof err);
	json_decref(p->doc);
	p->doc = NULL;
	if (w != 0) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "%s Prøv igen om lidt.", err);
	}
	xlsx_headers(p, name);
	return 0;
}

int page_forecast_xlsx(struct web_req *r, struct web_resp *p)
{
	return api_sheet(r, p, api_forecast, SHEET_FORECAST, NULL, "fremskrivning.xlsx");
}

int page_economy_xlsx(struct web_req *r, struct web_resp *p)
{
	return api_sheet(r, p, api_economy_report, SHEET_ECONOMY, NULL, "oekonomi.xlsx");
}

int page_portfolio_xlsx(struct web_req *r, struct web_resp *p)
{
	return api_sheet(r, p, api_initiatives, SHEET_PORTFOLIO, NULL, "portefoelje.xlsx");
}

int page_decisions_xlsx(struct web_req *r, struct web_resp *p)
{
	return api_sheet(r, p, api_decisions, SHEET_DECISIONS, NULL, "beslutninger.xlsx");
}
