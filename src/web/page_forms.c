/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The register's forms: GET/POST /person-new (a new person), GET/POST /appoint (appoint a
 * person to a body, and the confirmation with what the rules now say) and GET/POST
 * /appointments/{id}/end (the last day of an appointment). Bad input re-renders the form
 * with what the user typed, an error next to each field and a summary at the top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/importer.h"
#include "core/report.h"
#include "core/rules.h"
#include "store/apply.h"
#include "util/err.h"
#include "util/slug.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "store/check_all.h"
#include "web/pages.h"
#include "web/picker.h"

/* Above this many people the appoint form asks for the person's id instead of a list. */
#define PEOPLE_SELECT_MAX 1000

static int load(struct web_req *r, struct web_resp *p, struct reg *reg)
{
	if (web_load_register(r, reg) == FK_OK)
		return 0;
	reg_free(reg);
	web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

/* The value of form field name, "" when absent. */
/* Checks that every named form field is readable text; marks those that are not. */
static void check_text(struct form *fm, const struct web_req *r, const char *const *names,
                       const char *const *labels, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct web_field *f = web_form_field(r, names[i]);
		if (f && !form_utf8(f->value, f->len))
			form_error(
			    fm, names[i], labels[i],
			    "Feltet indeholder tegn, der ikke kan læses. Skriv teksten igen.");
	}
}

