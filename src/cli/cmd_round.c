/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov round: recruitment rounds (issue 13) — create, list, show, the moves of the state
 * machine, an application received outside the web form, the applications, and the purge of
 * personal data after the retention period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/munic.h"
#include "store/store_round.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char usage[] =
    "Brug: fkigov [--db STI] round KOMMANDO ...\n\n"
    "  create --title TEKST --first-day ÅÅÅÅ-MM-DD --deadline ÅÅÅÅ-MM-DD\n"
    "         --body ORGAN:PLADSER[:PROFIL,PROFIL...] [--body ...] [--weight KRITERIUM=N ...]\n"
    "         [--min-score 0-100]\n"
    "                                   en ny runde (kladde) med modellens kriterier og vægte\n"
    "  list [--json]                    alle runder\n"
    "  show ID [--json]                 en runde med organer, pladser og kriterier\n"
    "  open ID                          åbn for ansøgninger (kriterier og vægte låses)\n"
    "  evaluate ID                      luk for ansøgninger efter fristen; vurderingen begynder\n"
    "  apply ID --name NAVN --email ADR --title STILLING --municipality KODE --profile PROFIL\n"
    "        --body ORGAN [--body ...] --motivation TEKST [--cv FIL] [--nominated] [--pool]\n"
    "                                   registrér en ansøgning, der er kommet ad anden vej\n"
    "  applications ID [--json]         rundens ansøgninger\n"
    "  match ANSØGNING PERSON|--none     knyt ansøgningen til en person i registret (eller fjern)\n"
    "  mark ANSØGNING --as LOGIN --mark KRITERIUM=POINT --reason-KRITERIUM TEKST ...\n"
    "                                   en bedømmers point (1-5) med begrundelse på hvert\n"
    "                                   kriterium (bedømmere er sekretariatets konti)\n"
    "  conflict ANSØGNING --as LOGIN --reason TEKST\n"
    "                                   bedømmeren erklærer sig inhabil over for kandidaten\n"
    "  evaluation ID [--as LOGIN] [--json]\n"
    "                                   vurderingen, som bedømmeren LOGIN ser den (blindt:\n"
    "                                   andres point først efter egne)\n"
    "  recommend ID [--json]            indstil: den bedste sammensætning efter reglerne\n"
    "  reconsider ID                    tilbage til vurdering\n"
    "  decide ID [--pick ANSØGNING:ORGAN ...] [--reason TEKST]\n"
    "                                   beslut (som indstillet, eller med valg og begrundelse);\n"
    "                                   udpegningerne oprettes, og kandidaterne får besked\n"
    "  close ID                         afslut runden\n"
    "  report ID [--json | --xlsx FIL.xlsx]\n"
    "                                   rundens rapport (anonymiseret ud over de udpegede)\n"
    "  purge [--date ÅÅÅÅ-MM-DD]        slet personoplysninger i ansøgninger fra kandidater,\n"
    "                                   der ikke blev udpeget, når opbevaringsperioden er gået\n\n"
    "»I dag« er $FKIGOV_TODAY, hvis den er sat.\n";

static int parse_id(const char *s, int64_t *id)
{
	long v;
	if (!s || cli_number("runde", s, 1000000000L, &v) != 0)
		return -1;
	*id = v;
	return 0;
}

/* argv[2] as the id of what (a round or an application): 0, or the exit status. */
static int need_id(int argc, char **argv, const char *what, int64_t *id)
{
	if (argc < 3)
		return cli_usage(usage, "angiv %s nummer.", what);
	return parse_id(argv[2], id) ? 2 : 0;
}

/* The end of a change: a missing application or round named, the diagnostics printed, ok
 * printed on success; the exit status. */
static int finish(int src, struct diags *d, const char *missing, int64_t id, const char *ok)
{
	if (src == FK_ENOTFOUND)
		diags_add(d, NULL, 0, 0, "state", "%s %lld findes ikke.", missing, (long long)id);
	int rc = cli_finish(src, d);
	if (rc == 0 && ok)
		printf("%s\n", ok);
	return rc;
}

