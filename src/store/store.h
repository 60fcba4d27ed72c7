/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_STORE_H
#define FK_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/mail.h"
#include "core/model.h"
#include "core/register.h"
#include "util/buf.h"
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

/* The name and e-mail address (email[ne] "" when none) of person key. FK_ENOTFOUND when
 * there is no such person. */
int store_person_contact(struct store *st, const char *key, char *name, size_t nn, char *email,
                         size_t ne);
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
/* Deletes the appointment with row id, entered by mistake; reason (required, not empty) is
 * kept in the audit row ("delete", before: the appointment, after: {"reason"}).
 * FK_ENOTFOUND when there is no such appointment. */
int store_appt_delete(struct store *st, const char *actor, const struct model *m, int64_t id,
                      const char *reason);
/* Merges the person gone into the person keep (keys; two persons registered for one):
 * reads the register in the transaction, and refuses with FK_EINPUT and a Danish sentence in
 * why[n] when an appointment of gone overlaps one of keep's in the same body (see
 * reg_merge_plan). Otherwise gone's appointments move to keep (audited as updates; exact
 * copies of keep's are deleted, audited), and so do gone's user accounts, working-group
 * staffing, answers and memberships, proposals, inspiration talks and attendance at
 * meetings; then gone is deleted, audited as "merge" of gone with before (gone) and after
 * {"merged_into": keep, "moved", "dropped"}. *moved (may be NULL) gets how many appointments moved. FK_ENOTFOUND (with why)
 * for an unknown key, FK_EINPUT when keep and gone are the same, FK_ECONFLICT when another
 * row of gone clashes with one of keep's (say, both answered one hearing). */
int store_person_merge(struct store *st, const char *actor, const struct model *m,
                       const char *keep, const char *gone, size_t *moved, char *why, size_t n);

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
/* ---------------------------------------------------------------- operations (store_backup.c)
 * Backup with SQLite's online backup API (consistent while others write), restore that
 * checks a copy whole before the live database changes, the nightly copies, health. */
/* Copies the database to path, which must not exist (written beside it, then linked into
 * place: never half a file). FK_OK, FK_EINPUT (path exists) or FK_EDB, with a Danish reason
 * in err[n]. */
int store_backup(struct store *st, const char *path, char *err, size_t n);
/* Replaces the live database's content with the copy at path, after checking it: SQLite's
 * integrity_check, a schema version this binary knows, and the audit chain (*rows gets its
 * rows). A bad copy is refused with FK_EINPUT and nothing of the live database changed. */
int store_restore(struct store *st, const char *path, int64_t *rows, char *err, size_t n);
/* Today's copy in dir ("fkigov-YYYY-MM-DD.db", local time of now) unless made already,
 * keeping the newest keep; made[nmade] gets its path. */
int store_backup_nightly(struct store *st, const char *dir, int keep, time_t now, char *made,
                         size_t nmade, char *err, size_t n);
/* The newest nightly copy in dir and when it was written; FK_ENOTFOUND when none. */
int store_backup_last(const char *dir, char *path, size_t n, time_t *when);
/* For /healthz: the schema version, the outbox's queued and failed messages and the age in
 * seconds of the oldest queued one. FK_EDB when the database does not answer. */
int store_health(struct store *st, int *version, int64_t *queued, int64_t *failed,
                 int64_t *oldest);

/* When the newest audit row was written (0 none): the data's last change. */
int store_last_change(struct store *st, time_t *when);

/* The database's model, parsed once per store; NULL when it cannot be read. */
const struct model *store_model(struct store *st);
/* The id of the newest audit row (0 none): inside a transaction, that of its last change. */
int64_t store_audit_last(struct store *st);
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
 * characters) of the secret the client holds. Every change to an account or a token is
 * audited without any hash; sessions are not audited (they change no governance data).
 * A token works through its last day (expires, UTC, compared with store "now", which
 * $FKIGOV_NOW sets for tests) unless it has been revoked; a disabled account can neither
 * log in nor use a token. */

#define STORE_LOGIN_MAX 64   /* bytes of a login */
#define STORE_PWHASH_MAX 128 /* crypto_pwhash_STRBYTES, with its NUL */
#define STORE_LABEL_MAX 200  /* bytes of a token's label */

struct store_account {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	char role[8];                 /* "admin", "member" or "viewer" */
	char person[65];              /* key of the linked person, "" none */
	char created[32];             /* UTC, 2026-11-27T10:00:00Z */
	bool disabled;
	char pwhash[STORE_PWHASH_MAX]; /* filled by store_account_by_login only, else "" */
	int64_t sessions;              /* open sessions; filled by store_account_list only */
	bool no_password;              /* made without one; its link not used yet (list only) */
	char link_expires[32];         /* UTC end of its newest usable one-time link, "" none
	                                * (list only) */
};

/* Adds an account; audited (entity "account", id the login, after {login, role, person} —
 * never the hash). role is admin, member or viewer; person is a person key or NULL, and is
 * required for member. pwhash NULL makes an account without a password (nobody can log in
 * with one until a one-time link, store_link_create, is used). *id (may be NULL) gets the
 * row id. FK_EINPUT for a bad login, role or hash or a member without a person,
 * FK_ENOTFOUND when person names no person, FK_ECONFLICT when the login is taken. */
int store_account_add(struct store *st, const char *actor, const char *login, const char *pwhash,
                      const char *role, const char *person, int64_t *id);
/* Sets a new password hash (argon2id) for login, ends its sessions and revokes its tokens;
 * audited without the hash (account: {login, password_changed, sessions_ended,
 * tokens_revoked}; each token: {login, revoked, reason "password"}). *sessions and *tokens
 * (may be NULL) get how many were ended. FK_ENOTFOUND when there is no such account. */
