/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Accounts, sessions and API tokens: the rows behind src/web/auth.c, the accounts page and
 * the user and token commands. Only hashes of secrets are stored (argon2id for passwords,
 * SHA-256 hex for session ids and tokens), and no hash ever reaches the audit log. Tokens
 * are never deleted: a revoked one keeps its row (revoked set), so the list and the audit
 * log can still name it. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

#define JSON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS)

/* ---------------------------------------------------------------- helpers */

/* Copies column i of q (NULL as "") into dst of size n, cut at n - 1 bytes. */
static void col_copy(sqlite3_stmt *q, int i, char *dst, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	snprintf(dst, n, "%s", s ? s : "");
}

/* Reads the account columns id, login, role, person key, created, disabled from column 0
 * on. */
static void read_account(sqlite3_stmt *q, struct store_account *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(q, 0);
	col_copy(q, 1, a->login, sizeof a->login);
	col_copy(q, 2, a->role, sizeof a->role);
	col_copy(q, 3, a->person, sizeof a->person);
	col_copy(q, 4, a->created, sizeof a->created);
	a->disabled = sqlite3_column_int(q, 5) != 0;
}

/* Whether s is a SHA-256 in lower-case hex. */
static bool is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == 64;
}

static bool valid_role(const char *r)
{
	return r && (!strcmp(r, "admin") || !strcmp(r, "member") || !strcmp(r, "viewer"));
}

/* Runs q (bound by the caller), which returns no rows, and resets it. */
static int step_done(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* Dumps o as compact sorted JSON and releases it (caller frees); NULL when jansson fails. */
static char *dump_json(json_t *o)
{
	if (!o)
		return NULL;
	char *s = json_dumps(o, JSON_FLAGS);
	json_decref(o);
	return s;
}

/* ---------------------------------------------------------------- accounts */

int store_account_add(struct store *st, const char *actor, const char *login, const char *pwhash,
                      const char *role, const char *person, int64_t *id)
{
	assert(st && actor && login && role);
	if (person && !*person)
		person = NULL;
	size_t ll = strlen(login);
	if (ll == 0 || ll > STORE_LOGIN_MAX || !valid_role(role) ||
	    (pwhash && (strncmp(pwhash, "$argon2", 7) != 0 || strlen(pwhash) >= STORE_PWHASH_MAX)) ||
	    (!person && !strcmp(role, "member")))
		return FK_EINPUT;
	char *after = dump_json(json_pack("{s:s, s:s, s:o}", "login", login, "role", role, "person",
	                                  person ? json_string(person) : json_null()));
	if (!after)
		return FK_EINPUT; /* not UTF-8 */
	bool own;
	int rc = tx_enter(st, &own), src;
	if (rc != FK_OK) {
		free(after);
		return rc;
	}
	int64_t pid = 0;
	sqlite3_stmt *q;
	if (person) {
		if (!(q = stmt_get(st, STMT_PERSON_BY_KEY))) {
			rc = FK_EDB;
			goto out;
		}
		sqlite3_bind_text(q, 1, person, -1, SQLITE_STATIC);
		src = sqlite3_step(q);
		if (src == SQLITE_ROW)
			pid = sqlite3_column_int64(q, 0);
		else if (src == SQLITE_DONE)
			rc = FK_ENOTFOUND;
		else
			rc = store_fail(st, src, "læs person");
		stmt_done(q);
		if (rc != FK_OK)
			goto out;
	}
	if (!(q = stmt_get(st, STMT_ACCOUNT_INSERT))) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_text(q, 1, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, pwhash ? pwhash : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, role, -1, SQLITE_STATIC);
	if (pid)
		sqlite3_bind_int64(q, 4, pid);
	else
		sqlite3_bind_null(q, 4);
	sqlite3_bind_text(q, 5, store_now(st), -1, SQLITE_TRANSIENT);
	if ((rc = step_done(st, q, "gem konto")) != FK_OK)
		goto out;
	int64_t aid = sqlite3_last_insert_rowid(st->db);
	rc = audit_append(st, actor, "create", "account", login, ll, NULL, 0, after, strlen(after));
	if (rc != FK_OK)
		st->poisoned = true;
	else if (id)
		*id = aid;
out:
	free(after);
	return tx_leave(st, own, rc);
}

/* Ends every session of login and revokes every token of it not yet revoked, each token
 * audited with reason; *sessions and *tokens get how many. Inside the caller's
 * transaction. */
static int end_access(struct store *st, const char *actor, const char *login, const char *reason,
                      int64_t *sessions, int64_t *tokens);
/* Cancels every usable one-time link of login, each audited with reason. Inside the
 * caller's transaction. */
static int cancel_links(struct store *st, const char *actor, const char *login,
                        const char *reason);

/* Audits a change of login's access (key: value) with how many sessions and tokens it
 * ended; a row that cannot be written poisons the transaction. */
static int audit_access(struct store *st, const char *actor, const char *login, const char *key,
                        bool value, int64_t ns, int64_t nt)
{
	char *after = dump_json(json_pack("{s:s, s:b, s:I, s:I}", "login", login, key, value,
	                                  "sessions_ended", (json_int_t)ns, "tokens_revoked",
	                                  (json_int_t)nt));
	if (!after)
		return FK_EINPUT;
	int rc = audit_append(st, actor, "update", "account", login, strlen(login), NULL, 0, after,
	                      strlen(after));
	if (rc != FK_OK)
		st->poisoned = true;
	free(after);
	return rc;
}

/* Leaves the transaction of an access change, reporting the counts only when it holds. */
static int leave_access(struct store *st, bool own, int rc, int64_t ns, int64_t nt,
                        int64_t *sessions, int64_t *tokens)
{
	rc = tx_leave(st, own, rc);
	if (sessions)
		*sessions = rc == FK_OK ? ns : 0;
	if (tokens)
		*tokens = rc == FK_OK ? nt : 0;
	return rc;
}

int store_account_set_password(struct store *st, const char *actor, const char *login,
                               const char *pwhash, int64_t *sessions, int64_t *tokens)
{
	assert(st && actor && login && pwhash);
	if (strncmp(pwhash, "$argon2", 7) != 0 || strlen(pwhash) >= STORE_PWHASH_MAX)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	int64_t ns = 0, nt = 0;
	if ((rc = db_exec(st, STMT_ACCOUNT_SET_PW, "skift adgangskode", "tt", login, pwhash)) !=
	    FK_OK)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		rc = FK_ENOTFOUND;
		goto out;
	}
	/* A new password ends every session and every token of the account: whoever knew the
	 * old one may have made them. */
	if ((rc = end_access(st, actor, login, "password", &ns, &nt)) != FK_OK)
		goto out;
	rc = audit_access(st, actor, login, "password_changed", true, ns, nt);
out:
	return leave_access(st, own, rc, ns, nt, sessions, tokens);
}

