/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The view models of the register (core/report.c): a body's members, stints and vacancies,
 * what anonymous callers do not get, the timeline for term planning, people and their search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "core/report.h"
#include "core/rules.h"

static struct model *M;
static const struct munic_table *MT;
static struct reg R;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static int setup(void **state)
{
	(void)state;
	if (model_load_builtin(&M) != 0)
		return -1;
	MT = munic_builtin();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	reg_free(&R);
	return 0;
}

static int fresh(void **state)
{
	(void)state;
	reg_free(&R);
	reg_init(&R);
	return 0;
}

/* Appoints person key (created on first use, e-mail KEY@example.dk) to body. */
static void A(const char *key, const char *name, const char *body, const char *seat, int munic,
              const char *profile, const char *start, const char *end)
{
	int32_t p = reg_person_find(&R, key);
	if (p < 0) {
		char mail[80];
		snprintf(mail, sizeof mail, "%s@example.dk", key);
		p = reg_person_add(&R, 0, key, name, mail);
	}
	struct reg_appt a = {0};
	a.id = (int64_t)R.nappts + 1;
	a.person = p;
	a.body = model_body_index(M, body);
	assert_true(a.body >= 0);
	a.seat = a.org = (int8_t)seat_parse(seat);
	a.munic = (int16_t)munic;
	a.profile = (int16_t)(profile ? model_profile_index(M, profile) : -1);
	a.start = D(start);
	a.end = end ? D(end) : DATE_OPEN;
	reg_appt_add(&R, &a);
}

static const char *S(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static json_t *find(json_t *arr, const char *person)
{
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (!strcmp(S(json_array_get(arr, i), "person"), person))
			return json_array_get(arr, i);
	return NULL;
}

/* A member's stint, last allowed day, seniority; planned and past appointments apart; the
 * vacancies per seat origin; members ordered by seat, then name. */
static void test_body_members(void **state)
{
	(void)state;
	A("p1", "Anne", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-01-01",
	  "2023-12-31");
	A("p1", "Anne", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2024-01-01",
	  NULL);
	A("p2", "Bo", "styregruppe", "KL", 0, NULL, "2026-01-01", NULL);
	A("p3", "Carl", "styregruppe", "kommune", 101, "it-digitaliseringschef", "2027-02-01",
	  NULL);
	A("p4", "Dorte", "styregruppe", "kommune", 461, "it-digitaliseringschef", "2019-01-01",
	  "2023-12-31");
	reg_sort(&R);
	json_t *b = report_body(M, MT, &R, model_body_index(M, "styregruppe"), D("2026-11-27"),
	                        NULL, false);
	json_t *mem = json_object_get(b, "members");
	assert_int_equal(json_array_size(mem), 2);
	assert_string_equal(S(json_array_get(mem, 0), "person"), "p1"); /* kommune before KL */
	json_t *p1 = find(mem, "p1");
	assert_string_equal(S(p1, "stint_start"), "2022-01-01");
	assert_string_equal(S(p1, "last_allowed_day"), "2026-12-31");
	assert_string_equal(S(p1, "seniority"), "4 år og 10 måneder");
	assert_string_equal(S(p1, "status"), "current");
	assert_true(json_is_true(json_object_get(p1, "senior")));
	assert_string_equal(S(json_object_get(p1, "municipality"), "name"), "Aarhus");
	assert_string_equal(S(p1, "profile_name"), "IT- og digitaliseringschef");
	assert_true(json_is_null(json_object_get(find(mem, "p2"), "last_allowed_day")));
	json_t *pl = json_object_get(b, "planned");
	assert_int_equal(json_array_size(pl), 1);
	assert_string_equal(S(json_array_get(pl, 0), "status"), "planned");
	assert_true(json_is_null(json_object_get(json_array_get(pl, 0), "seniority")));
	json_t *h = json_object_get(b, "history");
	json_t *p4 = find(h, "p4");
	assert_non_null(p4);
	assert_string_equal(S(p4, "earliest_return"), "2025-01-01");
	assert_int_equal(json_integer_value(json_object_get(b, "member_count")), 2);
	json_t *vac = json_object_get(b, "vacancies");
	assert_int_equal(json_array_size(vac), 2); /* 8 kommune, 1 UDK */
	assert_string_equal(S(json_array_get(vac, 0), "seat"), "kommune");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(vac, 0), "count")), 8);
	json_decref(b);
}

