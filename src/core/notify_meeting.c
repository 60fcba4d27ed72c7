/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Messages about a meeting (core/notify.h, "meetings"): the dispatched agenda, amendments, a
 * recalled dispatch, and the reminders of the proposal and status deadlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notify.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The summoned: each member of the steering group on the meeting's day, by name. *n gets
 * how many; the caller frees. */
static int32_t *summoned(const struct model *m, const struct reg *r, const struct meeting *mt,
                         size_t *n)
{
	int sg = wg_steering_group(m);
	*n = 0;
	return sg >= 0 ? wg_body_members(r, sg, mt->date, n) : NULL;
}

static char *meeting_link(const char *base, const struct meeting *mt)
{
	char path[48];
	snprintf(path, sizeof path, "/meetings/%lld", (long long)mt->id);
	return notice_link(base, path);
}

/* One message to p that asks for action: "Kære NAME", a blank line, then body. */
static struct notice *tell(struct notices *out, const struct reg_person *p, const char *key,
                           const char *subject, const char *body, const char *label,
                           const char *link)
{
	char *text = xasprintf("Kære %s\n\n%s", p->name, body);
	struct notice *x =
	    notice_add(out, key, p->key, p->email, p->name, MAIL_ACTION, subject, text, label, link);
	free(text);
	return x;
}

void notify_agenda_text(const struct meeting *mt, struct buf *b)
{
	int at = mt->start_min;
	for (size_t i = 0; i < mt->nitems; i++) {
		const struct meeting_item *it = &mt->items[i];
		buf_printf(b, "%d. kl. %02d.%02d  %s (%s", it->pos, at / 60 % 24, at % 60, it->title,
		           agenda_kind_da(it->kind));
		if (it->presenter && *it->presenter)
			buf_printf(b, "; %s", it->presenter);
		buf_adds(b, ")\n");
		at += it->minutes;
	}
}

void notify_dispatch(const struct model *m, const struct reg *r, const struct meeting *mt,
                     int64_t round, const struct notify_packet *pk, const char *base,
                     struct notices *out)
{
	size_t n;
	int32_t *who = summoned(m, r, mt, &n);
	char ds[48], key[200];
	date_format_da(mt->date, ds, sizeof ds);
	char *link = meeting_link(base, mt);
	struct buf agenda;
	buf_init(&agenda);
	notify_agenda_text(mt, &agenda);
	char *subject = xasprintf("Dagsorden: Styregruppemøde %d/%d, %s", mt->number, mt->year, ds);
	char *where = mt->place && *mt->place ? xasprintf(" Sted: %s.", mt->place) : xstrdup("");
	char *packet =
	    pk->attach ? xasprintf("Dagsorden og materiale er vedhæftet som én fil (%s).", pk->name)
	               : xasprintf("Dagsorden og materiale er for store til at blive vedhæftet. Hent "
	                           "dem samlet her (kræver login):\n%s",
	                           pk->link);
	char *body = xasprintf(
	    "Hermed dagsordenen til styregruppemøde %d/%d %s kl. %02d.%02d-%02d.%02d.%s\n\n"
	    "%s\n"
	    "%s\n\n"
	    "Ændres dagsordenen herefter, får du en særskilt besked om rettelsen. Kan du ikke "
	    "deltage, så giv Sekretariat FKI besked.",
	    mt->number, mt->year, ds, mt->start_min / 60 % 24, mt->start_min % 60,
	    mt->end_min / 60 % 24, mt->end_min % 60, where, agenda.s ? agenda.s : "", packet);
	for (size_t i = 0; i < n; i++) {
		const struct reg_person *p = &r->persons[who[i]];
		snprintf(key, sizeof key, "meeting-dispatch:%lld:%s:%lld", (long long)mt->id, p->key,
		         (long long)round);
		struct notice *x = tell(out, p, key, subject, body, "Mødet i fkigov", link);
		if (x && pk->attach) {
			x->att = xmalloc(pk->len ? pk->len : 1);
			memcpy(x->att, pk->data, pk->len);
			x->att_len = pk->len;
			x->att_name = xstrdup(pk->name);
			x->att_type = xstrdup(pk->type);
		}
	}
	free(body);
	free(packet);
	free(where);
	free(subject);
	buf_free(&agenda);
	free(link);
	free(who);
}

