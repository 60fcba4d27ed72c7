/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_OPENDATA_H
#define FK_OPENDATA_H
#include <jansson.h>

#include "core/date.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"

/* Open data (issue 15): the public register as Popolo JSON (https://www.popoloproject.com):
 * persons (name and id only: never an e-mail address), organizations (the bodies with their
 * hierarchy, KL's bodies linked through their parent), posts (each body's seats by origin),
 * memberships (start, end, role, the municipality as area) and areas (the 98 municipalities
 * under the five regions). Ids are stable: "person/KEY", "body/ID", "post/BODY/SEAT",
 * "membership/PERSON/BODY/START", "area/kommune/CODE", "area/region/N". Licensed CC BY 4.0
 * (stated in the document). */
#define OPENDATA_LICENSE "CC-BY-4.0"
#define OPENDATA_LICENSE_URL "https://creativecommons.org/licenses/by/4.0/"

json_t *opendata_popolo(const struct model *m, const struct munic_table *mt, const struct reg *r,
                        fk_date today);

/* OParl 1.1 (https://oparl.org) for the steering group's published meetings: the system, the
 * body, the organization, each meeting whose minutes are published with its agenda items
 * (number, name, outcome, the minutes' text), its minutes as a file, and the written
 * material of its items as papers with their files. Nothing of a meeting before its minutes
 * are published, no proposal, no hearing answer; a withdrawn file is gone from the material
 * and so from here. Ids are addresses under base ("https://fkigov.example.dk/open-data/oparl"),
 * where the files can be fetched. */
#include "core/agenda.h"
struct oparl_file {
	int64_t id;
	int pos;              /* the item it belongs to */
	const char *name, *mime;
	int64_t size;
	fk_date date;         /* uploaded */
};
struct oparl_meeting {
	const struct meeting *mt;
	const struct oparl_file *files;
	size_t nfiles;
};
json_t *opendata_oparl(const struct model *m, const char *base, const struct oparl_meeting *v,
                       size_t n, fk_date today);
#endif
