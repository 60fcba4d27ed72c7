/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Civil dates, Danish holidays and working days (SPEC §3). */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdint.h>

/* ------------------------------------------------------------------ day numbers */
/* Howard Hinnant's days_from_civil / civil_from_days. */
fk_date date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (fk_date)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(fk_date t, int *y, int *m, int *d)
{
	int z = t + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : md[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

int date_parse(const char *s, size_t len, fk_date *out)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int v[3] = {0, 0, 0};
	static const int pos[3][2] = {{0, 4}, {5, 7}, {8, 10}};
	for (int k = 0; k < 3; k++)
		for (int i = pos[k][0]; i < pos[k][1]; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v[k] = v[k] * 10 + (s[i] - '0');
		}
	if (!date_valid_ymd(v[0], v[1], v[2]))
		return -1;
	*out = date_from_ymd(v[0], v[1], v[2]);
	return 0;
}

/* Reads 1 to maxd digits at *p; -1 when there are none. */
static int digits(const char **p, const char *end, int maxd)
{
	int v = 0, n = 0;
	while (*p < end && n < maxd && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

int date_parse_da(const char *s, size_t len, fk_date *out)
{
	const char *p = s, *end = s + len;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - p == 10 && p[4] == '-' && p[7] == '-')
		return date_parse(p, 10, out);
	int d = digits(&p, end, 2);
	if (d < 0 || p == end || (*p != '-' && *p != '.' && *p != '/'))
		return -1;
	char sep = *p++;
	int m = digits(&p, end, 2);
	if (m < 0 || p == end || *p++ != sep)
		return -1;
	const char *ys = p;
	int y = digits(&p, end, 4);
	if (y < 0 || p != end || p - ys != 4 || !date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(fk_date t, char out[11])
{
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	/* Written by hand: fast (the exporter formats millions) and free of truncation
	 * warnings. Years outside 0..9999 never occur (date_parse bounds them). */
	unsigned uy = (unsigned)y % 10000u;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void date_format_da(fk_date t, char *out, unsigned long n)
{
	static const char *months[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
	                               "juli",   "august",  "september", "oktober", "november", "december"};
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	snprintf(out, n, "%d. %s %d", d, months[m - 1], y);
}

fk_date date_add_years(fk_date t, int years)
{
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !leap(y))
		d = 28;
	return date_from_ymd(y, m, d);
}

int date_weekday(fk_date t)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((int64_t)t + 3) % 7);
	if (w < 0)
		w += 7;
	return w + 1;
}

int date_year(fk_date t)
{
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	return y;
}

/* ------------------------------------------------------------------ holidays */
/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
fk_date date_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return date_from_ymd(year, month, day);
}

/* Store Bededag was abolished as a public holiday from 2024 (lov nr. 95 af 28.2.2023). */
#define STORE_BEDEDAG_LAST_YEAR 2023

bool date_is_holiday(fk_date t, const char **name)
{
	static const struct {
		int month, day;
		const char *name;
	} fixed[] = {
	    {1, 1, "Nytårsdag"},  {6, 5, "Grundlovsdag"}, {12, 24, "Juleaftensdag"},
	    {12, 25, "Juledag"}, {12, 26, "2. juledag"},  {12, 31, "Nytårsaftensdag"},
	};
	static const struct {
		int offset;
		const char *name;
	} moving[] = {
	    {-3, "Skærtorsdag"},       {-2, "Langfredag"}, {0, "Påskedag"},  {1, "2. påskedag"},
	    {26, "Store bededag"},     {39, "Kristi himmelfartsdag"},       {49, "Pinsedag"},
	    {50, "2. pinsedag"},
	};
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (fixed[i].month == m && fixed[i].day == d) {
			if (name)
				*name = fixed[i].name;
			return true;
		}
	fk_date e = date_easter(y);
	for (size_t i = 0; i < sizeof moving / sizeof moving[0]; i++) {
		if (moving[i].offset == 26 && y > STORE_BEDEDAG_LAST_YEAR)
			continue;
		if (t == e + moving[i].offset) {
			if (name)
				*name = moving[i].name;
			return true;
		}
	}
	return false;
}

bool date_is_working_day(fk_date t) { return date_weekday(t) <= 5 && !date_is_holiday(t, NULL); }

fk_date date_prev_working_day(fk_date t)
{
	while (!date_is_working_day(t))
		t--;
	return t;
}

fk_date date_add_working_days(fk_date t, int n)
{
	while (n > 0) {
		t++;
		if (date_is_working_day(t))
			n--;
	}
	return t;
}

fk_date date_deadline(fk_date d, int weeks) { return date_prev_working_day(d - 7 * weeks); }

/* ------------------------------------------------------------------ today, quarters */
/* Last Sunday of a month, as a day number. */
static fk_date last_sunday(int y, int m)
{
	fk_date t = date_from_ymd(y, m, month_days(y, m));
	return t - (date_weekday(t) % 7);
}

/* Today in Europe/Copenhagen, computed from UTC with the EU summer-time rule (CEST from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October), so
 * no process-wide TZ is touched: the server is threaded. */
fk_date date_today(void)
{
	const char *o = getenv("FKIGOV_TODAY");
	fk_date t;
	if (o && date_parse(o, strlen(o), &t) == 0)
		return t;
	int64_t now = (int64_t)time(NULL);
	fk_date day = (fk_date)(now / 86400);
	int64_t sec = now % 86400;
	return sec + date_cph_offset(now) >= 86400 ? day + 1 : day;
}

int date_cph_offset(int64_t t)
{
	fk_date day = (fk_date)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	int y = date_year(day);
	int64_t on = (int64_t)last_sunday(y, 3) * 86400 + 3600;
	int64_t off = (int64_t)last_sunday(y, 10) * 86400 + 3600;
	return t >= on && t < off ? 7200 : 3600;
}

void date_utc_da(const char *utc, bool seconds, char *out, size_t n)
{
	fk_date day;
	int hh = 0, mm = 0, ss = 0;
	size_t len = utc ? strlen(utc) : 0;
	bool ok = len >= 16 && utc[10] == 'T' && date_parse(utc, 10, &day) == 0 &&
	          utc[13] == ':' && sscanf(utc + 11, "%2d:%2d", &hh, &mm) == 2;
	if (ok && len >= 19 && utc[16] == ':')
		ok = sscanf(utc + 17, "%2d", &ss) == 1;
	if (!ok || hh > 23 || mm > 59 || ss > 60) {
		snprintf(out, n, "%s", utc ? utc : "");
		return;
	}
	int64_t t = (int64_t)day * 86400 + hh * 3600 + mm * 60 + ss;
	t += date_cph_offset(t);
	fk_date local = (fk_date)(t / 86400);
	int sec = (int)(t % 86400);
	char da[40];
	date_format_da(local, da, sizeof da);
	if (seconds)
		snprintf(out, n, "%s kl. %02d.%02d.%02d", da, sec / 3600, sec / 60 % 60, sec % 60);
	else
		snprintf(out, n, "%s kl. %02d.%02d", da, sec / 3600, sec / 60 % 60);
}

fk_date date_quarter_start(fk_date t)
{
	int y, m, d;
	date_to_ymd(t, &y, &m, &d);
	return date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
}

fk_date date_next_quarter(fk_date t)
{
	int y, m, d;
	date_to_ymd(date_quarter_start(t), &y, &m, &d);
	m += 3;
	if (m > 12) {
		m -= 12;
		y++;
	}
	return date_from_ymd(y, m, 1);
}