int store_account_set_password(struct store *st, const char *actor, const char *login,
                               const char *pwhash, int64_t *sessions, int64_t *tokens);
/* Disables (disabled true) or enables login. Disabling ends every session and revokes every
 * token of the account at once; enabling lets it log in again (its tokens stay revoked).
 * Audited (account: {login, disabled, sessions_ended, tokens_revoked}; each token: {login,
 * revoked, reason "disabled"}). *sessions and *tokens (may be NULL) get how many were
 * ended. FK_ENOTFOUND when there is no such account, FK_ECONFLICT (nothing changed,
 * nothing audited) when it already is in that state. */
int store_account_set_disabled(struct store *st, const char *actor, const char *login,
                               bool disabled, int64_t *sessions, int64_t *tokens);
/* Gives login the role (admin, member or viewer); audited (account: before and after
 * {login, role}). FK_ENOTFOUND when there is no such account, FK_EINPUT for an unknown role
 * or member for an account without a person, FK_ECONFLICT (nothing changed, nothing
 * audited) when it has that role already. A session of the account has the new role from
 * its next request. */
int store_account_set_role(struct store *st, const char *actor, const char *login,
                           const char *role);
/* Links login to the person with key person (NULL or "": to no person); audited (account:
 * before and after {login, person}). FK_ENOTFOUND when there is no such account or person,
 * FK_EINPUT when a member account would have no person, FK_ECONFLICT (nothing changed,
 * nothing audited) when it is linked so already. */
int store_account_set_person(struct store *st, const char *actor, const char *login,
                             const char *person);
/* The account with that login, with its password hash. FK_ENOTFOUND when none. */
int store_account_by_login(struct store *st, const char *login, struct store_account *out);
/* Calls fn for every account in login order (no hashes, with the number of open sessions);
 * a non-zero return stops the walk and is returned. */
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
/* Deletes all but the keep most recently seen sessions of account (keep >= 0). */
int store_session_trim(struct store *st, int64_t account, int keep);

/* One-time links to choose a password (the page /password/{secret}, or a mail one day):
 * the secretariat makes one for a new account ("new") or a reset ("reset"); only the
 * SHA-256 hex of the secret is stored. A link works once, until expires, unless a newer link
 * of the account, a new password or disabling the account cancelled it. */
#define STORE_LINK_HOURS 72 /* how long a link works */
struct store_link {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	char purpose[8];   /* "new" or "reset" */
	char created[32];  /* UTC */
	char expires[32];  /* UTC: works before this */
	char used[32];     /* UTC; "" not used */
	char cancelled[32]; /* UTC; "" not cancelled */
	bool disabled;     /* the account is disabled */
	bool expired;      /* expires is not after store "now" */
};
/* Stores a link of login whose secret has the SHA-256 hex hash, for purpose ("new" or
 * "reset"), working hours hours from now; cancels the account's other usable links (each
 * audited, reason "replaced"). Audited (entity "password_link", id the row id, after
 * {login, purpose, expires}). *out (may be NULL) gets the link. FK_ENOTFOUND when there is
 * no such account, FK_ECONFLICT (nothing stored) when it is disabled, FK_EINPUT for a bad
 * purpose or hours. */
int store_link_create(struct store *st, const char *actor, const char *login, const char *hash,
                      const char *purpose, int hours, struct store_link *out);
/* The link whose secret has the SHA-256 hex hash, used or not. FK_ENOTFOUND when none. */
int store_link_get(struct store *st, const char *hash, struct store_link *out);
/* Uses the link with hash: marks it used (audited: {login, used}, actor the account's
 * login) and sets the account's password to pwhash (argon2id) as
 * store_account_set_password does, which ends its sessions, tokens and other links. *out
 * (may be NULL) gets the link as it was found. FK_ENOTFOUND when there is no such link,
 * FK_ECONFLICT (nothing changed) when it is used, cancelled, expired or its account
 * disabled (out says which), FK_EINPUT for a bad hash. */
int store_link_use(struct store *st, const char *hash, const char *pwhash, struct store_link *out,
                   int64_t *sessions, int64_t *tokens);

struct store_token {
	int64_t id;
	char login[STORE_LOGIN_MAX + 1];
	char label[STORE_LABEL_MAX + 1]; /* "" none */
	char created[32];                /* UTC, 2026-11-27T10:00:00Z */
	char expires[11];                /* the last day it works (UTC), YYYY-MM-DD */
	char last_used[32];              /* UTC, to the minute; "" never used */
	char revoked[32];                /* UTC; "" in force */
	bool expired;                    /* expires is before today (store "now") */
};

/* Stores an API token of the account login: hash is the SHA-256 hex of the token, label a
 * note or NULL (at most STORE_LABEL_MAX bytes), expires its last day (YYYY-MM-DD, UTC);
 * audited (entity "token", id the row id, after {login, label, expires}). *id (may be NULL)
 * gets the row id. FK_EINPUT for a bad label or date, FK_ENOTFOUND when there is no such
 * account. */
int store_token_create(struct store *st, const char *actor, const char *login, const char *hash,
                       const char *label, const char *expires, int64_t *id);
/* The day days after today (store "now", UTC) as YYYY-MM-DD in out: the expires of a token
 * that lives days days. */
void store_token_expiry(struct store *st, int days, char out[11]);
/* The account of the token whose SHA-256 hex is hash, when the token is in force (not
 * revoked, not expired); notes the use (last_used, at most once a minute). FK_ENOTFOUND
 * when there is no such token in force. */
