/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Recruitment to municipal seats (recruit.h): eligibility (SPEC §7.1) and the exact best set
 * (§7.2).
 *
 * The best set. Criteria 1-4 depend on a candidate only through its profile and its
 * municipality (region and municipality group follow from it); 5-7 on whether it is new, its
 * score and its id. So the programme runs over the municipalities that have candidates: from
 * each it takes some candidates (an "option": how many, which profiles they cover, and within
 * that the best by new, score and id), and its state is (how many taken, profiles covered,
 * regions covered, groups covered). Two partial sets with the same state are compared by
 * what is left: fewer same-municipality pairs, more new, higher score, smaller ids; the
 * better one is kept, which is exact because every later choice adds the same to both (for
 * the ids: candidates are numbered in id order, the smaller of two sorted id lists is the one
 * holding the smallest id of their symmetric difference, and a common addition leaves the
 * symmetric difference as it was). States whose optimistic completion cannot beat the best
 * complete set found so far are dropped. */
#include "core/recruit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/err.h"
#include "util/xalloc.h"

const char *recruit_reason_name(int r)
{
	static const char *const v[RECRUIT__MAX] = {"",           "municipality", "profile", "serving",
	                                            "term-limit", "cooloff",      "score"};
	return r >= 0 && r < RECRUIT__MAX ? v[r] : "";
}

static int body_profile_bit(const struct model_body *b, int profile)
{
	for (size_t i = 0; i < b->nprofiles; i++)
		if (b->profiles[i] == profile)
			return (int)i;
	return -1;
}

static int cmp_start(const void *x, const void *y)
{
	const struct reg_appt *a = *(const struct reg_appt *const *)x,
	                      *b = *(const struct reg_appt *const *)y;
	return (a->start > b->start) - (a->start < b->start);
}

int recruit_eligible(const struct model *m, const struct munic_table *mt, const struct reg *r,
                     int body, fk_date d, const struct recruit_cand *c, int min_score,
                     fk_date *from, char *msg, size_t n)
{
	const struct model_body *b = &m->bodies[body];
	char day[40];
	if (from)
		*from = DATE_NONE;
	if (!munic_find(mt, c->munic)) {
		snprintf(msg, n, "Kommunekoden %03d er ikke en af de 98 kommuner.", c->munic);
		return RECRUIT_MUNICIPALITY;
	}
	if (c->profile < 0 || body_profile_bit(b, c->profile) < 0) {
		snprintf(msg, n, "Profilen er ikke en af de profiler, %s søger.", b->name);
		return RECRUIT_PROFILE;
	}
	if (c->person >= 0) {
		const struct reg_appt **h = xcalloc(r->nappts + 1, sizeof *h);
		size_t nh = 0;
		bool serving = false;
		for (size_t i = 0; i < r->nappts; i++) {
			const struct reg_appt *a = &r->appts[i];
			if (a->person != c->person || a->body != body)
				continue;
			if (a->start <= d && a->end >= d)
				serving = true;
			if (a->seat == SEAT_KOMMUNE && a->start < d)
				h[nh++] = a;
		}
		int rc = RECRUIT_OK;
		if (serving) {
			snprintf(msg, n, "Kandidaten sidder allerede i %s.", b->name);
			rc = RECRUIT_SERVING;
		} else if (nh > 0) {
			qsort(h, nh, sizeof *h, cmp_start);
			size_t *stint = xcalloc(nh, sizeof *stint);
			rules_stints(h, nh, b->cooloff_years, stint);
			fk_date end = h[nh - 1]->end;
			size_t first = nh - 1;
			while (first > 0 && stint[first - 1] == stint[nh - 1])
				first--;
			fk_date last = rules_last_allowed(h[first]->start, b->term_years);
			if (end == d - 1 && b->term_years > 0 && d > last) {
				date_format_da(last, day, sizeof day);
				snprintf(msg, n,
				         "En ny udpegning ville forlænge kandidatens periode i %s ud over "
				         "grænsen på %d år (sidste dag %s).",
				         b->name, b->term_years, day);
				if (from)
					*from = last;
				rc = RECRUIT_TERM_LIMIT;
			} else if (end < d - 1 && b->cooloff_years > 0 &&
			           d < date_add_years(end + 1, b->cooloff_years)) {
				fk_date back = date_add_years(end + 1, b->cooloff_years);
				date_format_da(back, day, sizeof day);
				snprintf(msg, n, "Kandidaten har karensperiode i %s og kan udpeges fra %s.",
				         b->name, day);
				if (from)
					*from = back;
				rc = RECRUIT_COOLOFF;
			}
			free(stint);
		}
		free(h);
		if (rc != RECRUIT_OK)
			return rc;
	}
	if (c->score < min_score) {
		snprintf(msg, n, "Kandidatens score %d,%d er under den kvalificerende score %d,%d.",
		         c->score / 10, c->score % 10, min_score / 10, min_score % 10);
		return RECRUIT_SCORE;
	}
	snprintf(msg, n, "Kan udpeges.");
	return RECRUIT_OK;
}

