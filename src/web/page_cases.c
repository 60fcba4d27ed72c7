/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Cases (sager) on the web.
 *
 * GET /cases: the cases, filtered by state, tag, assigned group and text (?state=, ?tag=,
 * ?to=, ?q=), the steering group's decisions among them (the decision log), and for the
 * secretariat the form to raise a case. POST /cases (admin): raise a case; 303 to it.
 *
 * GET /cases/{id}: one case — its facts, text, recommendation and decision, and its history
 * as a timeline (who, when, what) — with a form for each move the user may make now: the
 * secretariat every move the state machine allows; a member of the reference group the case
 * is assigned to its recommendation. POST /cases/{id}: one move (field "event"); 303 back
 * to the case; bad input re-renders the page with the error next to the field (400).
 *
 * Reading needs a login (cases may be internal). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/report.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/picker.h"

#define PEOPLE_SELECT_MAX 1000

static json_t *option(const char *value, const char *label, bool selected)
{
	return json_pack("{s:o, s:o, s:b}", "value", form_text(value), "label", form_text(label),
	                 "selected", selected);
}

/* A case as the templates show it: case_json plus link, Danish dates, CSS class. */
static json_t *case_view(const struct web_req *r, const struct reg *reg, const struct case_rec *c,
                         bool full)
{
	const struct model *m = r->app->model;
	json_t *o = case_json(m, reg, c, full);
	char id[32], when[80];
	case_id_format(c->id, id, sizeof id);
	char *href = xasprintf("/cases/%s", id);
	json_object_set_new(o, "href", json_string(href));
	free(href);
	json_object_set_new(o, "state_class", json_string(case_state_name((int)c->state)));
	form_date_da(o, "raised_on_da", c->raised_on);
	case_time_da(c->updated, when, sizeof when);
	json_object_set_new(o, "updated_da", json_string(when));
	json_object_set_new(o, "tags_any", json_boolean(c->ntags > 0));
	if (c->has_decision)
		form_date_da(json_object_get(o, "decision"), "date_da", c->decision.date);
	if (!full)
		return o;
	json_t *ev = json_object_get(o, "events");
	for (size_t i = 0; i < json_array_size(ev); i++) {
		json_t *e = json_array_get(ev, i);
		case_time_da(c->events[i].at, when, sizeof when);
		json_object_set_new(e, "at_da", json_string(when));
		json_object_set_new(e, "is_raise", json_boolean(c->events[i].event == CEV_RAISE));
		json_object_set_new(e, "is_decide", json_boolean(c->events[i].event == CEV_DECIDE));
		json_object_set_new(e, "class",
		                    json_string(case_event_name((int)c->events[i].event)));
	}
	return o;
}

/* Loads the register and the cases (id 0: all); on failure sets a 500 and returns -1. */
static int load(struct web_req *r, struct web_resp *p, struct reg *reg, struct case_set *set,
                int64_t id)
{
	if (web_load_register(r, reg) != FK_OK) {
		reg_free(reg);
		web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
		return -1;
	}
	if (store_cases_load(r->st, id, set) != FK_OK) {
		reg_free(reg);
		case_set_free(set);
		web_error(r, p, 500, "Sagerne kunne ikke læses. Prøv igen om lidt.");
		return -1;
	}
	return 0;
}

/* The reference groups' topic areas as option groups (selected: the topic sel). */
static json_t *topic_groups(const struct model *m, const char *sel)
{
	json_t *groups = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		const struct model_body *b = &m->bodies[i];
		if (!b->kind || strcmp(b->kind, "reference-group") || !b->ntopics)
			continue;
		json_t *opts = json_array();
		for (size_t k = 0; k < b->ntopics; k++)
			json_array_append_new(opts, option(b->topics[k], b->topics[k],
			                                   sel && !strcmp(sel, b->topics[k])));
		json_array_append_new(groups,
		                      json_pack("{s:s, s:o}", "label", b->name, "options", opts));
	}
	return groups;
}

/* ================================================================== the raise form */

enum { RF_TITLE, RF_TEXT, RF_BY, RF_TAGS, RF__MAX };
static const char *const rf_names[RF__MAX] = {"title", "text", "by", "tags"};
static const char *const rf_labels[RF__MAX] = {"Titel", "Beskrivelse", "Rejst af", "Emner"};

struct person_ix {
	const struct reg_person *p;
};

static int cmp_person(const void *x, const void *y)
{
	const struct person_ix *a = x, *b = y;
	int c = strcmp(a->p->name, b->p->name);
	return c ? c : strcmp(a->p->key, b->p->key);
}