int store_token_lookup(struct store *st, const char *hash, struct store_account *out);
/* Calls fn for every token of login (NULL: of every account), by login and id, in force or
 * not; a non-zero return stops the walk and is returned. */
int store_token_list(struct store *st, const char *login,
                     int (*fn)(const struct store_token *t, void *arg), void *arg);
/* Revokes token id at once; audited (entity "token": {login, revoked, reason "revoked"}).
 * *out (may be NULL) gets the token as it is afterwards. FK_ENOTFOUND when there is no such
 * token, FK_ECONFLICT (nothing changed, nothing audited) when it was revoked already. */
int store_token_revoke(struct store *st, const char *actor, int64_t id, struct store_token *out);

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


/* ---------------------------------------------------------------- cases and goals (store_cases.c)
 * Cases (sager) with their tags, events and the steering group's decision, and the steering
 * group's goals with status reports. Every change is audited in the same transaction: entity
 * "case" (id "sag-N"; create on raise, update with the event on every move) and "goal" (id the
 * number; create, and update for each status report). Events, decisions and status reports
 * are never changed or deleted. The records are the types of core/cases.h and core/goals.h. */
#include "core/cases.h"
#include "core/goals.h"

/* Stores a new case from c (as case_check_raise made it): state raised, its tags and the
 * raise event (with c->text); c->id gets the new id. */
int store_case_raise(struct store *st, const char *actor, struct case_rec *c);
/* Applies a checked change (case_check_event) to case id: the new state, assignee and
 * recommendation, the event, and for decide the decision. FK_ENOTFOUND when there is no such
 * case; FK_ECONFLICT when the case is no longer in state ch->from (changed meanwhile). */
int store_case_apply(struct store *st, const char *actor, int64_t id,
                     const struct case_change *ch);
/* Loads case id (0: every case, by id) with tags, events and decision into out (which must be
 * empty). Reading case id that does not exist leaves out empty. */
int store_cases_load(struct store *st, int64_t id, struct case_set *out);

/* Stores a new goal from g (as goal_check_add made it); g->id gets its id. */
int store_goal_add(struct store *st, const char *actor, struct goal_rec *g);
/* Adds a status report to goal; s->id gets its id. FK_ENOTFOUND when there is no such goal. */
int store_goal_status_add(struct store *st, const char *actor, int64_t goal,
                          struct goal_status_rec *s);
/* Loads goal id (0: all) of year (0: all years), by year and id, with their status reports,
 * into out (which must be empty). */
int store_goals_load(struct store *st, int64_t id, int year, struct goal_set *out);

/* ---------------------------------------------------------------- meetings (store_meeting.c)
 * The steering group's meetings, their agendas, members' proposals, minutes and the decision
 * log. Every change is audited (entity "meeting", id the meeting id; "proposal", id the
 * proposal id). The functions that take a struct diags check the user's input and the
 * meeting's state (core/agenda.h) and answer FK_EINPUT with one Danish diagnostic per
 * problem, its field named ("dates", "item", "reason", ...), with nothing changed; FK_ENOTFOUND
 * (also with a diagnostic) when the meeting, item, proposal or person does not exist. day is
 * "today" for deadlines and dates recorded. */
struct meeting;
struct cycle_plan;

/* Stores the plan of a year: meeting number k of the plan replaces the stored meeting
 * number k of that year (keeping its id, agenda and proposals), new numbers are added,
 * stored numbers beyond the plan are deleted. When a meeting that would be moved or deleted
 * has an agenda or proposals: FK_ECONFLICT with a diagnostic, unless force. */
int store_meeting_plan(struct store *st, const char *actor, const struct cycle_plan *p,
                       bool force, struct diags *d);
/* The meetings of year (0: all) in date order, as a new array (meetings_free); with
 * content, each with its items and proposals. */
int store_meeting_list(struct store *st, int year, bool content, struct meeting **out,
                       size_t *n);
/* Meeting id with its items and proposals (meeting_free). FK_ENOTFOUND when none. */
int store_meeting_get(struct store *st, int64_t id, struct meeting *out);
/* Builds or refreshes the agenda of a planned meeting from the model and its accepted
 * proposals (agenda_build; edits of items kept). */
int store_meeting_agenda(struct store *st, const char *actor, const struct model *m, int64_t id,
                         struct diags *d);

/* A change of an agenda item: NULL (or minutes < 0) leaves a field as it is; "" clears
 * material or recommendation. */
struct store_item_change {
	const char *title, *kind, *presenter, *material, *recommendation;
	int minutes;
};
/* Changes item pos of meeting id. Without reason the meeting must be planned (an edit);
 * with one it must be dispatched (an amendment: the reason is recorded on the item and
 * shown with it). */
int store_meeting_item(struct store *st, const char *actor, int64_t id, int pos,
                       const struct store_item_change *c, const char *reason, struct diags *d);
/* Dispatches the agenda on day: it is frozen from then on. */
int store_meeting_dispatch(struct store *st, const char *actor, int64_t id, fk_date day,
                           struct diags *d);
/* Takes the dispatch of meeting id back on day, before the meeting day, with a reason
 * (required): the meeting is planned again and its agenda can be edited; amendments and late
 * files recorded meanwhile stay. Audited as "recall" with the reason. */
int store_meeting_recall(struct store *st, const char *actor, int64_t id, const char *reason,
                         fk_date day, struct diags *d);
/* Sets the place of meeting id (an address, a room or an online link; NULL or blank: none)
 * while it is planned or dispatched; audited. A new place adds one to the meeting's
 * sequence, and the invitations are updated (core/invite.h) when the change commits. */
#define MEETING_PLACE_MAX 300
int store_meeting_place(struct store *st, const char *actor, int64_t id, const char *place,
                        struct diags *d);
