/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Persons and appointments: put, insert, update (each audited in the same transaction as the
 * change) and loading the whole register into memory. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

/* Objects are built with their keys in sorted order and jansson keeps insertion order, so
 * the output is canonical without sorting at every dump. */
#define JSON_FLAGS JSON_COMPACT
/* Person ids above this are looked up, not cached by id. */
#define PKEY_MAX ((size_t)1 << 24)

/* ---------------------------------------------------------------- helpers */

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(q, i);
}

static const char *col_text(sqlite3_stmt *q, int i)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL ? NULL
	                                                : (const char *)sqlite3_column_text(q, i);
}

/* Dumps o into the scratch buffer b, NUL-terminated. Returns 0, or -1 when jansson fails. */
static int jbuf_dump(struct jbuf *b, const json_t *o)
{
	for (;;) {
		size_t n = json_dumpb(o, b->s, b->cap, JSON_FLAGS);
		if (n == 0)
			return -1;
		if (n < b->cap) {
			b->s[n] = '\0';
			b->len = n;
			return 0;
		}
		b->cap = n + 256;
		b->s = xrealloc(b->s, b->cap);
	}
}

/* The cache slot of person row id, growing the cache; NULL when id is out of its range. */
static char **pkey_slot(struct store *st, int64_t id)
{
	if (id <= 0 || (size_t)id >= PKEY_MAX)
		return NULL;
	if ((size_t)id >= st->cappkey) {
		size_t old = st->cappkey, cap = old ? old : 1024;
		while (cap <= (size_t)id)
			cap *= 2;
		st->pkey = xrealloc(st->pkey, cap * sizeof *st->pkey);
		memset(st->pkey + old, 0, (cap - old) * sizeof *st->pkey);
		st->cappkey = cap;
	}
	return &st->pkey[id];
}

/* The key of person row id: from the cache, else one SELECT. The pointer stays valid until
 * the next call. FK_ECONFLICT when there is no such person. */
static int person_key(struct store *st, int64_t id, const char **key)
{
	*key = "";
	if (id > 0 && (size_t)id < st->cappkey && st->pkey[id]) {
		*key = st->pkey[id];
		return FK_OK;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_PERSON_KEY);
	if (!q)
		return FK_EDB;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q), err = FK_OK;
	if (rc == SQLITE_ROW) {
		char *k = xstrdup((const char *)sqlite3_column_text(q, 0));
		char **slot = pkey_slot(st, id);
		if (!slot)
			slot = &st->pkey_spill;
		free(*slot);
		*slot = k;
		*key = k;
	} else if (rc == SQLITE_DONE) {
		snprintf(st->conflict, sizeof st->conflict, "person %lld findes ikke",
		         (long long)id);
		err = FK_ECONFLICT;
	} else {
		err = store_fail(st, rc, "læs person");
	}
	stmt_done(q);
	return err;
}

/* Remembers the key of a person row just written (so appointments need no SELECT). */
static void person_key_put(struct store *st, int64_t id, const char *key)
{
	char **slot = pkey_slot(st, id);
	if (slot && !*slot)
		*slot = xstrdup(key);
}

/* ---------------------------------------------------------------- persons */

