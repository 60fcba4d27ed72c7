/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov check [--date D] [--json] [--body ID]; fkigov forecast [--from D] [--years N] [--json] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/xalloc.h"
#include "util/xlsx.h"
#include "core/forecast.h"
#include "core/report.h"
#include "core/rules.h"
#include "store/check_all.h"
#include "util/err.h"

static const char check_usage[] =
    "Brug: fkigov [--db STI] check [--date ÅÅÅÅ-MM-DD] [--json | --xlsx FIL.xlsx] [--body ORGAN]\n\n"
    "Kontrollerer alle regler for medlemskab (valgperiode, karens, anciennitet, pladser,\n"
    "profiler, kommuner og regioner) på datoen (standard: i dag).\n"
    "Afslutningskode 0: ingen fejl; 1: der er fejl; 2: forkert brug.\n";

int cmd_check(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, check_usage))
		return 0;
	fk_date d = date_today();
	int json = 0;
	const char *v, *only = NULL, *xlsx = NULL;
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--date", &v)) != 0) {
			if (r < 0 || cli_date("--date", v, &d) != 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--body", &only)) != 0) {
			if (r < 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--xlsx", &xlsx)) != 0) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(check_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct findings f;
	findings_init(&f);
	if ((rc = check_all(c->st, c->model, munic_builtin(), &c->reg, d, &f)) != FK_OK) {
		findings_free(&f);
		fprintf(stderr, "fkigov: kontrollen kunne ikke læse databasen.\n");
		return err_exit_code(rc);
	}
	if (only) {
		size_t k = 0;
		for (size_t i = 0; i < f.n; i++) {
			if (!strcmp(finding_body_id(c->model, &f.v[i]), only)) {
				f.v[k++] = f.v[i];
			} else {
				free(f.v[i].message);
				free(f.v[i].body_id);
				free(f.v[i].body_name);
			}
		}
		f.n = k;
		/* An id that is neither a model body nor any finding's body: say so. The economy
		 * and working groups (ag-N) are bodies of their own without findings. */
		if (model_body_index(c->model, only) < 0 && !k && strcmp(only, "economy") &&
		    strncmp(only, "ag-", 3) && strncmp(only, "meeting", 7)) {
			findings_free(&f);
			fprintf(stderr, "fkigov: organet »%s« findes ikke. Se »fkigov body list«.\n", only);
			return 2;
		}
	}
	size_t errors = findings_errors(&f);
	if (xlsx) {
		struct buf wb;
		buf_init(&wb);
		char err[300], *source = xasprintf("fkigov check, databasen %s", c->db);
		int w = report_findings_xlsx(c->model, &c->reg, &f, d, source, &wb, err, sizeof err);
		free(source);
		if (w != 0)
			fprintf(stderr, "fkigov: %s\n", err);
		else if ((w = cli_write_file(xlsx, wb.s, wb.len)) == 0)
			fprintf(stderr, "Skrev %zu fund til %s.\n", f.n, xlsx);
		buf_free(&wb);
		if (w != 0) {
			findings_free(&f);
			return 2;
		}
	} else if (json) {
		cli_print_json(report_findings(c->model, &c->reg, &f, d));
	} else {
		char ds[40];
		date_format_da(d, ds, sizeof ds);
		printf("Kontrol pr. %s: %zu %s, %zu %s.\n", ds, errors, "fejl", f.n - errors,
		       f.n - errors == 1 ? "advarsel" : "advarsler");
		const char *last = NULL;
		for (size_t i = 0; i < f.n; i++) {
			const struct finding *x = &f.v[i];
			if (!last || strcmp(last, finding_body_id(c->model, x))) {
				printf("\n%s (%s)\n", finding_body_name(c->model, x), finding_body_id(c->model, x));
				last = finding_body_id(c->model, x);
			}
			printf("  %-9s %-18s ", x->severity == SEV_ERROR ? "FEJL" : "ADVARSEL", rule_name(x->rule));
			if (x->person >= 0)
				printf("%s (%s): ", c->reg.persons[x->person].name, c->reg.persons[x->person].key);
			printf("%s\n", x->message);
		}
		if (!f.n)
			printf("Registret følger modellen.\n");
	}
	findings_free(&f);
	return errors ? 1 : 0;
}

static const char forecast_usage[] =
    "Brug: fkigov [--db STI] forecast [--from ÅÅÅÅ-MM-DD] [--years N] [--json | --xlsx FIL]\n\n"
    "Viser kvartal for kvartal, hvem der når grænsen for valgperioden eller en registreret\n"
    "slutdato, hvor mange pladser det åbner, hvornår hver kan genudpeges, og i hvilke kvartaler\n"
    "anciennitetskravet brydes, hvis alle afløses af nye medlemmer. Standard: fra i dag, 3 år.\n";

int cmd_forecast(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, forecast_usage))
		return 0;
	fk_date from = date_today();
	int years = 3, json = 0;
	const char *v, *xlsx = NULL;
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--xlsx", &xlsx)) != 0) {
			if (r < 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--from", &v)) != 0) {
			if (r < 0 || cli_date("--from", v, &from) != 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--years", &v)) != 0) {
			char *end;
			long n = r > 0 ? strtol(v, &end, 10) : 0;
			if (r < 0 || *v == '\0' || *end != '\0' || n < 1 || n > 20) {
				fprintf(stderr, "fkigov: --years skal være et helt tal fra 1 til 20.\n");
				return 2;
			}
			years = (int)n;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(forecast_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct forecast f;
	forecast_run(c->model, &c->reg, from, years, &f);
	if (xlsx) {
		json_t *doc = report_forecast(c->model, &c->reg, &f);
		rc = cli_write_sheet(c, xlsx, SHEET_FORECAST, doc, NULL, from);
		json_decref(doc);
		forecast_free(&f);
		return rc;
	}
	if (json) {
		cli_print_json(report_forecast(c->model, &c->reg, &f));
		forecast_free(&f);
		return 0;
	}
	char d1[40], d2[40];
	date_format_da(from, d1, sizeof d1);
	printf("Fremskrivning fra %s, %d år frem.\n", d1, years);
	for (size_t i = 0; i < f.nbodies; i++) {
		const struct fc_body *b = &f.bodies[i];
		printf("\n%s (%s)\n", c->model->bodies[b->body].name, c->model->bodies[b->body].id);
		int fails = 0;
		for (size_t k = 0; k < b->nq; k++) {
			const struct fc_quarter *q = &b->q[k];
			char label[20];
			forecast_quarter_label(q->start, label);
			printf("  %s  anciennitet %d af %d (mindst %d)%s", label, q->senior, q->members,
			       q->required, q->quota_ok ? "" : "  << kravet brydes");
			if (q->vacancies_now)
				printf("; %d ledige pladser nu", q->vacancies_now);
			printf("\n");
			fails += !q->quota_ok;
			for (size_t j = 0; j < q->nleavers; j++) {
				const struct fc_leaver *l = &q->leavers[j];
				date_format_da(l->last_day, d1, sizeof d1);
				if (l->person >= 0)
					printf("      %s (%s) fratræder %s", c->reg.persons[l->person].name,
					       c->reg.persons[l->person].key, d1);
				else
					printf("      et nyt medlem (antaget afløser) fratræder %s", d1);
				printf(l->reason == LEAVE_TERM_LIMIT ? " (valgperioden er udløbet)"
				                                     : " (registreret slutdato)");
				if (l->earliest_return != DATE_NONE) {
					date_format_da(l->earliest_return, d2, sizeof d2);
					printf("; kan genudpeges fra %s", d2);
				}
				printf("\n");
			}
		}
		if (fails)
			printf("  Anciennitetskravet brydes i %d kvartaler, hvis alle afløses af nye "
			       "medlemmer. Forskyd udskiftningen, eller forlæng en udpegning inden for "
			       "valgperioden.\n",
			       fails);
	}
	forecast_free(&f);
	return 0;
}
