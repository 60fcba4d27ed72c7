/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's meetings: the year's plan, agendas, proposals, dispatch, minutes and
 * the decision log (FTS5). The rules of what may happen when are in core/agenda.c
 * (meeting_transition) and core/rotation.c; this file checks them against what is stored,
 * writes and audits. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/cycle.h"
#include "core/economy.h"
#include "core/mail.h"
#include "core/material.h"
#include "core/notify.h"
#include "core/overview.h"
#include "core/report.h"
#include "core/rotation.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- helpers */

static fk_date col_date(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	fk_date t;
	if (!s || date_parse(s, strlen(s), &t) != 0)
		return DATE_NONE;
	return t;
}

static int col_time(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	int t = s ? cycle_parse_time(s) : -1;
	return t < 0 ? 0 : t;
}

static void bind_date(sqlite3_stmt *q, int i, fk_date t)
{
	char s[11];
	if (t == DATE_NONE) {
		sqlite3_bind_null(q, i);
		return;
	}
	date_format(t, s);
	sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
}

static void bind_time(sqlite3_stmt *q, int i, int min)
{
	char s[8];
	snprintf(s, sizeof s, "%02d:%02d", min / 60 % 24, min % 60);
	sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
}

/* Binds s, or NULL when s is NULL or "". */
static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

static int step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* Audits a change of entity id (before/after may be NULL; both are released). */
static int audit_json(struct store *st, const char *actor, const char *action,
                      const char *entity, int64_t id, json_t *before, json_t *after)
{
	char eid[32];
	snprintf(eid, sizeof eid, "%lld", (long long)id);
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (before)
		json_decref(before);
	if (after)
		json_decref(after);
	int rc = audit_append(st, actor, action, entity, eid, strlen(eid), b, b ? strlen(b) : 0, a,
	                      a ? strlen(a) : 0);
	if (rc != FK_OK)
		st->poisoned = true;
	free(b);
	free(a);
	return rc;
}

static json_t *item_json(const struct meeting_item *it)
{
	return json_pack("{s:i, s:s, s:o, s:s, s:s, s:o, s:i, s:o, s:o, s:o, s:o, s:o}", "pos",
	                 it->pos, "source", it->source, "ref", report_str(it->ref), "title", it->title,
	                 "kind", it->kind, "presenter", report_str(it->presenter), "minutes", it->minutes,
	                 "material", report_str(it->material), "recommendation", report_str(it->recommendation),
	                 "amended", report_str(it->amended), "outcome", report_str(it->outcome), "minutes_text",
	                 report_str(it->minutes_text));
}

/* The audit record of a meeting: its plan, state and speaker, and its items when items. */
static json_t *meeting_json(const struct meeting *mt, bool items)
{
	char s[8], e[8];
	snprintf(s, sizeof s, "%02d:%02d", mt->start_min / 60 % 24, mt->start_min % 60);
	snprintf(e, sizeof e, "%02d:%02d", mt->end_min / 60 % 24, mt->end_min % 60);
	json_t *o = json_pack(
	    "{s:i, s:i, s:o, s:s, s:s, s:{s:o, s:o, s:o}, s:s, s:o, s:o, s:o}", "year", mt->year,
	    "number", mt->number, "date", report_date(mt->date), "start", s, "end", e, "deadlines",
	    "proposals", report_date(mt->proposals), "statuses", report_date(mt->statuses), "dispatch",
	    report_date(mt->dispatch), "state", meeting_state_name(mt->state), "dispatched_on",
	    report_date(mt->dispatched_on), "speaker", report_str(mt->speaker), "speaker_reason",
	    report_str(mt->speaker_reason));
	if (o)
		json_object_set_new(o, "place", report_str(mt->place));
	if (o && items) {
		json_t *a = json_array();
		for (size_t i = 0; i < mt->nitems; i++)
			json_array_append_new(a, item_json(&mt->items[i]));
		json_object_set_new(o, "items", a);
	}
	return o;
}

static void read_meeting(sqlite3_stmt *q, struct meeting *mt)
{
	memset(mt, 0, sizeof *mt);
	mt->id = sqlite3_column_int64(q, 0);
	mt->year = sqlite3_column_int(q, 1);
	mt->number = sqlite3_column_int(q, 2);
	mt->date = col_date(q, 3);
	mt->start_min = col_time(q, 4);
	mt->end_min = col_time(q, 5);
	if (mt->end_min < mt->start_min)
		mt->end_min += 24 * 60;
	mt->proposals = col_date(q, 6);
	mt->statuses = col_date(q, 7);
	mt->dispatch = col_date(q, 8);
	mt->state = meeting_state_parse((const char *)sqlite3_column_text(q, 9));
	if (mt->state < 0)
		mt->state = MEETING_PLANNED;
	mt->dispatched_on = col_date(q, 10);
	mt->speaker = db_text(q, 11);
	mt->speaker_name = db_text(q, 12);
	mt->speaker_reason = db_text(q, 13);
	mt->place = db_text(q, 14);
	mt->sequence = sqlite3_column_int(q, 15);
}

static int load_items(struct store *st, struct meeting *mt)
{
	sqlite3_stmt *q = stmt_get(st, STMT_ITEM_LIST);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, mt->id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		mt->items = xgrow(mt->items, sizeof *mt->items, mt->nitems + 1, &mt->capitems);
		struct meeting_item *it = &mt->items[mt->nitems++];
		it->pos = sqlite3_column_int(q, 0);
		it->source = db_text(q, 1);
		it->ref = db_text(q, 2);
		it->title = db_text(q, 3);
		it->kind = db_text(q, 4);
		it->presenter = db_text(q, 5);
		it->minutes = sqlite3_column_int(q, 6);
		it->needs_material = sqlite3_column_int(q, 7);
		it->material = db_text(q, 8);
		it->recommendation = db_text(q, 9);
		it->amended = db_text(q, 10);
		it->outcome = db_text(q, 11);
		it->minutes_text = db_text(q, 12);
		it->nfiles = sqlite3_column_int(q, 13);
	}
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, "læs dagsorden");
	stmt_done(q);
	return err;
}

static int load_props(struct store *st, struct meeting *mt)
{
	sqlite3_stmt *q = stmt_get(st, STMT_PROPOSAL_LIST);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, mt->id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		mt->props = xgrow(mt->props, sizeof *mt->props, mt->nprops + 1, &mt->capprops);
		struct meeting_proposal *p = &mt->props[mt->nprops++];
		p->id = sqlite3_column_int64(q, 0);
		p->person = db_text(q, 1);
		p->person_name = db_text(q, 2);
		p->title = db_text(q, 3);
		p->text = db_text(q, 4);
		p->kind = db_text(q, 5);
		p->minutes = sqlite3_column_int(q, 6);
		p->submitted = col_date(q, 7);
		p->state = db_text(q, 8);
		p->reason = db_text(q, 9);
	}
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, "læs forslag");
	stmt_done(q);
	return err;
}

int store_meeting_get(struct store *st, int64_t id, struct meeting *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = stmt_get(st, STMT_MEETING_GET);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW)
		read_meeting(q, out);
	else if (rc == SQLITE_DONE)
		err = FK_ENOTFOUND;
	else
		err = store_fail(st, rc, "læs møde");
	stmt_done(q);
	if (err == FK_OK && (err = load_items(st, out)) == FK_OK)
		err = load_props(st, out);
	if (err != FK_OK)
		meeting_free(out);
	return err;
}

int store_meeting_list(struct store *st, int year, bool content, struct meeting **out,
                       size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_MEETING_LIST);
	if (!q)
		return FK_EDB;
	if (year)
		sqlite3_bind_int(q, 1, year);
	else
		sqlite3_bind_null(q, 1);
	struct meeting *v = NULL;
	size_t nv = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xgrow(v, sizeof *v, nv + 1, &cap);
		read_meeting(q, &v[nv++]);
	}
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, "læs møder");
	stmt_done(q);
	for (size_t i = 0; content && err == FK_OK && i < nv; i++)
		if ((err = load_items(st, &v[i])) == FK_OK)
			err = load_props(st, &v[i]);
	if (err != FK_OK) {
		meetings_free(v, nv);
		return err;
	}
	*out = v;
	*n = nv;
	return FK_OK;
}

