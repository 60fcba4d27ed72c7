/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Attendance at the steering group's meetings (issue 12): apologies, the secretariat's record
 * of who attended, substitutes and guests, and the minutes' lists. The rules are in
 * core/attend.c; this file checks them against what is stored, writes and audits (entity
 * "attendance", id the meeting id). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/attend.h"
#include "core/report.h"
#include "core/wg.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- helpers */

/* s, or NULL when s is NULL or only blanks. */
static const char *opt(const char *s)
{
	if (!s)
		return NULL;
	for (const char *c = s; *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
			return s;
	return NULL;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static json_t *row_json(const struct attendance *a)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o}", "person", a->person, "name", a->name, "status",
	                 attend_status_name(a->status), "substitute", report_str(a->substitute),
	                 "note", report_str(a->note));
}

/* The registered rows of v (status other than ATTEND_NONE) as a JSON array. */
static json_t *rows_json(const struct attendance *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		if (v[i].status != ATTEND_NONE)
			json_array_append_new(a, row_json(&v[i]));
	return a;
}

/* Audits a change of meeting's attendance (before/after may be NULL; both are released). */
static int audit(struct store *st, const char *actor, const char *action, int64_t meeting,
                 json_t *before, json_t *after)
{
	char eid[32];
	snprintf(eid, sizeof eid, "%lld", (long long)meeting);
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(before);
	json_decref(after);
	int rc = audit_append(st, actor, action, "attendance", eid, strlen(eid), b, b ? strlen(b) : 0,
	                      a, a ? strlen(a) : 0);
	if (rc != FK_OK)
		st->poisoned = true;
	free(b);
	free(a);
	return rc;
}

/* Meeting id (with a diagnostic when there is none). */
static int get_meeting(struct store *st, int64_t id, struct meeting *mt, struct diags *d)
{
	int rc = store_meeting_get(st, id, mt);
	if (rc == FK_ENOTFOUND && d)
		diags_add(d, NULL, 0, 0, "meeting",
		          "Der er intet møde med nummer %lld. Se årets møder under Møder.",
		          (long long)id);
	return rc;
}

/* Enters the transaction of a change to meeting id's attendance and reads the meeting into
 * mt: FK_OK, else the error after leaving the transaction. */
static int enter(struct store *st, int64_t id, struct meeting *mt, bool *own, struct diags *d)
{
	int rc = tx_enter(st, own);
	if (rc == FK_OK && (rc = get_meeting(st, id, mt, d)) != FK_OK)
		return tx_leave(st, *own, rc);
	return rc;
}

/* ---------------------------------------------------------------- reading */

void store_attendance_free(struct attendance *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		attendance_clear(&v[i]);
	free(v);
}

void store_meeting_guests_free(struct meeting_guest *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		meeting_guest_clear(&v[i]);
	free(v);
}

int store_attend_apologies(struct store *st, int64_t id, char ***keys, size_t *n)
{
	*keys = NULL;
	*n = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_ATTEND_APOLOGIES, "i", id);
	if (!q)
		return FK_EDB;
	char **v = NULL;
	size_t nv = 0, cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs afbud")) == FK_OK) {
		v = xgrow(v, sizeof *v, nv + 1, &cap);
		v[nv++] = db_text(q, 0);
	}
	if (rc != FK_ENOTFOUND) {
		for (size_t i = 0; i < nv; i++)
			free(v[i]);
		free(v);
		return rc;
	}
	*keys = v;
	*n = nv;
	return FK_OK;
}

/* The rows of meeting mt as store_attendance_list gives them, from the register r. */
static int load_rows(struct store *st, const struct model *m, const struct meeting *mt,
                     const struct reg *r, struct attendance **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_ATTEND_LIST, "i", mt->id);
	if (!q)
		return FK_EDB;
	struct attendance *stored = NULL;
	size_t ns = 0, caps = 0;
	int rc;
	while ((rc = db_row(st, q, "læs fremmøde")) == FK_OK) {
		stored = xgrow(stored, sizeof *stored, ns + 1, &caps);
		struct attendance *a = &stored[ns++];
		memset(a, 0, sizeof *a);
		a->person = db_text(q, 0);
		a->name = db_text(q, 1);
		int s = attend_status_parse((const char *)sqlite3_column_text(q, 2));
		a->status = s < 0 ? ATTEND_NONE : s;
		a->substitute = db_text(q, 3);
		a->note = db_text(q, 4);
		a->set_by = db_text(q, 5);
		a->set_at = db_text(q, 6);
	}
	if (rc != FK_ENOTFOUND) {
		store_attendance_free(stored, ns);
		return rc;
	}
	size_t nm = 0;
	int sg = wg_steering_group(m);
	int32_t *mem = sg >= 0 ? wg_body_members(r, sg, mt->date, &nm) : NULL;
	struct attendance *v = xcalloc(nm + ns + 1, sizeof *v);
	bool *used = xcalloc(ns + 1, sizeof *used);
	size_t nv = 0;
	for (size_t i = 0; i < nm; i++) {
		const struct reg_person *p = &r->persons[mem[i]];
		struct attendance *a = &v[nv++];
		size_t k = 0;
		while (k < ns && (used[k] || strcmp(stored[k].person, p->key) != 0))
			k++;
		if (k < ns) {
			*a = stored[k];
			memset(&stored[k], 0, sizeof stored[k]);
			used[k] = true;
		} else {
			a->person = xstrdup(p->key);
			a->name = xstrdup(p->name);
			a->status = ATTEND_NONE;
		}
		a->summoned = true;
	}
	for (size_t k = 0; k < ns; k++)
		if (!used[k]) {
			v[nv++] = stored[k];
			memset(&stored[k], 0, sizeof stored[k]);
		}
	free(used);
	free(mem);
	store_attendance_free(stored, ns);
	*out = v;
	*nout = nv;
	return FK_OK;
}

