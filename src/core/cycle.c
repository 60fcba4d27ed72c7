/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's year: meeting numbers, times and deadlines. */
#include "core/cycle.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

int cycle_parse_time(const char *s)
{
	if (strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

static int cmp_date(const void *x, const void *y)
{
	fk_date a = *(const fk_date *)x, b = *(const fk_date *)y;
	return (a > b) - (a < b);
}

int cycle_plan(const struct model *m, int year, const fk_date *dates, size_t n, int start_min,
               struct cycle_plan *out, struct diags *d)
{
	const struct model_cycle *c = &m->cycle;
	size_t nd = d->n;
	char ds[40];
	memset(out, 0, sizeof *out);
	out->year = year;
	if (start_min < 0 && (start_min = cycle_parse_time(c->default_time ? c->default_time : "")) < 0)
		start_min = 9 * 60;
	int max = c->meetings_per_year;
	if (max <= 0 || max > (int)(sizeof out->m / sizeof out->m[0]))
		max = (int)(sizeof out->m / sizeof out->m[0]);
	if (n > (size_t)max)
		diags_add(d, NULL, 0, 0, "dates",
		          "Der er angivet %zu datoer, men modellen har %d møder om året. Fjern %zu af "
		          "datoerne.",
		          n, max, n - (size_t)max);
	if (start_min + c->meeting_minutes > 24 * 60)
		diags_add(d, NULL, 0, 0, "time",
		          "Et møde på %d minutter, der begynder kl. %02d.%02d, slutter efter midnat. Vælg "
		          "et tidligere tidspunkt.",
		          c->meeting_minutes, start_min / 60, start_min % 60);
	fk_date sorted[16];
	size_t k = n < 16 ? n : 16;
	memcpy(sorted, dates, k * sizeof *sorted);
	qsort(sorted, k, sizeof *sorted, cmp_date);
	for (size_t i = 0; i < k; i++) {
		const char *hol = NULL;
		date_format_da(sorted[i], ds, sizeof ds);
		if (date_year(sorted[i]) != year)
			diags_add(d, NULL, 0, 0, "dates",
			          "%s ligger ikke i %d. Alle møderne i planen skal ligge i samme år.", ds,
			          year);
		else if (date_is_holiday(sorted[i], &hol))
			diags_add(d, NULL, 0, 0, "dates",
			          "%s er en helligdag (%s) og ikke en arbejdsdag. Vælg en anden dato.", ds, hol);
		else if (!date_is_working_day(sorted[i]))
			diags_add(d, NULL, 0, 0, "dates",
			          "%s er en %s og ikke en arbejdsdag. Vælg en hverdag.", ds,
			          date_weekday(sorted[i]) == 6 ? "lørdag" : "søndag");
		if (i > 0 && sorted[i] == sorted[i - 1])
			diags_add(d, NULL, 0, 0, "dates", "%s er angivet to gange. Fjern den ene.", ds);
	}
	if (d->n > nd)
		return FK_EINPUT;
	for (size_t i = 0; i < k; i++) {
		struct cycle_meeting *mt = &out->m[i];
		mt->number = (int)i + 1;
		mt->date = sorted[i];
		mt->start_min = start_min;
		mt->end_min = start_min + c->meeting_minutes;
		mt->proposals = date_deadline(sorted[i], c->proposals_weeks);
		mt->statuses = date_deadline(sorted[i], c->statuses_weeks);
		mt->dispatch = date_deadline(sorted[i], c->dispatch_weeks);
	}
	out->n = k;
	return FK_OK;
}

size_t cycle_suggest(const struct model *m, int year, fk_date *dates, size_t max)
{
	/* One a quarter, after the winter holidays, before the summer, after it, and before
	 * Christmas. */
	static const int targets[][2] = {{3, 10}, {6, 10}, {9, 10}, {11, 25}};
	size_t want = m->cycle.meetings_per_year > 0 ? (size_t)m->cycle.meetings_per_year : 4;
	size_t n = 0;
	for (size_t i = 0; i < want && n < max; i++) {
		fk_date t;
		if (want == 4) {
			t = date_from_ymd(year, targets[i][0], targets[i][1]);
		} else {
			/* Spread evenly over the year from mid-January. */
			t = date_from_ymd(year, 1, 15) + (fk_date)(i * 340 / want);
		}
		while (!date_is_working_day(t) || date_weekday(t) < 2 || date_weekday(t) > 4)
			t++;
		dates[n++] = t;
	}
	return n;
}
