/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The packet's versions (store.h, "the packet's versions"): the PDF members read, kept as it
 * was sent, one row per version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/material.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

static store_packet_fn builder;

void store_packet_builder(store_packet_fn fn)
{
	builder = fn;
}

void store_packet_clear(struct store_packet *p)
{
	free(p->changes);
	free(p->pdf);
	memset(p, 0, sizeof *p);
}

void store_packets_free(struct store_packet *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_packet_clear(&v[i]);
	free(v);
}

/* The columns version, made, changes, sha256, pages, size of row q into p. */
static void read_row(sqlite3_stmt *q, struct store_packet *p)
{
	memset(p, 0, sizeof *p);
	p->version = sqlite3_column_int(q, 0);
	snprintf(p->made, sizeof p->made, "%s", (const char *)sqlite3_column_text(q, 1));
	const unsigned char *c = sqlite3_column_text(q, 2);
	p->changes = c ? xstrdup((const char *)c) : NULL;
	snprintf(p->sha256, sizeof p->sha256, "%s", (const char *)sqlite3_column_text(q, 3));
	p->pages = sqlite3_column_int(q, 4);
	p->size = sqlite3_column_int64(q, 5);
}

int store_packet_list(struct store *st, int64_t meeting, struct store_packet **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_PACKET_LIST, "i", meeting);
	if (!q)
		return FK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs mødepakkens udgaver")) == FK_OK) {
		*out = xgrow(*out, sizeof **out, *n + 1, &cap);
		read_row(q, &(*out)[(*n)++]);
	}
	stmt_done(q);
	if (rc != FK_ENOTFOUND) {
		store_packets_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	return FK_OK;
}

int store_packet_get(struct store *st, int64_t meeting, int version, struct store_packet *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = db_prepare(st, STMT_PACKET_GET, "id", meeting, version);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs mødepakken");
	if (rc == FK_OK) {
		read_row(q, out);
		size_t len = (size_t)sqlite3_column_bytes(q, 6);
		out->pdf = xmalloc(len ? len : 1);
		memcpy(out->pdf, sqlite3_column_blob(q, 6), len);
		stmt_done(q);
	}
	return rc;
}

int store_packet_next(struct store *st, int64_t meeting, int *version)
{
	*version = 1;
	sqlite3_stmt *q = db_prepare(st, STMT_PACKET_LIST, "i", meeting);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs mødepakkens udgaver");
	if (rc == FK_OK) {
		*version = sqlite3_column_int(q, 0) + 1;
		stmt_done(q);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_packet_add(struct store *st, const char *actor, int64_t meeting, const char *changes,
                     const void *pdf, size_t len, int pages, int *version)
{
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	char sha[65], id[40];
	material_sha256(pdf, len, sha);
	snprintf(id, sizeof id, "meeting-%lld", (long long)meeting);
	if ((rc = store_packet_next(st, meeting, version)) == FK_OK)
		rc = db_exec(st, STMT_PACKET_ADD, "gem mødepakken", "idtttdb", meeting, *version,
		             store_now(st), changes, sha, pages, pdf, len);
	if (rc == FK_OK) {
		json_t *after = json_pack("{s:i, s:s, s:i, s:I, s:s?}", "version", *version, "sha256",
		                          sha, "pages", pages, "size", (json_int_t)len, "changes",
		                          changes);
		char *a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
		rc = store_audit_append(st, actor, "packet", "meeting", id, NULL, a);
		free(a);
		json_decref(after);
	}
	return tx_leave(st, own, rc);
}

void store_packet_amended(struct store *st, int64_t meeting, int pos, const char *reason)
{
	st->packet_meeting = meeting;
	if (st->packet_changes.len)
		buf_adds(&st->packet_changes, "\n");
	if (pos > 0)
		buf_printf(&st->packet_changes, "Punkt %d: %s", pos, reason ? reason : "");
	else
		buf_adds(&st->packet_changes, reason ? reason : "");
}

int store_packet_sync(struct store *st)
{
	int64_t meeting = st->packet_meeting;
	st->packet_meeting = 0;
	char *changes = buf_detach(&st->packet_changes, NULL);
	int rc = FK_OK;
	if (builder) {
		struct buf pdf;
		buf_init(&pdf);
		int pages = 0, version = 0;
		if ((rc = store_packet_next(st, meeting, &version)) == FK_OK &&
		    (rc = builder(st, meeting, version, changes, &pdf, &pages)) == FK_OK)
			rc = store_packet_add(st, "fkigov", meeting, changes, pdf.s, pdf.len, pages,
			                      &version);
		buf_free(&pdf);
	}
	free(changes);
	return rc;
}