static json_t *round_json(const struct model *m, const struct round_rec *r)
{
	char fd[11], dl[11];
	date_format(r->first_day, fd);
	date_format(r->deadline, dl);
	json_t *seats = json_array();
	for (size_t i = 0; i < r->nseats; i++) {
		json_t *p = json_array();
		for (size_t k = 0; k < r->seats[i].nprofiles; k++)
			json_array_append_new(p, json_string(r->seats[i].profiles[k]));
		int b = model_body_index(m, r->seats[i].body);
		json_array_append_new(seats, json_pack("{s:s, s:s, s:i, s:o}", "body", r->seats[i].body,
		                                       "name", b >= 0 ? m->bodies[b].name : "",
		                                       "seats", r->seats[i].seats, "profiles", p));
	}
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:O, s:o}", "id",
	                 (json_int_t)r->id, "title", r->title, "state", round_state_name(r->state),
	                 "state_da", round_state_title(r->state), "first_day", fd, "deadline", dl,
	                 "min_score", r->min_score, "evaluators", r->evaluators, "criteria",
	                 r->criteria, "seats", seats);
}

/* ---------------------------------------------------------------- create */

/* "ORGAN:PLADSER[:PROFIL,PROFIL]" into s (strings owned by s). */
static int parse_body(const char *v, struct round_seat *s)
{
	memset(s, 0, sizeof *s);
	const char *c1 = strchr(v, ':');
	if (!c1) {
		fprintf(stderr, "fkigov: --body: skriv ORGAN:PLADSER, fx styregruppe:2.\n");
		return -1;
	}
	s->body = xstrndup(v, (size_t)(c1 - v));
	char *end;
	long n = strtol(c1 + 1, &end, 10);
	if (end == c1 + 1 || (*end && *end != ':') || n < 1 || n > 50) {
		fprintf(stderr, "fkigov: --body: antallet af pladser skal være et helt tal fra 1, fx "
		                "styregruppe:2.\n");
		return -1;
	}
	s->seats = (int)n;
	if (*end == ':') {
		const char *p = end + 1;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t l = comma ? (size_t)(comma - p) : strlen(p);
			s->profiles = xrealloc(s->profiles, (s->nprofiles + 1) * sizeof *s->profiles);
			s->profiles[s->nprofiles++] = xstrndup(p, l);
			p += l + (comma != NULL);
		}
	}
	return 0;
}

static int create(struct cli *c, int argc, char **argv)
{
	const char *title = NULL, *first = NULL, *deadline = NULL, *min = NULL;
	struct round_rec in;
	memset(&in, 0, sizeof in);
	in.min_score = -1;
	int weights[ROUND_CRITERIA_MAX] = {0};
	const char *wv[ROUND_CRITERIA_MAX];
	size_t nw = 0;
	int rc = 0;
	for (int i = 2; i < argc && rc == 0;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--title", &v)) > 0)
			title = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--first-day", &v)) > 0)
			first = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--deadline", &v)) > 0)
			deadline = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--min-score", &v)) > 0)
			min = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--body", &v)) > 0) {
			in.seats = xrealloc(in.seats, (in.nseats + 1) * sizeof *in.seats);
			rc = parse_body(v, &in.seats[in.nseats++]) ? 2 : 0;
		} else if (r == 0 && (r = cli_opt(argc, argv, &i, "--weight", &v)) > 0) {
			if (nw < ROUND_CRITERIA_MAX)
				wv[nw++] = v;
		}
		if (r < 0)
			rc = 2;
		else if (r == 0 && rc == 0)
			rc = cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	in.first_day = in.deadline = DATE_NONE;
	if (rc == 0 && (!title || !first || !deadline))
		rc = cli_usage(usage, "angiv --title, --first-day, --deadline og mindst én --body.");
	if (rc == 0 && (cli_date("--first-day", first, &in.first_day) != 0 ||
	                cli_date("--deadline", deadline, &in.deadline) != 0))
		rc = 2;
	long ms;
	if (rc == 0 && min) {
		if (!strcmp(min, "0"))
			in.min_score = 0;
		else if (cli_number("--min-score", min, 100, &ms) == 0)
			in.min_score = (int)ms;
		else
			rc = 2;
	}
	if (rc == 0)
		rc = cli_open(c, false);
	for (size_t k = 0; rc == 0 && k < nw; k++) {
		const char *eq = strchr(wv[k], '=');
		size_t j = 0;
		const struct model_recruitment *mr = &c->model->recruitment;
		while (eq && j < mr->ncriteria && strncmp(mr->criteria[j].id, wv[k], (size_t)(eq - wv[k])))
			j++;
		long w = eq ? strtol(eq + 1, NULL, 10) : 0;
		if (!eq || j == mr->ncriteria || w < 1 || w > 10) {
			fprintf(stderr, "fkigov: --weight: skriv KRITERIUM=N med N fra 1 til 10 og et af "
			                "modellens kriterier, fx %s=3.\n",
			        mr->ncriteria ? mr->criteria[0].id : "profil");
			rc = 2;
		} else {
			weights[j] = (int)w;
		}
	}
	int64_t id = 0;
	if (rc == 0) {
		in.title = (char *)title;
		struct diags d;
		diags_init(&d);
		int src = store_round_create(c->st, c->actor, c->model, &in, weights, &d, &id);
		rc = cli_finish(src, &d);
		if (rc == 0)
			printf("Runde %lld er oprettet som kladde. Åbn den med »fkigov round open %lld«.\n",
			       (long long)id, (long long)id);
	}
	in.title = NULL;
	round_rec_free(&in);
	return rc;
}

