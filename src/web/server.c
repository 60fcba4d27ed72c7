/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The HTTP server: libmicrohttpd with a thread pool on epoll (one worker per core; the
 * handlers are short and CPU-bound, so more threads would only contend), request size
 * limits, per-thread SQLite connections, the route table, authentication, CSRF, rendering
 * and security headers, graceful shutdown on SIGTERM. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/err.h"
#include "util/xalloc.h"
#include "web/auth.h"
#include "web/cache.h"
#include "web/guard.h"
#include "web/mailer.h"
#include "web/nightly.h"
#include "web/route.h"
#include "web/tmpl.h"
#include "web/web.h"

static struct web_app app;

/* ------------------------------------------------------------------ per-thread store */
static pthread_mutex_t stores_mu = PTHREAD_MUTEX_INITIALIZER;
static struct store **stores;
static size_t nstores, capstores;
static _Thread_local struct store *tl_store;
/* Bumped when the server stops, so a thread that outlives one start (the fuzzer's) does
 * not reuse a closed connection. */
static unsigned generation;
static _Thread_local unsigned tl_generation;

static struct store *thread_store(void)
{
	if (tl_store && tl_generation == generation)
		return tl_store;
	tl_store = NULL;
	tl_generation = generation;
	struct diags d;
	diags_init(&d);
	if (store_open(app.cfg.db, &tl_store, &d) != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		return NULL;
	}
	diags_free(&d);
	pthread_mutex_lock(&stores_mu);
	stores = xgrow(stores, sizeof *stores, nstores + 1, &capstores);
	stores[nstores++] = tl_store;
	pthread_mutex_unlock(&stores_mu);
	return tl_store;
}

/* ------------------------------------------------------------------ request state */
struct conn {
	struct buf body;
	struct MHD_PostProcessor *pp;
	struct web_field *form;
	size_t nform, capform;
	size_t total;
	bool started;      /* on_request has seen the headers */
	bool counted;      /* counted as busy by the guard */
	bool too_big;
	bool bad_form;
	const char *bad;   /* why the request is malformed (400), or NULL */
};

static void fields_free(struct web_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
		free(f[i].filename);
		free(f[i].ctype);
	}
	free(f);
}

static void conn_free(struct conn *c)
{
	if (!c)
		return;
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	buf_free(&c->body);
	fields_free(c->form, c->nform);
	free(c);
}

/* The file name a browser sent: browsers write a double quote in a multipart file name as
 * %22 (and line breaks as %0D, %0A: dropped later as control characters). */
static char *sent_name(const char *s)
{
	struct buf b;
	buf_init(&b);
	for (; s && *s; s++) {
		if (s[0] == '%' && s[1] == '2' && s[2] == '2') {
			buf_addc(&b, '"');
			s += 2;
		} else if (s[0] == '%' && s[1] == '0' && (s[2] == 'D' || s[2] == 'A')) {
			s += 2;
		} else {
			buf_addc(&b, *s);
		}
	}
	return buf_detach(&b, NULL);
}

static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *filename, const char *ctype, const char *enc,
                                  const char *data, uint64_t off, size_t size)
{
	(void)kind;
	(void)enc;
	struct conn *c = cls;
	/* A part without a field name (no name= in its Content-Disposition) cannot be
	 * answered to any field: the form is malformed. */
	if (!key) {
		c->bad_form = true;
		return MHD_NO;
	}
	struct web_field *f = c->nform ? &c->form[c->nform - 1] : NULL;
	if (off == 0 || !f || strcmp(f->name, key) != 0) {
		if (c->nform >= 1000) {
			c->bad_form = true;
			return MHD_NO;
		}
		c->form = xgrow(c->form, sizeof *c->form, c->nform + 1, &c->capform);
		f = &c->form[c->nform++];
		memset(f, 0, sizeof *f);
		f->name = xstrdup(key);
		f->value = xstrdup("");
		f->filename = filename ? sent_name(filename) : NULL;
		f->ctype = ctype ? xstrdup(ctype) : NULL;
	}
	if (size) {
		f->value = xrealloc(f->value, f->len + size + 1);
		memcpy(f->value + f->len, data, size);
		f->len += size;
		f->value[f->len] = '\0';
	}
	return MHD_YES;
}

