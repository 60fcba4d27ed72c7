/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/csv.h"
#include "util/xalloc.h"

void diags_init(struct diags *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].field);
		free(d->v[i].msg);
		free(d->v[i].sheet);
	}
	free(d->v);
	diags_init(d);
}

void diags_add(struct diags *d, const char *file, long line, long col, const char *field,
               const char *fmt, ...)
{
	d->v = xgrow(d->v, sizeof *d->v, d->n + 1, &d->cap);
	struct diag *g = &d->v[d->n++];
	g->file = file ? xstrdup(file) : NULL;
	g->line = line;
	g->col = col;
	g->field = field ? xstrdup(field) : NULL;
	g->sheet = NULL;
	va_list ap;
	va_start(ap, fmt);
	struct buf b;
	buf_init(&b);
	char tmp[1024];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_adds(&b, tmp);
	g->msg = buf_detach(&b, NULL);
}

void diags_in_sheet(struct diags *d, size_t from, const char *sheet)
{
	for (size_t i = from; i < d->n; i++)
		if (!d->v[i].sheet)
			d->v[i].sheet = xstrdup(sheet);
}

void diags_print(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		if (g->sheet) {
			char cell[8];
			csv_col_letters(g->col > 0 ? (size_t)(g->col - 1) : 0, cell);
			if (g->file)
				fprintf(stderr, "%s: ", g->file);
			if (g->line && g->col)
				fprintf(stderr, "%s!%s%ld: ", g->sheet, cell, g->line);
			else if (g->line)
				fprintf(stderr, "%s, række %ld: ", g->sheet, g->line);
			fprintf(stderr, "%s\n", g->msg);
			continue;
		}
		if (g->file)
			fprintf(stderr, "%s:", g->file);
		if (g->line)
			fprintf(stderr, "%ld:", g->line);
		if (g->line && g->col)
			fprintf(stderr, "%ld:", g->col);
		if (g->file || g->line)
			fputc(' ', stderr);
		if (g->field)
			fprintf(stderr, "%s: ", g->field);
		fprintf(stderr, "%s\n", g->msg);
	}
}
