/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov municipalities [--region R] [--json]; fkigov model */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "util/err.h"

static const char munic_usage[] =
    "Brug: fkigov municipalities [--region REGION] [--json]\n\n"
    "De 98 kommuner med kode, navn, region, indbyggertal og kommunegruppe.\n";

int cmd_municipalities(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (cli_help(argv, argc, munic_usage))
		return 0;
	const char *region = NULL;
	int json = 0;
	for (int i = 1; i < argc;) {
		int r = cli_opt(argc, argv, &i, "--region", &region);
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(munic_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	const struct munic_table *t = munic_builtin();
	json_t *arr = json_array();
	long long total = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct munic *m = &t->v[i];
		const char *reg = t->regions[m->region];
		if (region && strcasecmp(region, reg) && strcasecmp(region, reg + (strncmp(reg, "Region ", 7) ? 0 : 7)))
			continue;
		char code[8];
		snprintf(code, sizeof code, "%03d", m->code);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:s}", "code", code, "name",
		                                     m->name, "region", reg, "population",
		                                     (json_int_t)m->population, "group", m->group));
		total += m->population;
	}
	if (region && json_array_size(arr) == 0) {
		json_decref(arr);
		fprintf(stderr, "fkigov: regionen »%s« findes ikke. Regionerne er Hovedstaden, Sjælland, "
		                "Syddanmark, Midtjylland og Nordjylland.\n", region);
		return 2;
	}
	if (json) {
		cli_print_json(json_pack("{s:s, s:s, s:o}", "population_date", munic_population_date(),
		                         "source", munic_source(), "municipalities", arr));
		return 0;
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		printf("%s  %-20s %-20s %8lld  %s\n", json_string_value(json_object_get(o, "code")),
		       json_string_value(json_object_get(o, "name")),
		       json_string_value(json_object_get(o, "region")),
		       (long long)json_integer_value(json_object_get(o, "population")),
		       json_string_value(json_object_get(o, "group")));
	}
	printf("%zu kommuner, %lld indbyggere pr. %s.\nKilde: %s\n", json_array_size(arr), total,
	       munic_population_date(), munic_source());
	json_decref(arr);
	return 0;
}

static const char model_usage[] =
    "Brug: fkigov [--db STI] model\n\nSkriver styringsmodellen i databasen som JSON.\n";

int cmd_model(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, model_usage))
		return 0;
	if (argc > 1)
		return cli_usage(model_usage, "ukendt argument »%s«.", argv[1]);
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char *json;
	size_t len;
	if ((rc = store_model_json(c->st, &json, &len)) != FK_OK)
		return err_exit_code(rc);
	fwrite(json, 1, len, stdout);
	if (len && json[len - 1] != '\n')
		putchar('\n');
	free(json);
	return 0;
}
