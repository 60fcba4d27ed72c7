/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Cases (sager) and the steering group's goals: raising a case, applying a checked event to
 * it, loading cases with their tags, events and decisions; adding goals and status reports,
 * loading goals. Each change is audited in the same transaction as the change itself. The
 * checks of what a user may do live in src/core/cases.c and goals.c; here the state a change
 * was checked against is checked once more under the write lock. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

#define JSON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS)

/* ---------------------------------------------------------------- helpers */

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

/* A copy of column i, NULL for SQL NULL. */
static char *col_dup(sqlite3_stmt *q, int i)
{
	if (sqlite3_column_type(q, i) == SQLITE_NULL)
		return NULL;
	return xstrndup((const char *)sqlite3_column_text(q, i),
	                (size_t)sqlite3_column_bytes(q, i));
}

static fk_date col_date(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	fk_date t;
	return s && date_parse(s, strlen(s), &t) == 0 ? t : DATE_NONE;
}

/* Runs q (bound by the caller), which returns no rows, and resets it. */
static int step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Appends an audit row with before and after as JSON (either may be NULL; both are
 * released). A failure poisons the transaction, so the change is never committed
 * unaudited. */
static int audit_json(struct store *st, const char *actor, const char *action, const char *entity,
                      const char *eid, json_t *before, json_t *after)
{
	char *b = before ? json_dumps(before, JSON_FLAGS) : NULL;
	char *a = after ? json_dumps(after, JSON_FLAGS) : NULL;
	int rc;
	if ((before && !b) || (after && !a)) {
		fprintf(stderr, "fkigov: ændringen kunne ikke skrives som JSON til audit-loggen\n");
		rc = FK_EDB;
	} else {
		rc = audit_append(st, actor, action, entity, eid, strlen(eid), b, b ? strlen(b) : 0,
		                  a, a ? strlen(a) : 0);
	}
	if (rc != FK_OK)
		st->poisoned = true;
	json_decref(before);
	json_decref(after);
	free(b);
	free(a);
	return rc;
}

/* ---------------------------------------------------------------- cases: changes */

