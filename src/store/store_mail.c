/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The outbox (store.h, "the outbox"): messages queued in the caller's transaction, claimed
 * by the one sender, marked sent, retried with backoff, failed for good, queued again. Only
 * "send again" is audited (entity "mail", id the message's key): it is a person's act;
 * queueing rides on the audited change that causes it, and delivery is the machine's. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mail.h"
#include "core/notify.h"
#include "core/wg.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

static char *col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	return s ? xstrdup((const char *)s) : NULL;
}

/* Unix seconds of the store's "now" ($FKIGOV_NOW in tests). */
static int64_t now_secs(struct store *st)
{
	int64_t t = 0;
	(void)mail_utc_parse(store_now(st), &t);
	return t;
}

int64_t store_mail_now(struct store *st)
{
	return now_secs(st);
}

void store_mail_clear(struct store_mail *m)
{
	free(m->key);
	free(m->message_id);
	free(m->person);
	free(m->address);
	free(m->name);
	free(m->subject);
	free(m->answer);
	free(m->created);
	free(m->sent);
	free(m->text);
	free(m->html);
	free(m->att_name);
	free(m->att_type);
	free(m->att);
	memset(m, 0, sizeof *m);
}

void store_mails_free(struct store_mail *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_mail_clear(&v[i]);
	free(v);
}

/* Reads a row of MAIL_COLS (and the bodies after them when bodies). */
static void read_row(sqlite3_stmt *q, bool bodies, struct store_mail *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(q, 0);
	m->key = col_dup(q, 1);
	m->message_id = col_dup(q, 2);
	m->person = col_dup(q, 3);
	m->address = col_dup(q, 4);
	m->name = col_dup(q, 5);
	m->subject = col_dup(q, 6);
	m->kind = mail_kind_parse((const char *)sqlite3_column_text(q, 7));
	m->state = mail_state_parse((const char *)sqlite3_column_text(q, 8));
	m->attempts = sqlite3_column_int(q, 9);
	m->next_at = sqlite3_column_int64(q, 10);
	m->answer = col_dup(q, 11);
	m->created = col_dup(q, 12);
	m->sent = col_dup(q, 13);
	m->digest = sqlite3_column_int64(q, 14);
	if (!bodies)
		return;
	m->text = col_dup(q, 15);
	m->html = col_dup(q, 16);
	m->att_name = col_dup(q, 17);
	m->att_type = col_dup(q, 18);
	int len = sqlite3_column_bytes(q, 19);
	if (sqlite3_column_type(q, 19) == SQLITE_BLOB && len > 0) {
		m->att = xmalloc((size_t)len);
		memcpy(m->att, sqlite3_column_blob(q, 19), (size_t)len);
		m->att_len = (size_t)len;
	}
}

/* ---------------------------------------------------------------- queueing */

int store_mail_queue(struct store *st, const struct store_mail_new *m, bool *queued)
{
	assert(st && m);
	if (queued)
		*queued = false;
	if (!m->key || !*m->key || !mail_addr_ok(m->address) || !m->subject || !m->text ||
	    (unsigned)m->kind >= MAIL_KIND__MAX)
		return FK_EINPUT;
	char domain[256], mid[400];
	mail_env_domain(domain, sizeof domain);
	mail_message_id(m->key, domain, mid, sizeof mid);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	const char *now = store_now(st);
	char created[32];
	snprintf(created, sizeof created, "%s", now);
	rc = db_exec(st, STMT_MAIL_INSERT, "læg besked i udbakken", "ttttttttttbtitd", m->key, mid,
	             m->person, m->address, m->name ? m->name : "", m->subject, m->text, m->html,
	             m->att_name, m->att_type, m->att, m->att_len,
	             mail_kind_name((enum mail_kind)m->kind), now_secs(st), created,
	             m->never_hold ? 1 : 0);
	if (rc == FK_OK && queued)
		*queued = sqlite3_changes(st->db) > 0;
	return tx_leave(st, own, rc);
}

int store_mail_queue_notices(struct store *st, const struct notices *ns, size_t *n)
{
	if (n)
		*n = 0;
	bool own;
	int rc = tx_enter(st, &own);
	for (size_t i = 0; rc == FK_OK && i < ns->n; i++) {
		const struct notice *x = &ns->v[i];
		struct store_mail_new m = {.key = x->key,
		                           .person = x->person,
		                           .address = x->address,
		                           .name = x->name,
		                           .subject = x->subject,
		                           .text = x->text,
		                           .html = x->html,
		                           .att_name = x->att_name,
		                           .att_type = x->att_type,
		                           .att = x->att,
		                           .att_len = x->att_len,
		                           .kind = x->kind};
		bool q = false;
		rc = store_mail_queue(st, &m, &q);
		if (rc == FK_OK && q && n)
			(*n)++;
	}
	return tx_leave(st, own, rc);
}