/* Anonymous: no e-mail addresses and no findings; logged in: both. Nullable keys are there. */
static void test_body_private(void **state)
{
	(void)state;
	A("p1", "Anne", "rg-forretning", "kommune", 751, "fagperson-digital", "2022-01-01", NULL);
	reg_sort(&R);
	int body = model_body_index(M, "rg-forretning");
	fk_date d = D("2026-11-27");
	json_t *anon = report_body(M, MT, &R, body, d, NULL, false);
	char *text = json_dumps(anon, 0);
	assert_null(strstr(text, "example.dk"));
	free(text);
	assert_null(json_object_get(anon, "findings"));
	assert_null(json_object_get(json_array_get(json_object_get(anon, "members"), 0), "email"));
	assert_true(json_is_object(json_object_get(anon, "term")));
	assert_true(json_is_null(json_object_get(anon, "via_seat")));
	json_decref(anon);

	struct findings f;
	findings_init(&f);
	rules_check(M, MT, &R, d, &f);
	json_t *in = report_body(M, MT, &R, body, d, &f, true);
	assert_string_equal(S(json_array_get(json_object_get(in, "members"), 0), "email"),
	                    "p1@example.dk");
	json_t *fs = json_object_get(in, "findings");
	assert_true(json_is_array(fs));
	bool limit = false;
	for (size_t i = 0; i < json_array_size(fs); i++)
		limit |= !strcmp(S(json_array_get(fs, i), "rule"), "term-limit");
	assert_true(limit);
	json_decref(in);
	findings_free(&f);

	json_t *none = report_body(M, MT, &R, model_body_index(M, "fki-ledelse"), d, NULL, false);
	assert_true(json_is_null(json_object_get(none, "term")));
	assert_true(json_is_null(json_object_get(none, "seniority")));
	assert_int_equal(json_integer_value(json_object_get(none, "seats_total")), 0);
	json_decref(none);
}

/* The timeline: the window in whole years, a term per municipal stint with its last allowed
 * day and cooling-off (projected for an open term), none for a KL seat, an overrun. */
static void test_timeline(void **state)
{
	(void)state;
	A("p1", "Anne", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-01-01",
	  NULL);
	A("p2", "Bo", "styregruppe", "KL", 0, NULL, "2010-05-01", NULL);
	A("p3", "Carl", "styregruppe", "kommune", 101, "it-digitaliseringschef", "2019-03-01",
	  "2023-12-31");
	A("p4", "Dorte", "styregruppe", "kommune", 461, "it-digitaliseringschef", "2027-01-01",
	  NULL);
	A("p5", "Eva", "styregruppe", "kommune", 147, "it-digitaliseringschef", "2020-01-01", NULL);
	A("p6", "Finn", "styregruppe", "kommune", 147, "it-digitaliseringschef", "2005-01-01",
	  "2009-12-31");
	reg_sort(&R);
	json_t *t = report_timeline(M, &R, model_body_index(M, "styregruppe"), D("2026-11-27"));
	assert_string_equal(S(t, "from"), "2014-01-01"); /* 12 years back at most */
	assert_string_equal(S(t, "to"), "2031-12-31");   /* Dorte's last allowed day */
	json_t *rows = json_object_get(t, "rows");
	assert_int_equal(json_array_size(rows), 5); /* Finn left long before the window */
	assert_null(find(rows, "p6"));
	assert_string_equal(S(json_array_get(rows, 0), "person"), "p2"); /* by first start */

	json_t *p1 = json_object_get(find(rows, "p1"), "terms");
	assert_int_equal(json_array_size(p1), 1);
	json_t *tm = json_array_get(p1, 0);
	assert_string_equal(S(tm, "last_allowed_day"), "2026-12-31");
	assert_true(json_is_null(json_object_get(tm, "end")));
	assert_true(json_is_true(json_object_get(tm, "projected")));
	assert_string_equal(S(tm, "cooloff_start"), "2027-01-01");
	assert_string_equal(S(tm, "earliest_return"), "2028-01-01");
	assert_false(json_is_true(json_object_get(tm, "over_limit")));

	assert_int_equal(json_array_size(json_object_get(find(rows, "p2"), "terms")), 0);

	tm = json_array_get(json_object_get(find(rows, "p3"), "terms"), 0);
	assert_string_equal(S(tm, "end"), "2023-12-31");
	assert_false(json_is_true(json_object_get(tm, "projected")));
	assert_string_equal(S(tm, "cooloff_start"), "2024-01-01");
	assert_string_equal(S(tm, "earliest_return"), "2025-01-01");

	tm = json_array_get(json_object_get(find(rows, "p5"), "terms"), 0);
	assert_true(json_is_true(json_object_get(tm, "over_limit")));
	assert_string_equal(S(tm, "cooloff_start"), "2026-11-28"); /* leaving now at the earliest */

	json_t *p4 = find(rows, "p4");
	assert_string_equal(S(p4, "status"), "planned");
	assert_string_equal(S(json_array_get(json_object_get(p4, "appointments"), 0), "status"),
	                    "planned");
	json_decref(t);

	/* An empty body: a window around today and no rows. */
	t = report_timeline(M, &R, model_body_index(M, "rg-forretning"), D("2026-11-27"));
	assert_string_equal(S(t, "from"), "2024-01-01");
	assert_string_equal(S(t, "to"), "2029-12-31");
	assert_int_equal(json_array_size(json_object_get(t, "rows")), 0);
	json_decref(t);
}

/* People: sorted by name, current and planned appointments, search by name or key without
 * regard to case (Danish letters too), by body (past members only on request). */
