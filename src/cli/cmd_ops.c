/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov backup FILE; fkigov restore FILE (SPEC §10). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/err.h"

static const char busage[] =
    "Brug: fkigov [--db STI] backup FIL\n\n"
    "Skriver en sikkerhedskopi af databasen til FIL med SQLite's online backup: kopien er hel\n"
    "og fra ét øjeblik, også mens fkigov serve skriver. FIL må ikke findes i forvejen.\n";

static const char rusage[] =
    "Brug: fkigov [--db STI] restore FIL\n\n"
    "Gendanner databasen fra sikkerhedskopien FIL. Kopien tjekkes først helt: SQLite's\n"
    "integritetstjek, en skemaversion denne udgave kender, og revisionsloggens kæde. En kopi,\n"
    "der ikke består, afvises med status 2, og intet ændres. Stop fkigov serve først.\n";

int cmd_backup(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, busage))
		return 0;
	if (argc != 2)
		return cli_usage(busage, "angiv én fil, fx »fkigov backup fkigov-kopi.db«.");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char err[600];
	rc = store_backup(c->st, argv[1], err, sizeof err);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s\n", err);
		return rc == FK_EINPUT ? 2 : 1;
	}
	printf("Sikkerhedskopien er skrevet til %s.\n", argv[1]);
	return 0;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, rusage))
		return 0;
	if (argc != 2)
		return cli_usage(rusage, "angiv én fil, fx »fkigov restore fkigov-kopi.db«.");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char err[600] = "";
	int64_t rows = 0;
	rc = store_restore(c->st, argv[1], &rows, err, sizeof err);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s\n", err);
		return rc == FK_EINPUT ? 2 : 1;
	}
	printf("Databasen er gendannet fra %s (revisionsloggen er hel: %lld rækker).\n", argv[1],
	       (long long)rows);
	return 0;
}
