/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CHECK_ALL_H
#define FK_CHECK_ALL_H
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "core/rules.h"
#include "store/store.h"

/* Every rule on date d: the membership rules (rules_check) on the register r, then the
 * rules of the governance flows (working groups, economy) on what the store holds. Loads
 * what each checker needs and calls the pure checkers of src/core; findings come sorted.
 * The one entry point for `fkigov check`, the API and the pages. */
int check_all(struct store *st, const struct model *m, const struct munic_table *mt,
              const struct reg *r, fk_date d, struct findings *out);
#endif
