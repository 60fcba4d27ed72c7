/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET /audit: the audit log, newest first, with filters (entity, id, actor, since, until,
 * limit) as a GET form, each change shown as "field: before → after", and the result of
 * verifying the hash chain. GET /api/v1/audit: the same rows as {"audit": [...]} in the
 * form of "fkigov audit log --json". For readers other than the secretariat the before and
 * after of a row with meeting content they may not read yet (visible.h: proposals, material
 * and agenda items before dispatch, draft minutes) are a Danish note instead; the stored
 * rows and the chain are untouched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/economy.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/visible.h"

#define AUDIT_LIMIT_DEFAULT 200
#define AUDIT_LIMIT_MAX 5000

enum { FL_ENTITY, FL_ID, FL_ACTOR, FL_SINCE, FL_UNTIL, FL_LIMIT, FL__MAX };
/* Up to this many rows the page checks the chain on every view (about 0.1 s). */
#define AUDIT_AUTO_VERIFY 20000
static const char *const fl_names[FL__MAX] = {"entity", "id", "actor", "since", "until", "limit"};
static const char *const fl_labels[FL__MAX] = {"Type",       "Id",         "Hvem",
                                               "Fra og med", "Til og med", "Højst antal rækker"};

/* Reads the filters from the query string into f (pointing into r) and v (the text of each,
 * for the form). Errors go to fm. */
static void read_filters(const struct web_req *r, struct audit_filter *f, const char **v,
                         struct form *fm)
{
	memset(f, 0, sizeof *f);
	f->newest_first = true; /* the page and the API show the latest changes first */
	for (int i = 0; i < FL__MAX; i++) {
		const char *s = web_query(r, fl_names[i]);
		v[i] = s ? s : "";
		if (!form_utf8(v[i], strlen(v[i]))) {
			form_error(
			    fm, fl_names[i], fl_labels[i],
			    "Feltet indeholder tegn, der ikke kan læses. Skriv teksten igen.");
			v[i] = "";
		}
	}
	f->entity = *v[FL_ENTITY] ? v[FL_ENTITY] : NULL;
	f->entity_id = *v[FL_ID] ? v[FL_ID] : NULL;
	f->actor = *v[FL_ACTOR] ? v[FL_ACTOR] : NULL;
	fk_date d;
	if (*v[FL_SINCE] && form_date(fm, "since", "Fra og med", v[FL_SINCE], false, &d))
		f->since = v[FL_SINCE];
	if (*v[FL_UNTIL] && form_date(fm, "until", "Til og med", v[FL_UNTIL], false, &d))
		f->until = v[FL_UNTIL];
	if (f->since && f->until && strcmp(f->since, f->until) > 0)
		form_error(fm, "until", "Til og med",
		           "»Til og med« ligger før »Fra og med«. Byt om på "
		           "datoerne.");
	f->limit = AUDIT_LIMIT_DEFAULT;
	if (*v[FL_LIMIT]) {
		char *end;
		long long n = strtoll(v[FL_LIMIT], &end, 10);
		if (*end || n < 1 || n > AUDIT_LIMIT_MAX)
			form_error(fm, "limit", "Højst antal rækker",
			           "Skriv et helt tal fra 1 til %d.", AUDIT_LIMIT_MAX);
		else
			f->limit = n;
	}
}

/* ================================================================== the page */

static const char *action_da(const char *a)
{
	return !strcmp(a, "create")   ? "oprettet"
	       : !strcmp(a, "update") ? "ændret"
	       : !strcmp(a, "delete") ? "slettet"
	       : !strcmp(a, "merge")  ? "lagt sammen med en anden"
	       : !strcmp(a, "init")   ? "database oprettet"
	                              : a;
}

