/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The inspiration talk's rotation: who is a candidate on the meeting day (municipal seats
 * only, members who have left or not yet started are not), never-talked first, the oldest
 * talk next, ties by the earliest stint start (a renewal keeps the stint), then person key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/register.h"
#include "core/rotation.h"

static struct model *M;
static int SG;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static int setup(void **state)
{
	(void)state;
	int rc = model_load_builtin(&M);
	SG = model_body_index(M, "styregruppe");
	return rc || SG < 0;
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	return 0;
}

/* Appoints key (added when new) to the steering group on seat from start to end ("" open). */
static void appoint(struct reg *r, const char *key, int seat, const char *start, const char *end)
{
	int32_t p = reg_person_find(r, key);
	if (p < 0)
		p = reg_person_add(r, 0, key, key, NULL);
	struct reg_appt a = {0};
	a.person = p;
	a.body = SG;
	a.org = (int8_t)seat;
	a.seat = (int8_t)seat;
	a.profile = -1;
	a.munic = seat == SEAT_KOMMUNE ? 751 : 0;
	a.start = D(start);
	a.end = *end ? D(end) : DATE_OPEN;
	reg_appt_add(r, &a);
}

static const char *key(const struct reg *r, const struct rotation_cand *c, int i)
{
	return i < 0 ? "(ingen)" : r->persons[c[i].person].key;
}

static void test_candidates(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	appoint(&r, "a", SEAT_KOMMUNE, "2024-01-01", "");
	appoint(&r, "kl", SEAT_KL, "2020-01-01", "");           /* not municipal */
	appoint(&r, "left", SEAT_KOMMUNE, "2020-01-01", "2026-12-31"); /* has left */
	appoint(&r, "later", SEAT_KOMMUNE, "2027-06-01", "");   /* not yet serving */
	appoint(&r, "ren", SEAT_KOMMUNE, "2021-01-01", "2023-12-31");
	appoint(&r, "ren", SEAT_KOMMUNE, "2024-01-01", "");     /* a renewal: stint from 2021 */
	appoint(&r, "back", SEAT_KOMMUNE, "2019-01-01", "2020-12-31");
	appoint(&r, "back", SEAT_KOMMUNE, "2023-01-01", "");    /* back after a break: from 2023 */
	reg_sort(&r);
	struct rotation_cand *c;
	size_t n = rotation_candidates(M, &r, SG, D("2027-03-04"), &c);
	assert_int_equal(n, 3);
	rotation_order(&r, c, n);
	/* Nobody has talked: earliest stint start first. */
	assert_string_equal(key(&r, c, 0), "ren");
	assert_int_equal(c[0].stint_start, D("2021-01-01"));
	assert_string_equal(key(&r, c, 1), "back");
	assert_int_equal(c[1].stint_start, D("2023-01-01"));
	assert_string_equal(key(&r, c, 2), "a");
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "ren");
	free(c);
	/* On a day when "later" serves and "left" does not. */
	n = rotation_candidates(M, &r, SG, D("2027-06-01"), &c);
	assert_int_equal(n, 4);
	free(c);
	n = rotation_candidates(M, &r, SG, D("2026-12-31"), &c);
	assert_int_equal(n, 4); /* left still serves on its last day; later not yet */
	free(c);
	n = rotation_candidates(M, &r, -1, D("2026-12-31"), &c);
	assert_int_equal(n, 0);
	assert_int_equal(rotation_pick(&r, c, 0), -1);
	reg_free(&r);
}

