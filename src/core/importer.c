/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Appointments from outside: validation, consistency with the register, and the plan. */
#include "core/importer.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/csv.h"
#include "util/err.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "util/xlsx.h"
#include "util/xlsx_read.h"

const char *const imp_col_names[COL__MAX] = {
    [COL_PERSON] = "person", [COL_NAME] = "name",   [COL_EMAIL] = "email",
    [COL_ORG] = "organisation", [COL_MUNIC] = "municipality", [COL_BODY] = "body",
    [COL_SEAT] = "seat",     [COL_PROFILE] = "profile", [COL_START] = "start",
    [COL_END] = "end",
};
static const int col_required[COL__MAX] = {
    [COL_PERSON] = 1, [COL_NAME] = 1, [COL_ORG] = 1, [COL_BODY] = 1, [COL_SEAT] = 1, [COL_START] = 1,
};

void imp_plan_free(struct imp_plan *p)
{
	for (size_t i = 0; i < p->npersons; i++) {
		free(p->persons[i].key);
		free(p->persons[i].name);
		free(p->persons[i].email);
	}
	free(p->persons);
	free(p->appts);
	memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ one row */
struct where {
	const char *file;
	const struct imp_fields *in;
	struct diags *d;
	int bad;
};

static void bad(struct where *w, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bad(struct where *w, int col, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (w->in->line)
		diags_add(w->d, w->file, w->in->line, w->in->col[col], NULL, "%s: %s",
		          imp_col_names[col], msg);
	else
		diags_add(w->d, w->file, 0, 0, imp_col_names[col], "%s", msg);
	w->bad = 1;
}

/* A field's value with surrounding spaces removed, in a caller buffer. */
static const char *value(const struct imp_fields *in, int col, char *tmp, size_t n)
{
	const char *s = in->v[col] ? in->v[col] : "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return tmp;
}

static int parse_origin(const char *s)
{
	for (int i = 0; i < SEAT__MAX; i++)
		if (strcasecmp(s, seat_name(i)) == 0)
			return i;
	return -1;
}

static void date_field(struct where *w, int col, const char *s, fk_date *out)
{
	if (date_parse(s, strlen(s), out) == 0)
		return;
	int a, b, c;
	char tail;
	if (sscanf(s, "%d%*[-./]%d%*[-./]%d%c", &a, &b, &c, &tail) == 3 && c >= 1900 &&
	    date_valid_ymd(c, b, a))
		bad(w, col,
		    "Datoen »%s« skal skrives som ÅÅÅÅ-MM-DD. Mente du %04d-%02d-%02d?", s, c, b, a);
	else
		bad(w, col, "»%s« er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-01-01.", s);
}

static int valid_key(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(s) > 254)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == ',' || *s == ';' || *s == '<' || *s == '>')
			return 0;
	return at[1] != '.' && s[-1] != '.';
}

/* The ids a user may write: the bodies with seats (body < 0), or the profiles of body;
 * at most a line's worth, then "…". */
static void id_list(char *out, size_t n, const struct model *m, int body)
{
	size_t len = 0, count = 0;
	out[0] = '\0';
	size_t total = body >= 0 ? m->bodies[body].nprofiles : m->nbodies;
	for (size_t i = 0; i < total; i++) {
		const char *id;
		if (body >= 0) {
			id = m->profiles[m->bodies[body].profiles[i]].id;
		} else {
			int seats = 0;
			for (int s = 0; s < SEAT__MAX; s++)
				seats += m->bodies[i].seats[s];
			if (!seats)
				continue;
			id = m->bodies[i].id;
		}
		if (count == 8 || len + strlen(id) + 8 >= n) {
			snprintf(out + len, n - len, ", …");
			return;
		}
		len += (size_t)snprintf(out + len, n - len, "%s%s", count ? ", " : "", id);
		count++;
	}
}

#define FIELD_MAX 400      /* bytes of any one value */
#define NAME_MAX_BYTES 200 /* bytes of a name */

struct row {
	char *person, *name, *email;
	struct reg_appt a;
	long line;
};

/* Validates one appointment; on success fills out (strings owned by out). */
static int check_row(const struct model *m, const struct munic_table *mt,
                     const struct imp_fields *in, const char *file, struct row *out,
                     struct diags *d)
{
	struct where w = {file, in, d, 0};
	/* The text rule first (util/text.h): every value is one line, with no control or
	 * bidirectional characters; a row that breaks it is not checked further. */
	for (int c = 0; c < COL__MAX; c++) {
		char why[300];
		const char *raw = in->v[c] ? in->v[c] : "";
		if (text_check(raw, strlen(raw), false, why, sizeof why) != 0)
			bad(&w, c, "%s", why);
	}
	if (w.bad)
		return FK_EINPUT;
	/* Longer than any real value: a longer one is refused, never cut. */
	char t[COL__MAX][FIELD_MAX + 2];
	const char *v[COL__MAX];
	for (int c = 0; c < COL__MAX; c++)
		v[c] = value(in, c, t[c], sizeof t[c]);
	memset(out, 0, sizeof *out);
	for (int c = 0; c < COL__MAX; c++)
		if (strlen(v[c]) > FIELD_MAX) {
			bad(&w, c, "Feltet er for langt (højst %d tegn). Forkort det.", FIELD_MAX);
			t[c][0] = '\0';
		}
	if (*v[COL_NAME] && strlen(v[COL_NAME]) > NAME_MAX_BYTES)
		bad(&w, COL_NAME, "Navnet er for langt (højst %d tegn). Forkort det.", NAME_MAX_BYTES);
	out->a.profile = -1;
	out->a.end = DATE_OPEN;
	out->line = in->line;

