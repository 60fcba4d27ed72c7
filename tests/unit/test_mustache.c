/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Unit tests for the Mustache renderer (src/web/tmpl.c).
 *
 * First the official specification (tests/data/mustache-spec, one cmocka test per file, every
 * case run and each failing case named), then what the web pages rely on beyond it: escaping
 * for attributes, syntax errors reported as name:line:column, the start-up check for missing
 * partials, the end of runaway recursion, number formats, truthiness, and a set shared by
 * several threads.
 *
 * The specification directory is $MUSTACHE_SPEC_DIR, else tests/data/mustache-spec (the tests
 * run from the top of the repository). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/xalloc.h"
#include "web/tmpl.h"

/* ------------------------------------------------------------------------------------ */
/* The specification */

/* The name the case's template gets in its set; a partial cannot name it ({{>}} is an error). */
#define SPEC_MAIN ""

static const char *spec_dir(void)
{
	const char *d = getenv("MUSTACHE_SPEC_DIR");
	return d && *d ? d : "tests/data/mustache-spec";
}

/* Runs one case. Returns 1 when it passes; otherwise prints why and returns 0. */
static int spec_case(const char *file, json_t *c)
{
	const char *name = json_string_value(json_object_get(c, "name"));
	const char *text = json_string_value(json_object_get(c, "template"));
	const char *want = json_string_value(json_object_get(c, "expected"));
	json_t *partials = json_object_get(c, "partials");
	char err[256] = "";
	struct buf out;
	int ok = 0;

	if (!name || !text || !want) {
		print_error("%s: a case without name, template or expected\n", file);
		return 0;
	}
	struct tmpl_set *s = tmpl_set_new();
	buf_init(&out);
	const char *pname;
	json_t *ptext;
	json_object_foreach(partials, pname, ptext)
	{
		if (tmpl_set_add(s, pname, json_string_value(ptext), json_string_length(ptext), err,
		                 sizeof err) != 0) {
			print_error("%s: %s: partial %s: %s\n", file, name, pname, err);
			goto out;
		}
	}
	if (tmpl_set_add(s, SPEC_MAIN, text, strlen(text), err, sizeof err) != 0) {
		print_error("%s: %s: %s\n", file, name, err);
		goto out;
	}
	if (tmpl_render(s, SPEC_MAIN, json_object_get(c, "data"), &out) != 0) {
		print_error("%s: %s: tmpl_render failed\n", file, name);
		goto out;
	}
	if (out.len != strlen(want) || memcmp(out.s, want, out.len) != 0) {
		char *t = json_dumps(json_object_get(c, "template"), JSON_ENCODE_ANY);
		char *w = json_dumps(json_object_get(c, "expected"), JSON_ENCODE_ANY);
		json_t *g = json_stringn(out.s, out.len);
		char *gs = json_dumps(g, JSON_ENCODE_ANY);
		print_error("%s: %s: template %s\n  expected %s\n  got      %s\n", file, name, t, w,
		            gs ? gs : "(not UTF-8)");
		free(t);
		free(w);
		free(gs);
		json_decref(g);
		goto out;
	}
	ok = 1;
out:
	buf_free(&out);
	tmpl_set_free(s);
	return ok;
}

