/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The governance model: the built-in FKI model carries the numbers of SPEC §2, a broken
 * model file is reported per problem at file:line:column in Danish, and jsonpos finds
 * values in JSON text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/jsonpos.h"

/* ------------------------------------------------------------------------------------ */
/* Helpers                                                                              */
/* ------------------------------------------------------------------------------------ */

/* A small valid model; the tests below break it in one place at a time. Two spaces of
 * indentation, so columns can be counted by eye. */
/* clang-format off */
static const char *const base_lines[] = {
	/*  1 */ "{",
	/*  2 */ "  \"name\": \"Test\",",
	/*  3 */ "  \"profiles\": [",
	/*  4 */ "    {\"id\": \"chef\", \"name\": \"Chef\"},",
	/*  5 */ "    {\"id\": \"arkitekt\", \"name\": \"Arkitekt\"}",
	/*  6 */ "  ],",
	/*  7 */ "  \"bodies\": [",
	/*  8 */ "    {\"id\": \"top\", \"name\": \"Top\", \"kind\": \"management\"},",
	/*  9 */ "    {\"id\": \"sg\", \"name\": \"Styregruppe\", \"kind\": \"steering-group\", "
	         "\"parent\": \"top\",",
	/* 10 */ "      \"relation\": \"advises\", \"seats\": {\"kommune\": 3, \"KL\": 1},",
	/* 11 */ "      \"profiles\": [\"chef\"], \"term\": {\"years\": 4, \"cooloff_years\": 2, "
	         "\"warning_days\": 30},",
	/* 12 */ "      \"seniority\": {\"years\": 2, \"quota\": \"1/2\"}, \"region_target\": 2}",
	/* 13 */ "  ],",
	/* 14 */ "  \"cycle\": {\"body\": \"sg\", \"meetings_per_year\": 2, \"meeting_minutes\": 120,",
	/* 15 */ "    \"default_time\": \"10:00\",",
	/* 16 */ "    \"standard_items\": [{\"title\": \"Velkomst\", \"kind\": \"orientering\", "
	         "\"minutes\": 10}],",
	/* 17 */ "    \"items_by_meeting\": {\"2\": [{\"id\": \"budget\", \"title\": \"Budget\", "
	         "\"kind\": \"oekonomi\", \"minutes\": 60}]},",
	/* 18 */ "    \"deadlines_weeks\": {\"proposals\": 3, \"statuses\": 3, \"dispatch\": 1},",
	/* 19 */ "    \"hearing_working_days\": 5},",
	/* 20 */ "  \"economy\": {\"rate_ore\": 250}",
	/* 21 */ "}",
	NULL};
/* clang-format on */

/* The base model with the first occurrence of from replaced by to (from must occur). */
static char *base_with(const char *from, const char *to)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; base_lines[i]; i++) {
		buf_adds(&b, base_lines[i]);
		buf_addc(&b, '\n');
	}
	char *text = buf_detach(&b, NULL);
	if (!from)
		return text;
	char *at = strstr(text, from);
	assert_non_null(at);
	buf_add(&b, text, (size_t)(at - text));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	free(text);
	return buf_detach(&b, NULL);
}

/* Loads text; expects FK_EINPUT with exactly one diagnostic at line:col whose message
 * contains want. */
static void expect_one(const char *text, long line, long col, const char *want)
{
	struct diags d;
	diags_init(&d);
	struct model *m = (struct model *)1;
	int rc = model_load(text, strlen(text), "model.json", &m, &d);
	if (rc != FK_EINPUT || d.n != 1 || d.v[0].line != line || d.v[0].col != col ||
	    !strstr(d.v[0].msg, want)) {
		fprintf(stderr, "want %ld:%ld: ...%s...\ngot rc %d, %zu diagnostics\n", line, col,
		        want, rc, d.n);
		diags_print(&d);
	}
	assert_int_equal(rc, FK_EINPUT);
	assert_null(m);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "model.json");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].col, col);
	assert_non_null(strstr(d.v[0].msg, want));
	diags_free(&d);
}

