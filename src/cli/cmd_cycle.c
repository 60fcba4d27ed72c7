/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov cycle plan YEAR [--dates D1,D2,D3,D4] [--time HH:MM] [--place STED] [--json]
 *                        [--save [--force]] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/cycle.h"
#include "core/report.h"
#include "store/store.h"
#include "util/err.h"

static const char usage[] =
    "Brug: fkigov [--db STI] cycle plan ÅR [--dates D1,D2,D3,D4] [--time TT:MM]\n"
    "                                  [--place STED] [--json] [--save [--force]]\n\n"
    "Planlægger styregruppens møder i ÅR: nummereret 1-4 i datoorden, med start og slut og\n"
    "fristerne for forslag og referencegruppernes status (4 uger før) og udsendelse (2 uger\n"
    "før), flyttet til den forrige arbejdsdag, hvis fristen ikke er en arbejdsdag. Uden\n"
    "--dates foreslås datoer: hverdage fordelt over kvartalerne, uden om sommerferien og\n"
    "julen. Datoerne skal ligge i ÅR og være arbejdsdage. Modellen er databasens, eller den\n"
    "indbyggede FKI-model, hvis der ikke er nogen database.\n\n"
    "--save gemmer møderne i databasen (kræver --dates): møde nr. N erstatter årets gemte\n"
    "møde nr. N. Har et møde, der flyttes eller slettes, allerede en dagsorden eller forslag,\n"
    "afvises planen, medmindre --force er angivet.\n\n"
    "--place sætter mødestedet (en adresse, et lokale eller et link til et onlinemøde) for\n"
    "alle møderne; uden --place beholder et gemt møde sit sted. Et møde, der flyttes eller\n"
    "får nyt sted, sender en opdateret kalenderinvitation til medlemmerne.\n";

static json_t *meeting_json(const struct cycle_meeting *mt)
{
	char st[16], en[16];
	snprintf(st, sizeof st, "%02d:%02d", mt->start_min / 60 % 24, mt->start_min % 60);
	snprintf(en, sizeof en, "%02d:%02d", mt->end_min / 60 % 24, mt->end_min % 60);
	return json_pack("{s:i, s:o, s:s, s:s, s:{s:o, s:o, s:o}}", "number", mt->number, "date",
	                 report_date(mt->date), "start", st, "end", en, "deadlines", "proposals",
	                 report_date(mt->proposals), "statuses", report_date(mt->statuses),
	                 "dispatch", report_date(mt->dispatch));
}

