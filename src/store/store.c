/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The store: opening, creating and closing the database, migrations, the statement table,
 * transactions and error mapping. Persons and appointments are in store_reg.c, the audit
 * log in store_audit.c, the schema in store_schema.c. */
#include "store/store.h"

#include <assert.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "store/store_int.h"
#include "util/err.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------- statements */

/* The columns of a meeting row, joined with its inspiration speaker (store_meeting.c). */
#define MEETING_COLS                                                                      \
	"SELECT m.id, m.year, m.number, m.date, m.start, m.end, m.proposals, m.statuses,"  \
	" m.dispatch, m.state, m.dispatched_on, p.key, p.name, m.speaker_reason, m.place," \
	" m.sequence"                                                                       \
	" FROM meeting m LEFT JOIN person p ON p.id = m.speaker"

/* The number of the agenda item a file of material belongs to now (NULL: none). */
#define MATERIAL_POS                                                                          \
	"(SELECT pos FROM agenda_item i WHERE i.meeting = m.meeting"                              \
	" AND i.source = m.item_source AND i.ref = m.item_ref)"

static const char *const stmt_sql[STMT__MAX] = {
    [STMT_BEGIN] = "BEGIN IMMEDIATE",
    [STMT_BEGIN_READ] = "BEGIN",
    [STMT_COMMIT] = "COMMIT",
    [STMT_SAVEPOINT] = "SAVEPOINT nested",
    [STMT_RELEASE] = "RELEASE nested",
    [STMT_ROLLBACK_TO] = "ROLLBACK TO nested",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_USER_VERSION] = "PRAGMA user_version",
    /* The page cache: 64 MiB while writing (a bulk import touches the appointment index all
     * over), the default 2 MiB otherwise (a scan of the register gains nothing from more,
     * and the server stays small). */
    [STMT_CACHE_WRITE] = "PRAGMA cache_size = -32768",
    [STMT_CACHE_READ] = "PRAGMA cache_size = -2000",
    [STMT_MODEL_COUNT] = "SELECT count(*) FROM model",
    [STMT_MODEL_GET] = "SELECT json FROM model WHERE id = 1",
    [STMT_MODEL_PUT] = "INSERT INTO model (id, json, source, created) VALUES (1, ?1, ?2, ?3)",
    [STMT_PERSON_BY_KEY] = "SELECT id, name, email FROM person WHERE key = ?1",
    [STMT_PERSON_KEY] = "SELECT key FROM person WHERE id = ?1",
    [STMT_PERSON_INSERT] = "INSERT INTO person (key, name, email) VALUES (?1, ?2, ?3)",
    [STMT_PERSON_UPDATE] = "UPDATE person SET name = ?2, email = ?3 WHERE id = ?1",
    [STMT_PERSON_COUNT] = "SELECT count(*) FROM person",
    [STMT_PERSON_ALL] = "SELECT id, key, name, email FROM person ORDER BY id",
    [STMT_APPT_INSERT] = "INSERT INTO appointment"
                         " (person, body, organisation, municipality, seat, profile, start, end)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_APPT_GET] = "SELECT person, body, organisation, municipality, seat, profile, start, end"
                      " FROM appointment WHERE id = ?1",
    [STMT_APPT_UPDATE] = "UPDATE appointment SET person = ?2, body = ?3, organisation = ?4,"
                         " municipality = ?5, seat = ?6, profile = ?7, start = ?8, end = ?9"
                         " WHERE id = ?1",
    [STMT_APPT_MAXID] = "SELECT max(id) FROM appointment",
    /* Table order (a sequential scan); store_load_register sorts in memory, which is
     * cheaper than letting SQLite sort a million rows by text. */
    [STMT_APPT_ALL] = "SELECT id, person, body, organisation, municipality, seat, profile,"
                      " start, end FROM appointment ORDER BY id",
    [STMT_AUDIT_HEAD] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
    [STMT_AUDIT_INSERT] = "INSERT INTO audit (id, at, actor, action, entity, entity_id, before,"
                          " after, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                          " ?10)",
    [STMT_AUDIT_ALL] = "SELECT id, at, actor, action, entity, entity_id, before, after,"
                       " prev_hash, hash FROM audit ORDER BY id",
    /* A NULL parameter switches its filter off. until is an inclusive prefix: until
     * "2026-11-27" takes the whole day. */
    [STMT_AUDIT_LIST] = "SELECT id, at, actor, action, entity, entity_id, before, after, hash"
                        " FROM audit"
                        " WHERE (?1 IS NULL OR entity = ?1)"
                        " AND (?2 IS NULL OR entity_id = ?2)"
                        " AND (?3 IS NULL OR actor = ?3)"
                        " AND (?4 IS NULL OR at >= ?4)"
                        " AND (?5 IS NULL OR substr(at, 1, length(?5)) <= ?5)"
                        " ORDER BY id LIMIT ?6",
    /* Accounts, sessions and API tokens (store_auth.c). An account row is read as
     * id, login, role, person key, created, disabled [, pwhash]. */
    [STMT_ACCOUNT_INSERT] = "INSERT INTO account (login, pwhash, role, person, created)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_ACCOUNT_SET_PW] = "UPDATE account SET pwhash = ?2 WHERE login = ?1",
    [STMT_SESSION_DELETE_ACCOUNT] = "DELETE FROM session WHERE account ="
                                    " (SELECT id FROM account WHERE login = ?1)",
    [STMT_ACCOUNT_BY_LOGIN] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled,"
                              " a.pwhash FROM account a LEFT JOIN person p ON p.id = a.person"
                              " WHERE a.login = ?1",
    /* ... with the open sessions, whether it has no password yet, and the last day of its
     * newest link that can still be used (?1: now), NULL when none. */
    [STMT_ACCOUNT_ALL] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled,"
                         " (SELECT count(*) FROM session s WHERE s.account = a.id),"
                         " a.pwhash = '',"
                         " (SELECT max(l.expires) FROM password_link l WHERE l.account = a.id"
                         " AND l.used IS NULL AND l.cancelled IS NULL AND l.expires > ?1)"
                         " FROM account a LEFT JOIN person p ON p.id = a.person"
                         " ORDER BY a.login",
    [STMT_ACCOUNT_SET_DISABLED] = "UPDATE account SET disabled = ?2 WHERE login = ?1",
    [STMT_SESSION_INSERT] = "INSERT INTO session (id_hash, account, csrf, created, last_seen)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_SESSION_GET] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled, s.csrf,"
                         " s.last_seen FROM session s JOIN account a ON a.id = s.account"
                         " LEFT JOIN person p ON p.id = a.person WHERE s.id_hash = ?1",
    /* Written at most once a minute per session, not once per request. */
    [STMT_SESSION_TOUCH] = "UPDATE session SET last_seen = ?2"
                           " WHERE id_hash = ?1 AND last_seen < ?2 - 60",
    [STMT_SESSION_DELETE] = "DELETE FROM session WHERE id_hash = ?1",
    [STMT_SESSION_DELETE_CSRF] = "DELETE FROM session WHERE account = ?1 AND csrf = ?2",
    [STMT_SESSION_EXPIRE] = "DELETE FROM session WHERE last_seen < ?1",
    /* Keeps the ?2 most recently seen sessions of account ?1. */
    [STMT_SESSION_TRIM] = "DELETE FROM session WHERE account = ?1 AND id_hash NOT IN"
                          " (SELECT id_hash FROM session WHERE account = ?1"
                          " ORDER BY last_seen DESC, created DESC LIMIT ?2)",
    [STMT_TOKEN_INSERT] = "INSERT INTO api_token (account, hash, label, created, expires)"
                          " VALUES (?1, ?2, ?3, ?4, ?5)",
    /* A token in force: not revoked, and ?2 (now, UTC) not after its last day. */
    [STMT_TOKEN_GET] = "SELECT a.id, a.login, a.role, p.key, a.created, a.disabled, t.id"
                       " FROM api_token t JOIN account a ON a.id = t.account"
                       " LEFT JOIN person p ON p.id = a.person WHERE t.hash = ?1"
                       " AND t.revoked IS NULL AND t.expires >= substr(?2, 1, 10)",
    /* last_used to the minute: at most one write a minute per token. */
    [STMT_TOKEN_TOUCH] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1"
                         " AND (last_used IS NULL OR substr(last_used, 1, 16) <> substr(?2, 1, 16))",
    /* A token row: id, login, label, created, expires, last_used, revoked. A NULL ?1 in
     * the list means every account's. */
    [STMT_TOKEN_LIST] = "SELECT t.id, a.login, t.label, t.created, t.expires, t.last_used,"
                        " t.revoked FROM api_token t JOIN account a ON a.id = t.account"
                        " WHERE (?1 IS NULL OR a.login = ?1) ORDER BY a.login, t.id",
    [STMT_TOKEN_BY_ID] = "SELECT t.id, a.login, t.label, t.created, t.expires, t.last_used,"
                         " t.revoked FROM api_token t JOIN account a ON a.id = t.account"
                         " WHERE t.id = ?1",
    [STMT_TOKEN_REVOKE] = "UPDATE api_token SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL",
    [STMT_TOKEN_ACTIVE] = "SELECT t.id FROM api_token t JOIN account a ON a.id = t.account"
                          " WHERE a.login = ?1 AND t.revoked IS NULL ORDER BY t.id",
    /* Pending imports (store_import.c): only ever read by the account that uploaded them. */
    [STMT_IMPORT_INSERT] = "INSERT INTO pending_import (account, filename, data, created)"
                           " VALUES (?1, ?2, ?3, ?4)",
    [STMT_IMPORT_GET] = "SELECT id, account, filename, created, data FROM pending_import"
                        " WHERE id = ?1 AND account = ?2",
    [STMT_IMPORT_LIST] = "SELECT id, account, filename, created, length(data) FROM pending_import"
                         " WHERE account = ?1 ORDER BY id DESC LIMIT ?2",
    [STMT_IMPORT_DELETE] = "DELETE FROM pending_import WHERE id = ?1 AND account = ?2",
    /* ?1 is now (store_now), ?2 the age in hours. */
    [STMT_IMPORT_EXPIRE] = "DELETE FROM pending_import"
                           " WHERE created < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, '-' || ?2 || ' hours')",
    /* The audit log newest first, with the filters of STMT_AUDIT_LIST. */
    [STMT_AUDIT_RECENT] = "SELECT id, at, actor, action, entity, entity_id, before, after, hash"
                          " FROM audit"
                          " WHERE (?1 IS NULL OR entity = ?1)"
                          " AND (?2 IS NULL OR entity_id = ?2)"
                          " AND (?3 IS NULL OR actor = ?3)"
                          " AND (?4 IS NULL OR at >= ?4)"
                          " AND (?5 IS NULL OR substr(at, 1, length(?5)) <= ?5)"
                          " ORDER BY id DESC LIMIT ?6",
    /* Cases and goals (store_cases.c). A NULL ?1 in the lists means all. */
    [STMT_CASE_INSERT] = "INSERT INTO cases (title, text, raised_by, raised_on, state, created,"
                         " updated) VALUES (?1, ?2, ?3, ?4, 'raised', ?5, ?5)",
    [STMT_CASE_TAG_INSERT] = "INSERT INTO case_tag (case_id, tag) VALUES (?1, ?2)",
    [STMT_CASE_EVENT_INSERT] = "INSERT INTO case_event (case_id, event, from_state, to_state,"
                               " actor, at, text, assignee) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                               " ?8)",
    [STMT_CASE_STATE] = "SELECT state, assignee, recommendation FROM cases WHERE id = ?1",
    /* Only from the state the change was checked against (?6). */
    [STMT_CASE_UPDATE] = "UPDATE cases SET state = ?2, assignee = ?3, recommendation = ?4,"
                         " updated = ?5 WHERE id = ?1 AND state = ?6",
    [STMT_CASE_DECISION_INSERT] = "INSERT INTO case_decision (case_id, event, kind, text, date,"
                                  " meeting) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_CASE_LIST] = "SELECT id, title, text, raised_by, raised_on, state, assignee,"
                       " recommendation, created, updated FROM cases"
                       " WHERE (?1 IS NULL OR id = ?1) ORDER BY id",
    [STMT_CASE_TAG_LIST] = "SELECT case_id, tag FROM case_tag WHERE (?1 IS NULL OR case_id = ?1)"
                           " ORDER BY case_id, rowid",
    [STMT_CASE_EVENT_LIST] = "SELECT id, case_id, event, from_state, to_state, actor, at, text,"
                             " assignee FROM case_event WHERE (?1 IS NULL OR case_id = ?1)"
                             " ORDER BY case_id, id",
    [STMT_CASE_DECISION_LIST] = "SELECT id, case_id, kind, text, date, meeting FROM case_decision"
                                " WHERE (?1 IS NULL OR case_id = ?1) ORDER BY case_id",
    [STMT_GOAL_INSERT] = "INSERT INTO goal (year, text, indicator, target, set_on, created)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_GOAL_STATUS_INSERT] = "INSERT INTO goal_status (goal, date, status, note, actor, at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_GOAL_STATUS_LATEST] = "SELECT status, date, note FROM goal_status WHERE goal = ?1"
                                " ORDER BY date DESC, id DESC LIMIT 1",
    [STMT_GOAL_LIST] = "SELECT id, year, text, indicator, target, set_on, created FROM goal"
                       " WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR year = ?2)"
                       " ORDER BY year, id",
    [STMT_GOAL_STATUS_LIST] = "SELECT s.id, s.goal, s.date, s.status, s.note, s.actor, s.at"
                              " FROM goal_status s JOIN goal g ON g.id = s.goal"
                              " WHERE (?1 IS NULL OR s.goal = ?1) AND (?2 IS NULL OR g.year = ?2)"
                              " ORDER BY s.goal, s.date, s.id",
    /* Meetings, agenda items, proposals, the decision log (store_meeting.c). A meeting row
     * is read as id, year, number, date, start, end, proposals, statuses, dispatch, state,
     * dispatched_on, speaker key, speaker name, speaker_reason, place, sequence. A change
     * of day, time or place adds one to the sequence (the invitations' SEQUENCE). */
    [STMT_MEETING_INSERT] = "INSERT INTO meeting (year, number, date, start, end, proposals,"
                            " statuses, dispatch, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [STMT_MEETING_REPLAN] = "UPDATE meeting SET date = ?2, start = ?3, end = ?4, proposals = ?5,"
                            " statuses = ?6, dispatch = ?7, place = coalesce(?8, place),"
                            " sequence = sequence + (date IS NOT ?2 OR start IS NOT ?3"
                            " OR end IS NOT ?4 OR (?8 IS NOT NULL AND place IS NOT ?8))"
                            " WHERE id = ?1",
    [STMT_MEETING_PLACE] = "UPDATE meeting SET place = ?2, sequence = sequence + 1"
                           " WHERE id = ?1 AND place IS NOT ?2",
    [STMT_MEETING_DELETE] = "DELETE FROM meeting WHERE id = ?1",
    [STMT_PERSON_CONTACT] = "SELECT name, email FROM person WHERE key = ?1",
    /* What each person was last sent about a meeting (store_invite.c). */
    [STMT_INVITE_LIST] = "SELECT meeting, person, address, sequence, version, cancelled, year,"
                         " number, date, start, end, place FROM meeting_invite",
    [STMT_INVITE_PUT] = "INSERT INTO meeting_invite (meeting, person, address, sequence, version,"
                        " cancelled, year, number, date, start, end, place) VALUES (?1, ?2, ?3,"
                        " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (meeting, person)"
                        " DO UPDATE SET address = ?3, sequence = ?4, version = ?5,"
                        " cancelled = ?6, year = ?7, number = ?8, date = ?9, start = ?10,"
                        " end = ?11, place = ?12",
    [STMT_MEETING_GET] = MEETING_COLS " WHERE m.id = ?1",
    [STMT_MEETING_LIST] = MEETING_COLS " WHERE (?1 IS NULL OR m.year = ?1) ORDER BY m.date, m.id",
    [STMT_MEETING_CONTENT] = "SELECT (SELECT count(*) FROM agenda_item WHERE meeting = ?1)"
                             " + (SELECT count(*) FROM proposal WHERE meeting = ?1)",
    [STMT_MEETING_STATE] = "UPDATE meeting SET state = ?2,"
                           " dispatched_on = coalesce(?3, dispatched_on) WHERE id = ?1",
    [STMT_MEETING_SPEAKER] = "UPDATE meeting SET speaker = (SELECT id FROM person WHERE key = ?2),"
                             " speaker_reason = ?3 WHERE id = ?1",
    [STMT_ITEM_LIST] = "SELECT pos, source, ref, title, kind, presenter, minutes, needs_material,"
                       " material, recommendation, amended, outcome, minutes_text,"
                       " (SELECT count(*) FROM material f WHERE f.meeting = i.meeting"
                       " AND f.item_source = i.source AND f.item_ref = i.ref)"
                       " FROM agenda_item i WHERE meeting = ?1 ORDER BY pos",
    [STMT_ITEM_CLEAR] = "DELETE FROM agenda_item WHERE meeting = ?1",
    [STMT_ITEM_INSERT] = "INSERT INTO agenda_item (meeting, pos, source, ref, title, kind,"
                         " presenter, minutes, needs_material, material, recommendation, amended)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [STMT_ITEM_UPDATE] = "UPDATE agenda_item SET title = ?3, kind = ?4, presenter = ?5,"
                         " minutes = ?6, material = ?7, recommendation = ?8, amended = ?9,"
                         " outcome = ?10, minutes_text = ?11 WHERE meeting = ?1 AND pos = ?2",
    [STMT_ITEM_ID] = "SELECT id FROM agenda_item WHERE meeting = ?1 AND pos = ?2",
    /* A case's item decided in minutes not approved yet (the approval decides the case). */
    [STMT_ITEM_CASE_MINUTED] = "SELECT a.meeting FROM agenda_item a JOIN meeting m"
                               " ON m.id = a.meeting WHERE a.source = 'case' AND a.ref = ?1"
                               " AND m.state = 'held'"
                               " AND a.outcome IN ('beslutning', 'rådgivning') LIMIT 1",
    [STMT_PROPOSAL_INSERT] = "INSERT INTO proposal (meeting, person, title, text, kind, minutes,"
                             " submitted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_PROPOSAL_LIST] = "SELECT pr.id, p.key, p.name, pr.title, pr.text, pr.kind, pr.minutes,"
                           " pr.submitted, pr.state, pr.reason FROM proposal pr"
                           " JOIN person p ON p.id = pr.person WHERE pr.meeting = ?1"
                           " ORDER BY pr.id",
    [STMT_PROPOSAL_DECIDE] = "UPDATE proposal SET state = ?2, reason = ?3 WHERE id = ?1",
    [STMT_PROPOSAL_MEETING] = "SELECT meeting FROM proposal WHERE id = ?1",
    /* ?1 a person key, ?2 a body, ?3 a day: whether the person holds an appointment in the
     * body current that day (as reg_serves). */
    [STMT_PROPOSAL_SERVES] = "SELECT 1 FROM appointment a JOIN person p ON p.id = a.person"
                             " WHERE p.key = ?1 AND a.body = ?2 AND a.start <= ?3"
                             " AND (a.end IS NULL OR a.end >= ?3) LIMIT 1",
    [STMT_FTS_DELETE_MEETING] = "DELETE FROM decision_fts WHERE rowid IN"
                                " (SELECT id FROM agenda_item WHERE meeting = ?1)",
    [STMT_FTS_DELETE] = "DELETE FROM decision_fts WHERE rowid = ?1",
    [STMT_FTS_INSERT] = "INSERT INTO decision_fts (rowid, title, text, year)"
                        " VALUES (?1, ?2, ?3, ?4)",
    /* ?1 an FTS5 query built by the store (every word quoted), ?2 a year or NULL, ?3 1 for
     * published minutes only, ?4 the limit. */
    [STMT_MATERIAL_INSERT] = "INSERT INTO material (meeting, item_source, item_ref, name, mime,"
                             " size, sha256, data, uploaded, actor, reason)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [STMT_MATERIAL_LIST] = "SELECT id, meeting, item_source, item_ref, name, mime, size, sha256,"
                           " uploaded, actor, reason, " MATERIAL_POS
                           " FROM material m WHERE meeting = ?1 ORDER BY id",
    [STMT_MATERIAL_GET] = "SELECT id, meeting, item_source, item_ref, name, mime, size, sha256,"
                          " uploaded, actor, reason, " MATERIAL_POS
                          ", data FROM material m WHERE id = ?1",
    [STMT_MATERIAL_DELETE] = "DELETE FROM material WHERE id = ?1",
    [STMT_MATERIAL_SAME] = "SELECT name FROM material WHERE meeting = ?1 AND item_source = ?2"
                           " AND item_ref = ?3 AND sha256 = ?4",
    [STMT_MSTATUS_INSERT] = "INSERT INTO meeting_status (meeting, body, submitted, actor, note)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_MSTATUS_LIST] = "SELECT id, body, submitted, actor, note FROM meeting_status"
                          " WHERE meeting = ?1 ORDER BY id",
    [STMT_MEETING_RECALL] = "UPDATE meeting SET state = 'planned', dispatched_on = NULL"
                            " WHERE id = ?1 AND state = 'dispatched'",
    [STMT_DECISION_LATEST] = "SELECT m.id, m.year, m.number, m.date, m.state, a.pos, a.title,"
                             " a.outcome, a.minutes_text FROM agenda_item a"
                             " JOIN meeting m ON m.id = a.meeting"
                             " WHERE a.outcome IS NOT NULL AND (?1 = 0 OR m.year = ?1)"
                             " AND (?2 = 0 OR m.state = 'published')"
                             " ORDER BY m.date DESC, a.pos LIMIT ?3",
    [STMT_DECISION_SEARCH] = "SELECT m.id, m.year, m.number, m.date, m.state, a.pos, a.title,"
                             " a.outcome, a.minutes_text FROM decision_fts f"
                             " JOIN agenda_item a ON a.id = f.rowid"
                             " JOIN meeting m ON m.id = a.meeting"
                             " WHERE decision_fts MATCH ?1 AND (?2 IS NULL OR m.year = ?2)"
                             " AND (?3 = 0 OR m.state = 'published')"
                             " ORDER BY m.date DESC, a.pos LIMIT ?4",
    /* initiatives, portfolio and economy (store_economy.c) */
    [STMT_ECON_INIT_INSERT] = "INSERT INTO initiative (key, name, body, description, special,"
                              " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_ECON_INIT_ALL] = "SELECT id, key, name, body, description, special, created"
                           " FROM initiative ORDER BY id",
    [STMT_ECON_STATUS_INSERT] = "INSERT INTO initiative_status (initiative, date, status, reason,"
                                " actor, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_ECON_STATUS_ALL] = "SELECT id, initiative, date, status, reason, actor"
                             " FROM initiative_status ORDER BY id",
    [STMT_ECON_MILE_INSERT] = "INSERT INTO initiative_milestone (initiative, title, due, done)"
                              " VALUES (?1, ?2, ?3, ?4)",
    [STMT_ECON_MILE_UPDATE] = "UPDATE initiative_milestone SET due = ?2, done = ?3 WHERE id = ?1",
    [STMT_ECON_MILE_ALL] = "SELECT id, initiative, title, due, done FROM initiative_milestone"
                           " ORDER BY id",
    [STMT_ECON_BUDGET_PUT] = "INSERT INTO initiative_budget (initiative, year, ore)"
                             " VALUES (?1, ?2, ?3)"
                             " ON CONFLICT (initiative, year) DO UPDATE SET ore = excluded.ore",
    [STMT_ECON_BUDGET_ALL] = "SELECT initiative, year, ore FROM initiative_budget"
                             " ORDER BY initiative, year",
    [STMT_ECON_RATE_INSERT] = "INSERT INTO economy_rate (year, ore, decision, decided, actor,"
                              " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_ECON_RATE_ALL] = "SELECT id, year, ore, decision, decided, actor, created"
                           " FROM economy_rate ORDER BY id",
    [STMT_ECON_POPSET_INSERT] = "INSERT INTO population_set (date, source, actor, created)"
                                " VALUES (?1, ?2, ?3, ?4)",
    [STMT_ECON_POPSET_ALL] = "SELECT id, date, source FROM population_set ORDER BY id",
    [STMT_ECON_POP_INSERT] = "INSERT INTO population (set_id, municipality, citizens)"
                             " VALUES (?1, ?2, ?3)",
    [STMT_ECON_POP_ALL] = "SELECT set_id, municipality, citizens FROM population"
                          " ORDER BY set_id, municipality",
    [STMT_ECON_ALLOC_INSERT] = "INSERT INTO allocation (initiative, year, ore, decision, date,"
                               " actor, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_ECON_ALLOC_ALL] = "SELECT id, initiative, year, ore, decision, date, actor"
                            " FROM allocation ORDER BY id",
    [STMT_ECON_SPEND_INSERT] = "INSERT INTO spending (initiative, year, ore, date, note, actor,"
                               " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_ECON_SPEND_ALL] = "SELECT id, initiative, year, ore, date, note, actor"
                            " FROM spending ORDER BY id",
    /* end initiatives, portfolio and economy */
    /* working groups and written hearings (store_wg.c) */
    [STMT_WG_INSERT] = "INSERT INTO wg (topic, question, reference_group, proposer, state, start,"
                       " end, hours, ore, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                       " ?10)",
    [STMT_WG_IDS] = "SELECT id FROM wg ORDER BY id",
    [STMT_WG_GET] = "SELECT w.id, w.topic, w.question, w.reference_group, w.proposer, w.state,"
                    " w.start, w.end, w.hours, w.ore, w.hearing_opened, w.hearing_deadline,"
                    " w.decided, w.summary, w.delivery, w.created, p.rank"
                    " FROM wg w LEFT JOIN wg_priority p ON p.wg = w.id WHERE w.id = ?1",
    [STMT_WG_UPDATE] = "UPDATE wg SET topic = ?2, question = ?3, reference_group = ?4,"
                       " proposer = ?5, state = ?6, start = ?7, end = ?8, hours = ?9, ore = ?10,"
                       " hearing_opened = ?11, hearing_deadline = ?12, decided = ?13,"
                       " summary = ?14, delivery = ?15 WHERE id = ?1",
    [STMT_WG_STAFF] = "SELECT s.id, p.key, p.name, s.profile, s.organisation, s.note"
                      " FROM wg_staff s LEFT JOIN person p ON p.id = s.person"
                      " WHERE s.wg = ?1 ORDER BY s.id",
    [STMT_WG_STAFF_INSERT] = "INSERT INTO wg_staff (wg, person, profile, organisation, note)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_WG_STAFF_DELETE] = "DELETE FROM wg_staff WHERE id = ?1 AND wg = ?2",
    [STMT_WG_ANSWERS] = "SELECT a.id, p.key, p.name, a.position, a.text, a.date, a.actor,"
                        " a.on_behalf FROM wg_answer a JOIN person p ON p.id = a.person"
                        " WHERE a.wg = ?1 ORDER BY p.name, p.key",
    /* One answer per member; a new answer replaces the old until the deadline. */
    [STMT_WG_ANSWER_PUT] = "INSERT INTO wg_answer (wg, person, position, text, date, actor,"
                           " on_behalf, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                           " ON CONFLICT (wg, person) DO UPDATE SET position = excluded.position,"
                           " text = excluded.text, date = excluded.date, actor = excluded.actor,"
                           " on_behalf = excluded.on_behalf, at = excluded.at",
    [STMT_WG_MEMBERS] = "SELECT m.id, p.key, p.name, m.organisation, m.municipality, m.role,"
                        " m.start, m.end FROM wg_member m JOIN person p ON p.id = m.person"
                        " WHERE m.wg = ?1 ORDER BY m.start, p.name, m.id",
    [STMT_WG_MEMBER_INSERT] = "INSERT INTO wg_member (wg, person, organisation, municipality,"
                              " role, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_WG_MEMBER_SET_END] = "UPDATE wg_member SET end = ?2 WHERE id = ?1",
    [STMT_WG_STEPS] = "SELECT event, from_state, to_state, date, actor, text, at FROM wg_step"
                      " WHERE wg = ?1 ORDER BY id",
    [STMT_WG_STEP_INSERT] = "INSERT INTO wg_step (wg, event, from_state, to_state, date, actor,"
                            " text, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_WG_PRIO_ALL] = "SELECT wg FROM wg_priority ORDER BY rank",
    [STMT_WG_PRIO_CLEAR] = "DELETE FROM wg_priority",
    [STMT_WG_PRIO_INSERT] = "INSERT INTO wg_priority (wg, rank) VALUES (?1, ?2)",
    /* end working groups and written hearings */
    /* Accounts in the browser (store_auth.c): role, person and one-time password links. A
     * link row: id, login, purpose, created, expires, used, cancelled, disabled. */
    [STMT_ACCOUNT_SET_ROLE] = "UPDATE account SET role = ?2 WHERE login = ?1",
    [STMT_ACCOUNT_SET_PERSON] = "UPDATE account SET person = ?2 WHERE login = ?1",
    /* ?1 (now, UTC) plus ?2 hours, in the same form. */
    [STMT_LINK_EXPIRY] = "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?1, '+' || ?2 || ' hours')",
    [STMT_LINK_INSERT] = "INSERT INTO password_link (account, hash, purpose, created, expires)"
                         " VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_LINK_GET] = "SELECT l.id, a.login, l.purpose, l.created, l.expires, l.used,"
                      " l.cancelled, a.disabled FROM password_link l"
                      " JOIN account a ON a.id = l.account WHERE l.hash = ?1",
    [STMT_LINK_USE] = "UPDATE password_link SET used = ?2"
                      " WHERE id = ?1 AND used IS NULL AND cancelled IS NULL",
    /* The links of login that could still be used (?2: now). */
    [STMT_LINK_OPEN] = "SELECT l.id FROM password_link l JOIN account a ON a.id = l.account"
                       " WHERE a.login = ?1 AND l.used IS NULL AND l.cancelled IS NULL"
                       " AND l.expires > ?2 ORDER BY l.id",
    [STMT_LINK_CANCEL] = "UPDATE password_link SET cancelled = ?2"
                         " WHERE id = ?1 AND used IS NULL AND cancelled IS NULL",
    /* end accounts in the browser */
    /* register corrections (store_reg.c) */
    [STMT_PERSON_DELETE] = "DELETE FROM person WHERE id = ?1",
    [STMT_APPT_DELETE] = "DELETE FROM appointment WHERE id = ?1",
    [STMT_MERGE_ACCOUNT] = "UPDATE account SET person = ?1 WHERE person = ?2",
    [STMT_MERGE_WG_STAFF] = "UPDATE wg_staff SET person = ?1 WHERE person = ?2",
    [STMT_MERGE_WG_ANSWER] = "UPDATE wg_answer SET person = ?1 WHERE person = ?2",
    [STMT_MERGE_WG_MEMBER] = "UPDATE wg_member SET person = ?1 WHERE person = ?2",
    [STMT_MERGE_SPEAKER] = "UPDATE meeting SET speaker = ?1 WHERE speaker = ?2",
    [STMT_MERGE_PROPOSAL] = "UPDATE proposal SET person = ?1 WHERE person = ?2",
    /* the outbox (store_mail.c) */
