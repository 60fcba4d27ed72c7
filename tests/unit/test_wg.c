/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Working groups (core/wg.h): the life-cycle state machine (every illegal transition refused
 * with a clear Danish message), the hearing's deadline in working days, who may answer when,
 * amounts in kroner, text checks and the rules wg-unapproved, wg-no-reference-group and
 * wg-overdue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/wg.h"
#include "util/err.h"

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

/* ---------------------------------------------------------------- the state machine */

/* The legal transitions, and nothing else. */
static int legal(enum wg_state s, enum wg_event e)
{
	switch (e) {
	case WG_EV_OPEN_HEARING:
		return s == WG_PROPOSED ? WG_IN_HEARING : -1;
	case WG_EV_APPROVE:
		return s == WG_IN_HEARING ? WG_APPROVED : -1;
	case WG_EV_REJECT:
		return s == WG_IN_HEARING ? WG_REJECTED : -1;
	case WG_EV_START:
		return s == WG_APPROVED ? WG_STARTED : -1;
	case WG_EV_DELIVER:
		return s == WG_STARTED ? WG_DELIVERED : -1;
	case WG_EV_DISSOLVE:
		return s == WG_DELIVERED ? WG_DISSOLVED : -1;
	case WG_EV_WITHDRAW:
		return s == WG_PROPOSED || s == WG_IN_HEARING ? WG_WITHDRAWN : -1;
	default:
		return -1;
	}
}

static void test_every_transition(void **state)
{
	(void)state;
	int nlegal = 0, nillegal = 0;
	for (int s = 0; s < WG_STATE__MAX; s++)
		for (int e = 0; e < WG_EV__MAX; e++) {
			enum wg_state to = WG_STATE__MAX;
			char msg[600] = "unchanged";
			int rc =
			    wg_transition((enum wg_state)s, (enum wg_event)e, &to, msg, sizeof msg);
			int want = legal((enum wg_state)s, (enum wg_event)e);
			if (want >= 0) {
				nlegal++;
				assert_int_equal(rc, 0);
				assert_int_equal(to, want);
				assert_string_equal(msg, "");
				continue;
			}
			nillegal++;
			assert_int_equal(rc, -1);
			assert_int_equal(to, WG_STATE__MAX); /* untouched */
			/* A clear message: why, the current state by its Danish name, what to do.
			 */
			char state_part[80];
			snprintf(state_part, sizeof state_part, "Arbejdsgruppens status er »%s«.",
			         wg_state_label((enum wg_state)s));
			if (!strstr(msg, state_part))
				fail_msg("%s + %s: %s", wg_state_name((enum wg_state)s),
				         wg_event_name((enum wg_event)e), msg);
			assert_true(strlen(msg) > strlen(state_part) + 30);
			assert_true(msg[strlen(msg) - 1] == '.');
			assert_null(strstr(msg, "  "));
		}
	assert_int_equal(nlegal, 8);
	assert_int_equal(nillegal, WG_STATE__MAX * WG_EV__MAX - 8);
}

