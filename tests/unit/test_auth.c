/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Accounts, sessions and API tokens in the store: accounts are added audited without their
 * hash, logins are unique, sessions are found by the hash of their id and expire by
 * last_seen (written at most once a minute), tokens are found by their hash while in force
 * (through their last day, not revoked), a new password or disabling an account ends its
 * sessions and tokens at once, all audited, and migrations 2 and 9 bring older databases up
 * to date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dbfixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/xalloc.h"

/* The schema's migrations (store_schema.c), to build older databases by hand. */
extern const char *const store_migrations[];
extern const int store_nmigrations;

/* ---------------------------------------------------------------- fixture */

static const char model_text[] = "{\"name\": \"test\"}";

static int setup(void **state) { return fx_setup(state, "auth", model_text, strlen(model_text)); }
static int teardown(void **state) { return fx_teardown(state); }
/* A well-formed argon2id string; the store checks the form, not the content. */
static const char fake_hash[] = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                "qvOyc1Y3ZUm7J4Td7bHg1nWj1wZV3MHZb4NRlqMXr2I";
static const char sid_hash[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
static const char csrf[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
static const char tok_hash[] = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
static const char tok2_hash[] = "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
/* The fixture's "now" is 2026-11-27T10:00:00Z. */
static const char far[] = "2027-11-27";

/* The audit rows of entity, as "action entity_id after" lines. */
struct collect {
	char text[4096];
	int n;
};

static int collect_row(const struct audit_row *r, void *arg)
{
	struct collect *c = arg;
	size_t len = strlen(c->text);
	snprintf(c->text + len, sizeof c->text - len, "%s %s %s\n", r->action, r->entity_id,
	         r->after ? r->after : "-");
	c->n++;
	return 0;
}

static struct collect audit_of(struct store *st, const char *entity)
{
	struct collect c = {.n = 0};
	c.text[0] = '\0';
	struct audit_filter flt = {.entity = entity};
	assert_int_equal(store_audit_list(st, &flt, collect_row, &c), FK_OK);
	return c;
}

static int64_t add_person(struct store *st, const char *key)
{
	int64_t id = 0;
	assert_int_equal(store_person_put(st, "tester", key, "Anne Hansen", NULL, &id), FK_OK);
	return id;
}

/* ---------------------------------------------------------------- accounts */

/* An account is stored with its role, hash and creation time, and found by its login. */
static void test_account_add_lookup(void **state)
{
	struct fx *f = *state;
	int64_t id = 0;
	assert_int_equal(store_account_add(f->st, "tester", "admin", fake_hash, "admin", NULL, &id),
	                 FK_OK);
	assert_true(id > 0);
	struct store_account a;
	assert_int_equal(store_account_by_login(f->st, "admin", &a), FK_OK);
	assert_int_equal(a.id, id);
	assert_string_equal(a.login, "admin");
	assert_string_equal(a.role, "admin");
	assert_string_equal(a.person, "");
	assert_string_equal(a.pwhash, fake_hash);
	assert_string_equal(a.created, "2026-11-27T10:00:00Z");
	assert_false(a.disabled);
	assert_int_equal(store_account_by_login(f->st, "nobody", &a), FK_ENOTFOUND);
	assert_int_equal(store_account_by_login(f->st, "ADMIN", &a), FK_ENOTFOUND);
}

/* A real argon2id hash survives the round trip and verifies the password. */
static void test_account_real_hash_verifies(void **state)
{
	struct fx *f = *state;
	char h[crypto_pwhash_STRBYTES];
	const char pw[] = "correct horse battery";
	assert_int_equal(
	    crypto_pwhash_str_alg(h, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13),
	    0);
	assert_int_equal(store_account_add(f->st, "tester", "viewer", h, "viewer", NULL, NULL),
	                 FK_OK);
	struct store_account a;
	assert_int_equal(store_account_by_login(f->st, "viewer", &a), FK_OK);
	assert_int_equal(crypto_pwhash_str_verify(a.pwhash, pw, strlen(pw)), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(a.pwhash, "wrong", 5), 0);
}

/* A member is linked to a person, and lookups give the person's key (what the API needs). */
static void test_account_member_person(void **state)
{
	struct fx *f = *state;
	add_person(f->st, "p7");
	assert_int_equal(
	    store_account_add(f->st, "tester", "anne", fake_hash, "member", "p7", NULL), FK_OK);
	struct store_account a;
	assert_int_equal(store_account_by_login(f->st, "anne", &a), FK_OK);
	assert_string_equal(a.role, "member");
	assert_string_equal(a.person, "p7");
	/* Unknown person, member without person, unknown role, not a hash: refused, nothing
	 * stored. */
	assert_int_equal(
	    store_account_add(f->st, "tester", "bo", fake_hash, "member", "nobody", NULL),
	    FK_ENOTFOUND);
	assert_int_equal(store_account_add(f->st, "tester", "bo", fake_hash, "member", NULL, NULL),
	                 FK_EINPUT);
	assert_int_equal(store_account_add(f->st, "tester", "bo", fake_hash, "root", NULL, NULL),
	                 FK_EINPUT);
	assert_int_equal(store_account_add(f->st, "tester", "bo", "secret", "viewer", NULL, NULL),
	                 FK_EINPUT);
	assert_int_equal(store_account_add(f->st, "tester", "", fake_hash, "viewer", NULL, NULL),
	                 FK_EINPUT);
	assert_int_equal(store_account_by_login(f->st, "bo", &a), FK_ENOTFOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM account"), 1);
}

/* A login is unique: a second account with it is a conflict, not a failure, and leaves
 * the first and the audit log as they were. */
static void test_account_duplicate_conflict(void **state)
{
	struct fx *f = *state;
	assert_int_equal(
	    store_account_add(f->st, "tester", "admin", fake_hash, "admin", NULL, NULL), FK_OK);
	int64_t rows = raw_int(f->path, "SELECT count(*) FROM audit");
	assert_int_equal(
	    store_account_add(f->st, "tester", "admin", fake_hash, "viewer", NULL, NULL),
	    FK_ECONFLICT);
	assert_non_null(strstr(store_conflict(f->st), "UNIQUE"));
	struct store_account a;
	assert_int_equal(store_account_by_login(f->st, "admin", &a), FK_OK);
	assert_string_equal(a.role, "admin");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), rows);
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* The audit row of an account names login, role and person, and holds no hash. */
static void test_account_audit_has_no_hash(void **state)
{
	struct fx *f = *state;
	add_person(f->st, "p7");
	assert_int_equal(
	    store_account_add(f->st, "cli:sekretariat", "anne", fake_hash, "member", "p7", NULL),
	    FK_OK);
	struct collect c = audit_of(f->st, "account");
	assert_int_equal(c.n, 1);
	assert_string_equal(
	    c.text, "create anne {\"login\":\"anne\",\"person\":\"p7\",\"role\":\"member\"}\n");
	assert_null(strstr(c.text, "argon2"));
	assert_null(strstr(c.text, "pwhash"));
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

struct names {
	char text[256];
};

static int list_name(const struct store_account *a, void *arg)
{
	struct names *n = arg;
	size_t len = strlen(n->text);
	assert_string_equal(a->pwhash, "");
	snprintf(n->text + len, sizeof n->text - len, "%s:%s:%s ", a->login, a->role, a->person);
	return 0;
}

/* The list is in login order and carries no hashes. */
static void test_account_list(void **state)
{
	struct fx *f = *state;
	add_person(f->st, "p7");
	assert_int_equal(store_account_add(f->st, "t", "zeta", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(store_account_add(f->st, "t", "anne", fake_hash, "member", "p7", NULL),
	                 FK_OK);
	struct names n = {.text = ""};
	assert_int_equal(store_account_list(f->st, list_name, &n), FK_OK);
	assert_string_equal(n.text, "anne:member:p7 zeta:viewer: ");
}

/* ---------------------------------------------------------------- sessions */

/* A session is found by the hash of its id, with its account (and the member's person). */
static void test_session_create_lookup(void **state)
{
	struct fx *f = *state;
	add_person(f->st, "p7");
	int64_t id;
	assert_int_equal(store_account_add(f->st, "t", "anne", fake_hash, "member", "p7", &id),
	                 FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, id, csrf, 1000), FK_OK);
	struct store_session s;
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_OK);
	assert_int_equal(s.account.id, id);
	assert_string_equal(s.account.login, "anne");
	assert_string_equal(s.account.role, "member");
	assert_string_equal(s.account.person, "p7");
	assert_string_equal(s.account.pwhash, "");
	assert_string_equal(s.csrf, csrf);
	assert_int_equal(s.last_seen, 1000);
	assert_int_equal(store_session_lookup(f->st, tok_hash, &s), FK_ENOTFOUND);
	/* Sessions change no governance data: not audited. */
	assert_int_equal(audit_of(f->st, "session").n, 0);
	/* A session of an account that does not exist is refused by the foreign key. */
	assert_int_equal(store_session_create(f->st, tok_hash, id + 100, csrf, 1000), FK_ECONFLICT);
}

/* last_seen is written only when it is more than 60 s old: no write per request. */
static void test_session_touch(void **state)
{
	struct fx *f = *state;
	int64_t id;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, &id), FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, id, csrf, 1000), FK_OK);
	struct store_session s;
	assert_int_equal(store_session_touch(f->st, sid_hash, 1030), FK_OK);
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_OK);
	assert_int_equal(s.last_seen, 1000);
	assert_int_equal(store_session_touch(f->st, sid_hash, 1060), FK_OK);
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_OK);
	assert_int_equal(s.last_seen, 1000);
	assert_int_equal(store_session_touch(f->st, sid_hash, 1061), FK_OK);
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_OK);
	assert_int_equal(s.last_seen, 1061);
	/* Touching a session that is gone is no error. */
	assert_int_equal(store_session_touch(f->st, tok_hash, 5000), FK_OK);
}

