/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The inspiration talk's rotation among the steering group's municipal members. */
#include "core/rotation.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "util/xalloc.h"

size_t rotation_candidates(const struct model *m, const struct reg *r, int body, fk_date day,
                           struct rotation_cand **out)
{
	*out = NULL;
	if (body < 0 || (size_t)body >= m->nbodies)
		return 0;
	const struct model_body *b = &m->bodies[body];
	struct rotation_cand *v = NULL;
	size_t n = 0, cap = 0;
	/* Appointments are sorted by body, person, start: walk one person's run at a time. */
	const struct reg_appt **run = NULL;
	size_t *stint_of = NULL, caprun = 0, capst = 0;
	for (size_t i = 0; i < r->nappts;) {
		const struct reg_appt *a = &r->appts[i];
		size_t j = i;
		while (j < r->nappts && r->appts[j].body == a->body && r->appts[j].person == a->person)
			j++;
		if (a->body == body) {
			size_t k = j - i;
			run = xgrow(run, sizeof *run, k, &caprun);
			stint_of = xgrow(stint_of, sizeof *stint_of, k, &capst);
			for (size_t x = 0; x < k; x++)
				run[x] = &r->appts[i + x];
			rules_stints(run, k, b->cooloff_years, stint_of);
			for (size_t x = 0; x < k; x++) {
				const struct reg_appt *s = run[x];
				if (s->seat != SEAT_KOMMUNE || s->start > day || s->end < day)
					continue;
				/* The first appointment of the same stint. */
				size_t f = x;
				while (f > 0 && stint_of[f - 1] == stint_of[x])
					f--;
				v = xgrow(v, sizeof *v, n + 1, &cap);
				v[n++] = (struct rotation_cand){s->person, run[f]->start, DATE_NONE};
				break;
			}
		}
		i = j;
	}
	free(run);
	free(stint_of);
	*out = v;
	return n;
}

void rotation_apply_talks(const struct reg *r, struct rotation_cand *c, size_t n,
                          const struct rotation_talk *talks, size_t ntalks)
{
	for (size_t i = 0; i < n; i++) {
		const char *key = r->persons[c[i].person].key;
		for (size_t t = 0; t < ntalks; t++)
			if (talks[t].person && !strcmp(talks[t].person, key) &&
			    (c[i].last_talk == DATE_NONE || talks[t].date > c[i].last_talk))
				c[i].last_talk = talks[t].date;
	}
}

/* Turn order: never before any talk (DATE_NONE is the smallest date), the oldest talk
 * first, then the earliest stint start, then person key. */
static int cmp(const struct reg *r, const struct rotation_cand *a, const struct rotation_cand *b)
{
	if (a->last_talk != b->last_talk)
		return a->last_talk < b->last_talk ? -1 : 1;
	if (a->stint_start != b->stint_start)
		return a->stint_start < b->stint_start ? -1 : 1;
	return strcmp(r->persons[a->person].key, r->persons[b->person].key);
}

void rotation_order(const struct reg *r, struct rotation_cand *c, size_t n)
{
	/* Insertion sort: a group has a handful of members, and qsort has no context. */
	for (size_t i = 1; i < n; i++) {
		struct rotation_cand x = c[i];
		size_t j = i;
		while (j > 0 && cmp(r, &x, &c[j - 1]) < 0) {
			c[j] = c[j - 1];
			j--;
		}
		c[j] = x;
	}
}

int rotation_pick(const struct reg *r, const struct rotation_cand *c, size_t n)
{
	return rotation_pick_skip(r, c, n, NULL, 0);
}

int rotation_pick_skip(const struct reg *r, const struct rotation_cand *c, size_t n,
                       const char *const *skip, size_t nskip)
{
	int best = -1;
	for (size_t i = 0; i < n; i++) {
		bool skipped = false;
		for (size_t k = 0; k < nskip && !skipped; k++)
			skipped = skip[k] && !strcmp(skip[k], r->persons[c[i].person].key);
		if (!skipped && (best < 0 || cmp(r, &c[i], &c[best]) < 0))
			best = (int)i;
	}
	return best;
}
