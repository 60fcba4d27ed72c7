/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Meeting invitations (core/invite.h): who gets which iTIP message for planning, moving,
 * deleting, members who join or leave between planning and the meeting, changed addresses;
 * sequences; the iTIP object as libical reads it back; the MIME shape of an invitation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "core/invite.h"
#include "core/mail.h"
#include "core/wg.h"
#include "util/buf.h"
#include "util/xalloc.h"

static struct model *M;
static const struct invite_org ORG = {"Sekretariat FKI", "fki@kombit.dk"};

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

/* Anne and Bo serve throughout; Carl has no address; Dorthe leaves on 31 May 2027; Erik
 * joins on 1 May 2027. */
static void fixture(struct reg *r)
{
	reg_init(r);
	int sg = wg_steering_group(M);
	assert_true(sg >= 0);
	const char *people[][5] = {
	    {"sg01", "Anne Æbelø", "anne@aarhus.dk", "2026-01-01", NULL},
	    {"sg02", "Bo \"Chef\"\r\nBcc: x@y.dk", "bo@kl.dk", "2026-01-01", NULL},
	    {"sg03", "Carl Uden Adresse", NULL, "2026-01-01", NULL},
	    {"sg04", "Dorthe Går", "dorthe@udk.dk", "2026-01-01", "2027-05-31"},
	    {"sg05", "Erik Kommer", "erik@odense.dk", "2027-05-01", NULL}};
	for (int i = 0; i < 5; i++) {
		int32_t p = reg_person_add(r, i + 1, people[i][0], people[i][1], people[i][2]);
		struct reg_appt a = {.person = p, .body = sg, .org = SEAT_KL, .seat = SEAT_KL,
		                     .profile = -1, .start = D(people[i][3]),
		                     .end = people[i][4] ? D(people[i][4]) : DATE_OPEN};
		reg_appt_add(r, &a);
	}
	reg_sort(r);
}

static struct meeting meeting(int64_t id, int number, const char *day, const char *place)
{
	struct meeting mt;
	memset(&mt, 0, sizeof mt);
	mt.id = id;
	mt.year = 2027;
	mt.number = number;
	mt.date = D(day);
	mt.start_min = 9 * 60;
	mt.end_min = 13 * 60;
	mt.state = MEETING_PLANNED;
	mt.dispatched_on = DATE_NONE;
	mt.place = (char *)place;
	return mt;
}

/* What was sent, as the store would record it after queueing ns. */
static void record(struct invite_sent **s, size_t *n, const struct notices *ns,
                   const struct meeting *v, size_t nv)
{
	for (size_t i = 0; i < ns->n; i++) {
		const struct notice *x = &ns->v[i];
		struct invite_sent *hit = NULL;
		for (size_t k = 0; k < *n; k++)
			if ((*s)[k].meeting == x->meeting && !strcmp((*s)[k].person, x->person))
				hit = &(*s)[k];
		if (!hit) {
			*s = xrealloc(*s, (*n + 1) * sizeof **s);
			hit = &(*s)[(*n)++];
			memset(hit, 0, sizeof *hit);
			hit->meeting = x->meeting;
			hit->person = xstrdup(x->person);
		} else {
			free(hit->address);
		}
		hit->address = xstrdup(x->address);
		hit->sequence = x->sequence;
		hit->version = x->version;
		hit->cancelled = x->invite == INVITE_CANCEL;
		for (size_t k = 0; k < nv; k++)
			if (v[k].id == x->meeting) {
				hit->year = v[k].year;
				hit->number = v[k].number;
				hit->date = v[k].date;
				hit->start_min = v[k].start_min;
				hit->end_min = v[k].end_min;
			}
	}
}

static size_t count(const struct notices *ns, const char *prefix)
{
	size_t c = 0;
	for (size_t i = 0; i < ns->n; i++)
		c += !strncmp(ns->v[i].key, prefix, strlen(prefix));
	return c;
}

static bool has(const struct notices *ns, const char *key)
{
	for (size_t i = 0; i < ns->n; i++)
		if (!strcmp(ns->v[i].key, key))
			return true;
	return false;
}

static void run(const struct reg *r, const struct meeting *v, size_t nv, struct invite_sent **s,
                size_t *n, const char *today, struct notices *ns)
{
	memset(ns, 0, sizeof *ns);
	invite_reconcile(M, r, v, nv, *s, *n, D(today), &ORG, "https://fkigov.example.dk", 0, ns);
	record(s, n, ns, v, nv);
}

