/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov init [--model FILE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "util/err.h"

static const char usage[] =
    "Brug: fkigov [--db STI] init [--model FIL]\n\n"
    "Opretter en ny database med den indbyggede FKI-styringsmodel, eller med modellen i FIL\n"
    "(JSON). En fejl i modelfilen vises med linje og kolonne, og intet oprettes.\n";

int cmd_init(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	const char *file = NULL;
	for (int i = 1; i < argc;) {
		int r = cli_opt(argc, argv, &i, "--model", &file);
		if (r < 0)
			return 2;
		if (r == 0)
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	struct buf text;
	buf_init(&text);
	const char *json;
	size_t len;
	if (file) {
		if (cli_read_file(file, &text) != 0) {
			buf_free(&text);
			return 2;
		}
		json = text.s;
		len = text.len;
	} else {
		json = model_builtin(&len);
	}
	struct diags d;
	diags_init(&d);
	struct model *m = NULL;
	int rc = model_load(json, len, file ? file : "model/fki.json", &m, &d);
	if (rc != FK_OK) {
		diags_print(&d);
		fprintf(stderr, "fkigov: modellen er ikke indlæst; ret filen og prøv igen.\n");
		goto out;
	}
	rc = store_create(c->db, json, len, file ? file : "indbygget FKI-model (model/fki.json)",
	                  c->actor, &d);
	if (rc != FK_OK) {
		diags_print(&d);
		goto out;
	}
	printf("Databasen %s er oprettet med modellen »%s« (%zu organer).\n", c->db, m->name,
	       m->nbodies);
out:
	if (m)
		model_free(m);
	diags_free(&d);
	buf_free(&text);
	return rc == FK_OK ? 0 : err_exit_code(rc);
}
