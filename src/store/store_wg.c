/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Working groups and written hearings: proposals, staffing plans, the priority list, the
 * steps of the life cycle (core/wg.h's state machine), hearing answers and members. Every
 * change is checked here, in the caller's transaction, and audited with it:
 *
 *   entity "working-group"  id "ag-N"               the group's row before and after (a step
 *                                                     adds "step": {event, date, text})
 *   entity "wg-staffing"    id "ag-N/S"             a row of the staffing plan
 *   entity "wg-priority"    id "prioritering"       the whole order before and after
 *   entity "wg-answer"      id "ag-N/PERSON"        a hearing answer
 *   entity "wg-member"      id "ag-N/PERSON/START"  a membership
 *
 * Refusals come back as FK_EINPUT (bad input), FK_ENOTFOUND (no such group or person) or
 * FK_ECONFLICT (the group's state or the rules do not allow it), each with a Danish message
 * and the input field it concerns in struct store_wg_err. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mail.h"
#include "core/notify.h"
#include "core/report.h"
#include "core/wg.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

#define TOPIC_MAX WG_TOPIC_MAX
#define QUESTION_MAX WG_TEXT_MAX
#define TEXT_MAX WG_TEXT_MAX
#define NOTE_MAX WG_NOTE_MAX
#define ROLE_MAX WG_ROLE_MAX

/* ---------------------------------------------------------------- helpers */

static int refuse(struct store_wg_err *e, int rc, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int refuse(struct store_wg_err *e, int rc, const char *field, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	}
	return rc;
}

/* A database failure: the message for users, the SQLite text on stderr (store_fail). */
static int db_fail(struct store *st, struct store_wg_err *e, int src, const char *what)
{
	int rc = store_fail(st, src, what);
	if (rc == FK_ECONFLICT)
		fprintf(stderr, "fkigov: databasen afviste ændringen (%s): %s\n", what,
		        store_conflict(st));
	refuse(e, FK_EDB, NULL,
	       "Ændringen kunne ikke gemmes på grund af en fejl i databasen. Intet er ændret. "
	       "Prøv igen om lidt.");
	return FK_EDB;
}

static int no_stmt(struct store_wg_err *e)
{
	return refuse(e, FK_EDB, NULL,
	              "Databasen kunne ikke læses eller skrives. Intet er ændret. Prøv igen om "
	              "lidt.");
}

static const char *col_text(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? NULL
	                                                : (const char *)sqlite3_column_text(q, i);
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const char *s = col_text(q, i);
	return s ? xstrdup(s) : NULL;
}

static fk_date col_date(sqlite3_stmt *q, int i)
{
	const char *s = col_text(q, i);
	fk_date d;
	if (!s || date_parse(s, strlen(s), &d) != 0)
		return DATE_NONE;
	return d;
}

static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

/* Binds a date as text, NULL for DATE_NONE / DATE_OPEN. */
static void bind_date(sqlite3_stmt *q, int i, fk_date d)
{
	if (d == DATE_NONE || d == DATE_OPEN) {
		sqlite3_bind_null(q, i);
		return;
	}
	char s[11];
	date_format(d, s);
	sqlite3_bind_text(q, i, s, 10, SQLITE_TRANSIENT);
}

/* Appends an audit row with before/after as JSON objects (taken; either may be NULL). A
 * failure poisons the transaction: nothing is committed unaudited. */
static int audit(struct store *st, struct store_wg_err *e, const char *actor, const char *action,
                 const char *entity, const char *eid, json_t *before, json_t *after)
{
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(before);
	json_decref(after);
	int rc = audit_append(st, actor, action, entity, eid, strlen(eid), b, b ? strlen(b) : 0, a,
	                      a ? strlen(a) : 0);
	free(b);
	free(a);
	if (rc != FK_OK) {
		st->poisoned = true;
		return refuse(e, rc, NULL,
		              "Ændringen kunne ikke skrives i revisionsloggen. Intet er ændret. "
		              "Prøv igen om lidt.");
	}
	return FK_OK;
}

/* Runs a prepared write statement to its end. */
static int step_done(struct store *st, struct store_wg_err *e, sqlite3_stmt *q, const char *what)
{
	int src = sqlite3_step(q);
	stmt_done(q);
	return src == SQLITE_DONE ? FK_OK : db_fail(st, e, src, what);
}

/* ---------------------------------------------------------------- loading */

static int load_row(struct store *st, int64_t id, struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_GET);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	int src = sqlite3_step(q), rc = FK_OK;
	if (src == SQLITE_ROW) {
		w->id = sqlite3_column_int64(q, 0);
		snprintf(w->key, sizeof w->key, "ag-%lld", (long long)w->id);
		w->topic = col_dup(q, 1);
		w->question = col_dup(q, 2);
		w->reference_group = col_dup(q, 3);
		w->proposer = col_dup(q, 4);
		int s = wg_state_parse(col_text(q, 5));
		w->state = s >= 0 ? (enum wg_state)s : WG_PROPOSED;
		w->start = col_date(q, 6);
		w->end = col_date(q, 7);
		w->hours = sqlite3_column_int64(q, 8);
		w->ore = sqlite3_column_int64(q, 9);
		w->hearing_opened = col_date(q, 10);
		w->hearing_deadline = col_date(q, 11);
		w->decided = col_date(q, 12);
		w->summary = col_dup(q, 13);
		w->delivery = col_dup(q, 14);
		w->created = col_dup(q, 15);
		w->rank = sqlite3_column_type(q, 16) == SQLITE_NULL ? 0 : sqlite3_column_int(q, 16);
		if (s < 0)
			fprintf(stderr,
			        "fkigov: arbejdsgruppe %s har en ukendt status i databasen\n",
			        w->key);
	} else if (src == SQLITE_DONE) {
		rc = FK_ENOTFOUND;
	} else {
		rc = store_fail(st, src, "læs arbejdsgruppe");
	}
	stmt_done(q);
	return rc;
}

