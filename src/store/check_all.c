#include "store/check_all.h"

#include "util/err.h"

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
	/* working groups and written hearings */
	/* cases and goals */
	findings_sort(out, r, first);
	return rc;
}
