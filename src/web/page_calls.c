/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The public call of a recruitment round (issue 13), readable and answerable without login:
 * GET /calls (the open rounds), GET/POST /calls/{id} (the call — bodies, seats, the profiles
 * with the model's texts, the criteria and their weights, the deadline, how personal data is
 * handled — and the application form), GET /calls/{id}/receipt?ref= (the receipt page).
 * The form is protected like every form (CSRF), throttled per address, with a honeypot
 * field; the receipt goes out by e-mail in the application's own transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/material.h"
#include "core/munic.h"
#include "core/mail.h"
#include "store/store.h"
#include "store/store_round.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages.h"

#define CALL_GRACE "#ansøgning" /* the throttling key of the form (no login has a '#') */

static int64_t round_id(const struct web_req *r)
{
	long v;
	return web_whole(r->param, 1000000000L, &v) ? v : 0;
}

/* The round of the route's {id} if the public may see it (open, or past its deadline but
 * once open); else an error page and -1. */
static int load_call(struct web_req *r, struct web_resp *p, struct round_rec *rd)
{
	int64_t id = round_id(r);
	int rc = id ? store_round_get(r->st, id, rd) : FK_ENOTFOUND;
	if (rc == FK_OK && rd->state != ROUND_DRAFT)
		return 0;
	if (rc == FK_OK)
		round_rec_free(rd);
	if (rc == FK_OK || rc == FK_ENOTFOUND)
		web_error(r, p, 404, "Opslaget findes ikke. Se de åbne opslag under Rekruttering.");
	else
		web_error(r, p, 500, "Opslaget kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

static bool accepting(const struct web_req *r, const struct round_rec *rd)
{
	return rd->state == ROUND_OPEN && r->today <= rd->deadline;
}

/* The call's view model: the round, its bodies with the profiles sought and the model's
 * texts, the criteria, the municipalities to choose from, and the form. */
static json_t *call_doc(struct web_req *r, const struct round_rec *rd, struct form *fm)
{
	const struct model *m = r->app->model;
	json_t *doc = json_object();
	char dl[40], fd[40];
	date_format_da(rd->deadline, dl, sizeof dl);
	date_format_da(rd->first_day, fd, sizeof fd);
	json_object_set_new(doc, "title", form_text(rd->title));
	json_object_set_new(doc, "heading", form_text(rd->title));
	json_object_set_new(doc, "id", json_integer((json_int_t)rd->id));
	json_object_set_new(doc, "deadline_da", json_string(dl));
	json_object_set_new(doc, "first_day_da", json_string(fd));
	json_object_set_new(doc, "accepting", json_boolean(accepting(r, rd)));
	json_object_set_new(doc, "privacy", form_text(m->recruitment.privacy));
	json_t *bodies = json_array(), *profiles = json_array();
	const char *chosen_profile = NULL;
	for (size_t b = 0; b < m->nbodies; b++) { /* in the model's order */
		size_t i = 0;
		while (i < rd->nseats && strcmp(rd->seats[i].body, m->bodies[b].id))
			i++;
		if (i == rd->nseats)
			continue;
		const struct model_body *mb = &m->bodies[b];
		json_t *ps = json_array();
		for (size_t k = 0; k < rd->seats[i].nprofiles; k++) {
			int pi = model_profile_index(m, rd->seats[i].profiles[k]);
			if (pi >= 0)
				json_array_append_new(ps, json_pack("{s:s, s:o}", "name", m->profiles[pi].name,
				                                    "description",
				                                    form_text(m->profiles[pi].description)));
		}
		bool checked = false;
		for (size_t f = 0; f < r->nform; f++)
			checked |= !strcmp(r->form[f].name, "body") && !strcmp(r->form[f].value, mb->id);
		char st[32];
		snprintf(st, sizeof st, "%d %s", rd->seats[i].seats,
		         rd->seats[i].seats == 1 ? "plads" : "pladser");
		json_array_append_new(
		    bodies, json_pack("{s:s, s:s, s:s, s:o, s:b, s:o, s:b}", "id", mb->id, "name",
		                      mb->name, "seats_text", st, "description",
		                      form_text(mb->description), "checked",
		                      checked || rd->nseats == 1, "profiles", ps, "any_profiles",
		                      json_array_size(ps) > 0));
		for (size_t k = 0; k < mb->nprofiles; k++) {
			const struct model_profile *mp = &m->profiles[mb->profiles[k]];
			bool dup = false;
			size_t j;
			json_t *x;
			json_array_foreach(profiles, j, x)
				dup |= !strcmp(json_string_value(json_object_get(x, "id")), mp->id);
			if (!dup)
				json_array_append_new(profiles, json_pack("{s:s, s:s, s:b}", "id", mp->id,
				                                          "name", mp->name, "selected", false));
		}
	}
	chosen_profile = web_form(r, "profile");
	size_t j;
	json_t *x;
	json_array_foreach(profiles, j, x)
		if (chosen_profile && !strcmp(chosen_profile, json_string_value(json_object_get(x, "id"))))
			json_object_set_new(x, "selected", json_true());
	json_object_set_new(doc, "bodies", bodies);
	json_object_set_new(doc, "many_bodies", json_boolean(rd->nseats > 1));
	json_object_set_new(doc, "profiles", profiles);
	json_t *crit = json_array(), *c;
	size_t k;
	json_array_foreach(rd->criteria, k, c)
	{
		const char *cid = json_string_value(json_object_get(c, "id"));
		const char *desc = NULL;
		for (size_t q = 0; q < m->recruitment.ncriteria; q++)
			if (cid && !strcmp(m->recruitment.criteria[q].id, cid))
				desc = m->recruitment.criteria[q].description;
		json_array_append_new(crit, json_pack("{s:O, s:O, s:o}", "name", json_object_get(c, "name"),
		                                      "weight", json_object_get(c, "weight"),
		                                      "description", form_text(desc)));
	}
	json_object_set_new(doc, "criteria", crit);
	const char *mv = web_form(r, "municipality");
	json_t *munis = json_array();
	for (size_t i = 0; i < r->app->mt->n; i++) {
		const struct munic *mu = &r->app->mt->v[i];
		char code[8];
		snprintf(code, sizeof code, "%d", mu->code);
		json_array_append_new(munis, json_pack("{s:s, s:s, s:b}", "code", code, "name", mu->name,
		                                       "selected", mv && !strcmp(mv, code)));
	}
	json_object_set_new(doc, "municipalities", munis);
	json_object_set_new(doc, "nominated", json_boolean(web_form(r, "nominated") != NULL));
	json_object_set_new(doc, "pool", json_boolean(web_form(r, "pool") != NULL));
	json_object_set_new(doc, "types", json_string("PDF eller Word (DOCX)"));
	form_finish(fm, doc);
	return doc;
}

/* One round of the list, when it accepts applications. */
struct open_calls {
	const struct web_req *r;
	json_t *arr;
};

static int call_one(const struct round_rec *rd, void *arg)
{
	struct open_calls *oc = arg;
	if (!accepting(oc->r, rd))
		return 0;
	char dl[40];
	date_format_da(rd->deadline, dl, sizeof dl);
	struct buf names;
	buf_init(&names);
	for (size_t i = 0; i < rd->nseats; i++) {
		int b = model_body_index(oc->r->app->model, rd->seats[i].body);
		buf_printf(&names, "%s%s", i ? ", " : "", b >= 0 ? oc->r->app->model->bodies[b].name : "");
	}
	json_array_append_new(oc->arr, json_pack("{s:I, s:o, s:s, s:s}", "id", (json_int_t)rd->id,
	                                         "title", form_text(rd->title), "deadline_da", dl,
	                                         "bodies", names.s));
	buf_free(&names);
	return 0;
}

int page_calls(struct web_req *r, struct web_resp *p)
{
	struct open_calls oc = {r, json_array()};
	if (store_round_list(r->st, call_one, &oc) != FK_OK) {
		json_decref(oc.arr);
		return web_error(r, p, 500, "Opslagene kunne ikke læses. Prøv igen om lidt.");
	}
	p->doc = json_pack("{s:s, s:o, s:b}", "title", "Ledige pladser", "calls", oc.arr, "any",
	                   json_array_size(oc.arr) > 0);
	return 0;
}

/* The uploaded CV, or NULL; its type is checked by the store (PDF or DOCX). */
static const struct web_field *uploaded_cv(struct web_req *r)
{
	const struct web_field *f = web_form_field(r, "cv");
	return f && f->len ? f : NULL;
}

/* The receipt e-mail: what was received, the number, and what happens next. */
static void receipt_mail(const struct round_rec *rd, const struct round_application *a,
                         const char *ref, struct buf *text, char *subject, size_t n,
                         char *key, size_t kn)
{
	char dl[40];
	date_format_da(rd->deadline, dl, sizeof dl);
	snprintf(subject, n, "Kvittering for din ansøgning: %s", rd->title);
	snprintf(key, kn, "round-receipt:%s", ref);
	buf_printf(text,
	           "Kære %s\n\nTak for din ansøgning til »%s«. Vi har modtaget den, og den har "
	           "kvitteringsnummeret %s.\n\nAnsøgningsfristen er %s. Derefter vurderer mindst to "
	           "bedømmere alle ansøgninger ud fra de kriterier og vægte, der står i opslaget, og "
	           "du får besked om udfaldet, når der er truffet beslutning.\n\nOplys "
	           "kvitteringsnummeret, hvis du skriver til sekretariatet om din ansøgning.\n\n"
	           "Med venlig hilsen\nSekretariatet for den fælleskommunale infrastruktur\n",
	           a->name, rd->title, ref, dl);
}

int page_call(struct web_req *r, struct web_resp *p)
{
	struct round_rec rd;
	if (load_call(r, p, &rd))
		return 0;
	struct form fm;
	form_init(&fm);
	if (r->method != WM_POST) {
		p->doc = call_doc(r, &rd, &fm);
		round_rec_free(&rd);
		return 0;
	}
	/* A filled honeypot is a robot: the form is shown again, nothing stored. */
	const char *hp = web_form(r, "website");
	if (hp && *hp) {
		form_error(&fm, "name", "Navn", "Ansøgningen kunne ikke modtages. Prøv igen.");
		p->status = 400;
		p->doc = call_doc(r, &rd, &fm);
		round_rec_free(&rd);
		return 0;
	}
	if (!accepting(r, &rd)) {
		char dl[40];
		date_format_da(rd.deadline, dl, sizeof dl);
		round_rec_free(&rd);
		return web_error(r, p, 400,
		                 "Ansøgningsfristen var %s, så der kan ikke længere søges i denne runde. "
		                 "Skriv til sekretariatet, hvis du vil i betragtning ved en senere runde.",
		                 dl);
	}
	char *name = form_take(&fm, r, "name", "Navn"), *email = form_take(&fm, r, "email", "E-mail"),
	     *title = form_take(&fm, r, "title", "Stilling"),
	     *motivation = form_take(&fm, r, "motivation", "Motivation");
	const char *bodies[16];
	size_t nb = 0;
	for (size_t i = 0; i < r->nform && nb < 16; i++)
		if (!strcmp(r->form[i].name, "body"))
			bodies[nb++] = r->form[i].value;
	if (rd.nseats == 1 && nb == 0)
		bodies[nb++] = rd.seats[0].body;
	const struct web_field *cv = uploaded_cv(r);
	struct round_application a = {
	    .name = name, .email = email, .title = title, .motivation = motivation,
	    .munic = atoi(web_form(r, "municipality") ? web_form(r, "municipality") : "0"),
	    .profile = web_form(r, "profile"), .bodies = bodies, .nbodies = nb,
	    .nominated = web_form(r, "nominated") != NULL, .pool = web_form(r, "pool") != NULL,
	    .cv = cv ? cv->value : NULL, .cvlen = cv ? cv->len : 0,
	    .cv_name = cv ? cv->filename : NULL};
	int rc = FK_EINPUT;
	char ref[16] = "";
	if (form_ok(&fm)) {
		time_t wait = auth_form_limit(CALL_GRACE, r->client_ip, time(NULL));
		if (wait) {
			char w[80];
			auth_wait_text(wait, w, sizeof w);
			form_error(&fm, "name", "Navn",
			           "Der er sendt mange ansøgninger fra din adresse på kort tid. Vent %s, og "
			           "send så igen.", w);
		}
	}
	if (form_ok(&fm)) {
		struct diags d;
		diags_init(&d);
		store_round_ref(ref);
		struct buf text;
		buf_init(&text);
		char subject[300], key[48];
		receipt_mail(&rd, &a, ref, &text, subject, sizeof subject, key, sizeof key);
		struct store_mail_new mail = {.key = key, .address = email, .name = name,
		                              .subject = subject, .text = text.s, .kind = MAIL_ACTION,
		                              .never_hold = true};
		int64_t app = 0;
		rc = store_round_apply(r->st, r->app->model, rd.id, &a, r->today, ref, &mail, &d, &app);
		static const char *const map[] = {
		    "name", "name", "Navn", "email", "email", "E-mail", "title", "title", "Stilling",
		    "motivation", "motivation", "Motivation", "municipality", "municipality", "Kommune",
		    "profile", "profile", "Profil", "body", "body", "Gruppe", "cv", "cv", "CV",
		    "state", "name", "Ansøgning"};
		if (rc == FK_EINPUT)
			form_diags(&fm, &d, map, sizeof map / sizeof map[0]);
		diags_free(&d);
		buf_free(&text);
	}
	free(name);
	free(email);
	free(title);
	free(motivation);
	if (rc == FK_OK) {
		web_redirect(p, "/calls/%lld/receipt?ref=%s", (long long)rd.id, ref);
		round_rec_free(&rd);
		form_free(&fm);
		return 0;
	}
	if (rc != FK_EINPUT) {
		round_rec_free(&rd);
		form_free(&fm);
		return web_error(r, p, 500, "Ansøgningen kunne ikke gemmes. Prøv igen om lidt.");
	}
	p->status = 400;
	p->doc = call_doc(r, &rd, &fm);
	char *t = xasprintf("Fejl: %s", rd.title);
	json_object_set_new(p->doc, "title", form_text(t));
	free(t);
	round_rec_free(&rd);
	return 0;
}

int page_call_receipt(struct web_req *r, struct web_resp *p)
{
	struct round_rec rd;
	if (load_call(r, p, &rd))
		return 0;
	const char *ref = web_query(r, "ref");
	bool ok = ref && strlen(ref) == 14 && !strncmp(ref, "FKI-", 4);
	for (size_t i = 4; ok && i < 14; i++)
		ok = (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= '2' && ref[i] <= '9');
	char dl[40];
	date_format_da(rd.deadline, dl, sizeof dl);
	p->doc = json_pack("{s:s, s:o, s:I, s:s?, s:s}", "title", "Tak for din ansøgning", "round",
	                   form_text(rd.title), "id", (json_int_t)rd.id, "ref", ok ? ref : NULL,
	                   "deadline_da", dl);
	round_rec_free(&rd);
	return 0;
}