static int load_staff(struct store *st, struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_STAFF);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, w->id);
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		w->staff = xgrow(w->staff, sizeof *w->staff, w->nstaff + 1, &cap);
		struct wg_staff *s = &w->staff[w->nstaff++];
		s->id = sqlite3_column_int64(q, 0);
		s->person = col_dup(q, 1);
		s->person_name = col_dup(q, 2);
		s->profile = col_dup(q, 3);
		int o = wg_org_parse(col_text(q, 4));
		s->org = o >= 0 ? (enum wg_org)o : WG_ORG_RG;
		s->note = col_dup(q, 5);
	}
	int rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs bemandingsforslag");
	stmt_done(q);
	return rc;
}

static int load_answers(struct store *st, struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_ANSWERS);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, w->id);
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		w->answers = xgrow(w->answers, sizeof *w->answers, w->nanswers + 1, &cap);
		struct wg_answer *a = &w->answers[w->nanswers++];
		a->id = sqlite3_column_int64(q, 0);
		a->person = col_dup(q, 1);
		a->name = col_dup(q, 2);
		int p = wg_position_parse(col_text(q, 3));
		a->position = p >= 0 ? (enum wg_position)p : WG_POS_REMARK;
		a->text = col_dup(q, 4);
		a->date = col_date(q, 5);
		a->actor = col_dup(q, 6);
		a->on_behalf = sqlite3_column_int(q, 7) != 0;
	}
	int rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs høringssvar");
	stmt_done(q);
	return rc;
}

static int load_members(struct store *st, struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_MEMBERS);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, w->id);
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		w->members = xgrow(w->members, sizeof *w->members, w->nmembers + 1, &cap);
		struct wg_member *m = &w->members[w->nmembers++];
		m->id = sqlite3_column_int64(q, 0);
		m->person = col_dup(q, 1);
		m->name = col_dup(q, 2);
		m->org = seat_parse(col_text(q, 3));
		m->munic = sqlite3_column_type(q, 4) == SQLITE_NULL ? 0 : sqlite3_column_int(q, 4);
		m->role = col_dup(q, 5);
		m->start = col_date(q, 6);
		m->end = sqlite3_column_type(q, 7) == SQLITE_NULL ? DATE_OPEN : col_date(q, 7);
	}
	int rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs medlemmer");
	stmt_done(q);
	return rc;
}

static int load_steps(struct store *st, struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_STEPS);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, w->id);
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		w->steps = xgrow(w->steps, sizeof *w->steps, w->nsteps + 1, &cap);
		struct wg_step *s = &w->steps[w->nsteps++];
		int ev = wg_event_parse(col_text(q, 0));
		s->event = ev >= 0 ? (enum wg_event)ev : WG_EV_PROPOSE;
		s->from = col_text(q, 1) ? wg_state_parse(col_text(q, 1)) : -1;
		int to = wg_state_parse(col_text(q, 2));
		s->to = to >= 0 ? (enum wg_state)to : WG_PROPOSED;
		s->date = col_date(q, 3);
		s->actor = col_dup(q, 4);
		s->text = col_dup(q, 5);
		s->at = col_dup(q, 6);
	}
	int rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs arbejdsgruppens forløb");
	stmt_done(q);
	return rc;
}

/* Loads working group id with everything it has. FK_ENOTFOUND when there is none. */
static int load_one(struct store *st, int64_t id, struct wg *w)
{
	memset(w, 0, sizeof *w);
	int rc = load_row(st, id, w);
	if (rc == FK_OK)
		rc = load_staff(st, w);
	if (rc == FK_OK)
		rc = load_answers(st, w);
	if (rc == FK_OK)
		rc = load_members(st, w);
	if (rc == FK_OK)
		rc = load_steps(st, w);
	if (rc != FK_OK)
		wg_clear(w);
	return rc;
}

/* Reads in one snapshot: a read transaction of its own unless one is open. */
static int read_begin(struct store *st, bool *own)
{
	*own = sqlite3_get_autocommit(st->db);
	return *own ? stmt_run(st, STMT_BEGIN_READ, "begynd læsning") : FK_OK;
}

static void read_end(struct store *st, bool own)
{
	if (own)
		(void)stmt_run(st, STMT_ROLLBACK, "afslut læsning");
}

int store_wg_list(struct store *st, struct wg **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	bool own;
	int rc = read_begin(st, &own);
	if (rc != FK_OK)
		return rc;
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_WG_IDS);
	if (!q) {
		read_end(st, own);
		return FK_EDB;
	}
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		ids = xgrow(ids, sizeof *ids, nids + 1, &cap);
		ids[nids++] = sqlite3_column_int64(q, 0);
	}
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs arbejdsgrupper");
	stmt_done(q);
	struct wg *v = nids ? xcalloc(nids, sizeof *v) : NULL;
	size_t k = 0;
	for (; rc == FK_OK && k < nids; k++)
		rc = load_one(st, ids[k], &v[k]);
	read_end(st, own);
	free(ids);
	if (rc != FK_OK) {
		wg_list_free(v, k);
		return rc;
	}
	*out = v;
	*n = nids;
	return FK_OK;
}

int store_wg_get(struct store *st, const char *key, struct wg *out)
{
	memset(out, 0, sizeof *out);
	int64_t id = wg_key_parse(key);
	if (!id)
		return FK_ENOTFOUND;
	bool own;
	int rc = read_begin(st, &own);
	if (rc != FK_OK)
		return rc;
	rc = load_one(st, id, out);
	read_end(st, own);
	return rc;
}

/* Loads the group named key for a change, or refuses. */
static int load_for_change(struct store *st, struct store_wg_err *e, const char *key, struct wg *w)
{
	memset(w, 0, sizeof *w);
	int64_t id = wg_key_parse(key);
	int rc = id ? load_one(st, id, w) : FK_ENOTFOUND;
	if (rc == FK_ENOTFOUND)
		return refuse(e, rc, "id",
		              "Arbejdsgruppen »%s« findes ikke. Arbejdsgrupper har id'er som ag-1.",
		              key ? key : "");
	if (rc != FK_OK)
		return no_stmt(e);
	return FK_OK;
}

/* ---------------------------------------------------------------- audit documents */

