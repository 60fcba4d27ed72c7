/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Accounts and API tokens: user add|passwd|role|link|reset|disable|enable|list,
 * token create|list|revoke. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/date.h"
#include "web/auth.h"
#include "util/err.h"

#define PASSWORD_MIN AUTH_PASSWORD_MIN /* characters */
#define PASSWORD_MAX AUTH_PASSWORD_MAX /* bytes */
#define TOKEN_DAYS 365    /* a token's life unless --days, --expires or $FKIGOV_TOKEN_DAYS */
#define TOKEN_DAYS_MAX 3650

/* ------------------------------------------------------------------ helpers */

/* A login: 1-64 bytes of letters, digits and . _ - @ (auth_login_valid). */
static int valid_login(const char *s)
{
	return auth_login_valid(s);
}

/* Characters (UTF-8 code points) in s. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Reads the password: the first line of stdin, without its line end. On a terminal it
 * asks, without echo. Returns 0, or 2 after a Danish message. */
static int read_password(char *pw, size_t cap)
{
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;
	int echo_off = 0;
	if (tty) {
		fputs("Adgangskode (mindst 12 tegn): ", stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
		}
	}
	char *got = fgets(pw, (int)cap, stdin);
	if (echo_off) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!got) {
		fprintf(stderr,
		        "fkigov: skriv adgangskoden på standard-input, fx:\n"
		        "  echo 'en lang adgangskode' | fkigov user add LOGIN --role viewer\n");
		return 2;
	}
	size_t n = strlen(pw);
	if (n == cap - 1 && pw[n - 1] != '\n') {
		fprintf(stderr, "fkigov: adgangskoden er for lang (højst %d byte).\n",
		        PASSWORD_MAX);
		return 2;
	}
	while (n && (pw[n - 1] == '\n' || pw[n - 1] == '\r'))
		pw[--n] = '\0';
	if (utf8_chars(pw) < PASSWORD_MIN) {
		fprintf(stderr,
		        "fkigov: adgangskoden skal være på mindst %d tegn. Vælg en længere, fx en "
		        "sætning på flere ord.\n",
		        PASSWORD_MIN);
		return 2;
	}
	return 0;
}

/* ------------------------------------------------------------------ user */
static const char user_usage[] =
    "Brug: fkigov [--db STI] user add LOGIN --role admin|member|viewer [--person ID]\n"
    "          [--link [--mail]]\n"
    "      fkigov [--db STI] user passwd LOGIN\n"
    "      fkigov [--db STI] user reset LOGIN [--mail]\n"
    "      fkigov [--db STI] user role LOGIN --role admin|member|viewer\n"
    "      fkigov [--db STI] user link LOGIN --person ID|--no-person\n"
    "      fkigov [--db STI] user disable|enable LOGIN\n"
    "      fkigov [--db STI] user list [--json]\n\n"
    "add opretter en konto til webapplikationen. Adgangskoden læses fra standard-input\n"
    "(første linje, mindst 12 tegn) og gemmes kun som argon2id-hash; med --link får kontoen\n"
    "ingen adgangskode, men et engangslink, som personen selv vælger den med. Roller:\n"
    "  admin   sekretariatet: alt\n"
    "  member  et medlem: egne organer, møder og forslag; kræver --person\n"
    "  viewer  læser alt, ændrer intet\n"
    "--person er id'et på en registreret person (se »fkigov person list«).\n"
    "passwd giver kontoen en ny adgangskode (fra standard-input) og afslutter dens\n"
    "sessioner og tokens. reset skriver et engangslink (stien /password/…), som virker i 72\n"
    "timer og kun én gang; med det vælger personen selv en ny adgangskode, og kontoens\n"
    "sessioner og tokens afsluttes. Giv linket til personen selv. Er $FKIGOV_PUBLIC_URL sat\n"
    "(fx https://fkigov.example.dk), skrives hele adressen. Et nyt link annullerer de ældre.\n"
    "--mail sender også linket på e-mail til personens adresse (kræver $FKIGOV_PUBLIC_URL);\n"
    "beskeden lægges i udbakken sammen med linket og sendes af »mail send« eller serve.\n"
    "role giver kontoen en anden rolle; link knytter den til en anden person (--no-person:\n"
    "ingen; et medlem skal have en person). disable spærrer kontoen: den kan ikke logge ind,\n"
    "heller ikke via single sign-on, og dens sessioner, tokens og links afsluttes med det\n"
    "samme. enable lader den logge ind igen; tokens skal laves på ny.\n\n"
    "Eksempel: echo 'korrekt hest batteri' | fkigov user add anne --role member --person p7\n";

