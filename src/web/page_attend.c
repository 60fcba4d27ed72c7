/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Attendance at the steering group's meetings in the browser (issue 12):
 *   GET  /meetings/{id}/attendance   who is summoned, apologies, attendance, substitutes and
 *                                    guests; for the secretariat, from the meeting day until
 *                                    the minutes are approved, the form that records them.
 *                                    POST (admin): action record | guest-add | guest-remove.
 *   GET  /api/v1/meetings/{id}/attendance   the same as JSON.
 *   /my                              a member's apologies for coming meetings: "Meld afbud"
 *                                    with an optional reason, "Træk afbud tilbage".
 *   the meeting page                 a summary (meeting_attendance_json).
 * Errors of a POST re-render the page with 400 and the message next to the field; the
 * server's transaction is then rolled back, so nothing is half-written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agenda.h"
#include "core/attend.h"
#include "core/wg.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/visible.h"

/* The message of the diagnostic of d on field, or NULL. */
static const char *diag_of(const struct diags *d, const char *field)
{
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].field && !strcmp(d->v[i].field, field))
			return d->v[i].msg;
	return NULL;
}

static json_t *opt_text(const char *s)
{
	return s ? form_text(s) : json_null();
}

/* ---------------------------------------------------------------- the JSON of the API */

static json_t *minutes_json(const struct attend_minutes *mn)
{
	json_t *pa = json_array(), *ab = json_array();
	for (size_t i = 0; i < mn->nparticipants; i++)
		json_array_append_new(pa, form_text(mn->participants[i]));
	for (size_t i = 0; i < mn->nabsentees; i++)
		json_array_append_new(ab, form_text(mn->absentees[i]));
	return json_pack("{s:o, s:o, s:I}", "participants", pa, "absentees", ab, "unrecorded",
	                 (json_int_t)mn->unrecorded);
}

/* {"meeting", "members": [...], "guests": [...], "minutes": {...}}. */
static json_t *attendance_doc(int64_t id, const struct attendance *v, size_t n,
                              const struct meeting_guest *g, size_t ng)
{
	json_t *mem = json_array(), *gs = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    mem, json_pack("{s:s, s:o, s:s, s:s, s:o, s:o, s:b}", "person", v[i].person, "name",
		                   form_text(v[i].name), "status", attend_status_name(v[i].status),
		                   "status_label", attend_status_da(v[i].status), "substitute",
		                   opt_text(v[i].substitute), "note", opt_text(v[i].note), "summoned",
		                   v[i].summoned));
	for (size_t i = 0; i < ng; i++)
		json_array_append_new(gs, json_pack("{s:I, s:o, s:o}", "id", (json_int_t)g[i].id,
		                                    "name", form_text(g[i].name), "organisation",
		                                    opt_text(g[i].organisation)));
	struct attend_minutes mn;
	attend_minutes_build(v, n, g, ng, &mn);
	json_t *doc = json_pack("{s:I, s:o, s:o, s:o}", "meeting", (json_int_t)id, "members", mem,
	                        "guests", gs, "minutes", minutes_json(&mn));
	attend_minutes_free(&mn);
	return doc;
}