static void test_plan_move_delete(void **state)
{
	(void)state;
	struct reg r;
	fixture(&r);
	struct meeting v[2] = {meeting(1, 1, "2027-03-09", "KOMBIT, Halfdansgade 8"),
	                       meeting(2, 2, "2027-06-08", NULL)};
	struct invite_sent *s = NULL;
	size_t ns = 0;
	struct notices out;
	/* Planned on 3 December 2026: meeting 1 to Anne, Bo, Dorthe; meeting 2 (8 June) to
	 * Anne, Bo, Erik (joined 1 May); Dorthe has left by then; Carl has no address. */
	run(&r, v, 2, &s, &ns, "2026-12-03", &out);
	assert_int_equal(out.n, 6);
	assert_true(has(&out, "meeting-invite:1:sg01:0"));
	assert_true(has(&out, "meeting-invite:1:sg04:0"));
	assert_true(has(&out, "meeting-invite:2:sg05:0"));
	assert_false(has(&out, "meeting-invite:2:sg04:0"));
	assert_false(has(&out, "meeting-invite:1:sg05:0"));
	assert_int_equal(count(&out, "meeting-invite:1:sg03"), 0);
	for (size_t i = 0; i < out.n; i++) {
		assert_int_equal(out.v[i].kind, MAIL_ACTION);
		assert_int_equal(out.v[i].invite, INVITE_REQUEST);
		assert_string_equal(out.v[i].att_type, "text/calendar; method=REQUEST");
		assert_non_null(strstr(out.v[i].text, "https://fkigov.example.dk/meetings/"));
	}
	notices_free(&out);
	/* Nothing changed: nothing to send. */
	run(&r, v, 2, &s, &ns, "2026-12-04", &out);
	assert_int_equal(out.n, 0);
	/* Meeting 1 moves (the store adds one to its sequence): an update, SEQUENCE 1. */
	v[0].date = D("2027-03-10");
	v[0].sequence = 1;
	run(&r, v, 2, &s, &ns, "2026-12-05", &out);
	assert_int_equal(out.n, 3);
	assert_true(has(&out, "meeting-invite:1:sg01:1"));
	assert_non_null(strstr(out.v[0].subject, "Ændret"));
	notices_free(&out);
	/* Meeting 2 is deleted: cancellations with SEQUENCE 1 to the three invited. */
	run(&r, v, 1, &s, &ns, "2026-12-06", &out);
	assert_int_equal(out.n, 3);
	assert_true(has(&out, "meeting-cancel:2:sg05:1"));
	for (size_t i = 0; i < out.n; i++) {
		assert_int_equal(out.v[i].invite, INVITE_CANCEL);
		assert_string_equal(out.v[i].att_type, "text/calendar; method=CANCEL");
		assert_non_null(strstr(out.v[i].subject, "Aflyst"));
	}
	notices_free(&out);
	run(&r, v, 1, &s, &ns, "2026-12-07", &out);
	assert_int_equal(out.n, 0);
	invite_sent_free(s, ns);
	reg_free(&r);
}

static void test_join_and_leave(void **state)
{
	(void)state;
	struct reg r;
	fixture(&r);
	struct meeting v[1] = {meeting(1, 2, "2027-06-08", "Online")};
	struct invite_sent *s = NULL;
	size_t ns = 0;
	struct notices out;
	run(&r, v, 1, &s, &ns, "2026-12-03", &out);
	assert_int_equal(out.n, 3); /* Anne, Bo, Erik */
	notices_free(&out);
	/* Anne's appointment is corrected to end before the meeting: she gets a cancellation;
	 * Dorthe's is extended past it: she gets the invitation. */
	for (size_t i = 0; i < r.nappts; i++) {
		const char *key = r.persons[r.appts[i].person].key;
		if (!strcmp(key, "sg01"))
			r.appts[i].end = D("2027-04-30");
		if (!strcmp(key, "sg04"))
			r.appts[i].end = DATE_OPEN;
	}
	run(&r, v, 1, &s, &ns, "2027-01-10", &out);
	assert_int_equal(out.n, 2);
	assert_true(has(&out, "meeting-cancel:1:sg01:1"));
	assert_true(has(&out, "meeting-invite:1:sg04:0"));
	notices_free(&out);
	/* Anne is appointed again: a new invitation, SEQUENCE above her cancellation. */
	for (size_t i = 0; i < r.nappts; i++)
		if (!strcmp(r.persons[r.appts[i].person].key, "sg01"))
			r.appts[i].end = DATE_OPEN;
	run(&r, v, 1, &s, &ns, "2027-01-11", &out);
	assert_int_equal(out.n, 1);
	assert_true(has(&out, "meeting-invite:1:sg01:2"));
	notices_free(&out);
	/* Bo's address changes: the new address gets the invitation. */
	for (size_t i = 0; i < r.npersons; i++)
		if (!strcmp(r.persons[i].key, "sg02")) {
			free(r.persons[i].email);
			r.persons[i].email = xstrdup("bo.ny@kl.dk");
		}
	run(&r, v, 1, &s, &ns, "2027-01-12", &out);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].address, "bo.ny@kl.dk");
	assert_string_equal(out.v[0].key, "meeting-invite:1:sg02:1");
	notices_free(&out);
	/* After the meeting, leaving sends nothing: the past is not cancelled. */
	for (size_t i = 0; i < r.nappts; i++)
		r.appts[i].end = D("2027-06-01");
	run(&r, v, 1, &s, &ns, "2027-06-09", &out);
	assert_int_equal(out.n, 0);
	/* A meeting already held is not invited to. */
	v[0].state = MEETING_HELD;
	run(&r, v, 1, &s, &ns, "2027-06-01", &out);
	assert_int_equal(out.n, 0);
	invite_sent_free(s, ns);
	reg_free(&r);
}

