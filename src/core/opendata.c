/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Open data as Popolo JSON (opendata.h). */
#include "core/opendata.h"

#include <stdarg.h>
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

/* ------------------------------------------------------------------ OParl */

#define OPARL "https://schema.oparl.org/1.1/"

static json_t *url(const char *base, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static json_t *url(const char *base, const char *fmt, ...)
{
	char tail[200], out[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tail, sizeof tail, fmt, ap);
	va_end(ap);
	snprintf(out, sizeof out, "%s%s", base, tail);
	return json_string(out);
}

/* "2027-03-04T09:00:00+01:00" for minute min of day d in Copenhagen. */
static json_t *local_time(fk_date d, int min)
{
	int64_t t = (int64_t)d * 86400 + (int64_t)min * 60;
	int off = date_cph_offset(t - 3600); /* the offset holds from an hour around the change */
	int y, mo, dd;
	date_to_ymd(d + (min >= 24 * 60 ? 1 : 0), &y, &mo, &dd);
	min %= 24 * 60;
	char s[40];
	snprintf(s, sizeof s, "%04d-%02d-%02dT%02d:%02d:00+%02d:00", y, mo, dd, min / 60, min % 60,
	         off / 3600);
	return json_string(s);
}

json_t *opendata_oparl(const struct model *m, const char *base, const struct oparl_meeting *v,
                       size_t n, fk_date today)
{
	int sg = -1;
	for (size_t b = 0; b < m->nbodies; b++)
		if (m->cycle.body && !strcmp(m->bodies[b].id, m->cycle.body))
			sg = (int)b;
	const char *name = sg >= 0 ? m->bodies[sg].name : "Styregruppen";
	json_t *system = json_pack("{s:o, s:s, s:s, s:o, s:s, s:s}", "id", url(base, "/system"), "type",
	                           OPARL "System", "oparlVersion", OPARL, "body",
	                           url(base, "/bodies"), "name", "fkigov", "license",
	                           OPENDATA_LICENSE_URL);
	json_t *body = json_pack(
	    "{s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", url(base, "/body"), "type",
	    OPARL "Body", "system", url(base, "/system"), "name", name, "shortName", "FKI",
	    "organization", url(base, "/organizations"), "person", url(base, "/persons"), "meeting",
	    url(base, "/meetings"), "paper", url(base, "/papers"), "legislativeTerm", json_array(),
	    "license", OPENDATA_LICENSE_URL);
	/* The steering group has no elections: each calendar year with published meetings is
	 * its term. */
	json_t *terms = json_object_get(body, "legislativeTerm");
	for (size_t i = 0; i < n; i++) {
		int y = v[i].mt->year;
		char yname[8], a[11], b[11];
		snprintf(yname, sizeof yname, "%d", y);
		bool seen = false;
		for (size_t k = 0; k < json_array_size(terms); k++)
			seen |= !strcmp(json_string_value(json_object_get(json_array_get(terms, k), "name")),
			                yname);
		if (seen || v[i].mt->state != MEETING_PUBLISHED)
			continue;
		date_format(date_from_ymd(y, 1, 1), a);
		date_format(date_from_ymd(y, 12, 31), b);
		json_array_append_new(terms, json_pack("{s:o, s:s, s:o, s:s, s:s, s:s}", "id",
		                                       url(base, "/legislative-term/%d", y), "type",
		                                       OPARL "LegislativeTerm", "body",
		                                       url(base, "/body"), "name", yname, "startDate", a,
		                                       "endDate", b));
	}
	json_t *orgs = json_pack("[{s:o, s:s, s:o, s:s, s:s}]", "id",
	                         url(base, "/organization/%s", sg >= 0 ? m->bodies[sg].id : "styregruppe"),
	                         "type", OPARL "Organization", "body", url(base, "/body"), "name", name,
	                         "classification", "Styregruppe");
	json_t *meetings = json_array(), *papers = json_array(), *files = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = v[i].mt;
		if (mt->state != MEETING_PUBLISHED)
			continue;
		char title[80], ds[11];
		snprintf(title, sizeof title, "Styregruppemøde %d/%d", mt->number, mt->year);
		date_format(mt->date, ds);
		json_t *minutes = json_pack(
		    "{s:o, s:s, s:s, s:s, s:s, s:o, s:s, s:[o]}", "id", url(base, "/file/minutes-%lld",
		                                                         (long long)mt->id),
		    "type", OPARL "File", "name", "Referat", "fileName", "referat.pdf", "mimeType",
		    "application/pdf", "accessUrl", url(base, "/file/minutes-%lld", (long long)mt->id),
		    "date", ds, "meeting", url(base, "/meeting/%lld", (long long)mt->id));
		json_array_append_new(files, json_deep_copy(minutes));
		json_t *items = json_array();
		for (size_t k = 0; k < mt->nitems; k++) {
			const struct meeting_item *it = &mt->items[k];
			char num[16];
			snprintf(num, sizeof num, "%d", it->pos);
			json_t *ai = json_pack("{s:o, s:s, s:o, s:s, s:i, s:s, s:b}", "id",
			                       url(base, "/agenda-item/%lld-%d", (long long)mt->id, it->pos),
			                       "type", OPARL "AgendaItem", "meeting",
			                       url(base, "/meeting/%lld", (long long)mt->id), "number", num,
			                       "order", it->pos, "name", it->title, "public", 1);
			if (it->outcome)
				json_object_set_new(ai, "result", json_string(agenda_outcome_da(it->outcome)));
			if (it->minutes_text && *it->minutes_text)
				json_object_set_new(ai, "resolutionText", json_string(it->minutes_text));
			json_array_append_new(items, ai);
		}
		json_t *mj = json_pack("{s:o, s:s, s:s, s:s, s:b, s:o, s:o, s:[o], s:o, s:o, s:s}", "id",
		                       url(base, "/meeting/%lld", (long long)mt->id), "type",
		                       OPARL "Meeting", "name", title, "meetingState",
		                       "Referatet er offentliggjort", "cancelled", 0, "start",
		                       local_time(mt->date, mt->start_min), "end",
		                       local_time(mt->date, mt->end_min), "organization",
		                       url(base, "/organization/%s",
		                           sg >= 0 ? m->bodies[sg].id : "styregruppe"),
		                       "agendaItem", items, "resultsProtocol", minutes, "license",
		                       OPENDATA_LICENSE_URL);
		json_array_append_new(meetings, mj);
		for (size_t f = 0; f < v[i].nfiles; f++) {
			const struct oparl_file *x = &v[i].files[f];
			char fd[11];
			date_format(x->date, fd);
			json_t *file = json_pack("{s:o, s:s, s:s, s:s, s:s, s:I, s:o, s:s, s:[o]}", "id",
			                         url(base, "/file/%lld", (long long)x->id), "type",
			                         OPARL "File", "name", x->name, "fileName", x->name,
			                         "mimeType", x->mime, "size", (json_int_t)x->size,
			                         "accessUrl", url(base, "/file/%lld", (long long)x->id),
			                         "date", fd, "meeting",
			                         url(base, "/meeting/%lld", (long long)mt->id));
			json_array_append_new(files, json_deep_copy(file));
			json_array_append_new(
			    papers, json_pack("{s:o, s:s, s:o, s:s, s:s, s:s, s:o, s:s}", "id",
			                      url(base, "/paper/%lld", (long long)x->id), "type",
			                      OPARL "Paper", "body", url(base, "/body"), "name", x->name,
			                      "date", fd, "paperType", "Skriftligt materiale", "mainFile",
			                      file, "license", OPENDATA_LICENSE_URL));
		}
	}
	json_t *meta = json_pack("{s:s, s:s, s:o, s:s}", "license", OPENDATA_LICENSE, "license_url",
	                         OPENDATA_LICENSE_URL, "date", day(today), "source", "fkigov");
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "meta", meta, "system", system,
	                 "body", body, "organizations", orgs, "meetings", meetings, "papers", papers,
	                 "files", files);
}
