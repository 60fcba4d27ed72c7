/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PDF_INT_H
#define FK_PDF_INT_H
/* Inside the documents (core/pdf.h): the page writer over cairo and pango (pdf_write.c) and
 * the merging of PDF material with qpdf (pdf_merge.c). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/pdf.h"

#define PW_A4_W 595.276
#define PW_A4_H 841.890
#define PW_LEFT 62.0
#define PW_RIGHT 62.0
#define PW_TOP 62.0
#define PW_BOTTOM 72.0 /* the footer lives below this */
#define PW_WIDTH (PW_A4_W - PW_LEFT - PW_RIGHT)

enum pw_style { PW_TITLE, PW_H1, PW_H2, PW_BODY, PW_BOLD, PW_SMALL, PW_MONO, PW__MAX };

/* The page writer. Twice over a document: first counting (a 1x1 image surface, nothing
 * written: only how many pages and where things start), then for real with the numbers the
 * count found. Font metrics are unhinted in both, so both break lines alike. */
struct pdfw {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *lay;
	PangoLayout *name;   /* the footer's name, shaped once */
	PangoFontDescription *font[PW__MAX];
	struct buf *out;     /* NULL while counting */
	int page;            /* the current page, 1-based; 0 before the first */
	int total;           /* how many pages in all (the count's result; 0 while counting) */
	double w, h;         /* the current page's size */
	double y;            /* the cursor, from the top of the page */
	bool frame;          /* the current page is a frame for a merged page: footer only */
	const char *footer;  /* the document's name in every footer */
	cairo_status_t status;
};

/* Opens a writer into out (NULL: counting), with the metadata of d. 0 or -1. */
int pw_open(struct pdfw *w, struct buf *out, const struct pdf_doc *d, const char *title);
/* Ends the document: 0, or -1 with a reason in err[n]. */
int pw_close(struct pdfw *w, char *err, size_t n);
/* A new A4 page; a new page of width x height for a merged page (frame). */
void pw_page(struct pdfw *w);
void pw_frame(struct pdfw *w, double width, double height);
/* Room for at least pt points on the page, else a new page. */
void pw_need(struct pdfw *w, double pt);
void pw_space(struct pdfw *w, double pt);
/* A paragraph of plain text (never markup) in style st, indented indent points, wrapped,
 * broken across pages by line; tagged as tag (a structure type such as "P" or "H1"), and a
 * link when link is not NULL (cairo link attributes). */
void pw_text(struct pdfw *w, enum pw_style st, const char *tag, double indent, const char *text,
             const char *link);
/* A label and a value on one line, the value indented to col. */
void pw_pair(struct pdfw *w, const char *label, const char *value, double col);
/* The height of text in style st at width points. */
double pw_height(struct pdfw *w, enum pw_style st, double width, const char *text);
/* An image of iw x ih pixels placed in the flow, at most the content width and the rest of
 * the page (a new page when less than a third is left). */
void pw_image(struct pdfw *w, cairo_surface_t *img, int iw, int ih, const char *alt);
/* An outline entry to page at y; returns its id for children. */
int pw_outline(struct pdfw *w, int parent, const char *title, int page, double y);
/* Cairo link attributes to page at y into out[n]; a URI's, quoted. */
void pw_link_page(char *out, size_t n, int page, double y);
char *pw_link_uri(const char *uri);

/* An opened PDF attachment. */
struct pdf_box {
	double x0, y0, x1, y1;
	int rotate;
};
struct pdf_att {
	void *q;                 /* qpdf_data */
	enum pdf_att_state state;
	int npages;
	struct pdf_box *box;     /* [npages] */
	char why[200];
};
/* Reads data[0..len) as PDF: state and pages. */
void pdf_att_open(struct pdf_att *a, const unsigned char *data, size_t len);
void pdf_att_close(struct pdf_att *a);
/* The size of page i as shown (rotation applied). */
void pdf_att_size(const struct pdf_att *a, int i, double *w, double *h);

/* A frame page of the typeset document and the material page that goes under it. */
struct pdf_frame {
	int page;   /* 1-based in the typeset document */
	int att;    /* index into the attachments */
	int apage;  /* 0-based in it */
};
/* Puts each frame's material page under it in the typeset document doc[0..len), sets the
 * document language (da) and viewer preferences, and writes the result to out. 0, or -1 with
 * a Danish reason in err[n]. */
int pdf_merge(const unsigned char *doc, size_t len, const struct pdf_frame *f, size_t nf,
              struct pdf_att *atts, struct buf *out, char *err, size_t n);
#endif