/* The attendance and guests of meeting id. */
static int load(struct web_req *r, int64_t id, struct attendance **v, size_t *n,
                struct meeting_guest **g, size_t *ng)
{
	*g = NULL;
	*ng = 0;
	int rc = store_attendance_list(r->st, r->app->model, id, v, n);
	if (rc == FK_OK && (rc = store_meeting_guests(r->st, id, g, ng)) != FK_OK) {
		store_attendance_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

int api_meeting_attendance(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(r->param, 1L << 30, &id))
		return web_error(r, p, 404, "Mødet findes ikke.");
	struct attendance *v;
	struct meeting_guest *g;
	size_t n, ng;
	int rc = load(r, id, &v, &n, &g, &ng);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Fremmødet kunne ikke læses. Prøv igen om lidt.");
	p->doc = attendance_doc(id, v, n, g, ng);
	store_attendance_free(v, n);
	store_meeting_guests_free(g, ng);
	return 0;
}

/* ---------------------------------------------------------------- the page */

/* The page of meeting id; with d the failed form of action (its typed values kept). */
static int attendance_page(struct web_req *r, struct web_resp *p, int64_t id, const char *action,
                           const struct diags *d)
{
	struct meeting mt;
	int rc = store_meeting_get(r->st, id, &mt);
	if (rc == FK_ENOTFOUND)
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Mødet kunne ikke læses. Prøv igen om lidt.");
	struct attendance *v;
	struct meeting_guest *g;
	size_t n, ng;
	if (load(r, id, &v, &n, &g, &ng) != FK_OK) {
		meeting_free(&mt);
		return web_error(r, p, 500, "Fremmødet kunne ikke læses. Prøv igen om lidt.");
	}
	bool admin = r->user.role == ROLE_ADMIN;
	char msg[400] = "";
	bool may = attend_record_allowed(mt.state, mt.date, r->today, msg, sizeof msg) == 0;
	bool can_record = admin && may;
	bool failed_record = d && action && !strcmp(action, "record");
	bool failed_guest = d && action && !strcmp(action, "guest-add");
	json_t *doc = attendance_doc(id, v, n, g, ng), *summary = json_array();
	json_object_set_new(doc, "id", json_integer((json_int_t)id));
	json_object_set_new(doc, "meeting_id", json_integer((json_int_t)id));
	json_t *mj = json_object_get(doc, "minutes");
	json_object_set_new(doc, "has_participants",
	                    json_boolean(json_array_size(json_object_get(mj, "participants")) > 0));
	json_object_set_new(doc, "has_absentees",
	                    json_boolean(json_array_size(json_object_get(mj, "absentees")) > 0));
	json_object_set_new(doc, "number", json_integer(mt.number));
	json_object_set_new(doc, "year", json_integer(mt.year));
	json_object_set_new(doc, "state_da", json_string(meeting_state_da(mt.state)));
	form_date_da(doc, "date_da", mt.date);
	json_object_set_new(doc, "admin", json_boolean(admin));
	json_object_set_new(doc, "can_record", json_boolean(can_record));
	json_object_set_new(doc, "from_day", json_boolean(r->today >= mt.date));
	if (admin && !may)
		json_object_set_new(doc, "record_closed", json_string(msg));
	/* The members: the rows of the table and, for the secretariat, the form's fieldsets. */
	json_t *rows = json_object_get(doc, "members"), *form = json_array(), *others = json_array();
	size_t napol = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(rows, i);
		json_object_set_new(o, "apology", json_boolean(v[i].status == ATTEND_APOLOGY));
		json_object_set_new(o, "registered", json_boolean(v[i].status != ATTEND_NONE));
		napol += v[i].summoned && v[i].status == ATTEND_APOLOGY;
		if (!v[i].summoned) {
			json_array_append(others, o);
			continue;
		}
		if (!can_record)
			continue;
		char f_status[96], f_sub[96], f_note[96];
		snprintf(f_status, sizeof f_status, "status-%s", v[i].person);
		snprintf(f_sub, sizeof f_sub, "substitute-%s", v[i].person);
		snprintf(f_note, sizeof f_note, "note-%s", v[i].person);
		int sel = v[i].status;
		const char *sub = v[i].substitute, *note = v[i].note;
		if (failed_record) {
			sel = attend_status_parse(web_field(r, f_status));
			sub = web_field(r, f_sub);
			note = web_field(r, f_note);
		}
		json_t *opts = json_array();
		static const int order[] = {ATTEND_PRESENT, ATTEND_APOLOGY, ATTEND_ABSENT, ATTEND_NONE};
		for (size_t k = 0; k < 4; k++)
			json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value",
			                                      attend_status_name(order[k]), "label",
			                                      attend_status_da(order[k]), "checked",
			                                      sel == order[k]));
		json_t *x = json_pack("{s:s, s:o, s:o, s:o, s:o, s:b}", "person", v[i].person, "name",
		                      form_text(v[i].name), "options", opts, "substitute",
		                      form_text(sub), "note", form_text(note), "apology_sent",
		                      v[i].status == ATTEND_APOLOGY);
		const char *e;
		if ((e = diag_of(d, f_status)) && failed_record)
			json_object_set_new(x, "err_status", form_text(e));
		if ((e = diag_of(d, f_sub)) && failed_record)
			json_object_set_new(x, "err_substitute", form_text(e));
		if ((e = diag_of(d, f_note)) && failed_record)
			json_object_set_new(x, "err_note", form_text(e));
		json_array_append_new(form, x);
	}
	json_object_set_new(doc, "form", form);
	json_object_set_new(doc, "others", others);
	json_object_set_new(doc, "has_others", json_boolean(json_array_size(others) > 0));
	json_object_set_new(doc, "napologies", json_integer((json_int_t)napol));
	json_object_set_new(doc, "has_guests", json_boolean(ng > 0));
	json_object_set_new(doc, "guest_form",
	                    json_pack("{s:o, s:o}", "name",
	                              form_text(failed_guest ? web_field(r, "name") : ""), "organisation",
	                              form_text(failed_guest ? web_field(r, "organisation") : "")));
	if (failed_guest) {
		json_t *gf = json_object_get(doc, "guest_form");
		const char *e;
		if ((e = diag_of(d, "name")))
			json_object_set_new(gf, "err_name", form_text(e));
		if ((e = diag_of(d, "organisation")))
			json_object_set_new(gf, "err_organisation", form_text(e));
	}
	/* The error summary: each message links to its field. */
	for (size_t i = 0; d && i < d->n; i++) {
		const char *f = d->v[i].field;
		char anchor[128];
		if (f && (!strncmp(f, "status-", 7) || !strncmp(f, "substitute-", 11) ||
		          !strncmp(f, "note-", 5)))
			snprintf(anchor, sizeof anchor, "%s%s", f,
			         !strncmp(f, "status-", 7) ? "-present" : "");
		else if (f && (!strcmp(f, "name") || !strcmp(f, "organisation")))
			snprintf(anchor, sizeof anchor, "guest-%s", f);
		else
			snprintf(anchor, sizeof anchor, "fremmoede-fejl");
		json_array_append_new(summary, json_pack("{s:s, s:o}", "field", anchor, "message",
		                                         form_text(d->v[i].msg)));
		if (!strcmp(anchor, "fremmoede-fejl") && !json_object_get(doc, "general_error"))
			json_object_set_new(doc, "general_error", form_text(d->v[i].msg));
	}
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
	json_object_set_new(doc, "summary", summary);
	static const struct {
		const char *key, *text;
	} flashes[] = {{"recorded", "Fremmødet er gemt."},
	               {"guest-added", "Gæsten er tilføjet."},
	               {"guest-removed", "Gæsten er fjernet."}};
	const char *ok = web_query(r, "ok");
	for (size_t i = 0; ok && !d && i < sizeof flashes / sizeof flashes[0]; i++)
		if (!strcmp(ok, flashes[i].key))
			json_object_set_new(doc, "flash", json_string(flashes[i].text));
	char t[120];
	snprintf(t, sizeof t, "%sFremmøde: Styregruppemøde %d/%d", d ? "Fejl: " : "", mt.number,
	         mt.year);
	json_object_set_new(doc, "title", json_string(t));
	store_attendance_free(v, n);
	store_meeting_guests_free(g, ng);
	meeting_free(&mt);
	p->doc = doc;
	return 0;
}

