/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The store: schema and migrations, persons and appointments, loading the register, and
 * the audit log (every change audited, append-only, hash-chained, tampering found). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dbfixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/model.h"
#include "core/register.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- fixture */

/* A model built by hand: two bodies, three profiles (no JSON, no model_load). */
static struct model_profile profiles[] = {
    {.id = "it-digitaliseringschef", .name = "IT- og digitaliseringschef"},
    {.id = "it-arkitekt", .name = "IT-arkitekt"},
    {.id = "forvaltningschef", .name = "Forvaltningschef"},
};
static int sg_profiles[] = {0};
static int rg_profiles[] = {1, 2};
static struct model_body bodies[] = {
    {.id = "styregruppe",
     .name = "Kommunestyregruppe",
     .kind = "steering-group",
     .parent_index = -1,
     .via_seat = -1,
     .seats = {9, 1, 1, 0},
     .profiles = sg_profiles,
     .nprofiles = 1,
     .term_years = 5,
     .cooloff_years = 1},
    {.id = "rg-arkitektur-udvikling",
     .name = "Referencegruppe Arkitektur og Udvikling",
     .kind = "reference-group",
     .parent_index = 0,
     .via_seat = -1,
     .seats = {6, 1, 0, 0},
     .profiles = rg_profiles,
     .nprofiles = 2,
     .term_years = 3,
     .cooloff_years = 1},
};
static struct model model = {
    .name = "test",
    .profiles = profiles,
    .nprofiles = 3,
    .bodies = bodies,
    .nbodies = 2,
};

static const char model_text[] = "{\"name\": \"test\"}";

static int setup(void **state) { return fx_setup(state, "store", model_text, strlen(model_text)); }
static int teardown(void **state) { return fx_teardown(state); }

static fk_date D(const char *s)
{
	fk_date t;
	assert_int_equal(date_parse(s, strlen(s), &t), 0);
	return t;
}

static struct reg_appt appt(int64_t person, int body, int org, int seat, int profile, int munic,
                            const char *start, const char *end)
{
	struct reg_appt a = {
	    .person = (int32_t)person,
	    .body = body,
	    .org = (int8_t)org,
	    .seat = (int8_t)seat,
	    .profile = (int16_t)profile,
	    .munic = (int16_t)munic,
	    .start = D(start),
	    .end = end ? D(end) : DATE_OPEN,
	};
	return a;
}

/* Collects audit rows as "action entity entity_id before after" lines. */
struct collect {
	char text[8192];
	int n;
};

static int collect_row(const struct audit_row *r, void *arg)
{
	struct collect *c = arg;
	size_t len = strlen(c->text);
	snprintf(c->text + len, sizeof c->text - len, "%s %s %s %s %s %s\n", r->actor, r->action,
	         r->entity, r->entity_id, r->before ? r->before : "-", r->after ? r->after : "-");
	c->n++;
	return 0;
}

static struct collect audit_of(struct store *st, const struct audit_filter *f)
{
	struct collect c = {.n = 0};
	c.text[0] = '\0';
	assert_int_equal(store_audit_list(st, f, collect_row, &c), FK_OK);
	return c;
}

static void assert_chain_ok(struct store *st, int64_t want_rows)
{
	int64_t bad = -1, rows = -1;
	assert_int_equal(store_audit_verify(st, &bad, &rows), FK_OK);
	assert_int_equal(bad, 0);
	assert_int_equal(rows, want_rows);
}

/* ---------------------------------------------------------------- schema */

/* init stores the model text and its source, and audits it as the first row. */
static void test_create_stores_model_audited(void **state)
{
	struct fx *f = *state;
	char *json;
	size_t len;
	assert_int_equal(store_model_json(f->st, &json, &len), FK_OK);
	assert_int_equal(len, strlen(model_text));
	assert_string_equal(json, model_text);
	free(json);
	struct collect c = audit_of(f->st, NULL);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.text, "tester init model 1 - {\"bytes\":16,"));
	assert_non_null(strstr(c.text, "\"source\":\"test.json\""));
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE at = "
	                                  "'2026-11-27T10:00:00Z' AND prev_hash = "
	                                  "'0000000000000000000000000000000000000000000000000000"
	                                  "000000000000'"),
	                 1);
	assert_chain_ok(f->st, 1);
}

