/* Who is asking, and may they: bearer tokens, session cookies, a trusted single-sign-on
 * header, CSRF tokens, password login with throttling, logout.
 *
 * Secrets the client holds (session ids, API tokens) are 32 random bytes; the store keeps
 * only their SHA-256 in hex, so a copy of the database opens no session. Each session has
 * its own CSRF token; an anonymous visitor gets a double-submit token in the fkigov_csrf
 * cookie (HttpOnly, SameSite=Strict), which the login form carries back.
 *
 * Throttling is in memory, process-wide: a bounded table of failure counters, one per
 * login and one per client address, behind one mutex. Five failures of a login within 15
 * minutes lock that login for 15 minutes; twenty from one address lock the address (an
 * office behind NAT, or every user behind a proxy, shares one, so its limit is higher). Unknown
 * logins are counted and verified against a dummy argon2id hash like known ones, so neither the
 * answer nor its timing tells whether a login exists. */
#include "web/auth.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "store/store.h"
#include "util/err.h"

#define SECRET_BYTES 32            /* session ids, CSRF tokens */
#define HEX_LEN (2 * SECRET_BYTES) /* 64 */
#define TOKEN_MAX 256              /* longest bearer token looked up */
#define PASSWORD_MAX 4096          /* longest password verified */
#define IDLE_DEFAULT_MIN 30
#define TOUCH_AFTER 60 /* seconds between last_seen writes */

#define THROTTLE_FAILS 5     /* per login */
#define THROTTLE_IP_FAILS 20 /* per address: many people may share one (NAT, proxy) */
#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_LOCK (15 * 60)
#define THROTTLE_SLOTS 4096

/* ---------------------------------------------------------------- process-wide state */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];
_Static_assert(crypto_pwhash_STRBYTES <= STORE_PWHASH_MAX, "store_account.pwhash too small");

/* One failure counter: key is "l:LOGIN" or "i:ADDRESS"; "" marks a free slot. */
struct throttle {
	char key[72];
	unsigned fails;      /* failures since first */
	time_t first;        /* start of the counting window */
	time_t locked_until; /* 0: not locked */
};
static pthread_mutex_t throttle_mu = PTHREAD_MUTEX_INITIALIZER;
static struct throttle throttle[THROTTLE_SLOTS];

/* The dummy hash has the parameters of real ones (fkigov user add), so verifying against it
 * takes as long. */
