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
#endif
