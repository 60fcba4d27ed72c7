/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the CSV reader and writer (src/util/csv.c): the RFC 4180 dialect the
 * appointments file and the municipality data are read with (SPEC §5.2: comma or semicolon,
 * a byte-order mark from Danish Excel), and every kind of bad input, reported at its exact
 * line:column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

/* ------------------------------------------------------------------------------------ */
/* Helpers */

/* Reads every record of in[0..len) and writes them to out as "[f1|f2]" per record.
 * Returns what the last csv_next returned (0 at a clean end, -1 on error). *sep gets the
 * detected separator. */
static int parse_n(const char *in, size_t len, struct buf *out, struct diags *d, char *sep)
{
	struct csv_reader r;
	int rc;
	csv_open(&r, in, len, "test.csv");
	if (sep)
		*sep = r.sep;
	while ((rc = csv_next(&r, d)) == 1) {
		buf_addc(out, '[');
		for (size_t i = 0; i < r.nfields; i++) {
			if (i)
				buf_addc(out, '|');
			assert_int_equal(strlen(r.fields[i].s), r.fields[i].len);
			buf_add(out, r.fields[i].s, r.fields[i].len);
		}
		buf_addc(out, ']');
	}
	csv_close(&r);
	return rc;
}

/* Asserts that in parses cleanly to want with separator want_sep. */
static void expect_records(const char *in, char want_sep, const char *want)
{
	struct buf out;
	struct diags d;
	char sep = 0;
	buf_init(&out);
	diags_init(&d);
	assert_int_equal(parse_n(in, strlen(in), &out, &d, &sep), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(sep, want_sep);
	assert_string_equal(out.s, want);
	buf_free(&out);
	diags_free(&d);
}

/* Asserts that in[0..len) fails with one diagnostic at line:col whose message starts with
 * prefix, and that the reader then stays stopped. */
static void expect_error_n(const char *in, size_t len, long line, long col, const char *prefix)
{
	struct csv_reader r;
	struct diags d;
	int rc;
	diags_init(&d);
	csv_open(&r, in, len, "test.csv");
	while ((rc = csv_next(&r, &d)) == 1)
		;
	assert_int_equal(rc, -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "test.csv");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	if (strncmp(d.v[0].msg, prefix, strlen(prefix)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", d.v[0].msg, prefix);
	/* Stopped: no second record, no second diagnostic. */
	assert_int_equal(csv_next(&r, &d), -1);
	assert_int_equal(d.n, 1);
	csv_close(&r);
	diags_free(&d);
}

static void expect_error(const char *in, long line, long col, const char *prefix)
{
	expect_error_n(in, strlen(in), line, col, prefix);
}

/* ------------------------------------------------------------------------------------ */
/* Separators */

static void test_comma(void **state)
{
	(void)state;
	expect_records("a,b,c\n1,2,3\n", ',', "[a|b|c][1|2|3]");
}

/* Danish Excel writes ';' and leaves commas in the text. */
static void test_semicolon(void **state)
{
	(void)state;
	expect_records("navn;by\nAnne;Aarhus, C\n", ';', "[navn|by][Anne|Aarhus, C]");
}

/* The separator is the first ',' or ';' outside quotes on the header line. */
static void test_separator_detection(void **state)
{
	(void)state;
	expect_records("\"a,b\";c\n1;2\n", ';', "[a,b|c][1|2]");
	expect_records("a;b,c\n", ';', "[a|b,c]");
	expect_records("a,b;c\n", ',', "[a|b;c]");
	/* No separator on the header line: ',' by default, also when the next line has ';'. */
	expect_records("kode\n1;2\n", ',', "[kode][1;2]");
	/* Blank lines before the header do not hide it. */
	expect_records("\n\nx;y\n", ';', "[x|y]");
	expect_records("", ',', "");
}

/* ------------------------------------------------------------------------------------ */
/* Byte-order mark, line ends, blank lines */

static void test_bom(void **state)
{
	(void)state;
	expect_records("\xEF\xBB\xBFkode;navn\n101;K\xC3\xB8"
	               "benhavn\n",
	               ';',
	               "[kode|navn][101|K\xC3\xB8"
	               "benhavn]");
}

/* The mark is not part of the first field and not counted as a column. */
static void test_bom_positions(void **state)
{
	(void)state;
	const char *in = "\xEF\xBB\xBF"
	                 "a,b\n";
	struct csv_reader r;
	csv_open(&r, in, strlen(in), NULL);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_string_equal(r.fields[0].s, "a");
	assert_int_equal(r.fields[0].col, 1);
	assert_int_equal(r.fields[1].col, 3);
	csv_close(&r);
	/* Only a BOM: no records. */
	expect_records("\xEF\xBB\xBF", ',', "");
}

static void test_crlf(void **state)
{
	(void)state;
	expect_records("a,b\r\nc,d\r\n", ',', "[a|b][c|d]");
	/* A lone CR ends a line too (old Mac files). */
	expect_records("a,b\rc,d\r", ',', "[a|b][c|d]");
	expect_records("a,b\r\n\r\nc,d", ',', "[a|b][c|d]");
}

/* Only truly empty lines are skipped; spaces make a record. */
static void test_blank_lines(void **state)
{
	(void)state;
	expect_records("a\n\n\r\nb\n\n", ',', "[a][b]");
	expect_records("a\n  \nb\n", ',', "[a][  ][b]");
	expect_records("\n\n\n", ',', "");
}

static void test_last_line_without_newline(void **state)
{
	(void)state;
	expect_records("a,b\nc,d", ',', "[a|b][c|d]");
	expect_records("x", ',', "[x]");
	expect_records("a,\"b\"", ',', "[a|b]");
}

/* ------------------------------------------------------------------------------------ */
/* Fields */

static void test_quoted(void **state)
{
	(void)state;
	expect_records("\"he said \"\"hi\"\"\",\"line1\nline2\",z\nnext,1\n", ',',
	               "[he said \"hi\"|line1\nline2|z][next|1]");
	/* CRLF inside quotes is kept as written. */
	expect_records("\"a\r\nb\";c\r\n", ';', "[a\r\nb|c]");
	/* Separators inside quotes are text. */
	expect_records("\"a,b;c\",d\n", ',', "[a,b;c|d]");
	expect_records("\"\"\"\"\n", ',', "[\"]");
}

static void test_empty_fields(void **state)
{
	(void)state;
	expect_records(",,\n", ',', "[||]");
	expect_records("a,,b\n", ',', "[a||b]");
	expect_records("\"\"\n", ',', "[]");
	expect_records("\"\",\"\"\n", ',', "[|]");
	expect_records("a;;\n", ';', "[a||]");
}

/* "a,b," is three fields, the last one empty. */
static void test_trailing_empty_field(void **state)
{
	(void)state;
	struct csv_reader r;
	const char *in = "a,b,\nc,d,";
	csv_open(&r, in, strlen(in), NULL);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(csv_next(&r, NULL), 1);
		assert_int_equal(r.nfields, 3);
		assert_string_equal(r.fields[2].s, "");
		assert_int_equal(r.fields[2].len, 0);
		assert_int_equal(r.fields[2].col, 5);
	}
	assert_int_equal(csv_next(&r, NULL), 0);
	csv_close(&r);
}

/* Each field knows where it starts; columns count code points, not bytes. */
static void test_positions(void **state)
{
	(void)state;
	const char *in = "K\xC3\xB8"
	                 "benhavn,\xE2\x82\xAC,\xF0\x9F\x98\x80,x\n"
	                 "\n"
	                 "\"a\nbc\",d\n";
	struct csv_reader r;
	csv_open(&r, in, strlen(in), NULL);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.record_line, 1);
	assert_int_equal(r.nfields, 4);
	long want_col[] = {1, 11, 13, 15};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(r.fields[i].line, 1);
		assert_int_equal(r.fields[i].col, want_col[i]);
	}
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.record_line, 3);
	assert_int_equal(r.fields[0].line, 3);
	assert_int_equal(r.fields[0].col, 1);
	assert_int_equal(r.fields[1].line, 4);
	assert_int_equal(r.fields[1].col, 5);
	assert_int_equal(csv_next(&r, NULL), 0);
	assert_int_equal(r.line, 5);
	csv_close(&r);
}

