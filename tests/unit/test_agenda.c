/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Meetings: agenda assembly per meeting number, the meeting's life (every illegal step
 * refused with a message), the meeting rules, and deadlines across Pinse and New Year. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/agenda.h"
#include "core/cycle.h"
#include "core/model.h"
#include "util/err.h"
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

static void free_items(struct meeting_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		meeting_item_clear(&v[i]);
	free(v);
}

/* The standard items of every meeting, then the number's own: titles, count and minutes. */
static void test_assembly_per_number(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		int minutes;
		const char *last;
	} want[] = {
	    {7, 210, "Rapportering på økonomi samt oplæg til nye initiativer"},
	    {7, 220, "Rapportering på økonomi samt budget for kommende år"},
	    {7, 220, "Rapportering på økonomi samt evt. indstillinger"},
	    {8, 230, "Rapportering på økonomi samt evt. indstillinger"},
	};
	for (int k = 1; k <= 4; k++) {
		struct meeting_item *v;
		size_t n;
		agenda_build(M, k, NULL, 0, NULL, 0, NULL, 0, &v, &n);
		assert_int_equal(n, want[k - 1].n);
		assert_int_equal(agenda_minutes(v, n), want[k - 1].minutes);
		assert_string_equal(v[0].title, "Kort orientering fra KL");
		assert_string_equal(v[0].source, "standard");
		assert_string_equal(v[2].kind, "inspiration");
		assert_string_equal(v[3].ref, "portefoelje");
		assert_string_equal(v[5].source, "meeting");
		assert_non_null(strstr(v[n - 1].title, want[k - 1].last));
		for (size_t i = 0; i < n; i++)
			assert_int_equal(v[i].pos, (int)i + 1);
		if (k == 4) {
			assert_string_equal(v[5].ref, "buffetpris");
			assert_string_equal(v[5].kind, "beslutning");
			assert_string_equal(v[6].title, "Fastlæggelse af mål for styregruppen");
		}
		if (k == 1)
			assert_string_equal(v[5].title, "Status på målsætninger");
		free_items(v, n);
	}
	/* A number outside the model: the standard items only. */
	struct meeting_item *v;
	size_t n;
	agenda_build(M, 5, NULL, 0, NULL, 0, NULL, 0, &v, &n);
	assert_int_equal(n, 5);
	free_items(v, n);
}

static void test_assembly_proposals_and_refresh(void **state)
{
	(void)state;
	struct meeting_proposal p[3] = {
	    {.id = 7, .person = "p1", .person_name = "Anne", .title = "Fælles login", .text = "x",
	     .kind = "beslutning", .minutes = 15, .state = "accepted"},
	    {.id = 8, .person = "p2", .title = "Afvist", .text = "x", .kind = "droeftelse",
	     .minutes = 15, .state = "rejected"},
	    {.id = 9, .person = "p3", .title = "Indsendt", .text = "x", .kind = "droeftelse",
	     .minutes = 15, .state = "submitted"},
	};
	struct meeting_item *v;
	size_t n;
	agenda_build(M, 2, p, 3, NULL, 0, NULL, 0, &v, &n);
	assert_int_equal(n, 8);
	assert_string_equal(v[7].title, "Fælles login");
	assert_string_equal(v[7].source, "proposal");
	assert_string_equal(v[7].ref, "7");
	assert_string_equal(v[7].presenter, "Anne");
	assert_int_equal(v[7].needs_material, 1);
	assert_int_equal(agenda_minutes(v, n), 235);
	/* Edits survive a refresh: shorter advice item, material on the KL item. */
	v[4].minutes = 45;
	v[0].material = xstrdup("notat.pdf");
	v[7].recommendation = xstrdup("Det indstilles, at ...");
	struct meeting_item *w;
	size_t m;
	agenda_build(M, 2, p, 3, NULL, 0, v, n, &w, &m);
	assert_int_equal(m, 8);
	assert_int_equal(w[4].minutes, 45);
	assert_string_equal(w[0].material, "notat.pdf");
	assert_string_equal(w[7].recommendation, "Det indstilles, at ...");
	assert_null(w[1].material);
	assert_int_equal(agenda_minutes(w, m), 220);
	free_items(v, n);
	free_items(w, m);
}

/* Recommendations on cases come after the number's own items and before the proposals, as
 * decisions presented by the group; a refresh keeps the secretariat's edits but always shows
 * the group's recommendation as the case holds it; a case no longer waiting drops off. */