#define MAIL_COLS                                                                              \
	"id, key, message_id, person, address, name, subject, kind, state, attempts, next_at,"  \
	" answer, created, sent, digest"
    /* An informational message to a person who wants the daily digest is held for it. */
    [STMT_MAIL_INSERT] = "INSERT INTO mail (key, message_id, person, address, name, subject, text,"
                         " html, att_name, att_type, att_data, kind, next_at, created, state)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                         " CASE WHEN ?12 = 'info' AND ?15 = 0 AND EXISTS (SELECT 1 FROM mail_pref"
                         " WHERE person = ?3 AND digest = 1) THEN 'held' ELSE 'queued' END)"
                         " ON CONFLICT (key) DO NOTHING",
    [STMT_MAIL_OF_PERSON] = "SELECT " MAIL_COLS " FROM mail WHERE person = ?1"
                            " ORDER BY id DESC LIMIT ?2",
    [STMT_MAIL_HELD_PEOPLE] = "SELECT DISTINCT person FROM mail WHERE state = 'held'"
                              " AND created < ?1 ORDER BY person",
    [STMT_MAIL_HELD_OF] = "SELECT " MAIL_COLS ", text FROM mail WHERE state = 'held' AND"
                          " person = ?1 AND created < ?2 ORDER BY id",
    [STMT_MAIL_DIGESTED] = "UPDATE mail SET state = 'digested', digest = ?2 WHERE person = ?1"
                           " AND state = 'held' AND id <= ?3",
    [STMT_MAIL_RELEASE] = "UPDATE mail SET state = 'queued', next_at = ?2 WHERE person = ?1"
                          " AND state = 'held'",
    [STMT_MAIL_KEY_ID] = "SELECT id FROM mail WHERE key = ?1",
    [STMT_MAIL_PREF_GET] = "SELECT digest FROM mail_pref WHERE person = ?1",
    [STMT_MAIL_PREF_PUT] = "INSERT INTO mail_pref (person, digest, changed) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (person) DO UPDATE SET digest = ?2, changed = ?3",
    [STMT_MAIL_LIST] = "SELECT " MAIL_COLS " FROM mail WHERE (?1 IS NULL OR state = ?1)"
                       " ORDER BY id DESC LIMIT ?2",
    [STMT_MAIL_DUE] = "SELECT " MAIL_COLS ", text, html, att_name, att_type, att_data FROM mail"
                      " WHERE state = 'queued' AND (?1 OR next_at <= ?2) AND id > ?3"
                      " ORDER BY id LIMIT ?4",
    [STMT_MAIL_GET] = "SELECT " MAIL_COLS ", text, html, att_name, att_type, att_data FROM mail"
                      " WHERE id = ?1",
    [STMT_MAIL_SENT] = "UPDATE mail SET state = 'sent', sent = ?2, answer = ?3,"
                       " attempts = attempts + 1 WHERE id = ?1 AND state = 'queued'",
    [STMT_MAIL_RETRY] = "UPDATE mail SET attempts = ?2, next_at = ?3, answer = ?4, state = ?5"
                        " WHERE id = ?1 AND state = 'queued'",
    [STMT_PACKET_ADD] = "INSERT INTO meeting_packet (meeting, version, made, changes, sha256,"
                        " pages, pdf) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_PACKET_LIST] = "SELECT version, made, changes, sha256, pages, length(pdf) FROM"
                         " meeting_packet WHERE meeting = ?1 ORDER BY version DESC",
    [STMT_PACKET_GET] = "SELECT version, made, changes, sha256, pages, length(pdf), pdf FROM"
                        " meeting_packet WHERE meeting = ?1 AND (?2 = 0 OR version = ?2)"
                        " ORDER BY version DESC LIMIT 1",
    [STMT_MAIL_REQUEUE] = "UPDATE mail SET state = 'queued', attempts = 0, next_at = ?2"
                          " WHERE id = ?1 AND state = 'failed'",
    [STMT_MAIL_COUNT] = "SELECT state, count(*) FROM mail GROUP BY state",
    [STMT_MAIL_LOCK_GET] = "SELECT holder, host, pid, until FROM mail_sender WHERE id = 1",
    [STMT_MAIL_LOCK_PUT] = "INSERT OR REPLACE INTO mail_sender (id, holder, host, pid, until)"
                           " VALUES (1, ?1, ?2, ?3, ?4)",
    [STMT_MAIL_LOCK_DROP] = "DELETE FROM mail_sender WHERE id = 1 AND holder = ?1",
    /* end the outbox */
    /* attendance at meetings (store_attend.c) */
    [STMT_ATTEND_LIST] = "SELECT p.key, p.name, a.status, a.substitute, a.note, a.set_by, a.set_at"
                         " FROM meeting_attendance a JOIN person p ON p.id = a.person"
                         " WHERE a.meeting = ?1 ORDER BY p.name, p.key",
    [STMT_ATTEND_PUT] = "INSERT INTO meeting_attendance"
                        " (meeting, person, status, substitute, note, set_by, set_at)"
                        " VALUES (?1, (SELECT id FROM person WHERE key = ?2), ?3, ?4, ?5, ?6, ?7)"
                        " ON CONFLICT (meeting, person) DO UPDATE SET status = ?3,"
                        " substitute = ?4, note = ?5, set_by = ?6, set_at = ?7",
    [STMT_ATTEND_DELETE] = "DELETE FROM meeting_attendance WHERE meeting = ?1"
                           " AND person = (SELECT id FROM person WHERE key = ?2)",
    [STMT_ATTEND_APOLOGIES] = "SELECT p.key FROM meeting_attendance a"
                              " JOIN person p ON p.id = a.person"
                              " WHERE a.meeting = ?1 AND a.status = 'apology' ORDER BY p.key",
    [STMT_GUEST_LIST] = "SELECT id, name, organisation FROM meeting_guest WHERE meeting = ?1"
                        " ORDER BY id",
    [STMT_GUEST_INSERT] = "INSERT INTO meeting_guest (meeting, name, organisation, added_by,"
                          " added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_GUEST_DELETE] = "DELETE FROM meeting_guest WHERE meeting = ?1 AND id = ?2",
    [STMT_MERGE_ATTEND] = "UPDATE meeting_attendance SET person = ?1 WHERE person = ?2",
    /* end attendance at meetings */
    [STMT_ROUND_INSERT] = "INSERT INTO recruit_round (title, first_day, deadline, state, min_score,"
                          " evaluators, criteria, created_by, created_at)"
                          " VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7, ?8)",
    [STMT_ROUND_SEAT_INSERT] = "INSERT INTO recruit_seat (round, body, seats, profiles)"
                               " VALUES (?1, ?2, ?3, ?4)",
    [STMT_ROUND_GET] = "SELECT id, title, first_day, deadline, state, min_score, evaluators,"
                       " criteria, decided, decision, created_by, created_at FROM recruit_round"
                       " WHERE id = ?1",
    [STMT_ROUND_LIST] = "SELECT id FROM recruit_round ORDER BY id DESC",
    [STMT_ROUND_SEATS] = "SELECT body, seats, profiles FROM recruit_seat WHERE round = ?1",
    [STMT_ROUND_STATE] = "UPDATE recruit_round SET state = ?2 WHERE id = ?1 AND state = ?3",
    [STMT_ROUND_APP_INSERT] = "INSERT INTO recruit_app (round, ref, bodies, municipality, profile,"
                              " nominated, pool, person, received, sealed, cv)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                              " (SELECT id FROM person WHERE key = ?8), ?9, ?10, ?11)",
    [STMT_ROUND_KEY_INSERT] = "INSERT INTO recruit_key (app, key) VALUES (?1, ?2)",
    [STMT_ROUND_APPS] = "SELECT a.id, a.ref, a.bodies, a.municipality, a.profile, a.nominated,"
                        " a.pool, a.received, a.appointed, a.purged, a.sealed, k.key, p.key"
                        " FROM recruit_app a LEFT JOIN recruit_key k ON k.app = a.id"
                        " LEFT JOIN person p ON p.id = a.person WHERE a.round = ?1 ORDER BY a.id",
    [STMT_ROUND_PURGEABLE] = "SELECT a.id, a.ref FROM recruit_app a JOIN recruit_round r ON r.id = a.round"
                             " WHERE a.purged IS NULL AND a.appointed = 0 AND r.decided IS NOT NULL"
                             " AND date(r.decided, '+' || CASE a.pool WHEN 1 THEN ?2 ELSE ?1 END"
                             " || ' months') <= ?3 ORDER BY a.id",
    [STMT_ROUND_APP_PURGE] = "UPDATE recruit_app SET sealed = NULL, cv = NULL, person = NULL,"
                             " purged = ?2 WHERE id = ?1",
    [STMT_ROUND_KEY_DELETE] = "DELETE FROM recruit_key WHERE app = ?1",
    [STMT_ROUND_MARKS_FORGET] = "UPDATE recruit_mark SET reason = '-' WHERE app = ?1",
    [STMT_ROUND_CONFLICTS_FORGET] = "UPDATE recruit_conflict SET reason = '-' WHERE app = ?1",
    [STMT_ROUND_PERSON_BY_EMAIL] = "SELECT key FROM person WHERE email = ?1 COLLATE NOCASE"
                                   " ORDER BY id LIMIT 1",
    [STMT_ROUND_MAIL_FORGET] = "DELETE FROM mail WHERE key = ?1 OR key = ?2",
    [STMT_ROUND_APP_GET] = "SELECT round, municipality FROM recruit_app WHERE id = ?1",
    [STMT_ROUND_MARK_PUT] = "INSERT INTO recruit_mark (app, evaluator, crit, mark, reason, at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (app, evaluator, crit)"
                            " DO UPDATE SET mark = ?4, reason = ?5, at = ?6",
    [STMT_ROUND_MARKS] = "SELECT m.app, m.evaluator, m.crit, m.mark, m.reason FROM recruit_mark m"
                         " JOIN recruit_app a ON a.id = m.app WHERE a.round = ?1"
                         " ORDER BY m.app, m.evaluator, m.crit",
    [STMT_ROUND_CONFLICT_PUT] = "INSERT OR REPLACE INTO recruit_conflict (app, evaluator, reason, at)"
                                " VALUES (?1, ?2, ?3, ?4)",
    [STMT_ROUND_CONFLICT_MARKS_DELETE] = "DELETE FROM recruit_mark WHERE app = ?1 AND evaluator = ?2",
    [STMT_ROUND_CONFLICTS] = "SELECT c.app, c.evaluator FROM recruit_conflict c"
                             " JOIN recruit_app a ON a.id = c.app WHERE a.round = ?1",
    [STMT_ROUND_DECIDED] = "UPDATE recruit_round SET state = 'decided', decided = ?2, decision = ?3"
                           " WHERE id = ?1 AND state = 'recommended'",
    [STMT_ROUND_PICK_INSERT] = "INSERT INTO recruit_pick (round, app, body) VALUES (?1, ?2, ?3)",
    [STMT_ROUND_APP_APPOINTED] = "UPDATE recruit_app SET appointed = 1 WHERE id = ?1",
    [STMT_ROUND_CV] = "SELECT a.cv, a.sealed, k.key, a.round FROM recruit_app a"
                      " LEFT JOIN recruit_key k ON k.app = a.id WHERE a.id = ?1",
    [STMT_ROUND_MATCH] = "UPDATE recruit_app SET person = (SELECT id FROM person WHERE key = ?2)"
                         " WHERE id = ?1 AND purged IS NULL",
    [STMT_ROUND_APP_COUNT] = "SELECT count(*) FROM recruit_app WHERE round = ?1",
    [STMT_ROUND_PICKS] = "SELECT app, body FROM recruit_pick WHERE round = ?1 ORDER BY app",
    /* end recruitment rounds */
};

