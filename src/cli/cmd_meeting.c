/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov meeting ... : the steering group's meetings, agendas, proposals and minutes;
 * fkigov decisions search: the decision log. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/agenda.h"
#include "core/material.h"
#include "util/err.h"
#include "web/dispatch.h"
#include "web/tmpl.h"
#include "web/web.h"

static const char usage[] =
    "Brug: fkigov [--db STI] meeting KOMMANDO ...\n\n"
    "  list [--year ÅR] [--json]                 årets (eller alle) møder\n"
    "  show ID [--json]                          et møde med dagsorden, forslag og referat\n"
    "  agenda ID [--json]                        byg eller opdatér dagsordenen fra modellen og\n"
    "                                            de optagne forslag (indtil den er udsendt)\n"
    "  inspiration ID [--swap PERSON --reason TEKST]\n"
    "                                            næste kommune i rækken til inspirations-\n"
    "                                            oplægget, eller byt med en begrundelse\n"
    "  propose ID --person PERSON --title TEKST --text TEKST [--minutes N] [--kind TYPE]\n"
    "          [--late]                          --late: sekretariatet registrerer et forslag\n"
    "                                            efter fristen (optages kun med begrundelse)\n"
    "                                            et forslag til dagsordenen (til og med fristen)\n"
    "  accept ID FORSLAG [--reason TEKST]        optag et forslag (begrundelse, hvis det kom\n"
    "                                            for sent eller dagsordenen er udsendt)\n"
    "  reject ID FORSLAG [--reason TEKST]        afvis et forslag\n"
    "  item ID --item N [--title T] [--kind K] [--presenter P] [--minutes N]\n"
    "          [--material TEKST|URL] [--recommendation TEKST]\n"
    "                                            ret et punkt, før dagsordenen er udsendt\n"
    "  amend ID --item N --reason TEKST [samme tilvalg som item]\n"
    "                                            ret et punkt i den udsendte dagsorden\n"
    "  dispatch ID [--date ÅÅÅÅ-MM-DD]           udsend dagsorden og materiale (låser den)\n"
    "  recall ID --reason TEKST                  tilbagekald udsendelsen før mødedagen (mødet\n"
    "                                            bliver planlagt igen; begrundelsen revideres)\n"
    "  place ID STED                             mødets sted: en adresse, et lokale eller et\n"
    "                                            link til et onlinemøde (\"\" fjerner det);\n"
    "                                            medlemmerne får en opdateret invitation\n"
    "  held ID                                   registrér et møde som afholdt, der ikke blev\n"
    "                                            udsendt her (fra mødedagen), så referatet kan\n"
    "                                            skrives\n"
    "  minutes ID --item N --outcome UDFALD --text TEKST\n"
    "                                            referat af et punkt: beslutning, rådgivning,\n"
    "                                            taget-til-efterretning eller udsat\n"
    "  approve ID                                godkend referatet\n"
    "  publish ID                                offentliggør referatet\n"
    "  material add|list|get|remove ...          materiale på punkterne (se »meeting\n"
    "                                            material --help«)\n"
    "  status ID --body GRUPPE --set INITIATIV=STATUS[:BEGRUNDELSE] ... [--note TEKST]\n"
    "                                            referencegruppens status til mødet\n"
    "  portfolio ID [--json]                     mødets porteføljeoverblik\n"
    "  package ID [--out FIL]                    dagsorden og materiale som zip-fil\n"
    "  pdf ID [--out FIL]                        dagsorden med bilag som én PDF\n"
    "  minutes-pdf ID [--out FIL]                det godkendte referat som PDF\n"
    "  apology ID PERSON [--reason TEKST] [--withdraw]\n"
    "                                            meld afbud til et møde (til og med mødedagen),\n"
    "                                            eller træk det tilbage\n"
    "  attendance ID [--present P,...] [--absent P,...] [--substitute P=NAVN]\n"
    "          [--guest \"NAVN;ORG\"] [--json]    fremmødet: vis det, eller registrér det fra\n"
    "                                            mødedagen (se »meeting attendance --help«)\n\n"
    "ID er mødets nummer fra »meeting list«. Punkttyper: orientering, inspiration, opfølgning,\n"
    "rådgivning, drøftelse, beslutning, økonomi. »I dag« er $FKIGOV_TODAY, hvis den er sat.\n";

