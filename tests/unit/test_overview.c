/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The portfolio overview of a meeting: statuses as they stood at the cut-off (the day of
 * dispatch, else today), trends, fresh reports since the meeting before, milestones, budgets,
 * each group's submission (late the day after the deadline, missing only once the deadline
 * has passed) and the recommendations waiting for the steering group under their group. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/overview.h"
#include "util/xalloc.h"

static struct model *M;

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
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	return 0;
}

/* Meeting 1/2027 on 4 March: status deadline 4 February, dispatch 18 February. */
static void meeting(struct meeting *mt)
{
	memset(mt, 0, sizeof *mt);
	mt->id = 1;
	mt->year = 2027;
	mt->number = 1;
	mt->date = D("2027-03-04");
	mt->statuses = mt->proposals = D("2027-02-04");
	mt->dispatch = D("2027-02-18");
	mt->dispatched_on = DATE_NONE;
}

static void economy(struct econ *e)
{
	econ_init(e, 500);
	econ_add_initiative(e, 1, "fki-1", "Fælles login", "rg-forretning", NULL, false,
	                    "2026-10-01T08:00:00Z");
	econ_add_initiative(e, 2, "fki-2", "Datafordeler", "rg-forretning", NULL, false,
	                    "2026-10-01T08:00:00Z");
	econ_add_initiative(e, 3, "fki-3", "Driftsaftale", "rg-drift-forvaltning", NULL, false,
	                    "2026-11-01T08:00:00Z");
	econ_add_initiative(e, 4, "fki-4", "Særlig indsats", "styregruppe", NULL, true,
	                    "2026-11-01T08:00:00Z");
	/* fki-1: grøn in December, gul on 1 February, rød on 20 February (after dispatch). */
	econ_add_report(e, 1, 0, D("2026-12-01"), ST_GREEN, NULL, "a");
	econ_add_report(e, 2, 0, D("2027-02-01"), ST_YELLOW, "Forsinket", "a");
	econ_add_report(e, 3, 0, D("2027-02-20"), ST_RED, "Stoppet", "a");
	/* fki-2: only grøn in November, before the meeting before. */
	econ_add_report(e, 4, 1, D("2026-11-15"), ST_GREEN, NULL, "a");
	econ_add_milestone(e, 1, 0, "Udbud", D("2027-02-10"), DATE_NONE);
	econ_add_milestone(e, 2, 0, "Kontrakt", D("2027-06-01"), DATE_NONE);
	econ_add_milestone(e, 3, 0, "Analyse", D("2027-01-05"), D("2027-01-04"));
	econ_add_budget(e, 0, 2027, 123456);
	econ_add_budget(e, 0, 2028, 999);
}

static json_t *group(json_t *doc, const char *body)
{
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(doc, "groups"), i, g) if (
	    !strcmp(json_string_value(json_object_get(g, "body")), body)) return g;
	fail_msg("no group %s", body);
	return NULL;
}

