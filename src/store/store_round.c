/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Recruitment rounds in the database (store_round.h). Personal data of a candidate is sealed
 * with crypto_secretbox under a random key of its own; the audit log gets the application's
 * id and the SHA-256 of its sealed bytes, never the data. */
#include "store/store_round.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/munic.h"
#include "core/mail.h"
#include "core/material.h"
#include "core/forecast.h"
#include "core/recruit.h"
#include "core/rules.h"
#include "store/store_int.h"
#include "util/err.h"
#include "util/slug.h"
#include "util/text.h"
#include "util/xalloc.h"

#define SEAL_OVERHEAD (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
#define CV_MAX_BYTES MATERIAL_MAX_BYTES

static fk_date col_date(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	fk_date d;
	return s && date_parse(s, strlen(s), &d) == 0 ? d : DATE_NONE;
}

/* Audits a change of the round (entity "round") or an application ("round-application");
 * after is released. */
static int audit(struct store *st, const char *actor, const char *action, const char *entity,
                 int64_t id, json_t *after)
{
	char eid[32];
	snprintf(eid, sizeof eid, "%lld", (long long)id);
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(after);
	int rc = audit_append(st, actor, action, entity, eid, strlen(eid), NULL, 0, a,
	                      a ? strlen(a) : 0);
	free(a);
	return rc;
}

void round_rec_free(struct round_rec *r)
{
	if (!r)
		return;
	free(r->title);
	json_decref(r->criteria);
	free(r->decision);
	free(r->created_by);
	free(r->created_at);
	for (size_t i = 0; i < r->nseats; i++) {
		free(r->seats[i].body);
		for (size_t k = 0; k < r->seats[i].nprofiles; k++)
			free(r->seats[i].profiles[k]);
		free(r->seats[i].profiles);
	}
	free(r->seats);
	memset(r, 0, sizeof *r);
}

/* ---------------------------------------------------------------- rounds */

static json_t *profiles_json(const struct round_seat *s)
{
	json_t *a = json_array();
	for (size_t k = 0; k < s->nprofiles; k++)
		json_array_append_new(a, json_string(s->profiles[k]));
	return a;
}

/* The model's criteria with the weights given (weights[k] > 0) or the model's. */
static json_t *criteria_json(const struct model *m, const int *weights)
{
	json_t *a = json_array();
	for (size_t k = 0; k < m->recruitment.ncriteria; k++) {
		const struct model_criterion *c = &m->recruitment.criteria[k];
		json_array_append_new(a, json_pack("{s:s, s:s, s:i}", "id", c->id, "name", c->name,
		                                   "weight", weights && weights[k] > 0 ? weights[k]
		                                                                      : c->weight));
	}
	return a;
}

static void check_round(const struct model *m, const struct round_rec *in, struct diags *d)
{
	if (!m->recruitment.ncriteria)
		diags_add(d, NULL, 0, 0, "body",
		          "Modellen har intet afsnit om rekruttering (\"recruitment\") med kriterier og "
		          "vægte. Tilføj det i modelfilen, før der oprettes runder.");
	if (!in->title || !*in->title || strlen(in->title) > 200 ||
	    text_check(in->title, strlen(in->title), false, NULL, 0) != 0)
		diags_add(d, NULL, 0, 0, "title", "Giv runden en titel på én linje (højst 200 tegn).");
	if (in->first_day == DATE_NONE)
		diags_add(d, NULL, 0, 0, "first_day", "Angiv periodens første dag, fx 2027-07-01.");
	if (in->deadline == DATE_NONE)
		diags_add(d, NULL, 0, 0, "deadline", "Angiv ansøgningsfristen, fx 2027-04-15.");
	else if (in->first_day != DATE_NONE && in->deadline >= in->first_day)
		diags_add(d, NULL, 0, 0, "deadline",
		          "Ansøgningsfristen skal ligge før periodens første dag.");
	if (!in->nseats)
		diags_add(d, NULL, 0, 0, "body", "Angiv mindst ét organ med pladser, der skal besættes.");
	if (in->min_score > 100)
		diags_add(d, NULL, 0, 0, "min_score",
		          "Den kvalificerende score skal være et helt tal fra 0 til 100.");
	for (size_t i = 0; i < in->nseats; i++) {
		const struct round_seat *s = &in->seats[i];
		int b = model_body_index(m, s->body);
		if (b < 0 || m->bodies[b].seats[SEAT_KOMMUNE] <= 0) {
			diags_add(d, NULL, 0, 0, "body",
			          "»%s« er ikke et organ med kommunale pladser i modellen. Runder er kun for "
			          "kommunale pladser; KL, UDK og KOMBIT udpeger selv.",
			          s->body ? s->body : "");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->seats[j].body, s->body))
				diags_add(d, NULL, 0, 0, "body", "%s står to gange i runden.",
				          m->bodies[b].name);
		if (s->seats < 1 || s->seats > m->bodies[b].seats[SEAT_KOMMUNE])
			diags_add(d, NULL, 0, 0, "seats",
			          "%s har %d kommunale pladser; angiv mellem 1 og %d pladser at besætte.",
			          m->bodies[b].name, m->bodies[b].seats[SEAT_KOMMUNE],
			          m->bodies[b].seats[SEAT_KOMMUNE]);
		for (size_t k = 0; k < s->nprofiles; k++) {
			int p = model_profile_index(m, s->profiles[k]);
			if (p < 0 || !model_body_has_profile(&m->bodies[b], p))
				diags_add(d, NULL, 0, 0, "profile", "Profilen »%s« hører ikke til %s i modellen.",
				          s->profiles[k], m->bodies[b].name);
		}
	}
}

int store_round_create(struct store *st, const char *actor, const struct model *m,
                       const struct round_rec *in, const int *weights, struct diags *d,
                       int64_t *id)
{
	size_t nd = d->n;
	check_round(m, in, d);
	if (d->n > nd)
		return FK_EINPUT;
	char fd[11], dl[11];
	date_format(in->first_day, fd);
	date_format(in->deadline, dl);
	json_t *crit = criteria_json(m, weights);
	char *cj = json_dumps(crit, JSON_COMPACT);
	bool own;
	int rc = tx_enter(st, &own);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_INSERT, "opret runde", "tttddttt", in->title, fd, dl,
		             in->min_score >= 0 ? in->min_score : m->recruitment.min_score,
		             m->recruitment.evaluators, cj, actor,
		             store_now(st));
	*id = sqlite3_last_insert_rowid(st->db);
	json_t *seats = json_array();
	for (size_t i = 0; rc == FK_OK && i < in->nseats; i++) {
		json_t *pj = profiles_json(&in->seats[i]);
		char *ps = json_dumps(pj, JSON_COMPACT);
		rc = db_exec(st, STMT_ROUND_SEAT_INSERT, "gem rundens pladser", "itdt", *id,
		             in->seats[i].body, in->seats[i].seats, ps);
		json_array_append_new(seats, json_pack("{s:s, s:i, s:o}", "body", in->seats[i].body,
		                                       "seats", in->seats[i].seats, "profiles", pj));
		free(ps);
	}
	if (rc == FK_OK)
		rc = audit(st, actor, "round-create", "round", *id,
		           json_pack("{s:s, s:s, s:s, s:o, s:o}", "title", in->title, "first_day", fd,
		                     "deadline", dl, "seats", seats, "criteria", crit));
	else {
		json_decref(seats);
		json_decref(crit);
	}
	free(cj);
	return tx_leave(st, own, rc);
}

static int load_seats(struct store *st, struct round_rec *r)
{
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_SEATS, "i", r->id);
	if (!q)
		return FK_EDB;
	size_t cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs rundens pladser")) == FK_OK) {
		r->seats = xgrow(r->seats, sizeof *r->seats, r->nseats + 1, &cap);
		struct round_seat *s = &r->seats[r->nseats++];
		memset(s, 0, sizeof *s);
		s->body = db_text(q, 0);
		s->seats = sqlite3_column_int(q, 1);
		json_t *pj = json_loads((const char *)sqlite3_column_text(q, 2), 0, NULL);
		s->nprofiles = json_array_size(pj);
		s->profiles = xcalloc(s->nprofiles + 1, sizeof *s->profiles);
		for (size_t k = 0; k < s->nprofiles; k++)
			s->profiles[k] = xstrdup(json_string_value(json_array_get(pj, k)) ? json_string_value(json_array_get(pj, k)) : "");
		json_decref(pj);
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_round_get(struct store *st, int64_t id, struct round_rec *out)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_GET, "i", id);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs runde");
	if (rc != FK_OK)
		return rc;
	out->id = sqlite3_column_int64(q, 0);
	out->title = db_text(q, 1);
	out->first_day = col_date(q, 2);
	out->deadline = col_date(q, 3);
	out->state = (enum round_state)round_state_parse((const char *)sqlite3_column_text(q, 4));
	out->min_score = sqlite3_column_int(q, 5);
	out->evaluators = sqlite3_column_int(q, 6);
	out->criteria = json_loads((const char *)sqlite3_column_text(q, 7), 0, NULL);
	out->decided = col_date(q, 8);
	out->decision = db_text(q, 9);
	out->created_by = db_text(q, 10);
	out->created_at = db_text(q, 11);
	stmt_done(q);
	if (!out->criteria)
		out->criteria = json_array();
	if ((rc = load_seats(st, out)) != FK_OK)
		round_rec_free(out);
	return rc;
}

