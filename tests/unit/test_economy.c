/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the economy and the portfolio (src/core/economy.c): money parsed and
 * written in whole øre, the frame of a year in øre with the shipped 1 January 2026 figures,
 * the rate that applies to a year, allocations at exactly the frame and one øre over,
 * spending against allocations, status reports (every refused input with its message),
 * trends, the frame-exceeded check and population files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/initiative.h"
#include "core/munic.h"
#include "core/rules.h"
#include "util/err.h"

#define SHIPPED_CITIZENS INT64_C(6025511)

static fk_date D(const char *s)
{
	fk_date d;
	assert_int_equal(date_parse(s, strlen(s), &d), 0);
	return d;
}

static bool contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		print_error("»%s« does not contain »%s«\n", hay, needle);
		return false;
	}
	return true;
}

/* An economy with the shipped figures, the model's rate 500 and two initiatives: 0 special,
 * 1 not. */
static void setup_econ(struct econ *e)
{
	econ_init(e, 500);
	econ_add_builtin_popset(e, munic_builtin());
	econ_add_initiative(e, 1, "fki-1", "Fælles login", "styregruppe", NULL, true, "x");
	econ_add_initiative(e, 2, "fki-2", "Drift", "rg-drift-forvaltning", NULL, false, "x");
	econ_sort(e);
}

/* ================================================================== money */

static void test_parse_kr_good(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int64_t ore;
	} cases[] = {
	    {"5", 500},
	    {"5,00", 500},
	    {"5,5", 550},
	    {"5,-", 500},
	    {"0", 0},
	    {"0,01", 1},
	    {",50", 50},
	    {"1.234,50", 123450},
	    {"1234.50", 123450},
	    {"1234,5", 123450},
	    {"1.234", 123400}, /* a dot and three digits: thousands */
	    {"1.234.567", 123456700},
	    {"1 234,50", 123450},
	    {"1\xc2\xa0"
	     "234,50",
	     123450}, /* no-break space */
	    {"  12,34  ", 1234},
	    {"5 kr.", 500},
	    {"5 kr", 500},
	    {"kr. 5,00", 500},
	    {"DKK 1.000", 100000},
	    {"30.127.555,00 kr.", INT64_C(3012755500)},
	    {"1.000.000.000.000", ECON_ORE_MAX},
	    {"12.345.678,90", INT64_C(1234567890)},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t ore = -1;
		char why[300] = "";
		int rc = econ_parse_kr(cases[i].in, &ore, why, sizeof why);
		if (rc != 0)
			print_error("»%s«: %s\n", cases[i].in, why);
		assert_int_equal(rc, 0);
		assert_int_equal(ore, cases[i].ore);
	}
}

static void test_parse_kr_bad(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *why; /* part of the message */
	} cases[] = {
	    {"", "Skriv beløbet i kroner"},
	    {"kr.", "Skriv beløbet i kroner"},
	    {"-5", "uden fortegn"},
	    {"+5", "uden fortegn"},
	    {"5,001", "højst have to decimaler"},
	    {"1,2,3", "kun have ét komma"},
	    {"12,345.67", "komma før ørerne"},
	    {"1.2345", "Punktum bruges"},
	    {"1.23.456", "grupper af tre"},
	    {"1234.567,00", "grupper af tre"},
	    {"0.001", "grupper af tre"},
	    {"1.234.56", "Punktum bruges"},
	    {"5,", "efter kommaet"},
	    {"5,50,-", "kun have ét komma"},
	    {"fem", "er ikke et beløb"},
	    {"5e3", "er ikke et beløb"},
	    {"1.000.000.000.000,01", "for stort"},
	    {"9999999999999999", "for stort"},
	    {"12345678901234567890123456789012345678901234567890123456789012345", "for langt"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t ore = 42;
		char why[300] = "";
		int rc = econ_parse_kr(cases[i].in, &ore, why, sizeof why);
		if (rc == 0)
			print_error("»%s« was accepted as %lld øre\n", cases[i].in, (long long)ore);
		assert_int_equal(rc, -1);
		assert_int_equal(ore, 42); /* untouched */
		assert_true(contains(why, cases[i].why));
	}
}

