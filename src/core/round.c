/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Recruitment rounds: the state machine and the evaluation's arithmetic (round.h). */
#include "core/round.h"

#include "core/model.h"
#include "core/munic.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const state_names[ROUND_STATE__MAX] = {
    "draft", "open", "evaluation", "recommended", "decided", "closed"};
static const char *const state_titles[ROUND_STATE__MAX] = {
    "Kladde", "Åben for ansøgninger", "Vurdering", "Indstillet", "Besluttet", "Afsluttet"};
static const char *const event_names[REV__MAX] = {"open",       "evaluate", "recommend",
                                                  "reconsider", "decide",   "close"};

const char *round_state_name(int s)
{
	return s >= 0 && s < ROUND_STATE__MAX ? state_names[s] : "?";
}

const char *round_state_title(int s)
{
	return s >= 0 && s < ROUND_STATE__MAX ? state_titles[s] : "?";
}

const char *round_event_name(int e)
{
	return e >= 0 && e < REV__MAX ? event_names[e] : "?";
}

static int parse(const char *s, const char *const *names, int n)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

int round_state_parse(const char *s)
{
	return parse(s, state_names, ROUND_STATE__MAX);
}

int round_event_parse(const char *s)
{
	return parse(s, event_names, REV__MAX);
}

/* The one state each event leaves from, and where it goes. */
static const struct {
	enum round_state from, to;
} moves[REV__MAX] = {
    [REV_OPEN] = {ROUND_DRAFT, ROUND_OPEN},
    [REV_EVALUATE] = {ROUND_OPEN, ROUND_EVALUATION},
    [REV_RECOMMEND] = {ROUND_EVALUATION, ROUND_RECOMMENDED},
    [REV_RECONSIDER] = {ROUND_RECOMMENDED, ROUND_EVALUATION},
    [REV_DECIDE] = {ROUND_RECOMMENDED, ROUND_DECIDED},
    [REV_CLOSE] = {ROUND_DECIDED, ROUND_CLOSED},
};

/* Why event e cannot happen in state s (s is not moves[e].from): one sentence per event,
 * told by where the round is. */
static const char *refusal(enum round_state s, enum round_event e)
{
	bool before = s < moves[e].from && !(e == REV_RECONSIDER && s == ROUND_EVALUATION);
	switch (e) {
	case REV_OPEN:
		return "Runden er allerede åbnet; kriterier og vægte kan ikke ændres, efter at "
		       "ansøgningerne er begyndt at komme ind.";
	case REV_EVALUATE:
		return before ? "Runden er ikke åbnet endnu. Åbn den, så kandidaterne kan søge."
		              : "Ansøgningsfristen er allerede lukket for runden.";
	case REV_RECOMMEND:
		return before ? "Runden er ikke i vurdering. Luk for ansøgninger, og lad bedømmerne "
		                "vurdere kandidaterne først."
		              : "Runden er allerede indstillet. Genovervej indstillingen, hvis "
		                "vurderingen skal ændres.";
	case REV_RECONSIDER:
		return s == ROUND_EVALUATION
		           ? "Runden er allerede i vurdering."
		       : before ? "Der er ingen indstilling at genoverveje endnu."
		                : "Runden er besluttet; beslutningen kan ikke genovervejes her. "
		                  "Ret udpegningerne i registret, hvis noget skal ændres.";
	case REV_DECIDE:
		return before ? "Runden skal være indstillet, før der kan træffes beslutning."
		              : "Runden er allerede besluttet.";
	case REV_CLOSE:
		return before ? "Runden kan først afsluttes, når beslutningen er truffet."
		              : "Runden er allerede afsluttet.";
	default:
		return "Handlingen kendes ikke.";
	}
}

int round_next(enum round_state from, enum round_event e, enum round_state *to, char *msg,
               size_t n)
{
	assert((unsigned)from < ROUND_STATE__MAX && (unsigned)e < REV__MAX);
	if (moves[e].from == from) {
		*to = moves[e].to;
		if (n)
			msg[0] = '\0';
		return 0;
	}
	if (n)
		snprintf(msg, n, "%s", refusal(from, e));
	return -1;
}

/* ---------------------------------------------------------------- evaluation */

