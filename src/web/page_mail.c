/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /mail: the outbox for the secretariat — queued, sent and failed messages, newest
 * first, with the mail server's answer; filter ?status=queued|sent|failed. POST /mail with
 * "id": "Send igen" for a failed message (queued again, due now, audited). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/mail.h"
#include "util/err.h"
#include "web/pages.h"

#define MAIL_PAGE_LIMIT 500

static json_t *time_da(const char *utc)
{
	char s[64];
	date_utc_da(utc, true, s, sizeof s);
	return json_string(s);
}

static json_t *epoch_da(int64_t t)
{
	char d[11], utc[32];
	date_format((fk_date)(t / 86400), d);
	snprintf(utc, sizeof utc, "%sT%02d:%02d:%02dZ", d, (int)(t % 86400 / 3600),
	         (int)(t % 3600 / 60), (int)(t % 60));
	return time_da(utc);
}

static int show(struct web_req *r, struct web_resp *p)
{
	const char *f = web_query(r, "status");
	int state = f && *f ? mail_state_parse(f) : -1;
	if (f && *f && state < 0)
		return web_error(r, p, 400,
		                 "Vælg en af visningerne: alle, i kø, sendt, fejlet, venter på "
		                 "sammendrag eller med i sammendrag.");
	struct store_mail *v;
	size_t n;
	int64_t counts[MAIL_STATE__MAX];
	if (store_mail_list(r->st, state, MAIL_PAGE_LIMIT, &v, &n) != FK_OK ||
	    store_mail_counts(r->st, counts) != FK_OK)
		return web_error(r, p, 500, "Udbakken kunne ikke læses. Prøv igen om lidt.");
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct store_mail *m = &v[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:b, s:b, s:b}", "id",
		                      (json_int_t)m->id, "address", m->address, "name",
		                      m->name ? m->name : "", "subject", m->subject, "message_id",
		                      m->message_id, "state_label",
		                      mail_state_label((enum mail_state)m->state), "attempts",
		                      m->attempts, "created_da", time_da(m->created), "queued",
		                      m->state == MAIL_QUEUED, "sent", m->state == MAIL_SENT, "failed",
		                      m->state == MAIL_FAILED);
		if (m->person)
			json_object_set_new(o, "person", json_string(m->person));
		if (m->answer)
			json_object_set_new(o, "answer", json_string(m->answer));
		if (m->sent)
			json_object_set_new(o, "sent_da", time_da(m->sent));
		if (m->state == MAIL_QUEUED)
			json_object_set_new(o, "next_da", epoch_da(m->next_at));
		if (m->kind == MAIL_ACTION)
			json_object_set_new(o, "action", json_true());
		if (m->digest)
			json_object_set_new(o, "digest_id", json_integer((json_int_t)m->digest));
		json_array_append_new(rows, o);
	}
	store_mails_free(v, n);
	json_t *tabs = json_array();
	static const char *const labels[MAIL_STATE__MAX] = {"I kø", "Sendt", "Fejlet",
	                                                    "Venter på sammendrag",
	                                                    "Med i sammendrag"};
	int64_t total = 0;
	for (int s = 0; s < MAIL_STATE__MAX; s++)
		total += counts[s];
	json_array_append_new(tabs, json_pack("{s:s, s:s, s:I, s:b}", "href", "/mail", "label",
	                                      "Alle", "count", (json_int_t)total, "current",
	                                      state < 0));
	for (int s = 0; s < MAIL_STATE__MAX; s++) {
		char href[40];
		snprintf(href, sizeof href, "/mail?status=%s", mail_state_name((enum mail_state)s));
		json_array_append_new(tabs, json_pack("{s:s, s:s, s:I, s:b}", "href", href, "label",
		                                      labels[s], "count", (json_int_t)counts[s],
		                                      "current", state == s));
	}
	const char *url = getenv("FKIGOV_SMTP_URL");
	p->doc = json_pack("{s:s, s:o, s:o, s:b, s:I, s:b, s:i}", "title", "Udbakke", "messages",
	                   rows, "tabs", tabs, "configured", url && *url, "failed_count",
	                   (json_int_t)counts[MAIL_FAILED], "empty", n == 0, "limit",
	                   MAIL_PAGE_LIMIT);
	const char *again = web_query(r, "igen");
	if (again && *again)
		json_object_set_new(p->doc, "notice",
		                    json_string("Beskeden er lagt i kø igen og sendes inden for et "
		                                "minut."));
	return 0;
}

