/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* The first sheet of a workbook (xlsx_read.h): libzip for the package, expat for its parts.
 *
 * A package names its parts by relationships: _rels/.rels gives the workbook, the workbook's
 * rels give its sheets, shared strings and styles. Each part is parsed as a stream of 64 kB
 * chunks, with names split into namespace and local name, so a prefix ("x:c") or the
 * Strict namespaces read like the usual ones. */
#include "util/xlsx_read.h"

#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define NS_SEP '|'
#define MAX_ROW 1048576L
#define MAX_COL 16384L
#define MAX_RELS 4096
#define MAX_STRINGS (16u << 20)
#define MAX_XF 65536

struct xlr {
	zip_t *z;
	char *sheet_name;
	char *sheet_part;
	char **sst;         /* shared strings */
	size_t *sstlen;
	size_t nsst, capsst;
	bool *date_xf;      /* per cell format: a date */
	size_t nxf, capxf;
	bool date1904;
};

/* ------------------------------------------------------------------ parsing a part */

/* What every part's handlers share: the parser, to stop it, and why it was stopped. */
struct parse {
	XML_Parser p;
	char why[200];
};

static void stop(struct parse *ps, const char *why)
{
	if (!ps->why[0])
		snprintf(ps->why, sizeof ps->why, "%s", why);
	XML_StopParser(ps->p, XML_FALSE);
}

/* The local name of "namespace|name", or name. */
static const char *local(const char *name)
{
	const char *s = strrchr(name, NS_SEP);
	return s ? s + 1 : name;
}

/* Whether the n bytes at s contain the text ns. */
static bool contains(const char *s, size_t n, const char *ns)
{
	size_t k = strlen(ns);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp(s + i, ns, k))
			return true;
	return false;
}

/* The value of the attribute with this local name and no namespace; or, with ns set, of the
 * one with this local name in a namespace whose URI contains ns. */
static const char *attr(const char **at, const char *name, const char *ns)
{
	for (; *at; at += 2) {
		const char *sep = strrchr(*at, NS_SEP);
		if (!ns && !sep && !strcmp(*at, name))
			return at[1];
		if (ns && sep && !strcmp(sep + 1, name) && contains(*at, (size_t)(sep - *at), ns))
			return at[1];
	}
	return NULL;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	stop(ud, "Filen indeholder en dokumenttypeerklæring, som et Excel-regneark aldrig har");
}

/* The part's handlers: user data starts with a struct parse. */
struct handlers {
	XML_StartElementHandler start;
	XML_EndElementHandler end;
	XML_CharacterDataHandler text;
};

/* Parses the part name of the package with h. 1 when there is no such part, 0 when it was
 * parsed, -1 with the reason in err[n]; *line is the XML line where it stopped. */
static int part_parse(struct xlr *x, const char *name, const struct handlers *h, struct parse *ps,
                      char *err, size_t n)
{
	zip_int64_t ix = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
	if (ix < 0)
		return 1;
	zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)ix, 0);
	if (!f) {
		snprintf(err, n, "Delen %s af regnearket kan ikke pakkes ud (%s)", name,
		         zip_strerror(x->z));
		return -1;
	}
	XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
	ps->p = p;
	ps->why[0] = '\0';
	XML_SetUserData(p, ps);
	XML_SetElementHandler(p, h->start, h->end);
	XML_SetCharacterDataHandler(p, h->text);
	XML_SetStartDoctypeDeclHandler(p, no_doctype);
	int rc = 0;
	size_t total = 0;
	char chunk[65536];
	for (;;) {
		zip_int64_t got = zip_fread(f, chunk, sizeof chunk);
		if (got < 0) {
			snprintf(err, n, "Delen %s af regnearket er beskadiget (%s)", name,
			         zip_file_strerror(f));
			rc = -1;
			break;
		}
		total += (size_t)got;
		if (total > XLR_PART_MAX) {
			snprintf(err, n, "Delen %s af regnearket er over %u MB udpakket", name,
			         XLR_PART_MAX >> 20);
			rc = -1;
			break;
		}
		if (XML_Parse(p, chunk, (int)got, got == 0) != XML_STATUS_OK) {
			if (ps->why[0])
				snprintf(err, n, "%s (%s, linje %lu)", ps->why, name,
				         (unsigned long)XML_GetCurrentLineNumber(p));
			else
				snprintf(err, n, "Delen %s af regnearket er ikke gyldig XML: %s (linje %lu)",
				         name, XML_ErrorString(XML_GetErrorCode(p)),
				         (unsigned long)XML_GetCurrentLineNumber(p));
			rc = -1;
			break;
		}
		if (got == 0)
			break;
	}
	XML_ParserFree(p);
	zip_fclose(f);
	return rc;
}