static const char dusage[] =
    "Brug: fkigov [--db STI] decisions search TEKST [--year ÅR] [--published]\n"
    "                        [--json | --xlsx FIL.xlsx]\n\n"
    "Søger i referaterne (punktets overskrift, referatets tekst og året) på tværs af år; alle\n"
    "ord skal findes, som begyndelsen af et ord, uden hensyn til accenter. Nyeste først.\n"
    "--xlsx skriver beslutningerne som et Excel-regneark (mødedato som dato).\n";

/* Options of the meeting commands, parsed once. */
struct mopts {
	const char *year, *swap, *reason, *person, *title, *text, *minutes, *kind, *item, *date,
	    *presenter, *material, *recommendation, *outcome, *xlsx;
	const char *pos[3]; /* positional arguments after the sub-command */
	int npos;
	int json, published, late;
};

static int parse(int argc, char **argv, int first, struct mopts *o, const char *u)
{
	memset(o, 0, sizeof *o);
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
	    {"--year", offsetof(struct mopts, year)},
	    {"--swap", offsetof(struct mopts, swap)},
	    {"--reason", offsetof(struct mopts, reason)},
	    {"--person", offsetof(struct mopts, person)},
	    {"--title", offsetof(struct mopts, title)},
	    {"--text", offsetof(struct mopts, text)},
	    {"--minutes", offsetof(struct mopts, minutes)},
	    {"--kind", offsetof(struct mopts, kind)},
	    {"--item", offsetof(struct mopts, item)},
	    {"--date", offsetof(struct mopts, date)},
	    {"--presenter", offsetof(struct mopts, presenter)},
	    {"--material", offsetof(struct mopts, material)},
	    {"--recommendation", offsetof(struct mopts, recommendation)},
	    {"--outcome", offsetof(struct mopts, outcome)},
	    {"--xlsx", offsetof(struct mopts, xlsx)},
	};
	for (int i = first; i < argc;) {
		int r = 0;
		for (size_t k = 0; k < sizeof opts / sizeof opts[0] && !r; k++)
			r = cli_opt(argc, argv, &i, opts[k].name,
			            (const char **)(void *)((char *)o + opts[k].off));
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (cli_flag(argv, i, "--json")) {
			o->json = 1;
			i++;
		} else if (cli_flag(argv, i, "--published")) {
			o->published = 1;
			i++;
		} else if (cli_flag(argv, i, "--late")) {
			o->late = 1;
			i++;
		} else if (argv[i][0] != '-' && o->npos < 3) {
			o->pos[o->npos++] = argv[i++];
		} else {
			return cli_usage(u, "ukendt argument »%s«.", argv[i]);
		}
	}
	return 0;
}

static void print_meeting_line(const struct meeting *mt)
{
	char a[40], b[40], e[40];
	date_format_da(mt->date, a, sizeof a);
	date_format_da(mt->proposals, b, sizeof b);
	date_format_da(mt->dispatch, e, sizeof e);
	printf("%-4lld %d/%-6d %-20s %02d.%02d-%02d.%02d  %-18s %-18s %s\n", (long long)mt->id,
	       mt->number, mt->year, a, mt->start_min / 60, mt->start_min % 60, mt->end_min / 60 % 24,
	       mt->end_min % 60, b, e, meeting_state_da(mt->state));
}

