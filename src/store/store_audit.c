/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The audit log: append, list, verify.
 *
 * Each row is chained to the one before it:
 *
 *   hash = hex(SHA-256(prev_hash || content))
 *   content = F(id) F(at) F(actor) F(action) F(entity) F(entity_id) F(before) F(after)
 *   F(s) = decimal byte length ":" bytes ";"     F(NULL) = "-;"
 *
 * prev_hash is the previous row's hash (64 hex characters), 64 zeros for the first row. The
 * length prefixes make the serialisation unambiguous, so no two different rows hash alike
 * by shifting bytes from one field to the next. The triggers of migration 1 refuse UPDATE
 * and DELETE; the chain catches what gets past them (a dropped trigger, an edited file). */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "store/store_int.h"
#include "util/err.h"

static const char zero_hash[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* ---------------------------------------------------------------- hashing */

/* Writes v in decimal followed by c, ending at end; returns where it starts. (By hand: this
 * runs eight times per row, a million rows per import.) */
static char *put_dec(char *end, uint64_t v, char c)
{
	*--end = c;
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static void hash_field(crypto_hash_sha256_state *h, const char *s, size_t n)
{
	if (!s) {
		crypto_hash_sha256_update(h, (const unsigned char *)"-;", 2);
		return;
	}
	char pre[24], *end = pre + sizeof pre;
	char *p = put_dec(end, n, ':');
	crypto_hash_sha256_update(h, (const unsigned char *)p, (unsigned long long)(end - p));
	crypto_hash_sha256_update(h, (const unsigned char *)s, n);
	crypto_hash_sha256_update(h, (const unsigned char *)";", 1);
}

/* The fields of one row as hashed. Strings need not be NUL-terminated. */
struct hrow {
	int64_t id;
	const char *f[7]; /* at, actor, action, entity, entity_id, before, after */
	size_t n[7];
};

static void row_hash(const char *prev, size_t prevlen, const struct hrow *r, char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)prev, prevlen);
	assert(r->id > 0);
	char id[24], *end = id + sizeof id;
	char *p = put_dec(end, (uint64_t)r->id, '\0');
	hash_field(&h, p, (size_t)(end - p - 1));
	for (int i = 0; i < 7; i++)
		hash_field(&h, r->f[i], r->n[i]);
	unsigned char bin[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, bin);
	sodium_bin2hex(out, 65, bin, sizeof bin);
}

/* ---------------------------------------------------------------- append */

/* Reads the head of the chain (last id and hash) into the store. */
static int read_head(struct store *st)
{
	sqlite3_stmt *q = stmt_get(st, STMT_AUDIT_HEAD);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW) {
		st->head_id = sqlite3_column_int64(q, 0);
		const char *h = (const char *)sqlite3_column_text(q, 1);
		snprintf(st->head_hash, sizeof st->head_hash, "%s", h ? h : "");
		st->head_valid = true;
	} else if (rc == SQLITE_DONE) {
		st->head_id = 0;
		memcpy(st->head_hash, zero_hash, sizeof zero_hash);
		st->head_valid = true;
	} else {
		err = store_fail(st, rc, "læs audit-log");
	}
	stmt_done(q);
	return err;
}

int audit_append(struct store *st, const char *actor, const char *action, const char *entity,
                 const char *eid, size_t eidlen, const char *before, size_t beforelen,
                 const char *after, size_t afterlen)
{
	assert(actor && action && entity && eid);
	assert(!sqlite3_get_autocommit(st->db));
	int rc;
	if (!st->head_valid && (rc = read_head(st)) != FK_OK)
		return rc;
	sqlite3_stmt *q = stmt_get(st, STMT_AUDIT_INSERT);
	if (!q)
		return FK_EDB;
	const char *at = store_now(st);
	struct hrow r = {
	    .id = st->head_id + 1,
	    .f = {at, actor, action, entity, eid, before, after},
	    .n = {strlen(at), strlen(actor), strlen(action), strlen(entity), eidlen, beforelen,
	          afterlen},
	};
	char hash[65];
	row_hash(st->head_hash, strlen(st->head_hash), &r, hash);
	sqlite3_bind_int64(q, 1, r.id);
	sqlite3_bind_text(q, 2, at, (int)r.n[0], SQLITE_STATIC);
	sqlite3_bind_text(q, 3, actor, (int)r.n[1], SQLITE_STATIC);
	sqlite3_bind_text(q, 4, action, (int)r.n[2], SQLITE_STATIC);
	sqlite3_bind_text(q, 5, entity, (int)r.n[3], SQLITE_STATIC);
	sqlite3_bind_text(q, 6, eid, (int)eidlen, SQLITE_STATIC);
	if (before)
		sqlite3_bind_text(q, 7, before, (int)beforelen, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, 7);
	if (after)
		sqlite3_bind_text(q, 8, after, (int)afterlen, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, 8);
	sqlite3_bind_text(q, 9, st->head_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 10, hash, 64, SQLITE_STATIC);
	/* An audit row that cannot be written is never the user's conflict: always FK_EDB. */
	rc = FK_OK;
	if (sqlite3_step(q) != SQLITE_DONE) {
		fprintf(stderr, "fkigov: databasefejl (skriv audit-log): %s\n",
		        sqlite3_errmsg(st->db));
		rc = FK_EDB;
	}
	stmt_done(q);
	if (rc != FK_OK)
		return rc;
	st->head_id = r.id;
	memcpy(st->head_hash, hash, sizeof hash);
	return FK_OK;
}

