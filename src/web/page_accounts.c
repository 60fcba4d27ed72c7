/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /accounts (the secretariat): every account with its role, person, state and open
 * sessions; every API token with its account, note, creation, last day, last use and state;
 * this server's login throttling counters (auth.h); and the form for a new account.
 *
 * POST /accounts (the secretariat), field "action":
 *   create      login, role, person=KEY|""       makes an account without a password and a
 *                                                one-time link (auth_link_make) to choose
 *                                                one: the account's page, with the link
 *                                                shown this once (200)
 *   revoke      token=ID                         revokes an API token at once
 *   disable     login=LOGIN                      disables an account: ends its sessions,
 *                                                tokens and links (not the secretariat's
 *                                                own account)
 *   enable      login=LOGIN                      lets it log in again
 *   unthrottle  kind=pair|address, address=ADDR  forgets a throttling counter (the pair
 *               [login=LOGIN]                    also needs the login)
 * then 303 to /accounts?done=WHAT (with id= or login=) and the anchor of the table; a form
 * that names nothing (unknown token, account or counter) is 404, a bad form 400, both with
 * the page and the reason. Changes to accounts and tokens are audited by the store; a
 * counter lives only in this process's memory, so clearing one is written to the server's
 * log (standard error) instead.
 *
 * GET /accounts/{login} (the secretariat): one account, with the forms below.
 * POST /accounts/{login}, field "action":
 *   update      role, person=KEY|""              a new role and linked person (a member
 *                                                needs a person); 303 ?done=updated
 *   reset       -                                a one-time link to choose a new password
 *                                                (shown this once, 200)
 *   token       label, days                      an API token (shown this once, 200)
 *   disable, enable                              as on /accounts, back to this page
 * A one-time link or a token is never in an address the browser keeps (history, logs):
 * only in the answer to the POST that made it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "core/date.h"
#include "core/model.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/auth.h"
#include "web/form.h"
#include "web/pages.h"

/* ---------------------------------------------------------------- times in Danish */

/* The UTC offset of Europe/Copenhagen at t: CEST from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October (as date_today), else CET. */
static int cph_offset(time_t t)
{
	int y = date_year((fk_date)(t / 86400));
	fk_date mar = date_from_ymd(y, 3, 31), oct = date_from_ymd(y, 10, 31);
	mar -= date_weekday(mar) % 7;
	oct -= date_weekday(oct) % 7;
	int64_t on = (int64_t)mar * 86400 + 3600, off = (int64_t)oct * 86400 + 3600;
	return (int64_t)t >= on && (int64_t)t < off ? 7200 : 3600;
}

/* t in Danish time: "27. november 2026 kl. 11.00". */
static json_t *time_da(time_t t)
{
	int64_t local = (int64_t)t + cph_offset(t);
	fk_date day = (fk_date)(local / 86400);
	int sec = (int)(local % 86400);
	char d[40], out[64];
	date_format_da(day, d, sizeof d);
	snprintf(out, sizeof out, "%s kl. %02d.%02d", d, sec / 3600, sec % 3600 / 60);
	return json_string(out);
}

/* A stored UTC time ("2026-11-27T10:00:00Z", or to the minute) in Danish time; "" for
 * "" (never), and the text itself when it is not such a time. */
json_t *accounts_time_da(const char *s)
{
	fk_date day;
	int h, m;
	if (!*s)
		return json_string("");
	if (strlen(s) < 16 || date_parse(s, 10, &day) != 0 || s[10] != 'T' ||
	    sscanf(s + 11, "%2d:%2d", &h, &m) != 2)
		return form_text(s);
	return time_da((time_t)((int64_t)day * 86400 + h * 3600 + m * 60));
}

/* A last day (YYYY-MM-DD) in Danish: "27. november 2027". */
static json_t *day_da(const char *s)
{
	fk_date day;
	char d[40];
	if (date_parse(s, strlen(s), &day) != 0)
		return form_text(s);
	date_format_da(day, d, sizeof d);
	return json_string(d);
}

/* ---------------------------------------------------------------- the view model */

struct view {
	struct web_req *r;
	json_t *accounts, *tokens, *old_tokens;
	json_t *valid;    /* login -> number of tokens in force */
	const char *want; /* the account of /accounts/{login}, or NULL */
	json_t *one;      /* its row in accounts (a reference), NULL when none */
};