/* Wide records and many records: the scratch buffer grows and moves while a record is
 * read, and the fields must still point at the right text. */
static void test_growth(void **state)
{
	(void)state;
	struct buf in;
	buf_init(&in);
	buf_adds(&in, "a,b,c\n");
	for (int i = 0; i < 200; i++)
		buf_printf(&in, "%d,\"%d\"\"\",x%d\n", i, i * 7, i);
	buf_addc(&in, '"');
	for (int i = 0; i < 100000; i++)
		buf_addc(&in, (char)('a' + i % 26));
	buf_adds(&in, "\",");
	for (int i = 0; i < 300; i++)
		buf_adds(&in, "f,");
	buf_adds(&in, "end\n");

	struct csv_reader r;
	char want[64];
	csv_open(&r, in.s, in.len, NULL);
	assert_int_equal(csv_next(&r, NULL), 1);
	for (int i = 0; i < 200; i++) {
		assert_int_equal(csv_next(&r, NULL), 1);
		assert_int_equal(r.nfields, 3);
		snprintf(want, sizeof want, "%d", i);
		assert_string_equal(r.fields[0].s, want);
		snprintf(want, sizeof want, "%d\"", i * 7);
		assert_string_equal(r.fields[1].s, want);
		snprintf(want, sizeof want, "x%d", i);
		assert_string_equal(r.fields[2].s, want);
	}
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.nfields, 302);
	assert_int_equal(r.fields[0].len, 100000);
	assert_int_equal(r.fields[0].s[99999], 'a' + 99999 % 26);
	assert_string_equal(r.fields[1].s, "f");
	assert_string_equal(r.fields[300].s, "f");
	assert_string_equal(r.fields[301].s, "end");
	assert_int_equal(r.fields[301].col, 100002 + 1 + 300 * 2 + 1);
	assert_int_equal(csv_next(&r, NULL), 0);
	csv_close(&r);
	buf_free(&in);
}

