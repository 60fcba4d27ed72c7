/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Cases (sager): case raise | assign | recommend | decide | send-back | withdraw | close |
 * list | show | decisions | tags. A change is checked (core/cases.c) and written in one
 * transaction; bad input or a move the case cannot make: exit 2 with the reason, nothing
 * written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/cases.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char case_usage[] =
    "Brug: fkigov [--db STI] case raise --title TITEL --text TEKST --by HVEM [--tag EMNE]...\n"
    "      fkigov [--db STI] case assign SAG --to GRUPPE --text TEKST\n"
    "      fkigov [--db STI] case recommend SAG --text TEKST\n"
    "      fkigov [--db STI] case decide SAG --kind rådgivning|beslutning --text TEKST\n"
    "                 [--date ÅÅÅÅ-MM-DD] [--meeting TEKST]\n"
    "      fkigov [--db STI] case send-back SAG --text TEKST\n"
    "      fkigov [--db STI] case withdraw SAG --text TEKST\n"
    "      fkigov [--db STI] case close SAG [--text TEKST]\n"
    "      fkigov [--db STI] case list [--state STATUS] [--tag EMNE] [--to GRUPPE] [--q TEKST]"
    " [--json]\n"
    "      fkigov [--db STI] case show SAG [--json]\n"
    "      fkigov [--db STI] case decisions [--year ÅR] [--q TEKST] [--json]\n"
    "      fkigov [--db STI] case tags\n\n"
    "En sag rejses (raise) af styregruppe, fki-ledelse, en referencegruppe (fx rg-forretning)\n"
    "eller en person (personens id). Den tildeles (assign) en referencegruppe eller en\n"
    "arbejdsgruppe (ag-N), som afgiver en indstilling (recommend). Styregruppen giver\n"
    "rådgivning eller træffer beslutning (decide) eller sender indstillingen tilbage\n"
    "(send-back). En afgjort sag lukkes (close); en sag uden indstilling kan trækkes tilbage\n"
    "(withdraw). SAG er sagens id, fx sag-3. --tag er et af referencegruppernes emner (se\n"
    "»fkigov case tags«) og kan gentages. --text - læser teksten fra standardinput.\n"
    "STATUS: raised, assigned, recommended, decided, closed eller withdrawn.\n";

/* The command-line option a field of the checks belongs to. */
static const char *opt_of(const char *field)
{
	static const char *const map[][2] = {
	    {"title", "--title"}, {"text", "--text"}, {"by", "--by"},     {"tags", "--tag"},
	    {"to", "--to"},       {"kind", "--kind"}, {"date", "--date"}, {"meeting", "--meeting"},
	};
	for (size_t i = 0; field && i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(field, map[i][0]))
			return map[i][1];
	return NULL;
}

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *o = opt_of(d->v[i].field);
		if (o)
			fprintf(stderr, "fkigov: %s: %s\n", o, d->v[i].msg);
		else
			fprintf(stderr, "fkigov: %s\n", d->v[i].msg);
	}
}

/* "--text -": the text from standard input (caller frees); NULL with a message when it
 * cannot be read. Other values: a copy. */
