/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Initiatives, the portfolio and the economy: loading everything into a struct econ and the
 * changes (initiatives, status reports, milestones, budgets, rates, population sets,
 * allocations, spending), each audited in the same transaction as the change. The rules
 * (the frame, what may be allocated or spent) are the core's (src/core/economy.c); the
 * checked writers here run the core's check and the write in one transaction, so two
 * requests cannot both allocate the last of a frame. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "core/report.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

#define JSON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS)

/* ---------------------------------------------------------------- helpers */

static const char *col_text(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? NULL
	                                                : (const char *)sqlite3_column_text(q, i);
}

static fk_date col_date(sqlite3_stmt *q, int i)
{
	const char *s = col_text(q, i);
	fk_date d;
	if (!s || date_parse(s, strlen(s), &d) != 0)
		return DATE_NONE;
	return d;
}

static void bind_date(sqlite3_stmt *q, int i, fk_date d)
{
	if (d == DATE_NONE || d == DATE_OPEN) {
		sqlite3_bind_null(q, i);
		return;
	}
	char s[11];
	date_format(d, s);
	sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
}

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q, i);
}

/* Runs q (bound by the caller), which returns no rows, and resets it. */
static int step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* Appends the audit row of a change (before/after JSON objects, either may be NULL; both
 * are released). FK_EINPUT when a text is not UTF-8 (jansson refuses it). A failed append
 * poisons the transaction. */
static int audit(struct store *st, const char *actor, const char *action, const char *entity,
                 const char *eid, json_t *before, json_t *after)
{
	char *b = before ? json_dumps(before, JSON_FLAGS) : NULL;
	char *a = after ? json_dumps(after, JSON_FLAGS) : NULL;
	int rc;
	if ((before && !b) || (after && !a)) {
		rc = FK_EINPUT;
	} else {
		rc = audit_append(st, actor, action, entity, eid, strlen(eid), b, b ? strlen(b) : 0,
		                  a, a ? strlen(a) : 0);
		if (rc != FK_OK)
			st->poisoned = true;
	}
	json_decref(before);
	json_decref(after);
	free(b);
	free(a);
	return rc;
}