static void test_refusal_messages(void **state)
{
	(void)state;
	enum wg_state to;
	char msg[600];
	/* The lead's wording, for each state before approval. */
	static const enum wg_state before[] = {WG_PROPOSED, WG_IN_HEARING, WG_REJECTED,
	                                       WG_WITHDRAWN};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(wg_transition(before[i], WG_EV_START, &to, msg, sizeof msg), -1);
		assert_non_null(strstr(msg, "Arbejdsgruppen kan ikke startes, før styregruppen har "
		                            "godkendt den i en skriftlig høring."));
	}
	assert_int_equal(wg_transition(WG_PROPOSED, WG_EV_START, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Åbn den skriftlige høring først."));
	assert_int_equal(wg_transition(WG_IN_HEARING, WG_EV_START, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Registrér styregruppens beslutning først."));
	assert_int_equal(wg_transition(WG_STARTED, WG_EV_START, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "allerede startet"));
	assert_int_equal(wg_transition(WG_PROPOSED, WG_EV_APPROVE, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Åbn den skriftlige høring først."));
	assert_int_equal(wg_transition(WG_APPROVED, WG_EV_REJECT, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "allerede truffet sin beslutning"));
	assert_int_equal(wg_transition(WG_STARTED, WG_EV_DISSOLVE, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Registrér afleveringen først."));
	assert_int_equal(wg_transition(WG_IN_HEARING, WG_EV_OPEN_HEARING, &to, msg, sizeof msg),
	                 -1);
	assert_non_null(strstr(msg, "allerede åbnet"));
	assert_int_equal(wg_transition(WG_APPROVED, WG_EV_WITHDRAW, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "kan trækkes tilbage"));
	assert_int_equal(wg_transition(WG_DISSOLVED, WG_EV_DELIVER, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "allerede afleveret"));
	/* Out of range: refused, never a crash. */
	assert_int_equal(wg_transition(WG_STATE__MAX, WG_EV_START, &to, msg, sizeof msg), -1);
	assert_int_equal(wg_transition(WG_PROPOSED, WG_EV__MAX, &to, msg, sizeof msg), -1);
	/* A short buffer is cut, not overrun. */
	char small[16];
	assert_int_equal(wg_transition(WG_PROPOSED, WG_EV_START, &to, small, sizeof small), -1);
	assert_int_equal(strlen(small), 15);
}

static void test_whole_life(void **state)
{
	(void)state;
	static const enum wg_event path[] = {WG_EV_OPEN_HEARING, WG_EV_APPROVE, WG_EV_START,
	                                     WG_EV_DELIVER, WG_EV_DISSOLVE};
	static const enum wg_state want[] = {WG_IN_HEARING, WG_APPROVED, WG_STARTED, WG_DELIVERED,
	                                     WG_DISSOLVED};
	enum wg_state s = WG_PROPOSED;
	char msg[600];
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(wg_transition(s, path[i], &s, msg, sizeof msg), 0);
		assert_int_equal(s, want[i]);
	}
	/* Dissolved is the end: nothing more happens. */
	for (int e = 0; e < WG_EV__MAX; e++)
		assert_int_equal(wg_transition(s, (enum wg_event)e, &s, msg, sizeof msg), -1);
	/* Active: the priority list holds exactly the planned and running groups. */
	assert_true(wg_state_active(WG_PROPOSED) && wg_state_active(WG_IN_HEARING) &&
	            wg_state_active(WG_APPROVED) && wg_state_active(WG_STARTED));
	assert_false(wg_state_active(WG_REJECTED) || wg_state_active(WG_DELIVERED) ||
	             wg_state_active(WG_DISSOLVED) || wg_state_active(WG_WITHDRAWN));
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < WG_STATE__MAX; s++)
		assert_int_equal(wg_state_parse(wg_state_name((enum wg_state)s)), s);
	for (int e = 0; e < WG_EV__MAX; e++)
		assert_int_equal(wg_event_parse(wg_event_name((enum wg_event)e)), e);
	for (int p = 0; p < WG_POS__MAX; p++)
		assert_int_equal(wg_position_parse(wg_position_name((enum wg_position)p)), p);
	for (int o = 0; o < WG_ORG__MAX; o++)
		assert_int_equal(wg_org_parse(wg_org_name((enum wg_org)o)), o);
	assert_int_equal(wg_position_parse("STØTTER"), WG_POS_SUPPORT);
	assert_int_equal(wg_position_parse("stoetter"), WG_POS_SUPPORT);
	assert_int_equal(wg_position_parse("Bemaerkning"), WG_POS_REMARK);
	assert_int_equal(wg_position_parse("Indsigelse"), WG_POS_OBJECTION);
	assert_int_equal(wg_position_parse("ja"), -1);
	assert_int_equal(wg_position_parse(NULL), -1);
	assert_int_equal(wg_org_parse("kombit"), WG_ORG_KOMBIT);
	assert_int_equal(wg_org_parse("reference-group"), WG_ORG_RG);
	assert_int_equal(wg_org_parse("kommune"), -1);
	assert_string_equal(wg_state_name((enum wg_state)99), "?");
	assert_int_equal(wg_key_parse("ag-1"), 1);
	assert_int_equal(wg_key_parse("ag-1234"), 1234);
	assert_int_equal(wg_key_parse("ag-0"), 0);
	assert_int_equal(wg_key_parse("ag-01"), 0);
	assert_int_equal(wg_key_parse("ag-"), 0);
	assert_int_equal(wg_key_parse("ag-1x"), 0);
	assert_int_equal(wg_key_parse("wg-1"), 0);
	assert_int_equal(wg_key_parse("ag-99999999999999999"), 0);
	assert_int_equal(wg_key_parse(NULL), 0);
}

/* ---------------------------------------------------------------- the hearing */

static void test_hearing_deadline(void **state)
{
	(void)state;
	/* Ten working days after a Monday: two weeks later. */
	assert_date(wg_hearing_deadline(D("2027-03-01"), 10), "2027-03-15");
	/* Opened on a Saturday: counting starts on Monday. */
	assert_date(wg_hearing_deadline(D("2027-03-06"), 10), "2027-03-19");
	/* Easter 2027: Skærtorsdag 25/3, Langfredag 26/3, 2. påskedag 29/3 are not counted. */
	assert_date(wg_hearing_deadline(D("2027-03-22"), 10), "2027-04-08");
	/* Christmas: 24, 25 and 31 December and 1 January are not counted. */
	assert_date(wg_hearing_deadline(D("2026-12-21"), 10), "2027-01-08");
	/* Store bededag counts as a holiday up to 2023, not from 2024. */
	assert_date(wg_hearing_deadline(D("2023-05-01"), 10), "2023-05-16");
	assert_date(wg_hearing_deadline(D("2024-04-22"), 10), "2024-05-06");
	/* Grundlovsdag 5 June 2026 (a Friday) is not counted. */
	assert_date(wg_hearing_deadline(D("2026-06-01"), 5), "2026-06-09");
	/* The model's number, whatever it is; at least one day. */
	assert_date(wg_hearing_deadline(D("2027-03-01"), M->cycle.hearing_working_days),
	            "2027-03-15");
	assert_date(wg_hearing_deadline(D("2027-03-01"), 1), "2027-03-02");
	assert_date(wg_hearing_deadline(D("2027-03-01"), 0), "2027-03-02");
	/* The deadline is always a working day, and later than the opening. */
	for (fk_date t = D("2026-01-01"); t < D("2029-01-01"); t++) {
		fk_date dl = wg_hearing_deadline(t, 10);
		assert_true(date_is_working_day(dl));
		assert_true(dl > t + 10 && dl <= t + 24);
	}
}

static void test_hearing_accepts(void **state)
{
	(void)state;
	struct wg w;
	memset(&w, 0, sizeof w);
	w.state = WG_PROPOSED;
	w.hearing_opened = w.hearing_deadline = w.decided = DATE_NONE;
	char msg[600];
	assert_int_equal(wg_hearing_accepts(&w, D("2027-03-02"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "ikke åbnet endnu"));
	w.state = WG_IN_HEARING;
	w.hearing_opened = D("2027-03-01");
	w.hearing_deadline = wg_hearing_deadline(w.hearing_opened, 10);
	assert_int_equal(wg_hearing_accepts(&w, D("2027-03-01"), msg, sizeof msg), 0);
	assert_int_equal(wg_hearing_accepts(&w, D("2027-03-15"), msg, sizeof msg), 0);
	assert_int_equal(wg_hearing_accepts(&w, D("2027-03-16"), msg, sizeof msg), -1);
	assert_string_equal(msg, "Fristen for svar i høringen var 15. marts 2027. Kontakt "
	                         "Sekretariat FKI, hvis dit svar skal med alligevel.");
	assert_int_equal(wg_hearing_accepts(&w, D("2027-02-28"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "1. marts 2027"));
	w.state = WG_APPROVED;
	assert_int_equal(wg_hearing_accepts(&w, D("2027-03-10"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "afsluttet"));
	/* The day whose members are asked: not after the deadline or the decision. */
	assert_date(wg_hearing_day(&w, D("2027-03-10")), "2027-03-10");
	assert_date(wg_hearing_day(&w, D("2027-06-01")), "2027-03-15");
	w.decided = D("2027-03-12");
	assert_date(wg_hearing_day(&w, D("2027-06-01")), "2027-03-12");
	assert_date(wg_hearing_day(&w, D("2027-01-01")), "2027-03-01");

	/* Ready for a hearing: a staffing plan and a resource need. */
	w.state = WG_PROPOSED;
	assert_int_equal(wg_ready_for_hearing(&w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "bemandingsforslag"));
	struct wg_staff s = {1, NULL, NULL, (char *)"it-arkitekt", WG_ORG_KOMBIT, NULL};
	w.staff = &s;
	w.nstaff = 1;
	assert_int_equal(wg_ready_for_hearing(&w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "ressourcebehov"));
	w.ore = 1;
	assert_int_equal(wg_ready_for_hearing(&w, msg, sizeof msg), 0);
}

static void test_members_and_counts(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	int sg = wg_steering_group(M);
	assert_true(sg >= 0);
	assert_string_equal(M->bodies[sg].id, "styregruppe");
	int rg = model_body_index(M, "rg-forretning");
	int32_t a = reg_person_add(&r, 1, "p1", "Åse Bo", NULL);
	int32_t b = reg_person_add(&r, 2, "p2", "Anders And", NULL);
	int32_t c = reg_person_add(&r, 3, "p3", "Carl", NULL);
	struct reg_appt x = {0,        a, sg, SEAT_KOMMUNE, SEAT_KOMMUNE, -1, 101, D("2025-01-01"),
	                     DATE_OPEN};
	reg_appt_add(&r, &x);
	x = (struct reg_appt){0, b, sg, SEAT_KL, SEAT_KL, -1, 0, D("2025-01-01"), D("2027-03-05")};
	reg_appt_add(&r, &x);
	x = (struct reg_appt){0,        c, rg, SEAT_KOMMUNE, SEAT_KOMMUNE, -1, 101, D("2025-01-01"),
	                      DATE_OPEN};
	reg_appt_add(&r, &x);
	reg_sort(&r);
	size_t n;
	int32_t *m = wg_body_members(&r, sg, D("2027-03-01"), &n);
	assert_int_equal(n, 2);
	assert_int_equal(m[0], b); /* by name: Anders before Åse (bytes) */
	assert_int_equal(m[1], a);
	free(m);
	m = wg_body_members(&r, sg, D("2027-03-06"), &n);
	assert_int_equal(n, 1);
	free(m);
	assert_null(wg_body_members(&r, -1, D("2027-03-06"), &n));
	assert_true(wg_serves(&r, sg, a, D("2027-03-06")));
	assert_false(wg_serves(&r, sg, b, D("2027-03-06")));
	assert_false(wg_serves(&r, sg, c, D("2027-03-06")));
	assert_true(wg_is_reference_group(M, "rg-forretning"));
	assert_false(wg_is_reference_group(M, "styregruppe"));
	assert_false(wg_is_reference_group(M, "nope"));
	assert_false(wg_is_reference_group(M, NULL));

	struct wg w;
	memset(&w, 0, sizeof w);
	struct wg_answer ans[2] = {{1, (char *)"p1", (char *)"Åse Bo", WG_POS_OBJECTION,
	                            (char *)"x", D("2027-03-02"), (char *)"a", false},
	                           {2, (char *)"p9", (char *)"Ude", WG_POS_REMARK, (char *)"y",
	                            D("2027-03-02"), (char *)"a", true}};
	w.answers = ans;
	w.nanswers = 2;
	m = wg_body_members(&r, sg, D("2027-03-01"), &n);
	int counts[WG_POS__MAX], missing;
	wg_hearing_counts(&w, &r, m, n, counts, &missing);
	free(m);
	assert_int_equal(counts[WG_POS_SUPPORT], 0);
	assert_int_equal(counts[WG_POS_OBJECTION], 1);
	assert_int_equal(counts[WG_POS_REMARK], 1);
	assert_int_equal(missing, 1);
	char s[200];
	wg_summary_text(counts, missing, s, sizeof s);
	assert_string_equal(s, "0 støtter, 1 indsigelse, 1 bemærkning; 1 har ikke svaret");
	counts[WG_POS_SUPPORT] = 9;
	counts[WG_POS_OBJECTION] = 2;
	counts[WG_POS_REMARK] = 0;
	wg_summary_text(counts, 0, s, sizeof s);
	assert_string_equal(s, "9 støtter, 2 indsigelser, 0 bemærkninger");
	assert_non_null(wg_answer_of(&w, "p9"));
	assert_null(wg_answer_of(&w, "p2"));
	reg_free(&r);
}

static void test_text_check(void **state)
{
	(void)state;
	char msg[300];
	assert_int_equal(wg_text_check("Emne", "emnet", 10, false, msg, sizeof msg), 0);
	assert_int_equal(wg_text_check("", "emnet", 10, false, msg, sizeof msg), -1);
	assert_string_equal(msg, "Skriv emnet.");
	assert_int_equal(wg_text_check(" \n ", "emnet", 10, true, msg, sizeof msg), -1);
	assert_int_equal(wg_text_check(NULL, "emnet", 10, false, msg, sizeof msg), -1);
	assert_int_equal(wg_text_check("æøåæøåæøåæø", "emnet", 10, false, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "højst være 10 tegn; det er 11 tegn nu"));
	assert_int_equal(wg_text_check("æøåæøåæøåæ", "emnet", 10, false, msg, sizeof msg), 0);
	assert_int_equal(wg_text_check("a\nb", "emnet", 10, false, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "én linje"));
	assert_int_equal(wg_text_check("a\r\nb\tc", "teksten", 10, true, msg, sizeof msg), 0);
	assert_int_equal(wg_text_check("a\x01"
	                               "b",
	                               "teksten", 10, true, msg, sizeof msg),
	                 -1);
	assert_int_equal(wg_text_check("a\xff", "teksten", 10, true, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "ikke kan læses"));
	assert_int_equal(wg_text_check("\xc0\xaf", "teksten", 10, true, msg, sizeof msg), -1);
	assert_int_equal(wg_text_check("\xed\xa0\x80", "teksten", 10, true, msg, sizeof msg), -1);
	assert_int_equal(wg_text_check("\xf0\x9f\x98\x80", "teksten", 10, true, msg, sizeof msg),
	                 0);
}

/* ---------------------------------------------------------------- the rules */

static struct wg mk(int64_t id, const char *rg, enum wg_state s, const char *start, const char *end)
{
	struct wg w;
	memset(&w, 0, sizeof w);
	w.id = id;
	snprintf(w.key, sizeof w.key, "ag-%lld", (long long)id);
	w.topic = (char *)"Emne";
	w.reference_group = (char *)rg;
	w.state = s;
	w.start = D(start);
	w.end = D(end);
	w.hearing_opened = w.hearing_deadline = w.decided = DATE_NONE;
	return w;
}

static size_t count(const struct findings *f, enum rule_id rule, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].rule == rule && !strcmp(f->v[i].body_id, key)) {
			assert_int_equal(f->v[i].body, -1);
			assert_int_equal(f->v[i].person, -1);
			assert_string_equal(f->v[i].body_name, "Emne");
			n++;
		}
	return n;
}

static void test_rules(void **state)
{
	(void)state;
	struct wg_step approve = {WG_IN_HEARING, WG_APPROVED, WG_EV_APPROVE, D("2027-02-01"),
	                          NULL,          NULL,        NULL};
	struct wg v[10];
	v[0] = mk(1, "rg-forretning", WG_PROPOSED, "2027-03-01", "2027-06-30"); /* starts on d */
	v[1] = mk(2, "rg-forretning", WG_PROPOSED, "2027-03-02", "2027-06-30"); /* not yet */
	v[2] = mk(3, "rg-forretning", WG_STARTED, "2027-04-01", "2027-06-30");  /* never approved */
	v[3] = mk(4, "rg-forretning", WG_STARTED, "2027-01-01", "2027-06-30");
	v[3].steps = &approve;
	v[3].nsteps = 1; /* approved: fine */
	v[4] = mk(5, "styregruppe", WG_APPROVED, "2027-04-01", "2027-06-30");
	v[4].steps = &approve;
	v[4].nsteps = 1;
	v[5] = mk(6, "rg-gone", WG_REJECTED, "2027-01-01", "2027-01-31"); /* nothing: rejected */
	v[6] = mk(7, "rg-forretning", WG_STARTED, "2026-01-01", "2027-02-28"); /* overdue */
	v[6].steps = &approve;
	v[6].nsteps = 1;
	v[7] = mk(8, "rg-forretning", WG_DISSOLVED, "2026-01-01", "2027-02-28"); /* history */
	v[7].steps = &approve;
	v[7].nsteps = 1;
	v[8] = mk(9, "rg-drift-forvaltning", WG_DELIVERED, "2026-01-01", "2027-03-01");
	v[8].steps = &approve;
	v[8].nsteps = 1; /* ends on d: not overdue yet */
	v[9] = mk(10, "rg-forretning", WG_IN_HEARING, "2027-05-01", "2027-06-30");
	struct wg_member mem = {1, (char *)"p1", (char *)"P",     SEAT_KL,
	                        0, (char *)"x",  D("2027-01-01"), DATE_OPEN};
	v[9].members = &mem; /* members before approval */
	v[9].nmembers = 1;
	struct findings f;
	findings_init(&f);
	wg_check(M, v, 10, D("2027-03-01"), &f);
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-1"), 1);
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-2"), 0);
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-3"), 1);
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-4"), 0);
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-10"), 1);
	assert_int_equal(count(&f, RULE_WG_NO_REFERENCE_GROUP, "ag-5"), 1);
	assert_int_equal(count(&f, RULE_WG_NO_REFERENCE_GROUP, "ag-6"), 0);
	assert_int_equal(count(&f, RULE_WG_OVERDUE, "ag-7"), 1);
	assert_int_equal(count(&f, RULE_WG_OVERDUE, "ag-8"), 0);
	assert_int_equal(count(&f, RULE_WG_OVERDUE, "ag-9"), 0);
	assert_int_equal(count(&f, RULE_WG_OVERDUE, "ag-6"), 0);
	assert_int_equal(f.n, 5);
	for (size_t i = 0; i < f.n; i++) {
		assert_int_equal(f.v[i].severity,
		                 f.v[i].rule == RULE_WG_OVERDUE ? SEV_WARNING : SEV_ERROR);
		assert_non_null(strstr(f.v[i].message, "»Emne«"));
	}
	assert_int_equal(findings_errors(&f), 4);
	findings_free(&f);
	/* A day later, ag-9 is overdue too, with what to do. */
	findings_init(&f);
	wg_check(M, v, 10, D("2027-03-02"), &f);
	assert_int_equal(count(&f, RULE_WG_OVERDUE, "ag-9"), 1);
	for (size_t i = 0; i < f.n; i++)
		if (!strcmp(f.v[i].body_id, "ag-9"))
			assert_non_null(strstr(f.v[i].message, "nedlæg den"));
	assert_int_equal(count(&f, RULE_WG_UNAPPROVED, "ag-2"), 1);
	findings_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_transition),
	    cmocka_unit_test(test_refusal_messages),
	    cmocka_unit_test(test_whole_life),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_hearing_deadline),
	    cmocka_unit_test(test_hearing_accepts),
	    cmocka_unit_test(test_members_and_counts),
	    cmocka_unit_test(test_text_check),
	    cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests_name("wg", tests, setup, teardown);
}
