/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
/* Mustache templates: a compiler from template text to a flat node list, and a renderer that
 * walks it (see tmpl.h for the language and the contract).
 *
 * A template is compiled once into an array of nodes. A section is its opening node followed
 * by its body; the node records where the body ends, so rendering is a loop over an index
 * range with recursion only into section bodies and partials. Text nodes and names are slices
 * of the template's own copy of its source: rendering copies text straight from there, looks
 * names up with json_object_getn and gathers the output in a buffer on the C stack that is
 * appended to the caller's buffer a few kilobytes at a time.
 *
 * Standalone lines (spec): a section, inverted, end, comment, partial or delimiter tag alone on
 * its line, with only spaces and tabs around it, takes the whole line with it (its leading
 * whitespace and its line ending). A standalone partial indents every line of the partial by
 * that leading whitespace. The compiler marks each node that begins a line of the template
 * (bol); while a partial is rendered with an indent, a node marked bol writes the indent first,
 * and a text node also writes it after each of its newlines that has text after it. This gives
 * the same output as indenting the partial's source text before compiling it, as the
 * specification describes, while compiling each partial only once. */
#include "web/tmpl.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* ------------------------------------------------------------------------------------ */
/* Compiled form */

enum op {
	OP_TEXT,     /* u.text: bytes of the source */
	OP_BOL,      /* writes nothing but the indent (an inline tag that begins a line) */
	OP_VAR,      /* u.name: {{x}}, escaped */
	OP_RAW,      /* u.name: {{{x}}} and {{& x}} */
	OP_SECTION,  /* u.name: {{#x}}; body is the nodes up to u.name.end */
	OP_INVERTED, /* u.name: {{^x}}; likewise */
	OP_PARTIAL,  /* u.partial: {{> x}} */
};

#define NO_TMPL UINT32_MAX

struct node {
	uint8_t op;
	uint8_t bol;        /* begins a line of the template */
	uint8_t standalone; /* OP_PARTIAL: alone on its line, so it indents the partial */
	uint16_t nparts;    /* names: parts of the dotted name; 0 is the implicit iterator "." */
	uint32_t pos;       /* offset of the tag in the source (for messages) */
	union {
		struct {
			uint32_t off, len;
		} text;
		/* part: the first of nparts entries in tmpl.parts; end (OP_SECTION,
		 * OP_INVERTED): the index of the node after the body */
		struct {
			uint32_t part, end;
		} name;
		struct {
			uint32_t off, len;         /* the partial's name in the source */
			uint32_t ind_off, ind_len; /* the standalone indent in the source */
			uint32_t target;           /* index in the set, or NO_TMPL */
		} partial;
	} u;
};

/* One part of a dotted name: a slice of the source. */
struct part {
	uint32_t off, len;
};

struct tmpl {
	char *name;
	char *src; /* a copy of the source; text and names point into it */
	struct node *nodes;
	uint32_t nnodes;
	struct part *parts;
};

struct tmpl_set {
	struct tmpl **t;
	size_t n, cap;
	size_t max_output;
	size_t max_steps;
};

static void tmpl_free(struct tmpl *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->src);
	free(t->nodes);
	free(t->parts);
	free(t);
}

/* ------------------------------------------------------------------------------------ */
/* Compiler */

struct open_section {
	uint32_t node;   /* index of the OP_SECTION or OP_INVERTED node */
	size_t name_off; /* the name as written (trimmed), to match the end tag */
	size_t name_len;
};

struct parser {
	const char *tname; /* template name, for messages */
	struct tmpl *t;
	const char *s, *end; /* t->src and its end */
	const char *ot, *ct; /* current delimiters (slices of the source, or "{{" and "}}") */
	size_t otn, ctn;
	int bol; /* the next node begins a line */
	size_t ncap, pcap;
	uint32_t nparts; /* entries used in t->parts */
	struct open_section *stack;
	size_t nstack, scap;
	char *err;
	size_t errlen;
};

