/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Initiatives, the portfolio and the economy: money in øre, frames, allocations, trends,
 * validation and the frame-exceeded check. Pure: no SQL, no I/O. */
#include "core/economy.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ================================================================== money */

/* Case-insensitive ASCII prefix test. */
static bool has_prefix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = s[i], b = p[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

static bool has_suffix_ci(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && has_prefix_ci(s + len - n, n, p);
}

/* Bytes of a blank at s (space, tab, no-break space U+00A0), 0 when none. */
static size_t blank_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Trims blanks at both ends of [*s, *s + *len). */
static void trim_blanks(const char **s, size_t *len)
{
	size_t k;
	while (*len && (k = blank_at(*s, *len)) > 0) {
		*s += k;
		*len -= k;
	}
	for (;;) {
		if (*len >= 1 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
			(*len)--;
		else if (*len >= 2 && (unsigned char)(*s)[*len - 2] == 0xC2 &&
		         (unsigned char)(*s)[*len - 1] == 0xA0)
			*len -= 2;
		else
			break;
	}
}

#define EXAMPLE "Skriv beløbet i kroner, fx 1.234,50 eller 1234.50"

int econ_parse_kr(const char *in, int64_t *ore, char *why, size_t n)
{
	const char *s = in ? in : "";
	size_t len = strlen(s);
	if (len > 64) {
		snprintf(why, n, "Beløbet er for langt. " EXAMPLE ".");
		return -1;
	}
	trim_blanks(&s, &len);
	/* A unit before or after. */
	static const char *const units[] = {"kr.", "kr", "dkk"};
	for (size_t u = 0; u < 3; u++)
		if (has_prefix_ci(s, len, units[u])) {
			s += strlen(units[u]);
			len -= strlen(units[u]);
			break;
		}
	trim_blanks(&s, &len);
	for (size_t u = 0; u < 3; u++)
		if (has_suffix_ci(s, len, units[u])) {
			len -= strlen(units[u]);
			break;
		}
	trim_blanks(&s, &len);
	if (len == 0) {
		snprintf(why, n, EXAMPLE ".");
		return -1;
	}
	if (s[0] == '-' || s[0] == '+' ||
	    (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
	     (unsigned char)s[2] == 0x92)) {
		snprintf(why, n, "Skriv beløbet uden fortegn, fx 1.234,50.");
		return -1;
	}
	/* "5,-": whole kroner. */
	bool whole = false;
	if (len >= 2 && s[len - 2] == ',' && s[len - 1] == '-') {
		whole = true;
		len -= 2;
	}
	/* Only digits, separators and blanks. */
	size_t commas = 0, dots = 0, comma_at = 0, last_dot = 0;
	for (size_t i = 0; i < len;) {
		size_t k = blank_at(s + i, len - i);
		if (k) {
			i += k;
			continue;
		}
		char c = s[i];
		if (c == ',') {
			commas++;
			comma_at = i;
		} else if (c == '.') {
			dots++;
			last_dot = i;
		} else if (c < '0' || c > '9') {
			snprintf(why, n, "»%.*s« er ikke et beløb. " EXAMPLE ".",
			         (int)(len > 40 ? 40 : len), s);
			return -1;
		}
		i++;
	}
	if (commas > 1 || (whole && commas)) {
		snprintf(why, n, "Beløbet må kun have ét komma (før ørerne). " EXAMPLE ".");
		return -1;
	}
	size_t dec = len; /* position of the decimal separator, len: none */
	if (commas == 1) {
		if (dots && last_dot > comma_at) {
			snprintf(why, n,
			         "Brug komma før ørerne og punktum mellem tusinder, fx 12.345,67.");
			return -1;
		}
		dec = comma_at;
	} else if (dots) {
		size_t after = len - last_dot - 1;
		if (dots == 1 && (after == 1 || after == 2))
			dec = last_dot;
		else if (after != 3) {
			snprintf(why, n,
			         "Punktum bruges mellem tusinder (1.234) eller før ørerne "
			         "(1234.50). " EXAMPLE ".");
			return -1;
		}
	}
	if (whole && dec != len) {
		snprintf(why, n, "Skriv enten øre eller »,-«, ikke begge. " EXAMPLE ".");
		return -1;
	}
	/* The kroner: groups of three after the first when there are separators. */
	int64_t kr = 0;
	size_t digits = 0, group = 0, groups = 0;
	bool grouped = false, lead_zero = false;
	for (size_t i = 0; i < dec;) {
		size_t k = blank_at(s + i, dec - i);
		if (k || s[i] == '.') {
			if ((groups == 0 && (group == 0 || group > 3)) ||
			    (groups > 0 && group != 3)) {
				snprintf(
				    why, n,
				    "Tusinder skal stå i grupper af tre cifre, fx 1.234.567,00.");
				return -1;
			}
			grouped = true;
			groups++;
			group = 0;
			i += k ? k : 1;
			continue;
		}
		if (digits == 0 && s[i] == '0')
			lead_zero = true;
		if (++digits > 15) {
			snprintf(
			    why, n,
			    "Beløbet er for stort. Det største beløb er 1.000.000.000.000 kr.");
			return -1;
		}
		kr = kr * 10 + (s[i] - '0');
		group++;
		i++;
	}
	if (grouped && (group != 3 || lead_zero)) {
		snprintf(why, n, "Tusinder skal stå i grupper af tre cifre, fx 1.234.567,00.");
		return -1;
	}
	int64_t frac = 0;
	if (dec < len) {
		size_t fd = 0;
		for (size_t i = dec + 1; i < len; i++) {
			if (s[i] < '0' || s[i] > '9') {
				snprintf(why, n, "Skriv ørerne som cifre efter kommaet, fx 5,50.");
				return -1;
			}
			frac = frac * 10 + (s[i] - '0');
			fd++;
		}
		if (fd == 0) {
			snprintf(why, n,
			         "Skriv ørerne efter kommaet, fx 5,00, eller udelad kommaet.");
			return -1;
		}
		if (fd > 2) {
			snprintf(why, n,
			         "Beløbet kan højst have to decimaler (hele øre), fx 1.234,56.");
			return -1;
		}
		if (fd == 1)
			frac *= 10;
	}
	if (digits == 0 && dec == len) {
		snprintf(why, n, EXAMPLE ".");
		return -1;
	}
	int64_t v = kr * 100 + frac;
	if (v > ECON_ORE_MAX) {
		snprintf(why, n,
		         "Beløbet er for stort. Det største beløb er 1.000.000.000.000 kr.");
		return -1;
	}
	*ore = v;
	return 0;
}

int econ_parse_ore(const char *s, int64_t max, int64_t *ore, char *why, size_t n)
{
	if (!s || !*s) {
		snprintf(why, n, "Skriv beløbet i hele øre, fx 500 for 5 kr.");
		return -1;
	}
	int64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9') {
			snprintf(
			    why, n,
			    "»%.40s« er ikke et helt antal øre. Skriv kun cifre, fx 500 for 5 kr.",
			    s);
			return -1;
		}
		if (v > (max - (*p - '0')) / 10) {
			char mx[48];
			econ_format_kr(max, true, mx, sizeof mx);
			snprintf(why, n, "Beløbet er for stort. Det største er %s.", mx);
			return -1;
		}
		v = v * 10 + (*p - '0');
	}
	*ore = v;
	return 0;
}

