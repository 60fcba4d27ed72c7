/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The register: person add|list|show, appoint, appointment end, body list|show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/importer.h"
#include "core/report.h"
#include "core/rules.h"
#include "store/apply.h"
#include "store/check_all.h"
#include "util/err.h"
#include "util/slug.h"
#include "util/xalloc.h"

/* Prints the findings on date today that concern person in body, after a change. */
static void after_change(struct cli *c, int32_t person, int body)
{
	reg_free(&c->reg);
	reg_init(&c->reg);
	if (store_load_register(c->st, c->model, &c->reg) != FK_OK)
		return;
	(void)person;
	struct findings f;
	findings_init(&f);
	(void)check_all(c->st, c->model, munic_builtin(), &c->reg, date_today(), &f);
	for (size_t i = 0; i < f.n; i++) {
		const struct finding *x = &f.v[i];
		if (x->body != body)
			continue;
		fprintf(stderr, "Bemærk (%s, %s): %s\n", rule_name(x->rule),
		        x->severity == SEV_ERROR ? "fejl" : "advarsel", x->message);
	}
	findings_free(&f);
}

/* ------------------------------------------------------------------ person */
static const char person_usage[] =
    "Brug: fkigov [--db STI] person add [ID] --name NAVN [--email E-MAIL] [--confirm]\n"
    "      fkigov [--db STI] person edit ID [--name NAVN] [--email E-MAIL]\n"
    "      fkigov [--db STI] person merge BEHOLD FJERN\n"
    "      fkigov [--db STI] person list [--json]\n"
    "      fkigov [--db STI] person show ID [--json]\n\n"
    "ID er personens faste id (bogstaver, tal, - og _), fx p7. Uden ID laves det af navnet\n"
    "(anne-hansen, anne-hansen-2, ...). Har en anden person samme navn eller e-mail, oprettes\n"
    "personen kun med --confirm. edit retter navn og e-mail (--email \"\" fjerner den).\n"
    "merge lægger to registreringer af samme person sammen: FJERN's udpegninger, konti,\n"
    "forslag og arbejdsgrupper flyttes til BEHOLD, og FJERN slettes (i revisionsloggen).\n";

/* slug_unique's test: is id a person's key in c's register? */
static bool key_taken(void *arg, const char *id)
{
	return reg_person_find(arg, id) >= 0;
}

/* Prints the likely duplicates of name/email (other than except) to stderr; returns how
 * many there are. */
static size_t print_similar(const struct reg *r, const char *name, const char *email,
                            int32_t except)
{
	int32_t v[8];
	size_t n = reg_person_similar(r, name, email, except, v, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		const struct reg_person *p = &r->persons[v[i]];
		fprintf(stderr, "  %s (%s)%s%s\n", p->name, p->key, p->email ? ", " : "",
		        p->email ? p->email : "");
	}
	return n;
}