static void test_parse_ore(void **state)
{
	(void)state;
	int64_t v;
	char why[200];
	assert_int_equal(econ_parse_ore("123456", ECON_ORE_MAX, &v, why, sizeof why), 0);
	assert_int_equal(v, 123456);
	assert_int_equal(econ_parse_ore("0", ECON_ORE_MAX, &v, why, sizeof why), 0);
	assert_int_equal(v, 0);
	assert_int_equal(econ_parse_ore("1000000", 1000000, &v, why, sizeof why), 0);
	assert_int_equal(econ_parse_ore("1000001", 1000000, &v, why, sizeof why), -1);
	assert_true(contains(why, "for stort"));
	assert_int_equal(
	    econ_parse_ore("99999999999999999999999", ECON_ORE_MAX, &v, why, sizeof why), -1);
	assert_int_equal(econ_parse_ore("12,5", ECON_ORE_MAX, &v, why, sizeof why), -1);
	assert_true(contains(why, "helt antal øre"));
	assert_int_equal(econ_parse_ore("-1", ECON_ORE_MAX, &v, why, sizeof why), -1);
	assert_int_equal(econ_parse_ore("", ECON_ORE_MAX, &v, why, sizeof why), -1);
}

static void test_format_kr(void **state)
{
	(void)state;
	static const struct {
		int64_t ore;
		const char *out;
	} cases[] = {
	    {0, "0,00 kr."},
	    {1, "0,01 kr."},
	    {99, "0,99 kr."},
	    {100, "1,00 kr."},
	    {123456, "1.234,56 kr."},
	    {-123456, "-1.234,56 kr."},
	    {INT64_C(3012755500), "30.127.555,00 kr."},
	    {INT64_MAX, "92.233.720.368.547.758,07 kr."},
	    {INT64_MIN, "-92.233.720.368.547.758,08 kr."},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		econ_format_kr(cases[i].ore, true, buf, sizeof buf);
		assert_string_equal(buf, cases[i].out);
	}
	econ_format_kr(123456, false, buf, sizeof buf);
	assert_string_equal(buf, "1.234,56");
	econ_format_int(6025511, buf, sizeof buf);
	assert_string_equal(buf, "6.025.511");
	econ_format_int(999, buf, sizeof buf);
	assert_string_equal(buf, "999");
	/* Round trip: what is written is read back. */
	for (int64_t v = 0; v < 300000; v += 997) {
		int64_t back;
		char why[200];
		econ_format_kr(v, true, buf, sizeof buf);
		assert_int_equal(econ_parse_kr(buf, &back, why, sizeof why), 0);
		assert_int_equal(back, v);
	}
}

static void test_parse_year(void **state)
{
	(void)state;
	int y;
	assert_int_equal(econ_parse_year("2027", &y), 0);
	assert_int_equal(y, 2027);
	assert_int_equal(econ_parse_year("1900", &y), 0);
	assert_int_equal(econ_parse_year("2199", &y), 0);
	assert_int_equal(econ_parse_year("1899", &y), -1);
	assert_int_equal(econ_parse_year("2200", &y), -1);
	assert_int_equal(econ_parse_year("20x7", &y), -1);
	assert_int_equal(econ_parse_year("227", &y), -1);
	assert_int_equal(econ_parse_year("02027", &y), -1);
	assert_int_equal(econ_parse_year("", &y), -1);
}

/* ================================================================== the frame */