/* ------------------------------------------------------------------ relationships */

struct rels {
	struct parse ps;
	char *id[MAX_RELS], *target[MAX_RELS], *type[MAX_RELS];
	size_t n;
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **at)
{
	struct rels *r = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	const char *id = attr(at, "Id", NULL), *target = attr(at, "Target", NULL),
	           *type = attr(at, "Type", NULL);
	if (!id || !target || !type || r->n == MAX_RELS)
		return;
	r->id[r->n] = xstrdup(id);
	r->target[r->n] = xstrdup(target);
	r->type[r->n] = xstrdup(type);
	r->n++;
}

static void rels_free(struct rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->id[i]);
		free(r->target[i]);
		free(r->type[i]);
	}
	r->n = 0;
}

/* The part a relationship of the part in dir ("xl/") points to: "/xl/a.xml" from the root,
 * "worksheets/sheet1.xml" relative to dir; ".." is not followed. NULL when it leaves. */
static char *resolve(const char *dir, const char *target)
{
	if (strstr(target, ".."))
		return NULL;
	if (target[0] == '/')
		return xstrdup(target + 1);
	return xasprintf("%s%s", dir, target);
}

/* The first relationship whose type ends in "/suffix", or whose id is id. */
static const char *rel_find(const struct rels *r, const char *suffix, const char *id)
{
	for (size_t i = 0; i < r->n; i++) {
		if (id && !strcmp(r->id[i], id))
			return r->target[i];
		size_t lt = strlen(r->type[i]), ls = suffix ? strlen(suffix) : 0;
		if (suffix && lt > ls && r->type[i][lt - ls - 1] == '/' &&
		    !strcmp(r->type[i] + lt - ls, suffix))
			return r->target[i];
	}
	return NULL;
}

/* ------------------------------------------------------------------ the workbook */

struct book {
	struct parse ps;
	struct xlr *x;
	char *rid;
};

static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **at)
{
	struct book *b = ud;
	const char *l = local(name);
	if (!strcmp(l, "workbookPr")) {
		const char *v = attr(at, "date1904", NULL);
		b->x->date1904 = v && (!strcmp(v, "1") || !strcasecmp(v, "true"));
	} else if (!strcmp(l, "sheet") && !b->rid) {
		const char *nm = attr(at, "name", NULL), *rid = attr(at, "id", "relationships");
		if (nm && rid) {
			b->x->sheet_name = xstrdup(nm);
			b->rid = xstrdup(rid);
		}
	}
}

/* ------------------------------------------------------------------ shared strings */

