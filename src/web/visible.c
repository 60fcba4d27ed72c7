/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* What of a meeting a user may read (visible.h): material and proposals before dispatch,
 * minutes before approval. */
#include "web/visible.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages.h"

/* The view of a reader (logged in or not, the secretariat or not) without their own files
 * and proposals. */
static void view_base(const struct meeting *mt, bool reader, bool admin, struct meeting_view *v)
{
	memset(v, 0, sizeof *v);
	v->admin = admin;
	v->open = reader && mt->state >= MEETING_DISPATCHED;
	v->minutes = v->admin || (reader && mt->state >= MEETING_APPROVED);
	v->nitems = mt->nitems;
	v->pos = xcalloc(mt->nitems + 1, sizeof *v->pos);
	v->item = xcalloc(mt->nitems + 1, sizeof *v->item);
	for (size_t i = 0; i < mt->nitems; i++) {
		v->pos[i] = mt->items[i].pos;
		v->item[i] = v->admin || v->open;
	}
}

void meeting_view_members(const struct meeting *mt, struct meeting_view *v)
{
	view_base(mt, true, false, v);
}

int meeting_view_init(struct web_req *r, const struct meeting *mt, struct meeting_view *v)
{
	bool reader = r->user.role != ROLE_ANON;
	view_base(mt, reader, r->user.role == ROLE_ADMIN, v);
	if (reader) {
		snprintf(v->login, sizeof v->login, "%s", r->user.login);
		snprintf(v->person, sizeof v->person, "%s", r->user.person);
	}
	if (v->admin || v->open || !reader)
		return FK_OK;
	/* Before dispatch: those an item concerns are those who may upload to it. */
	int rc = material_may_upload(r, mt, v->item);
	struct store_material *f = NULL;
	size_t n = 0;
	if (rc == FK_OK)
		rc = store_material_list(r->st, mt->id, &f, &n);
	v->files = xcalloc(mt->nitems + 1, sizeof *v->files);
	for (size_t k = 0; rc == FK_OK && k < n; k++)
		for (size_t i = 0; i < mt->nitems; i++)
			if (f[k].pos == v->pos[i] && meeting_view_file(v, &f[k]))
				v->files[i]++;
	store_materials_free(f, n);
	if (rc != FK_OK) {
		memset(v->item, 0, (mt->nitems + 1) * sizeof *v->item);
		memset(v->files, 0, (mt->nitems + 1) * sizeof *v->files);
		v->login[0] = v->person[0] = '\0';
		v->minutes = false;
	}
	return rc;
}

void meeting_view_free(struct meeting_view *v)
{
	free(v->pos);
	free(v->item);
	free(v->files);
	memset(v, 0, sizeof *v);
}

bool meeting_view_file(const struct meeting_view *v, const struct store_material *f)
{
	if (v->admin || v->open)
		return true;
	if (v->login[0] && f->actor && !strcmp(f->actor, v->login))
		return true;
	for (size_t i = 0; f->pos && i < v->nitems; i++)
		if (v->pos[i] == f->pos)
			return v->item[i];
	return false;
}

int meeting_view_may_read(struct web_req *r, const struct store_material *f, bool *ok)
{
	*ok = false;
	if (r->user.role == ROLE_ADMIN) {
		*ok = true;
		return FK_OK;
	}
	struct meeting mt;
	int rc = store_meeting_get(r->st, f->meeting, &mt);
	if (rc != FK_OK)
		return rc;
	struct meeting_view v;
	if ((rc = meeting_view_init(r, &mt, &v)) == FK_OK)
		*ok = meeting_view_file(&v, f);
	meeting_view_free(&v);
	meeting_free(&mt);
	return rc;
}

size_t meeting_view_files(const struct meeting_view *v, struct store_material *f, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!meeting_view_file(v, &f[i])) {
			store_material_clear(&f[i]);
			continue;
		}
		if (k != i) {
			f[k] = f[i];
			memset(&f[i], 0, sizeof f[i]);
		}
		k++;
	}
	return k;
}

static bool own(const struct meeting_view *v, const char *person)
{
	return v->person[0] && person && !strcmp(person, v->person);
}