/* A copy of s without leading and trailing spaces and tabs (caller frees). */
static char *trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static int valid_key(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static json_t *option(const char *value, const char *label, bool selected)
{
	return json_pack("{s:o, s:o, s:b}", "value", form_text(value), "label", form_text(label),
	                 "selected", selected);
}

/* ================================================================== /person-new */

static const char *const person_names[] = {"key", "name", "email"};
static const char *const person_labels[] = {"Id", "Navn", "E-mail"};

static json_t *person_doc(struct form *fm, const char *title)
{
	json_t *doc = json_object();
	char t[80];
	snprintf(t, sizeof t, "%s%s", form_ok(fm) ? "" : "Fejl: ", title);
	json_object_set_new(doc, "title", json_string(t));
	form_finish(fm, doc);
	return doc;
}

/* slug_unique's test: is id a person's key? */
static bool key_taken(void *arg, const char *id)
{
	return reg_person_find(arg, id) >= 0;
}

/* The likely duplicates of name/email in reg (other than except) for the templates:
 * [{person, name, email (logged-in only: always here, the forms are the secretariat's),
 * where}], NULL when there are none. */
static json_t *similar_json(const struct web_req *r, const struct reg *reg, const char *name,
                            const char *email, int32_t except)
{
	int32_t v[8];
	size_t n = reg_person_similar(reg, name, email, except, v, 8);
	if (!n)
		return NULL;
	json_t *arr = json_array();
	for (size_t i = 0; i < n && i < 8; i++) {
		const struct reg_person *x = &reg->persons[v[i]];
		bool same_mail = email && *email && x->email && !strcasecmp(x->email, email);
		json_array_append_new(
		    arr, json_pack("{s:o, s:o, s:o, s:s}", "person", form_text(x->key), "name",
		                   form_text(x->name), "email",
		                   x->email ? form_text(x->email) : json_null(), "why",
		                   same_mail ? "samme e-mail" : "samme navn"));
	}
	(void)r;
	return arr;
}

/* Checks name and e-mail of a person form into fm; nm and em are trimmed. */
static void check_person(struct form *fm, const char *nm, const char *em)
{
	char why[300];
	if (reg_check_name(nm, why, sizeof why))
		form_error(fm, "name", "Navn", "%s", why);
	if (reg_check_email(em, why, sizeof why))
		form_error(fm, "email", "E-mail", "%s", why);
}

int page_person_new(struct web_req *r, struct web_resp *p)
{
	struct form fm;
	form_init(&fm);
	if (r->method != WM_POST) {
		const char *key = web_query(r, "key");
		form_value(&fm, "key", key ? key : "");
		form_value(&fm, "name", "");
		form_value(&fm, "email", "");
		p->doc = person_doc(&fm, "Ny person");
		return 0;
	}
	const char *key = web_field(r, "key"), *name = web_field(r, "name"),
	           *email = web_field(r, "email");
	bool confirm = *web_field(r, "confirm") != '\0';
	for (size_t i = 0; i < 3; i++)
		form_value(&fm, person_names[i], web_field(r, person_names[i]));
	check_text(&fm, r, person_names, person_labels, 3);

	/* Leading and trailing spaces are not part of what the user meant. */
	char *k = trimmed(key), *nm = trimmed(name), *em = trimmed(email);
	if (*k && !valid_key(k))
		form_error(
		    &fm, "key", "Id",
		    "Id'et må kun indeholde bogstaverne a-z og A-Z (uden æ, ø og å), tal, - og _ "
		    "og højst være 64 tegn, fx anne-hansen. Lad feltet stå tomt, så laves det af "
		    "navnet.");
	check_person(&fm, nm, em);

	int rc = FK_OK;
	bool exists = false;
	json_t *similar = NULL;
	char made[64] = "";
	struct reg reg;
	reg_init(&reg);
	if (form_ok(&fm)) {
		/* Check and write in one transaction: no one else can take the id in between. */
		if ((rc = store_begin(r->st)) == FK_OK) {
			rc = store_load_register(r->st, r->app->model, &reg);
			if (rc == FK_OK && !*k)
				slug_unique(nm, "person", key_taken, &reg, made, sizeof made);
			const char *use = *k ? k : made;
			int32_t at = rc == FK_OK ? reg_person_find(&reg, use) : -1;
			if (rc == FK_OK && !confirm)
				similar = similar_json(r, &reg, nm, em, -1);
			if (at >= 0) {
				exists = true;
				form_error(&fm, "key", "Id",
				           "Der findes allerede en person med id'et »%s« (%s). "
				           "Vælg et andet id, "
				           "eller udpeg den person, der findes.",
				           use, reg.persons[at].name);
				store_rollback(r->st);
			} else if (similar) {
				store_rollback(r->st);
			} else if (rc == FK_OK &&
			           (rc = store_person_put(r->st, r->user.login, use, nm,
			                                  *em ? em : NULL, NULL)) == FK_OK) {
				rc = store_commit(r->st);
			} else {
				store_rollback(r->st);
			}
		}
	}
	reg_free(&reg);
	if (form_ok(&fm) && rc == FK_OK && !similar) {
		web_redirect(p, "/appoint?person=%s&oprettet=1", *k ? k : made);
		free(k);
		free(nm);
		free(em);
		form_free(&fm);
		return 0;
	}
	free(k);
	free(nm);
	free(em);
	if (similar) {
		/* Not an error: the form asks whether this is someone else. */
		p->status = 409;
		p->doc = person_doc(&fm, "Findes personen allerede?");
		json_object_set_new(p->doc, "similar", similar);
		json_object_set_new(p->doc, "has_similar", json_true());
		return 0;
	}
	p->status = rc != FK_OK && !exists ? 500 : 400;
	p->doc = person_doc(&fm, "Ny person");
	if (rc != FK_OK && !exists)
		json_object_set_new(p->doc, "failure",
		                    json_string("Personen kunne ikke gemmes på grund af en fejl i "
		                                "databasen. Intet er gemt. Prøv igen om lidt."));
	return 0;
}

/* ================================================================== /people/{id}/edit */

static json_t *edit_doc(const struct reg_person *x, struct form *fm)
{
	json_t *doc = person_doc(fm, "Ret person");
	json_object_set_new(doc, "person", form_text(x->key));
	json_object_set_new(doc, "person_name", form_text(x->name));
	return doc;
}

int page_person_edit(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	struct form fm;
	if (load(r, p, &reg))
		return 0;
	int32_t who = reg_person_find(&reg, r->param);
	if (who < 0) {
		reg_free(&reg);
		return web_error(r, p, 404, "Der er ingen person med id »%s« i registret.", r->param);
	}
	const struct reg_person *x = &reg.persons[who];
	form_init(&fm);
	if (r->method != WM_POST) {
		form_value(&fm, "name", x->name);
		form_value(&fm, "email", x->email ? x->email : "");
		p->doc = edit_doc(x, &fm);
		reg_free(&reg);
		return 0;
	}
	static const char *const names[] = {"name", "email"}, *const labels[] = {"Navn", "E-mail"};
	for (size_t i = 0; i < 2; i++)
		form_value(&fm, names[i], web_field(r, names[i]));
	check_text(&fm, r, names, labels, 2);
	char *nm = trimmed(web_field(r, "name")), *em = trimmed(web_field(r, "email"));
	check_person(&fm, nm, em);
	int rc = FK_OK;
	if (form_ok(&fm))
		rc = store_person_put(r->st, r->user.login, x->key, nm, *em ? em : NULL, NULL);
	if (form_ok(&fm) && rc == FK_OK) {
		/* Saved; the person page warns when someone else has the same name or e-mail. */
		web_redirect(p, "/people/%s?rettet=1", x->key);
		free(nm);
		free(em);
		form_free(&fm);
		reg_free(&reg);
		return 0;
	}
	free(nm);
	free(em);
	p->status = rc != FK_OK ? 500 : 400;
	p->doc = edit_doc(x, &fm);
	if (rc != FK_OK)
		json_object_set_new(p->doc, "failure",
		                    json_string("Ændringen kunne ikke gemmes på grund af en fejl i "
		                                "databasen. Intet er ændret. Prøv igen om lidt."));
	reg_free(&reg);
	return 0;
}

/* ================================================================== /people/{id}/merge */

/* The merge form of person keep (an index): a picker of everyone else. */
static json_t *merge_doc(const struct web_req *r, const struct reg *reg, int32_t keep,
                         const char *sel, const char *error)
{
	json_t *doc = json_object();
	const struct reg_person *x = &reg->persons[keep];
	json_object_set_new(doc, "title",
	                    json_string(error ? "Fejl: Læg personer sammen" : "Læg personer sammen"));
	json_object_set_new(doc, "person", form_text(x->key));
	json_object_set_new(doc, "person_name", form_text(x->name));
	int32_t *others = xmalloc((reg->npersons + 1) * sizeof *others);
	size_t n = 0;
	for (size_t i = 0; i < reg->npersons; i++)
		if ((int32_t)i != keep)
			others[n++] = (int32_t)i;
	struct picker pk = {"gone", "gone", "Den registrering, der skal fjernes",
	                    "Vælg den dublet, hvis udpegninger skal flyttes over.", "Vælg person",
	                    error, false};
	json_object_set_new(doc, "picker", picker_people(&pk, reg, r->app->mt, r->today, others, n, sel));
	free(others);
	if (error) {
		json_object_set_new(doc, "has_errors", json_true());
		json_object_set_new(doc, "errors",
		                    json_pack("[{s:s, s:s, s:o}]", "field", "gone", "label",
		                              "Den registrering, der skal fjernes", "message",
		                              form_text(error)));
	}
	return doc;
}

int page_person_merge(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	if (load(r, p, &reg))
		return 0;
	int32_t keep = reg_person_find(&reg, r->param);
	if (keep < 0) {
		reg_free(&reg);
		return web_error(r, p, 404, "Der er ingen person med id »%s« i registret.", r->param);
	}
	if (r->method != WM_POST) {
		p->doc = merge_doc(r, &reg, keep, web_query(r, "other"), NULL);
		reg_free(&reg);
		return 0;
	}
	const char *gone = web_field(r, "gone");
	char why[400] = "";
	size_t moved = 0;
	int rc;
	if (!*gone) {
		snprintf(why, sizeof why, "Vælg den registrering, der skal fjernes.");
		rc = FK_EINPUT;
	} else {
		rc = store_person_merge(r->st, r->user.login, r->app->model, reg.persons[keep].key,
		                        gone, &moved, why, sizeof why);
	}
	if (rc == FK_OK) {
		web_redirect(p, "/people/%s?sammenlagt=%zu", reg.persons[keep].key, moved);
		reg_free(&reg);
		return 0;
	}
	bool user = rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT;
	p->status = user ? 400 : 500;
	p->doc = merge_doc(r, &reg, keep, gone,
	                   why[0] ? why
	                          : "Personerne kunne ikke lægges sammen på grund af en fejl i "
	                            "databasen. Intet er ændret. Prøv igen om lidt.");
	reg_free(&reg);
	return 0;
}

/* ================================================================== /appoint */

enum { AF_PERSON, AF_BODY, AF_SEAT, AF_ORG, AF_MUNIC, AF_PROFILE, AF_START, AF_END, AF__MAX };
static const char *const af_names[AF__MAX] = {"person",       "body",    "seat",  "organisation",
                                              "municipality", "profile", "start", "end"};
static const char *const af_labels[AF__MAX] = {"Person",  "Gruppe", "Plads",      "Organisation",
                                               "Kommune", "Profil", "Første dag", "Sidste dag"};
static const int af_col[AF__MAX] = {COL_PERSON, COL_BODY,    COL_SEAT,  COL_ORG,
                                    COL_MUNIC,  COL_PROFILE, COL_START, COL_END};
/* What to do about an empty field, where the importer's message would not fit the form. */
static const char *const af_empty[AF__MAX] = {
    [AF_BODY] = "Vælg den gruppe, personen skal sidde i.",
    [AF_SEAT] = "Vælg, hvilken slags plads personen skal have.",
    [AF_MUNIC] = "Vælg kommunen, når organisationen er en kommune.",
    [AF_PROFILE] = "Vælg medlemmets profil. Den skal udfyldes for kommunale pladser.",
    [AF_START] = "Skriv den første dag i udpegningen, fx 2027-01-01.",
};
static const char *const origin_labels[SEAT__MAX] = {"Kommune", "KL", "UDK (Udbetaling Danmark)",
                                                     "KOMBIT"};

/* The form field a diagnostic of the importer belongs to (name and e-mail are the person's). */
static int af_of_diag(const char *field)
{
	if (!field)
		return AF_PERSON;
	for (int i = 0; i < AF__MAX; i++)
		if (!strcmp(field, af_names[i]))
			return i;
	return AF_PERSON;
}

static int cmp_munic_name(const void *x, const void *y)
{
	const struct munic *const *a = x, *const *b = y;
	return strcmp((*a)->name, (*b)->name);
}

/* The appoint form's view model: the options of every select with the values v selected. */
static json_t *appoint_doc(const struct web_req *r, const struct reg *reg, const char *const *v,
                           struct form *fm)
{
	const struct model *m = r->app->model;
	const struct munic_table *mt = r->app->mt;
	json_t *doc = json_object();
	json_object_set_new(doc, "title",
	                    json_string(form_ok(fm) ? "Udpeg et medlem" : "Fejl: Udpeg et medlem"));

	/* People: a picker, or a text field for a very large register. */
	if (reg->npersons <= PEOPLE_SELECT_MAX) {
		const char *err = json_string_value(
		    json_object_get(json_object_get(fm->f, "person"), "error"));
		struct picker pk = {"person", "person", "Person",
		                    "Listen er sorteret efter navn, med kommunen fra personens "
		                    "nuværende eller seneste udpegning.",
		                    "Vælg person", err, false};
		json_object_set_new(doc, "picker",
		                    picker_people(&pk, reg, r->app->mt, r->today, NULL, 0, v[AF_PERSON]));
		json_object_set_new(doc, "person_select", json_true());
	}

	/* Bodies with seats. */
	int body = model_body_index(m, v[AF_BODY]);
	json_t *bodies = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		int seats = 0;
		for (int s = 0; s < SEAT__MAX; s++)
			seats += m->bodies[i].seats[s];
		if (seats)
			json_array_append_new(
			    bodies, option(m->bodies[i].id, m->bodies[i].name, (int)i == body));
	}
	json_object_set_new(doc, "bodies", bodies);

	json_t *seats = json_array(), *orgs = json_array();
	for (int s = 0; s < SEAT__MAX; s++) {
		json_array_append_new(seats, option(seat_name(s), origin_labels[s],
		                                    !strcmp(v[AF_SEAT], seat_name(s))));
		json_array_append_new(
		    orgs, option(seat_name(s), origin_labels[s], !strcmp(v[AF_ORG], seat_name(s))));
	}
	json_object_set_new(doc, "seats", seats);
	json_object_set_new(doc, "orgs", orgs);

	/* Municipalities by region, by name within a region. */
	int code = atoi(v[AF_MUNIC]);
	const struct munic **ms = xmalloc((mt->n + 1) * sizeof *ms);
	for (size_t i = 0; i < mt->n; i++)
		ms[i] = &mt->v[i];
	qsort(ms, mt->n, sizeof *ms, cmp_munic_name);
	json_t *regions = json_array();
	for (size_t g = 0; g < mt->nregions; g++) {
		json_t *opts = json_array();
		for (size_t i = 0; i < mt->n; i++) {
			if (ms[i]->region != (int)g)
				continue;
			char val[8], label[200];
			snprintf(val, sizeof val, "%03d", ms[i]->code);
			snprintf(label, sizeof label, "%s (%03d)", ms[i]->name, ms[i]->code);
			json_array_append_new(
			    opts, option(val, label, *v[AF_MUNIC] && ms[i]->code == code));
		}
		json_array_append_new(
		    regions, json_pack("{s:s, s:o}", "label", mt->regions[g], "options", opts));
	}
	free(ms);
	json_object_set_new(doc, "municipalities", regions);

	/* Profiles by the bodies that list them; the selected one is marked once, in the chosen
	 * body's group when it is there. */
	int prof = model_profile_index(m, v[AF_PROFILE]);
	int sel_body = -1;
	if (prof >= 0) {
		if (body >= 0 && model_body_has_profile(&m->bodies[body], prof))
			sel_body = body;
		for (size_t i = 0; i < m->nbodies && sel_body < 0; i++)
			if (model_body_has_profile(&m->bodies[i], prof))
				sel_body = (int)i;
	}
	json_t *pgroups = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		const struct model_body *b = &m->bodies[i];
		if (!b->nprofiles)
			continue;
		json_t *opts = json_array();
		for (size_t k = 0; k < b->nprofiles; k++)
			json_array_append_new(opts,
			                      option(m->profiles[b->profiles[k]].id,
			                             m->profiles[b->profiles[k]].name,
			                             b->profiles[k] == prof && (int)i == sel_body));
		json_array_append_new(pgroups,
		                      json_pack("{s:s, s:o}", "label", b->name, "options", opts));
	}
	json_t *other = json_array();
	for (size_t k = 0; k < m->nprofiles; k++) {
		bool listed = false;
		for (size_t i = 0; i < m->nbodies && !listed; i++)
			listed = model_body_has_profile(&m->bodies[i], (int)k);
		if (!listed)
			json_array_append_new(
			    other, option(m->profiles[k].id, m->profiles[k].name, (int)k == prof));
	}
	if (json_array_size(other))
		json_array_append_new(
		    pgroups, json_pack("{s:s, s:o}", "label", "Øvrige profiler", "options", other));
	else
		json_decref(other);
	json_object_set_new(doc, "profiles", pgroups);

	for (int i = 0; i < AF__MAX; i++)
		form_value(fm, af_names[i], v[i]);
	form_finish(fm, doc);
	return doc;
}

