/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_INVITE_H
#define FK_INVITE_H
/* Meeting invitations as iTIP (RFC 5546): who should have the steering group's coming
 * meetings in their calendar, compared with what each person was last sent, gives the
 * messages to queue. Pure: the store (store_invites_sync) loads, queues and records.
 *
 * Wanted: each meeting from today on that is planned or dispatched, for each person serving
 * in the steering group on its day who has a usable address. Then, per meeting and person:
 *   never sent, or last sent a cancellation        METHOD:REQUEST  (an invitation)
 *   sent, but the meeting moved or got a new place METHOD:REQUEST  (an update)
 *   sent to another address                        METHOD:REQUEST  (to the new address)
 *   sent, no longer wanted (the meeting was deleted, or the person no longer serves on its
 *   day), and the meeting is not in the past      METHOD:CANCEL
 * Each message's SEQUENCE is one more than the last one the person got about the meeting,
 * and at least the meeting's own sequence; the UID is the meeting's (meeting-ID@fkigov), so
 * a calendar updates the event it has. Keys: "meeting-invite:ID:PERSON:SEQ",
 * "meeting-cancel:ID:PERSON:SEQ". */
#include <stdbool.h>
#include <stdint.h>

#include "core/agenda.h"
#include "core/model.h"
#include "core/notify.h"
#include "core/register.h"

enum { INVITE_REQUEST = 1, INVITE_CANCEL = 2 };

/* What a person was last sent about a meeting (the table meeting_invite). */
struct invite_sent {
	int64_t meeting;
	char *person, *address;
	int sequence; /* the SEQUENCE of that message */
	int version;  /* the meeting's sequence it told of */
	bool cancelled;
	/* the meeting as it was told, for a cancellation after it is deleted */
	int year, number;
	fk_date date;
	int start_min, end_min;
	char *place;
};

void invite_sent_free(struct invite_sent *v, size_t n);

/* The organiser of the invitations: the secretariat's name and address. */
struct invite_org {
	const char *name, *addr;
};

/* Appends to out the messages that bring everyone's calendar in line with the meetings
 * v[0..n) (their place, sequence, state) and the register r (sorted) as of today, given what
 * was sent s[0..ns). stamp (UTC seconds) is the DTSTAMP; base the public address for links. */
void invite_reconcile(const struct model *m, const struct reg *r, const struct meeting *v,
                      size_t n, const struct invite_sent *s, size_t ns, fk_date today,
                      const struct invite_org *org, const char *base, int64_t stamp,
                      struct notices *out);

/* The iTIP object (METHOD:REQUEST or CANCEL) for one attendee, as text in a new string. */
struct invite_event {
	int method; /* INVITE_REQUEST or INVITE_CANCEL */
	int64_t meeting;
	int year, number;
	fk_date date;
	int start_min, end_min;
	const char *place, *url, *desc;
	int sequence;
	const char *attendee_name, *attendee_addr;
	fk_date dispatch; /* when the agenda goes out, for the text; DATE_NONE unknown */
};
char *invite_ics(const struct invite_event *e, const struct invite_org *org, int64_t stamp);
#endif
