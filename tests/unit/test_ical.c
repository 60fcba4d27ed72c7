/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The iCalendar feeds (web/ical.c): read back with libical's own parser — the calendar's
 * header, the written-out VTIMEZONE of Europe/Copenhagen with both daylight-saving rules,
 * meetings as timed events in that zone (a winter and a summer meeting, a meeting that ends at
 * midnight), deadlines as all-day events ending the next day (also across a year's end),
 * stable UIDs, what each feed holds, an empty feed, the calendar's name read back as given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libical/ical.h>

#include "web/ical.h"

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static struct meeting mk(int64_t id, int number, const char *date, int start, int end,
                         const char *prop, const char *disp)
{
	struct meeting m;
	memset(&m, 0, sizeof m);
	m.id = id;
	m.number = number;
	m.date = D(date);
	m.year = date_year(m.date);
	m.start_min = start;
	m.end_min = end;
	m.proposals = m.statuses = D(prop);
	m.dispatch = D(disp);
	m.state = MEETING_PLANNED;
	m.dispatched_on = DATE_NONE;
	return m;
}

/* The feed of v as a parsed component (caller frees) and its text in *text (caller frees). */
static icalcomponent *feed(const char *name, const struct meeting *v, const unsigned *what,
                           size_t n, char **text)
{
	struct buf b;
	buf_init(&b);
	ical_feed(&b, name, v, what, n, 1800000000LL, "https://fkigov.example.dk");
	size_t len;
	*text = buf_detach(&b, &len);
	icalcomponent *c = icalparser_parse_string(*text);
	assert_non_null(c);
	assert_int_equal(icalcomponent_isa(c), ICAL_VCALENDAR_COMPONENT);
	return c;
}

static icalcomponent *event(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (!strcmp(icalcomponent_get_uid(e), uid))
			return e;
	return NULL;
}

static int count(icalcomponent *cal, icalcomponent_kind k)
{
	return icalcomponent_count_components(cal, k);
}

static const char *tzid(icalcomponent *e, icalproperty_kind k)
{
	icalproperty *p = icalcomponent_get_first_property(e, k);
	icalparameter *t = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) : NULL;
	return t ? icalparameter_get_tzid(t) : NULL;
}

static void header_and_zone(void **state)
{
	(void)state;
	struct meeting v[1] = {mk(12, 1, "2027-03-04", 540, 780, "2027-02-04", "2027-02-18")};
	unsigned w[1] = {ICAL_ALL};
	char *text;
	icalcomponent *cal = feed("Kommunestyregruppe – møder og frister", v, w, 1, &text);
	assert_string_equal(
	    icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY) ? "2.0" : "", "2.0");
	assert_non_null(strstr(text, "PRODID:-//FKI//fkigov//DA\r\n"));
	assert_non_null(strstr(text, "X-WR-CALNAME:Kommunestyregruppe – møder og frister\r\n"));
	assert_non_null(strstr(text, "X-WR-TIMEZONE:Europe/Copenhagen\r\n"));
	icalcomponent *tz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
	assert_non_null(tz);
	assert_int_equal(count(tz, ICAL_XDAYLIGHT_COMPONENT), 1);
	assert_int_equal(count(tz, ICAL_XSTANDARD_COMPONENT), 1);
	assert_non_null(strstr(text, "TZOFFSETTO:+0200"));
	assert_non_null(strstr(text, "BYMONTH=3"));
	assert_non_null(strstr(text, "BYMONTH=10"));
	/* The zone as written converts to UTC as the real one does: CET in March before the
	 * change, CEST in June. */
	icaltimezone *z = icaltimezone_new();
	assert_true(icaltimezone_set_component(z, icalcomponent_new_clone(tz)));
	struct icaltimetype t = icaltime_from_string("20270304T090000");
	t = icaltime_convert_to_zone(icaltime_set_timezone(&t, z), icaltimezone_get_utc_timezone());
	assert_int_equal(t.hour, 8);
	t = icaltime_from_string("20270610T090000");
	t = icaltime_convert_to_zone(icaltime_set_timezone(&t, z), icaltimezone_get_utc_timezone());
	assert_int_equal(t.hour, 7);
	t = icaltime_from_string("20271031T020000"); /* after the change back on 31 October */
	t = icaltime_convert_to_zone(icaltime_set_timezone(&t, z), icaltimezone_get_utc_timezone());
	assert_int_equal(t.hour, 1);
	icaltimezone_free(z, 1);
	icalcomponent_free(cal);
	free(text);
}

