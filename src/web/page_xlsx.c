/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Tables as Excel workbooks from the pages (util/xlsx.h): GET /register.xlsx (the register,
 * with e-mail addresses: the secretariat) and GET /compliance.xlsx?date=D (the findings on a
 * day, for every account, as the page shows them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/importer.h"
#include "core/report.h"
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
