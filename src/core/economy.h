/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_ECONOMY_H
#define FK_ECONOMY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/model.h"
#include "core/munic.h"
#include "core/rules.h"
#include "util/diag.h"

/* Initiatives, the portfolio and the economy (SPEC §2.6). Pure: the data in memory, loaded
 * by the store (store_econ_load), in; frames, reports, checks and Danish messages out.
 *
 * Money is whole øre in int64_t, never floating point. The frame of a year is
 *   rate (øre per citizen) × citizens,
 * where the rate is the one recorded for the latest year <= the year (else the model's), and
 * the citizens are the sum of the latest population set dated on or before 1 January of the
 * year (the shipped 1 January 2026 figures count as a set). */

#define ECON_YEAR_MIN 1900
#define ECON_YEAR_MAX 2199
/* The largest amount accepted anywhere: 1.000.000.000.000 kr. in øre. */
#define ECON_ORE_MAX INT64_C(100000000000000)
/* The largest rate per citizen: 10.000 kr. in øre. */
#define ECON_RATE_MAX INT64_C(1000000)
/* The most citizens of one municipality in an imported set. */
#define ECON_CITIZENS_MAX INT64_C(100000000)

/* ---------------------------------------------------------------- money */

/* Parses an amount in kroner as people write it into whole øre: "5", "5,00", "5,5", "5,-",
 * "1.234,50", "1 234,50", "1234.50", "1.234" (= 1234 kr.: a dot followed by three digits
 * groups thousands), with an optional "kr.", "kr" or "DKK" before or after. At most two
 * decimals; no sign. Returns 0 and sets *ore, or -1 with a Danish reason in why[n]. */
int econ_parse_kr(const char *s, int64_t *ore, char *why, size_t n);
/* Parses a whole number of øre ("123456", no separators, no sign) up to max. Returns 0 or
 * -1 with a Danish reason in why[n]. */
int econ_parse_ore(const char *s, int64_t max, int64_t *ore, char *why, size_t n);
/* Writes ore as Danish kroner, "1.234,56 kr." (with_unit) or "1.234,56", into out[n]. */
void econ_format_kr(int64_t ore, bool with_unit, char *out, size_t n);
/* Writes a count with Danish thousands dots, "6.025.511". */
void econ_format_int(int64_t v, char *out, size_t n);
/* Parses a year "2027" (1900-2199). Returns 0 or -1. */
int econ_parse_year(const char *s, int *year);

/* ---------------------------------------------------------------- statuses and trends */

enum econ_status { ST_GREEN, ST_YELLOW, ST_RED, ST__MAX };
/* "grøn", "gul", "rød" (also "gron", "groen", "green", "yellow", "rod", "roed", "red", any
 * case). Returns -1 when unknown. */
int econ_status_parse(const char *s);
const char *econ_status_name(int st);  /* "grøn", "gul", "rød" */
const char *econ_status_class(int st); /* "green", "yellow", "red" (for CSS and ids) */

enum econ_trend { TREND_NEW, TREND_BETTER, TREND_WORSE, TREND_SAME, TREND__MAX };
/* The trend from the previous report's status prev (-1: none) to cur. */
enum econ_trend econ_trend(int prev, int cur);
const char *econ_trend_name(enum econ_trend t); /* "new", "better", "worse", "same" */
const char *econ_trend_da(enum econ_trend t);   /* "ny", "bedre", "værre", "uændret" */

/* ---------------------------------------------------------------- the data */

