/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The portfolio overview of a meeting: see overview.h. */
#include "core/overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"

/* The latest report of initiative i dated on or before cutoff, and the one before it. */
static void reports_at(const struct econ *e, int32_t i, fk_date cutoff, int *latest, int *prev)
{
	int l = -1, p = -1;
	for (size_t k = 0; k < e->nreports; k++) {
		const struct econ_report *r = &e->reports[k];
		if (r->initiative != i || r->date > cutoff)
			continue;
		if (l < 0 || r->date > e->reports[l].date ||
		    (r->date == e->reports[l].date && r->id > e->reports[l].id)) {
			p = l;
			l = (int)k;
		} else if (p < 0 || r->date > e->reports[p].date ||
		           (r->date == e->reports[p].date && r->id > e->reports[p].id)) {
			p = (int)k;
		}
	}
	*latest = l;
	*prev = p;
}

static json_t *initiative(const struct econ *e, int32_t i, const struct meeting *mt,
                          fk_date cutoff, fk_date previous, json_t *totals)
{
	const struct econ_initiative *x = &e->inits[i];
	int l, p;
	reports_at(e, i, cutoff, &l, &p);
	const struct econ_report *r = l >= 0 ? &e->reports[l] : NULL;
	enum econ_trend t = econ_trend(p >= 0 ? e->reports[p].status : -1, r ? r->status : -1);
	const char *tk = r ? econ_status_name(r->status) : "ingen";
	json_object_set_new(totals, tk, json_integer(json_integer_value(json_object_get(totals, tk)) + 1));
	json_t *next = json_null(), *overdue = json_array();
	int nm = -1;
	for (size_t k = 0; k < e->nmiles; k++) {
		const struct econ_milestone *ms = &e->miles[k];
		if (ms->initiative != i || (ms->done != DATE_NONE && ms->done <= cutoff))
			continue;
		if (ms->due < cutoff)
			json_array_append_new(overdue, json_pack("{s:s, s:o}", "title", ms->title, "due",
			                                         report_date(ms->due)));
		else if (nm < 0 || ms->due < e->miles[nm].due)
			nm = (int)k;
	}
	if (nm >= 0) {
		json_decref(next);
		next = json_pack("{s:s, s:o}", "title", e->miles[nm].title, "due",
		                 report_date(e->miles[nm].due));
	}
	int64_t budget = 0;
	for (size_t k = 0; k < e->nbudgets; k++)
		if (e->budgets[k].initiative == i && e->budgets[k].year == mt->year)
			budget = e->budgets[k].ore;
	char kr[48];
	econ_format_kr(budget, true, kr, sizeof kr);
	return json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:s, s:s, s:b, s:o, s:o, s:I, s:s}",
	                 "key", x->key, "name", x->name, "body", x->body, "special", x->special,
	                 "status", r ? json_string(econ_status_name(r->status)) : json_null(),
	                 "status_class",
	                 r ? json_string(econ_status_class(r->status)) : json_string("none"),
	                 "reason", report_str(r ? r->reason : NULL), "date", report_date(r ? r->date : DATE_NONE),
	                 "trend", r ? econ_trend_name(t) : "none", "trend_da",
	                 r ? econ_trend_da(t) : "ingen status", "fresh",
	                 r && (previous == DATE_NONE || r->date > previous), "next_milestone", next,
	                 "overdue", overdue, "budget_ore", (json_int_t)budget, "budget", kr);
}

/* The cases of assignee (NULL: every working group) waiting for the steering group, or
 * decided at this meeting. */