/* Opening applies each migration once: user_version counts them and a second open
 * changes nothing. */
static void test_migrations_idempotent(void **state)
{
	struct fx *f = *state;
	int64_t v = raw_int(f->path, "PRAGMA user_version");
	assert_true(v >= 1);
	int64_t objs = raw_int(f->path, "SELECT count(*) FROM sqlite_schema");
	struct store *st2;
	assert_int_equal(store_open(f->path, &st2, &f->d), FK_OK);
	store_close(st2);
	assert_int_equal(store_open(f->path, &st2, &f->d), FK_OK);
	store_close(st2);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), v);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_schema"), objs);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM pragma_journal_mode"
	                                  " WHERE journal_mode = 'wal'"),
	                 1);
	assert_int_equal(f->d.n, 0);
}

/* Migration 8 rebuilds agenda_item to let cases onto the agenda: a database of version 7
 * with an agenda and a decision-log entry keeps every item, its id (the log's rowid) and
 * its minutes; afterwards items from cases, material and status submissions can be
 * stored, and material outside the limits or without its bytes cannot. */
static void test_migration_8_keeps_agenda(void **state)
{
	struct fx *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/v7.db", f->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (int i = 0; i < 7; i++)
		assert_int_equal(sqlite3_exec(db, store_migrations[i], NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
	                 "PRAGMA user_version = 7;"
	                 "INSERT INTO model (id, json, source, created) VALUES (1, '{}', 'x',"
	                 " '2027-01-01T00:00:00Z');"
	                 "INSERT INTO meeting (id, year, number, date, start, end, proposals,"
	                 " statuses, dispatch) VALUES (3, 2027, 1, '2027-03-04', '09:00', '13:00',"
	                 " '2027-02-04', '2027-02-04', '2027-02-18');"
	                 "INSERT INTO agenda_item (id, meeting, pos, source, ref, title, kind,"
	                 " minutes, outcome, minutes_text) VALUES (42, 3, 1, 'standard',"
	                 " 'orientering-kl', 'Kort orientering fra KL', 'orientering', 10,"
	                 " 'beslutning', 'Besluttet om login');"
	                 "INSERT INTO decision_fts (rowid, title, text, year) VALUES (42,"
	                 " 'Kort orientering fra KL', 'Besluttet om login', '2027');",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO agenda_item (meeting, pos, source, ref,"
	                                  " title, kind, minutes) VALUES (3, 2, 'case', 'sag-1',"
	                                  " 'x', 'beslutning', 15)",
	                              NULL, NULL, NULL),
	                 SQLITE_CONSTRAINT);
	sqlite3_close(db);
	struct store *st2;
	assert_int_equal(store_open(path, &st2, &f->d), FK_OK);
	store_close(st2);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), store_nmigrations);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM agenda_item WHERE id = 42 AND"
	                               " meeting = 3 AND minutes_text = 'Besluttet om login'"),
	                 1);
	assert_int_equal(raw_int(path, "SELECT a.id FROM decision_fts f JOIN agenda_item a"
	                               " ON a.id = f.rowid WHERE decision_fts MATCH 'login'"),
	                 42);
	assert_int_equal(raw_exec(path, "INSERT INTO agenda_item (meeting, pos, source, ref,"
	                                " title, kind, minutes) VALUES (3, 2, 'case', 'sag-1',"
	                                " 'x', 'beslutning', 15)"),
	                 SQLITE_OK);
	assert_int_equal(raw_exec(path, "INSERT INTO material (meeting, item_source, item_ref,"
	                                " name, mime, size, sha256, data, uploaded, actor) VALUES"
	                                " (3, 'case', 'sag-1', 'a.pdf', 'application/pdf', 3,"
	                                " printf('%064d', 0), x'414243', 'now', 'x')"),
	                 SQLITE_OK);
	/* The size must be the bytes' length; an empty name is refused. */
	assert_int_equal(raw_exec(path, "INSERT INTO material (meeting, item_source, item_ref,"
	                                " name, mime, size, sha256, data, uploaded, actor) VALUES"
	                                " (3, 'case', 'sag-1', 'a.pdf', 'application/pdf', 4,"
	                                " printf('%064d', 0), x'414243', 'now', 'x')"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(raw_exec(path, "INSERT INTO material (meeting, item_source, item_ref,"
	                                " name, mime, size, sha256, data, uploaded, actor) VALUES"
	                                " (3, 'case', 'sag-1', '', 'application/pdf', 3,"
	                                " printf('%064d', 0), x'414243', 'now', 'x')"),
	                 SQLITE_CONSTRAINT);
	/* Deleting the meeting takes its items, material and statuses with it. */
	assert_int_equal(raw_exec(path, "PRAGMA foreign_keys = ON;"
	                                "INSERT INTO meeting_status (meeting, body, submitted, actor)"
	                                " VALUES (3, 'rg-x', '2027-02-01', 'x');"
	                                "DELETE FROM meeting WHERE id = 3"),
	                 SQLITE_OK);
	assert_int_equal(raw_int(path, "SELECT (SELECT count(*) FROM agenda_item) +"
	                               " (SELECT count(*) FROM material) +"
	                               " (SELECT count(*) FROM meeting_status)"),
	                 0);
	fx_remove_db(path);
}

/* A database written by a newer fkigov is refused, not damaged. */
static void test_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(raw_exec(f->path, "PRAGMA user_version = 999"), SQLITE_OK);
	struct store *st2;
	assert_int_equal(store_open(f->path, &st2, &f->d), FK_EDB);
	assert_null(st2);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "nyere udgave"));
	assert_int_equal(raw_exec(f->path, "PRAGMA user_version = 1"), SQLITE_OK);
}

