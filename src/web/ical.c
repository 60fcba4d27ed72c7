/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* iCalendar feeds (ical.h) built with libical, and their two GET handlers. */
#include "web/ical.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/calendar.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages.h"

static icalproperty *as_date(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_DATE));
	return p;
}

static void add_deadline(icalcomponent *cal, const struct meeting *mt, const char *kind, fk_date d,
                         const char *summary, const char *desc, const char *url,
                         struct icaltimetype stamp)
{
	char uid[96];
	snprintf(uid, sizeof uid, "deadline-%s-%lld@fkigov", kind, (long long)mt->id);
	icalcomponent *ev = icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	    as_date(icalproperty_new_dtstart(cal_day(d))),
	    as_date(icalproperty_new_dtend(cal_day(d + 1))),
	    icalproperty_new_summary(summary), icalproperty_new_description(desc),
	    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), icalproperty_new_url(url),
	    (void *)0);
	icalcomponent_add_component(cal, ev);
}

void ical_feed(struct buf *out, const char *name, const struct meeting *v, const unsigned *what,
               size_t n, long long now, const char *base)
{
	icalcomponent *cal = icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, icalproperty_new_prodid("-//FKI//fkigov//DA"),
	    icalproperty_new_version("2.0"), icalproperty_new_calscale("GREGORIAN"),
	    icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	/* libical writes X- values as they come (escaping backslashes only): names hold no
	 * line breaks (model and register). */
	icalproperty *xn = icalproperty_new_x(name);
	icalproperty_set_x_name(xn, "X-WR-CALNAME");
	icalcomponent_add_property(cal, xn);
	icalproperty *xt = icalproperty_new_x(CAL_TZID);
	icalproperty_set_x_name(xt, "X-WR-TIMEZONE");
	icalcomponent_add_property(cal, xt);
	icalcomponent *tz = cal_vtimezone();
	if (tz)
		icalcomponent_add_component(cal, tz);
	struct icaltimetype stamp = cal_utc(now);
	for (size_t i = 0; i < n; i++) {
		const struct meeting *mt = &v[i];
		char label[32], title[160], desc[768], ds[40], url[384];
		meeting_label(mt, label, sizeof label, title, sizeof title);
		date_format_da(mt->date, ds, sizeof ds);
		snprintf(url, sizeof url, "%s/meetings/%lld", base ? base : "", (long long)mt->id);
		if (what[i] & ICAL_MEETINGS) {
			snprintf(
			    desc, sizeof desc,
			    "%s.\nDagsorden, materiale og referat: %s\nTilstand: %s.", title, url,
			    meeting_state_da(mt->state));
			struct cal_meeting e = {mt->id,        mt->year,    mt->number,
			                        mt->date,      mt->start_min, mt->end_min,
			                        mt->place,     desc,        url};
			icalcomponent *ev = cal_meeting_event(&e, stamp);
			icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
			icalcomponent_add_component(cal, ev);
		}
		if (what[i] & ICAL_PROPOSALS) {
			char s[128];
			snprintf(s, sizeof s, "Frist for forslag til styregruppemøde %d/%d",
			         mt->number, mt->year);
			snprintf(
			    desc, sizeof desc,
			    "Sidste dag for medlemmernes forslag til dagsordenen for mødet %s. "
			    "Mødet: %s",
			    ds, url);
			add_deadline(cal, mt, "proposals", mt->proposals, s, desc, url, stamp);
		}
		if (what[i] & ICAL_STATUSES) {
			char s[128];
			snprintf(s, sizeof s, "Frist for status til styregruppemøde %d/%d",
			         mt->number, mt->year);
			snprintf(desc, sizeof desc,
			         "Sidste dag for referencegruppernes status og indstillinger om "
			         "igangsatte "
			         "initiativer til mødet %s. Mødet: %s",
			         ds, url);
			add_deadline(cal, mt, "statuses", mt->statuses, s, desc, url, stamp);
		}
		if (what[i] & ICAL_DISPATCH) {
			char s[128];
			snprintf(s, sizeof s, "Udsendelse af dagsorden til styregruppemøde %d/%d",
			         mt->number, mt->year);
			snprintf(desc, sizeof desc,
			         "Dagsorden og materiale til mødet %s sendes ud senest denne dag. "
			         "Mødet: %s",
			         ds, url);
			add_deadline(cal, mt, "dispatch", mt->dispatch, s, desc, url, stamp);
		}
	}
	char *s = icalcomponent_as_ical_string_r(cal);
	buf_adds(out, s);
	free(s);
	icalcomponent_free(cal);
}

