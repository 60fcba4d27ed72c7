/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Open data (core/opendata.h), public, without login: GET /open-data/ explains it and GET
 * /open-data/popolo.json and /api/v1/open-data/popolo serve the public register as Popolo
 * JSON with the licence stated, an ETag (the SHA-256 of the document) and Last-Modified (the
 * register's last change in the audit log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/material.h"
#include "core/opendata.h"
#include "util/err.h"
#include "web/pages.h"

int page_open_data(struct web_req *r, struct web_resp *p)
{
	(void)r;
	p->doc = json_pack("{s:s, s:s, s:s}", "title", "Åbne data", "license", OPENDATA_LICENSE,
	                   "license_url", OPENDATA_LICENSE_URL);
	return 0;
}

int page_popolo(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *doc = opendata_popolo(r->app->model, r->app->mt, &reg, r->today);
	reg_free(&reg);
	char *s = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	char sha[65], etag[72];
	material_sha256((const unsigned char *)s, strlen(s), sha);
	snprintf(etag, sizeof etag, "\"%s\"", sha);
	time_t when = 0;
	if (store_last_change(r->st, &when) == FK_OK && when > 0) {
		char lm[64];
		struct tm tm;
		gmtime_r(&when, &tm);
		strftime(lm, sizeof lm, "%a, %d %b %Y %H:%M:%S GMT", &tm);
		web_resp_header(p, "Last-Modified", lm);
	}
	web_resp_header(p, "ETag", etag);
	web_resp_header(p, "Cache-Control", "public, no-cache");
	web_resp_header(p, "Access-Control-Allow-Origin", "*");
	p->ctype = "application/json";
	if (web_etag_matches(r, etag)) {
		p->status = 304;
		free(s);
		return 0;
	}
	buf_adds(&p->body, s);
	free(s);
	return 0;
}
