/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_MAILER_H
#define FK_MAILER_H
/* The sender: `fkigov mail send` and the background thread of `fkigov serve` do the same
 * round. First it queues what the calendar makes due today (hearing reminders, expiring
 * terms: core/notify.h; the idempotency keys make this safe to run again and again), then,
 * holding the one sender's lock, it delivers the due messages over one SMTP connection
 * (util/smtp.h), marking each sent, to be retried (mail_backoff) or failed for good with the
 * server's answer. Configuration from the environment (SPEC §8): FKIGOV_SMTP_URL,
 * FKIGOV_MAIL_FROM, and FKIGOV_PUBLIC_URL for the links. */
#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "store/store.h"

struct mailer_result {
	size_t queued; /* new messages the calendar made due */
	size_t sent;
	size_t retry;  /* waiting for another attempt */
	size_t failed; /* failed for good in this round */
	bool busy;     /* another sender holds the lock: nothing was delivered */
};

/* One round on st with the model m ("tag" names the sender in the lock: "cli", "serve");
 * with all, also the messages that wait for a retry. FK_OK, or an error with the Danish
 * reason in why[n] (configuration missing, the database failed). */
int mailer_round(struct store *st, const struct model *m, bool all, const char *tag,
                 struct mailer_result *res, char *why, size_t n);

/* Starts the background sender of `serve` (its own connection to db; m must outlive it): a
 * round at once and then every minute. Does nothing, with a line on stderr, when
 * FKIGOV_SMTP_URL is not set. public_url (may be NULL) becomes FKIGOV_PUBLIC_URL when that
 * is not set. */
void mailer_start(const char *db, const struct model *m, const char *public_url);
/* Stops it (finishing the message being sent); a no-op when it did not start. */
void mailer_stop(void);
#endif