int page_mail(struct web_req *r, struct web_resp *p)
{
	if (r->method != WM_POST)
		return show(r, p);
	if (web_input_refused(r, p))
		return 0;
	long id;
	if (!web_whole(web_form(r, "id"), 1L << 52, &id))
		return web_error(r, p, 400,
		                 "Vælg den besked, der skal sendes igen, med knappen ud for den.");
	int rc = store_mail_requeue(r->st, r->user.login, id);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404,
		                 "Beskeden findes ikke, eller den er ikke fejlet. Måske er den "
		                 "allerede lagt i kø igen.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Beskeden kunne ikke lægges i kø igen. Prøv igen om lidt.");
	web_redirect(p, "/mail?status=queued&igen=%ld", id);
	return 0;
}

/* ---------------------------------------------------------------- a person's messages */

#define MY_MAIL_LIMIT 100

void my_mail_json(struct web_req *r, json_t *doc)
{
	const char *person = r->user.person;
	if (!person[0])
		return;
	bool digest = false;
	struct store_mail *v = NULL;
	size_t n = 0;
	if (store_mail_pref(r->st, person, &digest) != FK_OK ||
	    store_mail_of_person(r->st, person, MY_MAIL_LIMIT, &v, &n) != FK_OK) {
		json_object_set_new(doc, "mail_error",
		                    json_string("Dine beskeder kunne ikke læses. Prøv igen om lidt."));
		return;
	}
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct store_mail *m = &v[i];
		json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)m->id, "subject",
		                      m->subject, "state_label",
		                      mail_state_label((enum mail_state)m->state), "created_da",
		                      time_da(m->created), "action", m->kind == MAIL_ACTION);
		if (m->sent)
			json_object_set_new(o, "sent_da", time_da(m->sent));
		if (m->digest)
			json_object_set_new(o, "digest_id", json_integer((json_int_t)m->digest));
		json_array_append_new(rows, o);
	}
	store_mails_free(v, n);
	json_object_set_new(doc, "my_mail", rows);
	json_object_set_new(doc, "has_mail", json_boolean(n > 0));
	json_object_set_new(doc, "mail_limit", json_integer(MY_MAIL_LIMIT));
	json_object_set_new(doc, "digest", json_boolean(digest));
	json_object_set_new(doc, "digest_hour", json_integer(MAIL_DIGEST_HOUR));
}

int my_mail_post(struct web_req *r, struct web_resp *p)
{
	if (web_input_refused(r, p))
		return 0;
	if (!r->user.person[0])
		return web_error(r, p, 400,
		                 "Din konto er ikke knyttet til en person i registret, så der er ingen "
		                 "beskeder at vælge for. Kontakt sekretariatet.");
	const char *v = web_form(r, "digest");
	if (!v || (strcmp(v, "daily") && strcmp(v, "off")))
		return web_error(r, p, 400,
		                 "Vælg, om orienteringer skal sendes med det samme eller samles i én "
		                 "daglig e-mail.");
	bool digest = !strcmp(v, "daily");
	if (store_mail_pref_set(r->st, r->user.login, r->user.person, digest) != FK_OK)
		return web_error(r, p, 500, "Dit valg kunne ikke gemmes. Prøv igen om lidt.");
	web_redirect(p, "/my?beskeder=%s#beskeder", digest ? "daily" : "off");
	return 0;
}

/* GET /messages/{id}: one message as it was sent, for the person it was sent to and the
 * secretariat; others get 404, as if it did not exist. */
int page_message(struct web_req *r, struct web_resp *p)
{
	long id;
	struct store_mail m;
	if (!web_whole(r->param, 1L << 52, &id) || store_mail_get(r->st, id, &m) != FK_OK)
		return web_error(r, p, 404, "Beskeden findes ikke.");
	bool mine = r->user.person[0] && m.person && !strcmp(m.person, r->user.person);
	if (r->user.role != ROLE_ADMIN && !mine) {
		store_mail_clear(&m);
		return web_error(r, p, 404, "Beskeden findes ikke.");
	}
	json_t *doc = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:b}", "title",
	                        m.subject, "id", (json_int_t)m.id, "subject", m.subject, "address",
	                        m.address, "text", m.text ? m.text : "", "state_label",
	                        mail_state_label((enum mail_state)m.state), "created_da",
	                        time_da(m.created), "admin", r->user.role == ROLE_ADMIN, "action",
	                        m.kind == MAIL_ACTION);
	if (m.name && *m.name)
		json_object_set_new(doc, "name", json_string(m.name));
	if (m.sent)
		json_object_set_new(doc, "sent_da", time_da(m.sent));
	if (m.digest)
		json_object_set_new(doc, "digest", json_integer((json_int_t)m.digest));
	if (m.att_name)
		json_object_set_new(doc, "att_name", json_string(m.att_name));
	store_mail_clear(&m);
	p->doc = doc;
	return 0;
}