static int insert_event(struct store *st, int64_t id, const char *event, const char *from,
                        const char *to, const char *actor, const char *at, const char *text,
                        const char *assignee, int64_t *eid)
{
	sqlite3_stmt *q = stmt_get(st, STMT_CASE_EVENT_INSERT);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, event, -1, SQLITE_STATIC);
	bind_text_or_null(q, 3, from);
	sqlite3_bind_text(q, 4, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, at, -1, SQLITE_STATIC);
	bind_text_or_null(q, 7, text);
	bind_text_or_null(q, 8, assignee);
	int rc = step_done(st, q, "gem sagens hændelse");
	if (rc == FK_OK && eid)
		*eid = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_case_raise(struct store *st, const char *actor, struct case_rec *c)
{
	assert(st && actor && c && c->title && c->text && c->raised_by);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	char now[32], date[11], eid[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	date_format(c->raised_on, date);
	int64_t id = 0;
	json_t *tags = json_array();
	sqlite3_stmt *q = stmt_get(st, STMT_CASE_INSERT);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_text(q, 1, c->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, c->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, c->raised_by, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, date, 10, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
	if ((rc = step_done(st, q, "gem sag")) != FK_OK)
		goto out;
	id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < c->ntags; i++) {
		if (!(q = stmt_get(st, STMT_CASE_TAG_INSERT))) {
			rc = FK_EDB;
			goto out;
		}
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_text(q, 2, c->tags[i], -1, SQLITE_STATIC);
		if ((rc = step_done(st, q, "gem sagens emne")) != FK_OK)
			goto out;
		json_array_append_new(tags, json_string(c->tags[i]));
	}
	if ((rc = insert_event(st, id, "raise", NULL, "raised", actor, now, c->text, NULL, NULL)) !=
	    FK_OK)
		goto out;
	case_id_format(id, eid, sizeof eid);
	rc = audit_json(st, actor, "create", "case", eid, NULL,
	                json_pack("{s:s, s:s, s:s, s:O, s:s, s:s}", "raised_by", c->raised_by,
	                          "raised_on", date, "state", "raised", "tags", tags, "text",
	                          c->text, "title", c->title));
out:
	json_decref(tags);
	if (rc == FK_OK) {
		c->id = id;
		c->state = CASE_RAISED;
		free(c->created);
		free(c->updated);
		c->created = xstrdup(now);
		c->updated = xstrdup(now);
	}
	return tx_leave(st, own, rc);
}

int store_case_apply(struct store *st, const char *actor, int64_t id, const struct case_change *ch)
{
	assert(st && actor && ch);
	bool own;
	int rc = tx_enter(st, &own), src;
	if (rc != FK_OK)
		return rc;
	char now[32], eid[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	case_id_format(id, eid, sizeof eid);
	char *state = NULL, *assignee = NULL, *rec = NULL;
	sqlite3_stmt *q = stmt_get(st, STMT_CASE_STATE);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	src = sqlite3_step(q);
	if (src == SQLITE_ROW) {
		state = col_dup(q, 0);
		assignee = col_dup(q, 1);
		rec = col_dup(q, 2);
	} else if (src == SQLITE_DONE) {
		rc = FK_ENOTFOUND;
	} else {
		rc = store_fail(st, src, "læs sag");
	}
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if (!state || case_state_parse(state) != (int)ch->from) {
		snprintf(st->conflict, sizeof st->conflict,
		         "Sagen %s er ændret imens (status %s). Hent sagen igen, og prøv igen.",
		         eid, case_state_title(case_state_parse(state)));
		rc = FK_ECONFLICT;
		goto out;
	}
	/* What the case says after the event. */
	const char *new_assignee = ch->event == CEV_ASSIGN ? ch->assignee : assignee;
	const char *new_rec = ch->event == CEV_RECOMMEND   ? ch->text
	                      : ch->event == CEV_SEND_BACK ? NULL
	                                                   : rec;
	const char *from = case_state_name((int)ch->from), *to = case_state_name((int)ch->to);
	if (!(q = stmt_get(st, STMT_CASE_UPDATE))) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, to, -1, SQLITE_STATIC);
	bind_text_or_null(q, 3, new_assignee);
	bind_text_or_null(q, 4, new_rec);
	sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, from, -1, SQLITE_STATIC);
	if ((rc = step_done(st, q, "gem sag")) != FK_OK)
		goto out;
	if (sqlite3_changes(st->db) != 1) {
		snprintf(st->conflict, sizeof st->conflict, "Sagen %s er ændret imens.", eid);
		rc = FK_ECONFLICT;
		goto out;
	}
	int64_t event_id = 0;
	if ((rc = insert_event(st, id, case_event_name((int)ch->event), from, to, actor, now,
	                       ch->text, ch->event == CEV_ASSIGN ? ch->assignee : NULL,
	                       &event_id)) != FK_OK)
		goto out;
	json_t *decision = json_null();
	if (ch->has_decision) {
		char date[11];
		date_format(ch->decision.date, date);
		if (!(q = stmt_get(st, STMT_CASE_DECISION_INSERT))) {
			json_decref(decision);
			rc = FK_EDB;
			goto out;
		}
		sqlite3_bind_int64(q, 1, id);
		sqlite3_bind_int64(q, 2, event_id);
		sqlite3_bind_text(q, 3, case_kind_name((int)ch->decision.kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, ch->decision.text, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 5, date, 10, SQLITE_STATIC);
		bind_text_or_null(q, 6, ch->decision.meeting);
		if ((rc = step_done(st, q, "gem afgørelse")) != FK_OK) {
			json_decref(decision);
			goto out;
		}
		json_decref(decision);
		decision = case_decision_json(&ch->decision);
	}
	json_t *before = json_pack("{s:o, s:o, s:s}", "assignee", str_or_null(assignee),
	                           "recommendation", str_or_null(rec), "state", from);
	json_t *after =
	    json_pack("{s:o, s:o, s:s, s:s, s:o}", "assignee", str_or_null(new_assignee),
	              "recommendation", str_or_null(new_rec), "state", to, "event",
	              case_event_name((int)ch->event), "text", str_or_null(ch->text));
	if (ch->has_decision)
		json_object_set_new(after, "decision", decision);
	else
		json_decref(decision);
	rc = audit_json(st, actor, "update", "case", eid, before, after);
out:
	free(state);
	free(assignee);
	free(rec);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- cases: loading */

/* The case with id in s (sorted by id), or NULL. */
static struct case_rec *find_case(const struct case_set *s, int64_t id)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->v[lo].id == id ? &s->v[lo] : NULL;
}

/* Prepares list statement k with ?1 = id (NULL for 0). */
static sqlite3_stmt *list_stmt(struct store *st, enum stmt k, int64_t id)
{
	sqlite3_stmt *q = stmt_get(st, k);
	if (!q)
		return NULL;
	if (id)
		sqlite3_bind_int64(q, 1, id);
	else
		sqlite3_bind_null(q, 1);
	return q;
}

int store_cases_load(struct store *st, int64_t id, struct case_set *out)
{
	assert(st && out && out->n == 0);
	int rc, err = FK_OK;
	sqlite3_stmt *q = list_stmt(st, STMT_CASE_LIST, id);
	if (!q)
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct case_rec *c = case_set_add(out);
		c->id = sqlite3_column_int64(q, 0);
		c->title = col_dup(q, 1);
		c->text = col_dup(q, 2);
		c->raised_by = col_dup(q, 3);
		c->raised_on = col_date(q, 4);
		int s = case_state_parse((const char *)sqlite3_column_text(q, 5));
		c->state = s >= 0 ? (enum case_state)s : CASE_RAISED;
		c->assignee = col_dup(q, 6);
		c->recommendation = col_dup(q, 7);
		c->created = col_dup(q, 8);
		c->updated = col_dup(q, 9);
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs sager");
	stmt_done(q);
	if (err != FK_OK || !out->n)
		return err;

	if (!(q = list_stmt(st, STMT_CASE_TAG_LIST, id)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct case_rec *c = find_case(out, sqlite3_column_int64(q, 0));
		if (!c)
			continue;
		c->tags = xrealloc(c->tags, (c->ntags + 1) * sizeof *c->tags);
		c->tags[c->ntags++] = col_dup(q, 1);
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs sagernes emner");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = list_stmt(st, STMT_CASE_EVENT_LIST, id)))
		return FK_EDB;
	size_t cap = 0;
	struct case_rec *last = NULL;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct case_rec *c = find_case(out, sqlite3_column_int64(q, 1));
		if (!c)
			continue;
		if (c != last) {
			cap = c->nevents;
			last = c;
		}
		c->events = xgrow(c->events, sizeof *c->events, c->nevents + 1, &cap);
		struct case_event_rec *e = &c->events[c->nevents++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(q, 0);
		int ev = case_event_parse((const char *)sqlite3_column_text(q, 2));
		e->event = ev >= 0 ? (enum case_event)ev : CEV_RAISE;
		e->from = sqlite3_column_type(q, 3) == SQLITE_NULL
		              ? -1
		              : case_state_parse((const char *)sqlite3_column_text(q, 3));
		int to = case_state_parse((const char *)sqlite3_column_text(q, 4));
		e->to = to >= 0 ? (enum case_state)to : CASE_RAISED;
		e->actor = col_dup(q, 5);
		e->at = col_dup(q, 6);
		e->text = col_dup(q, 7);
		e->assignee = col_dup(q, 8);
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs sagernes forløb");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = list_stmt(st, STMT_CASE_DECISION_LIST, id)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct case_rec *c = find_case(out, sqlite3_column_int64(q, 1));
		if (!c || c->has_decision)
			continue;
		c->has_decision = true;
		c->decision.id = sqlite3_column_int64(q, 0);
		int k = case_kind_parse((const char *)sqlite3_column_text(q, 2));
		c->decision.kind = k >= 0 ? (enum case_decision_kind)k : CDK_DECISION;
		c->decision.text = col_dup(q, 3);
		c->decision.date = col_date(q, 4);
		c->decision.meeting = col_dup(q, 5);
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs afgørelser");
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- goals */

int store_goal_add(struct store *st, const char *actor, struct goal_rec *g)
{
	assert(st && actor && g && g->text && g->indicator && g->target);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	char now[32], set_on[11], eid[24];
	snprintf(now, sizeof now, "%s", store_now(st));
	date_format(g->set_on, set_on);
	sqlite3_stmt *q = stmt_get(st, STMT_GOAL_INSERT);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int(q, 1, g->year);
	sqlite3_bind_text(q, 2, g->text, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, g->indicator, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, g->target, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, set_on, 10, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
	if ((rc = step_done(st, q, "gem mål")) != FK_OK)
		goto out;
	int64_t id = sqlite3_last_insert_rowid(st->db);
	snprintf(eid, sizeof eid, "%lld", (long long)id);
	rc = audit_json(st, actor, "create", "goal", eid, NULL,
	                json_pack("{s:s, s:s, s:s, s:s, s:i}", "indicator", g->indicator, "set_on",
	                          set_on, "target", g->target, "text", g->text, "year", g->year));
	if (rc == FK_OK) {
		g->id = id;
		free(g->created);
		g->created = xstrdup(now);
	}
out:
	return tx_leave(st, own, rc);
}

int store_goal_status_add(struct store *st, const char *actor, int64_t goal,
                          struct goal_status_rec *s)
{
	assert(st && actor && s && s->note);
	bool own;
	int rc = tx_enter(st, &own), src;
	if (rc != FK_OK)
		return rc;
	char now[32], date[11], eid[24];
	snprintf(now, sizeof now, "%s", store_now(st));
	snprintf(eid, sizeof eid, "%lld", (long long)goal);
	date_format(s->date, date);
	json_t *before = NULL;
	/* The goal exists? Its latest report is the "before" of the audit row. */
	struct goal_set gs = {0};
	if ((rc = store_goals_load(st, goal, 0, &gs)) != FK_OK)
		goto out;
	if (!gs.n) {
		rc = FK_ENOTFOUND;
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_GOAL_STATUS_LATEST);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, goal);
	src = sqlite3_step(q);
	if (src == SQLITE_ROW)
		before =
		    json_pack("{s:s, s:s, s:s}", "status", (const char *)sqlite3_column_text(q, 0),
		              "status_date", (const char *)sqlite3_column_text(q, 1), "status_note",
		              (const char *)sqlite3_column_text(q, 2));
	else if (src == SQLITE_DONE)
		before = json_pack("{s:n, s:n, s:n}", "status", "status_date", "status_note");
	else
		rc = store_fail(st, src, "læs målets status");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if (!(q = stmt_get(st, STMT_GOAL_STATUS_INSERT))) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, goal);
	sqlite3_bind_text(q, 2, date, 10, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, goal_status_name((int)s->status), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, s->note, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
	if ((rc = step_done(st, q, "gem målets status")) != FK_OK)
		goto out;
	int64_t sid = sqlite3_last_insert_rowid(st->db);
	rc = audit_json(st, actor, "update", "goal", eid, before,
	                json_pack("{s:s, s:s, s:s}", "status", goal_status_name((int)s->status),
	                          "status_date", date, "status_note", s->note));
	before = NULL;
	if (rc == FK_OK) {
		s->id = sid;
		free(s->actor);
		free(s->at);
		s->actor = xstrdup(actor);
		s->at = xstrdup(now);
	}
out:
	json_decref(before);
	goal_set_free(&gs);
	return tx_leave(st, own, rc);
}

int store_goals_load(struct store *st, int64_t id, int year, struct goal_set *out)
{
	assert(st && out && out->n == 0);
	int rc, err = FK_OK;
	for (int pass = 0; pass < 2 && err == FK_OK; pass++) {
		sqlite3_stmt *q = list_stmt(st, pass ? STMT_GOAL_STATUS_LIST : STMT_GOAL_LIST, id);
		if (!q)
			return FK_EDB;
		if (year)
			sqlite3_bind_int(q, 2, year);
		else
			sqlite3_bind_null(q, 2);
		size_t cap = 0;
		struct goal_rec *last = NULL;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			if (!pass) {
				struct goal_rec *g = goal_set_add(out);
				g->id = sqlite3_column_int64(q, 0);
				g->year = sqlite3_column_int(q, 1);
				g->text = col_dup(q, 2);
				g->indicator = col_dup(q, 3);
				g->target = col_dup(q, 4);
				g->set_on = col_date(q, 5);
				g->created = col_dup(q, 6);
				continue;
			}
			struct goal_rec *g = goal_set_find(out, sqlite3_column_int64(q, 1));
			if (!g)
				continue;
			if (g != last) {
				cap = g->nstatus;
				last = g;
			}
			g->status = xgrow(g->status, sizeof *g->status, g->nstatus + 1, &cap);
			struct goal_status_rec *s = &g->status[g->nstatus++];
			memset(s, 0, sizeof *s);
			s->id = sqlite3_column_int64(q, 0);
			s->date = col_date(q, 2);
			int k = goal_status_parse((const char *)sqlite3_column_text(q, 3));
			s->status = k >= 0 ? (enum goal_status)k : GOAL_ON_TRACK;
			s->note = col_dup(q, 4);
			s->actor = col_dup(q, 5);
			s->at = col_dup(q, 6);
		}
		if (rc != SQLITE_DONE)
			err = store_fail(st, rc, pass ? "læs målenes status" : "læs mål");
		stmt_done(q);
	}
	return err;
}
