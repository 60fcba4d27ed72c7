/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_AUTH_H
#define FK_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "web/web.h"

/* Who is asking: bearer tokens (API), session cookies (browser), or a trusted header from
 * a single-sign-on proxy. Passwords are argon2id (libsodium crypto_pwhash_str); session
 * ids and tokens are 256-bit random values of which only the SHA-256 is stored. */

/* argon2id parameters of new password hashes: OWASP's recommendation (19 MiB, 2 passes),
 * so a login costs ~20 MB for a moment and the server stays small; verification reads the
 * parameters from each stored hash, so older hashes keep working. */
#define AUTH_PWHASH_OPSLIMIT 2ULL
#define AUTH_PWHASH_MEMLIMIT ((size_t)19 << 20)

#define AUTH_COOKIE "fkigov_session"
#define AUTH_CSRF_COOKIE "fkigov_csrf"

#define AUTH_PAIR_FREE 5        /* failures of a login from one address before it waits */
#define AUTH_ADDR_FREE 20       /* failures from one address, any logins, before it waits */
#define AUTH_WAIT_MAX (15 * 60) /* the longest wait, seconds */
#define AUTH_FORGET (60 * 60)   /* a counter is forgotten this long after its last failure */
#define AUTH_SSO_SESSIONS 16    /* sessions kept per single-sign-on account */
#define AUTH_SWEEP_SECONDS 60   /* between sweeps of idle sessions */

/* Identifies the user of r from the Authorization header (may be NULL), the session cookie
 * (may be NULL) or, when configured and r->peer_ip is the trusted proxy, the trusted
 * header's value (may be NULL). Sets r->user (anonymous when nothing matches) and r->csrf
 * (the session's token, or for anonymous users the CSRF cookie's value when the server
 * made it — a new one is set on p for the login page when missing or forged). An expired or
 * unknown session is anonymous and its cookie is cleared. A token that is revoked or past
 * its last day, and a disabled account, are anonymous too.
 *
 * The single-sign-on proxy's user gets one session per browser: the one its cookie names,
 * else a new one, made only for pages (not for static files, calendar feeds or the API) and
 * at most AUTH_SSO_SESSIONS per account (the least recently seen are ended).
 *
 * At most once a minute (AUTH_SWEEP_SECONDS) the first request also deletes the sessions
 * idle longer than the timeout and forgets old throttling counters, on its own connection:
 * no thread of its own and nothing to start; with no requests nothing needs sweeping, as a
 * lookup checks the idle time anyway. */
void auth_identify(struct web_req *r, struct web_resp *p, const char *authorization,
                   const char *session_cookie, const char *csrf_cookie, const char *trusted);

/* Constant-time comparison of a submitted CSRF token with r->csrf. False when r->csrf is
 * empty. */
bool auth_csrf_ok(const struct web_req *r, const char *submitted);

/* Checks login and password, with throttling. On success creates a session, sets its cookie
 * on p and fills r->user; returns 0. On failure returns -1 with a Danish message in msg
 * (which says when to try again, and a Retry-After header on p, when it must wait).
 *
 * Throttling never locks an account from the network: failures are counted per login and
 * client address together, and per client address. After AUTH_PAIR_FREE failures of a
 * login from one address, that pair waits 1 s, then 2 s, 4 s, ... at most
 * AUTH_WAIT_MAX after each further failure; after AUTH_ADDR_FREE failures from one
 * address (for any logins) that address waits likewise. Attempts while waiting are refused
 * without checking the password and are not counted. The right password from another
 * address works at once; a successful login clears its pair's counter (not the address's).
 * A counter is forgotten AUTH_FORGET seconds after its last failure. */
int auth_login(struct web_req *r, struct web_resp *p, const char *login, const char *password,
               char *msg, size_t msglen);

/* Ends r's session and clears the cookie. */
void auth_logout(struct web_req *r, struct web_resp *p);

/* One throttling counter, as the secretariat sees it. */
struct auth_throttle {
	bool pair;                       /* login and address; false: the address alone */
	char login[STORE_LOGIN_MAX + 1]; /* "" for an address */
	char address[64];
	unsigned fails; /* failures counted */
	time_t last;    /* the last failure */
	time_t until;   /* may try again from then (<= now: may now) */
};
/* The counters in use, the most recent failure first: *out gets a new array (the caller
 * frees it; NULL when there are none); returns how many. */
size_t auth_throttle_list(struct auth_throttle **out, time_t now);
/* Forgets one counter: the pair login/address (pair true) or the address's own. True when
 * there was one. */