int store_round_list(struct store *st, int (*fn)(const struct round_rec *r, void *arg), void *arg)
{
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_LIST, "");
	if (!q)
		return FK_EDB;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_row(st, q, "læs runder")) == FK_OK) {
		ids = xgrow(ids, sizeof *ids, n + 1, &cap);
		ids[n++] = sqlite3_column_int64(q, 0);
	}
	rc = rc == FK_ENOTFOUND ? FK_OK : rc;
	for (size_t i = 0; rc == FK_OK && i < n; i++) {
		struct round_rec r;
		if ((rc = store_round_get(st, ids[i], &r)) != FK_OK)
			break;
		int stop = fn(&r, arg);
		round_rec_free(&r);
		if (stop)
			break;
	}
	free(ids);
	return rc;
}

/* How many applications round has. */
static int app_count(struct store *st, int64_t round, size_t *n)
{
	*n = 0;
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_APP_COUNT, "i", round);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "tæl ansøgninger");
	if (rc == FK_OK) {
		*n = (size_t)sqlite3_column_int64(q, 0);
		stmt_done(q);
	}
	return rc;
}

static int missing_evaluations(struct store *st, int64_t round, size_t *missing);

int store_round_move(struct store *st, const char *actor, int64_t id, enum round_event e,
                     fk_date today, char *msg, size_t n)
{
	struct round_rec r;
	int rc = store_round_get(st, id, &r);
	if (rc != FK_OK) {
		snprintf(msg, n, "Runden findes ikke.");
		return rc;
	}
	enum round_state to;
	if (round_next(r.state, e, &to, msg, n) != 0) {
		round_rec_free(&r);
		return FK_EINPUT;
	}
	size_t apps = 0;
	if (e == REV_OPEN && today > r.deadline) {
		char dl[40];
		date_format_da(r.deadline, dl, sizeof dl);
		snprintf(msg, n, "Ansøgningsfristen %s er overskredet. Opret en ny runde med en frist, "
		                 "der ikke er passeret.", dl);
		round_rec_free(&r);
		return FK_EINPUT;
	}
	if (e == REV_EVALUATE && today <= r.deadline) {
		char dl[40];
		date_format_da(r.deadline, dl, sizeof dl);
		snprintf(msg, n, "Ansøgningsfristen er %s; der lukkes for ansøgninger dagen efter.", dl);
		round_rec_free(&r);
		return FK_EINPUT;
	}
	if (e == REV_EVALUATE && (rc = app_count(st, id, &apps)) == FK_OK && apps == 0) {
		snprintf(msg, n, "Runden har ingen ansøgninger at vurdere.");
		round_rec_free(&r);
		return FK_EINPUT;
	}
	if (e == REV_RECOMMEND) {
		/* Every application evaluated by the evaluators the round needs. */
		size_t missing = 0;
		if ((rc = missing_evaluations(st, id, &missing)) != FK_OK || missing) {
			if (rc == FK_OK)
				snprintf(msg, n,
				         "%zu %s mangler point fra mindst %d bedømmere. Indstillingen kan laves, "
				         "når alle er vurderet.",
				         missing, missing == 1 ? "ansøgning" : "ansøgninger", r.evaluators);
			round_rec_free(&r);
			return rc == FK_OK ? FK_EINPUT : rc;
		}
	}
	bool own;
	rc = tx_enter(st, &own);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_STATE, "skift rundens status", "itt", id,
		             round_state_name(to), round_state_name(r.state));
	if (rc == FK_OK && sqlite3_changes(st->db) != 1) {
		snprintf(msg, n, "Runden blev ændret samtidig. Hent siden igen, og prøv på ny.");
		rc = FK_ECONFLICT;
	}
	if (rc == FK_OK) {
		/* Opening freezes the criteria: the log shows them as they were before any
		 * application was seen. */
		json_t *after = json_pack("{s:s, s:s}", "from", round_state_name(r.state), "state",
		                          round_state_name(to));
		if (e == REV_OPEN)
			json_object_set(after, "criteria", r.criteria);
		char action[40];
		snprintf(action, sizeof action, "round-%s", round_event_name(e));
		rc = audit(st, actor, action, "round", id, after);
	}
	round_rec_free(&r);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- applications */

/* A text field: required, at most max bytes, one line unless multiline. */
static void text_field(struct diags *d, const char *field, const char *v, size_t max,
                       bool multiline, const char *what)
{
	char why[300];
	if (!v || !*v)
		diags_add(d, NULL, 0, 0, field, "Udfyld %s.", what);
	else if (strlen(v) > max)
		diags_add(d, NULL, 0, 0, field, "%c%s er for lang (højst %zu tegn). Forkort den.",
		          what[0] - 32 * (what[0] >= 'a' && what[0] <= 'z'), what + 1, max);
	else if (text_check(v, strlen(v), multiline, why, sizeof why) != 0)
		diags_add(d, NULL, 0, 0, field, "%s", why);
}

/* Seals plain with key into out: nonce || box. */
static void seal(struct buf *out, const void *plain, size_t len, const unsigned char *key)
{
	unsigned char nonce[crypto_secretbox_NONCEBYTES];
	randombytes_buf(nonce, sizeof nonce);
	unsigned char *box = xmalloc(len + crypto_secretbox_MACBYTES);
	crypto_secretbox_easy(box, plain, len, nonce, key);
	buf_add(out, nonce, sizeof nonce);
	buf_add(out, box, len + crypto_secretbox_MACBYTES);
	free(box);
}

/* Opens sealed data with key: the plain bytes (NUL-terminated; caller frees), or NULL. */
static char *unseal(const unsigned char *s, size_t len, const unsigned char *key)
{
	if (len < SEAL_OVERHEAD)
		return NULL;
	size_t plen = len - SEAL_OVERHEAD;
	char *p = xmalloc(plen + 1);
	if (crypto_secretbox_open_easy((unsigned char *)p, s + crypto_secretbox_NONCEBYTES,
	                               len - crypto_secretbox_NONCEBYTES, s, key) != 0) {
		free(p);
		return NULL;
	}
	p[plen] = '\0';
	return p;
}

