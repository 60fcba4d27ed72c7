/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* GET/POST /login and POST /logout. */
#include <stdio.h>
#include <string.h>

#include "util/text.h"
#include "web/auth.h"
#include "web/pages.h"

/* Only local paths are followed after login (no open redirect): one '/' and then anything
 * but '/', '\', a control character or white space ("/\t/evil.example" is "//evil.example"
 * to a browser, which drops tabs and newlines from URLs); no control or bidirectional
 * character anywhere (the text rule, util/text.h). Anything else, and "/" itself, is "/". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || text_check(next, strlen(next), false, NULL, 0) != 0)
		return "/";
	unsigned char c = (unsigned char)next[1];
	if (c == '/' || c == '\\' || c == ' ' || c == 0x7f || (c && c < 0x20))
		return "/";
	return next;
}

int page_login(struct web_req *r, struct web_resp *p)
{
	const char *next = safe_next(r->method == WM_POST ? web_form(r, "next") : web_query(r, "next"));
	if (r->method != WM_POST) {
		if (r->user.role != ROLE_ANON) {
			web_redirect(p, "%s", next);
			return 0;
		}
		p->doc = json_pack("{s:s, s:s}", "title", "Log ind", "next", next);
		return 0;
	}
	const char *login = web_form(r, "login"), *password = web_form(r, "password");
	char msg[300];
	if (!login || !*login || !password || !*password) {
		snprintf(msg, sizeof msg, "Skriv brugernavn og adgangskode.");
	} else if (auth_login(r, p, login, password, msg, sizeof msg) == 0) {
		web_redirect(p, "%s", next);
		return 0;
	}
	/* Told to wait (auth_login set Retry-After): 429 Too Many Requests, else 401. */
	p->status = 401;
	for (size_t i = 0; i < p->nheaders; i++)
		if (!strcmp(p->headers[i].name, "Retry-After"))
			p->status = 429;
	p->doc = json_pack("{s:s, s:s, s:s, s:s}", "title", "Log ind", "next", next, "error", msg,
	                   "login", login ? login : "");
	return 0;
}

int page_logout(struct web_req *r, struct web_resp *p)
{
	auth_logout(r, p);
	web_redirect(p, "/");
	return 0;
}