static void print_meeting(const struct meeting *mt)
{
	char a[40], b[40], s[40], e[40];
	date_format_da(mt->date, a, sizeof a);
	printf("Styregruppemøde %d/%d, %s kl. %02d.%02d-%02d.%02d (%s)\n", mt->number, mt->year, a,
	       mt->start_min / 60, mt->start_min % 60, mt->end_min / 60 % 24, mt->end_min % 60,
	       meeting_state_da(mt->state));
	date_format_da(mt->proposals, b, sizeof b);
	date_format_da(mt->statuses, s, sizeof s);
	date_format_da(mt->dispatch, e, sizeof e);
	printf("Frister: forslag %s, status %s, udsendelse %s\n", b, s, e);
	if (mt->dispatched_on != DATE_NONE) {
		date_format_da(mt->dispatched_on, e, sizeof e);
		printf("Udsendt: %s\n", e);
	}
	if (mt->speaker)
		printf("Inspirationsoplæg: %s (%s)%s%s\n", mt->speaker_name ? mt->speaker_name : "",
		       mt->speaker, mt->speaker_reason ? ", byttet: " : "",
		       mt->speaker_reason ? mt->speaker_reason : "");
	int total = agenda_minutes(mt->items, mt->nitems), avail = mt->end_min - mt->start_min;
	if (mt->nitems == 0) {
		printf("\nIngen dagsorden endnu. Byg den med »fkigov meeting agenda %lld«.\n",
		       (long long)mt->id);
	} else {
		printf("\nDagsorden (%d af %d minutter%s):\n", total, avail,
		       total > avail ? " - FOR LANG" : "");
		for (size_t i = 0; i < mt->nitems; i++) {
			const struct meeting_item *it = &mt->items[i];
			printf("%3d. %s [%s, %d min.%s%s]\n", it->pos, it->title, agenda_kind_da(it->kind),
			       it->minutes, it->presenter ? ", " : "", it->presenter ? it->presenter : "");
			if (it->material)
				printf("     Materiale: %s\n", it->material);
			if (it->nfiles)
				printf("     Materiale: %d fil%s (meeting material list %lld)\n", it->nfiles,
				       it->nfiles == 1 ? "" : "er", (long long)mt->id);
			else if (!it->material && agenda_kind_needs_material(it->kind))
				printf("     Materiale: mangler\n");
			if (it->recommendation)
				printf("     Indstilling: %s\n", it->recommendation);
			if (it->amended)
				printf("     Rettelse: %s\n", it->amended);
			if (it->outcome)
				printf("     Referat (%s): %s\n", it->outcome,
				       it->minutes_text ? it->minutes_text : "");
		}
	}
	if (mt->nprops) {
		printf("\nForslag:\n");
		for (size_t i = 0; i < mt->nprops; i++) {
			const struct meeting_proposal *p = &mt->props[i];
			date_format_da(p->submitted, s, sizeof s);
			const char *st = !strcmp(p->state, "accepted")   ? "optaget"
			                 : !strcmp(p->state, "rejected") ? "afvist"
			                                                 : "indsendt";
			printf("%4lld %s (%s, %s, %s)%s%s%s\n", (long long)p->id, p->title,
			       p->person_name ? p->person_name : p->person, s, st,
			       p->submitted > mt->proposals ? ", efter fristen" : "",
			       p->reason ? ": " : "", p->reason ? p->reason : "");
		}
	}
}

static int show(struct cli *c, int64_t id, int json)
{
	struct meeting mt;
	int rc = store_meeting_get(c->st, id, &mt);
	if (rc == FK_ENOTFOUND) {
		fprintf(stderr, "fkigov: der er intet møde med nummer %lld. Se møderne med »fkigov "
		                "meeting list«.\n",
		        (long long)id);
		return 2;
	}
	if (rc != FK_OK)
		return 1;
	if (json)
		cli_print_json(agenda_meeting_json(&mt, true));
	else
		print_meeting(&mt);
	meeting_free(&mt);
	return 0;
}

static int list(struct cli *c, const struct mopts *o)
{
	long year = 0;
	if (o->year && cli_number("--year", o->year, 2199, &year) != 0)
		return 2;
	struct meeting *v;
	size_t n;
	if (store_meeting_list(c->st, (int)year, false, &v, &n) != FK_OK)
		return 1;
	if (o->json) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, agenda_meeting_json(&v[i], false));
		cli_print_json(json_pack("{s:o}", "meetings", a));
	} else if (n == 0) {
		printf("Ingen møder planlagt. Planlæg året med »fkigov cycle plan ÅR --dates ... "
		       "--save«.\n");
	} else {
		printf("%-4s %-8s %-20s %-12s %-18s %-18s %s\n", "ID", "Nr.", "Dato", "Tid", "Forslag",
		       "Udsendelse", "Tilstand");
		for (size_t i = 0; i < n; i++)
			print_meeting_line(&v[i]);
	}
	meetings_free(v, n);
	return 0;
}