static void test_spec_file(void **state)
{
	const char *path = *state;
	const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	json_error_t je;
	json_t *doc = json_load_file(path, 0, &je);
	if (!doc)
		fail_msg("%s:%d: %s", path, je.line, je.text);
	json_t *cases = json_object_get(doc, "tests");
	assert_true(json_is_array(cases));
	assert_true(json_array_size(cases) > 0);
	size_t i, pass = 0;
	json_t *c;
	json_array_foreach(cases, i, c) pass += (size_t)spec_case(file, c);
	size_t n = json_array_size(cases);
	json_decref(doc);
	print_message("%s: %zu of %zu cases pass\n", file, pass, n);
	if (pass != n)
		fail_msg("%s: %zu of %zu cases fail", file, n - pass, n);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .json files of the specification directory, sorted; *n gets their number. */
static char **spec_files(size_t *n)
{
	const char *dir = spec_dir();
	DIR *d = opendir(dir);
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	if (!d)
		return NULL;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		v = xgrow(v, sizeof *v, *n + 1, &cap);
		v[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

/* The required modules are all there: a missing file would otherwise pass silently. */
static void test_spec_complete(void **state)
{
	(void)state;
	static const char *const need[] = {"comments", "delimiters", "interpolation",
	                                   "inverted", "partials",   "sections"};
	size_t n;
	char **files = spec_files(&n);
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
		int found = 0;
		for (size_t j = 0; j < n; j++) {
			const char *base = strrchr(files[j], '/') + 1;
			found |= strncmp(base, need[i], strlen(need[i])) == 0 &&
			         strcmp(base + strlen(need[i]), ".json") == 0;
		}
		if (!found)
			fail_msg("%s/%s.json is missing", spec_dir(), need[i]);
	}
	for (size_t j = 0; j < n; j++)
		free(files[j]);
	free(files);
}

/* ------------------------------------------------------------------------------------ */
/* Helpers */

/* Renders text (compiled as "t" in a set with the partials given as name, text, ..., NULL)
 * with the JSON data and returns the output (to free). Fails the test on any error. */
static char *render_with(const char *json, const char *text, ...)
{
	char err[256];
	struct tmpl_set *s = tmpl_set_new();
	va_list ap;
	va_start(ap, text);
	for (const char *pn; (pn = va_arg(ap, const char *)) != NULL;) {
		const char *pt = va_arg(ap, const char *);
		if (tmpl_set_add(s, pn, pt, strlen(pt), err, sizeof err) != 0)
			fail_msg("%s", err);
	}
	va_end(ap);
	if (tmpl_set_add(s, "t", text, strlen(text), err, sizeof err) != 0)
		fail_msg("%s", err);
	json_error_t je;
	json_t *data = json_loads(json, JSON_DECODE_ANY, &je);
	if (!data)
		fail_msg("bad test data: %s", je.text);
	struct buf out;
	buf_init(&out);
	assert_int_equal(tmpl_render(s, "t", data, &out), 0);
	json_decref(data);
	tmpl_set_free(s);
	return buf_detach(&out, NULL);
}

#define expect_render(json, text, want)                                                            \
	do {                                                                                       \
		char *got_ = render_with(json, text, (const char *)NULL);                          \
		assert_string_equal(got_, want);                                                   \
		free(got_);                                                                        \
	} while (0)

/* Compiling text as "page" fails with exactly the message want. */
static void expect_error(const char *text, const char *want)
{
	char err[256] = "";
	struct tmpl_set *s = tmpl_set_new();
	assert_int_equal(tmpl_set_add(s, "page", text, strlen(text), err, sizeof err), -1);
	assert_string_equal(err, want);
	assert_int_equal(tmpl_set_has(s, "page"), 0);
	tmpl_set_free(s);
}

/* ------------------------------------------------------------------------------------ */
/* Beyond the specification */

/* Guideline 4: {{x}} is safe in text and in attribute values, quoted or not. */
static void test_escape_attribute(void **state)
{
	(void)state;
	expect_render("{\"x\": \"<a href='x' onclick=`y`>&\\\"</a>\"}", "{{x}}|{{{x}}}|{{&x}}",
	              "&lt;a href&#61;&#39;x&#39; onclick&#61;&#96;y&#96;&gt;&amp;&quot;&lt;/a&gt;"
	              "|<a href='x' onclick=`y`>&\"</a>|<a href='x' onclick=`y`>&\"</a>");
	expect_render("{\"x\": \"æøå ÆØÅ\"}", "<p title={{x}}>{{x}}</p>",
	              "<p title=æøå ÆØÅ>æøå ÆØÅ</p>");
	/* Data is never parsed as a template, whatever it holds. */
	expect_render("{\"x\": \"{{y}}\", \"y\": 1}", "{{x}}", "{{y}}");
}

static void test_numbers(void **state)
{
	(void)state;
	expect_render("{\"a\": 85, \"b\": -7, \"c\": 9223372036854775807, "
	              "\"d\": -9223372036854775808, \"e\": 0}",
	              "{{a}} {{b}} {{c}} {{d}} {{e}}",
	              "85 -7 9223372036854775807 -9223372036854775808 0");
	expect_render("[1.21, 85.0, 0.1, 1e21, -2.5, 0.30000000000000004, 1e-7]",
	              "{{#.}}{{.}} {{/.}}", "1.21 85 0.1 1e+21 -2.5 0.30000000000000004 1e-07 ");
	expect_render("{\"t\": true, \"f\": false, \"n\": null, \"o\": {\"a\": 1}, \"l\": [1]}",
	              "[{{t}}|{{f}}|{{n}}|{{o}}|{{l}}|{{missing}}]", "[true|false||||]");
}

/* Falsy: missing, null, false, "", 0, 0.0, []. Truthy: everything else, {} included. */
static void test_truthiness(void **state)
{
	(void)state;
	expect_render(
	    "{\"n\": null, \"f\": false, \"s\": \"\", \"i\": 0, \"r\": 0.0, \"l\": []}",
	    "{{#n}}N{{/n}}{{#f}}F{{/f}}{{#s}}S{{/s}}{{#i}}I{{/i}}{{#r}}R{{/r}}{{#l}}L{{/l}}"
	    "{{#m}}M{{/m}}|{{^n}}n{{/n}}{{^f}}f{{/f}}{{^s}}s{{/s}}{{^i}}i{{/i}}{{^r}}r{{/r}}"
	    "{{^l}}l{{/l}}{{^m}}m{{/m}}",
	    "|nfsirlm");
	expect_render(
	    "{\"o\": {}, \"s\": \"x\", \"i\": -1, \"r\": 0.5, \"t\": true}",
	    "{{#o}}O{{/o}}{{#s}}{{.}}{{/s}}{{#i}}{{.}}{{/i}}{{#r}}{{.}}{{/r}}{{#t}}T{{/t}}",
	    "Ox-10.5T");
	/* A section over a scalar keeps the outer names in reach. */
	expect_render("{\"n\": 3, \"unit\": \"fejl\"}", "{{#n}}{{.}} {{unit}}{{/n}}", "3 fejl");
	/* A numeric part indexes an array (as mustache.js): "has a first element". */
	expect_render("{\"l\": [{\"a\": 1}, 2], \"e\": []}",
	              "{{#l.0}}A{{a}}{{/l.0}}{{l.1}}{{^e.0}}tom{{/e.0}}{{l.7}}{{l.x}}", "A12tom");
}

/* A table as the pages render it: rows, a nested list, the outer context, a partial per row. */
static void test_table(void **state)
{
	(void)state;
	char *got = render_with(
	    "{\"title\": \"Organer\", \"rows\": [{\"id\": \"s\", \"name\": \"Styregruppe\", "
	    "\"seats\": "
	    "[\"kl\", \"stat\"]}, {\"id\": \"p\", \"name\": \"P&O\", \"seats\": []}]}",
	    "<h1>{{title}}</h1>\n<table>\n  {{#rows}}\n  {{>row}}\n  {{/rows}}\n</table>\n", "row",
	    "<tr id=\"{{id}}\">\n  <td>{{name}}</td>\n  <td>{{#seats}}{{.}} {{/seats}}"
	    "{{^seats}}ingen{{/seats}}</td>\n  <td>{{title}}</td>\n</tr>\n",
	    (const char *)NULL);
	assert_string_equal(got,
	                    "<h1>Organer</h1>\n<table>\n"
	                    "  <tr id=\"s\">\n    <td>Styregruppe</td>\n    <td>kl stat </td>\n"
	                    "    <td>Organer</td>\n  </tr>\n"
	                    "  <tr id=\"p\">\n    <td>P&amp;O</td>\n    <td>ingen</td>\n"
	                    "    <td>Organer</td>\n  </tr>\n"
	                    "</table>\n");
	free(got);
}

/* Standalone partials nest their indents; inline tags that begin a line of an indented
 * partial are indented like the text around them. */
static void test_indent_nested(void **state)
{
	(void)state;
	char *got =
	    render_with("{\"a\": [1, 2], \"f\": false}", "<div>\n  {{>outer}}\n</div>\n", "outer",
	                "<ul>\n  {{>inner}}\n</ul>\n", "inner",
	                "{{#a}}<li>{{.}}</li>\n{{/a}}{{! c }}x\n{{^f}}y{{/f}}\n{{#f}}\nz\n{{/f}}",
	                (const char *)NULL);
	assert_string_equal(got, "<div>\n  <ul>\n    <li>1</li>\n    <li>2</li>\n    x\n    y\n"
	                         "  </ul>\n</div>\n");
	free(got);
}

/* Guideline 9: a template error says where and why, as name:line:column. */
static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("<p>\n  {{#rows}}\n  <td>{{x}}</td>\n",
	             "page:2:3: sektionen »rows« bliver ikke lukket; tilføj slutmærket for den");
	expect_error("{{#a}}\n{{#b}}\n{{/a}}\n",
	             "page:3:1: slutmærket for »a« passer ikke til sektionen »b«, som blev åbnet i "
	             "linje 2; luk den først");
	expect_error("æø {{/a}}",
	             "page:1:4: slutmærket for »a« lukker ingen åben sektion; slet det");
	expect_error("x\n\ty {{name", "page:2:4: mærket bliver ikke lukket; tilføj »}}«");
	expect_error("{{{name}}", "page:1:1: mærket bliver ikke lukket; tilføj »}}}«");
	expect_error("a {{=<% %>}}", "page:1:3: mærket bliver ikke lukket; tilføj »=}}«");
	expect_error("{{=<%%>=}}",
	             "page:1:1: ugyldigt skift af skilletegn; skriv to skilletegn uden "
	             "mellemrum og lighedstegn, fx {{=<% %>=}}");
	expect_error("{{=<% % %>=}}", "page:1:1: ugyldigt skift af skilletegn; skriv to skilletegn "
	                              "uden mellemrum og lighedstegn, fx {{=<% %>=}}");
	expect_error("{{=a= b=}}",
	             "page:1:1: ugyldigt skift af skilletegn; skriv to skilletegn uden "
	             "mellemrum og lighedstegn, fx {{=<% %>=}}");
	expect_error("{{=<% %>=}}\n<%x}}", "page:2:1: mærket bliver ikke lukket; tilføj »%>«");
	expect_error("x {{ }}", "page:1:3: mærket har intet navn; skriv navnet på en værdi mellem "
	                        "skilletegnene");
	expect_error("{{> }}", "page:1:1: mærket har intet navn; skriv navnet på en værdi mellem "
	                       "skilletegnene");
	expect_error("{{#}}{{/}}", "page:1:1: mærket har intet navn; skriv navnet på en værdi "
	                           "mellem skilletegnene");

	/* Nesting deeper than TMPL_MAX_DEPTH. */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i <= TMPL_MAX_DEPTH; i++)
		buf_adds(&b, "{{#a}}");
	char err[256];
	struct tmpl_set *s = tmpl_set_new();
	assert_int_equal(tmpl_set_add(s, "deep", b.s, b.len, err, sizeof err), -1);
	assert_string_equal(err, "deep:1:769: sektionerne er indlejret i mere end 128 niveauer");
	/* No message buffer: still -1. */
	assert_int_equal(tmpl_set_add(s, "deep", b.s, b.len, NULL, 0), -1);
	buf_free(&b);
	tmpl_set_free(s);
}

