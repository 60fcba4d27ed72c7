/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the text rule (src/util/text.c): one function decides what text from a form,
 * a JSON body, the command line or a CSV cell may hold. Each forbidden class at its
 * boundaries — NUL, the other C0 and C1 control characters and DEL, line breaks and TAB
 * outside multi-line fields, the bidirectional controls — and well-formed UTF-8 (Danish
 * names, other scripts, emoji) passing; malformed UTF-8 refused; a refusal says which
 * character and what to do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "util/text.h"

/* Asserts that s[0..len) passes in the given mode. */
static void ok_n(const char *s, size_t len, bool multiline)
{
	char why[300] = "unchanged";
	if (text_check(s, len, multiline, why, sizeof why) != 0)
		fail_msg("refused (%s): %s", multiline ? "multi-line" : "one line", why);
	assert_string_equal(why, "");
}

static void ok(const char *s, bool multiline)
{
	ok_n(s, strlen(s), multiline);
}

/* Asserts that s[0..len) is refused in the given mode with a reason that holds each of the
 * (up to two) given texts. */
static void bad_n(const char *s, size_t len, bool multiline, const char *has1, const char *has2)
{
	char why[300] = "";
	assert_int_equal(text_check(s, len, multiline, why, sizeof why), -1);
	if (has1 && !strstr(why, has1))
		fail_msg("reason \"%s\" lacks \"%s\"", why, has1);
	if (has2 && !strstr(why, has2))
		fail_msg("reason \"%s\" lacks \"%s\"", why, has2);
	/* Without a buffer for the reason, the verdict is the same. */
	assert_int_equal(text_check(s, len, multiline, NULL, 0), -1);
}

static void bad(const char *s, bool multiline, const char *has1, const char *has2)
{
	bad_n(s, strlen(s), multiline, has1, has2);
}

static void test_plain_and_danish(void **state)
{
	(void)state;
	for (int ml = 0; ml < 2; ml++) {
		ok("", ml);
		ok("Anne Hansen", ml);
		ok("Søren Ærø-Åberg æøå ÆØÅ", ml); /* two-byte sequences */
		ok("Café 5 € – »citat« “x”", ml);  /* three-byte ones */
		/* Emoji, one with a zero width joiner. */
		ok("\xF0\x9F\x98\x80 \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", ml);
		/* Arabic letters: written right to left, but no control among them. */
		ok("\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", ml);
		ok("\xC2\xA0no-break \xE2\x80\xAF narrow", ml); /* U+00A0, U+202F: spaces */
		ok("\xF4\x8F\xBF\xBF", ml);                     /* U+10FFFF, the last code point */
		ok("~\x20!", ml);           /* around the controls: U+0020, U+007E */
		ok("\xC2\xA0\xC2\xA1", ml); /* U+00A0, after the C1 block */
	}
	/* The length given counts, not a NUL after it. */
	ok_n("ab\0cd", 2, false);
	ok_n(NULL, 0, false);
}

static void test_nul(void **state)
{
	(void)state;
	for (int ml = 0; ml < 2; ml++) {
		bad_n("a\0b", 3, ml, "NUL", "nr. 2");
		bad_n("\0", 1, ml, "NUL", "nr. 1");
		bad_n("\xC3\xA6\xC3\xB8\0", 5, ml, "NUL", "nr. 3"); /* counted in characters */
	}
}

static void test_line_breaks_and_tab(void **state)
{
	(void)state;
	bad("To\nlinjer", false, "én linje", "nr. 3");
	bad("To\rlinjer", false, "én linje", NULL);
	bad("To\r\nlinjer", false, "én linje", NULL);
	bad("Navn\t", false, "tabulator", "nr. 5");
	ok("To\nlinjer", true);
	ok("To\r\nlinjer\r\n", true);
	ok("a\tb", true);
}

static void test_other_controls(void **state)
{
	(void)state;
	for (int ml = 0; ml < 2; ml++) {
		bad("a\x01", ml, "kontroltegn", "U+0001");
		bad("\x08", ml, "U+0008", NULL);
		bad("\x0B", ml, "U+000B", NULL); /* vertical tab: not a line break here */
		bad("\x0C", ml, "U+000C", NULL);
		bad("\x1B[31m", ml, "U+001B", NULL); /* a terminal escape */
		bad("\x1F", ml, "U+001F", NULL);
		bad("\x7F", ml, "U+007F", NULL);
		bad("\xC2\x80", ml, "U+0080", NULL); /* C1: U+0080..U+009F */
		bad("x\xC2\x85", ml, "U+0085", "nr. 2");
		bad("\xC2\x9F", ml, "U+009F", NULL);
	}
}

