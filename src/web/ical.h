/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ICAL_H
#define FK_ICAL_H
/* iCalendar feeds of the steering group's meetings and deadlines (RFC 5545, with libical),
 * for Outlook and other calendars to subscribe to:
 *   GET /calendar/bodies/{id}.ics   a body's meetings and deadlines
 *   GET /calendar/people/{key}.ics  those of the bodies a person sits in
 * Meetings are timed events in Europe/Copenhagen (a VTIMEZONE with its daylight-saving rules
 * is included, as Outlook needs one); deadlines are all-day events. UIDs are stable:
 * meeting-ID@fkigov, deadline-proposals-ID@fkigov, deadline-statuses-ID@fkigov,
 * deadline-dispatch-ID@fkigov. Public: the meetings and deadlines of the steering group are
 * public information (handlers in pages.h). */
#include <stddef.h>

#include "core/agenda.h"
#include "util/buf.h"

/* What a feed holds of each meeting. */
enum ical_what {
	ICAL_MEETINGS = 1,  /* the meeting itself */
	ICAL_PROPOSALS = 2, /* the proposal deadline */
	ICAL_STATUSES = 4,  /* the reference groups' status deadline */
	ICAL_DISPATCH = 8,  /* dispatch of agenda and material */
	ICAL_ALL = 15
};

/* Appends a VCALENDAR named name (X-WR-CALNAME) with the events of v[0..n), what[i] saying
 * which of meeting i (0: none), stamped now (seconds since the epoch, UTC) to out. base is
 * the application's public address without a trailing "/" (http://fkigov.example.dk): each
 * event gets the absolute address of its meeting's page as URL and in its DESCRIPTION, so
 * Outlook can open it. */
void ical_feed(struct buf *out, const char *name, const struct meeting *v, const unsigned *what,
               size_t n, long long now, const char *base);
#endif