/* A finding as the templates show it. */
static json_t *finding_json(const struct model *m, const struct reg *reg, const struct finding *x)
{
	json_t *o =
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "rule", rule_name(x->rule), "rule_da",
	              rule_title(x->rule), "severity",
	              severity_name(x->severity), "severity_da",
	              x->severity == SEV_ERROR ? "Fejl" : "Advarsel", "body", finding_body_id(m, x),
	              "body_name", finding_body_name(m, x), "message", form_text(x->message));
	/* null, not absent: a template must not find a "person" further up */
	json_object_set_new(
	    o, "person", x->person >= 0 ? json_string(reg->persons[x->person].key) : json_null());
	json_object_set_new(o, "name",
	                    x->person >= 0 ? form_text(reg->persons[x->person].name) : json_null());
	return o;
}

static const struct reg_appt *appt_by_id(const struct reg *reg, int64_t id)
{
	for (size_t i = 0; i < reg->nappts; i++)
		if (reg->appts[i].id == id)
			return &reg->appts[i];
	return NULL;
}

/* A positive row id from text, or 0. */
static int64_t parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* An appointment for the templates: report_appt plus display names and Danish dates. */
static json_t *appt_view(const struct web_req *r, const struct reg *reg, const struct reg_appt *a)
{
	const struct model *m = r->app->model;
	json_t *o = report_appt(m, reg, a, true);
	char da[40];
	json_object_set_new(o, "body_name", json_string(m->bodies[a->body].name));
	json_object_set_new(o, "seat_label", json_string(origin_labels[a->seat]));
	json_object_set_new(o, "org_label", json_string(origin_labels[a->org]));
	if (a->profile >= 0)
		json_object_set_new(o, "profile_name", json_string(m->profiles[a->profile].name));
	const struct munic *mu = a->munic ? munic_find(r->app->mt, a->munic) : NULL;
	if (mu)
		json_object_set_new(o, "municipality_name", json_string(mu->name));
	date_format_da(a->start, da, sizeof da);
	json_object_set_new(o, "start_da", json_string(da));
	if (a->end != DATE_OPEN) {
		date_format_da(a->end, da, sizeof da);
		json_object_set_new(o, "end_da", json_string(da));
	}
	json_object_set_new(o, "current", json_boolean(a->start <= r->today && r->today <= a->end));
	return o;
}