/* The index of the initiative with row id in e (loaded in id order), or -1. */
static int32_t init_by_id(const struct econ *e, int64_t id)
{
	size_t lo = 0, hi = e->ninits;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e->inits[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->ninits && e->inits[lo].id == id ? (int32_t)lo : -1;
}

/* ---------------------------------------------------------------- loading */

int store_econ_load(struct store *st, const struct munic_table *mt, struct econ *e)
{
	int rc, err = FK_OK;
	sqlite3_stmt *q;

	if (!(q = stmt_get(st, STMT_ECON_INIT_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		econ_add_initiative(e, sqlite3_column_int64(q, 0), col_text(q, 1), col_text(q, 2),
		                    col_text(q, 3), col_text(q, 4), sqlite3_column_int(q, 5) != 0,
		                    col_text(q, 6));
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs initiativer");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = stmt_get(st, STMT_ECON_STATUS_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int32_t in = init_by_id(e, sqlite3_column_int64(q, 1));
		int status = econ_status_parse(col_text(q, 3));
		if (in >= 0 && status >= 0)
			econ_add_report(e, sqlite3_column_int64(q, 0), in, col_date(q, 2), status,
			                col_text(q, 4), col_text(q, 5));
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs statusrapporter");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = stmt_get(st, STMT_ECON_MILE_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int32_t in = init_by_id(e, sqlite3_column_int64(q, 1));
		if (in >= 0)
			econ_add_milestone(e, sqlite3_column_int64(q, 0), in, col_text(q, 2),
			                   col_date(q, 3), col_date(q, 4));
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs milepæle");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = stmt_get(st, STMT_ECON_BUDGET_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int32_t in = init_by_id(e, sqlite3_column_int64(q, 0));
		if (in >= 0)
			econ_add_budget(e, in, sqlite3_column_int(q, 1),
			                sqlite3_column_int64(q, 2));
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs budgetter");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = stmt_get(st, STMT_ECON_RATE_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		econ_add_rate(e, sqlite3_column_int64(q, 0), sqlite3_column_int(q, 1),
		              sqlite3_column_int64(q, 2), col_text(q, 3), col_date(q, 4),
		              col_text(q, 5), col_text(q, 6));
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs satser");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	/* Population sets: the shipped one, then each stored one with its counts. */
	econ_add_builtin_popset(e, mt);
	if (!(q = stmt_get(st, STMT_ECON_POPSET_ALL)))
		return FK_EDB;
	size_t first = e->nsets;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		econ_add_popset(e, sqlite3_column_int64(q, 0), col_date(q, 1), col_text(q, 2),
		                false, NULL, NULL, 0);
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs befolkningstal");
	stmt_done(q);
	if (err != FK_OK)
		return err;
	if (e->nsets > first) {
		if (!(q = stmt_get(st, STMT_ECON_POP_ALL)))
			return FK_EDB;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
			int64_t sid = sqlite3_column_int64(q, 0);
			struct econ_popset *s = NULL;
			for (size_t i = first; i < e->nsets && !s; i++)
				if (e->sets[i].id == sid)
					s = &e->sets[i];
			if (!s)
				continue;
			s->codes = xrealloc(s->codes, (s->n + 1) * sizeof *s->codes);
			s->citizens = xrealloc(s->citizens, (s->n + 1) * sizeof *s->citizens);
			s->codes[s->n] = sqlite3_column_int(q, 1);
			s->citizens[s->n] = sqlite3_column_int64(q, 2);
			s->total += s->citizens[s->n];
			s->n++;
		}
		if (rc != SQLITE_DONE)
			err = store_fail(st, rc, "læs befolkningstal");
		stmt_done(q);
		if (err != FK_OK)
			return err;
	}

	if (!(q = stmt_get(st, STMT_ECON_ALLOC_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int32_t in = init_by_id(e, sqlite3_column_int64(q, 1));
		if (in >= 0)
			econ_add_alloc(e, sqlite3_column_int64(q, 0), in, sqlite3_column_int(q, 2),
			               sqlite3_column_int64(q, 3), col_text(q, 4), col_date(q, 5),
			               col_text(q, 6));
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs bevillinger");
	stmt_done(q);
	if (err != FK_OK)
		return err;

	if (!(q = stmt_get(st, STMT_ECON_SPEND_ALL)))
		return FK_EDB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int32_t in = init_by_id(e, sqlite3_column_int64(q, 1));
		if (in >= 0)
			econ_add_spend(e, sqlite3_column_int64(q, 0), in, sqlite3_column_int(q, 2),
			               sqlite3_column_int64(q, 3), col_date(q, 4), col_text(q, 5),
			               col_text(q, 6));
	}
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs forbrug");
	stmt_done(q);
	if (err != FK_OK)
		return err;
	econ_sort(e);
	return FK_OK;
}

/* ---------------------------------------------------------------- initiatives */

int store_initiative_add(struct store *st, const char *actor, const char *key, const char *name,
                         const char *body, const char *description, bool special, int64_t *id)
{
	assert(st && actor && key && name && body);
	if (description && !*description)
		description = NULL;
	json_t *after = json_pack("{s:s, s:s?, s:s, s:s, s:b}", "body", body, "description",
	                          description, "key", key, "name", name, "special", special);
	if (!after)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_INIT_INSERT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		goto out;
	}
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, body, -1, SQLITE_STATIC);
	bind_text_or_null(q, 4, description);
	sqlite3_bind_int(q, 5, special ? 1 : 0);
	sqlite3_bind_text(q, 6, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, q, "gem initiativ")) != FK_OK) {
		json_decref(after);
		goto out;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	rc = audit(st, actor, "create", "initiative", key, NULL, after);
out:
	return tx_leave(st, own, rc);
}

int store_initiative_report(struct store *st, const char *actor, const struct econ_initiative *in,
                            fk_date date, int status, const char *reason)
{
	assert(st && actor && in && status >= 0 && status < ST__MAX);
	if (reason && !*reason)
		reason = NULL;
	char ds[11];
	date_format(date, ds);
	json_t *after = json_pack("{s:s, s:s, s:s?, s:s}", "date", ds, "initiative", in->key,
	                          "reason", reason, "status", econ_status_name(status));
	if (!after)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_STATUS_INSERT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		goto out;
	}
	sqlite3_bind_int64(q, 1, in->id);
	sqlite3_bind_text(q, 2, ds, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, econ_status_name(status), -1, SQLITE_STATIC);
	bind_text_or_null(q, 4, reason);
	sqlite3_bind_text(q, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, q, "gem statusrapport")) != FK_OK) {
		json_decref(after);
		goto out;
	}
	rc = audit(st, actor, "create", "initiative_status", in->key, NULL, after);
out:
	return tx_leave(st, own, rc);
}

static json_t *milestone_json(const char *key, const char *title, fk_date due, fk_date done)
{
	return json_pack("{s:o, s:o, s:s, s:s}", "done", report_date(done), "due", report_date(due),
	                 "initiative", key, "title", title);
}