/* Expired sessions (last seen before the cut-off) are deleted, the others kept; delete and
 * delete by CSRF token end one session. */
static void test_session_expire_delete(void **state)
{
	struct fx *f = *state;
	int64_t id;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, &id), FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, id, csrf, 1000), FK_OK);
	assert_int_equal(store_session_create(f->st, tok_hash, id, "other", 2000), FK_OK);
	int64_t n = -1;
	assert_int_equal(store_session_expire(f->st, 1000, &n), FK_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_session_expire(f->st, 1500, &n), FK_OK);
	assert_int_equal(n, 1);
	struct store_session s;
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->st, tok_hash, &s), FK_OK);
	/* The CSRF token must belong to the account named. */
	assert_int_equal(store_session_delete_csrf(f->st, id + 1, "other"), FK_OK);
	assert_int_equal(store_session_lookup(f->st, tok_hash, &s), FK_OK);
	assert_int_equal(store_session_delete_csrf(f->st, id, "other"), FK_OK);
	assert_int_equal(store_session_lookup(f->st, tok_hash, &s), FK_ENOTFOUND);
	assert_int_equal(store_session_create(f->st, sid_hash, id, csrf, 3000), FK_OK);
	assert_int_equal(store_session_delete(f->st, sid_hash), FK_OK);
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_ENOTFOUND);
	assert_int_equal(store_session_delete(f->st, sid_hash), FK_OK);
}

