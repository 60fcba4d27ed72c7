/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ATTEND_H
#define FK_ATTEND_H
/* Attendance at the steering group's meetings (issue 12): members send apologies (afbud)
 * until the meeting day, the secretariat records who attended (and who came instead of a
 * member, and guests), and the minutes list participants and absentees. Pure: data in, data
 * out. The store keeps it (store/store.h, "attendance"); the meeting packet and the minutes
 * PDF read it through store_attendance_list, store_meeting_guests and
 * store_attendance_minutes. All strings of the structs below are owned by them. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

/* What is known of a summoned member at a meeting. */
enum attend_status {
	ATTEND_NONE,    /* nothing registered (no apology, attendance not recorded) */
	ATTEND_PRESENT, /* deltog */
	ATTEND_APOLOGY, /* afbud: sent apologies (before, or recorded so afterwards) */
	ATTEND_ABSENT,  /* fraværende: neither came nor sent apologies */
	ATTEND__MAX
};
/* "none", "present", "apology", "absent" (the stored spelling, and the API's); NULL when s is
 * out of range. */
const char *attend_status_name(int s);
/* "ikke registreret", "deltog", "afbud", "fraværende"; "" when s is out of range. */
const char *attend_status_da(int s);
/* The status named by s: the stored spellings above and the Danish labels ("deltog", "afbud",
 * "fraværende", also "fravaerende"); -1 when unknown or NULL. */
int attend_status_parse(const char *s);

/* One summoned member (or a person with a stored row who is no longer summoned). */
struct attendance {
	char *person;     /* person key */
	char *name;
	int status;       /* enum attend_status */
	char *substitute; /* the name of who came instead; NULL none */
	char *note;       /* the reason of an apology, or the secretariat's note; NULL none */
	char *set_by;     /* who registered it (an account login); NULL when ATTEND_NONE */
	char *set_at;     /* when (UTC, 2027-03-01T10:00:00Z); NULL when ATTEND_NONE */
	bool summoned;    /* a member of the steering group on the meeting day */
};
void attendance_clear(struct attendance *a);

/* A guest at a meeting (not a member): a name and whom they represent. */
struct meeting_guest {
	int64_t id;
	char *name;
	char *organisation; /* NULL none */
};
void meeting_guest_clear(struct meeting_guest *g);

/* Longest name (substitute, guest) and organisation or note, in bytes. */
#define ATTEND_NAME_MAX 200
#define ATTEND_NOTE_MAX 500

/* Whether a member may send (or withdraw) apologies for a meeting in state (enum
 * meeting_state) on date when it is today: while it is planned or dispatched, until and
 * including the meeting day. 0, else -1 with a Danish sentence in msg saying why and what to
 * do instead. */
int attend_apology_allowed(int state, fk_date date, fk_date today, char *msg, size_t n);
/* Whether the secretariat may record attendance: from the meeting day on (the meeting is held
 * that day; its state may still be planned or dispatched until the minutes begin), in any
 * state. 0, else -1 with a Danish sentence in msg. */
int attend_record_allowed(int state, fk_date date, fk_date today, char *msg, size_t n);
/* The field of a recorded line that attend_check_line found wrong. */
enum attend_field {
	ATTEND_FIELD_OK,
	ATTEND_FIELD_STATUS,
	ATTEND_FIELD_SUBSTITUTE,
	ATTEND_FIELD_NOTE,
};
/* Checks one recorded line: a status in range, a substitute only for a member who did not
 * attend (afbud or fraværende), names and notes within their limits. ATTEND_FIELD_OK, else
 * the field that is wrong, with a Danish sentence about the member named name in msg. */
enum attend_field attend_check_line(const char *name, int status, const char *substitute,
                                    const char *note, char *msg, size_t n);

/* The minutes' view of attendance. A line is a display text:
 *   participants: "Mette Kjær" for a member who attended; "Ole Hansen (stedfortræder for Lars
 *                 Holm)" for a substitute; "Gæst: Name, Organisation" for a guest.
 *   absentees:    "Lars Holm (afbud)" or "Sofie Dahl (fraværende)".
 * Members with ATTEND_NONE are counted in unrecorded (and listed in neither). */
struct attend_minutes {
	char **participants;
	size_t nparticipants;
	char **absentees;
	size_t nabsentees;
	size_t unrecorded;
};
/* Builds out from the rows v[0..n) (summoned ones only; in their order: by name) and the
 * guests g[0..ng) (in their order). */
void attend_minutes_build(const struct attendance *v, size_t n, const struct meeting_guest *g,
                          size_t ng, struct attend_minutes *out);
void attend_minutes_free(struct attend_minutes *x);
#endif