/* {"email":...,"key":...,"name":...} (caller frees); NULL when a string is not UTF-8. */
static char *person_json(const char *key, const char *name, const char *email)
{
	json_t *o = json_pack("{s:s?, s:s, s:s}", "email", email, "key", key, "name", name);
	if (!o)
		return NULL;
	char *s = json_dumps(o, JSON_FLAGS);
	json_decref(o);
	return s;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int store_person_contact(struct store *st, const char *key, char *name, size_t nn, char *email,
                         size_t ne)
{
	sqlite3_stmt *q = db_prepare(st, STMT_PERSON_CONTACT, "t", key);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs person");
	if (rc != FK_OK)
		return rc;
	const char *n = (const char *)sqlite3_column_text(q, 0), *e = (const char *)sqlite3_column_text(q, 1);
	snprintf(name, nn, "%s", n ? n : "");
	snprintf(email, ne, "%s", e ? e : "");
	stmt_done(q);
	return FK_OK;
}

int store_person_put(struct store *st, const char *actor, const char *key, const char *name,
                     const char *email, int64_t *id)
{
	assert(st && actor && key && name);
	if (email && !*email)
		email = NULL;
	st->invites_dirty = true; /* a new address gets the invitations */
	char *before = NULL, *after = NULL;
	int64_t pid = 0;
	bool own;
	int rc = tx_enter(st, &own), src;
	if (rc != FK_OK)
		return rc;
	sqlite3_stmt *q = stmt_get(st, STMT_PERSON_BY_KEY);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	src = sqlite3_step(q);
	if (src == SQLITE_ROW) {
		pid = sqlite3_column_int64(q, 0);
		const char *oname = col_text(q, 1), *oemail = col_text(q, 2);
		if (same_str(oname, name) && same_str(oemail, email)) {
			stmt_done(q);
			person_key_put(st, pid, key);
			goto out;
		}
		before = person_json(key, oname ? oname : "", oemail);
		stmt_done(q);
		if (!(after = person_json(key, name, email)) || !before) {
			rc = FK_EINPUT;
			goto out;
		}
		q = stmt_get(st, STMT_PERSON_UPDATE);
		if (!q) {
			rc = FK_EDB;
			goto out;
		}
		sqlite3_bind_int64(q, 1, pid);
	} else if (src == SQLITE_DONE) {
		stmt_done(q);
		if (!(after = person_json(key, name, email))) {
			rc = FK_EINPUT;
			goto out;
		}
		q = stmt_get(st, STMT_PERSON_INSERT);
		if (!q) {
			rc = FK_EDB;
			goto out;
		}
		sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	} else {
		rc = store_fail(st, src, "læs person");
		stmt_done(q);
		goto out;
	}
	sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
	bind_text_or_null(q, 3, email);
	src = sqlite3_step(q);
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "gem person");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if (!pid) {
		pid = sqlite3_last_insert_rowid(st->db);
		st->pkey_new = true;
	}
	person_key_put(st, pid, key);
	rc = audit_append(st, actor, before ? "update" : "create", "person", key, strlen(key),
	                  before, before ? strlen(before) : 0, after, strlen(after));
	if (rc != FK_OK)
		st->poisoned = true;
out:
	free(before);
	free(after);
	if (rc == FK_OK && id)
		*id = pid;
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- appointments */

/* An appointment as its stored text. */
struct appt_text {
	int64_t person;
	const char *body, *org, *seat, *profile; /* profile may be NULL */
	int munic;                               /* 0: none */
	char start[11], end[11];                 /* end "" when open */
};

/* FK_ECONFLICT for a municipality code the schema would refuse (checked here too, as the
 * audit JSON of an update is made before the row is written). */
static int appt_check(struct store *st, const struct reg_appt *a)
{
	if (a->munic >= 0 && a->munic <= 999)
		return FK_OK;
	snprintf(st->conflict, sizeof st->conflict, "kommunekoden %d har ikke tre cifre",
	         (int)a->munic);
	return FK_ECONFLICT;
}

static void appt_text(const struct model *m, const struct reg_appt *a, struct appt_text *t)
{
	assert(a->body >= 0 && (size_t)a->body < m->nbodies);
	assert(a->org >= 0 && a->org < SEAT__MAX && a->seat >= 0 && a->seat < SEAT__MAX);
	assert(a->profile >= -1 && (a->profile < 0 || (size_t)a->profile < m->nprofiles));
	t->person = a->person;
	t->body = m->bodies[a->body].id;
	t->org = seat_name(a->org);
	t->seat = seat_name(a->seat);
	t->profile = a->profile >= 0 ? m->profiles[a->profile].id : NULL;
	t->munic = a->munic;
	date_format(a->start, t->start);
	if (a->end == DATE_OPEN)
		t->end[0] = '\0';
	else
		date_format(a->end, t->end);
}

/* Binds t to q from parameter i on: person, body, organisation, municipality, seat,
 * profile, start, end. */
static void appt_bind(sqlite3_stmt *q, int i, const struct appt_text *t)
{
	sqlite3_bind_int64(q, i, t->person);
	sqlite3_bind_text(q, i + 1, t->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, i + 2, t->org, -1, SQLITE_STATIC);
	if (t->munic)
		sqlite3_bind_int(q, i + 3, t->munic);
	else
		sqlite3_bind_null(q, i + 3);
	sqlite3_bind_text(q, i + 4, t->seat, -1, SQLITE_STATIC);
	bind_text_or_null(q, i + 5, t->profile);
	sqlite3_bind_text(q, i + 6, t->start, 10, SQLITE_STATIC);
	bind_text_or_null(q, i + 7, t->end[0] ? t->end : NULL);
}

/* Sets o[key] to the string s, or to null when s is NULL, reusing the value in place (the
 * import writes a million of these). */
static int set_str(json_t *o, const char *key, const char *s)
{
	json_t *v = json_object_get(o, key);
	if (!s)
		return json_is_null(v) ? 0 : json_object_set_new(o, key, json_null());
	if (json_is_string(v))
		return json_string_set(v, s);
	return json_object_set_new(o, key, json_string(s));
}

/* The audit JSON of an appointment into st->jb[which]:
 * {"body","end","municipality","organisation","person","profile","seat","start"}. */
static int appt_json(struct store *st, int which, const char *key, const struct appt_text *t)
{
	json_t *o = st->jappt;
	assert(t->munic >= 0 && t->munic <= 999);
	char munic[4] = {(char)('0' + t->munic / 100), (char)('0' + t->munic / 10 % 10),
	                 (char)('0' + t->munic % 10), '\0'};
	if (!json_object_size(o)) {
		static const char *const keys[] = {"body",    "end",     "municipality", "organisation",
		                                   "person",  "profile", "seat",         "start"};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			json_object_set_new(o, keys[i], json_null());
	}
	if (set_str(o, "body", t->body) || set_str(o, "end", t->end[0] ? t->end : NULL) ||
	    set_str(o, "municipality", t->munic ? munic : NULL) ||
	    set_str(o, "organisation", t->org) || set_str(o, "person", key) ||
	    set_str(o, "profile", t->profile) || set_str(o, "seat", t->seat) ||
	    set_str(o, "start", t->start) || jbuf_dump(&st->jb[which], o)) {
		fprintf(stderr, "fkigov: aftalen kunne ikke skrives som JSON til audit-loggen\n");
		return FK_EDB;
	}
	return FK_OK;
}

/* The audit entity id of an appointment, "personkey/body/start", into b. */
static void appt_eid(struct jbuf *b, const char *key, const struct appt_text *t)
{
	size_t nk = strlen(key), nb = strlen(t->body), need = nk + nb + 13;
	if (need > b->cap) {
		b->cap = need + 64;
		b->s = xrealloc(b->s, b->cap);
	}
	char *p = b->s;
	memcpy(p, key, nk);
	p += nk;
	*p++ = '/';
	memcpy(p, t->body, nb);
	p += nb;
	*p++ = '/';
	memcpy(p, t->start, 10);
	p += 10;
	*p = '\0';
	b->len = (size_t)(p - b->s);
}

int store_appt_insert(struct store *st, const char *actor, const struct model *m,
                      struct reg_appt *a)
{
	assert(st && actor && m && a);
	st->invites_dirty = true;
	int rc;
	if ((rc = appt_check(st, a)) != FK_OK)
		return rc;
	struct appt_text t;
	appt_text(m, a, &t);
	const char *key = "";
	bool own;
	if ((rc = tx_enter(st, &own)) != FK_OK)
		return rc;
	if ((rc = person_key(st, t.person, &key)) != FK_OK)
		goto out;
	sqlite3_stmt *q = stmt_get(st, STMT_APPT_INSERT);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	appt_bind(q, 1, &t);
	int src = sqlite3_step(q);
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "gem aftale");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	a->id = sqlite3_last_insert_rowid(st->db);
	appt_eid(&st->jb[2], key, &t);
	if ((rc = appt_json(st, 1, key, &t)) != FK_OK ||
	    (rc = audit_append(st, actor, "create", "appointment", st->jb[2].s, st->jb[2].len, NULL,
	                       0, st->jb[1].s, st->jb[1].len)) != FK_OK)
		st->poisoned = true;
out:
	return tx_leave(st, own, rc);
}

