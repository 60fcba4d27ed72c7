/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_AGENDA_H
#define FK_AGENDA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/rules.h"

#include <jansson.h>

/* The steering group's meetings after planning (SPEC §2.5, issue 5): their agendas built
 * from the model and the accepted proposals, the life of a meeting from planned to
 * published, and the meeting rules of `check`. Pure: data in, data out. All strings of the
 * structs below are owned by them (meeting_free). */

enum meeting_state {
	MEETING_PLANNED,    /* agenda can be built and edited */
	MEETING_DISPATCHED, /* agenda and material sent out: frozen, changes are amendments */
	MEETING_HELD,       /* minutes being written */
	MEETING_APPROVED,   /* minutes approved */
	MEETING_PUBLISHED,  /* minutes published */
	MEETING__MAX
};
/* "planned", "dispatched", "held", "minutes-approved", "published"; -1 when unknown. */
const char *meeting_state_name(int s);
int meeting_state_parse(const char *s);
/* "planlagt", "udsendt", "afholdt", "referat godkendt", "offentliggjort" */
const char *meeting_state_da(int s);

/* What one may do to a meeting. */
enum meeting_action {
	MACT_EDIT,     /* build or refresh the agenda, edit an item, accept a proposal */
	MACT_DISPATCH, /* send out the agenda and material */
	MACT_AMEND,    /* change the dispatched agenda, with a reason */
	MACT_MINUTES,  /* write the minutes of an item */
	MACT_APPROVE,  /* approve the minutes */
	MACT_PUBLISH,  /* publish the minutes */
	MACT_HOLD,     /* record a meeting as held that was not dispatched here (from its day) */
	MACT_RECALL,   /* take a dispatch back (before the meeting day): planned again */
	MACT__MAX
};
/* Whether action a may be done to a meeting in state on date (the meeting's day) when it
 * is day. FK_OK and *next the state afterwards; else FK_EINPUT and a Danish message in msg
 * saying why and what to do instead. */
int meeting_transition(int state, enum meeting_action a, fk_date date, fk_date day, int *next,
                       char *msg, size_t n);

struct meeting_item {
	int pos;            /* 1-based number on the agenda */
	char *source;       /* "standard", "meeting" (the meeting number's own) or "proposal" */
	char *ref;          /* the model item's id, or the proposal's id as text; may be NULL */
	char *title;
	char *kind;         /* an item kind (agenda_kind_parse) */
	char *presenter;    /* may be NULL */
	int minutes;
	int needs_material; /* 1: rests on written material sent out with the agenda */
	char *material;       /* written material: text or an address; NULL none */
	char *recommendation; /* for decisions: the recommendation (indstilling); NULL none */
	char *amended;        /* reasons of amendments after dispatch; NULL none */
	char *outcome;        /* minutes: an outcome (agenda_outcome_parse); NULL none */
	char *minutes_text;   /* minutes: what was decided, advised or noted; NULL none */
	int nfiles;           /* material files uploaded to the item (store_material_*) */
};

struct meeting_proposal {
	int64_t id;
	char *person;       /* person key */
	char *person_name;
	char *title;
	char *text;
	char *kind;
	int minutes;
	fk_date submitted;
	char *state;        /* "submitted", "accepted", "rejected" */
	char *reason;       /* why accepted late or rejected; NULL none */
};

struct meeting {
	int64_t id;
	int year, number;
	fk_date date;
	int start_min, end_min;          /* minutes after midnight */
	fk_date proposals, statuses, dispatch; /* deadlines */
	int state;                       /* enum meeting_state */
	fk_date dispatched_on;           /* DATE_NONE until dispatched */
	char *speaker;                   /* inspiration talk: person key, NULL none */
	char *speaker_name;
	char *speaker_reason;            /* why the secretariat swapped, NULL none */
	char *place;                     /* an address, a room or an online link; NULL none */
	int sequence;                    /* the iCalendar SEQUENCE: +1 when moved or re-placed */
	struct meeting_item *items;
	size_t nitems, capitems;
	struct meeting_proposal *props;
	size_t nprops, capprops;
};

void meeting_free(struct meeting *mt);
void meeting_item_clear(struct meeting_item *it);
void meeting_proposal_clear(struct meeting_proposal *p);
/* Frees an array of n meetings and the array. */
void meetings_free(struct meeting *v, size_t n);

/* The item kind named by s, in its stored spelling ("orientering", "inspiration",
 * "opfoelgning", "raadgivning", "droeftelse", "beslutning", "oekonomi"); the Danish spellings
 * with æ, ø, å are accepted too. NULL when unknown. */