/* The first needle[0..nn) in hay[0..hn), or NULL (memmem is not in POSIX). */
static const char *find_bytes(const char *hay, size_t hn, const char *needle, size_t nn)
{
	assert(nn > 0);
	const char *end = hay + hn;
	while ((size_t)(end - hay) >= nn) {
		const char *c = memchr(hay, needle[0], (size_t)(end - hay) - nn + 1);
		if (!c)
			return NULL;
		if (memcmp(c + 1, needle + 1, nn - 1) == 0)
			return c;
		hay = c + 1;
	}
	return NULL;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Line and column (in UTF-8 characters) of source offset off, both from 1. */
static void line_col(const char *s, size_t off, unsigned long *line, unsigned long *col)
{
	unsigned long l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Writes "name:line:col: message" into err (when given). Always returns -1. */
static int report(char *err, size_t errlen, const char *tname, const char *s, size_t off,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static int report(char *err, size_t errlen, const char *tname, const char *s, size_t off,
                  const char *fmt, ...)
{
	if (!err || !errlen)
		return -1;
	unsigned long line, col;
	line_col(s, off, &line, &col);
	int n = snprintf(err, errlen, "%s:%lu:%lu: ", tname, line, col);
	if (n >= 0 && (size_t)n < errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Names quoted in messages are cut at this many bytes. */
#define NAME_SHOW 60
#define SHOW(len) ((int)((len) > NAME_SHOW ? NAME_SHOW : (len)))

static struct node *add_node(struct parser *p, enum op op, const char *tag)
{
	struct tmpl *t = p->t;
	t->nodes = xgrow(t->nodes, sizeof *t->nodes, (size_t)t->nnodes + 1, &p->ncap);
	struct node *n = &t->nodes[t->nnodes++];
	memset(n, 0, sizeof *n);
	n->op = (uint8_t)op;
	n->pos = (uint32_t)(tag - p->s);
	return n;
}

static void add_text(struct parser *p, const char *from, const char *to)
{
	if (to <= from)
		return;
	struct node *n = add_node(p, OP_TEXT, from);
	n->bol = (uint8_t)p->bol;
	n->u.text.off = (uint32_t)(from - p->s);
	n->u.text.len = (uint32_t)(to - from);
	p->bol = to[-1] == '\n';
}

/* Compiles the dotted name name[0..len) (trimmed, not empty) of a variable or section into
 * n: "." has no parts, "a.b" the parts "a" and "b". */
static int set_name(struct parser *p, struct node *n, const char *name, size_t len)
{
	struct tmpl *t = p->t;
	n->u.name.part = p->nparts;
	n->nparts = 0;
	if (len == 1 && name[0] == '.')
		return 0;
	size_t dots = 0;
	for (size_t i = 0; i < len; i++)
		dots += name[i] == '.';
	if (dots >= UINT16_MAX)
		return report(p->err, p->errlen, p->tname, p->s, n->pos,
		              "navnet har for mange led (punktummer)");
	t->parts = xgrow(t->parts, sizeof *t->parts, (size_t)p->nparts + dots + 1, &p->pcap);
	const char *q = name, *end = name + len;
	for (;;) {
		const char *dot = memchr(q, '.', (size_t)(end - q));
		const char *e = dot ? dot : end;
		t->parts[p->nparts].off = (uint32_t)(q - p->s);
		t->parts[p->nparts].len = (uint32_t)(e - q);
		p->nparts++;
		n->nparts++;
		if (!dot)
			break;
		q = dot + 1;
	}
	return 0;
}

/* Finds the end of the tag whose content starts at from: the closing delimiter, preceded by
 * pre when pre is not 0 ("}" for {{{x}}}, "=" for {{=a b=}}). Returns where the closing
 * sequence starts and its length in *n, or NULL when the tag is never closed. */
static const char *find_close(const struct parser *p, const char *from, char pre, size_t *n)
{
	const char *q = from;
	if (pre) {
		if (from >= p->end)
			return NULL;
		q = from + 1;
	}
	while ((size_t)(p->end - q) >= p->ctn) {
		const char *k = find_bytes(q, (size_t)(p->end - q), p->ct, p->ctn);
		if (!k)
			return NULL;
		if (!pre) {
			*n = p->ctn;
			return k;
		}
		if (k[-1] == pre) {
			*n = p->ctn + 1;
			return k - 1;
		}
		q = k + 1;
	}
	return NULL;
}

/* Takes the delimiters from the body content[0..len) of a {{=a b=}} tag: two words, neither
 * containing "=", separated by whitespace. */
static int set_delims(struct parser *p, const char *content, size_t len, const char *tag)
{
	const char *q = content, *end = content + len;
	while (q < end && is_space(*q))
		q++;
	const char *a = q;
	while (q < end && !is_space(*q))
		q++;
	const char *ae = q;
	while (q < end && is_space(*q))
		q++;
	const char *b = q;
	while (q < end && !is_space(*q))
		q++;
	const char *be = q;
	while (q < end && is_space(*q))
		q++;
	if (ae == a || be == b || q != end || memchr(a, '=', (size_t)(ae - a)) ||
	    memchr(b, '=', (size_t)(be - b)))
		return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
		              "ugyldigt skift af skilletegn; skriv to skilletegn uden mellemrum og "
		              "lighedstegn, fx {{=<%% %%>=}}");
	p->ot = a;
	p->otn = (size_t)(ae - a);
	p->ct = b;
	p->ctn = (size_t)(be - b);
	return 0;
}

static int need_name(const struct parser *p, const char *tag, size_t len)
{
	if (len)
		return 0;
	return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
	              "mærket har intet navn; skriv navnet på en værdi mellem skilletegnene");
}

/* Compiles one tag, tag[0..) up to tag_end, whose kind is kind (0 for a plain variable) and
 * whose trimmed content is c[0..clen). The text before it is already added. */
static int add_tag(struct parser *p, char kind, const char *tag, const char *c, size_t clen,
                   int standalone, const char *indent)
{
	struct tmpl *t = p->t;
	struct node *n;
	switch (kind) {
	case '!':
	case '=':
		break;
	case 0:
	case '&':
	case '{':
		if (need_name(p, tag, clen))
			return -1;
		n = add_node(p, kind ? OP_RAW : OP_VAR, tag);
		n->bol = (uint8_t)p->bol;
		return set_name(p, n, c, clen);
	case '#':
	case '^':
		if (need_name(p, tag, clen))
			return -1;
		if (p->nstack >= TMPL_MAX_DEPTH)
			return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
			              "sektionerne er indlejret i mere end %d niveauer",
			              TMPL_MAX_DEPTH);
		n = add_node(p, kind == '#' ? OP_SECTION : OP_INVERTED, tag);
		n->bol = (uint8_t)(standalone ? 0 : p->bol);
		if (set_name(p, n, c, clen))
			return -1;
		p->stack = xgrow(p->stack, sizeof *p->stack, p->nstack + 1, &p->scap);
		p->stack[p->nstack++] = (struct open_section){
		    .node = t->nnodes - 1,
		    .name_off = (size_t)(c - p->s),
		    .name_len = clen,
		};
		return 0;
	case '/': {
		if (!p->nstack)
			return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
			              "slutmærket for »%.*s« lukker ingen åben sektion; slet det",
			              SHOW(clen), c);
		struct open_section o = p->stack[p->nstack - 1];
		if (o.name_len != clen || memcmp(p->s + o.name_off, c, clen) != 0) {
			unsigned long line, col;
			line_col(p->s, t->nodes[o.node].pos, &line, &col);
			return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
			              "slutmærket for »%.*s« passer ikke til sektionen »%.*s«, som "
			              "blev åbnet i linje %lu; luk den først",
			              SHOW(clen), c, SHOW(o.name_len), p->s + o.name_off, line);
		}
		if (!standalone && p->bol)
			add_node(p, OP_BOL, tag)->bol = 1;
		t->nodes[o.node].u.name.end = t->nnodes;
		p->nstack--;
		return 0;
	}
	case '>':
		if (need_name(p, tag, clen))
			return -1;
		n = add_node(p, OP_PARTIAL, tag);
		n->bol = (uint8_t)(standalone ? 0 : p->bol);
		n->standalone = (uint8_t)standalone;
		n->u.partial.off = (uint32_t)(c - p->s);
		n->u.partial.len = (uint32_t)clen;
		n->u.partial.ind_off = (uint32_t)(indent - p->s);
		n->u.partial.ind_len = standalone ? (uint32_t)(tag - indent) : 0;
		n->u.partial.target = NO_TMPL;
		return 0;
	default:
		assert(0);
	}
	/* A comment or a delimiter change: nothing to render but, inline at the start of a
	 * line, the indent of that line. */
	if (!standalone && p->bol)
		add_node(p, OP_BOL, tag)->bol = 1;
	return 0;
}

