/* JSON values: see jsonv.h. */
#include "core/jsonv.h"

json_t *jsonv_date(fk_date d)
{
	if (d == DATE_NONE || d == DATE_OPEN)
		return json_null();
	char s[11];
	date_format(d, s);
	return json_string(s);
}

json_t *jsonv_str(const char *s) { return s ? json_string(s) : json_null(); }