static json_t *row_json(const struct wg *w)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(w->key));
	json_object_set_new(o, "topic", report_str(w->topic));
	json_object_set_new(o, "question", report_str(w->question));
	json_object_set_new(o, "reference_group", report_str(w->reference_group));
	json_object_set_new(o, "proposer", report_str(w->proposer));
	json_object_set_new(o, "state", json_string(wg_state_name(w->state)));
	json_object_set_new(o, "start", report_date(w->start));
	json_object_set_new(o, "end", report_date(w->end));
	json_object_set_new(o, "hours", json_integer((json_int_t)w->hours));
	json_object_set_new(o, "ore", json_integer((json_int_t)w->ore));
	json_object_set_new(o, "hearing_opened", report_date(w->hearing_opened));
	json_object_set_new(o, "hearing_deadline", report_date(w->hearing_deadline));
	json_object_set_new(o, "decided", report_date(w->decided));
	json_object_set_new(o, "summary", report_str(w->summary));
	json_object_set_new(o, "delivery", report_str(w->delivery));
	return o;
}

/* Writes w's row back (every column but id and created). */
static int write_row(struct store *st, struct store_wg_err *e, const struct wg *w)
{
	sqlite3_stmt *q = stmt_get(st, STMT_WG_UPDATE);
	if (!q)
		return no_stmt(e);
	sqlite3_bind_int64(q, 1, w->id);
	bind_str(q, 2, w->topic);
	bind_str(q, 3, w->question);
	bind_str(q, 4, w->reference_group);
	bind_str(q, 5, w->proposer);
	sqlite3_bind_text(q, 6, wg_state_name(w->state), -1, SQLITE_STATIC);
	bind_date(q, 7, w->start);
	bind_date(q, 8, w->end);
	sqlite3_bind_int64(q, 9, w->hours);
	sqlite3_bind_int64(q, 10, w->ore);
	bind_date(q, 11, w->hearing_opened);
	bind_date(q, 12, w->hearing_deadline);
	bind_date(q, 13, w->decided);
	bind_str(q, 14, w->summary);
	bind_str(q, 15, w->delivery);
	return step_done(st, e, q, "gem arbejdsgruppe");
}

/* ---------------------------------------------------------------- the priority list */

/* The ids of the ranked groups, rank 1 first. */
static int prio_read(struct store *st, int64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_WG_PRIO_ALL);
	if (!q)
		return FK_EDB;
	size_t cap = 0;
	int src;
	while ((src = sqlite3_step(q)) == SQLITE_ROW) {
		*ids = xgrow(*ids, sizeof **ids, *n + 1, &cap);
		(*ids)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	int rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "læs prioritering");
	stmt_done(q);
	return rc;
}

static json_t *prio_json(const int64_t *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char k[24];
		snprintf(k, sizeof k, "ag-%lld", (long long)ids[i]);
		json_array_append_new(a, json_string(k));
	}
	return json_pack("{s:o}", "order", a);
}

/* Replaces the priority list by ids[0..n) (rank i+1) and audits old -> new. */
static int prio_write(struct store *st, struct store_wg_err *e, const char *actor,
                      const int64_t *old, size_t nold, const int64_t *ids, size_t n)
{
	if (nold == n && (n == 0 || !memcmp(old, ids, n * sizeof *ids)))
		return FK_OK;
	int rc = stmt_run(st, STMT_WG_PRIO_CLEAR, "ryd prioritering");
	if (rc != FK_OK)
		return db_fail(st, e, SQLITE_ERROR, "ryd prioritering");
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *q = stmt_get(st, STMT_WG_PRIO_INSERT);
		if (!q)
			return no_stmt(e);
		sqlite3_bind_int64(q, 1, ids[i]);
		sqlite3_bind_int64(q, 2, (int64_t)i + 1);
		if ((rc = step_done(st, e, q, "gem prioritering")) != FK_OK)
			return rc;
	}
	return audit(st, e, actor, "update", "wg-priority", "prioritering", prio_json(old, nold),
	             prio_json(ids, n));
}

/* Takes id out of the priority list (it is no longer planned or running). */
static int prio_remove(struct store *st, struct store_wg_err *e, const char *actor, int64_t id)
{
	int64_t *ids, *rest;
	size_t n, k = 0;
	if (prio_read(st, &ids, &n) != FK_OK)
		return no_stmt(e);
	rest = xmalloc((n + 1) * sizeof *rest);
	for (size_t i = 0; i < n; i++)
		if (ids[i] != id)
			rest[k++] = ids[i];
	int rc = prio_write(st, e, actor, ids, n, rest, k);
	free(ids);
	free(rest);
	return rc;
}

int store_wg_priority_set(struct store *st, const char *actor, const char *key, int rank,
                          struct store_wg_err *e)
{
	assert(st && actor);
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	int64_t *ids = NULL, *neu = NULL;
	size_t n = 0;
	if (!wg_state_active(w.state) || w.rank <= 0) {
		rc = refuse(e, FK_ECONFLICT, "rank",
		            "Kun planlagte og igangværende arbejdsgrupper har en prioritet. "
		            "Arbejdsgruppens status er »%s«.",
		            wg_state_label(w.state));
		goto out;
	}
	if ((rc = prio_read(st, &ids, &n)) != FK_OK) {
		rc = no_stmt(e);
		goto out;
	}
	if (rank < 1 || (size_t)rank > n) {
		rc =
		    refuse(e, FK_EINPUT, "rank",
		           "Prioriteten skal være et helt tal fra 1 (højest) til %zu (lavest).", n);
		goto out;
	}
	neu = xmalloc((n + 1) * sizeof *neu);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if ((int)k == rank - 1)
			neu[k++] = w.id;
		if (ids[i] != w.id)
			neu[k++] = ids[i];
	}
	if (k < n)
		neu[k++] = w.id;
	rc = prio_write(st, e, actor, ids, n, neu, n);
out:
	free(ids);
	free(neu);
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- proposals */