int cmd_cycle(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	if (argc < 2 || strcmp(argv[1], "plan") != 0)
		return cli_usage(usage, "angiv »plan ÅR«.");
	const char *year_s = NULL, *dates_s = NULL, *time_s = NULL, *place_s = NULL;
	int json = 0, save = 0, force = 0;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--dates", &dates_s)) ||
		    (r = cli_opt(argc, argv, &i, "--time", &time_s)) ||
		    (r = cli_opt(argc, argv, &i, "--place", &place_s))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else if (cli_flag(argv, i, "--save")) {
			save = 1;
			i++;
		} else if (cli_flag(argv, i, "--force")) {
			force = 1;
			i++;
		} else if (!year_s && argv[i][0] != '-') {
			year_s = argv[i++];
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	char *end;
	long year = year_s ? strtol(year_s, &end, 10) : 0;
	if (!year_s || !*year_s || *end || year < 1900 || year > 2199)
		return cli_usage(usage, "ÅR skal være et årstal, fx 2027.");
	if (save && !dates_s)
		return cli_usage(usage, "--save kræver --dates: angiv møderne, der skal gemmes.");
	if (force && !save)
		return cli_usage(usage, "--force bruges kun sammen med --save.");
	if (place_s && !save)
		return cli_usage(usage, "--place bruges kun sammen med --save.");
	int start = -1;
	if (time_s && (start = cycle_parse_time(time_s)) < 0) {
		fprintf(stderr, "fkigov: --time: »%s« er ikke et klokkeslæt. Skriv det som TT:MM, fx "
		                "09:00.\n", time_s);
		return 2;
	}
	fk_date dates[16];
	size_t n = 0;
	if (dates_s) {
		const char *p = dates_s;
		for (;;) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			while (len && *p == ' ') {
				p++;
				len--;
			}
			while (len && p[len - 1] == ' ')
				len--;
			if (n == 16) {
				fprintf(stderr, "fkigov: --dates: for mange datoer.\n");
				return 2;
			}
			if (date_parse(p, len, &dates[n]) != 0) {
				fprintf(stderr, "fkigov: --dates: »%.*s« er ikke en gyldig dato. Skriv datoerne "
				                "som ÅÅÅÅ-MM-DD adskilt af komma, fx 2027-03-04,2027-06-10.\n",
				        (int)len, p);
				return 2;
			}
			n++;
			if (!comma)
				break;
			p = comma + 1;
		}
	}

	/* The database's model, or the built-in one when there is no database. */
	struct model *m = NULL;
	struct model *own = NULL;
	if (save || access(c->db, F_OK) == 0) {
		int rc = cli_open(c, false);
		if (rc)
			return rc;
		m = c->model;
	} else {
		if (model_load_builtin(&own) != FK_OK)
			return 1;
		m = own;
	}
	if (!dates_s)
		n = cycle_suggest(m, (int)year, dates, 16);
	struct diags d;
	diags_init(&d);
	struct cycle_plan plan;
	int rc = cycle_plan(m, (int)year, dates, n, start, &plan, &d);
	if (rc != FK_OK) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "fkigov: --%s: %s\n", d.v[i].field ? d.v[i].field : "dates",
			        d.v[i].msg);
		diags_free(&d);
		if (own)
			model_free(own);
		return 2;
	}
	diags_free(&d);
	if (save) {
		diags_init(&d);
		plan.place = place_s && *place_s ? place_s : NULL;
		rc = store_meeting_plan(c->st, c->actor, &plan, force, &d);
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "fkigov: --%s: %s\n", d.v[i].field ? d.v[i].field : "dates",
			        d.v[i].msg);
		diags_free(&d);
		if (rc != FK_OK)
			return rc == FK_EINPUT || rc == FK_ECONFLICT ? 2 : 1;
		fprintf(stderr, "fkigov: %zu møder i %ld er gemt. Se dem med »fkigov meeting list --year "
		                "%ld«.\n",
		        plan.n, year, year);
	}
	if ((int)plan.n < m->cycle.meetings_per_year)
		fprintf(stderr,
		        "fkigov: bemærk: %zu møder planlagt; modellen kræver %d om året "
		        "(meetings-per-year).\n",
		        plan.n, m->cycle.meetings_per_year);
	if (json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < plan.n; i++)
			json_array_append_new(arr, meeting_json(&plan.m[i]));
		cli_print_json(json_pack("{s:i, s:o}", "year", (int)year, "meetings", arr));
	} else {
		printf("Styregruppens møder i %ld%s\n\n", year, dates_s ? "" : " (forslag)");
		printf("%-3s %-22s %-13s %-22s %-22s\n", "Nr.", "Dato", "Tid", "Forslag og status",
		       "Udsendelse");
		for (size_t i = 0; i < plan.n; i++) {
			const struct cycle_meeting *mt = &plan.m[i];
			char a[40], b[40], e[40];
			date_format_da(mt->date, a, sizeof a);
			date_format_da(mt->proposals, b, sizeof b);
			date_format_da(mt->dispatch, e, sizeof e);
			printf("%-3d %-22s %02d.%02d-%02d.%02d   %-22s %-22s\n", mt->number, a,
			       mt->start_min / 60, mt->start_min % 60, mt->end_min / 60, mt->end_min % 60,
			       b, e);
		}
	}
	if (own)
		model_free(own);
	return 0;
}