static char *text_arg(const char *v)
{
	if (!v || strcmp(v, "-"))
		return v ? xstrdup(v) : NULL;
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > 1 << 20) {
			fprintf(stderr, "fkigov: --text: teksten på standardinput er for lang.\n");
			buf_free(&b);
			return NULL;
		}
	}
	/* The text rule (util/text.h), on every byte read: a NUL would otherwise cut the text. */
	char why[300];
	if (text_check(b.s, b.len, true, why, sizeof why) != 0) {
		fprintf(stderr, "fkigov: --text: teksten på standardinput: %s\n", why);
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* Loads case id (from its text) into set; prints why not and returns 2 when it fails. */
static int load_case(struct cli *c, const char *arg, struct case_set *set, struct case_rec **out)
{
	int64_t id = case_id_parse(arg);
	if (!id) {
		fprintf(stderr, "fkigov: »%s« er ikke et sagsnummer. Skriv det som sag-3.\n", arg);
		return 2;
	}
	int rc = store_cases_load(c->st, id, set);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: sagerne kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	if (!set->n) {
		fprintf(stderr, "fkigov: sagen »%s« findes ikke. Se »fkigov case list«.\n", arg);
		return 2;
	}
	*out = &set->v[0];
	return 0;
}

/* ------------------------------------------------------------------ raise */

static int raise_case(struct cli *c, int argc, char **argv)
{
	const char *title = NULL, *text = NULL, *by = NULL;
	const char **tags = xcalloc((size_t)argc + 1, sizeof *tags);
	size_t ntags = 0;
	int json = 0;
	for (int i = 2; i < argc;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--title", &title)) ||
		    (r = cli_opt(argc, argv, &i, "--text", &text)) ||
		    (r = cli_opt(argc, argv, &i, "--by", &by))) {
			if (r < 0)
				goto usage;
		} else if ((r = cli_opt(argc, argv, &i, "--tag", &v))) {
			if (r < 0)
				goto usage;
			tags[ntags++] = v;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			free(tags);
			return cli_usage(case_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!title || !text || !by) {
		free(tags);
		return cli_usage(case_usage, "angiv --title, --text og --by.");
	}
	int rc = cli_open(c, true);
	if (rc) {
		free(tags);
		return rc;
	}
	char *body = text_arg(text);
	if (!body) {
		free(tags);
		return 2;
	}
	struct case_input in = {
	    .title = title, .text = body, .by = by, .tags = tags, .ntags = ntags};
	struct diags d;
	diags_init(&d);
	struct case_rec cr;
	int exit = 0;
	if (case_check_raise(c->model, &c->reg, &in, date_today(), &cr, &d) != 0) {
		print_diags(&d);
		exit = 2;
	} else if ((rc = store_case_raise(c->st, c->actor, &cr)) != FK_OK) {
		fprintf(stderr, "fkigov: sagen kunne ikke gemmes. Intet er ændret.\n");
		exit = err_exit_code(rc);
	} else if (json) {
		cli_print_json(case_json(c->model, &c->reg, &cr, false));
	} else {
		char id[32];
		case_id_format(cr.id, id, sizeof id);
		printf("Sagen %s »%s« er rejst.\n", id, cr.title);
	}
	case_rec_free(&cr);
	diags_free(&d);
	free(body);
	free(tags);
	return exit;
usage:
	free(tags);
	return 2;
}

/* ------------------------------------------------------------------ events */

static const char *const done_text[CEV__MAX] = {
    [CEV_ASSIGN] = "er tildelt %s",        [CEV_RECOMMEND] = "har fået en indstilling",
    [CEV_DECIDE] = "er afgjort",           [CEV_CLOSE] = "er lukket",
    [CEV_WITHDRAW] = "er trukket tilbage", [CEV_SEND_BACK] = "er sendt tilbage til %s",
};

static int event(struct cli *c, enum case_event e, int argc, char **argv)
{
	const char *arg = NULL, *text = NULL, *to = NULL, *kind = NULL, *date = NULL,
	           *meeting = NULL;
	int json = 0;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--text", &text)) ||
		    (e == CEV_ASSIGN && (r = cli_opt(argc, argv, &i, "--to", &to))) ||
		    (e == CEV_DECIDE && ((r = cli_opt(argc, argv, &i, "--kind", &kind)) ||
		                         (r = cli_opt(argc, argv, &i, "--date", &date)) ||
		                         (r = cli_opt(argc, argv, &i, "--meeting", &meeting))))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else if (!arg && argv[i][0] != '-') {
			arg = argv[i++];
		} else {
			return cli_usage(case_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!arg)
		return cli_usage(case_usage, "angiv sagens id, fx sag-3.");
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	char *body = text_arg(text);
	if (text && !body)
		return 2;
	struct case_set set = {0};
	struct case_rec *cr = NULL;
	struct case_change ch;
	memset(&ch, 0, sizeof ch);
	struct diags d;
	diags_init(&d);
	int exit = 0;
	/* Read, check and write in one transaction. */
	if ((rc = store_begin(c->st)) != FK_OK) {
		fprintf(stderr, "fkigov: databasen er optaget. Prøv igen om lidt.\n");
		exit = err_exit_code(rc);
		goto out;
	}
	if ((exit = load_case(c, arg, &set, &cr)) != 0) {
		store_rollback(c->st);
		goto out;
	}
	struct case_input in = {
	    .text = body, .to = to, .kind = kind, .date = date, .meeting = meeting};
	char id[32];
	case_id_format(cr->id, id, sizeof id);
	if (case_check_event(c->model, cr, e, &in, date_today(), &ch, &d) != 0) {
		store_rollback(c->st);
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].field && !strcmp(d.v[i].field, "event"))
				fprintf(stderr, "fkigov: %s: %s (status nu: %s)\n", id, d.v[i].msg,
				        case_state_title((int)cr->state));
		struct diags rest;
		diags_init(&rest);
		for (size_t i = 0; i < d.n; i++)
			if (!d.v[i].field || strcmp(d.v[i].field, "event"))
				diags_add(&rest, NULL, 0, 0, d.v[i].field, "%s", d.v[i].msg);
		print_diags(&rest);
		diags_free(&rest);
		exit = 2;
		goto out;
	}
	if ((rc = store_case_apply(c->st, c->actor, cr->id, &ch)) != FK_OK ||
	    (rc = store_commit(c->st)) != FK_OK) {
		store_rollback(c->st);
		if (rc == FK_ECONFLICT)
			fprintf(stderr, "fkigov: %s\n", store_conflict(c->st));
		else
			fprintf(stderr, "fkigov: sagen kunne ikke gemmes. Intet er ændret.\n");
		exit = err_exit_code(rc);
		goto out;
	}
	if (json) {
		int64_t cid = cr->id;
		case_set_free(&set);
		if (store_cases_load(c->st, cid, &set) == FK_OK && set.n)
			cli_print_json(case_json(c->model, &c->reg, &set.v[0], true));
		goto out;
	}
	char who[300];
	case_party_name(c->model, &c->reg, e == CEV_ASSIGN ? ch.assignee : cr->assignee, who,
	                sizeof who);
	printf("Sagen %s ", id);
	printf(done_text[e], who);
	printf(" (%s).\n", case_state_title((int)ch.to));
out:
	case_change_free(&ch);
	case_set_free(&set);
	diags_free(&d);
	free(body);
	return exit;
}

/* ------------------------------------------------------------------ list, show */

/* The first line of s, cut at max bytes on a character boundary, into out. */
static void first_line(const char *s, char *out, size_t max)
{
	size_t n = strcspn(s ? s : "", "\r\n");
	if (n >= max) {
		n = max - 4;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		snprintf(out, max, "%.*s…", (int)n, s);
		return;
	}
	snprintf(out, max, "%.*s", (int)n, s ? s : "");
}

/* Prints text indented, line by line. */
static void print_block(const char *s, const char *indent)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		printf("%s%.*s\n", indent, (int)n, s);
		s += n;
		if (*s == '\n')
			s++;
	}
}

