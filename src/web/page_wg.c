/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Working groups and the written hearing in the steering group:
 *
 *   GET  /working-groups              the list by priority, and the form to propose one
 *   POST /working-groups              a reference group proposes a working group
 *   GET  /working-groups/{id}         details, staffing plan, priority, hearing (answers for
 *                                     logged-in users), decision, members, timeline; forms per
 *                                     role
 *   POST /working-groups/{id}         an action ("action" field): staffing plan, priority,
 *                                     hearing, decision, start, members, delivery,
 *                                     dissolution, withdrawal, new end date
 *   POST /working-groups/{id}/answer  a steering-group member answers the hearing (the
 *                                     secretariat may answer on a member's behalf)
 *
 * The actions are written once (wg_web_act) and used by these pages and by the JSON API
 * (api_wg.c). Who may do what beyond the route table: the secretariat (admin) everything; a
 * member may propose for a reference group they sit in, edit that proposal's staffing plan
 * while it is proposed, and answer the hearing as themselves when they sit in the steering
 * group. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/economy.h"
#include "core/wg.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"
#include "web/picker.h"

/* Above this many people the forms ask for a person's id instead of a list. */
#define PEOPLE_SELECT_MAX 1000

/* ================================================================== shared helpers */

static const char *const org_da[SEAT__MAX] = {"Kommune", "KL", "UDK (Udbetaling Danmark)",
                                              "KOMBIT"};

static json_t *option(const char *value, const char *label, bool selected)
{
	return json_pack("{s:o, s:o, s:b}", "value", form_text(value), "label", form_text(label),
	                 "selected", selected);
}

static void set_da(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	fk_date d;
	char name[64], da[40];
	snprintf(name, sizeof name, "%s_da", key);
	if (s && date_parse(s, strlen(s), &d) == 0) {
		date_format_da(d, da, sizeof da);
		json_object_set_new(o, name, json_string(da));
	} else {
		/* null, not absent: a template must not find the key further up */
		json_object_set_new(o, name, json_null());
	}
}

/* Moves the form into doc; a general error (field "_", not about one input) becomes
 * "refusal", shown on its own, and the error summary lists the field errors only. */
static void finish_form(struct form *fm, json_t *doc)
{
	json_t *gen = json_object_get(json_object_get(fm->f, "_"), "error");
	if (gen)
		json_object_set(doc, "refusal", gen);
	form_finish(fm, doc);
	json_t *errs = json_object_get(doc, "errors"), *keep = json_array();
	for (size_t i = 0; i < json_array_size(errs); i++) {
		json_t *x = json_array_get(errs, i);
		if (strcmp(json_string_value(json_object_get(x, "field")), "_") != 0)
			json_array_append(keep, x);
	}
	json_object_set_new(doc, "has_errors", json_boolean(json_array_size(keep) > 0));
	json_object_set_new(doc, "many_errors", json_boolean(json_array_size(keep) > 1));
	json_object_set_new(doc, "errors", keep);
}

/* The reference groups of the model where person (key) serves on d; all of them when
 * person is NULL. */
static json_t *rg_options(const struct model *m, const struct reg *r, const char *person, fk_date d,
                          const char *selected)
{
	json_t *a = json_array();
	int32_t pi = person ? reg_person_find(r, person) : -1;
	for (size_t i = 0; i < m->nbodies; i++) {
		if (!wg_is_reference_group(m, m->bodies[i].id))
			continue;
		if (person && (pi < 0 || !wg_serves(r, (int)i, pi, d)))
			continue;
		json_array_append_new(a, option(m->bodies[i].id, m->bodies[i].name,
		                                selected && !strcmp(selected, m->bodies[i].id)));
	}
	return a;
}

/* ================================================================== the actions */

/* Form field names of each action's inputs, and their Danish labels. */
struct fieldmap {
	const char *store; /* the store's field name */
	const char *form;  /* the form's */
	const char *label;
};

static const struct fieldmap propose_fields[] = {
    {"topic", "topic", "Emne"},
    {"question", "question", "Spørgsmål"},
    {"reference_group", "reference_group", "Rapporterer til"},
    {"proposer", "proposer", "Foreslået af"},
    {"start", "start", "Første dag"},
    {"end", "end", "Sidste dag"},
    {"hours", "hours", "Timer"},
    {"kr", "kr", "Kroner"},
    {NULL, NULL, NULL}};

/* An action on one working group: its name, the event it is (or -1), its date and text
 * fields, and how store fields map to the form's. */
struct action {
	const char *name;
	int event;
	const char *date_field, *text_field;
	const char *flash; /* the query value of the redirect: what the page then says */
	struct fieldmap fields[8];
};

static const struct action actions[] = {
    {"staff-add",
     -1,
     NULL,
     NULL,
     "bemanding",
     {{"person", "staff_person", "Person"},
      {"profile", "staff_profile", "Profil"},
      {"org", "staff_org", "Udpeges af"},
      {"note", "staff_note", "Bemærkning"}}},
    {"staff-remove", -1, NULL, NULL, "bemanding", {{"staff", "staff", "Række"}}},
    {"priority", -1, NULL, NULL, "prioritet", {{"rank", "rank", "Prioritet"}}},
    {"hearing",
     WG_EV_OPEN_HEARING,
     "hearing_date",
     NULL,
     "hoering",
     {{"date", "hearing_date", "Høringen åbnes"}}},
    {"decide",
     WG_EV_APPROVE,
     "decide_date",
     "summary",
     "beslutning",
     {{"date", "decide_date", "Dato for beslutningen"},
      {"summary", "summary", "Resumé"},
      {"decision", "decision", "Beslutning"}}},
    {"start",
     WG_EV_START,
     "start_date",
     "start_text",
     "startet",
     {{"date", "start_date", "Startdato"}, {"text", "start_text", "Bemærkning"}}},
    {"member-add",
     -1,
     NULL,
     NULL,
     "medlem",
     {{"person", "member_person", "Person"},
      {"org", "member_org", "Organisation"},
      {"municipality", "member_municipality", "Kommune"},
      {"role", "member_role", "Rolle"},
      {"start", "member_start", "Første dag"},
      {"end", "member_end", "Sidste dag"}}},
    {"member-end",
     -1,
     NULL,
     NULL,
     "medlem-slut",
     {{"person", "end_person", "Medlem"}, {"end", "end_date", "Sidste dag"}}},
    {"deliver",
     WG_EV_DELIVER,
     "deliver_date",
     "delivery",
     "afleveret",
     {{"date", "deliver_date", "Dato"}, {"delivery", "delivery", "Forslaget"}}},
    {"dissolve",
     WG_EV_DISSOLVE,
     "dissolve_date",
     "dissolve_text",
     "nedlagt",
     {{"date", "dissolve_date", "Nedlægges"}, {"text", "dissolve_text", "Bemærkning"}}},
    {"withdraw",
     WG_EV_WITHDRAW,
     "withdraw_date",
     "withdraw_text",
     "trukket",
     {{"date", "withdraw_date", "Dato"}, {"text", "withdraw_text", "Begrundelse"}}},
    {"edit-end", -1, NULL, NULL, "rettet", {{"end", "new_end", "Ny sidste dag"}}},
    {"answer",
     -1,
     "answer_date",
     "text",
     "svar",
     {{"position", "position", "Svar"},
      {"text", "text", "Begrundelse"},
      {"person", "answer_person", "Medlem"},
      {"date", "answer_date", "Svaret givet"}}},
};

static const struct action *action_find(const char *name)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (name && !strcmp(actions[i].name, name))
			return &actions[i];
	return NULL;
}

