/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Initiatives and the portfolio: initiative add|list|show|status|milestone|budget. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/economy.h"
#include "core/initiative.h"
#include "util/err.h"

static const char initiative_usage[] =
    "Brug: fkigov [--db STI] initiative add ID --name NAVN --body ORGAN [--description TEKST]\n"
    "                                         [--special]\n"
    "      fkigov [--db STI] initiative list [--json | --xlsx FIL.xlsx]\n"
    "      fkigov [--db STI] initiative show ID [--json]\n"
    "      fkigov [--db STI] initiative status ID --status grøn|gul|rød [--reason TEKST]\n"
    "                                         [--date ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] initiative milestone ID --title TITEL --due ÅÅÅÅ-MM-DD\n"
    "                                         [--done ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] initiative budget ID ÅR (--kr BELØB | --ore ØRE)\n\n"
    "add        et nyt initiativ i porteføljen, ejet af en gruppe (ORGAN, fx rg-forretning);\n"
    "           --special: en særlig indsats, der finansieres af buffetprisen inden for rammen\n"
    "list       porteføljen: status, udvikling og næste milepæl for hvert initiativ\n"
    "status     en statusrapport fra den ejende gruppe (gul og rød kræver --reason);\n"
    "           --date er rapportens dato (standard i dag)\n"
    "milestone  en milepæl; en milepæl med samme titel får ny frist og evt. --done (nået)\n"
    "budget     det planlagte budget for ÅR\n";

/* Prints the diagnostics of a validator as "fkigov: --FIELD: why". */
static void print_fields(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "fkigov: %s%s%s%s\n", d->v[i].field ? "--" : "",
		        d->v[i].field ? d->v[i].field : "", d->v[i].field ? ": " : "", d->v[i].msg);
}

/* Prints s and spaces up to width characters (UTF-8 code points), and one space. */
static void pad(const char *s, int width)
{
	int n = 0;
	for (const char *p = s; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%s%*s ", s, n < width ? width - n : 0, "");
}

/* Opens the database and loads the economy; on failure prints why and returns != 0. */
static int open_econ(struct cli *c, struct econ *e)
{
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	econ_init(e, c->model->rate_ore);
	if (store_econ_load(c->st, munic_builtin(), e) != FK_OK) {
		econ_free(e);
		fprintf(stderr, "fkigov: porteføljen i %s kan ikke læses.\n", c->db);
		return 1;
	}
	return 0;
}

/* The initiative key in e; prints why and returns -1 when there is none. */
static int32_t find(const struct econ *e, const char *key)
{
	int32_t i = econ_initiative_find(e, key);
	if (i < 0)
		fprintf(stderr,
		        "fkigov: initiativet »%s« findes ikke. Se »fkigov initiative list« for "
		        "initiativernes id'er.\n",
		        key);
	return i;
}

/* ------------------------------------------------------------------ add */

static int add(struct cli *c, int argc, char **argv)
{
	const char *key = NULL, *name = NULL, *body = NULL, *desc = NULL;
	bool special = false;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--name", &name)) ||
		    (r = cli_opt(argc, argv, &i, "--body", &body)) ||
		    (r = cli_opt(argc, argv, &i, "--description", &desc))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--special")) {
			special = true;
			i++;
		} else if (!key && argv[i][0] != '-') {
			key = argv[i++];
		} else {
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!key)
		return cli_usage(initiative_usage, "angiv initiativets id, fx fki-2027-01.");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct diags d;
	diags_init(&d);
	if (econ_check_initiative(c->model, key, name, body, desc, &d) != FK_OK) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	rc = store_initiative_add(c->st, c->actor, key, name, body, desc, special, NULL);
	if (rc == FK_ECONFLICT) {
		fprintf(stderr,
		        "fkigov: initiativet »%s« findes allerede. Vælg et andet id, eller se "
		        "»fkigov initiative show %s«.\n",
		        key, key);
		return 2;
	}
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: initiativet kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	printf("Initiativet %s (%s) er oprettet%s.\n", name, key,
	       special ? " som særlig indsats" : "");
	return 0;
}

/* ------------------------------------------------------------------ list, show */

static const char *status_word(json_t *o)
{
	json_t *s = json_object_get(o, "status");
	return json_is_object(s) ? json_string_value(json_object_get(s, "status")) : "ingen";
}