static void test_people(void **state)
{
	(void)state;
	A("p1", "Ødis Ærø", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-01-01",
	  NULL);
	A("p2", "Anne Holm", "rg-forretning", "kommune", 101, "fagperson-digital", "2020-01-01",
	  "2022-12-31");
	A("p2", "Anne Holm", "styregruppe", "kommune", 101, "it-digitaliseringschef", "2027-01-01",
	  NULL);
	A("p3", "Bo Bech", "rg-forretning", "KL", 0, NULL, "2021-01-01", NULL);
	reg_sort(&R);
	fk_date d = D("2026-11-27");
	json_t *all = report_people(M, MT, &R, d, NULL, -1, false, 0, 0, false);
	json_t *pp = json_object_get(all, "people");
	assert_int_equal(json_array_size(pp), 3);
	assert_string_equal(S(json_array_get(pp, 0), "name"), "Anne Holm");
	json_t *p2 = find(pp, "p2");
	assert_int_equal(json_array_size(json_object_get(p2, "current")), 0);
	assert_int_equal(json_array_size(json_object_get(p2, "planned")), 1);
	assert_int_equal(json_integer_value(json_object_get(p2, "past_count")), 1);
	assert_null(json_object_get(p2, "email"));
	json_decref(all);

	json_t *q = report_people(M, MT, &R, d, "ødis æ", -1, false, 0, 0, true);
	pp = json_object_get(q, "people");
	assert_int_equal(json_array_size(pp), 1);
	assert_string_equal(S(json_array_get(pp, 0), "email"), "p1@example.dk");
	json_decref(q);
	q = report_people(M, MT, &R, d, "P3", -1, false, 0, 0, false);
	assert_int_equal(json_array_size(json_object_get(q, "people")), 1);
	json_decref(q);

	int rg = model_body_index(M, "rg-forretning");
	q = report_people(M, MT, &R, d, NULL, rg, false, 0, 0, false);
	assert_int_equal(json_array_size(json_object_get(q, "people")), 1); /* Bo */
	json_decref(q);
	q = report_people(M, MT, &R, d, NULL, rg, true, 0, 0, false);
	assert_int_equal(json_array_size(json_object_get(q, "people")), 2); /* and Anne */
	json_decref(q);

	/* A page: the second of two, by name. */
	q = report_people(M, MT, &R, d, NULL, -1, false, 1, 1, false);
	assert_int_equal(json_integer_value(json_object_get(q, "total")), 3);
	assert_int_equal(json_integer_value(json_object_get(q, "limit")), 1);
	pp = json_object_get(q, "people");
	assert_int_equal(json_array_size(pp), 1);
	assert_string_equal(S(json_array_get(pp, 0), "name"), "Bo Bech");
	json_decref(q);
	q = report_people(M, MT, &R, d, NULL, -1, false, 5, 2, false);
	assert_int_equal(json_array_size(json_object_get(q, "people")), 0);
	json_decref(q);
}

/* A person: every appointment, newest first, with its status. */
static void test_person(void **state)
{
	(void)state;
	A("p2", "Anne Holm", "rg-forretning", "kommune", 101, "fagperson-digital", "2020-01-01",
	  "2022-12-31");
	A("p2", "Anne Holm", "styregruppe", "kommune", 101, "it-digitaliseringschef", "2027-01-01",
	  NULL);
	reg_sort(&R);
	json_t *o = report_person(M, MT, &R, 0, D("2026-11-27"), false);
	json_t *a = json_object_get(o, "appointments");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(S(json_array_get(a, 0), "status"), "planned");
	assert_string_equal(S(json_array_get(a, 0), "last_allowed_day"), "2031-12-31");
	assert_string_equal(S(json_array_get(a, 1), "status"), "past");
	assert_string_equal(S(json_array_get(a, 1), "earliest_return"), "2024-01-01");
	assert_null(json_object_get(o, "email"));
	json_decref(o);
}

static void test_text_match(void **state)
{
	(void)state;
	assert_true(report_text_match("Søren Ærbø", "søREN æRBØ"));
	assert_true(report_text_match("Åse", "åSE"));
	assert_true(report_text_match("x", NULL));
	assert_true(report_text_match("x", ""));
	assert_false(report_text_match("Anne", "anna"));
	assert_false(report_text_match(NULL, "a"));
	assert_false(report_text_match("Ann", "Anne"));
}

static void test_names(void **state)
{
	(void)state;
	char s[40];
	report_date_short_da(D("2027-03-01"), s, sizeof s);
	assert_string_equal(s, "1. mar. 2027");
	report_date_short_da(DATE_OPEN, s, sizeof s);
	assert_string_equal(s, "");
	assert_string_equal(report_kind_name("steering-group"), "Styregruppe");
	assert_string_equal(report_kind_name("new-kind"), "new-kind");
	assert_string_equal(report_relation_name("advises"), "rådgiver");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_body_members, fresh),
	    cmocka_unit_test_setup(test_body_private, fresh),
	    cmocka_unit_test_setup(test_timeline, fresh),
	    cmocka_unit_test_setup(test_people, fresh),
	    cmocka_unit_test_setup(test_person, fresh),
	    cmocka_unit_test(test_text_match),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
