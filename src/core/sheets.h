/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_SHEETS_H
#define FK_SHEETS_H
#include <jansson.h>
#include <stddef.h>

#include "core/date.h"
#include "util/buf.h"

/* The tables users take away as Excel workbooks (issue 15), each made from the JSON document
 * the API gives for it: the first sheet's name, the columns with their types, how the rows
 * come out of the document and what the "Om" sheet says. One definition serves the command
 * line (--xlsx FILE) and the page's »Hent som Excel«. */
enum sheet_kind {
	SHEET_FORECAST,  /* report_forecast: a row per group and quarter */
	SHEET_ECONOMY,   /* econ_report_json: the municipalities' shares of the frame */
	SHEET_PORTFOLIO, /* portfolio_json: a row per initiative with status and milestone */
	SHEET_DECISIONS, /* the decision log (GET /api/v1/decisions): a row per decision */
	SHEET_RECRUIT,   /* recruit propose: a row per candidate, with the outcome and why */
	SHEET_ROUND,     /* a round's report: a row per applicant, named only when appointed */
	SHEET__MAX
};

/* Writes doc (not changed) as the workbook of kind k into out. what: the "Om" sheet's
 * description, or NULL for the kind's own. day: what day the data is for; source: where it
 * came from ("fkigov, databasen fkigov.db"); model: the model's name. 0, or -1 with a Danish
 * reason in err[n]. *rows (may be NULL) gets the number of rows written. */
int sheet_write(enum sheet_kind k, json_t *doc, const char *what, fk_date day, const char *source,
                const char *model, struct buf *out, size_t *rows, char *err, size_t n);
#endif