int store_initiative_milestone(struct store *st, const char *actor,
                               const struct econ_initiative *in, const struct econ_milestone *old,
                               const char *title, fk_date due, fk_date done)
{
	assert(st && actor && in && title);
	json_t *after = milestone_json(in->key, title, due, done);
	json_t *before = old ? milestone_json(in->key, old->title, old->due, old->done) : NULL;
	if (!after || (old && !before)) {
		json_decref(after);
		json_decref(before);
		return FK_EINPUT;
	}
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		json_decref(before);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, old ? STMT_ECON_MILE_UPDATE : STMT_ECON_MILE_INSERT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		json_decref(before);
		goto out;
	}
	if (old) {
		sqlite3_bind_int64(q, 1, old->id);
		bind_date(q, 2, due);
		bind_date(q, 3, done);
	} else {
		sqlite3_bind_int64(q, 1, in->id);
		sqlite3_bind_text(q, 2, title, -1, SQLITE_STATIC);
		bind_date(q, 3, due);
		bind_date(q, 4, done);
	}
	if ((rc = step_done(st, q, "gem milepæl")) != FK_OK) {
		json_decref(after);
		json_decref(before);
		goto out;
	}
	rc = audit(st, actor, old ? "update" : "create", "milestone", in->key, before, after);
out:
	return tx_leave(st, own, rc);
}

int store_initiative_budget(struct store *st, const char *actor, const struct econ_initiative *in,
                            int year, int64_t ore, int64_t before_ore)
{
	assert(st && actor && in && ore >= 0);
	char eid[96];
	snprintf(eid, sizeof eid, "%s/%d", in->key, year);
	json_t *after = json_pack("{s:s, s:I, s:i}", "initiative", in->key, "ore", (json_int_t)ore,
	                          "year", year);
	json_t *before = before_ore >= 0 ? json_pack("{s:s, s:I, s:i}", "initiative", in->key,
	                                             "ore", (json_int_t)before_ore, "year", year)
	                                 : NULL;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		json_decref(before);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_BUDGET_PUT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		json_decref(before);
		goto out;
	}
	sqlite3_bind_int64(q, 1, in->id);
	sqlite3_bind_int(q, 2, year);
	sqlite3_bind_int64(q, 3, ore);
	if ((rc = step_done(st, q, "gem budget")) != FK_OK) {
		json_decref(after);
		json_decref(before);
		goto out;
	}
	rc = audit(st, actor, before ? "update" : "create", "budget", eid, before, after);
out:
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- rates and population */

int store_econ_rate_add(struct store *st, const char *actor, int year, int64_t ore,
                        const char *decision, fk_date decided, int64_t *id)
{
	assert(st && actor && decision && *decision && ore >= 0);
	char eid[16], ds[11];
	snprintf(eid, sizeof eid, "%d", year);
	date_format(decided, ds);
	json_t *after = json_pack("{s:s, s:s, s:I, s:i}", "decided", ds, "decision", decision,
	                          "ore", (json_int_t)ore, "year", year);
	if (!after)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_RATE_INSERT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		goto out;
	}
	sqlite3_bind_int(q, 1, year);
	sqlite3_bind_int64(q, 2, ore);
	sqlite3_bind_text(q, 3, decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, ds, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, q, "gem sats")) != FK_OK) {
		json_decref(after);
		goto out;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	rc = audit(st, actor, "create", "rate", eid, NULL, after);
out:
	return tx_leave(st, own, rc);
}

int store_econ_population_add(struct store *st, const char *actor, fk_date date, const char *source,
                              const int *codes, const int64_t *citizens, size_t n, int64_t *id)
{
	assert(st && actor && source && codes && citizens);
	char ds[11];
	date_format(date, ds);
	json_t *counts = json_object();
	int64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		char k[8];
		snprintf(k, sizeof k, "%03d", codes[i]);
		json_object_set_new(counts, k, json_integer(citizens[i]));
		total += citizens[i];
	}
	json_t *after = json_pack("{s:o, s:s, s:s, s:I}", "citizens", counts, "date", ds, "source",
	                          source, "total", (json_int_t)total);
	if (!after)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_POPSET_INSERT);
	if (!q) {
		rc = FK_EDB;
		json_decref(after);
		goto out;
	}
	sqlite3_bind_text(q, 1, ds, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, q, "gem befolkningstal")) != FK_OK) {
		json_decref(after);
		goto out;
	}
	int64_t sid = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; i < n && rc == FK_OK; i++) {
		if (!(q = stmt_get(st, STMT_ECON_POP_INSERT))) {
			rc = FK_EDB;
			break;
		}
		sqlite3_bind_int64(q, 1, sid);
		sqlite3_bind_int(q, 2, codes[i]);
		sqlite3_bind_int64(q, 3, citizens[i]);
		rc = step_done(st, q, "gem befolkningstal");
	}
	if (rc != FK_OK) {
		json_decref(after);
		goto out;
	}
	if (id)
		*id = sid;
	rc = audit(st, actor, "create", "population", ds, NULL, after);
out:
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- allocations and spending */

