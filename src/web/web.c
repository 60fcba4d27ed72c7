/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Helpers shared by the pages. */
#include "web/web.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "web/form.h"

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

const char *web_field(const struct web_req *r, const char *name)
{
	const char *v = web_form(r, name);
	return v ? v : "";
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

/* ------------------------------------------------------------------ the text rule */

/* Appends why on field unless field has a diagnostic already. */
static void input_bad(struct diags *d, size_t from, const char *field, const char *why)
{
	for (size_t i = from; i < d->n; i++)
		if (!strcmp(d->v[i].field, field))
			return;
	diags_add(d, NULL, 0, 0, field, "%s", why);
}

/* Every string in v: key names the member it is (or is inside), top the body's top-level
 * member it belongs to (the field reported). why[300] is scratch, passed down so that the
 * recursion (as deep as jansson nests, 2048) keeps small frames. */
static void input_json(const json_t *v, const char *top, const char *key, struct diags *d,
                       size_t from, char *why)
{
	const char *k;
	const json_t *x;
	size_t i;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (text_check(json_string_value(v), json_string_length(v), text_multiline(key),
		               why, 300) != 0)
			input_bad(d, from, top ? top : "_", why);
		break;
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, k, x) input_json(x, top ? top : k, k, d, from, why);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x) input_json(x, top, key, d, from, why);
		break;
	default:
		break;
	}
}

size_t web_input_check(const struct web_req *r, struct diags *d)
{
	size_t from = d->n;
	char why[300];
	for (size_t i = 0; i < r->nform; i++) {
		const struct web_field *f = &r->form[i];
		if (f->filename) /* an upload: its bytes are checked by their own reader */
			continue;
		if (text_check(f->value, f->len, text_multiline(f->name), why, sizeof why) != 0)
			input_bad(d, from, f->name, why);
	}
	if (!r->nform && r->body && r->body_len) {
		/* Read as the handler will, but with NULs kept (\u0000), so a value is never
		 * seen cut short; a body that is not JSON is the handler's to answer. */
		json_t *doc =
		    json_loadb(r->body, r->body_len, JSON_ALLOW_NUL | JSON_DECODE_ANY, NULL);
		if (doc)
			input_json(doc, NULL, NULL, d, from, why);
		json_decref(doc);
	}
	return d->n - from;
}

/* The Danish label of a common field, for the error page; NULL when unknown. */
static const char *input_label(const char *field)
{
	static const char *const labels[][2] = {
	    {"title", "Overskrift"},
	    {"text", "Tekst"},
	    {"name", "Navn"},
	    {"reason", "Begrundelse"},
	    {"note", "Bemærkning"},
	    {"description", "Beskrivelse"},
	    {"email", "E-mail"},
	    {"topic", "Emne"},
	    {"question", "Spørgsmål"},
	    {"summary", "Resumé"},
	    {"delivery", "Leverance"},
	    {"presenter", "Oplægsholder"},
	    {"material", "Materiale"},
	    {"recommendation", "Indstilling"},
	    {"decision", "Beslutning"},
	    {"source", "Kilde"},
	    {"indicator", "Indikator"},
	    {"target", "Målværdi"},
	    {"key", "Id"},
	    {"person", "Person"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(labels[i][0], field))
			return labels[i][1];
	return NULL;
}

/* A field's name fit to show: plain (one line, no control characters) and short, else "?". */
static const char *input_name(const char *field)
{
	size_t n = strlen(field);
	return n <= 40 && text_check(field, n, false, NULL, 0) == 0 ? field : "?";
}

bool web_input_refused(struct web_req *r, struct web_resp *p)
{
	struct diags d;
	diags_init(&d);
	if (!web_input_check(r, &d)) {
		diags_free(&d);
		return false;
	}
	if (r->api) {
		char msg[600];
		snprintf(msg, sizeof msg, "Feltet »%s« kan ikke gemmes: %s Intet er gemt.",
		         input_name(d.v[0].field), d.v[0].msg);
		p->status = 400;
		json_decref(p->doc);
		p->doc = json_pack("{s:o, s:o}", "error", form_text(msg), "fields",
		                   web_field_errors(&d));
	} else {
		const char *l0 = input_label(d.v[0].field),
		           *l1 = d.n > 1 ? input_label(d.v[1].field) : NULL;
		char more[160] = "";
		if (d.n > 1)
			snprintf(more, sizeof more, " Det samme gælder feltet »%s«%s.",
			         l1 ? l1 : input_name(d.v[1].field), d.n > 2 ? " og flere" : "");
		web_error(r, p, 400,
		          "Feltet »%s« kan ikke gemmes: %s%s Intet er gemt. Gå tilbage, ret %s, og "
		          "send formularen igen.",
		          l0 ? l0 : input_name(d.v[0].field), d.v[0].msg, more,
		          d.n > 1 ? "felterne" : "feltet");
	}
	diags_free(&d);
	return true;
}