struct kvlist {
	struct web_field *v;
	size_t n, cap;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	(void)kind;
	struct kvlist *l = cls;
	if (l->n >= 200)
		return MHD_NO;
	l->v = xgrow(l->v, sizeof *l->v, l->n + 1, &l->cap);
	struct web_field *f = &l->v[l->n++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(key ? key : "");
	f->value = xstrdup(value ? value : "");
	f->len = strlen(f->value);
	return MHD_YES;
}

/* ------------------------------------------------------------------ responses */
static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                          "script-src 'self'; form-action 'self'; base-uri 'none'; "
                          "frame-ancestors 'none'";

/* The access log (FKIGOV_ACCESS_LOG=1; the systemd unit sets it): one line per request on
 * stderr, for journald: method, path (never the query string, and a secret in the path —
 * a one-time link, a calendar token — shown as "…"), status, bytes, milliseconds. */
static _Thread_local const char *log_method, *log_url;
static _Thread_local struct timespec log_t0;
static int access_log = -1;

static void log_request(int status, size_t len)
{
	if (access_log < 0) {
		const char *e = getenv("FKIGOV_ACCESS_LOG");
		access_log = e && !strcmp(e, "1");
	}
	if (!access_log || !log_url)
		return;
	char path[512];
	size_t o = 0;
	for (const char *s = log_url; *s && o + 4 < sizeof path;) {
		const char *e = strchr(s + 1, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s), hex = 0;
		for (size_t i = 1; i < n; i++)
			hex += isxdigit((unsigned char)s[i]) || s[i] == '-' || s[i] == '_';
		bool secret = n > 24 && hex + 1 == n;
		if (secret) {
			o += (size_t)snprintf(path + o, sizeof path - o, "/…");
		} else {
			for (size_t i = 0; i < n && o + 4 < sizeof path; i++)
				path[o++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
		}
		s += n;
	}
	path[o < sizeof path ? o : sizeof path - 1] = '\0';
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	long ms = (t.tv_sec - log_t0.tv_sec) * 1000 + (t.tv_nsec - log_t0.tv_nsec) / 1000000;
	fprintf(stderr, "%s %s %d %zu %ldms\n", log_method ? log_method : "-", path, status, len, ms);
}

static enum MHD_Result respond(struct MHD_Connection *mc, int status, const char *ctype, char *body,
                            size_t len, const struct web_resp *p, bool private)
{
	log_request(status, len);
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	/* A handler's own Content-Security-Policy or Cache-Control (a download's sandbox)
	 * replaces the server's, so each is sent once. */
	const char *own_csp = NULL, *own_cache = NULL;
	for (size_t i = 0; p && i < p->nheaders; i++) {
		if (!strcasecmp(p->headers[i].name, "Content-Security-Policy"))
			own_csp = p->headers[i].value;
		else if (!strcasecmp(p->headers[i].name, MHD_HTTP_HEADER_CACHE_CONTROL))
			own_cache = p->headers[i].value;
		else
			MHD_add_response_header(resp, p->headers[i].name, p->headers[i].value);
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, "Content-Security-Policy", own_csp ? own_csp : csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
	                        own_cache ? own_cache : private ? "no-store" : "no-cache");
	enum MHD_Result rc = MHD_queue_response(mc, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static enum MHD_Result send_text(struct MHD_Connection *mc, int status, const char *msg, bool api)
{
	char *body;
	if (api) {
		json_t *o = json_pack("{s:s}", "error", msg);
		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
		return respond(mc, status, "application/json", body, strlen(body), NULL, true);
	}
	body = xasprintf("<!doctype html><html lang=\"da\"><meta charset=\"utf-8\"><title>Fejl</title>"
	                 "<p>%s</p></html>",
	                 msg);
	return respond(mc, status, "text/html; charset=utf-8", body, strlen(body), NULL, true);
}

static void resp_free(struct web_resp *p)
{
	json_decref(p->doc);
	free(p->location);
	buf_free(&p->body);
	for (size_t i = 0; i < p->nheaders; i++) {
		free(p->headers[i].name);
		free(p->headers[i].value);
	}
}

/* JSON for the API with <, > and & written as \u escapes (they only occur inside strings),
 * so a response can never be read as markup, whatever a client does with it. */
static char *json_dump_safe(json_t *doc, size_t *len)
{
	char *raw = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!raw)
		raw = xstrdup("{}");
	struct buf out;
	buf_init(&out);
	for (const char *c = raw; *c; c++) {
		if (*c == '<')
			buf_adds(&out, "\\u003c");
		else if (*c == '>')
			buf_adds(&out, "\\u003e");
		else if (*c == '&')
			buf_adds(&out, "\\u0026");
		else
			buf_addc(&out, *c);
	}
	free(raw);
	return buf_detach(&out, len);
}

/* The navigation and the user, added to every HTML view model. */
static void add_layout(struct web_req *r, json_t *doc, enum page pg)
{
	/* The main menu on one line; a member's own deadlines and the secretariat's tools
	 * (import, audit log) next to the account, so the menu does not wrap on a laptop. */
	static const enum page nav[] = {PAGE_HOME,      PAGE_MY,        PAGE_ORG,      PAGE_PEOPLE,
	                                PAGE_MEETINGS,  PAGE_DECISIONS, PAGE_COMPLIANCE, PAGE_WGS,
	                                PAGE_CASES,     PAGE_PORTFOLIO, PAGE_ECONOMY,  PAGE_GOALS,
	                                PAGE_IMPORT,    PAGE_ROUNDS,    PAGE_AUDIT,    PAGE_ACCOUNTS,
	                                PAGE_MAIL};
	json_t *items = json_array(), *tools = json_array();
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
		const struct route *rt = &routes[nav[i]];
		if (!(rt->get & (1u << r->user.role)))
			continue;
		bool tool = nav[i] == PAGE_MY || nav[i] == PAGE_IMPORT || nav[i] == PAGE_ROUNDS ||
		            nav[i] == PAGE_AUDIT || nav[i] == PAGE_ACCOUNTS || nav[i] == PAGE_MAIL;
		json_array_append_new(tool ? tools : items,
		                      json_pack("{s:s, s:s, s:b}", "href", rt->pattern, "title",
		                                rt->title, "current", nav[i] == pg));
	}
	json_object_set_new(doc, "nav", items);
	json_object_set_new(doc, "has_tools", json_boolean(json_array_size(tools) > 0));
	json_object_set_new(doc, "tools", tools);
	json_object_set_new(doc, "csrf", json_string(r->csrf));
	json_object_set_new(doc, "path", json_string(r->path));
	if (r->user.role != ROLE_ANON) {
		json_t *u = json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "login", r->user.login, "role",
		                      role_name(r->user.role), "role_da", role_title(r->user.role),
		                      "admin", r->user.role == ROLE_ADMIN,
		                      "member", r->user.role == ROLE_MEMBER, "private", true);
		if (r->user.person[0])
			json_object_set_new(u, "person", json_string(r->user.person));
		json_object_set_new(doc, "user", u);
	}
	char today[40];
	date_format_da(r->today, today, sizeof today);
	json_object_set_new(doc, "today_da", json_string(today));
	if (!json_object_get(doc, "title"))
		json_object_set_new(doc, "title",
		                    json_string(pg < PAGE__MAX ? routes[pg].title : "fkigov"));
}

/* ------------------------------------------------------------------ dispatch */
static int page_notfound(struct web_req *r, struct web_resp *p)
{
	return web_error(r, p, 404,
	                 "Siden %s findes ikke. Måske er adressen skrevet forkert, eller siden er "
	                 "flyttet. Brug menuen, eller gå til forsiden.",
	                 r->path);
}

static const struct route notfound = {"", page_notfound, "error", R_ALL, 0, "Siden findes ikke"};

static void client_of(struct MHD_Connection *mc, char peer[64], char client[64]);

static enum MHD_Result dispatch(struct MHD_Connection *mc, const char *url, const char *method,
                                struct conn *c)
{
	struct web_req r;
	struct web_resp p;
	memset(&r, 0, sizeof r);
	memset(&p, 0, sizeof p);
	buf_init(&p.body);
	p.status = 200;
	r.app = &app;
	r.path = url;
	log_method = method;
	log_url = url;
	clock_gettime(CLOCK_MONOTONIC, &log_t0);
	r.api = strncmp(url, "/api/", 5) == 0;
	r.method = !strcmp(method, "GET")    ? WM_GET
	           : !strcmp(method, "HEAD") ? WM_HEAD
	           : !strcmp(method, "POST") ? WM_POST
	                                     : WM_OTHER;
	client_of(mc, r.peer_ip, r.client_ip);
	if (c->too_big)
		return send_text(mc, 413, "Forespørgslen er for stor.", r.api);
	if (c->bad_form)
		return send_text(mc, 400,
		                 "Formularen kunne ikke læses: den er ufuldstændig eller forkert "
		                 "opbygget. Gå tilbage, og send den igen.",
		                 r.api);