/* Loads meeting id for a change; FK_ENOTFOUND with a diagnostic when there is none. */
static int get_for_change(struct store *st, int64_t id, struct meeting *mt, struct diags *d)
{
	int rc = store_meeting_get(st, id, mt);
	if (rc == FK_ENOTFOUND)
		diags_add(d, NULL, 0, 0, "meeting",
		          "Der er intet møde med nummer %lld. Se årets møder under Møder.",
		          (long long)id);
	return rc;
}

/* Checks action a on mt at day; FK_EINPUT with a diagnostic when it may not be done. */
static int may(const struct meeting *mt, enum meeting_action a, fk_date day, int *next,
               struct diags *d)
{
	char msg[300];
	int nx;
	if (meeting_transition(mt->state, a, mt->date, day, &nx, msg, sizeof msg) != FK_OK) {
		diags_add(d, NULL, 0, 0, "state", "%s", msg);
		return FK_EINPUT;
	}
	if (next)
		*next = nx;
	return FK_OK;
}

static int set_state(struct store *st, int64_t id, int state, fk_date dispatched)
{
	sqlite3_stmt *q = stmt_get(st, STMT_MEETING_STATE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, meeting_state_name(state), -1, SQLITE_STATIC);
	bind_date(q, 3, dispatched);
	return step_done(st, q, "gem mødets tilstand");
}

static int insert_item(struct store *st, int64_t id, const struct meeting_item *it)
{
	sqlite3_stmt *q = stmt_get(st, STMT_ITEM_INSERT);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, it->pos);
	sqlite3_bind_text(q, 3, it->source, -1, SQLITE_STATIC);
	bind_opt(q, 4, it->ref);
	sqlite3_bind_text(q, 5, it->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, it->kind, -1, SQLITE_STATIC);
	bind_opt(q, 7, it->presenter);
	sqlite3_bind_int(q, 8, it->minutes);
	sqlite3_bind_int(q, 9, it->needs_material);
	bind_opt(q, 10, it->material);
	bind_opt(q, 11, it->recommendation);
	bind_opt(q, 12, it->amended);
	return step_done(st, q, "gem dagsordenspunkt");
}

static int update_item(struct store *st, int64_t id, const struct meeting_item *it)
{
	sqlite3_stmt *q = stmt_get(st, STMT_ITEM_UPDATE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, it->pos);
	sqlite3_bind_text(q, 3, it->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, it->kind, -1, SQLITE_STATIC);
	bind_opt(q, 5, it->presenter);
	sqlite3_bind_int(q, 6, it->minutes);
	bind_opt(q, 7, it->material);
	bind_opt(q, 8, it->recommendation);
	bind_opt(q, 9, it->amended);
	bind_opt(q, 10, it->outcome);
	bind_opt(q, 11, it->minutes_text);
	return step_done(st, q, "gem dagsordenspunkt");
}

static int run_id(struct store *st, enum stmt s, int64_t id, const char *what)
{
	sqlite3_stmt *q = stmt_get(st, s);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	return step_done(st, q, what);
}

/* ---------------------------------------------------------------- the year's plan */

static int count_content(struct store *st, int64_t id, int64_t *n)
{
	sqlite3_stmt *q = stmt_get(st, STMT_MEETING_CONTENT);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(q, 0);
	else
		err = store_fail(st, rc, "læs dagsorden");
	stmt_done(q);
	return err;
}

