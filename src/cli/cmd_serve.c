/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov serve [--listen ADDR:PORT] ...; fkigov routes [--json] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "web/route.h"
#include "web/web.h"

static const char usage[] =
    "Brug: fkigov [--db STI] serve [--listen ADRESSE:PORT] [--tls] [--idle-minutes N]\n"
    "          [--trusted-header NAVN --trusted-proxy ADRESSE] [--threads N]\n"
    "          [--public-url URL]\n\n"
    "Starter webapplikationen (standard 127.0.0.1:8080). --tls markerer cookies Secure, når\n"
    "fkigov står bag en TLS-proxy. --trusted-header lader en proxy med single sign-on\n"
    "(SAML/OIDC) angive brugernavnet i en header; den bruges kun fra --trusted-proxy.\n"
    "Bag --trusted-proxy er klienten den sidste adresse i X-Forwarded-For: den bruges i\n"
    "loggen, ved begrænsning af login-forsøg og i grænsen for samtidige forespørgsler.\n"
    "--public-url (ellers $FKIGOV_PUBLIC_URL, ellers http://ADRESSE:PORT fra --listen) er den\n"
    "adresse, brugerne når fkigov på, fx https://fkigov.kommune.dk; kalenderne til Outlook\n"
    "linker til møderne med den.\n"
    "Stop med SIGTERM eller Ctrl+C; igangværende forespørgsler gøres færdige.\n";

int cmd_serve(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	struct web_config cfg = {0};
	cfg.db = c->db;
	cfg.listen = "127.0.0.1:8080";
	cfg.idle_minutes = 30;
	cfg.max_body = 10u << 20;
	for (int i = 1; i < argc;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--listen", &cfg.listen)) ||
		    (r = cli_opt(argc, argv, &i, "--trusted-header", &cfg.trusted_header)) ||
		    (r = cli_opt(argc, argv, &i, "--trusted-proxy", &cfg.trusted_proxy)) ||
		    (r = cli_opt(argc, argv, &i, "--public-url", &cfg.public_url))) {
			if (r < 0)
				return 2;
		} else if ((r = cli_opt(argc, argv, &i, "--idle-minutes", &v)) ||
		           (r = cli_opt(argc, argv, &i, "--threads", &v))) {
			char *end;
			long n = r > 0 ? strtol(v, &end, 10) : 0;
			if (r < 0 || !*v || *end || n < 1 || n > 10000)
				return cli_usage(usage, "%s skal være et positivt helt tal.", argv[i - 2]);
			if (!strcmp(argv[i - 2], "--threads"))
				cfg.threads = (unsigned)n;
			else
				cfg.idle_minutes = (int)n;
		} else if (cli_flag(argv, i, "--tls")) {
			cfg.tls = true;
			i++;
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!cfg.public_url && getenv("FKIGOV_PUBLIC_URL") && *getenv("FKIGOV_PUBLIC_URL"))
		cfg.public_url = getenv("FKIGOV_PUBLIC_URL");
	if (cfg.public_url) {
		const char *u = cfg.public_url;
		size_t skip = !strncmp(u, "https://", 8) ? 8 : !strncmp(u, "http://", 7) ? 7 : 0;
		if (!skip || !u[skip] || u[skip] == '/' || strpbrk(u, " \t\r\n\"<>?#"))
			return cli_usage(usage,
			                 "--public-url skal være en adresse, der begynder med https:// "
			                 "eller http://, fx https://fkigov.kommune.dk.");
	}
	if (cfg.trusted_header && !cfg.trusted_proxy)
		return cli_usage(usage, "--trusted-header kræver --trusted-proxy (proxyens adresse).");
	return web_serve(&cfg);
}

static const char routes_usage[] =
    "Brug: fkigov routes [--json]\n\nViser webapplikationens ruter og hvilke roller, der må "
    "bruge dem.\n";

int cmd_routes(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (cli_help(argv, argc, routes_usage))
		return 0;
	json_t *t = route_table_json();
	if (argc > 1 && !strcmp(argv[1], "--json")) {
		cli_print_json(json_pack("{s:o}", "routes", t));
		return 0;
	}
	for (size_t i = 0; i < json_array_size(t); i++) {
		json_t *r = json_array_get(t, i);
		printf("%-28s", json_string_value(json_object_get(r, "pattern")));
		const char *m[2] = {"get", "post"};
		for (int k = 0; k < 2; k++) {
			json_t *a = json_object_get(r, m[k]);
			printf(" %s:", k ? "POST" : "GET");
			if (!json_array_size(a))
				printf("-");
			for (size_t j = 0; j < json_array_size(a); j++)
				printf("%s%s", j ? "," : "", json_string_value(json_array_get(a, j)));
		}
		printf("\n");
	}
	json_decref(t);
	return 0;
}