/* The form field and label of a store field in action a ("" when it concerns no field). */
static const struct fieldmap *map_field(const struct fieldmap *fm, const char *store)
{
	for (; fm->store; fm++)
		if (!strcmp(fm->store, store))
			return fm;
	return NULL;
}

/* Puts a store refusal into the form: next to its field when it has one, else as the
 * request's general error ("_"). */
static void refusal(struct form *fm, const struct fieldmap *fields, const struct store_wg_err *e)
{
	const struct fieldmap *f = e->field[0] ? map_field(fields, e->field) : NULL;
	if (f)
		form_error(fm, f->form, f->label, "%s", e->msg);
	else
		form_error(fm, "_", "Arbejdsgruppen", "%s", e->msg);
}

/* The value of input name ("" when absent), readable text or NULL (with a form error). */
static const char *in_text(const struct wg_input *in, struct form *fm, const char *name,
                           const char *label)
{
	const char *v = in->get(in->arg, name);
	if (!v)
		v = "";
	if (!form_utf8(v, strlen(v))) {
		form_error(fm, name, label,
		           "Feltet indeholder tegn, der ikke kan læses. Skriv teksten igen.");
		return NULL;
	}
	form_value(fm, name, v);
	return v;
}

/* Checks text v of field name with the store's rules (wg_text_check), so every field's
 * error is shown at once; v NULL (unreadable) was marked already. */
static void check_text(struct form *fm, const char *name, const char *label, const char *what,
                       const char *v, size_t max, bool multiline, bool required)
{
	char msg[400];
	if (!v || (!required && !*v))
		return;
	if (wg_text_check(v, what, max, multiline, msg, sizeof msg) != 0)
		form_error(fm, name, label, "%s", msg);
}

