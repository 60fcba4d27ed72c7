/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov: the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <unistd.h>

#include "cli/cli.h"
#include "web/packet.h"

static const struct {
	const char *name;
	int (*fn)(struct cli *, int, char **);
	const char *help;
} commands[] = {
    {"init", cmd_init, "opret en ny database med FKI-modellen (eller --model FIL)"},
    {"import", cmd_import, "indlæs udpegninger fra en CSV-fil (alle rækker eller ingen)"},
    {"export", cmd_export, "skriv udpegningerne som CSV"},
    {"check", cmd_check, "kontrollér alle modellens regler"},
    {"forecast", cmd_forecast, "fremskriv udskiftningen kvartal for kvartal"},
    {"person", cmd_person, "personer: add, edit, merge, list, show"},
    {"appoint", cmd_appoint, "udpeg en person til et organ"},
    {"appointment", cmd_appointment, "udpegninger: end, delete"},
    {"body", cmd_body, "organer: list, show"},
    {"audit", cmd_audit, "revisionsloggen: log, verify"},
    {"municipalities", cmd_municipalities, "de 98 kommuner med region og indbyggertal"},
    {"model", cmd_model, "vis styringsmodellen som JSON"},
    {"serve", cmd_serve, "start webapplikationen"},
    {"routes", cmd_routes, "vis webapplikationens ruter og roller"},
    {"cycle", cmd_cycle, "årshjulet: plan for styregruppens møder og frister"},
    {"user", cmd_user, "konti til webapplikationen: add, passwd, list"},
    {"token", cmd_token, "tokens til JSON-API'et: create"},
    {"case", cmd_case, "sager: raise, assign, recommend, decide, close, list, show, decisions"},
    {"goal", cmd_goal, "styregruppens mål: add, status, list, show"},
    /* initiatives, portfolio and economy */
    {"initiative", cmd_initiative, "initiativer: add, list, show, status, milestone, budget"},
    {"economy", cmd_economy, "økonomien: frame, report, rate, population, allocate, spend"},
    /* meetings */
    {"meeting", cmd_meeting, "styregruppens møder: list, show, agenda, propose, dispatch, minutes"},
    {"recruit", cmd_recruit, "rekruttering: propose (anbefal kandidater efter reglerne)"},
    {"round", cmd_round, "rekrutteringsrunder: opret, åbn, ansøgninger, sletning efter perioden"},
    {"backup", cmd_backup, "skriv en sikkerhedskopi af databasen (også mens serve kører)"},
    {"restore", cmd_restore, "gendan databasen fra en sikkerhedskopi, der er tjekket først"},
    {"decisions", cmd_decisions, "beslutningsloggen: search på tværs af år"},
    {"wg", cmd_wg, "arbejdsgrupper og skriftlig høring: propose, hearing, answer, decide, ..."},
    {"mail", cmd_mail, "beskeder (e-mail): send det, der er i kø; list udbakken"},
};

static void usage(FILE *f)
{
	fprintf(f, "Brug: fkigov [--db STI] KOMMANDO [ARGUMENTER]\n\n"
	           "Databasen er --db, ellers $FKIGOV_DB, ellers ./fkigov.db.\n\nKommandoer:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\nSkriv »fkigov KOMMANDO --help« for hjælp til en kommando, »fkigov --version« for\n"
	           "udgaven og »man fkigov« for det hele. Afslutningsstatus: 0 udført, 1 fejl,\n"
	           "2 forkert brug eller input (intet ændret).\n");
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	web_packet_init(); /* an amended agenda gets a new version of the packet */
	c.db = getenv("FKIGOV_DB");
	if (!c.db || !*c.db)
		c.db = "fkigov.db";
	const char *actor = getenv("FKIGOV_ACTOR");
	char actor_buf[128];
	if (!actor || !*actor) {
		const char *user = getenv("USER");
		struct passwd *pw = user && *user ? NULL : getpwuid(getuid());
		if (pw)
			user = pw->pw_name;
		snprintf(actor_buf, sizeof actor_buf, "cli:%s", user && *user ? user : "ukendt");
		actor = actor_buf;
	}
	c.actor = actor;
	/* Every argument follows the text rule before any command sees it. */
	if (cli_check_args(argc, argv) != 0)
		return 2;

	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--db", &v);
		if (r < 0)
			return 2;
		if (r > 0) {
			c.db = v;
			continue;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("fkigov %s\n", FKIGOV_VERSION);
			return 0;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		fprintf(stderr, "fkigov: ukendt tilvalg »%s«.\n", argv[i]);
		usage(stderr);
		return 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (!strcmp(argv[i], commands[k].name)) {
			int rc = commands[k].fn(&c, argc - i, argv + i);
			cli_close(&c);
			return rc;
		}
	fprintf(stderr, "fkigov: ukendt kommando »%s«.\n\n", argv[i]);
	usage(stderr);
	return 2;
}
