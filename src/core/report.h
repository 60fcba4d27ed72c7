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
/* A body on date d: identity, seats, current members (with municipality, region, profile,
 * stint start, last allowed day, seniority), planned appointments, vacancies and the
 * findings concerning it (f may be NULL). */
json_t *report_body(const struct model *m, const struct munic_table *mt, const struct reg *r,
                    int body, fk_date d, const struct findings *f, bool with_private);
/* Every body with seats, members and vacancies on d. */
json_t *report_bodies(const struct model *m, const struct reg *r, fk_date d);
/* A person with all appointments. */
json_t *report_person(const struct model *m, const struct munic_table *mt, const struct reg *r,
                      int person, fk_date d, bool with_private);
/* One appointment in the columns of the appointments file. */
json_t *report_appt(const struct model *m, const struct reg *r, const struct reg_appt *a,
                    bool with_private);
/* A date as "YYYY-MM-DD", or JSON null for DATE_OPEN / DATE_NONE. */
json_t *report_date(fk_date t);
/* "4 år og 10 måneder" for the time from since to d. */
void report_duration_da(fk_date since, fk_date d, char *out, size_t n);
#endif