static int account_row(const struct store_account *a, void *arg)
{
	struct view *v = arg;
	int role = role_parse(a->role);
	json_t *o =
	    json_pack("{s:o, s:s, s:o, s:o, s:b, s:I, s:b, s:I, s:b, s:o}", "login",
	              form_text(a->login), "role_da", role > 0 ? role_title((enum role)role) : a->role,
	              "person", form_text(a->person), "created_da", accounts_time_da(a->created),
	              "disabled", a->disabled, "sessions", (json_int_t)a->sessions, "self",
	              a->id == v->r->user.id, "tokens", (json_int_t)0, "no_password",
	              a->no_password, "link_expires_da", accounts_time_da(a->link_expires));
	json_array_append_new(v->accounts, o);
	if (v->want && !strcmp(a->login, v->want))
		v->one = json_incref(o);
	return 0;
}

static int token_row(const struct store_token *t, void *arg)
{
	struct view *v = arg;
	bool valid = !t->revoked[0] && !t->expired;
	json_t *o =
	    json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:b}", "id", (json_int_t)t->id,
	              "login", form_text(t->login), "label", form_text(t->label), "created_da",
	              accounts_time_da(t->created), "expires_da", day_da(t->expires), "last_used_da",
	              accounts_time_da(t->last_used), "revoked_da", accounts_time_da(t->revoked), "state_da",
	              t->revoked[0] ? "tilbagekaldt"
	              : t->expired  ? "udløbet"
	                            : "gyldigt",
	              "valid", valid);
	json_array_append_new(valid ? v->tokens : v->old_tokens, o);
	if (valid) {
		json_t *n = json_object_get(v->valid, t->login);
		json_object_set_new(v->valid, t->login,
		                    json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	return 0;
}

/* The throttling counters of this process. */
static json_t *throttles(time_t now)
{
	struct auth_throttle *v;
	size_t n = auth_throttle_list(&v, now);
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		char wait[40] = "";
		if (v[i].until > now)
			auth_wait_text(v[i].until - now, wait, sizeof wait);
		json_array_append_new(
		    a, json_pack("{s:b, s:s, s:o, s:o, s:I, s:o, s:s, s:b}", "pair", v[i].pair,
		                 "kind", v[i].pair ? "pair" : "address", "login",
		                 form_text(v[i].login), "address", form_text(v[i].address), "fails",
		                 (json_int_t)v[i].fails, "last_da", time_da(v[i].last), "wait",
		                 wait, "waiting", v[i].until > now));
	}
	free(v);
	return a;
}

/* What a redirect after a change says (?done=); NULL for anything else. %s is the id or
 * login, when there is one. */
static const char *done_text(const char *done)
{
	static const char *const t[][2] = {
	    {"revoked", "Token nr. %s er tilbagekaldt og virker ikke længere."},
	    {"disabled", "Kontoen %s er spærret. Dens sessioner, tokens og engangslinks er "
	                 "afsluttet."},
	    {"enabled", "Kontoen %s kan logge ind igen. Lav et nyt token på kontoens side, hvis "
	                "den skal bruge API'et."},
	    {"unthrottled", "Ventetiden er ophævet; der kan logges ind med det samme."},
	    {"updated", "Kontoen %s er ændret. Den nye rolle gælder fra kontoens næste side."},
	    {"unchanged", "Intet er ændret: kontoen %s havde allerede den rolle og person."},
	};
	for (size_t i = 0; done && i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(done, t[i][0]))
			return t[i][1];
	return NULL;
}

/* ---------------------------------------------------------------- people and roles */

struct person_ix {
	const struct reg_person *p;
	char where[80]; /* the municipality or organisation of the newest appointment, "" none */
};

static int by_name(const void *x, const void *y)
{
	const struct person_ix *a = x, *b = y;
	int c = strcmp(a->p->name, b->p->name);
	return c ? c : strcmp(a->p->key, b->p->key);
}

/* The people of reg as options of a <select>, by name, each "Name (municipality)" — the
 * municipality (or KL, UDK, KOMBIT) of the person's newest appointment — with selected
 * (may be "") marked. */