/* ------------------------------------------------------------------------------------ */
/* Errors, each at its exact line:column */

static void test_error_utf8(void **state)
{
	(void)state;
	const char *p = "Ugyldig UTF-8";
	/* Windows-1252 'æ' in an unquoted field. */
	expect_error("ok,x\nab,c\xE6"
	             "d\n",
	             2, 5, p);
	/* After multi-byte characters: the column counts characters. */
	expect_error("\xC3\xA6\xC3\xB8\xFF\n", 1, 3, p);
	/* Overlong form, surrogate, above U+10FFFF, lone continuation byte. */
	expect_error("a,\xC0\xAF\n", 1, 3, p);
	expect_error("a,\xED\xA0\x80\n", 1, 3, p);
	expect_error("a,\xF4\x90\x80\x80\n", 1, 3, p);
	expect_error("\x80", 1, 1, p);
	/* Cut off at the end of the input. */
	expect_error("ab\xC3", 1, 3, p);
	expect_error("ab\xE2\x82", 1, 3, p);
	/* Inside a quoted field, on its second line. */
	expect_error("x,\"a\n\xFF\"\n", 2, 1, p);

	/* The message says what to do. */
	struct diags d;
	struct csv_reader r;
	diags_init(&d);
	csv_open(&r, "\xE6", 1, "f.csv");
	assert_int_equal(csv_next(&r, &d), -1);
	assert_non_null(strstr(d.v[0].msg, "gem filen som UTF-8"));
	assert_non_null(strstr(d.v[0].msg, "0xE6"));
	csv_close(&r);
	diags_free(&d);
}

static void test_error_nul(void **state)
{
	(void)state;
	const char in[] = "a,b\nc,\0d\n";
	expect_error_n(in, sizeof in - 1, 2, 3, "Filen indeholder et NUL-tegn");
	const char in2[] = "a,\"b\n\0\"\n";
	expect_error_n(in2, sizeof in2 - 1, 2, 1, "Filen indeholder et NUL-tegn");
}

static void test_error_quote_in_unquoted(void **state)
{
	(void)state;
	const char *p = "Et anførselstegn (\") står inde i et felt";
	expect_error("a,b\"c\n", 1, 4, p);
	expect_error("h\nx,y,  \"z\"\n", 2, 7, p);
	expect_error("\xC3\xB8\"", 1, 2, p);
}

static void test_error_text_after_quote(void **state)
{
	(void)state;
	const char *p = "Der står tekst efter det anførselstegn";
	expect_error("\"ab\"c,d\n", 1, 5, p);
	expect_error("\"ab\" ,d\n", 1, 5, p);
	/* After a quoted field that spans lines. */
	expect_error("h\nx,\"a\nb\"z\n", 3, 3, p);
}

/* Reported where the quote opened, not at the end of the file. */
static void test_error_unterminated(void **state)
{
	(void)state;
	const char *p = "Anførselstegnet, der åbner feltet her, bliver aldrig lukket";
	expect_error("a,b\nc,\"open\nmore\nlines\n", 2, 3, p);
	expect_error("\"", 1, 1, p);
	expect_error("\"abc\"\"", 1, 1, p);
}

/* A file saved as UTF-16 (Excel's »Unicode-tekst«) is named as such, with what to do, by
 * its byte-order mark or, without one, by the NUL bytes of its ASCII characters; a UTF-8
 * file with a stray NUL is still "a NUL byte", and never taken for UTF-16. */
