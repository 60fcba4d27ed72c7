/* Helpers shared by the pages. */
#include "web/web.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"

static const char *const role_names[ROLE__MAX] = {"anonymous", "viewer", "member", "admin"};

const char *role_name(enum role r) { return (unsigned)r < ROLE__MAX ? role_names[r] : "?"; }

const char *role_title(enum role r)
{
	static const char *const titles[ROLE__MAX] = {"gæst", "læser", "medlem", "sekretariat"};
	return (unsigned)r < ROLE__MAX ? titles[r] : "?";
}

int role_parse(const char *s)
{
	for (int i = 1; i < ROLE__MAX; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

const char *web_query(const struct web_req *r, const char *name)
{
	for (size_t i = 0; i < r->nquery; i++)
		if (!strcmp(r->query[i].name, name))
			return r->query[i].value;
	return NULL;
}

const struct web_field *web_form_field(const struct web_req *r, const char *name)
{
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name))
			return &r->form[i];
	return NULL;
}

const char *web_form(const struct web_req *r, const char *name)
{
	const struct web_field *f = web_form_field(r, name);
	return f ? f->value : NULL;
}

void web_resp_header(struct web_resp *p, const char *name, const char *value)
{
	if (p->nheaders >= sizeof p->headers / sizeof p->headers[0])
		return;
	p->headers[p->nheaders].name = xstrdup(name);
	p->headers[p->nheaders].value = xstrdup(value);
	p->nheaders++;
}

void web_redirect(struct web_resp *p, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	free(p->location);
	p->location = xstrdup(tmp);
}

int web_error(struct web_req *r, struct web_resp *p, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	(void)r;
	p->status = status;
	json_decref(p->doc);
	p->doc = json_pack("{s:s, s:i, s:s}", "error", msg, "status", status, "title",
	                   status == 404 ? "Siden findes ikke"
	                   : status == 403 ? "Ingen adgang"
	                   : status == 401 ? "Log ind"
	                   : status >= 500 ? "Der skete en fejl"
	                                   : "Forkerte oplysninger");
	p->tmpl = "error";
	return 0;
}

json_t *web_field_errors(const struct diags *d)
{
	json_t *o = json_object();
	for (size_t i = 0; i < d->n; i++) {
		const char *f = d->v[i].field ? d->v[i].field : "_";
		if (!json_object_get(o, f))
			json_object_set_new(o, f, json_string(d->v[i].msg));
	}
	return o;
}

int web_load_register(struct web_req *r, struct reg *out)
{
	reg_init(out);
	return store_load_register(r->st, r->app->model, out);
}

bool web_private(const struct web_req *r) { return r->user.role != ROLE_ANON; }

bool web_etag_matches(const struct web_req *r, const char *etag)
{
	const char *s = r->if_none_match;
	size_t n = strlen(etag);
	while (s && *s) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '*')
			return true;
		if (!strncmp(s, "W/", 2))
			s += 2;
		size_t k = strcspn(s, ",");
		while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
			k--;
		if (k == n && !strncmp(s, etag, n))
			return true;
		s += strcspn(s, ",");
	}
	return false;
}

bool web_whole(const char *s, long max, long *out)
{
	if (!s || *s < '0' || *s > '9')
		return false;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}
