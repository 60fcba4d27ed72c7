/* SPDX-FileCopyrightText: 2026 fkigov contributors
 * SPDX-License-Identifier: MPL-2.0 */
#ifndef FK_CSV_H
#define FK_CSV_H
#include <stddef.h>

#include "util/diag.h"

/* An RFC 4180 CSV reader over a buffer in memory, for the appointments file and the
 * municipality data. Accepts comma or semicolon separators (detected from the header
 * line: the first of ',' or ';' outside quotes), an optional UTF-8 byte-order mark,
 * CRLF or LF line ends, quoted fields with "" escapes and embedded newlines.
 * Rejects (with file:line:column and a Danish reason): invalid UTF-8, a quote inside
 * an unquoted field, text after a closing quote, an unterminated quoted field, a NUL byte,
 * and a file in UTF-16 (little or big endian, by its byte-order mark or, without one, by
 * the NUL bytes of its ASCII characters), which is named as such.
 * A field that begins with ' followed (after any further ') by = + - @ TAB or CR loses that
 * first ': csv_write_field writes such cells so, to keep spreadsheets from running them as
 * formulas, and reading undoes it, so a round trip is lossless.
 * Lines and columns are 1-based; columns count characters (code points), not bytes, and
 * the byte-order mark is not counted. A lone CR ends a line as CRLF and LF do. Only truly
 * empty lines are blank; a line of spaces is a record with one field.
 * Fields point into one scratch buffer reused from record to record: reading allocates
 * nothing per field or per record once the buffers have grown. */

struct csv_field {
	char *s;      /* NUL-terminated, unescaped; owned by the reader */
	size_t len;
	long line;    /* where the field starts */
	long col;
};

struct csv_reader {
	const char *p, *end;
	const char *file;
	char sep;
	long line, col;
	struct csv_field *fields;
	size_t nfields, capfields;
	char *scratch;
	size_t scratchlen, scratchcap;
	long record_line; /* line the current record starts on */
	int utf16;        /* the input is UTF-16: 1 little endian, 2 big endian; 0 not */
};

/* Starts reading data[0..len) (not copied: it must outlive the reader). file names the
 * input in diagnostics (not copied; may be NULL). Skips a byte-order mark and sets r->sep. */
void csv_open(struct csv_reader *r, const char *data, size_t len, const char *file);
/* Reads the next record into r->fields / r->nfields. Returns 1 for a record, 0 at end
 * of input, -1 on malformed input (a diagnostic is appended to d unless d is NULL; the reader
 * then stops, and later calls return -1 without a new diagnostic). Blank lines are
 * skipped. The fields stay valid until the next call. */
int csv_next(struct csv_reader *r, struct diags *d);
/* Frees what the reader holds; r may be opened again. */
void csv_close(struct csv_reader *r);
/* Appends one field to out, in quotes with '"' doubled when it holds sep, '"', CR or LF.
 * A field that a spreadsheet would take for a formula — it begins with = + - @ TAB or CR,
 * possibly after some ' — gets one ' in front (Excel shows the text and runs nothing); the
 * reader takes it off again. The caller writes separators and line ends. A record of one
 * empty field written this way is an empty line, which the reader skips: write it as ""
 * instead. */
struct buf;
void csv_write_field(struct buf *out, const char *s, char sep);
/* The spreadsheet name of field index i (0-based) into out[8]: "A" ... "Z", "AA" ... "ZZ",
 * "AAA" ...; as Excel labels the columns a user sees. */
void csv_col_letters(size_t i, char out[8]);
#endif