static void expect_one_in_base(const char *from, const char *to, long line, long col,
                               const char *want)
{
	char *text = base_with(from, to);
	expect_one(text, line, col, want);
	free(text);
}

static struct model *load_ok(const char *text, size_t len)
{
	struct diags d;
	diags_init(&d);
	struct model *m = NULL;
	int rc = model_load(text, len, "model.json", &m, &d);
	if (rc != FK_OK)
		diags_print(&d);
	assert_int_equal(rc, FK_OK);
	assert_int_equal(d.n, 0);
	assert_non_null(m);
	diags_free(&d);
	return m;
}

static const struct model_body *body(const struct model *m, const char *id)
{
	int i = model_body_index(m, id);
	assert_true(i >= 0);
	return &m->bodies[i];
}

/* ------------------------------------------------------------------------------------ */
/* The built-in FKI model (SPEC §2)                                                     */
/* ------------------------------------------------------------------------------------ */

static void builtin_loads_with_the_spec_numbers(void **state)
{
	(void)state;
	size_t len;
	const char *text = model_builtin(&len);
	assert_true(len > 0);
	struct model *m = load_ok(text, len);

	const struct model_body *sg = body(m, "styregruppe");
	assert_string_equal(sg->name, "Kommunestyregruppe");
	assert_string_equal(sg->kind, "steering-group");
	assert_int_equal(sg->seats[SEAT_KOMMUNE], 9);
	assert_int_equal(sg->seats[SEAT_KL], 1);
	assert_int_equal(sg->seats[SEAT_UDK], 1);
	assert_int_equal(sg->seats[SEAT_KOMBIT], 0);
	assert_int_equal(sg->term_years, 5);
	assert_int_equal(sg->cooloff_years, 1);
	assert_int_equal(sg->term_warning_days, 90);
	assert_int_equal(sg->seniority_years, 1);
	assert_int_equal(sg->quota_num, 1);
	assert_int_equal(sg->quota_den, 3);
	assert_int_equal(sg->region_target, 5);
	assert_int_equal(sg->nprofiles, 1);
	assert_int_equal(sg->profiles[0], model_profile_index(m, "it-digitaliseringschef"));

	static const struct {
		const char *id;
		const char *profiles[5];
		const char *topic;
	} rgs[] = {
	    {"rg-forretning", {"digitaliseringskonsulent", "fagperson-digital"}, "Standardisering"},
	    {"rg-arkitektur-udvikling", {"it-arkitekt", "forvaltningschef"}, "Innovation"},
	    {"rg-drift-forvaltning",
	     {"driftschef", "teknisk-arkitekt", "systemansvarlig", "driftsrepraesentant"},
	     "SLA'er og servicemål"},
	};
	for (size_t i = 0; i < sizeof rgs / sizeof rgs[0]; i++) {
		const struct model_body *rg = body(m, rgs[i].id);
		assert_string_equal(rg->kind, "reference-group");
		assert_string_equal(rg->parent, "styregruppe");
		assert_int_equal(rg->parent_index, model_body_index(m, "styregruppe"));
		assert_int_equal(rg->seats[SEAT_KOMMUNE], 6);
		assert_int_equal(rg->seats[SEAT_KL], 1);
		assert_int_equal(rg->seats[SEAT_UDK], 0);
		assert_int_equal(rg->term_years, 3);
		assert_int_equal(rg->cooloff_years, 1);
		assert_int_equal(rg->seniority_years, 1);
		assert_int_equal(rg->quota_num, 1);
		assert_int_equal(rg->quota_den, 3);
		assert_int_equal(rg->region_target, 3);
		size_t np = 0;
		for (; np < 5 && rgs[i].profiles[np]; np++) {
			int p = model_profile_index(m, rgs[i].profiles[np]);
			assert_true(p >= 0);
			assert_true(model_body_has_profile(rg, p));
		}
		assert_int_equal(rg->nprofiles, np);
		int found = 0;
		for (size_t t = 0; t < rg->ntopics; t++)
			found |= strcmp(rg->topics[t], rgs[i].topic) == 0;
		assert_true(found);
	}

	/* The organisation chart. */
	assert_null(body(m, "kombit-bestyrelse")->parent);
	assert_string_equal(body(m, "kombit-direktion")->parent, "kombit-bestyrelse");
	assert_string_equal(body(m, "fki-ledelse")->parent, "kombit-direktion");
	assert_string_equal(sg->parent, "fki-ledelse");
	assert_string_equal(sg->relation, "advises");
	assert_string_equal(body(m, "fki-sekretariat")->parent, "styregruppe");
	assert_string_equal(body(m, "fki-sekretariat")->relation, "serves");
	static const char *const kl[] = {"kl-direktion", "kl-digitaliseringsraad",
	                                 "kl-it-arkitekturraad", "kl-fagkontorer"};
	for (size_t i = 0; i < 4; i++) {
		const struct model_body *b = body(m, kl[i]);
		assert_string_equal(b->kind, "kl");
		assert_string_equal(b->parent, "styregruppe");
		assert_string_equal(b->relation, "linked");
		assert_int_equal(b->via_seat, SEAT_KL);
	}

	/* The annual cycle and the economy. */
	const struct model_cycle *cy = &m->cycle;
	assert_string_equal(cy->body, "styregruppe");
	assert_int_equal(cy->meetings_per_year, 4);
	assert_int_equal(cy->meeting_minutes, 240);
	assert_string_equal(cy->default_time, "09:00");
	assert_int_equal(cy->proposals_weeks, 4);
	assert_int_equal(cy->statuses_weeks, 4);
	assert_int_equal(cy->dispatch_weeks, 2);
	assert_int_equal(cy->hearing_working_days, 10);
	assert_int_equal(cy->nstandard, 5);
	assert_string_equal(cy->standard[0].title, "Kort orientering fra KL");
	assert_string_equal(cy->standard[1].title, "Kort orientering fra KOMBIT");
	assert_string_equal(cy->standard[2].kind, "inspiration");
	assert_string_equal(cy->standard[2].presenter, "kommune");
	assert_string_equal(cy->standard[3].title, "Opfølgning på initiativportefølje");
	assert_string_equal(cy->standard[4].title, "Rådgivning på baggrund af oplæg fra FKI");
	assert_string_equal(cy->by_number[0][0].title, "Status på målsætninger");
	assert_string_equal(cy->by_number[1][0].title, "Strategisk temadrøftelse");
	assert_string_equal(cy->by_number[2][0].title, "Strategisk temadrøftelse");
	assert_int_equal(cy->nby_number[3], 3);
	assert_string_equal(cy->by_number[3][1].title, "Fastlæggelse af mål for styregruppen");
	for (int k = 0; k < cy->meetings_per_year; k++) {
		int total = 0;
		for (size_t i = 0; i < cy->nstandard; i++)
			total += cy->standard[i].minutes;
		for (size_t i = 0; i < cy->nby_number[k]; i++)
			total += cy->by_number[k][i].minutes;
		assert_true(total <= cy->meeting_minutes);
	}
	assert_int_equal(m->rate_ore, 500);
	model_free(m);
}