void recruit_result_free(struct recruit_result *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->message ? x->message[i] : NULL);
		free(x->why ? x->why[i] : NULL);
	}
	free(x->reason);
	free(x->from);
	free(x->message);
	free(x->selected);
	free(x->why);
	memset(x, 0, sizeof *x);
}

/* ------------------------------------------------------------ the programme */

/* An eligible candidate, numbered in id order. */
struct el {
	size_t cand;   /* index into the caller's candidates */
	int pbit;      /* the body's profile, as a bit number */
	int rbit, gbit;
	int munic;
	bool fresh;    /* never had an appointment in the body */
	int score;
};

/* What a set is worth, criteria in order; the ids are compared apart. */
struct worth {
	int profiles, regions, pairs, groups, fresh, score;
};

static int cmp_worth(const struct worth *a, const struct worth *b)
{
	if (a->profiles != b->profiles)
		return a->profiles < b->profiles ? -1 : 1;
	if (a->regions != b->regions)
		return a->regions < b->regions ? -1 : 1;
	if (a->pairs != b->pairs)
		return a->pairs > b->pairs ? -1 : 1;
	if (a->groups != b->groups)
		return a->groups < b->groups ? -1 : 1;
	if (a->fresh != b->fresh)
		return a->fresh < b->fresh ? -1 : 1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return 0;
}

/* 1 when id set a is smaller than b (same size): a holds the lowest bit of a ^ b. */
static int ids_less(const uint64_t *a, const uint64_t *b, size_t words)
{
	for (size_t i = 0; i < words; i++) {
		uint64_t x = a[i] ^ b[i];
		if (x)
			return (a[i] & (x & -x)) != 0;
	}
	return 0;
}

/* A state's key: taken (8 bits), profiles, regions, groups (16 bits each). */
static uint64_t key_of(int t, uint32_t p, uint32_t rr, uint32_t g)
{
	return (uint64_t)t << 48 | (uint64_t)p << 32 | (uint64_t)rr << 16 | g;
}

/* The states of one step: open addressing on the key, values side by side. */
struct states {
	size_t cap, n, words;
	uint64_t *key;   /* UINT64_MAX: empty */
	int *pairs, *fresh, *score;
	uint64_t *ids;   /* cap x words */
};

static void states_init(struct states *s, size_t cap, size_t words)
{
	s->cap = cap;
	s->n = 0;
	s->words = words;
	s->key = xmalloc(cap * sizeof *s->key);
	memset(s->key, 0xff, cap * sizeof *s->key);
	s->pairs = xmalloc(cap * sizeof *s->pairs);
	s->fresh = xmalloc(cap * sizeof *s->fresh);
	s->score = xmalloc(cap * sizeof *s->score);
	s->ids = xcalloc(cap * words + 1, sizeof *s->ids);
}

static void states_free(struct states *s)
{
	free(s->key);
	free(s->pairs);
	free(s->fresh);
	free(s->score);
	free(s->ids);
}

static void states_clear(struct states *s)
{
	memset(s->key, 0xff, s->cap * sizeof *s->key);
	s->n = 0;
}

static size_t slot_of(const struct states *s, uint64_t k)
{
	uint64_t h = k * 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 20) & (s->cap - 1);
	while (s->key[i] != UINT64_MAX && s->key[i] != k)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void states_grow(struct states *s)
{
	struct states t;
	states_init(&t, s->cap * 2, s->words);
	for (size_t i = 0; i < s->cap; i++) {
		if (s->key[i] == UINT64_MAX)
			continue;
		size_t j = slot_of(&t, s->key[i]);
		t.key[j] = s->key[i];
		t.pairs[j] = s->pairs[i];
		t.fresh[j] = s->fresh[i];
		t.score[j] = s->score[i];
		memcpy(&t.ids[j * t.words], &s->ids[i * s->words], s->words * sizeof *s->ids);
		t.n++;
	}
	states_free(s);
	*s = t;
}