/* Records planned meeting id as held on day (from its meeting day on) without a dispatch in
 * fkigov, e.g. a meeting prepared in Word before the system was used: its minutes can then be
 * written. The meeting needs an agenda. Audited as "held". */
int store_meeting_hold(struct store *st, const char *actor, int64_t id, fk_date day,
                       struct diags *d);
/* Records the minutes of item pos (outcome: agenda_outcome_parse) on day, on or after the
 * meeting day; the meeting becomes held. The item enters the decision log. On the item of a
 * case recommendation (source "case"), beslutning or rådgivning will decide the case when
 * the minutes are approved (store_meeting_approve); here the decision is only checked
 * against the case (m), and the case is left off other agendas meanwhile. udsat leaves it
 * for the next meeting's agenda. */
int store_meeting_minutes(struct store *st, const char *actor, const struct model *m, int64_t id,
                          int pos, const char *outcome, const char *text, fk_date day,
                          struct diags *d);
/* Approves the minutes (every item must have an outcome), then publishes them. The approval
 * decides the cases its minutes decide, while they are still recommended (text: the minutes;
 * date: the meeting's day; meeting: "Styregruppemøde N/YEAR, punkt P"; checked with m), so
 * no case shows draft minutes. */
int store_meeting_approve(struct store *st, const char *actor, const struct model *m, int64_t id,
                          struct diags *d);
int store_meeting_publish(struct store *st, const char *actor, int64_t id, struct diags *d);
/* The inspiration speaker of meeting id. swap NULL: the next in turn (core/rotation.h)
 * among the municipal members of the model's meeting body serving on the meeting day, as
 * r (sorted) has them, skipping those who have sent apologies for the meeting (issue 12),
 * unless one is already chosen (then nothing changes). swap a person key: that person, who
 * must be such a member without apologies, with reason (required). *speaker (may be NULL)
 * gets the chosen key, copied into 65 bytes. */
int store_meeting_inspiration(struct store *st, const char *actor, const struct model *m,
                              const struct reg *r, int64_t id, const char *swap,
                              const char *reason, char speaker[65], struct diags *d);

/* Whether person (a key) may propose items for the agendas on day: the members of the
 * steering group, that is, of the model's meeting body (m->cycle.body), with an appointment
 * current that day (SPEC §2.5, the seed: "medlemmerne kan stille forslag til agendaen").
 * *may is false for an unknown person. FK_OK or FK_EDB. */
int store_proposal_may(struct store *st, const struct model *m, const char *person, fk_date day,
                       bool *may);
/* A member's agenda proposal for meeting id, submitted on day: refused after the proposal
 * deadline (inclusive) with the deadline and whom to contact, unless late_ok (the
 * secretariat registers it; accepting it then needs a reason). The person must be a member
 * of the steering group on day (store_proposal_may), also when the secretariat registers
 * the proposal on their behalf; else FK_EINPUT with a diagnostic on "person". kind NULL:
 * "droeftelse"; minutes <= 0: 15. *pid (may be NULL) gets its id. */
int store_proposal_add(struct store *st, const char *actor, const struct model *m, int64_t id,
                       const char *person, const char *title, const char *text,
                       const char *kind, int minutes, fk_date day, bool late_ok, int64_t *pid,
                       struct diags *d);
/* Accepts (onto the agenda) or rejects proposal pid. A proposal submitted after the deadline
 * is accepted only with a reason; after dispatch, acceptance is an amendment and needs a
 * reason too. Only submitted proposals can be rejected. */
int store_proposal_decide(struct store *st, const char *actor, const struct model *m,
                          int64_t pid, bool accept, const char *reason, struct diags *d);

/* ---- written material of agenda items (issue 5): files kept in the database with their
 * SHA-256 and the type libmagic found (core/material.h). Entity "material" in the audit log
 * (id the material id; the bytes are not audited, their checksum is). */
struct store_material {
	int64_t id, meeting;
	char *source, *ref; /* the item it belongs to (agenda_item source and ref) */
	int pos;            /* that item's number on the agenda now; 0 when it is not on it */
	char *name, *mime;
	int64_t size;
	char sha256[65];
	char *uploaded; /* UTC timestamp */
	char *actor;
	char *reason; /* why it was added after dispatch; NULL none */
};
void store_material_clear(struct store_material *f);
void store_materials_free(struct store_material *v, size_t n);
/* Adds a file to item pos of meeting id, checked by material_check (max: the size limit);
 * while the meeting is planned, or after dispatch with a reason (an amendment, recorded on
 * the item: "Materiale »NAME« tilføjet: REASON"); refused once the meeting is held. The same
 * bytes twice on one item are refused. *mid (may be NULL) gets the new id. */
int store_material_add(struct store *st, const char *actor, int64_t id, int pos, const char *name,
                       const unsigned char *data, size_t len, size_t max, const char *reason,
                       int64_t *mid, struct diags *d);
/* The files of meeting id, oldest first, without their bytes (store_materials_free). */
int store_material_list(struct store *st, int64_t id, struct store_material **out, size_t *n);
/* File mid; with data, its bytes too (*data malloc'ed, *data NULL when data is NULL). */
int store_material_get(struct store *st, int64_t mid, struct store_material *out,
                       unsigned char **data);
/* Removes file mid. While its meeting is planned it simply goes; once the agenda is sent out
 * it can be withdrawn with a reason (say, personal data sent by mistake): the bytes are
 * deleted and the item shows "Materiale »NAME« trukket tilbage: REASON" as an amendment.
 * The audit log keeps the file's name, type and SHA-256. */
int store_material_remove(struct store *st, const char *actor, int64_t mid, const char *reason,
                          struct diags *d);

