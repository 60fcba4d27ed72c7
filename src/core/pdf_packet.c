/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The meeting packet and the minutes (core/pdf.h): what is on the pages, in what order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pdf_int.h"
#include "util/xalloc.h"

bool pdf_image_type(const char *mime)
{
	return mime && (!strcmp(mime, "image/png") || !strcmp(mime, "image/jpeg"));
}

int pdf_jpeg_size(const unsigned char *d, size_t len, int *w, int *h, int *components)
{
	if (len < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return -1;
	size_t i = 2;
	while (i + 4 <= len) {
		if (d[i] != 0xFF)
			return -1;
		unsigned char m = d[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length */
			i += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA) /* end, or scan data before any frame header */
			return -1;
		size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
		if (seg < 2 || i + 2 + seg > len)
			return -1;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (seg < 8)
				return -1;
			*h = d[i + 5] << 8 | d[i + 6];
			*w = d[i + 7] << 8 | d[i + 8];
			*components = d[i + 9];
			return *w > 0 && *h > 0 && (*components == 1 || *components == 3 ||
			                            *components == 4)
			           ? 0
			           : -1;
		}
		i += 2 + seg;
	}
	return -1;
}

/* ------------------------------------------------------------ the material */

struct png_read {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t png_in(void *closure, unsigned char *data, unsigned int len)
{
	struct png_read *r = closure;
	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

/* The largest image placed on a page, in pixels; a larger one is listed only. */
#define IMAGE_MAX_PIXELS (40u * 1000u * 1000u)

/* One file of an item, as it goes into the packet. */
struct part {
	const struct pdf_file *f;
	size_t item;
	int number;               /* its number on the item: "Bilag 3.2" */
	bool pdf;
	struct pdf_att att;       /* pdf */
	cairo_surface_t *img;     /* a placed image, NULL none */
	int iw, ih;
	int first;                /* the page it starts on */
};

static void part_open(struct part *p)
{
	const struct pdf_file *f = p->f;
	if (f->mime && !strcmp(f->mime, "application/pdf")) {
		p->pdf = true;
		pdf_att_open(&p->att, f->data, f->len);
	} else if (f->mime && !strcmp(f->mime, "image/png")) {
		struct png_read r = {f->data, f->len};
		/* The header says the size before anything is decoded. */
		if (f->len > 24 && (uint64_t)((uint32_t)f->data[16] << 24 | f->data[17] << 16 |
		                              f->data[18] << 8 | f->data[19]) *
		                           ((uint32_t)f->data[20] << 24 | f->data[21] << 16 |
		                            f->data[22] << 8 | f->data[23]) <=
		                       IMAGE_MAX_PIXELS) {
			cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_in, &r);
			if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
				p->img = s;
				p->iw = cairo_image_surface_get_width(s);
				p->ih = cairo_image_surface_get_height(s);
			} else {
				cairo_surface_destroy(s);
			}
		}
	} else if (f->mime && !strcmp(f->mime, "image/jpeg")) {
		int w, h, c;
		if (pdf_jpeg_size(f->data, f->len, &w, &h, &c) == 0 &&
		    (uint64_t)w * (uint64_t)h <= IMAGE_MAX_PIXELS) {
			/* cairo writes the JPEG as it is (DCTDecode); the surface only gives the size,
			 * and its pixels are never touched. */
			cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
			if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, f->data, f->len, NULL,
			                                NULL) == CAIRO_STATUS_SUCCESS) {
				p->img = s;
				p->iw = w;
				p->ih = h;
			} else {
				cairo_surface_destroy(s);
			}
		}
	}
}

static void part_close(struct part *p)
{
	if (p->pdf)
		pdf_att_close(&p->att);
	if (p->img)
		cairo_surface_destroy(p->img);
}