/* Offers a partial set to state k: kept when the state is new or the set is better. */
static void offer(struct states *s, uint64_t k, int pairs, int fresh, int score,
                  const uint64_t *a, const uint64_t *b)
{
	if ((s->n + 1) * 2 > s->cap)
		states_grow(s);
	size_t i = slot_of(s, k);
	size_t w = s->words;
	uint64_t *dst = &s->ids[i * w];
	if (s->key[i] == k) {
		if (pairs > s->pairs[i] || (pairs == s->pairs[i] && fresh < s->fresh[i]) ||
		    (pairs == s->pairs[i] && fresh == s->fresh[i] && score < s->score[i]))
			return;
		if (pairs == s->pairs[i] && fresh == s->fresh[i] && score == s->score[i]) {
			uint64_t tmp[w ? w : 1];
			for (size_t j = 0; j < w; j++)
				tmp[j] = a[j] | (b ? b[j] : 0);
			if (!ids_less(tmp, dst, w))
				return;
		}
	} else {
		s->key[i] = k;
		s->n++;
	}
	s->pairs[i] = pairs;
	s->fresh[i] = fresh;
	s->score[i] = score;
	for (size_t j = 0; j < w; j++)
		dst[j] = a[j] | (b ? b[j] : 0);
}

/* One way to take candidates from one municipality. */
struct option {
	int t;
	uint32_t pmask;
	int fresh, score;
	uint64_t *ids; /* words */
};

/* A municipality with candidates. */
struct town {
	int code, rbit, gbit, stay;
	size_t *el;        /* its eligible candidates, in the order of pick_order */
	size_t nel;
	struct option *opt;
	size_t nopt;
};

struct prog {
	const struct el *el;
	size_t nel, words;
	int k, nprof, target;
	struct town *town;
	size_t ntown;
	/* for the bound: what the towns from i on offer */
	uint32_t *avail_p, *avail_r, *avail_g;
	int *avail_fresh;
	int *top;          /* (ntown + 1) x (k + 1): best score sum of j candidates from town i on */
	struct worth best; /* the best complete set so far */
	uint64_t *best_ids;
	bool have_best;
};

static int popcount32(uint32_t x)
{
	return __builtin_popcount(x);
}

static int pairs_of(int k)
{
	return k * (k - 1) / 2;
}

/* The better candidate to take first within one profile of one town: new, higher score,
 * smaller id (index). */
static int cmp_pick(const void *x, const void *y, const struct el *el)
{
	const struct el *a = &el[*(const size_t *)x], *b = &el[*(const size_t *)y];
	if (a->pbit != b->pbit)
		return a->pbit - b->pbit;
	if (a->fresh != b->fresh)
		return a->fresh ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (*(const size_t *)x > *(const size_t *)y) - (*(const size_t *)x < *(const size_t *)y);
}

static const struct el *sort_el;
static int cmp_pick_q(const void *x, const void *y)
{
	return cmp_pick(x, y, sort_el);
}

/* Options of a town: for each count per profile (the best of that profile first), the best
 * per (how many, which profiles). */
static void town_options(struct prog *P, struct town *tw)
{
	size_t w = P->words;
	int k = P->k;
	size_t slots = (size_t)(k + 1) << P->nprof;
	struct option *best = xcalloc(slots, sizeof *best);
	bool *have = xcalloc(slots, sizeof *have);
	uint64_t *pool = xcalloc(slots * w + 1, sizeof *pool);
	for (size_t i = 0; i < slots; i++)
		best[i].ids = &pool[i * w];
	/* start of each profile's run in tw->el */
	size_t *run = xcalloc((size_t)P->nprof + 1, sizeof *run), *len = xcalloc((size_t)P->nprof + 1, sizeof *len);
	for (size_t i = 0; i < tw->nel; i++) {
		int p = P->el[tw->el[i]].pbit;
		if (len[p] == 0)
			run[p] = i;
		len[p]++;
	}
	int *cnt = xcalloc((size_t)P->nprof + 1, sizeof *cnt);
	uint64_t *ids = xcalloc(w + 1, sizeof *ids);
	/* odometer over cnt[p] in 0..len[p], total <= k */
	for (;;) {
		int t = 0, fresh = 0, score = 0;
		uint32_t pm = 0;
		memset(ids, 0, w * sizeof *ids);
		for (int p = 0; p < P->nprof; p++) {
			t += cnt[p];
			if (cnt[p])
				pm |= 1u << p;
			for (int j = 0; j < cnt[p]; j++) {
				size_t e = tw->el[run[p] + (size_t)j];
				fresh += P->el[e].fresh;
				score += P->el[e].score;
				ids[e / 64] |= (uint64_t)1 << (e % 64);
			}
		}
		if (t <= k) {
			size_t s = (size_t)t << P->nprof | pm;
			struct option *o = &best[s];
			bool better = !have[s] || fresh > o->fresh ||
			              (fresh == o->fresh && score > o->score) ||
			              (fresh == o->fresh && score == o->score && ids_less(ids, o->ids, w));
			if (better) {
				have[s] = true;
				o->t = t;
				o->pmask = pm;
				o->fresh = fresh;
				o->score = score;
				memcpy(o->ids, ids, w * sizeof *ids);
			}
		}
		int p = 0;
		while (p < P->nprof) {
			if ((size_t)cnt[p] < len[p] && t < k) {
				cnt[p]++;
				break;
			}
			t -= cnt[p];
			cnt[p] = 0;
			p++;
		}
		if (p == P->nprof)
			break;
	}
	tw->opt = xcalloc(slots, sizeof *tw->opt);
	tw->nopt = 0;
	for (size_t s = 0; s < slots; s++) {
		if (!have[s] || best[s].t == 0)
			continue;
		struct option *o = &tw->opt[tw->nopt++];
		*o = best[s];
		o->ids = xmalloc((w ? w : 1) * sizeof *o->ids);
		memcpy(o->ids, best[s].ids, w * sizeof *o->ids);
	}
	free(best);
	free(have);
	free(pool);
	free(run);
	free(len);
	free(cnt);
	free(ids);
}

