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
/* Parses a municipality CSV (header kode,navn,region,indbyggere,kommunegruppe). */
int munic_load(const char *csv, size_t len, const char *file, struct munic_table *t,
               struct diags *d);
/* The built-in table; loaded once, never freed. */
const struct munic_table *munic_builtin(void);
const struct munic *munic_find(const struct munic_table *t, int code);
void munic_free(struct munic_table *t);
const char *munic_population_date(void); /* "2026-01-01" */
const char *munic_source(void);
#endif
