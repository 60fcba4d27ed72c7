/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Written material files of agenda items (issue 5):
 *   GET  /material/{id}                  the file's bytes as an attachment: Content-Type the
 *                                        type libmagic found when it was uploaded, the name
 *                                        in Content-Disposition (RFC 6266, with an ASCII
 *                                        fallback and the UTF-8 name per RFC 5987), ETag its
 *                                        SHA-256, a sandboxing CSP; 404 for an unknown id.
 *   GET  /api/v1/meetings/{id}/material  {"meeting", "material": [file]} (material_file_json)
 *   POST /api/v1/meetings/{id}/material  multipart/form-data: item (its number), file, and
 *                                        reason (required after dispatch) -> 201 the file,
 *                                        Location its download address; 400 {"error",
 *                                        "fields"}; 403 when the user may not upload to the
 *                                        item (material_may_upload); 404 unknown meeting.
 * Who may upload is decided here once (material_may_upload), and an upload runs through one
 * function (material_upload), for this API and the meeting page (page_meetings.c), which
 * shows the files and the upload form per item. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/agenda.h"
#include "core/cases.h"
#include "core/material.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/package.h"
#include "web/pages.h"
#include "web/visible.h"

/* ---------------------------------------------------------------- who may upload */

int material_may_upload(struct web_req *r, const struct meeting *mt, bool *may)
{
	for (size_t i = 0; i < mt->nitems; i++)
		may[i] = false;
	if (r->user.role == ROLE_ADMIN) {
		for (size_t i = 0; i < mt->nitems; i++)
			may[i] = mt->state == MEETING_PLANNED || mt->state == MEETING_DISPATCHED;
		return FK_OK;
	}
	const char *person = r->user.person;
	if (r->user.role != ROLE_MEMBER || !person[0] || mt->state != MEETING_PLANNED)
		return FK_OK;
	bool cases = false;
	for (size_t i = 0; i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		const char *proposer = agenda_item_proposer(mt, it);
		if (proposer && !strcmp(proposer, person))
			may[i] = true;
		else if (!strcmp(it->source, "standard") && it->ref &&
		         !strcmp(it->ref, "inspiration") && mt->speaker &&
		         !strcmp(mt->speaker, person))
			may[i] = true;
		else if (!strcmp(it->source, "case") && case_id_parse(it->ref) > 0)
			cases = true;
	}
	if (!cases)
		return FK_OK;
	/* Case items: the members of the reference group the case is assigned to, today. */
	struct reg reg;
	struct case_set set = {0};
	int rc = web_load_register(r, &reg);
	if (rc == FK_OK)
		rc = store_cases_load(r->st, 0, &set);
	for (size_t i = 0; rc == FK_OK && i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		if (strcmp(it->source, "case") != 0)
			continue;
		const struct case_rec *c = case_set_find(&set, case_id_parse(it->ref));
		may[i] = c && case_member_of_assignee(r->app->model, &reg, person, c, r->today);
	}
	case_set_free(&set);
	reg_free(&reg);
	if (rc != FK_OK)
		for (size_t i = 0; i < mt->nitems; i++)
			may[i] = false;
	return rc;
}

/* ---------------------------------------------------------------- JSON */

json_t *material_file_json(const struct store_material *f)
{
	char sz[32], url[48];
	material_size_text((size_t)f->size, sz, sizeof sz);
	snprintf(url, sizeof url, "/material/%lld", (long long)f->id);
	const char *label = material_type_label(f->mime);
	return json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:s, s:s, s:I, s:s, s:s, s:s, s:o, s:s}",
	                 "id", (json_int_t)f->id, "meeting", (json_int_t)f->meeting, "item",
	                 f->pos ? json_integer(f->pos) : json_null(), "item_source", f->source,
	                 "item_ref", f->ref, "name", form_text(f->name), "mime", f->mime, "type",
	                 label ? label : f->mime, "size", (json_int_t)f->size, "size_text", sz,
	                 "sha256", f->sha256, "uploaded", f->uploaded ? f->uploaded : "", "reason",
	                 f->reason ? form_text(f->reason) : json_null(), "url", url);
}

