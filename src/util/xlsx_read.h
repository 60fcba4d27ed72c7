/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_XLSX_READ_H
#define FK_XLSX_READ_H
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"

/* The first sheet of an Excel workbook (Office Open XML, .xlsx), read row by row (issue 15):
 * libzip opens the package in memory and expat parses its parts — the workbook (the first
 * sheet's name and part, the 1900 or 1904 date system), the shared strings, the styles (which
 * cells are formatted as dates) and the sheet itself, streamed, so a large sheet is never
 * held as a whole. No packaged C library reads XLSX (libxlsxwriter only writes; libreoffice
 * and Gnumeric are applications, not libraries), so the reading of these four parts is ours.
 *
 * Refused, with a Danish reason: a file that is not a ZIP package, a package without a
 * workbook or sheet, malformed XML, a document type declaration (OOXML has none; refusing it
 * closes the door on entity expansion), a part larger than XLR_PART_MAX when unpacked, and a
 * cell reference out of Excel's range. Formulas give their last calculated value. */

#define XLR_PART_MAX (256u << 20) /* bytes of one unpacked part */

enum xlr_kind { XLR_TEXT, XLR_NUMBER, XLR_BOOL, XLR_ERROR };

/* One cell that holds something. s is the text of a text cell, "TRUE"/"FALSE" of a boolean,
 * the error ("#REF!") of an error cell and the number as written in the file of a number;
 * valid during the callback only. */
struct xlr_cell {
	long col;             /* 1-based: A = 1 */
	enum xlr_kind kind;
	double num;           /* XLR_NUMBER */
	bool date;            /* a number formatted as a date or time */
	const char *s;
	size_t len;
};

struct xlr;

/* Opens the package data[0..len) (not copied: it must outlive the reader). NULL, with the
 * reason in err[n], when it is not a readable workbook. */
struct xlr *xlr_open(const void *data, size_t len, char *err, size_t n);
/* The first sheet's name, as Excel shows it on its tab ("Ark1"). */
const char *xlr_sheet(const struct xlr *x);
/* Calls row(arg, r, cells, ncells) for each row of the first sheet that holds a cell, in
 * order (r 1-based); cells in column order. A non-zero return from row stops the reading and
 * is returned. -1, with the reason in err[n] and the row where the reading stopped in *at_row
 * (0 when unknown), when the sheet cannot be read. */
int xlr_rows(struct xlr *x, int (*row)(void *arg, long r, const struct xlr_cell *cells, size_t n),
             void *arg, char *err, size_t n, long *at_row);
void xlr_close(struct xlr *x);

/* The day of an Excel serial number in x's date system (1900, with Excel's 29 February 1900
 * that never was; or 1904): 0, or -1 when v is no day between 1900 and 9999. A time of day is
 * dropped. */
int xlr_day(const struct xlr *x, double v, fk_date *out);
#endif