/* person edit ID [--name NAVN] [--email E-MAIL] */
static int person_edit(struct cli *c, int argc, char **argv)
{
	const char *id = NULL, *name = NULL, *email = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--name", &name)) ||
		    (r = cli_opt(argc, argv, &i, "--email", &email))) {
			if (r < 0)
				return 2;
		} else if (!id && argv[i][0] != '-') {
			id = argv[i++];
		} else {
			return cli_usage(person_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!id || (!name && !email))
		return cli_usage(person_usage, "angiv personens id og --name og/eller --email.");
	char why[300];
	if (name && reg_check_name(name, why, sizeof why)) {
		fprintf(stderr, "fkigov: --name: %s\n", why);
		return 2;
	}
	if (email && reg_check_email(email, why, sizeof why)) {
		fprintf(stderr, "fkigov: --email: %s\n", why);
		return 2;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int32_t p = reg_person_find(&c->reg, id);
	if (p < 0) {
		fprintf(stderr, "fkigov: personen »%s« findes ikke. Se »fkigov person list«.\n", id);
		return 2;
	}
	const struct reg_person *rp = &c->reg.persons[p];
	const char *nn = name ? name : rp->name;
	const char *ne = email ? (*email ? email : NULL) : rp->email;
	if ((rc = store_begin(c->st)) != FK_OK ||
	    (rc = store_person_put(c->st, c->actor, id, nn, ne, NULL)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		store_rollback(c->st);
		fprintf(stderr, "fkigov: ændringen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	printf("Personen %s er rettet: %s%s%s.\n", id, nn, ne ? ", " : "", ne ? ne : "");
	if (reg_person_similar(&c->reg, nn, ne, p, NULL, 0)) {
		fprintf(stderr, "Bemærk: samme navn eller e-mail har også:\n");
		print_similar(&c->reg, nn, ne, p);
		fprintf(stderr, "Er det samme person, så læg dem sammen med »fkigov person merge«.\n");
	}
	return 0;
}

/* person merge KEEP GONE */
static int person_merge(struct cli *c, int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL};
	int npos = 0;
	for (int i = 2; i < argc; i++) {
		if (argv[i][0] != '-' && npos < 2)
			pos[npos++] = argv[i];
		else
			return cli_usage(person_usage, "ukendt argument »%s«.", argv[i]);
	}
	if (npos < 2)
		return cli_usage(person_usage, "angiv den person, der beholdes, og den, der fjernes.");
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	char why[400];
	size_t moved = 0;
	int32_t g = reg_person_find(&c->reg, pos[1]);
	char *gname = g >= 0 ? xstrdup(c->reg.persons[g].name) : NULL;
	if ((rc = store_begin(c->st)) != FK_OK ||
	    (rc = store_person_merge(c->st, c->actor, c->model, pos[0], pos[1], &moved, why,
	                             sizeof why)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		store_rollback(c->st);
		fprintf(stderr, "fkigov: personerne er ikke lagt sammen. %s\n",
		        why[0] ? why : "Ændringen kunne ikke gemmes.");
		free(gname);
		return rc == FK_EINPUT || rc == FK_ENOTFOUND || rc == FK_ECONFLICT
		           ? 2
		           : err_exit_code(rc);
	}
	printf("%s (%s) er lagt sammen med %s: %zu udpegning(er) er flyttet, og %s er slettet.\n",
	       gname, pos[1], pos[0], moved, pos[1]);
	free(gname);
	return 0;
}

static int valid_id(const char *s)
{
	if (!*s || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '-' || *s == '_'))
			return 0;
	return 1;
}

int cmd_person(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, person_usage) || argc < 2)
		return argc < 2 ? cli_usage(person_usage, "angiv add, list eller show.") : 0;
	const char *sub = argv[1];
	int json = 0;
	if (!strcmp(sub, "edit"))
		return person_edit(c, argc, argv);
	if (!strcmp(sub, "merge"))
		return person_merge(c, argc, argv);
	if (!strcmp(sub, "add")) {
		const char *id = NULL, *name = NULL, *email = NULL;
		bool confirm = false;
		for (int i = 2; i < argc;) {
			int r;
			if ((r = cli_opt(argc, argv, &i, "--name", &name)) || (r = cli_opt(argc, argv, &i, "--email", &email))) {
				if (r < 0)
					return 2;
			} else if (cli_flag(argv, i, "--confirm")) {
				confirm = true;
				i++;
			} else if (!id && argv[i][0] != '-') {
				id = argv[i++];
			} else {
				return cli_usage(person_usage, "ukendt argument »%s«.", argv[i]);
			}
		}
		if (!name || !*name)
			return cli_usage(person_usage, "angiv personens navn med --name.");
		if (id && !valid_id(id))
			return cli_usage(person_usage,
			                 "id'et »%s« må kun indeholde bogstaver (a-z), tal, - og _.", id);
		char why[300];
		if (reg_check_name(name, why, sizeof why)) {
			fprintf(stderr, "fkigov: --name: %s\n", why);
			return 2;
		}
		if (email && *email && (!strchr(email, '@') || strchr(email, ' ')))
			return cli_usage(person_usage, "»%s« ligner ikke en e-mailadresse.", email);
		int rc = cli_open(c, true);
		if (rc)
			return rc;
		char made[64];
		if (!id) {
			slug_unique(name, "person", key_taken, &c->reg, made, sizeof made);
			id = made;
		}
		if (!confirm && reg_person_similar(&c->reg, name, email, -1, NULL, 0)) {
			fprintf(stderr, "fkigov: der findes allerede en person med samme navn eller e-mail:\n");
			print_similar(&c->reg, name, email, -1);
			fprintf(stderr, "Er det en anden person, så opret den med --confirm. Er det samme "
			                "person, så ret den, der findes, med »fkigov person edit«.\n");
			return 2;
		}
		if (reg_person_find(&c->reg, id) >= 0) {
			fprintf(stderr, "fkigov: personen %s findes allerede. Se »fkigov person show %s«.\n",
			        id, id);
			return 2;
		}
		int64_t rowid;
		if ((rc = store_begin(c->st)) != FK_OK ||
		    (rc = store_person_put(c->st, c->actor, id, name, email && *email ? email : NULL,
		                           &rowid)) != FK_OK ||
		    (rc = store_commit(c->st)) != FK_OK) {
			store_rollback(c->st);
			fprintf(stderr, "fkigov: personen kunne ikke gemmes.\n");
			return err_exit_code(rc);
		}
		printf("Personen %s (%s) er oprettet.\n", name, id);
		return 0;
	}
	if (!strcmp(sub, "list")) {
		for (int i = 2; i < argc; i++) {
			if (cli_flag(argv, i, "--json"))
				json = 1;
			else
				return cli_usage(person_usage, "ukendt argument »%s«.", argv[i]);
		}
		int rc = cli_open(c, true);
		if (rc)
			return rc;
		fk_date d = date_today();
		/* Current bodies per person in one pass over the appointments. */
		json_t **bodies = xcalloc(c->reg.npersons + 1, sizeof *bodies);
		for (size_t i = 0; i < c->reg.npersons; i++)
			bodies[i] = json_array();
		for (size_t k = 0; k < c->reg.nappts; k++) {
			const struct reg_appt *a = &c->reg.appts[k];
			if (a->start <= d && d <= a->end)
				json_array_append_new(bodies[a->person],
				                      json_string(c->model->bodies[a->body].id));
		}
		json_t *arr = json_array();
		for (size_t i = 0; i < c->reg.npersons; i++) {
			const struct reg_person *p = &c->reg.persons[i];
			json_array_append_new(arr, json_pack("{s:s, s:s, s:o, s:o}", "person", p->key, "name",
			                                     p->name, "email",
			                                     p->email ? json_string(p->email) : json_null(),
			                                     "bodies", bodies[i]));
		}
		free(bodies);
		if (json) {
			cli_print_json(json_pack("{s:o}", "persons", arr));
			return 0;
		}
		size_t n = json_array_size(arr);
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_array_get(arr, i), *b = json_object_get(o, "bodies");
			printf("%-12s %-32s ", json_string_value(json_object_get(o, "person")),
			       json_string_value(json_object_get(o, "name")));
			for (size_t k = 0; k < json_array_size(b); k++)
				printf("%s%s", k ? ", " : "", json_string_value(json_array_get(b, k)));
			printf("\n");
		}
		printf("%zu personer.\n", n);
		json_decref(arr);
		return 0;
	}
	if (!strcmp(sub, "show")) {
		const char *id = NULL;
		for (int i = 2; i < argc; i++) {
			if (cli_flag(argv, i, "--json"))
				json = 1;
			else if (!id && argv[i][0] != '-')
				id = argv[i];
			else
				return cli_usage(person_usage, "ukendt argument »%s«.", argv[i]);
		}
		if (!id)
			return cli_usage(person_usage, "angiv personens id.");
		int rc = cli_open(c, true);
		if (rc)
			return rc;
		int32_t p = reg_person_find(&c->reg, id);
		if (p < 0) {
			fprintf(stderr, "fkigov: personen »%s« findes ikke. Se »fkigov person list«.\n", id);
			return 2;
		}
		json_t *o = report_person(c->model, munic_builtin(), &c->reg, p, date_today(), true);
		if (json) {
			cli_print_json(o);
			return 0;
		}
		const struct reg_person *rp = &c->reg.persons[p];
		printf("%s (%s)%s%s\n", rp->name, rp->key, rp->email ? ", " : "",
		       rp->email ? rp->email : "");
		json_t *arr = json_object_get(o, "appointments");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *a = json_array_get(arr, i), *mu = json_object_get(a, "municipality");
			const char *end = json_string_value(json_object_get(a, "end"));
			printf("  [%lld] %-26s %s–%-10s %-7s plads %-7s %s%s%s\n",
			       (long long)json_integer_value(json_object_get(a, "id")),
			       json_string_value(json_object_get(a, "body_name")),
			       json_string_value(json_object_get(a, "start")), end ? end : "",
			       json_string_value(json_object_get(a, "organisation")),
			       json_string_value(json_object_get(a, "seat")),
			       json_is_object(mu) ? json_string_value(json_object_get(mu, "name")) : "",
			       json_is_true(json_object_get(a, "current")) ? "  (nu)" : "", "");
		}
		json_decref(o);
		return 0;
	}
	return cli_usage(person_usage, "ukendt underkommando »%s«.", sub);
}

