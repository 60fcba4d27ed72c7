/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Dates, Danish holidays, working days and deadlines (SPEC §3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

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

static void test_parse_format(void **state)
{
	(void)state;
	fk_date t;
	assert_date(D("1970-01-01"), "1970-01-01");
	assert_int_equal(D("1970-01-01"), 0);
	assert_date(D("2024-02-29"), "2024-02-29");
	assert_int_equal(date_parse("2023-02-29", 10, &t), -1);
	assert_int_equal(date_parse("2026-13-01", 10, &t), -1);
	assert_int_equal(date_parse("2026-1-01", 9, &t), -1);
	assert_int_equal(date_parse("01-01-2026", 10, &t), -1);
	assert_int_equal(date_parse("2026-01-0x", 10, &t), -1);
	assert_int_equal(date_parse("2026-04-31", 10, &t), -1);
	for (fk_date x = D("1999-12-25"); x < D("2041-01-10"); x++) {
		char s[11];
		date_format(x, s);
		assert_int_equal(date_parse(s, 10, &t), 0);
		assert_int_equal(t, x);
	}
	char da[40];
	date_format_da(D("2027-01-01"), da, sizeof da);
	assert_string_equal(da, "1. januar 2027");
	date_format_da(D("2027-03-12"), da, sizeof da);
	assert_string_equal(da, "12. marts 2027");
}

static void test_add_years(void **state)
{
	(void)state;
	assert_date(date_add_years(D("2022-01-01"), 5), "2027-01-01");
	assert_date(date_add_years(D("2024-02-29"), 1), "2025-02-28");
	assert_date(date_add_years(D("2024-02-29"), 4), "2028-02-29");
	assert_date(date_add_years(D("2024-02-29"), -1), "2023-02-28");
	assert_date(date_add_years(D("2023-02-28"), 1), "2024-02-28");
	assert_date(date_add_years(D("2025-12-31"), 1), "2026-12-31");
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(D("2026-11-27")), 5); /* Friday */
	assert_int_equal(date_weekday(D("2026-11-29")), 7);
	assert_int_equal(date_weekday(D("2026-11-30")), 1);
	assert_int_equal(date_weekday(D("1969-12-31")), 3);
}

