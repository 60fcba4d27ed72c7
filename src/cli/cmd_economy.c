/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The economy: economy frame|report|rate|population|allocate|spend. The frame of a year is
 * rate × citizens in øre (core/economy.h); every change is audited by the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/xlsx.h"
#include "core/economy.h"
#include "core/initiative.h"
#include "util/buf.h"
#include "util/err.h"

static const char economy_usage[] =
    "Brug: fkigov [--db STI] economy frame ÅR [--json]\n"
    "      fkigov [--db STI] economy report ÅR [--json | --xlsx FIL]\n"
    "      fkigov [--db STI] economy rate set ÅR (--kr BELØB | --ore ØRE) --decision TEKST\n"
    "                                            [--date ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] economy rate list [--json]\n"
    "      fkigov [--db STI] economy population import FIL.csv --date ÅÅÅÅ-MM-DD\n"
    "                                            [--source TEKST]\n"
    "      fkigov [--db STI] economy population list [--json]\n"
    "      fkigov [--db STI] economy allocate INITIATIV ÅR (--kr BELØB | --ore ØRE)\n"
    "                                            --decision TEKST [--date ÅÅÅÅ-MM-DD]\n"
    "      fkigov [--db STI] economy spend INITIATIV ÅR (--kr BELØB | --ore ØRE)\n"
    "                                            --date ÅÅÅÅ-MM-DD [--note TEKST]\n\n"
    "Rammen for et år er satsen pr. indbygger gange antallet af indbyggere i de seneste\n"
    "befolkningstal dateret 1. januar i året eller før. Satsen er den, der er besluttet for\n"
    "det seneste år til og med året (ellers modellens, 5 kr.). Bevillinger til særlige\n"
    "indsatser må ikke overstige rammen; forbrug ikke bevillingen.\n\n"
    "frame       rammen for ÅR (--json: year, rate_ore, citizens, population_date, frame_ore,\n"
    "            allocated_ore, remaining_ore)\n"
    "report      rammen, bevilget, forbrugt, tilbage, pr. initiativ og hver kommunes andel\n"
    "rate set    en ny sats fra ÅR, med beslutningen, der fastsatte den (--date: dens dato)\n"
    "population  befolkningstal: CSV med kolonnerne kode og indbyggere (eller code og\n"
    "            population) for alle 98 kommuner; alle rækker eller ingen\n"
    "allocate    bevilg et beløb af rammen for ÅR til en særlig indsats\n"
    "spend       registrér forbrug mod initiativets bevilling for ÅR\n\n"
    "Beløb skrives i kroner som 1.234,50 eller 1234.50 (--kr) eller i hele øre (--ore).\n";

/* ------------------------------------------------------------------ helpers */

/* Parses the YEAR argument; prints why and returns -1 when it is not a year. */
static int year_arg(const char *s, int *year)
{
	if (econ_parse_year(s, year) == 0)
		return 0;
	fprintf(stderr,
	        "fkigov: ÅR: »%s« er ikke et år. Skriv året med fire cifre mellem %d og %d, "
	        "fx 2027.\n",
	        s, ECON_YEAR_MIN, ECON_YEAR_MAX);
	return -1;
}

/* The amount of --kr or --ore (exactly one of them). Prints why and returns -1 when bad. */
static int money_opt(const char *kr, const char *ore, int64_t max, int64_t *out)
{
	char why[300];
	if (kr && ore) {
		fprintf(stderr,
		        "fkigov: angiv beløbet enten med --kr eller med --ore, ikke begge.\n");
		return -1;
	}
	if (!kr && !ore) {
		fprintf(stderr, "fkigov: angiv beløbet med --kr (fx --kr 1.234,50) eller --ore (fx "
		                "--ore 123450).\n");
		return -1;
	}
	if (kr && econ_parse_kr(kr, out, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: --kr: %s\n", why);
		return -1;
	}
	if (ore && econ_parse_ore(ore, max, out, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: --ore: %s\n", why);
		return -1;
	}
	if (*out > max) {
		char mx[48];
		econ_format_kr(max, true, mx, sizeof mx);
		fprintf(stderr, "fkigov: %s: beløbet er for stort. Det største er %s.\n",
		        kr ? "--kr" : "--ore", mx);
		return -1;
	}
	return 0;
}

/* Prints the diagnostics of a validator as "fkigov: --FIELD: why". */
static void print_fields(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "fkigov: %s%s%s%s\n", d->v[i].field ? "--" : "",
		        d->v[i].field ? d->v[i].field : "", d->v[i].field ? ": " : "", d->v[i].msg);
}

/* Loads the economy; prints why and returns an exit status != 0 on failure. */
static int load(struct cli *c, struct econ *e)
{
	econ_init(e, c->model->rate_ore);
	int rc = store_econ_load(c->st, munic_builtin(), e);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: økonomien i %s kan ikke læses.\n", c->db);
		return 1;
	}
	return 0;
}