static int list_cases(struct cli *c, int argc, char **argv)
{
	const char *state = NULL, *tag = NULL, *to = NULL, *q = NULL;
	int json = 0;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--state", &state)) ||
		    (r = cli_opt(argc, argv, &i, "--tag", &tag)) ||
		    (r = cli_opt(argc, argv, &i, "--to", &to)) ||
		    (r = cli_opt(argc, argv, &i, "--q", &q))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(case_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	struct case_filter f = {.state = -1, .assignee = to, .q = q};
	if (state && (f.state = case_state_parse(state)) < 0) {
		fprintf(
		    stderr,
		    "fkigov: --state: »%s« er ikke en status. Vælg raised, assigned, recommended, "
		    "decided, closed eller withdrawn.\n",
		    state);
		return 2;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	if (tag && !(f.tag = case_topic_find(c->model, tag))) {
		char *all = case_topics_text(c->model);
		fprintf(stderr,
		        "fkigov: --tag: »%s« er ikke et af referencegruppernes emner. Vælg blandt: "
		        "%s.\n",
		        tag, all);
		free(all);
		return 2;
	}
	struct case_set set = {0};
	if ((rc = store_cases_load(c->st, 0, &set)) != FK_OK) {
		fprintf(stderr, "fkigov: sagerne kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	json_t *arr = json_array();
	size_t n = 0;
	for (size_t i = 0; i < set.n; i++) {
		const struct case_rec *cr = &set.v[i];
		if (!case_matches(cr, &f))
			continue;
		n++;
		if (json) {
			json_array_append_new(arr, case_json(c->model, &c->reg, cr, false));
			continue;
		}
		char id[32], title[80];
		case_id_format(cr->id, id, sizeof id);
		first_line(cr->title, title, sizeof title);
		printf("%-8s %-16s %-24s %s\n", id, case_state_title((int)cr->state),
		       cr->assignee ? cr->assignee : "–", title);
	}
	if (json)
		cli_print_json(json_pack("{s:o}", "cases", arr));
	else {
		json_decref(arr);
		printf("%zu %s.\n", n, n == 1 ? "sag" : "sager");
	}
	case_set_free(&set);
	return 0;
}

static int show_case(struct cli *c, int argc, char **argv)
{
	const char *arg = NULL;
	int json = 0;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = 1;
		else if (!arg && argv[i][0] != '-')
			arg = argv[i];
		else
			return cli_usage(case_usage, "ukendt argument »%s«.", argv[i]);
	}
	if (!arg)
		return cli_usage(case_usage, "angiv sagens id, fx sag-3.");
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct case_set set = {0};
	struct case_rec *cr;
	if ((rc = load_case(c, arg, &set, &cr)) != 0) {
		case_set_free(&set);
		return rc;
	}
	if (json) {
		cli_print_json(case_json(c->model, &c->reg, cr, true));
		case_set_free(&set);
		return 0;
	}
	char id[32], name[300], da[40];
	case_id_format(cr->id, id, sizeof id);
	printf("%s  %s\n", id, cr->title);
	printf("Status:      %s (%s)\n", case_state_title((int)cr->state),
	       case_state_name((int)cr->state));
	case_party_name(c->model, &c->reg, cr->raised_by, name, sizeof name);
	date_format_da(cr->raised_on, da, sizeof da);
	printf("Rejst af:    %s (%s), %s\n", name, cr->raised_by, da);
	if (cr->assignee) {
		case_party_name(c->model, &c->reg, cr->assignee, name, sizeof name);
		printf("Tildelt:     %s (%s)\n", name, cr->assignee);
	}
	if (cr->ntags) {
		printf("Emner:       ");
		for (size_t i = 0; i < cr->ntags; i++)
			printf("%s%s", i ? "; " : "", cr->tags[i]);
		printf("\n");
	}
	if (cr->has_decision) {
		date_format_da(cr->decision.date, da, sizeof da);
		printf("Afgørelse:   %s, %s%s%s\n", case_kind_title((int)cr->decision.kind), da,
		       cr->decision.meeting ? ", " : "",
		       cr->decision.meeting ? cr->decision.meeting : "");
		print_block(cr->decision.text, "             ");
	}
	printf("\nBeskrivelse:\n");
	print_block(cr->text, "  ");
	if (cr->recommendation) {
		printf("\nIndstilling:\n");
		print_block(cr->recommendation, "  ");
	}
	printf("\nForløb:\n");
	for (size_t i = 0; i < cr->nevents; i++) {
		const struct case_event_rec *e = &cr->events[i];
		char when[80];
		case_time_da(e->at, when, sizeof when);
		printf("  %s  %s", when, case_event_title((int)e->event));
		if (e->assignee) {
			case_party_name(c->model, &c->reg, e->assignee, name, sizeof name);
			printf(": %s", name);
		}
		printf(" (%s)\n", e->actor);
		if (e->event != CEV_RAISE)
			print_block(e->text, "      ");
	}
	case_set_free(&set);
	return 0;
}

/* ------------------------------------------------------------------ decisions, tags */

struct dec_ix {
	const struct case_rec *c;
};

static int cmp_decision(const void *x, const void *y)
{
	const struct dec_ix *a = x, *b = y;
	if (a->c->decision.date != b->c->decision.date)
		return a->c->decision.date > b->c->decision.date ? -1 : 1;
	return a->c->id > b->c->id ? -1 : a->c->id < b->c->id;
}

static int decisions(struct cli *c, int argc, char **argv)
{
	const char *year = NULL, *q = NULL;
	int json = 0;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--year", &year)) ||
		    (r = cli_opt(argc, argv, &i, "--q", &q))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--json")) {
			json = 1;
			i++;
		} else {
			return cli_usage(case_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	struct case_filter f = {.state = -1, .q = q};
	if (year) {
		char *end;
		long y = strtol(year, &end, 10);
		if (*end || y < 1900 || y > 2199) {
			fprintf(stderr, "fkigov: --year: »%s« er ikke et årstal. Skriv fx 2027.\n",
			        year);
			return 2;
		}
		f.decided_year = (int)y;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct case_set set = {0};
	if ((rc = store_cases_load(c->st, 0, &set)) != FK_OK) {
		fprintf(stderr, "fkigov: sagerne kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	struct dec_ix *ix = xmalloc((set.n + 1) * sizeof *ix);
	size_t n = 0;
	for (size_t i = 0; i < set.n; i++)
		if (set.v[i].has_decision && case_matches(&set.v[i], &f))
			ix[n++].c = &set.v[i];
	qsort(ix, n, sizeof *ix, cmp_decision);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct case_rec *cr = ix[i].c;
		char id[32], date[11];
		case_id_format(cr->id, id, sizeof id);
		date_format(cr->decision.date, date);
		if (json) {
			json_t *o = case_decision_json(&cr->decision);
			json_object_set_new(o, "case", json_string(id));
			json_object_set_new(o, "title", json_string(cr->title));
			json_array_append_new(arr, o);
			continue;
		}
		printf("%s  %-8s %-10s %s\n", date, id, case_kind_title((int)cr->decision.kind),
		       cr->title);
		if (cr->decision.meeting)
			printf("      Møde: %s\n", cr->decision.meeting);
		print_block(cr->decision.text, "      ");
	}
	if (json)
		cli_print_json(json_pack("{s:o}", "decisions", arr));
	else {
		json_decref(arr);
		printf("%zu %s.\n", n, n == 1 ? "afgørelse" : "afgørelser");
	}
	free(ix);
	case_set_free(&set);
	return 0;
}

static int tags(struct cli *c)
{
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	for (size_t i = 0; i < c->model->nbodies; i++) {
		const struct model_body *b = &c->model->bodies[i];
		if (!b->kind || strcmp(b->kind, "reference-group") || !b->ntopics)
			continue;
		printf("%s (%s):\n", b->name, b->id);
		for (size_t k = 0; k < b->ntopics; k++)
			printf("  %s\n", b->topics[k]);
	}
	return 0;
}

int cmd_case(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, case_usage))
		return 0;
	if (argc < 2)
		return cli_usage(case_usage, "angiv raise, assign, recommend, decide, send-back, "
		                             "withdraw, close, list, show, decisions eller tags.");
	const char *sub = argv[1];
	if (!strcmp(sub, "raise"))
		return raise_case(c, argc, argv);
	if (!strcmp(sub, "list"))
		return list_cases(c, argc, argv);
	if (!strcmp(sub, "show"))
		return show_case(c, argc, argv);
	if (!strcmp(sub, "decisions"))
		return decisions(c, argc, argv);
	if (!strcmp(sub, "tags"))
		return argc > 2 ? cli_usage(case_usage, "ukendt argument »%s«.", argv[2]) : tags(c);
	int e = case_event_parse(sub);
	if (e > CEV_RAISE)
		return event(c, (enum case_event)e, argc, argv);
	return cli_usage(case_usage, "ukendt underkommando »%s«.", sub);
}