	char *param = NULL;
	enum page pg = route_match(url, &param);
	if (pg == PAGE__MAX && (r.api || r.method != WM_GET))
		return send_text(mc, 404, "Siden findes ikke.", r.api);
	/* An unknown page gets the site's own 404 page, with header and navigation. */
	const struct route *rt = pg == PAGE__MAX ? &notfound : &routes[pg];
	unsigned allowed = r.method == WM_POST ? rt->post : r.method == WM_OTHER ? 0 : rt->get;
	if (!allowed) {
		free(param);
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "Allow", rt->post && rt->get ? "GET, HEAD, POST"
		                                       : rt->post          ? "POST"
		                                                           : "GET, HEAD");
		enum MHD_Result rc = MHD_queue_response(mc, 405, resp);
		MHD_destroy_response(resp);
		return rc;
	}
	r.param = param;
	r.st = thread_store();
	if (!r.st) {
		free(param);
		if (!strcmp(url, "/healthz")) { /* the monitoring reads JSON */
			static const char down[] = "{\"status\":\"fejl\",\"database\":\"kan ikke åbnes\"}";
			char *body = xstrdup(down);
			return respond(mc, 503, "application/json", body, strlen(body), NULL, true);
		}
		return send_text(mc, 503, "Databasen kan ikke åbnes lige nu.", r.api);
	}
	r.today = date_today();

