/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CACHE_H
#define FK_CACHE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/web.h"

/* A small cache of public responses (anonymous GETs), keyed by URL and valid while the
 * data version (store_version) and the date are unchanged: a change from any process —
 * the web, the API or the command line — writes an audit row and so invalidates it. */

struct cache_key {
	char url[512];
	int64_t version;
	fk_date today;
	uint64_t hash;
};
struct cache_hit {
	const char *ctype; /* a static string */
	char *body;        /* malloc'ed copy, for the caller to hand over */
	size_t len;
};

void cache_init(void);
void cache_shutdown(void);
/* Builds the key for r (path, query in order, version, date). False when not cacheable
 * (URL too long, version unreadable). */
bool cache_key_make(struct cache_key *k, struct web_req *r, const char *url);
bool cache_get(const struct cache_key *k, struct cache_hit *hit);
/* Stores a copy of body. ctype must be a static string. */
void cache_put(const struct cache_key *k, const char *ctype, const char *body, size_t len);
#endif
