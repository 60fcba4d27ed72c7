/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The one rule for text from users: see text.h. */
#include "util/text.h"

#include <stdio.h>
#include <string.h>

size_t text_utf8_next(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	unsigned c = p[0];
	size_t n, avail = (size_t)(end - p);
	unsigned lo = 0x80, hi = 0xbf;
	*cp = c;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		if (p[0] == 0xe0)
			lo = 0xa0; /* no overlong forms */
		else if (p[0] == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f; /* nothing above U+10FFFF */
	} else {
		return 0;
	}
	if (avail < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	for (size_t i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3f);
	*cp = c;
	return n;
}

bool text_is_bidi(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* The Unicode name of a bidirectional control, for the message. */
static const char *bidi_name(uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *name;
	} names[] = {
	    {0x061c, "ARABIC LETTER MARK"},      {0x200e, "LEFT-TO-RIGHT MARK"},
	    {0x200f, "RIGHT-TO-LEFT MARK"},      {0x202a, "LEFT-TO-RIGHT EMBEDDING"},
	    {0x202b, "RIGHT-TO-LEFT EMBEDDING"}, {0x202c, "POP DIRECTIONAL FORMATTING"},
	    {0x202d, "LEFT-TO-RIGHT OVERRIDE"},  {0x202e, "RIGHT-TO-LEFT OVERRIDE"},
	    {0x2066, "LEFT-TO-RIGHT ISOLATE"},   {0x2067, "RIGHT-TO-LEFT ISOLATE"},
	    {0x2068, "FIRST STRONG ISOLATE"},    {0x2069, "POP DIRECTIONAL ISOLATE"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].cp == cp)
			return names[i].name;
	return "";
}

int text_check(const char *s, size_t len, bool multiline, char *why, size_t whylen)
{
	char tmp[8];
	if (!why || !whylen) {
		why = tmp;
		whylen = sizeof tmp;
	}
	why[0] = '\0';
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + (s ? len : 0);
	for (size_t at = 1; p < end; at++) {
		uint32_t cp;
		size_t n = text_utf8_next(p, end, &cp);
		if (!n) {
			snprintf(why, whylen,
			         "Tegn nr. %zu kan ikke læses: byte 0x%02X er ikke gyldig "
			         "UTF-8. Skriv teksten igen, eller gem filen som UTF-8.",
			         at, (unsigned)*p);
			return -1;
		}
		p += n;
		if (cp == 0) {
			snprintf(why, whylen,
			         "Tegn nr. %zu er et NUL-tegn (byte 0), som ikke må stå i "
			         "en tekst. Slet det, og prøv igen.",
			         at);
			return -1;
		}
		if (cp == '\n' || cp == '\r') {
			if (multiline)
				continue;
			snprintf(why, whylen,
			         "Teksten skal stå på én linje, men tegn nr. %zu er et "
			         "linjeskift. Skriv den på én linje.",
			         at);
			return -1;
		}
		if (cp == '\t') {
			if (multiline)
				continue;
			snprintf(why, whylen,
			         "Tegn nr. %zu er en tabulator, som ikke må stå i feltet. "
			         "Brug et mellemrum i stedet.",
			         at);
			return -1;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			snprintf(why, whylen,
			         "Tegn nr. %zu er et usynligt kontroltegn (U+%04X), som ikke "
			         "må stå i en tekst. Slet det, og prøv igen.",
			         at, (unsigned)cp);
			return -1;
		}
		if (text_is_bidi(cp)) {
			snprintf(why, whylen,
			         "Tegn nr. %zu er et usynligt tegn, der ændrer "
			         "skriveretningen (U+%04X %s), så teksten kan se anderledes "
			         "ud, end den er. Slet det, og prøv igen.",
			         at, (unsigned)cp, bidi_name(cp));
			return -1;
		}
	}
	return 0;
}

bool text_multiline(const char *field)
{
	static const char *const names[] = {
	    "text",     "description", "reason",   "note",           "question",  "summary",
	    "delivery", "decision",    "material", "recommendation", "indicator", "target",
	    "motivation",
	};
	if (!field)
		return false;
	if (!strncmp(field, "reason-", 7)) /* reason-KEY: one per initiative */
		return true;
	size_t n = strlen(field);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t k = strlen(names[i]);
		if (!strcmp(field, names[i]) || /* or PREFIX_NAME: rate_decision, deliver_summary */
		    (n > k + 1 && field[n - k - 1] == '_' && !strcmp(field + n - k, names[i])))
			return true;
	}
	return false;
}
