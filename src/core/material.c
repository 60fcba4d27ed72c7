/* Written material: type sniffing with libmagic, file names, sizes and checksums. */
#include "core/material.h"

#include <magic.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const struct {
	const char *mime, *label, *ext;
} types[] = {
    {"application/pdf", "PDF", "pdf"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word-dokument",
     "docx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel-regneark",
     "xlsx"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
     "PowerPoint-præsentation", "pptx"},
    {"image/png", "PNG-billede", "png"},
    {"image/jpeg", "JPEG-billede", "jpg"},
    {"image/gif", "GIF-billede", "gif"},
    {"image/webp", "WebP-billede", "webp"},
};
#define NTYPES (sizeof types / sizeof types[0])

const char *material_types_text(void)
{
	return "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX) og billeder (PNG, JPEG, GIF, "
	       "WebP)";
}

static int type_index(const char *mime)
{
	for (size_t i = 0; mime && i < NTYPES; i++)
		if (!strcmp(types[i].mime, mime))
			return (int)i;
	return -1;
}

const char *material_type_label(const char *mime)
{
	int i = type_index(mime);
	return i < 0 ? NULL : types[i].label;
}

const char *material_type_static(const char *mime)
{
	int i = type_index(mime);
	return i < 0 ? NULL : types[i].mime;
}

const char *material_type_ext(const char *mime)
{
	int i = type_index(mime);
	return i < 0 ? NULL : types[i].ext;
}

/* One libmagic handle per thread: magic_t is not thread-safe, and loading the database
 * takes a moment, so a thread keeps its handle until it ends. */
static pthread_key_t magic_key;
static pthread_once_t magic_once = PTHREAD_ONCE_INIT;

static void magic_drop(void *p) { magic_close((magic_t)p); }
static void magic_key_make(void) { pthread_key_create(&magic_key, magic_drop); }

static magic_t magic_handle(void)
{
	pthread_once(&magic_once, magic_key_make);
	magic_t h = pthread_getspecific(magic_key);
	if (h)
		return h;
	/* No decompression, no following of names: only the bytes themselves. */
	h = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
	if (!h)
		return NULL;
	if (magic_load(h, NULL) != 0) {
		magic_close(h);
		return NULL;
	}
	pthread_setspecific(magic_key, h);
	return h;
}

void material_sniff(const unsigned char *data, size_t len, char *out, size_t n)
{
	out[0] = '\0';
	magic_t h = magic_handle();
	if (!h)
		return;
	const char *t = magic_buffer(h, len ? data : (const unsigned char *)"", len);
	if (t)
		snprintf(out, n, "%s", t);
}

/* The length of the well-formed UTF-8 sequence at s (at most n bytes), 0 when there is none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t k;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4, cp = c & 0x07;
	else
		return 0;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return k;
}

char *material_clean_name(const char *name)
{
	const char *s = name ? name : "";
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			s = p + 1;
	size_t n = strlen(s), o = 0;
	char *out = xmalloc(n + 1);
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(u + i, n - i);
		if (k == 0) { /* not UTF-8 */
			if (o + 1 > MATERIAL_NAME_MAX)
				break;
			out[o++] = '_';
			i++;
			continue;
		}
		if (k == 1 && (u[i] < 0x20 || u[i] == 0x7f)) {
			i++;
			continue;
		}
		if (o + k > MATERIAL_NAME_MAX)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	/* No leading dots or spaces (hidden files, "..") and no trailing spaces. */
	size_t b = 0;
	while (b < o && (out[b] == '.' || out[b] == ' '))
		b++;
	while (o > b && out[o - 1] == ' ')
		o--;
	memmove(out, out + b, o - b);
	out[o - b] = '\0';
	if (!out[0]) {
		free(out);
		return xstrdup("materiale");
	}
	return out;
}

void material_size_text(size_t bytes, char *out, size_t n)
{
	/* Binary units, as file managers show them: 8 MB is 8 × 1024 × 1024 bytes. */
	if (bytes < 1024)
		snprintf(out, n, "%zu byte", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(out, n, "%zu kB", (bytes + 512) / 1024);
	else {
		size_t tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
		snprintf(out, n, "%zu,%zu MB", tenths / 10, tenths % 10);
	}
}

/* bytes with Danish thousands dots: "8.388.609 byte". */
static void exact_bytes(size_t bytes, char *out, size_t n)
{
	char d[32];
	int len = snprintf(d, sizeof d, "%zu", bytes);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = d[i];
	}
	snprintf(out + o, n - o, " byte");
}

int material_check(const char *name, const unsigned char *data, size_t len, size_t max,
                   const char **mime, struct diags *d)
{
	char *nm = material_clean_name(name);
	int rc = -1;
	char sz[32], lim[32], t[128];
	if (len == 0) {
		diags_add(d, NULL, 0, 0, "file", "Filen »%s« er tom. Vælg filen med materialet.", nm);
		goto out;
	}
	if (len > max) {
		material_size_text(len, sz, sizeof sz);
		material_size_text(max, lim, sizeof lim);
		if (!strcmp(sz, lim)) { /* just over: the rounded sizes look alike */
			exact_bytes(len, sz, sizeof sz);
			exact_bytes(max, lim, sizeof lim);
		}
		diags_add(d, NULL, 0, 0, "file",
		          "Filen »%s« fylder %s, men materiale må højst fylde %s. Gem den mindre "
		          "(fx som PDF), eller del den i flere filer.",
		          nm, sz, lim);
		goto out;
	}
	material_sniff(data, len, t, sizeof t);
	int i = type_index(t);
	if (i < 0) {
		if (!t[0])
			diags_add(d, NULL, 0, 0, "file",
			          "Filtypen af »%s« kunne ikke bestemmes. Prøv igen, eller kontakt "
			          "sekretariatet.",
			          nm);
		else
			diags_add(d, NULL, 0, 0, "file",
			          "Filen »%s« er af typen %s, som ikke kan lægges på som materiale. Brug "
			          "%s.",
			          nm, t, material_types_text());
		goto out;
	}
	*mime = types[i].mime;
	rc = 0;
out:
	free(nm);
	return rc;
}

void material_sha256(const unsigned char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof h);
}