struct econ_initiative {
	int64_t id; /* store row id */
	char *key;  /* "fki-2027-01" */
	char *name;
	char *body;        /* the owning body's id */
	char *description; /* may be NULL */
	bool special;      /* a special initiative financed by the buffet price within the frame */
	char *created;     /* UTC */
};
struct econ_report {
	int64_t id;
	int32_t initiative; /* index into econ.initiatives */
	fk_date date;
	int status;   /* enum econ_status */
	char *reason; /* may be NULL for grøn */
	char *actor;
};
struct econ_milestone {
	int64_t id;
	int32_t initiative;
	char *title;
	fk_date due;
	fk_date done; /* DATE_NONE: not done */
};
struct econ_budget {
	int32_t initiative;
	int year;
	int64_t ore;
};
struct econ_rate {
	int64_t id;
	int year;       /* applies from 1 January of this year until a later year's rate */
	int64_t ore;    /* per citizen */
	char *decision; /* the decision that set it */
	fk_date decided;
	char *actor;
	char *created;
};
struct econ_popset {
	int64_t id; /* 0: the shipped figures */
	fk_date date;
	char *source;
	bool builtin;
	int64_t total;
	size_t n;
	int *codes; /* municipality codes, ascending */
	int64_t *citizens;
};
struct econ_alloc {
	int64_t id;
	int32_t initiative;
	int year;
	int64_t ore;
	char *decision;
	fk_date date;
	char *actor;
};
struct econ_spend {
	int64_t id;
	int32_t initiative;
	int year;
	int64_t ore;
	fk_date date;
	char *note; /* may be NULL */
	char *actor;
};

/* Everything of the economy and the portfolio, in memory. Arrays in store order (id),
 * except the population sets, which econ_sort orders by date. */
struct econ {
	int64_t default_rate; /* the model's rate (model->rate_ore) */
	struct econ_initiative *inits;
	size_t ninits, capinits;
	struct econ_report *reports;
	size_t nreports, capreports;
	struct econ_milestone *miles;
	size_t nmiles, capmiles;
	struct econ_budget *budgets;
	size_t nbudgets, capbudgets;
	struct econ_rate *rates;
	size_t nrates, caprates;
	struct econ_popset *sets;
	size_t nsets, capsets;
	struct econ_alloc *allocs;
	size_t nallocs, capallocs;
	struct econ_spend *spends;
	size_t nspends, capspends;
};

void econ_init(struct econ *e, int64_t default_rate);
void econ_free(struct econ *e);
/* Adders: copy the strings; return the new element (valid until the next add). */
struct econ_initiative *econ_add_initiative(struct econ *e, int64_t id, const char *key,
                                            const char *name, const char *body,
                                            const char *description, bool special,
                                            const char *created);
struct econ_report *econ_add_report(struct econ *e, int64_t id, int32_t initiative, fk_date date,
                                    int status, const char *reason, const char *actor);
struct econ_milestone *econ_add_milestone(struct econ *e, int64_t id, int32_t initiative,
                                          const char *title, fk_date due, fk_date done);
void econ_add_budget(struct econ *e, int32_t initiative, int year, int64_t ore);
struct econ_rate *econ_add_rate(struct econ *e, int64_t id, int year, int64_t ore,
                                const char *decision, fk_date decided, const char *actor,
                                const char *created);
/* A population set with n municipalities (codes and citizens copied); total is summed. */
struct econ_popset *econ_add_popset(struct econ *e, int64_t id, fk_date date, const char *source,
                                    bool builtin, const int *codes, const int64_t *citizens,
                                    size_t n);
/* The shipped figures of mt, dated munic_population_date(). */
void econ_add_builtin_popset(struct econ *e, const struct munic_table *mt);
struct econ_alloc *econ_add_alloc(struct econ *e, int64_t id, int32_t initiative, int year,
                                  int64_t ore, const char *decision, fk_date date,
                                  const char *actor);
struct econ_spend *econ_add_spend(struct econ *e, int64_t id, int32_t initiative, int year,
                                  int64_t ore, fk_date date, const char *note, const char *actor);
/* Orders the population sets by date (an imported set after the shipped one of the same
 * date, so it wins). Call after loading. */
void econ_sort(struct econ *e);

/* Index of the initiative with key, or -1. */
int32_t econ_initiative_find(const struct econ *e, const char *key);

/* ---------------------------------------------------------------- the frame */

struct econ_frame {
	int year;
	int64_t rate_ore;
	int rate_index; /* the rate record that applies, -1: the model's rate */
	int64_t citizens;
	int set_index; /* the population set used, -1: none */
	fk_date population_date;
	int64_t frame_ore;
	int64_t allocated_ore;
	int64_t spent_ore;
	int64_t remaining_ore; /* frame - allocated, may be negative */
};

/* The rate that applies to year: the newest record of the latest year <= year, else the
 * default. *index (may be NULL) gets the record's index or -1. */