/* init on a database that already has a model refuses and says what to do. */
static void test_create_twice_conflict(void **state)
{
	struct fx *f = *state;
	assert_int_equal(
	    store_create(f->path, model_text, strlen(model_text), "x", "tester", &f->d),
	    FK_ECONFLICT);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "--db"));
	assert_non_null(strstr(f->d.v[0].msg, "fjern filen"));
	assert_string_equal(f->d.v[0].file, f->path);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 1);
}

/* Opening a database that does not exist tells to run init, and creates nothing. */
static void test_open_missing(void **state)
{
	struct fx *f = *state;
	char p[128];
	snprintf(p, sizeof p, "%s/none.db", f->dir);
	struct store *st2 = (struct store *)1;
	assert_int_equal(store_open(p, &st2, &f->d), FK_ENOTFOUND);
	assert_null(st2);
	assert_int_equal(f->d.n, 1);
	assert_non_null(strstr(f->d.v[0].msg, "fkigov init"));
	assert_int_equal(access(p, F_OK), -1);
}

/* A file that is not a database is refused with a message, and left as it was. */
static void test_open_not_a_database(void **state)
{
	struct fx *f = *state;
	char p[128];
	snprintf(p, sizeof p, "%s/notes.txt", f->dir);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("Dette er ikke en database, men en tekstfil med noter.\n", fp);
	fclose(fp);
	struct store *st2;
	assert_int_equal(store_open(p, &st2, &f->d), FK_EDB);
	assert_int_equal(store_create(p, model_text, strlen(model_text), "x", "t", &f->d), FK_EDB);
	assert_int_equal(f->d.n, 2);
	assert_non_null(strstr(f->d.v[0].msg, "ikke en fkigov-database"));
	unlink(p);
}

/* ---------------------------------------------------------------- persons */

/* A new person is created and audited; the same data again changes nothing; a new name is
 * an update audited with before and after. */