static void size_text(size_t bytes, char *out, size_t n)
{
	if (bytes >= 1024 * 1024)
		snprintf(out, n, "%.1f MB", (double)bytes / (1024.0 * 1024.0));
	else if (bytes >= 1024)
		snprintf(out, n, "%zu kB", (bytes + 1023) / 1024);
	else
		snprintf(out, n, "%zu byte", bytes);
	for (char *c = out; *c; c++)
		if (*c == '.')
			*c = ',';
}

static const char *type_name(const char *mime)
{
	static const struct {
		const char *mime, *name;
	} v[] = {
	    {"application/pdf", "PDF"},
	    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	     "Word-dokument"},
	    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-regneark"},
	    {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	     "PowerPoint-præsentation"},
	    {"image/png", "PNG-billede"},
	    {"image/jpeg", "JPEG-billede"},
	    {"image/gif", "GIF-billede"},
	    {"image/webp", "WebP-billede"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (mime && !strcmp(mime, v[i].mime))
			return v[i].name;
	return "fil";
}

/* ------------------------------------------------------------ the packet */

struct layout {
	const struct pdf_doc *d;
	struct part *parts;
	size_t nparts;
	int *item_page;          /* in: the count's numbers (pass 2); out: this pass's */
	struct pdf_frame *frames;
	size_t nframes, capframes;
};

static void add_frame(struct layout *L, int page, int att, int apage)
{
	if (L->nframes == L->capframes) {
		L->capframes = L->capframes ? 2 * L->capframes : 32;
		L->frames = xrealloc(L->frames, L->capframes * sizeof *L->frames);
	}
	L->frames[L->nframes++] = (struct pdf_frame){page, att, apage};
}

static void cover(struct pdfw *w, const struct layout *L, const char *kind)
{
	const struct pdf_doc *d = L->d;
	pw_page(w);
	pw_outline(w, CAIRO_PDF_OUTLINE_ROOT, "Forside", 1, PW_TOP);
	w->y = PW_TOP + 90;
	pw_text(w, PW_H2, "P", 0, d->body, NULL);
	pw_space(w, 10);
	pw_text(w, PW_TITLE, "H1", 0, d->title, NULL);
	pw_text(w, PW_H1, "P", 0, kind, NULL);
	pw_space(w, 16);
	pw_pair(w, "Dato", d->date, 90);
	pw_pair(w, "Tid", d->time, 90);
	pw_pair(w, "Sted", d->place, 90);
	pw_pair(w, "Status", d->status, 90);
	if (d->version > 0) {
		char v[96];
		snprintf(v, sizeof v, "%d (kontrolsummen står på mødets side i fkigov)", d->version);
		pw_pair(w, "Version", v, 90);
	}
	if (d->changes && *d->changes) {
		pw_text(w, PW_H2, "H2", 0, "Ændret siden forrige version", NULL);
		pw_text(w, PW_BODY, "P", 0, d->changes, NULL);
	}
}

static void toc(struct pdfw *w, const struct layout *L)
{
	const struct pdf_doc *d = L->d;
	pw_page(w);
	pw_outline(w, CAIRO_PDF_OUTLINE_ROOT, "Indhold", w->page, PW_TOP);
	pw_text(w, PW_H1, "H1", 0, "Indhold", NULL);
	double col_at = 28, col_title = 74, col_page = 40;
	double tw = PW_WIDTH - col_title - col_page;
	if (w->out)
		cairo_tag_begin(w->cr, "TOC", "");
	for (size_t i = 0; i < d->nitems; i++) {
		const struct pdf_item *it = &d->items[i];
		double h = pw_height(w, PW_BODY, tw, it->title);
		pw_need(w, h + 4);
		double y = w->y;
		int page = L->item_page[i];
		if (w->out) {
			char link[96], rect[96];
			pw_link_page(link, sizeof link, page, PW_TOP);
			snprintf(rect, sizeof rect, " rect=[%.1f %.1f %.1f %.1f]", PW_LEFT, y, PW_WIDTH,
			         h);
			char *attr = xasprintf("%s%s", link, rect);
			cairo_tag_begin(w->cr, "TOCI", "");
			cairo_tag_begin(w->cr, CAIRO_TAG_LINK, attr);
			free(attr);
			char num[16], pg[16];
			snprintf(num, sizeof num, "%d.", it->pos);
			snprintf(pg, sizeof pg, "%d", page);
			pango_layout_set_font_description(w->lay, w->font[PW_BOLD]);
			pango_layout_set_width(w->lay, -1);
			pango_layout_set_text(w->lay, num, -1);
			cairo_move_to(w->cr, PW_LEFT, y);
			pango_cairo_show_layout(w->cr, w->lay);
			pango_layout_set_font_description(w->lay, w->font[PW_BODY]);
			pango_layout_set_text(w->lay, it->at ? it->at : "", -1);
			cairo_move_to(w->cr, PW_LEFT + col_at, y);
			pango_cairo_show_layout(w->cr, w->lay);
			pango_layout_set_width(w->lay, (int)(tw * PANGO_SCALE));
			pango_layout_set_text(w->lay, it->title, -1);
			cairo_move_to(w->cr, PW_LEFT + col_title, y);
			pango_cairo_show_layout(w->cr, w->lay);
			pango_layout_set_width(w->lay, -1);
			pango_layout_set_text(w->lay, pg, -1);
			PangoRectangle r;
			pango_layout_get_pixel_extents(w->lay, NULL, &r);
			cairo_move_to(w->cr, PW_LEFT + PW_WIDTH - r.width, y);
			pango_cairo_show_layout(w->cr, w->lay);
			cairo_tag_end(w->cr, CAIRO_TAG_LINK);
			cairo_tag_end(w->cr, "TOCI");
		}
		w->y = y + h + 5;
	}
	if (w->out)
		cairo_tag_end(w->cr, "TOC");
}

/* The line under an item's heading: "kl. 9.30 · 20 minutter · beslutning · Ved: X". */
static char *item_line(const struct pdf_item *it)
{
	struct buf b;
	buf_init(&b);
	if (it->at)
		buf_printf(&b, "Kl. %s · ", it->at);
	buf_printf(&b, "%d minutter · %s", it->minutes, it->kind ? it->kind : "");
	if (it->presenter && *it->presenter)
		buf_printf(&b, " · Ved %s", it->presenter);
	return buf_detach(&b, NULL);
}

static void file_entry(struct pdfw *w, struct part *p, int pos)
{
	const struct pdf_file *f = p->f;
	char sz[32], *head, *line;
	size_text(f->len, sz, sizeof sz);
	head = xasprintf("Bilag %d.%d: %s", pos, p->number, f->name);
	pw_text(w, PW_BOLD, "P", 12, head, NULL);
	free(head);
	if (p->pdf && p->att.state == PDF_ATT_MERGED) {
		line = xasprintf("PDF, %s, %d %s. Lagt ind i pakken fra side %d.", sz, p->att.npages,
		                 p->att.npages == 1 ? "side" : "sider", p->first);
		char link[96];
		pw_link_page(link, sizeof link, p->first, PW_TOP);
		pw_text(w, PW_BODY, "P", 12, line, w->out ? link : NULL);
		free(line);
	} else {
		if (p->pdf)
			line = xasprintf(
			    "PDF, %s. %s Hent den for sig og åbn den dér, eller bed sekretariatet om en ny "
			    "udgave.",
			    sz,
			    p->att.state == PDF_ATT_ENCRYPTED
			        ? "Filen er beskyttet med adgangskode og kunne derfor ikke lægges ind i "
			          "pakken."
			        : "Filen er beskadiget og kunne ikke lægges ind i pakken.");
		else if (p->img)
			line = xasprintf("%s, %s, %d × %d punkter. Vist herunder.", type_name(f->mime), sz,
			                 p->iw, p->ih);
		else
			line = xasprintf("%s, %s. Ligger ikke i pakken: hent den for sig.",
			                 type_name(f->mime), sz);
		pw_text(w, PW_BODY, "P", 12, line, NULL);
		free(line);
	}
	if (f->link) {
		char *q = pw_link_uri(f->link);
		char *attr = xasprintf("uri=%s", q);
		char *t = xasprintf("Hent: %s", f->link);
		pw_text(w, PW_SMALL, "P", 12, t, w->out ? attr : NULL);
		free(t);
		free(attr);
		free(q);
	}
	char *sum = xasprintf("SHA-256: %s", f->sha256 ? f->sha256 : "");
	pw_text(w, PW_MONO, "P", 12, sum, NULL);
	free(sum);
	if (f->note && *f->note) {
		char *t = xasprintf("Bemærk: %s", f->note);
		pw_text(w, PW_SMALL, "P", 12, t, NULL);
		free(t);
	}
	pw_space(w, 6);
}

static void item_pages(struct pdfw *w, struct layout *L, size_t i, int outline)
{
	const struct pdf_item *it = &L->d->items[i];
	pw_page(w);
	L->item_page[i] = w->page;
	char *h = xasprintf("%d. %s", it->pos, it->title);
	int me = pw_outline(w, outline, h, w->page, PW_TOP);
	pw_text(w, PW_H1, "H1", 0, h, NULL);
	free(h);
	char *line = item_line(it);
	pw_text(w, PW_SMALL, "P", 0, line, NULL);
	free(line);
	if (it->amended && *it->amended) {
		pw_text(w, PW_H2, "H2", 0, "Rettet efter udsendelsen", NULL);
		pw_text(w, PW_BODY, "P", 0, it->amended, NULL);
	}
	if (it->recommendation && *it->recommendation) {
		pw_text(w, PW_H2, "H2", 0, "Indstilling", NULL);
		pw_text(w, PW_BODY, "P", 0, it->recommendation, NULL);
	}
	if (it->material && *it->material) {
		pw_text(w, PW_H2, "H2", 0, "Skriftligt materiale", NULL);
		pw_text(w, PW_BODY, "P", 0, it->material, NULL);
	}
	/* The list of files, then the placed images, then the merged PDFs' pages (their numbers
	 * in the list are the last pass's). */
	bool any = false;
	for (size_t k = 0; k < L->nparts; k++)
		if (L->parts[k].item == i)
			any = true;
	if (any)
		pw_text(w, PW_H2, "H2", 0, "Bilag", NULL);
	for (size_t k = 0; k < L->nparts; k++)
		if (L->parts[k].item == i)
			file_entry(w, &L->parts[k], it->pos);
	for (size_t k = 0; k < L->nparts; k++) {
		struct part *p = &L->parts[k];
		if (p->item != i || !p->img)
			continue;
		char *alt = xasprintf("Bilag %d.%d: %s", it->pos, p->number, p->f->name);
		pw_need(w, (PW_A4_H - PW_TOP - PW_BOTTOM) / 3 + 40); /* the heading with its image */
		pw_text(w, PW_H2, "H2", 0, alt, NULL);
		p->first = w->page;
		pw_outline(w, me, alt, w->page, w->y);
		pw_image(w, p->img, p->iw, p->ih, alt);
		free(alt);
	}
	for (size_t k = 0; k < L->nparts; k++) {
		struct part *p = &L->parts[k];
		if (p->item != i || !p->pdf || p->att.state != PDF_ATT_MERGED)
			continue;
		for (int j = 0; j < p->att.npages; j++) {
			double fw, fh;
			pdf_att_size(&p->att, j, &fw, &fh);
			pw_frame(w, fw, fh);
			if (j == 0) {
				p->first = w->page;
				char *t = xasprintf("Bilag %d.%d: %s", it->pos, p->number, p->f->name);
				pw_outline(w, me, t, w->page, 0);
				free(t);
			}
			add_frame(L, w->page, (int)k, j);
		}
	}
}

void pdf_result_free(struct pdf_result *r)
{
	free(r->item_page);
	memset(r, 0, sizeof *r);
}

/* One pass of the packet into out (NULL: count). The pages' numbers from the last pass in
 * item_page and each part's first; this pass's in them afterwards. */
static int packet_pass(struct layout *L, struct buf *out, int total, char *err, size_t n)
{
	struct pdfw w;
	char *title = xasprintf("Dagsorden med bilag: %s", L->d->title);
	if (pw_open(&w, out, L->d, title) != 0) {
		free(title);
		snprintf(err, n, "Dokumentet kunne ikke begyndes.");
		return -1;
	}
	free(title);
	w.total = total;
	L->nframes = 0;
	/* The numbers the list and the contents show are those of the last pass; they are
	 * taken from copies, so that this pass can find its own. */
	int *shown = xmalloc((L->d->nitems + 1) * sizeof *shown);
	memcpy(shown, L->item_page, L->d->nitems * sizeof *shown);
	int *firsts = xmalloc((L->nparts + 1) * sizeof *firsts);
	for (size_t k = 0; k < L->nparts; k++)
		firsts[k] = L->parts[k].first;
	int *found = xcalloc(L->d->nitems + 1, sizeof *found);
	int *found_first = xcalloc(L->nparts + 1, sizeof *found_first);
	/* Lay out with the shown numbers in place, collect the found ones. */
	cover(&w, L, "Dagsorden med bilag");
	toc(&w, L);
	for (size_t i = 0; i < L->d->nitems; i++) {
		item_pages(&w, L, i, CAIRO_PDF_OUTLINE_ROOT);
		found[i] = L->item_page[i];
		L->item_page[i] = shown[i];
		for (size_t k = 0; k < L->nparts; k++)
			if (L->parts[k].item == i) {
				found_first[k] = L->parts[k].first;
				L->parts[k].first = firsts[k];
			}
	}
	int pages = w.page;
	int rc = pw_close(&w, err, n);
	memcpy(L->item_page, found, L->d->nitems * sizeof *found);
	for (size_t k = 0; k < L->nparts; k++)
		L->parts[k].first = found_first[k];
	free(shown);
	free(firsts);
	free(found);
	free(found_first);
	return rc == 0 ? pages : -1;
}

int pdf_packet(const struct pdf_doc *d, struct buf *out, struct pdf_result *res, char *err,
               size_t n)
{
	struct layout L = {.d = d};
	L.item_page = xcalloc(d->nitems + 1, sizeof *L.item_page);
	size_t nparts = 0;
	for (size_t i = 0; i < d->nitems; i++)
		nparts += d->items[i].nfiles;
	L.parts = xcalloc(nparts + 1, sizeof *L.parts);
	for (size_t i = 0; i < d->nitems; i++)
		for (size_t k = 0; k < d->items[i].nfiles; k++) {
			struct part *p = &L.parts[L.nparts++];
			p->f = &d->items[i].files[k];
			p->item = i;
			p->number = (int)k + 1;
			part_open(p);
		}
	/* Count, then write with the numbers the count found; a page number never changes how a
	 * line breaks, so the writing finds the same pages. Should it not, count again with what
	 * it found. */
	struct buf typeset;
	buf_init(&typeset);
	int total = packet_pass(&L, NULL, 0, err, n), written = -1, rc = -1;
	for (int tries = 0; total > 0 && tries < 3; tries++) {
		buf_reset(&typeset);
		written = packet_pass(&L, &typeset, total, err, n);
		if (written == total || written <= 0)
			break;
		total = packet_pass(&L, NULL, written, err, n);
	}
	if (written > 0 && written == total) {
		struct pdf_att *atts = xcalloc(L.nparts + 1, sizeof *atts);
		for (size_t k = 0; k < L.nparts; k++)
			atts[k] = L.parts[k].att;
		rc = pdf_merge((const unsigned char *)typeset.s, typeset.len, L.frames, L.nframes, atts,
		               out, err, n);
		free(atts);
	} else if (written > 0) {
		snprintf(err, n, "Siderne kunne ikke tælles ens to gange.");
	}
	if (rc == 0 && res) {
		res->pages = total;
		res->nitems = d->nitems;
		res->item_page = xmalloc((d->nitems + 1) * sizeof *res->item_page);
		memcpy(res->item_page, L.item_page, d->nitems * sizeof *res->item_page);
	}
	buf_free(&typeset);
	for (size_t k = 0; k < L.nparts; k++)
		part_close(&L.parts[k]);
	free(L.parts);
	free(L.frames);
	free(L.item_page);
	return rc;
}

/* ------------------------------------------------------------ the minutes */

static void people(struct pdfw *w, const char *head, char *const *v, size_t n, const char *none)
{
	pw_text(w, PW_H2, "H2", 0, head, NULL);
	if (n == 0)
		pw_text(w, PW_BODY, "P", 0, none, NULL);
	for (size_t i = 0; i < n; i++)
		pw_text(w, PW_BODY, "P", 8, v[i], NULL);
}

int pdf_minutes(const struct pdf_doc *d, struct buf *out, char *err, size_t n)
{
	int total = 0, rc = -1;
	for (int pass = 0; pass < 2; pass++) {
		struct pdfw w;
		struct buf typeset;
		buf_init(&typeset);
		char *title = xasprintf("Referat: %s", d->title);
		if (pw_open(&w, pass ? &typeset : NULL, d, title) != 0) {
			free(title);
			snprintf(err, n, "Dokumentet kunne ikke begyndes.");
			return -1;
		}
		w.total = total;
		pw_page(&w);
		pw_outline(&w, CAIRO_PDF_OUTLINE_ROOT, "Referat", 1, PW_TOP);
		pw_text(&w, PW_H2, "P", 0, d->body, NULL);
		pw_text(&w, PW_TITLE, "H1", 0, title, NULL);
		free(title);
		pw_pair(&w, "Dato", d->date, 90);
		pw_pair(&w, "Tid", d->time, 90);
		pw_pair(&w, "Sted", d->place, 90);
		pw_pair(&w, "Status", d->status, 90);
		pw_outline(&w, CAIRO_PDF_OUTLINE_ROOT, "Deltagere", w.page, w.y + 14);
		pw_text(&w, PW_H1, "H1", 0, "Deltagere", NULL);
		people(&w, "Til stede", d->present, d->npresent, "Ingen er registreret som til stede.");
		people(&w, "Afbud og fravær", d->absent, d->nabsent, "Ingen.");
		if (d->unrecorded) {
			char *t = xasprintf("Fremmødet er ikke registreret for %zu %s.", d->unrecorded,
			                    d->unrecorded == 1 ? "medlem" : "medlemmer");
			pw_text(&w, PW_SMALL, "P", 0, t, NULL);
			free(t);
		}
		pw_text(&w, PW_H1, "H1", 0, "Dagsordenens punkter", NULL);
		for (size_t i = 0; i < d->nitems; i++) {
			const struct pdf_item *it = &d->items[i];
			char *h = xasprintf("%d. %s", it->pos, it->title);
			pw_need(&w, 60);
			pw_outline(&w, CAIRO_PDF_OUTLINE_ROOT, h, w.page, w.y + 14);
			pw_text(&w, PW_H2, "H2", 0, h, NULL);
			free(h);
			char *line = item_line(it);
			pw_text(&w, PW_SMALL, "P", 0, line, NULL);
			free(line);
			pw_text(&w, PW_BOLD, "P", 0, it->decision, NULL);
			pw_pair(&w, "Udfald", it->outcome ? it->outcome : "ikke registreret", 90);
			pw_text(&w, PW_BODY, "P", 0,
			        it->minutes_text && *it->minutes_text ? it->minutes_text
			                                              : "Intet referat til punktet.",
			        NULL);
			pw_space(&w, 4);
		}
		int pages = w.page;
		rc = pw_close(&w, err, n);
		if (rc == 0 && pass == 1)
			rc = pdf_merge((const unsigned char *)typeset.s, typeset.len, NULL, 0, NULL, out,
			               err, n);
		buf_free(&typeset);
		if (rc != 0)
			return -1;
		total = pages;
	}
	return rc;
}