int store_account_set_disabled(struct store *st, const char *actor, const char *login,
                               bool disabled, int64_t *sessions, int64_t *tokens)
{
	assert(st && actor && login);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	int64_t ns = 0, nt = 0;
	struct store_account a;
	rc =
	    strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(st, login, &a) : FK_ENOTFOUND;
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc != FK_OK)
		goto out;
	if (a.disabled == disabled) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if ((rc = db_exec(st, STMT_ACCOUNT_SET_DISABLED, "spær konto", "td", login,
	                  disabled ? 1 : 0)) != FK_OK)
		goto out;
	if (disabled && (rc = end_access(st, actor, login, "disabled", &ns, &nt)) != FK_OK)
		goto out;
	rc = audit_access(st, actor, login, "disabled", disabled, ns, nt);
out:
	return leave_access(st, own, rc, ns, nt, sessions, tokens);
}

int store_account_by_login(struct store *st, const char *login, struct store_account *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = stmt_get(st, STMT_ACCOUNT_BY_LOGIN);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, login, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW) {
		read_account(q, out);
		col_copy(q, 6, out->pwhash, sizeof out->pwhash);
	} else if (rc == SQLITE_DONE) {
		err = FK_ENOTFOUND;
	} else {
		err = store_fail(st, rc, "læs konto");
	}
	stmt_done(q);
	return err;
}

