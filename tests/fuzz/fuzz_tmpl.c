/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for the Mustache compiler and renderer (src/web/tmpl.c).
 * The input is up to three parts separated by NUL bytes: a template "t", JSON data, and a
 * second template "p" (so that {{>t}} and {{>p}} recurse into each other). Each template is
 * compiled; whatever compiles is rendered, under small limits so that runaway recursion ends
 * quickly. Checked: a failed compile names the template and leaves the set without it; a
 * template without "{{" renders as itself; rendering never crashes, leaks or runs away. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-separated part of in[*at..size). */
static const char *part(const uint8_t *in, size_t size, size_t *at, size_t *len)
{
	const char *s = (const char *)in + *at;
	const char *nul = *at < size ? memchr(s, '\0', size - *at) : NULL;
	*len = nul ? (size_t)(nul - s) : size - *at;
	*at = nul ? *at + *len + 1 : size;
	return s;
}

static void add(struct tmpl_set *s, const char *name, const char *text, size_t len)
{
	char err[200];
	err[0] = '\0';
	if (tmpl_set_add(s, name, text, len, err, sizeof err) == 0) {
		if (!tmpl_set_has(s, name))
			abort();
		return;
	}
	/* "name:line:col: ..." */
	if (strncmp(err, name, strlen(name)) != 0 || err[strlen(name)] != ':' ||
	    tmpl_set_has(s, name))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0, tlen, dlen, plen;
	const char *t = part(data, size, &at, &tlen);
	const char *d = part(data, size, &at, &dlen);
	const char *p = part(data, size, &at, &plen);

	struct tmpl_set *s = tmpl_set_new();
	tmpl_set_limits(s, 1 << 20, 1 << 16);
	add(s, "t", t, tlen);
	if (plen)
		add(s, "p", p, plen);
	char err[200];
	(void)tmpl_set_check(s, err, sizeof err);

	json_t *j = json_loadb(d, dlen, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	struct buf out;
	buf_init(&out);
	int rc = tmpl_render(s, "t", j, &out);
	if (rc == 0 && out.len > (1 << 20))
		abort();
	int plain = tmpl_set_has(s, "t");
	for (size_t i = 0; plain && i + 1 < tlen; i++)
		if (t[i] == '{' && t[i + 1] == '{')
			plain = 0;
	if (plain && (rc != 0 || out.len != tlen || memcmp(out.s, t, tlen) != 0))
		abort();
	if (tmpl_set_has(s, "p")) {
		buf_reset(&out);
		(void)tmpl_render(s, "p", j, &out);
	}
	buf_free(&out);
	json_decref(j);
	tmpl_set_free(s);
	return 0;
}