/* Danish names of the audited entities (the store's audit_append calls). */
static const char *const entities[][2] = {
    {"person", "person"},
    {"appointment", "udpegning"},
    {"model", "model"},
    {"account", "konto"},
    {"token", "API-token"},
    {"working-group", "arbejdsgruppe"},
    {"wg-staffing", "arbejdsgruppens bemanding"},
    {"wg-priority", "arbejdsgruppernes prioritering"},
    {"wg-answer", "høringssvar"},
    {"wg-member", "arbejdsgruppemedlem"},
    {"case", "sag"},
    {"goal", "mål"},
    {"initiative", "initiativ"},
    {"initiative_status", "statusrapport"},
    {"milestone", "milepæl"},
    {"budget", "budget"},
    {"rate", "sats pr. borger"},
    {"population", "befolkningstal"},
    {"allocation", "bevilling"},
    {"spending", "forbrug"},
    {"meeting", "møde"},
    {"proposal", "forslag til dagsordenen"},
};

static const char *entity_da(const char *e)
{
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (!strcmp(e, entities[i][0]))
			return entities[i][1];
	return e;
}

/* The Danish name of a field in the logged JSON (the columns of the appointments file,
 * persons' and accounts' fields); others as they are. */
static const char *const key_map[][2] = {
    {"key", "id"},
    {"login", "brugernavn"},
    {"person", "person"},
    {"name", "navn"},
    {"email", "e-mail"},
    {"role", "rolle"},
    {"body", "gruppe"},
    {"seat", "plads"},
    {"organisation", "organisation"},
    {"municipality", "kommune"},
    {"profile", "profil"},
    {"start", "første dag"},
    {"end", "sidste dag"},
    {"label", "note"},
    {"initiative", "initiativ"},
    {"year", "år"},
    {"ore", "beløb"},
    {"decision", "beslutning"},
    {"date", "dato"},
};
#define NKEYS (sizeof key_map / sizeof key_map[0])

/* The place of a key in key_map (the order lines are shown in); NKEYS for others. */
static size_t key_rank(const char *k)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (!strcmp(k, key_map[i][0]))
			return i;
	return NKEYS;
}

static const char *key_da(const char *k)
{
	size_t i = key_rank(k);
	return i < NKEYS ? key_map[i][1] : k;
}

