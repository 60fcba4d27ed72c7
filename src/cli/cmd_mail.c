/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* fkigov mail send [--all]; fkigov mail list [--status STATUS] [--json] (SPEC §8);
 * fkigov mail prefs PERSON [--digest daily|off] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/mail.h"
#include "util/err.h"
#include "web/mailer.h"

static const char usage[] =
    "Brug: fkigov [--db STI] mail send [--all]\n"
    "      fkigov [--db STI] mail list [--status queued|sent|failed|held|digested] [--json]\n"
    "      fkigov [--db STI] mail prefs PERSON [--digest daily|off]\n\n"
    "Beskederne (e-mail) lægges i udbakken i databasen sammen med den ændring, der udløser\n"
    "dem, og sendes bagefter: af »serve« hvert minut og af »mail send« (til en timer).\n"
    "send lægger først det i kø, som kalenderen gør aktuelt i dag (påmindelser om høringer,\n"
    "perioder, der udløber), og sender så det, der er i kø og klar, én gang; --all sender\n"
    "også det, der venter på et nyt forsøg. Afslutningskode: 0 alt er sendt eller venter på\n"
    "et nyt forsøg; 1 noget kunne ikke sendes (status »failed«, se mail list); 2\n"
    "opsætningen er forkert (fx mangler FKIGOV_SMTP_URL).\n"
    "prefs viser eller sætter en persons valg: --digest daily samler orienteringer i én\n"
    "e-mail om dagen (fra kl. 7; status »held«, derefter »digested«); beskeder, der beder om\n"
    "handling, sendes altid med det samme. --digest off sender dem straks, også dem, der\n"
    "venter. Medlemmet kan selv vælge på /my.\n\n"
    "FKIGOV_SMTP_URL   smtp://[bruger:adgangskode@]vært[:port] (STARTTLS, når serveren\n"
    "                  tilbyder det) eller smtps://… (TLS fra start)\n"
    "FKIGOV_MAIL_FROM  afsenderen, fx \"Sekretariat FKI <fki@kombit.dk>\"\n"
    "FKIGOV_PUBLIC_URL adressen på fkigov i beskedernes links (ellers http://127.0.0.1:8080)\n"
    "FKIGOV_SMTP_CA    en fil med den CA, postserverens certifikat skal godkendes mod\n"
    "                  (ellers systemets)\n";

static int mail_prefs(struct cli *c, int argc, char **argv)
{
	const char *person = NULL, *digest = NULL;
	for (int i = 2; i < argc;) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--digest", &digest))) {
			if (r < 0)
				return 2;
		} else if (!person && argv[i][0] != '-') {
			person = argv[i++];
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	if (!person)
		return cli_usage(usage, "angiv personens id, fx »fkigov mail prefs sg01«.");
	if (digest && strcmp(digest, "daily") && strcmp(digest, "off")) {
		fprintf(stderr, "fkigov: --digest: skriv daily eller off.\n");
		return 2;
	}
	int rc = cli_open(c, true);
	if (rc)
		return rc;
	if (reg_person_find(&c->reg, person) < 0) {
		fprintf(stderr, "fkigov: personen »%s« findes ikke. Se »fkigov person list«.\n",
		        person);
		return 2;
	}
	bool on = false;
	if (digest)
		rc = store_mail_pref_set(c->st, c->actor, person, !strcmp(digest, "daily"));
	if (rc == FK_OK)
		rc = store_mail_pref(c->st, person, &on);
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: valget kunne ikke %s.\n", digest ? "gemmes" : "læses");
		return 1;
	}
	printf("%s: %s\n", person,
	       on ? "orienteringer samles i én e-mail om dagen"
	          : "orienteringer sendes med det samme");
	return 0;
}