/* Writes v >= 0 with a dot between thousands. */
static void group_thousands(uint64_t v, char *out, size_t n)
{
	char digits[32], tmp[32];
	int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
	size_t k = 0;
	for (int i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			tmp[k++] = '.';
		tmp[k++] = digits[i];
	}
	tmp[k] = '\0';
	snprintf(out, n, "%s", tmp);
}

void econ_format_kr(int64_t ore, bool with_unit, char *out, size_t n)
{
	bool neg = ore < 0;
	uint64_t mag = neg ? (uint64_t)(-(ore + 1)) + 1u : (uint64_t)ore;
	char kr[32];
	group_thousands(mag / 100u, kr, sizeof kr);
	snprintf(out, n, "%s%s,%02u%s", neg ? "-" : "", kr, (unsigned)(mag % 100u),
	         with_unit ? " kr." : "");
}

void econ_format_int(int64_t v, char *out, size_t n)
{
	bool neg = v < 0;
	uint64_t mag = neg ? (uint64_t)(-(v + 1)) + 1u : (uint64_t)v;
	char g[32];
	group_thousands(mag, g, sizeof g);
	snprintf(out, n, "%s%s", neg ? "-" : "", g);
}

int econ_parse_year(const char *s, int *year)
{
	if (!s || strlen(s) != 4)
		return -1;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (y < ECON_YEAR_MIN || y > ECON_YEAR_MAX)
		return -1;
	*year = y;
	return 0;
}

/* ================================================================== statuses and trends */

static const char *const status_names[ST__MAX] = {"grøn", "gul", "rød"};
static const char *const status_classes[ST__MAX] = {"green", "yellow", "red"};

int econ_status_parse(const char *s)
{
	if (!s)
		return -1;
	char low[16];
	size_t k = 0;
	for (const char *p = s; *p; p++) {
		if (k + 2 >= sizeof low)
			return -1;
		unsigned char c = (unsigned char)*p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		/* Ø (C3 98) -> ø (C3 B8) */
		if (c == 0xC3 && (unsigned char)p[1] == 0x98) {
			low[k++] = (char)0xC3;
			low[k++] = (char)0xB8;
			p++;
			continue;
		}
		low[k++] = (char)c;
	}
	low[k] = '\0';
	static const struct {
		const char *w;
		int st;
	} words[] = {{"grøn", ST_GREEN},  {"gron", ST_GREEN}, {"groen", ST_GREEN},
	             {"green", ST_GREEN}, {"gul", ST_YELLOW}, {"yellow", ST_YELLOW},
	             {"rød", ST_RED},     {"rod", ST_RED},    {"roed", ST_RED},
	             {"red", ST_RED}};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcmp(low, words[i].w))
			return words[i].st;
	return -1;
}

const char *econ_status_name(int st)
{
	return st >= 0 && st < ST__MAX ? status_names[st] : "?";
}

const char *econ_status_class(int st)
{
	return st >= 0 && st < ST__MAX ? status_classes[st] : "none";
}

