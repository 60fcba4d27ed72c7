/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov wg: working groups and the written hearing in the steering group — propose, edit,
 * staff-plan, priority, hearing open, answer, decide, start, member add|end, deliver,
 * dissolve, withdraw, list, show. Every change is one transaction, checked and audited by the
 * store (store_wg.c); refusals print the store's Danish message and exit 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/economy.h"
#include "core/wg.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char wg_usage[] =
    "Brug: fkigov [--db STI] wg KOMMANDO ...\n\n"
    "  wg propose --reference-group RG --topic TEKST --question TEKST --start DATO --end DATO\n"
    "             [--hours TIMER] [--kr BELØB] [--proposer RG]\n"
    "                         en referencegruppe foreslår en arbejdsgruppe (id'et skrives ud)\n"
    "  wg edit ID [--topic T] [--question T] [--reference-group RG] [--proposer RG]\n"
    "             [--start DATO] [--end DATO] [--hours TIMER] [--kr BELØB]\n"
    "                         ret forslaget (før høringen) eller slutdatoen (indtil nedlæggelse)\n"
    "  wg staff-plan ID (--person ID | --profile PROFIL) --org ORG [--note TEKST]\n"
    "  wg staff-plan ID --remove RÆKKE\n"
    "                         bemandingsforslag; ORG er KL, UDK, KOMBIT eller referencegruppe\n"
    "  wg priority ID --rank N\n"
    "                         flyt gruppen til plads N (1 er højest) blandt planlagte og\n"
    "                         igangværende arbejdsgrupper; de andre rykker\n"
    "  wg hearing open ID [--date DATO]\n"
    "                         åbn den skriftlige høring i styregruppen (frist: modellens antal\n"
    "                         arbejdsdage, 10)\n"
    "  wg answer ID PERSON --position støtter|indsigelse|bemærkning --text TEKST [--date DATO]\n"
    "                         registrér et medlems svar på medlemmets vegne\n"
    "  wg decide ID --approved|--rejected [--summary TEKST] [--date DATO]\n"
    "                         styregruppens beslutning (resumé: optælling af svarene, hvis\n"
    "                         --summary mangler)\n"
    "  wg start ID [--date DATO] [--text TEKST]\n"
    "  wg member add ID PERSON --org kommune|KL|UDK|KOMBIT --role TEKST --start DATO\n"
    "             [--end DATO] [--municipality KODE]\n"
    "  wg member end ID PERSON --end DATO\n"
    "  wg deliver ID --text TEKST [--date DATO]\n"
    "  wg dissolve ID [--date DATO] [--text TEKST]\n"
    "  wg withdraw ID [--date DATO] [--text TEKST]\n"
    "  wg list [--json]\n"
    "  wg show ID [--json]\n\n"
    "ID er arbejdsgruppens id, fx ag-1. DATO skrives ÅÅÅÅ-MM-DD og er som standard i dag.\n"
    "BELØB er kroner, fx 150000, 1.234,50 eller 1234.50. En arbejdsgruppe kan først startes og\n"
    "bemandes, når styregruppen har godkendt den i en skriftlig høring.\n";

/* ------------------------------------------------------------------ options */

enum opt {
	O_RG,
	O_TOPIC,
	O_QUESTION,
	O_START,
	O_END,
	O_HOURS,
	O_KR,
	O_PROPOSER,
	O_PERSON,
	O_PROFILE,
	O_ORG,
	O_NOTE,
	O_REMOVE,
	O_RANK,
	O_DATE,
	O_POSITION,
	O_TEXT,
	O_SUMMARY,
	O_ROLE,
	O_MUNIC,
	O__MAX
};
static const char *const opt_names[O__MAX] = {
    "--reference-group",
    "--topic",
    "--question",
    "--start",
    "--end",
    "--hours",
    "--kr",
    "--proposer",
    "--person",
    "--profile",
    "--org",
    "--note",
    "--remove",
    "--rank",
    "--date",
    "--position",
    "--text",
    "--summary",
    "--role",
    "--municipality",
};

struct args {
	const char *v[O__MAX];
	const char *pos[3]; /* positional arguments */
	int npos;
	bool json, approved, rejected;
};