/* ---- the reference groups' status for a meeting (SPEC §2.5): a status for each of the
 * group's started initiatives (initiative_status rows dated day) and a note, by the status
 * deadline; a later submission is kept and marked late. Entity "meeting_status". */
struct store_status_line {
	const char *initiative; /* key */
	const char *status;     /* grøn, gul, rød */
	const char *reason;     /* required for gul and rød */
};
struct store_mstatus {
	int64_t id;
	char *body;
	fk_date submitted;
	char *actor;
	char *note; /* NULL none */
};
void store_mstatus_free(struct store_mstatus *v, size_t n);
/* Records body's status for meeting id on day: body must be a reference group of m, the
 * meeting not yet held, and every initiative of the body started by day must have a line
 * (fields "status-KEY" and "reason-KEY" in the diagnostics); lines for other initiatives are
 * refused. mt: the shipped population (for loading the economy). *sid (may be NULL) gets the
 * submission's id. */
struct munic_table;
int store_mstatus_submit(struct store *st, const char *actor, const struct model *m,
                         const struct munic_table *mt, int64_t id, const char *body,
                         const struct store_status_line *v, size_t n, const char *note,
                         fk_date day, int64_t *sid, struct diags *d);
/* The submissions for meeting id, oldest first (store_mstatus_free). */
int store_mstatus_list(struct store *st, int64_t id, struct store_mstatus **out, size_t *n);
/* The portfolio overview of meeting id on day (core/overview.h: overview_json) from the
 * stored initiatives, cases, submissions and the meeting before it. FK_ENOTFOUND when there
 * is no such meeting. */
int store_meeting_overview(struct store *st, const struct model *m, const struct munic_table *mt,
                           int64_t id, fk_date day, json_t **out);

/* ---------------------------------------------------------------- the packet's versions
 * (store_packet.c). The meeting packet as PDF, as it was sent out: version 1 at the dispatch,
 * one more after each amendment, kept byte for byte so that members can tell by its SHA-256
 * that they read the final one. */
struct store_packet {
	int version;
	char made[32];          /* the store's time stamp */
	char *changes;          /* what changed since the version before; NULL for the first */
	char sha256[65];
	int pages;
	int64_t size;
	unsigned char *pdf;     /* store_packet_get with pdf only */
};
void store_packet_clear(struct store_packet *p);
void store_packets_free(struct store_packet *v, size_t n);
/* Builds the packet of meeting as every member summoned reads it into pdf, with *pages.
 * Set once at start by the program (the web layer builds it); called by the store inside
 * the transaction that amends a dispatched agenda. FK_OK or an error with d. */
typedef int (*store_packet_fn)(struct store *st, int64_t meeting, int version,
                               const char *changes, struct buf *pdf, int *pages);
void store_packet_builder(store_packet_fn fn);
/* Records pdf[0..len) as the next version of meeting's packet, audited (the SHA-256 in the
 * audit chain), inside the caller's transaction or its own. *version gets its number. */
int store_packet_add(struct store *st, const char *actor, int64_t meeting, const char *changes,
                     const void *pdf, size_t len, int pages, int *version);
/* The versions of meeting's packet, newest first, without their bytes. */
int store_packet_list(struct store *st, int64_t meeting, struct store_packet **out, size_t *n);
/* Version (0: the newest) with its bytes. FK_ENOTFOUND when there is none. */
int store_packet_get(struct store *st, int64_t meeting, int version, struct store_packet *out);
/* The number the next version of meeting's packet gets. */
int store_packet_next(struct store *st, int64_t meeting, int *version);

/* A hit of the decision log. */
struct store_decision {
	int64_t meeting;
	int year, number;
	const char *date, *state;
	int pos;
	const char *title, *outcome, *text;
};
/* Searches the minutes (item title, minutes text, year) for every word of text (prefix
 * match, accents ignored), newest first; year 0: all years; published: published minutes
 * only. Calls fn per hit (valid during the call); a non-zero return stops and is returned.
 * FK_EINPUT when text holds no word. */
int store_decision_search(struct store *st, const char *text, int year, bool published,
                          int limit, int (*fn)(const struct store_decision *x, void *arg),
                          void *arg);
/* The latest decisions (items with minutes) of year (0: all years), newest meeting first,
 * at most limit (<= 0: all), with published as in store_decision_search. */
int store_decision_latest(struct store *st, int year, bool published, int limit,
                          int (*fn)(const struct store_decision *x, void *arg), void *arg);

/* ---------------------------------------------------------------- attendance at meetings (store_attend.c)
 * Issue 12: members send apologies (afbud) for a meeting they are summoned to (members of the
 * steering group on the meeting day) until and including the meeting day, while it is planned
 * or dispatched; the secretariat records from the meeting day who attended, who came instead
 * of a member (a substitute, by name) and the guests, until the minutes are approved (rules:
 * core/attend.h). The minutes (and the minutes PDF) list participants and absentees
 * (store_attendance_minutes). Every change runs in the caller's transaction when one is open
 * (else its own) and is audited there: entity "attendance", id the meeting id, before and
 * after the meeting's rows concerned. A refusal is FK_EINPUT (bad input, or not allowed at
 * this time) or FK_ENOTFOUND (no such meeting, person or guest) with one Danish diagnostic per
 * problem in d, its field named ("person", "status-KEY", "substitute-KEY", "note-KEY",
 * "reason", "name", "organisation", "guest", "state"); nothing is changed then. */
struct attendance;
struct meeting_guest;
struct attend_minutes;

/* One row per member summoned to meeting (the members of the model's steering group on the
 * meeting day, by name), with what is registered (ATTEND_NONE when nothing), then the rows
 * stored for persons no longer summoned (summoned false; an appointment changed later), by
 * name. *v is a new array (store_attendance_free). FK_ENOTFOUND when there is no such
 * meeting. */