int store_account_list(struct store *st, int (*fn)(const struct store_account *a, void *arg),
                       void *arg)
{
	sqlite3_stmt *q = db_prepare(st, STMT_ACCOUNT_ALL, "t", store_now(st));
	if (!q)
		return FK_EDB;
	int rc, err = FK_OK;
	struct store_account a;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_account(q, &a);
		a.sessions = sqlite3_column_int64(q, 6);
		a.no_password = sqlite3_column_int(q, 7) != 0;
		col_copy(q, 8, a.link_expires, sizeof a.link_expires);
		if ((err = fn(&a, arg)) != 0)
			break;
	}
	if (err == FK_OK && rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs konti");
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- sessions */

int store_session_create(struct store *st, const char *id_hash, int64_t account, const char *csrf,
                         int64_t now)
{
	assert(is_hex64(id_hash) && csrf && *csrf);
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_INSERT);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, id_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, account);
	sqlite3_bind_text(q, 3, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, store_now(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(q, 5, now);
	return step_done(st, q, "gem session");
}

int store_session_lookup(struct store *st, const char *id_hash, struct store_session *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_GET);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, id_hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW) {
		read_account(q, &out->account);
		col_copy(q, 6, out->csrf, sizeof out->csrf);
		out->last_seen = sqlite3_column_int64(q, 7);
	} else if (rc == SQLITE_DONE) {
		err = FK_ENOTFOUND;
	} else {
		err = store_fail(st, rc, "læs session");
	}
	stmt_done(q);
	return err;
}

int store_session_touch(struct store *st, const char *id_hash, int64_t now)
{
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_TOUCH);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, id_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	return step_done(st, q, "opdater session");
}

int store_session_delete(struct store *st, const char *id_hash)
{
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_DELETE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_text(q, 1, id_hash, -1, SQLITE_STATIC);
	return step_done(st, q, "slet session");
}

int store_session_delete_csrf(struct store *st, int64_t account, const char *csrf)
{
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_DELETE_CSRF);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, account);
	sqlite3_bind_text(q, 2, csrf, -1, SQLITE_STATIC);
	return step_done(st, q, "slet session");
}

int store_session_expire(struct store *st, int64_t before, int64_t *n)
{
	sqlite3_stmt *q = stmt_get(st, STMT_SESSION_EXPIRE);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, before);
	int rc = step_done(st, q, "slet udløbne sessioner");
	if (n)
		*n = rc == FK_OK ? sqlite3_changes(st->db) : 0;
	return rc;
}

int store_session_trim(struct store *st, int64_t account, int keep)
{
	assert(keep >= 0);
	return db_exec(st, STMT_SESSION_TRIM, "slet gamle sessioner", "id", account, keep);
}

/* ---------------------------------------------------------------- role and person */

/* The audit row of a change of one field of login's account from before to after (NULL:
 * JSON null). Inside the caller's transaction. */
static int audit_field(struct store *st, const char *actor, const char *login, const char *field,
                       const char *before, const char *after)
{
	char *b = dump_json(json_pack("{s:s, s:o}", "login", login, field,
	                              before ? json_string(before) : json_null()));
	char *a = dump_json(json_pack("{s:s, s:o}", "login", login, field,
	                              after ? json_string(after) : json_null()));
	int rc = b && a ? audit_append(st, actor, "update", "account", login, strlen(login), b,
	                               strlen(b), a, strlen(a))
	                : FK_EINPUT;
	if (rc != FK_OK && b && a)
		st->poisoned = true;
	free(b);
	free(a);
	return rc;
}

int store_account_set_role(struct store *st, const char *actor, const char *login,
                           const char *role)
{
	assert(st && actor && login);
	if (!valid_role(role))
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_account a;
	rc =
	    strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(st, login, &a) : FK_ENOTFOUND;
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc != FK_OK)
		goto out;
	if (!strcmp(a.role, role)) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if (!strcmp(role, "member") && !a.person[0]) {
		rc = FK_EINPUT;
		goto out;
	}
	if ((rc = db_exec(st, STMT_ACCOUNT_SET_ROLE, "skift rolle", "tt", login, role)) == FK_OK)
		rc = audit_field(st, actor, login, "role", a.role, role);
out:
	return tx_leave(st, own, rc);
}

int store_account_set_person(struct store *st, const char *actor, const char *login,
                             const char *person)
{
	assert(st && actor && login);
	if (person && !*person)
		person = NULL;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_account a;
	rc =
	    strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(st, login, &a) : FK_ENOTFOUND;
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc != FK_OK)
		goto out;
	if (!strcmp(a.person, person ? person : "")) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if (!person && !strcmp(a.role, "member")) {
		rc = FK_EINPUT;
		goto out;
	}
	int64_t pid = 0;
	if (person) {
		sqlite3_stmt *q = db_prepare(st, STMT_PERSON_BY_KEY, "t", person);
		if (!q) {
			rc = FK_EDB;
			goto out;
		}
		if ((rc = db_row(st, q, "læs person")) != FK_OK)
			goto out;
		pid = sqlite3_column_int64(q, 0);
		stmt_done(q);
	}
	sqlite3_stmt *u = stmt_get(st, STMT_ACCOUNT_SET_PERSON);
	if (!u) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_text(u, 1, login, -1, SQLITE_STATIC);
	if (pid)
		sqlite3_bind_int64(u, 2, pid);
	else
		sqlite3_bind_null(u, 2);
	if ((rc = step_done(st, u, "knyt person")) == FK_OK)
		rc = audit_field(st, actor, login, "person", a.person[0] ? a.person : NULL, person);
