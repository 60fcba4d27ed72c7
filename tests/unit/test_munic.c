/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the municipality table (src/core/munic.c): the built-in data is the 98
 * municipalities with their 1 January 2026 population (data/SOURCES.md), and a file with
 * bad cells is refused with every problem at its line:column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/munic.h"
#include "util/err.h"

#define HEADER "kode,navn,region,indbyggere,kommunegruppe\n"

/* ------------------------------------------------------------------------------------ */
/* The built-in data */

static void test_builtin_counts(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	assert_non_null(t);
	assert_int_equal(t->n, 98);
	int64_t sum = 0;
	for (size_t i = 0; i < t->n; i++) {
		sum += t->v[i].population;
		assert_true(t->v[i].code >= 101 && t->v[i].code <= 999);
		assert_ptr_equal(munic_find(t, t->v[i].code), &t->v[i]);
		assert_true(t->v[i].region >= 0 && (size_t)t->v[i].region < t->nregions);
	}
	assert_int_equal(sum, 6025511);
}

/* Five regions, in the order they first appear in the file; municipalities and people
 * per region as data/SOURCES.md states them. */
static void test_builtin_regions(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	static const struct {
		const char *name;
		int count;
		int64_t population;
	} want[] = {
	    {"Region Hovedstaden", 29, 1947120}, {"Region Sjælland", 17, 858102},
	    {"Region Syddanmark", 22, 1243914},  {"Region Midtjylland", 19, 1383261},
	    {"Region Nordjylland", 11, 593114},
	};
	assert_int_equal(t->nregions, 5);
	for (size_t r = 0; r < 5; r++) {
		int count = 0;
		int64_t pop = 0;
		for (size_t i = 0; i < t->n; i++) {
			if (t->v[i].region == (int)r) {
				count++;
				pop += t->v[i].population;
			}
		}
		assert_string_equal(t->regions[r], want[r].name);
		assert_int_equal(count, want[r].count);
		assert_int_equal(pop, want[r].population);
	}
}

static void test_builtin_groups(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	static const struct {
		const char *name;
		int count;
	} want[] = {
	    {"Hovedstadskommuner", 24}, {"Storbykommuner", 3}, {"Provinsbykommuner", 16},
	    {"Oplandskommuner", 24},    {"Landkommuner", 31},
	};
	for (size_t g = 0; g < 5; g++) {
		int count = 0;
		for (size_t i = 0; i < t->n; i++)
			count += strcmp(t->v[i].group, want[g].name) == 0;
		assert_int_equal(count, want[g].count);
	}
}

static void test_builtin_kobenhavn(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	const struct munic *m = munic_find(t, 101);
	assert_non_null(m);
	assert_int_equal(m->code, 101);
	assert_string_equal(m->name, "København");
	assert_string_equal(t->regions[m->region], "Region Hovedstaden");
	assert_int_equal(m->population, 671714);
	assert_string_equal(m->group, "Hovedstadskommuner");
}

/* The smallest municipality. */
static void test_builtin_laeso(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	const struct munic *m = munic_find(t, 825);
	assert_non_null(m);
	assert_string_equal(m->name, "Læsø");
	assert_string_equal(t->regions[m->region], "Region Nordjylland");
	assert_int_equal(m->population, 1683);
	assert_string_equal(m->group, "Landkommuner");
	for (size_t i = 0; i < t->n; i++)
		assert_true(t->v[i].population >= m->population);
}

/* Codes that are no municipality find nothing: Christiansø (411) is not one. */
static void test_find_unknown(void **state)
{
	(void)state;
	const struct munic_table *t = munic_builtin();
	assert_null(munic_find(t, 411));
	assert_null(munic_find(t, 0));
	assert_null(munic_find(t, 100));
	assert_null(munic_find(t, -1));
	assert_null(munic_find(t, 999));
	assert_null(munic_find(t, 1000));
	assert_null(munic_find(t, 101101));
}

static void *builtin_thread(void *arg)
{
	(void)arg;
	return (void *)munic_builtin();
}

/* The server calls munic_builtin from many threads: all get the same table. */
static void test_builtin_threads(void **state)
{
	(void)state;
	pthread_t th[8];
	void *got[8];
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&th[i], NULL, builtin_thread, NULL), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_join(th[i], &got[i]), 0);
	for (int i = 0; i < 8; i++)
		assert_ptr_equal(got[i], munic_builtin());
}

static void test_population_date_and_source(void **state)
{
	(void)state;
	assert_string_equal(munic_population_date(), "2026-01-01");
	const char *s = munic_source();
	assert_non_null(strstr(s, "Danmarks Statistik"));
	assert_non_null(strstr(s, "FOLK1A"));
	assert_non_null(strstr(s, "2026K1"));
	assert_null(strchr(s, '\n'));
}