/* GET /appoint?saved=ID[&slut=1]: what was saved, and what the rules now say about the
 * person and the body. */
static int appoint_done(struct web_req *r, struct web_resp *p, int64_t id)
{
	const struct model *m = r->app->model;
	struct reg reg;
	if (load(r, p, &reg))
		return 0;
	const struct reg_appt *a = appt_by_id(&reg, id);
	if (!a) {
		reg_free(&reg);
		return web_error(r, p, 404, "Udpegningen findes ikke.");
	}
	bool ended = web_query(r, "slut") != NULL;
	json_t *doc = json_object();
	json_object_set_new(doc, "title",
	                    json_string(ended ? "Slutdatoen er gemt" : "Udpegningen er gemt"));
	json_object_set_new(doc, "ended", json_boolean(ended));
	json_object_set_new(doc, "appt", appt_view(r, &reg, a));

	/* A new appointment that starts later is checked on its first day: that is when it
	 * changes the body. */
	fk_date on = !ended && a->start > r->today ? a->start : r->today;
	struct findings f;
	findings_init(&f);
	(void)check_all(r->st, m, r->app->mt, &reg, on, &f);
	json_t *errs = json_array(), *warns = json_array();
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.v[i];
		if (x->body != a->body && x->person != a->person)
			continue;
		json_array_append_new(x->severity == SEV_ERROR ? errs : warns,
		                      finding_json(m, &reg, x));
	}
	findings_free(&f);
	char da[40];
	date_format_da(on, da, sizeof da);
	json_object_set_new(doc, "date_da", json_string(da));
	json_object_set_new(doc, "on_start", json_boolean(on != r->today));
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(errs) > 0));
	json_object_set_new(doc, "has_warnings", json_boolean(json_array_size(warns) > 0));
	json_object_set_new(doc, "error_list", errs);
	json_object_set_new(doc, "warning_list", warns);
	json_object_set_new(doc, "clean",
	                    json_boolean(!json_array_size(errs) && !json_array_size(warns)));
	reg_free(&reg);
	p->doc = doc;
	p->tmpl = "appoint_done";
	return 0;
}

