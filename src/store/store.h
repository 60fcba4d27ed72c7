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

/* Transactions. begin is BEGIN IMMEDIATE. The change functions below run in the caller's
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
};
/* Calls fn for each matching row, oldest first. The row is valid during the call. A non-zero
 * return from fn stops the walk and is returned; fn must not call store_audit_list. */
int store_audit_list(struct store *st, const struct audit_filter *f,
                     int (*fn)(const struct audit_row *row, void *arg), void *arg);
/* Recomputes the chain. FK_OK when intact; FK_ETAMPER with *bad_id the first row whose
 * hash does not match its content and predecessor (or whose predecessor is missing).
 * *rows gets the number of rows read. Either pointer may be NULL. The serialisation hashed
 * is described at the top of store_audit.c. */
int store_audit_verify(struct store *st, int64_t *bad_id, int64_t *rows);
/* Appends an audit row; used by the store itself and by other modules' store functions. */
int store_audit_append(struct store *st, const char *actor, const char *action,
                       const char *entity, const char *entity_id, const char *before_json,
                       const char *after_json);
#endif