static int mail_send(struct cli *c, int argc, char **argv)
{
	bool all = false;
	for (int i = 2; i < argc; i++) {
		if (cli_flag(argv, i, "--all"))
			all = true;
		else
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct mailer_result res;
	char why[600];
	rc = mailer_round(c->st, c->model, all, "cli", &res, why, sizeof why);
	if (res.queued)
		printf("%zu %s lagt i kø efter kalenderen.\n", res.queued,
		       res.queued == 1 ? "besked" : "beskeder");
	if (rc != FK_OK) {
		fprintf(stderr, "fkigov: %s\n", why);
		return rc == FK_EUSAGE ? 2 : 1; /* 2: the configuration is wrong */
	}
	if (res.busy) {
		printf("En anden afsender (serve eller mail send) er i gang; beskederne sendes af "
		       "den.\n");
		return 0;
	}
	printf("%zu sendt, %zu venter på et nyt forsøg, %zu kunne ikke sendes.\n", res.sent,
	       res.retry, res.failed);
	if (res.failed)
		fprintf(stderr,
		        "fkigov: %zu %s kunne ikke sendes; se »fkigov mail list --status failed« "
		        "eller siden /mail.\n",
		        res.failed, res.failed == 1 ? "besked" : "beskeder");
	return res.failed ? 1 : 0;
}

static json_t *utc_or_null(int64_t t)
{
	if (!t)
		return json_null();
	int64_t days = t / 86400, s = t % 86400;
	char d[11], out[32];
	date_format((fk_date)days, d);
	snprintf(out, sizeof out, "%sT%02d:%02d:%02dZ", d, (int)(s / 3600), (int)(s / 60 % 60),
	         (int)(s % 60));
	return json_string(out);
}

static int mail_list(struct cli *c, int argc, char **argv)
{
	int state = -1;
	bool json = false;
	for (int i = 2; i < argc;) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--status", &v))) {
			if (r < 0)
				return 2;
			if ((state = mail_state_parse(v)) < 0)
				return cli_usage(usage, "--status skal være queued, sent, failed, held eller digested.");
		} else if (cli_flag(argv, i, "--json")) {
			json = true;
			i++;
		} else {
			return cli_usage(usage, "ukendt argument »%s«.", argv[i]);
		}
	}
	int rc = cli_open(c, false);
	if (rc)
		return rc;
	struct store_mail *v;
	size_t n;
	if ((rc = store_mail_list(c->st, state, 0, &v, &n)) != FK_OK) {
		fprintf(stderr, "fkigov: udbakken kunne ikke læses.\n");
		return 1;
	}
	json_t *arr = json ? json_array() : NULL;
	for (size_t i = 0; i < n; i++) {
		const struct store_mail *m = &v[i];
		if (json) {
			json_t *o = json_pack(
			    "{s:I, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:s?, s:s, s:s?}", "id",
			    (json_int_t)m->id, "key", m->key, "message_id", m->message_id, "person",
			    m->person, "address", m->address, "name", m->name ? m->name : "", "subject",
			    m->subject, "kind", mail_kind_name((enum mail_kind)m->kind), "status",
			    mail_state_name((enum mail_state)m->state), "attempts", m->attempts,
			    "next_attempt",
			    m->state == MAIL_QUEUED ? utc_or_null(m->next_at) : json_null(), "answer",
			    m->answer, "created", m->created, "sent", m->sent);
			if (m->digest)
				json_object_set_new(o, "digest", json_integer((json_int_t)m->digest));
			json_array_append_new(arr, o);
			continue;
		}
		printf("%6lld  %-6s  %d  %s  %s  %s\n", (long long)m->id,
		       mail_state_name((enum mail_state)m->state), m->attempts,
		       m->sent ? m->sent : m->created, m->address, m->subject);
		if (m->answer && m->state != MAIL_SENT)
			printf("        svar: %s\n", m->answer);
	}
	store_mails_free(v, n);
	if (json)
		cli_print_json(json_pack("{s:o}", "messages", arr));
	return 0;
}

int cmd_mail(struct cli *c, int argc, char **argv)
{
	if (cli_help(argv, argc, usage))
		return 0;
	if (argc < 2)
		return cli_usage(usage, "angiv send eller list.");
	if (!strcmp(argv[1], "send"))
		return mail_send(c, argc, argv);
	if (!strcmp(argv[1], "list"))
		return mail_list(c, argc, argv);
	if (!strcmp(argv[1], "prefs"))
		return mail_prefs(c, argc, argv);
	return cli_usage(usage, "ukendt underkommando »%s«.", argv[1]);
}
