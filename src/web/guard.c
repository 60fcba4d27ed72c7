/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Slow clients: the header deadline, room for new requests and per-client limits (see
 * guard.h). One list of connections behind one mutex; at most the server's connection
 * limit (1000) entries, so a walk of the list is cheap beside a request. */
#include "web/guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/xalloc.h"

struct guard_conn {
	struct guard_conn *prev, *next;
	int fd;
	char peer[64];    /* the TCP peer's address */
	char client[64];  /* while busy: the client the request came from */
	int64_t waiting;  /* ms since which it waits for headers; 0 while a request is handled */
	bool busy;        /* a request's body is being received */
	bool shut;        /* shut down by the guard: no longer counted */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t stop_cv = PTHREAD_COND_INITIALIZER;
static struct guard_conn *head;
static unsigned nopen, nwaiting;
static bool running, stopping;
static pthread_t watchdog;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Shuts g down: libmicrohttpd then reads end of file and closes it. Call with mu held. */
static void shut(struct guard_conn *g)
{
	if (g->shut)
		return;
	g->shut = true;
	if (g->waiting)
		nwaiting--;
	shutdown(g->fd, SHUT_RDWR);
}

/* The connection waiting longest, from peer (all peers when NULL). Call with mu held. */
static struct guard_conn *oldest_waiting(const char *peer, unsigned *count)
{
	struct guard_conn *old = NULL;
	unsigned n = 0;
	for (struct guard_conn *g = head; g; g = g->next) {
		if (g->shut || !g->waiting || (peer && strcmp(g->peer, peer) != 0))
			continue;
		n++;
		if (!old || g->waiting < old->waiting)
			old = g;
	}
	*count = n;
	return old;
}

static void *watch(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	while (!stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		pthread_cond_timedwait(&stop_cv, &mu, &ts);
		int64_t limit = now_ms() - GUARD_HEADER_SECONDS * 1000;
		for (struct guard_conn *g = head; g; g = g->next)
			if (!g->shut && g->waiting && g->waiting < limit)
				shut(g);
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

void guard_start(void)
{
	pthread_mutex_lock(&mu);
	stopping = false;
	pthread_mutex_unlock(&mu);
	running = pthread_create(&watchdog, NULL, watch, NULL) == 0;
}

void guard_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = true;
	pthread_cond_signal(&stop_cv);
	pthread_mutex_unlock(&mu);
	pthread_join(watchdog, NULL);
	running = false;
}

static void peer_text(const struct sockaddr *sa, char *out, size_t n)
{
	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          (socklen_t)n);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
		          (socklen_t)n);
}

struct guard_conn *guard_open(int fd, const struct sockaddr *sa)
{
	struct guard_conn *g = xcalloc(1, sizeof *g);
	g->fd = fd;
	peer_text(sa, g->peer, sizeof g->peer);
	g->waiting = now_ms();
	pthread_mutex_lock(&mu);
	g->next = head;
	if (head)
		head->prev = g;
	head = g;
	nopen++;
	nwaiting++;
	/* Room for this one: the longest waiting of its peer, then of all, make way. */
	unsigned n;
	struct guard_conn *old = oldest_waiting(g->peer, &n);
	if (n > GUARD_WAITING_PER_PEER && old != g)
		shut(old);
	if (nwaiting > GUARD_WAITING_ALL && (old = oldest_waiting(NULL, &n)) && old != g)
		shut(old);
	pthread_mutex_unlock(&mu);
	return g;
}

void guard_close(struct guard_conn *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&mu);
	if (g->prev)
		g->prev->next = g->next;
	else
		head = g->next;
	if (g->next)
		g->next->prev = g->prev;
	nopen--;
	if (g->waiting && !g->shut)
		nwaiting--;
	pthread_mutex_unlock(&mu);
	free(g);
}

bool guard_busy(struct guard_conn *g, const char *client)
{
	if (!g)
		return true;
	bool ok = true;
	pthread_mutex_lock(&mu);
	if (g->waiting && !g->shut)
		nwaiting--;
	g->waiting = 0;
	unsigned n = 0;
	for (struct guard_conn *o = head; o; o = o->next)
		if (o->busy && !strcmp(o->client, client))
			n++;
	if (n >= GUARD_BUSY_PER_CLIENT) {
		ok = false;
	} else {
		g->busy = true;
		snprintf(g->client, sizeof g->client, "%s", client);
	}
	pthread_mutex_unlock(&mu);
	return ok;
}

void guard_read(struct guard_conn *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&mu);
	g->busy = false;
	pthread_mutex_unlock(&mu);
}

void guard_idle(struct guard_conn *g)
{
	if (!g)
		return;
	pthread_mutex_lock(&mu);
	g->busy = false;
	if (!g->waiting && !g->shut) {
		g->waiting = now_ms();
		nwaiting++;
	}
	pthread_mutex_unlock(&mu);
}

void guard_counts(unsigned *open, unsigned *waiting)
{
	pthread_mutex_lock(&mu);
	*open = nopen;
	*waiting = nwaiting;
	pthread_mutex_unlock(&mu);
}