void notify_amendment(const struct model *m, const struct reg *r, const struct meeting *mt,
                      const struct meeting_item *it, const char *reason, int64_t seq,
                      const char *base, struct notices *out)
{
	size_t n;
	int32_t *who = summoned(m, r, mt, &n);
	char ds[48], key[200];
	date_format_da(mt->date, ds, sizeof ds);
	char *link = meeting_link(base, mt);
	char *subject = xasprintf("Rettelse til dagsordenen: Styregruppemøde %d/%d, punkt %d",
	                          mt->number, mt->year, it->pos);
	char *body = xasprintf("Dagsordenen til styregruppemøde %d/%d %s er rettet efter "
	                       "udsendelsen.\n\n"
	                       "Punkt %d: %s\n"
	                       "Rettelsen: %s\n\n"
	                       "Rettelsen er markeret ved punktet på mødets side.",
	                       mt->number, mt->year, ds, it->pos, it->title, reason ? reason : "");
	for (size_t i = 0; i < n; i++) {
		const struct reg_person *p = &r->persons[who[i]];
		snprintf(key, sizeof key, "meeting-amend:%lld:%s:%lld", (long long)mt->id, p->key,
		         (long long)seq);
		tell(out, p, key, subject, body, "Dagsordenen i fkigov", link);
	}
	free(body);
	free(subject);
	free(link);
	free(who);
}

void notify_recall(const struct model *m, const struct reg *r, const struct meeting *mt,
                   const char *reason, int64_t seq, const char *base, struct notices *out)
{
	size_t n;
	int32_t *who = summoned(m, r, mt, &n);
	char ds[48], key[200];
	date_format_da(mt->date, ds, sizeof ds);
	char *link = meeting_link(base, mt);
	char *subject = xasprintf("Udsendelsen er tilbagekaldt: Styregruppemøde %d/%d", mt->number,
	                          mt->year);
	char *body = xasprintf("Sekretariat FKI har tilbagekaldt den udsendte dagsorden til "
	                       "styregruppemøde %d/%d %s. Begrundelsen er: %s\n\n"
	                       "Du får den rettede dagsorden, når den udsendes igen. Mødet er "
	                       "ikke aflyst.",
	                       mt->number, mt->year, ds, reason ? reason : "");
	for (size_t i = 0; i < n; i++) {
		const struct reg_person *p = &r->persons[who[i]];
		snprintf(key, sizeof key, "meeting-recall:%lld:%s:%lld", (long long)mt->id, p->key,
		         (long long)seq);
		tell(out, p, key, subject, body, "Mødet i fkigov", link);
	}
	free(body);
	free(subject);
	free(link);
	free(who);
}

/* ---------------------------------------------------------------- deadlines */

/* Which reminder of a deadline is due today: "before" from the reminder day up to the day
 * before, "day" on the day itself, NULL none. */
static const char *due(fk_date deadline, int days, fk_date today)
{
	if (today == deadline)
		return "day";
	fk_date from = notify_working_days_before(deadline, days);
	return today >= from && today < deadline ? "before" : NULL;
}

static bool proposed(const struct meeting *mt, const char *person)
{
	for (size_t i = 0; i < mt->nprops; i++)
		if (mt->props[i].person && !strcmp(mt->props[i].person, person))
			return true;
	return false;
}