static int cmp_key(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	size_t ra = key_rank(*a), rb = key_rank(*b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(*a, *b);
}

/* A JSON value as a person reads it: strings bare, null as "–". */
static char *value_text(const json_t *v)
{
	if (!v || json_is_null(v))
		return xstrdup("–");
	if (json_is_string(v))
		return xstrdup(*json_string_value(v) ? json_string_value(v) : "\"\"");
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	return s ? s : xstrdup("?");
}

/* The changes of a row: for objects, one line per key whose value differs between before
 * and after ("key: before → after"; on create or delete the values there are); else the
 * raw JSON. */
static json_t *change_lines(const char *before, const char *after)
{
	json_t *b = before ? json_loads(before, 0, NULL) : NULL;
	json_t *a = after ? json_loads(after, 0, NULL) : NULL;
	json_t *out = json_array();
	if ((before && !json_is_object(b)) || (after && !json_is_object(a))) {
		/* not objects: show the text as it is */
		if (before)
			json_array_append_new(out,
			                      json_pack("{s:s, s:b, s:o}", "key", "før", "changed",
			                                false, "value", form_text(before)));
		if (after)
			json_array_append_new(out, json_pack("{s:s, s:b, s:o}", "key", "efter",
			                                     "changed", false, "value",
			                                     form_text(after)));
		json_decref(a);
		json_decref(b);
		return out;
	}
	/* Every key of either, in the order of key_map, then by name. */
	const char *key;
	json_t *v;
	size_t nkeys = 0;
	const char **keys = xmalloc((json_object_size(a) + json_object_size(b) + 1) * sizeof *keys);
	for (int pass = 0; pass < 2; pass++) {
		json_t *o = pass == 0 ? a : b;
		json_object_foreach(o, key, v)
		{
			if (pass == 1 && a && json_object_get(a, key))
				continue;
			keys[nkeys++] = key;
		}
	}
	qsort(keys, nkeys, sizeof *keys, cmp_key);
	for (size_t i = 0; i < nkeys; i++) {
		key = keys[i];
		json_t *bv = b ? json_object_get(b, key) : NULL,
		       *av = a ? json_object_get(a, key) : NULL;
		if (a && b && json_equal(bv, av))
			continue;
		if (!(a && b) && json_is_null(a ? av : bv))
			continue; /* created or deleted: an empty field says nothing */
		char *bs = value_text(bv), *as = value_text(av);
		if (!strcmp(key, "ore")) { /* whole øre, shown in kroner: 837.244,50 kr. */
			char kr[48];
			if (json_is_integer(bv)) {
				econ_format_kr((int64_t)json_integer_value(bv), true, kr, sizeof kr);
				free(bs);
				bs = xstrdup(kr);
			}
			if (json_is_integer(av)) {
				econ_format_kr((int64_t)json_integer_value(av), true, kr, sizeof kr);
				free(as);
				as = xstrdup(kr);
			}
		}
		json_t *line =
		    json_pack("{s:o, s:b}", "key", form_text(key_da(key)), "changed", a && b);
		if (a && b) {
			json_object_set_new(line, "before", form_text(bs));
			json_object_set_new(line, "after", form_text(as));
		} else {
			json_object_set_new(line, "value", form_text(a ? as : bs));
		}
		json_array_append_new(out, line);
		free(bs);
		free(as);
	}
	free(keys);
	json_decref(a);
	json_decref(b);
	return out;
}

/* The rows being shown (arr) to the user of r, and the meetings read to decide what of
 * them they may see. */
struct audit_walk {
	struct web_req *r;
	json_t *arr;
	struct meeting_audit seen;
};

static int page_row(const struct audit_row *row, void *arg)
{
	struct audit_walk *w = arg;
	const char *note;
	int rc = meeting_view_audit(w->r, &w->seen, row, &note);
	if (rc != FK_OK)
		return rc;
	char when[64];
	/* 2026-11-27T10:00:00Z -> 27. november 2026 kl. 11.00.00 (Danish time) */
	date_utc_da(row->at, true, when, sizeof when);
	json_t *o = json_pack(
	    "{s:I, s:s, s:o, s:s, s:s, s:o, s:o}", "id", (json_int_t)row->id, "at", when, "actor",
	    form_text(row->actor), "action", action_da(row->action), "entity",
	    entity_da(row->entity), "entity_id", form_text(row->entity_id), "changes",
	    note ? json_pack("[{s:s, s:b, s:s}]", "key", "indhold", "changed", false, "value", note)
	         : change_lines(row->before, row->after));
	json_object_set_new(o, "at_iso", form_text(row->at));
	json_object_set_new(o, "actor_q", form_url(row->actor));
	json_object_set_new(o, "entity_q", form_url(row->entity));
	json_object_set_new(o, "entity_id_q", form_url(row->entity_id));
	json_array_append_new(w->arr, o);
	return 0;
}

int page_audit(struct web_req *r, struct web_resp *p)
{
	struct form fm;
	form_init(&fm);
	struct audit_filter f;
	const char *v[FL__MAX];
	read_filters(r, &f, v, &fm);
	json_t *doc = json_object();
	json_object_set_new(doc, "title",
	                    json_string(form_ok(&fm) ? "Revisionslog" : "Fejl: Revisionslog"));
	int rc = FK_OK;
	if (form_ok(&fm)) {
		json_t *rows = json_array();
		struct audit_walk w = {r, rows, {0}};
		rc = store_audit_list(r->st, &f, page_row, &w);
		meeting_audit_free(&w.seen);
		size_t n = json_array_size(rows);
		json_object_set_new(doc, "count", json_integer((json_int_t)n));
		json_object_set_new(doc, "has_rows", json_boolean(n > 0));
		json_object_set_new(doc, "limited", json_boolean((int64_t)n == f.limit));
		json_object_set_new(doc, "limit", json_integer(f.limit));
		json_object_set_new(doc, "rows", rows);
		json_object_set_new(
		    doc, "filtered",
		    json_boolean(f.entity || f.entity_id || f.actor || f.since || f.until));
	} else {
		p->status = 400;
	}
	if (rc != FK_OK) {
		json_decref(doc);
		form_free(&fm);
		return web_error(r, p, 500, "Revisionsloggen kunne ikke læses. Prøv igen om lidt.");
	}
	for (int i = 0; i < FL__MAX; i++)
		form_value(&fm, fl_names[i], v[i]);
	form_finish(&fm, doc);
	/* The entity select: the known types, or what the link asked for. */
	json_t *opts = json_array();
	bool is_known = false;
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++) {
		bool on = !strcmp(v[FL_ENTITY], entities[i][0]);
		is_known |= on;
		json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", entities[i][0],
		                                      "label", entities[i][1], "selected", on));
	}
	json_object_set_new(doc, "entities", opts);
	if (!is_known && *v[FL_ENTITY])
		json_object_set_new(doc, "sel_other", form_text(v[FL_ENTITY]));

	/* The chain: checked on every view while the log is modest (a fraction of a second);
	 * above AUDIT_AUTO_VERIFY rows only when asked (?verify=1), since the whole chain is
	 * hashed again. `fkigov audit verify` checks it from the command line. */
	int64_t bad = 0, nrows = 0, newest = 0;
	const char *ask = web_query(r, "verify");
	bool verify = (ask && !strcmp(ask, "1")) ||
	              (store_version(r->st, &newest) == FK_OK && newest <= AUDIT_AUTO_VERIFY);
	if (verify) {
		int vr = store_audit_verify(r->st, &bad, &nrows);
		json_object_set_new(doc, "chain",
		                    json_pack("{s:b, s:b, s:I, s:I}", "intact", vr == FK_OK, "broken",
		                              vr == FK_ETAMPER, "rows", (json_int_t)nrows, "bad_id",
		                              (json_int_t)bad));
	} else {
		json_object_set_new(doc, "chain_unchecked", json_pack("{s:I}", "rows", (json_int_t)newest));
	}
	p->doc = doc;
	return 0;
}

