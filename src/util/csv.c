/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#include "util/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* How the reader works
 *
 * One pass over the bytes. Each field is copied, unescaped and NUL-terminated, into one
 * scratch buffer that is reused from record to record, so a record costs no allocation
 * once the buffers have grown to the widest record. While a record is read, the scratch
 * buffer may move (xgrow), so fields[i].len holds the field's offset into scratch; the
 * pointers and lengths are filled in once the record is complete (record_finish).
 *
 * r->line / r->col always give the position of r->p: the next byte to read. Columns count
 * code points: a UTF-8 sequence is validated and counted as one column.
 *
 * After an error r->p is NULL: later calls return -1 without a new diagnostic. */

/* ASCII bytes that end a run of plain text in some state: NUL, line ends, the quote and
 * both possible separators. Bytes >= 0x80 start a UTF-8 sequence and are checked apart. */
static const unsigned char special[128] = {
    [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1, [';'] = 1,
};

/* Length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) that starts at p, a byte >= 0x80; 0 when it is malformed. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t avail = (size_t)(end - p);
	unsigned lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		return avail >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		if (avail < 3 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		if (avail < 4 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 ||
		    (p[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Errors */

/* Puts r in the error state; returns -1. */
static int stop(struct csv_reader *r)
{
	r->p = NULL;
	r->end = NULL;
	r->nfields = 0;
	return -1;
}

/* Appends msg at line:col to d (when not NULL) and stops r. */
static int fail(struct csv_reader *r, struct diags *d, long line, long col, const char *msg)
{
	if (d)
		diags_add(d, r->file, line, col, NULL, "%s", msg);
	return stop(r);
}

static int fail_utf8(struct csv_reader *r, struct diags *d, long line, long col, unsigned char c)
{
	if (d)
		diags_add(d, r->file, line, col, NULL,
		          "Ugyldig UTF-8 (byte 0x%02X). Filen er måske gemt i et ældre tegnsæt som "
		          "Windows-1252; gem filen som UTF-8 (i Excel: »CSV UTF-8«), og prøv igen.",
		          c);
	return stop(r);
}

static int fail_utf16(struct csv_reader *r, struct diags *d)
{
	if (d)
		diags_add(d, r->file, 1, 1, NULL,
		          "Filen er UTF-16 (%s) og ikke UTF-8. Gem den som CSV UTF-8 i Excel (»Gem "
		          "som«, filtypen »CSV UTF-8 (kommasepareret)«), og prøv igen.",
		          r->utf16 == 1 ? "little endian" : "big endian");
	return stop(r);
}

static const char msg_nul[] = "Filen indeholder et NUL-tegn (byte 0), så den er ikke en "
                              "tekstfil; gem den som CSV, og prøv igen.";
static const char msg_quote_inside[] =
    "Et anførselstegn (\") står inde i et felt, der ikke begynder med anførselstegn; sæt "
    "hele feltet i anførselstegn, og skriv anførselstegnet som \"\".";
static const char msg_after_quote[] =
    "Der står tekst efter det anførselstegn, der lukker feltet; flyt teksten ind i "
    "anførselstegnene, eller skriv et anførselstegn inde i feltet som \"\".";
static const char msg_unterminated[] =
    "Anførselstegnet, der åbner feltet her, bliver aldrig lukket; tilføj det afsluttende "
    "anførselstegn (\").";

/* ------------------------------------------------------------------------------------ */
/* Reading */

/* Picks the separator: the first ',' or ';' outside quotes on the first record (blank
 * lines before it are skipped), ',' when there is none. */
static char detect_sep(const char *p, const char *end)
{
	int quoted = 0, seen = 0;
	for (; p < end; p++) {
		char c = *p;
		if (c == '"') {
			quoted = !quoted;
			seen = 1;
		} else if (quoted) {
			continue;
		} else if (c == ',' || c == ';') {
			return c;
		} else if (c == '\n' || c == '\r') {
			if (seen)
				break;
		} else {
			seen = 1;
		}
	}
	return ',';
}

/* 1 when p[0..len) is UTF-16 little endian, 2 big endian, 0 neither: by its byte-order mark,
 * or without one when the first 512 bytes look like ASCII text in UTF-16 (a NUL byte as
 * the high byte of at least half the characters, and almost never as the low byte). Text in
 * UTF-8 has no NUL bytes, so no file the reader would accept is taken for UTF-16. */
static int utf16_kind(const unsigned char *p, size_t len)
{
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe)
		return 1;
	if (len >= 2 && p[0] == 0xfe && p[1] == 0xff)
		return 2;
	size_t pairs = (len < 512 ? len : 512) / 2, zero_lo = 0, zero_hi = 0;
	if (pairs < 2)
		return 0;
	for (size_t i = 0; i < pairs; i++) {
		zero_lo += p[2 * i] == 0;
		zero_hi += p[2 * i + 1] == 0;
	}
	if (zero_hi * 2 >= pairs && zero_lo * 8 < pairs)
		return 1;
	if (zero_lo * 2 >= pairs && zero_hi * 8 < pairs)
		return 2;
	return 0;
}