static void test_assembly_cases(void **state)
{
	(void)state;
	struct meeting_proposal p = {.id = 7, .person = "p1", .person_name = "Anne",
	                             .title = "Fælles login", .text = "x", .kind = "droeftelse",
	                             .minutes = 15, .state = "accepted"};
	struct agenda_case c[2] = {
	    {3, "Prioritering af login", "Gruppen indstiller, at login prioriteres.",
	     "Referencegruppe Forretning"},
	    {5, "Ny driftsaftale", "Gruppen indstiller en ny aftale.",
	     "Referencegruppe Drift og Forvaltning"},
	};
	struct meeting_item *v;
	size_t n;
	agenda_build(M, 1, &p, 1, c, 2, NULL, 0, &v, &n);
	assert_int_equal(n, 10);
	assert_string_equal(v[7].source, "case");
	assert_string_equal(v[7].ref, "sag-3");
	assert_string_equal(v[7].title, "Prioritering af login");
	assert_string_equal(v[7].kind, "beslutning");
	assert_string_equal(v[7].presenter, "Referencegruppe Forretning");
	assert_int_equal(v[7].minutes, AGENDA_CASE_MINUTES);
	assert_int_equal(v[7].needs_material, 1);
	assert_string_equal(v[7].recommendation, "Gruppen indstiller, at login prioriteres.");
	assert_string_equal(v[8].ref, "sag-5");
	assert_string_equal(v[9].source, "proposal");
	assert_int_equal(v[9].pos, 10);
	/* The secretariat shortens case 3 and makes it advice; the group sharpens its text;
	 * case 5 is decided elsewhere. */
	v[7].minutes = 10;
	free(v[7].kind);
	v[7].kind = xstrdup("raadgivning");
	c[0].recommendation = "Gruppen indstiller, at login prioriteres i 2028.";
	struct meeting_item *w;
	size_t m;
	agenda_build(M, 1, &p, 1, c, 1, v, n, &w, &m);
	assert_int_equal(m, 9);
	assert_int_equal(w[7].minutes, 10);
	assert_string_equal(w[7].kind, "raadgivning");
	assert_string_equal(w[7].recommendation, "Gruppen indstiller, at login prioriteres i 2028.");
	assert_string_equal(w[8].source, "proposal");
	char ref[32];
	agenda_case_ref(12, ref, sizeof ref);
	assert_string_equal(ref, "sag-12");
	free_items(v, n);
	free_items(w, m);
}

/* Every state x action: the allowed ones move on, every other is refused with a message. */
static void test_transitions(void **state)
{
	(void)state;
	fk_date date = D("2027-03-04");
	/* allowed[state][action] = next state, or -1 refused (on the meeting day). */
	static const int allowed[MEETING__MAX][MACT__MAX] = {
	    /* EDIT DISPATCH AMEND MINUTES APPROVE PUBLISH HOLD RECALL */
	    [MEETING_PLANNED] = {MEETING_PLANNED, MEETING_DISPATCHED, -1, -1, -1, -1, MEETING_HELD, -1},
	    [MEETING_DISPATCHED] = {-1, -1, MEETING_DISPATCHED, MEETING_HELD, -1, -1, -1, -1},
	    [MEETING_HELD] = {-1, -1, -1, MEETING_HELD, MEETING_APPROVED, -1, -1, -1},
	    [MEETING_APPROVED] = {-1, -1, -1, -1, -1, MEETING_PUBLISHED, -1, -1},
	    [MEETING_PUBLISHED] = {-1, -1, -1, -1, -1, -1, -1, -1},
	};
	for (int s = 0; s < MEETING__MAX; s++)
		for (int a = 0; a < MACT__MAX; a++) {
			char msg[300] = "";
			int next = -5;
			int rc = meeting_transition(s, (enum meeting_action)a, date, date, &next, msg,
			                            sizeof msg);
			if (allowed[s][a] >= 0) {
				assert_int_equal(rc, FK_OK);
				assert_int_equal(next, allowed[s][a]);
			} else {
				assert_int_equal(rc, FK_EINPUT);
				assert_true(strlen(msg) > 10);
				assert_int_equal(next, s);
			}
		}
	char msg[300];
	int next;
	/* Minutes before the meeting day, dispatch after it. */
	assert_int_equal(meeting_transition(MEETING_DISPATCHED, MACT_MINUTES, date, date - 1, &next,
	                                    msg, sizeof msg),
	                 FK_EINPUT);
	assert_non_null(strstr(msg, "4. marts 2027"));
	assert_int_equal(meeting_transition(MEETING_PLANNED, MACT_DISPATCH, date, date + 1, &next,
	                                    msg, sizeof msg),
	                 FK_EINPUT);
	assert_int_equal(meeting_transition(MEETING_DISPATCHED, MACT_EDIT, date, date, &next, msg,
	                                    sizeof msg),
	                 FK_EINPUT);
	assert_non_null(strstr(msg, "rettelse"));
	/* A meeting not dispatched here is recorded as held from its day on, not before; a
	 * dispatch is recalled only before the meeting day. */
	assert_int_equal(meeting_transition(MEETING_PLANNED, MACT_HOLD, date, date - 1, &next, msg,
	                                    sizeof msg),
	                 FK_EINPUT);
	assert_int_equal(meeting_transition(MEETING_PLANNED, MACT_HOLD, date, date + 30, &next, msg,
	                                    sizeof msg),
	                 FK_OK);
	assert_int_equal(next, MEETING_HELD);
	assert_int_equal(meeting_transition(MEETING_DISPATCHED, MACT_RECALL, date, date - 1, &next,
	                                    msg, sizeof msg),
	                 FK_OK);
	assert_int_equal(next, MEETING_PLANNED);
	assert_int_equal(meeting_state_parse("minutes-approved"), MEETING_APPROVED);
	assert_int_equal(meeting_state_parse("nope"), -1);
}

