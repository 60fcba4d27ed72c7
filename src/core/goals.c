/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's goals: status names, validation, the view model. */
#include "core/goals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "util/xalloc.h"

static const char *const status_names[GOAL_STATUS__MAX] = {"på-sporet", "forsinket", "nået",
                                                           "opgivet"};
static const char *const status_titles[GOAL_STATUS__MAX] = {"På sporet", "Forsinket", "Nået",
                                                            "Opgivet"};

const char *goal_status_name(int s)
{
	return s >= 0 && s < GOAL_STATUS__MAX ? status_names[s] : "?";
}
const char *goal_status_title(int s)
{
	return s >= 0 && s < GOAL_STATUS__MAX ? status_titles[s] : "?";
}

int goal_status_parse(const char *s)
{
	if (!s)
		return -1;
	/* Lower case, å as "a"/"aa" spelt either way, space as '-'. */
	char buf[32];
	size_t n = 0;
	for (const char *p = s; *p && n < sizeof buf - 2; p++) {
		if (!strncmp(p, "\xc3\xa5", 2) || !strncmp(p, "\xc3\x85", 2)) { /* å Å */
			buf[n++] = 'a';
			p++;
			continue;
		}
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
		buf[n++] = c == ' ' || c == '_' ? '-' : c;
	}
	buf[n] = '\0';
	if (!strcmp(buf, "pa-sporet") || !strcmp(buf, "paa-sporet"))
		return GOAL_ON_TRACK;
	if (!strcmp(buf, "forsinket"))
		return GOAL_DELAYED;
	if (!strcmp(buf, "naet") || !strcmp(buf, "naaet"))
		return GOAL_REACHED;
	if (!strcmp(buf, "opgivet"))
		return GOAL_ABANDONED;
	return -1;
}

void goal_rec_free(struct goal_rec *g)
{
	if (!g)
		return;
	free(g->text);
	free(g->indicator);
	free(g->target);
	free(g->created);
	for (size_t i = 0; i < g->nstatus; i++) {
		free(g->status[i].note);
		free(g->status[i].actor);
		free(g->status[i].at);
	}
	free(g->status);
	memset(g, 0, sizeof *g);
}

void goal_set_free(struct goal_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		goal_rec_free(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

struct goal_rec *goal_set_add(struct goal_set *s)
{
	s->v = xgrow(s->v, sizeof *s->v, s->n + 1, &s->cap);
	struct goal_rec *g = &s->v[s->n++];
	memset(g, 0, sizeof *g);
	return g;
}

struct goal_rec *goal_set_find(const struct goal_set *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].id == id)
			return &s->v[i];
	return NULL;
}

const struct goal_status_rec *goal_latest(const struct goal_rec *g)
{
	const struct goal_status_rec *best = NULL;
	for (size_t i = 0; i < g->nstatus; i++)
		if (!best || g->status[i].date > best->date ||
		    (g->status[i].date == best->date && g->status[i].id > best->id))
			best = &g->status[i];
	return best;
}

/* A date field: empty gives def; else strict YYYY-MM-DD, not after today. */
static bool date_field(struct diags *d, const char *field, const char *what, const char *cap,
                       const char *s, fk_date def, fk_date today, fk_date *out)
{
	while (s && (*s == ' ' || *s == '\t'))
		s++;
	size_t n = s ? strlen(s) : 0;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n) {
		*out = def;
		return true;
	}
	if (date_parse(s, n, out) != 0) {
		diags_add(d, NULL, 0, 0, field,
		          "»%.*s« er ikke en gyldig dato. Skriv %s som ÅÅÅÅ-MM-DD, fx 2026-11-27.",
		          n > 40 ? case_cut(s, 40) : (int)n, s, what);
		return false;
	}
	if (*out > today) {
		char da[40];
		date_format_da(today, da, sizeof da);
		diags_add(d, NULL, 0, 0, field,
		          "%s ligger efter i dag (%s). Skriv den dag, det skete.", cap, da);
		return false;
	}
	return true;
}

