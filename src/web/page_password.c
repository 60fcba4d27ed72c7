/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /password/{secret}: the form where the person holding a one-time link (auth.h,
 * made by the secretariat on /accounts or with fkigov user reset) chooses a password,
 * logged in or not. The link is the credential: 256 random bits, of which only the SHA-256
 * is stored; it works once, for STORE_LINK_HOURS, unless a newer link, a new password or a
 * disabled account cancelled it.
 *
 * POST /password/{secret}, fields password and password2 (the same twice, at least
 * AUTH_PASSWORD_MIN characters): sets the password (argon2id), which ends the account's
 * sessions, tokens and other links (store_account_set_password), marks the link used (both
 * audited, the account as actor) and shows a login form with the login filled in.
 *
 * A link that is unknown is 404, one that is used, cancelled or expired, or whose account
 * is disabled, 410 Gone — each with a polite Danish page saying what to do. A password that
 * is too short or not the same twice is 400 with the form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages.h"

/* The page for a link that does not work (l as found; rc FK_ENOTFOUND when none). */
static int gone(struct web_resp *p, int rc, const struct store_link *l)
{
	const char *heading = "Linket virker ikke", *msg;
	char buf[400];
	int status = 410;
	if (rc == FK_ENOTFOUND) {
		status = 404;
		msg = "Linket findes ikke. Måske er det ikke kopieret helt; kontrollér, at du har "
		      "hele linket med.";
	} else if (l->used[0]) {
		heading = "Linket er allerede brugt";
		msg = "Et link til at vælge adgangskode kan kun bruges én gang, og dette er brugt. "
		      "Har du selv valgt din adgangskode med det, kan du logge ind med den.";
	} else if (l->disabled) {
		msg = "Kontoen er spærret, så der kan ikke vælges en adgangskode til den.";
	} else if (l->cancelled[0]) {
		msg = "Linket er erstattet af et nyere link eller annulleret, fx fordi der er valgt "
		      "en ny adgangskode til kontoen i mellemtiden.";
	} else {
		json_t *when = accounts_time_da(l->expires);
		snprintf(buf, sizeof buf,
		         "Linket udløb %s. Et link virker i %d timer, fra det er lavet.",
		         json_string_value(when), STORE_LINK_HOURS);
		json_decref(when);
		msg = buf;
	}
	p->status = status;
	p->doc = json_pack("{s:s, s:b, s:s, s:o}", "title", heading, "gone", 1, "heading", heading,
	                   "message", form_text(msg));
	return 0;
}

/* The form for l, with errors from fm (may be NULL). */
static int form_page(struct web_req *r, struct web_resp *p, int status, const struct store_link *l,
                     struct form *fm)
{
	bool first = !strcmp(l->purpose, "new");
	const char *heading = first ? "Vælg din adgangskode" : "Vælg en ny adgangskode";
	json_t *doc = json_pack("{s:s, s:b, s:s, s:o, s:b, s:o, s:i, s:s}", "title", heading, "form",
	                        1, "heading", heading, "login", form_text(l->login), "first", first,
	                        "expires_da", accounts_time_da(l->expires), "password_min",
	                        AUTH_PASSWORD_MIN, "path", r->path);
	if (fm) {
		if (!form_ok(fm)) {
			char t[120];
			snprintf(t, sizeof t, "Fejl: %s", heading);
			json_object_set_new(doc, "title", json_string(t));
		}
		form_finish(fm, doc);
	}
	p->status = status;
	p->doc = doc;
	return 0;
}

/* The raw value of field name ("" when absent): a password is taken as typed, spaces and
 * all (the text rule has been checked before the handler). */
static const char *raw(const struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);
	return v ? v : "";
}

int page_password(struct web_req *r, struct web_resp *p)
{
	const char *secret = r->param ? r->param : "";
	struct store_link l;
	int rc = auth_link_find(r->st, secret, &l);
	if (rc != FK_OK && rc != FK_ENOTFOUND)
		return web_error(r, p, 503, "Linket kan ikke læses lige nu. Prøv igen om lidt.");
	if (rc == FK_ENOTFOUND || l.used[0] || l.cancelled[0] || l.expired || l.disabled)
		return gone(p, rc, &l);
	if (r->method != WM_POST)
		return form_page(r, p, 200, &l, NULL);

	struct form fm;
	form_init(&fm);
	const char *pw = raw(r, "password"), *pw2 = raw(r, "password2");
	if (!*pw)
		form_error(&fm, "password", "Ny adgangskode",
		           "Skriv en adgangskode på mindst %d tegn.", AUTH_PASSWORD_MIN);
	else if (strlen(pw) > AUTH_PASSWORD_MAX)
		form_error(&fm, "password", "Ny adgangskode",
		           "Adgangskoden er for lang. Den må højst fylde %d byte.", AUTH_PASSWORD_MAX);
	else if (!auth_password_ok(pw))
		form_error(&fm, "password", "Ny adgangskode",
		           "Adgangskoden skal være på mindst %d tegn. Vælg en længere, fx en sætning "
		           "på flere ord.",
		           AUTH_PASSWORD_MIN);
	else if (strcmp(pw, pw2) != 0)
		form_error(&fm, "password2", "Gentag adgangskoden",
		           "De to adgangskoder er ikke ens. Skriv den samme adgangskode i begge "
		           "felter.");
	if (!form_ok(&fm))
		return form_page(r, p, 400, &l, &fm);
	form_free(&fm);

	int64_t sessions = 0, tokens = 0;
	rc = auth_link_use(r->st, secret, pw, &l, &sessions, &tokens);
	if (rc == FK_ENOTFOUND || rc == FK_ECONFLICT)
		return gone(p, rc, &l);
	if (rc != FK_OK)
		return web_error(r, p, 500,
		                 "Adgangskoden kunne ikke gemmes. Prøv igen om lidt; linket virker "
		                 "stadig.");
	/* The account's sessions are ended, this browser's too when it was logged in as it. */
	if (r->user.id && !strcmp(r->user.login, l.login))
		auth_logout(r, p);
	p->doc = json_pack("{s:s, s:b, s:o, s:s, s:b}", "title", "Din adgangskode er gemt", "done",
	                   1, "login", form_text(l.login), "next", "/", "ended",
	                   sessions + tokens > 0);
	return 0;
}
