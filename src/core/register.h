/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_REGISTER_H
#define FK_REGISTER_H
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"

/* The register in memory: people and their appointments to the model's bodies.
 * Loaded from the store, or built by the CSV importer, and handed to the rules.
 * Strings are owned by the register. */

struct reg_person {
	int64_t id;   /* store row id, 0 when not stored yet */
	char *key;    /* stable person id from the files, e.g. "p7" */
	char *name;
	char *email;  /* NULL when not given */
};

struct reg_appt {
	int64_t id;       /* store row id, 0 when not stored yet */
	int32_t person;   /* index into reg.persons */
	int32_t body;     /* index into model.bodies */
	int8_t org;       /* enum seat_origin: the organisation of the appointment */
	int8_t seat;      /* enum seat_origin: the seat held */
	int16_t profile;  /* index into model.profiles, -1 none */
	int16_t munic;    /* municipality code, 0 none */
	fk_date start;
	fk_date end;      /* last day, inclusive; DATE_OPEN when still serving */
};

struct reg {
	struct reg_person *persons;
	size_t npersons, cappersons;
	struct reg_appt *appts;
	size_t nappts, capappts;
};

void reg_init(struct reg *r);
void reg_free(struct reg *r);
/* Adds a person (takes copies of the strings); returns its index. */
int32_t reg_person_add(struct reg *r, int64_t id, const char *key, const char *name,
                       const char *email);
/* Index of the person with key, or -1 (linear; callers that need speed keep a map). */
int32_t reg_person_find(const struct reg *r, const char *key);
void reg_appt_add(struct reg *r, const struct reg_appt *a);
/* True when person (an index) holds an appointment to body (an index) current on d: it has
 * started and not ended (an open end never does). */
bool reg_serves(const struct reg *r, int32_t person, int32_t body, fk_date d);
/* Sorts appointments by body, person, start: the order the rules walk. */
void reg_sort(struct reg *r);

/* ---------------------------------------------------------------- corrections */

/* 0 when name is a usable person's name (not empty, one line, at most 120 characters);
 * else -1 with a Danish sentence in why[n] that says what to do. */
int reg_check_name(const char *name, char *why, size_t n);
/* 0 when email is "" or looks like an e-mail address (one @, a dot in the domain, no
 * spaces or separators, at most 254 bytes: the importer's test); else -1 with why. */
int reg_check_email(const char *email, char *why, size_t n);
/* The persons (indices, at most max of them, into out) other than except (-1: none) who
 * have the same e-mail address (ignoring case) or the same name (ignoring case) as given
 * (either may be NULL or ""): the likely duplicates of a new or edited person. Returns how
 * many were found (may be more than max; only max are written). */
size_t reg_person_similar(const struct reg *r, const char *name, const char *email,
                          int32_t except, int32_t *out, size_t max);
/* What merging person gone into person keep (indices, different) does to gone's
 * appointments. An appointment of gone that is an exact copy of one of keep's (body, start,
 * end, seat, organisation, municipality, profile) is dropped: its index into r->appts goes to
 * drop (room for r->nappts), *ndrop how many. Any other appointment of gone that overlaps one
 * of keep's in the same body makes the merge impossible: -1 with a Danish sentence in
 * why[n] naming the body and both periods. 0 when the merge can go ahead. */
int reg_merge_plan(const struct model *m, const struct reg *r, int32_t keep, int32_t gone,
                   size_t *drop, size_t *ndrop, char *why, size_t n);
#endif