/* An unknown top-level name is an error; an unknown partial renders as "" (the specification)
 * and tmpl_set_check finds it at start-up. A template can be replaced; partials follow. */
static void test_names(void **state)
{
	(void)state;
	char err[256] = "";
	struct tmpl_set *s = tmpl_set_new();
	struct buf out;
	buf_init(&out);
	buf_adds(&out, "keep");
	assert_int_equal(tmpl_render(s, "page", NULL, &out), -1);
	assert_string_equal(out.s, "keep");

	assert_int_equal(
	    tmpl_set_add(s, "page", "[{{>layout}}]\n{{> missing }}", 29, err, sizeof err), 0);
	assert_int_equal(tmpl_set_check(s, err, sizeof err), -1);
	assert_string_equal(err, "page:1:2: delskabelonen »layout« findes ikke");
	assert_int_equal(tmpl_render(s, "page", NULL, &out), 0);
	assert_string_equal(out.s, "keep[]\n");

	assert_int_equal(tmpl_set_add(s, "layout", "L1", 2, err, sizeof err), 0);
	assert_int_equal(tmpl_set_check(s, err, sizeof err), -1);
	assert_string_equal(err, "page:2:1: delskabelonen »missing« findes ikke");
	assert_int_equal(tmpl_set_add(s, "missing", "", 0, err, sizeof err), 0);
	assert_int_equal(tmpl_set_check(s, err, sizeof err), 0);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "page", NULL, &out), 0);
	assert_string_equal(out.s, "[L1]\n");

	/* Replacing: the new text counts; a failed replacement keeps the old one. */
	assert_int_equal(tmpl_set_add(s, "layout", "L2", 2, err, sizeof err), 0);
	assert_int_equal(tmpl_set_add(s, "layout", "{{#x}}", 6, err, sizeof err), -1);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "page", NULL, &out), 0);
	assert_string_equal(out.s, "[L2]\n");
	assert_int_equal(tmpl_set_has(s, "layout"), 1);
	assert_int_equal(tmpl_set_has(s, "layou"), 0);

	/* Text need not be NUL-terminated; an empty template renders nothing. */
	assert_int_equal(tmpl_set_add(s, "cut", "ab{{x}}", 2, err, sizeof err), 0);
	assert_int_equal(tmpl_set_add(s, "empty", NULL, 0, err, sizeof err), 0);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "cut", NULL, &out), 0);
	assert_int_equal(tmpl_render(s, "empty", NULL, &out), 0);
	assert_string_equal(out.s, "ab");
	buf_free(&out);
	tmpl_set_free(s);
}