bool meeting_view_proposal(const struct meeting_view *v, const struct meeting_proposal *p)
{
	/* After dispatch the accepted ones are on the agenda for all to read; one that was
	 * rejected or never decided stays between its proposer and the secretariat. */
	return v->admin || own(v, p->person) || (v->open && !strcmp(p->state, "accepted"));
}

void meeting_view_json(const struct meeting_view *v, json_t *o)
{
	json_t *items = json_object_get(o, "items");
	for (size_t i = 0; i < json_array_size(items) && i < v->nitems; i++) {
		json_t *it = json_array_get(items, i);
		if (!v->item[i]) {
			json_object_set_new(it, "material", json_null());
			json_object_set_new(it, "proposal_text", json_null());
		}
		if (v->files)
			json_object_set_new(it, "files", json_integer(v->files[i]));
		if (!v->minutes) {
			json_object_set_new(it, "outcome", json_null());
			json_object_set_new(it, "minutes_text", json_null());
		}
	}
	json_t *props = json_object_get(o, "proposals");
	if (v->admin || !props)
		return;
	json_t *kept = json_array();
	for (size_t i = 0; i < json_array_size(props); i++) {
		json_t *x = json_array_get(props, i);
		const char *state = json_string_value(json_object_get(x, "state"));
		if (own(v, json_string_value(json_object_get(x, "person"))) ||
		    (v->open && state && !strcmp(state, "accepted")))
			json_array_append(kept, x);
	}
	json_object_set_new(o, "proposals", kept);
}

int meeting_may_propose(struct web_req *r, bool *may, char *msg, size_t n)
{
	const struct model *m = r->app->model;
	*may = r->user.role == ROLE_ADMIN;
	int rc = FK_OK;
	if (r->user.role == ROLE_MEMBER && r->user.person[0])
		rc = store_proposal_may(r->st, m, r->user.person, r->today, may);
	if (rc != FK_OK)
		*may = false;
	const char *secretariat = "sekretariatet";
	for (size_t i = 0; i < m->nbodies; i++)
		if (!strcmp(m->bodies[i].kind, "secretariat"))
			secretariat = m->bodies[i].name;
	if (*may && n)
		msg[0] = '\0';
	else if (!*may)
		snprintf(msg, n,
		         "Det er styregruppens medlemmer, der kan stille forslag til dagsordenen, og du "
		         "sidder ikke i styregruppen. Skal et emne fra din gruppe på dagsordenen, så "
		         "kontakt %s.",
		         secretariat);
	return rc;
}

/* ---------------------------------------------------------------- the audit log */

struct meeting_audit_one {
	int64_t id;
	bool gone; /* no such meeting (any more) */
	struct meeting mt;
	struct meeting_view v;
};

static const char *const note_dispatch =
    "Indholdet vises for sekretariatet, indtil dagsordenen er udsendt.";
static const char *const note_minutes =
    "Indholdet vises for sekretariatet, indtil referatet er godkendt.";
static const char *const note_proposal = "Forslaget er ikke optaget på dagsordenen. Indholdet "
                                         "vises for sekretariatet og forslagsstilleren.";
static const char *const note_gone = "Mødet findes ikke længere. Indholdet vises for "
                                     "sekretariatet.";

/* Meeting id with what the user of r may read of it, read once into c. FK_OK (o->gone when
 * there is no such meeting), or the error reading it (nothing kept). */
static int audit_meeting(struct web_req *r, struct meeting_audit *c, int64_t id,
                         struct meeting_audit_one **o)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].id == id) {
			*o = &c->v[i];
			return FK_OK;
		}
	c->v = xgrow(c->v, sizeof *c->v, c->n + 1, &c->cap);
	*o = &c->v[c->n];
	memset(*o, 0, sizeof **o);
	(*o)->id = id;
	int rc = id > 0 ? store_meeting_get(r->st, id, &(*o)->mt) : FK_ENOTFOUND;
	if (rc == FK_ENOTFOUND) {
		(*o)->gone = true;
		rc = FK_OK;
	} else if (rc == FK_OK && (rc = meeting_view_init(r, &(*o)->mt, &(*o)->v)) != FK_OK) {
		meeting_view_free(&(*o)->v);
		meeting_free(&(*o)->mt);
	}
	if (rc == FK_OK)
		c->n++;
	return rc;
}

