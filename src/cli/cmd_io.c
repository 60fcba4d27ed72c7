/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov import appointments FILE.csv; fkigov export appointments [FILE.csv] */
#include <errno.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/importer.h"
#include "core/mail.h"
#include "core/opendata.h"
#include "web/pages.h"
#include "store/apply.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/err.h"

struct mapping {
	char *base;
	char *done; /* released up to here */
};

/* Drops the whole pages before upto from memory; they are not read again. */
static void release_pages(const char *upto, void *arg)
{
	struct mapping *mp = arg;
	long pg = sysconf(_SC_PAGESIZE);
	char *end = mp->base + ((size_t)(upto - mp->base) / (size_t)pg) * (size_t)pg;
	if (end > mp->done) {
		madvise(mp->done, (size_t)(end - mp->done), MADV_DONTNEED);
		mp->done = end;
	}
}

static const char import_usage[] =
    "Brug: fkigov [--db STI] import appointments FIL.csv|FIL.xlsx [--dry-run]\n\n"
    "Indlæser udpegninger fra en CSV-fil eller et Excel-regneark med kolonnerne person, name,\n"
    "email, organisation, municipality, body, seat, profile, start og end i vilkårlig\n"
    "rækkefølge. CSV: komma eller semikolon, med eller uden BOM. Excel (.xlsx): det første\n"
    "ark; datoer som Excel-datoer, serienumre eller tekst ÅÅÅÅ-MM-DD. Alle rækker eller ingen:\n"
    "finder kontrollen en fejl, vises hver fejl med fil:linje:kolonne (i et regneark med\n"
    "cellen, fx Ark1!F12), og databasen er uændret (afslutningskode 2). En række, der\n"
    "allerede er registreret (samme person, organ og startdato), opdateres. --dry-run\n"
    "kontrollerer kun.\n";

int cmd_import(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, import_usage))
		return 0;
	const char *file = NULL;
	int dry = 0;
	if (argc < 2 || strcmp(argv[1], "appointments") != 0)
		return cli_usage(import_usage, "skriv »import appointments FIL.csv«.");
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--dry-run"))
			dry = 1;
		else if (!file && argv[i][0] != '-')
			file = argv[i];
		else
			return cli_usage(import_usage, "ukendt argument »%s«.", argv[i]);
	}
	if (!file)
		return cli_usage(import_usage, "angiv CSV- eller Excel-filen, der skal indlæses.");
	/* The file is mapped, and the pages the reader has passed are given back as it goes, so
	 * a large import does not hold the whole file in memory. A named pipe or a device is
	 * refused at once (cli_open_file), never waited on. */
	size_t size;
	int fd = cli_open_file(file, &size);
	if (fd < 0)
		return 2;
	char *map = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : (char *)"";
	close(fd);
	if (map == MAP_FAILED) {
		fprintf(stderr, "fkigov: filen %s kan ikke læses: %s.\n", file, strerror(errno));
		return 2;
	}
	if (size)
		madvise(map, size, MADV_SEQUENTIAL);
	struct mapping mp = {map, map};
	int rc = cli_open(c, true);
	if (rc) {
		if (size)
			munmap(map, size);
		return rc;
	}
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	if (imp_is_xlsx(map, size))
		rc = imp_xlsx(c->model, munic_builtin(), &c->reg, map, size, file, &plan, &d);
	else
		rc = imp_csv_ex(c->model, munic_builtin(), &c->reg, map, size, file, &plan, &d,
		                size ? release_pages : NULL, &mp);
	if (size)
		munmap(map, size);
	if (rc != FK_OK) {
		diags_print(&d);
		fprintf(stderr, "fkigov: %zu %s i %s. Intet er indlæst; ret filen, og prøv igen.\n", d.n,
		        d.n == 1 ? "fejl" : "fejl", file);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	size_t ins = 0, upd = 0, newp = 0;
	for (size_t i = 0; i < plan.npersons; i++)
		newp += plan.persons[i].is_new;
	if (!dry) {
		rc = store_apply_plan(c->st, c->actor, c->model, &plan, &ins, &upd);
		if (rc != FK_OK) {
			fprintf(stderr, "fkigov: indlæsningen mislykkedes, og intet er gemt.\n");
			imp_plan_free(&plan);
			return err_exit_code(rc);
		}
	} else {
		for (size_t i = 0; i < plan.nappts; i++)
			plan.appts[i].a.id ? upd++ : ins++;
	}
	fprintf(stderr, "%s %zu rækker fra %s: %zu nye udpegninger, %zu ændrede, %zu uændrede; %zu nye personer.\n",
	        dry ? "Kontrolleret (intet gemt):" : "Indlæst", plan.rows, file, ins, upd,
	        plan.unchanged, newp);
	imp_plan_free(&plan);
	return 0;
}