	struct kvlist q = {0};
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect, &q);
	r.query = q.v;
	r.nquery = q.n;
	r.form = c->form;
	r.nform = c->nform;
	r.body = c->body.s;
	r.body_len = c->body.len;
	r.if_none_match = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "If-None-Match");

	const char *trusted = NULL;
	if (app.cfg.trusted_header && app.cfg.trusted_proxy && !strcmp(r.peer_ip, app.cfg.trusted_proxy))
		trusted = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, app.cfg.trusted_header);
	auth_identify(&r, &p, MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Authorization"),
	              MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, AUTH_COOKIE),
	              MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, AUTH_CSRF_COOKIE), trusted);

	/* Cached public response? Only for anonymous GETs. */
	struct cache_key ck;
	/* Only plain anonymous GETs: no cookie to set or clear on the way out. */
	bool try_cache = r.method != WM_POST && r.user.role == ROLE_ANON && pg != PAGE_LOGIN &&
	                 p.nheaders == 0;
	if (try_cache && cache_key_make(&ck, &r, url)) {
		struct cache_hit hit;
		if (cache_get(&ck, &hit)) {
			resp_free(&p);
			free(param);
			fields_free(q.v, q.n);
			return respond(mc, 200, hit.ctype, hit.body, hit.len, NULL, false);
		}
	} else {
		try_cache = false;
	}

	int status;
	if (!(allowed & (1u << r.user.role))) {
		if (r.user.role == ROLE_ANON && r.api) {
			web_resp_header(&p, "WWW-Authenticate", "Bearer realm=\"fkigov\"");
			web_error(&r, &p, 401, "Log ind, eller send et token: Authorization: Bearer TOKEN.");
		} else if (r.user.role == ROLE_ANON) {
			p.status = 302;
			web_redirect(&p, "/login?next=%s", r.method == WM_GET ? url : "/");
		} else {
			web_error(&r, &p, 403, "Din rolle (%s) giver ikke adgang til denne side.",
			          role_name(r.user.role));
		}
	} else if (r.method == WM_POST && !r.user.via_token &&
	           !auth_csrf_ok(&r, web_form(&r, "csrf")
	                                  ? web_form(&r, "csrf")
	                                  : MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	                                                                "X-CSRF-Token"))) {
		web_error(&r, &p, 403,
		          "Formularen er udløbet eller kom ikke fra fkigov (CSRF-kontrol). Gå tilbage, "
		          "genindlæs siden, og prøv igen.");
	} else if (r.method == WM_POST) {
		/* A change is one transaction from reading the register to writing it, so two
		 * requests cannot both plan against the same state. Kept when the handler
		 * succeeded (below 400), else undone. */
		bool tx = store_begin(r.st) == FK_OK;
		/* The text rule (util/text.h) for every field and JSON string of every POST,
		 * before any handler sees it: refused with the field named, nothing stored. */
		if (!web_input_refused(&r, &p))
			rt->handler(&r, &p);
		if (tx && (p.status ? p.status : 200) < 400) {
			if (store_commit(r.st) != FK_OK)
				web_error(&r, &p, 500, "Ændringen kunne ikke gemmes. Prøv igen om lidt.");
		} else if (tx) {
			store_rollback(r.st);
		}
	} else {
		rt->handler(&r, &p);
	}
	status = p.status ? p.status : 200;

	enum MHD_Result rc;
	bool private = r.user.role != ROLE_ANON;
	if (p.location) {
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, p.location);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
		for (size_t i = 0; i < p.nheaders; i++)
			MHD_add_response_header(resp, p.headers[i].name, p.headers[i].value);
		rc = MHD_queue_response(mc, (unsigned)(status == 200 ? 303 : status), resp);
		MHD_destroy_response(resp);
		log_request(status == 200 ? 303 : status, 0);
	} else if (p.ctype) {
		size_t len;
		char *body = buf_detach(&p.body, &len);
		if (try_cache && status == 200 && p.cacheable)
			cache_put(&ck, p.ctype, body, len);
		rc = respond(mc, status, p.ctype, body, len, &p, private);
	} else {
		json_t *doc = p.doc ? p.doc : json_object();
		p.doc = doc;
		char *body;
		size_t len;
		const char *ctype;
		if (r.api) {
			body = json_dump_safe(doc, &len);
			ctype = "application/json";
		} else {
			add_layout(&r, doc, pg);
			struct buf out;
			buf_init(&out);
			const char *t = p.tmpl ? p.tmpl : rt->tmpl;
			if (!t || tmpl_render(app.tmpl, t, doc, &out) != 0) {
				fprintf(stderr, "fkigov serve: skabelonen »%s« kunne ikke vises\n", t ? t : "?");
				buf_free(&out);
				buf_adds(&out, "Siden kunne ikke vises.");
				status = 500;
			}
			body = buf_detach(&out, &len);
			ctype = "text/html; charset=utf-8";
		}
		if (try_cache && status == 200 && p.cacheable)
			cache_put(&ck, ctype, body, len);
		rc = respond(mc, status, ctype, body, len, &p, private);
	}
	resp_free(&p);
	free(param);
	fields_free(q.v, q.n);
	return rc;
}