int store_appt_update(struct store *st, const char *actor, const struct model *m,
                      const struct reg_appt *a)
{
	assert(st && actor && m && a && a->id > 0);
	st->invites_dirty = true;
	int rc, src;
	if ((rc = appt_check(st, a)) != FK_OK)
		return rc;
	struct appt_text t, o;
	appt_text(m, a, &t);
	const char *key = "";
	bool own;
	if ((rc = tx_enter(st, &own)) != FK_OK)
		return rc;
	/* Before: the stored row, as JSON. */
	sqlite3_stmt *q = stmt_get(st, STMT_APPT_GET);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, a->id);
	src = sqlite3_step(q);
	if (src != SQLITE_ROW) {
		rc = src == SQLITE_DONE ? FK_ENOTFOUND : store_fail(st, src, "læs aftale");
		stmt_done(q);
		goto out;
	}
	o.person = sqlite3_column_int64(q, 0);
	o.body = col_text(q, 1);
	o.org = col_text(q, 2);
	o.munic = sqlite3_column_int(q, 3);
	o.seat = col_text(q, 4);
	o.profile = col_text(q, 5);
	const char *ostart = col_text(q, 6), *oend = col_text(q, 7);
	snprintf(o.start, sizeof o.start, "%s", ostart ? ostart : "");
	snprintf(o.end, sizeof o.end, "%s", oend ? oend : "");
	rc = person_key(st, o.person, &key);
	if (rc == FK_OK)
		rc = appt_json(st, 0, key, &o);
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	/* After. */
	if ((rc = person_key(st, t.person, &key)) != FK_OK ||
	    (rc = appt_json(st, 1, key, &t)) != FK_OK)
		goto out;
	if (strcmp(st->jb[0].s, st->jb[1].s) == 0)
		goto out; /* nothing changes: nothing to write or audit */
	q = stmt_get(st, STMT_APPT_UPDATE);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	sqlite3_bind_int64(q, 1, a->id);
	appt_bind(q, 2, &t);
	src = sqlite3_step(q);
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "gem aftale");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	appt_eid(&st->jb[2], key, &t);
	if ((rc = audit_append(st, actor, "update", "appointment", st->jb[2].s, st->jb[2].len,
	                       st->jb[0].s, st->jb[0].len, st->jb[1].s, st->jb[1].len)) != FK_OK)
		st->poisoned = true;
