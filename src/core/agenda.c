/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's meetings: states, agenda assembly and the meeting rules. */
#include "core/agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- states */

static const char *const state_names[MEETING__MAX] = {"planned", "dispatched", "held",
                                                      "minutes-approved", "published"};
static const char *const state_da[MEETING__MAX] = {"planlagt", "udsendt", "afholdt",
                                                   "referat godkendt", "offentliggjort"};

const char *meeting_state_name(int s)
{
	return s >= 0 && s < MEETING__MAX ? state_names[s] : "?";
}

const char *meeting_state_da(int s) { return s >= 0 && s < MEETING__MAX ? state_da[s] : "?"; }

int meeting_state_parse(const char *s)
{
	for (int i = 0; s && i < MEETING__MAX; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

int meeting_transition(int state, enum meeting_action a, fk_date date, fk_date day, int *next,
                       char *msg, size_t n)
{
	char ds[40];
	date_format_da(date, ds, sizeof ds);
	*next = state;
	switch (a) {
	case MACT_EDIT:
		if (state == MEETING_PLANNED)
			return FK_OK;
		if (state == MEETING_DISPATCHED)
			snprintf(msg, n, "Dagsordenen er udsendt og kan ikke ændres direkte. Registrér "
			                 "ændringen som en rettelse med en begrundelse.");
		else
			snprintf(msg, n, "Mødet er afholdt, og dagsordenen kan ikke ændres længere.");
		return FK_EINPUT;
	case MACT_DISPATCH:
		if (state != MEETING_PLANNED) {
			snprintf(msg, n, "Dagsordenen er allerede udsendt.");
			return FK_EINPUT;
		}
		if (day > date) {
			snprintf(msg, n,
			         "Mødet var %s. En dagsorden kan ikke udsendes efter mødet. Registrér i "
			         "stedet mødet som afholdt, så kan referatet skrives.",
			         ds);
			return FK_EINPUT;
		}
		*next = MEETING_DISPATCHED;
		return FK_OK;
	case MACT_AMEND:
		if (state == MEETING_DISPATCHED)
			return FK_OK;
		if (state == MEETING_PLANNED)
			snprintf(msg, n, "Dagsordenen er ikke udsendt endnu. Ret punktet direkte uden "
			                 "begrundelse.");
		else
			snprintf(msg, n, "Mødet er afholdt. Ret referatet i stedet for dagsordenen.");
		return FK_EINPUT;
	case MACT_MINUTES:
		if (state == MEETING_PLANNED) {
			snprintf(msg, n, "Mødet er ikke registreret som afholdt. Blev det holdt uden at "
			                 "dagsordenen blev udsendt her, så registrér det som afholdt først; "
			                 "ellers udsend dagsordenen.");
			return FK_EINPUT;
		}
		if (state >= MEETING_APPROVED) {
			snprintf(msg, n, "Referatet er godkendt og kan ikke ændres.");
			return FK_EINPUT;
		}
		if (day < date) {
			snprintf(msg, n, "Mødet er %s. Referatet kan skrives fra mødedagen.", ds);
			return FK_EINPUT;
		}
		*next = MEETING_HELD;
		return FK_OK;
	case MACT_APPROVE:
		if (state == MEETING_HELD) {
			*next = MEETING_APPROVED;
			return FK_OK;
		}
		if (state < MEETING_HELD)
			snprintf(msg, n, "Der er intet referat at godkende endnu. Skriv referatet først.");
		else
			snprintf(msg, n, "Referatet er allerede godkendt.");
		return FK_EINPUT;
	case MACT_PUBLISH:
		if (state == MEETING_APPROVED) {
			*next = MEETING_PUBLISHED;
			return FK_OK;
		}
		if (state == MEETING_PUBLISHED)
			snprintf(msg, n, "Referatet er allerede offentliggjort.");
		else
			snprintf(msg, n, "Referatet skal godkendes, før det kan offentliggøres.");
		return FK_EINPUT;
	case MACT_HOLD:
		if (state != MEETING_PLANNED) {
			snprintf(msg, n, state == MEETING_DISPATCHED
			                     ? "Dagsordenen er udsendt. Mødet bliver afholdt, når det "
			                       "første punkt får referat."
			                     : "Mødet er allerede registreret som afholdt.");
			return FK_EINPUT;
		}
		if (day < date) {
			snprintf(msg, n, "Mødet er %s. Det kan registreres som afholdt fra mødedagen.", ds);
			return FK_EINPUT;
		}
		*next = MEETING_HELD;
		return FK_OK;
	case MACT_RECALL:
		if (state != MEETING_DISPATCHED) {
			snprintf(msg, n, state == MEETING_PLANNED
			                     ? "Dagsordenen er ikke udsendt, så der er intet at tilbagekalde."
			                     : "Mødet er afholdt, så udsendelsen kan ikke tilbagekaldes.");
			return FK_EINPUT;
		}
		if (day >= date) {
			snprintf(msg, n,
			         "Mødet er %s. Udsendelsen kan kun tilbagekaldes før mødedagen; ret "
			         "dagsordenen med rettelser i stedet.",
			         ds);
			return FK_EINPUT;
		}
		*next = MEETING_PLANNED;
		return FK_OK;
	case MACT__MAX:
		break;
	}
	snprintf(msg, n, "Ukendt handling.");
	return FK_EINPUT;
}

/* ---------------------------------------------------------------- freeing */

void meeting_item_clear(struct meeting_item *it)
{
	free(it->source);
	free(it->ref);
	free(it->title);
	free(it->kind);
	free(it->presenter);
	free(it->material);
	free(it->recommendation);
	free(it->amended);
	free(it->outcome);
	free(it->minutes_text);
	memset(it, 0, sizeof *it);
}

void meeting_proposal_clear(struct meeting_proposal *p)
{
	free(p->person);
	free(p->person_name);
	free(p->title);
	free(p->text);
	free(p->kind);
	free(p->state);
	free(p->reason);
	memset(p, 0, sizeof *p);
}

void meeting_free(struct meeting *mt)
{
	if (!mt)
		return;
	for (size_t i = 0; i < mt->nitems; i++)
		meeting_item_clear(&mt->items[i]);
	free(mt->items);
	for (size_t i = 0; i < mt->nprops; i++)
		meeting_proposal_clear(&mt->props[i]);
	free(mt->props);
	free(mt->speaker);
	free(mt->speaker_name);
	free(mt->speaker_reason);
	free(mt->place);
	memset(mt, 0, sizeof *mt);
}

void meetings_free(struct meeting *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		meeting_free(&v[i]);
	free(v);
}

/* ---------------------------------------------------------------- kinds and outcomes */

static const struct {
	const char *id, *da;
} kinds[] = {
    {"orientering", "orientering"}, {"inspiration", "inspiration"},
    {"opfoelgning", "opfølgning"},  {"raadgivning", "rådgivning"},
    {"droeftelse", "drøftelse"},    {"beslutning", "beslutning"},
    {"oekonomi", "økonomi"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

const char *agenda_kind_parse(const char *s)
{
	for (size_t i = 0; s && i < NKINDS; i++)
		if (!strcmp(s, kinds[i].id) || !strcmp(s, kinds[i].da))
			return kinds[i].id;
	return NULL;
}

const char *agenda_kind_da(const char *kind)
{
	for (size_t i = 0; kind && i < NKINDS; i++)
		if (!strcmp(kind, kinds[i].id))
			return kinds[i].da;
	return kind;
}

const char *agenda_outcome_parse(const char *s)
{
	static const char *const v[] = {"beslutning", "rådgivning", "taget-til-efterretning",
	                                "udsat"};
	if (!s)
		return NULL;
	if (!strcmp(s, "raadgivning"))
		return v[1];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (!strcmp(s, v[i]))
			return v[i];
	return NULL;
}

const char *agenda_outcome_da(const char *outcome)
{
	const char *o = agenda_outcome_parse(outcome);
	if (!o)
		return outcome;
	if (!strcmp(o, "beslutning"))
		return "Beslutning";
	if (!strcmp(o, "rådgivning"))
		return "Rådgivning";
	return !strcmp(o, "udsat") ? "Udsat" : "Taget til efterretning";
}

bool agenda_kind_needs_material(const char *kind)
{
	return kind && (!strcmp(kind, "orientering") || !strcmp(kind, "beslutning"));
}

/* ---------------------------------------------------------------- assembly */

static char *dup0(const char *s) { return s ? xstrdup(s) : NULL; }

/* The item of old with source and ref, or NULL. */
static const struct meeting_item *old_item(const struct meeting_item *old, size_t nold,
                                           const char *source, const char *ref)
{
	for (size_t i = 0; ref && i < nold; i++)
		if (old[i].source && old[i].ref && !strcmp(old[i].source, source) &&
		    !strcmp(old[i].ref, ref))
			return &old[i];
	return NULL;
}

static void add_item(struct meeting_item **v, size_t *n, size_t *cap, const char *source,
                     const char *ref, const char *title, const char *kind, const char *presenter,
                     int minutes, int material, const struct meeting_item *old, size_t nold)
{
	*v = xgrow(*v, sizeof **v, *n + 1, cap);
	struct meeting_item *it = &(*v)[*n];
	memset(it, 0, sizeof *it);
	it->pos = (int)++*n;
	it->source = xstrdup(source);
	it->ref = dup0(ref);
	it->needs_material = material;
	const struct meeting_item *o = old_item(old, nold, source, ref);
	if (o) {
		/* What the secretariat has edited stays. */
		title = o->title;
		kind = o->kind;
		presenter = o->presenter;
		minutes = o->minutes;
		it->material = dup0(o->material);
		it->recommendation = dup0(o->recommendation);
	}
	it->title = xstrdup(title);
	it->kind = xstrdup(kind);
	it->presenter = dup0(presenter);
	it->minutes = minutes;
}

void agenda_case_ref(int64_t id, char *out, size_t n)
{
	snprintf(out, n, "sag-%lld", (long long)id);
}

void agenda_build(const struct model *m, int number, const struct meeting_proposal *props,
                  size_t nprops, const struct agenda_case *cases, size_t ncases,
                  const struct meeting_item *old, size_t nold, struct meeting_item **items,
                  size_t *n)
{
	const struct model_cycle *c = &m->cycle;
	struct meeting_item *v = NULL;
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < c->nstandard; i++) {
		const struct model_item *x = &c->standard[i];
		add_item(&v, &nv, &cap, "standard", x->id, x->title, x->kind, x->presenter,
		         x->minutes, x->material, old, nold);
	}
	if (number >= 1 && number <= c->meetings_per_year && c->by_number) {
		size_t k = (size_t)number - 1;
		for (size_t i = 0; i < c->nby_number[k]; i++) {
			const struct model_item *x = &c->by_number[k][i];
			add_item(&v, &nv, &cap, "meeting", x->id, x->title, x->kind, x->presenter,
			         x->minutes, x->material, old, nold);
		}
	}
	for (size_t i = 0; i < ncases; i++) {
		const struct agenda_case *x = &cases[i];
		char ref[32];
		agenda_case_ref(x->id, ref, sizeof ref);
		add_item(&v, &nv, &cap, "case", ref, x->title, "beslutning", x->group,
		         AGENDA_CASE_MINUTES, 1, old, nold);
		/* The recommendation is the group's, as the case holds it now. */
		free(v[nv - 1].recommendation);
		v[nv - 1].recommendation = dup0(x->recommendation);
	}
	for (size_t i = 0; i < nprops; i++) {
		const struct meeting_proposal *p = &props[i];
		if (!p->state || strcmp(p->state, "accepted") != 0)
			continue;
		char ref[32];
		snprintf(ref, sizeof ref, "%lld", (long long)p->id);
		add_item(&v, &nv, &cap, "proposal", ref, p->title, p->kind,
		         p->person_name ? p->person_name : p->person, p->minutes,
		         agenda_kind_needs_material(p->kind), old, nold);
	}
	*items = v;
	*n = nv;
}

struct meeting_item *meeting_item_at(struct meeting *mt, int pos)
{
	for (size_t i = 0; i < mt->nitems; i++)
		if (mt->items[i].pos == pos)
			return &mt->items[i];
	return NULL;
}

const char *agenda_item_proposer(const struct meeting *mt, const struct meeting_item *it)
{
	if (!it->source || strcmp(it->source, "proposal") != 0 || !it->ref)
		return NULL;
	for (size_t i = 0; i < mt->nprops; i++) {
		char ref[32];
		snprintf(ref, sizeof ref, "%lld", (long long)mt->props[i].id);
		if (!strcmp(ref, it->ref))
			return mt->props[i].person;
	}
	return NULL;
}

int agenda_minutes(const struct meeting_item *items, size_t n)
{
	int t = 0;
	for (size_t i = 0; i < n; i++)
		t += items[i].minutes;
	return t;
}

/* ---------------------------------------------------------------- rules */

void meeting_label(const struct meeting *mt, char *id, size_t nid, char *name, size_t nname)
{
	char ds[40];
	date_format_da(mt->date, ds, sizeof ds);
	snprintf(id, nid, "meeting-%lld", (long long)mt->id);
	snprintf(name, nname, "Styregruppemøde %d/%d (%s)", mt->number, mt->year, ds);
}

void meeting_check(const struct model *m, const struct meeting *v, size_t n, fk_date d,
                   struct findings *out)
{
	const struct model_cycle *c = &m->cycle;
	char id[40], name[96], a[40], b[40];
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = &v[i];
		meeting_label(mt, id, sizeof id, name, sizeof name);
		/* proposal-late: until the minutes are approved. */
		if (mt->state < MEETING_APPROVED)
			for (size_t k = 0; k < mt->nprops; k++) {
				const struct meeting_proposal *p = &mt->props[k];
				if (p->state && !strcmp(p->state, "accepted") && p->submitted > mt->proposals &&
				    (!p->reason || !*p->reason)) {
					date_format_da(p->submitted, a, sizeof a);
					date_format_da(mt->proposals, b, sizeof b);
					findings_add_other(out, RULE_PROPOSAL_LATE, id, name,
					                   "Forslaget »%s« blev indsendt %s, efter fristen %s, og er "
					                   "optaget uden en begrundelse. Registrér begrundelsen, eller "
					                   "tag punktet af dagsordenen.",
					                   p->title, a, b);
				}
			}
		if (mt->date < d)
			continue; /* history */
		int total = agenda_minutes(mt->items, mt->nitems);
		int avail = mt->end_min - mt->start_min;
		if (avail <= 0)
			avail = c->meeting_minutes;
		if (total > avail)
			findings_add_other(out, RULE_AGENDA_OVERTIME, id, name,
			                   "Dagsordenens punkter varer %d minutter, men mødet har %d. Kort "
			                   "punkterne ned, eller flyt et punkt til et senere møde.",
			                   total, avail);
		if (mt->dispatch < d && mt->state == MEETING_PLANNED) {
			date_format_da(mt->dispatch, a, sizeof a);
			findings_add_other(out, RULE_DISPATCH_LATE, id, name,
			                   "Dagsordenen skulle være udsendt senest %s. Udsend den nu "
			                   "(meeting dispatch).",
			                   a);
		}
		if (mt->dispatch < d)
			for (size_t k = 0; k < mt->nitems; k++) {
				const struct meeting_item *it = &mt->items[k];
				if (agenda_kind_needs_material(it->kind) && (!it->material || !*it->material) &&
				    it->nfiles == 0)
					findings_add_other(out, RULE_MATERIAL_MISSING, id, name,
					                   "Punkt %d »%s« mangler skriftligt materiale. Læg en fil "
					                   "på punktet (meeting material add), eller skriv "
					                   "materialet (meeting item --material).",
					                   it->pos, it->title);
			}
		if (mt->dispatch <= d && !mt->speaker)
				findings_add_other(out, RULE_INSPIRATION_MISSING, id, name,
				                   "Der er ingen kommune til inspirationsoplægget. Udpeg den næste "
				                   "i rækken (meeting inspiration).");
	}
	if (n == 0 || c->meetings_per_year <= 0)
		return;
	int year = date_year(d), have = 0;
	for (size_t i = 0; i < n; i++)
		have += v[i].year == year;
	if (have < c->meetings_per_year) {
		snprintf(id, sizeof id, "meetings-%d", year);
		snprintf(name, sizeof name, "Styregruppens møder %d", year);
		findings_add_other(out, RULE_MEETINGS_PER_YEAR, id, name,
		                   "Der er planlagt %d møder i %d; modellen kræver %d. Planlæg årets "
		                   "møder.",
		                   have, year, c->meetings_per_year);
	}
}

void meeting_check_statuses(const struct model *m, const struct meeting *v, size_t n,
                            const struct meeting_initiative *in, size_t nin, fk_date d,
                            struct findings *out)
{
	char id[40], name[96], ds[40];
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = &v[i];
		if (!(mt->statuses < d && d <= mt->date))
			continue;
		fk_date from = mt->statuses - 91;
		bool first = true;
		for (size_t k = 0; k < n; k++)
			if (v[k].date < mt->date && (first || v[k].date > from)) {
				from = v[k].date;
				first = false;
			}
		meeting_label(mt, id, sizeof id, name, sizeof name);
		date_format_da(mt->statuses, ds, sizeof ds);
		for (size_t b = 0; b < m->nbodies; b++) {
			if (strcmp(m->bodies[b].kind, "reference-group") != 0)
				continue;
			char list[600] = "";
			size_t len = 0, missing = 0;
			for (size_t k = 0; k < nin; k++) {
				const struct meeting_initiative *x = &in[k];
				if (!x->body || strcmp(x->body, m->bodies[b].id) != 0 || x->started > mt->statuses)
					continue;
				bool has = false;
				for (size_t r = 0; r < x->nreports && !has; r++)
					has = x->reports[r] > from && x->reports[r] <= d;
				if (has)
					continue;
				missing++;
				if (len + 8 < sizeof list) {
					int w = snprintf(list + len, sizeof list - len, "%s»%s«", len ? ", " : "",
					                 x->name ? x->name : x->key);
					len = w < 0 ? len : len + (size_t)w < sizeof list ? len + (size_t)w
					                                                  : sizeof list - 1;
				}
			}
			if (missing)
				findings_add_other(out, RULE_STATUS_MISSING, id, name,
				                   "%s mangler status for %zu igangsatte initiativ%s (%s); "
				                   "fristen var %s. Bed gruppen om status til "
				                   "porteføljeoverblikket.",
				                   m->bodies[b].name, missing, missing == 1 ? "" : "er", list, ds);
		}
	}
}

/* ---------------------------------------------------------------- JSON */

json_t *agenda_meeting_json(const struct meeting *mt, bool full)
{
	char s[8], e[8];
	snprintf(s, sizeof s, "%02d:%02d", mt->start_min / 60 % 24, mt->start_min % 60);
	snprintf(e, sizeof e, "%02d:%02d", mt->end_min / 60 % 24, mt->end_min % 60);
	json_t *insp = mt->speaker ? json_pack("{s:s, s:o, s:o}", "person", mt->speaker, "name",
	                                       report_str(mt->speaker_name), "reason",
	                                       report_str(mt->speaker_reason))
	                           : json_null();
	json_t *o = json_pack(
	    "{s:I, s:i, s:i, s:o, s:s, s:s, s:{s:o, s:o, s:o}, s:s, s:s, s:o, s:o, s:i, s:i}", "id",
	    (json_int_t)mt->id, "year", mt->year, "number", mt->number, "date", report_date(mt->date),
	    "start", s, "end", e, "deadlines", "proposals", report_date(mt->proposals), "statuses",
	    report_date(mt->statuses), "dispatch", report_date(mt->dispatch), "state", meeting_state_name(mt->state),
	    "state_da", meeting_state_da(mt->state), "dispatched_on", report_date(mt->dispatched_on),
	    "inspiration", insp, "minutes_total", agenda_minutes(mt->items, mt->nitems),
	    "minutes_available", mt->end_min - mt->start_min);
	json_object_set_new(o, "place", report_str(mt->place));
	if (!full)
		return o;
	json_t *items = json_array();
	for (size_t i = 0; i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		json_array_append_new(
		    items,
		    json_pack("{s:i, s:s, s:o, s:s, s:s, s:s, s:o, s:i, s:b, s:o, s:i, s:o, s:o, s:o, s:o}",
		              "number", it->pos, "source", it->source, "ref", report_str(it->ref), "title",
		              it->title, "kind", it->kind, "kind_da", agenda_kind_da(it->kind),
		              "presenter", report_str(it->presenter), "minutes", it->minutes, "needs_material",
		              it->needs_material != 0, "material", report_str(it->material), "files",
		              it->nfiles, "recommendation",
		              report_str(it->recommendation), "amended", report_str(it->amended), "outcome",
		              report_str(it->outcome), "minutes_text", report_str(it->minutes_text)));
		/* The text of the accepted proposal the item comes from: what it is about. */
		const char *ptext = NULL;
		for (size_t k = 0; it->ref && !strcmp(it->source, "proposal") && k < mt->nprops; k++) {
			char ref[32];
			snprintf(ref, sizeof ref, "%lld", (long long)mt->props[k].id);
			if (!strcmp(ref, it->ref))
				ptext = mt->props[k].text;
		}
		json_object_set_new(json_array_get(items, i), "proposal_text", report_str(ptext));
	}
	json_t *props = json_array();
	for (size_t i = 0; i < mt->nprops; i++) {
		const struct meeting_proposal *p = &mt->props[i];
		json_array_append_new(
		    props, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:s, s:o, s:b}", "id",
		                     (json_int_t)p->id, "person", p->person, "name", report_str(p->person_name),
		                     "title", p->title, "text", p->text, "kind", p->kind, "minutes",
		                     p->minutes, "submitted", report_date(p->submitted), "state", p->state,
		                     "reason", report_str(p->reason), "late", p->submitted > mt->proposals));
	}
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "proposals", props);
	return o;
}
