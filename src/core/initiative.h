/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_INITIATIVE_H
#define FK_INITIATIVE_H
#include <jansson.h>

#include "core/economy.h"
#include "core/model.h"
#include "core/munic.h"

/* The view models of the portfolio and the economy, one JSON shape for the command line,
 * the pages and the API (the same document is printed by `--json` and served under
 * /api/v1/). Pure: data in, new JSON documents out (the caller owns them). Money in øre as
 * integers, dates YYYY-MM-DD. */

/* {"year", "rate_ore", "citizens", "population_date", "frame_ore", "allocated_ore",
 *  "remaining_ore"} in that order: `fkigov economy frame --json`. f from econ_frame. */
json_t *econ_frame_json(const struct econ_frame *f);

/* The report of a year: the frame's keys, then "spent_ore", "unspent_ore" (allocated -
 * spent), "rate" (the record or the model's), "initiatives" (each special initiative with an
 * allocation or spending that year: allocated, spent, unspent), "allocations", "spending",
 * and "municipalities" (code, name, region, citizens, share_ore = rate × citizens) of the
 * population set used. f must come from a successful econ_frame. */
json_t *econ_report_json(const struct econ *e, const struct model *m, const struct munic_table *mt,
                         const struct econ_frame *f);

/* A rate record (index into e->rates), or the model's rate with rate_index -1:
 * {"year", "ore", "decision", "decided", "actor", "current"}. */
json_t *econ_rate_json(const struct econ *e, int index);
/* A population set: {"date", "source", "builtin", "total", "municipalities"}. */
json_t *econ_popset_json(const struct econ_popset *s);

/* One initiative of the portfolio: {"id", "name", "body", "body_name", "description",
 * "special", "created", "status" ({"status", "date", "reason", "actor"} or null), "trend",
 * "next_milestone" ({"title", "due", "done", "overdue"} or null)}; with detail also
 * "reports" (oldest first), "milestones" (by due date), "budget", "allocations" and
 * "spending". today decides what is overdue. */
json_t *initiative_json(const struct econ *e, const struct model *m, int32_t i, fk_date today,
                        bool detail);
/* {"date", "initiatives": [initiative_json without detail]} of every initiative, by owning
 * body (model order), then id. */
json_t *portfolio_json(const struct econ *e, const struct model *m, fk_date today);
#endif
