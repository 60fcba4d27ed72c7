/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the whole request path: each input is a raw HTTP/1.1 byte stream
 * (request line, headers, cookies, url-encoded, multipart and JSON bodies, pipelined
 * requests) written into one end of a socket pair whose other end the server owns, so it
 * goes through exactly what serves a real client: libmicrohttpd's parser, the form and
 * multipart reader, the guard, routing, authentication, CSRF, the handlers, the store
 * and the templates, against a temporary database with the demo register, a planned
 * year of meetings and the three accounts.
 *
 * Credentials are made when the harness starts, so an input names them by placeholder,
 * replaced before sending: {{TA}} {{TM}} {{TV}} the bearer tokens of admin, member and
 * viewer; {{SA}} {{SM}} {{SV}} their session cookies' values; {{CA}} {{CM}} {{CV}} the CSRF
 * tokens of those sessions (tests/fuzz/fuzz_http.dict lists them for the mutator).
 *
 * The database is restored from the pristine copy every RESET_EVERY inputs, so what
 * earlier inputs wrote does not pile up. A crash, a sanitizer report, a leak or an answer
 * that is not HTTP (the server must answer every request it read, or close) fails. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "web/web.h"

#define RESET_EVERY 2000

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], db[128], seed[128];
static struct web_config cfg;
static struct web_server *ws;
static unsigned runs;
static const char *const roles[3] = {"admin", "member", "viewer"};
static char token[3][80], session[3][80], csrf[3][80];

static void die(const char *what)
{
	fprintf(stderr, "fuzz_http: %s\n", what);
	abort();
}

/* Runs a command of the command line as `fkigov --db DB args...`, with in as its stdin
 * (may be NULL) and its stdout captured into out (may be NULL). */
static int fk(int (*cmd)(struct cli *, int, char **), const char *in, char *out, size_t outlen,
              int argc, char **argv)
{
	struct cli c = {.db = db, .actor = "fuzz"};
	int save_in = dup(0), save_out = dup(1);
	char inpath[160], outpath[160];
	snprintf(inpath, sizeof inpath, "%s/in", dir);
	snprintf(outpath, sizeof outpath, "%s/out", dir);
	FILE *f = fopen(inpath, "w");
	if (!f)
		die("stdin");
	fputs(in ? in : "", f);
	fclose(f);
	fflush(stdout);
	int fi = open(inpath, O_RDONLY), fo = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fi, 0);
	dup2(fo, 1);
	close(fi);
	close(fo);
	clearerr(stdin);
	int rc = cmd(&c, argc, argv);
	cli_close(&c);
	fflush(stdout);
	dup2(save_in, 0);
	dup2(save_out, 1);
	close(save_in);
	close(save_out);
	clearerr(stdin);
	if (out) {
		f = fopen(outpath, "r");
		size_t n = f ? fread(out, 1, outlen - 1, f) : 0;
		out[n] = '\0';
		while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
			out[--n] = '\0';
		if (f)
			fclose(f);
	}
	return rc;
}

/* Sends req to the server and returns its answer (NUL-terminated, caller frees): the
 * server runs in this thread between the client's sends and reads, until it closes the
 * connection or 2000 rounds pass without progress. */
static char *exchange(const char *req, size_t len, size_t *outlen)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, sv) != 0)
		die("socketpair");
	if (web_connect(ws, sv[0]) != 0) {
		close(sv[1]);
		*outlen = 0;
		return calloc(1, 1);
	}
	size_t off = 0, cap = 4096, n = 0;
	char *out = malloc(cap);
	bool shut = false;
	for (int idle = 0; idle < 2000; idle++) {
		if (off < len) {
			ssize_t w = send(sv[1], req + off, len - off, MSG_NOSIGNAL);
			if (w > 0) {
				off += (size_t)w;
				idle = 0;
			} else if (w < 0 && errno != EAGAIN) {
				off = len;
			}
		}
		if (off >= len && !shut) {
			shutdown(sv[1], SHUT_WR); /* the client has said all it will say */
			shut = true;
		}
		web_run(ws);
		if (n + 4096 > cap)
			out = realloc(out, cap *= 2);
		ssize_t r = recv(sv[1], out + n, cap - n - 1, 0);
		if (r == 0 || (r < 0 && errno != EAGAIN))
			break;
		if (r > 0) {
			n += (size_t)r;
			idle = 0;
		}
	}
	close(sv[1]);
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* Copies the file from to to (the pristine database over the working one). */
static void copy(const char *from, const char *to)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	if (!a || !b)
		die("copy database");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, a)) > 0)
		fwrite(buf, 1, n, b);
	fclose(a);
	fclose(b);
}

/* Value of the text after key in s, up to a character in stop, into out. */
static void grab(const char *s, const char *key, const char *stop, char *out, size_t cap)
{
	const char *p = s ? strstr(s, key) : NULL;
	if (!p)
		die(key);
	p += strlen(key);
	size_t n = strcspn(p, stop);
	if (n >= cap)
		die("value too long");
	memcpy(out, p, n);
	out[n] = '\0';
}