static int list(struct cli *c, int argc, char **argv)
{
	bool json = false;
	const char *xlsx = NULL;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (cli_flag(argv, i, "--xlsx") && i + 1 < argc)
			xlsx = argv[++i];
		else
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
	}
	struct econ e;
	int rc = open_econ(c, &e);
	if (rc)
		return rc;
	json_t *doc = portfolio_json(&e, c->model, date_today());
	econ_free(&e);
	if (xlsx) {
		rc = cli_write_sheet(c, xlsx, SHEET_PORTFOLIO, doc, NULL, date_today());
		json_decref(doc);
		return rc;
	}
	if (json) {
		cli_print_json(doc);
		return 0;
	}
	json_t *arr = json_object_get(doc, "initiatives");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i), *nm = json_object_get(o, "next_milestone");
		json_t *tr = json_object_get(o, "trend");
		const char *trend = json_is_string(tr) ? econ_trend_da(0) : "";
		for (int t = 0; t < TREND__MAX && json_is_string(tr); t++)
			if (!strcmp(json_string_value(tr), econ_trend_name((enum econ_trend)t)))
				trend = econ_trend_da((enum econ_trend)t);
		pad(json_string_value(json_object_get(o, "id")), 16);
		pad(status_word(o), 5);
		pad(trend, 8);
		pad(json_string_value(json_object_get(o, "body")), 26);
		printf("%s%s", json_string_value(json_object_get(o, "name")),
		       json_is_true(json_object_get(o, "special")) ? " (særlig indsats)" : "");
		if (json_is_object(nm))
			printf("; næste milepæl %s: %s%s",
			       json_string_value(json_object_get(nm, "due")),
			       json_string_value(json_object_get(nm, "title")),
			       json_is_true(json_object_get(nm, "overdue")) ? " (overskredet)"
			                                                    : "");
		printf("\n");
	}
	printf("%zu initiativer.\n", json_array_size(arr));
	json_decref(doc);
	return 0;
}

static int show(struct cli *c, int argc, char **argv)
{
	const char *key = NULL;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (!key && argv[i][0] != '-')
			key = argv[i];
		else
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
	}
	if (!key)
		return cli_usage(initiative_usage, "angiv initiativets id.");
	struct econ e;
	int rc = open_econ(c, &e);
	if (rc)
		return rc;
	int32_t i = find(&e, key);
	if (i < 0) {
		econ_free(&e);
		return 2;
	}
	json_t *o = initiative_json(&e, c->model, i, date_today(), true);
	econ_free(&e);
	if (json) {
		cli_print_json(o);
		return 0;
	}
	const char *desc = json_string_value(json_object_get(o, "description"));
	printf("%s (%s)%s\n", json_string_value(json_object_get(o, "name")), key,
	       json_is_true(json_object_get(o, "special")) ? ", særlig indsats" : "");
	printf("  Ejer:        %s (%s)\n", json_string_value(json_object_get(o, "body_name")),
	       json_string_value(json_object_get(o, "body")));
	if (desc)
		printf("  Beskrivelse: %s\n", desc);
	json_t *arr = json_object_get(o, "reports");
	printf("  Statusrapporter:%s\n", json_array_size(arr) ? "" : " ingen");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *r = json_array_get(arr, k);
		const char *reason = json_string_value(json_object_get(r, "reason"));
		printf("    %s  %-5s %s\n", json_string_value(json_object_get(r, "date")),
		       json_string_value(json_object_get(r, "status")), reason ? reason : "");
	}
	arr = json_object_get(o, "milestones");
	printf("  Milepæle:%s\n", json_array_size(arr) ? "" : " ingen");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *m = json_array_get(arr, k);
		const char *done = json_string_value(json_object_get(m, "done"));
		printf("    %s  %s%s%s%s\n", json_string_value(json_object_get(m, "due")),
		       json_string_value(json_object_get(m, "title")), done ? " (nået " : "",
		       done ? done : "",
		       done                                          ? ")"
		       : json_is_true(json_object_get(m, "overdue")) ? " (overskredet)"
		                                                     : "");
	}
	arr = json_object_get(o, "budget");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *b = json_array_get(arr, k);
		char a[48];
		econ_format_kr(json_integer_value(json_object_get(b, "ore")), true, a, sizeof a);
		printf("  Budget %lld:  %s\n",
		       (long long)json_integer_value(json_object_get(b, "year")), a);
	}
	arr = json_object_get(o, "allocations");
	for (size_t k = 0; k < json_array_size(arr); k++) {
		json_t *b = json_array_get(arr, k);
		char a[48];
		econ_format_kr(json_integer_value(json_object_get(b, "ore")), true, a, sizeof a);
		printf("  Bevilget %lld: %s (%s, %s)\n",
		       (long long)json_integer_value(json_object_get(b, "year")), a,
		       json_string_value(json_object_get(b, "decision")),
		       json_string_value(json_object_get(b, "date")));
	}
	json_decref(o);
	return 0;
}

/* ------------------------------------------------------------------ status, milestone, budget */

static int status(struct cli *c, int argc, char **argv)
{
	const char *key = NULL, *st = NULL, *reason = NULL, *ds = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--status", &st)) ||
		    (r = cli_opt(argc, argv, &i, "--reason", &reason)) ||
		    (r = cli_opt(argc, argv, &i, "--date", &ds))) {
			if (r < 0)
				return 2;
		} else if (!key && argv[i][0] != '-') {
			key = argv[i++];
		} else {
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!key || !st)
		return cli_usage(initiative_usage,
		                 "angiv initiativets id og --status grøn, gul eller rød.");
	fk_date today = date_today(), date = today;
	if (ds && cli_date("--date", ds, &date) != 0)
		return 2;
	struct diags d;
	diags_init(&d);
	int s;
	if (econ_check_report(st, reason, date, today, &s, &d) != FK_OK) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	struct econ e;
	int rc = open_econ(c, &e);
	if (rc)
		return rc;
	int32_t i = find(&e, key);
	if (i < 0) {
		econ_free(&e);
		return 2;
	}
	rc = store_initiative_report(c->st, c->actor, &e.inits[i], date, s, reason);
	econ_free(&e);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: statusrapporten kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	char dd[40];
	date_format_da(date, dd, sizeof dd);
	printf("Status %s pr. %s er registreret for %s.\n", econ_status_name(s), dd, key);
	return 0;
}

