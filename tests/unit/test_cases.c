/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Cases and goals: the case state machine (every legal move, every illegal move refused with
 * a clear Danish message), the checks of raising a case and of each event (fields at their
 * boundaries), the goal checks, the view model, Danish local time, and the store (a case
 * from raised to closed, audited; a stale move refused; history that cannot be changed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dbfixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/cases.h"
#include "core/goals.h"
#include "core/model.h"
#include "core/register.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/xalloc.h"

static struct model *M;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

/* The diagnostic on field, or NULL. */
static const char *diag_on(const struct diags *d, const char *field)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].field && !strcmp(d->v[i].field, field))
			return d->v[i].msg;
	return NULL;
}

/* A case in state s, raised on 2026-11-01. */
static struct case_rec a_case(enum case_state s)
{
	struct case_rec c;
	memset(&c, 0, sizeof c);
	c.id = 7;
	c.state = s;
	c.raised_on = D("2026-11-01");
	c.assignee = s == CASE_RAISED ? NULL : "rg-forretning";
	return c;
}

/* ---------------------------------------------------------------- the state machine */

/* The legal moves, and nothing else. */
static void test_legal_moves(void **state)
{
	(void)state;
	static const struct {
		enum case_state from;
		enum case_event e;
		enum case_state to;
	} legal[] = {
	    {CASE_RAISED, CEV_ASSIGN, CASE_ASSIGNED},
	    {CASE_RAISED, CEV_WITHDRAW, CASE_WITHDRAWN},
	    {CASE_ASSIGNED, CEV_RECOMMEND, CASE_RECOMMENDED},
	    {CASE_ASSIGNED, CEV_WITHDRAW, CASE_WITHDRAWN},
	    {CASE_RECOMMENDED, CEV_DECIDE, CASE_DECIDED},
	    {CASE_RECOMMENDED, CEV_SEND_BACK, CASE_ASSIGNED},
	    {CASE_DECIDED, CEV_CLOSE, CASE_CLOSED},
	};
	size_t nlegal = 0;
	for (int s = 0; s < CASE_STATE__MAX; s++)
		for (int e = 0; e < CEV__MAX; e++) {
			enum case_state to = CASE_STATE__MAX;
			char msg[400] = "x";
			int rc =
			    case_next((enum case_state)s, (enum case_event)e, &to, msg, sizeof msg);
			int want = -1;
			for (size_t k = 0; k < sizeof legal / sizeof legal[0]; k++)
				if (legal[k].from == (enum case_state)s &&
				    legal[k].e == (enum case_event)e)
					want = (int)legal[k].to;
			if (want >= 0) {
				assert_int_equal(rc, 0);
				assert_int_equal(to, want);
				assert_string_equal(msg, "");
				assert_true(case_allowed((enum case_state)s, (enum case_event)e));
				nlegal++;
			} else {
				assert_int_equal(rc, -1);
				assert_false(case_allowed((enum case_state)s, (enum case_event)e));
				assert_int_equal(to, CASE_STATE__MAX); /* untouched */
			}
		}
	assert_int_equal(nlegal, sizeof legal / sizeof legal[0]);
}

/* Every illegal move is refused with a Danish sentence that says why: never the generic
 * fallback, always a full stop, and with the words that matter for the move. */