/* Reads argv[from..) into a; allowed: the options this command takes (bitmask of enum opt),
 * flags ("--json", "--approved", "--rejected") when named in flags. Returns 0, or 2 after a
 * usage message. */
static int parse(int argc, char **argv, int from, unsigned allowed, const char *flags, int maxpos,
                 struct args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = from; i < argc;) {
		bool hit = false;
		for (int k = 0; k < O__MAX && !hit; k++) {
			if (!(allowed & (1u << k)))
				continue;
			int r = cli_opt(argc, argv, &i, opt_names[k], &a->v[k]);
			if (r < 0)
				return 2;
			hit = r > 0;
		}
		if (hit)
			continue;
		const char *s = argv[i];
		if (flags && s[0] == '-' && s[1] == '-' && strstr(flags, s) && strlen(s) > 2) {
			if (!strcmp(s, "--json"))
				a->json = true;
			else if (!strcmp(s, "--approved"))
				a->approved = true;
			else if (!strcmp(s, "--rejected"))
				a->rejected = true;
			else
				return cli_usage(wg_usage, "ukendt tilvalg »%s«.", s);
			i++;
			continue;
		}
		if (s[0] == '-' || a->npos >= maxpos)
			return cli_usage(wg_usage, "ukendt argument »%s«.", s);
		a->pos[a->npos++] = s;
		i++;
	}
	return 0;
}

#define B(o) (1u << (o))

/* Parses an optional date option; DATE_NONE when absent (or dflt). Returns -1 on a bad date. */
static int opt_date(const struct args *a, enum opt o, fk_date dflt, fk_date *out)
{
	*out = dflt;
	if (!a->v[o] || !*a->v[o])
		return 0;
	return cli_date(opt_names[o], a->v[o], out);
}

/* A whole number in [lo, hi] from option o; -1 with a message when it is not. */
static int opt_int(const struct args *a, enum opt o, int64_t lo, int64_t hi, int64_t *out)
{
	const char *s = a->v[o];
	char *end;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr, "fkigov: %s: »%s« er ikke et helt tal fra %lld til %lld.\n",
		        opt_names[o], s, (long long)lo, (long long)hi);
		return -1;
	}
	*out = v;
	return 0;
}

static int opt_kr(const struct args *a, int64_t *ore)
{
	char msg[300];
	if (econ_parse_kr(a->v[O_KR], ore, msg, sizeof msg) != 0) {
		fprintf(stderr, "fkigov: --kr: %s\n", msg);
		return -1;
	}
	return 0;
}

/* The option that names a store error's field, for messages. */
static const char *field_opt(const char *field)
{
	static const struct {
		const char *field, *opt;
	} map[] = {{"topic", "--topic"},
	           {"question", "--question"},
	           {"reference_group", "--reference-group"},
	           {"proposer", "--proposer"},
	           {"start", "--start"},
	           {"end", "--end"},
	           {"hours", "--hours"},
	           {"kr", "--kr"},
	           {"person", "PERSON"},
	           {"profile", "--profile"},
	           {"org", "--org"},
	           {"note", "--note"},
	           {"rank", "--rank"},
	           {"date", "--date"},
	           {"position", "--position"},
	           {"text", "--text"},
	           {"summary", "--summary"},
	           {"delivery", "--text"},
	           {"role", "--role"},
	           {"municipality", "--municipality"},
	           {"staff", "--remove"},
	           {"id", "ID"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].field, field))
			return map[i].opt;
	return NULL;
}

/* Ends a change: commits on success and prints ok; else rolls back and prints why. */
static int finish(struct cli *c, int rc, const struct store_wg_err *e, const char *ok)
{
	if (rc == FK_OK && (rc = store_commit(c->st)) == FK_OK) {
		if (ok)
			printf("%s\n", ok);
		return 0;
	}
	store_rollback(c->st);
	const char *o = e->field[0] ? field_opt(e->field) : NULL;
	if (e->msg[0])
		fprintf(stderr, "fkigov: %s%s%s\n", o ? o : "", o ? ": " : "", e->msg);
	else
		fprintf(stderr, "fkigov: ændringen kunne ikke gemmes. Intet er ændret.\n");
	return err_exit_code(rc);
}