/* The reminders of the proposal and status deadlines due today for the planned meetings. */
static int deadline_reminders(struct store *st, const struct model *m, const struct reg *r,
                              fk_date today, const char *base, struct notices *ns)
{
	struct meeting *v = NULL;
	size_t nv = 0;
	int rc = store_meeting_list(st, 0, true, &v, &nv);
	for (size_t i = 0; rc == FK_OK && i < nv; i++) {
		const struct meeting *mt = &v[i];
		if (mt->state != MEETING_PLANNED || today > mt->date ||
		    (today > mt->proposals && today > mt->statuses))
			continue;
		struct store_mstatus *sv = NULL;
		size_t nsv = 0;
		if ((rc = store_mstatus_list(st, mt->id, &sv, &nsv)) != FK_OK)
			break;
		const char **sent = xcalloc(nsv + 1, sizeof *sent);
		for (size_t k = 0; k < nsv; k++)
			sent[k] = sv[k].body;
		notify_deadline_reminders(m, r, mt, sent, nsv, today, base, ns);
		free(sent);
		store_mstatus_free(sv, nsv);
	}
	meetings_free(v, nv);
	return rc;
}

int store_mail_enqueue_due(struct store *st, const struct model *m, fk_date today,
                           const char *base, const char *secretariat, size_t *n)
{
	*n = 0;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct reg r;
	reg_init(&r);
	struct wg *v = NULL;
	size_t nv = 0;
	struct notices ns = {0};
	if ((rc = store_load_register(st, m, &r)) != FK_OK ||
	    (rc = store_wg_list(st, &v, &nv)) != FK_OK)
		goto out;
	notify_hearing_reminders(m, &r, v, nv, today, base, &ns);
	notify_term_expiring(m, &r, today, secretariat, base, &ns);
	if ((rc = deadline_reminders(st, m, &r, today, base, &ns)) != FK_OK)
		goto out;
	rc = store_mail_queue_notices(st, &ns, n);
	/* A safety net: invitations are brought in line by every change that needs it. */
	if (rc == FK_OK)
		rc = store_invites_sync(st);
	size_t nd = 0;
	if (rc == FK_OK && (rc = store_mail_digests(st, base, &nd)) == FK_OK)
		*n += nd;
out:
	notices_free(&ns);
	wg_list_free(v, nv);
	reg_free(&r);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- reading */

static int read_list(struct store *st, sqlite3_stmt *q, bool bodies, struct store_mail **out,
                     size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!q)
		return FK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs udbakken")) == FK_OK) {
		*out = xgrow(*out, sizeof **out, *n + 1, &cap);
		read_row(q, bodies, &(*out)[(*n)++]);
	}
	if (rc == FK_ENOTFOUND)
		return FK_OK;
	store_mails_free(*out, *n);
	*out = NULL;
	*n = 0;
	return rc;
}

int store_mail_list(struct store *st, int state, int limit, struct store_mail **out, size_t *n)
{
	const char *s = state >= 0 ? mail_state_name((enum mail_state)state) : NULL;
	return read_list(st, db_prepare(st, STMT_MAIL_LIST, "td", s, limit > 0 ? limit : -1), false,
	                 out, n);
}

