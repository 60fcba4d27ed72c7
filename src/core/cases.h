/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CASES_H
#define FK_CASES_H
/* Cases (sager): a question moving between the bodies of the model. Pure: the state
 * machine, the validation of what a user asks for, and the view model (JSON) that the
 * command line, the pages and the API share. The store (store_cases.c) keeps the records.
 *
 * The life of a case:
 *
 *   raised --assign--> assigned --recommend--> recommended --decide--> decided --close--> closed
 *     |                  |                         |
 *     +--withdraw--------+--withdraw--> withdrawn  +--send-back--> assigned
 *
 * raised: put to the system by the steering group, FKI-ledelse, a member (a person) or a
 * reference group; assigned: to a reference group (a body of kind reference-group) or a
 * working group ("ag-N") to investigate and qualify; recommended: the assignee's
 * recommendation (indstilling) to the steering group; decided: the steering group's advice
 * (rådgivning) or decision (beslutning), with its date and an optional meeting reference;
 * closed: done. Every event is kept with who, when and its text. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/register.h"
#include "util/diag.h"

enum case_state {
	CASE_RAISED,
	CASE_ASSIGNED,
	CASE_RECOMMENDED,
	CASE_DECIDED,
	CASE_CLOSED,
	CASE_WITHDRAWN,
	CASE_STATE__MAX
};

enum case_event {
	CEV_RAISE,
	CEV_ASSIGN,
	CEV_RECOMMEND,
	CEV_DECIDE,
	CEV_CLOSE,
	CEV_WITHDRAW,
	CEV_SEND_BACK,
	CEV__MAX
};

/* What the steering group did: gave advice or took a decision. */
enum case_decision_kind { CDK_ADVICE, CDK_DECISION, CDK__MAX };

/* Names: "raised" ... "withdrawn"; "raise" ... "send-back"; "rådgivning", "beslutning".
 * Titles are Danish for people: "Rejst", "Tildelt", ...; "?" outside the enum. */
const char *case_state_name(int s);
const char *case_state_title(int s);
const char *case_event_name(int e);
const char *case_event_title(int e);
const char *case_kind_name(int k);
const char *case_kind_title(int k);
/* Parse a name; -1 when unknown (or NULL). Events also take "send_back" and "sendback";
 * kinds also "raadgivning" (without å) and any case of the letters a-z. */
int case_state_parse(const char *s);
int case_event_parse(const char *s);
int case_kind_parse(const char *s);

/* The state machine. Returns 0 and sets *to when event e may happen to a case in state
 * from; else -1 with a Danish sentence in msg that says why not and what to do instead.
 * raise is never a transition: it makes a case. */
int case_next(enum case_state from, enum case_event e, enum case_state *to, char *msg, size_t n);
/* True when case_next would allow e from state from. */
bool case_allowed(enum case_state from, enum case_event e);

/* ---------------------------------------------------------------- records */

struct case_event_rec {
	int64_t id;
	enum case_event event;
	int from; /* enum case_state before, -1 for raise */
	enum case_state to;
	char *actor;    /* who: a login, "cli:USER" */
	char *at;       /* when, UTC: 2026-11-27T10:00:00Z */
	char *text;     /* what was said; may be NULL */
	char *assignee; /* assign: the group; else NULL */
};

struct case_decision_rec {
	int64_t id;
	enum case_decision_kind kind;
	char *text;
	fk_date date;
	char *meeting; /* e.g. "Styregruppemøde 4, 2026"; may be NULL */
};

struct case_rec {
	int64_t id; /* shown as "sag-ID" */
	char *title;
	char *text;
	char *raised_by; /* a body id or a person key */
	fk_date raised_on;
	enum case_state state;
	char *assignee;          /* body id or "ag-N"; NULL before assignment */
	char *recommendation;    /* the recommendation standing now, NULL when none */
	char *created, *updated; /* UTC timestamps */
	char **tags;             /* topic areas, in the model's words */
	size_t ntags;
	struct case_event_rec *events; /* oldest first */
	size_t nevents;
	bool has_decision;
	struct case_decision_rec decision;
};

struct case_set {
	struct case_rec *v;
	size_t n, cap;
};

void case_rec_free(struct case_rec *c);
void case_set_free(struct case_set *s);
/* A new, zeroed record at the end of s. */
struct case_rec *case_set_add(struct case_set *s);
/* The case with that id in s, or NULL. */
struct case_rec *case_set_find(const struct case_set *s, int64_t id);

/* The day of c's latest recommendation (its recommend event, UTC), else the day it was
 * raised. */
fk_date case_recommended_on(const struct case_rec *c);
/* "sag-12" into out. */
void case_id_format(int64_t id, char *out, size_t n);
/* The number of "sag-12" (or "12", "SAG-12"); 0 when s is not a case id. */
int64_t case_id_parse(const char *s);

/* ---------------------------------------------------------------- who and what */

/* The topic area of a reference group that tag names (the same words, ignoring case and
 * the spaces around it), or NULL. The result points into the model. */
