/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for ids made from names (src/util/slug.c): the Danish letters spelt out, accents
 * dropped, everything else one '-', a fallback for a name with nothing usable, and the
 * suffixes -2, -3 that make an id unique. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "util/slug.h"

static void slug_is(const char *name, const char *want)
{
	char out[64];
	slug_make(name, "x", out, sizeof out);
	if (strcmp(out, want))
		fail_msg("slug(\"%s\") = \"%s\", ventede \"%s\"", name, out, want);
}

static void danish_letters(void **state)
{
	(void)state;
	slug_is("Anne Hansen", "anne-hansen");
	slug_is("Søren Ærø Åberg", "soeren-aeroe-aaberg");
	slug_is("  René Müller--Jensen ", "rene-mueller-jensen");
	slug_is("Fælles login 2027!", "faelles-login-2027");
	slug_is("!!!", "x");
	slug_is("", "x");
	char out[64];
	slug_make("Et meget langt navn på et initiativ der bliver ved og ved og ved", "x", out,
	          sizeof out);
	assert_true(strlen(out) <= 40);
	assert_true(out[strlen(out) - 1] != '-');
}

static bool taken(void *arg, const char *id)
{
	for (const char *const *v = arg; *v; v++)
		if (!strcmp(*v, id))
			return true;
	return false;
}

static void unique_by_suffix(void **state)
{
	(void)state;
	const char *ids[] = {"anne-hansen", "anne-hansen-2", NULL};
	char out[64];
	slug_unique("Anne Hansen", "person", taken, ids, out, sizeof out);
	assert_string_equal(out, "anne-hansen-3");
	slug_unique("Bo Berg", "person", taken, ids, out, sizeof out);
	assert_string_equal(out, "bo-berg");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(danish_letters),
	    cmocka_unit_test(unique_by_suffix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