/* The value of a complete state. */
static struct worth worth_of(const struct prog *P, uint64_t key, int pairs, int fresh, int score)
{
	uint32_t pm = (uint32_t)(key >> 32) & 0xffff, rm = (uint32_t)(key >> 16) & 0xffff,
	         gm = (uint32_t)key & 0xffff;
	int regions = popcount32(rm);
	if (P->target > 0 && regions > P->target)
		regions = P->target;
	return (struct worth){popcount32(pm), regions, pairs, popcount32(gm), fresh, score};
}

/* Whether a state at town i can still beat the best set: its optimistic completion. */
static bool hopeless(const struct prog *P, size_t i, uint64_t key, int pairs, int fresh,
                     int score)
{
	if (!P->have_best)
		return false;
	int t = (int)(key >> 48), left = P->k - t;
	uint32_t pm = (uint32_t)(key >> 32) & 0xffff, rm = (uint32_t)(key >> 16) & 0xffff,
	         gm = (uint32_t)key & 0xffff;
	int ap = popcount32(P->avail_p[i] & ~pm), ar = popcount32(P->avail_r[i] & ~rm),
	    ag = popcount32(P->avail_g[i] & ~gm);
	int regions = popcount32(rm) + (ar < left ? ar : left);
	if (P->target > 0 && regions > P->target)
		regions = P->target;
	struct worth up = {popcount32(pm) + (ap < left ? ap : left), regions, pairs,
	                   popcount32(gm) + (ag < left ? ag : left),
	                   fresh + (P->avail_fresh[i] < left ? P->avail_fresh[i] : left),
	                   score + P->top[i * (size_t)(P->k + 1) + (size_t)left]};
	return cmp_worth(&up, &P->best) < 0;
}

static void consider(struct prog *P, uint64_t key, int pairs, int fresh, int score,
                     const uint64_t *ids)
{
	if ((int)(key >> 48) != P->k)
		return;
	struct worth v = worth_of(P, key, pairs, fresh, score);
	int c = P->have_best ? cmp_worth(&v, &P->best) : 1;
	if (c > 0 || (c == 0 && ids_less(ids, P->best_ids, P->words))) {
		P->best = v;
		memcpy(P->best_ids, ids, P->words * sizeof *ids);
		P->have_best = true;
	}
}

/* Runs the programme from the staying members' state; the best set in P->best_ids. */
static void run(struct prog *P, uint32_t p0, uint32_t r0, uint32_t g0, int pairs0)
{
	size_t w = P->words;
	struct states a, b;
	states_init(&a, 1024, w);
	states_init(&b, 1024, w);
	uint64_t *zero = xcalloc(w + 1, sizeof *zero);
	offer(&a, key_of(0, p0, r0, g0), pairs0, 0, 0, zero, NULL);
	consider(P, key_of(0, p0, r0, g0), pairs0, 0, 0, zero);
	for (size_t i = 0; i < P->ntown; i++) {
		const struct town *tw = &P->town[i];
		states_clear(&b);
		for (size_t s = 0; s < a.cap; s++) {
			uint64_t k = a.key[s];
			if (k == UINT64_MAX || hopeless(P, i, k, a.pairs[s], a.fresh[s], a.score[s]))
				continue;
			const uint64_t *ids = &a.ids[s * w];
			offer(&b, k, a.pairs[s], a.fresh[s], a.score[s], ids, NULL);
			int t = (int)(k >> 48);
			uint32_t pm = (uint32_t)(k >> 32) & 0xffff, rm = (uint32_t)(k >> 16) & 0xffff,
			         gm = (uint32_t)k & 0xffff;
			for (size_t o = 0; o < tw->nopt; o++) {
				const struct option *op = &tw->opt[o];
				if (t + op->t > P->k)
					continue;
				uint64_t nk = key_of(t + op->t, pm | op->pmask, rm | 1u << tw->rbit,
				                     gm | 1u << tw->gbit);
				int np = a.pairs[s] + pairs_of(tw->stay + op->t) - pairs_of(tw->stay);
				int nf = a.fresh[s] + op->fresh, ns = a.score[s] + op->score;
				if (t + op->t == P->k) {
					uint64_t tmp[w ? w : 1];
					for (size_t j = 0; j < w; j++)
						tmp[j] = ids[j] | op->ids[j];
					consider(P, nk, np, nf, ns, tmp);
				}
				offer(&b, nk, np, nf, ns, ids, op->ids);
			}
		}
		struct states t = a;
		a = b;
		b = t;
	}
	free(zero);
	states_free(&a);
	states_free(&b);
}