/* A copy of s without spaces at either end (caller frees). */
static char *trim_dup(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

/* An optional whole number in [lo, hi]: -1 when empty; -2 with a form error when bad. */
static int64_t in_int(const struct wg_input *in, struct form *fm, const char *name,
                      const char *label, int64_t lo, int64_t hi)
{
	const char *v = in_text(in, fm, name, label);
	if (!v || !*v)
		return v ? -1 : -2;
	char *end;
	long long x = strtoll(v, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || x < lo || x > hi) {
		form_error(fm, name, label, "Skriv et helt tal fra %lld til %lld.", (long long)lo,
		           (long long)hi);
		return -2;
	}
	return x;
}

/* A date input: dflt when empty (DATE_NONE: required). */
static fk_date in_date(const struct wg_input *in, struct form *fm, const char *name,
                       const char *label, fk_date dflt, bool required)
{
	const char *v = in_text(in, fm, name, label);
	fk_date d = dflt;
	if (!v)
		return DATE_NONE;
	if (!form_date(fm, name, label, v, required, &d))
		return DATE_NONE;
	return d;
}

/* Whether the user is a member who serves in body on today. */
static bool member_of(const struct web_req *r, const struct reg *reg, int body)
{
	if (r->user.role != ROLE_MEMBER || !r->user.person[0] || body < 0)
		return false;
	int32_t pi = reg_person_find(reg, r->user.person);
	return pi >= 0 && wg_serves(reg, body, pi, r->today);
}

static int forbid(struct form *fm, const char *msg)
{
	form_error(fm, "_", "Adgang", "%s", msg);
	return FK_EFORBIDDEN;
}

/* A proposal from in. */
static int act_propose(struct web_req *r, const struct reg *reg, const struct wg_input *in,
                       struct form *fm, char key[24])
{
	const struct model *m = r->app->model;
	/* In the form's order, so the error summary reads top to bottom. */
	const char *topic = in_text(in, fm, "topic", "Emne");
	check_text(fm, "topic", "Emne", "emnet", topic, WG_TOPIC_MAX, false, true);
	const char *question = in_text(in, fm, "question", "Spørgsmål");
	check_text(fm, "question", "Spørgsmål", "spørgsmålet", question, WG_TEXT_MAX, true, true);
	const char *rg = in_text(in, fm, "reference_group", "Rapporterer til");
	if (rg && !*rg)
		form_error(fm, "reference_group", "Rapporterer til",
		           "Vælg den referencegruppe, arbejdsgruppen skal rapportere til.");
	const char *proposer = in_text(in, fm, "proposer", "Foreslået af");
	fk_date start = in_date(in, fm, "start", "Første dag", DATE_NONE, true);
	fk_date end = in_date(in, fm, "end", "Sidste dag", DATE_NONE, true);
	int64_t hours = in_int(in, fm, "hours", "Timer", 0, 1000000);
	const char *kr = in_text(in, fm, "kr", "Kroner");
	int64_t ore = -1;
	char msg[300], onlybuf[65] = "";
	if (kr && *kr && econ_parse_kr(kr, &ore, msg, sizeof msg) != 0)
		form_error(fm, "kr", "Kroner", "%s", msg);
	if (proposer && !*proposer)
		proposer = NULL;
	/* A member proposes for a reference group they sit in. */
	if (r->user.role != ROLE_ADMIN) {
		json_t *mine =
		    rg_options(m, reg, r->user.person[0] ? r->user.person : "", r->today, NULL);
		size_t n = json_array_size(mine);
		const char *only =
		    n == 1 ? json_string_value(json_object_get(json_array_get(mine, 0), "value"))
		           : NULL;
		if (only)
			snprintf(onlybuf, sizeof onlybuf, "%s", only);
		json_decref(mine);
		if (!n)
			return forbid(fm,
			              "Kun medlemmer af en referencegruppe og Sekretariat FKI kan "
			              "foreslå en arbejdsgruppe.");
		if (!proposer && n == 1) {
			proposer = onlybuf;
		} else if (!proposer) {
			form_error(fm, "proposer", "Foreslået af",
			           "Vælg den referencegruppe, der foreslår arbejdsgruppen.");
		}
		if (proposer && form_ok(fm) && !member_of(r, reg, model_body_index(m, proposer))) {
			form_error(
			    fm, "proposer", "Foreslået af",
			    "Du kan kun foreslå en arbejdsgruppe på vegne af en referencegruppe, "
			    "du selv sidder i.");
			return FK_EFORBIDDEN;
		}
	}
	if (!form_ok(fm))
		return FK_EINPUT;
	struct store_wg_err e = {"", ""};
	char *t = trim_dup(topic);
	struct store_wg_new w = {t, question, rg, proposer, start, end, hours, ore};
	int rc = store_wg_propose(r->st, r->user.login, m, &w, key, &e);
	free(t);
	if (rc != FK_OK)
		refusal(fm, propose_fields, &e);
	return rc;
}

/* The answer of a member (as themselves) or of the secretariat on a member's behalf. */
static int act_answer(struct web_req *r, const struct reg *reg, const char *key,
                      const struct wg_input *in, struct form *fm)
{
	const struct model *m = r->app->model;
	const struct action *a = action_find("answer");
	const char *pos = in_text(in, fm, "position", "Svar");
	const char *text = in_text(in, fm, "text", "Begrundelse");
	const char *person = r->user.person;
	fk_date d = r->today;
	bool behalf = false;
	if (r->user.role == ROLE_ADMIN) {
		const char *p = in_text(in, fm, "answer_person", "Medlem");
		if (p && *p) {
			person = p;
			behalf = strcmp(p, r->user.person) != 0;
		}
		d = in_date(in, fm, "answer_date", "Svaret givet", r->today, false);
		if (!*person)
			form_error(fm, "answer_person", "Medlem",
			           "Vælg det medlem af styregruppen, du registrerer svaret for.");
	} else if (!person[0] || !member_of(r, reg, wg_steering_group(m))) {
		return forbid(fm, "Kun styregruppens medlemmer kan svare i høringen. Din konto er "
		                  "ikke knyttet til et medlem af styregruppen; kontakt Sekretariat "
		                  "FKI, hvis det er en fejl.");
	}
	check_text(fm, "text", "Begrundelse", "begrundelsen", text, WG_TEXT_MAX, true, true);
	int p = pos ? wg_position_parse(pos) : -1;
	if (pos && p < 0)
		form_error(fm, "position", "Svar",
		           "Vælg, om du støtter forslaget, har en indsigelse eller en bemærkning.");
	if (!form_ok(fm) || d == DATE_NONE)
		return FK_EINPUT;
	struct store_wg_err e = {"", ""};
	int rc = store_wg_answer(r->st, r->user.login, m, reg, key, person, p, text, d, behalf, &e);
	if (rc != FK_OK)
		refusal(fm, a->fields, &e);
	return rc;
}

int wg_web_act(struct web_req *r, const char *key, const char *action, const struct wg_input *in,
               struct form *fm, char newkey[24], const char **flash)
{
	const struct model *m = r->app->model;
	*flash = NULL;
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		form_error(fm, "_", "Registret",
		           "Registret kunne ikke læses. Intet er ændret. Prøv "
		           "igen om lidt.");
		return FK_EDB;
	}
	int rc = FK_OK;
	if (!key) {
		rc = act_propose(r, &reg, in, fm, newkey);
		*flash = "foreslaaet";
		reg_free(&reg);
		return rc;
	}
	const struct action *a = action_find(action);
	if (!a || (!strcmp(action, "answer") && !in)) {
		form_error(
		    fm, "action", "Handling",
		    "Ukendt handling »%s«. Brug staff-add, staff-remove, priority, hearing, "
		    "decide, start, member-add, member-end, deliver, dissolve, withdraw eller "
		    "edit-end.",
		    action ? action : "");
		reg_free(&reg);
		return FK_EINPUT;
	}
	*flash = a->flash;
	if (!strcmp(a->name, "answer")) {
		rc = act_answer(r, &reg, key, in, fm);
		reg_free(&reg);
		return rc;
	}
	/* Who: the secretariat; a member of the proposing reference group may edit the staffing
	 * plan of its proposal. */
	if (r->user.role != ROLE_ADMIN) {
		bool ok = false;
		if (!strncmp(a->name, "staff-", 6)) {
			struct wg w;
			if (store_wg_get(r->st, key, &w) == FK_OK) {
				ok = member_of(r, &reg, model_body_index(m, w.proposer));
				wg_clear(&w);
			} else {
				ok = true; /* the store says that it does not exist */
			}
		}
		if (!ok) {
			reg_free(&reg);
			return forbid(
			    fm, !strncmp(a->name, "staff-", 6)
			            ? "Kun medlemmer af den referencegruppe, der har foreslået "
			              "arbejdsgruppen, og Sekretariat FKI kan ændre "
			              "bemandingsforslaget."
			            : "Kun Sekretariat FKI kan gøre dette. Kontakt "
			              "sekretariatet.");
		}
	}
	struct store_wg_err e = {"", ""};
	if (a->event >= 0) {
		int ev = a->event;
		if (!strcmp(a->name, "decide")) {
			const char *dec = in_text(in, fm, "decision", "Beslutning");
			if (dec && !strcmp(dec, "approved"))
				ev = WG_EV_APPROVE;
			else if (dec && !strcmp(dec, "rejected"))
				ev = WG_EV_REJECT;
			else
				form_error(fm, "decision", "Beslutning",
				           "Vælg, om styregruppen har godkendt eller afvist "
				           "arbejdsgruppen.");
		}
		if (ev == WG_EV_APPROVE || ev == WG_EV_REJECT || ev == WG_EV_DELIVER) {
			const char *tf = a->text_field;
			check_text(fm, tf, ev == WG_EV_DELIVER ? "Forslaget" : "Resumé",
			           ev == WG_EV_DELIVER ? "kort, hvad arbejdsgruppen har afleveret"
			                               : "et resumé af svarene og beslutningen",
			           in->get(in->arg, tf) ? in->get(in->arg, tf) : "", WG_TEXT_MAX,
			           true, true);
		}
		fk_date d = in_date(in, fm, a->date_field, a->fields[0].label, r->today, false);
		const char *text =
		    a->text_field
		        ? in_text(in, fm, a->text_field,
		                  map_field(a->fields, ev == WG_EV_DELIVER ? "delivery"
		                                       : ev == WG_EV_APPROVE || ev == WG_EV_REJECT
		                                           ? "summary"
		                                           : "text")
		                      ->label)
		        : NULL;
		if (form_ok(fm) && d != DATE_NONE) {
			char *t = text ? trim_dup(text) : NULL;
			rc = store_wg_step(r->st, r->user.login, m, &reg, key, ev, d, t, &e);
			free(t);
		} else {
			rc = FK_EINPUT;
		}
	} else if (!strcmp(a->name, "staff-add")) {
		const char *person = in_text(in, fm, "staff_person", "Person"),
		           *profile = in_text(in, fm, "staff_profile", "Profil"),
		           *org = in_text(in, fm, "staff_org", "Udpeges af"),
		           *note = in_text(in, fm, "staff_note", "Bemærkning");
		check_text(fm, "staff_note", "Bemærkning", "bemærkningen", note, WG_NOTE_MAX, false,
		           false);
		int o = org ? wg_org_parse(org) : -1;
		if (org && o < 0)
			form_error(
			    fm, "staff_org", "Udpeges af",
			    "Vælg, hvem der udpeger: KL, UDK, KOMBIT eller referencegruppen.");
		if (person && profile && !*person && !*profile)
			form_error(
			    fm, "staff_person", "Person",
			    "Vælg en person eller en profil til pladsen i bemandingsforslaget.");
		else if (person && profile && *person && *profile)
			form_error(fm, "staff_person", "Person",
			           "Vælg enten en person eller en profil, ikke begge.");
		rc = form_ok(fm) ? store_wg_staff_add(r->st, r->user.login, m, key, person, profile,
		                                      o, note, NULL, &e)
		                 : FK_EINPUT;
	} else if (!strcmp(a->name, "staff-remove")) {
		int64_t id = in_int(in, fm, "staff", "Række", 1, INT64_MAX / 2);
		if (id == -1)
			form_error(fm, "staff", "Række", "Angiv, hvilken række der skal fjernes.");
		rc = form_ok(fm) ? store_wg_staff_remove(r->st, r->user.login, key, id, &e)
		                 : FK_EINPUT;
	} else if (!strcmp(a->name, "priority")) {
		int64_t rank = in_int(in, fm, "rank", "Prioritet", 1, 100000);
		if (rank == -1)
			form_error(fm, "rank", "Prioritet",
			           "Skriv den nye prioritet, fx 1 for højest.");
		rc = form_ok(fm) ? store_wg_priority_set(r->st, r->user.login, key, (int)rank, &e)
		                 : FK_EINPUT;
	} else if (!strcmp(a->name, "member-add")) {
		const char *person = in_text(in, fm, "member_person", "Person"),
		           *org = in_text(in, fm, "member_org", "Organisation"),
		           *role = in_text(in, fm, "member_role", "Rolle");
		int64_t munic = in_int(in, fm, "member_municipality", "Kommune", 1, 999);
		fk_date start = in_date(in, fm, "member_start", "Første dag", DATE_NONE, true);
		fk_date end = in_date(in, fm, "member_end", "Sidste dag", DATE_OPEN, false);
		check_text(fm, "member_role", "Rolle", "medlemmets rolle", role, WG_ROLE_MAX, false,
		           true);
		int o = org ? seat_parse(org) : -1;
		if (org && o < 0)
			form_error(fm, "member_org", "Organisation",
			           "Vælg medlemmets organisation: kommune, KL, UDK eller KOMBIT.");
		if (person && !*person)
			form_error(fm, "member_person", "Person",
			           "Vælg den person, der bliver medlem.");
		if (form_ok(fm) && start != DATE_NONE && end != DATE_NONE) {
			char *t = trim_dup(role);
			rc = store_wg_member_add(r->st, r->user.login, key, person, o,
			                         munic > 0 ? (int)munic : 0, t, start, end, NULL,
			                         &e);
			free(t);
		} else {
			rc = FK_EINPUT;
		}
	} else if (!strcmp(a->name, "member-end")) {
		const char *person = in_text(in, fm, "end_person", "Medlem");
		fk_date end = in_date(in, fm, "end_date", "Sidste dag", DATE_NONE, true);
		rc = form_ok(fm) && end != DATE_NONE
		         ? store_wg_member_end(r->st, r->user.login, key, person, end, &e)
		         : FK_EINPUT;
	} else if (!strcmp(a->name, "edit-end")) {
		fk_date end = in_date(in, fm, "new_end", "Ny sidste dag", DATE_NONE, true);
		struct store_wg_new w = {NULL, NULL, NULL, NULL, DATE_NONE, end, -1, -1};
		rc = form_ok(fm) && end != DATE_NONE
		         ? store_wg_edit(r->st, r->user.login, m, key, &w, &e)
		         : FK_EINPUT;
	}
	if (rc != FK_OK && (e.msg[0] || form_ok(fm)))
		refusal(fm, a->fields, &e);
	reg_free(&reg);
	return rc;
}

