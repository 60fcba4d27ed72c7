/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_DATE_H
#define FK_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* Civil dates (Europe/Copenhagen) as a day number: days since 1970-01-01.
 * DATE_OPEN stands for "no end" and compares after every real date. */
typedef int32_t fk_date;
#define DATE_OPEN INT32_MAX
#define DATE_NONE INT32_MIN

fk_date date_from_ymd(int y, int m, int d);
void date_to_ymd(fk_date t, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);
/* Strict YYYY-MM-DD (years 1900-2199). Returns 0 and sets *out, or -1. */
int date_parse(const char *s, size_t len, fk_date *out);
/* A date as Danes type it into a web form: D-M-YYYY, D.M.YYYY or D/M/YYYY (day and month
 * with one or two digits, the same separator twice, e.g. 30-11-2026, 30.11.2026, 1.4.2027),
 * or YYYY-MM-DD. Blanks around it are ignored; a two-digit year is refused (ambiguous).
 * Returns 0 and sets *out, or -1. The command line and the API keep date_parse (ISO). */
int date_parse_da(const char *s, size_t len, fk_date *out);
/* Writes YYYY-MM-DD and a NUL into out[11]. */
void date_format(fk_date t, char out[11]);
/* "1. januar 2027" */
void date_format_da(fk_date t, char *out, unsigned long n);
/* Adds whole years keeping month and day; 29 February becomes 28 February in a year
 * without one. years may be negative. */
fk_date date_add_years(fk_date t, int years);
/* 1 = Monday ... 7 = Sunday */
int date_weekday(fk_date t);
int date_year(fk_date t);
/* Easter Sunday of year (Gregorian). */
fk_date date_easter(int year);
/* True when t is a Danish public holiday or a day the public sector closes (SPEC §3).
 * *name gets its Danish name when non-NULL. */
bool date_is_holiday(fk_date t, const char **name);
bool date_is_working_day(fk_date t);
/* t itself if it is a working day, else the nearest earlier working day. */
fk_date date_prev_working_day(fk_date t);
/* The n-th working day after t (n >= 1); t itself need not be a working day. */
fk_date date_add_working_days(fk_date t, int n);
/* A deadline "weeks before" a meeting on day d: d - 7*weeks, moved to the previous
 * working day when that is not one. */
fk_date date_deadline(fk_date d, int weeks);
/* Today in Europe/Copenhagen; $FKIGOV_TODAY (YYYY-MM-DD) overrides it for tests. */
fk_date date_today(void);
/* The offset of Europe/Copenhagen from UTC at t (seconds since the epoch, UTC): 7200 in
 * summer time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October), else 3600. */
int date_cph_offset(int64_t t);
/* A stored UTC time ("2026-11-27T10:00:00Z", or to the minute "2026-11-27T10:00Z") as
 * Danish local time (Europe/Copenhagen) into out[n]: "27. november 2026 kl. 11.00", with
 * seconds ("kl. 11.00.05") when seconds is true. The text itself when it is not such a
 * time, "" for NULL. The one formatter of stored times the pages use. */
void date_utc_da(const char *utc, bool seconds, char *out, size_t n);
/* First day of the calendar quarter holding t, and of the next quarter. */
fk_date date_quarter_start(fk_date t);
fk_date date_next_quarter(fk_date t);
#endif
