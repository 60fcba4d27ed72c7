#ifndef FK_AUTH_H
#define FK_AUTH_H
#include <stdbool.h>
#include <stddef.h>

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

/* Identifies the user of r from the Authorization header (may be NULL), the session cookie
 * (may be NULL) or, when configured and r->client_ip is the trusted proxy, the trusted
 * header's value (may be NULL). Sets r->user (anonymous when nothing matches) and r->csrf
 * (the session's token, or for anonymous users the CSRF cookie's value — a new one is set on
 * p when missing). An expired or unknown session is anonymous and its cookie is cleared. */
void auth_identify(struct web_req *r, struct web_resp *p, const char *authorization,
                   const char *session_cookie, const char *csrf_cookie, const char *trusted);

/* Constant-time comparison of a submitted CSRF token with r->csrf. False when r->csrf is
 * empty. */
bool auth_csrf_ok(const struct web_req *r, const char *submitted);

/* Checks login and password, with throttling (repeated failures per login and per client
 * address lock out for a while). On success creates a session, sets its cookie on p and
 * fills r->user; returns 0. On failure returns -1 with a Danish message in msg. */
int auth_login(struct web_req *r, struct web_resp *p, const char *login, const char *password,
               char *msg, size_t msglen);

/* Ends r's session and clears the cookie. */
void auth_logout(struct web_req *r, struct web_resp *p);

/* Process-wide state (throttling); call once before serving / at shutdown. */
void auth_init(void);
void auth_shutdown(void);
#endif