/* The marks of evaluator on app by criterion (0: none), into got[ncrit]; how many. */
static size_t marks_of(const struct round_mark *m, size_t n, int64_t app, int evaluator,
                       size_t ncrit, int *got)
{
	size_t have = 0;
	memset(got, 0, ncrit * sizeof *got);
	for (size_t i = 0; i < n; i++)
		if (m[i].app == app && m[i].evaluator == evaluator && m[i].crit >= 0 &&
		    (size_t)m[i].crit < ncrit && !got[m[i].crit]) {
			got[m[i].crit] = m[i].mark;
			have++;
		}
	return have;
}

void round_evaluate(const int *weights, size_t ncrit, const struct round_mark *m, size_t n,
                    int64_t app, struct round_eval *out)
{
	assert(ncrit <= ROUND_CRITERIA_MAX);
	memset(out, 0, sizeof *out);
	int got[ROUND_CRITERIA_MAX], lo[ROUND_CRITERIA_MAX], hi[ROUND_CRITERIA_MAX];
	for (size_t k = 0; k < ncrit; k++)
		lo[k] = ROUND_MARK_MAX + 1, hi[k] = 0;
	long wsum = 0;
	for (size_t k = 0; k < ncrit; k++)
		wsum += weights[k];
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		if (m[i].app != app)
			continue;
		/* each evaluator once: at their first mark of app */
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = m[j].app == app && m[j].evaluator == m[i].evaluator;
		if (seen || marks_of(m, n, app, m[i].evaluator, ncrit, got) < ncrit || wsum <= 0)
			continue;
		double s = 0;
		for (size_t k = 0; k < ncrit; k++) {
			s += weights[k] * (got[k] - ROUND_MARK_MIN) /
			     (double)(ROUND_MARK_MAX - ROUND_MARK_MIN);
			if (got[k] < lo[k])
				lo[k] = got[k];
			if (got[k] > hi[k])
				hi[k] = got[k];
		}
		total += 100.0 * s / (double)wsum;
		out->evaluators++;
	}
	if (out->evaluators)
		out->score = total / out->evaluators;
	for (size_t k = 0; k < ncrit; k++)
		if (hi[k] && hi[k] - lo[k] >= 2)
			out->spread |= 1u << k;
}

bool round_may_see_others(const struct round_mark *m, size_t n, int64_t app, int evaluator,
                          size_t ncrit)
{
	int got[ROUND_CRITERIA_MAX];
	assert(ncrit <= ROUND_CRITERIA_MAX);
	return ncrit > 0 && marks_of(m, n, app, evaluator, ncrit, got) == ncrit;
}

bool round_employed_in(const struct reg *r, int32_t person, int munic, fk_date d)
{
	if (person < 0 || !munic)
		return false;
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->person == person && a->munic == munic && a->org == SEAT_KOMMUNE &&
		    a->start <= d && d <= a->end)
			return true;
	}
	return false;
}

json_t *round_k98(const struct model *m, const struct munic_table *mt, const struct reg *r,
                  fk_date d, int years, const int *applied)
{
	json_t *arr = json_array();
	fk_date since = date_add_years(d, -years);
	for (size_t i = 0; i < mt->n; i++) {
		const struct munic *mu = &mt->v[i];
		fk_date last = DATE_NONE;
		json_t *seats = json_array();
		for (size_t b = 0; b < m->nbodies; b++) {
			bool sits = false;
			for (size_t k = 0; k < r->nappts; k++) {
				const struct reg_appt *a = &r->appts[k];
				if (a->munic != mu->code || a->seat != SEAT_KOMMUNE || a->body != (int32_t)b ||
				    a->start > d)
					continue;
				fk_date end = a->end < d ? a->end : d;
				if (last == DATE_NONE || end > last)
					last = end;
				sits |= a->end >= d;
			}
			if (sits)
				json_array_append_new(seats, json_string(m->bodies[b].name));
		}
		char ls[11] = "";
		if (last != DATE_NONE && last < d)
			date_format(last, ls);
		json_array_append_new(
		    arr, json_pack("{s:i, s:s, s:s, s:i, s:o, s:s?, s:b}", "code", mu->code, "name",
		                   mu->name, "region", mt->regions[mu->region], "applied", applied[i],
		                   "seats", seats, "last_seat",
		                   last == DATE_NONE ? NULL : last >= d ? "nu" : ls, "none_for_years",
		                   last == DATE_NONE || last < since));
	}
	return arr;
}
