/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The meeting package: the agenda as a document and every file of written material in one
 * ZIP archive (core/package.h), for the page /meetings/{id}/package and `fkigov meeting
 * package`. The agenda document (templates/agenda_document.mustache) links each file by its
 * name in the archive, so it works from the unpacked folder. */
#include "web/package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/agenda.h"
#include "core/material.h"
#include "core/package.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/tmpl.h"
#include "web/visible.h"

#define AGENDA_NAME "00 Dagsorden.html"

/* name percent-encoded for a relative link (RFC 3986 unreserved characters kept). */
static char *href_of(const char *name)
{
	struct buf b;
	buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b, NULL);
}

int web_meeting_package(struct store *st, const struct tmpl_set *t, int64_t id,
                        const struct meeting_view *view, struct buf *zip, char *fname,
                        size_t nfname, char *err, size_t errlen)
{
	struct meeting mt;
	int rc = store_meeting_get(st, id, &mt);
	if (rc != FK_OK) {
		snprintf(err, errlen, "%s", rc == FK_ENOTFOUND ? "Mødet findes ikke." : "Mødet kunne ikke læses.");
		return rc;
	}
	struct store_material *files = NULL;
	size_t nfiles = 0;
	if ((rc = store_material_list(st, id, &files, &nfiles)) != FK_OK) {
		snprintf(err, errlen, "Materialet kunne ikke læses.");
		meeting_free(&mt);
		return rc;
	}
	if (view)
		nfiles = meeting_view_files(view, files, nfiles);
	struct package_entry *ent = xcalloc(nfiles + 1, sizeof *ent);
	char **names = xcalloc(nfiles + 1, sizeof *names);
	unsigned char **data = xcalloc(nfiles + 1, sizeof *data);
	names[0] = xstrdup(AGENDA_NAME);
	json_t *doc = agenda_meeting_json(&mt, true);
	if (view)
		meeting_view_json(view, doc);
	json_t *items = json_object_get(doc, "items");
	json_t *loose = json_array();
	for (size_t i = 0; rc == FK_OK && i < nfiles; i++) {
		struct store_material full;
		if ((rc = store_material_get(st, files[i].id, &full, &data[i + 1])) != FK_OK) {
			snprintf(err, errlen, "Filen »%s« kunne ikke læses.", files[i].name);
			break;
		}
		const struct meeting_item *it = meeting_item_at(&mt, files[i].pos);
		/* The extension of the type libmagic found, never the uploader's: a PDF named
		 * referat.html is unpacked as referat.pdf. */
		char *file = material_file_name(files[i].name, files[i].mime);
		names[i + 1] = package_file_name(it ? it->pos : 0, it ? it->title : "Uden punkt", file,
		                                 names, i + 1);
		free(file);
		ent[i + 1] = (struct package_entry){names[i + 1], data[i + 1], (size_t)full.size, 0};
		char sz[32];
		material_size_text((size_t)full.size, sz, sizeof sz);
		const char *label = material_type_label(files[i].mime);
		char *href = href_of(names[i + 1]);
		json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", names[i + 1], "href", href,
		                      "type", label ? label : files[i].mime, "size_text", sz, "reason",
		                      files[i].reason ? json_string(files[i].reason) : json_null());
		free(href);
		store_material_clear(&full);
		json_t *target = loose;
		if (it) {
			json_t *jit = json_array_get(items, (size_t)(it - mt.items));
			target = json_object_get(jit, "attachments");
			if (!target) {
				json_object_set_new(jit, "attachments", json_array());
				target = json_object_get(jit, "attachments");
			}
		}
		json_array_append_new(target, x);
	}
	struct buf agenda;
	buf_init(&agenda);
	if (rc == FK_OK) {
		char when[40];
		date_format_da(mt.date, when, sizeof when);
		json_object_set_new(doc, "date_da", json_string(when));
		date_format_da(mt.dispatch, when, sizeof when);
		json_object_set_new(doc, "dispatch_da", json_string(when));
		/* Each item's clock time, from the start of the meeting. */
		int at = mt.start_min;
		for (size_t i = 0; i < json_array_size(items); i++) {
			char hm[8];
			snprintf(hm, sizeof hm, "%02d.%02d", at / 60 % 24, at % 60);
			json_object_set_new(json_array_get(items, i), "at", json_string(hm));
			at += mt.items[i].minutes;
		}
		json_object_set_new(doc, "loose", loose);
		json_object_set_new(doc, "has_loose", json_boolean(json_array_size(loose) > 0));
		loose = NULL;
		if (tmpl_render(t, "agenda_document", doc, &agenda) != 0) {
			snprintf(err, errlen, "Dagsordenen kunne ikke skrives.");
			rc = FK_EDB;
		}
	}
	if (rc == FK_OK) {
		ent[0] = (struct package_entry){names[0], agenda.s, agenda.len, 1};
		if (package_zip(ent, nfiles + 1, time(NULL), zip, err, errlen) != 0)
			rc = FK_EDB;
		snprintf(fname, nfname, "Styregruppemoede-%d-%d.zip", mt.number, mt.year);
	}
	json_decref(loose);
	json_decref(doc);
	buf_free(&agenda);
	for (size_t i = 0; i <= nfiles; i++) {
		free(names[i]);
		free(data[i]);
	}
	free(names);
	free(data);
	free(ent);
	store_materials_free(files, nfiles);
	meeting_free(&mt);
	return rc;
}
