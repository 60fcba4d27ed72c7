/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#define _XOPEN_SOURCE 700
/* Backup and restore (store.h, "operations"): SQLite's online backup API, so a copy is
 * consistent while serve writes, and a restore that checks the copy whole before anything
 * of the live database changes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

/* Copies all of src into dst page by page; other connections may write between the steps
 * (the copy then starts over, so it is one consistent moment). */
static int copy_db(sqlite3 *dst, sqlite3 *src, char *err, size_t n)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		snprintf(err, n, "Kopien kunne ikke begynde: %s.", sqlite3_errmsg(dst));
		return FK_EDB;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, n, "Kopien kunne ikke skrives: %s.", sqlite3_errstr(rc));
		return FK_EDB;
	}
	return FK_OK;
}

static int fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int store_backup(struct store *st, const char *path, char *err, size_t n)
{
	struct stat sb;
	if (stat(path, &sb) == 0) {
		snprintf(err, n, "%s findes allerede. Vælg et nyt navn; en kopi overskriver aldrig en fil.",
		         path);
		return FK_EINPUT;
	}
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	sqlite3 *dst = NULL;
	int rc = FK_EDB;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		snprintf(err, n, "%s kan ikke oprettes: %s.", path, dst ? sqlite3_errmsg(dst) : "");
	} else if ((rc = copy_db(dst, st->db, err, n)) == FK_OK &&
	           sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, n, "Kopien kunne ikke afsluttes: %s.", sqlite3_errmsg(dst));
		rc = FK_EDB;
	}
	sqlite3_close_v2(dst);
	if (rc == FK_OK && (fsync_path(tmp) != 0 || link(tmp, path) != 0)) {
		snprintf(err, n, "%s kan ikke skrives: %s.", path, strerror(errno));
		rc = errno == EEXIST ? FK_EINPUT : FK_EDB;
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

/* One text row of a pragma on db into out[n]; "" when none. */
static int pragma_text(sqlite3 *db, const char *sql, char *out, size_t n)
{
	sqlite3_stmt *q = NULL;
	out[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_text(q, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_restore(struct store *st, const char *path, int64_t *rows, char *err, size_t n)
{
	*rows = 0;
	sqlite3 *src = NULL;
	char v[512];
	int rc = FK_EINPUT;
	/* 1. The copy on its own: a database, whole, not from a newer fkigov. */
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, n, "%s kan ikke åbnes: %s.", path, src ? sqlite3_errmsg(src) : "");
		sqlite3_close_v2(src);
		return FK_EINPUT;
	}
	if (pragma_text(src, "PRAGMA integrity_check", v, sizeof v) != 0 || strcmp(v, "ok") != 0) {
		snprintf(err, n,
		         "%s er ikke en hel fkigov-database (SQLite's integritetstjek: %s). Intet er "
		         "ændret; brug en anden kopi.",
		         path, *v ? v : sqlite3_errmsg(src));
		sqlite3_close_v2(src);
		return FK_EINPUT;
	}
	pragma_text(src, "PRAGMA user_version", v, sizeof v);
	int version = atoi(v);
	if (version > store_nmigrations || version < 1) {
		snprintf(err, n,
		         version < 1 ? "%s er ikke en fkigov-database (skemaversion %d). Intet er ændret."
		                     : "%s er lavet af en nyere udgave af fkigov (skemaversion %d; denne "
		                       "udgave kender op til %d). Opdater fkigov først. Intet er ændret.",
		         path, version, store_nmigrations);
		sqlite3_close_v2(src);
		return FK_EINPUT;
	}
	/* 2. A working copy beside the live database, brought to this schema, with its audit
	 * chain checked; the copy itself is never written. */
	char *tmp = xasprintf("%s.restore-%ld", st->path, (long)getpid());
	sqlite3 *w = NULL;
	if (sqlite3_open_v2(tmp, &w, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    copy_db(w, src, err, n) != FK_OK) {
		if (!*err)
			snprintf(err, n, "En arbejdskopi kunne ikke laves ved siden af databasen.");
		sqlite3_close_v2(w);
		sqlite3_close_v2(src);
		unlink(tmp);
		free(tmp);
		return FK_EDB;
	}
	sqlite3_close_v2(w);
	sqlite3_close_v2(src);
	struct store *copy = NULL;
	struct diags d;
	diags_init(&d);
	if (store_open(tmp, &copy, &d) != FK_OK) {
		snprintf(err, n, "%s kan ikke bruges: %s Intet er ændret.", path,
		         d.n ? d.v[0].msg : "den kan ikke åbnes.");
		rc = FK_EINPUT;
	} else {
		int64_t bad = 0;
		int vr = store_audit_verify(copy, &bad, rows);
		if (vr == FK_ETAMPER) {
			snprintf(err, n,
			         "Revisionsloggen i %s er brudt ved række %lld. Kopien gendannes ikke; "
			         "intet er ændret. Brug en ældre kopi.",
			         path, (long long)bad);
			rc = FK_EINPUT;
		} else if (vr != FK_OK) {
			snprintf(err, n, "Revisionsloggen i %s kan ikke læses. Intet er ændret.", path);
			rc = FK_EINPUT;
		} else {
			/* 3. Into the live database in one step, under its lock (WAL and other
			 * connections handled by SQLite). */
			rc = copy_db(st->db, copy->db, err, n);
			store_forget(st);
		}
		store_close(copy);
	}
	diags_free(&d);
	unlink(tmp);
	char *side = xasprintf("%s-wal", tmp);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", tmp);
	unlink(side);
	free(side);
	free(tmp);
	return rc;
}

/* The name of a nightly backup of day: "fkigov-2027-03-01.db". */
static void nightly_name(time_t t, char *out, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, n, "fkigov-%Y-%m-%d.db", &tm);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_backup_nightly(struct store *st, const char *dir, int keep, time_t now, char *made,
                         size_t nmade, char *err, size_t n)
{
	char name[64];
	nightly_name(now, name, sizeof name);
	snprintf(made, nmade, "%s/%s", dir, name);
	struct stat sb;
	if (stat(made, &sb) == 0)
		return FK_OK; /* today's is made */
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, n, "Mappen %s kan ikke oprettes: %s.", dir, strerror(errno));
		return FK_EDB;
	}
	int rc = store_backup(st, made, err, n);
	if (rc != FK_OK)
		return rc;
	/* Keep the newest keep of them. */
	DIR *dp = opendir(dir);
	if (!dp)
		return FK_OK;
	char **v = NULL;
	size_t nv = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		if (len == strlen("fkigov-2027-03-01.db") && !strncmp(e->d_name, "fkigov-", 7) &&
		    !strcmp(e->d_name + len - 3, ".db")) {
			v = xgrow(v, sizeof *v, nv + 1, &cap);
			v[nv++] = xstrdup(e->d_name);
		}
	}
	closedir(dp);
	qsort(v, nv, sizeof *v, cmp_str);
	for (size_t i = 0; i + (size_t)keep < nv; i++) {
		char *p = xasprintf("%s/%s", dir, v[i]);
		unlink(p);
		free(p);
	}
	for (size_t i = 0; i < nv; i++)
		free(v[i]);
	free(v);
	return FK_OK;
}