/* Checks the fields of a proposal that are set (NULL, DATE_NONE, -1: not set). */
static int check_fields(const struct model *m, const struct store_wg_new *in, fk_date start,
                        fk_date end, struct store_wg_err *e)
{
	char msg[400];
	if (in->topic && wg_text_check(in->topic, "emnet", TOPIC_MAX, false, msg, sizeof msg))
		return refuse(e, FK_EINPUT, "topic", "%s", msg);
	if (in->question &&
	    wg_text_check(in->question, "spørgsmålet", QUESTION_MAX, true, msg, sizeof msg))
		return refuse(e, FK_EINPUT, "question", "%s", msg);
	if (in->reference_group && !wg_is_reference_group(m, in->reference_group)) {
		char list[300] = "";
		size_t len = 0;
		for (size_t i = 0; i < m->nbodies; i++)
			if (wg_is_reference_group(m, m->bodies[i].id) && len < sizeof list)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
				                        len ? ", " : "", m->bodies[i].id);
		return refuse(e, FK_EINPUT, "reference_group",
		              "»%s« er ikke en referencegruppe. En arbejdsgruppe rapporterer til "
		              "præcis én af referencegrupperne: %s.",
		              in->reference_group, list);
	}
	if (in->proposer && !wg_is_reference_group(m, in->proposer))
		return refuse(
		    e, FK_EINPUT, "proposer",
		    "»%s« er ikke en referencegruppe. Kun en referencegruppe kan foreslå en "
		    "arbejdsgruppe.",
		    in->proposer);
	if (end < start) {
		char a[40], b[40];
		date_format_da(start, a, sizeof a);
		date_format_da(end, b, sizeof b);
		return refuse(
		    e, FK_EINPUT, "end",
		    "Slutdatoen (%s) ligger før startdatoen (%s). Arbejdsgruppen skal være "
		    "tidsafgrænset: ret en af datoerne.",
		    b, a);
	}
	if (in->hours < -1 || in->hours > 1000000)
		return refuse(e, FK_EINPUT, "hours",
		              "Timerne skal være et helt tal fra 0 til 1.000.000.");
	if (in->ore < -1)
		return refuse(e, FK_EINPUT, "kr", "Beløbet kan ikke være negativt.");
	return FK_OK;
}

int store_wg_propose(struct store *st, const char *actor, const struct model *m,
                     const struct store_wg_new *in, char key[24], struct store_wg_err *e)
{
	assert(st && actor && m && in);
	if (!in->topic || !in->question || !in->reference_group)
		return refuse(e, FK_EINPUT,
		              !in->topic      ? "topic"
		              : !in->question ? "question"
		                              : "reference_group",
		              "Skriv arbejdsgruppens emne, spørgsmål og referencegruppe.");
	if (in->start == DATE_NONE)
		return refuse(e, FK_EINPUT, "start",
		              "Skriv arbejdsgruppens første dag, fx 2027-04-01.");
	if (in->end == DATE_NONE)
		return refuse(
		    e, FK_EINPUT, "end",
		    "Skriv arbejdsgruppens sidste dag: en arbejdsgruppe er tidsafgrænset.");
	int rc = check_fields(m, in, in->start, in->end, e);
	if (rc != FK_OK)
		return rc;
	const char *proposer = in->proposer ? in->proposer : in->reference_group;
	bool own;
	if ((rc = tx_enter(st, &own)) != FK_OK)
		return no_stmt(e);
	const char *now = store_now(st);
	sqlite3_stmt *q = stmt_get(st, STMT_WG_INSERT);
	if (!q) {
		rc = no_stmt(e);
		goto out;
	}
	bind_str(q, 1, in->topic);
	bind_str(q, 2, in->question);
	bind_str(q, 3, in->reference_group);
	bind_str(q, 4, proposer);
	sqlite3_bind_text(q, 5, "proposed", -1, SQLITE_STATIC);
	bind_date(q, 6, in->start);
	bind_date(q, 7, in->end);
	sqlite3_bind_int64(q, 8, in->hours > 0 ? in->hours : 0);
	sqlite3_bind_int64(q, 9, in->ore > 0 ? in->ore : 0);
	bind_str(q, 10, now);
	if ((rc = step_done(st, e, q, "gem arbejdsgruppe")) != FK_OK)
		goto out;
	int64_t id = sqlite3_last_insert_rowid(st->db);
	/* The proposal is the first step, dated today (Europe/Copenhagen). */
	fk_date d = date_today();
	if ((q = stmt_get(st, STMT_WG_STEP_INSERT)) == NULL) {
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, "propose", -1, SQLITE_STATIC);
	sqlite3_bind_null(q, 3);
	sqlite3_bind_text(q, 4, "proposed", -1, SQLITE_STATIC);
	bind_date(q, 5, d);
	bind_str(q, 6, actor);
	sqlite3_bind_null(q, 7);
	bind_str(q, 8, now);
	if ((rc = step_done(st, e, q, "gem arbejdsgruppens forløb")) != FK_OK)
		goto out;
	/* Last in the priority list. */
	int64_t *ids, *neu;
	size_t n;
	if (prio_read(st, &ids, &n) != FK_OK) {
		rc = no_stmt(e);
		goto out;
	}
	neu = xmalloc((n + 1) * sizeof *neu);
	if (n)
		memcpy(neu, ids, n * sizeof *ids);
	neu[n] = id;
	struct wg w;
	rc = load_one(st, id, &w);
	if (rc == FK_OK) {
		rc = audit(st, e, actor, "create", "working-group", w.key, NULL, row_json(&w));
		if (key)
			snprintf(key, 24, "%s", w.key);
		wg_clear(&w);
	} else {
		rc = no_stmt(e);
	}
	if (rc == FK_OK)
		rc = prio_write(st, e, actor, ids, n, neu, n + 1);
	free(ids);
	free(neu);
out:
	return tx_leave(st, own, rc);
}