/* ================================================================== the API */

static int api_row(const struct audit_row *r, void *arg)
{
	struct audit_walk *w = arg;
	const char *note;
	int rc = meeting_view_audit(w->r, &w->seen, r, &note);
	if (rc != FK_OK)
		return rc;
	json_t *o = json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:s}", "id", (json_int_t)r->id, "at",
	                      r->at, "actor", form_text(r->actor), "action", r->action, "entity",
	                      r->entity, "entity_id", form_text(r->entity_id), "hash", r->hash);
	if (!o)
		return 0;
	/* Hidden content: the note in place of each of before and after there is. */
	json_t *b = !r->before ? NULL : note ? json_string(note) : json_loads(r->before, 0, NULL);
	json_t *a = !r->after ? NULL : note ? json_string(note) : json_loads(r->after, 0, NULL);
	json_object_set_new(o, "before", b ? b : json_null());
	json_object_set_new(o, "after", a ? a : json_null());
	json_array_append_new(w->arr, o);
	return 0;
}

int api_audit(struct web_req *r, struct web_resp *p)
{
	struct form fm;
	form_init(&fm);
	struct audit_filter f;
	const char *v[FL__MAX];
	read_filters(r, &f, v, &fm);
	if (!form_ok(&fm)) {
		json_t *fields = json_object();
		json_t *errs = fm.errors;
		for (size_t i = 0; i < json_array_size(errs); i++) {
			json_t *e = json_array_get(errs, i);
			json_object_set(fields, json_string_value(json_object_get(e, "field")),
			                json_object_get(e, "message"));
		}
		form_free(&fm);
		p->status = 400;
		p->doc = json_pack("{s:s, s:o}", "error", "Ret filtrene, og prøv igen.", "fields",
		                   fields);
		return 0;
	}
	form_free(&fm);
	json_t *arr = json_array();
	struct audit_walk w = {r, arr, {0}};
	int rc = store_audit_list(r->st, &f, api_row, &w);
	meeting_audit_free(&w.seen);
	if (rc != FK_OK) {
		json_decref(arr);
		return web_error(r, p, 500, "Revisionsloggen kunne ikke læses. Prøv igen om lidt.");
	}
	p->doc = json_pack("{s:o}", "audit", arr);
	return 0;
}