struct list_ctx {
	json_t *arr;
	size_t n;
};

static int list_row(const struct store_account *a, void *arg)
{
	struct list_ctx *l = arg;
	l->n++;
	if (l->arr) {
		json_array_append_new(l->arr,
		                      json_pack("{s:s, s:s, s:o, s:s, s:b, s:b}", "login", a->login,
		                                "role", a->role, "person",
		                                a->person[0] ? json_string(a->person) : json_null(),
		                                "created", a->created, "disabled", a->disabled,
		                                "password", !a->no_password));
		return 0;
	}
	printf("%-24s %-7s %-12s %s%s%s\n", a->login, a->role, a->person[0] ? a->person : "-",
	       a->created, a->disabled ? "  (spærret)" : "",
	       a->no_password ? "  (uden adgangskode)" : "");
	return 0;
}

/* Prints the one-time link of login on standard output (the whole address when
 * $FKIGOV_PUBLIC_URL says it) and what to do with it on standard error; forgets it. */
static void print_link(const char *login, struct auth_link *l, const char *mailed)
{
	if (mailed && *mailed)
		fprintf(stderr, "Linket er lagt i udbakken til %s.\n", mailed);
	char addr[512];
	auth_link_address(NULL, l->path, addr, sizeof addr);
	printf("%s\n", addr);
	sodium_memzero(addr, sizeof addr);
	sodium_memzero(l->secret, sizeof l->secret);
	sodium_memzero(l->path, sizeof l->path);
	fprintf(stderr,
	        "Engangslinket til %s virker én gang, til %s (UTC). Giv det til personen selv; med "
	        "det vælger personen sin adgangskode. Det vises kun denne ene gang.\n",
	        login, l->link.expires);
}