static void seat_names_round_trip(void **state)
{
	(void)state;
	static const char *const names[] = {"kommune", "KL", "UDK", "KOMBIT"};
	for (int i = 0; i < SEAT__MAX; i++) {
		assert_int_equal(seat_parse(names[i]), i);
		assert_string_equal(seat_name(i), names[i]);
	}
	assert_int_equal(seat_parse("kl"), -1);
	assert_int_equal(seat_parse(""), -1);
	assert_int_equal(seat_parse(NULL), -1);
}

static void base_model_loads(void **state)
{
	(void)state;
	char *text = base_with(NULL, NULL);
	struct model *m = load_ok(text, strlen(text));
	assert_int_equal(m->nbodies, 2);
	const struct model_body *sg = body(m, "sg");
	assert_int_equal(sg->parent_index, 0);
	assert_int_equal(sg->via_seat, -1);
	assert_int_equal(sg->term_years, 4);
	assert_int_equal(sg->quota_num, 1);
	assert_int_equal(sg->quota_den, 2);
	assert_int_equal(m->cycle.nby_number[0], 0);
	assert_null(m->cycle.by_number[0]);
	assert_int_equal(m->cycle.nby_number[1], 1);
	assert_string_equal(m->cycle.by_number[1][0].id, "budget");
	assert_int_equal(m->rate_ore, 250);
	assert_int_equal(model_body_index(m, "nope"), -1);
	assert_int_equal(model_body_index(m, NULL), -1);
	model_free(m);
	free(text);
}