static json_t *people_options(const struct web_req *r, const struct reg *reg, const char *selected)
{
	struct person_ix *ix = xmalloc((reg->npersons + 1) * sizeof *ix);
	fk_date *newest = xmalloc((reg->npersons + 1) * sizeof *newest);
	for (size_t i = 0; i < reg->npersons; i++) {
		ix[i].p = &reg->persons[i];
		ix[i].where[0] = '\0';
		newest[i] = 0;
	}
	for (size_t i = 0; i < reg->nappts; i++) {
		const struct reg_appt *a = &reg->appts[i];
		if (a->person < 0 || (size_t)a->person >= reg->npersons ||
		    (ix[a->person].where[0] && a->start < newest[a->person]))
			continue;
		const struct munic *m = a->munic && r->app ? munic_find(r->app->mt, a->munic) : NULL;
		const char *w = m ? m->name : a->org != SEAT_KOMMUNE ? seat_name(a->org) : NULL;
		if (!w)
			continue;
		snprintf(ix[a->person].where, sizeof ix[a->person].where, "%s", w);
		newest[a->person] = a->start;
	}
	free(newest);
	qsort(ix, reg->npersons, sizeof *ix, by_name);
	json_t *a = json_array();
	for (size_t i = 0; i < reg->npersons; i++) {
		char label[400];
		if (ix[i].where[0])
			snprintf(label, sizeof label, "%s (%s)", ix[i].p->name, ix[i].where);
		else
			snprintf(label, sizeof label, "%s", ix[i].p->name);
		json_array_append_new(a, json_pack("{s:o, s:o, s:b}", "value", form_text(ix[i].p->key),
		                                   "label", form_text(label), "selected",
		                                   !strcmp(ix[i].p->key, selected)));
	}
	free(ix);
	return a;
}

/* The name of the person with key in reg, with the municipality as people_options; "" for
 * none. */
static json_t *person_label(const struct reg *reg, const char *key)
{
	int32_t i = *key ? reg_person_find(reg, key) : -1;
	return form_text(i >= 0 ? reg->persons[i].name : key);
}

static const char *const role_values[] = {"admin", "member", "viewer"};
static const char *const role_labels[] = {
    "Sekretariatet – må alt",
    "Medlem – egne grupper, møder og forslag",
    "Læser – læser alt, ændrer intet",
};

static json_t *role_options(const char *selected)
{
	json_t *a = json_array();
	for (size_t i = 0; i < 3; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", role_values[i], "label",
		                                   role_labels[i], "selected",
		                                   !strcmp(role_values[i], selected)));
	return a;
}

static bool role_ok(const char *s)
{
	for (size_t i = 0; i < 3; i++)
		if (!strcmp(s, role_values[i]))
			return true;
	return false;
}

/* ---------------------------------------------------------------- the pages */

static void view_free(struct view *v)
{
	json_decref(v->accounts);
	json_decref(v->tokens);
	json_decref(v->old_tokens);
	json_decref(v->valid);
	json_decref(v->one);
}

/* Reads every account and token into v (want: the account to pick out, may be NULL). */
static int collect(struct web_req *r, struct view *v, const char *want)
{
	*v = (struct view){r, json_array(), json_array(), json_array(), json_object(), want, NULL};
	int rc = store_account_list(r->st, account_row, v);
	if (rc == FK_OK)
		rc = store_token_list(r->st, NULL, token_row, v);
	if (rc != FK_OK)
		return rc;
	size_t i;
	json_t *a;
	json_array_foreach(v->accounts, i, a)
	{
		json_t *n =
		    json_object_get(v->valid, json_string_value(json_object_get(a, "login")));
		if (n)
			json_object_set(a, "tokens", n);
	}
	return FK_OK;
}

/* The notice of ?done= on a page showing accounts: the id or login only when it names a
 * token or account there. */
static void add_notice(struct web_req *r, json_t *doc, const json_t *accounts)
{
	const char *done = web_query(r, "done"), *fmt = done_text(done);
	if (!fmt)
		return;
	const char *arg = "";
	long id;
	char idtext[24];
	if (!strcmp(done, "revoked") && web_whole(web_query(r, "id"), 1L << 30, &id)) {
		snprintf(idtext, sizeof idtext, "%ld", id);
		arg = idtext;
	} else if (strcmp(done, "revoked") && strcmp(done, "unthrottled")) {
		const char *login = web_query(r, "login");
		for (size_t i = 0; login && i < json_array_size(accounts); i++) {
			json_t *a = json_array_get(accounts, i);
			if (!strcmp(json_string_value(json_object_get(a, "login")), login))
				arg = login;
		}
	}
	if (*arg || !strcmp(done, "unthrottled")) {
		char msg[300];
		snprintf(msg, sizeof msg, fmt, arg);
		json_object_set_new(doc, "notice", form_text(msg));
	}
}

