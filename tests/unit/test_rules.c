/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The membership rules of SPEC §4, each at its boundaries, on the built-in FKI model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/forecast.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "core/rules.h"

static struct model *M;
static const struct munic_table *MT;
static struct reg R;
static struct findings F;

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
	return 0;
}

static int fresh(void **state)
{
	(void)state;
	reg_free(&R);
	reg_init(&R);
	findings_free(&F);
	findings_init(&F);
	return 0;
}

/* Appoints person key (created on first use) to body. seat/org: "kommune", "KL", ...;
 * munic 0 for none; profile NULL for none; end NULL for still serving. */
static void A(const char *key, const char *body, const char *seat, const char *org, int munic,
              const char *profile, const char *start, const char *end)
{
	int32_t p = reg_person_find(&R, key);
	if (p < 0)
		p = reg_person_add(&R, 0, key, key, NULL);
	struct reg_appt a = {0};
	a.person = p;
	a.body = model_body_index(M, body);
	assert_true(a.body >= 0);
	a.seat = (int8_t)seat_parse(seat);
	a.org = (int8_t)seat_parse(org);
	a.munic = (int16_t)munic;
	a.profile = (int16_t)(profile ? model_profile_index(M, profile) : -1);
	a.start = D(start);
	a.end = end ? D(end) : DATE_OPEN;
	reg_appt_add(&R, &a);
}

/* A municipal member of the steering group. */
static void SG(const char *key, int munic, const char *start, const char *end)
{
	A(key, "styregruppe", "kommune", "kommune", munic, "it-digitaliseringschef", start, end);
}

static void run(const char *date)
{
	findings_free(&F);
	findings_init(&F);
	reg_sort(&R);
	rules_check(M, MT, &R, D(date), &F);
}

/* Number of findings of rule in body (NULL: any body) for person (NULL: the body itself;
 * "*": any). */
static int count(const char *rule, const char *body, const char *person)
{
	int n = 0;
	for (size_t i = 0; i < F.n; i++) {
		const struct finding *f = &F.v[i];
		if (strcmp(rule_name(f->rule), rule))
			continue;
		if (body && strcmp(M->bodies[f->body].id, body))
			continue;
		if (person && strcmp(person, "*")) {
			if (f->person < 0 || strcmp(R.persons[f->person].key, person))
				continue;
		} else if (!person && f->person >= 0) {
			continue;
		}
		n++;
	}
	return n;
}

/* The message of the first finding of rule. */
static const char *msg(const char *rule)
{
	for (size_t i = 0; i < F.n; i++)
		if (!strcmp(rule_name(F.v[i].rule), rule))
			return F.v[i].message;
	return "";
}

static void dump(void)
{
	for (size_t i = 0; i < F.n; i++)
		fprintf(stderr, "  %s %s %s: %s\n", rule_name(F.v[i].rule), M->bodies[F.v[i].body].id,
		        F.v[i].person >= 0 ? R.persons[F.v[i].person].key : "-", F.v[i].message);
}

/* ------------------------------------------------------------------ term limit */
static void test_term_limit_boundary(void **state)
{
	fresh(state);
	SG("p1", 101, "2022-01-01", NULL);
	run("2026-12-31"); /* the last allowed day */
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
	run("2027-01-01"); /* the day after */
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 1);
	run("2026-12-30");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
}

static void test_term_limit_recorded_end(void **state)
{
	fresh(state);
	SG("p1", 101, "2022-01-01", "2026-12-31");
	run("2026-06-01");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
	fresh(state);
	SG("p1", 101, "2022-01-01", "2027-01-01");
	run("2026-06-01");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 1);
	/* Ended before the date: history, not reported. */
	run("2027-01-02");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
}

static void test_term_limit_leap_day(void **state)
{
	fresh(state);
	A("p1", "rg-forretning", "kommune", "kommune", 101, "digitaliseringskonsulent", "2024-02-29",
	  NULL);
	/* 3 years from 29 February: 2027-02-28 is S + 3 years, so the last day is 2027-02-27. */
	run("2027-02-27");
	assert_int_equal(count("term-limit", "rg-forretning", "p1"), 0);
	run("2027-02-28");
	assert_int_equal(count("term-limit", "rg-forretning", "p1"), 1);
}

static void test_renewal_same_stint(void **state)
{
	fresh(state);
	/* Renewed the day after: one stint of 5 years from 2022-01-01, no cooling-off. */
	SG("p1", 101, "2022-01-01", "2023-12-31");
	SG("p1", 101, "2024-01-01", NULL);
	run("2025-01-01");
	assert_int_equal(count("cooloff", "styregruppe", "p1"), 0);
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
	run("2027-01-01");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 1);
}