/* The raise form: values typed (v, tags checked), errors (err, may be NULL). */
static json_t *raise_form(const struct web_req *r, const struct reg *reg, const char *const *v,
                          const char *const *tags, size_t ntags, const struct diags *err)
{
	const struct model *m = r->app->model;
	json_t *o = json_object(), *val = json_object(), *errs = json_object(),
	       *summary = json_array();
	for (int i = 0; i < RF__MAX; i++)
		if (i != RF_TAGS)
			json_object_set_new(val, rf_names[i], form_text(v[i]));
	for (size_t i = 0; err && i < err->n; i++) {
		const char *f = err->v[i].field ? err->v[i].field : "title";
		int k = 0;
		while (k < RF__MAX && strcmp(rf_names[k], f))
			k++;
		if (k == RF__MAX)
			k = RF_TITLE;
		if (json_object_get(errs, rf_names[k]))
			continue;
		/* The form chooses from a list where the command line types. */
		const char *msg = k == RF_BY && !*v[RF_BY]
		                      ? "Vælg, hvem der rejser sagen: et organ eller et medlem."
		                      : err->v[i].msg;
		json_object_set_new(errs, rf_names[k], form_text(msg));
		json_array_append_new(summary,
		                      json_pack("{s:s, s:s, s:o}", "field",
		                                k == RF_TAGS ? "tag-1" : rf_names[k], "label",
		                                rf_labels[k], "message", form_text(msg)));
	}
	/* Who may raise: the bodies, then the people. */
	json_t *groups = json_array(), *bodies = json_array();
	for (size_t i = 0; i < m->nbodies; i++)
		if (case_raiser_kind(m, reg, m->bodies[i].id) == 1)
			json_array_append_new(bodies, option(m->bodies[i].id, m->bodies[i].name,
			                                     !strcmp(v[RF_BY], m->bodies[i].id)));
	json_array_append_new(groups,
	                      json_pack("{s:s, s:o}", "label", "Organer", "options", bodies));
	struct person_ix *ix = xmalloc((reg->npersons + 1) * sizeof *ix);
	size_t n = 0;
	for (size_t i = 0; i < reg->npersons; i++) {
		bool take = reg->npersons <= PEOPLE_SELECT_MAX;
		for (size_t k = 0; !take && k < reg->nappts; k++) {
			const struct reg_appt *a = &reg->appts[k];
			take = a->person == (int32_t)i && a->start <= r->today &&
			       r->today <= a->end &&
			       case_raiser_kind(m, reg, m->bodies[a->body].id) == 1;
		}
		if (take)
			ix[n++].p = &reg->persons[i];
	}
	qsort(ix, n, sizeof *ix, cmp_person);
	json_t *people = json_array();
	for (size_t i = 0; i < n; i++) {
		char *label = xasprintf("%s (%s)", ix[i].p->name, ix[i].p->key);
		json_array_append_new(people,
		                      option(ix[i].p->key, label, !strcmp(v[RF_BY], ix[i].p->key)));
		free(label);
	}
	free(ix);
	json_array_append_new(groups,
	                      json_pack("{s:s, s:o}", "label", "Personer", "options", people));
	/* The topic areas as check boxes, one fieldset per reference group. */
	json_t *tg = json_array();
	int no = 0;
	for (size_t i = 0; i < m->nbodies; i++) {
		const struct model_body *b = &m->bodies[i];
		if (!b->kind || strcmp(b->kind, "reference-group") || !b->ntopics)
			continue;
		json_t *opts = json_array();
		for (size_t k = 0; k < b->ntopics; k++) {
			bool on = false;
			for (size_t t = 0; t < ntags && !on; t++)
				on = case_topic_find(m, tags[t]) == b->topics[k];
			char id[24];
			snprintf(id, sizeof id, "tag-%d", ++no);
			json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "id", id, "value",
			                                      b->topics[k], "checked", on));
		}
		json_array_append_new(tg, json_pack("{s:s, s:s, s:o}", "legend", b->name, "body",
		                                    b->id, "options", opts));
	}
	json_object_set_new(o, "val", val);
	json_object_set_new(o, "err", errs);
	json_object_set_new(o, "summary", summary);
	json_object_set_new(o, "has_errors", json_boolean(json_array_size(summary) > 0));
	json_object_set_new(o, "by_groups", groups);
	json_object_set_new(o, "tag_groups", tg);
	return o;
}

