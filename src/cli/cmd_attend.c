/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov meeting apology|attendance: apologies (afbud) for a meeting and the secretariat's
 * record of who attended, substitutes and guests (issue 12; store/store.h "attendance"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/agenda.h"
#include "core/attend.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char ausage[] =
    "Brug: fkigov [--db STI] meeting apology ID PERSON [--reason TEKST] [--withdraw]\n"
    "      fkigov [--db STI] meeting attendance ID [--present P,...] [--absent P,...]\n"
    "             [--apology P,...] [--unset P,...] [--substitute P=NAVN] [--note P=TEKST]\n"
    "             [--guest \"NAVN;ORGANISATION\"] [--remove-guest N] [--json]\n\n"
    "  apology      meld afbud for et medlem af styregruppen til et møde (til og med\n"
    "               mødedagen, mens mødet er planlagt eller udsendt), eller træk det\n"
    "               tilbage med --withdraw. Holder medlemmet inspirationsoplægget, går det\n"
    "               til den næste i rækken.\n"
    "  attendance   uden tilvalg: hvem der er indkaldt, afbud, fremmøde og gæster.\n"
    "               Med tilvalg registrerer sekretariatet fremmødet fra mødedagen, indtil\n"
    "               referatet er godkendt: --present (deltog), --absent (fraværende),\n"
    "               --apology (afbud), --unset (ikke registreret), en stedfortræder for et\n"
    "               medlem, der ikke deltog (--substitute sg02=\"Ole Hansen\"), en\n"
    "               bemærkning, og gæster (--guest \"Navn;Organisation\"). --substitute,\n"
    "               --note og --guest kan gentages.\n\n"
    "P er personens id (se »fkigov body show styregruppe«). »I dag« er $FKIGOV_TODAY, hvis\n"
    "den er sat.\n";

/* The options; the repeatable ones are gathered in arrays. */
struct aopts {
	const char *pos[2];
	int npos;
	const char *reason, *present, *absent, *apology, *unset;
	const char **subs, **notes, **guests, **rmguests;
	size_t nsubs, nnotes, nguests, nrm;
	int withdraw, json;
};

static void aopts_free(struct aopts *o)
{
	free(o->subs);
	free(o->notes);
	free(o->guests);
	free(o->rmguests);
}

static void push(const char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static int parse(int argc, char **argv, struct aopts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 2; i < argc;) {
		const char *v = NULL;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--reason", &o->reason)) ||
		    (r = cli_opt(argc, argv, &i, "--present", &o->present)) ||
		    (r = cli_opt(argc, argv, &i, "--absent", &o->absent)) ||
		    (r = cli_opt(argc, argv, &i, "--apology", &o->apology)) ||
		    (r = cli_opt(argc, argv, &i, "--unset", &o->unset))) {
			if (r < 0)
				return 2;
			continue;
		}
		if ((r = cli_opt(argc, argv, &i, "--substitute", &v)) > 0)
			push(&o->subs, &o->nsubs, v);
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--note", &v)) > 0)
			push(&o->notes, &o->nnotes, v);
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--guest", &v)) > 0)
			push(&o->guests, &o->nguests, v);
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--remove-guest", &v)) > 0)
			push(&o->rmguests, &o->nrm, v);
		if (r < 0)
			return 2;
		if (r)
			continue;
		if (cli_flag(argv, i, "--withdraw")) {
			o->withdraw = 1;
			i++;
		} else if (cli_flag(argv, i, "--json")) {
			o->json = 1;
			i++;
		} else if (argv[i][0] != '-' && o->npos < 2) {
			o->pos[o->npos++] = argv[i++];
		} else {
			return cli_usage(ausage, "ukendt argument »%s«.", argv[i]);
		}
	}
	return 0;
}

/* cli_finish with the store's field names turned into the command's options. */
static int finish(int rc, struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		char *f = d->v[i].field;
		if (!f)
			continue;
		const char *to = !strncmp(f, "substitute-", 11) ? "substitute"
		                 : !strncmp(f, "note-", 5)      ? "note"
		                 : !strcmp(f, "name") || !strcmp(f, "organisation") ? "guest"
		                 : !strcmp(f, "guest")                              ? "remove-guest"
		                 : !strcmp(f, "reason")                             ? "reason"
		                                                                    : NULL;
		d->v[i].field = to ? xstrdup(to) : NULL;
		free(f);
	}
	return cli_finish(rc, d);
}

