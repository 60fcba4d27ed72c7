/* GET /accounts (the secretariat): every account with its role, person, state and open
 * sessions; every API token with its account, note, creation, last day, last use and state;
 * and this server's login throttling counters (auth.h).
 *
 * POST /accounts (the secretariat), field "action":
 *   revoke      token=ID                         revokes an API token at once
 *   disable     login=LOGIN                      disables an account: ends its sessions and
 *                                                tokens (not the secretariat's own account)
 *   enable      login=LOGIN                      lets it log in again
 *   unthrottle  kind=pair|address, address=ADDR  forgets a throttling counter (the pair
 *               [login=LOGIN]                    also needs the login)
 * then 303 to /accounts?done=WHAT (with id= or login=) and the anchor of the table; a form
 * that names nothing (unknown token, account or counter) is 404, a bad form 400, both with
 * the page and the reason. Changes to accounts and tokens are audited by the store; a
 * counter lives only in this process's memory, so clearing one is written to the server's
 * log (standard error) instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "util/err.h"
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
static json_t *stamp_da(const char *s)
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
	json_t *valid; /* login -> number of tokens in force */
};

static int account_row(const struct store_account *a, void *arg)
{
	struct view *v = arg;
	int role = role_parse(a->role);
	json_array_append_new(
	    v->accounts,
	    json_pack("{s:o, s:s, s:o, s:o, s:b, s:I, s:b, s:I}", "login", form_text(a->login),
	              "role_da", role > 0 ? role_title((enum role)role) : a->role, "person",
	              form_text(a->person), "created_da", stamp_da(a->created), "disabled",
	              a->disabled, "sessions", (json_int_t)a->sessions, "self",
	              a->id == v->r->user.id, "tokens", (json_int_t)0));
	return 0;
}

static int token_row(const struct store_token *t, void *arg)
{
	struct view *v = arg;
	bool valid = !t->revoked[0] && !t->expired;
	json_t *o =
	    json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:b}", "id", (json_int_t)t->id,
	              "login", form_text(t->login), "label", form_text(t->label), "created_da",
	              stamp_da(t->created), "expires_da", day_da(t->expires), "last_used_da",
	              stamp_da(t->last_used), "revoked_da", stamp_da(t->revoked), "state_da",
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
	    {"disabled", "Kontoen %s er spærret. Dens sessioner og tokens er afsluttet."},
	    {"enabled", "Kontoen %s kan logge ind igen. Lav et nyt token til kontoen, hvis den "
	                "skal bruge API'et."},
	    {"unthrottled", "Ventetiden er ophævet; der kan logges ind med det samme."},
	};
	for (size_t i = 0; done && i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(done, t[i][0]))
			return t[i][1];
	return NULL;
}