static int write_out(struct buf *out, void *arg)
{
	int rc = fwrite(out->s, 1, out->len, arg) == out->len ? 0 : -1;
	buf_reset(out);
	return rc;
}

static const char export_usage[] =
    "Brug: fkigov [--db STI] export appointments [FIL.csv]\n"
    "      fkigov [--db STI] export appointments --xlsx FIL.xlsx\n"
    "      fkigov [--db STI] export popolo|oparl [FIL.json]\n\n"
    "Skriver alle udpegninger som CSV i samme format, som import læser (komma, UTF-8).\n"
    "Uden FIL skrives til standard output. --xlsx skriver et Excel-regneark med rigtige\n"
    "typer (datoer som datoer, kommunekoden som tal), fastfrosset overskrift med filter og et\n"
    "ark, der siger, hvad det er.\n"
    "popolo skriver det offentlige register som Popolo JSON (åbne data, CC BY 4.0): personer\n"
    "med navn, organer, pladser, udpegninger og kommuner; aldrig e-mailadresser. oparl\n"
    "skriver styregruppens møder med offentliggjort referat som OParl 1.1: punkterne med\n"
    "udfald og referat, referatet og det skriftlige materiale som filer.\n";

int cmd_export(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, export_usage))
		return 0;
	if (argc >= 2 && (!strcmp(argv[1], "popolo") || !strcmp(argv[1], "oparl"))) {
		if (argc > 3)
			return cli_usage(export_usage, "skriv »export popolo|oparl [FIL.json]«.");
		bool oparl = !strcmp(argv[1], "oparl");
		int rc = cli_open(c, !oparl);
		if (rc)
			return rc;
		char base[400];
		snprintf(base, sizeof base, "%s/open-data/oparl", mail_public_url());
		json_t *doc = oparl ? web_oparl(c->st, c->model, base, date_today())
		                    : opendata_popolo(c->model, munic_builtin(), &c->reg, date_today());
		if (!doc) {
			fprintf(stderr, "fkigov: møderne kunne ikke læses.\n");
			return 1;
		}
		char *s = json_dumps(doc, JSON_INDENT(1));
		json_decref(doc);
		if (argc == 3)
			rc = cli_write_file(argv[2], s, strlen(s)) == 0 ? 0 : 2;
		else if (fputs(s, stdout) < 0 || fputc('\n', stdout) < 0)
			rc = 1;
		free(s);
		return rc;
	}
	if (argc < 2 || strcmp(argv[1], "appointments") != 0 || argc > 4)
		return cli_usage(export_usage, "skriv »export appointments [FIL.csv]«.");
	const char *file = argc == 3 ? argv[2] : NULL, *xlsx = NULL;
	if (argc == 4 && !strcmp(argv[2], "--xlsx"))
		xlsx = argv[3];
	else if (argc == 4 || (file && !strcmp(file, "--xlsx")))
		return cli_usage(export_usage, "skriv »export appointments --xlsx FIL.xlsx«.");
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	if (xlsx) {
		struct buf wb;
		buf_init(&wb);
		char err[300], *source = xasprintf("fkigov, databasen %s", c->db);
		rc = imp_export_xlsx(c->model, &c->reg, date_today(), source, &wb, err, sizeof err);
		free(source);
		if (rc == 0)
			rc = cli_write_file(xlsx, wb.s, wb.len);
		else
			fprintf(stderr, "fkigov: %s\n", err);
		if (rc == 0)
			fprintf(stderr, "Skrev %zu udpegninger til %s.\n", c->reg.nappts, xlsx);
		buf_free(&wb);
		return rc == 0 ? 0 : 2;
	}
	/* Written as it is built, beside the target and renamed at the end, so a failed export
	 * never leaves half a file. */
	char *tmp = NULL;
	FILE *f = stdout;
	if (file) {
		tmp = malloc(strlen(file) + 32);
		sprintf(tmp, "%s.tmp%ld", file, (long)getpid());
		if (!(f = fopen(tmp, "wb"))) {
			fprintf(stderr, "fkigov: %s kan ikke skrives: %s.\n", file, strerror(errno));
			free(tmp);
			return 2;
		}
	}
	struct buf out;
	buf_init(&out);
	rc = imp_export(c->model, &c->reg, &out, write_out, f) != 0;
	if (file) {
		if (fclose(f) != 0)
			rc = 1;
		if (!rc && rename(tmp, file) != 0)
			rc = 1;
		if (rc) {
			fprintf(stderr, "fkigov: %s kan ikke skrives: %s.\n", file, strerror(errno));
			unlink(tmp);
			rc = 2;
		} else {
			fprintf(stderr, "Skrev %zu udpegninger til %s.\n", c->reg.nappts, file);
		}
		free(tmp);
	} else if (fflush(stdout) != 0) {
		rc = 1;
	}
	buf_free(&out);
	return rc;
}