static void test_kinds_outcomes(void **state)
{
	(void)state;
	assert_string_equal(agenda_kind_parse("drøftelse"), "droeftelse");
	assert_string_equal(agenda_kind_parse("oekonomi"), "oekonomi");
	assert_null(agenda_kind_parse("fest"));
	assert_string_equal(agenda_kind_da("raadgivning"), "rådgivning");
	assert_string_equal(agenda_outcome_parse("raadgivning"), "rådgivning");
	assert_string_equal(agenda_outcome_parse("taget-til-efterretning"), "taget-til-efterretning");
	assert_null(agenda_outcome_parse("vedtaget"));
	assert_true(agenda_kind_needs_material("beslutning"));
	assert_false(agenda_kind_needs_material("inspiration"));
}

/* A planned meeting 1 of 2027 on 4 March with the model's agenda. */
static void make_meeting(struct meeting *mt, int64_t id, int number, const char *date)
{
	memset(mt, 0, sizeof *mt);
	mt->id = id;
	mt->year = 2027;
	mt->number = number;
	mt->date = D(date);
	mt->start_min = 9 * 60;
	mt->end_min = 13 * 60;
	mt->proposals = date_deadline(mt->date, 4);
	mt->statuses = mt->proposals;
	mt->dispatch = date_deadline(mt->date, 2);
	mt->dispatched_on = DATE_NONE;
	agenda_build(M, number, NULL, 0, NULL, 0, NULL, 0, &mt->items, &mt->nitems);
	mt->capitems = mt->nitems;
}

static size_t count(const struct findings *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += !strcmp(rule_name(f->v[i].rule), rule);
	return n;
}

