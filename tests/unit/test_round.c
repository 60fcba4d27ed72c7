/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for recruitment rounds (src/core/round.c): the state machine exhaustively (every
 * state × every event: the one allowed move, and a Danish sentence of its own for each
 * refusal), the evaluation's score at its edges (all 1s is 0, all 5s is 100, weights, an
 * evaluator who has not marked every criterion does not count), the spread flag at exactly two
 * points, blind scoring, and the conflict of an evaluator employed in the candidate's
 * municipality to the day. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/model.h"
#include "core/round.h"

static void test_state_machine_exhaustive(void **state)
{
	(void)state;
	/* The allowed moves, and nothing else. */
	static const int to[ROUND_STATE__MAX][REV__MAX] = {
	    /*              open  eval  rec   recon decide close */
	    [ROUND_DRAFT] = {ROUND_OPEN, -1, -1, -1, -1, -1},
	    [ROUND_OPEN] = {-1, ROUND_EVALUATION, -1, -1, -1, -1},
	    [ROUND_EVALUATION] = {-1, -1, ROUND_RECOMMENDED, -1, -1, -1},
	    [ROUND_RECOMMENDED] = {-1, -1, -1, ROUND_EVALUATION, ROUND_DECIDED, -1},
	    [ROUND_DECIDED] = {-1, -1, -1, -1, -1, ROUND_CLOSED},
	    [ROUND_CLOSED] = {-1, -1, -1, -1, -1, -1},
	};
	for (int s = 0; s < ROUND_STATE__MAX; s++) {
		char seen[REV__MAX][300];
		size_t nseen = 0;
		for (int e = 0; e < REV__MAX; e++) {
			enum round_state got = ROUND_STATE__MAX;
			char msg[300] = "x";
			int rc = round_next((enum round_state)s, (enum round_event)e, &got, msg, sizeof msg);
			if (to[s][e] >= 0) {
				assert_int_equal(rc, 0);
				assert_int_equal(got, to[s][e]);
				assert_string_equal(msg, "");
				continue;
			}
			assert_int_equal(rc, -1);
			assert_true(strlen(msg) > 20 && msg[strlen(msg) - 1] == '.');
			assert_int_equal(got, ROUND_STATE__MAX); /* untouched */
			/* in one state, each refused event has a sentence of its own */
			for (size_t i = 0; i < nseen; i++)
				assert_string_not_equal(seen[i], msg);
			strcpy(seen[nseen++], msg);
		}
	}
	char msg[300];
	enum round_state got;
	round_next(ROUND_OPEN, REV_OPEN, &got, msg, sizeof msg);
	assert_non_null(strstr(msg, "kriterier og vægte kan ikke ændres"));
	round_next(ROUND_DRAFT, REV_DECIDE, &got, msg, sizeof msg);
	assert_non_null(strstr(msg, "indstillet, før"));
	round_next(ROUND_CLOSED, REV_DECIDE, &got, msg, sizeof msg);
	assert_non_null(strstr(msg, "allerede besluttet"));
	for (int s = 0; s < ROUND_STATE__MAX; s++)
		assert_int_equal(round_state_parse(round_state_name(s)), s);
	for (int e = 0; e < REV__MAX; e++)
		assert_int_equal(round_event_parse(round_event_name(e)), e);
	assert_int_equal(round_state_parse("lukket"), -1);
	assert_int_equal(round_event_parse(NULL), -1);
}

static void test_score_edges(void **state)
{
	(void)state;
	int w[3] = {3, 2, 1};
	struct round_eval ev;
	/* evaluator 0: all 1s; evaluator 1: all 5s; evaluator 2 marked two of three */
	struct round_mark m[] = {
	    {7, 0, 0, 1}, {7, 0, 1, 1}, {7, 0, 2, 1}, {7, 1, 0, 5}, {7, 1, 1, 5},
	    {7, 1, 2, 5}, {7, 2, 0, 3}, {7, 2, 1, 3}, {8, 0, 0, 5},
	};
	round_evaluate(w, 3, m, 3, 7, &ev);
	assert_int_equal(ev.evaluators, 1);
	assert_true(fabs(ev.score - 0.0) < 1e-9);
	round_evaluate(w, 3, m + 3, 3, 7, &ev);
	assert_true(fabs(ev.score - 100.0) < 1e-9);
	round_evaluate(w, 3, m, sizeof m / sizeof m[0], 7, &ev);
	assert_int_equal(ev.evaluators, 2); /* evaluator 2 is incomplete */
	assert_true(fabs(ev.score - 50.0) < 1e-9);
	assert_int_equal(ev.spread, 7u); /* 1 against 5 on every criterion */
	/* weights: 5 on the heaviest criterion only: (3*4/4) / 6 = 50 */
	struct round_mark one[] = {{1, 0, 0, 5}, {1, 0, 1, 1}, {1, 0, 2, 1}};
	round_evaluate(w, 3, one, 3, 1, &ev);
	assert_true(fabs(ev.score - 50.0) < 1e-9);
	assert_int_equal(ev.spread, 0u);
	/* spread exactly at two points, not at one */
	struct round_mark sp[] = {{1, 0, 0, 3}, {1, 0, 1, 3}, {1, 0, 2, 3},
	                          {1, 1, 0, 5}, {1, 1, 1, 4}, {1, 1, 2, 3}};
	round_evaluate(w, 3, sp, 6, 1, &ev);
	assert_int_equal(ev.spread, 1u);
	assert_int_equal(ev.evaluators, 2);
	/* no marks */
	round_evaluate(w, 3, sp, 6, 99, &ev);
	assert_int_equal(ev.evaluators, 0);
	assert_true(ev.score == 0.0);
}

static void test_blind(void **state)
{
	(void)state;
	struct round_mark m[] = {{1, 0, 0, 3}, {1, 0, 1, 3}, {1, 1, 0, 4}, {2, 1, 1, 4}};
	assert_true(round_may_see_others(m, 4, 1, 0, 2));
	assert_false(round_may_see_others(m, 4, 1, 1, 2)); /* one of two criteria */
	assert_false(round_may_see_others(m, 4, 2, 0, 2)); /* nothing of app 2 */
	assert_false(round_may_see_others(m, 4, 1, 0, 3));
	assert_false(round_may_see_others(m, 0, 1, 0, 2));
}

static void test_employed_in(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	int32_t p = reg_person_add(&r, 1, "e1", "Eva Evaluator", NULL);
	fk_date s = date_from_ymd(2026, 1, 1), e = date_from_ymd(2026, 12, 31);
	struct reg_appt a = {1, p, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, -1, 751, s, e};
	reg_appt_add(&r, &a);
	assert_true(round_employed_in(&r, p, 751, s));
	assert_true(round_employed_in(&r, p, 751, e));
	assert_false(round_employed_in(&r, p, 751, e + 1));
	assert_false(round_employed_in(&r, p, 751, s - 1));
	assert_false(round_employed_in(&r, p, 101, s));
	assert_false(round_employed_in(&r, -1, 751, s));
	reg_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_state_machine_exhaustive),
	    cmocka_unit_test(test_score_edges),
	    cmocka_unit_test(test_blind),
	    cmocka_unit_test(test_employed_in),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
