/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Written material: type sniffing with libmagic, file names, sizes and checksums. */
#include "core/material.h"

#include <magic.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/text.h"
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

void material_type_name(const char *mime, char *out, size_t n)
{
	static const struct {
		const char *mime, *name;
	} names[] = {
	    {"application/pdf", "en PDF"},
	    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	     "et Word-dokument (DOCX)"},
	    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	     "et Excel-regneark (XLSX)"},
	    {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	     "en PowerPoint-præsentation (PPTX)"},
	    {"application/msword", "et Word-dokument i det gamle format (DOC)"},
	    {"application/vnd.ms-excel", "et Excel-regneark i det gamle format (XLS)"},
	    {"application/vnd.ms-powerpoint", "en PowerPoint-præsentation i det gamle format (PPT)"},
	    {"application/vnd.oasis.opendocument.text", "et OpenDocument-dokument (ODT)"},
	    {"text/html", "en HTML-side"},
	    {"application/xhtml+xml", "en HTML-side"},
	    {"image/svg+xml", "en SVG-tegning"},
	    {"text/plain", "en tekstfil"},
	    {"text/csv", "en CSV-fil"},
	    {"application/rtf", "et RTF-dokument"},
	    {"text/rtf", "et RTF-dokument"},
	    {"application/zip", "en zip-fil"},
	    {"application/x-7z-compressed", "en 7-Zip-fil"},
	    {"application/x-rar", "en RAR-fil"},
	    {"application/gzip", "en gzip-fil"},
	    {"application/x-dosexec", "et Windows-program"},
	    {"application/x-executable", "et program"},
	    {"application/x-sharedlib", "et program"},
	    {"application/x-pie-executable", "et program"},
	    {"text/x-shellscript", "et script"},
	    {"application/javascript", "et script"},
	    {"text/javascript", "et script"},
	    {"application/json", "en JSON-fil"},
	    {"application/xml", "en XML-fil"},
	    {"text/xml", "en XML-fil"},
	    {"message/rfc822", "en e-mail"},
	    {"application/vnd.ms-outlook", "en Outlook-besked"},
	    {"application/x-empty", "en tom fil"},
	    {"application/octet-stream", "en fil af ukendt type"},
	};
	for (size_t i = 0; mime && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].mime, mime)) {
			snprintf(out, n, "%s", names[i].name);
			return;
		}
	if (mime && !strncmp(mime, "image/", 6) && mime[6]) {
		char sub[24];
		size_t k = 0;
		for (const char *s = mime + 6; *s && *s != '+' && *s != ';' && k + 1 < sizeof sub; s++)
			sub[k++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
		sub[k] = '\0';
		snprintf(out, n, "et billede (%s)", sub);
		return;
	}
	snprintf(out, n, "en fil af typen %s", mime && *mime ? mime : "ukendt");
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
		uint32_t cp;
		size_t k = text_utf8_next(u + i, u + n, &cp);
		if (k == 0) { /* not UTF-8 */
			if (o + 1 > MATERIAL_NAME_MAX)
				break;
			out[o++] = '_';
			i++;
			continue;
		}
		/* Control characters (C0, DEL, C1) and the bidirectional controls that make
		 * "notat\u202Efdp.exe" look like "notatexe.pdf" are dropped. */
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || text_is_bidi(cp)) {
			i += k;
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

/* True when s (the text after a name's last dot) looks like a file name extension: 1-8
 * ASCII letters and digits, at least one a letter ("html", "v2"; not "2027"). */
static bool ext_like(const char *s)
{
	size_t n = strlen(s), letters = 0;
	if (n < 1 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!letter && !(c >= '0' && c <= '9'))
			return false;
		letters += letter;
	}
	return letters > 0;
}

char *material_file_name(const char *name, const char *mime)
{
	char *clean = material_clean_name(name);
	const char *ext = material_type_ext(mime);
	if (!ext)
		return clean;
	char *dot = strrchr(clean, '.');
	if (dot &&
	    (!strcasecmp(dot + 1, ext) || (!strcmp(ext, "jpg") && !strcasecmp(dot + 1, "jpeg"))))
		return clean;
	if (dot && ext_like(dot + 1))
		*dot = '\0'; /* a wrong extension: replaced */
	size_t n = strlen(clean);
	while (n && (clean[n - 1] == '.' || clean[n - 1] == ' '))
		n--; /* "notat." and "notat ." become "notat.pdf" */
	char *out = n ? xasprintf("%.*s.%s", (int)n, clean, ext) : xasprintf("materiale.%s", ext);
	free(clean);
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
		else {
			char what[96];
			material_type_name(t, what, sizeof what);
			diags_add(d, NULL, 0, 0, "file",
			          "Filen »%s« er %s, som ikke kan lægges på som materiale. Brug %s.",
			          nm, what, material_types_text());
		}
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