	for (int c = 0; c < COL__MAX; c++)
		if (col_required[c] && !*v[c])
			bad(&w, c, "Feltet skal udfyldes.");
	if (*v[COL_PERSON] && !valid_key(v[COL_PERSON]))
		bad(&w, COL_PERSON,
		    "Person-id'et »%s« må kun indeholde bogstaver (a-z), tal, - og _ (højst 64 tegn).",
		    v[COL_PERSON]);
	if (*v[COL_EMAIL] && !valid_email(v[COL_EMAIL]))
		bad(&w, COL_EMAIL, "»%s« ligner ikke en e-mailadresse. Ret den, eller lad feltet stå tomt.",
		    v[COL_EMAIL]);

	int org = -1, seat = -1;
	if (*v[COL_ORG] && (org = parse_origin(v[COL_ORG])) < 0)
		bad(&w, COL_ORG, "Organisationen »%s« kendes ikke. Brug kommune, KL, UDK eller KOMBIT.",
		    v[COL_ORG]);
	if (*v[COL_SEAT] && (seat = parse_origin(v[COL_SEAT])) < 0)
		bad(&w, COL_SEAT, "Pladsen »%s« kendes ikke. Brug kommune, KL, UDK eller KOMBIT.",
		    v[COL_SEAT]);

	int munic = 0;
	if (*v[COL_MUNIC]) {
		const char *s = v[COL_MUNIC];
		int ok = strlen(s) <= 4;
		for (const char *p = s; *p && ok; p++)
			ok = isdigit((unsigned char)*p);
		if (ok)
			munic = atoi(s);
		if (!ok || !munic_find(mt, munic)) {
			bad(&w, COL_MUNIC,
			    "Kommunekoden »%s« findes ikke. Brug den officielle kode på tre cifre, fx 751 "
			    "for Aarhus eller 101 for København.",
			    s);
			munic = 0;
		} else if (org >= 0 && org != SEAT_KOMMUNE) {
			bad(&w, COL_MUNIC,
			    "Der er angivet en kommune, men organisationen er %s. Lad feltet stå tomt, "
			    "eller ret organisationen til kommune.",
			    seat_name(org));
		}
	} else if (org == SEAT_KOMMUNE) {
		bad(&w, COL_MUNIC, "Angiv kommunens kode, når organisationen er kommune, fx 751 for Aarhus.");
	}

	int body = -1;
	if (*v[COL_BODY]) {
		body = model_body_index(m, v[COL_BODY]);
		if (body < 0) {
			char list[300];
			id_list(list, sizeof list, m, -1);
			bad(&w, COL_BODY, "Gruppen »%s« findes ikke i modellen. Brug en af: %s.", v[COL_BODY],
			    list);
		} else {
			int seats = 0;
			for (int s = 0; s < SEAT__MAX; s++)
				seats += m->bodies[body].seats[s];
			if (!seats) {
				bad(&w, COL_BODY,
				    "%s har ingen pladser i modellen, så der kan ikke udpeges medlemmer til det.",
				    m->bodies[body].name);
				body = -1;
			}
		}
	}

	int profile = -1;
	if (*v[COL_PROFILE]) {
		profile = model_profile_index(m, v[COL_PROFILE]);
		if (profile < 0) {
			char list[300];
			id_list(list, sizeof list, m, body);
			bad(&w, COL_PROFILE, "Profilen »%s« findes ikke i modellen. %s: %s.", v[COL_PROFILE],
			    body >= 0 ? "Gruppens profiler er" : "Brug en af", list);
		}
	} else if (seat == SEAT_KOMMUNE) {
		bad(&w, COL_PROFILE, "Angiv medlemmets profil; den skal udfyldes for kommunale pladser.");
	}