out:
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- one-time links */

/* Reads a link row (id, login, purpose, created, expires, used, cancelled, disabled); now is
 * store "now". */
static void read_link(sqlite3_stmt *q, const char *now, struct store_link *l)
{
	memset(l, 0, sizeof *l);
	l->id = sqlite3_column_int64(q, 0);
	col_copy(q, 1, l->login, sizeof l->login);
	col_copy(q, 2, l->purpose, sizeof l->purpose);
	col_copy(q, 3, l->created, sizeof l->created);
	col_copy(q, 4, l->expires, sizeof l->expires);
	col_copy(q, 5, l->used, sizeof l->used);
	col_copy(q, 6, l->cancelled, sizeof l->cancelled);
	l->disabled = sqlite3_column_int(q, 7) != 0;
	l->expired = strcmp(l->expires, now) <= 0;
}

/* Audits link id of login: action, and after {login, FIELD: value[, reason]}. */
static int audit_link(struct store *st, const char *actor, const char *action, int64_t id,
                      json_t *after)
{
	char *s = dump_json(after);
	if (!s)
		return FK_EINPUT;
	char eid[24];
	int n = snprintf(eid, sizeof eid, "%lld", (long long)id);
	int rc = audit_append(st, actor, action, "password_link", eid, (size_t)n, NULL, 0, s,
	                      strlen(s));
	free(s);
	if (rc != FK_OK)
		st->poisoned = true;
	return rc;
}

/* Cancels every usable link of login, each audited with reason. Inside the caller's
 * transaction. */
static int cancel_links(struct store *st, const char *actor, const char *login,
                        const char *reason)
{
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_LINK_OPEN, "tt", login, now);
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = db_row(st, q, "læs links")) == FK_OK) {
		ids = xgrow(ids, sizeof *ids, n + 1, &cap);
		ids[n++] = sqlite3_column_int64(q, 0);
	}
	if (rc == FK_ENOTFOUND)
		rc = FK_OK;
	for (size_t i = 0; i < n && rc == FK_OK; i++) {
		if ((rc = db_exec(st, STMT_LINK_CANCEL, "annullér link", "it", ids[i], now)) != FK_OK)
			break;
		rc = audit_link(st, actor, "update", ids[i],
		                json_pack("{s:s, s:s, s:s}", "login", login, "cancelled", now,
		                          "reason", reason));
	}
	free(ids);
	return rc;
}

int store_link_create(struct store *st, const char *actor, const char *login, const char *hash,
                      const char *purpose, int hours, struct store_link *out)
{
	assert(st && actor && login && hash && is_hex64(hash) && purpose);
	if ((strcmp(purpose, "new") && strcmp(purpose, "reset")) || hours < 1 || hours > 24 * 30)
		return FK_EINPUT;
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_link l;
	memset(&l, 0, sizeof l);
	struct store_account a;
	rc =
	    strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(st, login, &a) : FK_ENOTFOUND;
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc != FK_OK)
		goto out;
	if (a.disabled) {
		rc = FK_ECONFLICT;
		goto out;
	}
	sqlite3_stmt *q = db_prepare(st, STMT_LINK_EXPIRY, "td", now, hours);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	if ((rc = db_row(st, q, "beregn udløb")) != FK_OK)
		goto out;
	col_copy(q, 0, l.expires, sizeof l.expires);
	stmt_done(q);
	if (!l.expires[0]) {
		rc = FK_EINPUT; /* a malformed $FKIGOV_NOW */
		goto out;
	}
	if ((rc = cancel_links(st, actor, login, "replaced")) != FK_OK)
		goto out;
	if ((rc = db_exec(st, STMT_LINK_INSERT, "gem link", "itttt", a.id, hash, purpose, now,
	                  l.expires)) != FK_OK)
		goto out;
	l.id = sqlite3_last_insert_rowid(st->db);
	snprintf(l.login, sizeof l.login, "%s", login);
	snprintf(l.purpose, sizeof l.purpose, "%s", purpose);
	snprintf(l.created, sizeof l.created, "%s", now);
	rc = audit_link(st, actor, "create", l.id,
	                json_pack("{s:s, s:s, s:s}", "login", login, "purpose", purpose, "expires",
	                          l.expires));
