/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "store/check_all.h"

#include "core/economy.h"
#include <stdlib.h>

#include "core/agenda.h"
#include "util/err.h"
#include "util/xalloc.h"

int check_all(struct store *st, const struct model *m, const struct munic_table *mt,
              const struct reg *r, fk_date d, struct findings *out)
{
	size_t first = out->n;
	rules_check(m, mt, r, d, out);
	int rc = FK_OK;
	(void)st;
	/* The checkers of the governance flows add their findings here: each loads its data
	 * with its store functions and calls its pure checker in src/core. */
	/* initiatives, portfolio and economy */
	{
		struct econ e;
		econ_init(&e, m->rate_ore);
		int erc = store_econ_load(st, mt, &e);
		if (erc == FK_OK)
			econ_check(&e, d, out);
		else if (rc == FK_OK)
			rc = erc;
		econ_free(&e);
	}
	/* end initiatives, portfolio and economy */
	/* working groups and written hearings */
	{
		int wrc = store_wg_check(st, m, d, out);
		if (wrc != FK_OK && rc == FK_OK)
			rc = wrc;
	}
	/* end working groups and written hearings */
	/* cases and goals */
	/* meetings */
	{
		struct meeting *mv = NULL;
		size_t nm = 0;
		int mrc = store_meeting_list(st, 0, true, &mv, &nm);
		if (mrc == FK_OK)
			meeting_check(m, mv, nm, d, out);
		if (mrc == FK_OK && nm > 0) {
			/* status-missing: the reference groups' initiatives and their reports. */
			struct econ e;
			econ_init(&e, m->rate_ore);
			if ((mrc = store_econ_load(st, mt, &e)) == FK_OK) {
				struct meeting_initiative *in = xcalloc(e.ninits + 1, sizeof *in);
				fk_date *rep = xcalloc(e.nreports + 1, sizeof *rep);
				size_t nr = 0;
				for (size_t i = 0; i < e.ninits; i++) {
					const struct econ_initiative *x = &e.inits[i];
					fk_date started = DATE_NONE;
					if (!x->created || date_parse(x->created, 10, &started) != 0)
						started = DATE_NONE;
					in[i] = (struct meeting_initiative){x->body, x->key, x->name, started,
					                                    rep + nr, 0};
					for (size_t k = 0; k < e.nreports; k++)
						if (e.reports[k].initiative == (int32_t)i) {
							rep[nr++] = e.reports[k].date;
							in[i].nreports++;
						}
				}
				meeting_check_statuses(m, mv, nm, in, e.ninits, d, out);
				free(in);
				free(rep);
			}
			econ_free(&e);
		}
		if (mrc != FK_OK && rc == FK_OK)
			rc = mrc;
		meetings_free(mv, nm);
	}
	/* end meetings */
	findings_sort(out, r, first);
	return rc;
}