/* The media type of a CV the round takes (PDF or DOCX, by its bytes), or NULL. */
static const char *cv_type(const void *data, size_t len)
{
	char mime[128];
	material_sniff(data, len, mime, sizeof mime);
	if (!strcmp(mime, "application/pdf"))
		return "application/pdf";
	if (!strcmp(mime, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	return NULL;
}

static void check_application(const struct model *m, const struct round_rec *r,
                              const struct round_application *a, struct diags *d)
{
	text_field(d, "name", a->name, 200, false, "dit navn");
	if (!a->email || !*a->email)
		diags_add(d, NULL, 0, 0, "email", "Udfyld din e-mailadresse; kvitteringen sendes dertil.");
	else if (!mail_addr_ok(a->email)) /* the receipt must be sendable */
		diags_add(d, NULL, 0, 0, "email",
		          "»%.100s« ligner ikke en e-mailadresse. Skriv den som navn@kommune.dk.",
		          a->email);
	text_field(d, "title", a->title, 200, false, "din stillingsbetegnelse");
	text_field(d, "motivation", a->motivation, 5000, true, "din motivation");
	if (!munic_find(munic_builtin(), a->munic))
		diags_add(d, NULL, 0, 0, "municipality", "Vælg den kommune, du er ansat i.");
	if (!a->nbodies)
		diags_add(d, NULL, 0, 0, "body", "Vælg mindst én gruppe, du søger.");
	int p = a->profile ? model_profile_index(m, a->profile) : -1;
	bool profile_ok = false;
	for (size_t i = 0; i < a->nbodies; i++) {
		size_t k = 0;
		while (k < r->nseats && strcmp(r->seats[k].body, a->bodies[i]))
			k++;
		if (k == r->nseats) {
			diags_add(d, NULL, 0, 0, "body", "Runden besætter ikke pladser i »%.64s«.",
			          a->bodies[i]);
			continue;
		}
		int b = model_body_index(m, a->bodies[i]);
		if (p >= 0 && b >= 0 && model_body_has_profile(&m->bodies[b], p))
			profile_ok = true;
	}
	if (p < 0)
		diags_add(d, NULL, 0, 0, "profile", "Vælg den profil, der passer bedst på dig.");
	else if (a->nbodies && !profile_ok)
		diags_add(d, NULL, 0, 0, "profile",
		          "Profilen »%s« hører ikke til de grupper, du søger. Vælg en anden profil eller "
		          "gruppe.", m->profiles[p].name);
	if (a->cvlen > CV_MAX_BYTES)
		diags_add(d, NULL, 0, 0, "cv", "CV'et er for stort (højst %u MB).", CV_MAX_BYTES >> 20);
	else if (a->cv && !cv_type(a->cv, a->cvlen)) {
		char mime[128], what[160];
		material_sniff(a->cv, a->cvlen, mime, sizeof mime);
		material_type_name(mime, what, sizeof what);
		diags_add(d, NULL, 0, 0, "cv", "Filen er %s. Vedhæft CV'et som PDF eller Word (DOCX).",
		          what);
	}
}

void store_round_ref(char ref[16])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	unsigned char rnd[10];
	randombytes_buf(rnd, sizeof rnd);
	memcpy(ref, "FKI-", 4);
	for (int i = 0; i < 10; i++)
		ref[4 + i] = alphabet[rnd[i] % 32];
	ref[14] = '\0';
}

int store_round_apply(struct store *st, const struct model *m, int64_t round,
                      const struct round_application *a, fk_date today, const char *ref,
                      const struct store_mail_new *receipt, struct diags *d, int64_t *app)
{
	struct round_rec r;
	int rc = store_round_get(st, round, &r);
	if (rc != FK_OK)
		return rc;
	size_t nd = d->n;
	if (r.state != ROUND_OPEN || today > r.deadline) {
		char dl[40];
		date_format_da(r.deadline, dl, sizeof dl);
		diags_add(d, NULL, 0, 0, "state",
		          r.state == ROUND_DRAFT
		              ? "Runden er ikke åbnet for ansøgninger endnu."
		              : "Ansøgningsfristen var %s, så der kan ikke længere søges i denne runde. "
		                "Skriv til sekretariatet, hvis du vil i betragtning ved en senere runde.",
		          dl);
	} else {
		check_application(m, &r, a, d);
	}
	if (d->n > nd) {
		round_rec_free(&r);
		return FK_EINPUT;
	}
	/* The sealed data: the personal part of the application, and the CV. */
	unsigned char key[crypto_secretbox_KEYBYTES];
	crypto_secretbox_keygen(key);
	json_t *pj = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "name", a->name, "email",
	                       a->email, "title", a->title, "motivation", a->motivation, "cv_name",
	                       a->cv ? a->cv_name : NULL, "cv_type",
	                       a->cv ? cv_type(a->cv, a->cvlen) : NULL);
	char *plain = json_dumps(pj, JSON_COMPACT);
	json_decref(pj);
	struct buf sealed, cv;
	buf_init(&sealed);
	buf_init(&cv);
	seal(&sealed, plain, strlen(plain), key);
	sodium_memzero(plain, strlen(plain));
	free(plain);
	if (a->cv)
		seal(&cv, a->cv, a->cvlen, key);
	json_t *bodies = json_array();
	for (size_t i = 0; i < a->nbodies; i++)
		json_array_append_new(bodies, json_string(a->bodies[i]));
	char *bj = json_dumps(bodies, JSON_COMPACT);
	json_decref(bodies);
	/* A register person with this e-mail is matched. */
	char *person = NULL;
	sqlite3_stmt *pq = db_prepare(st, STMT_ROUND_PERSON_BY_EMAIL, "t", a->email);
	if (pq && db_row(st, pq, "find personen") == FK_OK) {
		person = db_text(pq, 0);
		stmt_done(pq);
	}
	char *received = xstrdup(store_now(st));
	bool own;
	rc = tx_enter(st, &own);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_APP_INSERT, "gem ansøgning", "ittdtddttbb", round, ref, bj,
		             a->munic, a->profile, (int)a->nominated, (int)a->pool, person, received,
		             sealed.s, sealed.len, a->cv ? cv.s : NULL, cv.len);
	*app = sqlite3_last_insert_rowid(st->db);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_KEY_INSERT, "gem ansøgningens nøgle", "ib", *app, key,
		             sizeof key);
	if (rc == FK_OK) {
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[2 * sizeof h + 1];
		crypto_hash_sha256(h, (const unsigned char *)sealed.s, sealed.len);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		rc = audit(st, "ansøger", "round-apply", "round-application", *app,
		           json_pack("{s:I, s:s}", "round", (json_int_t)round, "sealed_sha256", hex));
	}
	if (rc == FK_OK && receipt)
		rc = store_mail_queue(st, receipt, NULL);
	sodium_memzero(key, sizeof key);
	free(received);
	free(person);
	free(bj);
	buf_free(&sealed);
	buf_free(&cv);
	round_rec_free(&r);
	return tx_leave(st, own, rc);
}

/* store_round_apps, the personal data opened only when open (the evaluation's arithmetic
 * needs none of it). */
static int apps_each(struct store *st, int64_t round, bool open,
                     int (*fn)(const struct round_app_rec *a, void *arg), void *arg)
{
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_APPS, "i", round);
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = db_row(st, q, "læs ansøgninger")) == FK_OK) {
		struct round_app_rec a;
		memset(&a, 0, sizeof a);
		a.id = sqlite3_column_int64(q, 0);
		snprintf(a.ref, sizeof a.ref, "%s", (const char *)sqlite3_column_text(q, 1));
		a.bodies = json_loads((const char *)sqlite3_column_text(q, 2), 0, NULL);
		a.munic = sqlite3_column_int(q, 3);
		a.profile = db_text(q, 4);
		a.nominated = sqlite3_column_int(q, 5);
		a.pool = sqlite3_column_int(q, 6);
		a.received = db_text(q, 7);
		a.appointed = sqlite3_column_int(q, 8);
		a.purged = db_text(q, 9);
		a.person = db_text(q, 12);
		const void *sealed = sqlite3_column_blob(q, 10);
		const void *key = sqlite3_column_blob(q, 11);
		if (open && sealed && key && sqlite3_column_bytes(q, 11) == crypto_secretbox_KEYBYTES) {
			char *plain = unseal(sealed, (size_t)sqlite3_column_bytes(q, 10), key);
			json_t *pj = plain ? json_loads(plain, 0, NULL) : NULL;
			if (plain) {
				sodium_memzero(plain, strlen(plain));
				free(plain);
			}
			const char *v;
			if ((v = json_string_value(json_object_get(pj, "name"))))
				a.name = xstrdup(v);
			if ((v = json_string_value(json_object_get(pj, "email"))))
				a.email = xstrdup(v);
			if ((v = json_string_value(json_object_get(pj, "title"))))
				a.title = xstrdup(v);
			if ((v = json_string_value(json_object_get(pj, "motivation"))))
				a.motivation = xstrdup(v);
			if ((v = json_string_value(json_object_get(pj, "cv_name"))))
				a.cv_name = xstrdup(v);
			json_decref(pj);
		}
		int stop = fn(&a, arg);
		json_decref(a.bodies);
		free(a.profile);
		free(a.received);
		free(a.purged);
		free(a.person);
		free(a.name);
		free(a.email);
		free(a.title);
		free(a.motivation);
		free(a.cv_name);
		if (stop) {
			stmt_done(q);
			return FK_OK;
		}
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_round_apps(struct store *st, int64_t round,
                     int (*fn)(const struct round_app_rec *a, void *arg), void *arg)
{
	return apps_each(st, round, true, fn, arg);
}

int store_round_purge(struct store *st, const char *actor, const struct model *m, fk_date today,
                      size_t *n)
{
	*n = 0;
	char day[11];
	date_format(today, day);
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_PURGEABLE, "ddt", m->recruitment.retention_months,
	                             m->recruitment.pool_months, day);
	if (!q)
		return FK_EDB;
	int64_t *ids = NULL;
	char (*refs)[16] = NULL;
	size_t cap = 0, rcap = 0;
	int rc;
	while ((rc = db_row(st, q, "find ansøgninger at slette")) == FK_OK) {
		ids = xgrow(ids, sizeof *ids, *n + 1, &cap);
		refs = xgrow(refs, sizeof *refs, *n + 1, &rcap);
		ids[*n] = sqlite3_column_int64(q, 0);
		snprintf(refs[*n], sizeof refs[*n], "%s", (const char *)sqlite3_column_text(q, 1));
		(*n)++;
	}
	if (rc != FK_ENOTFOUND || !*n) {
		free(ids);
		free(refs);
		return rc == FK_ENOTFOUND ? FK_OK : rc;
	}
	/* Deleted pages are overwritten with zeros (secure_delete) for this change. */
	sqlite3_exec(st->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
	bool own;
	rc = tx_enter(st, &own);
	for (size_t i = 0; rc == FK_OK && i < *n; i++) {
		rc = db_exec(st, STMT_ROUND_KEY_DELETE, "slet nøgle", "i", ids[i]);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_APP_PURGE, "slet ansøgning", "it", ids[i], store_now(st));
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_MARKS_FORGET, "slet begrundelser", "i", ids[i]);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_CONFLICTS_FORGET, "slet habilitet", "i", ids[i]);
		char key[48], key2[48];
		snprintf(key, sizeof key, "round-receipt:%s", refs[i]);
		snprintf(key2, sizeof key2, "round-outcome:%s", refs[i]);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_MAIL_FORGET, "slet kvitteringen", "tt", key, key2);
		if (rc == FK_OK)
			rc = audit(st, actor, "round-purge", "round-application", ids[i],
			           json_pack("{s:s}", "purged", day));
	}
	rc = tx_leave(st, own, rc);
	if (rc == FK_OK && own)
		sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	sqlite3_exec(st->db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	free(ids);
	free(refs);
	return rc;
}

