/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_VISIBLE_H
#define FK_WEB_VISIBLE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/agenda.h"
#include "web/web.h"

/* What of a meeting the user of a request may read, decided once for the meeting page, the
 * JSON API, the material downloads and the meeting package:
 *   - the written material of an item (its text and its files) and the members' proposals:
 *     until the agenda is dispatched, only the secretariat, the one who uploaded the file or
 *     made the proposal, and those the item concerns (the people who may upload to it,
 *     material_may_upload: the proposer of the proposal it comes from, the inspiration
 *     speaker, the members of the reference group a case item is assigned to); from dispatch
 *     on, every logged-in user;
 *   - the minutes (outcome and text of each item): the secretariat alone until they are
 *     approved, then every logged-in user.
 * Anonymous users read none of it. */
struct meeting_view {
	bool admin;      /* the secretariat: everything */
	bool open;       /* dispatched, and the user is logged in: material and proposals */
	bool minutes;    /* the minutes may be read */
	size_t nitems;   /* the meeting's items, in its order: */
	int *pos;        /* their numbers */
	bool *item;      /* whether their material may be read */
	int *files;      /* NULL, or how many of their files the user may read (when not open) */
	char login[65];  /* the user's account ("" anonymous), who uploaded a file */
	char person[65]; /* the user's person ("" none), who made a proposal */
};

/* Decides what the user of r may read of mt (the meeting with its items and proposals).
 * FK_OK, or an error when the register, the cases or the files cannot be read (then v reads
 * nothing). meeting_view_free releases v in every case. */
int meeting_view_init(struct web_req *r, const struct meeting *mt, struct meeting_view *v);
void meeting_view_free(struct meeting_view *v);
/* The view of any member who neither uploaded a file nor made a proposal: what everyone
 * summoned reads (the dispatched packet). */
void meeting_view_members(const struct meeting *mt, struct meeting_view *v);
/* Whether the user may read file f of the meeting. */
bool meeting_view_file(const struct meeting_view *v, const struct store_material *f);
/* Whether the user of r may read file f, deciding for its meeting (meeting_view_init) into
 * *ok. FK_OK, or an error (*ok false). */
int meeting_view_may_read(struct web_req *r, const struct store_material *f, bool *ok);
/* Keeps, of the n files of f, those the user may read, in order, at the front, clearing the
 * others; returns how many are kept. */
size_t meeting_view_files(const struct meeting_view *v, struct store_material *f, size_t n);
/* Whether the user may read proposal p. */
bool meeting_view_proposal(const struct meeting_view *v, const struct meeting_proposal *p);
/* Removes from o (agenda_meeting_json of the meeting with full) what the user may not read:
 * the material text and proposal text of hidden items (null) and their file counts, the minutes (outcome and
 * minutes_text null) and the proposals of others. */
void meeting_view_json(const struct meeting_view *v, json_t *o);

/* The meetings read while the audit log is shown (meeting_view_audit): each once, with
 * what the reader may see of it. Zero it before the first row; meeting_audit_free. */
struct meeting_audit {
	size_t n, cap;
	struct meeting_audit_one *v;
};
/* Whether the user of r may read the before and after of audit row x: *note NULL when they
 * may, else the Danish note to show instead. The secretariat reads every row. Others read a
 * row that carries a meeting's content as far as they may read that content now (as
 * meeting_view_init decides): a proposal (entity "proposal") when meeting_view_proposal
 * allows it; a file (entity "material") when meeting_view_file does; the agenda items of a
 * meeting (entity "meeting" with "items", or one item) from dispatch on, and when they hold
 * minutes only once the minutes are approved. A row of a meeting that is gone stays hidden.
 * c keeps the meetings across the rows. FK_OK, or an error (then *note is set). */
int meeting_view_audit(struct web_req *r, struct meeting_audit *c, const struct audit_row *x,
                       const char **note);
void meeting_audit_free(struct meeting_audit *c);

/* Loads the meeting of the route's {id} into mt (meeting_free) and its id into *id: true;
 * else answers 404 (no such meeting) or 500 and returns false. */
bool web_load_meeting(struct web_req *r, struct web_resp *p, long *id, struct meeting *mt);

/* Whether the user of r may propose agenda items today: the secretariat (on a member's
 * behalf: store_proposal_add checks the person it names) and a member whose person sits in
 * the steering group today (store_proposal_may). When not, msg[n] gets the Danish refusal
 * that says whom to ask instead. FK_OK, or FK_EDB (*may false). */
int meeting_may_propose(struct web_req *r, bool *may, char *msg, size_t n);
#endif
