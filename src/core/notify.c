/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Who gets which message for which event (core/notify.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notify.h"
#include "core/rules.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define SIGNATURE "Med venlig hilsen\nSekretariat FKI\n"

void notices_free(struct notices *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		struct notice *x = &ns->v[i];
		free(x->key);
		free(x->person);
		free(x->address);
		free(x->name);
		free(x->subject);
		free(x->text);
		free(x->html);
		free(x->att_name);
		free(x->att_type);
		free(x->att);
	}
	free(ns->v);
	memset(ns, 0, sizeof *ns);
}

fk_date notify_working_days_before(fk_date day, int n)
{
	fk_date t = day;
	for (int k = 0; k < n;)
		if (date_is_working_day(--t))
			k++;
	return t;
}

char *notice_link(const char *base, const char *path)
{
	size_t len = strlen(base);
	while (len && base[len - 1] == '/')
		len--;
	return xasprintf("%.*s%s", (int)len, base, path);
}

struct notice *notice_add(struct notices *out, const char *key, const char *person,
                          const char *address, const char *name, enum mail_kind kind,
                          const char *subject, const char *text, const char *label,
                          const char *link)
{
	if (!mail_addr_ok(address))
		return NULL;
	out->v = xgrow(out->v, sizeof *out->v, out->n + 1, &out->cap);
	struct notice *x = &out->v[out->n++];
	memset(x, 0, sizeof *x);
	x->key = xstrdup(key);
	x->person = person ? xstrdup(person) : NULL;
	x->address = xstrdup(address);
	x->name = xstrdup(name ? name : "");
	x->kind = kind;
	x->subject = xstrdup(subject);
	struct buf t;
	buf_init(&t);
	buf_printf(&t, "%s\n\n%s:\n%s\n\n" SIGNATURE, text, label, link);
	x->text = buf_detach(&t, NULL);
	x->html = mail_html_from_text(subject, text, link, label, SIGNATURE);
	return x;
}

/* ---------------------------------------------------------------- written hearings */

enum hearing_note { H_OPENED, H_REMINDER, H_LASTDAY };

static void hearing_one(struct notices *out, const struct wg *w, const struct reg_person *p,
                        enum hearing_note what, const char *base)
{
	char dl[40], key[200], path[64];
	date_format_da(w->hearing_deadline, dl, sizeof dl);
	snprintf(path, sizeof path, "/working-groups/%s", w->key);
	char *link = notice_link(base, path);
	static const char *const kname[] = {"hearing-opened", "hearing-reminder", "hearing-lastday"};
	snprintf(key, sizeof key, "%s:%s:%s", kname[what], w->key, p->key);
	char *subject, *text;
	const char *topic = w->topic ? w->topic : w->key;
	switch (what) {
	case H_OPENED:
		subject = xasprintf("Skriftlig høring: %s (svar senest %s)", topic, dl);
		text = xasprintf(
		    "Kære %s\n\n"
		    "Forslaget om arbejdsgruppen »%s« (%s) er sendt i skriftlig høring i "
		    "styregruppen. Som medlem af styregruppen bedes du svare senest %s: om du "
		    "støtter forslaget, har en indsigelse eller en bemærkning, med en kort "
		    "begrundelse.\n\n"
		    "Spørgsmålet til arbejdsgruppen er:\n%s\n\n"
		    "Har du spørgsmål til forslaget, er du velkommen til at kontakte Sekretariat "
		    "FKI.",
		    p->name, topic, w->key, dl, w->question ? w->question : "");
		break;
	case H_REMINDER:
		subject = xasprintf("Påmindelse: skriftlig høring om %s (svar senest %s)", topic, dl);
		text = xasprintf(
		    "Kære %s\n\n"
		    "Vi mangler dit svar i den skriftlige høring om arbejdsgruppen »%s« (%s). "
		    "Fristen er %s.\n\n"
		    "Hvis du ikke kan svare inden fristen, så kontakt Sekretariat FKI, så vi kan "
		    "finde en løsning.",
		    p->name, topic, w->key, dl);
		break;
	default:
		subject = xasprintf("Sidste dag i dag: skriftlig høring om %s", topic);
		text = xasprintf(
		    "Kære %s\n\n"
		    "I dag, %s, er sidste dag for at svare i den skriftlige høring om "
		    "arbejdsgruppen »%s« (%s), og vi har ikke fået dit svar endnu.\n\n"
		    "Hvis du ikke kan nå at svare i dag, så kontakt Sekretariat FKI.",
		    p->name, dl, topic, w->key);
		break;
	}
	notice_add(out, key, p->key, p->email, p->name, MAIL_ACTION, subject, text,
	    "Du svarer på arbejdsgruppens side i fkigov", link);
	free(subject);
	free(text);
	free(link);
}