bool auth_throttle_clear(bool pair, const char *login, const char *address);
/* A public form's submissions (form: a key no login can be, "#ansøgning") from addr: the
 * first AUTH_FORM_FREE in a row cost nothing, then the wait doubles from a second. 0 when
 * this one may be taken (it is counted), else the seconds to wait. */
#define AUTH_FORM_FREE 5
time_t auth_form_limit(const char *form, const char *addr, time_t now);
/* A wait of seconds in Danish words: "1 sekund", "40 sekunder", "3 minutter". */
void auth_wait_text(time_t seconds, char *out, size_t n);

/* ---------------------------------------------------------------- passwords, links, tokens
 * Shared by the command line (fkigov user, fkigov token) and the pages (/accounts,
 * /password/{secret}), so a password, a one-time link or a token is made one way. */

#define AUTH_PASSWORD_MIN 12   /* characters (code points) of a new password */
#define AUTH_PASSWORD_MAX 1024 /* bytes of a new password */
#define AUTH_TOKEN_LEN 68      /* "fkg_" and 64 hex digits */
#define AUTH_LINK_PATH "/password/"

/* Whether s is a valid login: 1-STORE_LOGIN_MAX bytes of letters a-z and A-Z, digits and
 * . _ - @ (so an e-mail address from a single-sign-on proxy works as well). */
bool auth_login_valid(const char *s);
/* The argon2id hash (AUTH_PWHASH_*) of password into out (STORE_PWHASH_MAX bytes): 0, or -1
 * when there was not memory enough. */
int auth_password_hash(const char *password, char *out);
/* Whether password is acceptable as a new password: at least AUTH_PASSWORD_MIN characters
 * and at most AUTH_PASSWORD_MAX bytes. */
bool auth_password_ok(const char *password);

/* A one-time link just made: the secret (shown once, never stored), its path
 * (AUTH_LINK_PATH and the secret) and the stored row. */
struct auth_link {
	char secret[65];
	char path[sizeof AUTH_LINK_PATH + 64];
	struct store_link link;
};
/* Makes a one-time link for login (purpose "new" or "reset", STORE_LINK_HOURS long),
 * cancelling the account's older ones; audited by the store with actor. Returns
 * store_link_create's answer. This is what a mail sender would call and send out->path
 * (after auth_link_address) to the person. */
int auth_link_make(struct store *st, const char *actor, const char *login, const char *purpose,
                   struct auth_link *out);
/* The link of secret (as in the path), used or not: FK_ENOTFOUND when secret is not one. */
/* auth_link_make, and in the same transaction a message with the whole link to the e-mail
 * address of the person the account belongs to (link_mail.c): to[nto] gets the address, or
 * "" when nothing was sent (no person, no usable address, or no public address for the link:
 * $FKIGOV_PUBLIC_URL or a listening address cfg names). The secret is never logged or
 * audited; it stays in the outbox's copy of the message. */
int auth_link_send(struct store *st, const struct web_config *cfg, const char *actor,
                   const char *login, const char *purpose, struct auth_link *out, char *to,
                   size_t nto);
int auth_link_find(struct store *st, const char *secret, struct store_link *out);
/* Uses the link of secret to set password (checked by the caller with auth_password_ok):
 * store_link_use's answer, FK_ENOTFOUND for a secret that is no link, FK_EIO when the
 * password could not be hashed. */
int auth_link_use(struct store *st, const char *secret, const char *password,
                  struct store_link *out, int64_t *sessions, int64_t *tokens);
/* The address to give the person for path: $FKIGOV_PUBLIC_URL and path; else, with cfg
 * (may be NULL), http(s)://LISTEN and path when the server listens on one address; else the
 * path alone. Returns whether it is a whole address. */
bool auth_link_address(const struct web_config *cfg, const char *path, char *out, size_t n);

/* Makes an API token for login, working through expires (YYYY-MM-DD), with label (may be
 * NULL): token gets it (AUTH_TOKEN_LEN + 1 bytes, shown once, never stored), *id its
 * number. Returns store_token_create's answer. */
int auth_token_make(struct store *st, const char *actor, const char *login, const char *label,
                    const char *expires, char *token, int64_t *id);

/* Process-wide state (keys, throttling, the sweep); auth_init may be called any number of
 * times, auth_shutdown forgets the throttling counters. */
void auth_init(void);
void auth_shutdown(void);
#endif
