#ifndef FK_STORE_H
#define FK_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/register.h"
#include "util/diag.h"

/* The only place with SQL. SQLite in WAL mode, foreign keys on, synchronous=FULL, a busy
 * timeout; numbered migrations tracked in PRAGMA user_version; every statement prepared
 * once from a table indexed by an enum, parameters bound, never spliced.
 *
 * Every change goes through the audit log: who (actor), when (UTC), the entity, its id
 * and its before/after as JSON. The log is append-only (triggers refuse UPDATE and
 * DELETE) and hash-chained: hash = SHA-256(prev_hash || content), hex. */

struct store;

/* Creates a new database at path holding the model text (already validated by the
 * caller) and its source name. Fails with FK_ECONFLICT when path already holds a
 * database with a model. */
int store_create(const char *path, const char *model_json, size_t len, const char *source,
                 const char *actor, struct diags *d);
/* Opens an existing database and brings its schema up to date. FK_ENOTFOUND when the file
 * does not exist (message tells to run "fkigov init"). */
int store_open(const char *path, struct store **out, struct diags *d);
void store_close(struct store *st);

/* The model text stored at init (caller frees). */
int store_model_json(struct store *st, char **json, size_t *len);

/* Loads every person and appointment into r (which must be empty), mapping body and
 * profile ids to the model's indices. r comes back sorted (reg_sort). */
int store_load_register(struct store *st, const struct model *m, struct reg *r);

/* Transactions. begin is BEGIN IMMEDIATE; a begin inside an open transaction is a
 * savepoint, which commit releases and rollback undoes alone. The change functions below run in the caller's
 * transaction when one is open (all or nothing: after any error other than FK_ECONFLICT,
 * roll back), else each in a transaction of its own. commit fails with FK_EDB, and rolls
 * back, when a change of the transaction could not be audited. */
int store_begin(struct store *st);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* The SQLite text of the last FK_ECONFLICT (e.g. "UNIQUE constraint failed: ..."), for
 * logs and messages; "" when none. Valid until the next call on st. */
const char *store_conflict(const struct store *st);

/* Adds a person, or updates name/email when key exists and they differ; audited.
 * *id gets the row id. */
int store_person_put(struct store *st, const char *actor, const char *key, const char *name,
                     const char *email, int64_t *id);
/* Inserts an appointment (a->person is a store row id here, not an index; body and profile
 * are model indices); audited. a->id gets the new row id. */
int store_appt_insert(struct store *st, const char *actor, const struct model *m,
                      struct reg_appt *a);
/* Replaces the stored appointment a->id with a (same conventions); audited with before
 * and after. */
int store_appt_update(struct store *st, const char *actor, const struct model *m,
                      const struct reg_appt *a);

/* The audit log. */
struct audit_row {
	int64_t id;
	char *at;        /* 2026-11-27T10:00:00Z */
	char *actor;
	char *action;    /* create, update, delete, init */
	char *entity;    /* person, appointment, model, ... */
	char *entity_id;
	char *before;    /* JSON or NULL */
	char *after;     /* JSON or NULL */
	char *hash;      /* hex */
};
struct audit_filter {
	const char *entity;    /* NULL: all */
	const char *entity_id; /* NULL: all */
	const char *actor;     /* NULL: all */
	const char *since;     /* ISO date/time prefix, NULL: all */
	const char *until;     /* NULL: all */
	int64_t limit;         /* 0: no limit */
	bool newest_first;     /* the newest rows first (so limit keeps the latest) */
};
/* Calls fn for each matching row, oldest first (or newest first, f->newest_first). The row is valid during the call. A non-zero
 * return from fn stops the walk and is returned; fn must not call store_audit_list. */
int store_audit_list(struct store *st, const struct audit_filter *f,
                     int (*fn)(const struct audit_row *row, void *arg), void *arg);
/* Recomputes the chain. FK_OK when intact; FK_ETAMPER with *bad_id the first row whose
 * hash does not match its content and predecessor (or whose predecessor is missing).
 * *rows gets the number of rows read. Either pointer may be NULL. The serialisation hashed
 * is described at the top of store_audit.c. */
int store_audit_verify(struct store *st, int64_t *bad_id, int64_t *rows);
/* The data version: the id of the newest audit row. Every change writes one, from any
 * process, so a cached view is current exactly when the version is unchanged. */
int store_version(struct store *st, int64_t *version);
/* Appends an audit row; used by the store itself and by other modules' store functions. */
int store_audit_append(struct store *st, const char *actor, const char *action,
                       const char *entity, const char *entity_id, const char *before_json,
                       const char *after_json);

/* ---------------------------------------------------------------- accounts (store_auth.c)
 * Local accounts, browser sessions and API bearer tokens. Passwords are held only as
 * argon2id strings (crypto_pwhash_str); sessions and tokens only as the SHA-256 (64 hex
 * characters) of the secret the client holds. Account and token creation are audited
 * without any hash; sessions are not audited (they change no governance data). */

