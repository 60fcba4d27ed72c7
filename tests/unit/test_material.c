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

#include "core/material.h"
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
	    {"side.html", "text/html"},         {"tegning.svg", "image/svg+xml"},
	    {"tekst.txt", "text/plain"},        {"arkiv.zip", "application/zip"},
	    {"program.exe", "application/x-dosexec"},
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
	assert_non_null(strstr(d.v[0].msg, "text/html"));
	diags_free(&d);
	buf_free(&b);
	assert_null(material_type_label("text/html"));
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

static void test_sha256(void **state)
{
	(void)state;
	char h[65];
	material_sha256((const unsigned char *)"abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	material_sha256((const unsigned char *)"", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allowed_types), cmocka_unit_test(test_refused_types),
	    cmocka_unit_test(test_size_limit),    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