/* ---------------------------------------------------------------- list, show */

/* What the listing callbacks share: the model, and the JSON array (NULL: print text). */
struct listing {
	const struct model *m;
	json_t *out;
};

static int list_one(const struct round_rec *r, void *arg)
{
	struct listing *l = arg;
	if (l->out) {
		json_array_append_new(l->out, round_json(l->m, r));
		return 0;
	}
	char dl[40];
	date_format_da(r->deadline, dl, sizeof dl);
	printf("%-4lld %-22s frist %-18s %s\n", (long long)r->id, round_state_title(r->state), dl,
	       r->title);
	return 0;
}

static int list(struct cli *c, int argc, char **argv)
{
	bool json = argc > 2 && cli_flag(argv, 2, "--json");
	if (argc > 2 + json)
		return cli_usage(usage, "ukendt argument »%s«.", argv[2 + json]);
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct listing l = {c->model, json ? json_array() : NULL};
	rc = store_round_list(c->st, list_one, &l);
	if (json)
		cli_print_json(json_pack("{s:o}", "rounds", l.out));
	return rc == FK_OK ? 0 : 1;
}

static int show(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	bool json = argc > 3 && cli_flag(argv, 3, "--json");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct round_rec r;
	if ((rc = store_round_get(c->st, id, &r)) != FK_OK) {
		fprintf(stderr, "fkigov: runde %lld findes ikke. Se »fkigov round list«.\n", (long long)id);
		return 2;
	}
	json_t *doc = round_json(c->model, &r);
	if (json) {
		cli_print_json(doc);
	} else {
		printf("Runde %lld: %s (%s)\n", (long long)r.id, r.title, round_state_title(r.state));
		printf("  Periodens første dag %s, ansøgningsfrist %s, kvalificerende score %d, %d "
		       "bedømmere.\n",
		       json_string_value(json_object_get(doc, "first_day")),
		       json_string_value(json_object_get(doc, "deadline")), r.min_score, r.evaluators);
		for (size_t i = 0; i < r.nseats; i++)
			printf("  %s: %d pladser\n", r.seats[i].body, r.seats[i].seats);
		size_t k;
		json_t *cr;
		json_array_foreach(r.criteria, k, cr)
			printf("  Kriterium %s (vægt %lld)\n",
			       json_string_value(json_object_get(cr, "name")),
			       (long long)json_integer_value(json_object_get(cr, "weight")));
		json_decref(doc);
	}
	round_rec_free(&r);
	return 0;
}

