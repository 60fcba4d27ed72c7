/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_STORE_INT_H
#define FK_STORE_INT_H
/* Private to src/store/: the store handle, the statement table and the helpers every
 * store file shares. Nothing outside src/store/ includes this. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>
#include <sqlite3.h>

#include "store/store.h"

/* Every SQL statement of the store, by name. The text is in stmt_sql[] (store.c);
 * statements are prepared on first use and finalised by store_close. */
enum stmt {
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_USER_VERSION,
	STMT_CACHE_WRITE,
	STMT_CACHE_READ,
	STMT_MODEL_COUNT,
	STMT_MODEL_GET,
	STMT_MODEL_PUT,
	STMT_PERSON_BY_KEY,
	STMT_PERSON_KEY,
	STMT_PERSON_INSERT,
	STMT_PERSON_UPDATE,
	STMT_PERSON_COUNT,
	STMT_PERSON_ALL,
	STMT_APPT_INSERT,
	STMT_APPT_GET,
	STMT_APPT_UPDATE,
	STMT_APPT_MAXID,
	STMT_APPT_ALL,
	STMT_AUDIT_HEAD,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_ALL,
	STMT_AUDIT_LIST,
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_BY_LOGIN,
	STMT_ACCOUNT_ALL,
	STMT_ACCOUNT_SET_PW,
	STMT_SESSION_DELETE_ACCOUNT,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_CSRF,
	STMT_SESSION_EXPIRE,
	STMT_TOKEN_INSERT,
	STMT_TOKEN_GET,
	STMT_TOKEN_TOUCH,
	STMT_TOKEN_LIST,
	STMT_TOKEN_BY_ID,
	STMT_TOKEN_REVOKE,
	STMT_TOKEN_ACTIVE,
	STMT_ACCOUNT_SET_DISABLED,
	STMT_SESSION_TRIM,
	STMT_IMPORT_INSERT,
	STMT_IMPORT_GET,
	STMT_IMPORT_LIST,
	STMT_IMPORT_DELETE,
	STMT_IMPORT_EXPIRE,
	STMT_AUDIT_RECENT,
	/* cases and goals (store_cases.c) */
	STMT_CASE_INSERT,
	STMT_CASE_TAG_INSERT,
	STMT_CASE_EVENT_INSERT,
	STMT_CASE_STATE,
	STMT_CASE_UPDATE,
	STMT_CASE_DECISION_INSERT,
	STMT_CASE_LIST,
	STMT_CASE_TAG_LIST,
	STMT_CASE_EVENT_LIST,
	STMT_CASE_DECISION_LIST,
	STMT_GOAL_INSERT,
	STMT_GOAL_STATUS_INSERT,
	STMT_GOAL_STATUS_LATEST,
	STMT_GOAL_LIST,
	STMT_GOAL_STATUS_LIST,
	/* meetings (store_meeting.c) */
	STMT_MEETING_INSERT,
	STMT_MEETING_REPLAN,
	STMT_MEETING_PLACE,
	STMT_PERSON_CONTACT,
	STMT_INVITE_LIST,
	STMT_INVITE_PUT,
	STMT_MEETING_DELETE,
	STMT_MEETING_GET,
	STMT_MEETING_LIST,
	STMT_MEETING_CONTENT,
	STMT_MEETING_STATE,
	STMT_MEETING_SPEAKER,
	STMT_ITEM_LIST,
	STMT_ITEM_CLEAR,
	STMT_ITEM_INSERT,
	STMT_ITEM_UPDATE,
	STMT_ITEM_ID,
	STMT_ITEM_CASE_MINUTED,
	STMT_PROPOSAL_INSERT,
	STMT_PROPOSAL_LIST,
	STMT_PROPOSAL_DECIDE,
	STMT_PROPOSAL_MEETING,
	STMT_PROPOSAL_SERVES,
	STMT_FTS_DELETE_MEETING,
	STMT_FTS_DELETE,
	STMT_FTS_INSERT,
	STMT_DECISION_SEARCH,
	STMT_MATERIAL_INSERT,
	STMT_MATERIAL_LIST,
	STMT_MATERIAL_GET,
	STMT_MATERIAL_DELETE,
	STMT_MATERIAL_SAME,
	STMT_MSTATUS_INSERT,
	STMT_MSTATUS_LIST,
	STMT_MEETING_RECALL,
	STMT_DECISION_LATEST,
	/* initiatives, portfolio and economy (store_economy.c) */
	STMT_ECON_INIT_INSERT,
	STMT_ECON_INIT_ALL,
	STMT_ECON_STATUS_INSERT,
	STMT_ECON_STATUS_ALL,
	STMT_ECON_MILE_INSERT,
	STMT_ECON_MILE_UPDATE,
	STMT_ECON_MILE_ALL,
	STMT_ECON_BUDGET_PUT,
	STMT_ECON_BUDGET_ALL,
	STMT_ECON_RATE_INSERT,
	STMT_ECON_RATE_ALL,
	STMT_ECON_POPSET_INSERT,
	STMT_ECON_POPSET_ALL,
	STMT_ECON_POP_INSERT,
	STMT_ECON_POP_ALL,
	STMT_ECON_ALLOC_INSERT,
	STMT_ECON_ALLOC_ALL,
	STMT_ECON_SPEND_INSERT,
	STMT_ECON_SPEND_ALL,
	/* end initiatives, portfolio and economy */
	/* working groups and written hearings */
	STMT_WG_INSERT,
	STMT_WG_IDS,
	STMT_WG_GET,
	STMT_WG_UPDATE,
	STMT_WG_STAFF,
	STMT_WG_STAFF_INSERT,
	STMT_WG_STAFF_DELETE,
	STMT_WG_ANSWERS,
	STMT_WG_ANSWER_PUT,
	STMT_WG_MEMBERS,
	STMT_WG_MEMBER_INSERT,
	STMT_WG_MEMBER_SET_END,
	STMT_WG_STEPS,
	STMT_WG_STEP_INSERT,
	STMT_WG_PRIO_ALL,
	STMT_WG_PRIO_CLEAR,
	STMT_WG_PRIO_INSERT,
	/* end working groups and written hearings */
	/* accounts in the browser: role, person, one-time password links (store_auth.c) */
	STMT_ACCOUNT_SET_ROLE,
	STMT_ACCOUNT_SET_PERSON,
	STMT_LINK_EXPIRY,
	STMT_LINK_INSERT,
	STMT_LINK_GET,
	STMT_LINK_USE,
	STMT_LINK_OPEN,
	STMT_LINK_CANCEL,
	/* end accounts in the browser */
	/* register corrections: merging persons, deleting appointments (store_reg.c) */
	STMT_PERSON_DELETE,
	STMT_APPT_DELETE,
	STMT_MERGE_ACCOUNT,
	STMT_MERGE_WG_STAFF,
	STMT_MERGE_WG_ANSWER,
	STMT_MERGE_WG_MEMBER,
	STMT_MERGE_SPEAKER,
	STMT_MERGE_PROPOSAL,
	/* end register corrections */
	/* the outbox (store_mail.c) */
	STMT_MAIL_INSERT,
	STMT_MAIL_OF_PERSON,
	STMT_MAIL_HELD_PEOPLE,
	STMT_MAIL_HELD_OF,
	STMT_MAIL_DIGESTED,
	STMT_MAIL_RELEASE,
	STMT_MAIL_KEY_ID,
	STMT_MAIL_PREF_GET,
	STMT_MAIL_PREF_PUT,
	STMT_MAIL_LIST,
	STMT_MAIL_DUE,
	STMT_MAIL_GET,
	STMT_MAIL_SENT,
	STMT_MAIL_RETRY,
	STMT_MAIL_REQUEUE,
	STMT_MAIL_COUNT,
	STMT_MAIL_LOCK_GET,
	STMT_MAIL_LOCK_PUT,
	STMT_MAIL_LOCK_DROP,
	/* end the outbox */
	/* the packet's versions (store_packet.c) */
	STMT_PACKET_ADD,
	STMT_PACKET_LIST,
	STMT_PACKET_GET,
	/* attendance at meetings (store_attend.c) */
	STMT_ATTEND_LIST,
	STMT_ATTEND_PUT,
	STMT_ATTEND_DELETE,
	STMT_ATTEND_APOLOGIES,
	STMT_GUEST_LIST,
	STMT_GUEST_INSERT,
	STMT_GUEST_DELETE,
	STMT_MERGE_ATTEND,
	/* end attendance at meetings */
	STMT_ROUND_INSERT,
	STMT_ROUND_SEAT_INSERT,
	STMT_ROUND_GET,
	STMT_ROUND_LIST,
	STMT_ROUND_SEATS,
	STMT_ROUND_STATE,
	STMT_ROUND_APP_INSERT,
	STMT_ROUND_KEY_INSERT,
	STMT_ROUND_APPS,
	STMT_ROUND_PURGEABLE,
	STMT_ROUND_APP_PURGE,
	STMT_ROUND_KEY_DELETE,
	STMT_ROUND_MARKS_FORGET,
	STMT_ROUND_CONFLICTS_FORGET,
	STMT_ROUND_PERSON_BY_EMAIL,
	STMT_ROUND_MAIL_FORGET,
	STMT_ROUND_APP_GET,
	STMT_ROUND_MARK_PUT,
	STMT_ROUND_MARKS,
	STMT_ROUND_CONFLICT_PUT,
	STMT_ROUND_CONFLICT_MARKS_DELETE,
	STMT_ROUND_CONFLICTS,
	STMT_ROUND_DECIDED,
	STMT_ROUND_PICK_INSERT,
	STMT_ROUND_APP_APPOINTED,
	STMT_ROUND_PICKS,
	STMT_ROUND_CV,
	STMT_ROUND_MATCH,
	STMT_ROUND_APP_COUNT,
	/* end recruitment rounds */
	STMT__MAX
};