const char *case_topic_find(const struct model *m, const char *tag);
/* Every topic area of the reference groups, "a", "b" and "c", for messages (caller frees). */
char *case_topics_text(const struct model *m);
/* True when s is a working group id: "ag-" and digits. */
bool case_is_wg(const char *s);
/* The index of the body that may be assigned a case (a reference group), -1 when s is not
 * one. */
int case_assignee_body(const struct model *m, const char *s);
/* Who may raise a case: a body of kind steering-group, management or reference-group, or a
 * person in the register. Returns 1 for a body, 2 for a person, 0 for neither. */
int case_raiser_kind(const struct model *m, const struct reg *r, const char *by);
/* True when the person with key person holds an appointment, current on d, to the reference
 * group case c is assigned to: its members may give the group's recommendation. False for
 * working groups (their members are not in the register) and unassigned cases. */
bool case_member_of_assignee(const struct model *m, const struct reg *r, const char *person,
                             const struct case_rec *c, fk_date d);
/* The name to show for a body id, person key or "ag-N" (into out). */
void case_party_name(const struct model *m, const struct reg *r, const char *id, char *out,
                     size_t n);

/* Checks a text field: well-formed UTF-8, at most max characters, no control characters
 * (with multiline, line breaks and tabs are allowed), required unless !required. On success
 * returns a copy without the spaces and line breaks around it (caller frees; "" for an
 * absent optional text); else NULL after adding a Danish diagnostic on field, naming label. */
char *case_text(struct diags *d, const char *field, const char *label, const char *s, size_t max,
                bool multiline, bool required);

/* The length of s cut to at most max bytes on a character boundary, for "%.*s". */
int case_cut(const char *s, size_t max);

/* What a user asks for, as typed (any may be NULL). */
struct case_input {
	const char *title, *text, *by; /* raise */
	const char *const *tags;       /* raise */
	size_t ntags;
	const char *to;      /* assign */
	const char *kind;    /* decide: rådgivning or beslutning */
	const char *date;    /* decide: YYYY-MM-DD; default today */
	const char *meeting; /* decide, optional */
};

#define CASE_TITLE_MAX 200
#define CASE_TEXT_MAX 20000
#define CASE_MEETING_MAX 200

/* Checks a new case: title, text, by (raiser) and tags (each a topic area of a reference
 * group; the same tag twice counts once). On success fills out (owned strings; state raised,
 * raised_on today) and returns 0; else returns -1 with one diagnostic per bad field (fields
 * "title", "text", "by", "tags"). */
int case_check_raise(const struct model *m, const struct reg *r, const struct case_input *in,
                     fk_date today, struct case_rec *out, struct diags *d);

/* A change to a case, checked and ready for the store. */
struct case_change {
	enum case_event event;
	enum case_state from, to;
	char *text;     /* owned; NULL for a close without text */
	char *assignee; /* assign: owned; else NULL */
	bool has_decision;
	struct case_decision_rec decision; /* decide: text owned */
};
void case_change_free(struct case_change *ch);

/* Checks event e on case c: first the state machine (a diagnostic on field "event" when the
 * case cannot go that way now), then the fields the event needs: assign: to (a reference
 * group or ag-N) and text; recommend, withdraw, send-back: text; decide: kind, text, date
 * (not before the case was raised, not after today; default today) and meeting (optional);
 * close: text optional. Returns 0 with out filled, or -1 with diagnostics. */
int case_check_event(const struct model *m, const struct case_rec *c, enum case_event e,
                     const struct case_input *in, fk_date today, struct case_change *out,
                     struct diags *d);

/* ---------------------------------------------------------------- views */

/* A case as JSON: {"id": "sag-1", "title", "state", "state_title", "raised_by": {"id",
 * "kind": "body"|"person", "name"}, "raised_on", "assignee": {"id", "name", "kind"} | null,
 * "tags": [...], "decision": {...} | null, "updated"}; with full also "text",
 * "recommendation", "created", "next_events" (the events possible now) and "events": [{"id",
 * "event", "event_title", "from", "to", "to_title", "actor", "at", "text", "assignee"}]. */
json_t *case_json(const struct model *m, const struct reg *r, const struct case_rec *c, bool full);
/* {"kind", "kind_title", "text", "date", "meeting"} */
json_t *case_decision_json(const struct case_decision_rec *d);

/* Filters for lists: NULL or "" matches all. year (0: all) and q keep the cases with a
 * decision in that year / whose title, text, recommendation or decision holds q. */
struct case_filter {
	int state; /* -1 all */
	const char *tag;
	const char *assignee;
	const char *q;
	int decided_year; /* 0 all; else only decided cases decided in that year */
};
bool case_matches(const struct case_rec *c, const struct case_filter *f);

/* "2026-11-27T10:00:00Z" as Danish local time (Europe/Copenhagen): "27. november 2026 kl.
 * 11.00"; the text itself when it is not such a time. */
void case_time_da(const char *utc, char *out, size_t n);
#endif