/* ---------------------------------------------------------------- moves */

/* The move e of the round argv[2]; the database is opened (with the register when
 * want_reg, for what follows the move). */
static int move(struct cli *c, int argc, char **argv, enum round_event e, bool want_reg)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	if (argc > 3)
		return cli_usage(usage, "ukendt argument »%s«.", argv[3]);
	int rc = cli_open(c, want_reg);
	if (rc)
		return rc;
	char msg[400];
	rc = store_round_move(c->st, c->actor, id, e, date_today(), msg, sizeof msg);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s\n", msg);
		return rc == FK_EDB ? 1 : 2;
	}
	struct round_rec r;
	if (store_round_get(c->st, id, &r) == FK_OK) {
		printf("Runde %lld er nu: %s.\n", (long long)id, round_state_title(r.state));
		round_rec_free(&r);
	}
	return 0;
}

/* ---------------------------------------------------------------- applications */

static int apply(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	struct round_application a;
	memset(&a, 0, sizeof a);
	const char *bodies[16], *munic = NULL, *cvpath = NULL;
	size_t nb = 0;
	for (int i = 3; i < argc;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--name", &v)) > 0)
			a.name = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--email", &v)) > 0)
			a.email = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--title", &v)) > 0)
			a.title = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--motivation", &v)) > 0)
			a.motivation = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--municipality", &v)) > 0)
			munic = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--profile", &v)) > 0)
			a.profile = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--cv", &v)) > 0)
			cvpath = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--body", &v)) > 0) {
			if (nb < 16)
				bodies[nb++] = v;
		} else if (r == 0 && cli_flag(argv, i, "--nominated")) {
			a.nominated = true;
			i++;
			continue;
		} else if (r == 0 && cli_flag(argv, i, "--pool")) {
			a.pool = true;
			i++;
			continue;
		}
		if (r < 0)
			return 2;
		if (r == 0)
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	a.munic = munic ? atoi(munic) : 0;
	a.bodies = bodies;
	a.nbodies = nb;
	struct buf cv;
	buf_init(&cv);
	if (cvpath) {
		if (cli_read_file(cvpath, &cv) != 0)
			return 2;
		a.cv = cv.s;
		a.cvlen = cv.len;
		const char *slash = strrchr(cvpath, '/');
		a.cv_name = slash ? slash + 1 : cvpath;
	}
	int rc = cli_open(c, false);
	if (rc) {
		buf_free(&cv);
		return rc;
	}
	struct diags d;
	diags_init(&d);
	char ref[16];
	int64_t app;
	store_round_ref(ref);
	int src = store_round_apply(c->st, c->model, id, &a, date_today(), ref, NULL, &d, &app);
	buf_free(&cv);
	char ok[80];
	snprintf(ok, sizeof ok, "Ansøgningen er registreret med kvitteringsnummer %s.", ref);
	return finish(src, &d, "Runde", id, ok);
}

static int app_one(const struct round_app_rec *a, void *arg)
{
	struct listing *l = arg;
	const struct munic *mu = munic_find(munic_builtin(), a->munic);
	if (l->out) {
		json_array_append_new(
		    l->out,
		    json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:i, s:s?, s:s, s:O, s:b, s:b, s:s?, s:s?, s:s}",
		              "id", (json_int_t)a->id, "ref", a->ref, "name", a->name, "email", a->email,
		              "title", a->title, "municipality", a->munic, "municipality_name",
		              mu ? mu->name : NULL, "profile", a->profile, "bodies", a->bodies,
		              "nominated", a->nominated, "pool", a->pool, "person", a->person, "purged",
		              a->purged, "received", a->received));
		return 0;
	}
	printf("%-14s %-24s %-14s %-22s %s\n", a->ref, a->purged ? "(slettet)" : a->name,
	       mu ? mu->name : "?", a->profile, a->purged ? "" : a->email);
	return 0;
}

