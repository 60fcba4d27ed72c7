/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Open data as Popolo JSON (opendata.h). */
#include "core/opendata.h"

#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const seat_label[SEAT__MAX] = {"Kommunal plads", "KL's plads", "UDK's plads",
                                                  "KOMBITs plads"};

static json_t *day(fk_date d)
{
	if (d == DATE_NONE || d == DATE_OPEN)
		return json_null();
	char s[11];
	date_format(d, s);
	return json_string(s);
}

json_t *opendata_popolo(const struct model *m, const struct munic_table *mt, const struct reg *r,
                        fk_date today)
{
	json_t *persons = json_array(), *orgs = json_array(), *posts = json_array(),
	       *members = json_array(), *areas = json_array();
	char id[256], pid[256];
	for (size_t i = 0; i < mt->nregions; i++) {
		snprintf(id, sizeof id, "area/region/%zu", i + 1);
		json_array_append_new(areas, json_pack("{s:s, s:s, s:s}", "id", id, "name", mt->regions[i],
		                                       "classification", "region"));
	}
	for (size_t i = 0; i < mt->n; i++) {
		const struct munic *k = &mt->v[i];
		char code[8];
		snprintf(id, sizeof id, "area/kommune/%03d", k->code);
		snprintf(pid, sizeof pid, "area/region/%d", k->region + 1);
		snprintf(code, sizeof code, "%03d", k->code);
		json_array_append_new(areas, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", id, "name",
		                                       k->name, "identifier", code, "classification",
		                                       "kommune", "parent_id", pid));
	}
	for (size_t b = 0; b < m->nbodies; b++) {
		const struct model_body *x = &m->bodies[b];
		snprintf(id, sizeof id, "body/%s", x->id);
		json_t *o = json_pack("{s:s, s:s, s:s, s:[{s:s, s:s}]}", "id", id, "name", x->name,
		                      "classification", x->kind, "identifiers", "identifier", x->id,
		                      "scheme", "fkigov");
		if (x->description)
			json_object_set_new(o, "description", json_string(x->description));
		if (x->parent_index >= 0) {
			snprintf(pid, sizeof pid, "body/%s", m->bodies[x->parent_index].id);
			json_object_set_new(o, "parent_id", json_string(pid));
		}
		json_array_append_new(orgs, o);
		for (int s = 0; s < SEAT__MAX; s++) {
			if (x->seats[s] <= 0)
				continue;
			char label[96];
			snprintf(id, sizeof id, "post/%s/%s", x->id, seat_name(s));
			snprintf(pid, sizeof pid, "body/%s", x->id);
			snprintf(label, sizeof label, "%s i %s (%d)", seat_label[s], x->name, x->seats[s]);
			json_array_append_new(posts, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "label",
			                                       label, "role", seat_name(s), "organization_id",
			                                       pid));
		}
	}
	/* Only people who have an appointment are published, with their name and id. */
	bool *named = calloc(r->npersons + 1, sizeof *named);
	for (size_t i = 0; i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		const struct reg_person *p = &r->persons[a->person];
		const struct model_body *x = &m->bodies[a->body];
		char start[11];
		date_format(a->start, start);
		snprintf(id, sizeof id, "membership/%s/%s/%s", p->key, x->id, start);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "id", id, "person_id", "",
		                      "organization_id", "", "role", seat_label[a->seat], "start_date",
		                      day(a->start), "end_date", day(a->end));
		snprintf(pid, sizeof pid, "person/%s", p->key);
		json_object_set_new(o, "person_id", json_string(pid));
		snprintf(pid, sizeof pid, "body/%s", x->id);
		json_object_set_new(o, "organization_id", json_string(pid));
		snprintf(pid, sizeof pid, "post/%s/%s", x->id, seat_name(a->seat));
		json_object_set_new(o, "post_id", json_string(pid));
		if (a->munic) {
			snprintf(pid, sizeof pid, "area/kommune/%03d", a->munic);
			json_object_set_new(o, "area_id", json_string(pid));
		}
		if (a->profile >= 0)
			json_object_set_new(o, "label", json_string(m->profiles[a->profile].name));
		json_array_append_new(members, o);
		if (named && !named[a->person]) {
			named[a->person] = true;
			snprintf(pid, sizeof pid, "person/%s", p->key);
			json_array_append_new(persons, json_pack("{s:s, s:s}", "id", pid, "name", p->name));
		}
	}
	free(named);
	json_t *meta = json_pack("{s:s, s:s, s:o, s:s, s:s}", "license", OPENDATA_LICENSE,
	                         "license_url", OPENDATA_LICENSE_URL, "date", day(today), "source",
	                         "fkigov", "model", m->name);
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "meta", meta, "persons", persons,
	                 "organizations", orgs, "posts", posts, "memberships", members, "areas",
	                 areas);
}
