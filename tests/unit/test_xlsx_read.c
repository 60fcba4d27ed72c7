/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the workbook reader (src/util/xlsx_read.c): Excel's day numbers at their
 * edges in both date systems (the 29 February 1900 Excel counts but that never was), cells
 * of every kind — shared, inline, rich text with a phonetic reading left out, formula
 * results, booleans, errors, dates by built-in and custom formats — a prefixed namespace,
 * and what is refused. Packages are built in memory with package_zip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/package.h"
#include "util/buf.h"
#include "util/xlsx_read.h"

#define NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "http://schemas.openxmlformats.org/package/2006/relationships"

/* A package with the given workbookPr, sheet, shared strings and styles (NULL: left out). */
static void book(struct buf *out, const char *pr, const char *sheet, const char *sst, const char *sty)
{
	char *rels = "<Relationships xmlns=\"" PKG "\"><Relationship Id=\"rId1\" Type=\"" REL
	             "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
	char wb[600];
	snprintf(wb, sizeof wb,
	         "<workbook xmlns=\"" NS "\" xmlns:r=\"" REL "\">%s<sheets><sheet name=\"Ark 1\" "
	         "sheetId=\"1\" r:id=\"rId7\"/><sheet name=\"To\" sheetId=\"2\" r:id=\"rId8\"/>"
	         "</sheets></workbook>",
	         pr);
	char *wrels = "<Relationships xmlns=\"" PKG "\">"
	              "<Relationship Id=\"rId8\" Type=\"" REL "/worksheet\" Target=\"worksheets/s2.xml\"/>"
	              "<Relationship Id=\"rId7\" Type=\"" REL "/worksheet\" Target=\"/xl/worksheets/s1.xml\"/>"
	              "<Relationship Id=\"rId2\" Type=\"" REL "/sharedStrings\" Target=\"strings.xml\"/>"
	              "<Relationship Id=\"rId3\" Type=\"" REL "/styles\" Target=\"styles.xml\"/>"
	              "</Relationships>";
	struct package_entry e[7] = {
	    {"_rels/.rels", rels, strlen(rels), 1},
	    {"xl/workbook.xml", wb, strlen(wb), 1},
	    {"xl/_rels/workbook.xml.rels", wrels, strlen(wrels), 0},
	    {"xl/worksheets/s1.xml", sheet, strlen(sheet), 1},
	    {"xl/worksheets/s2.xml", "<worksheet/>", 12, 0},
	};
	size_t n = 5;
	if (sst)
		e[n++] = (struct package_entry){"xl/strings.xml", sst, strlen(sst), 1};
	if (sty)
		e[n++] = (struct package_entry){"xl/styles.xml", sty, strlen(sty), 0};
	char err[200];
	buf_init(out);
	assert_int_equal(package_zip(e, n, 0, out, err, sizeof err), 0);
}

/* Every cell as "row:col:kind:date:text" lines. */
static int collect(void *arg, long r, const struct xlr_cell *c, size_t n)
{
	struct buf *b = arg;
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%ld:%ld:%d:%d:%.*s\n", r, c[i].col, (int)c[i].kind, (int)c[i].date,
		           (int)c[i].len, c[i].s);
	return 0;
}

