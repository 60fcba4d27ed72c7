/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_SMTP_H
#define FK_SMTP_H
/* An SMTP client over Debian's libcurl (SPEC §8): smtp://[user:password@]host[:port] with
 * STARTTLS when the server offers it, smtps://… with implicit TLS, AUTH from the URL. One
 * connection is kept open and reused for every message sent through the same handle; it
 * is opened again when the server closed it. One handle per thread. */
#include <stdbool.h>
#include <stddef.h>

struct smtp;

/* A handle for the server at url, sending as from (a bare address). The server's certificate
 * is checked against the system's CAs, or against those in the file ca when it is not NULL
 * (a municipality's own CA). NULL when url is not smtp:// or smtps:// or ca is no readable
 * file (why[n] says so in Danish). */
struct smtp *smtp_open(const char *url, const char *from, const char *ca, char *why, size_t n);
void smtp_close(struct smtp *s);

enum smtp_result {
	SMTP_SENT,      /* the server accepted the message */
	SMTP_RETRY,     /* the server refused it for now (4xx): try this message again later */
	SMTP_REJECTED,  /* the server refused it for good (5xx): do not try again */
	SMTP_NO_SERVER, /* no connection, TLS or login failed: try again later, stop the batch */
};

/* Sends data (len bytes, a whole RFC 5322 message with CRLF line ends) to the one
 * recipient rcpt. answer[n] gets the server's last answer ("250 2.0.0 Ok: queued"), or
 * libcurl's reason when the server said nothing. */
enum smtp_result smtp_send(struct smtp *s, const char *rcpt, const char *data, size_t len,
                           char *answer, size_t n);
#endif
