/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* PDF material merged into the typeset document with qpdf's C API (pdf_int.h). Each material
 * page becomes a form XObject drawn under a frame page that cairo made at its size, so the
 * typeset document keeps its outline, links, structure tags and metadata, and the footer
 * cairo drew on the frame lies on top of the material. Why qpdf and not poppler: qpdf copies
 * the pages' own content, fonts and images as they are (nothing is rendered again), and reads
 * damaged files with repair where it can. */
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pdf_int.h"
#include "util/xalloc.h"

/* qpdf's error, if any, into why[n]; true when there was one. */
static bool failed(qpdf_data q, char *why, size_t n)
{
	if (!qpdf_has_error(q))
		return false;
	qpdf_error e = qpdf_get_error(q);
	snprintf(why, n, "%s", e ? qpdf_get_error_full_text(q, e) : "ukendt fejl");
	return true;
}

static double num(qpdf_data q, qpdf_oh arr, int i)
{
	return qpdf_oh_get_numeric_value(q, qpdf_oh_get_array_item(q, arr, i));
}

/* The page's visible box (its CropBox within its MediaBox) and rotation. */
static int page_box(qpdf_data q, qpdf_oh pg, struct pdf_box *b)
{
	qpdf_oh mb = qpdf_oh_get_key(q, pg, "/MediaBox");
	if (!qpdf_oh_is_array(q, mb) || qpdf_oh_get_array_n_items(q, mb) != 4)
		return -1;
	double x0 = num(q, mb, 0), y0 = num(q, mb, 1), x1 = num(q, mb, 2), y1 = num(q, mb, 3);
	qpdf_oh cb = qpdf_oh_get_key(q, pg, "/CropBox");
	if (qpdf_oh_is_array(q, cb) && qpdf_oh_get_array_n_items(q, cb) == 4) {
		double c0 = num(q, cb, 0), c1 = num(q, cb, 1), c2 = num(q, cb, 2), c3 = num(q, cb, 3);
		if (c2 > c0 && c3 > c1) {
			x0 = c0 > x0 ? c0 : x0;
			y0 = c1 > y0 ? c1 : y0;
			x1 = c2 < x1 ? c2 : x1;
			y1 = c3 < y1 ? c3 : y1;
		}
	}
	if (x1 < x0) {
		double t = x0;
		x0 = x1;
		x1 = t;
	}
	if (y1 < y0) {
		double t = y0;
		y0 = y1;
		y1 = t;
	}
	if (x1 - x0 < 1 || y1 - y0 < 1 || x1 - x0 > 14400 || y1 - y0 > 14400)
		return -1;
	b->x0 = x0;
	b->y0 = y0;
	b->x1 = x1;
	b->y1 = y1;
	qpdf_oh r = qpdf_oh_get_key(q, pg, "/Rotate");
	int rot = qpdf_oh_is_integer(q, r) ? qpdf_oh_get_int_value_as_int(q, r) : 0;
	rot %= 360;
	if (rot < 0)
		rot += 360;
	b->rotate = rot / 90 * 90;
	return 0;
}

void pdf_att_open(struct pdf_att *a, const unsigned char *data, size_t len)
{
	memset(a, 0, sizeof *a);
	qpdf_data q = qpdf_init();
	a->q = q;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	a->state = PDF_ATT_DAMAGED;
	if (qpdf_read_memory(q, "bilag", (const char *)data, len, NULL) & QPDF_ERRORS) {
		failed(q, a->why, sizeof a->why);
		if (strstr(a->why, "password"))
			a->state = PDF_ATT_ENCRYPTED;
		return;
	}
	qpdf_push_inherited_attributes_to_page(q);
	int n = qpdf_get_num_pages(q);
	if (failed(q, a->why, sizeof a->why) || n <= 0) {
		if (n == 0)
			snprintf(a->why, sizeof a->why, "ingen sider");
		return;
	}
	a->box = xcalloc((size_t)n, sizeof *a->box);
	for (int i = 0; i < n; i++) {
		qpdf_oh pg = qpdf_get_page_n(q, (size_t)i);
		/* A page of several content streams is decoded when it is merged (form_of), so it
		 * must decode: a broken stream is found here, not while the packet is written. One
		 * stream is copied as it is. */
		unsigned char *c = NULL;
		size_t clen = 0;
		if (page_box(q, pg, &a->box[i]) != 0 ||
		    (!qpdf_oh_is_stream(q, qpdf_oh_get_key(q, pg, "/Contents")) &&
		     qpdf_oh_get_page_content_data(q, pg, &c, &clen) & QPDF_ERRORS)) {
			free(c);
			if (!failed(q, a->why, sizeof a->why))
				snprintf(a->why, sizeof a->why, "side %d kan ikke læses", i + 1);
			free(a->box);
			a->box = NULL;
			return;
		}
		free(c);
	}
	qpdf_oh_release_all(q);
	a->npages = n;
	a->state = PDF_ATT_MERGED;
}

