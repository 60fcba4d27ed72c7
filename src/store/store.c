/* The store: opening, creating and closing the database, migrations, the statement table,
 * transactions and error mapping. Persons and appointments are in store_reg.c, the audit
 * log in store_audit.c, the schema in store_schema.c. */
#include "store/store.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- statements */

static const char *const stmt_sql[STMT__MAX] = {
    [STMT_BEGIN] = "BEGIN IMMEDIATE",
    [STMT_BEGIN_READ] = "BEGIN",
    [STMT_COMMIT] = "COMMIT",
    [STMT_SAVEPOINT] = "SAVEPOINT nested",
    [STMT_RELEASE] = "RELEASE nested",
    [STMT_ROLLBACK_TO] = "ROLLBACK TO nested",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_USER_VERSION] = "PRAGMA user_version",
    /* The page cache: 64 MiB while writing (a bulk import touches the appointment index all
     * over), the default 2 MiB otherwise (a scan of the register gains nothing from more,
     * and the server stays small). */
    [STMT_CACHE_WRITE] = "PRAGMA cache_size = -32768",
    [STMT_CACHE_READ] = "PRAGMA cache_size = -2000",
    [STMT_MODEL_COUNT] = "SELECT count(*) FROM model",
    [STMT_MODEL_GET] = "SELECT json FROM model WHERE id = 1",
    [STMT_MODEL_PUT] = "INSERT INTO model (id, json, source, created) VALUES (1, ?1, ?2, ?3)",
    [STMT_PERSON_BY_KEY] = "SELECT id, name, email FROM person WHERE key = ?1",
    [STMT_PERSON_KEY] = "SELECT key FROM person WHERE id = ?1",
    [STMT_PERSON_INSERT] = "INSERT INTO person (key, name, email) VALUES (?1, ?2, ?3)",
    [STMT_PERSON_UPDATE] = "UPDATE person SET name = ?2, email = ?3 WHERE id = ?1",
    [STMT_PERSON_COUNT] = "SELECT count(*) FROM person",
    [STMT_PERSON_ALL] = "SELECT id, key, name, email FROM person ORDER BY id",
    [STMT_APPT_INSERT] = "INSERT INTO appointment"
                         " (person, body, organisation, municipality, seat, profile, start, end)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_APPT_GET] = "SELECT person, body, organisation, municipality, seat, profile, start, end"
                      " FROM appointment WHERE id = ?1",
    [STMT_APPT_UPDATE] = "UPDATE appointment SET person = ?2, body = ?3, organisation = ?4,"
                         " municipality = ?5, seat = ?6, profile = ?7, start = ?8, end = ?9"
                         " WHERE id = ?1",
    [STMT_APPT_MAXID] = "SELECT max(id) FROM appointment",
    /* Table order (a sequential scan); store_load_register sorts in memory, which is
     * cheaper than letting SQLite sort a million rows by text. */
    [STMT_APPT_ALL] = "SELECT id, person, body, organisation, municipality, seat, profile,"
                      " start, end FROM appointment ORDER BY id",
    [STMT_AUDIT_HEAD] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
    [STMT_AUDIT_INSERT] = "INSERT INTO audit (id, at, actor, action, entity, entity_id, before,"
                          " after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                          " ?10)",
    [STMT_AUDIT_ALL] = "SELECT id, at, actor, action, entity, entity_id, before, after,"
                       " prev_hash, hash FROM audit ORDER BY id",
    /* A NULL parameter switches its filter off. until is an inclusive prefix: until
     * "2026-11-27" takes the whole day. */
    [STMT_AUDIT_LIST] = "SELECT id, at, actor, action, entity, entity_id, before, after, hash"
                        " FROM audit"
                        " WHERE (?1 IS NULL OR entity = ?1)"
                        " AND (?2 IS NULL OR entity_id = ?2)"
                        " AND (?3 IS NULL OR actor = ?3)"
                        " AND (?4 IS NULL OR at >= ?4)"
                        " AND (?5 IS NULL OR substr(at, 1, length(?5)) <= ?5)"
                        " ORDER BY id LIMIT ?6",
    /* Accounts, sessions and API tokens (store_auth.c). An account row is read as
     * id, login, role, person key, created, disabled [, pwhash]. */
    [STMT_ACCOUNT_INSERT] = "INSERT INTO account (login, pwhash, role, person, created)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_ACCOUNT_SET_PW] = "UPDATE account SET pwhash = ?2 WHERE login = ?1",
    [STMT_SESSION_DELETE_ACCOUNT] = "DELETE FROM session WHERE account ="
                                    " (SELECT id FROM account WHERE login = ?1)",
    [STMT_ACCOUNT_BY_LOGIN] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled,"
                              " a.pwhash FROM account a LEFT JOIN person p ON p.id = a.person"
                              " WHERE a.login = ?1",
    [STMT_ACCOUNT_ALL] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled"
                         " FROM account a LEFT JOIN person p ON p.id = a.person"
                         " ORDER BY a.login",
    [STMT_SESSION_INSERT] = "INSERT INTO session (id_hash, account, csrf, created, last_seen)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_SESSION_GET] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled, s.csrf,"
                         " s.last_seen FROM session s JOIN account a ON a.id = s.account"
                         " LEFT JOIN person p ON p.id = a.person WHERE s.id_hash = ?1",
    /* Written at most once a minute per session, not once per request. */
    [STMT_SESSION_TOUCH] = "UPDATE session SET last_seen = ?2"
                           " WHERE id_hash = ?1 AND last_seen < ?2 - 60",
    [STMT_SESSION_DELETE] = "DELETE FROM session WHERE id_hash = ?1",
    [STMT_SESSION_DELETE_CSRF] = "DELETE FROM session WHERE account = ?1 AND csrf = ?2",
    [STMT_SESSION_EXPIRE] = "DELETE FROM session WHERE last_seen < ?1",
    [STMT_TOKEN_INSERT] = "INSERT INTO api_token (account, hash, label, created)"
                          " VALUES (?1, ?2, ?3, ?4)",
    [STMT_TOKEN_GET] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled, t.id"
                       " FROM api_token t JOIN account a ON a.id = t.account"
                       " LEFT JOIN person p ON p.id = a.person WHERE t.hash = ?1",
    /* last_used to the minute: at most one write a minute per token. */
    [STMT_TOKEN_TOUCH] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1"
                         " AND (last_used IS NULL OR substr(last_used, 1, 16) <> substr(?2, 1, 16))",
    /* Pending imports (store_import.c): only ever read by the account that uploaded them. */
    [STMT_IMPORT_INSERT] = "INSERT INTO pending_import (account, filename, data, created)"
                           " VALUES (?1, ?2, ?3, ?4)",
    [STMT_IMPORT_GET] = "SELECT id, account, filename, created, data FROM pending_import"
                        " WHERE id = ?1 AND account = ?2",
    [STMT_IMPORT_LIST] = "SELECT id, account, filename, created, length(data) FROM pending_import"
                         " WHERE account = ?1 ORDER BY id DESC LIMIT ?2",
    [STMT_IMPORT_DELETE] = "DELETE FROM pending_import WHERE id = ?1 AND account = ?2",
    /* ?1 is now (store_now), ?2 the age in hours. */
    [STMT_IMPORT_EXPIRE] = "DELETE FROM pending_import"
                           " WHERE created < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, '-' || ?2 || ' hours')",
    /* The audit log newest first, with the filters of STMT_AUDIT_LIST. */
    [STMT_AUDIT_RECENT] = "SELECT id, at, actor, action, entity, entity_id, before, after, hash"
                          " FROM audit"
                          " WHERE (?1 IS NULL OR entity = ?1)"
                          " AND (?2 IS NULL OR entity_id = ?2)"
                          " AND (?3 IS NULL OR actor = ?3)"
                          " AND (?4 IS NULL OR at >= ?4)"
                          " AND (?5 IS NULL OR substr(at, 1, length(?5)) <= ?5)"
                          " ORDER BY id DESC LIMIT ?6",
};

