/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_REPORT_H
#define FK_REPORT_H
#include <jansson.h>
#include <stdbool.h>

#include "core/forecast.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/register.h"
#include "core/rules.h"

/* View models: one JSON document per view, shared by the command line (--json), the web
 * pages (rendered through templates) and the API. Each returns a new reference.
 * with_private adds what only logged-in users may see (e-mail addresses). */

/* {"date": "YYYY-MM-DD", "findings": [{"rule","severity","body","person","message"}]} */
json_t *report_findings(const struct model *m, const struct reg *r, const struct findings *f,
                        fk_date d);
/* The forecast, quarter by quarter per body. */
json_t *report_forecast(const struct model *m, const struct reg *r, const struct forecast *f);
/* A body on date d: identity and model facts (kind, parent, relation, description,
 * involvement, mandate, topics, seats, term and seniority rules), the current members
 * ("members", ordered by seat and name, each with municipality {code, name, region}, profile,
 * status, stint start/end, last allowed day, earliest return, seniority), the planned
 * appointments ("planned"), the past ones ("history"), the vacancies, and — only when f is
 * not NULL — the findings concerning it. Every key is always present (null when there is no
 * value) except "email" (only with with_private) and "findings" (only with f). */
json_t *report_body(const struct model *m, const struct munic_table *mt, const struct reg *r,
                    int body, fk_date d, const struct findings *f, bool with_private);
/* Every body with seats, members (a count) and vacant seats on d. */
json_t *report_bodies(const struct model *m, const struct reg *r, fk_date d);
/* A person with all appointments, newest first, each with its status on d ("past",
 * "current", "planned"). */
json_t *report_person(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      int person, fk_date d, bool with_private);
/* The people on d, by name, with their current and planned appointments:
 * {"date", "q", "body", "past", "total", "offset", "limit", "people": [{"person", "name",
 * ["email"], "current": [...], "planned": [...], "past_count"}]}. q (may be NULL) keeps the
 * people whose name or key contains it, caseless (Danish letters too); body >= 0 keeps those
 * with a current or planned appointment in that body (with past: any appointment there).
 * "total" counts the matches; "people" holds limit of them (0: all) from offset on. */
json_t *report_people(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      fk_date d, const char *q, int body, bool past, size_t offset, size_t limit,
                      bool with_private);
/* The timeline of a body for term planning: {"from", "to", "date", "rows": [{"person", "name",
 * "status", "appointments": [{"id", "start", "end", "seat", "organisation", "municipality",
 * "profile", "status"}], "terms": [{"start", "end", "last_allowed_day", "over_limit",
 * "cooloff_start", "earliest_return", "projected"}]}]}. The window is whole years: from the
 * first appointment (at most 12 years before d) to 3 years after d, longer to show planned
 * appointments, recorded ends and the last allowed days of open terms (at most 10 years).
 * Rows are the people with an appointment or a cooling-off in the window, by first start.
 * A term is a municipal stint (as the rules count it); its cooling-off runs from the day
 * after its end — for an open term, projected from the last allowed day (or d, when that has
 * passed) — to the day before earliest_return. */
json_t *report_timeline(const struct model *m, const struct reg *r, int body, fk_date d);
/* One appointment in the columns of the appointments file. */
json_t *report_appt(const struct model *m, const struct reg *r, const struct reg_appt *a,
                    bool with_private);
/* A date as "YYYY-MM-DD", or JSON null for DATE_OPEN / DATE_NONE. */
json_t *report_date(fk_date t);
/* s as a JSON string; null for NULL. */
json_t *report_str(const char *s);
/* "4 år og 10 måneder" for the time from since to d. */
void report_duration_da(fk_date since, fk_date d, char *out, size_t n);
/* "1. jan. 2027"; "" for DATE_OPEN and DATE_NONE. */
void report_date_short_da(fk_date t, char *out, size_t n);
/* Danish names: of a body kind ("steering-group" -> "Styregruppe") and of a relation
 * ("advises" -> "rådgiver"); unknown words come back as they are. */
const char *report_kind_name(const char *kind);
const char *report_relation_name(const char *relation);
/* True when needle (NULL or "" matches everything) occurs in hay, caseless for ASCII and the
 * Latin-1 letters (Æ, Ø, Å, É ...). */
bool report_text_match(const char *hay, const char *needle);
/* The findings as an Excel workbook (util/xlsx.h), one row each: body, severity, rule,
 * person, message. 0, or -1 with a Danish reason in err[n]. */
struct buf;
int report_findings_xlsx(const struct model *m, const struct reg *r, const struct findings *f,
                         fk_date d, const char *source, struct buf *out, char *err, size_t n);
#endif