static int user_add(struct cli *c, int argc, char **argv)
{
	const char *login = NULL, *role = NULL, *person = NULL;
	bool link = false, mail = false;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--role", &role)) ||
		    (r = cli_opt(argc, argv, &i, "--person", &person))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--link")) {
			link = true;
			i++;
		} else if (cli_flag(argv, i, "--mail")) {
			mail = true;
			i++;
		} else if (!login && argv[i][0] != '-') {
			login = argv[i++];
		} else {
			return cli_usage(user_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!login || !role)
		return cli_usage(user_usage, "angiv LOGIN og --role.");
	if (mail && !link)
		return cli_usage(user_usage, "--mail bruges kun sammen med --link.");
	if (!valid_login(login))
		return cli_usage(
		    user_usage,
		    "login »%s« må kun indeholde bogstaver (a-z), tal, punktum, -, _ og @ "
		    "og højst være %d tegn.",
		    login, STORE_LOGIN_MAX);
	if (strcmp(role, "admin") && strcmp(role, "member") && strcmp(role, "viewer"))
		return cli_usage(user_usage,
		                 "rollen »%s« findes ikke. Vælg admin, member eller viewer.", role);
	if (!strcmp(role, "member") && (!person || !*person))
		return cli_usage(
		    user_usage,
		    "en konto med rollen member skal knyttes til en person med --person ID.");
	if (person && !*person)
		person = NULL;

	int rc = cli_open(c, person != NULL);
	if (rc)
		return rc;
	if (person && reg_person_find(&c->reg, person) < 0) {
		fprintf(
		    stderr,
		    "fkigov: personen »%s« findes ikke. Opret personen først med »fkigov person "
		    "add«, eller se »fkigov person list«.\n",
		    person);
		return 2;
	}
	struct store_account a;
	if ((rc = store_account_by_login(c->st, login, &a)) == FK_OK) {
		sodium_memzero(a.pwhash, sizeof a.pwhash);
		fprintf(stderr, "fkigov: kontoen »%s« findes allerede. Se »fkigov user list«.\n",
		        login);
		return 2;
	}
	if (rc != FK_ENOTFOUND)
		return err_exit_code(rc);

	char pw[PASSWORD_MAX + 2];
	char hash[crypto_pwhash_STRBYTES] = "";
	if (!link) {
		if ((rc = read_password(pw, sizeof pw)) != 0) {
			sodium_memzero(pw, sizeof pw);
			return rc;
		}
		rc = auth_password_hash(pw, hash);
		sodium_memzero(pw, sizeof pw);
		if (rc != 0) {
			fprintf(stderr,
			        "fkigov: adgangskoden kunne ikke hashes (for lidt hukommelse).\n");
			return 1;
		}
	}
	/* With --link: the account and its link in one transaction, or neither. */
	struct auth_link l;
	char mailed[256] = "";
	if (link && (rc = store_begin(c->st)) != FK_OK)
		return err_exit_code(rc);
	rc = store_account_add(c->st, c->actor, login, link ? NULL : hash, role, person, NULL);
	sodium_memzero(hash, sizeof hash);
	if (link) {
		if (rc == FK_OK)
			rc = mail ? auth_link_send(c->st, NULL, c->actor, login, "new", &l, mailed,
			                           sizeof mailed)
			          : auth_link_make(c->st, c->actor, login, "new", &l);
		if (rc == FK_OK)
			rc = store_commit(c->st);
		else
			store_rollback(c->st);
	}
	switch (rc) {
	case FK_OK:
		printf("Kontoen %s (%s%s%s) er oprettet.\n", login, role, person ? ", person " : "",
		       person ? person : "");
		if (link)
			print_link(login, &l, mailed);
		if (mail && !*mailed)
			fprintf(stderr, "fkigov: linket er ikke sendt på e-mail: personen har ingen "
			                "gyldig adresse, eller FKIGOV_PUBLIC_URL er ikke sat. Giv det "
			                "til personen selv.\n");
		return 0;
	case FK_ENOTFOUND:
		fprintf(
		    stderr,
		    "fkigov: personen »%s« findes ikke. Opret personen først med »fkigov person "
		    "add«, eller se »fkigov person list«.\n",
		    person);
		return 2;
	case FK_ECONFLICT:
		fprintf(stderr, "fkigov: kontoen »%s« findes allerede. Se »fkigov user list«.\n",
		        login);
		return 2;
	case FK_EINPUT:
		fprintf(stderr,
		        "fkigov: kontoen kunne ikke oprettes: oplysningerne er ikke gyldige.\n");
		return 2;
	default:
		fprintf(stderr, "fkigov: kontoen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
}

/* "1 token" / "2 tokens", "1 session" / "2 sessioner". */
static const char *tokens_word(int64_t n)
{
	return n == 1 ? "token" : "tokens";
}

static const char *sessions_word(int64_t n)
{
	return n == 1 ? "session" : "sessioner";
}

/* user passwd LOGIN: a new password from stdin; ends the account's sessions and tokens. */
static int user_passwd(struct cli *c, int argc, char **argv)
{
	if (argc != 3 || argv[2][0] == '-')
		return cli_usage(user_usage, "angiv kontoens LOGIN.");
	const char *login = argv[2];
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char pw[PASSWORD_MAX + 2];
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = read_password(pw, sizeof pw)) != 0) {
		sodium_memzero(pw, sizeof pw);
		return rc;
	}
	rc = auth_password_hash(pw, hash);
	sodium_memzero(pw, sizeof pw);
	if (rc != 0) {
		fprintf(stderr, "fkigov: adgangskoden kunne ikke hashes (for lidt hukommelse).\n");
		return 1;
	}
	int64_t ns = 0, nt = 0;
	rc = store_account_set_password(c->st, c->actor, login, hash, &ns, &nt);
	sodium_memzero(hash, sizeof hash);
	if (rc == FK_ENOTFOUND) {
		fprintf(stderr, "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n", login);
		return 2;
	}
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: adgangskoden kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
	printf("Kontoen %s har fået en ny adgangskode. %lld %s er afsluttet, og %lld %s er "
	       "tilbagekaldt.\n",
	       login, (long long)ns, sessions_word(ns), (long long)nt, tokens_word(nt));
	return 0;
}

