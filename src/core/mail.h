/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_MAIL_H
#define FK_MAIL_H
/* E-mail as text: RFC 5322 headers, RFC 2047 encoded-words for Danish names and subjects
 * (folded, never splitting a character), UTF-8 quoted-printable bodies, a text/plain part
 * with a text/html alternative, an optional attachment (later: iTIP invitations), stable
 * Message-IDs and the retry schedule. Pure: no I/O, no SQL; the caller gives the time.
 *
 * No field can inject a header: addresses are checked strictly (mail_addr_ok) and refused,
 * display names and subjects have every control character (CR and LF included) turned into
 * a space and are written as encoded-words whenever they hold anything but plain words, so a
 * quote, a "<" or a line break is only ever text. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"

enum mail_kind { MAIL_ACTION, MAIL_INFO, MAIL_KIND__MAX };
/* held: an informational message waiting for its person's daily digest; digested: it went
 * out in one (store.h, the outbox). */
enum mail_state { MAIL_QUEUED, MAIL_SENT, MAIL_FAILED, MAIL_HELD, MAIL_DIGESTED, MAIL_STATE__MAX };

const char *mail_kind_name(enum mail_kind k);   /* "action", "info" */
const char *mail_state_name(enum mail_state s); /* "queued", "sent", "failed", "held", "digested" */
const char *mail_state_label(enum mail_state s); /* "I kø", "Sendt", "Fejlet", ... */
int mail_kind_parse(const char *s);             /* -1 when unknown */
int mail_state_parse(const char *s);            /* -1 when unknown */

/* The retry schedule: after attempt number attempts (1, 2, ...) failed for a passing reason,
 * wait 60 s × 2^(attempts-1), at most 6 hours. After MAIL_MAX_ATTEMPTS attempts the message
 * has failed for good. */
#define MAIL_MAX_ATTEMPTS 8
int64_t mail_backoff(int attempts);

/* True when s is an address fkigov will write into a header: ASCII, local@domain, the local
 * part of dot-atom characters, the domain of letters, digits, '-' and dots, at most 254
 * bytes; no spaces, quotes, angle brackets, commas or control characters. */
bool mail_addr_ok(const char *s);

/* Parses a sender such as "Sekretariat FKI <fki@kombit.dk>" or "fki@kombit.dk" into
 * name[nn] (may come back "") and addr[na]. 0, or -1 when there is no valid address. */
int mail_parse_from(const char *s, char *name, size_t nn, char *addr, size_t na);

/* The Message-ID of the message with idempotency key key, for a sender in domain:
 * "<PREFIX.HASH@domain>" where PREFIX is the key with every character that may not stand in
 * a Message-ID made a '-' (at most 24 of them) and HASH 16 hex digits of the key's SHA-256.
 * The same key always gives the same id. out gets at most n bytes. */
void mail_message_id(const char *key, const char *domain, char *out, size_t n);

/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" (or "YYYY-MM-DDTHH:MMZ", or a day) as seconds
 * since the epoch into *t: 0, or -1 when s is not one. */
int mail_utc_parse(const char *s, int64_t *t);

/* The RFC 5322 date of UTC time t in Danish local time: "Fri, 27 Nov 2026 11:00:00 +0100". */
void mail_date(int64_t t, char out[40]);

/* A header's text after the name: every control character (CR, LF, TAB, NUL ...) and invalid
 * UTF-8 byte becomes a space. Returned in a new string. */
char *mail_clean(const char *s);

/* Appends "Name: value" and CRLF to b, value written as RFC 2047 encoded-words (UTF-8,
 * Q encoding, each word at most 75 characters and every line at most 76) when it holds
 * non-ASCII, specials or is long, else as it is; value is cleaned (mail_clean) first. With
 * phrase true the plain form is allowed only for atoms and spaces (a display name). */
void mail_header_text(struct buf *b, const char *name, const char *value, bool phrase);
/* Appends "Name: display <addr>" (or "Name: addr" for an empty display name) and CRLF. The
 * address must pass mail_addr_ok (asserted by the caller). */
void mail_header_addr(struct buf *b, const char *name, const char *display, const char *addr);

/* Appends text as quoted-printable (RFC 2045) to b: line breaks as CRLF, lines at most 76
 * characters with soft breaks, '=' and bytes outside printable ASCII encoded, a space or
 * tab before a line break encoded, and a '.' or "From " at the start of a line encoded. */
void mail_qp(struct buf *b, const char *text);
/* Appends bytes as base64 in lines of 76 characters, CRLF after each. */
void mail_base64(struct buf *b, const void *p, size_t n);
/* Appends s HTML-escaped (& < > " '). */
void mail_html_escape(struct buf *b, const char *s);

/* A message to write. The strings are UTF-8; html, att may be NULL. */
struct mail_out {
	const char *from_name, *from_addr;
	const char *to_name, *to_addr;
	const char *subject;
	const char *message_id; /* "<...>" */
	int64_t date;           /* UTC seconds: the time it was queued */
	const char *text;       /* the text/plain part */
	const char *html;       /* the text/html alternative, or NULL */
	const char *att_name, *att_type;
	const void *att;
	size_t att_len;
};

/* Writes the whole message (headers, a blank line, the MIME body; CRLF line ends) into b
 * (appended). Refuses (-1, why[n] in Danish) an address that fails mail_addr_ok. */
int mail_format(struct buf *b, const struct mail_out *m, char *why, size_t n);

/* A plain Danish text as a small HTML document: paragraphs at blank lines, line breaks
 * kept, everything escaped, then link (may be NULL) as a link with the label, then closing
 * (may be NULL; a text like text). */
char *mail_html_from_text(const char *subject, const char *text, const char *link,
                          const char *label, const char *closing);

/* The public address of fkigov for links in messages, without a trailing "/":
 * $FKIGOV_PUBLIC_URL, or http://127.0.0.1:8080. */
const char *mail_public_url(void);
/* The sender from $FKIGOV_MAIL_FROM into name/addr as mail_parse_from; -1 when it is not set
 * or not valid. */
int mail_env_from(char *name, size_t nn, char *addr, size_t na);
/* The domain Message-IDs are made in: that of $FKIGOV_MAIL_FROM, else "fkigov.invalid". */
void mail_env_domain(char *out, size_t n);
#endif
