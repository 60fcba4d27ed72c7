#ifndef FK_MODEL_H
#define FK_MODEL_H
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

/* The governance model: bodies, seats, profiles, term rules, meeting cycle, economy.
 * Loaded from a JSON model file (model/fki.json is built in); no number of the model
 * lives in the code. All strings are owned by the model; model_free releases all. */

enum seat_origin { SEAT_KOMMUNE, SEAT_KL, SEAT_UDK, SEAT_KOMBIT, SEAT__MAX };
/* "kommune", "KL", "UDK", "KOMBIT"; exact spelling. Returns -1 when unknown. */
int seat_parse(const char *s);
const char *seat_name(int seat);

struct model_profile {
	char *id;   /* e.g. "it-digitaliseringschef" */
	char *name; /* Danish display name, e.g. "IT- og digitaliseringschef" */
};

struct model_body {
	char *id;       /* e.g. "styregruppe" */
	char *name;     /* "Kommunestyregruppe" */
	char *kind;     /* board, management, secretariat, steering-group, reference-group, working-group, kl */
	char *parent;   /* id of the body it sits under / reports to, or NULL */
	char *relation; /* how it links to parent: "reports-to", "advises", "served-by", "linked", or NULL */
	char *description; /* Danish, may be NULL */
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
	char *title;  /* "Kort orientering fra KL" */
	char *kind;   /* orientering, inspiration, opfoelgning, raadgivning, droeftelse, beslutning, oekonomi */
	char *presenter; /* "KL", "KOMBIT", "kommune", "FKI", "sekretariat" or NULL */
	int minutes;
};

struct model_cycle {
	char *body;              /* the body that meets, "styregruppe" */
	int meetings_per_year;   /* 4 */
	int meeting_minutes;     /* 240 */
	char *default_time;      /* "09:00" */
	struct model_item *standard; /* items of every meeting */
	size_t nstandard;
	struct model_item **by_number; /* by_number[k] items of meeting k+1, k < meetings_per_year */
	size_t *nby_number;
	int proposals_weeks;     /* 4 */
	int statuses_weeks;      /* 4 */
	int dispatch_weeks;      /* 2 */
	int hearing_working_days; /* 10 */
};

struct model {
	char *name;
	struct model_profile *profiles;
	size_t nprofiles;
	struct model_body *bodies;
	size_t nbodies;
	struct model_cycle cycle;
	int64_t rate_ore;        /* economy: rate per citizen in øre (500 = DKK 5) */
	char *rate_note;         /* where the rate comes from */
};

/* Loads a model from JSON text. file names the source in diagnostics. On bad input returns
 * FK_EINPUT and appends to d one diagnostic per problem with line and column of the
 * offending value (e.g. a body naming an unknown profile) and the reason in Danish. */
int model_load(const char *json, size_t len, const char *file, struct model **out,
               struct diags *d);
void model_free(struct model *m);
/* The built-in FKI model text (model/fki.json). */
const char *model_builtin(size_t *len);
/* Index of a body / profile by id, or -1. */
int model_body_index(const struct model *m, const char *id);
int model_profile_index(const struct model *m, const char *id);
/* True when body b lists profile p. */
int model_body_has_profile(const struct model_body *b, int p);
#endif
