/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "core/munic.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/err.h"
#include "util/xalloc.h"

/* data/kommuner.csv, embedded at build time by scripts/embed. */
extern const unsigned char embed_kommuner_csv[];
extern const size_t embed_kommuner_csv_len;

enum munic_col { COL_KODE, COL_NAVN, COL_REGION, COL_INDBYGGERE, COL_GRUPPE, COL__MAX };

static const char *const col_names[COL__MAX] = {
    [COL_KODE] = "kode",
    [COL_NAVN] = "navn",
    [COL_REGION] = "region",
    [COL_INDBYGGERE] = "indbyggere",
    [COL_GRUPPE] = "kommunegruppe",
};

/* What to write when a text cell is empty. */
static const char *const col_empty_msg[COL__MAX] = {
    [COL_NAVN] = "Kommunens navn mangler; skriv navnet (fx København).",
    [COL_REGION] = "Regionen mangler; skriv regionens navn (fx Region Hovedstaden).",
    [COL_GRUPPE] = "Kommunegruppen mangler; skriv gruppen (fx Landkommuner).",
};

#define COLUMN_LIST "kode, navn, region, indbyggere og kommunegruppe"

/* ------------------------------------------------------------------------------------ */
/* Helpers */

static void table_init(struct munic_table *t)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < sizeof t->by_code / sizeof t->by_code[0]; i++)
		t->by_code[i] = -1;
}

/* Length of at most max bytes of s that ends on a character boundary, so a long or odd
 * cell can be quoted in a message without cutting a UTF-8 sequence. */
static int quote_len(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (int)len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

#define CELL_MAX 40
#define CELL_FMT "»%.*s%s«"
#define CELL_ARGS(f) quote_len((f)->s, (f)->len, CELL_MAX), (f)->s, (f)->len > CELL_MAX ? "…" : ""

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return 0;
	return 1;
}