/* Prints s and spaces up to width characters (UTF-8 code points), and one space. */
static void pad(const char *s, int width)
{
	int n = 0;
	for (const char *p = s; *p; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%s%*s ", s, n < width ? width - n : 0, "");
}

static void kr(int64_t ore, char *out, size_t n)
{
	econ_format_kr(ore, true, out, n);
}

/* ------------------------------------------------------------------ frame, report */

static int frame_or_report(struct cli *c, int argc, char **argv, bool report)
{
	const char *ys = NULL, *xlsx = NULL;
	bool json = false;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = true;
		else if (report && cli_flag(argv, i, "--xlsx") && i + 1 < argc)
			xlsx = argv[++i];
		else if (!ys && argv[i][0] != '-')
			ys = argv[i];
		else
			return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
	}
	int year;
	if (!ys)
		return cli_usage(economy_usage, "angiv året, fx »fkigov economy %s 2027«.",
		                 report ? "report" : "frame");
	if (year_arg(ys, &year) != 0)
		return 2;
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct econ e;
	if ((rc = load(c, &e)) != 0)
		return rc;
	struct econ_frame f;
	char why[1024];
	if (econ_frame(&e, year, &f, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: %s\n", why);
		econ_free(&e);
		return 2;
	}
	if (xlsx) {
		/* the municipalities' shares of the frame, one row each */
		json_t *doc = econ_report_json(&e, c->model, munic_builtin(), &f);
		char what[160];
		snprintf(what, sizeof what, "Økonomien %d: kommunernes andel af rammen (sats gange borgere)",
		         year);
		rc = cli_write_sheet(c, xlsx, SHEET_ECONOMY, doc, what, date_today());
		json_decref(doc);
		econ_free(&e);
		return rc;
	}
	if (json) {
		cli_print_json(report ? econ_report_json(&e, c->model, munic_builtin(), &f)
		                      : econ_frame_json(&f));
		econ_free(&e);
		return 0;
	}
	char a[48], b[48], cc[48], d[48], cit[32], pd[40];
	kr(f.frame_ore, a, sizeof a);
	kr(f.rate_ore, b, sizeof b);
	econ_format_int(f.citizens, cit, sizeof cit);
	date_format_da(f.population_date, pd, sizeof pd);
	printf("Rammen for %d: %s\n", year, a);
	if (f.rate_index >= 0) {
		char dd[40];
		date_format_da(e.rates[f.rate_index].decided, dd, sizeof dd);
		printf("  Sats:        %s pr. indbygger, fra %d (%s, %s)\n", b,
		       e.rates[f.rate_index].year, e.rates[f.rate_index].decision, dd);
	} else {
		printf("  Sats:        %s pr. indbygger (modellens sats)\n", b);
	}
	printf("  Indbyggere:  %s pr. %s\n", cit, pd);
	kr(f.allocated_ore, a, sizeof a);
	kr(f.remaining_ore, cc, sizeof cc);
	printf("  Bevilget:    %s\n", a);
	if (report) {
		kr(f.spent_ore, d, sizeof d);
		printf("  Forbrugt:    %s\n", d);
	}
	printf("  Tilbage:     %s%s\n", cc, f.remaining_ore < 0 ? "  (rammen er overskredet)" : "");
	if (report) {
		json_t *doc = econ_report_json(&e, c->model, munic_builtin(), &f);
		json_t *arr = json_object_get(doc, "initiatives");
		if (json_array_size(arr))
			printf(
			    "\nPr. initiativ:                                    bevilget          "
			    "forbrugt\n");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *x = json_array_get(arr, i);
			kr(json_integer_value(json_object_get(x, "allocated_ore")), a, sizeof a);
			kr(json_integer_value(json_object_get(x, "spent_ore")), b, sizeof b);
			printf("  %-44s %17s %17s\n", json_string_value(json_object_get(x, "id")),
			       a, b);
		}
		arr = json_object_get(doc, "municipalities");
		kr(f.rate_ore, b, sizeof b);
		printf("\nKommunernes andel (%s × indbyggere):\n", b);
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *x = json_array_get(arr, i);
			kr(json_integer_value(json_object_get(x, "share_ore")), a, sizeof a);
			econ_format_int(json_integer_value(json_object_get(x, "citizens")), cit,
			                sizeof cit);
			printf("  %s ", json_string_value(json_object_get(x, "code")));
			pad(json_string_value(json_object_get(x, "name")), 18);
			pad(json_string_value(json_object_get(x, "region")), 20);
			printf("%10s %17s\n", cit, a);
		}
		json_decref(doc);
	}
	econ_free(&e);
	return 0;
}