out:
	rc = tx_leave(st, own, rc);
	if (out)
		*out = l;
	return rc;
}

int store_link_get(struct store *st, const char *hash, struct store_link *out)
{
	memset(out, 0, sizeof *out);
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	sqlite3_stmt *q = db_prepare(st, STMT_LINK_GET, "t", hash);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs link");
	if (rc != FK_OK)
		return rc;
	read_link(q, now, out);
	stmt_done(q);
	return FK_OK;
}

int store_link_use(struct store *st, const char *hash, const char *pwhash, struct store_link *out,
                   int64_t *sessions, int64_t *tokens)
{
	assert(st && hash && pwhash);
	if (!is_hex64(hash))
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_link l;
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	if ((rc = store_link_get(st, hash, &l)) != FK_OK)
		goto out;
	if (l.used[0] || l.cancelled[0] || l.expired || l.disabled) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if ((rc = db_exec(st, STMT_LINK_USE, "brug link", "it", l.id, now)) != FK_OK)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if ((rc = audit_link(st, l.login, "update", l.id,
	                     json_pack("{s:s, s:s}", "login", l.login, "used", now))) != FK_OK)
		goto out;
	rc = store_account_set_password(st, l.login, l.login, pwhash, sessions, tokens);
out:
	rc = tx_leave(st, own, rc);
	if (out)
		*out = l;
	return rc;
}

/* ---------------------------------------------------------------- API tokens */

/* Today (UTC) by the store's clock, YYYY-MM-DD. */
static void today_utc(struct store *st, char out[11])
{
	snprintf(out, 11, "%.10s", store_now(st));
}

/* Reads a token row (id, login, label, created, expires, last_used, revoked); today is
 * YYYY-MM-DD (UTC). */
static void read_token(sqlite3_stmt *q, const char *today, struct store_token *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(q, 0);
	col_copy(q, 1, t->login, sizeof t->login);
	col_copy(q, 2, t->label, sizeof t->label);
	col_copy(q, 3, t->created, sizeof t->created);
	col_copy(q, 4, t->expires, sizeof t->expires);
	col_copy(q, 5, t->last_used, sizeof t->last_used);
	col_copy(q, 6, t->revoked, sizeof t->revoked);
	t->expired = strcmp(t->expires, today) < 0;
}

/* Revokes token id of login, when it is not yet, and audits it with reason; the time is
 * now. FK_ECONFLICT when it was revoked already. Inside the caller's transaction. */
static int revoke_one(struct store *st, const char *actor, int64_t id, const char *login,
                      const char *reason, const char *now)
{
	int rc = db_exec(st, STMT_TOKEN_REVOKE, "tilbagekald token", "it", id, now);
	if (rc != FK_OK)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return FK_ECONFLICT;
	char *after = dump_json(
	    json_pack("{s:s, s:s, s:s}", "login", login, "revoked", now, "reason", reason));
	if (!after)
		return FK_EINPUT;
	char eid[24];
	int n = snprintf(eid, sizeof eid, "%lld", (long long)id);
	rc = audit_append(st, actor, "update", "token", eid, (size_t)n, NULL, 0, after,
	                  strlen(after));
	free(after);
	if (rc != FK_OK)
		st->poisoned = true;
	return rc;
}

static int end_access(struct store *st, const char *actor, const char *login, const char *reason,
                      int64_t *sessions, int64_t *tokens)
{
	*sessions = *tokens = 0;
	int rc = db_exec(st, STMT_SESSION_DELETE_ACCOUNT, "afslut sessioner", "t", login);
	if (rc != FK_OK)
		return rc;
	*sessions = sqlite3_changes(st->db);
	int64_t *ids = NULL;
	size_t nids = 0, cap = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_TOKEN_ACTIVE, "t", login);
	if (!q)
		return FK_EDB;
	while ((rc = db_row(st, q, "læs tokens")) == FK_OK) {
		ids = xgrow(ids, sizeof *ids, nids + 1, &cap);
		ids[nids++] = sqlite3_column_int64(q, 0);
	}
	if (rc == FK_ENOTFOUND)
		rc = FK_OK;
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	for (size_t i = 0; i < nids && rc == FK_OK; i++)
		if ((rc = revoke_one(st, actor, ids[i], login, reason, now)) == FK_OK)
			++*tokens;
	free(ids);
	if (rc == FK_OK)
		rc = cancel_links(st, actor, login, reason);
	return rc;
}

