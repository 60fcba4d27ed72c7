/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "core/register.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void reg_init(struct reg *r) { memset(r, 0, sizeof *r); }

void reg_free(struct reg *r)
{
	for (size_t i = 0; i < r->npersons; i++) {
		free(r->persons[i].key);
		free(r->persons[i].name);
		free(r->persons[i].email);
	}
	free(r->persons);
	free(r->appts);
	reg_init(r);
}

int32_t reg_person_add(struct reg *r, int64_t id, const char *key, const char *name,
                       const char *email)
{
	r->persons = xgrow(r->persons, sizeof *r->persons, r->npersons + 1, &r->cappersons);
	struct reg_person *p = &r->persons[r->npersons];
	p->id = id;
	p->key = xstrdup(key);
	p->name = xstrdup(name ? name : "");
	p->email = email && *email ? xstrdup(email) : NULL;
	return (int32_t)r->npersons++;
}

int32_t reg_person_find(const struct reg *r, const char *key)
{
	for (size_t i = 0; i < r->npersons; i++)
		if (strcmp(r->persons[i].key, key) == 0)
			return (int32_t)i;
	return -1;
}

bool reg_serves(const struct reg *r, int32_t person, int32_t body, fk_date d)
{
	for (size_t i = 0; person >= 0 && i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->person == person && a->body == body && a->start <= d &&
		    (a->end == DATE_OPEN || d <= a->end))
			return true;
	}
	return false;
}

void reg_appt_add(struct reg *r, const struct reg_appt *a)
{
	r->appts = xgrow(r->appts, sizeof *r->appts, r->nappts + 1, &r->capappts);
	r->appts[r->nappts++] = *a;
}

static int cmp_appt(const void *x, const void *y)
{
	const struct reg_appt *a = x, *b = y;
	if (a->body != b->body)
		return a->body < b->body ? -1 : 1;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return 0;
}

void reg_sort(struct reg *r)
{
	if (r->nappts > 1)
		qsort(r->appts, r->nappts, sizeof *r->appts, cmp_appt);
}

/* ---------------------------------------------------------------- corrections */

/* The number of UTF-8 characters in s (continuation bytes not counted). */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int reg_check_name(const char *name, char *why, size_t n)
{
	const char *msg = NULL;
	if (!name || !*name)
		msg = "Skriv personens fulde navn.";
	else if (strpbrk(name, "\r\n\t"))
		msg = "Navnet må ikke indeholde linjeskift eller tabulatorer.";
	else if (strlen(name) > 255 || chars(name) > 120)
		msg = "Navnet må højst være 120 tegn.";
	if (!msg)
		return 0;
	snprintf(why, n, "%s", msg);
	return -1;
}

int reg_check_email(const char *s, char *why, size_t n)
{
	if (!s || !*s)
		return 0;
	const char *at = strchr(s, '@');
	size_t len = strlen(s);
	bool ok = at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') && len <= 254 &&
	          at[1] != '.' && s[len - 1] != '.';
	for (const char *c = s; ok && *c; c++)
		if ((unsigned char)*c <= ' ' || *c == ',' || *c == ';' || *c == '<' || *c == '>')
			ok = false;
	if (ok)
		return 0;
	snprintf(why, n,
	         "»%.80s« ligner ikke en e-mailadresse. Skriv den som navn@kommune.dk, eller lad "
	         "feltet stå tomt.",
	         s);
	return -1;
}

/* Whether a and b are the same text, ignoring the case of ASCII letters and of æ, ø, å
 * (and the other Latin-1 letters, which UTF-8 writes as C3 xx, upper case 0x80-0x9E). */
static bool same_caseless(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (*x && *y) {
		unsigned cx = *x, cy = *y;
		if (cx == 0xC3 && cy == 0xC3 && x[1] && y[1]) {
			unsigned lx = x[1] >= 0x80 && x[1] <= 0x9E && x[1] != 0x97 ? x[1] + 0x20u : x[1];
			unsigned ly = y[1] >= 0x80 && y[1] <= 0x9E && y[1] != 0x97 ? y[1] + 0x20u : y[1];
			if (lx != ly)
				return false;
			x += 2;
			y += 2;
			continue;
		}
		if (cx >= 'A' && cx <= 'Z')
			cx += 32;
		if (cy >= 'A' && cy <= 'Z')
			cy += 32;
		if (cx != cy)
			return false;
		x++;
		y++;
	}
	return !*x && !*y;
}

size_t reg_person_similar(const struct reg *r, const char *name, const char *email,
                          int32_t except, int32_t *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < r->npersons; i++) {
		const struct reg_person *p = &r->persons[i];
		if ((int32_t)i == except)
			continue;
		bool same = (email && *email && p->email && same_caseless(p->email, email)) ||
		            (name && *name && same_caseless(p->name, name));
		if (!same)
			continue;
		if (k < max)
			out[k] = (int32_t)i;
		k++;
	}
	return k;
}

static bool same_appt(const struct reg_appt *a, const struct reg_appt *b)
{
	return a->body == b->body && a->start == b->start && a->end == b->end &&
	       a->seat == b->seat && a->org == b->org && a->munic == b->munic &&
	       a->profile == b->profile;
}

/* a's period in ISO dates, which read the same in the browser and on the command line. */
static void period(const struct reg_appt *a, char *out, size_t n)
{
	char s[11], e[11];
	date_format(a->start, s);
	if (a->end == DATE_OPEN)
		snprintf(out, n, "fra %s uden slutdato", s);
	else {
		date_format(a->end, e);
		snprintf(out, n, "%s–%s", s, e);
	}
}

int reg_merge_plan(const struct model *m, const struct reg *r, int32_t keep, int32_t gone,
                   size_t *drop, size_t *ndrop, char *why, size_t n)
{
	*ndrop = 0;
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *g = &r->appts[i];
		if (g->person != gone)
			continue;
		bool dropped = false;
		for (size_t j = 0; j < r->nappts; j++) {
			const struct reg_appt *k = &r->appts[j];
			if (k->person != keep || k->body != g->body)
				continue;
			if (same_appt(k, g)) {
				dropped = true;
				break;
			}
			bool overlap = g->start <= k->end && k->start <= g->end;
			if (overlap) {
				char pg[64], pk[64];
				period(g, pg, sizeof pg);
				period(k, pk, sizeof pk);
				snprintf(why, n,
				         "%s har en udpegning til %s (%s), der overlapper en udpegning af "
				         "%s til samme gruppe (%s). Ret eller slet den ene udpegning "
				         "først, og læg derefter personerne sammen.",
				         r->persons[gone].name, m->bodies[g->body].name, pg,
				         r->persons[keep].name, pk);
				return -1;
			}
		}
		if (dropped)
			drop[(*ndrop)++] = i;
	}
	return 0;
}