static void test_turns(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	appoint(&r, "p1", SEAT_KOMMUNE, "2024-01-01", "");
	appoint(&r, "p2", SEAT_KOMMUNE, "2024-01-01", "");
	appoint(&r, "p3", SEAT_KOMMUNE, "2025-01-01", "");
	reg_sort(&r);
	struct rotation_cand *c;
	size_t n = rotation_candidates(M, &r, SG, D("2027-03-04"), &c);
	assert_int_equal(n, 3);
	/* Tie on stint start: person key decides. */
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "p1");
	/* p1 talked, then p2: never-talked p3 is next, although p3 started last. */
	struct rotation_talk t[] = {{"p1", D("2026-03-05")}, {"p2", D("2026-06-11")}};
	rotation_apply_talks(&r, c, n, t, 2);
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "p3");
	/* Everyone has talked: the oldest talk is next. */
	struct rotation_talk t2[] = {{"p3", D("2026-09-10")}};
	rotation_apply_talks(&r, c, n, t2, 1);
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "p1");
	/* The latest talk counts: p1 talked again after p2. */
	struct rotation_talk t3[] = {{"p1", D("2026-12-03")}, {"p1", D("2025-01-01")}};
	rotation_apply_talks(&r, c, n, t3, 2);
	assert_int_equal(c[0].last_talk, D("2026-12-03"));
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "p2");
	/* A talk by someone no longer a candidate changes nothing. */
	struct rotation_talk t4[] = {{"gone", D("2027-01-01")}};
	rotation_apply_talks(&r, c, n, t4, 1);
	assert_string_equal(key(&r, c, rotation_pick(&r, c, n)), "p2");
	rotation_order(&r, c, n);
	assert_string_equal(key(&r, c, 0), "p2");
	assert_string_equal(key(&r, c, 1), "p3");
	assert_string_equal(key(&r, c, 2), "p1");
	free(c);
	reg_free(&r);
}

/* Issue 12: a member who has sent apologies for the meeting is skipped; the next in turn
 * speaks, and the one who was skipped keeps their place for the next meeting (no talk is
 * recorded for them). Everyone away: no speaker. */
static void test_skip_apologies(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	appoint(&r, "p1", SEAT_KOMMUNE, "2020-01-01", "");
	appoint(&r, "p2", SEAT_KOMMUNE, "2021-01-01", "");
	appoint(&r, "p3", SEAT_KOMMUNE, "2022-01-01", "");
	appoint(&r, "kl", SEAT_KL, "2019-01-01", "");
	reg_sort(&r);
	struct rotation_cand *c;
	size_t n = rotation_candidates(M, &r, SG, D("2027-03-04"), &c);
	assert_int_equal(n, 3);
	/* No apologies: the earliest stint first. */
	assert_string_equal(key(&r, c, rotation_pick_skip(&r, c, n, NULL, 0)), "p1");
	assert_int_equal(rotation_pick_skip(&r, c, n, NULL, 0), rotation_pick(&r, c, n));
	/* p1 has sent apologies: p2, the next in turn. */
	const char *away1[] = {"p1"};
	assert_string_equal(key(&r, c, rotation_pick_skip(&r, c, n, away1, 1)), "p2");
	/* Apologies from someone who is no candidate (KL) change nothing. */
	const char *away2[] = {"kl", "nobody"};
	assert_string_equal(key(&r, c, rotation_pick_skip(&r, c, n, away2, 2)), "p1");
	/* The next in turn after skipping honours the talks: p2 talked last year, so p3. */
	struct rotation_talk t[] = {{"p2", D("2026-06-01")}};
	rotation_apply_talks(&r, c, n, t, 1);
	assert_string_equal(key(&r, c, rotation_pick_skip(&r, c, n, away1, 1)), "p3");
	/* Everyone away: none. */
	const char *all[] = {"p3", "p1", "p2"};
	assert_int_equal(rotation_pick_skip(&r, c, n, all, 3), -1);
	/* A NULL key in the list is ignored. */
	const char *withnull[] = {NULL, "p1"};
	assert_string_equal(key(&r, c, rotation_pick_skip(&r, c, n, withnull, 2)), "p3");
	free(c);
	reg_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_candidates),
	    cmocka_unit_test(test_turns),
	    cmocka_unit_test(test_skip_apologies),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
