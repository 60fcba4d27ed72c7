/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* E-mail as text (core/mail.h): headers, encoded-words, quoted-printable, MIME. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/date.h"
#include "core/mail.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- names */

static const char *const kind_names[MAIL_KIND__MAX] = {"action", "info"};
static const char *const state_names[MAIL_STATE__MAX] = {"queued", "sent", "failed", "held",
                                                         "digested"};
static const char *const state_labels[MAIL_STATE__MAX] = {
    "I kø", "Sendt", "Fejlet", "Venter på dagligt sammendrag", "Med i dagligt sammendrag"};

const char *mail_kind_name(enum mail_kind k)
{
	return (unsigned)k < MAIL_KIND__MAX ? kind_names[k] : "?";
}

const char *mail_state_name(enum mail_state s)
{
	return (unsigned)s < MAIL_STATE__MAX ? state_names[s] : "?";
}

const char *mail_state_label(enum mail_state s)
{
	return (unsigned)s < MAIL_STATE__MAX ? state_labels[s] : "?";
}

int mail_kind_parse(const char *s)
{
	for (int i = 0; s && i < MAIL_KIND__MAX; i++)
		if (!strcmp(s, kind_names[i]))
			return i;
	return -1;
}

int mail_state_parse(const char *s)
{
	for (int i = 0; s && i < MAIL_STATE__MAX; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

int64_t mail_backoff(int attempts)
{
	if (attempts < 1)
		attempts = 1;
	int64_t d = 60;
	for (int i = 1; i < attempts && d < 6 * 3600; i++)
		d *= 2;
	return d > 6 * 3600 ? 6 * 3600 : d;
}

/* ---------------------------------------------------------------- addresses */

static bool is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

bool mail_addr_ok(const char *s)
{
	if (!s)
		return false;
	size_t len = strlen(s);
	const char *at = strrchr(s, '@');
	if (!len || len > 254 || !at || at == s || !at[1] || at - s > 64)
		return false;
	/* local part: dot-atom */
	for (const char *p = s; p < at; p++) {
		if (*p == '.') {
			if (p == s || p[1] == '.' || p + 1 == at)
				return false;
		} else if (!is_atext((unsigned char)*p)) {
			return false;
		}
	}
	/* domain: labels of letters, digits and '-', at least one dot */
	const char *d = at + 1;
	bool dot = false;
	for (const char *p = d; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.') {
			if (p == d || p[1] == '.' || !p[1])
				return false;
			dot = true;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c == '-')) {
			return false;
		}
	}
	return dot;
}

static void trim_copy(const char *s, size_t len, char *out, size_t n)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= 2 && s[0] == '"' && s[len - 1] == '"')
		s++, len -= 2;
	snprintf(out, n, "%.*s", (int)len, s);
}

int mail_parse_from(const char *s, char *name, size_t nn, char *addr, size_t na)
{
	if (nn)
		name[0] = 0;
	if (na)
		addr[0] = 0;
	if (!s)
		return -1;
	const char *lt = strchr(s, '<');
	if (lt) {
		const char *gt = strchr(lt, '>');
		if (!gt || gt[1 + strspn(gt + 1, " \t")])
			return -1;
		trim_copy(s, (size_t)(lt - s), name, nn);
		trim_copy(lt + 1, (size_t)(gt - lt - 1), addr, na);
	} else {
		trim_copy(s, strlen(s), addr, na);
	}
	return mail_addr_ok(addr) ? 0 : -1;
}

void mail_message_id(const char *key, const char *domain, char *out, size_t n)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)key, strlen(key));
	char prefix[25];
	size_t k = 0;
	for (const char *p = key; *p && k < 24; p++)
		prefix[k++] = is_atext((unsigned char)*p) && *p != '<' && *p != '>' ? *p : '-';
	prefix[k] = 0;
	char hex[17];
	for (int i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	snprintf(out, n, "<%s.%s@%s>", prefix, hex, domain && *domain ? domain : "fkigov.invalid");
}