#define STORE_LOGIN_MAX 64   /* bytes of a login */
#define STORE_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES, with its NUL */

struct store_account {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	char role[8];                 /* "admin", "member" or "viewer" */
	char person[65];              /* key of the linked person, "" none */
	char created[32];             /* UTC, 2026-11-27T10:00:00Z */
	bool disabled;
	char pwhash[STORE_PWHASH_MAX]; /* filled by store_account_by_login only, else "" */
};

/* Adds an account; audited (entity "account", id the login, after {login, role, person} —
 * never the hash). role is admin, member or viewer; person is a person key or NULL, and is
 * required for member. *id (may be NULL) gets the row id. FK_EINPUT for a bad login, role
 * or hash or a member without a person, FK_ENOTFOUND when person names no person,
 * FK_ECONFLICT when the login is taken. */
int store_account_add(struct store *st, const char *actor, const char *login, const char *pwhash,
                      const char *role, const char *person, int64_t *id);
/* Sets a new password hash (argon2id) for login and ends its sessions; audited without
 * the hash. FK_ENOTFOUND when there is no such account. */
int store_account_set_password(struct store *st, const char *actor, const char *login,
                               const char *pwhash);
/* The account with that login, with its password hash. FK_ENOTFOUND when none. */
int store_account_by_login(struct store *st, const char *login, struct store_account *out);
/* Calls fn for every account in login order (no hashes); a non-zero return stops the walk
 * and is returned. */
int store_account_list(struct store *st, int (*fn)(const struct store_account *a, void *arg),
                       void *arg);

struct store_session {
	struct store_account account; /* no hash */
	char csrf[65];
	int64_t last_seen;            /* unix seconds */
};
/* Stores a session: id_hash is the SHA-256 hex of the session id, csrf its token, now the
 * time in unix seconds (created and last_seen). */
int store_session_create(struct store *st, const char *id_hash, int64_t account,
                         const char *csrf, int64_t now);
/* The session with that id hash, joined with its account. FK_ENOTFOUND when none. The
 * caller decides about expiry (last_seen) and disabled accounts. */
int store_session_lookup(struct store *st, const char *id_hash, struct store_session *out);
/* Sets last_seen to now, but only when it is more than 60 s old (no write per request). */
int store_session_touch(struct store *st, const char *id_hash, int64_t now);
/* Deletes the session; FK_OK also when there was none. */
int store_session_delete(struct store *st, const char *id_hash);
/* Deletes the session of account whose CSRF token is csrf (for logout, where the request
 * knows its token but not its id); FK_OK also when there was none. */
int store_session_delete_csrf(struct store *st, int64_t account, const char *csrf);
/* Deletes every session last seen before before (unix seconds); *n (may be NULL) gets how
 * many. */
int store_session_expire(struct store *st, int64_t before, int64_t *n);

/* Stores an API token of the account login: hash is the SHA-256 hex of the token, label a
 * note or NULL; audited (entity "token", id the row id, after {login, label}). *id (may be
 * NULL) gets the row id. FK_ENOTFOUND when there is no such account. */
int store_token_create(struct store *st, const char *actor, const char *login, const char *hash,
                       const char *label, int64_t *id);
/* The account of the token whose SHA-256 hex is hash; notes the use (last_used, at most
 * once a minute). FK_ENOTFOUND when none. */
int store_token_lookup(struct store *st, const char *hash, struct store_account *out);

/* ---------------------------------------------------------------- pending imports (store_import.c)
 * An uploaded appointments file waiting in the web import's preview step, until the account
 * that uploaded it commits it (store_apply_plan, audited) or cancels it. Only that account
 * may read or delete it. Not audited itself: the register does not change until the commit. */

struct store_import {
	int64_t id;
	char account[STORE_LOGIN_MAX + 1]; /* login of the uploader */
	char filename[256];
	char created[32]; /* UTC, 2026-11-27T10:00:00Z */
	size_t len;       /* bytes of data */
	char *data;       /* the file, NUL-terminated; NULL in lists (store_import_list) */
};

/* Stores an upload of account; *id (may be NULL) gets the row id. */
int store_import_put(struct store *st, const char *account, const char *filename,
                     const char *data, size_t len, int64_t *id);
/* The pending import id of account, with its data (the caller frees out->data).
 * FK_ENOTFOUND when there is none (or it belongs to another account). */
int store_import_get(struct store *st, int64_t id, const char *account, struct store_import *out);
/* Calls fn for the newest max pending imports of account, newest first, without data; a
 * non-zero return stops the walk and is returned. */
int store_import_list(struct store *st, const char *account, int max,
                      int (*fn)(const struct store_import *imp, void *arg), void *arg);
/* Deletes the pending import id of account; FK_ENOTFOUND when there was none. */
int store_import_delete(struct store *st, int64_t id, const char *account);
/* Deletes every pending import created more than hours ago (by store_now); *n (may be
 * NULL) gets how many. */
int store_import_expire(struct store *st, int hours, int64_t *n);


#endif