/* --------------------------------------------------------- the explanation */

static char *explain_in(const struct model *m, const struct munic_table *mt,
                        const struct model_body *b, const struct el *e, const struct el *el,
                        size_t nel, const uint64_t *ids, uint32_t p0, uint32_t r0, uint32_t g0,
                        const char *const *gname)
{
	struct buf s;
	buf_init(&s);
	const struct munic *mu = munic_find(mt, e->munic);
	int others_p = 0, others_r = 0, others_g = 0;
	for (size_t i = 0; i < nel; i++) {
		if (&el[i] == e || !(ids[i / 64] >> (i % 64) & 1))
			continue;
		others_p += el[i].pbit == e->pbit;
		others_r += el[i].rbit == e->rbit;
		others_g += el[i].gbit == e->gbit;
	}
	if (!(p0 >> e->pbit & 1) && others_p == 0)
		buf_printf(&s, "eneste kandidat med profilen %s; ",
		           m->profiles[b->profiles[e->pbit]].name);
	if (!(r0 >> e->rbit & 1) && others_r == 0)
		buf_printf(&s, "bringer %s ind; ", mt->regions[mu->region]);
	if (!(g0 >> e->gbit & 1) && others_g == 0)
		buf_printf(&s, "bringer kommunegruppen %s ind; ", gname[e->gbit]);
	if (e->fresh)
		buf_adds(&s, "nyt medlem; ");
	buf_printf(&s, "score %d,%d", e->score / 10, e->score % 10);
	return buf_detach(&s, NULL);
}

static char *explain_out(const struct model *m, const struct munic_table *mt,
                         const struct model_body *b, const struct el *e, const struct el *el,
                         size_t nel, const uint64_t *ids, uint32_t p0, uint32_t r0,
                         const int *stay_munic, size_t nstay, const char *const *cid)
{
	struct buf s;
	buf_init(&s);
	bool prof = p0 >> e->pbit & 1, reg = r0 >> e->rbit & 1, town = false;
	const char *better = NULL;
	for (size_t i = 0; i < nstay; i++)
		town |= stay_munic[i] == e->munic;
	for (size_t i = 0; i < nel; i++) {
		if (!(ids[i / 64] >> (i % 64) & 1))
			continue;
		prof |= el[i].pbit == e->pbit;
		reg |= el[i].rbit == e->rbit;
		town |= el[i].munic == e->munic;
		if (el[i].pbit == e->pbit && !better)
			better = cid[el[i].cand];
	}
	const struct munic *mu = munic_find(mt, e->munic);
	if (prof)
		buf_printf(&s, "profilen %s er dækket; ", m->profiles[b->profiles[e->pbit]].name);
	if (reg)
		buf_printf(&s, "%s er repræsenteret; ", mt->regions[mu->region]);
	if (town)
		buf_printf(&s, "%s har allerede et medlem; ", mu->name);
	if (better)
		buf_printf(&s, "den valgte sammensætning (fx %s) er bedre efter kriterierne", better);
	else
		buf_adds(&s, "den valgte sammensætning er bedre efter kriterierne");
	return buf_detach(&s, NULL);
}

/* ------------------------------------------------------------- the whole */