/* ------------------------------------------------------------------------------------ */
/* Broken models: one diagnostic each, at the right place                                */
/* ------------------------------------------------------------------------------------ */

static void syntax_error_has_jansson_position(void **state)
{
	(void)state;
	/* Missing comma after "Test": jansson stops at the end of the next token. */
	expect_one_in_base("\"Test\",", "\"Test\"", 3, 12, "ikke gyldig JSON");
	/* A trailing comma in a list. */
	expect_one_in_base("\"Arkitekt\"}\n", "\"Arkitekt\"},\n", 6, 3, "ikke gyldig JSON");
	expect_one("", 1, 1, "Filen er tom.");
	expect_one(" \n ", 1, 1, "Filen er tom.");
	expect_one("{\"a\": 1, \"a\": 2}", 1, 12, "samme feltnavn står to gange");
}

static void unknown_profile_points_at_the_name(void **state)
{
	(void)state;
	expect_one_in_base("[\"chef\"]", "[\"chef\", \"it-chef\"]", 11, 28,
	                   "Organet \"sg\" nævner profilen \"it-chef\", som ikke findes under "
	                   "\"profiles\". Tilføj profilen eller ret navnet.");
}

static void unknown_parent(void **state)
{
	(void)state;
	expect_one_in_base("\"parent\": \"top\"", "\"parent\": \"tip\"", 9, 77,
	                   "Organet \"sg\" hører under \"tip\", som ikke findes under \"bodies\".");
}

static void duplicate_body_id(void **state)
{
	(void)state;
	expect_one_in_base("\"kind\": \"management\"},",
	                   "\"kind\": \"management\"}, {\"id\": \"top\", \"name\": \"X\", "
	                   "\"kind\": \"board\"},",
	                   8, 64, "Organet \"top\" findes allerede (første gang på linje 8)");
}

static void bad_quota(void **state)
{
	(void)state;
	expect_one_in_base("\"1/2\"", "\"1:2\"", 12, 42, "Kvoten \"1:2\" for organet \"sg\"");
	expect_one_in_base("\"1/2\"", "\"3/2\"", 12, 42, "0 < a ≤ b");
	expect_one_in_base("\"1/2\"", "\"0/3\"", 12, 42, "0 < a ≤ b");
	expect_one_in_base("\"1/2\"", "\"1/\"", 12, 42, "0 < a ≤ b");
	expect_one_in_base("\"1/2\"", "\" 1/2\"", 12, 42, "0 < a ≤ b");
}

static void seats(void **state)
{
	(void)state;
	/* An unknown origin is shown at its name, a negative count at the number. */
	expect_one_in_base("{\"kommune\": 3,", "{\"kommunne\": 3,", 10, 40,
	                   "Organet \"sg\" har pladser for \"kommunne\", som ikke er en kendt "
	                   "oprindelse");
	expect_one_in_base("\"KL\": 1}", "\"KL\": -1}", 10, 60, "kan ikke være negativt");
	expect_one_in_base("\"KL\": 1}", "\"KL\": 1.5}", 10, 60, "skal være et helt tal");
}