void pdf_att_close(struct pdf_att *a)
{
	if (a->q) {
		qpdf_data q = a->q;
		qpdf_cleanup(&q);
	}
	free(a->box);
	memset(a, 0, sizeof *a);
}

void pdf_att_size(const struct pdf_att *a, int i, double *w, double *h)
{
	const struct pdf_box *b = &a->box[i];
	double bw = b->x1 - b->x0, bh = b->y1 - b->y0;
	bool turned = b->rotate == 90 || b->rotate == 270;
	*w = turned ? bh : bw;
	*h = turned ? bw : bh;
}

/* The matrix that puts box b, rotated, with its lower left corner at the origin. */
static void box_matrix(const struct pdf_box *b, double m[6])
{
	double W = b->x1 - b->x0, H = b->y1 - b->y0, x0 = b->x0, y0 = b->y0;
	switch (b->rotate) {
	case 90:
		m[0] = 0, m[1] = -1, m[2] = 1, m[3] = 0, m[4] = -y0, m[5] = x0 + W;
		break;
	case 180:
		m[0] = -1, m[1] = 0, m[2] = 0, m[3] = -1, m[4] = W + x0, m[5] = H + y0;
		break;
	case 270:
		m[0] = 0, m[1] = 1, m[2] = -1, m[3] = 0, m[4] = H + y0, m[5] = -x0;
		break;
	default:
		m[0] = 1, m[1] = 0, m[2] = 0, m[3] = 1, m[4] = -x0, m[5] = -y0;
	}
}

static qpdf_oh real_array(qpdf_data q, const double *v, int n)
{
	qpdf_oh a = qpdf_oh_new_array(q);
	for (int i = 0; i < n; i++)
		qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, v[i], 3));
	return a;
}

/* Material page i of a as a form XObject of q. */
static qpdf_oh form_of(qpdf_data q, struct pdf_att *a, int i)
{
	qpdf_data f = a->q;
	qpdf_oh pg = qpdf_get_page_n(f, (size_t)i);
	qpdf_oh contents = qpdf_oh_get_key(f, pg, "/Contents");
	qpdf_oh form;
	if (qpdf_oh_is_stream(f, contents)) {
		/* One content stream: copied as it is, still compressed, and made a form. */
		form = qpdf_oh_copy_foreign_object(q, f, contents);
	} else {
		unsigned char *c = NULL;
		size_t clen = 0;
		qpdf_oh_get_page_content_data(f, pg, &c, &clen);
		form = qpdf_oh_new_stream(q);
		qpdf_oh_replace_stream_data(q, form, c, clen, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
		free(c);
	}
	qpdf_oh dict = qpdf_oh_get_dict(q, form);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/XObject"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Form"));
	const struct pdf_box *b = &a->box[i];
	double bbox[4] = {b->x0, b->y0, b->x1, b->y1};
	qpdf_oh_replace_key(q, dict, "/BBox", real_array(q, bbox, 4));
	qpdf_oh res = qpdf_oh_get_key(f, pg, "/Resources");
	if (qpdf_oh_is_dictionary(f, res)) {
		/* Only indirect objects cross between documents: a direct dictionary is made
		 * indirect in the material's document first (it is never written). */
		if (qpdf_oh_get_object_id(f, res) == 0)
			res = qpdf_make_indirect_object(f, res);
		qpdf_oh_replace_key(q, dict, "/Resources", qpdf_oh_copy_foreign_object(q, f, res));
	} else {
		qpdf_oh_replace_key(q, dict, "/Resources", qpdf_oh_new_dictionary(q));
	}
	return form;
}