static void test_person_put_audited(void **state)
{
	struct fx *f = *state;
	int64_t id1 = 0, id2 = 0, id3 = 0;
	assert_int_equal(store_person_put(f->st, "anna", "p1", "Per Hansen", "per@x.dk", &id1),
	                 FK_OK);
	assert_true(id1 > 0);
	assert_int_equal(store_person_put(f->st, "anna", "p1", "Per Hansen", "per@x.dk", &id2),
	                 FK_OK);
	assert_int_equal(id2, id1);
	assert_int_equal(store_person_put(f->st, "bo", "p1", "Per Hansen", NULL, &id3), FK_OK);
	assert_int_equal(id3, id1);
	struct audit_filter pf = {.entity = "person"};
	struct collect c = audit_of(f->st, &pf);
	assert_int_equal(c.n, 2);
	assert_string_equal(
	    c.text,
	    "anna create person p1 - {\"email\":\"per@x.dk\",\"key\":\"p1\",\"name\":\"Per "
	    "Hansen\"}\n"
	    "bo update person p1 {\"email\":\"per@x.dk\",\"key\":\"p1\",\"name\":\"Per Hansen\"} "
	    "{\"email\":null,\"key\":\"p1\",\"name\":\"Per Hansen\"}\n");
	assert_chain_ok(f->st, 3);
}

/* ---------------------------------------------------------------- appointments */

/* Inserting audits the appointment as compact JSON with sorted keys; its id is
 * "person/body/start". */
static void test_appt_insert_audited(void **state)
{
	struct fx *f = *state;
	int64_t p;
	assert_int_equal(store_person_put(f->st, "a", "p7", "Eva", NULL, &p), FK_OK);
	struct reg_appt a = appt(p, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	assert_true(a.id > 0);
	struct reg_appt b = appt(p, 1, SEAT_KL, SEAT_KL, -1, 0, "2023-02-01", "2023-12-31");
	assert_int_equal(store_appt_insert(f->st, "a", &model, &b), FK_OK);
	struct audit_filter af = {.entity = "appointment"};
	struct collect c = audit_of(f->st, &af);
	assert_string_equal(
	    c.text,
	    "a create appointment p7/styregruppe/2024-01-01 - "
	    "{\"body\":\"styregruppe\",\"end\":null,\"municipality\":\"101\",\"organisation\":"
	    "\"kommune\",\"person\":\"p7\",\"profile\":\"it-digitaliseringschef\",\"seat\":"
	    "\"kommune\",\"start\":\"2024-01-01\"}\n"
	    "a create appointment p7/rg-arkitektur-udvikling/2023-02-01 - "
	    "{\"body\":\"rg-arkitektur-udvikling\",\"end\":\"2023-12-31\",\"municipality\":null,"
	    "\"organisation\":\"KL\",\"person\":\"p7\",\"profile\":null,\"seat\":\"KL\","
	    "\"start\":\"2023-02-01\"}\n");
	assert_chain_ok(f->st, 4);
}

/* The schema refuses what cannot be: a second appointment of a person to a body on the
 * same start, an end before the start, an unknown person, a municipal organisation
 * without a municipality. Each is FK_ECONFLICT and leaves nothing behind. */
static void test_appt_constraints_conflict(void **state)
{
	struct fx *f = *state;
	int64_t p;
	assert_int_equal(store_person_put(f->st, "a", "p1", "Eva", NULL, &p), FK_OK);
	struct reg_appt a = appt(p, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	struct reg_appt dup = a;
	dup.id = 0;
	dup.munic = 147;
	assert_int_equal(store_appt_insert(f->st, "a", &model, &dup), FK_ECONFLICT);
	assert_non_null(strstr(store_conflict(f->st), "UNIQUE"));
	struct reg_appt back =
	    appt(p, 1, SEAT_KOMMUNE, SEAT_KOMMUNE, 1, 101, "2024-01-01", "2023-12-31");
	assert_int_equal(store_appt_insert(f->st, "a", &model, &back), FK_ECONFLICT);
	struct reg_appt ghost = appt(p + 100, 1, SEAT_KL, SEAT_KL, -1, 0, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &ghost), FK_ECONFLICT);
	struct reg_appt nomun = appt(p, 1, SEAT_KOMMUNE, SEAT_KOMMUNE, 1, 0, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &nomun), FK_ECONFLICT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM appointment"), 1);
	assert_chain_ok(f->st, 3);
	/* Inside the caller's transaction a conflict leaves the transaction usable. */
	assert_int_equal(store_begin(f->st), FK_OK);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &dup), FK_ECONFLICT);
	struct reg_appt ok = appt(p, 1, SEAT_KOMMUNE, SEAT_KOMMUNE, 1, 101, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &ok), FK_OK);
	assert_int_equal(store_commit(f->st), FK_OK);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM appointment"), 2);
	assert_chain_ok(f->st, 4);
}

