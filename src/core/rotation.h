/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ROTATION_H
#define FK_ROTATION_H
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/register.h"

/* The inspiration talk at the steering group's meetings (SPEC §2.5: "the municipal members
 * take turns"): the candidates are the municipal members of the meeting body serving on the
 * meeting day; the next speaker is the one whose last talk is longest ago (never counts as
 * longest), ties by the earliest start of the current stint, then by person key. Pure. */

struct rotation_cand {
	int32_t person;      /* index into reg.persons */
	fk_date stint_start; /* start of the stint the appointment serving on the day is in */
	fk_date last_talk;   /* DATE_NONE: never gave one */
};

/* A talk given (or planned) at a meeting: by person key on date. */
struct rotation_talk {
	const char *person;
	fk_date date;
};

/* The candidates for a meeting on day of body (a model body index), in register order:
 * municipal-seat members serving on day. r must be sorted (reg_sort). *out is a new array
 * (caller frees); returns how many. last_talk is DATE_NONE. */
size_t rotation_candidates(const struct model *m, const struct reg *r, int body, fk_date day,
                           struct rotation_cand **out);
/* Sets each candidate's last_talk to the latest of its talks in talks. */
void rotation_apply_talks(const struct reg *r, struct rotation_cand *c, size_t n,
                          const struct rotation_talk *talks, size_t ntalks);
/* Sorts the candidates in turn order (the next speaker first). */
void rotation_order(const struct reg *r, struct rotation_cand *c, size_t n);
/* The index in c of the next speaker, or -1 when there are no candidates. */
int rotation_pick(const struct reg *r, const struct rotation_cand *c, size_t n);
/* As rotation_pick, but skipping every candidate whose person key is one of skip[0..nskip)
 * (the members who have sent apologies for the meeting, issue 12): the next in turn among
 * the others, or -1 when none is left. */
int rotation_pick_skip(const struct reg *r, const struct rotation_cand *c, size_t n,
                       const char *const *skip, size_t nskip);
#endif