	fk_date start = 0, end = DATE_OPEN;
	if (*v[COL_START])
		date_field(&w, COL_START, v[COL_START], &start);
	if (*v[COL_END]) {
		date_field(&w, COL_END, v[COL_END], &end);
		if (!w.bad && end < start)
			bad(&w, COL_END, "Slutdatoen %s ligger før startdatoen %s. Slutdatoen er den sidste dag "
			                 "i udpegningen.", v[COL_END], v[COL_START]);
	}
	if (w.bad)
		return FK_EINPUT;
	out->person = xstrdup(v[COL_PERSON]);
	out->name = xstrdup(v[COL_NAME]);
	out->email = *v[COL_EMAIL] ? xstrdup(v[COL_EMAIL]) : NULL;
	out->a = (struct reg_appt){0, -1, body, (int8_t)org, (int8_t)seat, (int16_t)profile,
	                           (int16_t)munic, start, end};
	return FK_OK;
}

/* ------------------------------------------------------------------ the plan */
struct planned {
	struct reg_appt a;  /* a.person: index into plan.persons */
	int32_t line;       /* 0: already stored (or unchanged: nothing to write) */
	int32_t col_start;  /* where start and end stood, for diagnostics; 0 without a file */
	int32_t col_end;
	bool keep;          /* false: replaced by a row of the file */
	bool from_input;
};

/* Sorted through pointers: 8 bytes a row to move (and for qsort's scratch copy) instead of
 * the whole row; a re-import of a million rows otherwise doubles the memory. */
static int cmp_planned(const void *x, const void *y)
{
	const struct planned *p = *(const struct planned *const *)x,
	                     *q = *(const struct planned *const *)y;
	if (p->a.person != q->a.person)
		return p->a.person < q->a.person ? -1 : 1;
	if (p->a.body != q->a.body)
		return p->a.body < q->a.body ? -1 : 1;
	if (p->a.start != q->a.start)
		return p->a.start < q->a.start ? -1 : 1;
	/* stored before new, then in input order */
	if (p->from_input != q->from_input)
		return p->from_input ? 1 : -1;
	return (p->line > q->line) - (p->line < q->line);
}

static int same_appt(const struct reg_appt *a, const struct reg_appt *b)
{
	return a->org == b->org && a->seat == b->seat && a->profile == b->profile &&
	       a->munic == b->munic && a->end == b->end;
}

/* The planner: rows are fed one at a time (a file is never held as fields in memory), then
 * planner_end checks duplicates and overlaps against the register and builds the plan. */
struct planner {
	const struct model *m;
	const struct munic_table *mt;
	const char *file;
	const char *unit;  /* what a row of the file is called: "linje", or a sheet's "række" */
	struct diags *d;
	size_t nd;
	struct imp_plan *plan;
	struct strmap map;
	size_t nstored;
	long *name_line;  /* per plan person: the input line that gave the name, 0 none */
	long *email_line;
	size_t capl;
	struct planned *all;
	size_t nall, capall;
};

static int32_t plan_person(struct planner *pl, const char *key)
{
	struct imp_plan *p = pl->plan;
	int64_t ix;
	if (strmap_get(&pl->map, key, &ix))
		return (int32_t)ix;
	p->persons = xgrow(p->persons, sizeof *p->persons, p->npersons + 1, &p->cappersons);
	memset(&p->persons[p->npersons], 0, sizeof p->persons[0]);
	p->persons[p->npersons].key = xstrdup(key);
	strmap_put(&pl->map, key, (int64_t)p->npersons);
	size_t cap = pl->capl;
	pl->name_line = xgrow(pl->name_line, sizeof *pl->name_line, p->npersons + 1, &cap);
	cap = pl->capl;
	pl->email_line = xgrow(pl->email_line, sizeof *pl->email_line, p->npersons + 1, &cap);
	pl->capl = cap;
	pl->name_line[p->npersons] = pl->email_line[p->npersons] = 0;
	return (int32_t)p->npersons++;
}

static void diag_row(struct planner *pl, long line, long col, int field, const char *msg)
{
	if (line > 0 && pl->file)
		diags_add(pl->d, pl->file, line, col, NULL, "%s: %s", imp_col_names[field], msg);
	else
		diags_add(pl->d, pl->file, 0, 0, imp_col_names[field], "%s", msg);
}

/* expect: how many input rows are likely (an over-estimate costs only address space: pages
 * never touched are never resident). */
static void planner_begin(struct planner *pl, const struct model *m, const struct munic_table *mt,
                          const struct reg *existing, const char *file, struct imp_plan *plan,
                          struct diags *d, size_t expect)
{
	memset(pl, 0, sizeof *pl);
	memset(plan, 0, sizeof *plan);
	pl->m = m;
	pl->mt = mt;
	pl->file = file;
	pl->unit = "linje";
	pl->d = d;
	pl->nd = d->n;
	pl->plan = plan;
	strmap_init(&pl->map);
	/* People already in the register: plan persons 0..nstored, in register order. */
	for (size_t i = 0; i < existing->npersons; i++) {
		const struct reg_person *rp = &existing->persons[i];
		int32_t k = plan_person(pl, rp->key);
		plan->persons[k].name = xstrdup(rp->name);
		plan->persons[k].email = rp->email ? xstrdup(rp->email) : NULL;
		plan->persons[k].id = rp->id;
	}
	pl->nstored = plan->npersons;
	pl->capall = existing->nappts + expect + 16;
	pl->all = xmalloc(pl->capall * sizeof *pl->all);
	for (size_t i = 0; i < existing->nappts; i++)
		pl->all[pl->nall++] = (struct planned){existing->appts[i], 0, 0, 0, true, false};
}

