#include "core/register.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void reg_init(struct reg *r) { memset(r, 0, sizeof *r); }

void reg_free(struct reg *r)
{
	for (size_t i = 0; i < r->npersons; i++) {
		free(r->persons[i].key);
		free(r->persons[i].name);
		free(r->persons[i].email);
	}
	free(r->persons);
	free(r->appts);
	reg_init(r);
}

int32_t reg_person_add(struct reg *r, int64_t id, const char *key, const char *name,
                       const char *email)
{
	r->persons = xgrow(r->persons, sizeof *r->persons, r->npersons + 1, &r->cappersons);
	struct reg_person *p = &r->persons[r->npersons];
	p->id = id;
	p->key = xstrdup(key);
	p->name = xstrdup(name ? name : "");
	p->email = email && *email ? xstrdup(email) : NULL;
	return (int32_t)r->npersons++;
}

int32_t reg_person_find(const struct reg *r, const char *key)
{
	for (size_t i = 0; i < r->npersons; i++)
		if (strcmp(r->persons[i].key, key) == 0)
			return (int32_t)i;
	return -1;
}

bool reg_serves(const struct reg *r, int32_t person, int32_t body, fk_date d)
{
	for (size_t i = 0; person >= 0 && i < r->nappts; i++) {
		const struct reg_appt *a = &r->appts[i];
		if (a->person == person && a->body == body && a->start <= d &&
		    (a->end == DATE_OPEN || d <= a->end))
			return true;
	}
	return false;
}

void reg_appt_add(struct reg *r, const struct reg_appt *a)
{
	r->appts = xgrow(r->appts, sizeof *r->appts, r->nappts + 1, &r->capappts);
	r->appts[r->nappts++] = *a;
}

static int cmp_appt(const void *x, const void *y)
{
	const struct reg_appt *a = x, *b = y;
	if (a->body != b->body)
		return a->body < b->body ? -1 : 1;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return 0;
}

void reg_sort(struct reg *r)
{
	if (r->nappts > 1)
		qsort(r->appts, r->nappts, sizeof *r->appts, cmp_appt);
}