int store_token_create(struct store *st, const char *actor, const char *login, const char *hash,
                       const char *label, const char *expires, int64_t *id)
{
	assert(st && actor && login && hash && is_hex64(hash) && expires);
	if (label && !*label)
		label = NULL;
	fk_date d;
	if ((label && strlen(label) > STORE_LABEL_MAX) ||
	    date_parse(expires, strlen(expires), &d) != 0)
		return FK_EINPUT;
	char *after =
	    dump_json(json_pack("{s:s, s:o, s:s}", "login", login, "label",
	                        label ? json_string(label) : json_null(), "expires", expires));
	if (!after)
		return FK_EINPUT;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK) {
		free(after);
		return rc;
	}
	struct store_account a;
	if ((rc = store_account_by_login(st, login, &a)) != FK_OK)
		goto out;
	memset(a.pwhash, 0, sizeof a.pwhash);
	if ((rc = db_exec(st, STMT_TOKEN_INSERT, "gem token", "itttt", a.id, hash, label,
	                  store_now(st), expires)) != FK_OK)
		goto out;
	int64_t tid = sqlite3_last_insert_rowid(st->db);
	char eid[24];
	int n = snprintf(eid, sizeof eid, "%lld", (long long)tid);
	rc = audit_append(st, actor, "create", "token", eid, (size_t)n, NULL, 0, after,
	                  strlen(after));
	if (rc != FK_OK)
		st->poisoned = true;
	else if (id)
		*id = tid;
out:
	free(after);
	return tx_leave(st, own, rc);
}

void store_token_expiry(struct store *st, int days, char out[11])
{
	char today[11];
	today_utc(st, today);
	fk_date d;
	if (date_parse(today, 10, &d) != 0)
		d = date_today(); /* a malformed $FKIGOV_NOW: the calendar's today */
	date_format(d + days, out);
}

int store_token_lookup(struct store *st, const char *hash, struct store_account *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = db_prepare(st, STMT_TOKEN_GET, "tt", hash, store_now(st));
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs token");
	if (rc != FK_OK)
		return rc;
	read_account(q, out);
	int64_t tid = sqlite3_column_int64(q, 6);
	stmt_done(q);
	/* Noting the use is bookkeeping: a failure to write it does not refuse the token. */
	(void)db_exec(st, STMT_TOKEN_TOUCH, "opdater token", "it", tid, store_now(st));
	return FK_OK;
}

int store_token_list(struct store *st, const char *login,
                     int (*fn)(const struct store_token *t, void *arg), void *arg)
{
	char today[11];
	today_utc(st, today);
	sqlite3_stmt *q = db_prepare(st, STMT_TOKEN_LIST, "t", login);
	if (!q)
		return FK_EDB;
	int rc;
	struct store_token t;
	while ((rc = db_row(st, q, "læs tokens")) == FK_OK) {
		read_token(q, today, &t);
		int err = fn(&t, arg);
		if (err != 0) {
			stmt_done(q);
			return err;
		}
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_token_revoke(struct store *st, const char *actor, int64_t id, struct store_token *out)
{
	assert(st && actor);
	char today[11], now[32];
	today_utc(st, today);
	snprintf(now, sizeof now, "%s", store_now(st));
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_token t;
	memset(&t, 0, sizeof t);
	sqlite3_stmt *q = db_prepare(st, STMT_TOKEN_BY_ID, "i", id);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	if ((rc = db_row(st, q, "læs token")) != FK_OK)
		goto out;
	read_token(q, today, &t);
	stmt_done(q);
	if (t.revoked[0]) {
		rc = FK_ECONFLICT;
		goto out;
	}
	if ((rc = revoke_one(st, actor, id, t.login, "revoked", now)) == FK_OK)
		snprintf(t.revoked, sizeof t.revoked, "%s", now);
out:
	rc = tx_leave(st, own, rc);
	if (out && (rc == FK_OK || rc == FK_ECONFLICT))
		*out = t;
	return rc;
}