/* An update is audited with the stored row before and the new one after; an update that
 * changes nothing writes nothing; an unknown id is FK_ENOTFOUND; breaking a constraint is
 * FK_ECONFLICT. */
static void test_appt_update_audited(void **state)
{
	struct fx *f = *state;
	int64_t p;
	assert_int_equal(store_person_put(f->st, "a", "p1", "Eva", NULL, &p), FK_OK);
	struct reg_appt a = appt(p, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	struct reg_appt b =
	    appt(p, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2020-01-01", "2020-12-31");
	assert_int_equal(store_appt_insert(f->st, "a", &model, &b), FK_OK);
	a.end = D("2026-06-30");
	assert_int_equal(store_appt_update(f->st, "bo", &model, &a), FK_OK);
	assert_int_equal(store_appt_update(f->st, "bo", &model, &a), FK_OK);
	struct reg_appt clash = a;
	clash.start = b.start;
	clash.end = b.end;
	assert_int_equal(store_appt_update(f->st, "bo", &model, &clash), FK_ECONFLICT);
	struct reg_appt badmun = a;
	badmun.munic = 1234;
	assert_int_equal(store_appt_update(f->st, "bo", &model, &badmun), FK_ECONFLICT);
	struct reg_appt none = a;
	none.id = 9999;
	assert_int_equal(store_appt_update(f->st, "bo", &model, &none), FK_ENOTFOUND);
	struct audit_filter af = {.entity = "appointment", .actor = "bo"};
	struct collect c = audit_of(f->st, &af);
	assert_int_equal(c.n, 1);
	assert_string_equal(
	    c.text,
	    "bo update appointment p1/styregruppe/2024-01-01 "
	    "{\"body\":\"styregruppe\",\"end\":null,\"municipality\":\"101\",\"organisation\":"
	    "\"kommune\",\"person\":\"p1\",\"profile\":\"it-digitaliseringschef\",\"seat\":"
	    "\"kommune\",\"start\":\"2024-01-01\"} "
	    "{\"body\":\"styregruppe\",\"end\":\"2026-06-30\",\"municipality\":\"101\","
	    "\"organisation\":\"kommune\",\"person\":\"p1\",\"profile\":"
	    "\"it-digitaliseringschef\",\"seat\":\"kommune\",\"start\":\"2024-01-01\"}\n");
	assert_chain_ok(f->st, 5);
}

/* ---------------------------------------------------------------- transactions */

/* A rolled-back transaction leaves no person, appointment or audit row, and what comes
 * after it is audited with the right keys (nothing cached from the rolled-back work). */
static void test_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	int64_t p;
	assert_int_equal(store_begin(f->st), FK_OK);
	assert_int_equal(store_person_put(f->st, "a", "ghost", "Gen", NULL, &p), FK_OK);
	struct reg_appt a = appt(p, 0, SEAT_KL, SEAT_KL, -1, 0, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	store_rollback(f->st);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM person"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit"), 1);
	int64_t q;
	assert_int_equal(store_person_put(f->st, "a", "real", "Rikke", NULL, &q), FK_OK);
	assert_int_equal(q, p); /* the row id is used again */
	a.id = 0;
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	struct audit_filter af = {.entity = "appointment"};
	struct collect c = audit_of(f->st, &af);
	assert_non_null(strstr(c.text, "real/styregruppe/2024-01-01"));
	assert_null(strstr(c.text, "ghost"));
	assert_chain_ok(f->st, 3);
}

/* ---------------------------------------------------------------- the register */

/* Loading maps body and profile text to the model's indices and person rows to register
 * indices, keeps dates, municipality and open ends, and comes back sorted by body,
 * person, start. */