static int applications(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	bool json = argc > 3 && cli_flag(argv, 3, "--json");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct listing l = {c->model, json ? json_array() : NULL};
	rc = store_round_apps(c->st, id, app_one, &l);
	if (json)
		cli_print_json(json_pack("{s:I, s:o}", "round", (json_int_t)id, "applications", l.out));
	return rc == FK_OK ? 0 : 1;
}

/* The account login as an evaluator: a secretariat account; its linked person, -1 none. */
static int evaluator(struct cli *c, const char *login, int32_t *person)
{
	struct store_account acc;
	if (!login || store_account_by_login(c->st, login, &acc) != FK_OK || strcmp(acc.role, "admin")) {
		fprintf(stderr, "fkigov: --as: bedømmeren skal være en af sekretariatets konti (rollen "
		                "admin). Se »fkigov user list«.\n");
		return -1;
	}
	*person = acc.person[0] ? reg_person_find(&c->reg, acc.person) : -1;
	return 0;
}

static int mark(struct cli *c, int argc, char **argv)
{
	int64_t app;
	int rc0 = need_id(argc, argv, "ansøgningens", &app);
	if (rc0)
		return rc0;
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	const struct model_recruitment *mr = &c->model->recruitment;
	int marks[ROUND_CRITERIA_MAX];
	const char *reasons[ROUND_CRITERIA_MAX] = {0}, *as = NULL;
	for (size_t k = 0; k < ROUND_CRITERIA_MAX; k++)
		marks[k] = 0;
	for (int i = 3; i < argc;) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--as", &v);
		if (r > 0) {
			as = v;
			continue;
		}
		if (r == 0 && (r = cli_opt(argc, argv, &i, "--mark", &v)) > 0) {
			const char *eq = strchr(v, '=');
			size_t k = 0;
			while (eq && k < mr->ncriteria && strncmp(mr->criteria[k].id, v, (size_t)(eq - v)))
				k++;
			if (!eq || k == mr->ncriteria)
				return cli_usage(usage, "--mark: skriv KRITERIUM=POINT med et af modellens "
				                        "kriterier.");
			marks[k] = atoi(eq + 1);
			continue;
		}
		for (size_t k = 0; r == 0 && k < mr->ncriteria; k++) {
			char opt[80];
			snprintf(opt, sizeof opt, "--reason-%s", mr->criteria[k].id);
			if ((r = cli_opt(argc, argv, &i, opt, &v)) > 0)
				reasons[k] = v;
		}
		if (r < 0)
			return 2;
		if (r == 0)
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	int32_t person;
	if (evaluator(c, as, &person))
		return 2;
	struct diags d;
	diags_init(&d);
	int src = store_round_mark(c->st, &c->reg, app, as, person, marks, reasons, mr->ncriteria, &d);
	return finish(src, &d, "Ansøgning", app, "Pointene er gemt.");
}

static int match(struct cli *c, int argc, char **argv)
{
	int64_t app;
	if (argc != 4 || parse_id(argv[2], &app))
		return argc != 4 ? cli_usage(usage, "angiv ansøgningens nummer og personens id (eller --none).") : 2;
	const char *person = strcmp(argv[3], "--none") ? argv[3] : NULL;
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct diags d;
	diags_init(&d);
	int src = store_round_match(c->st, c->actor, &c->reg, app, person, &d);
	char ok[120];
	snprintf(ok, sizeof ok, person ? "Ansøgningen er knyttet til %s." : "Ansøgningen er ikke længere "
	                                                                   "knyttet til en person%s.",
	         person ? person : "");
	return finish(src, &d, "Ansøgning", app, ok);
}

static int conflict(struct cli *c, int argc, char **argv)
{
	int64_t app;
	int rc0 = need_id(argc, argv, "ansøgningens", &app);
	if (rc0)
		return rc0;
	const char *as = NULL, *reason = NULL;
	for (int i = 3; i < argc;) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--as", &v);
		if (r > 0)
			as = v;
		else if (r == 0 && (r = cli_opt(argc, argv, &i, "--reason", &v)) > 0)
			reason = v;
		if (r < 0)
			return 2;
		if (r == 0)
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int32_t person;
	if (evaluator(c, as, &person))
		return 2;
	struct diags d;
	diags_init(&d);
	int src = store_round_conflict(c->st, app, as, reason, &d);
	return finish(src, &d, "Ansøgning", app,
	              "Inhabiliteten er registreret; dine point for kandidaten er slettet.");
}