static int count_sessions(const struct store_account *a, void *arg)
{
	struct names *n = arg;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s:%lld ", a->login, (long long)a->sessions);
	return 0;
}

/* Trimming keeps the most recently seen sessions of one account and no other's; the account
 * list counts them. */
static void test_session_trim(void **state)
{
	struct fx *f = *state;
	int64_t v, w;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, &v), FK_OK);
	assert_int_equal(store_account_add(f->st, "t", "w", fake_hash, "viewer", NULL, &w), FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, v, csrf, 1000), FK_OK);
	assert_int_equal(store_session_create(f->st, tok_hash, v, "x", 3000), FK_OK);
	assert_int_equal(store_session_create(f->st, tok2_hash, v, "y", 2000), FK_OK);
	struct names n = {.text = ""};
	assert_int_equal(store_account_list(f->st, count_sessions, &n), FK_OK);
	assert_string_equal(n.text, "v:3 w:0 ");
	assert_int_equal(store_session_trim(f->st, v, 2), FK_OK);
	struct store_session s;
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->st, tok_hash, &s), FK_OK);
	assert_int_equal(store_session_lookup(f->st, tok2_hash, &s), FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, w, csrf, 100), FK_OK);
	assert_int_equal(store_session_trim(f->st, v, 0), FK_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM session"), 1);
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_OK);
	assert_int_equal(s.account.id, w);
}