/* The register for a form's person list into reg; false after answering 503. */
static bool load_people(struct web_req *r, struct web_resp *p, struct reg *reg)
{
	reg_init(reg);
	if (web_load_register(r, reg) == FK_OK)
		return true;
	reg_free(reg);
	web_error(r, p, 503, "Registret kan ikke læses lige nu. Prøv igen om lidt.");
	return false;
}

/* The list page, with error (may be NULL) at the top; fm (may be NULL) is the new-account
 * form as sent. */
static int render(struct web_req *r, struct web_resp *p, int status, const char *error,
                  struct form *fm)
{
	struct view v;
	struct reg reg;
	if (collect(r, &v, NULL) != FK_OK) {
		view_free(&v);
		if (fm)
			form_free(fm);
		return web_error(r, p, 503,
		                 "Konti og tokens kan ikke læses lige nu. Prøv igen om lidt.");
	}
	if (!load_people(r, p, &reg)) {
		view_free(&v);
		if (fm)
			form_free(fm);
		return 0;
	}
	json_t *doc = json_object();
	if (status == 200)
		add_notice(r, doc, v.accounts);
	if (error)
		json_object_set_new(doc, "error", form_text(error));
	const char *role = "viewer", *person = "";
	if (fm) {
		json_t *f = json_object_get(fm->f, "role");
		if (f && role_ok(json_string_value(json_object_get(f, "value"))))
			role = json_string_value(json_object_get(f, "value"));
		f = json_object_get(fm->f, "person");
		if (f && json_string_value(json_object_get(f, "value")))
			person = json_string_value(json_object_get(f, "value"));
	}
	json_object_set_new(doc, "roles", role_options(role));
	json_object_set_new(doc, "people", people_options(r, &reg, person));
	size_t i;
	json_t *a;
	json_array_foreach(v.accounts, i, a)
	    json_object_set_new(a, "person_name",
	                        person_label(&reg, json_string_value(json_object_get(a, "person"))));
	reg_free(&reg);
	bool bad = fm && !form_ok(fm);
	if (fm)
		form_finish(fm, doc);
	time_t now = time(NULL);
	json_t *th = throttles(now);
	json_object_set_new(doc, "title", json_string(error || bad ? "Fejl: Konti og adgang"
	                                                           : "Konti og adgang"));
	json_object_set_new(doc, "accounts", v.accounts);
	json_object_set_new(doc, "tokens_any", json_boolean(json_array_size(v.tokens) > 0));
	json_object_set_new(doc, "tokens", v.tokens);
	json_object_set_new(doc, "old_tokens_n",
	                    json_integer((json_int_t)json_array_size(v.old_tokens)));
	json_object_set_new(doc, "old_tokens_any", json_boolean(json_array_size(v.old_tokens) > 0));
	json_object_set_new(doc, "old_tokens", v.old_tokens);
	json_object_set_new(doc, "throttles_any", json_boolean(json_array_size(th) > 0));
	json_object_set_new(doc, "throttles", th);
	json_object_set_new(doc, "pair_free", json_integer(AUTH_PAIR_FREE));
	json_object_set_new(doc, "addr_free", json_integer(AUTH_ADDR_FREE));
	json_object_set_new(doc, "wait_max_min", json_integer(AUTH_WAIT_MAX / 60));
	json_object_set_new(doc, "password_min", json_integer(AUTH_PASSWORD_MIN));
	json_object_set_new(doc, "link_hours", json_integer(STORE_LINK_HOURS));
	json_decref(v.valid);
	json_decref(v.one);
	p->status = status;
	p->doc = doc;
	return 0;
}

/* What the account page shows once, in the answer to the POST that made it. */
struct once {
	const struct auth_link *link; /* a one-time link, or NULL */
	const char *mailed;           /* where the link was also sent by e-mail, or NULL */
	const char *token;            /* an API token, or NULL */
	int64_t token_id;
	const char *token_expires; /* YYYY-MM-DD */
};

/* The page of the account login, with error (may be NULL) at the top, fm (may be NULL) the
 * form as sent, and what to show once (may be NULL). 404 when there is no such account. */