/* ================================================================== /cases */

struct dec_ix {
	const struct case_rec *c;
};

static int cmp_decision(const void *x, const void *y)
{
	const struct dec_ix *a = x, *b = y;
	if (a->c->decision.date != b->c->decision.date)
		return a->c->decision.date > b->c->decision.date ? -1 : 1;
	return a->c->id > b->c->id ? -1 : a->c->id < b->c->id;
}

/* The list page; form is the raise form to show (NULL: an empty one, for admins). */
static json_t *list_doc(struct web_req *r, const struct reg *reg, const struct case_set *set,
                        json_t *form)
{
	const struct model *m = r->app->model;
	const char *qs = web_query(r, "state"), *qt = web_query(r, "tag"), *qa = web_query(r, "to"),
	           *qq = web_query(r, "q");
	json_t *doc = json_object();
	struct case_filter f = {.state = -1, .q = qq};
	json_t *notices = json_array();
	if (qs && *qs && (f.state = case_state_parse(qs)) < 0)
		json_array_append_new(notices,
		                      json_string("Den valgte status findes ikke; der er vist "
		                                  "sager i alle status."));
	if (qt && *qt && !(f.tag = case_topic_find(m, qt)))
		json_array_append_new(notices, json_string("Det valgte emne er ikke et af "
		                                           "referencegruppernes emner; der er vist "
		                                           "sager om alle emner."));
	if (qa && *qa)
		f.assignee = qa;

	json_t *states = json_array();
	for (int s = 0; s < CASE_STATE__MAX; s++)
		json_array_append_new(
		    states, option(case_state_name(s), case_state_title(s), f.state == s));
	json_object_set_new(doc, "state_options", states);
	json_object_set_new(doc, "tag_groups", topic_groups(m, f.tag));
	/* Groups to filter by: the reference groups and every working group cases went to. */
	json_t *to = json_array();
	for (size_t i = 0; i < m->nbodies; i++)
		if (case_assignee_body(m, m->bodies[i].id) >= 0)
			json_array_append_new(
			    to, option(m->bodies[i].id, m->bodies[i].name,
			               f.assignee && !strcmp(f.assignee, m->bodies[i].id)));
	for (size_t i = 0; i < set->n; i++) {
		const char *a = set->v[i].assignee;
		if (!a || !case_is_wg(a))
			continue;
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = set->v[k].assignee && !strcmp(set->v[k].assignee, a);
		if (!seen) {
			char name[64];
			case_party_name(m, reg, a, name, sizeof name);
			json_array_append_new(
			    to, option(a, name, f.assignee && !strcmp(f.assignee, a)));
		}
	}
	json_object_set_new(doc, "to_options", to);
	json_object_set_new(doc, "q_value", form_text(qq ? qq : ""));

	json_t *rows = json_array(), *decisions = json_array();
	struct dec_ix *ix = xmalloc((set->n + 1) * sizeof *ix);
	size_t nd = 0;
	/* Newest first. */
	for (size_t i = set->n; i-- > 0;) {
		const struct case_rec *c = &set->v[i];
		if (!case_matches(c, &f))
			continue;
		json_array_append_new(rows, case_view(r, reg, c, false));
		if (c->has_decision)
			ix[nd++].c = c;
	}
	qsort(ix, nd, sizeof *ix, cmp_decision);
	for (size_t i = 0; i < nd; i++) {
		const struct case_rec *c = ix[i].c;
		json_t *o = case_decision_json(&c->decision);
		char id[32];
		case_id_format(c->id, id, sizeof id);
		char *href = xasprintf("/cases/%s", id);
		json_object_set_new(o, "case", json_string(id));
		json_object_set_new(o, "href", json_string(href));
		json_object_set_new(o, "title", json_string(c->title));
		form_date_da(o, "date_da", c->decision.date);
		free(href);
		json_array_append_new(decisions, o);
	}
	free(ix);
	/* The order: ?sort= and ?dir= (column headers as links), newest first when not given. */
	static const struct sort_col cols[] = {
	    {"sag", "Sag"}, {"status", "Status"}, {"tildelt", "Tildelt"}, {"rejst", "Rejst"}};
	static const char *const sort_key[] = {"title", "state_title", "assignee_name", "raised_on"};
	struct buf base;
	buf_init(&base);
	buf_adds(&base, "/cases?");
	sort_url_arg(&base, "q", qq);
	sort_url_arg(&base, "tag", qt);
	sort_url_arg(&base, "to", qa);
	sort_url_arg(&base, "state", qs);
	int col;
	bool desc;
	json_object_set_new(doc, "heads", sort_headers(r, cols, 4, -4, base.s, &col, &desc));
	buf_free(&base);
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *x = json_array_get(rows, i);
		json_object_set(x, "assignee_name", json_object_get(json_object_get(x, "assignee"), "name"));
	}
	if (col != 3) /* by raised day: the order they were read in (newest first) */
		sort_json(rows, sort_key[col], desc);
	else if (!desc)
		sort_json(rows, "raised_on", false);
	bool filtered = f.state >= 0 || f.tag || f.assignee || (qq && *qq);
	char count[160];
	size_t n = json_array_size(rows);
	if (filtered)
		snprintf(count, sizeof count, "%zu af %zu sager passer på søgningen.", n, set->n);
	else
		snprintf(count, sizeof count, "%zu %s i alt.", n, n == 1 ? "sag" : "sager");
	json_object_set_new(doc, "count_text", json_string(count));
	json_object_set_new(doc, "filtered", json_boolean(filtered));
	json_object_set_new(doc, "cases", rows);
	json_object_set_new(doc, "cases_any", json_boolean(n > 0));
	json_object_set_new(doc, "decisions", decisions);
	json_object_set_new(doc, "decisions_any", json_boolean(nd > 0));
	json_object_set_new(doc, "notices", notices);
	if (r->user.role == ROLE_ADMIN) {
		if (!form) {
			const char *empty[RF__MAX] = {"", "", "", ""};
			form = raise_form(r, reg, empty, NULL, 0, NULL);
		}
		json_object_set_new(doc, "raise", form);
	} else if (form) {
		json_decref(form);
	}
	json_object_set_new(doc, "title", json_string("Sager"));
	return doc;
}