/* ---------------------------------------------------------------- tokens */

/* A token is stored as its hash only, found by it, notes its use, and is audited without
 * the hash. */
static void test_token_create_lookup(void **state)
{
	struct fx *f = *state;
	add_person(f->st, "p7");
	int64_t aid, tid = 0;
	assert_int_equal(store_account_add(f->st, "t", "anne", fake_hash, "member", "p7", &aid),
	                 FK_OK);
	assert_int_equal(
	    store_token_create(f->st, "cli:sekretariat", "anne", tok_hash, "ESDH", far, &tid),
	    FK_OK);
	assert_true(tid > 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token WHERE last_used IS NULL"),
	                 1);
	struct store_account a;
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_OK);
	assert_int_equal(a.id, aid);
	assert_string_equal(a.login, "anne");
	assert_string_equal(a.role, "member");
	assert_string_equal(a.person, "p7");
	assert_string_equal(a.pwhash, "");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token"
	                                  " WHERE last_used = '2026-11-27T10:00:00Z'"),
	                 1);
	assert_int_equal(store_token_lookup(f->st, sid_hash, &a), FK_ENOTFOUND);

	struct collect c = audit_of(f->st, "token");
	assert_int_equal(c.n, 1);
	assert_string_equal(
	    c.text,
	    "create 1 {\"expires\":\"2027-11-27\",\"label\":\"ESDH\",\"login\":\"anne\"}\n");
	assert_null(strstr(c.text, tok_hash));
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* A token for a login that does not exist is refused; one hash cannot be stored twice. */
static void test_token_unknown_login_and_duplicate(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_token_create(f->st, "t", "nobody", tok_hash, NULL, far, NULL),
	                 FK_ENOTFOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token"), 0);
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, far, NULL), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, far, NULL),
	                 FK_ECONFLICT);
	struct collect c = audit_of(f->st, "token");
	assert_int_equal(c.n, 1);
	assert_string_equal(
	    c.text, "create 1 {\"expires\":\"2027-11-27\",\"label\":null,\"login\":\"v\"}\n");
}

/* A token works through its last day (UTC) and not a second longer; the list says which
 * have expired. */
static void test_token_expiry_boundary(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, "2026-11-27", NULL),
	                 FK_OK);
	struct store_account a;
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_OK);
	setenv("FKIGOV_NOW", "2026-11-27T23:59:59Z", 1);
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_OK);
	assert_string_equal(a.login, "v");
	setenv("FKIGOV_NOW", "2026-11-28T00:00:00Z", 1);
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_ENOTFOUND);
	/* Refused, so its use is not noted either. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token"
	                                  " WHERE last_used = '2026-11-27T23:59:59Z'"),
	                 1);
	setenv("FKIGOV_NOW", "2026-11-27T10:00:00Z", 1);
}

struct tokens {
	char text[1024];
	int n;
};

static int token_line(const struct store_token *t, void *arg)
{
	struct tokens *l = arg;
	size_t len = strlen(l->text);
	snprintf(l->text + len, sizeof l->text - len, "%lld %s %s %s %s %s %s\n", (long long)t->id,
	         t->login, t->label[0] ? t->label : "-", t->expires,
	         t->last_used[0] ? t->last_used : "-", t->revoked[0] ? t->revoked : "-",
	         t->expired ? "udløbet" : "i-kraft");
	l->n++;
	return 0;
}

static struct tokens tokens_of(struct store *st, const char *login)
{
	struct tokens l = {.n = 0};
	l.text[0] = '\0';
	assert_int_equal(store_token_list(st, login, token_line, &l), FK_OK);
	return l;
}

/* The expiry of a token that lives n days is n days after today (UTC), across a leap day;
 * the list flags expired tokens by the same clock. */
