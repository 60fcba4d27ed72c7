/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The meeting packet and the minutes as PDF (packet.h): a meeting from the store, as the
 * reader may read it, put into the documents of core/pdf.h. */
#include "web/packet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/agenda.h"
#include "core/attend.h"
#include "core/mail.h"
#include "core/material.h"
#include "core/pdf.h"
#include "core/wg.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/visible.h"

/* Everything a document of a meeting is made from; freed by src_free. */
struct src {
	struct meeting mt;
	struct store_material *files;
	size_t nfiles;
	unsigned char **data;   /* [nfiles] */
	struct pdf_file *pf;    /* [nfiles], grouped by item */
	char **links;           /* [nfiles] */
	struct pdf_item *items; /* [mt.nitems] */
	char (*at)[8];          /* [mt.nitems] */
	char date[64], time[40], body[200];
};

static void src_free(struct src *s)
{
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->data[i]);
		free(s->links[i]);
	}
	free(s->data);
	free(s->links);
	free(s->pf);
	free(s->items);
	free(s->at);
	store_materials_free(s->files, s->nfiles);
	meeting_free(&s->mt);
}

static const char *weekday_da(fk_date d)
{
	static const char *const v[] = {"mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag",
	                                "søndag"};
	int w = date_weekday(d);
	return w >= 1 && w <= 7 ? v[w - 1] : "";
}

/* Reads meeting id with what view may read of it (NULL: everything); with files, their
 * bytes. FK_OK, FK_ENOTFOUND or FK_EDB with a Danish reason in err[n]. */
static int src_load(struct store *st, int64_t id, const struct meeting_view *view, bool files,
                    struct src *s, char *err, size_t n)
{
	memset(s, 0, sizeof *s);
	int rc = store_meeting_get(st, id, &s->mt);
	if (rc != FK_OK) {
		snprintf(err, n, "%s",
		         rc == FK_ENOTFOUND ? "Mødet findes ikke." : "Mødet kunne ikke læses.");
		return rc;
	}
	const struct meeting *mt = &s->mt;
	if (files && (rc = store_material_list(st, id, &s->files, &s->nfiles)) != FK_OK) {
		snprintf(err, n, "Materialet kunne ikke læses.");
		return rc;
	}
	if (view)
		s->nfiles = meeting_view_files(view, s->files, s->nfiles);
	s->data = xcalloc(s->nfiles + 1, sizeof *s->data);
	s->links = xcalloc(s->nfiles + 1, sizeof *s->links);
	s->pf = xcalloc(s->nfiles + 1, sizeof *s->pf);
	s->items = xcalloc(mt->nitems + 1, sizeof *s->items);
	s->at = xcalloc(mt->nitems + 1, sizeof *s->at);
	const struct model *m = store_model(st);
	int sg = m ? wg_steering_group(m) : -1;
	snprintf(s->body, sizeof s->body, "%s", sg >= 0 ? m->bodies[sg].name : "Styregruppen");
	char d[40];
	date_format_da(mt->date, d, sizeof d);
	snprintf(s->date, sizeof s->date, "%s den %s", weekday_da(mt->date), d);
	snprintf(s->time, sizeof s->time, "kl. %d.%02d-%d.%02d", mt->start_min / 60 % 24,
	         mt->start_min % 60, mt->end_min / 60 % 24, mt->end_min % 60);
	/* The files in the items' order, each item's in upload order. */
	size_t k = 0;
	int at = mt->start_min;
	for (size_t i = 0; i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		struct pdf_item *x = &s->items[i];
		snprintf(s->at[i], sizeof s->at[i], "%d.%02d", at / 60 % 24, at % 60);
		at += it->minutes;
		bool readable = !view || view->item[i];
		*x = (struct pdf_item){.pos = it->pos,
		                       .at = s->at[i],
		                       .title = it->title,
		                       .kind = agenda_kind_da(it->kind),
		                       .presenter = it->presenter,
		                       .minutes = it->minutes,
		                       .recommendation = it->recommendation,
		                       .material = readable ? it->material : NULL,
		                       .amended = it->amended,
		                       .files = &s->pf[k]};
		for (size_t f = 0; f < s->nfiles; f++) {
			const struct store_material *sf = &s->files[f];
			if (sf->pos != it->pos)
				continue;
			struct store_material full;
			if ((rc = store_material_get(st, sf->id, &full, &s->data[k])) != FK_OK) {
				snprintf(err, n, "Filen »%s« kunne ikke læses.", sf->name);
				return rc;
			}
			store_material_clear(&full);
			s->links[k] = xasprintf("%s/material/%lld", mail_public_url(), (long long)sf->id);
			s->pf[k] = (struct pdf_file){sf->name,     sf->mime,    s->data[k],  (size_t)sf->size,
			                             sf->sha256,   s->links[k], sf->reason};
			k++;
			x->nfiles++;
		}
	}
	return FK_OK;
}

static void doc_of(const struct src *s, struct pdf_doc *d, char *title, size_t ntitle)
{
	snprintf(title, ntitle, "Styregruppemøde %d/%d", s->mt.number, s->mt.year);
	*d = (struct pdf_doc){.body = s->body,
	                      .title = title,
	                      .date = s->date,
	                      .time = s->time,
	                      .place = s->mt.place,
	                      .author = "Sekretariat FKI",
	                      .items = s->items,
	                      .nitems = s->mt.nitems};
}