static void print_list(const struct attendance *v, size_t n, const struct meeting_guest *g,
                       size_t ng, const struct meeting *mt)
{
	char ds[40];
	date_format_da(mt->date, ds, sizeof ds);
	printf("Styregruppemøde %d/%d, %s (%s)\n\n", mt->number, mt->year, ds,
	       meeting_state_da(mt->state));
	printf("%-10s %-28s %-18s %s\n", "Person", "Navn", "Fremmøde", "Stedfortræder / bemærkning");
	for (size_t i = 0; i < n; i++) {
		printf("%-10s %-28s %-18s", v[i].person, v[i].name, attend_status_da(v[i].status));
		if (v[i].substitute)
			printf(" stedfortræder: %s", v[i].substitute);
		if (v[i].note)
			printf("%s%s", v[i].substitute ? "; " : " ", v[i].note);
		if (!v[i].summoned)
			printf(" (ikke indkaldt)");
		printf("\n");
	}
	if (ng) {
		printf("\nGæster:\n");
		for (size_t i = 0; i < ng; i++)
			printf("%4lld  %s%s%s\n", (long long)g[i].id, g[i].name,
			       g[i].organisation ? ", " : "", g[i].organisation ? g[i].organisation : "");
	}
}

static json_t *list_json(const struct attendance *v, size_t n, const struct meeting_guest *g,
                         size_t ng, const struct attend_minutes *mn, int64_t id)
{
	json_t *mem = json_array(), *gs = json_array(), *pa = json_array(), *ab = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    mem, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:b}", "person", v[i].person, "name",
		                   v[i].name, "status", attend_status_name(v[i].status), "status_label",
		                   attend_status_da(v[i].status), "substitute", v[i].substitute, "note",
		                   v[i].note, "summoned", v[i].summoned));
	for (size_t i = 0; i < ng; i++)
		json_array_append_new(gs, json_pack("{s:I, s:s, s:s?}", "id", (json_int_t)g[i].id,
		                                    "name", g[i].name, "organisation",
		                                    g[i].organisation));
	for (size_t i = 0; i < mn->nparticipants; i++)
		json_array_append_new(pa, json_string(mn->participants[i]));
	for (size_t i = 0; i < mn->nabsentees; i++)
		json_array_append_new(ab, json_string(mn->absentees[i]));
	return json_pack("{s:I, s:o, s:o, s:{s:o, s:o, s:I}}", "meeting", (json_int_t)id, "members",
	                 mem, "guests", gs, "minutes", "participants", pa, "absentees", ab,
	                 "unrecorded", (json_int_t)mn->unrecorded);
}

static int show(struct cli *c, int64_t id, bool json)
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
	struct attendance *v = NULL;
	struct meeting_guest *g = NULL;
	size_t n = 0, ng = 0;
	if (store_attendance_list(c->st, c->model, id, &v, &n) != FK_OK ||
	    store_meeting_guests(c->st, id, &g, &ng) != FK_OK) {
		meeting_free(&mt);
		store_attendance_free(v, n);
		return 1;
	}
	if (json) {
		struct attend_minutes mn;
		attend_minutes_build(v, n, g, ng, &mn);
		cli_print_json(list_json(v, n, g, ng, &mn, id));
		attend_minutes_free(&mn);
	} else
		print_list(v, n, g, ng, &mt);
	store_attendance_free(v, n);
	store_meeting_guests_free(g, ng);
	meeting_free(&mt);
	return 0;
}

/* Adds a line per key of the comma-separated list s with status to *v. */
static void add_keys(const char *s, int status, struct store_attend_line **v, size_t *n,
                     char ***keep, size_t *nkeep)
{
	if (!s)
		return;
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len) {
			char *k = xstrndup(p, len);
			*keep = xrealloc(*keep, (*nkeep + 1) * sizeof **keep);
			(*keep)[(*nkeep)++] = k;
			*v = xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[(*n)++] = (struct store_attend_line){k, status, NULL, NULL};
		}
		if (!e)
			break;
		p = e + 1;
	}
}

/* Splits "P=VALUE" into a new key and the value; -1 with a message when there is no '='. */
static int key_value(const char *opt, const char *s, char **key, const char **val)
{
	const char *eq = strchr(s, '=');
	if (!eq || eq == s) {
		fprintf(stderr, "fkigov: %s: skriv PERSON=TEKST, fx %s sg02=\"Ole Hansen\".\n", opt, opt);
		return -1;
	}
	*key = xstrndup(s, (size_t)(eq - s));
	*val = eq + 1;
	return 0;
}