/* A partial that includes itself ends at TMPL_MAX_DEPTH with -1, whether the data runs out or
 * not; one that includes itself twice (2^depth expansions) ends at the step limit. */
static void test_recursion_guard(void **state)
{
	(void)state;
	char err[256];
	struct tmpl_set *s = tmpl_set_new();
	const char *self = "<{{#x}}{{>self}}{{/x}}>";
	const char *twice = "{{>twice}}{{>twice}}.";
	assert_int_equal(tmpl_set_add(s, "self", self, strlen(self), err, sizeof err), 0);
	assert_int_equal(tmpl_set_add(s, "twice", twice, strlen(twice), err, sizeof err), 0);
	json_t *data = json_pack("{s:b}", "x", 1);
	struct buf out;
	buf_init(&out);
	assert_int_equal(tmpl_render(s, "self", data, &out), -1);
	assert_true(out.len > 0 && out.len < 2 * TMPL_MAX_DEPTH);
	buf_reset(&out);
	tmpl_set_limits(s, 0, 100000);
	assert_int_equal(tmpl_render(s, "twice", data, &out), -1);
	assert_true(out.len <= 100000);
	buf_reset(&out);
	/* Finite recursion within the limit is fine. */
	json_t *tree = json_loads("{\"x\": {\"x\": {\"x\": false}}}", 0, NULL);
	assert_int_equal(tmpl_render(s, "self", tree, &out), 0);
	assert_string_equal(out.s, "<<<>>>");
	json_decref(tree);
	json_decref(data);
	buf_free(&out);
	tmpl_set_free(s);
}

