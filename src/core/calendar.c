/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* iCalendar pieces shared by feeds and invitations (core/calendar.h). */
#include "core/calendar.h"

#include <stdio.h>
#include <time.h>

/* Europe/Copenhagen since 1996: CEST from the last Sunday of March 02:00 to the last Sunday
 * of October 03:00 (EU rules). */
static const char vtimezone[] = "BEGIN:VTIMEZONE\r\n"
                                "TZID:" CAL_TZID "\r\n"
                                "X-LIC-LOCATION:" CAL_TZID "\r\n"
                                "BEGIN:DAYLIGHT\r\n"
                                "TZNAME:CEST\r\n"
                                "TZOFFSETFROM:+0100\r\n"
                                "TZOFFSETTO:+0200\r\n"
                                "DTSTART:19810329T020000\r\n"
                                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                "END:DAYLIGHT\r\n"
                                "BEGIN:STANDARD\r\n"
                                "TZNAME:CET\r\n"
                                "TZOFFSETFROM:+0200\r\n"
                                "TZOFFSETTO:+0100\r\n"
                                "DTSTART:19961027T030000\r\n"
                                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                "END:STANDARD\r\n"
                                "END:VTIMEZONE\r\n";

icalcomponent *cal_vtimezone(void)
{
	return icalparser_parse_string(vtimezone);
}

struct icaltimetype cal_day(fk_date d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	struct icaltimetype t = icaltime_null_date();
	t.year = y;
	t.month = m;
	t.day = dd;
	return t;
}

struct icaltimetype cal_local(fk_date d, int minute)
{
	struct icaltimetype t = cal_day(d);
	t.hour = minute / 60;
	t.minute = minute % 60;
	t.second = 0; /* the null date has -1 in hour, minute and second */
	t.is_date = 0;
	return t;
}

icalproperty *cal_tzid(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_tzid(CAL_TZID));
	return p;
}

struct icaltimetype cal_utc(int64_t t)
{
	return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

void cal_meeting_uid(int64_t id, char out[64])
{
	snprintf(out, 64, "meeting-%lld@fkigov", (long long)id);
}

icalcomponent *cal_meeting_event(const struct cal_meeting *e, struct icaltimetype stamp)
{
	char uid[64], summary[96];
	cal_meeting_uid(e->id, uid);
	snprintf(summary, sizeof summary, "Styregruppemøde %d/%d", e->number, e->year);
	icalcomponent *ev = icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	    cal_tzid(icalproperty_new_dtstart(cal_local(e->date, e->start_min))),
	    cal_tzid(icalproperty_new_dtend(cal_local(e->date, e->end_min))),
	    icalproperty_new_summary(summary), (void *)0);
	if (e->place && *e->place)
		icalcomponent_add_property(ev, icalproperty_new_location(e->place));
	if (e->desc)
		icalcomponent_add_property(ev, icalproperty_new_description(e->desc));
	if (e->url)
		icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	return ev;
}