/* Compiles p->s into p->t. Returns 0, or -1 with the message in p->err. */
static int parse(struct parser *p)
{
	const char *pos = p->s, *text = p->s;
	for (;;) {
		const char *tag = find_bytes(pos, (size_t)(p->end - pos), p->ot, p->otn);
		if (!tag)
			break;
		const char *q = tag + p->otn;
		char kind = q < p->end ? *q : 0, pre = 0;
		switch (kind) {
		case '!':
		case '#':
		case '^':
		case '/':
		case '>':
		case '&':
			q++;
			break;
		case '{':
		case '=':
			pre = kind == '{' ? '}' : '=';
			q++;
			break;
		default:
			kind = 0;
		}
		size_t closen = 0;
		const char *close = find_close(p, q, pre, &closen);
		if (!close) {
			const char pres[2] = {pre, '\0'};
			return report(p->err, p->errlen, p->tname, p->s, (size_t)(tag - p->s),
			              "mærket bliver ikke lukket; tilføj »%s%.*s«", pres,
			              SHOW(p->ctn), p->ct);
		}
		const char *tag_end = close + closen;
		const char *c = q, *ce = close;
		while (c < ce && is_space(*c))
			c++;
		while (ce > c && is_space(ce[-1]))
			ce--;

		/* Standalone: only blanks before it on its line and after it up to the line
		 * ending or the end of the template. */
		const char *ls = tag, *next = tag_end;
		int standalone = 0;
		if (kind && kind != '&' && kind != '{') {
			while (ls > p->s && is_blank(ls[-1]))
				ls--;
			const char *r = tag_end;
			while (r < p->end && is_blank(*r))
				r++;
			if (ls == p->s || ls[-1] == '\n') {
				if (r == p->end || *r == '\n')
					standalone = 1, next = r + (r < p->end);
				else if (*r == '\r' && r + 1 < p->end && r[1] == '\n')
					standalone = 1, next = r + 2;
			}
		}
		add_text(p, text, standalone ? ls : tag);
		/* A standalone tag follows a line ending (tags never end in whitespace). */
		assert(!standalone || p->bol);
		if (add_tag(p, kind, tag, c, (size_t)(ce - c), standalone, ls))
			return -1;
		if (kind == '=' && set_delims(p, q, (size_t)(close - q), tag))
			return -1;
		p->bol = standalone;
		pos = text = next;
	}
	add_text(p, text, p->end);
	if (p->nstack) {
		const struct open_section *o = &p->stack[p->nstack - 1];
		return report(p->err, p->errlen, p->tname, p->s, p->t->nodes[o->node].pos,
		              "sektionen »%.*s« bliver ikke lukket; tilføj slutmærket for den",
		              SHOW(o->name_len), p->s + o->name_off);
	}
	return 0;
}