static void test_one_day_gap_is_leaving(void **state)
{
	fresh(state);
	SG("p1", 101, "2022-01-01", "2023-12-31");
	SG("p1", 101, "2024-01-02", NULL);
	run("2025-01-01");
	assert_int_equal(count("cooloff", "styregruppe", "p1"), 1);
}

static void test_cooloff_boundary(void **state)
{
	fresh(state);
	SG("p1", 101, "2021-01-01", "2025-12-31");
	SG("p1", 101, "2026-12-31", NULL); /* one day short */
	run("2027-01-15");
	assert_int_equal(count("cooloff", "styregruppe", "p1"), 1);
	assert_non_null(strstr(msg("cooloff"), "1. januar 2027"));
	fresh(state);
	SG("p1", 101, "2021-01-01", "2025-12-31");
	SG("p1", 101, "2027-01-01", NULL); /* exactly met: a new stint */
	run("2027-01-15");
	assert_int_equal(count("cooloff", "styregruppe", "p1"), 0);
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
	/* The new stint has its own limit: 2031-12-31. */
	run("2031-12-31");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 0);
	run("2032-01-01");
	assert_int_equal(count("term-limit", "styregruppe", "p1"), 1);
}

static void test_cooloff_planned_return(void **state)
{
	fresh(state);
	/* A planned return is checked before it starts. */
	A("p1", "rg-drift-forvaltning", "kommune", "kommune", 101, "driftschef", "2023-01-01",
	  "2025-12-31");
	A("p1", "rg-drift-forvaltning", "kommune", "kommune", 101, "driftschef", "2026-06-01", NULL);
	run("2026-01-10");
	assert_int_equal(count("cooloff", "rg-drift-forvaltning", "p1"), 1);
}

static void test_kl_udk_exempt(void **state)
{
	fresh(state);
	A("k1", "styregruppe", "KL", "KL", 0, NULL, "2010-01-01", NULL);
	A("u1", "styregruppe", "UDK", "UDK", 0, NULL, "2010-01-01", "2015-12-31");
	A("u1", "styregruppe", "UDK", "UDK", 0, NULL, "2016-03-01", NULL);
	run("2026-11-27");
	assert_int_equal(count("term-limit", NULL, "*"), 0);
	assert_int_equal(count("term-expiring", NULL, "*"), 0);
	assert_int_equal(count("cooloff", NULL, "*"), 0);
}

/* ------------------------------------------------------------------ term expiring */
static void test_term_expiring_window(void **state)
{
	fresh(state);
	SG("p1", 101, "2022-01-01", NULL); /* last day 2026-12-31 */
	run("2026-10-02");                 /* L = D + 90: not yet */
	assert_int_equal(count("term-expiring", "styregruppe", "p1"), 0);
	run("2026-10-03"); /* L = D + 89 */
	assert_int_equal(count("term-expiring", "styregruppe", "p1"), 1);
	run("2026-12-31"); /* the last day itself */
	assert_int_equal(count("term-expiring", "styregruppe", "p1"), 1);
	run("2027-01-01");
	assert_int_equal(count("term-expiring", "styregruppe", "p1"), 0);
	fresh(state);
	SG("p1", 101, "2022-01-01", "2026-12-30"); /* recorded to leave before L */
	run("2026-12-01");
	assert_int_equal(count("term-expiring", "styregruppe", "p1"), 0);
}

/* ------------------------------------------------------------------ quota */
static void test_quota_arithmetic(void **state)
{
	(void)state;
	assert_int_equal(rules_quota(7, 1, 3), 3);
	assert_int_equal(rules_quota(9, 1, 3), 3);
	assert_int_equal(rules_quota(11, 1, 3), 4);
	assert_int_equal(rules_quota(0, 1, 3), 0);
	assert_int_equal(rules_quota(1, 1, 3), 1);
	assert_int_equal(rules_quota(3, 1, 3), 1);
}

static const int rg_munic[] = {101, 751, 851, 461, 330, 561};

static void full_rg(const char *senior_start, int seniors)
{
	/* rg-arkitektur-udvikling: 6 municipal + 1 KL = 7 members, need ceil(7/3) = 3. */
	static const char *keys[] = {"a1", "a2", "a3", "a4", "a5", "a6"};
	for (int i = 0; i < 6; i++)
		A(keys[i], "rg-arkitektur-udvikling", "kommune", "kommune", rg_munic[i],
		  i % 2 ? "it-arkitekt" : "forvaltningschef", i < seniors ? senior_start : "2026-09-01",
		  NULL);
	A("kl", "rg-arkitektur-udvikling", "KL", "KL", 0, NULL, "2026-09-01", NULL);
}