static json_t *initiative(json_t *g, size_t i)
{
	return json_array_get(json_object_get(g, "initiatives"), i);
}

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void test_statuses_at_cutoff(void **state)
{
	(void)state;
	struct econ e;
	economy(&e);
	struct meeting mt;
	meeting(&mt);
	/* Planned, 10 February, the meeting before on 3 December 2026: fki-1 is gul (worse than
	 * the grøn of 1 December) and fresh; the Udbud milestone is due that day, so not yet
	 * overdue, and it is the next one. */
	json_t *doc = overview_json(M, &e, NULL, &mt, D("2026-12-03"), NULL, 0, D("2027-02-10"));
	assert_string_equal(str(doc, "cutoff"), "2027-02-10");
	assert_string_equal(str(doc, "since"), "2026-12-03");
	json_t *g = group(doc, "rg-forretning"), *x = initiative(g, 0);
	assert_string_equal(str(x, "status"), "gul");
	assert_string_equal(str(x, "status_class"), "yellow");
	assert_string_equal(str(x, "trend"), "worse");
	assert_string_equal(str(x, "reason"), "Forsinket");
	assert_true(json_is_true(json_object_get(x, "fresh")));
	assert_string_equal(str(json_object_get(x, "next_milestone"), "title"), "Udbud");
	assert_int_equal(json_array_size(json_object_get(x, "overdue")), 0);
	assert_int_equal(json_integer_value(json_object_get(x, "budget_ore")), 123456);
	assert_string_equal(str(x, "budget"), "1.234,56 kr.");
	/* fki-2: grøn, but not reported since the meeting before. */
	x = initiative(g, 1);
	assert_string_equal(str(x, "status"), "grøn");
	assert_false(json_is_true(json_object_get(x, "fresh")));
	json_decref(doc);
	/* The day after the milestone: overdue. */
	doc = overview_json(M, &e, NULL, &mt, D("2026-12-03"), NULL, 0, D("2027-02-11"));
	x = initiative(group(doc, "rg-forretning"), 0);
	assert_int_equal(json_array_size(json_object_get(x, "overdue")), 1);
	assert_string_equal(str(json_object_get(x, "next_milestone"), "title"), "Kontrakt");
	json_decref(doc);
	/* Dispatched on 18 February: the rød of the 20th is not in the overview sent out, even
	 * on the 25th; without dispatch it is. */
	mt.state = MEETING_DISPATCHED;
	mt.dispatched_on = D("2027-02-18");
	doc = overview_json(M, &e, NULL, &mt, DATE_NONE, NULL, 0, D("2027-02-25"));
	assert_string_equal(str(doc, "cutoff"), "2027-02-18");
	assert_string_equal(str(initiative(group(doc, "rg-forretning"), 0), "status"), "gul");
	assert_true(json_is_true(json_object_get(initiative(group(doc, "rg-forretning"), 1), "fresh")));
	json_decref(doc);
	mt.state = MEETING_PLANNED;
	mt.dispatched_on = DATE_NONE;
	doc = overview_json(M, &e, NULL, &mt, DATE_NONE, NULL, 0, D("2027-02-25"));
	assert_string_equal(str(initiative(group(doc, "rg-forretning"), 0), "status"), "rød");
	/* Totals: rød, grøn, none (fki-3), none (fki-4, among the others). */
	json_t *t = json_object_get(doc, "totals");
	assert_int_equal(json_integer_value(json_object_get(t, "rød")), 1);
	assert_int_equal(json_integer_value(json_object_get(t, "grøn")), 1);
	assert_int_equal(json_integer_value(json_object_get(t, "ingen")), 2);
	json_t *o = json_object_get(json_object_get(doc, "others"), "initiatives");
	assert_int_equal(json_array_size(o), 1);
	assert_string_equal(str(json_array_get(o, 0), "key"), "fki-4");
	assert_null(str(json_array_get(o, 0), "status"));
	/* Never past the meeting day. */
	json_decref(doc);
	doc = overview_json(M, &e, NULL, &mt, DATE_NONE, NULL, 0, D("2027-05-01"));
	assert_string_equal(str(doc, "cutoff"), "2027-03-04");
	json_decref(doc);
	econ_free(&e);
}

static void test_submissions(void **state)
{
	(void)state;
	struct econ e;
	economy(&e);
	struct meeting mt;
	meeting(&mt);
	struct overview_submission s[2] = {
	    {"rg-forretning", D("2027-02-04"), "anne", "Alt vel"},
	    {"rg-drift-forvaltning", D("2027-02-05"), "bo", NULL},
	};
	/* On the deadline: forretning on time; drift not missing yet (deadline not passed). */
	json_t *doc = overview_json(M, &e, NULL, &mt, DATE_NONE, s, 1, D("2027-02-04"));
	json_t *g = group(doc, "rg-forretning");
	assert_string_equal(str(g, "submitted"), "2027-02-04");
	assert_string_equal(str(g, "by"), "anne");
	assert_string_equal(str(g, "note"), "Alt vel");
	assert_false(json_is_true(json_object_get(g, "late")));
	assert_false(json_is_true(json_object_get(group(doc, "rg-drift-forvaltning"), "missing")));
	json_decref(doc);
	/* The day after: drift (with a started initiative) is missing; arkitektur (none) not. */
	doc = overview_json(M, &e, NULL, &mt, DATE_NONE, s, 1, D("2027-02-05"));
	assert_true(json_is_true(json_object_get(group(doc, "rg-drift-forvaltning"), "missing")));
	assert_false(json_is_true(json_object_get(group(doc, "rg-arkitektur-udvikling"), "missing")));
	json_decref(doc);
	/* Drift sends the day after the deadline: late, not missing. */
	doc = overview_json(M, &e, NULL, &mt, DATE_NONE, s, 2, D("2027-02-05"));
	g = group(doc, "rg-drift-forvaltning");
	assert_true(json_is_true(json_object_get(g, "late")));
	assert_false(json_is_true(json_object_get(g, "missing")));
	assert_null(str(g, "note"));
	json_decref(doc);
	econ_free(&e);
}