static int evaluation(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	const char *as = NULL;
	bool json = false;
	for (int i = 3; i < argc;) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--as", &v);
		if (r > 0) {
			as = v;
			continue;
		}
		if (r < 0)
			return 2;
		if (!cli_flag(argv, i, "--json"))
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		json = true;
		i++;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	int32_t person = -1;
	if (as && evaluator(c, as, &person))
		return 2;
	json_t *doc = store_round_view(c->st, c->model, &c->reg, id, as, person);
	if (!doc) {
		fprintf(stderr, "fkigov: runde %lld findes ikke.\n", (long long)id);
		return 2;
	}
	if (json) {
		cli_print_json(doc);
		return 0;
	}
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "applications"), i, a)
	{
		json_t *sc = json_object_get(a, "score");
		printf("%-6lld %-14s %-24s %2lld bedømmere  %s\n",
		       (long long)json_integer_value(json_object_get(a, "id")),
		       json_string_value(json_object_get(a, "ref")),
		       json_string_value(json_object_get(a, "name")) ? json_string_value(json_object_get(a, "name")) : "(slettet)",
		       (long long)json_integer_value(json_object_get(a, "evaluators")),
		       json_is_real(sc) ? "" : "ingen score endnu");
		if (json_is_real(sc))
			printf("       score %.1f\n", json_real_value(sc));
	}
	json_decref(doc);
	return 0;
}

static int recommend(struct cli *c, int argc, char **argv)
{
	int rc = move(c, argc > 3 ? 3 : argc, argv, REV_RECOMMEND, true);
	if (rc)
		return rc;
	int64_t id = 0;
	parse_id(argv[2], &id);
	json_t *doc = store_round_recommendation(c->st, c->model, &c->reg, id);
	if (!doc)
		return 1;
	if (argc > 3 && cli_flag(argv, 3, "--json")) {
		cli_print_json(doc);
		return 0;
	}
	size_t i;
	json_t *b;
	json_array_foreach(json_object_get(doc, "bodies"), i, b)
	{
		printf("%s (%lld pladser):\n", json_string_value(json_object_get(b, "name")),
		       (long long)json_integer_value(json_object_get(b, "seats")));
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(b, "selected"), k, x)
			printf("  indstillet: %lld %s: %s\n", (long long)json_integer_value(json_object_get(x, "id")),
			       json_string_value(json_object_get(x, "ref")),
			       json_string_value(json_object_get(x, "why")) ? json_string_value(json_object_get(x, "why")) : "");
	}
	json_decref(doc);
	return 0;
}

static int decide(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	struct round_pick picks[64];
	char bodies[64][65];
	size_t np = 0;
	const char *reason = NULL;
	for (int i = 3; i < argc;) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--reason", &v);
		if (r > 0) {
			reason = v;
			continue;
		}
		if (r == 0 && (r = cli_opt(argc, argv, &i, "--pick", &v)) > 0) {
			const char *colon = strchr(v, ':');
			if (!colon || np == 64 || strlen(colon + 1) > 64)
				return cli_usage(usage, "--pick: skriv ANSØGNING:ORGAN, fx 3:styregruppe.");
			snprintf(bodies[np], sizeof bodies[np], "%s", colon + 1);
			picks[np] = (struct round_pick){atoll(v), bodies[np]};
			np++;
			continue;
		}
		if (r < 0)
			return 2;
		return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	struct diags d;
	diags_init(&d);
	int src = store_round_decide(c->st, c->actor, c->model, &c->reg, id, np ? picks : NULL, np,
	                             reason, date_today(), &d);
	return finish(src, &d, "Runde", id,
	              "Beslutningen er gemt, udpegningerne er oprettet, og kandidaterne får besked.");
}