static void test_bidi(void **state)
{
	(void)state;
	static const struct {
		const char *utf8, *name;
	} v[] = {
	    {"\xD8\x9C", "U+061C"},     {"\xE2\x80\x8E", "U+200E"}, {"\xE2\x80\x8F", "U+200F"},
	    {"\xE2\x80\xAA", "U+202A"}, {"\xE2\x80\xAB", "U+202B"}, {"\xE2\x80\xAC", "U+202C"},
	    {"\xE2\x80\xAD", "U+202D"}, {"\xE2\x80\xAE", "U+202E"}, {"\xE2\x81\xA6", "U+2066"},
	    {"\xE2\x81\xA7", "U+2067"}, {"\xE2\x81\xA8", "U+2068"}, {"\xE2\x81\xA9", "U+2069"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char s[64];
		snprintf(s, sizeof s, "rapport%sfdp.exe", v[i].utf8);
		bad(s, false, "skriveretningen", v[i].name);
		bad(s, true, "nr. 8", v[i].name);
	}
	/* Their neighbours are ordinary characters. */
	static const char *const next_to[] = {
	    "\xD8\x9B",     /* U+061B Arabic semicolon */
	    "\xD8\x9D",     /* U+061D */
	    "\xE2\x80\x8D", /* U+200D zero width joiner (emoji) */
	    "\xE2\x80\x90", /* U+2010 hyphen */
	    "\xE2\x80\xA9", /* U+2029 paragraph separator */
	    "\xE2\x80\xAF", /* U+202F narrow no-break space */
	    "\xE2\x81\xA5", /* U+2065 */
	    "\xE2\x81\xAA", /* U+206A */
	};
	for (size_t i = 0; i < sizeof next_to / sizeof next_to[0]; i++)
		ok(next_to[i], false);
	assert_true(text_is_bidi(0x202e));
	assert_false(text_is_bidi(0x202f));
	assert_false(text_is_bidi(0x2029));
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	for (int ml = 0; ml < 2; ml++) {
		bad("\xFF", ml, "0xFF", "UTF-8");
		bad("a\x80", ml, "0x80", "nr. 2");         /* a lone continuation byte */
		bad("\xC3", ml, "0xC3", NULL);             /* cut short at the end */
		bad("\xC3(", ml, "0xC3", NULL);            /* cut short inside */
		bad("\xC0\x80", ml, "0xC0", NULL);         /* overlong NUL ("modified UTF-8") */
		bad("\xC1\xBF", ml, "0xC1", NULL);         /* overlong */
		bad("\xE0\x80\xAF", ml, "0xE0", NULL);     /* overlong '/' */
		bad("\xED\xA0\x80", ml, "0xED", NULL);     /* a surrogate, U+D800 */
		bad("\xF4\x90\x80\x80", ml, "0xF4", NULL); /* above U+10FFFF */
		bad("\xF5\x80\x80\x80", ml, "0xF5", NULL);
		bad("\xE6 d", ml, "0xE6", NULL); /* Windows-1252 æ */
	}
}

static void test_decoder(void **state)
{
	(void)state;
	uint32_t cp;
	const unsigned char *s = (const unsigned char *)"\xC3\xB8\xE2\x80\xAE\xF0\x9F\x98\x80";
	assert_int_equal(text_utf8_next(s, s + 9, &cp), 2);
	assert_int_equal(cp, 0xf8);
	assert_int_equal(text_utf8_next(s + 2, s + 9, &cp), 3);
	assert_int_equal(cp, 0x202e);
	assert_int_equal(text_utf8_next(s + 5, s + 9, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(text_utf8_next(s + 5, s + 8, &cp), 0); /* not all there */
}

static void test_multiline_fields(void **state)
{
	(void)state;
	static const char *const multi[] = {
	    "text",          "description",    "reason",       "note",
	    "question",      "summary",        "delivery",     "decision",
	    "material",      "recommendation", "indicator",    "target",
	    "rate_decision", "alloc_decision", "reason-login", "deliver_summary",
	    "answer_text",   "x_note"};
	for (size_t i = 0; i < sizeof multi / sizeof multi[0]; i++)
		assert_true(text_multiline(multi[i]));
	static const char *const one[] = {
	    "title", "name",  "email",     "key",     "topic",   "person",     "login",   "source",
	    "",      "texts", "_decision", "reasons", "subtext", "pop_source", "reason_x"};
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
		if (text_multiline(one[i]))
			fail_msg("text_multiline(\"%s\") is true", one[i]);
	assert_false(text_multiline(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_and_danish),
	    cmocka_unit_test(test_nul),
	    cmocka_unit_test(test_line_breaks_and_tab),
	    cmocka_unit_test(test_other_controls),
	    cmocka_unit_test(test_bidi),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_decoder),
	    cmocka_unit_test(test_multiline_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
