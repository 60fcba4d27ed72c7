/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_WG_H
#define FK_WG_H
/* Working groups (arbejdsgrupper) and the written hearing in the steering group (SPEC §2.3).
 * Pure: the life cycle as a state machine, the hearing's deadline and who may answer, amounts
 * in kroner, the check rules wg-unapproved, wg-no-reference-group and wg-overdue, and the
 * view model shared by the command line, the pages and the API. No SQL, no I/O.
 *
 * The life cycle:
 *
 *   proposed --open_hearing--> in_hearing --approve--> approved --start--> started
 *      |                          |  \--reject--> rejected                    |
 *      \--withdraw--> withdrawn <-/                                        deliver
 *                                                                             v
 *                                                 dissolved <--dissolve-- delivered
 *
 * A working group is proposed by a reference group, reports to exactly one reference group of
 * the model, is heard in writing in the steering group, and only an approved group can be
 * started, get members, deliver its proposal and be dissolved. */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "core/rules.h"

enum wg_state {
	WG_PROPOSED,
	WG_IN_HEARING,
	WG_APPROVED,
	WG_REJECTED,
	WG_STARTED,
	WG_DELIVERED,
	WG_DISSOLVED,
	WG_WITHDRAWN,
	WG_STATE__MAX
};

enum wg_event {
	WG_EV_PROPOSE, /* the creation; never a transition from a state */
	WG_EV_OPEN_HEARING,
	WG_EV_APPROVE,
	WG_EV_REJECT,
	WG_EV_START,
	WG_EV_DELIVER,
	WG_EV_DISSOLVE,
	WG_EV_WITHDRAW,
	WG_EV__MAX
};

/* A member's answer in the written hearing. */
enum wg_position { WG_POS_SUPPORT, WG_POS_OBJECTION, WG_POS_REMARK, WG_POS__MAX };

/* Who appoints a proposed member of the staffing plan. */
enum wg_org { WG_ORG_KL, WG_ORG_UDK, WG_ORG_KOMBIT, WG_ORG_RG, WG_ORG__MAX };

/* "proposed", "in_hearing", ... (the stored and API spelling); "?" out of range. */
const char *wg_state_name(enum wg_state s);
/* Danish: "Foreslået", "I høring", "Godkendt", "Afvist", "I gang", "Leveret", "Nedlagt",
 * "Trukket tilbage". */
const char *wg_state_label(enum wg_state s);
int wg_state_parse(const char *s); /* -1 when unknown */
/* "propose", "open_hearing", "approve", ... */
const char *wg_event_name(enum wg_event e);
/* Danish, for timelines: "Foreslået", "Skriftlig høring åbnet", ... */
const char *wg_event_label(enum wg_event e);
int wg_event_parse(const char *s);
/* "støtter", "indsigelse", "bemærkning" (stored and API spelling); parse also takes
 * "stoetter" and "bemaerkning" and capitals. */
const char *wg_position_name(enum wg_position p);
const char *wg_position_label(enum wg_position p); /* "Støtter", "Indsigelse", "Bemærkning" */
int wg_position_parse(const char *s);
/* "KL", "UDK", "KOMBIT", "referencegruppe"; parse also takes "reference-group". */
const char *wg_org_name(enum wg_org o);
const char *wg_org_label(enum wg_org o); /* "KL", "UDK (Udbetaling Danmark)", ... */
int wg_org_parse(const char *s);
/* True for a planned or running group: proposed, in hearing, approved or started. These are
 * the groups of the priority list. */
bool wg_state_active(enum wg_state s);

/* The state machine. Returns 0 and sets *to when event may happen in state from; else -1
 * with a Danish message in msg (n bytes) that says why not and what to do. */
int wg_transition(enum wg_state from, enum wg_event ev, enum wg_state *to, char *msg, size_t n);

/* The last day to answer a hearing opened on opened: the working_days-th working day after
 * it (Danish holidays, SPEC §3). */
fk_date wg_hearing_deadline(fk_date opened, int working_days);

/* ---------------------------------------------------------------- the data */

struct wg_staff {
	int64_t id;
	char *person;      /* person key, or NULL for a profile */
	char *person_name; /* with person */
	char *profile;     /* profile id, or NULL for a person */
	enum wg_org org;
	char *note; /* may be NULL */
};

struct wg_answer {
	int64_t id;
	char *person; /* key */
	char *name;
	enum wg_position position;
	char *text;
	fk_date date;   /* the day the answer was given */
	char *actor;    /* who recorded it */
	bool on_behalf; /* recorded by the secretariat for the member */
};

struct wg_member {
	int64_t id;
	char *person; /* key */
	char *name;
	int org;   /* enum seat_origin */
	int munic; /* municipality code, 0 none */
	char *role;
	fk_date start, end; /* end DATE_OPEN: still a member */
};

struct wg_step {
	int from; /* enum wg_state, -1 for the proposal */
	enum wg_state to;
	enum wg_event event;
	fk_date date;
	char *actor;
	char *text; /* may be NULL */
	char *at;   /* UTC time of recording */
};

struct wg {
	int64_t id;   /* the n of "ag-n" */
	char key[24]; /* "ag-n" */
	char *topic, *question;
	char *reference_group; /* body id it reports to */
	char *proposer;        /* body id of the proposing reference group */
	enum wg_state state;
	fk_date start, end; /* planned period; end is the last day */
	int64_t hours;
	int64_t ore;                              /* resources in øre */
	fk_date hearing_opened, hearing_deadline; /* DATE_NONE before the hearing */
	fk_date decided;                          /* DATE_NONE before the decision */
	char *summary;                            /* the decision's summary, NULL before */
	char *delivery;                           /* the delivered proposal, NULL before */
	int rank;                                 /* 1.. in the priority list, 0 when not in it */
	char *created;                            /* UTC */
	struct wg_staff *staff;
	size_t nstaff;
	struct wg_answer *answers;
	size_t nanswers;
	struct wg_member *members;
	size_t nmembers;
	struct wg_step *steps; /* oldest first */
	size_t nsteps;
};

