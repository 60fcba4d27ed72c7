/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_MUNIC_H
#define FK_MUNIC_H
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

/* The 98 municipalities (data/kommuner.csv, built in): code, name, region, population on
 * munic_population_date(), kommunegruppe. */
struct munic {
	int code;          /* 101 ... 860 */
	char *name;
	int region;        /* index into munic_table.regions */
	int64_t population;
	char *group;       /* kommunegruppe */
};
struct munic_table {
	struct munic *v;
	size_t n;
	char **regions;
	size_t nregions;
	int by_code[1000]; /* index into v, or -1 */
};
/* Parses a municipality CSV (header kode,navn,region,indbyggere,kommunegruppe, in any
 * order; ',' or ';'; see util/csv.h) into t, which it initialises. Every cell is checked:
 * code three digits 101-999 and unique, population a whole number >= 0, names not empty.
 * Regions are numbered in the order they first appear. Returns FK_OK, or FK_EINPUT with one
 * diagnostic per problem (file:line:column, Danish) appended to d (not NULL) and t left
 * empty. The caller frees t with munic_free. */
int munic_load(const char *csv, size_t len, const char *file, struct munic_table *t,
               struct diags *d);
/* The built-in table (data/kommuner.csv); loaded once, thread-safe, never freed. Aborts
 * with a message when the built-in data is broken (a build error, not a user error). */
const struct munic_table *munic_builtin(void);
/* The municipality with code, or NULL (also for codes outside 0-999). */
const struct munic *munic_find(const struct munic_table *t, int code);
/* Frees what t holds and leaves it empty. */
void munic_free(struct munic_table *t);
const char *munic_population_date(void); /* "2026-01-01" */
/* One line in Danish naming the source of the figures (Danmarks Statistik, FOLK1A 2026K1). */
const char *munic_source(void);
#endif