static void test_output_limit(void **state)
{
	(void)state;
	char err[256];
	struct tmpl_set *s = tmpl_set_new();
	assert_int_equal(tmpl_set_add(s, "t", "{{#l}}0123456789{{/l}}", 22, err, sizeof err), 0);
	json_t *l = json_array();
	for (int i = 0; i < 100; i++)
		json_array_append_new(l, json_true());
	json_t *data = json_pack("{s:o}", "l", l);
	struct buf out;
	buf_init(&out);
	buf_adds(&out, "head");
	tmpl_set_limits(s, 1000, 0);
	assert_int_equal(tmpl_render(s, "t", data, &out), 0);
	assert_int_equal(out.len, 1004);
	tmpl_set_limits(s, 999, 0);
	buf_reset(&out);
	assert_int_equal(tmpl_render(s, "t", data, &out), -1);
	json_decref(data);
	buf_free(&out);
	tmpl_set_free(s);
}

/* One compiled set, many threads rendering at once (the server's use). */
struct job {
	const struct tmpl_set *s;
	json_t *data;
	int ok;
};

static void *render_many(void *arg)
{
	struct job *j = arg;
	struct buf out;
	buf_init(&out);
	j->ok = 1;
	for (int i = 0; i < 500; i++) {
		buf_reset(&out);
		if (tmpl_render(j->s, "page", j->data, &out) != 0 ||
		    strcmp(out.s, "<b>a&amp;b</b><i>1</i><i>2</i>\n") != 0)
			j->ok = 0;
	}
	buf_free(&out);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	char err[256];
	struct tmpl_set *s = tmpl_set_new();
	const char *page = "<b>{{name}}</b>{{#l}}{{>item}}{{/l}}\n";
	assert_int_equal(tmpl_set_add(s, "page", page, strlen(page), err, sizeof err), 0);
	assert_int_equal(tmpl_set_add(s, "item", "<i>{{.}}</i>", 12, err, sizeof err), 0);
	json_t *data = json_loads("{\"name\": \"a&b\", \"l\": [1, 2]}", 0, NULL);
	struct job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){s, data, 0};
		assert_int_equal(pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(jobs[i].ok);
	}
	json_decref(data);
	tmpl_set_free(s);
}

