/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* serve's background threads (periodic.h). */
#include "web/periodic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/err.h"
#include "util/xalloc.h"

static void *periodic_main(void *arg)
{
	struct periodic *p = arg;
	struct store *st = NULL;
	struct diags d;
	diags_init(&d);
	if (store_open(p->db, &st, &d) != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		return NULL;
	}
	diags_free(&d);
	pthread_mutex_lock(&p->mu);
	while (!p->stopping) {
		pthread_mutex_unlock(&p->mu);
		p->round(st, p->arg);
		pthread_mutex_lock(&p->mu);
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += p->seconds;
		while (!p->stopping && pthread_cond_timedwait(&p->cv, &p->mu, &ts) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&p->mu);
	store_close(st);
	return NULL;
}

void periodic_start(struct periodic *p, const char *db)
{
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	free(p->db);
	p->db = xstrdup(db);
	p->stopping = false;
	p->running = pthread_create(&p->thread, NULL, periodic_main, p) == 0;
}

void periodic_stop(struct periodic *p)
{
	if (!p->running)
		return;
	pthread_mutex_lock(&p->mu);
	p->stopping = true;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	p->running = false;
	free(p->db);
	p->db = NULL;
}
