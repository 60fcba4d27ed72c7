/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* libFuzzer harness for uploaded material (src/core/material.c): the first byte splits the
 * input into a file name and the file's bytes. The cleaned name is always non-empty,
 * well-formed UTF-8 of at most MATERIAL_NAME_MAX bytes, without path separators, control
 * characters or a leading dot; the check accepts only an allowed type within the limit, and
 * refuses with exactly one diagnostic on "file" that names the file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/material.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t k;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

static void name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MATERIAL_NAME_MAX || s[0] == '.' || s[0] == ' ')
		abort();
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		if (u[i] < 0x20 || u[i] == 0x7f || u[i] == '/' || u[i] == '\\')
			abort();
		size_t k = utf8_len(u + i, n - i);
		if (!k)
			abort();
		i += k;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t split = data[0] % 64;
	if (split > size - 1)
		split = size - 1;
	char *name = malloc(split + 1);
	memcpy(name, data + 1, split);
	name[split] = '\0';
	const unsigned char *file = data + 1 + split;
	size_t len = size - 1 - split;
	char *clean = material_clean_name(name);
	name_ok(clean);
	size_t max = (data[0] & 0x40) ? len : len + 1; /* at and under the limit */
	if (data[0] & 0x80)
		max = len ? len - 1 : 0; /* one byte over */
	struct diags d;
	diags_init(&d);
	const char *mime = NULL;
	int rc = material_check(name, file, len, max, &mime, &d);
	if (rc == 0) {
		if (d.n != 0 || !mime || !material_type_label(mime) || len == 0 || len > max)
			abort();
	} else {
		if (d.n != 1 || !d.v[0].field || strcmp(d.v[0].field, "file") != 0 ||
		    !strstr(d.v[0].msg, clean))
			abort();
	}
	char h[65];
	material_sha256(file, len, h);
	if (strlen(h) != 64)
		abort();
	diags_free(&d);
	free(clean);
	free(name);
	return 0;
}
