/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_RULES_H
#define FK_RULES_H
#include <stddef.h>

#include "core/date.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"

/* The membership rules of SPEC §4. Pure: model, municipalities and register in,
 * findings out. */

enum rule_id {
	RULE_TERM_LIMIT,
	RULE_TERM_EXPIRING,
	RULE_COOLOFF,
	RULE_SENIORITY_QUOTA,
	RULE_VACANCY,
	RULE_OVER_CAPACITY,
	RULE_SEAT_ORIGIN,
	RULE_PROFILE_COVERAGE,
	RULE_PROFILE_MISMATCH,
	RULE_SAME_MUNICIPALITY,
	RULE_REGION_SPREAD,
	/* Governance flows (working groups, economy). */
	RULE_WG_UNAPPROVED,
	RULE_WG_NO_REFERENCE_GROUP,
	RULE_WG_OVERDUE,
	RULE_FRAME_EXCEEDED,
	/* meetings */
	RULE_PROPOSAL_LATE,
	RULE_STATUS_MISSING,
	RULE_MATERIAL_MISSING,
	RULE_DISPATCH_LATE,
	RULE_AGENDA_OVERTIME,
	RULE_INSPIRATION_MISSING,
	RULE_MEETINGS_PER_YEAR,
	RULE__MAX
};
enum severity { SEV_ERROR, SEV_WARNING };

const char *rule_name(enum rule_id r);       /* "term-limit" */
const char *rule_title(enum rule_id r);      /* "Valgperioden er overskredet" */
enum severity rule_severity(enum rule_id r);
const char *severity_name(enum severity s);  /* "error", "warning" */

struct finding {
	enum rule_id rule;
	enum severity severity;
	int body;       /* index into model.bodies, or -1 for a body made at run time (a
	                 * working group) or none (the economy): then body_id names it */
	int person;     /* index into reg.persons, -1 for the body as a whole */
	char *message;  /* Danish: what is wrong and what to do */
	char *body_id;  /* with body -1: the id ("wg-12", "economy"); owned */
	char *body_name; /* with body -1: the Danish name; owned */
};
struct findings {
	struct finding *v;
	size_t n, cap;
};
void findings_init(struct findings *f);
void findings_free(struct findings *f);
size_t findings_errors(const struct findings *f);
/* Adds a finding about something outside the model's bodies (body -1): a working group, the
 * economy. The strings are copied. */
void findings_add_other(struct findings *f, enum rule_id rule, const char *body_id,
                        const char *body_name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The id and Danish name of a finding's body, whichever kind it is. */
const char *finding_body_id(const struct model *m, const struct finding *x);
const char *finding_body_name(const struct model *m, const struct finding *x);
/* Sorts findings by body (model bodies in model order, then others by id), rule, person key. */
struct reg;
void findings_sort(struct findings *f, const struct reg *r, size_t first);

/* Checks the register on date d. r must be sorted (reg_sort). Findings come sorted by body
 * (model order), rule, person key. */
void rules_check(const struct model *m, const struct munic_table *mt, const struct reg *r,
                 fk_date d, struct findings *out);

/* The stints of one person in one body: maximal runs of appointments (given sorted by
 * start) where each starts less than cooloff years after the previous one's last day + 1
 * (or, with cooloff 0, the day after). Returns the number of stints; stint_of[i] gets the
 * stint number of appts[i]. */
size_t rules_stints(const struct reg_appt *const *appts, size_t n, int cooloff_years,
                    size_t *stint_of);
/* The last allowed day of a stint starting on start, under a limit of years. */
fk_date rules_last_allowed(fk_date start, int years);
/* ceil(n * num / den) */
int rules_quota(int n, int num, int den);
#endif