void notify_hearing_opened(const struct model *m, const struct reg *r, const struct wg *w,
                           const char *base, struct notices *out)
{
	if (w->hearing_opened == DATE_NONE || w->hearing_deadline == DATE_NONE)
		return;
	size_t nmem = 0;
	int32_t *mem = wg_body_members(r, wg_steering_group(m), w->hearing_opened, &nmem);
	for (size_t i = 0; i < nmem; i++)
		hearing_one(out, w, &r->persons[mem[i]], H_OPENED, base);
	free(mem);
}

void notify_hearing_reminders(const struct model *m, const struct reg *r, const struct wg *v,
                              size_t n, fk_date today, const char *base, struct notices *out)
{
	int sg = wg_steering_group(m);
	for (size_t k = 0; k < n; k++) {
		const struct wg *w = &v[k];
		if (w->state != WG_IN_HEARING || w->hearing_deadline == DATE_NONE ||
		    w->hearing_opened == DATE_NONE || today > w->hearing_deadline)
			continue;
		enum hearing_note what;
		fk_date remind = notify_working_days_before(w->hearing_deadline, NOTIFY_REMINDER_DAYS);
		if (today == w->hearing_deadline)
			what = H_LASTDAY;
		else if (today >= remind && remind > w->hearing_opened)
			what = H_REMINDER;
		else
			continue;
		size_t nmem = 0;
		int32_t *mem = wg_body_members(r, sg, wg_hearing_day(w, today), &nmem);
		for (size_t i = 0; i < nmem; i++) {
			const struct reg_person *p = &r->persons[mem[i]];
			if (!wg_answer_of(w, p->key))
				hearing_one(out, w, p, what, base);
		}
		free(mem);
	}
}

/* ---------------------------------------------------------------- terms */

/* One person's municipal appointments a[0..k) in body b (sorted by start): a notice when
 * the stint serving today ends by the term limit within the warning days. */
static void term_one(const struct model *m, const struct reg *r, int body,
                     const struct reg_appt **a, size_t k, size_t *stint_of, fk_date today,
                     const char *secretariat, const char *base, struct notices *out)
{
	const struct model_body *b = &m->bodies[body];
	int warn = b->term_warning_days > 0 ? b->term_warning_days : NOTIFY_TERM_DAYS;
	size_t ns = rules_stints(a, k, b->cooloff_years, stint_of);
	size_t i = 0;
	for (size_t s = 0; s < ns; s++) {
		size_t j = i;
		while (j < k && stint_of[j] == s)
			j++;
		fk_date last = rules_last_allowed(a[i]->start, b->term_years);
		fk_date stint_end = a[j - 1]->end;
		bool serving = false;
		for (size_t x = i; x < j; x++)
			serving |= a[x]->start <= today && today <= a[x]->end;
		i = j;
		if (!serving || stint_end < last || today > last || last >= today + warn)
			continue;
		const struct reg_person *p = &r->persons[a[0]->person];
		char dl[40], back[40], d[11], key[300], path[200];
		date_format_da(last, dl, sizeof dl);
		date_format_da(date_add_years(last + 1, b->cooloff_years), back, sizeof back);
		date_format(last, d);
		snprintf(path, sizeof path, "/people/%s", p->key);
		char *link = notice_link(base, path);
		char *subject = xasprintf("Din periode i %s udløber %s", b->name, dl);
		char *text = xasprintf(
		    "Kære %s\n\n"
		    "Din periode som medlem af %s udløber %s. Efter governance-modellen kan et "
		    "medlem sidde højst %d år ad gangen, og du kan tidligst udpeges igen %s.\n\n"
		    "Sekretariat FKI går i gang med at finde en afløser. Du skal ikke gøre noget "
		    "nu; har du spørgsmål, er du velkommen til at kontakte sekretariatet.",
		    p->name, b->name, dl, b->term_years, back);
		snprintf(key, sizeof key, "term-expiring:%s:%s:%s", b->id, p->key, d);
		notice_add(out, key, p->key, p->email, p->name, MAIL_INFO, subject, text,
		    "Dine udpegninger i fkigov", link);
		free(subject);
		free(text);
		if (secretariat) {
			subject = xasprintf("Periode udløber: %s i %s %s", p->name, b->name, dl);
			text = xasprintf(
			    "%s's periode i %s udløber %s (højst %d år ad gangen). Find en afløser "
			    "i god tid; %s kan tidligst genudpeges %s.\n\n%s",
			    p->name, b->name, dl, b->term_years, p->name, back,
			    mail_addr_ok(p->email)
			        ? "Medlemmet har også fået besked i en e-mail."
			        : "Medlemmet har ingen gyldig e-mailadresse i registret og har derfor "
			          "ikke fået besked. Ret adressen på personens side.");
			strncat(key, ":sekretariat", sizeof key - strlen(key) - 1);
			notice_add(out, key, NULL, secretariat, "Sekretariat FKI", MAIL_ACTION, subject, text,
			    "Personens side i fkigov", link);
			free(subject);
			free(text);
		}
		free(link);
	}
}