static void term_and_targets(void **state)
{
	(void)state;
	expect_one_in_base("\"years\": 4", "\"years\": 51", 11, 47,
	                   "Feltet \"years\" i perioden (\"term\") for organet \"sg\" er 51, men "
	                   "skal være mellem 0 og 50.");
	expect_one_in_base("\"region_target\": 2", "\"region_target\": 4", 12, 67,
	                   "kun 3 kommunale pladser");
	expect_one_in_base("\"years\": 4, ", "", 11, 37,
	                   "Feltet \"years\" mangler i perioden (\"term\") for organet \"sg\"");
}

static void cycle_problems(void **state)
{
	(void)state;
	expect_one_in_base("{\"body\": \"sg\"", "{\"body\": \"sgg\"", 14, 21,
	                   "Årshjulet gælder organet \"sgg\", som ikke findes");
	expect_one_in_base("{\"2\":", "{\"3\":", 17, 26,
	                   "Nøglen \"3\" under \"items_by_meeting\" skal være et mødenummer fra 1 "
	                   "til 2");
	expect_one_in_base("{\"2\":", "{\"0\":", 17, 26, "mødenummer fra 1 til 2");
	expect_one_in_base("\"minutes\": 60", "\"minutes\": 111", 17, 31,
	                   "Punkterne til møde 2 varer i alt 121 minutter");
	expect_one_in_base("\"minutes\": 10}", "\"minutes\": 130}", 16, 23,
	                   "Standardpunkterne varer i alt 130 minutter");
	expect_one_in_base("\"10:00\"", "\"10.00\"", 15, 21, "skal skrives som TT:MM");
	expect_one_in_base("\"10:00\"", "\"23:00\"", 14, 70, "slutter efter midnat");
	expect_one_in_base("\"dispatch\": 1", "\"dispatch\": 4", 18, 68,
	                   "Sæt \"dispatch\" til højst 3");
	expect_one_in_base("\"oekonomi\"", "\"penge\"", 17, 76,
	                   "Feltet \"kind\" i punktet \"Budget\" på dagsordenen for møde 2 er "
	                   "\"penge\", som ikke kendes.");
	expect_one_in_base(
	    "\"meeting_minutes\": 120", "\"meeting_minutes\": \"120\"", 14, 70,
	    "Feltet \"meeting_minutes\" i årshjulet (\"cycle\") skal være et helt tal.");
	expect_one_in_base("\"title\": \"Velkomst\"", "\"id\": \"budget\", \"title\": \"Velkomst\"",
	                   17, 39, "Id'et \"budget\" bruges allerede");
}

static void economy_and_fields(void **state)
{
	(void)state;
	expect_one_in_base(
	    "250", "-1", 20, 27,
	    "Satsen \"rate_ore\" er -1 øre per borger, men den kan ikke være negativ.");
	expect_one_in_base("\"seats\":", "\"seat\":", 10, 30,
	                   "Feltet \"seat\" i organet \"sg\" kendes ikke.");
	expect_one_in_base("\"name\": \"Test\",\n", "", 1, 1,
	                   "Feltet \"name\" mangler i modellen. Tilføj det.");
	/* Members starting with '_' are comments. */
	char *text = base_with("\"name\": \"Test\",", "\"name\": \"Test\", \"_comment\": [1],");
	model_free(load_ok(text, strlen(text)));
	free(text);
}

static void parents_in_a_ring(void **state)
{
	(void)state;
	expect_one_in_base("\"kind\": \"management\"}",
	                   "\"kind\": \"management\", \"parent\": \"sg\"}", 8, 66, "går i ring");
	expect_one_in_base("\"parent\": \"top\"", "\"parent\": \"sg\"", 9, 77,
	                   "kan ikke høre under sig selv");
}

static void many_problems_come_in_file_order(void **state)
{
	(void)state;
	char *a = base_with("250", "-5");
	char *text = NULL;
	{
		struct buf b;
		buf_init(&b);
		const char *at = strstr(a, "[\"chef\"]");
		buf_add(&b, a, (size_t)(at - a));
		buf_adds(&b, "[\"it-chef\"]");
		buf_adds(&b, at + strlen("[\"chef\"]"));
		text = buf_detach(&b, NULL);
	}
	struct diags d;
	diags_init(&d);
	struct model *m;
	assert_int_equal(model_load(text, strlen(text), "m.json", &m, &d), FK_EINPUT);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.v[0].line, 11);
	assert_int_equal(d.v[1].line, 20);
	diags_free(&d);
	free(text);
	free(a);
}