/* ------------------------------------------------------------------ appoint */
static const char appoint_usage[] =
    "Brug: fkigov [--db STI] appoint PERSON ORGAN --seat PLADS --start ÅÅÅÅ-MM-DD\n"
    "          [--org ORGANISATION] [--municipality KODE] [--profile PROFIL] [--end ÅÅÅÅ-MM-DD]\n\n"
    "Udpeger en registreret person til et organ. PLADS og ORGANISATION er kommune, KL, UDK\n"
    "eller KOMBIT (organisationen er som standard den samme som pladsen). --end er den sidste\n"
    "dag i udpegningen. Opret personen først med »fkigov person add«.\n";

int cmd_appoint(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, appoint_usage))
		return 0;
	struct imp_fields in;
	memset(&in, 0, sizeof in);
	const char *pos[2] = {NULL, NULL};
	int npos = 0;
	static const struct {
		const char *opt;
		int col;
	} opts[] = {{"--seat", COL_SEAT},       {"--org", COL_ORG},         {"--municipality", COL_MUNIC},
	            {"--profile", COL_PROFILE}, {"--start", COL_START},     {"--end", COL_END}};
	for (int i = 1; i < argc;) {
		int r = 0;
		for (size_t k = 0; k < sizeof opts / sizeof opts[0] && !r; k++)
			r = cli_opt(argc, argv, &i, opts[k].opt, &in.v[opts[k].col]);
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (argv[i][0] != '-' && npos < 2)
			pos[npos++] = argv[i++];
		else
			return cli_usage(appoint_usage, "ukendt argument »%s«.", argv[i]);
	}
	if (npos < 2)
		return cli_usage(appoint_usage, "angiv person og organ.");
	if (!in.v[COL_ORG])
		in.v[COL_ORG] = in.v[COL_SEAT];
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int32_t p = reg_person_find(&c->reg, pos[0]);
	if (p < 0) {
		fprintf(stderr, "fkigov: personen »%s« findes ikke. Opret den med »fkigov person add %s --name NAVN«.\n",
		        pos[0], pos[0]);
		return 2;
	}
	in.v[COL_PERSON] = pos[0];
	in.v[COL_BODY] = pos[1];
	in.v[COL_NAME] = c->reg.persons[p].name;
	in.v[COL_EMAIL] = c->reg.persons[p].email;
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	rc = imp_rows(c->model, munic_builtin(), &c->reg, &in, 1, NULL, &plan, &d);
	if (rc != FK_OK) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "fkigov: --%s: %s\n",
			        d.v[i].field ? (strcmp(d.v[i].field, "organisation") ? d.v[i].field : "org") : "",
			        d.v[i].msg);
		fprintf(stderr, "Intet er gemt.\n");
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	size_t ins = 0;
	rc = store_apply_plan(c->st, c->actor, c->model, &plan, &ins, NULL);
	imp_plan_free(&plan);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: udpegningen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	int body = model_body_index(c->model, pos[1]);
	printf("%s (%s) er udpeget til %s fra %s.\n", c->reg.persons[p].name, pos[0],
	       c->model->bodies[body].name, in.v[COL_START]);
	after_change(c, p, body);
	return 0;
}