static int item_change(struct cli *c, int64_t id, const struct mopts *o, bool amend)
{
	long pos, minutes = -1;
	if (!o->item) {
		fprintf(stderr, "fkigov: --item: angiv punktets nummer på dagsordenen.\n");
		return 2;
	}
	if (cli_number("--item", o->item, 1000, &pos) != 0)
		return 2;
	if (o->minutes && cli_number("--minutes", o->minutes, 24 * 60, &minutes) != 0)
		return 2;
	if (amend && !o->reason) {
		fprintf(stderr, "fkigov: --reason: en rettelse skal have en begrundelse.\n");
		return 2;
	}
	struct store_item_change ch = {o->title, o->kind, o->presenter, o->material,
	                               o->recommendation, (int)minutes};
	struct diags d;
	diags_init(&d);
	int rc = store_meeting_item(c->st, c->actor, id, (int)pos, &ch, amend ? o->reason : NULL, &d);
	if (rc == FK_OK)
		fprintf(stderr, "fkigov: punkt %ld er %s.\n", pos, amend ? "rettet (rettelse)" : "rettet");
	return cli_finish(rc, &d);
}

int cmd_meeting(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "apology") || !strcmp(argv[1], "attendance")))
		return cmd_meeting_attend(c, argc, argv);
	if (cli_help(argv, argc, usage))
		return 0;
	if (argc < 2)
		return cli_usage(usage, "angiv en kommando, fx »list«.");
	const char *sub = argv[1];
	if (!strcmp(sub, "material") || !strcmp(sub, "status") || !strcmp(sub, "portfolio") ||
	    !strcmp(sub, "package") || !strcmp(sub, "pdf") || !strcmp(sub, "minutes-pdf"))
		return cmd_meeting_files(c, argc, argv);
	struct mopts o;
	int rc = parse(argc, argv, 2, &o, usage);
	if (rc)
		return rc;
	static const char *const subs[] = {"list",   "show",   "agenda",   "inspiration", "propose",
	                                   "accept", "reject", "item",     "amend",       "dispatch",
	                                   "minutes", "approve", "publish", "recall",     "held",
	                                   "place"};
	bool known = false;
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		known |= !strcmp(sub, subs[i]);
	if (!known)
		return cli_usage(usage, "ukendt kommando »%s«.", sub);
	long id = 0;
	if (strcmp(sub, "list") != 0) {
		if (o.npos < 1)
			return cli_usage(usage, "angiv mødets ID (se »meeting list«).");
		if (cli_number("ID", o.pos[0], 1L << 30, &id) != 0)
			return 2;
	}
	bool reg = !strcmp(sub, "inspiration");
	if ((rc = cli_open(c, reg)) != 0)
		return rc;
	fk_date today = date_today();
	struct diags d;
	diags_init(&d);
	if (!strcmp(sub, "list")) {
		diags_free(&d);
		return list(c, &o);
	}
	if (!strcmp(sub, "show")) {
		diags_free(&d);
		return show(c, id, o.json);
	}
	if (!strcmp(sub, "agenda")) {
		rc = store_meeting_agenda(c->st, c->actor, c->model, id, &d);
		if (rc != FK_OK)
			return cli_finish(rc, &d);
		diags_free(&d);
		return show(c, id, o.json);
	}
	if (!strcmp(sub, "inspiration")) {
		if (o.swap && !o.reason) {
			fprintf(stderr, "fkigov: --reason: skriv en begrundelse for byttet.\n");
			diags_free(&d);
			return 2;
		}
		if (o.reason && !o.swap) {
			fprintf(stderr, "fkigov: --reason bruges kun sammen med --swap.\n");
			diags_free(&d);
			return 2;
		}
		char who[65] = "";
		rc = store_meeting_inspiration(c->st, c->actor, c->model, &c->reg, id, o.swap, o.reason,
		                               who, &d);
		if (rc == FK_OK) {
			int32_t k = reg_person_find(&c->reg, who);
			printf("Inspirationsoplæg: %s (%s)\n", k >= 0 ? c->reg.persons[k].name : who, who);
		}
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "propose")) {
		long minutes = 0;
		if (o.minutes && cli_number("--minutes", o.minutes, 24 * 60, &minutes) != 0) {
			diags_free(&d);
			return 2;
		}
		if (!o.person || !o.title || !o.text) {
			fprintf(stderr, "fkigov: angiv --person, --title og --text.\n");
			diags_free(&d);
			return 2;
		}
		int64_t pid = 0;
		rc = store_proposal_add(c->st, c->actor, c->model, id, o.person, o.title, o.text, o.kind,
		                        (int)minutes, today, o.late, &pid, &d);
		if (rc == FK_OK)
			printf("Forslag %lld er indsendt til møde %ld.\n", (long long)pid, id);
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "accept") || !strcmp(sub, "reject")) {
		long pid;
		if (o.npos < 2) {
			diags_free(&d);
			return cli_usage(usage, "angiv mødets ID og forslagets nummer.");
		}
		if (cli_number("FORSLAG", o.pos[1], 1L << 30, &pid) != 0) {
			diags_free(&d);
			return 2;
		}
		struct meeting mt;
		if ((rc = store_meeting_get(c->st, id, &mt)) != FK_OK) {
			diags_add(&d, NULL, 0, 0, "meeting", "Der er intet møde med nummer %ld.", id);
			return cli_finish(rc, &d);
		}
		bool mine = false;
		for (size_t i = 0; i < mt.nprops; i++)
			mine |= mt.props[i].id == pid;
		meeting_free(&mt);
		if (!mine) {
			diags_add(&d, NULL, 0, 0, "proposal",
			          "Møde %ld har intet forslag med nummer %ld. Se forslagene med »meeting "
			          "show %ld«.",
			          id, pid, id);
			return cli_finish(FK_ENOTFOUND, &d);
		}
		bool accept = !strcmp(sub, "accept");
		rc = store_proposal_decide(c->st, c->actor, c->model, pid, accept, o.reason, &d);
		if (rc == FK_OK)
			printf("Forslag %ld er %s.\n", pid, accept ? "optaget på dagsordenen" : "afvist");
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "item") || !strcmp(sub, "amend")) {
		diags_free(&d);
		return item_change(c, id, &o, !strcmp(sub, "amend"));
	}
	if (!strcmp(sub, "dispatch")) {
		fk_date day = today;
		if (o.date && cli_date("--date", o.date, &day) != 0) {
			diags_free(&d);
			return 2;
		}
		struct dispatch_result res;
		rc = web_dispatch(c->st, c->model, c->actor, id, day, &d, &res);
		if (rc == FK_OK) {
			char sz[32];
			material_size_text(res.bytes, sz, sizeof sz);
			printf("Dagsordenen til møde %ld er udsendt og låst. %zu %s lagt i kø til "
			       "medlemmerne, med mødepakken som PDF (udgave %d, %s, SHA-256 %s) %s.\n",
			       id, res.queued, res.queued == 1 ? "besked er" : "beskeder er", res.version,
			       sz, res.sha256,
			       res.attached ? "vedhæftet" : "som link, da den er for stor til at vedhæfte");
		}
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "recall")) {
		if (!o.reason) {
			fprintf(stderr, "fkigov: --reason: skriv, hvorfor udsendelsen tilbagekaldes.\n");
			diags_free(&d);
			return 2;
		}
		rc = store_meeting_recall(c->st, c->actor, id, o.reason, today, &d);
		if (rc == FK_OK)
			printf("Udsendelsen af dagsordenen til møde %ld er tilbagekaldt.\n", id);
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "place")) {
		if (o.npos != 2) {
			fprintf(stderr, "fkigov: angiv stedet efter mødets ID, fx »fkigov meeting place "
			                "%ld \"KOMBIT, Halfdansgade 8, København S\"«.\n",
			        id);
			diags_free(&d);
			return 2;
		}
		rc = store_meeting_place(c->st, c->actor, id, o.pos[1], &d);
		if (rc == FK_OK)
			printf(*o.pos[1] ? "Mødets sted er gemt: %s\n" : "Mødets sted er fjernet.%s\n",
			       o.pos[1]);
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "held")) {
		rc = store_meeting_hold(c->st, c->actor, id, today, &d);
		if (rc == FK_OK)
			printf("Møde %ld er registreret som afholdt. Skriv referatet med »fkigov meeting "
			       "minutes %ld --item N …«.\n",
			       id, id);
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "minutes")) {
		long pos;
		if (!o.item || cli_number("--item", o.item, 1000, &pos) != 0 || !o.outcome || !o.text) {
			fprintf(stderr, "fkigov: angiv --item N, --outcome og --text.\n");
			diags_free(&d);
			return 2;
		}
		rc = store_meeting_minutes(c->st, c->actor, c->model, id, (int)pos, o.outcome, o.text, today, &d);
		if (rc == FK_OK)
			printf("Referatet af punkt %ld er gemt.\n", pos);
		return cli_finish(rc, &d);
	}
	if (!strcmp(sub, "approve")) {
		rc = store_meeting_approve(c->st, c->actor, c->model, id, &d);
		if (rc == FK_OK)
			printf("Referatet af møde %ld er godkendt.\n", id);
		return cli_finish(rc, &d);
	}
	rc = store_meeting_publish(c->st, c->actor, id, &d);
	if (rc == FK_OK)
		printf("Referatet af møde %ld er offentliggjort.\n", id);
	return cli_finish(rc, &d);
}

