/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The meeting package as a ZIP archive: see package.h. */
#include "core/package.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/text.h"
#include "util/xalloc.h"

/* Appends s to b with the characters Windows forbids in file names as '_', at most max bytes
 * (never cutting a UTF-8 sequence); bidirectional controls (util/text.h) are left out, so a
 * title or name cannot read differently in the unpacked folder from what it is. */
static void add_safe(struct buf *b, const char *s, size_t max)
{
	size_t start = b->len;
	const unsigned char *end = (const unsigned char *)s + strlen(s);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp;
		size_t k = text_utf8_next(p, end, &cp);
		if (!k) { /* not UTF-8: as many bytes as the sequence claims, one '_' */
			for (k = 1; k < 4 && (p[k] & 0xc0) == 0x80; k++)
				;
			cp = '_';
		}
		if (text_is_bidi(cp)) {
			p += k;
			continue;
		}
		if (b->len - start + (cp == '_' ? 1 : k) > max)
			break;
		if (cp == '_' || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    (cp < 0x80 && strchr("\\/:*?\"<>|", (int)cp)))
			buf_addc(b, '_');
		else
			buf_add(b, p, k);
		p += k;
	}
	/* No trailing dots or spaces (Windows drops them). */
	while (b->len > start && (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '.'))
		b->len--;
}

static bool taken_name(const char *name, char *const *taken, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(taken[i], name))
			return true;
	return false;
}

char *package_file_name(int pos, const char *title, const char *file, char *const *taken,
                        size_t n)
{
	struct buf base;
	buf_init(&base);
	buf_printf(&base, "%02d ", pos);
	add_safe(&base, title ? title : "", 60);
	buf_adds(&base, " - ");
	const char *dot = file ? strrchr(file, '.') : NULL;
	size_t stem = dot && dot != file ? (size_t)(dot - file) : (file ? strlen(file) : 0);
	char *st = xstrndup(file ? file : "", stem);
	add_safe(&base, st, 120);
	free(st);
	char *ext = NULL;
	if (dot && dot != file) {
		struct buf e;
		buf_init(&e);
		add_safe(&e, dot, 16);
		ext = buf_detach(&e, NULL);
	}
	char *name = NULL;
	for (int k = 1;; k++) {
		free(name);
		if (k == 1)
			name = xasprintf("%.*s%s", (int)base.len, base.s, ext ? ext : "");
		else
			name = xasprintf("%.*s (%d)%s", (int)base.len, base.s, k, ext ? ext : "");
		if (!taken_name(name, taken, n))
			break;
	}
	free(ext);
	buf_free(&base);
	return name;
}

int package_zip(const struct package_entry *v, size_t n, time_t mtime, struct buf *out, char *err,
                size_t errlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		snprintf(err, errlen, "%s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		if (src)
			zip_source_free(src);
		return -1;
	}
	zip_source_keep(src); /* kept after zip_close, to read the archive back */
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		zip_source_t *fs = zip_source_buffer(za, v[i].len ? v[i].data : "", v[i].len, 0);
		zip_int64_t idx = fs ? zip_file_add(za, v[i].name, fs, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			if (fs)
				zip_source_free(fs);
			rc = -1;
		} else if (zip_set_file_compression(za, (zip_uint64_t)idx,
		                                    v[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) ||
		           zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0)) {
			rc = -1;
		}
	}
	if (rc != 0) {
		snprintf(err, errlen, "%s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	if (zip_close(za) != 0) {
		snprintf(err, errlen, "%s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	if (zip_source_open(src) != 0) {
		snprintf(err, errlen, "%s", zip_error_strerror(zip_source_error(src)));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	char chunk[65536];
	zip_int64_t got;
	while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)got);
	if (got < 0) {
		snprintf(err, errlen, "%s", zip_error_strerror(zip_source_error(src)));
		rc = -1;
	}
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}