/* ---------------------------------------------------------------- evaluation */

/* The round and municipality of application app. */
static int app_round(struct store *st, int64_t app, int64_t *round, int *munic)
{
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_APP_GET, "i", app);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs ansøgning");
	if (rc != FK_OK)
		return rc;
	*round = sqlite3_column_int64(q, 0);
	*munic = sqlite3_column_int(q, 1);
	stmt_done(q);
	return FK_OK;
}

int store_round_of_app(struct store *st, int64_t app, int64_t *round)
{
	int munic;
	return app_round(st, app, round, &munic);
}

int store_round_match(struct store *st, const char *actor, const struct reg *reg, int64_t app,
                      const char *person, struct diags *d)
{
	int64_t round;
	int rc = store_round_of_app(st, app, &round);
	if (rc != FK_OK)
		return rc;
	if (person && *person && reg_person_find(reg, person) < 0) {
		diags_add(d, NULL, 0, 0, "person", "Personen findes ikke i registret. Vælg en person fra "
		                                   "listen.");
		return FK_EINPUT;
	}
	bool own;
	rc = tx_enter(st, &own);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_MATCH, "match ansøgning", "it", app,
		             person && *person ? person : NULL);
	if (rc == FK_OK)
		rc = audit(st, actor, "round-match", "round-application", app,
		           json_pack("{s:I, s:s?}", "round", (json_int_t)round, "person",
		                     person && *person ? person : NULL));
	return tx_leave(st, own, rc);
}

/* Whether evaluator declared a conflict for app. */
static int declared(struct store *st, int64_t round, int64_t app, const char *evaluator, bool *out)
{
	*out = false;
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_CONFLICTS, "i", round);
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = db_row(st, q, "læs habilitet")) == FK_OK)
		*out |= sqlite3_column_int64(q, 0) == app &&
		        !strcmp((const char *)sqlite3_column_text(q, 1), evaluator);
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

int store_round_mark(struct store *st, const struct reg *reg, int64_t app, const char *evaluator,
                     int32_t evaluator_person, const int *marks, const char *const *reasons,
                     size_t n, struct diags *d)
{
	int64_t round;
	int munic;
	int rc = app_round(st, app, &round, &munic);
	if (rc != FK_OK)
		return rc;
	struct round_rec r;
	if ((rc = store_round_get(st, round, &r)) != FK_OK)
		return rc;
	size_t nd = d->n;
	bool conflict = false;
	if ((rc = declared(st, round, app, evaluator, &conflict)) != FK_OK) {
		round_rec_free(&r);
		return rc;
	}
	if (r.state != ROUND_EVALUATION)
		diags_add(d, NULL, 0, 0, "state",
		          r.state < ROUND_EVALUATION
		              ? "Der kan først gives point, når der er lukket for ansøgninger."
		              : "Vurderingen er afsluttet; pointene kan ikke ændres. Genovervej "
		                "indstillingen, hvis vurderingen skal åbnes igen.");
	else if (conflict)
		diags_add(d, NULL, 0, 0, "state",
		          "Du har erklæret dig inhabil over for denne kandidat og kan ikke give point.");
	else if (round_employed_in(reg, evaluator_person, munic, r.deadline))
		diags_add(d, NULL, 0, 0, "state",
		          "Du er ansat i kandidatens kommune ifølge registret og kan derfor ikke vurdere "
		          "kandidaten.");
	else if (n != json_array_size(r.criteria))
		diags_add(d, NULL, 0, 0, "state", "Giv point på alle rundens %zu kriterier.",
		          json_array_size(r.criteria));
	bool gate = d->n == nd; /* the marks are checked when the evaluator may give them */
	for (size_t k = 0; gate && k < n; k++) {
		char f[40];
		const char *name = json_string_value(json_object_get(json_array_get(r.criteria, k), "name"));
		snprintf(f, sizeof f, "mark-%zu", k);
		if (marks[k] < ROUND_MARK_MIN || marks[k] > ROUND_MARK_MAX)
			diags_add(d, NULL, 0, 0, f, "Giv %s 1 til 5 point.", name ? name : "kriteriet");
		snprintf(f, sizeof f, "reason-%zu", k);
		if (!reasons[k] || !*reasons[k] || strlen(reasons[k]) > 2000)
			diags_add(d, NULL, 0, 0, f, "Begrund pointene for %s (højst 2.000 tegn).",
			          name ? name : "kriteriet");
	}
	round_rec_free(&r);
	if (d->n > nd)
		return FK_EINPUT;
	bool own;
	rc = tx_enter(st, &own);
	for (size_t k = 0; rc == FK_OK && k < n; k++)
		rc = db_exec(st, STMT_ROUND_MARK_PUT, "gem point", "itddtt", app, evaluator, (int)k,
		             marks[k], reasons[k], store_now(st));
	if (rc == FK_OK) {
		json_t *ms = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(ms, json_integer(marks[k]));
		rc = audit(st, evaluator, "round-mark", "round-application", app,
		           json_pack("{s:I, s:o}", "round", (json_int_t)round, "marks", ms));
	}
	return tx_leave(st, own, rc);
}

int store_round_conflict(struct store *st, int64_t app, const char *evaluator, const char *reason,
                         struct diags *d)
{
	int64_t round;
	int munic;
	int rc = app_round(st, app, &round, &munic);
	if (rc != FK_OK)
		return rc;
	if (!reason || !*reason || strlen(reason) > 500) {
		diags_add(d, NULL, 0, 0, "reason", "Skriv kort, hvorfor du er inhabil (højst 500 tegn).");
		return FK_EINPUT;
	}
	bool own;
	rc = tx_enter(st, &own);
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_CONFLICT_PUT, "gem habilitet", "ittt", app, evaluator, reason,
		             store_now(st));
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_CONFLICT_MARKS_DELETE, "slet point", "it", app, evaluator);
	if (rc == FK_OK)
		rc = audit(st, evaluator, "round-conflict", "round-application", app,
		           json_pack("{s:I}", "round", (json_int_t)round));
	return tx_leave(st, own, rc);
}

/* Everything of a round the views need, read once. */
struct round_data {
	struct round_rec r;
	struct round_app_rec *apps;  /* copies: strings owned here */
	size_t napps, capapps;
	struct round_mark *marks;
	char **reasons;              /* per mark */
	size_t nmarks, capmarks;
	char **evaluators;           /* evaluator index → login */
	size_t nev, capev;
	int64_t *c_app;              /* declared conflicts */
	int *c_ev;
	size_t nc, capc;
	int weights[ROUND_CRITERIA_MAX];
	size_t ncrit;
};