const char *agenda_kind_parse(const char *s);
/* The Danish name of a kind: "opfølgning" for "opfoelgning"; s itself when unknown. */
const char *agenda_kind_da(const char *kind);
/* The outcome named by s: "beslutning", "rådgivning" (also "raadgivning"),
 * "taget-til-efterretning", "udsat"; NULL when unknown. */
const char *agenda_outcome_parse(const char *s);
/* The Danish name of an outcome: "Beslutning", "Rådgivning", "Taget til efterretning",
 * "Udsat"; outcome itself when unknown. */
const char *agenda_outcome_da(const char *outcome);
/* Whether an item of this kind must rest on written material by the dispatch deadline
 * (rule material-missing): orientations and decisions. */
bool agenda_kind_needs_material(const char *kind);

/* A case with a reference group's (or working group's) recommendation (indstilling) to the
 * steering group, for the agenda: its id, title, the recommendation and who gave it. */
struct agenda_case {
	int64_t id;
	const char *title;
	const char *recommendation;
	const char *group; /* the recommending group's name */
};
/* The agenda item ref of a case: "sag-12". */
void agenda_case_ref(int64_t id, char *out, size_t n);
/* The minutes of an item for a case recommendation. */
#define AGENDA_CASE_MINUTES 15

/* Builds the agenda of the meeting with that number (1-based) from the model: the standard
 * items of every meeting, then the items of that number, then one decision item per case of
 * cases (source "case", ref "sag-N", kind beslutning, the group as presenter, and always the
 * case's recommendation as it stands), then the accepted proposals of props in their order (the others are
 * skipped). Items are numbered from 1. An item of old (may be NULL) with the same source and
 * ref keeps its title, kind, presenter, minutes, material and recommendation, so a refresh
 * keeps what the secretariat has edited. *items is a new array the caller frees
 * (meeting_item_clear each, then free). */
void agenda_build(const struct model *m, int number, const struct meeting_proposal *props,
                  size_t nprops, const struct agenda_case *cases, size_t ncases,
                  const struct meeting_item *old, size_t nold, struct meeting_item **items,
                  size_t *n);
/* Item number pos of mt's agenda, or NULL. */
struct meeting_item *meeting_item_at(struct meeting *mt, int pos);
/* The person key of the member whose accepted proposal item it of mt came from, or NULL. */
const char *agenda_item_proposer(const struct meeting *mt, const struct meeting_item *it);
/* The sum of the items' minutes. */
int agenda_minutes(const struct meeting_item *items, size_t n);

/* The meeting rules on day d over every stored meeting (any order): proposal-late,
 * material-missing, dispatch-late, agenda-overtime, inspiration-missing and
 * meetings-per-year (judged only when at least one meeting is stored at all: then the year
 * of d must have the model's number). Findings name the meeting ("meeting-ID") or the
 * year's plan ("meetings-YEAR") as their body (findings_add_other). Meetings before d are
 * history and not reported, except for proposal-late while the minutes are not approved. */
void meeting_check(const struct model *m, const struct meeting *v, size_t n, fk_date d,
                   struct findings *out);
/* An initiative followed by a reference group, for status-missing: the group's body id, the
 * initiative's key and name, the day it started and the dates of its status reports. */
struct meeting_initiative {
	const char *body;
	const char *key;
	const char *name;
	fk_date started;
	const fk_date *reports;
	size_t nreports;
};
/* status-missing on day d: for each meeting whose status deadline has passed and which has
 * not been held (deadline < d <= date), each reference group (model kind "reference-group")
 * with initiatives started by the deadline of which one has no status report since the
 * previous meeting (or, for the first stored meeting, in the 13 weeks before the deadline).
 * One finding per meeting and group, naming the initiatives. */
void meeting_check_statuses(const struct model *m, const struct meeting *v, size_t n,
                            const struct meeting_initiative *in, size_t nin, fk_date d,
                            struct findings *out);
/* A meeting as JSON, the one view of the command line and the API: id, year, number, date,
 * start, end, deadlines {proposals, statuses, dispatch}, state, dispatched_on, inspiration
 * ({person, name, reason} or null), minutes_total, minutes_available, and with full its items
 * (an item from an accepted proposal with the proposal's text as proposal_text, else null)
 * and proposals. */
json_t *agenda_meeting_json(const struct meeting *mt, bool full);
/* "meeting-12" and "Styregruppemøde 1/2027 (4. marts 2027)" for a meeting. */
void meeting_label(const struct meeting *mt, char *id, size_t nid, char *name, size_t nname);
#endif
