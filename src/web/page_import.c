/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The web import of appointments: upload a CSV file (GET/POST /import), see a preview with
 * every error or every planned change (GET /import/{id}), then commit it in one audited
 * transaction (POST /import/{id}/commit) or cancel it (POST /import/{id}/cancel).
 *
 * The upload waits in the database (store_import_*) for the account that uploaded it, and
 * is planned again against the register as it is at each step: the preview shows what a
 * commit would do now, and a commit after the register changed goes back to the preview.
 * A saved import removes the account's earlier pending ones (the failed tries before the
 * corrected file). Errors name the column as Excel shows it ("I (body)"), the page lists the
 * valid group and profile ids of the model, and GET /import/template.csv is a file to fill
 * in (the header row and one example row, as Danish Excel opens it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/importer.h"
#include "store/apply.h"
#include "util/csv.h"
#include "util/err.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "web/form.h"
#include "web/pages.h"

#define IMPORT_MAX_AGE_HOURS 24 /* pending imports older than this are deleted */
#define SHOW_ERRORS_MAX 1000    /* errors listed in a preview */
#define SHOW_ROWS_MAX 500       /* planned rows listed in a preview */
#define LIST_MAX 20             /* pending imports listed on /import */

static const char *const origin_labels[SEAT__MAX] = {"Kommune", "KL", "UDK", "KOMBIT"};

/* A positive row id from text, or 0. */
static int64_t parse_id(const char *s)
{
	if (!s || !*s || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* A count from the query string (the result of a commit), or -1. */
static long query_count(const struct web_req *r, const char *name)
{
	const char *s = web_query(r, name);
	if (!s || !*s || strlen(s) > 9)
		return -1;
	for (const char *c = s; *c; c++)
		if (*c < '0' || *c > '9')
			return -1;
	return atol(s);
}

static void size_text(size_t n, char *out, size_t len)
{
	if (n < 1024)
		snprintf(out, len, "%zu byte", n);
	else if (n < 1024 * 1024)
		snprintf(out, len, "%zu kB", (n + 1023) / 1024);
	else
		snprintf(out, len, "%.1f MB", (double)n / (1024.0 * 1024.0));
}

/* "2026-11-27T10:00:00Z" as Danish local time: "27. november 2026 kl. 11.00". */
static void time_text(const char *iso, char *out, size_t len)
{
	date_utc_da(iso, false, out, len);
}

/* The file name to keep: the last path segment (browsers on Windows send a whole path),
 * following the text rule (util/text.h: no control or bidirectional characters), at most
 * 200 bytes. */
static char *clean_filename(const char *name)
{
	const char *s = name ? name : "";
	for (const char *c = s; *c; c++)
		if (*c == '/' || *c == '\\')
			s = c + 1;
	size_t n = strlen(s);
	if (!n || text_check(s, n, false, NULL, 0) != 0)
		return xstrdup("upload.csv");
	if (n > 200) {
		n = 200;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* do not cut a character */
	}
	return xstrndup(s, n);
}

/* ================================================================== /import */

struct list_ctx {
	json_t *arr;
};

static int list_one(const struct store_import *imp, void *arg)
{
	struct list_ctx *c = arg;
	char size[32], when[64];
	size_text(imp->len, size, sizeof size);
	time_text(imp->created, when, sizeof when);
	json_array_append_new(c->arr, json_pack("{s:I, s:o, s:s, s:s}", "id", (json_int_t)imp->id,
	                                        "filename", form_text(imp->filename), "size", size,
	                                        "created", when));
	return 0;
}

/* The upload page's view model: the form and the account's pending imports. */
static json_t *import_doc(struct web_req *r, struct form *fm)
{
	json_t *doc = json_object();
	json_object_set_new(
	    doc, "title",
	    json_string(form_ok(fm) ? "Import af udpegninger" : "Fejl: Import af udpegninger"));
	struct list_ctx c = {json_array()};
	(void)store_import_list(r->st, r->user.login, LIST_MAX, list_one, &c);
	json_object_set_new(doc, "has_pending", json_boolean(json_array_size(c.arr) > 0));
	json_object_set_new(doc, "pending", c.arr);
	char hours[16];
	snprintf(hours, sizeof hours, "%d", IMPORT_MAX_AGE_HOURS);
	json_object_set_new(doc, "max_age_hours", json_string(hours));
	/* The ids a file may use, from the model: groups with seats and their profiles. */
	const struct model *m = r->app->model;
	json_t *bodies = json_array(), *profiles = json_array();
	for (size_t i = 0; i < m->nbodies; i++) {
		const struct model_body *b = &m->bodies[i];
		int seats = 0;
		for (int s = 0; s < SEAT__MAX; s++)
			seats += b->seats[s];
		if (!seats)
			continue;
		json_t *bp = json_array();
		for (size_t k = 0; k < b->nprofiles; k++)
			json_array_append_new(bp, json_string(m->profiles[b->profiles[k]].id));
		json_array_append_new(bodies, json_pack("{s:s, s:s, s:o}", "id", b->id, "name",
		                                        b->name, "profiles", bp));
	}
	for (size_t i = 0; i < m->nprofiles; i++)
		json_array_append_new(profiles, json_pack("{s:s, s:s}", "id", m->profiles[i].id,
		                                          "name", m->profiles[i].name));
	json_object_set_new(doc, "model_bodies", bodies);
	json_object_set_new(doc, "model_profiles", profiles);
	form_finish(fm, doc);
	return doc;
}

/* ================================================================== /import/template.csv */

int page_import_template(struct web_req *r, struct web_resp *p)
{
	const struct model *m = r->app->model;
	/* The example: the first group with municipal seats, one of its profiles. */
	const struct model_body *b = NULL;
	for (size_t i = 0; i < m->nbodies && !b; i++)
		if (m->bodies[i].seats[SEAT_KOMMUNE] > 0)
			b = &m->bodies[i];
	const char *profile = b && b->nprofiles ? m->profiles[b->profiles[0]].id : "";
	char start[11];
	date_format(date_from_ymd(date_year(r->today) + 1, 1, 1), start);
	const char *example[COL__MAX] = {
	    [COL_PERSON] = "p1",      [COL_NAME] = "Anne Hansen", [COL_EMAIL] = "anne@aarhus.dk",
	    [COL_ORG] = "kommune",    [COL_MUNIC] = "751",        [COL_BODY] = b ? b->id : "",
	    [COL_SEAT] = "kommune",   [COL_PROFILE] = profile,    [COL_START] = start,
	    [COL_END] = "",
	};
	/* Semicolons and a byte-order mark: what Danish Excel opens in columns and saves. */
	buf_adds(&p->body, "\xEF\xBB\xBF");
	for (int c = 0; c < COL__MAX; c++) {
		if (c)
			buf_addc(&p->body, ';');
		csv_write_field(&p->body, imp_col_names[c], ';');
	}
	buf_adds(&p->body, "\r\n");
	for (int c = 0; c < COL__MAX; c++) {
		if (c)
			buf_addc(&p->body, ';');
		csv_write_field(&p->body, example[c], ';');
	}
	buf_adds(&p->body, "\r\n");
	p->ctype = "text/csv; charset=utf-8";
	web_resp_header(p, "Content-Disposition",
	                "attachment; filename=\"udpegninger-skabelon.csv\"");
	return 0;
}

int page_import(struct web_req *r, struct web_resp *p)
{
	struct form fm;
	form_init(&fm);
	(void)store_import_expire(r->st, IMPORT_MAX_AGE_HOURS, NULL);
	if (r->method != WM_POST) {
		p->doc = import_doc(r, &fm);
		long nye = query_count(r, "nye"), aendrede = query_count(r, "aendrede"),
		     personer = query_count(r, "personer");
		if (web_query(r, "gemt") && nye >= 0 && aendrede >= 0 && personer >= 0) {
			char msg[400];
			snprintf(msg, sizeof msg,
			         "Importen er gemt: %ld %s, %ld %s og %ld %s. Ændringerne står i "
			         "revisionsloggen.",
			         nye, nye == 1 ? "ny udpegning" : "nye udpegninger", aendrede,
			         aendrede == 1 ? "ændret udpegning" : "ændrede udpegninger",
			         personer, personer == 1 ? "ny person" : "nye personer");
			json_object_set_new(p->doc, "flash", json_string(msg));
			json_object_set_new(p->doc, "committed", json_true());
		} else if (web_query(r, "annulleret")) {
			json_object_set_new(
			    p->doc, "flash",
			    json_string("Importen er annulleret. Intet er ændret i registret."));
		}
		return 0;
	}

	const struct web_field *f = web_form_field(r, "file");
	if (!f || (!f->len && (!f->filename || !*f->filename))) {
		form_error(&fm, "file", "Fil",
		           "Vælg den CSV- eller Excel-fil med udpegninger, du vil indlæse.");
	} else if (!f->len) {
		char *name = clean_filename(f->filename);
		form_error(&fm, "file", "Fil", "Filen »%s« er tom. Vælg filen med udpegningerne.",
		           name);
		free(name);
	}
	if (!form_ok(&fm)) {
		p->status = 400;
		p->doc = import_doc(r, &fm);
		return 0;
	}
	char *name = clean_filename(f->filename);
	int64_t id = 0;
	int rc = store_import_put(r->st, r->user.login, name, f->value, f->len, &id);
	free(name);
	if (rc != FK_OK) {
		form_free(&fm);
		return web_error(r, p, 500,
		                 "Filen kunne ikke gemmes til forhåndsvisning. Intet er ændret i "
		                 "registret. Prøv igen om lidt.");
	}
	form_free(&fm);
	web_redirect(p, "/import/%lld", (long long)id);
	return 0;
}

/* ================================================================== /import/{id} */

/* The pending import named by r->param, of this account; else an error page. */
static int get_pending(struct web_req *r, struct web_resp *p, struct store_import *imp)
{
	int64_t id = parse_id(r->param);
	int rc = id ? store_import_get(r->st, id, r->user.login, imp) : FK_ENOTFOUND;
	if (rc == FK_OK)
		return 0;
	if (rc == FK_ENOTFOUND)
		web_error(r, p, 404,
		          "Importen findes ikke. Den er måske allerede gemt eller annulleret, "
		          "eller den er "
		          "mere end %d timer gammel. Upload filen igen under Import.",
		          IMPORT_MAX_AGE_HOURS);
	else
		web_error(r, p, 500, "Importen kunne ikke læses. Prøv igen om lidt.");
	return -1;
}

/* The header row of a file: each column's text and where it starts, to name an error's
 * column as a spreadsheet shows it. */
struct header {
	char **name;
	long *line, *col;
	size_t n;
};

static void header_read(struct header *h, const char *data, size_t len)
{
	memset(h, 0, sizeof *h);
	struct csv_reader rd;
	csv_open(&rd, data, len, NULL);
	if (csv_next(&rd, NULL) > 0) {
		h->n = rd.nfields;
		h->name = xmalloc((h->n + 1) * sizeof *h->name);
		h->line = xmalloc((h->n + 1) * sizeof *h->line);
		h->col = xmalloc((h->n + 1) * sizeof *h->col);
		for (size_t i = 0; i < h->n; i++) {
			const char *s = rd.fields[i].s;
			size_t l = strlen(s);
			while (*s == ' ')
				s++, l--;
			while (l && s[l - 1] == ' ')
				l--;
			h->name[i] = xstrndup(s, l > 64 ? 64 : l);
			h->line[i] = rd.fields[i].line;
			h->col[i] = rd.fields[i].col;
		}
	}
	csv_close(&rd);
}

static void header_free(struct header *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
	free(h->line);
	free(h->col);
}

/* The column of an error as Excel shows it, "I (body)", into out; "" when the error is not
 * about one column (a whole line, or the file). */
static void col_text(const struct header *h, const char *field, const struct diag *d, char *out,
                     size_t n)
{
	*out = '\0';
	size_t at = h->n;
	for (size_t i = 0; field && i < h->n; i++)
		if (!strcasecmp(h->name[i], field)) {
			at = i;
			break;
		}
	for (size_t i = 0; at == h->n && !field && d->col && i < h->n; i++)
		if (h->line[i] == d->line && h->col[i] == d->col)
			at = i;
	if (at == h->n)
		return;
	char letters[8];
	csv_col_letters(at, letters);
	if (*h->name[at])
		snprintf(out, n, "%s (%s)", letters, h->name[at]);
	else
		snprintf(out, n, "%s", letters);
}

/* One error of the importer as a table row: "column: message" is split into field and
 * message when the prefix names a column; the column is named as Excel shows it. */
static json_t *error_row(const struct header *h, const struct diag *d)
{
	const char *msg = d->msg, *field = NULL;
	for (int c = 0; c < COL__MAX; c++) {
		size_t n = strlen(imp_col_names[c]);
		if (!strncmp(msg, imp_col_names[c], n) && msg[n] == ':' && msg[n + 1] == ' ') {
			field = imp_col_names[c];
			msg += n + 2;
			break;
		}
	}
	json_t *o = json_pack("{s:o}", "message", form_text(msg));
	if (d->line)
		json_object_set_new(o, "line", json_integer(d->line));
	char col[96] = "";
	if (d->sheet && d->col > 0) {
		/* A workbook's cell: its column's letters and header, and the cell as Excel names it. */
		char letters[8], cell[160];
		csv_col_letters((size_t)d->col - 1, letters);
		snprintf(col, sizeof col, field ? "%s (%s)" : "%s", letters, field ? field : "");
		snprintf(cell, sizeof cell, "%s!%s%ld", d->sheet, letters, d->line);
		json_object_set_new(o, "cell", form_text(cell));
	} else if (!d->sheet) {
		col_text(h, field, d, col, sizeof col);
	}
	json_object_set_new(o, "col", *col ? form_text(col) : json_null());
	if (field)
		json_object_set_new(o, "field", json_string(field));
	return o;
}

/* A key and a position: appointment ids in the register, or line numbers in the plan. */
struct id_ix {
	int64_t id;
	size_t at;
};

static int cmp_id(const void *x, const void *y)
{
	const struct id_ix *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

static const struct reg_appt *find_id(const struct reg *reg, const struct id_ix *ix, int64_t id)
{
	struct id_ix key = {id, 0};
	const struct id_ix *hit = bsearch(&key, ix, reg->nappts, sizeof *ix, cmp_id);
	return hit ? &reg->appts[hit->at] : NULL;
}

static void munic_text(const struct munic_table *mt, int code, char *out, size_t n)
{
	const struct munic *mu = code ? munic_find(mt, code) : NULL;
	if (mu)
		snprintf(out, n, "%s (%03d)", mu->name, code);
	else if (code)
		snprintf(out, n, "%03d", code);
	else
		snprintf(out, n, "–");
}

/* "Sidste dag: 2026-12-31 → 2027-06-30" for each field an update changes. */
static json_t *changes(const struct model *m, const struct munic_table *mt,
                       const struct reg_appt *old, const struct reg_appt *a)
{
	json_t *arr = json_array();
	char x[200], y[200], line[500];
	if (old->org != a->org) {
		snprintf(line, sizeof line, "Organisation: %s → %s", seat_name(old->org),
		         seat_name(a->org));
		json_array_append_new(arr, json_string(line));
	}
	if (old->munic != a->munic) {
		munic_text(mt, old->munic, x, sizeof x);
		munic_text(mt, a->munic, y, sizeof y);
		snprintf(line, sizeof line, "Kommune: %s → %s", x, y);
		json_array_append_new(arr, form_text(line));
	}
	if (old->seat != a->seat) {
		snprintf(line, sizeof line, "Plads: %s → %s", seat_name(old->seat),
		         seat_name(a->seat));
		json_array_append_new(arr, json_string(line));
	}
	if (old->profile != a->profile) {
		snprintf(line, sizeof line, "Profil: %s → %s",
		         old->profile >= 0 ? m->profiles[old->profile].name : "ingen",
		         a->profile >= 0 ? m->profiles[a->profile].name : "ingen");
		json_array_append_new(arr, form_text(line));
	}
	if (old->end != a->end) {
		if (old->end == DATE_OPEN)
			snprintf(x, sizeof x, "ingen");
		else
			date_format(old->end, x);
		if (a->end == DATE_OPEN)
			snprintf(y, sizeof y, "ingen");
		else
			date_format(a->end, y);
		snprintf(line, sizeof line, "Sidste dag: %s → %s", x, y);
		json_array_append_new(arr, json_string(line));
	}
	return arr;
}

/* The preview of a plan with no errors: counts and the rows it writes. */
static void plan_view(const struct web_req *r, const struct reg *reg, const struct imp_plan *plan,
                      json_t *doc)
{
	const struct model *m = r->app->model;
	size_t ins = 0, upd = 0, newp = 0, chp = 0;
	for (size_t i = 0; i < plan->nappts; i++) {
		if (plan->appts[i].a.id)
			upd++;
		else
			ins++;
	}
	for (size_t i = 0; i < plan->npersons; i++) {
		newp += plan->persons[i].is_new != 0;
		chp += plan->persons[i].changed != 0;
	}
	json_object_set_new(
	    doc, "summary",
	    json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:s, s:s, s:s, s:s}", "rows",
	              (json_int_t)plan->rows, "new", (json_int_t)ins, "changed", (json_int_t)upd,
	              "unchanged", (json_int_t)plan->unchanged, "new_people", (json_int_t)newp,
	              "changed_people", (json_int_t)chp, "nothing",
	              plan->nappts == 0 && chp == 0 && newp == 0, "new_label",
	              ins == 1 ? "ny udpegning" : "nye udpegninger", "changed_label",
	              upd == 1 ? "ændret udpegning" : "ændrede udpegninger", "unchanged_label",
	              plan->unchanged == 1 ? "række står allerede i registret"
	                                   : "rækker står allerede i registret",
	              "new_people_label", newp == 1 ? "ny person" : "nye personer"));

	struct id_ix *ix = NULL;
	if (upd) {
		ix = xmalloc((reg->nappts + 1) * sizeof *ix);
		for (size_t i = 0; i < reg->nappts; i++)
			ix[i] = (struct id_ix){reg->appts[i].id, i};
		qsort(ix, reg->nappts, sizeof *ix, cmp_id);
	}
	/* In the order of the file. */
	struct id_ix *order = xmalloc((plan->nappts + 1) * sizeof *order);
	for (size_t i = 0; i < plan->nappts; i++)
		order[i] = (struct id_ix){plan->appts[i].line, i};
	qsort(order, plan->nappts, sizeof *order, cmp_id);
	json_t *rows = json_array();
	for (size_t i = 0; i < plan->nappts && i < SHOW_ROWS_MAX; i++) {
		const struct imp_appt *pa = &plan->appts[order[i].at];
		const struct reg_appt *a = &pa->a;
		const struct imp_person *ip = &plan->persons[a->person];
		char mun[200], start[11], end[11] = "";
		munic_text(r->app->mt, a->munic, mun, sizeof mun);
		date_format(a->start, start);
		if (a->end != DATE_OPEN)
			date_format(a->end, end);
		json_t *o = json_pack(
		    "{s:I, s:b, s:o, s:o, s:b, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "line",
		    (json_int_t)pa->line, "update", a->id != 0, "person", form_text(ip->key),
		    "name", form_text(ip->name), "new_person", ip->is_new != 0, "body",
		    m->bodies[a->body].id, "body_name", m->bodies[a->body].name, "seat",
		    origin_labels[a->seat], "organisation", origin_labels[a->org], "municipality",
		    form_text(mun), "profile", a->profile >= 0 ? m->profiles[a->profile].name : "–",
		    "start", start, "end", *end ? end : "–");
		const struct reg_appt *old = a->id && ix ? find_id(reg, ix, a->id) : NULL;
		json_t *ch = old ? changes(m, r->app->mt, old, a) : NULL;
		if (json_array_size(ch))
			json_object_set_new(o, "change_list", json_pack("{s:o}", "items", ch));
		else
			json_decref(ch);
		json_array_append_new(rows, o);
	}
	free(ix);
	free(order);
	json_object_set_new(doc, "has_rows", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(doc, "rows", rows);
	if (plan->nappts > SHOW_ROWS_MAX)
		json_object_set_new(doc, "rows_cut",
		                    json_pack("{s:i, s:I}", "shown", SHOW_ROWS_MAX, "total",
		                              (json_int_t)plan->nappts));
}

int page_import_show(struct web_req *r, struct web_resp *p)
{
	struct store_import imp;
	if (get_pending(r, p, &imp))
		return 0;
	struct reg reg;
	int64_t version = 0;
	if (store_version(r->st, &version) != FK_OK || web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		free(imp.data);
		return web_error(r, p, 500, "Registret kunne ikke læses. Prøv igen om lidt.");
	}
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	int rc =
	    imp_file(r->app->model, r->app->mt, &reg, imp.data, imp.len, imp.filename, &plan, &d);

	json_t *doc = json_object();
	char size[32], when[64], ver[32];
	size_text(imp.len, size, sizeof size);
	time_text(imp.created, when, sizeof when);
	snprintf(ver, sizeof ver, "%lld", (long long)version);
	json_object_set_new(doc, "import",
	                    json_pack("{s:I, s:o, s:s, s:s}", "id", (json_int_t)imp.id, "filename",
	                              form_text(imp.filename), "size", size, "created", when));
	json_object_set_new(doc, "version", json_string(ver));
	if (web_query(r, "endret"))
		json_object_set_new(doc, "register_changed", json_true());
	if (rc != FK_OK) {
		json_t *errs = json_array();
		struct header h;
		if (imp_is_xlsx(imp.data, imp.len))
			memset(&h, 0, sizeof h); /* errors carry their cells */
		else
			header_read(&h, imp.data, imp.len);
		json_object_set_new(doc, "xlsx", json_boolean(imp_is_xlsx(imp.data, imp.len)));
		for (size_t i = 0; i < d.n && i < SHOW_ERRORS_MAX; i++)
			json_array_append_new(errs, error_row(&h, &d.v[i]));
		header_free(&h);
		json_object_set_new(doc, "errors", errs);
		json_object_set_new(doc, "error_count", json_integer((json_int_t)d.n));
		if (d.n > SHOW_ERRORS_MAX)
			json_object_set_new(doc, "errors_cut", json_integer(SHOW_ERRORS_MAX));
		json_object_set_new(doc, "title", json_string("Fejl i importfilen"));
	} else {
		plan_view(r, &reg, &plan, doc);
		json_object_set_new(doc, "ok", json_true());
		json_object_set_new(doc, "title", json_string("Forhåndsvisning af import"));
	}
	imp_plan_free(&plan);
	diags_free(&d);
	reg_free(&reg);
	free(imp.data);
	p->doc = doc;
	p->tmpl = "import_show";
	return 0;
}

/* ================================================================== commit and cancel */

struct ids {
	int64_t v[256];
	size_t n;
	int64_t below;
};

static int collect_earlier(const struct store_import *imp, void *arg)
{
	struct ids *x = arg;
	if (imp->id < x->below && x->n < sizeof x->v / sizeof x->v[0])
		x->v[x->n++] = imp->id;
	return 0;
}

/* Deletes the account's pending imports uploaded before the one just saved (id): the tries
 * that failed before the corrected file, which the saved file supersedes. */
static void supersede(struct web_req *r, int64_t id)
{
	struct ids x = {.n = 0, .below = id};
	if (store_import_list(r->st, r->user.login, 256, collect_earlier, &x) != FK_OK)
		return;
	for (size_t i = 0; i < x.n; i++)
		(void)store_import_delete(r->st, x.v[i], r->user.login);
}

int page_import_commit(struct web_req *r, struct web_resp *p)
{
	struct store_import imp;
	if (get_pending(r, p, &imp))
		return 0;
	/* The preview showed the plan against one version of the register; a commit against
	 * another goes back to a fresh preview instead of writing what the user did not see. */
	int64_t version = 0;
	char ver[32];
	if (store_version(r->st, &version) != FK_OK) {
		free(imp.data);
		return web_error(r, p, 500,
		                 "Registret kunne ikke læses. Intet er ændret. Prøv igen om lidt.");
	}
	snprintf(ver, sizeof ver, "%lld", (long long)version);
	const char *seen = web_form(r, "version");
	if (!seen || strcmp(seen, ver) != 0) {
		web_redirect(p, "/import/%lld?endret=1", (long long)imp.id);
		free(imp.data);
		return 0;
	}
	struct reg reg;
	if (web_load_register(r, &reg) != FK_OK) {
		reg_free(&reg);
		free(imp.data);
		return web_error(r, p, 500,
		                 "Registret kunne ikke læses. Intet er ændret. Prøv igen om lidt.");
	}
	struct diags d;
	diags_init(&d);
	struct imp_plan plan;
	int rc =
	    imp_file(r->app->model, r->app->mt, &reg, imp.data, imp.len, imp.filename, &plan, &d);
	diags_free(&d);
	reg_free(&reg);
	if (rc != FK_OK) {
		imp_plan_free(&plan);
		web_redirect(p, "/import/%lld?endret=1", (long long)imp.id);
		free(imp.data);
		return 0;
	}
	size_t ins = 0, upd = 0, newp = 0;
	for (size_t i = 0; i < plan.npersons; i++)
		newp += plan.persons[i].is_new != 0;
	rc = store_apply_plan(r->st, r->user.login, r->app->model, &plan, &ins, &upd);
	imp_plan_free(&plan);
	if (rc != FK_OK) {
		free(imp.data);
		return web_error(
		    r, p, 500,
		    "Importen kunne ikke gemmes, så intet er ændret i registret. Filen venter "
		    "stadig under Import; prøv igen om lidt.");
	}
	(void)store_import_delete(r->st, imp.id, r->user.login);
	supersede(r, imp.id);
	free(imp.data);
	web_redirect(p, "/import?gemt=1&nye=%zu&aendrede=%zu&personer=%zu", ins, upd, newp);
	return 0;
}

int page_import_cancel(struct web_req *r, struct web_resp *p)
{
	int64_t id = parse_id(r->param);
	int rc = id ? store_import_delete(r->st, id, r->user.login) : FK_ENOTFOUND;
	if (rc == FK_ENOTFOUND)
		return web_error(
		    r, p, 404,
		    "Importen findes ikke. Den er måske allerede gemt eller annulleret.");
	if (rc != FK_OK)
		return web_error(r, p, 500, "Importen kunne ikke annulleres. Prøv igen om lidt.");
	web_redirect(p, "/import?annulleret=1");
	return 0;
}