static void test_error_utf16(void **state)
{
	(void)state;
	const char *le = "Filen er UTF-16 (little endian)", *be = "Filen er UTF-16 (big endian)";
	const char bom_le[] = "\xFF\xFEp\0e\0r\0s\0o\0n\0,\0n\0\r\0\n\0";
	expect_error_n(bom_le, sizeof bom_le - 1, 1, 1, le);
	const char bom_be[] = "\xFE\xFF\0p\0e\0r\0s\0o\0n\0,\0n\0\n";
	expect_error_n(bom_be, sizeof bom_be - 1, 1, 1, be);
	const char no_bom_le[] = "p\0e\0r\0s\0o\0n\0;\0n\0a\0m\0e\0\n\0\xE6\0";
	expect_error_n(no_bom_le, sizeof no_bom_le - 1, 1, 1, le);
	const char no_bom_be[] = "\0p\0e\0r\0s\0o\0n\0,\0n\0a\0m\0e\0\n";
	expect_error_n(no_bom_be, sizeof no_bom_be - 1, 1, 1, be);
	/* What to do: save as CSV UTF-8. */
	struct csv_reader r;
	struct diags d;
	diags_init(&d);
	csv_open(&r, bom_le, sizeof bom_le - 1, "test.csv");
	assert_int_equal(csv_next(&r, &d), -1);
	assert_non_null(strstr(d.v[0].msg, "CSV UTF-8"));
	csv_close(&r);
	diags_free(&d);
	const char stray[] = "person,name\np1,An\0ne\n";
	expect_error_n(stray, sizeof stray - 1, 2, 6, "Filen indeholder et NUL-tegn");
	const char two[] = "a\0";
	expect_error_n(two, sizeof two - 1, 1, 2, "Filen indeholder et NUL-tegn");
}

/* Records before the error are delivered; the error comes when its record is read. */
static void test_error_after_good_records(void **state)
{
	(void)state;
	struct buf out;
	struct diags d;
	buf_init(&out);
	diags_init(&d);
	const char *in = "a,b\nc,d\ne,f\"\n";
	assert_int_equal(parse_n(in, strlen(in), &out, &d, NULL), -1);
	assert_string_equal(out.s, "[a|b][c|d]");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 4);
	buf_free(&out);
	diags_free(&d);
}

/* ------------------------------------------------------------------------------------ */
/* Writing */

static void expect_written(const char *s, char sep, const char *want)
{
	struct buf out;
	buf_init(&out);
	csv_write_field(&out, s, sep);
	assert_string_equal(out.s, want);
	buf_free(&out);
}

static void test_write_field(void **state)
{
	(void)state;
	expect_written("plain", ',', "plain");
	expect_written("", ',', "");
	expect_written("a,b", ',', "\"a,b\"");
	expect_written("a,b", ';', "a,b");
	expect_written("a;b", ';', "\"a;b\"");
	expect_written("say \"hi\"", ',', "\"say \"\"hi\"\"\"");
	expect_written("\"", ',', "\"\"\"\"");
	expect_written("two\nlines", ',', "\"two\nlines\"");
	expect_written("cr\rhere", ';', "\"cr\rhere\"");
	expect_written("  spaces  ", ',', "  spaces  ");
	/* A cell a spreadsheet would run as a formula gets a ' in front. */
	expect_written("=HYPERLINK(\"http://x\")", ';', "\"'=HYPERLINK(\"\"http://x\"\")\"");
	expect_written("=1+1", ',', "'=1+1");
	expect_written("+45 12 34 56 78", ',', "'+45 12 34 56 78");
	expect_written("-2", ',', "'-2");
	expect_written("@SUM(A1)", ',', "'@SUM(A1)");
	expect_written("\tx", ',', "'\tx");
	expect_written("\rx", ',', "\"'\rx\"");
	expect_written("=a,b", ',', "\"'=a,b\"");
	/* ... and so does one that already begins with ' before such a character, so reading
	 * (which takes one ' off) gives it back. Other cells are left alone. */
	expect_written("'=x", ',', "''=x");
	expect_written("''-x", ',', "'''-x");
	expect_written("'x", ',', "'x");
	expect_written("'", ',', "'");
	expect_written("a=b", ',', "a=b");
	expect_written(" =x", ',', " =x");
	expect_written("x-", ',', "x-");
	expect_written("K\xC3\xB8"
	               "ge",
	               ',',
	               "K\xC3\xB8"
	               "ge");
}