struct sst {
	struct parse ps;
	struct xlr *x;
	struct buf text;
	int in_t;     /* inside a <t> of the string (not of a phonetic run) */
	int in_rph;   /* inside <rPh>: a reading aid, not the text */
	int in_si;
};

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **at)
{
	(void)at;
	struct sst *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "si")) {
		s->in_si = 1;
		buf_reset(&s->text);
	} else if (!strcmp(l, "rPh")) {
		s->in_rph++;
	} else if (!strcmp(l, "t") && s->in_si && !s->in_rph) {
		s->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	struct xlr *x = s->x;
	const char *l = local(name);
	if (!strcmp(l, "t")) {
		s->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		s->in_rph--;
	} else if (!strcmp(l, "si") && s->in_si) {
		s->in_si = 0;
		if (x->nsst == MAX_STRINGS) {
			stop(&s->ps, "Regnearket har for mange forskellige tekster");
			return;
		}
		size_t cap = x->capsst;
		x->sst = xgrow(x->sst, sizeof *x->sst, x->nsst + 1, &cap);
		cap = x->capsst;
		x->sstlen = xgrow(x->sstlen, sizeof *x->sstlen, x->nsst + 1, &cap);
		x->capsst = cap;
		x->sstlen[x->nsst] = s->text.len;
		x->sst[x->nsst++] = xstrndup(s->text.s, s->text.len);
	}
}

static void XMLCALL sst_text(void *ud, const XML_Char *t, int len)
{
	struct sst *s = ud;
	if (s->in_t)
		buf_add(&s->text, t, (size_t)len);
}

/* ------------------------------------------------------------------ styles */

/* Whether a number format shows a date or a time: a built-in one of those, or a format code
 * with d, m, y, h or s outside quotes, escapes and [brackets]. */
static bool builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static bool code_is_date(const char *c)
{
	for (; *c; c++) {
		if (*c == '"') {
			while (c[1] && c[1] != '"')
				c++;
			if (c[1])
				c++;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (c[1])
				c++;
		} else if (*c == '[') {
			while (c[1] && c[1] != ']')
				c++;
		} else if (strchr("dDmMyYhHsS", *c)) {
			return true;
		}
	}
	return false;
}

