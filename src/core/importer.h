/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_IMPORTER_H
#define FK_IMPORTER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "util/diag.h"

/* Appointments from outside — a CSV file (SPEC §5.2), a form, the API — validated and
 * checked against the register before anything is written. Pure: the caller applies the
 * resulting plan in one transaction, so an import is all rows or none. */

enum imp_col {
	COL_PERSON, COL_NAME, COL_EMAIL, COL_ORG, COL_MUNIC,
	COL_BODY, COL_SEAT, COL_PROFILE, COL_START, COL_END, COL__MAX
};
/* "person", "name", "email", "organisation", "municipality", "body", "seat", "profile",
 * "start", "end": the column names of the file, the form fields and the API keys. */
extern const char *const imp_col_names[COL__MAX];

/* One appointment as text, with where each value came from. line 0: not from a file, and
 * diagnostics then name the field instead. NULL or "" is an empty value. */
struct imp_fields {
	const char *v[COL__MAX];
	long line;
	long col[COL__MAX];
};

struct imp_person {
	char *key, *name, *email; /* email NULL when not known */
	int64_t id;               /* store row id; 0 for a new person */
	int is_new, changed;      /* write it: insert, or update name/email */
};

struct imp_appt {
	struct reg_appt a;        /* a.person: index into plan.persons; a.id: row to update or 0 */
	long line;
};

struct imp_plan {
	struct imp_person *persons;
	size_t npersons, cappersons;
	struct imp_appt *appts;   /* appointments to insert (a.id 0) or update (a.id set) */
	size_t nappts, capappts;
	size_t unchanged;         /* rows that are already in the register as given */
	size_t rows;              /* rows read */
};

void imp_plan_free(struct imp_plan *p);

/* Reads a whole appointments CSV (comma or semicolon, optional BOM) and plans it against
 * the register existing (may be empty). Every problem is reported with file:line:column
 * and why; then FK_EINPUT and an empty plan. */
int imp_csv(const struct model *m, const struct munic_table *mt, const struct reg *existing,
            const char *data, size_t len, const char *file, struct imp_plan *plan,
            struct diags *d);

/* imp_csv that calls release(upto, arg) now and then with how far the reader has got:
 * the caller may drop the bytes before upto (e.g. the pages of a file mapping). */
int imp_csv_ex(const struct model *m, const struct munic_table *mt, const struct reg *existing,
               const char *data, size_t len, const char *file, struct imp_plan *plan,
               struct diags *d, void (*release)(const char *upto, void *arg), void *arg);

/* The same from the first sheet of an Excel workbook (.xlsx): the header row and then one
 * appointment per row, columns in any order; dates as Excel dates or serial numbers, or as
 * text; the municipality as a number or text. Diagnostics name the cell, "Ark1!F12"
 * (diags_in_sheet). */
int imp_xlsx(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const char *data, size_t len, const char *file, struct imp_plan *plan,
             struct diags *d);
/* Whether data is a ZIP package (an .xlsx), by its first bytes. */
bool imp_is_xlsx(const char *data, size_t len);
/* imp_xlsx for a workbook, else imp_csv: what an upload or a file on the command line is. */
int imp_file(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const char *data, size_t len, const char *file, struct imp_plan *plan,
             struct diags *d);

/* Plans the given appointments (from a form or the API). file may be NULL. */
int imp_rows(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const struct imp_fields *rows, size_t n, const char *file, struct imp_plan *plan,
             struct diags *d);

/* Writes the register as an appointments CSV (comma, header, LF), ordered by person id,
 * body (model order) and start: export, then import, then export gives the same bytes.
 * When flush is given it is called whenever out holds more than a megabyte (and at the
 * end), and must empty out; it returns 0, or -1 to stop (imp_export then returns -1). */
struct buf;
/* The same rows as an Excel workbook (util/xlsx.h): municipality as a number, start and end
 * as dates; day and source for the "Om" sheet. 0, or -1 with a Danish reason in err[n]. */
int imp_export_xlsx(const struct model *m, const struct reg *r, fk_date day, const char *source,
                    struct buf *out, char *err, size_t n);
int imp_export(const struct model *m, const struct reg *r, struct buf *out,
               int (*flush)(struct buf *out, void *arg), void *arg);
#endif
