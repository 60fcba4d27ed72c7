/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Who is asking, and may they: bearer tokens, session cookies, a trusted single-sign-on
 * header, CSRF tokens, password login with throttling, logout.
 *
 * Secrets the client holds (session ids, API tokens) are 32 random bytes; the store keeps
 * only their SHA-256 in hex, so a copy of the database opens no session. Each session has
 * its own CSRF token. An anonymous visitor gets a token for the login form in the
 * fkigov_csrf cookie (HttpOnly, SameSite=Strict), which the form carries back: 16 random
 * bytes and the first 16 bytes of their HMAC (crypto_auth) under a key made when the
 * process starts, so a cookie and field that someone else chose are refused (a restart only
 * costs a visitor reloading the login page).
 *
 * Throttling is in memory, process-wide: a bounded table of failure counters, one per
 * login and address together and one per address, behind one mutex (see auth_login in
 * auth.h). Unknown logins are counted and verified against a dummy argon2id hash like known
 * ones, so neither the answer nor its timing tells whether a login exists. */
#include "web/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "store/store.h"
#include "util/err.h"
#include "util/xalloc.h"

#define SECRET_BYTES 32            /* session ids, CSRF tokens */
#define HEX_LEN (2 * SECRET_BYTES) /* 64 */
#define NONCE_BYTES 16             /* of a pre-login CSRF token; the rest is its MAC */
#define TOKEN_MAX 256              /* longest bearer token looked up */
#define PASSWORD_MAX 4096          /* longest password verified */
#define IDLE_DEFAULT_MIN 30
#define TOUCH_AFTER 60 /* seconds between last_seen writes */

#define THROTTLE_SLOTS 4096

/* ---------------------------------------------------------------- process-wide state */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];
static unsigned char csrf_key[crypto_auth_KEYBYTES];
_Static_assert(crypto_pwhash_STRBYTES <= STORE_PWHASH_MAX, "store_account.pwhash too small");
_Static_assert(NONCE_BYTES <= crypto_auth_BYTES && 4 * NONCE_BYTES == HEX_LEN,
               "a pre-login token is a nonce and as many bytes of its MAC, 64 hex digits");

/* One failure counter; kind TH_FREE marks a free slot. */
enum { TH_FREE, TH_PAIR, TH_ADDR };
struct throttle {
	int kind;
	char login[STORE_LOGIN_MAX + 1]; /* TH_PAIR only */
	char addr[64];
	unsigned fails; /* failures counted */
	time_t last;    /* the last failure */
	time_t until;   /* no attempt before this (whole seconds: for the list and the sweep) */
	int64_t until_ms; /* the same to the millisecond: what a wait is decided by, so a wait
	                   * of 1 s is never cut short by the second it began in */
};
static pthread_mutex_t throttle_mu = PTHREAD_MUTEX_INITIALIZER;
static struct throttle throttle[THROTTLE_SLOTS];

/* The last sweep of idle sessions (auth_identify). */
static pthread_mutex_t sweep_mu = PTHREAD_MUTEX_INITIALIZER;
static time_t last_sweep;

/* The dummy hash has the parameters of real ones (fkigov user add), so verifying against it
 * takes as long. */
static void init_once(void)
{
	if (sodium_init() < 0)
		abort();
	crypto_auth_keygen(csrf_key);
	unsigned char pw[16];
	randombytes_buf(pw, sizeof pw);
	if (crypto_pwhash_str_alg(
	        dummy_hash, (const char *)pw, sizeof pw, AUTH_PWHASH_OPSLIMIT,
	        AUTH_PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
		abort(); /* out of memory: decided once */
}

void auth_init(void)
{
	pthread_once(&once, init_once);
}

void auth_shutdown(void)
{
	pthread_mutex_lock(&throttle_mu);
	memset(throttle, 0, sizeof throttle);
	pthread_mutex_unlock(&throttle_mu);
	pthread_mutex_lock(&sweep_mu);
	last_sweep = 0;
	pthread_mutex_unlock(&sweep_mu);
}

/* ---------------------------------------------------------------- helpers */

static void random_hex(char out[HEX_LEN + 1])
{
	unsigned char b[SECRET_BYTES];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, HEX_LEN + 1, b, sizeof b);
	sodium_memzero(b, sizeof b);
}

static void sha256_hex(const char *s, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, n);
	sodium_bin2hex(out, 65, h, sizeof h);
}