/* ------------------------------------------------------------------------------------ */
/* Loading other files */

/* Columns in any order, semicolons and a byte-order mark (Danish Excel). */
static void test_load_any_order(void **state)
{
	(void)state;
	const char *in = "\xEF\xBB\xBF"
	                 "indbyggere;kommunegruppe;kode;region;navn\r\n"
	                 "1683;Landkommuner;825;Region Nordjylland;Læsø\r\n"
	                 "671714;Hovedstadskommuner;101;Region Hovedstaden;\"København\"\r\n"
	                 "42572;Landkommuner;787;Region Nordjylland;Thisted\r\n";
	struct munic_table t;
	struct diags d;
	diags_init(&d);
	assert_int_equal(munic_load(in, strlen(in), "k.csv", &t, &d), FK_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.nregions, 2);
	assert_string_equal(t.regions[0], "Region Nordjylland");
	assert_string_equal(t.regions[1], "Region Hovedstaden");
	const struct munic *m = munic_find(&t, 101);
	assert_non_null(m);
	assert_string_equal(m->name, "København");
	assert_int_equal(m->region, 1);
	assert_int_equal(munic_find(&t, 787)->region, 0);
	assert_int_equal(munic_find(&t, 787)->population, 42572);
	munic_free(&t);
	assert_int_equal(t.n, 0);
	assert_null(munic_find(&t, 101));
	diags_free(&d);
}

struct want_diag {
	long line, col;
	const char *start; /* the message starts with this */
};

/* Asserts that in is refused with exactly the diagnostics in want, in order, and that the
 * table comes back empty. */
static void expect_refused(const char *in, const struct want_diag *want, size_t nwant)
{
	struct munic_table t;
	struct diags d;
	diags_init(&d);
	assert_int_equal(munic_load(in, strlen(in), "k.csv", &t, &d), FK_EINPUT);
	if (d.n != nwant) {
		diags_print(&d);
		fail_msg("%zu diagnostics, wanted %zu", d.n, nwant);
	}
	for (size_t i = 0; i < nwant; i++) {
		assert_string_equal(d.v[i].file, "k.csv");
		if (d.v[i].line != want[i].line || d.v[i].col != want[i].col ||
		    strncmp(d.v[i].msg, want[i].start, strlen(want[i].start)) != 0)
			fail_msg("got %ld:%ld %s; wanted %ld:%ld %s…", d.v[i].line, d.v[i].col,
			         d.v[i].msg, want[i].line, want[i].col, want[i].start);
	}
	assert_int_equal(t.n, 0);
	assert_null(t.v);
	assert_int_equal(t.nregions, 0);
	assert_null(munic_find(&t, 101));
	munic_free(&t);
	diags_free(&d);
}

#define EXPECT(in, ...)                                                                            \
	do {                                                                                       \
		const struct want_diag w_[] = {__VA_ARGS__};                                       \
		expect_refused(in, w_, sizeof w_ / sizeof w_[0]);                                  \
	} while (0)

static void test_bad_header(void **state)
{
	(void)state;
	EXPECT("", {0, 0, "Filen er tom"});
	EXPECT("\n\n", {0, 0, "Filen er tom"});
	EXPECT(HEADER, {0, 0, "Filen indeholder ingen kommuner"});
	EXPECT("kode,navn,region,indbyggere\n101,K,R,1\n",
	       {1, 0, "Kolonnen »kommunegruppe« mangler i overskriften"});
	EXPECT("kode,navn,kommune,region,indbyggere,kommunegruppe\n",
	       {1, 11, "Kolonnen »kommune« kendes ikke"});
	EXPECT("kode,navn,region,navn,indbyggere,kommunegruppe\n",
	       {1, 18, "Kolonnen »navn« står to gange"});
	/* An unknown column does not stop the rows from being checked. */
	EXPECT("kode,navn,region,note,indbyggere,kommunegruppe\n101,A,R,x,y,G\n",
	       {1, 18, "Kolonnen »note« kendes ikke"}, {2, 11, "Indbyggertallet »y«"});
	/* Names are exact: a capital letter is another column. */
	EXPECT("Kode,navn,region,indbyggere,kommunegruppe\n", {1, 1, "Kolonnen »Kode« kendes ikke"},
	       {1, 0, "Kolonnen »kode« mangler"});
}

static void test_bad_code(void **state)
{
	(void)state;
	const char *p = "Kommunekoden";
	EXPECT(HEADER "10a,A,R,1,G\n", {2, 1, p});
	EXPECT(HEADER "99,A,R,1,G\n", {2, 1, p});
	EXPECT(HEADER "100,A,R,1,G\n", {2, 1, p});
	EXPECT(HEADER "0101,A,R,1,G\n", {2, 1, p});
	EXPECT(HEADER " 101,A,R,1,G\n", {2, 1, p});
	EXPECT(HEADER ",A,R,1,G\n", {2, 1, p});
	EXPECT("navn,kode,region,indbyggere,kommunegruppe\nÆrø,-12,R,1,G\n", {2, 5, p});
	EXPECT(HEADER "101,A,R,1,G\n147,B,R,2,G\n\n101,C,R,3,G\n",
	       {5, 1, "Kommunekoden 101 står også i linje 2"});
}