static void test_token_expiry_dates(void **state)
{
	struct fx *f = *state;
	char d[11];
	store_token_expiry(f->st, 0, d);
	assert_string_equal(d, "2026-11-27");
	store_token_expiry(f->st, 365, d);
	assert_string_equal(d, "2027-11-27");
	setenv("FKIGOV_NOW", "2028-02-28T23:00:00Z", 1);
	store_token_expiry(f->st, 1, d);
	assert_string_equal(d, "2028-02-29");
	setenv("FKIGOV_NOW", "2026-11-27T10:00:00Z", 1);

	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(
	    store_token_create(f->st, "t", "v", tok_hash, "gammel", "2026-11-26", NULL), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok2_hash, NULL, "2026-11-27", NULL),
	                 FK_OK);
	struct tokens l = tokens_of(f->st, "v");
	assert_string_equal(l.text, "1 v gammel 2026-11-26 - - udløbet\n"
	                            "2 v - 2026-11-27 - - i-kraft\n");
	struct store_account a;
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_ENOTFOUND);
	assert_int_equal(store_token_lookup(f->st, tok2_hash, &a), FK_OK);
}

/* A bad last day or too long a label is refused before anything is stored. */
static void test_token_create_bad_input(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	const char *bad[] = {"", "2026-13-01", "2026-02-30", "27-11-2026", "2026-11-27x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, bad[i], NULL),
		                 FK_EINPUT);
	char label[STORE_LABEL_MAX + 2];
	memset(label, 'x', sizeof label - 1);
	label[sizeof label - 1] = '\0';
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, label, far, NULL),
	                 FK_EINPUT);
	label[STORE_LABEL_MAX] = '\0';
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, label, far, NULL), FK_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token"), 1);
	struct tokens l = tokens_of(f->st, NULL);
	assert_int_equal(l.n, 1);
}

/* A revoked token is refused at once and kept in the list; revoking it again changes and
 * audits nothing; an unknown id is not found. */
static void test_token_revoke(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(store_account_add(f->st, "t", "anne", fake_hash, "admin", NULL, NULL),
	                 FK_OK);
	int64_t id;
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, "ESDH", far, &id), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "anne", tok2_hash, NULL, far, NULL), FK_OK);
	struct store_token t;
	assert_int_equal(store_token_revoke(f->st, "sekretariat", id, &t), FK_OK);
	assert_string_equal(t.login, "v");
	assert_string_equal(t.revoked, "2026-11-27T10:00:00Z");
	struct store_account a;
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_ENOTFOUND);
	assert_int_equal(store_token_lookup(f->st, tok2_hash, &a), FK_OK);
	int64_t rows = raw_int(f->path, "SELECT count(*) FROM audit");
	assert_int_equal(store_token_revoke(f->st, "sekretariat", id, &t), FK_ECONFLICT);
	assert_string_equal(t.revoked, "2026-11-27T10:00:00Z");
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), rows);
	assert_int_equal(store_token_revoke(f->st, "sekretariat", id + 10, NULL), FK_ENOTFOUND);

	/* The list: by login, then id; a login filter; revoked ones stay. */
	struct tokens l = tokens_of(f->st, NULL);
	assert_string_equal(l.text, "2 anne - 2027-11-27 2026-11-27T10:00:00Z - i-kraft\n"
	                            "1 v ESDH 2027-11-27 - 2026-11-27T10:00:00Z i-kraft\n");
	l = tokens_of(f->st, "v");
	assert_int_equal(l.n, 1);
	l = tokens_of(f->st, "nobody");
	assert_int_equal(l.n, 0);

	struct collect c = audit_of(f->st, "token");
	assert_non_null(strstr(c.text, "update 1 {\"login\":\"v\",\"reason\":\"revoked\","
	                               "\"revoked\":\"2026-11-27T10:00:00Z\"}\n"));
	assert_null(strstr(c.text, tok_hash));
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* Two sessions and two tokens of v, one token of w: v's ids. */
static int64_t two_of_each(struct fx *f)
{
	int64_t v, w;
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, &v), FK_OK);
	assert_int_equal(store_account_add(f->st, "t", "w", fake_hash, "viewer", NULL, &w), FK_OK);
	assert_int_equal(store_session_create(f->st, sid_hash, v, csrf, 1000), FK_OK);
	assert_int_equal(store_session_create(f->st, tok_hash, v, "x", 1000), FK_OK);
	assert_int_equal(store_session_create(f->st, tok2_hash, w, "y", 1000), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, far, NULL), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok2_hash, NULL, "2026-01-01", NULL),
	                 FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "w", sid_hash, NULL, far, NULL), FK_OK);
	return v;
}