enum econ_trend econ_trend(int prev, int cur)
{
	if (prev < 0 || prev >= ST__MAX)
		return TREND_NEW;
	/* grøn (0) is best, rød (2) worst. */
	return cur < prev ? TREND_BETTER : cur > prev ? TREND_WORSE : TREND_SAME;
}

const char *econ_trend_name(enum econ_trend t)
{
	static const char *const n[TREND__MAX] = {"new", "better", "worse", "same"};
	return (unsigned)t < TREND__MAX ? n[t] : "?";
}

const char *econ_trend_da(enum econ_trend t)
{
	static const char *const n[TREND__MAX] = {"ny", "bedre", "værre", "uændret"};
	return (unsigned)t < TREND__MAX ? n[t] : "?";
}

/* ================================================================== the data */

#define GROW(arr, n, cap)                                                                          \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? (cap)*2 : 16;                                              \
			(arr) = xrealloc((arr), (cap) * sizeof *(arr));                            \
		}                                                                                  \
	} while (0)

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void econ_init(struct econ *e, int64_t default_rate)
{
	memset(e, 0, sizeof *e);
	e->default_rate = default_rate;
}

void econ_free(struct econ *e)
{
	for (size_t i = 0; i < e->ninits; i++) {
		free(e->inits[i].key);
		free(e->inits[i].name);
		free(e->inits[i].body);
		free(e->inits[i].description);
		free(e->inits[i].created);
	}
	for (size_t i = 0; i < e->nreports; i++) {
		free(e->reports[i].reason);
		free(e->reports[i].actor);
	}
	for (size_t i = 0; i < e->nmiles; i++)
		free(e->miles[i].title);
	for (size_t i = 0; i < e->nrates; i++) {
		free(e->rates[i].decision);
		free(e->rates[i].actor);
		free(e->rates[i].created);
	}
	for (size_t i = 0; i < e->nsets; i++) {
		free(e->sets[i].source);
		free(e->sets[i].codes);
		free(e->sets[i].citizens);
	}
	for (size_t i = 0; i < e->nallocs; i++) {
		free(e->allocs[i].decision);
		free(e->allocs[i].actor);
	}
	for (size_t i = 0; i < e->nspends; i++) {
		free(e->spends[i].note);
		free(e->spends[i].actor);
	}
	free(e->inits);
	free(e->reports);
	free(e->miles);
	free(e->budgets);
	free(e->rates);
	free(e->sets);
	free(e->allocs);
	free(e->spends);
	int64_t rate = e->default_rate;
	econ_init(e, rate);
}

struct econ_initiative *econ_add_initiative(struct econ *e, int64_t id, const char *key,
                                            const char *name, const char *body,
                                            const char *description, bool special,
                                            const char *created)
{
	GROW(e->inits, e->ninits, e->capinits);
	struct econ_initiative *x = &e->inits[e->ninits++];
	x->id = id;
	x->key = xstrdup(key);
	x->name = xstrdup(name);
	x->body = xstrdup(body);
	x->description = dup_or_null(description);
	x->special = special;
	x->created = xstrdup(created ? created : "");
	return x;
}

struct econ_report *econ_add_report(struct econ *e, int64_t id, int32_t initiative, fk_date date,
                                    int status, const char *reason, const char *actor)
{
	GROW(e->reports, e->nreports, e->capreports);
	struct econ_report *x = &e->reports[e->nreports++];
	x->id = id;
	x->initiative = initiative;
	x->date = date;
	x->status = status;
	x->reason = reason && *reason ? xstrdup(reason) : NULL;
	x->actor = xstrdup(actor ? actor : "");
	return x;
}

struct econ_milestone *econ_add_milestone(struct econ *e, int64_t id, int32_t initiative,
                                          const char *title, fk_date due, fk_date done)
{
	GROW(e->miles, e->nmiles, e->capmiles);
	struct econ_milestone *x = &e->miles[e->nmiles++];
	x->id = id;
	x->initiative = initiative;
	x->title = xstrdup(title);
	x->due = due;
	x->done = done;
	return x;
}

void econ_add_budget(struct econ *e, int32_t initiative, int year, int64_t ore)
{
	GROW(e->budgets, e->nbudgets, e->capbudgets);
	e->budgets[e->nbudgets++] = (struct econ_budget){initiative, year, ore};
}

struct econ_rate *econ_add_rate(struct econ *e, int64_t id, int year, int64_t ore,
                                const char *decision, fk_date decided, const char *actor,
                                const char *created)
{
	GROW(e->rates, e->nrates, e->caprates);
	struct econ_rate *x = &e->rates[e->nrates++];
	x->id = id;
	x->year = year;
	x->ore = ore;
	x->decision = xstrdup(decision ? decision : "");
	x->decided = decided;
	x->actor = xstrdup(actor ? actor : "");
	x->created = xstrdup(created ? created : "");
	return x;
}

struct econ_popset *econ_add_popset(struct econ *e, int64_t id, fk_date date, const char *source,
                                    bool builtin, const int *codes, const int64_t *citizens,
                                    size_t n)
{
	GROW(e->sets, e->nsets, e->capsets);
	struct econ_popset *x = &e->sets[e->nsets++];
	x->id = id;
	x->date = date;
	x->source = xstrdup(source ? source : "");
	x->builtin = builtin;
	x->n = n;
	x->codes = xmalloc((n + 1) * sizeof *x->codes);
	x->citizens = xmalloc((n + 1) * sizeof *x->citizens);
	x->total = 0;
	for (size_t i = 0; i < n; i++) {
		x->codes[i] = codes[i];
		x->citizens[i] = citizens[i];
		x->total += citizens[i];
	}
	return x;
}