int store_attendance_list(struct store *st, const struct model *m, int64_t meeting,
                          struct attendance **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	struct meeting mt;
	int rc = store_meeting_get(st, meeting, &mt);
	if (rc != FK_OK)
		return rc;
	struct reg r;
	reg_init(&r);
	if ((rc = store_load_register(st, m, &r)) == FK_OK)
		rc = load_rows(st, m, &mt, &r, v, n);
	reg_free(&r);
	meeting_free(&mt);
	return rc;
}

int store_meeting_guests(struct store *st, int64_t meeting, struct meeting_guest **v, size_t *n)
{
	*v = NULL;
	*n = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_GUEST_LIST, "i", meeting);
	if (!q)
		return FK_EDB;
	struct meeting_guest *g = NULL;
	size_t ng = 0, cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs gæster")) == FK_OK) {
		g = xgrow(g, sizeof *g, ng + 1, &cap);
		g[ng].id = sqlite3_column_int64(q, 0);
		g[ng].name = db_text(q, 1);
		g[ng].organisation = db_text(q, 2);
		ng++;
	}
	if (rc != FK_ENOTFOUND) {
		store_meeting_guests_free(g, ng);
		return rc;
	}
	*v = g;
	*n = ng;
	return FK_OK;
}

int store_attendance_minutes(struct store *st, const struct model *m, int64_t meeting,
                             struct attend_minutes *out)
{
	memset(out, 0, sizeof *out);
	struct attendance *v = NULL;
	struct meeting_guest *g = NULL;
	size_t n = 0, ng = 0;
	int rc = store_attendance_list(st, m, meeting, &v, &n);
	if (rc == FK_OK && (rc = store_meeting_guests(st, meeting, &g, &ng)) == FK_OK)
		attend_minutes_build(v, n, g, ng, out);
	store_attendance_free(v, n);
	store_meeting_guests_free(g, ng);
	return rc;
}

/* ---------------------------------------------------------------- changes */

static int put_row(struct store *st, int64_t meeting, const char *person, int status,
                   const char *substitute, const char *note, const char *actor)
{
	if (status == ATTEND_NONE)
		return db_exec(st, STMT_ATTEND_DELETE, "slet fremmøde", "it", meeting, person);
	return db_exec(st, STMT_ATTEND_PUT, "gem fremmøde", "itttttt", meeting, person,
	               attend_status_name(status), substitute, note, actor, store_now(st));
}

static struct attendance *find_row(struct attendance *v, size_t n, const char *person)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].person, person))
			return &v[i];
	return NULL;
}

