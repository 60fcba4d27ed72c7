/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Ids made from names (slug.h). */
#include "util/slug.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

#define SLUG_MAX 40

/* The ASCII spelling of a Latin-1 letter (U+00C0..U+00FF), NULL for other code points. */
static const char *latin1(unsigned cp)
{
	if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) {
		static const char *const up[64] = {
		    "a", "a", "a", "a", "ae", "aa", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		    "d", "n", "o", "o", "o", "o", "oe", "",  "oe", "u", "u", "u", "ue", "y", "th", "ss",
		    "a", "a", "a", "a", "ae", "aa", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		    "d", "n", "o", "o", "o", "o", "oe", "",  "oe", "u", "u", "u", "ue", "y", "th", "y"};
		return up[cp - 0xC0];
	}
	return NULL;
}

void slug_make(const char *name, const char *fallback, char *out, size_t n)
{
	size_t k = 0;
	bool dash = false;
	const unsigned char *p = (const unsigned char *)(name ? name : ""),
	                    *end = p + strlen((const char *)p);
	while (p < end && k < SLUG_MAX && k + 1 < n) {
		uint32_t cp;
		size_t len = text_utf8_next(p, end, &cp);
		if (!len) {
			p++;
			dash = k > 0;
			continue;
		}
		p += len;
		const char *add = NULL;
		char one[2] = {0, 0};
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			one[0] = (char)cp, add = one;
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp + 32), add = one;
		else
			add = latin1(cp);
		if (!add || !*add) {
			dash = k > 0;
			continue;
		}
		size_t need = strlen(add) + (dash ? 1 : 0);
		if (k + need > SLUG_MAX || k + need + 1 > n)
			break;
		if (dash)
			out[k++] = '-';
		dash = false;
		memcpy(out + k, add, strlen(add));
		k += strlen(add);
	}
	out[k] = '\0';
	if (!k)
		snprintf(out, n, "%s", fallback);
}

void slug_unique(const char *name, const char *fallback, bool (*taken)(void *arg, const char *id),
                 void *arg, char *out, size_t n)
{
	char base[SLUG_MAX + 1];
	slug_make(name, fallback, base, sizeof base);
	snprintf(out, n, "%s", base);
	for (int i = 2; taken(arg, out) && i < 1000000; i++)
		snprintf(out, n, "%s-%d", base, i);
}