static void not_an_object_and_bom(void **state)
{
	(void)state;
	expect_one("[1, 2]", 1, 1, "Modellen skal være et JSON-objekt");
	/* A byte order mark is skipped, and columns count from after it. */
	char *text = base_with(NULL, NULL);
	size_t n = strlen(text);
	char *bom = malloc(n + 4);
	memcpy(bom, "\xEF\xBB\xBF", 3);
	memcpy(bom + 3, text, n + 1);
	struct model *m = load_ok(bom, n + 3);
	model_free(m);
	free(bom);
	free(text);
}

/* The index answers for thousands of bodies, as the benchmark's generated model has. */
static void body_index_with_many_bodies(void **state)
{
	(void)state;
	enum { N = 4000 };
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "{\"name\": \"Stor\", \"profiles\": [], \"bodies\": [");
	for (int i = 0; i < N; i++)
		buf_printf(
		    &b, "%s{\"id\": \"organ-%d\", \"name\": \"Organ %d\", \"kind\": \"board\"%s}",
		    i ? "," : "", i, i, i ? ", \"parent\": \"organ-0\"" : "");
	buf_adds(&b,
	         "], \"cycle\": {\"body\": \"organ-1\", \"meetings_per_year\": 1, "
	         "\"meeting_minutes\": 60, \"default_time\": \"08:00\", \"standard_items\": [], "
	         "\"deadlines_weeks\": {\"proposals\": 1, \"statuses\": 1, \"dispatch\": 0}, "
	         "\"hearing_working_days\": 1}, \"economy\": {\"rate_ore\": 0}}");
	struct model *m = load_ok(b.s, b.len);
	assert_int_equal(m->nbodies, N);
	char id[32];
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof id, "organ-%d", i);
		assert_int_equal(model_body_index(m, id), i);
	}
	assert_int_equal(model_body_index(m, "organ-4000"), -1);
	long sum = 0;
	for (int k = 0; k < 1000000; k++) {
		snprintf(id, sizeof id, "organ-%d", k % N);
		sum += model_body_index(m, id);
	}
	assert_true(sum > 0);
	/* A model built by hand has no index and is searched linearly. */
	struct model_index keep = m->body_index;
	m->body_index = (struct model_index){NULL, 0};
	assert_int_equal(model_body_index(m, "organ-3999"), 3999);
	m->body_index = keep;
	model_reindex(m);
	assert_int_equal(model_body_index(m, "organ-17"), 17);
	model_free(m);
	buf_free(&b);
}

/* ------------------------------------------------------------------------------------ */
/* jsonpos                                                                              */
/* ------------------------------------------------------------------------------------ */