static void test_load_register_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t p1, p2, p3;
	assert_int_equal(store_begin(f->st), FK_OK);
	assert_int_equal(store_person_put(f->st, "a", "p1", "Anne", "anne@x.dk", &p1), FK_OK);
	assert_int_equal(store_person_put(f->st, "a", "p2", "Bent", NULL, &p2), FK_OK);
	assert_int_equal(store_person_put(f->st, "a", "p3", "Carl", NULL, &p3), FK_OK);
	struct reg_appt in[] = {
	    appt(p3, 1, SEAT_KOMMUNE, SEAT_KOMMUNE, 2, 751, "2023-03-01", NULL),
	    appt(p2, 0, SEAT_UDK, SEAT_UDK, -1, 0, "2022-01-01", "2024-12-31"),
	    appt(p1, 1, SEAT_KOMMUNE, SEAT_KOMMUNE, 1, 101, "2021-05-01", "2023-04-30"),
	    appt(p1, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2025-01-01", NULL),
	    appt(p1, 0, SEAT_KOMMUNE, SEAT_KOMMUNE, 0, 101, "2020-01-01", "2024-12-31"),
	};
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(store_appt_insert(f->st, "a", &model, &in[i]), FK_OK);
	assert_int_equal(store_commit(f->st), FK_OK);

	struct reg r;
	reg_init(&r);
	assert_int_equal(store_load_register(f->st, &model, &r), FK_OK);
	assert_int_equal(r.npersons, 3);
	assert_string_equal(r.persons[0].key, "p1");
	assert_string_equal(r.persons[0].email, "anne@x.dk");
	assert_string_equal(r.persons[1].name, "Bent");
	assert_null(r.persons[1].email);
	assert_int_equal(r.persons[2].id, p3);
	assert_int_equal(r.nappts, 5);
	/* body 0: p1 2020, p1 2025, p2 2022; body 1: p1 2021, p3 2023 */
	const struct reg_appt *o = r.appts;
	assert_int_equal(o[0].id, in[4].id);
	assert_int_equal(o[1].id, in[3].id);
	assert_int_equal(o[2].id, in[1].id);
	assert_int_equal(o[3].id, in[2].id);
	assert_int_equal(o[4].id, in[0].id);
	assert_int_equal(o[0].person, 0);
	assert_int_equal(o[2].person, 1);
	assert_int_equal(o[4].person, 2);
	assert_int_equal(o[4].body, 1);
	assert_int_equal(o[4].profile, 2);
	assert_int_equal(o[4].munic, 751);
	assert_int_equal(o[4].start, D("2023-03-01"));
	assert_int_equal(o[4].end, DATE_OPEN);
	assert_int_equal(o[2].org, SEAT_UDK);
	assert_int_equal(o[2].seat, SEAT_UDK);
	assert_int_equal(o[2].profile, -1);
	assert_int_equal(o[2].munic, 0);
	assert_int_equal(o[2].end, D("2024-12-31"));
	reg_free(&r);
}

/* Whatever order the rows were written in, the register comes back in exactly the order
 * reg_sort gives (body, person, start). */
static void test_load_register_order_is_reg_sort(void **state)
{
	struct fx *f = *state;
	enum { NP = 40, NA = 300 };
	int64_t ids[NP];
	assert_int_equal(store_begin(f->st), FK_OK);
	for (int i = 0; i < NP; i++) {
		char key[16];
		snprintf(key, sizeof key, "p%d", i);
		assert_int_equal(store_person_put(f->st, "a", key, key, NULL, &ids[i]), FK_OK);
	}
	unsigned x = 12345;
	int n = 0;
	for (int k = 0; k < NA; k++) {
		x = x * 1103515245u + 12345u;
		int p = (int)(x >> 8) % NP, body = (int)(x >> 20) % 2;
		struct reg_appt a = appt(ids[p], body, SEAT_KL, SEAT_KL, -1, 0, "2000-01-01", NULL);
		a.start += (fk_date)((x >> 4) % 5000);
		int rc = store_appt_insert(f->st, "a", &model, &a);
		assert_true(rc == FK_OK || rc == FK_ECONFLICT);
		n += rc == FK_OK;
	}
	assert_int_equal(store_commit(f->st), FK_OK);
	struct reg r;
	reg_init(&r);
	assert_int_equal(store_load_register(f->st, &model, &r), FK_OK);
	assert_int_equal(r.nappts, (size_t)n);
	struct reg_appt *copy = xmalloc(r.nappts * sizeof *copy);
	memcpy(copy, r.appts, r.nappts * sizeof *copy);
	reg_sort(&r);
	assert_memory_equal(copy, r.appts, r.nappts * sizeof *copy);
	free(copy);
	reg_free(&r);
}

