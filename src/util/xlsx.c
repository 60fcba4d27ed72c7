/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Tables as Excel workbooks (xlsx.h). libxlsxwriter writes a file; it is written in the
 * temporary directory and read back, so callers get bytes. */
#include "util/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/xalloc.h"

/* Characters of UTF-8 text, for the column widths. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static lxw_datetime excel_day(fk_date d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return (lxw_datetime){y, m, dd, 0, 0, 0.0};
}

int xl_write(const struct xl_table *t, struct buf *out, char *err, size_t n)
{
	const char *dir = getenv("TMPDIR");
	/* mkstemp fills in the six X of the template */
	char *path = xasprintf("%s/fkigov-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		snprintf(err, n, "Regnearket kunne ikke skrives: ingen midlertidig fil.");
		free(path);
		return -1;
	}
	close(fd);
	/* Rows go to a temporary file as they are written (constant memory): a register of a
	 * hundred thousand rows does not hold every cell in memory at once. */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	int rc = -1;
	if (!wb) {
		snprintf(err, n, "Regnearket kunne ikke begyndes.");
		goto out;
	}
	lxw_doc_properties props = {.title = (char *)t->what, .author = "fkigov",
	                            .comments = (char *)t->source};
	workbook_set_properties(wb, &props);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDE5F0);
	format_set_bottom(head, LXW_BORDER_THIN);
	lxw_format *fdate = workbook_add_format(wb);
	format_set_num_format(fdate, "dd-mm-yyyy");
	lxw_format *fmoney = workbook_add_format(wb);
	format_set_num_format(fmoney, "#,##0.00 \"kr.\"");
	lxw_format *fint = workbook_add_format(wb);
	format_set_num_format(fint, "0");
	lxw_format *ftenths = workbook_add_format(wb);
	format_set_num_format(ftenths, "0.0");
	lxw_format *ftext = workbook_add_format(wb);
	format_set_num_format(ftext, "@");
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
	size_t *width = xcalloc(t->ncols + 1, sizeof *width);
	for (size_t c = 0; c < t->ncols; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, t->cols[c].name, head);
		width[c] = chars(t->cols[c].name) + 2;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct xl_cell *x = &t->cells[r * t->ncols + c];
			lxw_row_t row = (lxw_row_t)(r + 1);
			lxw_col_t col = (lxw_col_t)c;
			size_t w = 0;
			if (x->empty)
				continue;
			switch (t->cols[c].type) {
			case XL_TEXT:
				if (x->s && *x->s) {
					/* always a string: "=SUM(...)" stays text */
					worksheet_write_string(ws, row, col, x->s, ftext);
					w = chars(x->s);
				}
				break;
			case XL_INT:
				worksheet_write_number(ws, row, col, (double)x->i, fint);
				w = 8;
				break;
			case XL_TENTHS:
				worksheet_write_number(ws, row, col, (double)x->i / 10.0, ftenths);
				w = 6;
				break;
			case XL_MONEY:
				worksheet_write_number(ws, row, col, (double)x->i / 100.0, fmoney);
				w = 16;
				break;
			case XL_DATE:
				if (x->d != DATE_NONE && x->d != DATE_OPEN) {
					lxw_datetime dt = excel_day(x->d);
					worksheet_write_datetime(ws, row, col, &dt, fdate);
					w = 11;
				}
				break;
			}
			if (w + 2 > width[c])
				width[c] = w + 2;
		}
	}
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c] > 60 ? 60 : (double)width[c],
		                     NULL);
	free(width);
	worksheet_freeze_panes(ws, 1, 0);
	if (t->ncols)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, (lxw_col_t)(t->ncols - 1));
	/* What the workbook is. */
	lxw_worksheet *om = workbook_add_worksheet(wb, "Om");
	char day[40] = "";
	if (t->date != DATE_NONE)
		date_format_da(t->date, day, sizeof day);
	char rows[32];
	snprintf(rows, sizeof rows, "%zu", t->nrows);
	const char *about[][2] = {{"Indhold", t->what}, {"Dato", day},
	                          {"Kilde", t->source}, {"Styringsmodel", t->model},
	                          {"Rækker", rows},     {"Lavet af", "fkigov"}};
	for (size_t i = 0; i < sizeof about / sizeof about[0]; i++) {
		worksheet_write_string(om, (lxw_row_t)i, 0, about[i][0], head);
		worksheet_write_string(om, (lxw_row_t)i, 1, about[i][1] ? about[i][1] : "", NULL);
	}
	worksheet_set_column(om, 0, 0, 16, NULL);
	worksheet_set_column(om, 1, 1, 70, NULL);
	lxw_error e = workbook_close(wb);
	wb = NULL;
	if (e != LXW_NO_ERROR) {
		snprintf(err, n, "Regnearket kunne ikke skrives (%s).", lxw_strerror(e));
		goto out;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, n, "Regnearket kunne ikke læses tilbage.");
		goto out;
	}
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, k);
	fclose(f);
	rc = 0;
out:
	unlink(path);
	free(path);
	return rc;
}

/* The value at key in o, a path of object keys joined by '.' ("status.date"); NULL. */
static json_t *path_get(json_t *o, const char *key)
{
	const char *dot;
	while (o && (dot = strchr(key, '.')) != NULL) {
		char part[64];
		size_t l = (size_t)(dot - key);
		if (l >= sizeof part)
			return NULL;
		memcpy(part, key, l);
		part[l] = '\0';
		o = json_object_get(o, part);
		key = dot + 1;
	}
	return o ? json_object_get(o, key) : NULL;
}

int xl_write_json(const struct xl_table *t, json_t *rows, const struct xl_jcol *cols,
                  size_t ncols, struct buf *out, char *err, size_t n)
{
	size_t nrows = json_array_size(rows);
	struct xl_col *xc = xcalloc(ncols + 1, sizeof *xc);
	struct xl_cell *cell = xcalloc(nrows * ncols + 1, sizeof *cell);
	char **text = xcalloc(nrows * ncols + 1, sizeof *text);
	for (size_t c = 0; c < ncols; c++)
		xc[c] = (struct xl_col){cols[c].name, cols[c].type};
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			json_t *v = path_get(json_array_get(rows, r), cols[c].key);
			struct xl_cell *x = &cell[r * ncols + c];
			x->d = DATE_NONE;
			if (!v || json_is_null(v)) {
				x->empty = true;
			} else if (json_is_boolean(v)) {
				x->s = json_is_true(v) ? "ja" : "nej";
			} else if (cols[c].type == XL_TENTHS && json_is_number(v)) {
				x->i = (int64_t)llround(json_number_value(v) * 10.0);
			} else if (json_is_integer(v)) {
				x->i = json_integer_value(v);
				if (cols[c].type == XL_TEXT)
					x->s = text[r * ncols + c] = xasprintf("%lld", (long long)x->i);
			} else if (json_is_string(v)) {
				const char *s = json_string_value(v);
				if (cols[c].type == XL_DATE) /* a day, or the day of a time "…T10:00:00Z" */
					x->empty = date_parse(s, strlen(s) > 10 && s[10] == 'T' ? 10 : strlen(s),
					                      &x->d) != 0;
				else
					x->s = s;
			} else {
				x->empty = true;
			}
		}
	struct xl_table tt = *t;
	tt.cols = xc;
	tt.ncols = ncols;
	tt.cells = cell;
	tt.nrows = nrows;
	int rc = xl_write(&tt, out, err, n);
	for (size_t i = 0; i < nrows * ncols; i++)
		free(text[i]);
	free(text);
	free(cell);
	free(xc);
	return rc;
}