/* ------------------------------------------------------------------ appointment end */
static const char appointment_usage[] =
    "Brug: fkigov [--db STI] appointment end PERSON ORGAN --end ÅÅÅÅ-MM-DD [--start ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] appointment delete ID --reason BEGRUNDELSE\n\n"
    "end sætter den sidste dag i en udpegning. Uden --start gælder det den seneste udpegning\n"
    "af personen til organet. delete sletter en udpegning, der er oprettet ved en fejl\n"
    "(ID står i »fkigov person show«); begrundelsen gemmes i revisionsloggen. En udpegning,\n"
    "der er slut, skal ikke slettes, men have en sidste dag.\n";

/* appointment delete ID --reason TEXT */
static int appointment_delete(struct cli *c, int argc, char **argv)
{
	const char *idv = NULL, *reason = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--reason", &reason))) {
			if (r < 0)
				return 2;
		} else if (!idv && argv[i][0] != '-') {
			idv = argv[i++];
		} else {
			return cli_usage(appointment_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!idv)
		return cli_usage(appointment_usage, "angiv udpegningens nummer (se »fkigov person show«).");
	char *endp;
	long long id = strtoll(idv, &endp, 10);
	if (*endp || id <= 0)
		return cli_usage(appointment_usage, "»%s« er ikke et udpegningsnummer.", idv);
	if (!reason || !reason[strspn(reason, " ")])
		return cli_usage(appointment_usage,
		                 "skriv med --reason, hvorfor udpegningen slettes, fx »Oprettet på "
		                 "den forkerte person«.");
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	const struct reg_appt *a = NULL;
	for (size_t i = 0; i < c->reg.nappts && !a; i++)
		if (c->reg.appts[i].id == id)
			a = &c->reg.appts[i];
	if (!a) {
		fprintf(stderr, "fkigov: der er ingen udpegning nr. %lld. Se »fkigov person show ID«.\n",
		        id);
		return 2;
	}
	if ((rc = store_begin(c->st)) != FK_OK ||
	    (rc = store_appt_delete(c->st, c->actor, c->model, id, reason)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		store_rollback(c->st);
		fprintf(stderr, "fkigov: udpegningen kunne ikke slettes.\n");
		return err_exit_code(rc);
	}
	char s[11];
	date_format(a->start, s);
	printf("Udpegningen af %s til %s fra %s er slettet.\n", c->reg.persons[a->person].name,
	       c->model->bodies[a->body].name, s);
	return 0;
}

int cmd_appointment(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, appointment_usage))
		return 0;
	if (argc >= 2 && !strcmp(argv[1], "delete"))
		return appointment_delete(c, argc, argv);
	if (argc < 2 || strcmp(argv[1], "end") != 0)
		return cli_usage(appointment_usage, "angiv »end« eller »delete«.");
	const char *pos[2] = {NULL, NULL}, *endv = NULL, *startv = NULL;
	int npos = 0;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--end", &endv)) || (r = cli_opt(argc, argv, &i, "--start", &startv))) {
			if (r < 0)
				return 2;
		} else if (argv[i][0] != '-' && npos < 2) {
			pos[npos++] = argv[i++];
		} else {
			return cli_usage(appointment_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (npos < 2 || !endv)
		return cli_usage(appointment_usage, "angiv person, organ og --end.");
	fk_date end, start = DATE_NONE;
	if (cli_date("--end", endv, &end) || (startv && cli_date("--start", startv, &start)))
		return 2;
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int32_t p = reg_person_find(&c->reg, pos[0]);
	int body = model_body_index(c->model, pos[1]);
	if (p < 0 || body < 0) {
		fprintf(stderr, "fkigov: %s »%s« findes ikke.\n", p < 0 ? "personen" : "organet",
		        p < 0 ? pos[0] : pos[1]);
		return 2;
	}
	struct reg_appt *a = NULL;
	for (size_t i = 0; i < c->reg.nappts; i++) {
		struct reg_appt *x = &c->reg.appts[i];
		if (x->person != p || x->body != body)
			continue;
		if (start != DATE_NONE ? x->start == start : (!a || x->start > a->start))
			a = x;
	}
	if (!a) {
		fprintf(stderr, "fkigov: %s har ingen udpegning til %s%s. Se »fkigov person show %s«.\n",
		        pos[0], pos[1], startv ? " med den startdato" : "", pos[0]);
		return 2;
	}
	if (end < a->start) {
		char s[11];
		date_format(a->start, s);
		fprintf(stderr, "fkigov: --end: slutdatoen ligger før udpegningens start %s. Slutdatoen er "
		                "den sidste dag i udpegningen.\n", s);
		return 2;
	}
	/* Must not run into a later appointment of the same person and body. */
	for (size_t i = 0; i < c->reg.nappts; i++) {
		const struct reg_appt *x = &c->reg.appts[i];
		if (x != a && x->person == p && x->body == body && x->start > a->start && x->start <= end) {
			char s[11];
			date_format(x->start, s);
			fprintf(stderr, "fkigov: --end: udpegningen ville overlappe den næste, der starter %s.\n", s);
			return 2;
		}
	}
	struct reg_appt upd = *a;
	upd.end = end;
	upd.person = (int32_t)c->reg.persons[p].id;
	if ((rc = store_begin(c->st)) != FK_OK ||
	    (rc = store_appt_update(c->st, c->actor, c->model, &upd)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		store_rollback(c->st);
		fprintf(stderr, "fkigov: ændringen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	char ds[40];
	date_format_da(end, ds, sizeof ds);
	printf("Udpegningen af %s til %s slutter nu %s.\n", c->reg.persons[p].name,
	       c->model->bodies[body].name, ds);
	after_change(c, p, body);
	return 0;
}

/* ------------------------------------------------------------------ body */
static const char body_usage[] =
    "Brug: fkigov [--db STI] body list [--date ÅÅÅÅ-MM-DD] [--json]\n"
    "      fkigov [--db STI] body show ORGAN [--date ÅÅÅÅ-MM-DD] [--json]\n\n"
    "Viser organerne, og for et organ de nuværende medlemmer med kommune, profil, start,\n"
    "sidste tilladte dag og anciennitet, ledige pladser og fund fra kontrollen.\n";

int cmd_body(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, body_usage) || argc < 2)
		return argc < 2 ? cli_usage(body_usage, "angiv list eller show.") : 0;
	const char *sub = argv[1], *id = NULL, *v;
	int json = 0;
	fk_date d = date_today();
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--date", &v)) != 0) {
			if (r < 0 || cli_date("--date", v, &d))
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else if (!id && argv[i][0] != '-' && !strcmp(sub, "show")) {
			id = argv[i++];
		} else {
			return cli_usage(body_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (strcmp(sub, "list") && strcmp(sub, "show"))
		return cli_usage(body_usage, "ukendt underkommando »%s«.", sub);
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	if (!strcmp(sub, "list")) {
		json_t *o = report_bodies(c->model, &c->reg, d);
		if (json) {
			cli_print_json(o);
			return 0;
		}
		json_t *arr = json_object_get(o, "bodies");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *b = json_array_get(arr, i);
			int seats = (int)json_integer_value(json_object_get(b, "seats_total"));
			printf("%-26s %-42s", json_string_value(json_object_get(b, "id")),
			       json_string_value(json_object_get(b, "name")));
			if (seats)
				printf(" %2d af %2d pladser besat",
				       (int)json_integer_value(json_object_get(b, "members")), seats);
			printf("\n");
		}
		json_decref(o);
		return 0;
	}
	if (!id)
		return cli_usage(body_usage, "angiv organets id, fx styregruppe.");
	int body = model_body_index(c->model, id);
	if (body < 0) {
		fprintf(stderr, "fkigov: organet »%s« findes ikke. Se »fkigov body list«.\n", id);
		return 2;
	}
	struct findings f;
	findings_init(&f);
	(void)check_all(c->st, c->model, munic_builtin(), &c->reg, d, &f);
	json_t *o = report_body(c->model, munic_builtin(), &c->reg, body, d, &f, true);
	findings_free(&f);
	if (json) {
		cli_print_json(o);
		return 0;
	}
	const struct model_body *b = &c->model->bodies[body];
	char ds[40];
	date_format_da(d, ds, sizeof ds);
	printf("%s (%s) pr. %s\n", b->name, b->id, ds);
	json_t *mem = json_object_get(o, "members");
	printf("\n%-24s %-16s %-18s %-7s %-22s %-10s %-10s %s\n", "Medlem", "Kommune", "Region",
	       "Plads", "Profil", "Start", "Senest", "Anciennitet");
	for (size_t i = 0; i < json_array_size(mem); i++) {
		json_t *m = json_array_get(mem, i), *mu = json_object_get(m, "municipality");
		const char *last = json_string_value(json_object_get(m, "last_allowed_day"));
		const char *prof = json_string_value(json_object_get(m, "profile"));
		printf("%-24s %-16s %-18s %-7s %-22s %-10s %-10s %s\n",
		       json_string_value(json_object_get(m, "name")),
		       json_is_object(mu) ? json_string_value(json_object_get(mu, "name")) : "",
		       json_is_object(mu) ? json_string_value(json_object_get(mu, "region")) : "",
		       json_string_value(json_object_get(m, "seat")), prof ? prof : "",
		       json_string_value(json_object_get(m, "stint_start")), last ? last : "",
		       json_string_value(json_object_get(m, "seniority")));
	}
	json_t *vac = json_object_get(o, "vacancies");
	for (size_t i = 0; i < json_array_size(vac); i++) {
		json_t *x = json_array_get(vac, i);
		printf("Ledig: %d %s-plads(er)\n", (int)json_integer_value(json_object_get(x, "count")),
		       json_string_value(json_object_get(x, "seat")));
	}
	json_t *pl = json_object_get(o, "planned");
	for (size_t i = 0; i < json_array_size(pl); i++) {
		json_t *x = json_array_get(pl, i);
		printf("Planlagt: %s fra %s\n", json_string_value(json_object_get(x, "name")),
		       json_string_value(json_object_get(x, "start")));
	}
	json_t *fs = json_object_get(o, "findings");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		json_t *x = json_array_get(fs, i);
		printf("%s %s: %s\n",
		       !strcmp(json_string_value(json_object_get(x, "severity")), "error") ? "FEJL" : "ADVARSEL",
		       json_string_value(json_object_get(x, "rule")),
		       json_string_value(json_object_get(x, "message")));
	}
	json_decref(o);
	return 0;
}
