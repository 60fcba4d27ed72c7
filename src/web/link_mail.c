/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* One-time password links sent by e-mail (auth.h, auth_link_send): the link and its message in
 * one transaction, to the address of the person the account belongs to. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/mail.h"
#include "core/notify.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/auth.h"

/* Queues the message with link l of login to name at addr. */
static int queue(struct store *st, const char *actor, const char *login, const char *name,
                 const char *addr, const char *url, const struct auth_link *l)
{
	bool fresh = !strcmp(l->link.purpose, "new");
	char key[160];
	snprintf(key, sizeof key, "password-link:%s:%lld", login, (long long)l->link.id);
	char *subject = fresh ? xstrdup("Din konto i fkigov: vælg din adgangskode")
	                      : xstrdup("Vælg en ny adgangskode til fkigov");
	char *text = xasprintf(
	    "Kære %s\n\n"
	    "%s Dit brugernavn er %s.\n\n"
	    "Linket herunder virker én gang og indtil %s (UTC). Med det vælger du selv din "
	    "adgangskode på mindst %d tegn; Sekretariat FKI kender den aldrig.%s\n\n"
	    "Har du ikke ventet denne e-mail, så brug ikke linket, men kontakt Sekretariat FKI. "
	    "Linket blev bedt om af %s.",
	    name, fresh ? "Sekretariat FKI har oprettet en konto til dig i fkigov." : "Der er lavet et link, så du kan vælge en ny adgangskode til fkigov.",
	    login, l->link.expires, AUTH_PASSWORD_MIN,
	    fresh ? "" : " Når du har valgt den, bliver du logget ud alle andre steder.", actor);
	struct notices ns = {0};
	notice_add(&ns, key, NULL, addr, name, MAIL_ACTION, subject, text, "Vælg din adgangskode",
	           url);
	int rc = store_mail_queue_notices(st, &ns, NULL);
	notices_free(&ns);
	sodium_memzero(text, strlen(text));
	free(text);
	free(subject);
	return rc;
}

int auth_link_send(struct store *st, const struct web_config *cfg, const char *actor,
                   const char *login, const char *purpose, struct auth_link *out, char *to,
                   size_t nto)
{
	to[0] = '\0';
	int rc = store_begin(st);
	if (rc != FK_OK)
		return rc;
	if ((rc = auth_link_make(st, actor, login, purpose, out)) != FK_OK) {
		store_rollback(st);
		return rc;
	}
	struct store_account a;
	char name[200] = "", addr[256] = "", url[600];
	if ((rc = store_account_by_login(st, login, &a)) == FK_OK && a.person[0])
		rc = store_person_contact(st, a.person, name, sizeof name, addr, sizeof addr);
	sodium_memzero(a.pwhash, sizeof a.pwhash);
	/* Mailed only to a usable address and with the whole address of the link. */
	bool whole = auth_link_address(cfg, out->path, url, sizeof url);
	if (rc == FK_OK && mail_addr_ok(addr) && whole &&
	    (rc = queue(st, actor, login, *name ? name : login, addr, url, out)) == FK_OK)
		snprintf(to, nto, "%s", addr);
	sodium_memzero(url, sizeof url);
	if (rc == FK_ENOTFOUND)
		rc = FK_OK; /* the person is gone: the link is still shown */
	if (rc != FK_OK) {
		store_rollback(st);
		sodium_memzero(out, sizeof *out);
		return rc;
	}
	if ((rc = store_commit(st)) != FK_OK)
		sodium_memzero(out, sizeof *out);
	return rc;
}
