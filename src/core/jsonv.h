#ifndef FK_JSONV_H
#define FK_JSONV_H
/* JSON values for the view models and audit records: a date as "YYYY-MM-DD" and an
 * optional string, each JSON null when absent. */
#include <jansson.h>

#include "core/date.h"

/* d as "YYYY-MM-DD"; null for DATE_NONE and DATE_OPEN (no end). */
json_t *jsonv_date(fk_date d);
/* s as a string; null for NULL. */
json_t *jsonv_str(const char *s);
#endif