static void test_seniority_quota(void **state)
{
	fresh(state);
	full_rg("2025-11-27", 2);
	run("2026-11-27");
	assert_int_equal(count("seniority-quota", "rg-arkitektur-udvikling", NULL), 1);
	fresh(state);
	full_rg("2025-11-27", 3); /* exactly 1 year on the date: counts */
	run("2026-11-27");
	assert_int_equal(count("seniority-quota", "rg-arkitektur-udvikling", NULL), 0);
	fresh(state);
	full_rg("2025-11-28", 3); /* one day short */
	run("2026-11-27");
	assert_int_equal(count("seniority-quota", "rg-arkitektur-udvikling", NULL), 1);
}

/* ------------------------------------------------------------------ composition */
static void test_vacancy_and_over_capacity(void **state)
{
	fresh(state);
	run("2026-11-27");
	/* No members at all: vacancy findings only (3 origins in the steering group). */
	assert_int_equal(count("vacancy", "styregruppe", NULL), 3);
	assert_int_equal(count("seniority-quota", "styregruppe", NULL), 0);
	assert_int_equal(count("region-spread", "styregruppe", NULL), 0);
	assert_int_equal(count("profile-coverage", "styregruppe", NULL), 0);
	assert_int_equal(count("vacancy", "rg-forretning", NULL), 2);
	assert_int_equal(count("vacancy", "kombit-bestyrelse", NULL), 0);
	fresh(state);
	A("k1", "styregruppe", "KL", "KL", 0, NULL, "2020-01-01", NULL);
	A("k2", "styregruppe", "KL", "KL", 0, NULL, "2020-01-01", NULL);
	run("2026-11-27");
	assert_int_equal(count("over-capacity", "styregruppe", NULL), 1);
	assert_int_equal(count("vacancy", "styregruppe", NULL), 2);
	/* A planned member is not current. */
	fresh(state);
	A("k1", "styregruppe", "KL", "KL", 0, NULL, "2027-01-01", NULL);
	run("2026-11-27");
	assert_int_equal(count("vacancy", "styregruppe", NULL), 3);
}

static void test_seat_origin(void **state)
{
	fresh(state);
	A("k1", "styregruppe", "kommune", "KL", 0, "it-digitaliseringschef", "2025-01-01", NULL);
	run("2026-11-27");
	assert_int_equal(count("seat-origin", "styregruppe", "k1"), 1);
	assert_int_equal(rule_severity(RULE_SEAT_ORIGIN), SEV_ERROR);
}

static void test_profiles(void **state)
{
	fresh(state);
	A("d1", "rg-drift-forvaltning", "kommune", "kommune", 101, "driftschef", "2025-01-01", NULL);
	A("d2", "rg-drift-forvaltning", "kommune", "kommune", 751, "it-arkitekt", "2025-01-01", NULL);
	run("2026-11-27");
	/* teknisk-arkitekt, systemansvarlig, driftsrepraesentant missing */
	assert_int_equal(count("profile-coverage", "rg-drift-forvaltning", NULL), 3);
	assert_int_equal(count("profile-mismatch", "rg-drift-forvaltning", "d2"), 1);
	assert_int_equal(count("profile-mismatch", "rg-drift-forvaltning", "d1"), 0);
}

static void test_same_municipality_and_regions(void **state)
{
	fresh(state);
	SG("s1", 751, "2024-01-01", NULL);
	SG("s2", 751, "2025-01-01", NULL);
	SG("s3", 101, "2024-01-01", NULL);
	run("2026-11-27");
	assert_int_equal(count("same-municipality", "styregruppe", "*"), 1);
	assert_int_equal(count("same-municipality", "styregruppe", "s2"), 1);
	/* Aarhus (Midtjylland) and København (Hovedstaden): 2 of 5 regions. */
	assert_int_equal(count("region-spread", "styregruppe", NULL), 1);
	fresh(state);
	SG("s1", 101, "2024-01-01", NULL); /* Hovedstaden */
	SG("s2", 259, "2024-01-01", NULL); /* Køge: Sjælland */
	SG("s3", 461, "2024-01-01", NULL); /* Odense: Syddanmark */
	SG("s4", 751, "2024-01-01", NULL); /* Aarhus: Midtjylland */
	SG("s5", 851, "2024-01-01", NULL); /* Aalborg: Nordjylland */
	run("2026-11-27");
	assert_int_equal(count("region-spread", "styregruppe", NULL), 0);
	assert_int_equal(count("same-municipality", "styregruppe", "*"), 0);
}