static int render_account(struct web_req *r, struct web_resp *p, const char *login, int status,
                          const char *error, struct form *fm, const struct once *once)
{
	struct view v;
	struct reg reg;
	if (collect(r, &v, login) != FK_OK) {
		view_free(&v);
		if (fm)
			form_free(fm);
		return web_error(r, p, 503, "Kontoen kan ikke læses lige nu. Prøv igen om lidt.");
	}
	if (!v.one) {
		view_free(&v);
		if (fm)
			form_free(fm);
		return web_error(r, p, 404,
		                 "Kontoen findes ikke. Se listen over konti under »Konti og adgang«.");
	}
	if (!load_people(r, p, &reg)) {
		view_free(&v);
		if (fm)
			form_free(fm);
		return 0;
	}
	struct store_account a;
	int rc = store_account_by_login(r->st, login, &a);
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc != FK_OK) {
		reg_free(&reg);
		view_free(&v);
		if (fm)
			form_free(fm);
		return web_error(r, p, 503, "Kontoen kan ikke læses lige nu. Prøv igen om lidt.");
	}
	json_t *doc = json_object();
	json_object_set(doc, "acct", v.one);
	json_object_set_new(json_object_get(doc, "acct"), "person_name",
	                    person_label(&reg, a.person));
	if (status == 200)
		add_notice(r, doc, v.accounts);
	if (error)
		json_object_set_new(doc, "error", form_text(error));
	/* The update form: as sent, else as the account is. */
	const char *role = a.role, *person = a.person;
	if (fm) {
		json_t *f = json_object_get(fm->f, "role");
		if (f && role_ok(json_string_value(json_object_get(f, "value"))))
			role = json_string_value(json_object_get(f, "value"));
		f = json_object_get(fm->f, "person");
		if (f && json_string_value(json_object_get(f, "value")))
			person = json_string_value(json_object_get(f, "value"));
	}
	json_object_set_new(doc, "roles", role_options(role));
	json_object_set_new(doc, "people", people_options(r, &reg, person));
	reg_free(&reg);
	bool bad = fm && !form_ok(fm);
	if (fm)
		form_finish(fm, doc);
	if (!json_object_get(doc, "f"))
		json_object_set_new(doc, "f", json_pack("{s:{s:i}}", "days", "value", 365));
	if (once && once->link) {
		char addr[600];
		bool whole = auth_link_address(r->app ? &r->app->cfg : NULL, once->link->path, addr,
		                               sizeof addr);
		json_object_set_new(
		    doc, "link",
		    json_pack("{s:s, s:s, s:b, s:o, s:b}", "address", addr, "path", once->link->path,
		              "whole", whole, "expires_da", accounts_time_da(once->link->link.expires), "new",
		              !strcmp(once->link->link.purpose, "new")));
		sodium_memzero(addr, sizeof addr);
		if (once->mailed && *once->mailed)
			json_object_set_new(json_object_get(doc, "link"), "mailed",
			                    json_string(once->mailed));
	}
	if (once && once->token)
		json_object_set_new(doc, "token",
		                    json_pack("{s:s, s:I, s:o}", "value", once->token, "id",
		                              (json_int_t)once->token_id, "expires_da",
		                              day_da(once->token_expires)));
	char title[200];
	snprintf(title, sizeof title, "%sKontoen %s", error || bad ? "Fejl: " : "", login);
	json_object_set_new(doc, "title", form_text(title));
	json_object_set_new(doc, "password_min", json_integer(AUTH_PASSWORD_MIN));
	json_object_set_new(doc, "link_hours", json_integer(STORE_LINK_HOURS));
	json_object_set_new(doc, "days_max", json_integer(3650));
	/* Only what the page uses; the lists stay behind. */
	view_free(&v);
	p->status = status;
	p->doc = doc;
	p->tmpl = "accounts_account"; /* also when POST /accounts made the account */
	return 0;
}

/* ---------------------------------------------------------------- the changes */

static int act_revoke(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(web_form(r, "token"), 1L << 30, &id))
		return render(r, p, 400,
		              "Formularen nævner ikke et token. Genindlæs siden, og prøv igen.", NULL);
	struct store_token t;
	int rc = store_token_revoke(r->st, r->user.login, id, &t);
	if (rc == FK_ENOTFOUND)
		return render(r, p, 404,
		              "Tokenet findes ikke. Genindlæs siden, og se listen igen.", NULL);
	if (rc != FK_OK && rc != FK_ECONFLICT)
		return render(r, p, 500, "Tokenet kunne ikke tilbagekaldes. Prøv igen om lidt.",
		              NULL);
	web_redirect(p, "/accounts?done=revoked&id=%ld#tokens", id);
	return 0;
}