static int alloc_write(struct store *st, const char *actor, const struct econ_initiative *in,
                       int year, int64_t ore, const char *decision, fk_date date, int64_t *id)
{
	char ds[11], eid[24];
	date_format(date, ds);
	json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:i}", "date", ds, "decision", decision,
	                          "initiative", in->key, "ore", (json_int_t)ore, "year", year);
	if (!after)
		return FK_EINPUT;
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_ALLOC_INSERT);
	if (!q) {
		json_decref(after);
		return FK_EDB;
	}
	sqlite3_bind_int64(q, 1, in->id);
	sqlite3_bind_int(q, 2, year);
	sqlite3_bind_int64(q, 3, ore);
	sqlite3_bind_text(q, 4, decision, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, ds, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 6, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, store_now(st), -1, SQLITE_TRANSIENT);
	int rc = step_done(st, q, "gem bevilling");
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	int64_t aid = sqlite3_last_insert_rowid(st->db);
	snprintf(eid, sizeof eid, "%lld", (long long)aid);
	if (id)
		*id = aid;
	return audit(st, actor, "create", "allocation", eid, NULL, after);
}

static int spend_write(struct store *st, const char *actor, const struct econ_initiative *in,
                       int year, int64_t ore, fk_date date, const char *note, int64_t *id)
{
	char ds[11], eid[24];
	date_format(date, ds);
	if (note && !*note)
		note = NULL;
	json_t *after = json_pack("{s:s, s:s, s:s?, s:I, s:i}", "date", ds, "initiative", in->key,
	                          "note", note, "ore", (json_int_t)ore, "year", year);
	if (!after)
		return FK_EINPUT;
	sqlite3_stmt *q = stmt_get(st, STMT_ECON_SPEND_INSERT);
	if (!q) {
		json_decref(after);
		return FK_EDB;
	}
	sqlite3_bind_int64(q, 1, in->id);
	sqlite3_bind_int(q, 2, year);
	sqlite3_bind_int64(q, 3, ore);
	sqlite3_bind_text(q, 4, ds, -1, SQLITE_STATIC);
	bind_text_or_null(q, 5, note);
	sqlite3_bind_text(q, 6, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 7, store_now(st), -1, SQLITE_TRANSIENT);
	int rc = step_done(st, q, "gem forbrug");
	if (rc != FK_OK) {
		json_decref(after);
		return rc;
	}
	int64_t sid = sqlite3_last_insert_rowid(st->db);
	snprintf(eid, sizeof eid, "%lld", (long long)sid);
	if (id)
		*id = sid;
	return audit(st, actor, "create", "spending", eid, NULL, after);
}

/* The shared body of the checked writers: loads the economy in the transaction, finds the
 * initiative, runs the core's check and writes. */
static int checked(struct store *st, const char *actor, const struct munic_table *mt,
                   int64_t default_rate, const char *key, int year, int64_t ore, const char *text,
                   fk_date date, bool spend, char *msg, size_t n, int64_t *over, int64_t *id)
{
	if (over)
		*over = 0;
	msg[0] = '\0';
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct econ e;
	econ_init(&e, default_rate);
	if ((rc = store_econ_load(st, mt, &e)) != FK_OK)
		goto out;
	int32_t in = econ_initiative_find(&e, key);
	if (in < 0) {
		snprintf(msg, n,
		         "Initiativet »%.64s« findes ikke. Se »fkigov initiative list« for "
		         "initiativernes id'er.",
		         key);
		rc = FK_ENOTFOUND;
		goto out;
	}
	rc = spend ? econ_can_spend(&e, in, year, ore, msg, n, over)
	           : econ_can_allocate(&e, in, year, ore, msg, n, over);
	if (rc != FK_OK)
		goto out;
	rc = spend ? spend_write(st, actor, &e.inits[in], year, ore, date, text, id)
	           : alloc_write(st, actor, &e.inits[in], year, ore, text, date, id);
out:
	econ_free(&e);
	return tx_leave(st, own, rc);
}

int store_econ_allocate(struct store *st, const char *actor, const struct munic_table *mt,
                        int64_t default_rate, const char *key, int year, int64_t ore,
                        const char *decision, fk_date date, char *msg, size_t n, int64_t *over,
                        int64_t *id)
{
	assert(decision && *decision);
	return checked(st, actor, mt, default_rate, key, year, ore, decision, date, false, msg, n,
	               over, id);
}

int store_econ_spend(struct store *st, const char *actor, const struct munic_table *mt,
                     int64_t default_rate, const char *key, int year, int64_t ore, fk_date date,
                     const char *note, char *msg, size_t n, int64_t *over, int64_t *id)
{
	return checked(st, actor, mt, default_rate, key, year, ore, note, date, true, msg, n, over,
	               id);
}
