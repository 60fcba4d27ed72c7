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

#include "core/mail.h"
#include "core/material.h"
#include "core/opendata.h"
#include "util/err.h"
#include "web/packet.h"
#include "web/pages.h"

int page_open_data(struct web_req *r, struct web_resp *p)
{
	(void)r;
	p->doc = json_pack("{s:s, s:s, s:s}", "title", "Åbne data", "license", OPENDATA_LICENSE,
	                   "license_url", OPENDATA_LICENSE_URL);
	return 0;
}

/* Serves an open-data document with its ETag (304 when it matches) and Last-Modified. */
static int serve_json(struct web_req *r, struct web_resp *p, json_t *doc)
{
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

int page_popolo(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *doc = opendata_popolo(r->app->model, r->app->mt, &reg, r->today);
	reg_free(&reg);
	return serve_json(r, p, doc);
}

/* ------------------------------------------------------------------ OParl */

/* The OParl document of the published meetings (core/opendata.h) under base. */
json_t *web_oparl(struct store *st, const struct model *m, const char *base, fk_date today)
{
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(st, 0, true, &v, &n) != FK_OK)
		return NULL;
	struct oparl_meeting *om = calloc(n + 1, sizeof *om);
	struct store_material **fl = calloc(n + 1, sizeof *fl);
	size_t *nfl = calloc(n + 1, sizeof *nfl);
	struct oparl_file **of = calloc(n + 1, sizeof *of);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].state != MEETING_PUBLISHED)
			continue;
		if (store_material_list(st, v[i].id, &fl[i], &nfl[i]) != FK_OK)
			nfl[i] = 0;
		of[i] = calloc(nfl[i] + 1, sizeof *of[i]);
		for (size_t f = 0; f < nfl[i]; f++) {
			const struct store_material *x = &fl[i][f];
			fk_date day = DATE_NONE;
			if (x->uploaded)
				(void)date_parse(x->uploaded, 10, &day);
			of[i][f] = (struct oparl_file){x->id, x->pos, x->name, x->mime, x->size,
			                               day != DATE_NONE ? day : v[i].date};
		}
		om[k++] = (struct oparl_meeting){&v[i], of[i], nfl[i]};
	}
	json_t *doc = opendata_oparl(m, base, om, k, today);
	for (size_t i = 0; i < n; i++) {
		store_materials_free(fl[i], nfl[i]);
		free(of[i]);
	}
	free(om);
	free(fl);
	free(nfl);
	free(of);
	meetings_free(v, n);
	return doc;
}

static void oparl_base(char *out, size_t n)
{
	snprintf(out, n, "%s/open-data/oparl", mail_public_url());
}

int page_oparl(struct web_req *r, struct web_resp *p)
{
	char base[400];
	oparl_base(base, sizeof base);
	json_t *doc = web_oparl(r->st, r->app->model, base, r->today);
	if (!doc)
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	return serve_json(r, p, doc);
}

/* GET /open-data/oparl/file/{id}: a file of a published meeting, for everyone: its material
 * ("12") or its minutes as PDF ("minutes-3"); anything else, or before publication, 404. */
int page_oparl_file(struct web_req *r, struct web_resp *p)
{
	const char *id = r->param ? r->param : "";
	static const char gone[] = "Filen findes ikke i de åbne data. Kun materiale og referater fra "
	                           "møder, hvis referat er offentliggjort, kan hentes her.";
	long n = 0;
	if (!strncmp(id, "minutes-", 8)) {
		struct meeting mt;
		if (!web_whole(id + 8, 1L << 30, &n) || store_meeting_get(r->st, n, &mt) != FK_OK)
			return web_error(r, p, 404, gone);
		bool published = mt.state == MEETING_PUBLISHED;
		meeting_free(&mt);
		char err[300];
		if (!published)
			return web_error(r, p, 404, gone);
		if (web_minutes_pdf(r->st, n, time(NULL), &p->body, err, sizeof err) != FK_OK) {
			buf_reset(&p->body);
			return web_error(r, p, 500, "Referatet kunne ikke laves: %s", err);
		}
		p->ctype = "application/pdf";
		web_resp_header(p, "Content-Disposition", "inline; filename=\"referat.pdf\"");
		web_resp_header(p, "Content-Security-Policy", "default-src 'none'; sandbox");
		return 0;
	}
	struct store_material f;
	unsigned char *data = NULL;
	if (!web_whole(id, 1L << 40, &n) || store_material_get(r->st, n, &f, &data) != FK_OK)
		return web_error(r, p, 404, gone);
	struct meeting mt;
	bool published = store_meeting_get(r->st, f.meeting, &mt) == FK_OK &&
	                 mt.state == MEETING_PUBLISHED;
	if (published)
		meeting_free(&mt);
	if (!published) {
		store_material_clear(&f);
		free(data);
		return web_error(r, p, 404, gone);
	}
	buf_add(&p->body, data, (size_t)f.size);
	free(data);
	p->ctype = material_type_static(f.mime);
	if (!p->ctype)
		p->ctype = "application/octet-stream";
	char cd[100];
	const char *ext = material_type_ext(f.mime);
	snprintf(cd, sizeof cd, "attachment; filename=\"materiale-%ld.%s\"", n, ext ? ext : "bin");
	web_resp_header(p, "Content-Disposition", cd);
	web_resp_header(p, "Content-Security-Policy", "default-src 'none'; sandbox");
	store_material_clear(&f);
	return 0;
}