/* One row of input; seq numbers rows that do not come from a file. */
static void planner_row(struct planner *pl, const struct imp_fields *in, long seq)
{
	struct row r;
	struct imp_plan *plan = pl->plan;
	plan->rows++;
	if (check_row(pl->m, pl->mt, in, pl->file, &r, pl->d) != FK_OK)
		return;
	long line = in->line ? in->line : seq;
	int32_t k = plan_person(pl, r.person);
	struct imp_person *ip = &plan->persons[k];
	char msg[700];
	if ((size_t)k >= pl->nstored && !ip->name) {
		ip->is_new = 1;
		ip->name = xstrdup(r.name);
		pl->name_line[k] = line;
	} else if (strcmp(ip->name, r.name) != 0) {
		if (pl->name_line[k] && in->line)
			snprintf(msg, sizeof msg,
			         "Personen %s hedder »%s« i %s %ld, men »%s« her. Navnet hører til "
			         "personen og skal være ens i alle rækker.",
			         r.person, ip->name, pl->unit, pl->name_line[k], r.name);
		else
			snprintf(msg, sizeof msg,
			         "Personen %s er registreret som »%s«, men hedder »%s« her. Navnet skal "
			         "være ens; ret rækken, eller ret personen først.",
			         r.person, ip->name, r.name);
		diag_row(pl, in->line, in->col[COL_NAME], COL_NAME, msg);
	}
	if (r.email) {
		if (!ip->email) {
			ip->email = xstrdup(r.email);
			pl->email_line[k] = line;
			if (!ip->is_new)
				ip->changed = 1;
		} else if (strcasecmp(ip->email, r.email) != 0) {
			if (pl->email_line[k] && in->line)
				snprintf(msg, sizeof msg,
				         "Personen %s har e-mail »%s« i %s %ld, men »%s« her. E-mail hører "
				         "til personen og skal være ens i alle rækker.",
				         r.person, ip->email, pl->unit, pl->email_line[k], r.email);
			else
				snprintf(msg, sizeof msg,
				         "Personen %s er registreret med e-mail »%s«, men har »%s« her. Ret "
				         "rækken, eller ret personen først.",
				         r.person, ip->email, r.email);
			diag_row(pl, in->line, in->col[COL_EMAIL], COL_EMAIL, msg);
		}
	}
	r.a.person = k;
	pl->all = xgrow(pl->all, sizeof *pl->all, pl->nall + 1, &pl->capall);
	pl->all[pl->nall++] = (struct planned){r.a, (int32_t)line, (int32_t)in->col[COL_START],
	                                       (int32_t)in->col[COL_END], true, true};
	free(r.person);
	free(r.name);
	free(r.email);
}

static struct planned *prev_kept(struct planned **all, size_t i)
{
	for (size_t j = i; j-- > 0;) {
		if (all[j]->a.person != all[i]->a.person || all[j]->a.body != all[i]->a.body)
			return NULL;
		if (all[j]->keep)
			return all[j];
	}
	return NULL;
}

