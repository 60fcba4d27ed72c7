/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_MODEL_H
#define FK_MODEL_H
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

/* The governance model: bodies, seats, profiles, term rules, meeting cycle, economy.
 * Loaded from a JSON model file (model/fki.json is built in); no number of the model
 * lives in the code. All strings are owned by the model; model_free releases all.
 *
 * The JSON schema (every object rejects keys it does not know, except keys starting
 * with "_", which are comments; "?" marks optional members, null counts as absent):
 *
 *   {"name": str, "source"?: str,
 *    "profiles": [{"id": ID, "name": str, "description"?: str}],
 *    "bodies": [{"id": ID, "name": str, "kind": KIND,
 *                "parent"?: body id, "relation"?: RELATION (needs parent),
 *                "via_seat"?: origin (needs parent, which must have such seats),
 *                "description"?: str, "involvement"?: str, "mandate"?: [str],
 *                "seats"?: {origin: int >= 0},  origin: "kommune", "KL", "UDK", "KOMBIT"
 *                "profiles"?: [profile id], "topics"?: [str],
 *                "term"?: {"years": 0..50, "cooloff_years"?: 0..50, "warning_days"?: int},
 *                "seniority"?: {"years": 0..50, "quota": "a/b" with 0 < a <= b},
 *                "region_target"?: int <= seats.kommune}],
 *    "cycle": {"body": body id, "meetings_per_year": int, "meeting_minutes": int,
 *              "default_time": "HH:MM", "standard_items": [ITEM],
 *              "items_by_meeting"?: {"1".."meetings_per_year": [ITEM]},
 *              "deadlines_weeks": {"proposals": int, "statuses": int, "dispatch": int},
 *              "hearing_working_days": int},
 *    "economy": {"rate_ore": int >= 0, "note"?: str}}
 *   ITEM: {"id"?: ID, "title": str, "kind": ITEM KIND, "presenter"?: PRESENTER,
 *          "minutes": int, "description"?: str, "material"?: bool}
 *   ID: letters a-z A-Z, digits, '-' and '_'. Ids are unique among profiles, among bodies
 *   and among the items of one meeting (standard items included).
 *   KIND, RELATION, ITEM KIND, PRESENTER: the words listed at the fields below.
 * A meeting's items (standard + its own) must fit in meeting_minutes, and the meeting must
 * end by midnight; dispatch_weeks may not exceed proposals_weeks or statuses_weeks.
 * In a model from model_load, the ids, names, kinds and titles are never NULL, parents
 * are resolved (parent_index) and contain no ring, and cycle.body names a body. */

enum seat_origin { SEAT_KOMMUNE, SEAT_KL, SEAT_UDK, SEAT_KOMBIT, SEAT__MAX };
/* "kommune", "KL", "UDK", "KOMBIT"; exact spelling. Returns -1 when unknown (or NULL). */
int seat_parse(const char *s);
/* The name of a seat origin; "?" for a value outside the enum. */
const char *seat_name(int seat);

struct model_profile {
	char *id;   /* e.g. "it-digitaliseringschef" */
	char *name; /* Danish display name, e.g. "IT- og digitaliseringschef" */
	char *description; /* Danish, may be NULL */
};

struct model_body {
	char *id;       /* e.g. "styregruppe" */
	char *name;     /* "Kommunestyregruppe" */
	/* board, management, secretariat, steering-group, reference-group, working-group, kl */
	char *kind;
	char *parent;   /* id of the body it sits under / reports to, or NULL */
	int parent_index; /* index of parent in model.bodies, -1 when no parent */
	/* How it links to parent, read "<body> <relation> <parent>": "reports-to", "advises",
	 * "serves" (the secretariat serves the steering group), "linked" (KL's bodies), or NULL */
	char *relation;
	int via_seat;   /* enum seat_origin of the parent's seats the link runs through, -1 none */
	char *description; /* Danish, may be NULL */
	char *involvement; /* Danish: who in the municipalities it draws on, may be NULL */
	char **mandate;    /* Danish: what the body may do, one sentence each, may be empty */
	size_t nmandate;
	int seats[SEAT__MAX];        /* seats per origin; all 0 for bodies without a register */
	int *profiles;               /* indices into model.profiles */
	size_t nprofiles;
	char **topics;               /* topic areas (Danish), may be empty */
	size_t ntopics;
	/* Term rules, for municipal seats only. term_years 0: no term limit. */
	int term_years;
	int cooloff_years;           /* 0: no cooling-off */
	/* Seniority: at least quota_num/quota_den of members with seniority_years' seniority.
	 * quota_den 0: no quota. */
	int seniority_years;
	int quota_num, quota_den;
	int region_target;           /* distinct regions wanted among municipal members; 0 none */
	int term_warning_days;       /* term-expiring warns this many days ahead */
};