struct styles {
	struct parse ps;
	struct xlr *x;
	long custom[1024];  /* custom number formats that are dates */
	size_t ncustom;
	int in_xfs;
};

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **at)
{
	struct styles *s = ud;
	struct xlr *x = s->x;
	const char *l = local(name);
	if (!strcmp(l, "numFmt")) {
		const char *id = attr(at, "numFmtId", NULL), *code = attr(at, "formatCode", NULL);
		if (id && code && code_is_date(code) && s->ncustom < 1024)
			s->custom[s->ncustom++] = atol(id);
	} else if (!strcmp(l, "cellXfs")) {
		s->in_xfs = 1;
	} else if (!strcmp(l, "xf") && s->in_xfs) {
		if (x->nxf == MAX_XF) {
			stop(&s->ps, "Regnearket har for mange celleformater");
			return;
		}
		const char *v = attr(at, "numFmtId", NULL);
		long id = v ? atol(v) : 0;
		bool date = builtin_date(id);
		for (size_t i = 0; i < s->ncustom && !date; i++)
			date = s->custom[i] == id;
		x->date_xf = xgrow(x->date_xf, sizeof *x->date_xf, x->nxf + 1, &x->capxf);
		x->date_xf[x->nxf++] = date;
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles *s = ud;
	if (!strcmp(local(name), "cellXfs"))
		s->in_xfs = 0;
}

/* ------------------------------------------------------------------ opening */

struct xlr *xlr_open(const void *data, size_t len, char *err, size_t n)
{
	static const char not_book[] =
	    "Filen er ikke et Excel-regneark (.xlsx). Gem den i Excel som »Excel-projektmappe« "
	    "eller som »CSV UTF-8«, og prøv igen";
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = len ? zip_source_buffer_create(data, len, 0, &ze) : NULL;
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		if (src)
			zip_source_free(src);
		snprintf(err, n, "%s", not_book);
		return NULL;
	}
	struct xlr *x = xcalloc(1, sizeof *x);
	x->z = z;
	static const struct handlers rel_h = {rels_start, NULL, NULL};
	struct rels *r = xcalloc(1, sizeof *r);
	char *book_part = NULL, *dir = NULL;
	int rc = part_parse(x, "_rels/.rels", &rel_h, &r->ps, err, n);
	const char *t = rc == 0 ? rel_find(r, "officeDocument", NULL) : NULL;
	book_part = t ? resolve("", t) : xstrdup("xl/workbook.xml");
	rels_free(r);
	if (rc < 0 || !book_part)
		goto bad;
	/* The workbook's own folder and its relationships. */
	const char *slash = strrchr(book_part, '/');
	dir = xstrndup(book_part, slash ? (size_t)(slash - book_part + 1) : 0);
	struct book b = {.x = x};
	static const struct handlers book_h = {book_start, NULL, NULL};
	rc = part_parse(x, book_part, &book_h, &b.ps, err, n);
	if (rc > 0)
		snprintf(err, n, "%s", not_book);
	if (rc != 0 || !b.rid) {
		if (rc == 0)
			snprintf(err, n, "Regnearket har ingen ark");
		free(b.rid);
		goto bad;
	}
	char *rels_part = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : book_part);
	rc = part_parse(x, rels_part, &rel_h, &r->ps, err, n);
	free(rels_part);
	t = rc == 0 ? rel_find(r, NULL, b.rid) : NULL;
	free(b.rid);
	if (rc != 0 || !t || !(x->sheet_part = resolve(dir, t))) {
		if (rc >= 0)
			snprintf(err, n, "Regnearkets første ark kan ikke findes i filen");
		goto bad;
	}
	const char *sst_t = rel_find(r, "sharedStrings", NULL), *sty_t = rel_find(r, "styles", NULL);
	char *sst_part = sst_t ? resolve(dir, sst_t) : NULL, *sty_part = sty_t ? resolve(dir, sty_t) : NULL;
	rc = 0;
	if (sst_part) {
		struct sst s = {.x = x};
		buf_init(&s.text);
		static const struct handlers sst_h = {sst_start, sst_end, sst_text};
		rc = part_parse(x, sst_part, &sst_h, &s.ps, err, n) < 0 ? -1 : 0;
		buf_free(&s.text);
	}
	if (rc == 0 && sty_part) {
		struct styles *s = xcalloc(1, sizeof *s);
		s->x = x;
		static const struct handlers sty_h = {styles_start, styles_end, NULL};
		rc = part_parse(x, sty_part, &sty_h, &s->ps, err, n) < 0 ? -1 : 0;
		free(s);
	}
	free(sst_part);
	free(sty_part);
	if (rc != 0)
		goto bad;
	rels_free(r);
	free(r);
	free(book_part);
	free(dir);
	return x;
bad:
	rels_free(r);
	free(r);
	free(book_part);
	free(dir);
	xlr_close(x);
	return NULL;
}

const char *xlr_sheet(const struct xlr *x)
{
	return x->sheet_name ? x->sheet_name : "Ark1";
}

void xlr_close(struct xlr *x)
{
	if (!x)
		return;
	zip_discard(x->z);
	for (size_t i = 0; i < x->nsst; i++)
		free(x->sst[i]);
	free(x->sst);
	free(x->sstlen);
	free(x->date_xf);
	free(x->sheet_name);
	free(x->sheet_part);
	free(x);
}

/* ------------------------------------------------------------------ the sheet */

enum ctype { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE };

struct cellpos {
	long col;
	enum ctype type;
	bool date;
	size_t off, len; /* the value's text in sheet.text */
};

struct sheet {
	struct parse ps;
	struct xlr *x;
	int (*row)(void *arg, long r, const struct xlr_cell *cells, size_t n);
	void *arg;
	int stopped;          /* the callback's return */
	long r, lastcol, cur_row_attr;
	int in_row, in_c, in_v, in_is, in_t, in_rph;
	struct cellpos c;
	struct cellpos *cells;
	size_t ncells, capcells;
	struct buf text;      /* the values of the row's cells, one after another */
	struct xlr_cell *out;
	size_t capout;
};