static void test_days_1900_and_1904(void **state)
{
	(void)state;
	struct buf b;
	book(&b, "", "<worksheet xmlns=\"" NS "\"/>", NULL, NULL);
	char err[200];
	struct xlr *x = xlr_open(b.s, b.len, err, sizeof err);
	assert_non_null(x);
	assert_string_equal(xlr_sheet(x), "Ark 1");
	fk_date d;
	char s[11];
	assert_int_equal(xlr_day(x, 1, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "1900-01-01");
	assert_int_equal(xlr_day(x, 59, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "1900-02-28");
	assert_int_equal(xlr_day(x, 60, &d), -1); /* 29 February 1900 never was */
	assert_int_equal(xlr_day(x, 0, &d), -1);
	assert_int_equal(xlr_day(x, -1, &d), -1);
	assert_int_equal(xlr_day(x, 61, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "1900-03-01");
	assert_int_equal(xlr_day(x, 46388.75, &d), 0); /* a time of day is dropped */
	date_format(d, s);
	assert_string_equal(s, "2027-01-01");
	assert_int_equal(xlr_day(x, 2958465, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "9999-12-31");
	assert_int_equal(xlr_day(x, 2958466, &d), -1);
	xlr_close(x);
	buf_free(&b);
	book(&b, "<workbookPr date1904=\"true\"/>", "<worksheet xmlns=\"" NS "\"/>", NULL, NULL);
	x = xlr_open(b.s, b.len, err, sizeof err);
	assert_non_null(x);
	assert_int_equal(xlr_day(x, 0, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "1904-01-01");
	assert_int_equal(xlr_day(x, 44926, &d), 0);
	date_format(d, s);
	assert_string_equal(s, "2027-01-01");
	xlr_close(x);
	buf_free(&b);
}

static void test_cells_of_every_kind(void **state)
{
	(void)state;
	const char *sheet =
	    "<x:worksheet xmlns:x=\"" NS "\"><x:sheetData>"
	    "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>1</x:v></x:c><x:c r=\"C2\" t=\"inlineStr\"><x:is>"
	    "<x:r><x:t>Æble</x:t></x:r><x:r><x:t xml:space=\"preserve\"> og pære</x:t></x:r>"
	    "<x:rPh><x:t>ignored</x:t></x:rPh></x:is></x:c><x:c r=\"D2\" s=\"1\"><x:v>46388</x:v></x:c>"
	    "<x:c r=\"E2\" s=\"2\"><x:v>46388</x:v></x:c><x:c r=\"F2\" s=\"3\"><x:v>12.5</x:v></x:c></x:row>"
	    "<x:row><x:c t=\"b\"><x:v>1</x:v></x:c><x:c t=\"e\"><x:v>#REF!</x:v></x:c>"
	    "<x:c t=\"str\"><x:f>A1&amp;\"x\"</x:f><x:v>&lt;tekst&gt;</x:v></x:c><x:c><x:f>1+1</x:f></x:c>"
	    "<x:c t=\"d\"><x:v>2027-01-01T00:00:00</x:v></x:c><x:c s=\"99\"><x:v>1</x:v></x:c></x:row>"
	    "<x:row r=\"9\"/></x:sheetData></x:worksheet>";
	const char *sst = "<sst xmlns=\"" NS "\"><si><t>nul</t></si><si><r><t>en</t></r><r><t>to</t></r>"
	                  "<rPh sb=\"0\" eb=\"1\"><t>fonetisk</t></rPh></si></sst>";
	const char *sty = "<styleSheet xmlns=\"" NS "\"><numFmts><numFmt numFmtId=\"164\" "
	                  "formatCode=\"[$-406]d\\.\\ mmmm\\ yyyy\"/><numFmt numFmtId=\"165\" "
	                  "formatCode=\"#,##0.00\\ &quot;kr.&quot;\"/></numFmts><cellStyleXfs><xf numFmtId=\"14\"/>"
	                  "</cellStyleXfs><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
	                  "<xf numFmtId=\"165\"/></cellXfs></styleSheet>";
	struct buf b, out;
	book(&b, "", sheet, sst, sty);
	buf_init(&out);
	char err[200];
	long at;
	struct xlr *x = xlr_open(b.s, b.len, err, sizeof err);
	assert_non_null(x);
	assert_int_equal(xlr_rows(x, collect, &out, err, sizeof err, &at), 0);
	assert_string_equal(out.s, "2:2:0:0:ento\n"
	                           "2:3:0:0:Æble og pære\n"
	                           "2:4:1:1:46388\n"
	                           "2:5:1:1:46388\n"
	                           "2:6:1:0:12.5\n"
	                           "3:1:2:0:SAND\n"
	                           "3:2:3:0:#REF!\n"
	                           "3:3:0:0:<tekst>\n"
	                           "3:5:0:0:2027-01-01\n"
	                           "3:6:1:0:1\n");
	xlr_close(x);
	buf_free(&b);
	buf_free(&out);
}

/* The reason xlr_open or xlr_rows gives for a package with this sheet, or "" when it reads. */
static void refused(const char *sheet, const char *sst, const char *want)
{
	struct buf b, out;
	book(&b, "", sheet, sst, NULL);
	buf_init(&out);
	char err[200] = "";
	long at;
	struct xlr *x = xlr_open(b.s, b.len, err, sizeof err);
	if (x)
		assert_int_equal(xlr_rows(x, collect, &out, err, sizeof err, &at), -1);
	if (!strstr(err, want))
		fail_msg("wanted »%s«, got »%s«", want, err);
	xlr_close(x);
	buf_free(&b);
	buf_free(&out);
}

static void test_refused(void **state)
{
	(void)state;
	refused("<!DOCTYPE w [<!ENTITY a \"b\">]><worksheet/>", NULL, "dokumenttypeerklæring");
	refused("<worksheet><sheetData><row r=\"2\"/><row r=\"1\"/></sheetData></worksheet>", NULL,
	        "rækkefølge");
	refused("<worksheet><sheetData><row><c r=\"B1\"/><c r=\"A1\"/></row></sheetData></worksheet>",
	        NULL, "ugyldig placering");
	refused("<worksheet><sheetData><row><c r=\"XFE1\"/></row></sheetData></worksheet>", NULL,
	        "ugyldig placering");
	refused("<worksheet><sheetData><row><c t=\"s\"><v>3</v></c></row></sheetData></worksheet>",
	        "<sst><si><t>a</t></si></sst>", "henviser til en tekst");
	refused("<worksheet><sheetData><row><c><v>1e999</v></c></row></sheetData></worksheet>", NULL,
	        "tal, der ikke kan læses");
	refused("<worksheet><sheetData><row>", NULL, "ikke gyldig XML");
	char err[200];
	assert_null(xlr_open("PK\003\004 not really", 18, err, sizeof err));
	assert_non_null(strstr(err, "ikke et Excel-regneark"));
	assert_null(xlr_open("", 0, err, sizeof err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days_1900_and_1904),
	    cmocka_unit_test(test_cells_of_every_kind),
	    cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