int page_cases(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	struct case_set set = {0};
	if (r->method != WM_POST) {
		if (load(r, p, &reg, &set, 0))
			return 0;
		p->doc = list_doc(r, &reg, &set, NULL);
		reg_free(&reg);
		case_set_free(&set);
		return 0;
	}

	/* Raise a case. */
	const char *v[RF__MAX] = {web_field(r, "title"), web_field(r, "text"),
	                          web_field(r, "by"), ""};
	const char **tags = xcalloc(r->nform + 1, sizeof *tags);
	size_t ntags = 0;
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, "tag") && r->form[i].value[0])
			tags[ntags++] = r->form[i].value;
	if (load(r, p, &reg, &set, 0)) {
		free(tags);
		return 0;
	}
	struct case_input in = {
	    .title = v[RF_TITLE], .text = v[RF_TEXT], .by = v[RF_BY], .tags = tags, .ntags = ntags};
	struct diags d;
	diags_init(&d);
	struct case_rec cr;
	int rc = FK_EINPUT;
	if (case_check_raise(r->app->model, &reg, &in, r->today, &cr, &d) == 0) {
		if ((rc = store_case_raise(r->st, r->user.login, &cr)) == FK_OK) {
			char id[32];
			case_id_format(cr.id, id, sizeof id);
			web_redirect(p, "/cases/%s?ok=raise", id);
		}
		case_rec_free(&cr);
	}
	if (rc != FK_OK) {
		json_t *form = raise_form(r, &reg, v, tags, ntags, &d);
		p->doc = list_doc(r, &reg, &set, form);
		p->status = rc == FK_EINPUT ? 400 : 500;
		json_object_set_new(p->doc, "title", json_string("Fejl: Sager"));
		if (rc != FK_EINPUT)
			json_object_set_new(
			    p->doc, "failure",
			    json_string("Sagen kunne ikke gemmes på grund af en fejl i "
			                "databasen. Intet er gemt. Prøv igen om lidt."));
	}
	diags_free(&d);
	free(tags);
	reg_free(&reg);
	case_set_free(&set);
	return 0;
}

/* ================================================================== /cases/{id} */

/* The form fields of each move, and the Danish label of each field. */
static const char *const ev_fields[] = {"to", "ag", "text", "kind", "date", "meeting"};
#define NEV_FIELDS (sizeof ev_fields / sizeof ev_fields[0])
static const char *field_label(enum case_event e, const char *f)
{
	if (!strcmp(f, "to") || !strcmp(f, "ag"))
		return "Gruppe";
	if (!strcmp(f, "kind"))
		return "Slags afgørelse";
	if (!strcmp(f, "date"))
		return "Dato for afgørelsen";
	if (!strcmp(f, "meeting"))
		return "Møde";
	switch (e) {
	case CEV_ASSIGN:
		return "Opgaven til gruppen";
	case CEV_RECOMMEND:
		return "Indstilling";
	case CEV_DECIDE:
		return "Afgørelse";
	case CEV_WITHDRAW:
		return "Begrundelse";
	case CEV_SEND_BACK:
		return "Besked til gruppen";
	default:
		return "Bemærkning";
	}
}