/* ---------------------------------------------------------------- GET /material/{id} */

/* The name a download is saved under: material_file_name, with the extension of the type
 * libmagic found (a PDF uploaded as "notat" or "referat.html" is saved as "notat.pdf",
 * "referat.pdf") and no bidirectional controls, so the file opens in the program for what it
 * really is. The caller frees it. */
static char *download_name(const struct store_material *f)
{
	return material_file_name(f->name, f->mime);
}

/* The ASCII stand-in of one UTF-8 character at s (k bytes) for the plain filename
 * parameter: Danish letters spelt out, anything else '_'. */
static const char *ascii_of(const unsigned char *s, size_t k)
{
	static const struct {
		const char *u, *a;
	} map[] = {{"æ", "ae"}, {"ø", "oe"}, {"å", "aa"}, {"Æ", "Ae"}, {"Ø", "Oe"},
	           {"Å", "Aa"}, {"é", "e"},  {"ü", "u"},  {"ö", "o"},  {"ä", "a"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strlen(map[i].u) == k && !memcmp(map[i].u, s, k))
			return map[i].a;
	return "_";
}

/* Content-Disposition: attachment; filename="ASCII"; filename*=UTF-8''PERCENT-ENCODED
 * (RFC 6266 and 5987): old clients take the ASCII name without quotes, backslashes or
 * control characters; others the whole UTF-8 name. name is well-formed UTF-8
 * (material_clean_name). */
static char *disposition(const char *name)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "attachment; filename=\"");
	const unsigned char *s = (const unsigned char *)name;
	for (size_t i = 0; s[i];) {
		size_t k = 1;
		if (s[i] >= 0x80)
			while (k < 4 && (s[i + k] & 0xc0) == 0x80)
				k++;
		if (k > 1)
			buf_adds(&b, ascii_of(s + i, k));
		else if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '"' || s[i] == '\\' || s[i] >= 0x80)
			buf_addc(&b, '_');
		else
			buf_addc(&b, (char)s[i]);
		i += k;
	}
	buf_adds(&b, "\"; filename*=UTF-8''");
	for (size_t i = 0; s[i]; i++) {
		/* RFC 5987 attr-char: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~ */
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || (s[i] < 0x80 && strchr("!#$&+-.^_`|~", s[i])))
			buf_addc(&b, (char)s[i]);
		else
			buf_printf(&b, "%%%02X", s[i]);
	}
	return buf_detach(&b, NULL);
}

int page_material(struct web_req *r, struct web_resp *p)
{
	long id = 0;
	web_whole(r->param, 1L << 30, &id);
	struct store_material f;
	unsigned char *data = NULL;
	/* The checksum first: a client that has the file gets 304 without the bytes being read. */
	int rc = id ? store_material_get(r->st, id, &f, NULL) : FK_ENOTFOUND;
	/* Who may read it (visible.h): before dispatch those the item concerns. */
	bool ok = false;
	int vrc = rc == FK_OK ? meeting_view_may_read(r, &f, &ok) : FK_OK;
	if (rc == FK_OK && (vrc != FK_OK || !ok)) {
		store_material_clear(&f);
		if (vrc != FK_OK)
			return web_error(r, p, 500, "Materialet kunne ikke læses. Prøv igen om lidt.");
		return web_error(r, p, 403,
		                 "Materialet kan læses af alle, når dagsordenen er udsendt. Indtil da "
		                 "kan kun sekretariatet og de, punktet vedrører, læse det. Kontakt "
		                 "sekretariatet, hvis du har brug for det nu.");
	}
	char etag[72] = "";
	if (rc == FK_OK) {
		snprintf(etag, sizeof etag, "\"%s\"", f.sha256);
		if (web_etag_matches(r, etag)) {
			p->status = 304;
			p->ctype = "application/octet-stream";
			web_resp_header(p, "ETag", etag);
			web_resp_header(p, "Cache-Control", "private, no-cache");
			store_material_clear(&f);
			return 0;
		}
		store_material_clear(&f);
		rc = store_material_get(r->st, id, &f, &data);
	}
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404,
		                 "Materialet findes ikke. Det kan være fjernet fra dagsordenen. Gå "
		                 "til mødet under Møder for at se dets materiale.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Materialet kunne ikke læses. Prøv igen om lidt.");
	buf_add(&p->body, data, (size_t)f.size);
	free(data);
	p->ctype = material_type_static(f.mime);
	if (!p->ctype)
		p->ctype = "application/octet-stream";
	char *name = download_name(&f), *cd = disposition(name);
	web_resp_header(p, "Content-Disposition", cd);
	free(cd);
	free(name);
	web_resp_header(p, "ETag", etag);
	/* On top of the server's policy: a file opened in the browser (a PDF viewer, an image)
	 * runs nothing and loads nothing. */
	web_resp_header(p, "Content-Security-Policy", "default-src 'none'; sandbox");
	web_resp_header(p, "Cache-Control", "private, no-cache");
	store_material_clear(&f);
	return 0;
}