out:
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- loading */

/* Maps text ids to model indices, remembering the ids seen (a model has a few dozen bodies
 * and profiles; rows repeat them). */
#define IDCACHE_N 32
struct idcache {
	struct {
		char text[48];
		int len;
		int index;
	} e[IDCACHE_N];
	int n;
};

static int cached_index(struct idcache *c, const char *s, int len,
                        int (*lookup)(const struct model *, const char *), const struct model *m)
{
	for (int i = 0; i < c->n; i++)
		if (c->e[i].len == len && memcmp(c->e[i].text, s, (size_t)len) == 0)
			return c->e[i].index;
	int x = lookup(m, s);
	if (x >= 0 && c->n < IDCACHE_N && len < (int)sizeof c->e[0].text) {
		memcpy(c->e[c->n].text, s, (size_t)len);
		c->e[c->n].len = len;
		c->e[c->n].index = x;
		c->n++;
	}
	return x;
}

/* The origin words as the model spells them (seat_name), matched by length first. */
struct origins {
	const char *name[SEAT__MAX];
	int len[SEAT__MAX];
};

static void origins_init(struct origins *o)
{
	for (int i = 0; i < SEAT__MAX; i++) {
		o->name[i] = seat_name(i);
		o->len[i] = (int)strlen(o->name[i]);
	}
}