/* user disable|enable LOGIN */
static int user_disable(struct cli *c, int argc, char **argv, bool disable)
{
	if (argc != 3 || argv[2][0] == '-')
		return cli_usage(user_usage, "angiv kontoens LOGIN, fx »fkigov user %s anne«.",
		                 argv[1]);
	const char *login = argv[2];
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	int64_t ns = 0, nt = 0;
	rc = store_account_set_disabled(c->st, c->actor, login, disable, &ns, &nt);
	switch (rc) {
	case FK_OK:
		if (disable)
			printf("Kontoen %s er spærret. %lld %s er afsluttet, og %lld %s er "
			       "tilbagekaldt.\n",
			       login, (long long)ns, sessions_word(ns), (long long)nt,
			       tokens_word(nt));
		else
			printf(
			    "Kontoen %s kan logge ind igen. Dens gamle tokens virker ikke; lav et "
			    "nyt med »fkigov token create %s«, hvis den skal bruge API'et.\n",
			    login, login);
		return 0;
	case FK_ECONFLICT:
		printf("Kontoen %s var allerede %s. Intet er ændret.\n", login,
		       disable ? "spærret" : "åben");
		return 0;
	case FK_ENOTFOUND:
		fprintf(stderr, "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n",
		        login);
		return 2;
	default:
		fprintf(stderr, "fkigov: kontoen kunne ikke ændres.\n");
		return err_exit_code(rc);
	}
}

