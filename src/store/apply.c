/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "store/apply.h"
#include "store/store_int.h"

#include <stdlib.h>

#include "util/err.h"
#include "util/xalloc.h"

int store_apply_plan(struct store *st, const char *actor, const struct model *m,
                     const struct imp_plan *plan, size_t *inserted, size_t *updated)
{
	size_t ins = 0, upd = 0;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	int64_t *ids = xcalloc(plan->npersons ? plan->npersons : 1, sizeof *ids);
	for (size_t i = 0; i < plan->npersons && rc == FK_OK; i++) {
		const struct imp_person *p = &plan->persons[i];
		ids[i] = p->id;
		if (p->is_new || p->changed)
			rc = store_person_put(st, actor, p->key, p->name, p->email, &ids[i]);
	}
	for (size_t i = 0; i < plan->nappts && rc == FK_OK; i++) {
		/* The store takes the person's row id in a.person (store_appt_insert). */
		struct reg_appt a = plan->appts[i].a;
		a.person = (int32_t)ids[a.person];
		if (a.id) {
			rc = store_appt_update(st, actor, m, &a);
			upd++;
		} else {
			rc = store_appt_insert(st, actor, m, &a);
			ins++;
		}
	}
	free(ids);
	if ((rc = tx_leave(st, own, rc)) != FK_OK)
		return rc;
	if (inserted)
		*inserted = ins;
	if (updated)
		*updated = upd;
	return FK_OK;
}