int store_audit_append(struct store *st, const char *actor, const char *action, const char *entity,
                       const char *entity_id, const char *before_json, const char *after_json)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	rc = audit_append(st, actor, action, entity, entity_id, strlen(entity_id), before_json,
	                  before_json ? strlen(before_json) : 0, after_json,
	                  after_json ? strlen(after_json) : 0);
	if (rc != FK_OK)
		st->poisoned = true; /* the caller's change must not be committed unaudited */
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- list */

static const char *col_text(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? NULL
	                                                : (const char *)sqlite3_column_text(q, i);
}

int store_audit_list(struct store *st, const struct audit_filter *f,
                     int (*fn)(const struct audit_row *row, void *arg), void *arg)
{
	static const struct audit_filter all;
	if (!f)
		f = &all;
	sqlite3_stmt *q = stmt_get(st, f->newest_first ? STMT_AUDIT_RECENT : STMT_AUDIT_LIST);
	if (!q)
		return FK_EDB;
	const char *p[5] = {f->entity, f->entity_id, f->actor, f->since, f->until};
	for (int i = 0; i < 5; i++)
		if (p[i])
			sqlite3_bind_text(q, i + 1, p[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q, i + 1);
	sqlite3_bind_int64(q, 6, f->limit > 0 ? f->limit : -1);
	int rc, err = FK_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct audit_row row = {
		    .id = sqlite3_column_int64(q, 0),
		    .at = (char *)col_text(q, 1),
		    .actor = (char *)col_text(q, 2),
		    .action = (char *)col_text(q, 3),
		    .entity = (char *)col_text(q, 4),
		    .entity_id = (char *)col_text(q, 5),
		    .before = (char *)col_text(q, 6),
		    .after = (char *)col_text(q, 7),
		    .hash = (char *)col_text(q, 8),
		};
		if ((err = fn(&row, arg)) != 0)
			break;
	}
	if (err == FK_OK && rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs audit-log");
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- verify */

int64_t store_audit_last(struct store *st)
{
	sqlite3_stmt *q = db_prepare(st, STMT_AUDIT_HEAD, "");
	int64_t id = 0;
	if (q && db_row(st, q, "læs revisionslog") == FK_OK) {
		id = sqlite3_column_int64(q, 0);
		stmt_done(q);
	}
	return id;
}

int store_audit_verify(struct store *st, int64_t *bad_id, int64_t *rows)
{
	if (bad_id)
		*bad_id = 0;
	if (rows)
		*rows = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_AUDIT_ALL);
	if (!q)
		return FK_EDB;
	char prev[65], hash[65];
	memcpy(prev, zero_hash, sizeof prev);
	int64_t n = 0;
	int rc, err = FK_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct hrow r = {.id = sqlite3_column_int64(q, 0)};
		for (int i = 0; i < 7; i++) {
			r.f[i] = col_text(q, i + 1);
			r.n[i] = (size_t)sqlite3_column_bytes(q, i + 1);
		}
		const char *sprev = col_text(q, 8);
		const char *shash = col_text(q, 9);
		n++;
		row_hash(prev, 64, &r, hash);
		if (!sprev || strcmp(sprev, prev) != 0 || !shash || strcmp(shash, hash) != 0) {
			if (bad_id)
				*bad_id = r.id;
			err = FK_ETAMPER;
			break;
		}
		memcpy(prev, hash, sizeof prev);
	}
	if (err == FK_OK && rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs audit-log");
	stmt_done(q);
	if (rows)
		*rows = n;
	return err;
}

int store_version(struct store *st, int64_t *version)
{
	sqlite3_stmt *q = stmt_get(st, STMT_AUDIT_HEAD);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(q, 0);
	else if (rc == SQLITE_DONE)
		*version = 0;
	else
		err = store_fail(st, rc, "læs version");
	stmt_done(q);
	return err;
}
