/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's year: numbering, times, deadlines across holidays, validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/cycle.h"
#include "core/model.h"

static struct model *M;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static void assert_date(fk_date t, const char *want)
{
	char s[11];
	date_format(t, s);
	assert_string_equal(s, want);
}

static int setup(void **state)
{
	(void)state;
	int rc = model_load_builtin(&M);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	return 0;
}

static void test_spec_example(void **state)
{
	(void)state;
	fk_date dates[] = {D("2027-12-02"), D("2027-03-04"), D("2027-09-09"), D("2027-06-10")};
	struct cycle_plan p;
	struct diags d;
	diags_init(&d);
	assert_int_equal(cycle_plan(M, 2027, dates, 4, -1, &p, &d), 0);
	assert_int_equal(p.n, 4);
	assert_int_equal(p.m[0].number, 1);
	assert_date(p.m[0].date, "2027-03-04");
	assert_int_equal(p.m[0].start_min, 9 * 60);
	assert_int_equal(p.m[0].end_min, 13 * 60);
	assert_date(p.m[0].proposals, "2027-02-04");
	assert_date(p.m[0].statuses, "2027-02-04");
	assert_date(p.m[0].dispatch, "2027-02-18");
	assert_int_equal(p.m[3].number, 4);
	assert_date(p.m[3].date, "2027-12-02");
	diags_free(&d);
}

static void test_deadlines_across_holidays(void **state)
{
	(void)state;
	/* 4 weeks before 2027-04-22 is 2027-03-25, Skærtorsdag: moved to the 24th. 2 weeks
	 * before 2027-05-20 is Kristi himmelfart (05-06): the 5th. 2 weeks before 2027-01-07 is
	 * Juleaftensdag: the 23rd. 2 weeks before 2026-06-19 is Grundlovsdag: the 4th. */
	struct cycle_plan p;
	struct diags d;
	diags_init(&d);
	fk_date a[] = {D("2027-04-22"), D("2027-05-20")};
	assert_int_equal(cycle_plan(M, 2027, a, 2, 13 * 60, &p, &d), 0);
	assert_date(p.m[0].proposals, "2027-03-24");
	assert_date(p.m[1].dispatch, "2027-05-05");
	assert_int_equal(p.m[0].end_min, 17 * 60);
	fk_date b[] = {D("2027-01-07")};
	assert_int_equal(cycle_plan(M, 2027, b, 1, -1, &p, &d), 0);
	assert_date(p.m[0].dispatch, "2026-12-23");
	fk_date c[] = {D("2026-06-19")};
	assert_int_equal(cycle_plan(M, 2026, c, 1, -1, &p, &d), 0);
	assert_date(p.m[0].dispatch, "2026-06-04");
	/* Store bededag: a holiday in 2023, not in 2024. */
	fk_date e[] = {D("2023-05-19")};
	assert_int_equal(cycle_plan(M, 2023, e, 1, -1, &p, &d), 0);
	assert_date(p.m[0].dispatch, "2023-05-04");
	fk_date f[] = {D("2024-05-10")};
	assert_int_equal(cycle_plan(M, 2024, f, 1, -1, &p, &d), 0);
	assert_date(p.m[0].dispatch, "2024-04-26");
	assert_int_equal(d.n, 0);
	diags_free(&d);
}

static void test_refused(void **state)
{
	(void)state;
	struct cycle_plan p;
	struct diags d;
	diags_init(&d);
	fk_date outside[] = {D("2028-01-05")};
	assert_int_not_equal(cycle_plan(M, 2027, outside, 1, -1, &p, &d), 0);
	assert_non_null(strstr(d.v[0].msg, "ligger ikke i 2027"));
	diags_free(&d);
	diags_init(&d);
	fk_date holiday[] = {D("2027-03-25")};
	assert_int_not_equal(cycle_plan(M, 2027, holiday, 1, -1, &p, &d), 0);
	assert_non_null(strstr(d.v[0].msg, "Skærtorsdag"));
	diags_free(&d);
	diags_init(&d);
	fk_date weekend[] = {D("2027-03-27")};
	assert_int_not_equal(cycle_plan(M, 2027, weekend, 1, -1, &p, &d), 0);
	diags_free(&d);
	diags_init(&d);
	fk_date twice[] = {D("2027-03-04"), D("2027-03-04")};
	assert_int_not_equal(cycle_plan(M, 2027, twice, 2, -1, &p, &d), 0);
	diags_free(&d);
	diags_init(&d);
	fk_date five[] = {D("2027-03-04"), D("2027-04-01"), D("2027-06-10"), D("2027-09-09"),
	                  D("2027-12-02")};
	assert_int_not_equal(cycle_plan(M, 2027, five, 5, -1, &p, &d), 0);
	diags_free(&d);
	diags_init(&d);
	fk_date late[] = {D("2027-03-04")};
	assert_int_not_equal(cycle_plan(M, 2027, late, 1, 21 * 60, &p, &d), 0);
	assert_string_equal(d.v[0].field, "time");
	diags_free(&d);
}

static void test_suggest_and_time(void **state)
{
	(void)state;
	fk_date dates[8];
	for (int y = 2024; y <= 2035; y++) {
		size_t n = cycle_suggest(M, y, dates, 8);
		assert_int_equal(n, 4);
		struct cycle_plan p;
		struct diags d;
		diags_init(&d);
		assert_int_equal(cycle_plan(M, y, dates, n, -1, &p, &d), 0);
		for (size_t i = 0; i < n; i++) {
			int yy, mm, dd;
			date_to_ymd(dates[i], &yy, &mm, &dd);
			assert_true(mm != 7 && !(mm == 12 && dd > 15)); /* away from summer, Christmas */
			assert_true(date_weekday(dates[i]) >= 2 && date_weekday(dates[i]) <= 4);
		}
		diags_free(&d);
	}
	assert_int_equal(cycle_parse_time("09:00"), 540);
	assert_int_equal(cycle_parse_time("23:59"), 1439);
	assert_int_equal(cycle_parse_time("24:00"), -1);
	assert_int_equal(cycle_parse_time("9:00"), -1);
	assert_int_equal(cycle_parse_time("09:60"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spec_example),
	    cmocka_unit_test(test_deadlines_across_holidays),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_suggest_and_time),
	};
	return cmocka_run_group_tests_name("cycle", tests, setup, teardown);
}
