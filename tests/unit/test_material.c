/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Written material: the type comes from the bytes (libmagic) and only PDF, DOCX, XLSX, PPTX
 * and images pass; the size limit at its boundary; file names made safe; SHA-256. The sample
 * files are in tests/data/material ($MATERIAL_DIR overrides). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <zip.h>

#include "core/material.h"
#include "core/package.h"
#include "util/buf.h"
#include "util/diag.h"

static void load(const char *name, struct buf *b)
{
	const char *dir = getenv("MATERIAL_DIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/data/material", name);
	buf_init(b);
	assert_int_equal(buf_read_file(b, path), 0);
}

/* Checks file name (as uploaded) and returns its accepted type, or NULL with the message in
 * msg. */
static const char *check(const char *name, size_t max, char *msg, size_t n)
{
	struct buf b;
	load(name, &b);
	struct diags d;
	diags_init(&d);
	const char *mime = NULL;
	int rc = material_check(name, (const unsigned char *)b.s, b.len, max, &mime, &d);
	msg[0] = '\0';
	if (rc != 0) {
		assert_int_equal(d.n, 1);
		assert_string_equal(d.v[0].field, "file");
		snprintf(msg, n, "%s", d.v[0].msg);
		mime = NULL;
	} else {
		assert_int_equal(d.n, 0);
	}
	diags_free(&d);
	buf_free(&b);
	return mime;
}

static void test_allowed_types(void **state)
{
	(void)state;
	static const struct {
		const char *file, *mime, *ext;
	} ok[] = {
	    {"notat.pdf", "application/pdf", "pdf"},
	    {"notat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	     "docx"},
	    {"budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	     "xlsx"},
	    {"oplaeg.pptx",
	     "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
	    {"billede.png", "image/png", "png"},
	    {"billede.jpg", "image/jpeg", "jpg"},
	    {"billede.gif", "image/gif", "gif"},
	    {"billede.webp", "image/webp", "webp"},
	};
	char msg[600];
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		const char *mime = check(ok[i].file, MATERIAL_MAX_BYTES, msg, sizeof msg);
		if (!mime)
			fail_msg("%s: %s", ok[i].file, msg);
		assert_string_equal(mime, ok[i].mime);
		assert_string_equal(material_type_ext(mime), ok[i].ext);
		assert_non_null(material_type_label(mime));
	}
}

/* Whatever a browser could run or the secretariat cannot open is refused, with the type
 * found and the types allowed; the name does not matter. */
static void test_refused_types(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
	    {"side.html", "er en HTML-side,"},       {"tegning.svg", "er en SVG-tegning,"},
	    {"tekst.txt", "er en tekstfil,"},        {"arkiv.zip", "er en zip-fil,"},
	    {"program.exe", "er et Windows-program,"},
	};
	char msg[600];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_null(check(bad[i][0], MATERIAL_MAX_BYTES, msg, sizeof msg));
		assert_non_null(strstr(msg, bad[i][0]));
		assert_non_null(strstr(msg, bad[i][1]));
		assert_non_null(strstr(msg, "Brug PDF, Word (DOCX)"));
	}
	/* An HTML page named .pdf is still HTML. */
	struct buf b;
	load("side.html", &b);
	struct diags d;
	diags_init(&d);
	const char *mime = NULL;
	assert_int_equal(material_check("notat.pdf", (const unsigned char *)b.s, b.len,
	                                MATERIAL_MAX_BYTES, &mime, &d),
	                 -1);
	assert_non_null(strstr(d.v[0].msg, "er en HTML-side"));
	assert_null(strstr(d.v[0].msg, "text/html")); /* the type by name, not the media type */
	diags_free(&d);
	buf_free(&b);
	assert_null(material_type_label("text/html"));
	char name[96];
	material_type_name("image/png", name, sizeof name);
	assert_string_equal(name, "et billede (PNG)");
	material_type_name("image/x-icon", name, sizeof name);
	assert_string_equal(name, "et billede (X-ICON)");
	material_type_name("application/x-foo", name, sizeof name);
	assert_string_equal(name, "en fil af typen application/x-foo");
	assert_null(material_type_label(NULL));
}

/* The limit: exactly at it passes, one byte over is refused with both sizes; empty is
 * refused. */