int store_wg_edit(struct store *st, const char *actor, const struct model *m, const char *key,
                  const struct store_wg_new *in, struct store_wg_err *e)
{
	assert(st && actor && m && in);
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	bool plan = in->topic || in->question || in->reference_group || in->proposer ||
	            in->start != DATE_NONE || in->hours >= 0 || in->ore >= 0;
	fk_date start = in->start != DATE_NONE ? in->start : w.start;
	fk_date end = in->end != DATE_NONE ? in->end : w.end;
	if (plan && w.state != WG_PROPOSED) {
		rc = refuse(e, FK_ECONFLICT, "id",
		            "Forslaget kan kun rettes, før den skriftlige høring er åbnet: "
		            "styregruppen skal høres om det forslag, der gælder. Arbejdsgruppens "
		            "status er »%s«. Slutdatoen kan dog rettes, indtil gruppen er nedlagt.",
		            wg_state_label(w.state));
		goto out;
	}
	if (in->end != DATE_NONE &&
	    (w.state == WG_DISSOLVED || w.state == WG_REJECTED || w.state == WG_WITHDRAWN)) {
		rc = refuse(e, FK_ECONFLICT, "end",
		            "Slutdatoen kan ikke rettes, når arbejdsgruppens status er »%s«.",
		            wg_state_label(w.state));
		goto out;
	}
	if ((rc = check_fields(m, in, start, end, e)) != FK_OK)
		goto out;
	json_t *before = row_json(&w);
#define SETS(f)                                                                                    \
	if (in->f) {                                                                               \
		free(w.f);                                                                         \
		w.f = xstrdup(in->f);                                                              \
	}
	SETS(topic)
	SETS(question)
	SETS(reference_group)
	SETS(proposer)
#undef SETS
	w.start = start;
	w.end = end;
	if (in->hours >= 0)
		w.hours = in->hours;
	if (in->ore >= 0)
		w.ore = in->ore;
	json_t *after = row_json(&w);
	if (json_equal(before, after)) {
		json_decref(before);
		json_decref(after);
		goto out;
	}
	if ((rc = write_row(st, e, &w)) != FK_OK) {
		json_decref(before);
		json_decref(after);
		goto out;
	}
	rc = audit(st, e, actor, "update", "working-group", w.key, before, after);
out:
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the staffing plan */

/* The row id of person key, or 0 (with rc FK_OK) when there is none. */
static int person_id(struct store *st, const char *key, int64_t *id, char **name)
{
	*id = 0;
	if (name)
		*name = NULL;
	sqlite3_stmt *q = stmt_get(st, STMT_PERSON_BY_KEY);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(q), rc = FK_OK;
	if (src == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		if (name)
			*name = col_dup(q, 1);
	} else if (src != SQLITE_DONE) {
		rc = store_fail(st, src, "læs person");
	}
	stmt_done(q);
	return rc;
}

int store_wg_staff_add(struct store *st, const char *actor, const struct model *m, const char *key,
                       const char *person, const char *profile, int org, const char *note,
                       int64_t *id, struct store_wg_err *e)
{
	assert(st && actor && m);
	char msg[400];
	if ((person && *person) == (profile && *profile))
		return refuse(e, FK_EINPUT, "person",
		              "Angiv enten en person eller en profil for pladsen i "
		              "bemandingsforslaget (ikke begge).");
	if (profile && *profile && model_profile_index(m, profile) < 0)
		return refuse(
		    e, FK_EINPUT, "profile",
		    "Profilen »%s« findes ikke i modellen. Vælg en af modellens profiler, "
		    "fx it-arkitekt.",
		    profile);
	if (org < 0 || org >= WG_ORG__MAX)
		return refuse(e, FK_EINPUT, "org",
		              "Vælg den organisation, der udpeger: KL, UDK, KOMBIT eller "
		              "referencegruppen.");
	if (note && *note && wg_text_check(note, "bemærkningen", NOTE_MAX, false, msg, sizeof msg))
		return refuse(e, FK_EINPUT, "note", "%s", msg);
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	int64_t pid = 0;
	char *pname = NULL;
	if (w.state != WG_PROPOSED) {
		rc = refuse(
		    e, FK_ECONFLICT, "id",
		    "Bemandingsforslaget kan kun ændres, før den skriftlige høring er åbnet. "
		    "Arbejdsgruppens status er »%s«.%s",
		    wg_state_label(w.state),
		    w.state == WG_STARTED ? " Tilføj i stedet gruppens medlemmer." : "");
		goto out;
	}
	if (person && *person) {
		if ((rc = person_id(st, person, &pid, &pname)) != FK_OK) {
			rc = no_stmt(e);
			goto out;
		}
		if (!pid) {
			rc = refuse(
			    e, FK_ENOTFOUND, "person",
			    "Personen »%s« findes ikke i registret. Opret personen først, eller "
			    "angiv en profil i stedet.",
			    person);
			goto out;
		}
	}
	sqlite3_stmt *q = stmt_get(st, STMT_WG_STAFF_INSERT);
	if (!q) {
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, w.id);
	if (pid)
		sqlite3_bind_int64(q, 2, pid);
	else
		sqlite3_bind_null(q, 2);
	bind_str(q, 3, pid ? NULL : profile);
	sqlite3_bind_text(q, 4, wg_org_name((enum wg_org)org), -1, SQLITE_STATIC);
	bind_str(q, 5, note && *note ? note : NULL);
	if ((rc = step_done(st, e, q, "gem bemandingsforslag")) != FK_OK)
		goto out;
	int64_t sid = sqlite3_last_insert_rowid(st->db);
	char eid[64];
	snprintf(eid, sizeof eid, "%s/%lld", w.key, (long long)sid);
	rc = audit(st, e, actor, "create", "wg-staffing", eid, NULL,
	           json_pack("{s:s, s:o, s:o, s:s, s:o}", "working_group", w.key, "person",
	                     report_str(pid ? person : NULL), "profile", report_str(pid ? NULL : profile),
	                     "organisation", wg_org_name((enum wg_org)org), "note",
	                     report_str(note && *note ? note : NULL)));
	if (rc == FK_OK && id)
		*id = sid;
out:
	free(pname);
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

int store_wg_staff_remove(struct store *st, const char *actor, const char *key, int64_t staff,
                          struct store_wg_err *e)
{
	assert(st && actor);
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	const struct wg_staff *s = NULL;
	for (size_t i = 0; i < w.nstaff; i++)
		if (w.staff[i].id == staff)
			s = &w.staff[i];
	if (w.state != WG_PROPOSED) {
		rc = refuse(
		    e, FK_ECONFLICT, "id",
		    "Bemandingsforslaget kan kun ændres, før den skriftlige høring er åbnet. "
		    "Arbejdsgruppens status er »%s«.",
		    wg_state_label(w.state));
		goto out;
	}
	if (!s) {
		rc = refuse(e, FK_ENOTFOUND, "staff",
		            "Bemandingsforslaget for %s har ingen række %lld.", w.key,
		            (long long)staff);
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_WG_STAFF_DELETE);
	if (!q) {
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, staff);
	sqlite3_bind_int64(q, 2, w.id);
	if ((rc = step_done(st, e, q, "slet fra bemandingsforslag")) != FK_OK)
		goto out;
	char eid[64];
	snprintf(eid, sizeof eid, "%s/%lld", w.key, (long long)staff);
	rc = audit(st, e, actor, "delete", "wg-staffing", eid,
	           json_pack("{s:s, s:o, s:o, s:s, s:o}", "working_group", w.key, "person",
	                     report_str(s->person), "profile", report_str(s->profile), "organisation",
	                     wg_org_name(s->org), "note", report_str(s->note)),
	           NULL);
out:
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the life cycle */

/* Who of the steering group's members on d has not answered w's hearing. */
static int missing_answers(const struct model *m, const struct reg *r, const struct wg *w,
                           fk_date d)
{
	size_t n = 0;
	int32_t *mem = wg_body_members(r, wg_steering_group(m), d, &n);
	int counts[WG_POS__MAX], missing;
	wg_hearing_counts(w, r, mem, n, counts, &missing);
	free(mem);
	return missing;
}

/* Ends every membership of w that is open or ends after d on d (the group is dissolved). */
static int end_members(struct store *st, struct store_wg_err *e, const char *actor,
                       const struct wg *w, fk_date d)
{
	for (size_t i = 0; i < w->nmembers; i++) {
		const struct wg_member *x = &w->members[i];
		if (x->end != DATE_OPEN && x->end <= d)
			continue;
		if (x->start > d) {
			char a[40];
			date_format_da(x->start, a, sizeof a);
			return refuse(
			    e, FK_ECONFLICT, "date",
			    "%s er medlem af arbejdsgruppen fra %s, efter den dag, gruppen skal "
			    "nedlægges. Ret medlemskabet, eller vælg en senere dato.",
			    x->name, a);
		}
		sqlite3_stmt *q = stmt_get(st, STMT_WG_MEMBER_SET_END);
		if (!q)
			return no_stmt(e);
		sqlite3_bind_int64(q, 1, x->id);
		bind_date(q, 2, d);
		int rc = step_done(st, e, q, "afslut medlemskab");
		if (rc != FK_OK)
			return rc;
		char eid[200];
		char s[11];
		date_format(x->start, s);
		snprintf(eid, sizeof eid, "%s/%s/%s", w->key, x->person, s);
		json_t *b = json_pack("{s:s, s:s, s:o}", "working_group", w->key, "person",
		                      x->person, "end", report_date(x->end));
		json_t *a = json_pack("{s:s, s:s, s:o}", "working_group", w->key, "person",
		                      x->person, "end", report_date(d));
		if ((rc = audit(st, e, actor, "update", "wg-member", eid, b, a)) != FK_OK)
			return rc;
	}
	return FK_OK;
}

/* Queues "the hearing is open" to each member of the steering group, in this transaction
 * (core/notify.h): rolled back with the step, never queued twice. */
static int queue_opened(struct store *st, struct store_wg_err *e, const struct model *m,
                        const struct reg *r, const struct wg *w)
{
	struct notices ns = {0};
	notify_hearing_opened(m, r, w, mail_public_url(), &ns);
	int rc = store_mail_queue_notices(st, &ns, NULL);
	notices_free(&ns);
	return rc == FK_OK ? FK_OK : no_stmt(e);
}

int store_wg_step(struct store *st, const char *actor, const struct model *m, const struct reg *r,
                  const char *key, int event, fk_date date, const char *text,
                  struct store_wg_err *e)
{
	assert(st && actor && m && r);
	char msg[600], a[40], b[40];
	if (event < 0 || event >= WG_EV__MAX || event == WG_EV_PROPOSE)
		return refuse(e, FK_EINPUT, "action", "Ukendt handling for arbejdsgruppen.");
	if (date == DATE_NONE || date == DATE_OPEN)
		return refuse(e, FK_EINPUT, "date", "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-03-01.");
	if (text && !*text)
		text = NULL;
	const char *label = event == WG_EV_APPROVE || event == WG_EV_REJECT ? "resuméet"
	                    : event == WG_EV_DELIVER                        ? "forslaget"
	                                                                    : "bemærkningen";
	const char *tfield = event == WG_EV_APPROVE || event == WG_EV_REJECT ? "summary"
	                     : event == WG_EV_DELIVER                        ? "delivery"
	                                                                     : "text";
	if ((event == WG_EV_APPROVE || event == WG_EV_REJECT || event == WG_EV_DELIVER) && !text)
		return refuse(
		    e, FK_EINPUT, tfield,
		    event == WG_EV_DELIVER
		        ? "Skriv kort, hvad arbejdsgruppen har afleveret til "
		          "referencegruppen (fx analysens anbefaling)."
		        : "Skriv et resumé af høringssvarene og styregruppens beslutning.");
	if (text && wg_text_check(text, label, TEXT_MAX, true, msg, sizeof msg))
		return refuse(e, FK_EINPUT, tfield, "%s", msg);

	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	enum wg_state to;
	if (wg_transition(w.state, (enum wg_event)event, &to, msg, sizeof msg) != 0) {
		rc = refuse(e, FK_ECONFLICT, "action", "%s", msg);
		goto out;
	}
	if (w.nsteps && date < w.steps[w.nsteps - 1].date) {
		date_format_da(w.steps[w.nsteps - 1].date, a, sizeof a);
		rc =
		    refuse(e, FK_EINPUT, "date",
		           "Datoen kan ikke ligge før arbejdsgruppens seneste skridt (%s, %s). Ret "
		           "datoen.",
		           wg_event_label(w.steps[w.nsteps - 1].event), a);
		goto out;
	}
	json_t *before = row_json(&w);
	enum wg_state from = w.state;
	switch ((enum wg_event)event) {
	case WG_EV_OPEN_HEARING:
		if (wg_ready_for_hearing(&w, msg, sizeof msg) != 0) {
			rc = refuse(e, FK_ECONFLICT, "action", "%s", msg);
			break;
		}
		w.hearing_opened = date;
		w.hearing_deadline = wg_hearing_deadline(date, m->cycle.hearing_working_days);
		break;
	case WG_EV_APPROVE:
	case WG_EV_REJECT:
		if (date <= w.hearing_deadline) {
			int missing = missing_answers(m, r, &w, date);
			if (missing > 0) {
				date_format_da(w.hearing_deadline, b, sizeof b);
				rc = refuse(
				    e, FK_ECONFLICT, "date",
				    "Høringsfristen er %s, og %d af styregruppens medlemmer har "
				    "ikke svaret endnu. Registrér beslutningen efter fristen, "
				    "eller når alle har svaret.",
				    b, missing);
				break;
			}
		}
		w.decided = date;
		free(w.summary);
		w.summary = xstrdup(text);
		break;
	case WG_EV_DELIVER:
		free(w.delivery);
		w.delivery = xstrdup(text);
		break;
	case WG_EV_DISSOLVE:
		rc = end_members(st, e, actor, &w, date);
		break;
	default:
		break;
	}
	if (rc != FK_OK) {
		json_decref(before);
		goto out;
	}
	w.state = to;
	if ((rc = write_row(st, e, &w)) != FK_OK) {
		json_decref(before);
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_WG_STEP_INSERT);
	if (!q) {
		json_decref(before);
		rc = no_stmt(e);
		goto out;
	}
	const char *now = store_now(st);
	sqlite3_bind_int64(q, 1, w.id);
	sqlite3_bind_text(q, 2, wg_event_name((enum wg_event)event), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, wg_state_name(from), -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, wg_state_name(to), -1, SQLITE_STATIC);
	bind_date(q, 5, date);
	bind_str(q, 6, actor);
	bind_str(q, 7, text);
	bind_str(q, 8, now);
	if ((rc = step_done(st, e, q, "gem arbejdsgruppens forløb")) != FK_OK) {
		json_decref(before);
		goto out;
	}
	json_t *after = row_json(&w);
	json_object_set_new(after, "step",
	                    json_pack("{s:s, s:o, s:o}", "event",
	                              wg_event_name((enum wg_event)event), "date", report_date(date),
	                              "text", report_str(text)));
	if ((rc = audit(st, e, actor, "update", "working-group", w.key, before, after)) != FK_OK)
		goto out;
	if (event == WG_EV_OPEN_HEARING && (rc = queue_opened(st, e, m, r, &w)) != FK_OK)
		goto out;
	if (!wg_state_active(to) && w.rank > 0)
		rc = prio_remove(st, e, actor, w.id);
out:
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- hearing answers */

static json_t *answer_json(const char *wgkey, const char *person, const char *pos, const char *text,
                           fk_date d, bool on_behalf)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:b}", "working_group", wgkey, "person", person,
	                 "position", pos, "text", text, "date", report_date(d), "on_behalf", on_behalf);
}

int store_wg_answer(struct store *st, const char *actor, const struct model *m, const struct reg *r,
                    const char *key, const char *person, int position, const char *text,
                    fk_date date, bool on_behalf, struct store_wg_err *e)
{
	assert(st && actor && m && r);
	char msg[600];
	if (position < 0 || position >= WG_POS__MAX)
		return refuse(e, FK_EINPUT, "position",
		              "Vælg dit svar: støtter, indsigelse eller bemærkning.");
	if (wg_text_check(text, "begrundelsen", TEXT_MAX, true, msg, sizeof msg))
		return refuse(e, FK_EINPUT, "text", "%s", msg);
	if (!person || !*person)
		return refuse(e, FK_EINPUT, "person",
		              "Angiv, hvilket medlem af styregruppen der svarer.");
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	int64_t pid = 0;
	char *pname = NULL;
	if (wg_hearing_accepts(&w, date, msg, sizeof msg) != 0) {
		rc = refuse(e, FK_ECONFLICT, "date", "%s", msg);
		goto out;
	}
	if ((rc = person_id(st, person, &pid, &pname)) != FK_OK) {
		rc = no_stmt(e);
		goto out;
	}
	int32_t pi = reg_person_find(r, person);
	if (!pid || pi < 0) {
		rc = refuse(e, FK_ENOTFOUND, "person", "Personen »%s« findes ikke i registret.",
		            person);
		goto out;
	}
	int sg = wg_steering_group(m);
	if (!wg_serves(r, sg, pi, date)) {
		char d[40];
		date_format_da(date, d, sizeof d);
		rc = refuse(
		    e, FK_ECONFLICT, "person",
		    "%s er ikke medlem af %s den %s og kan derfor ikke svare i høringen. Kontakt "
		    "Sekretariat FKI, hvis det er en fejl.",
		    pname ? pname : person, sg >= 0 ? m->bodies[sg].name : "styregruppen", d);
		goto out;
	}
	const struct wg_answer *old = wg_answer_of(&w, person);
	json_t *before = old ? answer_json(w.key, person, wg_position_name(old->position),
	                                   old->text, old->date, old->on_behalf)
	                     : NULL;
	const char *pos = wg_position_name((enum wg_position)position);
	sqlite3_stmt *q = stmt_get(st, STMT_WG_ANSWER_PUT);
	if (!q) {
		json_decref(before);
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, w.id);
	sqlite3_bind_int64(q, 2, pid);
	sqlite3_bind_text(q, 3, pos, -1, SQLITE_STATIC);
	bind_str(q, 4, text);
	bind_date(q, 5, date);
	bind_str(q, 6, actor);
	sqlite3_bind_int(q, 7, on_behalf ? 1 : 0);
	bind_str(q, 8, store_now(st));
	if ((rc = step_done(st, e, q, "gem høringssvar")) != FK_OK) {
		json_decref(before);
		goto out;
	}
	char eid[128];
	snprintf(eid, sizeof eid, "%s/%s", w.key, person);
	rc = audit(st, e, actor, old ? "update" : "create", "wg-answer", eid, before,
	           answer_json(w.key, person, pos, text, date, on_behalf));
out:
	free(pname);
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- members */

static json_t *member_doc(const char *wgkey, const char *person, int org, int munic,
                          const char *role, fk_date start, fk_date end)
{
	char code[8] = "";
	if (munic)
		snprintf(code, sizeof code, "%03d", munic);
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:o}", "working_group", wgkey, "person",
	                 person, "organisation", seat_name(org), "municipality",
	                 munic ? json_string(code) : json_null(), "role", role, "start",
	                 report_date(start), "end", report_date(end));
}