static struct case_rec *add_case(struct case_set *cs, int64_t id, const char *title,
                                 const char *to, enum case_state st, const char *at)
{
	struct case_rec *c = case_set_add(cs);
	c->id = id;
	c->title = xstrdup(title);
	c->text = xstrdup("x");
	c->raised_by = xstrdup("styregruppe");
	c->raised_on = D("2026-12-01");
	c->state = st;
	c->assignee = xstrdup(to);
	c->recommendation = xstrdup("Det indstilles, at ...");
	c->events = xcalloc(1, sizeof *c->events);
	c->nevents = 1;
	c->events[0].event = CEV_RECOMMEND;
	c->events[0].to = CASE_RECOMMENDED;
	c->events[0].at = xstrdup(at);
	return c;
}

static void test_recommendations(void **state)
{
	(void)state;
	struct econ e;
	economy(&e);
	struct meeting mt;
	meeting(&mt);
	struct case_set cs = {0};
	add_case(&cs, 1, "Login", "rg-forretning", CASE_RECOMMENDED, "2027-02-04T15:00:00Z");
	add_case(&cs, 2, "Sent", "rg-forretning", CASE_RECOMMENDED, "2027-02-05T08:00:00Z");
	add_case(&cs, 3, "Tildelt", "rg-forretning", CASE_ASSIGNED, "2027-01-01T08:00:00Z");
	struct case_rec *c = add_case(&cs, 4, "Afgjort her", "rg-forretning", CASE_DECIDED,
	                              "2027-01-01T08:00:00Z");
	c->has_decision = true;
	c->decision.meeting = xstrdup("Styregruppemøde 1/2027, punkt 8");
	c = add_case(&cs, 5, "Afgjort før", "rg-forretning", CASE_DECIDED, "2026-01-01T08:00:00Z");
	c->has_decision = true;
	c->decision.meeting = xstrdup("Styregruppemøde 1/2026, punkt 8");
	add_case(&cs, 6, "Arbejdsgruppens", "ag-2", CASE_RECOMMENDED, "2027-01-20T08:00:00Z");
	json_t *doc = overview_json(M, &e, &cs, &mt, DATE_NONE, NULL, 0, D("2027-02-10"));
	json_t *r = json_object_get(group(doc, "rg-forretning"), "recommendations");
	assert_int_equal(json_array_size(r), 3);
	assert_string_equal(str(json_array_get(r, 0), "case"), "sag-1");
	assert_false(json_is_true(json_object_get(json_array_get(r, 0), "late")));
	assert_string_equal(str(json_array_get(r, 1), "case"), "sag-2");
	assert_true(json_is_true(json_object_get(json_array_get(r, 1), "late")));
	assert_string_equal(str(json_array_get(r, 2), "state"), "decided");
	r = json_object_get(json_object_get(doc, "others"), "recommendations");
	assert_int_equal(json_array_size(r), 1);
	assert_string_equal(str(json_array_get(r, 0), "case"), "sag-6");
	json_decref(doc);
	case_set_free(&cs);
	econ_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_statuses_at_cutoff),
	    cmocka_unit_test(test_submissions),
	    cmocka_unit_test(test_recommendations),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