/* Opens the database with the register and begins the change's transaction. */
static int begin(struct cli *c)
{
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	if (store_begin(c->st) != FK_OK) {
		fprintf(stderr, "fkigov: databasen er optaget. Prøv igen om lidt.\n");
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ propose, edit */

static int cmd_propose(struct cli *c, int argc, char **argv, bool edit)
{
	struct args a;
	unsigned allowed = B(O_RG) | B(O_TOPIC) | B(O_QUESTION) | B(O_START) | B(O_END) |
	                   B(O_HOURS) | B(O_KR) | B(O_PROPOSER);
	int rc = parse(argc, argv, 2, allowed, NULL, edit ? 1 : 0, &a);
	if (rc)
		return rc;
	if (edit && a.npos != 1)
		return cli_usage(wg_usage, "angiv arbejdsgruppens id, fx ag-1.");
	if (!edit) {
		static const enum opt need[] = {O_RG, O_TOPIC, O_QUESTION, O_START, O_END};
		for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
			if (!a.v[need[i]])
				return cli_usage(wg_usage, "wg propose skal have %s.",
				                 opt_names[need[i]]);
	}
	struct store_wg_new in = {a.v[O_TOPIC], a.v[O_QUESTION], a.v[O_RG], a.v[O_PROPOSER],
	                          DATE_NONE,    DATE_NONE,       -1,        -1};
	if (opt_date(&a, O_START, DATE_NONE, &in.start) || opt_date(&a, O_END, DATE_NONE, &in.end))
		return 2;
	if (a.v[O_HOURS] && opt_int(&a, O_HOURS, 0, 1000000, &in.hours))
		return 2;
	if (a.v[O_KR] && opt_kr(&a, &in.ore))
		return 2;
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	char key[24] = "", ok[200];
	if (edit) {
		rc = store_wg_edit(c->st, c->actor, c->model, a.pos[0], &in, &e);
		snprintf(ok, sizeof ok, "Arbejdsgruppen %s er rettet.", a.pos[0]);
	} else {
		rc = store_wg_propose(c->st, c->actor, c->model, &in, key, &e);
	}
	if (rc == FK_OK && !edit) {
		/* The id alone on stdout, for scripts; the advice on stderr. */
		int r = finish(c, rc, &e, NULL);
		if (!r) {
			printf("%s\n", key);
			fprintf(
			    stderr,
			    "Arbejdsgruppen %s er foreslået. Tilføj bemandingsforslaget med "
			    "»fkigov wg staff-plan %s«, og åbn derefter høringen med »fkigov wg "
			    "hearing open %s«.\n",
			    key, key, key);
		}
		return r;
	}
	return finish(c, rc, &e, ok);
}

/* ------------------------------------------------------------------ staff-plan, priority */

static int cmd_staff(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc =
	    parse(argc, argv, 2, B(O_PERSON) | B(O_PROFILE) | B(O_ORG) | B(O_NOTE) | B(O_REMOVE),
	          NULL, 1, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage(wg_usage, "angiv arbejdsgruppens id, fx ag-1.");
	int64_t remove = 0;
	int org = -1;
	if (a.v[O_REMOVE]) {
		if (a.v[O_PERSON] || a.v[O_PROFILE] || a.v[O_ORG] || a.v[O_NOTE])
			return cli_usage(wg_usage,
			                 "--remove kan ikke stå sammen med andre tilvalg.");
		if (opt_int(&a, O_REMOVE, 1, INT64_MAX / 2, &remove))
			return 2;
	} else {
		if (!a.v[O_PERSON] == !a.v[O_PROFILE])
			return cli_usage(wg_usage,
			                 "angiv enten --person eller --profile for pladsen i "
			                 "bemandingsforslaget.");
		if (!a.v[O_ORG])
			return cli_usage(wg_usage,
			                 "angiv --org: den organisation, der udpeger (KL, UDK, "
			                 "KOMBIT eller referencegruppe).");
		if ((org = wg_org_parse(a.v[O_ORG])) < 0) {
			fprintf(
			    stderr,
			    "fkigov: --org: »%s« er ikke KL, UDK, KOMBIT eller referencegruppe.\n",
			    a.v[O_ORG]);
			return 2;
		}
	}
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	char ok[200];
	if (remove) {
		rc = store_wg_staff_remove(c->st, c->actor, a.pos[0], remove, &e);
		snprintf(ok, sizeof ok, "Række %lld er fjernet fra bemandingsforslaget for %s.",
		         (long long)remove, a.pos[0]);
	} else {
		int64_t id = 0;
		rc = store_wg_staff_add(c->st, c->actor, c->model, a.pos[0], a.v[O_PERSON],
		                        a.v[O_PROFILE], org, a.v[O_NOTE], &id, &e);
		snprintf(ok, sizeof ok, "Bemandingsforslaget for %s har fået række %lld.", a.pos[0],
		         (long long)id);
	}
	return finish(c, rc, &e, ok);
}

static int cmd_priority(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = parse(argc, argv, 2, B(O_RANK), NULL, 1, &a);
	if (rc)
		return rc;
	if (a.npos != 1 || !a.v[O_RANK])
		return cli_usage(wg_usage, "angiv arbejdsgruppens id og --rank N.");
	int64_t rank;
	if (opt_int(&a, O_RANK, 1, 100000, &rank))
		return 2;
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	char ok[200];
	snprintf(ok, sizeof ok, "%s har nu prioritet %lld.", a.pos[0], (long long)rank);
	return finish(c, store_wg_priority_set(c->st, c->actor, a.pos[0], (int)rank, &e), &e, ok);
}

/* ------------------------------------------------------------------ steps */

/* start, deliver, dissolve, withdraw and hearing open: ID [--date D] [--text T]. */
static int cmd_step(struct cli *c, int argc, char **argv, int from, enum wg_event ev)
{
	struct args a;
	int rc = parse(argc, argv, from, B(O_DATE) | B(O_TEXT), NULL, 1, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage(wg_usage, "angiv arbejdsgruppens id, fx ag-1.");
	if (ev == WG_EV_DELIVER && !a.v[O_TEXT])
		return cli_usage(wg_usage,
		                 "wg deliver skal have --text: hvad gruppen har afleveret.");
	fk_date d;
	if (opt_date(&a, O_DATE, date_today(), &d))
		return 2;
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	rc = store_wg_step(c->st, c->actor, c->model, &c->reg, a.pos[0], ev, d, a.v[O_TEXT], &e);
	char ok[300], ds[40];
	date_format_da(d, ds, sizeof ds);
	if (ev == WG_EV_OPEN_HEARING && rc == FK_OK) {
		struct wg w;
		char dl[40] = "";
		if (store_wg_get(c->st, a.pos[0], &w) == FK_OK) {
			date_format_da(w.hearing_deadline, dl, sizeof dl);
			wg_clear(&w);
		}
		snprintf(
		    ok, sizeof ok,
		    "Den skriftlige høring om %s er åbnet %s. Fristen for styregruppens svar er "
		    "%s.",
		    a.pos[0], ds, dl);
	} else {
		snprintf(ok, sizeof ok, "%s: %s %s.", a.pos[0], wg_event_label(ev), ds);
	}
	return finish(c, rc, &e, ok);
}

static int cmd_answer(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = parse(argc, argv, 2, B(O_POSITION) | B(O_TEXT) | B(O_DATE), NULL, 2, &a);
	if (rc)
		return rc;
	if (a.npos != 2 || !a.v[O_POSITION] || !a.v[O_TEXT])
		return cli_usage(wg_usage,
		                 "angiv arbejdsgruppens id, personen, --position og --text.");
	int pos = wg_position_parse(a.v[O_POSITION]);
	if (pos < 0) {
		fprintf(stderr,
		        "fkigov: --position: »%s« er ikke støtter, indsigelse eller bemærkning.\n",
		        a.v[O_POSITION]);
		return 2;
	}
	fk_date d;
	if (opt_date(&a, O_DATE, date_today(), &d))
		return 2;
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	rc = store_wg_answer(c->st, c->actor, c->model, &c->reg, a.pos[0], a.pos[1], pos,
	                     a.v[O_TEXT], d, true, &e);
	char ok[200];
	snprintf(ok, sizeof ok, "Svaret fra %s i høringen om %s er registreret (%s).", a.pos[1],
	         a.pos[0], wg_position_name((enum wg_position)pos));
	return finish(c, rc, &e, ok);
}

static int cmd_decide(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = parse(argc, argv, 2, B(O_SUMMARY) | B(O_DATE), "--approved --rejected", 1, &a);
	if (rc)
		return rc;
	if (a.npos != 1 || a.approved == a.rejected)
		return cli_usage(wg_usage,
		                 "angiv arbejdsgruppens id og enten --approved eller --rejected.");
	fk_date d;
	if (opt_date(&a, O_DATE, date_today(), &d))
		return 2;
	if ((rc = begin(c)) != 0)
		return rc;
	char summary[300];
	const char *text = a.v[O_SUMMARY];
	if (!text) {
		/* The counts of the answers, as the page prefills them. */
		struct wg w;
		if (store_wg_get(c->st, a.pos[0], &w) == FK_OK) {
			size_t n = 0;
			int32_t *mem = wg_body_members(&c->reg, wg_steering_group(c->model),
			                               wg_hearing_day(&w, d), &n);
			int counts[WG_POS__MAX], missing;
			wg_hearing_counts(&w, &c->reg, mem, n, counts, &missing);
			wg_summary_text(counts, missing, summary, sizeof summary);
			free(mem);
			wg_clear(&w);
			text = summary;
		}
	}
	struct store_wg_err e = {"", ""};
	rc = store_wg_step(c->st, c->actor, c->model, &c->reg, a.pos[0],
	                   a.approved ? WG_EV_APPROVE : WG_EV_REJECT, d, text, &e);
	char ok[400];
	snprintf(ok, sizeof ok, "Styregruppens beslutning om %s er registreret: %s (%s).", a.pos[0],
	         a.approved ? "godkendt" : "afvist", text ? text : "");
	return finish(c, rc, &e, ok);
}

static int cmd_member(struct cli *c, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(wg_usage, "angiv member add eller member end.");
	bool add = !strcmp(argv[2], "add");
	if (!add && strcmp(argv[2], "end") != 0)
		return cli_usage(wg_usage, "ukendt underkommando »member %s«.", argv[2]);
	struct args a;
	unsigned allowed =
	    add ? B(O_ORG) | B(O_ROLE) | B(O_START) | B(O_END) | B(O_MUNIC) : B(O_END);
	int rc = parse(argc, argv, 3, allowed, NULL, 2, &a);
	if (rc)
		return rc;
	if (a.npos != 2)
		return cli_usage(wg_usage, "angiv arbejdsgruppens id og personens id.");
	fk_date start = DATE_NONE, end = DATE_NONE;
	if (opt_date(&a, O_START, DATE_NONE, &start) || opt_date(&a, O_END, DATE_NONE, &end))
		return 2;
	int org = -1;
	int64_t munic = 0;
	if (add) {
		if (!a.v[O_ORG] || !a.v[O_ROLE] || !a.v[O_START])
			return cli_usage(wg_usage,
			                 "wg member add skal have --org, --role og --start.");
		if ((org = seat_parse(a.v[O_ORG])) < 0) {
			fprintf(stderr,
			        "fkigov: --org: »%s« er ikke kommune, KL, UDK eller KOMBIT.\n",
			        a.v[O_ORG]);
			return 2;
		}
		if (a.v[O_MUNIC] && opt_int(&a, O_MUNIC, 1, 999, &munic))
			return 2;
	} else if (end == DATE_NONE) {
		return cli_usage(wg_usage, "wg member end skal have --end.");
	}
	if ((rc = begin(c)) != 0)
		return rc;
	struct store_wg_err e = {"", ""};
	char ok[200];
	if (add) {
		rc = store_wg_member_add(c->st, c->actor, a.pos[0], a.pos[1], org, (int)munic,
		                         a.v[O_ROLE], start, end, NULL, &e);
		snprintf(ok, sizeof ok, "%s er medlem af arbejdsgruppen %s.", a.pos[1], a.pos[0]);
	} else {
		rc = store_wg_member_end(c->st, c->actor, a.pos[0], a.pos[1], end, &e);
		snprintf(ok, sizeof ok, "Medlemskabet af %s for %s slutter %s.", a.pos[0], a.pos[1],
		         a.v[O_END]);
	}
	return finish(c, rc, &e, ok);
}

/* ------------------------------------------------------------------ list, show */

static const char *js(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int cmd_list(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = parse(argc, argv, 2, 0, "--json", 0, &a);
	if (rc)
		return rc;
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct wg *v;
	size_t n;
	if (store_wg_list(c->st, &v, &n) != FK_OK) {
		fprintf(stderr, "fkigov: arbejdsgrupperne kunne ikke læses.\n");
		return 1;
	}
	json_t *doc = wg_list_json(c->model, v, n, date_today());
	wg_list_free(v, n);
	if (a.json) {
		cli_print_json(doc);
		return 0;
	}
	json_t *arr = json_object_get(doc, "working_groups");
	printf("%-5s %-7s %-16s %-24s %-23s %s\n", "PRIO", "ID", "STATUS", "REFERENCEGRUPPE",
	       "PERIODE", "EMNE");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		char prio[16] = "-";
		if (json_is_integer(json_object_get(o, "rank")))
			snprintf(prio, sizeof prio, "%lld",
			         (long long)json_integer_value(json_object_get(o, "rank")));
		printf("%-5s %-7s %-16s %-24s %s–%s %s\n", prio, js(o, "id"), js(o, "state_label"),
		       js(json_object_get(o, "reference_group"), "id"), js(o, "start"),
		       js(o, "end"), js(o, "topic"));
	}
	printf("%zu arbejdsgrupper.\n", json_array_size(arr));
	json_decref(doc);
	return 0;
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
	struct args a;
	int rc = parse(argc, argv, 2, 0, "--json", 1, &a);
	if (rc)
		return rc;
	if (a.npos != 1)
		return cli_usage(wg_usage, "angiv arbejdsgruppens id, fx ag-1.");
	if ((rc = cli_open(c, true)) != 0)
		return rc;
	struct wg w;
	rc = store_wg_get(c->st, a.pos[0], &w);
	if (rc == FK_ENOTFOUND) {
		fprintf(stderr, "fkigov: arbejdsgruppen »%s« findes ikke. Se »fkigov wg list«.\n",
		        a.pos[0]);
		return 2;
	}
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: arbejdsgruppen kunne ikke læses.\n");
		return 1;
	}
	json_t *o = wg_json(c->model, munic_builtin(), &c->reg, &w, date_today(), true);
	wg_clear(&w);
	if (a.json) {
		cli_print_json(o);
		return 0;
	}
	json_t *res = json_object_get(o, "resources");
	printf("%s  %s  (%s)\n", js(o, "id"), js(o, "topic"), js(o, "state_label"));
	printf("  Spørgsmål:       %s\n", js(o, "question"));
	printf("  Rapporterer til: %s (%s); foreslået af %s\n",
	       js(json_object_get(o, "reference_group"), "name"),
	       js(json_object_get(o, "reference_group"), "id"),
	       js(json_object_get(o, "proposer"), "name"));
	printf("  Periode:         %s – %s\n", js(o, "start"), js(o, "end"));
	printf("  Ressourcer:      %lld timer, %s\n",
	       (long long)json_integer_value(json_object_get(res, "hours")), js(res, "kr"));
	if (json_is_integer(json_object_get(o, "rank")))
		printf("  Prioritet:       %lld\n",
		       (long long)json_integer_value(json_object_get(o, "rank")));
	json_t *arr = json_object_get(o, "staffing");
	printf("  Bemandingsforslag:%s\n", json_array_size(arr) ? "" : " intet endnu");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *x = json_array_get(arr, i);
		const char *who = json_is_string(json_object_get(x, "person"))
		                      ? js(x, "name")
		                      : js(x, "profile_name");
		printf("    %-4lld %-36s udpeges af %s%s%s\n",
		       (long long)json_integer_value(json_object_get(x, "id")), who,
		       js(x, "organisation_label"),
		       json_is_string(json_object_get(x, "note")) ? "; " : "", js(x, "note"));
	}
	json_t *h = json_object_get(o, "hearing");
	if (json_is_object(h)) {
		printf("  Høring:          åbnet %s, frist %s%s\n", js(h, "opened"),
		       js(h, "deadline"),
		       json_is_true(json_object_get(h, "open")) ? " (åben)" : "");
		arr = json_object_get(h, "answers");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *x = json_array_get(arr, i);
			printf("    %-10s %-24s %-11s %s%s\n", js(x, "person"), js(x, "name"),
			       js(x, "position"), js(x, "text"),
			       json_is_true(json_object_get(x, "on_behalf"))
			           ? " (registreret af sekretariatet)"
			           : "");
		}
		arr = json_object_get(h, "missing");
		if (json_array_size(arr)) {
			printf("    Mangler svar fra:");
			for (size_t i = 0; i < json_array_size(arr); i++)
				printf("%s %s (%s)", i ? "," : "",
				       js(json_array_get(arr, i), "name"),
				       js(json_array_get(arr, i), "person"));
			printf("\n");
		}
		printf("    Opgørelse: %s\n", js(h, "summary"));
	}
	json_t *dec = json_object_get(o, "decision");
	if (json_is_object(dec))
		printf("  Beslutning:      %s %s: %s\n", js(dec, "label"), js(dec, "date"),
		       js(dec, "summary"));
	arr = json_object_get(o, "members");
	if (json_array_size(arr)) {
		printf("  Medlemmer:\n");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *x = json_array_get(arr, i);
			printf("    %-10s %-24s %-8s %-24s %s–%s\n", js(x, "person"), js(x, "name"),
			       js(x, "organisation"), js(x, "role"), js(x, "start"), js(x, "end"));
		}
	}
	if (json_is_string(json_object_get(o, "delivery")))
		printf("  Afleveret:       %s\n", js(o, "delivery"));
	arr = json_object_get(o, "timeline");
	printf("  Forløb:\n");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *x = json_array_get(arr, i);
		printf("    %s  %s (%s)%s%s\n", js(x, "date"), js(x, "label"), js(x, "actor"),
		       json_is_string(json_object_get(x, "text")) ? ": " : "", js(x, "text"));
	}
	json_decref(o);
	return 0;
}