static char *dup0(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int copy_app(const struct round_app_rec *a, void *arg)
{
	struct round_data *rd = arg;
	rd->apps = xgrow(rd->apps, sizeof *rd->apps, rd->napps + 1, &rd->capapps);
	struct round_app_rec *c = &rd->apps[rd->napps++];
	*c = *a;
	c->bodies = json_incref(a->bodies);
	c->profile = dup0(a->profile);
	c->received = dup0(a->received);
	c->purged = dup0(a->purged);
	c->person = dup0(a->person);
	c->name = dup0(a->name);
	c->email = dup0(a->email);
	c->title = dup0(a->title);
	c->motivation = dup0(a->motivation);
	c->cv_name = dup0(a->cv_name);
	return 0;
}

static int evaluator_index(struct round_data *rd, const char *login)
{
	for (size_t i = 0; i < rd->nev; i++)
		if (!strcmp(rd->evaluators[i], login))
			return (int)i;
	rd->evaluators = xgrow(rd->evaluators, sizeof *rd->evaluators, rd->nev + 1, &rd->capev);
	rd->evaluators[rd->nev] = xstrdup(login);
	return (int)rd->nev++;
}

static void data_free(struct round_data *rd)
{
	for (size_t i = 0; i < rd->napps; i++) {
		struct round_app_rec *a = &rd->apps[i];
		json_decref(a->bodies);
		free(a->profile);
		free(a->received);
		free(a->purged);
		free(a->person);
		free(a->name);
		free(a->email);
		free(a->title);
		free(a->motivation);
		free(a->cv_name);
	}
	free(rd->apps);
	for (size_t i = 0; i < rd->nmarks; i++)
		free(rd->reasons[i]);
	free(rd->reasons);
	free(rd->marks);
	for (size_t i = 0; i < rd->nev; i++)
		free(rd->evaluators[i]);
	free(rd->evaluators);
	free(rd->c_app);
	free(rd->c_ev);
	round_rec_free(&rd->r);
}

static int data_load(struct store *st, int64_t round, struct round_data *rd, bool open)
{
	memset(rd, 0, sizeof *rd);
	int rc = store_round_get(st, round, &rd->r);
	if (rc != FK_OK)
		return rc;
	rd->ncrit = json_array_size(rd->r.criteria);
	if (rd->ncrit > ROUND_CRITERIA_MAX)
		rd->ncrit = ROUND_CRITERIA_MAX;
	for (size_t k = 0; k < rd->ncrit; k++)
		rd->weights[k] = (int)json_integer_value(
		    json_object_get(json_array_get(rd->r.criteria, k), "weight"));
	if ((rc = apps_each(st, round, open, copy_app, rd)) != FK_OK)
		return rc;
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_MARKS, "i", round);
	if (!q)
		return FK_EDB;
	size_t capr = 0;
	while ((rc = db_row(st, q, "læs point")) == FK_OK) {
		rd->marks = xgrow(rd->marks, sizeof *rd->marks, rd->nmarks + 1, &rd->capmarks);
		rd->reasons = xgrow(rd->reasons, sizeof *rd->reasons, rd->nmarks + 1, &capr);
		rd->marks[rd->nmarks] = (struct round_mark){
		    sqlite3_column_int64(q, 0), evaluator_index(rd, (const char *)sqlite3_column_text(q, 1)),
		    sqlite3_column_int(q, 2), sqlite3_column_int(q, 3)};
		rd->reasons[rd->nmarks++] = db_text(q, 4);
	}
	if (rc != FK_ENOTFOUND)
		return rc;
	q = db_prepare(st, STMT_ROUND_CONFLICTS, "i", round);
	if (!q)
		return FK_EDB;
	size_t cape = 0;
	while ((rc = db_row(st, q, "læs habilitet")) == FK_OK) {
		rd->c_app = xgrow(rd->c_app, sizeof *rd->c_app, rd->nc + 1, &rd->capc);
		rd->c_ev = xgrow(rd->c_ev, sizeof *rd->c_ev, rd->nc + 1, &cape);
		rd->c_app[rd->nc] = sqlite3_column_int64(q, 0);
		rd->c_ev[rd->nc++] = evaluator_index(rd, (const char *)sqlite3_column_text(q, 1));
	}
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

static json_t *marks_json(const struct round_data *rd, int64_t app, int evaluator, bool mine)
{
	json_t *a = json_array();
	for (size_t i = 0; i < rd->nmarks; i++) {
		const struct round_mark *m = &rd->marks[i];
		if (m->app != app || (mine ? m->evaluator != evaluator : m->evaluator == evaluator))
			continue;
		json_t *c = json_array_get(rd->r.criteria, (size_t)m->crit);
		json_array_append_new(
		    a, json_pack("{s:s, s:O, s:O, s:i, s:s}", "evaluator", rd->evaluators[m->evaluator],
		                 "criterion", json_object_get(c, "id"), "criterion_name",
		                 json_object_get(c, "name"), "mark", m->mark, "reason", rd->reasons[i]));
	}
	return a;
}

json_t *store_round_view(struct store *st, const struct model *m, const struct reg *reg,
                         int64_t round, const char *viewer, int32_t viewer_person)
{
	struct round_data rd;
	if (data_load(st, round, &rd, true) != FK_OK) {
		data_free(&rd);
		return NULL;
	}
	const struct munic_table *mt = munic_builtin();
	int ve = -1;
	for (size_t i = 0; viewer && i < rd.nev; i++)
		if (!strcmp(rd.evaluators[i], viewer))
			ve = (int)i;
	bool past = rd.r.state > ROUND_EVALUATION;
	bool ready = rd.napps > 0;
	json_t *apps = json_array();
	for (size_t i = 0; i < rd.napps; i++) {
		const struct round_app_rec *a = &rd.apps[i];
		struct round_eval ev;
		round_evaluate(rd.weights, rd.ncrit, rd.marks, rd.nmarks, a->id, &ev);
		ready &= ev.evaluators >= rd.r.evaluators;
		const struct munic *mu = munic_find(mt, a->munic);
		int p = model_profile_index(m, a->profile);
		bool conflict = false;
		for (size_t c = 0; c < rd.nc; c++)
			conflict |= rd.c_app[c] == a->id && rd.c_ev[c] == ve && ve >= 0;
		bool employed = viewer && round_employed_in(reg, viewer_person, a->munic, rd.r.deadline);
		json_t *spread = json_array();
		for (size_t k = 0; k < rd.ncrit; k++)
			if (ev.spread & (1u << k))
				json_array_append(spread, json_object_get(json_array_get(rd.r.criteria, k), "id"));
		bool sees = past || !viewer ||
		            (ve >= 0 && round_may_see_others(rd.marks, rd.nmarks, a->id, ve, rd.ncrit));
		json_t *o = json_pack(
		    "{s:I, s:s, s:s?, s:s?, s:s?, s:s?, s:i, s:s?, s:s?, s:s?, s:s?, s:O, s:s?, s:i, s:o,"
		    " s:o, s:b, s:s?, s:o, s:o, s:b, s:s?}",
		    "id", (json_int_t)a->id, "ref", a->ref, "name", a->name, "email", a->email, "title",
		    a->title, "motivation", a->motivation, "municipality", a->munic, "municipality_name",
		    mu ? mu->name : NULL, "region", mu ? mt->regions[mu->region] : NULL, "profile",
		    a->profile, "profile_name", p >= 0 ? m->profiles[p].name : NULL, "bodies", a->bodies,
		    "person", a->person, "evaluators", ev.evaluators, "score",
		    ev.evaluators ? json_real(ev.score) : json_null(), "spread", spread, "excluded",
		    conflict || employed, "excluded_why",
		    conflict ? "Du har erklæret dig inhabil." : employed ? "Du er ansat i kandidatens kommune." : NULL,
		    "mine", viewer && ve >= 0 ? marks_json(&rd, a->id, ve, true) : json_array(), "others",
		    sees ? marks_json(&rd, a->id, viewer ? ve : -1, false) : json_null(), "purged",
		    a->purged != NULL, "cv_name", a->cv_name);
		/* eligibility on the first day (SPEC 7.1), for each body applied to */
		json_t *elig = json_array(), *bj;
		size_t bi;
		json_array_foreach(a->bodies, bi, bj)
		{
			int b = model_body_index(m, json_string_value(bj));
			if (b < 0)
				continue;
			struct recruit_cand rc = {a->ref, a->person ? reg_person_find(reg, a->person) : -1,
			                          a->munic, p, 1000};
			fk_date from = DATE_NONE;
			char msg[400];
			int why = recruit_eligible(m, mt, reg, b, rd.r.first_day, &rc, 0, &from, msg, sizeof msg);
			json_array_append_new(elig, json_pack("{s:s, s:b, s:s}", "body", m->bodies[b].name,
			                                      "eligible", why == RECRUIT_OK, "message", msg));
		}
		json_object_set_new(o, "eligibility", elig);
		json_array_append_new(apps, o);
	}
	char fd[11], dl[11];
	date_format(rd.r.first_day, fd);
	date_format(rd.r.deadline, dl);
	json_t *seats = json_array();
	for (size_t i = 0; i < rd.r.nseats; i++) {
		int b = model_body_index(m, rd.r.seats[i].body);
		json_array_append_new(seats, json_pack("{s:s, s:s, s:i}", "body", rd.r.seats[i].body,
		                                       "name", b >= 0 ? m->bodies[b].name : "", "seats",
		                                       rd.r.seats[i].seats));
	}
	json_t *doc = json_pack(
	    "{s:{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:O, s:o}, s:o, s:b}", "round", "id",
	    (json_int_t)rd.r.id, "title", rd.r.title, "state", round_state_name(rd.r.state), "state_da",
	    round_state_title(rd.r.state), "first_day", fd, "deadline", dl, "min_score",
	    rd.r.min_score, "evaluators", rd.r.evaluators, "criteria", rd.r.criteria, "seats", seats,
	    "applications", apps, "ready", ready);
	data_free(&rd);
	return doc;
}

/* ---------------------------------------------------------------- recommendation */

/* The candidates of rd for recruit_select: ids (the receipt numbers), register persons,
 * municipalities, profiles and scores in tenths. */
static struct recruit_cand *candidates(const struct model *m, const struct reg *reg,
                                       const struct round_data *rd)
{
	struct recruit_cand *c = xcalloc(rd->napps + 1, sizeof *c);
	for (size_t i = 0; i < rd->napps; i++) {
		struct round_eval ev;
		round_evaluate(rd->weights, rd->ncrit, rd->marks, rd->nmarks, rd->apps[i].id, &ev);
		c[i] = (struct recruit_cand){rd->apps[i].ref,
		                             rd->apps[i].person ? reg_person_find(reg, rd->apps[i].person) : -1,
		                             rd->apps[i].munic, model_profile_index(m, rd->apps[i].profile),
		                             (int)(ev.score * 10.0 + 0.5)};
	}
	return c;
}

static bool applied_to(const struct round_app_rec *a, const char *body)
{
	size_t i;
	json_t *b;
	json_array_foreach(a->bodies, i, b)
		if (json_is_string(b) && !strcmp(json_string_value(b), body))
			return true;
	return false;
}

/* A copy of reg with the candidates ix[k] of sel (selected in c[0..n)) appointed to body b
 * from the round's first day; new people are keyed "ny-REF"; pidx[k] gets each one's person
 * index in out (-1 when not selected). Sorted. */
static void with_new_members(const struct reg *reg, const struct round_data *rd, int b,
                             const struct recruit_cand *c, const size_t *ix, size_t n,
                             const bool *sel, struct reg *out, int32_t *pidx)
{
	reg_init(out);
	for (size_t i = 0; i < reg->npersons; i++)
		reg_person_add(out, reg->persons[i].id, reg->persons[i].key, reg->persons[i].name, NULL);
	for (size_t i = 0; i < reg->nappts; i++)
		reg_appt_add(out, &reg->appts[i]);
	for (size_t k = 0; k < n; k++) {
		pidx[k] = -1;
		if (!sel[k])
			continue;
		int32_t p = c[k].person;
		if (p < 0) {
			char key[32];
			snprintf(key, sizeof key, "ny-%s", rd->apps[ix[k]].ref);
			p = reg_person_add(out, 0, key, rd->apps[ix[k]].ref, NULL);
		}
		struct reg_appt a = {0, p, b, SEAT_KOMMUNE, SEAT_KOMMUNE, (int16_t)c[k].profile,
		                     (int16_t)c[k].munic, rd->r.first_day, DATE_OPEN};
		reg_appt_add(out, &a);
		pidx[k] = p;
	}
	reg_sort(out);
}

/* The evidence beside body b's recommendation (doc's "selected"): every rule checked on the
 * first day with the new members ("checks"), the forecast of the next five years with them
 * (quarters where the seniority quota breaks, and when each new member must leave), and for
 * each one selected the best set if that one declines ("if_declines"). */
static void evidence(const struct model *m, const struct reg *reg, const struct round_data *rd,
                     int b, int seats, const struct recruit_cand *c, const size_t *ix, size_t n,
                     const bool *skip, json_t *doc)
{
	bool *sel = xcalloc(n + 1, sizeof *sel);
	size_t k;
	json_t *x;
	json_array_foreach(json_object_get(doc, "selected"), k, x)
		for (size_t i = 0; i < n; i++)
			sel[i] |= (int64_t)rd->apps[ix[i]].id == json_integer_value(json_object_get(x, "id"));
	struct reg after;
	int32_t *pidx = xcalloc(n + 1, sizeof *pidx);
	with_new_members(reg, rd, b, c, ix, n, sel, &after, pidx);
	struct findings f;
	findings_init(&f);
	rules_check(m, munic_builtin(), &after, rd->r.first_day, &f);
	json_t *checks = json_array();
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].body == b)
			json_array_append_new(
			    checks, json_pack("{s:s, s:s?, s:s}", "severity",
			                      f.v[i].severity == SEV_ERROR ? "fejl" : "advarsel", "person",
			                      f.v[i].person >= 0 ? after.persons[f.v[i].person].name : NULL,
			                      "message", f.v[i].message));
	findings_free(&f);
	json_object_set_new(doc, "checks", checks);
	struct forecast fc;
	forecast_run(m, &after, rd->r.first_day, 5, &fc);
	json_t *breaks = json_array(), *leaving = json_array();
	for (size_t i = 0; i < fc.nbodies; i++) {
		if (fc.bodies[i].body != b)
			continue;
		for (size_t q = 0; q < fc.bodies[i].nq; q++) {
			const struct fc_quarter *fq = &fc.bodies[i].q[q];
			char label[20];
			forecast_quarter_label(fq->start, label);
			if (!fq->quota_ok)
				json_array_append_new(breaks, json_string(label));
			for (size_t l = 0; l < fq->nleavers; l++) {
				for (size_t j = 0; j < n; j++) {
					if (pidx[j] >= 0 && fq->leavers[l].person == pidx[j]) {
						char d[11];
						date_format(fq->leavers[l].last_day, d);
						json_array_append_new(leaving, json_pack("{s:s, s:s, s:s}", "ref",
						                                         rd->apps[ix[j]].ref, "last_day", d,
						                                         "quarter", label));
					}
				}
			}
		}
	}
	forecast_free(&fc);
	reg_free(&after);
	free(pidx);
	json_object_set_new(doc, "forecast", json_pack("{s:o, s:o}", "quota_breaks", breaks, "leaving", leaving));
	/* If one selected declines: the best set without them. */
	json_t *alts = json_array();
	bool *skip2 = xcalloc(n + 1, sizeof *skip2);
	for (size_t i = 0; i < n; i++) {
		if (!sel[i])
			continue;
		memcpy(skip2, skip, n * sizeof *skip2);
		skip2[i] = true;
		struct recruit_result y;
		const char *instead = NULL;
		if (recruit_select(m, munic_builtin(), reg, b, rd->r.first_day, c, n, seats,
		                   rd->r.min_score * 10, skip2, &y) == 0) {
			for (size_t j = 0; j < n; j++)
				if (y.selected[j] && !sel[j])
					instead = rd->apps[ix[j]].ref;
			recruit_result_free(&y);
		}
		json_array_append_new(alts, json_pack("{s:s, s:s?}", "declines", rd->apps[ix[i]].ref,
		                                      "instead", instead));
	}
	free(skip2);
	free(sel);
	json_object_set_new(doc, "if_declines", alts);
}