/* Draws form under the content of page pg of q, named name. */
static void put_under(qpdf_data q, qpdf_oh pg, qpdf_oh form, const char *name,
                      const struct pdf_box *b)
{
	qpdf_oh res = qpdf_oh_get_key(q, pg, "/Resources");
	if (!qpdf_oh_is_dictionary(q, res)) {
		res = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, pg, "/Resources", res);
	}
	qpdf_oh xo = qpdf_oh_get_key(q, res, "/XObject");
	if (!qpdf_oh_is_dictionary(q, xo)) {
		xo = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, res, "/XObject", xo);
	}
	qpdf_oh_replace_key(q, xo, name, form);
	double m[6];
	box_matrix(b, m);
	char ops[200];
	int len = snprintf(ops, sizeof ops, "q %.4f %.4f %.4f %.4f %.4f %.4f cm %s Do Q\n", m[0],
	                   m[1], m[2], m[3], m[4], m[5], name);
	qpdf_oh under = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, under, (const unsigned char *)ops, (size_t)len,
	                            qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	qpdf_oh old = qpdf_oh_get_key(q, pg, "/Contents");
	qpdf_oh arr = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, arr, under);
	if (qpdf_oh_is_array(q, old)) {
		int n = qpdf_oh_get_array_n_items(q, old);
		for (int i = 0; i < n; i++)
			qpdf_oh_append_item(q, arr, qpdf_oh_get_array_item(q, old, i));
	} else if (qpdf_oh_is_stream(q, old)) {
		qpdf_oh_append_item(q, arr, old);
	}
	qpdf_oh_replace_key(q, pg, "/Contents", arr);
}

int pdf_merge(const unsigned char *doc, size_t len, const struct pdf_frame *f, size_t nf,
              struct pdf_att *atts, struct buf *out, char *err, size_t n)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	char why[300] = "";
	int rc = -1;
	if (qpdf_read_memory(q, "pakke", (const char *)doc, len, NULL) & QPDF_ERRORS) {
		failed(q, why, sizeof why);
		goto out;
	}
	int npages = qpdf_get_num_pages(q);
	for (size_t i = 0; i < nf; i++) {
		if (f[i].page < 1 || f[i].page > npages)
			continue;
		struct pdf_att *a = &atts[f[i].att];
		qpdf_oh pg = qpdf_get_page_n(q, (size_t)(f[i].page - 1));
		qpdf_oh form = form_of(q, a, f[i].apage);
		char name[32];
		snprintf(name, sizeof name, "/FkiBilag%zu", i + 1);
		put_under(q, pg, form, name, &a->box[f[i].apage]);
		if (failed(q, why, sizeof why) || failed(a->q, why, sizeof why))
			goto out;
		if (i % 32 == 31) {
			qpdf_oh_release_all(q);
			qpdf_oh_release_all(a->q);
		}
	}
	/* The language, and the title rather than the file name in the viewer's title bar. */
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, "da-DK"));
	qpdf_oh vp = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
	qpdf_oh_replace_key(q, root, "/PageMode", qpdf_oh_new_name(q, "/UseOutlines"));
	if (qpdf_oh_has_key(q, root, "/StructTreeRoot")) { /* cairo's structure tags */
		qpdf_oh mi = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, mi, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
		qpdf_oh_replace_key(q, root, "/MarkInfo", mi);
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
		failed(q, why, sizeof why);
		goto out;
	}
	qpdf_set_object_stream_mode(q, qpdf_o_preserve);
	if (qpdf_write(q) & QPDF_ERRORS) {
		failed(q, why, sizeof why);
		goto out;
	}
	buf_add(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q));
	rc = 0;
out:
	if (rc != 0)
		snprintf(err, n, "Materialet kunne ikke lægges ind i mødepakken (qpdf: %s).", why);
	qpdf_cleanup(&q);
	return rc;
}