int mail_utc_parse(const char *s, int64_t *t)
{
	fk_date d;
	int hh = 0, mm = 0, ss = 0;
	if (!s || strlen(s) < 10 || date_parse(s, 10, &d) != 0)
		return -1;
	if (s[10] && sscanf(s + 10, "T%2d:%2d:%2d", &hh, &mm, &ss) < 2)
		return -1;
	*t = (int64_t)d * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

void mail_date(int64_t t, char out[40])
{
	static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int off = date_cph_offset(t);
	int64_t l = t + off;
	int64_t days = l >= 0 ? l / 86400 : -((-l + 86399) / 86400);
	int64_t secs = l - days * 86400;
	int y, m, d;
	date_to_ymd((fk_date)days, &y, &m, &d);
	snprintf(out, 40, "%s, %d %s %04d %02d:%02d:%02d +%02d%02d",
	         wd[((days % 7) + 7) % 7], d, mon[m - 1], y, (int)(secs / 3600),
	         (int)(secs / 60 % 60), (int)(secs % 60), off / 3600, off / 60 % 60);
}

/* ---------------------------------------------------------------- header text */

char *mail_clean(const char *s)
{
	struct buf b;
	buf_init(&b);
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
	while (p < end) {
		uint32_t cp;
		size_t k = text_utf8_next(p, end, &cp);
		if (!k) {
			buf_addc(&b, ' ');
			p++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 ||
		    cp == 0x2029 || text_is_bidi(cp))
			buf_addc(&b, ' ');
		else
			buf_add(&b, p, k);
		p += k;
	}
	return buf_detach(&b, NULL);
}

/* Characters that stand for themselves in a Q-encoded word (RFC 2047 §5 (3)). */
static bool q_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

/* True when v may stand in a header as it is. */
static bool header_plain(const char *v, size_t prefix, bool phrase)
{
	size_t len = strlen(v);
	if (prefix + len > 76 || strstr(v, "=?"))
		return false;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p < 0x20 || *p > 0x7e)
			return false;
		if (phrase && *p != ' ' && !is_atext(*p))
			return false;
	}
	return true;
}

static void header_encoded(struct buf *b, const char *v, size_t col)
{
	const unsigned char *p = (const unsigned char *)v, *end = p + strlen(v);
	char word[80];
	size_t wl = 0;
	bool first = true;
	while (p < end) {
		uint32_t cp;
		size_t k = text_utf8_next(p, end, &cp);
		if (!k)
			k = 1; /* mail_clean made it valid; never here */
		char unit[16];
		size_t ul = 0;
		for (size_t i = 0; i < k; i++) {
			if (p[i] == ' ')
				unit[ul++] = '_';
			else if (q_plain(p[i]))
				unit[ul++] = (char)p[i];
			else
				ul += (size_t)snprintf(unit + ul, sizeof unit - ul, "=%02X", p[i]);
		}
		/* "=?UTF-8?Q?" + word + "?=" on a line with col characters before it */
		size_t room = 76 - (first ? col : 1) - 12;
		if (wl && wl + ul > room) {
			buf_printf(b, "%s=?UTF-8?Q?%.*s?=", first ? "" : "\r\n ", (int)wl, word);
			first = false;
			wl = 0;
		}
		memcpy(word + wl, unit, ul);
		wl += ul;
		p += k;
	}
	if (wl || first)
		buf_printf(b, "%s=?UTF-8?Q?%.*s?=", first ? "" : "\r\n ", (int)wl, word);
}

void mail_header_text(struct buf *b, const char *name, const char *value, bool phrase)
{
	char *v = mail_clean(value);
	size_t col = strlen(name) + 2;
	buf_printf(b, "%s: ", name);
	if (header_plain(v, col, phrase))
		buf_adds(b, v);
	else
		header_encoded(b, v, col);
	buf_adds(b, "\r\n");
	free(v);
}

void mail_header_addr(struct buf *b, const char *name, const char *display, const char *addr)
{
	assert(mail_addr_ok(addr));
	char *v = mail_clean(display);
	/* trim spaces a cleaned line break may have left */
	char *s = v;
	while (*s == ' ')
		s++;
	size_t len = strlen(s);
	while (len && s[len - 1] == ' ')
		s[--len] = 0;
	size_t col = strlen(name) + 2;
	buf_printf(b, "%s: ", name);
	if (!*s) {
		buf_adds(b, addr);
	} else {
		struct buf t;
		buf_init(&t);
		if (header_plain(s, col + strlen(addr) + 3, true))
			buf_adds(&t, s);
		else
			header_encoded(&t, s, col);
		/* the address on a line of its own when it would not fit after the name */
		const char *nl = NULL;
		for (const char *q = t.s; (q = strstr(q, "\r\n")); q += 2)
			nl = q;
		size_t last = nl ? strlen(nl + 2) : col + t.len;
		buf_add(b, t.s, t.len);
		buf_printf(b, "%s<%s>", last + strlen(addr) + 3 > 76 ? "\r\n " : " ", addr);
		buf_free(&t);
	}
	buf_adds(b, "\r\n");
	free(v);
}