/* Whether s is exactly 64 lower-case hex digits (what random_hex makes). */
static bool is_hex64(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (n >= HEX_LEN || !((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == HEX_LEN;
}

static int idle_seconds(const struct web_req *r)
{
	int m =
	    r->app && r->app->cfg.idle_minutes > 0 ? r->app->cfg.idle_minutes : IDLE_DEFAULT_MIN;
	return m * 60;
}

static bool tls(const struct web_req *r)
{
	return r->app && r->app->cfg.tls;
}

static void set_cookie(const struct web_req *r, struct web_resp *p, const char *name,
                       const char *value, const char *samesite, bool clear)
{
	char c[256];
	snprintf(c, sizeof c, "%s=%s; Path=/;%s HttpOnly; SameSite=%s%s", name, value,
	         clear ? " Max-Age=0;" : "", samesite, tls(r) ? "; Secure" : "");
	web_resp_header(p, "Set-Cookie", c);
}

static void anonymous(struct web_req *r)
{
	memset(&r->user, 0, sizeof r->user);
	r->user.role = ROLE_ANON;
	r->csrf[0] = '\0';
}

/* Makes a the user of r. False (r unchanged) for a disabled account or an unknown role. */
static bool set_user(struct web_req *r, const struct store_account *a)
{
	int role = role_parse(a->role);
	if (a->disabled || role < 0 || role == ROLE_ANON)
		return false;
	memset(&r->user, 0, sizeof r->user);
	r->user.id = a->id;
	r->user.role = (enum role)role;
	snprintf(r->user.login, sizeof r->user.login, "%s", a->login);
	snprintf(r->user.person, sizeof r->user.person, "%s", a->person);
	return true;
}

/* Starts a session for r's user (set): stores it, sets the cookie and r->csrf. False when it
 * could not be stored (r->csrf stays empty, so no form is accepted). */
static bool session_start(struct web_req *r, struct web_resp *p, time_t now)
{
	char sid[HEX_LEN + 1], h[65], csrf[HEX_LEN + 1];
	random_hex(sid);
	random_hex(csrf);
	sha256_hex(sid, HEX_LEN, h);
	bool ok = store_session_create(r->st, h, r->user.id, csrf, (int64_t)now) == FK_OK;
	if (ok) {
		set_cookie(r, p, AUTH_COOKIE, sid, "Lax", false);
		memcpy(r->csrf, csrf, sizeof csrf);
	}
	sodium_memzero(sid, sizeof sid);
	return ok;
}

/* ---------------------------------------------------------------- throttling */

/* Whether slot t holds nothing worth keeping at now. */
static bool throttle_stale(const struct throttle *t, time_t now)
{
	return t->kind == TH_FREE || (t->until <= now && now - t->last > AUTH_FORGET);
}

/* Whether slot t is the counter of kind for login (TH_PAIR) and addr. */
static bool throttle_is(const struct throttle *t, int kind, const char *login, const char *addr)
{
	return t->kind == kind && !strcmp(t->addr, addr) &&
	       (kind != TH_PAIR || !strcmp(t->login, login));
}

/* The slot of kind for login (TH_PAIR) and addr, or NULL. Call with throttle_mu held. */
static struct throttle *throttle_find(int kind, const char *login, const char *addr, time_t now)
{
	for (size_t i = 0; i < THROTTLE_SLOTS; i++)
		if (throttle_is(&throttle[i], kind, login, addr))
			return throttle_stale(&throttle[i], now) ? NULL : &throttle[i];
	return NULL;
}

/* How much slot t is worth keeping at now: 0 stale, 1 counting, 2 making someone wait. */
static int throttle_rank(const struct throttle *t, time_t now)
{
	return throttle_stale(t, now) ? 0 : t->until > now ? 2 : 1;
}

/* A slot for kind, login, addr: its own (started again when stale), else the one least
 * worth keeping: a free or stale one, else the counter whose last failure is oldest, else
 * the wait that ends first. Call with throttle_mu held. */
static struct throttle *throttle_slot(int kind, const char *login, const char *addr, time_t now)
{
	struct throttle *victim = NULL;
	int vrank = 3;
	for (size_t i = 0; i < THROTTLE_SLOTS; i++) {
		struct throttle *s = &throttle[i];
		if (throttle_is(s, kind, login, addr)) {
			if (!throttle_stale(s, now))
				return s;
			victim = s;
			break;
		}
		int rank = throttle_rank(s, now);
		if (rank < vrank || (rank == vrank && rank == 1 && s->last < victim->last) ||
		    (rank == vrank && rank == 2 && s->until < victim->until)) {
			victim = s;
			vrank = rank;
		}
	}
	memset(victim, 0, sizeof *victim);
	victim->kind = kind;
	if (kind == TH_PAIR)
		snprintf(victim->login, sizeof victim->login, "%s", login);
	snprintf(victim->addr, sizeof victim->addr, "%s", addr);
	return victim;
}

/* The wait after the fails-th failure when grace failures cost nothing: 1 s after the
 * grace-th, doubling with each further one, at most AUTH_WAIT_MAX. */
static time_t backoff(unsigned fails, unsigned grace)
{
	if (fails < grace)
		return 0;
	unsigned k = fails - grace;
	return k >= 20 || ((time_t)1 << k) > AUTH_WAIT_MAX ? AUTH_WAIT_MAX : (time_t)1 << k;
}

/* The wall clock in milliseconds. */
static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whole seconds (rounded up) left of t's wait at ms; 0 when none. */
static time_t wait_left(const struct throttle *t, int64_t ms)
{
	return t && t->until_ms > ms ? (time_t)((t->until_ms - ms + 999) / 1000) : 0;
}

/* Sets t's wait to w seconds from now (ms the same moment to the millisecond). */
static void wait_set(struct throttle *t, time_t now, int64_t ms, time_t w)
{
	t->until = now + w;
	t->until_ms = ms + (int64_t)w * 1000;
}

/* Seconds until login may try again from addr (the longer of the pair's and the
 * address's wait); 0 when it may now. */
static time_t throttle_check(const char *login, const char *addr, time_t now)
{
	int64_t ms = now_ms();
	pthread_mutex_lock(&throttle_mu);
	const struct throttle *a = throttle_find(TH_PAIR, login, addr, now);
	const struct throttle *b = throttle_find(TH_ADDR, "", addr, now);
	time_t wa = wait_left(a, ms), wb = wait_left(b, ms);
	pthread_mutex_unlock(&throttle_mu);
	return wa > wb ? wa : wb;
}

/* Counts a failure of login from addr; returns the wait it causes (0: none). */
static time_t throttle_fail(const char *login, const char *addr, time_t now)
{
	int64_t ms = now_ms();
	pthread_mutex_lock(&throttle_mu);
	struct throttle *a = throttle_slot(TH_PAIR, login, addr, now);
	a->fails++;
	a->last = now;
	time_t wa = backoff(a->fails, AUTH_PAIR_FREE);
	wait_set(a, now, ms, wa);
	struct throttle *b = throttle_slot(TH_ADDR, "", addr, now);
	b->fails++;
	b->last = now;
	time_t wb = backoff(b->fails, AUTH_ADDR_FREE);
	wait_set(b, now, ms, wb);
	pthread_mutex_unlock(&throttle_mu);
	return wa > wb ? wa : wb;
}

time_t auth_form_limit(const char *form, const char *addr, time_t now)
{
	int64_t ms = now_ms();
	pthread_mutex_lock(&throttle_mu);
	struct throttle *t = throttle_slot(TH_PAIR, form, addr, now);
	time_t wait = wait_left(t, ms);
	if (!wait) {
		t->fails++;
		t->last = now;
		wait_set(t, now, ms, backoff(t->fails, AUTH_FORM_FREE));
	}
	pthread_mutex_unlock(&throttle_mu);
	return wait;
}

bool auth_throttle_clear(bool pair, const char *login, const char *address)
{
	if (!address || (pair && !login))
		return false;
	pthread_mutex_lock(&throttle_mu);
	struct throttle *t =
	    throttle_find(pair ? TH_PAIR : TH_ADDR, pair ? login : "", address, time(NULL));
	if (t)
		memset(t, 0, sizeof *t);
	pthread_mutex_unlock(&throttle_mu);
	return t != NULL;
}

/* Frees the slots nobody needs to remember any more. */
static void throttle_forget(time_t now)
{
	pthread_mutex_lock(&throttle_mu);
	for (size_t i = 0; i < THROTTLE_SLOTS; i++)
		if (throttle[i].kind != TH_FREE && throttle_stale(&throttle[i], now))
			memset(&throttle[i], 0, sizeof throttle[i]);
	pthread_mutex_unlock(&throttle_mu);
}

static int newest_first(const void *a, const void *b)
{
	const struct auth_throttle *x = a, *y = b;
	return x->last < y->last ? 1 : x->last > y->last ? -1 : strcmp(x->address, y->address);
}

size_t auth_throttle_list(struct auth_throttle **out, time_t now)
{
	struct auth_throttle *v = NULL;
	size_t n = 0, cap = 0;
	pthread_mutex_lock(&throttle_mu);
	for (size_t i = 0; i < THROTTLE_SLOTS; i++) {
		const struct throttle *t = &throttle[i];
		if (throttle_stale(t, now))
			continue;
		v = xgrow(v, sizeof *v, n + 1, &cap);
		struct auth_throttle *e = &v[n++];
		memset(e, 0, sizeof *e);
		e->pair = t->kind == TH_PAIR;
		memcpy(e->login, t->login, sizeof e->login);
		memcpy(e->address, t->addr, sizeof e->address);
		e->fails = t->fails;
		e->last = t->last;
		e->until = t->until;
	}
	pthread_mutex_unlock(&throttle_mu);
	if (n > 1)
		qsort(v, n, sizeof *v, newest_first);
	*out = v;
	return n;
}

void auth_wait_text(time_t s, char *out, size_t n)
{
	if (s < 1)
		s = 1;
	if (s < 60) {
		snprintf(out, n, "%ld %s", (long)s, s == 1 ? "sekund" : "sekunder");
		return;
	}
	long min = (long)((s + 59) / 60);
	snprintf(out, n, "%ld %s", min, min == 1 ? "minut" : "minutter");
}

/* Tells the client to wait seconds: the Retry-After header. */
static void retry_after(struct web_resp *p, time_t wait)
{
	char v[24];
	snprintf(v, sizeof v, "%ld", (long)wait);
	web_resp_header(p, "Retry-After", v);
}

/* ---------------------------------------------------------------- identify */

/* The token of an "Authorization: Bearer TOKEN" header, or NULL for another scheme. *len
 * gets its length (0 when the header says Bearer and nothing more). */
static const char *bearer(const char *h, size_t *len)
{
	while (*h == ' ' || *h == '\t')
		h++;
	if (strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t' && h[6] != '\0'))
		return NULL;
	h += 6;
	while (*h == ' ' || *h == '\t')
		h++;
	size_t n = strlen(h);
	while (n && (h[n - 1] == ' ' || h[n - 1] == '\t'))
		n--;
	*len = n;
	return h;
}

static void from_token(struct web_req *r, const char *tok, size_t n)
{
	if (n == 0 || n > TOKEN_MAX)
		return;
	char h[65];
	sha256_hex(tok, n, h);
	struct store_account a;
	if (store_token_lookup(r->st, h, &a) == FK_OK && set_user(r, &a))
		r->user.via_token = true;
}

/* The session of the cookie, when it is r's user's (or any, want == 0) and not idle too
 * long: sets r->csrf, notes the use and returns true. A session that is unknown, expired
 * or of another account is deleted and its cookie cleared. A database failure leaves both
 * (this request is anonymous, the next may do better). */
static bool from_session(struct web_req *r, struct web_resp *p, const char *cookie, int64_t want,
                         time_t now)
{
	if (!is_hex64(cookie)) {
		set_cookie(r, p, AUTH_COOKIE, "", "Lax", true);
		return false;
	}
	char h[65];
	sha256_hex(cookie, HEX_LEN, h);
	struct store_session s;
	int rc = store_session_lookup(r->st, h, &s);
	if (rc != FK_OK) {
		if (rc == FK_ENOTFOUND)
			set_cookie(r, p, AUTH_COOKIE, "", "Lax", true);
		return false;
	}
	bool ok =
	    now - (time_t)s.last_seen <= idle_seconds(r) && (want == 0 || s.account.id == want);
	if (ok && want == 0)
		ok = set_user(r, &s.account);
	if (!ok) {
		(void)store_session_delete(r->st, h);
		set_cookie(r, p, AUTH_COOKIE, "", "Lax", true);
		return false;
	}
	if (now - (time_t)s.last_seen > TOUCH_AFTER)
		(void)store_session_touch(r->st, h, (int64_t)now);
	memcpy(r->csrf, s.csrf, sizeof r->csrf);
	return true;
}

/* The user named by the single-sign-on proxy: the account with that login (not disabled),
 * in the session its cookie names when that is this account's, so forms get a CSRF token.
 * A page without one starts a session (the browser keeps it with the cookie); static files,
 * calendar feeds and the API have no forms and get none, and an account keeps at most
 * AUTH_SSO_SESSIONS, so a client that never keeps cookies cannot fill the table. */
static bool from_trusted(struct web_req *r, struct web_resp *p, const char *login,
                         const char *cookie, time_t now)
{
	struct store_account a;
	if (strlen(login) > STORE_LOGIN_MAX || store_account_by_login(r->st, login, &a) != FK_OK)
		return false;
	sodium_memzero(a.pwhash, sizeof a.pwhash);
	if (!set_user(r, &a))
		return false;
	if (cookie && *cookie && from_session(r, p, cookie, a.id, now))
		return true;
	if (r->api || !r->path || !strncmp(r->path, "/static/", 8) ||
	    !strncmp(r->path, "/calendar/", 10))
		return true;
	if (session_start(r, p, now))
		(void)store_session_trim(r->st, a.id, AUTH_SSO_SESSIONS);
	return true;
}

static bool trusted_ok(const struct web_req *r)
{
	const struct web_config *c = r->app ? &r->app->cfg : NULL;
	return c && c->trusted_header && *c->trusted_header && c->trusted_proxy &&
	       !strcmp(r->peer_ip, c->trusted_proxy);
}

/* A new pre-login CSRF token: NONCE_BYTES random bytes and as many of their MAC, in hex. */
static void anon_token(char out[HEX_LEN + 1])
{
	unsigned char b[2 * NONCE_BYTES], mac[crypto_auth_BYTES];
	randombytes_buf(b, NONCE_BYTES);
	crypto_auth(mac, b, NONCE_BYTES, csrf_key);
	memcpy(b + NONCE_BYTES, mac, NONCE_BYTES);
	sodium_bin2hex(out, HEX_LEN + 1, b, sizeof b);
}

/* Whether s is a pre-login token this process made (its MAC verifies). */
static bool anon_token_ok(const char *s)
{
	unsigned char b[2 * NONCE_BYTES], mac[crypto_auth_BYTES];
	size_t n = 0;
	if (!is_hex64(s) || sodium_hex2bin(b, sizeof b, s, HEX_LEN, NULL, &n, NULL) != 0 ||
	    n != sizeof b)
		return false;
	crypto_auth(mac, b, NONCE_BYTES, csrf_key);
	return sodium_memcmp(mac, b + NONCE_BYTES, NONCE_BYTES) == 0;
}

/* The double-submit token of an anonymous visitor: the cookie's when this process made it,
 * else a new one (set on p; only for the login page). */
static void anon_csrf(struct web_req *r, struct web_resp *p, const char *cookie)
{
	if (cookie && anon_token_ok(cookie)) {
		memcpy(r->csrf, cookie, HEX_LEN + 1);
		return;
	}
	/* Only the login form, the form of a one-time password link and the application form of
	 * a recruitment call (/calls/{id}) are forms an anonymous visitor can send; other public
	 * pages stay free of cookies, so they can be cached. */
	if (r->api || !r->path ||
	    (strcmp(r->path, "/login") != 0 &&
	     strncmp(r->path, AUTH_LINK_PATH, sizeof AUTH_LINK_PATH - 1) != 0 &&
	     strncmp(r->path, "/calls/", 7) != 0))
		return;
	anon_token(r->csrf);
	set_cookie(r, p, AUTH_CSRF_COOKIE, r->csrf, "Strict", false);
}

/* At most once every AUTH_SWEEP_SECONDS (process-wide): deletes the sessions idle longer
 * than the timeout, on r's connection, and forgets old throttling counters. */
static void sweep(struct web_req *r, time_t now)
{
	if (!r->st)
		return;
	pthread_mutex_lock(&sweep_mu);
	bool due = now - last_sweep >= AUTH_SWEEP_SECONDS;
	if (due)
		last_sweep = now;
	pthread_mutex_unlock(&sweep_mu);
	if (!due)
		return;
	(void)store_session_expire(r->st, (int64_t)now - idle_seconds(r), NULL);
	throttle_forget(now);
}

void auth_identify(struct web_req *r, struct web_resp *p, const char *authorization,
                   const char *session_cookie, const char *csrf_cookie, const char *trusted)
{
	auth_init();
	anonymous(r);
	time_t now = time(NULL);
	sweep(r, now);
	size_t n;
	const char *tok = authorization ? bearer(authorization, &n) : NULL;
	if (tok) {
		/* An API client: the token decides; a bad one is anonymous (401), whatever
		 * cookies came along. */
		from_token(r, tok, n);
		return;
	}
	if (trusted && *trusted && trusted_ok(r)) {
		if (from_trusted(r, p, trusted, session_cookie, now))
			return;
		anonymous(r);
	} else if (session_cookie && *session_cookie) {
		if (from_session(r, p, session_cookie, 0, now))
			return;
		anonymous(r);
	}
	anon_csrf(r, p, csrf_cookie);
}

bool auth_csrf_ok(const struct web_req *r, const char *submitted)
{
	size_t n = strnlen(r->csrf, sizeof r->csrf);
	if (n == 0 || n >= sizeof r->csrf || !submitted || strlen(submitted) != n)
		return false;
	return sodium_memcmp(r->csrf, submitted, n) == 0;
}

/* ---------------------------------------------------------------- login, logout */

int auth_login(struct web_req *r, struct web_resp *p, const char *login, const char *password,
               char *msg, size_t msglen)
{
	auth_init();
	if (!login)
		login = "";
	if (!password)
		password = "";
	time_t now = time(NULL);
	/* The counters' keys: the login as far as a login can be long, and the address. */
	char key[STORE_LOGIN_MAX + 1];
	snprintf(key, sizeof key, "%s", login);
	const char *addr = r->client_ip;
	char when[40];
	time_t wait = throttle_check(key, addr, now);
	if (wait > 0) {
		/* Refused without looking at the password, and not counted. */
		auth_wait_text(wait, when, sizeof when);
		snprintf(msg, msglen,
		         "For mange forkerte forsøg. Vent %s, og prøv igen. Har du glemt din "
		         "adgangskode, så kontakt sekretariatet.",
		         when);
		retry_after(p, wait);
		return -1;
	}

	struct store_account a;
	int rc = strlen(login) <= STORE_LOGIN_MAX && *login
	             ? store_account_by_login(r->st, login, &a)
	             : FK_ENOTFOUND;
	if (rc != FK_OK && rc != FK_ENOTFOUND) {
		snprintf(msg, msglen,
		         "Du kan ikke logge ind lige nu, fordi databasen ikke svarer. "
		         "Prøv igen om lidt.");
		return -1;
	}
	/* An account made in the browser has no password until its link is used: verified
	 * against the dummy like an unknown login, so it cannot be told apart either. */
	bool found = rc == FK_OK && a.pwhash[0] == '$';
	size_t pwlen = strlen(password);
	/* Always one argon2id verification, known login or not. */
	bool ok = crypto_pwhash_str_verify(found ? a.pwhash : dummy_hash, password,
	                                   pwlen <= PASSWORD_MAX ? pwlen : 0) == 0 &&
	          found && pwlen <= PASSWORD_MAX;
	if (rc == FK_OK)
		sodium_memzero(a.pwhash, sizeof a.pwhash);
	if (!ok) {
		wait = throttle_fail(key, addr, now);
		if (wait) {
			auth_wait_text(wait, when, sizeof when);
			snprintf(msg, msglen,
			         "Brugernavnet eller adgangskoden er forkert. Der har været flere "
			         "forkerte forsøg, så vent %s, før du prøver igen.",
			         when);
			retry_after(p, wait);
		} else {
			snprintf(msg, msglen,
			         "Brugernavnet eller adgangskoden er forkert. Prøv igen.");
		}
		return -1;
	}
	/* The right password: this login from this address starts counting again. */
	(void)auth_throttle_clear(true, key, addr);
	if (a.disabled) {
		snprintf(msg, msglen,
		         "Kontoen er spærret. Kontakt sekretariatet, hvis du skal bruge den igen.");
		return -1;
	}

	/* A new session (and CSRF token) at every login: one from before is ended. Sessions
	 * idle too long are deleted by the sweep (auth_identify). */
	if (r->user.id && !r->user.via_token && r->csrf[0])
		(void)store_session_delete_csrf(r->st, r->user.id, r->csrf);
	struct web_user prev = r->user;
	if (!set_user(r, &a) || !session_start(r, p, now)) {
		r->user = prev;
		snprintf(msg, msglen,
		         "Du kan ikke logge ind lige nu, fordi sessionen ikke kunne "
		         "gemmes. Prøv igen om lidt.");
		return -1;
	}
	return 0;
}

void auth_logout(struct web_req *r, struct web_resp *p)
{
	if (r->user.id && !r->user.via_token && r->csrf[0])
		(void)store_session_delete_csrf(r->st, r->user.id, r->csrf);
	set_cookie(r, p, AUTH_COOKIE, "", "Lax", true);
	anonymous(r);
}

/* ---------------------------------------------------------------- passwords, links, tokens */

bool auth_login_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > STORE_LOGIN_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-' || *s == '@'))
			return false;
	return true;
}

int auth_password_hash(const char *password, char *out)
{
	auth_init();
	return crypto_pwhash_str_alg(out, password, strlen(password), AUTH_PWHASH_OPSLIMIT,
	                             AUTH_PWHASH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) == 0
	           ? 0
	           : -1;
}

bool auth_password_ok(const char *password)
{
	size_t n = 0;
	for (const char *s = password; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n >= AUTH_PASSWORD_MIN && strlen(password) <= AUTH_PASSWORD_MAX;
}

int auth_link_make(struct store *st, const char *actor, const char *login, const char *purpose,
                   struct auth_link *out)
{
	auth_init();
	memset(out, 0, sizeof *out);
	char h[65];
	random_hex(out->secret);
	sha256_hex(out->secret, HEX_LEN, h);
	snprintf(out->path, sizeof out->path, "%s%s", AUTH_LINK_PATH, out->secret);
	int rc = store_link_create(st, actor, login, h, purpose, STORE_LINK_HOURS, &out->link);
	if (rc != FK_OK) {
		sodium_memzero(out->secret, sizeof out->secret);
		sodium_memzero(out->path, sizeof out->path);
	}
	return rc;
}

int auth_link_find(struct store *st, const char *secret, struct store_link *out)
{
	memset(out, 0, sizeof *out);
	if (!secret || !is_hex64(secret))
		return FK_ENOTFOUND;
	char h[65];
	sha256_hex(secret, HEX_LEN, h);
	return store_link_get(st, h, out);
}

int auth_link_use(struct store *st, const char *secret, const char *password,
                  struct store_link *out, int64_t *sessions, int64_t *tokens)
{
	memset(out, 0, sizeof *out);
	if (!secret || !is_hex64(secret))
		return FK_ENOTFOUND;
	char h[65], pw[STORE_PWHASH_MAX];
	sha256_hex(secret, HEX_LEN, h);
	if (auth_password_hash(password, pw) != 0)
		return FK_EIO;
	int rc = store_link_use(st, h, pw, out, sessions, tokens);
	sodium_memzero(pw, sizeof pw);
	return rc;
}

bool auth_link_address(const struct web_config *cfg, const char *path, char *out, size_t n)
{
	const char *base = getenv("FKIGOV_PUBLIC_URL");
	if (base && *base) {
		size_t len = strlen(base);
		while (len && base[len - 1] == '/')
			len--;
		snprintf(out, n, "%.*s%s", (int)len, base, path);
		return true;
	}
	/* The listening address when it is one address (not 0.0.0.0 or [::]). */
	const char *l = cfg ? cfg->listen : NULL;
	if (l && *l && strncmp(l, "0.0.0.0:", 8) && strncmp(l, "[::]:", 5) && l[0] != ':') {
		snprintf(out, n, "%s://%s%s", cfg->tls ? "https" : "http", l, path);
		return true;
	}
	snprintf(out, n, "%s", path);
	return false;
}

int auth_token_make(struct store *st, const char *actor, const char *login, const char *label,
                    const char *expires, char *token, int64_t *id)
{
	auth_init();
	/* fkg_ and 64 hex digits: 256 random bits, and a prefix that secret scanners and
	 * people recognise. */
	unsigned char raw[32], h[crypto_hash_sha256_BYTES];
	char hash[65];
	randombytes_buf(raw, sizeof raw);
	memcpy(token, "fkg_", 4);
	sodium_bin2hex(token + 4, AUTH_TOKEN_LEN + 1 - 4, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	crypto_hash_sha256(h, (const unsigned char *)token, AUTH_TOKEN_LEN);
	sodium_bin2hex(hash, sizeof hash, h, sizeof h);
	int rc = store_token_create(st, actor, login, hash, label, expires, id);
	if (rc != FK_OK)
		sodium_memzero(token, AUTH_TOKEN_LEN + 1);
	return rc;
}