/* ------------------------------------------------------------------ the request's frame */

/* The TCP peer of mc and the client: the peer, or behind the trusted proxy the last
 * address it added to X-Forwarded-For. Both hold "" when unknown. */
static void client_of(struct MHD_Connection *mc, char peer[64], char client[64])
{
	peer[0] = client[0] = '\0';
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, peer,
			          64);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			          peer, 64);
	}
	snprintf(client, 64, "%s", peer);
	if (app.cfg.trusted_proxy && !strcmp(peer, app.cfg.trusted_proxy)) {
		const char *xff = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Forwarded-For");
		const char *last = xff ? strrchr(xff, ',') : NULL;
		last = last ? last + 1 : xff;
		while (last && *last == ' ')
			last++;
		if (last && *last && strlen(last) < 64)
			snprintf(client, 64, "%s", last);
	}
}

static struct guard_conn *conn_guard(struct MHD_Connection *mc)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* The request line as sent, before libmicrohttpd decodes it (its answer becomes the
 * request's context): a path with a control character, raw or %-encoded (%00 would
 * otherwise end the decoded path early), is refused. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	(void)cls;
	(void)mc;
	struct conn *c = xcalloc(1, sizeof *c);
	buf_init(&c->body);
	for (const unsigned char *u = (const unsigned char *)uri; *u && *u != '?'; u++) {
		unsigned v = *u;
		if (u[0] == '%' && u[1] && u[2]) {
			char hex[3] = {(char)u[1], (char)u[2], 0}, *end;
			v = (unsigned)strtoul(hex, &end, 16);
			if (*end)
				v = '%';
		}
		if (v < 0x20 || v == 0x7f) {
			c->bad = "Adressen indeholder et styretegn. Ret adressen, og prøv igen.";
			break;
		}
	}
	return c;
}

struct framing {
	unsigned ncl, nte;
	char cl[32];
	bool cl_differ;
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	(void)kind;
	struct framing *f = cls;
	if (key && !strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
		f->nte++;
	} else if (key && !strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
		if (f->ncl++ && strcmp(f->cl, value ? value : "") != 0)
			f->cl_differ = true;
		snprintf(f->cl, sizeof f->cl, "%s", value ? value : "");
	}
	return MHD_YES;
}