/* A body the model does not know (the database was made with another model) is a
 * database error, not a crash, and leaves the register empty. */
static void test_load_register_unknown_body(void **state)
{
	struct fx *f = *state;
	int64_t p;
	assert_int_equal(store_person_put(f->st, "a", "p1", "Anne", NULL, &p), FK_OK);
	struct reg_appt a = appt(p, 1, SEAT_KL, SEAT_KL, -1, 0, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);
	struct model small = model;
	small.nbodies = 1;
	struct reg r;
	reg_init(&r);
	assert_int_equal(store_load_register(f->st, &small, &r), FK_EDB);
	assert_int_equal(r.npersons, 0);
	assert_int_equal(r.nappts, 0);
	reg_free(&r);
}

/* ---------------------------------------------------------------- the audit log */

/* The triggers refuse UPDATE and DELETE on the audit log. */
static void test_audit_append_only(void **state)
{
	struct fx *f = *state;
	assert_int_equal(raw_exec(f->path, "UPDATE audit SET actor = 'mallory'"),
	                 SQLITE_CONSTRAINT);
	assert_int_equal(raw_exec(f->path, "DELETE FROM audit"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM audit WHERE actor = 'tester'"), 1);
}

static void make_history(struct fx *f)
{
	int64_t p;
	assert_int_equal(store_person_put(f->st, "a", "p1", "Anne", NULL, &p), FK_OK); /* 2 */
	struct reg_appt a = appt(p, 0, SEAT_KL, SEAT_KL, -1, 0, "2024-01-01", NULL);
	assert_int_equal(store_appt_insert(f->st, "a", &model, &a), FK_OK);              /* 3 */
	assert_int_equal(store_person_put(f->st, "b", "p1", "Anne B", NULL, &p), FK_OK); /* 4 */
	assert_int_equal(store_audit_append(f->st, "c", "delete", "note", "n1", "{}", NULL),
	                 FK_OK); /* 5 */
	assert_chain_ok(f->st, 5);
}

/* Changing a row's content behind the triggers' back is found, at that row. */
static void test_audit_tamper_content(void **state)
{
	struct fx *f = *state;
	make_history(f);
	assert_int_equal(raw_exec(f->path, "DROP TRIGGER audit_no_update;"
	                                   "UPDATE audit SET after = replace(after, 'KL', 'UDK')"
	                                   " WHERE id = 3"),
	                 SQLITE_OK);
	int64_t bad = 0, rows = 0;
	assert_int_equal(store_audit_verify(f->st, &bad, &rows), FK_ETAMPER);
	assert_int_equal(bad, 3);
	assert_int_equal(rows, 3);
}

/* The documented hash of a row: hex(SHA-256(prev_hash || F(id) F(at) ... F(after))),
 * F(s) = length ":" s ";", F(NULL) = "-;". Computed here independently of the store. */
static void doc_hash(const char *prev, const char *const f[8], char out[65])
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)prev, strlen(prev));
	for (int i = 0; i < 8; i++) {
		char pre[32];
		if (!f[i]) {
			crypto_hash_sha256_update(&h, (const unsigned char *)"-;", 2);
			continue;
		}
		snprintf(pre, sizeof pre, "%zu:", strlen(f[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)pre, strlen(pre));
		crypto_hash_sha256_update(&h, (const unsigned char *)f[i], strlen(f[i]));
		crypto_hash_sha256_update(&h, (const unsigned char *)";", 1);
	}
	unsigned char bin[32];
	crypto_hash_sha256_final(&h, bin);
	sodium_bin2hex(out, 65, bin, sizeof bin);
}

/* Recomputes row id's hash as doc_hash does, with its actor replaced. Returns the SQL that
 * writes both (caller frees). */