static int planner_end(struct planner *pl)
{
	struct imp_plan *plan = pl->plan;
	const struct model *m = pl->m;
	size_t np = pl->nall;
	struct planned **all = xmalloc((np ? np : 1) * sizeof *all);
	for (size_t i = 0; i < np; i++)
		all[i] = &pl->all[i];
	if (np > 1)
		qsort(all, np, sizeof *all, cmp_planned);
	for (size_t i = 0; i < np; i++) {
		struct planned *a = all[i];
		if (!a->from_input)
			continue;
		struct planned *prev = prev_kept(all, i);
		if (prev && prev->a.start == a->a.start) {
			if (prev->from_input) {
				char msg[400];
				snprintf(msg, sizeof msg,
				         "Udpegningen af %s til %s fra samme dato står også i %s %ld. Slet den "
				         "ene række.",
				         plan->persons[a->a.person].key, m->bodies[a->a.body].id, pl->unit,
				         (long)prev->line);
				diag_row(pl, a->col_start ? a->line : 0, a->col_start, COL_START, msg);
				a->keep = false;
				continue;
			}
			/* The input restates a stored appointment: unchanged, or an update of it. */
			prev->keep = false;
			a->a.id = prev->a.id;
			if (same_appt(&prev->a, &a->a)) {
				a->from_input = false; /* nothing to write; it stands for the stored one */
				plan->unchanged++;
			}
			prev = prev_kept(all, i);
		}
		if (prev && prev->a.end >= a->a.start) {
			char msg[600], d1[11], d2[11] = "", at[40] = "";
			date_format(prev->a.start, d1);
			if (prev->a.end != DATE_OPEN)
				date_format(prev->a.end, d2);
			if (prev->from_input && prev->col_start)
				snprintf(at, sizeof at, ", %s %ld", pl->unit, (long)prev->line);
			snprintf(msg, sizeof msg,
			         "Udpegningen overlapper en anden udpegning af %s til %s (%s–%s%s). Sæt "
			         "en slutdato på den første, eller ret startdatoen.",
			         plan->persons[a->a.person].key, m->bodies[a->a.body].id, d1, d2, at);
			diag_row(pl, a->col_start ? a->line : 0, a->col_start, COL_START, msg);
		}
	}
	/* A later stored appointment may overlap a new one too (the new one sorts before it). */
	for (size_t i = 0; i + 1 < np; i++) {
		struct planned *a = all[i];
		if (!a->keep || !a->from_input)
			continue;
		for (size_t j = i + 1; j < np; j++) {
			struct planned *b = all[j];
			if (b->a.person != a->a.person || b->a.body != a->a.body)
				break;
			if (!b->keep)
				continue;
			if (!b->from_input && a->a.end >= b->a.start) {
				char msg[400], d1[11];
				date_format(b->a.start, d1);
				snprintf(msg, sizeof msg,
				         "Udpegningen overlapper en registreret udpegning af %s til %s fra %s. "
				         "Sæt en slutdato før %s.",
				         plan->persons[a->a.person].key, m->bodies[a->a.body].id, d1, d1);
				diag_row(pl, a->col_end ? a->line : 0, a->col_end, COL_END, msg);
			}
			break;
		}
	}
	int rc = FK_OK;
	if (pl->d->n > pl->nd) {
		size_t rows = plan->rows;
		imp_plan_free(plan);
		plan->rows = rows;
		rc = FK_EINPUT;
	} else {
		/* Compact in place: the plan's appointments are the kept rows of the input. */
		size_t k = 0;
		for (size_t i = 0; i < np; i++)
			k += all[i]->from_input && all[i]->keep;
		plan->appts = xmalloc((k ? k : 1) * sizeof *plan->appts);
		plan->capappts = k;
		k = 0;
		for (size_t i = 0; i < np; i++)
			if (all[i]->from_input && all[i]->keep)
				plan->appts[k++] = (struct imp_appt){all[i]->a, all[i]->line};
		plan->nappts = k;
	}
	free(all);
	free(pl->all);
	free(pl->name_line);
	free(pl->email_line);
	strmap_free(&pl->map);
	return rc;
}

int imp_rows(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const struct imp_fields *rows, size_t n, const char *file, struct imp_plan *plan,
             struct diags *d)
{
	struct planner pl;
	planner_begin(&pl, m, mt, existing, file, plan, d, n);
	for (size_t i = 0; i < n; i++)
		planner_row(&pl, &rows[i], (long)i + 1);
	return planner_end(&pl);
}

/* ------------------------------------------------------------------ CSV */
int imp_csv(const struct model *m, const struct munic_table *mt, const struct reg *existing,
            const char *data, size_t len, const char *file, struct imp_plan *plan,
            struct diags *d)
{
	return imp_csv_ex(m, mt, existing, data, len, file, plan, d, NULL, NULL);
}

/* ------------------------------------------------------------------ tables: CSV and XLSX */

/* One cell of a table being read: its text (NULL or "" empty) and where it stands. */
struct tcell {
	const char *s;
	long line, col;
};

/* A table read row by row from a CSV file or a workbook's sheet: the header maps positions to
 * columns, and each following row is planned at once. */
struct table {
	const struct model *m;
	const struct munic_table *mt;
	const struct reg *existing;
	const char *file;
	struct imp_plan *plan;
	struct diags *d;
	size_t nd;
	size_t expect;
	const char *unit;
	int map[64];          /* position → column, -1 none */
	size_t ncols;
	bool header_seen, header_bad;
	struct planner pl;
};

static void table_begin(struct table *t, const struct model *m, const struct munic_table *mt,
                        const struct reg *existing, const char *file, struct imp_plan *plan,
                        struct diags *d, size_t expect, const char *unit)
{
	memset(t, 0, sizeof *t);
	memset(plan, 0, sizeof *plan);
	*t = (struct table){.m = m, .mt = mt, .existing = existing, .file = file, .plan = plan,
	                    .d = d, .nd = d->n, .expect = expect, .unit = unit};
}

static const char header_help[] = "Kolonnerne hedder person, name, email, organisation, "
                                  "municipality, body, seat, profile, start og end.";

/* The header row: cells at positions 0..n-1 (s NULL where a sheet has no header). Returns 0
 * when it names the required columns once each; the planner then begins. */