static void meetings_and_deadlines(void **state)
{
	(void)state;
	struct meeting v[2] = {
	    mk(12, 1, "2027-03-04", 540, 780, "2027-02-04", "2027-02-18"),
	    mk(13, 4, "2027-01-07", 20 * 60, 24 * 60, "2026-12-10", "2026-12-31")};
	unsigned w[2] = {ICAL_ALL, ICAL_ALL};
	char *text;
	icalcomponent *cal = feed("x", v, w, 2, &text);
	assert_int_equal(count(cal, ICAL_VEVENT_COMPONENT), 8);
	icalcomponent *e = event(cal, "meeting-12@fkigov");
	assert_non_null(e);
	assert_string_equal(tzid(e, ICAL_DTSTART_PROPERTY), "Europe/Copenhagen");
	assert_string_equal(tzid(e, ICAL_DTEND_PROPERTY), "Europe/Copenhagen");
	assert_non_null(strstr(text, "DTSTART;TZID=Europe/Copenhagen:20270304T090000\r\n"));
	assert_non_null(strstr(text, "DTEND;TZID=Europe/Copenhagen:20270304T130000\r\n"));
	assert_string_equal(icalcomponent_get_summary(e), "Styregruppemøde 1/2027");
	assert_non_null(icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY));
	/* A meeting ending at midnight ends at 24:00, that is 00:00 the next day. */
	assert_non_null(strstr(text, "DTSTART;TZID=Europe/Copenhagen:20270107T200000\r\n"));
	assert_non_null(
	    icalcomponent_get_first_property(event(cal, "meeting-13@fkigov"), ICAL_DTEND_PROPERTY));
	/* Deadlines: all-day, ending the next day; across the year's end too. */
	e = event(cal, "deadline-proposals-12@fkigov");
	assert_non_null(e);
	struct icaltimetype s = icalcomponent_get_dtstart(e), en = icalcomponent_get_dtend(e);
	assert_true(s.is_date && en.is_date);
	assert_int_equal(s.month * 100 + s.day, 204);
	assert_int_equal(en.month * 100 + en.day, 205);
	assert_non_null(event(cal, "deadline-statuses-12@fkigov"));
	e = event(cal, "deadline-dispatch-13@fkigov");
	en = icalcomponent_get_dtend(e);
	assert_int_equal(en.year * 10000 + en.month * 100 + en.day, 20270101);
	assert_non_null(strstr(icalcomponent_get_summary(e), "Udsendelse af dagsorden"));
	/* Links are absolute (Outlook cannot open /meetings/12): URL and DESCRIPTION, on the
	 * meeting and on its deadlines. */
	e = event(cal, "meeting-12@fkigov");
	icalproperty *u = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY);
	assert_non_null(u);
	assert_string_equal(icalproperty_get_url(u), "https://fkigov.example.dk/meetings/12");
	assert_non_null(strstr(icalcomponent_get_description(e),
	                       "referat: https://fkigov.example.dk/meetings/12\n"));
	e = event(cal, "deadline-dispatch-13@fkigov");
	u = icalcomponent_get_first_property(e, ICAL_URL_PROPERTY);
	assert_string_equal(icalproperty_get_url(u), "https://fkigov.example.dk/meetings/13");
	assert_non_null(strstr(icalcomponent_get_description(e), "https://fkigov.example.dk/meetings/13"));
	assert_null(strstr(text, ": /meetings/"));
	icalcomponent_free(cal);
	free(text);
}

static void what_each_feed_holds(void **state)
{
	(void)state;
	struct meeting v[3] = {mk(1, 1, "2027-03-04", 540, 780, "2027-02-04", "2027-02-18"),
	                       mk(2, 2, "2027-06-10", 540, 780, "2027-05-13", "2027-05-27"),
	                       mk(3, 3, "2027-09-09", 540, 780, "2027-08-12", "2027-08-26")};
	unsigned w[3] = {ICAL_STATUSES, 0, ICAL_MEETINGS | ICAL_DISPATCH};
	char *text;
	icalcomponent *cal = feed("x", v, w, 3, &text);
	assert_int_equal(count(cal, ICAL_VEVENT_COMPONENT), 3);
	assert_non_null(event(cal, "deadline-statuses-1@fkigov"));
	assert_null(event(cal, "meeting-1@fkigov"));
	assert_null(event(cal, "meeting-2@fkigov"));
	assert_non_null(event(cal, "meeting-3@fkigov"));
	assert_non_null(event(cal, "deadline-dispatch-3@fkigov"));
	assert_null(event(cal, "deadline-proposals-3@fkigov"));
	icalcomponent_free(cal);
	free(text);
	/* An empty feed is still a calendar with its time zone. */
	cal = feed("Tom", v, w, 0, &text);
	assert_int_equal(count(cal, ICAL_VEVENT_COMPONENT), 0);
	assert_int_equal(count(cal, ICAL_VTIMEZONE_COMPONENT), 1);
	icalcomponent_free(cal);
	free(text);
}

static void stable_and_escaped(void **state)
{
	(void)state;
	struct meeting v[1] = {mk(7, 2, "2027-06-10", 540, 780, "2027-05-13", "2027-05-27")};
	unsigned w[1] = {ICAL_ALL};
	char *a, *b;
	icalcomponent *ca = feed("Navn; med, tegn", v, w, 1, &a);
	icalcomponent *cb = feed("Navn; med, tegn", v, w, 1, &b);
	assert_string_equal(a, b); /* same input, same stamp: byte for byte the same */
	/* The name reads back as it was given. */
	icalproperty *x = icalcomponent_get_first_property(ca, ICAL_X_PROPERTY);
	while (x && strcmp(icalproperty_get_x_name(x), "X-WR-CALNAME"))
		x = icalcomponent_get_next_property(ca, ICAL_X_PROPERTY);
	assert_non_null(x);
	assert_string_equal(icalproperty_get_x(x), "Navn; med, tegn");
	/* Every line ends in CRLF and is at most 75 octets. */
	for (const char *p = a; *p;) {
		const char *nl = strstr(p, "\r\n");
		assert_non_null(nl);
		assert_true(nl - p <= 75);
		p = nl + 2;
	}
	icalcomponent_free(ca);
	icalcomponent_free(cb);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(header_and_zone),
	    cmocka_unit_test(meetings_and_deadlines),
	    cmocka_unit_test(what_each_feed_holds),
	    cmocka_unit_test(stable_and_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