static void test_illegal_moves_explained(void **state)
{
	(void)state;
	size_t refused = 0;
	for (int s = 0; s < CASE_STATE__MAX; s++)
		for (int e = 0; e < CEV__MAX; e++) {
			if (case_allowed((enum case_state)s, (enum case_event)e))
				continue;
			enum case_state to;
			char msg[400];
			assert_int_equal(
			    case_next((enum case_state)s, (enum case_event)e, &to, msg, sizeof msg),
			    -1);
			refused++;
			assert_true(strlen(msg) > 30);
			assert_true(strncmp(msg, "Sagen", 5) == 0 ||
			            strncmp(msg, "Styregruppen", 12) == 0);
			assert_int_equal(msg[strlen(msg) - 1], '.');
			assert_null(strstr(msg, "nuværende status")); /* not the fallback */
			if (s == CASE_CLOSED && e != CEV_RAISE)
				assert_non_null(strstr(msg, "lukket"));
			if (s == CASE_WITHDRAWN && e != CEV_RAISE)
				assert_non_null(strstr(msg, "trukket tilbage"));
			if (e == CEV_RAISE)
				assert_non_null(strstr(msg, "allerede rejst"));
		}
	assert_int_equal(refused, CASE_STATE__MAX * CEV__MAX - 7);
	char msg[400];
	enum case_state to;
	/* The lead's words for deciding without a recommendation. */
	assert_int_equal(case_next(CASE_RAISED, CEV_DECIDE, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Sagen kan ikke besluttes, før der er en indstilling fra "
	                            "referencegruppen."));
	assert_int_equal(case_next(CASE_ASSIGNED, CEV_DECIDE, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Sagen kan ikke besluttes, før der er en indstilling"));
	assert_int_equal(case_next(CASE_RAISED, CEV_RECOMMEND, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "Tildel sagen først"));
	assert_int_equal(case_next(CASE_RECOMMENDED, CEV_WITHDRAW, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "kan ikke trækkes tilbage"));
	assert_int_equal(case_next(CASE_DECIDED, CEV_SEND_BACK, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "allerede truffet afgørelse"));
	assert_int_equal(case_next(CASE_ASSIGNED, CEV_ASSIGN, &to, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "allerede tildelt"));
	/* A short buffer is cut, not overrun. */
	char small[8];
	assert_int_equal(case_next(CASE_CLOSED, CEV_ASSIGN, &to, small, sizeof small), -1);
	assert_int_equal(strlen(small), 7);
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < CASE_STATE__MAX; s++)
		assert_int_equal(case_state_parse(case_state_name(s)), s);
	for (int e = 0; e < CEV__MAX; e++)
		assert_int_equal(case_event_parse(case_event_name(e)), e);
	assert_int_equal(case_event_parse("send_back"), CEV_SEND_BACK);
	assert_int_equal(case_event_parse("decided"), -1);
	assert_int_equal(case_state_parse(NULL), -1);
	assert_int_equal(case_kind_parse("rådgivning"), CDK_ADVICE);
	assert_int_equal(case_kind_parse("Rådgivning"), CDK_ADVICE);
	assert_int_equal(case_kind_parse("RÅDGIVNING"), CDK_ADVICE);
	assert_int_equal(case_kind_parse("raadgivning"), CDK_ADVICE);
	assert_int_equal(case_kind_parse("Beslutning"), CDK_DECISION);
	assert_int_equal(case_kind_parse("beslut"), -1);
	assert_int_equal(case_kind_parse(""), -1);
	assert_string_equal(case_state_name(99), "?");
	assert_string_equal(case_event_title(-1), "?");

	char id[32];
	case_id_format(12, id, sizeof id);
	assert_string_equal(id, "sag-12");
	assert_int_equal(case_id_parse("sag-12"), 12);
	assert_int_equal(case_id_parse("SAG-12"), 12);
	assert_int_equal(case_id_parse("12"), 12);
	assert_int_equal(case_id_parse("sag-"), 0);
	assert_int_equal(case_id_parse("sag-1x"), 0);
	assert_int_equal(case_id_parse("sag--1"), 0);
	assert_int_equal(case_id_parse("1234567890123456"), 0); /* too long */
	assert_int_equal(case_id_parse(NULL), 0);

	assert_true(case_is_wg("ag-3"));
	assert_true(case_is_wg("ag-12"));
	assert_false(case_is_wg("ag-"));
	assert_false(case_is_wg("ag-3a"));
	assert_false(case_is_wg("AG-3"));
	assert_false(case_is_wg("rg-forretning"));
}

/* ---------------------------------------------------------------- raising a case */

static void test_raise_ok(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	reg_person_add(&r, 1, "p7", "Anne Hansen", NULL);
	const char *tags[] = {"standardisering", "  SLA'er og servicemål ", "Standardisering"};
	struct case_input in = {.title = "  Fælles servicemål  ",
	                        .text = "Linje 1\nLinje 2\n",
	                        .by = "p7",
	                        .tags = tags,
	                        .ntags = 3};
	struct diags d;
	diags_init(&d);
	struct case_rec c;
	assert_int_equal(case_check_raise(M, &r, &in, D("2026-11-27"), &c, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(c.title, "Fælles servicemål");
	assert_string_equal(c.text, "Linje 1\nLinje 2");
	assert_string_equal(c.raised_by, "p7");
	assert_int_equal(c.raised_on, D("2026-11-27"));
	assert_int_equal(c.state, CASE_RAISED);
	/* The model's words, each once. */
	assert_int_equal(c.ntags, 2);
	assert_string_equal(c.tags[0], "Standardisering");
	assert_string_equal(c.tags[1], "SLA'er og servicemål");
	case_rec_free(&c);

	/* Bodies that may raise a case. */
	const char *ok[] = {"styregruppe", "fki-ledelse", "rg-forretning", "rg-drift-forvaltning"};
	for (size_t i = 0; i < 4; i++) {
		in.by = ok[i];
		in.ntags = 0;
		assert_int_equal(case_check_raise(M, &r, &in, D("2026-11-27"), &c, &d), 0);
		case_rec_free(&c);
	}
	diags_free(&d);
	reg_free(&r);
}

static void test_raise_bad(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	struct diags d;
	diags_init(&d);
	struct case_rec c;
	const char *tags[] = {"Kaffe"};
	struct case_input in = {
	    .title = " ", .text = NULL, .by = "kl-direktion", .tags = tags, .ntags = 1};
	assert_int_equal(case_check_raise(M, &r, &in, D("2026-11-27"), &c, &d), -1);
	assert_string_equal(diag_on(&d, "title"), "Skriv titlen.");
	assert_string_equal(diag_on(&d, "text"), "Skriv beskrivelsen af sagen.");
	assert_non_null(strstr(diag_on(&d, "by"), "kan ikke rejse en sag"));
	const char *t = diag_on(&d, "tags");
	assert_non_null(strstr(t, "»Kaffe« er ikke et af referencegruppernes emner"));
	/* Every topic of every reference group is listed, and no topic of the steering group. */
	for (size_t i = 0; i < M->nbodies; i++)
		for (size_t k = 0; k < M->bodies[i].ntopics; k++) {
			bool rg = !strcmp(M->bodies[i].kind, "reference-group");
			char *q = xasprintf("»%s«", M->bodies[i].topics[k]);
			if (rg)
				assert_non_null(strstr(t, q));
			free(q);
		}
	assert_null(strstr(t, "Strategiske samarbejder")); /* a topic of the steering group */
	assert_int_equal(d.n, 4);
	diags_free(&d);

	/* Title at its boundary: 200 characters (æ is two bytes) pass, 201 do not. */
	char title[2 * 201 + 1];
	for (int i = 0; i < 200; i++)
		memcpy(title + 2 * i, "æ", 2);
	title[400] = '\0';
	struct case_input ok = {.title = title, .text = "x", .by = "styregruppe"};
	diags_init(&d);
	assert_int_equal(case_check_raise(M, &r, &ok, D("2026-11-27"), &c, &d), 0);
	case_rec_free(&c);
	memcpy(title + 400, "æ", 3); /* with the NUL */
	assert_int_equal(case_check_raise(M, &r, &ok, D("2026-11-27"), &c, &d), -1);
	assert_non_null(strstr(diag_on(&d, "title"), "højst være 200 tegn i titlen; der er 201"));
	diags_free(&d);

	/* A line break in the title, a control character in the text, bytes that are not UTF-8. */
	diags_init(&d);
	struct case_input bad = {.title = "To\nlinjer", .text = "a\x01", .by = "styregruppe"};
	assert_int_equal(case_check_raise(M, &r, &bad, D("2026-11-27"), &c, &d), -1);
	assert_non_null(strstr(diag_on(&d, "title"), "på én linje"));
	assert_non_null(strstr(diag_on(&d, "text"), "kontroltegn"));
	diags_free(&d);
	diags_init(&d);
	struct case_input bad8 = {
	    .title = "Ugyldig \xc3(", .text = "\xed\xa0\x80", .by = "styregruppe"};
	assert_int_equal(case_check_raise(M, &r, &bad8, D("2026-11-27"), &c, &d), -1);
	assert_non_null(strstr(diag_on(&d, "title"), "ikke UTF-8"));
	assert_non_null(strstr(diag_on(&d, "text"), "ikke UTF-8")); /* a surrogate */
	diags_free(&d);
	reg_free(&r);
}

/* ---------------------------------------------------------------- events */

static void test_event_fields(void **state)
{
	(void)state;
	struct diags d;
	struct case_change ch;
	fk_date today = D("2026-11-27");

	/* assign: a reference group or ag-N, and a text. */
	struct case_rec c = a_case(CASE_RAISED);
	const char *good[] = {"rg-forretning", " rg-arkitektur-udvikling ", "ag-3"};
	for (size_t i = 0; i < 3; i++) {
		diags_init(&d);
		struct case_input in = {.to = good[i], .text = "Undersøg det"};
		assert_int_equal(case_check_event(M, &c, CEV_ASSIGN, &in, today, &ch, &d), 0);
		assert_int_equal(ch.from, CASE_RAISED);
		assert_int_equal(ch.to, CASE_ASSIGNED);
		assert_non_null(ch.assignee);
		assert_null(strchr(ch.assignee, ' '));
		case_change_free(&ch);
		diags_free(&d);
	}
	const char *bad[] = {"styregruppe", "ag-x", "", "kl-direktion"};
	for (size_t i = 0; i < 4; i++) {
		diags_init(&d);
		struct case_input in = {.to = bad[i], .text = "x"};
		assert_int_equal(case_check_event(M, &c, CEV_ASSIGN, &in, today, &ch, &d), -1);
		assert_non_null(diag_on(&d, "to"));
		diags_free(&d);
	}
	diags_init(&d);
	struct case_input notext = {.to = "rg-forretning"};
	assert_int_equal(case_check_event(M, &c, CEV_ASSIGN, &notext, today, &ch, &d), -1);
	assert_string_equal(diag_on(&d, "text"), "Skriv opgaven til gruppen.");
	diags_free(&d);

	/* The state machine comes first, on field "event". */
	diags_init(&d);
	struct case_input dec = {.kind = "beslutning", .text = "Ja"};
	assert_int_equal(case_check_event(M, &c, CEV_DECIDE, &dec, today, &ch, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(diag_on(&d, "event"), "før der er en indstilling"));
	diags_free(&d);

	/* decide: kind, text, date (today by default; not in the future; not before raising). */
	c = a_case(CASE_RECOMMENDED);
	diags_init(&d);
	assert_int_equal(case_check_event(M, &c, CEV_DECIDE, &dec, today, &ch, &d), 0);
	assert_true(ch.has_decision);
	assert_int_equal(ch.decision.kind, CDK_DECISION);
	assert_int_equal(ch.decision.date, today);
	assert_null(ch.decision.meeting);
	assert_string_equal(ch.decision.text, "Ja");
	case_change_free(&ch);
	struct case_input dec2 = {.kind = "Raadgivning",
	                          .text = "Råd",
	                          .date = "2026-11-01",
	                          .meeting = " Møde 4, 2026 "};
	assert_int_equal(case_check_event(M, &c, CEV_DECIDE, &dec2, today, &ch, &d), 0);
	assert_int_equal(ch.decision.kind, CDK_ADVICE);
	assert_int_equal(ch.decision.date, D("2026-11-01")); /* the day it was raised */
	assert_string_equal(ch.decision.meeting, "Møde 4, 2026");
	case_change_free(&ch);
	diags_free(&d);
	const struct {
		const char *kind, *date, *field, *words;
	} refuse[] = {
	    {"", "2026-11-27", "kind", "Vælg, om styregruppen"},
	    {"anbefaling", "2026-11-27", "kind", "»anbefaling« er ikke en slags afgørelse"},
	    {"beslutning", "2026-11-28", "date", "ligger efter i dag"},
	    {"beslutning", "2026-10-31", "date", "før sagen blev rejst"},
	    {"beslutning", "27-11-2026", "date", "ikke en gyldig dato"},
	    {"beslutning", "2026-02-30", "date", "ikke en gyldig dato"},
	};
	for (size_t i = 0; i < sizeof refuse / sizeof refuse[0]; i++) {
		diags_init(&d);
		struct case_input in = {
		    .kind = refuse[i].kind, .date = refuse[i].date, .text = "x"};
		assert_int_equal(case_check_event(M, &c, CEV_DECIDE, &in, today, &ch, &d), -1);
		const char *msg = diag_on(&d, refuse[i].field);
		assert_non_null(msg);
		assert_non_null(strstr(msg, refuse[i].words));
		diags_free(&d);
	}
	/* A meeting reference of 201 characters. */
	char meeting[202];
	memset(meeting, 'm', 201);
	meeting[201] = '\0';
	diags_init(&d);
	struct case_input longm = {.kind = "beslutning", .text = "x", .meeting = meeting};
	assert_int_equal(case_check_event(M, &c, CEV_DECIDE, &longm, today, &ch, &d), -1);
	assert_non_null(diag_on(&d, "meeting"));
	diags_free(&d);

	/* send-back needs a text; close does not. */
	diags_init(&d);
	struct case_input empty = {0};
	assert_int_equal(case_check_event(M, &c, CEV_SEND_BACK, &empty, today, &ch, &d), -1);
	assert_string_equal(diag_on(&d, "text"), "Skriv beskeden til gruppen.");
	diags_free(&d);
	c = a_case(CASE_DECIDED);
	diags_init(&d);
	assert_int_equal(case_check_event(M, &c, CEV_CLOSE, &empty, today, &ch, &d), 0);
	assert_null(ch.text);
	assert_int_equal(ch.to, CASE_CLOSED);
	case_change_free(&ch);
	/* An event outside the enum. */
	assert_int_equal(case_check_event(M, &c, CEV__MAX, &empty, today, &ch, &d), -1);
	assert_non_null(diag_on(&d, "event"));
	diags_free(&d);
}

static void test_member_of_assignee(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	int32_t p = reg_person_add(&r, 1, "rf01", "Louise", NULL);
	reg_person_add(&r, 2, "sg01", "Mette", NULL);
	struct reg_appt a = {.person = p,
	                     .body = (int32_t)model_body_index(M, "rg-forretning"),
	                     .profile = -1,
	                     .start = D("2024-01-01"),
	                     .end = D("2026-12-31")};
	reg_appt_add(&r, &a);
	struct case_rec c = a_case(CASE_ASSIGNED);
	assert_true(case_member_of_assignee(M, &r, "rf01", &c, D("2026-11-27")));
	assert_true(case_member_of_assignee(M, &r, "rf01", &c, D("2026-12-31")));
	assert_false(case_member_of_assignee(M, &r, "rf01", &c, D("2027-01-01"))); /* left */
	assert_false(case_member_of_assignee(M, &r, "rf01", &c, D("2023-12-31"))); /* not yet */
	assert_false(case_member_of_assignee(M, &r, "sg01", &c, D("2026-11-27")));
	assert_false(case_member_of_assignee(M, &r, "", &c, D("2026-11-27")));
	c.assignee = "rg-drift-forvaltning";
	assert_false(case_member_of_assignee(M, &r, "rf01", &c, D("2026-11-27")));
	c.assignee = "ag-3";
	assert_false(case_member_of_assignee(M, &r, "rf01", &c, D("2026-11-27")));
	c.assignee = NULL;
	assert_false(case_member_of_assignee(M, &r, "rf01", &c, D("2026-11-27")));
	reg_free(&r);
}

static void test_view_and_filter(void **state)
{
	(void)state;
	struct reg r;
	reg_init(&r);
	struct case_rec c = a_case(CASE_RECOMMENDED);
	char *tags[] = {"Innovation"};
	c.title = "T";
	c.text = "Om innovation";
	c.raised_by = "styregruppe";
	c.recommendation = "Gør det";
	c.tags = tags;
	c.ntags = 1;
	json_t *o = case_json(M, &r, &c, true);
	assert_string_equal(json_string_value(json_object_get(o, "id")), "sag-7");
	assert_string_equal(json_string_value(json_object_get(o, "state")), "recommended");
	json_t *next = json_object_get(o, "next_events");
	assert_int_equal(json_array_size(next), 2);
	assert_string_equal(json_string_value(json_array_get(next, 0)), "decide");
	assert_string_equal(json_string_value(json_array_get(next, 1)), "send-back");
	assert_true(json_is_null(json_object_get(o, "decision")));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(o, "assignee"), "name")),
	    "Referencegruppe Forretning");
	json_decref(o);
	o = case_json(M, &r, &c, false);
	assert_null(json_object_get(o, "events"));
	assert_null(json_object_get(o, "text"));
	json_decref(o);

	struct case_filter f = {.state = -1};
	assert_true(case_matches(&c, &f));
	f.state = CASE_RAISED;
	assert_false(case_matches(&c, &f));
	f.state = -1;
	f.tag = "Innovation";
	assert_true(case_matches(&c, &f));
	f.tag = "Standardisering";
	assert_false(case_matches(&c, &f));
	f.tag = NULL;
	f.assignee = "rg-forretning";
	assert_true(case_matches(&c, &f));
	f.assignee = "ag-1";
	assert_false(case_matches(&c, &f));
	f.assignee = NULL;
	f.q = "INNOVATION";
	assert_true(case_matches(&c, &f));
	f.q = "gør";
	assert_true(case_matches(&c, &f)); /* in the recommendation, caseless */
	f.q = "sag-7";
	assert_true(case_matches(&c, &f));
	f.q = "kaffe";
	assert_false(case_matches(&c, &f));
	f.q = NULL;
	f.decided_year = 2026;
	assert_false(case_matches(&c, &f));
	c.has_decision = true;
	c.decision.date = D("2026-12-01");
	assert_true(case_matches(&c, &f));
	f.decided_year = 2027;
	assert_false(case_matches(&c, &f));
	reg_free(&r);
}

static void test_time_da(void **state)
{
	(void)state;
	char out[80];
	case_time_da("2026-07-01T10:00:00Z", out, sizeof out);
	assert_string_equal(out, "1. juli 2026 kl. 12.00");
	case_time_da("2026-01-01T23:30:00Z", out, sizeof out);
	assert_string_equal(out, "2. januar 2026 kl. 00.30");
	/* Summer time begins 29 March 2026 at 01:00 UTC and ends 25 October at 01:00 UTC. */
	case_time_da("2026-03-29T00:59:00Z", out, sizeof out);
	assert_string_equal(out, "29. marts 2026 kl. 01.59");
	case_time_da("2026-03-29T01:00:00Z", out, sizeof out);
	assert_string_equal(out, "29. marts 2026 kl. 03.00");
	case_time_da("2026-10-25T00:59:00Z", out, sizeof out);
	assert_string_equal(out, "25. oktober 2026 kl. 02.59");
	case_time_da("2026-10-25T01:00:00Z", out, sizeof out);
	assert_string_equal(out, "25. oktober 2026 kl. 02.00");
	case_time_da("2026-12-31T23:00:00Z", out, sizeof out);
	assert_string_equal(out, "1. januar 2027 kl. 00.00");
	case_time_da("ikke en tid", out, sizeof out);
	assert_string_equal(out, "ikke en tid");
	case_time_da(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

/* ---------------------------------------------------------------- goals */

static void test_goal_status_names(void **state)
{
	(void)state;
	for (int s = 0; s < GOAL_STATUS__MAX; s++)
		assert_int_equal(goal_status_parse(goal_status_name(s)), s);
	assert_int_equal(goal_status_parse("På sporet"), GOAL_ON_TRACK);
	assert_int_equal(goal_status_parse("pa-sporet"), GOAL_ON_TRACK);
	assert_int_equal(goal_status_parse("paa_sporet"), GOAL_ON_TRACK);
	assert_int_equal(goal_status_parse("NÅET"), GOAL_REACHED);
	assert_int_equal(goal_status_parse("naaet"), GOAL_REACHED);
	assert_int_equal(goal_status_parse("Forsinket"), GOAL_DELAYED);
	assert_int_equal(goal_status_parse("opgivet"), GOAL_ABANDONED);
	assert_int_equal(goal_status_parse("grøn"), -1);
	assert_int_equal(goal_status_parse(""), -1);
	assert_int_equal(goal_status_parse(NULL), -1);
	/* A long text is not a status, and does not overrun. */
	char big[200];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(goal_status_parse(big), -1);
}

static void test_goal_checks(void **state)
{
	(void)state;
	fk_date today = D("2026-11-27");
	struct diags d;
	struct goal_rec g;
	const struct {
		const char *year;
		int ok;
	} years[] = {{"1999", 0}, {"2000", 1},  {"2199", 1}, {"2200", 0},
	             {"27", 0},   {"2027x", 0}, {"", 0},     {" 2027 ", 1}};
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
		diags_init(&d);
		struct goal_input in = {
		    .year = years[i].year, .text = "Mål", .indicator = "I", .target = "T"};
		int rc = goal_check_add(&in, today, &g, &d);
		assert_int_equal(rc, years[i].ok ? 0 : -1);
		if (rc == 0) {
			assert_int_equal(g.set_on, today);
			goal_rec_free(&g);
		} else {
			assert_non_null(diag_on(&d, "year"));
		}
		diags_free(&d);
	}
	diags_init(&d);
	struct goal_input bad = {.year = "2027", .set_on = "2026-11-28"};
	assert_int_equal(goal_check_add(&bad, today, &g, &d), -1);
	assert_string_equal(diag_on(&d, "text"), "Skriv målet.");
	assert_string_equal(diag_on(&d, "indicator"), "Skriv indikatoren.");
	assert_string_equal(diag_on(&d, "target"), "Skriv målværdien.");
	assert_non_null(strstr(diag_on(&d, "set_on"), "ligger efter i dag"));
	diags_free(&d);

	/* A status report. */
	memset(&g, 0, sizeof g);
	g.set_on = D("2026-11-01");
	struct goal_status_rec s;
	diags_init(&d);
	struct goal_input st = {.status = "forsinket", .note = "Leverandøren er sent på den"};
	assert_int_equal(goal_check_status(&g, &st, today, &s, &d), 0);
	assert_int_equal(s.status, GOAL_DELAYED);
	assert_int_equal(s.date, today);
	free(s.note);
	st.date = "2026-11-01"; /* the day it was set */
	assert_int_equal(goal_check_status(&g, &st, today, &s, &d), 0);
	free(s.note);
	assert_int_equal(d.n, 0);
	st.date = "2026-10-31";
	assert_int_equal(goal_check_status(&g, &st, today, &s, &d), -1);
	assert_non_null(strstr(diag_on(&d, "date"), "før målet blev fastlagt"));
	diags_free(&d);
	diags_init(&d);
	struct goal_input st2 = {.status = "grøn", .note = "", .date = "2026-11-28"};
	assert_int_equal(goal_check_status(&g, &st2, today, &s, &d), -1);
	assert_non_null(strstr(diag_on(&d, "status"), "»grøn« er ikke en status"));
	assert_non_null(diag_on(&d, "note"));
	assert_non_null(strstr(diag_on(&d, "date"), "ligger efter i dag"));
	diags_free(&d);

	/* The latest report is the one with the latest date, not the last added. */
	struct goal_status_rec hist[3] = {
	    {.id = 1, .status = GOAL_ON_TRACK, .date = D("2026-03-01")},
	    {.id = 2, .status = GOAL_REACHED, .date = D("2026-09-01")},
	    {.id = 3, .status = GOAL_DELAYED, .date = D("2026-06-01")},
	};
	g.status = hist;
	g.nstatus = 3;
	assert_int_equal(goal_latest(&g)->id, 2);
	json_t *o = goal_json(&g);
	assert_string_equal(json_string_value(json_object_get(o, "status")), "nået");
	assert_int_equal(json_array_size(json_object_get(o, "history")), 3);
	json_decref(o);
	g.nstatus = 0;
	assert_null(goal_latest(&g));
	o = goal_json(&g);
	assert_true(json_is_null(json_object_get(o, "status")));
	json_decref(o);
}

/* ---------------------------------------------------------------- the store */

static int count_audit(const struct audit_row *row, void *arg)
{
	if (!strcmp(row->entity, "case") || !strcmp(row->entity, "goal"))
		(*(int *)arg)++;
	return 0;
}

static int setup(void **state)
{
	size_t len;
	const char *json = model_builtin(&len);
	return fx_setup(state, "cases", json, len);
}

static int teardown(void **state) { return fx_teardown(state); }

/* Applies event e with input in to case id, checking against what the store holds. */
static int move(struct store *st, int64_t id, enum case_event e, const struct case_input *in)
{
	struct case_set set = {0};
	assert_int_equal(store_cases_load(st, id, &set), FK_OK);
	assert_int_equal(set.n, 1);
	struct diags d;
	diags_init(&d);
	struct case_change ch;
	int rc = case_check_event(M, &set.v[0], e, in, D("2026-11-27"), &ch, &d);
	if (rc == 0) {
		rc = store_case_apply(st, "tester", id, &ch);
		case_change_free(&ch);
	}
	diags_free(&d);
	case_set_free(&set);
	return rc;
}

static void test_store_case_flow(void **state)
{
	struct fx *f = *state;
	struct reg r;
	reg_init(&r);
	const char *tags[] = {"Innovation"};
	struct case_input in = {
	    .title = "Data", .text = "Mere data", .by = "fki-ledelse", .tags = tags, .ntags = 1};
	struct diags d;
	diags_init(&d);
	struct case_rec c;
	assert_int_equal(case_check_raise(M, &r, &in, D("2026-11-27"), &c, &d), 0);
	assert_int_equal(store_case_raise(f->st, "tester", &c), FK_OK);
	assert_int_equal(c.id, 1);
	case_rec_free(&c);

	struct case_input assign = {.to = "rg-arkitektur-udvikling", .text = "Kig på det"};
	struct case_input rec = {.text = "Vi anbefaler A"};
	struct case_input back = {.text = "Se også på B"};
	struct case_input rec2 = {.text = "Vi anbefaler B"};
	struct case_input dec = {.kind = "beslutning", .text = "B vælges", .meeting = "Møde 4"};
	struct case_input none = {0};
	assert_int_equal(move(f->st, 1, CEV_ASSIGN, &assign), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_RECOMMEND, &rec), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_SEND_BACK, &back), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_RECOMMEND, &rec2), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_DECIDE, &dec), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_CLOSE, &none), FK_OK);
	assert_int_equal(move(f->st, 1, CEV_CLOSE, &none), -1); /* closed is closed */

	struct case_set set = {0};
	assert_int_equal(store_cases_load(f->st, 0, &set), FK_OK);
	assert_int_equal(set.n, 1);
	const struct case_rec *s = &set.v[0];
	assert_int_equal(s->state, CASE_CLOSED);
	assert_string_equal(s->assignee, "rg-arkitektur-udvikling");
	assert_string_equal(s->recommendation, "Vi anbefaler B");
	assert_int_equal(s->ntags, 1);
	assert_string_equal(s->tags[0], "Innovation");
	assert_int_equal(s->nevents, 7);
	static const enum case_event order[] = {CEV_RAISE,     CEV_ASSIGN,    CEV_RECOMMEND,
	                                        CEV_SEND_BACK, CEV_RECOMMEND, CEV_DECIDE,
	                                        CEV_CLOSE};
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(s->events[i].event, order[i]);
		assert_string_equal(s->events[i].actor, i ? "tester" : "tester");
		assert_string_equal(s->events[i].at, "2026-11-27T10:00:00Z");
	}
	assert_int_equal(s->events[0].from, -1);
	assert_int_equal(s->events[3].from, CASE_RECOMMENDED);
	assert_int_equal(s->events[3].to, CASE_ASSIGNED);
	assert_string_equal(s->events[1].assignee, "rg-arkitektur-udvikling");
	assert_true(s->has_decision);
	assert_int_equal(s->decision.kind, CDK_DECISION);
	assert_string_equal(s->decision.meeting, "Møde 4");
	case_set_free(&set);

	/* One audit row per change: raise + 6 moves. */
	int n = 0;
	struct audit_filter af = {.entity = "case", .entity_id = "sag-1"};
	assert_int_equal(store_audit_list(f->st, &af, count_audit, &n), FK_OK);
	assert_int_equal(n, 7);
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);

	/* History is never changed. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE case_event SET text = 'x'", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM case_decision", NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
	diags_free(&d);
	reg_free(&r);
}

/* A move checked against a state the case no longer has is refused, and nothing is written. */
static void test_store_stale_move(void **state)
{
	struct fx *f = *state;
	char *tags[1];
	struct case_rec c;
	memset(&c, 0, sizeof c);
	c.title = xstrdup("T");
	c.text = xstrdup("x");
	c.raised_by = xstrdup("styregruppe");
	c.raised_on = D("2026-11-27");
	c.tags = tags;
	c.ntags = 0;
	assert_int_equal(store_case_raise(f->st, "tester", &c), FK_OK);
	c.tags = NULL;
	struct case_change ch = {
	    .event = CEV_RECOMMEND, .from = CASE_ASSIGNED, .to = CASE_RECOMMENDED, .text = "x"};
	assert_int_equal(store_case_apply(f->st, "tester", c.id, &ch), FK_ECONFLICT);
	assert_non_null(strstr(store_conflict(f->st), "ændret imens"));
	assert_int_equal(store_case_apply(f->st, "tester", 99, &ch), FK_ENOTFOUND);
	struct case_set set = {0};
	assert_int_equal(store_cases_load(f->st, c.id, &set), FK_OK);
	assert_int_equal(set.v[0].state, CASE_RAISED);
	assert_int_equal(set.v[0].nevents, 1);
	case_set_free(&set);
	assert_int_equal(store_cases_load(f->st, 99, &set), FK_OK);
	assert_int_equal(set.n, 0);
	case_rec_free(&c);
}

