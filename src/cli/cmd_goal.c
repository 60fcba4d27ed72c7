/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The steering group's goals: goal add | status | list | show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/goals.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char goal_usage[] =
    "Brug: fkigov [--db STI] goal add ÅR --text TEKST --indicator TEKST --target TEKST\n"
    "                 [--set-on ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] goal status ID --status STATUS --note TEKST [--date ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] goal list [--year ÅR] [--json]\n"
    "      fkigov [--db STI] goal show ID [--json]\n\n"
    "Styregruppens mål for et år fastlægges på årets 4. møde for året efter (--set-on, som\n"
    "standard i dag), og status høres på 1. møde. ID er målets nummer (se »goal list«).\n"
    "STATUS: på-sporet, forsinket, nået eller opgivet.\n";

static const char *opt_of(const char *field)
{
	static const char *const map[][2] = {
	    {"year", "ÅR"},         {"text", "--text"},     {"indicator", "--indicator"},
	    {"target", "--target"}, {"set_on", "--set-on"}, {"status", "--status"},
	    {"note", "--note"},     {"date", "--date"},
	};
	for (size_t i = 0; field && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(field, map[i][0]))
			return map[i][1];
	return NULL;
}

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *o = opt_of(d->v[i].field);
		fprintf(stderr, "fkigov: %s%s%s\n", o ? o : "", o ? ": " : "", d->v[i].msg);
	}
}

/* A goal number; 0 when s is not one. */
static int64_t goal_id(const char *s)
{
	if (!s || !*s || strlen(s) > 15)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static void print_block(const char *s, const char *indent)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		printf("%s%.*s\n", indent, (int)n, s);
		s += n;
		if (*s == '\n')
			s++;
	}
}

static int add(struct cli *c, int argc, char **argv)
{
	struct goal_input in = {0};
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--text", &in.text)) ||
		    (r = cli_opt(argc, argv, &i, "--indicator", &in.indicator)) ||
		    (r = cli_opt(argc, argv, &i, "--target", &in.target)) ||
		    (r = cli_opt(argc, argv, &i, "--set-on", &in.set_on))) {
			if (r < 0)
				return 2;
		} else if (!in.year && argv[i][0] != '-') {
			in.year = argv[i++];
		} else {
			return cli_usage(goal_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!in.year || !in.text || !in.indicator || !in.target)
		return cli_usage(goal_usage, "angiv ÅR, --text, --indicator og --target.");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct diags d;
	diags_init(&d);
	struct goal_rec g;
	int exit = 0;
	if (goal_check_add(&in, date_today(), &g, &d) != 0) {
		print_diags(&d);
		diags_free(&d);
		return 2;
	}
	if ((rc = store_goal_add(c->st, c->actor, &g)) != FK_OK) {
		fprintf(stderr, "fkigov: målet kunne ikke gemmes. Intet er ændret.\n");
		exit = err_exit_code(rc);
	} else {
		printf("Mål %lld for %d er gemt.\n", (long long)g.id, g.year);
	}
	goal_rec_free(&g);
	diags_free(&d);
	return exit;
}