/* Easter and every holiday of SPEC §3, 2020-2035, computed independently. */
static const struct {
	int year;
	const char *easter;
	const char *holidays;
} known[] = {
    {2020, "2020-04-12",
     "2020-01-01 2020-04-09 2020-04-10 2020-04-12 2020-04-13 2020-05-08 2020-05-21 2020-05-31 2020-06-01 2020-06-05 2020-12-24 2020-12-25 2020-12-26 2020-12-31"},
    {2021, "2021-04-04",
     "2021-01-01 2021-04-01 2021-04-02 2021-04-04 2021-04-05 2021-04-30 2021-05-13 2021-05-23 2021-05-24 2021-06-05 2021-12-24 2021-12-25 2021-12-26 2021-12-31"},
    {2022, "2022-04-17",
     "2022-01-01 2022-04-14 2022-04-15 2022-04-17 2022-04-18 2022-05-13 2022-05-26 2022-06-05 2022-06-06 2022-12-24 2022-12-25 2022-12-26 2022-12-31"},
    {2023, "2023-04-09",
     "2023-01-01 2023-04-06 2023-04-07 2023-04-09 2023-04-10 2023-05-05 2023-05-18 2023-05-28 2023-05-29 2023-06-05 2023-12-24 2023-12-25 2023-12-26 2023-12-31"},
    {2024, "2024-03-31",
     "2024-01-01 2024-03-28 2024-03-29 2024-03-31 2024-04-01 2024-05-09 2024-05-19 2024-05-20 2024-06-05 2024-12-24 2024-12-25 2024-12-26 2024-12-31"},
    {2025, "2025-04-20",
     "2025-01-01 2025-04-17 2025-04-18 2025-04-20 2025-04-21 2025-05-29 2025-06-05 2025-06-08 2025-06-09 2025-12-24 2025-12-25 2025-12-26 2025-12-31"},
    {2026, "2026-04-05",
     "2026-01-01 2026-04-02 2026-04-03 2026-04-05 2026-04-06 2026-05-14 2026-05-24 2026-05-25 2026-06-05 2026-12-24 2026-12-25 2026-12-26 2026-12-31"},
    {2027, "2027-03-28",
     "2027-01-01 2027-03-25 2027-03-26 2027-03-28 2027-03-29 2027-05-06 2027-05-16 2027-05-17 2027-06-05 2027-12-24 2027-12-25 2027-12-26 2027-12-31"},
    {2028, "2028-04-16",
     "2028-01-01 2028-04-13 2028-04-14 2028-04-16 2028-04-17 2028-05-25 2028-06-04 2028-06-05 2028-12-24 2028-12-25 2028-12-26 2028-12-31"},
    {2029, "2029-04-01",
     "2029-01-01 2029-03-29 2029-03-30 2029-04-01 2029-04-02 2029-05-10 2029-05-20 2029-05-21 2029-06-05 2029-12-24 2029-12-25 2029-12-26 2029-12-31"},
    {2030, "2030-04-21",
     "2030-01-01 2030-04-18 2030-04-19 2030-04-21 2030-04-22 2030-05-30 2030-06-05 2030-06-09 2030-06-10 2030-12-24 2030-12-25 2030-12-26 2030-12-31"},
    {2031, "2031-04-13",
     "2031-01-01 2031-04-10 2031-04-11 2031-04-13 2031-04-14 2031-05-22 2031-06-01 2031-06-02 2031-06-05 2031-12-24 2031-12-25 2031-12-26 2031-12-31"},
    {2032, "2032-03-28",
     "2032-01-01 2032-03-25 2032-03-26 2032-03-28 2032-03-29 2032-05-06 2032-05-16 2032-05-17 2032-06-05 2032-12-24 2032-12-25 2032-12-26 2032-12-31"},
    {2033, "2033-04-17",
     "2033-01-01 2033-04-14 2033-04-15 2033-04-17 2033-04-18 2033-05-26 2033-06-05 2033-06-06 2033-12-24 2033-12-25 2033-12-26 2033-12-31"},
    {2034, "2034-04-09",
     "2034-01-01 2034-04-06 2034-04-07 2034-04-09 2034-04-10 2034-05-18 2034-05-28 2034-05-29 2034-06-05 2034-12-24 2034-12-25 2034-12-26 2034-12-31"},
    {2035, "2035-03-25",
     "2035-01-01 2035-03-22 2035-03-23 2035-03-25 2035-03-26 2035-05-03 2035-05-13 2035-05-14 2035-06-05 2035-12-24 2035-12-25 2035-12-26 2035-12-31"},
};

static void test_holidays_2020_2035(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
		assert_date(date_easter(known[k].year), known[k].easter);
		char got[400] = "";
		for (fk_date t = date_from_ymd(known[k].year, 1, 1);
		     t <= date_from_ymd(known[k].year, 12, 31); t++)
			if (date_is_holiday(t, NULL)) {
				char s[11];
				date_format(t, s);
				if (*got)
					strcat(got, " ");
				strcat(got, s);
			}
		assert_string_equal(got, known[k].holidays);
	}
}

static void test_holiday_names(void **state)
{
	(void)state;
	const char *n = NULL;
	assert_true(date_is_holiday(D("2026-05-14"), &n));
	assert_string_equal(n, "Kristi himmelfartsdag");
	assert_true(date_is_holiday(D("2023-05-05"), &n));
	assert_string_equal(n, "Store bededag");
	/* Store Bededag: a holiday up to 2023, an ordinary Friday from 2024. */
	assert_false(date_is_holiday(D("2024-04-26"), NULL));
	assert_true(date_is_working_day(D("2024-04-26")));
	assert_false(date_is_holiday(D("2025-05-16"), NULL));
	assert_true(date_is_holiday(D("2026-06-05"), &n));
	assert_string_equal(n, "Grundlovsdag");
}