/* ------------------------------------------------ GET /meetings/{id}/package */

int page_meeting_package(struct web_req *r, struct web_resp *p)
{
	long id = 0;
	web_whole(r->param, 1L << 30, &id);
	char name[64], err[300] = "Mødet kunne ikke læses.";
	/* Only what the user may read goes in (visible.h). */
	struct meeting mt;
	struct meeting_view view = {0};
	int rc = id ? store_meeting_get(r->st, id, &mt) : FK_ENOTFOUND;
	if (rc == FK_OK) {
		rc = meeting_view_init(r, &mt, &view);
		meeting_free(&mt);
	}
	if (rc == FK_OK)
		rc = web_meeting_package(r->st, r->app->tmpl, id, &view, &p->body, name, sizeof name,
		                         err, sizeof err);
	meeting_view_free(&view);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (rc != FK_OK) {
		buf_reset(&p->body);
		return web_error(r, p, 500, "Mødepakken kunne ikke laves: %s Prøv igen om lidt.", err);
	}
	p->ctype = "application/zip";
	char cd[128];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", name);
	web_resp_header(p, "Content-Disposition", cd);
	web_resp_header(p, "Content-Security-Policy", "default-src 'none'; sandbox");
	web_resp_header(p, "Cache-Control", "private, no-cache");
	return 0;
}

/* ------------------------------------------------ /api/v1/meetings/{id}/material */

static int bad_request(struct web_resp *p, const char *msg, json_t *fields)
{
	p->status = 400;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:o}", "error", msg, "fields", fields ? fields : json_object());
	return 0;
}

static int material_list(struct web_req *r, struct web_resp *p, const struct meeting *mt)
{
	struct store_material *v = NULL;
	size_t n = 0;
	struct meeting_view view;
	int rc = meeting_view_init(r, mt, &view);
	if (rc == FK_OK)
		rc = store_material_list(r->st, mt->id, &v, &n);
	n = meeting_view_files(&view, v, n); /* only those the user may read (visible.h) */
	meeting_view_free(&view);
	if (rc != FK_OK) {
		store_materials_free(v, n);
		return web_error(r, p, 500, "Materialet kunne ikke læses. Prøv igen om lidt.");
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, material_file_json(&v[i]));
	store_materials_free(v, n);
	p->doc = json_pack("{s:I, s:o}", "meeting", (json_int_t)mt->id, "material", a);
	return 0;
}