/* A reusable output buffer for JSON text (not NUL-terminated by jansson; we add one). */
struct jbuf {
	char *s;
	size_t len, cap;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[STMT__MAX];

	/* Head of the audit chain. Valid only inside the current transaction: cleared at
	 * begin, commit and rollback, and read again by the first append of a transaction. */
	bool head_valid;
	int64_t head_id;
	char head_hash[65];
	/* Set when a change was written but its audit row could not be: commit then rolls
	 * back and fails, so no change is ever committed unaudited. */
	bool poisoned;
	int depth; /* store_begin nesting: 1 the transaction, more are savepoints in it */

	/* The last "now" string and the second it was made for. */
	time_t now_t;
	char now[32];

	/* Person row id -> key, for the appointment audit rows without a SELECT each.
	 * pkey[id] is NULL when not known yet. Kept for one write transaction only (store_begin
	 * clears it): a merge deletes a person, and SQLite may then give the deleted row id to
	 * the next new person, also on another connection. */
	char **pkey;
	size_t cappkey;
	char *pkey_spill; /* the one key of an id too large for pkey */
	bool pkey_new;    /* a person was inserted in this transaction: clear on rollback */

	/* Scratch for the audit rows of appointments: one JSON object reused, buffers for
	 * the before and after JSON and the entity id. */
	json_t *jappt;
	struct jbuf jb[3];

