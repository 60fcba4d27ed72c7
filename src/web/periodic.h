/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_PERIODIC_H
#define FK_PERIODIC_H
/* A background thread of serve with its own connection to the database, doing one round now
 * and then every so many seconds until it is stopped (the outbox's sender, the nightly
 * backup). */
#include <pthread.h>
#include <stdbool.h>

#include "store/store.h"

struct periodic {
	void (*round)(struct store *st, void *arg);
	void *arg;
	int seconds;
	/* private */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool running, stopping;
	char *db;
};

/* Starts round(st, arg) on db now and every p->seconds (round, arg and seconds set by the
 * caller). A database that cannot be opened is said on stderr, and nothing runs. */
void periodic_start(struct periodic *p, const char *db);
/* Stops it after the round in progress. */
void periodic_stop(struct periodic *p);
#endif
