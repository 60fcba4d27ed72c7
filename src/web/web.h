/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WEB_H
#define FK_WEB_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/diag.h"

/* The web application: one view model (a jansson document) per page, rendered as HTML
 * through templates/ or as JSON under /api/v1/. Pages are one file each (page_*.c), each
 * exporting its handlers; the route table in route.c says who may call what. */

struct tmpl_set;

enum role { ROLE_ANON, ROLE_VIEWER, ROLE_MEMBER, ROLE_ADMIN, ROLE__MAX };
#define R_ANON (1u << ROLE_ANON)
#define R_VIEWER (1u << ROLE_VIEWER)
#define R_MEMBER (1u << ROLE_MEMBER)
#define R_ADMIN (1u << ROLE_ADMIN)
#define R_USERS (R_VIEWER | R_MEMBER | R_ADMIN)
#define R_ALL (R_ANON | R_USERS)
const char *role_name(enum role r); /* "anonymous", "viewer", "member", "admin" */
const char *role_title(enum role r); /* Danish: "gæst", "læser", "medlem", "sekretariat" */
int role_parse(const char *s);      /* -1 when unknown */

/* Server configuration (fkigov serve). */
struct web_config {
	const char *db;
	const char *listen;         /* ADDR:PORT */
	bool tls;                   /* set Secure on cookies (behind a TLS proxy) */
	const char *trusted_header; /* e.g. X-Remote-User, honoured only from trusted_proxy */
	const char *trusted_proxy;  /* IP address */
	int idle_minutes;           /* session idle timeout */
	size_t max_body;            /* largest request body accepted */
	unsigned threads;
	/* The address users reach the application at, without a trailing "/" (serve
	 * --public-url, $FKIGOV_PUBLIC_URL; default http://LISTEN): absolute links in what
	 * leaves the browser, such as the iCalendar feeds Outlook subscribes to. NULL: the
	 * default. */
	const char *public_url;
};

/* Shared, read-only after start-up. */
struct web_app {
	struct web_config cfg;
	struct model *model;
	const struct munic_table *mt;
	struct tmpl_set *tmpl;
};

struct web_user {
	int64_t id;      /* 0: anonymous */
	char login[65];
	enum role role;
	char person[65]; /* the person key a member account is linked to, "" none */
	bool via_token;  /* authenticated with a bearer token */
};

/* A name/value pair from the query string or a form; uploads carry filename and type. */
struct web_field {
	char *name;
	char *value; /* NUL-terminated; len bytes (may hold NULs for uploads) */
	size_t len;
	char *filename; /* NULL unless an uploaded file; as the user named it (a browser's
	                 * %22 for a double quote undone, %0D and %0A dropped) */
	char *ctype;
};

enum web_method { WM_GET, WM_POST, WM_HEAD, WM_OTHER };

struct web_req {
	enum web_method method;
	const char *path;        /* decoded path, without the query */
	const char *param;       /* the {id} of the route pattern, or NULL */
	struct web_field *query;
	size_t nquery;
	struct web_field *form;  /* urlencoded or multipart fields (POST) */
	size_t nform;
	const char *body;        /* raw body of a non-form POST (JSON), NUL-terminated */
	size_t body_len;
	bool api;                /* under /api/ */
	struct web_user user;
	char csrf[65];           /* the session's CSRF token, "" without a session */
	char client_ip[64];      /* the client: the peer, or behind the trusted proxy the address
	                          * it forwarded (X-Forwarded-For) */
	char peer_ip[64];        /* the TCP peer */
	const char *if_none_match; /* the If-None-Match header, or NULL */
	const struct web_app *app;
	struct store *st;        /* this thread's connection */
	fk_date today;
};

struct web_header {
	char *name, *value;
};