static void test_working_days(void **state)
{
	(void)state;
	assert_true(date_is_working_day(D("2026-12-23")));
	assert_false(date_is_working_day(D("2026-12-24")));
	assert_false(date_is_working_day(D("2026-11-28"))); /* Saturday */
	assert_date(date_prev_working_day(D("2026-11-29")), "2026-11-27");
	assert_date(date_prev_working_day(D("2026-11-27")), "2026-11-27");
	assert_date(date_prev_working_day(D("2027-01-01")), "2026-12-30");
	/* 10 working days across Christmas and New Year. */
	assert_date(date_add_working_days(D("2026-12-18"), 10), "2027-01-07");
	assert_date(date_add_working_days(D("2026-11-27"), 1), "2026-11-30");
}

static void test_deadlines(void **state)
{
	(void)state;
	/* SPEC §5.1 example. */
	assert_date(date_deadline(D("2027-03-04"), 4), "2027-02-04");
	assert_date(date_deadline(D("2027-03-04"), 2), "2027-02-18");
	/* Skærtorsdag 2027-03-25: the day before. */
	assert_date(date_deadline(D("2027-04-08"), 2), "2027-03-24");
	/* 2. påskedag 2027-03-29 (Mon) -> Wed 24th (Fri 26th Langfredag). */
	assert_date(date_deadline(D("2027-04-12"), 2), "2027-03-24");
	/* Kristi himmelfart 2027-05-06 -> 05-05. */
	assert_date(date_deadline(D("2027-05-20"), 2), "2027-05-05");
	/* 2. pinsedag 2027-05-17 (Mon) -> Fri 14th. */
	assert_date(date_deadline(D("2027-05-31"), 2), "2027-05-14");
	/* Grundlovsdag 2026-06-05 (Fri) -> Thu 4th. */
	assert_date(date_deadline(D("2026-06-19"), 2), "2026-06-04");
	/* Juleaftensdag and nytårsaftensdag. */
	assert_date(date_deadline(D("2027-01-07"), 2), "2026-12-23");
	assert_date(date_deadline(D("2027-01-14"), 2), "2026-12-30");
	/* Store bededag 2023-05-05 moves the deadline; 2024-04-26 does not. */
	assert_date(date_deadline(D("2023-05-19"), 2), "2023-05-04");
	assert_date(date_deadline(D("2024-05-10"), 2), "2024-04-26");
}

static void test_quarters_and_today(void **state)
{
	(void)state;
	assert_date(date_quarter_start(D("2026-11-27")), "2026-10-01");
	assert_date(date_next_quarter(D("2026-11-27")), "2027-01-01");
	assert_date(date_next_quarter(D("2027-01-01")), "2027-04-01");
	setenv("FKIGOV_TODAY", "2030-06-15", 1);
	assert_date(date_today(), "2030-06-15");
	unsetenv("FKIGOV_TODAY");
	fk_date t = date_today();
	assert_true(t > D("2020-01-01"));
}

/* Dates as Danes type them in a web form (date_parse_da), at the boundaries: the separators,
 * one- and two-digit days and months, ISO, leap days, the first and last day of a month and
 * of the years the program takes, and what it refuses. */
static fk_date DA(const char *s)
{
	fk_date t = DATE_NONE;
	assert_int_equal(date_parse_da(s, strlen(s), &t), 0);
	return t;
}