static void test_store_goals(void **state)
{
	struct fx *f = *state;
	struct diags d;
	diags_init(&d);
	struct goal_rec g;
	struct goal_input in = {.year = "2027",
	                        .text = "Flere kommuner på NgDP",
	                        .indicator = "Antal",
	                        .target = "98",
	                        .set_on = "2026-11-20"};
	assert_int_equal(goal_check_add(&in, D("2026-11-27"), &g, &d), 0);
	assert_int_equal(store_goal_add(f->st, "tester", &g), FK_OK);
	assert_int_equal(g.id, 1);
	struct goal_status_rec s = {
	    .status = GOAL_DELAYED, .date = D("2026-11-27"), .note = "Sent"};
	assert_int_equal(store_goal_status_add(f->st, "tester", g.id, &s), FK_OK);
	free(s.actor);
	free(s.at);
	struct goal_status_rec s2 = {
	    .status = GOAL_ON_TRACK, .date = D("2026-11-21"), .note = "OK"};
	assert_int_equal(store_goal_status_add(f->st, "tester", g.id, &s2), FK_OK);
	free(s2.actor);
	free(s2.at);
	assert_int_equal(store_goal_status_add(f->st, "tester", 42, &s2), FK_ENOTFOUND);
	goal_rec_free(&g);

	struct goal_set set = {0};
	assert_int_equal(store_goals_load(f->st, 0, 2027, &set), FK_OK);
	assert_int_equal(set.n, 1);
	assert_int_equal(set.v[0].nstatus, 2);
	assert_int_equal(set.v[0].status[0].date, D("2026-11-21")); /* by date */
	assert_int_equal(goal_latest(&set.v[0])->status, GOAL_DELAYED);
	goal_set_free(&set);
	assert_int_equal(store_goals_load(f->st, 0, 2026, &set), FK_OK);
	assert_int_equal(set.n, 0);
	goal_set_free(&set);
	int n = 0;
	struct audit_filter af = {.entity = "goal"};
	assert_int_equal(store_audit_list(f->st, &af, count_audit, &n), FK_OK);
	assert_int_equal(n, 3);
	diags_free(&d);
}

int main(void)
{
	if (model_load_builtin(&M) != FK_OK)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_legal_moves),
	    cmocka_unit_test(test_illegal_moves_explained),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_raise_ok),
	    cmocka_unit_test(test_raise_bad),
	    cmocka_unit_test(test_event_fields),
	    cmocka_unit_test(test_member_of_assignee),
	    cmocka_unit_test(test_view_and_filter),
	    cmocka_unit_test(test_time_da),
	    cmocka_unit_test(test_goal_status_names),
	    cmocka_unit_test(test_goal_checks),
	    cmocka_unit_test_setup_teardown(test_store_case_flow, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_stale_move, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_goals, setup, teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	model_free(M);
	return rc;
}