static char *forge_row(const char *path, int64_t id, const char *actor)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT id, at, actor, action, entity, entity_id,"
	                                    " before, after, prev_hash, hash FROM audit"
	                                    " WHERE id = ?1",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(q, 1, id);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	const char *f[8];
	for (int i = 0; i < 8; i++)
		f[i] = (const char *)sqlite3_column_text(q, i);
	char old[65], forged[65];
	doc_hash((const char *)sqlite3_column_text(q, 8), f, old);
	assert_string_equal(old, (const char *)sqlite3_column_text(q, 9)); /* format pinned */
	f[2] = actor;
	doc_hash((const char *)sqlite3_column_text(q, 8), f, forged);
	char *sql = xasprintf("DROP TRIGGER audit_no_update;"
	                      "UPDATE audit SET actor = '%s', hash = '%s' WHERE id = %lld",
	                      actor, forged, (long long)id);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return sql;
}

/* Rewriting a row together with a correct new hash is found at the next row, whose
 * prev_hash no longer matches. */
static void test_audit_tamper_rehashed(void **state)
{
	struct fx *f = *state;
	make_history(f);
	char *sql = forge_row(f->path, 4, "mallory");
	assert_int_equal(raw_exec(f->path, sql), SQLITE_OK);
	free(sql);
	int64_t bad = 0;
	assert_int_equal(store_audit_verify(f->st, &bad, NULL), FK_ETAMPER);
	assert_int_equal(bad, 5);
}

/* Moving bytes from one field to the next ("b" + "update" -> "bu" + "pdate") changes the
 * hash: the fields are length-prefixed. */
static void test_audit_fields_unambiguous(void **state)
{
	struct fx *f = *state;
	make_history(f);
	assert_int_equal(raw_exec(f->path, "DROP TRIGGER audit_no_update;"
	                                   "UPDATE audit SET actor = 'bu', action = 'pdate'"
	                                   " WHERE id = 4"),
	                 SQLITE_OK);
	int64_t bad = 0;
	assert_int_equal(store_audit_verify(f->st, &bad, NULL), FK_ETAMPER);
	assert_int_equal(bad, 4);
}

/* A deleted row is found at the row after it. */
static void test_audit_tamper_delete(void **state)
{
	struct fx *f = *state;
	make_history(f);
	assert_int_equal(raw_exec(f->path, "DROP TRIGGER audit_no_delete;"
	                                   "DELETE FROM audit WHERE id = 2"),
	                 SQLITE_OK);
	int64_t bad = 0;
	assert_int_equal(store_audit_verify(f->st, &bad, NULL), FK_ETAMPER);
	assert_int_equal(bad, 3);
}

/* The filters of the audit list: entity, entity id, actor, time range (until is an
 * inclusive prefix) and limit. */
static void test_audit_list_filters(void **state)
{
	struct fx *f = *state;
	setenv("FKIGOV_NOW", "2026-12-01T08:00:00Z", 1);
	make_history(f);
	setenv("FKIGOV_NOW", "2026-11-27T10:00:00Z", 1);
	struct audit_filter by_id = {.entity = "person", .entity_id = "p1"};
	assert_int_equal(audit_of(f->st, &by_id).n, 2);
	struct audit_filter by_actor = {.actor = "a"};
	assert_int_equal(audit_of(f->st, &by_actor).n, 2);
	struct audit_filter until = {.until = "2026-11-27"};
	assert_int_equal(audit_of(f->st, &until).n, 1);
	struct audit_filter since = {.since = "2026-12"};
	assert_int_equal(audit_of(f->st, &since).n, 4);
	struct audit_filter lim = {.limit = 2};
	struct collect c = audit_of(f->st, &lim);
	assert_int_equal(c.n, 2);
	assert_non_null(strstr(c.text, "tester init model"));
	struct audit_filter none = {.entity = "person' OR 1=1 --"};
	assert_int_equal(audit_of(f->st, &none).n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_stores_model_audited, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrations_idempotent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migration_8_keeps_agenda, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_create_twice_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_open_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_open_not_a_database, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_person_put_audited, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_appt_insert_audited, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_appt_constraints_conflict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_appt_update_audited, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_register_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_register_order_is_reg_sort, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_load_register_unknown_body, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_append_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_tamper_content, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_tamper_rehashed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_fields_unambiguous, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_tamper_delete, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_audit_list_filters, setup, teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