static void proposals_one(const struct model *m, const struct reg *r, const struct meeting *mt,
                          const char *when, const char *base, struct notices *out)
{
	size_t n;
	int32_t *who = summoned(m, r, mt, &n);
	char ds[48], dl[48], key[200];
	date_format_da(mt->date, ds, sizeof ds);
	date_format_da(mt->proposals, dl, sizeof dl);
	char *link = meeting_link(base, mt);
	bool today = !strcmp(when, "day");
	char *subject = today ? xasprintf("Sidste dag i dag: forslag til styregruppemøde %d/%d",
	                                  mt->number, mt->year)
	                      : xasprintf("Påmindelse: forslag til styregruppemøde %d/%d senest %s",
	                                  mt->number, mt->year, dl);
	char *body = xasprintf(
	    "%s er sidste dag for forslag til dagsordenen for styregruppemøde %d/%d %s. Har "
	    "du et punkt, du ønsker drøftet, så send det %s på mødets side i fkigov, med en "
	    "kort beskrivelse og den tid, punktet kræver.\n\n"
	    "Har du ikke et forslag denne gang, skal du ikke gøre noget.",
	    today ? "I dag" : dl, mt->number, mt->year, ds, today ? "i dag" : "senest da");
	for (size_t i = 0; i < n; i++) {
		const struct reg_person *p = &r->persons[who[i]];
		if (proposed(mt, p->key))
			continue;
		snprintf(key, sizeof key, "deadline-proposals:%lld:%s:%s", (long long)mt->id, p->key,
		         when);
		tell(out, p, key, subject, body, "Send et forslag i fkigov", link);
	}
	free(body);
	free(subject);
	free(link);
	free(who);
}

static void statuses_one(const struct model *m, const struct reg *r, const struct meeting *mt,
                         const char *const *sent, size_t nsent, const char *when,
                         const char *base, struct notices *out)
{
	char ds[48], dl[48], key[240], path[64];
	date_format_da(mt->date, ds, sizeof ds);
	date_format_da(mt->statuses, dl, sizeof dl);
	snprintf(path, sizeof path, "/meetings/%lld/status", (long long)mt->id);
	char *link = notice_link(base, path);
	bool today = !strcmp(when, "day");
	for (size_t b = 0; b < m->nbodies; b++) {
		const struct model_body *body = &m->bodies[b];
		if (strcmp(body->kind, "reference-group") != 0)
			continue;
		bool done = false;
		for (size_t k = 0; k < nsent && !done; k++)
			done = !strcmp(sent[k], body->id);
		if (done)
			continue;
		char *subject = today ? xasprintf("Sidste dag i dag: status fra %s", body->name)
		                      : xasprintf("Påmindelse: status fra %s senest %s", body->name, dl);
		size_t n = 0;
		int32_t *who = wg_body_members(r, (int)b, mt->statuses, &n);
		char *text = xasprintf(
		    "%s er sidste dag for %ss status og indstillinger om de igangsatte "
		    "initiativer til styregruppemøde %d/%d %s. Vi har ikke fået gruppens status "
		    "endnu.\n\n"
		    "Et medlem af gruppen sender status for hele gruppen; er den allerede sendt "
		    "af en anden, skal du ikke gøre noget.",
		    today ? "I dag" : dl, body->name, mt->number, mt->year, ds);
		for (size_t i = 0; i < n; i++) {
			const struct reg_person *p = &r->persons[who[i]];
			snprintf(key, sizeof key, "deadline-statuses:%lld:%s:%s:%s", (long long)mt->id,
			         body->id, p->key, when);
			tell(out, p, key, subject, text, "Send gruppens status i fkigov", link);
		}
		free(text);
		free(who);
		free(subject);
	}
	free(link);
}

void notify_deadline_reminders(const struct model *m, const struct reg *r,
                               const struct meeting *mt, const char *const *sent, size_t nsent,
                               fk_date today, const char *base, struct notices *out)
{
	if (mt->state != MEETING_PLANNED)
		return;
	int days = m->cycle.reminder_working_days > 0 ? m->cycle.reminder_working_days
	                                              : MODEL_REMINDER_WORKING_DAYS;
	const char *when = due(mt->proposals, days, today);
	if (when)
		proposals_one(m, r, mt, when, base, out);
	if ((when = due(mt->statuses, days, today)) != NULL)
		statuses_one(m, r, mt, sent, nsent, when, base, out);
}
