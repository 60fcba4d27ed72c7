/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The templates and static files built into the binary (scripts/embed-table). */
#include <stdio.h>
#include <string.h>

#include "util/xalloc.h"
#include "web/pages.h"
#include "web/tmpl.h"
#include "web/web.h"

struct embed_file {
	const char *path;
	const unsigned char *data;
	size_t len;
};
extern const struct embed_file embed_files[];
extern const size_t embed_nfiles;

/* Compiles every templates/NAME.mustache as NAME and checks that every partial exists. */
int web_templates_load(struct tmpl_set **out)
{
	struct tmpl_set *s = tmpl_set_new();
	char err[512];
	for (size_t i = 0; i < embed_nfiles; i++) {
		const char *p = embed_files[i].path;
		size_t n = strlen(p);
		if (strncmp(p, "templates/", 10) || n < 19 || strcmp(p + n - 9, ".mustache"))
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(n - 19), p + 10);
		if (tmpl_set_add(s, name, (const char *)embed_files[i].data, embed_files[i].len, err,
		                 sizeof err) != 0) {
			fprintf(stderr, "fkigov: skabelon %s: %s\n", p, err);
			tmpl_set_free(s);
			return -1;
		}
	}
	if (tmpl_set_check(s, err, sizeof err) != 0) {
		fprintf(stderr, "fkigov: skabeloner: %s\n", err);
		tmpl_set_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

static const char *ctype_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	if (!strcmp(dot, ".csv"))
		return "text/csv; charset=utf-8";
	return "application/octet-stream";
}

const unsigned char *web_file(const char *path, size_t *len)
{
	for (size_t i = 0; i < embed_nfiles; i++)
		if (!strcmp(embed_files[i].path, path)) {
			if (len)
				*len = embed_files[i].len;
			return embed_files[i].data;
		}
	return NULL;
}

/* GET /static/{name}: a file of static/. */
int page_static(struct web_req *r, struct web_resp *p)
{
	char path[256];
	snprintf(path, sizeof path, "static/%s", r->param);
	for (size_t i = 0; i < embed_nfiles; i++)
		if (!strcmp(embed_files[i].path, path) && !strchr(r->param, '/')) {
			buf_add(&p->body, embed_files[i].data, embed_files[i].len);
			p->ctype = ctype_of(path);
			p->cacheable = true;
			return 0;
		}
	return web_error(r, p, 404, "Filen %s findes ikke.", r->param);
}