json_t *store_round_recommendation(struct store *st, const struct model *m, const struct reg *reg,
                                   int64_t round)
{
	struct round_data rd;
	if (data_load(st, round, &rd, true) != FK_OK) {
		data_free(&rd);
		return NULL;
	}
	struct recruit_cand *all = candidates(m, reg, &rd);
	bool *taken = xcalloc(rd.napps + 1, sizeof *taken);
	json_t *bodies = json_array();
	for (size_t b = 0; b < m->nbodies; b++) {
		size_t s = 0;
		while (s < rd.r.nseats && strcmp(rd.r.seats[s].body, m->bodies[b].id))
			s++;
		if (s == rd.r.nseats)
			continue;
		/* this body's applicants, the ones recommended for an earlier body skipped */
		struct recruit_cand *c = xcalloc(rd.napps + 1, sizeof *c);
		bool *skip = xcalloc(rd.napps + 1, sizeof *skip);
		size_t *ix = xcalloc(rd.napps + 1, sizeof *ix), n = 0;
		for (size_t i = 0; i < rd.napps; i++)
			if (applied_to(&rd.apps[i], m->bodies[b].id)) {
				skip[n] = taken[i];
				ix[n] = i;
				c[n++] = all[i];
			}
		struct recruit_result x;
		json_t *sel = json_array(), *left = json_array();
		if (recruit_select(m, munic_builtin(), reg, (int)b, rd.r.first_day, c, n,
		                   rd.r.seats[s].seats, rd.r.min_score * 10, skip, &x) == 0) {
			for (size_t k = 0; k < n; k++) {
				const struct round_app_rec *a = &rd.apps[ix[k]];
				const char *why = x.reason[k] != RECRUIT_OK ? x.message[k] : x.why[k];
				if (skip[k])
					why = "Anbefales til en gruppe tidligere i rækkefølgen.";
				json_t *o = json_pack("{s:I, s:s, s:s?, s:f, s:s?}", "id", (json_int_t)a->id,
				                      "ref", a->ref, "name", a->name, "score", c[k].score / 10.0,
				                      "why", why);
				if (x.selected[k]) {
					taken[ix[k]] = true;
					json_array_append_new(sel, o);
				} else {
					json_array_append_new(left, o);
				}
			}
			recruit_result_free(&x);
		}
		json_t *body_doc = json_pack("{s:s, s:s, s:i, s:o, s:o}", "body", m->bodies[b].id,
		                             "name", m->bodies[b].name, "seats", rd.r.seats[s].seats,
		                             "selected", sel, "left_out", left);
		evidence(m, reg, &rd, (int)b, rd.r.seats[s].seats, c, ix, n, skip, body_doc);
		json_array_append_new(bodies, body_doc);
		free(c);
		free(skip);
		free(ix);
	}
	free(all);
	free(taken);
	data_free(&rd);
	return json_pack("{s:o}", "bodies", bodies);
}