/* The secretariat's record: a line for each summoned member whose status field was sent. */
static int record(struct web_req *r, int64_t id, struct diags *d)
{
	struct attendance *v;
	size_t n;
	int rc = store_attendance_list(r->st, r->app->model, id, &v, &n);
	if (rc != FK_OK)
		return rc;
	struct store_attend_line *lines = xcalloc(n + 1, sizeof *lines);
	size_t nl = 0;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].summoned)
			continue;
		char f[96];
		snprintf(f, sizeof f, "status-%s", v[i].person);
		const char *s = web_form(r, f);
		if (!s)
			continue;
		int status = attend_status_parse(s);
		if (status < 0) {
			diags_add(d, NULL, 0, 0, f, "Vælg deltog, afbud, fraværende eller ikke registreret "
			                            "for %s.", v[i].name);
			continue;
		}
		struct store_attend_line *x = &lines[nl++];
		x->person = v[i].person;
		x->status = status;
		snprintf(f, sizeof f, "substitute-%s", v[i].person);
		x->substitute = web_form(r, f);
		snprintf(f, sizeof f, "note-%s", v[i].person);
		x->note = web_form(r, f);
	}
	if (d->n == 0 && nl == 0)
		diags_add(d, NULL, 0, 0, NULL, "Vælg fremmøde for mindst ét medlem.");
	rc = d->n ? FK_EINPUT
	          : store_attendance_record(r->st, r->user.login, r->app->model, id, lines, nl,
	                                    r->today, d);
	free(lines);
	store_attendance_free(v, n);
	return rc;
}