void econ_add_builtin_popset(struct econ *e, const struct munic_table *mt)
{
	int *codes = xmalloc((mt->n + 1) * sizeof *codes);
	int64_t *cit = xmalloc((mt->n + 1) * sizeof *cit);
	size_t k = 0;
	/* By code: by_code is indexed by code. */
	for (int c = 0; c < 1000; c++)
		if (mt->by_code[c] >= 0) {
			codes[k] = c;
			cit[k] = mt->v[mt->by_code[c]].population;
			k++;
		}
	const char *ds = munic_population_date();
	fk_date d = 0;
	int rc = date_parse(ds, strlen(ds), &d);
	assert(rc == 0);
	(void)rc;
	econ_add_popset(e, 0, d, munic_source(), true, codes, cit, k);
	free(codes);
	free(cit);
}

struct econ_alloc *econ_add_alloc(struct econ *e, int64_t id, int32_t initiative, int year,
                                  int64_t ore, const char *decision, fk_date date,
                                  const char *actor)
{
	GROW(e->allocs, e->nallocs, e->capallocs);
	struct econ_alloc *x = &e->allocs[e->nallocs++];
	x->id = id;
	x->initiative = initiative;
	x->year = year;
	x->ore = ore;
	x->decision = xstrdup(decision ? decision : "");
	x->date = date;
	x->actor = xstrdup(actor ? actor : "");
	return x;
}

struct econ_spend *econ_add_spend(struct econ *e, int64_t id, int32_t initiative, int year,
                                  int64_t ore, fk_date date, const char *note, const char *actor)
{
	GROW(e->spends, e->nspends, e->capspends);
	struct econ_spend *x = &e->spends[e->nspends++];
	x->id = id;
	x->initiative = initiative;
	x->year = year;
	x->ore = ore;
	x->date = date;
	x->note = note && *note ? xstrdup(note) : NULL;
	x->actor = xstrdup(actor ? actor : "");
	return x;
}