/* Disables or enables login (from the list, or with page the account's own page). */
static int act_disable(struct web_req *r, struct web_resp *p, const char *login, bool disable,
                       bool page)
{
	if (!login || !*login || strlen(login) > STORE_LOGIN_MAX)
		return render(r, p, 400,
		              "Formularen nævner ikke en konto. Genindlæs siden, og prøv igen.", NULL);
	static const char self_msg[] =
	    "Du kan ikke spærre din egen konto, for så kunne ingen i sekretariatet ophæve det "
	    "igen. Bed en kollega i sekretariatet om at spærre den på siden Konti og adgang.";
	if (disable && !strcmp(login, r->user.login))
		return page ? render_account(r, p, login, 400, self_msg, NULL, NULL)
		            : render(r, p, 400, self_msg, NULL);
	int rc = store_account_set_disabled(r->st, r->user.login, login, disable, NULL, NULL);
	if (rc == FK_ENOTFOUND)
		return render(r, p, 404,
		              "Kontoen findes ikke. Genindlæs siden, og se listen igen.", NULL);
	if (rc != FK_OK && rc != FK_ECONFLICT)
		return render(r, p, 500, "Kontoen kunne ikke ændres. Prøv igen om lidt.", NULL);
	/* The login goes back in the query percent-encoded. */
	json_t *q = form_url(login);
	if (page)
		web_redirect(p, "/accounts/%s?done=%s&login=%s", json_string_value(q),
		             disable ? "disabled" : "enabled", json_string_value(q));
	else
		web_redirect(p, "/accounts?done=%s&login=%s#konti", disable ? "disabled" : "enabled",
		             json_string_value(q));
	json_decref(q);
	return 0;
}

static int act_unthrottle(struct web_req *r, struct web_resp *p)
{
	const char *kind = web_form(r, "kind"), *login = web_form(r, "login"),
	           *addr = web_form(r, "address");
	bool pair = kind && !strcmp(kind, "pair");
	if (!kind || (!pair && strcmp(kind, "address")) || !addr || !*addr || (pair && !login))
		return render(r, p, 400,
		              "Formularen nævner ikke en ventetid. Genindlæs siden, og prøv igen.",
		              NULL);
	if (!auth_throttle_clear(pair, login, addr))
		return render(
		    r, p, 404,
		    "Ventetiden findes ikke længere; den er udløbet eller allerede ophævet.", NULL);
	/* Only plain text in the log: a login typed at the login form may hold anything. */
	bool plain = !form_has_control(addr) && !(pair && form_has_control(login));
	fprintf(stderr, "fkigov serve: %s ophævede ventetiden for %s%s%s\n", r->user.login,
	        pair && plain ? login : "", pair ? " fra " : "adressen ", plain ? addr : "?");
	web_redirect(p, "/accounts?done=unthrottled#ventetider");
	return 0;
}

/* Reads and checks role and person of r's form into fm (values kept for the page): false
 * with errors in fm. *role and *person (may be "") are fm's copies, freed by the caller. */
static bool take_role_person(struct web_req *r, struct form *fm, char **role, char **person)
{
	*role = form_take(fm, r, "role", "Rolle");
	*person = form_take(fm, r, "person", "Person");
	if (!role_ok(*role))
		form_error(fm, "role", "Rolle", "Vælg en af de tre roller.");
	if (**person) {
		struct reg reg;
		reg_init(&reg);
		int rc = web_load_register(r, &reg);
		if (rc == FK_OK && reg_person_find(&reg, *person) < 0)
			form_error(fm, "person", "Person",
			           "Personen findes ikke i registret. Vælg en person på listen.");
		reg_free(&reg);
	} else if (!strcmp(*role, "member")) {
		form_error(fm, "person", "Person",
		           "Et medlem skal knyttes til en person. Vælg personen på listen, eller "
		           "vælg en anden rolle.");
	}
	return form_ok(fm);
}

