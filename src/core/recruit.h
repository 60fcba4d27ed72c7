/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_RECRUIT_H
#define FK_RECRUIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "util/diag.h"

/* Recruitment to municipal seats (SPEC §7): who is eligible for a body on the first day of
 * the new term (§7.1), and the exact best set of candidates (§7.2). Pure: data in, data out.
 * The command line's `recruit propose` (§7.3) and the rounds both use it. */

/* Why a candidate is not eligible, checked in this order (§7.1); RECRUIT_OK: eligible. */
enum recruit_reason {
	RECRUIT_OK,
	RECRUIT_MUNICIPALITY, /* not one of the 98 */
	RECRUIT_PROFILE,      /* not one of the body's profiles */
	RECRUIT_SERVING,      /* serves in the body on the day (any seat) */
	RECRUIT_TERM_LIMIT,   /* a renewal past the stint's last allowed day */
	RECRUIT_COOLOFF,      /* left less than the cooling-off before */
	RECRUIT_SCORE,        /* below the qualifying score */
	RECRUIT__MAX
};
/* "municipality", "profile", "serving", "term-limit", "cooloff", "score"; "" for RECRUIT_OK. */
const char *recruit_reason_name(int r);

struct recruit_cand {
	const char *id;     /* the candidate's id (unique) */
	int32_t person;     /* index into reg.persons, -1: not in the register */
	int munic;          /* municipality code */
	int profile;        /* index into model.profiles, -1: not a profile of the model */
	int score;          /* evaluation score in tenths, 0..1000 */
};

/* Whether c may be appointed to a municipal seat of body on day d (§7.1), with min_score (in
 * tenths) the qualifying score. r must be sorted (reg_sort). The reason; for
 * RECRUIT_COOLOFF *from (may be NULL) gets the first day the candidate could be appointed,
 * for RECRUIT_TERM_LIMIT the stint's last allowed day. msg[n] gets one Danish sentence
 * (also for RECRUIT_OK: "Kan udpeges."). */
int recruit_eligible(const struct model *m, const struct munic_table *mt, const struct reg *r,
                     int body, fk_date d, const struct recruit_cand *c, int min_score,
                     fk_date *from, char *msg, size_t n);

/* The recommendation for one body. */
struct recruit_result {
	int seats;               /* the seats to fill: given, or municipal seats minus staying */
	int staying;             /* municipal-seat members serving on the day */
	size_t n;                /* candidates */
	int *reason;             /* [n]: enum recruit_reason */
	fk_date *from;           /* [n]: see recruit_eligible */
	char **message;          /* [n]: the eligibility sentence */
	bool *selected;          /* [n] */
	size_t nselected;
	char **why;              /* [n]: why selected, or why left out (eligible ones); NULL */
	/* The selection's value on each criterion of §7.2, with the staying members. */
	int profiles, regions, pairs, groups, fresh, score;
};
void recruit_result_free(struct recruit_result *x);

/* The recommendation of §7.2 for body on day d among c[0..n) (seats < 0: computed), the
 * candidates with skip[i] (may be NULL) left out (recommended for an earlier body of the
 * round). Exact: a dynamic programme over the municipalities whose state is the number
 * chosen and the profiles, regions and municipality groups covered, pruned by an optimistic
 * bound against the best set found so far. 0, or -1 when the model or register is unusable
 * (body not found). */
int recruit_select(const struct model *m, const struct munic_table *mt, const struct reg *r,
                   int body, fk_date d, const struct recruit_cand *c, size_t n, int seats,
                   int min_score, const bool *skip, struct recruit_result *out);

/* The candidates file of `recruit propose` (SPEC §7.3): CSV with a header, columns in any
 * order: candidate, person (optional: a register person's id), name, municipality (three
 * digits), profile (a profile id) and score (0-100, at most one decimal, a point). */
struct recruit_file {
	struct recruit_cand *v;  /* ids point into ids */
	char **ids;
	char **persons;          /* the person column as written, NULL when empty */
	long *line;              /* where each stands */
	size_t n, cap;
};
void recruit_file_free(struct recruit_file *f);
/* Reads data[0..len) (named file) into out: FK_OK, or FK_EINPUT with one diagnostic per
 * problem (file:line:column, Danish, saying what to do): unknown, doubled or missing
 * columns, an empty or doubled candidate id, a person named twice, a municipality that is
 * not three digits, a score that is not one. A municipality outside the 98, a profile the
 * model does not know and a person the register does not know are not errors: the first two
 * make the candidate ineligible (§7.1), the last makes them new. */
int recruit_read_csv(const struct model *m, const struct reg *r, const char *file,
                     const char *data, size_t len, struct recruit_file *out, struct diags *d);
/* A score of 0-100 with at most one decimal (a point) in tenths; -1 when it is not one. */
int recruit_parse_score(const char *s);
#endif