static void test_frame_shipped(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	struct econ_frame f;
	char why[1024];
	/* 2026 and 2027: the shipped set dated 2026-01-01, 500 øre × 6,025,511. */
	for (int y = 2026; y <= 2030; y++) {
		assert_int_equal(econ_frame(&e, y, &f, why, sizeof why), 0);
		assert_int_equal(f.rate_ore, 500);
		assert_int_equal(f.rate_index, -1);
		assert_int_equal(f.citizens, SHIPPED_CITIZENS);
		assert_int_equal(f.population_date, D("2026-01-01"));
		assert_int_equal(f.frame_ore, INT64_C(3012755500));
		assert_int_equal(f.allocated_ore, 0);
		assert_int_equal(f.remaining_ore, INT64_C(3012755500));
	}
	/* 2025: no figures on or before 1 January 2025. */
	assert_int_equal(econ_frame(&e, 2025, &f, why, sizeof why), -1);
	assert_true(contains(why, "1. januar 2025"));
	assert_true(contains(why, "1. januar 2026")); /* which dates exist */
	assert_true(contains(why, "Indlæs befolkningstal pr. 1. januar 2025 eller før"));
	assert_false(contains(why, "fkigov")); /* pages show it: no command line */
	/* The JSON of the contract, keys in order. */
	assert_int_equal(econ_frame(&e, 2027, &f, why, sizeof why), 0);
	json_t *o = econ_frame_json(&f);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_string_equal(s, "{\"year\":2027,\"rate_ore\":500,\"citizens\":6025511,"
	                       "\"population_date\":\"2026-01-01\",\"frame_ore\":3012755500,"
	                       "\"allocated_ore\":0,\"remaining_ore\":3012755500}");
	free(s);
	json_decref(o);
	econ_free(&e);
}

static void test_frame_rates_and_sets(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	econ_add_rate(&e, 1, 2028, 550, "Møde 4 2027", D("2027-12-01"), "a", "x");
	econ_add_rate(&e, 2, 2030, 600, "Møde 4 2029", D("2029-12-01"), "a", "x");
	econ_add_rate(&e, 3, 2028, 560, "Rettelse", D("2027-12-15"), "a", "x");
	int idx;
	assert_int_equal(econ_rate_for(&e, 2027, &idx), 500);
	assert_int_equal(idx, -1);
	assert_int_equal(econ_rate_for(&e, 2028, &idx), 560); /* the newer record of 2028 */
	assert_int_equal(idx, 2);
	assert_int_equal(econ_rate_for(&e, 2029, &idx), 560); /* applies until another is set */
	assert_int_equal(econ_rate_for(&e, 2030, &idx), 600);
	assert_int_equal(econ_rate_for(&e, 2199, &idx), 600);

	/* Sets: an older one, a newer one, and one of the shipped date (it wins). */
	const struct munic_table *mt = munic_builtin();
	int codes[98];
	int64_t cit[98];
	for (size_t i = 0; i < mt->n; i++) {
		codes[i] = mt->v[i].code;
		cit[i] = 1000;
	}
	econ_add_popset(&e, 11, D("2027-01-02"), "dst", false, codes, cit, mt->n);
	econ_add_popset(&e, 10, D("2024-01-01"), "dst", false, codes, cit, 1);
	econ_sort(&e);
	struct econ_frame f;
	char why[1024];
	assert_int_equal(econ_frame(&e, 2025, &f, why, sizeof why), 0);
	assert_int_equal(f.citizens, 1000);
	assert_int_equal(f.frame_ore, 500000);
	/* 2027-01-02 is after 1 January 2027: 2027 still uses the shipped set. */
	assert_int_equal(econ_frame(&e, 2027, &f, why, sizeof why), 0);
	assert_int_equal(f.citizens, SHIPPED_CITIZENS);
	assert_int_equal(econ_frame(&e, 2028, &f, why, sizeof why), 0);
	assert_int_equal(f.citizens, 98000);
	assert_int_equal(f.rate_ore, 560);
	assert_int_equal(f.frame_ore, 560 * 98000);
	econ_add_popset(&e, 12, D("2026-01-01"), "rettelse", false, codes, cit, 2);
	econ_sort(&e);
	assert_int_equal(econ_frame(&e, 2027, &f, why, sizeof why), 0);
	assert_int_equal(f.citizens, 2000);
	econ_free(&e);
}

static void test_frame_overflow(void **state)
{
	(void)state;
	assert_int_equal(econ_frame_ore(500, SHIPPED_CITIZENS), INT64_C(3012755500));
	assert_int_equal(econ_frame_ore(0, SHIPPED_CITIZENS), 0);
	assert_int_equal(econ_frame_ore(500, 0), 0);
	assert_int_equal(econ_frame_ore(INT64_MAX, 1), INT64_MAX);
	assert_int_equal(econ_frame_ore(INT64_MAX / 2 + 1, 2), -1);
	assert_int_equal(econ_frame_ore(-1, 5), -1);
	assert_int_equal(econ_frame_ore(ECON_RATE_MAX, 98 * ECON_CITIZENS_MAX),
	                 ECON_RATE_MAX * 98 * ECON_CITIZENS_MAX);
}

