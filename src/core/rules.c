/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The membership rules of SPEC §4. Pure: model, municipalities and register in, findings
 * out. Every number comes from the model. */
#include "core/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

static const struct {
	const char *name;
	enum severity sev;
} rules[RULE__MAX] = {
    [RULE_TERM_LIMIT] = {"term-limit", SEV_ERROR},
    [RULE_TERM_EXPIRING] = {"term-expiring", SEV_WARNING},
    [RULE_COOLOFF] = {"cooloff", SEV_ERROR},
    [RULE_SENIORITY_QUOTA] = {"seniority-quota", SEV_WARNING},
    [RULE_VACANCY] = {"vacancy", SEV_WARNING},
    [RULE_OVER_CAPACITY] = {"over-capacity", SEV_ERROR},
    [RULE_SEAT_ORIGIN] = {"seat-origin", SEV_ERROR},
    [RULE_PROFILE_COVERAGE] = {"profile-coverage", SEV_WARNING},
    [RULE_PROFILE_MISMATCH] = {"profile-mismatch", SEV_WARNING},
    [RULE_SAME_MUNICIPALITY] = {"same-municipality", SEV_WARNING},
    [RULE_REGION_SPREAD] = {"region-spread", SEV_WARNING},
    [RULE_WG_UNAPPROVED] = {"wg-unapproved", SEV_ERROR},
    [RULE_WG_NO_REFERENCE_GROUP] = {"wg-no-reference-group", SEV_ERROR},
    [RULE_WG_OVERDUE] = {"wg-overdue", SEV_WARNING},
    [RULE_FRAME_EXCEEDED] = {"frame-exceeded", SEV_ERROR},
    /* meetings */
    [RULE_PROPOSAL_LATE] = {"proposal-late", SEV_WARNING},
    [RULE_STATUS_MISSING] = {"status-missing", SEV_WARNING},
    [RULE_MATERIAL_MISSING] = {"material-missing", SEV_WARNING},
    [RULE_DISPATCH_LATE] = {"dispatch-late", SEV_ERROR},
    [RULE_AGENDA_OVERTIME] = {"agenda-overtime", SEV_ERROR},
    [RULE_INSPIRATION_MISSING] = {"inspiration-missing", SEV_WARNING},
    [RULE_MEETINGS_PER_YEAR] = {"meetings-per-year", SEV_WARNING},
};

/* Short Danish names of the rules, for pages and reports. */
static const char *const titles[RULE__MAX] = {
    [RULE_TERM_LIMIT] = "Valgperioden er overskredet",
    [RULE_TERM_EXPIRING] = "Valgperioden udløber snart",
    [RULE_COOLOFF] = "Karensperioden er ikke holdt",
    [RULE_SENIORITY_QUOTA] = "For få medlemmer med anciennitet",
    [RULE_VACANCY] = "Ledige pladser",
    [RULE_OVER_CAPACITY] = "Flere medlemmer end pladser",
    [RULE_SEAT_ORIGIN] = "Medlemmet passer ikke til pladsen",
    [RULE_PROFILE_COVERAGE] = "En af gruppens profiler mangler",
    [RULE_PROFILE_MISMATCH] = "Profilen hører ikke til gruppen",
    [RULE_SAME_MUNICIPALITY] = "To medlemmer fra samme kommune",
    [RULE_REGION_SPREAD] = "For få regioner repræsenteret",
    [RULE_WG_UNAPPROVED] = "Arbejdsgruppen er ikke godkendt",
    [RULE_WG_NO_REFERENCE_GROUP] = "Arbejdsgruppen mangler en referencegruppe",
    [RULE_WG_OVERDUE] = "Arbejdsgruppen er ikke nedlagt efter slutdatoen",
    [RULE_FRAME_EXCEEDED] = "Bevillingerne overstiger rammen",
    /* meetings */
    [RULE_PROPOSAL_LATE] = "Et forslag er optaget efter fristen uden begrundelse",
    [RULE_STATUS_MISSING] = "En referencegruppes status mangler",
    [RULE_MATERIAL_MISSING] = "Et punkt mangler skriftligt materiale",
    [RULE_DISPATCH_LATE] = "Dagsordenen er ikke udsendt til tiden",
    [RULE_AGENDA_OVERTIME] = "Dagsordenen er længere end mødet",
    [RULE_INSPIRATION_MISSING] = "Ingen kommune til inspirationsoplægget",
    [RULE_MEETINGS_PER_YEAR] = "For få møder planlagt i året",
};

