/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Term planning: who leaves when, and what that does to the seniority quota. */
#include "core/forecast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "util/xalloc.h"

const char *leave_reason_name(enum leave_reason r) { return r == LEAVE_TERM_LIMIT ? "term-limit" : "end"; }

void forecast_quarter_label(fk_date t, char out[20])
{
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	snprintf(out, 20, "%04d-K%d", y % 10000, (m - 1) / 3 + 1);
}

/* A seat in the simulation: a real member, or a newcomer assumed to replace a leaver. */
struct slot {
	int person;         /* index into reg.persons; -1 for an assumed newcomer */
	int seat;
	fk_date stint_start;
	fk_date dep;        /* last day in the body; DATE_OPEN when no end is known */
	enum leave_reason reason;
};

/* When a member whose stint (all seats) started on start, recorded to end on end (last
 * appointment of the stint), will leave: the earlier of the recorded end and, on a
 * municipal seat with a term limit, the last allowed day. */
static void departure(const struct model_body *b, int seat, fk_date start, fk_date end,
                      fk_date *dep, enum leave_reason *why)
{
	*dep = end;
	*why = LEAVE_END;
	if (seat == SEAT_KOMMUNE && b->term_years > 0) {
		fk_date last = rules_last_allowed(start, b->term_years);
		if (last <= end) {
			*dep = last;
			*why = LEAVE_TERM_LIMIT;
		}
	}
}

static void add_leaver(struct fc_quarter *q, size_t *cap, const struct fc_leaver *l)
{
	q->leavers = xgrow(q->leavers, sizeof *q->leavers, q->nleavers + 1, cap);
	q->leavers[q->nleavers++] = *l;
}

static int cmp_leaver(const void *x, const void *y)
{
	const struct fc_leaver *a = x, *b = y;
	if (a->last_day != b->last_day)
		return a->last_day < b->last_day ? -1 : 1;
	return (a->person > b->person) - (a->person < b->person);
}

static void forecast_body(const struct model *m, const struct reg *r, size_t lo, size_t hi,
                          int body, fk_date from, int years, struct fc_body *out)
{
	const struct model_body *b = &m->bodies[body];
	struct slot *slots = NULL;
	size_t nslots = 0, capslots = 0;

	/* Current members with their stints (all seats), walking person by person. */
	size_t *stint_of = NULL, capst = 0;
	const struct reg_appt **pa = NULL;
	size_t cappa = 0;
	for (size_t i = lo; i < hi;) {
		size_t j = i;
		while (j < hi && r->appts[j].person == r->appts[i].person)
			j++;
		size_t n = j - i;
		pa = xgrow(pa, sizeof *pa, n, &cappa);
		stint_of = xgrow(stint_of, sizeof *stint_of, n, &capst);
		for (size_t x = 0; x < n; x++)
			pa[x] = &r->appts[i + x];
		rules_stints(pa, n, b->cooloff_years, stint_of);
		for (size_t x = 0; x < n; x++) {
			if (pa[x]->start > from || pa[x]->end < from)
				continue;
			size_t y = x, z = x;
			while (y > 0 && stint_of[y - 1] == stint_of[x])
				y--;
			while (z + 1 < n && stint_of[z + 1] == stint_of[x])
				z++;
			struct slot s = {pa[x]->person, pa[x]->seat, pa[y]->start, 0, LEAVE_END};
			/* The term limit counts from the start of the municipal stint. */
			departure(b, pa[x]->seat, pa[y]->start, pa[z]->end, &s.dep, &s.reason);
			/* Already past the limit: the member has to leave now, and the pause runs
			 * from then. */
			if (s.dep < from)
				s.dep = from;
			slots = xgrow(slots, sizeof *slots, nslots + 1, &capslots);
			slots[nslots++] = s;
		}
		i = j;
	}
	free(pa);
	free(stint_of);

	/* Empty seats are assumed filled by newcomers from the first day. */
	int count[SEAT__MAX] = {0}, vacant = 0;
	for (size_t i = 0; i < nslots; i++)
		count[slots[i].seat]++;
	for (int s = 0; s < SEAT__MAX; s++)
		for (int k = count[s]; k < b->seats[s]; k++) {
			struct slot n = {-1, s, from, 0, LEAVE_END};
			departure(b, s, from, DATE_OPEN, &n.dep, &n.reason);
			slots = xgrow(slots, sizeof *slots, nslots + 1, &capslots);
			slots[nslots++] = n;
			vacant++;
		}

	fk_date until = date_add_years(from, years);
	size_t capq = 0;
	out->body = body;
	out->q = NULL;
	out->nq = 0;
	for (fk_date qs = from; qs < until; qs = date_next_quarter(qs)) {
		fk_date qe = date_next_quarter(qs) - 1;
		if (qe >= until)
			qe = until - 1;
		out->q = xgrow(out->q, sizeof *out->q, out->nq + 1, &capq);
		struct fc_quarter *q = &out->q[out->nq++];
		memset(q, 0, sizeof *q);
		q->start = qs;
		q->end = qe;
		q->vacancies_now = out->nq == 1 ? vacant : 0;
		size_t capl = 0;
		for (size_t i = 0; i < nslots; i++) {
			struct slot *s = &slots[i];
			while (s->dep != DATE_OPEN && s->dep <= qe) {
				struct fc_leaver l = {s->person, s->seat, s->dep, s->reason, DATE_NONE};
				if (s->seat == SEAT_KOMMUNE && b->cooloff_years > 0)
					l.earliest_return = date_add_years(s->dep + 1, b->cooloff_years);
				add_leaver(q, &capl, &l);
				/* Replaced by a newcomer the day after. */
				fk_date st = s->dep + 1;
				s->person = -1;
				s->stint_start = st;
				departure(b, s->seat, st, DATE_OPEN, &s->dep, &s->reason);
			}
		}
		if (q->nleavers > 1)
			qsort(q->leavers, q->nleavers, sizeof *q->leavers, cmp_leaver);
		fk_date cutoff = date_add_years(qe, -b->seniority_years);
		q->members = (int)nslots;
		for (size_t i = 0; i < nslots; i++)
			q->senior += slots[i].stint_start <= cutoff;
		q->required = rules_quota(q->members, b->quota_num, b->quota_den);
		q->quota_ok = q->senior >= q->required;
	}
	free(slots);
}

void forecast_run(const struct model *m, const struct reg *r, fk_date from, int years,
                  struct forecast *out)
{
	memset(out, 0, sizeof *out);
	out->from = from;
	out->years = years;
	size_t cap = 0, i = 0;
	for (size_t body = 0; body < m->nbodies; body++) {
		const struct model_body *b = &m->bodies[body];
		size_t lo, hi;
		while (i < r->nappts && (size_t)r->appts[i].body < body)
			i++;
		lo = i;
		while (i < r->nappts && (size_t)r->appts[i].body == body)
			i++;
		hi = i;
		int seats = 0;
		for (int s = 0; s < SEAT__MAX; s++)
			seats += b->seats[s];
		if (seats == 0)
			continue;
		out->bodies = xgrow(out->bodies, sizeof *out->bodies, out->nbodies + 1, &cap);
		forecast_body(m, r, lo, hi, (int)body, from, years, &out->bodies[out->nbodies++]);
	}
}

void forecast_free(struct forecast *f)
{
	for (size_t i = 0; i < f->nbodies; i++) {
		for (size_t k = 0; k < f->bodies[i].nq; k++)
			free(f->bodies[i].q[k].leavers);
		free(f->bodies[i].q);
	}
	free(f->bodies);
	memset(f, 0, sizeof *f);
}