static int table_header(struct table *t, const struct tcell *c, size_t n, long line)
{
	int have[COL__MAX];
	size_t nd = t->d->n;
	t->header_seen = true;
	for (int k = 0; k < COL__MAX; k++)
		have[k] = -1;
	t->ncols = n;
	for (size_t i = 0; i < n; i++) {
		char name[64];
		const char *s = c[i].s ? c[i].s : "";
		while (*s == ' ')
			s++;
		size_t l = strlen(s);
		while (l && s[l - 1] == ' ')
			l--;
		if (l >= sizeof name)
			l = sizeof name - 1;
		memcpy(name, s, l);
		name[l] = '\0';
		int col = -1;
		for (int k = 0; k < COL__MAX; k++)
			if (strcasecmp(name, imp_col_names[k]) == 0)
				col = k;
		if (i < 64)
			t->map[i] = col;
		if (col < 0 && !c[i].s)
			continue; /* a sheet's column without a header: its cells must be empty */
		if (col < 0)
			diags_add(t->d, t->file, c[i].line, c[i].col, NULL, "Ukendt kolonne »%s«. %s", name,
			          header_help);
		else if (have[col] >= 0)
			diags_add(t->d, t->file, c[i].line, c[i].col, NULL,
			          "Kolonnen »%s« står to gange i overskriften. Slet den ene.", name);
		else
			have[col] = (int)i;
	}
	if (n > 64)
		diags_add(t->d, t->file, line, 1, NULL, "Overskriften har %zu kolonner; højst 64.", n);
	for (int k = 0; k < COL__MAX; k++)
		if (col_required[k] && have[k] < 0)
			diags_add(t->d, t->file, line, 1, NULL,
			          "Kolonnen »%s« mangler i overskriften. Tilføj den.", imp_col_names[k]);
	if (t->d->n > nd) {
		t->header_bad = true;
		return -1;
	}
	planner_begin(&t->pl, t->m, t->mt, t->existing, t->file, t->plan, t->d, t->expect);
	t->pl.unit = t->unit;
	return 0;
}

/* A row of n cells at positions 0..n-1 (n at most the header's). */
static void table_row(struct table *t, const struct tcell *c, size_t n, long line)
{
	struct imp_fields f;
	memset(&f, 0, sizeof f);
	f.line = line;
	for (int k = 0; k < COL__MAX; k++)
		f.col[k] = 1;
	for (size_t i = 0; i < n; i++) {
		if (t->map[i] < 0)
			continue;
		f.v[t->map[i]] = c[i].s;
		f.col[t->map[i]] = c[i].col;
	}
	planner_row(&t->pl, &f, 0);
}

/* Ends the table: the plan, or FK_EINPUT with the reasons in d. read_ok: the reader itself
 * did not fail. */
static int table_end(struct table *t, bool read_ok)
{
	struct imp_plan *plan = t->plan;
	int rc = FK_EINPUT;
	if (!t->header_seen && read_ok && t->d->n == t->nd)
		diags_add(t->d, t->file, 1, 1, NULL,
		          "Filen er tom. Den skal have en overskriftslinje med kolonnerne person, "
		          "name, email, organisation, municipality, body, seat, profile, start, end.");
	if (t->header_seen && !t->header_bad)
		rc = planner_end(&t->pl) != FK_OK || !read_ok ? FK_EINPUT : FK_OK;
	if (rc != FK_OK && t->d->n == t->nd)
		diags_add(t->d, t->file, 0, 0, NULL, "Filen kunne ikke læses.");
	if (rc != FK_OK) {
		size_t rows = plan->rows;
		imp_plan_free(plan);
		plan->rows = rows;
	}
	return rc;
}

int imp_csv_ex(const struct model *m, const struct munic_table *mt, const struct reg *existing,
               const char *data, size_t len, const char *file, struct imp_plan *plan,
               struct diags *d, void (*release)(const char *upto, void *arg), void *arg)
{
	struct table t;
	/* A row of the file is at least 40 bytes (ten fields, two dates). */
	table_begin(&t, m, mt, existing, file, plan, d, len / 40, "linje");
	struct csv_reader r;
	csv_open(&r, data, len, file);
	struct tcell *cells = NULL;
	size_t cap = 0;
	int rc;
	/* Each record is checked as it is read; only the compact plan is kept. */
	while ((rc = csv_next(&r, d)) > 0) {
		if (t.header_seen && r.nfields != t.ncols) {
			diags_add(d, file, r.record_line, 1, NULL,
			          "Linjen har %zu felter, men overskriften har %zu. Tjek skilletegn og "
			          "anførselstegn i linjen.",
			          r.nfields, t.ncols);
			continue;
		}
		cells = xgrow(cells, sizeof *cells, r.nfields, &cap);
		for (size_t i = 0; i < r.nfields; i++)
			cells[i] = (struct tcell){r.fields[i].s, r.fields[i].line, r.fields[i].col};
		if (!t.header_seen) {
			if (table_header(&t, cells, r.nfields, r.record_line) != 0)
				break;
			continue;
		}
		table_row(&t, cells, r.nfields, r.record_line);
		if (release && (plan->rows & 4095) == 0)
			release(r.p, arg);
		/* Stop collecting after many errors: the first hundreds say what is wrong. */
		if (d->n - t.nd >= 1000)
			break;
	}
	free(cells);
	csv_close(&r);
	return table_end(&t, rc >= 0);
}