static void test_clean_register(void **state)
{
	fresh(state);
	static const int sg[] = {101, 259, 461, 751, 851, 147, 330, 561, 813};
	char key[16];
	for (int i = 0; i < 9; i++) {
		snprintf(key, sizeof key, "s%d", i);
		SG(key, sg[i], i < 4 ? "2023-03-01" : "2026-01-01", NULL);
	}
	A("kl", "styregruppe", "KL", "KL", 0, NULL, "2020-01-01", NULL);
	A("udk", "styregruppe", "UDK", "UDK", 0, NULL, "2020-01-01", NULL);
	run("2026-11-27");
	for (size_t i = 0; i < F.n; i++)
		if (!strcmp(M->bodies[F.v[i].body].id, "styregruppe")) {
			dump();
			fail_msg("unexpected finding in a clean steering group");
		}
	assert_int_equal(findings_errors(&F), 0);
}

static void test_findings_sorted(void **state)
{
	fresh(state);
	SG("zz", 101, "2015-01-01", NULL);
	SG("aa", 101, "2015-01-01", NULL);
	run("2026-11-27");
	for (size_t i = 1; i < F.n; i++) {
		assert_true(F.v[i - 1].body <= F.v[i].body);
		if (F.v[i - 1].body == F.v[i].body)
			assert_true(F.v[i - 1].rule <= F.v[i].rule);
	}
	assert_int_equal(count("term-limit", "styregruppe", "*"), 2);
}

/* ------------------------------------------------------------------ forecast */
static void test_forecast(void **state)
{
	fresh(state);
	SG("p1", 101, "2022-01-01", NULL);               /* term ends 2026-12-31 */
	SG("p2", 751, "2023-01-01", "2027-06-30");       /* recorded end */
	A("k1", "styregruppe", "KL", "KL", 0, NULL, "2020-01-01", NULL);
	reg_sort(&R);
	struct forecast f;
	forecast_run(M, &R, D("2026-11-27"), 2, &f);
	int sg = model_body_index(M, "styregruppe");
	const struct fc_body *b = NULL;
	for (size_t i = 0; i < f.nbodies; i++)
		if (f.bodies[i].body == sg)
			b = &f.bodies[i];
	assert_non_null(b);
	assert_int_equal(b->nq, 9); /* 2026-K4 (partial) .. 2028-K4 (partial) */
	assert_int_equal(b->q[0].nleavers, 1);
	assert_int_equal(b->q[0].leavers[0].reason, LEAVE_TERM_LIMIT);
	assert_int_equal(b->q[0].leavers[0].last_day, D("2026-12-31"));
	assert_int_equal(b->q[0].leavers[0].earliest_return, D("2028-01-01"));
	assert_int_equal(b->q[0].vacancies_now, 8);
	assert_int_equal(b->q[2].nleavers, 1); /* 2027-K2 */
	assert_int_equal(b->q[2].leavers[0].reason, LEAVE_END);
	assert_int_equal(b->q[0].members, 11);
	/* Only k1 and p2 are senior by 2027-K3, after p2 leaves only k1: quota 4 fails. */
	assert_false(b->q[3].quota_ok);
	forecast_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_term_limit_boundary),
	    cmocka_unit_test(test_term_limit_recorded_end),
	    cmocka_unit_test(test_term_limit_leap_day),
	    cmocka_unit_test(test_renewal_same_stint),
	    cmocka_unit_test(test_one_day_gap_is_leaving),
	    cmocka_unit_test(test_cooloff_boundary),
	    cmocka_unit_test(test_cooloff_planned_return),
	    cmocka_unit_test(test_kl_udk_exempt),
	    cmocka_unit_test(test_term_expiring_window),
	    cmocka_unit_test(test_quota_arithmetic),
	    cmocka_unit_test(test_seniority_quota),
	    cmocka_unit_test(test_vacancy_and_over_capacity),
	    cmocka_unit_test(test_seat_origin),
	    cmocka_unit_test(test_profiles),
	    cmocka_unit_test(test_same_municipality_and_regions),
	    cmocka_unit_test(test_clean_register),
	    cmocka_unit_test(test_findings_sorted),
	    cmocka_unit_test(test_forecast),
	};
	int rc = cmocka_run_group_tests_name("rules", tests, setup, teardown);
	reg_free(&R);
	findings_free(&F);
	return rc;
}