/* Parses 1 to 18 ASCII digits (so the value fits an int64_t); -1 when s is anything else. */
static int64_t parse_count(const char *s, size_t len)
{
	if (len == 0 || len > 18)
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Index of region name in t->regions, adding it at the end when it is new. */
static int region_intern(struct munic_table *t, const char *name)
{
	for (size_t i = 0; i < t->nregions; i++)
		if (strcmp(t->regions[i], name) == 0)
			return (int)i;
	t->regions = xrealloc(t->regions, (t->nregions + 1) * sizeof *t->regions);
	t->regions[t->nregions] = xstrdup(name);
	return (int)t->nregions++;
}

/* ------------------------------------------------------------------------------------ */
/* Loading */

/* Maps the header's columns to pos[COL_*] (a field index). Adds the number of problems
 * reported to *bad. Returns -1 when the rows cannot be read (a column is missing or twice),
 * else 0: the rows can still be checked when only an unknown column is in the way. */
static int read_header(const struct csv_reader *r, const char *file, int pos[COL__MAX], int *bad,
                       struct diags *d)
{
	int fatal = 0;
	for (int c = 0; c < COL__MAX; c++)
		pos[c] = -1;
	for (size_t i = 0; i < r->nfields; i++) {
		const struct csv_field *f = &r->fields[i];
		int c = 0;
		while (c < COL__MAX && strcmp(f->s, col_names[c]) != 0)
			c++;
		if (c == COL__MAX) {
			diags_add(d, file, f->line, f->col, NULL,
			          "Kolonnen " CELL_FMT " kendes ikke; overskriften skal have "
			          "kolonnerne " COLUMN_LIST ".",
			          CELL_ARGS(f));
			(*bad)++;
		} else if (pos[c] >= 0) {
			diags_add(d, file, f->line, f->col, NULL,
			          "Kolonnen »%s« står to gange i overskriften; fjern den ene.",
			          col_names[c]);
			fatal++;
		} else {
			pos[c] = (int)i;
		}
	}
	for (int c = 0; c < COL__MAX; c++) {
		if (pos[c] < 0) {
			diags_add(d, file, r->record_line, 0, NULL,
			          "Kolonnen »%s« mangler i overskriften; tilføj den (kolonnerne "
			          "er " COLUMN_LIST ").",
			          col_names[c]);
			fatal++;
		}
	}
	*bad += fatal;
	return fatal ? -1 : 0;
}

/* Checks one data row and adds it to t. first_line[code] is the line a code was first
 * seen on. Returns the number of problems reported. */
static int read_row(const struct csv_reader *r, const char *file, const int pos[COL__MAX],
                    size_t nheader, long first_line[1000], struct munic_table *t, struct diags *d)
{
	if (r->nfields != nheader) {
		long col = r->nfields > nheader ? r->fields[nheader].col : 0;
		diags_add(d, file, r->record_line, col, NULL,
		          "Rækken har %zu felter, men overskriften har %zu; ret rækken, så den har "
		          "ét felt til hver kolonne.",
		          r->nfields, nheader);
		return 1;
	}
	int bad = 0;
	const struct csv_field *f = &r->fields[pos[COL_KODE]];
	int64_t code = f->len == 3 ? parse_count(f->s, f->len) : -1;
	if (code < 101 || code > 999) {
		diags_add(d, file, f->line, f->col, col_names[COL_KODE],
		          "Kommunekoden " CELL_FMT " er ugyldig; den skal være tre cifre fra 101 "
		          "til 999 (fx 101 for København).",
		          CELL_ARGS(f));
		bad++;
	} else if (first_line[code]) {
		diags_add(d, file, f->line, f->col, col_names[COL_KODE],
		          "Kommunekoden %d står også i linje %ld; hver kommune må kun stå én gang.",
		          (int)code, first_line[code]);
		bad++;
	} else {
		first_line[code] = f->line;
	}

	f = &r->fields[pos[COL_INDBYGGERE]];
	int64_t population = parse_count(f->s, f->len);
	if (population < 0) {
		diags_add(d, file, f->line, f->col, col_names[COL_INDBYGGERE],
		          "Indbyggertallet " CELL_FMT " er ugyldigt; skriv et helt tal uden "
		          "punktum, mellemrum eller fortegn (fx 671714).",
		          CELL_ARGS(f));
		bad++;
	}

	static const enum munic_col text_cols[] = {COL_NAVN, COL_REGION, COL_GRUPPE};
	for (size_t i = 0; i < sizeof text_cols / sizeof text_cols[0]; i++) {
		enum munic_col c = text_cols[i];
		f = &r->fields[pos[c]];
		if (is_blank(f->s)) {
			diags_add(d, file, f->line, f->col, col_names[c], "%s", col_empty_msg[c]);
			bad++;
		}
	}
	if (bad)
		return bad;

	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	struct munic *m = &t->v[t->n];
	m->code = (int)code;
	m->name = xstrdup(r->fields[pos[COL_NAVN]].s);
	m->region = region_intern(t, r->fields[pos[COL_REGION]].s);
	m->population = population;
	m->group = xstrdup(r->fields[pos[COL_GRUPPE]].s);
	t->by_code[code] = (int)t->n++;
	return 0;
}

int munic_load(const char *csv, size_t len, const char *file, struct munic_table *t,
               struct diags *d)
{
	assert(t && d);
	struct csv_reader r;
	int pos[COL__MAX];
	long first_line[1000] = {0};
	int bad = 0, rc;
	size_t nheader;

	table_init(t);
	csv_open(&r, csv, len, file);
	rc = csv_next(&r, d);
	if (rc == 0)
		diags_add(d, file, 0, 0, NULL,
		          "Filen er tom; den skal begynde med overskriften "
		          "kode,navn,region,indbyggere,kommunegruppe.");
	if (rc != 1 || read_header(&r, file, pos, &bad, d) < 0) {
		bad++;
		goto out;
	}
	nheader = r.nfields;
	while ((rc = csv_next(&r, d)) == 1)
		bad += read_row(&r, file, pos, nheader, first_line, t, d);
	if (rc < 0)
		bad++;
	if (!bad && t->n == 0) {
		diags_add(d, file, 0, 0, NULL,
		          "Filen indeholder ingen kommuner; tilføj en række for hver kommune under "
		          "overskriften.");
		bad++;
	}
out:
	csv_close(&r);
	if (bad) {
		munic_free(t);
		return FK_EINPUT;
	}
	return FK_OK;
}

void munic_free(struct munic_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].group);
	}
	for (size_t i = 0; i < t->nregions; i++)
		free(t->regions[i]);
	free(t->v);
	free(t->regions);
	table_init(t);
}

const struct munic *munic_find(const struct munic_table *t, int code)
{
	assert(t);
	if (code < 0 || code >= (int)(sizeof t->by_code / sizeof t->by_code[0]))
		return NULL;
	int i = t->by_code[code];
	return i < 0 ? NULL : &t->v[i];
}

/* ------------------------------------------------------------------------------------ */
/* The built-in table */

static struct munic_table builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_load(void)
{
	struct diags d;
	diags_init(&d);
	if (munic_load((const char *)embed_kommuner_csv, embed_kommuner_csv_len,
	               "data/kommuner.csv (indbygget)", &builtin, &d) != FK_OK) {
		diags_print(&d);
		fprintf(stderr,
		        "fkigov: de indbyggede kommunedata kan ikke læses, så programmet er "
		        "bygget forkert; ret data/kommuner.csv, og byg programmet igen.\n");
		abort();
	}
	diags_free(&d);
}

const struct munic_table *munic_builtin(void)
{
	pthread_once(&builtin_once, builtin_load);
	return &builtin;
}

const char *munic_population_date(void)
{
	return "2026-01-01";
}

const char *munic_source(void)
{
	return "Indbyggertal pr. 1. januar 2026 fra Danmarks Statistik, tabel FOLK1A (2026K1); "
	       "kommunegrupper efter Danmarks Statistiks inddeling KOMMUNEGRUPPER_V1_2018.";
}