int wg_web_status(int rc, const struct form *fm)
{
	(void)fm;
	switch (rc) {
	case FK_OK:
		return 200;
	case FK_EINPUT:
		return 400;
	case FK_ENOTFOUND:
		return 404;
	case FK_ECONFLICT:
		return 409;
	case FK_EFORBIDDEN:
		return 403;
	default:
		return 500;
	}
}

/* ================================================================== form input */

static const char *form_get(void *arg, const char *name)
{
	return web_form((const struct web_req *)arg, name);
}

/* ================================================================== /working-groups */

static json_t *list_doc(struct web_req *r, const struct reg *reg, struct form *fm)
{
	const struct model *m = r->app->model;
	struct wg *v = NULL;
	size_t n = 0;
	json_t *doc;
	if (store_wg_list(r->st, &v, &n) != FK_OK) {
		doc = json_pack("{s:[]}", "working_groups");
		json_object_set_new(
		    doc, "failure",
		    json_string("Arbejdsgrupperne kunne ikke læses. Prøv igen om lidt."));
	} else {
		doc = wg_list_json(m, v, n, r->today);
	}
	wg_list_free(v, n);
	json_t *arr = json_object_get(doc, "working_groups");
	size_t active = 0, other = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		set_da(o, "start");
		set_da(o, "end");
		set_da(o, "hearing_deadline");
		if (json_is_true(json_object_get(o, "active")))
			active++;
		else
			other++;
	}
	json_object_set_new(doc, "any", json_boolean(json_array_size(arr) > 0));
	json_object_set_new(doc, "active_count", json_integer((json_int_t)active));
	json_object_set_new(doc, "other_count", json_integer((json_int_t)other));
	json_object_set_new(doc, "hearing_days", json_integer(m->cycle.hearing_working_days));

	/* The proposal form: the secretariat for any reference group, a member for their own. */
	json_t *f = fm->f;
	const char *rg_sel =
	    json_string_value(json_object_get(json_object_get(f, "reference_group"), "value"));
	const char *pr_sel =
	    json_string_value(json_object_get(json_object_get(f, "proposer"), "value"));
	json_t *proposers = NULL;
	bool can = false;
	if (r->user.role == ROLE_ADMIN) {
		proposers = rg_options(m, reg, NULL, r->today, pr_sel);
		can = true;
	} else if (r->user.role == ROLE_MEMBER && r->user.person[0]) {
		proposers = rg_options(m, reg, r->user.person, r->today, pr_sel);
		can = json_array_size(proposers) > 0;
	}
	json_object_set_new(doc, "can_propose", json_boolean(can));
	if (can) {
		json_object_set_new(doc, "reference_groups",
		                    rg_options(m, reg, NULL, r->today, rg_sel));
		json_object_set_new(doc, "one_proposer",
		                    json_boolean(json_array_size(proposers) == 1));
		json_object_set_new(doc, "proposers", proposers);
	} else {
		json_decref(proposers);
	}
	char t[80];
	snprintf(t, sizeof t, "%sArbejdsgrupper", form_ok(fm) ? "" : "Fejl: ");
	json_object_set_new(doc, "title", json_string(t));
	finish_form(fm, doc);
	return doc;
}

