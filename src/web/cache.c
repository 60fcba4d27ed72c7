/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "web/cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"

#define SLOTS 256
#define MAX_BODY (512 * 1024)

struct entry {
	struct cache_key key;
	const char *ctype;
	char *body;
	size_t len;
	bool used;
};

static struct entry table[SLOTS];
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

void cache_init(void) { memset(table, 0, sizeof table); }

void cache_shutdown(void)
{
	pthread_rwlock_wrlock(&lock);
	for (size_t i = 0; i < SLOTS; i++)
		free(table[i].body);
	memset(table, 0, sizeof table);
	pthread_rwlock_unlock(&lock);
}

static uint64_t fnv(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

bool cache_key_make(struct cache_key *k, struct web_req *r, const char *url)
{
	size_t n = (size_t)snprintf(k->url, sizeof k->url, "%s", url);
	for (size_t i = 0; i < r->nquery && n < sizeof k->url; i++)
		n += (size_t)snprintf(k->url + n, sizeof k->url - n, "%c%s=%s", i ? '&' : '?',
		                      r->query[i].name, r->query[i].value);
	if (n >= sizeof k->url)
		return false;
	if (store_version(r->st, &k->version) != FK_OK)
		return false;
	k->today = r->today;
	k->hash = fnv(k->url);
	return true;
}

static bool same(const struct cache_key *a, const struct cache_key *b)
{
	return a->hash == b->hash && a->version == b->version && a->today == b->today &&
	       !strcmp(a->url, b->url);
}

bool cache_get(const struct cache_key *k, struct cache_hit *hit)
{
	bool found = false;
	pthread_rwlock_rdlock(&lock);
	struct entry *e = &table[k->hash % SLOTS];
	if (e->used && same(&e->key, k)) {
		hit->ctype = e->ctype;
		hit->len = e->len;
		hit->body = xmalloc(e->len + 1);
		memcpy(hit->body, e->body, e->len);
		found = true;
	}
	pthread_rwlock_unlock(&lock);
	return found;
}

void cache_put(const struct cache_key *k, const char *ctype, const char *body, size_t len)
{
	if (len > MAX_BODY)
		return;
	char *copy = xmalloc(len + 1);
	memcpy(copy, body, len);
	pthread_rwlock_wrlock(&lock);
	struct entry *e = &table[k->hash % SLOTS];
	free(e->body);
	e->key = *k;
	e->ctype = ctype;
	e->body = copy;
	e->len = len;
	e->used = true;
	pthread_rwlock_unlock(&lock);
}