void csv_open(struct csv_reader *r, const char *data, size_t len, const char *file)
{
	memset(r, 0, sizeof *r);
	r->p = data ? data : "";
	r->end = data ? data + len : r->p;
	r->utf16 = utf16_kind((const unsigned char *)r->p, (size_t)(r->end - r->p));
	if (r->end - r->p >= 3 && memcmp(r->p, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
	r->file = file;
	r->sep = detect_sep(r->p, r->end);
	r->line = 1;
	r->col = 1;
}

static void scratch_add(struct csv_reader *r, const char *s, size_t n)
{
	r->scratch = xgrow(r->scratch, 1, r->scratchlen + n + 1, &r->scratchcap);
	memcpy(r->scratch + r->scratchlen, s, n);
	r->scratchlen += n;
}

/* Reads an unquoted field up to the separator, a line end or the end of input (not
 * consumed). */
static int read_plain(struct csv_reader *r, struct diags *d)
{
	const unsigned char *start = (const unsigned char *)r->p, *p = start;
	const unsigned char *end = (const unsigned char *)r->end;
	const unsigned char sep = (unsigned char)r->sep;
	long col = r->col;
	while (p < end) {
		unsigned char c = *p;
		if (c < 0x80 && !special[c]) {
			p++;
			col++;
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_seq(p, end);
			if (!n)
				return fail_utf8(r, d, r->line, col, c);
			p += n;
			col++;
			continue;
		}
		if (c == sep || c == '\n' || c == '\r')
			break;
		if (c == '"')
			return fail(r, d, r->line, col, msg_quote_inside);
		if (c == '\0')
			return fail(r, d, r->line, col, msg_nul);
		p++; /* the other of ',' and ';' is plain text */
		col++;
	}
	scratch_add(r, (const char *)start, (size_t)(p - start));
	r->p = (const char *)p;
	r->col = col;
	return 0;
}

/* Reads a quoted field starting at its opening quote, through the closing quote, and
 * checks that what follows ends the field. */
static int read_quoted(struct csv_reader *r, struct diags *d)
{
	const unsigned char *p = (const unsigned char *)r->p + 1;
	const unsigned char *end = (const unsigned char *)r->end;
	const unsigned char *run = p;
	long open_line = r->line, open_col = r->col;
	long line = r->line, col = r->col + 1;
	for (;;) {
		if (p == end)
			return fail(r, d, open_line, open_col, msg_unterminated);
		unsigned char c = *p;
		if (c < 0x80 && !special[c]) {
			p++;
			col++;
		} else if (c >= 0x80) {
			size_t n = utf8_seq(p, end);
			if (!n)
				return fail_utf8(r, d, line, col, c);
			p += n;
			col++;
		} else if (c == '"') {
			scratch_add(r, (const char *)run, (size_t)(p - run));
			if (p + 1 < end && p[1] == '"') {
				scratch_add(r, "\"", 1);
				p += 2;
				col += 2;
				run = p;
				continue;
			}
			p++;
			col++;
			break;
		} else if (c == '\n') {
			p++;
			line++;
			col = 1;
		} else if (c == '\r') {
			p++;
			if (p < end && *p == '\n')
				p++;
			line++;
			col = 1;
		} else if (c == '\0') {
			return fail(r, d, line, col, msg_nul);
		} else { /* ',' or ';' */
			p++;
			col++;
		}
	}
	r->p = (const char *)p;
	r->line = line;
	r->col = col;
	if (p < end && *p != r->sep && *p != '\n' && *p != '\r')
		return fail(r, d, line, col, msg_after_quote);
	return 0;
}

/* True when s[0..len) would be a formula in a spreadsheet, or is one protected with ' —
 * after any run of ', it begins with = + - @ TAB or CR. */
static int formula_like(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == '\'')
		i++;
	return i < len && s[i] && strchr("=+-@\t\r", s[i]) != NULL;
}

/* Sets the field pointers and lengths once the scratch buffer no longer moves, and takes
 * off the ' that protects a formula-like cell (see csv_write_field). */
static void record_finish(struct csv_reader *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		size_t off = r->fields[i].len;
		size_t next = i + 1 < r->nfields ? r->fields[i + 1].len : r->scratchlen;
		r->fields[i].s = r->scratch + off;
		r->fields[i].len = next - off - 1;
		if (r->fields[i].s[0] == '\'' && formula_like(r->fields[i].s, r->fields[i].len)) {
			r->fields[i].s++;
			r->fields[i].len--;
		}
	}
}