/* Whether o (one agenda item, or a meeting with its items) holds agenda items; *minutes
 * becomes true when one of them has an outcome or minutes. */
static bool audit_items(json_t *o, bool *minutes)
{
	json_t *items = json_object_get(o, "items");
	if (!json_is_array(items) && !json_object_get(o, "pos"))
		return false;
	size_t n = json_is_array(items) ? json_array_size(items) : 1;
	for (size_t i = 0; i < n; i++) {
		json_t *it = json_is_array(items) ? json_array_get(items, i) : o;
		*minutes |= json_is_string(json_object_get(it, "outcome")) ||
		            json_is_string(json_object_get(it, "minutes_text"));
	}
	return true;
}

int meeting_view_audit(struct web_req *r, struct meeting_audit *c, const struct audit_row *x,
                       const char **note)
{
	*note = NULL;
	bool proposal = !strcmp(x->entity, "proposal"), file = !strcmp(x->entity, "material");
	if (r->user.role == ROLE_ADMIN || (!proposal && !file && strcmp(x->entity, "meeting")))
		return FK_OK;
	json_t *b = x->before ? json_loads(x->before, 0, NULL) : NULL;
	json_t *a = x->after ? json_loads(x->after, 0, NULL) : NULL;
	json_t *o = a ? a : b;
	bool minutes = !strcmp(x->action, "minutes");
	long eid = 0;
	int64_t id = 0;
	int rc = FK_OK;
	if (proposal || file) {
		json_t *m = json_object_get(o, "meeting");
		id = json_is_integer(m) ? (int64_t)json_integer_value(m) : 0;
	} else {
		bool items = audit_items(b, &minutes) | audit_items(a, &minutes);
		if (!items && !minutes)
			goto out; /* the plan, the state or the speaker of a meeting: no content */
		if (web_whole(x->entity_id, 0x7fffffffL, &eid))
			id = eid;
	}
	struct meeting_audit_one *m = NULL;
	if ((rc = audit_meeting(r, c, id, &m)) != FK_OK || m->gone) {
		*note = rc != FK_OK ? note_dispatch : note_gone;
		goto out;
	}
	const struct meeting_view *v = &m->v;
	if (proposal) {
		const struct meeting_proposal *p = NULL;
		for (size_t i = 0; web_whole(x->entity_id, 0x7fffffffL, &eid) && i < m->mt.nprops;
		     i++)
			if (m->mt.props[i].id == eid)
				p = &m->mt.props[i];
		if (!p || !meeting_view_proposal(v, p))
			*note = v->open ? note_proposal : note_dispatch;
	} else if (file) {
		json_t *pos = json_object_get(o, "pos");
		struct store_material f = {
		    .meeting = id,
		    .actor = x->actor,
		    .pos = json_is_integer(pos) ? (int)json_integer_value(pos) : 0};
		if (!meeting_view_file(v, &f))
			*note = note_dispatch;
	} else if (!v->open) {
		*note = note_dispatch;
	} else if (minutes && !v->minutes) {
		*note = note_minutes;
	}
out:
	json_decref(a);
	json_decref(b);
	return rc;
}

void meeting_audit_free(struct meeting_audit *c)
{
	for (size_t i = 0; i < c->n; i++) {
		meeting_view_free(&c->v[i].v);
		meeting_free(&c->v[i].mt);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

/* Loads meeting id from the route's {id}; on failure sets the error response and returns
 * false. */
bool web_load_meeting(struct web_req *r, struct web_resp *p, long *id, struct meeting *mt)
{
	if (!web_whole(r->param, 1L << 30, id))
		goto none;
	int rc = store_meeting_get(r->st, *id, mt);
	if (rc == FK_OK)
		return true;
	if (rc != FK_ENOTFOUND) {
		web_error(r, p, 500, "Mødet kunne ikke læses. Prøv igen om lidt.");
		return false;
	}
none:
	web_error(r, p, 404, "Mødet findes ikke. Se årets møder under Møder.");
	return false;
}