int page_appoint(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	const char *v[AF__MAX];
	struct form fm;

	if (r->method != WM_POST) {
		int64_t saved = parse_id(web_query(r, "saved"));
		if (saved)
			return appoint_done(r, p, saved);
		for (int i = 0; i < AF__MAX; i++)
			v[i] = "";
		const char *qp = web_query(r, "person"), *qb = web_query(r, "body"),
		           *qs = web_query(r, "seat");
		v[AF_PERSON] = qp ? qp : "";
		v[AF_BODY] = qb ? qb : "";
		v[AF_SEAT] = qs && seat_parse(qs) >= 0 ? qs : "kommune";
		struct reg reg;
		if (load(r, p, &reg))
			return 0;
		form_init(&fm);
		p->doc = appoint_doc(r, &reg, v, &fm);
		int32_t pi = reg_person_find(&reg, v[AF_PERSON]);
		if (web_query(r, "oprettet") && pi >= 0) {
			char msg[600];
			snprintf(msg, sizeof msg,
			         "%s (%s) er oprettet. Udpeg personen til en gruppe herunder.",
			         reg.persons[pi].name, reg.persons[pi].key);
			json_object_set_new(p->doc, "flash", form_text(msg));
			json_object_set_new(p->doc, "created",
			                    json_pack("{s:s}", "person", reg.persons[pi].key));
		}
		reg_free(&reg);
		return 0;
	}

	/* What the user typed, without leading and trailing spaces. */
	char *vals[AF__MAX];
	for (int i = 0; i < AF__MAX; i++)
		v[i] = vals[i] = trimmed(web_field(r, af_names[i]));
	struct reg reg;
	if (load(r, p, &reg)) {
		for (int i = 0; i < AF__MAX; i++)
			free(vals[i]);
		return 0;
	}
	form_init(&fm);
	check_text(&fm, r, af_names, af_labels, AF__MAX);
	int32_t pi = -1;
	if (!*v[AF_PERSON])
		form_error(&fm, "person", "Person",
		           "Vælg den person, der skal udpeges. Er personen ikke oprettet endnu, så "
		           "opret den først under »Ny person«.");
	else if ((pi = reg_person_find(&reg, v[AF_PERSON])) < 0)
		form_error(
		    &fm, "person", "Person",
		    "Personen »%s« findes ikke. Tjek id'et, eller opret personen først under "
		    "»Ny person«.",
		    v[AF_PERSON]);

	struct imp_fields in;
	memset(&in, 0, sizeof in);
	for (int i = 0; i < AF__MAX; i++)
		in.v[af_col[i]] = v[i];
	if (!*v[AF_ORG])
		in.v[COL_ORG] = v[AF_SEAT]; /* "the same as the seat" */
	char start_iso[11], end_iso[11]; /* dates as Danes write them (form_date_iso) */
	in.v[COL_START] = form_date_iso(in.v[COL_START], start_iso);
	in.v[COL_END] = form_date_iso(in.v[COL_END], end_iso);
	if (pi >= 0) {
		in.v[COL_NAME] = reg.persons[pi].name;
		in.v[COL_EMAIL] = reg.persons[pi].email;
	}
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	int rc = imp_rows(m, r->app->mt, &reg, &in, 1, NULL, &plan, &d);
	for (size_t i = 0; i < d.n; i++) {
		int k = af_of_diag(d.v[i].field);
		const char *msg = d.v[i].msg;
		/* The importer speaks of files and codes; an empty field of the form gets words
		 * for the form. */
		if (!*v[k] && af_empty[k])
			msg = af_empty[k];
		form_error(&fm, af_names[k], af_labels[k], "%s", msg);
	}
	diags_free(&d);
	if (rc == FK_OK && form_ok(&fm) &&
	    (plan.unchanged || (plan.nappts && plan.appts[0].a.id))) {
		/* The importer reads a restated appointment as an update; the form only adds. */
		form_error(
		    &fm, "start", "Første dag",
		    "%s er allerede udpeget til %s fra %s. Vælg en anden første dag, eller ret "
		    "den udpegning, der findes, fra personens side.",
		    reg.persons[pi].name, m->bodies[model_body_index(m, v[AF_BODY])].name,
		    v[AF_START]);
	}

	bool failed = false;
	if (rc == FK_OK && form_ok(&fm)) {
		rc = store_apply_plan(r->st, r->user.login, m, &plan, NULL, NULL);
		failed = rc != FK_OK;
	}
	if (!failed && form_ok(&fm)) {
		/* Find the new row: one appointment per person, body and start. */
		struct reg_appt a = plan.appts[0].a;
		const char *key = reg.persons[pi].key;
		char *k = xstrdup(key);
		imp_plan_free(&plan);
		reg_free(&reg);
		int64_t id = 0;
		if (web_load_register(r, &reg) == FK_OK) {
			int32_t np = reg_person_find(&reg, k);
			for (size_t i = 0; i < reg.nappts && !id; i++)
				if (reg.appts[i].person == np && reg.appts[i].body == a.body &&
				    reg.appts[i].start == a.start)
					id = reg.appts[i].id;
		}
		reg_free(&reg);
		form_free(&fm);
		if (id)
			web_redirect(p, "/appoint?saved=%lld", (long long)id);
		else
			web_redirect(p, "/people/%s", k);
		free(k);
		for (int i = 0; i < AF__MAX; i++)
			free(vals[i]);
		return 0;
	}
	imp_plan_free(&plan);
	p->status = failed ? 500 : 400;
	p->doc = appoint_doc(r, &reg, v, &fm);
	if (failed)
		json_object_set_new(
		    p->doc, "failure",
		    json_string("Udpegningen kunne ikke gemmes på grund af en fejl i "
		                "databasen. Intet er gemt. Prøv igen om lidt."));
	reg_free(&reg);
	for (int i = 0; i < AF__MAX; i++)
		free(vals[i]);
	return 0;
}

