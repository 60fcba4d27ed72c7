/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Meeting invitations (core/invite.h) against the store: what was sent (meeting_invite), the
 * reconciliation run in the transaction of every change to meetings, appointments or
 * addresses (store_commit), and the messages queued in the outbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cycle.h"
#include "core/invite.h"
#include "core/mail.h"
#include "store/store_int.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/xalloc.h"

const struct model *store_model(struct store *st)
{
	if (st->model)
		return st->model;
	char *json = NULL;
	size_t len = 0;
	if (store_model_json(st, &json, &len) != FK_OK)
		return NULL;
	struct diags d;
	diags_init(&d);
	if (model_load(json, len, "databasens model", &st->model, &d) != FK_OK)
		st->model = NULL;
	diags_free(&d);
	free(json);
	return st->model;
}

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static fk_date col_day(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	fk_date d = DATE_NONE;
	if (s)
		(void)date_parse(s, strlen(s), &d);
	return d;
}

static int load_sent(struct store *st, struct invite_sent **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_INVITE_LIST, "");
	if (!q)
		return FK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs sendte invitationer")) == FK_OK) {
		*out = xgrow(*out, sizeof **out, *n + 1, &cap);
		struct invite_sent *x = &(*out)[(*n)++];
		x->meeting = sqlite3_column_int64(q, 0);
		x->person = col_dup(q, 1);
		x->address = col_dup(q, 2);
		x->sequence = sqlite3_column_int(q, 3);
		x->version = sqlite3_column_int(q, 4);
		x->cancelled = sqlite3_column_int(q, 5) != 0;
		x->year = sqlite3_column_int(q, 6);
		x->number = sqlite3_column_int(q, 7);
		x->date = col_day(q, 8);
		x->start_min = cycle_parse_time((const char *)sqlite3_column_text(q, 9));
		x->end_min = cycle_parse_time((const char *)sqlite3_column_text(q, 10));
		x->place = col_dup(q, 11);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

/* Records what x told its person: the meeting as it is (mt), or as it was last told (old)
 * when it is gone. */
static int record(struct store *st, const struct notice *x, const struct meeting *mt,
                  const struct invite_sent *old)
{
	int year = mt ? mt->year : old->year, number = mt ? mt->number : old->number;
	fk_date date = mt ? mt->date : old->date;
	int s = mt ? mt->start_min : old->start_min, e = mt ? mt->end_min : old->end_min;
	char day[11], start[8], end[8];
	date_format(date, day);
	snprintf(start, sizeof start, "%02d:%02d", s / 60 % 24, s % 60);
	snprintf(end, sizeof end, "%02d:%02d", e / 60 % 24, e % 60);
	return db_exec(st, STMT_INVITE_PUT, "gem invitation", "ittdddddtttt", x->meeting, x->person,
	               x->address, x->sequence, x->version, x->invite == INVITE_CANCEL, year,
	               number, day, start, end, mt ? mt->place : old->place);
}

int store_invites_sync(struct store *st)
{
	/* Every database's model was checked when it was made; one that cannot be read (a test
	 * fixture's stand-in) has no steering group to invite to. */
	const struct model *m = store_model(st);
	if (!m)
		return FK_OK;
	struct reg r;
	reg_init(&r);
	struct meeting *v = NULL;
	size_t nv = 0, ns = 0;
	struct invite_sent *s = NULL;
	struct notices out = {0};
	int rc;
	if ((rc = store_load_register(st, m, &r)) != FK_OK ||
	    (rc = store_meeting_list(st, 0, false, &v, &nv)) != FK_OK ||
	    (rc = load_sent(st, &s, &ns)) != FK_OK)
		goto done;
	char name[200], addr[256], domain[200];
	if (mail_env_from(name, sizeof name, addr, sizeof addr) != 0) {
		/* No sender configured (a command run without FKIGOV_MAIL_FROM): the organiser
		 * is still the secretariat, at the domain the Message-IDs are made in. */
		mail_env_domain(domain, sizeof domain);
		snprintf(name, sizeof name, "Sekretariat FKI");
		snprintf(addr, sizeof addr, "sekretariat@%s", domain);
	}
	struct invite_org org = {name, addr};
	invite_reconcile(m, &r, v, nv, s, ns, date_today(), &org, mail_public_url(),
	                 store_mail_now(st), &out);
	for (size_t i = 0; rc == FK_OK && i < out.n; i++) {
		const struct notice *x = &out.v[i];
		struct notices one = {.v = (struct notice *)x, .n = 1, .cap = 1};
		if ((rc = store_mail_queue_notices(st, &one, NULL)) != FK_OK)
			break;
		const struct meeting *mt = NULL;
		for (size_t k = 0; k < nv; k++)
			if (v[k].id == x->meeting)
				mt = &v[k];
		const struct invite_sent *old = NULL;
		for (size_t k = 0; k < ns; k++)
			if (s[k].meeting == x->meeting && !strcmp(s[k].person, x->person))
				old = &s[k];
		if (mt || old)
			rc = record(st, x, mt, old);
	}
done:
	notices_free(&out);
	invite_sent_free(s, ns);
	meetings_free(v, nv);
	reg_free(&r);
	return rc;
}