static json_t *recommendations(const struct case_set *cs, const char *assignee,
                               const struct meeting *mt)
{
	json_t *a = json_array();
	char here[64];
	int nh = snprintf(here, sizeof here, "Styregruppemøde %d/%d,", mt->number, mt->year);
	for (size_t i = 0; cs && i < cs->n; i++) {
		const struct case_rec *c = &cs->v[i];
		if (!c->assignee || (assignee ? strcmp(c->assignee, assignee) != 0
		                              : !case_is_wg(c->assignee)))
			continue;
		bool decided_here = c->state >= CASE_DECIDED && c->has_decision && c->decision.meeting &&
		                    !strncmp(c->decision.meeting, here, (size_t)nh);
		if (c->state != CASE_RECOMMENDED && !decided_here)
			continue;
		char id[32];
		case_id_format(c->id, id, sizeof id);
		fk_date when = case_recommended_on(c);
		json_array_append_new(
		    a, json_pack("{s:s, s:I, s:s, s:o, s:o, s:b, s:s, s:s}", "case", id, "id",
		                 (json_int_t)c->id, "title", c->title, "recommendation",
		                 report_str(c->recommendation), "date", report_date(when), "late",
		                 when > mt->statuses, "state", case_state_name(c->state), "state_title",
		                 case_state_title(c->state)));
	}
	return a;
}

json_t *overview_json(const struct model *m, const struct econ *e, const struct case_set *cases,
                      const struct meeting *mt, fk_date previous,
                      const struct overview_submission *sv, size_t nsv, fk_date day)
{
	fk_date cutoff = day;
	if (mt->state >= MEETING_DISPATCHED && mt->dispatched_on != DATE_NONE)
		cutoff = mt->dispatched_on;
	if (cutoff > mt->date)
		cutoff = mt->date;
	json_t *totals = json_pack("{s:i, s:i, s:i, s:i}", "grøn", 0, "gul", 0, "rød", 0, "ingen", 0);
	json_t *groups = json_array();
	bool *mine = calloc(e->ninits + 1, sizeof *mine);
	for (size_t b = 0; b < m->nbodies; b++) {
		const struct model_body *body = &m->bodies[b];
		if (strcmp(body->kind, "reference-group") != 0)
			continue;
		const struct overview_submission *s = NULL;
		for (size_t k = 0; k < nsv; k++)
			if (sv[k].body && !strcmp(sv[k].body, body->id) &&
			    (!s || sv[k].submitted >= s->submitted))
				s = &sv[k];
		json_t *ins = json_array();
		bool started = false;
		for (size_t i = 0; i < e->ninits; i++) {
			const struct econ_initiative *x = &e->inits[i];
			if (!x->body || strcmp(x->body, body->id) != 0)
				continue;
			mine[i] = true;
			fk_date c = DATE_NONE;
			if (x->created && date_parse(x->created, 10, &c) == 0 && c <= mt->statuses)
				started = true;
			json_array_append_new(ins, initiative(e, (int32_t)i, mt, cutoff, previous, totals));
		}
		json_array_append_new(
		    groups,
		    json_pack("{s:s, s:s, s:o, s:o, s:o, s:b, s:b, s:o, s:o}", "body", body->id, "name",
		              body->name, "submitted", report_date(s ? s->submitted : DATE_NONE), "by",
		              report_str(s ? s->actor : NULL), "note", report_str(s ? s->note : NULL), "late",
		              s && s->submitted > mt->statuses, "missing",
		              !s && day > mt->statuses && started, "initiatives", ins,
		              "recommendations", recommendations(cases, body->id, mt)));
	}
	json_t *others = json_array();
	for (size_t i = 0; i < e->ninits; i++)
		if (!mine[i])
			json_array_append_new(others,
			                      initiative(e, (int32_t)i, mt, cutoff, previous, totals));
	free(mine);
	return json_pack("{s:{s:I, s:i, s:i, s:o, s:o, s:s}, s:o, s:o, s:o, s:o, s:{s:o, s:o}}",
	                 "meeting", "id", (json_int_t)mt->id, "year", mt->year, "number",
	                 mt->number, "date", report_date(mt->date), "statuses_deadline",
	                 report_date(mt->statuses), "state", meeting_state_name(mt->state), "cutoff",
	                 report_date(cutoff), "since", report_date(previous), "totals", totals, "groups", groups,
	                 "others", "initiatives", others, "recommendations",
	                 recommendations(cases, NULL, mt));
}