static const char *prop_text(icalcomponent *c, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(c, k);
	return p ? icalproperty_get_value_as_string(p) : NULL;
}

static void test_itip_object(void **state)
{
	(void)state;
	struct invite_event e = {.method = INVITE_REQUEST, .meeting = 7, .year = 2027, .number = 3,
	                         .date = D("2027-09-14"), .start_min = 9 * 60, .end_min = 13 * 60,
	                         .place = "KOMBIT; lokale 3, København", .url = "https://x/meetings/7",
	                         .desc = "Styregruppemøde 3/2027", .sequence = 2,
	                         .attendee_name = "Bo \"Chef\"\r\nBcc: x@y.dk",
	                         .attendee_addr = "bo@kl.dk"};
	char *ics = invite_ics(&e, &ORG, 1796000000);
	assert_null(strstr(ics, "\nBcc"));
	icalcomponent *cal = icalparser_parse_string(ics);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_REQUEST);
	assert_non_null(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));
	icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(ev), "meeting-7@fkigov");
	assert_int_equal(icalcomponent_get_sequence(ev), 2);
	assert_string_equal(icalcomponent_get_location(ev), "KOMBIT; lokale 3, København");
	assert_string_equal(prop_text(ev, ICAL_ORGANIZER_PROPERTY), "mailto:fki@kombit.dk");
	icalproperty *a = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY);
	assert_string_equal(icalproperty_get_attendee(a), "mailto:bo@kl.dk");
	icalparameter *cn = icalproperty_get_first_parameter(a, ICAL_CN_PARAMETER);
	assert_string_equal(icalparameter_get_cn(cn), "Bo 'Chef'  Bcc: x@y.dk");
	icalproperty *ds = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalparameter *tz = icalproperty_get_first_parameter(ds, ICAL_TZID_PARAMETER);
	assert_string_equal(icalparameter_get_tzid(tz), "Europe/Copenhagen");
	struct icaltimetype t = icalproperty_get_dtstart(ds);
	assert_int_equal(t.hour, 9);
	assert_int_equal(t.day, 14);
	icalcomponent_free(cal);
	free(ics);
	e.method = INVITE_CANCEL;
	ics = invite_ics(&e, &ORG, 1796000000);
	cal = icalparser_parse_string(ics);
	assert_int_equal(icalcomponent_get_method(cal), ICAL_METHOD_CANCEL);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_int_equal(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
	icalcomponent_free(cal);
	free(ics);
}

static void test_mime_shape(void **state)
{
	(void)state;
	const char ics[] = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
	struct mail_out m = {.from_name = "Sekretariat FKI", .from_addr = "fki@kombit.dk",
	                     .to_name = "Anne", .to_addr = "anne@aarhus.dk", .subject = "Invitation",
	                     .message_id = "<x@kombit.dk>", .date = 0, .text = "Tekst",
	                     .html = "<p>Tekst</p>", .att_name = "invitation.ics",
	                     .att_type = "text/calendar; method=REQUEST", .att = ics,
	                     .att_len = sizeof ics - 1};
	struct buf b;
	buf_init(&b);
	char why[200];
	assert_int_equal(mail_format(&b, &m, why, sizeof why), 0);
	/* the calendar is the third alternative, and also an .ics attachment */
	const char *alt = strstr(b.s, "multipart/alternative");
	const char *cal = strstr(b.s, "Content-Type: text/calendar; method=REQUEST; charset=UTF-8");
	const char *att = strstr(b.s, "Content-Type: application/ics; name=\"invitation.ics\"");
	assert_non_null(alt);
	assert_non_null(cal);
	assert_non_null(att);
	assert_true(alt < cal && cal < att);
	buf_free(&b);
}

static int setup(void **state)
{
	(void)state;
	return model_load_builtin(&M);
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_move_delete),
	    cmocka_unit_test(test_join_and_leave),
	    cmocka_unit_test(test_itip_object),
	    cmocka_unit_test(test_mime_shape),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