/* The workbook's rows: each is made dense over the header's positions, numbers turned into
 * the text the columns take (a day from a serial number in start and end, a whole number
 * as digits), booleans and formula errors refused by cell. */
struct sheet_feed {
	struct table t;
	struct xlr *x;
	struct tcell *cells;
	size_t cap;
	char (*text)[32];  /* the text of number cells, per position */
	size_t captext;
};

static int sheet_row(void *arg, long row, const struct xlr_cell *c, size_t n)
{
	struct sheet_feed *sf = arg;
	struct table *t = &sf->t;
	size_t width = t->header_seen ? t->ncols : (size_t)c[n - 1].col;
	sf->cells = xgrow(sf->cells, sizeof *sf->cells, width, &sf->cap);
	sf->text = xgrow(sf->text, sizeof *sf->text, width, &sf->captext);
	for (size_t i = 0; i < width; i++)
		sf->cells[i] = (struct tcell){NULL, row, (long)i + 1};
	bool bad = false; /* a cell that cannot be read: the row is not checked further */
	for (size_t i = 0; i < n; i++) {
		size_t at = (size_t)c[i].col - 1;
		int col = t->header_seen && at < t->ncols && at < 64 ? t->map[at] : -1;
		const char *what = col >= 0 ? imp_col_names[col] : "";
		if (t->header_seen && col < 0) {
			char letters[8];
			csv_col_letters(at, letters);
			diags_add(t->d, t->file, row, c[i].col, NULL,
			          "Kolonne %s har ingen overskrift, men cellen er udfyldt. Slet indholdet, "
			          "eller giv kolonnen en af overskrifterne (%s).",
			          letters, "person, name, email, organisation, municipality, body, seat, "
			                   "profile, start, end");
			continue; /* the rest of the row is still checked */
		}
		if (c[i].kind == XLR_ERROR || c[i].kind == XLR_BOOL) {
			diags_add(t->d, t->file, row, c[i].col, NULL,
			          "%s%sCellen indeholder %s »%.*s«. Skriv værdien i cellen i stedet.", what,
			          *what ? ": " : "",
			          c[i].kind == XLR_ERROR ? "fejlen fra en formel" : "sandhedsværdien",
			          (int)c[i].len, c[i].s);
			bad = true;
			continue;
		}
		const char *s = c[i].s;
		char *tx = sf->text[at];
		if (c[i].kind == XLR_NUMBER) {
			fk_date day;
			double v = c[i].num;
			if ((col == COL_START || col == COL_END) && xlr_day(sf->x, v, &day) == 0)
				date_format(day, tx);
			else if (v == floor(v) && fabs(v) < 1e15)
				snprintf(tx, 32, "%lld", (long long)v);
			else
				snprintf(tx, 32, "%.15g", v);
			s = tx;
		} else if (c[i].len < strlen(c[i].s)) {
			snprintf(tx, 32, "%.*s", (int)c[i].len, c[i].s); /* a day from a date cell */
			s = tx;
		}
		sf->cells[at].s = s;
	}
	if (!t->header_seen) {
		if (table_header(t, sf->cells, width, row) != 0)
			return 1;
		return 0;
	}
	if (!bad)
		table_row(t, sf->cells, width, row);
	else
		t->plan->rows++;
	return t->d->n - t->nd >= 1000;
}

int imp_xlsx(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const char *data, size_t len, const char *file, struct imp_plan *plan,
             struct diags *d)
{
	struct sheet_feed sf = {0};
	table_begin(&sf.t, m, mt, existing, file, plan, d, len / 8 + 16, "række");
	char err[300];
	sf.x = xlr_open(data, len, err, sizeof err);
	if (!sf.x) {
		diags_add(d, file, 0, 0, NULL, "%s.", err);
		return table_end(&sf.t, false);
	}
	long at = 0;
	int rc = xlr_rows(sf.x, sheet_row, &sf, err, sizeof err, &at);
	if (rc < 0)
		diags_add(d, file, at, 0, NULL, "%s. Gem regnearket igen i Excel, og prøv igen.", err);
	rc = table_end(&sf.t, rc >= 0);
	diags_in_sheet(d, sf.t.nd, xlr_sheet(sf.x));
	xlr_close(sf.x);
	free(sf.cells);
	free(sf.text);
	return rc;
}

bool imp_is_xlsx(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\x03\x04", 4);
}

