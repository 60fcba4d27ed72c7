/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Pending imports: uploaded appointment files held between the web import's preview and its
 * commit or cancel, readable only by the account that uploaded them. And the audit log
 * newest first, for the web's audit page (a limit there keeps the most recent rows). */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

static void copy_col(sqlite3_stmt *q, int i, char *out, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	snprintf(out, n, "%s", s ? s : "");
}

/* Steps a statement that returns no rows; resets it. */
static int step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- pending imports */

int store_import_put(struct store *st, const char *account, const char *filename, const char *data,
                     size_t len, int64_t *id)
{
	assert(st && account && filename && data);
	sqlite3_stmt *q = stmt_get(st, STMT_IMPORT_INSERT);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, account, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, filename, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(q, 3, data, (sqlite3_uint64)len, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, store_now(st), -1, SQLITE_TRANSIENT);
	int rc = step_done(st, q, "gem upload");
	if (rc == FK_OK && id)
		*id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

/* Fills the fields every query returns: id, account, filename, created. */
static void import_row(sqlite3_stmt *q, struct store_import *out)
{
	out->id = sqlite3_column_int64(q, 0);
	copy_col(q, 1, out->account, sizeof out->account);
	copy_col(q, 2, out->filename, sizeof out->filename);
	copy_col(q, 3, out->created, sizeof out->created);
}

int store_import_get(struct store *st, int64_t id, const char *account, struct store_import *out)
{
	assert(st && account && out);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = stmt_get(st, STMT_IMPORT_GET);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, account, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW) {
		import_row(q, out);
		const void *b = sqlite3_column_blob(q, 4);
		out->len = (size_t)sqlite3_column_bytes(q, 4);
		out->data = xmalloc(out->len + 1);
		if (out->len)
			memcpy(out->data, b, out->len);
		out->data[out->len] = '\0';
	} else {
		err = rc == SQLITE_DONE ? FK_ENOTFOUND : store_fail(st, rc, "læs upload");
	}
	stmt_done(q);
	return err;
}

int store_import_list(struct store *st, const char *account, int max,
                      int (*fn)(const struct store_import *imp, void *arg), void *arg)
{
	assert(st && account && fn);
	sqlite3_stmt *q = stmt_get(st, STMT_IMPORT_LIST);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, account, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, max > 0 ? max : -1);
	int rc, err = FK_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct store_import imp;
		memset(&imp, 0, sizeof imp);
		import_row(q, &imp);
		imp.len = (size_t)sqlite3_column_int64(q, 4);
		if ((err = fn(&imp, arg)) != 0)
			break;
	}
	if (err == FK_OK && rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs uploads");
	stmt_done(q);
	return err;
}

int store_import_delete(struct store *st, int64_t id, const char *account)
{
	assert(st && account);
	sqlite3_stmt *q = stmt_get(st, STMT_IMPORT_DELETE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, account, -1, SQLITE_STATIC);
	int rc = step_done(st, q, "slet upload");
	if (rc == FK_OK && sqlite3_changes(st->db) == 0)
		rc = FK_ENOTFOUND;
	return rc;
}

int store_import_expire(struct store *st, int hours, int64_t *n)
{
	assert(st && hours >= 0);
	sqlite3_stmt *q = stmt_get(st, STMT_IMPORT_EXPIRE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(q, 2, hours);
	int rc = step_done(st, q, "slet gamle uploads");
	if (n)
		*n = rc == FK_OK ? sqlite3_changes(st->db) : 0;
	return rc;
}

