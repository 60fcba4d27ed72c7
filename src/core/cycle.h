/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CYCLE_H
#define FK_CYCLE_H
#include <stddef.h>

#include "core/date.h"
#include "core/model.h"
#include "util/diag.h"

/* The steering group's year (SPEC §2.5, §5.1): its meetings numbered in date order, each
 * with its start and end and its deadlines ("N weeks before", moved to the previous working
 * day). Pure. */

struct cycle_meeting {
	int number;        /* 1 .. meetings_per_year, in date order */
	fk_date date;
	int start_min;     /* minutes after midnight, local time */
	int end_min;
	fk_date proposals; /* members' agenda proposals due */
	fk_date statuses;  /* reference groups' statuses and recommendations due */
	fk_date dispatch;  /* agenda and material sent out */
};

struct cycle_plan {
	int year;
	const char *place; /* for every meeting when saved; NULL leaves each one's place */
	struct cycle_meeting m[16];
	size_t n;
};

/* Plans year with the given dates (any order) at start_min (-1: the model's default time).
 * Every problem (a date outside year, not a working day, given twice, more dates than the
 * model's meetings a year, a meeting that would end after midnight) is reported with the
 * field name and why in Danish; then FK_EINPUT. */
int cycle_plan(const struct model *m, int year, const fk_date *dates, size_t n, int start_min,
               struct cycle_plan *out, struct diags *d);
/* Suggests the model's number of meeting dates for year: working days from Tuesday to
 * Thursday, one a quarter, away from the summer and Christmas holidays (on or after 10 March,
 * 10 June, 10 September and 25 November, the first such day). */
size_t cycle_suggest(const struct model *m, int year, fk_date *dates, size_t max);
/* "HH:MM" → minutes after midnight, or -1. */
int cycle_parse_time(const char *s);
#endif