static void init_once(void)
{
	if (sodium_init() < 0)
		abort();
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

/* The slot of key, or NULL. Call with throttle_mu held. */
static struct throttle *throttle_find(const char *key)
{
	for (size_t i = 0; i < THROTTLE_SLOTS; i++)
		if (throttle[i].key[0] && !strcmp(throttle[i].key, key))
			return &throttle[i];
	return NULL;
}

/* A slot for key: its own, a free one, or the one whose window or lock ends first (the
 * least useful to keep). Call with throttle_mu held. */
static struct throttle *throttle_slot(const char *key, time_t now)
{
	struct throttle *t = throttle_find(key), *victim = NULL;
	if (t)
		return t;
	time_t best = 0;
	for (size_t i = 0; i < THROTTLE_SLOTS; i++) {
		struct throttle *s = &throttle[i];
		time_t ends = s->locked_until > s->first + THROTTLE_WINDOW
		                  ? s->locked_until
		                  : s->first + THROTTLE_WINDOW;
		if (!s->key[0] || ends <= now) {
			victim = s;
			break;
		}
		if (!victim || ends < best) {
			victim = s;
			best = ends;
		}
	}
	memset(victim, 0, sizeof *victim);
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->first = now;
	return victim;
}

/* Seconds until key may try again; 0 when it may now. Call with throttle_mu held. */
static time_t throttle_wait(const char *key, time_t now)
{
	const struct throttle *t = throttle_find(key);
	return t && t->locked_until > now ? t->locked_until - now : 0;
}

/* Seconds until login or address may try again (the longer); 0 when both may. */
static time_t throttle_check(const char *lkey, const char *ikey, time_t now)
{
	pthread_mutex_lock(&throttle_mu);
	time_t a = throttle_wait(lkey, now), b = throttle_wait(ikey, now);
	pthread_mutex_unlock(&throttle_mu);
	return a > b ? a : b;
}

/* Counts a failure of key; returns the lock in seconds when this one (the max-th within the
 * window) locks it, else 0. Call with throttle_mu held. */
static time_t throttle_count(const char *key, unsigned max, time_t now)
{
	struct throttle *t = throttle_slot(key, now);
	if (now - t->first > THROTTLE_WINDOW) {
		t->fails = 0;
		t->first = now;
	}
	if (++t->fails < max)
		return 0;
	t->fails = 0;
	t->first = now;
	t->locked_until = now + THROTTLE_LOCK;
	return THROTTLE_LOCK;
}

static time_t throttle_fail(const char *lkey, const char *ikey, time_t now)
{
	pthread_mutex_lock(&throttle_mu);
	time_t a = throttle_count(lkey, THROTTLE_FAILS, now);
	time_t b = throttle_count(ikey, THROTTLE_IP_FAILS, now);
	pthread_mutex_unlock(&throttle_mu);
	return a > b ? a : b;
}

static void throttle_clear(const char *key)
{
	pthread_mutex_lock(&throttle_mu);
	struct throttle *t = throttle_find(key);
	if (t)
		memset(t, 0, sizeof *t);
	pthread_mutex_unlock(&throttle_mu);
}

static void locked_msg(char *msg, size_t msglen, time_t wait)
{
	long min = (long)((wait + 59) / 60);
	snprintf(msg, msglen,
	         "For mange forkerte forsøg. Prøv igen om %ld %s, eller kontakt sekretariatet.",
	         min, min == 1 ? "minut" : "minutter");
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

/* The user named by the single-sign-on proxy: the account with that login, in a session
 * of its own (reused while the cookie holds one), so forms get a CSRF token. */
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
	(void)session_start(r, p, now);
	return true;
}

static bool trusted_ok(const struct web_req *r)
{
	const struct web_config *c = r->app ? &r->app->cfg : NULL;
	return c && c->trusted_header && *c->trusted_header && c->trusted_proxy &&
	       !strcmp(r->peer_ip, c->trusted_proxy);
}

/* The double-submit token of an anonymous visitor: the cookie's, else a new one (set on
 * p; not for the API or static files, which have no forms). */
static void anon_csrf(struct web_req *r, struct web_resp *p, const char *cookie)
{
	if (cookie && is_hex64(cookie)) {
		memcpy(r->csrf, cookie, HEX_LEN + 1);
		return;
	}
	/* Only the login form is a form an anonymous visitor can send; other public pages stay
	 * free of cookies, so they can be cached. */
	if (r->api || !r->path || strcmp(r->path, "/login") != 0)
		return;
	random_hex(r->csrf);
	set_cookie(r, p, AUTH_CSRF_COOKIE, r->csrf, "Strict", false);
}

void auth_identify(struct web_req *r, struct web_resp *p, const char *authorization,
                   const char *session_cookie, const char *csrf_cookie, const char *trusted)
{
	auth_init();
	anonymous(r);
	time_t now = time(NULL);
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
	char lkey[72], ikey[72];
	snprintf(lkey, sizeof lkey, "l:%.*s", STORE_LOGIN_MAX, login);
	snprintf(ikey, sizeof ikey, "i:%s", r->client_ip);
	time_t wait = throttle_check(lkey, ikey, now);
	if (wait > 0) {
		locked_msg(msg, msglen, wait);
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
	bool found = rc == FK_OK;
	size_t pwlen = strlen(password);
	/* Always one argon2id verification, known login or not. */
	bool ok = crypto_pwhash_str_verify(found ? a.pwhash : dummy_hash, password,
	                                   pwlen <= PASSWORD_MAX ? pwlen : 0) == 0 &&
	          found && pwlen <= PASSWORD_MAX && !a.disabled;
	if (found)
		sodium_memzero(a.pwhash, sizeof a.pwhash);
	if (!ok) {
		time_t lock = throttle_fail(lkey, ikey, now);
		if (lock)
			locked_msg(msg, msglen, lock);
		else
			snprintf(msg, msglen,
			         "Brugernavnet eller adgangskoden er forkert. Prøv igen.");
		return -1;
	}
	throttle_clear(lkey);

	/* A new session (and CSRF token) at every login: one from before is ended. */
	if (r->user.id && !r->user.via_token && r->csrf[0])
		(void)store_session_delete_csrf(r->st, r->user.id, r->csrf);
	(void)store_session_expire(r->st, (int64_t)now - idle_seconds(r), NULL);
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