/* ------------------------------------------------------------------------------------ */
/* The set */

struct tmpl_set *tmpl_set_new(void)
{
	struct tmpl_set *s = xcalloc(1, sizeof *s);
	s->max_output = TMPL_MAX_OUTPUT;
	s->max_steps = TMPL_MAX_STEPS;
	return s;
}

void tmpl_set_free(struct tmpl_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		tmpl_free(s->t[i]);
	free(s->t);
	free(s);
}

void tmpl_set_limits(struct tmpl_set *s, size_t max_output, size_t max_steps)
{
	if (max_output)
		s->max_output = max_output;
	if (max_steps)
		s->max_steps = max_steps;
}

/* Index of the template called name[0..len) in s, or NO_TMPL. */
static uint32_t find(const struct tmpl_set *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->t[i]->name) == len && memcmp(s->t[i]->name, name, len) == 0)
			return (uint32_t)i;
	return NO_TMPL;
}

int tmpl_set_has(const struct tmpl_set *s, const char *name)
{
	return find(s, name, strlen(name)) != NO_TMPL;
}

/* Points every partial node of every template in s at the template it names. */
static void link_partials(struct tmpl_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct tmpl *t = s->t[i];
		for (uint32_t j = 0; j < t->nnodes; j++) {
			struct node *n = &t->nodes[j];
			if (n->op == OP_PARTIAL)
				n->u.partial.target =
				    find(s, t->src + n->u.partial.off, n->u.partial.len);
		}
	}
}