/* ---------------------------------------------------------------- decision */

static bool key_taken(void *arg, const char *id)
{
	return reg_person_find(arg, id) >= 0;
}

/* The outcome to the candidate of a (not purged, with an e-mail). */
static int tell_outcome(struct store *st, const struct model *m, const struct round_rec *r,
                        const struct round_app_rec *a, const char *body)
{
	if (!a->email)
		return FK_OK;
	char key[48], subject[300], day[40];
	snprintf(key, sizeof key, "round-outcome:%s", a->ref);
	snprintf(subject, sizeof subject, "Udfaldet af din ansøgning: %s", r->title);
	date_format_da(r->first_day, day, sizeof day);
	struct buf text;
	buf_init(&text);
	int b = body ? model_body_index(m, body) : -1;
	if (b >= 0)
		buf_printf(&text,
		           "Kære %s\n\nDu er udpeget til %s fra %s. Tillykke, og velkommen.\n\n"
		           "Sekretariatet kontakter dig om det første møde.\n\n",
		           a->name, m->bodies[b].name, day);
	else
		buf_printf(&text,
		           "Kære %s\n\nTak for din ansøgning til »%s« (kvitteringsnummer %s). Du er ikke "
		           "udpeget denne gang.\n\n%s\n\nRundens rapport med kriterier, vægte og point "
		           "(uden navne på andre kandidater) kan ses på opslaget.\n\n",
		           a->name, r->title, a->ref,
		           a->pool ? "Du har sagt ja til at blive i puljen, så vi kan tage din ansøgning "
		                     "med i senere runder."
		                   : "Din ansøgning slettes, når opbevaringsperioden er gået.");
	buf_adds(&text, "Med venlig hilsen\nSekretariatet for den fælleskommunale infrastruktur\n");
	struct store_mail_new mail = {.key = key, .address = a->email, .name = a->name,
	                              .subject = subject, .text = text.s, .kind = MAIL_ACTION,
	                              .never_hold = true};
	int rc = mail_addr_ok(a->email) ? store_mail_queue(st, &mail, NULL) : FK_OK;
	buf_free(&text);
	return rc;
}

int store_round_decide(struct store *st, const char *actor, const struct model *m,
                       const struct reg *reg, int64_t round, const struct round_pick *picks,
                       size_t npicks, const char *reason, fk_date today, struct diags *d)
{
	struct round_data rd;
	int rc = data_load(st, round, &rd, true);
	if (rc != FK_OK) {
		data_free(&rd);
		return rc;
	}
	size_t nd = d->n;
	if (rd.r.state != ROUND_RECOMMENDED) {
		char msg[300];
		enum round_state to;
		round_next(rd.r.state, REV_DECIDE, &to, msg, sizeof msg);
		diags_add(d, NULL, 0, 0, "state", "%s", msg);
		data_free(&rd);
		return FK_EINPUT;
	}
	/* The recommendation, and the picks (given, or the recommendation's). */
	json_t *rec = store_round_recommendation(st, m, reg, round);
	size_t nrec = 0;
	struct round_pick *rp = xcalloc(rd.napps + 1, sizeof *rp);
	size_t i;
	json_t *b;
	json_array_foreach(json_object_get(rec, "bodies"), i, b)
	{
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(b, "selected"), k, x)
			rp[nrec++] = (struct round_pick){json_integer_value(json_object_get(x, "id")),
			                                 json_string_value(json_object_get(b, "body"))};
	}
	if (!picks) {
		picks = rp;
		npicks = nrec;
	}
	bool departs = npicks != nrec;
	size_t *chosen = xcalloc(npicks + 1, sizeof *chosen);
	for (size_t k = 0; k < npicks; k++) {
		size_t a = 0;
		while (a < rd.napps && rd.apps[a].id != picks[k].app)
			a++;
		size_t s = 0;
		while (picks[k].body && s < rd.r.nseats && strcmp(rd.r.seats[s].body, picks[k].body))
			s++;
		int bi = picks[k].body ? model_body_index(m, picks[k].body) : -1;
		if (a == rd.napps) {
			diags_add(d, NULL, 0, 0, "pick", "Ansøgning %lld hører ikke til runden.",
			          (long long)picks[k].app);
			continue;
		}
		chosen[k] = a;
		if (s == rd.r.nseats || bi < 0 || !applied_to(&rd.apps[a], picks[k].body)) {
			diags_add(d, NULL, 0, 0, "pick", "%s har ikke søgt en plads i %s i denne runde.",
			          rd.apps[a].ref, picks[k].body ? picks[k].body : "?");
			continue;
		}
		int p = model_profile_index(m, rd.apps[a].profile);
		if (p < 0 || !model_body_has_profile(&m->bodies[bi], p))
			diags_add(d, NULL, 0, 0, "pick", "%ss profil hører ikke til %s.", rd.apps[a].ref,
			          m->bodies[bi].name);
		if (rd.apps[a].purged)
			diags_add(d, NULL, 0, 0, "pick", "Ansøgning %s er slettet.", rd.apps[a].ref);
		size_t in_body = 0;
		for (size_t j = 0; j < k; j++) {
			if (picks[j].app == picks[k].app)
				diags_add(d, NULL, 0, 0, "pick", "%s er valgt to gange.", rd.apps[a].ref);
			in_body += picks[j].body && !strcmp(picks[j].body, picks[k].body);
		}
		if (in_body + 1 > (size_t)rd.r.seats[s].seats)
			diags_add(d, NULL, 0, 0, "pick", "Der er kun %d pladser i %s i runden.",
			          rd.r.seats[s].seats, m->bodies[bi].name);
		bool in_rec = false;
		for (size_t j = 0; j < nrec; j++)
			in_rec |= rp[j].app == picks[k].app && !strcmp(rp[j].body, picks[k].body);
		departs |= !in_rec;
	}
	if (departs && (!reason || !*reason))
		diags_add(d, NULL, 0, 0, "reason",
		          "Beslutningen afviger fra indstillingen. Skriv begrundelsen, så den kan ses i "
		          "rundens rapport.");
	if (d->n > nd) {
		free(chosen);
		free(rp);
		json_decref(rec);
		data_free(&rd);
		return FK_EINPUT;
	}
	char day[11];
	date_format(today, day);
	bool own;
	rc = tx_enter(st, &own);
	for (size_t k = 0; rc == FK_OK && k < npicks; k++) {
		const struct round_app_rec *a = &rd.apps[chosen[k]];
		int64_t pid = 0;
		int32_t pi = a->person ? reg_person_find(reg, a->person) : -1;
		if (pi >= 0) {
			pid = reg->persons[pi].id;
		} else {
			char key[64];
			slug_unique(a->name, "kandidat", key_taken, (void *)reg, key, sizeof key);
			rc = store_person_put(st, actor, key, a->name, a->email, &pid);
		}
		struct reg_appt ap = {0, (int32_t)pid, model_body_index(m, picks[k].body), SEAT_KOMMUNE,
		                      SEAT_KOMMUNE, (int16_t)model_profile_index(m, a->profile),
		                      (int16_t)a->munic, rd.r.first_day, DATE_OPEN};
		if (rc == FK_OK)
			rc = store_appt_insert(st, actor, m, &ap);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_PICK_INSERT, "gem beslutning", "iit", round, a->id,
			             picks[k].body);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_APP_APPOINTED, "markér udpeget", "i", a->id);
	}
	if (rc == FK_OK)
		rc = db_exec(st, STMT_ROUND_DECIDED, "gem beslutning", "itt", round, day,
		             departs ? reason : NULL);
	for (size_t a = 0; rc == FK_OK && a < rd.napps; a++) {
		const char *body = NULL;
		for (size_t k = 0; k < npicks; k++)
			if (chosen[k] == a)
				body = picks[k].body;
		rc = tell_outcome(st, m, &rd.r, &rd.apps[a], body);
	}
	if (rc == FK_OK) {
		json_t *pj = json_array();
		for (size_t k = 0; k < npicks; k++)
			json_array_append_new(pj, json_pack("{s:I, s:s}", "application",
			                                    (json_int_t)picks[k].app, "body", picks[k].body));
		rc = audit(st, actor, "round-decide", "round", round,
		           json_pack("{s:s, s:o, s:b, s:s?}", "decided", day, "picks", pj,
		                     "departs", departs, "reason", departs ? reason : NULL));
	}
	free(chosen);
	free(rp);
	json_decref(rec);
	data_free(&rd);
	return tx_leave(st, own, rc);
}

