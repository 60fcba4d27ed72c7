/* Mustache templates: a compiler from template text to a flat node list, and a renderer that
 * walks it (see tmpl.h for the language and the contract).
 *
 * A template is compiled once into an array of nodes. A section is its opening node followed
 * by its body; the node records where the body ends, so rendering is a loop over an index
 * range with recursion only into section bodies and partials. Text nodes and names are slices
 * of the template's own copy of its source, so rendering copies bytes straight from there into
 * the caller's buffer and looks names up with json_object_getn, allocating nothing.
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
		struct {
			uint32_t part; /* first of nparts entries in tmpl.parts */
			uint32_t end;  /* OP_SECTION, OP_INVERTED: index of the node after the body */
		} name;
		struct {
			uint32_t off, len;         /* the partial's name in the source */
			uint32_t ind_off, ind_len; /* the standalone indent in the source */
			uint32_t target;           /* index in the set, or NO_TMPL (tmpl_set_add links) */
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
	size_t len;
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

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

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
		const char *k = memmem(q, (size_t)(p->end - q), p->ct, p->ctn);
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