	/* Text of the last constraint violation (FK_ECONFLICT), for callers' messages. */
	char conflict[256];

	/* Meetings, appointments or addresses changed in this transaction: the commit brings
	 * the meeting invitations in line first (store_invites_sync), in the same transaction. */
	bool invites_dirty;
	/* The meeting whose dispatched agenda was amended in this transaction (0 none) and the
	 * amendments: the commit records the packet's next version first (store_packet_sync). */
	int64_t packet_meeting;
	struct buf packet_changes;
	/* The database's model, parsed on first need (store_model). */
	struct model *model;
};

/* Queues the invitations, updates and cancellations that bring every calendar in line with
 * the meetings and the register (core/invite.h) and records what was sent
 * (store_invite.c). Inside the caller's transaction. */
int store_invites_sync(struct store *st);
/* Records the next version of the packet of st->packet_meeting with st->packet_changes, by
 * the builder store_packet_builder set (none set: nothing). Inside the caller's
 * transaction. */
int store_packet_sync(struct store *st);
/* Notes that the dispatched agenda of meeting was amended: item pos (0: the agenda as a
 * whole), with reason; the commit records the packet's next version. */
void store_packet_amended(struct store *st, int64_t meeting, int pos, const char *reason);

/* The statement s, prepared on first use; NULL after printing the error. The caller binds,
 * steps and resets it (stmt_done). */