/* ------------------------------------------------------------------ rate */

static int rate_cmd(struct cli *c, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(economy_usage, "angiv »rate set« eller »rate list«.");
	if (!strcmp(argv[2], "list")) {
		bool json = false;
		for (int i = 3; i < argc; i++) {
			if (cli_flag(argv, i, "--json"))
				json = true;
			else
				return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
		}
		int rc = cli_open(c, false);
		if (rc)
			return rc;
		struct econ e;
		if ((rc = load(c, &e)) != 0)
			return rc;
		int cur = -1;
		(void)econ_rate_for(&e, date_year(date_today()), &cur);
		json_t *arr = json_array();
		for (size_t i = 0; i < e.nrates; i++) {
			/* A record is superseded by a later record of the same year. */
			bool superseded = false;
			for (size_t k = i + 1; k < e.nrates; k++)
				superseded |= e.rates[k].year == e.rates[i].year;
			json_t *o = econ_rate_json(&e, (int)i);
			json_object_set_new(o, "superseded", json_boolean(superseded));
			json_object_set_new(o, "current", json_boolean((int)i == cur));
			json_array_append_new(arr, o);
		}
		if (json) {
			cli_print_json(json_pack("{s:I, s:o}", "model_rate_ore",
			                         (json_int_t)e.default_rate, "rates", arr));
			econ_free(&e);
			return 0;
		}
		char a[48];
		kr(e.default_rate, a, sizeof a);
		printf("Modellens sats: %s pr. indbygger (gælder, indtil en sats er besluttet).\n",
		       a);
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *o = json_array_get(arr, i);
			const struct econ_rate *r = &e.rates[i];
			char dd[40];
			kr(r->ore, a, sizeof a);
			date_format_da(r->decided, dd, sizeof dd);
			printf(
			    "  fra %d: %s pr. indbygger – %s (%s)%s%s\n", r->year, a, r->decision,
			    dd,
			    json_is_true(json_object_get(o, "superseded")) ? "  (erstattet)" : "",
			    json_is_true(json_object_get(o, "current")) ? "  (gælder i år)" : "");
		}
		json_decref(arr);
		econ_free(&e);
		return 0;
	}
	if (strcmp(argv[2], "set"))
		return cli_usage(economy_usage, "ukendt underkommando »rate %s«.", argv[2]);
	const char *ys = NULL, *krs = NULL, *ores = NULL, *decision = NULL, *ds = NULL;
	for (int i = 3; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--kr", &krs)) ||
		    (r = cli_opt(argc, argv, &i, "--ore", &ores)) ||
		    (r = cli_opt(argc, argv, &i, "--decision", &decision)) ||
		    (r = cli_opt(argc, argv, &i, "--date", &ds))) {
			if (r < 0)
				return 2;
		} else if (!ys && argv[i][0] != '-') {
			ys = argv[i++];
		} else {
			return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	int year;
	int64_t ore;
	fk_date decided = date_today();
	if (!ys)
		return cli_usage(economy_usage,
		                 "angiv året, satsen gælder fra, fx »economy rate set "
		                 "2027 --kr 5,50 --decision ...«.");
	if (year_arg(ys, &year) != 0 || money_opt(krs, ores, ECON_RATE_MAX, &ore) != 0)
		return 2;
	if (ds && cli_date("--date", ds, &decided) != 0)
		return 2;
	struct diags d;
	diags_init(&d);
	econ_check_text(decision, true, 2000, "decision",
	                "beslutningen, der fastsatte satsen, fx »Styregruppemøde 4, 2026, punkt 6«",
	                &d);
	if (d.n) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	if ((rc = store_econ_rate_add(c->st, c->actor, year, ore, decision, decided, NULL)) !=
	    FK_OK) {
		fprintf(stderr, "fkigov: satsen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	char a[48];
	kr(ore, a, sizeof a);
	printf("Satsen er %s pr. indbygger fra %d.\n", a, year);
	return 0;
}

/* ------------------------------------------------------------------ population */

static int population_cmd(struct cli *c, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(economy_usage,
		                 "angiv »population import« eller »population list«.");
	if (!strcmp(argv[2], "list")) {
		bool json = false;
		for (int i = 3; i < argc; i++) {
			if (cli_flag(argv, i, "--json"))
				json = true;
			else
				return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
		}
		int rc = cli_open(c, false);
		if (rc)
			return rc;
		struct econ e;
		if ((rc = load(c, &e)) != 0)
			return rc;
		json_t *arr = json_array();
		for (size_t i = 0; i < e.nsets; i++)
			json_array_append_new(arr, econ_popset_json(&e.sets[i]));
		if (json) {
			cli_print_json(json_pack("{s:o}", "sets", arr));
		} else {
			for (size_t i = 0; i < e.nsets; i++) {
				char dd[11], tot[32];
				date_format(e.sets[i].date, dd);
				econ_format_int(e.sets[i].total, tot, sizeof tot);
				printf("%s  %10s indbyggere  %s%s\n", dd, tot, e.sets[i].source,
				       e.sets[i].builtin ? " (indbygget)" : "");
			}
			json_decref(arr);
		}
		econ_free(&e);
		return 0;
	}
	if (strcmp(argv[2], "import"))
		return cli_usage(economy_usage, "ukendt underkommando »population %s«.", argv[2]);
	const char *file = NULL, *ds = NULL, *source = NULL;
	for (int i = 3; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--date", &ds)) ||
		    (r = cli_opt(argc, argv, &i, "--source", &source))) {
			if (r < 0)
				return 2;
		} else if (!file && argv[i][0] != '-') {
			file = argv[i++];
		} else {
			return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!file || !ds)
		return cli_usage(economy_usage,
		                 "angiv filen og --date, den dato tallene gælder for, fx »economy "
		                 "population import folketal.csv --date 2027-01-01«.");
	fk_date date;
	if (cli_date("--date", ds, &date) != 0)
		return 2;
	struct diags d;
	diags_init(&d);
	if (source)
		econ_check_text(source, false, 500, "source", "kilden", &d);
	if (d.n) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	struct buf b;
	buf_init(&b);
	if (cli_read_file(file, &b) != 0) {
		buf_free(&b);
		diags_free(&d);
		return 2;
	}
	int *codes = NULL;
	int64_t *cit = NULL;
	size_t n = 0;
	int rc = econ_population_parse(b.s, b.len, file, munic_builtin(), &codes, &cit, &n, &d);
	buf_free(&b);
	if (rc != FK_OK) {
		diags_print(&d);
		fprintf(stderr, "fkigov: intet er gemt. Ret filen, og indlæs den igen.\n");
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	if ((rc = cli_open(c, false)) != 0) {
		free(codes);
		free(cit);
		return rc;
	}
	char src[600];
	const char *base = strrchr(file, '/');
	snprintf(src, sizeof src, "%s", source && *source ? source : base ? base + 1 : file);
	rc = store_econ_population_add(c->st, c->actor, date, src, codes, cit, n, NULL);
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += cit[i];
	free(codes);
	free(cit);
	if (rc == FK_ECONFLICT) {
		fprintf(stderr,
		        "fkigov: der er allerede indlæst befolkningstal pr. %s. Intet er gemt. Se "
		        "»fkigov economy population list«.\n",
		        ds);
		return 2;
	}
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: befolkningstallene kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	char tot[32], dd[40];
	econ_format_int(total, tot, sizeof tot);
	date_format_da(date, dd, sizeof dd);
	printf("Befolkningstal pr. %s er indlæst: %zu kommuner, %s indbyggere.\n", dd, n, tot);
	return 0;
}

/* ------------------------------------------------------------------ allocate, spend */

static int allocate_or_spend(struct cli *c, int argc, char **argv, bool spend)
{
	const char *key = NULL, *ys = NULL, *krs = NULL, *ores = NULL, *text = NULL, *ds = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--kr", &krs)) ||
		    (r = cli_opt(argc, argv, &i, "--ore", &ores)) ||
		    (r = cli_opt(argc, argv, &i, spend ? "--note" : "--decision", &text)) ||
		    (r = cli_opt(argc, argv, &i, "--date", &ds))) {
			if (r < 0)
				return 2;
		} else if (!key && argv[i][0] != '-') {
			key = argv[i++];
		} else if (!ys && argv[i][0] != '-') {
			ys = argv[i++];
		} else {
			return cli_usage(economy_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!key || !ys)
		return cli_usage(economy_usage,
		                 "angiv initiativet og året, fx »economy %s fki-1 2027 "
		                 "--kr 250.000«.",
		                 spend ? "spend" : "allocate");
	int year;
	int64_t ore;
	fk_date date = date_today();
	if (year_arg(ys, &year) != 0 || money_opt(krs, ores, ECON_ORE_MAX, &ore) != 0)
		return 2;
	if (spend && !ds)
		return cli_usage(economy_usage, "angiv --date, den dag forbruget er afholdt.");
	if (ds && cli_date("--date", ds, &date) != 0)
		return 2;
	struct diags d;
	diags_init(&d);
	if (spend)
		econ_check_text(text, false, 2000, "note", "noten", &d);
	else
		econ_check_text(text, true, 2000, "decision",
		                "beslutningen, der gav bevillingen, fx »Styregruppemøde 4, 2026, "
		                "punkt 6«",
		                &d);
	if (d.n) {
		print_fields(&d);
		diags_free(&d);
		return 2;
	}
	diags_free(&d);
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char msg[1024];
	int64_t over = 0;
	rc = spend ? store_econ_spend(c->st, c->actor, munic_builtin(), c->model->rate_ore, key,
	                              year, ore, date, text, msg, sizeof msg, &over, NULL)
	           : store_econ_allocate(c->st, c->actor, munic_builtin(), c->model->rate_ore, key,
	                                 year, ore, text, date, msg, sizeof msg, &over, NULL);
	if (rc == FK_EINPUT || rc == FK_ENOTFOUND) {
		fprintf(stderr, "fkigov: %s Intet er gemt.\n", msg);
		return 2;
	}
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s kunne ikke gemmes.\n",
		        spend ? "forbruget" : "bevillingen");
		return err_exit_code(rc);
	}
	char a[48];
	kr(ore, a, sizeof a);
	if (spend)
		printf("Forbrug på %s mod bevillingen til %s for %d er registreret.\n", a, key,
		       year);
	else
		printf("%s er bevilget til %s for %d.\n", a, key, year);
	return 0;
}

/* ------------------------------------------------------------------ economy */

int cmd_economy(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, economy_usage))
		return 0;
	if (argc < 2)
		return cli_usage(economy_usage,
		                 "angiv frame, report, rate, population, allocate eller spend.");
	const char *sub = argv[1];
	if (!strcmp(sub, "frame"))
		return frame_or_report(c, argc, argv, false);
	if (!strcmp(sub, "report"))
		return frame_or_report(c, argc, argv, true);
	if (!strcmp(sub, "rate"))
		return rate_cmd(c, argc, argv);
	if (!strcmp(sub, "population"))
		return population_cmd(c, argc, argv);
	if (!strcmp(sub, "allocate"))
		return allocate_or_spend(c, argc, argv, false);
	if (!strcmp(sub, "spend"))
		return allocate_or_spend(c, argc, argv, true);
	return cli_usage(economy_usage, "ukendt underkommando »%s«.", sub);
}