/* The reader takes off the ' that protects a formula-like cell, and nothing else. */
static void test_read_formula_guard(void **state)
{
	(void)state;
	expect_records("'=1+1,'+45,'-2,'@x\n", ',', "[=1+1|+45|-2|@x]");
	expect_records("\"'\tx\";\"'\ry\"\n", ';', "[\tx|\ry]");
	expect_records("''=x,'''-x\n", ',', "['=x|''-x]");
	expect_records("'x,',a'=b,' =x,=raw\n", ',', "['x|'|a'=b|' =x|=raw]");
	expect_records("\"'=a,b\",c\n", ',', "[=a,b|c]");
}

/* Whatever csv_write_field writes, the reader reads back unchanged, with either
 * separator. */
static void test_round_trip(void **state)
{
	(void)state;
	static const char *const rows[][4] = {
	    {"person", "name", "email", "end"},
	    {"p1", "Anne \"Nanna\" Hansen", "", "2026-12-31"},
	    {"p2", "Hansen, Bo; Jensen", "bo@example.dk", ""},
	    {"p3", "Line1\nLine2", "a\r\nb", "cr\ronly"},
	    {"", "", "", ""},
	    {"\"", "\"\"", ",", ";"},
	    {"\xC3\xA6\xC3\xB8\xC3\xA5", " lead", "trail ", "\t"},
	    {"=SUM(A1:A9)", "+45 12", "-x", "@y"},
	    {"'=x", "''+y", "\tz", "\rw"},
	    {"'", "''", "'a", "-"},
	};
	const size_t nrows = sizeof rows / sizeof rows[0];
	const char seps[] = {',', ';'};
	for (size_t k = 0; k < 2; k++) {
		char sep = seps[k];
		struct buf out;
		buf_init(&out);
		for (size_t i = 0; i < nrows; i++) {
			for (size_t j = 0; j < 4; j++) {
				if (j)
					buf_addc(&out, sep);
				csv_write_field(&out, rows[i][j], sep);
			}
			buf_adds(&out, i % 2 ? "\r\n" : "\n");
		}
		struct csv_reader r;
		struct diags d;
		diags_init(&d);
		csv_open(&r, out.s, out.len, NULL);
		assert_int_equal(r.sep, sep);
		for (size_t i = 0; i < nrows; i++) {
			assert_int_equal(csv_next(&r, &d), 1);
			assert_int_equal(r.nfields, 4);
			for (size_t j = 0; j < 4; j++)
				assert_string_equal(r.fields[j].s, rows[i][j]);
		}
		assert_int_equal(csv_next(&r, &d), 0);
		assert_int_equal(d.n, 0);
		csv_close(&r);
		diags_free(&d);
		buf_free(&out);
	}
}

/* A reader can be closed and opened again; closing twice is harmless. */
static void test_reopen(void **state)
{
	(void)state;
	struct csv_reader r;
	csv_open(&r, "a,b\n", 4, NULL);
	assert_int_equal(csv_next(&r, NULL), 1);
	csv_close(&r);
	csv_open(&r, "c;d\n", 4, NULL);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_string_equal(r.fields[1].s, "d");
	csv_close(&r);
	csv_close(&r);
	csv_open(&r, NULL, 0, NULL);
	assert_int_equal(csv_next(&r, NULL), 0);
	csv_close(&r);
}

/* Column letters as a spreadsheet shows them (the web import names a cell so). */
static void test_col_letters(void **state)
{
	(void)state;
	static const struct {
		size_t i;
		const char *want;
	} t[] = {{0, "A"}, {8, "I"}, {25, "Z"}, {26, "AA"}, {27, "AB"}, {51, "AZ"}, {52, "BA"},
	         {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
	char out[8];
	for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
		csv_col_letters(t[k].i, out);
		assert_string_equal(out, t[k].want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_comma),
	    cmocka_unit_test(test_semicolon),
	    cmocka_unit_test(test_separator_detection),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_bom_positions),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_blank_lines),
	    cmocka_unit_test(test_last_line_without_newline),
	    cmocka_unit_test(test_quoted),
	    cmocka_unit_test(test_empty_fields),
	    cmocka_unit_test(test_trailing_empty_field),
	    cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_growth),
	    cmocka_unit_test(test_error_utf8),
	    cmocka_unit_test(test_error_nul),
	    cmocka_unit_test(test_error_quote_in_unquoted),
	    cmocka_unit_test(test_error_text_after_quote),
	    cmocka_unit_test(test_error_unterminated),
	    cmocka_unit_test(test_error_utf16),
	    cmocka_unit_test(test_error_after_good_records),
	    cmocka_unit_test(test_write_field),
	    cmocka_unit_test(test_read_formula_guard),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_reopen),
	    cmocka_unit_test(test_col_letters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