static int milestone(struct cli *c, int argc, char **argv)
{
	const char *key = NULL, *title = NULL, *dues = NULL, *dones = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--title", &title)) ||
		    (r = cli_opt(argc, argv, &i, "--due", &dues)) ||
		    (r = cli_opt(argc, argv, &i, "--done", &dones))) {
			if (r < 0)
				return 2;
		} else if (!key && argv[i][0] != '-') {
			key = argv[i++];
		} else {
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!key || !title || !dues)
		return cli_usage(initiative_usage, "angiv initiativets id, --title og --due.");
	fk_date due, done = DATE_NONE, today = date_today();
	if (cli_date("--due", dues, &due) != 0 || (dones && cli_date("--done", dones, &done) != 0))
		return 2;
	struct diags d;
	diags_init(&d);
	if (econ_check_milestone(title, due, done, today, &d) != FK_OK) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	struct econ e;
	int rc = open_econ(c, &e);
	if (rc)
		return rc;
	int32_t i = find(&e, key);
	if (i < 0) {
		econ_free(&e);
		return 2;
	}
	const struct econ_milestone *old = NULL;
	for (size_t k = 0; k < e.nmiles && !old; k++)
		if (e.miles[k].initiative == i && !strcmp(e.miles[k].title, title))
			old = &e.miles[k];
	rc = store_initiative_milestone(c->st, c->actor, &e.inits[i], old, title, due, done);
	econ_free(&e);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: milepælen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	printf("Milepælen »%s« er %s for %s.\n", title, old ? "opdateret" : "registreret", key);
	return 0;
}

static int budget(struct cli *c, int argc, char **argv)
{
	const char *key = NULL, *ys = NULL, *krs = NULL, *ores = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--kr", &krs)) ||
		    (r = cli_opt(argc, argv, &i, "--ore", &ores))) {
			if (r < 0)
				return 2;
		} else if (!key && argv[i][0] != '-') {
			key = argv[i++];
		} else if (!ys && argv[i][0] != '-') {
			ys = argv[i++];
		} else {
			return cli_usage(initiative_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!key || !ys)
		return cli_usage(initiative_usage, "angiv initiativets id og året.");
	int year;
	if (econ_parse_year(ys, &year) != 0) {
		fprintf(stderr,
		        "fkigov: ÅR: »%s« er ikke et år. Skriv året med fire cifre mellem %d "
		        "og %d, fx 2027.\n",
		        ys, ECON_YEAR_MIN, ECON_YEAR_MAX);
		return 2;
	}
	int64_t ore = 0;
	char why[300];
	if ((krs && ores) || (!krs && !ores)) {
		fprintf(stderr,
		        "fkigov: angiv budgettet med enten --kr (fx --kr 250.000) eller --ore.\n");
		return 2;
	}
	if (krs && econ_parse_kr(krs, &ore, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: --kr: %s\n", why);
		return 2;
	}
	if (ores && econ_parse_ore(ores, ECON_ORE_MAX, &ore, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: --ore: %s\n", why);
		return 2;
	}
	struct econ e;
	int rc = open_econ(c, &e);
	if (rc)
		return rc;
	int32_t i = find(&e, key);
	if (i < 0) {
		econ_free(&e);
		return 2;
	}
	int64_t before = -1;
	for (size_t k = 0; k < e.nbudgets; k++)
		if (e.budgets[k].initiative == i && e.budgets[k].year == year)
			before = e.budgets[k].ore;
	rc = store_initiative_budget(c->st, c->actor, &e.inits[i], year, ore, before);
	econ_free(&e);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: budgettet kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	char a[48];
	econ_format_kr(ore, true, a, sizeof a);
	printf("Budgettet for %s i %d er %s\n", key, year, a);
	return 0;
}

int cmd_initiative(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, initiative_usage))
		return 0;
	if (argc < 2)
		return cli_usage(initiative_usage,
		                 "angiv add, list, show, status, milestone eller budget.");
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return add(c, argc, argv);
	if (!strcmp(sub, "list"))
		return list(c, argc, argv);
	if (!strcmp(sub, "show"))
		return show(c, argc, argv);
	if (!strcmp(sub, "status"))
		return status(c, argc, argv);
	if (!strcmp(sub, "milestone"))
		return milestone(c, argc, argv);
	if (!strcmp(sub, "budget"))
		return budget(c, argc, argv);
	return cli_usage(initiative_usage, "ukendt underkommando »%s«.", sub);
}