int recruit_select(const struct model *m, const struct munic_table *mt, const struct reg *r,
                   int body, fk_date d, const struct recruit_cand *c, size_t n, int seats,
                   int min_score, const bool *skip, struct recruit_result *out)
{
	memset(out, 0, sizeof *out);
	if (body < 0 || (size_t)body >= m->nbodies || m->bodies[body].nprofiles > 16)
		return -1;
	const struct model_body *b = &m->bodies[body];
	out->n = n;
	out->reason = xcalloc(n + 1, sizeof *out->reason);
	out->from = xcalloc(n + 1, sizeof *out->from);
	out->message = xcalloc(n + 1, sizeof *out->message);
	out->selected = xcalloc(n + 1, sizeof *out->selected);
	out->why = xcalloc(n + 1, sizeof *out->why);
	/* Regions are the table's; groups numbered by first appearance. */
	const char *gname[16];
	int ng = 0;
	int *gbit_of = xcalloc(mt->n + 1, sizeof *gbit_of);
	for (size_t i = 0; i < mt->n; i++) {
		int g = 0;
		while (g < ng && strcmp(gname[g], mt->v[i].group) != 0)
			g++;
		if (g == ng && ng < 16)
			gname[ng++] = mt->v[i].group;
		gbit_of[i] = g < 16 ? g : 15;
	}
	/* The staying members: municipal seats serving on the day, once per person. */
	uint32_t p0 = 0, r0 = 0, g0 = 0;
	int *stay_munic = xcalloc(r->nappts + 1, sizeof *stay_munic);
	int32_t *stay_person = xcalloc(r->nappts + 1, sizeof *stay_person);
	size_t nstay = 0;
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->body != body || a->seat != SEAT_KOMMUNE || a->start > d || a->end < d)
			continue;
		bool seen = false;
		for (size_t j = 0; j < nstay; j++)
			seen |= stay_person[j] == a->person;
		if (seen)
			continue;
		stay_person[nstay] = a->person;
		stay_munic[nstay++] = a->munic;
		int pb = body_profile_bit(b, a->profile);
		if (pb >= 0)
			p0 |= 1u << pb;
		const struct munic *mu = munic_find(mt, a->munic);
		if (mu) {
			r0 |= 1u << (mu->region & 15);
			g0 |= 1u << gbit_of[mu - mt->v];
		}
	}
	out->staying = (int)nstay;
	out->seats = seats >= 0 ? seats : b->seats[SEAT_KOMMUNE] - (int)nstay;
	if (out->seats < 0)
		out->seats = 0;
	/* Eligibility, then the eligible in id order. */
	size_t *order = xcalloc(n + 1, sizeof *order), ne = 0;
	char msg[400];
	for (size_t i = 0; i < n; i++) {
		out->reason[i] = recruit_eligible(m, mt, r, body, d, &c[i], min_score, &out->from[i],
		                                  msg, sizeof msg);
		out->message[i] = xstrdup(msg);
		if (out->reason[i] == RECRUIT_OK && !(skip && skip[i]))
			order[ne++] = i;
	}
	for (size_t i = 1; i < ne; i++) /* insertion sort by id: stable, small n */
		for (size_t j = i; j > 0 && strcmp(c[order[j - 1]].id, c[order[j]].id) > 0; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	struct el *el = xcalloc(ne + 1, sizeof *el);
	for (size_t i = 0; i < ne; i++) {
		const struct recruit_cand *x = &c[order[i]];
		const struct munic *mu = munic_find(mt, x->munic);
		bool fresh = true;
		for (size_t a = 0; x->person >= 0 && a < r->nappts && fresh; a++)
			fresh = !(r->appts[a].person == x->person && r->appts[a].body == body);
		el[i] = (struct el){order[i], body_profile_bit(b, x->profile), mu->region & 15,
		                    gbit_of[mu - mt->v], x->munic, fresh, x->score};
	}
	struct prog P = {.el = el, .nel = ne, .words = (ne + 63) / 64, .nprof = (int)b->nprofiles,
	                 .target = b->region_target};
	P.k = out->seats < (int)ne ? out->seats : (int)ne;
	if (P.words == 0)
		P.words = 1;
	/* The towns, each with its candidates in picking order. */
	size_t *by = xcalloc(ne + 1, sizeof *by);
	for (size_t i = 0; i < ne; i++)
		by[i] = i;
	P.town = xcalloc(ne + 1, sizeof *P.town);
	for (size_t i = 0; i < ne; i++) {
		size_t t = 0;
		while (t < P.ntown && P.town[t].code != el[i].munic)
			t++;
		if (t == P.ntown) {
			int stay = 0;
			for (size_t j = 0; j < nstay; j++)
				stay += stay_munic[j] == el[i].munic;
			P.town[P.ntown++] = (struct town){.code = el[i].munic, .rbit = el[i].rbit,
			                                  .gbit = el[i].gbit, .stay = stay,
			                                  .el = xcalloc(ne + 1, sizeof(size_t))};
		}
		P.town[t].el[P.town[t].nel++] = i;
	}
	sort_el = el;
	for (size_t t = 0; t < P.ntown; t++) {
		qsort(P.town[t].el, P.town[t].nel, sizeof(size_t), cmp_pick_q);
		town_options(&P, &P.town[t]);
	}
	/* What the towns from i on offer, for the bound. */
	size_t kk = (size_t)P.k + 1;
	P.avail_p = xcalloc(P.ntown + 1, sizeof *P.avail_p);
	P.avail_r = xcalloc(P.ntown + 1, sizeof *P.avail_r);
	P.avail_g = xcalloc(P.ntown + 1, sizeof *P.avail_g);
	P.avail_fresh = xcalloc(P.ntown + 1, sizeof *P.avail_fresh);
	P.top = xcalloc((P.ntown + 1) * kk, sizeof *P.top);
	int *scores = xcalloc(ne + 1, sizeof *scores);
	for (size_t i = P.ntown; i-- > 0;) {
		const struct town *tw = &P.town[i];
		P.avail_p[i] = P.avail_p[i + 1];
		P.avail_r[i] = P.avail_r[i + 1] | 1u << tw->rbit;
		P.avail_g[i] = P.avail_g[i + 1] | 1u << tw->gbit;
		P.avail_fresh[i] = P.avail_fresh[i + 1];
		for (size_t j = 0; j < tw->nel; j++) {
			P.avail_p[i] |= 1u << el[tw->el[j]].pbit;
			P.avail_fresh[i] += el[tw->el[j]].fresh;
		}
		/* best sums of j scores among towns i.. : merge this town's scores in */
		size_t ns = 0;
		for (size_t t = i; t < P.ntown; t++)
			for (size_t j = 0; j < P.town[t].nel; j++)
				scores[ns++] = el[P.town[t].el[j]].score;
		/* partial selection of the kk-1 largest */
		for (size_t a = 0; a < ns && a + 1 < kk; a++)
			for (size_t z = a + 1; z < ns; z++)
				if (scores[z] > scores[a]) {
					int t = scores[a];
					scores[a] = scores[z];
					scores[z] = t;
				}
		for (size_t j = 1; j < kk; j++)
			P.top[i * kk + j] = P.top[i * kk + j - 1] + (j - 1 < ns ? scores[j - 1] : 0);
	}
	P.best_ids = xcalloc(P.words + 1, sizeof *P.best_ids);
	int pairs0 = 0;
	for (size_t i = 0; i < nstay; i++)
		for (size_t j = i + 1; j < nstay; j++)
			pairs0 += stay_munic[i] == stay_munic[j];
	run(&P, p0, r0, g0, pairs0);
	out->profiles = P.best.profiles;
	out->regions = P.best.regions;
	out->pairs = P.best.pairs;
	out->groups = P.best.groups;
	out->fresh = P.best.fresh;
	out->score = P.best.score;
	const char **cid = xcalloc(n + 1, sizeof *cid);
	for (size_t i = 0; i < n; i++)
		cid[i] = c[i].id;
	for (size_t i = 0; i < ne; i++) {
		bool in = P.best_ids[i / 64] >> (i % 64) & 1;
		out->selected[el[i].cand] = in;
		out->nselected += in;
		out->why[el[i].cand] =
		    in ? explain_in(m, mt, b, &el[i], el, ne, P.best_ids, p0, r0, g0, gname)
		       : explain_out(m, mt, b, &el[i], el, ne, P.best_ids, p0, r0, stay_munic, nstay,
		                     cid);
	}
	free(cid);
	for (size_t t = 0; t < P.ntown; t++) {
		for (size_t o = 0; o < P.town[t].nopt; o++)
			free(P.town[t].opt[o].ids);
		free(P.town[t].opt);
		free(P.town[t].el);
	}
	free(P.town);
	free(P.avail_p);
	free(P.avail_r);
	free(P.avail_g);
	free(P.avail_fresh);
	free(P.top);
	free(P.best_ids);
	free(scores);
	free(by);
	free(el);
	free(order);
	free(stay_munic);
	free(stay_person);
	free(gbit_of);
	return 0;
}

