/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_GOALS_H
#define FK_GOALS_H
/* The steering group's goals (målsætninger) by year: set at the year's fourth meeting for
 * the year after, their status heard at the first meeting. A goal has a text, an indicator
 * (how progress is seen) and a target; status reports over time say how it goes (på sporet,
 * forsinket, nået, opgivet) with a note. Pure: validation and the view model; the store
 * (store_cases.c) keeps the records. A goal's status may change in any direction (a goal
 * thought reached may slip again); the history keeps every report. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "util/diag.h"

enum goal_status { GOAL_ON_TRACK, GOAL_DELAYED, GOAL_REACHED, GOAL_ABANDONED, GOAL_STATUS__MAX };

/* "på-sporet", "forsinket", "nået", "opgivet"; Danish titles "På sporet", ...; "?" outside
 * the enum. */
const char *goal_status_name(int s);
const char *goal_status_title(int s);
/* -1 when unknown; also takes "pa-sporet", "paa-sporet", "naaet", "på sporet" and capitals. */
int goal_status_parse(const char *s);

struct goal_status_rec {
	int64_t id;
	enum goal_status status;
	fk_date date;
	char *note;
	char *actor;
	char *at; /* UTC */
};

struct goal_rec {
	int64_t id;
	int year;
	char *text, *indicator, *target;
	fk_date set_on;
	char *created;                  /* UTC */
	struct goal_status_rec *status; /* by date, then as reported */
	size_t nstatus;
};

struct goal_set {
	struct goal_rec *v;
	size_t n, cap;
};
void goal_rec_free(struct goal_rec *g);
void goal_set_free(struct goal_set *s);
struct goal_rec *goal_set_add(struct goal_set *s);
struct goal_rec *goal_set_find(const struct goal_set *s, int64_t id);
/* The goal's latest status report (by date), or NULL. */
const struct goal_status_rec *goal_latest(const struct goal_rec *g);

#define GOAL_YEAR_MIN 2000
#define GOAL_YEAR_MAX 2199
#define GOAL_TEXT_MAX 1000
#define GOAL_FIELD_MAX 500
#define GOAL_NOTE_MAX 5000

/* What a user typed (any may be NULL). */
struct goal_input {
	const char *year, *text, *indicator, *target, *set_on; /* a new goal */
	const char *status, *note, *date;                      /* a status report */
};

/* Checks a new goal: year (2000-2199), text, indicator, target, set_on (default today; not
 * after today). Returns 0 with out filled (owned strings), or -1 with one diagnostic per bad
 * field ("year", "text", "indicator", "target", "set_on"). */
int goal_check_add(const struct goal_input *in, fk_date today, struct goal_rec *out,
                   struct diags *d);
/* Checks a status report on goal g: status, note, date (default today; not after today and
 * not before the goal was set). Returns 0 with out filled (note owned), or -1 with
 * diagnostics ("status", "note", "date"). */
int goal_check_status(const struct goal_rec *g, const struct goal_input *in, fk_date today,
                      struct goal_status_rec *out, struct diags *d);

/* {"id", "year", "text", "indicator", "target", "set_on", "status", "status_title",
 * "status_date", "status_note" (null when no report yet), "history": [{"id", "date", "status",
 * "status_title", "note", "actor", "at"}] (oldest first)} */
json_t *goal_json(const struct goal_rec *g);
#endif