static int cmp_set(const void *x, const void *y)
{
	const struct econ_popset *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	/* Same date: the shipped set first, so an imported one wins. */
	if (a->builtin != b->builtin)
		return a->builtin ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

void econ_sort(struct econ *e)
{
	if (e->nsets > 1)
		qsort(e->sets, e->nsets, sizeof *e->sets, cmp_set);
}

int32_t econ_initiative_find(const struct econ *e, const char *key)
{
	if (!key)
		return -1;
	for (size_t i = 0; i < e->ninits; i++)
		if (!strcmp(e->inits[i].key, key))
			return (int32_t)i;
	return -1;
}

/* ================================================================== the frame */

int64_t econ_rate_for(const struct econ *e, int year, int *index)
{
	int best = -1;
	for (size_t i = 0; i < e->nrates; i++) {
		const struct econ_rate *r = &e->rates[i];
		if (r->year > year)
			continue;
		if (best < 0 || r->year > e->rates[best].year ||
		    (r->year == e->rates[best].year && r->id > e->rates[best].id))
			best = (int)i;
	}
	if (index)
		*index = best;
	return best >= 0 ? e->rates[best].ore : e->default_rate;
}

int econ_popset_for(const struct econ *e, int year)
{
	fk_date jan1 = date_from_ymd(year, 1, 1);
	int best = -1;
	/* Sorted by date (econ_sort), an imported set after the shipped one of its date; but do
	 * not rely on it: pick the latest date, and at equal dates the imported, newest one. */
	for (size_t i = 0; i < e->nsets; i++) {
		const struct econ_popset *s = &e->sets[i];
		if (s->date > jan1)
			continue;
		if (best < 0 || cmp_set(s, &e->sets[best]) > 0)
			best = (int)i;
	}
	return best;
}

int64_t econ_frame_ore(int64_t rate_ore, int64_t citizens)
{
	if (rate_ore < 0 || citizens < 0)
		return -1;
	if (citizens != 0 && rate_ore > INT64_MAX / citizens)
		return -1;
	return rate_ore * citizens;
}

int64_t econ_allocated(const struct econ *e, int year, int32_t initiative)
{
	int64_t s = 0;
	for (size_t i = 0; i < e->nallocs; i++)
		if (e->allocs[i].year == year &&
		    (initiative < 0 || e->allocs[i].initiative == initiative))
			s += e->allocs[i].ore;
	return s;
}

int64_t econ_spent(const struct econ *e, int year, int32_t initiative)
{
	int64_t s = 0;
	for (size_t i = 0; i < e->nspends; i++)
		if (e->spends[i].year == year &&
		    (initiative < 0 || e->spends[i].initiative == initiative))
			s += e->spends[i].ore;
	return s;
}

/* "1. januar 2026, 1. januar 2027" of the sets, into out. */
static void set_dates(const struct econ *e, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < e->nsets && k + 1 < n; i++) {
		char da[40];
		date_format_da(e->sets[i].date, da, sizeof da);
		int w = snprintf(out + k, n - k, "%s%s", i ? ", " : "", da);
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
}

int econ_frame(const struct econ *e, int year, struct econ_frame *f, char *why, size_t n)
{
	memset(f, 0, sizeof *f);
	f->year = year;
	f->rate_ore = econ_rate_for(e, year, &f->rate_index);
	f->allocated_ore = econ_allocated(e, year, -1);
	f->spent_ore = econ_spent(e, year, -1);
	f->set_index = econ_popset_for(e, year);
	f->population_date = DATE_NONE;
	if (f->set_index < 0) {
		char dates[512];
		set_dates(e, dates, sizeof dates);
		snprintf(
		    why, n,
		    "Der er ingen befolkningstal dateret 1. januar %d eller før, så rammen for %d "
		    "kan ikke beregnes. Der findes befolkningstal pr. %s. Indlæs befolkningstal "
		    "pr. 1. januar %d eller før (på siden Økonomi under »Indlæs befolkningstal«).",
		    year, year, *dates ? dates : "ingen datoer", year);
		f->remaining_ore = -f->allocated_ore;
		return -1;
	}
	const struct econ_popset *s = &e->sets[f->set_index];
	f->citizens = s->total;
	f->population_date = s->date;
	f->frame_ore = econ_frame_ore(f->rate_ore, f->citizens);
	if (f->frame_ore < 0) {
		snprintf(why, n, "Rammen for %d er for stor til at blive regnet ud. Tjek satsen.",
		         year);
		return -1;
	}
	f->remaining_ore = f->frame_ore - f->allocated_ore;
	return 0;
}

int econ_can_allocate(const struct econ *e, int32_t initiative, int year, int64_t ore, char *msg,
                      size_t n, int64_t *over)
{
	if (over)
		*over = 0;
	assert(initiative >= 0 && (size_t)initiative < e->ninits);
	const struct econ_initiative *in = &e->inits[initiative];
	if (ore <= 0 || ore > ECON_ORE_MAX) {
		snprintf(msg, n, "Beløbet skal være større end 0 kr.");
		return FK_EINPUT;
	}
	if (!in->special) {
		snprintf(
		    msg, n,
		    "»%s« er ikke en særlig indsats. Kun særlige indsatser, der finansieres af "
		    "buffetprisen, kan få bevillinger af rammen. Opret initiativet som særlig "
		    "indsats, hvis styregruppen har besluttet det.",
		    in->name);
		return FK_EINPUT;
	}
	struct econ_frame f;
	if (econ_frame(e, year, &f, msg, n) != 0)
		return FK_EINPUT;
	/* allocated + ore > frame, without overflow: both are <= ECON_ORE_MAX-ish. */
	if (ore > f.frame_ore - f.allocated_ore) {
		int64_t o = f.allocated_ore + ore - f.frame_ore;
		char ok[48], fr[48], al[48], rest[48];
		econ_format_kr(o, true, ok, sizeof ok);
		econ_format_kr(f.frame_ore, true, fr, sizeof fr);
		econ_format_kr(f.allocated_ore, true, al, sizeof al);
		econ_format_kr(f.remaining_ore > 0 ? f.remaining_ore : 0, true, rest, sizeof rest);
		snprintf(
		    msg, n,
		    "Bevillingen overstiger rammen for %d med %s; rammen er %s, og der "
		    "er allerede bevilget %s, så der er %s tilbage. Nedsæt beløbet, eller bevilg "
		    "resten et andet år.",
		    year, ok, fr, al, rest);
		if (over)
			*over = o;
		return FK_EINPUT;
	}
	return FK_OK;
}

int econ_can_spend(const struct econ *e, int32_t initiative, int year, int64_t ore, char *msg,
                   size_t n, int64_t *over)
{
	if (over)
		*over = 0;
	assert(initiative >= 0 && (size_t)initiative < e->ninits);
	const struct econ_initiative *in = &e->inits[initiative];
	if (ore <= 0 || ore > ECON_ORE_MAX) {
		snprintf(msg, n, "Beløbet skal være større end 0 kr.");
		return FK_EINPUT;
	}
	int64_t alloc = econ_allocated(e, year, initiative),
	        spent = econ_spent(e, year, initiative);
	if (alloc == 0) {
		snprintf(msg, n,
		         "»%s« har ingen bevilling for %d, så der kan ikke registreres forbrug. "
		         "Registrér bevillingen først, eller vælg det år, bevillingen gælder.",
		         in->name, year);
		if (over)
			*over = ore;
		return FK_EINPUT;
	}
	if (ore > alloc - spent) {
		int64_t o = spent + ore - alloc;
		char ok[48], al[48], sp[48];
		econ_format_kr(o, true, ok, sizeof ok);
		econ_format_kr(alloc, true, al, sizeof al);
		econ_format_kr(spent, true, sp, sizeof sp);
		snprintf(
		    msg, n,
		    "Forbruget overstiger bevillingen til »%s« for %d med %s; der er "
		    "bevilget %s og forbrugt %s. Ret beløbet, eller få en større bevilling først.",
		    in->name, year, ok, al, sp);
		if (over)
			*over = o;
		return FK_EINPUT;
	}
	return FK_OK;
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

void econ_check(const struct econ *e, fk_date d, struct findings *out)
{
	if (!e->nallocs)
		return;
	int from = date_year(d);
	int *years = xmalloc(e->nallocs * sizeof *years);
	size_t ny = 0;
	for (size_t i = 0; i < e->nallocs; i++)
		if (e->allocs[i].year >= from)
			years[ny++] = e->allocs[i].year;
	qsort(years, ny, sizeof *years, cmp_int);
	for (size_t i = 0; i < ny; i++) {
		if (i > 0 && years[i] == years[i - 1])
			continue;
		struct econ_frame f;
		char why[1024];
		if (econ_frame(e, years[i], &f, why, sizeof why) != 0)
			continue; /* no frame: nothing to compare with */
		if (f.allocated_ore <= f.frame_ore)
			continue;
		char fr[48], al[48], ov[48], rate[48], cit[48], pd[40];
		econ_format_kr(f.frame_ore, true, fr, sizeof fr);
		econ_format_kr(f.allocated_ore, true, al, sizeof al);
		econ_format_kr(f.allocated_ore - f.frame_ore, true, ov, sizeof ov);
		econ_format_kr(f.rate_ore, true, rate, sizeof rate);
		econ_format_int(f.citizens, cit, sizeof cit);
		date_format_da(f.population_date, pd, sizeof pd);
		findings_add_other(
		    out, RULE_FRAME_EXCEEDED, "economy", "Økonomi",
		    "Bevillingerne for %d er %s, men rammen er kun %s (%s pr. indbygger × %s "
		    "indbyggere pr. %s). De overstiger rammen med %s; nedsæt eller flyt "
		    "bevillinger, eller få styregruppen til at beslutte en højere sats.",
		    f.year, al, fr, rate, cit, pd, ov);
	}
	free(years);
}

/* ================================================================== the portfolio */

/* Whether report a comes after report b (date, then id). */
static bool report_after(const struct econ_report *a, const struct econ_report *b)
{
	return a->date != b->date ? a->date > b->date : a->id > b->id;
}

void econ_latest_reports(const struct econ *e, int32_t initiative, int *latest, int *previous)
{
	int l = -1, p = -1;
	for (size_t i = 0; i < e->nreports; i++) {
		const struct econ_report *r = &e->reports[i];
		if (r->initiative != initiative)
			continue;
		if (l < 0 || report_after(r, &e->reports[l])) {
			p = l;
			l = (int)i;
		} else if (p < 0 || report_after(r, &e->reports[p])) {
			p = (int)i;
		}
	}
	*latest = l;
	*previous = p;
}

int econ_next_milestone(const struct econ *e, int32_t initiative)
{
	int best = -1;
	for (size_t i = 0; i < e->nmiles; i++) {
		const struct econ_milestone *m = &e->miles[i];
		if (m->initiative != initiative || m->done != DATE_NONE)
			continue;
		if (best < 0 || m->due < e->miles[best].due ||
		    (m->due == e->miles[best].due && m->id < e->miles[best].id))
			best = (int)i;
	}
	return best;
}

/* ================================================================== validation */

/* Characters (code points) of UTF-8 s; -1 when s is not well-formed UTF-8. */
static long utf8_len(const char *s)
{
	long n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int k;
		if (*p < 0x80)
			k = 0;
		else if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
			k = 1;
		else if ((*p & 0xF0) == 0xE0)
			k = 2;
		else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
			k = 3;
		else
			return -1;
		p++;
		for (int i = 0; i < k; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return -1;
		n++;
	}
	return n;
}

/* The text rule (util/text.h) for what the checks above let through (bidirectional
 * controls, C1 control characters): its reason on field. */
static void text_rule(const char *s, bool multiline, const char *field, struct diags *d)
{
	char why[300];
	if (text_check(s, strlen(s), multiline, why, sizeof why) != 0)
		diags_add(d, NULL, 0, 0, field, "%s", why);
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return true;
	}
	return false;
}

int econ_check_text(const char *s, bool required, size_t max, const char *field, const char *what,
                    struct diags *d)
{
	size_t before = d->n;
	const char *t = s ? s : "";
	while (*t == ' ')
		t++;
	if (!*t) {
		if (required)
			diags_add(d, NULL, 0, 0, field, "Skriv %s.", what);
	} else if (utf8_len(s) < 0) {
		diags_add(d, NULL, 0, 0, field,
		          "Teksten indeholder tegn, der ikke kan læses. Skriv %s igen.", what);
	} else if (strlen(s) > max) {
		diags_add(d, NULL, 0, 0, field, "Teksten er for lang: højst %zu tegn. Forkort %s.",
		          max, what);
	} else if (has_control(s, true)) {
		diags_add(d, NULL, 0, 0, field,
		          "Teksten må ikke indeholde styretegn. Skriv %s igen.", what);
	} else {
		text_rule(s, true, field, d);
	}
	return d->n == before ? FK_OK : FK_EINPUT;
}

/* A one-line name: 1-max characters, no control characters. */
static void check_name(const char *s, long max, const char *field, const char *what,
                       const char *example, struct diags *d)
{
	const char *t = s ? s : "";
	while (*t == ' ')
		t++;
	long n;
	if (!*t)
		diags_add(d, NULL, 0, 0, field, "Skriv %s, fx %s.", what, example);
	else if ((n = utf8_len(s)) < 0)
		diags_add(d, NULL, 0, 0, field,
		          "Teksten indeholder tegn, der ikke kan læses. Skriv %s igen.", what);
	else if (n > max)
		diags_add(d, NULL, 0, 0, field, "Teksten er for lang: højst %ld tegn.", max);
	else if (has_control(s, false))
		diags_add(d, NULL, 0, 0, field,
		          "Teksten må ikke indeholde linjeskift eller tabulatorer.");
	else
		text_rule(s, false, field, d);
}

int econ_check_initiative(const struct model *m, const char *key, const char *name,
                          const char *body, const char *description, struct diags *d)
{
	size_t before = d->n;
	const char *k = key ? key : "";
	bool ok = *k && strlen(k) <= 64;
	for (const char *p = k; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		     (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
	if (!*k)
		diags_add(d, NULL, 0, 0, "id", "Skriv initiativets id, fx fki-2027-01.");
	else if (!ok)
		diags_add(
		    d, NULL, 0, 0, "id",
		    "Id'et må kun indeholde bogstaverne a-z og A-Z (uden æ, ø og å), tal, - og _ "
		    "og højst være 64 tegn, fx fki-2027-01.");
	check_name(name, 200, "name", "initiativets navn", "Fælles login til borgerservice", d);
	if (!body || !*body)
		diags_add(
		    d, NULL, 0, 0, "body",
		    "Vælg den gruppe, der ejer initiativet, fx styregruppe eller rg-forretning.");
	else if (model_body_index(m, body) < 0)
		diags_add(d, NULL, 0, 0, "body",
		          "Gruppen »%.64s« findes ikke i modellen. Vælg en af modellens grupper, "
		          "fx styregruppe eller rg-forretning.",
		          body);
	econ_check_text(description, false, 4000, "description", "beskrivelsen", d);
	return d->n == before ? FK_OK : FK_EINPUT;
}

int econ_check_report(const char *status, const char *reason, fk_date date, fk_date today, int *st,
                      struct diags *d)
{
	size_t before = d->n;
	int s = econ_status_parse(status);
	*st = s;
	if (!status || !*status)
		diags_add(d, NULL, 0, 0, "status", "Vælg en status: grøn, gul eller rød.");
	else if (s < 0)
		diags_add(d, NULL, 0, 0, "status",
		          "»%.20s« er ikke en status. Vælg grøn (efter planen), gul (udfordringer) "
		          "eller rød (kræver handling).",
		          status);
	const char *t = reason ? reason : "";
	while (*t == ' ')
		t++;
	if ((s == ST_YELLOW || s == ST_RED) && !*t)
		diags_add(
		    d, NULL, 0, 0, "reason",
		    "Skriv en begrundelse: en %s status skal forklares, så styregruppen kan se, "
		    "hvad der er galt, og hvad der gøres.",
		    s == ST_RED ? "rød" : "gul");
	else
		econ_check_text(reason, false, 2000, "reason", "begrundelsen", d);
	if (date != DATE_NONE && date > today) {
		char da[40];
		date_format_da(today, da, sizeof da);
		diags_add(
		    d, NULL, 0, 0, "date",
		    "En statusrapport kan ikke dateres efter i dag (%s). Skriv dagens dato eller "
		    "en tidligere.",
		    da);
	}
	return d->n == before ? FK_OK : FK_EINPUT;
}

int econ_check_milestone(const char *title, fk_date due, fk_date done, fk_date today,
                         struct diags *d)
{
	size_t before = d->n;
	check_name(title, 200, "title", "milepælens titel", "Pilotkommuner i drift", d);
	if (due == DATE_NONE)
		diags_add(d, NULL, 0, 0, "due",
		          "Skriv milepælens frist som ÅÅÅÅ-MM-DD, fx 2027-06-30.");
	if (done != DATE_NONE && done > today) {
		char da[40];
		date_format_da(today, da, sizeof da);
		diags_add(
		    d, NULL, 0, 0, "done",
		    "En milepæl kan ikke være nået efter i dag (%s). Skriv den dag, den blev nået, "
		    "eller lad feltet stå tomt.",
		    da);
	}
	return d->n == before ? FK_OK : FK_EINPUT;
}

/* ================================================================== population files */

static bool header_is(const struct csv_field *f, const char *name)
{
	const char *s = f->s;
	size_t len = f->len;
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len == strlen(name) && has_prefix_ci(s, len, name);
}

/* A whole number 0..max from a cell (spaces around allowed). -1 with *why set when not. */
static int64_t cell_int(const struct csv_field *f, int64_t max, const char **why)
{
	const char *s = f->s;
	size_t len = f->len;
	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	if (!len) {
		*why = "mangler";
		return -1;
	}
	if (*s == '-') {
		*why = "kan ikke være negativt";
		return -1;
	}
	int64_t v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "skal være et helt tal uden punktum, komma eller mellemrum";
			return -1;
		}
		v = v * 10 + (s[i] - '0');
		if (v > max) {
			*why = "er for stort";
			return -1;
		}
	}
	return v;
}

int econ_population_parse(const char *csv, size_t len, const char *file,
                          const struct munic_table *mt, int **codes_out, int64_t **cit_out,
                          size_t *n_out, struct diags *d)
{
	*codes_out = NULL;
	*cit_out = NULL;
	*n_out = 0;
	size_t before = d->n;
	struct csv_reader r;
	csv_open(&r, csv, len, file);
	int rc = csv_next(&r, d);
	if (rc <= 0) {
		if (rc == 0)
			diags_add(
			    d, file, 1, 1, NULL,
			    "Filen er tom. Den skal have en overskrift med kolonnerne kode og "
			    "indbyggere og én række pr. kommune.");
		csv_close(&r);
		return FK_EINPUT;
	}
	long ccode = -1, ccit = -1;
	for (size_t i = 0; i < r.nfields; i++) {
		if (ccode < 0 &&
		    (header_is(&r.fields[i], "kode") || header_is(&r.fields[i], "code")))
			ccode = (long)i;
		else if (ccit < 0 && (header_is(&r.fields[i], "indbyggere") ||
		                      header_is(&r.fields[i], "population")))
			ccit = (long)i;
	}
	if (ccode < 0 || ccit < 0) {
		diags_add(d, file, 1, 1, NULL,
		          "Kolonnen %s mangler i overskriften. Filen skal have kolonnerne kode og "
		          "indbyggere (eller code og population), fx »kode,navn,indbyggere«.",
		          ccode < 0 ? "kode" : "indbyggere");
		csv_close(&r);
		return FK_EINPUT;
	}
	/* seen[code]: the line it was on, 0 none. */
	long *seen = xcalloc(1000, sizeof *seen);
	int64_t *cit = xcalloc(1000, sizeof *cit);
	long need = (ccode > ccit ? ccode : ccit) + 1;
	while ((rc = csv_next(&r, d)) > 0) {
		if ((long)r.nfields < need) {
			diags_add(
			    d, file, r.record_line, 1, NULL,
			    "Rækken har kun %zu felt%s, men skal have mindst %ld (med kode og "
			    "indbyggere). Tjek skilletegnene i rækken.",
			    r.nfields, r.nfields == 1 ? "" : "er", need);
			continue;
		}
		const struct csv_field *fc = &r.fields[ccode], *fp = &r.fields[ccit];
		const char *why = NULL;
		/* The text rule (util/text.h) for the cells that are read. */
		char bad[300];
		if (text_check(fc->s, fc->len, false, bad, sizeof bad) != 0) {
			diags_add(d, file, fc->line, fc->col, "kode", "kode: %s", bad);
			continue;
		}
		if (text_check(fp->s, fp->len, false, bad, sizeof bad) != 0) {
			diags_add(d, file, fp->line, fp->col, "indbyggere", "indbyggere: %s", bad);
			continue;
		}
		int64_t code = cell_int(fc, 9999, &why);
		const struct munic *mu = NULL;
		if (code < 0) {
			diags_add(d, file, fc->line, fc->col, "kode", "Kommunekoden %s.", why);
		} else if (!(mu = munic_find(mt, (int)code))) {
			diags_add(
			    d, file, fc->line, fc->col, "kode",
			    "Kommunekoden »%.8s« findes ikke. Brug Danmarks Statistiks tre cifre, "
			    "fx 101 for København.",
			    fc->s);
		} else if (seen[code]) {
			diags_add(
			    d, file, fc->line, fc->col, "kode",
			    "%s (%03d) står også på linje %ld. Hver kommune må kun stå én gang.",
			    mu->name, (int)code, seen[code]);
			mu = NULL;
		}
		int64_t v = cell_int(fp, ECON_CITIZENS_MAX, &why);
		if (v < 0)
			diags_add(
			    d, file, fp->line, fp->col, "indbyggere",
			    "Indbyggertallet »%.20s« %s. Skriv antallet af indbyggere som et helt "
			    "tal, fx 53950.",
			    fp->s, why);
		if (mu) {
			seen[code] = fc->line;
			if (v >= 0)
				cit[code] = v;
		}
	}
	if (rc == 0) {
		size_t missing = 0;
		for (size_t i = 0; i < mt->n; i++)
			if (!seen[mt->v[i].code]) {
				if (++missing <= 5)
					diags_add(
					    d, file, 0, 0, "kode",
					    "%s (%03d) mangler i filen. Filen skal have alle %zu "
					    "kommuner.",
					    mt->v[i].name, mt->v[i].code, mt->n);
			}
		if (missing > 5)
			diags_add(d, file, 0, 0, "kode",
			          "I alt mangler %zu kommuner. Filen skal have alle %zu kommuner.",
			          missing, mt->n);
	}
	csv_close(&r);
	if (d->n != before) {
		free(seen);
		free(cit);
		return FK_EINPUT;
	}
	int *codes = xmalloc((mt->n + 1) * sizeof *codes);
	int64_t *out = xmalloc((mt->n + 1) * sizeof *out);
	size_t k = 0;
	for (int c = 0; c < 1000; c++)
		if (seen[c]) {
			codes[k] = c;
			out[k] = cit[c];
			k++;
		}
	free(seen);
	free(cit);
	*codes_out = codes;
	*cit_out = out;
	*n_out = k;
	return FK_OK;
}