/* A new password ends the account's sessions and revokes its tokens (an expired one too),
 * and no other account's; audited with the counts, without the hash. */
static void test_password_ends_sessions_and_tokens(void **state)
{
	struct fx *f = *state;
	two_of_each(f);
	int64_t ns = -1, nt = -1;
	assert_int_equal(store_account_set_password(f->st, "sekretariat", "v", fake_hash, &ns, &nt),
	                 FK_OK);
	assert_int_equal(ns, 2);
	assert_int_equal(nt, 2);
	struct store_session s;
	struct store_account a;
	assert_int_equal(store_session_lookup(f->st, sid_hash, &s), FK_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->st, tok2_hash, &s), FK_OK);
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_ENOTFOUND);
	assert_int_equal(store_token_lookup(f->st, sid_hash, &a), FK_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token WHERE revoked IS NULL"),
	                 1);
	struct collect c = audit_of(f->st, "account");
	assert_non_null(strstr(c.text, "update v {\"login\":\"v\",\"password_changed\":true,"
	                               "\"sessions_ended\":2,\"tokens_revoked\":2}\n"));
	assert_null(strstr(c.text, "argon2"));
	c = audit_of(f->st, "token");
	assert_non_null(strstr(c.text, "update 1 {\"login\":\"v\",\"reason\":\"password\""));
	assert_non_null(strstr(c.text, "update 2 {\"login\":\"v\",\"reason\":\"password\""));
	assert_null(strstr(c.text, "update 3"));
	/* Again: nothing left to end. */
	assert_int_equal(store_account_set_password(f->st, "s", "v", fake_hash, &ns, &nt), FK_OK);
	assert_int_equal(ns, 0);
	assert_int_equal(nt, 0);
	assert_int_equal(store_account_set_password(f->st, "s", "nobody", fake_hash, &ns, &nt),
	                 FK_ENOTFOUND);
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* Disabling ends sessions and tokens at once; disabling again is a conflict that changes
 * nothing; enabling lets the account log in again but brings no token back. */
