/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Form view models: values, errors per field, the error summary; UTF-8 checks. */
#include "web/form.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "web/web.h"

void form_date_da(json_t *o, const char *key, fk_date t)
{
	char da[40] = "";
	if (t != DATE_NONE)
		date_format_da(t, da, sizeof da);
	json_object_set_new(o, key, json_string(da));
}

void form_init(struct form *fm)
{
	fm->f = json_object();
	fm->errors = json_array();
}

/* The object of field name, created on first use. */
static json_t *field(struct form *fm, const char *name)
{
	json_t *o = json_object_get(fm->f, name);
	if (!o) {
		o = json_object();
		json_object_set_new(fm->f, name, o);
	}
	return o;
}

void form_value(struct form *fm, const char *name, const char *value)
{
	json_object_set_new(field(fm, name), "value", form_text(value));
}

void form_error(struct form *fm, const char *name, const char *label, const char *fmt, ...)
{
	json_t *o = field(fm, name);
	if (json_object_get(o, "error"))
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	json_object_set_new(o, "error", form_text(msg));
	json_array_append_new(fm->errors, json_pack("{s:s, s:s, s:o}", "field", name, "label",
	                                            label, "message", form_text(msg)));
}

bool form_ok(const struct form *fm)
{
	return json_array_size(fm->errors) == 0;
}

size_t form_nerrors(const struct form *fm)
{
	return json_array_size(fm->errors);
}

void form_finish(struct form *fm, json_t *doc)
{
	size_t n = json_array_size(fm->errors);
	json_object_set_new(doc, "f", fm->f);
	json_object_set_new(doc, "errors", fm->errors);
	json_object_set_new(doc, "has_errors", json_boolean(n > 0));
	json_object_set_new(doc, "many_errors", json_boolean(n > 1));
	fm->f = NULL;
	fm->errors = NULL;
}

void form_free(struct form *fm)
{
	json_decref(fm->f);
	json_decref(fm->errors);
	fm->f = NULL;
	fm->errors = NULL;
}

bool form_date(struct form *fm, const char *name, const char *label, const char *value,
               bool required, fk_date *out)
{
	char t[64];
	const char *s = value ? value : "";
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= sizeof t)
		n = sizeof t - 1;
	memcpy(t, s, n);
	t[n] = '\0';
	if (!n) {
		if (required)
			form_error(fm, name, label, "Skriv datoen, fx 31-12-2027.");
		return !required;
	}
	if (date_parse_da(t, n, out) == 0) {
		/* Shown again as the date input reads it (YYYY-MM-DD) when another field fails. */
		if (json_object_get(fm->f, name)) {
			char iso[11];
			date_format(*out, iso);
			form_value(fm, name, iso);
		}
		return true;
	}
	int d, m, y;
	char tail;
	if (sscanf(t, "%d%*[-./]%d%*[-./]%d%c", &d, &m, &y, &tail) == 3 && y >= 0 && y < 100)
		form_error(fm, name, label,
		           "Skriv året med fire cifre, fx %d-%d-20%02d.", d, m, y);
	else
		form_error(fm, name, label,
		           "»%s« er ikke en dato, der findes. Skriv dag, måned og år, fx 31-12-2027.",
		           t);
	return false;
}

const char *form_date_iso(const char *v, char buf[11])
{
	fk_date t;
	if (!v || date_parse_da(v, strlen(v), &t) != 0)
		return v;
	date_format(t, buf);
	return buf;
}

/* ------------------------------------------------------------------ UTF-8 */

/* Length of the well-formed UTF-8 sequence at p (RFC 3629), or 0. */
static size_t seq_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xbf;
	if (c < 0x80)
		return c ? 1 : 0;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

bool form_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t n = seq_len(p, end);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

json_t *form_text(const char *s)
{
	if (!s)
		return json_string("");
	size_t len = strlen(s);
	if (form_utf8(s, len))
		return json_stringn(s, len);
	struct buf b;
	buf_init(&b);
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		size_t n = seq_len(p, end);
		if (n) {
			buf_add(&b, p, n);
			p += n;
		} else {
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
		}
	}
	json_t *j = json_stringn(b.s, b.len);
	buf_free(&b);
	return j ? j : json_string("");
}

json_t *form_url(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	buf_init(&b);
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.' || *c == '~') {
			buf_addc(&b, (char)*c);
		} else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*c >> 4]);
			buf_addc(&b, hex[*c & 15]);
		}
	}
	json_t *j = json_stringn(b.s, b.len);
	buf_free(&b);
	return j;
}

size_t form_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool form_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

char *form_take(struct form *fm, const struct web_req *r, const char *name, const char *label)
{
	const struct web_field *f = web_form_field(r, name);
	const char *v = f ? f->value : "";
	char why[300];
	/* The text rule (util/text.h) on all f->len bytes: a NUL is refused, never cut at. */
	if (f && text_check(f->value, f->len, text_multiline(name), why, sizeof why) != 0) {
		form_value(fm, name, "");
		form_error(fm, name, label, "%s", why);
		return xstrdup("");
	}
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	char *s = xstrndup(v, n);
	form_value(fm, name, s);
	return s;
}

void form_diags(struct form *fm, const struct diags *d, const char *const *map, size_t nmap)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *name = map[1], *label = map[2];
		for (size_t k = 0; k + 2 < nmap; k += 3)
			if (d->v[i].field && !strcmp(d->v[i].field, map[k])) {
				name = map[k + 1];
				label = map[k + 2];
			}
		form_error(fm, name, label, "%s", d->v[i].msg);
	}
}