int page_meeting_attendance(struct web_req *r, struct web_resp *p)
{
	long id;
	if (!web_whole(r->param, 1L << 30, &id))
		return web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	if (r->method != WM_POST)
		return attendance_page(r, p, id, NULL, NULL);
	if (web_input_refused(r, p))
		return 0;
	struct meeting mt;
	if (!web_load_meeting(r, p, &id, &mt))
		return 0;
	meeting_free(&mt);
	const char *action = web_field(r, "action");
	struct diags d;
	diags_init(&d);
	int rc;
	const char *flash = "";
	if (!strcmp(action, "record")) {
		flash = "recorded";
		rc = record(r, id, &d);
	} else if (!strcmp(action, "guest-add")) {
		flash = "guest-added";
		rc = store_meeting_guest_add(r->st, r->user.login, id, web_field(r, "name"),
		                             web_field(r, "organisation"), r->today, NULL, &d);
	} else if (!strcmp(action, "guest-remove")) {
		long gid;
		flash = "guest-removed";
		if (!web_whole(web_field(r, "guest"), 1L << 40, &gid)) {
			diags_add(&d, NULL, 0, 0, "guest", "Gæsten findes ikke på mødet.");
			rc = FK_ENOTFOUND;
		} else
			rc = store_meeting_guest_remove(r->st, r->user.login, id, gid, r->today, &d);
	} else {
		diags_add(&d, NULL, 0, 0, NULL, "Ukendt handling. Gå tilbage til siden, og prøv igen.");
		rc = FK_EINPUT;
	}
	if (rc == FK_OK) {
		diags_free(&d);
		web_redirect(p, "/meetings/%ld/attendance?ok=%s", id, flash);
		return 0;
	}
	if (d.n == 0)
		diags_add(&d, NULL, 0, 0, NULL,
		          "Det kunne ikke gemmes. Intet er ændret. Prøv igen om lidt.");
	int status = rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT ? 400 : 500;
	int r2 = attendance_page(r, p, id, action, &d);
	if (p->doc)
		p->status = status;
	diags_free(&d);
	return r2;
}

/* ---------------------------------------------------------------- the meeting page */

void meeting_attendance_json(struct web_req *r, const struct meeting *mt, json_t *doc)
{
	struct attendance *v;
	struct meeting_guest *g;
	size_t n, ng;
	if (load(r, mt->id, &v, &n, &g, &ng) != FK_OK)
		return;
	bool held = r->today >= mt->date || mt->state >= MEETING_HELD;
	json_t *apol = json_array();
	size_t recorded = 0;
	for (size_t i = 0; i < n; i++) {
		if (!v[i].summoned)
			continue;
		recorded += v[i].status == ATTEND_PRESENT || v[i].status == ATTEND_ABSENT;
		if (v[i].status == ATTEND_APOLOGY)
			json_array_append_new(apol, json_pack("{s:o, s:o}", "name", form_text(v[i].name),
			                                      "note", opt_text(v[i].note)));
	}
	struct attend_minutes mn;
	attend_minutes_build(v, n, g, ng, &mn);
	char msg[300];
	json_t *a = json_pack("{s:o, s:b, s:b, s:b, s:b, s:o}", "apologies", apol, "has_apologies",
	                      json_array_size(apol) > 0, "held", held, "recorded",
	                      recorded > 0 || ng > 0, "can_record",
	                      r->user.role == ROLE_ADMIN &&
	                          attend_record_allowed(mt->state, mt->date, r->today, msg,
	                                                sizeof msg) == 0,
	                      "minutes", minutes_json(&mn));
	json_object_set_new(a, "has_participants", json_boolean(mn.nparticipants > 0));
	json_object_set_new(a, "has_absentees", json_boolean(mn.nabsentees > 0));
	char url[64];
	snprintf(url, sizeof url, "/meetings/%lld/attendance", (long long)mt->id);
	json_object_set_new(a, "url", json_string(url));
	attend_minutes_free(&mn);
	json_object_set_new(doc, "attendance", a);
	store_attendance_free(v, n);
	store_meeting_guests_free(g, ng);
}

/* ---------------------------------------------------------------- /my */