static void expect_pos(const char *text, const struct jsonpos_step *p, size_t n, int at_key,
                       size_t done, long line, long col)
{
	long l = -1, c = -1;
	assert_int_equal(jsonpos_find(text, strlen(text), p, n, at_key, &l, &c), done);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void jsonpos_nested_paths(void **state)
{
	(void)state;
	const char *t = "{\"a\": [1, {\"b\": \"x\"}, [true, {\"c\": null}]],\n"
	                " \"s\": \"[{,]}\\\"\", \"z\": {\"q\": [ 7 ,8]}}";
	struct jsonpos_step p1[] = {{"a", 0}, {NULL, 1}, {"b", 0}};
	expect_pos(t, p1, 3, 0, 3, 1, 17);
	expect_pos(t, p1, 3, 1, 3, 1, 12);
	struct jsonpos_step p2[] = {{"a", 0}, {NULL, 2}, {NULL, 1}, {"c", 0}};
	expect_pos(t, p2, 4, 0, 4, 1, 36);
	/* Past a string full of brackets, commas and an escaped quote. */
	struct jsonpos_step p3[] = {{"z", 0}, {"q", 0}, {NULL, 1}};
	expect_pos(t, p3, 3, 0, 3, 2, 34);
	/* Not there: the deepest value reached. */
	struct jsonpos_step p4[] = {{"z", 0}, {"q", 0}, {NULL, 2}};
	expect_pos(t, p4, 3, 0, 2, 2, 29);
	struct jsonpos_step p5[] = {{"nope", 0}};
	expect_pos(t, p5, 1, 0, 0, 1, 1);
	expect_pos("  \n  {}", NULL, 0, 0, 0, 2, 3);
}

static void jsonpos_escapes_and_utf8(void **state)
{
	(void)state;
	/* Columns count code points: "æøå" is 3 columns, 6 bytes. */
	const char *t = "{\"æøå\": 1, \"k\\u00e6y\": 2, \"\\ud83d\\ude00\": 3, "
	                "\"a\\\"b\\n\": 4}";
	struct jsonpos_step p1[] = {{"æøå", 0}};
	expect_pos(t, p1, 1, 0, 1, 1, 9);
	struct jsonpos_step p2[] = {{"kæy", 0}};
	expect_pos(t, p2, 1, 0, 1, 1, 24);
	expect_pos(t, p2, 1, 1, 1, 1, 12);
	struct jsonpos_step p3[] = {{"\xF0\x9F\x98\x80", 0}};
	expect_pos(t, p3, 1, 0, 1, 1, 43);
	struct jsonpos_step p4[] = {{"a\"b\n", 0}};
	expect_pos(t, p4, 1, 0, 1, 1, 56);
	struct jsonpos_step p5[] = {{"k", 0}};
	expect_pos(t, p5, 1, 0, 0, 1, 1);
	long l, c;
	jsonpos_at("ab\næø\nx", 9, 7, &l, &c);
	assert_int_equal(l, 2);
	assert_int_equal(c, 3);
}

static void jsonpos_survives_garbage(void **state)
{
	(void)state;
	static const char *const bad[] = {"{",
	                                  "{\"a",
	                                  "{\"a\":",
	                                  "[[[[",
	                                  "{\"a\" 1}",
	                                  "]]]}}}",
	                                  "\"\\",
	                                  "{\"\\u12",
	                                  "[1,,,",
	                                  "{\"a\":[}\"b\"",
	                                  "{\"\\ud800\\u0041\":1}",
	                                  NULL};
	struct jsonpos_step p[] = {{"a", 0}, {NULL, 3}, {"b", 0}};
	for (size_t i = 0; bad[i]; i++) {
		long l = 0, c = 0;
		size_t done = jsonpos_find(bad[i], strlen(bad[i]), p, 3, 1, &l, &c);
		assert_true(done <= 3);
		assert_true(l >= 1 && c >= 1);
	}
	long l, c;
	assert_int_equal(jsonpos_find(NULL, 0, p, 3, 0, &l, &c), 0);
	assert_int_equal(l, 1);
	assert_int_equal(c, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builtin_loads_with_the_spec_numbers),
	    cmocka_unit_test(seat_names_round_trip),
	    cmocka_unit_test(base_model_loads),
	    cmocka_unit_test(syntax_error_has_jansson_position),
	    cmocka_unit_test(unknown_profile_points_at_the_name),
	    cmocka_unit_test(unknown_parent),
	    cmocka_unit_test(duplicate_body_id),
	    cmocka_unit_test(bad_quota),
	    cmocka_unit_test(seats),
	    cmocka_unit_test(term_and_targets),
	    cmocka_unit_test(cycle_problems),
	    cmocka_unit_test(economy_and_fields),
	    cmocka_unit_test(parents_in_a_ring),
	    cmocka_unit_test(many_problems_come_in_file_order),
	    cmocka_unit_test(not_an_object_and_bom),
	    cmocka_unit_test(body_index_with_many_bodies),
	    cmocka_unit_test(jsonpos_nested_paths),
	    cmocka_unit_test(jsonpos_escapes_and_utf8),
	    cmocka_unit_test(jsonpos_survives_garbage),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