int store_mail_counts(struct store *st, int64_t counts[MAIL_STATE__MAX])
{
	for (int i = 0; i < MAIL_STATE__MAX; i++)
		counts[i] = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_COUNT, "");
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = db_row(st, q, "tæl udbakken")) == FK_OK) {
		int s = mail_state_parse((const char *)sqlite3_column_text(q, 0));
		if (s >= 0)
			counts[s] = sqlite3_column_int64(q, 1);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_mail_of_person(struct store *st, const char *person, int limit, struct store_mail **out,
                         size_t *n)
{
	return read_list(st, db_prepare(st, STMT_MAIL_OF_PERSON, "td", person, limit), false, out,
	                 n);
}

/* ---------------------------------------------------------------- the daily digest */

int store_mail_pref(struct store *st, const char *person, bool *digest)
{
	*digest = false;
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_PREF_GET, "t", person);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs beskedvalg");
	if (rc == FK_OK) {
		*digest = sqlite3_column_int(q, 0) != 0;
		stmt_done(q);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_mail_pref_set(struct store *st, const char *actor, const char *person, bool digest)
{
	bool own, was;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	if ((rc = store_mail_pref(st, person, &was)) != FK_OK || was == digest)
		return tx_leave(st, own, rc);
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	if ((rc = db_exec(st, STMT_MAIL_PREF_PUT, "gem beskedvalg", "tdt", person, digest ? 1 : 0,
	                  now)) == FK_OK &&
	    !digest)
		rc = db_exec(st, STMT_MAIL_RELEASE, "send de tilbageholdte beskeder", "ti", person,
		             now_secs(st));
	if (rc == FK_OK) {
		char b[40], a[40];
		snprintf(b, sizeof b, "{\"digest\":%s}", was ? "true" : "false");
		snprintf(a, sizeof a, "{\"digest\":%s}", digest ? "true" : "false");
		if ((rc = audit_append(st, actor, "update", "mail_pref", person, strlen(person), b,
		                       strlen(b), a, strlen(a))) != FK_OK)
			st->poisoned = true;
	}
	return tx_leave(st, own, rc);
}

/* One person's digest of day: the held messages up to now, in one message, and each of them
 * marked as carried by it. */
static int digest_one(struct store *st, const char *person, const char *day, const char *cutoff,
                      const char *base, bool *made)
{
	*made = false;
	char key[200];
	snprintf(key, sizeof key, "digest:%s:%s", person, day);
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_KEY_ID, "t", key);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs sammendrag");
	if (rc == FK_OK) {
		stmt_done(q); /* today's digest is made: the rest waits for tomorrow's */
		return FK_OK;
	}
	if (rc != FK_ENOTFOUND)
		return rc;
	struct store_mail *v = NULL;
	size_t n = 0, cap = 0;
	if (!(q = db_prepare(st, STMT_MAIL_HELD_OF, "tt", person, cutoff)))
		return FK_EDB;
	while ((rc = db_row(st, q, "læs tilbageholdte beskeder")) == FK_OK) {
		v = xgrow(v, sizeof *v, n + 1, &cap);
		read_row(q, false, &v[n]);
		v[n++].text = col_dup(q, 15);
	}
	if (rc == FK_ENOTFOUND && n > 0) {
		struct notices ns = {0};
		struct digest_item *it = xcalloc(n, sizeof *it);
		for (size_t i = 0; i < n; i++)
			it[i] = (struct digest_item){v[i].subject, v[i].text, v[i].created};
		/* the newest message's name and address */
		notify_digest(person, v[n - 1].name, v[n - 1].address, it, n, day, base, key, &ns);
		free(it);
		rc = ns.n == 1 ? FK_OK : FK_EINPUT;
		if (rc == FK_OK) {
			const struct notice *x = &ns.v[0];
			struct store_mail_new m = {.key = x->key, .person = x->person,
			                           .address = x->address, .name = x->name,
			                           .subject = x->subject, .text = x->text, .html = x->html,
			                           .kind = MAIL_INFO, .never_hold = true};
			rc = store_mail_queue(st, &m, NULL);
		}
		int64_t id = 0;
		if (rc == FK_OK && (q = db_prepare(st, STMT_MAIL_KEY_ID, "t", key)) &&
		    (rc = db_row(st, q, "læs sammendrag")) == FK_OK) {
			id = sqlite3_column_int64(q, 0);
			stmt_done(q);
		}
		if (rc == FK_OK)
			rc = db_exec(st, STMT_MAIL_DIGESTED, "saml beskeder i sammendraget", "tii", person,
			             id, v[n - 1].id);
		*made = rc == FK_OK;
		notices_free(&ns);
	} else if (rc == FK_ENOTFOUND) {
		rc = FK_OK;
	}
	store_mails_free(v, n);
	return rc;
}

int store_mail_digests(struct store *st, const char *base, size_t *n)
{
	*n = 0;
	int64_t now = now_secs(st);
	int64_t local = now + date_cph_offset(now);
	if (local % 86400 < MAIL_DIGEST_HOUR * 3600)
		return FK_OK;
	/* Today's digest carries what was held before MAIL_DIGEST_HOUR today, local time. */
	char day[11], cutoff[32];
	date_format((fk_date)(local / 86400), day);
	int64_t cut = local / 86400 * 86400 + MAIL_DIGEST_HOUR * 3600;
	cut -= date_cph_offset(cut - 3600); /* back to UTC (the offset an hour before is that of 7:00) */
	date_format((fk_date)(cut / 86400), cutoff);
	snprintf(cutoff + 10, sizeof cutoff - 10, "T%02d:%02d:%02dZ", (int)(cut % 86400 / 3600),
	         (int)(cut % 3600 / 60), (int)(cut % 60));
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	char **people = NULL;
	size_t np = 0, cap = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_HELD_PEOPLE, "t", cutoff);
	if (!q)
		return tx_leave(st, own, FK_EDB);
	while ((rc = db_row(st, q, "læs tilbageholdte beskeder")) == FK_OK) {
		people = xgrow(people, sizeof *people, np + 1, &cap);
		people[np++] = col_dup(q, 0);
	}
	if (rc == FK_ENOTFOUND)
		rc = FK_OK;
	for (size_t i = 0; rc == FK_OK && i < np; i++) {
		bool made;
		if ((rc = digest_one(st, people[i], day, cutoff, base, &made)) == FK_OK && made)
			(*n)++;
	}
	for (size_t i = 0; i < np; i++)
		free(people[i]);
	free(people);
	return tx_leave(st, own, rc);
}