/* ================================================================== allocations */

static void test_allocate_at_frame_and_one_ore_over(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	char msg[1024];
	int64_t over = -1;
	const int64_t frame = INT64_C(3012755500);
	/* Exactly the frame is allowed. */
	assert_int_equal(econ_can_allocate(&e, 0, 2027, frame, msg, sizeof msg, &over), FK_OK);
	assert_int_equal(over, 0);
	/* One øre over is refused, with the amount over in kr. and øre. */
	assert_int_equal(econ_can_allocate(&e, 0, 2027, frame + 1, msg, sizeof msg, &over),
	                 FK_EINPUT);
	assert_int_equal(over, 1);
	assert_true(contains(msg, "Bevillingen overstiger rammen for 2027 med 0,01 kr.; rammen er"));
	/* After allocating part, the rest exactly, then one øre more. */
	econ_add_alloc(&e, 1, 0, 2027, frame - 123456, "Møde 4", D("2026-12-01"), "a");
	assert_int_equal(econ_can_allocate(&e, 0, 2027, 123456, msg, sizeof msg, &over), FK_OK);
	assert_int_equal(econ_can_allocate(&e, 0, 2027, 123457, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(over, 1);
	assert_int_equal(econ_can_allocate(&e, 0, 2027, 123456 + 123456, msg, sizeof msg, &over),
	                 FK_EINPUT);
	assert_int_equal(over, 123456);
	assert_true(contains(msg, "med 1.234,56 kr.;"));
	econ_add_alloc(&e, 2, 0, 2027, 123456, "Møde 1", D("2027-03-01"), "a");
	struct econ_frame f;
	assert_int_equal(econ_frame(&e, 2027, &f, msg, sizeof msg), 0);
	assert_int_equal(f.allocated_ore, frame);
	assert_int_equal(f.remaining_ore, 0);
	assert_int_equal(econ_can_allocate(&e, 0, 2027, 1, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(over, 1);
	/* Another year has its own frame. */
	assert_int_equal(econ_can_allocate(&e, 0, 2028, frame, msg, sizeof msg, &over), FK_OK);
	econ_free(&e);
}

static void test_allocate_refusals(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	char msg[1024];
	int64_t over = -1;
	/* Not a special initiative. */
	assert_int_equal(econ_can_allocate(&e, 1, 2027, 100, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(over, 0);
	assert_true(contains(msg, "ikke en særlig indsats"));
	/* Nothing, or less. */
	assert_int_equal(econ_can_allocate(&e, 0, 2027, 0, msg, sizeof msg, &over), FK_EINPUT);
	assert_true(contains(msg, "større end 0"));
	assert_int_equal(econ_can_allocate(&e, 0, 2027, -5, msg, sizeof msg, &over), FK_EINPUT);
	/* A year without figures. */
	assert_int_equal(econ_can_allocate(&e, 0, 2025, 100, msg, sizeof msg, &over), FK_EINPUT);
	assert_true(contains(msg, "ingen befolkningstal"));
	econ_free(&e);
}

static void test_spending(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	char msg[1024];
	int64_t over = -1;
	assert_int_equal(econ_can_spend(&e, 0, 2027, 100, msg, sizeof msg, &over), FK_EINPUT);
	assert_true(contains(msg, "ingen bevilling for 2027"));
	econ_add_alloc(&e, 1, 0, 2027, 100000, "Møde 4", D("2026-12-01"), "a");
	assert_int_equal(econ_can_spend(&e, 0, 2027, 100000, msg, sizeof msg, &over), FK_OK);
	assert_int_equal(econ_can_spend(&e, 0, 2027, 100001, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(over, 1);
	assert_true(contains(msg, "med 0,01 kr."));
	econ_add_spend(&e, 1, 0, 2027, 60000, D("2027-02-01"), "Faktura", "a");
	assert_int_equal(econ_can_spend(&e, 0, 2027, 40000, msg, sizeof msg, &over), FK_OK);
	assert_int_equal(econ_can_spend(&e, 0, 2027, 40001, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(over, 1);
	assert_int_equal(econ_can_spend(&e, 0, 2028, 1, msg, sizeof msg, &over), FK_EINPUT);
	assert_int_equal(econ_spent(&e, 2027, 0), 60000);
	assert_int_equal(econ_spent(&e, 2027, -1), 60000);
	assert_int_equal(econ_spent(&e, 2027, 1), 0);
	econ_free(&e);
}

/* ================================================================== frame-exceeded */

static void test_check_frame_exceeded(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	const int64_t frame = INT64_C(3012755500);
	econ_add_alloc(&e, 1, 0, 2027, frame, "Møde 4", D("2026-12-01"), "a");
	econ_add_alloc(&e, 2, 0, 2026, frame, "Møde 4", D("2025-12-01"), "a");
	struct findings f;
	findings_init(&f);
	econ_check(&e, D("2026-06-01"), &f);
	assert_int_equal(f.n, 0); /* exactly at the frame */
	/* The rate for 2027 on is lowered by one øre: 2027 is over by 6,025,511 øre, 2026 not. */
	econ_add_rate(&e, 1, 2027, 499, "Møde 4 2026", D("2026-12-01"), "a", "x");
	econ_check(&e, D("2026-06-01"), &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].rule, RULE_FRAME_EXCEEDED);
	assert_int_equal(f.v[0].severity, SEV_ERROR);
	assert_int_equal(f.v[0].body, -1);
	assert_int_equal(f.v[0].person, -1);
	assert_string_equal(f.v[0].body_id, "economy");
	assert_string_equal(f.v[0].body_name, "Økonomi");
	assert_true(contains(f.v[0].message, "Bevillingerne for 2027"));
	assert_true(contains(f.v[0].message, "med 60.255,11 kr.; nedsæt"));
	findings_free(&f);
	/* Years before the check date's year are history. */
	findings_init(&f);
	econ_check(&e, D("2028-01-01"), &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	econ_free(&e);
}

/* ================================================================== statuses and trends */

static void test_status_parse(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int st;
	} cases[] = {
	    {"grøn", ST_GREEN}, {"Grøn", ST_GREEN},  {"GRØN", ST_GREEN},
	    {"gron", ST_GREEN}, {"groen", ST_GREEN}, {"green", ST_GREEN},
	    {"gul", ST_YELLOW}, {"GUL", ST_YELLOW},  {"yellow", ST_YELLOW},
	    {"rød", ST_RED},    {"RØD", ST_RED},     {"rod", ST_RED},
	    {"roed", ST_RED},   {"red", ST_RED},     {"", -1},
	    {"blå", -1},        {"grøn ", -1},       {"grønnnnnnnnnnnnnnnnnnnnnnn", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(econ_status_parse(cases[i].in), cases[i].st);
	assert_int_equal(econ_status_parse(NULL), -1);
	assert_string_equal(econ_status_name(ST_GREEN), "grøn");
	assert_string_equal(econ_status_name(ST_YELLOW), "gul");
	assert_string_equal(econ_status_name(ST_RED), "rød");
	assert_string_equal(econ_status_class(ST_RED), "red");
}

/* Every status report that is refused, with the field and the message. */
static void test_report_refusals(void **state)
{
	(void)state;
	fk_date today = D("2027-03-01");
	static const struct {
		const char *status, *reason, *date;
		const char *field, *why;
	} bad[] = {
	    {"", "x", "2027-03-01", "status", "Vælg en status"},
	    {"lilla", "x", "2027-03-01", "status", "ikke en status"},
	    {"gul", NULL, "2027-03-01", "reason", "en gul status skal forklares"},
	    {"gul", "   ", "2027-03-01", "reason", "en gul status skal forklares"},
	    {"rød", "", "2027-03-01", "reason", "en rød status skal forklares"},
	    {"grøn", "ok", "2027-03-02", "date", "kan ikke dateres efter i dag"},
	    {"grøn", "linje\001", "2027-03-01", "reason", "styretegn"},
	    {"grøn", "\xff\xfe", "2027-03-01", "reason", "ikke kan læses"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diags d;
		diags_init(&d);
		int st;
		assert_int_equal(
		    econ_check_report(bad[i].status, bad[i].reason, D(bad[i].date), today, &st, &d),
		    FK_EINPUT);
		assert_int_equal(d.n, 1);
		assert_string_equal(d.v[0].field, bad[i].field);
		assert_true(contains(d.v[0].msg, bad[i].why));
		diags_free(&d);
	}
	/* Accepted: grøn without a reason, gul and rød with one, today and earlier. */
	struct diags d;
	diags_init(&d);
	int st;
	assert_int_equal(econ_check_report("grøn", NULL, today, today, &st, &d), FK_OK);
	assert_int_equal(st, ST_GREEN);
	assert_int_equal(econ_check_report("gul", "Forsinket", D("2026-01-01"), today, &st, &d),
	                 FK_OK);
	assert_int_equal(st, ST_YELLOW);
	assert_int_equal(econ_check_report("rød", "Stoppet", today, today, &st, &d), FK_OK);
	assert_int_equal(st, ST_RED);
	assert_int_equal(d.n, 0);
	diags_free(&d);
}

static void test_trend(void **state)
{
	(void)state;
	/* prev -> cur: better when it moves towards grøn, worse towards rød. */
	static const struct {
		int prev, cur;
		enum econ_trend t;
	} cases[] = {
	    {-1, ST_GREEN, TREND_NEW},          {-1, ST_RED, TREND_NEW},
	    {ST_GREEN, ST_GREEN, TREND_SAME},   {ST_GREEN, ST_YELLOW, TREND_WORSE},
	    {ST_GREEN, ST_RED, TREND_WORSE},    {ST_YELLOW, ST_GREEN, TREND_BETTER},
	    {ST_YELLOW, ST_YELLOW, TREND_SAME}, {ST_YELLOW, ST_RED, TREND_WORSE},
	    {ST_RED, ST_GREEN, TREND_BETTER},   {ST_RED, ST_YELLOW, TREND_BETTER},
	    {ST_RED, ST_RED, TREND_SAME},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(econ_trend(cases[i].prev, cases[i].cur), cases[i].t);
	assert_string_equal(econ_trend_name(TREND_BETTER), "better");
	assert_string_equal(econ_trend_da(TREND_WORSE), "værre");
}

static void test_portfolio(void **state)
{
	(void)state;
	struct econ e;
	setup_econ(&e);
	/* Reports out of order: the latest by date decides, the one before it the trend. */
	econ_add_report(&e, 1, 0, D("2027-02-01"), ST_RED, "Stop", "a");
	econ_add_report(&e, 2, 0, D("2027-01-01"), ST_GREEN, NULL, "a");
	econ_add_report(&e, 3, 0, D("2027-01-15"), ST_YELLOW, "Forsinket", "a");
	int l, p;
	econ_latest_reports(&e, 0, &l, &p);
	assert_int_equal(l, 0);
	assert_int_equal(p, 2);
	econ_latest_reports(&e, 1, &l, &p);
	assert_int_equal(l, -1);
	assert_int_equal(p, -1);
	econ_add_milestone(&e, 1, 0, "Sen", D("2027-09-01"), DATE_NONE);
	econ_add_milestone(&e, 2, 0, "Nået", D("2027-01-01"), D("2027-01-02"));
	econ_add_milestone(&e, 3, 0, "Tidlig", D("2027-02-01"), DATE_NONE);
	assert_int_equal(econ_next_milestone(&e, 0), 2);
	assert_int_equal(econ_next_milestone(&e, 1), -1);
	struct model *m = NULL;
	assert_int_equal(model_load_builtin(&m), FK_OK);
	json_t *o = initiative_json(&e, m, 0, D("2027-03-01"), true);
	json_t *st = json_object_get(o, "status");
	assert_string_equal(json_string_value(json_object_get(st, "status")), "rød");
	assert_string_equal(json_string_value(json_object_get(o, "trend")), "worse");
	assert_string_equal(json_string_value(json_object_get(o, "body_name")),
	                    "Kommunestyregruppe");
	json_t *nm = json_object_get(o, "next_milestone");
	assert_string_equal(json_string_value(json_object_get(nm, "title")), "Tidlig");
	assert_true(json_is_true(json_object_get(nm, "overdue")));
	json_t *rs = json_object_get(o, "reports");
	assert_int_equal(json_array_size(rs), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rs, 0), "trend")),
	                    "new");
	assert_string_equal(json_string_value(json_object_get(json_array_get(rs, 1), "trend")),
	                    "worse");
	json_decref(o);
	o = portfolio_json(&e, m, D("2027-03-01"));
	assert_int_equal(json_array_size(json_object_get(o, "initiatives")), 2);
	json_decref(o);
	model_free(m);
	econ_free(&e);
}

static void test_milestone_and_initiative_checks(void **state)
{
	(void)state;
	struct diags d;
	diags_init(&d);
	fk_date today = D("2027-03-01");
	assert_int_equal(econ_check_milestone("Pilot", D("2027-06-01"), DATE_NONE, today, &d),
	                 FK_OK);
	assert_int_equal(econ_check_milestone("Pilot", D("2027-06-01"), today, today, &d), FK_OK);
	assert_int_equal(econ_check_milestone("Pilot", D("2027-06-01"), D("2027-03-02"), today, &d),
	                 FK_EINPUT);
	assert_string_equal(d.v[0].field, "done");
	assert_int_equal(econ_check_milestone("", D("2027-06-01"), DATE_NONE, today, &d),
	                 FK_EINPUT);
	assert_string_equal(d.v[1].field, "title");
	assert_int_equal(econ_check_milestone("a\tb", D("2027-06-01"), DATE_NONE, today, &d),
	                 FK_EINPUT);
	assert_int_equal(econ_check_milestone("x", DATE_NONE, DATE_NONE, today, &d), FK_EINPUT);
	assert_string_equal(d.v[3].field, "due");
	diags_free(&d);
	assert_int_equal(econ_check_text(NULL, true, 10, "decision", "beslutningen", &d),
	                 FK_EINPUT);
	assert_true(contains(d.v[0].msg, "Skriv beslutningen."));
	assert_int_equal(econ_check_text("12345678901", true, 10, "decision", "beslutningen", &d),
	                 FK_EINPUT);
	assert_int_equal(econ_check_text("flere\nlinjer", true, 100, "decision", "b", &d), FK_OK);
	assert_int_equal(econ_check_text(NULL, false, 10, "note", "noten", &d), FK_OK);
	diags_free(&d);
}

/* ================================================================== population files */

/* The shipped figures as a population file, each municipality + add; extra rows appended. */
static char *population_file(const char *header, char sep, int64_t add, const char *extra, int skip)
{
	const struct munic_table *mt = munic_builtin();
	size_t cap = 8192 + (extra ? strlen(extra) : 0), n = 0;
	char *s = malloc(cap);
	n += (size_t)snprintf(s + n, cap - n, "%s\n", header);
	for (size_t i = 0; i < mt->n; i++) {
		if ((int)i == skip)
			continue;
		n += (size_t)snprintf(s + n, cap - n, "%d%cx%c%lld\n", mt->v[i].code, sep, sep,
		                      (long long)(mt->v[i].population + add));
	}
	if (extra)
		n += (size_t)snprintf(s + n, cap - n, "%s", extra);
	return s;
}

static void test_population_good(void **state)
{
	(void)state;
	const struct munic_table *mt = munic_builtin();
	const char *headers[] = {"kode,navn,indbyggere", "code,name,population",
	                         "Kode,Navn,Indbyggere"};
	for (size_t h = 0; h < 3; h++) {
		char *f = population_file(headers[h], ',', 1, NULL, -1);
		int *codes;
		int64_t *cit;
		size_t n;
		struct diags d;
		diags_init(&d);
		assert_int_equal(
		    econ_population_parse(f, strlen(f), "p.csv", mt, &codes, &cit, &n, &d), FK_OK);
		assert_int_equal(n, 98);
		int64_t total = 0;
		for (size_t i = 0; i < n; i++)
			total += cit[i];
		assert_int_equal(total, SHIPPED_CITIZENS + 98);
		assert_int_equal(codes[0], 101);
		free(codes);
		free(cit);
		diags_free(&d);
		free(f);
	}
	/* Semicolons and a byte-order mark, as Danish Excel writes. */
	char *f = population_file("\xef\xbb\xbfkode;navn;indbyggere", ';', 0, NULL, -1);
	int *codes;
	int64_t *cit;
	size_t n;
	struct diags d;
	diags_init(&d);
	assert_int_equal(econ_population_parse(f, strlen(f), "p.csv", mt, &codes, &cit, &n, &d),
	                 FK_OK);
	free(codes);
	free(cit);
	free(f);
	diags_free(&d);
}

static void test_population_bad(void **state)
{
	(void)state;
	const struct munic_table *mt = munic_builtin();
	static const struct {
		const char *header;
		const char *extra;
		int skip;
		const char *where, *why;
	} cases[] = {
	    {"kode,navn", NULL, -1, "p.csv:1:1", "Kolonnen indbyggere mangler"},
	    {"navn,indbyggere", NULL, -1, "p.csv:1:1", "Kolonnen kode mangler"},
	    {"kode,navn,indbyggere", "101,x,5\n", -1, "p.csv:100:1", "står også på linje 2"},
	    {"kode,navn,indbyggere", NULL, 0, "p.csv", "København (101) mangler"},
	    {"kode,navn,indbyggere", "999,x,5\n", -1, "p.csv:100:1", "findes ikke"},
	    {"kode,navn,indbyggere", "1x1,x,5\n", -1, "p.csv:100:1", "helt tal"},
	    {"kode,navn,indbyggere", "101,x,-5\n", -1, "p.csv:100:7", "kan ikke være negativt"},
	    {"kode,navn,indbyggere", "101,x,5.5\n", -1, "p.csv:100:7", "helt tal"},
	    {"kode,navn,indbyggere", "101,x,\n", -1, "p.csv:100:7", "mangler"},
	    {"kode,navn,indbyggere", "101,x,1000000000\n", -1, "p.csv:100:7", "for stort"},
	    {"kode,navn,indbyggere", "101\n", -1, "p.csv:100:1", "skal have mindst 3"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *f = population_file(cases[i].header, ',', 0, cases[i].extra, cases[i].skip);
		int *codes = (int *)1;
		int64_t *cit = (int64_t *)1;
		size_t n = 7;
		struct diags d;
		diags_init(&d);
		assert_int_equal(
		    econ_population_parse(f, strlen(f), "p.csv", mt, &codes, &cit, &n, &d),
		    FK_EINPUT);
		assert_null(codes);
		assert_null(cit);
		assert_int_equal(n, 0);
		assert_true(d.n >= 1);
		bool found = false;
		for (size_t k = 0; k < d.n; k++) {
			char where[64];
			if (d.v[k].line)
				snprintf(where, sizeof where, "%s:%ld:%ld", d.v[k].file,
				         d.v[k].line, d.v[k].col);
			else
				snprintf(where, sizeof where, "%s", d.v[k].file);
			if (!strcmp(where, cases[i].where) && strstr(d.v[k].msg, cases[i].why))
				found = true;
		}
		if (!found)
			print_error("case %zu: no %s: ...%s... (first: %ld:%ld %s)\n", i,
			            cases[i].where, cases[i].why, d.v[0].line, d.v[0].col,
			            d.v[0].msg);
		assert_true(found);
		diags_free(&d);
		free(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_kr_good),
	    cmocka_unit_test(test_parse_kr_bad),
	    cmocka_unit_test(test_parse_ore),
	    cmocka_unit_test(test_format_kr),
	    cmocka_unit_test(test_parse_year),
	    cmocka_unit_test(test_frame_shipped),
	    cmocka_unit_test(test_frame_rates_and_sets),
	    cmocka_unit_test(test_frame_overflow),
	    cmocka_unit_test(test_allocate_at_frame_and_one_ore_over),
	    cmocka_unit_test(test_allocate_refusals),
	    cmocka_unit_test(test_spending),
	    cmocka_unit_test(test_check_frame_exceeded),
	    cmocka_unit_test(test_status_parse),
	    cmocka_unit_test(test_report_refusals),
	    cmocka_unit_test(test_trend),
	    cmocka_unit_test(test_portfolio),
	    cmocka_unit_test(test_milestone_and_initiative_checks),
	    cmocka_unit_test(test_population_good),
	    cmocka_unit_test(test_population_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