int store_backup_last(const char *dir, char *path, size_t n, time_t *when)
{
	DIR *dp = opendir(dir);
	path[0] = '\0';
	*when = 0;
	if (!dp)
		return FK_ENOTFOUND;
	struct dirent *e;
	char best[256] = "";
	while ((e = readdir(dp)))
		if (!strncmp(e->d_name, "fkigov-", 7) && strlen(e->d_name) < sizeof best &&
		    strcmp(e->d_name, best) > 0 && strstr(e->d_name, ".db") &&
		    !strstr(e->d_name, ".tmp-"))
			snprintf(best, sizeof best, "%s", e->d_name);
	closedir(dp);
	if (!*best)
		return FK_ENOTFOUND;
	snprintf(path, n, "%s/%s", dir, best);
	struct stat sb;
	if (stat(path, &sb) != 0)
		return FK_ENOTFOUND;
	*when = sb.st_mtime;
	return FK_OK;
}

int store_health(struct store *st, int *version, int64_t *queued, int64_t *failed,
                 int64_t *oldest)
{
	char v[32];
	*version = 0;
	*queued = *failed = *oldest = 0;
	if (pragma_text(st->db, "PRAGMA user_version", v, sizeof v) != 0)
		return FK_EDB;
	*version = atoi(v);
	/* the database really answers: a read of a table, not only of the header */
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(st->db,
	                       "SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER "
	                       "(WHERE state = 'failed'), min(CASE WHEN state = 'queued' THEN created "
	                       "END) FROM mail",
	                       -1, &q, NULL) != SQLITE_OK)
		return FK_EDB;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*queued = sqlite3_column_int64(q, 0);
		*failed = sqlite3_column_int64(q, 1);
		const char *c = (const char *)sqlite3_column_text(q, 2);
		struct tm tm = {0};
		if (c && strptime(c, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
			time_t t = timegm(&tm);
			*oldest = time(NULL) - t;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_ROW ? FK_OK : FK_EDB;
}

int store_last_change(struct store *st, time_t *when)
{
	char v[40];
	*when = 0;
	if (pragma_text(st->db, "SELECT max(at) FROM audit", v, sizeof v) != 0)
		return FK_EDB;
	struct tm tm = {0};
	if (*v && strptime(v, "%Y-%m-%dT%H:%M:%SZ", &tm))
		*when = timegm(&tm);
	return FK_OK;
}