/* ---------------------------------------------------------------- decisions */

struct hits {
	json_t *arr;
	int n;
};

static int hit(const struct store_decision *x, void *arg)
{
	struct hits *h = arg;
	h->n++;
	if (h->arr) {
		json_array_append_new(
		    h->arr, json_pack("{s:I, s:i, s:i, s:s, s:s, s:i, s:s, s:s?, s:s?}", "meeting",
		                      (json_int_t)x->meeting, "year", x->year, "number", x->number,
		                      "date", x->date, "state", x->state, "item", x->pos, "title",
		                      x->title, "outcome", x->outcome, "text", x->text));
		return 0;
	}
	printf("%s  møde %d/%d (id %lld), punkt %d: %s\n  %s: %s\n\n", x->date, x->number, x->year,
	       (long long)x->meeting, x->pos, x->title, x->outcome ? x->outcome : "",
	       x->text ? x->text : "");
	return 0;
}

int cmd_decisions(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, dusage))
		return 0;
	if (argc < 2 || strcmp(argv[1], "search") != 0)
		return cli_usage(dusage, "angiv »search TEKST«.");
	struct mopts o;
	int rc = parse(argc, argv, 2, &o, dusage);
	if (rc)
		return rc;
	if (o.npos != 1)
		return cli_usage(dusage, "angiv én søgetekst (sæt anførselstegn om flere ord).");
	long year = 0;
	if (o.year && cli_number("--year", o.year, 2199, &year) != 0)
		return 2;
	if ((rc = cli_open(c, false)) != 0)
		return rc;
	struct hits h = {o.json || o.xlsx ? json_array() : NULL, 0};
	rc = store_decision_search(c->st, o.pos[0], (int)year, o.published, 0, hit, &h);
	if (rc == FK_EINPUT) {
		fprintf(stderr, "fkigov: skriv mindst ét ord at søge efter.\n");
		json_decref(h.arr);
		return 2;
	}
	if (rc != FK_OK) {
		json_decref(h.arr);
		return 1;
	}
	json_t *doc = h.arr ? json_pack("{s:s, s:o, s:o}", "query", o.pos[0], "year",
	                                year ? json_integer(year) : json_null(), "decisions", h.arr)
	                    : NULL;
	if (o.xlsx) {
		char what[300];
		snprintf(what, sizeof what, "Beslutningsloggen: beslutningerne, der matcher »%.200s«",
		         o.pos[0]);
		rc = cli_write_sheet(c, o.xlsx, SHEET_DECISIONS, doc, what, date_today());
		json_decref(doc);
		return rc;
	}
	if (o.json)
		cli_print_json(doc);
	else if (h.n == 0)
		printf("Ingen beslutninger fundet.\n");
	return 0;
}