/* The page, with error (may be NULL) at the top. */
static int render(struct web_req *r, struct web_resp *p, int status, const char *error)
{
	struct view v = {r, json_array(), json_array(), json_array(), json_object()};
	int rc = store_account_list(r->st, account_row, &v);
	if (rc == FK_OK)
		rc = store_token_list(r->st, NULL, token_row, &v);
	if (rc != FK_OK) {
		json_decref(v.accounts);
		json_decref(v.tokens);
		json_decref(v.old_tokens);
		json_decref(v.valid);
		return web_error(r, p, 503,
		                 "Konti og tokens kan ikke læses lige nu. Prøv igen om lidt.");
	}
	size_t i;
	json_t *a;
	json_array_foreach(v.accounts, i, a)
	{
		json_t *n =
		    json_object_get(v.valid, json_string_value(json_object_get(a, "login")));
		if (n)
			json_object_set(a, "tokens", n);
	}
	json_decref(v.valid);

	json_t *doc = json_object();
	/* A notice after a change: the id or login only when it names a token or account. */
	const char *done = web_query(r, "done"), *fmt = done_text(done);
	if (fmt && status == 200) {
		const char *arg = "";
		long id;
		char idtext[24];
		if (!strcmp(done, "revoked") && web_whole(web_query(r, "id"), 1L << 30, &id)) {
			snprintf(idtext, sizeof idtext, "%ld", id);
			arg = idtext;
		} else if (strcmp(done, "revoked") && strcmp(done, "unthrottled")) {
			const char *login = web_query(r, "login");
			for (i = 0; login && i < json_array_size(v.accounts); i++) {
				a = json_array_get(v.accounts, i);
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
	if (error)
		json_object_set_new(doc, "error", form_text(error));
	time_t now = time(NULL);
	json_t *th = throttles(now);
	json_object_set_new(doc, "title",
	                    json_string(error ? "Fejl: Konti og adgang" : "Konti og adgang"));
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
	p->status = status;
	p->doc = doc;
	return 0;
}

/* ---------------------------------------------------------------- the changes */

static int act_revoke(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(web_form(r, "token"), 1L << 30, &id))
		return render(r, p, 400,
		              "Formularen nævner ikke et token. Genindlæs siden, og prøv igen.");
	struct store_token t;
	int rc = store_token_revoke(r->st, r->user.login, id, &t);
	if (rc == FK_ENOTFOUND)
		return render(r, p, 404,
		              "Tokenet findes ikke. Genindlæs siden, og se listen igen.");
	if (rc != FK_OK && rc != FK_ECONFLICT)
		return render(r, p, 500, "Tokenet kunne ikke tilbagekaldes. Prøv igen om lidt.");
	web_redirect(p, "/accounts?done=revoked&id=%ld#tokens", id);
	return 0;
}

static int act_disable(struct web_req *r, struct web_resp *p, bool disable)
{
	const char *login = web_form(r, "login");
	if (!login || !*login || strlen(login) > STORE_LOGIN_MAX)
		return render(r, p, 400,
		              "Formularen nævner ikke en konto. Genindlæs siden, og prøv igen.");
	if (disable && !strcmp(login, r->user.login))
		return render(
		    r, p, 400,
		    "Du kan ikke spærre din egen konto her. Bed en anden i sekretariatet om "
		    "det.");
	int rc = store_account_set_disabled(r->st, r->user.login, login, disable, NULL, NULL);
	if (rc == FK_ENOTFOUND)
		return render(r, p, 404,
		              "Kontoen findes ikke. Genindlæs siden, og se listen igen.");
	if (rc != FK_OK && rc != FK_ECONFLICT)
		return render(r, p, 500, "Kontoen kunne ikke ændres. Prøv igen om lidt.");
	/* The login goes back in the query percent-encoded. */
	json_t *q = form_url(login);
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
		              "Formularen nævner ikke en ventetid. Genindlæs siden, og prøv igen.");
	if (!auth_throttle_clear(pair, login, addr))
		return render(
		    r, p, 404,
		    "Ventetiden findes ikke længere; den er udløbet eller allerede ophævet.");
	/* Only plain text in the log: a login typed at the login form may hold anything. */
	bool plain = !form_has_control(addr) && !(pair && form_has_control(login));
	fprintf(stderr, "fkigov serve: %s ophævede ventetiden for %s%s%s\n", r->user.login,
	        pair && plain ? login : "", pair ? " fra " : "adressen ", plain ? addr : "?");
	web_redirect(p, "/accounts?done=unthrottled#ventetider");
	return 0;
}

int page_accounts(struct web_req *r, struct web_resp *p)
{
	if (r->method != WM_POST)
		return render(r, p, 200, NULL);
	const char *action = web_form(r, "action");
	if (action && !strcmp(action, "revoke"))
		return act_revoke(r, p);
	if (action && (!strcmp(action, "disable") || !strcmp(action, "enable")))
		return act_disable(r, p, !strcmp(action, "disable"));
	if (action && !strcmp(action, "unthrottle"))
		return act_unthrottle(r, p);
	return render(r, p, 400, "Formularen kunne ikke forstås. Genindlæs siden, og prøv igen.");
}
