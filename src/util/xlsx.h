/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_XLSX_H
#define FK_XLSX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/buf.h"

/* Tables as Excel workbooks (issue 15), written with libxlsxwriter: real types (dates as
 * Excel dates shown as 31-12-2027, money as numbers in kroner with a "kr." format, whole
 * numbers as numbers), a bold header row that is frozen and carries an autofilter, column
 * widths from the content, and a second sheet "Om" saying what the workbook is, the date,
 * the source and the model. Text is always written as text: a cell that begins with =, +,
 * - or @ is never a formula. */

/* XL_TENTHS: a number with one decimal (a score), i in tenths; from JSON any number. */
enum xl_type { XL_TEXT, XL_INT, XL_DATE, XL_MONEY, XL_TENTHS };

struct xl_col {
	const char *name;
	enum xl_type type;
};

/* One cell: text (s, NULL for empty), a whole number or øre (i), or a day (d; DATE_NONE or
 * DATE_OPEN for empty). empty: write nothing. */
struct xl_cell {
	const char *s;
	int64_t i;
	fk_date d;
	bool empty;
};

struct xl_table {
	const char *sheet;           /* the first sheet's name, at most 31 characters */
	const struct xl_col *cols;
	size_t ncols;
	const struct xl_cell *cells; /* nrows x ncols, by row */
	size_t nrows;
	/* the "Om" sheet */
	const char *what;            /* "Registret over udpegninger" */
	const char *source;          /* "fkigov, databasen fkigov.db" */
	const char *model;           /* the model's name */
	fk_date date;                /* what day the data is for */
};

/* Writes the workbook into out. 0, or -1 with a Danish reason in err[n]. */
int xl_write(const struct xl_table *t, struct buf *out, char *err, size_t n);

/* A column of a JSON table: the key of each row object (a path "status.date" reaches into
 * an object in the row), the header, the type (a date from a
 * "YYYY-MM-DD" string, money from whole øre; true and false become "ja" and "nej"). */
struct xl_jcol {
	const char *key;
	const char *name;
	enum xl_type type;
};
/* The rows (an array of objects) as a workbook, t giving the sheet and the "Om" sheet (its
 * cols, cells and nrows are ignored). */
#include <jansson.h>
int xl_write_json(const struct xl_table *t, json_t *rows, const struct xl_jcol *cols,
                  size_t ncols, struct buf *out, char *err, size_t n);
#endif