/* ------------------------------------------------------------------ the group */

int cmd_wg(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, wg_usage))
		return 0;
	if (argc < 2)
		return cli_usage(wg_usage, "angiv en underkommando, fx propose eller list.");
	const char *sub = argv[1];
	if (!strcmp(sub, "propose"))
		return cmd_propose(c, argc, argv, false);
	if (!strcmp(sub, "edit"))
		return cmd_propose(c, argc, argv, true);
	if (!strcmp(sub, "staff-plan"))
		return cmd_staff(c, argc, argv);
	if (!strcmp(sub, "priority"))
		return cmd_priority(c, argc, argv);
	if (!strcmp(sub, "hearing")) {
		if (argc < 3 || strcmp(argv[2], "open") != 0)
			return cli_usage(wg_usage, "skriv »wg hearing open ID«.");
		return cmd_step(c, argc, argv, 3, WG_EV_OPEN_HEARING);
	}
	if (!strcmp(sub, "answer"))
		return cmd_answer(c, argc, argv);
	if (!strcmp(sub, "decide"))
		return cmd_decide(c, argc, argv);
	if (!strcmp(sub, "start"))
		return cmd_step(c, argc, argv, 2, WG_EV_START);
	if (!strcmp(sub, "deliver"))
		return cmd_step(c, argc, argv, 2, WG_EV_DELIVER);
	if (!strcmp(sub, "dissolve"))
		return cmd_step(c, argc, argv, 2, WG_EV_DISSOLVE);
	if (!strcmp(sub, "withdraw"))
		return cmd_step(c, argc, argv, 2, WG_EV_WITHDRAW);
	if (!strcmp(sub, "member"))
		return cmd_member(c, argc, argv);
	if (!strcmp(sub, "list"))
		return cmd_list(c, argc, argv);
	if (!strcmp(sub, "show"))
		return cmd_show(c, argc, argv);
	return cli_usage(wg_usage, "ukendt underkommando »%s«.", sub);
}