int tmpl_set_add(struct tmpl_set *s, const char *name, const char *text, size_t len, char *err,
                 size_t errlen)
{
	assert(s && name && (text || !len));
	if (len >= UINT32_MAX || s->n >= UINT32_MAX - 1)
		return report(err, errlen, name, "", 0, "skabelonen er for stor");
	struct tmpl *t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	t->src = xmalloc(len + 1);
	if (len)
		memcpy(t->src, text, len);
	t->src[len] = '\0';
	struct parser p = {
	    .tname = name,
	    .t = t,
	    .s = t->src,
	    .end = t->src + len,
	    .ot = "{{",
	    .otn = 2,
	    .ct = "}}",
	    .ctn = 2,
	    .bol = 1,
	    .err = err,
	    .errlen = errlen,
	};
	int rc = parse(&p);
	free(p.stack);
	if (rc) {
		tmpl_free(t);
		return -1;
	}
	uint32_t i = find(s, name, strlen(name));
	if (i != NO_TMPL) {
		tmpl_free(s->t[i]);
		s->t[i] = t;
	} else {
		s->t = xgrow(s->t, sizeof *s->t, s->n + 1, &s->cap);
		s->t[s->n++] = t;
	}
	link_partials(s);
	return 0;
}

int tmpl_set_check(const struct tmpl_set *s, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct tmpl *t = s->t[i];
		for (uint32_t j = 0; j < t->nnodes; j++) {
			const struct node *n = &t->nodes[j];
			if (n->op == OP_PARTIAL && n->u.partial.target == NO_TMPL)
				return report(err, errlen, t->name, t->src, n->pos,
				              "delskabelonen »%.*s« findes ikke",
				              SHOW(n->u.partial.len), t->src + n->u.partial.off);
		}
	}
	return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Renderer */

/* The context stack, innermost first; it lives on the C stack. */
struct ctx {
	json_t *v;
	const struct ctx *up;
};

/* Output is gathered in stage and appended to out a few kilobytes at a time: a page is
 * thousands of small pieces.
 * The indent of the partial being rendered is ind.s[ind_base, ind.len): a standalone partial
 * appends its own indent for its body, any other partial renders its body unindented by moving
 * ind_base to the end. ind grows at most a few times per render. */
struct render {
	const struct tmpl_set *set;
	struct buf *out;
	size_t room;    /* bytes that may still be written (max_output) */
	size_t steps;   /* nodes that may still be executed (max_steps) */
	unsigned depth; /* sections and partials open */
	int over;       /* the output limit was reached */
	struct buf ind;
	size_t ind_base;
	size_t sn;
	char stage[8192];
};

/* Appends p[0..n) to out, or as much as the output limit leaves room for. */
static void out_add(struct render *r, const void *p, size_t n)
{
	if (n > r->room) {
		n = r->room;
		r->over = 1;
	}
	buf_add(r->out, p, n);
	r->room -= n;
}

/* Appends the staged bytes to out. Returns 0, or -1 once the output limit is passed. */
static int flush(struct render *r)
{
	out_add(r, r->stage, r->sn);
	r->sn = 0;
	return r->over ? -1 : 0;
}

