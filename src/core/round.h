/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ROUND_H
#define FK_ROUND_H
/* Recruitment rounds (issue 13): the state machine of a round and the evaluation's
 * arithmetic. Pure: the store (store_round.c) keeps rounds, applications and marks.
 *
 * The life of a round:
 *
 *   draft --open--> open --evaluate--> evaluation --recommend--> recommended --decide-->
 *   decided --close--> closed;          evaluation <--reconsider-- recommended
 *
 * draft: the secretariat sets bodies, seats, profiles, the deadline and the criteria with
 * weights; open: the call is public and candidates apply (criteria and weights are frozen);
 * evaluation: applications are closed and evaluators score; recommended: the recommendation
 * (SPEC §7.2) is fixed; decided: the decision is recorded and the appointments made; closed:
 * the candidates are told, and the retention period runs. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/register.h"

enum round_state {
	ROUND_DRAFT,
	ROUND_OPEN,
	ROUND_EVALUATION,
	ROUND_RECOMMENDED,
	ROUND_DECIDED,
	ROUND_CLOSED,
	ROUND_STATE__MAX
};

enum round_event {
	REV_OPEN,
	REV_EVALUATE,
	REV_RECOMMEND,
	REV_RECONSIDER,
	REV_DECIDE,
	REV_CLOSE,
	REV__MAX
};

/* "draft" ... "closed"; "open" ... "close". Titles are Danish: "Kladde", "Åben", ...;
 * "?" outside the enums. */
const char *round_state_name(int s);
const char *round_state_title(int s);
const char *round_event_name(int e);
/* -1 when unknown or NULL. */
int round_state_parse(const char *s);
int round_event_parse(const char *s);

/* 0 and *to when e may happen to a round in state from; else -1 with one Danish sentence in
 * msg[n] saying why not and what to do instead. */
int round_next(enum round_state from, enum round_event e, enum round_state *to, char *msg,
               size_t n);

/* ---------------------------------------------------------------- evaluation */

#define ROUND_MARK_MIN 1
#define ROUND_MARK_MAX 5
#define ROUND_CRITERIA_MAX 16

/* One evaluator's mark of one application on one criterion (1..5). */
struct round_mark {
	int64_t app;
	int evaluator;  /* an index the caller gives each evaluator */
	int crit;       /* 0 .. ncrit-1 */
	int mark;
};

/* The evaluation of one application from the marks m[0..n) (any applications; only app's
 * count): the evaluators who marked every criterion, and the score on 0..100: for each such
 * evaluator the weighted mean of (mark - 1) / 4, then the mean over them, times 100.
 * spread: bit k set when two evaluators' marks on criterion k differ by 2 or more (to be
 * discussed). weights[k] > 0. */
struct round_eval {
	int evaluators;
	double score;
	unsigned spread;
};
void round_evaluate(const int *weights, size_t ncrit, const struct round_mark *m, size_t n,
                    int64_t app, struct round_eval *out);

/* Blind scoring: whether evaluator may see the other evaluators' marks of app — only when
 * they have marked every criterion of it themselves. */
bool round_may_see_others(const struct round_mark *m, size_t n, int64_t app, int evaluator,
                          size_t ncrit);

/* Whether the person with register index person (-1: none) works in municipality munic on
 * day d, by the register: they hold a municipal-seat appointment for that municipality on d.
 * Such an evaluator is excluded from that candidate (a conflict of interest). r sorted. */
bool round_employed_in(const struct reg *r, int32_t person, int munic, fk_date d);

/* K98: the 98 municipalities for a round, in code order: {"code", "name", "region",
 * "applied" (applications from it, applied[i] for mt->v[i]), "seats" (the bodies where a
 * member from it sits on municipal seats on day d, by name), "last_seat" (the last day one
 * of its members sat, "YYYY-MM-DD", null when never, "nu" when one sits), "none_for_years"
 * (no seat in the years before d)}. */
#include <jansson.h>
struct model;
struct munic_table;
json_t *round_k98(const struct model *m, const struct munic_table *mt, const struct reg *r,
                  fk_date d, int years, const int *applied);
#endif