/* ---------------------------------------------------------------- bodies */

void mail_qp(struct buf *b, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");
	size_t col = 0;
	while (*p) {
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p == '\n' || *p == '\r') {
			buf_adds(b, "\r\n");
			col = 0;
			p++;
			continue;
		}
		unsigned char c = *p;
		bool eol = !p[1] || p[1] == '\n' || p[1] == '\r';
		bool enc = c == '=' || c < 0x20 || c > 0x7e;
		if ((c == ' ' || c == '\t') && eol)
			enc = true;
		if (col == 0 && (c == '.' || !strncmp((const char *)p, "From ", 5)))
			enc = true;
		if (c == '\t' && !eol)
			enc = false;
		char tok[4];
		size_t tl;
		if (enc)
			tl = (size_t)snprintf(tok, sizeof tok, "=%02X", c);
		else
			tok[0] = (char)c, tl = 1;
		/* a soft break keeps lines at 76 with the '=': 75 before it, or 76 at the end */
		if (col + tl > (eol ? 76 : 75)) {
			buf_adds(b, "=\r\n");
			col = 0;
			if (c == '.' && !enc) {
				tl = (size_t)snprintf(tok, sizeof tok, "=%02X", c);
			}
		}
		buf_add(b, tok, tl);
		col += tl;
		p++;
	}
}

void mail_base64(struct buf *b, const void *p, size_t n)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = p;
	size_t col = 0;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = {t[v >> 18 & 63], t[v >> 12 & 63], i + 1 < n ? t[v >> 6 & 63] : '=',
		             i + 2 < n ? t[v & 63] : '='};
		buf_add(b, q, 4);
		if ((col += 4) >= 76) {
			buf_adds(b, "\r\n");
			col = 0;
		}
	}
	if (col)
		buf_adds(b, "\r\n");
}

void mail_html_escape(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *s);
		}
}

/* Appends text as HTML paragraphs (blank lines) with line breaks. */
static void html_paragraphs(struct buf *b, const char *text)
{
	buf_adds(b, "<p>");
	for (const char *p = text ? text : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		mail_html_escape(b, line);
		free(line);
		if (!nl)
			break;
		p = nl + 1;
		if (*p == '\n') {
			while (*p == '\n')
				p++;
			if (*p)
				buf_adds(b, "</p>\n<p>");
		} else if (*p) {
			buf_adds(b, "<br>\n");
		}
	}
	buf_adds(b, "</p>\n");
}

char *mail_html_from_text(const char *subject, const char *text, const char *link,
                          const char *label, const char *closing)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>");
	mail_html_escape(&b, subject);
	buf_adds(&b, "</title></head>\n<body style=\"font-family: Arial, sans-serif; font-size: "
	             "15px; line-height: 1.45; color: #1a1a1a\">\n");
	html_paragraphs(&b, text);
	if (link) {
		buf_adds(&b, "<p><a href=\"");
		mail_html_escape(&b, link);
		buf_adds(&b, "\">");
		mail_html_escape(&b, label ? label : link);
		buf_adds(&b, "</a></p>\n");
	}
	if (closing)
		html_paragraphs(&b, closing);
	buf_adds(&b, "</body></html>\n");
	return buf_detach(&b, NULL);
}

/* A MIME parameter value as a quoted-string of safe ASCII ('_' for anything else). */
static void param_value(struct buf *b, const char *s, const char *fallback)
{
	buf_addc(b, '"');
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n < 100; p++, n++)
		buf_addc(b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		                    (*p >= '0' && *p <= '9') || (*p && strchr(".-_+ ()", *p))
		                ? (char)*p
		                : '_');
	if (!n)
		buf_adds(b, fallback);
	buf_addc(b, '"');
}

/* A content type we write as it is: type/subtype and simple parameters, else a safe one. */
static const char *safe_type(const char *t)
{
	if (!t || !*t || strlen(t) > 120 || !strchr(t, '/'))
		return "application/octet-stream";
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("/.+-_;= ", *p)))
			return "application/octet-stream";
	return t;
}