static void put(struct render *r, const void *p, size_t n)
{
	if (n > sizeof r->stage - r->sn) {
		flush(r);
		if (n > sizeof r->stage) {
			out_add(r, p, n);
			return;
		}
	}
	memcpy(r->stage + r->sn, p, n);
	r->sn += n;
}

static void put_indent(struct render *r)
{
	if (r->ind.len > r->ind_base)
		put(r, r->ind.s + r->ind_base, r->ind.len - r->ind_base);
}

/* Text, with the indent after each newline that has more text after it. */
static void put_text(struct render *r, const char *s, size_t n)
{
	if (r->ind.len == r->ind_base) {
		put(r, s, n);
		return;
	}
	const char *end = s + n;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			put(r, s, (size_t)(end - s));
			return;
		}
		put(r, s, (size_t)(nl + 1 - s));
		s = nl + 1;
		if (s < end)
			put_indent(r);
	}
}

/* The characters {{x}} escapes, and their entities. */
static const char escape_set[] = "&<>\"'`=";

static const struct {
	const char *s;
	size_t n;
} entities[] = {
    {"&amp;", 5}, {"&lt;", 4}, {"&gt;", 4}, {"&quot;", 6}, {"&#39;", 5}, {"&#96;", 5}, {"&#61;", 5},
};

/* s[0..n) HTML-escaped: safe in element text and in attribute values, quoted or not.
 * s[n] must be '\0' (as in every jansson string); s may hold other NULs. */
static void put_escaped(struct render *r, const char *s, size_t n)
{
	while (n) {
		size_t k = strcspn(s, escape_set); /* stops at a NUL inside, too */
		if (k >= n) {
			put(r, s, n);
			return;
		}
		put(r, s, k);
		if (s[k])
			put(r, entities[strchr(escape_set, s[k]) - escape_set].s,
			    entities[strchr(escape_set, s[k]) - escape_set].n);
		else
			put(r, "", 1);
		s += k + 1;
		n -= k + 1;
	}
}

static void put_int(struct render *r, json_int_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	put(r, p, (size_t)(tmp + sizeof tmp - p));
}

/* The shortest of %.15g and %.17g that reads back as d, with "." as the decimal point
 * whatever the locale: 1.21, 85 for 85.0, 1e+21. */
static void put_real(struct render *r, double d)
{
	char tmp[40];
	int n = snprintf(tmp, sizeof tmp, "%.15g", d);
	if (strtod(tmp, NULL) != d)
		n = snprintf(tmp, sizeof tmp, "%.17g", d);
	if (n <= 0 || (size_t)n >= sizeof tmp)
		return;
	for (int i = 0; i < n; i++)
		if (tmp[i] == ',')
			tmp[i] = '.';
	put(r, tmp, (size_t)n);
}

static void put_value(struct render *r, const json_t *v, int escape)
{
	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (escape)
			put_escaped(r, json_string_value(v), json_string_length(v));
		else
			put(r, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		put_int(r, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(r, json_real_value(v));
		break;
	case JSON_TRUE:
		put(r, "true", 4);
		break;
	case JSON_FALSE:
		put(r, "false", 5);
		break;
	default:
		break;
	}
}

static int truthy(const json_t *v)
{
	if (!v)
		return 0;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return 1;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) < 0 || json_real_value(v) > 0;
	default:
		return 0;
	}
}

/* A part of a dotted name that is a decimal index into an array, as mustache.js allows:
 * {{#list.0}}…{{/list.0}} renders when the list has a first element. */
static json_t *array_part(json_t *a, const char *s, size_t len)
{
	if (!len || len > 9)
		return NULL;
	size_t ix = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NULL;
		ix = ix * 10 + (size_t)(s[i] - '0');
	}
	return json_array_get(a, ix);
}

/* The value of the name of n: "." is the innermost context; the first part of a dotted name is
 * looked up from the innermost context outwards, each further part only in the value before. */
