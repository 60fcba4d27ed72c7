/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov recruit propose (SPEC §7.3): the recommendation of §7.2 for a file of candidates,
 * for what-if questions without a round. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/munic.h"
#include "core/recruit.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char usage[] =
    "Brug: fkigov [--db STI] recruit propose --body ORGAN --date ÅÅÅÅ-MM-DD --candidates FIL.csv\n"
    "                        [--seats N] [--min-score X] [--json | --xlsx FIL.xlsx]\n\n"
    "Anbefaler de bedste kandidater til organets kommunale pladser fra første dag i den nye\n"
    "periode (--date), efter reglerne for valgbarhed og de syv kriterier i rækkefølge:\n"
    "profiler, regioner (op til modellens mål), færrest fra samme kommune, kommunegrupper,\n"
    "nye medlemmer, samlet score og til sidst kandidaternes id. Anbefalingen er den bedste\n"
    "sammensætning, ikke et skøn.\n\n"
    "Kandidatfilen er CSV (komma eller semikolon, med eller uden BOM) med kolonnerne\n"
    "candidate (id), person (valgfri: personens id i registret), name, municipality (3 cifre),\n"
    "profile (profilens id) og score (0-100, højst én decimal med punktum).\n"
    "--seats sætter antallet af pladser (ellers kommunale pladser minus dem, der bliver\n"
    "siddende); --min-score er den kvalificerende score (standard 0).\n";

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void print_json(const struct model *m, int body, fk_date day, const struct recruit_file *cs,
                       const struct recruit_result *x)
{
	char ds[11];
	date_format(day, ds);
	json_t *sel = json_array(), *inel = json_array(), *expl = json_array();
	const char **ids = xcalloc(cs->n + 1, sizeof *ids);
	size_t ns = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (x->selected[i])
			ids[ns++] = cs->ids[i];
		if (x->reason[i] != RECRUIT_OK) {
			json_t *o = json_pack("{s:s, s:s, s:s}", "candidate", cs->ids[i], "reason",
			                      recruit_reason_name(x->reason[i]), "message", x->message[i]);
			if (x->from[i] != DATE_NONE) {
				char f[11];
				date_format(x->from[i], f);
				json_object_set_new(o, x->reason[i] == RECRUIT_COOLOFF ? "eligible_from"
				                                                       : "last_allowed",
				                    json_string(f));
			}
			json_array_append_new(inel, o);
		} else if (x->why[i]) {
			json_array_append_new(expl, json_pack("{s:s, s:b, s:s}", "candidate", cs->ids[i],
			                                      "selected", x->selected[i], "why",
			                                      x->why[i]));
		}
	}
	qsort(ids, ns, sizeof *ids, cmp_str);
	for (size_t i = 0; i < ns; i++)
		json_array_append_new(sel, json_string(ids[i]));
	free(ids);
	json_t *doc = json_pack(
	    "{s:s, s:s, s:i, s:o, s:o, s:i, s:{s:i, s:i, s:i, s:i, s:i, s:f}, s:o}", "body",
	    m->bodies[body].id, "date", ds, "seats", x->seats, "selected", sel, "ineligible", inel,
	    "staying", x->staying, "criteria", "profiles", x->profiles, "regions", x->regions,
	    "same_municipality_pairs", x->pairs, "municipality_groups", x->groups, "new", x->fresh,
	    "score_sum", x->score / 10.0, "explanation", expl);
	cli_print_json(doc);
}

/* {"candidates": [...]}: each candidate in file order with the municipality, its region, the
 * profile, the score, the outcome and why: the rows of the workbook (core/sheets.h). */
static json_t *candidates_json(const struct model *m, const struct recruit_file *cs,
                               const struct recruit_result *x)
{
	const struct munic_table *mt = munic_builtin();
	json_t *arr = json_array();
	for (size_t i = 0; i < cs->n; i++) {
		const struct recruit_cand *k = &cs->v[i];
		const struct munic *mu = munic_find(mt, k->munic);
		const char *outcome = x->reason[i] != RECRUIT_OK ? "ikke valgbar"
		                      : x->selected[i]            ? "anbefalet"
		                                                  : "ikke valgt";
		char from[11] = "";
		if (x->reason[i] == RECRUIT_COOLOFF && x->from[i] != DATE_NONE)
			date_format(x->from[i], from);
		json_array_append_new(
		    arr, json_pack("{s:s, s:i, s:s?, s:s?, s:s?, s:f, s:s, s:s?, s:s?}", "candidate",
		                   cs->ids[i], "municipality", k->munic, "municipality_name",
		                   mu ? mu->name : NULL, "region", mu ? mt->regions[mu->region] : NULL,
		                   "profile", k->profile >= 0 ? m->profiles[k->profile].name : NULL,
		                   "score", k->score / 10.0, "outcome", outcome, "why",
		                   x->reason[i] != RECRUIT_OK ? x->message[i] : x->why[i],
		                   "eligible_from", *from ? from : NULL));
	}
	return json_pack("{s:o}", "candidates", arr);
}