static void test_size_limit(void **state)
{
	(void)state;
	struct buf b;
	load("notat.pdf", &b);
	const char *mime;
	struct diags d;
	diags_init(&d);
	assert_int_equal(material_check("a.pdf", (const unsigned char *)b.s, b.len, b.len, &mime, &d), 0);
	assert_int_equal(material_check("a.pdf", (const unsigned char *)b.s, b.len, b.len - 1, &mime, &d),
	                 -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "fylder 77 byte"));
	assert_non_null(strstr(d.v[0].msg, "højst fylde 76 byte"));
	assert_int_equal(material_check("tom.pdf", (const unsigned char *)"", 0, 100, &mime, &d), -1);
	assert_int_equal(d.n, 2);
	assert_non_null(strstr(d.v[1].msg, "»tom.pdf« er tom"));
	diags_free(&d);
	char s[32];
	material_size_text(MATERIAL_MAX_BYTES, s, sizeof s);
	assert_string_equal(s, "8,0 MB");
	material_size_text(1023, s, sizeof s);
	assert_string_equal(s, "1023 byte");
	material_size_text(1024, s, sizeof s);
	assert_string_equal(s, "1 kB");
	material_size_text(1535, s, sizeof s);
	assert_string_equal(s, "1 kB");
	material_size_text(1536, s, sizeof s);
	assert_string_equal(s, "2 kB");
	material_size_text(1024 * 1024 - 1, s, sizeof s);
	assert_string_equal(s, "1024 kB");
	material_size_text(1024 * 1024, s, sizeof s);
	assert_string_equal(s, "1,0 MB");
	/* One byte over the real limit: the rounded sizes would read alike, so the message
	 * gives them exactly. */
	unsigned char *big = calloc(MATERIAL_MAX_BYTES + 1, 1);
	memcpy(big, b.s, b.len);
	diags_init(&d);
	assert_int_equal(material_check("stor.pdf", big, MATERIAL_MAX_BYTES + 1, MATERIAL_MAX_BYTES,
	                                &mime, &d),
	                 -1);
	assert_non_null(strstr(d.v[0].msg, "fylder 8.388.609 byte, men materiale må højst fylde "
	                                   "8.388.608 byte"));
	diags_free(&d);
	diags_init(&d);
	assert_int_equal(material_check("stor.pdf", big, MATERIAL_MAX_BYTES, MATERIAL_MAX_BYTES,
	                                &mime, &d),
	                 0);
	diags_free(&d);
	diags_init(&d);
	assert_int_equal(material_check("stor.pdf", big, 3 * 1024 * 1024, 2 * 1024 * 1024, &mime,
	                                &d),
	                 -1);
	assert_non_null(strstr(d.v[0].msg, "fylder 3,0 MB, men materiale må højst fylde 2,0 MB"));
	diags_free(&d);
	free(big);
	buf_free(&b);
}

static void name_is(const char *in, const char *want)
{
	char *s = material_clean_name(in);
	assert_string_equal(s, want);
	free(s);
}

static void test_names(void **state)
{
	(void)state;
	name_is("Notat.pdf", "Notat.pdf");
	name_is("C:\\Users\\anne\\Dokumenter\\Oplæg om løn.pptx", "Oplæg om løn.pptx");
	name_is("../../etc/passwd", "passwd");
	name_is("a\x01" "b\tc\x7f.pdf", "abc.pdf");
	name_is("r\xe6kke.pdf", "r_kke.pdf"); /* Latin-1 æ is not UTF-8 */
	name_is("\xed\xa0\x80x.pdf", "___x.pdf"); /* a UTF-16 surrogate */
	name_is("...", "materiale");
	name_is(" .skjult.pdf ", "skjult.pdf");
	name_is("", "materiale");
	name_is(NULL, "materiale");
	name_is("mappe/", "materiale");
	/* 150 æ (300 bytes) are cut to 100 (200 bytes), never inside a character. */
	char in[400] = "", want[400] = "";
	for (int i = 0; i < 150; i++)
		strcat(in, "æ");
	for (int i = 0; i < 100; i++)
		strcat(want, "æ");
	name_is(in, want);
	/* 199 bytes of a and then ø: ø would end at byte 201, so it goes. */
	memset(in, 'a', 199);
	strcpy(in + 199, "ø");
	memset(want, 'a', 199);
	want[199] = '\0';
	name_is(in, want);
}

/* Bidirectional controls and C1 control characters are dropped from a stored name:
 * "notat<U+202E>fdp.exe" would show as "notatexe.pdf". */
static void test_names_bidi(void **state)
{
	(void)state;
	name_is("notat\xE2\x80\xAE" "fdp.exe", "notatfdp.exe");
	name_is("\xE2\x81\xA6" "a\xE2\x81\xA9" "b\xE2\x80\x8F" "c\xD8\x9C.pdf", "abc.pdf");
	name_is("x\xC2\x85y.pdf", "xy.pdf");
	name_is("\xE2\x80\xAE", "materiale");
	name_is("Søren \xE2\x80\x8D.pdf", "Søren \xE2\x80\x8D.pdf"); /* ZWJ is not bidi */
}

static void file_is(const char *name, const char *mime, const char *want)
{
	char *s = material_file_name(name, mime);
	assert_string_equal(s, want);
	free(s);
}

/* A file is saved under the extension of the type libmagic found: a wrong one replaced, a
 * missing one added, a right one (in any case) kept. */