static void test_disable_enable(void **state)
{
	struct fx *f = *state;
	two_of_each(f);
	int64_t ns = -1, nt = -1;
	assert_int_equal(store_account_set_disabled(f->st, "sekretariat", "v", true, &ns, &nt),
	                 FK_OK);
	assert_int_equal(ns, 2);
	assert_int_equal(nt, 2);
	struct store_account a;
	assert_int_equal(store_account_by_login(f->st, "v", &a), FK_OK);
	assert_true(a.disabled);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM session"), 1);
	int64_t rows = raw_int(f->path, "SELECT count(*) FROM audit");
	assert_int_equal(store_account_set_disabled(f->st, "s", "v", true, &ns, &nt), FK_ECONFLICT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), rows);
	assert_int_equal(store_account_set_disabled(f->st, "s", "nobody", true, NULL, NULL),
	                 FK_ENOTFOUND);

	assert_int_equal(store_account_set_disabled(f->st, "sekretariat", "v", false, &ns, &nt),
	                 FK_OK);
	assert_int_equal(nt, 0);
	assert_int_equal(store_account_by_login(f->st, "v", &a), FK_OK);
	assert_false(a.disabled);
	assert_int_equal(store_token_lookup(f->st, tok_hash, &a), FK_ENOTFOUND);
	assert_int_equal(store_account_set_disabled(f->st, "s", "v", false, NULL, NULL),
	                 FK_ECONFLICT);

	struct collect c = audit_of(f->st, "account");
	assert_non_null(strstr(c.text, "update v {\"disabled\":true,\"login\":\"v\","
	                               "\"sessions_ended\":2,\"tokens_revoked\":2}\n"));
	assert_non_null(strstr(c.text, "update v {\"disabled\":false,\"login\":\"v\","
	                               "\"sessions_ended\":0,\"tokens_revoked\":0}\n"));
	c = audit_of(f->st, "token");
	assert_non_null(strstr(c.text, "\"reason\":\"disabled\""));
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* ---------------------------------------------------------------- migration */

/* A database of schema version 1 (before accounts) gets the account tables on open, keeps
 * its data, and takes accounts afterwards. */
static void test_migration_from_version_1(void **state)
{
	struct fx *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/v1.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA user_version = 1;"
	                              "INSERT INTO model VALUES (1, '{}', 'x', '2026-01-01');"
	                              "INSERT INTO person (key, name) VALUES ('p7', 'Anne');",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	struct store *st;
	assert_int_equal(store_open(path, &st, &f->d), FK_OK);
	assert_true(raw_int(path, "PRAGMA user_version") >= 2);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_schema WHERE name IN"
	                               " ('account', 'session', 'api_token')"),
	                 3);
	assert_int_equal(store_account_add(st, "t", "anne", fake_hash, "member", "p7", NULL),
	                 FK_OK);
	struct store_account a;
	assert_int_equal(store_account_by_login(st, "anne", &a), FK_OK);
	assert_string_equal(a.person, "p7");
	store_close(st);
	const char *sfx[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char p[160];
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
}

/* A database of schema version 8 gets expiring, revocable tokens on open: a token from
 * before gets a year from its creation, but at least 30 days from the upgrade. */
static void test_migration_9_token_expiry(void **state)
{
	struct fx *f = *state;
	assert_true(store_nmigrations >= 9);
	char path[128];
	snprintf(path, sizeof path, "%s/v8.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int i = 0; i < 8; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL),
		                 SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "PRAGMA user_version = 8;"
	                              "INSERT INTO model VALUES (1, '{}', 'x', '2020-01-01');"
	                              "INSERT INTO account (login, pwhash, role, created)"
	                              " VALUES ('v', 'x', 'viewer', '2020-01-01T00:00:00Z');"
	                              "INSERT INTO api_token (account, hash, created) VALUES"
	                              " (1, 'old', '2020-01-01T00:00:00Z'),"
	                              " (1, 'new', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	struct store *st;
	assert_int_equal(store_open(path, &st, &f->d), FK_OK);
	store_close(st);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_nmigrations);
	assert_int_equal(raw_int(path,
	                         "SELECT count(*) FROM api_token WHERE hash = 'old'"
	                         " AND expires = date('now', '+30 days') AND revoked IS NULL"),
	                 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM api_token WHERE hash = 'new'"
	                               " AND expires = date(created, '+365 days')"),
	                 1);
	fx_remove_db(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_account_add_lookup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_account_real_hash_verifies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_account_member_person, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_account_duplicate_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_account_audit_has_no_hash, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_account_list, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_create_lookup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_touch, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_expire_delete, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_create_lookup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_unknown_login_and_duplicate, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_migration_from_version_1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_9_token_expiry, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_trim, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_expiry_boundary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_expiry_dates, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_create_bad_input, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_token_revoke, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_password_ends_sessions_and_tokens, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_disable_enable, setup, teardown),
	};
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
