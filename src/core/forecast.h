/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_FORECAST_H
#define FK_FORECAST_H
#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/model.h"
#include "core/register.h"

/* Term planning ("løbende udskiftning"): quarter by quarter, per body, who leaves (term limit
 * or a recorded end), the vacancies that opens, when each leaver may return, and the
 * quarters in which the seniority quota would fail if every leaver were replaced by a
 * newcomer the day after. Pure: model and register in, plan out. */

enum leave_reason { LEAVE_TERM_LIMIT, LEAVE_END };

struct fc_leaver {
	int person;            /* index into reg.persons */
	int seat;              /* enum seat_origin */
	fk_date last_day;
	enum leave_reason reason;
	fk_date earliest_return; /* DATE_NONE when no cooling-off applies */
};

struct fc_quarter {
	fk_date start, end;    /* the first quarter starts on the forecast's from date */
	struct fc_leaver *leavers;
	size_t nleavers;
	int vacancies_now;     /* seats empty at the start of the quarter (first quarter only) */
	int members;           /* seats filled at the end of the quarter, newcomers included */
	int senior;            /* of them with the model's seniority at the end of the quarter */
	int required;          /* ceil(members * quota) */
	bool quota_ok;
};

struct fc_body {
	int body;              /* index into model.bodies */
	struct fc_quarter *q;
	size_t nq;
};

struct forecast {
	fk_date from;
	int years;
	struct fc_body *bodies;
	size_t nbodies;
};

/* r must be sorted (reg_sort). years >= 1. */
void forecast_run(const struct model *m, const struct reg *r, fk_date from, int years,
                  struct forecast *out);
void forecast_free(struct forecast *f);
const char *leave_reason_name(enum leave_reason r); /* "term-limit", "end" */
/* "2027-K1" style label of the quarter holding t, written to out[20]. */
void forecast_quarter_label(fk_date t, char out[20]);
#endif
