/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The page writer of the documents (pdf_int.h): pango lays out plain text in DejaVu Sans
 * (Debian's fonts-dejavu-core), cairo's PDF surface writes it with the fonts embedded as
 * subsets, structure tags for the reading order, links and the outline. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pdf_int.h"
#include "util/xalloc.h"

#define FONT "DejaVu Sans"

static const struct {
	const char *desc;
	double before, after;
} styles[PW__MAX] = {
    [PW_TITLE] = {FONT " Bold 22", 0, 10},
    [PW_H1] = {FONT " Bold 14", 14, 6},
    [PW_H2] = {FONT " Bold 11", 8, 3},
    [PW_BODY] = {FONT " 10", 0, 6},
    [PW_BOLD] = {FONT " Bold 10", 0, 4},
    [PW_SMALL] = {FONT " 8.5", 0, 4},
    [PW_MONO] = {"DejaVu Sans Mono 7.5", 0, 4},
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's date format: "2027-02-18T09:00:00Z". */
static void iso_date(time_t t, char *out, size_t n)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int pw_open(struct pdfw *w, struct buf *out, const struct pdf_doc *d, const char *title)
{
	memset(w, 0, sizeof *w);
	w->out = out;
	w->footer = d->title;
	if (out) {
		w->surface = cairo_pdf_surface_create_for_stream(write_out, out, PW_A4_W, PW_A4_H);
		char date[32];
		iso_date(d->made, date, sizeof date);
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_TITLE, title);
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_AUTHOR,
		                               d->author ? d->author : "");
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_SUBJECT,
		                               d->subject ? d->subject : "");
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_CREATOR, "fkigov");
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(w->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	} else {
		w->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	}
	w->cr = cairo_create(w->surface);
	/* Unhinted metrics, so that counting and writing break every line alike. */
	PangoContext *ctx = pango_cairo_create_context(w->cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	w->lay = pango_layout_new(ctx);
	g_object_unref(ctx);
	pango_layout_set_wrap(w->lay, PANGO_WRAP_WORD_CHAR);
	for (int i = 0; i < PW__MAX; i++)
		w->font[i] = pango_font_description_from_string(styles[i].desc);
	w->name = pango_layout_copy(w->lay);
	pango_layout_set_font_description(w->name, w->font[PW_SMALL]);
	pango_layout_set_text(w->name, w->footer ? w->footer : "", -1);
	w->w = PW_A4_W;
	w->h = PW_A4_H;
	return cairo_surface_status(w->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* The footer of the current page: the document's name on the left, "Side N af M" on the
 * right, on a white band so that it stays readable on a merged page. Not tagged: cairo 1.16
 * has no artifacts, and the footer is not part of the reading order. */
static void footer(struct pdfw *w)
{
	if (!w->out || w->page == 0)
		return;
	cairo_t *cr = w->cr;
	double base = w->h - 22.0, left = w->frame ? 28.0 : PW_LEFT,
	       right = w->w - (w->frame ? 28.0 : PW_RIGHT);
	char side[64];
	snprintf(side, sizeof side, "Side %d af %d", w->page, w->total);
	pango_layout_set_font_description(w->lay, w->font[PW_SMALL]);
	pango_layout_set_width(w->lay, -1);
	if (w->frame) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, 0, base - 4, w->w, 18);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_move_to(cr, left, base);
	pango_cairo_show_layout(cr, w->name);
	pango_layout_set_text(w->lay, side, -1);
	PangoRectangle r;
	pango_layout_get_pixel_extents(w->lay, NULL, &r);
	cairo_move_to(cr, right - r.width, base);
	pango_cairo_show_layout(cr, w->lay);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static void end_page(struct pdfw *w)
{
	if (w->page == 0)
		return;
	footer(w);
	cairo_show_page(w->cr);
}

void pw_page(struct pdfw *w)
{
	end_page(w);
	if (w->out && (w->w != PW_A4_W || w->h != PW_A4_H))
		cairo_pdf_surface_set_size(w->surface, PW_A4_W, PW_A4_H);
	w->w = PW_A4_W;
	w->h = PW_A4_H;
	w->page++;
	w->frame = false;
	w->y = PW_TOP;
}

void pw_frame(struct pdfw *w, double width, double height)
{
	end_page(w);
	if (w->out)
		cairo_pdf_surface_set_size(w->surface, width, height);
	w->w = width;
	w->h = height;
	w->page++;
	w->frame = true;
	w->y = height;
}

void pw_need(struct pdfw *w, double pt)
{
	if (w->page == 0 || w->frame || w->y + pt > w->h - PW_BOTTOM)
		pw_page(w);
}

void pw_space(struct pdfw *w, double pt)
{
	w->y += pt;
}

static void set_text(struct pdfw *w, enum pw_style st, double width, const char *text)
{
	pango_layout_set_font_description(w->lay, w->font[st]);
	pango_layout_set_width(w->lay, (int)(width * PANGO_SCALE));
	pango_layout_set_text(w->lay, text ? text : "", -1);
}

double pw_height(struct pdfw *w, enum pw_style st, double width, const char *text)
{
	set_text(w, st, width, text);
	PangoRectangle r;
	pango_layout_get_extents(w->lay, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

void pw_text(struct pdfw *w, enum pw_style st, const char *tag, double indent, const char *text,
             const char *link)
{
	if (!text || !*text)
		return;
	double width = PW_WIDTH - indent;
	if (st == PW_H1 || st == PW_H2) {
		/* A heading keeps its first lines of text with it. */
		pw_need(w, styles[st].before + pw_height(w, st, width, text) + 40);
		if (w->y > PW_TOP)
			w->y += styles[st].before;
	} else {
		pw_need(w, 14);
	}
	set_text(w, st, width, text);
	cairo_t *cr = w->cr;
	bool open = false;
	PangoLayoutIter *it = pango_layout_get_iter(w->lay);
	do {
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double lh = (double)log.height / PANGO_SCALE;
		if (w->y + lh > w->h - PW_BOTTOM) {
			if (open) {
				if (link)
					cairo_tag_end(cr, CAIRO_TAG_LINK);
				cairo_tag_end(cr, tag);
				open = false;
			}
			pw_page(w);
		}
		if (!open && w->out) {
			cairo_tag_begin(cr, tag, "");
			if (link)
				cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
			open = true;
		}
		double base = (double)(pango_layout_iter_get_baseline(it) - log.y) / PANGO_SCALE;
		if (w->out) {
			cairo_move_to(cr, PW_LEFT + indent + (double)log.x / PANGO_SCALE, w->y + base);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
		}
		w->y += lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (open) {
		if (link)
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		cairo_tag_end(cr, tag);
	}
	w->y += styles[st].after;
}

void pw_pair(struct pdfw *w, const char *label, const char *value, double col)
{
	if (!value || !*value)
		return;
	double hv = pw_height(w, PW_BODY, PW_WIDTH - col, value);
	pw_need(w, hv);
	double y = w->y;
	if (w->out) {
		cairo_tag_begin(w->cr, "P", "");
		set_text(w, PW_BOLD, col - 6, label);
		cairo_move_to(w->cr, PW_LEFT, y);
		pango_cairo_show_layout(w->cr, w->lay);
		set_text(w, PW_BODY, PW_WIDTH - col, value);
		cairo_move_to(w->cr, PW_LEFT + col, y);
		pango_cairo_show_layout(w->cr, w->lay);
		cairo_tag_end(w->cr, "P");
	}
	w->y = y + hv + 3;
}

void pw_image(struct pdfw *w, cairo_surface_t *img, int iw, int ih, const char *alt)
{
	double room = w->h - PW_BOTTOM - w->y;
	if (w->page == 0 || w->frame || room < (w->h - PW_TOP - PW_BOTTOM) / 3)
		pw_page(w);
	room = w->h - PW_BOTTOM - w->y;
	double s = fmin(PW_WIDTH / iw, room / ih);
	if (s > 1.0)
		s = 1.0; /* never blown up past its pixels at 72 dpi */
	if (w->out) {
		/* Not tagged: cairo 1.16 fails the document when an image is painted inside a
		 * structure tag, and keeps no alternative text; the heading above names it. */
		(void)alt;
		cairo_save(w->cr);
		cairo_translate(w->cr, PW_LEFT, w->y);
		cairo_scale(w->cr, s, s);
		cairo_set_source_surface(w->cr, img, 0, 0);
		cairo_paint(w->cr);
		cairo_restore(w->cr);
	}
	w->y += ih * s + 8;
}

void pw_link_page(char *out, size_t n, int page, double y)
{
	snprintf(out, n, "page=%d pos=[%.1f %.1f]", page, PW_LEFT, y > 20 ? y - 12 : y);
}

/* s as a cairo attribute string: in single quotes, with \ and ' escaped. */
char *pw_link_uri(const char *s)
{
	struct buf b;
	buf_init(&b);
	buf_addc(&b, '\'');
	for (; s && *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
	}
	buf_addc(&b, '\'');
	return buf_detach(&b, NULL);
}

int pw_outline(struct pdfw *w, int parent, const char *title, int page, double y)
{
	if (!w->out)
		return 0;
	char attr[80];
	pw_link_page(attr, sizeof attr, page, y);
	return cairo_pdf_surface_add_outline(w->surface, parent, title, attr,
	                                     parent == CAIRO_PDF_OUTLINE_ROOT
	                                         ? CAIRO_PDF_OUTLINE_FLAG_OPEN
	                                         : 0);
}

int pw_close(struct pdfw *w, char *err, size_t n)
{
	end_page(w);
	cairo_status_t s = cairo_status(w->cr);
	g_object_unref(w->lay);
	g_object_unref(w->name);
	for (int i = 0; i < PW__MAX; i++)
		pango_font_description_free(w->font[i]);
	cairo_destroy(w->cr);
	cairo_surface_finish(w->surface);
	if (s == CAIRO_STATUS_SUCCESS)
		s = cairo_surface_status(w->surface);
	cairo_surface_destroy(w->surface);
	if (s != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "Dokumentet kunne ikke skrives (cairo: %s).",
		         cairo_status_to_string(s));
		return -1;
	}
	return 0;
}