static json_t *lookup(const struct tmpl *t, const struct node *n, const struct ctx *cx)
{
	if (!n->nparts)
		return cx->v;
	const struct part *pt = &t->parts[n->u.name.part];
	json_t *v = NULL;
	for (; cx; cx = cx->up)
		if (json_is_object(cx->v) &&
		    (v = json_object_getn(cx->v, t->src + pt->off, pt->len)) != NULL)
			break;
	for (unsigned i = 1; v && i < n->nparts; i++)
		v = json_is_object(v)  ? json_object_getn(v, t->src + pt[i].off, pt[i].len)
		    : json_is_array(v) ? array_part(v, t->src + pt[i].off, pt[i].len)
		                       : NULL;
	return v;
}

/* Renders nodes [i, end) of t. Returns 0, or -1 when a limit was reached. */
static int render_nodes(struct render *r, const struct tmpl *t, uint32_t i, uint32_t end,
                        const struct ctx *cx)
{
	while (i < end) {
		const struct node *n = &t->nodes[i];
		if (!r->steps--)
			return -1;
		if (r->over || (r->sn > sizeof r->stage / 2 && flush(r)))
			return -1;
		if (n->bol)
			put_indent(r);
		switch (n->op) {
		case OP_TEXT:
			put_text(r, t->src + n->u.text.off, n->u.text.len);
			i++;
			break;
		case OP_BOL:
			i++;
			break;
		case OP_VAR:
		case OP_RAW:
			put_value(r, lookup(t, n, cx), n->op == OP_VAR);
			i++;
			break;
		case OP_SECTION: {
			json_t *v = lookup(t, n, cx);
			if (truthy(v)) {
				if (r->depth >= TMPL_MAX_DEPTH)
					return -1;
				r->depth++;
				if (json_is_array(v)) {
					size_t k, len = json_array_size(v);
					for (k = 0; k < len; k++) {
						struct ctx c = {json_array_get(v, k), cx};
						if (render_nodes(r, t, i + 1, n->u.name.end, &c))
							return -1;
					}
				} else {
					struct ctx c = {v, cx};
					if (render_nodes(r, t, i + 1, n->u.name.end, &c))
						return -1;
				}
				r->depth--;
			}
			i = n->u.name.end;
			break;
		}
		case OP_INVERTED:
			if (!truthy(lookup(t, n, cx))) {
				if (r->depth >= TMPL_MAX_DEPTH)
					return -1;
				r->depth++;
				if (render_nodes(r, t, i + 1, n->u.name.end, cx))
					return -1;
				r->depth--;
			}
			i = n->u.name.end;
			break;
		case OP_PARTIAL: {
			i++;
			if (n->u.partial.target == NO_TMPL)
				break;
			if (r->depth >= TMPL_MAX_DEPTH)
				return -1;
			const struct tmpl *pt = r->set->t[n->u.partial.target];
			size_t base = r->ind_base, len = r->ind.len;
			if (n->standalone)
				buf_add(&r->ind, t->src + n->u.partial.ind_off,
				        n->u.partial.ind_len);
			else
				r->ind_base = len;
			r->depth++;
			if (render_nodes(r, pt, 0, pt->nnodes, cx))
				return -1;
			r->depth--;
			r->ind_base = base;
			if (r->ind.len != len) {
				r->ind.len = len;
				r->ind.s[len] = '\0';
			}
			break;
		}
		default:
			assert(0);
			return -1;
		}
	}
	return 0;
}

int tmpl_render(const struct tmpl_set *s, const char *name, json_t *data, struct buf *out)
{
	uint32_t i = find(s, name, strlen(name));
	if (i == NO_TMPL)
		return -1;
	struct render r;
	r.set = s;
	r.out = out;
	r.room = s->max_output;
	r.steps = s->max_steps;
	r.depth = 0;
	r.over = 0;
	buf_init(&r.ind);
	r.ind_base = 0;
	r.sn = 0;
	struct ctx root = {data, NULL};
	int rc = render_nodes(&r, s->t[i], 0, s->t[i]->nnodes, &root);
	if (flush(&r))
		rc = -1;
	buf_free(&r.ind);
	return rc;
}