int csv_next(struct csv_reader *r, struct diags *d)
{
	if (!r->p)
		return -1;
	if (r->utf16)
		return fail_utf16(r, d);
	/* Skip blank lines. */
	for (;;) {
		if (r->p == r->end)
			return 0;
		if (*r->p == '\n') {
			r->p++;
		} else if (*r->p == '\r') {
			r->p++;
			if (r->p < r->end && *r->p == '\n')
				r->p++;
		} else {
			break;
		}
		r->line++;
		r->col = 1;
	}
	r->nfields = 0;
	r->scratchlen = 0;
	r->record_line = r->line;
	for (;;) {
		r->fields = xgrow(r->fields, sizeof *r->fields, r->nfields + 1, &r->capfields);
		struct csv_field *f = &r->fields[r->nfields++];
		f->s = NULL;
		f->len = r->scratchlen; /* offset until record_finish */
		f->line = r->line;
		f->col = r->col;
		int rc = (r->p < r->end && *r->p == '"') ? read_quoted(r, d) : read_plain(r, d);
		if (rc < 0)
			return -1;
		scratch_add(r, "", 1);
		if (r->p == r->end)
			break;
		char c = *r->p++;
		if (c == r->sep) {
			r->col++;
			continue;
		}
		if (c == '\r' && r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		r->col = 1;
		break;
	}
	record_finish(r);
	return 1;
}

void csv_close(struct csv_reader *r)
{
	free(r->fields);
	free(r->scratch);
	memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------------------------ */
/* Writing */

void csv_write_field(struct buf *out, const char *s, char sep)
{
	size_t n = strcspn(s, (const char[]){sep, '"', '\r', '\n', '\0'});
	const char *guard = formula_like(s, strlen(s)) ? "'" : "";
	if (s[n] == '\0') {
		buf_adds(out, guard);
		buf_add(out, s, n);
		return;
	}
	buf_addc(out, '"');
	buf_adds(out, guard);
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
		buf_add(out, s, (size_t)(q - s) + 1);
		buf_addc(out, '"');
	}
	buf_adds(out, s);
	buf_addc(out, '"');
}

void csv_col_letters(size_t i, char out[8])
{
	char t[8];
	size_t n = 0;
	i++; /* bijective base 26: A = 1 */
	while (i > 0 && n < 7) {
		t[n++] = (char)('A' + (i - 1) % 26);
		i = (i - 1) / 26;
	}
	for (size_t k = 0; k < n; k++)
		out[k] = t[n - 1 - k];
	out[n] = '\0';
}