sqlite3_stmt *stmt_get(struct store *st, enum stmt s)
{
	assert(s < STMT__MAX && stmt_sql[s]);
	if (!st->stmt[s]) {
		int rc = sqlite3_prepare_v3(st->db, stmt_sql[s], -1, SQLITE_PREPARE_PERSISTENT,
		                            &st->stmt[s], NULL);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "fkigov: databasefejl (forbered sætning %d): %s\n", (int)s,
			        sqlite3_errmsg(st->db));
			st->stmt[s] = NULL;
			return NULL;
		}
	}
	return st->stmt[s];
}

void stmt_done(sqlite3_stmt *s)
{
	if (s)
		sqlite3_reset(s);
}

int store_fail(struct store *st, int rc, const char *what)
{
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		snprintf(st->conflict, sizeof st->conflict, "%s", sqlite3_errmsg(st->db));
		return FK_ECONFLICT;
	}
	fprintf(stderr, "fkigov: databasefejl (%s): %s\n", what, sqlite3_errmsg(st->db));
	return FK_EDB;
}

const char *store_conflict(const struct store *st)
{
	return st->conflict;
}

static sqlite3_stmt *db_vprepare(struct store *st, enum stmt s, const char *fmt, va_list ap)
{
	sqlite3_stmt *q = stmt_get(st, s);
	if (!q)
		return NULL;
	sqlite3_clear_bindings(q);
	for (int i = 1; fmt && *fmt; fmt++, i++) {
		switch (*fmt) {
		case 't': {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(q, i, v, -1, SQLITE_TRANSIENT);
			break;
		}
		case 'i':
			sqlite3_bind_int64(q, i, va_arg(ap, int64_t));
			break;
		case 'd':
			sqlite3_bind_int(q, i, va_arg(ap, int));
			break;
		case 'b': {
			const void *v = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			if (v)
				sqlite3_bind_blob64(q, i, v, n, SQLITE_TRANSIENT);
			break;
		}
		default:
			assert(!"db_prepare: unknown parameter letter");
		}
	}
	return q;
}