void my_apology_json(struct web_req *r, json_t *doc, long failed, const struct diags *d)
{
	const struct model *m = r->app->model;
	const char *person = r->user.person;
	int sg = wg_steering_group(m);
	if (!person[0] || sg < 0)
		return;
	struct meeting *mv = NULL;
	size_t nm = 0;
	struct reg reg;
	json_t *a = json_array();
	if (store_meeting_list(r->st, 0, false, &mv, &nm) != FK_OK ||
	    web_load_register(r, &reg) != FK_OK) {
		meetings_free(mv, nm);
		json_decref(a);
		json_object_set_new(doc, "apology_error",
		                    json_string("Dine møder kunne ikke læses. Prøv igen om lidt."));
		return;
	}
	int32_t pi = reg_person_find(&reg, person);
	for (size_t i = 0; pi >= 0 && i < nm; i++) {
		const struct meeting *mt = &mv[i];
		char msg[300];
		if (attend_apology_allowed(mt->state, mt->date, r->today, msg, sizeof msg) != 0 ||
		    !wg_serves(&reg, sg, pi, mt->date))
			continue;
		struct attendance *v = NULL;
		size_t n = 0;
		if (store_attendance_list(r->st, m, mt->id, &v, &n) != FK_OK)
			continue;
		const struct attendance *me = NULL;
		for (size_t k = 0; k < n && !me; k++)
			if (!strcmp(v[k].person, person))
				me = &v[k];
		char name[128], mid[32];
		meeting_label(mt, mid, sizeof mid, name, sizeof name);
		bool fail = d && failed == (long)mt->id;
		json_t *o = json_pack("{s:I, s:s, s:b, s:o, s:b, s:b}", "id", (json_int_t)mt->id,
		                      "meeting", name, "sent", me && me->status == ATTEND_APOLOGY,
		                      "reason", opt_text(me ? me->note : NULL), "speaker",
		                      mt->speaker && !strcmp(mt->speaker, person), "recorded",
		                      me && (me->status == ATTEND_PRESENT || me->status == ATTEND_ABSENT));
		if (me && (me->status == ATTEND_PRESENT || me->status == ATTEND_ABSENT))
			json_object_set_new(o, "recorded_da", json_string(attend_status_da(me->status)));
		form_date_da(o, "date_da", mt->date);
		json_object_set_new(o, "val_reason", form_text(fail ? web_field(r, "reason") : ""));
		if (fail) {
			const char *e = diag_of(d, "reason");
			if (e)
				json_object_set_new(o, "err_reason", form_text(e));
			for (size_t k = 0; k < d->n; k++)
				if (!d->v[k].field || strcmp(d->v[k].field, "reason") != 0) {
					json_object_set_new(o, "err", form_text(d->v[k].msg));
					break;
				}
		}
		json_array_append_new(a, o);
		store_attendance_free(v, n);
	}
	/* A failure for a meeting no longer listed (say, the day after): said at the top. */
	if (d && d->n) {
		bool shown = false;
		for (size_t i = 0; i < json_array_size(a); i++)
			shown |= json_integer_value(json_object_get(json_array_get(a, i), "id")) == failed;
		if (!shown)
			json_object_set_new(doc, "apology_error", form_text(d->v[0].msg));
	}
	json_object_set_new(doc, "has_apologies", json_boolean(json_array_size(a) > 0));
	json_object_set_new(doc, "apologies", a);
	reg_free(&reg);
	meetings_free(mv, nm);
}

int my_apology_post(struct web_req *r, struct web_resp *p, struct diags *d, long *meeting)
{
	*meeting = 0;
	if (web_input_refused(r, p))
		return 0;
	if (!r->user.person[0]) {
		web_error(r, p, 400,
		          "Din konto er ikke knyttet til en person i registret, så du kan ikke melde "
		          "afbud her. Kontakt sekretariatet.");
		return 0;
	}
	/* Only for oneself: a form that names another person is refused. */
	const char *who = web_form(r, "person");
	if (who && *who && strcmp(who, r->user.person) != 0) {
		web_error(r, p, 403,
		          "Du kan kun melde afbud for dig selv. Kontakt sekretariatet, hvis et andet "
		          "medlem ikke kan deltage.");
		return 0;
	}
	long id;
	if (!web_whole(web_field(r, "meeting"), 1L << 30, &id)) {
		web_error(r, p, 404, "Mødet findes ikke. Se dine møder under Mine frister.");
		return 0;
	}
	*meeting = id;
	bool withdraw = !strcmp(web_field(r, "action"), "apology-withdraw");
	int rc = store_attendance_apology(r->st, r->user.login, r->app->model, id, r->user.person,
	                                  web_field(r, "reason"), withdraw, r->today, NULL, d);
	if (rc == FK_OK) {
		web_redirect(p, "/my?afbud=%s#afbud", withdraw ? "withdrawn" : "sent");
		return 0;
	}
	if (rc == FK_ENOTFOUND && d->n && d->v[0].field && !strcmp(d->v[0].field, "meeting")) {
		web_error(r, p, 404, "Mødet findes ikke. Se dine møder under Mine frister.");
		return 0;
	}
	if (d->n == 0)
		diags_add(d, NULL, 0, 0, NULL, "Det kunne ikke gemmes. Intet er ændret. Prøv igen om "
		                               "lidt.");
	return rc == FK_EINPUT || rc == FK_ENOTFOUND ? 400 : 500;
}
