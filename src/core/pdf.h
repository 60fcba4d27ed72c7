/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PDF_H
#define FK_PDF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"

/* The documents members read (issue 12, SPEC §9): the meeting packet — a cover, a table of
 * contents with clickable page numbers, every agenda item followed by its PDF material merged
 * in page for page — and the minutes. Typeset with cairo and pango (fonts embedded as
 * subsets, structure tags, outline, metadata); the material pages merged and stamped with
 * qpdf's C API (libqpdf). Pure: data in, PDF bytes out; the same data gives the same bytes
 * (the dates in the metadata are the ones given, the file ID is derived from the content). */

/* One file of written material on an item. */
struct pdf_file {
	const char *name;            /* as it is downloaded */
	const char *mime;            /* libmagic's type */
	const unsigned char *data;
	size_t len;
	const char *sha256;          /* 64 hex digits */
	const char *link;            /* the address it is downloaded from, NULL none */
	const char *note;            /* e.g. an amendment's reason; NULL none */
};

struct pdf_item {
	int pos;
	const char *at;              /* the clock time it starts, "9.30" */
	const char *title;
	const char *kind;            /* Danish: "beslutning", "orientering", ... */
	const char *presenter;       /* NULL none */
	int minutes;
	const char *recommendation;  /* indstilling, NULL none */
	const char *material;        /* written material as text or an address, NULL none */
	const char *amended;         /* amendments after dispatch, NULL none */
	/* The minutes only: */
	const char *outcome;         /* Danish, NULL none */
	const char *minutes_text;
	const char *decision;        /* "Beslutning 3 på møde 1/2027", as the decision log names it; NULL none */
	const struct pdf_file *files;
	size_t nfiles;
};

struct pdf_doc {
	const char *body;            /* "Styregruppen for Fælleskommunal Infrastruktur" */
	const char *title;           /* "Styregruppemøde 1/2027"; also the footer's name */
	const char *date;            /* "torsdag den 4. marts 2027" */
	const char *time;            /* "kl. 9.00-13.00" */
	const char *place;           /* NULL none */
	const char *author;          /* "Sekretariat FKI" */
	const char *subject;         /* the metadata's subject */
	const char *status;          /* a line on the cover: "Udsendt 18. februar 2027", NULL none */
	int version;                 /* the packet's version, 0 none */
	const char *changes;         /* what changed since the last version, NULL none */
	time_t made;                 /* the documents' creation date in the metadata */
	const struct pdf_item *items;
	size_t nitems;
	/* The minutes only: who took part (members, substitutes, guests) and who did not, as
	 * lines of text (core/attend.h, attend_minutes_build), and how many members' attendance
	 * is not recorded. */
	char *const *present;
	char *const *absent;
	size_t npresent, nabsent, unrecorded;
};

/* What became of a PDF attachment. */
enum pdf_att_state { PDF_ATT_MERGED, PDF_ATT_DAMAGED, PDF_ATT_ENCRYPTED };

struct pdf_result {
	int pages;                   /* the whole document's */
	int *item_page;              /* [nitems]: the page each item starts on (1-based) */
	size_t nitems;
};
void pdf_result_free(struct pdf_result *r);

/* The meeting packet of d into out. 0, or -1 with a Danish reason in err[n] (nothing in
 * out). res, when not NULL, gets the page numbers. */
int pdf_packet(const struct pdf_doc *d, struct buf *out, struct pdf_result *res, char *err,
               size_t n);
/* The minutes of d (items with outcome, text and decision number; attendance). */
int pdf_minutes(const struct pdf_doc *d, struct buf *out, char *err, size_t n);

/* Whether a file of this type is shown on a page of its own in the packet (PNG, JPEG). */
bool pdf_image_type(const char *mime);
/* The width and height of a baseline or progressive JPEG from its SOF marker: 0, or -1 when
 * data is not a JPEG whose size can be read. */
int pdf_jpeg_size(const unsigned char *data, size_t len, int *w, int *h, int *components);
#endif