/* POST /accounts action=create: the account without a password, and its first link. */
static int act_create(struct web_req *r, struct web_resp *p)
{
	struct form fm;
	form_init(&fm);
	char *login = form_take(&fm, r, "login", "Brugernavn"), *role, *person;
	if (!*login)
		form_error(&fm, "login", "Brugernavn", "Skriv et brugernavn, fx anne.hansen.");
	else if (!auth_login_valid(login))
		form_error(&fm, "login", "Brugernavn",
		           "Brugernavnet må kun indeholde bogstaverne a-z, tal, punktum, bindestreg, "
		           "understregning og @ og højst være %d tegn.",
		           STORE_LOGIN_MAX);
	take_role_person(r, &fm, &role, &person);
	struct store_account a;
	int rc = FK_OK;
	if (form_ok(&fm) && (rc = store_account_by_login(r->st, login, &a)) == FK_OK) {
		memset(a.pwhash, 0, sizeof a.pwhash);
		form_error(&fm, "login", "Brugernavn",
		           "Der findes allerede en konto med brugernavnet %s. Vælg et andet.", login);
	}
	int status = 400;
	if (form_ok(&fm)) {
		struct auth_link l;
		rc = store_account_add(r->st, r->user.login, login, NULL, role, *person ? person : NULL,
		                       NULL);
		char mailed[256] = "";
		if (rc == FK_OK)
			rc = auth_link_send(r->st, &r->app->cfg, r->user.login, login, "new", &l, mailed,
			                    sizeof mailed);
		if (rc == FK_OK) {
			form_free(&fm);
			const struct once once = {&l, mailed, NULL, 0, NULL};
			rc = render_account(r, p, login, 200, NULL, NULL, &once);
			sodium_memzero(&l, sizeof l);
			free(login);
			free(role);
			free(person);
			return rc;
		}
		if (rc == FK_ECONFLICT)
			form_error(&fm, "login", "Brugernavn",
			           "Der findes allerede en konto med brugernavnet %s. Vælg et andet.",
			           login);
		else if (rc == FK_ENOTFOUND)
			form_error(&fm, "person", "Person",
			           "Personen findes ikke i registret. Vælg en person på listen.");
		else
			status = 500;
	}
	free(login);
	free(role);
	free(person);
	return render(r, p, status,
	              status == 500 ? "Kontoen kunne ikke gemmes. Prøv igen om lidt." : NULL, &fm);
}

int page_accounts(struct web_req *r, struct web_resp *p)
{
	if (r->method != WM_POST)
		return render(r, p, 200, NULL, NULL);
	const char *action = web_form(r, "action");
	if (action && !strcmp(action, "create"))
		return act_create(r, p);
	if (action && !strcmp(action, "revoke"))
		return act_revoke(r, p);
	if (action && (!strcmp(action, "disable") || !strcmp(action, "enable")))
		return act_disable(r, p, web_form(r, "login"), !strcmp(action, "disable"), false);
	if (action && !strcmp(action, "unthrottle"))
		return act_unthrottle(r, p);
	return render(r, p, 400, "Formularen kunne ikke forstås. Genindlæs siden, og prøv igen.",
	              NULL);
}

/* ---------------------------------------------------------------- one account */

/* action=update: role and person; the person first when the account becomes a member, so a
 * member is never without one. */
static int act_update(struct web_req *r, struct web_resp *p, const char *login)
{
	struct form fm;
	form_init(&fm);
	char *role, *person;
	if (!take_role_person(r, &fm, &role, &person)) {
		free(role);
		free(person);
		return render_account(r, p, login, 400, NULL, &fm, NULL);
	}
	bool member = !strcmp(role, "member"), changed = false;
	int rc = FK_OK;
	for (int step = 0; step < 2 && (rc == FK_OK || rc == FK_ECONFLICT); step++) {
		if ((step == 0) == member)
			rc = store_account_set_person(r->st, r->user.login, login, person);
		else
			rc = store_account_set_role(r->st, r->user.login, login, role);
		changed |= rc == FK_OK;
	}
	free(role);
	free(person);
	if (rc == FK_OK || rc == FK_ECONFLICT) {
		form_free(&fm);
		json_t *q = form_url(login);
		web_redirect(p, "/accounts/%s?done=%s&login=%s", json_string_value(q),
		             changed ? "updated" : "unchanged", json_string_value(q));
		json_decref(q);
		return 0;
	}
	if (rc == FK_EINPUT) {
		form_error(&fm, "person", "Person",
		           "Et medlem skal knyttes til en person. Vælg personen på listen, eller vælg "
		           "en anden rolle.");
		return render_account(r, p, login, 400, NULL, &fm, NULL);
	}
	form_free(&fm);
	if (rc == FK_ENOTFOUND)
		return render_account(r, p, login, 404,
		                      "Kontoen eller personen findes ikke længere. Genindlæs siden.",
		                      NULL, NULL);
	return render_account(r, p, login, 500, "Kontoen kunne ikke ændres. Prøv igen om lidt.",
	                      NULL, NULL);
}