static int origin_of(const struct origins *o, const char *s, int len)
{
	for (int i = 0; i < SEAT__MAX; i++)
		if (len == o->len[i] && memcmp(s, o->name[i], (size_t)len) == 0)
			return i;
	return -1;
}

static int64_t scalar(struct store *st, enum stmt s, int *err)
{
	sqlite3_stmt *q = stmt_get(st, s);
	int64_t v = 0;
	if (!q) {
		*err = FK_EDB;
		return 0;
	}
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(q, 0);
	else
		*err = store_fail(st, rc, "læs register");
	stmt_done(q);
	return v;
}

static int load_persons(struct store *st, struct reg *r)
{
	int err = FK_OK;
	int64_t n = scalar(st, STMT_PERSON_COUNT, &err);
	if (err != FK_OK)
		return err;
	if (n > 0)
		r->persons = xgrow(r->persons, sizeof *r->persons, (size_t)n, &r->cappersons);
	sqlite3_stmt *q = stmt_get(st, STMT_PERSON_ALL);
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		reg_person_add(r, sqlite3_column_int64(q, 0),
		               (const char *)sqlite3_column_text(q, 1),
		               (const char *)sqlite3_column_text(q, 2), col_text(q, 3));
	if (rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs personer");
	stmt_done(q);
	return err;
}

/* Person row id -> register index: a direct table when the ids are dense (they are, as
 * persons are never deleted), else a binary search over the id-ordered persons. */
struct pmap {
	int32_t *direct;
	int64_t ndirect;
	const struct reg *r;
};

static void pmap_init(struct pmap *pm, const struct reg *r)
{
	pm->r = r;
	pm->direct = NULL;
	pm->ndirect = 0;
	if (!r->npersons)
		return;
	int64_t max = r->persons[r->npersons - 1].id;
	if (max > 0 && max <= 2 * (int64_t)r->npersons + 1024) {
		pm->ndirect = max + 1;
		pm->direct = xmalloc((size_t)pm->ndirect * sizeof *pm->direct);
		for (int64_t i = 0; i < pm->ndirect; i++)
			pm->direct[i] = -1;
		for (size_t i = 0; i < r->npersons; i++)
			pm->direct[r->persons[i].id] = (int32_t)i;
	}
}

static int32_t pmap_find(const struct pmap *pm, int64_t id)
{
	if (pm->direct)
		return id >= 0 && id < pm->ndirect ? pm->direct[id] : -1;
	size_t lo = 0, hi = pm->r->npersons;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t v = pm->r->persons[mid].id;
		if (v == id)
			return (int32_t)mid;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int bad_row(int64_t id, const char *what, const char *value)
{
	fprintf(stderr,
	        "fkigov: aftale %lld i databasen har %s \"%s\", som modellen ikke kender."
	        " Ret aftalen, eller brug den model, databasen blev lavet med.\n",
	        (long long)id, what, value ? value : "");
	return FK_EDB;
}

static int load_appts(struct store *st, const struct model *m, struct reg *r)
{
	int err = FK_OK;
	int64_t n = scalar(st, STMT_APPT_MAXID, &err);
	if (err != FK_OK)
		return err;
	if (n > 0)
		r->appts = xgrow(r->appts, sizeof *r->appts, (size_t)n, &r->capappts);
	struct pmap pm;
	pmap_init(&pm, r);
	struct idcache bc = {.n = 0}, pc = {.n = 0};
	struct origins og;
	origins_init(&og);
	sqlite3_stmt *q = stmt_get(st, STMT_APPT_ALL);
	if (!q) {
		free(pm.direct);
		return FK_EDB;
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct reg_appt a;
		a.id = sqlite3_column_int64(q, 0);
		int64_t pid = sqlite3_column_int64(q, 1);
		if ((a.person = pmap_find(&pm, pid)) < 0) {
			err = bad_row(a.id, "en person", "");
			break;
		}
		const char *s = (const char *)sqlite3_column_text(q, 2);
		a.body = cached_index(&bc, s, sqlite3_column_bytes(q, 2), model_body_index, m);
		if (a.body < 0) {
			err = bad_row(a.id, "organet", s);
			break;
		}
		s = (const char *)sqlite3_column_text(q, 3);
		a.org = (int8_t)origin_of(&og, s, sqlite3_column_bytes(q, 3));
		if (a.org < 0) {
			err = bad_row(a.id, "organisationen", s);
			break;
		}
		a.munic = (int16_t)sqlite3_column_int(q, 4);
		s = (const char *)sqlite3_column_text(q, 5);
		a.seat = (int8_t)origin_of(&og, s, sqlite3_column_bytes(q, 5));
		if (a.seat < 0) {
			err = bad_row(a.id, "pladsen", s);
			break;
		}
		if (sqlite3_column_type(q, 6) == SQLITE_NULL) {
			a.profile = -1;
		} else {
			s = (const char *)sqlite3_column_text(q, 6);
			int p = cached_index(&pc, s, sqlite3_column_bytes(q, 6),
			                     model_profile_index, m);
			if (p < 0) {
				err = bad_row(a.id, "profilen", s);
				break;
			}
			a.profile = (int16_t)p;
		}
		s = (const char *)sqlite3_column_text(q, 7);
		if (date_parse(s, (size_t)sqlite3_column_bytes(q, 7), &a.start) != 0) {
			err = bad_row(a.id, "startdatoen", s);
			break;
		}
		if (sqlite3_column_type(q, 8) == SQLITE_NULL) {
			a.end = DATE_OPEN;
		} else {
			s = (const char *)sqlite3_column_text(q, 8);
			if (date_parse(s, (size_t)sqlite3_column_bytes(q, 8), &a.end) != 0) {
				err = bad_row(a.id, "slutdatoen", s);
				break;
			}
		}
		if (r->nappts < r->capappts)
			r->appts[r->nappts++] = a;
		else
			reg_appt_add(r, &a);
	}
	if (err == FK_OK && rc != SQLITE_DONE)
		err = store_fail(st, rc, "læs aftaler");
	stmt_done(q);
	free(pm.direct);
	return err;
}

static int cmp_person_start(const void *x, const void *y)
{
	const struct reg_appt *a = x, *b = y;
	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* Whether v[0..n) is in the order of reg_sort: body, person, start. */
static bool appts_sorted(const struct reg_appt *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const struct reg_appt *a = &v[i - 1], *b = &v[i];
		if (a->body != b->body       ? a->body > b->body
		    : a->person != b->person ? a->person > b->person
		                             : a->start > b->start)
			return false;
	}
	return true;
}

/* Puts r->appts in the order of reg_sort. Rows come in table order, which for imported data
 * is mostly person by person: a stable distribution by body (linear) leaves most bodies in
 * order already, and only a body whose rows are not gets sorted. */
static void sort_appts(struct reg *r, size_t nbodies)
{
	size_t n = r->nappts;
	if (appts_sorted(r->appts, n))
		return;
	size_t *at = xcalloc(nbodies + 1, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[r->appts[i].body + 1]++;
	for (size_t b = 0; b < nbodies; b++)
		at[b + 1] += at[b];
	struct reg_appt *out = xmalloc(n * sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[at[r->appts[i].body]++] = r->appts[i];
	free(r->appts);
	r->appts = out;
	r->capappts = n;
	/* at[b] is now the end of body b's rows. */
	for (size_t b = 0, lo = 0; b < nbodies; lo = at[b++]) {
		size_t cnt = at[b] - lo;
		if (!appts_sorted(out + lo, cnt))
			qsort(out + lo, cnt, sizeof *out, cmp_person_start);
	}
	free(at);
}

int store_load_register(struct store *st, const struct model *m, struct reg *r)
{
	assert(st && m && r && r->npersons == 0 && r->nappts == 0);
	/* One read transaction, so persons and appointments come from the same snapshot. */
	bool own = sqlite3_get_autocommit(st->db);
	int rc;
	if (own && (rc = stmt_run(st, STMT_BEGIN_READ, "begynd læsning")) != FK_OK)
		return rc;
	rc = load_persons(st, r);
	if (rc == FK_OK)
		rc = load_appts(st, m, r);
	if (own)
		(void)stmt_run(st, STMT_ROLLBACK, "afslut læsning"); /* nothing was written */
	if (rc != FK_OK) {
		reg_free(r);
		return rc;
	}
	sort_appts(r, m->nbodies);
	return FK_OK;
}

/* ---------------------------------------------------------------- corrections */

int store_appt_delete(struct store *st, const char *actor, const struct model *m, int64_t id,
                      const char *reason)
{
	assert(st && actor && m && reason && *reason);
	(void)m;
	st->invites_dirty = true;
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	sqlite3_stmt *q = db_prepare(st, STMT_APPT_GET, "i", id);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	if ((rc = db_row(st, q, "læs aftale")) != FK_OK)
		goto out;
	struct appt_text o;
	o.person = sqlite3_column_int64(q, 0);
	o.body = col_text(q, 1);
	o.org = col_text(q, 2);
	o.munic = sqlite3_column_int(q, 3);
	o.seat = col_text(q, 4);
	o.profile = col_text(q, 5);
	const char *ostart = col_text(q, 6), *oend = col_text(q, 7);
	snprintf(o.start, sizeof o.start, "%s", ostart ? ostart : "");
	snprintf(o.end, sizeof o.end, "%s", oend ? oend : "");
	const char *key = "";
	rc = person_key(st, o.person, &key);
	if (rc == FK_OK && (rc = appt_json(st, 0, key, &o)) == FK_OK)
		appt_eid(&st->jb[2], key, &o);
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if ((rc = db_exec(st, STMT_APPT_DELETE, "slet aftale", "i", id)) != FK_OK)
		goto out;
	json_t *after = json_pack("{s:s}", "reason", reason);
	char *a = after ? json_dumps(after, JSON_FLAGS) : NULL;
	json_decref(after);
	if (!a) {
		rc = FK_EINPUT; /* not UTF-8: nothing is written */
		goto out;
	}
	rc = audit_append(st, actor, "delete", "appointment", st->jb[2].s, st->jb[2].len,
	                  st->jb[0].s, st->jb[0].len, a, strlen(a));
	free(a);
	if (rc != FK_OK)
		st->poisoned = true;
out:
	return tx_leave(st, own, rc);
}

int store_person_merge(struct store *st, const char *actor, const struct model *m,
                       const char *keep, const char *gone, size_t *moved, char *why, size_t n)
{
	assert(st && actor && m && keep && gone && why);
	why[0] = '\0';
	st->invites_dirty = true;
	if (moved)
		*moved = 0;
	if (!strcmp(keep, gone)) {
		snprintf(why, n, "Vælg to forskellige personer.");
		return FK_EINPUT;
	}
	bool own;
	int rc = tx_enter(st, &own);
	if (rc != FK_OK)
		return rc;
	struct reg r;
	reg_init(&r);
	size_t *drop = NULL, ndrop = 0, nmoved = 0;
	char *before = NULL;
	if ((rc = store_load_register(st, m, &r)) != FK_OK)
		goto out;
	int32_t k = reg_person_find(&r, keep), g = reg_person_find(&r, gone);
	if (k < 0 || g < 0) {
		snprintf(why, n, "Der er ingen person med id'et »%.64s«.", k < 0 ? keep : gone);
		rc = FK_ENOTFOUND;
		goto out;
	}
	drop = xmalloc((r.nappts + 1) * sizeof *drop);
	if (reg_merge_plan(m, &r, k, g, drop, &ndrop, why, n) != 0) {
		rc = FK_EINPUT;
		goto out;
	}
	int64_t kid = r.persons[k].id, gid = r.persons[g].id;
	/* The appointments: exact copies deleted, the others moved, each audited. */
	for (size_t i = 0; i < r.nappts && rc == FK_OK; i++) {
		const struct reg_appt *a = &r.appts[i];
		if (a->person != g)
			continue;
		bool is_copy = false;
		for (size_t x = 0; x < ndrop; x++)
			is_copy |= drop[x] == i;
		if (is_copy) {
			char reason[300];
			snprintf(reason, sizeof reason,
			         "Dublet: %s (%s) er lagt sammen med %s (%s), som har samme udpegning.",
			         r.persons[g].name, gone, r.persons[k].name, keep);
			rc = store_appt_delete(st, actor, m, a->id, reason);
		} else {
			struct reg_appt upd = *a;
			upd.person = (int32_t)kid; /* the store takes the row id */
			rc = store_appt_update(st, actor, m, &upd);
			nmoved++;
		}
	}
	static const enum stmt others[] = {STMT_MERGE_ACCOUNT,   STMT_MERGE_WG_STAFF,
	                                   STMT_MERGE_WG_ANSWER, STMT_MERGE_WG_MEMBER,
	                                   STMT_MERGE_SPEAKER,   STMT_MERGE_PROPOSAL,
	                                   STMT_MERGE_ATTEND};
	for (size_t i = 0; i < sizeof others / sizeof others[0] && rc == FK_OK; i++)
		rc = db_exec(st, others[i], "flyt personens rækker", "ii", kid, gid);
	if (rc == FK_ECONFLICT)
		snprintf(why, n,
		         "%s og %s har begge en række, der kun må findes én gang pr. person (fx et "
		         "svar i samme høring). Ret den ene først, og læg derefter personerne sammen.",
		         r.persons[g].name, r.persons[k].name);
	if (rc != FK_OK)
		goto out;
	if ((rc = db_exec(st, STMT_PERSON_DELETE, "slet person", "i", gid)) != FK_OK) {
		if (rc == FK_ECONFLICT)
			snprintf(why, n, "%s bruges stadig et sted i databasen og kan ikke slettes.",
			         r.persons[g].name);
		goto out;
	}
	if ((size_t)gid < st->cappkey) {
		free(st->pkey[gid]);
		st->pkey[gid] = NULL;
	}
	before = person_json(gone, r.persons[g].name, r.persons[g].email);
	json_t *after = json_pack("{s:I, s:s, s:I}", "dropped", (json_int_t)ndrop, "merged_into",
	                          keep, "moved", (json_int_t)nmoved);
	char *a = after ? json_dumps(after, JSON_FLAGS) : NULL;
	json_decref(after);
	if (!before || !a) {
		free(a);
		rc = FK_EINPUT;
		goto out;
	}
	rc = audit_append(st, actor, "merge", "person", gone, strlen(gone), before, strlen(before),
	                  a, strlen(a));
	free(a);
	if (rc != FK_OK)
		st->poisoned = true;
out:
	if (rc == FK_OK && moved)
		*moved = nmoved;
	free(before);
	free(drop);
	reg_free(&r);
	return tx_leave(st, own, rc);
}
