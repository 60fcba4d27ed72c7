/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_DIAG_H
#define FK_DIAG_H
#include <stddef.h>
/* Diagnostics for bad input: where (file, line, column or a form/API field) and why, in
 * Danish. Parsers and validators append to a list; front ends print or serialise it.
 * line/col are 1-based; 0 means "not known". field may be NULL. */
struct diag {
	char *file;
	long line;
	long col;
	char *field;
	char *msg;
	char *sheet;  /* a workbook's sheet: line is then its row and col its column */
};
struct diags {
	struct diag *v;
	size_t n;
	size_t cap;
};
void diags_init(struct diags *d);
void diags_free(struct diags *d);
void diags_add(struct diags *d, const char *file, long line, long col, const char *field,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Marks the diagnostics from index from on as about cells of the workbook sheet: they print
 * as Excel names a cell, "Ark1!F12" (a whole row: "Ark1, række 12"). */
void diags_in_sheet(struct diags *d, size_t from, const char *sheet);
/* "file:line:col: msg" (parts that are unknown are left out), one per line, to stderr. */
void diags_print(const struct diags *d);
#endif