int store_mail_due(struct store *st, bool all, int64_t now, int64_t after, int limit,
                   struct store_mail **out, size_t *n)
{
	return read_list(st, db_prepare(st, STMT_MAIL_DUE, "diid", all ? 1 : 0, now, after, limit),
	                 true, out, n);
}

int store_mail_get(struct store *st, int64_t id, struct store_mail *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_GET, "i", id);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs besked");
	if (rc != FK_OK)
		return rc;
	read_row(q, true, out);
	stmt_done(q);
	return FK_OK;
}

/* ---------------------------------------------------------------- delivery */

int store_mail_sent(struct store *st, int64_t id, const char *answer)
{
	char now[32];
	snprintf(now, sizeof now, "%s", store_now(st));
	return db_exec(st, STMT_MAIL_SENT, "marker besked som sendt", "itt", id, now, answer);
}

int store_mail_retry(struct store *st, int64_t id, int attempts, int64_t now, const char *answer,
                     bool permanent, bool *failed)
{
	bool f = permanent || attempts >= MAIL_MAX_ATTEMPTS;
	if (failed)
		*failed = f;
	return db_exec(st, STMT_MAIL_RETRY, "udskyd besked", "diitt", id, attempts,
	               now + mail_backoff(attempts), answer,
	               mail_state_name(f ? MAIL_FAILED : MAIL_QUEUED));
}

int store_mail_requeue(struct store *st, const char *actor, int64_t id)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct store_mail m;
	if ((rc = store_mail_get(st, id, &m)) != FK_OK)
		return tx_leave(st, own, rc);
	if (m.state != MAIL_FAILED) {
		store_mail_clear(&m);
		return tx_leave(st, own, FK_ENOTFOUND);
	}
	rc = db_exec(st, STMT_MAIL_REQUEUE, "send besked igen", "ii", id, now_secs(st));
	if (rc == FK_OK) {
		json_t *b = json_pack("{s:s, s:s, s:s, s:i, s:s?}", "message_id", m.message_id,
		                      "address", m.address, "state", "failed", "attempts", m.attempts,
		                      "answer", m.answer);
		json_t *a = json_pack("{s:s, s:s, s:s, s:i}", "message_id", m.message_id, "address",
		                      m.address, "state", "queued", "attempts", 0);
		char *bs = json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS);
		char *as = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
		rc = audit_append(st, actor, "update", "mail", m.key, strlen(m.key), bs, strlen(bs), as,
		                  strlen(as));
		if (rc != FK_OK)
			st->poisoned = true;
		free(bs);
		free(as);
		json_decref(b);
		json_decref(a);
	}
	store_mail_clear(&m);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- the one sender */

int store_mail_lock(struct store *st, const struct store_mail_lock *me, int64_t now, bool steal,
                    struct store_mail_lock *held)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	sqlite3_stmt *q = db_prepare(st, STMT_MAIL_LOCK_GET, "");
	if (!q)
		return tx_leave(st, own, FK_EDB);
	struct store_mail_lock h = {0};
	rc = db_row(st, q, "læs afsenderlås");
	if (rc == FK_OK) {
		snprintf(h.holder, sizeof h.holder, "%s", sqlite3_column_text(q, 0));
		snprintf(h.host, sizeof h.host, "%s", sqlite3_column_text(q, 1));
		h.pid = sqlite3_column_int64(q, 2);
		h.until = sqlite3_column_int64(q, 3);
		stmt_done(q);
		if (held)
			*held = h;
		if (strcmp(h.holder, me->holder) != 0 && h.until >= now && !steal)
			return tx_leave(st, own, FK_ECONFLICT);
	} else if (rc != FK_ENOTFOUND) {
		return tx_leave(st, own, rc);
	}
	rc = db_exec(st, STMT_MAIL_LOCK_PUT, "tag afsenderlås", "ttii", me->holder, me->host,
	             me->pid, me->until);
	return tx_leave(st, own, rc);
}

void store_mail_unlock(struct store *st, const char *holder)
{
	(void)db_exec(st, STMT_MAIL_LOCK_DROP, "slip afsenderlås", "t", holder);
}