static void test_file_names(void **state)
{
	(void)state;
	const char *pdf = "application/pdf";
	file_is("referat.html", pdf, "referat.pdf");
	file_is("referat.HTM", pdf, "referat.pdf");
	file_is("referat.svg", "image/png", "referat.png");
	file_is("rapport.PDF", pdf, "rapport.PDF");
	file_is("foto.jpeg", "image/jpeg", "foto.jpeg");
	file_is("foto.JPG", "image/jpeg", "foto.JPG");
	file_is("foto.png", "image/jpeg", "foto.jpg");
	file_is("referat", pdf, "referat.pdf");
	file_is("Budget 2027.1", pdf, "Budget 2027.1.pdf"); /* "1" is not an extension */
	file_is("notat.", pdf, "notat.pdf");
	file_is("notat .", pdf, "notat.pdf");
	file_is("regneark.xlsx.docx", "application/vnd.openxmlformats-officedocument."
	                              "spreadsheetml.sheet",
	        "regneark.xlsx.xlsx");
	/* Old rows stored before names were cleaned come out without bidirectional controls. */
	file_is("notat\xE2\x80\xAE" "fdp.exe", pdf, "notatfdp.pdf");
	file_is("\xE2\x80\xAE", pdf, "materiale.pdf");
	/* A type that is not allowed keeps the clean name. */
	file_is("side.html", "text/html", "side.html");
}

static void test_sha256(void **state)
{
	(void)state;
	char h[65];
	material_sha256((const unsigned char *)"abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	material_sha256((const unsigned char *)"", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void file_name_is(int pos, const char *title, const char *file, char *const *taken,
                         size_t n, const char *want)
{
	char *s = package_file_name(pos, title, file, taken, n);
	assert_string_equal(s, want);
	free(s);
}

/* Names in the package: numbered by item, Windows-safe, unique. */
static void test_package_names(void **state)
{
	(void)state;
	file_name_is(3, "Kort orientering fra KL", "notat.pdf", NULL, 0,
	             "03 Kort orientering fra KL - notat.pdf");
	file_name_is(12, "Økonomi: 2027/2028?", "bilag \"a\".xlsx", NULL, 0,
	             "12 Økonomi_ 2027_2028_ - bilag _a_.xlsx");
	file_name_is(1, "Titel...", "uden-endelse", NULL, 0, "01 Titel - uden-endelse");
	file_name_is(1, "T", ".pdf", NULL, 0, "01 T - .pdf");
	/* The title is cut to 60 bytes on a character boundary: 30 æ (60 bytes) stay, the 31st
	 * goes. */
	char title[128] = "", want[200] = "05 ";
	for (int i = 0; i < 31; i++)
		strcat(title, "æ");
	for (int i = 0; i < 30; i++)
		strcat(want, "æ");
	strcat(want, " - a.pdf");
	file_name_is(5, title, "a.pdf", NULL, 0, want);
	/* Taken: (2), then (3), before the extension. */
	char *taken[] = {"03 X - a.pdf", "03 X - a (2).pdf"};
	file_name_is(3, "X", "a.pdf", taken, 1, "03 X - a (2).pdf");
	file_name_is(3, "X", "a.pdf", taken, 2, "03 X - a (3).pdf");
	/* No bidirectional controls in the title or the name. */
	file_name_is(4, "Ti\xE2\x80\xAE" "tel", "a\xE2\x81\xA7" "b.pdf", NULL, 0, "04 Titel - ab.pdf");
}

/* The archive reads back with libzip: names in UTF-8, the bytes, stored or deflated. */
static void test_package_zip(void **state)
{
	(void)state;
	static const char agenda[] = "<!DOCTYPE html><p>Dagsorden</p>";
	unsigned char bin[300];
	for (size_t i = 0; i < sizeof bin; i++)
		bin[i] = (unsigned char)(i * 31);
	struct package_entry v[] = {{"00 Dagsorden.html", agenda, strlen(agenda), 1},
	                            {"08 Fælles vejledning - notat.pdf", bin, sizeof bin, 0},
	                            {"09 Tom - tom.pdf", "", 0, 0}};
	struct buf out;
	buf_init(&out);
	char err[200];
	assert_int_equal(package_zip(v, 3, 1800000000, &out, err, sizeof err), 0);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(out.s, out.len, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	assert_int_equal(zip_get_num_entries(za, 0), 3);
	for (zip_uint64_t i = 0; i < 3; i++) {
		zip_stat_t zs;
		assert_int_equal(zip_stat_index(za, i, 0, &zs), 0);
		assert_string_equal(zs.name, v[i].name);
		assert_int_equal(zs.size, v[i].len);
		assert_int_equal(zs.comp_method, v[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE);
		assert_int_equal(zs.mtime / 2, 1800000000 / 2); /* DOS times have 2 s steps */
		char got[400];
		zip_file_t *f = zip_fopen_index(za, i, 0);
		assert_non_null(f);
		assert_int_equal(zip_fread(f, got, sizeof got), (zip_int64_t)v[i].len);
		zip_fclose(f);
		assert_memory_equal(got, v[i].data, v[i].len);
	}
	zip_close(za);
	zip_error_fini(&ze);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allowed_types), cmocka_unit_test(test_refused_types),
	    cmocka_unit_test(test_size_limit),    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_names_bidi),    cmocka_unit_test(test_file_names),
	    cmocka_unit_test(test_sha256),        cmocka_unit_test(test_package_names),
	    cmocka_unit_test(test_package_zip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
