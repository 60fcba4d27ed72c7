/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_OVERVIEW_H
#define FK_OVERVIEW_H
#include <jansson.h>
#include <stddef.h>

#include "core/agenda.h"
#include "core/cases.h"
#include "core/economy.h"
#include "core/model.h"

/* The portfolio overview (porteføljeoverblik) of a steering-group meeting (SPEC §2.5): each
 * reference group's status submission for the meeting, the status of its initiatives as
 * they stood at the cut-off, their milestones and budget, and the recommendations
 * (indstillinger) the group has put to the steering group; then the other initiatives. Pure:
 * data in, one JSON document out, shared by `meeting portfolio`, the page and the API. */

/* A reference group's status submission for the meeting. */
struct overview_submission {
	const char *body;
	fk_date submitted;
	const char *actor;
	const char *note; /* may be NULL */
};

/* The overview of meeting mt on day: reports count up to the cut-off (the day the agenda
 * was dispatched, else day, never after the meeting); a report is "fresh" when dated after
 * previous (the day of the meeting before, DATE_NONE: none). The latest submission of each
 * group counts. A group is "missing" when the status deadline has passed, it has initiatives
 * started by the deadline and has sent nothing. cases may be NULL.
 *
 *   {"meeting": {id, year, number, date, statuses_deadline, state},
 *    "cutoff", "since", "totals": {"grøn", "gul", "rød", "ingen"},
 *    "groups": [{body, name, submitted, by, note, late, missing,
 *                initiatives: [INITIATIVE], recommendations: [{case, id, title,
 *                recommendation, date, late, state, state_title}]}],
 *    "others": {initiatives: [INITIATIVE], recommendations: [...]}}
 *   INITIATIVE: {key, name, body, special, status (null: none), status_class, reason,
 *                date, trend, trend_da, fresh, next_milestone: {title, due} | null,
 *                overdue: [{title, due}], budget_ore, budget} */
json_t *overview_json(const struct model *m, const struct econ *e, const struct case_set *cases,
                      const struct meeting *mt, fk_date previous,
                      const struct overview_submission *sv, size_t nsv, fk_date day);
#endif