int store_attendance_list(struct store *st, const struct model *m, int64_t meeting,
                          struct attendance **v, size_t *n);
void store_attendance_free(struct attendance *v, size_t n);
/* The guests of meeting in the order they were added (store_meeting_guests_free). */
int store_meeting_guests(struct store *st, int64_t meeting, struct meeting_guest **v, size_t *n);
void store_meeting_guests_free(struct meeting_guest *v, size_t n);
/* The minutes' lists of meeting: participants (members present, substitutes, guests) and
 * absentees (apologies, absent), as core/attend.h's attend_minutes_build makes them. out is
 * freed with attend_minutes_free (also after an error, when it is empty). FK_ENOTFOUND when
 * there is no such meeting. */
int store_attendance_minutes(struct store *st, const struct model *m, int64_t meeting,
                             struct attend_minutes *out);

/* person (a key) sends apologies for meeting on day, with reason (may be NULL or blank); or,
 * with withdraw, takes them back. Allowed while attend_apology_allowed says so, for a person
 * summoned to the meeting. When person is the chosen inspiration speaker, the next in turn
 * among those without apologies is chosen in the same transaction (speaker_reason "afbud",
 * audited as "swap" of the meeting); *next_speaker (65 bytes, may be NULL) gets the new key,
 * "" when none was chosen again. Withdrawing apologies that were never sent, or sending them
 * twice, changes nothing (FK_OK, nothing audited; a new reason is kept). */
int store_attendance_apology(struct store *st, const char *actor, const struct model *m,
                             int64_t meeting, const char *person, const char *reason,
                             bool withdraw, fk_date day, char next_speaker[65], struct diags *d);
/* One member's line of the secretariat's record: person key, status (enum attend_status;
 * ATTEND_NONE removes what is registered), substitute name and note (NULL or "" none). */
struct store_attend_line {
	const char *person;
	int status;
	const char *substitute;
	const char *note;
};
/* Records the lines v[0..n) for meeting on day, all or none (attend_record_allowed,
 * attend_check_line; each person must be summoned, and named once). Members not named are
 * left as they are. Audited as one "record" row with the meeting's rows before and after. */
int store_attendance_record(struct store *st, const char *actor, const struct model *m,
                            int64_t meeting, const struct store_attend_line *v, size_t n,
                            fk_date day, struct diags *d);
/* Adds a guest (name required, organisation may be NULL) to meeting on day (when
 * attendance may be recorded); *gid (may be NULL) gets its id. Audited ("guest-add"). */
int store_meeting_guest_add(struct store *st, const char *actor, int64_t meeting,
                            const char *name, const char *organisation, fk_date day,
                            int64_t *gid, struct diags *d);
/* Removes guest gid of meeting on day; audited ("guest-remove"). */
int store_meeting_guest_remove(struct store *st, const char *actor, int64_t meeting, int64_t gid,
                               fk_date day, struct diags *d);
/* ---------------------------------------------------------------- end attendance at meetings */

/* ---------------------------------------------------------------- initiatives, portfolio and economy
 * (store_economy.c). Initiatives with status reports, milestones and budgets; the rate per
 * citizen by year; population sets; allocations of the frame and spending. The types are
 * core/economy.h's. Every change is audited in the same transaction: entities "initiative"
 * (id the key), "initiative_status" and "milestone" (id the initiative's key), "budget"
 * ("KEY/YEAR"), "rate" (the year), "population" (the date), "allocation" and "spending" (the
 * row id). Nothing is ever deleted. */
struct econ;
struct econ_initiative;
struct econ_milestone;
struct munic_table;

/* Loads everything into e (econ_init'ed by the caller with the model's rate), with the shipped
 * population figures of mt as a set of their own; the sets come sorted (econ_sort). */
int store_econ_load(struct store *st, const struct munic_table *mt, struct econ *e);
/* Adds an initiative (checked by econ_check_initiative); *id (may be NULL) gets the row id.
 * FK_ECONFLICT when the key is taken. */
int store_initiative_add(struct store *st, const char *actor, const char *key, const char *name,
                         const char *body, const char *description, bool special, int64_t *id);
/* Adds a status report of in (checked by econ_check_report). */
int store_initiative_report(struct store *st, const char *actor,
                            const struct econ_initiative *in, fk_date date, int status,
                            const char *reason);
/* Adds a milestone of in, or, with old (the milestone of that title), sets its due and done
 * dates (done DATE_NONE: not done). */
int store_initiative_milestone(struct store *st, const char *actor,
                               const struct econ_initiative *in, const struct econ_milestone *old,
                               const char *title, fk_date due, fk_date done);
/* Sets the planned budget of in for year; before_ore is the budget it replaces, -1 none. */
int store_initiative_budget(struct store *st, const char *actor,
                            const struct econ_initiative *in, int year, int64_t ore,
                            int64_t before_ore);
/* Records the rate per citizen from year on, with the decision that set it and its date. */
int store_econ_rate_add(struct store *st, const char *actor, int year, int64_t ore,
                        const char *decision, fk_date decided, int64_t *id);
/* Stores a population set dated date (as econ_population_parse made it). FK_ECONFLICT when a
 * set with that date is stored already. */
int store_econ_population_add(struct store *st, const char *actor, fk_date date,
                              const char *source, const int *codes, const int64_t *citizens,
                              size_t n, int64_t *id);
/* Allocates ore of year's frame to the special initiative key, with the decision and its
 * date, after econ_can_allocate in the same transaction (mt and default_rate as for
 * store_econ_load). FK_ENOTFOUND (no such initiative) or FK_EINPUT with a Danish msg[n] and
 * *over the amount over the frame; FK_OK with *id (may be NULL) the allocation's row id. */