static void part_text(struct buf *b, const char *type, const char *body)
{
	buf_printf(b,
	           "Content-Type: %s; charset=UTF-8\r\nContent-Transfer-Encoding: "
	           "quoted-printable\r\n\r\n",
	           type);
	mail_qp(b, body);
	buf_adds(b, "\r\n");
}

int mail_format(struct buf *b, const struct mail_out *m, char *why, size_t n)
{
	if (!mail_addr_ok(m->from_addr)) {
		snprintf(why, n, "Afsenderens adresse »%s« er ikke en gyldig e-mailadresse.",
		         m->from_addr ? m->from_addr : "");
		return -1;
	}
	if (!mail_addr_ok(m->to_addr)) {
		snprintf(why, n,
		         "Modtagerens adresse er ikke en gyldig e-mailadresse. Ret adressen på "
		         "personens side, og send beskeden igen.");
		return -1;
	}
	char date[40];
	mail_date(m->date, date);
	/* The boundaries from the Message-ID: "=_" never occurs in QP or base64. */
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)m->message_id, strlen(m->message_id));
	char hex[25];
	for (int i = 0; i < 12; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	char alt[48], mix[48];
	snprintf(alt, sizeof alt, "=_fkigov_a_%s", hex);
	snprintf(mix, sizeof mix, "=_fkigov_m_%s", hex);

	buf_printf(b, "Date: %s\r\n", date);
	mail_header_addr(b, "From", m->from_name, m->from_addr);
	mail_header_addr(b, "To", m->to_name, m->to_addr);
	mail_header_text(b, "Subject", m->subject, false);
	char *mid = mail_clean(m->message_id);
	buf_printf(b, "Message-ID: %s\r\n", mid);
	free(mid);
	buf_adds(b, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
	            "X-Auto-Response-Suppress: All\r\n");
	bool att = m->att && m->att_len;
	/* An invitation (text/calendar; method=...) is also the third alternative, which is
	 * where Outlook and Gmail look for it to offer "add to calendar". */
	bool cal = att && m->html && !strncmp(safe_type(m->att_type), "text/calendar", 13);
	if (att)
		buf_printf(b, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n--%s\r\n", mix,
		           mix);
	if (m->html) {
		buf_printf(b, "Content-Type: multipart/alternative;\r\n boundary=\"%s\"\r\n\r\n", alt);
		buf_printf(b, "--%s\r\n", alt);
		part_text(b, "text/plain", m->text);
		buf_printf(b, "--%s\r\n", alt);
		part_text(b, "text/html", m->html);
		if (cal) {
			buf_printf(b, "--%s\r\nContent-Type: %s; charset=UTF-8\r\n"
			              "Content-Transfer-Encoding: base64\r\n\r\n",
			           alt, safe_type(m->att_type));
			mail_base64(b, m->att, m->att_len);
		}
		buf_printf(b, "--%s--\r\n", alt);
	} else {
		part_text(b, "text/plain", m->text);
	}
	if (att) {
		buf_printf(b, "--%s\r\nContent-Type: %s; name=", mix,
		           cal ? "application/ics" : safe_type(m->att_type));
		param_value(b, m->att_name, "bilag");
		buf_adds(b, "\r\nContent-Disposition: attachment; filename=");
		param_value(b, m->att_name, "bilag");
		buf_adds(b, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
		mail_base64(b, m->att, m->att_len);
		buf_printf(b, "--%s--\r\n", mix);
	}
	return 0;
}

/* ---------------------------------------------------------------- configuration */

const char *mail_public_url(void)
{
	const char *u = getenv("FKIGOV_PUBLIC_URL");
	return u && *u ? u : "http://127.0.0.1:8080";
}

int mail_env_from(char *name, size_t nn, char *addr, size_t na)
{
	return mail_parse_from(getenv("FKIGOV_MAIL_FROM"), name, nn, addr, na);
}

void mail_env_domain(char *out, size_t n)
{
	char name[200], addr[256];
	if (mail_env_from(name, sizeof name, addr, sizeof addr) == 0)
		snprintf(out, n, "%s", strchr(addr, '@') + 1);
	else
		snprintf(out, n, "fkigov.invalid");
}