/* Who may make move e on c: the secretariat any; a member of the assigned reference group the
 * recommendation. */
static bool may(const struct web_req *r, const struct reg *reg, const struct case_rec *c,
                enum case_event e)
{
	if (r->user.role == ROLE_ADMIN)
		return true;
	return r->user.role == ROLE_MEMBER && e == CEV_RECOMMEND &&
	       case_member_of_assignee(r->app->model, reg, r->user.person, c, r->today);
}

static const char *const ok_text[CEV__MAX] = {
    [CEV_RAISE] = "Sagen er rejst.",
    [CEV_ASSIGN] = "Sagen er tildelt gruppen.",
    [CEV_RECOMMEND] = "Indstillingen er gemt og sendt videre til styregruppen.",
    [CEV_DECIDE] = "Styregruppens afgørelse er gemt.",
    [CEV_CLOSE] = "Sagen er lukket.",
    [CEV_WITHDRAW] = "Sagen er trukket tilbage.",
    [CEV_SEND_BACK] = "Indstillingen er sendt tilbage til gruppen.",
};

/* The page of case c. failed: the move whose form is re-shown with what the user typed and
 * the errors d (CEV__MAX: none). */
static json_t *case_doc(struct web_req *r, const struct reg *reg, const struct case_rec *c,
                        int failed, const struct diags *d)
{
	const struct model *m = r->app->model;
	json_t *doc = case_view(r, reg, c, true);
	json_t *summary = json_array();
	json_t *actions = json_object();
	bool any = false;
	for (int e = CEV_ASSIGN; e < CEV__MAX; e++) {
		if (!case_allowed(c->state, (enum case_event)e) ||
		    !may(r, reg, c, (enum case_event)e))
			continue;
		any = true;
		json_t *a = json_object(), *val = json_object(), *err = json_object();
		for (size_t k = 0; k < NEV_FIELDS; k++)
			json_object_set_new(
			    val, ev_fields[k],
			    form_text(failed == e ? web_field(r, ev_fields[k]) : ""));
		if (e == CEV_DECIDE && failed != e) {
			char today[11];
			date_format(r->today, today);
			json_object_set_new(val, "date", json_string(today));
		}
		const char *ag = failed == e ? web_field(r, "ag") : "";
		for (size_t i = 0; failed == e && d && i < d->n; i++) {
			const char *f = d->v[i].field ? d->v[i].field : "text";
			if (!strcmp(f, "event"))
				continue;
			if (!strcmp(f, "to") && *ag)
				f = "ag";
			if (json_object_get(err, f))
				continue;
			json_object_set_new(err, f, form_text(d->v[i].msg));
			char *anchor = xasprintf("%s-%s", case_event_name(e), f);
			json_array_append_new(summary,
			                      json_pack("{s:s, s:s, s:o}", "field", anchor, "label",
			                                field_label((enum case_event)e, f),
			                                "message", form_text(d->v[i].msg)));
			free(anchor);
		}
		json_object_set_new(a, "val", val);
		json_object_set_new(a, "err", err);
		if (e == CEV_ASSIGN) {
			const char *sel = failed == e ? web_field(r, "to") : "";
			json_t *to = json_array();
			for (size_t i = 0; i < m->nbodies; i++)
				if (case_assignee_body(m, m->bodies[i].id) >= 0)
					json_array_append_new(
					    to, option(m->bodies[i].id, m->bodies[i].name,
					               !strcmp(sel, m->bodies[i].id)));
			json_object_set_new(a, "to_options", to);
		}
		if (e == CEV_DECIDE) {
			int k = case_kind_parse(failed == e ? web_field(r, "kind") : "");
			json_object_set_new(a, "advice", json_boolean(k == CDK_ADVICE));
			json_object_set_new(a, "decision", json_boolean(k == CDK_DECISION));
		}
		json_object_set_new(actions, case_event_name(e), a);
	}
	/* A move the case cannot make (the state machine), or one not allowed to this user. */
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].field && !strcmp(d->v[i].field, "event"))
			json_object_set_new(doc, "event_error", form_text(d->v[i].msg));
	json_object_set_new(actions, "any", json_boolean(any));
	json_object_set_new(doc, "actions", actions);
	json_object_set_new(doc, "summary", summary);
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(summary) > 0));
	/* For members: why there is no form. */
	if (r->user.role == ROLE_MEMBER && !any && c->state == CASE_ASSIGNED)
		json_object_set_new(doc, "member_note",
		                    json_string("Indstillingen afgives af et medlem af den gruppe, "
		                                "sagen er tildelt, eller af sekretariatet."));
	const char *ok = web_query(r, "ok");
	int okev = case_event_parse(ok);
	if (okev >= 0 && failed == CEV__MAX)
		json_object_set_new(doc, "flash", json_string(ok_text[okev]));
	json_object_set_new(doc, "recommendation_any", json_boolean(c->recommendation != NULL));
	char t[CASE_TITLE_MAX * 4 + 64];
	char id[32];
	case_id_format(c->id, id, sizeof id);
	snprintf(t, sizeof t, "%s%s: %s", failed != CEV__MAX ? "Fejl: " : "", id, c->title);
	json_object_set_new(doc, "title", json_string(t));
	json_object_set_new(doc, "case_title", json_string(c->title));
	return doc;
}

