/* Accounts, sessions and API tokens in the store: accounts are added audited without their
 * hash, logins are unique, sessions are found by the hash of their id and expire by
 * last_seen (written at most once a minute), tokens are found by their hash, and migration
 * 2 brings a version-1 database up to date. */
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

/* The schema's migrations (store_schema.c), to build a version-1 database by hand. */
extern const char *const store_migrations[];

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
	    store_token_create(f->st, "cli:sekretariat", "anne", tok_hash, "ESDH", &tid), FK_OK);
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
	assert_string_equal(c.text, "create 1 {\"label\":\"ESDH\",\"login\":\"anne\"}\n");
	assert_null(strstr(c.text, tok_hash));
	assert_int_equal(store_audit_verify(f->st, NULL, NULL), FK_OK);
}

/* A token for a login that does not exist is refused; one hash cannot be stored twice. */
static void test_token_unknown_login_and_duplicate(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_token_create(f->st, "t", "nobody", tok_hash, NULL, NULL),
	                 FK_ENOTFOUND);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM api_token"), 0);
	assert_int_equal(store_account_add(f->st, "t", "v", fake_hash, "viewer", NULL, NULL),
	                 FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, NULL), FK_OK);
	assert_int_equal(store_token_create(f->st, "t", "v", tok_hash, NULL, NULL), FK_ECONFLICT);
	struct collect c = audit_of(f->st, "token");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.text, "create 1 {\"label\":null,\"login\":\"v\"}\n");
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
	};
	return cmocka_run_group_tests_name("auth", tests, NULL, NULL);
}
