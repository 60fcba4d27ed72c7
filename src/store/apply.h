/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_STORE_APPLY_H
#define FK_STORE_APPLY_H
#include "core/importer.h"
#include "store/store.h"

/* Writes an import plan in one transaction: new and changed people, new and changed
 * appointments, each audited. All or nothing: on failure everything is rolled back. Joins
 * the caller's transaction when one is open (so reading the register, planning and writing
 * can be one transaction; the caller then commits or rolls back).
 * *inserted and *updated (may be NULL) count appointments written. */
int store_apply_plan(struct store *st, const char *actor, const struct model *m,
                     const struct imp_plan *plan, size_t *inserted, size_t *updated);
#endif
