/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /meetings/{id}/packet.pdf and /meetings/{id}/minutes.pdf: the documents members read
 * (web/packet.h). From dispatch on, the packet is the version sent out, byte for byte (its
 * SHA-256 is on the meeting page); before it, the secretariat sees a preview. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/agenda.h"
#include "core/material.h"
#include "util/err.h"
#include "web/packet.h"
#include "web/pages.h"
#include "web/visible.h"

static void pdf_headers(struct web_resp *p, const char *name, const char *etag)
{
	p->ctype = "application/pdf";
	char cd[160];
	snprintf(cd, sizeof cd, "inline; filename=\"%s\"", name);
	web_resp_header(p, "Content-Disposition", cd);
	if (etag) {
		char e[80];
		snprintf(e, sizeof e, "\"%s\"", etag);
		web_resp_header(p, "ETag", e);
	}
	/* A PDF viewer in the browser runs nothing and loads nothing. */
	web_resp_header(p, "Content-Security-Policy", "default-src 'none'; sandbox");
	web_resp_header(p, "Cache-Control", "private, no-cache");
}

int page_meeting_packet(struct web_req *r, struct web_resp *p)
{
	struct meeting mt;
	long mid;
	if (!web_load_meeting(r, p, &mid, &mt))
		return 0;
	int rc;
	bool admin = r->user.role == ROLE_ADMIN, planned = mt.state == MEETING_PLANNED;
	char name[96], err[300] = "";
	web_packet_name(&mt, "Dagsorden", name, sizeof name);
	long version = 0;
	const char *v = web_query(r, "version");
	if (v && (!web_whole(v, 1L << 20, &version) || version < 1)) {
		meeting_free(&mt);
		return web_error(r, p, 400,
		                 "Udgaven skal være et helt tal fra 1, fx ?version=2. Uden den får du "
		                 "den nyeste.");
	}
	if (planned && !admin) {
		meeting_free(&mt);
		return web_error(r, p, 403,
		                 "Mødepakken kan hentes, når sekretariatet har udsendt dagsordenen. Du "
		                 "får besked på e-mail, når det sker.");
	}
	struct store_packet sp;
	rc = planned ? FK_ENOTFOUND : store_packet_get(r->st, mt.id, (int)version, &sp);
	if (rc == FK_OK) {
		buf_add(&p->body, sp.pdf, (size_t)sp.size);
		pdf_headers(p, name, sp.sha256);
		store_packet_clear(&sp);
		meeting_free(&mt);
		return 0;
	}
	if (rc == FK_ENOTFOUND && version) {
		meeting_free(&mt);
		return web_error(r, p, 404, "Mødepakken findes ikke i udgave %ld. Se udgaverne på mødets side.", version);
	}
	/* No version sent out from here (a meeting recorded as held without dispatch), or the
	 * secretariat's preview before dispatch: made now, with what the user may read. */
	struct meeting_view view = {0};
	if (rc == FK_ENOTFOUND)
		rc = meeting_view_init(r, &mt, &view);
	if (rc == FK_OK)
		rc = web_packet_pdf(r->st, mt.id, admin ? NULL : &view, 0, NULL, time(NULL), &p->body,
		                    NULL, err, sizeof err);
	meeting_view_free(&view);
	meeting_free(&mt);
	if (rc != FK_OK) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "Mødepakken kunne ikke laves: %s Prøv igen om lidt.", err);
	}
	pdf_headers(p, name, NULL);
	return 0;
}

int page_meeting_minutes_pdf(struct web_req *r, struct web_resp *p)
{
	struct meeting mt;
	long mid;
	if (!web_load_meeting(r, p, &mid, &mt))
		return 0;
	int rc;
	bool admin = r->user.role == ROLE_ADMIN;
	int state = mt.state;
	char name[96], err[300] = "";
	web_packet_name(&mt, "Referat", name, sizeof name);
	int64_t id = mt.id;
	meeting_free(&mt);
	if (state < MEETING_HELD)
		return web_error(r, p, 404,
		                 "Mødet er ikke holdt endnu, så der er intet referat. Dagsordenen finder "
		                 "du på mødets side.");
	if (state < MEETING_APPROVED && !admin)
		return web_error(r, p, 403,
		                 "Referatet kan hentes, når styregruppen har godkendt det. Indtil da "
		                 "ser kun sekretariatet udkastet.");
	if ((rc = web_minutes_pdf(r->st, id, time(NULL), &p->body, err, sizeof err)) != FK_OK) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "Referatet kunne ikke laves: %s Prøv igen om lidt.", err);
	}
	pdf_headers(p, name, NULL);
	return 0;
}

json_t *packet_doc_json(struct web_req *r, const struct meeting *mt)
{
	bool admin = r->user.role == ROLE_ADMIN, planned = mt->state == MEETING_PLANNED;
	json_t *o = json_object();
	char url[64];
	if (!planned || admin) {
		snprintf(url, sizeof url, "/meetings/%lld/packet.pdf", (long long)mt->id);
		json_object_set_new(o, "packet_url", json_string(url));
		json_object_set_new(o, "preview", json_boolean(planned));
	}
	struct store_packet *v = NULL;
	size_t n = 0;
	if (!planned && store_packet_list(r->st, mt->id, &v, &n) == FK_OK && n > 0) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++) {
			char sz[32], vurl[80], made[40] = "";
			material_size_text((size_t)v[i].size, sz, sizeof sz);
			fk_date day;
			if (date_parse(v[i].made, 10, &day) == 0)
				date_format_da(day, made, sizeof made);
			snprintf(vurl, sizeof vurl, "/meetings/%lld/packet.pdf?version=%d",
			         (long long)mt->id, v[i].version);
			json_array_append_new(
			    a, json_pack("{s:i, s:s, s:s, s:i, s:s, s:s?, s:s, s:b}", "version",
			                 v[i].version, "made", made, "sha256", v[i].sha256, "pages",
			                 v[i].pages, "size_text", sz, "changes", v[i].changes, "url",
			                 vurl, "latest", i == 0));
		}
		json_object_set_new(o, "current", json_incref(json_array_get(a, 0)));
		json_object_set_new(o, "versions", a);
		json_object_set_new(o, "older", json_boolean(n > 1));
	}
	store_packets_free(v, n);
	if (mt->state >= MEETING_APPROVED || (admin && mt->state >= MEETING_HELD)) {
		snprintf(url, sizeof url, "/meetings/%lld/minutes.pdf", (long long)mt->id);
		json_object_set_new(o, "minutes_url", json_string(url));
		json_object_set_new(o, "minutes_draft", json_boolean(mt->state < MEETING_APPROVED));
	}
	return o;
}
