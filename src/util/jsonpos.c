/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "util/jsonpos.h"

#include <stdint.h>
#include <string.h>

/* A cursor over the text. Every function below checks i < len before it reads, and every
 * loop consumes at least one byte per round or stops, so any input ends. */
struct scan {
	const unsigned char *t;
	size_t len;
	size_t i;
};

static int at(const struct scan *s, unsigned char c)
{
	return s->i < s->len && s->t[s->i] == c;
}

static void skip_ws(struct scan *s)
{
	while (s->i < s->len && (s->t[s->i] == ' ' || s->t[s->i] == '\t' || s->t[s->i] == '\n' ||
	                         s->t[s->i] == '\r'))
		s->i++;
}

/* At an opening quote: moves past the closing quote (or to the end of the text). */
static void skip_string(struct scan *s)
{
	s->i++;
	while (s->i < s->len) {
		unsigned char c = s->t[s->i++];
		if (c == '\\') {
			if (s->i < s->len)
				s->i++;
		} else if (c == '"') {
			return;
		}
	}
}

/* Moves past one value: a string, a container with everything in it, or a bare word
 * (number, true, false, null, or garbage) up to the next delimiter. Brackets are counted
 * without checking that they pair up; that is enough to find a value in valid JSON and
 * harmless in invalid JSON. */
static void skip_value(struct scan *s)
{
	if (s->i >= s->len)
		return;
	unsigned char c = s->t[s->i];
	if (c == '"') {
		skip_string(s);
		return;
	}
	if (c == '{' || c == '[') {
		size_t depth = 0;
		while (s->i < s->len) {
			c = s->t[s->i];
			if (c == '"') {
				skip_string(s);
				continue;
			}
			s->i++;
			if (c == '{' || c == '[') {
				depth++;
			} else if (c == '}' || c == ']') {
				if (--depth == 0)
					return;
			}
		}
		return;
	}
	while (s->i < s->len && !strchr(",:]}[{\" \t\r\n", s->t[s->i]))
		s->i++;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the 4 hex digits of a \u escape at s->i; returns the code unit or -1. */
static long hex4(struct scan *s)
{
	if (s->len - s->i < 4)
		return -1;
	long v = 0;
	for (int k = 0; k < 4; k++) {
		int h = hexval(s->t[s->i + (size_t)k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	s->i += 4;
	return v;
}

static size_t utf8_put(unsigned long cp, unsigned char *o)
{
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* At an opening quote: decodes the string while comparing it with key, and moves past it.
 * True when the decoded string equals key. A malformed escape makes it unequal. */
static int string_equals(struct scan *s, const char *key)
{
	size_t klen = strlen(key), k = 0;
	int ok = 1;
	s->i++;
	while (s->i < s->len) {
		unsigned char c = s->t[s->i++], enc[4];
		size_t n = 1;
		enc[0] = c;
		if (c == '"')
			return ok && k == klen;
		if (c == '\\') {
			if (s->i >= s->len)
				break;
			unsigned char e = s->t[s->i++];
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			const char *p = e ? strchr(from, e) : NULL;
			if (p) {
				enc[0] = (unsigned char)to[p - from];
			} else if (e == 'u') {
				long cp = hex4(s);
				if (cp >= 0xD800 && cp < 0xDC00 && s->len - s->i >= 2 &&
				    s->t[s->i] == '\\' && s->t[s->i + 1] == 'u') {
					size_t back = s->i;
					s->i += 2;
					long lo = hex4(s);
					if (lo >= 0xDC00 && lo < 0xE000)
						cp =
						    0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					else
						s->i = back;
				}
				if (cp < 0 || (cp >= 0xD800 && cp < 0xE000))
					ok = 0;
				else
					n = utf8_put((unsigned long)cp, enc);
			} else {
				ok = 0;
			}
		}
		if (ok && (n > klen - k || memcmp(key + k, enc, n) != 0))
			ok = 0;
		else if (ok)
			k += n;
	}
	return 0;
}

/* Object at s->i: moves to the value of member key (or, with want_key, to its name). */
static int find_member(struct scan *s, const char *key, int want_key)
{
	if (!at(s, '{'))
		return 0;
	s->i++;
	for (;;) {
		skip_ws(s);
		if (!at(s, '"'))
			return 0;
		size_t name = s->i;
		int match = string_equals(s, key);
		skip_ws(s);
		if (!at(s, ':'))
			return 0;
		s->i++;
		skip_ws(s);
		if (match) {
			if (want_key)
				s->i = name;
			return 1;
		}
		skip_value(s);
		skip_ws(s);
		if (!at(s, ','))
			return 0;
		s->i++;
	}
}

/* Array at s->i: moves to element index. */
static int find_element(struct scan *s, size_t index)
{
	if (!at(s, '['))
		return 0;
	s->i++;
	for (size_t k = 0;; k++) {
		skip_ws(s);
		if (s->i >= s->len || s->t[s->i] == ']')
			return 0;
		if (k == index)
			return 1;
		skip_value(s);
		skip_ws(s);
		if (!at(s, ','))
			return 0;
		s->i++;
	}
}

void jsonpos_at(const char *text, size_t len, size_t off, long *line, long *col)
{
	const unsigned char *t = (const unsigned char *)text;
	long l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		if (t[i] == '\n') {
			l++;
			c = 1;
		} else if ((t[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

size_t jsonpos_find(const char *text, size_t len, const struct jsonpos_step *path, size_t n,
                    int at_key, long *line, long *col)
{
	struct scan s = {(const unsigned char *)text, text ? len : 0, 0};
	size_t done = 0;
	skip_ws(&s);
	size_t found = s.i;
	while (done < n) {
		const struct jsonpos_step *p = &path[done];
		int last = done + 1 == n;
		int ok =
		    p->key ? find_member(&s, p->key, at_key && last) : find_element(&s, p->index);
		if (!ok)
			break;
		found = s.i;
		done++;
	}
	jsonpos_at(text, s.len, found, line, col);
	return done;
}