int page_wgs(struct web_req *r, struct web_resp *p)
{
	struct reg reg;
	struct form fm;
	form_init(&fm);
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		form_free(&fm);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	if (r->method != WM_POST) {
		char start[11];
		date_format(r->today, start);
		form_value(&fm, "start", "");
		p->doc = list_doc(r, &reg, &fm);
		reg_free(&reg);
		if (r->user.role == ROLE_ANON)
			p->cacheable = true;
		return 0;
	}
	struct wg_input in = {form_get, r};
	char key[24] = "";
	const char *flash;
	int rc = wg_web_act(r, NULL, NULL, &in, &fm, key, &flash);
	if (rc == FK_OK) {
		reg_free(&reg);
		form_free(&fm);
		web_redirect(p, "/working-groups/%s?ok=%s", key, flash);
		return 0;
	}
	p->status = wg_web_status(rc, &fm);
	p->doc = list_doc(r, &reg, &fm);
	reg_free(&reg);
	return 0;
}

/* ================================================================== /working-groups/{id} */

static const char *flash_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} t[] = {
	    {"foreslaaet",
	     "Arbejdsgruppen er foreslået. Tilføj bemandingsforslaget herunder; "
	     "derefter kan Sekretariat FKI åbne den skriftlige høring i styregruppen."},
	    {"bemanding", "Bemandingsforslaget er gemt."},
	    {"prioritet", "Prioriteringen er gemt."},
	    {"hoering", "Den skriftlige høring i styregruppen er åbnet."},
	    {"svar", "Svaret er gemt. Det kan ændres indtil høringsfristen."},
	    {"beslutning", "Styregruppens beslutning er registreret."},
	    {"startet", "Arbejdsgruppen er startet. Tilføj nu gruppens medlemmer."},
	    {"medlem", "Medlemmet er tilføjet."},
	    {"medlem-slut", "Medlemskabets sidste dag er gemt."},
	    {"afleveret", "Afleveringen er registreret."},
	    {"nedlagt", "Arbejdsgruppen er nedlagt."},
	    {"trukket", "Forslaget er trukket tilbage."},
	    {"rettet", "Slutdatoen er rettet."},
	};
	for (size_t i = 0; code && i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].code, code))
			return t[i].text;
	return NULL;
}

