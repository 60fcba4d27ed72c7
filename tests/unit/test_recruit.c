/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Recruitment (core/recruit.h): eligibility at every edge of SPEC §7.1, each selection
 * criterion of §7.2 deciding on its own, and the exact recommendation against a brute-force
 * search over every subset on hundreds of random pools built so that every criterion
 * matters (few municipalities and profiles, tied scores, returning members). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/munic.h"
#include "core/recruit.h"
#include "core/register.h"
#include "core/rules.h"

static struct model *M;
static const struct munic_table *MT;
static struct reg R;

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static int setup(void **state)
{
	(void)state;
	if (model_load_builtin(&M) != 0)
		return -1;
	MT = munic_builtin();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	model_free(M);
	reg_free(&R);
	return 0;
}

static int fresh(void **state)
{
	(void)state;
	reg_free(&R);
	reg_init(&R);
	return 0;
}

static int32_t P(const char *key)
{
	int32_t p = reg_person_find(&R, key);
	return p >= 0 ? p : reg_person_add(&R, 0, key, key, NULL);
}

static void A(const char *key, const char *body, const char *seat, int munic, const char *profile,
              const char *start, const char *end)
{
	struct reg_appt a = {0};
	a.person = P(key);
	a.body = model_body_index(M, body);
	a.seat = a.org = (int8_t)seat_parse(seat);
	a.munic = (int16_t)munic;
	a.profile = (int16_t)(profile ? model_profile_index(M, profile) : -1);
	a.start = D(start);
	a.end = end ? D(end) : DATE_OPEN;
	reg_appt_add(&R, &a);
}

static struct recruit_cand C(const char *id, const char *person, int munic, const char *profile,
                             int score)
{
	return (struct recruit_cand){id, person ? P(person) : -1, munic,
	                             profile ? model_profile_index(M, profile) : -1, score};
}

static int elig(const char *body, const char *day, struct recruit_cand c, int min, fk_date *from)
{
	char msg[300];
	reg_sort(&R);
	return recruit_eligible(M, MT, &R, model_body_index(M, body), D(day), &c, min, from, msg,
	                        sizeof msg);
}

/* ---------------------------------------------------------------- §7.1 */

static void order_of_reasons(void **state)
{
	(void)state;
	A("x", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2025-01-01", NULL);
	/* municipality before profile before serving */
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", "x", 999, "fagperson-digital", 0), 0, NULL),
	                 RECRUIT_MUNICIPALITY);
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", "x", 751, "fagperson-digital", 0), 0, NULL),
	                 RECRUIT_PROFILE);
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", "x", 751, "it-digitaliseringschef", 0), 0, NULL),
	                 RECRUIT_SERVING);
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", NULL, 751, NULL, 0), 0, NULL), RECRUIT_PROFILE);
}

static void serving_any_seat(void **state)
{
	(void)state;
	A("kl", "styregruppe", "KL", 0, NULL, "2026-01-01", "2027-03-01");
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", "kl", 751, "it-digitaliseringschef", 0), 0, NULL),
	                 RECRUIT_SERVING);
	/* the last day before D: not serving, and a KL seat is no municipal history */
	assert_int_equal(elig("styregruppe", "2027-03-02", C("k", "kl", 751, "it-digitaliseringschef", 0), 0, NULL),
	                 RECRUIT_OK);
}