/* ================================================================== /appointments/{id}/end */

/* The next appointment of a's person to a's body after a, or NULL. */
static const struct reg_appt *next_appt(const struct reg *reg, const struct reg_appt *a)
{
	const struct reg_appt *best = NULL;
	for (size_t i = 0; i < reg->nappts; i++) {
		const struct reg_appt *x = &reg->appts[i];
		if (x != a && x->person == a->person && x->body == a->body && x->start > a->start &&
		    (!best || x->start < best->start))
			best = x;
	}
	return best;
}

static json_t *end_doc(const struct web_req *r, const struct reg *reg, const struct reg_appt *a,
                       struct form *fm)
{
	json_t *doc = json_object();
	json_object_set_new(
	    doc, "title", json_string(form_ok(fm) ? "Afslut udpegning" : "Fejl: Afslut udpegning"));
	json_object_set_new(doc, "appt", appt_view(r, reg, a));
	json_object_set_new(doc, "person_name", form_text(reg->persons[a->person].name));
	const struct reg_appt *nx = next_appt(reg, a);
	if (nx)
		json_object_set_new(doc, "next", appt_view(r, reg, nx));
	form_finish(fm, doc);
	return doc;
}

int page_appt_end(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	int64_t id = parse_id(r->param);
	struct reg reg;
	struct form fm;
	if (!id)
		return web_error(r, p, 404, "Udpegningen findes ikke.");
	if (r->method != WM_POST) {
		if (load(r, p, &reg))
			return 0;
		const struct reg_appt *a = appt_by_id(&reg, id);
		if (!a) {
			reg_free(&reg);
			return web_error(r, p, 404,
			                 "Udpegningen findes ikke. Den kan være slettet.");
		}
		form_init(&fm);
		char end[11] = "";
		if (a->end != DATE_OPEN)
			date_format(a->end, end);
		form_value(&fm, "end", end);
		p->doc = end_doc(r, &reg, a, &fm);
		reg_free(&reg);
		return 0;
	}

	const char *value = web_field(r, "end");
	static const char *const names[] = {"end"}, *const labels[] = {"Sidste dag"};
	form_init(&fm);
	form_value(&fm, "end", value);
	check_text(&fm, r, names, labels, 1);
	/* Read, check and write in one transaction, so a later appointment added meanwhile is
	 * seen. */
	int rc = store_begin(r->st);
	reg_init(&reg);
	if (rc == FK_OK)
		rc = store_load_register(r->st, m, &reg);
	if (rc != FK_OK) {
		store_rollback(r->st);
		reg_free(&reg);
		form_free(&fm);
		return web_error(r, p, 500,
		                 "Registret kunne ikke læses. Intet er ændret. Prøv igen om lidt.");
	}
	const struct reg_appt *a = appt_by_id(&reg, id);
	if (!a) {
		store_rollback(r->st);
		reg_free(&reg);
		form_free(&fm);
		return web_error(r, p, 404, "Udpegningen findes ikke. Den kan være slettet.");
	}
	fk_date end = DATE_OPEN;
	if (form_ok(&fm) && !value[strspn(value, " ")])
		form_error(&fm, "end", "Sidste dag",
		           "Skriv den sidste dag i udpegningen, fx 31-12-2027.");
	if (form_ok(&fm) && form_date(&fm, "end", "Sidste dag", value, true, &end)) {
		const struct reg_appt *nx = next_appt(&reg, a);
		char da[40];
		if (end < a->start) {
			date_format_da(a->start, da, sizeof da);
			form_error(&fm, "end", "Sidste dag",
			           "Den sidste dag kan ikke ligge før udpegningens første dag, %s.",
			           da);
		} else if (nx && end >= nx->start) {
			date_format_da(nx->start, da, sizeof da);
			form_error(
			    &fm, "end", "Sidste dag",
			    "%s har en ny udpegning til %s, der starter %s. Den sidste dag skal "
			    "ligge før den dato.",
			    reg.persons[a->person].name, m->bodies[a->body].name, da);
		}
	}
	bool failed = false;
	if (form_ok(&fm)) {
		struct reg_appt upd = *a;
		upd.end = end;
		upd.person = (int32_t)reg.persons[a->person].id; /* the store takes the row id */
		if ((rc = store_appt_update(r->st, r->user.login, m, &upd)) == FK_OK)
			rc = store_commit(r->st);
		else
			store_rollback(r->st);
		failed = rc != FK_OK;
		if (!failed) {
			reg_free(&reg);
			form_free(&fm);
			web_redirect(p, "/appoint?saved=%lld&slut=1", (long long)id);
			return 0;
		}
	} else {
		store_rollback(r->st);
	}
	p->status = failed ? 500 : 400;
	p->doc = end_doc(r, &reg, a, &fm);
	if (failed)
		json_object_set_new(
		    p->doc, "failure",
		    json_string("Slutdatoen kunne ikke gemmes på grund af en fejl i "
		                "databasen. Intet er ændret. Prøv igen om lidt."));
	reg_free(&reg);
	return 0;
}