static int report(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc0 = need_id(argc, argv, "rundens", &id);
	if (rc0)
		return rc0;
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	json_t *doc = store_round_report(c->st, c->model, &c->reg, id);
	if (!doc) {
		fprintf(stderr, "fkigov: runde %lld findes ikke eller er ikke besluttet endnu.\n",
		        (long long)id);
		return 2;
	}
	if (argc > 3 && cli_flag(argv, 3, "--json")) {
		cli_print_json(doc);
		return 0;
	}
	if (argc > 4 && cli_flag(argv, 3, "--xlsx")) {
		char what[300];
		snprintf(what, sizeof what, "Rapporten for runden »%.200s«",
		         json_string_value(json_object_get(doc, "title")));
		rc = cli_write_sheet(c, argv[4], SHEET_ROUND, doc, what, date_today());
		json_decref(doc);
		return rc;
	}
	printf("%s: %lld ansøgere, besluttet %s.\n", json_string_value(json_object_get(doc, "title")),
	       (long long)json_integer_value(json_object_get(doc, "applicants")),
	       json_string_value(json_object_get(doc, "decided")));
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(doc, "appointed"), i, a)
		printf("  udpeget: %s (%s) til %s, score %.1f\n",
		       json_string_value(json_object_get(a, "name")) ? json_string_value(json_object_get(a, "name")) : "?",
		       json_string_value(json_object_get(a, "municipality")) ? json_string_value(json_object_get(a, "municipality")) : "?",
		       json_string_value(json_object_get(a, "body")),
		       json_real_value(json_object_get(a, "score")));
	json_decref(doc);
	return 0;
}

static int purge(struct cli *c, int argc, char **argv)
{
	fk_date day = date_today();
	for (int i = 2; i < argc;) {
		const char *v;
		int r = cli_opt(argc, argv, &i, "--date", &v);
		if (r < 0)
			return 2;
		if (r == 0)
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		if (cli_date("--date", v, &day) != 0)
			return 2;
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	size_t n = 0;
	rc = store_round_purge(c->st, c->actor, c->model, day, &n);
	if (rc != FK_OK)
		return 1;
	printf("%zu %s slettet.\n", n, n == 1 ? "ansøgnings personoplysninger er" :
	                                        "ansøgningers personoplysninger er");
	return 0;
}

int cmd_round(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	const char *sub = argc > 1 ? argv[1] : "";
	if (!strcmp(sub, "create"))
		return create(c, argc, argv);
	if (!strcmp(sub, "list"))
		return list(c, argc, argv);
	if (!strcmp(sub, "show"))
		return show(c, argc, argv);
	if (!strcmp(sub, "open"))
		return move(c, argc, argv, REV_OPEN, false);
	if (!strcmp(sub, "evaluate"))
		return move(c, argc, argv, REV_EVALUATE, false);
	if (!strcmp(sub, "apply"))
		return apply(c, argc, argv);
	if (!strcmp(sub, "applications"))
		return applications(c, argc, argv);
	if (!strcmp(sub, "purge"))
		return purge(c, argc, argv);
	if (!strcmp(sub, "mark"))
		return mark(c, argc, argv);
	if (!strcmp(sub, "conflict"))
		return conflict(c, argc, argv);
	if (!strcmp(sub, "match"))
		return match(c, argc, argv);
	if (!strcmp(sub, "evaluation"))
		return evaluation(c, argc, argv);
	if (!strcmp(sub, "recommend"))
		return recommend(c, argc, argv);
	if (!strcmp(sub, "reconsider"))
		return move(c, argc, argv, REV_RECONSIDER, false);
	if (!strcmp(sub, "decide"))
		return decide(c, argc, argv);
	if (!strcmp(sub, "close"))
		return move(c, argc, argv, REV_CLOSE, false);
	if (!strcmp(sub, "report"))
		return report(c, argc, argv);
	return cli_usage(usage, "angiv create, list, show, open, evaluate, apply, applications, match, mark, "
	                        "conflict, evaluation, recommend, reconsider, decide, close, report "
	                        "eller purge.");
}