struct model_item {
	char *id;     /* stable id for code to find the item by, e.g. "buffetpris", or NULL */
	char *title;  /* "Kort orientering fra KL" */
	/* orientering, inspiration, opfoelgning, raadgivning, droeftelse, beslutning, oekonomi */
	char *kind;
	char *presenter; /* "KL", "KOMBIT", "kommune", "FKI", "sekretariat" or NULL */
	int minutes;
	char *description; /* Danish, may be NULL */
	int material;      /* 1: rests on written material, sent out with the agenda */
};

struct model_cycle {
	char *body;              /* the body that meets, "styregruppe" */
	int meetings_per_year;   /* 4 */
	int meeting_minutes;     /* 240 */
	char *default_time;      /* "09:00" */
	struct model_item *standard; /* items of every meeting */
	size_t nstandard;
	/* by_number[k]: items of meeting k+1 only, k < meetings_per_year; NULL when none */
	struct model_item **by_number;
	size_t *nby_number;
	int proposals_weeks;     /* 4 */
	int statuses_weeks;      /* 4 */
	int dispatch_weeks;      /* 2 */
	int hearing_working_days; /* 10 */
	/* Messages: reminders of the proposal and status deadlines this many working days
	 * before (and on the day); the packet attached to the dispatch when at most this many
	 * kilobytes, else linked. Optional in the model file. */
	int reminder_working_days; /* 2 */
	int attach_max_kb;         /* 5120 */
};

/* A hash index from id to array position (open addressing, -1 empty). Private. */
struct model_index {
	int32_t *slot;
	size_t cap; /* a power of two, or 0 when there is no index */
};

/* A criterion of recruitment (issue 13): what the evaluators mark 1-5, and its weight. */
struct model_criterion {
	char *id;
	char *name;
	char *description;       /* may be NULL */
	int weight;              /* 1..10 */
};

/* The defaults of a recruitment round, from the model's optional "recruitment" section;
 * ncriteria 0 when the model has none (rounds are then refused). */
struct model_recruitment {
	struct model_criterion *criteria;
	size_t ncriteria;
	int evaluators;          /* at least this many score every eligible candidate */
	int min_score;           /* the qualifying score, 0..100 */
	int retention_months;    /* applications of those not appointed are kept this long */
	int pool_months;         /* with the candidate's consent to stay in the pool, this long */
	char *privacy;           /* how personal data is handled, shown on the call */
};

struct model {
	char *name;
	char *source;            /* where the model comes from, may be NULL */
	struct model_profile *profiles;
	size_t nprofiles;
	struct model_body *bodies;
	size_t nbodies;
	struct model_cycle cycle;
	int64_t rate_ore;        /* economy: rate per citizen in øre (500 = DKK 5) */
	char *rate_note;         /* where the rate comes from, may be NULL */
	struct model_recruitment recruitment;
	/* Private: id lookup for model_body_index / model_profile_index, built by model_load.
	 * Without them (a model built by hand) lookups fall back to a linear search. */
	struct model_index body_index, profile_index;
};

/* Loads a model from JSON text. file names the source in diagnostics. On bad input returns
 * FK_EINPUT and appends to d one diagnostic per problem with line and column of the
 * offending value (e.g. a body naming an unknown profile) and the reason in Danish. */
int model_load(const char *json, size_t len, const char *file, struct model **out,
               struct diags *d);
void model_free(struct model *m);
#define MODEL_REMINDER_WORKING_DAYS 2
#define MODEL_ATTACH_MAX_KB 5120
/* The built-in FKI model text (model/fki.json). */
const char *model_builtin(size_t *len);
/* Loads the built-in model into *out (model_free); its diagnostics (there are none unless the
 * build is broken) are printed to stderr. FK_OK or FK_EINPUT. */
int model_load_builtin(struct model **out);
/* Index of a body / profile by id, or -1 (also for NULL). Constant time on average. */
int model_body_index(const struct model *m, const char *id);
int model_profile_index(const struct model *m, const char *id);
/* Rebuilds the id indexes; call it after changing m->bodies or m->profiles by hand. */
void model_reindex(struct model *m);
/* True when body b lists profile p. */
int model_body_has_profile(const struct model_body *b, int p);
#endif