/* ---------------------------------------------------------------- handlers */

/* The key of "{key}.ics" into out (64 bytes); false when it does not end in .ics. */
static bool ics_key(const char *param, char out[65])
{
	size_t n = param ? strlen(param) : 0;
	if (n < 5 || n - 4 > 64 || strcmp(param + n - 4, ".ics") != 0)
		return false;
	memcpy(out, param, n - 4);
	out[n - 4] = '\0';
	return true;
}

static int send(struct web_req *r, struct web_resp *p, const char *name, const struct meeting *v,
                const unsigned *what, size_t n, const char *file)
{
	char base[320];
	web_public_url(r->app, base, sizeof base);
	ical_feed(&p->body, name, v, what, n, (long long)time(NULL), base);
	p->ctype = "text/calendar; charset=utf-8";
	char cd[128];
	snprintf(cd, sizeof cd, "inline; filename=\"%s.ics\"", file);
	web_resp_header(p, "Content-Disposition", cd);
	return 0;
}

int page_cal_body(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	char key[65];
	int b = ics_key(r->param, key) ? model_body_index(m, key) : -1;
	if (b < 0)
		return web_error(r, p, 404,
		                 "Der er ingen kalender med den adresse. Brug fx "
		                 "/calendar/bodies/styregruppe.ics.");
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(r->st, 0, false, &v, &n) != FK_OK)
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	unsigned *what = xcalloc(n + 1, sizeof *what);
	bool meets = !strcmp(m->cycle.body, m->bodies[b].id);
	bool reports = !strcmp(m->bodies[b].kind, "reference-group");
	for (size_t i = 0; i < n; i++)
		what[i] = meets ? ICAL_ALL : reports ? ICAL_STATUSES : 0;
	char name[160];
	snprintf(name, sizeof name, "%s – møder og frister", m->bodies[b].name);
	send(r, p, name, v, what, n, key);
	free(what);
	meetings_free(v, n);
	return 0;
}

int page_cal_person(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	char key[65];
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	int32_t pi = ics_key(r->param, key) ? reg_person_find(&reg, key) : -1;
	if (pi < 0) {
		reg_free(&reg);
		return web_error(r, p, 404,
		                 "Der er ingen person med den adresse. Brug personens id, fx "
		                 "/calendar/people/sg01.ics.");
	}
	struct meeting *v = NULL;
	size_t n = 0;
	if (store_meeting_list(r->st, 0, false, &v, &n) != FK_OK) {
		reg_free(&reg);
		return web_error(r, p, 500, "Møderne kunne ikke læses. Prøv igen om lidt.");
	}
	int cb = model_body_index(m, m->cycle.body);
	unsigned *what = xcalloc(n + 1, sizeof *what);
	for (size_t i = 0; i < n; i++) {
		if (cb >= 0 && reg_serves(&reg, pi, cb, v[i].date))
			what[i] |= ICAL_ALL;
		for (size_t b = 0; b < m->nbodies; b++)
			if (!strcmp(m->bodies[b].kind, "reference-group") &&
			    reg_serves(&reg, pi, (int)b, v[i].statuses))
				what[i] |= ICAL_STATUSES;
	}
	char name[160];
	snprintf(name, sizeof name, "%s – møder og frister", reg.persons[pi].name);
	send(r, p, name, v, what, n, key);
	free(what);
	meetings_free(v, n);
	reg_free(&reg);
	return 0;
}

void web_public_url(const struct web_app *app, char *out, size_t n)
{
	const char *u = app->cfg.public_url;
	if (u && *u)
		snprintf(out, n, "%s", u);
	else
		snprintf(out, n, "http://%s", app->cfg.listen ? app->cfg.listen : "127.0.0.1:8080");
	size_t l = strlen(out);
	while (l && out[l - 1] == '/')
		out[--l] = '\0';
}