/* "F12" → column 6; the row part is checked by the row element. 0 when malformed. */
static long ref_col(const char *s)
{
	long col = 0;
	int k = 0;
	for (; *s >= 'A' && *s <= 'Z' && k < 4; s++, k++)
		col = col * 26 + (*s - 'A' + 1);
	if (!k || k > 3 || col > MAX_COL || *s < '1' || *s > '9')
		return 0;
	return col;
}

static long num_attr(const char *v, long max)
{
	if (!v || !*v || strlen(v) > 8)
		return 0;
	long n = 0;
	for (; *v; v++) {
		if (*v < '0' || *v > '9')
			return 0;
		n = n * 10 + (*v - '0');
	}
	return n <= max ? n : 0;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **at)
{
	struct sheet *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "row")) {
		const char *v = attr(at, "r", NULL);
		long r = v ? num_attr(v, MAX_ROW) : s->r + 1;
		if (r <= s->r || r > MAX_ROW) {
			stop(&s->ps, r > MAX_ROW ? "Arket har flere rækker, end Excel tillader"
			                         : "Arkets rækker står ikke i rækkefølge");
			return;
		}
		s->r = r;
		s->in_row = 1;
		s->lastcol = 0;
		s->ncells = 0;
		buf_reset(&s->text);
	} else if (!strcmp(l, "c") && s->in_row) {
		const char *ref = attr(at, "r", NULL), *t = attr(at, "t", NULL), *st = attr(at, "s", NULL);
		long col = ref ? ref_col(ref) : s->lastcol + 1;
		if (col <= s->lastcol || col > MAX_COL) {
			stop(&s->ps, "En celle i arket har en ugyldig placering");
			return;
		}
		s->lastcol = col;
		s->in_c = 1;
		s->c = (struct cellpos){col, CT_NUMBER, false, s->text.len, 0};
		if (t && !strcmp(t, "s"))
			s->c.type = CT_SHARED;
		else if (t && !strcmp(t, "inlineStr"))
			s->c.type = CT_INLINE;
		else if (t && !strcmp(t, "str"))
			s->c.type = CT_STR;
		else if (t && !strcmp(t, "b"))
			s->c.type = CT_BOOL;
		else if (t && !strcmp(t, "e"))
			s->c.type = CT_ERROR;
		else if (t && !strcmp(t, "d"))
			s->c.type = CT_DATE;
		long xf = st ? num_attr(st, MAX_XF) : 0;
		s->c.date = (size_t)xf < s->x->nxf && s->x->date_xf[xf];
	} else if (s->in_c && !strcmp(l, "v")) {
		s->in_v = 1;
	} else if (s->in_c && !strcmp(l, "is")) {
		s->in_is = 1;
	} else if (s->in_is && !strcmp(l, "rPh")) {
		s->in_rph++;
	} else if (s->in_is && !s->in_rph && !strcmp(l, "t")) {
		s->in_t = 1;
	}
}