/* ---------------------------------------------------------------- report */

static void count_in(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key ? key : "ukendt");
	json_object_set_new(o, key ? key : "ukendt", json_integer(v ? json_integer_value(v) + 1 : 1));
}

json_t *store_round_report(struct store *st, const struct model *m, const struct reg *reg,
                           int64_t round)
{
	(void)reg;
	struct round_data rd;
	if (data_load(st, round, &rd, true) != FK_OK || rd.r.state < ROUND_DECIDED) {
		data_free(&rd);
		return NULL;
	}
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_PICKS, "i", round);
	json_t *picks = json_object();
	while (q && db_row(st, q, "læs beslutning") == FK_OK) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(q, 0));
		json_object_set_new(picks, id, json_string((const char *)sqlite3_column_text(q, 1)));
	}
	const struct munic_table *mt = munic_builtin();
	json_t *regions = json_object(), *groups = json_object(), *profiles = json_object();
	json_t *appointed = json_array(), *others = json_array(), *rows = json_array();
	for (size_t i = 0; i < rd.napps; i++) {
		const struct round_app_rec *a = &rd.apps[i];
		const struct munic *mu = munic_find(mt, a->munic);
		int p = model_profile_index(m, a->profile);
		count_in(regions, mu ? mt->regions[mu->region] : NULL);
		count_in(groups, mu ? mu->group : NULL);
		count_in(profiles, p >= 0 ? m->profiles[p].name : NULL);
		struct round_eval ev;
		round_evaluate(rd.weights, rd.ncrit, rd.marks, rd.nmarks, a->id, &ev);
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)a->id);
		const char *body = json_string_value(json_object_get(picks, id));
		int b = body ? model_body_index(m, body) : -1;
		double score = (double)(long)(ev.score * 10.0 + 0.5) / 10.0;
		if (b >= 0)
			json_array_append_new(appointed, json_pack("{s:s?, s:s?, s:s, s:f}", "name", a->name,
			                                           "municipality", mu ? mu->name : NULL,
			                                           "body", m->bodies[b].name, "score", score));
		else
			json_array_append_new(others, json_real(score));
		/* one row per applicant: named (with the municipality) only when appointed */
		json_array_append_new(
		    rows, json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:f}", "outcome",
		                    b >= 0 ? "udpeget" : "ikke udpeget", "name", b >= 0 ? a->name : NULL,
		                    "municipality", b >= 0 && mu ? mu->name : NULL, "region",
		                    mu ? mt->regions[mu->region] : NULL, "group", mu ? mu->group : NULL,
		                    "profile", p >= 0 ? m->profiles[p].name : NULL, "score", score));
	}
	/* the other scores without names, highest first */
	size_t n = json_array_size(others);
	for (size_t x = 1; x < n; x++)
		for (size_t y = x; y > 0 && json_real_value(json_array_get(others, y - 1)) <
		                                 json_real_value(json_array_get(others, y)); y--) {
			json_t *t = json_incref(json_array_get(others, y));
			json_array_set(others, y, json_array_get(others, y - 1));
			json_array_set_new(others, y - 1, t);
		}
	char dd[11];
	date_format(rd.r.decided, dd);
	json_t *doc = json_pack("{s:s, s:s, s:O, s:i, s:o, s:o, s:o, s:o, s:o, s:s?, s:o}", "title",
	                        rd.r.title, "decided", dd, "criteria", rd.r.criteria, "applicants",
	                        (int)rd.napps, "by_region", regions, "by_group", groups, "by_profile",
	                        profiles, "appointed", appointed, "other_scores", others,
	                        "departure", rd.r.decision, "rows", rows);
	json_decref(picks);
	data_free(&rd);
	return doc;
}

/* How many applications (kept, not purged) of round lack the complete evaluations of the
 * number of evaluators the round needs. */
static int missing_evaluations(struct store *st, int64_t round, size_t *missing)
{
	struct round_data rd;
	int rc = data_load(st, round, &rd, false);
	*missing = 0;
	for (size_t i = 0; rc == FK_OK && i < rd.napps; i++) {
		struct round_eval ev;
		round_evaluate(rd.weights, rd.ncrit, rd.marks, rd.nmarks, rd.apps[i].id, &ev);
		*missing += !rd.apps[i].purged && ev.evaluators < rd.r.evaluators;
	}
	data_free(&rd);
	return rc;
}

int store_round_cv(struct store *st, int64_t app, struct buf *out, char **name, char **type,
                   int64_t *round)
{
	*name = *type = NULL;
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_CV, "i", app);
	if (!q)
		return FK_EDB;
	int rc = db_row(st, q, "læs CV");
	if (rc != FK_OK)
		return rc;
	const unsigned char *cv = sqlite3_column_blob(q, 0), *sealed = sqlite3_column_blob(q, 1),
	                    *key = sqlite3_column_blob(q, 2);
	size_t cvlen = (size_t)sqlite3_column_bytes(q, 0), slen = (size_t)sqlite3_column_bytes(q, 1);
	*round = sqlite3_column_int64(q, 3);
	rc = FK_ENOTFOUND;
	if (cv && sealed && key && sqlite3_column_bytes(q, 2) == crypto_secretbox_KEYBYTES &&
	    cvlen >= SEAL_OVERHEAD) {
		unsigned char *plain = xmalloc(cvlen - SEAL_OVERHEAD + 1);
		char *meta = unseal(sealed, slen, key);
		json_t *pj = meta ? json_loads(meta, 0, NULL) : NULL;
		if (crypto_secretbox_open_easy(plain, cv + crypto_secretbox_NONCEBYTES,
		                               cvlen - crypto_secretbox_NONCEBYTES, cv, key) == 0) {
			buf_add(out, plain, cvlen - SEAL_OVERHEAD);
			const char *n = json_string_value(json_object_get(pj, "cv_name"));
			const char *t = json_string_value(json_object_get(pj, "cv_type"));
			*name = xstrdup(n ? n : "cv");
			*type = xstrdup(t ? t : "application/octet-stream");
			rc = FK_OK;
		}
		json_decref(pj);
		free(meta);
		free(plain);
	}
	stmt_done(q);
	return rc;
}
