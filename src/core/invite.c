/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Meeting invitations as iTIP (core/invite.h). */
#include "core/invite.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/mail.h"
#include "core/wg.h"
#include "util/xalloc.h"

void invite_sent_free(struct invite_sent *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].person);
		free(v[i].address);
		free(v[i].place);
	}
	free(v);
}

/* ---------------------------------------------------------------- the iTIP object */

/* A parameter value fkigov writes: no control characters (mail_clean) and no '"', which a
 * quoted parameter value cannot hold. */
static char *param_text(const char *s)
{
	char *c = mail_clean(s ? s : "");
	for (char *p = c; *p; p++)
		if (*p == '"')
			*p = '\'';
	return c;
}

static icalproperty *person_prop(icalproperty *p, const char *name)
{
	char *cn = param_text(name);
	if (*cn)
		icalproperty_add_parameter(p, icalparameter_new_cn(cn));
	free(cn);
	return p;
}

char *invite_ics(const struct invite_event *e, const struct invite_org *org, int64_t stamp)
{
	bool cancel = e->method == INVITE_CANCEL;
	icalcomponent *cal = icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, icalproperty_new_prodid("-//FKI//fkigov//DA"),
	    icalproperty_new_version("2.0"), icalproperty_new_calscale("GREGORIAN"),
	    icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST),
	    (void *)0);
	icalcomponent *tz = cal_vtimezone();
	if (tz)
		icalcomponent_add_component(cal, tz);
	struct cal_meeting cm = {e->meeting,   e->year,  e->number, e->date, e->start_min,
	                         e->end_min,   e->place, e->desc,   e->url};
	icalcomponent *ev = cal_meeting_event(&cm, cal_utc(stamp));
	icalcomponent_add_property(ev, icalproperty_new_sequence(e->sequence));
	icalcomponent_add_property(
	    ev, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
	char mailto[300];
	snprintf(mailto, sizeof mailto, "mailto:%s", org->addr);
	icalcomponent_add_property(ev, person_prop(icalproperty_new_organizer(mailto), org->name));
	snprintf(mailto, sizeof mailto, "mailto:%s", e->attendee_addr);
	icalproperty *a = person_prop(icalproperty_new_attendee(mailto), e->attendee_name);
	icalproperty_add_parameter(a, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
	icalproperty_add_parameter(a, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
	icalproperty_add_parameter(a, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
	/* Apologies are sent to the secretariat, not as calendar replies. */
	icalproperty_add_parameter(a, icalparameter_new_rsvp(ICAL_RSVP_FALSE));
	icalcomponent_add_property(ev, a);
	icalcomponent_add_component(cal, ev);
	char *s = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	return s;
}

/* ---------------------------------------------------------------- the messages */

static const struct meeting *meeting_by_id(const struct meeting *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

static const struct invite_sent *sent_of(const struct invite_sent *s, size_t ns, int64_t id,
                                         const char *person)
{
	for (size_t i = 0; i < ns; i++)
		if (s[i].meeting == id && !strcmp(s[i].person, person))
			return &s[i];
	return NULL;
}

static bool coming(const struct meeting *mt, fk_date today)
{
	return mt->date >= today &&
	       (mt->state == MEETING_PLANNED || mt->state == MEETING_DISPATCHED);
}

/* "kl. 10.00-13.00" into out. */
static void clock_span(int start, int end, char *out, size_t n)
{
	snprintf(out, n, "kl. %02d.%02d-%02d.%02d", start / 60 % 24, start % 60, end / 60 % 24,
	         end % 60);
}

/* Why a message about a meeting is sent. */
enum why { W_NEW, W_MOVED, W_ADDRESS, W_GONE, W_LEFT };

/* One message: the text, the link back, and the invitation attached. e describes the meeting
 * as the message tells it; p the person. */
static void one(struct notices *out, enum why why, const struct invite_event *e,
                const char *person, const struct invite_org *org, const char *base,
                int64_t stamp, int version)
{
	char ds[48], kl[40], path[48], key[200], dd[64] = "to uger før mødet";
	date_format_da(e->date, ds, sizeof ds);
	if (e->dispatch != DATE_NONE && e->dispatch != 0)
		date_format_da(e->dispatch, dd, sizeof dd);
	clock_span(e->start_min, e->end_min, kl, sizeof kl);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)e->meeting);
	char *link = notice_link(base, path);
	char *where = e->place && *e->place ? xasprintf("\nSted: %s", e->place)
	                                    : xstrdup("\nStedet er ikke fastlagt endnu; det kommer "
	                                              "i en opdateret invitation.");
	char *subject, *text;
	const char *name = e->attendee_name && *e->attendee_name ? e->attendee_name
	                                                         : "medlem af styregruppen";
	switch (why) {
	case W_NEW:
	case W_ADDRESS:
		subject = xasprintf("Invitation: Styregruppemøde %d/%d, %s %s", e->number, e->year,
		                    ds, kl);
		text = xasprintf("Kære %s\n\n"
		                 "Du er inviteret til styregruppemøde %d/%d %s %s.%s\n\n"
		                 "Mødet er vedhæftet som en kalenderaftale, så du kan lægge det i din "
		                 "kalender med ét klik. Dagsorden og materiale sendes ud senest %s.\n\n"
		                 "Kan du ikke deltage, så giv Sekretariat FKI besked.",
		                 name, e->number, e->year, ds, kl, where, dd);
		break;
	case W_MOVED:
		subject = xasprintf("Ændret: Styregruppemøde %d/%d, nu %s %s", e->number, e->year, ds,
		                    kl);
		text = xasprintf("Kære %s\n\n"
		                 "Styregruppemøde %d/%d er ændret. Mødet holdes nu %s %s.%s\n\n"
		                 "Den vedhæftede kalenderaftale opdaterer mødet i din kalender.",
		                 name, e->number, e->year, ds, kl, where);
		break;
	case W_GONE:
		subject = xasprintf("Aflyst: Styregruppemøde %d/%d, %s", e->number, e->year, ds);
		text = xasprintf("Kære %s\n\n"
		                 "Styregruppemøde %d/%d %s %s er aflyst. Den vedhæftede "
		                 "kalenderaftale fjerner mødet fra din kalender.",
		                 name, e->number, e->year, ds, kl);
		break;
	default:
		subject = xasprintf("Aflyst for dig: Styregruppemøde %d/%d, %s", e->number, e->year,
		                    ds);
		text = xasprintf("Kære %s\n\n"
		                 "Du sidder ikke længere i styregruppen %s, så du er ikke indkaldt til "
		                 "styregruppemøde %d/%d. Den vedhæftede kalenderaftale fjerner mødet "
		                 "fra din kalender.\n\n"
		                 "Er det en fejl, så kontakt Sekretariat FKI.",
		                 name, ds, e->number, e->year);
		break;
	}
	bool cancel = e->method == INVITE_CANCEL;
	snprintf(key, sizeof key, "meeting-%s:%lld:%s:%d", cancel ? "cancel" : "invite",
	         (long long)e->meeting, person, e->sequence);
	struct notice *x = notice_add(out, key, person, e->attendee_addr, name, MAIL_ACTION, subject,
	                              text, "Mødet i fkigov", link);
	if (x) {
		struct invite_event ev = *e;
		char desc[512];
		snprintf(desc, sizeof desc, "Styregruppemøde %d/%d. Dagsorden, materiale og referat: %s",
		         e->number, e->year, link);
		ev.url = link;
		ev.desc = desc;
		x->att = invite_ics(&ev, org, stamp);
		x->att_len = strlen(x->att);
		x->att_name = xstrdup(cancel ? "aflysning.ics" : "invitation.ics");
		x->att_type = xstrdup(cancel ? "text/calendar; method=CANCEL"
		                             : "text/calendar; method=REQUEST");
		x->invite = e->method;
		x->meeting = e->meeting;
		x->sequence = e->sequence;
		x->version = version;
	}
	free(subject);
	free(text);
	free(where);
	free(link);
}

static struct invite_event event_of(const struct meeting *mt)
{
	return (struct invite_event){.meeting = mt->id,
	                             .year = mt->year,
	                             .number = mt->number,
	                             .date = mt->date,
	                             .start_min = mt->start_min,
	                             .end_min = mt->end_min,
	                             .place = mt->place,
	                             .dispatch = mt->dispatch};
}

/* The event as it was sent, for a meeting that is gone. */
static struct invite_event event_sent(const struct invite_sent *x)
{
	return (struct invite_event){.meeting = x->meeting,
	                             .year = x->year,
	                             .number = x->number,
	                             .date = x->date,
	                             .start_min = x->start_min,
	                             .end_min = x->end_min,
	                             .place = x->place};
}

static int next_seq(const struct invite_sent *s, int version)
{
	return s && s->sequence + 1 > version ? s->sequence + 1 : version;
}

void invite_reconcile(const struct model *m, const struct reg *r, const struct meeting *v,
                      size_t n, const struct invite_sent *s, size_t ns, fk_date today,
                      const struct invite_org *org, const char *base, int64_t stamp,
                      struct notices *out)
{
	int sg = wg_steering_group(m);
	/* wanted[i] marks the sent rows still wanted */
	bool *kept = ns ? xcalloc(ns, sizeof *kept) : NULL;
	for (size_t i = 0; sg >= 0 && i < n; i++) {
		const struct meeting *mt = &v[i];
		if (!coming(mt, today))
			continue;
		size_t nm = 0;
		int32_t *mem = wg_body_members(r, sg, mt->date, &nm);
		for (size_t k = 0; k < nm; k++) {
			const struct reg_person *p = &r->persons[mem[k]];
			if (!mail_addr_ok(p->email))
				continue;
			const struct invite_sent *x = sent_of(s, ns, mt->id, p->key);
			if (x)
				kept[x - s] = true;
			enum why why;
			if (!x || x->cancelled)
				why = W_NEW;
			else if (strcmp(x->address, p->email) != 0)
				why = W_ADDRESS;
			else if (x->version < mt->sequence)
				why = W_MOVED;
			else
				continue;
			struct invite_event e = event_of(mt);
			e.method = INVITE_REQUEST;
			e.sequence = next_seq(x, mt->sequence);
			e.attendee_name = p->name;
			e.attendee_addr = p->email;
			one(out, why, &e, p->key, org, base, stamp, mt->sequence);
		}
		free(mem);
	}
	for (size_t i = 0; i < ns; i++) {
		const struct invite_sent *x = &s[i];
		if (kept[i] || x->cancelled)
			continue;
		const struct meeting *mt = meeting_by_id(v, n, x->meeting);
		struct invite_event e;
		if (mt) {
			if (!coming(mt, today))
				continue;
			e = event_of(mt);
		} else {
			if (x->date < today)
				continue;
			e = event_sent(x);
		}
		e.method = INVITE_CANCEL;
		e.sequence = next_seq(x, mt ? mt->sequence : x->version);
		/* The person's name as the register has it now, if still there. */
		e.attendee_name = "";
		for (size_t k = 0; k < r->npersons; k++)
			if (!strcmp(r->persons[k].key, x->person))
				e.attendee_name = r->persons[k].name;
		e.attendee_addr = x->address;
		one(out, mt ? W_LEFT : W_GONE, &e, x->person, org, base, stamp,
		    mt ? mt->sequence : x->version);
	}
	free(kept);
}