int store_wg_member_add(struct store *st, const char *actor, const char *key, const char *person,
                        int org, int munic, const char *role, fk_date start, fk_date end,
                        int64_t *id, struct store_wg_err *e)
{
	assert(st && actor);
	char msg[400], a[40], b[40];
	if (!person || !*person)
		return refuse(e, FK_EINPUT, "person", "Vælg den person, der bliver medlem.");
	if (org < 0 || org >= SEAT__MAX)
		return refuse(e, FK_EINPUT, "org",
		              "Vælg medlemmets organisation: kommune, KL, UDK eller KOMBIT.");
	if (munic && (munic < 1 || munic > 999))
		return refuse(e, FK_EINPUT, "municipality",
		              "Kommunekoden skal have tre cifre, fx 751.");
	if (wg_text_check(role, "rollen", ROLE_MAX, false, msg, sizeof msg))
		return refuse(e, FK_EINPUT, "role", "%s", msg);
	if (start == DATE_NONE)
		return refuse(e, FK_EINPUT, "start",
		              "Skriv medlemskabets første dag, fx 2027-04-01.");
	if (end == DATE_NONE)
		end = DATE_OPEN;
	if (end < start)
		return refuse(e, FK_EINPUT, "end",
		              "Den sidste dag kan ikke ligge før den første dag i medlemskabet.");
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	int64_t pid = 0;
	char *pname = NULL;
	if (w.state != WG_STARTED) {
		rc = refuse(
		    e, FK_ECONFLICT, "id",
		    "Kun en arbejdsgruppe, som styregruppen har godkendt, og som er startet, "
		    "kan få medlemmer. Arbejdsgruppens status er »%s«.",
		    wg_state_label(w.state));
		goto out;
	}
	if ((rc = person_id(st, person, &pid, &pname)) != FK_OK) {
		rc = no_stmt(e);
		goto out;
	}
	if (!pid) {
		rc = refuse(e, FK_ENOTFOUND, "person",
		            "Personen »%s« findes ikke i registret. Opret personen først.", person);
		goto out;
	}
	for (size_t i = 0; i < w.nmembers; i++) {
		const struct wg_member *x = &w.members[i];
		if (strcmp(x->person, person) != 0 || x->start > end || start > x->end)
			continue;
		date_format_da(x->start, a, sizeof a);
		if (x->end == DATE_OPEN)
			snprintf(b, sizeof b, "uden slutdato");
		else
			date_format_da(x->end, b, sizeof b);
		rc = refuse(e, FK_ECONFLICT, "start",
		            "%s er allerede medlem af arbejdsgruppen fra %s (%s). To medlemskaber "
		            "må ikke overlappe; vælg en anden første dag.",
		            pname, a, b);
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_WG_MEMBER_INSERT);
	if (!q) {
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, w.id);
	sqlite3_bind_int64(q, 2, pid);
	sqlite3_bind_text(q, 3, seat_name(org), -1, SQLITE_STATIC);
	if (munic)
		sqlite3_bind_int(q, 4, munic);
	else
		sqlite3_bind_null(q, 4);
	bind_str(q, 5, role);
	bind_date(q, 6, start);
	bind_date(q, 7, end);
	if ((rc = step_done(st, e, q, "gem medlem")) != FK_OK)
		goto out;
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	char eid[200], s[11];
	date_format(start, s);
	snprintf(eid, sizeof eid, "%s/%s/%s", w.key, person, s);
	rc = audit(st, e, actor, "create", "wg-member", eid, NULL,
	           member_doc(w.key, person, org, munic, role, start, end));
out:
	free(pname);
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

int store_wg_member_end(struct store *st, const char *actor, const char *key, const char *person,
                        fk_date end, struct store_wg_err *e)
{
	assert(st && actor);
	if (end == DATE_NONE || end == DATE_OPEN)
		return refuse(e, FK_EINPUT, "end",
		              "Skriv medlemskabets sidste dag, fx 2027-12-31.");
	struct wg w;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return no_stmt(e);
	if ((rc = load_for_change(st, e, key, &w)) != FK_OK)
		return tx_leave(st, own, rc);
	/* The person's latest membership. */
	const struct wg_member *x = NULL;
	for (size_t i = 0; i < w.nmembers; i++)
		if (!strcmp(w.members[i].person, person ? person : "") &&
		    (!x || w.members[i].start > x->start))
			x = &w.members[i];
	if (!x) {
		rc = refuse(e, FK_ENOTFOUND, "person", "»%s« er ikke medlem af arbejdsgruppen %s.",
		            person ? person : "", w.key);
		goto out;
	}
	if (end < x->start) {
		char a[40];
		date_format_da(x->start, a, sizeof a);
		rc = refuse(e, FK_EINPUT, "end",
		            "Den sidste dag kan ikke ligge før medlemskabets første dag, %s.", a);
		goto out;
	}
	if (x->end == end)
		goto out;
	sqlite3_stmt *q = stmt_get(st, STMT_WG_MEMBER_SET_END);
	if (!q) {
		rc = no_stmt(e);
		goto out;
	}
	sqlite3_bind_int64(q, 1, x->id);
	bind_date(q, 2, end);
	if ((rc = step_done(st, e, q, "afslut medlemskab")) != FK_OK)
		goto out;
	char eid[200], s[11];
	date_format(x->start, s);
	snprintf(eid, sizeof eid, "%s/%s/%s", w.key, x->person, s);
	rc = audit(st, e, actor, "update", "wg-member", eid,
	           member_doc(w.key, x->person, x->org, x->munic, x->role, x->start, x->end),
	           member_doc(w.key, x->person, x->org, x->munic, x->role, x->start, end));
out:
	wg_clear(&w);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the rules */

int store_wg_check(struct store *st, const struct model *m, fk_date d, struct findings *out)
{
	struct wg *v;
	size_t n;
	int rc = store_wg_list(st, &v, &n);
	if (rc != FK_OK)
		return rc;
	wg_check(m, v, n, d, out);
	wg_list_free(v, n);
	return FK_OK;
}