int goal_check_add(const struct goal_input *in, fk_date today, struct goal_rec *out,
                   struct diags *d)
{
	size_t before = d->n;
	memset(out, 0, sizeof *out);
	const char *y = in->year ? in->year : "";
	while (*y == ' ')
		y++;
	int year = 0;
	char *end = NULL;
	long v = *y ? strtol(y, &end, 10) : 0;
	while (end && *end == ' ')
		end++;
	if (!*y)
		diags_add(d, NULL, 0, 0, "year", "Skriv det år, målet gælder for, fx %d.",
		          date_year(today) + 1);
	else if (!end || *end || v < GOAL_YEAR_MIN || v > GOAL_YEAR_MAX)
		diags_add(
		    d, NULL, 0, 0, "year",
		    "»%.*s« er ikke et årstal mellem %d og %d. Skriv året med fire cifre, fx %d.",
		    case_cut(y, 20), y, GOAL_YEAR_MIN, GOAL_YEAR_MAX, date_year(today) + 1);
	else
		year = (int)v;
	char *text = case_text(d, "text", "målet", in->text, GOAL_TEXT_MAX, true, true);
	char *ind =
	    case_text(d, "indicator", "indikatoren", in->indicator, GOAL_FIELD_MAX, true, true);
	char *target = case_text(d, "target", "målværdien", in->target, GOAL_FIELD_MAX, true, true);
	fk_date set_on = today;
	date_field(d, "set_on", "datoen", "Datoen, målet blev fastlagt,", in->set_on, today, today,
	           &set_on);
	if (d->n > before) {
		free(text);
		free(ind);
		free(target);
		return -1;
	}
	out->year = year;
	out->text = text;
	out->indicator = ind;
	out->target = target;
	out->set_on = set_on;
	return 0;
}

int goal_check_status(const struct goal_rec *g, const struct goal_input *in, fk_date today,
                      struct goal_status_rec *out, struct diags *d)
{
	size_t before = d->n;
	memset(out, 0, sizeof *out);
	int st = goal_status_parse(in->status);
	if (st < 0 && in->status && *in->status)
		diags_add(
		    d, NULL, 0, 0, "status",
		    "»%.*s« er ikke en status. Vælg på-sporet, forsinket, nået eller opgivet.",
		    case_cut(in->status, 40), in->status);
	else if (st < 0)
		diags_add(d, NULL, 0, 0, "status",
		          "Vælg målets status: på-sporet, forsinket, nået eller opgivet.");
	char *note =
	    case_text(d, "note", "bemærkningen til status", in->note, GOAL_NOTE_MAX, true, true);
	fk_date date = today;
	if (date_field(d, "date", "datoen", "Datoen for status", in->date, today, today, &date) &&
	    date < g->set_on) {
		char da[40];
		date_format_da(g->set_on, da, sizeof da);
		diags_add(
		    d, NULL, 0, 0, "date",
		    "Datoen for status ligger før målet blev fastlagt (%s). Skriv en senere dato.",
		    da);
	}
	if (d->n > before) {
		free(note);
		return -1;
	}
	out->status = (enum goal_status)st;
	out->note = note;
	out->date = date;
	return 0;
}

json_t *goal_json(const struct goal_rec *g)
{
	char set_on[11], date[11];
	date_format(g->set_on, set_on);
	json_t *hist = json_array();
	for (size_t i = 0; i < g->nstatus; i++) {
		const struct goal_status_rec *s = &g->status[i];
		date_format(s->date, date);
		json_array_append_new(
		    hist, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)s->id,
		                    "date", date, "status", goal_status_name((int)s->status),
		                    "status_title", goal_status_title((int)s->status), "note",
		                    s->note ? s->note : "", "actor", s->actor ? s->actor : "", "at",
		                    s->at ? s->at : ""));
	}
	const struct goal_status_rec *last = goal_latest(g);
	json_t *o =
	    json_pack("{s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)g->id, "year", g->year,
	              "text", g->text ? g->text : "", "indicator", g->indicator ? g->indicator : "",
	              "target", g->target ? g->target : "", "set_on", set_on);
	if (last) {
		date_format(last->date, date);
		json_object_set_new(o, "status", json_string(goal_status_name((int)last->status)));
		json_object_set_new(o, "status_title",
		                    json_string(goal_status_title((int)last->status)));
		json_object_set_new(o, "status_date", json_string(date));
		json_object_set_new(o, "status_note", json_string(last->note ? last->note : ""));
	} else {
		json_object_set_new(o, "status", json_null());
		json_object_set_new(o, "status_title", json_null());
		json_object_set_new(o, "status_date", json_null());
		json_object_set_new(o, "status_note", json_null());
	}
	json_object_set_new(o, "history", hist);
	return o;
}