/* user reset LOGIN: a one-time link to choose a new password. */
static int user_reset(struct cli *c, int argc, char **argv)
{
	bool mail = argc == 4 && !strcmp(argv[3], "--mail");
	if ((argc != 3 && !mail) || argv[2][0] == '-')
		return cli_usage(user_usage, "angiv kontoens LOGIN, fx »fkigov user reset anne«.");
	const char *login = argv[2];
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct auth_link l;
	char mailed[256] = "";
	rc = mail ? auth_link_send(c->st, NULL, c->actor, login, "reset", &l, mailed, sizeof mailed)
	          : auth_link_make(c->st, c->actor, login, "reset", &l);
	switch (rc) {
	case FK_OK:
		print_link(login, &l, mailed);
		if (mail && !*mailed)
			fprintf(stderr, "fkigov: linket er ikke sendt på e-mail: personen har ingen "
			                "gyldig adresse, eller FKIGOV_PUBLIC_URL er ikke sat. Giv det "
			                "til personen selv.\n");
		return 0;
	case FK_ENOTFOUND:
		fprintf(stderr, "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n", login);
		return 2;
	case FK_ECONFLICT:
		fprintf(stderr,
		        "fkigov: kontoen »%s« er spærret. Åbn den først med »fkigov user enable "
		        "%s«.\n",
		        login, login);
		return 2;
	default:
		fprintf(stderr, "fkigov: linket kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
}

/* user role LOGIN --role R */
static int user_role(struct cli *c, int argc, char **argv)
{
	const char *login = NULL, *role = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--role", &role))) {
			if (r < 0)
				return 2;
		} else if (!login && argv[i][0] != '-') {
			login = argv[i++];
		} else {
			return cli_usage(user_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!login || !role)
		return cli_usage(user_usage, "angiv LOGIN og --role.");
	if (strcmp(role, "admin") && strcmp(role, "member") && strcmp(role, "viewer"))
		return cli_usage(user_usage,
		                 "rollen »%s« findes ikke. Vælg admin, member eller viewer.", role);
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	rc = store_account_set_role(c->st, c->actor, login, role);
	switch (rc) {
	case FK_OK:
		printf("Kontoen %s har nu rollen %s. Det gælder fra kontoens næste side.\n", login,
		       role);
		return 0;
	case FK_ECONFLICT:
		printf("Kontoen %s har allerede rollen %s. Intet er ændret.\n", login, role);
		return 0;
	case FK_ENOTFOUND:
		fprintf(stderr, "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n", login);
		return 2;
	case FK_EINPUT:
		fprintf(stderr,
		        "fkigov: en konto med rollen member skal være knyttet til en person. Knyt "
		        "den først med »fkigov user link %s --person ID«.\n",
		        login);
		return 2;
	default:
		fprintf(stderr, "fkigov: rollen kunne ikke gemmes.\n");
		return err_exit_code(rc);
	}
}

/* user link LOGIN --person ID | --no-person */
static int user_link(struct cli *c, int argc, char **argv)
{
	const char *login = NULL, *person = NULL;
	bool none = false;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--person", &person))) {
			if (r < 0)
				return 2;
		} else if (cli_flag(argv, i, "--no-person")) {
			none = true;
			i++;
		} else if (!login && argv[i][0] != '-') {
			login = argv[i++];
		} else {
			return cli_usage(user_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!login || (!person && !none) || (person && none) || (person && !*person))
		return cli_usage(user_usage, "angiv LOGIN og enten --person ID eller --no-person.");
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	rc = store_account_set_person(c->st, c->actor, login, person);
	switch (rc) {
	case FK_OK:
		if (person)
			printf("Kontoen %s er nu knyttet til personen %s.\n", login, person);
		else
			printf("Kontoen %s er ikke længere knyttet til en person.\n", login);
		return 0;
	case FK_ECONFLICT:
		printf("Kontoen %s er allerede knyttet sådan. Intet er ændret.\n", login);
		return 0;
	case FK_ENOTFOUND: {
		struct store_account a;
		if (strlen(login) > STORE_LOGIN_MAX ||
		    store_account_by_login(c->st, login, &a) != FK_OK) {
			fprintf(stderr, "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n",
			        login);
		} else {
			sodium_memzero(a.pwhash, sizeof a.pwhash);
			fprintf(stderr,
			        "fkigov: personen »%s« findes ikke. Se »fkigov person list«.\n",
			        person);
		}
		return 2;
	}
	case FK_EINPUT:
		fprintf(stderr,
		        "fkigov: kontoen %s har rollen member og skal være knyttet til en person. "
		        "Giv den en anden rolle først med »fkigov user role %s --role viewer«.\n",
		        login, login);
		return 2;
	default:
		fprintf(stderr, "fkigov: kontoen kunne ikke ændres.\n");
		return err_exit_code(rc);
	}
}

int cmd_user(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, user_usage) || argc < 2)
		return argc < 2
		           ? cli_usage(user_usage, "angiv add, passwd, reset, role, link, disable, enable "
		                                           "eller list.")
		           : 0;
	if (!strcmp(argv[1], "add"))
		return user_add(c, argc, argv);
	if (!strcmp(argv[1], "passwd"))
		return user_passwd(c, argc, argv);
	if (!strcmp(argv[1], "reset"))
		return user_reset(c, argc, argv);
	if (!strcmp(argv[1], "role"))
		return user_role(c, argc, argv);
	if (!strcmp(argv[1], "link"))
		return user_link(c, argc, argv);
	if (!strcmp(argv[1], "disable") || !strcmp(argv[1], "enable"))
		return user_disable(c, argc, argv, !strcmp(argv[1], "disable"));
	if (strcmp(argv[1], "list"))
		return cli_usage(user_usage, "ukendt underkommando »%s«.", argv[1]);
	int json = 0;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = 1;
		else
			return cli_usage(user_usage, "ukendt argument »%s«.", argv[i]);
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct list_ctx l = {json ? json_array() : NULL, 0};
	rc = store_account_list(c->st, list_row, &l);
	if (rc != FK_OK) {
		json_decref(l.arr);
		fprintf(stderr, "fkigov: kontiene kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	if (json)
		cli_print_json(json_pack("{s:o}", "users", l.arr));
	else
		printf("%zu %s.\n", l.n, l.n == 1 ? "konto" : "konti");
	return 0;
}

/* ------------------------------------------------------------------ token */
static const char token_usage[] =
    "Brug: fkigov [--db STI] token create LOGIN [--label TEKST] [--days N | --expires DATO]\n"
    "      fkigov [--db STI] token list [LOGIN] [--json]\n"
    "      fkigov [--db STI] token revoke ID\n\n"
    "create laver et token til JSON-API'et for kontoen LOGIN og skriver det på\n"
    "standard-output. Tokenet vises kun denne ene gang; fkigov gemmer kun dets SHA-256.\n"
    "Brug det sådan:\n"
    "  curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/api/v1/bodies\n"
    "--label er en note om, hvad tokenet bruges til, fx »integration med ESDH«.\n"
    "Et token virker til og med sin udløbsdato (UTC): --days N dage fra i dag, eller\n"
    "--expires ÅÅÅÅ-MM-DD. Uden dem gælder $FKIGOV_TOKEN_DAYS dage, ellers 365 (højst 3650).\n\n"
    "list viser tokens (alle, eller kontoen LOGINs) med nummer, oprettelse, udløb, seneste\n"
    "brug og tilstand: gyldigt, udløbet eller tilbagekaldt.\n"
    "revoke tilbagekalder token nummer ID med det samme (se nummeret med »token list«).\n";

/* A number of days 1..TOKEN_DAYS_MAX from s; what names it in the message. -1 after the
 * message. */
static int token_days(const char *what, const char *s, int *out)
{
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v < 1 || v > TOKEN_DAYS_MAX) {
		fprintf(
		    stderr,
		    "fkigov: %s: »%s« er ikke et gyldigt antal dage. Skriv et helt tal fra 1 til "
		    "%d.\n",
		    what, s ? s : "", TOKEN_DAYS_MAX);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* The last day of a new token into expires, from --days, --expires or $FKIGOV_TOKEN_DAYS.
 * Returns 0, or 2 after a Danish message. */
static int token_expires(struct cli *c, const char *days_opt, const char *date_opt,
                         char expires[11])
{
	char today[11], last[11];
	store_token_expiry(c->st, 0, today);
	store_token_expiry(c->st, TOKEN_DAYS_MAX, last);
	int days = TOKEN_DAYS;
	const char *env = getenv("FKIGOV_TOKEN_DAYS");
	if (date_opt) {
		fk_date d;
		if (cli_date("--expires", date_opt, &d) != 0)
			return 2;
		date_format(d, expires);
		if (strcmp(expires, today) < 0) {
			fprintf(
			    stderr,
			    "fkigov: --expires: datoen %s er allerede passeret. Vælg i dag (%s) "
			    "eller en senere dag.\n",
			    expires, today);
			return 2;
		}
		if (strcmp(expires, last) > 0) {
			fprintf(
			    stderr,
			    "fkigov: --expires: et token kan højst gælde %d dage, til og med %s. "
			    "Vælg en tidligere dato.\n",
			    TOKEN_DAYS_MAX, last);
			return 2;
		}
		return 0;
	}
	if (days_opt) {
		if (token_days("--days", days_opt, &days) != 0)
			return 2;
	} else if (env && *env && token_days("FKIGOV_TOKEN_DAYS", env, &days) != 0) {
		return 2;
	}
	store_token_expiry(c->st, days, expires);
	return 0;
}

static int token_create(struct cli *c, int argc, char **argv)
{
	const char *login = NULL, *label = NULL, *days = NULL, *until = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--label", &label)) ||
		    (r = cli_opt(argc, argv, &i, "--days", &days)) ||
		    (r = cli_opt(argc, argv, &i, "--expires", &until))) {
			if (r < 0)
				return 2;
		} else if (!login && argv[i][0] != '-') {
			login = argv[i++];
		} else {
			return cli_usage(token_usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!login)
		return cli_usage(token_usage, "angiv kontoens LOGIN.");
	if (days && until)
		return cli_usage(token_usage, "angiv enten --days eller --expires, ikke begge.");
	if (label && strlen(label) > STORE_LABEL_MAX) {
		fprintf(stderr, "fkigov: --label må højst være %d byte. Skriv en kortere note.\n",
		        STORE_LABEL_MAX);
		return 2;
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	char expires[11];
	if ((rc = token_expires(c, days, until, expires)) != 0)
		return rc;
	struct store_account a;
	rc = strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(c->st, login, &a)
	                                      : FK_ENOTFOUND;
	if (rc == FK_OK)
		sodium_memzero(a.pwhash, sizeof a.pwhash);
	if (rc == FK_ENOTFOUND) {
		fprintf(stderr,
		        "fkigov: kontoen »%s« findes ikke. Opret den først med »fkigov user add«, "
		        "eller se »fkigov user list«.\n",
		        login);
		return 2;
	}
	if (rc != FK_OK)
		return err_exit_code(rc);
	if (a.disabled) {
		fprintf(
		    stderr,
		    "fkigov: kontoen »%s« er spærret og kan ikke få et token. Åbn den først med "
		    "»fkigov user enable %s«.\n",
		    login, login);
		return 2;
	}

	char token[AUTH_TOKEN_LEN + 1];
	int64_t id = 0;
	rc = auth_token_make(c->st, c->actor, login, label, expires, token, &id);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: tokenet kunne ikke gemmes.\n");
		return rc == FK_EINPUT ? 2 : err_exit_code(rc);
	}
	printf("%s\n", token);
	sodium_memzero(token, sizeof token);
	fk_date d;
	char da[40] = "";
	if (date_parse(expires, 10, &d) == 0)
		date_format_da(d, da, sizeof da);
	fprintf(stderr,
	        "Token nr. %lld til %s er oprettet og virker til og med %s. Det vises kun denne "
	        "ene gang: gem det et sikkert sted.\n",
	        (long long)id, login, da);
	return 0;
}

/* The state of a token in Danish. */
static const char *token_state(const struct store_token *t)
{
	return t->revoked[0] ? "tilbagekaldt" : t->expired ? "udløbet" : "gyldigt";
}

struct token_ctx {
	json_t *arr;
	size_t n;
};

static int token_row(const struct store_token *t, void *arg)
{
	struct token_ctx *l = arg;
	l->n++;
	if (l->arr) {
		json_array_append_new(
		    l->arr,
		    json_pack("{s:I, s:s, s:o, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)t->id,
		              "login", t->login, "label",
		              t->label[0] ? json_string(t->label) : json_null(), "created",
		              t->created, "expires", t->expires, "last_used",
		              t->last_used[0] ? json_string(t->last_used) : json_null(), "revoked",
		              t->revoked[0] ? json_string(t->revoked) : json_null(), "state",
		              t->revoked[0] ? "revoked"
		              : t->expired  ? "expired"
		                            : "valid"));
		return 0;
	}
	printf("%-5lld %-16s %-20s %-10s %-20s %-12s %s\n", (long long)t->id, t->login, t->created,
	       t->expires, t->last_used[0] ? t->last_used : "aldrig", token_state(t), t->label);
	return 0;
}

static int token_list(struct cli *c, int argc, char **argv)
{
	const char *login = NULL;
	int json = 0;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--json"))
			json = 1;
		else if (!login && argv[i][0] != '-')
			login = argv[i];
		else
			return cli_usage(token_usage, "ukendt argument »%s«.", argv[i]);
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	if (login) {
		struct store_account a;
		rc = strlen(login) <= STORE_LOGIN_MAX ? store_account_by_login(c->st, login, &a)
		                                      : FK_ENOTFOUND;
		if (rc == FK_OK)
			sodium_memzero(a.pwhash, sizeof a.pwhash);
		if (rc == FK_ENOTFOUND) {
			fprintf(stderr,
			        "fkigov: kontoen »%s« findes ikke. Se »fkigov user list«.\n",
			        login);
			return 2;
		}
		if (rc != FK_OK)
			return err_exit_code(rc);
	}
	struct token_ctx l = {json ? json_array() : NULL, 0};
	if (!json)
		/* "UDLØBER" is 8 bytes for 7 characters: its width is one more. */
		printf("%-5s %-16s %-20s %-11s %-20s %-12s %s\n", "NR", "KONTO", "OPRETTET",
		       "UDLØBER", "SENEST BRUGT", "TILSTAND", "NOTE");
	rc = store_token_list(c->st, login, token_row, &l);
	if (rc != FK_OK) {
		json_decref(l.arr);
		fprintf(stderr, "fkigov: tokens kunne ikke læses.\n");
		return err_exit_code(rc);
	}
	if (json)
		cli_print_json(json_pack("{s:o}", "tokens", l.arr));
	else
		printf("%zu %s.\n", l.n, l.n == 1 ? "token" : "tokens");
	return 0;
}

static int token_revoke(struct cli *c, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage(token_usage, "angiv tokenets nummer, fx »fkigov token revoke 3«.");
	long id;
	if (cli_number("token revoke", argv[2], 1L << 30, &id) != 0)
		return 2;
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct store_token t;
	rc = store_token_revoke(c->st, c->actor, id, &t);
	switch (rc) {
	case FK_OK:
		printf("Token nr. %ld (%s) er tilbagekaldt og virker ikke længere.\n", id, t.login);
		return 0;
	case FK_ECONFLICT:
		printf("Token nr. %ld (%s) var allerede tilbagekaldt. Intet er ændret.\n", id,
		       t.login);
		return 0;
	case FK_ENOTFOUND:
		fprintf(stderr,
		        "fkigov: token nr. %ld findes ikke. Se numrene med »fkigov token list«.\n",
		        id);
		return 2;
	default:
		fprintf(stderr, "fkigov: tokenet kunne ikke tilbagekaldes.\n");
		return err_exit_code(rc);
	}
}

int cmd_token(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, token_usage) || argc < 2)
		return argc < 2 ? cli_usage(token_usage, "angiv create, list eller revoke.") : 0;
	if (!strcmp(argv[1], "create"))
		return token_create(c, argc, argv);
	if (!strcmp(argv[1], "list"))
		return token_list(c, argc, argv);
	if (!strcmp(argv[1], "revoke"))
		return token_revoke(c, argc, argv);
	return cli_usage(token_usage, "ukendt underkommando »%s«.", argv[1]);
}