/* ------------------------------------------------------ the candidates file */

enum col { C_CANDIDATE, C_PERSON, C_NAME, C_MUNICIPALITY, C_PROFILE, C_SCORE, C__MAX };
static const char *const colname[C__MAX] = {"candidate", "person",  "name",
                                            "municipality", "profile", "score"};
static const bool required[C__MAX] = {true, false, false, true, true, true};

int recruit_parse_score(const char *s)
{
	int v = 0, digits = 0;
	const char *p = s;
	while (*p >= '0' && *p <= '9' && digits < 4) {
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || digits > 3)
		return -1;
	v *= 10;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		v += *p++ - '0';
	}
	return *p == '\0' && v <= 1000 ? v : -1;
}

void recruit_file_free(struct recruit_file *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->ids[i]);
		free(c->persons[i]);
	}
	free(c->ids);
	free(c->persons);
	free(c->v);
	free(c->line);
	memset(c, 0, sizeof *c);
}

int recruit_read_csv(const struct model *m, const struct reg *r, const char *file,
                     const char *data, size_t len, struct recruit_file *out, struct diags *d)
{
	struct csv_reader rd;
	csv_open(&rd, data, len, file);
	int col[C__MAX];
	for (int i = 0; i < C__MAX; i++)
		col[i] = -1;
	int rc = csv_next(&rd, d);
	if (rc == 0)
		diags_add(d, file, 1, 1, NULL,
		          "Filen er tom. Den første linje skal navngive kolonnerne: candidate, person, "
		          "name, municipality, profile og score.");
	if (rc == 1) {
		for (size_t i = 0; i < rd.nfields; i++) {
			int k = 0;
			while (k < C__MAX && strcmp(rd.fields[i].s, colname[k]) != 0)
				k++;
			if (k == C__MAX)
				diags_add(d, file, rd.fields[i].line, rd.fields[i].col, NULL,
				          "Ukendt kolonne »%s«. Kolonnerne hedder candidate, person, name, "
				          "municipality, profile og score.",
				          rd.fields[i].s);
			else if (col[k] >= 0)
				diags_add(d, file, rd.fields[i].line, rd.fields[i].col, NULL,
				          "Kolonnen »%s« står to gange. Slet den ene.", colname[k]);
			else
				col[k] = (int)i;
		}
		for (int k = 0; k < C__MAX; k++)
			if (required[k] && col[k] < 0)
				diags_add(d, file, 1, 1, NULL, "Kolonnen »%s« mangler. Tilføj den.",
				          colname[k]);
	}
	size_t header_errors = d->n, ncols = rd.nfields;
	while (header_errors == 0 && d->n < 100 && (rc = csv_next(&rd, d)) == 1) {
		const char *v[C__MAX];
		long ln = rd.record_line, cl[C__MAX];
		for (int k = 0; k < C__MAX; k++) {
			bool has = col[k] >= 0 && (size_t)col[k] < rd.nfields;
			v[k] = has ? rd.fields[col[k]].s : "";
			cl[k] = has ? rd.fields[col[k]].col : 1;
		}
		size_t before = d->n;
		if (rd.nfields != ncols)
			diags_add(d, file, ln, rd.fields[rd.nfields - 1].col, NULL,
			          "Linjen har %zu felter, men overskriften har %zu. Har en værdi et komma "
			          "eller semikolon, så sæt den i anførselstegn.",
			          rd.nfields, ncols);
		if (!*v[C_CANDIDATE])
			diags_add(d, file, ln, cl[C_CANDIDATE], NULL,
			          "Kandidatens id mangler. Giv hver kandidat et id, fx k1.");
		for (size_t i = 0; i < out->n && *v[C_CANDIDATE]; i++)
			if (!strcmp(out->ids[i], v[C_CANDIDATE]))
				diags_add(d, file, ln, cl[C_CANDIDATE], NULL,
				          "Kandidaten »%s« står også på linje %ld. Hver kandidat må kun stå én "
				          "gang.",
				          v[C_CANDIDATE], out->line[i]);
		int32_t person = -1;
		if (*v[C_PERSON]) {
			person = reg_person_find(r, v[C_PERSON]);
			for (size_t i = 0; i < out->n; i++)
				if (out->persons[i] && !strcmp(out->persons[i], v[C_PERSON]))
					diags_add(d, file, ln, cl[C_PERSON], NULL,
					          "Personen »%s« står også på linje %ld. En person kan kun søge "
					          "én gang.",
					          v[C_PERSON], out->line[i]);
		}
		const char *mu = v[C_MUNICIPALITY];
		if (strlen(mu) != 3 || mu[0] < '0' || mu[0] > '9' || mu[1] < '0' || mu[1] > '9' ||
		    mu[2] < '0' || mu[2] > '9')
			diags_add(d, file, ln, cl[C_MUNICIPALITY], NULL,
			          "Kommunekoden »%s« skal være tre cifre, fx 751 for Aarhus.", mu);
		int score = recruit_parse_score(v[C_SCORE]);
		if (score < 0)
			diags_add(d, file, ln, cl[C_SCORE], NULL,
			          "Scoren »%s« skal være et tal fra 0 til 100 med højst én decimal og punktum "
			          "som decimaltegn, fx 72.5.",
			          v[C_SCORE]);
		if (d->n > before)
			continue;
		/* A person the register does not know has no history: a new member. */
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 16;
			out->v = xrealloc(out->v, out->cap * sizeof *out->v);
			out->ids = xrealloc(out->ids, out->cap * sizeof *out->ids);
			out->line = xrealloc(out->line, out->cap * sizeof *out->line);
			out->persons = xrealloc(out->persons, out->cap * sizeof *out->persons);
		}
		out->persons[out->n] = *v[C_PERSON] ? xstrdup(v[C_PERSON]) : NULL;
		out->ids[out->n] = xstrdup(v[C_CANDIDATE]);
		out->line[out->n] = ln;
		out->v[out->n] = (struct recruit_cand){out->ids[out->n], person, atoi(mu),
		                                       *v[C_PROFILE] ? model_profile_index(m, v[C_PROFILE])
		                                                     : -1,
		                                       score};
		out->n++;
	}
	csv_close(&rd);
	for (size_t i = 0; i < out->n; i++)
		out->v[i].id = out->ids[i];
	return d->n ? FK_EINPUT : FK_OK;
}