static void test_parse_da(void **state)
{
	(void)state;
	fk_date t;
	assert_date(DA("30-11-2026"), "2026-11-30");
	assert_date(DA("30.11.2026"), "2026-11-30");
	assert_date(DA("30/11/2026"), "2026-11-30");
	assert_date(DA("1.4.2027"), "2027-04-01");
	assert_date(DA("01.04.2027"), "2027-04-01");
	assert_date(DA("1-4-2027"), "2027-04-01");
	assert_date(DA("2026-11-30"), "2026-11-30");
	assert_date(DA("  30-11-2026 "), "2026-11-30");
	assert_date(DA("29.2.2024"), "2024-02-29");
	assert_date(DA("31.12.2199"), "2199-12-31");
	assert_date(DA("1.1.1900"), "1900-01-01");
	assert_date(DA("31-1-2027"), "2027-01-31");
	static const char *const bad[] = {
	    "",           "  ",          "29.2.2023",   "31.4.2027",  "32.1.2027",   "0.1.2027",
	    "1.0.2027",   "1.13.2027",   "1.4.27",      "1.4.02027",  "1-4.2027",    "1.4-2027",
	    "001.4.2027", "1.004.2027",  "1..2027",     ".4.2027",    "1.4.",        "1.4.2027.",
	    "31.12.2200", "31.12.1899",  "2026-11-31",  "2026-1-30",  "2026/11/30",  "30 11 2026",
	    "30-11-2026x", "x30-11-2026", "1,4,2027",   "-1.4.2027",  "+1.4.2027",   "1. april 2027",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = 12345;
		if (date_parse_da(bad[i], strlen(bad[i]), &t) != -1)
			fail_msg("date_parse_da took \"%s\"", bad[i]);
		assert_int_equal(t, 12345);
	}
	/* the length bounds the text: "1.4.2027" with more after it is read as far as len */
	assert_int_equal(date_parse_da("1.4.2027xyz", 8, &t), 0);
	assert_date(t, "2027-04-01");
	/* the ISO parser of the command line and the API stays strict */
	assert_int_equal(date_parse("30-11-2026", 10, &t), -1);
}

/* Stored UTC times as Danish local time (date_utc_da), around both changes of summer time. */
static void test_utc_da(void **state)
{
	(void)state;
	char s[64];
	date_utc_da("2026-11-27T10:00:00Z", false, s, sizeof s);
	assert_string_equal(s, "27. november 2026 kl. 11.00");
	date_utc_da("2026-07-01T10:00:00Z", false, s, sizeof s);
	assert_string_equal(s, "1. juli 2026 kl. 12.00");
	date_utc_da("2026-12-31T23:30:00Z", false, s, sizeof s);
	assert_string_equal(s, "1. januar 2027 kl. 00.30"); /* the next day, the next year */
	date_utc_da("2026-11-27T10:00Z", false, s, sizeof s); /* to the minute */
	assert_string_equal(s, "27. november 2026 kl. 11.00");
	date_utc_da("2026-11-27T10:00:05Z", true, s, sizeof s);
	assert_string_equal(s, "27. november 2026 kl. 11.00.05");
	/* 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC */
	date_utc_da("2026-03-29T00:59:59Z", true, s, sizeof s);
	assert_string_equal(s, "29. marts 2026 kl. 01.59.59");
	date_utc_da("2026-03-29T01:00:00Z", true, s, sizeof s);
	assert_string_equal(s, "29. marts 2026 kl. 03.00.00");
	date_utc_da("2026-10-25T00:59:59Z", true, s, sizeof s);
	assert_string_equal(s, "25. oktober 2026 kl. 02.59.59");
	date_utc_da("2026-10-25T01:00:00Z", true, s, sizeof s);
	assert_string_equal(s, "25. oktober 2026 kl. 02.00.00");
	assert_int_equal(date_cph_offset((int64_t)D("2026-01-15") * 86400), 3600);
	assert_int_equal(date_cph_offset((int64_t)D("2026-07-15") * 86400), 7200);
	/* not a time: the text itself; NULL: "" */
	date_utc_da("i går", false, s, sizeof s);
	assert_string_equal(s, "i går");
	date_utc_da("2026-11-27 10:00", false, s, sizeof s);
	assert_string_equal(s, "2026-11-27 10:00");
	date_utc_da("2026-11-27T25:00:00Z", false, s, sizeof s);
	assert_string_equal(s, "2026-11-27T25:00:00Z");
	date_utc_da(NULL, false, s, sizeof s);
	assert_string_equal(s, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_format),   cmocka_unit_test(test_add_years),
	    cmocka_unit_test(test_weekday),        cmocka_unit_test(test_holidays_2020_2035),
	    cmocka_unit_test(test_holiday_names),  cmocka_unit_test(test_working_days),
	    cmocka_unit_test(test_deadlines),      cmocka_unit_test(test_quarters_and_today),
	    cmocka_unit_test(test_parse_da),       cmocka_unit_test(test_utc_da),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