static int record(struct cli *c, int64_t id, const struct aopts *o, fk_date today)
{
	struct store_attend_line *v = NULL;
	size_t n = 0, nkeep = 0;
	char **keep = NULL;
	struct attendance *cur = NULL;
	size_t ncur = 0;
	struct diags d;
	diags_init(&d);
	int rc = 2;
	add_keys(o->present, ATTEND_PRESENT, &v, &n, &keep, &nkeep);
	add_keys(o->absent, ATTEND_ABSENT, &v, &n, &keep, &nkeep);
	add_keys(o->apology, ATTEND_APOLOGY, &v, &n, &keep, &nkeep);
	add_keys(o->unset, ATTEND_NONE, &v, &n, &keep, &nkeep);
	if (store_attendance_list(c->st, c->model, id, &cur, &ncur) != FK_OK) {
		fprintf(stderr, "fkigov: der er intet møde med nummer %lld. Se møderne med »fkigov "
		                "meeting list«.\n",
		        (long long)id);
		goto out;
	}
	/* Substitutes and notes go on the member's line; a member not named gets one with what
	 * is registered now. */
	for (size_t k = 0; k < o->nsubs + o->nnotes; k++) {
		bool sub = k < o->nsubs;
		const char *opt = sub ? "--substitute" : "--note", *val;
		char *key;
		if (key_value(opt, sub ? o->subs[k] : o->notes[k - o->nsubs], &key, &val) != 0)
			goto out;
		keep = xrealloc(keep, (nkeep + 1) * sizeof *keep);
		keep[nkeep++] = key;
		struct store_attend_line *line = NULL;
		for (size_t i = 0; i < n && !line; i++)
			if (!strcmp(v[i].person, key))
				line = &v[i];
		if (!line) {
			int status = ATTEND_NONE;
			const char *s0 = NULL, *n0 = NULL;
			for (size_t i = 0; i < ncur; i++)
				if (!strcmp(cur[i].person, key)) {
					status = cur[i].status;
					s0 = cur[i].substitute;
					n0 = cur[i].note;
				}
			v = xrealloc(v, (n + 1) * sizeof *v);
			v[n++] = (struct store_attend_line){key, status, s0, n0};
			line = &v[n - 1];
		}
		if (sub)
			line->substitute = val;
		else
			line->note = val;
	}
	if (store_begin(c->st) != FK_OK) {
		rc = 1;
		goto out;
	}
	rc = FK_OK;
	if (n)
		rc = store_attendance_record(c->st, c->actor, c->model, id, v, n, today, &d);
	for (size_t k = 0; rc == FK_OK && k < o->nguests; k++) {
		const char *s = o->guests[k], *semi = strchr(s, ';');
		char *name = semi ? xstrndup(s, (size_t)(semi - s)) : xstrdup(s);
		rc = store_meeting_guest_add(c->st, c->actor, id, name, semi ? semi + 1 : NULL, today,
		                             NULL, &d);
		free(name);
	}
	for (size_t k = 0; rc == FK_OK && k < o->nrm; k++) {
		long gid;
		if (cli_number("--remove-guest", o->rmguests[k], 1L << 40, &gid) != 0) {
			rc = FK_EINPUT;
			break;
		}
		rc = store_meeting_guest_remove(c->st, c->actor, id, gid, today, &d);
	}
	if (rc == FK_OK)
		rc = store_commit(c->st);
	else
		store_rollback(c->st);
	if (rc == FK_OK)
		printf("Fremmødet til møde %lld er gemt.\n", (long long)id);
	rc = finish(rc, &d);
	diags_init(&d);
out:
	diags_free(&d);
	store_attendance_free(cur, ncur);
	for (size_t i = 0; i < nkeep; i++)
		free(keep[i]);
	free(keep);
	free(v);
	return rc;
}

int cmd_meeting_attend(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, ausage))
		return 0;
	struct aopts o;
	int rc = parse(argc, argv, &o);
	if (rc) {
		aopts_free(&o);
		return rc;
	}
	bool apology = !strcmp(argv[1], "apology");
	long id = 0;
	if (o.npos < 1) {
		aopts_free(&o);
		return cli_usage(ausage, "angiv mødets ID (se »meeting list«).");
	}
	if (cli_number("ID", o.pos[0], 1L << 30, &id) != 0) {
		aopts_free(&o);
		return 2;
	}
	if (apology && o.npos < 2) {
		aopts_free(&o);
		return cli_usage(ausage, "angiv den person, der melder afbud, efter mødets ID.");
	}
	if (!apology && o.npos > 1) {
		aopts_free(&o);
		return cli_usage(ausage, "ukendt argument »%s«.", o.pos[1]);
	}
	if (apology && o.withdraw && o.reason) {
		aopts_free(&o);
		return cli_usage(ausage, "--reason bruges ikke sammen med --withdraw.");
	}
	if ((rc = cli_open(c, false)) != 0) {
		aopts_free(&o);
		return rc;
	}
	fk_date today = date_today();
	struct diags d;
	diags_init(&d);
	if (apology) {
		char next[65] = "";
		rc = store_attendance_apology(c->st, c->actor, c->model, id, o.pos[1], o.reason,
		                              o.withdraw, today, next, &d);
		if (rc == FK_OK) {
			if (o.withdraw)
				printf("Afbuddet fra %s til møde %ld er trukket tilbage.\n", o.pos[1], id);
			else
				printf("Afbud fra %s til møde %ld er registreret.\n", o.pos[1], id);
			if (next[0])
				printf("Inspirationsoplægget går nu til %s (næste i rækken).\n", next);
		}
		aopts_free(&o);
		return finish(rc, &d);
	}
	diags_free(&d);
	bool change = o.present || o.absent || o.apology || o.unset || o.nsubs || o.nnotes ||
	              o.nguests || o.nrm;
	if (!change) {
		rc = show(c, id, o.json);
	} else {
		rc = record(c, id, &o, today);
		if (rc == 0 && o.json)
			rc = show(c, id, true);
	}
	aopts_free(&o);
	return rc;
}
