/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_NOTIFY_H
#define FK_NOTIFY_H
/* Who gets which message for which event: one message per person per event, in Danish,
 * each with an idempotency key that names the event and the person, so that queueing the
 * same event again (a reminder computed on every run of `mail send`) never queues it twice.
 * Pure: the caller hands the outbox (store_mail_queue) what comes back.
 *
 *   hearing-opened:ag-3:sg04                  a written hearing opened: each member of the
 *                                             steering group on the day it opened
 *   hearing-reminder:ag-3:sg04                NOTIFY_REMINDER_DAYS working days before the
 *                                             last day, to those who have not answered
 *   hearing-lastday:ag-3:sg04                 on the last day, to those who have not answered
 *   term-expiring:styregruppe:p7:2027-12-31   the member, from the day the rule term-expiring
 *   term-expiring:styregruppe:p7:2027-12-31:sekretariat   starts warning (the body's
 *                                             warning_days before the last allowed day, 90 in
 *                                             the FKI model): the member and the secretariat
 *
 * Every message ends with a link back to its page in fkigov (base: the public address). A
 * person without a usable e-mail address gets no message. */
#include <stddef.h>

#include "core/agenda.h"
#include "core/date.h"
#include "core/mail.h"
#include "core/model.h"
#include "core/register.h"
#include "core/wg.h"

/* The reminder of a hearing comes this many working days before its last day (the model has
 * no value for it). */
#define NOTIFY_REMINDER_DAYS 2
/* The term-expiring warning when the body's rule gives none. */
#define NOTIFY_TERM_DAYS 90

struct notice {
	char *key;
	char *person;  /* person key, NULL for the secretariat */
	char *address; /* passes mail_addr_ok */
	char *name;    /* display name, may be "" */
	char *subject;
	char *text;
	char *html;
	enum mail_kind kind;
	/* An attachment (an invitation's text/calendar), NULL none. */
	char *att_name, *att_type, *att;
	size_t att_len;
	/* For invitations (core/invite.h): the meeting, the SEQUENCE sent, the meeting's
	 * sequence it tells of, and whether it cancels; invite 0 for every other message. */
	int invite; /* 0, INVITE_REQUEST or INVITE_CANCEL */
	int64_t meeting;
	int sequence, version;
};

struct notices {
	struct notice *v;
	size_t n, cap;
};

void notices_free(struct notices *ns);

/* Adds one message to out, unless address fails mail_addr_ok (then NULL): the text gets the
 * link with its label and the signature, and the HTML alternative is made from it. Copies
 * everything; returns the new notice, for the caller to add an attachment. */
struct notice *notice_add(struct notices *out, const char *key, const char *person,
                          const char *address, const char *name, enum mail_kind kind,
                          const char *subject, const char *text, const char *label,
                          const char *link);
/* base (the public address, a trailing "/" dropped) followed by path, in a new string. */
char *notice_link(const char *base, const char *path);

/* The day n working days before day (n >= 1): the n-th working day counted back from the day
 * before it (Danish holidays, SPEC §3). */
fk_date notify_working_days_before(fk_date day, int n);

/* The hearing of w was opened (on w->hearing_opened): one message to each member of the
 * steering group on that day. */
void notify_hearing_opened(const struct model *m, const struct reg *r, const struct wg *w,
                           const char *base, struct notices *out);
/* The reminders due on today for the hearings open in v[0..n): from the reminder day up to
 * the day before the last day a reminder, on the last day a last-day notice; only to the
 * members asked who have not answered. */
void notify_hearing_reminders(const struct model *m, const struct reg *r, const struct wg *v,
                              size_t n, fk_date today, const char *base, struct notices *out);
/* Members whose term in a body with a term limit runs out within the rule's warning days of
 * today (the condition of the rule term-expiring): a message to the member and, when
 * secretariat (an address, may be NULL) is given, one to the secretariat. r must be sorted
 * (reg_sort). */
void notify_term_expiring(const struct model *m, const struct reg *r, fk_date today,
                          const char *secretariat, const char *base, struct notices *out);

/* ---------------------------------------------------------------- meetings (notify_meeting.c)
 * To everyone summoned (each member of the steering group on the meeting's day):
 *   meeting-dispatch:ID:PERSON:ROUND   the agenda, with the packet attached or linked
 *   meeting-amend:ID:PERSON:SEQ        an amendment after dispatch: the item and the reason
 *   meeting-recall:ID:PERSON:SEQ       the dispatch was recalled, with the reason
 * ROUND and SEQ are the audit row of the dispatch, amendment or recall, so a dispatch after a
 * recall is sent again. Reminders of the deadlines of a planned meeting, the model's
 * reminder_working_days working days before (…:before) and on the day (…:day), only to
 * those who have not submitted:
 *   deadline-proposals:ID:PERSON:WHEN         members without a proposal for the meeting
 *   deadline-statuses:ID:GROUP:PERSON:WHEN    the members of each reference group that has
 *                                             not sent its status */

/* The meeting packet for the dispatch: attached (data, len, name, type) when attach, else
 * linked (link). */
struct notify_packet {
	bool attach;
	const void *data;
	size_t len;
	const char *name, *type, *link;
};

/* The agenda as lines "1. kl. 09.00  Title (kind; presenter)". */
void notify_agenda_text(const struct meeting *mt, struct buf *b);
void notify_dispatch(const struct model *m, const struct reg *r, const struct meeting *mt,
                     int64_t round, const struct notify_packet *pk, const char *base,
                     struct notices *out);
void notify_amendment(const struct model *m, const struct reg *r, const struct meeting *mt,
                      const struct meeting_item *it, const char *reason, int64_t seq,
                      const char *base, struct notices *out);
void notify_recall(const struct model *m, const struct reg *r, const struct meeting *mt,
                   const char *reason, int64_t seq, const char *base, struct notices *out);
/* The reminders due today for meeting mt (with its proposals); sent[0..nsent) are the ids
 * of the reference groups that have sent their status. */
void notify_deadline_reminders(const struct model *m, const struct reg *r,
                               const struct meeting *mt, const char *const *sent, size_t nsent,
                               fk_date today, const char *base, struct notices *out);

/* ---------------------------------------------------------------- the daily digest */

/* One held message of a digest. */
struct digest_item {
	const char *subject, *text, *created; /* created: UTC "YYYY-MM-DDTHH:MM:SSZ" */
};
/* The digest of day ("YYYY-MM-DD") for person (key, name, address) with items v[0..n), under
 * key: each message's subject, when it was written and its whole text (its own signature
 * left out), then a link to the person's messages on /my. */
void notify_digest(const char *person, const char *name, const char *address,
                   const struct digest_item *v, size_t n, const char *day, const char *base,
                   const char *key, struct notices *out);
#endif