sqlite3_stmt *stmt_get(struct store *st, enum stmt s);
/* Resets a statement after use (keeps the preparation). */
void stmt_done(sqlite3_stmt *s);
/* Runs statement s, which takes no parameters and returns no rows; what names it in an
 * error message. */
int stmt_run(struct store *st, enum stmt s, const char *what);

/* Statement s with its parameters bound from fmt, one letter a parameter in order:
 *   t  const char * text (NULL binds NULL), copied
 *   i  int64_t
 *   d  int
 *   b  const void *, size_t: a blob (NULL binds NULL)
 * Bindings of an earlier use are cleared first. NULL after printing the error. The caller
 * steps it and resets it (stmt_done), or uses db_exec/db_row below. */
sqlite3_stmt *db_prepare(struct store *st, enum stmt s, const char *fmt, ...);
/* Runs statement s with parameters as in db_prepare, expecting no rows, and resets it;
 * what names the action in an error message. FK_OK, FK_ECONFLICT or FK_EDB. */
int db_exec(struct store *st, enum stmt s, const char *what, const char *fmt, ...);
/* Steps q: FK_OK with a row to read, FK_ENOTFOUND when there is none (q is then reset),
 * else the store's error (q reset). After FK_OK the caller reads the row and calls
 * stmt_done(q). */
int db_row(struct store *st, sqlite3_stmt *q, const char *what);

/* Column i of the current row of q as a copy (the caller frees), NULL for NULL. */
char *db_text(sqlite3_stmt *q, int i);

/* Maps a failed SQLite result code to the store's errors: a constraint violation is
 * FK_ECONFLICT (its text kept in st->conflict), everything else FK_EDB with the SQLite
 * message printed to stderr once, naming what was being done. */
int store_fail(struct store *st, int rc, const char *what);

/* Runs fn's change in a transaction: when no transaction is open, tx_enter begins one and
 * sets *own; tx_leave then commits it on rc == FK_OK, else rolls it back. Inside the
 * caller's transaction both do nothing (the caller commits or rolls back). */
int tx_enter(struct store *st, bool *own);
int tx_leave(struct store *st, bool own, int rc);

/* "YYYY-MM-DDTHH:MM:SSZ" in UTC, or $FKIGOV_NOW when set (for tests). Valid until the next
 * call. */
const char *store_now(struct store *st);

/* Appends one audit row; strings with explicit lengths (before/after may be NULL).
 * Must run inside a transaction. Updates the cached chain head on success. */
int audit_append(struct store *st, const char *actor, const char *action, const char *entity,
                 const char *eid, size_t eidlen, const char *before, size_t beforelen,
                 const char *after, size_t afterlen);
/* Forgets cached state that a rollback may have made wrong. */
void store_forget(struct store *st);

/* The person keys of those with apologies for meeting id (store_attend.c), by key: *keys is
 * a new array of new strings (free each, then the array). */
int store_attend_apologies(struct store *st, int64_t id, char ***keys, size_t *n);
/* Replaces the inspiration speaker of meeting id by the next in turn among the municipal
 * members without apologies (r: the register, sorted), storing reason as speaker_reason, or
 * by none when no one is left; audited as "swap" (store_meeting.c). In the caller's
 * transaction when one is open. speaker (may be NULL) gets the new key, "" none. */
int store_meeting_speaker_next(struct store *st, const char *actor, const struct model *m,
                               const struct reg *r, int64_t id, const char *reason,
                               char speaker[65], struct diags *d);

/* The numbered migrations (store_schema.c): migration i+1 is migrations[i]. */
extern const char *const store_migrations[];
extern const int store_nmigrations;
#endif