/* Frees what w owns and zeroes it. */
void wg_clear(struct wg *w);
/* Clears and frees an array of n working groups. */
void wg_list_free(struct wg *v, size_t n);
/* Parses "ag-12" into 12; 0 when s is not a working group id. */
int64_t wg_key_parse(const char *s);
/* True when the steering group's approval is recorded in w's steps. */
bool wg_was_approved(const struct wg *w);
/* The answer of person (key) in w's hearing, or NULL. */
const struct wg_answer *wg_answer_of(const struct wg *w, const char *person);

/* 0 when the hearing of w can be opened (a staffing plan and a stated resource need);
 * else -1 with a Danish message. The state is checked by wg_transition. */
int wg_ready_for_hearing(const struct wg *w, char *msg, size_t n);
/* 0 when an answer dated d may be recorded in w's hearing: the hearing is open and d lies
 * from its opening to its deadline. Else -1 with a Danish message that gives the deadline and
 * whom to contact. */
int wg_hearing_accepts(const struct wg *w, fk_date d, char *msg, size_t n);

/* ---------------------------------------------------------------- the steering group */

/* The model's steering group: the body of kind "steering-group" (else cycle.body); -1 none. */
int wg_steering_group(const struct model *m);
/* True when body b of m is a reference group. */
bool wg_is_reference_group(const struct model *m, const char *body);
/* True when person (register index) holds an appointment to body on d. */
bool wg_serves(const struct reg *r, int body, int32_t person, fk_date d);
/* The register indices of the people who serve in body on d, by name; *n gets the count.
 * The caller frees the array (NULL when n is 0). */
int32_t *wg_body_members(const struct reg *r, int body, fk_date d, size_t *n);
/* The day whose members are asked in w's hearing when looked at on today: today, but not
 * after the deadline (nor, once decided, after the decision). */
fk_date wg_hearing_day(const struct wg *w, fk_date today);
/* How many answers of each position w has, and how many of the nmem asked members (register
 * indices) have not answered. */
void wg_hearing_counts(const struct wg *w, const struct reg *r, const int32_t *mem, size_t nmem,
                       int counts[WG_POS__MAX], int *missing);
/* "3 støtter, 1 indsigelse, 0 bemærkninger" and, when missing > 0, "; 2 har ikke svaret". */
void wg_summary_text(const int counts[WG_POS__MAX], int missing, char *out, size_t n);

/* ---------------------------------------------------------------- money and text */

/* Amounts in kroner are read and written as everywhere in fkigov: econ_parse_kr and
 * econ_format_kr (core/economy.h). */
/* The longest texts, in characters. */
#define WG_TOPIC_MAX 200
#define WG_TEXT_MAX 4000 /* question, answer, summary, delivery */
#define WG_NOTE_MAX 500  /* staffing note, step note */
#define WG_ROLE_MAX 200

/* Checks a user's text: not empty (after trimming spaces), at most maxchars characters,
 * well-formed UTF-8, no control characters except, when multiline, line breaks and tabs.
 * Returns 0, or -1 with a Danish message naming label. */
int wg_text_check(const char *s, const char *label, size_t maxchars, bool multiline, char *msg,
                  size_t n);

/* ---------------------------------------------------------------- rules and views */

/* The working-group rules on d (SPEC §4): wg-unapproved (error): started, with members, or
 * with a planned start on or before d, but never approved by the steering group (rejected and
 * withdrawn proposals aside); wg-no-reference-group (error): a group that is not rejected,
 * withdrawn or dissolved reports to no reference group of the model; wg-overdue (warning):
 * a group past its end (end < d) that is not dissolved (rejected and withdrawn aside).
 * Findings name the group by its key and topic (findings_add_other). */
void wg_check(const struct model *m, const struct wg *v, size_t n, fk_date d, struct findings *out);

/* The view model of one working group on today (the page, the API, `wg show --json`):
 * {"id", "topic", "question", "reference_group": {"id","name"}, "proposer": {"id","name"},
 *  "state", "state_label", "start", "end", "resources": {"hours","ore","kr"}, "rank",
 *  "active", "staffing": [...], "members": [...], "timeline": [...], "decision": {...}|null,
 *  "delivery": str|null, "hearing": {"opened","deadline","open","working_days", and with
 *  with_private "answers", "missing", "counts", "summary"}|null}.
 * r is the register (for the steering group's members), mt (may be NULL) names the members'
 * municipalities; with_private adds the hearing's
 * answers and who recorded each step. */
json_t *wg_json(const struct model *m, const struct munic_table *mt, const struct reg *r,
                const struct wg *w, fk_date today, bool with_private);
/* The list view: {"date", "working_groups": [summary of each, by priority, then the others
 * newest first]}. */
json_t *wg_list_json(const struct model *m, const struct wg *v, size_t n, fk_date today);
/* A person's working-group memberships (for the person page): [{"working_group", "topic",
 * "state", "organisation", "role", "start", "end", "current"}], oldest first. */
json_t *wg_person_json(const struct wg *v, size_t n, const char *person, fk_date today);
#endif