static void term_limit_renewal(void **state)
{
	(void)state;
	/* a 5-year stint from 2022-03-01: last allowed day 2027-02-28 */
	A("t", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-03-01", "2024-02-29");
	A("t", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2024-03-01", "2027-02-27");
	fk_date f;
	/* ended the day before D-1: a gap of one day is leaving, and the cooling-off applies */
	assert_int_equal(elig("styregruppe", "2027-02-28", C("k", "t", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_OK);
	fresh(NULL);
	A("t", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-03-01", "2027-02-27");
	/* D = 2027-02-28 renews within the term (the last allowed day itself) */
	assert_int_equal(elig("styregruppe", "2027-02-28", C("k", "t", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_OK);
	fresh(NULL);
	A("t", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-03-01", "2027-02-28");
	/* D = 2027-03-01 would renew past it */
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", "t", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_TERM_LIMIT);
	assert_int_equal(f, D("2027-02-28"));
}

static void cooloff_to_the_day(void **state)
{
	(void)state;
	/* left 2024-02-28: (E+1) = 2024-02-29, plus one year = 2025-02-28 */
	A("c", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2021-01-01", "2024-02-28");
	fk_date f;
	assert_int_equal(elig("styregruppe", "2025-02-27", C("k", "c", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_COOLOFF);
	assert_int_equal(f, D("2025-02-28"));
	assert_int_equal(elig("styregruppe", "2025-02-28", C("k", "c", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_OK);
	fresh(NULL);
	/* left 2025-12-31: back 2027-01-01 at the earliest */
	A("c", "styregruppe", "kommune", 751, "it-digitaliseringschef", "2022-01-01", "2025-12-31");
	assert_int_equal(elig("styregruppe", "2026-12-31", C("k", "c", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_COOLOFF);
	assert_int_equal(elig("styregruppe", "2027-01-01", C("k", "c", 751, "it-digitaliseringschef", 0), 0, &f),
	                 RECRUIT_OK);
}

static void score_qualifies_when_equal(void **state)
{
	(void)state;
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", NULL, 751, "it-digitaliseringschef", 600), 600, NULL),
	                 RECRUIT_OK);
	assert_int_equal(elig("styregruppe", "2027-03-01", C("k", NULL, 751, "it-digitaliseringschef", 599), 600, NULL),
	                 RECRUIT_SCORE);
}

/* ---------------------------------------------------------------- §7.2, one at a time */

/* The ids the engine selects for body on day among c[0..n), sorted, joined by ','. */
static void pick(const char *body, const char *day, const struct recruit_cand *c, size_t n,
                 int seats, char *out, size_t len)
{
	struct recruit_result x;
	reg_sort(&R);
	assert_int_equal(recruit_select(M, MT, &R, model_body_index(M, body), D(day), c, n, seats, 0,
	                                NULL, &x),
	                 0);
	const char *ids[64];
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (x.selected[i])
			ids[k++] = c[i].id;
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && strcmp(ids[j - 1], ids[j]) > 0; j--) {
			const char *t = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(out, ids[i], len - strlen(out) - 1);
		if (i + 1 < k)
			strncat(out, ",", len - strlen(out) - 1);
	}
	recruit_result_free(&x);
}

static void criterion_profiles(void **state)
{
	(void)state;
	/* rg-forretning seeks two profiles; the staying member holds one */
	A("s", "rg-forretning", "kommune", 751, "digitaliseringskonsulent", "2026-01-01", NULL);
	struct recruit_cand c[] = {C("a", NULL, 851, "digitaliseringskonsulent", 1000),
	                           C("b", NULL, 101, "fagperson-digital", 0)};
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 2, 1, got, sizeof got);
	assert_string_equal(got, "b");
}

static void criterion_regions(void **state)
{
	(void)state;
	A("s", "rg-forretning", "kommune", 751, "digitaliseringskonsulent", "2026-01-01", NULL);
	/* 751 Aarhus is Midtjylland; 615 Horsens too; 851 Aalborg is Nordjylland */
	struct recruit_cand c[] = {C("a", NULL, 615, "fagperson-digital", 1000),
	                           C("b", NULL, 851, "fagperson-digital", 0)};
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 2, 1, got, sizeof got);
	assert_string_equal(got, "b");
}

static void criterion_pairs(void **state)
{
	(void)state;
	A("s", "rg-forretning", "kommune", 751, "digitaliseringskonsulent", "2026-01-01", NULL);
	/* both Midtjylland and the same group; a is from Aarhus itself */
	struct recruit_cand c[] = {C("a", NULL, 751, "fagperson-digital", 1000),
	                           C("b", NULL, 615, "fagperson-digital", 0)};
	const struct munic *x = munic_find(MT, 751), *y = munic_find(MT, 615);
	assert_int_equal(x->region, y->region);
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 2, 1, got, sizeof got);
	assert_string_equal(got, "b");
}

static void criterion_groups(void **state)
{
	(void)state;
	/* two municipalities of one region and different groups, none taken yet */
	A("s", "rg-forretning", "kommune", 101, "digitaliseringskonsulent", "2026-01-01", NULL);
	const struct munic *s = munic_find(MT, 101);
	int same = 0, other = 0;
	for (size_t i = 0; i < MT->n; i++) {
		const struct munic *m = &MT->v[i];
		if (m->region != s->region || m->code == 101)
			continue;
		if (!same && !strcmp(m->group, s->group))
			same = m->code;
		if (!other && strcmp(m->group, s->group))
			other = m->code;
	}
	assert_true(same && other);
	struct recruit_cand c[] = {C("a", NULL, same, "fagperson-digital", 1000),
	                           C("b", NULL, other, "fagperson-digital", 0)};
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 2, 1, got, sizeof got);
	assert_string_equal(got, "b");
}

static void criterion_new(void **state)
{
	(void)state;
	/* a sat in the group before (a KL seat counts too); b never did */
	A("old", "rg-forretning", "KL", 0, NULL, "2015-01-01", "2016-12-31");
	struct recruit_cand c[] = {C("a", "old", 751, "fagperson-digital", 1000),
	                           C("b", NULL, 615, "fagperson-digital", 0)};
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 2, 1, got, sizeof got);
	assert_string_equal(got, "b");
}

static void criterion_score_and_ids(void **state)
{
	(void)state;
	struct recruit_cand c[] = {C("b", NULL, 751, "fagperson-digital", 500),
	                           C("a", NULL, 615, "fagperson-digital", 499),
	                           C("c", NULL, 657, "fagperson-digital", 500)};
	char got[64];
	pick("rg-forretning", "2027-03-01", c, 3, 1, got, sizeof got);
	assert_string_equal(got, "b"); /* score, then the smaller id of b and c */
	pick("rg-forretning", "2027-03-01", c, 3, 3, got, sizeof got);
	assert_string_equal(got, "a,b,c");
	pick("rg-forretning", "2027-03-01", c, 3, 0, got, sizeof got);
	assert_string_equal(got, "");
}

/* ---------------------------------------------------------------- brute force */

static uint64_t rng = 88172645463325252u;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

struct val {
	int v[6];
};

/* The value of set bits of mask over the eligible e[0..ne), with the staying members. */
static struct val value_of(const struct model_body *b, int body, fk_date d,
                           const struct recruit_cand *c, const size_t *e, unsigned mask,
                           size_t ne)
{
	int munic[64], prof[64], n = 0, fresh = 0, score = 0;
	int32_t seen[64];
	int nseen = 0;
	for (size_t i = 0; i < R.nappts; i++) {
		const struct reg_appt *a = &R.appts[i];
		if (a->body != body || a->seat != SEAT_KOMMUNE || a->start > d || a->end < d)
			continue;
		bool dup = false;
		for (int j = 0; j < nseen; j++)
			dup |= seen[j] == a->person;
		if (dup)
			continue;
		seen[nseen++] = a->person;
		munic[n] = a->munic;
		prof[n++] = a->profile;
	}
	for (size_t i = 0; i < ne; i++)
		if (mask >> i & 1) {
			const struct recruit_cand *x = &c[e[i]];
			munic[n] = x->munic;
			prof[n++] = x->profile;
			bool isnew = true;
			for (size_t a = 0; x->person >= 0 && a < R.nappts; a++)
				if (R.appts[a].person == x->person && R.appts[a].body == body)
					isnew = false;
			fresh += isnew;
			score += x->score;
		}
	struct val v = {{0}};
	for (size_t p = 0; p < b->nprofiles; p++)
		for (int i = 0; i < n; i++)
			if (prof[i] == b->profiles[p]) {
				v.v[0]++;
				break;
			}
	int regs = 0;
	for (size_t r = 0; r < MT->nregions; r++)
		for (int i = 0; i < n; i++)
			if (munic_find(MT, munic[i])->region == (int)r) {
				regs++;
				break;
			}
	v.v[1] = b->region_target > 0 && regs > b->region_target ? b->region_target : regs;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			v.v[2] -= munic[i] == munic[j];
	const char *gs[64];
	int ng = 0;
	for (int i = 0; i < n; i++) {
		const char *g = munic_find(MT, munic[i])->group;
		bool dup = false;
		for (int j = 0; j < ng; j++)
			dup |= !strcmp(gs[j], g);
		if (!dup)
			gs[ng++] = g;
	}
	v.v[3] = ng;
	v.v[4] = fresh;
	v.v[5] = score;
	return v;
}

/* The sorted ids of mask, compared as lists. */
static int cmp_ids(const struct recruit_cand *c, const size_t *e, size_t ne, unsigned a,
                   unsigned b)
{
	const char *x[32], *y[32];
	int nx = 0, ny = 0;
	for (size_t i = 0; i < ne; i++) {
		if (a >> i & 1)
			x[nx++] = c[e[i]].id;
		if (b >> i & 1)
			y[ny++] = c[e[i]].id;
	}
	for (int pass = 0; pass < 2; pass++) {
		const char **v = pass ? y : x;
		int n = pass ? ny : nx;
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
				const char *t = v[j];
				v[j] = v[j - 1];
				v[j - 1] = t;
			}
	}
	for (int i = 0; i < nx && i < ny; i++) {
		int r = strcmp(x[i], y[i]);
		if (r)
			return r;
	}
	return nx - ny;
}

static void random_pools_against_brute_force(void **state)
{
	(void)state;
	static const char *const bodies[] = {"styregruppe", "rg-forretning", "rg-arkitektur-udvikling",
	                                     "rg-drift-forvaltning"};
	/* few municipalities over every region and group, so that criteria collide */
	static const int towns[] = {101, 147, 751, 615, 851, 461, 330, 540, 825, 657};
	static const int scores[] = {500, 500, 600, 605, 700, 1000, 0};
	int checked = 0;
	for (int round = 0; round < 400; round++) {
		fresh(NULL);
		int body = model_body_index(M, bodies[rnd(4)]);
		assert_true(body >= 0);
		const struct model_body *b = &M->bodies[body];
		fk_date d = D("2027-03-01");
		/* staying members, and some who left long ago (returning candidates) */
		int nstay = (int)rnd(4);
		char key[32];
		for (int i = 0; i < nstay; i++) {
			snprintf(key, sizeof key, "s%d", i);
			struct reg_appt a = {.person = P(key), .body = body, .seat = SEAT_KOMMUNE,
			                     .org = SEAT_KOMMUNE, .munic = (int16_t)towns[rnd(10)],
			                     .profile = (int16_t)b->profiles[rnd((unsigned)b->nprofiles)],
			                     .start = d - 400, .end = DATE_OPEN};
			reg_appt_add(&R, &a);
		}
		size_t n = 1 + rnd(11);
		struct recruit_cand c[16];
		char ids[16][24];
		for (size_t i = 0; i < n; i++) {
			/* ids of different lengths: byte order is not numeric order */
			snprintf(ids[i], sizeof ids[i], "k%u", rnd(30));
			for (size_t j = 0; j < i; j++)
				if (!strcmp(ids[i], ids[j]))
					snprintf(ids[i], sizeof ids[i], "z%zu", i);
			int32_t person = -1;
			if (rnd(4) == 0) {
				snprintf(key, sizeof key, "old%zu", i);
				person = P(key);
				struct reg_appt a = {.person = person, .body = body, .seat = SEAT_KOMMUNE,
				                     .org = SEAT_KOMMUNE, .munic = (int16_t)towns[rnd(10)],
				                     .profile = -1, .start = d - 4000, .end = d - 3000};
				reg_appt_add(&R, &a);
			}
			int prof = rnd(8) == 0 ? model_profile_index(M, "it-digitaliseringschef")
			                       : b->profiles[rnd((unsigned)b->nprofiles)];
			c[i] = (struct recruit_cand){ids[i], person, rnd(12) == 0 ? 999 : towns[rnd(10)], prof,
			                             scores[rnd(7)]};
		}
		reg_sort(&R);
		int seats = (int)rnd(6) - 1; /* -1: computed */
		struct recruit_result x;
		assert_int_equal(recruit_select(M, MT, &R, body, d, c, n, seats, 0, NULL, &x), 0);
		size_t e[16], ne = 0;
		for (size_t i = 0; i < n; i++)
			if (x.reason[i] == RECRUIT_OK)
				e[ne++] = i;
		int k = x.seats < (int)ne ? x.seats : (int)ne;
		unsigned best = 0;
		bool have = false;
		struct val bv = {{0}};
		for (unsigned mask = 0; mask < 1u << ne; mask++) {
			if (__builtin_popcount(mask) != k)
				continue;
			struct val v = value_of(b, body, d, c, e, mask, ne);
			int cmp = 0;
			for (int j = 0; j < 6 && !cmp; j++)
				cmp = (v.v[j] > bv.v[j]) - (v.v[j] < bv.v[j]);
			if (!have || cmp > 0 || (cmp == 0 && cmp_ids(c, e, ne, mask, best) < 0)) {
				best = mask;
				bv = v;
				have = true;
			}
		}
		unsigned got = 0;
		for (size_t i = 0; i < ne; i++)
			if (x.selected[e[i]])
				got |= 1u << i;
		for (size_t i = 0; i < n; i++)
			if (x.reason[i] != RECRUIT_OK)
				assert_false(x.selected[i]);
		if (got != best)
			fprintf(stderr, "round %d: body %s, %zu candidates, k %d: got %x, want %x\n", round,
			        b->id, n, k, got, best);
		assert_int_equal(got, best);
		assert_int_equal(x.profiles, bv.v[0]);
		assert_int_equal(x.pairs, -bv.v[2]);
		recruit_result_free(&x);
		checked++;
	}
	assert_int_equal(checked, 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(order_of_reasons, fresh),
	    cmocka_unit_test_setup(serving_any_seat, fresh),
	    cmocka_unit_test_setup(term_limit_renewal, fresh),
	    cmocka_unit_test_setup(cooloff_to_the_day, fresh),
	    cmocka_unit_test_setup(score_qualifies_when_equal, fresh),
	    cmocka_unit_test_setup(criterion_profiles, fresh),
	    cmocka_unit_test_setup(criterion_regions, fresh),
	    cmocka_unit_test_setup(criterion_pairs, fresh),
	    cmocka_unit_test_setup(criterion_groups, fresh),
	    cmocka_unit_test_setup(criterion_new, fresh),
	    cmocka_unit_test_setup(criterion_score_and_ids, fresh),
	    cmocka_unit_test_setup(random_pools_against_brute_force, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