/* ------------------------------------------------------------------------------------ */

int main(void)
{
	static const struct CMUnitTest own[] = {
	    cmocka_unit_test(test_spec_complete),   cmocka_unit_test(test_escape_attribute),
	    cmocka_unit_test(test_numbers),         cmocka_unit_test(test_truthiness),
	    cmocka_unit_test(test_table),           cmocka_unit_test(test_indent_nested),
	    cmocka_unit_test(test_syntax_errors),   cmocka_unit_test(test_names),
	    cmocka_unit_test(test_recursion_guard), cmocka_unit_test(test_output_limit),
	    cmocka_unit_test(test_threads),
	};
	size_t nown = sizeof own / sizeof own[0], nfiles;
	char **files = spec_files(&nfiles);
	struct CMUnitTest *tests = xcalloc(nown + nfiles, sizeof *tests);
	for (size_t i = 0; i < nfiles; i++) {
		const char *base = strrchr(files[i], '/') + 1;
		tests[i] = (struct CMUnitTest){
		    .name = base,
		    .test_func = test_spec_file,
		    .initial_state = files[i],
		};
	}
	memcpy(tests + nfiles, own, sizeof own);
	int rc = _cmocka_run_group_tests("test_mustache", tests, nown + nfiles, NULL, NULL);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	free(tests);
	return rc;
}