/* Every person as the options of a person picker (picker.h: by name, with municipality). */
static json_t *people_options(const struct web_req *r, const struct reg *reg, const char *sel)
{
	struct picker pk = {"", "", "", NULL, NULL, NULL, false};
	json_t *pj = picker_people(&pk, reg, r->app->mt, r->today, NULL, 0, sel);
	json_t *a = json_incref(json_object_get(pj, "options"));
	json_decref(pj);
	return a;
}

/* The value the user typed in field name, NULL when none. */
static const char *typed(const json_t *f, const char *name)
{
	return json_string_value(json_object_get(json_object_get(f, name), "value"));
}

/* Prefills field name with value unless the user typed something there. */
static void prefill(struct form *fm, const char *name, const char *value)
{
	if (!json_object_get(fm->f, name) || !typed(fm->f, name))
		form_value(fm, name, value);
}

static json_t *detail_doc(struct web_req *r, const struct reg *reg, const struct wg *w,
                          struct form *fm)
{
	const struct model *m = r->app->model;
	bool admin = r->user.role == ROLE_ADMIN;
	json_t *doc = wg_json(m, r->app->mt, reg, w, r->today, web_private(r));
	char t[300], iso[11];
	snprintf(t, sizeof t, "%s%s: %s", form_ok(fm) ? "" : "Fejl: ", w->key, w->topic);
	json_object_set_new(doc, "title", form_text(t));
	json_object_set_new(doc, "key", json_string(w->key));
	set_da(doc, "start");
	set_da(doc, "end");
	date_format(r->today, iso);