int store_econ_allocate(struct store *st, const char *actor, const struct munic_table *mt,
                        int64_t default_rate, const char *key, int year, int64_t ore,
                        const char *decision, fk_date date, char *msg, size_t n, int64_t *over,
                        int64_t *id);
/* Records spending of ore against key's allocation of year (note may be NULL), after
 * econ_can_spend in the same transaction; errors as store_econ_allocate. */
int store_econ_spend(struct store *st, const char *actor, const struct munic_table *mt,
                     int64_t default_rate, const char *key, int year, int64_t ore, fk_date date,
                     const char *note, char *msg, size_t n, int64_t *over, int64_t *id);
/* ---------------------------------------------------------------- end initiatives, portfolio and economy */

/* ---------------------------------------------------------------- working groups and written hearings (store_wg.c)
 * Working groups "ag-N" (core/wg.h): proposals, staffing plans, the priority list, the steps
 * of their life cycle, the steering group's written hearing and the groups' members. Each
 * change runs in the caller's transaction when one is open (else its own), is checked against
 * the stored state there and is audited with it. A refusal returns FK_EINPUT (bad input),
 * FK_ENOTFOUND (no such group, person or row) or FK_ECONFLICT (the group's state or the rules
 * do not allow it) and fills *e (may be NULL) with a Danish message and the input field it
 * concerns; FK_EDB when the database failed. The caller rolls back after any error. */
struct wg;
struct findings;
struct store_wg_err {
	char field[32]; /* "topic", "person", "date", ..., "" for the whole request */
	char msg[700];  /* Danish: what is wrong and what to do */
};
/* A proposal's fields; for store_wg_edit a field that is NULL, DATE_NONE or -1 (hours, ore)
 * is left as it is. */
struct store_wg_new {
	const char *topic, *question;
	const char *reference_group; /* body id of a reference group of the model */
	const char *proposer;        /* the proposing reference group; NULL: reference_group */
	fk_date start, end;
	int64_t hours, ore;
};
/* Every working group with everything it has, oldest first (free with wg_list_free). */
int store_wg_list(struct store *st, struct wg **out, size_t *n);
/* The working group key ("ag-3") into out (clear with wg_clear). FK_ENOTFOUND when none. */
int store_wg_get(struct store *st, const char *key, struct wg *out);
/* Records a reference group's proposal, state proposed, last in the priority list; key (24
 * bytes, may be NULL) gets its id. */
int store_wg_propose(struct store *st, const char *actor, const struct model *m,
                     const struct store_wg_new *in, char key[24], struct store_wg_err *e);
/* Changes the proposal's fields (only while proposed) or its end (until dissolved). */
int store_wg_edit(struct store *st, const char *actor, const struct model *m, const char *key,
                  const struct store_wg_new *in, struct store_wg_err *e);
/* Adds a row to the staffing plan (only while proposed): a person key or a profile id, the
 * appointing organisation (enum wg_org) and a note (may be NULL). *id (may be NULL) gets the
 * row id. */
int store_wg_staff_add(struct store *st, const char *actor, const struct model *m,
                       const char *key, const char *person, const char *profile, int org,
                       const char *note, int64_t *id, struct store_wg_err *e);
/* Removes row staff of key's staffing plan (only while proposed). */
int store_wg_staff_remove(struct store *st, const char *actor, const char *key, int64_t staff,
                          struct store_wg_err *e);
/* Moves key to rank (1 = highest) in the priority list of planned and running groups; the
 * others keep their order. */
int store_wg_priority_set(struct store *st, const char *actor, const char *key, int rank,
                          struct store_wg_err *e);
/* One step of the life cycle (enum wg_event, not propose) on date, with text (the decision's
 * summary for approve/reject, the delivered proposal for deliver, required there; else a
 * note, may be NULL). open_hearing sets the deadline from m's hearing_working_days; a
 * decision before the deadline needs an answer from every member of the steering group on
 * that day (r: the register); dissolve ends the open memberships on date. Groups that are no
 * longer planned or running leave the priority list. */
int store_wg_step(struct store *st, const char *actor, const struct model *m,
                  const struct reg *r, const char *key, int event, fk_date date,
                  const char *text, struct store_wg_err *e);
/* Records (or replaces) person's answer (enum wg_position) in key's hearing, given on date:
 * only while the hearing is open and date is within it, and only from a member of the
 * steering group on date (r: the register). on_behalf: recorded by the secretariat. */
int store_wg_answer(struct store *st, const char *actor, const struct model *m,
                    const struct reg *r, const char *key, const char *person, int position,
                    const char *text, fk_date date, bool on_behalf, struct store_wg_err *e);
/* Adds person as a member of the started group key: organisation (enum seat_origin),
 * municipality code (0 none), role, first and last day (end DATE_NONE or DATE_OPEN: open).
 * Two memberships of one person in one group may not overlap. *id (may be NULL) gets it. */
int store_wg_member_add(struct store *st, const char *actor, const char *key, const char *person,
                        int org, int munic, const char *role, fk_date start, fk_date end,
                        int64_t *id, struct store_wg_err *e);
/* Sets the last day of person's latest membership of key. */
int store_wg_member_end(struct store *st, const char *actor, const char *key, const char *person,
                        fk_date end, struct store_wg_err *e);
/* The working-group rules on d (wg_check) for check_all. */
int store_wg_check(struct store *st, const struct model *m, fk_date d, struct findings *out);
/* ---------------------------------------------------------------- end working groups and written hearings */