int store_meeting_plan(struct store *st, const char *actor, const struct cycle_plan *p,
                       bool force, struct diags *d)
{
	assert(st && actor && p);
	st->invites_dirty = true;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting *old = NULL;
	size_t nold = 0;
	if ((rc = store_meeting_list(st, p->year, false, &old, &nold)) != FK_OK)
		goto out;
	/* An old meeting that would change or go away while it has an agenda or proposals. */
	if (!force)
		for (size_t i = 0; i < nold; i++) {
			const struct cycle_meeting *nw = NULL;
			for (size_t k = 0; k < p->n; k++)
				if (p->m[k].number == old[i].number)
					nw = &p->m[k];
			if (nw && nw->date == old[i].date && nw->start_min == old[i].start_min)
				continue;
			int64_t c = 0;
			if ((rc = count_content(st, old[i].id, &c)) != FK_OK)
				goto out;
			if (c > 0) {
				char ds[40];
				date_format_da(old[i].date, ds, sizeof ds);
				diags_add(d, NULL, 0, 0, "dates",
				          "Møde %d den %s har allerede en dagsorden eller forslag. Brug "
				          "--force, hvis mødet skal flyttes eller slettes alligevel.",
				          old[i].number, ds);
				rc = FK_ECONFLICT;
			}
		}
	if (rc != FK_OK)
		goto out;
	for (size_t k = 0; k < p->n; k++) {
		const struct cycle_meeting *nw = &p->m[k];
		struct meeting *o = NULL;
		for (size_t i = 0; i < nold; i++)
			if (old[i].number == nw->number)
				o = &old[i];
		sqlite3_stmt *q = stmt_get(st, o ? STMT_MEETING_REPLAN : STMT_MEETING_INSERT);
		if (!q) {
			rc = FK_EDB;
			goto out;
		}
		int c = 1;
		if (o) {
			sqlite3_bind_int64(q, c++, o->id);
		} else {
			sqlite3_bind_int(q, c++, p->year);
			sqlite3_bind_int(q, c++, nw->number);
		}
		bind_date(q, c++, nw->date);
		bind_time(q, c++, nw->start_min);
		bind_time(q, c++, nw->end_min);
		bind_date(q, c++, nw->proposals);
		bind_date(q, c++, nw->statuses);
		bind_date(q, c++, nw->dispatch);
		if (p->place) /* NULL keeps a planned meeting's place */
			sqlite3_bind_text(q, c++, p->place, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q, c++);
		if ((rc = step_done(st, q, "gem møde")) != FK_OK)
			goto out;
		int64_t id = o ? o->id : sqlite3_last_insert_rowid(st->db);
		struct meeting now;
		if ((rc = store_meeting_get(st, id, &now)) != FK_OK)
			goto out;
		rc = audit_json(st, actor, o ? "update" : "create", "meeting", id,
		                o ? meeting_json(o, false) : NULL, meeting_json(&now, false));
		meeting_free(&now);
		if (rc != FK_OK)
			goto out;
	}
	for (size_t i = 0; i < nold; i++) {
		bool kept = false;
		for (size_t k = 0; k < p->n; k++)
			kept |= p->m[k].number == old[i].number;
		if (kept)
			continue;
		if ((rc = run_id(st, STMT_FTS_DELETE_MEETING, old[i].id, "slet beslutninger")) !=
		        FK_OK ||
		    (rc = run_id(st, STMT_MEETING_DELETE, old[i].id, "slet møde")) != FK_OK ||
		    (rc = audit_json(st, actor, "delete", "meeting", old[i].id,
		                     meeting_json(&old[i], false), NULL)) != FK_OK)
			goto out;
	}
out:
	meetings_free(old, nold);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the agenda */

/* Replaces the stored items of mt with items (mt keeps its old ones for the audit). */
static int replace_items(struct store *st, const char *actor, struct meeting *mt,
                         struct meeting_item *items, size_t n)
{
	json_t *before = meeting_json(mt, true);
	int rc = run_id(st, STMT_ITEM_CLEAR, mt->id, "slet dagsorden");
	for (size_t i = 0; rc == FK_OK && i < n; i++)
		rc = insert_item(st, mt->id, &items[i]);
	if (rc != FK_OK) {
		json_decref(before);
		return rc;
	}
	for (size_t i = 0; i < mt->nitems; i++)
		meeting_item_clear(&mt->items[i]);
	free(mt->items);
	mt->items = items;
	mt->nitems = mt->capitems = n;
	return audit_json(st, actor, "update", "meeting", mt->id, before, meeting_json(mt, true));
}

/* Whether case id has been decided in minutes that are not approved yet (*yes): the case
 * stays recommended until the approval decides it, but is on no other agenda. */
static int case_minuted(struct store *st, int64_t id, bool *yes)
{
	char ref[32];
	agenda_case_ref(id, ref, sizeof ref);
	*yes = false;
	sqlite3_stmt *q = db_prepare(st, STMT_ITEM_CASE_MINUTED, "t", ref);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs referater");
	if (rc == FK_OK) {
		*yes = true;
		stmt_done(q);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

/* The cases waiting for the steering group (state recommended, not decided in minutes
 * awaiting approval), oldest first, with the recommending group's name in (*names)[i]. The
 * strings point into *set and *names. */
static int recommended_cases(struct store *st, const struct model *m, struct case_set *set,
                             struct agenda_case **out, size_t *n, char (**names)[128])
{
	*out = NULL;
	*n = 0;
	*names = NULL;
	int rc = store_cases_load(st, 0, set);
	if (rc != FK_OK)
		return rc;
	*out = xcalloc(set->n + 1, sizeof **out);
	*names = xcalloc(set->n + 1, sizeof **names);
	for (size_t i = 0; i < set->n; i++) {
		const struct case_rec *c = &set->v[i];
		bool minuted = false;
		if (c->state != CASE_RECOMMENDED)
			continue;
		if ((rc = case_minuted(st, c->id, &minuted)) != FK_OK)
			return rc;
		if (minuted)
			continue;
		case_party_name(m, NULL, c->assignee, (*names)[*n], sizeof (*names)[*n]);
		(*out)[*n] = (struct agenda_case){c->id, c->title, c->recommendation, (*names)[*n]};
		++*n;
	}
	return FK_OK;
}

/* Builds the agenda of mt afresh (model items, recommended cases, accepted proposals) and
 * stores it in place of the old one. */
static int rebuild(struct store *st, const char *actor, const struct model *m,
                   struct meeting *mt)
{
	struct case_set set = {0};
	struct agenda_case *cases;
	size_t ncases;
	char(*names)[128];
	int rc = recommended_cases(st, m, &set, &cases, &ncases, &names);
	if (rc == FK_OK) {
		struct meeting_item *items;
		size_t n;
		agenda_build(m, mt->number, mt->props, mt->nprops, cases, ncases, mt->items,
		             mt->nitems, &items, &n);
		if ((rc = replace_items(st, actor, mt, items, n)) != FK_OK) {
			for (size_t i = 0; i < n; i++)
				meeting_item_clear(&items[i]);
			free(items);
		}
	}
	free(cases);
	free(names);
	case_set_free(&set);
	return rc;
}

int store_meeting_agenda(struct store *st, const char *actor, const struct model *m, int64_t id,
                         struct diags *d)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	if ((rc = may(&mt, MACT_EDIT, mt.date, NULL, d)) == FK_OK)
		rc = rebuild(st, actor, m, &mt);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

static struct meeting_item *find_item(struct meeting *mt, int pos, struct diags *d)
{
	struct meeting_item *it = meeting_item_at(mt, pos);
	if (it)
		return it;
	if (mt->nitems == 0)
		diags_add(d, NULL, 0, 0, "item", "Mødet har ingen dagsorden endnu. Byg den først.");
	else
		diags_add(d, NULL, 0, 0, "item",
		          "Dagsordenen har ikke noget punkt %d. Vælg et punkt fra 1 til %zu.", pos,
		          mt->nitems);
	return NULL;
}

static void replace(char **dst, const char *s)
{
	if (!s)
		return;
	free(*dst);
	*dst = *s ? xstrdup(s) : NULL;
}

/* Tells everyone summoned to mt of an amendment of item it, or (it NULL) that the dispatch
 * was recalled, with reason; in the caller's transaction, keyed by the audit row the change
 * just wrote (core/notify.h). */
static int tell_summoned(struct store *st, const struct meeting *mt, const struct meeting_item *it,
                         const char *reason)
{
	if (it)
		store_packet_amended(st, mt->id, it->pos, reason);
	const struct model *m = store_model(st);
	if (!m)
		return FK_OK;
	int64_t seq = sqlite3_last_insert_rowid(st->db);
	struct reg r;
	reg_init(&r);
	struct notices ns = {0};
	int rc = store_load_register(st, m, &r);
	if (rc == FK_OK) {
		if (it)
			notify_amendment(m, &r, mt, it, reason, seq, mail_public_url(), &ns);
		else
			notify_recall(m, &r, mt, reason, seq, mail_public_url(), &ns);
		rc = store_mail_queue_notices(st, &ns, NULL);
	}
	notices_free(&ns);
	reg_free(&r);
	return rc;
}

/* Appends reason to the item's amendments ("a; b"). */
static void add_amendment(struct meeting_item *it, const char *reason)
{
	char *s = it->amended ? xasprintf("%s; %s", it->amended, reason) : xstrdup(reason);
	free(it->amended);
	it->amended = s;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int store_meeting_item(struct store *st, const char *actor, int64_t id, int pos,
                       const struct store_item_change *c, const char *reason, struct diags *d)
{
	size_t nd = d->n;
	const char *kind = NULL;
	if (c->kind && !(kind = agenda_kind_parse(c->kind)))
		diags_add(d, NULL, 0, 0, "kind",
		          "»%s« er ikke en punkttype. Vælg orientering, inspiration, opfølgning, "
		          "rådgivning, drøftelse, beslutning eller økonomi.",
		          c->kind);
	if (c->title && blank(c->title))
		diags_add(d, NULL, 0, 0, "title", "Skriv en overskrift til punktet.");
	if (c->minutes > 24 * 60)
		diags_add(d, NULL, 0, 0, "minutes", "Et punkt kan højst vare %d minutter.", 24 * 60);
	if (reason && blank(reason))
		diags_add(d, NULL, 0, 0, "reason", "Skriv en begrundelse for rettelsen.");
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	struct meeting_item *it;
	if ((rc = may(&mt, reason ? MACT_AMEND : MACT_EDIT, mt.date, NULL, d)) != FK_OK)
		goto out;
	if (!(it = find_item(&mt, pos, d))) {
		rc = FK_EINPUT;
		goto out;
	}
	json_t *before = item_json(it);
	replace(&it->title, c->title);
	if (kind)
		replace(&it->kind, kind);
	replace(&it->presenter, c->presenter);
	replace(&it->material, c->material);
	replace(&it->recommendation, c->recommendation);
	if (c->minutes >= 0)
		it->minutes = c->minutes;
	if (reason)
		add_amendment(it, reason);
	if ((rc = update_item(st, id, it)) == FK_OK)
		rc = audit_json(st, actor, reason ? "amend" : "update", "meeting", id, before,
		                item_json(it));
	else
		json_decref(before);
	if (rc == FK_OK && reason)
		rc = tell_summoned(st, &mt, it, reason);
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* A step of the meeting that needs its agenda: the dispatch (dispatch: dispatched on day)
 * or recording it as held without a dispatch in fkigov. Checks that act may happen on day,
 * refuses a meeting without items with empty_msg, sets the next state and audits it as
 * audit_action. */
static int agenda_step(struct store *st, const char *actor, int64_t id, fk_date day,
                       enum meeting_action act, bool dispatch, const char *empty_msg,
                       struct diags *d)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	int next;
	if ((rc = may(&mt, act, day, &next, d)) != FK_OK)
		goto out;
	if (mt.nitems == 0) {
		diags_add(d, NULL, 0, 0, "item", "%s", empty_msg);
		rc = FK_EINPUT;
		goto out;
	}
	json_t *before = meeting_json(&mt, false);
	if ((rc = set_state(st, id, next, dispatch ? day : DATE_NONE)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	mt.state = next;
	if (dispatch)
		mt.dispatched_on = day;
	json_t *after = meeting_json(&mt, true);
	if (!dispatch)
		json_object_set_new(after, "dispatched_in_fkigov", json_false());
	rc = audit_json(st, actor, dispatch ? "dispatch" : "held", "meeting", id, before, after);
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_dispatch(struct store *st, const char *actor, int64_t id, fk_date day,
                           struct diags *d)
{
	return agenda_step(st, actor, id, day, MACT_DISPATCH, true,
	                   "Mødet har ingen dagsorden at udsende. Byg den først.", d);
}

int store_meeting_recall(struct store *st, const char *actor, int64_t id, const char *reason,
                         fk_date day, struct diags *d)
{
	if (blank(reason)) {
		diags_add(d, NULL, 0, 0, "reason",
		          "Skriv en begrundelse for tilbagekaldelsen. Den gemmes i revisionsloggen.");
		return FK_EINPUT;
	}
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	if ((rc = may(&mt, MACT_RECALL, day, NULL, d)) != FK_OK)
		goto out;
	json_t *before = meeting_json(&mt, false);
	if ((rc = db_exec(st, STMT_MEETING_RECALL, "tilbagekald udsendelsen", "i", id)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	mt.state = MEETING_PLANNED;
	mt.dispatched_on = DATE_NONE;
	json_t *after = meeting_json(&mt, false);
	json_object_set_new(after, "reason", json_string(reason));
	rc = audit_json(st, actor, "recall", "meeting", id, before, after);
	if (rc == FK_OK)
		rc = tell_summoned(st, &mt, NULL, reason);
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_place(struct store *st, const char *actor, int64_t id, const char *place,
                        struct diags *d)
{
	if (place && strlen(place) > MEETING_PLACE_MAX) {
		diags_add(d, NULL, 0, 0, "place",
		          "Stedet er for langt (højst %d tegn). Skriv adressen, lokalet eller linket "
		          "kort.",
		          MEETING_PLACE_MAX);
		return FK_EINPUT;
	}
	const char *pl = place && !blank(place) ? place : NULL;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	if (mt.state != MEETING_PLANNED && mt.state != MEETING_DISPATCHED) {
		diags_add(d, NULL, 0, 0, "place",
		          "Mødet er afholdt, så stedet kan ikke ændres længere.");
		rc = FK_ECONFLICT;
		goto out;
	}
	if ((rc = db_exec(st, STMT_MEETING_PLACE, "gem mødested", "it", id, pl)) != FK_OK ||
	    sqlite3_changes(st->db) == 0)
		goto out;
	json_t *before = meeting_json(&mt, false);
	free(mt.place);
	mt.place = pl ? xstrdup(pl) : NULL;
	st->invites_dirty = true;
	rc = audit_json(st, actor, "update", "meeting", id, before, meeting_json(&mt, false));
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_hold(struct store *st, const char *actor, int64_t id, fk_date day,
                       struct diags *d)
{
	return agenda_step(st, actor, id, day, MACT_HOLD, false,
	                   "Mødet har ingen dagsorden. Byg dagsordenen, og ret punkterne, så de "
	                   "svarer til mødet; registrér det derefter som afholdt.",
	                   d);
}

/* ---------------------------------------------------------------- minutes */

static int item_rowid(struct store *st, int64_t id, int pos, int64_t *rowid)
{
	sqlite3_stmt *q = stmt_get(st, STMT_ITEM_ID);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, pos);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW)
		*rowid = sqlite3_column_int64(q, 0);
	else
		err = rc == SQLITE_DONE ? FK_ENOTFOUND : store_fail(st, rc, "læs dagsordenspunkt");
	stmt_done(q);
	return err;
}

/* The steering group's advice or decision on a case item goes to the case: it is decided,
 * with the minutes as its text, the meeting's day and the meeting as reference. Nothing
 * happens when the case is no longer waiting for the steering group. The minutes only check
 * the decision (apply false), so one the case cannot take is refused with them; the approval
 * applies it (apply true), so the case carries no draft minutes. */
static int decide_case(struct store *st, const char *actor, const struct model *m,
                       const struct meeting *mt, const struct meeting_item *it, fk_date day,
                       bool apply, struct diags *d)
{
	if (strcmp(it->source, "case") != 0 || !it->ref || !strcmp(it->outcome, "udsat") ||
	    !strcmp(it->outcome, "taget-til-efterretning"))
		return FK_OK;
	int64_t cid = case_id_parse(it->ref);
	struct case_set cs = {0};
	int rc = cid > 0 ? store_cases_load(st, cid, &cs) : FK_OK;
	if (rc != FK_OK || cs.n != 1 || cs.v[0].state != CASE_RECOMMENDED) {
		case_set_free(&cs);
		return rc;
	}
	char date[11], ref[96];
	date_format(mt->date, date);
	snprintf(ref, sizeof ref, "Styregruppemøde %d/%d, punkt %d", mt->number, mt->year, it->pos);
	struct case_input in = {0};
	in.kind = it->outcome;
	in.text = it->minutes_text;
	in.date = date;
	in.meeting = ref;
	struct case_change ch;
	if (case_check_event(m, &cs.v[0], CEV_DECIDE, &in, day, &ch, d) != 0)
		rc = FK_EINPUT;
	else {
		rc = apply ? store_case_apply(st, actor, cid, &ch) : FK_OK;
		case_change_free(&ch);
	}
	case_set_free(&cs);
	return rc;
}

int store_meeting_minutes(struct store *st, const char *actor, const struct model *m, int64_t id,
                          int pos, const char *outcome, const char *text, fk_date day,
                          struct diags *d)
{
	size_t nd = d->n;
	const char *oc = agenda_outcome_parse(outcome);
	if (!oc)
		diags_add(d, NULL, 0, 0, "outcome",
		          "»%s« er ikke et udfald. Vælg beslutning, rådgivning, "
		          "taget-til-efterretning eller udsat.",
		          outcome ? outcome : "");
	if (blank(text))
		diags_add(d, NULL, 0, 0, "text", "Skriv referatet af punktet.");
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	int next;
	struct meeting_item *it;
	if ((rc = may(&mt, MACT_MINUTES, day, &next, d)) != FK_OK)
		goto out;
	if (!(it = find_item(&mt, pos, d))) {
		rc = FK_EINPUT;
		goto out;
	}
	json_t *before = item_json(it);
	replace(&it->outcome, oc);
	replace(&it->minutes_text, text);
	int64_t rowid = 0;
	if ((rc = update_item(st, id, it)) != FK_OK || (rc = item_rowid(st, id, pos, &rowid)) != FK_OK ||
	    (rc = run_id(st, STMT_FTS_DELETE, rowid, "opdatér beslutningsloggen")) != FK_OK) {
		json_decref(before);
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_FTS_INSERT);
	if (!q) {
		json_decref(before);
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, rowid);
	sqlite3_bind_text(q, 2, it->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, it->minutes_text, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 4, mt.year);
	if ((rc = step_done(st, q, "opdatér beslutningsloggen")) != FK_OK) {
		json_decref(before);
		goto out;
	}
	if ((next != mt.state && (rc = set_state(st, id, next, DATE_NONE)) != FK_OK) ||
	    (rc = decide_case(st, actor, m, &mt, it, day, false, d)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	rc = audit_json(st, actor, "minutes", "meeting", id, before, item_json(it));
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* Moves meeting id on by a (approve or publish), audited as action; the approval decides
 * the cases its minutes decide (decide_case, with the model m). */
static int advance(struct store *st, const char *actor, const struct model *m, int64_t id,
                   enum meeting_action a, const char *action, struct diags *d)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	int next;
	if ((rc = may(&mt, a, mt.date, &next, d)) != FK_OK)
		goto out;
	if (a == MACT_APPROVE)
		for (size_t i = 0; i < mt.nitems; i++)
			if (!mt.items[i].outcome) {
				diags_add(d, NULL, 0, 0, "item",
				          "Punkt %d »%s« mangler referat. Skriv det, før referatet godkendes.",
				          mt.items[i].pos, mt.items[i].title);
				rc = FK_EINPUT;
			}
	if (rc != FK_OK)
		goto out;
	json_t *before = meeting_json(&mt, false);
	if ((rc = set_state(st, id, next, DATE_NONE)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	mt.state = next;
	rc = audit_json(st, actor, action, "meeting", id, before, meeting_json(&mt, false));
	/* The decisions as of the meeting's day (the minutes are written from that day on). */
	for (size_t i = 0; rc == FK_OK && a == MACT_APPROVE && i < mt.nitems; i++)
		rc = decide_case(st, actor, m, &mt, &mt.items[i], mt.date, true, d);
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_approve(struct store *st, const char *actor, const struct model *m, int64_t id,
                          struct diags *d)
{
	assert(m);
	return advance(st, actor, m, id, MACT_APPROVE, "approve", d);
}

int store_meeting_publish(struct store *st, const char *actor, int64_t id, struct diags *d)
{
	return advance(st, actor, NULL, id, MACT_PUBLISH, "publish", d);
}

/* ---------------------------------------------------------------- inspiration */

static void free_keys(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The inspiration speaker of meeting id: swap (with reason) that person; else the next in
 * turn, skipping the members with apologies for the meeting (issue 12) — unless one is chosen
 * already and repick is false. With repick the current speaker is replaced by the next in
 * turn, reason is stored as the speaker_reason, and no candidate left means no speaker. */
static int inspiration(struct store *st, const char *actor, const struct model *m,
                       const struct reg *r, int64_t id, const char *swap, const char *reason,
                       bool repick, char speaker[65], struct diags *d)
{
	if (swap && blank(reason)) {
		diags_add(d, NULL, 0, 0, "reason",
		          "Skriv en begrundelse for, at en anden kommune holder oplægget.");
		return FK_EINPUT;
	}
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	struct meeting *all = NULL;
	size_t nall = 0;
	struct rotation_cand *c = NULL;
	struct rotation_talk *talks = NULL;
	char **away = NULL;
	size_t naway = 0;
	if (mt.speaker && !swap && !repick) {
		if (speaker)
			snprintf(speaker, 65, "%s", mt.speaker);
		goto out;
	}
	if ((rc = store_attend_apologies(st, id, &away, &naway)) != FK_OK)
		goto out;
	if ((rc = may(&mt, mt.state == MEETING_PLANNED ? MACT_EDIT : MACT_AMEND, mt.date, NULL, d)) !=
	    FK_OK)
		goto out;
	int body = model_body_index(m, m->cycle.body);
	size_t n = rotation_candidates(m, r, body, mt.date, &c);
	char ds[40];
	date_format_da(mt.date, ds, sizeof ds);
	const char *key = NULL;
	if (swap) {
		for (size_t i = 0; i < n && !key; i++)
			if (!strcmp(r->persons[c[i].person].key, swap))
				key = swap;
		if (!key) {
			diags_add(d, NULL, 0, 0, "person",
			          "%s er ikke kommunalt medlem af %s den %s. Vælg et af de kommunale "
			          "medlemmer.",
			          swap, body >= 0 ? m->bodies[body].name : "styregruppen", ds);
			rc = FK_EINPUT;
			goto out;
		}
		for (size_t i = 0; i < naway; i++)
			if (!strcmp(away[i], swap)) {
				int32_t pi = reg_person_find(r, swap);
				diags_add(d, NULL, 0, 0, "person",
				          "%s har meldt afbud til mødet. Vælg et andet af de kommunale "
				          "medlemmer.",
				          pi >= 0 ? r->persons[pi].name : swap);
				rc = FK_EINPUT;
				goto out;
			}
	} else {
		if ((rc = store_meeting_list(st, 0, false, &all, &nall)) != FK_OK)
			goto out;
		talks = xcalloc(nall ? nall : 1, sizeof *talks);
		size_t nt = 0;
		for (size_t i = 0; i < nall; i++)
			if (all[i].speaker && all[i].id != id)
				talks[nt++] = (struct rotation_talk){all[i].speaker, all[i].date};
		rotation_apply_talks(r, c, n, talks, nt);
		int k = rotation_pick_skip(r, c, n, (const char *const *)away, naway);
		if (k < 0 && repick) {
			key = NULL; /* everyone left has sent apologies: no speaker for now */
		} else if (k < 0) {
			diags_add(d, NULL, 0, 0, "person",
			          "Ingen kommunale medlemmer af %s sidder den %s. Udpeg medlemmerne "
			          "først.",
			          body >= 0 ? m->bodies[body].name : "styregruppen", ds);
			rc = FK_EINPUT;
			goto out;
		} else
			key = r->persons[c[k].person].key;
	}
	const char *why = swap ? reason : repick ? reason : NULL;
	json_t *before = meeting_json(&mt, false);
	sqlite3_stmt *q = stmt_get(st, STMT_MEETING_SPEAKER);
	if (!q) {
		json_decref(before);
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	bind_opt(q, 2, key);
	bind_opt(q, 3, why);
	if ((rc = step_done(st, q, "gem oplægsholder")) != FK_OK) {
		json_decref(before);
		goto out;
	}
	if (speaker)
		snprintf(speaker, 65, "%s", key ? key : "");
	free(mt.speaker);
	mt.speaker = key ? xstrdup(key) : NULL;
	free(mt.speaker_reason);
	mt.speaker_reason = why ? xstrdup(why) : NULL;
	rc = audit_json(st, actor, swap || repick ? "swap" : "update", "meeting", id, before,
	                meeting_json(&mt, false));
out:
	free_keys(away, naway);
	free(c);
	free(talks);
	meetings_free(all, nall);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_inspiration(struct store *st, const char *actor, const struct model *m,
                              const struct reg *r, int64_t id, const char *swap,
                              const char *reason, char speaker[65], struct diags *d)
{
	return inspiration(st, actor, m, r, id, swap, reason, false, speaker, d);
}

int store_meeting_speaker_next(struct store *st, const char *actor, const struct model *m,
                               const struct reg *r, int64_t id, const char *reason,
                               char speaker[65], struct diags *d)
{
	return inspiration(st, actor, m, r, id, NULL, reason, true, speaker, d);
}

/* ---------------------------------------------------------------- proposals */

static json_t *proposal_json(int64_t meeting, const struct meeting_proposal *p)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:o, s:s, s:o}", "meeting",
	                 (json_int_t)meeting, "person", p->person, "title", p->title, "text",
	                 p->text, "kind", p->kind, "minutes", p->minutes, "submitted",
	                 report_date(p->submitted), "state", p->state, "reason", report_str(p->reason));
}

/* The Danish name of the secretariat, for whom to contact. */
static const char *secretariat(const struct model *m)
{
	for (size_t i = 0; i < m->nbodies; i++)
		if (!strcmp(m->bodies[i].kind, "secretariat"))
			return m->bodies[i].name;
	return "sekretariatet";
}

int store_proposal_may(struct store *st, const struct model *m, const char *person, fk_date day,
                       bool *may)
{
	char ds[11];
	date_format(day, ds);
	*may = false;
	sqlite3_stmt *q = db_prepare(st, STMT_PROPOSAL_SERVES, "ttt", person ? person : "",
	                             m->cycle.body, ds);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs forslagsstillerens udpegning");
	if (rc == FK_OK) {
		*may = true;
		stmt_done(q);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_proposal_add(struct store *st, const char *actor, const struct model *m, int64_t id,
                       const char *person, const char *title, const char *text,
                       const char *kind, int minutes, fk_date day, bool late_ok, int64_t *pid,
                       struct diags *d)
{
	size_t nd = d->n;
	const char *k = kind ? agenda_kind_parse(kind) : "droeftelse";
	if (!k)
		diags_add(d, NULL, 0, 0, "kind",
		          "»%s« er ikke en punkttype. Vælg orientering, opfølgning, rådgivning, "
		          "drøftelse, beslutning eller økonomi.",
		          kind);
	if (blank(title))
		diags_add(d, NULL, 0, 0, "title", "Skriv en overskrift til forslaget.");
	if (blank(text))
		diags_add(d, NULL, 0, 0, "text", "Beskriv forslaget.");
	if (minutes <= 0)
		minutes = 15;
	if (minutes > m->cycle.meeting_minutes)
		diags_add(d, NULL, 0, 0, "minutes", "Et punkt kan højst vare %d minutter (hele mødet).",
		          m->cycle.meeting_minutes);
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	/* After the deadline only the secretariat may register a proposal (late_ok); accepting
	 * it then needs a recorded reason (store_proposal_decide). */
	if (day > mt.proposals && !late_ok) {
		char ds[40];
		date_format_da(mt.proposals, ds, sizeof ds);
		diags_add(d, NULL, 0, 0, "date",
		          "Fristen for forslag var %s. Kontakt %s, hvis punktet skal med alligevel.", ds,
		          secretariat(m));
		rc = FK_EINPUT;
		goto out;
	}
	if (mt.state >= MEETING_HELD) {
		diags_add(d, NULL, 0, 0, "state", "Mødet er afholdt.");
		rc = FK_EINPUT;
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_PERSON_BY_KEY);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_text(q, 1, person ? person : "", -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(q);
	int64_t prow = src == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	char *pname = src == SQLITE_ROW ? db_text(q, 1) : NULL;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = store_fail(st, src, "læs person");
	stmt_done(q);
	if (rc == FK_OK && !prow) {
		diags_add(d, NULL, 0, 0, "person",
		          "Der er ingen person med id »%s«. Se personerne med »person list«.",
		          person ? person : "");
		rc = FK_ENOTFOUND;
	}
	/* Proposals come from the steering group's members, also when the secretariat
	 * registers one on a member's behalf. */
	bool member = false;
	if (rc == FK_OK && (rc = store_proposal_may(st, m, person, day, &member)) == FK_OK &&
	    !member) {
		int b = model_body_index(m, m->cycle.body);
		char ds[40];
		date_format_da(day, ds, sizeof ds);
		diags_add(d, NULL, 0, 0, "person",
		          "%s (%s) er ikke medlem af %s den %s, og kun styregruppens medlemmer kan "
		          "stille forslag til dagsordenen. Angiv et af styregruppens medlemmer som "
		          "forslagsstiller.",
		          pname ? pname : person, person, b >= 0 ? m->bodies[b].name : m->cycle.body,
		          ds);
		rc = FK_EINPUT;
	}
	if (rc != FK_OK || !(q = stmt_get(st, STMT_PROPOSAL_INSERT))) {
		free(pname);
		rc = rc != FK_OK ? rc : FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, prow);
	sqlite3_bind_text(q, 3, title, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 5, k, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 6, minutes);
	bind_date(q, 7, day);
	if ((rc = step_done(st, q, "gem forslag")) != FK_OK) {
		free(pname);
		goto out;
	}
	int64_t newid = sqlite3_last_insert_rowid(st->db);
	struct meeting_proposal p = {newid,      (char *)person, pname, (char *)title, (char *)text,
	                             (char *)k, minutes,        day,   "submitted",   NULL};
	rc = audit_json(st, actor, "create", "proposal", newid, NULL, proposal_json(id, &p));
	free(pname);
	if (rc == FK_OK && pid)
		*pid = newid;
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_proposal_decide(struct store *st, const char *actor, const struct model *m,
                          int64_t pid, bool accept, const char *reason, struct diags *d)
{
	if (reason && blank(reason))
		reason = NULL;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	int64_t id = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_PROPOSAL_MEETING);
	if (!q)
		return tx_leave(st, own, FK_EDB);
	sqlite3_bind_int64(q, 1, pid);
	int src = sqlite3_step(q);
	if (src == SQLITE_ROW)
		id = sqlite3_column_int64(q, 0);
	else if (src != SQLITE_DONE)
		rc = store_fail(st, src, "læs forslag");
	stmt_done(q);
	if (rc != FK_OK)
		return tx_leave(st, own, rc);
	struct meeting mt;
	memset(&mt, 0, sizeof mt);
	if (!id || (rc = store_meeting_get(st, id, &mt)) == FK_ENOTFOUND) {
		diags_add(d, NULL, 0, 0, "proposal", "Der er intet forslag med nummer %lld.",
		          (long long)pid);
		return tx_leave(st, own, FK_ENOTFOUND);
	}
	if (rc != FK_OK)
		return tx_leave(st, own, rc);
	struct meeting_proposal *p = NULL;
	for (size_t i = 0; i < mt.nprops; i++)
		if (mt.props[i].id == pid)
			p = &mt.props[i];
	assert(p);
	char ds[40];
	date_format_da(mt.proposals, ds, sizeof ds);
	if (strcmp(p->state, "submitted") != 0) {
		diags_add(d, NULL, 0, 0, "proposal", "Forslaget er allerede %s.",
		          !strcmp(p->state, "accepted") ? "optaget på dagsordenen" : "afvist");
		rc = FK_EINPUT;
		goto out;
	}
	bool late = p->submitted > mt.proposals;
	if (accept) {
		if (mt.state >= MEETING_HELD) {
			rc = may(&mt, MACT_EDIT, mt.date, NULL, d);
			goto out;
		}
		if (late && !reason) {
			diags_add(d, NULL, 0, 0, "reason",
			          "Forslaget kom efter fristen %s. Skriv en begrundelse for at optage det "
			          "alligevel.",
			          ds);
			rc = FK_EINPUT;
			goto out;
		}
		if (mt.state == MEETING_DISPATCHED && !reason) {
			diags_add(d, NULL, 0, 0, "reason",
			          "Dagsordenen er udsendt. Skriv en begrundelse; punktet vises som en "
			          "rettelse.");
			rc = FK_EINPUT;
			goto out;
		}
	}
	json_t *before = proposal_json(id, p);
	free(p->state);
	p->state = xstrdup(accept ? "accepted" : "rejected");
	replace(&p->reason, reason);
	if (!(q = stmt_get(st, STMT_PROPOSAL_DECIDE))) {
		json_decref(before);
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, pid);
	sqlite3_bind_text(q, 2, p->state, -1, SQLITE_STATIC);
	bind_opt(q, 3, reason);
	if ((rc = step_done(st, q, "gem forslag")) != FK_OK ||
	    (rc = audit_json(st, actor, accept ? "accept" : "reject", "proposal", pid, before,
	                     proposal_json(id, p))) != FK_OK) {
		goto out;
	}
	if (!accept || mt.nitems == 0)
		goto out; /* the agenda takes it in when it is built */
	if (mt.state == MEETING_PLANNED) {
		rc = rebuild(st, actor, m, &mt);
	} else {
		/* Dispatched: an amendment at the end of the agenda. */
		char ref[32];
		snprintf(ref, sizeof ref, "%lld", (long long)pid);
		struct meeting_item it = {0};
		it.pos = (int)mt.nitems + 1;
		it.source = "proposal";
		it.ref = ref;
		it.title = p->title;
		it.kind = p->kind;
		it.presenter = p->person_name;
		it.minutes = p->minutes;
		it.needs_material = agenda_kind_needs_material(p->kind);
		it.amended = (char *)reason;
		if ((rc = insert_item(st, id, &it)) == FK_OK)
			rc = audit_json(st, actor, "amend", "meeting", id, NULL, item_json(&it));
		if (rc == FK_OK)
			rc = tell_summoned(st, &mt, &it, reason);
	}
out:
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the decision log */

/* An FTS5 query from the user's words: each word quoted (quotes doubled) and prefix-matched,
 * all required. NULL when there is no word. */
static char *fts_query(const char *text)
{
	struct buf b;
	buf_init(&b);
	const char *p = text;
	bool any = false;
	while (*p) {
		while (*p && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '"' || *p == '\r'))
			p++;
		if (!*p)
			break;
		if (any)
			buf_addc(&b, ' ');
		buf_addc(&b, '"');
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			if (*p != '"')
				buf_addc(&b, *p);
			p++;
		}
		buf_adds(&b, "\"*");
		any = true;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

int store_decision_search(struct store *st, const char *text, int year, bool published,
                          int limit, int (*fn)(const struct store_decision *x, void *arg),
                          void *arg)
{
	char *fq = fts_query(text ? text : "");
	if (!fq)
		return FK_EINPUT;
	sqlite3_stmt *q = stmt_get(st, STMT_DECISION_SEARCH);
	if (!q) {
		free(fq);
		return FK_EDB;
	}
	sqlite3_bind_text(q, 1, fq, -1, SQLITE_STATIC);
	if (year)
		sqlite3_bind_int(q, 2, year);
	else
		sqlite3_bind_null(q, 2);
	sqlite3_bind_int(q, 3, published ? 1 : 0);
	sqlite3_bind_int(q, 4, limit > 0 ? limit : -1);
	int rc, err = FK_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct store_decision x = {
		    sqlite3_column_int64(q, 0),
		    sqlite3_column_int(q, 1),
		    sqlite3_column_int(q, 2),
		    (const char *)sqlite3_column_text(q, 3),
		    (const char *)sqlite3_column_text(q, 4),
		    sqlite3_column_int(q, 5),
		    (const char *)sqlite3_column_text(q, 6),
		    (const char *)sqlite3_column_text(q, 7),
		    (const char *)sqlite3_column_text(q, 8),
		};
		if ((err = fn(&x, arg)) != 0)
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = store_fail(st, rc, "søg i beslutningerne");
	stmt_done(q);
	free(fq);
	return err;
}

int store_decision_latest(struct store *st, int year, bool published, int limit,
                          int (*fn)(const struct store_decision *x, void *arg), void *arg)
{
	sqlite3_stmt *q = db_prepare(st, STMT_DECISION_LATEST, "ddi", year, published ? 1 : 0,
	                             (int64_t)(limit > 0 ? limit : -1));
	if (!q)
		return FK_EDB;
	int rc, err = FK_OK;
	while ((rc = db_row(st, q, "læs beslutningerne")) == FK_OK) {
		struct store_decision x = {
		    sqlite3_column_int64(q, 0),
		    sqlite3_column_int(q, 1),
		    sqlite3_column_int(q, 2),
		    (const char *)sqlite3_column_text(q, 3),
		    (const char *)sqlite3_column_text(q, 4),
		    sqlite3_column_int(q, 5),
		    (const char *)sqlite3_column_text(q, 6),
		    (const char *)sqlite3_column_text(q, 7),
		    (const char *)sqlite3_column_text(q, 8),
		};
		if ((err = fn(&x, arg)) != 0) {
			stmt_done(q);
			return err;
		}
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

/* ---------------------------------------------------------------- written material */

void store_material_clear(struct store_material *f)
{
	free(f->source);
	free(f->ref);
	free(f->name);
	free(f->mime);
	free(f->uploaded);
	free(f->actor);
	free(f->reason);
	memset(f, 0, sizeof *f);
}

void store_materials_free(struct store_material *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_material_clear(&v[i]);
	free(v);
}

static void read_material(sqlite3_stmt *q, struct store_material *f)
{
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(q, 0);
	f->meeting = sqlite3_column_int64(q, 1);
	f->source = db_text(q, 2);
	f->ref = db_text(q, 3);
	f->name = db_text(q, 4);
	f->mime = db_text(q, 5);
	f->size = sqlite3_column_int64(q, 6);
	const char *h = (const char *)sqlite3_column_text(q, 7);
	snprintf(f->sha256, sizeof f->sha256, "%s", h ? h : "");
	f->uploaded = db_text(q, 8);
	f->actor = db_text(q, 9);
	f->reason = db_text(q, 10);
	f->pos = sqlite3_column_int(q, 11);
}

static json_t *material_json(const struct store_material *f, int pos)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:I, s:s, s:o}", "meeting",
	                 (json_int_t)f->meeting, "item_source", f->source, "item_ref", f->ref, "pos",
	                 pos, "name", f->name, "mime", f->mime, "size", (json_int_t)f->size,
	                 "sha256", f->sha256, "reason", report_str(f->reason));
}

int store_material_add(struct store *st, const char *actor, int64_t id, int pos, const char *name,
                       const unsigned char *data, size_t len, size_t max, const char *reason,
                       int64_t *mid, struct diags *d)
{
	size_t nd = d->n;
	const char *mime = NULL;
	material_check(name, data, len, max, &mime, d);
	if (reason && blank(reason))
		reason = NULL;
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK)
		return tx_leave(st, own, rc);
	struct meeting_item *it = NULL;
	char *clean = material_clean_name(name);
	if (mt.state == MEETING_DISPATCHED && !reason) {
		diags_add(d, NULL, 0, 0, "reason",
		          "Dagsordenen er udsendt. Skriv en begrundelse for at lægge materiale på "
		          "bagefter; det vises som en rettelse.");
		rc = FK_EINPUT;
		goto out;
	}
	if ((rc = may(&mt, mt.state == MEETING_PLANNED ? MACT_EDIT : MACT_AMEND, mt.date, NULL,
	              d)) != FK_OK)
		goto out;
	if (!(it = find_item(&mt, pos, d))) {
		rc = FK_EINPUT;
		goto out;
	}
	char sha[65];
	material_sha256(data, len, sha);
	sqlite3_stmt *q = stmt_get(st, STMT_MATERIAL_SAME);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, it->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, it->ref ? it->ref : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, sha, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	if (s == SQLITE_ROW) {
		diags_add(d, NULL, 0, 0, "file",
		          "Punkt %d har allerede den samme fil (som »%s«). Vælg en anden fil.", pos,
		          (const char *)sqlite3_column_text(q, 0));
		rc = FK_EINPUT;
	} else if (s != SQLITE_DONE)
		rc = store_fail(st, s, "læs materiale");
	stmt_done(q);
	if (rc != FK_OK || !(q = stmt_get(st, STMT_MATERIAL_INSERT))) {
		rc = rc != FK_OK ? rc : FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, it->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, it->ref ? it->ref : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, clean, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, mime, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 6, (sqlite3_int64)len);
	sqlite3_bind_text(q, 7, sha, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(q, 8, data, (sqlite3_uint64)len, SQLITE_STATIC);
	sqlite3_bind_text(q, 9, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 10, actor, -1, SQLITE_STATIC);
	bind_opt(q, 11, reason);
	if ((rc = step_done(st, q, "gem materiale")) != FK_OK)
		goto out;
	int64_t newid = sqlite3_last_insert_rowid(st->db);
	if (mid)
		*mid = newid;
	if (reason) {
		json_t *before = item_json(it);
		char *why = xasprintf("Materiale »%s« tilføjet: %s", clean, reason);
		add_amendment(it, why);
		if ((rc = update_item(st, id, it)) != FK_OK ||
		    (rc = audit_json(st, actor, "amend", "meeting", id, before, item_json(it))) != FK_OK ||
		    (rc = tell_summoned(st, &mt, it, why)) != FK_OK) {
			free(why);
			goto out;
		}
		free(why);
	}
	struct store_material f = {.id = newid, .meeting = id, .source = it->source,
	                           .ref = it->ref ? it->ref : "", .name = clean, .mime = (char *)mime,
	                           .size = (int64_t)len, .reason = (char *)reason};
	memcpy(f.sha256, sha, sizeof sha);
	rc = audit_json(st, actor, "create", "material", newid, NULL, material_json(&f, pos));
out:
	free(clean);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* Every row of statement s for id, as a new array of elem-byte records filled by read; on an
 * error the records read so far are freed by drop (with the array) and nothing is returned. */
static int read_list(struct store *st, enum stmt s, int64_t id, size_t elem,
                     void (*read)(sqlite3_stmt *q, void *rec), void (*drop)(void *v, size_t n),
                     void **out, size_t *n, const char *what)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = stmt_get(st, s);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	char *v = NULL;
	size_t nv = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xgrow(v, elem, nv + 1, &cap);
		memset(v + nv * elem, 0, elem);
		read(q, v + nv++ * elem);
	}
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	if (err != FK_OK) {
		drop(v, nv);
		return err;
	}
	*out = v;
	*n = nv;
	return FK_OK;
}

static void read_material_rec(sqlite3_stmt *q, void *rec) { read_material(q, rec); }
static void drop_materials(void *v, size_t n) { store_materials_free(v, n); }

int store_material_list(struct store *st, int64_t id, struct store_material **out, size_t *n)
{
	void *v;
	int rc = read_list(st, STMT_MATERIAL_LIST, id, sizeof **out, read_material_rec,
	                   drop_materials, &v, n, "læs materiale");
	*out = v;
	return rc;
}

int store_material_get(struct store *st, int64_t mid, struct store_material *out,
                       unsigned char **data)
{
	memset(out, 0, sizeof *out);
	if (data)
		*data = NULL;
	sqlite3_stmt *q = stmt_get(st, STMT_MATERIAL_GET);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, mid);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW) {
		read_material(q, out);
		if (data) {
			const void *b = sqlite3_column_blob(q, 12);
			size_t n = (size_t)sqlite3_column_bytes(q, 12);
			*data = xmalloc(n + 1);
			if (n)
				memcpy(*data, b, n);
			out->size = (int64_t)n;
		}
	} else
		err = rc == SQLITE_DONE ? FK_ENOTFOUND : store_fail(st, rc, "læs materiale");
	stmt_done(q);
	return err;
}

int store_material_remove(struct store *st, const char *actor, int64_t mid, const char *reason,
                          struct diags *d)
{
	if (reason && blank(reason))
		reason = NULL;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_material f;
	if ((rc = store_material_get(st, mid, &f, NULL)) != FK_OK) {
		if (rc == FK_ENOTFOUND)
			diags_add(d, NULL, 0, 0, "material", "Der er intet materiale med nummer %lld.",
			          (long long)mid);
		return tx_leave(st, own, rc);
	}
	struct meeting mt;
	if ((rc = get_for_change(st, f.meeting, &mt, d)) != FK_OK) {
		store_material_clear(&f);
		return tx_leave(st, own, rc);
	}
	struct meeting_item *it = meeting_item_at(&mt, f.pos);
	bool withdraw = mt.state != MEETING_PLANNED;
	if (withdraw && !reason) {
		diags_add(d, NULL, 0, 0, "reason",
		          "Dagsordenen er udsendt. Skriv en begrundelse for at trække filen tilbage; "
		          "den vises som en rettelse ved punktet.");
		rc = FK_EINPUT;
	} else if ((rc = run_id(st, STMT_MATERIAL_DELETE, mid, "fjern materiale")) == FK_OK) {
		json_t *gone = material_json(&f, f.pos);
		json_object_set_new(gone, "withdrawn", report_str(withdraw ? reason : NULL));
		rc = audit_json(st, actor, "delete", "material", mid, gone, NULL);
		if (rc == FK_OK && withdraw && it) {
			json_t *before = item_json(it);
			char *why = xasprintf("Materiale »%s« trukket tilbage: %s", f.name, reason);
			add_amendment(it, why);
			if ((rc = update_item(st, f.meeting, it)) == FK_OK)
				rc = audit_json(st, actor, "amend", "meeting", f.meeting, before, item_json(it));
			else
				json_decref(before);
			if (rc == FK_OK)
				rc = tell_summoned(st, &mt, it, why);
			free(why);
		}
	}
	store_material_clear(&f);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- reference groups' statuses */

void store_mstatus_free(struct store_mstatus *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].body);
		free(v[i].actor);
		free(v[i].note);
	}
	free(v);
}

static void read_mstatus(sqlite3_stmt *q, void *rec)
{
	struct store_mstatus *x = rec;
	x->id = sqlite3_column_int64(q, 0);
	x->body = db_text(q, 1);
	x->submitted = col_date(q, 2);
	x->actor = db_text(q, 3);
	x->note = db_text(q, 4);
}

static void drop_mstatus(void *v, size_t n) { store_mstatus_free(v, n); }

int store_mstatus_list(struct store *st, int64_t id, struct store_mstatus **out, size_t *n)
{
	void *v;
	int rc = read_list(st, STMT_MSTATUS_LIST, id, sizeof **out, read_mstatus, drop_mstatus, &v, n,
	                   "læs statusser");
	*out = v;
	return rc;
}

/* Moves the diagnostics of src to d with "-KEY" after their field names. */
static void diags_keyed(struct diags *d, struct diags *src, const char *key)
{
	for (size_t i = 0; i < src->n; i++) {
		char field[160];
		snprintf(field, sizeof field, "%s-%s", src->v[i].field ? src->v[i].field : "status",
		         key);
		diags_add(d, NULL, 0, 0, field, "%s", src->v[i].msg);
	}
	diags_free(src);
	diags_init(src);
}

int store_mstatus_submit(struct store *st, const char *actor, const struct model *m,
                         const struct munic_table *mtab, int64_t id, const char *body,
                         const struct store_status_line *v, size_t n, const char *note,
                         fk_date day, int64_t *sid, struct diags *d)
{
	size_t nd = d->n;
	int b = body ? model_body_index(m, body) : -1;
	if (b < 0 || strcmp(m->bodies[b].kind, "reference-group") != 0) {
		diags_add(d, NULL, 0, 0, "body",
		          "»%s« er ikke en referencegruppe. Vælg den referencegruppe, statussen er fra.",
		          body ? body : "");
		return FK_EINPUT;
	}
	if (note && blank(note))
		note = NULL;
	econ_check_text(note, false, 4000, "note", "Bemærkningen", d);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct meeting mt;
	struct econ e;
	econ_init(&e, m->rate_ore);
	if ((rc = get_for_change(st, id, &mt, d)) != FK_OK) {
		econ_free(&e);
		return tx_leave(st, own, rc);
	}
	int *stv = NULL;
	if (mt.state >= MEETING_HELD) {
		diags_add(d, NULL, 0, 0, "state",
		          "Mødet er holdt, så der kan ikke længere indsendes status til det. Indsend "
		          "statussen til næste møde.");
		rc = FK_EINPUT;
		goto out;
	}
	if ((rc = store_econ_load(st, mtab, &e)) != FK_OK)
		goto out;
	stv = xcalloc(n + 1, sizeof *stv);
	struct diags tmp;
	diags_init(&tmp);
	for (size_t i = 0; i < n; i++) {
		int32_t k = v[i].initiative ? econ_initiative_find(&e, v[i].initiative) : -1;
		if (k < 0 || strcmp(e.inits[k].body, body) != 0) {
			diags_add(d, NULL, 0, 0, "initiative",
			          "»%s« er ikke et initiativ under %s. Angiv status for gruppens egne "
			          "initiativer.",
			          v[i].initiative ? v[i].initiative : "", m->bodies[b].name);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (v[j].initiative && !strcmp(v[j].initiative, v[i].initiative))
				diags_add(d, NULL, 0, 0, "initiative", "»%s« har fået status to gange.",
				          v[i].initiative);
		econ_check_report(v[i].status, v[i].reason, day, day, &stv[i], &tmp);
		diags_keyed(d, &tmp, v[i].initiative);
	}
	size_t have = 0;
	for (size_t k = 0; k < e.ninits; k++) {
		const struct econ_initiative *x = &e.inits[k];
		fk_date started = DATE_NONE;
		if (strcmp(x->body, body) != 0 || !x->created ||
		    date_parse(x->created, 10, &started) != 0 || started > day)
			continue;
		have++;
		bool found = false;
		for (size_t i = 0; i < n && !found; i++)
			found = v[i].initiative && !strcmp(v[i].initiative, x->key);
		if (!found)
			diags_add(d, NULL, 0, 0, NULL, "Vælg status for »%s«.", x->name);
		/* the field is named after the key */
		if (!found) {
			free(d->v[d->n - 1].field);
			d->v[d->n - 1].field = xasprintf("status-%s", x->key);
		}
	}
	if (d->n == nd && have == 0 && !note) {
		diags_add(d, NULL, 0, 0, "note",
		          "%s har ingen igangsatte initiativer. Skriv en bemærkning som status.",
		          m->bodies[b].name);
	}
	if (d->n > nd) {
		rc = FK_EINPUT;
		goto out;
	}
	for (size_t i = 0; rc == FK_OK && i < n; i++)
		rc = store_initiative_report(st, actor, &e.inits[econ_initiative_find(&e, v[i].initiative)],
		                             day, stv[i], v[i].reason);
	sqlite3_stmt *q;
	if (rc != FK_OK || !(q = stmt_get(st, STMT_MSTATUS_INSERT))) {
		rc = rc != FK_OK ? rc : FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, body, -1, SQLITE_STATIC);
	bind_date(q, 3, day);
	sqlite3_bind_text(q, 4, actor, -1, SQLITE_STATIC);
	bind_opt(q, 5, note);
	if ((rc = step_done(st, q, "gem status")) != FK_OK)
		goto out;
	int64_t newid = sqlite3_last_insert_rowid(st->db);
	if (sid)
		*sid = newid;
	json_t *lines = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(lines, json_pack("{s:s, s:s, s:o}", "initiative", v[i].initiative,
		                                       "status", econ_status_name(stv[i]), "reason",
		                                       report_str(v[i].reason && *v[i].reason ? v[i].reason
		                                                                        : NULL)));
	rc = audit_json(st, actor, "create", "meeting_status", newid, NULL,
	                json_pack("{s:I, s:s, s:o, s:o, s:b, s:o}", "meeting", (json_int_t)id,
	                          "body", body, "submitted", report_date(day), "note", report_str(note), "late",
	                          day > mt.statuses, "statuses", lines));
out:
	free(stv);
	econ_free(&e);
	meeting_free(&mt);
	return tx_leave(st, own, rc);
}

int store_meeting_overview(struct store *st, const struct model *m, const struct munic_table *mtab,
                           int64_t id, fk_date day, json_t **out)
{
	*out = NULL;
	struct meeting mt;
	int rc = store_meeting_get(st, id, &mt);
	if (rc != FK_OK)
		return rc;
	struct meeting *all = NULL;
	size_t nall = 0;
	struct store_mstatus *sv = NULL;
	size_t nsv = 0;
	struct case_set cs = {0};
	struct econ e;
	econ_init(&e, m->rate_ore);
	if ((rc = store_meeting_list(st, 0, false, &all, &nall)) != FK_OK ||
	    (rc = store_mstatus_list(st, id, &sv, &nsv)) != FK_OK ||
	    (rc = store_cases_load(st, 0, &cs)) != FK_OK || (rc = store_econ_load(st, mtab, &e)) != FK_OK)
		goto out;
	fk_date previous = DATE_NONE;
	for (size_t i = 0; i < nall; i++)
		if (all[i].date < mt.date && (previous == DATE_NONE || all[i].date > previous))
			previous = all[i].date;
	struct overview_submission *ov = xcalloc(nsv + 1, sizeof *ov);
	for (size_t i = 0; i < nsv; i++)
		ov[i] = (struct overview_submission){sv[i].body, sv[i].submitted, sv[i].actor,
		                                     sv[i].note};
	*out = overview_json(m, &e, &cs, &mt, previous, ov, nsv, day);
	free(ov);
out:
	econ_free(&e);
	case_set_free(&cs);
	store_mstatus_free(sv, nsv);
	meetings_free(all, nall);
	meeting_free(&mt);
	return rc;
}