void notify_term_expiring(const struct model *m, const struct reg *r, fk_date today,
                          const char *secretariat, const char *base, struct notices *out)
{
	const struct reg_appt **a = r->nappts ? xcalloc(r->nappts, sizeof *a) : NULL;
	size_t *stint_of = r->nappts ? xcalloc(r->nappts, sizeof *stint_of) : NULL;
	/* r is sorted by body, person, start: walk the runs of one person in one body. */
	for (size_t i = 0; i < r->nappts;) {
		size_t j = i;
		while (j < r->nappts && r->appts[j].body == r->appts[i].body &&
		       r->appts[j].person == r->appts[i].person)
			j++;
		int body = r->appts[i].body;
		if (body >= 0 && (size_t)body < m->nbodies && m->bodies[body].term_years > 0) {
			size_t k = 0;
			for (size_t x = i; x < j; x++)
				if (r->appts[x].seat == SEAT_KOMMUNE)
					a[k++] = &r->appts[x];
			if (k)
				term_one(m, r, body, a, k, stint_of, today, secretariat, base, out);
		}
		i = j;
	}
	free(a);
	free(stint_of);
}

/* ---------------------------------------------------------------- the daily digest */

void notify_digest(const char *person, const char *name, const char *address,
                   const struct digest_item *v, size_t n, const char *day, const char *base,
                   const char *key, struct notices *out)
{
	fk_date d;
	char dl[48] = "";
	if (date_parse(day, strlen(day), &d) == 0)
		date_format_da(d, dl, sizeof dl);
	struct buf t;
	buf_init(&t);
	buf_printf(&t,
	           "Kære %s\n\n"
	           "Her er dit daglige sammendrag fra fkigov med %zu %s. Du har valgt at få "
	           "orienteringer samlet én gang om dagen; beskeder, der beder dig om at gøre noget "
	           "(frister, høringer og mødeinvitationer), får du stadig med det samme.",
	           name && *name ? name : "modtager", n, n == 1 ? "orientering" : "orienteringer");
	static const char sig[] = SIGNATURE;
	for (size_t i = 0; i < n; i++) {
		const char *text = v[i].text ? v[i].text : "";
		size_t len = strlen(text), sl = strlen(sig);
		if (len >= sl && !strcmp(text + len - sl, sig))
			len -= sl;
		while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
			len--;
		buf_printf(&t, "\n\n%zu. %s\n(skrevet %.10s)\n\n%.*s", i + 1, v[i].subject,
		           v[i].created ? v[i].created : "", (int)len, text);
	}
	char *subject = xasprintf("Dagligt sammendrag fra fkigov %s (%zu)", dl, n);
	char *link = notice_link(base, "/my#beskeder");
	char *text = buf_detach(&t, NULL);
	notice_add(out, key, person, address, name, MAIL_INFO, subject, text,
	           "Dine beskeder og dit valg i fkigov", link);
	free(text);
	free(link);
	free(subject);
}