/* ---------------------------------------------------------------- the outbox (store_mail.c)
 * Messages (core/mail.h, core/notify.h) queued in the transaction of the change that causes
 * them, sent afterwards by one sender at a time (web/mailer.h). */
struct notices;
struct wg;

/* A message to queue. att (att_len bytes) may be NULL; kind is enum mail_kind. */
struct store_mail_new {
	const char *key;     /* idempotency key, e.g. "hearing-opened:ag-3:sg04" */
	const char *person;  /* person key, or NULL */
	const char *address; /* must pass mail_addr_ok */
	const char *name;    /* display name, may be NULL */
	const char *subject, *text, *html;
	const char *att_name, *att_type;
	const void *att;
	size_t att_len;
	int kind;
	bool never_hold; /* the digest itself: queued even for a person who wants digests */
};

/* A queued, sent or failed message. The bodies (text .. att) are read only by
 * store_mail_due and store_mail_get, else NULL. */
struct store_mail {
	int64_t id;
	char *key, *message_id, *person, *address, *name, *subject;
	int kind;  /* enum mail_kind */
	int state; /* enum mail_state */
	int attempts;
	int64_t next_at; /* unix seconds */
	char *answer;    /* the mail server's last answer, or NULL */
	char *created, *sent;
	int64_t digest; /* the digest that carried it (state digested), else 0 */
	char *text, *html, *att_name, *att_type;
	void *att;
	size_t att_len;
};
void store_mail_clear(struct store_mail *m);
void store_mails_free(struct store_mail *v, size_t n);

/* Queues m in the caller's transaction (or one of its own): the Message-ID is made now (in
 * the domain of $FKIGOV_MAIL_FROM), due at once. A message with the same key already queued,
 * sent or failed is silently kept and this is a no-op: FK_OK with *queued (may be NULL)
 * false. FK_EINPUT for an address that fails mail_addr_ok or an empty key. */
int store_mail_queue(struct store *st, const struct store_mail_new *m, bool *queued);
/* Queues every notice of ns (core/notify.h) as store_mail_queue; *n (may be NULL) gets how
 * many were new. */
int store_mail_queue_notices(struct store *st, const struct notices *ns, size_t *n);
/* Queues, in one transaction, what the calendar makes due on today: hearing reminders and
 * last-day notices, expiring terms (core/notify.h; secretariat may be NULL). Safe to run
 * again and again: the keys keep each event to one message. *n gets how many were new. */
int store_mail_enqueue_due(struct store *st, const struct model *m, fk_date today,
                           const char *base, const char *secretariat, size_t *n);
/* The newest messages first, at most limit; state -1 for all. */
int store_mail_list(struct store *st, int state, int limit, struct store_mail **out, size_t *n);
/* How many messages are queued, sent and failed (counts[MAIL_STATE__MAX]). */
int store_mail_counts(struct store *st, int64_t counts[MAIL_STATE__MAX]);
/* The newest limit messages to person (store_mails_free), bodies not read. */
int store_mail_of_person(struct store *st, const char *person, int limit, struct store_mail **out,
                         size_t *n);
/* Whether person wants informational messages in a daily digest (*digest). */
int store_mail_pref(struct store *st, const char *person, bool *digest);
/* Sets it; audited (entity "mail_pref", id the person). Turning the digest off releases what
 * is held: it is sent at once. */
int store_mail_pref_set(struct store *st, const char *actor, const char *person, bool digest);
/* The daily digests, from MAIL_DIGEST_HOUR local time on (Europe/Copenhagen, by the store's
 * "now"): for each person with messages held since before MAIL_DIGEST_HOUR today and no
 * digest yet today, one message ("digest:PERSON:YYYY-MM-DD") with those messages, which
 * become digested in the same transaction. What is held later waits for tomorrow's. *n gets
 * how many digests were queued. */
#define MAIL_DIGEST_HOUR 7
int store_mail_digests(struct store *st, const char *base, size_t *n);
/* Up to limit queued messages with id > after, oldest first, with their bodies: those due at
 * now (unix seconds), or with all every queued one. */
int store_mail_due(struct store *st, bool all, int64_t now, int64_t after, int limit,
                   struct store_mail **out, size_t *n);
int store_mail_get(struct store *st, int64_t id, struct store_mail *out);
/* The server accepted message id: sent, with its answer. */
int store_mail_sent(struct store *st, int64_t id, const char *answer);
/* Attempt number attempts of message id failed with answer: queued again after
 * mail_backoff(attempts), or failed for good when permanent or after MAIL_MAX_ATTEMPTS.
 * *failed (may be NULL) tells which. */
int store_mail_retry(struct store *st, int64_t id, int attempts, int64_t now, const char *answer,
                     bool permanent, bool *failed);
/* "Send igen": a failed message is queued again, due now, with its attempts reset; audited
 * (entity "mail"). FK_ENOTFOUND when id is no failed message. */
int store_mail_requeue(struct store *st, const char *actor, int64_t id);

/* The store's "now" ($FKIGOV_NOW in tests) in unix seconds. */
int64_t store_mail_now(struct store *st);

/* The one sender at a time. */
struct store_mail_lock {
	char holder[96]; /* who: "HOST:PID:serve" */
	char host[64];
	int64_t pid;
	int64_t until; /* unix seconds */
};
/* Takes or renews the sender's lock for me (until me->until) when it is free, expired, held
 * by me or steal is set (the caller found its holder dead). Else FK_ECONFLICT with the
 * holder in *held (may be NULL). */
int store_mail_lock(struct store *st, const struct store_mail_lock *me, int64_t now, bool steal,
                    struct store_mail_lock *held);
void store_mail_unlock(struct store *st, const char *holder);
#endif