	/* Dates in Danish for the template. */
	json_t *arr = json_object_get(doc, "timeline");
	for (size_t i = 0; i < json_array_size(arr); i++)
		set_da(json_array_get(arr, i), "date");
	arr = json_object_get(doc, "members");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *x = json_array_get(arr, i);
		set_da(x, "start");
		set_da(x, "end");
		int o = seat_parse(json_string_value(json_object_get(x, "organisation")));
		json_object_set_new(x, "organisation_label", json_string(o >= 0 ? org_da[o] : "?"));
	}
	json_object_set_new(doc, "members_any", json_boolean(json_array_size(arr) > 0));
	json_object_set_new(doc, "staffing_any",
	                    json_boolean(json_array_size(json_object_get(doc, "staffing")) > 0));
	json_t *dec = json_object_get(doc, "decision");
	if (json_is_object(dec)) {
		set_da(dec, "date");
		json_object_set_new(
		    dec, "approved",
		    json_boolean(
		        !strcmp(json_string_value(json_object_get(dec, "decision")), "approved")));
	}
	json_t *h = json_object_get(doc, "hearing");
	bool hearing_open = false;
	if (json_is_object(h)) {
		set_da(h, "opened");
		set_da(h, "deadline");
		hearing_open = json_is_true(json_object_get(h, "open"));
		arr = json_object_get(h, "answers");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *x = json_array_get(arr, i);
			set_da(x, "date");
			const char *pos = json_string_value(json_object_get(x, "position"));
			json_object_set_new(
			    x, "class",
			    json_string(pos && !strcmp(pos, "indsigelse") ? "objection"
			                : pos && !strcmp(pos, "støtter")  ? "support"
			                                                  : "remark"));
		}
		json_object_set_new(h, "answers_any", json_boolean(json_array_size(arr) > 0));
		json_object_set_new(
		    h, "missing_any",
		    json_boolean(json_array_size(json_object_get(h, "missing")) > 0));
		json_t *dl = json_object_get(h, "days_left");
		if (json_is_integer(dl)) {
			json_int_t n = json_integer_value(dl);
			snprintf(t, sizeof t,
			         n == 0   ? "i dag"
			         : n == 1 ? "i morgen"
			                  : "om %lld dage",
			         (long long)n);
			json_object_set_new(h, "left_text", json_string(t));
		}
	}

	/* What this user may do here. */
	int sg = wg_steering_group(m);
	bool sg_member = member_of(r, reg, sg);
	bool rg_member = member_of(r, reg, model_body_index(m, w->proposer));
	json_t *can = json_object();
	json_object_set_new(can, "staff",
	                    json_boolean(w->state == WG_PROPOSED && (admin || rg_member)));
	json_object_set_new(can, "priority", json_boolean(admin && wg_state_active(w->state)));
	json_object_set_new(can, "open_hearing", json_boolean(admin && w->state == WG_PROPOSED));
	json_object_set_new(can, "answer", json_boolean(hearing_open && sg_member));
	json_object_set_new(can, "answer_for", json_boolean(admin && w->state == WG_IN_HEARING));
	json_object_set_new(can, "decide", json_boolean(admin && w->state == WG_IN_HEARING));
	json_object_set_new(can, "start", json_boolean(admin && w->state == WG_APPROVED));
	json_object_set_new(can, "members", json_boolean(admin && w->state == WG_STARTED));
	json_object_set_new(can, "end_member",
	                    json_boolean(admin && w->state == WG_STARTED && w->nmembers > 0));
	json_object_set_new(can, "deliver", json_boolean(admin && w->state == WG_STARTED));
	json_object_set_new(can, "dissolve", json_boolean(admin && w->state == WG_DELIVERED));
	json_object_set_new(
	    can, "withdraw",
	    json_boolean(admin && (w->state == WG_PROPOSED || w->state == WG_IN_HEARING)));
	json_object_set_new(can, "edit_end",
	                    json_boolean(admin && w->state != WG_DISSOLVED &&
	                                 w->state != WG_REJECTED && w->state != WG_WITHDRAWN));
	json_object_set_new(can, "anything", json_boolean(admin || rg_member || sg_member));
	json_object_set_new(doc, "can", can);
	json_object_set_new(doc, "sg_member", json_boolean(sg_member));
	json_object_set_new(doc, "sg_name", json_string(sg >= 0 ? m->bodies[sg].name : ""));
	json_object_set_new(doc, "hearing_days", json_integer(m->cycle.hearing_working_days));
	if (w->hearing_opened == DATE_NONE && w->state == WG_PROPOSED) {
		char da[40];
		date_format_da(wg_hearing_deadline(r->today, m->cycle.hearing_working_days), da,
		               sizeof da);
		json_object_set_new(doc, "deadline_if_today", json_string(da));
	}
	int active = 0;
	struct wg *all = NULL;
	size_t nall = 0;
	if (store_wg_list(r->st, &all, &nall) == FK_OK)
		for (size_t i = 0; i < nall; i++)
			active += all[i].rank > 0;
	wg_list_free(all, nall);
	json_object_set_new(doc, "ranked", json_integer(active));

	/* The member's own answer, for the answer form. */
	const struct wg_answer *mine = r->user.person[0] ? wg_answer_of(w, r->user.person) : NULL;
	if (mine) {
		json_object_set_new(doc, "my_answer",
		                    json_pack("{s:s, s:o}", "position_label",
		                              wg_position_label(mine->position), "text",
		                              form_text(mine->text)));
		prefill(fm, "position", wg_position_name(mine->position));
		prefill(fm, "text", mine->text);
	}
	const char *selpos = typed(fm->f, "position");
	json_t *positions = json_array();
	for (int i = 0; i < WG_POS__MAX; i++)
		json_array_append_new(
		    positions,
		    json_pack("{s:s, s:s, s:s, s:b}", "value",
		              wg_position_name((enum wg_position)i), "label",
		              wg_position_label((enum wg_position)i), "id",
		              i == 0   ? "position-stoetter"
		              : i == 1 ? "position-indsigelse"
		                       : "position-bemaerkning",
		              "checked",
		              selpos && !strcmp(selpos, wg_position_name((enum wg_position)i))));
	json_object_set_new(doc, "positions", positions);

	/* The secretariat's forms: options and today's date as the default. */
	if (admin || rg_member) {
		bool select = reg->npersons <= PEOPLE_SELECT_MAX;
		json_object_set_new(doc, "person_select", json_boolean(select));
		if (select)
			json_object_set_new(doc, "people_staff",
			                    people_options(r, reg, typed(fm->f, "staff_person")));
		json_t *profs = json_array();
		const char *sp = typed(fm->f, "staff_profile");
		for (size_t i = 0; i < m->nprofiles; i++)
			json_array_append_new(profs, option(m->profiles[i].id, m->profiles[i].name,
			                                    sp && !strcmp(sp, m->profiles[i].id)));
		json_object_set_new(doc, "profiles", profs);
		json_t *orgs = json_array();
		const char *so = typed(fm->f, "staff_org");
		for (int i = 0; i < WG_ORG__MAX; i++)
			json_array_append_new(
			    orgs, option(wg_org_name((enum wg_org)i), wg_org_label((enum wg_org)i),
			                 so && !strcmp(so, wg_org_name((enum wg_org)i))));
		json_object_set_new(doc, "staff_orgs", orgs);
	}
	if (admin) {
		bool select = reg->npersons <= PEOPLE_SELECT_MAX;
		if (select)
			json_object_set_new(doc, "people_member",
			                    people_options(r, reg, typed(fm->f, "member_person")));
		json_t *orgs = json_array();
		const char *so = typed(fm->f, "member_org");
		for (int i = 0; i < SEAT__MAX; i++)
			json_array_append_new(
			    orgs, option(seat_name(i), org_da[i], so && !strcmp(so, seat_name(i))));
		json_object_set_new(doc, "member_orgs", orgs);
		json_t *mus = json_array();
		const char *smu = typed(fm->f, "member_municipality");
		const struct munic_table *mt = r->app->mt;
		for (size_t i = 0; i < mt->n; i++) {
			char code[8], label[200];
			snprintf(code, sizeof code, "%03d", mt->v[i].code);
			snprintf(label, sizeof label, "%s (%s)", mt->v[i].name, code);
			json_array_append_new(
			    mus, option(code, label, smu && atoi(smu) == mt->v[i].code));
		}
		json_object_set_new(doc, "municipalities", mus);
		/* The steering group's members, for an answer on a member's behalf. */
		size_t n = 0;
		int32_t *mem = wg_body_members(reg, sg, wg_hearing_day(w, r->today), &n);
		json_t *sgm = json_array();
		const char *sa = typed(fm->f, "answer_person");
		for (size_t i = 0; i < n; i++) {
			const struct reg_person *pp = &reg->persons[mem[i]];
			char label[300];
			const struct wg_answer *x = wg_answer_of(w, pp->key);
			snprintf(label, sizeof label, "%s (%s)%s", pp->name, pp->key,
			         x ? " – har svaret" : "");
			json_array_append_new(sgm,
			                      option(pp->key, label, sa && !strcmp(sa, pp->key)));
		}
		free(mem);
		json_object_set_new(doc, "sg_members", sgm);
		json_t *cur = json_array();
		const char *se = typed(fm->f, "end_person");
		for (size_t i = 0; i < w->nmembers; i++)
			if (w->members[i].end == DATE_OPEN || w->members[i].end >= r->today)
				json_array_append_new(
				    cur, option(w->members[i].person, w->members[i].name,
				                se && !strcmp(se, w->members[i].person)));
		json_object_set_new(doc, "current_members", cur);
		static const char *const date_fields[] = {
		    "hearing_date", "decide_date",   "start_date",    "answer_date",
		    "deliver_date", "dissolve_date", "withdraw_date", "member_start"};
		for (size_t i = 0; i < sizeof date_fields / sizeof date_fields[0]; i++)
			prefill(fm, date_fields[i], iso);
		if (w->rank > 0) {
			char rk[16];
			snprintf(rk, sizeof rk, "%d", w->rank);
			prefill(fm, "rank", rk);
		}
		char e[11];
		date_format(w->end, e);
		prefill(fm, "new_end", e);
		if (json_is_object(h) && json_is_string(json_object_get(h, "summary")))
			prefill(fm, "summary", json_string_value(json_object_get(h, "summary")));
		const char *sd = typed(fm->f, "decision");
		json_object_set_new(doc, "decision_approved",
		                    json_boolean(sd && !strcmp(sd, "approved")));
		json_object_set_new(doc, "decision_rejected",
		                    json_boolean(sd && !strcmp(sd, "rejected")));
	}
	finish_form(fm, doc);
	return doc;
}