/* Hands the finished row to the callback, with each cell's value resolved. */
static void sheet_row_done(struct sheet *s)
{
	struct xlr *x = s->x;
	if (!s->ncells)
		return;
	s->out = xgrow(s->out, sizeof *s->out, s->ncells, &s->capout);
	size_t k = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		const struct cellpos *c = &s->cells[i];
		const char *v = s->text.s + c->off;
		struct xlr_cell *o = &s->out[k];
		*o = (struct xlr_cell){c->col, XLR_TEXT, 0, c->date, v, c->len};
		char *end;
		switch (c->type) {
		case CT_SHARED: {
			long ix = num_attr(v, 0x7fffffffL);
			if ((ix == 0 && strcmp(v, "0") != 0) || (size_t)ix >= x->nsst) {
				stop(&s->ps, "En celle henviser til en tekst, som regnearket ikke har");
				return;
			}
			o->s = x->sst[ix];
			o->len = x->sstlen[ix];
			break;
		}
		case CT_INLINE:
		case CT_STR:
			break;
		case CT_DATE: /* ISO 8601; a day at midnight is the day */
			if (c->len > 10 && v[10] == 'T' && strspn(v + 11, "0:.") == c->len - 11)
				o->len = 10;
			break;
		case CT_BOOL:
			o->kind = XLR_BOOL;
			o->num = strcmp(v, "1") == 0;
			o->s = o->num ? "SAND" : "FALSK";
			o->len = strlen(o->s);
			break;
		case CT_ERROR:
			o->kind = XLR_ERROR;
			break;
		case CT_NUMBER:
			if (!c->len)
				continue; /* a formula without a calculated value, or a styled blank */
			o->num = strtod(v, &end);
			if (*end || !isfinite(o->num)) {
				stop(&s->ps, "En celle i arket har et tal, der ikke kan læses");
				return;
			}
			o->kind = XLR_NUMBER;
			break;
		}
		if (o->kind == XLR_TEXT && !o->len)
			continue; /* an empty text is an empty cell */
		k++;
	}
	if (k && (s->stopped = s->row(s->arg, s->r, s->out, k)) != 0)
		XML_StopParser(s->ps.p, XML_FALSE);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sheet *s = ud;
	const char *l = local(name);
	if (!strcmp(l, "v")) {
		s->in_v = 0;
	} else if (!strcmp(l, "t")) {
		s->in_t = 0;
	} else if (!strcmp(l, "rPh")) {
		if (s->in_rph)
			s->in_rph--;
	} else if (!strcmp(l, "is")) {
		s->in_is = 0;
	} else if (!strcmp(l, "c") && s->in_c) {
		s->in_c = 0;
		s->c.len = s->text.len - s->c.off;
		buf_addc(&s->text, '\0');
		s->cells = xgrow(s->cells, sizeof *s->cells, s->ncells + 1, &s->capcells);
		s->cells[s->ncells++] = s->c;
	} else if (!strcmp(l, "row") && s->in_row) {
		s->in_row = 0;
		sheet_row_done(s);
	}
}

static void XMLCALL sheet_text(void *ud, const XML_Char *t, int len)
{
	struct sheet *s = ud;
	if (s->in_c && (s->in_v || s->in_t)) {
		if (s->text.len + (size_t)len > XLR_PART_MAX)
			stop(&s->ps, "En række i arket er for lang");
		else
			buf_add(&s->text, t, (size_t)len);
	}
}

int xlr_rows(struct xlr *x, int (*row)(void *arg, long r, const struct xlr_cell *cells, size_t n),
             void *arg, char *err, size_t n, long *at_row)
{
	struct sheet s = {.x = x, .row = row, .arg = arg};
	buf_init(&s.text);
	static const struct handlers h = {sheet_start, sheet_end, sheet_text};
	int rc = part_parse(x, x->sheet_part, &h, &s.ps, err, n);
	if (rc > 0)
		snprintf(err, n, "Regnearkets første ark mangler i filen");
	*at_row = s.r;
	buf_free(&s.text);
	free(s.cells);
	free(s.out);
	if (s.stopped)
		return s.stopped;
	return rc ? -1 : 0;
}

int xlr_day(const struct xlr *x, double v, fk_date *out)
{
	if (!isfinite(v) || v < 0 || v > 2958466.0)
		return -1;
	long serial = (long)floor(v);
	fk_date d;
	if (x->date1904)
		d = date_from_ymd(1904, 1, 1) + (fk_date)serial;
	else if (serial >= 61)
		d = date_from_ymd(1899, 12, 30) + (fk_date)serial;
	else if (serial >= 1 && serial < 60)
		d = date_from_ymd(1899, 12, 31) + (fk_date)serial;
	else
		return -1; /* day 0 and Excel's 29 February 1900 */
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	if (y < 1900 || y > 9999)
		return -1;
	*out = d;
	return 0;
}