int material_upload(struct web_req *r, const struct meeting *mt, long pos, int64_t *mid,
                    struct diags *d)
{
	size_t idx = mt->nitems;
	for (size_t i = 0; i < mt->nitems; i++)
		if (mt->items[i].pos == pos)
			idx = i;
	if (idx == mt->nitems) {
		diags_add(d, NULL, 0, 0, "item", "Dagsordenen har intet punkt med nummer %ld.",
		          pos);
		return FK_EINPUT;
	}
	bool *may = xcalloc(mt->nitems, sizeof *may);
	int rc = material_may_upload(r, mt, may);
	bool ok = may[idx];
	free(may);
	if (rc != FK_OK)
		return rc;
	/* The secretariat gets the store's reason (the meeting is held); members this one. */
	if (!ok && r->user.role != ROLE_ADMIN) {
		diags_add(
		    d, NULL, 0, 0, NULL, "%s",
		    mt->state != MEETING_PLANNED
		        ? "Dagsordenen er udsendt. Kontakt sekretariatet, hvis der skal lægges "
		          "materiale på punktet."
		        : "Du kan lægge materiale på punkter fra dine egne forslag, på "
		          "inspirationsoplægget, når du holder det, og på sager fra din "
		          "referencegruppe. Kontakt sekretariatet om andre punkter.");
		return FK_EFORBIDDEN;
	}
	const struct web_field *file = web_form_field(r, "file");
	if (!file || (!file->len && (!file->filename || !*file->filename))) {
		diags_add(d, NULL, 0, 0, "file", "Vælg filen med materialet: %s.",
		          material_types_text());
		return FK_EINPUT;
	}
	/* The text rule (util/text.h) on all of the reason's bytes, for the page and the API. */
	const struct web_field *rf = web_form_field(r, "reason");
	const char *reason = rf ? rf->value : NULL;
	char why[300];
	if (rf && text_check(rf->value, rf->len, true, why, sizeof why) != 0) {
		diags_add(d, NULL, 0, 0, "reason", "%s", why);
		return FK_EINPUT;
	}
	rc = store_material_add(r->st, r->user.login, mt->id, (int)pos, file->filename,
	                        (const unsigned char *)file->value, file->len, MATERIAL_MAX_BYTES,
	                        reason && *reason ? reason : NULL, mid, d);
	return rc;
}

/* POST: item checked here, the rest by material_upload. */
static int api_upload(struct web_req *r, struct web_resp *p, const struct meeting *mt)
{
	const char *item = web_form(r, "item");
	if (!r->nform)
		return bad_request(
		    p,
		    "Send filen som multipart/form-data med felterne item og file (og "
		    "reason efter udsendelsen).",
		    json_pack("{s:s}", "file", "Vælg en fil."));
	long pos = 0;
	web_whole(item, 1L << 30, &pos);
	if (!pos)
		return bad_request(
		    p, "Angiv punktets nummer på dagsordenen.",
		    json_pack("{s:s}", "item", "Angiv punktets nummer på dagsordenen, fx 3."));
	struct diags d;
	diags_init(&d);
	int64_t mid = 0;
	int rc = material_upload(r, mt, pos, &mid, &d);
	if (rc == FK_EFORBIDDEN)
		web_error(r, p, 403, "%s",
		          d.n ? d.v[0].msg : "Du må ikke lægge materiale på punktet.");
	else if (rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT)
		bad_request(p, d.n ? d.v[0].msg : "Filen er ikke gemt.", web_field_errors(&d));
	else if (rc != FK_OK)
		web_error(r, p, 500, "Filen kunne ikke gemmes. Prøv igen om lidt.");
	diags_free(&d);
	if (rc != FK_OK)
		return 0;
	struct store_material f;
	if (store_material_get(r->st, mid, &f, NULL) != FK_OK)
		return web_error(r, p, 500, "Filen kunne ikke læses tilbage.");
	p->doc = material_file_json(&f);
	store_material_clear(&f);
	p->status = 201;
	char loc[48];
	snprintf(loc, sizeof loc, "/material/%lld", (long long)mid);
	web_resp_header(p, "Location", loc);
	return 0;
}

int api_meeting_material(struct web_req *r, struct web_resp *p)
{
	long id = 0;
	web_whole(r->param, 1L << 30, &id);
	struct meeting mt;
	if (!id || store_meeting_get(r->st, id, &mt) != FK_OK)
		return web_error(r, p, 404, "Mødet findes ikke.");
	int rc = r->method == WM_POST ? api_upload(r, p, &mt) : material_list(r, p, &mt);
	meeting_free(&mt);
	return rc;
}
