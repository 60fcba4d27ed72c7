/* The schema, as numbered migrations. PRAGMA user_version holds how many have been applied;
 * store_open applies the rest in order, each in its own transaction. Never edit a migration
 * that has shipped: add the next one.
 *
 * The origin checks are written as OR chains, not IN (...): SQLite 3.40 builds a temporary
 * table for every IN list in a CHECK, once per row, which made a bulk import ten times
 * slower. */
#include "store/store_int.h"

const char *const store_migrations[] = {
    /* 1: model, persons, appointments, the append-only audit log. */
    "CREATE TABLE model (\n"
    "	id INTEGER PRIMARY KEY CHECK (id = 1),\n"
    "	json TEXT NOT NULL,\n"
    "	source TEXT NOT NULL,\n"
    "	created TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE person (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	key TEXT NOT NULL UNIQUE CHECK (key <> ''),\n"
    "	name TEXT NOT NULL,\n"
    "	email TEXT\n"
    ");\n"
    "CREATE TABLE appointment (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	person INTEGER NOT NULL REFERENCES person(id),\n"
    "	body TEXT NOT NULL,\n"
    "	organisation TEXT NOT NULL CHECK (organisation = 'kommune' OR organisation = 'KL'\n"
    "		OR organisation = 'UDK' OR organisation = 'KOMBIT'),\n"
    "	municipality INTEGER CHECK (municipality IS NULL OR municipality BETWEEN 1 AND 999),\n"
    "	seat TEXT NOT NULL CHECK (seat = 'kommune' OR seat = 'KL' OR seat = 'UDK'\n"
    "		OR seat = 'KOMBIT'),\n"
    "	profile TEXT,\n"
    "	start TEXT NOT NULL\n"
    "		CHECK (start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "	end TEXT\n"
    "		CHECK (end IS NULL OR end GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
    "	UNIQUE (person, body, start),\n"
    "	CHECK (end IS NULL OR end >= start),\n"
    "	CHECK (organisation <> 'kommune' OR municipality IS NOT NULL)\n"
    ");\n"
    "CREATE TABLE audit (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	at TEXT NOT NULL,\n"
    "	actor TEXT NOT NULL,\n"
    "	action TEXT NOT NULL,\n"
    "	entity TEXT NOT NULL,\n"
    "	entity_id TEXT NOT NULL,\n"
    "	before TEXT,\n"
    "	after TEXT,\n"
    "	prev_hash TEXT NOT NULL,\n"
    "	hash TEXT NOT NULL\n"
    ");\n"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'audit-loggen kan ikke ændres'); END;\n"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
    "BEGIN SELECT RAISE(ABORT, 'audit-loggen kan ikke slettes'); END;\n",
    /* 2: local accounts (argon2id hashes), browser sessions and API tokens. Sessions and
     * tokens are stored only as the SHA-256 (hex) of the secret the client holds;
     * last_seen is unix seconds, for the idle timeout. */
    "CREATE TABLE account (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	login TEXT NOT NULL UNIQUE,\n"
    "	pwhash TEXT NOT NULL,\n"
    "	role TEXT NOT NULL CHECK (role = 'admin' OR role = 'member' OR role = 'viewer'),\n"
    "	person INTEGER REFERENCES person(id),\n"
    "	created TEXT NOT NULL,\n"
    "	disabled INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE TABLE session (\n"
    "	id_hash TEXT PRIMARY KEY,\n"
    "	account INTEGER NOT NULL REFERENCES account(id),\n"
    "	csrf TEXT NOT NULL,\n"
    "	created TEXT NOT NULL,\n"
    "	last_seen INTEGER NOT NULL\n"
    ");\n"
    "CREATE INDEX session_account ON session(account);\n"
    "CREATE INDEX session_last_seen ON session(last_seen);\n"
    "CREATE TABLE api_token (\n"
    "	id INTEGER PRIMARY KEY,\n"
    "	account INTEGER NOT NULL REFERENCES account(id),\n"
    "	hash TEXT NOT NULL UNIQUE,\n"
    "	label TEXT,\n"
    "	created TEXT NOT NULL,\n"
    "	last_used TEXT\n"
    ");\n"
    "CREATE INDEX api_token_account ON api_token(account);\n",
    /* 3: uploaded appointment files waiting for their preview to be committed or
     * cancelled (the web import). Only the uploading account (its login) may see them;
     * created is UTC, and rows older than a day are deleted. AUTOINCREMENT: an id is never
     * given again, so an old preview page can never act on a newer upload. */
    "CREATE TABLE pending_import (\n"
    "	id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "	account TEXT NOT NULL,\n"
    "	filename TEXT NOT NULL,\n"
    "	data BLOB NOT NULL,\n"
    "	created TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX pending_import_account ON pending_import(account);\n"
    "CREATE INDEX pending_import_created ON pending_import(created);\n",
    /* 4: initiatives, portfolio and economy — RESERVED for that work (replace this line) */
    "SELECT 1;\n",
    /* 5: working groups and written hearings — RESERVED for that work (replace this line) */
    "SELECT 1;\n",
    /* 6: cases and goals — RESERVED for that work (replace this line) */
    "SELECT 1;\n",
};

const int store_nmigrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);