int store_attendance_apology(struct store *st, const char *actor, const struct model *m,
                             int64_t meeting, const char *person, const char *reason,
                             bool withdraw, fk_date day, char next_speaker[65], struct diags *d)
{
	if (next_speaker)
		next_speaker[0] = '\0';
	reason = withdraw ? NULL : opt(reason);
	if (reason && strlen(reason) > ATTEND_NOTE_MAX) {
		diags_add(d, NULL, 0, 0, "reason", "Skriv begrundelsen med højst %d tegn.",
		          ATTEND_NOTE_MAX);
		return FK_EINPUT;
	}
	bool own;
	struct meeting mt;
	int rc = enter(st, meeting, &mt, &own, d);
	if (rc != FK_OK)
		return rc;
	struct reg r;
	reg_init(&r);
	struct attendance *v = NULL;
	size_t n = 0;
	char msg[400];
	if (attend_apology_allowed(mt.state, mt.date, day, msg, sizeof msg) != 0) {
		diags_add(d, NULL, 0, 0, "state", "%s", msg);
		rc = FK_EINPUT;
		goto out;
	}
	if ((rc = store_load_register(st, m, &r)) != FK_OK ||
	    (rc = load_rows(st, m, &mt, &r, &v, &n)) != FK_OK)
		goto out;
	struct attendance *a = person ? find_row(v, n, person) : NULL;
	if (!a || !a->summoned) {
		int32_t pi = person ? reg_person_find(&r, person) : -1;
		diags_add(d, NULL, 0, 0, "person",
		          "%s er ikke indkaldt til styregruppemøde %d/%d. Kun styregruppens medlemmer "
		          "på mødedagen kan melde afbud.",
		          pi >= 0 ? r.persons[pi].name : person ? person : "Personen", mt.number,
		          mt.year);
		rc = pi >= 0 ? FK_EINPUT : FK_ENOTFOUND;
		goto out;
	}
	if (withdraw) {
		if (a->status != ATTEND_APOLOGY)
			goto out; /* nothing to take back */
		json_t *before = row_json(a);
		if ((rc = put_row(st, meeting, person, ATTEND_NONE, NULL, NULL, actor)) == FK_OK)
			rc = audit(st, actor, "apology-withdraw", meeting, before, NULL);
		else
			json_decref(before);
		goto out;
	}
	if (a->status == ATTEND_PRESENT || a->status == ATTEND_ABSENT) {
		diags_add(d, NULL, 0, 0, "state",
		          "Sekretariatet har allerede registreret dit fremmøde som »%s«. Kontakt "
		          "sekretariatet, hvis det er forkert.",
		          attend_status_da(a->status));
		rc = FK_EINPUT;
		goto out;
	}
	if (a->status == ATTEND_APOLOGY && same(a->note, reason))
		goto out; /* sent already */
	json_t *before = a->status == ATTEND_NONE ? NULL : row_json(a);
	free(a->note);
	a->note = reason ? xstrdup(reason) : NULL;
	a->status = ATTEND_APOLOGY;
	if ((rc = put_row(st, meeting, person, ATTEND_APOLOGY, a->substitute, reason, actor)) !=
	        FK_OK ||
	    (rc = audit(st, actor, "apology", meeting, before, row_json(a))) != FK_OK)
		goto out;
	/* The inspiration talk goes to the next in turn (SPEC §2.5, issue 12). */
	if (mt.speaker && !strcmp(mt.speaker, person))
		rc = store_meeting_speaker_next(st, actor, m, &r, meeting, "afbud", next_speaker, d);
out:
	store_attendance_free(v, n);
	reg_free(&r);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_attendance_record(struct store *st, const char *actor, const struct model *m,
                            int64_t meeting, const struct store_attend_line *lines, size_t nl,
                            fk_date day, struct diags *d)
{
	bool own;
	struct meeting mt;
	int rc = enter(st, meeting, &mt, &own, d);
	if (rc != FK_OK)
		return rc;
	struct reg r;
	reg_init(&r);
	struct attendance *v = NULL, *after = NULL;
	size_t n = 0, nafter = 0;
	char msg[400];
	if (attend_record_allowed(mt.state, mt.date, day, msg, sizeof msg) != 0) {
		diags_add(d, NULL, 0, 0, "state", "%s", msg);
		rc = FK_EINPUT;
		goto out;
	}
	if ((rc = store_load_register(st, m, &r)) != FK_OK ||
	    (rc = load_rows(st, m, &mt, &r, &v, &n)) != FK_OK)
		goto out;
	size_t nd = d->n;
	for (size_t i = 0; i < nl; i++) {
		const struct store_attend_line *x = &lines[i];
		struct attendance *a = x->person ? find_row(v, n, x->person) : NULL;
		if (!a || !a->summoned) {
			diags_add(d, NULL, 0, 0, "person",
			          "»%s« er ikke indkaldt til styregruppemøde %d/%d. Vælg blandt "
			          "styregruppens medlemmer på mødedagen.",
			          x->person ? x->person : "", mt.number, mt.year);
			continue;
		}
		bool twice = false;
		for (size_t k = 0; k < i; k++)
			twice |= lines[k].person && !strcmp(lines[k].person, x->person);
		if (twice) {
			diags_add(d, NULL, 0, 0, NULL, "%s er nævnt to gange. Angiv hvert medlem én gang.",
			          a->name);
			free(d->v[d->n - 1].field);
			d->v[d->n - 1].field = xasprintf("status-%s", x->person);
			continue;
		}
		enum attend_field f =
		    attend_check_line(a->name, x->status, opt(x->substitute), opt(x->note), msg, sizeof msg);
		if (f != ATTEND_FIELD_OK) {
			diags_add(d, NULL, 0, 0, NULL, "%s", msg);
			free(d->v[d->n - 1].field);
			d->v[d->n - 1].field =
			    xasprintf("%s-%s",
			              f == ATTEND_FIELD_SUBSTITUTE ? "substitute"
			              : f == ATTEND_FIELD_NOTE     ? "note"
			                                           : "status",
			              x->person);
		}
	}
	if (d->n > nd) {
		rc = FK_EINPUT;
		goto out;
	}
	json_t *before = rows_json(v, n);
	bool changed = false;
	for (size_t i = 0; i < nl && rc == FK_OK; i++) {
		const struct store_attend_line *x = &lines[i];
		struct attendance *a = find_row(v, n, x->person);
		const char *sub = x->status == ATTEND_NONE ? NULL : opt(x->substitute);
		const char *note = x->status == ATTEND_NONE ? NULL : opt(x->note);
		if (a->status == x->status && same(a->substitute, sub) && same(a->note, note))
			continue;
		changed = true;
		rc = put_row(st, meeting, x->person, x->status, sub, note, actor);
	}
	if (rc != FK_OK || !changed) {
		json_decref(before);
		goto out;
	}
	if ((rc = load_rows(st, m, &mt, &r, &after, &nafter)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	rc = audit(st, actor, "record", meeting, before, rows_json(after, nafter));
out:
	store_attendance_free(v, n);
	store_attendance_free(after, nafter);
	reg_free(&r);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* Opens a change of meeting's guests on day: the meeting exists and attendance may be
 * recorded. */
static int guest_begin(struct store *st, int64_t meeting, fk_date day, struct diags *d)
{
	struct meeting mt;
	int rc = get_meeting(st, meeting, &mt, d);
	if (rc != FK_OK)
		return rc;
	char msg[400];
	if (attend_record_allowed(mt.state, mt.date, day, msg, sizeof msg) != 0) {
		diags_add(d, NULL, 0, 0, "state", "%s", msg);
		rc = FK_EINPUT;
	}
	meeting_free(&mt);
	return rc;
}

int store_meeting_guest_add(struct store *st, const char *actor, int64_t meeting,
                            const char *name, const char *organisation, fk_date day,
                            int64_t *gid, struct diags *d)
{
	size_t nd = d->n;
	name = opt(name);
	organisation = opt(organisation);
	if (!name)
		diags_add(d, NULL, 0, 0, "name", "Skriv gæstens navn.");
	else if (strlen(name) > ATTEND_NAME_MAX)
		diags_add(d, NULL, 0, 0, "name", "Skriv gæstens navn med højst %d tegn.",
		          ATTEND_NAME_MAX);
	if (organisation && strlen(organisation) > ATTEND_NAME_MAX)
		diags_add(d, NULL, 0, 0, "organisation",
		          "Skriv gæstens organisation med højst %d tegn.", ATTEND_NAME_MAX);
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	if ((rc = guest_begin(st, meeting, day, d)) != FK_OK ||
	    (rc = db_exec(st, STMT_GUEST_INSERT, "gem gæst", "itttt", meeting, name, organisation,
	                  actor, store_now(st))) != FK_OK)
		return tx_leave(st, own, rc);
	int64_t id = sqlite3_last_insert_rowid(st->db);
	if (gid)
		*gid = id;
	rc = audit(st, actor, "guest-add", meeting, NULL,
	           json_pack("{s:I, s:s, s:o}", "guest", (json_int_t)id, "name", name,
	                     "organisation", report_str(organisation)));
	return tx_leave(st, own, rc);
}

int store_meeting_guest_remove(struct store *st, const char *actor, int64_t meeting, int64_t gid,
                               fk_date day, struct diags *d)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting_guest *g = NULL;
	size_t ng = 0;
	if ((rc = guest_begin(st, meeting, day, d)) != FK_OK ||
	    (rc = store_meeting_guests(st, meeting, &g, &ng)) != FK_OK)
		goto out;
	const struct meeting_guest *x = NULL;
	for (size_t i = 0; i < ng && !x; i++)
		if (g[i].id == gid)
			x = &g[i];
	if (!x) {
		diags_add(d, NULL, 0, 0, "guest", "Gæsten findes ikke på mødet. Måske er den fjernet.");
		rc = FK_ENOTFOUND;
		goto out;
	}
	json_t *before = json_pack("{s:I, s:s, s:o}", "guest", (json_int_t)x->id, "name", x->name,
	                           "organisation", report_str(x->organisation));
	if ((rc = db_exec(st, STMT_GUEST_DELETE, "fjern gæst", "ii", meeting, gid)) == FK_OK)
		rc = audit(st, actor, "guest-remove", meeting, before, NULL);
	else
		json_decref(before);
out:
	store_meeting_guests_free(g, ng);
	return tx_leave(st, own, rc);
}
