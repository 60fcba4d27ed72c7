/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The sender (web/mailer.h): one round of `mail send`, and the background thread of serve. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/mail.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/smtp.h"
#include "web/mailer.h"
#include "web/periodic.h"

#define CHUNK 100       /* messages read from the outbox at a time */
#define LOCK_SECONDS 300 /* the sender's lock, renewed every chunk */

/* Takes (or renews) the sender's lock; a holder on this host whose process is gone (killed
 * in the middle of a batch) loses it at once. */
static int lock(struct store *st, struct store_mail_lock *me, int64_t now)
{
	me->until = now + LOCK_SECONDS;
	struct store_mail_lock held;
	int rc = store_mail_lock(st, me, now, false, &held);
	if (rc == FK_ECONFLICT && !strcmp(held.host, me->host) && held.pid > 0 &&
	    kill((pid_t)held.pid, 0) != 0 && errno == ESRCH)
		rc = store_mail_lock(st, me, now, true, NULL);
	return rc;
}

/* Delivers one message; updates res. Returns false when the server cannot be reached (the
 * batch stops). */
static bool deliver(struct store *st, struct smtp *s, const char *from_name,
                    const char *from_addr, const struct store_mail *m, struct mailer_result *res)
{
	int64_t created = 0;
	(void)mail_utc_parse(m->created, &created);
	struct mail_out o = {.from_name = from_name,
	                     .from_addr = from_addr,
	                     .to_name = m->name,
	                     .to_addr = m->address,
	                     .subject = m->subject,
	                     .message_id = m->message_id,
	                     .date = created,
	                     .text = m->text,
	                     .html = m->html,
	                     .att_name = m->att_name,
	                     .att_type = m->att_type,
	                     .att = m->att,
	                     .att_len = m->att_len};
	struct buf b;
	buf_init(&b);
	char answer[600];
	enum smtp_result r;
	if (mail_format(&b, &o, answer, sizeof answer) != 0)
		r = SMTP_REJECTED;
	else
		r = smtp_send(s, m->address, b.s, b.len, answer, sizeof answer);
	buf_free(&b);
	int64_t now = store_mail_now(st);
	bool failed = false;
	if (r == SMTP_SENT) {
		(void)store_mail_sent(st, m->id, answer);
		res->sent++;
		return true;
	}
	(void)store_mail_retry(st, m->id, m->attempts + 1, now, answer, r == SMTP_REJECTED,
	                       &failed);
	if (failed)
		res->failed++;
	else
		res->retry++;
	return r != SMTP_NO_SERVER;
}

int mailer_round(struct store *st, const struct model *m, bool all, const char *tag,
                 struct mailer_result *res, char *why, size_t n)
{
	memset(res, 0, sizeof *res);
	char from_name[200], from_addr[256];
	bool have_from = mail_env_from(from_name, sizeof from_name, from_addr, sizeof from_addr) == 0;
	int rc = store_mail_enqueue_due(st, m, date_today(), mail_public_url(),
	                                have_from ? from_addr : NULL, &res->queued);
	if (rc != FK_OK) {
		snprintf(why, n, "Udbakken kunne ikke opdateres (databasen svarede ikke). Prøv igen.");
		return rc;
	}
	const char *url = getenv("FKIGOV_SMTP_URL");
	if (!url || !*url) {
		snprintf(why, n,
		         "FKIGOV_SMTP_URL er ikke sat, så intet kan sendes. Sæt den til postserverens "
		         "adresse, fx smtp://mail.kommune.dk:587.");
		return FK_EUSAGE;
	}
	if (!have_from) {
		snprintf(why, n,
		         "FKIGOV_MAIL_FROM er ikke sat til en gyldig afsender, fx \"Sekretariat FKI "
		         "<fki@kombit.dk>\".");
		return FK_EUSAGE;
	}
	const char *ca = getenv("FKIGOV_SMTP_CA");
	struct smtp *s = smtp_open(url, from_addr, ca && *ca ? ca : NULL, why, n);
	if (!s)
		return FK_EUSAGE;
	struct store_mail_lock me = {0};
	char host[64] = "";
	gethostname(host, sizeof host - 1);
	snprintf(me.host, sizeof me.host, "%s", host);
	me.pid = (int64_t)getpid();
	snprintf(me.holder, sizeof me.holder, "%s:%lld:%s", host, (long long)me.pid, tag);
	int64_t after = 0;
	bool up = true;
	while (up) {
		int64_t now = store_mail_now(st);
		if ((rc = lock(st, &me, now)) != FK_OK) {
			if (rc == FK_ECONFLICT) {
				res->busy = true;
				rc = FK_OK;
			} else {
				snprintf(why, n, "Databasen svarede ikke. Prøv igen.");
			}
			break;
		}
		struct store_mail *v;
		size_t k;
		if ((rc = store_mail_due(st, all, now, after, CHUNK, &v, &k)) != FK_OK) {
			snprintf(why, n, "Udbakken kunne ikke læses. Prøv igen.");
			break;
		}
		for (size_t i = 0; i < k && up; i++) {
			up = deliver(st, s, from_name, from_addr, &v[i], res);
			after = v[i].id;
		}
		store_mails_free(v, k);
		if (k < CHUNK)
			break;
	}
	if (!res->busy)
		store_mail_unlock(st, me.holder);
	smtp_close(s);
	return rc;
}

/* ---------------------------------------------------------------- serve's thread */

static const struct model *thread_model;

static void send_round(struct store *st, void *arg)
{
	(void)arg;
	struct mailer_result res;
	char why[400];
	int rc = mailer_round(st, thread_model, false, "serve", &res, why, sizeof why);
	if (rc != FK_OK)
		fprintf(stderr, "fkigov: post: %s\n", why);
	else if (res.sent || res.retry || res.failed)
		fprintf(stderr, "fkigov: post: %zu sendt, %zu venter på et nyt forsøg, %zu fejlet\n",
		        res.sent, res.retry, res.failed);
}

static struct periodic sender = {.round = send_round, .seconds = 60};

void mailer_start(const char *db, const struct model *m, const char *public_url)
{
	if (public_url && !getenv("FKIGOV_PUBLIC_URL"))
		setenv("FKIGOV_PUBLIC_URL", public_url, 0);
	const char *url = getenv("FKIGOV_SMTP_URL");
	if (!url || !*url) {
		fprintf(stderr, "fkigov: FKIGOV_SMTP_URL er ikke sat: beskederne venter i udbakken "
		                "(/mail), til den er.\n");
		return;
	}
	thread_model = m;
	periodic_start(&sender, db);
}

void mailer_stop(void)
{
	periodic_stop(&sender);
}