/* ================================================================== /appointments/{id}/delete */

static json_t *delete_doc(const struct web_req *r, const struct reg *reg,
                          const struct reg_appt *a, struct form *fm)
{
	json_t *doc = json_object();
	json_object_set_new(
	    doc, "title", json_string(form_ok(fm) ? "Slet udpegning" : "Fejl: Slet udpegning"));
	json_object_set_new(doc, "appt", appt_view(r, reg, a));
	form_finish(fm, doc);
	return doc;
}

int page_appt_delete(struct web_req *r, struct web_resp *p)
{
	int64_t id = parse_id(r->param);
	struct reg reg;
	struct form fm;
	if (!id)
		return web_error(r, p, 404, "Udpegningen findes ikke.");
	if (load(r, p, &reg))
		return 0;
	const struct reg_appt *a = appt_by_id(&reg, id);
	if (!a) {
		reg_free(&reg);
		return web_error(r, p, 404, "Udpegningen findes ikke. Den kan være slettet.");
	}
	form_init(&fm);
	if (r->method != WM_POST) {
		form_value(&fm, "reason", "");
		p->doc = delete_doc(r, &reg, a, &fm);
		reg_free(&reg);
		return 0;
	}
	char *reason = form_take(&fm, r, "reason", "Begrundelse");
	if (form_ok(&fm) && !*reason)
		form_error(&fm, "reason", "Begrundelse",
		           "Skriv, hvorfor udpegningen slettes, fx »Oprettet på den forkerte "
		           "person«. Begrundelsen gemmes i revisionsloggen.");
	int rc = FK_OK;
	if (form_ok(&fm))
		rc = store_appt_delete(r->st, r->user.login, r->app->model, id, reason);
	free(reason);
	if (form_ok(&fm) && rc == FK_OK) {
		web_redirect(p, "/people/%s?slettet=1", reg.persons[a->person].key);
		form_free(&fm);
		reg_free(&reg);
		return 0;
	}
	p->status = rc == FK_OK ? 400 : rc == FK_ENOTFOUND ? 404 : 500;
	p->doc = delete_doc(r, &reg, a, &fm);
	if (rc != FK_OK)
		json_object_set_new(p->doc, "failure",
		                    json_string("Udpegningen kunne ikke slettes på grund af en fejl i "
		                                "databasen. Intet er ændret. Prøv igen om lidt."));
	reg_free(&reg);
	return 0;
}