sqlite3_stmt *stmt_get(struct store *st, enum stmt s)
{
	assert(s < STMT__MAX && stmt_sql[s]);
	if (!st->stmt[s]) {
		int rc = sqlite3_prepare_v3(st->db, stmt_sql[s], -1, SQLITE_PREPARE_PERSISTENT,
		                            &st->stmt[s], NULL);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "fkigov: databasefejl (forbered sætning %d): %s\n", (int)s,
			        sqlite3_errmsg(st->db));
			st->stmt[s] = NULL;
			return NULL;
		}
	}
	return st->stmt[s];
}

void stmt_done(sqlite3_stmt *s)
{
	if (s)
		sqlite3_reset(s);
}

int store_fail(struct store *st, int rc, const char *what)
{
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		snprintf(st->conflict, sizeof st->conflict, "%s", sqlite3_errmsg(st->db));
		return FK_ECONFLICT;
	}
	fprintf(stderr, "fkigov: databasefejl (%s): %s\n", what, sqlite3_errmsg(st->db));
	return FK_EDB;
}

const char *store_conflict(const struct store *st)
{
	return st->conflict;
}

int stmt_run(struct store *st, enum stmt s, const char *what)
{
	sqlite3_stmt *q = stmt_get(st, s);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- transactions */

int store_begin(struct store *st)
{
	if (st->depth > 0) {
		/* Nested: a savepoint inside the open transaction. */
		int rc = stmt_run(st, STMT_SAVEPOINT, "begynd savepoint");
		if (rc == FK_OK)
			st->depth++;
		return rc;
	}
	int rc = stmt_run(st, STMT_BEGIN, "begynd transaktion");
	if (rc == FK_OK)
		st->depth = 1;
	st->head_valid = false;
	st->poisoned = false;
	st->pkey_new = false;
	if (rc == FK_OK)
		(void)stmt_run(st, STMT_CACHE_WRITE, "sæt cache"); /* only speed depends on it */
	return rc;
}

/* After a write transaction: the cache back to its reading size. */
static void end_write(struct store *st)
{
	st->head_valid = false;
	(void)stmt_run(st, STMT_CACHE_READ, "sæt cache");
}

int store_commit(struct store *st)
{
	if (st->depth > 1) {
		st->depth--;
		return stmt_run(st, STMT_RELEASE, "afslut savepoint");
	}
	st->depth = 0;
	if (st->poisoned) {
		fprintf(stderr, "fkigov: en ændring kunne ikke skrives i audit-loggen;"
		                " intet er gemt.\n");
		store_rollback(st);
		return FK_EDB;
	}
	int rc = stmt_run(st, STMT_COMMIT, "gem transaktion");
	if (rc != FK_OK && !sqlite3_get_autocommit(st->db))
		store_rollback(st);
	if (rc == FK_OK)
		st->pkey_new = false;
	end_write(st);
	return rc;
}

void store_rollback(struct store *st)
{
	if (st->depth > 1) {
		st->depth--;
		(void)stmt_run(st, STMT_ROLLBACK_TO, "rul savepoint tilbage");
		(void)stmt_run(st, STMT_RELEASE, "afslut savepoint");
		store_forget(st); /* cached audit head and person keys may be undone */
		return;
	}
	st->depth = 0;
	if (!sqlite3_get_autocommit(st->db))
		(void)stmt_run(st, STMT_ROLLBACK, "rul transaktion tilbage");
	store_forget(st);
	end_write(st);
}

void store_forget(struct store *st)
{
	st->head_valid = false;
	st->poisoned = false;
	if (!st->pkey_new)
		return; /* every cached key is of a committed row: still right */
	st->pkey_new = false;
	for (size_t i = 0; i < st->cappkey; i++) {
		free(st->pkey[i]);
		st->pkey[i] = NULL;
	}
	free(st->pkey_spill);
	st->pkey_spill = NULL;
}

int tx_enter(struct store *st, bool *own)
{
	*own = false;
	if (!sqlite3_get_autocommit(st->db))
		return FK_OK;
	int rc = store_begin(st);
	if (rc == FK_OK)
		*own = true;
	return rc;
}

int tx_leave(struct store *st, bool own, int rc)
{
	if (!own)
		return rc;
	if (rc == FK_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

/* ---------------------------------------------------------------- time */

const char *store_now(struct store *st)
{
	const char *e = getenv("FKIGOV_NOW");
	if (e && *e) {
		if (strlen(e) == 10)
			snprintf(st->now, sizeof st->now, "%sT00:00:00Z", e);
		else
			snprintf(st->now, sizeof st->now, "%s", e);
		st->now_t = (time_t)-1;
		return st->now;
	}
	time_t t = time(NULL);
	if (t != st->now_t) {
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(st->now, sizeof st->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		st->now_t = t;
	}
	return st->now;
}

/* ---------------------------------------------------------------- open and close */

static void open_msg(struct diags *d, const char *path, const char *msg)
{
	if (d)
		diags_add(d, path, 0, 0, NULL, "%s", msg);
	else
		fprintf(stderr, "%s: %s\n", path, msg);
}

/* Reads PRAGMA user_version into *v. */
static int user_version(struct store *st, int *v)
{
	sqlite3_stmt *q = stmt_get(st, STMT_USER_VERSION);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(q, 0);
	else
		err = store_fail(st, rc, "læs skemaversion");
	stmt_done(q);
	return err;
}

/* Applies the migrations the database has not had, each in its own transaction. The
 * version is read again under the write lock, so two processes opening at once apply each
 * migration once. */
static int migrate(struct store *st, struct diags *d)
{
	int v, rc;
	if ((rc = user_version(st, &v)) != FK_OK)
		return rc;
	while (v != store_nmigrations) {
		if (v > store_nmigrations) {
			char msg[256];
			snprintf(msg, sizeof msg,
			         "Databasen er lavet af en nyere udgave af fkigov (skemaversion %d;"
			         " denne udgave kender op til %d). Opdater fkigov.",
			         v, store_nmigrations);
			open_msg(d, st->path, msg);
			return FK_EDB;
		}
		if ((rc = store_begin(st)) != FK_OK)
			return rc;
		if ((rc = user_version(st, &v)) != FK_OK)
			goto fail;
		if (v >= store_nmigrations) {
			store_rollback(st);
			continue;
		}
		char *err = NULL;
		if (sqlite3_exec(st->db, store_migrations[v], NULL, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "fkigov: databasefejl (migrering %d): %s\n", v + 1,
			        err ? err : sqlite3_errmsg(st->db));
			sqlite3_free(err);
			rc = FK_EDB;
			goto fail;
		}
		/* user_version cannot be bound; the number is ours, not input. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			rc = store_fail(st, SQLITE_ERROR, "skriv skemaversion");
			goto fail;
		}
		if ((rc = store_commit(st)) != FK_OK)
			return rc;
		v++;
	}
	return FK_OK;
fail:
	store_rollback(st);
	return rc;
}

static void free_store(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db)
		sqlite3_close_v2(st->db);
	for (size_t i = 0; i < st->cappkey; i++)
		free(st->pkey[i]);
	free(st->pkey);
	free(st->pkey_spill);
	if (st->jappt)
		json_decref(st->jappt);
	for (int i = 0; i < 3; i++)
		free(st->jb[i].s);
	free(st->path);
	free(st);
}

static int open_db(const char *path, bool create, struct store **out, struct diags *d)
{
	*out = NULL;
	char msg[512];
	if (sodium_init() < 0) {
		open_msg(d, path, "Kryptobiblioteket (libsodium) kunne ikke startes.");
		return FK_EDB;
	}
	struct stat sb;
	if (!create && (!*path || stat(path, &sb) != 0)) {
		snprintf(msg, sizeof msg,
		         "Databasen findes ikke. Opret den med \"fkigov init\", eller angiv den"
		         " rigtige sti med --db.");
		open_msg(d, path, msg);
		return FK_ENOTFOUND;
	}
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->now_t = (time_t)-1;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, sizeof msg, "Databasen kan ikke åbnes: %s.",
		         st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		open_msg(d, path, msg);
		free_store(st);
		return FK_EDB;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	static const char pragmas[] = "PRAGMA foreign_keys = ON;"
	                              "PRAGMA journal_mode = WAL;"
	                              "PRAGMA synchronous = FULL;";
	rc = sqlite3_exec(st->db, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			snprintf(
			    msg, sizeof msg,
			    "Filen er ikke en fkigov-database. Angiv den rigtige sti med --db.");
		else
			snprintf(msg, sizeof msg, "Databasen kan ikke åbnes: %s.",
			         sqlite3_errmsg(st->db));
		open_msg(d, path, msg);
		free_store(st);
		return FK_EDB;
	}
	st->jappt = json_object();
	if ((rc = migrate(st, d)) != FK_OK) {
		free_store(st);
		return rc;
	}
	*out = st;
	return FK_OK;
}

/* Whether the database holds a model (*has). */
static int has_model(struct store *st, bool *has)
{
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_COUNT);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW)
		*has = sqlite3_column_int64(q, 0) > 0;
	else
		err = store_fail(st, rc, "læs model");
	stmt_done(q);
	return err;
}

int store_open(const char *path, struct store **out, struct diags *d)
{
	struct store *st;
	*out = NULL;
	int rc = open_db(path, false, &st, d);
	if (rc != FK_OK)
		return rc;
	bool has = false;
	if ((rc = has_model(st, &has)) != FK_OK)
		goto fail;
	if (!has) {
		open_msg(
		    d, path,
		    "Databasen er ikke sat op endnu. Kør \"fkigov init\" med denne sti først.");
		rc = FK_ENOTFOUND;
		goto fail;
	}
	*out = st;
	return FK_OK;
fail:
	free_store(st);
	*out = NULL;
	return rc;
}

void store_close(struct store *st)
{
	free_store(st);
}

/* The audit record of a model: its source, size and SHA-256, not the whole text (the
 * model table holds that, and the hash ties the two together). */
static char *model_audit_json(const char *json, size_t len, const char *source)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	crypto_hash_sha256(h, (const unsigned char *)json, len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	json_t *o =
	    json_pack("{s:s, s:I, s:s}", "source", source, "bytes", (json_int_t)len, "sha256", hex);
	if (!o)
		return NULL;
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

int store_create(const char *path, const char *model_json, size_t len, const char *source,
                 const char *actor, struct diags *d)
{
	assert(path && model_json && source && actor);
	struct store *st;
	int rc = open_db(path, true, &st, d);
	if (rc != FK_OK)
		return rc;
	char *after = NULL;
	if ((rc = store_begin(st)) != FK_OK)
		goto out;
	bool has = false;
	if ((rc = has_model(st, &has)) != FK_OK)
		goto out;
	if (has) {
		open_msg(d, path,
		         "Der findes allerede en fkigov-database med en model her. Angiv en anden"
		         " sti med --db, eller fjern filen, hvis du vil begynde forfra.");
		rc = FK_ECONFLICT;
		goto out;
	}
	after = model_audit_json(model_json, len, source);
	if (!after) {
		open_msg(d, path, "Modellens kildenavn er ikke gyldig UTF-8.");
		rc = FK_EINPUT;
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_PUT);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	const char *now = store_now(st);
	sqlite3_bind_text(q, 1, model_json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, now, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(q);
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "gem model");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if ((rc = audit_append(st, actor, "init", "model", "1", 1, NULL, 0, after,
	                       strlen(after))) != FK_OK)
		goto out;
	rc = store_commit(st);
out:
	if (rc != FK_OK)
		store_rollback(st);
	free(after);
	free_store(st);
	return rc;
}

int store_model_json(struct store *st, char **json, size_t *len)
{
	*json = NULL;
	if (len)
		*len = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_GET);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(q, 0);
		*json = xstrndup((const char *)sqlite3_column_text(q, 0), n);
		if (len)
			*len = n;
	} else if (rc == SQLITE_DONE) {
		err = FK_ENOTFOUND;
	} else {
		err = store_fail(st, rc, "læs model");
	}
	stmt_done(q);
	return err;
}
