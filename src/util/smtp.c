/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The SMTP client (util/smtp.h) on libcurl's easy interface: the same easy handle for
 * every message keeps the connection in its cache, so a batch is one connection, one
 * EHLO, one STARTTLS and one AUTH. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "util/smtp.h"
#include "util/xalloc.h"

struct smtp {
	CURL *curl;
	char *from;       /* "<addr>" */
	char last[512];   /* the server's last answer line */
	char err[512];    /* its last refusal (4xx, 5xx): curl says QUIT after one */
	const char *data; /* the message being sent */
	size_t len, off;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* libcurl's debug callback: keeps the server's last answer line (CURLINFO_HEADER_IN). */
static int on_debug(CURL *c, curl_infotype type, char *p, size_t n, void *arg)
{
	(void)c;
	struct smtp *s = arg;
	if (type != CURLINFO_HEADER_IN || n < 3)
		return 0;
	while (n && (p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	if (n >= sizeof s->last)
		n = sizeof s->last - 1;
	/* printable ASCII only: the answer is shown on a page and in a terminal */
	for (size_t i = 0; i < n; i++)
		s->last[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : ' ';
	s->last[n] = 0;
	if (s->last[0] == '4' || s->last[0] == '5')
		memcpy(s->err, s->last, n + 1);
	return 0;
}

static size_t on_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct smtp *s = arg;
	size_t room = size * nitems, left = s->len - s->off;
	size_t k = left < room ? left : room;
	memcpy(buf, s->data + s->off, k);
	s->off += k;
	return k;
}

struct smtp *smtp_open(const char *url, const char *from, const char *ca, char *why, size_t n)
{
	bool tls = url && !strncmp(url, "smtps://", 8);
	if (!url || (!tls && strncmp(url, "smtp://", 7)) || strpbrk(url, " \t\r\n")) {
		snprintf(why, n,
		         "FKIGOV_SMTP_URL skal have formen smtp://[bruger:adgangskode@]vært[:port] "
		         "eller smtps://….");
		return NULL;
	}
	if (ca && access(ca, R_OK) != 0) {
		snprintf(why, n,
		         "FKIGOV_SMTP_CA skal være stien til en fil med postserverens CA-certifikat "
		         "(PEM); %s kan ikke læses.",
		         ca);
		return NULL;
	}
	pthread_once(&once, global_init);
	struct smtp *s = xcalloc(1, sizeof *s);
	if (!(s->curl = curl_easy_init())) {
		snprintf(why, n, "libcurl kunne ikke startes.");
		free(s);
		return NULL;
	}
	s->from = xasprintf("<%s>", from);
	CURL *c = s->curl;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* STARTTLS when the server offers it; smtps:// is TLS from the first byte */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	if (ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, s->from);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); /* for on_debug; nothing is printed */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, s);
	return s;
}

void smtp_close(struct smtp *s)
{
	if (!s)
		return;
	curl_easy_cleanup(s->curl);
	free(s->from);
	free(s);
}

enum smtp_result smtp_send(struct smtp *s, const char *rcpt, const char *data, size_t len,
                           char *answer, size_t n)
{
	char *to = xasprintf("<%s>", rcpt);
	struct curl_slist *rcpts = curl_slist_append(NULL, to);
	free(to);
	s->data = data;
	s->len = len;
	s->off = 0;
	s->last[0] = s->err[0] = 0;
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	CURLcode rc = curl_easy_perform(s->curl);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpts);
	if (rc == CURLE_OK) {
		snprintf(answer, n, "%s", s->last[0] ? s->last : "250");
		return SMTP_SENT;
	}
	/* the server's refusal when it gave one, else libcurl's reason */
	long code = s->err[0] ? strtol(s->err, NULL, 10) : 0;
	if (s->err[0])
		snprintf(answer, n, "%s", s->err);
	else
		snprintf(answer, n, "%s", curl_easy_strerror(rc));
	if (rc == CURLE_LOGIN_DENIED || code == 421 || code == 0)
		return SMTP_NO_SERVER;
	if (code >= 500)
		return SMTP_REJECTED;
	if (code >= 400)
		return SMTP_RETRY;
	return SMTP_NO_SERVER;
}