/* Renders the details of key with fm; 404 when there is no such group. */
static int show(struct web_req *r, struct web_resp *p, const char *key, struct form *fm)
{
	struct reg reg;
	struct wg w;
	int rc = store_wg_get(r->st, key, &w);
	if (rc == FK_ENOTFOUND) {
		form_free(fm);
		return web_error(r, p, 404,
		                 "Arbejdsgruppen »%s« findes ikke. Se listen over arbejdsgrupper.",
		                 key);
	}
	if (rc != FK_OK || web_load_register(r, &reg) != FK_OK) {
		if (rc == FK_OK) {
			reg_free(&reg);
			wg_clear(&w);
		}
		form_free(fm);
		return web_error(r, p, 500, "Arbejdsgruppen kunne ikke læses. Prøv igen om lidt.");
	}
	p->doc = detail_doc(r, &reg, &w, fm);
	reg_free(&reg);
	wg_clear(&w);
	return 0;
}

int page_wg(struct web_req *r, struct web_resp *p)
{
	const char *key = r->param;
	struct form fm;
	form_init(&fm);
	if (r->method != WM_POST) {
		int rc = show(r, p, key, &fm);
		if (!rc && p->status < 400 && p->doc) {
			const char *ok = web_private(r) ? flash_text(web_query(r, "ok")) : NULL;
			if (ok)
				json_object_set_new(p->doc, "flash", json_string(ok));
			if (r->user.role == ROLE_ANON)
				p->cacheable = true;
		}
		return rc;
	}
	struct wg_input in = {form_get, r};
	const char *action = web_form(r, "action");
	const char *flash;
	int rc = wg_web_act(r, key, action ? action : "", &in, &fm, NULL, &flash);
	if (rc == FK_OK) {
		form_free(&fm);
		web_redirect(p, "/working-groups/%s?ok=%s#%s", key, flash,
		             !strcmp(flash, "svar") || !strcmp(flash, "hoering") ||
		                     !strcmp(flash, "beslutning")
		                 ? "hoering"
		             : !strcmp(flash, "medlem") || !strcmp(flash, "medlem-slut")
		                 ? "medlemmer"
		             : !strcmp(flash, "bemanding") ? "bemanding"
		                                           : "indhold");
		return 0;
	}
	int status = wg_web_status(rc, &fm);
	int r2 = show(r, p, key, &fm);
	if (p->status < 400)
		p->status = status;
	return r2;
}

int page_wg_answer(struct web_req *r, struct web_resp *p)
{
	const char *key = r->param;
	struct form fm;
	form_init(&fm);
	struct wg_input in = {form_get, r};
	const char *flash;
	int rc = wg_web_act(r, key, "answer", &in, &fm, NULL, &flash);
	if (rc == FK_OK) {
		form_free(&fm);
		web_redirect(p, "/working-groups/%s?ok=svar#hoering", key);
		return 0;
	}
	int status = wg_web_status(rc, &fm);
	int r2 = show(r, p, key, &fm);
	if (p->status < 400)
		p->status = status;
	return r2;
}