static void login(int k)
{
	char body[256], req[1024];
	int bl = snprintf(body, sizeof body, "login=%s&password=fuzz+password+long+enough&next=%%2F",
	                  roles[k]);
	/* Anonymous: the login page sets the double-submit CSRF cookie. */
	size_t n;
	static const char get[] = "GET /login HTTP/1.1\r\nHost: f\r\nConnection: close\r\n\r\n";
	char *page = exchange(get, sizeof get - 1, &n);
	char cookie[160], field[160];
	grab(page, "fkigov_csrf=", ";\r\n", cookie, sizeof cookie);
	grab(page, "name=\"csrf\" value=\"", "\"", field, sizeof field);
	free(page);
	bl += snprintf(body + bl, sizeof body - (size_t)bl, "&csrf=%s", field);
	int rl = snprintf(req, sizeof req,
	                  "POST /login HTTP/1.1\r\nHost: f\r\nCookie: fkigov_csrf=%s\r\n"
	                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n"
	                  "Connection: close\r\n\r\n%s",
	                  cookie, bl, body);
	char *ans = exchange(req, (size_t)rl, &n);
	grab(ans, "fkigov_session=", ";\r\n", session[k], sizeof session[k]);
	free(ans);
	rl = snprintf(req, sizeof req,
	              "GET / HTTP/1.1\r\nHost: f\r\nCookie: fkigov_session=%s\r\nConnection: close\r\n\r\n",
	              session[k]);
	ans = exchange(req, (size_t)rl, &n);
	grab(ans, "name=\"csrf\" value=\"", "\"", csrf[k], sizeof csrf[k]);
	free(ans);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	signal(SIGPIPE, SIG_IGN);
	setenv("FKIGOV_TODAY", "2027-01-20", 1);
	snprintf(dir, sizeof dir, "/tmp/fkigov-fuzz-http-XXXXXX");
	if (!mkdtemp(dir))
		die("mkdtemp");
	snprintf(db, sizeof db, "%s/fkigov.db", dir);
	snprintf(seed, sizeof seed, "%s/seed.db", dir);
	char *init[] = {"init", NULL};
	if (fk(cmd_init, NULL, NULL, 0, 1, init) != 0)
		die("init");
	struct stat sb;
	if (stat("data/demo/appointments.csv", &sb) == 0) {
		char *imp[] = {"import", "appointments", "data/demo/appointments.csv", NULL};
		if (fk(cmd_import, NULL, NULL, 0, 3, imp) != 0)
			die("import");
		char *plan[] = {"cycle", "plan", "2027", "--dates", "2027-03-04,2027-06-10,2027-09-09,2027-12-02",
		                "--save", NULL};
		if (fk(cmd_cycle, NULL, NULL, 0, 6, plan) != 0)
			die("cycle plan");
	}
	for (int k = 0; k < 3; k++) {
		char *add[] = {"user", "add", (char *)roles[k], "--role", (char *)roles[k], NULL, NULL, NULL};
		int n = 5;
		if (k == 1 && stat("data/demo/appointments.csv", &sb) == 0) {
			add[n++] = "--person";
			add[n++] = "sg01";
		}
		if (fk(cmd_user, "fuzz password long enough\n", NULL, 0, n, add) != 0)
			die("user add");
		char *tok[] = {"token", "create", (char *)roles[k], NULL};
		if (fk(cmd_token, NULL, token[k], sizeof token[k], 3, tok) != 0 || !token[k][0])
			die("token create");
	}
	cfg.db = db;
	cfg.listen = "fuzz";
	cfg.idle_minutes = 30;
	cfg.max_body = 1u << 20;
	cfg.threads = 1;
	if (!(ws = web_start_unbound(&cfg)))
		die("start");
	for (int k = 0; k < 3; k++)
		login(k);
	web_stop(ws);
	copy(db, seed);
	if (!(ws = web_start_unbound(&cfg)))
		die("restart");
	return 0;
}

/* data with the placeholders replaced (caller frees). */
static char *expand(const uint8_t *data, size_t size, size_t *len)
{
	static const char *const keys[] = {"{{TA}}", "{{TM}}", "{{TV}}", "{{SA}}", "{{SM}}",
	                                   "{{SV}}", "{{CA}}", "{{CM}}", "{{CV}}"};
	const char *vals[9];
	for (int k = 0; k < 3; k++) {
		vals[k] = token[k];
		vals[3 + k] = session[k];
		vals[6 + k] = csrf[k];
	}
	char *out = malloc(size * 14 + 1);
	size_t n = 0;
	for (size_t i = 0; i < size;) {
		int hit = -1;
		if (data[i] == '{' && i + 6 <= size)
			for (int k = 0; k < 9 && hit < 0; k++)
				if (!memcmp(data + i, keys[k], 6))
					hit = k;
		if (hit >= 0) {
			size_t vl = strlen(vals[hit]);
			memcpy(out + n, vals[hit], vl);
			n += vl;
			i += 6;
		} else {
			out[n++] = (char)data[i++];
		}
	}
	out[n] = '\0';
	*len = n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (++runs % RESET_EVERY == 0) {
		web_stop(ws);
		copy(seed, db);
		char wal[160];
		snprintf(wal, sizeof wal, "%s-wal", db);
		unlink(wal);
		snprintf(wal, sizeof wal, "%s-shm", db);
		unlink(wal);
		if (!(ws = web_start_unbound(&cfg)))
			die("restart");
	}
	size_t len, n;
	char *req = expand(data, size, &len);
	char *ans = exchange(req, len, &n);
	/* Whatever the server sent is HTTP: a status line first. */
	if (n && strncmp(ans, "HTTP/1.", 7) != 0)
		die("an answer that is not HTTP");
	free(ans);
	free(req);
	return 0;
}