static int status(struct cli *c, int argc, char **argv)
{
	struct goal_input in = {0};
	const char *arg = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--status", &in.status)) ||
		    (r = cli_opt(argc, argv, &i, "--note", &in.note)) ||
		    (r = cli_opt(argc, argv, &i, "--date", &in.date))) {
			if (r < 0)
				return 2;
		} else if (!arg && argv[i][0] != '-') {
			arg = argv[i++];
		} else {
			return cli_usage(goal_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!arg || !in.status || !in.note)
		return cli_usage(goal_usage, "angiv målets nummer, --status og --note.");
	int64_t id = goal_id(arg);
	if (!id) {
		fprintf(stderr, "fkigov: »%s« er ikke et målnummer. Se »fkigov goal list«.\n", arg);
		return 2;
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct goal_set set = {0};
	struct diags d;
	diags_init(&d);
	struct goal_status_rec s;
	memset(&s, 0, sizeof s);
	int exit = 0;
	if ((rc = store_begin(c->st)) != FK_OK ||
	    (rc = store_goals_load(c->st, id, 0, &set)) != FK_OK) {
		fprintf(stderr, "fkigov: målene kunne ikke læses.\n");
		exit = err_exit_code(rc);
		goto fail;
	}
	if (!set.n) {
		fprintf(stderr, "fkigov: mål %s findes ikke. Se »fkigov goal list«.\n", arg);
		exit = 2;
		goto fail;
	}
	if (goal_check_status(&set.v[0], &in, date_today(), &s, &d) != 0) {
		print_diags(&d);
		exit = 2;
		goto fail;
	}
	if ((rc = store_goal_status_add(c->st, c->actor, id, &s)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		fprintf(stderr, "fkigov: status kunne ikke gemmes. Intet er ændret.\n");
		exit = err_exit_code(rc);
		goto fail;
	}
	printf("Status for mål %lld er gemt: %s.\n", (long long)id,
	       goal_status_title((int)s.status));
	goto out;
fail:
	store_rollback(c->st);
out:
	free(s.note);
	free(s.actor);
	free(s.at);
	goal_set_free(&set);
	diags_free(&d);
	return exit;
}

static int list(struct cli *c, int argc, char **argv, bool show)
{
	const char *year = NULL, *arg = NULL;
	int json = 0;
	for (int i = 2; i < argc;) {
		int r;
		if (!show && (r = cli_opt(argc, argv, &i, "--year", &year))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else if (show && !arg && argv[i][0] != '-') {
			arg = argv[i++];
		} else {
			return cli_usage(goal_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	int y = 0;
	int64_t id = 0;
	if (year) {
		char *end;
		long v = strtol(year, &end, 10);
		if (*end || v < GOAL_YEAR_MIN || v > GOAL_YEAR_MAX) {
			fprintf(stderr, "fkigov: --year: »%s« er ikke et årstal. Skriv fx 2027.\n",
			        year);
			return 2;
		}
		y = (int)v;
	}
	if (show) {
		if (!arg)
			return cli_usage(goal_usage, "angiv målets nummer.");
		if (!(id = goal_id(arg))) {
			fprintf(stderr,
			        "fkigov: »%s« er ikke et målnummer. Se »fkigov goal list«.\n", arg);
			return 2;
		}
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct goal_set set = {0};
	if ((rc = store_goals_load(c->st, id, y, &set)) != FK_OK) {
		fprintf(stderr, "fkigov: målene kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	if (show && !set.n) {
		fprintf(stderr, "fkigov: mål %s findes ikke. Se »fkigov goal list«.\n", arg);
		return 2;
	}
	if (json) {
		if (show) {
			cli_print_json(goal_json(&set.v[0]));
		} else {
			json_t *arr = json_array();
			for (size_t i = 0; i < set.n; i++)
				json_array_append_new(arr, goal_json(&set.v[i]));
			cli_print_json(json_pack("{s:o}", "goals", arr));
		}
		goal_set_free(&set);
		return 0;
	}
	for (size_t i = 0; i < set.n; i++) {
		const struct goal_rec *g = &set.v[i];
		const struct goal_status_rec *last = goal_latest(g);
		char da[40];
		printf("%lld  %d  %s\n", (long long)g->id, g->year,
		       last ? goal_status_title((int)last->status) : "Ingen status endnu");
		print_block(g->text, "    ");
		if (!show)
			continue;
		date_format_da(g->set_on, da, sizeof da);
		printf("  Indikator:  %s\n  Mål:        %s\n  Fastlagt:   %s\n", g->indicator,
		       g->target, da);
		if (g->nstatus)
			printf("  Status:\n");
		for (size_t k = 0; k < g->nstatus; k++) {
			date_format_da(g->status[k].date, da, sizeof da);
			printf("    %s  %s (%s)\n", da, goal_status_title((int)g->status[k].status),
			       g->status[k].actor);
			print_block(g->status[k].note, "      ");
		}
	}
	if (!show)
		printf("%zu mål.\n", set.n);
	goal_set_free(&set);
	return 0;
}

int cmd_goal(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, goal_usage))
		return 0;
	if (argc < 2)
		return cli_usage(goal_usage, "angiv add, status, list eller show.");
	const char *sub = argv[1];
	if (!strcmp(sub, "add"))
		return add(c, argc, argv);
	if (!strcmp(sub, "status"))
		return status(c, argc, argv);
	if (!strcmp(sub, "list"))
		return list(c, argc, argv, false);
	if (!strcmp(sub, "show"))
		return list(c, argc, argv, true);
	return cli_usage(goal_usage, "ukendt underkommando »%s«.", sub);
}
