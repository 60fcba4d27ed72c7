/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* For the store's unit tests: a new database in a temporary directory per test (created with
 * a model and opened; "now" fixed at 2026-11-27 10:00 UTC), removed afterwards, and raw SQL
 * on the file behind the store's back. Included by one test file each. */
#ifndef FK_TEST_DBFIXTURE_H
#define FK_TEST_DBFIXTURE_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/xalloc.h"

struct fx {
	char dir[64];
	char path[96];
	struct store *st;
	struct diags d;
};

/* Creates the database (model: len bytes of JSON) in /tmp/fkigov-test-NAME-XXXXXX. */
static inline int fx_setup(void **state, const char *name, const char *model, size_t len)
{
	struct fx *f = xcalloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/fkigov-test-%s-XXXXXX", name);
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/fk.db", f->dir);
	diags_init(&f->d);
	setenv("FKIGOV_NOW", "2026-11-27T10:00:00Z", 1);
	if (store_create(f->path, model, len, "test.json", "tester", &f->d) != FK_OK ||
	    store_open(f->path, &f->st, &f->d) != FK_OK)
		return -1;
	*state = f;
	return 0;
}

/* Removes a database file and its -wal and -shm files. */
static inline void fx_remove_db(const char *path)
{
	const char *sfx[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

static inline int fx_teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->st);
	diags_free(&f->d);
	fx_remove_db(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Runs one SQL statement on the file directly, behind the store's back. */
static inline int raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* The first column of the first row of sql, read from the file directly. */
static inline int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return v;
}
#endif
