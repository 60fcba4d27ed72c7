/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov audit log [filters] [--json]; fkigov audit verify */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"

static const char usage[] =
    "Brug: fkigov [--db STI] audit log [--entity TYPE] [--id ID] [--actor HVEM]\n"
    "          [--since ÅÅÅÅ-MM-DD] [--until ÅÅÅÅ-MM-DD] [--limit N] [--json]\n"
    "      fkigov [--db STI] audit verify\n\n"
    "Revisionsloggen rummer hver ændring: hvem, hvornår, hvad og før/efter. Den er kædet med\n"
    "SHA-256; verify genberegner kæden og nævner den første række, der er ændret.\n"
    "Afslutningskode for verify: 0 kæden er hel; 1 kæden er brudt.\n";

static int print_row(const struct audit_row *r, void *arg)
{
	json_t *arr = arg;
	if (arr) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "at",
		                      r->at, "actor", r->actor, "action", r->action, "entity", r->entity,
		                      "entity_id", r->entity_id, "hash", r->hash);
		json_object_set_new(o, "before", r->before ? json_loads(r->before, 0, NULL) : json_null());
		json_object_set_new(o, "after", r->after ? json_loads(r->after, 0, NULL) : json_null());
		json_array_append_new(arr, o);
		return 0;
	}
	printf("%6lld  %s  %-16s %-7s %-12s %s\n", (long long)r->id, r->at, r->actor, r->action,
	       r->entity, r->entity_id);
	if (r->before)
		printf("        før:   %s\n", r->before);
	if (r->after)
		printf("        efter: %s\n", r->after);
	return 0;
}

int cmd_audit(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage) || argc < 2)
		return argc < 2 ? cli_usage(usage, "angiv log eller verify.") : 0;
	if (!strcmp(argv[1], "verify")) {
		if (argc > 2)
			return cli_usage(usage, "verify tager ingen argumenter.");
		int rc = cli_open(c, false);
		if (rc)
			return rc;
		int64_t bad = 0, rows = 0;
		rc = store_audit_verify(c->st, &bad, &rows);
		if (rc == FK_OK) {
			printf("Revisionsloggen er hel: %lld rækker, kæden stemmer.\n", (long long)rows);
			return 0;
		}
		if (rc == FK_ETAMPER) {
			printf("Revisionsloggen er brudt ved række %lld: indholdet stemmer ikke med kæden. "
			       "Rækken eller en tidligere række er ændret eller slettet uden om fkigov. "
			       "Kontakt sekretariatet, og gendan databasen fra en sikkerhedskopi.\n",
			       (long long)bad);
			return 1;
		}
		fprintf(stderr, "fkigov: revisionsloggen kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	if (strcmp(argv[1], "log"))
		return cli_usage(usage, "ukendt underkommando »%s«.", argv[1]);
	struct audit_filter f = {0};
	int json = 0;
	for (int i = 2; i < argc;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--entity", &f.entity)) ||
		    (r = cli_opt(argc, argv, &i, "--id", &f.entity_id)) ||
		    (r = cli_opt(argc, argv, &i, "--actor", &f.actor)) ||
		    (r = cli_opt(argc, argv, &i, "--since", &f.since)) ||
		    (r = cli_opt(argc, argv, &i, "--until", &f.until))) {
			if (r < 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--limit", &v))) {
			char *end;
			long long n = r > 0 ? strtoll(v, &end, 10) : 0;
			if (r < 0 || !*v || *end || n < 1)
				return cli_usage(usage, "--limit skal være et positivt helt tal.");
			f.limit = n;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	fk_date tmp;
	if ((f.since && cli_date("--since", f.since, &tmp)) || (f.until && cli_date("--until", f.until, &tmp)))
		return 2;
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	json_t *arr = json ? json_array() : NULL;
	rc = store_audit_list(c->st, &f, print_row, arr);
	if (json)
		cli_print_json(json_pack("{s:o}", "audit", arr));
	return rc == FK_OK ? 0 : err_exit_code(rc);
}