static void test_rules(void **state)
{
	(void)state;
	struct meeting v[4];
	make_meeting(&v[0], 1, 1, "2027-03-04");
	make_meeting(&v[1], 2, 2, "2027-06-10");
	make_meeting(&v[2], 3, 3, "2027-09-09");
	make_meeting(&v[3], 4, 4, "2027-12-02");
	struct findings f;
	/* Before any deadline: nothing. */
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-01-10"), &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	/* The day after the dispatch deadline of meeting 1 (18 February): not dispatched, the
	 * two orientations without material, no speaker. */
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-02-19"), &f);
	assert_int_equal(count(&f, "dispatch-late"), 1);
	assert_int_equal(count(&f, "material-missing"), 2);
	assert_int_equal(count(&f, "inspiration-missing"), 1);
	assert_string_equal(f.v[0].body_id, "meeting-1");
	assert_int_equal(f.v[0].body, -1);
	findings_free(&f);
	/* On the deadline itself: only the speaker is missing (inside the window). */
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-02-18"), &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(count(&f, "inspiration-missing"), 1);
	findings_free(&f);
	/* Dispatched with material (a text on one, an uploaded file on the other) and speaker:
	 * clean. After the meeting: history. */
	v[0].state = MEETING_DISPATCHED;
	v[0].items[0].material = xstrdup("a.pdf");
	v[0].items[1].nfiles = 1;
	v[0].speaker = xstrdup("p1");
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-02-19"), &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	/* Overtime: 31 minutes more. */
	v[1].items[4].minutes += 31;
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-04-01"), &f);
	assert_int_equal(count(&f, "agenda-overtime"), 1);
	assert_non_null(strstr(f.v[0].message, "251 minutter"));
	findings_free(&f);
	/* A late proposal accepted without a reason; then with one. */
	v[0].props = xcalloc(1, sizeof *v[0].props);
	v[0].nprops = v[0].capprops = 1;
	v[0].props[0] = (struct meeting_proposal){1,    xstrdup("p2"), NULL, xstrdup("Sent"),
	                                          xstrdup("x"), xstrdup("droeftelse"), 15,
	                                          D("2027-02-10"), xstrdup("accepted"), NULL};
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-03-10"), &f);
	assert_int_equal(count(&f, "proposal-late"), 1);
	findings_free(&f);
	v[0].props[0].reason = xstrdup("Aftalt med formanden");
	findings_init(&f);
	meeting_check(M, v, 4, D("2027-03-10"), &f);
	assert_int_equal(count(&f, "proposal-late"), 0);
	findings_free(&f);
	/* meetings-per-year: three planned in 2027 is too few; a year without any is flagged
	 * once there are meetings at all; no meetings at all: not judged. */
	findings_init(&f);
	meeting_check(M, v, 3, D("2027-01-10"), &f);
	assert_int_equal(count(&f, "meetings-per-year"), 1);
	assert_string_equal(f.v[f.n - 1].body_id, "meetings-2027");
	findings_free(&f);
	findings_init(&f);
	meeting_check(M, v, 4, D("2028-01-10"), &f);
	assert_int_equal(count(&f, "meetings-per-year"), 1);
	findings_free(&f);
	findings_init(&f);
	meeting_check(M, v, 0, D("2028-01-10"), &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	for (int i = 0; i < 4; i++)
		meeting_free(&v[i]);
}

/* status-missing: a reference group's started initiative without a status since the
 * previous meeting, once the status deadline has passed and until the meeting. */
static void test_status_missing(void **state)
{
	(void)state;
	struct meeting v[2];
	make_meeting(&v[0], 1, 1, "2027-03-04"); /* statuses due 2027-02-04 */
	make_meeting(&v[1], 2, 2, "2027-06-10"); /* statuses due 2027-05-13 */
	fk_date r1[] = {D("2027-02-01")};        /* before meeting 1 only */
	fk_date r2[] = {D("2027-05-12")};
	struct meeting_initiative in[] = {
	    {"rg-forretning", "i1", "Fælles login", D("2026-06-01"), r1, 1},
	    {"rg-forretning", "i2", "Datadeling", D("2026-06-01"), r2, 1},
	    {"rg-forretning", "i3", "Nyt", D("2027-05-20"), NULL, 0}, /* started after the deadline */
	    {"styregruppe", "i4", "Ikke en referencegruppe", D("2026-01-01"), NULL, 0},
	    {"rg-drift-forvaltning", "i5", "Drift", D("2026-01-01"), NULL, 0},
	};
	struct findings f;
	findings_init(&f);
	meeting_check_statuses(M, v, 2, in, 5, D("2027-02-05"), &f);
	/* Meeting 1: i1 reported in the 13 weeks before the deadline; i2 only in May. */
	assert_int_equal(count(&f, "status-missing"), 2);
	assert_non_null(strstr(f.v[0].message, "»Datadeling«"));
	assert_null(strstr(f.v[0].message, "Fælles login"));
	assert_non_null(strstr(f.v[1].message, "Referencegruppe Drift og Forvaltning"));
	findings_free(&f);
	/* Before the deadline and after the meeting: nothing. */
	findings_init(&f);
	meeting_check_statuses(M, v, 2, in, 5, D("2027-02-04"), &f);
	meeting_check_statuses(M, v, 2, in, 5, D("2027-03-05"), &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	/* Meeting 2: since meeting 1, i1 has no status (i2 has); i3 started too late. */
	findings_init(&f);
	meeting_check_statuses(M, v, 2, in, 5, D("2027-05-14"), &f);
	assert_int_equal(count(&f, "status-missing"), 2);
	assert_non_null(strstr(f.v[0].message, "1 igangsatte initiativ (»Fælles login«)"));
	assert_string_equal(f.v[0].body_id, "meeting-2");
	findings_free(&f);
	meeting_free(&v[0]);
	meeting_free(&v[1]);
}

/* Deadlines across Pinse and New Year (the others are in test_cycle). */
static void test_deadlines_pinse_newyear(void **state)
{
	(void)state;
	char s[11];
	/* 2 weeks before Monday 2027-05-31 is 2. Pinsedag (05-17): Friday the 14th. */
	date_format(date_deadline(D("2027-05-31"), 2), s);
	assert_string_equal(s, "2027-05-14");
	/* 2 weeks before 2027-01-15 is Nytårsdag; Nytårsaftensdag is closed too: 30 December. */
	date_format(date_deadline(D("2027-01-15"), 2), s);
	assert_string_equal(s, "2026-12-30");
	/* 4 weeks before 2028-06-22 is Kristi himmelfartsdag 2028-05-25 (Easter 16 April): the 24th. */
	date_format(date_deadline(D("2028-06-22"), 4), s);
	assert_string_equal(s, "2028-05-24");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_assembly_per_number),
	    cmocka_unit_test(test_assembly_proposals_and_refresh),
	    cmocka_unit_test(test_assembly_cases),
	    cmocka_unit_test(test_transitions),
	    cmocka_unit_test(test_kinds_outcomes),
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_status_missing),
	    cmocka_unit_test(test_deadlines_pinse_newyear),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