const char *rule_name(enum rule_id r) { return rules[r].name; }
const char *rule_title(enum rule_id r) { return titles[r]; }
enum severity rule_severity(enum rule_id r) { return rules[r].sev; }
const char *severity_name(enum severity s) { return s == SEV_ERROR ? "error" : "warning"; }

void findings_init(struct findings *f) { memset(f, 0, sizeof *f); }

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].body_id);
		free(f->v[i].body_name);
	}
	free(f->v);
	findings_init(f);
}

size_t findings_errors(const struct findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == SEV_ERROR;
	return n;
}

fk_date rules_last_allowed(fk_date start, int years) { return date_add_years(start, years) - 1; }

int rules_quota(int n, int num, int den)
{
	if (den <= 0 || n <= 0)
		return 0;
	return (int)(((long long)n * num + den - 1) / den);
}

size_t rules_stints(const struct reg_appt *const *a, size_t n, int cooloff_years, size_t *stint_of)
{
	size_t s = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			fk_date prev_end = a[i - 1]->end;
			int same;
			if (prev_end == DATE_OPEN)
				same = 1; /* overlapping: bad data, but one stint */
			else if (cooloff_years > 0)
				same = a[i]->start < date_add_years(prev_end + 1, cooloff_years);
			else
				same = a[i]->start <= prev_end + 1;
			if (!same)
				s++;
		}
		stint_of[i] = s;
	}
	return n ? s + 1 : 0;
}

/* ------------------------------------------------------------------ emitting */
struct ctx {
	const struct model *m;
	const struct munic_table *mt;
	const struct reg *r;
	fk_date d;
	struct findings *out;
};