struct web_resp {
	int status;              /* 200 unless set */
	json_t *doc;             /* the view model; rendered with tmpl (HTML) or as JSON (API) */
	const char *tmpl;        /* template name; NULL: the route's template */
	char *location;          /* redirect target (303 unless status is set) */
	struct buf body;         /* a raw body instead of doc (static files, CSV, SVG) */
	const char *ctype;       /* with body */
	struct web_header headers[8];
	size_t nheaders;
	bool cacheable;          /* public, may be cached by the server for anonymous users */
};

/* A whole number 1..max written in decimal digits only (no sign or spaces) in s, into *out;
 * false (and *out untouched) for anything else, NULL included. For ids in paths and fields. */
bool web_whole(const char *s, long max, long *out);
/* True when the request's If-None-Match names etag (a quoted entity tag; weak "W/" tags and
 * "*" match too), so a 304 Not Modified may answer it. */
bool web_etag_matches(const struct web_req *r, const char *etag);
/* Looks up a field by name; NULL when absent. */
const char *web_query(const struct web_req *r, const char *name);
const struct web_field *web_form_field(const struct web_req *r, const char *name);
const char *web_form(const struct web_req *r, const char *name);
/* The same, "" when the form has no such field. */
const char *web_field(const struct web_req *r, const char *name);
void web_resp_header(struct web_resp *p, const char *name, const char *value);
/* Sets a redirect (303 See Other). */
void web_redirect(struct web_resp *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sets an error response: status, and a Danish message; for the API {"error": msg}. */
int web_error(struct web_req *r, struct web_resp *p, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A 400 with one error per field: {"error": msg, "fields": {name: message}} (API) or the
 * page's form re-rendered with the errors (HTML; doc must hold the form). */
json_t *web_field_errors(const struct diags *d);
/* The text rule (util/text.h) for what a POST brings: every form field (an upload's bytes
 * excepted) and every string of a JSON body (read with its NULs), multi-line only where
 * text_multiline allows. Appends one diagnostic per field that breaks it (field: the form
 * field, or the body's top-level key) and returns how many. */
size_t web_input_check(const struct web_req *r, struct diags *d);
/* web_input_check for a POST handler to call first: when a field breaks the rule, answers
 * 400 — {"error", "fields": {name: why}} for the API, the error page naming each field for a
 * page — and returns true; the handler then returns without reading the request. */
bool web_input_refused(struct web_req *r, struct web_resp *p);

/* The application's public address without a trailing "/" into out[n]: cfg.public_url, or
 * http://LISTEN (web.h, struct web_config). */
void web_public_url(const struct web_app *app, char *out, size_t n);

/* Loads the register into r (empty on entry). Returns FK_OK or an error. */
int web_load_register(struct web_req *r, struct reg *out);
/* True when the user may see private data (e-mail addresses, the audit log). */
bool web_private(const struct web_req *r);

/* A file built into the binary by its path in the source tree ("static/openapi.json",
 * "templates/home.mustache"): its bytes (NUL-terminated after *len bytes) and length, or
 * NULL when there is no such file. The data is static; do not free it. */
const unsigned char *web_file(const char *path, size_t *len);

/* Compiles every built-in template (templates/NAME.mustache as NAME) into a new set and
 * checks that every partial exists; prints the reason and returns -1 when one does not
 * compile. */
int web_templates_load(struct tmpl_set **out);
/* Starts the server and blocks until SIGTERM or SIGINT; returns an exit status. */
int web_serve(const struct web_config *cfg);
/* For the request fuzzer: the same server without a listening socket or threads of its
 * own. web_connect hands it one end of a connected socket (it then owns fd; the peer is
 * 127.0.0.1); web_run does what is ready on its connections without waiting, in the
 * caller's thread; web_stop stops it and frees everything. NULL/-1 on failure. */
struct web_server;
struct web_server *web_start_unbound(const struct web_config *cfg);
int web_connect(struct web_server *ws, int fd);
void web_run(struct web_server *ws);
void web_stop(struct web_server *ws);

#endif