static void print_text(const struct model *m, int body, fk_date day, const struct recruit_file *cs,
                       const struct recruit_result *x)
{
	char ds[40];
	date_format_da(day, ds, sizeof ds);
	printf("%s fra %s: %d %s at besætte (%d kommunale medlemmer bliver siddende).\n",
	       m->bodies[body].name, ds, x->seats, x->seats == 1 ? "plads" : "pladser", x->staying);
	printf("\nAnbefalet (%zu):\n", x->nselected);
	for (size_t i = 0; i < cs->n; i++)
		if (x->selected[i])
			printf("  %s: %s\n", cs->ids[i], x->why[i]);
	bool any = false;
	for (size_t i = 0; i < cs->n; i++)
		if (x->reason[i] == RECRUIT_OK && !x->selected[i]) {
			if (!any)
				printf("\nIkke valgt:\n");
			any = true;
			printf("  %s: %s\n", cs->ids[i], x->why[i]);
		}
	any = false;
	for (size_t i = 0; i < cs->n; i++)
		if (x->reason[i] != RECRUIT_OK) {
			if (!any)
				printf("\nKan ikke udpeges:\n");
			any = true;
			printf("  %s (%s): %s\n", cs->ids[i], recruit_reason_name(x->reason[i]),
			       x->message[i]);
		}
	printf("\nSammensætningen efter: %d profiler, %d regioner, %d par fra samme kommune, %d "
	       "kommunegrupper, %d nye.\n",
	       x->profiles, x->regions, x->pairs, x->groups, x->fresh);
}

int cmd_recruit_propose(struct cli *c, int argc, char **argv)
{
	const char *body_id = NULL, *date = NULL, *file = NULL, *seats_s = NULL, *min_s = NULL,
	           *xlsx = NULL;
	int json = 0;
	for (int i = 2; i < argc;) {
		const char *v;
		int r = 0;
		if ((r = cli_opt(argc, argv, &i, "--body", &v)) > 0)
			body_id = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--date", &v)) > 0)
			date = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--candidates", &v)) > 0)
			file = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--seats", &v)) > 0)
			seats_s = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--min-score", &v)) > 0)
			min_s = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--xlsx", &v)) > 0)
			xlsx = v;
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!body_id || !date || !file)
		return cli_usage(usage, "angiv --body, --date og --candidates.");
	fk_date day;
	if (cli_date("--date", date, &day) != 0)
		return 2;
	long seats = -1;
	if (seats_s) {
		char *end;
		seats = strtol(seats_s, &end, 10);
		if (*seats_s < '0' || *seats_s > '9' || *end || seats > 1000) {
			fprintf(stderr, "fkigov: --seats: angiv antallet af pladser som et helt tal fra 0, "
			                "fx 3.\n");
			return 2;
		}
	}
	int min_score = 0;
	if (min_s && (min_score = recruit_parse_score(min_s)) < 0) {
		fprintf(stderr, "fkigov: --min-score: angiv en score fra 0 til 100 med højst én decimal "
		                "og punktum, fx 60 eller 62.5.\n");
		return 2;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int body = model_body_index(c->model, body_id);
	if (body < 0 || c->model->bodies[body].seats[SEAT_KOMMUNE] <= 0) {
		fprintf(stderr, "fkigov: --body: »%s« er ikke et organ med kommunale pladser. Se "
		                "organerne med »fkigov body list«.\n",
		        body_id);
		return 2;
	}
	struct buf data;
	buf_init(&data);
	if (cli_read_file(file, &data) != 0) {
		buf_free(&data);
		return 2;
	}
	struct diags d;
	diags_init(&d);
	struct recruit_file cs = {0};
	rc = recruit_read_csv(c->model, &c->reg, file, data.s, data.len, &cs, &d);
	buf_free(&data);
	if (rc != FK_OK) {
		diags_print(&d);
		diags_free(&d);
		recruit_file_free(&cs);
		return 2;
	}
	diags_free(&d);
	struct recruit_result x;
	if (recruit_select(c->model, munic_builtin(), &c->reg, body, day, cs.v, cs.n, (int)seats,
	                   min_score, NULL, &x) != 0) {
		fprintf(stderr, "fkigov: anbefalingen kunne ikke beregnes for %s.\n", body_id);
		recruit_file_free(&cs);
		return 1;
	}
	if (xlsx) {
		json_t *doc = candidates_json(c->model, &cs, &x);
		char what[300];
		snprintf(what, sizeof what,
		         "Anbefalingen til %s fra %s: %d pladser; hver kandidat med udfald og begrundelse",
		         c->model->bodies[body].name, date, x.seats);
		rc = cli_write_sheet(c, xlsx, SHEET_RECRUIT, doc, what, day);
		json_decref(doc);
	} else if (json)
		print_json(c->model, body, day, &cs, &x);
	else
		print_text(c->model, body, day, &cs, &x);
	recruit_result_free(&x);
	recruit_file_free(&cs);
	return rc;
}

int cmd_recruit(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	if (argc < 2 || strcmp(argv[1], "propose") != 0)
		return cli_usage(usage, "angiv en kommando: propose.");
	return cmd_recruit_propose(c, argc, argv);
}
