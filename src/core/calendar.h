/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CALENDAR_H
#define FK_CALENDAR_H
/* iCalendar pieces (RFC 5545, with libical) shared by the feeds (web/ical.h) and the meeting
 * invitations (core/invite.h): the Europe/Copenhagen time zone written out as a VTIMEZONE
 * (Outlook does not know IANA names), local times with their TZID, and a meeting's VEVENT
 * with its stable UID "meeting-ID@fkigov". */
#include <libical/ical.h>
#include <stdint.h>

#include "core/date.h"

#define CAL_TZID "Europe/Copenhagen"

/* A new VTIMEZONE component for Europe/Copenhagen (EU rules since 1996). */
icalcomponent *cal_vtimezone(void);
/* d at minute after midnight, local time (give it a TZID with cal_tzid). */
struct icaltimetype cal_local(fk_date d, int minute);
/* d as a DATE value. */
struct icaltimetype cal_day(fk_date d);
/* p with TZID=Europe/Copenhagen; returns p. */
icalproperty *cal_tzid(icalproperty *p);
/* UTC time t (seconds since the epoch) as a DATE-TIME. */
struct icaltimetype cal_utc(int64_t t);

/* What a meeting's VEVENT says. place, desc, url may be NULL. */
struct cal_meeting {
	int64_t id;
	int year, number;
	fk_date date;
	int start_min, end_min;
	const char *place; /* LOCATION */
	const char *desc;  /* DESCRIPTION */
	const char *url;   /* URL */
};

/* The UID of a meeting's event into out: "meeting-ID@fkigov". */
void cal_meeting_uid(int64_t id, char out[64]);
/* A new VEVENT for e, stamped stamp: UID, DTSTAMP, DTSTART/DTEND in Europe/Copenhagen,
 * SUMMARY "Styregruppemøde N/ÅR", and LOCATION, DESCRIPTION, URL when given. */
icalcomponent *cal_meeting_event(const struct cal_meeting *e, struct icaltimetype stamp);
#endif