int web_packet_pdf(struct store *st, int64_t id, const struct meeting_view *view, int version,
                   const char *changes, time_t made, struct buf *out, int *pages, char *err,
                   size_t n)
{
	struct src s;
	int rc = src_load(st, id, view, true, &s, err, n);
	if (rc == FK_OK) {
		struct pdf_doc d;
		char title[64], status[80], sent[40];
		doc_of(&s, &d, title, sizeof title);
		d.subject = "Dagsorden med bilag";
		d.version = version;
		d.changes = changes;
		d.made = made;
		if (s.mt.dispatched_on != DATE_NONE) {
			date_format_da(s.mt.dispatched_on, sent, sizeof sent);
			snprintf(status, sizeof status, "Udsendt %s", sent);
		} else {
			snprintf(status, sizeof status, "Forhåndsvisning: dagsordenen er ikke udsendt");
		}
		d.status = status;
		struct pdf_result res = {0};
		if (pdf_packet(&d, out, &res, err, n) != 0)
			rc = FK_EDB;
		if (pages)
			*pages = res.pages;
		pdf_result_free(&res);
	}
	src_free(&s);
	return rc;
}

/* The store's builder of a new version after an amendment: the packet as every member
 * summoned reads it. */
static int build(struct store *st, int64_t meeting, int version, const char *changes,
                 struct buf *pdf, int *pages)
{
	struct meeting mt;
	int rc = store_meeting_get(st, meeting, &mt);
	if (rc != FK_OK)
		return rc;
	struct meeting_view view;
	meeting_view_members(&mt, &view);
	char err[300];
	rc = web_packet_pdf(st, meeting, &view, version, changes, time(NULL), pdf, pages, err,
	                    sizeof err);
	if (rc != FK_OK)
		fprintf(stderr, "fkigov: %s\n", err);
	meeting_view_free(&view);
	meeting_free(&mt);
	return rc;
}

void web_packet_init(void)
{
	store_packet_builder(build);
}

int web_packet_record(struct store *st, const char *actor, int64_t id, const char *changes,
                      struct store_packet *out)
{
	memset(out, 0, sizeof *out);
	struct meeting mt;
	int rc = store_meeting_get(st, id, &mt);
	if (rc != FK_OK)
		return rc;
	struct meeting_view view;
	meeting_view_members(&mt, &view);
	int version = 0, pages = 0;
	struct buf pdf;
	buf_init(&pdf);
	char err[300];
	if ((rc = store_packet_next(st, id, &version)) == FK_OK &&
	    (rc = web_packet_pdf(st, id, &view, version, changes, time(NULL), &pdf, &pages, err,
	                         sizeof err)) == FK_OK &&
	    (rc = store_packet_add(st, actor, id, changes, pdf.s, pdf.len, pages, &version)) ==
	        FK_OK)
		rc = store_packet_get(st, id, version, out);
	else if (rc != FK_OK)
		fprintf(stderr, "fkigov: %s\n", err);
	buf_free(&pdf);
	meeting_view_free(&view);
	meeting_free(&mt);
	return rc;
}

int web_minutes_pdf(struct store *st, int64_t id, time_t made, struct buf *out, char *err,
                    size_t n)
{
	struct src s;
	int rc = src_load(st, id, NULL, false, &s, err, n);
	if (rc == FK_OK) {
		struct pdf_doc d;
		char title[64];
		doc_of(&s, &d, title, sizeof title);
		d.subject = "Referat";
		d.made = made;
		d.status = s.mt.state >= MEETING_APPROVED ? "Referatet er godkendt"
		                                          : "Udkast: referatet er ikke godkendt";
		char **dec = xcalloc(s.mt.nitems + 1, sizeof *dec);
		for (size_t i = 0; i < s.mt.nitems; i++) {
			const struct meeting_item *it = &s.mt.items[i];
			s.items[i].outcome = it->outcome ? agenda_outcome_da(it->outcome) : NULL;
			s.items[i].minutes_text = it->minutes_text;
			if (it->outcome && !strcmp(it->outcome, "beslutning"))
				s.items[i].decision = dec[i] = xasprintf(
				    "Beslutning fra møde %d/%d, punkt %d (som i beslutningsloggen)",
				    s.mt.number, s.mt.year, it->pos);
		}
		struct attend_minutes am = {0};
		if (store_attendance_minutes(st, store_model(st), id, &am) != FK_OK) {
			snprintf(err, n, "Fremmødet kunne ikke læses.");
			rc = FK_EDB;
		} else {
			d.present = am.participants;
			d.npresent = am.nparticipants;
			d.absent = am.absentees;
			d.nabsent = am.nabsentees;
			d.unrecorded = am.unrecorded;
			if (pdf_minutes(&d, out, err, n) != 0)
				rc = FK_EDB;
		}
		attend_minutes_free(&am);
		for (size_t i = 0; i < s.mt.nitems; i++)
			free(dec[i]);
		free(dec);
	}
	src_free(&s);
	return rc;
}

void web_packet_name(const struct meeting *mt, const char *kind, char *out, size_t n)
{
	snprintf(out, n, "%s-Styregruppemoede-%d-%d.pdf", kind, mt->number, mt->year);
}