/* The headers are in: checks the request's framing and starts reading its body. */
static void on_headers(struct MHD_Connection *mc, const char *method, struct conn *c)
{
	struct framing f = {0};
	MHD_get_connection_values(mc, MHD_HEADER_KIND, count_framing, &f);
	/* Two ways to frame one body is how requests are smuggled past a proxy. */
	if (f.nte && f.ncl)
		c->bad = "Forespørgslen har både Content-Length og Transfer-Encoding.";
	else if (f.cl_differ)
		c->bad = "Forespørgslen har to forskellige Content-Length.";
	if (c->bad || strcmp(method, "POST") != 0)
		return;
	const char *len = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
	                                              MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (len && strtoull(len, NULL, 10) > app.cfg.max_body)
		c->too_big = true;
	const char *ct = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct && (!strncasecmp(ct, "application/x-www-form-urlencoded", 33) ||
	           !strncasecmp(ct, "multipart/form-data", 19))) {
		c->pp = MHD_create_post_processor(mc, 64 * 1024, post_field, c);
		if (!c->pp)
			c->bad_form = true; /* multipart without a boundary */
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct conn *c = *con_cls;
	if (!c) { /* no request line seen by on_uri (cannot happen; kept safe) */
		c = xcalloc(1, sizeof *c);
		buf_init(&c->body);
		*con_cls = c;
	}
	if (!c->started) {
		c->started = true;
		char peer[64], client[64];
		client_of(mc, peer, client);
		if (!guard_busy(conn_guard(mc), client))
			return send_text(mc, 429,
			                 "Der er for mange forespørgsler fra din adresse på én gang. Vent "
			                 "lidt, og prøv igen.",
			                 strncmp(url, "/api/", 5) == 0);
		c->counted = true;
		on_headers(mc, method, c);
		/* Nothing of a malformed request's body is read: answer now and close. */
		if (c->bad)
			return send_text(mc, 400, c->bad, strncmp(url, "/api/", 5) == 0);
		return MHD_YES;
	}
	if (*upload_size) {
		c->total += *upload_size;
		if (c->total > app.cfg.max_body)
			c->too_big = true;
		if (!c->too_big && !c->bad_form) {
			if (c->pp) {
				if (MHD_post_process(c->pp, upload, *upload_size) != MHD_YES)
					c->bad_form = true;
			} else {
				buf_add(&c->body, upload, *upload_size);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	guard_read(conn_guard(mc));
	/* The whole body is in. A form is complete only when the post processor ends in a
	 * final state: a multipart body without its closing boundary is refused, so a
	 * truncated upload is never stored. */
	if (c->pp) {
		if (MHD_destroy_post_processor(c->pp) != MHD_YES)
			c->bad_form = true;
		c->pp = NULL;
	}
	return dispatch(mc, url, method, c);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)toe;
	struct conn *c = *con_cls;
	if (c && c->counted)
		guard_idle(conn_guard(mc));
	conn_free(c);
	*con_cls = NULL;
}

static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
		    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
		const union MHD_ConnectionInfo *ad =
		    MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		*socket_context = guard_open(fd ? fd->connect_fd : -1, ad ? ad->client_addr : NULL);
	} else {
		guard_close(*socket_context);
		*socket_context = NULL;
	}
}

/* ------------------------------------------------------------------ start and stop */

static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= sizeof host)
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535)
		return -1;
	memset(ss, 0, sizeof *ss);
	char *h = host;
	if (h[0] == '[' && h[strlen(h) - 1] == ']') {
		h[strlen(h) - 1] = '\0';
		h++;
	}
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, h, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*len = sizeof *v4;
	} else if (inet_pton(AF_INET6, h, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*len = sizeof *v6;
	} else {
		return -1;
	}
	return 0;
}

/* Loads what every thread shares: the model, the municipalities, the templates. */
static int app_load(const struct web_config *cfg)
{
	app.cfg = *cfg;
	struct store *st;
	struct diags d;
	diags_init(&d);
	if (store_open(cfg->db, &st, &d) != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		return 2;
	}
	char *json;
	size_t len;
	int rc = store_model_json(st, &json, &len);
	if (rc == FK_OK)
		rc = model_load(json, len, cfg->db, &app.model, &d);
	if (rc == FK_OK)
		free(json);
	store_close(st);
	if (rc != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		return 1;
	}
	diags_free(&d);
	app.mt = munic_builtin();
	if (web_templates_load(&app.tmpl) != 0) {
		model_free(app.model);
		return 1;
	}
	auth_init();
	cache_init();
	guard_start();
	return 0;
}

