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
#include "store/store_int.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"

#define SEAL_OVERHEAD (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
#define CV_MAX_BYTES (10u << 20)

static char *col_str(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	return s ? xstrdup(s) : NULL;
}

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
		             m->recruitment.min_score, m->recruitment.evaluators, cj, actor,
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
		s->body = col_str(q, 0);
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
	out->title = col_str(q, 1);
	out->first_day = col_date(q, 2);
	out->deadline = col_date(q, 3);
	out->state = (enum round_state)round_state_parse((const char *)sqlite3_column_text(q, 4));
	out->min_score = sqlite3_column_int(q, 5);
	out->evaluators = sqlite3_column_int(q, 6);
	out->criteria = json_loads((const char *)sqlite3_column_text(q, 7), 0, NULL);
	out->decided = col_date(q, 8);
	out->decision = col_str(q, 9);
	out->created_by = col_str(q, 10);
	out->created_at = col_str(q, 11);
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
	sqlite3_stmt *q = db_prepare(st, STMT_ROUND_APPS, "i", round);
	if (!q)
		return FK_EDB;
	int rc;
	while ((rc = db_row(st, q, "tæl ansøgninger")) == FK_OK)
		(*n)++;
	return rc == FK_ENOTFOUND ? FK_OK : rc;
}

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

static bool valid_email(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || strlen(s) > 254)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr(",;<>\"", *s))
			return false;
	return at[1] != '.' && s[-1] != '.';
}

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

static void check_application(const struct model *m, const struct round_rec *r,
                              const struct round_application *a, struct diags *d)
{
	text_field(d, "name", a->name, 200, false, "dit navn");
	if (!a->email || !*a->email)
		diags_add(d, NULL, 0, 0, "email", "Udfyld din e-mailadresse; kvitteringen sendes dertil.");
	else if (!valid_email(a->email))
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
	                       a->cv ? a->cv_name : NULL, "cv_type", a->cv ? a->cv_type : NULL);
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
		person = col_str(pq, 0);
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

int store_round_apps(struct store *st, int64_t round,
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
		a.profile = col_str(q, 4);
		a.nominated = sqlite3_column_int(q, 5);
		a.pool = sqlite3_column_int(q, 6);
		a.received = col_str(q, 7);
		a.appointed = sqlite3_column_int(q, 8);
		a.purged = col_str(q, 9);
		a.person = col_str(q, 12);
		const void *sealed = sqlite3_column_blob(q, 10);
		const void *key = sqlite3_column_blob(q, 11);
		if (sealed && key && sqlite3_column_bytes(q, 11) == crypto_secretbox_KEYBYTES) {
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
		char key[48];
		snprintf(key, sizeof key, "round-receipt:%s", refs[i]);
		if (rc == FK_OK)
			rc = db_exec(st, STMT_ROUND_MAIL_FORGET, "slet kvitteringen", "t", key);
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
