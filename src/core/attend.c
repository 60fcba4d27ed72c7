/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Attendance at the steering group's meetings: statuses, what may be done when, and the
 * minutes' lists of participants and absentees. */
#include "core/attend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "util/xalloc.h"

static const char *const names[ATTEND__MAX] = {"none", "present", "apology", "absent"};
static const char *const labels[ATTEND__MAX] = {"ikke registreret", "deltog", "afbud",
                                                "fraværende"};

const char *attend_status_name(int s)
{
	return s >= 0 && s < ATTEND__MAX ? names[s] : NULL;
}

const char *attend_status_da(int s)
{
	return s >= 0 && s < ATTEND__MAX ? labels[s] : "";
}

int attend_status_parse(const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < ATTEND__MAX; i++)
		if (!strcmp(s, names[i]) || !strcmp(s, labels[i]))
			return i;
	if (!strcmp(s, "fravaerende"))
		return ATTEND_ABSENT;
	return -1;
}

void attendance_clear(struct attendance *a)
{
	free(a->person);
	free(a->name);
	free(a->substitute);
	free(a->note);
	free(a->set_by);
	free(a->set_at);
	memset(a, 0, sizeof *a);
}

void meeting_guest_clear(struct meeting_guest *g)
{
	free(g->name);
	free(g->organisation);
	memset(g, 0, sizeof *g);
}

int attend_apology_allowed(int state, fk_date date, fk_date today, char *msg, size_t n)
{
	char ds[40];
	date_format_da(date, ds, sizeof ds);
	if (state >= MEETING_HELD || today > date) {
		snprintf(msg, n,
		         "Mødet var %s, så der kan ikke længere meldes afbud til det. Kontakt "
		         "sekretariatet, hvis dit fremmøde er registreret forkert.",
		         ds);
		return -1;
	}
	return 0;
}

int attend_record_allowed(int state, fk_date date, fk_date today, char *msg, size_t n)
{
	char ds[40];
	date_format_da(date, ds, sizeof ds);
	if (state >= MEETING_APPROVED) {
		snprintf(msg, n, "Referatet er godkendt, så fremmødet kan ikke ændres længere.");
		return -1;
	}
	if (today < date) {
		snprintf(msg, n,
		         "Mødet er %s. Fremmødet kan registreres fra mødedagen; indtil da kan "
		         "medlemmerne selv melde afbud.",
		         ds);
		return -1;
	}
	return 0;
}

enum attend_field attend_check_line(const char *name, int status, const char *substitute,
                                    const char *note, char *msg, size_t n)
{
	if (status < 0 || status >= ATTEND__MAX) {
		snprintf(msg, n, "Vælg deltog, afbud eller fraværende for %s.", name);
		return ATTEND_FIELD_STATUS;
	}
	if (substitute && *substitute) {
		if (status != ATTEND_APOLOGY && status != ATTEND_ABSENT) {
			snprintf(msg, n,
			         "En stedfortræder kan kun angives for et medlem, der ikke deltog. Vælg "
			         "afbud eller fraværende for %s, eller fjern stedfortræderen.",
			         name);
			return ATTEND_FIELD_SUBSTITUTE;
		}
		if (strlen(substitute) > ATTEND_NAME_MAX) {
			snprintf(msg, n, "Stedfortræderens navn for %s må højst være %d tegn.", name,
			         ATTEND_NAME_MAX);
			return ATTEND_FIELD_SUBSTITUTE;
		}
	}
	if (note && strlen(note) > ATTEND_NOTE_MAX) {
		snprintf(msg, n, "Bemærkningen om %s må højst være %d tegn.", name, ATTEND_NOTE_MAX);
		return ATTEND_FIELD_NOTE;
	}
	return ATTEND_FIELD_OK;
}

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

void attend_minutes_build(const struct attendance *v, size_t n, const struct meeting_guest *g,
                          size_t ng, struct attend_minutes *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++)
		if (v[i].summoned && v[i].status == ATTEND_PRESENT)
			push(&out->participants, &out->nparticipants, xstrdup(v[i].name));
	for (size_t i = 0; i < n; i++)
		if (v[i].summoned && v[i].substitute && *v[i].substitute &&
		    (v[i].status == ATTEND_APOLOGY || v[i].status == ATTEND_ABSENT))
			push(&out->participants, &out->nparticipants,
			     xasprintf("%s (stedfortræder for %s)", v[i].substitute, v[i].name));
	for (size_t i = 0; i < ng; i++)
		push(&out->participants, &out->nparticipants,
		     g[i].organisation && *g[i].organisation
		         ? xasprintf("Gæst: %s, %s", g[i].name, g[i].organisation)
		         : xasprintf("Gæst: %s", g[i].name));
	for (size_t i = 0; i < n; i++) {
		if (!v[i].summoned)
			continue;
		if (v[i].status == ATTEND_APOLOGY || v[i].status == ATTEND_ABSENT)
			push(&out->absentees, &out->nabsentees,
			     xasprintf("%s (%s)", v[i].name, attend_status_da(v[i].status)));
		else if (v[i].status == ATTEND_NONE)
			out->unrecorded++;
	}
}

void attend_minutes_free(struct attend_minutes *x)
{
	for (size_t i = 0; i < x->nparticipants; i++)
		free(x->participants[i]);
	for (size_t i = 0; i < x->nabsentees; i++)
		free(x->absentees[i]);
	free(x->participants);
	free(x->absentees);
	memset(x, 0, sizeof *x);
}