sqlite3_stmt *db_prepare(struct store *st, enum stmt s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *q = db_vprepare(st, s, fmt, ap);
	va_end(ap);
	return q;
}

int db_exec(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sqlite3_stmt *q = db_vprepare(st, s, fmt, ap);
	va_end(ap);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE || rc == SQLITE_ROW ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

char *db_text(sqlite3_stmt *q, int i)
{
	const char *s = (const char *)sqlite3_column_text(q, i);
	return s ? xstrdup(s) : NULL;
}

int db_row(struct store *st, sqlite3_stmt *q, const char *what)
{
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		return FK_OK;
	int err = rc == SQLITE_DONE ? FK_ENOTFOUND : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

int stmt_run(struct store *st, enum stmt s, const char *what)
{
	sqlite3_stmt *q = stmt_get(st, s);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = rc == SQLITE_DONE ? FK_OK : store_fail(st, rc, what);
	stmt_done(q);
	return err;
}

/* ---------------------------------------------------------------- transactions */

int store_begin(struct store *st)
{
	if (st->depth > 0) {
		/* Nested: a savepoint inside the open transaction. */
		int rc = stmt_run(st, STMT_SAVEPOINT, "begynd savepoint");
		if (rc == FK_OK)
			st->depth++;
		return rc;
	}
	int rc = stmt_run(st, STMT_BEGIN, "begynd transaktion");
	if (rc == FK_OK)
		st->depth = 1;
	/* Person keys are cached for one transaction only (see struct store). */
	st->pkey_new = true;
	store_forget(st);
	if (rc == FK_OK)
		(void)stmt_run(st, STMT_CACHE_WRITE, "sæt cache"); /* only speed depends on it */
	return rc;
}

/* After a write transaction: the cache back to its reading size. */
static void end_write(struct store *st)
{
	st->head_valid = false;
	(void)stmt_run(st, STMT_CACHE_READ, "sæt cache");
}

int store_commit(struct store *st)
{
	if (st->depth > 1) {
		st->depth--;
		return stmt_run(st, STMT_RELEASE, "afslut savepoint");
	}
	if (st->invites_dirty && !st->poisoned) {
		st->invites_dirty = false;
		int rc = store_invites_sync(st);
		if (rc != FK_OK) {
			store_rollback(st);
			return rc;
		}
	}
	if (st->packet_meeting && !st->poisoned) {
		int rc = store_packet_sync(st);
		if (rc != FK_OK) {
			store_rollback(st);
			return rc;
		}
	}
	st->depth = 0;
	if (st->poisoned) {
		fprintf(stderr, "fkigov: en ændring kunne ikke skrives i audit-loggen;"
		                " intet er gemt.\n");
		store_rollback(st);
		return FK_EDB;
	}
	int rc = stmt_run(st, STMT_COMMIT, "gem transaktion");
	if (rc != FK_OK && !sqlite3_get_autocommit(st->db))
		store_rollback(st);
	if (rc == FK_OK)
		st->pkey_new = false;
	end_write(st);
	return rc;
}

void store_rollback(struct store *st)
{
	if (st->depth > 1) {
		st->depth--;
		(void)stmt_run(st, STMT_ROLLBACK_TO, "rul savepoint tilbage");
		(void)stmt_run(st, STMT_RELEASE, "afslut savepoint");
		store_forget(st); /* cached audit head and person keys may be undone */
		return;
	}
	st->depth = 0;
	st->invites_dirty = false;
	st->packet_meeting = 0;
	buf_reset(&st->packet_changes);
	if (!sqlite3_get_autocommit(st->db))
		(void)stmt_run(st, STMT_ROLLBACK, "rul transaktion tilbage");
	store_forget(st);
	end_write(st);
}

void store_forget(struct store *st)
{
	st->head_valid = false;
	st->poisoned = false;
	if (!st->pkey_new)
		return; /* every cached key is of a committed row: still right */
	st->pkey_new = false;
	for (size_t i = 0; i < st->cappkey; i++) {
		free(st->pkey[i]);
		st->pkey[i] = NULL;
	}
	free(st->pkey_spill);
	st->pkey_spill = NULL;
}

int tx_enter(struct store *st, bool *own)
{
	*own = false;
	if (!sqlite3_get_autocommit(st->db))
		return FK_OK;
	int rc = store_begin(st);
	if (rc == FK_OK)
		*own = true;
	return rc;
}

int tx_leave(struct store *st, bool own, int rc)
{
	if (!own)
		return rc;
	if (rc == FK_OK)
		return store_commit(st);
	store_rollback(st);
	return rc;
}

/* ---------------------------------------------------------------- time */

const char *store_now(struct store *st)
{
	const char *e = getenv("FKIGOV_NOW");
	if (e && *e) {
		if (strlen(e) == 10)
			snprintf(st->now, sizeof st->now, "%sT00:00:00Z", e);
		else
			snprintf(st->now, sizeof st->now, "%s", e);
		st->now_t = (time_t)-1;
		return st->now;
	}
	time_t t = time(NULL);
	if (t != st->now_t) {
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(st->now, sizeof st->now, "%Y-%m-%dT%H:%M:%SZ", &tm);
		st->now_t = t;
	}
	return st->now;
}

/* ---------------------------------------------------------------- open and close */

static void open_msg(struct diags *d, const char *path, const char *msg)
{
	if (d)
		diags_add(d, path, 0, 0, NULL, "%s", msg);
	else
		fprintf(stderr, "%s: %s\n", path, msg);
}

/* Reads PRAGMA user_version into *v. */
static int user_version(struct store *st, int *v)
{
	sqlite3_stmt *q = stmt_get(st, STMT_USER_VERSION);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(q, 0);
	else
		err = store_fail(st, rc, "læs skemaversion");
	stmt_done(q);
	return err;
}

/* Applies the migrations the database has not had, each in its own transaction. The
 * version is read again under the write lock, so two processes opening at once apply each
 * migration once. */
static int migrate(struct store *st, struct diags *d)
{
	int v, rc;
	if ((rc = user_version(st, &v)) != FK_OK)
		return rc;
	while (v != store_nmigrations) {
		if (v > store_nmigrations) {
			char msg[256];
			snprintf(msg, sizeof msg,
			         "Databasen er lavet af en nyere udgave af fkigov (skemaversion %d;"
			         " denne udgave kender op til %d). Opdater fkigov.",
			         v, store_nmigrations);
			open_msg(d, st->path, msg);
			return FK_EDB;
		}
		if ((rc = store_begin(st)) != FK_OK)
			return rc;
		if ((rc = user_version(st, &v)) != FK_OK)
			goto fail;
		if (v >= store_nmigrations) {
			store_rollback(st);
			continue;
		}
		char *err = NULL;
		if (sqlite3_exec(st->db, store_migrations[v], NULL, NULL, &err) != SQLITE_OK) {
			fprintf(stderr, "fkigov: databasefejl (migrering %d): %s\n", v + 1,
			        err ? err : sqlite3_errmsg(st->db));
			sqlite3_free(err);
			rc = FK_EDB;
			goto fail;
		}
		/* user_version cannot be bound; the number is ours, not input. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			rc = store_fail(st, SQLITE_ERROR, "skriv skemaversion");
			goto fail;
		}
		if ((rc = store_commit(st)) != FK_OK)
			return rc;
		v++;
	}
	return FK_OK;
fail:
	store_rollback(st);
	return rc;
}

static void free_store(struct store *st)
{
	if (!st)
		return;
	model_free(st->model);
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db)
		sqlite3_close_v2(st->db);
	for (size_t i = 0; i < st->cappkey; i++)
		free(st->pkey[i]);
	free(st->pkey);
	free(st->pkey_spill);
	if (st->jappt)
		json_decref(st->jappt);
	for (int i = 0; i < 3; i++)
		free(st->jb[i].s);
	buf_free(&st->packet_changes);
	free(st->path);
	free(st);
}

static int open_db(const char *path, bool create, struct store **out, struct diags *d)
{
	*out = NULL;
	char msg[512];
	if (sodium_init() < 0) {
		open_msg(d, path, "Kryptobiblioteket (libsodium) kunne ikke startes.");
		return FK_EDB;
	}
	struct stat sb;
	if (!create && (!*path || stat(path, &sb) != 0)) {
		snprintf(msg, sizeof msg,
		         "Databasen findes ikke. Opret den med \"fkigov init\", eller angiv den"
		         " rigtige sti med --db.");
		open_msg(d, path, msg);
		return FK_ENOTFOUND;
	}
	struct store *st = xcalloc(1, sizeof *st);
	buf_init(&st->packet_changes);
	st->path = xstrdup(path);
	st->now_t = (time_t)-1;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &st->db, flags, NULL);
	if (rc != SQLITE_OK) {
		snprintf(msg, sizeof msg, "Databasen kan ikke åbnes: %s.",
		         st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		open_msg(d, path, msg);
		free_store(st);
		return FK_EDB;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	static const char pragmas[] = "PRAGMA foreign_keys = ON;"
	                              "PRAGMA journal_mode = WAL;"
	                              "PRAGMA synchronous = FULL;";
	rc = sqlite3_exec(st->db, pragmas, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			snprintf(
			    msg, sizeof msg,
			    "Filen er ikke en fkigov-database. Angiv den rigtige sti med --db.");
		else
			snprintf(msg, sizeof msg, "Databasen kan ikke åbnes: %s.",
			         sqlite3_errmsg(st->db));
		open_msg(d, path, msg);
		free_store(st);
		return FK_EDB;
	}
	st->jappt = json_object();
	if ((rc = migrate(st, d)) != FK_OK) {
		free_store(st);
		return rc;
	}
	*out = st;
	return FK_OK;
}

/* Whether the database holds a model (*has). */
static int has_model(struct store *st, bool *has)
{
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_COUNT);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW)
		*has = sqlite3_column_int64(q, 0) > 0;
	else
		err = store_fail(st, rc, "læs model");
	stmt_done(q);
	return err;
}

int store_open(const char *path, struct store **out, struct diags *d)
{
	struct store *st;
	*out = NULL;
	int rc = open_db(path, false, &st, d);
	if (rc != FK_OK)
		return rc;
	bool has = false;
	if ((rc = has_model(st, &has)) != FK_OK)
		goto fail;
	if (!has) {
		open_msg(
		    d, path,
		    "Databasen er ikke sat op endnu. Kør \"fkigov init\" med denne sti først.");
		rc = FK_ENOTFOUND;
		goto fail;
	}
	*out = st;
	return FK_OK;
fail:
	free_store(st);
	*out = NULL;
	return rc;
}

void store_close(struct store *st)
{
	free_store(st);
}

/* The audit record of a model: its source, size and SHA-256, not the whole text (the
 * model table holds that, and the hash ties the two together). */
static char *model_audit_json(const char *json, size_t len, const char *source)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	crypto_hash_sha256(h, (const unsigned char *)json, len);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	json_t *o =
	    json_pack("{s:s, s:I, s:s}", "source", source, "bytes", (json_int_t)len, "sha256", hex);
	if (!o)
		return NULL;
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return s;
}

int store_create(const char *path, const char *model_json, size_t len, const char *source,
                 const char *actor, struct diags *d)
{
	assert(path && model_json && source && actor);
	struct store *st;
	int rc = open_db(path, true, &st, d);
	if (rc != FK_OK)
		return rc;
	char *after = NULL;
	if ((rc = store_begin(st)) != FK_OK)
		goto out;
	bool has = false;
	if ((rc = has_model(st, &has)) != FK_OK)
		goto out;
	if (has) {
		open_msg(d, path,
		         "Der findes allerede en fkigov-database med en model her. Angiv en anden"
		         " sti med --db, eller fjern filen, hvis du vil begynde forfra.");
		rc = FK_ECONFLICT;
		goto out;
	}
	after = model_audit_json(model_json, len, source);
	if (!after) {
		open_msg(d, path, "Modellens kildenavn er ikke gyldig UTF-8.");
		rc = FK_EINPUT;
		goto out;
	}
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_PUT);
	if (!q) {
		rc = FK_EDB;
		goto out;
	}
	const char *now = store_now(st);
	sqlite3_bind_text(q, 1, model_json, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, now, -1, SQLITE_TRANSIENT);
	int src = sqlite3_step(q);
	rc = src == SQLITE_DONE ? FK_OK : store_fail(st, src, "gem model");
	stmt_done(q);
	if (rc != FK_OK)
		goto out;
	if ((rc = audit_append(st, actor, "init", "model", "1", 1, NULL, 0, after,
	                       strlen(after))) != FK_OK)
		goto out;
	rc = store_commit(st);
out:
	if (rc != FK_OK)
		store_rollback(st);
	free(after);
	free_store(st);
	return rc;
}

int store_model_json(struct store *st, char **json, size_t *len)
{
	*json = NULL;
	if (len)
		*len = 0;
	sqlite3_stmt *q = stmt_get(st, STMT_MODEL_GET);
	if (!q)
		return FK_EDB;
	int rc = sqlite3_step(q);
	int err = FK_OK;
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(q, 0);
		*json = xstrndup((const char *)sqlite3_column_text(q, 0), n);
		if (len)
			*len = n;
	} else if (rc == SQLITE_DONE) {
		err = FK_ENOTFOUND;
	} else {
		err = store_fail(st, rc, "læs model");
	}
	stmt_done(q);
	return err;
}