int64_t econ_rate_for(const struct econ *e, int year, int *index);
/* Index of the population set for year: the latest dated on or before year-01-01; -1 when
 * there is none. */
int econ_popset_for(const struct econ *e, int year);
/* rate × citizens in øre; -1 when it would overflow int64 (or an argument is negative). */
int64_t econ_frame_ore(int64_t rate_ore, int64_t citizens);
/* Fills f for year. Returns 0, or -1 when no population set is dated on or before year-01-01
 * (then why[n] says which dates exist and how to import figures, and f holds the rate and
 * the allocations only). */
int econ_frame(const struct econ *e, int year, struct econ_frame *f, char *why, size_t n);
/* Sums of allocations and spending of year, for one initiative (>= 0) or all (-1). */
int64_t econ_allocated(const struct econ *e, int year, int32_t initiative);
int64_t econ_spent(const struct econ *e, int year, int32_t initiative);

/* Whether ore more may be allocated to initiative in year. Returns FK_OK; or FK_EINPUT with
 * a Danish message in msg[n] and *over (may be NULL) the amount over the frame in øre (0 when
 * the refusal is not about the frame): the initiative is not special, the year has no frame,
 * or allocated + ore > frame ("Bevillingen overstiger rammen for 2027 med 1.234,56 kr.;
 * rammen er ...", in kroner: pages show it as it is). Exactly at the frame is allowed. */
int econ_can_allocate(const struct econ *e, int32_t initiative, int year, int64_t ore, char *msg,
                      size_t n, int64_t *over);
/* Whether ore more may be spent against initiative's allocation of year: FK_OK, or
 * FK_EINPUT with msg and *over (spent + ore - allocated) when it would exceed it. */
int econ_can_spend(const struct econ *e, int32_t initiative, int year, int64_t ore, char *msg,
                   size_t n, int64_t *over);

/* frame-exceeded on date d: for every year >= year(d) with allocations whose sum is above the
 * year's frame, one error finding (body "economy", "Økonomi"). */
void econ_check(const struct econ *e, fk_date d, struct findings *out);

/* ---------------------------------------------------------------- the portfolio */

/* Indices into e->reports of the latest and the previous report of initiative (by date, then
 * id); -1 when none. */
void econ_latest_reports(const struct econ *e, int32_t initiative, int *latest, int *previous);
/* Index into e->miles of the next milestone of initiative: the not-done one due first; -1
 * when none. */
int econ_next_milestone(const struct econ *e, int32_t initiative);

/* ---------------------------------------------------------------- validation
 * Each appends one diagnostic per bad field (field = the option/field name without "--",
 * message in Danish saying what to do) and returns FK_OK or FK_EINPUT. */

/* key: letters a-z A-Z, digits, '-' and '_', at most 64; name 1-200 characters without
 * control characters; body a body of m; description at most 4000 bytes. */
int econ_check_initiative(const struct model *m, const char *key, const char *name,
                          const char *body, const char *description, struct diags *d);
/* status a status (econ_status_parse); reason required for gul and rød, at most 2000 bytes;
 * date not after today. *st gets the status. */
int econ_check_report(const char *status, const char *reason, fk_date date, fk_date today, int *st,
                      struct diags *d);
/* title 1-200 characters; done (DATE_NONE: not done) not after today. */
int econ_check_milestone(const char *title, fk_date due, fk_date done, fk_date today,
                         struct diags *d);
/* A free text (decision, note, source): required or not, at most max bytes, no control
 * characters but for none. field and label name it. */
int econ_check_text(const char *s, bool required, size_t max, const char *field, const char *what,
                    struct diags *d);

/* ---------------------------------------------------------------- population files */

/* Parses a population CSV (columns kode or code, and indbyggere or population, in any order;
 * other columns ignored; ',' or ';', BOM allowed) holding every municipality of mt exactly
 * once. On success fills codes/citizens (mt->n entries, by code, caller frees) and returns
 * FK_OK; else FK_EINPUT with every problem as file:line:column and why in d (all rows or
 * none). */
int econ_population_parse(const char *csv, size_t len, const char *file,
                          const struct munic_table *mt, int **codes, int64_t **citizens, size_t *n,
                          struct diags *d);
#endif