int page_case(struct web_req *r, struct web_resp *p)
{
	int64_t id = case_id_parse(r->param);
	if (!id)
		return web_error(r, p, 404,
		                 "Der er ingen sag med nummeret »%s«. Se listen over sager.",
		                 r->param);
	struct reg reg;
	struct case_set set = {0};
	if (load(r, p, &reg, &set, id))
		return 0;
	if (!set.n) {
		reg_free(&reg);
		return web_error(r, p, 404,
		                 "Der er ingen sag med nummeret »%s«. Se listen over sager.",
		                 r->param);
	}
	struct case_rec *c = &set.v[0];
	if (r->method != WM_POST) {
		p->doc = case_doc(r, &reg, c, CEV__MAX, NULL);
		goto out;
	}

	int e = case_event_parse(web_form(r, "event"));
	if (e <= CEV_RAISE) {
		struct diags d;
		diags_init(&d);
		diags_add(
		    &d, NULL, 0, 0, "event",
		    "Formularen sagde ikke, hvad der skal ske med sagen. Brug en af knapperne "
		    "herunder.");
		p->status = 400;
		p->doc = case_doc(r, &reg, c, CEV__MAX, &d);
		diags_free(&d);
		goto out;
	}
	if (!may(r, &reg, c, (enum case_event)e)) {
		reg_free(&reg);
		case_set_free(&set);
		return web_error(
		    r, p, 403,
		    r->user.role == ROLE_MEMBER && e == CEV_RECOMMEND
		        ? "Indstillingen afgives af et medlem af den gruppe, sagen er "
		          "tildelt, eller af sekretariatet. Du er ikke medlem af gruppen."
		        : "Kun sekretariatet kan ændre sagens status.");
	}
	const char *ag = web_field(r, "ag");
	char iso[11];
	struct case_input in = {.text = web_field(r, "text"),
	                        .to = *ag ? ag : web_field(r, "to"),
	                        .kind = web_field(r, "kind"),
	                        .date = form_date_iso(web_field(r, "date"), iso),
	                        .meeting = web_field(r, "meeting")};
	struct diags d;
	diags_init(&d);
	struct case_change ch;
	if (case_check_event(r->app->model, c, (enum case_event)e, &in, r->today, &ch, &d) != 0) {
		p->status = 400;
		p->doc = case_doc(r, &reg, c, e, &d);
		diags_free(&d);
		goto out;
	}
	int rc = store_case_apply(r->st, r->user.login, c->id, &ch);
	case_change_free(&ch);
	if (rc == FK_OK) {
		char sid[32];
		case_id_format(c->id, sid, sizeof sid);
		web_redirect(p, "/cases/%s?ok=%s#forloeb", sid, case_event_name(e));
	} else {
		diags_add(&d, NULL, 0, 0, "event", "%s",
		          rc == FK_ECONFLICT ? store_conflict(r->st)
		                             : "Ændringen kunne ikke gemmes på grund af en fejl i "
		                               "databasen. Intet er gemt. Prøv igen om lidt.");
		p->status = rc == FK_ECONFLICT ? 409 : 500;
		p->doc = case_doc(r, &reg, c, e, &d);
	}
	diags_free(&d);
out:
	reg_free(&reg);
	case_set_free(&set);
	return 0;
}