/* action=reset: a one-time link, shown once. */
static int act_reset(struct web_req *r, struct web_resp *p, const char *login)
{
	struct auth_link l;
	char mailed[256] = "";
	int rc = auth_link_send(r->st, &r->app->cfg, r->user.login, login, "reset", &l, mailed,
	                        sizeof mailed);
	if (rc == FK_ECONFLICT)
		return render_account(r, p, login, 409,
		                      "Kontoen er spærret, så den kan ikke få et link. Åbn kontoen "
		                      "først.",
		                      NULL, NULL);
	if (rc != FK_OK)
		return render_account(r, p, login, rc == FK_ENOTFOUND ? 404 : 500,
		                      "Linket kunne ikke laves. Prøv igen om lidt.", NULL, NULL);
	const struct once once = {&l, mailed, NULL, 0, NULL};
	rc = render_account(r, p, login, 200, NULL, NULL, &once);
	sodium_memzero(&l, sizeof l);
	return rc;
}

/* action=token: an API token with a note and a number of days, shown once. */
static int act_token(struct web_req *r, struct web_resp *p, const char *login)
{
	struct form fm;
	form_init(&fm);
	char *label = form_take(&fm, r, "label", "Note"), *days = form_take(&fm, r, "days", "Dage");
	long d = 0;
	if (strlen(label) > STORE_LABEL_MAX)
		form_error(&fm, "label", "Note", "Skriv en kortere note (højst %d tegn).",
		           STORE_LABEL_MAX);
	if (!web_whole(days, 3650, &d))
		form_error(&fm, "days", "Dage", "Skriv et helt antal dage fra 1 til 3650, fx 365.");
	struct store_account a;
	int rc = store_account_by_login(r->st, login, &a);
	memset(a.pwhash, 0, sizeof a.pwhash);
	if (rc == FK_OK && a.disabled)
		form_error(&fm, "days", "Dage",
		           "Kontoen er spærret og kan ikke få et token. Åbn kontoen først.");
	if (rc != FK_OK || !form_ok(&fm)) {
		free(label);
		free(days);
		return render_account(r, p, login, rc == FK_ENOTFOUND ? 404 : 400, NULL, &fm, NULL);
	}
	char expires[11], token[AUTH_TOKEN_LEN + 1];
	int64_t id = 0;
	store_token_expiry(r->st, (int)d, expires);
	rc = auth_token_make(r->st, r->user.login, login, *label ? label : NULL, expires, token, &id);
	free(label);
	free(days);
	if (rc != FK_OK) {
		form_free(&fm);
		return render_account(r, p, login, 500, "Tokenet kunne ikke gemmes. Prøv igen om lidt.",
		                      NULL, NULL);
	}
	form_free(&fm); /* the next token starts from a blank form */
	const struct once once = {NULL, NULL, token, id, expires};
	rc = render_account(r, p, login, 200, NULL, NULL, &once);
	sodium_memzero(token, sizeof token);
	return rc;
}

int page_account(struct web_req *r, struct web_resp *p)
{
	const char *login = r->param ? r->param : "";
	if (!auth_login_valid(login))
		return web_error(r, p, 404,
		                 "Kontoen findes ikke. Se listen over konti under »Konti og adgang«.");
	if (r->method != WM_POST)
		return render_account(r, p, login, 200, NULL, NULL, NULL);
	const char *action = web_form(r, "action");
	if (action && !strcmp(action, "update"))
		return act_update(r, p, login);
	if (action && !strcmp(action, "reset"))
		return act_reset(r, p, login);
	if (action && !strcmp(action, "token"))
		return act_token(r, p, login);
	if (action && (!strcmp(action, "disable") || !strcmp(action, "enable")))
		return act_disable(r, p, login, !strcmp(action, "disable"), true);
	return render_account(r, p, login, 400,
	                      "Formularen kunne ikke forstås. Genindlæs siden, og prøv igen.", NULL,
	                      NULL);
}