static void emit(struct ctx *c, enum rule_id rule, int body, int person, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void emit(struct ctx *c, enum rule_id rule, int body, int person, const char *fmt, ...)
{
	struct findings *f = c->out;
	if (person >= 0)
		for (size_t i = f->n; i-- > 0 && f->v[i].body == body;)
			if (f->v[i].rule == rule && f->v[i].person == person)
				return; /* one finding per rule, body and person */
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	f->v = xgrow(f->v, sizeof *f->v, f->n + 1, &f->cap);
	f->v[f->n++] = (struct finding){rule, rules[rule].sev, body, person, xstrdup(msg), NULL, NULL};
}

void findings_add_other(struct findings *f, enum rule_id rule, const char *body_id,
                        const char *body_name, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	f->v = xgrow(f->v, sizeof *f->v, f->n + 1, &f->cap);
	f->v[f->n++] = (struct finding){rule,          rules[rule].sev,     -1,
	                                -1,            xstrdup(msg),        xstrdup(body_id),
	                                xstrdup(body_name)};
}

const char *finding_body_id(const struct model *m, const struct finding *x)
{
	return x->body >= 0 ? m->bodies[x->body].id : x->body_id;
}

const char *finding_body_name(const struct model *m, const struct finding *x)
{
	return x->body >= 0 ? m->bodies[x->body].name : x->body_name;
}

static const char *da(fk_date t, char *b, size_t n)
{
	date_format_da(t, b, n);
	return b;
}

/* "kommunale pladser", "KL-pladser"; singular: "en kommunal plads", "en KL-plads". */
static const char *seats_da(int seat)
{
	static const char *names[SEAT__MAX] = {"kommunale pladser", "KL-pladser", "UDK-pladser",
	                                       "KOMBIT-pladser"};
	return names[seat];
}

static const char *seat_da(int seat)
{
	static const char *names[SEAT__MAX] = {"en kommunal plads", "en KL-plads", "en UDK-plads",
	                                       "en KOMBIT-plads"};
	return names[seat];
}

/* ------------------------------------------------------------------ per person */
/* Term limit, term expiry and cooling-off for one person's appointments in one body
 * (a[0..n), sorted by start). Municipal seats only. */
static void check_terms(struct ctx *c, int body, int person, const struct reg_appt **a, size_t n,
                        size_t *stint_of, const struct reg_appt **mun)
{
	const struct model_body *b = &c->m->bodies[body];
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (a[i]->seat == SEAT_KOMMUNE)
			mun[k++] = a[i];
	if (!k)
		return;
	char d1[40], d2[40], d3[40];

	/* Cooling-off: a return after a gap of a day or more, but before the pause has run. */
	if (b->cooloff_years > 0)
		for (size_t i = 1; i < k; i++) {
			const struct reg_appt *p = mun[i - 1], *q = mun[i];
			if (p->end == DATE_OPEN || q->start <= p->end + 1 || q->end < c->d)
				continue;
			fk_date earliest = date_add_years(p->end + 1, b->cooloff_years);
			if (q->start < earliest)
				emit(c, RULE_COOLOFF, body, person,
				     "Personen forlod %s %s og er udpeget igen fra %s, før pausen på %d år "
				     "er gået. Medlemmet kan tidligst genudpeges %s.",
				     b->name, da(p->end, d1, sizeof d1), da(q->start, d2, sizeof d2),
				     b->cooloff_years, da(earliest, d3, sizeof d3));
		}

	if (b->term_years <= 0)
		return;
	size_t ns = rules_stints(mun, k, b->cooloff_years, stint_of);
	size_t i = 0;
	for (size_t s = 0; s < ns; s++) {
		size_t j = i;
		while (j < k && stint_of[j] == s)
			j++;
		/* stint = mun[i..j) */
		fk_date start = mun[i]->start, stint_end = mun[j - 1]->end;
		fk_date last = rules_last_allowed(start, b->term_years);
		fk_date back = date_add_years(last + 1, b->cooloff_years);
		if (stint_end >= c->d) {
			/* Leaving on the recorded end, or today when there is none. */
			fk_date leave = stint_end != DATE_OPEN ? stint_end : (c->d > last ? c->d : last);
			fk_date back_over = date_add_years(leave + 1, b->cooloff_years);
			int over = stint_end == DATE_OPEN && c->d > last;
			for (size_t x = i; x < j && !over; x++)
				over = (mun[x]->end != DATE_OPEN && mun[x]->end > last) || mun[x]->start > last;
			if (over)
				emit(c, RULE_TERM_LIMIT, body, person,
				     "Medlemmet har siddet i %s siden %s og måtte højst sidde til og med %s "
				     "(%d år ad gangen). Afslut udpegningen%s; medlemmet kan derefter tidligst "
				     "genudpeges %s.",
				     b->name, da(start, d1, sizeof d1), da(last, d2, sizeof d2),
				     b->term_years, stint_end == DATE_OPEN ? " nu" : " senest på den dag",
				     da(stint_end == DATE_OPEN ? back_over : back, d3, sizeof d3));
			int serving = 0;
			for (size_t x = i; x < j; x++)
				serving |= mun[x]->start <= c->d && c->d <= mun[x]->end;
			if (serving && c->d <= last && last < c->d + b->term_warning_days &&
			    !(stint_end < last))
				emit(c, RULE_TERM_EXPIRING, body, person,
				     "Medlemmets periode i %s udløber %s (højst %d år ad gangen). Find en "
				     "afløser i god tid; medlemmet kan tidligst genudpeges %s.",
				     b->name, da(last, d1, sizeof d1), b->term_years, da(back, d2, sizeof d2));
		}
		i = j;
	}
}

/* Seat origin and profile of every appointment that has not ended before the date. */
static void check_appt(struct ctx *c, int body, int person, const struct reg_appt *a)
{
	const struct model_body *b = &c->m->bodies[body];
	if (a->end < c->d)
		return;
	if (a->org != a->seat)
		emit(c, RULE_SEAT_ORIGIN, body, person,
		     "Medlemmet er udpeget af %s, men sidder på %s i %s. Ret pladsen, eller "
		     "lad %s udpege medlemmet.",
		     a->org == SEAT_KOMMUNE ? "en kommune" : seat_name(a->org), seat_da(a->seat),
		     b->name, a->seat == SEAT_KOMMUNE ? "en kommune" : seat_name(a->seat));
	if (a->seat == SEAT_KOMMUNE && b->nprofiles > 0 && a->profile >= 0 &&
	    !model_body_has_profile(b, a->profile)) {
		struct buf l;
		buf_init(&l);
		for (size_t i = 0; i < b->nprofiles; i++)
			buf_printf(&l, "%s»%s«", i ? (i + 1 == b->nprofiles ? " eller " : ", ") : "",
			           c->m->profiles[b->profiles[i]].name);
		emit(c, RULE_PROFILE_MISMATCH, body, person,
		     "Profilen »%s« hører ikke til %s, som bemandes med %s. Ret profilen, eller "
		     "find et medlem med en af gruppens profiler.",
		     c->m->profiles[a->profile].name, b->name, l.s);
		buf_free(&l);
	}
}

/* ------------------------------------------------------------------ per body */
struct current {
	const struct reg_appt *a;
	fk_date stint_start; /* start of the stint (all seats) holding a */
};

static int cmp_current(const void *x, const void *y)
{
	const struct current *p = x, *q = y;
	if (p->stint_start != q->stint_start)
		return p->stint_start < q->stint_start ? -1 : 1;
	return p->a->person < q->a->person ? -1 : p->a->person > q->a->person;
}

static void check_composition(struct ctx *c, int body, struct current *cur, size_t n)
{
	const struct model_body *b = &c->m->bodies[body];
	int count[SEAT__MAX] = {0}, any_seats = 0;
	for (int s = 0; s < SEAT__MAX; s++)
		any_seats |= b->seats[s] > 0;
	if (!any_seats)
		return; /* a body without a register of seats (e.g. KOMBITs bestyrelse) */
	for (size_t i = 0; i < n; i++)
		count[cur[i].a->seat]++;
	for (int s = 0; s < SEAT__MAX; s++) {
		if (count[s] < b->seats[s])
			emit(c, RULE_VACANCY, body, -1,
			     "%s har %d af %d %s besat. Udpeg %d %s.", b->name, count[s],
			     b->seats[s], seats_da(s), b->seats[s] - count[s],
			     b->seats[s] - count[s] == 1 ? "medlem" : "medlemmer");
		else if (count[s] > b->seats[s])
			emit(c, RULE_OVER_CAPACITY, body, -1,
			     "%s har %d medlemmer på %s, men modellen giver %d. Afslut %d "
			     "udpegning%s.",
			     b->name, count[s], seats_da(s), b->seats[s], count[s] - b->seats[s],
			     count[s] - b->seats[s] == 1 ? "" : "er");
	}
	if (n == 0)
		return;

	/* Seniority: at least quota of the members with the model's seniority. */
	if (b->quota_den > 0) {
		int need = rules_quota((int)n, b->quota_num, b->quota_den), senior = 0;
		fk_date cutoff = date_add_years(c->d, -b->seniority_years);
		for (size_t i = 0; i < n; i++)
			senior += cur[i].stint_start <= cutoff;
		if (senior < need)
			emit(c, RULE_SENIORITY_QUOTA, body, -1,
			     "Kun %d af %d medlemmer i %s har mindst %d års anciennitet; modellen "
			     "tilstræber mindst %d (%d/%d). Forskyd udskiftningen, så erfarne medlemmer "
			     "bliver, til nye er kommet ind.",
			     senior, (int)n, b->name, b->seniority_years, need, b->quota_num, b->quota_den);
	}
	if (count[SEAT_KOMMUNE] == 0)
		return;

	/* Profiles: every profile of the body held by at least one municipal member. */
	for (size_t p = 0; p < b->nprofiles; p++) {
		int held = 0;
		for (size_t i = 0; i < n && !held; i++)
			held = cur[i].a->seat == SEAT_KOMMUNE && cur[i].a->profile == b->profiles[p];
		if (!held)
			emit(c, RULE_PROFILE_COVERAGE, body, -1,
			     "Ingen af de kommunale medlemmer af %s har profilen »%s«. Søg profilen ved "
			     "næste rekruttering.",
			     b->name, c->m->profiles[b->profiles[p]].name);
	}

	/* Same municipality: the later-appointed member of a pair is reported. cur is sorted
	 * by stint start, then person. */
	for (size_t i = 0; i < n; i++) {
		const struct reg_appt *a = cur[i].a;
		if (a->seat != SEAT_KOMMUNE || !a->munic)
			continue;
		for (size_t j = 0; j < i; j++) {
			const struct reg_appt *e = cur[j].a;
			if (e->seat != SEAT_KOMMUNE || e->munic != a->munic)
				continue;
			const struct munic *mu = munic_find(c->mt, a->munic);
			emit(c, RULE_SAME_MUNICIPALITY, body, a->person,
			     "Medlemmet kommer fra %s Kommune ligesom %s (%s). Grupperne skal spejle "
			     "kommunerne bredt; vælg en afløser fra en anden kommune ved næste "
			     "udskiftning.",
			     mu ? mu->name : "samme", c->r->persons[e->person].name,
			     c->r->persons[e->person].key);
			break;
		}
	}

	/* Regions. */
	if (b->region_target > 0 && c->mt->nregions > 0) {
		int seen[64] = {0}, nseen = 0;
		for (size_t i = 0; i < n; i++) {
			const struct munic *mu;
			if (cur[i].a->seat != SEAT_KOMMUNE || !(mu = munic_find(c->mt, cur[i].a->munic)))
				continue;
			if (mu->region >= 0 && mu->region < 64 && !seen[mu->region]++)
				nseen++;
		}
		if (nseen < b->region_target) {
			struct buf l;
			buf_init(&l);
			int listed = 0, missing = 0;
			for (size_t g = 0; g < c->mt->nregions && g < 64; g++)
				missing += !seen[g];
			for (size_t g = 0; g < c->mt->nregions && g < 64; g++)
				if (!seen[g]) {
					listed++;
					buf_printf(&l, "%s%s", listed == 1 ? "" : listed == missing ? " eller " : ", ",
					           c->mt->regions[g]);
				}
			emit(c, RULE_REGION_SPREAD, body, -1,
			     "De kommunale medlemmer af %s kommer fra %d %s; modellen tilstræber %d. "
			     "Rekruttér fra %s ved næste udskiftning.",
			     b->name, nseen, nseen == 1 ? "region" : "regioner", b->region_target, l.s);
			buf_free(&l);
		}
	}
}

/* ------------------------------------------------------------------ driver */
struct sortable {
	struct finding f;
	size_t seq;
	const char *key;
};

static int cmp_finding(const void *x, const void *y)
{
	const struct sortable *p = x, *q = y;
	if ((p->f.body < 0) != (q->f.body < 0))
		return p->f.body < 0 ? 1 : -1;
	if (p->f.body < 0) {
		int k = strcmp(p->f.body_id, q->f.body_id);
		if (k)
			return k;
	} else if (p->f.body != q->f.body) {
		return p->f.body < q->f.body ? -1 : 1;
	}
	if (p->f.rule != q->f.rule)
		return p->f.rule < q->f.rule ? -1 : 1;
	if (!p->key != !q->key)
		return p->key ? 1 : -1;
	int k = p->key ? strcmp(p->key, q->key) : 0;
	if (k)
		return k;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

void rules_check(const struct model *m, const struct munic_table *mt, const struct reg *r,
                 fk_date d, struct findings *out)
{
	struct ctx c = {m, mt, r, d, out};
	size_t first = out->n;
	size_t cap = 16;
	const struct reg_appt **pa = xmalloc(cap * sizeof *pa);
	const struct reg_appt **mun = xmalloc(cap * sizeof *mun);
	size_t *stint_of = xmalloc(cap * sizeof *stint_of);
	size_t ccap = 16, ncur;
	struct current *cur = xmalloc(ccap * sizeof *cur);

	size_t i = 0;
	for (size_t body = 0; body < m->nbodies; body++) {
		const struct model_body *b = &m->bodies[body];
		ncur = 0;
		while (i < r->nappts && (size_t)r->appts[i].body < body)
			i++;
		while (i < r->nappts && (size_t)r->appts[i].body == body) {
			/* one person's appointments in this body: r->appts[i..j) */
			size_t j = i;
			while (j < r->nappts && (size_t)r->appts[j].body == body &&
			       r->appts[j].person == r->appts[i].person)
				j++;
			size_t n = j - i;
			if (n > cap) {
				cap = n;
				pa = xrealloc(pa, cap * sizeof *pa);
				mun = xrealloc(mun, cap * sizeof *mun);
				stint_of = xrealloc(stint_of, cap * sizeof *stint_of);
			}
			for (size_t x = 0; x < n; x++)
				pa[x] = &r->appts[i + x];
			int person = r->appts[i].person;
			/* Current members with the start of their stint (all seats). */
			rules_stints(pa, n, b->cooloff_years, stint_of);
			for (size_t x = 0; x < n; x++) {
				if (pa[x]->start > d || pa[x]->end < d)
					continue;
				size_t y = x;
				while (y > 0 && stint_of[y - 1] == stint_of[x])
					y--;
				cur = xgrow(cur, sizeof *cur, ncur + 1, &ccap);
				cur[ncur++] = (struct current){pa[x], pa[y]->start};
			}
			check_terms(&c, (int)body, person, pa, n, stint_of, mun);
			for (size_t x = 0; x < n; x++)
				check_appt(&c, (int)body, person, pa[x]);
			i = j;
		}
		if (ncur > 1)
			qsort(cur, ncur, sizeof *cur, cmp_current);
		check_composition(&c, (int)body, cur, ncur);
	}
	free(pa);
	free(mun);
	free(stint_of);
	free(cur);

	findings_sort(out, r, first);
}

void findings_sort(struct findings *f, const struct reg *r, size_t first)
{
	size_t n = f->n - first;
	if (n < 2)
		return;
	struct sortable *s = xmalloc(n * sizeof *s);
	for (size_t k = 0; k < n; k++) {
		s[k].f = f->v[first + k];
		s[k].seq = k;
		s[k].key = s[k].f.person >= 0 ? r->persons[s[k].f.person].key : NULL;
	}
	qsort(s, n, sizeof *s, cmp_finding);
	for (size_t k = 0; k < n; k++)
		f->v[first + k] = s[k].f;
	free(s);
}