static void app_free(void)
{
	guard_stop();
	for (size_t i = 0; i < nstores; i++)
		store_close(stores[i]);
	free(stores);
	stores = NULL;
	nstores = capstores = 0;
	generation++;
	cache_shutdown();
	auth_shutdown();
	tmpl_set_free(app.tmpl);
	model_free(app.model);
	memset(&app, 0, sizeof app);
}

/* The daemon: a thread pool on epoll, listening on ss. Without ss, no listening socket and
 * no thread of its own: connections are handed over with web_connect and served by
 * web_run in the caller's thread (the request fuzzer). Limits: 1000 connections in all,
 * the guard's share for each address (guard.h), 15 s without a byte read or written ends
 * a connection, 128 KiB of memory per connection for headers. */
static struct MHD_Daemon *daemon_start(const struct sockaddr_storage *ss, unsigned threads)
{
	unsigned flags = MHD_USE_NO_LISTEN_SOCKET;
	if (ss)
		flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC |
		        (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	return MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
	    ss ? (const struct sockaddr *)ss : NULL, MHD_OPTION_THREAD_POOL_SIZE, ss ? threads : 0,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)15,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024), MHD_OPTION_STRICT_FOR_CLIENT,
	    (int)1, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_NOTIFY_COMPLETED,
	    on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_END);
}

struct web_server {
	struct MHD_Daemon *daemon;
};

struct web_server *web_start_unbound(const struct web_config *cfg)
{
	if (app_load(cfg) != 0)
		return NULL;
	struct web_server *ws = xcalloc(1, sizeof *ws);
	if (!(ws->daemon = daemon_start(NULL, 0))) {
		app_free();
		free(ws);
		return NULL;
	}
	return ws;
}

int web_connect(struct web_server *ws, int fd)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(40000)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return MHD_add_connection(ws->daemon, fd, (const struct sockaddr *)&sa, sizeof sa) == MHD_YES
	           ? 0
	           : -1;
}

void web_run(struct web_server *ws)
{
	MHD_run(ws->daemon);
}

void web_stop(struct web_server *ws)
{
	if (!ws)
		return;
	MHD_stop_daemon(ws->daemon);
	app_free();
	free(ws);
}

int web_serve(const struct web_config *cfg)
{
	struct sockaddr_storage ss;
	socklen_t slen;
	if (parse_listen(cfg->listen, &ss, &slen) != 0) {
		fprintf(stderr, "fkigov serve: --listen »%s« skal være ADRESSE:PORT, fx 127.0.0.1:8080.\n",
		        cfg->listen);
		return 2;
	}
	/* Signals are taken by sigwait in this thread only (blocked before any thread
	 * starts, so every thread inherits the mask). */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	int rc = app_load(cfg);
	if (rc != 0)
		return rc;

	unsigned threads = cfg->threads;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 && n < 64 ? (unsigned)n : 2;
	}
	struct MHD_Daemon *daemon = daemon_start(&ss, threads);
	if (!daemon) {
		fprintf(stderr, "fkigov serve: kan ikke lytte på %s: %s.\n", cfg->listen, strerror(errno));
		app_free();
		return 1;
	}
	fprintf(stderr, "fkigov lytter på http://%s/ (%u tråde). Stop med Ctrl+C.\n", cfg->listen,
	        threads);
	mailer_start(cfg->db, app.model, cfg->public_url); /* the outbox's sender (web/mailer.h) */
	nightly_start(cfg->db, app.model); /* the nightly backup and purge (web/nightly.h) */
	int sig = 0;
	sigwait(&sigs, &sig);
	fprintf(stderr, "fkigov: stopper (signal %d) ...\n", sig);
	/* Stop accepting, let requests in flight finish (up to 5 s), then stop. */
	MHD_socket ls = MHD_quiesce_daemon(daemon);
	for (int i = 0; i < 50; i++) {
		const union MHD_DaemonInfo *di =
		    MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
			break;
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(daemon);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	mailer_stop();
	nightly_stop();
	app_free();
	fprintf(stderr, "fkigov: stoppet.\n");
	return 0;
}