static void test_bad_population(void **state)
{
	(void)state;
	const char *p = "Indbyggertallet";
	EXPECT(HEADER "101,København,R,-5,G\n", {2, 17, p});
	EXPECT(HEADER "101,København,R,671.714,G\n", {2, 17, p});
	EXPECT(HEADER "101,København,R,\"671 714\",G\n", {2, 17, p});
	EXPECT(HEADER "101,København,R,,G\n", {2, 17, p});
	EXPECT(HEADER "101,København,R,1e6,G\n", {2, 17, p});
	EXPECT(HEADER "101,København,R,99999999999999999999,G\n", {2, 17, p});
	/* Zero is a number of people. */
	const char *ok = HEADER "101,København,R,0,G\n";
	struct munic_table t;
	struct diags d;
	diags_init(&d);
	assert_int_equal(munic_load(ok, strlen(ok), "k.csv", &t, &d), FK_OK);
	assert_int_equal(munic_find(&t, 101)->population, 0);
	munic_free(&t);
	diags_free(&d);
}

static void test_bad_text(void **state)
{
	(void)state;
	EXPECT(HEADER "101,,R,1,G\n", {2, 5, "Kommunens navn mangler"});
	EXPECT(HEADER "101,A,  ,1,G\n", {2, 7, "Regionen mangler"});
	EXPECT(HEADER "101,A,R,1,\"\"\n", {2, 11, "Kommunegruppen mangler"});
}

static void test_bad_row_length(void **state)
{
	(void)state;
	EXPECT(HEADER "101,A,R,1\n", {2, 0, "Rækken har 4 felter, men overskriften har 5"});
	EXPECT(HEADER "101,A,R,1,G,extra\n",
	       {2, 13, "Rækken har 6 felter, men overskriften har 5"});
}

/* A malformed CSV file is refused with the reader's diagnostic. */
static void test_bad_csv(void **state)
{
	(void)state;
	EXPECT(HEADER "101,\"K,R,1,G\n", {2, 5, "Anførselstegnet"});
	EXPECT(HEADER "101,K\xF8"
	              "benhavn,R,1,G\n",
	       {2, 6, "Ugyldig UTF-8"});
	EXPECT("kode,\"navn\"x\n", {1, 12, "Der står tekst efter"});
}

/* Every problem in the file is reported, not only the first. */
static void test_all_problems(void **state)
{
	(void)state;
	EXPECT(HEADER "101,A,R,1,G\n"
	              "1,B,R,x,G\n"
	              "147,,R,2,G\n"
	              "101,D,R,3,G\n",
	       {3, 1, "Kommunekoden »1« er ugyldig"}, {3, 7, "Indbyggertallet »x«"},
	       {4, 5, "Kommunens navn mangler"}, {5, 1, "Kommunekoden 101 står også i linje 2"});
}

/* A long cell is shortened in the message, on a character boundary. */
static void test_long_cell(void **state)
{
	(void)state;
	char in[512];
	char cell[200];
	size_t n = 0;
	while (n + 2 < 120) {
		cell[n++] = '\xC3';
		cell[n++] = '\xB8';
	}
	cell[n] = '\0';
	snprintf(in, sizeof in, HEADER "101,A,R,%s,G\n", cell);
	struct munic_table t;
	struct diags d;
	diags_init(&d);
	assert_int_equal(munic_load(in, strlen(in), "k.csv", &t, &d), FK_EINPUT);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "øøø…«"));
	assert_true(strlen(d.v[0].msg) < 300);
	munic_free(&t);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_builtin_counts),
	    cmocka_unit_test(test_builtin_regions),
	    cmocka_unit_test(test_builtin_groups),
	    cmocka_unit_test(test_builtin_kobenhavn),
	    cmocka_unit_test(test_builtin_laeso),
	    cmocka_unit_test(test_find_unknown),
	    cmocka_unit_test(test_builtin_threads),
	    cmocka_unit_test(test_population_date_and_source),
	    cmocka_unit_test(test_load_any_order),
	    cmocka_unit_test(test_bad_header),
	    cmocka_unit_test(test_bad_code),
	    cmocka_unit_test(test_bad_population),
	    cmocka_unit_test(test_bad_text),
	    cmocka_unit_test(test_bad_row_length),
	    cmocka_unit_test(test_bad_csv),
	    cmocka_unit_test(test_all_problems),
	    cmocka_unit_test(test_long_cell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