int imp_file(const struct model *m, const struct munic_table *mt, const struct reg *existing,
             const char *data, size_t len, const char *file, struct imp_plan *plan,
             struct diags *d)
{
	if (imp_is_xlsx(data, len))
		return imp_xlsx(m, mt, existing, data, len, file, plan, d);
	return imp_csv(m, mt, existing, data, len, file, plan, d);
}

/* ------------------------------------------------------------------ export */
struct exp {
	const struct reg_appt *a;
	const char *key;
};

static int cmp_exp(const void *x, const void *y)
{
	const struct exp *p = x, *q = y;
	int k = strcmp(p->key, q->key);
	if (k)
		return k;
	if (p->a->body != q->a->body)
		return p->a->body < q->a->body ? -1 : 1;
	return (p->a->start > q->a->start) - (p->a->start < q->a->start);
}

/* The appointments by person key, body and start; the caller frees. */
static struct exp *sorted(const struct reg *r)
{
	struct exp *e = xmalloc((r->nappts ? r->nappts : 1) * sizeof *e);
	for (size_t i = 0; i < r->nappts; i++)
		e[i] = (struct exp){&r->appts[i], r->persons[r->appts[i].person].key};
	qsort(e, r->nappts, sizeof *e, cmp_exp);
	return e;
}

int imp_export_xlsx(const struct model *m, const struct reg *r, fk_date day, const char *source,
                    struct buf *out, char *err, size_t n)
{
	static const enum xl_type type[COL__MAX] = {
	    [COL_MUNIC] = XL_INT, [COL_START] = XL_DATE, [COL_END] = XL_DATE};
	struct xl_col cols[COL__MAX];
	for (int c = 0; c < COL__MAX; c++)
		cols[c] = (struct xl_col){imp_col_names[c], type[c]};
	struct xl_cell *cell = xcalloc(r->nappts * COL__MAX + 1, sizeof *cell);
	struct exp *e = sorted(r);
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = e[i].a;
		const struct reg_person *p = &r->persons[a->person];
		struct xl_cell *row = &cell[i * COL__MAX];
		row[COL_PERSON].s = p->key;
		row[COL_NAME].s = p->name;
		row[COL_EMAIL].s = p->email;
		row[COL_ORG].s = seat_name(a->org);
		row[COL_MUNIC] = (struct xl_cell){.i = a->munic, .empty = a->munic == 0};
		row[COL_BODY].s = m->bodies[a->body].id;
		row[COL_SEAT].s = seat_name(a->seat);
		row[COL_PROFILE].s = a->profile >= 0 ? m->profiles[a->profile].id : NULL;
		row[COL_START].d = a->start;
		row[COL_END].d = a->end;
	}
	struct xl_table t = {"Udpegninger", cols, COL__MAX, cell, r->nappts,
	                     "Registret over udpegninger (samme kolonner som CSV-filen, SPEC 5.2)",
	                     source, m->name, day};
	int rc = xl_write(&t, out, err, n);
	free(e);
	free(cell);
	return rc;
}

int imp_export(const struct model *m, const struct reg *r, struct buf *out,
               int (*flush)(struct buf *out, void *arg), void *arg)
{
	int rc = 0;
	for (int c = 0; c < COL__MAX; c++)
		buf_printf(out, "%s%s", c ? "," : "", imp_col_names[c]);
	buf_addc(out, '\n');
	/* Every cell through csv_write_field, ids from the model too: it quotes what needs it
	 * and protects a cell a spreadsheet would run as a formula. */
	struct exp *e = sorted(r);
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = e[i].a;
		const struct reg_person *p = &r->persons[a->person];
		char d1[11], d2[11], mun[8] = "";
		date_format(a->start, d1);
		if (a->end != DATE_OPEN)
			date_format(a->end, d2);
		else
			d2[0] = '\0';
		if (a->munic)
			snprintf(mun, sizeof mun, "%03d", a->munic);
		const char *cell[COL__MAX] = {
		    [COL_PERSON] = p->key,
		    [COL_NAME] = p->name,
		    [COL_EMAIL] = p->email ? p->email : "",
		    [COL_ORG] = seat_name(a->org),
		    [COL_MUNIC] = mun,
		    [COL_BODY] = m->bodies[a->body].id,
		    [COL_SEAT] = seat_name(a->seat),
		    [COL_PROFILE] = a->profile >= 0 ? m->profiles[a->profile].id : "",
		    [COL_START] = d1,
		    [COL_END] = d2,
		};
		for (int c = 0; c < COL__MAX; c++) {
			if (c)
				buf_addc(out, ',');
			csv_write_field(out, cell[c], ',');
		}
		buf_addc(out, '\n');
		if (flush && out->len > (1u << 20) && (rc = flush(out, arg)) != 0)
			break;
	}
	free(e);
	if (flush && rc == 0 && out->len)
		rc = flush(out, arg);
	return rc;
}
